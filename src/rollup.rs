//! The roll-up: the standard tables of several reports summed into one Table 2/3/4, as a 政务
//! 公开办 compiles its departments' figures.
//!
//! Takes the digests of the chosen reports ([`crate::batch::Digest`]); gives a [`Rollup`]: model
//! [`Table`]s in the official layout (rows and columns in template order, as the reports give
//! them) whose every cell is the sum of the reports' cells, each with its sources for a
//! drill-down, and the reports or rows left out with the reason. Its workbook ([`workbook`]) is
//! what both the command line (`nianbao sum --xlsx`) and the page export.
//!
//! What is summed: a cell counts when it holds a number the report's own reading took (an
//! indicator points at it; a row whose cells did not fit its layout has none: its numbers are
//! the digest's `untrusted` cells, listed as left out rather than summed with shifted columns).
//! Blank, `/` and `—` add nothing; a summed cell with no number keeps the first report's mark. The same report twice counts once; legacy
//! reports have no tables to sum; a table 2 of the other layout (2019 against 2021) is left out.

use crate::batch::Digest;
use crate::model::{Cell, CellMark, CellRef, Span, Table, TableRow};
use crate::output::{number, table_name, table_title};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashSet;

/// The combined tables and where each figure came from.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    /// The files summed, in the order given.
    pub reports: Vec<String>,
    /// Files, or parts of files, not summed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Table 2, 3, 4 summed (those any report has). Spans are empty: a sum has no place in a
    /// text; its sources have.
    pub tables: Vec<Table>,
    /// One entry per summed cell: which reports' cells it adds up.
    pub sources: Vec<CellSources>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub report: String,
    /// Why, in Chinese.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellSources {
    /// The summed cell: `tables[table].rows[row].cells[column]` of the roll-up.
    pub cell: CellRef,
    pub parts: Vec<Part>,
}

/// One report's cell within a sum.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub report: String,
    /// The report's cell: `tables[table].rows[row]` of that report, and its span in its text.
    pub row: usize,
    pub raw: String,
    pub value: Option<f64>,
    pub mark: CellMark,
    pub span: Span,
    /// False for a number left out (its row did not fit the layout).
    pub counted: bool,
}

const TABLE_ORDER: [&str; 3] = ["table2", "table3", "table4"];

/// Sums the standard tables of `reports`.
pub fn sum(reports: &[Digest]) -> Rollup {
    let mut skipped = Vec::new();
    let unique = crate::batch::first_of_each(reports);
    let mut chosen: Vec<&Digest> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        if !unique.contains(&i) {
            let first = reports.iter().find(|o| o.text_hash == r.text_hash).map(|o| &o.file);
            skipped.push(Skipped {
                report: r.file.clone(),
                reason: format!("与 {} 内容相同，只计一次", first.map_or("", |s| s)),
            });
        } else if r.tables.is_empty() {
            skipped.push(Skipped {
                report: r.file.clone(),
                reason: "没有标准表格（旧版文字格式的年报），不能汇总".into(),
            });
        } else {
            chosen.push(r);
        }
    }
    let layout2 = majority_layout(&chosen, "table2");
    let mut tables = Vec::new();
    let mut sources = Vec::new();
    for id in TABLE_ORDER {
        let mut acc = Accumulator::default();
        for r in &chosen {
            let Some(t) = r.tables.iter().find(|t| t.id == id) else { continue };
            if id == "table2" && Some(&t.layout) != layout2.as_ref() {
                skipped.push(Skipped {
                    report: r.file.clone(),
                    reason: format!(
                        "表二为 {} 年版格式，与其他报告（{} 年版）不同，未计入表二",
                        t.layout,
                        layout2.as_deref().unwrap_or("")
                    ),
                });
                continue;
            }
            acc.add(r, t, &mut skipped);
        }
        if let Some((table, cells)) = acc.finish(id, chosen.iter().find_map(|r| layout_of(r, id))) {
            tables.push(table);
            sources.extend(cells);
        }
    }
    Rollup { reports: chosen.iter().map(|r| r.file.clone()).collect(), skipped, tables, sources }
}

