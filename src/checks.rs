//! Stage: consistency checks on the prose, giving findings.
//!
//! Takes the normalised text, outline, meta, the chosen indicators and all rule candidates, and
//! every figure; gives [`Finding`]s, passed checks included (severity `ok`), so that a reader sees
//! what was verified as well as what failed. The table checks live with the tables
//! (`tables.rs`). Each check is named by a stable `id`; messages are in Chinese.
//!
//! | id | what |
//! |---|---|
//! | `sum.apply_channels` | channels of application add up to the applications received |
//! | `sum.apply_results` | the answers add up to the applications received |
//! | `sum.reconsideration` / `sum.litigation` | outcomes add up to the cases |
//! | `sum.consult` | kinds of consultation add up to the total |
//! | `sum.list` | any other "N条,其中A n条、B m条" list |
//! | `value.conflict` | one indicator stated twice with different values |
//! | `section.missing.*` | a section the regulation requires is absent |
//! | `date.garbled` / `date.invalid` | 截至1231日, 2016年13月 |
//! | `year.mismatch` | title, statistical period and body disagree on the year |
//! | `page.chrome` | web-page chrome lines left out (info) |
//! | `decode.replaced` | bytes that could not be decoded (warning) |

use crate::clauses::Clauses;
use crate::indicators::Candidate;
use crate::lexicon::searcher;
use crate::model::{Figure, Finding, Format, Indicator, Key, Meta, Scope, Severity, Span};
use crate::normalize::Normalized;
use crate::numbers;
use crate::numbers::format as number;
use crate::outline::Outline;
use std::sync::OnceLock;

/// Sums of parts that a report states with their total: (id, name in Chinese, total key, parts).
#[rustfmt::skip]
const SUMS: &[(&str, &str, &str, &[&str])] = &[
    ("sum.apply_channels", "申请渠道", "apply.received", &[
        "apply.channel.in_person", "apply.channel.fax", "apply.channel.online", "apply.channel.mail",
        "apply.channel.email", "apply.channel.phone", "apply.channel.other"]),
    ("sum.apply_results", "申请答复结果", "apply.received", &[
        "apply.result.already_public", "apply.result.granted", "apply.result.partial", "apply.result.denied",
        "apply.result.not_this_agency", "apply.result.not_exist", "apply.result.amend",
        "apply.result.other_route", "apply.result.withdrawn"]),
    ("sum.reconsideration", "行政复议结果", "reconsideration.total", &[
        "reconsideration.upheld", "reconsideration.corrected", "reconsideration.other", "reconsideration.pending",
        "reconsideration.rejected", "reconsideration.terminated"]),
    ("sum.litigation", "行政诉讼结果", "litigation.total", &[
        "litigation.upheld", "litigation.corrected", "litigation.other", "litigation.withdrawn", "litigation.pending"]),
    ("sum.consult", "咨询方式", "consult.total", &["consult.on_site", "consult.phone", "consult.online"]),
];

/// Sections the regulation requires: (id suffix, name in Chinese, heading words, indicator key
/// prefixes whose presence also shows the section).
type Section = (&'static str, &'static str, &'static [&'static str], &'static [&'static str]);

/// 《政府信息公开条例》(2008) 第三十二条.
#[rustfmt::skip]
const SECTIONS_2008: &[Section] = &[
    ("proactive", "主动公开政府信息的情况", &["主动公开"], &["proactive"]),
    ("apply", "依申请公开和不予公开政府信息的情况", &["依申请", "申请公开", "不予公开", "公开申请"], &["apply"]),
    ("fees", "政府信息公开的收费及减免情况", &["收费", "费用", "减免"], &["fees"]),
    ("review", "因政府信息公开申请行政复议、提起行政诉讼的情况", &["复议", "诉讼", "申诉"], &["reconsideration", "litigation"]),
    ("problems", "政府信息公开工作存在的主要问题及改进情况", &["问题", "不足", "改进", "整改", "下一步", "进一步", "打算", "计划", "努力方向"], &[]),
];

