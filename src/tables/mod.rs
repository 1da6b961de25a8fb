//! Stage: standard-format tables (2019/2021) → table cells → indicators and checks.
//!
//! Takes the normalised text ([`Normalized`]); gives the three official tables as found
//! ([`Table`]: 二 主动公开 = `table2`, 三 依申请公开 = `table3`, 四 复议诉讼 = `table4`), one
//! [`Indicator`] per numeric cell, and the arithmetic [`Finding`]s.
//!
//! How a table is read, for every kind of input (web pages, Word and PDF arrive as TAB rows;
//! plain text may be flattened any way):
//! 1. the region of each table is cut out by anchors ([`layout::anchors`]);
//! 2. its lines become runs of cells with the text around them (`cells.rs`);
//! 3. runs are fitted to the row width (blank cells of merged labels dropped, glued digits split
//!    by the table's identities in `split.rs`, several rows in one run cut apart);
//! 4. rows are matched to the official rows (`layout.rs`): table 2 by label; table 3 by an
//!    order-keeping alignment that scores label words (rows whose labels wrap around their
//!    figures in PDFs still fall in place); table 4 by position (15 figures) or by group label.
//!
//! Blank, 0, `/` and `—` stay apart ([`CellMark`]); every cell's span points into the original
//! text.

mod cells;
mod checks;
pub mod layout;
mod split;

use crate::model::{
    Cell, CellMark, CellRef, Finding, Indicator, Key, Meta, Scope, Table, TableRow,
};
use crate::normalize::Normalized;
use cells::{RawCell, Run};
use layout::{
    anchors, names, Col2, Role, Row2, APPLICANT_COLUMNS, TABLE3, TABLE4_COLUMNS, TABLE4_GROUPS,
};

/// Finds the standard tables (二、三、四) in the normalised text.
pub fn extract(norm: &Normalized) -> Vec<Table> {
    let regions = Regions::find(&norm.text);
    let mut tables = Vec::new();
    if let Some((from, to)) = regions.table2 {
        if let Some(t) = table2(norm, from, to) {
            tables.push(t);
        }
    }
    if let Some((from, to)) = regions.table3 {
        if let Some(t) = table3(norm, from, to) {
            tables.push(t);
        }
    }
    if let Some((from, to)) = regions.table4 {
        if let Some(t) = table4(norm, from, to) {
            tables.push(t);
        }
    }
    tables
}

