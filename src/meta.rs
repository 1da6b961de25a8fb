//! Stage: the report's identity: agency, year covered, dates, script, format.
//!
//! Takes the decoded [`Document`], its [`Normalized`] text, [`Outline`] and the standard tables
//! found; gives [`Meta`]. Each field is read from the strongest place that states it (title line,
//! statistical period, signature, body), in the order each function below states.

use crate::decode::Document;
use crate::lexicon::searcher;
use crate::lines::line_ranges;
use crate::model::{Format, Meta, Table};
use crate::normalize::{is_han, Normalized};
use crate::numbers;
use crate::outline::Outline;
use crate::pattern::Pattern;
use memchr::memmem;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Reads the meta fields.
pub fn meta(doc: &Document, norm: &Normalized, outline: &Outline, tables: &[Table]) -> Meta {
    let text = norm.text.as_str();
    let period = period(text);
    let titles = title_lines(norm, outline);
    let published = published(text, outline);
    let year = titles
        .iter()
        .find_map(|t| numbers::years_written(t).next().map(|(_, y)| y))
        .or_else(|| period.as_ref().and_then(|p| p[0][..4].parse().ok()))
        .or_else(|| report_year_phrase(text))
        .or_else(|| body_year(text, published.as_deref()));
    let agency = agency(doc, norm, outline, &titles);
    // The old statistics table of a legacy report is no standard table.
    let first_standard = tables.iter().find(|t| crate::tables::template::is_standard(&t.id));
    let standard = first_standard.is_some()
        || standard_markers().iter().any(|m| m.find(text.as_bytes()).is_some());
    Meta {
        agency,
        year,
        published,
        period,
        script: norm.script,
        format: if standard { Format::Standard } else { Format::Legacy },
        layout: first_standard.map(|t| t.layout.clone()),
        source: doc.source,
        encoding: doc.encoding.clone(),
        replaced_bytes: doc.replaced_bytes,
        chars: norm.original_chars_count(),
    }
}

/// Words only the standard (2019/2021) format uses.
const STANDARD_MARKERS: &[&str] =
    &["本年新收政府信息公开申请数量", "第二十条第(一)项", "本年度办理结果", "结转下年度继续办理"];

fn standard_markers() -> &'static [memmem::Finder<'static>] {
    static F: OnceLock<Vec<memmem::Finder<'static>>> = OnceLock::new();
    F.get_or_init(|| STANDARD_MARKERS.iter().map(|m| memmem::Finder::new(m).into_owned()).collect())
}

/// The title lines: the first lines that name the annual report (a page may show the title twice,
/// once in its chrome and once above the report), a label such as 标题: left out.
fn title_lines<'a>(norm: &'a Normalized, outline: &Outline) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (at, end) in line_ranges(&norm.text, &norm.clauses).take(40) {
        let line = &norm.text[at..end];
        let l = line.trim();
        if l.is_empty() || outline.in_chrome(at + (line.len() - line.trim_start().len())) {
            continue;
        }
        let l = TITLE_LABELS.iter().find_map(|p| l.strip_prefix(p)).map_or(l, str::trim_start);
        // The length first: most of these lines are long paragraphs (60 characters are at most
        // 240 bytes), and a search for three characters walks the whole of one.
        let short = l.len() <= 240 && l.chars().count() <= 60;
        if short
            && !l.contains(['。', ',', ';'])
            && (l.contains("年度报告") || l.contains("年报"))
            && l.contains("公开")
        {
            out.push(l);
        }
    }
    out
}

/// Labels a page may put before the title.
const TITLE_LABELS: &[&str] = &["标题:", "标题:", "题目:", "文章标题:", "名称:"];

/// "编制了2016年度政府信息公开工作年度报告".
fn report_year_phrase(text: &str) -> Option<i32> {
    static R: OnceLock<Pattern> = OnceLock::new();
    let r = compiled(
        &R,
        r"((?:19|20)[0-9]{2})年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?报告",
    );
    // Every match starts with a year: only the places of the years are tried.
    let starts: Vec<usize> = numbers::years_written(text).map(|(at, _)| at).collect();
    let caps = r.captures_at_starts(text, &starts, text.len()).into_iter().next()?;
    caps[1].parse().ok()
}

