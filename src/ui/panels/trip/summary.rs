//! The trip's totals and warnings, and what can be done with it: show it on the map, share a
//! link, export GPX / KML / GeoJSON, print a handout, clear it (with Undo).

use super::browser::{copy_text, download, today};
use super::words::{day_end, distance_label, span_text, travel_total, warnings};
use crate::domain::export::{trip_file_name, trip_plan, Format};
use crate::domain::trip::Schedule;
use crate::ui::i18n::trip::{duration, trip as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Totals(schedule: Memo<Arc<Schedule>>) -> impl IntoView {
    let state = use_state();
    move || {
        let lang = state.lang.get();
        let s = strings(lang);
        let sc = schedule.get();
        let warnings = warnings(&sc, lang);
        Some(view! {
            <h3>{s.totals}</h3>
            <dl class="trip-totals">
                <dt>{distance_label(lang)}</dt><dd class="trip-distance">{span_text(lang, &sc.span)}</dd>
                <dt>{s.travel_time}</dt><dd class="trip-travel">{travel_total(lang, &sc)}</dd>
                <dt>{s.visit_time}</dt><dd>{duration(lang, sc.dwell_min)}</dd>
                <dt>{s.day_ends}</dt><dd class="trip-day-end">{day_end(&sc)}</dd>
            </dl>
            {(!warnings.is_empty()).then(|| view! {
                <ul class="trip-warnings">
                    {warnings.into_iter().map(|w| view! { <li>"⚠ "{w}</li> }).collect_view()}
                </ul>
            })}
        })
    }
}

#[component]
pub fn Actions() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let s = move || strings(state.lang.get());
    let link = RwSignal::new(None::<String>);
    let share = move |_| {
        let url = super::share_url(state);
        // The link is shown in any case, selected on focus, to copy by hand where the
        // clipboard is missing or refuses.
        link.set(Some(url.clone()));
        leptos::task::spawn_local(async move {
            let copied = copy_text(&url).await;
            let s = strings(state.lang.get_untracked());
            ts.say(
                if copied {
                    s.link_copied
                } else {
                    s.copy_by_hand
                },
                None,
            );
        });
    };
    let export = move |format: Format| {
        let Some(data) = state.data.get_untracked() else {
            return;
        };
        let trip = ts.trip.get_untracked();
        let plan = trip_plan(&trip, &data.dataset, state.lang.get_untracked() == Lang::En);
        download(
            &trip_file_name(&trip, today(), format),
            format.mime(),
            &format.write(&plan),
        );
    };
    let clear = move |_| ts.change_with_undo(s().clear_trip, |t| t.stops.clear());
    view! {
        <div class="trip-actions">
            <label class="check">
                <input type="checkbox" prop:checked=move || ts.show_on_map.get()
                    on:change=move |ev| ts.show_on_map.set(event_target_checked(&ev)) />
                {move || s().show_on_map}
            </label>
            <div class="button-row">
                <button on:click=share>{move || s().share}</button>
                <button id=super::handout::OPENER_ID on:click=move |_| ts.handout.set(true)>{move || s().handout}</button>
            </div>
            {move || link.get().map(|url| view! {
                <input class="share-link" type="text" readonly prop:value=url aria-label=s().share
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    } />
            })}
            <div class="button-row" role="group" aria-label=move || s().export>
                <span class="row-label">{move || s().export}</span>
                {Format::ALL.into_iter().map(|f| view! {
                    <button on:click=move |_| export(f)>{f.label()}</button>
                }).collect_view()}
            </div>
            <button class="danger-button" on:click=clear>{move || s().clear_trip}</button>
        </div>
    }
}
