//! Normalised text → where each table stands.
//!
//! Takes the normalised text; gives one [`Region`] per table found: the lines the reader reads
//! (from the table's first line to where the next table or section begins) and the tighter byte
//! ranges of its lines that are no prose, which the prose rules leave alone.
//!
//! Anchors (words of a line, white space removed):
//! - table 二 starts at `第二十条` or `信息内容`, and ends where table 三 or section 三 begins;
//! - table 三 starts at its first row (`本年新收…`; its header lines hold no figures) and ends at
//!   the first line naming 行政复议 after it;
//! - table 四 starts there and ends at section 五;
//! - the statistics table starts at its title (`…统计表`) or header (`指标名称`, `统计指标`,
//!   `计量单位`) and ends at the first sentence after it.

use super::template::TableId;

/// One table's place in the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub table: TableId,
    /// Byte range of the lines read, line-aligned.
    pub from: usize,
    pub to: usize,
    /// Byte ranges of the region's lines that are not prose (header and rows).
    pub lines: Vec<(usize, usize)>,
    /// Lines at the very end of the text that hold only cells and header words of the form:
    /// where a PDF's text layer left the last cells of the last table (read after the region).
    pub tail: Option<(usize, usize)>,
}

/// Table 2 starts at the first line with one of these (`第二十条第(一)项`, `信息内容`).
const TABLE2_START: &[&str] = &["第二十条", "信息内容"];
/// Table 3 starts at its first row (`一、本年新收政府信息公开申请数量`).
const TABLE3_START: &[&str] = &["本年新收", "本年度新收", "新收政府信息公开申请"];
/// Lines of table 3's header, kept in the region's lines (not read).
const TABLE3_HEADER: &[&str] = &["勾稽关系", "申请人情况", "法人或其他组织"];
/// The heading of section 三 ends table 2 when table 3 is missing.
const SECTION3: &[&str] = &["收到和处理政府信息公开申请"];
/// Table 4 starts at the first line after table 3 naming 行政复议 (heading or header).
const TABLE4_START: &[&str] = &["行政复议"];
/// Table 4 ends at section 五.
const SECTION5: &[&str] = &["存在的主要问题", "主要问题及改进"];
/// The statistics table's title and header words.
const STATS_TITLE: &[&str] = &["统计表"];
const STATS_HEADER: &[&str] = &["指标名称", "统计指标", "计量单位"];
/// … or, without title and header, its first row set out as a row (`主动公开政府信息数\t条\t3562`).
const STATS_FIRST_ROW: &[&str] = &[
    "主动公开政府信息数",
    "主动公开信息数",
    "收到申请数",
    "申请答复数",
    "行政复议数量",
    "行政诉讼数量",
];
/// Units of the statistics table's unit column.
const STATS_UNITS: &[&str] =
    &["条", "件", "次", "个", "人", "篇", "人次", "万元", "元", "项", "期"];

/// One line of the text: where it starts, its text, and whether it holds a sentence end (。),
/// which most anchors ask (told once per line, not once per question).
struct Line<'a> {
    at: usize,
    text: &'a str,
    prose: bool,
}

