//! The header's search box: the ARIA combobox pattern (input + listbox of grouped results,
//! ArrowUp/Down/Enter/Escape), results as you type. Choosing a site selects it (the details
//! open, the ring marks it) and flies the map there; a route is selected and fitted; a
//! region is flown to. Ranking is `domain::search`.

use crate::domain::model::{Dataset, RegionLevel};
use crate::domain::search::SearchResults;
use crate::ui::discover::{pinyin_note, search_index, use_discover};
use crate::ui::i18n::discover::{discover, results_n};
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, AppState, Selection, Sheet};
use leptos::prelude::*;

/// Results shown per group.
const PER_GROUP: usize = 6;
/// Zoom the map flies to for a chosen site.
pub const SITE_ZOOM: f64 = 14.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Site(usize),
    Route(usize),
    Region(usize),
}

fn items(r: &SearchResults) -> Vec<Item> {
    let sites = r.sites.iter().map(|h| Item::Site(h.index));
    let routes = r.routes.iter().map(|h| Item::Route(h.index));
    let regions = r.regions.iter().map(|h| Item::Region(h.index));
    sites.chain(routes).chain(regions).collect()
}

/// (main label, secondary label) of a result in the UI language.
fn labels(ds: &Dataset, item: Item, lang: Lang) -> (String, String) {
    let pair = |zh: &str, en: &str| match lang {
        Lang::En if !en.is_empty() => (en.to_string(), zh.to_string()),
        _ => (zh.to_string(), en.to_string()),
    };
    let found = match item {
        Item::Site(i) => ds.sites.get(i).map(|s| {
            let (name, _) = pair(&s.name, &s.name_en);
            // In English the sites' own English admin names (admin_en), part by part.
            let en = lang == Lang::En;
            let place = [
                (&s.admin.county, &s.admin_en.county),
                (&s.admin.town, &s.admin_en.town),
            ]
            .iter()
            .filter_map(
                |(zh, e)| match (zh.as_deref(), e.as_deref().map(str::trim)) {
                    (_, Some(e)) if en && !e.is_empty() => Some(e),
                    (zh, _) => zh,
                },
            )
            .collect::<Vec<_>>()
            .join(if en { ", " } else { " " });
            let kind = if lang == Lang::Zh {
                s.kind.label_zh()
            } else {
                s.kind.label_en()
            };
            (name, format!("{kind} · {place}"))
        }),
        Item::Route(i) => ds.routes.get(i).map(|r| pair(&r.name, &r.name_en)),
        Item::Region(i) => ds.regions.get(i).map(|r| pair(&r.name, &r.name_en)),
    };
    found.unwrap_or_default()
}

/// Selects / flies to a chosen result.
fn choose(state: AppState, ds: &Dataset, item: Item) {
    state.sheet.update(|s| {
        if *s == Sheet::Collapsed {
            *s = Sheet::Half
        }
    });
    match item {
        Item::Site(i) => {
            state.selected.set(Some(Selection::Site(i)));
            if let Some(site) = ds.sites.get(i) {
                let p = site.position;
                // After the selection's own follow-up, so this zoom wins.
                request_animation_frame(move || state.focus.set(Some((p, SITE_ZOOM))));
            }
        }
        Item::Route(i) => state.selected.set(Some(Selection::Route(i))),
        Item::Region(i) => {
            if let Some(r) = ds.regions.get(i) {
                let zoom = match r.level {
                    RegionLevel::Province => 7.0,
                    RegionLevel::City => 9.0,
                    RegionLevel::County => 10.0,
                    RegionLevel::Town => 12.0,
                };
                if let Some(c) = r.geometry.as_ref().and_then(|g| g.centre()) {
                    state.focus.set(Some((c, zoom)));
                }
            }
        }
    }
}

/// What the search box (main module) and its results (the `search` chunk) share.
#[derive(Clone, Copy)]
pub struct SearchUi {
    pub query: RwSignal<String>,
    pub open: RwSignal<bool>,
    /// The highlighted option (ArrowUp/Down), an index into the flat list of results.
    pub active: RwSignal<Option<usize>>,
    /// How many options the results list now (set by the results).
    pub count: RwSignal<usize>,
    /// Enter on an option: the results choose it and clear this.
    pub chosen: RwSignal<Option<usize>>,
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let state = use_state();
    let ui = SearchUi {
        query: RwSignal::new(String::new()),
        open: RwSignal::new(false),
        active: RwSignal::new(None),
        count: RwSignal::new(0),
        chosen: RwSignal::new(None),
    };
    let SearchUi {
        query,
        open,
        active,
        count,
        chosen,
    } = ui;
    // The results' code is a chunk: fetched after the map's first frame and the side panel
    // (which a slow phone gets first), or at once when the box is used before that.
    let used = RwSignal::new(false);
    let first_frame = crate::ui::lazy::after_first_frame();
    let panel = crate::ui::lazy::side_panel_settled();
    let ready = Signal::derive(move || used.get() || (first_frame.get() && panel.get()));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = count.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                let down = ev.key() == "ArrowDown";
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                    })
                });
            }
            "Enter" if n > 0 => {
                ev.prevent_default();
                chosen.set(Some(active.get_untracked().unwrap_or(0).min(n - 1)));
            }
            "Escape" => {
                ev.stop_propagation();
                if open.get_untracked() {
                    open.set(false);
                } else {
                    query.set(String::new());
                }
                active.set(None);
            }
            _ => {}
        }
    };
    let t = move || discover(state.lang.get());
    let expanded = move || open.get() && !query.with(|q| q.trim().is_empty());
    view! {
        <div class="search" role="search">
            <label for="search-input" class="visually-hidden">{move || t().search_label}</label>
            <input
                id="search-input"
                class="search-input"
                type="search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls="search-results"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("search-opt-{i}"))
                placeholder=move || t().search_placeholder
                prop:value=move || query.get()
                on:input=move |ev| {
                    used.set(true);
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:focus=move |_| {
                    used.set(true);
                    open.set(true);
                }
                on:blur=move |_| open.set(false)
                on:keydown=on_key
            />
            // Until the results' chunk is in, its loading line stands where they will be.
            // A press in the popup (an option, "Try again") keeps the focus in the box, so
            // the popup stays open for the click.
            <div class="search-results-slot" hidden=move || !expanded()
                on:mousedown=move |ev| ev.prevent_default()>
                {crate::ui::lazy::lazy_when(ready, crate::ui::lazy::search_results, ui, "search-popup")}
            </div>
        </div>
    }
}

