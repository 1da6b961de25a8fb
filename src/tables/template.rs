//! The tables reports use, as data: one [`Template`] per table of each layout.
//!
//! Takes nothing; gives every description the reader, the checks, the page's official-layout
//! view and its Excel export read (through `wasm::layouts`). A template lists its rows in the
//! official order, each with its label, the words that recognise it, its cells (column id,
//! header, the indicator key the cell gives) and the arithmetic the table must satisfy
//! ([`Identity`]). A new layout is one more description here.
//!
//! Words are matched on normalised text (simplified script, half-width, white space removed):
//! a plain word matches when a label contains it (outside brackets); `=word` matches only when
//! the label, stripped of its numbering (`1.` `3、` `(六)`), is exactly that word.

use crate::vocabulary::{Column, Key};
use serde::{Serialize, Serializer};
use std::fmt;

/// Which table: the three of the standard format, or the old statistics table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 二、主动公开政府信息情况 (第二十条 items).
    Table2,
    /// 三、收到和处理政府信息公开申请情况.
    Table3,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    Table4,
    /// 政府信息公开情况统计表 of the 2008–2018 reports (指标 / 单位 / 本年 / 累计).
    Stats,
}

impl TableId {
    /// The id in the JSON (`table2` … `stats`).
    pub fn id(self) -> &'static str {
        match self {
            TableId::Table2 => "table2",
            TableId::Table3 => "table3",
            TableId::Table4 => "table4",
            TableId::Stats => "stats",
        }
    }

    /// The name in messages (`表三`).
    pub fn name(self) -> &'static str {
        match self {
            TableId::Table2 => "表二",
            TableId::Table3 => "表三",
            TableId::Table4 => "表四",
            TableId::Stats => "统计表",
        }
    }

    /// One of the tables of the 2019/2021 format.
    pub fn is_standard(self) -> bool {
        self != TableId::Stats
    }

    /// Reads the JSON id.
    pub fn parse(id: &str) -> Option<TableId> {
        [TableId::Table2, TableId::Table3, TableId::Table4, TableId::Stats]
            .into_iter()
            .find(|t| t.id() == id)
    }
}

/// Which edition of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// 国办公开办函〔2021〕30号.
    Y2021,
    /// The 2019 trial format (试行).
    Y2019,
    /// The statistics table with one figure a row (统计指标 / 单位 / 统计数), 2014–2018.
    Stats2014,
    /// The statistics table with this year and the running total (指标名称 / 计量单位 / 本年 /
    /// 累计), 2008–2013.
    Stats2008,
}

impl Layout {
    /// The id in the JSON (`2021`, `2019`, `stats2014`, `stats2008`).
    pub fn id(self) -> &'static str {
        match self {
            Layout::Y2021 => "2021",
            Layout::Y2019 => "2019",
            Layout::Stats2014 => "stats2014",
            Layout::Stats2008 => "stats2008",
        }
    }

    /// Reads the JSON id.
    pub fn parse(id: &str) -> Option<Layout> {
        [Layout::Y2021, Layout::Y2019, Layout::Stats2014, Layout::Stats2008]
            .into_iter()
            .find(|l| l.id() == id)
    }
}

macro_rules! string_like {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.id() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.id() == *other
            }
        }
    };
}
string_like!(TableId);
string_like!(Layout);

/// What indicator a cell gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gives {
    /// The row key for one applicant column (`apply.received@commercial`; 总计 is the bare key).
    Applicant(Column),
    /// The row key and a suffix (`std.rules` + `issued`).
    Suffix(&'static str),
    /// The row key itself (统计表: the year's figure).
    Row,
    /// Nothing: the cell is kept, with its own column, but is no indicator of the year (累计).
    Nothing,
}

/// One cell of a row.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// Column id in the JSON (`natural_person`, `issued`, `this_year` …).
    pub id: &'static str,
    /// Header path in the official form, outermost first.
    pub header: &'static [&'static str],
    pub gives: Gives,
    /// Money stated in 万元 unless the header says 元; given in 元.
    pub money: bool,
    /// May be negative (本年增/减).
    pub signed: bool,
}

/// Whether a row is in the official form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of the form.
    Official,
    /// Not in the form, but some reports add it (the totals of （三）（四）（五）): read when a
    /// label names it, never placed by order alone.
    Optional,
}

/// One row of a table.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    /// The label as in the official form.
    pub label: &'static str,
    /// A short name for messages (`本年新收`).
    pub short: &'static str,
    /// Merged row headers above the label in the form (`三、本年度办理结果`, `（三）不予公开`).
    pub groups: &'static [&'static str],
    /// Indicator key of the row without column; `None` for rows of the form that give no
    /// indicator of the vocabulary (they still anchor their figures).
    pub key: Option<&'static str>,
    /// Words that recognise the row (see the module doc).
    pub words: &'static [&'static str],
    pub columns: &'static [ColumnDef],
    pub kind: RowKind,
}

impl RowDef {
    /// The key a cell of column `c` gives.
    pub fn cell_key(&self, c: &ColumnDef) -> Option<Key> {
        let base = self.key?;
        match c.gives {
            Gives::Applicant(col) => Some(Key::known(base).with_column(col)),
            Gives::Suffix(s) => Some(Key::known(&format!("{base}.{s}"))),
            Gives::Row => Some(Key::known(base)),
            Gives::Nothing => None,
        }
    }
}

