//! `nianbao compare` and `nianbao sum` on the batch fixtures (tests/fixtures/batch, written by
//! its generate.mjs): reports of three agencies over the years, with a duplicate, a year whose
//! applications are ×12, a carry-over that does not match, a table pasted from last year, prose
//! copied from last year, and three files that are no report. The figures expected are those the
//! generator wrote into the reports (expected.json).

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn nianbao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch/reports")
}

fn expected() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch/expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| Path::new(r.as_str().unwrap()).file_name().unwrap().to_string_lossy().to_string())
        .collect()
}

/// `nianbao compare` over the whole folder: (findings, stderr, exit code).
fn compare() -> (Vec<Value>, String, Option<i32>) {
    let out = nianbao().arg("compare").arg(dir()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let findings = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (findings, String::from_utf8(out.stderr).unwrap(), out.status.code())
}

fn with_id<'a>(findings: &'a [Value], id: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["id"] == id).collect()
}

#[test]
fn compare_names_the_planted_defects_and_nothing_else() {
    let (findings, stderr, code) = compare();
    let exp = expected();
    // The corrupt PDF is named on stderr; everything else was read.
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("损坏的报告.pdf") && stderr.contains("无法读取该 PDF"), "{stderr}");
    assert!(
        stderr.contains("江州市教育局-2015.doc") && stderr.contains("另存为 .docx"),
        "{stderr}"
    );
    for f in &findings {
        for key in ["id", "severity", "message", "reports"] {
            assert!(!f[key].is_null(), "{key} missing: {f}");
        }
    }

    let dup = with_id(&findings, "batch.duplicate");
    assert_eq!(dup.len(), 1);
    let mut dup_names = names(&dup[0]["reports"]);
    dup_names.sort();
    let mut want = names(&exp["duplicate"]);
    want.sort();
    assert_eq!(dup_names, want);

    // The jump: one finding for 2022 → 2023, naming the applications received first, and one
    // for the way back down in 2024.
    let jumps = with_id(&findings, "yoy.jump");
    assert_eq!(jumps.len(), 2, "{jumps:?}");
    let up = jumps
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("2023年的数字与2022年"))
        .unwrap();
    let (before, after) = (&exp["jump"]["before"], &exp["jump"]["after"]);
    assert!(
        up["message"]
            .as_str()
            .unwrap()
            .contains(&format!("“收到政府信息公开申请”{before} → {after}件")),
        "{}",
        up["message"]
    );
    assert_eq!(names(&up["reports"])[0], names(&exp["jump"]["reports"])[0]);
    assert!(up["cells"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["table"] == "table3" && c["column"] == "total"));

    let carry = with_id(&findings, "carryover.mismatch");
    assert_eq!(carry.len(), 1, "{carry:?}");
    let c = carry[0];
    assert_eq!(c["severity"], "error");
    assert_eq!(names(&c["reports"]), names(&exp["carryover"]["reports"]));
    let msg = c["message"].as_str().unwrap();
    let (out, inn) = (&exp["carryover"]["carriedOut"], &exp["carryover"]["carriedIn"]);
    assert!(msg.contains(&format!("合计：2021年 {out}，2022年 {inn}")), "{msg}");
    // Both cells of both reports: last year's 四、结转下年度 and this year's 二、上年结转.
    let cells = c["cells"].as_array().unwrap();
    let totals: Vec<_> = cells.iter().filter(|c| c["column"] == "total").collect();
    assert_eq!(totals.len(), 2);
    assert_ne!(totals[0]["report"], totals[1]["report"]);
    assert_eq!(totals[1]["row"], 1, "二、上年结转 is table 3's second row");

    let same = with_id(&findings, "yoy.same_table");
    assert_eq!(same.len(), 1);
    assert_eq!(names(&same[0]["reports"]), names(&exp["sameTable"]["reports"]));
    assert!(same[0]["message"].as_str().unwrap().contains("表四"));

    let repeated = with_id(&findings, "yoy.repeated_text");
    assert_eq!(repeated.len(), 1, "only the copied year: {repeated:?}");
    assert_eq!(names(&repeated[0]["reports"]), names(&exp["repeated"]["reports"]));
    assert_eq!(repeated[0]["severity"], "warning");
    assert!(!repeated[0]["spans"].as_array().unwrap().is_empty());

    let ids: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 6, "nothing but the planted defects: {ids:?}");
}

#[test]
fn compare_years_gives_each_agency_year_by_year() {
    let out = nianbao().args(["compare", "--years"]).arg(dir()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let agencies: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The government office (nine years, three ways of writing its name), the education bureau
    // (seven), the finance bureau (two).
    let years: Vec<usize> = agencies.iter().map(|a| a["years"].as_array().unwrap().len()).collect();
    assert_eq!(years, [9, 7, 2], "{stdout}");
    let gov = &agencies[0];
    let row =
        gov["rows"].as_array().unwrap().iter().find(|r| r["key"] == "apply.received").unwrap();
    let exp = expected();
    let at = |y: i64| gov["years"].as_array().unwrap().iter().position(|c| c["year"] == y).unwrap();
    assert_eq!(row["values"][at(2023)], exp["jump"]["after"].as_f64().unwrap());
    assert_eq!(row["flagged"][at(2023)], true);
    assert_eq!(row["flagged"][at(2022)], false);
    let copied = gov["years"][at(2021)]["repeated"].as_f64().unwrap();
    assert!(copied >= 0.5, "2021 repeats {copied} of 2020");
}

fn sum_2024(extra: &[&str]) -> std::process::Output {
    let exp = expected();
    let mut cmd = nianbao();
    cmd.arg("sum").args(extra);
    for name in names(&exp["rollup2024"]["reports"]) {
        cmd.arg(dir().join(name));
    }
    // A legacy report and the duplicate of gov 2023 are left out, with the reason.
    cmd.arg(dir().join("江州市教育局-2018.txt"));
    cmd.output().unwrap()
}

fn table3_cell<'a>(rollup: &'a Value, key: &str, column: &str) -> (usize, &'a Value) {
    let t3 = rollup["tables"].as_array().unwrap().iter().find(|t| t["id"] == "table3").unwrap();
    let rows = t3["rows"].as_array().unwrap();
    let r = rows.iter().position(|r| r["key"] == key).unwrap();
    (r, rows[r]["cells"].as_array().unwrap().iter().find(|c| c["column"] == column).unwrap())
}

