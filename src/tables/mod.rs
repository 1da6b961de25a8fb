//! Stage: tables → table cells → indicators and checks.
//!
//! Takes the normalised text ([`Normalized`]); gives the tables as found ([`Table`]: the three
//! of the standard format, 二 主动公开 = `table2`, 三 依申请公开 = `table3`, 四 复议诉讼 =
//! `table4`, and the old 政府信息公开情况统计表 = `stats`), one [`Indicator`] per numeric cell,
//! the places of the tables (which the prose rules leave alone), and the [`Finding`]s.
//!
//! Every table is read the same way, however its cells were separated (TAB rows of web pages,
//! Word and PDF; `|` rows; one cell per line; Markdown; runs of spaces; nothing at all):
//! 1. `regions.rs` finds where each table stands;
//! 2. `tokens.rs` turns the region into one stream of label fragments and cells;
//! 3. `align.rs` aligns the stream to each [`template`] of the table (labels anchor rows, order
//!    fills the gaps, glued runs split under the row's identities) and the best fit is kept;
//! 4. readings that glued figures leave open are chosen here by the identities across rows
//!    (`arith.rs`), then by the figures the prose states; a cell that only a preference decided
//!    is marked `guessed`. A run no split fits gives no cells and a finding.
//!
//! Blank, 0, `/` and `—` stay apart ([`CellMark`]); every cell's span points into the original
//! text.

mod align;
mod arith;
mod checks;
mod regions;
mod split;
pub mod template;
mod tokens;

pub use regions::Region;
pub use template::{Layout, TableId};

use crate::model::{
    Cell, CellMark, CellRef, Finding, Indicator, Key, Meta, Scope, Severity, Span, Table, TableRow,
};
use crate::normalize::Normalized;
use align::{Placed, RawCell};
use template::{RowKind, Template, TEMPLATES};

/// The tables of a report, and what reading them found.
#[derive(Debug, Default)]
pub struct Extracted {
    pub tables: Vec<Table>,
    /// Rows whose glued figures no split fits.
    pub findings: Vec<Finding>,
}

/// Where the tables stand in the normalised text.
pub fn regions(norm: &Normalized) -> Vec<Region> {
    regions::regions(&norm.text)
}

/// The character spans (of the original text) of the tables' lines: the prose rules stay out
/// of them.
pub fn table_spans(norm: &Normalized, regions: &[Region]) -> Vec<Span> {
    regions.iter().flat_map(|r| r.lines.iter().map(|&(a, b)| norm.span(a, b))).collect()
}

/// Reads the tables of the regions; `prose` (the figures the prose states) settles glued
/// figures the identities leave open.
pub fn extract(norm: &Normalized, regions: &[Region], prose: &[Indicator]) -> Extracted {
    let mut out = Extracted::default();
    let mut preferred: Option<Layout> = None;
    for region in regions {
        let mut toks = tokens::tokens(norm, region.from, region.to);
        if let Some((a, b)) = region.tail {
            toks.extend(tokens::tokens(norm, a, b));
        }
        let text: String =
            norm.text[region.from..region.to].chars().filter(|c| !c.is_whitespace()).collect();
        let mut best: Option<(i32, &Template, align::Aligned)> = None;
        let marked = |t: &Template| t.marks.iter().any(|m| text.contains(m));
        // A header that only one layout has (本年 / 累计, 本年制发) decides between layouts: the
        // rows of the other may fit the figures as well or better once they are cut otherwise.
        let any_marked = TEMPLATES.iter().any(|t| t.table == region.table && marked(t));
        for t in TEMPLATES.iter().copied().filter(|t| t.table == region.table) {
            if any_marked && !marked(t) {
                continue;
            }
            let aligned = align::align(t, &toks);
            if aligned.rows.is_empty() {
                continue;
            }
            let mut score = aligned.score;
            if preferred == Some(t.layout) {
                score += 1;
            }
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, t, aligned));
            }
        }
        let Some((_, t, aligned)) = best else { continue };
        if t.table.is_standard() {
            preferred.get_or_insert(t.layout);
        }
        if let Some(table) = build(norm, t, aligned.rows, prose, &mut out.findings) {
            out.tables.push(table);
        }
    }
    out
}

