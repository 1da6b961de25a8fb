//! The command line: JSON Lines and CSV, folders, and keeping going past a bad file.

use std::path::PathBuf;
use std::process::Command;

fn nianbao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn json_line_per_report_with_real_figures() {
    let out = nianbao()
        .args(["extract", "--json"])
        .arg(seed("004_9d084db3fe9a091f.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let received = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "apply.received" && i["scope"] == "whole")
        .unwrap();
    assert_eq!(received["value"], 2681.0);
    assert_eq!(received["quote"], "收到政府信息公開申請2681件");
    assert_eq!(report["meta"]["script"], "traditional");
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_analysed() {
    let dir = scratch("mixed");
    std::fs::copy(seed("002_ff39032f2697628d.txt"), dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("b.pdf"), b"%PDF-1.4 not really").unwrap();
    std::fs::write(
        dir.join("c.txt"),
        (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::copy(seed("003_d41cb1e17d5f5455.txt"), dir.join("d.txt")).unwrap();
    std::fs::write(dir.join("notes.md"), "not a report").unwrap();
    let out = nianbao().arg("extract").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let files: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(files, ["a.txt", "d.txt"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("b.pdf") && stderr.contains("c.txt"), "{stderr}");
    assert!(stderr.contains("无法识别为文本"), "the message says why, in Chinese: {stderr}");
}

#[test]
fn csv_has_one_row_per_indicator() {
    let out = nianbao()
        .args(["extract", "--csv"])
        .arg(seed("001_6d4dab03c6fbfbca.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "\u{FEFF}file,agency,year,format,key,label,scope,value,unit,approx,span_start,span_end,quote");
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().any(|r| r.starts_with("001_6d4dab03c6fbfbca.txt,張家港市人民政府,2018,legacy,apply.received,收到政府信息公开申请,own,37,")), "{csv}");
    assert!(rows.iter().any(|r| r.contains(",reconsideration.total,") && r.contains(",whole,11,")));
}

#[test]
fn usage_errors_exit_2() {
    let out = nianbao().arg("extract").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
    let out = nianbao().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