/// 《政府信息公开条例》(2019) 第五十条 and the 2021 format's six parts.
#[rustfmt::skip]
const SECTIONS_2019: &[Section] = &[
    ("overview", "总体情况", &["总体情况", "概述", "总体"], &[]),
    ("proactive", "主动公开政府信息情况", &["主动公开"], &["std", "proactive"]),
    ("apply", "收到和处理政府信息公开申请情况", &["申请"], &["apply"]),
    ("review", "政府信息公开行政复议、行政诉讼情况", &["复议", "诉讼"], &["reconsideration", "litigation"]),
    ("problems", "存在的主要问题及改进情况", &["问题", "改进", "不足"], &[]),
    ("other", "其他需要报告的事项", &["其他需要报告", "其他事项", "其他需报告"], &[]),
];

/// Runs the prose checks.
pub fn check(
    norm: &Normalized,
    outline: &Outline,
    meta: &Meta,
    indicators: &[Indicator],
    candidates: &[Candidate],
    figures: &[Figure],
) -> Vec<Finding> {
    let mut out = Vec::new();
    sums(indicators, &mut out);
    lists(norm, indicators, figures, &mut out);
    conflicts(indicators, candidates, &mut out);
    sections(norm, outline, meta, indicators, &mut out);
    // The years written (2016年), found once for the two checks that read them.
    let years_written: Vec<(usize, i32)> = numbers::years_written(&norm.text).collect();
    dates(norm, &years_written, &mut out);
    years(outline, meta, &years_written, &mut out);
    if !outline.chrome.is_empty() {
        out.push(finding(
            "page.chrome",
            Severity::Info,
            format!(
                "已忽略 {} 行网页元素（发布时间、浏览次数、相关词条等），它们不属于报告正文",
                outline.chrome.len()
            ),
            outline.chrome.clone(),
        ));
    }
    if meta.replaced_bytes {
        let spans = replaced(norm);
        out.push(finding(
            "decode.replaced",
            Severity::Warning,
            format!(
                "有 {} 处字节无法按 {} 解码，已替换为 �，相关数字可能缺失",
                spans.len(),
                meta.encoding
            ),
            spans,
        ));
    }
    out
}

fn finding(id: &str, severity: Severity, message: String, spans: Vec<Span>) -> Finding {
    Finding { id: id.to_string(), severity, message, spans, cells: Vec::new() }
}

fn get(indicators: &[Indicator], key: Key, scope: Scope) -> Option<&Indicator> {
    indicators.iter().find(|i| i.key == key && i.scope == scope)
}

/// The keys of [`SUMS`] (total, parts), parsed once: each sum looks for each of its keys
/// among the indicators, and keys compare as numbers, their text as text.
fn sum_keys() -> &'static [(Key, Vec<Key>)] {
    static KEYS: OnceLock<Vec<(Key, Vec<Key>)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        SUMS.iter()
            .map(|&(_, _, total, parts)| {
                (Key::known(total), parts.iter().map(|p| Key::known(p)).collect())
            })
            .collect()
    })
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Whole => "",
        Scope::Own => "（本级）",
    }
}

