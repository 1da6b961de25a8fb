//! Property test of the table reader: random tables that satisfy the form's identities, written
//! in one of the shapes reports really arrive in, read back and compared cell by cell.
//!
//! Takes nothing but the templates (`tables::template`, for the official labels); gives, per
//! shape, the share of cells recovered exactly, the share recovered but marked `guessed`, the
//! share missing, and the number of wrong cells, which must be 0 (a missing cell is better than a
//! wrong one). Run with `--nocapture` to see the figures.
//!
//! The shapes are those of issue 7 (modelled on real pages, see tests/fixtures/standard/
//! make_shapes.py): TAB rows, space-separated rows, one cell a line between `|` lines, one cell a
//! line ending in ` |`, Markdown with the labels detached from their rows, cells glued with no
//! separator (table 4 as one run), one cell a paragraph (`pdftotext` without `-layout`). Tables 2,
//! 3 and 4 of the 2021 and 2019 layouts, and the old statistics table (本年 / 累计) tabular and
//! glued.

use nianbao::tables::template::{template, Layout, RowKind, TableId};
use std::collections::BTreeMap;

/// xorshift64*: the cases are the same on every run, so a failure is reproducible by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// A count as reports have them: mostly 0, sometimes a few, rarely hundreds.
    fn count(&mut self) -> u64 {
        match self.below(100) {
            0..=59 => 0,
            60..=84 => 1 + self.below(9),
            85..=96 => 10 + self.below(90),
            _ => 100 + self.below(900),
        }
    }
}

/// One row as written: the labels before its cells (merged group headers the first time they
/// appear, then its own label) and its cells.
struct Row {
    labels: Vec<String>,
    cells: Vec<String>,
}

/// One table block as written: the lines above it, its column headers, its rows.
struct Block {
    heading: Vec<String>,
    header: Vec<String>,
    rows: Vec<Row>,
    /// Table 4: the rows are column groups of one line of fifteen figures.
    one_line: bool,
}

/// What the reader must give: (table, row key, column) → the figure.
type Expected = BTreeMap<(String, String, String), f64>;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Tabs,
    Spaces,
    PipeLines,
    PipeEnds,
    Markdown,
    Glued,
    /// Glued, and every row on one line (the old 统计表: `…条3861420其中：1.网站公开条3801398…`).
    GluedLine,
    Paragraphs,
}

const SHAPES: &[Shape] = &[
    Shape::Tabs,
    Shape::Spaces,
    Shape::PipeLines,
    Shape::PipeEnds,
    Shape::Markdown,
    Shape::Glued,
    Shape::Paragraphs,
];

fn put(exp: &mut Expected, table: TableId, key: &str, column: &str, v: f64) {
    exp.insert((table.id().to_string(), key.to_string(), column.to_string()), v);
}

/// Table 2 of a layout, as its blocks (第二十条第（一）项 …), with values.
fn table2(rng: &mut Rng, layout: Layout, exp: &mut Expected) -> Vec<Block> {
    let t = template(TableId::Table2, layout).expect("table 2");
    let items =
        ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"];
    let mut blocks: Vec<Block> = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        // The 2021 form: 规章 + 规范性文件 | 许可 | 处罚 + 强制 | 收费; rows of the same columns
        // share a block.
        let same = i > 0 && std::ptr::eq(t.rows[i - 1].columns, row.columns);
        if !same || blocks.is_empty() {
            let heading = items.get(blocks.len()).map(|s| s.to_string()).into_iter().collect();
            let mut header = vec![t.corner.to_string()];
            header.extend(row.columns.iter().map(|c| c.header.last().unwrap_or(&"").to_string()));
            blocks.push(Block { heading, header, rows: Vec::new(), one_line: false });
        }
        let key = row.key.expect("table 2 rows have keys");
        let mut cells = Vec::new();
        let issued = rng.count();
        for c in row.columns {
            let v = match c.id {
                // 现行有效 holds this year's new ones (the usual case the reader ranks by).
                "in_force" | "total_public" => issued + rng.count(),
                "issued" | "new_made" => issued,
                // Money: whole 万元 (a decimal point is a separator of its own).
                "amount" => rng.count() / 10,
                // 本年增/减 may be negative.
                "change" => {
                    let v = rng.count();
                    if v > 0 && rng.chance(30) {
                        cells.push(format!("-{v}"));
                        put(exp, TableId::Table2, key, c.id, -(v as f64));
                        continue;
                    }
                    v
                }
                _ => rng.count(),
            };
            cells.push(v.to_string());
            put(exp, TableId::Table2, key, c.id, v as f64);
        }
        blocks
            .last_mut()
            .expect("a block")
            .rows
            .push(Row { labels: vec![row.label.to_string()], cells });
    }
    blocks
}