/// The year most often written in the body, ignoring the publication date's year and titles.
fn body_year(text: &str, published: Option<&str>) -> Option<i32> {
    let pub_year: Option<i32> = published.and_then(|p| p.get(..4)?.parse().ok());
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for (_, y) in numbers::years_written(text) {
        if Some(y) != pub_year || pub_year.is_none() {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, -y)).map(|(y, _)| y)
}

/// 统计期限自2018年1月1日起,至2018年12月31日止 / 统计时限为2016年1月1日至2016年12月31日.
fn period(text: &str) -> Option<[String; 2]> {
    static R: OnceLock<Pattern> = OnceLock::new();
    let r = compiled(
        &R,
        r"(?:统计|数据|期限|时限|期间|时间|涵盖|范围)[^。]{0,20}?((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?\s*,?\s*(?:至|到|—|-|~|止)\s*(?:((?:19|20)[0-9]{2})年)?([0-9]{1,2})月([0-9]{1,2})日",
    );
    // A match holds no 。, and holds a day after a month (1月1日): only the stretches between
    // two 。 that hold one are searched, in text order (tried at each of its common first words,
    // 数据 and 时间, over the whole text, the pattern cost 3.6 % of the analysis).
    let bytes = text.as_bytes();
    let after_month = |day: usize| {
        let digit = |i: usize| day.checked_sub(i).is_some_and(|i| bytes[i].is_ascii_digit());
        let month_at =
            |i: usize| day.checked_sub(i).is_some_and(|i| bytes[i..].starts_with("月".as_bytes()));
        digit(1) && (month_at(4) || (digit(2) && month_at(5)))
    };
    static STOP_BACK: OnceLock<memmem::FinderRev<'static>> = OnceLock::new();
    let stop = searcher!("。");
    let stop_back = STOP_BACK.get_or_init(|| memmem::FinderRev::new("。").into_owned());
    let mut searched = 0;
    let mut found = None;
    for day in searcher!("日").find_iter(bytes) {
        if day < searched || !after_month(day) {
            continue;
        }
        let start = stop_back
            .rfind(&bytes[searched..day])
            .map_or(searched, |i| searched + i + stop.needle().len());
        let end = stop.find(&bytes[day..]).map_or(text.len(), |i| day + i);
        searched = end;
        found = r.captures_in(text, start, end);
        if found.is_some() {
            break;
        }
    }
    let c = found?;
    let d = |y: &str, m: &str, d: &str| date(y, m, d);
    // 自2009年1月1日至12月31日: the end's year is the start's.
    let end_year = c.get(4).map_or(&c[1], |y| y.as_str());
    Some([d(&c[1], &c[2], &c[3])?, d(end_year, &c[5], &c[6])?])
}

fn date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// 发布时间:2017-03-15 in the page chrome, else the date signed at the end.
/// The report's own date: the date it is signed with (a line of its own among the last ones),
/// else the date a web page shows beside it (发布时间 …), which is when the page went up, not
/// when the report was signed.
fn published(text: &str, outline: &Outline) -> Option<String> {
    signed_date(text).or_else(|| page_date(text, outline))
}

fn signed_date(text: &str) -> Option<String> {
    static SIGNED: OnceLock<Pattern> = OnceLock::new();
    let signed = compiled(
        &SIGNED,
        r"^\s*((?:19|20)[0-9]{2}|[零〇一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,2})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日\s*$",
    );
    for line in text.lines().rev().filter(|l| !l.trim().is_empty()).take(4) {
        if let Some(c) = signed.captures(line) {
            let n = |s: &str| numbers::parse(s).map(|v| (v as i64).to_string());
            if let (Some(y), Some(m), Some(d)) = (n(&c[1]), n(&c[2]), n(&c[3])) {
                return date(&y, &m, &d);
            }
        }
    }
    None
}

