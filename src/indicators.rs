//! Stage: normalised prose → indicators of `indicators.tsv`.
//!
//! Takes [`Normalized`] text (its clauses cut) and its [`Outline`]; gives [`Indicator`]s, one per
//! (key, scope). The phrasings are data: `src/rules/phrases.tsv`, one row per way of saying a
//! thing, with an example sentence beside it (tested below). A row is a pattern over normalised
//! text (simplified, half-width; the dialect of [`crate::pattern`]) with a few macros, conditions
//! on where it may stand, and how the scope is read.
//!
//! ## One pass
//! The rows are not run over the report one by one. Each row's pattern names the words any match
//! of it must hold (its triggers: `主动(?:公开|发布)…` needs 主动 and 公开 or 发布), and one
//! pass over the report ([`crate::lexicon`]) finds every trigger word of every row at once. A row is
//! then tried only on the sentences that hold all of its triggers, and its pattern is compiled
//! the first time that happens. What a match means is assembled per clause from the row's key,
//! the figure, its unit, the clause's subject (the scope, [`scope_of`]) and its topic.
//!
//! ## Rule rows (`phrases.tsv`)
//! `name  key[,key]  scope  value  conditions  pattern  example`
//! - `scope`: `auto` reads the subject of the clause (see [`scope_of`]); `own` / `whole` fix it.
//! - `value`: empty takes the figure `{N}`; a number (`0`) is the value of a statement in words
//!   (未发生……行政复议, 没有向申请人收费); `all` takes the last figure before the match in its
//!   sentence (复议案件2起,均维持 → 2), or before a 其中 list of parts (收到申请26件,其中当面4件,
//!   网上22件,全部按期答复 → 26).
//! - `conditions` (space-separated, all must hold; `weak` is a flag, see below): `sec:A|B` a heading above mentions A or B;
//!   `!sec:A|B` none does; `topic:W` the last of the topic words (复议 / 诉讼 / 咨询 / 申请)
//!   before the figure in its paragraph (the row's own words included) is W; when the paragraph
//!   has none, the rows of a table above it (a tabbed line: the row before) and then the headings
//!   above it (innermost first) name the topic; `topic:W|-` also holds where nothing names one;
//!   `scope:own` / `scope:whole` the scope read for the figure is that one (a bare 受理19件 counts
//!   only when its subject is the body itself); `sent:A|B` its sentence, before it, mentions A or B (`!sent:` none);
//!   `ctx:A|B` a heading above or its sentence mentions A or B (`ctx:A|B/C|D`: a heading A or B,
//!   or the sentence C or D); `!pre:X|Y` the text right before
//!   the match does not end with X or Y (patterns have no look-behind); `!next:X|Y` the text
//!   right after it does not start with X or Y (nor look-ahead: 无依申请公开收费 speaks of fees);
//!   `!post:X|Y` the rest of the sentence after the match does not contain X or Y.
//! - pattern macros: `{N}` one figure (numbers.rs: digits, Chinese numerals, 万, 余/近/约 …),
//!   which may follow a closing quote (答复“予以公开”31件); `{U:件|宗}` the unit as written;
//!   `{G}` / `{G12}` a gap of up to 8 / 12 characters inside one clause (no digits, no clause
//!   punctuation).
//! - word variants: text converted with Taiwan wording (OpenCC s2twp) writes 资讯 for 信息,
//!   释出 for 发布, 档案 for 文件, 视窗 for 窗口, 线上 for 在线 and 透过 for 通过 (政府資訊公開,
//!   新聞釋出會, 規範性檔案, 線上申請); every literal of a pattern or a condition with one also
//!   matches its variant ([`WORD_VARIANTS`]).
//!
//! A match lies inside one sentence (the splitter of [`crate::clauses`]).
//!
//! ## Lists
//! A list whose figures stand apart from its items (当面、网上、信函申请分别为6件、11件、2件;
//! 行政复议案件、行政诉讼案件各0件) is cut into one short sentence per item (当面申请6件, …),
//! and every row reads those: no row is written for a list ([`Distribution`]).
//!
//! When one key and scope is stated more than once, the earliest statement wins, except that a
//! `weak` row (and every statement in words, like 未发生) gives way to any other row; the other
//! values are reported by the checks as a `value.conflict`.

use crate::clauses::Clauses;
use crate::lexicon::{self, Lexicon};
use crate::model::{Indicator, Key, Scope, Span};
use crate::normalize::{fold, Normalized};
use crate::numbers::{Number, NUMBER};
use crate::outline::Outline;
use crate::pattern::{Captures, Pattern};
use std::sync::OnceLock;

/// The phrase table, as the library carries it: `build.rs` strips comments and examples.
pub const PHRASES: &str = include_str!(concat!(env!("OUT_DIR"), "/phrases.rules"));

/// The phrase table as written, examples included (for the tests).
#[cfg(test)]
pub const PHRASES_TSV: &str = include_str!("rules/phrases.tsv");

/// One row of the phrase table.
#[derive(Debug)]
pub struct Rule {
    pub name: String,
    pub keys: Vec<Key>,
    pub scope: ScopeRule,
    pub fixed: Option<f64>,
    /// The value is the last figure before the match in its sentence (`all`).
    pub all_of_previous: bool,
    pub conditions: Vec<Condition>,
    pub pattern: Pattern,
    /// Row index in the table.
    pub row: usize,
    /// 0 for a plain row, 1 for a `weak` row or a statement in words: lower wins.
    pub tier: u8,
    /// `scope:own` / `scope:whole`: the row counts only where the figure's scope is this one.
    pub only_scope: Option<Scope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeRule {
    Auto,
    Fixed(Scope),
}

#[derive(Debug, Clone)]
pub enum Condition {
    Section(Vec<String>),
    NotSection(Vec<String>),
    /// Any of these topics; `-` stands for "no topic word anywhere".
    Topic(Vec<String>),
    Sentence(Vec<String>),
    NotSentence(Vec<String>),
    /// Heading words, sentence words.
    Context(Vec<String>, Vec<String>),
    NotPreceded(Vec<String>),
    /// `!next:`: the text right after the match starts with none of these.
    NotNext(Vec<String>),
    NotFollowed(Vec<String>),
    /// `sum:first`: when a 总计/合计 follows in the sentence, the figure is one part of a sum of
    /// several (网站3522条,在市政府网站专栏586条,总计4108条), and only the sentence's first
    /// figure is the channel the row names; the other parts are someone else's.
    FirstPartOfSum,
}

/// Topic words: the last of them before a match (within its paragraph) names the topic. On a tie
/// (复议申请 ends where 申请 does) the later row wins, so compounds come last.
const TOPICS: &[(&str, &str)] = &[
    ("行政复议", "复议"),
    ("复议", "复议"),
    ("行政诉讼", "诉讼"),
    ("诉讼", "诉讼"),
    ("起诉", "诉讼"),
    ("诉请", "诉讼"),
    ("咨询", "咨询"),
    ("申请", "申请"),
    ("答复", "申请"),
    ("答覆", "申请"),
    ("复议申请", "复议"),
    ("诉讼请求", "诉讼"),
    ("败诉", "诉讼"),
    ("撤诉", "诉讼"),
    ("法院", "诉讼"),
    ("判决", "诉讼"),
    ("办理结果", "申请"),
    ("被诉", "诉讼"),
    ("应诉", "诉讼"),
    ("胜诉", "诉讼"),
];

/// Words that contain a topic word but name no topic: the 答复 of 维持原答复 is the decision under
/// review, the 申请 of 申请人撤回 the person and of 撤回申请 the person's act (the review's
/// applicant as much as the disclosure's: 复议申请人撤回申请1件; elsewhere 申请人 stays a word of
/// the disclosure: 告知申请人该信息已主动公开的9件).
const NEUTRAL_TOPIC_WORDS: &[&str] =
    &["原答复", "重新答复", "原告知", "申请人撤回", "申请人主动撤回", "撤回申请"];

/// Taiwan-wording variants of pattern words (OpenCC s2twp's phrase table, folded back by t2s,
/// which keeps the words): 政府資訊公開, 新聞釋出會, 規範性檔案, 視窗.
pub const WORD_VARIANTS: &[(&str, &str)] = &[
    ("信息", "资讯"),
    ("发布", "释出"),
    ("文件", "档案"),
    ("窗口", "视窗"),
    ("在线", "线上"),
    ("通过", "透过"),
];

/// Subjects that make a figure the body's own (本级 / 市政府及办公室 / one named account).
/// A marker right after 属于/非 is not a subject (不属于本机关公开的28件).
const OWN_SUBJECT: &str = concat!(
    r"本级|机关本级|(?:省|市|区|县|州|旗|盟)(?:人民)?政府官方|",
    r"(?:省|市|区|县|州|旗|盟)(?:人民)?政府办公(?:室|厅)|",
    r"(?:省|市|区|县|州|旗|盟)(?:人民)?政府(?:本级|机关)|",
    r"(?:省|市|区|县|州|旗|盟)(?:人民)?政府(?:和|及|与|或|、|及其)(?:省|市|区|县|州|旗|盟)?(?:人民)?(?:政府)?办(?:公室|公厅)?",
);
/// Inside a 其中 clause more subjects single out the body itself: 其中本机关收到12件,
/// 其中县政府办公室受理37件, 其中局机关受理45件, 其中市政府网站“网上宿迁”公开15032条. (Outside one, 本机关 is the
/// reporting body as a whole, and a named portal or account is the channel of the whole: 县政府
/// 门户网站“中国德清”全年共发布各类信息6,310条.)
const OWN_IN_QIZHONG: &str = concat!(
    r"本机关|本部门|本单位|本局|本委|(?:局|委|厅|办)机关|(?:省|市|区|县|州|旗|盟)(?:人民)?政府(?:办公室|办公厅|办)?(?:本身|机关)?|",
    r"(?:微博|微信|网站|公众号|客户端|头条号|抖音号?|视频号)“[^”]{1,16}”",
);

/// Channels a government runs (its portal, microblog, gazette): named after a government inside
/// 其中, they are where the whole's information went, not a part of the body.
const CHANNELS: &[&str] =
    &["门户网站", "网站", "政务微博", "微博", "政务微信", "微信", "公报", "政报"];

/// Subjects that make a figure the whole jurisdiction's.
const WHOLE_SUBJECT: &str =
    r"全(?:省|市|区|县|州|旗|盟|镇|乡)|各(?:级|地|县|区|镇|乡|街道|部门|单位)";

/// The phrase table with its trigger lexicon.
pub struct Table {
    pub rules: Vec<Rule>,
    /// Every trigger literal of every row.
    triggers: Lexicon,
    /// For each row, its literal sets as trigger ids (a match holds one of each set), but for
    /// its anchor's set.
    needs: Vec<Vec<Vec<u32>>>,
    /// For each trigger id, the rows whose most selective set holds it.
    anchored: Vec<Vec<u32>>,
    /// For each row whose matches start with one of a few literals, their trigger ids as a set
    /// of bits: the row is tried only where one of them stands (a bit test per trigger place, not
    /// a search).
    prefixes: Vec<Option<Box<[u64]>>>,
    /// Rows with no trigger at all: tried on every sentence.
    always: Vec<u32>,
}

/// The phrase table, parsed and indexed once.
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let rules = parse_rules(PHRASES).unwrap_or_else(|e| panic!("phrases.tsv: {e}"));
        Table::new(rules)
    })
}

