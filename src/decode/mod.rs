//! Stage 1: bytes → decoded text.
//!
//! Takes the bytes of one file and its name; gives a [`Document`]: the report as plain text, what
//! the bytes were and which encoding they used. Web pages, Word files and PDFs are turned into
//! text here too, with their tables rendered one row a line and cells split by tabs, so that every
//! later stage reads one kind of input.
//!
//! Decoding never fails on text: bad bytes become U+FFFD and `replaced_bytes` says so
//! (the encoding_rs way). It fails only when the bytes are not a report at all (an image, an old
//! .doc, a .zip: each kind with its own Chinese message), or past [`MAX_BYTES`].
//!
//! **Bounded work.** Every input kind has caps, so that any file gives a result or an error in
//! bounded time and memory: file size here ([`MAX_BYTES`]), text length ([`MAX_CHARS`]: the
//! rest is cut off with a finding), nesting depth of web pages (`html.rs`), zip members and
//! totals (`archive.rs`, also for `.docx`), PDF pages and text items (`pdf.rs`). What a cap
//! changed in a result is said in [`Document::notices`], which become findings of the report.

#[cfg(feature = "docx")]
pub mod archive;
pub mod charset;
#[cfg(feature = "docx")]
pub mod docx;
pub mod html;
pub mod pdf;

use crate::error::{Error, ErrorKind};
use crate::model::{Finding, Severity, SourceKind};

/// Largest file analysed (bytes): a report, even a PDF full of pictures, is far smaller.
pub const MAX_BYTES: usize = 256 << 20;
/// Longest text analysed (characters; a long annual report has about 50,000). Past it the text
/// is cut at a line break and a finding says so.
pub const MAX_CHARS: usize = 2_000_000;
/// Longest line analysed (characters; a paragraph seldom has 2,000). A longer line is broken
/// after the last sentence end (or space) before the cap, and a finding says so: some later
/// stages look back along the line from each figure, which costs the square of its length.
pub const MAX_LINE: usize = 10_000;

/// A report as text, before normalisation.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub text: String,
    pub source: SourceKind,
    /// Name of the encoding the text came from (`UTF-8`, `GBK`, `Big5`, `UTF-16LE` …).
    pub encoding: String,
    /// Some bytes could not be decoded and became U+FFFD.
    pub replaced_bytes: bool,
    /// What decoding had to leave out or change to stay within its caps (text cut off, page
    /// nesting flattened); they become findings of the report (ids `input.*`).
    pub notices: Vec<Finding>,
}

impl Document {
    /// A document of text already decoded (pasted, or laid out from PDF items), cut to
    /// [`MAX_CHARS`].
    pub fn of_text(text: String, source: SourceKind, encoding: &str) -> Document {
        let mut doc = Document { text, source, encoding: encoding.into(), ..Document::default() };
        doc.cap_length();
        doc
    }

    /// Applies [`MAX_CHARS`] and [`MAX_LINE`], recording what they changed.
    pub fn cap_length(&mut self) {
        self.cap_chars();
        self.cap_lines();
    }

    /// Cuts the text to [`MAX_CHARS`] characters, at the last line break before the cap when
    /// there is one.
    fn cap_chars(&mut self) {
        // A text has no more characters than bytes: most need no count at all.
        if self.text.len() <= MAX_CHARS {
            return;
        }
        let cut = char_offset(&self.text, MAX_CHARS);
        if cut == self.text.len() {
            return;
        }
        let total = self.text.chars().count();
        let cut = self.text[..cut].rfind('\n').map_or(cut, |n| n + 1);
        self.text.truncate(cut);
        let kept = self.text.chars().count();
        self.notices.push(notice(
            "input.truncated",
            format!(
                "文本过长（{total} 字），超出分析上限 {MAX_CHARS} 字：只分析了前 {kept} 字，其后内容未分析"
            ),
        ));
    }
}