/// Parts against totals, per scope.
fn sums(indicators: &[Indicator], out: &mut Vec<Finding>) {
    for (&(id, name, _, _), (total_key, parts)) in SUMS.iter().zip(sum_keys()) {
        for scope in [Scope::Whole, Scope::Own] {
            let Some(total) = get(indicators, *total_key, scope) else { continue };
            let found: Vec<&Indicator> =
                parts.iter().filter_map(|&k| get(indicators, k, scope)).collect();
            // litigation.other may restate withdrawn (撤诉等其他情形): count each figure once.
            if found.len() < 2 {
                continue;
            }
            let sum: f64 = found.iter().map(|i| i.value).sum();
            let terms: Vec<String> = found.iter().map(|i| number(i.value)).collect();
            let mut spans: Vec<Span> = vec![total.span];
            spans.extend(found.iter().map(|i| i.span));
            let equation = format!("{} = {}", terms.join(" + "), number(sum));
            if numbers::round(sum) == total.value {
                out.push(finding(
                    id,
                    Severity::Ok,
                    format!(
                        "{name}{}：{equation}，与总数 {} 一致",
                        scope_name(scope),
                        number(total.value)
                    ),
                    spans,
                ));
            } else {
                let severity = if sum > total.value { Severity::Error } else { Severity::Warning };
                out.push(finding(
                    id,
                    severity,
                    format!(
                        "{name}{}之和与总数不符：{equation}，而{}为 {}",
                        scope_name(scope),
                        total.key.label(),
                        number(total.value)
                    ),
                    spans,
                ));
            }
        }
    }
}

/// "共N条,其中A n条、B m条……" lists not covered by [`SUMS`]: the total is the last figure before
/// 其中, the parts the figures of the same unit after it, each close to the one before (a list
/// is written tight), up to the end of the sentence or the figure that opens the next 其中.
/// A list may go on with items that are not parts (……;产权交易信息3条), so the check passes
/// when a run of the first parts makes the total, and fails only when the parts before the
/// first `;` already exceed it.
fn lists(norm: &Normalized, indicators: &[Indicator], figures: &[Figure], out: &mut Vec<Finding>) {
    let text = norm.text.as_str();
    // Every 其中, found once.
    let qizhong: Vec<usize> = searcher!("其中").find_iter(text.as_bytes()).collect();
    if qizhong.is_empty() {
        return;
    }
    let claimed: Vec<Span> = indicators
        .iter()
        .filter(|i| sum_keys().iter().any(|s| i.key == s.0))
        .map(|i| i.span)
        .collect();
    // Where sentences end for this check (。 and line breaks), and the figures (in text order),
    // found by binary search from each 其中: a walk from each of them cost the square of a long
    // text with no sentence end.
    let ends = sentence_ends(text, &norm.clauses);
    debug_assert!(figures.is_sorted_by_key(|f| f.span));
    for (k, &at) in qizhong.iter().enumerate() {
        let at_orig = norm.orig(at);
        let first_end_after = ends.partition_point(|&e| e < at);
        let sentence_start = first_end_after.checked_sub(1).map_or(0, |k| norm.orig(ends[k] + 1));
        let sentence_end = ends.get(first_end_after).map_or(usize::MAX, |&e| norm.orig(e));
        let next_qizhong = qizhong.get(k + 1).map_or(usize::MAX, |&i| norm.orig(i));
        // The last figure before 其中 in its sentence: from the last that ends before it, back to
        // the sentence's start.
        let before = figures.partition_point(|f| f.span[1] <= at_orig);
        let Some(total) = figures[..before]
            .iter()
            .rev()
            .take_while(|f| f.span[0] >= sentence_start)
            .find(|f| !f.percent && f.unit.is_some())
        else {
            continue;
        };
        if claimed.iter().any(|s| s[0] <= total.span[0] && total.span[1] <= s[1]) {
            continue;
        }
        let limit = sentence_end.min(next_qizhong);
        let after = figures.partition_point(|f| f.span[0] < at_orig);
        let candidates: Vec<&Figure> = figures[after..]
            .iter()
            .take_while(|f| f.span[1] <= limit)
            .filter(|f| f.unit == total.unit && !f.percent)
            .collect();
        // Keep the tight run: each part within a short clause of the one before, no new total.
        let mut parts: Vec<&Figure> = Vec::new();
        let mut semicolon_at: Option<usize> = None;
        let mut prev_end = at_orig;
        for f in candidates {
            let between = norm.original_chars([prev_end, f.span[0]]);
            // Too far (more than 24 characters once folded, which keeps each character or drops
            // it): told before the folding, which costs more than the counting.
            let kept = between.chars().filter(|&c| crate::normalize::fold_char(c).is_some());
            if kept.take(25).count() > 24 {
                break;
            }
            let folded = crate::normalize::fold(&between);
            // A new total (共计43项, 共43项) ends the list; 公共 does not.
            let new_total =
                ["共计", "合计", "总计", "总共", "共有"].iter().any(|w| folded.contains(w))
                    || folded.ends_with('共');
            if folded.chars().count() > 24 || new_total {
                break;
            }
            if semicolon_at.is_none() && folded.contains(';') && !parts.is_empty() {
                semicolon_at = Some(parts.len());
            }
            parts.push(f);
            prev_end = f.span[1];
        }
        if next_qizhong < sentence_end
            && parts.last().is_some_and(|p| p.span[1] + 30 >= next_qizhong)
        {
            parts.pop(); // that figure is the next list's total
        }
        if parts.len() < 2 {
            continue;
        }
        let unit = total.unit.unwrap_or_default();
        let mut running = 0.0;
        let making = parts.iter().position(|f| {
            running = numbers::round(running + f.value);
            running == total.value
        });
        let show = |parts: &[&Figure]| -> (String, Vec<Span>, f64) {
            let sum = numbers::round(parts.iter().map(|f| f.value).sum());
            let terms: Vec<String> = parts.iter().map(|f| number(f.value)).collect();
            let mut spans = vec![total.span];
            spans.extend(parts.iter().map(|f| f.span));
            (terms.join(" + "), spans, sum)
        };
        match making {
            Some(k) if k >= 1 => {
                let (terms, spans, sum) = show(&parts[..=k]);
                out.push(finding(
                    "sum.list",
                    Severity::Ok,
                    format!("分项之和与合计一致：{terms} = {}{unit}", number(sum)),
                    spans,
                ));
            }
            _ => {
                let first = &parts[..semicolon_at.unwrap_or(parts.len())];
                let (terms, spans, sum) = show(first);
                if first.len() >= 2 && sum > total.value {
                    out.push(finding(
                        "sum.list",
                        Severity::Error,
                        format!(
                            "分项之和超过合计：{terms} = {}{unit}，而合计为 {}{unit}",
                            number(sum),
                            number(total.value)
                        ),
                        spans,
                    ));
                }
            }
        }
    }
}

