//! Stage: the report's identity: agency, year covered, dates, script, format.
//!
//! Takes the decoded [`Document`], its [`Normalized`] text, [`Outline`] and the standard tables
//! found; gives [`Meta`]. Each field is read from the strongest place that states it, in the order
//! of the `*_SOURCES` tables below (title line, statistical period, signature, body).

use crate::decode::Document;
use crate::model::{Format, Meta, Script, Table};
use crate::normalize::{is_han, is_traditional, Normalized};
use crate::numbers;
use crate::outline::Outline;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Reads the meta fields.
pub fn meta(doc: &Document, norm: &Normalized, outline: &Outline, tables: &[Table]) -> Meta {
    let text = norm.text.as_str();
    let period = period(text);
    let title = title_line(text, outline);
    let published = published(text, outline);
    let year = title
        .and_then(year_in)
        .or_else(|| period.as_ref().and_then(|p| p[0][..4].parse().ok()))
        .or_else(|| report_year_phrase(text))
        .or_else(|| body_year(text, published.as_deref()));
    let agency = agency(doc, norm, title);
    let standard = !tables.is_empty() || STANDARD_MARKERS.iter().any(|m| text.contains(m));
    Meta {
        agency,
        year,
        published,
        period,
        script: script(&doc.text),
        format: if standard { Format::Standard } else { Format::Legacy },
        layout: tables.first().map(|t| t.layout.clone()),
        source: doc.source,
        encoding: doc.encoding.clone(),
        replaced_bytes: doc.replaced_bytes,
        chars: doc.text.chars().count(),
    }
}

/// Words only the standard (2019/2021) format uses.
const STANDARD_MARKERS: &[&str] =
    &["本年新收政府信息公开申请数量", "第二十条第(一)项", "本年度办理结果", "结转下年度继续办理"];

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("meta pattern"))
}

/// The title line: one of the first lines that names the annual report.
fn title_line<'a>(text: &'a str, outline: &Outline) -> Option<&'a str> {
    let mut offset = 0;
    for line in text.split('\n').take(12) {
        let at = offset;
        offset += line.len() + 1;
        let l = line.trim();
        if l.is_empty() || outline.in_chrome(at + (line.len() - line.trim_start().len())) {
            continue;
        }
        let sentence = l.contains(['。', ',', ';']);
        if !sentence
            && l.chars().count() <= 60
            && (l.contains("年度报告") || l.contains("年报"))
            && l.contains("公开")
        {
            return Some(l);
        }
    }
    None
}

fn year_in(s: &str) -> Option<i32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let caps = re(&R, r"((?:19|20)[0-9]{2})年").captures(s)?;
    caps[1].parse().ok()
}

/// "编制了2016年度政府信息公开工作年度报告".
fn report_year_phrase(text: &str) -> Option<i32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let caps =
        re(&R, r"((?:19|20)[0-9]{2})年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?报告")
            .captures(text)?;
    caps[1].parse().ok()
}

/// The year most often written in the body, ignoring the publication date's year and titles.
fn body_year(text: &str, published: Option<&str>) -> Option<i32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let pub_year: Option<i32> = published.and_then(|p| p.get(..4)?.parse().ok());
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for caps in re(&R, r"((?:19|20)[0-9]{2})年").captures_iter(text) {
        if let Ok(y) = caps[1].parse::<i32>() {
            if Some(y) != pub_year || pub_year.is_none() {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, -y)).map(|(y, _)| y)
}

