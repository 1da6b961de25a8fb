//! PDF → text. (Placeholder until the positioned-text reader lands.)

use crate::error::{Error, ErrorKind};

/// Reads the text layer of a PDF and lays it out as lines.
pub fn to_text(_bytes: &[u8]) -> Result<String, Error> {
    Err(Error::new(ErrorKind::PdfUnreadable, "尚未支持"))
}
