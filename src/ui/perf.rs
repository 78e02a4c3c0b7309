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

/// Runs `then` once what the page shows now has been drawn and painted: after the next frame
/// (whose callbacks draw the charts just mounted), the one after it, and a task. Work that can
/// wait (more panels, more data, the browser's copy) starts there rather than delay the first
/// chart. A hidden tab draws no frames: there it runs once the tab is shown.
pub fn after_paint(then: Box<dyn FnOnce()>) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || {
        request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO))
    });
}
