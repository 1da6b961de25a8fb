//! Stage: every number of the report, with its unit, qualifier, section and sentence: the "all
//! figures" table a reader can search.
//!
//! Takes [`Normalized`] text and its [`Outline`]; gives [`Figure`]s in text order. Left out:
//! parts of dates (2016年12月31日), heading numbers (一、 1.), document numbers (〔2016〕19号),
//! and Chinese numerals without a unit (一是, 统一) which are words, not figures.

use crate::model::Figure;
use crate::normalize::Normalized;
use crate::numbers::{is_numeral, token_at};
use crate::outline::Outline;
use crate::pattern::{code_ahead, Pattern};
use std::sync::OnceLock;

/// Units that may follow a figure, longest first within a family.
#[rustfmt::skip]
pub const UNITS: &[&str] = &[
    "个百分点", "万人次", "人次", "件次", "户次", "万元", "亿元", "元", "%",
    "个工作日", "工作日", "平方米", "小时", "余人", "条", "件", "个", "项", "次", "场", "期",
    "人", "家", "篇", "份", "例", "宗", "起", "户", "名", "台", "部", "批", "天", "处", "类", "万", "亿",
];

/// The unit right after a figure: the first of [`UNITS`] that stands there (what the
/// alternation `(?:个百分点|万人次|…)?` after the number would take, without trying its
/// alternatives one by one at every figure).
fn unit_at(rest: &str) -> Option<&'static str> {
    let first = first_char_key(rest.as_bytes())?;
    let from = UNITS_BY_FIRST_CHAR.partition_point(|&(key, _)| key < first);
    UNITS_BY_FIRST_CHAR[from..]
        .iter()
        .take_while(|&&(key, _)| key == first)
        .map(|&(_, i)| UNITS[i])
        .find(|u| rest.starts_with(u))
}

/// Each of [`UNITS`] by its first character as [`first_char_key`] gives it, and its place in
/// the list, sorted (computed when compiling): at every figure, a binary search finds the few
/// units that may stand there, in the list's order, rather than comparing each.
const UNITS_BY_FIRST_CHAR: [(u32, usize); UNITS.len()] = {
    let mut keys = [(0, 0); UNITS.len()];
    let mut i = 0;
    while i < UNITS.len() {
        let key = match first_char_key(UNITS[i].as_bytes()) {
            Some(key) => key,
            None => panic!("an empty unit"),
        };
        // Insertion sort, stable: units of one first character keep their order.
        let mut j = i;
        while j > 0 && keys[j - 1].0 > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = (key, i);
        i += 1;
    }
    keys
};

/// The bytes of the first character of UTF-8 text, as one number.
const fn first_char_key(bytes: &[u8]) -> Option<u32> {
    let len = match bytes {
        [] => return None,
        [0..=0x7F, ..] => 1,
        [0xC0..=0xDF, ..] => 2,
        [0xE0..=0xEF, ..] => 3,
        _ => 4,
    };
    let mut key = 0;
    let mut i = 0;
    while i < len && i < bytes.len() {
        key = key << 8 | bytes[i] as u32;
        i += 1;
    }
    Some(key)
}

