//! Native ingest throughput: `cargo run --release --no-default-features --example bench_ingest`.
//! Prints one line per case with the median of the runs.

#[path = "../tests/support/bench_data.rs"]
mod bench_data;

use std::time::Instant;

fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let runs = 11;
    let text = bench_data::native_file(10, 1_000_000);
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let parsed = nines::ingest::parse(&text, None);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            assert!(parsed.is_ok_and(|p| p.snapshot.series.len() == 10));
            elapsed
        })
        .collect();
    let ms = median_ms(times);
    let mb = text.len() as f64 / 1e6;
    println!(
        "bench case=native-1M-samples target=native bytes={} median_ms={ms:.1} mb_per_s={:.0}",
        text.len(),
        mb / ms * 1e3
    );
}
