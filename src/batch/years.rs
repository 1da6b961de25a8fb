//! One agency year by year: every indicator's value per year, its change from the year before,
//! and `yoy.jump` where a figure grows beyond [`JUMP_UP`]× or falls below [`JUMP_DOWN`]×.
//!
//! Takes the reports of one agency (one per year, ascending) or a pair of consecutive years;
//! gives an [`AgencyYears`] table (what the page draws as the year-over-year view and its trend
//! chart) and the jump findings. Indicators compared: the whole body's, without a table column
//! (`apply.received`, not `apply.received@natural_person`).

use super::identity::Agency;
use super::{number, repeated, BatchFinding, Digest, YearPair};
use crate::model::{Format, Indicator, Key, Scope, Severity};
use serde::Serialize;

/// A figure more than this many times last year's is flagged.
pub const JUMP_UP: f64 = 5.0;
/// … and one below this fraction of last year's.
pub const JUMP_DOWN: f64 = 0.2;
/// Small counts swing freely (1 → 6 is no news): the larger of the two must reach this.
pub const JUMP_MIN: f64 = 10.0;

/// One agency's indicators over the years.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyYears {
    /// The name as its latest report writes it.
    pub agency: String,
    /// The normalised name the reports were grouped by.
    pub key: String,
    /// One column per year, ascending.
    pub years: Vec<YearColumn>,
    /// One row per indicator any of the years states, in the vocabulary's order.
    pub rows: Vec<TrendRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearColumn {
    pub year: i32,
    /// The file of that year's report.
    pub report: String,
    pub format: Format,
    /// Share (0–1) of this report's sentences found word for word in last year's report; null
    /// when there is no report of last year.
    pub repeated: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    pub key: String,
    /// Chinese label from the vocabulary.
    pub label: String,
    /// Unit as the reports write it.
    pub unit: String,
    /// The value of each year (aligned with `years`); null when that report does not state it.
    pub values: Vec<Option<f64>>,
    /// This year's value divided by last year's (aligned with `years`); null for the first
    /// year, a gap in the years, a missing value or last year's 0.
    pub ratios: Vec<Option<f64>>,
    /// True where the ratio is a `yoy.jump`.
    pub flagged: Vec<bool>,
}

fn compared(ind: &Indicator) -> bool {
    ind.scope == Scope::Whole && ind.key.column().is_none()
}

/// The ratio `after / before` when it is a jump worth a reader's look.
pub fn jump(before: f64, after: f64) -> Option<f64> {
    if before <= 0.0 || after <= 0.0 || before.max(after) < JUMP_MIN {
        return None;
    }
    let ratio = after / before;
    (!(JUMP_DOWN..=JUMP_UP).contains(&ratio)).then_some(ratio)
}

/// At most this many jumps are spelled out in a message (all are in its spans and cells).
const JUMPS_NAMED: usize = 4;