/// The rows of the phrase table.
pub fn rules() -> &'static [Rule] {
    &table().rules
}

impl Table {
    fn new(rules: Vec<Rule>) -> Table {
        let mut literals: Vec<Box<str>> = Vec::new();
        let mut id_of = std::collections::HashMap::<Box<str>, u32>::new();
        let mut needs = Vec::with_capacity(rules.len());
        let mut anchors = Vec::with_capacity(rules.len());
        let mut prefixes = Vec::with_capacity(rules.len());
        let mut id = |l: &str, literals: &mut Vec<Box<str>>| {
            *id_of.entry(l.into()).or_insert_with(|| {
                literals.push(l.into());
                literals.len() as u32 - 1
            })
        };
        // A set with a word that stands nearly everywhere tells nothing: no trigger is looked
        // for, and the row is tried without it.
        let telling = |set: &&Vec<Box<str>>| !set.iter().any(|l| stands_everywhere(l));
        for rule in &rules {
            // Digits would fire at every figure: a row that starts with its figure scans instead;
            // so does one that may start with a comma (列表中微博N条: ,、及 or 和 before 微博).
            let starts = rule.pattern.prefix_literals().filter(|set| {
                set.len() <= 24
                    && !set.iter().any(|l| {
                        l.starts_with(|c: char| c.is_ascii_digit()) || stands_everywhere(l)
                    })
            });
            prefixes.push(starts.map(|set| set.iter().map(|l| id(l, &mut literals)).collect()));
            let sets: Vec<&Vec<Box<str>>> =
                rule.pattern.required_literals().iter().filter(telling).collect();
            // The anchor: the most selective set that names none of the words most sentences
            // of a report hold; else the most selective set.
            let rare: Vec<Vec<Box<str>>> = sets
                .iter()
                .filter(|set| !set.iter().any(|l| in_most_sentences(l)))
                .map(|set| set.to_vec())
                .collect();
            let best = crate::pattern::best_set(rare).or_else(|| {
                crate::pattern::best_set(sets.iter().map(|set| set.to_vec()).collect())
            });
            let mut ids_of_sets = Vec::new();
            let mut anchor = Vec::new();
            for set in sets {
                let ids: Vec<u32> = set.iter().map(|l| id(l, &mut literals)).collect();
                // The anchor's set holds wherever the row is tried (it is tried because one of
                // its words stands there): not tested again.
                if best.as_ref() == Some(set) && anchor.is_empty() && !ids.is_empty() {
                    anchor = ids;
                } else {
                    ids_of_sets.push(ids);
                }
            }
            // A `sent:` condition asks for one of its words before the match in its sentence:
            // a sentence with none of them anywhere is no place to try the row.
            for c in &rule.conditions {
                if let Condition::Sentence(words) = c {
                    if words.iter().all(|w| {
                        !w.is_empty()
                            && !w.contains(crate::clauses::SENTENCE_ENDS)
                            && !stands_everywhere(w)
                    }) {
                        ids_of_sets.push(words.iter().map(|w| id(w, &mut literals)).collect());
                    }
                }
            }
            // The set of longer words first: it fails most often, and the test stops there; a
            // set of a word of most sentences last but for those of one character.
            ids_of_sets.sort_by_key(|set: &Vec<u32>| {
                let words = || set.iter().map(|&i| &*literals[i as usize]);
                let shortest = words().map(|l| l.chars().count()).min().unwrap_or(0);
                let common = words().any(in_most_sentences);
                (shortest == 1, common, std::cmp::Reverse(shortest))
            });
            needs.push(ids_of_sets);
            anchors.push(anchor);
        }
        let mut anchored = vec![Vec::new(); literals.len()];
        let mut always = Vec::new();
        for (row, anchor) in anchors.iter().enumerate() {
            if anchor.is_empty() {
                always.push(row as u32);
            }
            for &id in anchor {
                anchored[id as usize].push(row as u32);
            }
        }
        let words = literals.len().div_ceil(64);
        let prefixes = prefixes
            .into_iter()
            .map(|ids: Option<Vec<u32>>| {
                ids.map(|ids| {
                    let mut bits = vec![0u64; words].into_boxed_slice();
                    for id in ids {
                        bits[id as usize / 64] |= 1 << (id % 64);
                    }
                    bits
                })
            })
            .collect();
        let triggers = Lexicon::new(&literals);
        Table { rules, triggers, needs, anchored, prefixes, always }
    }

    /// Each sentence that may hold a match, with the trigger words in it (id, place) and the
    /// rows to try there, in row order.
    fn candidate_rows(&self, text: &str, clauses: &Clauses) -> Hits {
        // Trigger words per sentence, from one pass: (sentence, trigger id, place), in the order
        // of their places, so in sentence order (a trigger never spans a sentence's end).
        let sentences: Vec<(usize, usize)> = clauses.sentences().collect();
        // About one trigger word stands in every seven bytes of a report: sized once, not grown.
        let mut found: Vec<(u32, u32, u32)> = Vec::with_capacity(text.len() / 6);
        let mut s = 0;
        self.triggers.find_all(text, |id, at| {
            while s + 1 < sentences.len() && sentences[s].1 <= at {
                s += 1;
            }
            while s > 0 && sentences[s].0 > at {
                s -= 1;
            }
            if s < sentences.len() {
                found.push((s as u32, id, at as u32));
            }
        });
        debug_assert!(found.is_sorted_by_key(|&(s, _, _)| s));
        // `present[id]` and `tried[row]` hold the number (from 1) of the last sentence that had
        // the word or tried the row: no clearing between sentences, and a look-up is one load.
        let mut present = vec![0u32; self.anchored.len()];
        let mut tried = vec![0u32; self.rules.len()];
        let mut sentence_hits = Vec::new();
        let mut rows = Vec::new();
        let mut next = 0;
        for (i, &range) in sentences.iter().enumerate() {
            let first = next;
            while next < found.len() && found[next].0 as usize == i {
                next += 1;
            }
            let here = &found[first..next];
            if here.is_empty() && self.always.is_empty() {
                continue;
            }
            let stamp = i as u32 + 1;
            for &(_, id, _) in here {
                present[id as usize] = stamp;
            }
            let first_row = rows.len();
            let mut consider = |row: u32, rows: &mut Vec<u32>| {
                if tried[row as usize] == stamp {
                    return;
                }
                tried[row as usize] = stamp;
                let needs = &self.needs[row as usize];
                let all_sets =
                    needs.iter().all(|set| set.iter().any(|&id| present[id as usize] == stamp));
                if all_sets {
                    rows.push(row);
                }
            };
            for &row in &self.always {
                consider(row, &mut rows);
            }
            for &(_, id, _) in here {
                for &row in &self.anchored[id as usize] {
                    consider(row, &mut rows);
                }
            }
            if rows.len() > first_row {
                rows[first_row..].sort_unstable();
                sentence_hits.push(SentenceHits {
                    range,
                    places: first..next,
                    rows: first_row..rows.len(),
                });
            }
        }
        Hits { sentences: sentence_hits, places: found, rows }
    }

    /// Where a row may start a match in a sentence, into `starts` (in order, each once): at its
    /// prefix literals. False when the row may start anywhere.
    fn starts(&self, row: u32, places: &[(u32, u32, u32)], starts: &mut Vec<usize>) -> bool {
        let Some(prefixes) = self.prefixes[row as usize].as_deref() else { return false };
        starts.clear();
        // The places are in text order; two words at one place give it once.
        for &(_, id, at) in places {
            let at = at as usize;
            if prefixes[id as usize / 64] >> (id % 64) & 1 != 0 && starts.last() != Some(&at) {
                starts.push(at);
            }
        }
        true
    }
}

/// The sentences of a report that hold the trigger words of some row: their places and rows,
/// each sentence's a range of the one vector (not two vectors for every sentence).
struct Hits {
    sentences: Vec<SentenceHits>,
    /// (sentence, trigger id, byte offset) of every trigger word, in order.
    places: Vec<(u32, u32, u32)>,
    /// The rows to try, in order in each sentence.
    rows: Vec<u32>,
}