/// The model table of the rows placed: readings chosen, cells made, money in 元.
fn build(
    norm: &Normalized,
    t: &'static Template,
    placed: Vec<Placed>,
    prose: &[Indicator],
    findings: &mut Vec<Finding>,
) -> Option<Table> {
    let mut placed: Vec<Placed> = placed;
    // One row of the template once: the first placement wins.
    let mut seen = std::collections::HashSet::new();
    placed.retain(|p| seen.insert(p.row));
    for p in placed.iter().filter(|p| p.readings.is_empty()) {
        let def = &t.rows[p.row];
        let Some((a, b)) = p.unsplit else { continue };
        let run = &norm.text[a..b];
        findings.push(Finding {
            id: "table.glued".into(),
            severity: Severity::Warning,
            message: format!(
                "{}“{}”一行的数字连在一起（“{}”），无论怎样拆分为 {} 个单元格都不符合表格的勾稽关系，未读取该行",
                t.table.name(),
                def.label,
                run,
                def.columns.len()
            ),
            spans: vec![norm.span(a, b)],
            cells: Vec::new(),
        });
    }
    placed.retain(|p| !p.readings.is_empty());
    if placed.is_empty() {
        return None;
    }
    let chosen = choose(t, &placed, prose);
    let mut rows: Vec<(usize, TableRow)> = Vec::new();
    for (p, cells) in placed.iter().zip(chosen) {
        let def = &t.rows[p.row];
        let factor = money_factor(&p.label);
        let cells = cells
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let col = def.columns.get(i);
                let mut c = model_cell(norm, raw, col.map_or("extra", |c| c.id), p.at);
                if col.is_some_and(|c| c.money) {
                    c.value = c.value.map(|v| crate::numbers::round(v * factor));
                }
                c
            })
            .collect();
        rows.push((
            p.row,
            TableRow { label: def.label.to_string(), key: def.key.map(str::to_string), cells },
        ));
    }
    rows.sort_by_key(|r| r.0);
    Some(Table {
        id: t.table.id().to_string(),
        layout: t.layout.id().to_string(),
        rows: rows.into_iter().map(|r| r.1).collect(),
    })
}

/// 万元 unless the header before the figures says 元 alone (`单位:元`, `(元)`, a 元 unit).
fn money_factor(label: &str) -> f64 {
    let tail: String = label.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    if tail.contains("万元") {
        1e4
    } else if tail.contains("单位:元") || tail.contains("(元)") || tail.ends_with('元') {
        1.0
    } else {
        1e4
    }
}

/// Makes the model cell of a raw one.
fn model_cell(norm: &Normalized, raw: &RawCell, column: &str, at: usize) -> Cell {
    let span = if raw.mark == CellMark::Blank {
        let at = if raw.start > 0 { raw.start } else { at };
        norm.span(at, at)
    } else {
        norm.span(raw.start, raw.end)
    };
    Cell {
        column: column.to_string(),
        raw: raw.raw.clone(),
        value: raw.value,
        mark: raw.mark,
        span,
        guessed: raw.guessed,
    }
}

// ---------------------------------------------------------------- choosing readings

/// At most this many combinations of readings are tried one by one; beyond, one row at a time.
const EXHAUSTIVE: usize = 4096;

/// How well a choice of readings fits: the table's exact identities, then the prose, then
/// what is usual, then sparse and even figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Fitness {
    exact: i32,
    prose: i32,
    usual: i32,
    prior: i32,
}

