//! The themed routes panel: every route of the data with its theme, number of stops, length
//! and estimated duration. Opening one selects it (the map draws it highlighted with
//! numbered stops and fits it, see `map::follow_selection`); the stepper then walks through
//! its stops (previous / next) with each stop's details, ringing the stop on the map.

use super::AddToTripButton;
use crate::domain::export::{file_name, route_plan, Format};
use crate::domain::trip::summarise_routes;
use crate::ui::i18n::trip::{duration, stop_of, trip as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, Selection};
use leptos::prelude::*;

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::En && !en.is_empty() {
        en
    } else {
        zh
    }
    .to_string()
}

#[component]
pub fn RoutesPanel() -> impl IntoView {
    let state = use_state();
    let summaries = Memo::new(move |_| {
        state.data.with(|d| {
            d.as_ref()
                .map(|d| summarise_routes(&d.dataset, &d.route_stops))
        })
    });
    let selected_route = Memo::new(move |_| match state.selected.get() {
        Some(Selection::Route(i)) => Some(i),
        _ => None,
    });
    move || {
        let lang = state.lang.get();
        let s = strings(lang);
        let data = state.data.get()?;
        let list = summaries.get()?;
        let items = data.dataset.routes.iter().zip(list).enumerate().map(|(i, (route, sum))| {
            let mode = pick(lang, sum.mode.label_zh(), sum.mode.label_en());
            let mode = if sum.mode_assumed { format!("{mode}, {}", s.assumed) } else { mode };
            let meta = if !sum.length_known() {
                format!(
                    "{} {} · {} · {} {}",
                    sum.stops, s.stop_word, sum.span.text(lang == Lang::En), s.visits_take, duration(lang, sum.dwell_min)
                )
            } else {
                format!(
                    "{} {} · {} · ≈ {} ({mode})",
                    sum.stops, s.stop_word, sum.span.text(lang == Lang::En), duration(lang, sum.total_min())
                )
            };
            let open = move |_| {
                let again = state.selected.get_untracked() == Some(Selection::Route(i));
                state.selected.set(if again { None } else { Some(Selection::Route(i)) });
            };
            view! {
                <li class:selected=move || selected_route.get() == Some(i)>
                    <button class="route-open" aria-expanded=move || (selected_route.get() == Some(i)).to_string() on:click=open>
                        <span class="route-name">{pick(lang, &route.name, &route.name_en)}</span>
                        <span class="route-meta">{super::details::route_theme(route, lang)}</span>
                        <span class="route-meta">{meta}</span>
                    </button>
                    {move || (selected_route.get() == Some(i)).then(|| view! { <Stepper route=i /> })}
                </li>
            }
        }).collect_view();
        let empty = data
            .dataset
            .routes
            .is_empty()
            .then(|| view! { <p class="hint">{s.no_routes}</p> });
        Some(view! {
            <section class="panel-section routes-panel" aria-labelledby="routes-heading">
                <h2 id="routes-heading">{s.routes}" "<span class="count">{format!("({})", data.dataset.routes.len())}</span></h2>
                {empty}
                <ul class="route-list">{items}</ul>
            </section>
        })
    }
}