/// Indicators from table cells: table 2 `std.rules.issued`, table 3 `apply.result.granted@natural_person`
/// (the 总计 column as the bare key), table 4 `reconsideration.upheld`. Money in 元. The group
/// totals of table 3 that the table implies but does not state (（三）不予公开 as a whole …) are
/// given as sums of their items, without a cell.
pub fn indicators(tables: &[Table]) -> Vec<Indicator> {
    let mut out = Vec::new();
    for t in tables {
        for (ri, row) in t.rows.iter().enumerate() {
            let Some(key) = &row.key else { continue };
            if !row_is_whole(t, row) {
                continue;
            }
            for cell in &row.cells {
                let Some(value) = cell.value.filter(|_| cell.mark == CellMark::Number) else {
                    continue;
                };
                let full = indicator_key(&t.id, key, &cell.column);
                let unit = cell_unit(t, row, cell);
                out.push(Indicator {
                    key: Key::known(&full),
                    scope: Scope::Whole,
                    value,
                    unit,
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
        if t.id == "table3" {
            out.extend(implied_group_totals(t));
        }
    }
    out
}

/// Arithmetic and layout checks on the tables, and figures of the prose (`prose`) against them.
pub fn checks(tables: &[Table], prose: &[Indicator], meta: &Meta) -> Vec<Finding> {
    checks::checks_impl(tables, prose, meta)
}

fn indicator_key(table: &str, key: &str, column: &str) -> String {
    match table {
        "table3" if column == "total" => key.to_string(),
        "table3" => format!("{key}@{column}"),
        _ => format!("{key}.{column}"),
    }
}

/// A row is read whole when it has as many cells as its layout has columns (otherwise the
/// columns may have shifted: its figures are shown but not given as indicators).
fn row_is_whole(t: &Table, row: &TableRow) -> bool {
    let want = match t.id.as_str() {
        "table3" => APPLICANT_COLUMNS.len(),
        "table4" => TABLE4_COLUMNS.len(),
        _ => match table2_row(&t.layout, row.key.as_deref()) {
            Some(r) => r.columns.len(),
            None => return false,
        },
    };
    row.cells.len() == want
}

fn table2_row(layout: &str, key: Option<&str>) -> Option<&'static Row2> {
    let rows = if layout == "2019" { layout::TABLE2_2019 } else { layout::TABLE2_2021 };
    rows.iter().find(|r| Some(r.key) == key)
}

fn table2_col(layout: &str, key: Option<&str>, column: &str) -> Option<&'static Col2> {
    table2_row(layout, key)?.columns.iter().find(|c| c.id == column)
}

fn cell_unit(t: &Table, row: &TableRow, cell: &Cell) -> String {
    if t.id == "table2" {
        if let Some(col) = table2_col(&t.layout, row.key.as_deref(), &cell.column) {
            if col.money {
                let raw = cell.raw.replace(',', "").parse::<f64>().unwrap_or(0.0);
                return if raw != 0.0 && (cell.value.unwrap_or(0.0) / raw - 1.0).abs() < 1e-9 {
                    "元"
                } else {
                    "万元"
                }
                .to_string();
            }
        }
    }
    "件".to_string()
}

/// Sums of the items of （三）（四）（五）（六） per column, when the table has the items but
/// not the group row and every item of the column is a number.
fn implied_group_totals(t: &Table) -> Vec<Indicator> {
    let mut out = Vec::new();
    for group in layout::Group::ALL {
        let stated = t.rows.iter().any(|r| r.key.as_deref() == Some(group.key()));
        let items: Vec<&TableRow> = t
            .rows
            .iter()
            .filter(|r| r.cells.len() == APPLICANT_COLUMNS.len())
            .filter(|r| {
                TABLE3
                    .iter()
                    .any(|d| Some(d.key) == r.key.as_deref() && d.role == Role::Item(group))
            })
            .collect();
        let expected = TABLE3.iter().filter(|d| d.role == Role::Item(group)).count();
        if stated || items.len() != expected {
            continue;
        }
        for (ci, column) in APPLICANT_COLUMNS.iter().enumerate() {
            let cells: Vec<&Cell> = items.iter().map(|r| &r.cells[ci]).collect();
            if cells.iter().any(|c| c.mark != CellMark::Number) {
                continue;
            }
            let value = crate::numbers::round(cells.iter().filter_map(|c| c.value).sum());
            let span = [
                cells.iter().map(|c| c.span[0]).min().unwrap_or(0),
                cells.iter().map(|c| c.span[1]).max().unwrap_or(0),
            ];
            out.push(Indicator {
                key: Key::known(&indicator_key("table3", group.key(), column)),
                scope: Scope::Whole,
                value,
                unit: "件".into(),
                approx: None,
                span,
                quote: String::new(),
                rule: format!("table3:{}(各项之和)", crate::normalize::fold(group.label())),
                cell: None,
            });
        }
    }
    out
}

/// Byte ranges `[from, to)` of the three table regions.
#[derive(Debug, Default)]
struct Regions {
    table2: Option<(usize, usize)>,
    table3: Option<(usize, usize)>,
    table4: Option<(usize, usize)>,
}

impl Regions {
    fn find(text: &str) -> Regions {
        let mut lines = Vec::new();
        let mut at = 0;
        for l in text.split('\n') {
            lines.push((at, l));
            at += l.len() + 1;
        }
        let end = text.len();
        let has = |l: &str, words: &[&str]| {
            let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            words.iter().any(|w| c.contains(w))
        };
        let short = |l: &str| l.trim().chars().count() <= 40;
        let find_from = |from: usize, pred: &dyn Fn(&str) -> bool| {
            lines.iter().skip(from).position(|(_, l)| pred(l)).map(|i| i + from)
        };
        let t3 = find_from(0, &|l| has(l, anchors::TABLE3_START));
        let t2 = find_from(0, &|l| short(l) && has(l, anchors::TABLE2_START))
            .filter(|&i| t3.is_none_or(|t| i < t));
        let s3 = find_from(t2.unwrap_or(0), &|l| short(l) && has(l, anchors::SECTION3))
            .filter(|&i| t2.is_some() && t3.is_none_or(|t| i <= t));
        let mut r = Regions::default();
        if let Some(i2) = t2 {
            let stop = s3.or(t3).map_or(end, |i| lines[i].0);
            r.table2 = Some((lines[i2].0, stop));
        }
        let after = t3.or(s3).or(t2);
        let t4 = after.and_then(|a| {
            find_from(a + usize::from(t3.is_some()), &|l| has(l, anchors::TABLE4_START))
        });
        if let Some(i3) = t3 {
            r.table3 = Some((lines[i3].0, t4.map_or(end, |i| lines[i].0)));
        }
        if let Some(i4) = t4 {
            let stop = find_from(i4 + 1, &|l| {
                let t = l.trim_start();
                (short(l) && has(l, anchors::SECTION5))
                    || t.starts_with("五、")
                    || t.starts_with("五.")
            });
            r.table4 = Some((lines[i4].0, stop.map_or(end, |i| lines[i].0)));
        }
        r
    }
}

/// Makes the model cell of a raw one.
fn model_cell(norm: &Normalized, raw: &RawCell, column: &str, line_start: usize) -> Cell {
    let span = if raw.mark == CellMark::Blank {
        let at = if raw.start > 0 { raw.start } else { line_start };
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

/// Fits the cells of a run to `width`: blank cells beyond the width are dropped at the ends
/// (merged label cells, empty trailing cells), a run of several rows is cut, glued digits are
/// split with `ok`. Returns the rows; a row may still be short (cells missing).
fn fit(
    cells: &[RawCell],
    width: usize,
    ok: &dyn Fn(&[f64]) -> bool,
    prefer_even: bool,
) -> Vec<Vec<RawCell>> {
    let mut c: Vec<RawCell> = cells.to_vec();
    while c.len() > width && c.last().is_some_and(|x| x.mark == CellMark::Blank) {
        c.pop();
    }
    while c.len() > width && c.first().is_some_and(|x| x.mark == CellMark::Blank) {
        c.remove(0);
    }
    if c.len() == width || c.is_empty() {
        return vec![c];
    }
    if c.len().is_multiple_of(width) {
        return c.chunks(width).map(|x| x.to_vec()).collect();
    }
    if c.len() < width {
        let alts = glued(&c, width, ok, 64);
        let pick = if prefer_even {
            let lens: Vec<usize> = alts
                .iter()
                .map(|a| {
                    let l: Vec<usize> = a.iter().map(|x| x.raw.len()).collect();
                    l.iter().max().unwrap_or(&0) - l.iter().min().unwrap_or(&0)
                })
                .collect();
            (0..alts.len()).min_by_key(|&i| lens[i])
        } else if alts.is_empty() {
            None
        } else {
            Some(0)
        };
        if let Some(i) = pick {
            return vec![alts[i].clone()];
        }
    }
    if c.len() > width {
        // More figures than columns: the row's own figures are the last ones (a row number or a
        // stray figure comes first).
        let extra = c.len() - width;
        return vec![c.split_off(extra)];
    }
    vec![c]
}

/// Every split of glued figures into `width` cells that `ok` accepts (see `split.rs`), as rows
/// of guessed cells keeping their spans inside the glued token.
fn glued(
    c: &[RawCell],
    width: usize,
    ok: &dyn Fn(&[f64]) -> bool,
    limit: usize,
) -> Vec<Vec<RawCell>> {
    if c.is_empty() || !c.iter().all(|x| x.mark == CellMark::Number) {
        return Vec::new();
    }
    let toks: Vec<&str> = c.iter().map(|x| x.raw.as_str()).collect();
    split::splits(&toks, width, ok, limit)
        .into_iter()
        .map(|pieces| {
            pieces
                .iter()
                .map(|p| {
                    let src = &c[p.token];
                    RawCell {
                        raw: src.raw[p.start..p.end].to_string(),
                        mark: CellMark::Number,
                        value: Some(p.value),
                        start: src.start + p.start,
                        end: src.start + p.end,
                        guessed: true,
                    }
                })
                .collect()
        })
        .collect()
}

fn region_text(norm: &Normalized, from: usize, to: usize) -> String {
    norm.text[from..to].chars().filter(|c| !c.is_whitespace()).collect()
}

// ---------------------------------------------------------------- table 2

fn table2(norm: &Normalized, from: usize, to: usize) -> Option<Table> {
    let text = region_text(norm, from, to);
    let is_2019 = layout::TABLE2_2019_HEADERS.iter().any(|w| text.contains(w))
        && !layout::TABLE2_2021_HEADERS.iter().any(|w| text.contains(w));
    let (defs, layout_name) =
        if is_2019 { (layout::TABLE2_2019, "2019") } else { (layout::TABLE2_2021, "2021") };
    let runs = cells::runs(norm, from, to);
    let mut rows: Vec<TableRow> = Vec::new();
    for run in &runs {
        let def = defs.iter().find(|d| names(&run.label, d.words)).or_else(|| {
            if !run.label.is_empty() {
                return None;
            }
            // A label on its own line: the row named last before the figures.
            defs.iter()
                .filter_map(|d| {
                    d.words.iter().filter_map(|w| run.before.rfind(w)).max().map(|p| (p, d))
                })
                .max_by_key(|(p, _)| *p)
                .map(|(_, d)| d)
        });
        let Some(def) = def else { continue };
        if rows.iter().any(|r| r.key.as_deref() == Some(def.key)) {
            continue;
        }
        let width = def.columns.len();
        let ok = |v: &[f64]| v.len() < 3 || width != 3 || is_2019 || v[2] >= v[0];
        let fitted = fit(&run.cells, width, &ok, true);
        let Some(first) = fitted.into_iter().next() else { continue };
        let money_factor = money_factor(&run.before, &run.label, is_2019);
        let cells = first
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let col = def.columns.get(i);
                let mut c = model_cell(norm, raw, col.map_or("extra", |c| c.id), run.line_start);
                if col.is_some_and(|c| c.money) {
                    c.value = c.value.map(|v| crate::numbers::round(v * money_factor));
                }
                c
            })
            .collect();
        rows.push(TableRow { label: def.label.to_string(), key: Some(def.key.to_string()), cells });
    }
    if rows.is_empty() {
        return None;
    }
    rows.sort_by_key(|r| defs.iter().position(|d| Some(d.key) == r.key.as_deref()));
    Some(Table { id: "table2".into(), layout: layout_name.into(), rows })
}

/// 万元 unless the header before the figures says 元 alone (`单位:元`, `(元)`).
fn money_factor(before: &str, label: &str, _is_2019: bool) -> f64 {
    let text = format!("{before}{label}");
    let tail: String = text.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    if tail.contains("万元") {
        1e4
    } else if tail.contains("单位:元") || tail.contains("(元)") {
        1.0
    } else {
        1e4
    }
}

// ---------------------------------------------------------------- table 3

/// A row candidate of table 3: cells fitted to the width, with the text that may name it.
struct Cand<'a> {
    cells: Vec<RawCell>,
    run: &'a Run,
    /// The first of the rows cut from one run (the one its label belongs to).
    first: bool,
    /// Other readings of glued figures that the row sum also accepts.
    alts: Vec<Vec<RawCell>>,
}

fn table3(norm: &Normalized, from: usize, to: usize) -> Option<Table> {
    let width = APPLICANT_COLUMNS.len();
    let runs = join_split_rows(cells::runs(norm, from, to), width);
    let mut cands: Vec<Cand> = Vec::new();
    for run in &runs {
        let names_a_row = TABLE3.iter().any(|d| names(&run.label, d.words));
        if !names_a_row && run.cells.iter().all(|c| c.mark == CellMark::Blank) {
            continue; // blank cells of a header row
        }
        let ok = |v: &[f64]| split::row_sum(v, width);
        let rows = fit(&run.cells, width, &ok, false);
        let short = run.cells.iter().filter(|c| c.mark != CellMark::Blank).count() < width;
        let alts =
            if rows.len() == 1 && short { glued(&run.cells, width, &ok, 16) } else { Vec::new() };
        for (i, cells) in rows.into_iter().enumerate() {
            cands.push(Cand {
                cells,
                run,
                first: i == 0,
                alts: if i == 0 { alts.clone() } else { Vec::new() },
            });
        }
    }
    let pairs = align(&cands);
    if pairs.is_empty() {
        return None;
    }
    let chosen = choose_readings(&cands, &pairs);
    let mut rows = Vec::new();
    for (&(ci, di), cells) in pairs.iter().zip(&chosen) {
        let cand = &cands[ci];
        let def = &TABLE3[di];
        let cells = cells
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                model_cell(
                    norm,
                    raw,
                    APPLICANT_COLUMNS.get(i).copied().unwrap_or("extra"),
                    cand.run.line_start,
                )
            })
            .collect();
        rows.push(TableRow { label: def.label.to_string(), key: Some(def.key.to_string()), cells });
    }
    let has = |role: Role| {
        rows.iter()
            .any(|r| TABLE3.iter().any(|d| Some(d.key) == r.key.as_deref() && d.role == role))
    };
    let other_items = TABLE3
        .iter()
        .filter(|d| d.role == Role::Item(layout::Group::Other))
        .any(|d| rows.iter().any(|r| r.key.as_deref() == Some(d.key)));
    let layout =
        if has(Role::GroupTotal(layout::Group::Other)) && !other_items { "2019" } else { "2021" };
    Some(Table { id: "table3".into(), layout: layout.into(), rows })
}

