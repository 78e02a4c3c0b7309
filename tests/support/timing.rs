//! Timing helpers shared by the benchmarks (natively and in the browser).

/// The median of `runs` (the upper one of an even count); `NaN` without runs.
pub fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs.get(runs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The browser's high-resolution clock, in milliseconds.
#[cfg(target_arch = "wasm32")]
#[allow(dead_code)] // the examples include this file but time with std::time natively
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
