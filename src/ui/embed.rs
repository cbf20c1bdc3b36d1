//! `?embed=1` in the browser: the shell leaves out the header and side panel (see `app.rs`)
//! and shows this link to the full map, in a new tab, at the same place, and the details of
//! a site or route the visitor clicks in a card over the map.

use super::i18n::harden::harden;
use super::state::use_state;
use super::url;
use crate::domain::embed;
use crate::domain::permalink::ViewParam;
use crate::domain::viewport::Viewport;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether this page was opened as an embedded map.
pub fn from_url() -> bool {
    embed::is_embed(&url::query_pairs())
}

#[component]
pub fn OpenFullMap() -> impl IntoView {
    let state = use_state();
    let current = move || {
        let v = state.view.get();
        state.data.with(|d| d.is_some()).then_some(v)
    };
    // The link follows the view; a click refreshes it once more in case the last pan has not
    // reached the signal's subscribers yet (navigation happens after the handler).
    let refresh = move |ev: leptos::ev::MouseEvent| {
        let anchor = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(a) = anchor {
            a.set_href(&full_map_href(current_untracked(state)));
        }
    };
    view! {
        <a
            class="embed-open"
            href=move || full_map_href(current())
            target="_blank"
            rel="noopener noreferrer"
            title=move || harden(state.lang.get()).open_full_map_label
            on:click=refresh
        >
            {move || harden(state.lang.get()).open_full_map}
        </a>
    }
}

/// The details of the selected site or route (or the list of sites sharing one position)
/// in a card over the embedded map: the same panel as the full map's, closed with its "×"
/// or Esc. Nothing is shown until something is selected; its code is a chunk
/// (`embed_details`), downloaded on the first selection.
#[component]
pub fn EmbedDetails() -> impl IntoView {
    let state = use_state();
    let open = move || state.selected.with(|s| s.is_some()) || state.stack.with(|s| !s.is_empty());
    view! {
        <Show when=open>
            <aside class="embed-details" aria-label=move || harden(state.lang.get()).embed_details>
                {super::lazy::lazy(super::lazy::embed_details_view, (), "embed-details-body")}
            </aside>
        </Show>
    }
}

fn current_untracked(state: super::state::AppState) -> Option<Viewport> {
    state
        .data
        .with_untracked(|d| d.is_some())
        .then(|| state.view.get_untracked())
}

/// This page's URL without `embed`, at `view` when the map has one.
fn full_map_href(view: Option<Viewport>) -> String {
    let view = view.filter(|v| v.width_px >= 1.0).map(|v| ViewParam {
        zoom: v.zoom,
        lat: v.center.lat,
        lon: v.center.lon,
    });
    let pairs = embed::full_map_pairs(&url::query_pairs(), view);
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return base;
    };
    for (k, v) in &pairs {
        params.append(k, v);
    }
    let query = params
        .to_string()
        .as_string()
        .unwrap_or_default()
        .replace("%2F", "/");
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}
