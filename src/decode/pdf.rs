//! PDF → text: positioned text items → lines, table rows with cells split by tabs.
//!
//! Takes either the bytes of a PDF (the command line: read natively with pdf-extract's
//! positioned characters) or the text items pdf.js gives the web page (`getTextContent()`); both
//! become [`PdfTextItem`]s and one function, [`from_items`], lays them out:
//! - items on one baseline (within 0.4 font size) make a line, sorted left to right;
//! - a gap of at least one font size between two items is a cell boundary (`\t`), a smaller gap
//!   a space (the normaliser drops spaces next to Chinese characters);
//! - lines that are only a page number (`- 3 -`, `第 3 页`, `3/6`, a bare number at the foot of a
//!   page) are dropped, and pages follow each other with a single line break, so a table that
//!   crosses a page break reads as one table;
//! - compatibility ideographs (Kangxi radicals of some CID fonts) are left to `normalize`.
//!
//! A PDF without any text is a scan: [`ErrorKind::PdfNoText`]. pdf-extract panics on some CMaps;
//! the panic is caught per page (the native release profile unwinds), and a PDF whose every page
//! fails is [`ErrorKind::PdfUnreadable`]. In the browser (wasm32) PDFs are read by pdf.js, so
//! [`to_text`] there only says so.
//!
//! Bounded work: at most [`MAX_ITEMS`] text items (past it, [`ErrorKind::TooLarge`]); rows of
//! more than [`WIDE_ROW`] cells are laid out without the pairwise comparisons meant for table
//! rows. Natively, before the PDF is parsed, every Flate stream is inflated within a total of
//! [`MAX_INFLATED`] bytes (a PDF bomb is [`ErrorKind::TooLarge`] before the parser inflates
//! anything), and at most [`MAX_PAGES`] pages are read.

use crate::error::{Error, ErrorKind};
use serde::Deserialize;

/// One run of text on a page, in PDF points. `y` is the baseline measured from the TOP of the
/// page (pdf.js: `pageHeight - transform[5]`), `h` the font size, `w` the advance width.
#[derive(Debug, Clone, Deserialize)]
pub struct PdfTextItem {
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub s: String,
}

/// Most text items laid out (a 300-page report has about 100,000).
pub const MAX_ITEMS: usize = 2_000_000;
/// Rows with more cells than this are no table rows: no blank cells are placed, no offset
/// cells merged (each costs a comparison of every cell with every other).
pub const WIDE_ROW: usize = 200;
/// Most pages read natively.
pub const MAX_PAGES: usize = 3000;
/// Most bytes all the compressed streams of a PDF may inflate to, natively.
pub const MAX_INFLATED: u64 = 512 << 20;

/// Two items on one baseline: their baselines differ by less than this share of the font size.
const SAME_LINE: f64 = 0.4;
/// A gap of at least this many font sizes between two items separates table cells.
const CELL_GAP: f64 = 1.0;
/// A gap of at least this many font sizes is a space.
const SPACE_GAP: f64 = 0.15;

/// Lays positioned text items out as lines.
///
/// # Errors
/// [`ErrorKind::PdfNoText`] when no item has visible text.
pub fn from_items(items: &[PdfTextItem]) -> Result<String, Error> {
    let mut items: Vec<&PdfTextItem> = items
        .iter()
        .filter(|i| {
            !i.s.trim().is_empty()
                && i.x.is_finite()
                && i.y.is_finite()
                && i.w.is_finite()
                && i.h.is_finite()
        })
        .collect();
    if items.is_empty() {
        return Err(Error::new(ErrorKind::PdfNoText, ""));
    }
    if items.len() > MAX_ITEMS {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("PDF 的文字片段有 {} 个，超过上限 {MAX_ITEMS} 个", items.len()),
        ));
    }
    items.sort_by(|a, b| a.page.cmp(&b.page).then(a.y.total_cmp(&b.y)).then(a.x.total_cmp(&b.x)));
    let mut out = String::new();
    let mut start = 0;
    while start < items.len() {
        let page = items[start].page;
        let end = start + items[start..].iter().take_while(|i| i.page == page).count();
        for line in page_lines(&items[start..end]) {
            out.push_str(&line);
            out.push('\n');
        }
        start = end;
    }
    Ok(out)
}

