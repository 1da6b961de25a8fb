//! A region's tokens → rows of a template: labels anchor rows, order fills the gaps, glued runs
//! are split.
//!
//! Takes a [`Template`] and the [`Tok`]s of a region; gives the rows found ([`Placed`]), each
//! with the readings of its cells that the row's own identities accept.
//!
//! 1. The stream becomes *label blocks* (consecutive text) and *cell groups* (consecutive cells,
//!    cut at row breaks). The rows a block names are found by the template's words; a block
//!    naming nothing (a fragment such as `度办`, a header) is no anchor.
//! 2. Each cell group takes as hints the rows named by the block before it; when a block names
//!    several rows and several groups follow (labels detached from their figures, as Markdown
//!    converters write them), every group of the run takes them all and the order decides.
//! 3. A dynamic programme aligns the groups to the template's rows in order: a group fills one
//!    row (or several consecutive rows: a table drawn as one line of figures), two groups may fill
//!    one row (a PDF row whose total sits apart), groups and rows may be left out. Named rows
//!    score high, a group put on a row its label does not name scores low, a row of the form
//!    placed by order alone scores a little and is kept only when it sits tight between rows that
//!    are named (or the start of the table).
//! 4. Glued runs are enumerated (`split.rs`) under the row's identities: one reading, several (the
//!    caller chooses with the identities across rows), or none (no cells and a finding).

use super::arith;
use super::split::{self, Part};
use super::template::{find_word, RowDef, RowKind, Template};
use super::tokens::{Tok, TokKind};
use crate::model::CellMark;

/// One cell as read, before it is a model cell.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    pub raw: String,
    pub mark: CellMark,
    pub value: Option<f64>,
    /// Byte range in the normalised text (empty for a blank cell).
    pub start: usize,
    pub end: usize,
    pub guessed: bool,
}

/// A row of the template found in the text.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index into `template.rows`.
    pub row: usize,
    /// The readings of its cells that its own identities accept (one when the cells were
    /// separated). Empty when the figures could not be split: see `unsplit`.
    pub readings: Vec<Vec<RawCell>>,
    /// The glued run that no split fits (byte range), for the finding.
    pub unsplit: Option<(usize, usize)>,
    /// Where the row stands (byte offset of its first token).
    pub at: usize,
    /// Text of the label block before it (money units, 万元 / 元).
    pub label: String,
}

/// A row found, and how well the template fits the region.
#[derive(Debug, Default)]
pub struct Aligned {
    pub rows: Vec<Placed>,
    pub score: i32,
}

/// Score of a row named by its label, per row.
const NAMED: i32 = 6;
/// A group placed on rows its label does not name.
const MISNAMED: i32 = -5;
/// A row named by the label block after the figures (not before them).
const AFTER: i32 = 3;
/// A row not in the official form, placed.
const OPTIONAL: i32 = -3;
/// A group of figures left out.
const STRAY: i32 = -6;
/// Keys of joined fits in the table of fits (apart from single fits).
const JOINED: usize = 1000;
/// At most this many groups join into rows.
const JOIN_MAX: usize = 4;
/// At most this many readings of one glued row are kept.
const READINGS: usize = 64;

/// A label block or a cell group.
#[derive(Debug)]
enum Item {
    Label { toks: Vec<usize>, names: Vec<Vec<usize>> },
    Cells { toks: Vec<usize> },
}

/// A cell group with the rows its label names.
#[derive(Debug)]
struct Group {
    toks: Vec<usize>,
    /// (row, score) for the rows named by the label block before it.
    hints: Vec<(usize, i32)>,
    /// Only fragments (or nothing) stand between it and the group before.
    joins_previous: bool,
    label: String,
}

/// Aligns the tokens of a region to a template.
pub fn align(t: &Template, toks: &[Tok]) -> Aligned {
    split::budget();
    let items = items(t, toks);
    let groups = groups(t, &items, toks);
    if groups.is_empty() {
        return Aligned::default();
    }
    let dp = Dp::new(t, toks, &groups);
    if t.order_fills {
        dp.solve()
    } else {
        dp.by_label()
    }
}

/// Cuts the stream into label blocks and cell groups.
fn items(t: &Template, toks: &[Tok]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        let cell = tok.is_cell();
        match out.last_mut() {
            Some(Item::Label { toks: v, .. }) if !cell => v.push(i),
            Some(Item::Cells { toks: v }) if cell && !tok.brk => v.push(i),
            _ => out.push(if cell {
                Item::Cells { toks: vec![i] }
            } else {
                Item::Label { toks: vec![i], names: Vec::new() }
            }),
        }
    }
    for item in &mut out {
        if let Item::Label { toks: v, names } = item {
            *names = name_rows(t, v.iter().map(|&i| toks[i].text.as_str()));
        }
    }
    out
}