/// Previous / next through a route's stops, with the current stop's details.
#[component]
fn Stepper(route: usize) -> impl IntoView {
    let state = use_state();
    let step = RwSignal::new(None::<usize>);
    // Ring the current stop on the map and bring it into view; clear the ring on leaving.
    Effect::new(move || {
        let site = step.get().and_then(|k| {
            state.data.with_untracked(|d| {
                let ds = &d.as_ref()?.dataset;
                let id = ds.routes.get(route)?.stops.get(k)?;
                ds.sites.iter().position(|s| &s.id == id)
            })
        });
        state.trip.focus.set(site);
        if let Some(pos) = site.and_then(|i| {
            state
                .data
                .with_untracked(|d| d.as_ref()?.dataset.sites.get(i).map(|s| s.position))
        }) {
            state
                .view
                .update(|v| *v = v.with_center(pos).with_zoom(v.zoom.max(11.0)));
        }
    });
    on_cleanup(move || state.trip.focus.set(None));
    move || {
        let lang = state.lang.get();
        let s = strings(lang);
        let data = state.data.get()?;
        let ds = &data.dataset;
        let r = ds.routes.get(route)?;
        let n = r.stops.len();
        let add_all = {
            let ids = r.stops.clone();
            move |_| {
                let ids = ids.clone();
                // The mode the route's card states or assumes (summarised on the click only:
                // it resolves the route's stops).
                let mode = state
                    .data
                    .with_untracked(|d| {
                        let d = d.as_ref()?;
                        Some(
                            crate::domain::trip::summarise_route(
                                d.dataset.routes.get(route)?,
                                &d.dataset,
                            )
                            .mode,
                        )
                    })
                    .unwrap_or_default();
                // A new trip takes the route's mode, as its card assumes it: said so.
                let lang = state.lang.get_untracked();
                let s = strings(lang);
                let mut said = format!("{} ✓", s.add_route_stops);
                if state.trip.trip.with_untracked(|t| t.is_empty()) {
                    let label = pick(lang, mode.label_zh(), mode.label_en());
                    said = format!("{said} · {}: {label}", s.mode);
                }
                state.trip.change_with_undo(said, |t| {
                    t.add_route(ids, mode);
                });
            }
        };
        let export = {
            let plan = route_plan(r, ds, lang == Lang::En);
            let stem = format!("route-{}", r.id);
            move |f: Format| {
                super::trip::download_text(&file_name(&stem, f), f.mime(), &f.write(&plan));
            }
        };
        let current = step
            .get()
            .and_then(|k| Some((k, ds.site(r.stops.get(k)?)?.clone())));
        // The straight line from the previous stop, as certain as the two are placed
        // (worded as the route list and the trip word it).
        let from_previous = current.as_ref().and_then(|(k, site)| {
            let before = ds.site(r.stops.get(k.checked_sub(1)?)?)?;
            let radius = |s: &crate::domain::model::Site| s.precision.ring_radius_m();
            let l = crate::domain::trip::leg(
                before.position,
                radius(before),
                site.position,
                radius(site),
                crate::domain::trip::Mode::Walk,
            );
            Some(format!(
                "↓ {} ({})",
                l.span.text(lang == Lang::En),
                s.leg_from_previous
            ))
        });
        let detail = current.map(|(k, site)| {
            let kind = pick(lang, site.kind.label_zh(), site.kind.label_en());
            let place = [Some(kind), site.address.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <div class="stop-detail">
                    {from_previous.clone().map(|l| view! { <p class="activity-meta route-leg">{l}</p> })}
                    <h3>{format!("{}. {}", k + 1, pick(lang, &site.name, &site.name_en))}</h3>
                    <p class="activity-meta">{place}</p>
                    <p>{pick(lang, &site.summary, &site.summary_en)}</p>
                    {site.opening_hours.clone().map(|h| view! { <p class="activity-meta">{h}</p> })}
                    <AddToTripButton site=site.id.clone() />
                </div>
            }
        });
        let position = step
            .get()
            .map(|k| stop_of(lang, k + 1, n))
            .unwrap_or_default();
        Some(view! {
            <div class="route-stepper">
                <div class="stepper-nav">
                    <button disabled=move || step.get().is_none_or(|k| k == 0)
                        on:click=move |_| step.update(|k| *k = k.map(|k| k.saturating_sub(1)))>{s.prev_stop}</button>
                    <span aria-live="polite">{position}</span>
                    <button disabled=move || step.get().is_some_and(|k| k + 1 >= n)
                        on:click=move |_| step.update(|k| *k = Some(k.map_or(0, |k| (k + 1).min(n.saturating_sub(1)))))>
                        {if step.get().is_none() { s.first_stop } else { s.next_stop }}
                    </button>
                </div>
                {detail}
                <div class="button-row">
                    <button on:click=add_all>{s.add_route_stops}</button>
                </div>
                <div class="button-row" role="group" aria-label=s.export_route>
                    <span class="row-label">{s.export_route}</span>
                    {Format::ALL.into_iter().map(|f| {
                        let export = export.clone();
                        view! { <button on:click=move |_| export(f)>{f.label()}</button> }
                    }).collect_view()}
                </div>
            </div>
        })
    }
}
