//! # nianbao (年报)
//!
//! Reads Chinese government information-disclosure annual reports (政府信息公开工作年度报告) and
//! gives the figures a careful reader extracts: what was disclosed, how many applications came in
//! and how they were answered, reviews and lawsuits, fees; every figure with the place it came
//! from, and the report's inconsistencies as findings.
//!
//! The pipeline, one module per stage (each module opens with what it takes and gives):
//!
//! ```text
//! bytes ─decode─▶ Document (text; web pages, .docx and PDFs laid out as lines, table cells split by tabs)
//!       ─normalize─▶ Normalized (simplified, half-width, repaired line breaks, offset map back)
//!       ─outline─▶ headings, page chrome
//!       ─figures─▶ every number with unit and sentence      ─citations─▶ 《documents》 and 文号
//!       ─tables─▶ standard-format tables and their cells
//!       ─indicators─▶ indicators.tsv keys (phrase rules in `rules/`, table cells)
//!       ─meta─▶ agency, year, dates, script, format
//!       ─checks─▶ findings
//!       ─▶ Report (model.rs), printed as JSON/CSV by the CLI, returned as an object by the wasm module
//! ```
//!
//! Beneath the stages, used by several of them: `pattern` (the matching engine of every rule),
//! `clauses` (where sentences, clauses and lines end), `lines` (what one line is: a heading's
//! numbering, web-page chrome), `numbers` (Chinese and Arabic figures), `vocabulary` (the keys of
//! indicators.tsv). They import no stage, so no stage imports another stage's consumer.
//!
//! The library has no threads, files or clocks: it builds for `wasm32-unknown-unknown` as is.

pub mod batch;
pub mod checks;
pub mod citations;
pub mod clauses;
pub mod decode;
pub mod error;
pub mod figures;
pub mod indicators;
pub mod inputs;
pub mod lexicon;
pub mod lines;
pub mod meta;
pub mod model;
pub mod normalize;
mod normalize_compat;
pub mod numbers;
pub mod outline;
pub mod output;
pub mod pattern;
pub mod rollup;
pub mod tables;
pub mod vocabulary;
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod wasm;

pub use error::{Error, ErrorKind};
pub use model::Report;

use decode::Document;

/// Analyses the bytes of one report file.
///
/// # Errors
/// When the bytes hold no report at all (see [`ErrorKind`]); a report's own defects are
/// findings in the result, not errors.
pub fn analyze(bytes: &[u8], file_name: &str) -> Result<Report, Error> {
    let doc = decode::decode(bytes, file_name)?;
    Ok(analyze_document(doc, file_name))
}

/// Analyses a PDF from its positioned text items (the web page reads PDFs with pdf.js and passes
/// the items of `getTextContent()`; the command line goes through [`analyze`]).
///
/// # Errors
/// [`ErrorKind::PdfNoText`] when the items hold no text (a scan).
pub fn analyze_pdf_items(
    items: &[decode::pdf::PdfTextItem],
    file_name: &str,
) -> Result<Report, Error> {
    Ok(analyze_document(pdf_document(items)?, file_name))
}

/// Analyses a Word file from its text, as `decode::docx` renders it: the page reads .docx files
/// with a module of its own (`wasm/docx`) and passes the text on; the command line goes through
/// [`analyze`].
pub fn analyze_docx_text(text: String, file_name: &str) -> Report {
    analyze_document(docx_document(text), file_name)
}

/// Analyses text that is already decoded (pasted text), cut to [`decode::MAX_CHARS`].
pub fn analyze_text(text: &str, file_name: &str) -> Report {
    analyze_document(text_document(text), file_name)
}

/// The document of a PDF's positioned text items.
///
/// # Errors
/// [`ErrorKind::PdfNoText`] when the items hold no text (a scan).
pub fn pdf_document(items: &[decode::pdf::PdfTextItem]) -> Result<Document, Error> {
    let text = decode::pdf::from_items(items)?;
    Ok(Document::of_text(text, model::SourceKind::Pdf, "PDF"))
}

/// The document of a Word file's text.
pub fn docx_document(text: String) -> Document {
    Document::of_text(text, model::SourceKind::Docx, "UTF-8")
}

/// The document of pasted text.
pub fn text_document(text: &str) -> Document {
    Document::of_text(text.to_string(), model::SourceKind::Text, "UTF-8")
}

/// Runs every stage after decoding.
pub fn analyze_document(doc: Document, file_name: &str) -> Report {
    analyze_normalized(doc, file_name).0
}

/// Runs every stage after decoding, and digests the report for the checks across reports from
/// the same normalised text (the page wants both for every file: normalising twice cost a sixth
/// of its time).
pub fn analyze_document_with_digest(doc: Document, file_name: &str) -> (Report, batch::Digest) {
    let (report, norm) = analyze_normalized(doc, file_name);
    let digest = batch::Digest::of_normalized(&report, &norm);
    (report, digest)
}

/// Every stage after decoding; gives the normalised text too.
fn analyze_normalized(doc: Document, file_name: &str) -> (Report, normalize::Normalized) {
    let norm = normalize::normalize(&doc.text);
    let outline = outline::outline(&norm);
    let regions = tables::regions(&norm);
    let figures = figures::figures(&norm, &outline);
    let citations = citations::citations(&norm);
    let mut candidates = indicators::candidates(&norm, &outline);
    // The prose rules never read inside a table: a row label ending in its figure
    // (`…不再处理其政府信息公开申请 0`) is no sentence, and the table reads its own cells.
    let in_tables = tables::table_spans(&norm, &regions);
    candidates.retain(|c| !in_tables.iter().any(|t| overlaps(c.indicator.span, *t)));
    let prose = indicators::choose(candidates.clone());
    let extracted = tables::extract(&norm, &regions, &prose);
    let tables = extracted.tables;
    let from_tables = tables::indicators(&tables);
    let meta = meta::meta(&doc, &norm, &outline, &tables);
    let mut findings = checks::check(&norm, &outline, &meta, &prose, &candidates, &figures);
    findings.extend(extracted.findings);
    findings.extend(tables::checks(&tables, &prose, &meta));
    findings.extend(doc.notices);
    let mut indicators = indicators::merge(prose, from_tables);
    findings.sort_by(|a, b| {
        b.severity.cmp(&a.severity).then_with(|| a.spans.first().cmp(&b.spans.first()))
    });
    for ind in &mut indicators {
        ind.quote = norm.original_chars(ind.span);
    }
    let report = Report {
        file: file_name.to_string(),
        meta,
        indicators,
        tables,
        findings,
        figures,
        citations,
        outline: outline.headings,
        chrome: outline.chrome,
        text: doc.text,
    };
    (report, norm)
}

/// Two spans share a character.
fn overlaps(a: model::Span, b: model::Span) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// The characters of `text` in `span`.
pub fn slice_chars(text: &str, span: model::Span) -> String {
    text.chars().skip(span[0]).take(span[1].saturating_sub(span[0])).collect()
}

/// The library version (also exported to JavaScript).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// What the unit tests of several stages share.
#[cfg(test)]
pub(crate) mod testing {
    /// Random texts of fewer than `max` characters drawn from `alphabet`: the characters a test
    /// is about, so that near misses abound.
    pub fn texts(
        alphabet: &str,
        max: usize,
    ) -> impl proptest::strategy::Strategy<Value = String> + Clone {
        use proptest::prelude::*;
        let chars: Vec<char> = alphabet.chars().collect();
        prop::collection::vec(prop::sample::select(chars), 0..max)
            .prop_map(|cs| cs.into_iter().collect::<String>())
    }
}