/// A term of a column sum: one row, or a group (its row when stated, else the sum of its items:
/// the rows whose keys lie under it).
#[derive(Debug, Clone, Copy)]
pub enum Term {
    Row(&'static str),
    Group(&'static str),
}

/// The arithmetic of a table.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// In every row having these columns: `total` = Σ `parts`.
    RowSum { parts: &'static [&'static str], total: &'static str, parts_name: &'static str },
    /// In every column: Σ `lhs` = Σ `rhs` (every term present).
    ColumnSum { lhs: &'static [Term], rhs: &'static [Term] },
    /// In every column: `total` = Σ of those of `parts` the table has (two at least).
    PartsFound { total: &'static str, parts: &'static [&'static str] },
    /// In every column of a group stated as a row: the row = Σ its items.
    GroupItems,
    /// In every row: column `lesser` ≤ column `greater`.
    RowLe { lesser: &'static str, greater: &'static str },
    /// In every column: each of `parts` ≤ `total`.
    ColumnLe { parts: &'static [&'static str], total: &'static str },
}

/// One identity of a table.
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    /// Id of the finding that reports it (`table.sum.balance`).
    pub check: &'static str,
    pub rule: Rule,
    /// True for the form's own arithmetic: it splits glued figures and its failure is an error.
    /// False for what is merely usual (现行有效 ≥ 本年制发): it only ranks readings that the
    /// exact identities leave open, and is never reported.
    pub exact: bool,
    /// What an `ok` finding says.
    pub passed: &'static str,
}

/// One table of one layout.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub table: TableId,
    pub layout: Layout,
    /// Title for display (`三、收到和处理政府信息公开申请情况`).
    pub title: &'static str,
    /// Header words that tell this layout from another one of the same table (any one).
    pub marks: &'static [&'static str],
    /// Header of the label column.
    pub corner: &'static str,
    pub rows: &'static [RowDef],
    pub identities: &'static [Identity],
    /// Rows without a label may be placed by their order alone (between rows that are named).
    pub order_fills: bool,
}

impl Template {
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == Some(key))
    }

    /// The row of a table row as read: by its key, or by its label when it has no key.
    pub fn row_of(&self, row: &crate::model::TableRow) -> Option<&'static RowDef> {
        match row.key.as_deref() {
            Some(k) => self.row(k),
            None => self.rows.iter().find(|r| r.key.is_none() && r.label == row.label),
        }
    }

    /// The rows under a group key (`apply.result.denied` → its eight items).
    pub fn items(&self, group: &str) -> impl Iterator<Item = &'static RowDef> + '_ {
        let rows: &'static [RowDef] = self.rows;
        let group = group.to_string();
        rows.iter().filter(move |r| {
            r.key.is_some_and(|k| {
                k.len() > group.len() && k.starts_with(&group) && k[group.len()..].starts_with('.')
            })
        })
    }
}

/// Every template: the reader tries those of a table in this order.
pub const TEMPLATES: &[&Template] = &[
    &TABLE2_2021,
    &TABLE2_2019,
    &TABLE3_2021,
    &TABLE3_2019,
    &TABLE4_2021,
    &TABLE4_2019,
    &STATS_2014,
    &STATS_2008,
];

/// The template of a table in a layout.
pub fn template(table: TableId, layout: Layout) -> Option<&'static Template> {
    TEMPLATES.iter().copied().find(|t| t.table == table && t.layout == layout)
}

/// The template of a table as the JSON names it (`table3`, `2021`).
pub fn template_of(table: &str, layout: &str) -> Option<&'static Template> {
    template(TableId::parse(table)?, Layout::parse(layout)?)
}

/// Whether a table as the JSON names it is one of the standard format.
pub fn is_standard(table: &str) -> bool {
    TableId::parse(table).is_some_and(TableId::is_standard)
}

// ---------------------------------------------------------------- columns