/// Table 3 of a layout, with values satisfying every identity of the form.
fn table3(rng: &mut Rng, layout: Layout, exp: &mut Expected) -> Block {
    let t = template(TableId::Table3, layout).expect("table 3");
    let rows: Vec<_> = t.rows.iter().filter(|r| r.kind == RowKind::Official).collect();
    let n = 6;
    let mut values: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    // Most requests come from natural persons; organisations are rarer.
    let weight =
        |rng: &mut Rng, col: usize| if col == 0 || rng.chance(15) { rng.count() } else { 0 };
    let mut total = vec![0; n];
    for r in &rows {
        let key = r.key.expect("key");
        if key.starts_with("apply.result.") && key != "apply.result.total" {
            let v: Vec<u64> =
                (0..n).map(|c| if rng.chance(40) { weight(rng, c) } else { 0 }).collect();
            for c in 0..n {
                total[c] += v[c];
            }
            values.insert(key, v);
        }
    }
    let out: Vec<u64> = (0..n).map(|c| if rng.chance(30) { weight(rng, c) } else { 0 }).collect();
    let carried_in: Vec<u64> =
        (0..n).map(|c| if rng.chance(30) { rng.below(total[c] + out[c] + 1) } else { 0 }).collect();
    let received: Vec<u64> = (0..n).map(|c| total[c] + out[c] - carried_in[c]).collect();
    values.insert("apply.result.total", total);
    values.insert("apply.carried_out", out);
    values.insert("apply.carried_in", carried_in);
    values.insert("apply.received", received);
    let mut header = vec![t.corner.to_string()];
    header.extend(
        [
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .map(String::from),
    );
    let mut shown: Vec<&str> = Vec::new();
    let mut out_rows = Vec::new();
    for r in rows {
        let key = r.key.expect("key");
        let v = &values[key];
        let sum: u64 = v.iter().sum();
        let mut cells: Vec<String> = v.iter().map(u64::to_string).collect();
        cells.push(sum.to_string());
        for (c, col) in t.rows[0].columns.iter().enumerate() {
            let x = if c < n { v[c] } else { sum };
            put(exp, TableId::Table3, key, col.id, x as f64);
        }
        let mut labels: Vec<String> = Vec::new();
        for g in r.groups {
            if !shown.contains(g) {
                shown.push(g);
                labels.push(g.to_string());
            }
        }
        labels.push(r.label.to_string());
        out_rows.push(Row { labels, cells });
    }
    Block { heading: Vec::new(), header, rows: out_rows, one_line: false }
}

/// Table 4: three groups of five, each group's 总计 the sum of its four.
fn table4(rng: &mut Rng, layout: Layout, exp: &mut Expected) -> Block {
    let t = template(TableId::Table4, layout).expect("table 4");
    let mut rows = Vec::new();
    for r in t.rows {
        let key = r.key.expect("key");
        let four: Vec<u64> =
            (0..4).map(|_| if rng.chance(25) { rng.count() % 20 } else { 0 }).collect();
        let mut cells: Vec<String> = four.iter().map(u64::to_string).collect();
        cells.push(four.iter().sum::<u64>().to_string());
        for (c, col) in r.columns.iter().enumerate() {
            put(exp, TableId::Table4, key, col.id, cells[c].parse().expect("digits"));
        }
        rows.push(Row { labels: vec![r.label.to_string()], cells });
    }
    let mut header = vec!["行政复议".to_string(), "行政诉讼".to_string()];
    header.extend(["未经复议直接起诉", "复议后起诉"].map(String::from));
    for _ in 0..3 {
        header.extend(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map(String::from));
    }
    Block { heading: Vec::new(), header, rows, one_line: true }
}

/// The old statistics table (指标名称 / 计量单位 / 本年 / 累计): a few of its rows, 累计 ≥ 本年,
/// sub-items within their totals.
fn stats(rng: &mut Rng, exp: &mut Expected) -> Block {
    let t = template(TableId::Stats, Layout::Stats2008).expect("stats");
    // Each row: this year's figure and the running total; sub-items add up to their total in
    // both columns (the 统计表's identities), and 累计 ≥ 本年.
    let mut rows = Vec::new();
    let pick = |label: &str| t.rows.iter().find(|r| r.label == label).and_then(|r| r.key);
    let mut add = |label: &str, written: &str, unit: &str, (year, cum): (u64, u64)| {
        if let Some(key) = pick(label) {
            put(exp, TableId::Stats, key, "this_year", year as f64);
            put(exp, TableId::Stats, key, "cumulative", cum as f64);
        }
        rows.push(Row {
            labels: vec![written.to_string(), unit.to_string()],
            cells: vec![year.to_string(), cum.to_string()],
        });
    };
    let pair = |rng: &mut Rng| {
        let y = rng.count();
        (y, y + if rng.chance(80) { rng.count() * 3 } else { 0 })
    };
    let sum = |ps: &[(u64, u64)]| ps.iter().fold((0, 0), |a, p| (a.0 + p.0, a.1 + p.1));
    let (web, gazette, other) = (pair(rng), pair(rng), pair(rng));
    // (`other` stands for what the rows below give, the unknown row's too.)
    add("主动公开政府信息数", "主动公开信息数", "条", sum(&[web, gazette, other]));
    add("政府网站公开政府信息数", "其中：1.网站公开", "条", web);
    add("政府公报公开政府信息数", "2.政府公报", "条", gazette);
    if rng.chance(50) {
        // A row the template does not know: its figures are nobody's (they must not push the
        // rows below one down).
        add("", "3.村务公开栏", "条", pair(rng));
    }
    let channels = [pair(rng), pair(rng), pair(rng)];
    let received = sum(&channels);
    add("收到申请数", "收到申请数", "件", received);
    add("当面申请数", "其中：1.当面申请", "件", channels[0]);
    add("网络申请数", "2.网络申请", "件", channels[1]);
    add("信函申请数", "3.信函申请", "件", channels[2]);
    let results = [pair(rng), (0, rng.count() % 5), pair(rng)];
    add("申请答复数", "申请答复数", "件", sum(&results));
    add("同意公开答复数", "其中：1.同意公开", "件", results[0]);
    add("同意部分公开答复数", "2.同意部分公开", "件", results[1]);
    add("不同意公开答复数", "3.不同意公开", "件", results[2]);
    if rng.chance(50) {
        let consult = [pair(rng), pair(rng), pair(rng)];
        add("政府信息公开咨询数", "接受咨询数", "人次", sum(&consult));
        add("现场咨询数", "其中：1.现场咨询", "人次", consult[0]);
        add("电话咨询数", "2.电话咨询", "人次", consult[1]);
        add("网上咨询数", "3.网上咨询", "人次", consult[2]);
    }
    let review = (rng.count() % 3, rng.count() % 3);
    let suits = (rng.count() % 3, rng.count() % 3);
    add("行政复议数量", "行政复议数", "件", (review.0, review.0 + review.1));
    add("行政诉讼数量", "行政诉讼数", "件", (suits.0, suits.0 + suits.1));
    let mut header = vec!["指标名称", "计量单位", "本年", "累计"];
    header.truncate(4);
    Block {
        heading: vec!["附表：政府信息公开情况统计表".to_string()],
        header: header.into_iter().map(String::from).collect(),
        rows,
        one_line: false,
    }
}

/// Breaks a label into pieces of a few characters (a narrow column wraps it).
fn wrap(rng: &mut Rng, label: &str) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() <= 8 || rng.chance(50) {
        return vec![label.to_string()];
    }
    let width = 6 + rng.below(6) as usize;
    chars.chunks(width).map(|c| c.iter().collect()).collect()
}

