//! The `nianbao` command line: a thin layer over the library.
//!
//! ```text
//! nianbao extract [--json | --csv] PATH...   analyse files and folders (JSON Lines by default)
//! nianbao version
//! ```
//! Every readable file is analysed even when others fail; each failure is reported on stderr
//! with the file's name, and the exit status is then 1 (2 for a usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The flags, as a table: help is printed from it.
const FLAGS: &[(&str, &str)] = &[
    ("--json", "每份报告输出一行 JSON（默认） / one JSON object per report per line (default)"),
    ("--csv", "每个指标输出一行 CSV（UTF-8 带 BOM） / one CSV row per indicator"),
    ("-h, --help", "显示帮助 / show this help"),
];

#[derive(Clone, Copy, PartialEq)]
enum Output {
    Json,
    Csv,
}

/// What the command line asks for, once parsing is over.
struct Config {
    output: Output,
    paths: Vec<PathBuf>,
}

fn usage() -> String {
    let mut s = String::from("用法 / usage: nianbao extract [--json | --csv] PATH...\n       nianbao version\n\nPATH 可以是文件或文件夹（文件夹中的 .txt .html .htm .docx .pdf 均会分析）。\n\n");
    for (flag, help) in FLAGS {
        s.push_str(&format!("  {flag:<12} {help}\n"));
    }
    s
}

fn parse_args(args: &[String]) -> Result<Option<Config>, String> {
    match args.first().map(String::as_str) {
        Some("extract") => {}
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
    }
    let mut output = Output::Json;
    let mut paths = Vec::new();
    for arg in &args[1..] {
        match arg.as_str() {
            "--json" => output = Output::Json,
            "--csv" => output = Output::Csv,
            "-h" | "--help" => {
                print!("{}", usage());
                return Ok(None);
            }
            flag if flag.starts_with("--") => {
                return Err(format!("未知选项 / unknown flag: {flag}"))
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err("请给出至少一个文件或文件夹 / give at least one file or folder".into());
    }
    Ok(Some(Config { output, paths }))
}

/// Files of a folder that look like reports, sorted; a file is taken as given.
fn expand(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
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
            if p.is_dir() {
                expand(&p, out, errors);
            } else if is_report_file(&p) {
                out.push(p);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn is_report_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    !name.ends_with(".gold.json")
        && matches!(ext.as_str(), "txt" | "html" | "htm" | "shtml" | "docx" | "pdf")
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
    let mut files = Vec::new();
    for p in &config.paths {
        expand(p, &mut files, &mut errors);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if config.output == Output::Csv {
        let _ = out.write_all(nianbao::output::csv_header().as_bytes());
    }
    for file in &files {
        let name = file.display().to_string();
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                errors.push(format!("{name}: 无法读取 / cannot read: {e}"));
                continue;
            }
        };
        let short = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| name.clone());
        match nianbao::analyze(&bytes, &short) {
            Ok(report) => {
                let text = match config.output {
                    Output::Json => nianbao::output::json(&report) + "\n",
                    Output::Csv => {
                        let mut s = String::new();
                        nianbao::output::csv_rows(&report, &mut s);
                        s
                    }
                };
                if out.write_all(text.as_bytes()).is_err() {
                    return ExitCode::from(1); // stdout closed (a pipe into `head`)
                }
            }
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    let _ = out.flush();
    for e in &errors {
        eprintln!("nianbao: {e}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