/// The byte offsets of every 。 and line break of a text, in text order: read from the ends of
/// its sentences (`cuts`), which normalising noted, rather than by a search of the text (a byte
/// search for 。 stopped at every 、 《 》 and “ ” too, and cost a fifth of the checks).
fn sentence_ends(text: &str, cuts: &Clauses) -> Vec<usize> {
    let bytes = text.as_bytes();
    cuts.sentences()
        .filter_map(|(_, end)| {
            let stop = |s: &str| bytes[..end].ends_with(s.as_bytes()).then(|| end - s.len());
            stop("\n").or_else(|| stop("。"))
        })
        .collect()
}

/// One key and scope stated twice, in the same words, with different values. (Different words
/// may well mean different things: 公开发布各类信息2901条 and 累计发布各类信息46条.)
fn conflicts(indicators: &[Indicator], candidates: &[Candidate], out: &mut Vec<Finding>) {
    // The statements by key and scope, sorted once (stably: text order within each), and each
    // chosen indicator's found by binary search: a scan of every candidate for each indicator
    // cost half of the checks.
    let mut stated: Vec<&Indicator> =
        candidates.iter().filter(|c| c.tier == 0).map(|c| &c.indicator).collect();
    stated.sort_by_key(|i| (i.key, i.scope));
    for chosen in indicators {
        let same = (chosen.key, chosen.scope);
        let from = stated.partition_point(|i| (i.key, i.scope) < same);
        let others: Vec<&Indicator> = stated[from..]
            .iter()
            .take_while(|i| (i.key, i.scope) == same)
            .filter(|i| i.value != chosen.value && i.rule == chosen.rule)
            .copied()
            .collect();
        if others.is_empty() {
            continue;
        }
        let mut values = vec![number(chosen.value)];
        let mut spans = vec![chosen.span];
        for o in &others {
            let v = number(o.value);
            if !values.contains(&v) {
                values.push(v);
            }
            spans.push(o.span);
        }
        out.push(finding(
            "value.conflict",
            Severity::Warning,
            format!(
                "“{}”{}出现不同数值：{}（采用第一处）",
                chosen.key.label(),
                scope_name(chosen.scope),
                values.join(" / ")
            ),
            spans,
        ));
    }
}