fn render(rng: &mut Rng, shape: Shape, block: &Block, out: &mut Vec<String>) {
    out.extend(block.heading.iter().cloned());
    match shape {
        Shape::Tabs | Shape::Spaces => {
            let sep = if shape == Shape::Tabs { "\t" } else { " " };
            out.push(block.header.join(sep));
            if block.one_line {
                let cells: Vec<String> = block.rows.iter().flat_map(|r| r.cells.clone()).collect();
                out.push(cells.join(sep));
            } else {
                for r in &block.rows {
                    let mut f = r.labels.clone();
                    f.extend(r.cells.iter().cloned());
                    out.push(f.join(sep));
                }
            }
        }
        Shape::PipeLines | Shape::PipeEnds | Shape::Paragraphs => {
            let line = |out: &mut Vec<String>, s: &str| match shape {
                Shape::PipeLines => {
                    out.push(s.to_string());
                    out.push("|".to_string());
                }
                Shape::PipeEnds => out.push(format!("{s} |")),
                _ => {
                    out.push(s.to_string());
                    out.push(String::new());
                }
            };
            if shape == Shape::PipeEnds {
                out.push("|".to_string());
            }
            for h in &block.header {
                line(out, h);
            }
            for (i, r) in block.rows.iter().enumerate() {
                // A lone `|` opens each row of the form (table 4's one line once).
                if shape == Shape::PipeEnds && (i == 0 || !block.one_line) {
                    out.push("|".to_string());
                }
                if !block.one_line {
                    for l in &r.labels {
                        for piece in wrap(rng, l) {
                            line(out, &piece);
                        }
                    }
                }
                for c in &r.cells {
                    line(out, c);
                }
            }
        }
        Shape::Markdown => {
            if !block.one_line {
                for r in &block.rows {
                    out.extend(r.labels.iter().cloned());
                }
            }
            let width = block.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
                * if block.one_line { block.rows.len() } else { 1 };
            let heads: Vec<&String> =
                block.header.iter().skip(block.header.len().saturating_sub(width)).collect();
            out.push(format!(
                "| {} |",
                heads.iter().map(|h| format!("**{h}**")).collect::<Vec<_>>().join(" | ")
            ));
            out.push(format!("|{}", "---|".repeat(width)));
            if block.one_line {
                let cells: Vec<String> = block.rows.iter().flat_map(|r| r.cells.clone()).collect();
                out.push(format!("| {} |", cells.join(" | ")));
            } else {
                for r in &block.rows {
                    out.push(format!("| {} |", r.cells.join(" | ")));
                }
            }
        }
        Shape::GluedLine => {
            out.push(block.header.concat());
            out.push(
                block
                    .rows
                    .iter()
                    .map(|r| format!("{}{}", r.labels.concat(), r.cells.concat()))
                    .collect(),
            );
        }
        Shape::Glued => {
            if block.one_line {
                let cells: String = block.rows.iter().flat_map(|r| r.cells.clone()).collect();
                out.push(format!("{}{cells}", block.header.concat()));
            } else {
                out.push(block.header.concat());
                for r in &block.rows {
                    out.push(format!("{}{}", r.labels.concat(), r.cells.concat()));
                }
            }
        }
    }
}

