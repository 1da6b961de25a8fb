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
//!
//! PATH is a file, a folder or a .zip archive. Folders are walked with an explicit stack; a link
//! is followed only when it leads inside the folder, and no file is taken twice (by device and
//! inode); archives are read through `nianbao::decode::archive` (the page's own reader, with its
//! caps), their members named `archive.zip/path/member.txt`.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc, not the system's malloc: an analysis makes many small vectors and strings, and
/// glibc's malloc and free took a twentieth of its instructions (callgrind over 100 reports:
/// 577.5 → 549.9 M in all). The library itself leaves the allocator to its user; the page
/// keeps the wasm default.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The flags, as a table: help is printed from it.
const FLAGS: &[(&str, &str)] = &[
    (
        "--json",
        "extract：每份报告输出一行 JSON（默认） / one JSON object per report per line (default)",
    ),
    ("--csv", "extract：每个指标输出一行 CSV（UTF-8 带 BOM） / one CSV row per indicator"),
    ("--xlsx FILE", "sum：把汇总表写入 Excel 文件 / write the combined tables to an .xlsx file"),
    (
        "--years",
        "compare：改为每个机关输出一行逐年指标 / one line per agency: its indicators year by year",
    ),
    ("-h, --help", "显示帮助 / show this help"),
];

