//! The pure domain: plain data and plain functions, no browser crates
//! (leptos, web_sys, js_sys, gloo, wasm_bindgen). Everything here is tested natively.

pub mod cluster;
pub mod coords;
pub mod export;
pub mod filter;
pub mod fly;
pub mod geo;
pub mod geodata;
pub mod kdtree;
pub mod label;
pub mod model;
pub mod projection;
pub mod scale_bar;
pub mod search;
pub mod spatial;
pub mod stats;
pub mod tiles;
pub mod trip;
pub mod validate;
pub mod viewport;