/// The sections of 第三十二条 (before 2019) or 第五十条 (2019 on).
fn sections(
    norm: &Normalized,
    outline: &Outline,
    meta: &Meta,
    indicators: &[Indicator],
    out: &mut Vec<Finding>,
) {
    let standard = meta.format == Format::Standard || meta.year.is_some_and(|y| y >= 2019);
    let (list, law) = if standard {
        (SECTIONS_2019, "《政府信息公开条例》（2019年修订）第五十条")
    } else {
        (SECTIONS_2008, "《政府信息公开条例》（2008年）第三十二条")
    };
    // The titles in one text (no heading word holds a line break): each word is looked for
    // once, not once per title.
    let titles = outline.titles().join("\n");
    for &(id, name, words, keys) in list {
        let in_figures = indicators.iter().any(|i| keys.iter().any(|k| i.key.is_under(k)));
        if !(in_figures || words.iter().any(|w| titles.contains(w))) {
            out.push(finding(
                &format!("section.missing.{id}"),
                Severity::Warning,
                format!("缺少法定内容：{name}（{law}）"),
                Vec::new(),
            ));
        }
    }
    if standard {
        // 第五十条 asks for the fees charged for processing information; reports state it in 六
        // (信息处理费, 收取费用, 收费).
        let fee_words = ["信息处理费", "收取费用", "收费"];
        if !indicators.iter().any(|i| i.key.is_under("fees"))
            && !fee_words
                .iter()
                .any(|w| memchr::memmem::find(norm.text.as_bytes(), w.as_bytes()).is_some())
        {
            out.push(finding(
                "section.missing.fees",
                Severity::Warning,
                format!("未说明信息处理费的收取情况（{law}，一般写在“六、其他需要报告的事项”）"),
                Vec::new(),
            ));
        }
    }
}

/// Dates with the 月/日 left out (截至1231日, 截止到201612月底) and dates that cannot be.
fn dates(norm: &Normalized, years_written: &[(usize, i32)], out: &mut Vec<Finding>) {
    let text = norm.text.as_str();
    for date in glued_dates(text) {
        let digits = &text[date.digits.0..date.digits.1];
        let valid_md = |s: &str| -> bool {
            let (m, d) = s.split_at(s.len() - 2);
            matches!((m.parse::<u32>(), d.parse::<u32>()), (Ok(1..=12), Ok(1..=31)))
        };
        let year_ok = |s: &str| s.starts_with("19") || s.starts_with("20");
        let garbled = match (digits.len(), date.suffix) {
            (3 | 4, "日") => valid_md(digits),
            (6, s) if s.starts_with('月') => {
                year_ok(digits) && matches!(digits[4..].parse::<u32>(), Ok(1..=12))
            }
            (7 | 8, "日") => year_ok(digits) && valid_md(&digits[4..]),
            _ => false,
        };
        if garbled {
            out.push(finding(
                "date.garbled",
                Severity::Warning,
                format!("日期书写有误：“{}”缺少年、月、日的分隔", &text[date.start..date.end]),
                vec![norm.span(date.start, date.end)],
            ));
        }
    }
    for date in full_dates(text, years_written) {
        let (month, day) = (date.month, date.day.unwrap_or(1));
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(date.year, month) {
            out.push(finding(
                "date.invalid",
                Severity::Warning,
                format!("不存在的日期：“{}”", &text[date.start..date.end]),
                vec![norm.span(date.start, date.end)],
            ));
        }
    }
}