/// A standard report of a layout in one shape, and the cells it must give.
fn standard_report(rng: &mut Rng, layout: Layout, shape: Shape) -> (String, Expected) {
    let year = if layout == Layout::Y2021 { 2021 + rng.below(4) } else { 2019 + rng.below(2) };
    let mut exp = Expected::new();
    let mut out = vec![
        format!("青石镇人民政府{year}年政府信息公开工作年度报告"),
        format!("本报告由青石镇人民政府办公室编制。报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
        "一、总体情况".to_string(),
        "本年度，我镇认真贯彻落实《条例》，持续深化政务公开。".to_string(),
        "二、主动公开政府信息情况".to_string(),
    ];
    for b in table2(rng, layout, &mut exp) {
        render(rng, shape, &b, &mut out);
    }
    out.push("三、收到和处理政府信息公开申请情况".to_string());
    let t3 = table3(rng, layout, &mut exp);
    render(rng, shape, &t3, &mut out);
    out.push("四、政府信息公开行政复议、行政诉讼情况".to_string());
    let t4 = table4(rng, layout, &mut exp);
    render(rng, shape, &t4, &mut out);
    out.extend(
        [
            "五、存在的主要问题及改进情况",
            "政策解读的形式还不够丰富。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
        ]
        .map(String::from),
    );
    (out.join("\n"), exp)
}

/// A legacy report with its statistics table in one shape (tabs, spaces or glued).
fn legacy_report(rng: &mut Rng, shape: Shape) -> (String, Expected) {
    let year = 2008 + rng.below(6);
    let mut exp = Expected::new();
    let mut out = vec![
        format!("凤岭镇人民政府{year}年政府信息公开工作年度报告"),
        format!("本年度报告由凤岭镇人民政府办公室编制。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
        "一、概述".to_string(),
        "本年度，我镇认真贯彻落实《条例》，具体数据见下表。".to_string(),
    ];
    let st = stats(rng, &mut exp);
    render(rng, shape, &st, &mut out);
    out.extend(
        ["二、存在的主要问题及改进措施", "下一步将进一步规范信息发布流程。"].map(String::from),
    );
    (out.join("\n"), exp)
}

#[derive(Default, Debug)]
struct Tally {
    reports: usize,
    cells: usize,
    exact: usize,
    guessed: usize,
    missing: usize,
    /// Cells given as read (not marked guessed) with a value other than the table's.
    wrong: usize,
    /// Cells marked guessed with a value other than the table's.
    wrong_guessed: usize,
    /// The first few wrong cells, with the text that gave them.
    examples: Vec<String>,
}

fn read_back(text: &str, exp: &Expected, tally: &mut Tally) {
    let wrong_before = tally.wrong + tally.wrong_guessed;
    let r = nianbao::analyze_text(text, "x.txt");
    let mut got: BTreeMap<(String, String, String), (f64, bool)> = BTreeMap::new();
    for t in &r.tables {
        for row in &t.rows {
            let Some(key) = &row.key else { continue };
            for c in &row.cells {
                let v = c.raw.trim().parse::<f64>().ok().or(c.value);
                // The one-figure layout's figure is the year's.
                let column = if c.column == "count" { "this_year" } else { c.column.as_str() };
                if let Some(v) = v {
                    got.insert((t.id.clone(), key.clone(), column.to_string()), (v, c.guessed));
                }
            }
        }
    }
    tally.reports += 1;
    let mut notes = Vec::new();
    for (k, &want) in exp {
        tally.cells += 1;
        match got.get(k) {
            Some(&(v, guessed)) if v == want => {
                if guessed {
                    tally.guessed += 1
                } else {
                    tally.exact += 1
                }
            }
            Some(&(v, guessed)) => {
                if guessed {
                    tally.wrong_guessed += 1;
                } else {
                    tally.wrong += 1;
                }
                notes.push(format!(
                    "wrong {k:?}: want {want}, got {v}{}",
                    if guessed { " (guessed)" } else { "" }
                ));
            }
            None => tally.missing += 1,
        }
    }
    // Missing cells are listed too when the case is written out (NIANBAO_PROPERTY_DUMP).
    let missing: Vec<String> = exp
        .iter()
        .filter(|(k, _)| !got.contains_key(*k))
        .map(|(k, v)| format!("missing {k:?} {v}"))
        .collect();
    // A cell of a row the table does not have is wrong too.
    for (k, (v, _)) in &got {
        if !exp.contains_key(k) {
            tally.wrong += 1;
            notes.push(format!("wrong {k:?}: not in the table, got {v}"));
        }
    }
    let all = std::env::var("NIANBAO_PROPERTY_DUMP_MISSING").is_ok() && !missing.is_empty();
    if tally.wrong + tally.wrong_guessed > wrong_before || all {
        if tally.examples.len() < 2 {
            tally.examples.push(format!("{}\n{text}", notes.join("\n")));
        }
        notes.extend(missing);
        dump(text, &notes);
    }
}

/// Writes a case with wrong cells to the directory NIANBAO_PROPERTY_DUMP names, if any (for
/// `cargo run --example tabdebug`).
fn dump(text: &str, notes: &[String]) {
    if let Ok(dir) = std::env::var("NIANBAO_PROPERTY_DUMP") {
        let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        let _ = std::fs::write(format!("{dir}/case-{n:04}.txt"), text);
        let _ = std::fs::write(format!("{dir}/case-{n:04}.notes"), notes.join("\n"));
    }
}

fn share(n: usize, of: usize) -> f64 {
    n as f64 / of.max(1) as f64
}

#[test]
fn random_tables_in_every_shape_read_back_without_a_wrong_cell() {
    let cases: u64 =
        std::env::var("NIANBAO_PROPERTY_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(600);
    let mut by_shape: BTreeMap<String, Tally> = BTreeMap::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..cases {
        let shape = SHAPES[rng.below(SHAPES.len() as u64) as usize];
        let pick = rng.below(5);
        let (name, (text, exp)) = match pick {
            0 | 1 => (format!("2021 {shape:?}"), standard_report(&mut rng, Layout::Y2021, shape)),
            2 => (format!("2019 {shape:?}"), standard_report(&mut rng, Layout::Y2019, shape)),
            _ => {
                let shape = [Shape::Tabs, Shape::Spaces, Shape::Glued, Shape::GluedLine]
                    [rng.below(4) as usize];
                (format!("统计表 {shape:?}"), legacy_report(&mut rng, shape))
            }
        };
        read_back(&text, &exp, by_shape.entry(name).or_default());
    }
    let mut all = Tally::default();
    let line = |name: &str, t: &Tally| {
        eprintln!(
            "{name:<16} {:>7} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>8}",
            t.reports,
            t.cells,
            share(t.exact, t.cells),
            share(t.guessed, t.cells),
            share(t.missing, t.cells),
            t.wrong,
            t.wrong_guessed
        )
    };
    eprintln!(
        "{:<16} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>8}",
        "shape", "reports", "cells", "exact", "guessed", "missing", "wrong", "wrong(g)"
    );
    for (name, t) in &by_shape {
        line(name, t);
        all.reports += t.reports;
        all.cells += t.cells;
        all.exact += t.exact;
        all.guessed += t.guessed;
        all.missing += t.missing;
        all.wrong += t.wrong;
        all.wrong_guessed += t.wrong_guessed;
    }
    line("all", &all);
    let examples: Vec<&String> = by_shape.values().flat_map(|t| &t.examples).take(2).collect();
    assert_eq!(all.wrong, 0, "wrong cells; first: {examples:#?}");
}