impl Document {
    /// Breaks lines longer than [`MAX_LINE`] characters.
    fn cap_lines(&mut self) {
        // No more characters than bytes: most texts need no look at their lines at all, and
        // most lines no count of their characters.
        if self.text.len() <= MAX_LINE {
            return;
        }
        let mut start = 0;
        let mut ends = memchr::memchr_iter(b'\n', self.text.as_bytes()).chain([self.text.len()]);
        let long = ends.any(|end| {
            let line = &self.text[start..end];
            start = end + 1;
            line.len() > MAX_LINE && line.chars().count() > MAX_LINE
        });
        if !long {
            return;
        }
        let mut out = String::with_capacity(self.text.len() + self.text.len() / MAX_LINE);
        let mut broken = 0usize;
        for (k, line) in self.text.split('\n').enumerate() {
            if k > 0 {
                out.push('\n');
            }
            let mut rest = line;
            while let Some((cap, _)) = rest.char_indices().nth(MAX_LINE) {
                // After the last sentence end, else the last space, in the second half.
                let window = &rest[..cap];
                let half = window.char_indices().nth(MAX_LINE / 2).map_or(0, |(i, _)| i);
                let after = |set: &[char]| {
                    window[half..].rfind(set).map(|i| {
                        let at = half + i;
                        at + window[at..].chars().next().map_or(1, char::len_utf8)
                    })
                };
                let at = after(&['。', '！', '？', '；', '!', '?', ';'])
                    .or_else(|| after(&[' ', '\u{3000}', '\t', '，', ',']))
                    .unwrap_or(cap);
                out.push_str(&rest[..at]);
                out.push('\n');
                rest = &rest[at..];
                broken += 1;
            }
            out.push_str(rest);
        }
        self.text = out;
        self.notices.push(notice(
            "input.long_lines",
            format!("有 {broken} 处一行超过 {MAX_LINE} 字：已在句末断行后分析（文本中加入了换行）"),
        ));
    }
}

/// A finding about the input itself (a warning with no span).
pub fn notice(id: &str, message: String) -> Finding {
    Finding {
        id: id.into(),
        severity: Severity::Warning,
        message,
        spans: Vec::new(),
        cells: Vec::new(),
    }
}

/// Turns the bytes of one file into a [`Document`].
///
/// # Errors
/// [`ErrorKind::Empty`], [`ErrorKind::NotText`], [`ErrorKind::Unsupported`] and the PDF/Word
/// kinds when the bytes hold no readable report.
pub fn decode(bytes: &[u8], file_name: &str) -> Result<Document, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("{} MB，上限为 {} MB", bytes.len() >> 20, MAX_BYTES >> 20),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, ""));
    }
    let mut doc = match sniff(bytes, file_name) {
        Sniffed::Pdf => Document::of_text(pdf::to_text(bytes)?, SourceKind::Pdf, "PDF"),
        Sniffed::Zip => Document::of_text(read_docx(bytes)?, SourceKind::Docx, "UTF-8"),
        Sniffed::Ole => return Err(ole_error(file_name)),
        Sniffed::Image(what) => return Err(Error::new(ErrorKind::Image, format!("{what} 图片"))),
        Sniffed::Text => decode_text(bytes, file_name)?,
    };
    doc.cap_length();
    Ok(doc)
}

/// An OLE2 compound file: an old .doc or .wps (or .xls/.ppt, named by their extension).
fn ole_error(file_name: &str) -> Error {
    let name = file_name.to_ascii_lowercase();
    if [".xls", ".et", ".ppt", ".dps"].iter().any(|x| name.ends_with(x)) {
        return Error::new(
            ErrorKind::Unsupported,
            "这是旧版 Excel/PowerPoint 文件，不是年度报告正文；请把报告另存为 .docx 或 PDF 后再分析",
        );
    }
    Error::new(ErrorKind::LegacyWord, "")
}

/// The text of a .docx.
#[cfg(feature = "docx")]
fn read_docx(bytes: &[u8]) -> Result<String, Error> {
    docx::to_text(bytes)
}