/// The results under the box (the `search` chunk): the listbox of grouped results, the
/// "no results" line and the live count; it builds the search index when the box is opened.
pub fn results(ui: SearchUi) -> AnyView {
    let state = use_state();
    let d = use_discover();
    let SearchUi {
        query,
        open,
        active,
        count,
        chosen,
    } = ui;
    // The index is built on first use of the box (not at load: 100k sites take a moment),
    // and again while the box is open when a data load dropped it (activities arriving).
    Effect::new(move || {
        state.data.track();
        if open.get() && d.index.with(Option::is_none) {
            search_index(state, d);
        }
    });
    let results = Memo::new(move |_| {
        let index = d.index.get()?;
        Some(query.with(|q| index.search(q, PER_GROUP)))
    });
    let flat = move || results.with(|r| r.as_ref().map(items).unwrap_or_default());
    Effect::new(move || count.set(flat().len()));
    let pick = move |item: Item| {
        if let Some(data) = state.data.get_untracked() {
            query.set(labels(&data.dataset, item, state.lang.get_untracked()).0);
            choose(state, &data.dataset, item);
        }
        open.set(false);
        active.set(None);
    };
    Effect::new(move || {
        if let Some(k) = chosen.get() {
            chosen.set(None);
            if let Some(item) = flat().get(k).copied() {
                pick(item);
            }
        }
    });
    let t = move || discover(state.lang.get());
    let expanded = move || open.get() && !query.with(|q| q.trim().is_empty());
    view! {
        <div class="search-popup" hidden=move || !expanded()>
            <ul id="search-results" role="listbox" aria-label=move || t().search_results>
                {move || result_groups(state, results.get(), active.get(), pick)}
            </ul>
            <p class="search-empty" hidden=move || !flat().is_empty()>{move || t().no_results}</p>
            {pinyin_note(state, d, query)}
        </div>
        <div class="visually-hidden" aria-live="polite">
            {move || expanded().then(|| results_n(state.lang.get(), flat().len()))}
        </div>
    }
    .into_any()
}

/// The groups of the listbox: a labelled `role=group` per non-empty group.
fn result_groups(
    state: AppState,
    results: Option<SearchResults>,
    active: Option<usize>,
    pick: impl Fn(Item) + Copy + Send + Sync + 'static,
) -> Option<impl IntoView> {
    let data = state.data.get_untracked()?;
    let lang = state.lang.get_untracked();
    let t = discover(lang);
    let all = items(&results?);
    let groups = [
        (
            t.group_sites,
            "sites",
            all.iter().filter(|i| matches!(i, Item::Site(_))).count(),
        ),
        (
            t.group_routes,
            "routes",
            all.iter().filter(|i| matches!(i, Item::Route(_))).count(),
        ),
        (
            t.group_regions,
            "regions",
            all.iter().filter(|i| matches!(i, Item::Region(_))).count(),
        ),
    ];
    let mut n = 0;
    let views = groups
        .into_iter()
        .filter(|g| g.2 > 0)
        .map(|(label, key, count)| {
            let options = (n..n + count).map(|k| {
            let item = all[k];
            let (main, secondary) = labels(&data.dataset, item, lang);
            view! {
                <li role="option" id=format!("search-opt-{k}") class="search-option"
                    class:active=active == Some(k) aria-selected=(active == Some(k)).to_string()
                    on:mousedown=move |ev| { ev.prevent_default(); pick(item) }>
                    <span class="search-main">{main}</span>
                    <span class="search-secondary">{secondary}</span>
                </li>
            }
        }).collect_view();
            n += count;
            let id = format!("search-group-{key}");
            view! {
                <li role="presentation">
                    <div class="search-group-label" id=id.clone() aria-hidden="true">{label}</div>
                    <ul role="group" aria-labelledby=id>{options}</ul>
                </li>
            }
        })
        .collect_view();
    Some(views)
}
