//! Hooks for the benchmark (`tests/bench/bench.mjs`, `make bench`), OFF unless the page URL
//! has `bench=1`. When on, `window.__redmapBench` holds:
//!
//! - `draws`: a flat array `[start_ms, end_ms, start_ms, end_ms, ...]`, one pair per map
//!   frame drawn (`Map::draw_now`), in `performance.now()` milliseconds. Two numbers per
//!   frame: the cost when on is two `performance.now()` calls and two array pushes.
//! - `keepOneIn(n)`: sets `site_mask` to keep every n-th site (`n <= 1` clears the mask),
//!   the same path any filter takes (re-cluster, then redraw): "time to apply a filter".
//! - `memory`: the wasm `WebAssembly.Memory` (`memory.buffer.byteLength` = linear memory).
//!
//! When off (`bench` absent), `enabled()` is one cached bool read per frame and nothing else.

use super::state::AppState;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

thread_local! {
    static ON: Cell<Option<bool>> = const { Cell::new(None) };
    static DRAWS: RefCell<Option<js_sys::Array>> = const { RefCell::new(None) };
}

/// Whether the page was opened with `bench=1` (read once, then cached).
pub fn enabled() -> bool {
    ON.with(|on| {
        on.get().unwrap_or_else(|| {
            let yes = super::url::query_pairs()
                .iter()
                .any(|(k, v)| k == "bench" && v == "1");
            on.set(Some(yes));
            yes
        })
    })
}

/// Records one drawn frame (milliseconds since navigation start).
pub fn record_draw(start_ms: f64, end_ms: f64) {
    DRAWS.with(|d| {
        if let Some(draws) = d.borrow().as_ref() {
            draws.push(&JsValue::from_f64(start_ms));
            draws.push(&JsValue::from_f64(end_ms));
        }
    });
}

/// Publishes `window.__redmapBench` (call once, when `enabled()`).
pub fn install(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let draws = js_sys::Array::new();
    DRAWS.with(|d| *d.borrow_mut() = Some(draws.clone()));
    let keep_one_in = Closure::<dyn Fn(f64)>::new(move |n: f64| {
        let n = if n.is_finite() && n >= 1.0 {
            n as usize
        } else {
            1
        };
        if n <= 1 {
            state.site_mask.set(None);
            return;
        }
        let len = state
            .data
            .with_untracked(|d| d.as_ref().map_or(0, |d| d.dataset.sites.len()));
        let mask: Vec<bool> = (0..len).map(|i| i % n == 0).collect();
        state.site_mask.set(Some(Arc::new(mask)));
    });
    let hooks = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&hooks, &JsValue::from_str(key), value);
    };
    set("draws", &draws);
    set("keepOneIn", keep_one_in.as_ref());
    set("memory", &wasm_bindgen::memory());
    // The hooks live as long as the page.
    keep_one_in.forget();
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__redmapBench"), &hooks);
}
