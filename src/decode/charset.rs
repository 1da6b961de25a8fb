//! Stage 1a: the bytes of a text file → which encoding they use, and the text.
//!
//! Takes the bytes of a .txt or a web page; gives the text, the [`Charset`] it was read with and
//! whether some bytes were malformed (each became U+FFFD, the encoding_rs way). The first of
//! these that speaks decides:
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. UTF-16 without a BOM (ASCII text shows a NUL in every other byte);
//! 3. `<meta charset>` in the first 2 KB (web pages) naming one of the [`Charset`]s (the
//!    encodings Chinese reports come in; a page labelled Shift_JIS or KOI8-R goes on to
//!    detection), unless the bytes contradict it (a page
//!    saying UTF-8 that is not, or saying GBK that is valid UTF-8 beyond ASCII: both are
//!    common on government sites whose templates were converted but not their labels);
//! 4. the bytes are valid UTF-8;
//! 5. trial decoding: the start of the file read as GBK (the GB18030 decoder), as Big5, as
//!    UTF-8 and (an even number of bytes) as UTF-16LE and UTF-16BE, and the reading kept that
//!    yields the most of the characters reports are made of ([`FREQUENT`]), each malformed
//!    sequence counting against it. (Chinese text in UTF-16 has few ASCII characters, so few
//!    NULs for step 2.) A reading counts only when at least one in ten of its non-ASCII
//!    characters is one of them (a wrong reading makes one in fifty or fewer); text of which
//!    no reading counts is not Chinese: windows-1252, which never fails.
//!
//! Step 5 takes the place of chardetng, whose byte-pair tables and the decoders it runs cost
//! the page's module about 150 KB gzipped; a test (`tests::decides_like_chardetng`) checks
//! that both decide alike on the fixtures in five encodings, and where they differ (UTF-8 with
//! a few broken bytes, which chardetng reads as GBK) this reading is the right one.
//!
//! The decoding itself is the platform's: encoding_rs natively, the browser's `TextDecoder` in
//! WebAssembly (the same WHATWG decoders, without their tables, nor encoding_rs at all, in the
//! module). UTF-8 is decoded by Rust itself on both, so the command line and the page read every
//! file alike.

use std::sync::OnceLock;

/// The encodings reports come in (WHATWG's names and labels; the names are encoding_rs's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK and GB2312, read with the GB18030 decoder (WHATWG's `gbk`).
    Gbk,
    Gb18030,
    Big5,
    /// Latin-1 and ASCII too (WHATWG reads them so).
    Windows1252,
}

use Charset::{Big5, Gb18030, Gbk, Utf16Be, Utf16Le, Utf8, Windows1252};

impl Charset {
    /// The encoding's name, as reports give it (`meta.encoding`).
    pub fn name(self) -> &'static str {
        match self {
            Utf8 => "UTF-8",
            Utf16Le => "UTF-16LE",
            Utf16Be => "UTF-16BE",
            Gbk => "GBK",
            Gb18030 => "gb18030",
            Big5 => "Big5",
            Windows1252 => "windows-1252",
        }
    }

    /// The encoding a WHATWG label names (`gb2312` → GBK), among these.
    pub fn for_label(label: &[u8]) -> Option<Charset> {
        let label = std::str::from_utf8(label).ok()?.trim().to_ascii_lowercase();
        LABELS.iter().find(|(_, labels)| labels.contains(&label.as_str())).map(|&(c, _)| c)
    }

    /// The encoding a byte order mark at the start names, and the mark's length.
    pub fn for_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some((Utf8, 3))
        } else if bytes.starts_with(b"\xFF\xFE") {
            Some((Utf16Le, 2))
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some((Utf16Be, 2))
        } else {
            None
        }
    }
}

