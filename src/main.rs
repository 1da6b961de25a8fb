//! The `nianbao` command line. (Placeholder.)
fn main() {
    for path in std::env::args().skip(2) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match nianbao::analyze(&bytes, &path) {
            Ok(r) => println!("{}", nianbao::output::json(&r)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
