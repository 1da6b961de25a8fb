//! Patterns of the rule tables and of every stage (the library has no other regex engine): a
//! small regex dialect that compiles in microseconds and is matched by a backtracking search,
//! only at the places a stage asks about.
//!
//! Takes a pattern (the syntax below) and a text; gives leftmost-first matches and their capture
//! groups: the matches the `regex` crate gives for the same pattern and text (a test below
//! compares the two on every phrase row). Why not the `regex` crate itself: compiling the phrase
//! table's rows with it took 59 ms, nearly all of the command line's start-up, before a single
//! report was read, and each row then scanned the whole report. A pattern here compiles in a few
//! microseconds, the first time a report needs it, and runs on the few sentences that hold its
//! trigger words (`indicators`).
//!
//! ## Syntax
//! Literals; `.` (any character but a line break); classes `[…]` and `[^…]` with ranges and the
//! escapes `\d` (ASCII digits), `\s` (white space), `\p{Han}` (CJK ideographs); escapes `\n \t \r`
//! and `\` before any punctuation; groups `(…)`, `(?:…)`, `(?P<name>…)`; alternation `|`;
//! repetition `? * + {n} {n,} {n,m}`, lazy when followed by `?`; `^` and `$`, which hold at line
//! starts and ends when the pattern begins with `(?m)`.
//!
//! ## Search
//! A bounded backtracker, as in `regex-automata`: it remembers every (branch, position) pair that
//! has failed, so a search never tries one twice, whatever the text. Each branch knows what it
//! can begin with ([`Guard`]), and one that cannot begin with the character at hand is not
//! tried. Where only one way on is left, there is nothing to remember: the way on is taken as a
//! jump would be. No chain of such ways comes back to where it started without reading a
//! character, for whatever lets a loop's branch begin with the character at hand leaves the
//! loop at some split, and that split has two ways on and is remembered. A pattern knows the
//! characters a match can start with, and tries no other start.

use std::cell::RefCell;
use std::sync::Arc;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    insts: Vec<Inst>,
    /// Capture groups, group 0 (the whole match) included.
    groups: usize,
    names: Vec<(Box<str>, usize)>,
    /// Number of `Split` instructions (the rows of the failure memo).
    splits: usize,
    /// Per split (by its number): what each of its two branches can begin with.
    guards: Vec<(Guard, Guard)>,
    /// The characters a match can start with; `None`: any.
    first: Option<FirstChars>,
    /// The pattern starts with `^`: only the text's start (or, with `(?m)`, a line's start).
    anchor: Option<Look>,
    /// Literal sets of which every match holds one each (see [`Pattern::required_literals`]).
    required: Vec<Vec<Box<str>>>,
    /// Literals one of which every match starts with (see [`Pattern::prefix_literals`]).
    prefixes: Option<Vec<Box<str>>>,
    /// A searcher for each prefix literal, when they are few enough to look for each
    /// ([`MAX_SCANNED_PREFIXES`]) and the pattern has no leading anchor.
    prefix_finders: Vec<memchr::memmem::Finder<'static>>,
    /// For a pattern with no prefix literals to look for but a bounded length: a searcher for
    /// each literal of its most selective required set, and the longest match in bytes. A
    /// match holds one of the literals, so no match starts more than that length before one.
    inner: Option<(Vec<memchr::memmem::Finder<'static>>, usize)>,
    source: Box<str>,
}

/// Capture groups of one match, as byte offsets into the text searched.
#[derive(Debug, Clone)]
pub struct Captures<'p, 't> {
    pattern: &'p Pattern,
    text: &'t str,
    /// Two per group; `usize::MAX` for a group that took no part (and past the last group).
    slots: Slots,
}

/// The most capture groups a pattern may have, the whole match included: the slots of a match
/// are an array, not a vector allocated for each (a tenth of the phrase table's search went to
/// allocating them).
const MAX_GROUPS: usize = 16;

/// The start and end of each group of a match.
type Slots = [usize; 2 * MAX_GROUPS];

/// One group of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl<'t> Captures<'_, 't> {
    /// Group `i` (0: the whole match).
    pub fn get(&self, i: usize) -> Option<Group<'t>> {
        let (s, e) = (*self.slots.get(2 * i)?, *self.slots.get(2 * i + 1)?);
        (s != NONE && e != NONE).then_some(Group { text: self.text, start: s, end: e })
    }
    /// The named group.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        self.get(self.pattern.group_index(name)?)
    }
    /// The whole match.
    pub fn whole(&self) -> Group<'t> {
        Group { text: self.text, start: self.slots[0], end: self.slots[1] }
    }
}

/// `caps[i]`: the text of group `i`, as with the `regex` crate, for a group every match has
/// (it panics on a group that took no part: `get` is for optional groups).
impl std::ops::Index<usize> for Captures<'_, '_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i).map(|g| g.as_str()).unwrap_or_else(|| panic!("group {i} took no part"))
    }
}

const NONE: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Start,
    End,
    LineStart,
    LineEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Class {
    /// Sorted, merged, inclusive.
    ranges: Vec<(char, char)>,
    negated: bool,
    /// Whether each ASCII character is in the class (`negated` applied): one bit test for the
    /// digits and punctuation the rows read most, not a binary search.
    ascii: u128,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii & (1 << (c as u32)) != 0;
        }
        let inside = self
            .ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok();
        inside != self.negated
    }

    fn normalized(mut ranges: Vec<(char, char)>, negated: bool) -> Class {
        ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if (lo as u32) <= (last.1 as u32).saturating_add(1) => {
                    last.1 = last.1.max(hi)
                }
                _ => merged.push((lo, hi)),
            }
        }
        Class::of(merged, negated)
    }

    /// A class of sorted, merged ranges.
    fn of(ranges: Vec<(char, char)>, negated: bool) -> Class {
        // The ASCII part of each range, as a run of bits (a rule table builds thousands of
        // classes at start-up: not 128 tests against every range each).
        let mut inside = 0u128;
        for &(lo, hi) in &ranges {
            let (lo, hi) = (lo as u32, (hi as u32).min(127));
            if lo <= hi {
                let run = u128::MAX >> (127 - (hi - lo));
                inside |= run << lo;
            }
        }
        Class { ranges, negated, ascii: if negated { !inside } else { inside } }
    }

    /// The characters of a small positive class.
    fn chars(&self) -> Option<Vec<char>> {
        if self.negated {
            return None;
        }
        let size: u32 = self.ranges.iter().map(|&(lo, hi)| hi as u32 - lo as u32 + 1).sum();
        (size <= 64).then(|| {
            self.ranges
                .iter()
                .flat_map(|&(lo, hi)| (lo as u32..=hi as u32).filter_map(char::from_u32))
                .collect()
        })
    }
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    Lit(char),
    /// Shared: a repetition (`[^,;。]{0,16}`) compiles its class once per count.
    Class(Arc<Class>),
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Look(Look),
}

#[derive(Debug, Clone)]
enum Inst {
    /// A run of literal characters.
    Lit(Box<str>),
    Class(Arc<Class>),
    /// Try the first target, then the second; the third field numbers the split (memo row).
    Split(u32, u32, u32),
    Jmp(u32),
    Save(u32),
    Look(Look),
    Match,
}

