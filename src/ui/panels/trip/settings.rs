//! The trip's settings (name, day, start and end time, travel mode with its stated speed)
//! and "Optimise order" from a chosen start stop to an optional end stop.

use super::words::span_text;
use crate::domain::model::Date;
use crate::domain::trip::{format_hhmm, optimised_stops, parse_hhmm, plan, Mode};
use crate::ui::i18n::trip::{estimate_note, trip as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let s = move || strings(state.lang.get());
    let t = ts.trip;
    let time_value = |m: Option<u32>| m.map(|m| format_hhmm(m % 1440)).unwrap_or_default();
    let mode_label = move |m: Mode| {
        let label = if state.lang.get() == Lang::En {
            m.label_en()
        } else {
            m.label_zh()
        };
        format!("{label} · {} km/h", m.speed_kmh())
    };
    view! {
        <div class="trip-settings">
            <label class="wide">{move || s().trip_title}
                <input type="text" maxlength="80" placeholder=move || s().trip_title_placeholder
                    prop:value=move || t.with(|t| t.title.clone())
                    on:change=move |ev| t.update(|t| t.title = event_target_value(&ev).chars().take(80).collect()) />
            </label>
            <label>{move || s().date}
                <input type="date" prop:value=move || t.with(|t| t.date.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| t.update(|t| t.date = Date::parse(&event_target_value(&ev))) />
            </label>
            <label>{move || s().mode}
                <select on:change=move |ev| {
                    let code = event_target_value(&ev).chars().next();
                    if let Some(m) = code.and_then(Mode::from_code) { t.update(|t| t.mode = m) }
                }>
                    {Mode::ALL.into_iter().map(|m| view! {
                        <option value=m.code().to_string() selected=move || t.with(|t| t.mode == m)>{move || mode_label(m)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{move || s().start_time}
                <input type="time" prop:value=move || time_value(Some(t.with(|t| t.start_min)))
                    on:change=move |ev| if let Some(m) = parse_hhmm(&event_target_value(&ev)) { t.update(|t| t.start_min = m) } />
            </label>
            <label>{move || s().end_time}
                <input type="time" prop:value=move || time_value(t.with(|t| t.end_min))
                    on:change=move |ev| t.update(|t| t.end_min = parse_hhmm(&event_target_value(&ev))) />
            </label>
        </div>
        <p class="estimate-note">{move || {
            let m = t.with(|t| t.mode);
            let label = if state.lang.get() == Lang::En { m.label_en() } else { m.label_zh() };
            estimate_note(state.lang.get(), label, m.speed_kmh(), m.detour_factor())
        }}</p>
    }
}

#[component]
pub fn Optimise() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let start = RwSignal::new(0usize);
    let end = RwSignal::new(None::<usize>);
    let optimise = move |_| {
        let Some(data) = state.data.get_untracked() else {
            return;
        };
        let trip = ts.trip.get_untracked();
        let order = optimised_stops(
            &trip,
            &data.dataset,
            start.get_untracked(),
            end.get_untracked(),
        );
        let mut after = trip.clone();
        after.reorder(&order);
        let lang = state.lang.get_untracked();
        let before_m = span_text(lang, &plan(&trip, &data.dataset).span);
        let after_m = span_text(lang, &plan(&after, &data.dataset).span);
        let text = match lang {
            Lang::Zh => format!("已优化顺序：直线距离 {} → {}", before_m, after_m),
            Lang::En => format!(
                "Order optimised: straight-line distance {} → {}",
                before_m, after_m
            ),
        };
        ts.change_with_undo(text, |t| {
            t.reorder(&order);
        });
        start.set(0);
        end.set(
            end.get_untracked()
                .map(|_| trip.stops.len().saturating_sub(1)),
        );
    };
    let names = move || {
        let lang = state.lang.get();
        let data = state.data.get();
        ts.trip.with(|t| {
            t.stops
                .iter()
                .enumerate()
                .map(|(i, stop)| {
                    let name = data
                        .as_ref()
                        .and_then(|d| d.dataset.site(&stop.site))
                        .map(|s| {
                            if lang == Lang::En && !s.name_en.is_empty() {
                                s.name_en.clone()
                            } else {
                                s.name.clone()
                            }
                        })
                        .unwrap_or_else(|| stop.site.to_string());
                    (i, format!("{}. {name}", i + 1))
                })
                .collect::<Vec<_>>()
        })
    };
    let s = move || strings(state.lang.get());
    view! {
        <div class="trip-optimise">
            <label>{move || s().optimise_start}
                <select on:change=move |ev| start.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {move || names().into_iter().map(|(i, n)| view! {
                        <option value=i.to_string() selected=move || start.get() == i>{n}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{move || s().optimise_end}
                <select on:change=move |ev| end.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || end.get().is_none()>{move || s().end_anywhere}</option>
                    {move || names().into_iter().map(|(i, n)| view! {
                        <option value=i.to_string() selected=move || end.get() == Some(i)>{n}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="primary-button" on:click=optimise>{move || s().optimise}</button>
        </div>
    }
}