/// The reading of each aligned row: its cells, or, for glued figures that split several ways,
/// the split under which most column identities of the table hold (一 + 二 = （七） + 四;
/// （七） = the sum of the outcome rows), given the readings of the other rows.
fn choose_readings(cands: &[Cand], pairs: &[(usize, usize)]) -> Vec<Vec<RawCell>> {
    let mut chosen: Vec<Vec<RawCell>> =
        pairs.iter().map(|&(ci, _)| cands[ci].cells.clone()).collect();
    let ambiguous: Vec<usize> =
        (0..pairs.len()).filter(|&i| cands[pairs[i].0].alts.len() > 1).collect();
    if ambiguous.is_empty() {
        return chosen;
    }
    let score = |chosen: &[Vec<RawCell>]| -> usize {
        let value = |role: Role, col: usize| -> Option<f64> {
            let mut found = false;
            let mut sum = 0.0;
            for (k, &(_, di)) in pairs.iter().enumerate() {
                if TABLE3[di].role == role {
                    found = true;
                    sum += chosen[k].get(col)?.value?;
                }
            }
            found.then_some(sum)
        };
        let outcome_sum = |col: usize| -> Option<f64> {
            let mut sum = 0.0;
            for (k, &(_, di)) in pairs.iter().enumerate() {
                if matches!(TABLE3[di].role, Role::Outcome | Role::Item(_)) {
                    sum += chosen[k].get(col)?.value?;
                }
            }
            Some(sum)
        };
        let mut n = 0;
        for col in 0..APPLICANT_COLUMNS.len() {
            let (a, b, t, o) = (
                value(Role::Received, col),
                value(Role::CarriedIn, col),
                value(Role::Total, col),
                value(Role::CarriedOut, col),
            );
            if let (Some(a), Some(b), Some(t), Some(o)) = (a, b, t, o) {
                n += usize::from((a + b - t - o).abs() < 1e-6);
            }
            if let (Some(t), Some(s)) = (t, outcome_sum(col)) {
                n += usize::from((t - s).abs() < 1e-6);
            }
        }
        n
    };
    for _ in 0..2 {
        for &k in &ambiguous {
            let alts = &cands[pairs[k].0].alts;
            let mut best = (score(&chosen), chosen[k].clone());
            for alt in alts {
                let mut trial = chosen.clone();
                trial[k] = alt.clone();
                let s = score(&trial);
                if s > best.0 {
                    best = (s, alt.clone());
                }
            }
            chosen[k] = best.1;
        }
    }
    chosen
}

