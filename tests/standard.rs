//! Standard-format reports (2019/2021 tables) end to end: real cell values from every fixture of
//! `tests/fixtures/standard/` (made by `make_fixtures.py`, plus the real 淮安 2024 PDF), blank /
//! `/` / `—` / 0 kept apart, the deliberate errors found and named by cell, nothing else flagged,
//! a scan refused, and every fixture's gold met (score.py's rule, re-implemented).

use nianbao::model::{CellMark, Report, Severity, Table};
use nianbao::{analyze, slice_chars, ErrorKind};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

mod scoring;
use scoring::{gold_files, gold_triples, Triple};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/standard")
}

fn report(name: &str) -> Report {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    analyze(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn table<'a>(r: &'a Report, id: &str) -> &'a Table {
    r.tables.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{}: no {id}", r.file))
}

/// Values of the cells of the row with `key`, in column order.
fn row(r: &Report, id: &str, key: &str) -> Vec<Option<f64>> {
    let t = table(r, id);
    let row = t
        .rows
        .iter()
        .find(|x| x.key.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("{}: {id} has no {key}", r.file));
    row.cells.iter().map(|c| c.value).collect()
}

/// The value of a table-derived indicator.
fn ind(r: &Report, key: &str) -> Option<f64> {
    r.indicators.iter().find(|i| i.key == key && i.rule.starts_with("table")).map(|i| i.value)
}

fn nums(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|x| Some(*x)).collect()
}

/// Table findings that are not `ok`.
fn table_problems(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.id.starts_with("table.") && f.severity > Severity::Info)
        .map(|f| format!("{} {}", f.id, f.message))
        .collect()
}

#[test]
fn huaian_pdf_cells() {
    let r = report("huaian-city-2024.pdf");
    assert_eq!(row(&r, "table2", "std.rules"), nums(&[1.0, 0.0, 11.0]));
    assert_eq!(row(&r, "table2", "std.penalty"), nums(&[3985758.0]));
    let fee = r.indicators.iter().find(|i| i.key == "std.fees.amount").expect("fees");
    assert_eq!((fee.value, fee.unit.as_str()), (961716000.0, "万元"));
    assert_eq!(slice_chars(&r.text, fee.span), "96171.6");
    assert_eq!(
        row(&r, "table3", "apply.result.granted"),
        nums(&[1288.0, 21.0, 0.0, 0.0, 50.0, 3.0, 1362.0])
    );
    // A row whose label wraps around its figures in the PDF.
    assert_eq!(
        row(&r, "table3", "apply.result.other.overdue_fee"),
        nums(&[6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0])
    );
    assert_eq!(row(&r, "table3", "apply.result.total")[6], Some(3050.0));
    assert_eq!(row(&r, "table4", "litigation.after_review"), nums(&[12.0, 1.0, 1.0, 6.0, 20.0]));
    assert_eq!(ind(&r, "apply.result.denied.admin_query@natural_person"), Some(105.0));
    assert!(r.tables.iter().all(|t| t.layout == "2021"));
    assert!(table_problems(&r).is_empty(), "{:?}", table_problems(&r));
    for id in ["table.sum.balance", "table.sum.columns", "table.sum.outcomes", "table.sum.review"] {
        assert!(
            r.findings.iter().any(|f| f.id == id && f.severity == Severity::Ok),
            "{id} did not run"
        );
    }
}

/// Table-derived (key, value) pairs of a report.
fn table_pairs(r: &Report) -> BTreeSet<(String, String)> {
    r.indicators
        .iter()
        .filter(|i| i.rule.starts_with("table"))
        .map(|i| (i.key.to_string(), format!("{}", i.value)))
        .collect()
}