/// One laid-out line with its place.
struct Line<'a> {
    y: f64,
    h: f64,
    items: Vec<&'a PdfTextItem>,
}

fn page_lines(items: &[&PdfTextItem]) -> Vec<String> {
    let mut lines: Vec<Line> = Vec::new();
    for &item in items {
        let size = font_size(item);
        match lines.last_mut() {
            Some(l) if (item.y - l.y).abs() <= SAME_LINE * size.max(l.h) => {
                l.items.push(item);
            }
            _ => lines.push(Line { y: item.y, h: size, items: vec![item] }),
        }
    }
    let rows: Vec<(f64, f64, Vec<PdfCell>)> = merge_offset_cells(lines)
        .into_iter()
        .map(|mut l| {
            l.items.sort_by(|a, b| a.x.total_cmp(&b.x));
            (l.y, l.h, cells(&l.items))
        })
        .collect();
    let blanks = blank_cells(&rows);
    let mut texts: Vec<(f64, f64, String)> = rows
        .iter()
        .zip(blanks)
        .map(|((y, h, cells), blanks)| {
            let mut fields: Vec<&str> = Vec::new();
            for (k, c) in cells.iter().enumerate() {
                fields.push(&c.text);
                fields.extend(std::iter::repeat_n("", blanks.get(k).copied().unwrap_or(0)));
            }
            (*y, *h, fields.join("\t"))
        })
        .collect();
    texts.retain(|(_, _, t)| !is_page_number(t));
    // A bare number at the foot of the page, well below the text above it.
    if texts.len() >= 2 {
        let (y, h, t) = &texts[texts.len() - 1];
        let (py, _, _) = &texts[texts.len() - 2];
        if t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) && y - py > 1.5 * h {
            texts.pop();
        }
    }
    texts.into_iter().map(|(_, _, t)| t).collect()
}

/// Share of the smaller line height two lines must overlap by to be one table row.
const ROW_OVERLAP: f64 = 0.3;

/// A table row whose cells are aligned differently (a 总计 cell centred, the others at the top)
/// lays out as two lines that overlap vertically; their items never overlap horizontally.
/// Such a line joins the line above it. Lines of prose never overlap (their pitch exceeds the
/// font size).
fn merge_offset_cells(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let (top_a, bottom_a) = (prev.y - 0.8 * prev.h, prev.y + 0.2 * prev.h);
            let (top_b, bottom_b) = (line.y - 0.8 * line.h, line.y + 0.2 * line.h);
            let overlap = bottom_a.min(bottom_b) - top_a.max(top_b);
            let small = prev.items.len().max(line.items.len()) <= WIDE_ROW;
            let disjoint = small
                && line.items.iter().all(|b| {
                    prev.items
                        .iter()
                        .all(|a| b.x + b.w.max(0.0) <= a.x + 0.1 || a.x + a.w.max(0.0) <= b.x + 0.1)
                });
            if overlap >= ROW_OVERLAP * prev.h.min(line.h) && disjoint {
                prev.items.extend(line.items);
                continue;
            }
        }
        out.push(line);
    }
    out
}

fn font_size(item: &PdfTextItem) -> f64 {
    if item.h > 0.5 {
        item.h
    } else {
        10.0
    }
}

/// One cell of a laid-out line: text between gaps of at least [`CELL_GAP`] font sizes.
struct PdfCell {
    x0: f64,
    x1: f64,
    text: String,
}