/// Finds every figure.
pub fn figures(norm: &Normalized, outline: &Outline) -> Vec<Figure> {
    let text = norm.text.as_str();
    let clauses = &norm.clauses;
    let mut out: Vec<Figure> = Vec::new();
    let mut last_at = None;
    let mut at = 0;
    while let Some(start) = next_figure_start(text, at) {
        let Some(token) = token_at(text, start) else {
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let unit = unit_at(&text[token.end..]);
        let m = (token.start, token.end + unit.map_or(0, str::len));
        at = m.1.max(start + 1);
        let num = &text[token.num.0..token.num.1];
        let arabic = num.as_bytes()[0].is_ascii_digit();
        let before = &text[..m.0];
        if outline.in_chrome(m.0) || (!arabic && (unit.is_none() || is_word(num, before))) {
            continue;
        }
        let after = &text[m.1..];
        let prev = before.chars().next_back();
        // A figure glued to letters or digits of a code (ICP备05000000, GB/T 12345) is no count.
        if prev.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '-') && unit.is_none() {
            continue;
        }
        if unit.is_none() && is_date_or_number_part(before, after) {
            continue;
        }
        // The figure's line up to it (found by binary search: a walk back along the line from
        // every figure costs the square of a long line's length).
        let line = &text[clauses.line_start(m.0)..m.0];
        if unit.is_none() && is_code(line, num) {
            continue; // a telephone number, a postcode, an index number
        }
        if unit.is_none() && line.trim().is_empty() && after.starts_with(['.', '、']) {
            continue; // a heading number
        }
        let Some(n) = token.number(text) else { continue };
        let percent = unit == Some("%") || before.ends_with("百分之");
        // The section of the figure before when no heading starts between the two.
        let section = match (last_at, out.last()) {
            (Some(last), Some(f)) if !outline.heading_within(last, m.0 + 1) => {
                std::sync::Arc::clone(&f.section)
            }
            _ => outline.path_at(m.0).into_iter().map(str::to_string).collect(),
        };
        last_at = Some(m.0);
        out.push(Figure {
            value: n.value,
            unit,
            approx: n.approx,
            percent,
            span: norm.span(m.0, m.1),
            section,
            sentence: sentence_span(norm, m.0, m.1),
        });
    }
    out
}

/// Where the next figure may start at or after byte `at`: a digit, a Chinese numeral, or a
/// qualifier that may stand before one (约, 近, 超过 …): the first characters of
/// [`crate::numbers::NUMBER`]. Whether a figure does stand there (约300条, not 约定 or 大力) is
/// for [`token_at`] to say.
///
/// Each character is looked up in [`STARTS`]: one test, seldom passed, where the kinds of
/// character (in a report they alternate, 申请12件,其中…, in no order a processor learns) were
/// once told apart by branches that guessed wrong.
fn next_figure_start(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = at;
    // Three bytes ahead are there to read (see `code_ahead`).
    while at + 3 <= bytes.len() {
        let (len, c) = code_ahead(bytes[at], bytes[at + 1], bytes[at + 2]);
        // Beyond the Basic Multilingual Plane: no bit, no start.
        if STARTS.get(c as usize / 64).is_some_and(|bits| bits >> (c % 64) & 1 != 0) {
            return Some(at);
        }
        at += len;
    }
    text.get(at..)?
        .char_indices()
        .find(|&(_, c)| c.is_ascii_digit() || is_figure_start(c))
        .map(|(i, _)| at + i)
}

/// A character other than a digit that may start a figure.
const fn is_figure_start(c: char) -> bool {
    is_numeral(c) || is_qualifier_start(c)
}

/// A bit for each character of the Basic Multilingual Plane that may start a figure (a digit or
/// [`is_figure_start`]), computed when compiling: 8 KB.
static STARTS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut c = 0;
    while c < 0x1_0000 {
        if let Some(ch) = char::from_u32(c) {
            if ch.is_ascii_digit() || is_figure_start(ch) {
                bits[c as usize / 64] |= 1 << (c % 64);
            }
        }
        c += 1;
    }
    bits
};

/// The first characters of [`crate::numbers::QUALIFIERS_BEFORE`] (a test checks that they are all).
const fn is_qualifier_start(c: char) -> bool {
    matches!(c, '将' | '接' | '近' | '约' | '大' | '超' | '逾' | '多')
}

/// A one-character Chinese numeral glued to a word is part of the word (统一部署, 之一, 进一步),
/// unless a counting word stands before it (共一件, 有三家).
fn is_word(numeral: &str, before: &str) -> bool {
    numeral.chars().count() == 1
        && before.chars().next_back().is_some_and(|c| {
            crate::normalize::is_han(c) && !"共计有达为了约近余各和及与的".contains(c)
        })
}

