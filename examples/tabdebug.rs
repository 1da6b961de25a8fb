//! Debug helper: prints the table regions, tokens and tables of a file.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let bytes = std::fs::read(&path).expect("read");
    let r = nianbao::analyze(&bytes, &path).expect("analyze");
    let norm = nianbao::normalize::normalize(&r.text);
    for reg in nianbao::tables::regions(&norm) {
        println!("== {:?} {}..{}", reg.table, reg.from, reg.to);
        if std::env::var("TOKS").is_ok() {
            for t in nianbao::tables::debug_tokens(&norm, &reg) {
                println!("   {t}");
            }
        }
    }
    for t in &r.tables {
        println!("## {} {}", t.id, t.layout);
        for row in &t.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| {
                    format!(
                        "{}{}",
                        if c.raw.is_empty() { "_" } else { &c.raw },
                        if c.guessed { "?" } else { "" }
                    )
                })
                .collect();
            println!("  {:<40} {}", row.key.clone().unwrap_or_default(), cells.join(" "));
        }
    }
    for f in r
        .findings
        .iter()
        .filter(|f| f.id.starts_with("table") && f.severity != nianbao::model::Severity::Ok)
    {
        println!("!! {} {}", f.id, f.message);
    }
}