/// One sentence of the report with the trigger words found in it.
struct SentenceHits {
    range: (usize, usize),
    /// Its trigger words, in [`Hits::places`].
    places: std::ops::Range<usize>,
    /// Its rows, in [`Hits::rows`].
    rows: std::ops::Range<usize>,
}

/// Words that stand in most sentences of a report (a report of the seeds' holds 公开 94 times,
/// 信息 68, 政府 60, 发布 17, 情况 15, 申请 13): a row anchored on one of them is looked at at each
/// of its places, and a rarer set of the row (同意部分公开: 部分) anchors it instead. Half of
/// the rows looked at were looked at for 公开. This orders the work only: every row is still
/// tried wherever all its sets stand, and what it finds is the same.
const IN_MOST_SENTENCES: &[&str] = &["公开", "信息", "发布", "申请", "情况", "政府"];

/// One of [`IN_MOST_SENTENCES`] or its variant ([`WORD_VARIANTS`]: 资讯 for 信息).
fn in_most_sentences(word: &str) -> bool {
    let plain = WORD_VARIANTS.iter().find(|&&(_, variant)| variant == word).map_or(word, |v| v.0);
    IN_MOST_SENTENCES.contains(&plain)
}

/// A word that stands in nearly every sentence (a comma, a digit: one character that is no
/// ideograph): as a trigger it would fire some thirty times a report for every row that
/// names it (, and 、 were three trigger places in twenty), and it tells no sentence apart.
fn stands_everywhere(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !crate::normalize::is_han(c))
}

