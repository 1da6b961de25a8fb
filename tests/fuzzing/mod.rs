//! The fuzz entry points, one place for both users: the cargo-fuzz targets of `fuzz/` include
//! this file (`#[path]`), and `tests/fuzz.rs` replays through it every input kept under
//! `tests/fixtures/fuzz/<target>/` (crashes found by the fuzzer, kept as regressions).
//!
//! Takes fuzzer bytes; gives `Ok` when the library answered with a report that keeps the
//! invariants (or with an error: refusing bytes is fine), `Err` with what broke otherwise.
//! A panic is the fuzzer's finding too.
#![allow(dead_code)] // each user takes what it needs

use nianbao::decode::pdf::PdfTextItem;
use nianbao::model::Span;
use nianbao::Report;

/// A target's entry point.
pub type Target = fn(&[u8]) -> Result<(), String>;

/// The targets: name (the folder of `fuzz/fuzz_targets/` and of `tests/fixtures/fuzz/`) and
/// entry point.
pub const TARGETS: &[(&str, Target)] =
    &[("text", text), ("html", html), ("docx", docx), ("pdf_items", pdf_items), ("zip", zip)];

/// The invariants every report must keep: every span inside the text (character offsets),
/// every quote the text at its span, finite values, a message on every finding, and a JSON view.
pub fn check_report(r: &Report) -> Result<(), String> {
    let chars: Vec<char> = r.text.chars().collect();
    let n = chars.len();
    let inside = |what: &str, s: Span| -> Result<(), String> {
        if s[0] <= s[1] && s[1] <= n {
            Ok(())
        } else {
            Err(format!("{what}: span {s:?} outside the text of {n} characters"))
        }
    };
    for ind in &r.indicators {
        inside(&format!("indicator {}", ind.key), ind.span)?;
        let at: String = chars[ind.span[0]..ind.span[1]].iter().collect();
        if at != ind.quote {
            return Err(format!(
                "indicator {}: quote {:?} but the text at {:?} is {:?}",
                ind.key, ind.quote, ind.span, at
            ));
        }
        if !ind.value.is_finite() {
            return Err(format!("indicator {}: value {}", ind.key, ind.value));
        }
    }
    for f in &r.figures {
        inside("figure", f.span)?;
        inside("figure sentence", f.sentence)?;
        if !f.value.is_finite() {
            return Err(format!("figure at {:?}: value {}", f.span, f.value));
        }
    }
    for c in &r.citations {
        inside("citation", c.span)?;
    }
    for h in &r.outline {
        inside("heading", h.span)?;
    }
    for s in &r.chrome {
        inside("chrome", *s)?;
    }
    for f in &r.findings {
        for s in &f.spans {
            inside(&format!("finding {}", f.id), *s)?;
        }
        if f.message.trim().is_empty() && f.severity != nianbao::model::Severity::Ok {
            return Err(format!("finding {}: empty message", f.id));
        }
    }
    for t in &r.tables {
        for row in &t.rows {
            for cell in &row.cells {
                inside(&format!("{} cell {}", t.id, cell.column), cell.span)?;
            }
        }
    }
    // The report must survive its own JSON view (what the CLI and the page print).
    serde_json::to_string(r).map_err(|e| format!("JSON: {e}"))?;
    Ok(())
}

/// An analysis: an error is an answer, a report must keep the invariants.
pub fn checked(result: Result<Report, nianbao::Error>) -> Result<(), String> {
    match result {
        Ok(r) => check_report(&r),
        Err(e) if e.to_string().trim().is_empty() => Err(format!("{:?} without a message", e.kind)),
        Err(_) => Ok(()),
    }
}

/// Any bytes as a text file (UTF-8 bytes decode to what pasting them gives, so pasted text is
/// covered too).
pub fn text(data: &[u8]) -> Result<(), String> {
    checked(nianbao::analyze(data, "fuzz.txt"))
}

/// Any bytes as a web page.
pub fn html(data: &[u8]) -> Result<(), String> {
    checked(nianbao::analyze(data, "fuzz.html"))
}

/// Word files. Most inputs are the body of `word/document.xml`, packed into a .docx so that the
/// fuzzer works on the XML rather than on the zip's checksums; inputs that start with `PK` are
/// taken as a .docx as they are.
pub fn docx(data: &[u8]) -> Result<(), String> {
    if data.starts_with(b"PK") {
        return checked(nianbao::analyze(data, "fuzz.docx"));
    }
    let body = String::from_utf8_lossy(data);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}\
         </w:body></w:document>"
    );
    checked(nianbao::analyze(&docx_bytes(&xml), "fuzz.docx"))
}

/// A .docx holding `document_xml` (stored, not deflated: quick to write).
pub fn docx_bytes(document_xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let _ = w.start_file("[Content_Types].xml", stored);
    let _ = w.write_all(b"<Types/>");
    let _ = w.start_file("word/document.xml", stored);
    let _ = w.write_all(document_xml.as_bytes());
    let _ = w.finish();
    buf.into_inner()
}

/// Pieces of text the PDF items are made of (a table row's labels and figures, page numbers,
/// headings), so that the fuzzer lays out report-like pages rather than random characters.
const PIECES: &[&str] = &[
    "规章",
    "1",
    "12",
    "0",
    "2681",
    "（一）",
    "予以公开",
    "三、本年度办理结果",
    "总计",
    "-",
    "—",
    "/",
    "第",
    "页",
    "- 3 -",
    "3/6",
    "\t",
    " ",
    "\n",
    "政府信息公开",
    "收到",
    "申请",
    "件",
    "条",
    "自然人",
    "商业企业",
    "行政复议",
    "维持",
    "纠错",
    "二、",
    "主动公开政府信息情况",
    "年",
    "（",
    "）",
    "，",
    "。",
    "\u{2F00}",
    "\u{FFFD}",
];

/// pdf.js text items from bytes: 8 bytes an item (page, x, y, width, font size, text), with a
/// few bytes mapped to NaN, infinities and huge values.
pub fn pdf_items_of(data: &[u8]) -> Vec<PdfTextItem> {
    let special = |b: u8, scale: f64| match b {
        0xFF => f64::NAN,
        0xFE => f64::INFINITY,
        0xFD => -1e300,
        _ => b as f64 * scale,
    };
    data.chunks(8)
        .filter(|c| c.len() == 8)
        .map(|c| {
            let x = u16::from_le_bytes([c[1], c[2]]) as f64 / 64.0;
            let y = u16::from_le_bytes([c[3], c[4]]) as f64 / 64.0;
            let n = (c[7] % 4) as usize;
            let s: String =
                (0..n).map(|k| PIECES[(c[7] as usize / 4 + k * 7) % PIECES.len()]).collect();
            PdfTextItem {
                page: (c[0] % 4) as u32,
                x: if c[1] == 0xFF && c[2] == 0xFF { f64::NAN } else { x },
                y,
                w: special(c[5], 2.0),
                h: special(c[6], 0.25),
                s,
            }
        })
        .collect()
}

/// pdf.js text items laid out and analysed (the page's way of reading PDFs).
pub fn pdf_items(data: &[u8]) -> Result<(), String> {
    checked(nianbao::analyze_pdf_items(&pdf_items_of(data), "fuzz.pdf"))
}

/// Any bytes as a .zip archive: every member that unpacks within the caps is analysed.
pub fn zip(data: &[u8]) -> Result<(), String> {
    let Ok(members) = nianbao::decode::archive::open(data) else { return Ok(()) };
    for m in members {
        if let Ok(bytes) = m.content {
            checked(nianbao::analyze(&bytes, &m.name))?;
        }
    }
    Ok(())
}
