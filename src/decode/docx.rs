//! Word (.docx) → text: paragraphs one a line, table rows one a line with cells split by tabs.
//!
//! Takes the bytes of a .docx (a zip); gives the text of `word/document.xml`, read with
//! quick-xml as a stream:
//! - each `w:p` is a line (`w:br` inside it breaks the line, `w:tab` is a tab);
//! - only `w:t` text counts (deleted text `w:delText`, field codes `w:instrText` and the
//!   `mc:Fallback` copy of text boxes are left out);
//! - a `w:tbl` is laid out on its grid like the web-page tables (see `html.rs`): a cell merged
//!   down (`w:vMerge` continue) repeats the text of the cell that starts the merge, a cell
//!   spanning columns (`w:gridSpan`) is written once and followed by empty cells, `w:gridBefore`
//!   gives leading empty cells; paragraphs inside a cell are joined on one line; a table inside
//!   a cell is joined into that cell.
//!
//! A zip that is not a Word document (.xlsx, .pptx, any other zip) is
//! [`ErrorKind::Unsupported`]; a broken zip or XML is [`ErrorKind::DocxUnreadable`].
//!
//! Bounded work: `word/document.xml` is unpacked within the caps of `archive.rs` (a zip bomb is
//! [`ErrorKind::TooLarge`]); a table row has at most [`MAX_COLUMNS`] grid columns, and the text
//! that vertical merges repeat is budgeted ([`MAX_REPEATED`]); the XML is read as a stream,
//! with explicit stacks for nested tables.

use crate::error::{Error, ErrorKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Cursor;

use super::archive;

/// Largest document.xml read (uncompressed).
const MAX_XML: u64 = archive::MEMBER_MAX;
/// Most grid columns of one table row (`w:gridSpan`, `w:gridBefore` and cells together).
pub const MAX_COLUMNS: usize = 1000;
/// Most bytes of text that vertically merged cells may repeat, in the whole document.
pub const MAX_REPEATED: usize = 16 << 20;

/// Renders the document body as text, tables one row a line with cells split by tabs.
///
/// # Errors
/// [`ErrorKind::Unsupported`] for a zip that is not a .docx, [`ErrorKind::DocxUnreadable`] for a
/// broken one.
pub fn to_text(bytes: &[u8]) -> Result<String, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::new(ErrorKind::DocxUnreadable, format!("压缩包结构损坏（{e}）")))?;
    let names: Vec<String> =
        zip.file_names().filter_map(|n| n.ok()).map(|n| n.into_owned()).collect();
    if !names.iter().any(|n| n == "word/document.xml") {
        let what = if names.iter().any(|n| n.starts_with("xl/")) {
            "这是 Excel 表格（.xlsx），不是 Word 文档；请把年度报告另存为 .docx、PDF 或网页后再分析"
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档"
        } else if names.iter().any(|n| n == "content.xml") {
            "这是 OpenDocument 文件（.odt/.ods），请另存为 .docx 或 PDF 后再分析"
        } else {
            "这是一个 zip 压缩包，不是 Word 文档（.docx）；请解压后分别分析其中的报告"
        };
        return Err(Error::new(ErrorKind::Unsupported, what));
    }
    let mut file = zip.by_name("word/document.xml").map_err(|e| {
        Error::new(ErrorKind::DocxUnreadable, format!("无法打开 word/document.xml（{e}）"))
    })?;
    let (packed, claimed) = (file.compressed_size(), file.size());
    let bytes =
        archive::read_capped(&mut file, packed, MAX_XML, claimed).map_err(|e| match e.kind {
            ErrorKind::TooLarge => {
                Error::new(ErrorKind::TooLarge, format!("word/document.xml {}", e.detail))
            }
            _ => Error::new(ErrorKind::DocxUnreadable, format!("word/document.xml {}", e.detail)),
        })?;
    let xml = String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::DocxUnreadable, "word/document.xml 不是 UTF-8 编码"))?;
    document_text(&xml)
}

/// One table cell while it is read.
#[derive(Default)]
struct TcState {
    span: usize,
    /// `Some(true)` restart, `Some(false)` continue.
    vmerge: Option<bool>,
    paras: Vec<String>,
}