fn layout_of(r: &Digest, id: &str) -> Option<String> {
    r.tables.iter().find(|t| t.id == id).map(|t| t.layout.clone())
}

/// The layout most reports use for a table (the first seen on a tie).
fn majority_layout(reports: &[&Digest], id: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for layout in reports.iter().filter_map(|r| layout_of(r, id)) {
        match counts.iter_mut().find(|(l, _)| *l == layout) {
            Some((_, n)) => *n += 1,
            None => counts.push((layout, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(l, _)| l)
}

/// Rows and columns met so far, in the order the reports give them, with their parts.
#[derive(Default)]
struct Accumulator {
    rows: Vec<RowAcc>,
}

struct RowAcc {
    key: String,
    label: String,
    columns: Vec<(String, Vec<Part>)>,
}

/// A row of a report's table left out of the sum, and why (`表三中“…”一行` + `why`).
fn row_skipped(r: &Digest, t: &Table, row: &TableRow, why: &str) -> Skipped {
    Skipped {
        report: r.file.clone(),
        reason: format!("{}中“{}”一行{why}", table_name(&t.id), row.label),
    }
}

/// Inserts `key` after the one met last in this report (or finds it): the merged order keeps
/// every report's order.
fn place<T>(
    items: &mut Vec<T>,
    last: &mut Option<usize>,
    found: Option<usize>,
    make: impl FnOnce() -> T,
) -> usize {
    let at = match found {
        Some(at) => at,
        None => {
            let at = last.map_or(0, |l| l + 1).min(items.len());
            items.insert(at, make());
            at
        }
    };
    *last = Some(at);
    at
}

impl Accumulator {
    fn add(&mut self, r: &Digest, t: &Table, skipped: &mut Vec<Skipped>) {
        // The numbers the report's reading did not take (their row did not fit its layout).
        let untrusted: HashSet<(usize, &str)> = r
            .untrusted
            .iter()
            .filter(|c| c.table == t.id)
            .map(|c| (c.row, c.column.as_str()))
            .collect();
        let mut last_row = None;
        for (ri, row) in t.rows.iter().enumerate() {
            let has_numbers = row.cells.iter().any(|c| c.mark == CellMark::Number);
            let Some(key) = &row.key else {
                if has_numbers {
                    skipped.push(row_skipped(r, t, row, "未能对应到标准格式的行，未计入"));
                }
                continue;
            };
            let found = self.rows.iter().position(|a| &a.key == key);
            let at = place(&mut self.rows, &mut last_row, found, || RowAcc {
                key: key.clone(),
                label: row.label.clone(),
                columns: Vec::new(),
            });
            let mut left_out = false;
            let mut last_col = None;
            for cell in &row.cells {
                let counted = cell.mark != CellMark::Number
                    || !untrusted.contains(&(ri, cell.column.as_str()));
                left_out |= !counted;
                let columns = &mut self.rows[at].columns;
                let found = columns.iter().position(|(c, _)| *c == cell.column);
                let c = place(columns, &mut last_col, found, || (cell.column.clone(), Vec::new()));
                columns[c].1.push(Part {
                    report: r.file.clone(),
                    row: ri,
                    raw: cell.raw.clone(),
                    value: cell.value,
                    mark: cell.mark,
                    span: cell.span,
                    counted,
                });
            }
            if left_out {
                skipped.push(row_skipped(
                    r,
                    t,
                    row,
                    "的单元格与标准格式对不上（可能错位），其数字未计入",
                ));
            }
        }
    }

    fn finish(self, id: &str, layout: Option<String>) -> Option<(Table, Vec<CellSources>)> {
        if self.rows.is_empty() {
            return None;
        }
        let mut sources = Vec::new();
        let rows = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(ri, row)| {
                let cells = row
                    .columns
                    .into_iter()
                    .map(|(column, parts)| {
                        let cell = summed(&column, &parts);
                        sources.push(CellSources {
                            cell: CellRef { table: id.to_string(), row: ri, column },
                            parts,
                        });
                        cell
                    })
                    .collect();
                TableRow { label: row.label, key: Some(row.key), cells }
            })
            .collect();
        Some((Table { id: id.to_string(), layout: layout.unwrap_or_default(), rows }, sources))
    }
}

/// The sum of the counted numbers of `parts`, written as the reports write them: when every
/// report states the column in one scale (万元 read as 元 × 10000), the sum is in that scale too.
fn summed(column: &str, parts: &[Part]) -> Cell {
    let numbers: Vec<&Part> = parts
        .iter()
        .filter(|p| p.counted && p.mark == CellMark::Number && p.value.is_some())
        .collect();
    let guessed = false;
    if numbers.is_empty() {
        let first = parts.iter().find(|p| p.mark != CellMark::Number);
        return Cell {
            column: column.to_string(),
            raw: first.map_or(String::new(), |p| p.raw.clone()),
            value: None,
            mark: first.map_or(CellMark::Blank, |p| p.mark),
            span: [0, 0],
            guessed,
        };
    }
    let total: f64 = crate::numbers::round(numbers.iter().filter_map(|p| p.value).sum());
    let scales: Vec<Option<f64>> = numbers
        .iter()
        .map(|p| {
            let written = crate::numbers::parse(&p.raw)?;
            let value = p.value?;
            (written != 0.0).then(|| crate::numbers::round(value / written))
        })
        .collect();
    let scale = match scales.first() {
        Some(Some(s)) if scales.iter().all(|x| *x == Some(*s)) => *s,
        _ => 1.0,
    };
    Cell {
        column: column.to_string(),
        raw: number(crate::numbers::round(total / scale)),
        value: Some(total),
        mark: CellMark::Number,
        span: [0, 0],
        guessed,
    }
}

/// The header of a column of a table row, from the table's template.
fn column_header(table: &Table, row: &TableRow, column: &str) -> String {
    let tpl = crate::tables::template::template_of(&table.id, &table.layout);
    tpl.and_then(|t| t.row_of(row))
        .and_then(|r| r.columns.iter().find(|c| c.id == column))
        .and_then(|c| c.header.last())
        .map_or_else(|| column.to_string(), |h| h.to_string())
}

/// The workbook of a roll-up, in the shape the Excel writer reads (`wasm/xlsx/src/sheets.rs`):
/// 汇总表 (each table, rows by columns, summed numbers), 来源 (every report's cell behind every
/// sum), 报告 (the files summed and those left out, with the reason).
pub fn workbook(rollup: &Rollup) -> Value {
    let mut cells: Vec<Value> = Vec::new();
    let mut r = 0u32;
    let put = |cells: &mut Vec<Value>, row: u32, col: usize, value: Value, style: &str| {
        cells.push(json!([row, col, value, style]));
    };
    put(&mut cells, r, 0, json!(format!("汇总（{} 份报告）", rollup.reports.len())), "title");
    r += 2;
    let mut widest = 1;
    for table in &rollup.tables {
        put(&mut cells, r, 0, json!(table_title(&table.id)), "title");
        r += 1;
        let mut header: Option<Vec<&str>> = None;
        for row in &table.rows {
            let columns: Vec<&str> = row.cells.iter().map(|c| c.column.as_str()).collect();
            if header.as_ref() != Some(&columns) {
                put(&mut cells, r, 0, json!("项目"), "head");
                for (j, c) in row.cells.iter().enumerate() {
                    put(&mut cells, r, j + 1, json!(column_header(table, row, &c.column)), "head");
                }
                widest = widest.max(columns.len());
                header = Some(columns);
                r += 1;
            }
            put(&mut cells, r, 0, json!(row.label), "cell");
            for (j, c) in row.cells.iter().enumerate() {
                match (c.mark, c.value) {
                    (CellMark::Number, Some(v)) => put(&mut cells, r, j + 1, json!(v), "num"),
                    _ => put(&mut cells, r, j + 1, json!(c.raw), "cell"),
                }
            }
            r += 1;
        }
        r += 1;
    }
    let mut widths = vec![json!(48)];
    widths.extend((0..widest).map(|_| json!(12)));
    let summary = json!({"name": "汇总表", "widths": widths, "cells": cells, "merges": []});

    let mut src = vec![["表格", "行", "列", "文件", "单元格原文", "数值", "计入"]
        .iter()
        .enumerate()
        .map(|(c, h)| json!([0, c, h, "head"]))
        .collect::<Vec<_>>()];
    let mut row = 1;
    for s in &rollup.sources {
        let Some(table) = rollup.tables.iter().find(|t| t.id == s.cell.table) else { continue };
        let Some(trow) = table.rows.get(s.cell.row) else { continue };
        let header = column_header(table, trow, &s.cell.column);
        for p in &s.parts {
            let value =
                p.value.filter(|_| p.mark == CellMark::Number).map_or(Value::Null, |v| json!(v));
            src.push(vec![
                json!([row, 0, table_name(&table.id), "cell"]),
                json!([row, 1, trow.label, "cell"]),
                json!([row, 2, header, "cell"]),
                json!([row, 3, p.report, "cell"]),
                json!([row, 4, p.raw, "cell"]),
                json!([row, 5, value, "num"]),
                json!([row, 6, if p.counted { "是" } else { "否（可能错位）" }, "cell"]),
            ]);
            row += 1;
        }
    }
    let sources = json!({"name": "来源", "widths": [6, 40, 14, 40, 12, 10, 14], "freeze": [1, 0],
        "cells": src.concat(), "merges": []});

    let mut list = vec![json!([0, 0, "文件", "head"]), json!([0, 1, "说明", "head"])];
    let mut row = 1;
    for f in &rollup.reports {
        list.push(json!([row, 0, f, "cell"]));
        list.push(json!([row, 1, "已汇总", "cell"]));
        row += 1;
    }
    for s in &rollup.skipped {
        list.push(json!([row, 0, s.report, "cell"]));
        list.push(json!([row, 1, s.reason, "cell"]));
        row += 1;
    }
    let reports =
        json!({"name": "报告", "widths": [40, 70], "freeze": [1, 0], "cells": list, "merges": []});
    json!({"sheets": [summary, sources, reports]})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::tests::digest;
    use std::collections::HashMap;

    fn sources_by_cell(rollup: &Rollup) -> HashMap<(&str, usize, &str), &[Part]> {
        rollup
            .sources
            .iter()
            .map(|s| {
                ((s.cell.table.as_str(), s.cell.row, s.cell.column.as_str()), s.parts.as_slice())
            })
            .collect()
    }

    fn cell<'a>(r: &'a Rollup, key: &str, column: &str) -> &'a Cell {
        let t = r.tables.iter().find(|t| t.id == "table3").unwrap();
        let row = t.rows.iter().find(|row| row.key.as_deref() == Some(key)).unwrap();
        row.cells.iter().find(|c| c.column == column).unwrap()
    }

    #[test]
    fn three_reports_sum_cell_by_cell_with_their_sources() {
        let prose = "本机关推进政务公开工作。";
        let a = digest("淮安市教育局", 2023, [40, 2, 30, 5], prose);
        let b = digest("淮安市卫生健康委员会", 2023, [12, 1, 10, 0], prose);
        let c = digest("淮安市财政局", 2023, [7, 0, 5, 2], prose);
        let legacy = Digest::of(&crate::analyze_text(
            "2016年，全市共收到政府信息公开申请2681件。",
            "old.txt",
        ));
        let mut copy = b.clone();
        copy.file = "copy.txt".into();
        let r = sum(&[a.clone(), b.clone(), legacy, copy, c.clone()]);
        assert_eq!(r.reports, [a.file.as_str(), b.file.as_str(), c.file.as_str()]);
        assert_eq!(r.skipped.len(), 2, "{:?}", r.skipped);
        assert!(r.skipped[0].reason.contains("旧版"));
        assert!(r.skipped[1].reason.contains("内容相同"));
        assert_eq!(cell(&r, "apply.received", "total").value, Some(59.0));
        assert_eq!(cell(&r, "apply.received", "total").raw, "59");
        assert_eq!(cell(&r, "apply.carried_out", "natural_person").value, Some(7.0));
        assert_eq!(cell(&r, "apply.received", "commercial").value, Some(0.0));
        // The drill-down of 59: the three reports' cells.
        let by = sources_by_cell(&r);
        let t3 = r.tables.iter().find(|t| t.id == "table3").unwrap();
        let row =
            t3.rows.iter().position(|row| row.key.as_deref() == Some("apply.received")).unwrap();
        let parts = by[&("table3", row, "total")];
        let values: Vec<_> = parts.iter().map(|p| (p.report.as_str(), p.value)).collect();
        assert_eq!(
            values,
            [
                (a.file.as_str(), Some(40.0)),
                (b.file.as_str(), Some(12.0)),
                (c.file.as_str(), Some(7.0))
            ]
        );
        assert!(parts.iter().all(|p| p.counted));
        // The rows stay in the template's order.
        let keys: Vec<_> = t3.rows.iter().map(|r| r.key.clone().unwrap()).collect();
        assert_eq!(keys.first().map(String::as_str), Some("apply.received"));
        assert_eq!(keys.last().map(String::as_str), Some("apply.carried_out"));
    }

    #[test]
    fn a_row_that_did_not_fit_its_layout_is_left_out_and_named() {
        let prose = "本机关推进政务公开工作。";
        let good = digest("淮安市教育局", 2023, [40, 2, 30, 5], prose);
        // The same report with one cell of 本年新收 lost: its six figures may have shifted.
        let text =
            crate::batch::tests::report("淮安市财政局", 2023, [7, 0, 5, 2], prose).text.replace(
                "一、本年新收政府信息公开申请数量\t7\t0\t0\t0\t0\t0\t7",
                "一、本年新收政府信息公开申请数量\t7\t0\t0\t0\t0\t7",
            );
        let shifted = Digest::of(&crate::analyze_text(&text, "shifted.txt"));
        assert!(!shifted.untrusted.is_empty(), "{:?}", shifted.tables);
        let r = sum(&[good, shifted]);
        assert_eq!(
            cell(&r, "apply.received", "total").value,
            Some(40.0),
            "only the good report's 40"
        );
        assert!(r
            .skipped
            .iter()
            .any(|s| s.report == "shifted.txt" && s.reason.contains("可能错位")));
        // The row of 上年结转 fitted: it is summed.
        assert_eq!(cell(&r, "apply.carried_in", "total").value, Some(2.0));
    }

    #[test]
    fn the_workbook_holds_the_sums_and_the_sources() {
        let prose = "本机关推进政务公开工作。";
        let r = sum(&[
            digest("淮安市教育局", 2023, [40, 2, 30, 5], prose),
            digest("淮安市财政局", 2023, [7, 0, 5, 2], prose),
        ]);
        let book = workbook(&r);
        let sheets = book["sheets"].as_array().unwrap();
        assert_eq!(sheets.len(), 3);
        let cells = sheets[0]["cells"].as_array().unwrap();
        assert!(cells.iter().any(|c| c[2] == json!(47.0)), "received 40 + 7");
        assert!(cells.iter().any(|c| c[2] == json!("自然人")));
        let sources = sheets[1]["cells"].as_array().unwrap();
        assert!(sources.iter().any(|c| c[2] == json!("淮安市财政局-2023.txt")));
    }
}