/// WHATWG's labels of each (the Encoding Standard, § 4.2).
const LABELS: &[(Charset, &[&str])] = &[
    (
        Utf8,
        &[
            "unicode-1-1-utf-8",
            "unicode11utf8",
            "unicode20utf8",
            "utf-8",
            "utf8",
            "x-unicode20utf8",
        ],
    ),
    (
        Utf16Le,
        &["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
    ),
    (Utf16Be, &["unicodefffe", "utf-16be"]),
    (
        Gbk,
        &[
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "gb2312",
            "gb_2312",
            "gb_2312-80",
            "gbk",
            "iso-ir-58",
            "x-gbk",
        ],
    ),
    (Gb18030, &["gb18030"]),
    (Big5, &["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
    (
        Windows1252,
        &[
            "ansi_x3.4-1968",
            "ascii",
            "cp1252",
            "cp819",
            "csisolatin1",
            "ibm819",
            "iso-8859-1",
            "iso-ir-100",
            "iso8859-1",
            "iso88591",
            "iso_8859-1",
            "iso_8859-1:1987",
            "l1",
            "latin1",
            "us-ascii",
            "windows-1252",
            "x-cp1252",
        ],
    ),
];

/// Decodes the bytes of a text file: `(text, encoding used, some bytes were malformed)`.
pub fn decode(bytes: &[u8]) -> (String, Charset, bool) {
    if let Some((encoding, bom)) = Charset::for_bom(bytes) {
        let (text, replaced) = decode_as(encoding, &bytes[bom..]);
        return (text, encoding, replaced);
    }
    // Most files are UTF-8: checked once, and then copied as they are. simdutf8 checks a
    // Chinese text about ten times faster than std, which takes a branch per byte outside ASCII.
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    let encoding = detect_given(bytes, utf8.is_some());
    if let (Utf8, Some(text)) = (encoding, utf8) {
        return (text.to_string(), Utf8, false);
    }
    let (text, replaced) = decode_as(encoding, bytes);
    (text, encoding, replaced)
}

/// The encoding of bytes that have no byte order mark (steps 2–5 of the module doc).
pub fn detect(bytes: &[u8]) -> Charset {
    detect_given(bytes, simdutf8::basic::from_utf8(bytes).is_ok())
}

/// [`detect`], told whether the bytes are valid UTF-8.
fn detect_given(bytes: &[u8], utf8: bool) -> Charset {
    if let Some(encoding) = utf16_without_bom(bytes) {
        return encoding;
    }
    if let Some(encoding) = meta_charset(bytes) {
        let contradicted = if encoding == Utf8 { !utf8 } else { utf8 && !bytes.is_ascii() };
        if !contradicted {
            return encoding;
        }
    }
    if utf8 {
        return Utf8;
    }
    by_trial(bytes)
}

/// Decodes `bytes` (without a BOM) as `encoding`; true when malformed bytes became U+FFFD.
pub fn decode_as(encoding: Charset, bytes: &[u8]) -> (String, bool) {
    if encoding == Utf8 {
        return match String::from_utf8_lossy(bytes) {
            std::borrow::Cow::Borrowed(text) => (text.to_string(), false),
            std::borrow::Cow::Owned(text) => (text, true),
        };
    }
    platform::decode(encoding, bytes)
}

/// How much of the file the trial decoding reads.
const TRIAL_BYTES: usize = 64 * 1024;

/// Ideographs frequent in reports, simplified and traditional: the 200 most frequent of the
/// fixtures' reports (85,676 ideographs, after folding to simplified script; they make 83 % of
/// them) and every traditional form OpenCC folds to one of them. Sorted, for binary search.
const FREQUENT: &str = "一万三上不专业个中为主举了予事二于五人他以件众会佈位体作例依侷保信個傢元內全公共关\
其具内况出分到制力办加务动動務化区區单博原县参參及发取受各同告员和咨員單噹四回围国國圍在培報复大存安定实\
审室家密實審对專對局属屬工已市布年应府度建开式当形復微性总息情意應我或报持指按接推提收改政数數文新方於时\
是時更會有服期未本机条构查査标案條業構標機次民求況法涉渠点為热熱爲理生用申电當發的目眾知社站等答策箇管範\
类糾級結統經維網編縣總纠级经结统维编网职聞職舆舉范萬蔘衆行衕表被製複要規规解計訓訟設訴詢請諮議讀计训议讼\
设诉询请读責費資责费资起輿辦过进迴通進過道部重量錯錶错門開關门闻電面項題類项题體髮麪麫麵點齣";

fn frequent() -> &'static [char] {
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    SET.get_or_init(|| FREQUENT.chars().collect())
}

/// Step 5: the reading of the file's start with the best score.
fn by_trial(bytes: &[u8]) -> Charset {
    let sample = trial_sample(bytes);
    let mut best = (i64::MIN, Windows1252);
    let even = bytes.len().is_multiple_of(2);
    for encoding in [Gbk, Big5, Utf8, Utf16Le, Utf16Be] {
        let (text, _) = if encoding == Utf16Le || encoding == Utf16Be {
            if !even {
                continue;
            }
            decode_as(encoding, &bytes[..bytes.len().min(TRIAL_BYTES)])
        } else {
            decode_as(encoding, sample)
        };
        let tally = tally(&text);
        if tally.frequent == 0 || tally.frequent * 10 < tally.non_ascii {
            continue;
        }
        let score = tally.frequent as i64 - 8 * tally.malformed as i64;
        if score > best.0 {
            best = (score, encoding);
        }
    }
    best.1
}

/// The first [`TRIAL_BYTES`] of the file, ended after a line break when there is one, so that
/// no character is cut in two (a line feed is never part of a GBK, Big5 or UTF-8 sequence).
fn trial_sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= TRIAL_BYTES {
        return bytes;
    }
    let head = &bytes[..TRIAL_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(at) => &head[..=at],
        None => head,
    }
}

/// What a reading holds.
struct Tally {
    frequent: usize,
    malformed: usize,
    non_ascii: usize,
}

fn tally(text: &str) -> Tally {
    let set = frequent();
    let mut t = Tally { frequent: 0, malformed: 0, non_ascii: 0 };
    for c in text.chars().filter(|c| !c.is_ascii()) {
        t.non_ascii += 1;
        if c == '\u{FFFD}' {
            t.malformed += 1;
        } else if c >= '\u{4E00}' && set.binary_search(&c).is_ok() {
            t.frequent += 1;
        }
    }
    t
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Charset> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    // Counted a block at a time into bytes, which vectorises (see `count_bytes`).
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for block in sample.chunks(2 * super::COUNT_BLOCK) {
        let (mut even, mut odd) = (0u8, 0u8);
        for pair in block.chunks_exact(2) {
            even += u8::from(pair[0] == 0);
            odd += u8::from(pair[1] == 0);
        }
        (even_nul, odd_nul) = (even_nul + usize::from(even), odd_nul + usize::from(odd));
    }
    if odd_nul * 5 > pairs * 2 && even_nul * 20 < pairs {
        Some(Utf16Le)
    } else if even_nul * 5 > pairs * 2 && odd_nul * 20 < pairs {
        Some(Utf16Be)
    } else {
        None
    }
}

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"` in the first 2 KB.
fn meta_charset(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(2048)];
    // Where a `c` stands (memchr finds each): no lower-case copy of the head.
    let at = memchr::memchr2_iter(b'c', b'C', head)
        .find(|&i| head.get(i..i + 8).is_some_and(|w| w.eq_ignore_ascii_case(b"charset=")))?
        + b"charset=".len();
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Charset::for_label(&rest[..end])
}

