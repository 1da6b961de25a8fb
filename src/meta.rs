//! placeholder
use crate::decode::Document;
use crate::model::Meta;
use crate::normalize::Normalized;
use crate::outline::Outline;
pub fn meta(doc: &Document, _norm: &Normalized, _outline: &Outline, _has_tables: bool) -> Meta {
    Meta { source: doc.source, encoding: doc.encoding.clone(), replaced_bytes: doc.replaced_bytes, ..Meta::default() }
}
