//! Views of a [`Report`] for the command line and the page's exports: JSON and CSV.
//!
//! Takes finished reports; gives text. The JSON is the serde view of `model.rs` (documented in
//! `docs/output.md`); the CSV has one row per indicator, the columns of [`CSV_COLUMNS`].

use crate::model::{Report, Scope};

/// One JSON object on one line.
pub fn json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
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

/// The title of a standard table as the template writes it.
pub fn table_title(id: &str) -> &str {
    match id {
        "table2" => "二、主动公开政府信息情况",
        "table3" => "三、收到和处理政府信息公开申请情况",
        "table4" => "四、政府信息公开行政复议、行政诉讼情况",
        other => other,
    }
}

/// A standard table's short name (表二 …), for messages.
pub fn table_name(id: &str) -> &str {
    match id {
        "table2" => "表二",
        "table3" => "表三",
        "table4" => "表四",
        other => other,
    }
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
        let fields = [
            report.file.clone(),
            report.meta.agency.clone().unwrap_or_default(),
            year,
            format.to_string(),
            ind.key.to_string(),
            ind.key.label(),
            match ind.scope {
                Scope::Whole => "whole".to_string(),
                Scope::Own => "own".to_string(),
            },
            number(ind.value),
            ind.unit.clone(),
            ind.approx.clone().unwrap_or_default(),
            ind.span[0].to_string(),
            ind.span[1].to_string(),
            ind.quote.clone(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
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

/// Quotes a CSV field when it needs it (RFC 4180), and defuses spreadsheet formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(number(2681.0), "2681");
        assert_eq!(number(0.5), "0.5");
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