/// Natively: encoding_rs.
#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use super::Charset;

    pub fn decode(charset: Charset, bytes: &[u8]) -> (String, bool) {
        let encoding = match charset {
            Charset::Utf8 => encoding_rs::UTF_8,
            Charset::Utf16Le => encoding_rs::UTF_16LE,
            Charset::Utf16Be => encoding_rs::UTF_16BE,
            Charset::Gbk => encoding_rs::GBK,
            Charset::Gb18030 => encoding_rs::GB18030,
            Charset::Big5 => encoding_rs::BIG5,
            Charset::Windows1252 => encoding_rs::WINDOWS_1252,
        };
        let (text, replaced) = encoding.decode_without_bom_handling(bytes);
        (text.into_owned(), replaced)
    }
}

/// In WebAssembly: the browser's `TextDecoder`, strict first, so that we know whether bytes
/// were malformed, then lenient.
#[cfg(target_arch = "wasm32")]
mod platform {
    use super::Charset;
    use web_sys::{TextDecoder, TextDecoderOptions};

    fn decoder(label: &str, fatal: bool) -> Option<TextDecoder> {
        let options = TextDecoderOptions::new();
        options.set_fatal(fatal);
        // Keep a BOM after the one taken off (as encoding_rs does); web-sys lacks the setter.
        js_sys::Reflect::set(&options, &"ignoreBOM".into(), &true.into()).ok()?;
        TextDecoder::new_with_label_and_options(label, &options).ok()
    }

