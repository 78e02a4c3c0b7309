//! Timing helpers shared by the benchmarks (natively and in the browser).

/// The median of `runs` (the upper one of an even count); `NaN` without runs.
#[allow(dead_code)] // not every benchmark prints a median alone
pub fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// `{name}_ms=<median> {name}_min_ms=<min> {name}_iqr_ms=<p25>-<p75>` of `runs`, for a `bench`
/// line (quartiles by nearest rank).
#[allow(dead_code)] // not every benchmark prints a spread
pub fn spread_fields(name: &str, mut runs: Vec<f64>) -> String {
    runs.sort_by(f64::total_cmp);
    let rank = |q: f64| runs.get(((runs.len().saturating_sub(1)) as f64 * q).round() as usize).copied();
    let at = |q: f64| rank(q).unwrap_or(f64::NAN);
    format!(
        "{name}_ms={:.1} {name}_min_ms={:.1} {name}_iqr_ms={:.1}-{:.1}",
        at(0.5),
        at(0.0),
        at(0.25),
        at(0.75)
    )
}

/// The browser's high-resolution clock, in milliseconds.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A monotonic clock, in milliseconds since its first reading.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1e3
}

/// The times (ms) of `runs` calls of `work`; each result goes to `check`, untimed.
#[allow(dead_code)] // not every benchmark times this way
pub fn timed<T>(runs: usize, mut work: impl FnMut() -> T, mut check: impl FnMut(&T)) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = now_ms();
            let result = std::hint::black_box(work());
            let elapsed = now_ms() - start;
            check(&result);
            elapsed
        })
        .collect()
}
