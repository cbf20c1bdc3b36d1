//! Layer toggles and the legend: symbol and colour per kind, with counts.

use crate::domain::filter::shown_by_kind;
use crate::ui::i18n::Lang;
use crate::ui::map::style::{kind_style, svg_path};
use crate::ui::state::use_state;
use leptos::prelude::*;

#[component]
pub fn LayersPanel() -> impl IntoView {
    let state = use_state();
    let counts = Memo::new(move |_| {
        // Site counts follow the filters (the mask), as the map does.
        let mask = state.site_mask.get();
        let mask = mask.as_deref().map(|m| m.as_slice());
        state.data.with(|d| {
            d.as_ref().map(|d| {
                let ds = &d.dataset;
                let by_kind = shown_by_kind(ds, mask);
                (
                    by_kind.iter().map(|(_, n)| n).sum::<usize>(),
                    ds.routes.len(),
                    ds.regions.len(),
                    by_kind,
                )
            })
        })
    });
    move || {
        let (sites, routes, regions, by_kind) = counts.get()?;
        let lang = state.lang.get();
        let t = lang.t();
        let toggle = |label: &'static str, n: usize, signal: RwSignal<bool>, id: &'static str| {
            view! {
                <li>
                    <input type="checkbox" id=id prop:checked=move || signal.get()
                        on:change=move |ev| signal.set(event_target_checked(&ev)) />
                    <label for=id>{label}" "<span class="count">{format!("({n})")}</span></label>
                </li>
            }
        };
        Some(view! {
            <section class="panel-section" aria-labelledby="layers-heading">
                <h2 id="layers-heading">{t.layers}</h2>
                <ul class="layer-list">
                    {toggle(t.sites_layer, sites, state.show_sites, "layer-sites")}
                    {toggle(t.routes_layer, routes, state.show_routes, "layer-routes")}
                    {toggle(t.regions_layer, regions, state.show_regions, "layer-regions")}
                </ul>
                <ul class="legend-list" aria-label=t.kind>
                    {by_kind.into_iter().map(|(kind, n)| {
                        let style = kind_style(kind);
                        let label = if lang == Lang::Zh { kind.label_zh() } else { kind.label_en() };
                        view! {
                            <li>
                                <svg class="legend-symbol" viewBox="0 0 16 16" aria-hidden="true">
                                    <path d=svg_path(style.shape) fill=style.fill stroke="#fff" stroke-width="1" />
                                </svg>
                                <span>{label}" "<span class="count">{n}</span></span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="hint legend-note">{t.legend_note}</p>
            </section>
        })
    }
}
