//! The printable handout: an A4 page with a map of the trip (drawn for the page, fitted to
//! the stops' rings: `domain::trip::handout_view`), the stop table (order, name, address, arrival/departure, what to
//! see), totals, and a QR code of the trip's share link. On screen it is a page preview with
//! Print and Close; `@media print` in app.css prints only the page.

use super::browser::{focus_later, print};
use super::words::{clock, day_end, distance_label, span_text, travel_total, warnings};
use super::{share_url, use_schedule};
use crate::domain::qr::QrMatrix;
use crate::domain::trip::{format_hhmm, handout_view, resolve};
use crate::ui::i18n::trip::{duration, estimate_note, trip as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

/// When to (re)draw the handout's map after opening: the base map may still be arriving.
const SNAPSHOT_AFTER_MS: [u64; 3] = [350, 1500, 4000];

/// The id of the trip panel's "Print handout" button, where the focus returns on closing.
pub const OPENER_ID: &str = "trip-handout-open";

/// The handout's map: the trip's stops (with their rings) drawn for the page.
fn draw_map(state: crate::ui::state::AppState) -> Option<(String, String)> {
    let data = state.data.get_untracked()?;
    let trip = state.trip.trip.get_untracked();
    let stops: Vec<_> = resolve(&trip, &data.dataset)
        .into_iter()
        .flatten()
        .map(|s| (s.position, s.precision.ring_radius_m()))
        .collect();
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let view = handout_view(&stops, dpr)?;
    // The view drawn, "zoom/lat/lon" as in the URL's `v` (for the tests).
    let at = format!("{}/{}/{}", view.zoom, view.center.lat, view.center.lon);
    Some((crate::ui::map::render_handout(&view)?, at))
}

#[component]
pub fn Handout() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let snapshot = RwSignal::new(None::<(String, String)>);
    // Printing waits for the map (a teacher clicking at once printed a page without it),
    // but never for good: after the last try it prints whatever there is. `aria-disabled`,
    // not `disabled`, so that the button keeps the focus it is given on opening.
    let tried_all = RwSignal::new(false);
    let can_print = move || snapshot.with(Option::is_some) || tried_all.get();
    // On opening (and when the data arrives): draw the map for the page (its own view,
    // fitted to the stops' rings, at print resolution), again as the base map arrives.
    Effect::new(move || {
        if !ts.handout.get() {
            return;
        }
        if state.data.with(Option::is_none) {
            return;
        }
        snapshot.set(None);
        tried_all.set(false);
        for (k, ms) in SNAPSHOT_AFTER_MS.into_iter().enumerate() {
            let last = k + 1 == SNAPSHOT_AFTER_MS.len();
            set_timeout(
                move || {
                    // Keep an earlier drawing when a later one cannot be made.
                    if let Some(src) = draw_map(state) {
                        let _ = snapshot.try_set(Some(src));
                    }
                    if last {
                        let _ = tried_all.try_set(true);
                    }
                },
                std::time::Duration::from_millis(ms),
            );
        }
    });
    // Esc closes the handout wherever the focus is (it was only heard inside it), and the
    // focus goes back to the button that opened it.
    let close = move || {
        ts.handout.set(false);
        crate::ui::url::set_params(&[("handout", None)]);
        focus_later(OPENER_ID.to_string());
    };
    let _esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && ts.handout.get_untracked() {
            ev.prevent_default();
            close();
        }
    });
    move || {
        let open = ts.handout.get();
        if open {
            focus_later("handout-print".to_string());
        }
        open.then(|| view! {
            <div class="handout" role="dialog" aria-modal="true" aria-labelledby="handout-title">
                <div class="handout-toolbar">
                    <button id="handout-print" class="primary-button" aria-disabled=move || (!can_print()).to_string() on:click=move |_| if can_print() { print() }>{move || strings(state.lang.get()).print}</button>
                    <button on:click=move |_| close()>{move || strings(state.lang.get()).close}</button>
                </div>
                <HandoutPage snapshot=snapshot />
            </div>
        })
    }
}