fn page_date(text: &str, outline: &Outline) -> Option<String> {
    static CHROME: OnceLock<Pattern> = OnceLock::new();
    // Labels of a page's date: 发布时间, 释出时间 (Taiwan wording), or a bare 时间 beside 来源.
    let chrome = compiled(
        &CHROME,
        r"(?:发布时间|释出时间|发布日期|成文日期|日期|时间)[:\s]*((?:19|20)[0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})",
    );
    // Every label ends in 日期 or 时间: the pattern is tried only where one of the two stands,
    // at the label's start (two characters before, or there). Their places are taken in text
    // order, so the first match found is the first of the text.
    let bytes = text.as_bytes();
    let mut labels: Vec<usize> = searcher!("日期").find_iter(bytes).collect();
    labels.extend(searcher!("时间").find_iter(bytes));
    labels.sort_unstable();
    let c = labels.into_iter().find_map(|at| {
        let starts = [at.saturating_sub("发布".len()), at];
        chrome.captures_at_starts(text, &starts, text.len()).into_iter().next()
    })?;
    let at = c.whole().start();
    (outline.in_chrome(at) || at < 300).then(|| date(&c[1], &c[2], &c[3])).flatten()
}

/// Endings of a body's name.
const AGENCY_END: &str = r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|(?:省|市|区|县|州|旗|镇|乡)政府|管理委员会|管委会|委员会|办公室|办公厅|服务局|街道办事处|[局委办厅署院])";

/// A body's name as a whole: a government, a department, a town.
fn name_pattern() -> &'static Pattern {
    static P: OnceLock<Pattern> = OnceLock::new();
    P.get_or_init(|| {
        Pattern::new(&format!(
            r"^[\p{{Han}}()]{{2,30}}(?:{AGENCY_END}|省|市|区|县|州|旗|盟|镇|乡|街道|街|苏木|示范区|新区|开发区|高新区|园区|中心)$"
        ))
        .expect("name pattern")
    })
}

/// Offices and desks that follow a body's name in a contact line (请与某局办公室联系).
const DESKS: &[&str] = &[
    "政府信息公开办公室",
    "信息公开办公室",
    "政务公开办公室",
    "政务公开办",
    "党政综合办公室",
    "党政办公室",
    "综合办公室",
    "信息服务中心",
    "党政办",
    "办公室",
    "综合科",
    "办公科",
];