/// The reading of each placed row.
///
/// Rows an identity ties together (a total and its items, in both columns of the statistics
/// table) are chosen together, every combination of their readings tried when there are few
/// enough; rows no identity ties are chosen alone.
fn choose(t: &Template, placed: &[Placed], prose: &[Indicator]) -> Vec<Vec<RawCell>> {
    let mut pick: Vec<usize> = vec![0; placed.len()];
    let open: Vec<usize> = (0..placed.len()).filter(|&k| placed[k].readings.len() > 1).collect();
    if open.is_empty() {
        return placed.iter().map(|p| p.readings[0].clone()).collect();
    }
    let fitness = |pick: &[usize]| fitness(t, placed, pick, prose);
    // Per row, the other readings that fit the identities and the prose as well as the one
    // chosen, in a combination of its component's readings (two rows may only fit each other:
    // 1|994 and 1|994, or 19|94 and 19|94): the cells they disagree on are guessed.
    let mut tied: Vec<Vec<usize>> = vec![Vec::new(); placed.len()];
    let mut exhaustive = vec![false; placed.len()];
    for comp in components(t, placed, &pick, &open) {
        let combos =
            comp.iter().try_fold(1usize, |acc, &k| acc.checked_mul(placed[k].readings.len()));
        if combos.is_some_and(|c| c <= EXHAUSTIVE) {
            let mut best = (fitness(&pick), pick.clone());
            let mut ties: Vec<Vec<usize>> = vec![pick.clone()];
            let mut trial = pick.clone();
            loop {
                // Next combination (odometer over the component's rows).
                let mut carry = true;
                for &k in &comp {
                    if !carry {
                        break;
                    }
                    trial[k] += 1;
                    if trial[k] == placed[k].readings.len() {
                        trial[k] = 0;
                    } else {
                        carry = false;
                    }
                }
                if carry {
                    break;
                }
                let f = fitness(&trial);
                let (top, this) = ((best.0.exact, best.0.prose), (f.exact, f.prose));
                if this > top {
                    ties.clear();
                }
                if this >= top {
                    ties.push(trial.clone());
                }
                if f > best.0 {
                    best = (f, trial.clone());
                }
            }
            pick = best.1;
            for &k in &comp {
                exhaustive[k] = true;
                tied[k].extend(ties.iter().map(|c| c[k]).filter(|&r| r != pick[k]));
            }
        } else {
            for _ in 0..3 {
                for &k in &comp {
                    let mut best = (fitness(&pick), pick[k]);
                    for r in 0..placed[k].readings.len() {
                        let mut trial = pick.clone();
                        trial[k] = r;
                        let f = fitness(&trial);
                        if f > best.0 {
                            best = (f, r);
                        }
                    }
                    pick[k] = best.1;
                }
            }
        }
    }
    // A row is certain when no other reading fits as well by the identities and the prose;
    // otherwise the cells its chosen reading decides are guessed.
    let decided = fitness(&pick);
    let mut out: Vec<Vec<RawCell>> =
        placed.iter().zip(&pick).map(|(p, &r)| p.readings[r].clone()).collect();
    for &k in &open {
        let mut ties = std::mem::take(&mut tied[k]);
        for r in 0..placed[k].readings.len() {
            if r == pick[k] || exhaustive[k] {
                continue;
            }
            let mut trial = pick.clone();
            trial[k] = r;
            let f = fitness(&trial);
            if (f.exact, f.prose) == (decided.exact, decided.prose) {
                ties.push(r);
            }
        }
        ties.sort_unstable();
        ties.dedup();
        for r in ties {
            for (c, other) in out[k].iter_mut().zip(&placed[k].readings[r]) {
                if c.value != other.value || c.start != other.start {
                    c.guessed = true;
                }
            }
        }
    }
    out
}

