//! The Leptos UI: the only code that touches the browser. It reads and renders the domain;
//! any logic longer than a few lines belongs in `crate::domain`.

pub mod app;
pub mod bench;
pub mod dashboard;
pub mod discover;
pub mod download;
pub mod drop_guard;
pub mod embed;
pub mod fetch;
pub mod i18n;
pub mod import;
pub mod lazy;
pub mod load;
pub mod map;
pub mod notices;
pub mod panels;
pub mod panic;
pub mod perf;
pub mod reveal;
pub mod slices;
pub mod state;
pub mod thematic;
pub mod url;

/// Entry point called by `main`: panic hook, then mount the app on `<body>`.
pub fn start() {
    panic::install();
    drop_guard::install();
    leptos::mount::mount_to_body(app::App);
}
