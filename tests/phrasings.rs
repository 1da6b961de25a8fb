//! The phrasing corpus: `tests/corpus/phrasings.tsv`, sentences written the way legacy (2008–2018)
//! prose reports state their figures, each with the indicator a careful reader takes from it
//! (Duckling's `Corpus.hs` + `negativeCorpus`, as one table).
//!
//! Every distinct text goes once through [`nianbao::analyze_text`]; each row then demands its
//! (key, scope, value) and, when given, its approx qualifier; a `!key` row demands that no such
//! indicator is found. A failing row is printed with its id, its text, what was expected and what
//! was found for that key; the test fails with the count, after a summary per family.
//!
//! A key prefixed with `?` (`?apply.received`, `?!fees.charged`) marks a known gap, like
//! pulldown-cmark's `DISABLED example`: the row still runs and is listed, but does not fail the
//! test; once it passes, the test fails until the `?` is removed, so the list stays true.
//!
//! `PHRASINGS_ONLY=ar,co1` runs only the rows whose id starts with one of the given prefixes.

use nianbao::model::{Indicator, Scope};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

const CORPUS: &str = include_str!("corpus/phrasings.tsv");

/// What a row expects.
#[derive(Debug, Clone)]
struct Row {
    /// Line in the TSV (1-based).
    line: usize,
    id: String,
    /// The text with `\n` / `\t` unescaped.
    text: String,
    /// The last `# family` comment above the row.
    family: String,
    /// True for `!key` rows.
    negative: bool,
    /// True for `?key` rows: a known gap.
    gap: bool,
    /// Indicator key, or `*` (any key; negative rows only).
    key: String,
    scope: Option<Scope>,
    value: Option<f64>,
    approx: Approx,
    note: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Approx {
    Unchecked,
    /// `-`: the indicator must carry no qualifier.
    None,
    Is(String),
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn parse_scope(s: &str) -> Result<Option<Scope>, String> {
    match s {
        "" => Ok(None),
        "whole" => Ok(Some(Scope::Whole)),
        "own" => Ok(Some(Scope::Own)),
        other => Err(format!("unknown scope {other:?}")),
    }
}

fn known_keys() -> HashSet<&'static str> {
    nianbao::vocabulary::vocabulary().iter().map(|e| e.key).collect()
}

/// Parses the corpus; errors name the line.
fn corpus() -> Result<Vec<Row>, String> {
    let keys = known_keys();
    let mut rows = Vec::new();
    let mut family = String::from("(none)");
    for (i, line) in CORPUS.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            // The first word of a comment names the family of the rows below it:
            // `# apply.received: statements of zero` → `apply.received`; `# consult.*` → `consult`.
            if let Some(word) = comment
                .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
                .find(|w| !w.is_empty())
            {
                family = word.trim_end_matches(".*").to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            return Err(format!(
                "line {line_no}: expected 7 tab-separated columns, found {}",
                cols.len()
            ));
        }
        let at = |what: String| format!("line {line_no} ({}): {what}", cols[0]);
        let (gap, key_col) = match cols[2].strip_prefix('?') {
            Some(k) => (true, k),
            None => (false, cols[2]),
        };
        let (negative, key) = match key_col.strip_prefix('!') {
            Some(k) => (true, k.to_string()),
            None => (false, key_col.to_string()),
        };
        if key == "*" {
            if !negative {
                return Err(at("`*` is only allowed in a negative row (`!*`)".into()));
            }
        } else if !keys.contains(key.as_str()) {
            return Err(at(format!("key {key:?} is not in src/rules/indicators.tsv")));
        }
        let mut scope = parse_scope(cols[3]).map_err(at)?;
        if !negative && scope.is_none() {
            scope = Some(Scope::Whole);
        }
        let value = match cols[4] {
            "" if negative => None,
            "" => return Err(at("a positive row needs a value".into())),
            v => Some(v.parse::<f64>().map_err(|_| at(format!("bad value {v:?}")))?),
        };
        let approx = match cols[5] {
            "" => Approx::Unchecked,
            "-" => Approx::None,
            a => Approx::Is(a.to_string()),
        };
        if cols[1].trim().is_empty() {
            return Err(at("empty text".into()));
        }
        rows.push(Row {
            line: line_no,
            id: cols[0].to_string(),
            text: unescape(cols[1]),
            family: family.clone(),
            negative,
            gap,
            key,
            scope,
            value,
            approx,
            note: cols[6].to_string(),
        });
    }
    Ok(rows)
}

