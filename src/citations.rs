//! Stage: the documents a report cites: 《title》, with the 文号 that follows it, and 文号 standing
//! alone (国办发〔2016〕19号, 苏政办发[2016]55号).
//!
//! Takes [`Normalized`] text (year brackets are already `[` `]` there); gives [`Citation`]s in
//! text order, spans in the original.

use crate::model::Citation;
use crate::normalize::Normalized;
use crate::pattern::Pattern;
use std::sync::OnceLock;

/// 《title》 optionally followed by (文号), or a 文号 on its own.
const CITATION: &str = concat!(
    r"《(?P<title>[^《》\n]{1,80})》(?:\((?P<num1>\p{Han}{1,12}\[(?:19|20)[0-9]{2}\][0-9]{1,4}号)\))?",
    r"|(?P<num2>\p{Han}{1,12}\[(?:19|20)[0-9]{2}\][0-9]{1,4}号)",
);

/// Words that may stand right before a 文号 but are not part of its issuer.
const LEAD_WORDS: &[&str] = &[
    "以及", "按照", "根据", "依据", "落实", "贯彻", "印发", "关于", "及", "和", "与", "并", "以",
    "的", "等", "对",
];

/// Byte length of the words before a 文号's issuer (以及中办发 → 以及).
fn leading_words(number: &str) -> usize {
    let mut at = 0;
    while let Some(w) = LEAD_WORDS.iter().find(|w| number[at..].starts_with(**w)) {
        at += w.len();
    }
    at
}

/// Text as written in the original, for a byte range of the normalised text. Citations keep the
/// report's script and brackets (國辦發﹝2016﹞19號).
fn original_text(norm: &Normalized, start: usize, end: usize) -> String {
    let span = norm.span(start, end);
    norm.original_chars(span)
}

/// The places a citation can start: each `《`, and the characters up to twelve before each `[`
/// (a 文号's issuer is one to twelve characters long). Only these are tried: a 文号 may start at
/// any Chinese character, and trying each one of the text cost a tenth of the analysis.
fn citation_starts(text: &str) -> Vec<usize> {
    // Found by memchr, not by decoding every character of the text.
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = crate::lexicon::searcher!("《").find_iter(bytes).collect();
    for at in memchr::memchr_iter(b'[', bytes) {
        starts.extend(text[..at].char_indices().rev().take(12).map(|(i, _)| i));
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Finds the citations.
pub fn citations(norm: &Normalized) -> Vec<Citation> {
    static R: OnceLock<Pattern> = OnceLock::new();
    let re = R.get_or_init(|| Pattern::new(CITATION).expect("citation pattern"));
    let mut out = Vec::new();
    let text = norm.text.as_str();
    let starts = citation_starts(text);
    // A citation never crosses a line: each line's starts are searched within it, so that the
    // search's memo is a line's size, not the text's.
    let lines = starts.chunk_by(|&a, &b| norm.clauses.line_end(a) == norm.clauses.line_end(b));
    let matches = lines
        .flat_map(|starts| re.captures_at_starts(text, starts, norm.clauses.line_end(starts[0])));
    for caps in matches {
        let m = caps.get(0).expect("group 0");
        let original = |g: crate::pattern::Group<'_>| original_text(norm, g.start(), g.end());
        let title = caps.name("title");
        // The law itself and the report's own name are no citations.
        if title.is_some_and(|t| t.as_str() == "条例" || t.as_str().ends_with("年度报告")) {
            continue;
        }
        let number = caps.name("num1").or_else(|| caps.name("num2")).map(|n| {
            let lead = leading_words(n.as_str());
            (n.start() + lead, &n.as_str()[lead..])
        });
        let start = match (title, number) {
            (None, Some((at, _))) => at,
            _ => m.start(),
        };
        out.push(Citation {
            title: title.map(original),
            number: number.map(|(at, n)| original_text(norm, at, at + n.len())),
            span: norm.span(start, m.end()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn titles_and_document_numbers() {
        let text = "認真落實《國務院辦公廳關於印發2016年政務公開工作要點的通知》(國辦發﹝2016﹞19號)以及中辦發[2016]8號、蘇政辦發〔2016〕55號等文件。";
        let norm = normalize(text);
        let c = citations(&norm);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].title.as_deref(), Some("國務院辦公廳關於印發2016年政務公開工作要點的通知"));
        assert_eq!(c[0].number.as_deref(), Some("國辦發﹝2016﹞19號"));
        assert_eq!(c[1].number.as_deref(), Some("中辦發[2016]8號"));
        assert_eq!(c[2].number.as_deref(), Some("蘇政辦發〔2016〕55號"));
        let quote: String =
            text.chars().skip(c[2].span[0]).take(c[2].span[1] - c[2].span[0]).collect();
        assert_eq!(quote, "蘇政辦發〔2016〕55號");
    }
}
