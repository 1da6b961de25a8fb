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

// On one core the reports are analysed on the main thread, elsewhere by a pool of threads
// (src/main.rs, `Batch`): the same lines, in the same order, for every command.
#[test]
fn one_thread_and_many_give_the_same_output() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (seeds, batch) = (fixtures.join("seeds"), fixtures.join("batch"));
    for args in [&["extract", "--json"][..], &["extract", "--csv"], &["compare"], &["sum"]] {
        let run = |one: bool| {
            let mut cmd = nianbao();
            if one {
                cmd.env("RAYON_NUM_THREADS", "1");
            }
            let out = cmd.args(args).arg(&seeds).arg(&batch).output().unwrap();
            (out.status.code(), out.stdout)
        };
        let (pooled, alone) = (run(false), run(true));
        assert!(!pooled.1.is_empty(), "{args:?}");
        assert_eq!(pooled, alone, "{args:?}");
    }
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

/// The `file` of each JSON line.
fn files_of(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

// See: issue 9 (a folder that links to itself analysed one file 41 times, without a word).
#[cfg(unix)]
#[test]
fn a_folder_walk_follows_no_link_out_and_takes_each_file_once() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    let root = dir.join("reports");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::copy(seed("002_ff39032f2697628d.txt"), root.join("a.txt")).unwrap();
    std::fs::copy(seed("003_d41cb1e17d5f5455.txt"), dir.join("outside/o.txt")).unwrap();
    symlink("..", root.join("sub/up")).unwrap(); // a loop
    symlink("a.txt", root.join("b.txt")).unwrap(); // the same file again
    symlink("../outside", root.join("out")).unwrap(); // out of the folder
    symlink(dir.join("outside/o.txt"), root.join("o.txt")).unwrap();
    std::fs::hard_link(root.join("a.txt"), root.join("sub/hard.txt")).unwrap();
    let out = nianbao().arg("extract").arg(&root).arg(root.join("a.txt")).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(files_of(&out.stdout), ["a.txt"], "{stderr}");
    for (file, said) in [
        ("b.txt", "与已分析的文件是同一个"),
        ("up", "与已分析的文件夹是同一个"),
        ("out", "链接指向文件夹之外"),
        ("o.txt", "链接指向文件夹之外"),
        ("hard.txt", "与已分析的文件是同一个"),
        ("a.txt", "已分析过同一文件"),
    ] {
        let line = format!("{file}: 已跳过 / skipped: {said}");
        assert!(stderr.contains(&line), "{line:?} not in {stderr}");
    }
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    for (name, bytes) in files {
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(*name, deflated).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

// See: issue 9 (the page reads .zip, the command line could not).
#[test]
fn a_zip_is_read_member_by_member_within_its_caps() {
    let dir = scratch("zip");
    let report = std::fs::read(seed("004_9d084db3fe9a091f.txt")).unwrap();
    let archive = zip_of(&[
        ("报告/2016/宿迁.txt", &report),
        ("bomb.txt", &vec![0u8; 64 << 20]),
        ("说明.png", b"not a report"),
        ("inner.zip", b"PK\x03\x04"),
        ("__MACOSX/._宿迁.txt", b"junk"),
    ]);
    std::fs::write(dir.join("年报.zip"), archive).unwrap();
    let out = nianbao().args(["extract", "--json"]).arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let report: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(report["file"], "年报.zip/报告/2016/宿迁.txt");
    assert!(report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["key"] == "apply.received" && i["value"] == 2681.0));
    assert_eq!(stdout.lines().count(), 1);
    assert!(
        stderr.contains("年报.zip/bomb.txt: 文件过大") && stderr.contains("压缩炸弹"),
        "{stderr}"
    );
    assert!(
        stderr.contains("年报.zip/inner.zip: 已跳过 / skipped: 压缩包中的压缩包不会再解压"),
        "{stderr}"
    );
    assert!(stderr.contains("年报.zip/说明.png: 已跳过") && !stderr.contains("MACOSX"), "{stderr}");
    // A broken archive is named, in Chinese.
    std::fs::write(dir.join("坏.zip"), b"PK\x03\x04 broken").unwrap();
    let out = nianbao().arg("extract").arg(dir.join("坏.zip")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("坏.zip: 无法读取该 zip 压缩包"));
}

#[test]
fn old_word_files_and_images_say_what_to_do() {
    let dir = scratch("kinds");
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    std::fs::write(dir.join("a.doc"), ole).unwrap();
    std::fs::write(dir.join("b.wps"), ole).unwrap();
    std::fs::write(dir.join("c.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    // Given directly, each is tried and refused with its kind's message.
    let out = nianbao()
        .arg("extract")
        .args(["a.doc", "b.wps", "c.png"].map(|f| dir.join(f)))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for f in ["a.doc", "b.wps"] {
        let line = stderr.lines().find(|l| l.contains(f)).unwrap_or_default();
        assert!(
            line.contains("这是旧版 Word/WPS 文件") && line.contains("请另存为 .docx 后再分析"),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("c.png: 这是图片") && stderr.contains("图片需先经文字识别（OCR）"),
        "{stderr}"
    );
    // In a folder, they are named with the same advice and skipped.
    let out = nianbao().arg("extract").arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a.doc: 已跳过") && stderr.contains("另存为 .docx"), "{stderr}");
    assert!(stderr.contains("c.png: 已跳过") && stderr.contains("OCR"), "{stderr}");
}

// See: issue 9 (50,000 nested <div> killed the process with a stack overflow).
#[test]
fn deeply_nested_html_gives_a_report_with_a_finding() {
    let dir = scratch("deep");
    let n = 200_000;
    let page =
        format!("{}全市共收到政府信息公开申请12件。{}", "<div>".repeat(n), "</div>".repeat(n));
    std::fs::write(dir.join("deep.html"), page).unwrap();
    let out = nianbao().arg("extract").arg(dir.join("deep.html")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "input.html_depth")
        .expect("a finding on the depth");
    assert!(finding["message"].as_str().unwrap().contains("嵌套超过 512 层"));
    assert!(report["indicators"].as_array().unwrap().iter().any(|i| i["value"] == 12.0));
}

// See: issue 9 (bounded work). A text with no sentence end and a 其中 every 30 characters took
// the square of its length: each figure's scope walked back through every 其中 before it, and
// the 其中-list check scanned all figures and the whole line from each 其中 (200,000 characters:
// 52 s in the release build; 0.8 s now). Each part still takes the scope of the subject
// before it, and each list is still checked.
#[test]
fn a_long_text_without_sentence_ends_is_read_in_linear_time_and_alike() {
    let dir = scratch("no-sentence-end");
    let unit = "全市共收到政府信息公开申请12件,其中当面申请3件,网上申请9件,";
    std::fs::write(dir.join("long.txt"), unit.repeat(2_000)).unwrap();
    let out = nianbao().arg("extract").arg(dir.join("long.txt")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let indicators = report["indicators"].as_array().unwrap();
    let in_person = indicators.iter().find(|i| i["key"] == "apply.channel.in_person").unwrap();
    assert_eq!(
        (in_person["value"].as_f64(), in_person["scope"].as_str()),
        (Some(3.0), Some("whole"))
    );
    let lists = report["findings"].as_array().unwrap().iter().filter(|f| f["id"] == "sum.list");
    // One list per 其中 but the first, whose total the indicators took (the channels' own sum
    // checks it: sum.apply_channels).
    assert_eq!(lists.filter(|f| f["severity"] == "ok").count(), 1_999);
}

// See: issue 9 (CSV cells that a spreadsheet runs as formulas).
#[test]
fn csv_text_cells_are_defused_and_numbers_stay_numbers() {
    let dir = scratch("formula");
    let name = "=HYPERLINK(1)+-@.txt";
    std::fs::copy(seed("002_ff39032f2697628d.txt"), dir.join(name)).unwrap();
    let out = nianbao().args(["extract", "--csv"]).arg(dir.join(name)).output().unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.starts_with("'=HYPERLINK(1)+-@.txt,"), "{row}");
    }
}