/// The rows a label block names, in the order of the text: each entry holds the rows one
/// occurrence names (usually one; two when the form repeats a label, as the statistics table
/// does under 复议 and 诉讼). Overlapping matches keep the earliest, then the longest.
fn name_rows<'a>(t: &Template, texts: impl Iterator<Item = &'a str>) -> Vec<Vec<usize>> {
    let texts: Vec<&str> = texts.collect();
    let joined: String = texts.concat();
    // (start, end, row)
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut at = 0;
    for text in &texts {
        // An exact word is compared with each label of the text: labels run together on one
        // line (`信息公开申请3.其他(七)总计`) are cut at their numberings.
        let mut cuts = numberings(text);
        cuts.insert(0, 0);
        cuts.push(text.len());
        cuts.dedup();
        for seg in cuts.windows(2) {
            let part = &text[seg[0]..seg[1]];
            for (r, row) in t.rows.iter().enumerate() {
                for w in row.words.iter().filter(|w| w.starts_with('=')) {
                    if find_word(part, w).is_some() {
                        hits.push((at + seg[0], at + seg[1], r));
                    }
                }
            }
        }
        at += text.len();
    }
    for (r, row) in t.rows.iter().enumerate() {
        for w in row.words.iter().filter(|w| !w.starts_with('=')) {
            let mut from = 0;
            while from < joined.len() {
                let Some(p) = find_word(&joined[from..], w) else { break };
                let s = from + p;
                hits.push((s, s + w.len(), r));
                from = s + w.len();
            }
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    // Where a new label may begin: each token, and each numbering inside one (`二、` `(三)` `4.`).
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for text in &texts {
        starts.push(at);
        starts.extend(numberings(text).into_iter().map(|p| at + p));
        at += text.len();
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for (s, e, r) in hits {
        match last {
            Some((ls, le)) if s == ls && e == le => {
                let entry = out.last_mut().expect("entry");
                if !entry.contains(&r) {
                    entry.push(r);
                }
            }
            // Overlapping an earlier match: no new row. In the statistics table, whose labels
            // are compounds of other rows' words, a label names one row only (`同意部分公开答复数`
            // names 部分公开, not also 申请答复).
            Some((_, le))
                if s < le || (!t.order_fills && !starts.iter().any(|&b| le <= b && b <= s)) => {}
            _ => {
                last = Some((s, e));
                if out.last().is_some_and(|x| x == &vec![r]) {
                    continue;
                }
                out.push(vec![r]);
            }
        }
    }
    out
}

/// Byte offsets of the numberings that start a label inside `text` (`二、`, `(三)`, `4.`).
fn numberings(text: &str) -> Vec<usize> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev_numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
        if k > 0 && prev_numeral(chars[k - 1].1) {
            continue;
        }
        if c == '(' {
            let inner: String =
                chars[k + 1..].iter().map(|x| x.1).take_while(|&x| x != ')').collect();
            if !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(prev_numeral) {
                out.push(at);
            }
        } else if prev_numeral(c) {
            let run = chars[k..].iter().take_while(|x| prev_numeral(x.1)).count();
            if chars.get(k + run).is_some_and(|x| matches!(x.1, '、' | '.')) && run <= 3 {
                out.push(at);
            }
        }
    }
    out
}

/// Cell groups with their hints.
fn groups(t: &Template, items: &[Item], toks: &[Tok]) -> Vec<Group> {
    let optional: Vec<bool> = t.rows.iter().map(|r| r.kind == RowKind::Optional).collect();
    let mut out: Vec<Group> = Vec::new();
    // The rows named by the last label blocks, and the groups after them.
    let mut current: Vec<Vec<usize>> = Vec::new();
    let mut current_label = String::new();
    let mut run_start = 0;
    let mut named_since = true;
    // The groups since the last label block were put after a label the template does not know.
    let mut unknown = false;
    let blank = |g: &Group| g.toks.iter().all(|&i| toks[i].kind == TokKind::Blank);
    for item in items {
        match item {
            Item::Label { toks: v, names } => {
                let text: String = v.iter().map(|&i| toks[i].text.as_str()).collect();
                if !names.is_empty() {
                    finish_run(&mut out[run_start..], &current, &optional);
                    // Figures whose label comes after them (text taken from a PDF that put a
                    // wrapped label below its row) may belong to the rows this block names;
                    // not those after a label of their own.
                    let after = if unknown { &mut out[..0] } else { &mut out[run_start..] };
                    unknown = false;
                    for g in after.iter_mut().filter(|g| !blank(g)) {
                        for &r in names.iter().flatten().filter(|&&r| !optional[r]) {
                            if !g.hints.iter().any(|h| h.0 == r) {
                                g.hints.push((r, AFTER));
                            }
                        }
                    }
                    // Labels of a header with empty cells between them (行政复议 … 未经复议直接起诉
                    // … 复议后起诉) name the figures under them together.
                    if out[run_start..].iter().all(blank) && !current.is_empty() {
                        current.extend(names.iter().cloned());
                        current_label.push_str(&text);
                    } else {
                        current = names.clone();
                        current_label = text;
                    }
                    run_start = out.len();
                    named_since = true;
                } else if !t.order_fills && text.chars().count() >= 2 && out.len() > run_start {
                    // The statistics table, each row's label before its figures: a label it
                    // does not know (`3.其他方式`) still owns the figures after it. They are
                    // neither the row named before (they would push every row below one down)
                    // nor the one named after.
                    finish_run(&mut out[run_start..], &current, &optional);
                    current = Vec::new();
                    current_label = text;
                    run_start = out.len();
                    named_since = true;
                    unknown = true;
                } else {
                    current_label.push_str(&text);
                }
            }
            Item::Cells { toks: v } => {
                out.push(Group {
                    toks: v.clone(),
                    hints: Vec::new(),
                    joins_previous: !named_since,
                    label: current_label.clone(),
                });
                named_since = false;
            }
        }
    }
    finish_run(&mut out[run_start..], &current, &optional);
    out
}

/// Gives the groups after a label block the rows it names.
fn finish_run(run: &mut [Group], names: &[Vec<usize>], optional: &[bool]) {
    if names.is_empty() || run.is_empty() {
        return;
    }
    let last = names.last().cloned().unwrap_or_default();
    let single = run.len() == 1;
    for g in run.iter_mut() {
        for entry in names {
            for &r in entry {
                // Labels detached from their figures list the row groups of the form too
                // (（三）不予公开 …): headings there, not rows.
                if !single && optional[r] {
                    continue;
                }
                let bonus = if single && last.contains(&r) { NAMED + 1 } else { NAMED };
                if let Some(h) = g.hints.iter_mut().find(|h| h.0 == r) {
                    h.1 = h.1.max(bonus);
                } else {
                    g.hints.push((r, bonus));
                }
            }
        }
    }
}

/// How a group (or two) fills some rows.
#[derive(Debug, Clone)]
struct Fit {
    readings: Vec<Vec<RawCell>>,
    unsplit: Option<(usize, usize)>,
    /// How well the figures fit, before labels.
    base: i32,
    /// Fewer cells than the row has, as read (no split, no blank cells to account for them).
    short: bool,
}

struct Dp<'a> {
    t: &'a Template,
    toks: &'a [Tok],
    groups: &'a [Group],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    SkipGroup,
    SkipRow,
    /// The group fills this many rows.
    Fill(usize),
    /// This many groups fill this many rows.
    Join(usize, usize),
}

