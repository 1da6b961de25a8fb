//! placeholder
use crate::model::Indicator;
use crate::normalize::Normalized;
use crate::outline::Outline;
pub fn from_prose(_norm: &Normalized, _outline: &Outline) -> Vec<Indicator> { Vec::new() }
pub fn merge_table_indicators(all: &mut Vec<Indicator>, table: Vec<Indicator>) { all.extend(table) }
