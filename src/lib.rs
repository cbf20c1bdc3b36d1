//! redmap: a web map of China's red-education sites and the study routes that link them.
//!
//! `domain` is pure Rust (no browser crates) and is tested natively; `ui` is the thin Leptos
//! layer, compiled only for the browser. Imports point one way: `ui -> domain`
//! (checked by `tests/architecture.rs`).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod ui;
