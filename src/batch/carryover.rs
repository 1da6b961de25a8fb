//! The carry-over rule: the applications a report carries into next year (四、结转下年度继续办理)
//! are those next year's report takes up (二、上年结转政府信息公开申请数量).
//!
//! Takes a pair of consecutive years of one agency; gives one `carryover.mismatch` (an error)
//! naming both reports and both cells when the totals differ, or (a warning) when only applicant
//! columns differ. Legacy reports that state the two figures in prose are held to it too.

use super::{number, BatchFinding, YearPair};
use crate::model::{Key, Scope, Severity};

/// The mismatches of one pair of years.
pub(crate) fn check(pair: &YearPair) -> Vec<BatchFinding> {
    let (prev, cur) = (pair.previous, pair.current);
    let carried_in = Key::known("apply.carried_in");
    let carried_out = Key::known("apply.carried_out");
    let mut differ = Vec::new();
    let mut total_differs = false;
    for now in
        cur.indicators.iter().filter(|i| i.scope == Scope::Whole && i.key.base_key() == carried_in)
    {
        let column = now.key.column();
        let last_year = column.map_or(carried_out, |c| carried_out.with_column(c));
        let Some(before) = prev.whole(last_year) else { continue };
        if before.value != now.value {
            total_differs |= column.is_none();
            differ.push((column, before, now));
        }
    }
    if differ.is_empty() {
        return Vec::new();
    }
    // The total first, then the columns in the table's order.
    differ.sort_by_key(|(column, _, now)| (column.is_some(), now.span[0]));
    let parts: Vec<String> = differ
        .iter()
        .map(|(column, before, now)| {
            let name = column.map_or("合计", |c| c.label());
            format!(
                "{name}：{}年 {}，{}年 {}",
                pair.year - 1,
                number(before.value),
                pair.year,
                number(now.value)
            )
        })
        .collect();
    let mut f = BatchFinding::new(
        "carryover.mismatch",
        if total_differs { Severity::Error } else { Severity::Warning },
        format!(
            "{}{}年报告的“{}”与{}年报告的“{}”不一致：{}",
            pair.agency,
            pair.year,
            carried_in.label(),
            pair.year - 1,
            carried_out.label(),
            parts.join("；")
        ),
        vec![prev.file.clone(), cur.file.clone()],
    );
    for (_, before, now) in &differ {
        f.at_indicator(prev, before);
        f.at_indicator(cur, now);
    }
    vec![f]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{digest, pair};
    use super::*;

    #[test]
    fn five_carried_out_but_three_taken_up() {
        let prose = "本机关推进政务公开工作。";
        let prev = digest("淮安市人民政府", 2022, [40, 2, 30, 5], prose);
        let cur = digest("淮安市人民政府", 2023, [41, 3, 30, 4], prose);
        let years = pair(&prev, &cur, 2023);
        let found = check(&years);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message
                .contains("2023年报告的“上年结转申请”与2022年报告的“结转下年度继续办理”不一致"),
            "{}",
            f.message
        );
        assert!(
            f.message.contains("合计：2022年 5，2023年 3；自然人：2022年 5，2023年 3"),
            "{}",
            f.message
        );
        // Both cells of both reports: the total and the natural-person column.
        assert_eq!(f.cells.len(), 4);
        let prev_cells: Vec<_> = f.cells.iter().filter(|c| c.report == prev.file).collect();
        assert!(prev_cells.iter().all(|c| c.table == "table3"));
        let row = |d: &super::super::Digest, key: &str| {
            d.tables[0].rows.iter().position(|r| r.key.as_deref() == Some(key)).unwrap()
        };
        assert!(prev_cells.iter().all(|c| c.row == row(&prev, "apply.carried_out")));
        assert!(f
            .cells
            .iter()
            .filter(|c| c.report == cur.file)
            .all(|c| c.row == row(&cur, "apply.carried_in")));

        let agree = digest("淮安市人民政府", 2023, [41, 5, 30, 4], prose);
        let years = pair(&prev, &agree, 2023);
        assert!(check(&years).is_empty());
    }
}
