//! Checks of the tables: their arithmetic, their shape, and the prose against them.
//!
//! Takes the tables as read, the indicators found in the prose and the report's meta; gives
//! [`Finding`]s that name the cells they concern. The arithmetic is each template's exact
//! [`Identity`] list (`template.rs`), evaluated by `arith.rs`: a check that ran and passed gives
//! one finding of severity `ok`; each failure gives one finding of severity `error` (arithmetic,
//! prose figures), `warning` (a row whose columns could not be placed, rows missing) or `info`
//! (the 2019 layout in a report of 2021 or later).
//!
//! | id | what |
//! |---|---|
//! | `table.sum.balance` | 一 + 二 = （七）总计 + 四, per column |
//! | `table.sum.columns` | each row's 总计 = the sum of the applicant columns |
//! | `table.sum.outcomes` | （七）总计 = the sum of the outcome rows, per column |
//! | `table.sum.items` | a stated （三）（四）（五）（六） = the sum of its items |
//! | `table.sum.review` | table 4: each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结 |
//! | `table.sum.stats` | statistics table: sub-items = their total, channels ≤ 主动公开 |
//! | `table.sum.cumulative` | statistics table: 本年 ≤ 累计 |
//! | `table.prose` | figures of the prose = the tables' (行政诉讼 may be 直接起诉 + 复议后起诉) |
//! | `table.value` | non-negative integers (收费金额 in 万元 may have decimals) |
//! | `table.shape` | a row read with too few or too many cells; template rows missing |
//! | `table.layout.2019` | the 2019 trial layout used for 2021 or later |
//!
//! (`table.glued`, a glued row no split fits, comes from the reader.)

use super::arith::{self, Instance};
use super::template::{self, Identity, Layout, RowKind, Rule, TableId, Template};
use crate::model::{Cell, CellMark, CellRef, Finding, Indicator, Meta, Scope, Severity, Table};

/// Prose keys compared with sums of table keys (the other keys are compared with the same key):
/// one alternative per `|`, terms joined by `+`. Example: 行政诉讼46件 = 直接起诉26 + 复议后起诉20.
#[rustfmt::skip]
const PROSE_SUMS: &[(&str, &str)] = &[
    ("litigation.total", "litigation.direct.total+litigation.after_review.total|litigation.direct.total|litigation.after_review.total"),
    ("litigation.upheld", "litigation.direct.upheld+litigation.after_review.upheld|litigation.direct.upheld|litigation.after_review.upheld"),
    ("litigation.corrected", "litigation.direct.corrected+litigation.after_review.corrected|litigation.direct.corrected|litigation.after_review.corrected"),
    ("litigation.other", "litigation.direct.other+litigation.after_review.other|litigation.direct.other|litigation.after_review.other"),
    ("litigation.pending", "litigation.direct.pending+litigation.after_review.pending|litigation.direct.pending|litigation.after_review.pending"),
];

/// Runs every check.
pub fn checks_impl(tables: &[Table], prose: &[Indicator], meta: &Meta) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        if let Some(tpl) = template::template_of(&t.id, &t.layout) {
            arithmetic(t, tpl, &mut out);
        }
    }
    prose_figures(tables, prose, &mut out);
    values(tables, &mut out);
    shape(tables, &mut out);
    layout_2019(tables, meta, &mut out);
    out
}

/// `表三` for `table3`.
fn table_name(id: &str) -> &'static str {
    TableId::parse(id).map_or("表格", TableId::name)
}

fn fmt(v: f64) -> String {
    let r = crate::numbers::round(v);
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The model row of a key, with its index; table-3 rows count only when whole.
fn row_of<'a>(
    t: &'a Table,
    tpl: &Template,
    key: &str,
) -> Option<(usize, &'a crate::model::TableRow)> {
    let (i, row) = t.rows.iter().enumerate().find(|(_, r)| r.key.as_deref() == Some(key))?;
    let def = tpl.row(key)?;
    (row.cells.len() == def.columns.len()).then_some((i, row))
}

fn cell_of<'a>(t: &'a Table, tpl: &Template, key: &str, col: &str) -> Option<(usize, &'a Cell)> {
    let (i, row) = row_of(t, tpl, key)?;
    row.cells.iter().find(|c| c.column == col).map(|c| (i, c))
}