/// The agency, from the strongest place that names it: the title (on its line or the line
/// above), the signature, then phrases of the text (由……编制, 现公布……年度报告, 请与……联系, a
/// page's 发布机构), the subject of the first sentences, and last the government named most often.
fn agency(doc: &Document, norm: &Normalized, outline: &Outline, titles: &[&str]) -> Option<String> {
    let text = norm.text.as_str();
    let offset_of = |sub: &str| (sub.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let named = |at: usize, len: usize| body_name(doc, norm, at, at + len);
    // 1. Title: "张家港市人民政府2018年政府信息公开工作年度报告" or "2016年度株洲云龙示范区政府信息公开…";
    // or set on two lines, the body's name on the line above (淮安市人民政府 / 2024年政府信息
    // 公开工作年度报告).
    static TITLE: OnceLock<Pattern> = OnceLock::new();
    let title = compiled(
        &TITLE,
        r"^(?:关于)?(?P<a>[^0-9\s]{2,40}?)(?:关于)?(?:19|20)[0-9]{2}年|(?:19|20)[0-9]{2}年度?(?P<b>[^0-9\s]{2,40}?)(?:政府信息公开|政务公开|信息公开)|^(?P<c>[^0-9\s]{2,40}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)$",
    );
    for t in titles {
        if let Some(c) = title.captures(t) {
            if let Some(name) = c
                .name("a")
                .or_else(|| c.name("b"))
                .or_else(|| c.name("c"))
                .filter(|m| m.as_str() != "政府")
                .and_then(|m| named(offset_of(t) + m.start(), m.len()))
            {
                return Some(name);
            }
        }
        let above = text[..offset_of(t)]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty() && !outline.in_chrome(offset_of(l)));
        if let Some(name) = above.and_then(|l| named(offset_of(l), l.len())) {
            return Some(name);
        }
    }
    // 2. Signature: a short line naming a body, just before the closing date.
    static SIGN: OnceLock<Pattern> = OnceLock::new();
    let sign = compiled(&SIGN, &format!(r"^[\p{{Han}}()]{{2,30}}{AGENCY_END}$"));
    for line in text.lines().rev().map(str::trim).filter(|l| !l.is_empty()).take(4) {
        if sign.is_match(line) {
            let at = offset_of(line);
            return Some(original(doc, norm, at, at + line.len()));
        }
    }
    let head = prefix(text, 4000);
    // 3.–6. Phrases that name the body: 由某委编制, 现公布2012年某镇政府信息公开工作年度报告,
    // 请与某局办公室联系, 发布机构:某区人民政府办公室.
    static PHRASES: OnceLock<Vec<Pattern>> = OnceLock::new();
    let phrases = PHRASES.get_or_init(|| {
        [
            r"由(?P<a>[^,。;\n]{2,60}?)(?:负责)?编制",
            r"(?:公布|发布)(?:了)?(?:19|20)[0-9]{2}年度?(?P<a>\p{Han}{2,20}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)",
            r"请(?:与|同|向)(?P<a>[^,。;:\n(]{2,40}?)(?:联系|联络)",
            r"请联系:(?P<a>[^,。;\n(]{2,40})",
            r"(?:发布机构|发文机关|发文单位|发布单位)[:\s]*(?P<a>\p{Han}{2,30})",
        ]
        .iter()
        .map(|p| Pattern::new(p).expect("agency phrase"))
        .collect()
    });
    for phrase in phrases {
        for c in phrase.captures_iter(head) {
            let Some(m) = c.name("a") else { continue };
            let mut name = m.as_str();
            if let Some(desk) = DESKS.iter().find(|d| name.ends_with(*d) && name.len() > d.len()) {
                name = &name[..name.len() - desk.len()];
            }
            if name.starts_with(['我', '本']) {
                continue;
            }
            if let Some(found) = named(m.start(), name.len()) {
                return Some(found);
            }
        }
    }
    // 7. A subject at the start of the body: "2016年,抚顺市行政审批服务局在市委市政府的正确领导下",
    // "2020年,在区委、区政府的正确领导下,某街道办事处认真贯彻".
    static SUBJECT: OnceLock<Pattern> = OnceLock::new();
    let subject = compiled(
        &SUBJECT,
        &format!(
            r"(?:(?:19|20)[0-9]{{2}}年度?|领导下),?(?P<a>[\p{{Han}}]{{2,20}}?{AGENCY_END})(?:在|按照|认真|深入|坚持|围绕|严格|以|紧紧|积极|全面|进一步|始终)"
        ),
    );
    if let Some(c) = subject.captures(prefix(text, 3000)) {
        let m = c.name("a")?;
        if !m.as_str().starts_with("我") {
            return Some(original(doc, norm, m.start(), m.end()));
        }
    }
    // 8. The government named most often (宿迁市人民政府).
    static GOV: OnceLock<Pattern> = OnceLock::new();
    let gov = compiled(&GOV, r"[\p{Han}]{2,8}?(?:省|市|区|县|州|旗)人民政府");
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    // A match never crosses a line and ends in 人民政府: only such lines are searched (the
    // backtracker would otherwise try every place of the whole text).
    for (start, end) in lines_holding(norm, searcher!("人民政府")) {
        for c in gov.captures_iter_in(text, start, end) {
            let m = c.whole();
            let e = counts.entry(m.as_str()).or_insert((0, m.start()));
            e.0 += 1;
        }
    }
    let (name, (_, at)) = counts.into_iter().max_by_key(|&(_, (n, at))| (n, usize::MAX - at))?;
    Some(original(doc, norm, at, at + name.len()))
}

/// The lines of the text that hold `literal`, in text order, each once: byte ranges without
/// their line break. A pattern whose every match holds the literal and stays within a line need
/// search no other line.
fn lines_holding<'a>(
    norm: &'a Normalized,
    finder: &'static memmem::Finder<'static>,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let bytes = norm.text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(&bytes[from..])?;
        let line = (norm.clauses.line_start(at), norm.clauses.line_end(at));
        from = line.1;
        Some(line)
    })
}