/// Built without .docx reading (the page's analyzer module: the page reads .docx files with a
/// module of its own, `wasm/docx`, before they reach this one).
#[cfg(not(feature = "docx"))]
fn read_docx(_bytes: &[u8]) -> Result<String, Error> {
    Err(Error::new(ErrorKind::Unsupported, "这是 Word 文档或 zip 压缩包，本模块不含 Word 读取功能"))
}

/// Decodes text bytes (see [`charset`]: BOM, `<meta charset>`, UTF-8, then trial decoding
/// for GBK/GB18030 and Big5).
pub fn decode_text(bytes: &[u8], file_name: &str) -> Result<Document, Error> {
    let (text, used, replaced) = charset::decode(bytes);
    if !looks_like_text(&text) {
        return Err(Error::new(ErrorKind::NotText, ""));
    }
    let encoding = used.name().to_string();
    if is_html(&text, file_name) {
        let page = html::render(&text);
        let mut doc = Document {
            text: page.text,
            source: SourceKind::Html,
            encoding,
            replaced_bytes: replaced,
            notices: page.notices,
        };
        doc.cap_length();
        return Ok(doc);
    }
    let mut doc = Document {
        text,
        source: SourceKind::Text,
        encoding,
        replaced_bytes: replaced,
        ..Default::default()
    };
    doc.cap_length();
    Ok(doc)
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    /// A zip: a .docx, or an archive or other Office file.
    Zip,
    /// An old Office file (.doc, .xls, .wps …).
    Ole,
    /// An image, and its kind.
    Image(&'static str),
    Text,
}

impl Sniffed {
    /// The kind's name, as the page's worker reads it (`pdf`, `zip`, `ole`, `image`, `text`).
    pub fn name(self) -> &'static str {
        match self {
            Sniffed::Pdf => "pdf",
            Sniffed::Zip => "zip",
            Sniffed::Ole => "ole",
            Sniffed::Image(_) => "image",
            Sniffed::Text => "text",
        }
    }
}

/// The signatures of image files.
const IMAGES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\0", "TIFF"),
    (b"MM\0*", "TIFF"),
];

/// Tells what a file is from its first bytes (and its name, for a text that starts like a picture).
pub fn sniff(bytes: &[u8], file_name: &str) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Sniffed::Ole;
    }
    if file_name.to_ascii_lowercase().ends_with(".txt") {
        return Sniffed::Text; // a text may start with "BM" or "GIF89a"
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Sniffed::Image("WebP");
    }
    // "BM", then the size, then four reserved zero bytes.
    if bytes.len() >= 14 && bytes.starts_with(b"BM") && bytes[6..10] == [0, 0, 0, 0] {
        return Sniffed::Image("BMP");
    }
    match IMAGES.iter().find(|(m, _)| bytes.starts_with(m)) {
        Some((_, what)) => Sniffed::Image(what),
        None => Sniffed::Text,
    }
}

/// How many bytes `is` holds for, counted a block at a time into a byte: a count kept in a byte
/// turns into vector code (sixteen bytes a step), a count kept in a `usize` into a byte at a time.
pub(crate) fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(COUNT_BLOCK)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is(b)))))
        .sum()
}

/// The bytes [`count_bytes`] counts into one byte: no more than 255, and a multiple of the
/// vector code's step (64 bytes unrolled), so that no byte is left to a loop of one at a time.
pub(crate) const COUNT_BLOCK: usize = 192;

