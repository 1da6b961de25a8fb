//! The `nianbao` command line: a thin layer over the library.
//!
//! ```text
//! nianbao extract [--json | --csv] PATH...   analyse files and folders (JSON Lines by default)
//! nianbao compare PATH...                    findings across the reports (JSON Lines)
//! nianbao sum [--xlsx FILE] PATH...          the standard tables summed (JSON, or a workbook)
//! nianbao version
//! ```
//! Every readable file is analysed even when others fail; each failure is reported on stderr
//! with the file's name, and the exit status is then 1 (2 for a usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The flags, as a table: help is printed from it.
const FLAGS: &[(&str, &str)] = &[
    (
        "--json",
        "extract：每份报告输出一行 JSON（默认） / one JSON object per report per line (default)",
    ),
    ("--csv", "extract：每个指标输出一行 CSV（UTF-8 带 BOM） / one CSV row per indicator"),
    ("--xlsx FILE", "sum：把汇总表写入 Excel 文件 / write the combined tables to an .xlsx file"),
    ("-h, --help", "显示帮助 / show this help"),
];

/// The commands, as a table: (name, arguments, what it does).
const COMMANDS: &[(&str, &str, &str)] = &[
    ("extract", "[--json | --csv] PATH...", "分析每份报告 / analyse each report"),
    (
        "compare",
        "PATH...",
        "跨报告检查：重复、逐年变化、结转、照搬 / findings across reports (JSON Lines)",
    ),
    ("sum", "[--xlsx FILE] PATH...", "汇总标准表格 / sum the standard tables (JSON)"),
    ("version", "", "显示版本 / show the version"),
];

#[derive(Clone, Copy, PartialEq)]
enum Output {
    Json,
    Csv,
}

#[derive(Clone, PartialEq)]
enum Command {
    Extract(Output),
    Compare,
    Sum { xlsx: Option<PathBuf> },
}

/// What the command line asks for, once parsing is over.
struct Config {
    command: Command,
    paths: Vec<PathBuf>,
}

fn usage() -> String {
    let mut s = String::from("用法 / usage:\n");
    for (name, args, what) in COMMANDS {
        s.push_str(&format!("  nianbao {name} {args}\n      {what}\n"));
    }
    s.push_str("\nPATH 可以是文件或文件夹（文件夹中的 .txt .html .htm .docx .pdf 均会分析）。\n\n");
    for (flag, help) in FLAGS {
        s.push_str(&format!("  {flag:<12} {help}\n"));
    }
    s
}

fn parse_args(args: &[String]) -> Result<Option<Config>, String> {
    let mut command = match args.first().map(String::as_str) {
        Some("extract") => Command::Extract(Output::Json),
        Some("compare") => Command::Compare,
        Some("sum") => Command::Sum { xlsx: None },
        Some("version") | Some("--version") | Some("-V") => {
            println!("nianbao {}", nianbao::version());
            return Ok(None);
        }
        Some("-h") | Some("--help") | Some("help") => {
            print!("{}", usage());
            return Ok(None);
        }
        Some(other) => return Err(format!("未知命令 / unknown command: {other}")),
        None => return Err("缺少命令 / missing command".into()),
    };
    let mut paths = Vec::new();
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), &mut command) {
            ("--json", Command::Extract(output)) => *output = Output::Json,
            ("--csv", Command::Extract(output)) => *output = Output::Csv,
            ("--xlsx", Command::Sum { xlsx }) => match rest.next() {
                Some(file) => *xlsx = Some(PathBuf::from(file)),
                None => return Err("--xlsx 后面要给出文件名 / --xlsx needs a file name".into()),
            },
            ("-h" | "--help", _) => {
                print!("{}", usage());
                return Ok(None);
            }
            (flag, _) if flag.starts_with("--") => {
                return Err(format!("未知选项 / unknown flag: {flag}"))
            }
            (path, _) => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err("请给出至少一个文件或文件夹 / give at least one file or folder".into());
    }
    Ok(Some(Config { command, paths }))
}