#[test]
fn word_template_its_pdf_and_the_text_copied_from_it_agree() {
    let docx = report("std-2023-word.docx");
    assert_eq!(row(&docx, "table2", "std.normative"), nums(&[12.0, 5.0, 87.0]));
    assert_eq!(
        row(&docx, "table3", "apply.received"),
        nums(&[114.0, 13.0, 0.0, 0.0, 4.0, 1.0, 132.0])
    );
    assert_eq!(
        row(&docx, "table3", "apply.result.unable.not_held"),
        nums(&[21.0, 3.0, 0.0, 0.0, 1.0, 0.0, 25.0])
    );
    assert_eq!(row(&docx, "table4", "reconsideration"), nums(&[2.0, 1.0, 0.0, 1.0, 4.0]));
    assert_eq!(ind(&docx, "std.fees.amount"), Some(15234500.0));
    let pairs = table_pairs(&docx);
    assert!(pairs.len() > 190, "{}", pairs.len());
    for other in ["std-2023-wordpdf.pdf", "std-2023-pdftext.txt"] {
        let r = report(other);
        assert_eq!(table_pairs(&r), pairs, "{other}");
        assert!(table_problems(&r).is_empty(), "{other}: {:?}", table_problems(&r));
    }
}

#[test]
fn web_page_keeps_blank_slash_dash_and_zero_apart() {
    let r = report("std-2022-web.html");
    let t2 = table(&r, "table2");
    let marks = |key: &str| -> Vec<CellMark> {
        t2.rows
            .iter()
            .find(|x| x.key.as_deref() == Some(key))
            .unwrap()
            .cells
            .iter()
            .map(|c| c.mark)
            .collect()
    };
    assert_eq!(marks("std.rules"), [CellMark::Slash; 3]);
    assert_eq!(marks("std.penalty"), [CellMark::Dash]);
    assert_eq!(marks("std.coercion"), [CellMark::Number]);
    assert_eq!(marks("std.fees"), [CellMark::Blank]);
    // Only the 0 is a figure.
    assert_eq!(ind(&r, "std.coercion.decisions"), Some(0.0));
    for key in ["std.rules.issued", "std.penalty.decisions", "std.fees.amount"] {
        assert_eq!(ind(&r, key), None, "{key}");
    }
    // rowspan/colspan, &nbsp; padding and figures split across <span>s.
    assert_eq!(
        row(&r, "table3", "apply.result.granted"),
        nums(&[118.0, 14.0, 1.0, 0.0, 6.0, 2.0, 141.0])
    );
    assert_eq!(
        row(&r, "table3", "apply.result.unable.not_held"),
        nums(&[64.0, 5.0, 0.0, 1.0, 2.0, 0.0, 72.0])
    );
    assert_eq!(row(&r, "table4", "litigation.direct"), nums(&[2.0, 1.0, 1.0, 2.0, 6.0]));
    // Every cell's span quotes its figure in the decoded text.
    for t in &r.tables {
        for x in &t.rows {
            for c in x.cells.iter().filter(|c| c.mark == CellMark::Number) {
                assert_eq!(slice_chars(&r.text, c.span), c.raw, "{} {}", x.label, c.column);
            }
        }
    }
    // Page chrome is not a table row and not a figure of the tables.
    assert!(!r.text.contains("<script"), "scripts are dropped");
    assert!(table_problems(&r).is_empty(), "{:?}", table_problems(&r));
}

#[test]
fn flattened_text_is_split_by_the_identities() {
    let r = report("std-2021-flat.txt");
    let t2 = table(&r, "table2");
    let normative = t2.rows.iter().find(|x| x.key.as_deref() == Some("std.normative")).unwrap();
    // `行政规范性文件3112` → 3 | 1 | 12, a guess.
    assert_eq!(
        normative.cells.iter().map(|c| c.value).collect::<Vec<_>>(),
        nums(&[3.0, 1.0, 12.0])
    );
    assert!(normative.cells.iter().all(|c| c.guessed));
    // `（七）总计384001043`: the row sum leaves one split, so the cells are certain.
    let t3 = table(&r, "table3");
    let total = t3.rows.iter().find(|x| x.key.as_deref() == Some("apply.result.total")).unwrap();
    assert_eq!(
        total.cells.iter().map(|c| c.value).collect::<Vec<_>>(),
        nums(&[38.0, 4.0, 0.0, 0.0, 1.0, 0.0, 43.0])
    );
    assert!(total.cells.iter().all(|c| !c.guessed));
    // One cell per line and ` | ` are read as written, not guessed.
    for key in ["apply.result.denied.state_secret", "apply.carried_in", "apply.carried_out"] {
        let x = t3.rows.iter().find(|x| x.key.as_deref() == Some(key)).unwrap();
        assert!(x.cells.iter().all(|c| !c.guessed), "{key}");
        assert_eq!(x.cells.len(), 7, "{key}");
    }
    assert_eq!(
        row(&r, "table3", "apply.result.unable.not_held"),
        nums(&[12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 13.0])
    );
    assert_eq!(row(&r, "table4", "reconsideration"), nums(&[1.0, 0.0, 0.0, 0.0, 1.0]));
    assert!(table_problems(&r).is_empty(), "{:?}", table_problems(&r));
}

