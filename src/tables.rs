//! Stage: standard-format tables (2019/2021) → table cells → indicators. (Placeholder.)

use crate::model::{Finding, Indicator, Meta, Table};
use crate::normalize::Normalized;

/// Finds the standard tables (二、三、四) in the normalised text.
pub fn extract(_norm: &Normalized) -> Vec<Table> {
    Vec::new()
}

/// Indicators from table cells, keys with `@column` suffixes.
pub fn indicators(_tables: &[Table]) -> Vec<Indicator> {
    Vec::new()
}

/// Arithmetic and layout checks on the tables, and figures of the prose (`prose`) against them.
pub fn checks(_tables: &[Table], _prose: &[Indicator], _meta: &Meta) -> Vec<Finding> {
    Vec::new()
}
