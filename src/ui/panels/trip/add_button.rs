//! "Add to my trip" for one site, usable anywhere a site is shown (details, lists, the
//! route stepper). Toggles: a site already in the trip can be removed from here.

use super::browser::today;
use crate::domain::model::SiteId;
use crate::ui::i18n::trip::trip as strings;
use crate::ui::state::use_state;
use leptos::prelude::*;

#[component]
pub fn AddToTripButton(
    site: SiteId,
    /// The site's name, added to the accessible name ("Add to my trip: 陈启沅纪念馆").
    #[prop(optional)]
    name: Option<String>,
    /// Only a "+" / "✓" (in lists); the accessible name stays the full sentence.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let id = site.clone();
    let in_trip = Memo::new(move |_| ts.trip.with(|t| t.contains(&id)));
    let toggle = move |_| {
        let site = site.clone();
        ts.trip.update(|t| {
            if !t.remove_site(&site) {
                if t.is_empty() && t.date.is_none() {
                    t.date = Some(today());
                }
                t.add(site);
            }
        });
    };
    let label = move || {
        let s = strings(state.lang.get());
        let action = if in_trip.get() {
            s.in_trip_remove
        } else {
            s.add_to_trip
        };
        match &name {
            Some(n) => format!("{action}: {n}"),
            None => action.to_string(),
        }
    };
    view! {
        <button
            class="add-to-trip"
            class:in-trip=move || in_trip.get()
            class:compact=compact
            on:click=toggle
            aria-label=label
        >
            {move || {
                let s = strings(state.lang.get());
                match (compact, in_trip.get()) {
                    (true, true) => "✓",
                    (true, false) => "+",
                    (false, true) => s.in_trip_remove,
                    (false, false) => s.add_to_trip,
                }
            }}
        </button>
    }
}