/// The value of a cell of a placed row, under a choice of readings (see `arith::Get`).
fn picked(
    t: &Template,
    placed: &[Placed],
    pick: &[usize],
    key: &str,
    col: &str,
) -> Option<Option<f64>> {
    let k = placed.iter().position(|p| t.rows[p.row].key == Some(key))?;
    let def = &t.rows[placed[k].row];
    let i = def.columns.iter().position(|c| c.id == col)?;
    let cell = placed[k].readings[pick[k]].get(i)?;
    Some(cell.value.filter(|_| cell.mark == CellMark::Number))
}

/// The open rows (several readings) in groups that the identities tie together.
fn components(t: &Template, placed: &[Placed], pick: &[usize], open: &[usize]) -> Vec<Vec<usize>> {
    let mut root: Vec<usize> = (0..placed.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    let get = |key: &str, col: &str| picked(t, placed, pick, key, col);
    let index = |key: &str| placed.iter().position(|p| t.rows[p.row].key == Some(key));
    for id in t.identities {
        for inst in arith::instances(t, &id.rule, &get, true) {
            let rows: Vec<usize> = inst.cells.iter().filter_map(|(k, _)| index(k)).collect();
            for w in rows.windows(2) {
                let (a, b) = (find(&mut root, w[0]), find(&mut root, w[1]));
                root[a] = b;
            }
        }
    }
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &k in open {
        let r = find(&mut root, k);
        match out.iter_mut().find(|(x, _)| *x == r) {
            Some((_, v)) => v.push(k),
            None => out.push((r, vec![k])),
        }
    }
    out.into_iter().map(|(_, v)| v).collect()
}

fn fitness(t: &Template, placed: &[Placed], pick: &[usize], prose: &[Indicator]) -> Fitness {
    let get = |key: &str, col: &str| picked(t, placed, pick, key, col);
    let mut f = Fitness { exact: 0, prose: 0, usual: 0, prior: 0 };
    for id in t.identities {
        for inst in arith::instances(t, &id.rule, &get, true) {
            let v = if inst.holds { 1 } else { -1 };
            if id.exact {
                f.exact += v;
            } else {
                f.usual += v;
            }
        }
    }
    for (p, &r) in placed.iter().zip(pick) {
        let def = &t.rows[p.row];
        let reading = &p.readings[r];
        for (c, col) in reading.iter().zip(def.columns) {
            let (Some(key), Some(v)) = (def.cell_key(col), c.value) else { continue };
            let stated = prose
                .iter()
                .filter(|i| i.key == key && i.scope == Scope::Whole && i.approx.is_none());
            for s in stated {
                f.prose += if (s.value - v).abs() < 1e-6
                    || (col.money && (s.value - v * 1e4).abs() < 1e-6)
                {
                    1
                } else {
                    -1
                };
            }
        }
        if p.readings.len() > 1 {
            // Most cells of these tables are 0; figures of one row are of like size.
            let nonzero =
                reading.iter().filter(|c| c.value.is_some_and(|v| v != 0.0)).count() as i32;
            let lens: Vec<usize> = reading
                .iter()
                .filter(|c| c.mark == CellMark::Number)
                .map(|c| c.raw.len())
                .collect();
            let spread = lens.iter().max().unwrap_or(&0) - lens.iter().min().unwrap_or(&0);
            f.prior -= nonzero * 16 + spread as i32;
        }
    }
    f
}

// ---------------------------------------------------------------- indicators

/// Indicators from table cells: table 2 `std.rules.issued`, table 3
/// `apply.result.granted@natural_person` (the 总计 column as the bare key), table 4
/// `reconsideration.upheld`, the statistics table's year column as its row key (its 累计 column
/// gives none). Money in 元. The group totals of table 3 that the table implies but does not
/// state (（三）不予公开 as a whole …) are given as sums of their items, without a cell.
pub fn indicators(tables: &[Table]) -> Vec<Indicator> {
    let mut out = Vec::new();
    for t in tables {
        let Some(tpl) = template::template_of(&t.id, &t.layout) else { continue };
        for (ri, row) in t.rows.iter().enumerate() {
            let Some(def) = row.key.as_deref().and_then(|k| tpl.row(k)) else { continue };
            if row.cells.len() != def.columns.len() {
                continue;
            }
            for (cell, col) in row.cells.iter().zip(def.columns) {
                let Some(value) = cell.value.filter(|_| cell.mark == CellMark::Number) else {
                    continue;
                };
                let Some(key) = def.cell_key(col) else { continue };
                out.push(Indicator {
                    key,
                    scope: Scope::Whole,
                    value,
                    unit: cell_unit(col.money, cell, key),
                    approx: None,
                    span: cell.span,
                    quote: String::new(),
                    rule: format!("{}:{}", t.id, crate::normalize::fold(&row.label)),
                    cell: Some(CellRef {
                        table: t.id.clone(),
                        row: ri,
                        column: cell.column.clone(),
                    }),
                });
            }
        }
        out.extend(implied_group_totals(t, tpl));
    }
    out
}

fn cell_unit(money: bool, cell: &Cell, key: Key) -> String {
    if money {
        let raw = cell.raw.replace(',', "").parse::<f64>().unwrap_or(0.0);
        let same = raw != 0.0 && (cell.value.unwrap_or(0.0) / raw - 1.0).abs() < 1e-9;
        return if same { "元" } else { "万元" }.to_string();
    }
    key.unit().to_string()
}

/// Sums of the items of a group per column, when the table has all the items but not the
/// group row and every item of the column is a number.
fn implied_group_totals(t: &Table, tpl: &Template) -> Vec<Indicator> {
    let mut out = Vec::new();
    for group in tpl.rows.iter().filter(|r| r.kind == RowKind::Optional) {
        let Some(gk) = group.key else { continue };
        let stated = t.rows.iter().any(|r| r.key.as_deref() == Some(gk));
        let defs: Vec<&template::RowDef> = tpl.items(gk).collect();
        let items: Vec<&TableRow> = defs
            .iter()
            .filter_map(|d| t.rows.iter().find(|r| r.key.as_deref() == d.key))
            .filter(|r| r.cells.len() == group.columns.len())
            .collect();
        if stated || defs.is_empty() || items.len() != defs.len() {
            continue;
        }
        for (ci, col) in group.columns.iter().enumerate() {
            let cells: Vec<&Cell> = items.iter().map(|r| &r.cells[ci]).collect();
            if cells.iter().any(|c| c.mark != CellMark::Number) {
                continue;
            }
            let Some(key) = group.cell_key(col) else { continue };
            let value = crate::numbers::round(cells.iter().filter_map(|c| c.value).sum());
            let span = [
                cells.iter().map(|c| c.span[0]).min().unwrap_or(0),
                cells.iter().map(|c| c.span[1]).max().unwrap_or(0),
            ];
            out.push(Indicator {
                key,
                scope: Scope::Whole,
                value,
                unit: key.unit().to_string(),
                approx: None,
                span,
                quote: String::new(),
                rule: format!("{}:{}(各项之和)", t.id, crate::normalize::fold(group.label)),
                cell: None,
            });
        }
    }
    out
}

/// Arithmetic and layout checks on the tables, and figures of the prose (`prose`) against them.
pub fn checks(tables: &[Table], prose: &[Indicator], meta: &Meta) -> Vec<Finding> {
    checks::checks_impl(tables, prose, meta)
}

/// The tokens of a region, one per line, for debugging (`examples/tabdebug.rs`).
#[doc(hidden)]
pub fn debug_tokens(norm: &Normalized, region: &Region) -> Vec<String> {
    tokens::tokens(norm, region.from, region.to)
        .iter()
        .map(|t| format!("{}{:?} {:?}", if t.brk { "^" } else { " " }, t.kind, t.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The value of the first indicator of `key`.
    fn value_of(inds: &[Indicator], key: &str) -> Option<f64> {
        inds.iter().find(|i| i.key == key).map(|i| i.value)
    }

    fn read(text: &str) -> Vec<Table> {
        let norm = normalize(text);
        let r = regions(&norm);
        extract(&norm, &r, &[]).tables
    }

    fn cell_values(t: &Table, key: &str) -> Vec<Option<f64>> {
        t.rows
            .iter()
            .find(|r| r.key.as_deref() == Some(key))
            .map(|r| r.cells.iter().map(|c| c.value).collect())
            .unwrap_or_default()
    }

    const TAB_REPORT: &str = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t11\n行政规范性文件\t8\t26\t66\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t96171.6\t\t\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4\n二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0\n三、本年度办理结果\t（一）予以公开\t\t2\t1\t0\t0\t0\t0\t3\n三、本年度办理结果\t（七）总计\t\t3\t1\t0\t0\t0\t0\t4\n四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n0\t0\t1\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n";

    #[test]
    fn tab_rows_of_all_three_tables() {
        let tables = read(TAB_REPORT);
        let ids: Vec<&str> = tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["table2", "table3", "table4"]);
        assert_eq!(cell_values(&tables[0], "std.rules"), [Some(1.0), Some(0.0), Some(11.0)]);
        assert_eq!(cell_values(&tables[0], "std.fees"), [Some(961716000.0)]);
        assert_eq!(
            cell_values(&tables[1], "apply.received"),
            [3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 4.0].map(Some)
        );
        assert_eq!(cell_values(&tables[1], "apply.result.total")[6], Some(4.0));
        assert_eq!(cell_values(&tables[2], "reconsideration")[4], Some(1.0));
        let inds = indicators(&tables);
        let fee = inds.iter().find(|i| i.key == "std.fees.amount").unwrap();
        assert_eq!((fee.value, fee.unit.as_str()), (961716000.0, "万元"));
        assert!(inds.iter().any(|i| i.key == "apply.received@commercial" && i.value == 1.0));
        assert!(inds.iter().any(|i| i.key == "apply.received" && i.value == 4.0));
        let text: Vec<char> = TAB_REPORT.chars().collect();
        let s: String = text[fee.span[0]..fee.span[1]].iter().collect();
        assert_eq!(s, "96171.6");
    }

    #[test]
    fn glued_rows_that_split_two_ways_take_the_sparser_reading_as_a_guess() {
        // 12 1 0 0 0 0 13 glued reads as 12|1|0|0|0|0|13 or 1|2|10|0|0|0|13; the table is too
        // short for its column identities, so the reading with more zeros is taken, and the
        // cells the two readings disagree on are guessed.
        let t = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t0\t0\t13\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n(一)予以公开121000013\n(七)总计\t12\t1\t0\t0\t0\t0\t13\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n";
        let tables = read(t);
        let row = tables[0]
            .rows
            .iter()
            .find(|r| r.key.as_deref() == Some("apply.result.granted"))
            .unwrap();
        assert_eq!(
            row.cells.iter().map(|c| c.value).collect::<Vec<_>>(),
            [12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 13.0].map(Some)
        );
        let guessed: Vec<bool> = row.cells.iter().map(|c| c.guessed).collect();
        assert_eq!(guessed, [true, true, true, false, false, false, false]);
    }

    #[test]
    fn glued_table_2_is_split_and_marked_guessed() {
        let tables = read("第二十条第(一)项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章898989\n三、收到和处理政府信息公开申请情况\n");
        let row = &tables[0].rows[0];
        assert_eq!(
            row.cells.iter().map(|c| c.value.unwrap()).collect::<Vec<_>>(),
            [89.0, 89.0, 89.0]
        );
        assert!(row.cells.iter().all(|c| c.guessed));
    }

    #[test]
    fn the_old_statistics_table_glued() {
        let t = "政府信息公开情况统计表\n指标名称计量单位本年累计\n主动公开信息数条3861420其中:1.网站公开条38013982.政府公报条6221\n";
        let tables = read(t);
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(tables[0].id, "stats");
        let inds = indicators(&tables);
        let get = |k: &str| value_of(&inds, k);
        assert_eq!(get("proactive.total"), Some(386.0));
        assert_eq!(get("proactive.website"), Some(380.0));
        assert_eq!(get("proactive.gazette"), Some(6.0));
        // 累计 is kept as a cell of its own, never as the year's figure.
        assert_eq!(cell_values(&tables[0], "proactive.total"), [Some(386.0), Some(1420.0)]);
        assert!(!inds.iter().any(|i| i.value == 1420.0));
    }

    #[test]
    fn rows_the_statistics_table_repeats_take_the_rows_above_them() {
        // No title, no header; 被依法纠错数 under 复议 and under 诉讼.
        let t = "四、行政复议数量\t件\t5\n(一)维持具体行政行为数\t件\t3\n五、行政诉讼数量\t件\t2\n(一)维持具体行政行为或者驳回原告诉讼请求数\t件\t1\n(二)被依法纠错数\t件\t0\n";
        let inds = indicators(&read(t));
        let get = |k: &str| value_of(&inds, k);
        assert_eq!(get("reconsideration.total"), Some(5.0));
        assert_eq!(get("reconsideration.upheld"), Some(3.0));
        assert_eq!(get("litigation.upheld"), Some(1.0));
        assert_eq!(get("litigation.corrected"), Some(0.0));
        assert_eq!(get("reconsideration.corrected"), None);
    }

    #[test]
    fn a_row_the_form_lacks_shifts_no_figure_and_the_header_decides_the_layout() {
        // Traditional, glued under 本年 / 累计: a second 回应事件 row that the form does not have,
        // then 申請答覆 (答覆 folds to 答复 only as a phrase). Every figure stays on its own row.
        let t = "政府信息公開情況統計表\n指標名稱計量單位本年累計\n（一）主動公開政府信息數條1531120\n（4）微博微信回應事件數次00\n（5）其他方式回應事件數次00\n二、依申請公開情況\n（一）收到申請數件742\n1.當面申請數件325\n2.傳真申請數件00\n3.網絡申請數件314\n4.信函申請數件13\n（三）申請答覆數件742\n1.屬於已主動公開範圍數件16\n2.同意公開答覆數件424\n（三）設置政府信息公開查閱點數個22\n";
        let tables = read(t);
        assert_eq!(tables[0].layout, "stats2008");
        let inds = indicators(&tables);
        let get = |k: &str| value_of(&inds, k);
        assert_eq!(get("apply.received"), Some(7.0));
        assert_eq!(get("apply.channel.in_person"), Some(3.0));
        assert_eq!(get("apply.channel.fax"), Some(0.0));
        assert_eq!(get("apply.channel.online"), Some(3.0));
        assert_eq!(get("apply.channel.mail"), Some(1.0));
        assert_eq!(get("apply.answered"), Some(7.0));
        assert_eq!(get("apply.result.already_public"), Some(1.0));
        assert_eq!(get("apply.result.granted"), Some(4.0));
        assert_eq!(get("reading_points"), Some(2.0));
    }

    #[test]
    fn a_tab_that_ends_a_row_leaves_its_cumulative_cell_blank() {
        // 本年 only, with the 累计 cell left empty: 320 is one figure, never 3 | 20.
        let t = "政府信息公开情况统计表\n指标名称\t计量单位\t本年\t累计\n七、政府信息公开咨询\t人次\t1 580\t6 240\n其中:现场咨询\t人次\t320\t\n电话咨询\t人次\t910\t\n";
        let inds = indicators(&read(t));
        let get = |k: &str| value_of(&inds, k);
        assert_eq!(get("consult.on_site"), Some(320.0));
        assert_eq!(get("consult.phone"), Some(910.0));
    }
}