/// Parses the phrase table (with or without its example column). Errors name the row.
pub fn parse_rules(tsv: &str) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    for (line_no, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            return Err(format!("line {}: expected 7 columns, found {}", line_no + 1, cols.len()));
        }
        let at = |what: &str| format!("line {} ({}): {what}", line_no + 1, cols[0]);
        let scope = match cols[2] {
            "auto" => ScopeRule::Auto,
            "own" => ScopeRule::Fixed(Scope::Own),
            "whole" => ScopeRule::Fixed(Scope::Whole),
            other => return Err(at(&format!("unknown scope {other}"))),
        };
        let all_of_previous = cols[3].trim() == "all";
        let fixed = match cols[3].trim() {
            "" | "all" => None,
            v => Some(v.parse::<f64>().map_err(|_| at("bad value"))?),
        };
        let weak = cols[4].split_whitespace().any(|c| c == "weak") || fixed.is_some();
        let only_scope = match cols[4].split_whitespace().find_map(|c| c.strip_prefix("scope:")) {
            None => None,
            Some("own") => Some(Scope::Own),
            Some("whole") => Some(Scope::Whole),
            Some(other) => return Err(at(&format!("unknown scope condition {other}"))),
        };
        let conditions = cols[4]
            .split_whitespace()
            .filter(|&c| c != "weak" && !c.starts_with("scope:"))
            .map(|c| parse_condition(c).ok_or_else(|| at(&format!("bad condition {c}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let keys = cols[1]
            .split(',')
            .map(|k| Key::parse(k.trim()).ok_or_else(|| at(&format!("unknown key {k}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let source = expand(cols[5]);
        if fixed.is_none() && !all_of_previous && !source.contains("(?P<num>") {
            return Err(at("no {N} and no fixed value"));
        }
        let pattern = Pattern::new(&source).map_err(|e| at(&e))?;
        rules.push(Rule {
            name: cols[0].to_string(),
            keys,
            scope,
            fixed,
            all_of_previous,
            conditions,
            pattern,
            row: rules.len(),
            tier: u8::from(weak),
            only_scope,
        });
    }
    Ok(rules)
}

fn parse_condition(c: &str) -> Option<Condition> {
    let (name, arg) = c.split_once(':')?;
    let list = || words_with_variants(arg);
    Some(match name {
        "sec" => Condition::Section(list()),
        "!sec" => Condition::NotSection(list()),
        "topic" => Condition::Topic(arg.split('|').map(str::to_string).collect()),
        "sent" => Condition::Sentence(list()),
        "!sent" => Condition::NotSentence(list()),
        "ctx" => {
            let (heading, sentence) = arg.split_once('/').unwrap_or((arg, arg));
            Condition::Context(words_with_variants(heading), words_with_variants(sentence))
        }
        "!pre" => Condition::NotPreceded(list()),
        "!next" => Condition::NotNext(list()),
        "!post" => Condition::NotFollowed(list()),
        "sum" if arg == "first" => Condition::FirstPartOfSum,
        _ => return None,
    })
}

/// The words of a condition (`A|B`), folded, each with its Taiwan-wording variants
/// ([`WORD_VARIANTS`]): a condition on 信息公开 holds in 政府資訊公開 as a pattern's 信息 does.
fn words_with_variants(arg: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in arg.split('|').map(fold) {
        for (plain, variant) in WORD_VARIANTS {
            if word.contains(plain) {
                out.push(word.replace(plain, variant));
            }
        }
        out.push(word);
    }
    out
}

/// Expands the pattern macros and the word variants.
pub(crate) fn expand(pattern: &str) -> String {
    let mut varied = pattern.to_string();
    for (word, variant) in WORD_VARIANTS {
        varied = varied.replace(word, &format!("(?:{word}|{variant})"));
    }
    let pattern = varied.as_str();
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let inner = &rest[open + 1..open + close];
        match inner {
            // A tab or space may stand before a figure (本年度共受理申请\t35件), and a closing
            // quote after a quoted label (答复“予以公开”31件).
            "N" => {
                out.push_str("[”’]?[\\t ]?");
                out.push_str(NUMBER);
            }
            "G" => out.push_str(&gap(8)),
            _ if inner.starts_with('G') && inner[1..].bytes().all(|b| b.is_ascii_digit()) => {
                out.push_str(&gap(inner[1..].parse().unwrap_or(8)))
            }
            _ if inner.starts_with("U:") => {
                out.push_str("(?P<unit>");
                out.push_str(&inner[2..]);
                out.push(')');
            }
            _ => out.push_str(&rest[open..=open + close]), // a repetition like {2,4}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn gap(n: usize) -> String {
    format!("[^,;。:!?\\n\\t0-9]{{0,{n}}}?")
}

/// A candidate before the one-per-key choice.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub indicator: Indicator,
    pub tier: u8,
    pub row: usize,
    pub start: usize,
    /// Where its figure stands (the match's end for a statement in words).
    pub figure: usize,
}

/// Every match of every rule, in text order; a list of items whose figures stand apart
/// (分别, 各) is read item by item ([`Distribution`]).
pub fn candidates(norm: &Normalized, outline: &Outline) -> Vec<Candidate> {
    let home = Home { level: home_level(&norm.text), office: office_report(&norm.text) };
    let mut out = direct_candidates(norm, outline, home);
    let lists = distributions(&norm.text, &norm.clauses);
    if lists.is_empty() {
        return out;
    }
    // A row that read into a list's figures (行政诉讼分别为2件 of 行政复议和行政诉讼分别为2件和
    // 1件) read the wrong figure for its words: the list's reading replaces it.
    out.retain(|c| !lists.iter().any(|l| c.start < l.end && c.figure >= l.marker));
    for list in &lists {
        read_list(norm, outline, home, list, &mut out);
    }
    out.sort_by_key(|c| c.start);
    out
}

/// The matches of the rows themselves, in text order.
fn direct_candidates(norm: &Normalized, outline: &Outline, home: Home) -> Vec<Candidate> {
    let text = norm.text.as_str();
    let clauses = &norm.clauses;
    let table = table();
    let mut out = Vec::new();
    let mut starts = Vec::new();
    let all = table.candidate_rows(text, clauses);
    for hits in &all.sentences {
        let (from, to) = hits.range;
        for &row in &all.rows[hits.rows.clone()] {
            let rule = &table.rules[row as usize];
            if sections_rule_out(rule, outline, hits.range) {
                continue;
            }
            if table.starts(row, &all.places[hits.places.clone()], &mut starts) {
                for caps in rule.pattern.captures_at_starts(text, &starts, to) {
                    read_match(norm, outline, home, rule, &caps, &mut out);
                }
            } else {
                for caps in rule.pattern.captures_iter_in(text, from, to) {
                    read_match(norm, outline, home, rule, &caps, &mut out);
                }
            }
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Reads one match of a row into candidates (one per key of the row), if its conditions hold.
fn read_match(
    norm: &Normalized,
    outline: &Outline,
    home: Home,
    rule: &'static Rule,
    caps: &Captures<'_, '_>,
    out: &mut Vec<Candidate>,
) {
    let text = norm.text.as_str();
    let clauses = &norm.clauses;
    let m = caps.whole();
    if outline.in_chrome(m.start())
        || !conditions_hold(rule, text, clauses, m.start(), m.end(), figure_at(caps), outline)
    {
        return;
    }
    let mut all_unit: Option<String> = None;
    let previous = || {
        let mut sentence = &text[sentence_start(text, clauses, m.start())..m.start()];
        // After a 其中 list of parts, "all" is the whole stated before it (收到申请26件,
        // 其中当面4件,网上22件,全部按期答复 → 26); after one 其中 figure, that one
        // (其中市政府本级收到37件,均已答复 → 37).
        if let Some(q) = lexicon::rfind(sentence, "其中") {
            if previous_figure().find_iter(&sentence[q..]).count() >= 2 {
                sentence = &sentence[..q];
            }
        }
        // A figure inside brackets is an aside (答复3050件(另有103件顺延),均在法定期限内答复).
        let in_brackets =
            |at: usize| sentence[..at].matches('(').count() > sentence[..at].matches(')').count();
        let caps = previous_figure()
            .captures_iter(sentence)
            .filter(|c| !in_brackets(c.whole().start()))
            .last()?;
        // "All" of a running total (累计被申请行政复议9件,均已维持) is no year's figure either.
        if cumulative(&sentence[..caps.whole().start()]) {
            return None;
        }
        let unit = caps.name("unit").map(|u| u.as_str().to_string());
        Number::from_captures(&caps).map(|n| (n.value, unit))
    };
    let (value, approx) = match rule.fixed {
        Some(v) => (v, None),
        // 维持5件 states its own figure: only a clause without one speaks of "all".
        None if rule.all_of_previous
            && previous_figure()
                .is_match(&text[m.end()..near_end(text, m.end(), clauses.clause_end(m.end()))]) =>
        {
            return
        }
        // "The rest" (其中当面申请3件,其余均为网上申请) is the figure before less its parts,
        // which no row computes: not the figure before.
        None if rule.all_of_previous && {
            let clause_at = near_start(text, clauses.clause_start(m.start()), m.start());
            THE_REST.iter().any(|w| lexicon::contains(&text[clause_at..m.start()], w))
        } =>
        {
            return
        }
        None if rule.all_of_previous => match previous() {
            Some((v, unit)) => {
                all_unit = unit;
                (v, None)
            }
            None => return,
        },
        None => match Number::from_captures(caps) {
            // The qualifier as written (約, not the folded 约).
            Some(n) => (
                n.value,
                n.approx
                    .and_then(|_| caps.name("pre").or_else(|| caps.name("post")))
                    .map(|q| norm.original_chars(norm.span(q.start(), q.end()))),
            ),
            None => return,
        },
    };
    let unit = caps.name("unit").map(|u| u.as_str().to_string()).or(all_unit).unwrap_or_default();
    let value = if unit.starts_with('万') && unit.ends_with('元') {
        crate::numbers::round(value * 1e4)
    } else {
        value
    };
    let number_at = caps.name("num").map_or(m.end(), |n| n.start());
    // A running total since the body began (累计, 历年, 自开通以来) is never the year's value;
    // a stock (查阅点, 工作人员) is what it is whenever it was counted.
    if caps.name("num").is_some()
        && !rule.keys.iter().all(|k| is_stock(*k))
        && cumulative(&text[sentence_start(text, clauses, m.start())..number_at])
    {
        return;
    }
    let scope = match rule.scope {
        ScopeRule::Fixed(s) => s,
        // An office's own report (现将我办……) speaks for the office as a whole: the office named
        // as subject (区政府办公室共收到8份申请) is the whole, not its government's own part.
        ScopeRule::Auto => match scope_of(text, clauses, home.level, m.start(), number_at) {
            Scope::Own if home.office => Scope::Whole,
            s => s,
        },
    };
    if rule.only_scope.is_some_and(|s| s != scope) {
        return;
    }
    let span: Span = norm.span(m.start(), m.end());
    for key in &rule.keys {
        out.push(Candidate {
            indicator: Indicator {
                key: *key,
                scope,
                value,
                unit: unit.clone(),
                approx: approx.clone(),
                span,
                quote: String::new(),
                rule: rule.name.clone(),
                cell: None,
            },
            tier: rule.tier,
            row: rule.row,
            start: m.start(),
            figure: number_at,
        });
    }
}

/// Words that make an `all` row speak of the rest of a figure, not of all of it.
const THE_REST: &[&str] = &["其余", "其他", "余下", "剩余", "剩下"];

/// A list whose figures stand apart from its items: "当面、网上、信函申请分别为6件、11件、2件"
/// (分别: one figure per item, in order) or "行政复议案件、行政诉讼案件各0件" (各: the one figure
/// for each item). Each item is read as a sentence of its own by every row ("当面申请6件",
/// "网上申请11件", …), so a list needs no row of its own.
#[derive(Debug)]
pub struct Distribution {
    /// The sentence each item makes, in the order of the items.
    pub sentences: Vec<String>,
    /// The part of each sentence before its verb and figure (the item with its lead and tail).
    pub heads: Vec<String>,
    /// Each item's figure in the text (the same one for every item of a 各 list).
    pub figures: Vec<(usize, usize)>,
    /// Where the first item starts, the 分别 / 各 stands, and the last figure ends.
    pub start: usize,
    pub marker: usize,
    pub end: usize,
}

/// Words that join the last two items of a list (A、B和C), or the only two (行政复议和行政诉讼).
const LIST_JOINS: &[&str] = &["以及", "和", "及", "与"];

/// What separates the figures of a 分别 list (6件、11件和2件).
const FIGURE_JOINS: &[&str] = &["、", "以及", "和", "及", "与", ","];

fn list_figure() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    P.get_or_init(|| {
        Pattern::new(&format!("{NUMBER}(?P<unit>件|宗|起|例|个|条|项|人次|次|人|名|篇|份|期|场)"))
            .expect("list figure")
    })
}

/// Every 分别 / 各 list of a text.
pub fn distributions(text: &str, clauses: &Clauses) -> Vec<Distribution> {
    // memmem, not `match_indices('各')`: that one looks for the character's last byte, which
    // a great many other characters end in.
    let at = |word: &'static str, searcher: &'static memchr::memmem::Finder<'static>| {
        searcher.find_iter(text.as_bytes()).map(move |marker| (marker, word))
    };
    let mut out: Vec<Distribution> = at("分别", lexicon::searcher!("分别"))
        .chain(at("各", lexicon::searcher!("各")))
        .filter_map(|(marker, word)| distribution(text, clauses, marker, word))
        .collect();
    out.sort_by_key(|l| l.marker);
    out
}

fn distribution(text: &str, clauses: &Clauses, marker: usize, word: &str) -> Option<Distribution> {
    let each = word == "各";
    // The figures: right after 各; after 分别, past a few words (为, 公开政府信息).
    let after_marker = marker + word.len();
    let sentence_end = sentence_end(text, clauses, after_marker);
    // 各 takes its figure right after it: one try there, not a search of the sentence (各 stands
    // in most sentences: 各类, 各级, 各部门).
    let first = if each {
        list_figure().captures_at(text, after_marker, sentence_end)?
    } else {
        list_figure().captures_in(text, after_marker, sentence_end)?
    }
    .whole();
    let between = &text[after_marker..first.start()];
    if (each && !between.is_empty())
        || between.chars().count() > 12
        || between.contains([',', ':', '、'])
        || between.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut figures = vec![(first.start(), first.end())];
    let mut at = first.end();
    // 各 has one figure for all; 分别 one for each item, joined (6件、11件和2件).
    while !each && at < sentence_end {
        let rest = &text[at..sentence_end];
        let Some(join) = FIGURE_JOINS.iter().find(|j| rest.starts_with(**j)) else { break };
        let Some(next) = list_figure().captures_at(text, at + join.len(), sentence_end) else {
            break;
        };
        figures.push((next.whole().start(), next.whole().end()));
        at = next.whole().end();
    }
    // The items: the clause before the marker, cut at 、 and at the join before the last item.
    let start = near_start(text, clauses.clause_start(marker), marker);
    let mut items: Vec<&str> = text[start..marker].split('、').collect();
    let wanted = if each { items.len().max(2) } else { figures.len() };
    if items.len() + 1 == wanted {
        let last = items.pop()?;
        match LIST_JOINS.iter().find_map(|j| last.rsplit_once(j)) {
            Some((a, b)) => items.extend([a, b]),
            None => items.push(last),
        }
    }
    // More parts than figures: the list is the end of the clause (其他、A和B分别为…).
    if items.len() > wanted {
        items.drain(..items.len() - wanted);
    }
    if items.len() < 2 || items.len() != wanted || items.iter().any(|i| i.is_empty()) {
        return None;
    }
    // Items of one length share what the first carries before them and the last after them
    // (2008–2018 lists name channels and outcomes in words of two or four characters):
    // 通过政府网站、政府公报、政务微博 (通过 for each), 当面、网上、信函申请 (申请 for each).
    let width = items[1].chars().count();
    let mut lead = "";
    let mut tail = "";
    if items[1..items.len() - 1].iter().all(|i| i.chars().count() == width) {
        let first = items[0];
        let n = first.chars().count();
        // A lead is a few words (通过, 全年发生); a longer one means items of unlike lengths
        // (市人大代表建议和市政协提案).
        if n > width && n - width <= 4 {
            let cut = first.char_indices().nth(n - width).map_or(0, |(i, _)| i);
            lead = &first[..cut];
            items[0] = &first[cut..];
        }
        let k = items.len() - 1;
        let last = items[k];
        if last.chars().count() > width && k > 1 {
            let cut = last.char_indices().nth(width).map_or(last.len(), |(i, _)| i);
            tail = &last[cut..];
            items[k] = &last[..cut];
        }
    }
    // What stands between the marker and the figures (公开政府信息) follows each item; a bare
    // 为 / 是 / 有 does not.
    let verb = match between {
        "为" | "是" | "有" | "达" | "达到" | "共" | "共计" | "占" => "",
        v => v,
    };
    let figures = if each { vec![figures[0]; items.len()] } else { figures };
    let heads: Vec<String> = items.iter().map(|item| format!("{lead}{item}{tail}")).collect();
    let sentences = heads
        .iter()
        .zip(&figures)
        .map(|(head, &(s, e))| format!("{head}{verb}{}", &text[s..e]))
        .collect();
    let end = figures.iter().map(|f| f.1).max()?;
    Some(Distribution { sentences, heads, figures, start, marker, end })
}

/// Reads each item of a list as its own sentence, under the headings above the list, and gives
/// the candidates found the list's place in the text: the scope read there, the span from the
/// first item to the item's figure.
fn read_list(
    norm: &Normalized,
    outline: &Outline,
    home: Home,
    list: &Distribution,
    out: &mut Vec<Candidate>,
) {
    let mut read = read_items(norm, outline, home, list, &list.sentences);
    // Two items show no width, so the words after the last one that belong to both stay with
    // it (当面和网上申请分别为3件和5件; 在官方微博、微信上发布信息分别为…). When the first item
    // reads nothing alone and the last one does, the first takes the shortest ending of the last
    // under which it reads a fact of another key.
    if let ([first, last], [first_head, last_head]) =
        (list.sentences.as_slice(), list.heads.as_slice())
    {
        let keys_of = |item: usize, read: &[(usize, Candidate)]| -> Vec<Key> {
            read.iter().filter(|(i, _)| *i == item).map(|(_, c)| c.indicator.key).collect()
        };
        let last_keys = keys_of(1, &read);
        if keys_of(0, &read).is_empty() && !last_keys.is_empty() {
            let rest = &first[first_head.len()..];
            let endings = last_head.char_indices().skip(1).map(|(i, _)| &last_head[i..]);
            let endings: Vec<&str> = endings.collect();
            for ending in endings.into_iter().rev() {
                let sentences = [format!("{first_head}{ending}{rest}"), last.clone()];
                let again = read_items(norm, outline, home, list, &sentences);
                let first_keys = keys_of(0, &again);
                if !first_keys.is_empty() && first_keys.iter().all(|k| !last_keys.contains(k)) {
                    read = again;
                    break;
                }
            }
        }
    }
    out.extend(read.into_iter().map(|(_, c)| c));
}

/// Reads the sentences of a list's items (one per item, in order): each candidate with the index
/// of its item, placed where the list stands in the text.
fn read_items(
    norm: &Normalized,
    outline: &Outline,
    home: Home,
    list: &Distribution,
    sentences: &[String],
) -> Vec<(usize, Candidate)> {
    let mut out = Vec::new();
    let text = norm.text.as_str();
    // The headings above, each a paragraph of its own (a line that runs on would be joined to
    // the next), so that rows asking for a section find it; without them if they do not stay
    // as they are.
    let compose = |titles: &[&str]| {
        let mut doc = String::new();
        for title in titles {
            doc.push_str(title);
            doc.push_str("\n\n");
        }
        let mut ranges = Vec::new();
        for s in sentences {
            let from = doc.len();
            doc.push_str(s);
            ranges.push((from, doc.len()));
            doc.push('。');
        }
        let items = crate::normalize::normalize(&doc);
        // These sentences are normal text already: places in them are places in `doc`.
        (items.text == doc).then_some((items, ranges))
    };
    let Some((items, ranges)) = compose(&outline.path_at(list.start)).or_else(|| compose(&[]))
    else {
        return out;
    };
    let items_home = Home { level: home_level(&items.text), office: office_report(&items.text) };
    for mut c in direct_candidates(&items, &crate::outline::outline(&items), items_home) {
        let Some(i) = ranges.iter().position(|&(s, e)| c.start >= s && c.start < e) else {
            continue;
        };
        let (at, end) = list.figures[i];
        // An item that names its own subject (市政府办公室) keeps the scope it read; the others
        // take the subject the list stands under.
        if table().rules[c.row].scope == ScopeRule::Auto && subject(&sentences[i]).is_none() {
            c.indicator.scope =
                match scope_of(text, &norm.clauses, home.level, list.start, list.start) {
                    Scope::Own if home.office => Scope::Whole,
                    s => s,
                };
        }
        c.indicator.span = norm.span(list.start, end);
        c.start = at;
        c.figure = at;
        out.push((i, c));
    }
    out
}

/// How far (in bytes, about 1,000 characters) the reading of a match looks around it for its
/// sentence, clause, paragraph and topic. Real sentences are far shorter; the bound keeps a text
/// with no sentence end (one line of megabytes) linear instead of quadratic in its matches.
const REACH: usize = 3000;

/// `start` (a sentence's or paragraph's start before `at`), or the first character within
/// [`REACH`] of `at` when it lies further back.
fn near_start(text: &str, start: usize, at: usize) -> usize {
    let mut lo = at.saturating_sub(REACH);
    if start >= lo {
        return start;
    }
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    lo
}

/// `end` (a sentence's or clause's end after `at`), or the last character within [`REACH`].
fn near_end(text: &str, at: usize, end: usize) -> usize {
    let mut hi = at.saturating_add(REACH).min(text.len());
    if end <= hi {
        return end;
    }
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    hi
}

/// The start of the sentence around `at`, within reach.
fn sentence_start(text: &str, clauses: &Clauses, at: usize) -> usize {
    near_start(text, clauses.sentence_start(at), at)
}

/// The end of the sentence around `at`, within reach.
fn sentence_end(text: &str, clauses: &Clauses, at: usize) -> usize {
    near_end(text, at, clauses.sentence_end(at))
}

/// Keys that count what stands rather than what was done in the year.
fn is_stock(key: Key) -> bool {
    key.is_under("reading_points") || key.is_under("staff")
}

/// Words that start a running total: the text between them and `以来` names when it began.
const SINCE: &[&str] =
    &["开通", "建成", "上线", "运行", "实施", "施行", "成立", "开设", "启用", "创建", "开办"];

/// Whether the part of a sentence before a figure makes the figure a running total rather than
/// the year's: 历年, 自……开通以来, or 累计 with no year to frame it (2016年……累计发布 and
/// 全年累计 are the year's; 截至2015年底……累计 and a bare 累计 are not).
///
/// A year framing a later clause leaves the running total behind: 历年累计主动公开政府信息2.1万条,
/// 本年度新增主动公开2,460条 states the year's figure after the total.
pub fn cumulative(before: &str) -> bool {
    let left_behind = |marker_end: usize| {
        let rest = &before[marker_end..];
        rest.find([',', ';']).is_some_and(|comma| year_frame(&rest[comma..]))
    };
    let marker = ["历年", "迄今", "至今"]
        .iter()
        .filter_map(|w| lexicon::rfind(before, w).map(|i| i + w.len()))
        .max();
    if marker.is_some_and(|end| !left_behind(end)) {
        return true;
    }
    if let Some(i) = lexicon::rfind(before, "以来") {
        let lead = &before[..i];
        let lead = lead.char_indices().rev().nth(7).map_or(lead, |(j, _)| &lead[j..]);
        if SINCE.iter().any(|w| lexicon::contains(lead, w)) && !left_behind(i) {
            return true;
        }
    }
    lexicon::contains(before, "累计") && !year_frame(before)
}

/// A year that frames the sentence: 全年, 本年度, 今年, or 2016年 that is not a date's end
/// (2015年底, 2015年12月) or the start of a period (2009年以来).
fn year_frame(s: &str) -> bool {
    const FRAMES: &[&str] = &["全年", "本年", "年度", "今年", "当年", "年内", "一年来"];
    if FRAMES.iter().any(|w| lexicon::contains(s, w)) {
        return true;
    }
    let bytes = s.as_bytes();
    s.match_indices('年').any(|(i, _)| {
        let digits = bytes[..i].iter().rev().take_while(|b| b.is_ascii_digit()).count();
        let after = &s[i + '年'.len_utf8()..];
        digits == 4
            && !after.starts_with(['底', '末', '初'])
            && !after.starts_with("以来")
            && !after.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Indicators from the prose: for each (key, scope) the earliest statement of the lowest tier.
pub fn from_prose(norm: &Normalized, outline: &Outline) -> Vec<Indicator> {
    choose(candidates(norm, outline))
}

/// One indicator per (key, scope): lowest tier, then earliest place.
pub fn choose(cands: Vec<Candidate>) -> Vec<Indicator> {
    let mut best: Vec<Candidate> = Vec::new();
    for c in cands {
        match best
            .iter_mut()
            .find(|b| b.indicator.key == c.indicator.key && b.indicator.scope == c.indicator.scope)
        {
            Some(b) if (c.tier, c.start) < (b.tier, b.start) => *b = c,
            Some(_) => {}
            None => best.push(c),
        }
    }
    best.sort_by_key(|c| c.start);
    best.into_iter().map(|c| c.indicator).collect()
}

/// Prose and table indicators together: a table cell wins over prose for the same key and scope
/// (the table is the statutory statement; disagreements are reported by the table checks).
pub fn merge(prose: Vec<Indicator>, tables: Vec<Indicator>) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = prose
        .into_iter()
        .filter(|p| !tables.iter().any(|t| t.key == p.key && t.scope == p.scope))
        .collect();
    out.extend(tables);
    out
}

fn compiled(cell: &'static OnceLock<Pattern>, source: &str) -> &'static Pattern {
    cell.get_or_init(|| Pattern::new(source).unwrap_or_else(|e| panic!("{source}: {e}")))
}

fn own_subject() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    compiled(&P, OWN_SUBJECT)
}

fn previous_figure() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    P.get_or_init(|| {
        Pattern::new(&format!("{NUMBER}(?P<unit>件|宗|起|例|个|条|项|人次)"))
            .expect("previous figure")
    })
}

fn own_in_qizhong() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    compiled(&P, OWN_IN_QIZHONG)
}

fn whole_subject() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    compiled(&P, WHOLE_SUBJECT)
}

/// Reads whether a figure is the body's own or the whole's.
///
/// The subject is what stands between the start of the clause and the figure; after a 其中 in
/// the same sentence only the part after it counts (其中市政府本级收到37件 is own, 其中当面申请
/// 100件 is a part of the whole). Without a subject in its clause, a figure takes the subject of
/// its sentence, and then of its paragraph's first sentence (市政府及办公室收到申请11件……传真申请1件).
pub fn scope_of(
    text: &str,
    clauses: &Clauses,
    home: Option<char>,
    mut match_start: usize,
    mut number_at: usize,
) -> Scope {
    let sent = sentence_start(text, clauses, match_start);
    // A part after 其中 is read against what stands before it, and that may be a part after an
    // earlier 其中: each is looked for in the one window of the sentence (finding the sentence's
    // start again from each 其中 walked back through every 其中 of a text with no sentence end,
    // one step each, for every figure: quadratic, and as deep a recursion as it once was).
    while let Some(q) = lexicon::rfind(&text[sent..number_at], "其中") {
        // 其中 may stand inside the match itself (其中涉及政府信息公开的12件). The rule's own
        // words before the figure (本机关不掌握相关政府信息的4件) are no subject: a subject
        // starts before the match.
        let sub = &text[sent + q..number_at];
        let subject_end = match_start.saturating_sub(sent + q);
        let subject_end = if subject_end > 0 { subject_end } else { sub.len() };
        // A government of another level than the report's is a channel the body used (a town's
        // column on the county's portal: 其中县政府门户网站石潭镇专栏发布信息92条), not a part
        // of the body.
        let other_level = |m: &str| {
            m.chars().next().is_some_and(|c| LEVELS.contains(c) && home.is_some_and(|h| h != c))
        };
        // A government's portal, microblog or gazette is a channel too, whoever runs it (其中县政府
        // 门户网站发布6418条 in a county's report counts the county's information).
        let channel_after = |end: usize| CHANNELS.iter().any(|c| sub[end..].starts_with(c));
        if subject(&sub[..subject_end]) == Some(Scope::Own)
            || own_in_qizhong().find_iter(sub).any(|m| {
                m.start() < subject_end
                    && !sub[..m.start()].ends_with(['于', '非'])
                    && !other_level(m.as_str())
                    && !channel_after(m.end())
            })
        {
            return Scope::Own;
        }
        // A part of what the sentence's subject did: the scope of the sentence before 其中.
        (match_start, number_at) = (sent + q, sent + q);
    }
    let clause_at = clauses.clause_start(match_start).max(sent);
    // The rule's own words before the figure (不属于本机关公开的) are no subject.
    let clause = &text[clause_at..match_start];
    if let Some(s) = subject(clause) {
        return s;
    }
    // The sentence's subject stands before its first figure (2016年,市政府及办公室收到申请11件,
    // ……): a body named later, in another clause, is the object of that clause, not the subject.
    if let Some(s) = subject(first_subject_part(&text[sent..clause_at])) {
        return s;
    }
    // A sentence that opens with its channel (县政府办公室发布210条;通过县政府门户网站发布1800条)
    // tells where the whole's information went, not what a subject before it did.
    if opens_with_channel(&text[sent..number_at]) {
        return Scope::Whole;
    }
    // Sentences joined by ';' share a subject: 市政府办公室被申请行政复议2件,均维持;被提起行政
    // 诉讼1件.
    let mut end = sent;
    let mut joined = 0;
    while end > 0 && text[..end].ends_with(';') && joined < 8 {
        joined += 1;
        let start = sentence_start(text, clauses, end - 1);
        if let Some(s) = subject(first_subject_part(&text[start..end - 1])) {
            return s;
        }
        end = start;
    }
    let para = near_start(text, clauses.line_start(match_start), sent);
    if para < sent {
        let first_end = text[para..sent].find(['。', ';', '!', '?']).map_or(sent, |i| para + i);
        // Only the subject before the paragraph's first figure counts.
        let lead = first_subject_part(&text[para..first_end]);
        if let Some(s) = subject(lead) {
            return s;
        }
    }
    Scope::Whole
}

/// Whether a sentence opens with the channel its figures went through (通过县政府门户网站…,
/// 经政务微博…): a phrase of [`CHANNELS`] after 通过/经/经由, before any figure.
fn opens_with_channel(sentence: &str) -> bool {
    let rest = sentence.trim_start_matches([' ', '\t']);
    let Some(rest) = ["通过", "经由", "经", "利用"].iter().find_map(|w| rest.strip_prefix(w))
    else {
        return false;
    };
    let head = first_subject_part(rest);
    CHANNELS.iter().any(|c| lexicon::contains(head, c))
}

/// The part of a sentence before its first figure that is not a year (2016年,市政府及办公室收到…),
/// and never past a 其中: what follows it is a part, not the subject (全市主动公开一万二千余条,
/// 其中市政府办公室公开1,035条 has the whole city as its subject).
fn first_subject_part(s: &str) -> &str {
    let s = lexicon::find(s, "其中").map_or(s, |q| &s[..q]);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let j = i + s[i..].find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len() - i);
            if !s[j..].starts_with('年') {
                return &s[..i];
            }
            i = j;
        } else {
            i += 1;
        }
    }
    s
}

/// Whom a report speaks for.
#[derive(Clone, Copy)]
struct Home {
    /// See [`home_level`].
    level: Option<char>,
    /// See [`office_report`].
    office: bool,
}

/// A government office's own report, which calls itself 我办 or 本办公室: its figures are the
/// office's whole, even where it names itself as a government's office.
fn office_report(text: &str) -> bool {
    text.contains("我办") || text.contains("本办公室")
}

/// Levels of jurisdiction, as the last character of their names.
const LEVELS: &str = "省市区县州旗盟镇乡";

/// The level a report speaks for: the one it most often calls its own or whole (我镇, 全县,
/// 本市).
fn home_level(text: &str) -> Option<char> {
    let mut counts = [0usize; 9];
    let leads = [
        ("我", lexicon::searcher!("我")),
        ("全", lexicon::searcher!("全")),
        ("本", lexicon::searcher!("本")),
    ];
    for (lead, searcher) in leads {
        // memmem, not `match_indices(char)`: that one looks for the character's last byte, a
        // continuation byte that nearly every Chinese character has somewhere.
        for i in searcher.find_iter(text.as_bytes()) {
            if let Some(c) = text[i + lead.len()..].chars().next() {
                if let Some(k) = LEVELS.chars().position(|l| l == c) {
                    counts[k] += 1;
                }
            }
        }
    }
    let (k, &n) = counts.iter().enumerate().max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))?;
    (n > 0).then(|| LEVELS.chars().nth(k)).flatten()
}

/// Own or whole, from the last subject marker in `s`. A name inside a title (《某市人民政府
/// 办公室关于……的通知》) or before 关于 (贯彻省政府办公厅关于……的部署) names a document's
/// issuer, not the subject.
fn subject(s: &str) -> Option<Scope> {
    // Brackets are counted only where a title opens at all: the count's search for 《 stops at
    // every character that ends in the same byte.
    let titled = s.contains('《');
    let in_title =
        |at: usize| titled && s[..at].matches('《').count() > s[..at].matches('》').count();
    // Every own subject holds 政府 or 本级, every whole one 全 or 各: where none stands, the
    // patterns need not run (the sentence-level test costs less than their search's set-up).
    let may_own = lexicon::contains(s, "政府") || lexicon::contains(s, "本级");
    let may_whole = lexicon::contains(s, "全") || lexicon::contains(s, "各");
    let o = may_own
        .then(|| own_subject().find_iter(s))
        .into_iter()
        .flatten()
        .filter(|m| !s[..m.start()].ends_with(['于', '非']) && !in_title(m.start()))
        .filter(|m| !s[m.end()..].starts_with("关于"))
        .last()
        .map(|m| m.start());
    let w = may_whole
        .then(|| whole_subject().find_iter(s))
        .into_iter()
        .flatten()
        .filter(|m| !in_title(m.start()))
        .last()
        .map(|m| m.start());
    match (o, w) {
        (Some(o), Some(w)) => Some(if o > w { Scope::Own } else { Scope::Whole }),
        (Some(_), None) => Some(Scope::Own),
        (None, Some(_)) => Some(Scope::Whole),
        (None, None) => None,
    }
}

/// Where the figure stands in a match (its end for a statement in words).
fn figure_at(caps: &Captures<'_, '_>) -> usize {
    caps.name("num").map_or_else(|| caps.whole().end(), |n| n.start())
}

fn conditions_hold(
    rule: &'static Rule,
    text: &str,
    clauses: &Clauses,
    start: usize,
    end: usize,
    figure: usize,
    outline: &Outline,
) -> bool {
    rule.conditions.iter().all(|c| match c {
        Condition::Section(words) => section_mentions(outline, start, words),
        Condition::NotSection(words) => !section_mentions(outline, start, words),
        Condition::Topic(topics) => match topic_at(text, clauses, figure, outline) {
            Some(found) => topics.iter().any(|t| t == found),
            None => topics.iter().any(|t| t == "-"),
        },
        Condition::Sentence(words) => {
            let before = &text[sentence_start(text, clauses, start)..start];
            words.iter().any(|w| lexicon::contains(before, w))
        }
        Condition::NotSentence(words) => {
            let before = &text[sentence_start(text, clauses, start)..start];
            !words.iter().any(|w| lexicon::contains(before, w))
        }
        Condition::Context(heading, in_sentence) => {
            let sentence =
                &text[sentence_start(text, clauses, start)..sentence_end(text, clauses, end)];
            section_mentions(outline, start, heading)
                || in_sentence.iter().any(|w| lexicon::contains(sentence, w))
        }
        Condition::NotPreceded(words) => !words.iter().any(|w| text[..start].ends_with(w.as_str())),
        Condition::NotNext(words) => !words.iter().any(|w| text[end..].starts_with(w.as_str())),
        Condition::NotFollowed(words) => {
            let rest = &text[end..sentence_end(text, clauses, end)];
            !words.iter().any(|w| lexicon::contains(rest, w))
        }
        Condition::FirstPartOfSum => {
            let rest = &text[end..sentence_end(text, clauses, end)];
            !(lexicon::contains(rest, "总计") || lexicon::contains(rest, "合计"))
                || !previous_figure().is_match(&text[sentence_start(text, clauses, start)..start])
        }
    })
}

/// Whether a row's `section:` conditions fail everywhere in a sentence (when no heading starts
/// inside it, every match in it has the sentence's sections): then its pattern need not run.
fn sections_rule_out(rule: &'static Rule, outline: &Outline, (from, to): (usize, usize)) -> bool {
    let sectioned = rule
        .conditions
        .iter()
        .any(|c| matches!(c, Condition::Section(_) | Condition::NotSection(_)));
    sectioned
        && !outline.heading_within(from, to)
        && rule.conditions.iter().any(|c| match c {
            Condition::Section(words) => !section_mentions(outline, from, words),
            Condition::NotSection(words) => section_mentions(outline, from, words),
            _ => false,
        })
}

fn section_mentions(outline: &Outline, at: usize, words: &'static [String]) -> bool {
    outline.path_mentions(at, words)
}

/// The topic of the figure at `at`: the last topic word before it in its paragraph; else, in a
/// table row, the last one in the rows above (四、行政复议数量 … (二)被依法纠错数); else the
/// innermost heading above that has one.
fn topic_at(text: &str, clauses: &Clauses, at: usize, outline: &Outline) -> Option<&'static str> {
    let para_start = near_start(text, clauses.line_start(at), at);
    if let Some(t) = last_topic(&text[para_start..at]) {
        return Some(t);
    }
    let line_end = near_end(text, at, clauses.line_end(at));
    if text[para_start..line_end].contains('\t') {
        let mut end = para_start;
        while end > 0 && at - end < REACH {
            // Up a row only from a line's start: `end` may be where the reach stopped, inside
            // a long line (and inside a character: found by fuzzing).
            let Some(above) = text[..end].strip_suffix('\n').map(str::len) else { break };
            let start = near_start(text, clauses.line_start(above), above);
            let row = &text[start..above];
            if !row.contains('\t') {
                break;
            }
            if let Some(t) = last_topic(row) {
                return Some(t);
            }
            end = start;
        }
    }
    outline.path_at(at).iter().rev().find_map(|title| last_topic(title))
}