/// A run of digits with 月 or 日 glued to it and no separator inside (1231日, 201612月底).
struct GluedDate {
    start: usize,
    end: usize,
    digits: (usize, usize),
    suffix: &'static str,
}

/// The matches of `(?:截至|截止到|截止|至|到)?([0-9]{3,8})(月底|月末|月|日)`, in text order,
/// that do not follow a digit, 年, 月 or `.` (those are parts of a longer date or number). Found
/// from each 月 and 日 back to its digits rather than by a pattern tried at every digit.
///
/// A match ends at one of them, with the run of digits before it when the run has 3 to 8
/// digits (a longer run's match starts inside it, after a digit); its optional word before is
/// the one that starts first (the pattern's match is the leftmost).
fn glued_dates(text: &str) -> impl Iterator<Item = GluedDate> + '_ {
    let bytes = text.as_bytes();
    let mut ends: Vec<usize> =
        searcher!("月").find_iter(bytes).chain(searcher!("日").find_iter(bytes)).collect();
    ends.sort_unstable();
    ends.into_iter().filter_map(move |at| {
        let run = bytes[..at].iter().rev().take(9).take_while(|b| b.is_ascii_digit()).count();
        if !(3..=8).contains(&run) {
            return None;
        }
        let digits = (at - run, at);
        let before = &text[..digits.0];
        let word = ["截止到", "截至", "截止", "至", "到"].into_iter().find(|w| before.ends_with(w));
        let start = digits.0 - word.map_or(0, str::len);
        if text[..start]
            .ends_with(|ch: char| ch.is_ascii_digit() || ch == '年' || ch == '月' || ch == '.')
        {
            return None;
        }
        let rest = &text[at..];
        let suffix = ["月底", "月末", "月", "日"].into_iter().find(|s| rest.starts_with(s))?;
        Some(GluedDate { start, end: at + suffix.len(), digits, suffix })
    })
}

/// A date written in full: 2016年13月5日, 2016年12月.
struct FullDate {
    start: usize,
    end: usize,
    year: i32,
    month: u32,
    day: Option<u32>,
}

