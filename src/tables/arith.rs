//! The identities of a template, evaluated on a table's values.
//!
//! Takes a [`Template`], one of its [`Identity`] rules and a way to read a cell (row key, column
//! id → absent / not a number / a number); gives every instance of the rule the table lets one
//! evaluate, with the cells it involves and whether it holds. The reader counts them to choose
//! among the readings of glued figures; the checks report the failed ones.

use super::template::{Rule, Template, Term};

/// What a cell holds for the arithmetic: absent (no such row or cell), present but not a number
/// (blank, `/`, text), or a number.
pub type Get<'a> = dyn Fn(&str, &str) -> Option<Option<f64>> + 'a;

/// One evaluated instance of a rule.
#[derive(Debug, Clone)]
pub struct Instance {
    pub holds: bool,
    /// The two sides (for `≤` rules: the lesser and the greater).
    pub lhs: f64,
    pub rhs: f64,
    /// The cells involved, as (row key, column id): the left side first.
    pub cells: Vec<(&'static str, &'static str)>,
    /// How many of `cells` are on the left side.
    pub left: usize,
    /// The column for column rules, the row for row rules.
    pub column: Option<&'static str>,
    pub row: Option<&'static str>,
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The value of a cell; with `blank_zero`, a present cell that is no number counts as 0 (the
/// reader weighing readings), otherwise it stops the instance (the checks).
fn num(get: &Get, key: &str, col: &str, blank_zero: bool) -> Option<f64> {
    match get(key, col)? {
        Some(v) => Some(v),
        None if blank_zero => Some(0.0),
        None => None,
    }
}

/// A term's value and cells in one column.
fn term(
    t: &Template,
    term: &Term,
    col: &'static str,
    get: &Get,
    blank_zero: bool,
) -> Option<(f64, Vec<(&'static str, &'static str)>)> {
    match *term {
        Term::Row(key) => num(get, key, col, blank_zero).map(|v| (v, vec![(key, col)])),
        Term::Group(key) => {
            if let Some(v) = num(get, key, col, blank_zero) {
                return Some((v, vec![(key, col)]));
            }
            let mut sum = 0.0;
            let mut cells = Vec::new();
            let mut any = false;
            for item in t.items(key) {
                let k = item.key?;
                sum += num(get, k, col, blank_zero)?;
                cells.push((k, col));
                any = true;
            }
            any.then_some((sum, cells))
        }
    }
}

/// Every instance of `rule` that the table lets one evaluate.
pub fn instances(t: &Template, rule: &Rule, get: &Get, blank_zero: bool) -> Vec<Instance> {
    let mut out = Vec::new();
    match *rule {
        Rule::RowSum { parts, total, .. } => {
            for row in t.rows {
                let Some(key) = row.key else { continue };
                if !row.columns.iter().any(|c| c.id == total) {
                    continue;
                }
                let values: Option<Vec<f64>> =
                    parts.iter().map(|c| num(get, key, c, blank_zero)).collect();
                let (Some(values), Some(tv)) = (values, num(get, key, total, blank_zero)) else {
                    continue;
                };
                let sum: f64 = values.iter().sum();
                let mut cells: Vec<(&str, &str)> = vec![(key, total)];
                cells.extend(parts.iter().map(|c| (key, *c)));
                out.push(Instance {
                    holds: same(sum, tv),
                    lhs: tv,
                    rhs: sum,
                    cells,
                    left: 1,
                    column: None,
                    row: Some(key),
                });
            }
        }
        Rule::ColumnSum { lhs, rhs } => {
            let Some(first) = lhs.first() else { return out };
            let key = match first {
                Term::Row(k) | Term::Group(k) => *k,
            };
            let Some(row) = t.row(key) else { return out };
            for c in row.columns {
                let side = |terms: &[Term]| -> Option<(f64, Vec<(&'static str, &'static str)>)> {
                    let mut sum = 0.0;
                    let mut cells = Vec::new();
                    for x in terms {
                        let (v, mut cs) = term(t, x, c.id, get, blank_zero)?;
                        sum += v;
                        cells.append(&mut cs);
                    }
                    Some((sum, cells))
                };
                let (Some((a, mut ca)), Some((b, mut cb))) = (side(lhs), side(rhs)) else {
                    continue;
                };
                let left = ca.len();
                ca.append(&mut cb);
                out.push(Instance {
                    holds: same(a, b),
                    lhs: a,
                    rhs: b,
                    cells: ca,
                    left,
                    column: Some(c.id),
                    row: None,
                });
            }
        }
        Rule::PartsFound { total, parts } => {
            let Some(row) = t.row(total) else { return out };
            for c in row.columns {
                let Some(tv) = num(get, total, c.id, false) else { continue };
                let found: Vec<(&'static str, f64)> = parts
                    .iter()
                    .filter_map(|k| num(get, k, c.id, false).map(|v| (*k, v)))
                    .collect();
                if found.len() < 2 {
                    continue;
                }
                let sum: f64 = found.iter().map(|x| x.1).sum();
                let mut cells = vec![(total, c.id)];
                cells.extend(found.iter().map(|x| (x.0, c.id)));
                out.push(Instance {
                    holds: same(tv, sum),
                    lhs: tv,
                    rhs: sum,
                    cells,
                    left: 1,
                    column: Some(c.id),
                    row: Some(total),
                });
            }
        }
        Rule::GroupItems => {
            for group in t.rows {
                let Some(gk) = group.key else { continue };
                if t.items(gk).next().is_none() {
                    continue;
                }
                for c in group.columns {
                    let Some(gv) = num(get, gk, c.id, blank_zero) else { continue };
                    let items: Option<Vec<(&'static str, f64)>> = t
                        .items(gk)
                        .map(|r| {
                            let k = r.key?;
                            num(get, k, c.id, blank_zero).map(|v| (k, v))
                        })
                        .collect();
                    let Some(items) = items else { continue };
                    let sum: f64 = items.iter().map(|x| x.1).sum();
                    let mut cells = vec![(gk, c.id)];
                    cells.extend(items.iter().map(|x| (x.0, c.id)));
                    out.push(Instance {
                        holds: same(gv, sum),
                        lhs: gv,
                        rhs: sum,
                        cells,
                        left: 1,
                        column: Some(c.id),
                        row: Some(gk),
                    });
                }
            }
        }
        Rule::RowLe { lesser, greater } => {
            for row in t.rows {
                let Some(key) = row.key else { continue };
                let (Some(a), Some(b)) =
                    (num(get, key, lesser, false), num(get, key, greater, false))
                else {
                    continue;
                };
                out.push(Instance {
                    holds: a <= b + 1e-9,
                    lhs: a,
                    rhs: b,
                    cells: vec![(key, lesser), (key, greater)],
                    left: 1,
                    column: None,
                    row: Some(key),
                });
            }
        }
        Rule::ColumnLe { parts, total } => {
            let Some(row) = t.row(total) else { return out };
            for c in row.columns {
                let Some(tv) = num(get, total, c.id, false) else { continue };
                for p in parts {
                    let Some(v) = num(get, p, c.id, false) else { continue };
                    out.push(Instance {
                        holds: v <= tv + 1e-9,
                        lhs: v,
                        rhs: tv,
                        cells: vec![(p, c.id), (total, c.id)],
                        left: 1,
                        column: Some(c.id),
                        row: Some(p),
                    });
                }
            }
        }
    }
    out
}

/// The exact row rules of a template for consecutive rows of it, resolved to cell places once:
/// whether the values of those rows (blanks as `None`; possibly a prefix, while a glued run is
/// split) can satisfy them. A glued run's search checks its prefixes up to hundreds of thousands
/// of times, and looking each column up by name each time was most of its cost.
pub struct RowChecks {
    checks: Vec<RowCheck>,
    /// For each cell place, the checks that a prefix ending there can newly break: those whose
    /// cells include it once their total (or both sides) is reached.
    touching: Vec<Vec<usize>>,
}

enum RowCheck {
    /// The cell at `total` is the sum of the cells at `parts`.
    Sum { parts: Vec<usize>, total: usize },
    /// The cell at `lesser` is at most the cell at `greater`.
    Le { lesser: usize, greater: usize },
}

impl RowChecks {
    pub fn new(t: &Template, rows: &[super::template::RowDef]) -> RowChecks {
        let mut checks = Vec::new();
        let mut from = 0;
        for row in rows {
            let at = |id: &str| row.columns.iter().position(|c| c.id == id).map(|i| from + i);
            for id in t.identities.iter().filter(|i| i.exact) {
                match id.rule {
                    Rule::RowSum { parts, total, .. } => {
                        if let Some(total) = at(total) {
                            let parts = parts.iter().filter_map(|p| at(p)).collect();
                            checks.push(RowCheck::Sum { parts, total });
                        }
                    }
                    Rule::RowLe { lesser, greater } => {
                        if let (Some(lesser), Some(greater)) = (at(lesser), at(greater)) {
                            checks.push(RowCheck::Le { lesser, greater });
                        }
                    }
                    _ => {}
                }
            }
            from += row.columns.len();
        }
        let mut touching = vec![Vec::new(); from];
        for (k, check) in checks.iter().enumerate() {
            let (cells, reached): (Vec<usize>, usize) = match check {
                RowCheck::Sum { parts, total } => {
                    (parts.iter().copied().chain([*total]).collect(), *total)
                }
                RowCheck::Le { lesser, greater } => (vec![*lesser, *greater], *lesser.max(greater)),
            };
            for at in cells.into_iter().filter(|&at| at >= reached) {
                if touching[at].last() != Some(&k) {
                    touching[at].push(k);
                }
            }
        }
        RowChecks { checks, touching }
    }

    /// Whether `values` (the rows' cells in order, or a prefix of them) break no rule: a rule
    /// whose cells the prefix has not reached yet holds.
    pub fn ok(&self, values: &[Option<f64>]) -> bool {
        self.checks.iter().all(|check| Self::holds(check, values))
    }

    /// [`Self::ok`] for a prefix whose own prefix one shorter was ok: only the checks its last
    /// cell can break are tried. The same answer, for the search that grows a prefix cell by cell.
    pub fn ok_extended(&self, values: &[Option<f64>]) -> bool {
        let Some(last) = values.len().checked_sub(1) else { return true };
        self.touching
            .get(last)
            .is_none_or(|ks| ks.iter().all(|&k| Self::holds(&self.checks[k], values)))
    }

    fn holds(check: &RowCheck, values: &[Option<f64>]) -> bool {
        match check {
            RowCheck::Sum { parts, total } => {
                let Some(total) = values.get(*total) else { return true };
                let sum: f64 =
                    parts.iter().filter_map(|&i| values.get(i)).map(|v| v.unwrap_or(0.0)).sum();
                same(sum, total.unwrap_or(0.0))
            }
            RowCheck::Le { lesser, greater } => match (values.get(*lesser), values.get(*greater)) {
                (Some(Some(x)), Some(Some(y))) => x <= y,
                _ => true,
            },
        }
    }
}