fn cells(items: &[&PdfTextItem]) -> Vec<PdfCell> {
    let mut out: Vec<PdfCell> = Vec::new();
    let mut prev: Option<&PdfTextItem> = None;
    for &item in items {
        // Tabs and line breaks inside an item would fake cells and lines.
        let text: String = item
            .s
            .chars()
            .map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        let right = item.x + item.w.max(0.0);
        match (prev, out.last_mut()) {
            (Some(p), Some(cell))
                if item.x - (p.x + p.w.max(0.0)) < CELL_GAP * font_size(item).min(font_size(p)) =>
            {
                if item.x - (p.x + p.w.max(0.0)) >= SPACE_GAP * font_size(item).min(font_size(p)) {
                    cell.text.push(' ');
                }
                cell.text.push_str(&text);
                cell.x1 = cell.x1.max(right);
            }
            _ => out.push(PdfCell { x0: item.x, x1: right, text }),
        }
        prev = Some(item);
    }
    for c in &mut out {
        c.text = c.text.trim().to_string();
    }
    out.retain(|c| !c.text.is_empty());
    out
}

/// The column of `cols` each cell lies under (overlapping exactly one, left to right).
fn place(cells: &[PdfCell], cols: &[PdfCell]) -> Option<Vec<usize>> {
    let mut at: Vec<usize> = Vec::with_capacity(cells.len());
    for c in cells {
        let mut hits = (0..cols.len()).filter(|&k| c.x0 < cols[k].x1 && cols[k].x0 < c.x1);
        match (hits.next(), hits.next()) {
            (Some(k), None) if at.last().is_none_or(|&l| k > l) => at.push(k),
            _ => return None,
        }
    }
    Some(at)
}

/// How many lines around a short row are searched for a fuller row of the same table.
const TABLE_REACH: usize = 6;

/// Blank cells of table rows: a PDF draws nothing for an empty cell, so a row with fewer cells
/// than a nearby row of the same table (within [`TABLE_REACH`] lines) gets its cells placed
/// under that row's columns by horizontal overlap; the columns left over after its first cell
/// are empty fields. Returns, per line, the number of empty fields after each of its cells.
/// Nothing is added unless the row has two cells or more, one of them a figure, every cell
/// overlaps exactly one column, in order, and no line next to it holds figures only in other
/// columns (a row split over two lines).
fn blank_cells(rows: &[(f64, f64, Vec<PdfCell>)]) -> Vec<Vec<usize>> {
    rows.iter()
        .enumerate()
        .map(|(i, (_, _, cells))| {
            let none = vec![0; cells.len()];
            // Only rows that hold figures: a line of labels beside a row stays as it is.
            let figure =
                |c: &PdfCell| c.text.chars().all(|ch| ch.is_ascii_digit() || ",.-/—–".contains(ch));
            if cells.len() < 2 || cells.len() > WIDE_ROW || !cells.iter().any(figure) {
                return none;
            }
            let lo = i.saturating_sub(TABLE_REACH);
            let hi = (i + TABLE_REACH + 1).min(rows.len());
            // The nearest fuller row whose cells all lie in distinct columns of this one's span.
            let reference = (lo..hi)
                .filter(|&j| {
                    let n = rows[j].2.len();
                    j != i && n > cells.len() && (3..=WIDE_ROW).contains(&n)
                })
                .min_by_key(|&j| (j as isize - i as isize).unsigned_abs());
            let Some(r) = reference else { return none };
            let cols = &rows[r].2;
            let Some(at) = place(cells, cols) else { return none };
            // A row split over two lines (one cell set apart): a neighbour holds figures in
            // other columns only. Then nothing is blank; the table reader joins the halves.
            let figures_at = |cells: &[PdfCell], at: &[usize]| -> Vec<usize> {
                cells.iter().zip(at).filter(|(c, _)| figure(c)).map(|(_, k)| *k).collect()
            };
            let mine = figures_at(cells, &at);
            let split =
                (i.saturating_sub(2)..(i + 3).min(rows.len())).filter(|&j| j != i).any(|j| {
                    let theirs = place(&rows[j].2, cols)
                        .map(|a| figures_at(&rows[j].2, &a))
                        .unwrap_or_default();
                    !theirs.is_empty() && theirs.iter().all(|k| !mine.contains(k))
                });
            if split {
                return none;
            }
            // Empty fields between mapped columns and after the last one, up to the reference's width.
            let mut blanks = vec![0; cells.len()];
            for n in 0..cells.len() {
                let next = if n + 1 < cells.len() { at[n + 1] } else { cols.len() };
                blanks[n] = next - at[n] - 1;
            }
            blanks
        })
        .collect()
}

