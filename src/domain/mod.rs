//! The pure domain: plain data and plain functions, no browser crates
//! (leptos, web_sys, js_sys, gloo, wasm_bindgen). Everything here is tested natively.

pub mod basemap;
pub mod cluster;
pub mod export;
pub mod filter;
pub mod geo;
pub mod geodata;
pub mod hit;
pub mod model;
pub mod permalink;
pub mod projection;
pub mod search;
pub mod spatial;
pub mod stats;
pub mod trip;
pub mod validate;

// The map core beyond the original skeleton (geo, projection, cluster and spatial are
// above): datum shifts, camera, tiles, scale bar, fly-to, KD-tree, labels.
pub mod coords;
pub mod fly;
pub mod kdtree;
pub mod label;
// Phone (session 4): how the uncertainty rings' inside fades as they grow past the screen.
pub mod ring_fill;
pub mod scale_bar;
pub mod tile_sources;
pub mod tiles;
pub mod viewport;

// Discovery (search, filters, nearby, list order) and the bundled data for their tests.
pub mod listing;
pub mod nearby;
#[cfg(test)]
pub(crate) mod test_data;
// The trip planner beyond `trip` and `export` above: QR codes for the printed handout.
pub mod qr;
// Organisers (issue 7): coverage figures and importing their own files.
pub mod coverage;
pub mod import;
// Hardening (issue 8): the Content Security Policy derived from the tile/data hosts.
pub mod csp;
pub mod embed;
// Hardening (issue 8): the shared entry points of the fuzz targets and their replay test.
pub mod fuzzing;
pub mod safe_url;
