//! Views of a [`Report`] for the command line: JSON and CSV. (Placeholder.)
use crate::model::Report;

/// One JSON line.
pub fn json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_default()
}
