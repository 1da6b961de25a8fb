//! A table region → one stream of label fragments and cells, whatever separated them.
//!
//! Takes the lines `[from, to)` of the normalised text; gives [`Tok`]s in reading order: text
//! (label fragments, headers), numbers (a run of digits may hold several glued cells: split
//! later, in `split.rs`), explicit blank cells, and marks (`/`, `—`, `无`). Tables arrive as TAB
//! rows (web pages, Word, PDF), `|` rows or one cell per line between `|` lines, Markdown rows,
//! runs of spaces, one cell per line, or glued to their labels (`规章1 0 11`,
//! `主动公开信息数条3861420其中:1.网站公开条3801398`); all give the same stream.
//!
//! - TAB and `|` are cell separators; an empty cell between two of them is [`TokKind::Blank`]
//!   (across a line break too, as in `0 |` / `|`), except the line break between two rows of a
//!   `| a | b |` table, which is a row break.
//! - A line that holds a whole row (cells on both sides of a separator, a label and figures, or
//!   several figures) ends with a row break ([`Tok::brk`] on the next token); a line holding one
//!   cell does not (one cell per line).
//! - A label's numbering glued to the figure before it (`…00000002.其他法律…`, `13982.政府公报`)
//!   is given back to the label; digits inside brackets or before a unit (`计1条`, `2017年`)
//!   are text; a line ending a sentence (`。`) is prose, not table.

use crate::model::CellMark;
use crate::normalize::Normalized;
use crate::pattern::Pattern;
use std::sync::OnceLock;

/// Page numbers left in text: `- 3 -`, `—3—`, `第 3 页`, `第3页 共6页`, `3/6`.
const PAGE_NUMBERS: &[&str] = &[
    r"^[-—–‐]+\s*[0-9]{1,3}\s*[-—–‐]+$", // - 3 -
    r"^第\s*[0-9]{1,3}\s*页(?:\s*[,,/]?\s*共\s*[0-9]{1,3}\s*页)?$", // 第 3 页 共 6 页
    r"^[0-9]{1,3}\s*/\s*[0-9]{1,3}$",    // 3/6
];

fn page_number_re() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| Pattern::new(&PAGE_NUMBERS.join("|")).expect("page number pattern"))
}

/// True when a (normalised, trimmed) line is only a page number.
pub fn is_page_number(line: &str) -> bool {
    page_number_re().is_match(line.trim())
}

/// One token of a table region.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    pub kind: TokKind,
    /// Byte range in the normalised text (empty for a blank cell: where it stands).
    pub start: usize,
    pub end: usize,
    /// Text without white space; a cell as written.
    pub text: String,
    /// A row break comes before this token.
    pub brk: bool,
    /// Three empty lines or more come right before it: cells left empty in a table written one
    /// cell a line.
    pub gap: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokKind {
    Text,
    /// A number; `glued` when it is a bare run of two digits or more that may hold several cells.
    Num {
        value: f64,
        glued: bool,
    },
    Blank,
    Mark(CellMark),
}

impl Tok {
    pub fn is_cell(&self) -> bool {
        !matches!(self.kind, TokKind::Text)
    }

    pub fn value(&self) -> Option<f64> {
        match self.kind {
            TokKind::Num { value, .. } => Some(value).filter(|v| !v.is_nan()),
            _ => None,
        }
    }

    pub fn mark(&self) -> CellMark {
        match self.kind {
            TokKind::Num { .. } => CellMark::Number,
            TokKind::Blank => CellMark::Blank,
            TokKind::Mark(m) => m,
            TokKind::Text => CellMark::Text,
        }
    }
}

/// Words that stand for a cell (not applicable, nothing) when a whole cell holds them.
const CELL_WORDS: &[&str] = &["无", "空", "暂无", "不适用", "——", "—", "-", "--", "/", "//", "*"];

/// Units and date words right after digits: the digits belong to text (`计1条`, `2017年`).
const UNIT_AFTER: &[char] = &[
    '年', '月', '日', '号', '条', '件', '次', '个', '人', '篇', '元', '项', '期', '届', '份', '%',
];