#[test]
fn trial_2019_layout() {
    let r = report("std-2019-trial.txt");
    assert_eq!(table(&r, "table2").layout, "2019");
    assert_eq!(table(&r, "table3").layout, "2019");
    assert_eq!(ind(&r, "std.normative.total_public"), Some(132.0));
    assert_eq!(ind(&r, "std.license.change"), Some(-12.0));
    assert_eq!(ind(&r, "std.license.decisions"), Some(5870.0));
    assert_eq!(ind(&r, "std.other_services.decisions"), Some(210.0));
    assert_eq!(ind(&r, "std.fees.change"), Some(-2.0));
    assert_eq!(ind(&r, "std.procurement.items"), Some(64.0));
    assert_eq!(ind(&r, "std.procurement.amount"), Some(38567000.0));
    // （六）其他处理 is one row in 2019.
    assert_eq!(row(&r, "table3", "apply.result.other"), nums(&[3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 4.0]));
    assert!(r
        .indicators
        .iter()
        .all(|i| !i.key.is_under("apply.result.other") || i.key.base() == "apply.result.other"));
    // 本年增/减 may be negative; a 2019 report may use the 2019 layout.
    assert!(table_problems(&r).is_empty(), "{:?}", table_problems(&r));
    assert!(r
        .findings
        .iter()
        .all(|f| !(f.id == "table.layout.2019" && f.severity == Severity::Info)));
}

/// `table3:apply.result.granted@total` for a cell reference.
fn cell_name(r: &Report, c: &nianbao::model::CellRef) -> String {
    let t = table(r, &c.table);
    let key = t.rows[c.row].key.clone().unwrap_or_default();
    match c.table.as_str() {
        "table3" => format!("{}:{key}@{}", c.table, c.column),
        _ => format!("{}:{key}.{}", c.table, c.column),
    }
}

#[test]
fn deliberate_errors_are_found_and_nothing_else() {
    let r = report("std-2022-errors.html");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join("std-2022-errors.gold.json")).unwrap(),
    )
    .unwrap();
    let errors: Vec<(&str, BTreeSet<String>)> = r
        .findings
        .iter()
        .filter(|f| f.id.starts_with("table.") && f.severity > Severity::Info)
        .map(|f| (f.id.as_str(), f.cells.iter().map(|c| cell_name(&r, c)).collect()))
        .collect();
    let mut matched = HashSet::new();
    for line in gold["expected_findings"].as_array().unwrap() {
        let line = line.as_str().unwrap();
        let head = line.split(" — ").next().unwrap();
        let mut words = head.split_whitespace();
        let id = words.next().unwrap();
        let cells: Vec<&str> = words.collect();
        // A line marked "only when" depends on the prose rules having read the sentence.
        let optional = line.contains("only when");
        let hit = errors
            .iter()
            .position(|(eid, ecells)| *eid == id && cells.iter().all(|c| ecells.contains(*c)));
        match hit {
            Some(i) => {
                matched.insert(i);
            }
            None if optional => {}
            None => panic!("not found: {line}\nfindings: {errors:#?}"),
        }
    }
    let unexpected: Vec<_> =
        errors.iter().enumerate().filter(|(i, _)| !matched.contains(i)).map(|(_, e)| e).collect();
    assert!(unexpected.is_empty(), "unexpected findings: {unexpected:#?}");
    // The messages say what is wrong, in Chinese.
    let review = r
        .findings
        .iter()
        .find(|f| f.id == "table.sum.review" && f.severity == Severity::Error)
        .unwrap();
    assert!(
        review.message.contains("行政复议")
            && review.message.contains('7')
            && review.message.contains('6'),
        "{}",
        review.message
    );
}

