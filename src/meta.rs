//! placeholder
use crate::decode::Document;
use crate::model::{Meta, Table};
use crate::normalize::Normalized;
use crate::outline::Outline;
pub fn meta(doc: &Document, _norm: &Normalized, _outline: &Outline, _tables: &[Table]) -> Meta {
    Meta { source: doc.source, encoding: doc.encoding.clone(), replaced_bytes: doc.replaced_bytes, ..Meta::default() }
}
