//! Lines of a table region → labels and cells → runs of cells with the text around them.
//!
//! Takes lines of the normalised text; gives [`Run`]s: consecutive cells not interrupted by text,
//! each with the label written on its line and the text lines before and after it. This reads
//! every way a table arrives: TAB rows (web pages, Word, PDF), cells split by ` | `, by runs of
//! spaces (normalised to one space between figures), one cell per line, or figures glued to the
//! label (`规章1 0 11`). Digits glued into one token (`898989`) are split later, in `split.rs`.

use crate::model::CellMark;
use crate::normalize::Normalized;
use regex::Regex;
use std::sync::OnceLock;

/// One cell as read, before it is given a column.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    /// The cell text (normalised), trimmed.
    pub raw: String,
    pub mark: CellMark,
    pub value: Option<f64>,
    /// Byte range in the normalised text (empty for a blank cell).
    pub start: usize,
    pub end: usize,
    pub guessed: bool,
}

/// A token of a line.
#[derive(Debug, Clone)]
enum Tok {
    Text(String),
    Cell(RawCell),
}

/// Consecutive cells with the text around them.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub cells: Vec<RawCell>,
    /// The text written right before the first cell on its line (the row label as written).
    pub label: String,
    /// Other text on the same line before the label (merged group labels of web/Word tables).
    pub groups: String,
    /// Text lines between the previous run and this one.
    pub before: String,
    /// Text lines between this run and the next.
    pub after: String,
    /// Byte offset of the line the run starts on.
    pub line_start: usize,
}

impl Run {
    /// All text that may name the row: label, groups and the lines around it.
    pub fn context(&self) -> String {
        format!("{}{}{}", self.before, self.groups, self.after)
    }
}

/// Page numbers left in text: `- 3 -`, `—3—`, `第 3 页`, `第3页 共6页`, `3/6`.
const PAGE_NUMBERS: &[&str] = &[
    r"^[-—–‐]+\s*[0-9]{1,3}\s*[-—–‐]+$", // - 3 -
    r"^第\s*[0-9]{1,3}\s*页(?:\s*[,,/]?\s*共\s*[0-9]{1,3}\s*页)?$", // 第 3 页 共 6 页
    r"^[0-9]{1,3}\s*/\s*[0-9]{1,3}$",    // 3/6
];

fn page_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&PAGE_NUMBERS.join("|")).expect("page number pattern"))
}

/// True when a (normalised, trimmed) line is only a page number.
pub fn is_page_number(line: &str) -> bool {
    page_number_re().is_match(line.trim())
}

/// One cell token: a number (with an optional sign, thousands commas, decimals) or a mark.
const CELL: &str = r"[+\-]?[0-9][0-9,]*(?:\.[0-9]+)?|/+|—+|-+|–+|\*+";

fn cell_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&format!("^(?:{CELL})$")).expect("cell pattern"))
}

fn cell_find_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(CELL).expect("cell pattern"))
}

/// The figures at the end of a line without tabs: `规章1 0 11` → `1 0 11`.
fn tail_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&format!(r"^(.*?)((?:\s*(?:{CELL}))+)\s*$")).expect("tail pattern"))
}

/// Reads one cell text (trimmed); `None` when it is text rather than a cell.
pub fn read_cell(s: &str) -> Option<(CellMark, Option<f64>)> {
    let s = s.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() {
        return Some((CellMark::Blank, None));
    }
    if !cell_re().is_match(s) {
        return None;
    }
    let first = s.chars().next()?;
    if first == '/' {
        return Some((CellMark::Slash, None));
    }
    if s.chars().all(|c| matches!(c, '—' | '-' | '–' | '*')) {
        return Some((CellMark::Dash, None));
    }
    let digits: String = s.chars().filter(|&c| c != ',' && c != '+').collect();
    let v: f64 = digits.parse().ok()?;
    Some((CellMark::Number, Some(v)))
}