impl<'a> Dp<'a> {
    fn new(t: &'a Template, toks: &'a [Tok], groups: &'a [Group]) -> Dp<'a> {
        Dp { t, toks, groups }
    }

    fn hint(&self, g: usize, r: usize) -> i32 {
        self.groups[g].hints.iter().find(|h| h.0 == r).map_or(0, |h| h.1)
    }

    fn has_numbers(&self, g: usize) -> bool {
        self.groups[g].toks.iter().any(|&i| self.toks[i].value().is_some())
    }

    /// Score of group `g` filling rows `j..j + n`, with its fit.
    fn fill(&self, g: usize, j: usize, n: usize) -> Option<(i32, Fit)> {
        let rows = &self.t.rows[j..j + n];
        if n > 1 && rows.iter().any(|r| r.kind == RowKind::Optional) {
            return None;
        }
        let cells: Vec<&Tok> = self.groups[g].toks.iter().map(|&i| &self.toks[i]).collect();
        let width: usize = rows.iter().map(|r| r.columns.len()).sum();
        let fit = fit_cells(self.t, &cells, j, n)?;
        let named: i32 = (j..j + n).map(|r| self.hint(g, r)).sum();
        let hinted = !self.groups[g].hints.is_empty();
        if rows.iter().zip(j..).any(|(r, k)| r.kind == RowKind::Optional && self.hint(g, k) == 0) {
            // A row not in the form is read only where a label names it.
            return None;
        }
        if named == 0 && cells.iter().all(|c| c.kind == TokKind::Blank) {
            return None;
        }
        if n > 1 && hinted && (j..j + n).any(|r| self.hint(g, r) == 0) {
            // A group spans several rows when its label names them all, when it has no label,
            // or when its label names the first and its cells, as separated, fill them all
            // (table 4's fifteen figures under a header that names only 行政复议).
            let separated = cells.iter().filter(|c| c.kind != TokKind::Blank).count() == width
                || cells.len() == width;
            if !(separated && self.hint(g, j) > 0) {
                return None;
            }
        }
        if named == 0 && (!self.t.order_fills || fit.readings.is_empty()) {
            return None;
        }
        let mut score = fit.base + named;
        if named == 0 && hinted {
            score += MISNAMED;
        }
        if fit.short && named == 0 {
            return None;
        }
        if fit.short {
            // Too few cells: the row is shown, gives nothing, and must not win a row from
            // figures that fill it.
            score = fit.base + named.min(1);
        }
        score += rows.iter().filter(|r| r.kind == RowKind::Optional).count() as i32 * OPTIONAL;
        Some((score, fit))
    }

    /// Score of groups `g..g + k` filling rows `j..j + n` together: a row whose cells a PDF set
    /// on several lines (a 总计 apart from the rest, before or after it; a figure left on its
    /// label's line; a row's cells run on into the next rows'). Between the groups may stand
    /// fragments of labels, or a label of rows the first group's label names too, when each
    /// row's sum then holds.
    fn join(&self, g: usize, k: usize, j: usize, n: usize) -> Option<(i32, Fit)> {
        if g + k > self.groups.len() {
            return None;
        }
        let parts = &self.groups[g..g + k];
        let rows = &self.t.rows[j..j + n];
        let across = parts[1..].iter().any(|p| !p.joins_previous);
        if across && !rows.iter().all(|r| has_row_sum(self.t, r)) {
            return None;
        }
        if rows.iter().any(|r| r.kind == RowKind::Optional) {
            return None;
        }
        let width: usize = rows.iter().map(|r| r.columns.len()).sum();
        let pieces: Vec<Vec<&Tok>> = parts.iter().map(|p| cell_toks(self.toks, &p.toks)).collect();
        if pieces.iter().any(Vec::is_empty) || pieces.iter().map(Vec::len).sum::<usize>() != width {
            return None;
        }
        let hint = |r: usize| (g..g + k).map(|x| self.hint(x, r)).max().unwrap_or(0);
        let named: i32 = (j..j + n).map(hint).sum();
        if (n > 1 || across) && (j..j + n).any(|r| hint(r) == 0) {
            return None;
        }
        if named == 0 && !self.t.order_fills {
            return None;
        }
        // As read first; for one row also with the first piece last or the last piece first
        // (a 总计 set apart, before or after the rest), when only that order adds up.
        let mut orders: Vec<Vec<usize>> = vec![(0..k).collect()];
        if n == 1 {
            orders.push((1..k).chain([0]).collect());
            orders.push([k - 1].into_iter().chain(0..k - 1).collect());
        }
        let checks = arith::RowChecks::new(self.t, rows);
        for order in orders {
            let cells: Vec<&Tok> = order.iter().flat_map(|&x| pieces[x].iter().copied()).collect();
            let v: Vec<Option<f64>> = cells.iter().map(|t| t.value()).collect();
            if v.iter().all(Option::is_none) || !checks.ok(&v) {
                continue;
            }
            let reading: Vec<RawCell> = cells.iter().map(|t| raw_cell(t, true)).collect();
            let fit = Fit { readings: vec![reading], unsplit: None, base: 2, short: false };
            return Some((2 + named, fit));
        }
        None
    }

    fn solve(&self) -> Aligned {
        let (m, n) = (self.groups.len(), self.t.rows.len());
        const NONE: i32 = i32::MIN / 4;
        let mut best = vec![vec![0i32; n + 1]; m + 1];
        let mut step = vec![vec![Step::SkipRow; n + 1]; m + 1];
        let mut fits: std::collections::HashMap<(usize, usize, usize), Fit> = Default::default();
        for i in (0..=m).rev() {
            for j in (0..=n).rev() {
                if i == m {
                    best[i][j] = 0;
                    step[i][j] = Step::SkipRow;
                    continue;
                }
                let skip_cost = if self.has_numbers(i) { STRAY } else { 0 };
                let mut b = best[i + 1][j] + skip_cost;
                let mut s = Step::SkipGroup;
                if j < n && best[i][j + 1] > b {
                    b = best[i][j + 1];
                    s = Step::SkipRow;
                }
                for span in 1..=(n - j).min(8) {
                    if let Some((score, fit)) = self.fill(i, j, span) {
                        let v = score + best[i + 1][j + span];
                        if v > b && v > NONE {
                            b = v;
                            s = Step::Fill(span);
                        }
                        fits.insert((i, j, span), fit);
                    }
                }
                for k in 2..=JOIN_MAX.min(m - i) {
                    for span in 1..=(n - j).min(4) {
                        if let Some((score, fit)) = self.join(i, k, j, span) {
                            let v = score + best[i + k][j + span];
                            if v > b {
                                b = v;
                                s = Step::Join(k, span);
                            }
                            fits.insert((i, j, JOINED * k + span), fit);
                        }
                    }
                }
                best[i][j] = b;
                step[i][j] = s;
            }
        }
        // Walk the best path.
        let mut path: Vec<Cut> = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < m && j <= n {
            match step[i][j] {
                Step::SkipGroup => i += 1,
                Step::SkipRow => {
                    if j == n {
                        break;
                    }
                    j += 1
                }
                Step::Fill(span) => {
                    if let Some(fit) = fits.remove(&(i, j, span)) {
                        path.push(Cut { g: i, groups: 1, j, span, fit });
                    }
                    i += 1;
                    j += span;
                }
                Step::Join(k, span) => {
                    if let Some(fit) = fits.remove(&(i, j, JOINED * k + span)) {
                        path.push(Cut { g: i, groups: k, j, span, fit });
                    }
                    i += k;
                    j += span;
                }
            }
        }
        let keep = self.tight(&path);
        let mut path: Vec<Cut> = path.into_iter().zip(keep).filter(|x| x.1).map(|x| x.0).collect();
        self.orphan_totals(&mut path);
        let mut rows = Vec::new();
        for Cut { g, j, span, fit, .. } in path {
            let at = self.groups[g].toks.first().map_or(0, |&i| self.toks[i].start);
            let label = self.groups[g].label.clone();
            // A reading over several rows is cut into rows.
            let widths: Vec<usize> =
                self.t.rows[j..j + span].iter().map(|r| r.columns.len()).collect();
            for (k, r) in (j..j + span).enumerate() {
                let from: usize = widths[..k].iter().sum();
                let readings: Vec<Vec<RawCell>> = fit
                    .readings
                    .iter()
                    .map(|rd| rd[from.min(rd.len())..(from + widths[k]).min(rd.len())].to_vec())
                    .collect();
                rows.push(Placed {
                    row: r,
                    readings,
                    unsplit: fit.unsplit,
                    at,
                    label: label.clone(),
                });
            }
        }
        Aligned { rows, score: best[0][0] }
    }

    /// A row read without its 总计, and one figure left over in the table that is the sum of
    /// the row's cells: the 总计 that the PDF set apart from its row (`（二）部分公开` whose 9
    /// comes four rows later). Taken only when exactly one such figure is left; the cell is
    /// marked guessed.
    fn orphan_totals(&self, path: &mut [Cut]) {
        let used: Vec<bool> = {
            let mut u = vec![false; self.groups.len()];
            for c in path.iter() {
                u[c.g..c.g + c.groups].iter_mut().for_each(|x| *x = true);
            }
            u
        };
        let mut left: Vec<usize> = (0..self.groups.len())
            .filter(|&g| !used[g] && self.groups[g].toks.len() == 1)
            .filter(|&g| self.toks[self.groups[g].toks[0]].value().is_some())
            .collect();
        for c in path.iter_mut() {
            let row = &self.t.rows[c.j];
            if c.span != 1 || c.fit.readings.len() != 1 || !has_row_sum(self.t, row) {
                continue;
            }
            let reading = &c.fit.readings[0];
            if reading.len() + 1 != row.columns.len() || reading.iter().any(|x| x.value.is_none()) {
                continue;
            }
            let sum: f64 = reading.iter().filter_map(|x| x.value).sum();
            let fits: Vec<usize> = left
                .iter()
                .copied()
                .filter(|&g| self.toks[self.groups[g].toks[0]].value() == Some(sum))
                .collect();
            if let [g] = fits[..] {
                let mut cells = reading.clone();
                for x in cells.iter_mut() {
                    x.guessed = true;
                }
                cells.push(raw_cell(&self.toks[self.groups[g].toks[0]], true));
                c.fit.readings = vec![cells];
                c.fit.short = false;
                left.retain(|&x| x != g);
            }
        }
    }

    /// For a template whose rows vary in order from report to report (the statistics table):
    /// each group goes to the row its label names; a label the form repeats (被依法纠错数 under
    /// 复议 and under 诉讼) takes the first such row after the last one placed.
    fn by_label(&self) -> Aligned {
        let mut used = vec![false; self.t.rows.len()];
        let mut last: Option<usize> = None;
        let mut out = Aligned::default();
        for (g, group) in self.groups.iter().enumerate() {
            if group.toks.iter().all(|&i| self.toks[i].kind == TokKind::Blank) {
                // Empty cells beside a heading of the table (一、主动公开情况).
                continue;
            }
            // Figures under a label of their own go to the rows it names, or nowhere: when those
            // are taken (a second 回应事件 row the form does not have), the rows the next label
            // names are not theirs, and taking them would shift every row after by one.
            let own = group.hints.iter().any(|h| h.1 >= NAMED);
            let open = |h: &&(usize, i32)| !used[h.0] && (!own || h.1 >= NAMED);
            let Some(top) = group.hints.iter().filter(open).map(|h| h.1).max() else {
                continue;
            };
            let mut cands: Vec<usize> =
                group.hints.iter().filter(open).filter(|h| h.1 == top).map(|h| h.0).collect();
            cands.sort_unstable();
            let pick = cands
                .iter()
                .copied()
                .find(|&r| last.is_none_or(|l| r > l))
                .or(cands.first().copied());
            let Some(r) = pick else { continue };
            let Some((score, fit)) = self.fill(g, r, 1) else { continue };
            used[r] = true;
            last = Some(r);
            out.score += score;
            let at = group.toks.first().map_or(0, |&i| self.toks[i].start);
            out.rows.push(Placed {
                row: r,
                readings: fit.readings,
                unsplit: fit.unsplit,
                at,
                label: group.label.clone(),
            });
        }
        out
    }

    /// Which placed rows to keep: every named one; one placed by order alone only when it sits
    /// tight (no figures and no row of the form left out) against a kept row or the start.
    fn tight(&self, path: &[Cut]) -> Vec<bool> {
        let named = |c: &Cut| (c.j..c.j + c.span).any(|r| self.hint(c.g, r) > 0);
        let mut keep: Vec<bool> = path.iter().map(named).collect();
        if !self.t.order_fills {
            return keep;
        }
        let official_between = |from: usize, to: usize| {
            from < to && self.t.rows[from..to].iter().any(|r| r.kind == RowKind::Official)
        };
        let figures_between = |from: usize, to: usize| (from..to).any(|g| self.has_numbers(g));
        let adjacent = |a: &Cut, b: &Cut| {
            !figures_between(a.g + a.groups, b.g) && !official_between(a.j + a.span, b.j)
        };
        for _ in 0..2 {
            for k in 0..path.len() {
                if keep[k] {
                    continue;
                }
                let c = &path[k];
                let start = k == 0 && !figures_between(0, c.g) && !official_between(0, c.j);
                let prev = k > 0 && keep[k - 1] && adjacent(&path[k - 1], c);
                let next = k + 1 < path.len() && keep[k + 1] && adjacent(c, &path[k + 1]);
                if start || prev || next {
                    keep[k] = true;
                }
            }
        }
        keep
    }
}

/// A stretch of the best path: groups `g..g + groups` fill rows `j..j + span`.
struct Cut {
    g: usize,
    groups: usize,
    j: usize,
    span: usize,
    fit: Fit,
}

/// Whether the form states a row's total as the sum of its other cells.
fn has_row_sum(t: &Template, row: &RowDef) -> bool {
    t.identities.iter().any(|i| {
        i.exact
            && matches!(i.rule, super::template::Rule::RowSum { total, .. }
                if row.columns.last().is_some_and(|c| c.id == total))
    })
}

fn cell_toks<'t>(toks: &'t [Tok], idx: &[usize]) -> Vec<&'t Tok> {
    idx.iter().map(|&i| &toks[i]).collect()
}