#[component]
fn HandoutPage(snapshot: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let schedule = use_schedule(state);
    move || {
        let lang = state.lang.get();
        let s = strings(lang);
        let data = state.data.get()?;
        let trip = ts.trip.get();
        let sc = schedule.get();
        let pick = |zh: &str, en: &str| {
            if lang == Lang::En && !en.is_empty() {
                en.to_string()
            } else {
                zh.to_string()
            }
        };
        let title = if trip.title.trim().is_empty() {
            s.handout_default_title.to_string()
        } else {
            trip.title.clone()
        };
        let mode = pick(trip.mode.label_zh(), trip.mode.label_en());
        // Only the parts there are: a trip without a date began with a stray "·".
        let subtitle = [
            trip.date.map(|d| d.to_string()),
            Some(mode.clone()),
            // "09:00 – ≈ 14:15": spaced where the end is approximate ("09:00–≈ 14:15" read
            // as one garbled token).
            Some(if sc.finish_approximate() {
                format!("{} – {}", format_hhmm(trip.start_min), day_end(&sc))
            } else {
                format!("{}–{}", format_hhmm(trip.start_min), day_end(&sc))
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let warnings = warnings(&sc, lang);
        let sites = resolve(&trip, &data.dataset);
        // The data rarely gives addresses: no empty column then.
        let any_address = sites.iter().flatten().any(|s| s.address.is_some());
        let rows = sites.into_iter().zip(sc.stops.iter()).enumerate().map(|(i, (site, times))| {
            let (name, address, summary) = match site {
                Some(site) => (pick(&site.name, &site.name_en), site.address.clone().unwrap_or_default(), pick(&site.summary, &site.summary_en)),
                None => (trip.stops[i].site.to_string(), String::new(), s.not_in_data.to_string()),
            };
            let arrive = times.map(|t| clock(t.arrive_min, t.approximate)).unwrap_or_default();
            let depart = times.map(|t| clock(t.depart_min, t.approximate)).unwrap_or_default();
            // `data-label`: the column's name, shown before the cell where a narrow screen
            // lays each stop out as a card instead of a row (app.css, phone section); the
            // explicit roles keep it a table for screen readers then.
            view! {
                <tr role="row"><td role="cell" class="num handout-no">{i + 1}</td><th scope="row" role="rowheader" class="handout-name">{name}</th>{any_address.then(|| view! { <td role="cell" class="handout-address" data-label=s.address>{address}</td> })}
                    <td role="cell" class="num handout-arrive" data-label=s.arrive>{arrive}</td><td role="cell" class="num handout-depart" data-label=s.depart>{depart}</td><td role="cell" class="see" data-label=s.what_to_see>{summary}</td></tr>
            }
        }).collect_view();
        let url = share_url(state);
        let qr = QrMatrix::new(&url).ok();
        let note = estimate_note(
            lang,
            &mode,
            trip.mode.speed_kmh(),
            trip.mode.detour_factor(),
        );
        let totals = format!(
            "{}: {} · {}: {} · {}: {} · {}: {}",
            distance_label(lang),
            span_text(lang, &sc.span),
            s.travel_time,
            travel_total(lang, &sc),
            s.visit_time,
            duration(lang, sc.dwell_min),
            s.day_ends,
            day_end(&sc)
        );
        Some(view! {
            <article class="handout-page">
                <header class="handout-head">
                    <h1 id="handout-title">{title}</h1>
                    <p>{subtitle}</p>
                </header>
                // Until the snapshot is taken, a box of the map's height holds its place.
                {move || match snapshot.get() {
                    Some((src, at)) => view! { <img class="handout-map" src=src data-view=at alt=strings(state.lang.get()).map_of_trip /> }.into_any(),
                    None => view! { <div class="handout-map handout-map-pending" role="status">{strings(state.lang.get()).map_pending}</div> }.into_any(),
                }}
                <table class="handout-table" role="table">
                    <thead role="rowgroup"><tr role="row">
                        <th scope="col" role="columnheader">"#"</th><th scope="col" role="columnheader">{s.site}</th>{any_address.then(|| view! { <th scope="col" role="columnheader">{s.address}</th> })}
                        <th scope="col" role="columnheader">{s.arrive}</th><th scope="col" role="columnheader">{s.depart}</th><th scope="col" role="columnheader">{s.what_to_see}</th>
                    </tr></thead>
                    <tbody role="rowgroup">{rows}</tbody>
                </table>
                // Printed too: a teacher plans on paper (approximate positions, unknown legs,
                // closed days…).
                {(!warnings.is_empty()).then(|| view! {
                    <ul class="handout-warnings trip-warnings">
                        {warnings.into_iter().map(|w| view! { <li>"⚠ "{w}</li> }).collect_view()}
                    </ul>
                })}
                <div class="handout-bottom">
                    <div class="handout-totals">
                        <p><strong>{totals}</strong></p>
                        <p class="estimate-note">{note}</p>
                        <p class="handout-url">{url.clone()}</p>
                    </div>
                    {qr.map(|m| {
                        let size = m.view_size();
                        view! {
                            <figure class="handout-qr">
                                <svg viewBox=format!("0 0 {size} {size}") role="img" aria-label=s.qr_label>
                                    <rect width=size height=size fill="#fff" />
                                    <path d=m.svg_path() fill="#000" shape-rendering="crispEdges" />
                                </svg>
                                <figcaption>{s.scan_to_open}</figcaption>
                            </figure>
                        }
                    })}
                </div>
            </article>
        })
    }
}
