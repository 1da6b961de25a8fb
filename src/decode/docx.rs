//! Word (.docx) → text. (Placeholder until the table-aware reader lands.)

use crate::error::{Error, ErrorKind};

/// Renders the document body as text, tables one row a line with cells split by tabs.
pub fn to_text(_bytes: &[u8]) -> Result<String, Error> {
    Err(Error::new(ErrorKind::DocxUnreadable, "尚未支持"))
}
