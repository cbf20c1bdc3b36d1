//! What the map and the shell show or do only after the map's first frame: the `late` chunk
//! (src/ui/lazy.rs), downloaded right after that frame, so that none of it is in the first
//! view (issue 2). Over the map: the zoom and fit buttons with the base-map switcher's button,
//! "near me", the scale bar, the tooltip, notices, the thematic overlay and
//! the embedded map's link and card. Behind it, the effects that fly to a selection or a
//! requested place, keep the view and selection in the URL, scroll the details into view and
//! close them on Esc. In the shell: the places of the dashboard, the handout and the
//! shared-trip dialog.
//!
//! The canvas, its pointer, wheel and keyboard handlers and the first frame's view stay in
//! the main module (`MapView`): the map can be panned and zoomed as soon as it is drawn.
//! Everything here sits over the map (absolutely positioned), so nothing moves when it
//! arrives. Must not be called from the main module except through `lazy`.

use super::handle::Map;
use super::{follow_focus, follow_selection, keep_url_in_step, switcher, FIT_PADDING_PX};
use crate::domain::scale_bar::scale_bar;
use crate::ui::lazy::{self, lazy};
use crate::ui::state::use_state;
use leptos::prelude::*;

/// What the map's overlays need from the main module: the map's handle (not `Send`, so kept
/// in the reactive arena) and whether this is an embedded map (`?embed=1`).
#[derive(Clone, Copy)]
pub struct Args {
    pub map: StoredValue<Map, LocalStorage>,
    pub embed: bool,
}

/// The map's overlays and follow-up effects (the `map_overlays` split point).
pub fn overlays(args: Args) -> AnyView {
    let state = use_state();
    let map = args.map.get_value();
    follow_selection(map.clone());
    follow_focus(map.clone());
    keep_url_in_step(state);
    crate::ui::reveal::follow_selection();
    close_on_escape(state);
    view! {
        <Controls map=map />
        <Tooltip />
        <ScaleBar />
        <crate::ui::thematic::ThematicOverlay />
        <crate::ui::panels::NearMeControl />
        <crate::ui::notices::Notices />
        {args.embed.then(|| view! { <crate::ui::embed::OpenFullMap /> <crate::ui::embed::EmbedDetails /> })}
    }
    .into_any()
}

/// The shell's places for the dashboard (`in_main`: inside `<main>`, over the map area) or
/// for the handout and the shared-trip dialog (after `<main>`): the `shell_overlays` split
/// point. Each is a chunk of its own, downloaded when opened.
pub fn shell_overlays(in_main: bool) -> AnyView {
    let state = use_state();
    if in_main {
        return view! {
            <Show when=move || state.dashboard.get()>
                {lazy(lazy::dashboard_view, (), "dashboard")}
            </Show>
        }
        .into_any();
    }
    view! {
        <Show when=move || state.trip.handout.get()>
            {lazy(lazy::handout_view, (), "handout")}
        </Show>
        // A link brought a trip while the user has their own.
        <Show when=move || state.trip.incoming.with(|i| i.is_some())>
            {lazy(lazy::shared_trip_dialog, (), "shared-dialog-chunk")}
        </Show>
    }
    .into_any()
}

/// Esc closes the details wherever the focus is (a search box handles its own Esc).
fn close_on_escape(state: crate::ui::state::AppState) {
    // Page-long: this view is built once (`lazy_kept`), so the listener is never doubled.
    let _esc = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .is_some();
        // Esc with the handout open closes the handout (its own listener), only that.
        let handout = state.trip.handout.get_untracked();
        if ev.key() == "Escape" && !in_field && !handout && state.selected.get_untracked().is_some()
        {
            state.selected.set(None);
        }
    });
}

#[component]
fn Controls(map: Map) -> impl IntoView {
    let state = use_state();
    let t = move || state.lang.get().t();
    let (a, b, c) = (map.clone(), map.clone(), map);
    // Zoom about the selected site, or the middle of what the phone's sheet leaves visible
    // (the canvas's centre is under the sheet: the selected site left the view).
    let centre = move || super::zoom_anchor(state);
    let fit = move |_| {
        if let Some(data) = state.data.get_untracked() {
            c.animate_to(
                state
                    .view
                    .get_untracked()
                    .fit_bounds(&data.bounds, FIT_PADDING_PX),
            );
        }
    };
    view! {
        <div class="map-controls">
            <button on:click=move |_| a.zoom_by(centre(), 1.0) aria-label=move || t().zoom_in title=move || t().zoom_in>"+"</button>
            <button on:click=move |_| b.zoom_by(centre(), -1.0) aria-label=move || t().zoom_out title=move || t().zoom_out>"−"</button>
            <button on:click=fit aria-label=move || t().fit_all title=move || t().fit_all>"⤢"</button>
            <switcher::BasemapSwitcher />
        </div>
    }
}

#[component]
fn Tooltip() -> impl IntoView {
    let state = use_state();
    move || {
        let i = state.hovered.get()?;
        let data = state.data.get()?;
        let site = data.dataset.sites.get(i)?;
        let at = state.view.get().lonlat_to_screen(site.position);
        let name = if state.lang.get() == crate::ui::i18n::Lang::En {
            site.name_en.clone()
        } else {
            site.name.clone()
        };
        Some(view! {
            <div class="tooltip" role="tooltip" style:left=format!("{}px", at.x_px) style:top=format!("{}px", at.y_px)>{name}</div>
        })
    }
}

#[component]
fn ScaleBar() -> impl IntoView {
    let state = use_state();
    move || {
        let v = state.view.get();
        (v.width_px > 0.0).then(|| {
            let bar = scale_bar(&v, 120.0);
            view! { <div class="scale-bar" style:width=format!("{}px", bar.width_px.round())>{bar.label}</div> }
        })
    }
}
