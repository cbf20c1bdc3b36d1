//! The selected site's or route's details: everything the data says of it, with its sources
//! and the precision of its position in plain words. Text from data is always rendered as
//! text (Leptos escapes it); links only for http(s) URLs.

use crate::domain::coverage::{bar_chart, group_digits};
use crate::domain::model::{choose, script_runs, Dataset, Route, Site, Source, TextLang};
use crate::domain::safe_url::is_http_url;
use crate::domain::stats::site_activities;
use crate::ui::i18n::discover::{discover, radius_text};
use crate::ui::i18n::later::later;
use crate::ui::i18n::Lang;
use crate::ui::map::style::kind_style;
use crate::ui::state::{use_state, Selection};
use leptos::prelude::*;

#[component]
pub fn DetailsPanel() -> impl IntoView {
    let state = use_state();
    move || {
        let data = state.data.get()?;
        let lang = state.lang.get();
        let close = move |_| state.selected.set(None);
        let body = match state.selected.get() {
            Some(Selection::Site(i)) => site_view(&data.dataset, data.dataset.sites.get(i)?, lang, state.later_loading.get()).into_any(),
            Some(Selection::Route(i)) => route_view(&data.dataset, data.dataset.routes.get(i)?, data.route_stops.get(i).map_or(&[][..], Vec::as_slice), lang).into_any(),
            None if !state.stack.with(|s| s.is_empty()) => return Some(stack_view(&data.dataset, state.stack.get(), lang).into_any()),
            None => return Some(view! {
                <section class="panel-section"><p class="hint">{lang.t().select_hint}</p></section>
            }.into_any()),
        };
        Some(view! {
            <section class="panel-section details" aria-labelledby="details-heading">
                <div class="details-head">
                    <div>{body}</div>
                    <button class="close-button" on:click=close aria-label=lang.t().close>"×"</button>
                </div>
            </section>
        }.into_any())
    }
}

/// Sites sharing one placement (a cluster that never splits): a list to choose from.
fn stack_view(dataset: &Dataset, sites: Vec<usize>, lang: Lang) -> impl IntoView {
    let state = use_state();
    let heading = match lang {
        Lang::Zh => format!("此处有 {} 个地点（位置相同或相近）", sites.len()),
        Lang::En => format!("{} sites at this position", sites.len()),
    };
    let items = sites.into_iter().filter_map(|i| {
        let site = dataset.sites.get(i)?;
        let name = pick(lang, &site.name, &site.name_en).to_string();
        Some(view! {
            <li><button class="link-button" on:click=move |_| state.selected.set(Some(Selection::Site(i)))>{name}</button>" "<super::AddToTripButton site=site.id.clone() /></li>
        })
    }).collect_view();
    view! {
        <section class="panel-section details" aria-labelledby="stack-heading">
            <h2 id="stack-heading">{heading}</h2>
            <ul class="activity-list">{items}</ul>
        </section>
    }
}

fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En && !en.is_empty() {
        en
    } else {
        zh
    }
}