const fn col(id: &'static str, header: &'static [&'static str], gives: Gives) -> ColumnDef {
    ColumnDef { id, header, gives, money: false, signed: false }
}

const fn suffix(id: &'static str, header: &'static [&'static str]) -> ColumnDef {
    col(id, header, Gives::Suffix(id))
}

const APPLICANTS: &str = "申请人情况";
const ORGS: &str = "法人或其他组织";

/// Table 3's applicant columns.
#[rustfmt::skip]
pub const APPLICANT_COLUMNS: &[ColumnDef] = &[
    col("natural_person", &[APPLICANTS, "自然人"], Gives::Applicant(Column::NaturalPerson)),
    col("commercial", &[APPLICANTS, ORGS, "商业企业"], Gives::Applicant(Column::Commercial)),
    col("research", &[APPLICANTS, ORGS, "科研机构"], Gives::Applicant(Column::Research)),
    col("public_interest", &[APPLICANTS, ORGS, "社会公益组织"], Gives::Applicant(Column::PublicInterest)),
    col("legal_service", &[APPLICANTS, ORGS, "法律服务机构"], Gives::Applicant(Column::LegalService)),
    col("other_org", &[APPLICANTS, ORGS, "其他"], Gives::Applicant(Column::OtherOrg)),
    col("total", &[APPLICANTS, "总计"], Gives::Applicant(Column::Total)),
];

const FILES_2021: &[ColumnDef] = &[
    suffix("issued", &["本年制发件数"]),
    suffix("repealed", &["本年废止件数"]),
    suffix("in_force", &["现行有效件数"]),
];
const DECISIONS_2021: &[ColumnDef] = &[suffix("decisions", &["本年处理决定数量"])];
const FEES_2021: &[ColumnDef] = &[ColumnDef {
    id: "amount",
    header: &["本年收费金额（单位：万元）"],
    gives: Gives::Suffix("amount"),
    money: true,
    signed: false,
}];

/// The 2019 trial layout's 本年新制作数量 is what the 2021 layout calls 本年制发件数.
const FILES_2019: &[ColumnDef] = &[
    col("new_made", &["本年新制作数量"], Gives::Suffix("issued")),
    suffix("new_published", &["本年新公开数量"]),
    suffix("total_public", &["对外公开总数量"]),
];
const CHANGE: ColumnDef = ColumnDef {
    id: "change",
    header: &["本年增/减"],
    gives: Gives::Suffix("change"),
    money: false,
    signed: true,
};
const ITEMS_2019: &[ColumnDef] =
    &[suffix("previous", &["上一年项目数量"]), CHANGE, suffix("decisions", &["处理决定数量"])];
const FEES_2019: &[ColumnDef] = &[suffix("previous", &["上一年项目数量"]), CHANGE];
const PROCUREMENT_2019: &[ColumnDef] = &[
    suffix("items", &["采购项目数量"]),
    ColumnDef {
        id: "amount",
        header: &["采购总金额"],
        gives: Gives::Suffix("amount"),
        money: true,
        signed: false,
    },
];

#[rustfmt::skip]
const REVIEW_COLUMNS: &[ColumnDef] = &[
    suffix("upheld", &["结果维持"]),
    suffix("corrected", &["结果纠正"]),
    suffix("other", &["其他结果"]),
    suffix("pending", &["尚未审结"]),
    suffix("total", &["总计"]),
];

/// The statistics table: the year's figure only.
const STAT_2014: &[ColumnDef] = &[col("count", &["统计数"], Gives::Row)];
/// The statistics table: the year's figure and the running total (kept, never the year's).
const STAT_2008: &[ColumnDef] =
    &[col("this_year", &["本年"], Gives::Row), col("cumulative", &["累计"], Gives::Nothing)];
/// … for money (万元 unless the unit says 元).
const STAT_2014_MONEY: &[ColumnDef] = &[money(STAT_2014[0])];
const STAT_2008_MONEY: &[ColumnDef] = &[money(STAT_2008[0]), money(STAT_2008[1])];

const fn money(c: ColumnDef) -> ColumnDef {
    ColumnDef { money: true, ..c }
}

// ---------------------------------------------------------------- table 2

const fn row2(
    label: &'static str,
    key: &'static str,
    words: &'static [&'static str],
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef {
        label,
        short: label,
        groups: &[],
        key: Some(key),
        words,
        columns,
        kind: RowKind::Official,
    }
}

/// 现行有效 holds this year's new ones (usually): ranks the readings of a glued row.
const FILES_USUAL: &[Identity] = &[Identity {
    check: "table.usual.in_force",
    rule: Rule::RowLe { lesser: "issued", greater: "in_force" },
    exact: false,
    passed: "",
}];

#[rustfmt::skip]
pub const TABLE2_2021: Template = Template {
    table: TableId::Table2,
    layout: Layout::Y2021,
    title: "二、主动公开政府信息情况",
    marks: &["本年制发", "本年废止", "现行有效", "本年处理决定", "本年收费金额"],
    corner: "信息内容",
    rows: &[
        row2("规章", "std.rules", &["规章"], FILES_2021),
        row2("行政规范性文件", "std.normative", &["规范性文件"], FILES_2021),
        row2("行政许可", "std.license", &["行政许可"], DECISIONS_2021),
        row2("行政处罚", "std.penalty", &["行政处罚"], DECISIONS_2021),
        row2("行政强制", "std.coercion", &["行政强制"], DECISIONS_2021),
        row2("行政事业性收费", "std.fees", &["事业性收费"], FEES_2021),
    ],
    identities: FILES_USUAL,
    order_fills: true,
};

#[rustfmt::skip]
pub const TABLE2_2019: Template = Template {
    table: TableId::Table2,
    layout: Layout::Y2019,
    title: "二、主动公开政府信息情况",
    marks: &["本年新制作", "本年新公开", "对外公开总数", "上一年项目数量", "采购项目数量", "本年增/减"],
    corner: "信息内容",
    rows: &[
        row2("规章", "std.rules", &["规章"], FILES_2019),
        row2("规范性文件", "std.normative", &["规范性文件"], FILES_2019),
        row2("行政许可", "std.license", &["行政许可"], ITEMS_2019),
        row2("其他对外管理服务事项", "std.other_services", &["对外管理服务", "其他对外管理"], ITEMS_2019),
        row2("行政处罚", "std.penalty", &["行政处罚"], ITEMS_2019),
        row2("行政强制", "std.coercion", &["行政强制"], ITEMS_2019),
        row2("行政事业性收费", "std.fees", &["事业性收费"], FEES_2019),
        row2("政府集中采购", "std.procurement", &["集中采购"], PROCUREMENT_2019),
    ],
    identities: &[Identity {
        check: "table.usual.total_public",
        rule: Rule::RowLe { lesser: "new_published", greater: "total_public" },
        exact: false,
        passed: "",
    }],
    order_fills: true,
};

// ---------------------------------------------------------------- table 3

const RESULTS: &str = "三、本年度办理结果";

const fn row3(
    label: &'static str,
    short: &'static str,
    groups: &'static [&'static str],
    key: &'static str,
    words: &'static [&'static str],
) -> RowDef {
    RowDef {
        label,
        short,
        groups,
        key: Some(key),
        words,
        columns: APPLICANT_COLUMNS,
        kind: RowKind::Official,
    }
}

