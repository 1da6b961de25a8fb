//! Property tests: whatever the input, [`nianbao::analyze`] never panics, and every span of the
//! result lies inside `Report::text` (character offsets) with each indicator's `quote` equal to
//! the text at its span.
//!
//! Inputs: random bytes (bare, after a UTF-8/UTF-16 BOM, after `%PDF-` or `PK\x03\x04`); random
//! report-like Chinese text built from fragments (figures in every notation, 万, 余, 其中,
//! headings, brackets, tabs, line breaks); the reports of `tests/fixtures/seeds/` (and of
//! `tests/fixtures/legacy/` when present) mutated
//! (as text, and as UTF-8/GBK/Big5/UTF-16 bytes with bytes flipped); random `.docx`, web pages
//! and small PDFs; random pdf.js text items.
//!
//! The default case counts keep the whole file under a minute in a debug build on two cores;
//! `PROPTEST_CASES=N` raises every property to N cases.

mod fuzzing;

use fuzzing::check_report;
use nianbao::decode::pdf::PdfTextItem;
use nianbao::Report;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{FileFailurePersistence, RngSeed};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

/// The configuration of a property: `PROPTEST_*` variables as proptest reads them, else
/// `default_cases` cases from a fixed seed (the same cases on every run, so CI is not flaky;
/// `PROPTEST_RNG_SEED=random` explores new ones). Failures are not written into the tree: a
/// case worth keeping goes into [`edge_cases_do_not_panic`].
fn config(default_cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = default_cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0x6e69_616e_6261_6f00);
    }
    if std::env::var_os("PROPTEST_MAX_SHRINK_ITERS").is_none() {
        c.max_shrink_iters = 400;
    }
    c.failure_persistence = Some(Box::new(FileFailurePersistence::Off));
    c
}

/// Analyses bytes; an error is fine, a report must keep the invariants.
fn analyze_bytes(bytes: &[u8], name: &str) -> Result<Option<Report>, String> {
    match nianbao::analyze(bytes, name) {
        Ok(r) => check_report(&r).map(|()| Some(r)),
        Err(_) => Ok(None),
    }
}

fn analyze_str(text: &str) -> Result<(), String> {
    check_report(&nianbao::analyze_text(text, "t.txt"))
}

// ---------------------------------------------------------------------------------------------
// Fixtures

struct Seed {
    name: String,
    text: String,
}

fn seeds() -> &'static [Seed] {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let dir = root.join("seeds");
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        // The held-out legacy reports too, when present: more ways of writing to mutate.
        if let Ok(rd) = std::fs::read_dir(root.join("legacy")) {
            paths.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
        let mut seeds: Vec<Seed> = paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| Seed {
                name: p.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&p)
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            })
            .collect();
        seeds.sort_by(|a, b| a.name.cmp(&b.name));
        assert!(!seeds.is_empty(), "no seed texts in {}", dir.display());
        seeds
    })
}

