//! The filters section: kind checkboxes with counts that follow the other filters, region,
//! theme and activity-type pickers, "has activities", the time slider, and how many sites
//! are shown. Every change goes to `Discover::filter` (then the map's mask and the URL).

use super::time_slider::TimeSlider;
use crate::domain::filter::{self, Filter};
use crate::domain::model::{choose, ActivityType, RegionId};
use crate::ui::discover::use_discover;
use crate::ui::i18n::discover::{discover, showing};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

fn label(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

#[component]
pub fn FiltersPanel() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let kind_counts = Memo::new(move |_| {
        let (data, links) = (state.data.get()?, d.links.get()?);
        let totals = filter::kind_counts(&data.dataset, &links, &Filter::default());
        let now = d
            .filter
            .with(|f| filter::kind_counts(&data.dataset, &links, f));
        Some(
            now.into_iter()
                .zip(totals)
                .filter(|(_, t)| t.1 > 0)
                .map(|(n, _)| n)
                .collect::<Vec<_>>(),
        )
    });
    let shown = move || {
        // Before the sites are in (the map may already show them, from `sites.points`):
        // "loading", never "0 of 0".
        let Some(total) = state
            .data
            .with(|d| d.as_ref().map(|d| d.dataset.sites.len()))
        else {
            return state.lang.get().t().loading.to_string();
        };
        let n = state.site_mask.with(|m| {
            m.as_ref()
                .map_or(total, |m| m.iter().filter(|&&b| b).count())
        });
        showing(state.lang.get(), n, total)
    };
    let active_n = move || {
        d.filter.with(|f| {
            [
                !f.kinds.is_empty(),
                !f.regions.is_empty(),
                !f.themes.is_empty(),
                !f.activity_types.is_empty(),
                f.has_activities,
                f.date_range.is_some(),
            ]
            .iter()
            .filter(|&&b| b)
            .count()
        })
    };
    let t = move || discover(state.lang.get());
    view! {
        <details class="panel-section filters" prop:open=move || d.filters_open.get()
            on:toggle=move |ev| d.filters_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>
                <h2>{move || t().filters}
                    <span class="count">{move || match active_n() { 0 => String::new(), n => format!(" ({n})") }}</span>
                </h2>
            </summary>
            <p class="filter-summary" aria-live="polite">{shown}</p>
            <fieldset class="kind-filter">
                <legend>{move || t().kind}</legend>
                <ul>
                    {move || kind_counts.get().unwrap_or_default().into_iter().map(|(kind, n)| {
                        let id = format!("filter-kind-{}", kind.as_str());
                        let checked = move || d.filter.with(|f| f.kinds.contains(&kind));
                        let toggle = move |ev| {
                            let on = event_target_checked(&ev);
                            d.filter.update(|f| {
                                f.kinds.retain(|k| *k != kind);
                                if on { f.kinds.push(kind) }
                            })
                        };
                        let lang = state.lang.get();
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle />
                                <label for=id>{label(lang, kind.label_zh(), kind.label_en())}" "<span class="count">{format!("({n})")}</span></label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || {
                    let sum: usize = kind_counts.get().unwrap_or_default().iter().map(|(_, n)| n).sum();
                    let sites = state.data.with(|d| d.as_ref().map_or(0, |d| d.dataset.sites.len()));
                    (sum > sites).then(|| view! { <p class="hint kind-note">{t().kind_counts_note}</p> })
                }}
            </fieldset>
            <Pickers />
            <div class="filter-row">
                <input type="checkbox" id="filter-has-activities"
                    prop:checked=move || d.filter.with(|f| f.has_activities)
                    on:change=move |ev| d.filter.update(|f| f.has_activities = event_target_checked(&ev)) />
                <label for="filter-has-activities">{move || t().has_activities}</label>
            </div>
            <TimeSlider />
            <button class="text-button" on:click=move |_| { d.playing.set(false); d.filter.set(Filter::default()) }
                disabled=move || d.filter.with(Filter::is_empty)>
                {move || t().reset_filters}
            </button>
        </details>
    }
}

/// Region, theme and activity-type selects (one value each; "any" clears).
#[component]
fn Pickers() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let options = Memo::new(move |_| {
        let data = state.data.get()?;
        let lang = state.lang.get();
        let ds = &data.dataset;
        let regions: Vec<(String, String, String)> = filter::regions_in_tree_order(ds)
            .into_iter()
            .map(|(i, depth)| {
                let r = &ds.regions[i];
                // The name in the UI's language (English where the data gives one).
                let name = choose(lang.text_lang(), &r.name, &r.name_en).map_or("", |s| s.text);
                (r.id.to_string(), "\u{3000}".repeat(depth), name.to_owned())
            })
            .collect();
        let types: Vec<ActivityType> = ActivityType::ALL
            .iter()
            .copied()
            .filter(|t| ds.activities.iter().any(|a| a.kind == *t))
            .collect();
        let mut themes: Vec<(String, String, Option<&'static str>)> = filter::theme_names(ds)
            .into_iter()
            .map(|n| match (lang, n.en) {
                (Lang::En, Some(en)) => (n.key, en, None),
                // No English name: shown as written, marked Chinese.
                (Lang::En, None) => (n.key.clone(), n.key, Some("zh-CN")),
                (Lang::Zh, _) => (n.key.clone(), n.key, None),
            })
            .collect();
        if lang == Lang::En {
            themes.sort_by_key(|t| t.1.to_lowercase());
        }
        Some((regions, themes, types))
    });
    let t = move || discover(state.lang.get());
    let any = move || view! { <option value="">{t().any}</option> };
    // Each option knows whether it is chosen, so a filter from the URL shows even though
    // the options arrive with the data, after the select.
    view! {
        <div class="filter-grid">
            <label for="filter-region">{move || t().region}</label>
            <select id="filter-region"
                on:change=move |ev| { let v = event_target_value(&ev); d.filter.update(|f| f.regions = if v.is_empty() { vec![] } else { vec![RegionId::from(v)] }) }>
                {any}
                {move || options.get().map(|o| o.0.into_iter().map(|(id, indent, name)| {
                    let rid = RegionId::from(id.as_str());
                    view! { <option value=id prop:selected=move || d.filter.with(|f| f.regions.first() == Some(&rid))>{indent}{name}</option> }
                }).collect_view())}
            </select>
            <label for="filter-theme">{move || t().theme}</label>
            <select id="filter-theme"
                on:change=move |ev| { let v = event_target_value(&ev); d.filter.update(|f| f.themes = if v.is_empty() { vec![] } else { vec![v] }) }>
                {any}
                {move || options.get().map(|o| o.1.into_iter().map(|(value, name, mark)| {
                    let key = value.clone();
                    view! { <option value=value lang=mark prop:selected=move || d.filter.with(|f| f.themes.first() == Some(&key))>{name}</option> }
                }).collect_view())}
            </select>
            <label for="filter-activity-type">{move || t().activity_type}</label>
            <select id="filter-activity-type"
                on:change=move |ev| { let v = event_target_value(&ev); d.filter.update(|f| f.activity_types = ActivityType::parse(&v).into_iter().collect()) }>
                {any}
                {move || {
                    let lang = state.lang.get();
                    options.get().map(|o| o.2.into_iter().map(|a| view! { <option value=a.as_str() prop:selected=move || d.filter.with(|f| f.activity_types.first() == Some(&a))>{label(lang, a.label_zh(), a.label_en())}</option> }).collect_view())
                }}
            </select>
        </div>
    }
}