/// Tokens of the lines `[from, to)` (line-aligned byte offsets of the normalised text).
pub fn tokens(norm: &Normalized, from: usize, to: usize) -> Vec<Tok> {
    let text = &norm.text[from..to];
    let mut out: Vec<Tok> = Vec::new();
    // A strong separator (`|` or TAB) came last, with nothing after it yet: an empty field up
    // to the next strong separator is a blank cell.
    let mut open = false;
    let mut pending_brk = false;
    let mut offset = from;
    let mut empty_lines = 0;
    for line in text.split('\n') {
        let base = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            empty_lines += 1;
            continue;
        }
        let gap = empty_lines >= 3;
        empty_lines = 0;
        if is_markdown_rule(trimmed) {
            // `|---|---|` under a Markdown header row.
            continue;
        }
        if is_page_number(trimmed) || trimmed.contains('。') {
            // A page number or a sentence: not part of any row.
            open = false;
            continue;
        }
        let tabs = line.contains('\t');
        let row_line = is_row_line(trimmed);
        // `| a | b |` rows: the line break between two of them is no empty cell.
        if row_line && trimmed.starts_with('|') {
            open = false;
        }
        let before = out.len();
        let mut field_start = 0;
        let bounds =
            line.match_indices(['|', '\t']).map(|(i, _)| i).chain(std::iter::once(line.len()));
        for end in bounds {
            let field = &line[field_start..end];
            let at = base + field_start;
            let last = end == line.len();
            if field.trim().is_empty() {
                // A tab that ends a line after a figure closes a cell and opens an empty one
                // (`现场咨询\t人次\t320\t`: 本年 320, 累计 blank); a `|` that ends a line is the
                // edge of a Markdown row.
                let tab_ended = last
                    && field_start > 0
                    && line[..field_start].ends_with('\t')
                    && out[before..].iter().any(|t| t.is_cell());
                if tab_ended || (!last && open) {
                    out.push(Tok {
                        kind: TokKind::Blank,
                        start: at,
                        end: at,
                        text: String::new(),
                        brk: false,
                        gap: false,
                    });
                }
            } else {
                field_tokens(field, at, &mut out);
                open = false;
            }
            if !last {
                open = true;
                field_start = end + 1;
            }
        }
        if tabs {
            // TAB rows never continue on the next line.
            open = false;
        }
        if pending_brk {
            if let Some(t) = out.get_mut(before) {
                t.brk = true;
                pending_brk = false;
            }
        }
        if let Some(t) = out.get_mut(before) {
            t.gap = gap;
        }
        let cells = out[before..].iter().filter(|t| t.is_cell()).count();
        let texts = out[before..].len() - cells;
        let seps = trimmed.matches(['|', '\t']).count();
        if row_line || (seps == 0 && cells >= 1 && (texts >= 1 || cells >= 2)) {
            pending_brk = true;
        }
    }
    merge_text(out)
}