/// Pieces reports are made of. Sampled and joined at random.
const FRAGMENTS: &[&str] = &[
    // headings
    "一、",
    "二、",
    "三、",
    "一、",
    "（一）",
    "(二)",
    "（二）",
    "(一)",
    "1.",
    "1、",
    "2.",
    "2、",
    "（1）",
    "(2)",
    "第一部分",
    "第二部分",
    "一、概述",
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、政府信息公开收费及减免情况",
    "五、因政府信息公开申请行政复议、提起行政诉讼情况",
    "六、存在的主要问题及改进措施",
    // subjects and scopes
    "全市",
    "全区",
    "全县",
    "全年",
    "本年度",
    "2017年",
    "2016年度",
    "截至",
    "截止",
    "其中",
    "其中，",
    "其中：",
    "市政府本级",
    "市政府及办公室",
    "市政府办公室",
    "本机关",
    "我局",
    "各部门",
    "市本級",
    "縣政府辦公室",
    // verbs and nouns
    "主动公开政府信息",
    "主動公開政府信息",
    "收到政府信息公开申请",
    "受理",
    "接到",
    "共接收",
    "收到",
    "申请",
    "政府信息公开申",
    "请",
    "申請",
    "已答复",
    "已答覆",
    "答复",
    "当面申请",
    "网上申请",
    "信函申请",
    "传真申请",
    "电子邮件申请",
    "同意公开的",
    "同意部分公开的",
    "不同意公开的",
    "不予公开",
    "属于已主动公开范围的",
    "不属于本机关公开的",
    "申请信息不存在的",
    "告知通过其他途径办理的",
    "产生不予公开政府信息",
    "政府网站",
    "政府公报",
    "政务微博",
    "政务微信",
    "“宿迁之声”",
    "新闻发布会",
    "查阅点",
    "政策解读稿",
    "回应公众关注热点",
    "人大代表建议",
    "政协委员提案",
    "专职",
    "兼职",
    "工作人员",
    "工作机构",
    "咨询",
    "現場諮詢",
    "电话咨询",
    "人次",
    "行政复议",
    "行政複議",
    "行政诉讼",
    "行政訴訟",
    "维持",
    "纠错",
    "被依法纠错",
    "撤诉等其他情形",
    "原告撤诉",
    "未审结",
    "不予受理",
    "终止",
    "未发生",
    "没有发生",
    "无",
    "未收取任何费用",
    "没有向申请人收费",
    "暂未收费",
    "收取费用",
    "减免",
    "元",
    "万元",
    // numbers and units
    "0",
    "1",
    "12",
    "2681",
    "2,681",
    "1,234,567",
    "3.68",
    "529.35",
    "２６８１",
    "１２",
    "十二",
    "一千九百",
    "两万三千",
    "兩萬三千",
    "零",
    "〇",
    "百分之五",
    "万",
    "萬",
    "亿",
    "余",
    "餘",
    "多",
    "近",
    "约",
    "約",
    "超",
    "逾",
    "超过",
    "件",
    "條",
    "条",
    "宗",
    "例",
    "个",
    "份",
    "期",
    "场",
    "次",
    "人",
    "名",
    "%",
    "％",
    "个百分点",
    "2016年12月31日",
    "截至1231日",
    "截止到201612月底",
    "20161231日",
    "2017-02-20",
    "2017年2月20日",
    // punctuation and layout
    "，",
    "。",
    "；",
    "：",
    "、",
    ",",
    ".",
    ";",
    ":",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "〔2016〕",
    "[2016]",
    "﹝2016﹞",
    "号",
    "“",
    "”",
    "【",
    "】",
    "—",
    "－",
    "-",
    "/",
    "／",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\u{3000}",
    "　　",
    // page chrome
    "发布时间：2017-03-15 14:41",
    "浏览次数：",
    "字体：[ 大 中 小 ]",
    "当前位置：首页 > 政务公开",
    "相关词条",
    "热门词条",
    "联络我们",
    "打印本页",
    "关闭窗口",
    // odd characters
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{200B}",
    "\u{0301}",
    "😀",
    "\u{2F00}",
    "\u{F900}",
    "\0",
    "\u{7}",
    "Ａ",
    "ｂ",
];

