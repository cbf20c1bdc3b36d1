//! Benchmark instrumentation kept in the release build: `performance.mark` calls that the
//! benchmark and the end-to-end tests read (`redmap:data-loaded`, `redmap:first-frame`), and
//! measures of the load phases ([`span`]).

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

/// A timed phase of loading, shown as a `performance.measure` named `redmap:<phase>`
/// (e.g. `redmap:fetch`, `redmap:parse-validate`, `redmap:cluster-index`): visible in the
/// browser's performance panel and read by the benchmark's load breakdown. One-off phases
/// only, never per frame.
pub struct Span(&'static str);

/// Starts a [`Span`]: sets the mark `redmap:<phase>:start`.
pub fn span(phase: &'static str) -> Span {
    mark(&format!("redmap:{phase}:start"));
    Span(phase)
}

impl Span {
    /// Ends the phase: the mark `redmap:<phase>:end` and the measure `redmap:<phase>`.
    pub fn end(self) {
        let (start, end) = (
            format!("redmap:{}:start", self.0),
            format!("redmap:{}:end", self.0),
        );
        mark(&end);
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let name = format!("redmap:{}", self.0);
            let _ = perf.measure_with_start_mark_and_end_mark(&name, &start, &end);
        }
    }
}