/// The regions of the tables in `text`, in the order of the text.
pub fn regions(text: &str) -> Vec<Region> {
    // The lines, their breaks found by a vectorised search.
    let mut lines = Vec::new();
    let mut at = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        let l = &text[at..end];
        lines.push(Line { at, text: l, prose: l.contains('。') });
        at = end + 1;
    }
    let end = text.len();
    let has = |l: &Line, words: &[&str]| words.iter().any(|w| holds_spaced(l.text, w));
    let short = |l: &Line| {
        // At most 4 bytes a character: most lines are told by their length alone.
        let t = l.text.trim();
        !l.prose && (t.len() <= 40 || (t.len() <= 160 && t.chars().count() <= 40))
    };
    let find_from = |from: usize, pred: &dyn Fn(&Line) -> bool| {
        lines.iter().skip(from).position(pred).map(|i| i + from)
    };
    let line_at = |i: usize| lines.get(i).map_or(end, |l| l.at);
    let mut out = Vec::new();
    let t3 = find_from(0, &|l| !l.prose && has(l, TABLE3_START));
    let t2 =
        find_from(0, &|l| short(l) && has(l, TABLE2_START)).filter(|&i| t3.is_none_or(|t| i < t));
    let s3 = find_from(t2.unwrap_or(0), &|l| short(l) && has(l, SECTION3))
        .filter(|&i| t2.is_some() && t3.is_none_or(|t| i <= t));
    if let Some(i2) = t2 {
        let stop = s3.or(t3).map_or(end, line_at);
        out.push(region(text, TableId::Table2, lines[i2].at, stop));
    }
    let after = t3.or(s3).or(t2);
    let t4 =
        after.and_then(|a| find_from(a + usize::from(t3.is_some()), &|l| has(l, TABLE4_START)));
    if let Some(i3) = t3 {
        // The header lines above the first row belong to the table too (not read).
        let mut head = i3;
        while head > 0 && head > t2.map_or(0, |x| x + 1) {
            let l = &lines[head - 1];
            if l.text.trim().is_empty()
                || (short(l)
                    && !has(l, SECTION3)
                    && (has(l, TABLE3_HEADER) || is_header_word(l.text)))
            {
                head -= 1;
            } else {
                break;
            }
        }
        let mut r = region(text, TableId::Table3, lines[i3].at, t4.map_or(end, line_at));
        if head < i3 {
            r.lines.insert(0, (lines[head].at, lines[i3].at.saturating_sub(1).max(lines[head].at)));
        }
        out.push(r);
    }
    if let Some(i4) = t4 {
        let stop = find_from(i4 + 1, &|l| {
            let t = l.text.trim_start();
            (short(l) && has(l, SECTION5)) || t.starts_with("五、") || t.starts_with("五.")
        });
        out.push(region(text, TableId::Table4, lines[i4].at, stop.map_or(end, line_at)));
    }
    // The statistics table (not inside a standard table).
    let standard: Vec<(usize, usize)> = out.iter().map(|r| (r.from, r.to)).collect();
    let inside = |at: usize| standard.iter().any(|&(a, b)| a <= at && at < b);
    let mut from = 0;
    while let Some(i) = find_from(from, &|l| {
        !l.prose && (has(l, STATS_HEADER) || (short(l) && has(l, STATS_TITLE)) || stats_row(l.text))
    }) {
        if inside(lines[i].at) {
            from = i + 1;
            continue;
        }
        let stop = find_from(i + 1, &|l| l.prose).unwrap_or(lines.len());
        out.push(region(text, TableId::Stats, lines[i].at, line_at(stop)));
        from = stop.max(i + 1);
    }
    out.sort_by_key(|r| r.from);
    // Cells left after the end of the report belong to the last table before them.
    if let Some(tail) = trailing_cells(text, &lines) {
        if let Some(last) = out.iter_mut().rev().find(|r| r.to <= tail.0 && r.table.is_standard()) {
            last.lines.push(tail);
            last.tail = Some(tail);
        }
    }
    out
}

/// True when `line` holds `word`, or holds it spaced out (统 计 表): its characters in order
/// with only white space between them. Found from each place the word's first character
/// stands, without a copy of the line with its white space taken out. Those places are found by
/// a vectorised search for the character's last byte, each then checked whole: most lines hold
/// none of the words asked, and `match_indices` walked each line a word at a time, which cost
/// half of the regions.
fn holds_spaced(line: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return true };
    let rest = chars.as_str();
    let mut buf = [0u8; 4];
    let last_byte = first.encode_utf8(&mut buf).as_bytes()[first.len_utf8() - 1];
    let mut places = memchr::memchr_iter(last_byte, line.as_bytes()).filter_map(|last| {
        let at = (last + 1).checked_sub(first.len_utf8())?;
        line.get(at..).is_some_and(|l| l.starts_with(first)).then_some(last + 1)
    });
    places.any(|end| {
        let mut after = &line[end..];
        rest.chars().all(|c| match after.trim_start().strip_prefix(c) {
            Some(r) => {
                after = r;
                true
            }
            None => false,
        })
    })
}

