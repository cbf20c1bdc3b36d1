//! The Leptos UI.
pub fn start() {}
