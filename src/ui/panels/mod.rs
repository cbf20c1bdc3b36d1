//! Side-panel sections: accessible DOM (headings, lists, tables), never canvas.

mod details;
mod issues;
mod layers;

pub use details::DetailsPanel;
pub use issues::{IssuesPanel, LoadError, LoadingIndicator};
pub use layers::LayersPanel;