/// Ideographs (`\p{Han}`): the blocks of CJK unified and compatibility ideographs, radicals, 〇 and 々.
const HAN: &[(char, char)] = &[
    ('\u{2E80}', '\u{2E99}'),
    ('\u{2E9B}', '\u{2EF3}'),
    ('\u{2F00}', '\u{2FD5}'),
    ('\u{3005}', '\u{3005}'),
    ('\u{3007}', '\u{3007}'),
    ('\u{3021}', '\u{3029}'),
    ('\u{3038}', '\u{303B}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FA6D}'),
    ('\u{FA70}', '\u{FAD9}'),
    ('\u{20000}', '\u{2A6DF}'),
    ('\u{2A700}', '\u{2EBEF}'),
    ('\u{2F800}', '\u{2FA1F}'),
    ('\u{30000}', '\u{323AF}'),
];

/// White space (`\s`), as Unicode's White_Space property.
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

struct Parser {
    chars: Vec<char>,
    at: usize,
    groups: usize,
    names: Vec<(Box<str>, usize)>,
    multiline: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars.len() >= self.at + n
            && self.chars[self.at..self.at + n].iter().copied().eq(s.chars())
        {
            self.at += n;
            true
        } else {
            false
        }
    }

    fn error(&self, what: &str) -> String {
        format!("{what} at character {}", self.at)
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = self.quantified(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect::<String>().parse().ok()
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let save = self.at;
                self.at += 1;
                let Some(min) = self.number() else {
                    self.at = save;
                    return Err(self.error("a repetition needs a number"));
                };
                let max = if self.eat(",") {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number().ok_or_else(|| self.error("bad repetition"))?)
                    }
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') || max.is_some_and(|m| m < min) {
                    return Err(self.error("bad repetition"));
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.at += 1;
        if matches!(atom, Node::Look(_) | Node::Empty) {
            return Err(self.error("nothing to repeat"));
        }
        let greedy = !self.eat("?");
        if matches!(self.peek(), Some('?' | '*' | '+' | '{')) {
            return Err(self.error("repetition of a repetition"));
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max, greedy })
    }

    fn atom(&mut self) -> Result<Node, String> {
        let Some(c) = self.peek() else { return Err(self.error("unexpected end")) };
        self.at += 1;
        Ok(match c {
            '(' => {
                let capture = if self.eat("?:") {
                    None
                } else if self.eat("?P<") || self.eat("?<") {
                    let start = self.at;
                    while self.peek().is_some_and(|c| c != '>') {
                        self.at += 1;
                    }
                    let name: String = self.chars[start..self.at].iter().collect();
                    if !self.eat(">") || name.is_empty() {
                        return Err(self.error("bad group name"));
                    }
                    self.groups += 1;
                    self.names.push((name.into(), self.groups));
                    Some(self.groups)
                } else if self.eat("?m)") {
                    if self.at != 4 {
                        return Err(self.error("(?m) only at the start"));
                    }
                    self.multiline = true;
                    return Ok(Node::Empty);
                } else if self.peek() == Some('?') {
                    return Err(self.error("unsupported group flag"));
                } else {
                    self.groups += 1;
                    Some(self.groups)
                };
                let inner = self.alternation()?;
                if !self.eat(")") {
                    return Err(self.error("unclosed group"));
                }
                Node::Group(Box::new(inner), capture)
            }
            ')' => return Err(self.error("unopened group")),
            '[' => Node::Class(Arc::new(self.class()?)),
            '.' => Node::Class(Arc::new(Class::of(vec![('\n', '\n')], true))),
            '^' => Node::Look(if self.multiline { Look::LineStart } else { Look::Start }),
            '$' => Node::Look(if self.multiline { Look::LineEnd } else { Look::End }),
            '*' | '+' | '?' | '{' => return Err(self.error("nothing to repeat")),
            '\\' => match self.escape()? {
                Escaped::Char(c) => Node::Lit(c),
                Escaped::Ranges(r) => Node::Class(Arc::new(Class::normalized(r.to_vec(), false))),
            },
            c => Node::Lit(c),
        })
    }

    fn escape(&mut self) -> Result<Escaped, String> {
        let Some(c) = self.peek() else { return Err(self.error("escape at the end")) };
        self.at += 1;
        Ok(match c {
            'n' => Escaped::Char('\n'),
            't' => Escaped::Char('\t'),
            'r' => Escaped::Char('\r'),
            'd' => Escaped::Ranges(&[('0', '9')]),
            's' => Escaped::Ranges(SPACE),
            'p' => {
                if self.eat("{Han}") {
                    Escaped::Ranges(HAN)
                } else {
                    return Err(self.error("only \\p{Han} is known"));
                }
            }
            c if c.is_ascii_alphanumeric() => return Err(self.error("unknown escape")),
            c => Escaped::Char(c),
        })
    }

    fn class(&mut self) -> Result<Class, String> {
        let negated = self.eat("^");
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else { return Err(self.error("unclosed class")) };
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '\\' => match self.escape()? {
                    Escaped::Char(c) => c,
                    Escaped::Ranges(r) => {
                        ranges.extend_from_slice(r);
                        continue;
                    }
                },
                '[' => return Err(self.error("nested classes are not supported")),
                c => c,
            };
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&c| c != ']') {
                self.at += 1;
                let hi = match self.peek() {
                    Some('\\') => {
                        self.at += 1;
                        match self.escape()? {
                            Escaped::Char(c) => c,
                            Escaped::Ranges(_) => return Err(self.error("bad range")),
                        }
                    }
                    Some(c) => {
                        self.at += 1;
                        c
                    }
                    None => return Err(self.error("unclosed class")),
                };
                if hi < lo {
                    return Err(self.error("bad range"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Class::normalized(ranges, negated))
    }
}

enum Escaped {
    Char(char),
    Ranges(&'static [(char, char)]),
}

struct Compiler {
    insts: Vec<Inst>,
    splits: u32,
}

impl Compiler {
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }

    fn split(&mut self, a: u32, b: u32) -> usize {
        self.insts.push(Inst::Split(a, b, self.splits));
        self.splits += 1;
        self.insts.len() - 1
    }

    fn set_second(&mut self, at: usize, target: u32) {
        if let Inst::Split(_, b, _) = &mut self.insts[at] {
            *b = target;
        }
    }

    fn set_first(&mut self, at: usize, target: u32) {
        if let Inst::Split(a, _, _) = &mut self.insts[at] {
            *a = target;
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Empty => {}
            Node::Lit(c) => self.insts.push(Inst::Lit(c.to_string().into())),
            Node::Class(c) => self.insts.push(Inst::Class(Arc::clone(c))),
            Node::Look(l) => self.insts.push(Inst::Look(*l)),
            Node::Group(inner, None) => self.node(inner),
            Node::Group(inner, Some(i)) => {
                self.insts.push(Inst::Save(2 * *i as u32));
                self.node(inner);
                self.insts.push(Inst::Save(2 * *i as u32 + 1));
            }
            Node::Concat(items) => {
                let mut run = String::new();
                for item in items {
                    if let Node::Lit(c) = item {
                        run.push(*c);
                        continue;
                    }
                    if !run.is_empty() {
                        self.insts.push(Inst::Lit(std::mem::take(&mut run).into()));
                    }
                    self.node(item);
                }
                if !run.is_empty() {
                    self.insts.push(Inst::Lit(run.into()));
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, branch) in branches.iter().enumerate() {
                    if i + 1 == branches.len() {
                        self.node(branch);
                    } else {
                        let s = self.split(self.pc() + 1, 0);
                        self.node(branch);
                        jumps.push(self.insts.len());
                        self.insts.push(Inst::Jmp(0));
                        let next = self.pc();
                        self.set_second(s, next);
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat { node, min, max, greedy } => {
                for _ in 0..*min {
                    self.node(node);
                }
                match max {
                    None => {
                        let top = self.pc();
                        let s = self.split(0, 0);
                        let body = self.pc();
                        self.node(node);
                        self.insts.push(Inst::Jmp(top));
                        let end = self.pc();
                        self.branch(s, body, end, *greedy);
                    }
                    Some(max) => {
                        let mut holes = Vec::new();
                        for _ in *min..*max {
                            let s = self.split(0, 0);
                            let body = self.pc();
                            holes.push((s, body));
                            self.node(node);
                        }
                        let end = self.pc();
                        for (s, body) in holes {
                            self.branch(s, body, end, *greedy);
                        }
                    }
                }
            }
        }
    }

    /// Greedy: the body first; lazy: the way out first.
    fn branch(&mut self, s: usize, body: u32, out: u32, greedy: bool) {
        let (a, b) = if greedy { (body, out) } else { (out, body) };
        self.set_first(s, a);
        self.set_second(s, b);
    }
}

/// First characters of a node, and whether it can match the empty string.
fn first_chars(node: &Node) -> (Option<Vec<char>>, bool) {
    match node {
        Node::Empty | Node::Look(_) => (Some(Vec::new()), true),
        Node::Lit(c) => (Some(vec![*c]), false),
        Node::Class(c) => (c.chars(), false),
        Node::Group(inner, _) => first_chars(inner),
        Node::Repeat { node, min, .. } => {
            let (set, empty) = first_chars(node);
            (set, empty || *min == 0)
        }
        Node::Concat(items) => {
            let mut acc = Some(Vec::new());
            for item in items {
                let (set, empty) = first_chars(item);
                acc = union(acc, set);
                if !empty {
                    return (acc, false);
                }
            }
            (acc, true)
        }
        Node::Alt(branches) => {
            let mut acc = Some(Vec::new());
            let mut any_empty = false;
            for b in branches {
                let (set, empty) = first_chars(b);
                acc = union(acc, set);
                any_empty |= empty;
            }
            (acc, any_empty)
        }
    }
}

fn union(a: Option<Vec<char>>, b: Option<Vec<char>>) -> Option<Vec<char>> {
    let (mut a, b) = (a?, b?);
    a.extend(b);
    a.sort_unstable();
    a.dedup();
    (a.len() <= 256).then_some(a)
}

/// Literal sets that every match of `node` holds one of each (a conjunction of disjunctions).
fn required(node: &Node) -> Vec<Vec<String>> {
    match node {
        Node::Lit(c) => vec![vec![c.to_string()]],
        Node::Class(c) => match c.chars() {
            Some(chars) if chars.len() <= 8 => vec![chars.iter().map(|c| c.to_string()).collect()],
            _ => Vec::new(),
        },
        Node::Group(inner, _) => required(inner),
        Node::Repeat { node, min, .. } if *min >= 1 => required(node),
        Node::Repeat { .. } | Node::Empty | Node::Look(_) => Vec::new(),
        Node::Concat(items) => {
            let mut out = Vec::new();
            let mut run = String::new();
            for item in items {
                if let Node::Lit(c) = item {
                    run.push(*c);
                    continue;
                }
                if !run.is_empty() {
                    out.push(vec![std::mem::take(&mut run)]);
                }
                out.extend(required(item));
            }
            if !run.is_empty() {
                out.push(vec![run]);
            }
            out
        }
        Node::Alt(branches) => {
            let mut union = Vec::new();
            for b in branches {
                match best_set(required(b)) {
                    Some(set) => union.extend(set),
                    None => return Vec::new(),
                }
            }
            vec![minimal(union)]
        }
    }
}

/// The literals every match of `node` starts with one of, if its start is made of literals.
fn prefixes(node: &Node) -> Option<Vec<String>> {
    match node {
        Node::Lit(c) => Some(vec![c.to_string()]),
        Node::Class(c) => {
            c.chars().filter(|v| v.len() <= 8).map(|v| v.iter().map(|c| c.to_string()).collect())
        }
        Node::Group(inner, _) => prefixes(inner),
        Node::Repeat { node, min, .. } if *min >= 1 => prefixes(node),
        Node::Alt(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(prefixes(b)?);
            }
            Some(all)
        }
        Node::Concat(items) => {
            // A leading run of literals is one prefix (主动公开 rather than 主).
            let run: String = items
                .iter()
                .map_while(|n| if let Node::Lit(c) = n { Some(*c) } else { None })
                .collect();
            if !run.is_empty() {
                return Some(vec![run]);
            }
            let mut all = Vec::new();
            for item in items {
                let (_, empty) = first_chars(item);
                match item {
                    Node::Look(_) | Node::Empty => {}
                    // An optional part: its own start, or else what follows.
                    Node::Repeat { node, .. } => all.extend(prefixes(node)?),
                    _ => all.extend(prefixes(item)?),
                }
                if !empty {
                    return Some(all);
                }
            }
            None
        }
        Node::Repeat { .. } | Node::Empty | Node::Look(_) => None,
    }
}

/// The most selective of several literal sets: the longest shortest literal, then the fewest.
pub fn best_set<S: AsRef<str>>(sets: Vec<Vec<S>>) -> Option<Vec<S>> {
    sets.into_iter().max_by_key(|set| {
        let shortest = set.iter().map(|l| l.as_ref().chars().count()).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(set.len()))
    })
}

/// Drops the literals that contain another of the set (a text that holds 信息公开 holds 公开).
fn minimal(mut set: Vec<String>) -> Vec<String> {
    set.sort_by_key(|l| l.len());
    set.dedup();
    let mut out: Vec<String> = Vec::new();
    for l in set {
        if !out.iter().any(|k| l.contains(k.as_str())) {
            out.push(l);
        }
    }
    out
}

/// The longest match of `node` in bytes; `None` when it is unbounded.
fn max_len(node: &Node) -> Option<usize> {
    match node {
        Node::Empty | Node::Look(_) => Some(0),
        Node::Lit(c) => Some(c.len_utf8()),
        Node::Class(_) => Some(4),
        Node::Group(inner, _) => max_len(inner),
        Node::Concat(items) => items.iter().try_fold(0usize, |n, i| n.checked_add(max_len(i)?)),
        Node::Alt(branches) => branches.iter().try_fold(0usize, |n, b| Some(n.max(max_len(b)?))),
        Node::Repeat { node, max, .. } => {
            max_len(node)?.checked_mul(usize::try_from((*max)?).ok()?)
        }
    }
}

/// The look-around a pattern starts with, if every match must start with it.
fn leading_anchor(node: &Node) -> Option<Look> {
    match node {
        Node::Look(l @ (Look::Start | Look::LineStart)) => Some(*l),
        Node::Group(inner, _) => leading_anchor(inner),
        Node::Concat(items) => {
            items.iter().find(|n| !matches!(n, Node::Empty)).and_then(leading_anchor)
        }
        _ => None,
    }
}

/// A search looks for each of at most this many prefix literals (`str::find`, which skips through
/// the text far faster than a test at every character); a pattern with more scans character by
/// character.
const MAX_SCANNED_PREFIXES: usize = 6;

/// A search goes from one required literal to the next only for patterns no longer than this (in
/// bytes): further, nearly every start would stand within reach of one.
const MAX_INNER_REACH: usize = 256;

/// The characters a match can start with: a bitmap for ASCII, a sorted list for the rest, and a
/// bitmap of the bytes their UTF-8 forms begin with, so that a search steps over every other
/// byte without decoding it.
#[derive(Debug, Clone)]
struct FirstChars {
    ascii: u128,
    other: Vec<char>,
    lead: [u64; 4],
    /// The last bytes of the other characters' UTF-8 forms (their low six bits): Chinese
    /// characters share a handful of lead bytes, and this second test turns away most of them
    /// before one is decoded.
    last: u64,
}

impl FirstChars {
    fn new(chars: Vec<char>) -> FirstChars {
        let mut ascii = 0u128;
        let mut other = Vec::new();
        let mut lead = [0u64; 4];
        let mut last = 0u64;
        for c in chars {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let b = bytes[0];
            lead[usize::from(b / 64)] |= 1 << (b % 64);
            if c.is_ascii() {
                ascii |= 1 << (c as u32);
            } else {
                last |= 1 << (bytes[bytes.len() - 1] & 0x3F);
                other.push(c);
            }
        }
        other.sort_unstable();
        FirstChars { ascii, other, lead, last }
    }

    /// Whether byte `b` can begin a character that starts a match (continuation bytes never do).
    fn may_lead(&self, b: u8) -> bool {
        self.lead[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }

    /// Whether a character that starts at `bytes[0]` can start a match.
    fn admits(&self, bytes: &[u8]) -> bool {
        match bytes.first() {
            None => false,
            Some(&b) if b < 0x80 => self.ascii & (1 << b) != 0,
            Some(&b) => {
                let n = utf8_len(b);
                self.may_lead(b)
                    && bytes.get(n - 1).is_some_and(|&e| self.last & (1 << (e & 0x3F)) != 0)
                    && decode_first(bytes).is_some_and(|c| self.other.binary_search(&c).is_ok())
            }
        }
    }

    /// The first place in `at..to` where a match can start.
    fn next_start(&self, bytes: &[u8], at: usize, to: usize) -> Option<usize> {
        (at..to).find(|&i| self.may_lead(bytes[i]) && self.admits(&bytes[i..to]))
    }
}

/// What a branch of the program can begin with, as a test of the character at a place: a
/// superset, so that a branch it turns away could not have matched there.
#[derive(Debug, Clone, Copy, Default)]
struct Guard {
    /// The branch can reach the match without reading a character.
    empty: bool,
    /// Each ASCII character it can begin with.
    ascii: u128,
    /// The low six bits of the last byte of each other character it can begin with.
    last: u64,
}

impl Guard {
    /// What the character at `at` is tested by: an ASCII character as itself (0..=127), another
    /// by the low six bits of its last byte (128..=191), the end of the window as 255.
    #[inline]
    fn key(bytes: &[u8], at: usize, to: usize) -> u8 {
        if at >= to {
            return 255;
        }
        let b = bytes[at];
        if b < 0x80 {
            return b;
        }
        // `to` is a character boundary, so the character ends by it.
        let end = (at + utf8_len(b)).min(to);
        128 | (bytes[end - 1] & 0x3F)
    }

    #[inline]
    fn admits(&self, key: u8) -> bool {
        self.empty
            || match key {
                0..=127 => self.ascii & (1 << key) != 0,
                255 => false,
                _ => self.last & (1 << (key & 0x3F)) != 0,
            }
    }

    fn union(&mut self, other: &Guard) -> bool {
        let before = (self.empty, self.ascii, self.last);
        self.empty |= other.empty;
        self.ascii |= other.ascii;
        self.last |= other.last;
        before != (self.empty, self.ascii, self.last)
    }

    fn of_char(c: char) -> Guard {
        let mut g = Guard::default();
        if c.is_ascii() {
            g.ascii = 1 << (c as u32);
        } else {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            g.last = 1 << (bytes[bytes.len() - 1] & 0x3F);
        }
        g
    }

    fn of_class(class: &Class) -> Guard {
        let last = match class.chars() {
            Some(chars) => {
                chars.iter().filter(|c| !c.is_ascii()).fold(0, |m, &c| m | Guard::of_char(c).last)
            }
            None => u64::MAX,
        };
        Guard { empty: false, ascii: class.ascii, last }
    }

    /// Each split's two guards. A consuming instruction begins with its own first character;
    /// the others with what they lead to, found by going over the program until nothing grows
    /// (jumps go backwards in loops).
    fn of_splits(insts: &[Inst], splits: usize) -> Vec<(Guard, Guard)> {
        // A repetition's copies share their class: its guard is worked out once.
        let mut classes: Vec<(*const Class, Guard)> = Vec::new();
        let mut at: Vec<Guard> = insts
            .iter()
            .map(|inst| match inst {
                Inst::Lit(s) => s
                    .chars()
                    .next()
                    .map_or(Guard { empty: true, ..Guard::default() }, Guard::of_char),
                Inst::Class(c) => match classes.iter().find(|(p, _)| *p == Arc::as_ptr(c)) {
                    Some(&(_, g)) => g,
                    None => {
                        let g = Guard::of_class(c);
                        classes.push((Arc::as_ptr(c), g));
                        g
                    }
                },
                Inst::Match => Guard { empty: true, ..Guard::default() },
                _ => Guard::default(),
            })
            .collect();
        let mut grew = true;
        while grew {
            grew = false;
            for ip in (0..insts.len()).rev() {
                let next = |t: u32| at[t as usize];
                let g = match &insts[ip] {
                    Inst::Split(a, b, _) => {
                        let mut g = next(*a);
                        g.union(&next(*b));
                        g
                    }
                    Inst::Jmp(t) => next(*t),
                    // A look-around reads nothing: what follows it begins the branch.
                    Inst::Save(_) | Inst::Look(_) => next(ip as u32 + 1),
                    _ => continue,
                };
                grew |= at[ip].union(&g);
            }
        }
        let mut out = vec![(Guard::default(), Guard::default()); splits];
        for inst in insts {
            if let Inst::Split(a, b, id) = inst {
                out[*id as usize] = (at[*a as usize], at[*b as usize]);
            }
        }
        out
    }
}

/// The character a UTF-8 sequence starts with (`None` when it is cut or invalid).
fn decode_first(bytes: &[u8]) -> Option<char> {
    let n = utf8_len(*bytes.first()?);
    let b = bytes.get(..n)?;
    let cont = |i: usize| u32::from(b[i] & 0x3F);
    let c = match n {
        1 => u32::from(b[0]),
        2 => (u32::from(b[0] & 0x1F) << 6) | cont(1),
        3 => (u32::from(b[0] & 0x0F) << 12) | (cont(1) << 6) | cont(2),
        _ => (u32::from(b[0] & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
    };
    // Continuation bytes where a character starts, or an overlong form: not a character of a
    // `str`, so no match starts there (`from_utf8` said the same, at four times the cost).
    let lead_ok = n < 4 || (0xF0..=0xF7).contains(&b[0]);
    (lead_ok && b[1..].iter().all(|&x| x & 0xC0 == 0x80) && c >= [0, 0, 0x80, 0x800, 0x1_0000][n])
        .then(|| char::from_u32(c))
        .flatten()
}

/// Where each prefix literal and each required literal of a pattern next stands in the text
/// searched (`usize::MAX`: not yet looked for), remembered from one search to the next of the
/// same window: each is found once, not once per match.
#[derive(Clone, Copy)]
struct Cursor {
    prefix: [usize; MAX_SCANNED_PREFIXES],
    inner: [usize; MAX_SCANNED_PREFIXES],
}

impl Default for Cursor {
    fn default() -> Cursor {
        Cursor {
            prefix: [usize::MAX; MAX_SCANNED_PREFIXES],
            inner: [usize::MAX; MAX_SCANNED_PREFIXES],
        }
    }
}

/// Per-thread scratch space of the search: the backtracking stack and the failure memo.
#[derive(Default)]
struct Scratch {
    stack: Vec<Frame>,
    visited: Vec<u64>,
    /// The words of `visited` that hold a bit: cleared one by one when a search ends, so that
    /// clearing costs what the search did (a block cleared by `fill` cost a tenth of the page's
    /// analysis: WebAssembly has no vector memset on the browsers of the floor).
    touched: Vec<u32>,
}

impl Scratch {
    /// Forgets the failures a search remembered.
    fn clear(&mut self) {
        for w in self.touched.drain(..) {
            self.visited[w as usize] = 0;
        }
    }
}

#[derive(Clone, Copy)]
enum Frame {
    Step { ip: u32, at: usize },
    Restore { slot: u32, old: usize },
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Pattern {
    /// Compiles a pattern.
    ///
    /// # Errors
    /// A message naming the place of a syntax error, or of a construct the dialect lacks.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let mut p = Parser {
            chars: source.chars().collect(),
            at: 0,
            groups: 0,
            names: Vec::new(),
            multiline: false,
        };
        let ast = p.alternation()?;
        if p.at != p.chars.len() {
            return Err(p.error("unopened group"));
        }
        if p.groups >= MAX_GROUPS {
            return Err(format!(
                "{} capture groups: at most {} are kept",
                p.groups,
                MAX_GROUPS - 1
            ));
        }
        let mut c = Compiler { insts: Vec::new(), splits: 0 };
        c.node(&ast);
        c.insts.push(Inst::Match);
        let guards = Guard::of_splits(&c.insts, c.splits as usize);
        let (first, empty) = first_chars(&ast);
        let prefixes: Option<Vec<Box<str>>> =
            prefixes(&ast).filter(|set| !set.is_empty()).map(|mut set| {
                set.sort();
                set.dedup();
                set.into_iter().map(String::into_boxed_str).collect()
            });
        let anchor = leading_anchor(&ast);
        let prefix_finders = match (&prefixes, anchor) {
            (Some(set), None) if set.len() <= MAX_SCANNED_PREFIXES => {
                set.iter().map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned()).collect()
            }
            _ => Vec::new(),
        };
        let required: Vec<Vec<Box<str>>> = required(&ast)
            .into_iter()
            .map(|set| set.into_iter().map(String::into_boxed_str).collect())
            .collect();
        let inner = match (&prefix_finders[..], anchor, max_len(&ast), best_set(required.clone())) {
            ([], None, Some(len), Some(set))
                if len <= MAX_INNER_REACH && set.len() <= MAX_SCANNED_PREFIXES =>
            {
                let finders =
                    set.iter().map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned());
                Some((finders.collect(), len))
            }
            _ => None,
        };
        Ok(Pattern {
            insts: c.insts,
            groups: p.groups + 1,
            names: p.names,
            splits: c.splits as usize,
            guards,
            first: if empty { None } else { first.map(FirstChars::new) },
            prefixes,
            prefix_finders,
            inner,
            anchor,
            required,
            source: source.into(),
        })
    }

    /// What every match must contain: a list of literal sets, and a match holds at least one
    /// literal of each set (`主动(?:公开|发布)` → `[[主动], [公开, 发布]]`). A set never holds a
    /// literal together with a longer one that contains it. Empty when nothing is required.
    pub fn required_literals(&self) -> &[Vec<Box<str>>] {
        &self.required
    }

    /// Literals one of which every match starts with, when the pattern's start is made of
    /// literals (`(?:通过)?(?:当面|现场)…` → 通过, 当面, 现场); `None` when it is not.
    pub fn prefix_literals(&self) -> Option<&[Box<str>]> {
        self.prefixes.as_deref()
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Index of a named group.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| &**n == name).map(|&(_, i)| i)
    }

    /// Whether a match can start at the start of `text`, by the characters matches start with
    /// (true when the pattern does not know them): a test that costs a few loads, before a
    /// search of a short text such as one line.
    pub fn may_start_with(&self, text: &str) -> bool {
        self.first.as_ref().is_none_or(|f| f.admits(text.as_bytes()))
    }

    /// True when the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.captures_in(text, 0, text.len()).is_some()
    }

    /// The leftmost-first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Group<'t>> {
        self.captures_in(text, 0, text.len()).map(|c| c.whole())
    }

    /// Every match in `text`, left to right, not overlapping.
    pub fn find_iter<'p, 't>(&'p self, text: &'t str) -> impl Iterator<Item = Group<'t>> + 'p
    where
        't: 'p,
    {
        self.captures_iter_in(text, 0, text.len()).map(|c| c.whole())
    }

    /// The leftmost-first match with its groups.
    pub fn captures<'p, 't>(&'p self, text: &'t str) -> Option<Captures<'p, 't>> {
        self.captures_in(text, 0, text.len())
    }

    /// Every match in `text` with its groups.
    pub fn captures_iter<'p, 't>(
        &'p self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'p, 't>> + 'p
    where
        't: 'p,
    {
        self.captures_iter_in(text, 0, text.len())
    }

    /// Every match that starts and ends within `text[from..to]`, left to right, not overlapping.
    /// Anchors (`^`, `$`) look at the whole text, so a window is searched as the whole text would
    /// be.
    pub fn captures_iter_in<'p, 't>(
        &'p self,
        text: &'t str,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = Captures<'p, 't>> + 'p
    where
        't: 'p,
    {
        let mut at = Some(from);
        let mut cursor = Cursor::default();
        std::iter::from_fn(move || {
            let start = at?;
            let caps = self.captures_in_with(text, start, to, &mut cursor);
            at = caps.as_ref().and_then(|c| {
                let w = c.whole();
                if w.end > w.start {
                    Some(w.end)
                } else {
                    // An empty match: go on one character later.
                    text[w.end..to].chars().next().map(|ch| w.end + ch.len_utf8())
                }
            });
            caps
        })
    }

    /// The leftmost-first match that starts and ends within `text[from..to]`.
    pub fn captures_in<'p, 't>(
        &'p self,
        text: &'t str,
        from: usize,
        to: usize,
    ) -> Option<Captures<'p, 't>> {
        self.captures_in_with(text, from, to, &mut Cursor::default())
    }

    fn captures_in_with<'p, 't>(
        &'p self,
        text: &'t str,
        from: usize,
        to: usize,
        cursor: &mut Cursor,
    ) -> Option<Captures<'p, 't>> {
        let to = to.min(text.len());
        if from > to || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
            return None;
        }
        let found =
            self.with_scratch(from, to, |scratch| self.search(text, from, to, scratch, cursor));
        found.map(|slots| Captures { pattern: self, text, slots })
    }

    /// Runs `search` with the thread's scratch space, its memo (a bit per split and position of
    /// `from..to`) large enough, and forgets the failures it remembered afterwards.
    fn with_scratch<R>(&self, from: usize, to: usize, search: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let words = ((to - from + 1) * self.splits).div_ceil(64);
            if scratch.visited.len() < words {
                scratch.visited.resize(words, 0);
            }
            let found = search(&mut scratch);
            scratch.clear();
            found
        })
    }

    /// The leftmost-first match in `text[from..to]`. `cursor` remembers, from one search to the
    /// next of the same `to`, where the prefix and required literals stand: found once each, not once per match
    /// (a rare literal would be looked for up to the end of the text each time).
    fn search(
        &self,
        text: &str,
        from: usize,
        to: usize,
        scratch: &mut Scratch,
        cursor: &mut Cursor,
    ) -> Option<Slots> {
        let mut slots = [NONE; 2 * MAX_GROUPS];
        let bytes = text.as_bytes();
        let mut start = from;
        let next_prefix = &mut cursor.prefix[..self.prefix_finders.len()];
        let next_inner = &mut cursor.inner[..self.inner.as_ref().map_or(0, |(f, _)| f.len())];
        loop {
            if let Some((finders, reach)) = &self.inner {
                // No match starts more than `reach` bytes before the next required literal.
                for (finder, next) in finders.iter().zip(next_inner.iter_mut()) {
                    if *next == usize::MAX || *next < start {
                        *next = finder.find(&bytes[start..to]).map_or(to, |i| start + i);
                    }
                }
                let literal = next_inner.iter().copied().min().filter(|&at| at < to)?;
                if literal > start + reach {
                    start = literal - reach;
                    while !text.is_char_boundary(start) {
                        start += 1;
                    }
                }
            }
            if !next_prefix.is_empty() {
                // Straight to the next place one of the literals every match starts with stands.
                for (finder, next) in self.prefix_finders.iter().zip(next_prefix.iter_mut()) {
                    if *next == usize::MAX || *next < start {
                        *next = finder.find(&bytes[start..to]).map_or(to, |i| start + i);
                    }
                }
                start = next_prefix.iter().copied().min().filter(|&at| at < to)?;
            } else if let (Some(first), None) = (&self.first, self.anchor) {
                // Straight to the next character a match can start with.
                start = first.next_start(bytes, start, to)?;
            }
            let admissible = self.anchor_holds(bytes, start)
                && self.first.as_ref().is_none_or(|f| f.admits(&bytes[start..to]));
            if admissible {
                if let Some(end) =
                    self.run(text, start, from, to, &mut slots[..2 * self.groups], scratch)
                {
                    slots[0] = start;
                    slots[1] = end;
                    return Some(slots);
                }
            }
            if start >= to || self.anchor == Some(Look::Start) {
                return None;
            }
            start += utf8_len(bytes[start]);
        }
    }

    /// Every match, left to right and not overlapping, that starts at one of `starts` (ascending)
    /// and ends by `to`. The places a caller already knows a match may start at (where a prefix
    /// literal stands) spare the scan of every position.
    pub fn captures_at_starts<'p, 't>(
        &'p self,
        text: &'t str,
        starts: &[usize],
        to: usize,
    ) -> Vec<Captures<'p, 't>> {
        let to = to.min(text.len());
        let mut out = Vec::new();
        let Some(&from) = starts.first() else { return out };
        if from > to || !text.is_char_boundary(to) {
            return out;
        }
        self.with_scratch(from, to, |scratch| {
            let mut slots = [NONE; 2 * MAX_GROUPS];
            let mut next = from;
            for &start in starts {
                if start < next || start > to || !text.is_char_boundary(start) {
                    continue;
                }
                if !self.anchor_holds(text.as_bytes(), start) {
                    continue;
                }
                if let Some(end) =
                    self.run(text, start, from, to, &mut slots[..2 * self.groups], scratch)
                {
                    slots[0] = start;
                    slots[1] = end;
                    out.push(Captures { pattern: self, text, slots });
                    slots = [NONE; 2 * MAX_GROUPS];
                    next = if end > start { end } else { end + 1 };
                    // The memo holds the states of the match just made: start afresh.
                    scratch.clear();
                }
            }
        });
        out
    }

    /// The match that starts exactly at `start` and ends by `to`, if any: what
    /// `captures_at_starts` gives for one start, without its two vectors.
    pub fn captures_at<'p, 't>(
        &'p self,
        text: &'t str,
        start: usize,
        to: usize,
    ) -> Option<Captures<'p, 't>> {
        let to = to.min(text.len());
        if start > to
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(to)
            || !self.anchor_holds(text.as_bytes(), start)
        {
            return None;
        }
        self.with_scratch(start, to, |scratch| {
            let mut slots = [NONE; 2 * MAX_GROUPS];
            let end = self.run(text, start, start, to, &mut slots[..2 * self.groups], scratch)?;
            slots[0] = start;
            slots[1] = end;
            Some(Captures { pattern: self, text, slots })
        })
    }

    /// Whether the pattern's leading anchor, if any, holds at `start`.
    fn anchor_holds(&self, bytes: &[u8], start: usize) -> bool {
        match self.anchor {
            Some(Look::Start) => start == 0,
            Some(Look::LineStart) => start == 0 || bytes[start - 1] == b'\n',
            _ => true,
        }
    }

    /// Runs the backtracker from `start`; gives the end of the match.
    fn run(
        &self,
        text: &str,
        start: usize,
        window: usize,
        to: usize,
        slots: &mut [usize],
        scratch: &mut Scratch,
    ) -> Option<usize> {
        let splits = self.splits;
        let bytes = text.as_bytes();
        scratch.stack.clear();
        scratch.stack.push(Frame::Step { ip: 0, at: start });
        while let Some(frame) = scratch.stack.pop() {
            let (mut ip, mut at) = match frame {
                Frame::Restore { slot, old } => {
                    slots[slot as usize] = old;
                    continue;
                }
                Frame::Step { ip, at } => (ip as usize, at),
            };
            loop {
                match &self.insts[ip] {
                    Inst::Lit(s) => {
                        if lit_at(bytes, at, to, s) {
                            at += s.len();
                            ip += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Class(class) => match char_at(bytes, at, to) {
                        Some((c, len)) if class.contains(c) => {
                            at += len;
                            ip += 1;
                        }
                        _ => break,
                    },
                    Inst::Split(a, b, id) => {
                        // A branch that cannot begin with the character at `at` is not tried:
                        // most alternatives of a list of words, and the figure after each place
                        // of a gap, end there. An alternative that starts with a literal not
                        // standing at `at` is not tried either.
                        let (first, second) = &self.guards[*id as usize];
                        let key = Guard::key(bytes, at, to);
                        let skip_first = !first.admits(key)
                            || matches!(&self.insts[*a as usize], Inst::Lit(s) if !lit_at(bytes, at, to, s));
                        if skip_first {
                            // One way on, nothing to come back to: as a jump, unremembered.
                            ip = *b as usize;
                            continue;
                        }
                        if !second.admits(key) {
                            ip = *a as usize;
                            continue;
                        }
                        // Two ways on: a state whose ways have all failed before fails again.
                        let bit = (at - window) * splits + *id as usize;
                        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
                        let seen = scratch.visited[word];
                        if seen & mask != 0 {
                            break;
                        }
                        if seen == 0 {
                            scratch.touched.push(word as u32);
                        }
                        scratch.visited[word] = seen | mask;
                        scratch.stack.push(Frame::Step { ip: *b, at });
                        ip = *a as usize;
                    }
                    Inst::Jmp(t) => ip = *t as usize,
                    Inst::Save(slot) => {
                        let slot = *slot as usize;
                        if slot < slots.len() {
                            scratch
                                .stack
                                .push(Frame::Restore { slot: slot as u32, old: slots[slot] });
                            slots[slot] = at;
                        }
                        ip += 1;
                    }
                    Inst::Look(look) => {
                        let holds = match look {
                            Look::Start => at == 0,
                            Look::End => at == bytes.len(),
                            Look::LineStart => at == 0 || bytes[at - 1] == b'\n',
                            Look::LineEnd => at == bytes.len() || bytes[at] == b'\n',
                        };
                        if !holds {
                            break;
                        }
                        ip += 1;
                    }
                    Inst::Match => return Some(at),
                }
            }
        }
        None
    }
}

/// Whether literal `lit` stands at `at`, ending by `to`. The last byte first: it tells most
/// failures apart without a call to memcmp (Chinese characters share their first bytes).
#[inline]
fn lit_at(bytes: &[u8], at: usize, to: usize, lit: &str) -> bool {
    let lit = lit.as_bytes();
    let end = at + lit.len();
    // Byte by byte, not `==` on the slices: literals are a few bytes long, and the call to
    // memcmp that slice equality makes cost more than the comparison.
    end <= to
        && bytes[end - 1] == lit[lit.len() - 1]
        && bytes[at..end].iter().zip(lit).all(|(a, b)| a == b)
}

/// Length of the UTF-8 sequence that starts with byte `b`.
/// The character that starts at `at` (a character boundary of the text `bytes` holds) and its
/// length, if it ends by `to` (also a boundary): read by hand, as the text is known to be valid
/// UTF-8 and slicing the `str` would test both boundaries again at every step.
#[inline]
pub(crate) fn char_at(bytes: &[u8], at: usize, to: usize) -> Option<(char, usize)> {
    if at >= to {
        return None;
    }
    let b = bytes[at];
    let len = utf8_len(b);
    let cont = |i: usize| u32::from(bytes[at + i] & 0x3F);
    let c = match len {
        1 => u32::from(b),
        2 => u32::from(b & 0x1F) << 6 | cont(1),
        3 => u32::from(b & 0x0F) << 12 | cont(1) << 6 | cont(2),
        _ => u32::from(b & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
    };
    char::from_u32(c).map(|c| (c, len))
}

/// The length and code of the character whose first bytes are `b0 b1 b2` (those past a short
/// character's end are read and not used), for loops over every character of a report that
/// keep three bytes ahead to read: no test of each byte's place, as [`char_at`] makes (which
/// cost the figures stage a twentieth of the command line's time, measured). A character beyond
/// the Basic Multilingual Plane gives [`BEYOND_PLANE`].
#[inline(always)]
pub(crate) fn code_ahead(b0: u8, b1: u8, b2: u8) -> (usize, u32) {
    let cont = |b: u8| u32::from(b & 0x3F);
    match b0 {
        0..=0x7F => (1, u32::from(b0)),
        0xC0..=0xDF => (2, u32::from(b0 & 0x1F) << 6 | cont(b1)),
        0xE0..=0xEF => (3, u32::from(b0 & 0x0F) << 12 | cont(b1) << 6 | cont(b2)),
        _ => (4, BEYOND_PLANE),
    }
}

/// [`code_ahead`]'s code for a character beyond the Basic Multilingual Plane: one past it, so
/// that a table of the Plane's characters holds none.
pub(crate) const BEYOND_PLANE: u32 = 0x1_0000;

/// The length of a character from its first byte (a boundary of valid UTF-8).
#[inline]
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(p: &str, text: &str) -> Vec<String> {
        Pattern::new(p).unwrap().find_iter(text).map(|m| m.as_str().to_string()).collect()
    }

    #[test]
    fn literals_classes_and_repetition() {
        assert_eq!(all("收到[0-9]+件", "共收到12件,又收到3件"), ["收到12件", "收到3件"]);
        assert_eq!(all("a{2,3}", "aaaa aa a"), ["aaa", "aa"]);
        assert_eq!(all("a{2,3}?", "aaaa"), ["aa", "aa"]);
        assert_eq!(all("[^,]{0,4}?件", "前面很长的字3件"), ["长的字3件"]);
        assert_eq!(all(r"\p{Han}+", "ab汉字cd"), ["汉字"]);
        assert_eq!(all(r"[\s:]+", "a : b"), [" : "]);
        assert_eq!(all(r"\(\d\)", "(1) (a)"), ["(1)"]);
    }

    #[test]
    fn leftmost_first_alternation_and_groups() {
        let p = Pattern::new("(?P<a>公开|公开政府)(?P<b>信息)?").unwrap();
        let c = p.captures("主动公开政府信息").unwrap();
        assert_eq!(c.whole().as_str(), "公开");
        assert_eq!(c.name("b"), None);
        let p = Pattern::new("(?:x|(?P<n>[0-9]+))件").unwrap();
        assert_eq!(p.captures("共12件").unwrap().name("n").unwrap().as_str(), "12");
    }

    #[test]
    fn anchors_are_line_wise_after_m() {
        assert_eq!(all("(?m)^无。?$", "情况\n无。\n其他无"), ["无。"]);
        assert_eq!(all("^无", "无\n无"), ["无"]);
        assert_eq!(all("无$", "无\n无"), ["无"]);
    }

    #[test]
    fn windows_see_the_whole_text_for_anchors() {
        let p = Pattern::new("(?m)^无$").unwrap();
        let text = "甲\n无\n乙";
        let hits: Vec<_> = p.captures_iter_in(text, 4, 7).map(|c| c.whole().start()).collect();
        assert_eq!(hits, [4]);
        // A window that cuts a line: `$` does not hold at the window's end.
        assert!(p.captures_in("无无", 0, 3).is_none());
    }

    #[test]
    fn required_literals_of_a_pattern() {
        let p = Pattern::new("主动(?:公开|发布)(?:政府)?信息(?:共)?[0-9]+(?:条|件)").unwrap();
        let req: Vec<Vec<&str>> =
            p.required_literals().iter().map(|s| s.iter().map(|l| &**l).collect()).collect();
        assert_eq!(req, [vec!["主动"], vec!["公开", "发布"], vec!["信息"], vec!["条", "件"]]);
        let p = Pattern::new("(?:依申请公开|信息公开|公开)申请").unwrap();
        let req: Vec<Vec<&str>> =
            p.required_literals().iter().map(|s| s.iter().map(|l| &**l).collect()).collect();
        assert_eq!(req, [vec!["公开"], vec!["申请"]]);
        assert!(Pattern::new("a?b*").unwrap().required_literals().is_empty());
    }

    #[test]
    fn prefix_literals_and_starts() {
        let p = Pattern::new("(?:通过)?(?:当面|现场)申请[0-9]+件").unwrap();
        let pre: Vec<&str> = p.prefix_literals().unwrap().iter().map(|l| &**l).collect();
        assert_eq!(pre, ["当面", "现场", "通过"]);
        assert!(Pattern::new("(?:a)?b?c").unwrap().prefix_literals().is_some());
        assert!(Pattern::new("[^x]y").unwrap().prefix_literals().is_none());
        let text = "现场申请3件,通过当面申请4件";
        let starts = [0, text.find("通过").unwrap(), text.find("当面").unwrap()];
        let found: Vec<&str> = p
            .captures_at_starts(text, &starts, text.len())
            .iter()
            .map(|c| c.whole().as_str())
            .collect();
        assert_eq!(found, ["现场申请3件", "通过当面申请4件"]);
        assert!(p.captures_at(text, 3, text.len()).is_none());
    }

    /// The memo is cleared only where a run went (from the start after the last match): every
    /// match of a long run of them is still found, with the groups of its own text.
    #[test]
    fn starts_after_many_matches_still_match() {
        let p = Pattern::new("(?:收到|受理)(?:申请)?(?P<n>[0-9]+)件").unwrap();
        let text = "收到申请1件,受理2件,x收到3件,".repeat(300);
        let starts: Vec<usize> =
            text.match_indices("收到").chain(text.match_indices("受理")).map(|(i, _)| i).collect();
        let mut starts = starts;
        starts.sort_unstable();
        let found: Vec<&str> = p
            .captures_at_starts(&text, &starts, text.len())
            .iter()
            .filter_map(|c| c.name("n").map(|n| n.as_str()))
            .collect();
        assert_eq!(found.len(), 900);
        assert_eq!(found[..4], ["1", "2", "3", "1"]);
    }

    #[test]
    fn syntax_errors_are_errors() {
        for bad in ["(a", "a)", "[a", "*a", "a{2,1}", r"\q", "a**"] {
            assert!(Pattern::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn groups_up_to_the_slots_kept() {
        let groups = |n: usize| "(a)".repeat(n);
        let p = Pattern::new(&groups(MAX_GROUPS - 1)).unwrap();
        let caps = p.captures("aaaaaaaaaaaaaaaaaa").unwrap();
        assert_eq!(caps.get(MAX_GROUPS - 1).map(|g| g.start()), Some(MAX_GROUPS - 2));
        assert!(caps.get(MAX_GROUPS).is_none());
        assert!(Pattern::new(&groups(MAX_GROUPS)).is_err());
    }

    #[test]
    fn nested_repetition_stays_bounded() {
        let p = Pattern::new("(?:a|aa)*(?:a*)*b").unwrap();
        let text = "a".repeat(2000);
        assert!(p.find(&text).is_none());
    }

    /// A search goes straight to the prefix literals, or to the characters a match starts with,
    /// and still finds every match the regex crate finds, a rare literal after common ones too.
    #[test]
    fn skipping_to_the_starts_misses_no_match() {
        let text = "截止到2016年12月31日,至1231日止;到2017年,截至1月底。国办发[2016]19号,苏政办发[2016]55号;\
                    第二批至12月,至0101日";
        for p in [
            r"(?:截至|截止到|截止|至|到)([0-9]{3,8})(月底|月末|月|日)",
            r"(?:19|20)[0-9]{2}年",
            r"\p{Han}{1,12}\[(?:19|20)[0-9]{2}\][0-9]{1,4}号",
            r"截止到|至",
            r"[至到]",
        ] {
            let ours: Vec<_> =
                Pattern::new(p).unwrap().find_iter(text).map(|m| (m.start(), m.end())).collect();
            let theirs: Vec<_> = regex::Regex::new(p)
                .unwrap()
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert!(!ours.is_empty(), "{p}");
            assert_eq!(ours, theirs, "{p}");
        }
    }

    /// A pattern of bounded length goes from one of its required literals to the next (no match
    /// starts further before one than the pattern is long), and still finds what the regex crate
    /// finds: texts drawn from the patterns' own characters, so that near misses abound.
    #[test]
    fn skipping_to_the_required_literals_misses_no_match() {
        use proptest::prelude::*;
        let patterns = [
            r"[\p{Han}]{2,8}?(?:省|市|区)人民政府",
            r"(?:截至|至)?([0-9]{3,8})(月底|月|日)",
            r"[^。]{0,6}?((?:19|20)[0-9]{2})年([0-9]{1,2})月",
            r"\p{Han}{1,3}?申请",
        ];
        let texts = crate::testing::texts("市区省人民政府截至到月底日统计时间年。收申请12090,", 60);
        for p in patterns {
            let ours = Pattern::new(p).unwrap();
            assert!(ours.inner.is_some(), "{p} is searched by its required literals");
            let theirs = regex::Regex::new(p).unwrap();
            proptest!(ProptestConfig::with_cases(400), |(text in texts.clone())| {
                let a: Vec<_> = ours.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let b: Vec<_> = theirs.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                prop_assert_eq!(a, b, "{} in {}", p, text);
            });
        }
    }

    /// The same matches and groups as the `regex` crate, on every phrase row and its example.
    #[test]
    fn agrees_with_the_regex_crate() {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for line in crate::indicators::PHRASES_TSV.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || cols.len() < 7 {
                continue;
            }
            patterns.push(crate::indicators::expand(cols[5]));
            let example = cols[6].replace("\\n", "\n").replace("\\t", "\t");
            texts.push(crate::normalize::normalize(&example).text);
        }
        let haystack = texts.join("。");
        for p in &patterns {
            let ours = Pattern::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            let theirs = regex::Regex::new(p).unwrap();
            let a: Vec<Vec<Option<(usize, usize)>>> = ours
                .captures_iter(&haystack)
                .map(|c| (0..ours.groups).map(|i| c.get(i).map(|g| (g.start(), g.end()))).collect())
                .collect();
            let b: Vec<Vec<Option<(usize, usize)>>> = theirs
                .captures_iter(&haystack)
                .map(|c| (0..c.len()).map(|i| c.get(i).map(|g| (g.start(), g.end()))).collect())
                .collect();
            assert_eq!(a, b, "{p}");
        }
    }

    // The guards that turn branches away (`Guard`) must never turn away one that matches: random
    // patterns made of alternations, optional and lazy parts, classes, look-arounds and empty
    // branches, over a few characters of both widths, find at each place what the regex crate
    // finds there (the first match of each suffix: one after another, the two differ on an empty
    // match right after a match, which no row can make).
    #[test]
    fn guards_keep_every_match() {
        use proptest::prelude::*;
        let atom = prop::sample::select(vec![
            "公",
            "开",
            "公开",
            "a",
            "1",
            "[0-9]",
            "[^,公]",
            "\\p{Han}",
            ".",
            "(?:公|开)",
            "(?:)",
            "(?:a|)",
            "^",
            "$",
            "(?:公开|公布|开)",
            "[开a]",
            ",",
            "\\n",
        ]);
        let quant = prop::sample::select(vec!["", "", "?", "*", "+", "??", "{0,3}?", "{1,2}"]);
        let piece = (atom, quant).prop_map(|(a, q)| {
            // A look-around or an empty group repeated is no pattern of the tables.
            if matches!(a, "^" | "$" | "(?:)") {
                a.to_string()
            } else {
                format!("{a}{q}")
            }
        });
        let branch = prop::collection::vec(piece, 1..5).prop_map(|p| p.concat());
        let end = prop::sample::select(vec!["", "[x1]", "x?", "$"]);
        let pattern = (prop::collection::vec(branch, 1..4), end)
            .prop_map(|(b, end)| format!("(?m)(?:{}){end}", b.join("|")));
        let text = prop::collection::vec(
            prop::sample::select(vec!["公", "开", "布", "a", "1", ",", "\n", "x"]),
            0..14,
        )
        .prop_map(|t| t.concat());
        // Found by this test in CI, against regex 1.13.1, which answered (0, 0): a lazy optional
        // group that can match empty, before `$`, must still try the group when `$` fails.
        for (p, t, want) in [
            (r"(?m)(?:(?:a|)??$|(?:a|)??a??)x?", "a", Some((0, 1))),
            (r"(?:(?:a|)??$|(?:a|)??a??)", "a", Some((0, 1))),
            (r"(?:a|)??$", "a", Some((0, 1))),
        ] {
            let ours = Pattern::new(p).unwrap().find(t).map(|g| (g.start(), g.end()));
            let theirs = regex::Regex::new(p).unwrap().find(t).map(|g| (g.start(), g.end()));
            assert_eq!((ours, theirs), (want, want), "{p} on {t:?}");
        }
        proptest!(ProptestConfig::with_cases(3000), |(p in pattern, t in text)| {
            let ours = Pattern::new(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
            let theirs = regex::Regex::new(&p).unwrap();
            for (i, _) in t.char_indices() {
                let a = ours.find(&t[i..]).map(|g| (g.start(), g.end()));
                let b = theirs.find(&t[i..]).map(|g| (g.start(), g.end()));
                prop_assert_eq!(a, b, "{} on {:?}", p, &t[i..]);
            }
        });
    }
}
