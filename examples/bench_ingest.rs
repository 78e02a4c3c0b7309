//! Native ingest throughput: `cargo run --release --no-default-features --example bench_ingest`.
//! Prints one line per case with the median of the runs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

#[path = "../tests/support/bench_data.rs"]
mod bench_data;
#[path = "../tests/support/timing.rs"]
mod timing;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

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
    let ms = timing::median_ms(times);
    let mb = text.len() as f64 / 1e6;
    println!(
        "bench case={case} target=native bytes={} median_ms={ms:.1} mb_per_s={:.0}",
        text.len(),
        mb / ms * 1e3
    );
}

/// Counts live heap bytes and their peak, so that a parse's memory is measured exactly.
struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
#[allow(unsafe_code)] // counting allocations is the point of this benchmark
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK_BYTES.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live =
                LIVE_BYTES.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            PEAK_BYTES.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE_BYTES.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The most heap one parse of `text` holds at once beyond what was live before it (the text
/// itself is already there), against the bytes of the text.
fn peak_memory(case: &str, text: &str) {
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    PEAK_BYTES.store(before, Ordering::Relaxed);
    let parsed = nines::ingest::parse(text, None);
    let peak = PEAK_BYTES.load(Ordering::Relaxed) - before;
    let kept = parsed.map(|p| p.snapshot.series.iter().map(|s| s.samples.len()).sum::<usize>()).unwrap_or(0);
    println!(
        "bench case={case} target=native input_bytes={} samples={kept} peak_heap_bytes={peak} ratio_to_input={:.3}",
        text.len(),
        peak as f64 / text.len() as f64
    );
}

/// What the samples of `text` hold: the shares of up, down, partly up and no data, and how many
/// have a response time.
fn shares(case: &str, text: &str) {
    let parsed = nines::ingest::parse(text, None).expect("parses");
    let (mut counts, mut total, mut timed) = ([0usize; 4], 0, 0);
    for series in &parsed.snapshot.series {
        for v in series.samples.up_ratio() {
            let kind = if v.is_nan() {
                3
            } else if *v == 1.0 {
                0
            } else if *v == 0.0 {
                1
            } else {
                2
            };
            counts[kind] += 1;
            total += 1;
        }
        timed += series.latency_ms.iter().filter(|l| !l.is_nan()).count();
    }
    let share = |n: usize| n as f64 / total.max(1) as f64;
    println!(
        "bench case={case} target=native up={:.4} down={:.4} partial={:.4} no_data={:.4} with_latency={:.4}",
        share(counts[0]),
        share(counts[1]),
        share(counts[2]),
        share(counts[3]),
        share(timed)
    );
}

fn main() {
    let native_1m = bench_data::native_file(10, 1_000_000);
    shares("native-1M-samples", &native_1m);
    peak_memory("native-1M-samples", &native_1m);
    bench("native-1M-samples", &native_1m, |p| p.snapshot.series.len() == 10);
    bench("prometheus-1M-points", &bench_data::prometheus_range(10, 1_000_000), |p| {
        p.snapshot.series.len() == 10
    });
    bench("statuspage-1000-incidents", &bench_data::statuspage_incidents(1000), |p| {
        p.snapshot.incidents.len() == 1000
    });
}
