//! Stage 2: decoded text → normalised text for matching, with an offset map back.
//!
//! Takes the decoded text; gives [`Normalized`]: the same report folded so that one rule serves
//! every way of writing it, and a map from every byte of the folded text to the character of the
//! original it came from.
//!
//! What is folded, in order:
//! 1. compatibility ideographs from PDF text layers (⽂ → 文), from a generated table;
//! 2. traditional → simplified, character by character, from OpenCC's t2s data (ferrous-opencc,
//!    turned into a sorted table by `build.rs`). One character in, one out, so offsets stay put;
//!    phrase tables are not needed for matching and would be far larger (ferrous-opencc in full
//!    is 2.3 MB of wasm; this table is about 3,750 pairs, 12 KB packed);
//! 3. full-width → half-width digits, letters and punctuation (２０２３，（一） → 2023,(一)),
//!    and every year bracket (〔〕﹝﹞［］【】) → `[` `]`;
//! 4. white space that breaks a word or a number is removed (`2023 年`, `申\n请`), white space
//!    between two digits is kept as one space (it may separate table cells), tabs are kept.

use crate::clauses::Clauses;
use crate::model::Span;
use crate::normalize_compat::{COMPAT_PACKED, COMPAT_PAIRS};
use std::sync::OnceLock;

/// Folded text and its offset map.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text. Regexes run on this.
    pub text: String,
    /// For every byte of `text` (and one past its end), the character offset in the original.
    orig_of_byte: Vec<u32>,
    /// The original text, and the byte offset of each of its characters (and of its end).
    original: String,
    char_starts: Vec<u32>,
    /// Where its sentences, clauses and lines end (cut once, for every stage).
    pub clauses: Clauses,
}

impl Normalized {
    /// Maps a byte range of the folded text to a character span of the original.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.text.len());
        let end = end.min(self.text.len()).max(start);
        let s = self.orig_of_byte[start] as usize;
        let e = if end > start { self.orig_of_byte[end - 1] as usize + 1 } else { s };
        [s, e]
    }

    /// The original text in a character span.
    pub fn original_chars(&self, span: Span) -> String {
        let at = |c: usize| self.char_starts[c.min(self.char_starts.len() - 1)] as usize;
        self.original[at(span[0])..at(span[1].max(span[0]))].to_string()
    }

    /// Character offset in the original of a byte offset of the folded text.
    pub fn orig(&self, byte: usize) -> usize {
        self.orig_of_byte[byte.min(self.text.len())] as usize
    }
}

/// Folds one character for matching (steps 1–3 above). Returns `None` for characters that are
/// dropped (carriage returns, zero-width marks).
pub fn fold_char(c: char) -> Option<char> {
    let c = match c {
        '\r' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '〔' | '﹝' | '【' | '〖' | '［' => '[',
        '〕' | '﹞' | '】' | '〗' | '］' => ']',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹙' => '(',
        '﹚' => ')',
        '﹐' => ',',
        '﹔' => ';',
        '﹕' => ':',
        '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => compat(c),
        _ => c,
    };
    Some(if (c as u32) >= 0x3400 { t2s(c) } else { c })
}

fn compat(c: char) -> char {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| unpack(COMPAT_PACKED, COMPAT_PAIRS));
    pairs.binary_search_by_key(&c, |&(from, _)| from).map(|i| pairs[i].1).unwrap_or(c)
}

mod t2s_table {
    include!(concat!(env!("OUT_DIR"), "/t2s_table.rs"));
}

/// `(from, to)` character pairs sorted by the first, from their packed form (build.rs and
/// scripts/gen_compat.py write it; smaller in the page's module than `(char, char)` pairs): per
/// pair, the LEB128 of the distance from the previous `from`, then the zigzag LEB128 of
/// `to − from`.
fn unpack(packed: &[u8], count: usize) -> Vec<(char, char)> {
    let mut bytes = packed.iter();
    let mut next = || {
        let (mut v, mut shift) = (0u64, 0);
        for &b in bytes.by_ref() {
            v |= u64::from(b & 0x7F) << shift;
            shift += 7;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    };
    let mut pairs = Vec::with_capacity(count);
    let mut from = 0u32;
    while let (Some(gap), Some(zigzag)) = (next(), next()) {
        from += gap as u32;
        let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        let to = (i64::from(from) + delta) as u32;
        if let (Some(f), Some(t)) = (char::from_u32(from), char::from_u32(to)) {
            pairs.push((f, t));
        }
    }
    pairs
}

/// OpenCC's `(traditional, simplified)` pairs, unpacked on first use from the table `build.rs`
/// generates from ferrous-opencc's t2s conversion, one character at a time.
fn t2s_pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| unpack(t2s_table::T2S_PACKED, t2s_table::T2S_PAIRS))
}

