//! User Timing marks and measures around each stage — `nines:fetch`, `nines:parse`,
//! `nines:analyze`, `nines:draw` — so the page can be profiled from DevTools' Performance panel
//! or read with `performance.getEntriesByName("nines:draw")`. Timing never fails the page: a
//! browser without the API simply records nothing.

/// Marks the start of stage `name` (e.g. `nines:fetch`).
pub fn start(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("{name}:start"));
    }
}

/// Marks the end of stage `name` and records the measure `name` from its start.
pub fn end(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let (start, end) = (format!("{name}:start"), format!("{name}:end"));
        let _ = performance.mark(&end);
        let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
}

/// Runs `stage` between the marks of `name`.
pub fn measure<T>(name: &str, stage: impl FnOnce() -> T) -> T {
    start(name);
    let result = stage();
    end(name);
    result
}
