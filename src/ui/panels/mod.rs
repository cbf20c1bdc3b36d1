//! Side-panel sections: accessible DOM (headings, lists, tables), never canvas.

mod details;
mod issues;
mod layers;
mod routes;
pub mod trip;

// Discovery: search box (header), filters + time slider, site list + near me, nearby sites.
mod filters;
mod near_me;
mod nearby;
pub mod search;
pub(crate) mod site_list;
mod time_slider;
pub use filters::FiltersPanel;
pub use near_me::NearMeControl;
pub use search::SearchBox;
pub use site_list::SiteListPanel;

pub use details::DetailsPanel;
pub use issues::{IssuesPanel, LoadError, LoadingIndicator};
pub use layers::LayersPanel;
pub use routes::RoutesPanel;
pub use trip::{AddToTripButton, Handout, SharedTripDialog, TripPanel, TripState};
// Hardening: a notice when parts of the link were ignored.
mod url_notice;
pub use url_notice::UrlNotice;
// Code splitting: the panel's contents as one view (the `side_panel` chunk).
pub mod side;
