//! Checks of the standard tables: their arithmetic, their shape, and the prose against them.
//!
//! Takes the tables as read, the indicators found in the prose and the report's meta; gives
//! [`Finding`]s that name the cells they concern. A check that ran and passed gives one finding
//! of severity `ok`; each failure gives one finding of severity `error` (arithmetic, prose
//! figures), `warning` (a row whose columns could not be placed, rows missing) or `info` (the
//! 2019 layout in a report of 2021 or later).
//!
//! | id | what |
//! |---|---|
//! | `table.sum.balance` | 一 + 二 = （七）总计 + 四, per column |
//! | `table.sum.columns` | each row's 总计 = the sum of the applicant columns |
//! | `table.sum.outcomes` | （七）总计 = the sum of the outcome rows, per column |
//! | `table.sum.items` | a stated （三）（四）（五）（六） = the sum of its items |
//! | `table.sum.review` | table 4: each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结 |
//! | `table.prose` | figures of the prose = the tables' (行政诉讼 may be 直接起诉 + 复议后起诉) |
//! | `table.value` | non-negative integers (收费金额 in 万元 may have decimals) |
//! | `table.shape` | a row read with too few or too many cells; template rows missing |
//! | `table.layout.2019` | the 2019 trial layout used for 2021 or later |

use super::layout::{
    self, Group, Role, APPLICANT_COLUMNS, APPLICANT_NAMES, TABLE3, TABLE4_COLUMNS,
};
use crate::model::{
    Cell, CellMark, CellRef, Finding, Indicator, Meta, Scope, Severity, Span, Table,
};

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
    let t3 = tables.iter().find(|t| t.id == "table3");
    if let Some(t) = t3 {
        balance(t, &mut out);
        row_sums(t, &mut out);
        outcomes(t, &mut out);
        group_items(t, &mut out);
    }
    if let Some(t) = tables.iter().find(|t| t.id == "table4") {
        review(t, &mut out);
    }
    prose_figures(tables, prose, &mut out);
    values(tables, &mut out);
    shape(tables, &mut out);
    layout_2019(tables, meta, &mut out);
    out
}

/// A cell with where it stands.
struct At<'a> {
    cell: &'a Cell,
    r: CellRef,
    label: &'a str,
}

impl At<'_> {
    fn num(&self) -> Option<f64> {
        (self.cell.mark == CellMark::Number).then_some(self.cell.value).flatten()
    }
}

fn at<'a>(t: &'a Table, key: &str, column: &str) -> Option<At<'a>> {
    let (ri, row) = t.rows.iter().enumerate().find(|(_, r)| r.key.as_deref() == Some(key))?;
    if t.id == "table3" && row.cells.len() != APPLICANT_COLUMNS.len() {
        return None;
    }
    let cell = row.cells.iter().find(|c| c.column == column)?;
    Some(At {
        cell,
        r: CellRef { table: t.id.clone(), row: ri, column: column.into() },
        label: &row.label,
    })
}

fn column_name(column: &str) -> &str {
    APPLICANT_COLUMNS.iter().position(|c| *c == column).map_or(column, |i| APPLICANT_NAMES[i])
}

fn table_name(id: &str) -> &'static str {
    match id {
        "table2" => "表二",
        "table3" => "表三",
        _ => "表四",
    }
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

fn finding(id: &str, severity: Severity, message: String, cells: &[&At]) -> Finding {
    Finding {
        id: id.into(),
        severity,
        message,
        spans: cells.iter().map(|c| c.cell.span).collect(),
        cells: cells.iter().map(|c| c.r.clone()).collect(),
    }
}

/// The `ok` finding of a check that ran with no failure.
fn passed(
    out: &mut Vec<Finding>,
    id: &str,
    ran: usize,
    failed: usize,
    message: &str,
    cells: Vec<CellRef>,
    spans: Vec<Span>,
) {
    if ran > 0 && failed == 0 {
        out.push(Finding {
            id: id.into(),
            severity: Severity::Ok,
            message: message.into(),
            spans,
            cells,
        });
    }
}

