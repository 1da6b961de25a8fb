//! The one error type of the library: why a file could not be analysed at all.
//!
//! A report's *defects* (sums that do not add up, missing sections) are
//! [`Finding`](crate::model::Finding)s, never errors. An [`Error`] means there was no report to
//! analyse: the bytes are not text, the PDF has no text layer, the .docx is broken.

use std::fmt;

/// Why the analysis could not start. The message is in Chinese, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// Detail in Chinese (may be empty; `Display` adds the kind's own sentence).
    pub detail: String,
}

/// The kinds of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Zero bytes, or only white space.
    Empty,
    /// Bytes that are not text in any supported encoding (an image, an executable, random data).
    NotText,
    /// A PDF whose pages carry no text (a scan): OCR is needed first.
    PdfNoText,
    /// A PDF that could not be read.
    PdfUnreadable,
    /// A .docx (zip) that could not be read.
    DocxUnreadable,
    /// A file type nianbao does not read (.xlsx, .pptx, an archive given as a report …).
    Unsupported,
    /// An old binary Word or WPS file (.doc, .wps: an OLE2 compound file): save it as .docx.
    LegacyWord,
    /// An image (PNG, JPEG, GIF, BMP, TIFF, WebP): text must be recognised (OCR) first.
    Image,
    /// Past one of the caps that bound the work on one input (file size, a zip member, an
    /// archive's total); the detail says which.
    TooLarge,
    /// A .zip archive (or one of its members) that could not be read.
    ArchiveUnreadable,
}

impl Error {
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        Error { kind, detail: detail.into() }
    }

    /// The kind's sentence in Chinese.
    pub fn headline(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty => "文件为空，没有可分析的文字",
            ErrorKind::NotText => "无法识别为文本：文件内容不是支持的编码（UTF-8、GBK/GB18030、Big5、UTF-16），可能是图片或其他二进制文件",
            ErrorKind::PdfNoText => "该 PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）后再分析",
            ErrorKind::PdfUnreadable => "无法读取该 PDF 文件",
            ErrorKind::DocxUnreadable => "无法读取该 Word（.docx）文件",
            ErrorKind::Unsupported => "不支持的文件类型",
            ErrorKind::LegacyWord => {
                "这是旧版 Word/WPS 文件（.doc/.wps），无法直接读取，请另存为 .docx 后再分析"
            }
            ErrorKind::Image => "这是图片，不含可读取的文字：图片需先经文字识别（OCR）再分析",
            ErrorKind::TooLarge => "文件过大，超出分析上限",
            ErrorKind::ArchiveUnreadable => "无法读取该 zip 压缩包",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            f.write_str(self.headline())
        } else {
            write!(f, "{}：{}", self.headline(), self.detail)
        }
    }
}

impl std::error::Error for Error {}
