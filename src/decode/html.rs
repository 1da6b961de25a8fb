//! Web pages → text: paragraphs as lines, table rows as lines with cells split by tabs.
//!
//! Takes the decoded HTML of a page; gives its text. A small tolerant parser (no crate: the pages
//! are simple, the ones of government sites are often malformed, and this keeps the wasm small)
//! builds an element tree, closing what HTML closes implicitly (`<p>` before a block, `<td>`
//! before the next cell, `<tr>` before the next row, `<li>`), then renders it:
//! - block elements (`p div h1 li br` …) end lines; white space collapses as a browser does;
//!   inline elements do not separate words (`<span>申</span><span>请</span>` → 申请);
//! - `<script> <style> <noscript> <template> <svg>` and the whole `<head>` are dropped;
//! - entities are decoded (`&nbsp;` → U+00A0, `&#12288;`, `&ldquo;` …);
//! - a `<table>` becomes one line per `<tr>` on its grid: a cell spanning rows (`rowspan`) is
//!   **repeated** in every row it covers (so 三、本年度办理结果 stays with each of its rows), a
//!   cell spanning columns (`colspan`) is written **once, followed by empty cells** (a figure is
//!   never duplicated); cells whose text is only spaces or `&nbsp;` are empty. A table used for
//!   page layout (a cell holding another table, or one cell a row) is rendered as blocks.
//!
//! Bounded work: the tree is at most [`MAX_DEPTH`] elements deep (as in browsers' parsers,
//! elements opened deeper become siblings at the last level, their text kept), so the
//! renderer's recursion stays within its stack on every page, in the browser too; and the cells
//! that table spans add are budgeted ([`MAX_SPAN_CELLS`]). Either cap gives a finding.

use crate::decode::notice;
use crate::model::Finding;
use std::cell::Cell;

/// Deepest nesting of elements kept (Chromium's parser stops at 512 too).
pub const MAX_DEPTH: usize = 512;
/// Most grid cells that `colspan`/`rowspan` may add to a page's tables, all tables together;
/// past it, spans of further tables are ignored.
pub const MAX_SPAN_CELLS: usize = 1_000_000;

/// A rendered page: its text and what the caps changed.
pub struct Page {
    pub text: String,
    pub notices: Vec<Finding>,
}

/// Renders an HTML page as text.
pub fn to_text(html: &str) -> String {
    render(html).text
}

/// Renders an HTML page as text, with a notice for each cap reached.
pub fn render(html: &str) -> Page {
    let (root, flattened) = parse(html);
    let budget = Cell::new(MAX_SPAN_CELLS);
    let spans_dropped = Cell::new(0usize);
    let mut r = Renderer::new(&budget, &spans_dropped);
    r.block(&root);
    r.flush();
    let mut text = r.lines.join("\n");
    text.push('\n');
    let mut notices = Vec::new();
    if flattened > 0 {
        notices.push(notice(
            "input.html_depth",
            format!(
                "网页元素嵌套超过 {MAX_DEPTH} 层：更深的 {flattened} 个元素已移到第 {MAX_DEPTH} 层（与浏览器相同），其文字照常分析，但其中表格的行列可能不准"
            ),
        ));
    }
    if spans_dropped.get() > 0 {
        notices.push(notice(
            "input.html_spans",
            format!(
                "网页表格的合并单元格（colspan/rowspan）共超过 {MAX_SPAN_CELLS} 格：其后 {} 个表格的合并单元格未展开",
                spans_dropped.get()
            ),
        ));
    }
    Page { text, notices }
}

