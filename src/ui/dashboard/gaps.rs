//! Gaps: towns and seats judged against a distance the organiser chooses (10 km at first),
//! in three groups that never claim more than the positions allow: served for certain,
//! certainly no site, and "can't tell" (with the sites placed approximately that could be
//! within the distance named). Each listed place has a button that shows it on the map,
//! centred and marked, with the distance ring.

use super::download::csv_button;
use super::{set_open, Dash};
use crate::domain::coverage::{
    find_gaps_in, gaps_csv, km, region_display_name, show_zoom, Gap, GapOptions, Nearest,
    Published, SiteSphere, DEFAULT_GAP_RADIUS_KM,
};
use crate::domain::geo::LonLat;
use crate::domain::model::Dataset;
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, PlaceMark};
use leptos::prelude::*;
use std::sync::Arc;

/// The sites in scope on the sphere, compared by identity (rebuilt per data or filter).
#[derive(Clone)]
struct Sphere(Arc<SiteSphere>);

impl PartialEq for Sphere {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn site_name(data: &Dataset, i: usize, lang: Lang) -> String {
    let s = &data.sites[i];
    match lang {
        Lang::En if !s.name_en.trim().is_empty() => s.name_en.clone(),
        _ => s.name.clone(),
    }
}

/// "74.7 ± 10.0": the distance to a site's mapped point and how far off that point may be.
fn distance_text(n: &Nearest) -> String {
    format!("{} ± {}", km(n.distance_m), km(n.radius_m))
}

#[component]
pub fn GapsSection() -> impl IntoView {
    let state = use_state();
    let dash = expect_context::<Dash>();
    let radius_km = RwSignal::new(DEFAULT_GAP_RADIUS_KM);
    // Built per data load and filter change; a new distance only queries it.
    let sphere = Memo::new(move |_| {
        let ready = dash.ready.get()?;
        let mask = state.site_mask.get();
        // The published sites: an imported layer is counted apart (see `imported`).
        let published = Published::new(&ready.index, mask.as_deref().map(Vec::as_slice));
        Some(Sphere(Arc::new(SiteSphere::new(
            &ready.loaded.dataset,
            published.scope(),
        ))))
    });
    let report = Memo::new(move |_| {
        let ready = dash.ready.get()?;
        let sphere = sphere.get()?;
        let options = GapOptions {
            radius_km: radius_km.get(),
            ..GapOptions::default()
        };
        Some(find_gaps_in(&ready.loaded.dataset, &sphere.0, &options))
    });
    let t = move || dashboard(state.lang.get());
    let csv = move || {
        let ready = dash.ready.get_untracked()?;
        report
            .get_untracked()
            .map(|r| gaps_csv(&ready.loaded.dataset, &r))
    };
    // Centres the place, marks it with the distance ring and closes the dashboard.
    let show = move |at: LonLat, name: String| {
        let Some(r) = report.get_untracked() else {
            return;
        };
        let ring_m = r.radius_km * 1000.0;
        let label = (dashboard(state.lang.get_untracked()).place_mark)(&name, r.radius_km);
        // On a phone the ring must fit, and sit in the middle of, the part of the map
        // above the bottom sheet.
        let v = state.view.get_untracked();
        let visible_h = crate::ui::map::visible_height_px(state, &v);
        let zoom = show_zoom(at.lat, ring_m, v.width_px.min(visible_h));
        state.place_mark.set(Some(PlaceMark { at, ring_m, label }));
        set_open(false);
        state
            .view
            .update(|v| *v = crate::ui::map::centre_visible(state, v, at, zoom));
    };
    let body = move || {
        let report = report.get()?;
        let ready = dash.ready.get()?;
        let data = &ready.loaded.dataset;
        let lang = state.lang.get();
        let s = dashboard(lang);
        let d = report.radius_km;
        let place = move |g: &Gap| {
            let region = &data.regions[g.region];
            let name = region_display_name(data, Some(g.region), &region.name, lang == Lang::En);
            let level = if lang == Lang::Zh {
                region.level.label_zh()
            } else {
                region.level.label_en()
            };
            (name, level)
        };
        let button = move |name: String, at: LonLat| {
            let label = format!("{}: {name}", s.show_on_map);
            view! {
                <button class="link-button" aria-label=label on:click=move |_| show(at, name.clone())>
                    {s.show_on_map}
                </button>
            }
        };
        let gap_rows = report
            .gaps
            .iter()
            .map(|g| {
                let (name, level) = place(g);
                let (nearest, distance) = match &g.nearest {
                    Some(n) => (site_name(data, n.site, lang), distance_text(n)),
                    None => (s.no_site.to_owned(), "—".to_owned()),
                };
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        <td>{level}</td>
                        <td>{nearest}</td>
                        <td class="num">{distance}</td>
                        <td>{button(name, g.position)}</td>
                    </tr>
                }
            })
            .collect_view();
        let uncertain_rows = report.uncertain.iter().map(|g| {
            let (name, level) = place(g);
            let could = g.possible.iter().map(|n| {
                view! { <li>{site_name(data, n.site, lang)}" "<span class="num">{format!("{} {}", distance_text(n), s.km_unit)}</span></li> }
            }).collect_view();
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>{level}</td>
                    <td class="dash-gap-could">{(s.could_be_within)(g.possible.len(), d)}<ul class="dash-could">{could}</ul></td>
                    <td class="dash-gap-show">{button(name, g.position)}</td>
                </tr>
            }
        }).collect_view();
        let unlocated =
            (!report.unlocated.is_empty()).then(|| (s.unlocated)(report.unlocated.len()));
        let has_gaps = !report.gaps.is_empty();
        let has_uncertain = !report.uncertain.is_empty();
        Some(view! {
            <p role="status">{(s.gaps_summary)(report.checked, report.served.len(), report.gaps.len(), report.uncertain.len(), d)}</p>
            <ul class="hint dash-groups">
                <li><strong>{s.group_served}</strong>": "{(s.group_served_means)(d)}</li>
                <li><strong>{s.group_gap}</strong>": "{(s.group_gap_means)(d)}</li>
                <li><strong>{s.group_uncertain}</strong>": "{(s.group_uncertain_means)(d)}</li>
            </ul>
            {unlocated.map(|u| view! { <p class="hint">{u}</p> })}
            <h4 id="dash-gaps-certain">{format!("{} ({})", s.group_gap, report.gaps.len())}</h4>
            {(!has_gaps).then(|| view! { <p class="hint">{s.none_in_group}</p> })}
            {has_gaps.then(|| view! {
                <div class="dash-scroll">
                    <table class="dash-table dash-gaptable" aria-labelledby="dash-gaps-certain">
                        <thead><tr>
                            <th scope="col">{s.region}</th>
                            <th scope="col">{s.level}</th>
                            <th scope="col">{s.nearest}</th>
                            <th scope="col" class="num">{s.distance_km}</th>
                            <th scope="col"><span class="visually-hidden">{s.show_on_map}</span></th>
                        </tr></thead>
                        <tbody>{gap_rows}</tbody>
                    </table>
                </div>
            })}
            <h4 id="dash-gaps-uncertain">{format!("{} ({})", s.group_uncertain, report.uncertain.len())}</h4>
            {(!has_uncertain).then(|| view! { <p class="hint">{s.none_in_group}</p> })}
            {has_uncertain.then(|| view! {
                <div class="dash-scroll">
                    <table class="dash-table dash-gaptable" aria-labelledby="dash-gaps-uncertain">
                        <thead><tr>
                            <th scope="col">{s.region}</th>
                            <th scope="col">{s.level}</th>
                            <th scope="col">{(s.could_be_within_head)(d)}</th>
                            <th scope="col"><span class="visually-hidden">{s.show_on_map}</span></th>
                        </tr></thead>
                        <tbody>{uncertain_rows}</tbody>
                    </table>
                </div>
            })}
        })
    };
    let set_radius = move |ev| {
        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
            if v.is_finite() && v >= 0.0 {
                radius_km.set(v);
            }
        }
    };
    view! {
        <section class="dash-section" aria-labelledby="dash-gaps">
            <div class="dash-section-head">
                <h3 id="dash-gaps">{move || t().gaps_title}</h3>
                {csv_button(move || dashboard(state.lang.get()).download_csv, "redmap-gaps.csv", csv)}
            </div>
            <label class="dash-field">
                {move || t().radius_label}
                <input type="number" min="0" max="500" step="1" inputmode="decimal"
                    prop:value=move || radius_km.get().to_string() on:change=set_radius />
            </label>
            {body}
        </section>
    }
}
