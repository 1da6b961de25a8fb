//! The indicator vocabulary: `rules/indicators.tsv` parsed once, and the typed [`Key`].
//!
//! Takes nothing; gives every stage, the CLI and the page one reading of the keys. A key names
//! one figure a report states (`apply.received`); a standard table-3 cell adds the applicant
//! column (`apply.received@natural_person`). Nowhere else is the `@column` grammar parsed or a
//! label looked up: rules and layouts name keys as text and turn them into [`Key`]s through
//! [`Key::parse`] once, when they are loaded; the page gets the whole vocabulary from the wasm
//! module ([`for_page`]).
//!
//! The file is `spec/indicators.tsv` (the keys the gold files use) followed by the keys of the
//! 2019 trial layout that the spec lacks (`used_in` = `standard2019`, not scored).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

/// The vocabulary file as embedded.
pub const INDICATORS_TSV: &str = include_str!("rules/indicators.tsv");

/// Which reports state a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UsedIn {
    /// Prose reports before 2019.
    Legacy,
    /// The 2019/2021 tables.
    Standard,
    /// Only the 2019 trial layout's table 二.
    Standard2019,
    Both,
}

/// One row of the vocabulary.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The key without column (`apply.received`).
    pub key: &'static str,
    /// Chinese label (`收到政府信息公开申请`).
    pub label: &'static str,
    /// The unit values are given in (件, 条, 元 …).
    pub unit: &'static str,
    pub used_in: UsedIn,
    /// Position in the file: the order of the regulation, used to sort keys for display.
    pub order: usize,
}

/// The applicant columns of table 3, in the official order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    NaturalPerson,
    Commercial,
    Research,
    PublicInterest,
    LegalService,
    OtherOrg,
    Total,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::NaturalPerson,
        Column::Commercial,
        Column::Research,
        Column::PublicInterest,
        Column::LegalService,
        Column::OtherOrg,
        Column::Total,
    ];

    /// The id written after `@` (`natural_person`).
    pub fn id(self) -> &'static str {
        match self {
            Column::NaturalPerson => "natural_person",
            Column::Commercial => "commercial",
            Column::Research => "research",
            Column::PublicInterest => "public_interest",
            Column::LegalService => "legal_service",
            Column::OtherOrg => "other_org",
            Column::Total => "total",
        }
    }

    /// The header of the official template (法人或其他组织 spelled out per column).
    pub fn label(self) -> &'static str {
        match self {
            Column::NaturalPerson => "自然人",
            Column::Commercial => "商业企业",
            Column::Research => "科研机构",
            Column::PublicInterest => "社会公益组织",
            Column::LegalService => "法律服务机构",
            Column::OtherOrg => "其他",
            Column::Total => "总计",
        }
    }

    pub fn parse(id: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// A key of the vocabulary, with the applicant column of a table-3 cell.
///
/// Two words, `Copy`; serialised as its text (`apply.received@natural_person`). The 总计 column
/// is the key itself: `apply.received@total` parses to the bare key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    entry: u16,
    column: Option<Column>,
}

impl Key {
    /// Reads `base` or `base@column`; `None` when the base is not in the vocabulary or the
    /// column is unknown.
    pub fn parse(text: &str) -> Option<Key> {
        let (base, column) = match text.split_once('@') {
            Some((b, c)) => (b, Some(Column::parse(c)?)),
            None => (text, None),
        };
        let entry = vocabulary().iter().position(|e| e.key == base)?;
        let column = column.filter(|&c| c != Column::Total);
        Some(Key { entry: u16::try_from(entry).ok()?, column })
    }

