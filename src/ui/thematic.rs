//! The thematic map (issue 7): proportional circles per region over the map, by sites,
//! activity records or participants (after the filters), with a legend, a level choice, a
//! table of the values, and "back to the normal map". Circles, not shading: the regions
//! are centre points without outlines (see `domain::coverage::thematic`).
//!
//! Two mount points: [`ThematicSwitch`] (a dashboard section that turns it on) and
//! [`ThematicOverlay`] (an SVG over the map area, redrawn when the camera moves).

use crate::domain::coverage::{
    by_region, levels_present, place_values, proportional_circles, region_display_name,
    value_box_px, CoverageIndex, Published, RegionBreakdown, Thematic, ThemeMeasure, ValueLabel,
};
use crate::domain::model::RegionLevel;
use crate::domain::model::{admin_name_en, Dataset};
use crate::ui::i18n::thematic::{legend_title, measure_label, thematic as strings, value_text};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::sync::Arc;

/// The largest circle's radius, CSS px.
const MAX_RADIUS_PX: f64 = 36.0;
/// A zero is drawn as an empty ring of this radius.
const ZERO_RING_PX: f64 = 4.0;

/// The dashboard's switch: one button per measure; it closes the dashboard to show the map.
#[component]
pub fn ThematicSwitch() -> impl IntoView {
    let state = use_state();
    let t = move || strings(state.lang.get());
    view! {
        <section class="dash-section" aria-labelledby="dash-thematic">
            <div class="dash-section-head"><h3 id="dash-thematic">{move || t().switch_title}</h3></div>
            <p class="hint">{move || t().switch_intro}</p>
            <div class="thematic-switch">
                {ThemeMeasure::ALL.into_iter().map(|m| view! {
                    <button class="dash-button" aria-pressed=move || (state.thematic.get() == Some(m)).to_string()
                        on:click=move |_| {
                            state.thematic.set(Some(m));
                            crate::ui::dashboard::set_open(false);
                        }>
                        {move || measure_label(state.lang.get(), m)}
                    </button>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
pub fn ThematicOverlay() -> impl IntoView {
    let state = use_state();
    let level = RwSignal::new(RegionLevel::County);
    // The site and route layers step back while the circles are shown, and come back after.
    let saved = StoredValue::new(None::<(bool, bool)>);
    Effect::new(move || {
        let on = state.thematic.get().is_some();
        match (on, saved.get_value()) {
            (true, None) => {
                saved.set_value(Some((
                    state.show_sites.get_untracked(),
                    state.show_routes.get_untracked(),
                )));
                state.show_sites.set(false);
                state.show_routes.set(false);
            }
            (false, Some((sites, routes))) => {
                saved.set_value(None);
                state.show_sites.set(sites);
                state.show_routes.set(routes);
            }
            _ => {}
        }
    });
    // On entering, the map moves to show every drawn circle once.
    let fitted = StoredValue::new(false);
    Effect::new(move || {
        let on = state.thematic.get().is_some();
        if !on {
            fitted.set_value(false);
            return;
        }
        if fitted.get_value() {
            return;
        }
        let Some(data) = state.data.get() else { return };
        let level_now = level.get_untracked();
        let points = data
            .dataset
            .regions
            .iter()
            .filter(|r| r.level == level_now)
            .filter_map(|r| r.geometry.as_ref()?.centre());
        let bbox = crate::domain::geo::BBox::from_points(points);
        if !bbox.is_empty() {
            fitted.set_value(true);
            state
                .view
                .update(|v| *v = v.fit_bounds(&bbox, MAX_RADIUS_PX * 2.0));
        }
    });
    // The circles and legend (and the coverage figures they need) are a chunk, downloaded
    // when the thematic map is first turned on.
    view! {
        <Show when=move || state.thematic.get().is_some()>
            {crate::ui::lazy::lazy(crate::ui::lazy::thematic_view, level, "thematic-chunk")}
        </Show>
    }
}

/// The circles over the map and the legend (the `thematic` chunk), at region `level`.
pub fn overlay(level: RwSignal<RegionLevel>) -> AnyView {
    let state = use_state();
    let breakdown = Memo::new(move |_| {
        state.thematic.get()?;
        let data = state.data.get()?;
        let mask = state.site_mask.get();
        let index = CoverageIndex::new(&data.dataset);
        // The published data, as the dashboard's table by region counts it: the user's
        // imported layers are listed apart there, not shaded into the regions here.
        let published = Published::new(&index, mask.as_deref().map(Vec::as_slice));
        Some(Arc::new(by_region(
            &data.dataset,
            &index,
            published.scope(),
        )))
    });
    let circles = Memo::new(move |_| {
        let measure = state.thematic.get()?;
        let b = breakdown.get()?;
        let data = state.data.get()?;
        Some(Arc::new(proportional_circles(
            &data.dataset,
            &b,
            level.get(),
            measure,
            MAX_RADIUS_PX,
        )))
    });
    let view = move || {
        let measure = state.thematic.get()?;
        let b = breakdown.get()?;
        Some(view! {
            {circles_svg(circles)}
            {legend(measure, level, b, circles)}
        })
    };
    view.into_any()
}

fn circles_svg(circles: Memo<Option<Arc<Thematic>>>) -> impl IntoView {
    let state = use_state();
    view! {
        <svg class="thematic-layer" aria-hidden="true">
            {move || {
                let t = circles.get()?;
                let data = state.data.get()?;
                let english = state.lang.get() == Lang::En;
                let view_now = state.view.get();
                // Values go where they overlap no other value (largest circle first); one
                // left out is in the circle's hover title and in the table of values.
                let drawn: Vec<_> = t.circles.iter().map(|c| {
                    let p = view_now.lonlat_to_screen(c.position);
                    let r = if c.value == 0 { ZERO_RING_PX } else { c.radius_px.max(2.0) };
                    (c, p, r, value_text(c.value, c.at_least))
                }).collect();
                let boxes: Vec<ValueLabel> = drawn.iter().map(|(_, p, r, label)| {
                    let (w, h) = value_box_px(label.chars().count());
                    ValueLabel { x_px: p.x_px, y_px: p.y_px, radius_px: *r, width_px: w, height_px: h }
                }).collect();
                let spots = place_values(&boxes, view_now.width_px, view_now.height_px);
                Some(drawn.into_iter().zip(spots).map(|((c, p, r, label), spot)| {
                    let name = region_display_name(&data.dataset, Some(c.region), &c.name, english);
                    let title = format!("{name}: {label}");
                    view! {
                        <g>
                            // An SVG <title> (the hover text): `view!` would make an HTML one.
                            {leptos::tachys::svg::title().child(title)}
                            <circle class=if c.value == 0 { "thematic-zero" } else { "thematic-circle" }
                                class:thematic-unlabelled=spot.is_none()
                                cx=p.x_px cy=p.y_px r=r />
                            {spot.map(|s| view! {
                                <text class="thematic-value" x=s.x_px y=s.y_px>{label}</text>
                            })}
                        </g>
                    }
                }).collect_view())
            }}
        </svg>
    }
}

fn legend(
    measure: ThemeMeasure,
    level: RwSignal<RegionLevel>,
    b: Arc<RegionBreakdown>,
    circles: Memo<Option<Arc<Thematic>>>,
) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let t = move || strings(lang());
    let levels = levels_present(&b);
    let level_options = levels
        .into_iter()
        .map(|l| {
            view! { <option value=l.as_str() selected=move || level.get() == l>{move || if lang() == Lang::Zh { l.label_zh() } else { l.label_en() }}</option> }
        })
        .collect_view();
    let measure_options = ThemeMeasure::ALL
        .into_iter()
        .map(|m| {
            view! { <option value=measure_index(m).to_string() selected=move || state.thematic.get() == Some(m)>{move || measure_label(lang(), m)}</option> }
        })
        .collect_view();
    view! {
        <section class="thematic-legend" aria-labelledby="thematic-title">
            <h2 id="thematic-title">{move || legend_title(lang(), measure, level.get())}</h2>
            <div class="thematic-controls">
                <label>{move || t().measure}" "
                    <select on:change=move |ev| {
                        let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        state.thematic.set(ThemeMeasure::ALL.get(i).copied());
                    }>{measure_options}</select>
                </label>
                <label>{move || t().level}" "
                    <select on:change=move |ev| {
                        if let Some(l) = RegionLevel::parse(&event_target_value(&ev)) { level.set(l); }
                    }>{level_options}</select>
                </label>
            </div>
            {move || { let c = circles.get()?; let data = state.data.get()?; Some(legend_body(&c, &data.dataset, lang())) }}
            <button class="dash-button thematic-back" on:click=move |_| state.thematic.set(None)>{move || t().back}</button>
        </section>
    }
}

fn measure_index(m: ThemeMeasure) -> usize {
    ThemeMeasure::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// A region with no position, by name: its record's English name, or for a place only the
/// sites' `admin` names (越秀区: no region record) the English name they give (`admin_en`).
fn not_drawn_name(data: &Dataset, region: Option<usize>, name: &str, english: bool) -> String {
    match (region, english) {
        (None, true) => admin_name_en(&data.sites, name).unwrap_or(name).to_string(),
        _ => region_display_name(data, region, name, english),
    }
}

fn legend_body(c: &Thematic, data: &Dataset, lang: Lang) -> impl IntoView {
    let t = strings(lang);
    let english = lang == Lang::En;
    // Room above the largest circle for its value's label.
    let height = c.legend.first().map_or(0.0, |l| l.1 * 2.0 + 12.0);
    let svg = (!c.legend.is_empty()).then(|| {
        let bottom = height - 2.0;
        let cx = MAX_RADIUS_PX + 2.0;
        let items = c
            .legend
            .iter()
            .map(|(v, r)| {
                view! {
                    <circle class="thematic-circle" cx=cx cy=bottom - r r=*r />
                    <line class="thematic-tick" x1=cx x2=cx * 2.0 + 8.0 y1=bottom - 2.0 * r y2=bottom - 2.0 * r />
                    <text class="thematic-legend-value" x=cx * 2.0 + 12.0 y=bottom - 2.0 * r + 4.0>{crate::domain::coverage::group_digits(*v)}</text>
                }
            })
            .collect_view();
        view! {
            <svg class="thematic-legend-svg" width=MAX_RADIUS_PX * 2.0 + 70.0 height=height aria-hidden="true">{items}</svg>
        }
    });
    let mut rows: Vec<(String, String)> = c
        .circles
        .iter()
        .map(|x| {
            let name = region_display_name(data, Some(x.region), &x.name, english);
            (name, value_text(x.value, x.at_least))
        })
        .collect();
    rows.sort();
    let not_drawn = (!c.not_drawn.is_empty()).then(|| {
        let list = c
            .not_drawn
            .iter()
            .map(|n| {
                let name = not_drawn_name(data, n.region, &n.name, english);
                format!("{name} {}", value_text(n.value, n.at_least))
            })
            .collect::<Vec<_>>()
            .join(t.list_separator);
        view! { <p class="hint">{format!("{}: {list}", t.not_drawn)}</p> }
    });
    let empty = (c.circles.is_empty() && c.not_drawn.is_empty())
        .then(|| view! { <p class="hint">{t.nothing}</p> });
    view! {
        {svg}
        <p class="hint">{t.area_note}</p>
        {not_drawn}
        {empty}
        <details class="thematic-values">
            <summary>{t.values}</summary>
            <table>
                <thead><tr><th scope="col">{t.region}</th><th scope="col">{t.value}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(n, v)| view! { <tr><th scope="row">{n}</th><td>{v}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
