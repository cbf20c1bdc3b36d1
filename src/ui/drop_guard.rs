//! A file dropped on the page before the import code has arrived (it comes with the side
//! panel's chunk, after the first frame) would make the browser open the file in place of
//! the app, losing what the user had on screen. This guard, in the main module, stops that
//! and keeps the file; the import (`ui::import`) takes it when it mounts and from then on
//! handles drops itself. Deliberately tiny: no import code here.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// `Some(file dropped early, if any)` until the import takes over, then `None`.
    static EARLY: RefCell<Option<Option<web_sys::File>>> = const { RefCell::new(Some(None)) };
}

/// Catches files dragged onto the page until the import takes over.
pub fn install() {
    let Some(w) = web_sys::window() else { return };
    let guard = Closure::<dyn Fn(web_sys::DragEvent)>::new(|ev: web_sys::DragEvent| {
        let Some(dt) = ev.data_transfer() else { return };
        EARLY.with(|early| {
            let mut early = early.borrow_mut();
            let Some(kept) = early.as_mut() else { return };
            if dt.types().includes(&"Files".into(), 0) {
                ev.prevent_default();
                if let Some(file) = dt.files().and_then(|f| f.get(0)) {
                    *kept = Some(file);
                }
            }
        });
    });
    for name in ["dragover", "drop"] {
        let _ = w.add_event_listener_with_callback(name, guard.as_ref().unchecked_ref());
    }
    guard.forget(); // for the page's lifetime
}

/// The file dropped before the import was there, if any; from now on the import handles
/// drops (the guard lets them through).
pub fn take() -> Option<web_sys::File> {
    EARLY.with(|early| early.borrow_mut().take().flatten())
}
