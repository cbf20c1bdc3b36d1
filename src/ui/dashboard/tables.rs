//! Breakdown tables: by region (the province → city → county → town tree, indented), by
//! site kind and by activity type.

use super::download::csv_button;
use super::figure;
use crate::domain::coverage::{
    by_region, group_digits, region_display_name, regions_csv, totals, ActivityFigures,
};
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

/// Participants as "≥ N" when some records give no figure, "—" when none gives one.
fn participants(a: &ActivityFigures) -> String {
    match (a.participants_missing, a.participants) {
        (0, n) => group_digits(n),
        (_, 0) => "—".to_owned(),
        (_, n) => format!("≥ {}", group_digits(n)),
    }
}

#[component]
pub fn RegionsTable() -> impl IntoView {
    let state = use_state();
    let breakdown = figure(by_region);
    let t = move || dashboard(state.lang.get());
    let csv = move || breakdown.get_untracked().map(|b| regions_csv(&b));
    let dash = expect_context::<super::Dash>();
    let body = move || {
        let b = breakdown.get()?;
        let ready = dash.ready.get()?;
        let data = &ready.loaded.dataset;
        let lang = state.lang.get();
        let s = dashboard(lang);
        let row = |depth: usize,
                   name: String,
                   level: Option<&'static str>,
                   c: crate::domain::coverage::PlaceCounts| {
            // CSSOM (`style:`), not a `style` attribute: the CSP blocks inline style attributes.
            let indent = format!("{}px", 6 + depth * 18);
            view! {
                <tr>
                    <th scope="row" style:padding-left=indent>
                        {name}
                        {level.map(|l| view! { <span class="dash-level">{l}</span> })}
                    </th>
                    <td class="num" data-label=s.sites>{group_digits(c.sites as u64)}</td>
                    <td class="num" data-label=s.routes>{group_digits(c.routes as u64)}</td>
                    <td class="num" data-label=s.activities>{group_digits(c.activities.records as u64)}</td>
                    <td class="num" data-label=s.participants>{participants(&c.activities)}</td>
                </tr>
            }
        };
        let mut rows: Vec<AnyView> = b
            .rows
            .iter()
            .map(|r| {
                let level = if lang == Lang::Zh {
                    r.level.label_zh()
                } else {
                    r.level.label_en()
                };
                let name = region_display_name(data, r.region, &r.name, lang == Lang::En);
                row(r.depth, name, Some(level), r.counts).into_any()
            })
            .collect();
        let u = b.unplaced;
        if u.sites + u.routes + u.activities.records > 0 {
            rows.push(row(0, s.unplaced.to_owned(), None, u).into_any());
        }
        Some(view! {
            <div class="dash-scroll">
                <table class="dash-table dash-tree">
                    <thead><tr>
                        <th scope="col">{s.region}</th>
                        <th scope="col" class="num">{s.sites}</th>
                        <th scope="col" class="num">{s.routes}</th>
                        <th scope="col" class="num">{s.activities}</th>
                        <th scope="col" class="num">{s.participants}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <section class="dash-section" aria-labelledby="dash-regions">
            <div class="dash-section-head">
                <h3 id="dash-regions">{move || t().regions_title}</h3>
                {csv_button(move || dashboard(state.lang.get()).download_csv, "redmap-regions.csv", csv)}
            </div>
            {body}
        </section>
    }
}

#[component]
pub fn KindTables() -> impl IntoView {
    let state = use_state();
    let figures = figure(totals);
    move || {
        let t = figures.get()?;
        let lang = state.lang.get();
        let s = dashboard(lang);
        let zh = lang == Lang::Zh;
        let kinds = t.by_kind.iter().filter(|k| k.any_role > 0).map(|k| view! {
            <tr>
                <th scope="row">{if zh { k.kind.label_zh() } else { k.kind.label_en() }}</th>
                <td class="num">{group_digits(k.main as u64)}</td>
                <td class="num">{group_digits(k.any_role as u64)}</td>
            </tr>
        }).collect_view();
        let types = t.by_type.iter().map(|f| view! {
            <tr>
                <th scope="row">{if zh { f.kind.label_zh() } else { f.kind.label_en() }}</th>
                <td class="num">{group_digits(f.figures.records as u64)}</td>
                <td class="num">{participants(&f.figures)}</td>
            </tr>
        }).collect_view();
        Some(view! {
            <div class="dash-pair">
                <section class="dash-section" aria-labelledby="dash-kinds">
                    <h3 id="dash-kinds">{s.kinds_title}</h3>
                    <table class="dash-table">
                        <thead><tr>
                            <th scope="col">{s.kind}</th>
                            <th scope="col" class="num">{s.main_kind}</th>
                            <th scope="col" class="num">{s.any_role}</th>
                        </tr></thead>
                        <tbody>{kinds}</tbody>
                    </table>
                </section>
                <section class="dash-section" aria-labelledby="dash-types">
                    <h3 id="dash-types">{s.types_title}</h3>
                    <table class="dash-table">
                        <thead><tr>
                            <th scope="col">{s.activity_type}</th>
                            <th scope="col" class="num">{s.records}</th>
                            <th scope="col" class="num">{s.participants}</th>
                        </tr></thead>
                        <tbody>{types}</tbody>
                    </table>
                </section>
            </div>
        })
    }
}