fn cell(line: &str, base: usize, start: usize, end: usize) -> Option<RawCell> {
    let raw = &line[start..end];
    let (mark, value) = read_cell(raw)?;
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let (s, e) = if trimmed.is_empty() {
        (base + start, base + start)
    } else {
        (base + start + lead, base + start + lead + trimmed.len())
    };
    Some(RawCell { raw: trimmed.to_string(), mark, value, start: s, end: e, guessed: false })
}

/// Figures between a label and its wrapped continuation (`…公开4 1 0 0 0 0申请`): the text after
/// them starts with a Chinese character and holds no digit.
fn middle_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(r"^(.*?[^\s0-9])((?:\s*(?:{CELL}))+)\s*(\p{{Han}}[^0-9]*)$"))
            .expect("middle pattern")
    })
}

/// Tokens of a line without tabs: text, then the figures at its end (or text, figures and the
/// rest of a wrapped label).
fn tokens_spaced(line: &str, base: usize, out: &mut Vec<Tok>) {
    let (caps, rest) = match tail_re().captures(line) {
        Some(c) => (c, None),
        None => match middle_re().captures(line) {
            Some(c) => {
                let rest = c.get(3).map(|m| m.as_str().trim().to_string());
                (c, rest)
            }
            None => {
                if !line.trim().is_empty() {
                    out.push(Tok::Text(line.trim().to_string()));
                }
                return;
            }
        },
    };
    let (head, tail) = (caps.get(1).map_or("", |m| m.as_str()), caps.get(2).expect("tail group"));
    // A label's own numbering is not a cell: `3.其他` ends in text, but `2.` alone is a heading.
    if !head.trim().is_empty() {
        out.push(Tok::Text(head.trim().to_string()));
    }
    for m in cell_find_re().find_iter(tail.as_str()) {
        let (s, e) = (tail.start() + m.start(), tail.start() + m.end());
        if let Some(c) = cell(line, base, s, e) {
            out.push(Tok::Cell(c));
        }
    }
    if let Some(rest) = rest.filter(|r| !r.is_empty()) {
        out.push(Tok::Text(rest));
    }
}

/// The fields of a TAB or `|` row, as byte ranges of `line`. Empty fields are recovered from
/// the original text: the normaliser folds a run of tabs into one tab and drops the tabs at the
/// end of a line, so the tabs of the original run behind each tab (and after the last
/// character) are counted.
fn fields(norm: &Normalized, line: &str, base: usize) -> Vec<(usize, usize)> {
    let mut fields = Vec::new();
    let mut start = 0;
    let tabs = |at: usize| {
        original_tabs(norm, norm.orig(base + at), norm.orig(base + at + 1)).clamp(1, MAX_EMPTY)
    };
    for (i, c) in line.char_indices() {
        if c == '\t' || c == '|' {
            fields.push((start, i));
            if c == '\t' {
                for _ in 1..tabs(i) {
                    fields.push((i, i));
                }
            }
            start = i + c.len_utf8();
        }
    }
    fields.push((start, line.len()));
    if !line.is_empty() {
        // White space between the last character and the line break: trailing empty fields.
        let gap = trailing(norm, line, base).min(MAX_EMPTY);
        if !line.ends_with(['\t', '|']) {
            for _ in 0..gap {
                fields.push((line.len(), line.len()));
            }
        }
    }
    fields
}

/// At most this many empty fields are recovered from one run of white space.
const MAX_EMPTY: usize = 40;