/// The `yoy.jump` finding of one pair of consecutive years: one per pair, since one anomaly (a
/// year's figures entered ×10) moves many indicators at once. The largest figures come first.
pub(crate) fn jumps(pair: &YearPair) -> Vec<BatchFinding> {
    let (prev, cur) = (pair.previous, pair.current);
    let mut found: Vec<(&Indicator, &Indicator, f64)> = cur
        .indicators
        .iter()
        .filter(|i| compared(i))
        .filter_map(|now| {
            let before = prev.whole(now.key)?;
            Some((before, now, jump(before.value, now.value)?))
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    found.sort_by(|a, b| b.1.value.max(b.0.value).total_cmp(&a.1.value.max(a.0.value)));
    let named: Vec<String> = found
        .iter()
        .take(JUMPS_NAMED)
        .map(|(before, now, ratio)| {
            let how = if *ratio > 1.0 {
                format!("增至 {:.1} 倍", ratio)
            } else {
                format!("降至 {:.0}%", ratio * 100.0)
            };
            format!(
                "“{}”{} → {}{}（{}）",
                now.key.label(),
                number(before.value),
                number(now.value),
                now.unit,
                how
            )
        })
        .collect();
    let more =
        if found.len() > JUMPS_NAMED { format!("等 {} 项", found.len()) } else { String::new() };
    let mut f = BatchFinding::new(
        "yoy.jump",
        Severity::Warning,
        format!(
            "{}{}年的数字与{}年相比变化超过 {} 倍：{}{}，请核对",
            pair.agency,
            pair.year,
            pair.year - 1,
            JUMP_UP,
            named.join("；"),
            more
        ),
        vec![prev.file.clone(), cur.file.clone()],
    );
    for (before, now, _) in &found {
        f.at_indicator(prev, before);
        f.at_indicator(cur, now);
    }
    vec![f]
}

/// The year-by-year table of one agency (`chosen`: one report per year, ascending).
pub(crate) fn trends(agency: &Agency, chosen: &[&Digest]) -> AgencyYears {
    let consecutive = |i: usize| {
        i > 0 && matches!((chosen[i - 1].year, chosen[i].year), (Some(a), Some(b)) if b == a + 1)
    };
    let years = chosen
        .iter()
        .enumerate()
        .map(|(i, d)| YearColumn {
            year: d.year.unwrap_or_default(),
            report: d.file.clone(),
            format: d.format,
            repeated: consecutive(i)
                .then(|| repeated::share(chosen[i - 1], d).map(|s| s.share()))
                .flatten(),
        })
        .collect();
    let mut keys: Vec<(Key, &str)> = Vec::new();
    for d in chosen {
        for ind in d.indicators.iter().filter(|i| compared(i)) {
            if !keys.iter().any(|(k, _)| *k == ind.key) {
                keys.push((ind.key, &ind.unit));
            }
        }
    }
    keys.sort_by_key(|(k, _)| k.entry().order);
    let rows = keys
        .into_iter()
        .map(|(key, unit)| {
            let values: Vec<Option<f64>> =
                chosen.iter().map(|d| d.whole(key).map(|i| i.value)).collect();
            let ratios: Vec<Option<f64>> = (0..chosen.len())
                .map(|i| match (consecutive(i), values[i], values.get(i.wrapping_sub(1))) {
                    (true, Some(now), Some(Some(before))) if *before > 0.0 => Some(now / before),
                    _ => None,
                })
                .collect();
            let flagged = (0..chosen.len())
                .map(|i| {
                    consecutive(i)
                        && matches!((values[i - 1], values[i]), (Some(a), Some(b)) if jump(a, b).is_some())
                })
                .collect();
            TrendRow {
                key: key.to_string(),
                label: key.label(),
                unit: unit.to_string(),
                values,
                ratios,
                flagged,
            }
        })
        .collect();
    AgencyYears { agency: agency.name.clone(), key: agency.key.clone(), years, rows }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{digest, pair};
    use super::super::ReportCell;
    use super::*;

    #[test]
    fn jumps_need_both_a_large_ratio_and_a_large_figure() {
        assert_eq!(jump(40.0, 400.0), Some(10.0));
        assert_eq!(jump(100.0, 10.0), Some(0.1));
        assert_eq!(jump(40.0, 200.0), None, "5× exactly is not beyond 5×");
        assert_eq!(jump(1.0, 6.0), None, "small counts swing");
        assert_eq!(jump(0.0, 50.0), None, "from nothing: no ratio");
    }

    #[test]
    fn a_tenfold_rise_names_both_years_and_both_cells() {
        let prose = "本机关推进政务公开工作。";
        let prev = digest("淮安市人民政府", 2022, [40, 2, 30, 5], prose);
        let cur = digest("淮安市人民政府", 2023, [400, 5, 300, 6], prose);
        let years = pair(&prev, &cur, 2023);
        let found = jumps(&years);
        assert_eq!(found.len(), 1, "one finding for the pair");
        let f = &found[0];
        // Received 40 → 400, the outcome total 37 → 399, granted 30 → 300 … the largest first.
        assert!(
            f.message.starts_with(
                "淮安市人民政府2023年的数字与2022年相比变化超过 5 倍：“收到政府信息公开申请”40 → 400件（增至 10.0 倍）；"
            ),
            "{}",
            f.message
        );
        assert_eq!(f.reports, [prev.file.as_str(), cur.file.as_str()]);
        assert_eq!(
            &f.cells[..2],
            &[
                ReportCell {
                    report: prev.file.clone(),
                    table: "table3".into(),
                    row: 0,
                    column: "total".into()
                },
                ReportCell {
                    report: cur.file.clone(),
                    table: "table3".into(),
                    row: 0,
                    column: "total".into()
                },
            ]
        );
    }
}