fn balance(t: &Table, out: &mut Vec<Finding>) {
    let (mut ran, mut failed, mut all) = (0, 0, Vec::new());
    for col in APPLICANT_COLUMNS {
        let cells: Vec<At> =
            ["apply.received", "apply.carried_in", "apply.result.total", "apply.carried_out"]
                .iter()
                .filter_map(|k| at(t, k, col))
                .collect();
        if cells.len() != 4 || cells.iter().any(|c| c.num().is_none()) {
            continue;
        }
        let v: Vec<f64> = cells.iter().filter_map(At::num).collect();
        ran += 1;
        if !same(v[0] + v[1], v[2] + v[3]) {
            failed += 1;
            out.push(finding(
                "table.sum.balance",
                Severity::Error,
                format!(
                    "表三“{}”列：本年新收 {} + 上年结转 {} = {}，但办理结果总计 {} + 结转下年度 {} = {}",
                    column_name(col), fmt(v[0]), fmt(v[1]), fmt(v[0] + v[1]), fmt(v[2]), fmt(v[3]), fmt(v[2] + v[3])
                ),
                &cells.iter().collect::<Vec<_>>(),
            ));
        }
        all.extend(cells.into_iter().map(|c| (c.r, c.cell.span)));
    }
    let (cells, spans) = all.into_iter().unzip();
    passed(
        out,
        "table.sum.balance",
        ran,
        failed,
        "表三：本年新收 + 上年结转 = 办理结果总计 + 结转下年度，各列相符",
        cells,
        spans,
    );
}

fn row_sums(t: &Table, out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for row in &t.rows {
        let Some(key) = row.key.as_deref() else { continue };
        let cells: Vec<At> = APPLICANT_COLUMNS.iter().filter_map(|c| at(t, key, c)).collect();
        if cells.len() != APPLICANT_COLUMNS.len() || cells.iter().any(|c| c.num().is_none()) {
            continue;
        }
        ran += 1;
        let parts: f64 = cells[..6].iter().filter_map(At::num).sum();
        let total = cells[6].num().unwrap_or(0.0);
        if !same(parts, total) {
            failed += 1;
            out.push(finding(
                "table.sum.columns",
                Severity::Error,
                format!(
                    "表三“{}”：总计 {}，但各类申请人之和为 {}",
                    row.label,
                    fmt(total),
                    fmt(parts)
                ),
                &cells.iter().collect::<Vec<_>>(),
            ));
        }
    }
    passed(
        out,
        "table.sum.columns",
        ran,
        failed,
        "表三：每行总计等于各类申请人之和",
        Vec::new(),
        Vec::new(),
    );
}

/// The cells of a group in one column: the stated group row, or its items.
fn group_cells<'a>(t: &'a Table, g: Group, col: &str) -> Option<Vec<At<'a>>> {
    if let Some(c) = at(t, g.key(), col) {
        return Some(vec![c]);
    }
    let items: Vec<&layout::Row3> = TABLE3.iter().filter(|d| d.role == Role::Item(g)).collect();
    let found: Vec<At> = items.iter().filter_map(|d| at(t, d.key, col)).collect();
    (found.len() == items.len()).then_some(found)
}

fn outcomes(t: &Table, out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for col in APPLICANT_COLUMNS {
        let Some(total) = at(t, "apply.result.total", col) else { continue };
        let mut parts: Vec<At> = ["apply.result.granted", "apply.result.partial"]
            .iter()
            .filter_map(|k| at(t, k, col))
            .collect();
        if parts.len() != 2 {
            continue;
        }
        let mut complete = true;
        for g in Group::ALL {
            match group_cells(t, g, col) {
                Some(c) => parts.extend(c),
                None => complete = false,
            }
        }
        if !complete || total.num().is_none() || parts.iter().any(|c| c.num().is_none()) {
            continue;
        }
        ran += 1;
        let sum: f64 = parts.iter().filter_map(At::num).sum();
        let tv = total.num().unwrap_or(0.0);
        if !same(sum, tv) {
            failed += 1;
            let mut cells: Vec<&At> = vec![&total];
            cells.extend(parts.iter());
            out.push(finding(
                "table.sum.outcomes",
                Severity::Error,
                format!(
                    "表三“{}”列：（七）总计 {}，但各项办理结果之和为 {}",
                    column_name(col),
                    fmt(tv),
                    fmt(sum)
                ),
                &cells,
            ));
        }
    }
    passed(
        out,
        "table.sum.outcomes",
        ran,
        failed,
        "表三：（七）总计等于各项办理结果之和",
        Vec::new(),
        Vec::new(),
    );
}

