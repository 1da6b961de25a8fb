//! Analyses the sample reports in a loop: a target for profilers (`perf record`, callgrind).
//! `cargo run --release --example loop -- 50 tests/fixtures/seeds/*.txt`
/// The command line's allocator (src/main.rs), so that profiles show what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let files: Vec<(String, Vec<u8>)> =
        args.map(|p| (p.clone(), std::fs::read(&p).unwrap_or_default())).collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let start = std::time::Instant::now();
    let mut indicators = 0;
    for _ in 0..rounds {
        for (name, data) in &files {
            indicators += nianbao::analyze(data, name).map(|r| r.indicators.len()).unwrap_or(0);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} reports, {:.1} MB in {:.3} s: {:.1} MB/s, {:.2} ms per report ({indicators} indicators)",
        rounds * files.len(),
        (rounds * bytes) as f64 / 1e6,
        secs,
        (rounds * bytes) as f64 / 1e6 / secs,
        secs * 1e3 / (rounds * files.len()) as f64
    );
}