/// Traditional → simplified for one character, from OpenCC's data.
pub fn t2s(c: char) -> char {
    let pairs = t2s_pairs();
    match pairs.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => pairs[i].1,
        Err(_) => c,
    }
}

/// True when OpenCC folds this character to another (it is a traditional form).
pub fn is_traditional(c: char) -> bool {
    (c as u32) >= 0x3400 && t2s_pairs().binary_search_by_key(&c, |&(from, _)| from).is_ok()
}

/// Folds a string character by character (no white-space repair); for rule tables and tests.
pub fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Normalises a decoded report.
pub fn normalize(original: &str) -> Normalized {
    // Steps 1–3: fold each character, remembering where it came from.
    let mut folded: Vec<(char, u32)> = Vec::with_capacity(original.len() / 2);
    let mut toned = false;
    for (i, c) in original.chars().enumerate() {
        if let Some(f) = fold_char(c) {
            toned |= ('\u{E0}'..='\u{1DC}').contains(&f);
            folded.push((f, i as u32));
        }
    }
    if toned {
        drop_pinyin_glosses(&mut folded);
    }
    // Step 4: white space.
    let lines = line_info(&folded);
    let wrap_width = wrap_width(&lines);
    let mut text = String::with_capacity(original.len());
    let mut orig_of_byte = Vec::with_capacity(original.len() + 1);
    let mut push = |text: &mut String, c: char, o: u32| {
        text.push(c);
        for _ in 0..c.len_utf8() {
            orig_of_byte.push(o);
        }
    };
    let mut i = 0;
    while i < folded.len() {
        let (c, o) = folded[i];
        if c == ' ' || c == '\t' || c == '\n' {
            // The whole run of white space between two visible characters.
            let mut j = i;
            let (mut tab, mut newline) = (false, false);
            while j < folded.len() && matches!(folded[j].0, ' ' | '\t' | '\n') {
                tab |= folded[j].0 == '\t';
                newline |= folded[j].0 == '\n';
                j += 1;
            }
            let before = text.chars().next_back();
            let after = folded.get(j).map(|x| x.0);
            let keep = if newline {
                let breaks: Vec<usize> = (i..j).filter(|&k| folded[k].0 == '\n').collect();
                if breaks.len() == 1
                    && joins_wrapped_line(&lines, wrap_width, breaks[0], before, after)
                {
                    None
                } else {
                    // Keep every line break (blank lines mark paragraphs) and every tab (an empty
                    // cell at the end or start of a table row), drop the spaces.
                    for &(c, o) in &folded[i..j] {
                        if c != ' ' {
                            push(&mut text, c, o);
                        }
                    }
                    i = j;
                    continue;
                }
            } else if tab {
                // Every tab is a cell boundary: two tabs in a row hold an empty cell.
                for &(c, o) in &folded[i..j] {
                    if c == '\t' {
                        push(&mut text, c, o);
                    }
                }
                i = j;
                continue;
            } else {
                match (before, after) {
                    (Some(a), Some(b)) if a.is_ascii_digit() && b.is_ascii_digit() => Some(' '),
                    (Some(a), Some(b))
                        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() =>
                    {
                        Some(' ')
                    }
                    (Some(a), Some(b)) if spaced_cells(a, b) => Some(' '),
                    _ => None,
                }
            };
            if let Some(k) = keep {
                push(&mut text, k, o);
            }
            i = j;
            continue;
        }
        push(&mut text, c, o);
        i += 1;
    }
    let mut char_starts: Vec<u32> = original.char_indices().map(|(i, _)| i as u32).collect();
    orig_of_byte.push(char_starts.len() as u32);
    char_starts.push(original.len() as u32);
    let clauses = Clauses::new(&text);
    Normalized { text, orig_of_byte, original: original.to_string(), char_starts, clauses }
}

/// Vowels with a tone mark: a gloss in brackets holds at least one.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// Drops the pinyin glosses some mirror sites put after characters (監(jiān)察局, 網(wǎng)站), so
/// that words stay whole for matching; the offset map still leads over them to the original.
/// A gloss: one to six lower-case letters in brackets, one of them with a tone mark, right after
/// an ideograph.
fn drop_pinyin_glosses(folded: &mut Vec<(char, u32)>) {
    let gloss_len = |rest: &[(char, u32)]| -> Option<usize> {
        let n = rest.iter().take(8).position(|&(c, _)| c == ')')?;
        let letters = &rest[..n];
        ((1..=6).contains(&n)
            && letters
                .iter()
                .all(|&(c, _)| c.is_ascii_lowercase() || c == 'ü' || TONED.contains(c))
            && letters.iter().any(|&(c, _)| TONED.contains(c)))
        .then_some(n)
    };
    let mut out: Vec<(char, u32)> = Vec::with_capacity(folded.len());
    let mut i = 0;
    while i < folded.len() {
        if folded[i].0 == '(' && out.last().is_some_and(|&(c, _)| is_han(c)) {
            if let Some(n) = gloss_len(&folded[i + 1..]) {
                i += n + 2;
                continue;
            }
        }
        out.push(folded[i]);
        i += 1;
    }
    *folded = out;
}

