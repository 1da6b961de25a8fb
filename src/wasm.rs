//! The WebAssembly face of the library: a few `#[wasm_bindgen]` functions and no analysis.
//!
//! Takes bytes, text or pdf.js text items from the page's worker (`www/js/worker.js`); gives for
//! each report the very JSON line and CSV rows the command line prints and its digest
//! (`*_for_page`: one string crosses to JavaScript far faster than thousands of small objects,
//! and `JSON.parse` of the line is the CLI's object), the indicator vocabulary and table
//! layouts, and which files are read. Reading .docx files and .zip archives (`wasm/docx/`), the
//! checks across reports and the roll-up (`wasm/batch/`, which takes the digests made here) and
//! writing Excel workbooks (`wasm/xlsx/`) are modules of their own, loaded only when first
//! needed; this one is built with the `page` feature.
//!
//! Errors reach JavaScript as `Error` exceptions carrying the Chinese message of
//! [`crate::Error`]. A panic is reported on the console by `console_error_panic_hook` (set when
//! the module starts) before the instance aborts; the worker then answers with an error and the
//! page starts a fresh worker.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&format!("无法把结果交给页面：{e}")))
}

fn js_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// What the page keeps of one analysis: the report as the CLI's JSON line (one string crosses
/// to JavaScript far faster than thousands of small objects; the page parses it when it needs
/// the report), its rows of the CLI's CSV, so that exports are the command line's, byte for
/// byte, and its digest for the checks across reports ([`crate::batch::Digest`], JSON, handed
/// as is to the batch module's `compare` and `rollup`), with the agency's comparable name (the overview
/// filters by it: 市政府办公室 and 市人民政府办公室 are one agency).
#[derive(Serialize)]
struct ForPage {
    json: String,
    csv: String,
    digest: String,
    agency_key: Option<String>,
}

/// Analyses a decoded document for the page: [`ForPage`].
fn for_page(doc: crate::decode::Document, file_name: &str) -> Result<JsValue, JsValue> {
    let (report, digest) = crate::analyze_document_with_digest(doc, file_name);
    let mut csv = String::new();
    crate::output::csv_rows(&report, &mut csv);
    let digest =
        serde_json::to_string(&digest).map_err(|e| js_error(&format!("无法生成报告摘要：{e}")))?;
    let agency_key = report.meta.agency.as_deref().map(crate::batch::identity::agency_key);
    to_js(&ForPage { json: crate::output::json(&report), csv, digest, agency_key })
}

/// Which files of a folder or archive are read, and why the others are not
/// ([`crate::inputs`]): `{read: [ext], skipped: [{extensions, reason}], other}`.
#[wasm_bindgen]
pub fn inputs() -> Result<JsValue, JsValue> {
    use crate::inputs as i;
    let skipped: Vec<_> = i::SKIPPED
        .iter()
        .map(|(exts, reason)| serde_json::json!({"extensions": exts, "reason": reason}))
        .collect();
    to_js(&serde_json::json!({"read": i::READ, "skipped": skipped, "other": i::OTHER}))
}

/// Analyses one file: `{json, csv}`, the line `nianbao extract --json` prints for it and its
/// rows of `nianbao extract --csv`.
#[wasm_bindgen]
pub fn analyze_for_page(bytes: &[u8], file_name: &str) -> Result<JsValue, JsValue> {
    let doc = crate::decode::decode(bytes, file_name).map_err(|e| js_error(&e.to_string()))?;
    for_page(doc, file_name)
}

/// Analyses pasted text: `{json, csv}`.
#[wasm_bindgen]
pub fn analyze_text_for_page(text: &str, file_name: &str) -> Result<JsValue, JsValue> {
    for_page(crate::text_document(text), file_name)
}

/// What a file is, from its first bytes: `pdf`, `zip`, `ole`, `image` or `text`. The worker
/// sends a `zip` (a .docx) to the .docx module first, and its text to
/// [`analyze_docx_text_for_page`].
#[wasm_bindgen]
pub fn file_kind(bytes: &[u8], file_name: &str) -> String {
    crate::decode::sniff(bytes, file_name).name().to_string()
}

/// Analyses a Word file from the text the .docx module read: `{json, csv}`.
#[wasm_bindgen]
pub fn analyze_docx_text_for_page(text: String, file_name: &str) -> Result<JsValue, JsValue> {
    for_page(crate::docx_document(text), file_name)
}

/// Analyses a PDF from the text items pdf.js found on its pages (`[{page, x, y, w, h, s}]`:
/// PDF points, `y` the baseline from the top of the page, `h` the font size; see
/// [`crate::decode::pdf::PdfTextItem`]): `{json, csv}`.
#[wasm_bindgen]
pub fn analyze_pdf_items_for_page(items: JsValue, file_name: &str) -> Result<JsValue, JsValue> {
    let items: Vec<crate::decode::pdf::PdfTextItem> = serde_wasm_bindgen::from_value(items)
        .map_err(|e| js_error(&format!("PDF 文字数据格式不对：{e}")))?;
    let doc = crate::pdf_document(&items).map_err(|e| js_error(&e.to_string()))?;
    for_page(doc, file_name)
}

/// The first line of the CLI's CSV (with the BOM); the rows come from `analyze_*_for_page`.
#[wasm_bindgen]
pub fn csv_header() -> String {
    crate::output::csv_header()
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}

/// The indicator vocabulary, parsed once by the library (`crate::vocabulary::for_page`): entries,
/// applicant columns, and for every key text an indicator may carry its label, base, column and
/// family, so that the page never parses a key.
#[wasm_bindgen]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&crate::vocabulary::for_page())
}

/// The tables as their templates describe them (`tables::template::for_page`), for the page to
/// draw a table as its form does and for the Excel export: `[{table, layout, edition, title,
/// corner, one_line, rows: [{label, key, groups, official, columns: [{id, header}]}]}]`.
#[wasm_bindgen]
pub fn layouts() -> Result<JsValue, JsValue> {
    to_js(&crate::tables::template::for_page())
}