/// A byte that starts a character of UTF-8 (any byte but a continuation byte, 0x80–0xBF).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The byte offset of character `n` of `text`, or its length when it has no more characters:
/// `text.char_indices().nth(n)`, by counting the bytes that start a character, a block at a time.
pub(crate) fn char_offset(text: &str, n: usize) -> usize {
    let bytes = text.as_bytes();
    // No more characters than bytes.
    if bytes.len() <= n {
        return bytes.len();
    }
    let (mut at, mut seen) = (0, 0);
    for block in bytes.chunks(COUNT_BLOCK) {
        let starts = count_bytes(block, starts_char);
        if seen + starts > n {
            break;
        }
        (at, seen) = (at + block.len(), seen + starts);
    }
    // Within the block that holds it (the bytes before `at` that continue a character counted
    // are no starts).
    bytes[at..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| starts_char(b))
        .nth(n - seen)
        .map_or(bytes.len(), |(i, _)| at + i)
}

/// Decoded text is text when control characters and U+FFFD are rare.
fn looks_like_text(text: &str) -> bool {
    // Counted over the first 200,000 characters, in bytes: the text is valid UTF-8, so a
    // character is a byte that does not continue one, a control character (Unicode's Cc) is a
    // byte below 0x20 or 0x7F, or 0xC2 before 0x80–0x9F, and U+FFFD is EF BF BD. Byte counts
    // vectorise; a walk over the characters cost a third of decoding a report.
    const LIMIT: usize = 200_000;
    let head = &text.as_bytes()[..char_offset(text, LIMIT)];
    // White space (`\t \n \x0C \r`) is no control here. Bitwise `&`, not `&&`: no branches,
    // so that the count vectorises.
    let ascii_controls = count_bytes(head, |b| {
        (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0C) & (b != b'\r') | (b == 0x7F)
    });
    let c1_controls =
        memchr::memchr_iter(0xC2, head).filter(|&i| matches!(head.get(i + 1), Some(0x80..=0x9F)));
    let replaced = memchr::memmem::find_iter(head, "\u{FFFD}").count();
    let bad = ascii_controls + c1_controls.count() + replaced;
    // The characters are counted only when something is bad (seldom): with nothing bad, there
    // must be characters, and a character that is not white space shows there are.
    let few_bad = bad == 0 || bad * 20 <= count_bytes(head, starts_char);
    few_bad && text.chars().any(|c| !c.is_whitespace())
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
    let head = &text[..char_offset(text, 2048)];
    // Every sign of a page below holds a `<`: a text without one is told at once, without a
    // lower-case copy and the searches.
    if memchr::memchr(b'<', head.as_bytes()).is_none() {
        return false;
    }
    let head = head.to_ascii_lowercase();
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

    /// Counting bytes tells text as a walk over the characters does: texts drawn from
    /// characters on both sides of every test (controls, C1 controls, U+FFFD, white space,
    /// ideographs, full-width punctuation), and past the 200,000 characters counted.
    #[test]
    fn text_told_by_bytes_as_by_characters() {
        use proptest::prelude::*;
        fn by_chars(text: &str) -> bool {
            let (mut total, mut bad) = (0usize, 0usize);
            for c in text.chars().take(200_000) {
                total += 1;
                if c == '\u{FFFD}'
                    || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
                {
                    bad += 1;
                }
            }
            total > 0 && bad * 20 <= total && text.chars().any(|c| !c.is_whitespace())
        }
        let alphabet = "\0\u{1}\t\n\u{b}\u{c}\r\u{1f} a\u{7f}\u{80}\u{9f}\u{a0}¡\u{FFFD}\u{FFFC}，公开\u{3000}😀";
        let texts = crate::testing::texts(alphabet, 80);
        proptest!(ProptestConfig::with_cases(2000), |(text in texts)| {
            prop_assert_eq!(looks_like_text(&text), by_chars(&text), "{:?}", text);
        });
        // Past the limit only the first 200,000 characters count.
        let long = format!("{}{}", "公".repeat(200_000), "\u{1}".repeat(100_000));
        assert!(looks_like_text(&long) && by_chars(&long));
        let long = format!("{}{}", "\u{1}".repeat(20_000), "公".repeat(300_000));
        assert_eq!(looks_like_text(&long), by_chars(&long));
        assert!(!looks_like_text(&long));
    }

    /// [`char_offset`] finds the character that `char_indices` does, before, inside and past
    /// the blocks it counts by.
    #[test]
    fn char_offset_as_char_indices() {
        use proptest::prelude::*;
        let texts = crate::testing::texts("a\n公开😀\u{FFFD}é", 700);
        proptest!(ProptestConfig::with_cases(2000), |(text in texts, n in 0usize..800)| {
            let plain = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            prop_assert_eq!(char_offset(&text, n), plain, "{:?} {}", text, n);
        });
    }

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
        let err = decode(png, "a.png").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Image);
        assert!(err.to_string().contains("图片需先经文字识别（OCR）"), "{err}");
        let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0";
        assert_eq!(decode(jpeg, "scan").unwrap_err().kind, ErrorKind::Image);
        let webp = b"RIFF\x10\0\0\0WEBPVP8 ";
        assert_eq!(decode(webp, "x.webp").unwrap_err().kind, ErrorKind::Image);
        let noise: Vec<u8> =
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert_eq!(decode(&noise, "x.bin").unwrap_err().kind, ErrorKind::NotText);
        assert_eq!(decode(b"  \n ", "x.txt").unwrap_err().kind, ErrorKind::Empty);
    }

    #[test]
    fn old_word_and_wps_files_are_to_be_saved_as_docx() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        for name in ["年报.doc", "年报.wps", "年报.DOC", "no-extension"] {
            let err = decode(&ole, name).unwrap_err();
            assert_eq!(err.kind, ErrorKind::LegacyWord, "{name}");
            assert!(err.to_string().contains("请另存为 .docx 后再分析"), "{err}");
        }
        assert_eq!(decode(&ole, "表.xls").unwrap_err().kind, ErrorKind::Unsupported);
    }

    #[test]
    fn caps_on_file_size_and_text_length() {
        let big = vec![b'a'; MAX_BYTES + 1];
        let err = decode(&big, "big.txt").unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert!(err.to_string().contains("文件过大"), "{err}");
        // Lines of 100 characters; the cut falls on a line break.
        let line = format!("{}\n", "申".repeat(99));
        let text = line.repeat(MAX_CHARS / 100 + 5);
        let doc = decode(text.as_bytes(), "long.txt").unwrap();
        let n = doc.text.chars().count();
        assert!(n <= MAX_CHARS && n > MAX_CHARS - 100, "{n}");
        assert!(doc.text.ends_with('\n'));
        assert_eq!(doc.notices.len(), 1);
        assert_eq!(doc.notices[0].id, "input.truncated");
        assert!(doc.notices[0].message.contains("只分析了前"), "{}", doc.notices[0].message);
    }

    #[test]
    fn long_lines_are_broken_after_a_sentence() {
        let sentence = "全市共收到政府信息公开申请12件，均已按时答复。"; // 24 characters
        let line = sentence.repeat(MAX_LINE / 24 * 3);
        let doc = decode(format!("标题\n{line}\n结尾").as_bytes(), "a.txt").unwrap();
        let lines: Vec<&str> = doc.text.lines().collect();
        assert_eq!(lines.first(), Some(&"标题"));
        assert_eq!(lines.last(), Some(&"结尾"));
        assert!(lines.len() >= 5, "{}", lines.len());
        for l in &lines {
            assert!(l.chars().count() <= MAX_LINE);
            assert!(l.ends_with('。') || *l == "标题" || *l == "结尾" || l.len() < line.len() / 3);
        }
        assert_eq!(doc.text.replace('\n', ""), format!("标题{line}结尾"), "only line breaks added");
        assert_eq!(doc.notices[0].id, "input.long_lines");
        // No place to break: a hard break at the cap.
        let doc = decode("申".repeat(MAX_LINE * 2 + 1).as_bytes(), "a.txt").unwrap();
        let lens: Vec<usize> = doc.text.lines().map(|l| l.chars().count()).collect();
        assert_eq!(lens, [MAX_LINE, MAX_LINE, 1]);
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