/// One table while it is read.
#[derive(Default)]
struct TblState {
    rows: Vec<(usize, Vec<TcState>)>,
}

/// Renders the XML of `word/document.xml`.
pub fn document_text(xml: &str) -> Result<String, Error> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut tables: Vec<TblState> = Vec::new();
    let mut cells: Vec<TcState> = Vec::new();
    let mut para: Option<String> = None;
    let mut in_t = false;
    let mut in_r = false;
    let mut fallback = 0usize;
    let mut repeat_budget = MAX_REPEATED;
    loop {
        let event = reader.read_event().map_err(|e| {
            Error::new(
                ErrorKind::DocxUnreadable,
                format!("word/document.xml 不是有效的 XML（{e}）"),
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if name == "mc:Fallback" {
                    fallback += 1;
                }
                if fallback > 0 {
                    continue;
                }
                match name {
                    "w:p" => para = Some(String::new()),
                    "w:t" => in_t = true,
                    "w:r" => in_r = true,
                    "w:tbl" => tables.push(TblState::default()),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push((0, Vec::new()));
                        }
                    }
                    "w:tc" => cells.push(TcState { span: 1, ..TcState::default() }),
                    _ => {}
                }
                empty_element(&e, in_r, &mut para, &mut tables, &mut cells);
            }
            Event::Empty(e) if fallback == 0 => {
                empty_element(&e, in_r, &mut para, &mut tables, &mut cells)
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if name == "mc:Fallback" {
                    fallback = fallback.saturating_sub(1);
                    continue;
                }
                if fallback > 0 {
                    continue;
                }
                match name {
                    "w:t" => in_t = false,
                    "w:r" => in_r = false,
                    "w:p" => {
                        let text = para.take().unwrap_or_default();
                        match cells.last_mut() {
                            Some(c) if !tables.is_empty() => c.paras.push(text),
                            _ => lines.extend(text.split('\n').map(|l| l.trim_end().to_string())),
                        }
                    }
                    "w:tc" => {
                        if let Some(c) = cells.pop() {
                            if let Some((_, row)) =
                                tables.last_mut().and_then(|t| t.rows.last_mut())
                            {
                                row.push(c);
                            }
                        }
                    }
                    "w:tbl" => {
                        if let Some(t) = tables.pop() {
                            let rendered = render_table(&t, &mut repeat_budget);
                            match cells.last_mut() {
                                Some(c) if !tables.is_empty() => c
                                    .paras
                                    .extend(rendered.into_iter().map(|l| l.replace('\t', " "))),
                                _ => lines.extend(rendered),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t && fallback == 0 => {
                if let Some(p) = para.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t && fallback == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(p), Some(c)) = (para.as_mut(), c) {
                    p.push(c);
                }
            }
            Event::CData(t) if in_t && fallback == 0 => {
                if let Some(p) = para.as_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            _ => {}
        }
    }
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned())
}

/// Elements that carry meaning on their own (they may also be written as start tags).
fn empty_element(
    e: &BytesStart,
    in_r: bool,
    para: &mut Option<String>,
    tables: &mut [TblState],
    cells: &mut [TcState],
) {
    let name = e.name();
    match name.as_ref() {
        "w:tab" if in_r => {
            // A tab inside a run (not the w:tabs definitions of w:pPr).
            if let Some(p) = para.as_mut() {
                p.push('\t');
            }
        }
        "w:br" | "w:cr" => {
            if let Some(p) = para.as_mut() {
                p.push('\n');
            }
        }
        "w:noBreakHyphen" => {
            if let Some(p) = para.as_mut() {
                p.push('-');
            }
        }
        "w:gridSpan" => {
            if let Some(c) = cells.last_mut() {
                c.span = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 1000);
            }
        }
        "w:vMerge" => {
            if let Some(c) = cells.last_mut() {
                c.vmerge = Some(attr(e, "w:val").is_some_and(|v| v == "restart"));
            }
        }
        "w:gridBefore" => {
            if let Some((before, _)) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                *before = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0).min(1000);
            }
        }
        _ => {}
    }
}