/// The last lines of the text when they hold only figures and short header words (`总计`,
/// `1`) after the report's last sentence: a PDF's text layer sometimes puts a table's last
/// cells there.
fn trailing_cells(text: &str, lines: &[Line]) -> Option<(usize, usize)> {
    let mut start = None;
    let mut figures = 0;
    for &Line { at, text: l, .. } in lines.iter().rev() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let cell = t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
        let header = t.chars().count() <= 4
            && !t.chars().any(|c| c.is_ascii_digit())
            && !t.contains(['。', ',', ':']);
        if !(cell || header) {
            break;
        }
        figures += usize::from(cell);
        start = Some(at);
    }
    let start = start?;
    (figures > 0 && figures <= 4 && start > 0).then(|| (start, text.trim_end().len()))
}

/// A row of the statistics table set out with separators: label, unit, figure.
fn stats_row(line: &str) -> bool {
    // Most lines have no separator, hence fewer than three fields.
    if memchr::memchr2(b'\t', b'|', line.as_bytes()).is_none() {
        return false;
    }
    let mut fields = line.split(['\t', '|']).map(str::trim).filter(|f| !f.is_empty());
    let (Some(label), Some(unit), Some(figure)) = (fields.next(), fields.next(), fields.next())
    else {
        return false;
    };
    STATS_FIRST_ROW.iter().any(|w| label.contains(w))
        && STATS_UNITS.contains(&unit)
        && figure.starts_with(|c: char| c.is_ascii_digit())
}

/// A header cell of table 3 alone on its line (`自然人`, `商业企业`, `总计`).
fn is_header_word(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "自然人",
        "商业",
        "企业",
        "科研",
        "机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
        "|",
    ];
    let t: String = line.chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
    t.is_empty() || WORDS.iter().any(|w| t == *w) || t.chars().count() <= 6
}

/// A region with the byte ranges of its lines that are not prose, merged when adjacent.
fn region(text: &str, table: TableId, from: usize, to: usize) -> Region {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = from;
    for l in text[from..to].split('\n') {
        let start = at;
        at += l.len() + 1;
        if l.trim().is_empty() {
            continue;
        }
        if l.contains('。') {
            continue;
        }
        let end = start + l.len();
        match lines.last_mut() {
            Some(last) if text[last.1..start].trim().is_empty() => last.1 = end,
            _ => lines.push((start, end)),
        }
    }
    Region { table, from, to: to.max(from), lines, tail: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_of_a_standard_report() {
        let t = "二、主动公开政府信息情况\n第二十条第(一)项\n规章\t1\t0\t11\n三、收到和处理政府信息公开申请情况\n2022年,共收到8份申请。\n申请人情况\n一、本年新收政府信息公开申请数量\t8\n四、政府信息公开行政复议、行政诉讼情况\n0\t0\t0\t0\t0\n五、存在的主要问题及改进情况\n";
        let r = regions(t);
        let ids: Vec<TableId> = r.iter().map(|r| r.table).collect();
        assert_eq!(ids, [TableId::Table2, TableId::Table3, TableId::Table4]);
        // The prose between the tables is no table line.
        let prose = t.find("2022年").unwrap();
        assert!(r.iter().all(|r| r.lines.iter().all(|&(a, b)| !(a <= prose && prose < b))));
        // The header of table 3 is.
        let head = t.find("申请人情况").unwrap();
        assert!(r[1].lines.iter().any(|&(a, b)| a <= head && head < b), "{:?}", r[1].lines);
    }

    /// A word is found spaced out where the line with its white space taken out holds it.
    #[test]
    fn words_spaced_out_are_found() {
        use proptest::prelude::*;
        let compact = |l: &str| l.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        // 丟 ends in the byte 统 ends in.
        let texts = crate::testing::texts("统计表丟x \t\u{3000}", 12);
        proptest!(ProptestConfig::with_cases(2000), |(line in texts)| {
            for word in ["统计表", "统计", "表", "计统"] {
                prop_assert_eq!(holds_spaced(&line, word), compact(&line).contains(word));
            }
        });
    }

    #[test]
    fn the_statistics_table() {
        let t = "全年共受理申请5件。\n政府信息公开情况统计表\n指标名称\t计量单位\t本年\t累计\n主动公开信息数\t条\t386\t1420\n以上数据截至年底。\n";
        let r = regions(t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].table, TableId::Stats);
        assert_eq!(&t[r[0].from..r[0].to], "政府信息公开情况统计表\n指标名称\t计量单位\t本年\t累计\n主动公开信息数\t条\t386\t1420\n");
    }
}