/// Tokens of a TAB or `|` row: each field is a cell or text; a field of text with figures at its
/// end is read as label + cells.
fn tokens_tabbed(norm: &Normalized, line: &str, base: usize, out: &mut Vec<Tok>) {
    let fields = fields(norm, line, base);
    let mut toks = Vec::new();
    let mut seen_cell = false;
    for (s, e) in fields {
        let field = &line[s..e];
        if let Some(c) = cell(line, base, s, e) {
            seen_cell |= c.mark != CellMark::Blank;
            toks.push(Tok::Cell(c));
        } else if field.split_whitespace().count() >= 2
            && field
                .split_whitespace()
                .all(|w| read_cell(w).is_some_and(|(m, _)| m != CellMark::Text))
        {
            // Two cells the layout set too close for a tab (a PDF's `351 13`): a space
            // between two figures is a cell boundary.
            tokens_spaced(field, base + s, &mut toks);
            seen_cell = true;
        } else if seen_cell && field.trim().chars().count() <= 6 {
            // Short text among figures: a cell that holds text (`无`, `不适用`).
            let trimmed = field.trim();
            let lead = field.len() - field.trim_start().len();
            toks.push(Tok::Cell(RawCell {
                raw: trimmed.to_string(),
                mark: CellMark::Text,
                value: None,
                start: base + s + lead,
                end: base + s + lead + trimmed.len(),
                guessed: false,
            }));
        } else {
            tokens_spaced(&line[s..e], base + s, &mut toks);
            seen_cell |= matches!(toks.last(), Some(Tok::Cell(_)));
        }
    }
    // Cells followed by text on the same line are not data (blank cells of merged labels, row
    // numbers): keep only the cells after the last text.
    let last_text = toks.iter().rposition(|t| matches!(t, Tok::Text(_)));
    for (i, t) in toks.into_iter().enumerate() {
        match (&t, last_text) {
            (Tok::Cell(_), Some(lt)) if i < lt => {}
            _ => out.push(t),
        }
    }
}

/// Tab characters of the original text in the character range `[from, to)`.
fn original_tabs(norm: &Normalized, from: usize, to: usize) -> usize {
    if to <= from {
        return 0;
    }
    norm.original_chars([from, to]).chars().filter(|&c| c == '\t').count()
}

/// Tabs of the original between the line's last character and its line break.
fn trailing(norm: &Normalized, line: &str, base: usize) -> usize {
    let Some((last, _)) = line.char_indices().next_back() else { return 0 };
    original_tabs(norm, norm.orig(base + last) + 1, norm.orig(base + line.len()))
}

/// A line whose only tabs were at its end (`行政事业性收费\t\t\t`, dropped by the normaliser).
fn trailing_tabs(norm: &Normalized, line: &str, base: usize) -> bool {
    trailing(norm, line, base) > 0
}

