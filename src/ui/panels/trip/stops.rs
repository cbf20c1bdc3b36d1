//! The planner's stop list: per stop its number, name, arrival and departure, the leg from
//! the previous stop, the visit length (editable), an opening-hours note, and controls to
//! move it up or down (keyboard), drag it (pointer) or remove it.

use super::browser::focus_later;
use super::words::{clock, leg_line};
use crate::domain::model::Site;
use crate::domain::trip::{default_dwell_min, format_hhmm, HoursCheck, Schedule, StopTimes};
use crate::ui::i18n::trip::{moved_to, trip as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, Selection};
use leptos::prelude::*;
use std::sync::Arc;

/// What one row shows, prepared outside the view.
struct Row {
    index: usize,
    site: Option<(usize, Site)>,
    id: String,
    dwell_min: u32,
    times: Option<StopTimes>,
}

#[component]
pub fn StopList(schedule: Memo<Arc<Schedule>>) -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let dragged = RwSignal::new(None::<usize>);
    move || {
        let lang = state.lang.get();
        let data = state.data.get()?;
        let ds = &data.dataset;
        let schedule = schedule.get();
        let trip = ts.trip.get();
        let n = trip.stops.len();
        // Only the stops' ids, in one pass (none for an empty trip): an index of every site
        // cost ~140 ms per data change at 100k sites.
        let ids: Vec<&str> = trip.stops.iter().map(|s| s.site.as_str()).collect();
        let found = ds.sites_by_ids(&ids);
        let rows = trip.stops.iter().enumerate().map(|(i, stop)| {
            let site = found
                .get(i)
                .copied()
                .flatten()
                .and_then(|k| Some((k, ds.sites.get(k)?.clone())));
            let dwell_min = stop
                .dwell_min
                .or(site.as_ref().map(|(_, s)| default_dwell_min(s.kind)))
                .unwrap_or(0);
            let times = schedule.stops.get(i).copied().flatten();
            Row {
                index: i,
                site,
                id: stop.site.to_string(),
                dwell_min,
                times,
            }
        });
        let items = rows
            .map(|row| stop_row(row, n, lang, dragged))
            .collect_view();
        Some(view! {
            <p class="hint">{strings(lang).drag_hint}</p>
            <ol class="trip-stops">{items}</ol>
        })
    }
}

fn stop_row(row: Row, n: usize, lang: Lang, dragged: RwSignal<Option<usize>>) -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let s = strings(lang);
    let i = row.index;
    let name = match &row.site {
        Some((_, site)) if lang == Lang::En && !site.name_en.is_empty() => site.name_en.clone(),
        Some((_, site)) => site.name.clone(),
        None => row.id.clone(),
    };
    let site_index = row.site.as_ref().map(|(k, _)| *k);
    let hours_text = row
        .site
        .as_ref()
        .and_then(|(_, site)| site.opening_hours.clone());
    let moved_name = name.clone();
    let move_to = move |to: usize, dir: &'static str| {
        ts.trip.update(|t| {
            t.move_stop(i, to);
        });
        ts.say(moved_to(lang, &moved_name, to + 1), None);
        focus_later(format!("trip-{dir}-{to}"));
    };
    let move_down = move_to.clone();
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(from) = dragged.get_untracked() {
            let id = ts
                .trip
                .with_untracked(|t| t.stops.get(from).map(|s| s.site.to_string()));
            ts.trip.update(|t| {
                t.move_stop(from, i);
            });
            let name = state.data.with_untracked(|d| {
                let site = d.as_ref()?.dataset.site(&id.clone()?.as_str().into())?;
                Some(if lang == Lang::En && !site.name_en.is_empty() {
                    site.name_en.clone()
                } else {
                    site.name.clone()
                })
            });
            ts.say(
                moved_to(lang, &name.or(id).unwrap_or_default(), i + 1),
                None,
            );
        }
        dragged.set(None);
    };
    let leg = row
        .times
        .and_then(|t| t.leg_in)
        .map(|leg| (leg.is_allowance(), leg_line(lang, &leg)));
    // "≈ 10:28–11:28" once the times rest on an approximate or unknown leg.
    let times = row.times.map(|t| {
        format!(
            "{}–{}",
            clock(t.arrive_min, t.approximate),
            format_hhmm(t.depart_min)
        )
    });
    let hours = row
        .times
        .map(|t| hours_note(t.hours, hours_text.clone(), lang));
    let name_for_labels = name.clone();
    let label = move |verb: &str| format!("{verb}: {}", name_for_labels);
    view! {
        <li
            class="trip-stop"
            class:dragging=move || dragged.get() == Some(i)
            draggable="true"
            on:dragstart=move |ev: web_sys::DragEvent| {
                dragged.set(Some(i));
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &i.to_string());
                    dt.set_effect_allowed("move");
                }
            }
            on:dragend=move |_| dragged.set(None)
            on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            {leg.map(|(allowance, l)| view! { <div class="trip-leg" class:allowance=allowance>{l}</div> })}
            <div class="trip-stop-main">
                <span class="stop-no" aria-hidden="true">{i + 1}</span>
                {match site_index {
                    Some(k) => view! {
                        <button class="link-button stop-name" on:click=move |_| state.selected.set(Some(Selection::Site(k)))>{name.clone()}</button>
                    }.into_any(),
                    None => view! { <span class="stop-name missing">{name.clone()}" — "{s.not_in_data}</span> }.into_any(),
                }}
                <span class="stop-times">{times}</span>
            </div>
            {hours}
            <div class="trip-stop-controls">
                <label>
                    {s.visit_min}" "
                    <input type="number" min="0" max="600" step="5" class="dwell-input"
                        prop:value=row.dwell_min.to_string()
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse::<u32>().ok().map(|v| v.min(600));
                            ts.trip.update(|t| t.set_dwell(i, v));
                        } />
                </label>
                <span class="spacer"></span>
                <button id=format!("trip-up-{i}") class="icon-button" disabled={i == 0} aria-label=label(s.move_up)
                    on:click=move |_| move_to(i.saturating_sub(1), "up")>"↑"</button>
                <button id=format!("trip-down-{i}") class="icon-button" disabled={i + 1 >= n} aria-label=label(s.move_down)
                    on:click=move |_| move_down((i + 1).min(n.saturating_sub(1)), "down")>"↓"</button>
                <button class="icon-button" aria-label=label(s.remove)
                    on:click=move |_| {
                        let before = ts.trip.get_untracked();
                        ts.trip.update(|t| { t.remove(i); });
                        ts.say(format!("{} ✓", s.remove), Some(before));
                    }>"✕"</button>
            </div>
        </li>
    }
}

/// The opening-hours line of a stop: a warning (with a symbol, not only colour), or the
/// hours as the data gives them, or "hours unknown".
fn hours_note(check: HoursCheck, text: Option<String>, lang: Lang) -> impl IntoView {
    let s = strings(lang);
    let shown = text.clone().unwrap_or_default();
    let (class, line) = match check {
        HoursCheck::ClosedThatDay => ("hours warn", format!("⚠ {} ({shown})", s.hours_closed_day)),
        HoursCheck::Outside => ("hours warn", format!("⚠ {} ({shown})", s.hours_outside)),
        HoursCheck::Open => ("hours", format!("✓ {shown}")),
        HoursCheck::Unknown => match text {
            Some(t) => ("hours", format!("{t} ({})", s.hours_unknown)),
            None => ("hours", s.hours_unknown.to_string()),
        },
    };
    view! { <div class=class>{line}</div> }
}