fn raw_cell(t: &Tok, guessed: bool) -> RawCell {
    RawCell {
        raw: t.text.clone(),
        mark: t.mark(),
        value: t.value(),
        start: t.start,
        end: t.end,
        guessed,
    }
}

/// How the cells of a group fill the rows `j..j + n` of the template: as written, trimmed of
/// extra blanks, split where glued, or the lone total of a row whose other cells are blank.
fn fit_cells(t: &Template, cells: &[&Tok], j: usize, n: usize) -> Option<Fit> {
    let rows = &t.rows[j..j + n];
    let width: usize = rows.iter().map(|r| r.columns.len()).sum();
    if width == 0 {
        return None;
    }
    let mut c: Vec<&Tok> = cells.to_vec();
    while c.len() > width && c.last().is_some_and(|x| x.kind == TokKind::Blank) {
        c.pop();
    }
    while c.len() > width && c.first().is_some_and(|x| x.kind == TokKind::Blank) {
        c.remove(0);
    }
    if c.iter().all(|x| x.kind == TokKind::Blank) {
        // Empty cells only: a row left blank, when its label names it (see `Dp::fill`).
        if c.len() != width {
            return None;
        }
        let reading: Vec<RawCell> = c.iter().map(|t| raw_cell(t, false)).collect();
        return Some(Fit { readings: vec![reading], unsplit: None, base: 0, short: false });
    }
    // A negative figure only in a column that may hold one (本年增/减).
    let signed: Vec<bool> = rows.iter().flat_map(|r| r.columns.iter().map(|c| c.signed)).collect();
    let checks = arith::RowChecks::new(t, rows);
    let sign_ok = |(v, &s): (&Option<f64>, &bool)| s || v.is_none_or(|v| v >= 0.0);
    let ok_rows =
        |values: &[Option<f64>]| values.iter().zip(&signed).all(sign_ok) && checks.ok(values);
    // The split grows its prefix a cell at a time, and each prefix it extends was ok.
    let ok_extended = |values: &[Option<f64>]| {
        values
            .last()
            .zip(values.len().checked_sub(1).and_then(|i| signed.get(i)))
            .is_none_or(sign_ok)
            && checks.ok_extended(values)
    };
    if c.len() == width {
        // `00`, `04`: a run with a leading zero is no figure of its own, but glued figures (a
        // statistics table's 本年 and 累计 read as one cell).
        if c.iter()
            .any(|x| matches!(x.kind, TokKind::Num { glued: true, .. }) && x.text.starts_with('0'))
        {
            return None;
        }
        let reading: Vec<RawCell> = c.iter().map(|t| raw_cell(t, false)).collect();
        let v: Vec<Option<f64>> = c.iter().map(|t| t.value()).collect();
        let base = if ok_rows(&v) { 3 } else { 2 };
        return Some(Fit { readings: vec![reading], unsplit: None, base, short: false });
    }
    if c.len() > width {
        // More figures than cells: the row's own are the last ones (a row number or a stray
        // figure comes first). Only for one row and one extra figure.
        if n == 1 && c.len() == width + 1 {
            let reading: Vec<RawCell> = c[1..].iter().map(|t| raw_cell(t, true)).collect();
            return Some(Fit { readings: vec![reading], unsplit: None, base: 0, short: false });
        }
        return None;
    }
    // Fewer cells than the rows need.
    let glued = c.iter().any(|x| matches!(x.kind, TokKind::Num { glued: true, .. }));
    let capacity: usize = c
        .iter()
        .map(|x| match x.kind {
            TokKind::Num { glued: true, .. } => x.text.len(),
            _ => 1,
        })
        .sum();
    if glued && capacity >= width {
        let parts: Vec<Part> = c
            .iter()
            .map(|x| match x.kind {
                TokKind::Num { glued: true, .. } => Part::Digits(&x.text),
                _ => Part::Fixed(x.value()),
            })
            .collect();
        let found = split::splits(&parts, width, &ok_extended, READINGS + 1);
        let span = (c[0].start, c[c.len() - 1].end);
        if found.capped || found.found.is_empty() || found.found.len() > READINGS {
            if n > 1 {
                return None;
            }
            return Some(Fit { readings: Vec::new(), unsplit: Some(span), base: 0, short: false });
        }
        let readings: Vec<Vec<RawCell>> = found
            .found
            .iter()
            .map(|pieces| {
                pieces
                    .iter()
                    .map(|p| {
                        let src = c[p.part];
                        match src.kind {
                            TokKind::Num { glued: true, .. } => RawCell {
                                raw: src.text[p.start..p.end].to_string(),
                                mark: CellMark::Number,
                                value: p.value,
                                start: src.start + p.start,
                                end: src.start + p.end,
                                guessed: false,
                            },
                            _ => raw_cell(src, false),
                        }
                    })
                    .collect()
            })
            .collect();
        let base = if readings.len() == 1 { 3 } else { 2 };
        return Some(Fit { readings, unsplit: None, base, short: false });
    }
    // A lone figure after empty lines, in a row whose total is the sum of its other cells: the
    // total, the empty lines its blank cells.
    if n == 1
        && c.len() == 1
        && c[0].value().is_some()
        && c[0].gap
        && has_row_sum(t, &rows[0])
        && width > 1
    {
        {
            let mut reading: Vec<RawCell> = (0..width - 1)
                .map(|_| RawCell {
                    raw: String::new(),
                    mark: CellMark::Blank,
                    value: None,
                    start: c[0].start,
                    end: c[0].start,
                    guessed: true,
                })
                .collect();
            reading.push(raw_cell(c[0], true));
            return Some(Fit { readings: vec![reading], unsplit: None, base: 1, short: false });
        }
    }
    // Too few cells: shown as read, given as no indicator (the checks say so).
    if n > 1 {
        return None;
    }
    let reading: Vec<RawCell> = c.iter().map(|t| raw_cell(t, false)).collect();
    Some(Fit { readings: vec![reading], unsplit: None, base: 0, short: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::tables::template::{TABLE2_2021, TABLE3_2021, TABLE4_2021};
    use crate::tables::tokens::tokens;

    fn read(t: &Template, text: &str) -> Vec<(String, Vec<Vec<Option<f64>>>)> {
        let n = normalize(text);
        let toks = tokens(&n, 0, n.text.len());
        align(t, &toks)
            .rows
            .iter()
            .map(|p| {
                (
                    t.rows[p.row].key.unwrap_or("").to_string(),
                    p.readings.iter().map(|r| r.iter().map(|c| c.value).collect()).collect(),
                )
            })
            .collect()
    }

    fn single(rows: &[(String, Vec<Vec<Option<f64>>>)], key: &str) -> Vec<Option<f64>> {
        let r = rows.iter().find(|r| r.0 == key).unwrap_or_else(|| panic!("no {key}: {rows:?}"));
        assert_eq!(r.1.len(), 1, "{key}: {:?}", r.1);
        r.1[0].clone()
    }

    fn nums(v: &[f64]) -> Vec<Option<f64>> {
        v.iter().map(|x| Some(*x)).collect()
    }

    #[test]
    fn labels_anchor_and_order_fills_a_lost_label() {
        // The 规章 label is lost; its three figures come right after the header.
        let t = "第二十条第\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n\n0\n\n1\n\n2\n\n行政规范性文件\n\n3\n\n4\n\n5\n\n第二十条第\n信息内容\n本年处理决定数量\n行政许可\n124";
        let rows = read(&TABLE2_2021, t);
        assert_eq!(single(&rows, "std.rules"), nums(&[0.0, 1.0, 2.0]));
        assert_eq!(single(&rows, "std.normative"), nums(&[3.0, 4.0, 5.0]));
        assert_eq!(single(&rows, "std.license"), nums(&[124.0]));
    }

    #[test]
    fn detached_labels_take_their_rows_in_order() {
        let t = "一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年\n度办\n(一)予以公开\n(二)部分公开\n| 5 | 1 | 0 | 0 | 0 | 0 | 6 |\n| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n理结\n| 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n| 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
        let rows = read(&TABLE3_2021, t);
        assert_eq!(single(&rows, "apply.received"), nums(&[5.0, 1.0, 0.0, 0.0, 0.0, 0.0, 6.0]));
        assert_eq!(single(&rows, "apply.carried_in")[6], Some(1.0));
        assert_eq!(single(&rows, "apply.result.granted")[6], Some(5.0));
        assert_eq!(single(&rows, "apply.result.partial")[6], Some(2.0));
    }

    #[test]
    fn glued_rows_split_by_their_total() {
        let t =
            "一、本年新收政府信息公开申请数量523001056\n二、上年结转政府信息公开申请数量0000000";
        let rows = read(&TABLE3_2021, t);
        assert_eq!(single(&rows, "apply.received"), nums(&[52.0, 3.0, 0.0, 0.0, 1.0, 0.0, 56.0]));
        assert_eq!(single(&rows, "apply.carried_in"), nums(&[0.0; 7]));
    }

    #[test]
    fn table_4_as_one_glued_run() {
        let t = "行政复议\n行政诉讼\n未经复议直接起诉\n复议后起诉\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n201031000100000";
        let rows = read(&TABLE4_2021, t);
        assert_eq!(single(&rows, "reconsideration"), nums(&[2.0, 0.0, 1.0, 0.0, 3.0]));
        assert_eq!(single(&rows, "litigation.direct"), nums(&[1.0, 0.0, 0.0, 0.0, 1.0]));
        assert_eq!(single(&rows, "litigation.after_review"), nums(&[0.0; 5]));
    }

    #[test]
    fn a_lone_figure_is_the_total_of_blank_cells() {
        let t = "一、本年新收政府信息公开申请数量\n\n\n\n\n\n 0\n\n二、上年结转政府信息公开申请数量\n\n\n\n 0";
        let rows = read(&TABLE3_2021, t);
        let r = single(&rows, "apply.received");
        assert_eq!(r[6], Some(0.0));
        assert!(r[..6].iter().all(Option::is_none));
    }

    #[test]
    fn a_run_no_split_fits_gives_no_cells() {
        // 5 + 3 ≠ 9 however the digits are cut.
        let t = "一、本年新收政府信息公开申请数量5300009";
        let n = normalize(t);
        let toks = tokens(&n, 0, n.text.len());
        let a = align(&TABLE3_2021, &toks);
        assert_eq!(a.rows.len(), 1);
        assert!(a.rows[0].readings.is_empty());
        assert!(a.rows[0].unsplit.is_some());
    }
}
