//! Across reports: what a batch says that no single report does.
//!
//! Takes the [`Digest`] of each report (what the checks across reports need of it, made once
//! after its analysis: identity, a hash of its normalised text, its indicators and tables, a hash
//! of each sentence); gives [`BatchFinding`]s and, per agency, its indicators year by year
//! ([`AgencyYears`]). The command line (`nianbao compare`) and the page (through the wasm
//! module) call [`compare`]; neither repeats any of it.
//!
//! One module per concern, each run on the pairs of consecutive years of one agency:
//! - `identity`: agency names made comparable (市政府办公室 = 市人民政府办公室, 縣 = 县) and the
//!   reports grouped per agency and year;
//! - `duplicates`: the same report twice (same normalised text), whatever the file;
//! - `years`: every indicator from one year to the next, flagged beyond 5× or below 0.2×;
//! - `carryover`: this year's 上年结转 against last year's 结转下年度;
//! - `same_tables`: a standard table identical to last year's;
//! - `repeated`: the share of sentences repeated word for word from last year's report.

mod carryover;
mod duplicates;
pub mod identity;
mod repeated;
mod same_tables;
pub mod years;

use crate::figures;
use crate::lines::starts_with_heading_number;
use crate::model::{
    CellMark, CellRef, Format, Indicator, Key, Report, Scope, Severity, Span, Table,
};
use crate::normalize::{is_han, normalize, Normalized};
use serde::{Deserialize, Serialize};

pub use duplicates::first_of_each;
pub use years::{AgencyYears, TrendRow, YearColumn};

/// What the checks across reports need of one report: a small object the page keeps beside the
/// report and hands back for [`compare`] and the roll-up (`crate::rollup`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Digest {
    /// The report's file name: how findings name it.
    pub file: String,
    /// Issuing body as written.
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: Format,
    /// Hash of the normalised text (page chrome and white space left out): the same report read
    /// from a web page, a .docx or a PDF has the same hash. 53 bits, exact in JavaScript.
    pub text_hash: u64,
    /// The indicators the checks compare: the whole body's, without a table column except those
    /// of the carry-over rows, with their spans and cells for links (their quotes and rule names
    /// left out: the page keeps a thousand digests).
    pub indicators: Vec<Indicator>,
    /// The standard tables as found.
    pub tables: Vec<Table>,
    /// The table cells holding a number that the report's reading did not take (their row did
    /// not fit its layout, so its columns may have shifted): the roll-up leaves them out.
    pub untrusted: Vec<CellRef>,
    /// Each sentence of the prose: (hash of its normalised text, span in the report).
    pub sentences: Vec<(u64, Span)>,
}

/// A sentence counts for repetition when it holds at least this many Chinese characters: short
/// lines (a heading, 单位：件, a signature) repeat in any report.
const SENTENCE_MIN_HAN: usize = 8;

impl Digest {
    /// The digest of an analysed report.
    pub fn of(report: &Report) -> Digest {
        Digest::of_normalized(report, &normalize(&report.text))
    }

    /// The digest of an analysed report whose text is normalised already (`norm` is
    /// `normalize(&report.text)`: [`crate::analyze_document_with_digest`]).
    pub fn of_normalized(report: &Report, norm: &Normalized) -> Digest {
        let in_chrome =
            |byte: usize| report.chrome.iter().any(|s| (s[0]..s[1]).contains(&norm.orig(byte)));
        let mut whole = Fnv::new();
        for (i, c) in norm.text.char_indices() {
            if !c.is_whitespace() && !in_chrome(i) {
                whole.char(c);
            }
        }
        let mut sentences = Vec::new();
        for (start, end) in figures::sentences(norm) {
            let s = &norm.text[start..end];
            // Table rows (cells split by tabs) are the tables' business, and headings (a
            // numbered line that is no sentence) repeat in every report: neither is prose.
            let heading = starts_with_heading_number(s) && !s.ends_with(['。', ';', '!', '?']);
            if s.contains('\t') || in_chrome(start) || heading {
                continue;
            }
            if s.chars().filter(|&c| is_han(c)).count() < SENTENCE_MIN_HAN {
                continue;
            }
            let mut h = Fnv::new();
            s.chars().filter(|c| !c.is_whitespace()).for_each(|c| h.char(c));
            sentences.push((h.finish(), norm.span(start, end)));
        }
        Digest {
            file: report.file.clone(),
            agency: report.meta.agency.clone(),
            year: report.meta.year,
            format: report.meta.format,
            text_hash: whole.finish(),
            indicators: report
                .indicators
                .iter()
                .filter(|i| {
                    i.scope == Scope::Whole && (i.key.column().is_none() || carry_row(i.key))
                })
                .map(|i| Indicator { quote: String::new(), rule: String::new(), ..i.clone() })
                .collect(),
            tables: report.tables.clone(),
            untrusted: untrusted(report),
            sentences,
        }
    }