#[test]
fn consistent_fixtures_raise_no_table_finding() {
    for name in [
        "std-2023-word.docx",
        "std-2022-web.html",
        "std-2021-flat.txt",
        "std-2019-trial.txt",
        "std-2023-wordpdf.pdf",
    ] {
        let r = report(name);
        assert!(table_problems(&r).is_empty(), "{name}: {:?}", table_problems(&r));
        assert_eq!(r.tables.len(), 3, "{name}");
    }
}

#[test]
fn a_pdf_without_text_is_a_scan() {
    let bytes = std::fs::read(dir().join("scan-no-text.pdf")).unwrap();
    let err = analyze(&bytes, "scan-no-text.pdf").unwrap_err();
    assert_eq!(err.kind, ErrorKind::PdfNoText);
    assert!(err.to_string().contains("没有文字层"), "{err}");
    let items: Vec<nianbao::decode::pdf::PdfTextItem> =
        serde_json::from_str(r#"[{"page":1,"x":0,"y":0,"w":0,"h":12,"s":" "}]"#).unwrap();
    assert_eq!(
        nianbao::analyze_pdf_items(&items, "scan.pdf").unwrap_err().kind,
        ErrorKind::PdfNoText
    );
}

#[test]
fn pdf_items_from_the_page_give_the_same_tables() {
    // Items as the page sends them (pdf.js getTextContent, y from the top).
    let json = r#"[
        {"page":1,"x":60,"y":100,"w":80,"h":12,"s":"第二十条第（一）项"},
        {"page":1,"x":60,"y":120,"w":48,"h":12,"s":"信息内容"},
        {"page":1,"x":200,"y":120,"w":72,"h":12,"s":"本年制发件数"},
        {"page":1,"x":60,"y":140,"w":24,"h":12,"s":"规章"},
        {"page":1,"x":200,"y":140,"w":6,"h":12,"s":"1"},
        {"page":1,"x":300,"y":140,"w":6,"h":12,"s":"0"},
        {"page":1,"x":400,"y":140,"w":12,"h":12,"s":"11"},
        {"page":1,"x":280,"y":800,"w":20,"h":12,"s":"- 1 -"},
        {"page":2,"x":60,"y":60,"w":84,"h":12,"s":"行政规范性文件"},
        {"page":2,"x":200,"y":60,"w":6,"h":12,"s":"8"},
        {"page":2,"x":300,"y":60,"w":12,"h":12,"s":"26"},
        {"page":2,"x":400,"y":60,"w":12,"h":12,"s":"66"},
        {"page":2,"x":60,"y":90,"w":200,"h":12,"s":"三、收到和处理政府信息公开申请情况"}
    ]"#;
    let items: Vec<nianbao::decode::pdf::PdfTextItem> = serde_json::from_str(json).unwrap();
    let r = nianbao::analyze_pdf_items(&items, "page.pdf").unwrap();
    assert_eq!(row(&r, "table2", "std.rules"), nums(&[1.0, 0.0, 11.0]));
    assert_eq!(row(&r, "table2", "std.normative"), nums(&[8.0, 26.0, 66.0]));
    assert!(!r.text.contains("- 1 -"));
}

// ---------------------------------------------------------------- gold files (score.py's rule)

/// Keys the tables give: table 2 and 4 keys, and table 3 rows (bare or with a column).
fn from_tables(key: &str) -> bool {
    let base = key.split('@').next().unwrap_or(key);
    key.contains('@')
        || base.starts_with("std.")
        || base.starts_with("litigation.direct.")
        || base.starts_with("litigation.after_review.")
        || ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .any(|c| base == format!("reconsideration.{c}"))
        || nianbao::tables::template::TABLE3_2021.rows.iter().any(|r| r.key == Some(base))
}