    /// [`Key::parse`] for keys named by the program's own tables, whose test proves them known.
    ///
    /// # Panics
    /// When `text` is not a key: a defect of a built-in table, caught by its unit test.
    pub fn known(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|| panic!("not a key of indicators.tsv: {text}"))
    }

    /// The same key for one applicant column (the 总计 column is the key itself).
    pub fn with_column(self, column: Column) -> Key {
        Key { entry: self.entry, column: (column != Column::Total).then_some(column) }
    }

    /// The key without its column.
    pub fn base_key(self) -> Key {
        Key { entry: self.entry, column: None }
    }

    pub fn entry(self) -> &'static Entry {
        &vocabulary()[usize::from(self.entry)]
    }

    /// The key without column, as text (`apply.received`).
    pub fn base(self) -> &'static str {
        self.entry().key
    }

    pub fn column(self) -> Option<Column> {
        self.column
    }

    /// The group a report states together (as `score.py --families` counts them):
    /// `apply.received`, `apply.channel`, `apply.result`; for the others the first part
    /// (`proactive`, `reconsideration`, `litigation`, `std` …).
    pub fn family(self) -> &'static str {
        let base = self.base();
        let mut dots = base.match_indices('.').map(|(i, _)| i);
        let first = dots.next();
        let cut = if base.starts_with("apply.") { dots.next() } else { first };
        cut.map_or(base, |i| &base[..i])
    }

    /// What follows the family (`denied.state_secret` of `apply.result.denied.state_secret`).
    pub fn item(self) -> &'static str {
        let base = self.base();
        base[self.family().len()..].trim_start_matches('.')
    }

    /// True when the key is `prefix` or lies under it (`apply.result` holds
    /// `apply.result.denied.state_secret`).
    pub fn is_under(self, prefix: &str) -> bool {
        let base = self.base();
        base == prefix || (base.starts_with(prefix) && base[prefix.len()..].starts_with('.'))
    }

    /// Chinese label, the column spelled out: `同意公开 / 予以公开（自然人）`.
    pub fn label(self) -> String {
        let label = self.entry().label;
        match self.column {
            Some(c) => format!("{label}（{}）", c.label()),
            None => label.to_string(),
        }
    }

    /// The unit values of this key are given in.
    pub fn unit(self) -> &'static str {
        self.entry().unit
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}@{}", self.base(), c.id()),
            None => f.write_str(self.base()),
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({self})")
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        // `base` or `base@column` (a base never holds `@`): most keys differ in the base.
        let Some(rest) = other.strip_prefix(self.base()) else { return false };
        match rest.strip_prefix('@') {
            None => rest.is_empty() && self.column.is_none(),
            Some(c) => match Column::parse(c) {
                Some(Column::Total) => self.column.is_none(),
                Some(col) => self.column == Some(col),
                None => false,
            },
        }
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        *self == *other.as_str()
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        Key::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown key {text}")))
    }
}

/// Every row of the vocabulary, in the file's order.
pub fn vocabulary() -> &'static [Entry] {
    static V: OnceLock<Vec<Entry>> = OnceLock::new();
    V.get_or_init(|| parse(INDICATORS_TSV))
}

fn parse(tsv: &'static str) -> Vec<Entry> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .enumerate()
        .map(|(order, line)| {
            let mut cols = line.split('\t');
            let mut next = || cols.next().unwrap_or("").trim();
            let (key, label, unit, used_in) = (next(), next(), next(), next());
            let used_in = match used_in {
                "legacy" => UsedIn::Legacy,
                "standard" => UsedIn::Standard,
                "standard2019" => UsedIn::Standard2019,
                _ => UsedIn::Both,
            };
            Entry { key, label, unit, used_in, order }
        })
        .collect()
}

/// What the page needs to show keys without parsing them: every entry, the columns, and for
/// every key text an indicator may carry (bare, and with each column for the table-3 keys) its
/// label, base, column and family.
#[derive(Serialize)]
pub struct ForPage {
    pub entries: &'static [Entry],
    /// `[{id, label}]` of the applicant columns.
    pub columns: Vec<(&'static str, &'static str)>,
    /// Key text → `{label, base, column, family, order}`.
    pub keys: std::collections::BTreeMap<String, KeyInfo>,
}

#[derive(Serialize)]
pub struct KeyInfo {
    pub label: String,
    pub base: &'static str,
    pub column: Option<&'static str>,
    pub family: &'static str,
    pub unit: &'static str,
    pub order: usize,
}

