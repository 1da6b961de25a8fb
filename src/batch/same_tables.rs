//! A standard table identical to last year's: every cell the same, which happens when last
//! year's table was pasted in and not updated.
//!
//! Takes a pair of consecutive years of one agency; gives one `yoy.same_table` (a warning) per
//! table whose cells (row, column, mark and value) all equal last year's. A table of a few
//! non-zero figures may honestly repeat (no lawsuits two years running), so at least
//! [`MIN_NONZERO`] non-zero cells are required.

use super::{BatchFinding, ReportSpan, YearPair};
use crate::model::{CellMark, Severity, Table};

/// Non-zero cells a table needs before its sameness means anything.
pub const MIN_NONZERO: usize = 3;

/// The cells of a table as comparable rows: (row key or label, column, mark, value).
fn cells(t: &Table) -> Vec<(&str, &str, CellMark, Option<f64>)> {
    let mut out: Vec<_> = t
        .rows
        .iter()
        .flat_map(|r| {
            let row = r.key.as_deref().unwrap_or(&r.label);
            r.cells.iter().map(move |c| (row, c.column.as_str(), c.mark, c.value))
        })
        .collect();
    out.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    out
}

/// The whole extent of a table in its report's text.
fn extent(t: &Table) -> Option<[usize; 2]> {
    let spans = t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.span));
    spans.fold(None, |acc, s| match acc {
        None => Some(s),
        Some([a, b]) => Some([a.min(s[0]), b.max(s[1])]),
    })
}

pub(crate) fn check(pair: &YearPair) -> Vec<BatchFinding> {
    let mut out = Vec::new();
    for now in &pair.current.tables {
        let Some(before) = pair.previous.tables.iter().find(|t| t.id == now.id) else { continue };
        let (a, b) = (cells(before), cells(now));
        let nonzero = b.iter().filter(|c| c.2 == CellMark::Number && c.3 != Some(0.0)).count();
        if a != b || nonzero < MIN_NONZERO {
            continue;
        }
        let mut f = BatchFinding::new(
            "yoy.same_table",
            Severity::Warning,
            format!(
                "{}{}年报告的{}与{}年报告的完全相同（{} 个单元格，其中 {} 个非零数字），可能照搬了上年数据",
                pair.agency,
                pair.year,
                crate::output::table_name(&now.id),
                pair.year - 1,
                b.len(),
                nonzero
            ),
            vec![pair.previous.file.clone(), pair.current.file.clone()],
        );
        for (report, table) in [(pair.previous, before), (pair.current, now)] {
            if let Some(span) = extent(table) {
                f.spans.push(ReportSpan { report: report.file.clone(), span });
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{digest, pair};
    use super::*;

    #[test]
    fn last_years_table_pasted_in() {
        let prev =
            digest("淮安市人民政府", 2022, [40, 2, 30, 5], "上年的文字。本机关推进政务公开。");
        let same =
            digest("淮安市人民政府", 2023, [40, 2, 30, 5], "今年的文字不同，表格却照搬了上年。");
        let years = pair(&prev, &same, 2023);
        let found = check(&years);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("表三"), "{}", found[0].message);
        assert_eq!(found[0].spans.len(), 2);

        let changed = digest("淮安市人民政府", 2023, [41, 2, 30, 5], "今年的文字。");
        let years = pair(&prev, &changed, 2023);
        assert!(check(&years).is_empty());
    }
}
