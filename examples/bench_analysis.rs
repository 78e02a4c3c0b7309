//! Native analysis speed: `cargo run --release --no-default-features --example bench_analysis`.
//! Availability (24 h, 7 d, 30 d, 90 d), a rolling 30-day curve and daily buckets for 50 services
//! × 90 days of one-minute samples, then the composite replay of a 20-service dependency graph
//! over a year of incidents, and what the dashboard computes after loading the 50 services
//! (`bench_analysis_data::after_load`); prints the median, min and quartiles of 11 runs of each.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

#[path = "../tests/support/bench_analysis_data.rs"]
mod bench_analysis_data;
#[path = "../tests/support/timing.rs"]
mod timing;

fn main() {
    let generated = bench_analysis_data::snapshot();
    let snapshot = std::hint::black_box(&generated.snapshot);
    let samples: usize = generated.snapshot.series.iter().map(|s| s.samples.len()).sum();
    let runs = 11;
    let times = timing::timed(
        runs,
        || bench_analysis_data::analyse_all(snapshot),
        |sum| bench_analysis_data::check(&generated, sum),
    );
    println!(
        "bench case=analysis-50x90d-1min target=native samples={samples} {} target_ms=50",
        timing::spread_fields("native", times)
    );
    let times = timing::timed(
        runs,
        || bench_analysis_data::after_load(snapshot),
        |after| bench_analysis_data::check_after_load(&generated, after),
    );
    println!(
        "bench case=dashboard-after-load-50x90d-1min target=native samples={samples} {}",
        timing::spread_fields("native", times)
    );

    let snapshot = bench_analysis_data::dependency_snapshot();
    let incidents = snapshot.incidents.len();
    let graph = std::hint::black_box(&snapshot);
    let times = timing::timed(
        runs,
        || bench_analysis_data::replay_all(graph),
        |composites| bench_analysis_data::check_replay(&snapshot, composites),
    );
    println!(
        "bench case=composite-replay-20-services-1y target=native incidents={incidents} {} target_ms=10",
        timing::spread_fields("native", times)
    );
}