    /// The indicator of `key` (its column included) for the whole body.
    pub fn whole(&self, key: Key) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.key == key && i.scope == Scope::Whole)
    }
}

/// The carry-over rows, whose applicant columns the carry-over rule compares.
fn carry_row(key: Key) -> bool {
    matches!(key.base(), "apply.carried_in" | "apply.carried_out")
}

/// The numbers of the tables that no indicator points at.
fn untrusted(report: &Report) -> Vec<CellRef> {
    let trusted: std::collections::HashSet<(&str, usize, &str)> = report
        .indicators
        .iter()
        .filter_map(|i| i.cell.as_ref())
        .map(|c| (c.table.as_str(), c.row, c.column.as_str()))
        .collect();
    let mut out = Vec::new();
    for t in &report.tables {
        for (ri, row) in t.rows.iter().enumerate() {
            for c in &row.cells {
                if c.mark == CellMark::Number
                    && !trusted.contains(&(t.id.as_str(), ri, c.column.as_str()))
                {
                    out.push(CellRef { table: t.id.clone(), row: ri, column: c.column.clone() });
                }
            }
        }
    }
    out
}

/// FNV-1a, 64 bits, cut to 53: stable on every platform and version (the page keeps digests
/// across visits), and exact as a JavaScript number.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0 & ((1 << 53) - 1)
    }
}

/// The outcome of one check across reports.
#[derive(Debug, Clone, Serialize)]
pub struct BatchFinding {
    /// Stable id: `batch.duplicate`, `batch.same_year`, `yoy.jump`, `carryover.mismatch`,
    /// `yoy.same_table`, `yoy.repeated_text`.
    pub id: String,
    pub severity: Severity,
    /// What a reader should know, in Chinese; names the years and the figures.
    pub message: String,
    /// The files concerned, earlier year first.
    pub reports: Vec<String>,
    /// Places in the reports' texts.
    pub spans: Vec<ReportSpan>,
    /// Table cells of the reports.
    pub cells: Vec<ReportCell>,
}

/// A span of one report's text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportSpan {
    pub report: String,
    pub span: Span,
}

/// A table cell of one report (`tables[table].rows[row].cells[column]` of that report).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportCell {
    pub report: String,
    pub table: String,
    pub row: usize,
    pub column: String,
}

impl BatchFinding {
    fn new(id: &str, severity: Severity, message: String, reports: Vec<String>) -> BatchFinding {
        BatchFinding {
            id: id.to_string(),
            severity,
            message,
            reports,
            spans: Vec::new(),
            cells: Vec::new(),
        }
    }

    /// Adds where an indicator of `report` stands: its span and, for a table figure, its cell.
    fn at_indicator(&mut self, report: &Digest, ind: &Indicator) {
        self.spans.push(ReportSpan { report: report.file.clone(), span: ind.span });
        if let Some(c) = &ind.cell {
            self.cells.push(ReportCell {
                report: report.file.clone(),
                table: c.table.clone(),
                row: c.row,
                column: c.column.clone(),
            });
        }
    }
}

/// Everything [`compare`] finds.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Most severe first.
    pub findings: Vec<BatchFinding>,
    /// Agencies with reports of two years or more, each with its indicators year by year.
    pub agencies: Vec<AgencyYears>,
}

/// One year's report of one agency, with the one before it when that is last year's.
pub(crate) struct YearPair<'a> {
    pub agency: &'a str,
    pub previous: &'a Digest,
    pub current: &'a Digest,
    pub year: i32,
}

/// Runs every check across the reports.
pub fn compare(reports: &[Digest]) -> Comparison {
    let mut findings = duplicates::check(reports);
    let unique = duplicates::first_of_each(reports);
    let groups = identity::group(reports, &unique);
    let mut agencies = Vec::new();
    for group in &groups {
        findings.extend(identity::same_year(group, reports));
        let chosen: Vec<&Digest> = group.years.values().map(|idx| &reports[idx[0]]).collect();
        for pair in chosen.windows(2) {
            let (previous, current) = (pair[0], pair[1]);
            let (Some(py), Some(year)) = (previous.year, current.year) else { continue };
            if year != py + 1 {
                continue;
            }
            let pair = YearPair { agency: &group.name, previous, current, year };
            findings.extend(years::jumps(&pair));
            findings.extend(carryover::check(&pair));
            findings.extend(same_tables::check(&pair));
            findings.extend(repeated::check(&pair));
        }
        if chosen.len() >= 2 {
            agencies.push(years::trends(group, &chosen));
        }
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.reports.cmp(&b.reports))
    });
    Comparison { findings, agencies }
}

