//! Who wrote a report and for which year: agency names made comparable, reports grouped.
//!
//! Takes the digests; gives one [`Agency`] per normalised name with its reports by year, in the
//! order the agencies first appear. Names are folded (traditional → simplified, full-width →
//! half-width), stripped of white space and punctuation, and rewritten by [`NAME_REWRITES`], so
//! that 淮安市人民政府办公室, 淮安市政府办公室 and 淮安市人民政府辦公室 are one agency.

use super::{BatchFinding, Digest};
use crate::model::Severity;
use crate::normalize::fold;
use std::collections::BTreeMap;

/// Ways of writing one name, as (written, key form), applied in order to the folded name.
/// Example beside each: the two names that become one.
#[rustfmt::skip]
pub const NAME_REWRITES: &[(&str, &str, [&str; 2])] = &[
    ("人民政府", "政府", ["淮安市人民政府办公室", "淮安市政府办公室"]),
    ("政府办公室", "政府办", ["淮安市政府办公室", "淮安市政府办"]),
    ("政府办公厅", "政府办", ["江苏省政府办公厅", "江苏省政府办"]),
];

/// A province or region before a city or county (江苏省淮安市): left out, since a city's reports
/// name their province in some years and not in others.
const UPPER_LEVELS: &[&str] = &["省", "自治区"];
/// What must follow such a prefix for it to be one: a lower level of government.
const LOWER_LEVELS: &[char] = &['市', '县', '区', '州', '盟', '旗'];

/// The comparable form of an agency name.
pub fn agency_key(name: &str) -> String {
    let mut key: String =
        fold(name).chars().filter(|c| !c.is_whitespace() && !is_punctuation(*c)).collect();
    for (from, to, _) in NAME_REWRITES {
        key = key.replace(from, to);
    }
    for upper in UPPER_LEVELS {
        if let Some(at) = key.find(upper) {
            let rest = &key[at + upper.len()..];
            let prefix_len = key[..at].chars().count();
            if (2..=6).contains(&prefix_len)
                && rest.chars().take(6).any(|c| LOWER_LEVELS.contains(&c))
            {
                key = rest.to_string();
            }
            break;
        }
    }
    key
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "、，。：；（）《》“”‘’·—".contains(c)
}

/// One agency's reports.
#[derive(Debug)]
pub struct Agency {
    /// The normalised name ([`agency_key`]).
    pub key: String,
    /// The name as its latest report writes it.
    pub name: String,
    /// Year → indices of its reports (in the order given), years ascending.
    pub years: BTreeMap<i32, Vec<usize>>,
}

/// Groups the reports at `indices` (those with an agency and a year) per agency.
pub fn group(reports: &[Digest], indices: &[usize]) -> Vec<Agency> {
    let mut agencies: Vec<Agency> = Vec::new();
    for &i in indices {
        let r = &reports[i];
        let (Some(name), Some(year)) = (&r.agency, r.year) else { continue };
        let key = agency_key(name);
        if key.is_empty() {
            continue;
        }
        let at = match agencies.iter().position(|a| a.key == key) {
            Some(at) => at,
            None => {
                agencies.push(Agency { key, name: name.clone(), years: BTreeMap::new() });
                agencies.len() - 1
            }
        };
        let agency = &mut agencies[at];
        if agency.years.keys().next_back().is_none_or(|&latest| year >= latest) {
            agency.name = name.clone();
        }
        agency.years.entry(year).or_default().push(i);
    }
    agencies
}

/// `batch.same_year`: two different reports of one agency for one year (a revised edition, or
/// two bodies of one name). Year-over-year checks use the first.
pub fn same_year(agency: &Agency, reports: &[Digest]) -> Vec<BatchFinding> {
    let mut out = Vec::new();
    for (year, idx) in &agency.years {
        if idx.len() < 2 {
            continue;
        }
        let files: Vec<String> = idx.iter().map(|&i| reports[i].file.clone()).collect();
        out.push(BatchFinding::new(
            "batch.same_year",
            Severity::Info,
            format!(
                "{}{}年有 {} 份内容不同的报告：{}；逐年对比只用第一份",
                agency.name,
                year,
                files.len(),
                files.join("、")
            ),
            files,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_of_each_rewrite_become_one_name() {
        for (from, to, [a, b]) in NAME_REWRITES {
            assert_eq!(agency_key(a), agency_key(b), "{from} → {to}");
        }
    }

    #[test]
    fn scripts_punctuation_and_provinces_do_not_matter() {
        let key = agency_key("淮安市人民政府办公室");
        for name in [
            "淮安市人民政府辦公室",
            "淮安市 政府办公室",
            "江苏省淮安市人民政府办公室",
            "（淮安市政府办公室）",
        ] {
            assert_eq!(agency_key(name), key, "{name}");
        }
        // A province's own government keeps its name; other bodies stay apart.
        assert_eq!(agency_key("江苏省人民政府"), "江苏省政府");
        assert_ne!(agency_key("淮安市人民政府"), agency_key("淮安市人民政府办公室"));
        assert_ne!(agency_key("淮安市教育局"), agency_key("淮安市卫生健康委员会"));
    }
}