fn group_items(t: &Table, out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for g in Group::ALL {
        for col in APPLICANT_COLUMNS {
            let Some(stated) = at(t, g.key(), col) else { continue };
            let expected = TABLE3.iter().filter(|d| d.role == Role::Item(g)).count();
            let items: Vec<At> = TABLE3
                .iter()
                .filter(|d| d.role == Role::Item(g))
                .filter_map(|d| at(t, d.key, col))
                .collect();
            if items.len() != expected
                || stated.num().is_none()
                || items.iter().any(|c| c.num().is_none())
            {
                continue;
            }
            ran += 1;
            let sum: f64 = items.iter().filter_map(At::num).sum();
            let sv = stated.num().unwrap_or(0.0);
            if !same(sum, sv) {
                failed += 1;
                let mut cells: Vec<&At> = vec![&stated];
                cells.extend(items.iter());
                out.push(finding(
                    "table.sum.items",
                    Severity::Error,
                    format!(
                        "表三{}“{}”列：合计 {}，但其下各项之和为 {}",
                        g.label(),
                        column_name(col),
                        fmt(sv),
                        fmt(sum)
                    ),
                    &cells,
                ));
            }
        }
    }
    passed(
        out,
        "table.sum.items",
        ran,
        failed,
        "表三：各类办理结果的合计等于其下各项之和",
        Vec::new(),
        Vec::new(),
    );
}

fn review(t: &Table, out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for row in &t.rows {
        let Some(key) = row.key.as_deref() else { continue };
        let cells: Vec<At> = TABLE4_COLUMNS.iter().filter_map(|(c, _, _)| at(t, key, c)).collect();
        if cells.len() != TABLE4_COLUMNS.len() || cells.iter().any(|c| c.num().is_none()) {
            continue;
        }
        ran += 1;
        let parts: f64 = cells[..4].iter().filter_map(At::num).sum();
        let total = cells[4].num().unwrap_or(0.0);
        if !same(parts, total) {
            failed += 1;
            out.push(finding(
                "table.sum.review",
                Severity::Error,
                format!(
                    "表四“{}”：总计 {}，但结果维持、结果纠正、其他结果、尚未审结之和为 {}",
                    row.label,
                    fmt(total),
                    fmt(parts)
                ),
                &cells.iter().collect::<Vec<_>>(),
            ));
        }
    }
    passed(
        out,
        "table.sum.review",
        ran,
        failed,
        "表四：行政复议、行政诉讼各组总计等于各项之和",
        Vec::new(),
        Vec::new(),
    );
}