    pub fn decode(charset: Charset, bytes: &[u8]) -> (String, bool) {
        let label = charset.name();
        if let Some(text) = decoder(label, true).and_then(|d| d.decode_with_u8_array(bytes).ok()) {
            return (text, false);
        }
        match decoder(label, false).and_then(|d| d.decode_with_u8_array(bytes).ok()) {
            Some(text) => (text, true),
            // A browser without this decoder (none that runs WebAssembly): bytes kept as far
            // as they are UTF-8, and said to be replaced.
            None => (String::from_utf8_lossy(bytes).into_owned(), true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5 as BIG5_RS, GB18030 as GB18030_RS, GBK as GBK_RS};

    const SIMPLIFIED: &str =
        "二〇一六年，全市共收到政府信息公开申请二千六百八十一件，均已按时答复。\
主动公开政府信息二十七万条，其中政策解读稿七十一件。";
    const TRADITIONAL: &str =
        "二〇一六年，全市共收到政府資訊公開申請二千六百八十一件，均已按時答覆。\
主動公開政府資訊二十七萬條，其中政策解讀稿七十一件。";

    /// Every label of the six, as encoding_rs reads it (same encoding, same name).
    #[test]
    fn labels_and_names_are_encoding_rs_own() {
        for (charset, labels) in LABELS {
            for label in labels.iter() {
                let theirs = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
                assert_eq!(charset.name(), theirs.name(), "{label}");
                assert_eq!(Charset::for_label(label.to_uppercase().as_bytes()), Some(*charset));
            }
        }
        assert_eq!(Charset::for_label(b"shift_jis"), None);
    }

    #[test]
    fn frequent_is_sorted_and_has_both_scripts() {
        let set = frequent();
        assert!(set.windows(2).all(|w| w[0] < w[1]), "FREQUENT must be sorted, without repeats");
        for c in ['的', '申', '请', '請', '公', '开', '開', '资', '資'] {
            assert!(set.binary_search(&c).is_ok(), "{c}");
        }
    }

    #[test]
    fn gbk_gb18030_and_big5_by_trial() {
        let (gbk, _, _) = GBK_RS.encode(SIMPLIFIED);
        assert_eq!(decode(&gbk), (SIMPLIFIED.to_string(), Gbk, false));
        // GB18030's four-byte sequences (here 〇 is two bytes, € and 𠀀 four) go through the same decoder.
        let text = format!("{SIMPLIFIED}价格€，𠀀");
        let (gb18030, _, _) = GB18030_RS.encode(&text);
        assert_eq!(decode(&gb18030), (text, Gbk, false));
        let (big5, _, _) = BIG5_RS.encode(TRADITIONAL);
        assert_eq!(decode(&big5), (TRADITIONAL.to_string(), Big5, false));
    }

    #[test]
    fn utf8_with_broken_bytes_stays_utf8() {
        // A download cut short, a byte flipped: the rest is still UTF-8, and says it was repaired.
        let mut bytes = SIMPLIFIED.as_bytes().to_vec();
        bytes[10] = 0xFF;
        let (text, encoding, replaced) = decode(&bytes);
        assert_eq!(encoding, Utf8);
        assert!(replaced);
        assert!(text.contains("全市共收到政府信息公开申请"));
    }

    #[test]
    fn a_meta_charset_the_bytes_contradict_is_not_believed() {
        let page = format!("<html><head><meta charset=\"utf-8\"></head><body><p>{SIMPLIFIED}</p>");
        let (gbk, _, _) = GBK_RS.encode(&page);
        assert_eq!(decode(&gbk), (page.clone(), Gbk, false));
        let labelled_gbk = page.replace("utf-8", "gb2312");
        assert_eq!(decode(labelled_gbk.as_bytes()).1, Utf8);
        let (gbk, _, _) = GBK_RS.encode(&labelled_gbk);
        assert_eq!(decode(&gbk).1, Gbk, "a label that holds is believed");
    }

    #[test]
    fn not_chinese_is_windows_1252() {
        let bytes = b"Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 - an annual report in French.";
        assert_eq!(decode(bytes).1, Windows1252);
    }

    #[test]
    fn utf16_without_bom_both_orders() {
        let s = "Report 2016: 收到申请11件";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), (s.to_string(), Utf16Le, false));
        assert_eq!(decode(&be), (s.to_string(), Utf16Be, false));
    }