fn compiled(cell: &'static OnceLock<Pattern>, source: &str) -> &'static Pattern {
    cell.get_or_init(|| Pattern::new(source).unwrap_or_else(|e| panic!("{source}: {e}")))
}

/// The original text of a byte range of the normalised text.
fn original(doc: &Document, norm: &Normalized, s: usize, e: usize) -> String {
    let span = norm.span(s, e);
    doc.text.chars().skip(span[0]).take(span[1] - span[0]).collect()
}

/// The body a piece of text names, as written in the original, if it names one: the piece
/// itself (凤安镇, 集美区财政局), or, when other characters have been put inside it (a masked
/// city 「**市审计局」, a spam string in the middle of a name 「天津市<广告>交通运输委员会」), the
/// last run of ideographs that is a name, after the place that starts the piece.
fn body_name(doc: &Document, norm: &Normalized, start: usize, end: usize) -> Option<String> {
    let text = norm.text.as_str();
    let piece = text.get(start..end)?;
    let name = name_pattern();
    if name.is_match(piece) {
        return Some(original(doc, norm, start, end));
    }
    // Runs of ideographs (and brackets) with their offsets.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, c) in piece.char_indices() {
        let word = is_han(c) || c == '(' || c == ')';
        match runs.last_mut() {
            Some(r) if word && r.1 == start + i => r.1 = start + i + c.len_utf8(),
            _ if word => runs.push((start + i, start + i + c.len_utf8())),
            _ => {}
        }
    }
    let &(s, e) = runs.iter().rev().find(|&&(s, e)| name.is_match(&text[s..e]))?;
    let last = original(doc, norm, s, e);
    // The place the piece starts with (天津市 of 天津市<广告>), unless the name has its own.
    let has_place = text[s..e].chars().take(6).any(|c| "省市区县".contains(c));
    let place = runs.first().filter(|&&(fs, _)| fs < s && !has_place).and_then(|&(fs, fe)| {
        let run = &text[fs..fe];
        let (i, c) = run.char_indices().take(8).find(|&(_, c)| "省市区县".contains(c))?;
        (i > 0).then_some((fs, fs + i + c.len_utf8()))
    });
    Some(match place {
        Some((fs, fe)) => original(doc, norm, fs, fe) + &last,
        None => last,
    })
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(text: &str) -> Meta {
        crate::analyze_text(text, "t.txt").meta
    }

    #[test]
    fn title_gives_agency_and_year() {
        let m = meta_of("張家港市人民政府2018年政府信息公開工作年度報告\n\n正文。");
        assert_eq!(m.agency.as_deref(), Some("張家港市人民政府"));
        assert_eq!(m.year, Some(2018));
        let m = meta_of("2016年度株洲云龙示范区政府信息公开工作年度报告\n发布时间:2017-03-15 14:41浏览次数:字体:[ ]\n正文");
        assert_eq!(m.agency.as_deref(), Some("株洲云龙示范区"));
        assert_eq!(m.published.as_deref(), Some("2017-03-15"));
    }

    #[test]
    fn title_on_two_lines() {
        let m = meta_of(
            "淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。",
        );
        assert_eq!(m.agency.as_deref(), Some("淮安市人民政府"));
        // A title without a year; a street's short name (某某街) in the title.
        let m = meta_of("驼峰路街道办事处政府信息公开工作年度报告\n\n一、总体情况\n正文。");
        assert_eq!(m.agency.as_deref(), Some("驼峰路街道办事处"));
        let m = meta_of("佳荣里街2021年政府信息公开工作年度报告\n一、总体情况\n正文。");
        assert_eq!(m.agency.as_deref(), Some("佳荣里街"));
        // The subject after the leadership phrase.
        let m = meta_of("一、总体情况\n2020年,在区委、区政府的正确领导下,某某区人民政府花园街道办事处认真贯彻落实《条例》。");
        assert_eq!(m.agency.as_deref(), Some("某某区人民政府花园街道办事处"));
        // The short form of a government's name is its name too.
        let m = meta_of("淮安市政府2024年政府信息公开工作年度报告\n本报告由淮安市政府办公室编制。");
        assert_eq!(m.agency.as_deref(), Some("淮安市政府"));
        assert_eq!(m.year, Some(2024));
    }

    #[test]
    fn signature_gives_agency_and_date() {
        let m = meta_of("2016年以来,我区深入贯彻。\n一、概述\n2016年全区公开信息。\n港闸区人民政府办公室\n2017年2月20日");
        assert_eq!(m.agency.as_deref(), Some("港闸区人民政府办公室"));
        assert_eq!(m.published.as_deref(), Some("2017-02-20"));
        assert_eq!(m.year, Some(2016));
        let m = meta_of("全年工作。\n某某县人民政府\n二〇一九年一月十五日");
        assert_eq!(m.published.as_deref(), Some("2019-01-15"));
    }

    #[test]
    fn the_signed_date_wins_over_the_pages_date() {
        // A page put up in March shows a report signed in January.
        let m = meta_of("某区2016年政府信息公开工作年度报告\n发布时间:2017-03-15 14:41 浏览次数:\n正文。\n某区人民政府办公室\n2017年1月20日");
        assert_eq!(m.published.as_deref(), Some("2017-01-20"));
    }

    #[test]
    fn a_period_the_report_covers() {
        let m = meta_of("本报告内容涵盖我镇政府2012年1月1日至12月31日期间的政府信息公开情况。");
        assert_eq!(m.period, Some(["2012-01-01".to_string(), "2012-12-31".to_string()]));
        // 年 and 月 lost: no period rather than a wrong one.
        let m = meta_of("本报告中所列数据的统计期限自201211日至20121231日止。");
        assert_eq!(m.period, None);
    }

    #[test]
    fn agency_from_the_places_that_name_it() {
        let agency = |t: &str| meta_of(t).agency;
        // A label before the title, a town.
        assert_eq!(
            agency("标题:2012年度屯昌县南吕镇政府信息公开工作年度报告\n\n正文。").as_deref(),
            Some("屯昌县南吕镇")
        );
        // The title twice, the second time below the body's name; page chrome above.
        let page = "您当前所在位置: 首页 > 年度报告\n\n2012年政府信息公开工作年度报告\n\n访问量:\n\n龙口乡人民政府\n\n2012年政府信息公开工作年度报告\n\n正文。";
        assert_eq!(agency(page).as_deref(), Some("龙口乡人民政府"));
        // 由……编制 with a spam string inside the name.
        let spam =
            "本报告是由天津市开元棋牌app下载_888真人-平台|入口:交通运输委员会编制的2009年度报告。";
        assert_eq!(agency(spam).as_deref(), Some("天津市交通运输委员会"));
        // The report a sentence announces, and a contact line.
        assert_eq!(
            agency("根据《条例》的规定,现公布2012年凤安镇政府信息公开工作年度报告。").as_deref(),
            Some("凤安镇")
        );
        assert_eq!(
            agency("如对本报告有任何疑问,请与鹿城区财政局办公室联系(电话:0577-88377166)。")
                .as_deref(),
            Some("鹿城区财政局")
        );
        // A masked city and pinyin glosses: the name as written.
        assert_eq!(
            agency("**市監(jiān)察局2014年政府信息公開工作年度報告\n\n正文。").as_deref(),
            Some("市監(jiān)察局")
        );
    }

    #[test]
    fn period_and_year() {
        let m = meta_of("本报告中所列数据的统计期限自2018年1月1日起,至2018年12月31日止。");
        assert_eq!(m.period, Some(["2018-01-01".to_string(), "2018-12-31".to_string()]));
        assert_eq!(m.year, Some(2018));
    }

    #[test]
    fn period_end_without_year_and_bare_date_labels() {
        let m = meta_of("本报告统计期限为2009年1月1日至12月31日。");
        assert_eq!(m.period, Some(["2009-01-01".to_string(), "2009-12-31".to_string()]));
        let m = meta_of("某区2011年政府信息公开工作年度报告\n来源:区府办 时间:2012-03-30\n正文。");
        assert_eq!(m.published.as_deref(), Some("2012-03-30"));
        let m = meta_of("某市2013年政府資訊公開工作年度報告\n釋出時間:2014-03-31\n正文。");
        assert_eq!(m.published.as_deref(), Some("2014-03-31"));
    }
}
