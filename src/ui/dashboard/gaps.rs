//! Gaps: towns and seats with no site within a distance the organiser chooses (10 km at
//! first), farthest first, each with its nearest site and a button that shows the place
//! on the map.

use super::download::csv_button;
use super::{set_open, Dash};
use crate::domain::coverage::{
    find_gaps_in, gaps_csv, km, GapOptions, Published, SiteSphere, DEFAULT_GAP_RADIUS_KM,
};
use crate::domain::geo::LonLat;
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::sync::Arc;

/// The zoom a gap is shown at: a 10 km ring fills a phone screen.
const SHOW_ZOOM: f64 = 11.0;

/// The sites in scope on the sphere, compared by identity (rebuilt per data or filter).
#[derive(Clone)]
struct Sphere(Arc<SiteSphere>);

impl PartialEq for Sphere {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
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
    let show = move |p: LonLat| {
        set_open(false);
        state
            .view
            .update(|v| *v = v.with_center(p).with_zoom(SHOW_ZOOM));
    };
    let body = move || {
        let report = report.get()?;
        let ready = dash.ready.get()?;
        let data = &ready.loaded.dataset;
        let lang = state.lang.get();
        let s = dashboard(lang);
        let rows = report.gaps.iter().map(|g| {
            let region = &data.regions[g.region];
            let name = match lang {
                Lang::En if !region.name_en.is_empty() => region.name_en.clone(),
                _ => region.name.clone(),
            };
            let level = if lang == Lang::Zh { region.level.label_zh() } else { region.level.label_en() };
            let (nearest, distance) = match g.nearest {
                Some(n) => (data.sites[n.site].name.clone(), km(n.distance_m)),
                None => (s.no_site.to_owned(), "—".to_owned()),
            };
            let at = g.position;
            let label = format!("{}: {name}", s.show_on_map);
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{level}</td>
                    <td>{nearest}</td>
                    <td class="num">{distance}</td>
                    <td><button class="link-button" aria-label=label on:click=move |_| show(at)>{s.show_on_map}</button></td>
                </tr>
            }
        }).collect_view();
        let unlocated =
            (!report.unlocated.is_empty()).then(|| (s.unlocated)(report.unlocated.len()));
        Some(view! {
            <p role="status">{(s.gaps_summary)(report.gaps.len(), report.checked, report.radius_km)}</p>
            {unlocated.map(|u| view! { <p class="hint">{u}</p> })}
            <div class="dash-scroll">
                <table class="dash-table">
                    <thead><tr>
                        <th scope="col">{s.region}</th>
                        <th scope="col">{s.level}</th>
                        <th scope="col">{s.nearest}</th>
                        <th scope="col" class="num">{s.distance_km}</th>
                        <th scope="col"><span class="visually-hidden">{s.show_on_map}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
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
