//! Native history merge speed: `cargo run --release --no-default-features --example bench_history`.
//! A 5-year collected history (10,000 incidents; 50 probes × one-minute samples over 90 days):
//! the collector's pure work in one run (shards joined, a run merged in, shards and index made
//! again), and the merge of one run alone; prints the median, min and quartiles of 11 runs of each.
//!
//! With `--write DIR`, writes that history as a collected folder instead (as `nines collect`
//! lays it out), for `make bench-first-chart` to open.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

#[path = "../tests/support/bench_history_data.rs"]
mod bench_history_data;
#[path = "../tests/support/collected_folder.rs"]
mod collected_folder;
#[path = "../tests/support/timing.rs"]
mod timing;

use std::time::Instant;

use nines::history::{layout, merge};

fn main() {
    let history = bench_history_data::history();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice() {
        assert_eq!(flag, "--write", "usage: bench_history [--write DIR]");
        collected_folder::write_collected(&history, std::path::Path::new(dir)).unwrap();
        return;
    }
    let run = bench_history_data::run();
    let shards: Vec<_> = layout::shards(&history).into_iter().map(|(_, s)| s).collect();
    let samples: usize = history.series.iter().map(|s| s.samples.len()).sum();
    let runs = 11;

    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let (shards, run) = (shards.clone(), run.clone());
            let start = Instant::now();
            let (merged, new_shards, index) =
                bench_history_data::collect_run(std::hint::black_box(shards), run);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            bench_history_data::check(&merged, &new_shards, &index);
            elapsed
        })
        .collect();
    println!(
        "bench case=collect-run-5y-10k-incidents-50x90d-1min target=native incidents={} samples={samples} shards={} {} target_ms=1000",
        history.incidents.len(),
        shards.len(),
        timing::spread_fields("native", times)
    );

    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let (mut target, run) = (history.clone(), run.clone());
            let start = Instant::now();
            merge(std::hint::black_box(&mut target), run);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            assert_eq!(target.incidents.len(), history.incidents.len() + 25);
            elapsed
        })
        .collect();
    println!(
        "bench case=merge-run-into-5y target=native incidents={} samples={samples} {} target_ms=1000",
        history.incidents.len(),
        timing::spread_fields("native", times)
    );
}