const fn group3(label: &'static str, key: &'static str, words: &'static [&'static str]) -> RowDef {
    RowDef {
        label,
        short: label,
        groups: &[RESULTS],
        key: Some(key),
        words,
        columns: APPLICANT_COLUMNS,
        kind: RowKind::Optional,
    }
}

const DENIED: &[&str] = &[RESULTS, "（三）不予公开"];
const UNABLE: &[&str] = &[RESULTS, "（四）无法提供"];
const NOT_PROCESSED: &[&str] = &[RESULTS, "（五）不予处理"];
const OTHER: &[&str] = &[RESULTS, "（六）其他处理"];

macro_rules! table3_rows {
    ($($other:expr),*) => {
        &[
            row3("一、本年新收政府信息公开申请数量", "本年新收", &[], "apply.received", &["本年新收", "本年度新收", "新收政府信息", "新收申请"]),
            row3("二、上年结转政府信息公开申请数量", "上年结转", &[], "apply.carried_in", &["上年结转", "上年度结转", "上一年结转"]),
            row3("（一）予以公开", "予以公开", &[RESULTS], "apply.result.granted", &["予以公开"]),
            row3("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", &[RESULTS], "apply.result.partial", &["部分公开"]),
            group3("（三）不予公开", "apply.result.denied", &["=不予公开"]),
            row3("1.属于国家秘密", "属于国家秘密", DENIED, "apply.result.denied.state_secret", &["国家秘密"]),
            row3("2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开", DENIED, "apply.result.denied.law_prohibited", &["禁止公开", "法律行政法规"]),
            row3("3.危及“三安全一稳定”", "危及“三安全一稳定”", DENIED, "apply.result.denied.three_safety", &["三安全", "一稳定", "危及"]),
            row3("4.保护第三方合法权益", "保护第三方合法权益", DENIED, "apply.result.denied.third_party", &["第三方"]),
            row3("5.属于三类内部事务信息", "属于三类内部事务信息", DENIED, "apply.result.denied.internal_affairs", &["内部事务"]),
            row3("6.属于四类过程性信息", "属于四类过程性信息", DENIED, "apply.result.denied.process_info", &["过程性"]),
            row3("7.属于行政执法案卷", "属于行政执法案卷", DENIED, "apply.result.denied.enforcement_file", &["执法案卷"]),
            row3("8.属于行政查询事项", "属于行政查询事项", DENIED, "apply.result.denied.admin_query", &["查询事项"]),
            group3("（四）无法提供", "apply.result.unable", &["=无法提供"]),
            row3("1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息", UNABLE, "apply.result.unable.not_held", &["不掌握"]),
            row3("2.没有现成信息需要另行制作", "没有现成信息需要另行制作", UNABLE, "apply.result.unable.needs_creation", &["另行制作", "没有现成"]),
            row3("3.补正后申请内容仍不明确", "补正后申请内容仍不明确", UNABLE, "apply.result.unable.unclear", &["仍不明确", "补正后"]),
            group3("（五）不予处理", "apply.result.not_processed", &["=不予处理"]),
            row3("1.信访举报投诉类申请", "信访举报投诉类申请", NOT_PROCESSED, "apply.result.not_processed.complaint", &["信访", "举报投诉"]),
            row3("2.重复申请", "重复申请", NOT_PROCESSED, "apply.result.not_processed.repeated", &["=重复申请"]),
            row3("3.要求提供公开出版物", "要求提供公开出版物", NOT_PROCESSED, "apply.result.not_processed.publication", &["出版物"]),
            row3("4.无正当理由大量反复申请", "无正当理由大量反复申请", NOT_PROCESSED, "apply.result.not_processed.mass_repeated", &["大量反复", "反复申请"]),
            row3("5.要求行政机关确认或重新出具已获取信息", "要求行政机关确认或重新出具已获取信息", NOT_PROCESSED, "apply.result.not_processed.confirm", &["重新出具", "确认或重新"]),
            $($other,)*
            row3("（七）总计", "办理结果总计", &[RESULTS], "apply.result.total", &["总计"]),
            row3("四、结转下年度继续办理", "结转下年度", &[], "apply.carried_out", &["结转下年", "下年度继续"]),
        ]
    };
}

/// Table 3 of the 2021 layout: （六）其他处理 has three items.
#[rustfmt::skip]
const TABLE3_2021_ROWS: &[RowDef] = table3_rows!(
    group3("（六）其他处理", "apply.result.other", &["=其他处理"]),
    row3("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正", OTHER, "apply.result.other.overdue_correction", &["逾期不补", "不补正"]),
    row3("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用", OTHER, "apply.result.other.overdue_fee", &["收费通知", "缴纳费用"]),
    row3("3.其他", "其他", OTHER, "apply.result.other.other", &["=其他"])
);