fn is_date_or_number_part(before: &str, after: &str) -> bool {
    after.starts_with(['年', '月', '日', '号', ']', '时', ':'])
        || before.ends_with(['[', '第', '年', '月', ':'])
        || after.starts_with("-0")
        || (after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (before.ends_with('-')
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()))
}

/// Labels of numbers that are codes, not counts: 联系电话:0517-83605110, 索引号:014349870/2024-00012,
/// 邮编:223001 (the text is normalised: half-width colon and brackets).
const CODE_LABELS: &str = r"(?:电话|传真|手机|热线|邮编|邮政编码|索引号|编号|信箱|QQ)(?:号码)?\s*:?\s*\(?[0-9]{0,4}\)?\s*$";

/// A number that is a code: it follows a code's label, starts with 0 (no count does), or has
/// the eleven digits of a mobile number.
fn is_code(before: &str, digits: &str) -> bool {
    static P: OnceLock<Pattern> = OnceLock::new();
    let label = P.get_or_init(|| Pattern::new(CODE_LABELS).expect("code labels"));
    let arabic = digits.bytes().all(|b| b.is_ascii_digit());
    // The label stands on the figure's line, a few characters before it.
    let line = before.rsplit('\n').next().unwrap_or("");
    let tail = line.char_indices().rev().nth(20).map_or(line, |(i, _)| &line[i..]);
    (arabic && digits.len() >= 3 && digits.starts_with('0'))
        || (arabic && digits.len() == 11 && digits.starts_with('1'))
        || label.is_match(tail)
}

/// Every sentence of the normalised text (as [`crate::clauses`] cuts it), as byte ranges of it
/// with white space at either end left out and empty sentences skipped, in text order.
pub fn sentences(norm: &Normalized) -> Vec<(usize, usize)> {
    let text = norm.text.as_str();
    norm.clauses
        .sentences()
        .filter_map(|(start, end)| {
            let s = &text[start..end];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            (start + lead < end - trail).then_some((start + lead, end - trail))
        })
        .collect()
}