/// Joins two consecutive short runs that make one row together: text copied from a PDF whose
/// 总计 cell is aligned apart from the other cells of its row gives `…只计这一情 9` and, on the
/// next line, `8 1 0 0 0 0`. The order that satisfies the row-sum identity is taken (both parts
/// keep their own spans; the cells are marked guessed); when neither does, the runs stay apart.
fn join_split_rows(runs: Vec<Run>, width: usize) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut it = runs.into_iter().peekable();
    while let Some(a) = it.next() {
        let joinable = |a: &Run, b: &Run| {
            let (n, m) = (a.cells.len(), b.cells.len());
            n > 0 && m > 0 && n < width && m < width && n + m == width
        };
        if let Some(b) = it.peek().filter(|b| joinable(&a, b)) {
            let nums =
                |cells: &[RawCell]| cells.iter().map(|c| c.value).collect::<Option<Vec<f64>>>();
            let ab: Vec<RawCell> = a.cells.iter().chain(b.cells.iter()).cloned().collect();
            let ba: Vec<RawCell> = b.cells.iter().chain(a.cells.iter()).cloned().collect();
            let fits = |cells: &[RawCell]| nums(cells).is_some_and(|v| split::row_sum(&v, width));
            // The cell set apart is most often the 总计 (b then a); a then b when only it fits.
            let cells = if fits(&ba) {
                Some(ba)
            } else if fits(&ab) {
                Some(ab)
            } else {
                None
            };
            if let Some(mut cells) = cells {
                let b = it.next().expect("peeked");
                for c in &mut cells {
                    c.guessed = true;
                }
                let label = if a.label.is_empty() { b.label.clone() } else { a.label.clone() };
                out.push(Run {
                    cells,
                    label,
                    groups: a.groups.clone(),
                    before: a.before.clone(),
                    after: format!("{}{}{}", b.before, b.label, b.after),
                    line_start: a.line_start,
                });
                continue;
            }
        }
        out.push(a);
    }
    out
}

