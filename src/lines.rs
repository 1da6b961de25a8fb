//! What one line of text is: a heading's numbering (一、 (一) 1. (1) ① 第一部分) or web-page
//! chrome (发布时间, 浏览次数, 当前位置 …).
//!
//! Takes one line of folded or normalised text; gives its heading level and numbering, or
//! whether it is chrome. Normalising asks (a heading or chrome line is never joined to the line
//! before it), and so do the outline, which builds the report's sections from these lines, and
//! the digest of the checks across reports (a heading is no sentence). Gives too the lines of a
//! normalised text, from the line ends normalising noted ([`Clauses`]).

use crate::clauses::Clauses;
use crate::pattern::Pattern;
use std::sync::OnceLock;

/// Heading numberings: (level, pattern whose group 1 is the numbering). Checked in order; the
/// first that matches wins. The text is normalised, so （一） is already (一) and １． is 1. Only
/// the rows whose matches can start with a line's first character are searched
/// ([`Pattern::may_start_with`]): most lines are turned away with no search.
#[rustfmt::skip]
const NUMBERINGS: &[(u8, &str)] = &[
    (1, r"^(第[一二三四五六七八九十]{1,3}(?:部分|章|节))"),                 // 第一部分 概述
    (1, r"^([一二三四五六七八九十]{1,3}[、.])"),                        // 一、概述
    (2, r"^(\([一二三四五六七八九十]{1,3}\)[、.]?)"),                   // (一)主动公开
    (3, r"^([1-9][0-9]?[、.])(?:[^0-9]|$)"),                  // 1. 政府网站  1、预决算
    (3, r"^([1-9][0-9]?)\s+[^\s0-9]"),                       // 1 政府网站
    (4, r"^(\([1-9][0-9]?\))"),                              // (1)
    (4, r"^([①-⑳])"),                                        // ①
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

/// The rows of NUMBERINGS compiled.
fn numbering_patterns() -> &'static [(u8, Pattern)] {
    static R: OnceLock<Vec<(u8, Pattern)>> = OnceLock::new();
    R.get_or_init(|| {
        let compile = |p| Pattern::new(p).expect("numbering pattern");
        NUMBERINGS.iter().map(|&(l, p)| (l, compile(p))).collect()
    })
}

/// The chrome rows as two patterns: those anchored at the line's start (`^`), tried once there,
/// and the others. As one alternation the anchored rows were tried at every character too, and
/// the search cost a quarter of the outline.
struct Chrome {
    anchored: Pattern,
    /// The first characters of the literals each anchored match starts with (`None`: unknown).
    anchored_firsts: Option<String>,
    floating: Pattern,
    /// The literals each other match starts with (`None`: unknown).
    floating_prefixes: Option<Vec<memchr::memmem::Finder<'static>>>,
}

impl Chrome {
    fn get() -> &'static Chrome {
        static R: OnceLock<Chrome> = OnceLock::new();
        R.get_or_init(|| {
            let (mut anchored, mut floating) = (Vec::new(), Vec::new());
            for (p, _) in CHROME {
                match p.strip_prefix('^') {
                    Some(rest) => anchored.push(format!("(?:{rest})")),
                    None => floating.push(format!("(?:{p})")),
                }
            }
            let compile = |p: &str| Pattern::new(p).expect("chrome pattern");
            let anchored = compile(&format!("^(?:{})", anchored.join("|")));
            let floating = compile(&floating.join("|"));
            Chrome {
                anchored_firsts: anchored
                    .prefix_literals()
                    .map(|set| set.iter().filter_map(|l| l.chars().next()).collect()),
                floating_prefixes: floating.prefix_literals().map(|set| {
                    set.iter()
                        .map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned())
                        .collect()
                }),
                anchored,
                floating,
            }
        })
    }

    /// Whether a trimmed line is chrome. Before each search, a look for the words its matches
    /// start with (the first character, for the anchored rows): most lines hold none, and the
    /// two searches cost a short line some 3,000 instructions, the looks a few hundred.
    fn matches(&self, line: &str) -> bool {
        let first = line.chars().next();
        let anchored = match (&self.anchored_firsts, first) {
            (Some(firsts), Some(c)) => firsts.contains(c),
            _ => true,
        };
        let floating = match &self.floating_prefixes {
            Some(prefixes) => prefixes.iter().any(|p| p.find(line.as_bytes()).is_some()),
            None => true,
        };
        (anchored && self.anchored.is_match(line)) || (floating && self.floating.is_match(line))
    }
}

/// The heading level and numbering a line starts with, if any. Every row is anchored at the
/// line's start, so each is run there only (`captures_at`), without the search for a start.
pub fn heading_number(line: &str) -> Option<(u8, &str)> {
    numbering_patterns().iter().filter(|(_, re)| re.may_start_with(line)).find_map(|(level, re)| {
        let m = re.captures_at(line, 0, line.len())?.get(1)?;
        Some((*level, m.as_str()))
    })
}

/// The lines of a normalised text (`cuts`: its clauses), as byte ranges without their line break, in text order, empty
/// ones too (as `split('\n')` gives them): from the line ends normalising noted, with no search
/// for the breaks (a line is often a paragraph of hundreds of bytes, and the outline and the title
/// walk every one).
pub fn line_ranges<'a>(text: &str, cuts: &'a Clauses) -> impl Iterator<Item = (usize, usize)> + 'a {
    let len = text.len();
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        let end = cuts.line_end(start);
        next = (end < len).then_some(end + 1);
        Some((start, end))
    })
}

/// True when a (normalised) line starts with a heading numbering.
pub fn starts_with_heading_number(line: &str) -> bool {
    heading_number(line.trim_start()).is_some()
}

/// True when a (normalised) line is web-page chrome.
pub fn is_chrome(line: &str) -> bool {
    is_trimmed_chrome(line.trim())
}

/// [`is_chrome`] of a line already trimmed (the outline trims each line before it asks).
pub fn is_trimmed_chrome(line: &str) -> bool {
    // At most 60 characters: at most 240 bytes, the count asked only of those (most lines are
    // prose, and counting walks the characters).
    let short = line.len() <= 240 && line.chars().count() <= 60;
    !line.is_empty() && short && Chrome::get().matches(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each numbering of NUMBERINGS, behind its row's first characters.
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

    /// Every row starts with `^` (what lets `heading_number` run it at the line's start only).
    #[test]
    fn every_numbering_is_anchored() {
        assert!(NUMBERINGS.iter().all(|(_, p)| p.starts_with('^') && !p.starts_with("^(?m)")));
    }

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
    fn line_ranges_are_the_lines_split_gives() {
        for text in ["", "\n", "a", "a\n", "一、概述\n\n正文。\n二、", "\n\n甲\n"] {
            let cuts = Clauses::new(text);
            let ours: Vec<&str> = line_ranges(text, &cuts).map(|(s, e)| &text[s..e]).collect();
            assert_eq!(ours, text.split('\n').collect::<Vec<_>>(), "{text:?}");
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
}