/// The sentence around a byte range, its ending included and leading white space left out, as
/// a span of the original (binary searches in the clauses cut once: a walk back along the line
/// from every figure would cost the square of a long line's length).
pub fn sentence_span(norm: &Normalized, start: usize, end: usize) -> crate::model::Span {
    let text = norm.text.as_str();
    let clauses = &norm.clauses;
    let s = clauses.sentence_start(start);
    let e = clauses.sentence_end(end);
    let e = text[e..].chars().next().map_or(e, |c| e + c.len_utf8());
    let s = s + (text[s..].len() - text[s..].trim_start().len());
    norm.span(s, e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::outline::outline;

    fn values(text: &str) -> Vec<(f64, Option<String>)> {
        let norm = normalize(text);
        let figures = figures(&norm, &outline(&norm));
        figures.into_iter().map(|f| (f.value, f.unit.map(str::to_string))).collect()
    }

    #[test]
    fn a_qualifier_starts_a_figure_only_before_a_numeral() {
        for q in crate::numbers::QUALIFIERS_BEFORE.split('|') {
            assert!(is_qualifier_start(q.chars().next().unwrap()), "{q}");
        }
        let text = "大力推进,约定俗成,多达三百余人,接近2万件,超过1000条,将近一百条,多方面。";
        assert_eq!(
            values(text),
            vec![
                (300.0, Some("人".into())),
                (20000.0, Some("件".into())),
                (1000.0, Some("条".into())),
                (100.0, Some("条".into())),
            ]
        );
    }

    /// The byte scan stops where a walk over the characters stops.
    #[test]
    fn starts_found_by_bytes_are_the_characters_starts() {
        use proptest::prelude::*;
        let walk = |text: &str, at: usize| {
            let starts = |c: char| c.is_ascii_digit() || is_figure_start(c);
            text[at..].char_indices().find(|&(_, c)| starts(c)).map(|(i, _)| at + i)
        };
        let texts =
            crate::testing::texts("09a,é¥€〇零一十万亿两大多约近超逾将接达年件中😀\u{3000}", 16);
        proptest!(ProptestConfig::with_cases(2000), |(text in texts)| {
            for (at, _) in text.char_indices() {
                prop_assert_eq!(next_figure_start(&text, at), walk(&text, at), "{} at {}", text, at);
            }
        });
    }

    #[test]
    fn every_start_has_its_bit() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|&c| is_figure_start(c)) {
            assert_eq!(next_figure_start(&c.to_string(), 0), Some(0), "{c}");
        }
        assert!(next_figure_start("统计表", 0).is_none());
    }

    /// The sentence of a place, as a walk back and forth from it finds it.
    fn walk(norm: &crate::normalize::Normalized, start: usize, end: usize) -> crate::model::Span {
        let text = norm.text.as_str();
        let ends = crate::clauses::ends_sentence;
        let s = text[..start].char_indices().rev().find(|&(_, c)| ends(c));
        let s = s.map_or(0, |(i, c)| i + c.len_utf8());
        let e = text[end..].char_indices().find(|&(_, c)| ends(c));
        let e = e.map_or(text.len(), |(i, c)| end + i + c.len_utf8());
        let s = s + (text[s..].len() - text[s..].trim_start().len());
        norm.span(s, e.max(s))
    }

    #[test]
    fn sentences_found_once_match_the_walk_back() {
        let text = "一、概况\n  全市共收到申请12件。其中当面申请3件;网上申请9件\n\n1、答复12件!";
        let norm = normalize(text);
        for (i, _) in norm.text.char_indices() {
            for (j, _) in norm.text[i..].char_indices().take(4) {
                let k = i + j;
                assert_eq!(sentence_span(&norm, i, k), walk(&norm, i, k), "{i}..{k}");
            }
        }
    }

    /// The binary search finds what comparing the units in order finds.
    #[test]
    fn the_unit_found_is_the_first_of_the_list_that_stands_there() {
        let in_order = |rest: &str| UNITS.iter().find(|u| rest.starts_with(*u)).copied();
        for unit in UNITS {
            for rest in [unit.to_string(), format!("{unit}。"), unit.chars().take(1).collect()] {
                assert_eq!(unit_at(&rest), in_order(&rest), "{rest}");
            }
        }
        for rest in ["", "年", "a", "%", "个百分", "万人", "😀"] {
            assert_eq!(unit_at(rest), in_order(rest), "{rest}");
        }
    }

    #[test]
    fn counts_with_units_and_percentages() {
        // 万 is part of the figure (the value is in 元), so the unit left is 元.
        let v =
            values("全市共收到申请2681件,按时答复率为100%,全年共送达3.68万件,发放救助金近40万元。");
        assert_eq!(
            v,
            [
                (2681.0, Some("件".into())),
                (100.0, Some("%".into())),
                (36800.0, Some("件".into())),
                (400000.0, Some("元".into()))
            ]
        );
    }

    #[test]
    fn dates_headings_and_document_numbers_are_not_figures() {
        let v = values("1. 概述\n截止2016年12月31日,根据国办发[2016]19号文件,一是加强领导,统一部署,收到申请十二件。");
        assert_eq!(v, [(12.0, Some("件".into()))]);
    }

    #[test]
    fn telephone_numbers_postcodes_and_index_numbers_are_not_figures() {
        let v = values(
            "联系电话:0517-83605110,传真:(0517)83605111,手机13912345678。\n邮编:223001\n索引号:014349870/2024-00012\n咨询电话83605112。全年接听电话咨询120人次。",
        );
        assert_eq!(v, [(120.0, Some("人次".into()))]);
    }

    #[test]
    fn figures_know_their_section_and_sentence() {
        let text = "一、主动公开情况\n全年公开信息100条。另有说明。";
        let norm = normalize(text);
        let f = &figures(&norm, &outline(&norm))[0];
        assert_eq!(*f.section, ["主动公开情况"]);
        let sentence: String =
            text.chars().skip(f.sentence[0]).take(f.sentence[1] - f.sentence[0]).collect();
        assert_eq!(sentence, "全年公开信息100条。");
    }
}
