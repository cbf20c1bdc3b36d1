//! "My trip": the planner panel (settings, the stop list with times, totals and warnings,
//! optimise, share, export, handout), the "Add to my trip" button for other panels, the
//! shared-trip dialog and the printable handout. The arithmetic is `domain::trip`; this is
//! the DOM around it.

mod add_button;
mod browser;
mod dialog;
mod handout;
mod settings;
mod state;
mod stops;
mod summary;
mod words;

pub use add_button::AddToTripButton;
pub use browser::download as download_text;
pub use dialog::SharedTripDialog;
pub use handout::Handout;
pub use state::{start as start_trip, TripState};

use crate::domain::trip::plan;
use crate::ui::i18n::trip::trip as strings;
use crate::ui::state::{use_state, AppState};
use leptos::prelude::*;
use std::sync::Arc;

/// The schedule of the current trip, as a memo the planner's views share.
pub type Schedule = Memo<Arc<crate::domain::trip::Schedule>>;

/// The schedule of the current trip on the loaded data, recomputed when either changes.
pub fn use_schedule(state: AppState) -> Schedule {
    Memo::new(move |_| {
        let trip = state.trip.trip.get();
        Arc::new(state.data.with(|d| {
            d.as_ref()
                .map(|d| plan(&trip, &d.dataset))
                .unwrap_or_default()
        }))
    })
}

/// The share link of a trip: this page with `?trip=<code>` (and the data's URL when the
/// data is not the bundled set, so the link opens the same sites, and the precision the
/// user stated for them).
pub fn share_url(state: AppState) -> String {
    let code = crate::domain::trip::encode(&state.trip.trip.get());
    // Encoded once more: the browser decodes query values once, the code keeps its escapes.
    let mut url = format!(
        "{}?trip={}",
        browser::page_base(),
        browser::encode_query_value(&code)
    );
    if let Some(data) = state.data.get() {
        if data.origin != "bundled" {
            url.push_str(&format!(
                "&data={}",
                browser::encode_query_value(&data.origin)
            ));
            // With the precision its sites were given (the trip's legs rest on it).
            let stated = state.data_precision.get();
            if let Some(p) = crate::ui::load::stated::param(stated) {
                url.push_str(&format!("&precision={p}"));
            }
        }
    }
    url
}

#[component]
pub fn TripPanel() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let schedule = use_schedule(state);
    let empty = Memo::new(move |_| ts.trip.with(|t| t.is_empty()));
    let heading = move || {
        let n = ts.trip.with(|t| t.stops.len());
        format!("{} ({n})", strings(state.lang.get()).my_trip)
    };
    view! {
        <section class="panel-section trip-panel" aria-labelledby="trip-heading">
            <h2 id="trip-heading">{heading}</h2>
            <NoticeLine />
            {move || {
                let s = strings(state.lang.get());
                if empty.get() {
                    view! { <p class="hint">{s.trip_empty_hint}</p> }.into_any()
                } else {
                    // Downloaded when the trip first has a stop (a chunk of its own).
                    crate::ui::lazy::lazy(crate::ui::lazy::trip_body, schedule, "trip-body")
                        .into_any()
                }
            }}
        </section>
    }
}

/// The planner of a trip with stops: settings, stops with times, totals, optimise, actions.
pub fn body(schedule: Schedule) -> AnyView {
    view! {
        <settings::Settings />
        <stops::StopList schedule=schedule />
        <summary::Totals schedule=schedule />
        <settings::Optimise />
        <summary::Actions />
    }
    .into_any()
}

/// The last message (moved, removed, optimised, a link that could not be read), with Undo.
#[component]
fn NoticeLine() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    view! {
        <div class="trip-notice" role="status" aria-live="polite">
            {move || ts.notice.get().map(|n| {
                let undo = n.undo.clone();
                view! {
                    <span>{n.text.clone()}</span>
                    {undo.map(|before| view! {
                        <button class="link-button" on:click=move |_| {
                            ts.trip.set(before.clone());
                            ts.notice.set(None);
                        }>{strings(state.lang.get()).undo}</button>
                    })}
                    <button class="close-button small" aria-label=strings(state.lang.get()).close
                        on:click=move |_| ts.notice.set(None)>"×"</button>
                }
            })}
        </div>
    }
}
