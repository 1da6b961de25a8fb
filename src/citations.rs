//! placeholder
use crate::model::Citation;
use crate::normalize::Normalized;
pub fn citations(_norm: &Normalized) -> Vec<Citation> { Vec::new() }
