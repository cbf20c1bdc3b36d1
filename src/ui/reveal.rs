//! When a site or route is selected (on the map, in the search, a list or a route's stops),
//! its details come into view: the panel that shows them (the side panel, the phone's bottom
//! sheet, the embedded map's card) scrolls up to them if the user had scrolled it past them.
//! Only that panel scrolls: `scrollIntoView` would also scroll the page's `overflow: hidden`
//! containers and shift the map. A route opened from the routes list is the exception: the
//! list shows its stops where the user clicked, so the panel stays put.

use super::state::{use_state, Selection};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The panels that scroll and can hold the details.
const PANELS: &str = ".side-panel, .embed-details";

/// Starts following the selection; call once, in the app's shell.
pub fn follow_selection() {
    let state = use_state();
    Effect::new(move |previous: Option<Option<Selection>>| {
        let selected = state.selected.get();
        // Not on the first run (a shared link's selection needs no scrolling) and not when
        // the selection is cleared.
        if previous.is_some() && selected.is_some() {
            // After the details for the new selection are rendered.
            request_animation_frame(reveal);
        }
        selected
    });
}

fn reveal() {
    // A route opened in the routes list shows its stops in place, where the user is.
    let in_route_list = document()
        .active_element()
        .is_some_and(|e| e.matches(".route-open").unwrap_or(false));
    let Ok(Some(details)) = document().query_selector(".details") else {
        return;
    };
    if in_route_list {
        return;
    }
    let Some(panel) = details
        .closest(PANELS)
        .ok()
        .flatten()
        .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let top = details.get_bounding_client_rect().top();
    let area = panel.get_bounding_client_rect();
    let panel_top = area.top();
    // Only when the details' heading is out of the panel's visible area.
    if top < panel_top || top > area.bottom() - 48.0 {
        let offset = (top - panel_top).floor() as i32;
        panel.set_scroll_top(panel.scroll_top() + offset);
    }
}