/// Table 3 of the 2019 layout: （六）其他处理 is one row of the form.
#[rustfmt::skip]
const TABLE3_2019_ROWS: &[RowDef] = table3_rows!(
    row3("（六）其他处理", "其他处理", &[RESULTS], "apply.result.other", &["=其他处理"])
);

/// The arithmetic of table 3 (the form states the first: 第一项加第二项之和，等于第三项加第四项之和).
#[rustfmt::skip]
const TABLE3_IDENTITIES: &[Identity] = &[
    Identity {
        check: "table.sum.columns",
        rule: Rule::RowSum { parts: &["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"], total: "total", parts_name: "各类申请人" },
        exact: true,
        passed: "表三：每行总计等于各类申请人之和",
    },
    Identity {
        check: "table.sum.balance",
        rule: Rule::ColumnSum {
            lhs: &[Term::Row("apply.received"), Term::Row("apply.carried_in")],
            rhs: &[Term::Row("apply.result.total"), Term::Row("apply.carried_out")],
        },
        exact: true,
        passed: "表三：本年新收 + 上年结转 = 办理结果总计 + 结转下年度，各列相符",
    },
    Identity {
        check: "table.sum.outcomes",
        rule: Rule::ColumnSum {
            lhs: &[Term::Row("apply.result.total")],
            rhs: &[
                Term::Row("apply.result.granted"),
                Term::Row("apply.result.partial"),
                Term::Group("apply.result.denied"),
                Term::Group("apply.result.unable"),
                Term::Group("apply.result.not_processed"),
                Term::Group("apply.result.other"),
            ],
        },
        exact: true,
        passed: "表三：（七）总计等于各项办理结果之和",
    },
    Identity {
        check: "table.sum.items",
        rule: Rule::GroupItems,
        exact: true,
        passed: "表三：各类办理结果的合计等于其下各项之和",
    },
];

#[rustfmt::skip]
pub const TABLE3_2021: Template = Template {
    table: TableId::Table3,
    layout: Layout::Y2021,
    title: "三、收到和处理政府信息公开申请情况",
    marks: &["逾期不补", "收费通知", "缴纳费用"],
    corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    rows: TABLE3_2021_ROWS,
    identities: TABLE3_IDENTITIES,
    order_fills: true,
};

#[rustfmt::skip]
pub const TABLE3_2019: Template = Template {
    table: TableId::Table3,
    layout: Layout::Y2019,
    title: "三、收到和处理政府信息公开申请情况",
    marks: &[],
    corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    rows: TABLE3_2019_ROWS,
    identities: TABLE3_IDENTITIES,
    order_fills: true,
};

// ---------------------------------------------------------------- table 4

const REVIEW_SUM: &[Identity] = &[Identity {
    check: "table.sum.review",
    rule: Rule::RowSum {
        parts: &["upheld", "corrected", "other", "pending"],
        total: "total",
        parts_name: "结果维持、结果纠正、其他结果、尚未审结",
    },
    exact: true,
    passed: "表四：行政复议、行政诉讼各组总计等于各项之和",
}];

const LITIGATION: &str = "行政诉讼";

#[rustfmt::skip]
const TABLE4_ROWS: &[RowDef] = &[
    RowDef { label: "行政复议", short: "行政复议", groups: &[], key: Some("reconsideration"), words: &["=行政复议", "行政复议行政诉讼"], columns: REVIEW_COLUMNS, kind: RowKind::Official },
    RowDef { label: "未经复议直接起诉", short: "行政诉讼未经复议直接起诉", groups: &[LITIGATION], key: Some("litigation.direct"), words: &["直接起诉"], columns: REVIEW_COLUMNS, kind: RowKind::Official },
    RowDef { label: "复议后起诉", short: "行政诉讼复议后起诉", groups: &[LITIGATION], key: Some("litigation.after_review"), words: &["复议后起诉"], columns: REVIEW_COLUMNS, kind: RowKind::Official },
];

/// Table 4 is drawn as one row of fifteen figures under a two-level header (the groups are
/// column headers); its rows here are the groups, which is how the page draws them too.
pub const TABLE4_2021: Template = Template {
    table: TableId::Table4,
    layout: Layout::Y2021,
    title: "四、政府信息公开行政复议、行政诉讼情况",
    marks: &[],
    corner: "",
    rows: TABLE4_ROWS,
    identities: REVIEW_SUM,
    order_fills: true,
};

/// The same table in the 2019 layout.
pub const TABLE4_2019: Template = Template { layout: Layout::Y2019, ..TABLE4_2021 };

// ---------------------------------------------------------------- the old statistics table

const fn stat(
    label: &'static str,
    key: Option<&'static str>,
    words: &'static [&'static str],
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef { label, short: label, groups: &[], key, words, columns, kind: RowKind::Official }
}

