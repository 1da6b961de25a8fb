//! Web pages → text. (Placeholder: strips tags; the table-aware reader replaces it.)

/// Renders an HTML page as text: block elements end lines, table rows become one line with cells
/// split by tabs.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