#[derive(Debug, Clone)]
enum Node {
    Elem { name: String, attrs: Vec<(String, String)>, children: Vec<Node> },
    Text(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "select", "button", "object",
    "iframe", "math",
];
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "table",
    "caption",
    "tr",
    "br",
];
/// Elements whose start closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Parses HTML into a tree under a synthetic root; gives it and the number of elements opened
/// past [`MAX_DEPTH`] (kept as siblings at the last level).
fn parse(html: &str) -> (Node, usize) {
    let mut flattened = 0;
    let mut stack: Vec<Node> =
        vec![Node::Elem { name: "#root".into(), attrs: Vec::new(), children: Vec::new() }];
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let flush_text = |stack: &mut Vec<Node>, s: &str| {
        if !s.is_empty() {
            push_child(stack, Node::Text(decode_entities(s)));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            flush_text(&mut stack, &html[text_start..i]);
            i = rest.find("-->").map_or(b.len(), |e| i + e + 3);
            text_start = i;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            flush_text(&mut stack, &html[text_start..i]);
            i = rest.find('>').map_or(b.len(), |e| i + e + 1);
            text_start = i;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b':' || *c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i += 1; // a lone '<' is text
            continue;
        }
        flush_text(&mut stack, &html[text_start..i]);
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, end, self_closing) = tag_rest(html, name_start + name_len);
        i = end;
        text_start = i;
        if closing {
            close(&mut stack, &name);
            continue;
        }
        if SKIP.contains(&name.as_str()) && name != "head" && !self_closing {
            // Raw text: skip to the matching end tag.
            let lower_end = format!("</{name}");
            let hay = &html[i..];
            let at = find_ci(hay, &lower_end).unwrap_or(hay.len());
            i += at;
            i = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
            text_start = i;
            continue;
        }
        if !open(&mut stack, name, attrs, self_closing) {
            flattened += 1;
        }
    }
    flush_text(&mut stack, &html[text_start.min(html.len())..]);
    while stack.len() > 1 {
        pop_into_parent(&mut stack);
    }
    (stack.pop().unwrap_or(Node::Text(String::new())), flattened)
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Reads attributes up to the end of a tag; gives them, the offset after `>` and whether the
/// tag closes itself.
fn tag_rest(html: &str, mut i: usize) -> (Vec<(String, String)>, usize, bool) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len(), self_closing);
        }
        if b[i] == b'>' {
            return (attrs, i + 1, self_closing);
        }
        self_closing = false;
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs + html[vs..].bytes().position(|c| c == q).unwrap_or(b.len() - vs);
                value = html[vs..i.min(b.len())].to_string();
                i = (i + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = html[vs..i].to_string();
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

fn name_of(n: &Node) -> &str {
    match n {
        Node::Elem { name, .. } => name,
        Node::Text(_) => "#text",
    }
}

fn push_child(stack: &mut [Node], child: Node) {
    if let Some(Node::Elem { children, .. }) = stack.last_mut() {
        children.push(child);
    }
}

fn pop_into_parent(stack: &mut Vec<Node>) {
    if stack.len() > 1 {
        if let Some(n) = stack.pop() {
            push_child(stack, n);
        }
    }
}

/// Pops up to and including the nearest open `name`, if it is open and no table boundary
/// lies between.
fn close(stack: &mut Vec<Node>, name: &str) {
    let barrier = |n: &str| matches!(n, "table" | "#root") && n != name;
    let Some(pos) = stack.iter().rposition(|n| name_of(n) == name || barrier(name_of(n))) else {
        return;
    };
    if name_of(&stack[pos]) != name || pos == 0 {
        return;
    }
    while stack.len() > pos {
        pop_into_parent(stack);
    }
}

/// Closes what the start of `name` closes implicitly.
fn close_implied(stack: &mut Vec<Node>, name: &str) {
    let open = |stack: &Vec<Node>, targets: &[&str], barriers: &[&str]| {
        stack
            .iter()
            .rposition(|n| targets.contains(&name_of(n)) || barriers.contains(&name_of(n)))
            .filter(|&p| targets.contains(&name_of(&stack[p])))
    };
    let pos = match name {
        "td" | "th" => open(stack, &["td", "th"], &["tr", "table"]),
        "tr" => open(stack, &["tr"], &["table"]),
        "thead" | "tbody" | "tfoot" => open(stack, &["thead", "tbody", "tfoot"], &["table"]),
        "li" => open(stack, &["li"], &["ul", "ol", "table"]),
        "dd" | "dt" => open(stack, &["dd", "dt"], &["dl", "table"]),
        _ if CLOSES_P.contains(&name) => open(stack, &["p"], &["td", "th", "table", "div", "li"]),
        _ => None,
    };
    if let Some(p) = pos {
        while stack.len() > p {
            pop_into_parent(stack);
        }
    }
}

/// Opens an element; false when it had to stay at [`MAX_DEPTH`] (it is then a leaf there and
/// what follows it goes into its parent).
fn open(
    stack: &mut Vec<Node>,
    name: String,
    attrs: Vec<(String, String)>,
    self_closing: bool,
) -> bool {
    close_implied(stack, &name);
    let void = VOID.contains(&name.as_str()) || self_closing;
    let node = Node::Elem { name, attrs, children: Vec::new() };
    if void {
        push_child(stack, node);
    } else if stack.len() > MAX_DEPTH {
        push_child(stack, node);
        return false;
    } else {
        stack.push(node);
    }
    true
}

/// Named entities that occur in Chinese government pages, and the XML ones.
#[rustfmt::skip]
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{A0}"), ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"),
    ("ensp", "\u{2002}"), ("emsp", "\u{2003}"), ("thinsp", "\u{2009}"), ("zwsp", "\u{200B}"),
    ("mdash", "—"), ("ndash", "–"), ("hellip", "…"), ("middot", "·"), ("bull", "•"),
    ("ldquo", "“"), ("rdquo", "”"), ("lsquo", "‘"), ("rsquo", "’"), ("laquo", "«"), ("raquo", "»"),
    ("times", "×"), ("divide", "÷"), ("copy", "©"), ("reg", "®"), ("deg", "°"), ("yen", "¥"),
    ("permil", "‰"), ("plusmn", "±"), ("sect", "§"), ("rarr", "→"), ("larr", "←"),
];

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        match decoded {
            Some(d) if end > 1 => {
                out.push_str(&d);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

struct Renderer<'a> {
    lines: Vec<String>,
    cur: String,
    pre: bool,
    /// Grid cells that spans may still add, for the whole page.
    span_budget: &'a Cell<usize>,
    /// Tables whose spans were ignored for want of budget.
    spans_dropped: &'a Cell<usize>,
}

impl<'a> Renderer<'a> {
    fn new(span_budget: &'a Cell<usize>, spans_dropped: &'a Cell<usize>) -> Self {
        Renderer { lines: Vec::new(), cur: String::new(), pre: false, span_budget, spans_dropped }
    }

    fn flush(&mut self) {
        let line = self.cur.trim_matches(|c: char| c == ' ' || c == '\u{A0}').to_string();
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.cur.clear();
    }

    fn text(&mut self, s: &str) {
        if self.pre {
            for (k, part) in s.split('\n').enumerate() {
                if k > 0 {
                    self.flush();
                }
                self.cur.push_str(&part.replace('\t', " "));
            }
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}') {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    fn block(&mut self, node: &Node) {
        match node {
            Node::Text(t) => self.text(t),
            Node::Elem { name, children, .. } => {
                let name = name.as_str();
                if SKIP.contains(&name) {
                    return;
                }
                if name == "table" {
                    self.flush();
                    self.table(node);
                    return;
                }
                let is_block = BLOCK.contains(&name);
                if is_block {
                    self.flush();
                }
                let was_pre = self.pre;
                self.pre |= name == "pre";
                for c in children {
                    self.block(c);
                }
                self.pre = was_pre;
                if is_block {
                    self.flush();
                }
            }
        }
    }

    fn table(&mut self, table: &Node) {
        let mut rows: Vec<Vec<&Node>> = Vec::new();
        let mut captions: Vec<&Node> = Vec::new();
        collect_rows(table, &mut rows, &mut captions, true);
        for c in captions {
            self.block(c);
            self.flush();
        }
        let layout =
            rows.iter().flatten().any(|c| contains_table(c)) || rows.iter().all(|r| r.len() <= 1);
        if layout {
            for cell in rows.iter().flatten() {
                self.block(cell);
                self.flush();
            }
            return;
        }
        let spans = span_cells(&rows);
        let use_spans = spans <= self.span_budget.get();
        if use_spans {
            self.span_budget.set(self.span_budget.get() - spans);
        } else {
            self.spans_dropped.set(self.spans_dropped.get() + 1);
        }
        for line in grid(&rows, use_spans, self) {
            if line.iter().any(|c| !c.is_empty()) {
                self.lines.push(line.join("\t"));
            }
        }
    }
}

/// The rows of a table (not of tables nested in its cells), each a list of its cells; what
/// stands outside every cell (a caption, stray text, a table not inside a cell) goes to
/// `captions`, to be shown before the table.
fn collect_rows<'a>(
    node: &'a Node,
    rows: &mut Vec<Vec<&'a Node>>,
    captions: &mut Vec<&'a Node>,
    top: bool,
) {
    let Node::Elem { name, children, .. } = node else {
        captions.push(node); // text outside any cell: shown before the table, as browsers do
        return;
    };
    if (name == "table" && !top) || name == "caption" {
        captions.push(node);
        return;
    }
    if name == "tr" {
        rows.push(children.iter().filter(|c| matches!(name_of(c), "td" | "th")).collect());
        captions.extend(children.iter().filter(|c| !matches!(name_of(c), "td" | "th")));
        return;
    }
    for c in children {
        collect_rows(c, rows, captions, false);
    }
}

