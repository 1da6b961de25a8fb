//! Stage 1: bytes → decoded text.
//!
//! Takes the bytes of one file and its name; gives a [`Document`]: the report as plain text, what
//! the bytes were and which encoding they used. Web pages, Word files and PDFs are turned into
//! text here too, with their tables rendered one row a line and cells split by tabs, so that every
//! later stage reads one kind of input.
//!
//! Decoding never fails on text: bad bytes become U+FFFD and `replaced_bytes` says so
//! (the encoding_rs way). It fails only when the bytes are not a report at all.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::error::{Error, ErrorKind};
use crate::model::SourceKind;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A report as text, before normalisation.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub source: SourceKind,
    /// Name of the encoding the text came from (`UTF-8`, `GBK`, `Big5`, `UTF-16LE` …).
    pub encoding: String,
    /// Some bytes could not be decoded and became U+FFFD.
    pub replaced_bytes: bool,
}

/// Turns the bytes of one file into a [`Document`].
///
/// # Errors
/// [`ErrorKind::Empty`], [`ErrorKind::NotText`], [`ErrorKind::Unsupported`] and the PDF/Word
/// kinds when the bytes hold no readable report.
pub fn decode(bytes: &[u8], file_name: &str) -> Result<Document, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, ""));
    }
    match sniff(bytes, file_name) {
        Sniffed::Pdf => {
            let text = pdf::to_text(bytes)?;
            Ok(Document {
                text,
                source: SourceKind::Pdf,
                encoding: "PDF".into(),
                replaced_bytes: false,
            })
        }
        Sniffed::Zip => {
            let text = docx::to_text(bytes)?;
            Ok(Document {
                text,
                source: SourceKind::Docx,
                encoding: "UTF-8".into(),
                replaced_bytes: false,
            })
        }
        Sniffed::Ole => Err(Error::new(
            ErrorKind::Unsupported,
            "这是旧版 Office 文件（.doc/.xls），请在 Word/WPS 中另存为 .docx 或 PDF 后再分析",
        )),
        Sniffed::Image => Err(Error::new(ErrorKind::NotText, "文件是图片")),
        Sniffed::Text => decode_text(bytes, file_name),
    }
}

/// Decodes text bytes: BOM first, then a `<meta charset>` for web pages, then UTF-8, then
/// chardetng's guess (GBK/GB18030, Big5 …).
pub fn decode_text(bytes: &[u8], file_name: &str) -> Result<Document, Error> {
    let encoding = detect_encoding(bytes);
    let (text, used, replaced) = encoding.decode(bytes);
    let text = text.into_owned();
    if !looks_like_text(&text) {
        return Err(Error::new(ErrorKind::NotText, ""));
    }
    let encoding = used.name().to_string();
    if is_html(&text, file_name) {
        return Ok(Document {
            text: html::to_text(&text),
            source: SourceKind::Html,
            encoding,
            replaced_bytes: replaced,
        });
    }
    Ok(Document { text, source: SourceKind::Text, encoding, replaced_bytes: replaced })
}

enum Sniffed {
    Pdf,
    Zip,
    Ole,
    Image,
    Text,
}

fn sniff(bytes: &[u8], file_name: &str) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Sniffed::Ole;
    }
    const IMAGES: [&[u8]; 5] = [b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"BM", b"II*\0"];
    if IMAGES.iter().any(|m| bytes.starts_with(m))
        && !file_name.to_ascii_lowercase().ends_with(".txt")
    {
        return Sniffed::Image;
    }
    Sniffed::Text
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn detect_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    if let Some(enc) = meta_charset(bytes) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 5 > pairs * 2 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 5 > pairs * 2 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"` in the first 2 KB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let at = find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Decoded text is text when control characters and U+FFFD are rare.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(200_000) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')) {
            bad += 1;
        }
    }
    total > 0 && bad * 20 <= total && text.chars().any(|c| !c.is_whitespace())
}

fn is_html(text: &str, file_name: &str) -> bool {
    let name = file_name.to_ascii_lowercase();
    if name.ends_with(".html")
        || name.ends_with(".htm")
        || name.ends_with(".shtml")
        || name.ends_with(".mht")
    {
        return true;
    }
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<table")
        || (head.starts_with('<') && head.contains("</p>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(doc: &Result<Document, Error>) -> &str {
        &doc.as_ref().unwrap().encoding
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = "全市共收到政府信息公开申请2681件".as_bytes();
        assert_eq!(enc(&decode(plain, "a.txt")), "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(plain);
        let doc = decode(&bom, "a.txt").unwrap();
        assert_eq!(doc.encoding, "UTF-8");
        assert!(doc.text.starts_with("全市"), "BOM is not part of the text");
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let s = "二〇一六年，全市共收到政府信息公开申请二千六百八十一件，均已按时答复。主动公开政府信息二十七万条。";
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        let doc = decode(&gbk, "a.txt").unwrap();
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(doc.text, s);
        let t = "二〇一六年，全市共收到政府資訊公開申請二千六百八十一件，均已按時答覆。主動公開政府資訊二十七萬條。";
        let (big5, _, _) = encoding_rs::BIG5.encode(t);
        let doc = decode(&big5, "a.txt").unwrap();
        assert_eq!(doc.encoding, "Big5");
        assert_eq!(doc.text, t);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let s = "收到申请11件";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, "a.txt").unwrap().text, s);
        assert_eq!(enc(&decode(&le, "a.txt")), "UTF-16LE");
        assert_eq!(decode(&be, "a.txt").unwrap().text, s);
    }

    #[test]
    fn binary_and_images_are_refused_with_a_reason() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(decode(png, "a.png").unwrap_err().kind, ErrorKind::NotText);
        let noise: Vec<u8> =
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert_eq!(decode(&noise, "x.bin").unwrap_err().kind, ErrorKind::NotText);
        assert_eq!(decode(b"  \n ", "x.txt").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(
            decode(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "x.doc").unwrap_err().kind,
            ErrorKind::Unsupported
        );
    }

    #[test]
    fn meta_charset_wins_for_web_pages() {
        let page =
            "<html><head><meta charset=\"gb2312\"></head><body><p>收到申请4件</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let doc = decode(&bytes, "page.htm").unwrap();
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(doc.source, SourceKind::Html);
        assert!(doc.text.contains("收到申请4件"));
    }
}
