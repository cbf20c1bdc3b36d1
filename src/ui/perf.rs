//! Benchmark instrumentation kept in the release build: `performance.mark` calls that the
//! benchmark and the end-to-end tests read (`redmap:data-loaded`, `redmap:first-frame`).

pub const DATA_LOADED: &str = "redmap:data-loaded";
pub const FIRST_FRAME: &str = "redmap:first-frame";

/// Sets a `performance.mark`; silently does nothing where the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Milliseconds since navigation start (for the in-app timing shown to developers).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
