//! The trip's totals and warnings, and what can be done with it: show it on the map, share a
//! link, export GPX / KML / GeoJSON, print a handout, clear it (with Undo).

use super::browser::{copy_text, download, today};
use crate::domain::export::{trip_file_name, trip_plan, Format};
use crate::domain::trip::{format_hhmm, Schedule, Warning};
use crate::ui::i18n::trip::{distance, duration, trip as strings};
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
        let warnings: Vec<String> = sc
            .warnings
            .iter()
            .filter_map(|w| warning_text(*w, lang))
            .collect();
        Some(view! {
            <h3>{s.totals}</h3>
            <dl class="trip-totals">
                <dt>{s.total_distance}</dt><dd>{distance(sc.distance_m)}</dd>
                <dt>{s.travel_time}</dt><dd>{duration(lang, sc.travel_min)}</dd>
                <dt>{s.visit_time}</dt><dd>{duration(lang, sc.dwell_min)}</dd>
                <dt>{s.day_ends}</dt><dd>{format_hhmm(sc.finish_min)}</dd>
            </dl>
            {(!warnings.is_empty()).then(|| view! {
                <ul class="trip-warnings">
                    {warnings.into_iter().map(|w| view! { <li>"⚠ "{w}</li> }).collect_view()}
                </ul>
            })}
        })
    }
}

/// A warning in words; "not in data" is shown on its row instead.
fn warning_text(w: Warning, lang: Lang) -> Option<String> {
    let s = strings(lang);
    let at = |stop: usize, what: &str| match lang {
        Lang::En => format!("Stop {}: {what}", stop + 1),
        Lang::Zh => format!("第 {} 站：{what}", stop + 1),
    };
    Some(match w {
        Warning::OutsideHours { stop } => at(stop, s.hours_outside),
        Warning::ClosedThatDay { stop } => at(stop, s.hours_closed_day),
        Warning::PastEnd {
            stop,
            finish_min,
            end_min,
        } => match lang {
            Lang::En => format!(
                "The day runs past {} (from stop {}; it ends {}).",
                format_hhmm(end_min),
                stop + 1,
                format_hhmm(finish_min)
            ),
            Lang::Zh => format!(
                "行程超过 {}（自第 {} 站起；{} 结束）。",
                format_hhmm(end_min),
                stop + 1,
                format_hhmm(finish_min)
            ),
        },
        Warning::LongLeg { stop, distance_m } => match lang {
            Lang::En => format!(
                "Stop {}: {} from the stop before, too far for this mode; choose coach or car.",
                stop + 1,
                distance(distance_m)
            ),
            Lang::Zh => format!(
                "第 {} 站：距上一站 {}，此出行方式难以到达，请改为大巴或自驾。",
                stop + 1,
                distance(distance_m)
            ),
        },
        Warning::PastMidnight { finish_min } => match lang {
            Lang::En => format!(
                "The day runs past midnight (it ends {}): fewer stops or another mode?",
                format_hhmm(finish_min)
            ),
            Lang::Zh => format!(
                "行程超过午夜（{} 结束），请减少站点或更换出行方式。",
                format_hhmm(finish_min)
            ),
        },
        Warning::NotInData { .. } => return None,
    })
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
                <button on:click=move |_| ts.handout.set(true)>{move || s().handout}</button>
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