/// The last topic word in `s`, skipping those inside a neutral word (维持原答复, 申请人撤回).
fn last_topic(s: &str) -> Option<&'static str> {
    // Inside a neutral word: one of them stands over `start..end`.
    let neutral = |start: usize, end: usize| {
        NEUTRAL_TOPIC_WORDS.iter().any(|w| {
            (end.saturating_sub(w.len())..=start).any(|a| s.get(a..a + w.len()) == Some(*w))
        })
    };
    // From the end back: the first place where a topic word ends, free; of several words that
    // end there, the last of the list (复议申请 over 申请).
    let bytes = s.as_bytes();
    for end in (1..=bytes.len()).rev() {
        // The words that may end here, the last of the list first (its highest bit).
        let mut ending = TOPICS_ENDING_IN[usize::from(bytes[end - 1])];
        while ending != 0 {
            let i = 31 - ending.leading_zeros() as usize;
            ending &= !(1 << i);
            let (word, topic) = TOPICS[i];
            // Whole words only (UTF-8 never matches inside a character).
            if bytes[..end].ends_with(word.as_bytes()) && !neutral(end - word.len(), end) {
                return Some(topic);
            }
        }
    }
    None
}

/// For each byte, the topic words that end in it, as bits (bit i: `TOPICS[i]`): where
/// [`last_topic`] looks for one, and which.
const TOPICS_ENDING_IN: [u32; 256] = {
    assert!(TOPICS.len() <= 32);
    let mut set = [0u32; 256];
    let mut i = 0;
    while i < TOPICS.len() {
        let word = TOPICS[i].0.as_bytes();
        set[word[word.len() - 1] as usize] |= 1 << i;
        i += 1;
    }
    set
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::outline::outline;

    /// `subject` runs its patterns only where one of these words stands: every match must hold
    /// one (one of the pattern's required literal sets is made of words that contain them).
    #[test]
    fn every_subject_holds_the_words_subject_looks_for_first() {
        for (pattern, words) in [(own_subject(), ["政府", "本级"]), (whole_subject(), ["全", "各"])]
        {
            let covered = pattern
                .required_literals()
                .iter()
                .any(|set| set.iter().all(|l| words.iter().any(|w| l.contains(w))));
            assert!(covered, "{}: {:?}", pattern.as_str(), pattern.required_literals());
        }
    }

    fn run(text: &str) -> Vec<Indicator> {
        let norm = normalize(text);
        from_prose(&norm, &outline(&norm))
    }

    /// The last free topic word wins; of two ending at one place, the later of the list; a word
    /// inside a neutral one names no topic.
    #[test]
    fn the_last_topic_word() {
        assert_eq!(last_topic("收到申请12件,行政复议"), Some("复议"));
        assert_eq!(last_topic("被申请行政复议2件,提起复议申请"), Some("复议"));
        assert_eq!(last_topic("行政诉讼1件,维持原答复"), Some("诉讼"));
        assert_eq!(last_topic("申请人撤回"), None);
        assert_eq!(last_topic("申请人撤回,答复"), Some("申请"));
        assert_eq!(last_topic("没有话题"), None);
    }

    /// Every key of the phrase table is a key of indicators.tsv: a row naming another is an error.
    #[test]
    fn keys_are_in_the_vocabulary() {
        assert!(!rules().is_empty());
        let row = "x\tapply.nonsense\tauto\t\t\t收到{N}{U:件}\t收到3件";
        let err = parse_rules(row).unwrap_err();
        assert!(err.contains("unknown key apply.nonsense"), "{err}");
    }

    /// The rows the library carries are the rows of the table as written.
    #[test]
    fn the_stripped_table_is_the_table() {
        let full = parse_rules(PHRASES_TSV).unwrap();
        assert_eq!(full.len(), rules().len());
        for (a, b) in full.iter().zip(rules()) {
            assert_eq!((&a.name, a.pattern.as_str()), (&b.name, b.pattern.as_str()));
        }
    }

    /// Each row's example sentence yields the row's keys (the Duckling corpus check).
    #[test]
    fn every_example_matches_its_row() {
        let mut failures = Vec::new();
        let examples = PHRASES_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').nth(6).unwrap_or("").replace("\\n", "\n").replace("\\t", "\t"));
        for (rule, example) in rules().iter().zip(examples) {
            let norm = normalize(&example);
            let found = candidates(&norm, &outline(&norm));
            for key in &rule.keys {
                if !found.iter().any(|c| &c.indicator.key == key && c.row == rule.row) {
                    failures
                        .push(format!("{}: no match in example {example:?} for {key}", rule.name));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn rule_names_are_unique() {
        let mut names: Vec<&str> = rules().iter().map(|r| r.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "duplicate rule names");
    }

    #[test]
    fn scope_follows_the_subject() {
        let found =
            run("2018年我市共收到信息公开申请283件,已答复283件,其中市政府本级收到并答复37件。");
        let get =
            |k: &str, s: Scope| found.iter().find(|i| i.key == k && i.scope == s).map(|i| i.value);
        assert_eq!(get("apply.received", Scope::Whole), Some(283.0));
        assert_eq!(get("apply.received", Scope::Own), Some(37.0));
        assert_eq!(get("apply.answered", Scope::Own), Some(37.0));
    }

    #[test]
    fn paragraph_subject_carries_to_later_sentences() {
        let found = run("2016年,市政府及辦公室收到政府信息公開申請11件,比上年減少58%。根據申請方式來看:傳真申請1件,網路申請4件,信函申請6件。");
        assert!(
            found
                .iter()
                .any(|i| i.key == "apply.channel.mail" && i.scope == Scope::Own && i.value == 6.0),
            "{found:?}"
        );
        assert!(!found.iter().any(|i| i.key == "apply.channel.mail" && i.scope == Scope::Whole));
    }

    #[test]
    fn an_accounts_figure_is_never_the_whole() {
        let found = run("2.政务微博。全市通过政务微博公开政府信息37504条,其中市政府官方微博“宿迁之声”公开政府信息7118条。");
        let weibo: Vec<(Scope, f64)> = found
            .iter()
            .filter(|i| i.key == "proactive.weibo")
            .map(|i| (i.scope, i.value))
            .collect();
        assert_eq!(weibo, [(Scope::Whole, 37504.0), (Scope::Own, 7118.0)]);
    }

    #[test]
    fn all_takes_the_figure_outside_brackets() {
        let found = run("全市共受理政府信息公开申请3119件,答复3050件(含上年度结转申请34件,另有103件顺延到下年度答复),均在法定期限内予以答复。");
        let answered = found.iter().find(|i| i.key == "apply.answered").expect("answered");
        assert_eq!((answered.value, answered.unit.as_str()), (3050.0, "件"));
    }

    #[test]
    fn topic_decides_review_or_lawsuit() {
        let found = run("全市因信息公开被提起行政复议11件,其中驳回、维持等情形5件,被依法纠错2件;被提起行政诉讼6件,其中维持、驳回原告诉请4件,原告撤诉2件。");
        let get = |k: &str| found.iter().find(|i| i.key == k).map(|i| i.value);
        assert_eq!(get("reconsideration.upheld"), Some(5.0));
        assert_eq!(get("litigation.upheld"), Some(4.0));
        assert_eq!(get("litigation.withdrawn"), Some(2.0));
        assert_eq!(get("reconsideration.corrected"), Some(2.0));
        assert_eq!(get("litigation.corrected"), None);
    }

    fn get(found: &[Indicator], key: &str, scope: Scope) -> Option<f64> {
        found.iter().find(|i| i.key == key && i.scope == scope).map(|i| i.value)
    }

    #[test]
    fn topic_falls_back_to_the_headings() {
        // No topic word in the paragraph: the heading above names it. (Rows of the old
        // statistics table are read by the table reader: `tables::tests`.)
        let found = run("三、依申请公开政府信息情况\n(二)办理情况\n截至2012年底,已办结620件,尚有11件正在办理中。");
        assert_eq!(get(&found, "apply.answered", Scope::Whole), Some(620.0), "{found:?}");
    }

    #[test]
    fn neutral_words_name_no_topic() {
        let found = run("全年因政府信息公开引起的行政复议案件7件,其中维持原答复5件,责令重新答复1件,申请人撤回1件。");
        assert_eq!(get(&found, "reconsideration.upheld", Scope::Whole), Some(5.0), "{found:?}");
        assert_eq!(get(&found, "reconsideration.corrected", Scope::Whole), Some(1.0));
        assert_eq!(get(&found, "reconsideration.other", Scope::Whole), Some(1.0));
        assert!(!found.iter().any(|i| i.key == "apply.result.withdrawn"), "{found:?}");
    }

    #[test]
    fn sentences_joined_by_a_semicolon_share_their_subject() {
        let found = run("全市因政府信息公开申请行政复议63件。市政府办公室被申请行政复议2件,均维持;被提起行政诉讼1件,尚在审理中。");
        assert_eq!(get(&found, "reconsideration.total", Scope::Own), Some(2.0), "{found:?}");
        assert_eq!(get(&found, "litigation.total", Scope::Own), Some(1.0));
        assert_eq!(get(&found, "litigation.total", Scope::Whole), None);
    }

    #[test]
    fn a_sentence_that_opens_with_its_channel_takes_no_subject_from_the_one_before() {
        // The office's own figure, then the whole's portal figure (invented, both scripts).
        for text in [
            "全县全年新发布政府信息2650条。在新发布的信息中,县政府及县政府办公室发布210条;通过县政府门户网站发布1800条,其余通过政务微博发布。",
            "全縣全年新發佈政府信息2650條。在新發佈的信息中,縣政府及縣政府辦公室發佈210條;通過縣政府門戶網站發佈1800條,其餘通過政務微博發佈。",
        ] {
            let found = run(text);
            assert_eq!(get(&found, "proactive.website", Scope::Whole), Some(1800.0), "{found:?}");
            assert_eq!(get(&found, "proactive.website", Scope::Own), None, "{found:?}");
        }
        // Without its channel the next sentence still shares the subject (see above).
        let found = run("全县收到申请40件。县政府办公室收到申请6件,均已答复;被申请行政复议1件。");
        assert_eq!(get(&found, "reconsideration.total", Scope::Own), Some(1.0), "{found:?}");
    }

    #[test]
    fn an_office_reporting_for_itself_is_the_whole() {
        // The same sentence in a government's report is the office's own part (above); in the
        // office's own report (我办) it is the report's whole.
        let text = "现将我办2022年度政府信息公开情况报告如下:\n2022年,区政府办公室共收到8份政府信息公开申请。其中,予以公开2件,部分公开2件。";
        let found = run(text);
        assert_eq!(get(&found, "apply.received", Scope::Whole), Some(8.0), "{found:?}");
        assert_eq!(get(&found, "apply.result.granted", Scope::Whole), Some(2.0), "{found:?}");
        assert!(!found.iter().any(|i| i.scope == Scope::Own), "{found:?}");
        let found = run("全区收到申请20件。区政府办公室共收到8份政府信息公开申请。");
        assert_eq!(get(&found, "apply.received", Scope::Own), Some(8.0), "{found:?}");
    }

    #[test]
    fn a_named_portal_or_a_department_account_is_the_channel_of_the_whole() {
        let found =
            run("县政府门户网站“中国德清”是我县政府信息公开的主要平台,全年共发布各类信息6,310条。");
        assert_eq!(get(&found, "proactive.website", Scope::Whole), Some(6310.0), "{found:?}");
        assert!(!found.iter().any(|i| i.scope == Scope::Own), "{found:?}");
        let found = run("2016年,我局通过局门户网站、“杭州交通”官方微博和微信公众号等渠道累计发布各类政府信息4,106条。");
        assert_eq!(get(&found, "proactive.total", Scope::Whole), Some(4106.0), "{found:?}");
        // Inside 其中 the government's own account stays its own.
        let found = run(
            "全市通过政务微博公开政府信息37504条,其中市政府官方微博“宿迁之声”公开政府信息7118条。",
        );
        assert_eq!(get(&found, "proactive.weibo", Scope::Own), Some(7118.0), "{found:?}");
    }

    #[test]
    fn taiwan_wording_matches_like_mainland_wording() {
        let found =
            run("市政府新聞辦全年召開新聞釋出會12場。本年度收到政府資訊公開申請45件,已全部答覆。");
        assert_eq!(get(&found, "press_conference", Scope::Whole), Some(12.0), "{found:?}");
        assert_eq!(get(&found, "apply.received", Scope::Whole), Some(45.0));
        assert_eq!(get(&found, "apply.answered", Scope::Whole), Some(45.0));
    }

    #[test]
    fn a_scope_condition_keeps_a_bare_count_to_the_body_itself() {
        let found = run(
            "三、依申请公开情况\n全县各级行政机关受理政府信息公开申请共计74件,县政府本级受理19件。",
        );
        assert_eq!(get(&found, "apply.received", Scope::Whole), Some(74.0), "{found:?}");
        assert_eq!(get(&found, "apply.received", Scope::Own), Some(19.0));
        let found = run("三、依申请公开情况\n各部门受理12件。");
        assert!(!found.iter().any(|i| i.key == "apply.received"), "{found:?}");
    }

    #[test]
    fn all_means_the_whole_before_a_list_of_parts_and_never_a_figure_of_its_own() {
        let found =
            run("本局共收到政府信息公开申请26件,其中当面申请4件,网上申请22件,全部按期答复。");
        assert_eq!(get(&found, "apply.answered", Scope::Whole), Some(26.0), "{found:?}");
        let found = run("全市共收到政府信息公开申请283件,其中市政府本级收到37件,均已答复。");
        assert_eq!(get(&found, "apply.answered", Scope::Own), Some(37.0), "{found:?}");
        let found = run("全年因政府信息公开被申请行政复议7件,已维持5件,纠错2件。");
        assert_eq!(get(&found, "reconsideration.upheld", Scope::Whole), Some(5.0), "{found:?}");
    }

    #[test]
    fn a_quoted_label_may_close_before_its_figure() {
        let found = run(
            "三、依申请公开情况\n其中,答复“已主动公开”7件,“予以公开”31件,“非本机关职责范围”17件。",
        );
        assert_eq!(
            get(&found, "apply.result.already_public", Scope::Whole),
            Some(7.0),
            "{found:?}"
        );
        assert_eq!(get(&found, "apply.result.granted", Scope::Whole), Some(31.0));
        assert_eq!(get(&found, "apply.result.not_this_agency", Scope::Whole), Some(17.0));
    }

    #[test]
    fn the_subject_of_a_paragraph_stands_before_its_qizhong() {
        let found = run("2013年全市累计主动公开各类政府信息一万二千六百余条,其中市政府办公室公开政府文件及其他信息1,035条。此外,全年召开新闻发布会17场次。");
        assert_eq!(get(&found, "proactive.total", Scope::Own), Some(1035.0), "{found:?}");
        assert_eq!(get(&found, "press_conference", Scope::Whole), Some(17.0));
        assert_eq!(get(&found, "press_conference", Scope::Own), None);
    }

    #[test]
    fn a_list_with_its_figures_apart_is_read_item_by_item() {
        let found = run("通过政府网站、政府公报、政务微博分别公开政府信息1,204条、62条、318条。");
        assert_eq!(get(&found, "proactive.website", Scope::Whole), Some(1204.0), "{found:?}");
        assert_eq!(get(&found, "proactive.gazette", Scope::Whole), Some(62.0));
        assert_eq!(get(&found, "proactive.weibo", Scope::Whole), Some(318.0));
        // The shared word after the last item (申请) goes with every item.
        let norm = normalize("当面、网上、信函申请分别为6件、11件、2件。");
        let lists = distributions(&norm.text, &norm.clauses);
        assert_eq!(lists.len(), 1);
        assert_eq!(lists[0].sentences, ["当面申请6件", "网上申请11件", "信函申请2件"]);
        // 各: the one figure for each item; the row that read only the last item's words into
        // the first figure gives way.
        let found = run("全年发生行政复议案件、行政诉讼案件各0件。");
        assert_eq!(get(&found, "reconsideration.total", Scope::Whole), Some(0.0), "{found:?}");
        assert_eq!(get(&found, "litigation.total", Scope::Whole), Some(0.0));
        let found = run("行政复议和行政诉讼分别为2件和1件。");
        assert_eq!(get(&found, "litigation.total", Scope::Whole), Some(1.0), "{found:?}");
        // Figures that do not pair with the items make no list.
        let norm = normalize("各乡镇、各部门分别设立查阅点,全年接待群众12人次。");
        assert!(distributions(&norm.text, &norm.clauses).is_empty());
    }
}