/// The header of a column, for messages (`自然人`, `结果维持`).
fn column_name(tpl: &Template, key: Option<&str>, col: &str) -> String {
    let defs = key
        .and_then(|k| tpl.row(k))
        .map(|r| r.columns)
        .or_else(|| tpl.rows.first().map(|r| r.columns));
    defs.and_then(|cs| cs.iter().find(|c| c.id == col))
        .and_then(|c| c.header.last())
        .map_or_else(|| col.to_string(), |h| h.to_string())
}

fn short(tpl: &Template, key: &str) -> String {
    tpl.row(key)
        .map_or_else(|| key.to_string(), |r| r.short.trim_start_matches(['（', '(']).to_string())
        .chars()
        .collect()
}

/// What one check found across the identities that report under its id.
#[derive(Default)]
struct Tally {
    check: &'static str,
    passed: &'static str,
    ran: usize,
    failed: usize,
    /// The cells of the instances that held (only `table.sum.balance` lists them).
    cells: Vec<CellRef>,
    spans: Vec<crate::model::Span>,
}

/// The identities of a table: one finding per failure, one `ok` per check that passed.
fn arithmetic(t: &Table, tpl: &Template, out: &mut Vec<Finding>) {
    let get = |key: &str, col: &str| -> Option<Option<f64>> {
        let (_, c) = cell_of(t, tpl, key, col)?;
        Some(c.value.filter(|_| c.mark == CellMark::Number))
    };
    let mut checks: Vec<Tally> = Vec::new();
    for id in tpl.identities.iter().filter(|i| i.exact) {
        let instances = arith::instances(tpl, &id.rule, &get, false);
        let entry = match checks.iter_mut().position(|c| c.check == id.check) {
            Some(i) => i,
            None => {
                checks.push(Tally { check: id.check, passed: id.passed, ..Tally::default() });
                checks.len() - 1
            }
        };
        for inst in instances {
            checks[entry].ran += 1;
            let refs: Vec<(CellRef, crate::model::Span)> = inst
                .cells
                .iter()
                .filter_map(|(k, c)| {
                    let (ri, cell) = cell_of(t, tpl, k, c)?;
                    Some((
                        CellRef { table: t.id.clone(), row: ri, column: (*c).to_string() },
                        cell.span,
                    ))
                })
                .collect();
            if inst.holds {
                if id.check == "table.sum.balance" {
                    for (r, s) in &refs {
                        checks[entry].cells.push(r.clone());
                        checks[entry].spans.push(*s);
                    }
                }
                continue;
            }
            checks[entry].failed += 1;
            out.push(Finding {
                id: id.check.into(),
                severity: Severity::Error,
                message: message(t, tpl, id, &inst),
                spans: refs.iter().map(|r| r.1).collect(),
                cells: refs.into_iter().map(|r| r.0).collect(),
            });
        }
    }
    for Tally { check, passed, ran, failed, cells, spans } in checks {
        if ran > 0 && failed == 0 {
            out.push(Finding {
                id: check.into(),
                severity: Severity::Ok,
                message: passed.into(),
                spans,
                cells,
            });
        }
    }
}