/// A space between a `/` or `—` cell mark and a digit, or two marks, separates table cells.
fn spaced_cells(a: char, b: char) -> bool {
    let mark = |c: char| matches!(c, '/' | '—' | '-' | '–');
    (mark(a) && (mark(b) || b.is_ascii_digit())) || (a.is_ascii_digit() && mark(b))
}

/// What the white-space repair needs to know of each line of the folded text.
struct LineInfo {
    /// Index in `folded` of the line's first character.
    start: usize,
    /// Index one past its last character (the `\n` or the end).
    end: usize,
    /// Contains a tab, or columns set apart by runs of spaces (a table row).
    tabbed: bool,
    /// Starts with a heading number (一、 (一) 1. 1、 (1) 第一部分).
    heading: bool,
    /// Only digits, separators and cell marks: one cell of a flattened table.
    numeric: bool,
    /// Visible characters (white space not counted).
    len: usize,
    /// Web-page chrome or a date on its own (a signature): never part of a wrapped sentence.
    standalone: bool,
}

fn line_info(folded: &[(char, u32)]) -> Vec<LineInfo> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in 0..=folded.len() {
        if i == folded.len() || folded[i].0 == '\n' {
            let chars: Vec<char> = folded[start..i].iter().map(|x| x.0).collect();
            let trimmed: String = chars.iter().collect::<String>().trim().to_string();
            lines.push(LineInfo {
                start,
                end: i,
                tabbed: chars.contains(&'\t') || spaced_columns(&trimmed),
                heading: crate::outline::starts_with_heading_number(&trimmed),
                numeric: !trimmed.is_empty()
                    && trimmed.chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '/' | '—' | '-' | '%')
                    }),
                len: trimmed.chars().filter(|c| !c.is_whitespace()).count(),
                standalone: crate::outline::is_chrome(&trimmed) || is_date_line(&trimmed),
            });
            start = i + 1;
        }
    }
    lines
}

/// The width a wrapped line fills: the 90th percentile of line lengths. A line much shorter than
/// that ended where its writer ended it (a title, a signature), not where the page did.
fn wrap_width(lines: &[LineInfo]) -> usize {
    let mut lens: Vec<usize> = lines.iter().map(|l| l.len).filter(|&n| n >= 5).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[(lens.len() * 9 / 10).min(lens.len() - 1)]
}

/// A row of a table laid out with spaces (`pdftotext -layout`): two or more gaps of two or
/// more spaces.
fn spaced_columns(line: &str) -> bool {
    line.split("  ").filter(|part| !part.trim().is_empty()).count() >= 3
}

/// Whether the line break at `folded[at]` only wraps a sentence: both sides are part of a word
/// or number, the line before fills the usual width, neither line is a table row or a heading,
/// and the next line does not start a new numbered item.
fn joins_wrapped_line(
    lines: &[LineInfo],
    width: usize,
    at: usize,
    before: Option<char>,
    after: Option<char>,
) -> bool {
    let (Some(a), Some(b)) = (before, after) else { return false };
    let word = |c: char| is_han(c) || c.is_ascii_alphanumeric();
    if !(word(a) || matches!(a, '、' | ',' | '“' | '(')) || !word(b) {
        return false;
    }
    let idx = lines.partition_point(|l| l.end < at);
    let (Some(prev), Some(next)) = (lines.get(idx), lines.get(idx + 1)) else { return false };
    debug_assert!(prev.start <= at);
    // A heading line may run on into its paragraph and wrap like any other line
    // ((一)主动公开情况。2024年,市政府网站主动公开各类政\n府信息5500余条): the width rule
    // below tells a wrapped one from a heading on its own.
    if prev.tabbed
        || next.tabbed
        || next.heading
        || prev.numeric
        || next.numeric
        || prev.standalone
        || next.standalone
    {
        return false;
    }
    if prev.len * 10 < width * 7 {
        return false;
    }
    true
}

/// A line that is only a date (2017年2月20日, 二〇一九年一月十五日).
fn is_date_line(line: &str) -> bool {
    let digits = |c: char| c.is_ascii_digit() || "零〇一二三四五六七八九十".contains(c);
    let n = line.chars().count();
    (6..=14).contains(&n)
        && line.ends_with('日')
        && line.contains('年')
        && line.chars().all(|c| digits(c) || "年月日 ".contains(c))
}