/// `- 3 -`, `—3—`, `第 3 页`, `第3页 共6页`, `3/6`, `3 / 6`.
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes = ['-', '—', '–', '‐', '－'];
    let inner = t.trim_matches(&dashes[..]);
    if inner.len() < t.len()
        && t.starts_with(&dashes[..])
        && t.ends_with(&dashes[..])
        && digits(inner)
    {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        if let Some((n, tail)) = rest.split_once('页') {
            let tail = tail.trim_start_matches([',', '，', '/']);
            let total_ok = tail.is_empty()
                || tail.strip_prefix('共').and_then(|x| x.strip_suffix('页')).is_some_and(digits);
            return digits(n) && total_ok;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    false
}

/// Reads the text layer of a PDF and lays it out as lines.
///
/// # Errors
/// [`ErrorKind::PdfNoText`] for a scan, [`ErrorKind::PdfUnreadable`] for a PDF that cannot be
/// parsed.
#[cfg(all(not(target_arch = "wasm32"), feature = "native-pdf"))]
pub fn to_text(bytes: &[u8]) -> Result<String, Error> {
    from_items(&native::items(bytes)?)
}

/// In the browser PDFs are read by pdf.js (see `analyze_pdf_items`); a native build without
/// the `native-pdf` feature (the fuzz targets: pdf-extract is slow to instrument) reads none.
#[cfg(any(target_arch = "wasm32", not(feature = "native-pdf")))]
pub fn to_text(_bytes: &[u8]) -> Result<String, Error> {
    Err(Error::new(
        ErrorKind::PdfUnreadable,
        "网页版通过 pdf.js 读取 PDF，请使用页面上的 PDF 读取功能",
    ))
}

#[cfg(all(not(target_arch = "wasm32"), feature = "native-pdf"))]
mod native {
    //! Positioned characters from pdf-extract's `OutputDev`, merged into runs.
    use super::{PdfTextItem, MAX_INFLATED, MAX_PAGES};
    use crate::error::{Error, ErrorKind};
    use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    #[derive(Default)]
    struct Collector {
        items: Vec<PdfTextItem>,
        page: u32,
        top: f64,
        current: Option<PdfTextItem>,
    }

    impl Collector {
        fn flush(&mut self) {
            if let Some(item) = self.current.take() {
                self.items.push(item);
            }
        }
    }

    impl OutputDev for Collector {
        fn begin_page(
            &mut self,
            page_num: u32,
            media_box: &MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), OutputError> {
            self.flush();
            self.page = page_num;
            self.top = media_box.ury;
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), OutputError> {
            self.flush();
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &Transform,
            width: f64,
            _spacing: f64,
            font_size: f64,
            ch: &str,
        ) -> Result<(), OutputError> {
            let sx = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
            let sy = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
            let (x, y) = (trm.m31, self.top - trm.m32);
            let h = (font_size * sy).abs();
            let w = (width * font_size * sx).abs();
            if ch.trim().is_empty() || !x.is_finite() || !y.is_finite() {
                self.flush();
                return Ok(());
            }
            if let Some(cur) = &mut self.current {
                let tol = 0.15 * h.max(1.0);
                if (y - cur.y).abs() < tol && (x - (cur.x + cur.w)).abs() < tol {
                    cur.s.push_str(ch);
                    cur.w = x + w - cur.x;
                    return Ok(());
                }
            }
            self.flush();
            self.current = Some(PdfTextItem { page: self.page, x, y, w, h, s: ch.to_string() });
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
    }

    /// Inflates every Flate stream of the raw file (each `stream` keyword followed by zlib
    /// data), counting, and stops past `cap` ([`MAX_INFLATED`]) in all: the parser would
    /// inflate them without a bound.
    pub fn check_inflated(bytes: &[u8], cap: u64) -> Result<(), Error> {
        use std::io::Read;
        let mut total = 0u64;
        let mut chunk = vec![0u8; 64 << 10];
        let mut at = 0;
        while let Some(k) = memfind(&bytes[at..], b"stream") {
            let start = at + k + b"stream".len();
            at = start;
            let data = match &bytes[start..] {
                [b'\r', b'\n', rest @ ..] | [b'\n', rest @ ..] | [b'\r', rest @ ..] => rest,
                _ => continue, // `endstream`, or the word in text
            };
            let mut z = flate2::read::ZlibDecoder::new(data);
            loop {
                match z.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => total += n as u64,
                }
                if total > cap {
                    return Err(Error::new(
                        ErrorKind::TooLarge,
                        format!(
                            "PDF 中的压缩数据解压后超过 {} MB，疑似“压缩炸弹”，未读取",
                            cap >> 20
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    /// The positioned text of every page that can be read (the first [`MAX_PAGES`]).
    pub fn items(bytes: &[u8]) -> Result<Vec<PdfTextItem>, Error> {
        check_inflated(bytes, MAX_INFLATED)?;
        let loaded = catch_unwind(|| pdf_extract::Document::load_mem(bytes));
        let mut doc = match loaded {
            Ok(Ok(doc)) => doc,
            Ok(Err(e)) => {
                return Err(Error::new(
                    ErrorKind::PdfUnreadable,
                    format!("文件结构无法解析（{e}）"),
                ))
            }
            Err(_) => return Err(Error::new(ErrorKind::PdfUnreadable, "文件结构无法解析")),
        };
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(Error::new(ErrorKind::PdfUnreadable, "文件已加密，需要密码"));
        }
        let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
        let mut out = Collector::default();
        let mut failed = 0;
        for &page in &pages {
            let mut one = Collector::default();
            let r = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::output_doc_page(&doc, &mut one, page)
            }));
            match r {
                Ok(Ok(())) => {
                    one.flush();
                    out.items.append(&mut one.items);
                }
                _ => failed += 1,
            }
        }
        if !pages.is_empty() && failed == pages.len() {
            return Err(Error::new(
                ErrorKind::PdfUnreadable,
                "PDF 中的字体编码无法读取，请在浏览器页面中打开（使用 pdf.js 读取）",
            ));
        }
        Ok(out.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(page: u32, x: f64, y: f64, s: &str) -> PdfTextItem {
        PdfTextItem { page, x, y, w: 10.0 * s.chars().count() as f64, h: 10.0, s: s.into() }
    }

    #[test]
    fn rows_become_tab_separated_lines() {
        let items = vec![
            item(1, 100.0, 50.0, "72"),
            item(1, 10.0, 50.4, "规章"),
            item(1, 60.0, 49.8, "1"),
            item(1, 10.0, 80.0, "政府信息"),
            item(1, 50.0, 80.0, "公开"),
        ];
        assert_eq!(from_items(&items).unwrap(), "规章\t1\t72\n政府信息公开\n");
    }

    #[test]
    fn page_numbers_go_and_tables_continue_across_pages() {
        let items = vec![
            item(1, 10.0, 700.0, "行政许可"),
            item(1, 100.0, 700.0, "5"),
            item(1, 280.0, 800.0, "-3-"),
            item(2, 280.0, 20.0, "第 4 页"),
            item(2, 10.0, 60.0, "行政处罚"),
            item(2, 100.0, 60.0, "7"),
            item(2, 300.0, 800.0, "4"),
        ];
        assert_eq!(from_items(&items).unwrap(), "行政许可\t5\n行政处罚\t7\n");
    }

    #[test]
    fn a_cell_set_lower_joins_its_row() {
        // The 总计 cell sits half a line above the other cells of its row; the next label line
        // starts a full line below.
        let items = vec![
            item(1, 10.0, 100.0, "部分公开"),
            item(1, 300.0, 100.0, "9"),
            item(1, 100.0, 105.0, "8"),
            item(1, 150.0, 105.0, "1"),
            item(1, 10.0, 114.0, "形)"),
        ];
        assert_eq!(from_items(&items).unwrap(), "部分公开\t8\t1\t9\n形)\n");
    }

    #[test]
    fn empty_cells_of_a_row_are_placed_under_the_columns_of_the_table() {
        let items = vec![
            item(1, 10.0, 100.0, "规章"),
            item(1, 100.0, 100.0, "1"),
            item(1, 200.0, 100.0, "0"),
            item(1, 300.0, 100.0, "11"),
            item(1, 10.0, 120.0, "行政规范性文件"),
            item(1, 200.0, 120.0, "26"),
            item(1, 10.0, 140.0, "行政事业性收费"),
            item(1, 10.0, 160.0, "三、本年度"),
            item(1, 100.0, 160.0, "(一)予以公开"),
        ];
        // A lone label and a line of labels get no empty cells.
        assert_eq!(
            from_items(&items).unwrap(),
            "规章\t1\t0\t11\n行政规范性文件\t\t26\t\n行政事业性收费\n三、本年度\t(一)予以公开\n"
        );
        // The halves of a split row are left for the table reader to join.
        let items = vec![
            item(1, 10.0, 100.0, "规章"),
            item(1, 100.0, 100.0, "1"),
            item(1, 200.0, 100.0, "0"),
            item(1, 300.0, 100.0, "11"),
            item(1, 10.0, 120.0, "部分公开"),
            item(1, 300.0, 120.0, "9"),
            item(1, 100.0, 140.0, "8"),
            item(1, 200.0, 140.0, "1"),
        ];
        assert_eq!(from_items(&items).unwrap(), "规章\t1\t0\t11\n部分公开\t9\n8\t1\n");
        let items: Vec<PdfTextItem> = Vec::new();
        assert!(from_items(&items).is_err());
        let items = vec![item(1, 0.0, 0.0, "x")];
        assert_eq!(from_items(&items).unwrap(), "x\n");
    }

    #[test]
    fn no_text_is_a_scan() {
        let items = vec![item(1, 0.0, 0.0, "  ")];
        assert_eq!(from_items(&items).unwrap_err().kind, ErrorKind::PdfNoText);
        assert_eq!(from_items(&[]).unwrap_err().kind, ErrorKind::PdfNoText);
    }

    #[test]
    fn page_number_shapes() {
        for p in ["- 3 -", "—12—", "第 3 页", "第3页共6页", "3/6"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["-3", "3", "第二十条", "规章 1"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn wide_rows_are_laid_out_in_linear_time() {
        // 20,000 cells on one baseline and as many on an overlapping one: without the cap, the
        // pairwise checks would take 4 × 10^8 comparisons.
        let mut items = Vec::new();
        for k in 0..20_000 {
            items.push(item(1, k as f64 * 30.0, 100.0, "1"));
            items.push(item(1, k as f64 * 30.0 + 15.0, 105.0, "2"));
        }
        let t = std::time::Instant::now();
        let text = from_items(&items).unwrap();
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
        assert_eq!(text.matches('1').count(), 20_000);
    }

    #[cfg(all(not(target_arch = "wasm32"), feature = "native-pdf"))]
    #[test]
    fn a_pdf_bomb_is_refused_before_parsing() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 3 << 20]).unwrap();
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Length 0 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF");
        // The check with a 2 MB cap (MAX_INFLATED is the same code with 512 MB).
        let err = native::check_inflated(&pdf, 2 << 20).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert!(err.to_string().contains("压缩炸弹"), "{err}");
        assert!(native::check_inflated(&pdf, 4 << 20).is_ok());
    }

    #[test]
    fn garbage_bytes_are_unreadable_not_a_panic() {
        let err = to_text(b"%PDF-1.4\n%garbage\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF")
            .unwrap_err();
        assert!(matches!(err.kind, ErrorKind::PdfUnreadable | ErrorKind::PdfNoText), "{err:?}");
    }
}
