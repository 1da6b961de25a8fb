//! Views of a [`Report`] for the command line and the page's exports: JSON and CSV.
//!
//! Takes finished reports; gives text. The JSON is the serde view of `model.rs` (documented in
//! `docs/output.md`); the CSV has one row per indicator, the columns of [`CSV_COLUMNS`].

use crate::model::{Report, Scope};

#[cfg(not(target_arch = "wasm32"))]
mod json_writer;

/// One JSON object on one line.
pub fn json(report: &Report) -> String {
    let mut out = Vec::new();
    write_json(report, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Appends [`json`]'s line (without a line end) to `out`: the command line reuses one buffer.
/// The bytes are serde_json's (`serde_json::to_string`), written by a faster writer of our own
/// (`output/json_writer.rs`); serde_json itself writes what that writer refuses.
pub fn write_json(report: &Report, out: &mut Vec<u8>) {
    // A report's line takes about two and a half times its text (the text, and each figure with
    // its place and sections): room made once, not doubled eight times over, each a copy.
    out.reserve(report.text.len() * 5 / 2 + 1024);
    let start = out.len();
    // Not in the page: there it is 5.5 KB (gzipped) more of the analyzer module, which every
    // visitor downloads, to save a small part of a report's analysis.
    #[cfg(not(target_arch = "wasm32"))]
    if json_writer::write(report, out).is_ok() {
        return;
    }
    out.truncate(start);
    if let Err(e) = serde_json::to_writer(&mut *out, report) {
        out.truncate(start);
        out.extend_from_slice(format!("{{\"error\":\"{e}\"}}").as_bytes());
    }
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "file",
    "agency",
    "year",
    "format",
    "key",
    "label",
    "scope",
    "value",
    "unit",
    "approx",
    "span_start",
    "span_end",
    "quote",
];

/// The title of a table as its template writes it.
pub fn table_title(id: &str) -> &str {
    use crate::tables::template::{TableId, TEMPLATES};
    TableId::parse(id).and_then(|t| TEMPLATES.iter().find(|x| x.table == t)).map_or(id, |x| x.title)
}

/// A table's short name (表二 …), for messages.
pub fn table_name(id: &str) -> &str {
    crate::tables::template::TableId::parse(id).map_or(id, |t| t.name())
}

/// The header line of the CSV (with a BOM so that Excel reads UTF-8).
pub fn csv_header() -> String {
    format!("\u{FEFF}{}\n", CSV_COLUMNS.join(","))
}

/// CSV rows of one report's indicators.
pub fn csv_rows(report: &Report, out: &mut String) {
    for ind in &report.indicators {
        let year = report.meta.year.map(|y| y.to_string()).unwrap_or_default();
        let format = match report.meta.format {
            crate::model::Format::Legacy => "legacy",
            crate::model::Format::Standard => "standard",
        };
        // (field, is a number): numbers are written as they are (-3 stays a number), text
        // fields are defused.
        let fields = [
            (report.file.clone(), false),
            (report.meta.agency.clone().unwrap_or_default(), false),
            (year, true),
            (format.to_string(), false),
            (ind.key.to_string(), false),
            (ind.key.label(), false),
            (
                match ind.scope {
                    Scope::Whole => "whole".to_string(),
                    Scope::Own => "own".to_string(),
                },
                false,
            ),
            (number(ind.value), true),
            (ind.unit.clone(), false),
            (ind.approx.clone().unwrap_or_default(), false),
            (ind.span[0].to_string(), true),
            (ind.span[1].to_string(), true),
            (ind.quote.clone(), false),
        ];
        let row: Vec<String> = fields
            .iter()
            .map(|(f, is_number)| if *is_number { csv_quote(f) } else { csv_text(f) })
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
}

/// The CSV of several reports: header and one row per indicator.
pub fn csv(reports: &[Report]) -> String {
    let mut out = csv_header();
    for r in reports {
        csv_rows(r, &mut out);
    }
    out
}

pub use crate::numbers::format as number;

/// True for text a spreadsheet could run as a formula (CSV injection): a first character, after
/// leading white space, of `= + - @` or their full-width forms `＝ ＋ － ＠`, or a leading tab or
/// carriage return. (The Excel writer, `wasm/xlsx/src/sheets.rs`, keeps the same rule.)
pub fn formula_like(s: &str) -> bool {
    const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
    s.starts_with(['\t', '\r']) || s.trim_start().starts_with(SIGNS)
}

/// A text field: defused (a `'` before text a spreadsheet would run, as OWASP advises) and
/// quoted when it needs it.
fn csv_text(s: &str) -> String {
    if formula_like(s) {
        csv_quote(&format!("'{s}"))
    } else {
        csv_quote(s)
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(number(2681.0), "2681");
        assert_eq!(number(0.5), "0.5");
        // Every way a cell can start a formula.
        for (cell, defused) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-3", "'-3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("  =HYPERLINK(\"x\")", "\"'  =HYPERLINK(\"\"x\"\")\""),
            ("　＝1+1", "'　＝1+1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠A1", "'＠A1"),
            ("=cmd|' /C calc'!A0,", "\"'=cmd|' /C calc'!A0,\""),
        ] {
            assert!(formula_like(cell), "{cell:?}");
            assert_eq!(csv_text(cell), defused, "{cell:?}");
        }
        for plain in ["收到申请12件", "1-3月", "a=b", "", "3"] {
            assert!(!formula_like(plain), "{plain:?}");
            assert_eq!(csv_text(plain), plain);
        }
    }

    #[test]
    fn number_fields_stay_numbers_and_text_fields_are_defused() {
        let mut r = crate::analyze_text("2016年,全市共收到政府信息公開申請2681件。", "=x.txt");
        r.meta.agency = Some("-某局".into());
        r.indicators[0].value = -3.0;
        r.indicators[0].quote = "+3".into();
        let mut csv = String::new();
        csv_rows(&r, &mut csv);
        let first = csv.lines().next().unwrap();
        let cells: Vec<&str> = first.split(',').collect();
        assert_eq!(cells[0], "'=x.txt");
        assert_eq!(cells[1], "'-某局");
        assert_eq!(cells[2], "2016");
        assert_eq!(cells[7], "-3", "a negative value is a number, not defused: {first}");
        assert_eq!(cells[12], "'+3");
    }

    #[test]
    fn one_row_per_indicator() {
        let r = crate::analyze_text("2016年,全市共收到政府信息公開申請2681件。", "a.txt");
        let csv = csv(&[r]);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with('\u{FEFF}'));
        assert!(
            lines.iter().any(|l| l.contains("apply.received") && l.contains(",2681,")),
            "{csv}"
        );
    }
}