/// `later_loading`: activities and visit counts are not in yet (src/ui/load.rs).
fn site_view(dataset: &Dataset, site: &Site, lang: Lang, later_loading: bool) -> impl IntoView {
    let t = lang.t();
    let style = kind_style(site.kind);
    let kind = pick(lang, site.kind.label_zh(), site.kind.label_en()).to_string();
    // The administrative place in English where the data gives it (`admin_en`).
    let joined = |a: &crate::domain::model::AdminPlace| {
        let parts: Vec<&str> = a.parts().iter().filter_map(|p| p.as_deref()).collect();
        parts.join(" · ")
    };
    let admin_en = joined(&site.admin_en);
    let admin = if lang == Lang::En && !admin_en.is_empty() {
        admin_en
    } else {
        joined(&site.admin)
    };
    let precision = format!(
        "{} ({})",
        pick(
            lang,
            site.precision.level.label_zh(),
            site.precision.level.label_en()
        ),
        radius_text(lang, site.precision.ring_radius_m()),
    );
    let note = site.precision.note_in(lang.text_lang()).map(|note| {
        view! { " — "{data_text(lang, note.text, note.lang)} }
    });
    // The name in the other language, marked as such.
    let (second_name, second_lang) = if lang == Lang::En {
        (site.name.clone(), TextLang::Zh)
    } else {
        (site.name_en.clone(), TextLang::En)
    };
    let d = discover(lang);
    view! {
        <h2 id="details-heading">{pick(lang, &site.name, &site.name_en).to_string()}</h2>
        <p class="name-en" lang=second_lang.html_lang()>{second_name}</p>
        <span class="kind-badge" style:background-color=style.fill>{kind}</span>
        <div class="details-actions"><super::AddToTripButton site=site.id.clone() /></div>
        <dl>
            {field(lang, t.address, site.address.clone())}
            {field(lang, t.admin_place, (!admin.is_empty()).then_some(admin))}
            {choose(lang.text_lang(), &site.summary, &site.summary_en).map(|s| view! {
                <dt>{t.summary}</dt><dd>{data_text(lang, s.text, s.lang)}</dd>
            })}
            {field(lang, d.designation, site.designation.clone())}
            {field(lang, d.opening_hours, site.opening_hours.clone())}
            {field(lang, d.booking, site.booking.clone())}
        </dl>
        <h3>{t.position}</h3>
        <p class="precision-note">{precision}{note}</p>
        {links(site)}
        {if later_loading {
            view! { <p class="hint" role="status">{later(lang).activities}</p> }.into_any()
        } else {
            view! {
                {activities_view(dataset, site, lang)}
                <h3>{t.visits}</h3>
                {visits_view(dataset, site, lang)}
            }
            .into_any()
        }}
        {routes_through(dataset, site, lang)}
        {super::nearby::nearby_view(dataset, site, lang)}
        {extra_table(&site.extra, t.properties)}
        <h3>{t.sources}</h3>
        {sources_list(&site.sources, lang)}
    }
}

/// A text from the data, `written` in one language (or a mix: an English note naming
/// 西樵镇): each run in a language other than the UI's is marked with `lang`, so that the
/// browser (and a screen reader) reads it as what it is.
fn data_text(ui: Lang, text: &str, written: TextLang) -> impl IntoView {
    let runs = script_runs(text, written)
        .into_iter()
        .map(|(run, lang)| {
            let run = run.to_string();
            if lang == ui.text_lang() {
                run.into_any()
            } else {
                view! { <span lang=lang.html_lang()>{run}</span> }.into_any()
            }
        })
        .collect_view();
    view! { <span class="data-text">{runs}</span> }
}

/// Each source: its document (a file name or a catalogue id such as "GeoNames 1784853",
/// kept as written) and what it says, marked with the language it is written in.
fn sources_list(sources: &[Source], lang: Lang) -> impl IntoView {
    let items = sources
        .iter()
        .map(|s| {
            // The coordinates taken from a catalogue read in the UI's language.
            let zh = (lang == Lang::Zh)
                .then(|| {
                    crate::domain::coverage::coordinates_used_zh(&s.says).or_else(|| {
                        crate::domain::import::imported_says_zh(&s.says).map(str::to_owned)
                    })
                })
                .flatten();
            let says = zh.unwrap_or_else(|| s.says.clone());
            view! { <li><strong class="source-doc" translate="no">{s.doc.clone()}</strong>": "{data_text(lang, &says, lang.text_lang())}</li> }
        })
        .collect_view();
    view! { <ul class="sources-list">{items}</ul> }
}

/// A field of Chinese text as the data gives it (an address, a designation), any Latin run
/// in it marked as such.
fn field(lang: Lang, label: &'static str, value: Option<String>) -> Option<impl IntoView> {
    value.map(|v| view! { <dt>{label}</dt><dd>{data_text(lang, &v, TextLang::Zh)}</dd> })
}