#[test]
fn sum_adds_up_the_standard_tables_with_their_sources() {
    let out = sum_2024(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rollup: Value = serde_json::from_slice(&out.stdout).unwrap();
    let exp = &expected()["rollup2024"];
    assert_eq!(names(&rollup["reports"]), names(&exp["reports"]));
    let skipped = rollup["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["reason"].as_str().unwrap().contains("旧版"));

    let (row, received) = table3_cell(&rollup, "apply.received", "total");
    assert_eq!(received["value"], exp["received"].as_f64().unwrap());
    assert_eq!(
        table3_cell(&rollup, "apply.received", "natural_person").1["value"],
        exp["receivedNaturalPerson"].as_f64().unwrap()
    );
    assert_eq!(
        table3_cell(&rollup, "apply.carried_out", "total").1["value"],
        exp["carriedOut"].as_f64().unwrap()
    );
    let t4 = rollup["tables"].as_array().unwrap().iter().find(|t| t["id"] == "table4").unwrap();
    let review =
        t4["rows"].as_array().unwrap().iter().find(|r| r["key"] == "reconsideration").unwrap();
    let total =
        review["cells"].as_array().unwrap().iter().find(|c| c["column"] == "total").unwrap();
    assert_eq!(total["value"], exp["reconsiderationTotal"].as_f64().unwrap());

    // The drill-down of the received total: each report's own cell.
    let source = rollup["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["cell"]["table"] == "table3"
                && s["cell"]["row"] == row
                && s["cell"]["column"] == "total"
        })
        .unwrap();
    let parts: Vec<f64> =
        source["parts"].as_array().unwrap().iter().map(|p| p["value"].as_f64().unwrap()).collect();
    let want: Vec<f64> =
        exp["parts"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(parts, want);
}

#[test]
fn sum_writes_a_workbook_with_the_totals() {
    let dir = std::env::temp_dir().join(format!("nianbao-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("汇总.xlsx");
    let out = sum_2024(&["--xlsx", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "the JSON is not printed when a workbook is written");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let book = read("xl/workbook.xml");
    for sheet in ["汇总表", "来源", "报告"] {
        assert!(book.contains(&format!("name=\"{sheet}\"")), "{sheet}: {book}");
    }
    let exp = &expected()["rollup2024"];
    let summary = read("xl/worksheets/sheet1.xml");
    for key in ["received", "carriedOut", "reconsiderationTotal"] {
        assert!(
            summary.contains(&format!("<v>{}</v>", exp[key])),
            "{key} = {} not in the sheet",
            exp[key]
        );
    }
    let strings = read("xl/sharedStrings.xml");
    assert!(strings.contains("一、本年新收政府信息公开申请数量") && strings.contains("自然人"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_are_named() {
    let out = nianbao().args(["sum", "--xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xlsx 后面要给出文件名"));
    let out = nianbao().args(["compare", "--csv", "x.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--csv belongs to extract");
}

mod properties {
    //! Any reports in, findings and a roll-up out: nothing panics, every place named lies inside
    //! the report it names, and every report named was given.
    use nianbao::batch::{compare, Digest};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "江州市人民政府办公室",
        "江州市政府辦公室",
        "年政府信息公开工作年度报告\n",
        "全市共收到政府信息公开申请",
        "件。",
        "一、本年新收政府信息公开申请数量\t",
        "二、上年结转政府信息公开申请数量\t",
        "四、结转下年度继续办理\t",
        "三、收到和处理政府信息公开申请情况\n",
        "\t",
        "\n",
        "本机关认真贯彻落实政府信息公开条例，持续深化政务公开。",
        "行政复议\t行政诉讼\n",
    ];

    fn report_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(PIECES).prop_map(str::to_string),
                (0u32..3000).prop_map(|n| n.to_string()),
                (2015i32..2026).prop_map(|y| format!("{y}年")),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_reports_give_findings_and_sums_that_point_inside_them(texts in prop::collection::vec(report_text(), 1..6)) {
            let reports: Vec<nianbao::Report> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| nianbao::analyze_text(t, &format!("r{i}.txt")))
                .collect();
            let digests: Vec<Digest> = reports.iter().map(Digest::of).collect();
            let chars = |file: &str| reports.iter().find(|r| r.file == file).map(|r| r.text.chars().count());
            let c = compare(&digests);
            for f in &c.findings {
                prop_assert!(f.reports.iter().all(|r| chars(r).is_some()));
                for s in &f.spans {
                    let n = chars(&s.report).unwrap();
                    prop_assert!(s.span[0] <= s.span[1] && s.span[1] <= n, "{:?} outside {n}", s);
                }
            }
            let sum = nianbao::rollup::sum(&digests);
            for source in &sum.sources {
                for p in &source.parts {
                    prop_assert!(p.span[1] <= chars(&p.report).unwrap());
                }
            }
            let book = nianbao::rollup::workbook(&sum);
            prop_assert!(serde_json::from_value::<nianbao_xlsx::sheets::Book>(book).is_ok());
        }
    }
}