/// The commands, as a table: (name, arguments, what it does).
const COMMANDS: &[(&str, &str, &str)] = &[
    ("extract", "[--json | --csv] PATH...", "分析每份报告 / analyse each report"),
    (
        "compare",
        "[--years] PATH...",
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
    Compare { years: bool },
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
    s.push_str(
        "\nPATH 可以是文件、文件夹或 .zip 压缩包（其中的 .txt .html .htm .docx .pdf 均会分析；\n\
         文件夹中的链接只在指向该文件夹之内时才跟随，同一文件只分析一次）。\n\n",
    );
    for (flag, help) in FLAGS {
        s.push_str(&format!("  {flag:<12} {help}\n"));
    }
    s
}

fn parse_args(args: &[String]) -> Result<Option<Config>, String> {
    let mut command = match args.first().map(String::as_str) {
        Some("extract") => Command::Extract(Output::Json),
        Some("compare") => Command::Compare { years: false },
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
            ("--years", Command::Compare { years }) => *years = true,
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

/// What the command line walks to: the files to analyse, in order, and what it said about the
/// walk (on stderr).
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    /// Files and folders already taken, by identity (device and inode), so that a link or a
    /// second path to one of them is not walked again.
    seen: HashSet<FileId>,
    /// Folders that cannot be read: errors (exit status 1).
    errors: Vec<String>,
    /// What was left out and why (an old .doc, a link out of the folder): named, no failure.
    skipped: Vec<String>,
}

/// What identifies a file whatever the path to it: (device, inode) on Unix, the canonical path
/// elsewhere.
#[derive(Hash, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn file_id(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        FileId::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

impl Walk {
    /// Takes one command-line path: a file as given (whatever its type), a folder walked for
    /// report files (sorted, depth first, with an explicit stack). Inside a folder a link is
    /// followed only when it leads to a place inside that folder, and nothing is taken twice.
    fn add(&mut self, path: &Path) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                // Reading it will say why, with the file's name.
                self.errors.push(format!("{}: 无法读取 / cannot read: {e}", path.display()));
                return;
            }
        };
        if !meta.is_dir() {
            if self.seen.insert(file_id(path, &meta)) {
                self.files.push(path.to_path_buf());
            } else {
                self.skip(path, "已分析过同一文件");
            }
            return;
        }
        let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(file_id(path, &meta)) {
            self.skip(path, "该文件夹已分析过");
            return;
        }
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(&dir) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    self.errors.push(format!(
                        "{}: 无法读取文件夹 / cannot read folder: {e}",
                        dir.display()
                    ));
                    continue;
                }
            };
            entries.sort();
            let mut subdirs = Vec::new();
            for p in entries {
                if let Some(dir) = self.entry(&p, &root) {
                    subdirs.push(dir);
                }
            }
            // Popped in order: depth first, sorted.
            stack.extend(subdirs.into_iter().rev());
        }
    }

    fn skip(&mut self, p: &Path, why: &str) {
        self.skipped.push(format!("{}: 已跳过 / skipped: {why}", p.display()));
    }

    /// One entry of a folder: a report file (or archive) is taken, a folder is given back to be
    /// walked; the others are named with the reason (`nianbao::inputs`), system files passed
    /// over.
    fn entry(&mut self, p: &Path, root: &Path) -> Option<PathBuf> {
        let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let verdict = nianbao::inputs::verdict(&name);
        if verdict == nianbao::inputs::Verdict::System || name.ends_with(".gold.json") {
            return None;
        }
        let link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) if link => {
                self.skip(p, &format!("链接指向的位置不存在（{e}）"));
                return None;
            }
            Err(e) => {
                self.errors.push(format!("{}: 无法读取 / cannot read: {e}", p.display()));
                return None;
            }
        };
        if !meta.is_dir() {
            if let nianbao::inputs::Verdict::Skip(why) = verdict {
                self.skip(p, why);
                return None;
            }
        }
        if link {
            let target = std::fs::canonicalize(p).unwrap_or_default();
            if !target.starts_with(root) {
                self.skip(p, &format!("链接指向文件夹之外（{}），不跟随", target.display()));
                return None;
            }
        }
        if !self.seen.insert(file_id(p, &meta)) {
            let what = if meta.is_dir() { "文件夹" } else { "文件" };
            self.skip(p, &format!("与已分析的{what}是同一个（链接）"));
            return None;
        }
        if meta.is_dir() {
            return Some(p.to_path_buf());
        }
        self.files.push(p.to_path_buf());
        None
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
    let mut walk = Walk::default();
    for p in &config.paths {
        walk.add(p);
    }
    let mut errors = std::mem::take(&mut walk.errors);
    let files = std::mem::take(&mut walk.files);
    // Files of a folder left out are named (a reviewer must know an old .doc was not read), but
    // are no failure.
    for s in &walk.skipped {
        eprintln!("nianbao: {s}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match &config.command {
        Command::Extract(output) => extract(*output, &files, &mut out, &mut errors),
        Command::Compare { .. } | Command::Sum { .. } => {
            // Findings across reports name files by the path given, so that two reports of
            // one name in two folders (2022/报告.pdf, 2023/报告.pdf) stay apart.
            let mut digests: Vec<nianbao::batch::Digest> = Vec::new();
            let digest = |report: nianbao::Report| nianbao::batch::Digest::of(&report);
            let _ = for_each_report(&files, &mut errors, digest, |name, mut d| {
                d.file = name;
                digests.push(d);
                Ok(())
            });
            match &config.command {
                Command::Sum { xlsx } => sum(&digests, xlsx.as_deref(), &mut out, &mut errors),
                Command::Compare { years } => compare(&digests, *years, &mut out),
                Command::Extract(_) => Ok(()),
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

/// Reads a file, refusing one past the library's cap before reading it.
fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > nianbao::decode::MAX_BYTES as u64 {
        let e = nianbao::Error::new(
            nianbao::ErrorKind::TooLarge,
            format!("{} MB，上限为 {} MB", len >> 20, nianbao::decode::MAX_BYTES >> 20),
        );
        return Err(e.to_string());
    }
    std::fs::read(path).map_err(|e| format!("无法读取 / cannot read: {e}"))
}

/// Analyses every file, the members of archives included, turns each report into what is kept
/// of it (`keep`: its JSON line, its digest), and gives `each` the path as given
/// (`dir/年报.zip/报告/a.txt` for a member) and that, in the order of the input; a file that
/// cannot be read or analysed is noted in `errors`. Stops at the first error of `each` (stdout
/// closed). Reports are analysed on every core, a batch at a time (see [`Batch`]).
fn for_each_report<T: Send>(
    files: &[PathBuf],
    errors: &mut Vec<String>,
    keep: impl Fn(nianbao::Report) -> T + Sync,
    each: impl FnMut(String, T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use nianbao::inputs::{verdict, Verdict};
    let mut batch = Batch { jobs: Vec::with_capacity(BATCH_SIZE), errors, keep, each };
    for file in files {
        let shown = file.display().to_string();
        // The report's own name: the file's name (and the path inside an archive).
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| shown.clone());
        let bytes = read_file(file);
        if !is_zip(file) || bytes.is_err() {
            batch.push(Job { shown, name, bytes })?;
            continue;
        }
        let opened = bytes
            .as_deref()
            .map_err(Clone::clone)
            .and_then(|b| nianbao::decode::archive::open(b).map_err(|e| e.to_string()));
        let members = match opened {
            Ok(m) => m,
            Err(e) => {
                batch.push(Job { shown, name, bytes: Err(e) })?;
                continue;
            }
        };
        for m in members {
            let path = format!("{shown}/{}", m.name);
            let skipped = |why: &str| eprintln!("nianbao: {path}: 已跳过 / skipped: {why}");
            let bytes = match (m.content, verdict(&m.name)) {
                (Err(e), _) => Err(e.to_string()),
                (Ok(b), Verdict::Read) => Ok(b),
                // Never opened: a zip quine would never end.
                (Ok(_), Verdict::Archive) => {
                    skipped("压缩包中的压缩包不会再解压，请先解压后再分析");
                    continue;
                }
                (Ok(_), Verdict::System) => continue,
                (Ok(_), Verdict::Skip(why)) => {
                    skipped(why);
                    continue;
                }
            };
            batch.push(Job { shown: path, name: format!("{name}/{}", m.name), bytes })?;
        }
    }
    batch.flush()
}

/// One report to analyse: the path shown, the name the library is given, its bytes (or why they
/// could not be read).
struct Job {
    shown: String,
    name: String,
    bytes: Result<Vec<u8>, String>,
}

/// Reports waiting to be analysed. A batch is analysed on every core (rayon) and handed on in
/// the order it came in; batches keep memory bounded on a folder of thousands of reports.
/// What is kept of a report (`keep`) is made on the core that analysed it, while the report is
/// in its cache, and the report is freed by the thread that made it.
struct Batch<'e, K, F> {
    jobs: Vec<Job>,
    errors: &'e mut Vec<String>,
    keep: K,
    each: F,
}

/// Reports in a batch: enough that a slow report rarely leaves a core idle at the batch's end.
const BATCH_SIZE: usize = 256;

/// The process may run on one core only (`available_parallelism` counts the cores it may use),
/// or is asked to use one (`RAYON_NUM_THREADS=1`, rayon's own setting).
static ONE_CORE: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
    std::env::var("RAYON_NUM_THREADS").is_ok_and(|n| n.trim() == "1")
        || std::thread::available_parallelism().map_or(true, |n| n.get() == 1)
});

