//! The gold files: every `tests/fixtures/seeds/*.gold.json` (copies of `../shared/corpus/seeds`)
//! through [`nianbao::analyze`], scored the way `../shared/bin/score.py` scores the CLI:
//! indicators as (key, scope, value) triples (scope defaults to `whole`, values rounded to 4
//! places, `@total` stripped, only keys of `src/rules/indicators.tsv` count; `allowed` triples are
//! neither required nor wrong), and the `meta` fields. F1 must be 1 and every meta field right.
//!
//! Each `expected_findings` entry (free English text written by the annotator) is mapped to the
//! finding(s) it means by the table [`EXPECTED_FINDINGS`]: a pattern over the entry, and for each
//! match the finding id prefix, the severities that fit, and what the finding must mention. An
//! entry that no row maps fails the test, so a new gold file brings its mapping rows with it.

use nianbao::model::Severity;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod scoring;
use scoring::{gold_files, show, triple_of, Triple};

/// What the finding must mention besides its id and severity.
#[derive(Debug, Clone, Copy)]
enum Mention {
    Nothing,
    /// This text in the message (after the report's script is folded: 收费 also matches 收費).
    Text(&'static str),
    /// The number captured by this group of the entry pattern, in the message or in the text at
    /// one of the finding's spans (the total a sum is checked against).
    Number(usize),
    /// Each item of this group (split at `, `) stands in the text at a span of one of the
    /// findings of that id (one finding may hold them all, or one finding each).
    Quotes(usize),
}

/// Besides the finding, the report must …
#[derive(Debug, Clone, Copy)]
enum Also {
    Nothing,
    /// … keep each word of this group (split at spaces) inside a `chrome` span.
    Chrome(usize),
}

#[derive(Debug)]
struct Want {
    /// Finding id, or a prefix of it ending in `.`.
    id: &'static str,
    severities: &'static [Severity],
    mention: Mention,
}

const PROBLEM: &[Severity] = &[Severity::Warning, Severity::Error];
const OK: &[Severity] = &[Severity::Ok];
const INFO: &[Severity] = &[Severity::Info];

/// Entry pattern → the findings it means. One row per way the annotators phrase an expectation.
#[rustfmt::skip]
const EXPECTED_FINDINGS: &[(&str, &[Want], Also)] = &[
    // "missing section: fees (收费及减免)"
    (r"^missing section: fees\b",
        &[Want { id: "section.missing.fees", severities: PROBLEM, mention: Mention::Text("收费") }], Also::Nothing),
    // "missing section: administrative reconsideration and litigation (行政复议、行政诉讼)"
    (r"^missing section: administrative reconsideration",
        &[Want { id: "section.missing.review", severities: PROBLEM, mention: Mention::Text("复议") }], Also::Nothing),
    (r"^missing section: (?:main )?problems",
        &[Want { id: "section.missing.problems", severities: PROBLEM, mention: Mention::Text("问题") }], Also::Nothing),
    (r"^missing section: proactive",
        &[Want { id: "section.missing.proactive", severities: PROBLEM, mention: Mention::Text("主动公开") }], Also::Nothing),
    (r"^missing section: (?:disclosure on request|application)",
        &[Want { id: "section.missing.apply", severities: PROBLEM, mention: Mention::Text("依申请") }], Also::Nothing),
    // "reconsideration parts 5+2+2+1+1 = 11 consistent", "reconsideration 8+3+22 = 33 consistent"
    (r"^reconsideration (?:parts )?[\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.reconsideration", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "litigation parts 4+2 = 6 consistent", "litigation 13+1+43 = 57 consistent"
    (r"^litigation (?:parts )?[\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.litigation", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "consultation 3460+2229 = 5689 consistent"
    (r"^consultation (?:parts )?[\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.consult", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "proactive breakdown 42+33+92+122+18+1658 = 1965 consistent"
    (r"^proactive breakdown [\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.list", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "application channels 2463+3+103+112 = 2681 consistent"
    (r"^application channels [\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.apply_channels", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "application results (nine categories) sum to 2681 consistent"
    (r"^application results .*sum to (\d+) consistent",
        &[Want { id: "sum.apply_results", severities: OK, mention: Mention::Number(1) }], Also::Nothing),
    // "own-level channels 1+4+6 = 11 and results 2+2+5+2 = 11 consistent"
    (r"^own-level channels [\d+ ]+= (\d+) and results [\d+ ]+= (\d+) consistent",
        &[Want { id: "sum.apply_channels", severities: OK, mention: Mention::Number(1) },
          Want { id: "sum.apply_results", severities: OK, mention: Mention::Number(2) }], Also::Nothing),
    // "garbled dates: 截至1231日, 截止到201612月底, 截止20161231日"
    (r"^garbled dates?: (.+)$",
        &[Want { id: "date.garbled", severities: PROBLEM, mention: Mention::Quotes(1) }], Also::Nothing),
    // "page footer lines (相關詞條 熱門詞條 聯絡我們) are not report content"
    (r"^page (?:footer|header|chrome) lines \(([^)]+)\)",
        &[Want { id: "page.chrome", severities: INFO, mention: Mention::Nothing }], Also::Chrome(1)),
];

/// score.py's `meta_score`: (right, total, what was wrong).
fn meta_score(gold: &Value, got: &Value) -> (usize, usize, Vec<String>) {
    let empty = serde_json::Map::new();
    let g = gold.get("meta").and_then(Value::as_object).unwrap_or(&empty);
    let m = got.get("meta").cloned().unwrap_or(Value::Null);
    let (mut ok, mut wrong) = (0, Vec::new());
    for (field, want) in g {
        let (name, hit) = match field.as_str() {
            "agency_contains" => {
                let agency = m.get("agency").and_then(Value::as_str).unwrap_or("");
                ("agency", want.as_str().is_some_and(|w| agency.contains(w)))
            }
            "period" => {
                ("period", m.get("period").cloned().unwrap_or(Value::Array(vec![])) == *want)
            }
            other => (other, m.get(other).unwrap_or(&Value::Null) == want),
        };
        if hit {
            ok += 1;
        } else {
            wrong.push(format!("{name}: want {want} got {}", m.get(name).unwrap_or(&Value::Null)));
        }
    }
    (ok, g.len(), wrong)
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

struct Analysed {
    gold: Value,
    report: nianbao::Report,
    json: Value,
}

fn analyse(gpath: &Path) -> Analysed {
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(gpath).expect("gold file"))
        .expect("gold JSON");
    let file = gold["file"].as_str().expect("gold.file");
    let path = gpath.with_file_name(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = nianbao::analyze(&bytes, file).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let json = serde_json::to_value(&report).expect("report JSON");
    Analysed { gold, report, json }
}

#[test]
fn seeds_score_f1_one_and_meta_all_right() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut mok, mut mtot) = (0usize, 0usize);
    let files = gold_files(&seeds_dir());
    assert!(files.len() >= 5, "expected the five seed gold files in tests/fixtures/seeds");
    for gpath in &files {
        let a = analyse(gpath);
        let set = |k: &str| -> BTreeSet<Triple> {
            a.gold
                .get(k)
                .and_then(Value::as_array)
                .map(|v| v.iter().map(triple_of).collect())
                .unwrap_or_default()
        };
        let (req, allowed) = (set("required"), set("allowed"));
        let emitted: BTreeSet<Triple> = scoring::emitted(&a.report).into_iter().collect();
        let found = emitted.intersection(&req).count();
        let extra: Vec<&Triple> =
            emitted.iter().filter(|t| !req.contains(t) && !allowed.contains(t)).collect();
        let missing: Vec<&Triple> = req.iter().filter(|t| !emitted.contains(t)).collect();
        tp += found;
        fp += extra.len();
        fn_ += missing.len();
        let (ok, tot, wrong) = meta_score(&a.gold, &a.json);
        mok += ok;
        mtot += tot;
        eprintln!(
            "{}: found {}/{} required, {} wrong, meta {}/{}",
            a.gold["file"].as_str().unwrap_or("?"),
            found,
            req.len(),
            extra.len(),
            ok,
            tot
        );
        for t in &missing {
            eprintln!("   missing {}", show(t));
        }
        for t in &extra {
            let quote = a
                .report
                .indicators
                .iter()
                .find(|i| triple_of(&serde_json::to_value(i).unwrap()) == **t)
                .map(|i| format!("  «{}» [{}]", i.quote, i.rule))
                .unwrap_or_default();
            eprintln!("   wrong   {}{}", show(t), quote);
        }
        for w in &wrong {
            eprintln!("   meta    {w}");
        }
    }
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    eprintln!("indicators F1 {f1:.3} (precision {p:.3}, recall {r:.3}); meta {mok}/{mtot}");
    assert!(
        fp == 0 && fn_ == 0 && tp > 0,
        "indicators F1 {f1:.3}: {fn_} missing, {fp} wrong (see above)"
    );
    assert_eq!(mok, mtot, "meta {mok}/{mtot} (see above)");
}

/// Folds the few traditional characters finding messages might keep, for `Mention::Text`.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '費' => '费',
            '複' | '復' => '复',
            '議' => '议',
            '訴' => '诉',
            '訟' => '讼',
            '問' => '问',
            '題' => '题',
            '動' => '动',
            '開' => '开',
            '請' => '请',
            other => other,
        })
        .collect()
}

/// `n` stands in `hay` as a whole number (not inside a longer one); `2,681` counts as 2681.
fn has_number(hay: &str, n: &str) -> bool {
    let hay = hay.replace([',', '，'], "");
    let chars: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = n.chars().collect();
    (0..chars.len().saturating_sub(needle.len() - 1)).any(|i| {
        chars[i..].starts_with(&needle)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + needle.len()).is_none_or(|c| !c.is_ascii_digit() && *c != '.')
    })
}

/// Character ranges where `needle` stands in `text`.
fn occurrences(text: &[char], needle: &str) -> Vec<[usize; 2]> {
    let n: Vec<char> = needle.chars().collect();
    (0..text.len().saturating_sub(n.len().saturating_sub(1)))
        .filter(|&i| text[i..].starts_with(&n))
        .map(|i| [i, i + n.len()])
        .collect()
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

fn mentions(
    f: &nianbao::model::Finding,
    text: &[char],
    caps: &regex::Captures,
    m: Mention,
) -> bool {
    let span_text = |s: &[usize; 2]| -> String {
        text[s[0].min(text.len())..s[1].min(text.len())].iter().collect()
    };
    match m {
        Mention::Nothing => true,
        Mention::Text(t) => fold(&f.message).contains(t),
        Mention::Number(g) => {
            let n = &caps[g];
            has_number(&f.message, n) || f.spans.iter().any(|s| has_number(&span_text(s), n))
        }
        Mention::Quotes(g) => {
            caps[g].split(", ").map(str::trim).filter(|q| !q.is_empty()).all(|q| {
                occurrences(text, q).iter().any(|o| f.spans.iter().any(|s| overlaps(*o, *s)))
            })
        }
    }
}

#[test]
fn seeds_report_the_expected_findings() {
    let table: Vec<(Regex, &[Want], Also)> = EXPECTED_FINDINGS
        .iter()
        .map(|(p, w, a)| (Regex::new(p).expect("entry pattern"), *w, *a))
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for gpath in gold_files(&seeds_dir()) {
        let a = analyse(&gpath);
        let file = a.gold["file"].as_str().unwrap_or("?").to_string();
        let text: Vec<char> = a.report.text.chars().collect();
        let entries: Vec<&str> = a.gold["expected_findings"]
            .as_array()
            .map(|v| v.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for entry in entries {
            let Some((caps, wants, also)) =
                table.iter().find_map(|(re, w, a)| re.captures(entry).map(|c| (c, *w, *a)))
            else {
                failures
                    .push(format!("{file}: no row of EXPECTED_FINDINGS maps the entry {entry:?}"));
                continue;
            };
            checked += 1;
            for want in wants {
                let of_id: Vec<&nianbao::model::Finding> = a
                    .report
                    .findings
                    .iter()
                    .filter(|f| {
                        f.id == want.id
                            || (f.id.starts_with(want.id) && f.id[want.id.len()..].starts_with('.'))
                    })
                    .collect();
                let fitting: Vec<&&nianbao::model::Finding> =
                    of_id.iter().filter(|f| want.severities.contains(&f.severity)).collect();
                let hit = match want.mention {
                    // Quotes may be spread over several findings (one per garbled date).
                    Mention::Quotes(g) => {
                        !fitting.is_empty()
                            && caps[g].split(", ").map(str::trim).filter(|q| !q.is_empty()).all(
                                |q| {
                                    occurrences(&text, q).iter().any(|o| {
                                        fitting
                                            .iter()
                                            .any(|f| f.spans.iter().any(|s| overlaps(*o, *s)))
                                    })
                                },
                            )
                    }
                    m => fitting.iter().any(|f| mentions(f, &text, &caps, m)),
                };
                if !hit {
                    let seen = if of_id.is_empty() {
                        let ids: Vec<String> = a
                            .report
                            .findings
                            .iter()
                            .map(|f| format!("{} ({:?})", f.id, f.severity))
                            .collect();
                        format!("no finding {}; findings: [{}]", want.id, ids.join(", "))
                    } else {
                        of_id
                            .iter()
                            .map(|f| {
                                format!(
                                    "{} {:?} {:?} spans {:?}",
                                    f.id, f.severity, f.message, f.spans
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    failures.push(format!(
                        "{file}: {entry:?}\n      wants {} {:?} mentioning {:?}\n      found {seen}",
                        want.id, want.severities, want.mention
                    ));
                }
                // A sum the annotator found consistent must not be reported as broken too.
                if want.severities == OK {
                    for f in &of_id {
                        if f.severity >= Severity::Warning
                            && mentions(f, &text, &caps, want.mention)
                        {
                            failures.push(format!(
                                "{file}: {entry:?}\n      but {} is reported as {:?}: {}",
                                f.id, f.severity, f.message
                            ));
                        }
                    }
                }
            }
            if let Also::Chrome(g) = also {
                for word in caps[g].split_whitespace() {
                    let occ = occurrences(&text, word);
                    if occ.is_empty() {
                        failures.push(format!("{file}: {entry:?}: {word} is not in the text"));
                    }
                    for o in occ {
                        if !a.report.chrome.iter().any(|c| c[0] <= o[0] && o[1] <= c[1]) {
                            failures.push(format!("{file}: {entry:?}: {word} at {o:?} is not inside a chrome span {:?}", a.report.chrome));
                        }
                    }
                }
            }
        }
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(checked > 0, "no expected_findings entries were checked");
    assert!(failures.is_empty(), "{} expected finding(s) not reported (see above)", failures.len());
}

#[test]
fn expected_findings_table_compiles_and_is_used() {
    // Every row's pattern compiles and every capture group it names exists.
    for (p, wants, also) in EXPECTED_FINDINGS {
        let re = Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        let groups = re.captures_len() - 1;
        for w in *wants {
            if let Mention::Number(g) | Mention::Quotes(g) = w.mention {
                assert!(g <= groups, "{p}: group {g} of {groups}");
            }
        }
        if let Also::Chrome(g) = also {
            assert!(*g <= groups, "{p}: group {g} of {groups}");
        }
    }
    assert!(has_number("合计 2,681 件", "2681"));
    assert!(has_number("=11件", "11"));
    assert!(!has_number("2681", "68"));
    assert!(!has_number("1.5", "1"));
}
