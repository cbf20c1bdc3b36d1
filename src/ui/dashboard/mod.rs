//! The coverage dashboard (issue 7): headline totals, reported vs mapped, activities by
//! month, gaps, and breakdowns by region, kind and activity type, over the loaded data and
//! the current filters (`site_mask`), each with a CSV download. All figures come from
//! `domain::coverage`; this folder only lays them out.
//!
//! Shown over the map area when `state.dashboard` is on (URL `?view=dashboard`), so the
//! map keeps its place and the filters stay what they were.

mod chart;
mod chart_export;
mod download;
mod gaps;
mod headline;
mod imported;
mod reported;
mod tables;

use crate::domain::coverage::{CoverageIndex, Published, Scope};
use crate::domain::model::Dataset;
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::state::{use_state, Loaded};
use crate::ui::url;
use leptos::prelude::*;
use std::sync::Arc;

/// The loaded data with its coverage index, built once per data load.
#[derive(Clone)]
pub(crate) struct Ready {
    pub loaded: Arc<Loaded>,
    pub index: Arc<CoverageIndex>,
}

impl PartialEq for Ready {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.loaded, &other.loaded)
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Dash {
    pub ready: Memo<Option<Ready>>,
}

/// A figure over the published data in scope (the user's imported layers are counted
/// apart, in [`imported::ImportedSection`]), recomputed when the data or the filters change.
pub(crate) fn figure<T>(f: fn(&Dataset, &CoverageIndex, Scope) -> T) -> Memo<Option<T>>
where
    T: PartialEq + Send + Sync + 'static,
{
    figure_over(f, true)
}

/// A figure over everything the filters let through, imported layers included.
pub(crate) fn figure_with_imports<T>(f: fn(&Dataset, &CoverageIndex, Scope) -> T) -> Memo<Option<T>>
where
    T: PartialEq + Send + Sync + 'static,
{
    figure_over(f, false)
}

/// `f` over the records the filters let through: the published ones only, or all.
fn figure_over<T>(
    f: fn(&Dataset, &CoverageIndex, Scope) -> T,
    published_only: bool,
) -> Memo<Option<T>>
where
    T: PartialEq + Send + Sync + 'static,
{
    let state = use_state();
    let dash = expect_context::<Dash>();
    Memo::new(move |_| {
        let ready = dash.ready.get()?;
        let mask = state.site_mask.get();
        let mask = mask.as_deref().map(Vec::as_slice);
        let data = &ready.loaded.dataset;
        Some(if published_only {
            f(
                data,
                &ready.index,
                Published::new(&ready.index, mask).scope(),
            )
        } else {
            f(data, &ready.index, Scope::sites(mask))
        })
    })
}

/// Opens or closes the dashboard and keeps the URL in step.
pub fn set_open(open: bool) {
    let state = use_state();
    state.dashboard.set(open);
    if open {
        // A place shown from the gaps stays marked until the dashboard is opened again.
        state.place_mark.set(None);
    }
    url::set_params(&[("view", open.then(|| "dashboard".to_owned()))]);
}

#[component]
pub fn DashboardView() -> impl IntoView {
    let state = use_state();
    // Not before activities and visit counts are in: partial totals would be wrong figures.
    let ready = Memo::new(move |_| {
        if state.later_loading.get() {
            return None;
        }
        state.data.get().map(|loaded| Ready {
            index: Arc::new(CoverageIndex::new(&loaded.dataset)),
            loaded,
        })
    });
    provide_context(Dash { ready });
    let t = move || dashboard(state.lang.get());
    // The published sites (imported ones are counted apart) and how many the filters show.
    let scope = move || {
        let ready = ready.get();
        let imported = ready.as_ref().map(|r| &r.index.imported);
        let published = |i: usize| imported.is_none_or(|m| m.is_empty() || m.sites[i].is_none());
        let all_sites = state
            .data
            .with(|d| d.as_ref().map_or(0, |d| d.dataset.sites.len()));
        let all = (0..all_sites).filter(|&i| published(i)).count();
        let with_imports = imported.is_some_and(|m| !m.is_empty());
        match state.site_mask.get() {
            Some(mask) => {
                let shown = (0..all_sites)
                    .filter(|&i| published(i) && mask.get(i).copied().unwrap_or(true))
                    .count();
                (t().scope_filtered)(shown, all)
            }
            None if with_imports => t().scope_published.to_owned(),
            None => t().scope_all.to_owned(),
        }
    };
    let presenting = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Section>::new();
    // Leaving fullscreen by Esc (or the browser's own control) leaves presentation mode
    // too, so the toggle's label follows; the event fires at the element that was shown
    // fullscreen, so the listener lives and goes with it.
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                if document().fullscreen_element().is_none() {
                    let _ = presenting.try_set(false);
                }
            })
            .into_js_value();
            let _ = el.add_event_listener_with_callback(
                "fullscreenchange",
                wasm_bindgen::JsCast::unchecked_ref(&on_change),
            );
        }
    });
    let present = move |_| {
        let on = !presenting.get_untracked();
        presenting.set(on);
        match (on, root.get_untracked()) {
            (true, Some(el)) => {
                let _ = el.request_fullscreen();
            }
            _ => {
                if document().fullscreen_element().is_some() {
                    document().exit_fullscreen();
                }
            }
        }
    };
    view! {
        <section
            class=move || if presenting.get() { "dashboard presenting" } else { "dashboard" }
            aria-labelledby="dash-title"
            node_ref=root
        >
            <header class="dash-head">
                <h2 id="dash-title">{move || t().title}</h2>
                <p class="dash-scope">{scope}</p>
                <button class="dash-button" aria-pressed=move || presenting.get().to_string() on:click=present>
                    {move || if presenting.get() { t().exit_present } else { t().present }}
                </button>
                <button class="dash-button" on:click=move |_| set_open(false)>{move || t().back}</button>
            </header>
            <Show
                when=move || ready.with(Option::is_some)
                fallback=move || view! { <p class="hint">{move || t().loading}</p> }
            >
                <headline::Headline />
                <imported::ImportedSection />
                <crate::ui::thematic::ThematicSwitch />
                <reported::ReportedTable />
                <chart::MonthChart />
                <gaps::GapsSection />
                <tables::RegionsTable />
                <tables::KindTables />
            </Show>
        </section>
    }
}
