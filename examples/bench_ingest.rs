//! Native ingest throughput: `cargo run --release --no-default-features --example bench_ingest`.
//! Prints one line per case with the median of the runs.

#[path = "../tests/support/bench_data.rs"]
mod bench_data;

use std::time::Instant;

fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn bench(case: &str, text: &str, check: impl Fn(&nines::ingest::Parsed) -> bool) {
    let runs = 11;
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let parsed = nines::ingest::parse(text, None);
            let elapsed = start.elapsed().as_secs_f64() * 1e3;
            assert!(parsed.as_ref().is_ok_and(&check), "{case}: unexpected result");
            elapsed
        })
        .collect();
    let ms = median_ms(times);
    let mb = text.len() as f64 / 1e6;
    println!(
        "bench case={case} target=native bytes={} median_ms={ms:.1} mb_per_s={:.0}",
        text.len(),
        mb / ms * 1e3
    );
}

/// A `/proc/self/status` field in kB (Linux), e.g. `VmHWM` (peak resident) or `VmRSS`.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// How far one parse of `text` raises the peak resident memory above what the process holds
/// before it, against the bytes of the text. Run first, while the peak is still the baseline.
fn peak_memory(case: &str, text: &str) {
    let (Some(before_kb), Some(peak_before_kb)) = (status_kb("VmRSS"), status_kb("VmHWM")) else {
        println!("bench case={case} peak memory: /proc/self/status not available");
        return;
    };
    let parsed = nines::ingest::parse(text, None);
    let peak_kb = status_kb("VmHWM").unwrap_or(0).max(peak_before_kb);
    let growth_bytes = peak_kb.saturating_sub(before_kb) * 1024;
    let kept = parsed.map(|p| p.snapshot.series.iter().map(|s| s.samples.len()).sum::<usize>()).unwrap_or(0);
    println!(
        "bench case={case} target=native input_bytes={} samples={kept} peak_growth_bytes={growth_bytes} ratio_to_input={:.2}",
        text.len(),
        growth_bytes as f64 / text.len() as f64
    );
}

fn main() {
    let native_1m = bench_data::native_file(10, 1_000_000);
    peak_memory("native-1M-samples", &native_1m);
    bench("native-1M-samples", &native_1m, |p| p.snapshot.series.len() == 10);
    bench("statuspage-1000-incidents", &bench_data::statuspage_incidents(1000), |p| {
        p.snapshot.incidents.len() == 1000
    });
}
