//! The app shell: header, map area, side panel (a bottom sheet on a phone), loading
//! indicator and the list of data problems.

use super::i18n::Lang;
use super::lazy;
use super::map::MapView;
use super::panels::{LoadError, LoadingIndicator, SearchBox};
use super::state::{AppState, Sheet};
use super::{load, url};
use crate::domain::permalink;
use leptos::prelude::*;

/// The app: one page, the map, whatever the path (the URL's query carries the state; no
/// router, which was ~18 KB of wasm for a single route).
#[component]
pub fn App() -> impl IntoView {
    view! { <MapPage /> }
}

/// The map page: reads the URL once, starts loading, and lays out the shell.
#[component]
fn MapPage() -> impl IntoView {
    let (link, problems) = permalink::parse(&url::query_pairs());
    let lang = link
        .lang
        .clone()
        .or_else(url::stored_lang)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::Zh);
    let state = AppState::new(lang);
    state.url_problems.set(problems);
    let dashboard = url::query_pairs()
        .iter()
        .any(|(k, v)| k == "view" && v == "dashboard");
    state.dashboard.set(dashboard);
    // `?embed=1`: a chrome-less map for iframes (no header, no side panel; see ui/embed.rs).
    let embed = super::embed::from_url();
    provide_context(state);
    provide_context(link.clone());
    super::discover::provide(state);
    if let Some(data_url) = &link.data_url {
        let stated = link.precision.or_else(|| {
            url::stored_data_precision(data_url)
                .and_then(|c| crate::domain::import::StatedPrecision::parse(&c))
        });
        state.data_precision.set(stated.unwrap_or_default());
    }
    load::start(state, link.data_url.clone());
    super::panels::trip::start_trip(state);
    // Keep <html lang> in step with the UI language, for screen readers and fonts.
    Effect::new(move || {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.html_lang());
        }
    });

    // The places of the dashboard, the handout and the shared-trip dialog come with the
    // `late` chunk, right after the map's first frame (src/ui/map/late.rs).
    let late = lazy::after_first_frame();
    view! {
        <div class="app" class:embed=embed>
            {(!embed).then(|| view! { <Header /> })}
            <main class="main">
                <div class="map-area">
                    <MapView />
                    <LoadingIndicator />
                    {embed.then(|| view! { <div class="embed-error"><LoadError /></div> })}
                </div>
                {(!embed).then(|| view! { <SidePanel /> })}
                {lazy::lazy_kept(late, lazy::shell_overlays, true, "late-chunk")}
            </main>
            {lazy::lazy_kept(late, lazy::shell_overlays, false, "late-chunk")}
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = super::state::use_state();
    let t = move || state.lang.get().t();
    let switch = move |_| {
        let next = state.lang.get_untracked().other();
        state.lang.set(next);
        url::store_lang(next.code());
        url::set_params(&[("lang", Some(next.code().to_string()))]);
    };
    view! {
        <header class="app-header">
            <h1>
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <path d="M16 2c-5.5 0-10 4.3-10 9.7C6 19 16 30 16 30s10-11 10-18.3C26 6.3 21.5 2 16 2z" fill="#fff" />
                    <path d="M16 6.5l1.6 3.4 3.7.4-2.8 2.5.8 3.6-3.3-1.9-3.3 1.9.8-3.6-2.8-2.5 3.7-.4z" fill="#c8102e" />
                </svg>
                <span>{move || t().app_title}</span>
            </h1>
            <span class="subtitle">{move || t().app_subtitle}</span>
            <span class="spacer"></span>
            <SearchBox />
            <button
                class="header-button"
                aria-pressed=move || state.dashboard.get().to_string()
                aria-label=move || t().dashboard_label
                on:click=move |_| super::dashboard::set_open(!state.dashboard.get_untracked())
            >
                {move || t().dashboard}
            </button>
            <button
                class="header-button"
                on:click=switch
                aria-label=move || t().switch_lang_label
                lang=move || state.lang.get().other().html_lang()
            >
                {move || t().switch_lang}
            </button>
        </header>
    }
}

#[component]
fn SidePanel() -> impl IntoView {
    let state = super::state::use_state();
    let t = move || state.lang.get().t();
    let class = move || match state.sheet.get() {
        Sheet::Collapsed => "side-panel collapsed",
        Sheet::Half => "side-panel",
        Sheet::Expanded => "side-panel expanded",
    };
    let cycle = move |_| {
        state.sheet.update(|s| {
            *s = match s {
                Sheet::Collapsed => Sheet::Half,
                Sheet::Half => Sheet::Expanded,
                Sheet::Expanded => Sheet::Collapsed,
            }
        })
    };
    view! {
        <aside class=class aria-label=move || t().panel_label>
            <button
                class="sheet-handle"
                on:click=cycle
                aria-label=move || t().expand_panel
                aria-expanded=move || (state.sheet.get() == Sheet::Expanded).to_string()
            ></button>
            <LoadError />
            // The sections are a chunk downloaded once the map's first frame is drawn; the
            // panel keeps its size meanwhile (a loading line in it). Built once: rebuilt on a
            // language switch, the import section's listeners outlived its disposed state and
            // panicked ("reactive value ... already been disposed", src/ui/import/panel.rs).
            {lazy::lazy_kept(lazy::after_first_frame(), lazy::side_panel, (), "side-panel-body")}
        </aside>
    }
}