/// How well a candidate fits a template row; `None` when it cannot be that row.
fn score(cand: &Cand, row: &layout::Row3) -> Option<i32> {
    let label = if cand.first { cand.run.label.as_str() } else { "" };
    let strong = names(label, row.words);
    let names_other = !strong && TABLE3.iter().any(|d| names(label, d.words));
    if let Role::GroupTotal(_) = row.role {
        return strong.then_some(12);
    }
    let weak = cand.first && names(&cand.run.context(), row.words);
    if cand.cells.len() != APPLICANT_COLUMNS.len() && !strong {
        return None; // a stray figure takes a row only when its label names that row
    }
    let base = if !label.is_empty() && !strong && !names_other && !weak { 1 } else { 3 };
    Some(
        base + if strong {
            10
        } else if weak {
            4
        } else {
            0
        } - if names_other { 8 } else { 0 },
    )
}

/// Order-keeping alignment of candidates to template rows that maximises the score.
fn align(cands: &[Cand]) -> Vec<(usize, usize)> {
    let (n, m) = (cands.len(), TABLE3.len());
    const NONE: i32 = i32::MIN / 4;
    // best[i][j]: best score using candidates i.. and rows j..
    let mut best = vec![vec![0i32; m + 1]; n + 1];
    let mut step = vec![vec![0u8; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut b = best[i + 1][j];
            let mut s = 1u8; // skip candidate
            if best[i][j + 1] > b {
                b = best[i][j + 1];
                s = 2; // skip row
            }
            if let Some(sc) = score(&cands[i], &TABLE3[j]) {
                let v = sc + best[i + 1][j + 1];
                if sc > 0 && v > b && v > NONE {
                    b = v;
                    s = 3;
                }
            }
            best[i][j] = b;
            step[i][j] = s;
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        match step[i][j] {
            3 => {
                out.push((i, j));
                i += 1;
                j += 1;
            }
            2 => j += 1,
            _ => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------- table 4

fn table4(norm: &Normalized, from: usize, to: usize) -> Option<Table> {
    let width = TABLE4_COLUMNS.len();
    let runs: Vec<Run> = cells::runs(norm, from, to)
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| c.mark != CellMark::Blank))
        .collect();
    let mut groups: Vec<Option<(Vec<RawCell>, usize)>> = vec![None; TABLE4_GROUPS.len()];
    // Rows labelled by group (a table drawn one group a row).
    for run in &runs {
        if let Some(g) = TABLE4_GROUPS.iter().position(|(_, _, w)| names(&run.label, w)) {
            let rows = fit(&run.cells, width, &|v| split::row_sum(v, width), false);
            if let Some(r) = rows.into_iter().next().filter(|r| r.len() == width) {
                groups[g].get_or_insert((r, run.line_start));
            }
        }
    }
    if groups.iter().all(Option::is_none) {
        // The official layout: one row of 15 figures under a two-level header.
        let all: Vec<RawCell> = runs.iter().flat_map(|r| r.cells.iter().cloned()).collect();
        let line_start = runs.first().map_or(from, |r| r.line_start);
        let n = width * TABLE4_GROUPS.len();
        let ok = |v: &[f64]| {
            !v.len().is_multiple_of(width) || split::row_sum(&v[v.len() - width..], width)
        };
        let mut fitted = fit(&all, n, &ok, false).into_iter().next().unwrap_or_default();
        if fitted.len() > n {
            fitted.truncate(n);
        }
        if fitted.is_empty() {
            return None;
        }
        for (g, chunk) in fitted.chunks(width).enumerate().take(TABLE4_GROUPS.len()) {
            groups[g] = Some((chunk.to_vec(), line_start));
        }
    }
    let rows: Vec<TableRow> = groups
        .into_iter()
        .enumerate()
        .filter_map(|(g, cells)| {
            let (cells, line_start) = cells?;
            let (label, key, _) = TABLE4_GROUPS[g];
            let cells = cells
                .iter()
                .enumerate()
                .map(|(i, raw)| {
                    model_cell(
                        norm,
                        raw,
                        TABLE4_COLUMNS.get(i).map_or("extra", |c| c.0),
                        line_start,
                    )
                })
                .collect();
            Some(TableRow { label: label.into(), key: Some(key.into()), cells })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(Table { id: "table4".into(), layout: "2021".into(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

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
        let norm = normalize(TAB_REPORT);
        let tables = extract(&norm);
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
        // Spans lead back to the figures.
        let text: Vec<char> = TAB_REPORT.chars().collect();
        let s: String = text[fee.span[0]..fee.span[1]].iter().collect();
        assert_eq!(s, "96171.6");
    }

    #[test]
    fn glued_rows_that_split_two_ways_are_settled_by_the_columns() {
        // 12 1 0 0 0 0 13 glued reads as 12|1|0|0|0|0|13 or 1|2|10|0|0|0|13; only the first keeps
        // （七）总计 = the sum of the outcome rows in every column.
        let t = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t0\t0\t13\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n(一)予以公开121000013\n(七)总计\t12\t1\t0\t0\t0\t0\t13\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n";
        let tables = extract(&normalize(t));
        assert_eq!(
            cell_values(&tables[0], "apply.result.granted"),
            [12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 13.0].map(Some)
        );
    }

    #[test]
    fn glued_table_2_is_split_and_marked_guessed() {
        let norm = normalize("第二十条第(一)项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章898989\n三、收到和处理政府信息公开申请情况\n");
        let tables = extract(&norm);
        let row = &tables[0].rows[0];
        assert_eq!(
            row.cells.iter().map(|c| c.value.unwrap()).collect::<Vec<_>>(),
            [89.0, 89.0, 89.0]
        );
        assert!(row.cells.iter().all(|c| c.guessed));
    }
}
