//! Side-panel sections: accessible DOM (headings, lists, tables), never canvas.

mod details;
mod issues;
mod layers;
mod routes;
pub mod trip;

pub use details::DetailsPanel;
pub use issues::{IssuesPanel, LoadError, LoadingIndicator};
pub use layers::LayersPanel;
pub use routes::RoutesPanel;
pub use trip::{AddToTripButton, Handout, SharedTripDialog, TripPanel, TripState};
