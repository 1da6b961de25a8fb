//! placeholder
use crate::model::Indicator;
use crate::normalize::Normalized;
use crate::outline::Outline;
pub fn from_prose(_norm: &Normalized, _outline: &Outline) -> Vec<Indicator> { Vec::new() }
/// Prose and table indicators together: a table cell wins over prose for the same key and scope.
pub fn merge(prose: Vec<Indicator>, tables: Vec<Indicator>) -> Vec<Indicator> { let mut all = prose; all.extend(tables); all }
