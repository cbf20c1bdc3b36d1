//! The side panel's contents (on a phone, the bottom sheet's), as one view for the
//! `side_panel` chunk (`ui::lazy::side_panel_body`): none of it is needed for the map's first
//! frame, so it is downloaded right after it. The panel around it (with the sheet handle and
//! a failed load's message) is in the main module (`ui::app`).

use leptos::prelude::*;

/// Every section of the panel, in order.
pub fn body(_: ()) -> AnyView {
    // The import state (the loaded data merged with imported layers) is shared by the
    // import section and the `?data=` file's precision: provided here, for both.
    crate::ui::import::use_import();
    view! {
        <super::UrlNotice />
        <super::DetailsPanel />
        <super::FiltersPanel />
        <super::SiteListPanel />
        <super::RoutesPanel />
        <super::TripPanel />
        <super::LayersPanel />
        <crate::ui::load::stated::DataFilePrecision />
        <crate::ui::import::ImportPanel />
        <super::IssuesPanel />
    }
    .into_any()
}