/// The vocabulary for the page (see [`ForPage`]).
pub fn for_page() -> ForPage {
    let mut keys = std::collections::BTreeMap::new();
    for (i, e) in vocabulary().iter().enumerate() {
        let key = Key { entry: i as u16, column: None };
        let columns: &[Column] =
            if key.is_under("apply") && e.used_in != UsedIn::Legacy { &Column::ALL } else { &[] };
        for k in std::iter::once(key).chain(columns.iter().map(|&c| key.with_column(c))) {
            let info = KeyInfo {
                label: k.label(),
                base: e.key,
                column: k.column().map(Column::id),
                family: k.family(),
                unit: e.unit,
                order: e.order,
            };
            keys.insert(k.to_string(), info);
        }
    }
    ForPage {
        entries: vocabulary(),
        columns: Column::ALL.iter().map(|c| (c.id(), c.label())).collect(),
        keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for e in vocabulary() {
            assert!(seen.insert(e.key), "duplicate key {}", e.key);
            assert!(!e.label.is_empty() && !e.unit.is_empty(), "{}", e.key);
            assert!(
                e.key.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{}",
                e.key
            );
        }
        assert!(vocabulary().len() >= 98);
    }

    #[test]
    fn keys_parse_print_and_compare() {
        let k = Key::parse("apply.result.granted@natural_person").unwrap();
        assert_eq!(k.to_string(), "apply.result.granted@natural_person");
        assert_eq!(k.base(), "apply.result.granted");
        assert_eq!(k.column(), Some(Column::NaturalPerson));
        assert_eq!(k.label(), "同意公开 / 予以公开（自然人）");
        assert_eq!(k, "apply.result.granted@natural_person");
        assert_ne!(k, "apply.result.granted");
        // The 总计 column is the key itself.
        let total = Key::parse("apply.received@total").unwrap();
        assert_eq!(total, Key::parse("apply.received").unwrap());
        assert_eq!(total, "apply.received@total");
        assert_eq!(total.to_string(), "apply.received");
        assert_eq!(Key::parse("apply.nonsense"), None);
        assert_eq!(Key::parse("apply.received@nobody"), None);
        assert_eq!(serde_json::to_string(&k).unwrap(), "\"apply.result.granted@natural_person\"");
        let back: Key = serde_json::from_str("\"litigation.direct.total\"").unwrap();
        assert_eq!(back, "litigation.direct.total");
    }

    #[test]
    fn families_and_items() {
        let fam = |k: &str| Key::known(k).family();
        assert_eq!(fam("apply.result.denied.state_secret"), "apply.result");
        assert_eq!(fam("apply.received"), "apply.received");
        assert_eq!(fam("apply.channel.fax"), "apply.channel");
        assert_eq!(fam("litigation.direct.total"), "litigation");
        assert_eq!(fam("npc_suggestions"), "npc_suggestions");
        assert_eq!(Key::known("apply.result.denied.state_secret").item(), "denied.state_secret");
        assert_eq!(Key::known("proactive.total").item(), "total");
        assert!(Key::known("apply.result.denied.state_secret").is_under("apply.result"));
        assert!(!Key::known("apply.received").is_under("apply.re"));
    }

    #[test]
    fn the_2019_keys_follow_the_spec_keys() {
        let first_2019 = vocabulary().iter().position(|e| e.used_in == UsedIn::Standard2019);
        let first_2019 = first_2019.expect("2019 keys");
        assert!(vocabulary()[first_2019..].iter().all(|e| e.used_in == UsedIn::Standard2019));
        assert_eq!(Key::known("std.procurement.amount").unit(), "元");
    }

    #[test]
    fn the_page_gets_every_key_text() {
        let p = for_page();
        assert_eq!(p.keys["apply.received@commercial"].label, "收到政府信息公开申请（商业企业）");
        assert_eq!(p.keys["apply.received@commercial"].base, "apply.received");
        assert!(p.keys.contains_key("proactive.total"));
        assert!(!p.keys.contains_key("proactive.total@commercial"));
    }
}