macro_rules! stats_rows {
    ($c:expr, $m:expr) => {
        &[
            stat("主动公开政府信息数", Some("proactive.total"), &["主动公开政府信息数", "主动公开信息数", "主动公开政府信息总数", "主动公开信息总数", "主动公开政府信息条数", "主动公开信息条数"], $c),
            stat("其中：主动公开规范性文件数", None, &["主动公开规范性文件"], $c),
            stat("制发规范性文件总数", None, &["制发规范性文件"], $c),
            stat("政府公报公开政府信息数", Some("proactive.gazette"), &["公报公开", "政府公报"], $c),
            stat("政府网站公开政府信息数", Some("proactive.website"), &["网站公开", "政府网站发布"], $c),
            stat("政务微博公开政府信息数", Some("proactive.weibo"), &["微博公开", "政务微博"], $c),
            stat("政务微信公开政府信息数", Some("proactive.wechat"), &["微信公开", "政务微信"], $c),
            stat("其他方式公开政府信息数", None, &["其他方式公开", "=其他方式"], $c),
            stat("回应公众关注热点或重大舆情数", Some("proactive.public_concern"), &["回应公众关注", "关注热点"], $c),
            stat("参加或举办新闻发布会总次数", Some("press_conference"), &["举办新闻发布会", "新闻发布会总次数"], $c),
            stat("其中：主要负责同志参加新闻发布会次数", None, &["负责同志参加"], $c),
            stat("政府网站在线访谈次数", None, &["在线访谈"], $c),
            stat("政策解读稿件发布数", Some("proactive.policy_interpretation"), &["政策解读"], $c),
            stat("微博微信回应事件数", None, &["微博微信回应", "回应事件"], $c),
            stat("收到申请数", Some("apply.received"), &["收到申请", "受理申请", "申请总数", "申请数量"], $c),
            stat("当面申请数", Some("apply.channel.in_person"), &["当面申请"], $c),
            stat("传真申请数", Some("apply.channel.fax"), &["传真申请"], $c),
            stat("网络申请数", Some("apply.channel.online"), &["网络申请", "网上申请", "互联网申请", "网路申请"], $c),
            stat("信函申请数", Some("apply.channel.mail"), &["信函申请"], $c),
            stat("电子邮件申请数", Some("apply.channel.email"), &["电子邮件申请", "电子邮件"], $c),
            stat("电话申请数", Some("apply.channel.phone"), &["电话申请"], $c),
            stat("其他形式申请数", Some("apply.channel.other"), &["其他形式申请", "其他方式申请"], $c),
            stat("申请办结数", None, &["申请办结"], $c),
            stat("按时办结数", None, &["按时办结"], $c),
            stat("延期办结数", None, &["延期办结"], $c),
            stat("申请答复数", Some("apply.answered"), &["申请答复", "已答复"], $c),
            stat("属于已主动公开范围数", Some("apply.result.already_public"), &["已主动公开范围", "已主动公开的"], $c),
            stat("同意公开答复数", Some("apply.result.granted"), &["=同意公开", "同意公开答复", "同意公开数"], $c),
            stat("同意部分公开答复数", Some("apply.result.partial"), &["同意部分公开", "部分公开"], $c),
            stat("不同意公开答复数", Some("apply.result.denied"), &["不同意公开", "不予公开"], $c),
            stat("其中：涉及国家秘密", None, &["涉及国家秘密"], $c),
            stat("涉及商业秘密", None, &["涉及商业秘密"], $c),
            stat("涉及个人隐私", None, &["涉及个人隐私"], $c),
            stat("危及国家安全、公共安全、经济安全和社会稳定", None, &["危及国家安全"], $c),
            stat("不是《条例》所指政府信息", None, &["所指政府信息"], $c),
            stat("法律法规规定的其他情形", None, &["法律法规规定的其他"], $c),
            stat("不属于本行政机关公开数", Some("apply.result.not_this_agency"), &["不属于本"], $c),
            stat("申请信息不存在数", Some("apply.result.not_exist"), &["信息不存在"], $c),
            stat("告知作出更改补充数", Some("apply.result.amend"), &["更改补充"], $c),
            stat("告知通过其他途径办理数", Some("apply.result.other_route"), &["其他途径"], $c),
            stat("行政复议数量", Some("reconsideration.total"), &["行政复议"], $c),
            stat("维持具体行政行为数", Some("reconsideration.upheld"), &["维持具体行政行为"], $c),
            stat("被依法纠错数", Some("reconsideration.corrected"), &["依法纠错", "纠错数"], $c),
            stat("其他情形数", Some("reconsideration.other"), &["其他情形"], $c),
            stat("行政诉讼数量", Some("litigation.total"), &["行政诉讼"], $c),
            stat("维持具体行政行为或者驳回原告诉讼请求数", Some("litigation.upheld"), &["维持具体行政行为", "驳回原告"], $c),
            stat("被依法纠错数", Some("litigation.corrected"), &["依法纠错", "纠错数"], $c),
            stat("其他情形数", Some("litigation.other"), &["其他情形"], $c),
            stat("举报投诉数量", None, &["举报投诉", "申诉"], $c),
            stat("依申请公开信息收取的费用", Some("fees.charged"), &["收取的费用", "收取费用", "收费金额", "收费数"], $m),
            stat("减免的费用", Some("fees.waived"), &["减免"], $m),
            stat("政府信息公开咨询数", Some("consult.total"), &["咨询总", "接受咨询", "公开咨询", "=咨询", "=咨询数", "=咨询量", "=咨询情况"], $c),
            stat("现场咨询数", Some("consult.on_site"), &["现场咨询", "当面咨询"], $c),
            stat("电话咨询数", Some("consult.phone"), &["电话咨询"], $c),
            stat("网上咨询数", Some("consult.online"), &["网上咨询", "网络咨询", "在线咨询"], $c),
            stat("政府信息公开工作专门机构数", Some("staff.offices"), &["专门机构"], $c),
            stat("设置政府信息公开查阅点数", Some("reading_points"), &["查阅点"], $c),
            stat("从事政府信息公开工作人员数", None, &["从事政府信息公开工作人员", "工作人员数"], $c),
            stat("专职人员数", Some("staff.full_time"), &["专职人员", "专职"], $c),
            stat("兼职人员数", Some("staff.part_time"), &["兼职人员", "兼职"], $c),
            stat("政府信息公开专项经费", None, &["专项经费"], $m),
            stat("召开政府信息公开工作会议或专题会议数", None, &["会议或专题会议", "工作会议"], $c),
            stat("举办各类培训班数", None, &["培训班"], $c),
            stat("接受培训人员数", None, &["接受培训"], $c),
        ]
    };
}