/// The matches of `((?:19|20)[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})日)?`, in text order,
/// read from the years before 年 (`years_written`: the text's
/// [`numbers::years_written`](crate::numbers::years_written)).
fn full_dates<'a>(
    text: &'a str,
    years_written: &'a [(usize, i32)],
) -> impl Iterator<Item = FullDate> + 'a {
    // One or two digits at `at` and then `word`: the number and the end of the word.
    let part = move |at: usize, word: &str| -> Option<(u32, usize)> {
        let rest = text.get(at..)?;
        let run = rest.bytes().take(3).take_while(u8::is_ascii_digit).count();
        ((1..=2).contains(&run) && rest[run..].starts_with(word))
            .then(|| (rest[..run].parse().unwrap_or(0), at + run + word.len()))
    };
    years_written.iter().filter_map(move |&(start, year)| {
        let (month, end) = part(start + "2016年".len(), "月")?;
        let (day, end) = part(end, "日").map_or((None, end), |(d, e)| (Some(d), e));
        Some(FullDate { start, end, year, month, day })
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The year in the title, the statistical period and the body should agree.
fn years(outline: &Outline, meta: &Meta, years_written: &[(usize, i32)], out: &mut Vec<Finding>) {
    let _ = outline;
    let Some(year) = meta.year else { return };
    if let Some(period) = &meta.period {
        let (from, to) = (&period[0], &period[1]);
        let ys: Vec<i32> = [from, to].iter().filter_map(|d| d.get(..4)?.parse().ok()).collect();
        if ys.iter().any(|&y| y != year) {
            out.push(finding(
                "year.mismatch",
                Severity::Error,
                format!("报告年度为 {year} 年，但统计期限为 {from} 至 {to}"),
                Vec::new(),
            ));
        } else if !(from.ends_with("-01-01") && to.ends_with("-12-31")) {
            out.push(finding(
                "period.partial",
                Severity::Info,
                format!("统计期限 {from} 至 {to} 不是完整的自然年"),
                Vec::new(),
            ));
        }
    }
    // The body talks of the year covered far more than of any other: a title year that the body
    // hardly mentions is a copy-paste from another year's report.
    let mut counts = std::collections::HashMap::<i32, usize>::new();
    for &(_, y) in years_written {
        *counts.entry(y).or_default() += 1;
    }
    let stated = counts.get(&year).copied().unwrap_or(0);
    if let Some((&other, &n)) =
        counts.iter().filter(|(&y, _)| y != year && y != year + 1).max_by_key(|(_, &n)| n)
    {
        if n >= 5 && n > stated * 3 {
            out.push(finding("year.mismatch", Severity::Warning, format!("报告年度为 {year} 年，但正文中“{other}年”出现 {n} 次，而“{year}年”仅 {stated} 次"), Vec::new()));
        }
    }
}

fn replaced(norm: &Normalized) -> Vec<Span> {
    norm.text.match_indices('\u{FFFD}').map(|(i, s)| norm.span(i, i + s.len())).collect()
}

#[cfg(test)]
mod tests {
    use crate::model::Severity;

    fn findings(text: &str) -> Vec<(String, Severity)> {
        crate::analyze_text(text, "t.txt")
            .findings
            .into_iter()
            .map(|f| (f.id, f.severity))
            .collect()
    }

    fn has(text: &str, id: &str, severity: Severity) -> bool {
        findings(text).iter().any(|(i, s)| i == id && *s == severity)
    }

    #[test]
    fn sums_that_hold_and_fail() {
        let ok = "全市共收到政府信息公开申请10件。从申请方式看,当面申请6件,网络申请4件。";
        assert!(has(ok, "sum.apply_channels", Severity::Ok));
        let bad = "全市共收到政府信息公开申请10件。从申请方式看,当面申请6件,网络申请7件。";
        assert!(has(bad, "sum.apply_channels", Severity::Error));
        let review = "全市被申请行政复议5件,其中维持3件,被依法纠错1件,未审结2件。";
        assert!(has(review, "sum.reconsideration", Severity::Error));
    }

    #[test]
    fn qizhong_lists() {
        let text = "全年累计主动公开政府信息100条,其中政策法规类信息40条;公共监管类信息60条。";
        assert!(has(text, "sum.list", Severity::Ok), "{:?}", findings(text));
        let text = "全年编发简报30期,其中专报20期,快报15期。";
        assert!(has(text, "sum.list", Severity::Error));
        // A list that goes on past its parts still passes; a far figure is no part.
        let text = "公开招标信息953条,其中建设工程信息721条,水利工程信息232条;政府采购信息900条;产权交易信息3条。";
        assert!(has(text, "sum.list", Severity::Ok));
        let text = "保留收费项目40项,其中涉企收费项目22项,降低办事成本争取价费政策支持,对特定对象减免、停止征收、降低共计43项。";
        assert!(!findings(text).iter().any(|(i, _)| i == "sum.list"));
    }

    #[test]
    fn garbled_and_impossible_dates() {
        let f = crate::analyze_text("截至1231日,办结927件次。截止到201612月底,公开信息。截止20161231日收到申请。全年365日无休。", "t.txt").findings;
        let garbled: Vec<&str> =
            f.iter().filter(|x| x.id == "date.garbled").map(|x| x.message.as_str()).collect();
        assert_eq!(garbled.len(), 3, "{garbled:?}");
        assert!(has("2016年13月5日召开会议。", "date.invalid", Severity::Warning));
        assert!(!has("2016年2月29日召开会议。", "date.invalid", Severity::Warning));
    }

    /// The dates read by hand are the patterns' matches, on random texts of their characters.
    #[test]
    fn dates_read_by_hand_are_the_patterns_matches() {
        use crate::pattern::Pattern;
        use proptest::prelude::*;
        let glued =
            Pattern::new(r"(?:截至|截止到|截止|至|到)?([0-9]{3,8})(月底|月末|月|日)").unwrap();
        let full = Pattern::new(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})日)?").unwrap();
        let year = Pattern::new(r"((?:19|20)[0-9]{2})年").unwrap();
        let texts = crate::testing::texts("0112290年月日底末截至止到.-a", 40);
        proptest!(ProptestConfig::with_cases(5000), |(text in texts)| {
            let by_pattern: Vec<(usize, usize, usize, usize, String)> = glued
                .captures_iter(&text)
                .filter(|c| {
                    !text[..c.whole().start()].ends_with(|ch: char| {
                        ch.is_ascii_digit() || ch == '年' || ch == '月' || ch == '.'
                    })
                })
                .map(|c| {
                    let d = c.get(1).unwrap();
                    (c.whole().start(), c.whole().end(), d.start(), d.end(), c[2].to_string())
                })
                .collect();
            let by_hand: Vec<(usize, usize, usize, usize, String)> = super::glued_dates(&text)
                .map(|g| (g.start, g.end, g.digits.0, g.digits.1, g.suffix.to_string()))
                .collect();
            prop_assert_eq!(by_hand, by_pattern, "{}", text);
            let by_pattern: Vec<(usize, usize, i32, u32, Option<u32>)> = full
                .captures_iter(&text)
                .map(|c| {
                    let day = c.get(3).map(|d| d.as_str().parse().unwrap());
                    (c.whole().start(), c.whole().end(), c[1].parse().unwrap(), c[2].parse().unwrap(), day)
                })
                .collect();
            let years: Vec<(usize, i32)> = crate::numbers::years_written(&text).collect();
            let by_hand: Vec<(usize, usize, i32, u32, Option<u32>)> = super::full_dates(&text, &years)
                .map(|d| (d.start, d.end, d.year, d.month, d.day))
                .collect();
            prop_assert_eq!(by_hand, by_pattern, "{}", text);
            let by_pattern: Vec<(usize, i32)> = year
                .captures_iter(&text)
                .map(|c| (c.whole().start(), c[1].parse().unwrap()))
                .collect();
            prop_assert_eq!(crate::numbers::years_written(&text).collect::<Vec<_>>(), by_pattern, "{}", text);
        });
    }

    /// The sentence ends read from the clauses are every 。 and line break of the text.
    #[test]
    fn sentence_ends_are_every_stop_and_line_break() {
        use proptest::prelude::*;
        let texts = crate::testing::texts("。\n、《》“;!?,a甲", 40);
        proptest!(ProptestConfig::with_cases(3000), |(text in texts)| {
            let cuts = crate::clauses::Clauses::new(&text);
            let expected: Vec<usize> =
                text.match_indices(['。', '\n']).map(|(i, _)| i).collect();
            prop_assert_eq!(super::sentence_ends(&text, &cuts), expected, "{:?}", text);
        });
    }

    #[test]
    fn missing_sections_of_the_2008_regulation() {
        let text = "2016年政府信息公开工作年度报告\n一、主动公开情况\n全年主动公开政府信息100条。\n二、依申请公开情况\n收到申请3件。\n三、存在的问题\n无。";
        let ids: Vec<String> = findings(text).into_iter().map(|(i, _)| i).collect();
        assert!(ids.contains(&"section.missing.fees".to_string()), "{ids:?}");
        assert!(ids.contains(&"section.missing.review".to_string()));
        assert!(!ids.contains(&"section.missing.proactive".to_string()));
    }

    #[test]
    fn conflicting_statements() {
        let text = "全市共收到政府信息公开申请10件。……全年共收到政府信息公开申请12件。";
        assert!(has(text, "value.conflict", Severity::Warning));
    }
}
