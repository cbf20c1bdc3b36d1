//! The side panel's contents (on a phone, the bottom sheet's), as one view for the
//! `side_panel` chunk (`ui::lazy::side_panel_body`): none of it is needed for the map's first
//! frame, so it is downloaded right after it. The panel around it (with the sheet handle and
//! a failed load's message) is in the main module (`ui::app`).

use leptos::prelude::*;

/// Every section of the panel, in order.
pub fn body(_: ()) -> AnyView {
    view! {
        <super::UrlNotice />
        <super::DetailsPanel />
        <super::FiltersPanel />
        <super::SiteListPanel />
        <super::RoutesPanel />
        <super::TripPanel />
        <super::LayersPanel />
        <crate::ui::import::ImportPanel />
        <super::IssuesPanel />
    }
    .into_any()
}
