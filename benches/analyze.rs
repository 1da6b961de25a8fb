//! Throughput of [`nianbao::analyze`] (decode → … → checks) on the seed reports of
//! `tests/fixtures/seeds/`, each alone and all five concatenated, in bytes per second.
//!
//! `cargo bench --bench analyze -- --warm-up-time 1 --measurement-time 3`
//!
//! Criterion prints its own statistics; at the end this bench reads back the median time of each
//! input from Criterion's estimates and prints one table in MB/s (10⁶ bytes per second, one core).

use criterion::{Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The command line's allocator (src/main.rs), so that the bench measures what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const GROUP: &str = "analyze";

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy();
            let id = format!("seed{}", name.split('_').next().unwrap_or(&name));
            (id, std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect();
    let all: Vec<u8> = inputs.iter().flat_map(|(_, b)| b.iter().copied().chain(*b"\n\n")).collect();
    inputs.push((format!("all{}", files.len()), all));
    inputs
}

fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

/// Median nanoseconds per iteration from Criterion's `estimates.json`.
fn median_ns(id: &str) -> Option<f64> {
    let path = output_dir().join(GROUP).join(id).join("new").join("estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs each benchmark once in test mode: no summary then.
    let test_mode = args.iter().any(|a| a == "--test" || a == "--list");
    let mut c = Criterion::default().output_directory(&output_dir()).configure_from_args();
    let inputs = inputs();
    {
        let mut group = c.benchmark_group(GROUP);
        for (id, bytes) in &inputs {
            // Refuse to time a failing analysis.
            nianbao::analyze(bytes, "bench.txt").unwrap_or_else(|e| panic!("{id}: {e:?}"));
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function(id.as_str(), |b| {
                b.iter(|| nianbao::analyze(black_box(bytes), "bench.txt"))
            });
        }
        group.finish();
    }
    c.final_summary();
    if test_mode {
        return;
    }
    println!();
    println!("{:<10} {:>10} {:>12} {:>10}", "input", "bytes", "median", "MB/s");
    let mut rates = Vec::new();
    for (id, bytes) in &inputs {
        match median_ns(id) {
            Some(ns) => {
                let mbs = bytes.len() as f64 / ns * 1e3;
                rates.push((id.clone(), mbs));
                println!("{:<10} {:>10} {:>9.3} ms {:>10.1}", id, bytes.len(), ns / 1e6, mbs);
            }
            None => println!("{:<10} {:>10} {:>12} {:>10}", id, bytes.len(), "(filtered)", "-"),
        }
    }
    let mut per_seed: Vec<f64> =
        rates.iter().filter(|(id, _)| id.starts_with("seed")).map(|(_, r)| *r).collect();
    per_seed.sort_by(f64::total_cmp);
    if !per_seed.is_empty() {
        let mid = per_seed.len() / 2;
        let median = if per_seed.len() % 2 == 1 {
            per_seed[mid]
        } else {
            (per_seed[mid - 1] + per_seed[mid]) / 2.0
        };
        println!("median over the seeds: {median:.1} MB/s per core (target ≥ 50 MB/s, issue 8)");
    }
    if let Some((id, r)) = rates.iter().find(|(id, _)| id.starts_with("all")) {
        println!("{id} concatenated: {r:.1} MB/s per core");
    }
}