/// What a failed identity says, in Chinese.
fn message(t: &Table, tpl: &Template, id: &Identity, inst: &Instance) -> String {
    let name = table_name(&t.id);
    let label = |key: &'static str| -> &'static str { tpl.row(key).map_or(key, |r| r.label) };
    match id.rule {
        Rule::RowSum { total, parts_name, .. } => {
            let row = inst.row.unwrap_or("");
            format!(
                "{name}“{}”：{} {}，但{parts_name}之和为 {}",
                label(row),
                column_name(tpl, Some(row), total),
                fmt(inst.lhs),
                fmt(inst.rhs)
            )
        }
        Rule::ColumnSum { lhs, rhs } => {
            let col = inst.column.unwrap_or("");
            let side = |terms: &[template::Term], cells: &[(&str, &str)]| -> String {
                let names: Vec<String> = terms
                    .iter()
                    .map(|x| match x {
                        template::Term::Row(k) | template::Term::Group(k) => short(tpl, k),
                    })
                    .collect();
                let _ = cells;
                names.join(" + ")
            };
            let (l, r) = inst.cells.split_at(inst.left);
            if lhs.len() == 1 {
                format!(
                    "{name}“{}”列：{} {}，但{}之和为 {}",
                    column_name(tpl, None, col),
                    side(lhs, l),
                    fmt(inst.lhs),
                    side(rhs, r).replace(" + ", "、"),
                    fmt(inst.rhs)
                )
            } else {
                format!(
                    "{name}“{}”列：{} = {}，但{} = {}",
                    column_name(tpl, None, col),
                    side(lhs, l),
                    fmt(inst.lhs),
                    side(rhs, r),
                    fmt(inst.rhs)
                )
            }
        }
        Rule::GroupItems => {
            let col = inst.column.unwrap_or("");
            format!(
                "{name}{}“{}”列：合计 {}，但其下各项之和为 {}",
                label(inst.row.unwrap_or("")),
                column_name(tpl, None, col),
                fmt(inst.lhs),
                fmt(inst.rhs)
            )
        }
        Rule::PartsFound { total, .. } => {
            let parts: Vec<&str> = inst.cells[1..].iter().map(|(k, _)| label(k)).collect();
            format!(
                "{name}“{}”为 {}，但{}之和为 {}",
                label(total),
                fmt(inst.lhs),
                parts.join("、"),
                fmt(inst.rhs)
            )
        }
        Rule::RowLe { lesser, greater } => {
            let row = inst.row.unwrap_or("");
            format!(
                "{name}“{}”：{} {} 大于{} {}",
                label(row),
                column_name(tpl, Some(row), lesser),
                fmt(inst.lhs),
                column_name(tpl, Some(row), greater),
                fmt(inst.rhs)
            )
        }
        Rule::ColumnLe { total, .. } => {
            format!(
                "{name}“{}” {} 大于“{}” {}",
                label(inst.row.unwrap_or("")),
                fmt(inst.lhs),
                label(total),
                fmt(inst.rhs)
            )
        }
    }
}

fn prose_figures(tables: &[Table], prose: &[Indicator], out: &mut Vec<Finding>) {
    let from_tables: Vec<Indicator> =
        super::indicators(tables).into_iter().filter(|i| i.cell.is_some()).collect();
    let lookup = |key: &str| from_tables.iter().find(|i| i.key == key);
    let (mut ran, mut failed) = (0, 0);
    for p in prose {
        if p.scope != Scope::Whole
            || p.approx.is_some()
            || p.cell.is_some()
            || p.key.column().is_some()
        {
            continue;
        }
        let alternatives: Vec<Vec<&str>> = match PROSE_SUMS.iter().find(|(k, _)| p.key == *k) {
            Some((_, expr)) => expr.split('|').map(|alt| alt.split('+').collect()).collect(),
            None => vec![vec![p.key.base()]],
        };
        let mut evaluated = Vec::new();
        for alt in &alternatives {
            let terms: Option<Vec<&Indicator>> = alt.iter().map(|k| lookup(k)).collect();
            if let Some(terms) = terms {
                evaluated.push((terms.iter().map(|i| i.value).sum::<f64>(), terms));
            }
        }
        if evaluated.is_empty() {
            continue;
        }
        ran += 1;
        if evaluated.iter().any(|(v, _)| same(*v, p.value)) {
            continue;
        }
        failed += 1;
        let (v, terms) = &evaluated[0];
        let mut spans = vec![p.span];
        spans.extend(terms.iter().map(|i| i.span));
        out.push(Finding {
            id: "table.prose".into(),
            severity: Severity::Error,
            message: format!(
                "正文所述“{}”为 {}，与{}所列 {} 不符",
                p.key.label(),
                fmt(p.value),
                terms
                    .first()
                    .and_then(|i| i.cell.as_ref())
                    .map_or("表格", |c| table_name(&c.table)),
                fmt(*v)
            ),
            spans,
            cells: terms.iter().filter_map(|i| i.cell.clone()).collect(),
        });
    }
    if ran > 0 && failed == 0 {
        out.push(Finding {
            id: "table.prose".into(),
            severity: Severity::Ok,
            message: "正文中的数字与表格一致".into(),
            spans: Vec::new(),
            cells: Vec::new(),
        });
    }
}

