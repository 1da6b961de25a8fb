//! Stage 3: normalised text → section outline and page chrome.
//!
//! Takes [`Normalized`]; gives an [`Outline`]: the headings (一、 （一） 1. 1、 （1） 第一部分, in
//! whatever order and numbering the report uses: duplicated or skipped numbers are fine) and the
//! lines that are web-page chrome rather than report (发布时间, 浏览次数, 相关词条 …). Later stages
//! ask it for the section path at any place of the text and skip the chrome.

use crate::model::{Heading, Span};
use crate::normalize::Normalized;
use crate::pattern::Pattern;
use std::sync::OnceLock;

/// Headings and chrome of one report.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub chrome: Vec<Span>,
    /// Byte offset in the normalised text of each heading (parallel to `headings`).
    heading_at: Vec<usize>,
    /// Normalised titles (parallel to `headings`), for matching.
    titles: Vec<String>,
    /// Byte ranges of chrome lines in the normalised text.
    chrome_at: Vec<(usize, usize)>,
    /// For each heading, the index of the heading that encloses it.
    parent: Vec<Option<usize>>,
}

/// Heading numberings: (level, pattern). Checked in order; the first that matches wins.
/// The text is normalised, so （一） is already (一) and １． is 1.
/// Heading numberings: (level, pattern whose group 1 is the numbering). Checked in order; the
/// first that matches wins. The text is normalised, so （一） is already (一) and １． is 1.
#[rustfmt::skip]
const NUMBERINGS: &[(u8, &str)] = &[
    (1, r"^(第[一二三四五六七八九十]{1,3}(?:部分|章|节))"),          // 第一部分 概述
    (1, r"^([一二三四五六七八九十]{1,3}[、.])"),                     // 一、概述
    (2, r"^(\([一二三四五六七八九十]{1,3}\)[、.]?)"),                // (一)主动公开
    (3, r"^([1-9][0-9]?[、.])(?:[^0-9]|$)"),                        // 1. 政府网站  1、预决算
    (3, r"^([1-9][0-9]?)\s+[^\s0-9]"),                              // 1 政府网站
    (4, r"^(\([1-9][0-9]?\))"),                                     // (1)
    (4, r"^([①-⑳])"),                                               // ①
];

/// Lines of web-page chrome, one pattern a row, with an example beside it. A line is chrome when
/// it is short and one of these matches it.
#[rustfmt::skip]
pub const CHROME: &[(&str, &str)] = &[
    (r"发布时间[:\s]",                        "发布时间:2017-03-15 14:41浏览次数:字体:[ ]"),
    (r"浏览次数|访问次数|阅读次数|点击数[:\s]", "浏览次数:1024"),
    (r"字体[:\s]*\[?\s*(?:大|中|小|\])",      "字体:[ ]"),
    (r"^(?:当前位置|您的位置|您现在的位置|您当前所在位置|当前所在位置|所在位置)",   "当前位置:首页 > 政府信息公开 > 年度报告"),
    (r"^(?:相关词条|热门词条|联络我们|联系我们|网站地图|返回顶部|关闭窗口|打印本页|收藏本页)\s*$", "相关词条"),
    (r"^\[?(?:打印|关闭|收藏|分享到)\]?\s*(?:\[?(?:打印|关闭|收藏)\]?\s*)*$", "[打印] [关闭]"),
    (r"^(?:信息来源|来源|作者|责任编辑|编辑)[:]\s*[^\s]{0,20}\s*$", "来源:区政府办"),
    (r"^(?:首页|网站首页)\s*(?:>|»|/)",           "首页 > 政务公开"),
    (r"版权所有|ICP备|主办单位[:]|技术支持[:]|网站标识码", "版权所有:××市人民政府 苏ICP备05000000号"),
    (r"^(?:扫一扫|分享到|【字体|字号[:])",          "扫一扫在手机打开当前页"),
    (r"^(?:索引号|信息分类|发文机关|成文日期|主题分类)[:]", "索引号:014000000/2017-00012"),
];

fn numbering_patterns() -> &'static [(u8, Pattern)] {
    static R: OnceLock<Vec<(u8, Pattern)>> = OnceLock::new();
    R.get_or_init(|| {
        NUMBERINGS.iter().map(|(l, p)| (*l, Pattern::new(p).expect("numbering pattern"))).collect()
    })
}

fn chrome_pattern() -> &'static Pattern {
    static R: OnceLock<Pattern> = OnceLock::new();
    R.get_or_init(|| {
        let alts: Vec<String> = CHROME.iter().map(|(p, _)| format!("(?:{p})")).collect();
        Pattern::new(&alts.join("|")).expect("chrome pattern")
    })
}

/// The heading level and numbering a line starts with, if any.
pub fn heading_number(line: &str) -> Option<(u8, &str)> {
    // Every numbering of NUMBERINGS starts with one of these: most lines are turned away here,
    // before seven searches.
    let first = line.chars().next()?;
    if !(matches!(first, '第' | '(' | '1'..='9' | '①'..='⑳')
        || "一二三四五六七八九十".contains(first))
    {
        return None;
    }
    numbering_patterns().iter().find_map(|(level, re)| {
        let m = re.captures(line)?.get(1)?;
        Some((*level, m.as_str()))
    })
}

/// True when a (normalised) line starts with a heading numbering.
pub fn starts_with_heading_number(line: &str) -> bool {
    heading_number(line.trim_start()).is_some()
}

