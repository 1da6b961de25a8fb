//! Views of a [`Report`] for the command line and the page's exports: JSON and CSV.
//! (Placeholder: the CSV columns are fixed here, the writer lands with the CLI.)
use crate::model::Report;

/// One JSON line.
pub fn json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

/// CSV of the indicators of several reports, one row per indicator, UTF-8 with a BOM so that
/// Excel opens it. Columns: file, agency, year, key, label, scope, value, unit, approx, quote.
pub fn csv(reports: &[Report]) -> String {
    let mut out = String::from("\u{FEFF}file,agency,year,key,label,scope,value,unit,approx,quote\n");
    let _ = reports;
    out.push_str("");
    out
}
