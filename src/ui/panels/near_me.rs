//! "Near me": asks the browser for the position once, shows it on the map (blue dot),
//! flies there and sorts the list by distance. Refusal or failure is one short message;
//! nothing else changes.

use crate::domain::geo::LonLat;
use crate::domain::listing::SortKey;
use crate::ui::discover::{use_discover, Discover};
use crate::ui::i18n::discover::{discover, DiscoverStrings};
use crate::ui::state::{use_state, AppState};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Zoom the map flies to around the user.
const NEAR_ZOOM: f64 = 11.0;

#[component]
pub fn NearMeButton() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    view! {
        <button class="text-button near-me" on:click=move |_| locate(state, d)>
            <span aria-hidden="true">"◎ "</span>{move || discover(state.lang.get()).near_me}
        </button>
    }
}

/// The same button over the map (under the zoom controls), with the status as a toast, so
/// "near me" works with the list closed and on a phone.
#[component]
pub fn NearMeControl() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let label = move || discover(state.lang.get()).near_me;
    view! {
        <div class="near-me-control">
            <button on:click=move |_| locate(state, d) aria-label=label title=label>"◎"</button>
        </div>
        <div class="map-toast" role="status" hidden=move || d.geo_message.get().is_none()>
            {move || d.geo_message.get()}
        </div>
    }
}

/// Which message to show for a Geolocation error code (1 refused, 2 unavailable, 3 timeout).
fn error_text(t: &'static DiscoverStrings, code: u16) -> &'static str {
    if code == 1 {
        t.geo_denied
    } else {
        t.geo_failed
    }
}

pub fn locate(state: AppState, d: Discover) {
    let t = discover(state.lang.get_untracked());
    let geo = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
    let Some(geo) = geo else {
        d.geo_message.set(Some(t.geo_unsupported));
        return;
    };
    d.geo_message.set(Some(t.locating));
    let ok = Closure::once_into_js(move |pos: web_sys::Position| {
        let c = pos.coords();
        let p = LonLat::new(c.longitude(), c.latitude());
        if !p.is_finite() {
            d.geo_message.set(Some(t.geo_failed));
            return;
        }
        state.user_position.set(Some(p));
        d.sort.set(SortKey::Distance);
        d.list_open.set(true);
        d.geo_message.set(None);
        state.focus.set(Some((p, NEAR_ZOOM)));
    });
    let err = Closure::once_into_js(move |e: web_sys::PositionError| {
        d.geo_message.set(Some(error_text(t, e.code())));
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(15_000);
    options.set_maximum_age(60_000);
    let started = geo.get_current_position_with_error_callback_and_options(
        ok.unchecked_ref(),
        Some(err.unchecked_ref()),
        &options,
    );
    if started.is_err() {
        d.geo_message.set(Some(t.geo_failed));
    }
}