impl<T, K, F> Batch<'_, K, F>
where
    T: Send,
    K: Fn(nianbao::Report) -> T + Sync,
    F: FnMut(String, T) -> std::io::Result<()>,
{
    fn push(&mut self, job: Job) -> std::io::Result<()> {
        self.jobs.push(job);
        if self.jobs.len() >= BATCH_SIZE {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        use rayon::prelude::*;
        let keep = &self.keep;
        let analyse = |job: Job| {
            let kept = job.bytes.and_then(|bytes| {
                nianbao::analyze(&bytes, &job.name).map(keep).map_err(|e| e.to_string())
            });
            (job.shown, kept)
        };
        // On one core (a machine's only one, or `taskset`), no pool: its thread would only take
        // turns with this one, and spin while this one reads the next batch's files.
        let done: Vec<(String, Result<T, String>)> = if *ONE_CORE {
            self.jobs.drain(..).map(analyse).collect()
        } else {
            self.jobs.par_drain(..).map(analyse).collect()
        };
        for (shown, report) in done {
            match report {
                Ok(report) => (self.each)(shown, report)?,
                Err(e) => self.errors.push(format!("{shown}: {e}")),
            }
        }
        Ok(())
    }
}

fn is_zip(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip"))
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
    // A report's lines are written on the core that analysed it (see `Batch`).
    let lines = |report: nianbao::Report| match output {
        Output::Json => {
            let mut line = Vec::new();
            nianbao::output::write_json(&report, &mut line);
            line.push(b'\n');
            line
        }
        Output::Csv => {
            let mut s = String::new();
            nianbao::output::csv_rows(&report, &mut s);
            s.into_bytes()
        }
    };
    for_each_report(files, errors, lines, |_, lines| out.write_all(&lines))
}

/// `compare`: one JSON line per finding across the reports.
/// With `years`, one line per agency with reports of two years or more instead: its indicators
/// year by year (what the page's 逐年对比 shows).
fn compare(
    digests: &[nianbao::batch::Digest],
    years: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let comparison = nianbao::batch::compare(digests);
    let lines: Vec<String> = if years {
        comparison.agencies.iter().map(|a| serde_json::to_string(a).unwrap_or_default()).collect()
    } else {
        comparison.findings.iter().map(|f| serde_json::to_string(f).unwrap_or_default()).collect()
    };
    for line in lines {
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
