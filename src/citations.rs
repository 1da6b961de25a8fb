//! Stage: the documents a report cites: 《title》, with the 文号 that follows it, and 文号 standing
//! alone (国办发〔2016〕19号, 苏政办发[2016]55号).
//!
//! Takes [`Normalized`] text (year brackets are already `[` `]` there); gives [`Citation`]s in
//! text order, spans in the original.

use crate::model::Citation;
use crate::normalize::Normalized;
use crate::pattern::Pattern;
use memchr::memmem;
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
    let mut starts: Vec<usize> = memmem::find_iter(bytes, "《").collect();
    for at in memchr::memchr_iter(b'[', bytes) {
        starts.extend(text[..at].char_indices().rev().take(12).map(|(i, _)| i));
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// One citation's match: byte ranges of the whole, of the title inside 《》 and of the 文号.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    whole: (usize, usize),
    title: Option<(usize, usize)>,
    number: Option<(usize, usize)>,
}

impl Found {
    fn of(caps: &crate::pattern::Captures<'_, '_>) -> Found {
        let range = |g: crate::pattern::Group<'_>| (g.start(), g.end());
        Found {
            whole: range(caps.whole()),
            title: caps.name("title").map(range),
            number: caps.name("num1").or_else(|| caps.name("num2")).map(range),
        }
    }
}

/// The matches of [`CITATION`] in `text` (`cuts`: its clauses), left to right and not
/// overlapping, as its search would give them. A 《title》 is read by hand: its title is the
/// characters up to the first 《, 》 or line break, a match when that is 》 after one to 80 of
/// them; the pattern runs only where a 文号 in brackets may follow it, and at the other starts
/// (the pattern's steps through a title, one character at a time, cost half of this stage).
fn matches(text: &str, cuts: &crate::clauses::Clauses) -> Vec<Found> {
    static R: OnceLock<Pattern> = OnceLock::new();
    let re = R.get_or_init(|| Pattern::new(CITATION).expect("citation pattern"));
    let mut out = Vec::new();
    // A citation never crosses a line: each is searched within its line.
    let mut next = 0;
    for start in citation_starts(text) {
        if start < next {
            continue;
        }
        let line_end = cuts.line_end(start);
        let found = match title_at(text, start, line_end) {
            Some(end) if !text[end..line_end].starts_with('(') => Some(Found {
                whole: (start, end),
                title: Some((start + "《".len(), end - "》".len())),
                number: None,
            }),
            // No 《 of a title can start a 文号 (《 is no ideograph).
            None if text[start..].starts_with('《') => None,
            _ => re.captures_at(text, start, line_end).map(|c| Found::of(&c)),
        };
        if let Some(f) = found {
            next = f.whole.1;
            out.push(f);
        }
    }
    out
}

/// The end of `《title》` at `start` within `..to`: 《, then one to 80 characters other than 《, 》
/// and a line break, then 》.
fn title_at(text: &str, start: usize, to: usize) -> Option<usize> {
    if !text[start..to].starts_with('《') {
        return None;
    }
    let inner = start + "《".len();
    let (count, (at, stop)) = text[inner..to]
        .char_indices()
        .take(81)
        .enumerate()
        .find(|(_, (_, c))| matches!(c, '《' | '》' | '\n'))?;
    (stop == '》' && (1..=80).contains(&count)).then_some(inner + at + "》".len())
}

/// Finds the citations.
pub fn citations(norm: &Normalized) -> Vec<Citation> {
    let mut out = Vec::new();
    for found in matches(&norm.text, &norm.clauses) {
        let text = norm.text.as_str();
        let (start, end) = found.whole;
        let title = found.title.map(|(s, e)| &text[s..e]);
        // The law itself and the report's own name are no citations.
        if title.is_some_and(|t| t == "条例" || t.ends_with("年度报告")) {
            continue;
        }
        let number = found.number.map(|(s, e)| {
            let lead = leading_words(&text[s..e]);
            (s + lead, e)
        });
        let start = match (found.title, number) {
            (None, Some((at, _))) => at,
            _ => start,
        };
        out.push(Citation {
            title: found.title.map(|(s, e)| original_text(norm, s, e)),
            number: number.map(|(s, e)| original_text(norm, s, e)),
            span: norm.span(start, end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The matches read (titles by hand) are the pattern's own, searched over the whole text.
    #[test]
    fn matches_are_the_patterns() {
        use proptest::prelude::*;
        let re = Pattern::new(CITATION).unwrap();
        let texts = crate::testing::texts("《》《》()[]\n2019号发办国以及a,。甲", 60);
        proptest!(ProptestConfig::with_cases(5000), |(text in texts)| {
            let cuts = crate::clauses::Clauses::new(&text);
            let by_pattern: Vec<Found> = re.captures_iter(&text).map(|c| Found::of(&c)).collect();
            prop_assert_eq!(matches(&text, &cuts), by_pattern, "{:?}", text);
        });
        // Titles of 80 characters and more.
        for n in [1, 79, 80, 81, 200] {
            let text = format!("《{}》(国办发[2016]19号)", "甲".repeat(n));
            let cuts = crate::clauses::Clauses::new(&text);
            let by_pattern: Vec<Found> = re.captures_iter(&text).map(|c| Found::of(&c)).collect();
            assert_eq!(matches(&text, &cuts), by_pattern, "{n}");
        }
    }

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