/// Sub-items that add up to their total, and channels that each stay within the total.
#[rustfmt::skip]
const STATS_IDENTITIES: &[Identity] = &[
    Identity {
        check: "table.sum.stats",
        rule: Rule::PartsFound { total: "apply.received", parts: &["apply.channel.in_person", "apply.channel.fax", "apply.channel.online", "apply.channel.mail", "apply.channel.email", "apply.channel.phone", "apply.channel.other"] },
        exact: true,
        passed: "统计表：分项之和等于合计",
    },
    Identity {
        check: "table.sum.stats",
        rule: Rule::PartsFound { total: "apply.answered", parts: &["apply.result.already_public", "apply.result.granted", "apply.result.partial", "apply.result.denied", "apply.result.not_this_agency", "apply.result.not_exist", "apply.result.amend", "apply.result.other_route"] },
        exact: true,
        passed: "统计表：分项之和等于合计",
    },
    Identity {
        check: "table.sum.stats",
        rule: Rule::PartsFound { total: "reconsideration.total", parts: &["reconsideration.upheld", "reconsideration.corrected", "reconsideration.other"] },
        exact: true,
        passed: "统计表：分项之和等于合计",
    },
    Identity {
        check: "table.sum.stats",
        rule: Rule::PartsFound { total: "litigation.total", parts: &["litigation.upheld", "litigation.corrected", "litigation.other"] },
        exact: true,
        passed: "统计表：分项之和等于合计",
    },
    Identity {
        check: "table.sum.stats",
        rule: Rule::PartsFound { total: "consult.total", parts: &["consult.on_site", "consult.phone", "consult.online"] },
        exact: true,
        passed: "统计表：分项之和等于合计",
    },
    Identity {
        check: "table.sum.stats",
        rule: Rule::ColumnLe { parts: &["proactive.gazette", "proactive.website", "proactive.weibo", "proactive.wechat"], total: "proactive.total" },
        exact: true,
        passed: "统计表：各渠道公开的信息数不超过主动公开总数",
    },
    Identity {
        check: "table.sum.cumulative",
        rule: Rule::RowLe { lesser: "this_year", greater: "cumulative" },
        exact: true,
        passed: "统计表：本年数均不超过累计数",
    },
];

/// 政府信息公开情况统计表, 2014–2018 (统计指标 / 单位 / 统计数). The rows are those of the
/// form most reports used; rows of the form that give no indicator still hold their figures.
pub const STATS_2014: Template = Template {
    table: TableId::Stats,
    layout: Layout::Stats2014,
    title: "政府信息公开情况统计表",
    marks: &["统计数", "统计指标"],
    corner: "统计指标",
    rows: stats_rows!(STAT_2014, STAT_2014_MONEY),
    identities: STATS_IDENTITIES,
    order_fills: false,
};

/// 政府信息公开情况统计表, 2008–2013 (指标名称 / 计量单位 / 本年 / 累计).
pub const STATS_2008: Template = Template {
    table: TableId::Stats,
    layout: Layout::Stats2008,
    title: "政府信息公开情况统计表",
    marks: &["累计"],
    corner: "指标名称",
    rows: stats_rows!(STAT_2008, STAT_2008_MONEY),
    identities: STATS_IDENTITIES,
    order_fills: false,
};

/// The templates as the page draws them (`wasm::layouts`): per template its table, layout,
/// title, corner, and rows with their merged row headers and cells with header paths. A table
/// drawn on one line in the form (table 4) says so: its rows become column groups.
#[derive(Serialize)]
pub struct PageTemplate {
    pub table: TableId,
    pub layout: Layout,
    /// `2021 年版` …, shown beside the title.
    pub edition: &'static str,
    pub title: &'static str,
    pub corner: &'static str,
    pub one_line: bool,
    pub rows: Vec<PageRow>,
}

#[derive(Serialize)]
pub struct PageRow {
    pub label: &'static str,
    pub key: Option<&'static str>,
    pub groups: &'static [&'static str],
    pub official: bool,
    pub columns: Vec<PageColumn>,
}

#[derive(Serialize)]
pub struct PageColumn {
    pub id: &'static str,
    pub header: &'static [&'static str],
}