/// Files of a folder that hold reports, sorted; a file is taken as given. Other files are named
/// in `skipped` with the reason (an old .doc, a photo …); system files are passed over.
fn expand(
    path: &Path,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<String>,
    errors: &mut Vec<String>,
) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errors
                    .push(format!("{}: 无法读取文件夹 / cannot read folder: {e}", path.display()));
                return;
            }
        };
        entries.sort();
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            if p.is_dir() {
                if nianbao::inputs::verdict(&name) != nianbao::inputs::Verdict::System {
                    expand(&p, out, skipped, errors);
                }
                continue;
            }
            if name.ends_with(".gold.json") {
                continue;
            }
            match nianbao::inputs::verdict(&name) {
                nianbao::inputs::Verdict::Read => out.push(p),
                nianbao::inputs::Verdict::System => {}
                nianbao::inputs::Verdict::Archive => skipped.push(format!(
                    "{}: 已跳过 / skipped: 请先解压 .zip 压缩包 / unzip it first",
                    p.display()
                )),
                nianbao::inputs::Verdict::Skip(why) => {
                    skipped.push(format!("{}: 已跳过 / skipped: {why}", p.display()))
                }
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse_args(&args) {
        Ok(Some(c)) => c,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {e}\n\n{}", usage());
            return ExitCode::from(2);
        }
    };
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut files = Vec::new();
    for p in &config.paths {
        expand(p, &mut files, &mut skipped, &mut errors);
    }
    // Files of a folder left out are named (a reviewer must know an old .doc was not read), but
    // are no failure.
    for s in &skipped {
        eprintln!("nianbao: {s}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match &config.command {
        Command::Extract(output) => extract(*output, &files, &mut out, &mut errors),
        Command::Compare | Command::Sum { .. } => {
            // Findings across reports name files by the path given, so that two reports of
            // one name in two folders (2022/报告.pdf, 2023/报告.pdf) stay apart.
            let digests: Vec<nianbao::batch::Digest> = files
                .iter()
                .filter_map(|file| analyze(file, &mut errors))
                .map(|(name, report)| {
                    let mut d = nianbao::batch::Digest::of(&report);
                    d.file = name;
                    d
                })
                .collect();
            match &config.command {
                Command::Sum { xlsx } => sum(&digests, xlsx.as_deref(), &mut out, &mut errors),
                _ => compare(&digests, &mut out),
            }
        }
    };
    let _ = out.flush();
    for e in &errors {
        eprintln!("nianbao: {e}");
    }
    if written.is_err() {
        return ExitCode::from(1); // stdout closed (a pipe into `head`)
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads and analyses one file: (its path as given, the report), or an error noted.
fn analyze(file: &Path, errors: &mut Vec<String>) -> Option<(String, nianbao::Report)> {
    let name = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            errors.push(format!("{name}: 无法读取 / cannot read: {e}"));
            return None;
        }
    };
    let short =
        file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| name.clone());
    match nianbao::analyze(&bytes, &short) {
        Ok(report) => Some((name, report)),
        Err(e) => {
            errors.push(format!("{name}: {e}"));
            None
        }
    }
}

/// `extract`: one JSON line or CSV rows per report, printed as each is analysed.
fn extract(
    output: Output,
    files: &[PathBuf],
    out: &mut impl Write,
    errors: &mut Vec<String>,
) -> std::io::Result<()> {
    if output == Output::Csv {
        out.write_all(nianbao::output::csv_header().as_bytes())?;
    }
    for file in files {
        let Some((_, report)) = analyze(file, errors) else { continue };
        let text = match output {
            Output::Json => nianbao::output::json(&report) + "\n",
            Output::Csv => {
                let mut s = String::new();
                nianbao::output::csv_rows(&report, &mut s);
                s
            }
        };
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// `compare`: one JSON line per finding across the reports.
fn compare(digests: &[nianbao::batch::Digest], out: &mut impl Write) -> std::io::Result<()> {
    for f in nianbao::batch::compare(digests).findings {
        let line = serde_json::to_string(&f).unwrap_or_default();
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `sum`: the combined tables as one JSON object, or written to a workbook.
fn sum(
    digests: &[nianbao::batch::Digest],
    xlsx: Option<&Path>,
    out: &mut impl Write,
    errors: &mut Vec<String>,
) -> std::io::Result<()> {
    let rollup = nianbao::rollup::sum(digests);
    let Some(path) = xlsx else {
        let text = serde_json::to_string(&rollup).unwrap_or_default();
        return writeln!(out, "{text}");
    };
    let book =
        serde_json::from_value::<nianbao_xlsx::sheets::Book>(nianbao::rollup::workbook(&rollup))
            .map_err(|e| e.to_string())
            .and_then(|book| nianbao_xlsx::sheets::write(&book).map_err(|e| e.to_string()))
            .and_then(|bytes| std::fs::write(path, bytes).map_err(|e| e.to_string()));
    match book {
        // Not on stdout, which stays for data.
        Ok(()) => {
            eprintln!("已把 {} 份报告的汇总写入 {}", rollup.reports.len(), path.display());
            Ok(())
        }
        Err(e) => {
            errors.push(format!(
                "{}: 无法写入 Excel 文件 / cannot write the workbook: {e}",
                path.display()
            ));
            Ok(())
        }
    }
}