#[test]
fn every_gold_is_met() {
    let golds = gold_files(&dir());
    assert!(golds.len() >= 7, "{golds:?}");
    for g in golds {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let name = gold["file"].as_str().unwrap();
        let r = report(name);
        let required = gold_triples(&gold["required"]);
        let allowed = gold_triples(&gold["allowed"]);
        let emitted = scoring::emitted(&r);
        let from_table: HashSet<Triple> = r
            .indicators
            .iter()
            .filter(|i| i.rule.starts_with("table") && scoring::counted(&i.key.to_string()))
            .map(|i| scoring::triple(&i.key.to_string(), None, Some(i.value)))
            .collect();
        // Every required table figure is emitted; nothing the tables emit is wrong.
        let missing: Vec<&Triple> =
            required.iter().filter(|t| from_tables(&t.0) && !emitted.contains(*t)).collect();
        let wrong: Vec<&Triple> =
            from_table.iter().filter(|t| !required.contains(*t) && !allowed.contains(*t)).collect();
        assert!(missing.is_empty(), "{name}: missing {missing:?}");
        assert!(wrong.is_empty(), "{name}: wrong {wrong:?}");
        // The whole score (prose included) is reported, not asserted: prose rules live elsewhere.
        let tp = emitted.intersection(&required).count();
        let fp = emitted.iter().filter(|t| !required.contains(*t) && !allowed.contains(*t)).count();
        let fn_ = required.len() - tp;
        eprintln!("{name}: tp {tp} fp {fp} fn {fn_}");
    }
}

// ---------------------------------------------------------------- never panic

mod never_panic {
    use proptest::prelude::*;

    /// Pieces tables are made of, so that random text often looks like a table.
    const PIECES: &[&str] = &[
        "\t",
        "\n",
        " ",
        "|",
        "/",
        "—",
        "-",
        "0",
        "7",
        "12",
        "3001",
        "96171.6",
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政事业性收费",
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转",
        "（一）予以公开",
        "（三）不予公开",
        "1.属于国家秘密",
        "3、其他",
        "（六）其他处理",
        "（七）总计",
        "四、结转下年度继续办理",
        "行政复议",
        "直接起诉",
        "复议后起诉",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题",
        "- 3 -",
        "申请",
        "万元",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..300).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn tables_of_any_text(t in text()) {
            let r = nianbao::analyze_text(&t, "x.txt");
            let chars = r.text.chars().count();
            for table in &r.tables {
                for row in &table.rows {
                    for c in &row.cells {
                        prop_assert!(c.span[0] <= c.span[1] && c.span[1] <= chars);
                    }
                }
            }
        }

        #[test]
        fn web_pages(t in text(), tags in prop::collection::vec(prop::sample::select(&[
            "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td colspan=3>", "<td rowspan=30>", "<th rowspan=0>",
            "<p>", "</p>", "<br>", "<span>", "</span>", "&nbsp;", "&#12288;", "<script>", "</script>", "<!--", "-->", "<",
        ][..]), 0..80)) {
            let mixed: String = tags.iter().zip(t.split('\t')).map(|(a, b)| format!("{a}{b}")).collect();
            let _ = nianbao::decode::html::to_text(&mixed);
        }

        #[test]
        fn pdf_items(v in prop::collection::vec((1u32..3, -50.0f64..700.0, -50.0f64..900.0, -5.0f64..300.0, -2.0f64..30.0, prop::sample::select(PIECES)), 0..200)) {
            let items: Vec<nianbao::decode::pdf::PdfTextItem> = v
                .into_iter()
                .map(|(page, x, y, w, h, s)| nianbao::decode::pdf::PdfTextItem { page, x, y, w, h, s: s.to_string() })
                .collect();
            let _ = nianbao::analyze_pdf_items(&items, "x.pdf");
        }

        #[test]
        fn word_xml(t in text(), tags in prop::collection::vec(prop::sample::select(&[
            "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>",
            "</w:t>", "<w:gridSpan w:val=\"999\"/>", "<w:vMerge/>", "<w:vMerge w:val=\"restart\"/>", "<w:tab/>", "<w:br/>",
            "<w:gridBefore w:val=\"4\"/>", "&amp;", "&#0;",
        ][..]), 0..80)) {
            let body: String = tags.iter().zip(t.split('\n')).map(|(a, b)| format!("{a}{}", b.replace(['<', '&'], ""))).collect();
            let _ = nianbao::decode::docx::document_text(&format!("<w:document><w:body>{body}</w:body></w:document>"));
        }
    }
}
