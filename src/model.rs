//! The one data model every stage exchanges, and the JSON contract.
//!
//! Takes nothing; gives the types. The JSON that the CLI prints and the wasm module returns is a
//! plain serde view of [`Report`] (documented field by field in `docs/output.md`).
//!
//! **Offsets.** Every [`Span`] is a half-open range of *character* offsets (Unicode scalar values)
//! into [`Report::text`], the decoded text of the report, never into normalised text: the
//! normaliser's offset map leads every match back here. (In JavaScript, index with
//! `Array.from(text)`, not UTF-16 units.)

use serde::{Deserialize, Serialize};

pub use crate::vocabulary::Key;

/// Half-open `[start, end)` range of character offsets into [`Report::text`].
pub type Span = [usize; 2];

/// One analysed report: what the CLI prints as one JSON object.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// File name as given (no directories in the wasm build).
    pub file: String,
    pub meta: Meta,
    /// Indicators of `spec/indicators.tsv`, one per (key, scope).
    pub indicators: Vec<Indicator>,
    /// The standard-format tables (二、三、四) as found; empty for legacy prose reports.
    pub tables: Vec<Table>,
    /// Results of the consistency checks, passed ones included (severity `ok`).
    pub findings: Vec<Finding>,
    /// Every number in the report with its unit and place: the searchable "all figures" table.
    pub figures: Vec<Figure>,
    /// Documents the report cites: 《title》 and/or 文号.
    pub citations: Vec<Citation>,
    /// Section headings in order.
    pub outline: Vec<Heading>,
    /// Lines recognised as web-page chrome (发布时间, 浏览次数, 相关词条 …), kept out of the
    /// outline and the figures.
    pub chrome: Vec<Span>,
    /// The decoded text all spans point into (tables rendered one row a line, cells split by tabs).
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Meta {
    /// Issuing body as written in the report.
    pub agency: Option<String>,
    /// The year the report covers.
    pub year: Option<i32>,
    /// Date signed or published, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Statistical period when the report states one.
    pub period: Option<[String; 2]>,
    pub script: Script,
    pub format: Format,
    /// Layout of the standard tables: `"2021"` or `"2019"`; null for legacy reports.
    pub layout: Option<String>,
    /// What the bytes were: `text`, `html`, `docx`, `pdf`.
    pub source: SourceKind,
    /// Encoding the text was decoded from (`UTF-8`, `GBK`, `Big5`, `UTF-16LE` …).
    pub encoding: String,
    /// True when some bytes could not be decoded and were replaced by U+FFFD.
    pub replaced_bytes: bool,
    /// Characters of text analysed.
    pub chars: usize,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
    Mixed,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Prose reports of the 2008 regulation (before 2019).
    #[default]
    Legacy,
    /// The tabular format of 2019/2021.
    Standard,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    #[default]
    Text,
    Html,
    Docx,
    Pdf,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The whole jurisdiction or body the report covers.
    Whole,
    /// 本级 / 本机关 / 市政府及办公室 only (a 其中 sub-figure of the body itself).
    Own,
}

/// One indicator of `spec/indicators.tsv`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    /// Key of indicators.tsv; table-3 cells add `@column` (see [`Key`]).
    pub key: Key,
    pub scope: Scope,
    /// In the unit of indicators.tsv (money in 元).
    pub value: f64,
    /// The unit as written (件, 条, 万元 …).
    pub unit: String,
    /// Approximation qualifier as written (余, 多, 近, 约, 超 …).
    pub approx: Option<String>,
    pub span: Span,
    /// The original text at `span`.
    pub quote: String,
    /// Name of the rule that produced it (a phrase-table row, or `table3:(一)予以公开`).
    pub rule: String,
    /// The table cell it came from, for standard-table indicators.
    pub cell: Option<CellRef>,
}

/// A standard-format table as found in the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Table {
    /// `table2` (第二十条 主动公开), `table3` (依申请公开), `table4` (复议诉讼), `stats` (the
    /// 政府信息公开情况统计表 of 2008–2018 reports).
    pub id: String,
    /// `"2021"` or `"2019"`; `"stats2014"` or `"stats2008"` for the statistics table (see
    /// `tables::template::Layout`).
    pub layout: String,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableRow {
    /// Row label as in the official template (`（一）予以公开`, `规章` …).
    pub label: String,
    /// Indicator key of the row without column suffix, when it has one (rows of the statistics
    /// table that give no indicator of the vocabulary have none).
    pub key: Option<String>,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cell {
    /// Column id: `natural_person` … `total` (table 3), `issued`/`repealed`/`in_force` (table 2) …
    pub column: String,
    /// The cell text as written (trimmed).
    pub raw: String,
    /// Numeric value (in the indicator's unit) when the cell holds a number.
    pub value: Option<f64>,
    pub mark: CellMark,
    /// Where the cell stands in the text; empty span at the row for a blank cell.
    pub span: Span,
    /// True when the cell boundaries had to be guessed (glued digits in flattened text).
    pub guessed: bool,
}

/// What a cell holds: a blank is not a 0.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellMark {
    Number,
    Blank,
    /// `/` or `／`: not applicable.
    Slash,
    /// `—`, `-`, `－`: nothing to report.
    Dash,
    /// Anything else (text where a number was expected).
    Text,
}

/// Points at one cell: `tables[table].rows[row].cells[column]`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Deserialize)]
pub struct CellRef {
    pub table: String,
    pub row: usize,
    pub column: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A check that ran and passed.
    Ok,
    Info,
    Warning,
    Error,
}

/// The outcome of one consistency check.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable id of the check (`sum.apply_channels`, `section.missing.fees`, `date.garbled` …).
    pub id: String,
    pub severity: Severity,
    /// What a reader should know, in Chinese.
    pub message: String,
    /// The text it concerns.
    pub spans: Vec<Span>,
    /// The table cells it concerns.
    pub cells: Vec<CellRef>,
}

/// Any number in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub value: f64,
    /// Unit as written right after the number, if any (件, 条, 万元, % …): one of
    /// [`crate::figures::UNITS`].
    pub unit: Option<&'static str>,
    pub approx: Option<String>,
    /// True for percentages (value is the number before %).
    pub percent: bool,
    pub span: Span,
    /// Titles of the enclosing headings, outermost first: shared by the figures of a section
    /// (a report has some fifty figures, in a few sections).
    pub section: std::sync::Arc<[String]>,
    /// The sentence it stands in.
    pub sentence: Span,
}

/// A cited document.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// Title inside 《》, if any.
    pub title: Option<String>,
    /// 文号 such as 国办发〔2016〕19号, if any.
    pub number: Option<String>,
    pub span: Span,
}

/// A section heading.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// 1 for 一、/第一部分, 2 for （一）, 3 for 1. / 1、, 4 for （1）.
    pub level: u8,
    /// The numbering as written (`一、`, `（二）`, `3.`).
    pub number: String,
    /// The heading text after the numbering (up to the first sentence end).
    pub title: String,
    pub span: Span,
}