fn fragment_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => select(FRAGMENTS).prop_map(str::to_string),
        1 => (0u64..100_000_000).prop_map(|n| n.to_string()),
        1 => (0u64..1_000_000).prop_map(|n| n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect()),
        1 => (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// An edit of a text, at a place given as a share of its length.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, String),
    Duplicate(f64, usize),
    Replace(f64, char),
    Truncate(f64),
    Swap(f64, f64, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        3 => (at.clone(), 1usize..64).prop_map(|(p, n)| Edit::Delete(p, n)),
        3 => (at.clone(), fragment_text(6)).prop_map(|(p, s)| Edit::Insert(p, s)),
        1 => (at.clone(), 1usize..400).prop_map(|(p, n)| Edit::Duplicate(p, n)),
        2 => (at.clone(), any::<char>()).prop_map(|(p, c)| Edit::Replace(p, c)),
        1 => at.clone().prop_map(Edit::Truncate),
        1 => (at.clone(), at, 1usize..200).prop_map(|(p, q, n)| Edit::Swap(p, q, n)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut c: Vec<char> = text.chars().collect();
    let pos = |c: &Vec<char>, p: f64| ((c.len() as f64) * p) as usize;
    for e in edits {
        match e {
            Edit::Delete(p, n) => {
                let i = pos(&c, *p);
                let j = (i + n).min(c.len());
                c.drain(i..j);
            }
            Edit::Insert(p, s) => {
                let i = pos(&c, *p);
                c.splice(i..i, s.chars());
            }
            Edit::Duplicate(p, n) => {
                let i = pos(&c, *p);
                let j = (i + n).min(c.len());
                let copy: Vec<char> = c[i..j].to_vec();
                c.splice(j..j, copy);
            }
            Edit::Replace(p, ch) => {
                let i = pos(&c, *p);
                if i < c.len() {
                    c[i] = *ch;
                }
            }
            Edit::Truncate(p) => {
                let i = pos(&c, *p);
                c.truncate(i);
            }
            Edit::Swap(p, q, n) => {
                let (i, k) = (pos(&c, *p), pos(&c, *q));
                let (a, b) = (i.min(k), i.max(k));
                let n = (*n).min(b - a).min(c.len() - b);
                for d in 0..n {
                    c.swap(a + d, b + d);
                }
            }
        }
    }
    c.into_iter().collect()
}

/// The text as bytes in one of the encodings reports come in.
fn encode(text: &str, how: u8) -> Vec<u8> {
    match how % 6 {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => encoding_rs::GBK.encode(text).0.into_owned(),
        3 => encoding_rs::BIG5.encode(text).0.into_owned(),
        4 => {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
            b
        }
        _ => {
            let mut b = vec![0xFE, 0xFF];
            b.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
            b
        }
    }
}

/// A small `.docx`: the given paragraphs and table cells in `word/document.xml` (possibly broken).
fn docx(body_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>"#)),
    ];
    for (name, content) in files {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Word XML from text pieces: paragraphs, runs, tables, and now and then a broken tag.
fn word_xml(pieces: &[(u8, String)]) -> String {
    let mut x = String::new();
    for (kind, s) in pieces {
        let t = xml_escape(s);
        match kind % 8 {
            0..=2 => x += &format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"),
            3 => x += &format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r><w:r><w:tab/><w:t>{t}</w:t></w:r></w:p>"),
            4 => x += &format!("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"),
            5 => x += &format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r><w:r><w:br/></w:r></w:p>"),
            6 => x += &format!("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc></w:tr>"),
            _ => x += &format!("<w:p><w:r><w:t>{t}"),
        }
    }
    x
}

/// A one-page PDF showing the given ASCII lines with a standard font (valid xref offsets).
fn pdf(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
    for l in lines {
        let esc: String = l
            .chars()
            .filter(|c| c.is_ascii() && !c.is_ascii_control())
            .collect::<String>()
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        content += &format!("({esc}) Tj T*\n");
    }
    content += "ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn flip(mut bytes: Vec<u8>, flips: &[(f64, u8)]) -> Vec<u8> {
    for &(p, b) in flips {
        if !bytes.is_empty() {
            let i = ((bytes.len() as f64) * p) as usize % bytes.len();
            bytes[i] = b;
        }
    }
    bytes
}

const PREFIXES: &[&[u8]] = &[
    b"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"%PDF-",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xD0\xCF\x11\xE0",
];

// ---------------------------------------------------------------------------------------------
// Fixed edge cases

#[test]
fn edge_cases_do_not_panic() {
    let mut inputs: Vec<Vec<u8>> = vec![
        vec![],
        b" \n\t".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"\xFF\xFE".to_vec(),
        b"\xFF\xFE\x41".to_vec(),
        b"\xFE\xFF\x00".to_vec(),
        b"%PDF-".to_vec(),
        b"%PDF-1.4\n%%EOF".to_vec(),
        b"PK\x03\x04".to_vec(),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
        vec![0; 4096],
        vec![0xFF; 4096],
        "一、".as_bytes().to_vec(),
        "（一）\n（一）\n（一）".as_bytes().to_vec(),
        // Found by the properties below (a heading alone; a heading as a pdf.js item).
        "（一）".as_bytes().to_vec(),
        "（二）".as_bytes().to_vec(),
        "(一)".as_bytes().to_vec(),
        // 其中 right after a topic word: the scope reader sliced backwards (begin > end).
        "未审结其中行政复议一、一、".as_bytes().to_vec(),
        "行政复议其中0件".as_bytes().to_vec(),
        "收到政府信息公开申请".as_bytes().to_vec(),
        "收到政府信息公开申请件".as_bytes().to_vec(),
        "收到政府信息公开申请99999999999999999999999999件".as_bytes().to_vec(),
        "主动公开政府信息1.7976931348623157e308万亿条".as_bytes().to_vec(),
        "主动公开政府信息九千九百九十九万九千九百九十九亿亿亿条".as_bytes().to_vec(),
        "其中其中其中：，，，。。。".as_bytes().to_vec(),
        "《《《《》》》〔〔〕".as_bytes().to_vec(),
        "\u{FEFF}\u{FEFF}一、概述\r\n\r\n".as_bytes().to_vec(),
        docx(""),
        docx("<w:p><w:r><w:t>主动公开政府信息12条</w:t></w:r></w:p>"),
        docx("<w:tbl><w:tr><w:tc></w:tc></w:tr></w:tbl><w:p>"),
        pdf(&[]),
        pdf(&["2016 12".to_string()]),
        b"<html><head><meta charset=\"gbk\"></head><body><table><tr><td>\xca\xd5\xb5\xbd</td><td>12</td></tr></table></body></html>".to_vec(),
    ];
    for seed in seeds() {
        inputs.push(seed.text.as_bytes()[..seed.text.len() / 2].to_vec()); // cut inside a character
    }
    let mut failures = Vec::new();
    for (i, bytes) in inputs.iter().enumerate() {
        let outcome = std::panic::catch_unwind(|| analyze_bytes(bytes, "edge.txt"));
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(80)]).into_owned();
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => failures.push(format!("edge case {i} {shown:?}: {e}")),
            Err(_) => failures.push(format!("edge case {i} {shown:?}: panicked (message above)")),
        }
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} edge case(s) failed", failures.len());
    // pdf.js items in every shape, NaNs included.
    let items = vec![
        PdfTextItem { page: 0, x: f64::NAN, y: 1.0, w: 1.0, h: 1.0, s: "1".into() },
        PdfTextItem { page: 1, x: 0.0, y: 0.0, w: 0.0, h: 0.0, s: "收到申请12件".into() },
        PdfTextItem { page: 1, x: -1e308, y: 1e308, w: f64::INFINITY, h: -3.0, s: "\t\n".into() },
        PdfTextItem { page: u32::MAX, x: 5.0, y: 5.0, w: 5.0, h: 0.0, s: "- 3 -".into() },
    ];
    let _ = nianbao::decode::pdf::from_items(&items);
}

