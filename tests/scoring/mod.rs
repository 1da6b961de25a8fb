//! score.py's rule, for the tests that score gold files in-process (`tests/gold.rs`,
//! `tests/standard.rs`): takes gold JSON and analysed reports, gives (key, scope, value) triples.
//!
//! As in `../shared/bin/score.py`: scope defaults to `whole`, values are rounded to 4 places,
//! `@total` is stripped, and only keys of `spec/indicators.tsv` count (not the 2019 layout's own).

#![allow(dead_code)] // each test binary uses part of it

use nianbao::vocabulary::{Key, UsedIn};
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// (key without `@total`, scope, value × 10⁴ rounded).
pub type Triple = (String, String, Option<i64>);

/// Whether score.py counts this key: its base is in the vocabulary and not only in the 2019
/// layout, and its column (if any) is an applicant column.
pub fn counted(key: &str) -> bool {
    Key::parse(key).is_some_and(|k| k.entry().used_in != UsedIn::Standard2019)
}

pub fn triple(key: &str, scope: Option<&str>, value: Option<f64>) -> Triple {
    let key = key.strip_suffix("@total").unwrap_or(key).to_string();
    let scope = scope.filter(|s| !s.is_empty()).unwrap_or("whole").to_string();
    (key, scope, value.map(|v| (v * 1e4).round() as i64))
}

/// The triple of one indicator as JSON (a gold entry or an emitted indicator).
pub fn triple_of(d: &Value) -> Triple {
    triple(
        d.get("key").and_then(Value::as_str).unwrap_or(""),
        d.get("scope").and_then(Value::as_str),
        d.get("value").and_then(Value::as_f64),
    )
}

/// The triples of a gold list (`required`, `allowed`).
pub fn gold_triples(list: &Value) -> HashSet<Triple> {
    list.as_array().map(|a| a.iter().map(triple_of).collect()).unwrap_or_default()
}

/// The triples of a report's indicators that score.py counts.
pub fn emitted(report: &nianbao::Report) -> HashSet<Triple> {
    let json = serde_json::to_value(&report.indicators).expect("indicators JSON");
    json.as_array()
        .map(|a| {
            a.iter().filter(|d| counted(d["key"].as_str().unwrap_or(""))).map(triple_of).collect()
        })
        .unwrap_or_default()
}

pub fn show(t: &Triple) -> String {
    let v = t.2.map(|v| (v as f64 / 1e4).to_string()).unwrap_or_else(|| "null".into());
    format!("({}, {}, {})", t.0, t.1, v)
}

/// The `*.gold.json` files of a directory, sorted.
pub fn gold_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    v.sort();
    v
}