fn values(tables: &[Table], out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for t in tables {
        let Some(tpl) = template::template_of(&t.id, &t.layout) else { continue };
        for (ri, row) in t.rows.iter().enumerate() {
            let def = tpl.row_of(row);
            for cell in &row.cells {
                let col = def.and_then(|d| d.columns.iter().find(|c| c.id == cell.column));
                let (money, signed) = col.map_or((false, false), |c| (c.money, c.signed));
                let problem = match (cell.mark, cell.value) {
                    (CellMark::Text, _) => Some(format!("内容“{}”不是数字", cell.raw)),
                    (CellMark::Number, Some(v)) => {
                        ran += 1;
                        if v < 0.0 && !signed {
                            Some(format!("{} 是负数", cell.raw))
                        } else if !money && v.fract() != 0.0 && template::is_standard(&t.id) {
                            Some(format!("{} 不是整数", cell.raw))
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                let Some(p) = problem else { continue };
                failed += 1;
                let severity =
                    if cell.mark == CellMark::Text { Severity::Warning } else { Severity::Error };
                let col_name = column_name(tpl, row.key.as_deref(), &cell.column);
                out.push(Finding {
                    id: "table.value".into(),
                    severity,
                    message: format!(
                        "{}“{}”“{}”：{}，件数应为非负整数",
                        table_name(&t.id),
                        row.label,
                        col_name,
                        p
                    ),
                    spans: vec![cell.span],
                    cells: vec![CellRef {
                        table: t.id.clone(),
                        row: ri,
                        column: cell.column.clone(),
                    }],
                });
            }
        }
    }
    if ran > 0 && failed == 0 {
        out.push(Finding {
            id: "table.value".into(),
            severity: Severity::Ok,
            message: "表格中的件数均为非负整数".into(),
            spans: Vec::new(),
            cells: Vec::new(),
        });
    }
}

fn shape(tables: &[Table], out: &mut Vec<Finding>) {
    for t in tables {
        let Some(tpl) = template::template_of(&t.id, &t.layout) else { continue };
        for (ri, row) in t.rows.iter().enumerate() {
            let want = tpl.row_of(row).map_or(0, |d| d.columns.len());
            if row.cells.len() == want {
                continue;
            }
            out.push(Finding {
                id: "table.shape".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}“{}”一行读到 {} 个单元格，应为 {} 个：无法确定各数所在的列，未作为指标输出",
                    table_name(&t.id),
                    row.label,
                    row.cells.len(),
                    want
                ),
                spans: row.cells.iter().map(|c| c.span).collect(),
                cells: row
                    .cells
                    .iter()
                    .map(|c| CellRef { table: t.id.clone(), row: ri, column: c.column.clone() })
                    .collect(),
            });
        }
        if t.id == TableId::Table3.id() {
            let missing: Vec<&str> = tpl
                .rows
                .iter()
                .filter(|d| d.kind == RowKind::Official)
                .filter(|d| !t.rows.iter().any(|r| r.key.as_deref() == d.key))
                .map(|d| d.label)
                .collect();
            if !missing.is_empty() {
                out.push(Finding {
                    id: "table.shape".into(),
                    severity: Severity::Warning,
                    message: format!("表三缺少以下行（或未能识别）：{}", missing.join("、")),
                    spans: Vec::new(),
                    cells: Vec::new(),
                });
            }
        }
    }
}

fn layout_2019(tables: &[Table], meta: &Meta, out: &mut Vec<Finding>) {
    let Some(year) = meta.year else { return };
    let standard: Vec<&Table> = tables.iter().filter(|t| template::is_standard(&t.id)).collect();
    if standard.is_empty() {
        return;
    }
    let old: Vec<&Table> =
        standard.iter().copied().filter(|t| t.layout == Layout::Y2019.id()).collect();
    if year >= 2021 && !old.is_empty() {
        out.push(Finding {
            id: "table.layout.2019".into(),
            severity: Severity::Info,
            message: format!(
                "这是 {year} 年度的报告，却使用了 2019 年试行的表格格式（{}）；自 2021 年度起应使用 2021 年修订的格式",
                old.iter().map(|t| table_name(&t.id)).collect::<Vec<_>>().join("、")
            ),
            spans: Vec::new(),
            cells: Vec::new(),
        });
    } else {
        out.push(Finding {
            id: "table.layout.2019".into(),
            severity: Severity::Ok,
            message: "表格格式与报告年度相符".into(),
            spans: Vec::new(),
            cells: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    const REPORT: &str = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n（一）予以公开\t2\t1\t0\t0\t0\t0\t3\n（二）部分公开\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t3\t1\t0\t0\t0\t0\t5\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n0\t0\t1\t0\t1\t0\t0\t0\t0\t0\t1\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n";

    fn tables_of(text: &str) -> Vec<Table> {
        let norm = normalize(text);
        let regions = super::super::regions(&norm);
        super::super::extract(&norm, &regions, &[]).tables
    }

    fn run(prose: &[Indicator], year: Option<i32>) -> Vec<Finding> {
        checks_impl(&tables_of(REPORT), prose, &Meta { year, ..Meta::default() })
    }

    #[test]
    fn sums_that_fail_name_their_cells() {
        let f = run(&[], None);
        let errors: Vec<&Finding> = f.iter().filter(|f| f.severity == Severity::Error).collect();
        let ids: Vec<&str> = errors.iter().map(|f| f.id.as_str()).collect();
        // (七)总计 5 ≠ 3+1; 一+二 = 4 ≠ 5+0 in the total column; 复议后起诉 总计 0 ≠ 1.
        assert!(ids.contains(&"table.sum.columns"), "{ids:?}");
        assert!(ids.contains(&"table.sum.balance"), "{ids:?}");
        assert!(ids.contains(&"table.sum.review"), "{ids:?}");
        let cols = errors.iter().find(|f| f.id == "table.sum.columns").unwrap();
        assert!(cols.cells.iter().any(|c| c.column == "total" && c.table == "table3"));
        let review = errors.iter().find(|f| f.id == "table.sum.review").unwrap();
        assert!(review.message.contains("复议后起诉"), "{}", review.message);
        let balance = errors.iter().find(|f| f.id == "table.sum.balance").unwrap();
        assert!(balance.message.contains("本年新收"), "{}", balance.message);
    }

    #[test]
    fn prose_figures_against_the_tables() {
        let ind = |key: &str, value: f64| Indicator {
            key: crate::model::Key::known(key),
            scope: Scope::Whole,
            value,
            unit: "件".into(),
            approx: None,
            span: [0, 1],
            quote: "正文".into(),
            rule: "prose".into(),
            cell: None,
        };
        // 行政诉讼维持 1 = 直接起诉 0 + 复议后起诉 1: passes; 收到申请 5 ≠ 4: fails.
        let f = run(&[ind("litigation.upheld", 1.0), ind("apply.received", 5.0)], None);
        let prose: Vec<&Finding> = f.iter().filter(|f| f.id == "table.prose").collect();
        assert_eq!(prose.len(), 1, "{prose:?}");
        assert_eq!(prose[0].severity, Severity::Error);
        assert_eq!(prose[0].cells[0].column, "total");
    }

    #[test]
    fn a_stated_group_total_is_checked_against_its_items() {
        let mut t = String::from("一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n（三）不予公开\t3\t0\t0\t0\t0\t0\t3\n");
        let tpl = &super::super::template::TABLE3_2021;
        for (i, d) in tpl.items("apply.result.denied").enumerate() {
            let v = if i < 2 { 1 } else { 0 };
            t.push_str(&format!("{}\t{v}\t0\t0\t0\t0\t0\t{v}\n", d.label));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let tables = tables_of(&t);
        let f = checks_impl(&tables, &[], &Meta::default());
        let items: Vec<&Finding> = f
            .iter()
            .filter(|f| f.id == "table.sum.items" && f.severity == Severity::Error)
            .collect();
        // 3 ≠ 1 + 1 in the 自然人 and 总计 columns.
        assert_eq!(items.len(), 2, "{f:?}");
        assert!(items[0].message.contains("（三）不予公开"), "{}", items[0].message);
    }

    #[test]
    fn the_2019_layout_is_noted_only_for_later_years() {
        let f = run(&[], Some(2022));
        assert!(f.iter().any(|f| f.id == "table.layout.2019" && f.severity == Severity::Ok));
    }
}