/// Every input the fuzzer found a fault with (`tests/fixtures/fuzz/<target>/`, one file each,
/// named after what it broke) goes through its target again.
#[test]
fn fuzzer_findings_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, run) in fuzzing::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else { continue };
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            replayed += 1;
            match std::panic::catch_unwind(|| run(&bytes)) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failures.push(format!("{}: {e}", path.display())),
                Err(_) => failures.push(format!("{}: panicked (message above)", path.display())),
            }
        }
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} of {replayed} fuzzer finding(s) fail again", failures.len());
}

#[test]
fn seeds_keep_the_invariants() {
    for seed in seeds() {
        let r = nianbao::analyze(seed.text.as_bytes(), &seed.name)
            .unwrap_or_else(|e| panic!("{}: {e:?}", seed.name));
        check_report(&r).unwrap_or_else(|e| panic!("{}: {e}", seed.name));
        // The same report in GBK or Big5 (whichever holds all its characters) and in UTF-16
        // decodes to the same text.
        let legacy =
            [encoding_rs::GBK, encoding_rs::BIG5].into_iter().find(|e| !e.encode(&seed.text).2);
        let mut variants: Vec<(&str, Vec<u8>)> = vec![("UTF-16LE", encode(&seed.text, 4))];
        if let Some(enc) = legacy {
            variants.push((enc.name(), enc.encode(&seed.text).0.into_owned()));
        }
        for (name, bytes) in variants {
            let other = nianbao::analyze(&bytes, &seed.name)
                .unwrap_or_else(|e| panic!("{} in {name}: {e:?}", seed.name));
            check_report(&other).unwrap_or_else(|e| panic!("{} in {name}: {e}", seed.name));
            assert!(
                other.text == r.text,
                "{} decoded from {name} ({}) differs from the UTF-8 text",
                seed.name,
                other.meta.encoding
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(96))]

    /// Random bytes, bare or behind a BOM / a PDF or ZIP signature: no panic, and never figures.
    #[test]
    fn random_bytes(prefix in select(PREFIXES), body in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let bytes = [prefix, body.as_slice()].concat();
        let r = analyze_bytes(&bytes, "random.bin").map_err(TestCaseError::fail)?;
        // Bytes that are mostly binary give an error, not garbage figures.
        let binary = body.iter().filter(|&&b| b < 9 || (14..32).contains(&b)).count();
        if body.len() >= 256 && binary * 8 > body.len() && prefix.is_empty() {
            prop_assert!(r.as_ref().is_none_or(|r| r.indicators.is_empty()), "binary bytes gave indicators");
        }
    }

    /// Random report-like text.
    #[test]
    fn random_report_text(text in fragment_text(160)) {
        analyze_str(&text).map_err(TestCaseError::fail)?;
    }

    /// Any Unicode at all.
    #[test]
    fn random_unicode(text in "\\PC{0,400}") {
        analyze_str(&text).map_err(TestCaseError::fail)?;
    }

    /// Report-like text in the encodings reports come in.
    #[test]
    fn random_report_bytes(text in fragment_text(120), how in 0u8..6) {
        analyze_bytes(&encode(&text, how), "t.txt").map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// A seed report with random edits (deleted, duplicated, swapped stretches; inserted fragments).
    #[test]
    fn mutated_seeds(which in any::<prop::sample::Index>(), edits in proptest::collection::vec(edit(), 1..12)) {
        let seed = &seeds()[which.index(seeds().len())];
        analyze_str(&apply(&seed.text, &edits)).map_err(TestCaseError::fail)?;
    }

    /// A seed report encoded, then with bytes overwritten (broken multi-byte sequences).
    #[test]
    fn mutated_seed_bytes(which in any::<prop::sample::Index>(), how in 0u8..6,
                          cut in 0.0..1.0f64, flips in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 0..40)) {
        let seed = &seeds()[which.index(seeds().len())];
        let chars: Vec<char> = seed.text.chars().collect();
        let part: String = chars[..((chars.len() as f64 * (0.2 + 0.8 * cut)) as usize)].iter().collect();
        let bytes = flip(encode(&part, how), &flips);
        analyze_bytes(&bytes, &seed.name).map_err(TestCaseError::fail)?;
    }

    /// Word files with random paragraphs and tables, some XML broken, some bytes flipped.
    #[test]
    fn random_docx(pieces in proptest::collection::vec((any::<u8>(), fragment_text(12)), 0..40),
                   flips in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 0..3)) {
        let bytes = flip(docx(&word_xml(&pieces)), &flips);
        analyze_bytes(&bytes, "t.docx").map_err(TestCaseError::fail)?;
    }

    /// Web pages: text and tables inside markup.
    #[test]
    fn random_html(pieces in proptest::collection::vec((any::<u8>(), fragment_text(10)), 0..40), how in 0u8..4) {
        let mut html = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报</title><script>var a='<p>';</script></head><body>");
        for (k, s) in &pieces {
            html += &match k % 6 {
                0 => format!("<p>{s}</p>"),
                1 => format!("<table><tr><td>{s}</td><td>{k}</td></tr></table>"),
                2 => format!("<div class=\"x\">{s}<br>{s}</div>"),
                3 => format!("&nbsp;{s}&#x4E00;&amp;"),
                4 => format!("<span style=\"font-size:12px\">{s}"),
                _ => format!("<!-- {s} -->"),
            };
        }
        html += "</body></html>";
        analyze_bytes(&encode(&html, how), "t.html").map_err(TestCaseError::fail)?;
    }

    /// Small valid PDFs, and the same with bytes overwritten.
    #[test]
    fn random_pdf(lines in proptest::collection::vec("[ -~]{0,60}", 0..20),
                  flips in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 0..4)) {
        analyze_bytes(&pdf(&lines), "t.pdf").map_err(TestCaseError::fail)?;
        analyze_bytes(&flip(pdf(&lines), &flips), "t.pdf").map_err(TestCaseError::fail)?;
    }

    /// pdf.js text items (the page's PDF path) laid out and analysed.
    #[test]
    fn random_pdf_items(items in proptest::collection::vec(
        (0u32..4, -50.0..700.0f64, -50.0..900.0f64, -5.0..300.0f64, -1.0..30.0f64, fragment_text(6)), 0..80)) {
        let items: Vec<PdfTextItem> = items.into_iter().map(|(page, x, y, w, h, s)| PdfTextItem { page, x, y, w, h, s }).collect();
        fuzzing::checked(nianbao::analyze_pdf_items(&items, "t.pdf")).map_err(TestCaseError::fail)?;
    }
}