/// Values as score.py compares them: rounded to 4 places.
fn same_value(a: f64, b: f64) -> bool {
    ((a * 1e4).round() - (b * 1e4).round()).abs() < 0.5
}

/// Qualifiers are kept as written; 餘/余 and 約/约 are the same qualifier in two scripts.
fn fold_approx(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '餘' => '余',
            '約' => '约',
            '過' => '过',
            '來' => '来',
            '數' => '数',
            other => other,
        })
        .collect()
}

fn matches(row: &Row, ind: &Indicator) -> bool {
    (row.key == "*" || ind.key == row.key)
        && row.scope.is_none_or(|s| ind.scope == s)
        && row.value.is_none_or(|v| same_value(ind.value, v))
}

fn approx_ok(row: &Row, ind: &Indicator) -> bool {
    match &row.approx {
        Approx::Unchecked => true,
        Approx::None => ind.approx.is_none(),
        Approx::Is(a) => ind.approx.as_deref().map(fold_approx) == Some(fold_approx(a)),
    }
}

fn scope_name(s: Option<Scope>) -> &'static str {
    match s {
        Some(Scope::Whole) => "whole",
        Some(Scope::Own) => "own",
        None => "any scope",
    }
}

fn describe(ind: &Indicator) -> String {
    format!(
        "{} {} {}{} «{}» [{}]",
        ind.key,
        scope_name(Some(ind.scope)),
        ind.value,
        ind.approx.as_deref().map(|a| format!(" approx {a}")).unwrap_or_default(),
        ind.quote.replace('\n', "\\n"),
        ind.rule
    )
}

fn expected(row: &Row) -> String {
    let value = row.value.map(|v| v.to_string()).unwrap_or_else(|| "any value".into());
    let approx = match &row.approx {
        Approx::Unchecked => String::new(),
        Approx::None => " approx none".into(),
        Approx::Is(a) => format!(" approx {a}"),
    };
    if row.negative {
        format!("NO {} {} {}", row.key, scope_name(row.scope), value)
    } else {
        format!("{} {} {}{}", row.key, scope_name(row.scope), value, approx)
    }
}

/// Checks one row against the indicators of its text; `Err` says what was found instead.
fn check(row: &Row, found: &[Indicator]) -> Result<(), String> {
    let of_key: Vec<&Indicator> =
        found.iter().filter(|i| row.key == "*" || i.key == row.key).collect();
    let list = |v: &[&Indicator]| {
        if v.is_empty() {
            "nothing".to_string()
        } else {
            v.iter().map(|i| describe(i)).collect::<Vec<_>>().join("\n                ")
        }
    };
    if row.negative {
        let hits: Vec<&Indicator> = of_key.iter().copied().filter(|i| matches(row, i)).collect();
        return if hits.is_empty() { Ok(()) } else { Err(list(&hits)) };
    }
    if of_key.iter().any(|i| matches(row, i) && approx_ok(row, i)) {
        Ok(())
    } else {
        Err(list(&of_key))
    }
}

