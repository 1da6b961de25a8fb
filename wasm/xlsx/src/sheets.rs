//! Workbooks as the page lays them out, and the writer that turns them into `.xlsx` bytes.
//!
//! Takes a workbook the page laid out (JavaScript decides what goes where: the overview, the
//! indicators, each standard table in the official layout); gives the bytes of an `.xlsx` file.
//! No knowledge of reports here, only cells. The shape, as JSON:
//!
//! ```text
//! { "sheets": [ { "name": "概览",
//!                 "widths": [30, 12],                  // column widths in characters
//!                 "freeze": [1, 0],                    // rows, columns kept in view (optional)
//!                 "cells": [[0, 0, "文件", "head"], [1, 3, 2681, "num"], [2, 3, null, "bad"]],
//!                 "merges": [[0, 1, 0, 6, "申请人情况", "head"]] } ] }
//! ```
//! A cell is `[row, column, value, style]` with `value` a string, a number or null and `style`
//! one of [`STYLES`] (optional).
//!
//! Strings are written as strings (never formulas); those a spreadsheet could still take for a
//! formula when a user edits the cell ([`formula_like`]) get Excel's quote prefix, the `'` that
//! keeps them text without showing it. Numbers stay numbers (-3 is a number, not a formula).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

#[derive(Deserialize)]
pub struct Sheet {
    pub name: String,
    #[serde(default)]
    pub widths: Vec<f64>,
    #[serde(default)]
    pub freeze: Option<(u32, u16)>,
    #[serde(default)]
    pub cells: Vec<(u32, u16, Value, Option<String>)>,
    #[serde(default)]
    pub merges: Vec<(u32, u16, u32, u16, String, Option<String>)>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
    Empty(()),
}

/// The cell styles the page may ask for: (name, what it looks like).
pub const STYLES: &[(&str, &str)] = &[
    ("title", "bold, larger"),
    ("head", "bold, grey fill, thin border, centred, wrapped"),
    ("cell", "thin border"),
    ("num", "thin border, number"),
    ("bad", "thin border, red fill: a cell a check flagged"),
    ("wrap", "wrapped text"),
];

/// True for text a spreadsheet could run as a formula: a first character, after leading white
/// space, of `= + - @` or their full-width forms, or a leading tab or carriage return. (The
/// same rule as the command line's CSV, `nianbao::output::formula_like`.)
pub fn formula_like(s: &str) -> bool {
    const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
    s.starts_with(['\t', '\r']) || s.trim_start().starts_with(SIGNS)
}

/// The format of a text cell: its style, with the quote prefix when it looks like a formula.
fn text_format(style: Option<&str>, text: &str) -> Format {
    let f = format(style);
    if formula_like(text) {
        f.set_quote_prefix()
    } else {
        f
    }
}

fn format(style: Option<&str>) -> Format {
    let bordered = || Format::new().set_border(FormatBorder::Thin);
    match style.unwrap_or("") {
        "title" => Format::new().set_bold().set_font_size(14),
        "head" => bordered()
            .set_bold()
            .set_background_color(Color::RGB(0xE7E6E6))
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
        "cell" => bordered(),
        "num" => bordered().set_num_format("General"),
        "bad" => bordered()
            .set_background_color(Color::RGB(0xF8CBAD))
            .set_font_color(Color::RGB(0x9C0006)),
        "wrap" => Format::new().set_text_wrap(),
        _ => Format::new(),
    }
}

/// Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String =
        if clean.is_empty() { "Sheet".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!("({n})");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

pub fn write(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut taken = Vec::new();
    for sheet in &book.sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet_name(&sheet.name, &mut taken))?;
        for (col, width) in sheet.widths.iter().enumerate() {
            ws.set_column_width(col as u16, *width)?;
        }
        for (row, col, value, style) in &sheet.cells {
            let style = style.as_deref();
            match value {
                Value::Number(n) if n.is_finite() => {
                    ws.write_number_with_format(*row, *col, *n, &format(style))?
                }
                Value::Number(_) | Value::Empty(()) => {
                    ws.write_blank(*row, *col, &format(style))?
                }
                Value::Text(s) => {
                    ws.write_string_with_format(*row, *col, s.as_str(), &text_format(style, s))?
                }
            };
        }
        for (r1, c1, r2, c2, text, style) in &sheet.merges {
            if (r1, c1) != (r2, c2) {
                ws.merge_range(*r1, *c1, *r2, *c2, text, &text_format(style.as_deref(), text))?;
            }
        }
        if let Some((rows, cols)) = sheet.freeze {
            ws.set_freeze_panes(rows, cols)?;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel_rules() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("表格-a/b:c", &mut taken), "表格-a_b_c");
        assert_eq!(sheet_name("表格-a/b:c", &mut taken), "表格-a_b_c(2)");
        let long = "长".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        assert_eq!(sheet_name("", &mut taken), "Sheet");
    }

    #[test]
    fn formula_like_text() {
        for cell in
            ["=1+1", "+1", "-3", "@A1", "\t=1", "\r=1", "  =1", "　＝1", "＋1", "－1", "＠A1"]
        {
            assert!(formula_like(cell), "{cell:?}");
        }
        for cell in ["收到申请12件", "1-3月", "a=b", "", "3"] {
            assert!(!formula_like(cell), "{cell:?}");
        }
    }

    /// The parts of an .xlsx, by name (stored or deflated members).
    fn parts(bytes: &[u8]) -> std::collections::HashMap<String, String> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap();
                (f.name().unwrap().to_string(), s)
            })
            .collect()
    }

    #[test]
    fn text_that_looks_like_a_formula_gets_the_quote_prefix_and_numbers_stay_numbers() {
        let book: Book = serde_json::from_str(
            r#"{"sheets":[{"name":"指标",
                "cells":[[0,0,"=HYPERLINK(\"http://x\",\"y\")","cell"],[1,0,"收到申请","cell"],
                         [2,0,-3,"num"],[3,0,"－3","cell"]],
                "merges":[[4,0,4,2,"@SUM(A1)","head"]]}]}"#,
        )
        .unwrap();
        let files = parts(&write(&book).unwrap());
        let sheet = &files["xl/worksheets/sheet1.xml"];
        let styles = &files["xl/styles.xml"];
        assert!(!sheet.contains("<f>"), "no formula is written: {sheet}");
        assert!(sheet.contains("<v>-3</v>"), "-3 is a number: {sheet}");
        assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
        // The cells with a prefix use a style that has it, the plain text one does not.
        let xfs: Vec<&str> = styles
            .split("<cellXfs")
            .nth(1)
            .unwrap()
            .split("</cellXfs>")
            .next()
            .unwrap()
            .split("<xf ")
            .skip(1)
            .collect();
        let style_of = |cell: &str| -> bool {
            let at = sheet.find(&format!("r=\"{cell}\"")).unwrap();
            let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
            let s: usize =
                tag.split("s=\"").nth(1).map_or(0, |t| t[..t.find('"').unwrap()].parse().unwrap());
            xfs[s].contains("quotePrefix")
        };
        assert!(style_of("A1") && style_of("A4") && style_of("A5"));
        assert!(!style_of("A2") && !style_of("A3"));
    }

    #[test]
    fn a_workbook_with_merges_is_a_zip() {
        let book: Book = serde_json::from_str(
            r#"{"sheets":[{"name":"概览","widths":[20],"freeze":[1,0],
                "cells":[[0,0,"文件","head"],[1,0,2681,"num"],[1,1,null,"bad"]],
                "merges":[[2,0,2,3,"申请人情况","head"]]}]}"#,
        )
        .unwrap();
        let bytes = write(&book).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