/// Only http(s) links are shown as links; anything else (javascript:, data:) is dropped.
fn links(site: &Site) -> Option<impl IntoView> {
    let safe: Vec<_> = site
        .links
        .iter()
        .filter(|l| is_http_url(&l.url))
        .cloned()
        .collect();
    (!safe.is_empty()).then(|| view! {
        <ul class="sources-list">
            {safe.into_iter().map(|l| view! {
                <li><a href=l.url.clone() target="_blank" rel="noopener noreferrer">{l.title.clone()}</a></li>
            }).collect_view()}
        </ul>
    })
}

fn activities_view(dataset: &Dataset, site: &Site, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let summary = site_activities(dataset, &site.id);
    let heading = format!("{} ({})", t.activities, summary.activities.len());
    // Totals only of figures the sources give; "≥" when some records lack one.
    let mut parts = Vec::new();
    if summary.activities.iter().any(|a| a.sessions.is_some()) {
        parts.push(format!("{}: {}", t.sessions, summary.sessions));
    }
    if summary.activities.iter().any(|a| a.participants.is_some()) {
        let lower_bound = if summary.without_participants > 0 {
            "≥ "
        } else {
            ""
        };
        parts.push(format!(
            "{}: {lower_bound}{}",
            t.participants, summary.participants
        ));
    }
    let totals = (!parts.is_empty()).then(|| parts.join(" · "));
    let items = summary
        .activities
        .iter()
        .map(|a| {
            let mut meta = vec![
                a.date.words(lang == Lang::Zh),
                pick(lang, a.kind.label_zh(), a.kind.label_en()).to_string(),
            ];
            if let Some(r) = a.recurrence {
                meta.push(pick(lang, r.label_zh(), r.label_en()).to_string());
            }
            if let Some(s) = a.sessions {
                meta.push(format!("{}: {s}", t.sessions));
            }
            if let Some(p) = a.participants {
                meta.push(format!("{}: {p}", t.participants));
            }
            view! {
                <li>
                    <div>{choose(lang.text_lang(), &a.title, &a.title_en).map(|s| data_text(lang, s.text, s.lang))}</div>
                    <div class="activity-meta">{meta.join(" · ")}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>{heading}</h3>
        {totals.map(|t| view! { <p class="activity-meta">{t}</p> })}
        {summary.activities.is_empty().then(|| view! { <p class="hint">{t.no_activities}</p> })}
        <ol class="activity-list">{items}</ol>
    }
}

/// Visitors over time: bars by period (year or month, as the data gives them) with the
/// figure on hover/focus, and the same figures in a table for screen readers.
fn visits_view(dataset: &Dataset, site: &Site, lang: Lang) -> impl IntoView {
    let mut visits: Vec<_> = dataset.visits_for_site(&site.id).collect();
    visits.sort_by_key(|v| v.period);
    if visits.is_empty() {
        return view! { <p class="hint">{lang.t().no_visits}</p> }.into_any();
    }
    let items: Vec<(String, u64)> = visits
        .iter()
        .map(|v| (v.period.to_string(), v.visitors))
        .collect();
    let chart = bar_chart(&items, VISIT_CHART_W_PX, VISIT_CHART_H_PX);
    let base = chart.base_y_px;
    let bars = chart.bars.into_iter().map(|bar| {
        let tip = format!("{}: {}", bar.label, group_digits(bar.value));
        let aria = tip.clone();
        let label = bar.show_label.then(|| view! {
            <text class="tick" x=format!("{:.1}", bar.x_px + bar.w_px / 2.0) y=format!("{:.1}", base + 14.0) text-anchor="middle">{bar.label.clone()}</text>
        });
        view! {
            <g tabindex="0" aria-label=aria>
                <title>{tip}</title>
                <rect class="visit-bar" x=format!("{:.1}", bar.x_px) y=format!("{:.1}", bar.y_px) width=format!("{:.1}", bar.w_px) height=format!("{:.1}", bar.h_px) />
                {label}
            </g>
        }
    }).collect_view();
    view! {
        <svg class="visit-chart" viewBox=format!("0 0 {VISIT_CHART_W_PX} {VISIT_CHART_H_PX}") role="img" aria-label=lang.t().visits>
            {bars}
        </svg>
        <table class="kv-table">
            <tbody>
            {visits.into_iter().map(|v| view! { <tr><th>{v.period.to_string()}</th><td>{group_digits(v.visitors)}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}

const VISIT_CHART_W_PX: f64 = 320.0;
const VISIT_CHART_H_PX: f64 = 120.0;

fn routes_through(dataset: &Dataset, site: &Site, lang: Lang) -> Option<impl IntoView> {
    let state = use_state();
    let routes: Vec<(usize, String)> = dataset
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.stops_at(&site.id))
        .map(|(i, r)| (i, pick(lang, &r.name, &r.name_en).to_string()))
        .collect();
    (!routes.is_empty()).then(|| view! {
        <h3>{lang.t().routes_here}</h3>
        <ul class="sources-list">
            {routes.into_iter().map(|(i, name)| view! {
                <li><button class="link-button" on:click=move |_| state.selected.set(Some(Selection::Route(i)))>{name}</button></li>
            }).collect_view()}
        </ul>
    })
}

fn extra_table(extra: &[(String, String)], heading: &'static str) -> Option<impl IntoView> {
    (!extra.is_empty()).then(|| view! {
        <h3>{heading}</h3>
        <table class="kv-table">
            <tbody>
            {extra.iter().map(|(k, v)| view! { <tr><th scope="row">{k.clone()}</th><td>{v.clone()}</td></tr> }).collect_view()}
            </tbody>
        </table>
    })
}

/// `stop_sites`: the route's stops as site indices, resolved once per load
/// (`Loaded::route_stops`), not by an index of every site at each render.
fn route_view(
    dataset: &Dataset,
    route: &Route,
    stop_sites: &[Option<usize>],
    lang: Lang,
) -> impl IntoView {
    let state = use_state();
    let t = lang.t();
    let stops: Vec<(usize, Option<usize>, String)> = route
        .stops
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let i = stop_sites.get(n).copied().flatten();
            let name = i
                .and_then(|i| dataset.sites.get(i))
                .map(|s| pick(lang, &s.name, &s.name_en).to_string())
                .unwrap_or_else(|| id.as_str().to_string());
            (n + 1, i, name)
        })
        .collect();
    view! {
        <h2 id="details-heading">{pick(lang, &route.name, &route.name_en).to_string()}</h2>
        <p class="name-en">{route_theme(route, lang)}{(!route.theme.is_empty()).then_some(" · ")}{format!("{} {}", route.stops.len(), t.stops)}</p>
        <p>{choose(lang.text_lang(), &route.description, &route.description_en).map(|s| data_text(lang, s.text, s.lang))}</p>
        <ol class="activity-list">
            {stops.into_iter().map(|(_, i, name)| match i {
                Some(i) => view! { <li><button class="link-button" on:click=move |_| state.selected.set(Some(Selection::Site(i)))>{name}</button></li> }.into_any(),
                None => view! { <li>{name}</li> }.into_any(),
            }).collect_view()}
        </ol>
        <h3>{t.sources}</h3>
        {sources_list(&route.sources, lang)}
    }
}

/// A route's theme in the UI's language (`theme_en`), else as written, marked.
pub fn route_theme(route: &Route, lang: Lang) -> Option<impl IntoView> {
    choose(lang.text_lang(), &route.theme, &route.theme_en).map(|s| data_text(lang, s.text, s.lang))
}
