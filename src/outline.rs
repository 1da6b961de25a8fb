//! Stage 3: normalised text → section outline and page chrome.
//!
//! Takes [`Normalized`]; gives an [`Outline`]: the headings (一、 （一） 1. 1、 （1） 第一部分, in
//! whatever order and numbering the report uses: duplicated or skipped numbers are fine) and the
//! lines that are web-page chrome rather than report (发布时间, 浏览次数, 相关词条 …). Later stages
//! ask it for the section path at any place of the text and skip the chrome.

use std::cell::RefCell;

use crate::lines::{heading_number, is_trimmed_chrome, line_ranges};
use crate::model::{Heading, Span};
use crate::normalize::Normalized;

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
    /// What [`Outline::path_mentions`] found under the heading last asked about.
    mentions: RefCell<Mentions>,
}

/// Answers of [`Outline::path_mentions`] for one innermost heading: (the list's address, the
/// answer). The phrase table asks the same few lists of sentence after sentence under a heading.
#[derive(Debug, Clone, Default)]
struct Mentions {
    innermost: Option<Option<usize>>,
    answers: Vec<(usize, bool)>,
}

/// Builds the outline of a report.
pub fn outline(norm: &Normalized) -> Outline {
    let mut out = Outline::default();
    for (line_start, line_end) in line_ranges(&norm.text, &norm.clauses) {
        let raw_line = &norm.text[line_start..line_end];
        let lead = raw_line.len() - raw_line.trim_start().len();
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if is_trimmed_chrome(line) {
            let (s, e) = (line_start + lead, line_start + lead + line.len());
            out.chrome.push(norm.span(s, e));
            out.chrome_at.push((s, e));
            continue;
        }
        let Some((level, number)) = heading_number(line) else { continue };
        if line.contains('\t') {
            continue; // a table row, not a heading
        }
        let rest = &line[number.len()..];
        let title_end = title_end(rest);
        let title = rest[..title_end].trim();
        // A numbered sentence of more than a heading's length is a list item, still a heading
        // for the outline, but only its first clause is the title.
        let title = title.char_indices().nth(40).map_or(title, |(cut, _)| &title[..cut]);
        let s = line_start + lead;
        let e = s + number.len() + title.len();
        let span = norm.span(s, e);
        // Number and title as written: the folded numbering ((一) for （一）) keeps its length.
        let skip = span[0] + number.chars().count();
        let number = norm.original_chars([span[0], skip.min(span[1])]);
        let title_as_written = norm.original_chars([skip.min(span[1]), span[1]]).trim().to_string();
        out.headings.push(Heading { level, number, title: title_as_written, span });
        out.heading_at.push(s);
        out.titles.push(title.to_string());
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

/// Where a heading's title ends: at the first 。 ; : ! or ? of the rest of its line, else at its
/// end. Looked for by memchr: a numbered paragraph can run to hundreds of characters, and
/// decoding each one to compare it with five cost a twelfth of the outline.
fn title_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    // 。 is E3 80 82, and E3 only ever starts a character: E3 80 82 anywhere is a 。.
    let stop = memchr::memchr_iter(0x82, bytes)
        .find(|&i| i >= 2 && bytes[i - 2..i] == [0xE3, 0x80])
        .map_or(bytes.len(), |i| i - 2);
    let before = &bytes[..stop];
    [memchr::memchr3(b';', b':', b'!', before), memchr::memchr(b'?', before)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(stop)
}

impl Outline {
    /// The innermost heading enclosing byte offset `at`.
    fn innermost(&self, at: usize) -> Option<usize> {
        self.heading_at.partition_point(|&h| h <= at).checked_sub(1)
    }

    /// Whether the title of a heading enclosing byte offset `at` holds one of `words` (a list of
    /// the phrase table, which lives as long as the program: its address names it).
    pub fn path_mentions(&self, at: usize, words: &'static [String]) -> bool {
        let innermost = self.innermost(at);
        let key = words.as_ptr() as usize;
        let mut memo = self.mentions.borrow_mut();
        if memo.innermost != Some(innermost) {
            memo.innermost = Some(innermost);
            memo.answers.clear();
        }
        if let Some(&(_, answer)) = memo.answers.iter().find(|&&(k, _)| k == key) {
            return answer;
        }
        let answer = std::iter::successors(innermost, |&i| self.parent[i])
            .any(|i| words.iter().any(|w| crate::lexicon::contains(&self.titles[i], w)));
        memo.answers.push((key, answer));
        answer
    }

    /// Normalised titles of the headings enclosing byte offset `at`, outermost first.
    pub fn path_at(&self, at: usize) -> Vec<&str> {
        let innermost = self.innermost(at);
        let enclosing = || std::iter::successors(innermost, |&i| self.parent[i]);
        // Counted first, so that the path is allocated once at its length (figures ask for the
        // path of each of their places, and growing it cost a third of this).
        let mut path = vec![""; enclosing().count()];
        for (slot, i) in path.iter_mut().rev().zip(enclosing()) {
            *slot = self.titles[i].as_str();
        }
        path
    }

    /// True when a heading starts inside `from..to` (after `from`): the path is not the same
    /// everywhere in it.
    pub fn heading_within(&self, from: usize, to: usize) -> bool {
        let i = self.heading_at.partition_point(|&h| h <= from);
        self.heading_at.get(i).is_some_and(|&h| h < to)
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
    use crate::normalize::normalize;

    #[test]
    fn title_end_is_the_first_stop() {
        for rest in ["概述", "政府网站。始终把:网站", "网站:建设。", "a!b?c;", "（一）?", "", "。"]
        {
            let stops = ['。', ';', ':', '!', '?'];
            assert_eq!(title_end(rest), rest.find(stops).unwrap_or(rest.len()), "{rest}");
        }
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