/// A value as the reports write it (270635, 0.5).
fn number(v: f64) -> String {
    crate::output::number(v)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A standard-format report of an agency and year, its figures given as
    /// (received, carried_in, granted, carried_out) written into table 3 and prose.
    pub fn report(agency: &str, year: i32, figures: [u32; 4], prose: &str) -> Report {
        let [received, carried_in, granted, carried_out] = figures;
        let total = received + carried_in - carried_out;
        let other = total - granted;
        let row = |label: &str, v: u32| format!("{label}\t{v}\t0\t0\t0\t0\t0\t{v}\n");
        let text = format!(
            "{agency}{year}年政府信息公开工作年度报告\n\
             一、总体情况\n{prose}\n\
             三、收到和处理政府信息公开申请情况\n\
             {}{}三、本年度办理结果\n{}{}{}{}\n",
            row("一、本年新收政府信息公开申请数量", received),
            row("二、上年结转政府信息公开申请数量", carried_in),
            row("（一）予以公开", granted),
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", other),
            row("（七）总计", total),
            row("四、结转下年度继续办理", carried_out),
        );
        crate::analyze_text(&text, &format!("{agency}-{year}.txt"))
    }

    pub fn digest(agency: &str, year: i32, figures: [u32; 4], prose: &str) -> Digest {
        Digest::of(&report(agency, year, figures, prose))
    }

    /// Two reports of 淮安市人民政府, the second of `year`.
    pub fn pair<'a>(previous: &'a Digest, current: &'a Digest, year: i32) -> YearPair<'a> {
        YearPair { agency: "淮安市人民政府", previous, current, year }
    }

    #[test]
    fn a_digest_reads_the_identity_and_the_table() {
        let d = digest(
            "淮安市人民政府",
            2023,
            [40, 2, 30, 5],
            "本机关坚持以人民为中心推进政务公开工作。",
        );
        assert_eq!(d.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.whole(Key::known("apply.received")).map(|i| i.value), Some(40.0));
        assert_eq!(d.whole(Key::known("apply.carried_out")).map(|i| i.value), Some(5.0));
        assert_eq!(d.sentences.len(), 1 + 1, "the title line and the prose sentence");
        assert!(d.text_hash < 1 << 53);
    }

    #[test]
    fn the_same_text_in_two_scripts_and_layouts_hashes_alike() {
        let a = crate::analyze_text("全市共收到政府信息公开申请2681件。\n办理完毕。", "a.txt");
        let b =
            crate::analyze_text("全市共收到政府信息公開申請 2681 件。\r\n\r\n辦理完畢。", "b.txt");
        let c = crate::analyze_text("全市共收到政府信息公开申请2682件。\n办理完毕。", "c.txt");
        assert_eq!(Digest::of(&a).text_hash, Digest::of(&b).text_hash);
        assert_ne!(Digest::of(&a).text_hash, Digest::of(&c).text_hash);
    }

    /// The page's digest, made from the analysis's own normalised text, is the digest of the
    /// report made afresh.
    #[test]
    fn the_digest_of_the_analysis_is_the_digest_of_its_report() {
        let dir = format!("{}/tests/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
        let mut seeds: Vec<_> = std::fs::read_dir(&dir)
            .expect("the seeds")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        seeds.sort();
        assert_eq!(seeds.len(), 5, "both scripts are among the five seeds");
        for name in &seeds {
            let bytes = std::fs::read(format!("{dir}/{name}")).expect("a seed");
            let doc = crate::decode::decode(&bytes, name).expect("a seed decodes");
            let (report, digest) = crate::analyze_document_with_digest(doc, name);
            let fresh = Digest::of(&report);
            assert!(digest.sentences.len() > 5, "{name}: {} sentences", digest.sentences.len());
            assert_eq!(serde_json::to_string(&digest).ok(), serde_json::to_string(&fresh).ok());
        }
    }

    #[test]
    fn compare_finds_the_checks_of_consecutive_years_only() {
        let prose = "本机关坚持以人民为中心推进政务公开工作。";
        let reports = [
            digest("淮安市人民政府办公室", 2021, [40, 2, 30, 5], prose),
            digest("淮安市政府办公室", 2022, [400, 3, 300, 6], prose),
            digest("淮安市人民政府辦公室", 2024, [41, 9, 31, 6], prose),
        ];
        let c = compare(&reports);
        let ids: Vec<&str> = c.findings.iter().map(|f| f.id.as_str()).collect();
        // 2021 → 2022: carried over 5, taken up as 3; received ×10. 2024 has no 2023 before it.
        assert!(ids.contains(&"carryover.mismatch"), "{ids:?}");
        assert!(ids.contains(&"yoy.jump"), "{ids:?}");
        assert!(c
            .findings
            .iter()
            .all(|f| !f.reports.contains(&"淮安市人民政府辦公室-2024.txt".into())));
        assert_eq!(c.agencies.len(), 1);
        assert_eq!(c.agencies[0].years.len(), 3);
    }
}