/// Every template for the page.
pub fn for_page() -> Vec<PageTemplate> {
    TEMPLATES
        .iter()
        .map(|t| PageTemplate {
            table: t.table,
            layout: t.layout,
            edition: match t.layout {
                Layout::Y2021 => "2021 年版格式",
                Layout::Y2019 => "2019 年试行格式",
                Layout::Stats2014 => "2014—2018 年统计表",
                Layout::Stats2008 => "2008—2013 年统计表",
            },
            title: t.title,
            corner: t.corner,
            one_line: t.table == TableId::Table4,
            rows: t
                .rows
                .iter()
                .map(|r| PageRow {
                    label: r.label,
                    key: r.key,
                    groups: r.groups,
                    official: r.kind == RowKind::Official,
                    columns: r
                        .columns
                        .iter()
                        .map(|c| PageColumn { id: c.id, header: c.header })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Strips a row label of its numbering (`1.` `3、` `(六)` `一、`) and white space.
pub fn bare_label(label: &str) -> String {
    let s: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = s.as_str();
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = rest.trim_start_matches(['.', '、', ',', ':']);
        if let Some(r) = rest.strip_prefix('(') {
            if let Some(end) = r.find(')') {
                if r[..end].chars().all(|c| "一二三四五六七八九十0123456789".contains(c))
                {
                    rest = &r[end + 1..];
                }
            }
        }
        if let Some(i) = rest.find('、') {
            if rest[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) && i > 0 {
                rest = &rest[i + '、'.len_utf8()..];
            }
        }
        if let Some(r) = rest.strip_prefix("其中") {
            rest = r;
        }
        if rest.len() == before {
            break;
        }
    }
    rest.to_string()
}

/// Units the statistics table writes beside its labels, longest first.
const UNITS: &[&str] = &["人次", "万元", "条", "件", "次", "个", "人", "篇", "元", "项", "期"];

/// Where `word` (see the module doc) occurs in `label` (normalised, white space removed) outside
/// brackets: the byte offset of the first such occurrence.
pub fn find_word(label: &str, word: &str) -> Option<usize> {
    if let Some(exact) = word.strip_prefix('=') {
        // The statistics table's unit may be glued to its label (`1.同意公开件`).
        let bare = bare_label(label);
        let unitless = UNITS.iter().find_map(|u| bare.strip_suffix(u)).unwrap_or(&bare);
        return (bare == exact || unitless == exact).then_some(0);
    }
    let mut from = 0;
    while let Some(i) = label[from..].find(word) {
        let at = from + i;
        if !inside_brackets(label, at) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// True when byte `at` lies inside an explanatory bracket (`（不包括……）`), not a numbering
/// bracket like `(一)`.
fn inside_brackets(label: &str, at: usize) -> bool {
    let mut depth = 0i32;
    let mut open_at = 0;
    for (i, c) in label[..at].char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open_at = i;
                }
                depth += 1;
            }
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    if depth == 0 {
        return false;
    }
    // A numbering bracket closes within a few numerals: `(一)`, `(12)`.
    let inner = &label[open_at + 1..];
    let close = inner.find(')');
    !close.is_some_and(|e| {
        e > 0 && inner[..e].chars().all(|c| "一二三四五六七八九十0123456789".contains(c))
    })
}

/// True when a label (normalised) is named by one of `words`.
pub fn names(label: &str, words: &[&str]) -> bool {
    let compact: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    words.iter().any(|w| find_word(&compact, w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    #[test]
    fn every_official_label_is_named_by_its_own_row_only() {
        for t in TEMPLATES {
            for (i, row) in t.rows.iter().enumerate() {
                let label = fold(row.label);
                let hits: Vec<usize> = t
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| names(&label, r.words))
                    .map(|(j, _)| j)
                    .collect();
                // The statistics table has rows of the same label under 复议 and 诉讼.
                let same: Vec<usize> = t
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.label == row.label)
                    .map(|(j, _)| j)
                    .collect();
                assert!(hits.contains(&i), "{:?} {}: not named by its words", t.layout, row.label);
                let others: Vec<&str> =
                    hits.iter().filter(|j| !same.contains(j)).map(|&j| t.rows[j].label).collect();
                // A longer word of another row may also occur; the reader takes the earliest
                // and longest match, which the reader's own test checks.
                if t.table != TableId::Stats {
                    assert!(others.is_empty(), "{} is named by {others:?}", row.label);
                }
            }
        }
    }

    #[test]
    fn keys_are_in_the_vocabulary() {
        for t in TEMPLATES {
            for row in t.rows {
                for c in row.columns {
                    // Key::known panics on an unknown key.
                    let _ = row.cell_key(c);
                }
            }
        }
        assert_eq!(
            TABLE2_2019.rows[0].cell_key(&TABLE2_2019.rows[0].columns[0]).unwrap(),
            "std.rules.issued"
        );
    }

    #[test]
    fn labels_lose_their_numbering() {
        assert_eq!(bare_label("3、其他"), "其他");
        assert_eq!(bare_label("(六)其他处理"), "其他处理");
        assert_eq!(bare_label("2.重复申请"), "重复申请");
        assert_eq!(bare_label("三、本年度办理结果"), "本年度办理结果");
        assert!(!names("2.其他法律行政法规禁止公开", &["=其他"]));
        assert!(names("3.其他", &["=其他"]));
    }

    #[test]
    fn words_inside_explanatory_brackets_do_not_name_a_row() {
        let l = "1.专职人员数(不包括政府公报及政府网站工作人员数)";
        assert!(names(l, &["专职人员"]));
        assert!(!names(l, &["政府公报"]));
        assert!(names("(一)予以公开", &["予以公开"]));
    }

    #[test]
    fn templates_are_unique_per_table_and_layout() {
        for (i, a) in TEMPLATES.iter().enumerate() {
            for b in &TEMPLATES[i + 1..] {
                assert!(!(a.table == b.table && a.layout == b.layout));
            }
        }
    }
}