/// The rule under a Markdown table's header (`|---|:---:|`).
fn is_markdown_rule(line: &str) -> bool {
    line.contains("---") && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A line holding a whole row between separators: two fields with content, or more, or a
/// Markdown row (`| 0 |`).
fn is_row_line(line: &str) -> bool {
    let filled = line.split(['|', '\t']).filter(|f| !f.trim().is_empty()).count();
    filled >= 2 || (filled == 1 && line.len() > 1 && line.starts_with('|') && line.ends_with('|'))
}

/// Adjacent text tokens of one field become one (a label written with spaces).
fn merge_text(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(prev) = out.last_mut() {
            if prev.kind == TokKind::Text
                && t.kind == TokKind::Text
                && !t.brk
                && prev.end == t.start
            {
                prev.text.push_str(&t.text);
                prev.end = t.end;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// Tokens of one field (a cell between separators, or a line without any).
fn field_tokens(field: &str, base: usize, out: &mut Vec<Tok>) {
    let trimmed = field.trim();
    let lead = field.len() - field.trim_start().len();
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    if CELL_WORDS.contains(&compact.as_str())
        || (!compact.is_empty()
            && compact.chars().all(|c| matches!(c, '/' | '—' | '-' | '–' | '*')))
    {
        let mark = if compact.starts_with('/') {
            CellMark::Slash
        } else if compact.chars().all(|c| matches!(c, '—' | '-' | '–' | '*')) {
            CellMark::Dash
        } else {
            CellMark::Text
        };
        let start = base + lead;
        out.push(Tok {
            kind: TokKind::Mark(mark),
            start,
            end: start + trimmed.len(),
            text: trimmed.to_string(),
            brk: false,
            gap: false,
        });
        return;
    }
    let chars: Vec<(usize, char)> = field.char_indices().collect();
    let mut i = 0;
    let mut depth = 0i32;
    let mut text_start: Option<usize> = None;
    let flush = |out: &mut Vec<Tok>, from: &mut Option<usize>, to: usize| {
        if let Some(s) = from.take() {
            let t: String = field[s..to].chars().filter(|c| !c.is_whitespace()).collect();
            if !t.is_empty() {
                let lead = field[s..to].len() - field[s..to].trim_start().len();
                let trail = field[s..to].len() - field[s..to].trim_end().len();
                out.push(Tok {
                    kind: TokKind::Text,
                    start: base + s + lead,
                    end: base + to - trail,
                    text: t,
                    brk: false,
                    gap: false,
                });
            }
        }
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            // White space ends a number; inside text it is dropped.
            if text_start.is_some() {
                let next_digit = chars
                    .get(i + 1)
                    .is_some_and(|&(_, d)| d.is_ascii_digit() || d == '-' || d == '+');
                if next_digit {
                    flush(out, &mut text_start, at);
                }
            }
            i += 1;
            continue;
        }
        let sign = (c == '-' || c == '+')
            && chars.get(i + 1).is_some_and(|&(_, d)| d.is_ascii_digit())
            && (i == 0 || chars[i - 1].1.is_whitespace());
        if c.is_ascii_digit() || sign {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|&(_, x)| x.is_ascii_digit());
                // A minus glued between figures is the sign of the next one (2019's 本年增/减:
                // `行政强制6-30` is 6 | -3 | 0); the run is split with it.
                let glued_minus = d == '-' && next_digit && chars[j - 1].1.is_ascii_digit();
                if d.is_ascii_digit()
                    || (d == '.' && next_digit)
                    || (d == ',' && thousands(&chars, j))
                    || glued_minus
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(field.len(), |&(b, _)| b);
            let run = &field[at..end];
            let next = chars.get(j).map(|&(_, d)| d);
            let after_next = chars.get(j + 1).map(|&(_, d)| d);
            let numbering = matches!(next, Some('.' | '、'))
                && after_next.is_some_and(|d| !d.is_ascii_digit() && !d.is_whitespace())
                && run.bytes().all(|b| b.is_ascii_digit());
            // Inside a bracket that closes later in the field (`计1条)`); a bracket left open
            // is a label wrapped onto the next line, its figures after it are cells.
            let bracketed = depth > 0 && field[end..].contains(')');
            let in_text = bracketed || next.is_some_and(|d| UNIT_AFTER.contains(&d));
            if numbering {
                // `2.其他…`: the numbering of the label that follows. Glued to a figure before
                // it (`00000002.其他`, `13982.政府公报`), the figure keeps all digits but the last.
                let digits = run.len();
                let field_start = at == 0 || field[..at].trim().is_empty();
                let keep = if digits == 1 || (field_start && digits == 2 && !run.starts_with('0')) {
                    0
                } else {
                    digits - 1
                };
                if keep > 0 {
                    flush(out, &mut text_start, at);
                    push_num(out, &field[at..at + keep], base + at);
                }
                flush(out, &mut text_start, at + keep);
                text_start = Some(at + keep);
                i = j;
                continue;
            }
            if in_text {
                if text_start.is_none() {
                    text_start = Some(at);
                }
                i = j;
                continue;
            }
            flush(out, &mut text_start, at);
            push_num(out, run, base + at);
            i = j;
            continue;
        }
        if matches!(c, '/' | '—' | '–') && standalone(&chars, i) {
            flush(out, &mut text_start, at);
            let mut j = i;
            while j < chars.len() && matches!(chars[j].1, '/' | '—' | '-' | '–') {
                j += 1;
            }
            let end = chars.get(j).map_or(field.len(), |&(b, _)| b);
            let mark = if c == '/' { CellMark::Slash } else { CellMark::Dash };
            out.push(Tok {
                kind: TokKind::Mark(mark),
                start: base + at,
                end: base + end,
                text: field[at..end].to_string(),
                brk: false,
                gap: false,
            });
            i = j;
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if text_start.is_none() {
            text_start = Some(at);
        }
        i += 1;
    }
    flush(out, &mut text_start, field.len());
}

/// A `,` at `j` between digits that groups thousands (`1,234`).
fn thousands(chars: &[(usize, char)], j: usize) -> bool {
    let digits = chars[j + 1..].iter().take_while(|(_, c)| c.is_ascii_digit()).count();
    digits == 3 && j > 0 && chars[j - 1].1.is_ascii_digit()
}

/// A mark standing on its own: white space or the field's ends on both sides.
fn standalone(chars: &[(usize, char)], i: usize) -> bool {
    let mut j = i;
    while j < chars.len() && matches!(chars[j].1, '/' | '—' | '-' | '–') {
        j += 1;
    }
    let before = i == 0 || chars[i - 1].1.is_whitespace();
    let after = j == chars.len() || chars[j].1.is_whitespace();
    before && after
}

fn push_num(out: &mut Vec<Tok>, run: &str, start: usize) {
    let clean: String = run.chars().filter(|&c| c != ',' && c != '+').collect();
    // Figures glued around a minus (`6-30`) are several cells: no value of their own.
    let inner_minus = clean.len() > 1 && clean[1..].contains('-');
    let value = match clean.parse::<f64>() {
        Ok(v) => v,
        Err(_) if inner_minus => f64::NAN,
        Err(_) => return,
    };
    let glued = inner_minus || (clean.len() >= 2 && clean.bytes().all(|b| b.is_ascii_digit()));
    out.push(Tok {
        kind: TokKind::Num { value, glued },
        start,
        end: start + run.len(),
        text: run.to_string(),
        brk: false,
        gap: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn toks(t: &str) -> Vec<String> {
        let n = normalize(t);
        tokens(&n, 0, n.text.len())
            .iter()
            .map(|t| {
                let b = if t.brk { "^" } else { "" };
                match t.kind {
                    TokKind::Text => format!("{b}T:{}", t.text),
                    TokKind::Num { .. } => format!("{b}{}", t.text),
                    TokKind::Blank => format!("{b}_"),
                    TokKind::Mark(_) => format!("{b}M:{}", t.text),
                }
            })
            .collect()
    }

    #[test]
    fn pipes_one_cell_per_line_with_blank_cells() {
        // The 规章 row's third cell is blank; a lone `|` then opens the next row.
        let t = "|\n规章 |\n0 |\n0 |\n|\n|\n行政规范性文件 |\n5 |\n12 |\n8 |\n|";
        assert_eq!(
            toks(t),
            ["T:规章", "0", "0", "_", "_", "T:行政规范性文件", "5", "12", "8", "_"]
        );
        let t = "规章\n|\n0\n|\n0\n|\n6\n|\n行政规范性文件\n|\n0";
        assert_eq!(toks(t), ["T:规章", "0", "0", "6", "T:行政规范性文件", "0"]);
    }

    #[test]
    fn pipe_rows_and_markdown_rows() {
        let t = "规章 | 0 | 0 | 0 | |\n规范性文件 | 1 | 2 | 3 | |";
        assert_eq!(toks(t), ["T:规章", "0", "0", "0", "_", "^T:规范性文件", "1", "2", "3", "_"]);
        let t = "| 0 | 1 |\n| 2 | 3 |";
        assert_eq!(toks(t), ["0", "1", "^2", "3"]);
    }

    #[test]
    fn tabs_spaces_and_glued() {
        assert_eq!(toks("规章\t1\t\t/"), ["T:规章", "1", "_", "M:/"]);
        assert_eq!(
            toks("规章1 0 11\n行政规范性文件3112"),
            ["T:规章", "1", "0", "11", "^T:行政规范性文件", "3112"]
        );
        assert_eq!(
            toks("(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"),
            ["T:(三)不予公开1.属于国家秘密", "0000000", "T:2.其他法律行政法规禁止公开", "0000000"]
        );
        assert_eq!(
            toks("主动公开信息数条3861420其中:1.网站公开条13982.政府公报条5"),
            ["T:主动公开信息数条", "3861420", "T:其中:1.网站公开条", "1398", "T:2.政府公报条", "5"]
        );
    }

    #[test]
    fn digits_of_text_stay_text() {
        assert_eq!(
            toks("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)\t条\t3562"),
            ["T:(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "T:条", "3562"]
        );
        assert_eq!(
            toks("政府信息公开情况统计表(2017年度)"),
            ["T:政府信息公开情况统计表(2017年度)"]
        );
        assert_eq!(toks("本年增/减\t-12"), ["T:本年增/减", "-12"]);
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

    #[test]
    fn one_cell_per_line_has_no_row_breaks() {
        assert_eq!(
            toks("规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n0"),
            ["T:规章", "0", "0", "0", "T:行政规范性文件", "0"]
        );
        assert_eq!(toks("2022年,区政府办公室共收到8份申请。\n规章 0"), ["T:规章", "0"]);
    }
}