    #[test]
    fn the_trial_reads_only_the_start_cut_at_a_line() {
        let line = format!("{SIMPLIFIED}\n");
        let text = line.repeat(TRIAL_BYTES / line.len() * 3);
        let (gbk, _, _) = GBK_RS.encode(&text);
        let sample = trial_sample(&gbk);
        assert!(sample.len() <= TRIAL_BYTES && sample.ends_with(b"\n"));
        assert_eq!(decode(&gbk).1, Gbk);
    }

    /// The fixtures' reports (and a web page) in GBK, GB18030, Big5, UTF-16LE and UTF-16BE
    /// without BOM: decided as chardetng decides (it says GBK for GB18030; it leaves BOM-less
    /// UTF-16 to the caller), and read back to the very text.
    #[test]
    fn decides_like_chardetng() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut files: Vec<_> = ["seeds", "legacy", "standard"]
            .iter()
            .flat_map(|sub| std::fs::read_dir(format!("{dir}/{sub}")).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        assert!(files.len() >= 15, "fixtures: {}", files.len());
        let mut checked = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            for encoding in
                [GBK_RS, GB18030_RS, BIG5_RS, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
            {
                let bytes: Vec<u8> = match encoding.name() {
                    "UTF-16LE" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                    "UTF-16BE" => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                    _ => {
                        let (bytes, _, unmappable) = encoding.encode(&text);
                        if unmappable {
                            continue; // simplified text has characters Big5 lacks
                        }
                        bytes.into_owned()
                    }
                };
                let (read, used, replaced) = decode(&bytes);
                let name = path.file_name().unwrap().to_string_lossy();
                assert!(!replaced, "{name} in {}", encoding.name());
                assert_eq!(read, text, "{name} in {} read back", encoding.name());
                if encoding.name().starts_with("UTF-16") {
                    assert_eq!(used.name(), encoding.name(), "{name}");
                } else {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(&bytes, true);
                    let theirs = detector.guess(None, chardetng::Utf8Detection::Allow);
                    assert_eq!(used.name(), theirs.name(), "{name} in {}", encoding.name());
                }
                checked += 1;
            }
        }
        assert!(checked >= 50, "{checked} files checked");
    }
}