fn prose_figures(tables: &[Table], prose: &[Indicator], out: &mut Vec<Finding>) {
    let from_tables: Vec<Indicator> =
        super::indicators(tables).into_iter().filter(|i| i.cell.is_some()).collect();
    let lookup = |key: &str| from_tables.iter().find(|i| i.key == key);
    let (mut ran, mut failed) = (0, 0);
    for p in prose {
        if p.scope != Scope::Whole
            || p.approx.is_some()
            || p.rule.starts_with("table")
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
    passed(out, "table.prose", ran, failed, "正文中的数字与表格一致", Vec::new(), Vec::new());
}

fn values(tables: &[Table], out: &mut Vec<Finding>) {
    let (mut ran, mut failed) = (0, 0);
    for t in tables {
        for (ri, row) in t.rows.iter().enumerate() {
            for cell in &row.cells {
                let col = (t.id == "table2")
                    .then(|| super::table2_col(&t.layout, row.key.as_deref(), &cell.column))
                    .flatten();
                let (money, signed) = col.map_or((false, false), |c| (c.money, c.signed));
                let here = At {
                    cell,
                    r: CellRef { table: t.id.clone(), row: ri, column: cell.column.clone() },
                    label: &row.label,
                };
                let problem = match (cell.mark, cell.value) {
                    (CellMark::Text, _) => Some(format!("内容“{}”不是数字", cell.raw)),
                    (CellMark::Number, Some(v)) => {
                        ran += 1;
                        if v < 0.0 && !signed {
                            Some(format!("{} 是负数", cell.raw))
                        } else if !money && v.fract() != 0.0 {
                            Some(format!("{} 不是整数", cell.raw))
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                if let Some(p) = problem {
                    failed += 1;
                    let severity = if cell.mark == CellMark::Text {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    let col_name = match t.id.as_str() {
                        "table3" => column_name(&cell.column).to_string(),
                        "table4" => TABLE4_COLUMNS
                            .iter()
                            .find(|c| c.0 == cell.column)
                            .map_or(cell.column.clone(), |c| c.1.to_string()),
                        _ => col.map_or(cell.column.clone(), |c| c.header.to_string()),
                    };
                    out.push(finding(
                        "table.value",
                        severity,
                        format!(
                            "{}“{}”“{}”：{}，件数应为非负整数",
                            table_name(&t.id),
                            here.label,
                            col_name,
                            p
                        ),
                        &[&here],
                    ));
                }
            }
        }
    }
    passed(out, "table.value", ran, failed, "表格中的件数均为非负整数", Vec::new(), Vec::new());
}

fn shape(tables: &[Table], out: &mut Vec<Finding>) {
    for t in tables {
        for (ri, row) in t.rows.iter().enumerate() {
            if !super::row_is_whole(t, row) {
                let want = match t.id.as_str() {
                    "table3" => APPLICANT_COLUMNS.len(),
                    "table4" => TABLE4_COLUMNS.len(),
                    _ => super::table2_row(&t.layout, row.key.as_deref())
                        .map_or(0, |r| r.columns.len()),
                };
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
                    cells: row.cells.iter().map(|c| CellRef { table: t.id.clone(), row: ri, column: c.column.clone() }).collect(),
                });
            }
        }
        if t.id == "table3" {
            let missing: Vec<&str> = TABLE3
                .iter()
                .filter(|d| !matches!(d.role, Role::GroupTotal(_)))
                .filter(|d| !(t.layout == "2019" && d.role == Role::Item(Group::Other)))
                .filter(|d| !t.rows.iter().any(|r| r.key.as_deref() == Some(d.key)))
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
    if tables.is_empty() {
        return;
    }
    let old: Vec<&Table> = tables.iter().filter(|t| t.layout == "2019").collect();
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

    fn run(prose: &[Indicator], year: Option<i32>) -> Vec<Finding> {
        let norm = normalize(REPORT);
        let tables = super::super::extract(&norm);
        checks_impl(&tables, prose, &Meta { year, ..Meta::default() })
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
        for (i, d) in TABLE3.iter().filter(|d| d.role == Role::Item(Group::Denied)).enumerate() {
            let v = if i < 2 { 1 } else { 0 };
            t.push_str(&format!("{}\t{v}\t0\t0\t0\t0\t0\t{v}\n", d.label));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let t = t.as_str();
        let tables = super::super::extract(&normalize(t));
        let f = checks_impl(&tables, &[], &Meta::default());
        let items: Vec<&Finding> = f
            .iter()
            .filter(|f| f.id == "table.sum.items" && f.severity == Severity::Error)
            .collect();
        // 3 ≠ 1 + 1 in the 自然人 and 总计 columns.
        assert_eq!(items.len(), 2, "{f:?}");
        assert!(items[0].message.contains("（三）不予公开"));
    }

    #[test]
    fn the_2019_layout_is_noted_only_for_later_years() {
        let f = run(&[], Some(2022));
        assert!(f.iter().any(|f| f.id == "table.layout.2019" && f.severity == Severity::Ok));
    }
}