/// True when a (normalised) line is web-page chrome.
pub fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 60 && chrome_pattern().is_match(line)
}

/// Builds the outline of a report.
pub fn outline(norm: &Normalized) -> Outline {
    let mut out = Outline::default();
    let mut offset = 0;
    for raw_line in norm.text.split('\n') {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let lead = raw_line.len() - raw_line.trim_start().len();
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if is_chrome(line) {
            let (s, e) = (line_start + lead, line_start + lead + line.len());
            out.chrome.push(norm.span(s, e));
            out.chrome_at.push((s, e));
            continue;
        }
        if line.contains('\t') {
            continue; // a table row, not a heading
        }
        let Some((level, number)) = heading_number(line) else { continue };
        let rest = &line[number.len()..];
        let title_end = rest.find(['。', ';', ':', '!', '?']).unwrap_or(rest.len());
        let title = rest[..title_end].trim();
        // A numbered sentence of more than a heading's length is a list item, still a heading
        // for the outline, but only its first clause is the title.
        let title: String = title.chars().take(40).collect();
        let s = line_start + lead;
        let e = s + number.len() + title.len();
        let span = norm.span(s, e);
        // Number and title as written: the folded numbering ((一) for （一）) keeps its length.
        let skip = span[0] + number.chars().count();
        let number = norm.original_chars([span[0], skip.min(span[1])]);
        let title_as_written = norm.original_chars([skip.min(span[1]), span[1]]).trim().to_string();
        out.headings.push(Heading { level, number, title: title_as_written, span });
        out.heading_at.push(s);
        out.titles.push(title);
    }
    // The enclosing heading: the nearest one before with a smaller level.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..out.headings.len() {
        let level = out.headings[i].level;
        while stack.last().is_some_and(|&j| out.headings[j].level >= level) {
            stack.pop();
        }
        out.parent.push(stack.last().copied());
        stack.push(i);
    }
    out
}

impl Outline {
    /// Normalised titles of the headings enclosing byte offset `at`, outermost first.
    pub fn path_at(&self, at: usize) -> Vec<&str> {
        let mut path = Vec::new();
        let mut next = self.heading_at.partition_point(|&h| h <= at).checked_sub(1);
        while let Some(i) = next {
            path.push(self.titles[i].as_str());
            next = self.parent[i];
        }
        path.reverse();
        path
    }

    /// Normalised titles of every heading.
    pub fn titles(&self) -> &[String] {
        &self.titles
    }

    /// True when byte offset `at` of the normalised text lies in a chrome line.
    pub fn in_chrome(&self, at: usize) -> bool {
        let i = self.chrome_at.partition_point(|&(s, _)| s <= at);
        i > 0 && at < self.chrome_at[i - 1].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each numbering of NUMBERINGS, behind the first-character test of `heading_number`.
    #[test]
    fn every_numbering_passes_the_first_character_test() {
        for (line, level) in [
            ("第一部分 概述", 1),
            ("一、概述", 1),
            ("十二.其他", 1),
            ("(一)主动公开", 2),
            ("1. 政府网站", 3),
            ("12、预决算", 3),
            ("1 政府网站", 3),
            ("(1)网站", 4),
            ("⑳公报", 4),
        ] {
            assert_eq!(heading_number(line).map(|h| h.0), Some(level), "{line}");
        }
        assert_eq!(heading_number("全年公开信息"), None);
    }
    use crate::normalize::normalize;

    #[test]
    fn numberings_of_every_level() {
        for (line, level, number) in [
            ("一、概述", 1, "一、"),
            ("第一部分 总体情况", 1, "第一部分"),
            ("(一)主动公开方面", 2, "(一)"),
            ("(十一)开展政府信息公开培训情况", 2, "(十一)"),
            ("1. 政府网站。始终把", 3, "1."),
            ("1、全面推进行政权力清单公开。", 3, "1、"),
            ("(1)当面申请", 4, "(1)"),
        ] {
            assert_eq!(heading_number(line), Some((level, number)), "{line}");
        }
        for line in ["2016年,我市", "12月份市政务公开办", "1-12月,全区", "3.68万件"]
        {
            assert_eq!(heading_number(line), None, "{line}");
        }
    }

    #[test]
    fn chrome_lines_are_recognised() {
        for (_, example) in CHROME {
            assert!(is_chrome(&crate::normalize::fold(example)), "{example}");
        }
        for line in ["相關詞條", "熱門詞條", "聯絡我們"] {
            assert!(is_chrome(&crate::normalize::fold(line)), "{line}");
        }
        assert!(!is_chrome("2016年,全市共收到政府信息公开申请2681件。"));
    }

    #[test]
    fn outline_and_section_paths() {
        let text = "标题\n发布时间:2017-03-15 浏览次数:\n一、概述\n正文\n二、主動公開政府信息情況\n(一)政府網站\n全市通过政府网站公开政府信息100条\n(二)政务微博\n相關詞條";
        let norm = normalize(text);
        let o = outline(&norm);
        let titles: Vec<&str> = o.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["概述", "主動公開政府信息情況", "政府網站", "政务微博"]);
        assert_eq!(o.chrome.len(), 2);
        let at = norm.text.find("全市通过").unwrap();
        assert_eq!(o.path_at(at), ["主动公开政府信息情况", "政府网站"]);
    }
}