/// The text of a cell on one line (see `html.rs` for the same rule).
fn cell_text(c: &TcState) -> String {
    let mut out = String::new();
    for p in &c.paras {
        let p = p.replace(['\t', '\n'], " ");
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        out.push_str(p);
    }
    out.trim().to_string()
}

/// Lays a table out on its grid; `repeat_budget` is what vertical merges may still repeat.
fn render_table(t: &TblState, repeat_budget: &mut usize) -> Vec<String> {
    let mut grid: Vec<Vec<String>> = Vec::new();
    for (before, row) in &t.rows {
        let mut line: Vec<String> = vec![String::new(); *before];
        for c in row {
            let col = line.len();
            if col >= MAX_COLUMNS {
                break;
            }
            let text = if c.vmerge == Some(false) {
                let above = grid.last().and_then(|above| above.get(col));
                match above {
                    Some(t) if t.len() <= *repeat_budget => {
                        *repeat_budget -= t.len();
                        t.clone()
                    }
                    _ => String::new(),
                }
            } else {
                cell_text(c)
            };
            line.push(text);
            let span = (c.span - 1).min(MAX_COLUMNS - line.len());
            line.extend(std::iter::repeat_n(String::new(), span));
        }
        grid.push(line);
    }
    grid.into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).map(|r| r.join("\t")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>"#;

    #[test]
    fn paragraphs_tabs_and_breaks() {
        let xml = format!(
            r#"{W}<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space="preserve">情况 &amp; </w:t></w:r></w:p><w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:delText>删</w:delText></w:r></w:p><w:p><mc:AlternateContent><mc:Choice><w:r><w:t>框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>"#
        );
        assert_eq!(document_text(&xml).unwrap(), "一、总体情况 &\n甲\t乙\n丙\n框\n");
    }

    #[test]
    fn grid_span_and_vertical_merge() {
        let tc = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let xml = format!(
            "{W}<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl></w:body></w:document>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "（一）予以公开"),
            tc("", "5"),
            tc("<w:vMerge/>", ""),
            tc("", "（三）不予公开"),
            tc("", "1.属于国家秘密"),
            tc("", "　"),
            tc("", "x"),
            tc("", "0"),
        );
        assert_eq!(
            document_text(&xml).unwrap(),
            "三、本年度办理结果\t（一）予以公开\t\t5\n三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t\n\tx\t0\n"
        );
    }

    #[test]
    fn wide_rows_and_long_merges_are_bounded() {
        let wide = format!(
            "{W}<w:tbl><w:tr>{}</w:tr></w:tbl></w:body></w:document>",
            "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
                .repeat(5000)
        );
        let text = document_text(&wide).unwrap();
        assert_eq!(text.matches('\t').count(), MAX_COLUMNS - 1);
        let long = "长".repeat(1 << 20);
        let first = format!(
            "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>{long}</w:t></w:r></w:p></w:tc></w:tr>"
        );
        let merged = "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>".repeat(100);
        let xml = format!("{W}<w:tbl>{first}{merged}</w:tbl></w:body></w:document>");
        let text = document_text(&xml).unwrap();
        assert!(text.len() <= MAX_REPEATED + 2 * long.len(), "{} bytes", text.len());
    }

    #[test]
    fn a_bomb_in_document_xml_is_too_large() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let deflated = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file("word/document.xml", deflated).unwrap();
            std::io::Write::write_all(&mut w, &vec![b' '; 16 << 20]).unwrap();
            w.finish().unwrap();
        }
        let err = to_text(buf.get_ref()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert!(err.to_string().contains("压缩炸弹"), "{err}");
    }

    #[test]
    fn not_a_docx_and_broken_zips() {
        assert_eq!(to_text(b"PK\x03\x04garbage").unwrap_err().kind, ErrorKind::DocxUnreadable);
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut w, b"<x/>").unwrap();
            w.finish().unwrap();
        }
        let err = to_text(buf.get_ref()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unsupported);
        assert!(err.detail.contains("Excel"));
    }
}