#[test]
fn corpus_is_well_formed() {
    let rows = corpus().unwrap_or_else(|e| panic!("tests/corpus/phrasings.tsv: {e}"));
    let mut ids = HashSet::new();
    for r in &rows {
        assert!(ids.insert(r.id.as_str()), "line {}: duplicate id {}", r.line, r.id);
    }
    let positives = rows.iter().filter(|r| !r.negative).count();
    assert!(rows.len() >= 120, "the corpus holds {} rows; at least 120 expected", rows.len());
    assert!(positives >= 100, "the corpus holds {positives} positive rows; at least 100 expected");
    assert!(rows.iter().filter(|r| r.negative).count() >= 20, "too few negative rows");
    // Every family of indicators.tsv that prose reports state has rows.
    let families = [
        "proactive.total",
        "proactive.website",
        "proactive.gazette",
        "proactive.gazette_issues",
        "proactive.weibo",
        "proactive.wechat",
        "proactive.policy_interpretation",
        "proactive.public_concern",
        "press_conference",
        "reading_points",
        "apply.received",
        "apply.answered",
        "apply.channel.",
        "apply.result.",
        "withheld",
        "fees.charged",
        "fees.waived",
        "consult.",
        "reconsideration.",
        "litigation.",
        "npc_suggestions",
        "cppcc_proposals",
        "staff.",
    ];
    for f in families {
        assert!(
            rows.iter().any(|r| !r.negative && r.key.starts_with(f)),
            "no positive row for {f}"
        );
    }
    // Statements of zero for the families where reports state them in words.
    for f in ["apply.received", "fees.charged", "reconsideration.total", "litigation.total"] {
        assert!(
            rows.iter().any(|r| !r.negative && r.key == f && r.value == Some(0.0)),
            "no statement of zero for {f}"
        );
    }
}

#[test]
fn phrasings() {
    let rows = corpus().unwrap_or_else(|e| panic!("tests/corpus/phrasings.tsv: {e}"));
    let only: Vec<String> = std::env::var("PHRASINGS_ONLY")
        .map(|v| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| only.is_empty() || only.iter().any(|p| r.id.starts_with(p)))
        .collect();

    // Each distinct text once. A panic is reported for every row of its text, not the whole test.
    let mut results: HashMap<&str, Result<Vec<Indicator>, String>> = HashMap::new();
    for r in &rows {
        results.entry(r.text.as_str()).or_insert_with(|| {
            catch_unwind(AssertUnwindSafe(|| nianbao::analyze_text(&r.text, "t.txt").indicators))
                .map_err(|e| {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    format!("PANIC {msg}")
                })
        });
    }

    let mut by_family: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failed = 0;
    let mut gaps = Vec::new();
    // A long text is printed in full once, at its first failing row.
    let mut shown: HashMap<&str, &str> = HashMap::new();
    for r in &rows {
        let outcome = match &results[r.text.as_str()] {
            Ok(found) => check(r, found),
            Err(panic) => Err(panic.clone()),
        };
        let entry = by_family.entry(r.family.as_str()).or_default();
        entry.1 += 1;
        match outcome {
            Ok(()) if r.gap => {
                failed += 1;
                eprintln!(
                    "FAIL {} (line {}): passes now; remove the `?` that marks it a known gap",
                    r.id, r.line
                );
            }
            Ok(()) => entry.0 += 1,
            Err(_) if r.gap => gaps.push(r.id.as_str()),
            Err(found) => {
                failed += 1;
                eprintln!("FAIL {} (line {}, {})", r.id, r.line, r.note);
                match shown.get(r.text.as_str()) {
                    Some(first) if r.text.chars().count() > 100 => {
                        eprintln!("     text:     (the text of {first})")
                    }
                    _ => {
                        eprintln!(
                            "     text:     {}",
                            r.text.replace('\n', "\\n").replace('\t', "\\t")
                        );
                        shown.insert(r.text.as_str(), r.id.as_str());
                    }
                }
                eprintln!("     expected: {}", expected(r));
                eprintln!("     found:    {found}");
            }
        }
    }
    eprintln!();
    eprintln!("{:<34} {:>6} {:>6}", "family", "passed", "rows");
    for (family, (passed, total)) in &by_family {
        let mark = if passed == total { "" } else { "  ✗" };
        eprintln!("{family:<34} {passed:>6} {total:>6}{mark}");
    }
    if !gaps.is_empty() {
        eprintln!("known gaps (rows marked `?`): {}", gaps.join(" "));
    }
    eprintln!(
        "phrasings: {} passed, {} failed, {} skipped",
        rows.len() - failed - gaps.len(),
        failed,
        gaps.len()
    );
    assert_eq!(failed, 0, "{failed} of {} phrasing rows failed (see above)", rows.len());
}