/// 统计期限自2018年1月1日起,至2018年12月31日止 / 统计时限为2016年1月1日至2016年12月31日.
fn period(text: &str) -> Option<[String; 2]> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?:统计|数据|期限|时限|期间|时间)[^。]{0,20}?((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?\s*,?\s*(?:至|到|—|-|~|止)\s*(?:((?:19|20)[0-9]{2})年)?([0-9]{1,2})月([0-9]{1,2})日",
    );
    let c = r.captures(text)?;
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
    static SIGNED: OnceLock<Regex> = OnceLock::new();
    let signed = re(
        &SIGNED,
        r"^\s*((?:19|20)[0-9]{2}|[零〇一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,2})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日\s*$",
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for line in lines.iter().rev().take(4) {
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
    static CHROME: OnceLock<Regex> = OnceLock::new();
    // Labels of a page's date: 发布时间, 释出时间 (Taiwan wording), or a bare 时间 beside 来源.
    let chrome = re(
        &CHROME,
        r"(?:发布时间|释出时间|发布日期|成文日期|日期|时间)[:\s]*((?:19|20)[0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})",
    );
    let c = chrome.captures(text)?;
    let at = c.get(0).map_or(0, |m| m.start());
    (outline.in_chrome(at) || at < 300).then(|| date(&c[1], &c[2], &c[3])).flatten()
}

/// Endings of a body's name.
const AGENCY_END: &str = r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|管理委员会|管委会|委员会|办公室|办公厅|服务局|[局委办厅署院])";

/// The agency: from the title, the signature, a subject sentence, or the most named government.
fn agency(doc: &Document, norm: &Normalized, title: Option<&str>) -> Option<String> {
    let text = norm.text.as_str();
    let original = |s: usize, e: usize| -> String {
        let span = norm.span(s, e);
        doc.text.chars().skip(span[0]).take(span[1] - span[0]).collect()
    };
    let offset_of = |sub: &str| sub.as_ptr() as usize - text.as_ptr() as usize;
    // 1. Title: "张家港市人民政府2018年政府信息公开工作年度报告" or "2016年度株洲云龙示范区政府信息公开…".
    static TITLE: OnceLock<Regex> = OnceLock::new();
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name = re(
        &NAME,
        &format!(
            r"^[\p{{Han}}()]{{2,30}}(?:{AGENCY_END}|省|市|区|县|州|旗|盟|示范区|新区|开发区|高新区|园区|中心)$"
        ),
    );
    if let Some(t) = title {
        let r = re(
            &TITLE,
            r"^(?:关于)?(?P<a>[^0-9\s]{2,30}?)(?:关于)?(?:19|20)[0-9]{2}年|(?:19|20)[0-9]{2}年度?(?P<b>[^0-9\s]{2,30}?)(?:政府信息公开|政务公开|信息公开)",
        );
        if let Some(c) = r.captures(t) {
            if let Some(m) = c
                .name("a")
                .or_else(|| c.name("b"))
                .filter(|m| name.is_match(m.as_str()) && m.as_str() != "政府")
            {
                let at = offset_of(t) + m.start();
                return Some(original(at, at + m.len()));
            }
        }
        // A title set on two lines: the body's name on the line above (淮安市人民政府 /
        // 2024年政府信息公开工作年度报告).
        let above = text[..offset_of(t)].trim_end().rsplit('\n').next().unwrap_or("").trim();
        if name.is_match(above) {
            let at = offset_of(above);
            return Some(original(at, at + above.len()));
        }
    }
    // 2. Signature: a short line naming a body, just before the closing date.
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    static SIGN: OnceLock<Regex> = OnceLock::new();
    let sign = re(&SIGN, &format!(r"^[\p{{Han}}()]{{2,30}}{AGENCY_END}$"));
    for line in lines.iter().rev().take(4) {
        if sign.is_match(line) {
            let at = offset_of(line);
            return Some(original(at, at + line.len()));
        }
    }
    // 3. A subject at the start of the body: "2016年,抚顺市行政审批服务局在市委市政府的正确领导下".
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    let subject = re(
        &SUBJECT,
        &format!(
            r"(?:19|20)[0-9]{{2}}年度?,?(?P<a>[\p{{Han}}]{{2,20}}?{AGENCY_END})(?:在|按照|认真|深入|坚持|围绕|严格|以|紧紧|积极|全面|进一步|始终)"
        ),
    );
    if let Some(c) = subject.captures(prefix(text, 3000)) {
        let m = c.name("a")?;
        if !m.as_str().starts_with("我") {
            return Some(original(m.start(), m.end()));
        }
    }
    // 4. The government named most often (宿迁市人民政府).
    static GOV: OnceLock<Regex> = OnceLock::new();
    let gov = re(&GOV, r"[\p{Han}]{2,8}?(?:省|市|区|县|州|旗)人民政府");
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for m in gov.find_iter(text) {
        let e = counts.entry(m.as_str()).or_insert((0, m.start()));
        e.0 += 1;
    }
    let (name, (_, at)) = counts.into_iter().max_by_key(|&(_, (n, at))| (n, usize::MAX - at))?;
    Some(original(at, at + name.len()))
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Simplified, traditional or mixed, from the share of traditional forms paragraph by paragraph.
pub fn script(original: &str) -> Script {
    let (mut trad, mut simp) = (0usize, 0usize);
    for para in original.split('\n') {
        let (mut han, mut t) = (0usize, 0usize);
        for c in para.chars() {
            if is_han(c) {
                han += 1;
                t += usize::from(is_traditional(c));
            }
        }
        if han < 20 {
            continue;
        }
        // Traditional prose has a traditional form in roughly every fourth to tenth character;
        // simplified prose has next to none (OpenCC folds a few shared characters such as 著).
        if t * 25 > han {
            trad += han;
        } else if t * 100 < han {
            simp += han;
        }
    }
    match (trad, simp) {
        (0, 0) => Script::Simplified,
        (t, s) if t * 10 < s => Script::Simplified,
        (t, s) if s * 10 < t => Script::Traditional,
        _ => Script::Mixed,
    }
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

    #[test]
    fn script_by_paragraph() {
        let simp = "全市共收到政府信息公开申请二千六百八十一件，均已按时答复，主动公开政府信息二十七万条。";
        let trad = "全市共收到政府信息公開申請二千六百八十一件，均已按時答覆，主動公開政府資訊二十七萬條。";
        assert_eq!(script(simp), Script::Simplified);
        assert_eq!(script(trad), Script::Traditional);
        assert_eq!(script(&format!("{simp}\n{trad}\n{simp}\n{trad}")), Script::Mixed);
    }
}