/// Splits the lines `[from, to)` (byte offsets into the normalised text, line-aligned) into runs.
pub fn runs(norm: &Normalized, from: usize, to: usize) -> Vec<Run> {
    let text = norm.text.as_str();
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    let mut pending = String::new();
    let mut offset = from;
    for line in text[from..to].split('\n') {
        let base = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() || is_page_number(line) {
            continue;
        }
        let tabbed = line.contains('\t') || line.contains('|') || trailing_tabs(norm, line, base);
        let mut toks = Vec::new();
        if tabbed {
            tokens_tabbed(norm, line, base, &mut toks);
        } else {
            tokens_spaced(line, base, &mut toks);
        }
        let mut line_text: Vec<String> = Vec::new();
        let mut had_text = false;
        for t in toks {
            match t {
                Tok::Text(s) => {
                    had_text = true;
                    if let Some(run) = current.take() {
                        runs.push(run);
                    }
                    line_text.push(s);
                }
                Tok::Cell(c) => {
                    let run = current.get_or_insert_with(|| {
                        let label = line_text.pop().unwrap_or_default();
                        let groups = line_text.concat();
                        line_text.clear();
                        if let Some(prev) = runs.last_mut() {
                            prev.after = pending.clone();
                        }
                        let before = std::mem::take(&mut pending);
                        Run { label, groups, before, line_start: base, ..Run::default() }
                    });
                    run.cells.push(c);
                }
            }
        }
        if !line_text.is_empty() {
            pending.push_str(&line_text.concat());
        }
        // A row of a real table ends with its line; figures alone on a line without tabs may go
        // on (one cell per line, a row wrapped by a text editor).
        if tabbed || had_text {
            if let Some(run) = current.take() {
                runs.push(run);
            }
        }
    }
    if let Some(run) = current.take() {
        runs.push(run);
    }
    if let Some(prev) = runs.last_mut() {
        prev.after = pending;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn runs_of(t: &str) -> (Normalized, Vec<Run>) {
        let n = normalize(t);
        let r = runs(&n, 0, n.text.len());
        (n, r)
    }

    fn values(run: &Run) -> Vec<String> {
        run.cells.iter().map(|c| c.raw.clone()).collect()
    }

    #[test]
    fn tab_rows_keep_blank_slash_dash_and_zero_apart() {
        let t = "规章\t1\t\t/\n行政规范性文件\t—\t0\t66\n行政事业性收费\t\t\n";
        let (n, r) = runs_of(t);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].label, "规章");
        let marks: Vec<CellMark> = r[0].cells.iter().map(|c| c.mark).collect();
        assert_eq!(marks, vec![CellMark::Number, CellMark::Blank, CellMark::Slash]);
        let marks: Vec<CellMark> = r[1].cells.iter().map(|c| c.mark).collect();
        assert_eq!(marks, vec![CellMark::Dash, CellMark::Number, CellMark::Number]);
        assert_eq!(r[1].cells[1].value, Some(0.0));
        assert_eq!(&n.text[r[1].cells[2].start..r[1].cells[2].end], "66");
        assert_eq!(
            r[2].cells.iter().map(|c| c.mark).collect::<Vec<_>>(),
            [CellMark::Blank, CellMark::Blank]
        );
    }

    #[test]
    fn merged_labels_and_numbering_stay_text() {
        let t = "三、本年度办理结果\t(三)不予公开\t1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2";
        let (_, r) = runs_of(t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].label, "1.属于国家秘密");
        assert_eq!(r[0].groups, "三、本年度办理结果(三)不予公开");
        assert_eq!(values(&r[0]), ["2", "0", "0", "0", "0", "0", "2"]);
    }

    #[test]
    fn spaced_glued_and_one_per_line() {
        let t = "规章1 0 11\n(二)部分公开\n447\n7\n0\n0\n0\n0\n454\n- 4 -\n形,不计其他情形)\n72 64";
        let (_, r) = runs_of(t);
        assert_eq!(r.len(), 3);
        assert_eq!(
            (r[0].label.as_str(), values(&r[0])),
            ("规章", vec!["1".to_string(), "0".into(), "11".into()])
        );
        assert_eq!(r[1].before, "(二)部分公开");
        assert_eq!(r[1].cells.len(), 7);
        assert_eq!(r[1].after, "形,不计其他情形)");
        assert_eq!(values(&r[2]), ["72", "64"]);
    }

    #[test]
    fn figures_inside_a_wrapped_label() {
        let t =
            "行政机关不再处理其政府信息公开4 1 0 0 0 0申请\n1.属于国家秘密\n3.其他2 0 0 0 0 0 2";
        let (_, r) = runs_of(t);
        assert_eq!(r.len(), 2);
        assert_eq!(values(&r[0]), ["4", "1", "0", "0", "0", "0"]);
        assert_eq!(r[0].after, "申请1.属于国家秘密");
        assert_eq!(r[1].label, "3.其他");
    }

    #[test]
    fn figures_set_too_close_for_a_tab() {
        let (_, runs) = runs_of("72\t64\t178\t37\t351 13\t4\t8\t1\t26");
        assert_eq!(values(&runs[0]), ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26"]);
    }

    #[test]
    fn page_numbers() {
        for p in ["-3-", "- 12 -", "—4—", "第 3 页", "第3页 共6页", "3/6"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3", "规章 1", "-3"] {
            assert!(!is_page_number(p), "{p}");
        }
    }
}