fn contains_table(node: &Node) -> bool {
    match node {
        Node::Elem { name, children, .. } => name == "table" || children.iter().any(contains_table),
        Node::Text(_) => false,
    }
}

fn attr_num(node: &Node, attr: &str) -> usize {
    let Node::Elem { attrs, .. } = node else { return 1 };
    attrs
        .iter()
        .find(|(n, _)| n == attr)
        .and_then(|(_, v)| v.trim().trim_matches('"').parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// The grid cells a table's spans add beyond one per cell (rowspans reach no further than the
/// last row, as laid out by [`grid`]).
fn span_cells(rows: &[Vec<&Node>]) -> usize {
    let mut n = 0usize;
    for (r, cells) in rows.iter().enumerate() {
        for cell in cells {
            let area = attr_num(cell, "colspan") * attr_num(cell, "rowspan").min(rows.len() - r);
            n = n.saturating_add(area - 1);
        }
    }
    n
}

/// The text of one cell on one line: its block lines joined (no space between Chinese
/// characters), tabs made spaces.
fn cell_text(cell: &Node, outer: &Renderer) -> String {
    let mut r = Renderer::new(outer.span_budget, outer.spans_dropped);
    if let Node::Elem { children, .. } = cell {
        for c in children {
            r.block(c);
        }
    }
    r.flush();
    let mut out = String::new();
    for line in r.lines {
        let ascii_join = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && line.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_join {
            out.push(' ');
        }
        out.push_str(&line.replace('\t', " "));
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

/// Lays cells out on the table grid (see the module doc for spans; `spans` false: every cell
/// one grid cell).
fn grid(rows: &[Vec<&Node>], spans: bool, outer: &Renderer) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<Option<String>>> = Vec::new();
    for (r, cells) in rows.iter().enumerate() {
        if out.len() <= r {
            out.push(Vec::new());
        }
        let mut col = 0;
        for cell in cells {
            while out[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let (cs, rs) = if spans {
                (attr_num(cell, "colspan"), attr_num(cell, "rowspan").min(rows.len() - r))
            } else {
                (1, 1)
            };
            let text = cell_text(cell, outer);
            for dr in 0..rs {
                let row = r + dr;
                while out.len() <= row {
                    out.push(Vec::new());
                }
                if out[row].len() < col + cs {
                    out[row].resize(col + cs, None);
                }
                // A repeated text costs budget by its length too, so that long cells spanning
                // many rows cannot multiply the page.
                let cost = text.len() / 16;
                let repeat = dr == 0 || cost <= outer.span_budget.get();
                if dr > 0 && repeat {
                    outer.span_budget.set(outer.span_budget.get() - cost);
                }
                for dc in 0..cs {
                    out[row][col + dc] =
                        Some(if dc == 0 && repeat { text.clone() } else { String::new() });
                }
            }
            col += cs;
        }
    }
    out.into_iter().map(|r| r.into_iter().map(Option::unwrap_or_default).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_inline_entities_and_scripts() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><div>当前位置：首页</div>\
                    <p>收到<span>申</span><span>请</span>&nbsp;3&#49;件&amp;</p><script>var a='<p>x</p>';</script><p>下一段<br>换行</p></body></html>";
        assert_eq!(to_text(html), "当前位置：首页\n收到申请\u{A0}31件&\n下一段\n换行\n");
    }

    #[test]
    fn rowspan_repeats_and_colspan_leaves_empty_cells() {
        let html = "<table><tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>5</td></tr>\
                    <tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td></tr>\
                    <tr><td colspan=3>四、结转</td><td>0</td></table>";
        assert_eq!(
            to_text(html),
            "三、本年度办理结果\t（一）予以公开\t\t5\n三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t\n四、结转\t\t\t0\n"
        );
    }

    #[test]
    fn implied_end_tags_and_cells_with_paragraphs() {
        let html = "<table><tr><td><p>（二）部分公开</p><p>（区分处理的）</p><td>7<tr><td>规章<td>1</table><p>后文";
        assert_eq!(to_text(html), "（二）部分公开（区分处理的）\t7\n规章\t1\n后文\n");
    }

    #[test]
    fn layout_tables_render_as_blocks() {
        let html = "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>";
        assert_eq!(to_text(html), "标题\n规章\t1\n");
    }

    #[test]
    fn deep_nesting_is_flattened_at_the_cap_with_a_finding() {
        // Ten times the cap, of every kind of element the renderer treats apart; the test
        // thread's stack (2 MB, a debug build) holds the renderer at the cap.
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", "</li></ul>"),
            ("<pre>", "</pre>"),
            ("<b>", ""),
        ] {
            let n = MAX_DEPTH * 10;
            let html = format!("{}收到申请12件{}<p>后文</p>", open.repeat(n), close.repeat(n));
            let page = render(&html);
            assert!(
                page.text.contains("收到申请12件"),
                "{open}: {}",
                &page.text[..100.min(page.text.len())]
            );
            assert!(page.text.contains("后文"), "{open}");
            assert_eq!(page.notices.len(), 1, "{open}");
            assert_eq!(page.notices[0].id, "input.html_depth");
            assert!(page.notices[0].message.contains("512"), "{}", page.notices[0].message);
        }
        let shallow = render("<div><div><p>收到申请12件</p></div></div>");
        assert!(shallow.notices.is_empty());
    }

    #[test]
    fn spans_are_budgeted() {
        // Each cell asks for 1000 × 1000 grid cells.
        let row = "<tr><td colspan=1000 rowspan=1000>x</td><td>1</td></tr>";
        let html = format!("<table>{}</table>", row.repeat(1000)).repeat(3);
        let page = render(&html);
        assert!(page.text.len() < 50_000_000, "{} bytes", page.text.len());
        assert!(page.notices.iter().any(|n| n.id == "input.html_spans"), "{:?}", page.notices);
        // Ordinary spans are left alone.
        assert!(render(
            "<table><tr><td colspan=2>a</td></tr><tr><td>b</td><td>c</td></tr></table>"
        )
        .notices
        .is_empty());
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for h in [
            "<",
            "<p",
            "<td rowspan='99'>x",
            "</table></td>",
            "<a href=\"x>y",
            "&#xFFFFFFFF;&#;&",
            "<table><tr></tr></table>",
        ] {
            let _ = to_text(h);
        }
        assert_eq!(to_text("a < b"), "a < b\n");
    }
}
