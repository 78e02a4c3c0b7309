//! Analysis speed in the browser: `make bench`. Three cases, each printing `bench case=… nines_ms=…`
//! (median, min and quartiles of 11 runs); no time is asserted, only that the figures are right:
//!
//! - availability (24 h, 7 d, 30 d, 90 d), a rolling 30-day curve and daily buckets for
//!   50 services × 90 days of one-minute samples, as the dashboard computes them after a load;
//! - the composite replay of a 20-service dependency graph over a year of incidents (building
//!   the replay, i.e. each service's own timeline, included);
//! - what the dashboard computes after loading the 50 services (`after_load`): one profile per
//!   service shared by the overview, the summary, each service's budget left and uptime bars, the
//!   first service's burn-down and curve; the timeline; the first series' probe pyramid.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[path = "support/bench_analysis_data.rs"]
mod bench_analysis_data;
#[path = "support/timing.rs"]
mod timing;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn analysis_of_50_services_over_90_days_of_minutes() {
    let generated = bench_analysis_data::snapshot();
    let samples: usize = generated.snapshot.series.iter().map(|s| s.samples.len()).sum();
    let snapshot = std::hint::black_box(&generated.snapshot);
    let times = timing::timed(
        11,
        || bench_analysis_data::analyse_all(snapshot),
        |sum| bench_analysis_data::check(&generated, sum),
    );
    console_log!(
        "bench case=analysis-50x90d-1min target=wasm samples={samples} {} target_ms=50",
        timing::spread_fields("nines", times)
    );
}

#[wasm_bindgen_test]
fn what_the_dashboard_computes_after_loading_50_services() {
    let generated = bench_analysis_data::snapshot();
    let samples: usize = generated.snapshot.series.iter().map(|s| s.samples.len()).sum();
    let snapshot = std::hint::black_box(&generated.snapshot);
    let times = timing::timed(
        11,
        || bench_analysis_data::after_load(snapshot),
        |after| bench_analysis_data::check_after_load(&generated, after),
    );
    console_log!(
        "bench case=dashboard-after-load-50x90d-1min target=wasm samples={samples} {}",
        timing::spread_fields("nines", times)
    );
}

#[wasm_bindgen_test]
fn composite_replay_of_20_services_over_a_year() {
    let snapshot = bench_analysis_data::dependency_snapshot();
    let incidents = snapshot.incidents.len();
    let graph = std::hint::black_box(&snapshot);
    let times = timing::timed(
        11,
        || bench_analysis_data::replay_all(graph),
        |composites| bench_analysis_data::check_replay(&snapshot, composites),
    );
    console_log!(
        "bench case=composite-replay-20-services-1y target=wasm incidents={incidents} {} target_ms=10",
        timing::spread_fields("nines", times)
    );
}