/// CJK ideograph (basic block, extension A, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_unpack_whole_and_sorted() {
        let pairs = t2s_pairs();
        assert_eq!(pairs.len(), t2s_table::T2S_PAIRS);
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0));
        let compat = unpack(COMPAT_PACKED, COMPAT_PAIRS);
        assert_eq!(compat.len(), COMPAT_PAIRS);
        assert!(compat.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            (super::compat('⽂'), super::compat('⺟'), super::compat('文')),
            ('文', '母', '文')
        );
        for (t, s) in [('國', '国'), ('開', '开'), ('資', '资'), ('條', '条'), ('萬', '万')]
        {
            assert_eq!(t2s(t), s);
        }
        assert_eq!(t2s('国'), '国');
    }

    fn orig_at(original: &str, span: Span) -> String {
        original.chars().skip(span[0]).take(span[1] - span[0]).collect()
    }

    #[test]
    fn traditional_folds_to_simplified_one_char_each() {
        assert_eq!(fold("全市共收到政府信息公開申請2681件"), "全市共收到政府信息公开申请2681件");
        // 覆 is also a simplified character, so OpenCC leaves 答覆 alone: rules write 答[复覆].
        assert_eq!(
            fold("行政複議、行政訴訟、答覆、辦公室、縣(區)"),
            "行政复议、行政诉讼、答覆、办公室、县(区)"
        );
        let t = "宿遷市人民政府辦公室發布";
        assert_eq!(fold(t).chars().count(), t.chars().count());
    }

    #[test]
    fn full_width_folds_to_half_width() {
        assert_eq!(fold("２０２３年，（一）１２件；５０％"), "2023年,(一)12件;50%");
        assert_eq!(
            fold("国办发〔2016〕19号 苏政办发﹝2016﹞55号 ［2017］"),
            "国办发[2016]19号 苏政办发[2016]55号 [2017]"
        );
    }

    #[test]
    fn compatibility_ideographs_from_pdfs() {
        // U+2F42 KANGXI RADICAL SCRIPT, U+2F47 KANGXI RADICAL SUN.
        assert_eq!(fold("\u{2F42}件\u{2F47}"), "文件日");
    }

    #[test]
    fn broken_words_and_numbers_are_repaired() {
        let n = normalize("2023 年收到政府信息公开申\n请 3 119件");
        assert_eq!(n.text, "2023年收到政府信息公开申请3 119件");
        let n = normalize("全年共收到政府信息公開申\r\n請2681件。");
        assert_eq!(n.text, "全年共收到政府信息公开申请2681件。");
    }

    #[test]
    fn structure_survives_repair() {
        // Headings, table rows and one-cell-per-line tables keep their line breaks.
        let n = normalize("一、概述\n2016年，我市\n二、主动公开");
        assert_eq!(n.text, "一、概述\n2016年,我市\n二、主动公开");
        let n = normalize("规章\t1\t0\t11\n行政规范性文件\t8\t26\t66");
        assert_eq!(n.text, "规章\t1\t0\t11\n行政规范性文件\t8\t26\t66");
        let n = normalize("行政许可\t447228\t\t\n规章\t\t0 \t 11");
        assert_eq!(n.text, "行政许可\t447228\t\t\n规章\t\t0\t11", "every tab is a cell boundary");
        let n = normalize("1288\n21\n0");
        assert_eq!(n.text, "1288\n21\n0");
        let n = normalize("规章   1   0   11");
        assert_eq!(n.text, "规章1 0 11");
        let n = normalize("句子结束。\n下一段开始");
        assert_eq!(n.text, "句子结束。\n下一段开始");
    }

    #[test]
    fn pinyin_glosses_are_dropped_and_spans_cover_them() {
        let original = "市監(jiān)察局的行政復(fù)議案0件,網(wǎng)站(公開)";
        let n = normalize(original);
        assert_eq!(n.text, "市监察局的行政复议案0件,网站(公开)");
        let at = n.text.find("监察局").unwrap();
        assert_eq!(orig_at(original, n.span(at, at + "监察局".len())), "監(jiān)察局");
        // Not a gloss: no tone mark, capitals, or no ideograph before.
        assert_eq!(normalize("网站(app)、平台(APP)、(ā)").text, "网站(app)、平台(APP)、(ā)");
    }

    #[test]
    fn offsets_lead_back_to_the_original() {
        let original = "２０１６年，全市共收到政府信息公開申\n請　2681件";
        let n = normalize(original);
        let at = n.text.find("申请").unwrap();
        let end = n.text.find("件").unwrap() + "件".len();
        assert_eq!(orig_at(original, n.span(at, end)), "申\n請　2681件");
        let year = n.text.find("2016").unwrap();
        assert_eq!(orig_at(original, n.span(year, year + 4)), "２０１６");
    }
}
