//! placeholder
use crate::model::{Figure, Finding, Indicator, Meta};
use crate::normalize::Normalized;
use crate::outline::Outline;
pub fn check(_norm: &Normalized, _outline: &Outline, _meta: &Meta, _ind: &[Indicator], _fig: &[Figure]) -> Vec<Finding> { Vec::new() }
