//! The base-map switcher: offline vector map only, or a raster tile source over it. The
//! choice (and a Tianditu key) persists in local storage.

use crate::domain::tile_sources::{self, SOURCES};
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, AppState};
use leptos::prelude::*;

const STORE_SOURCE: &str = "redmap.tiles";
const STORE_KEY: &str = "redmap.tianditu_key";

/// Restores the remembered choice into the state.
pub fn restore(state: AppState) {
    let storage = window().local_storage().ok().flatten();
    let get = |k: &str| storage.as_ref().and_then(|s| s.get_item(k).ok().flatten());
    state
        .tile_source
        .set(get(STORE_SOURCE).and_then(|id| tile_sources::by_id(&id)));
    state.tianditu_key.set(get(STORE_KEY).unwrap_or_default());
}

fn store(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(key, value);
    }
}

#[component]
pub fn BasemapSwitcher() -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let t = move || state.lang.get().t();
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    // Like any popup: a press outside it or Esc closes it (Esc gives the focus back to the
    // button).
    let _outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
        let inside = root
            .get_untracked()
            .is_some_and(|r| r.contains(target.as_ref()));
        if !inside {
            open.set(false);
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.stop_propagation();
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="basemap-switcher" node_ref=root on:keydown=on_key>
            <button
                node_ref=button
                aria-label=move || t().basemap
                title=move || t().basemap
                aria-expanded=move || open.get().to_string()
                aria-controls="basemap-options"
                on:click=move |_| open.update(|o| *o = !*o)
            >"▦"</button>
            // The choices are a chunk, downloaded when the switcher is first opened.
            <Show when=move || open.get()>
                {crate::ui::lazy::lazy(crate::ui::lazy::switcher_panel, open, "switcher-panel")}
            </Show>
        </div>
    }
}

/// The opened switcher's choices (the `switcher` chunk).
pub fn panel(_open: RwSignal<bool>) -> AnyView {
    let state = use_state();
    let t = move || state.lang.get().t();
    let choose = move |id: Option<&'static str>| {
        state.tile_source.set(id.and_then(tile_sources::by_id));
        store(STORE_SOURCE, id.unwrap_or("none"));
    };
    let option = move |id: Option<&'static str>, label: String| {
        let checked = move || state.tile_source.get().map(|s| s.id) == id;
        view! {
            <label class="switcher-option">
                <input type="radio" name="basemap" prop:checked=checked on:change=move |_| choose(id) />
                {label}
            </label>
        }
    };
    view! {
        <fieldset id="basemap-options" class="switcher-panel">
            <legend>{move || t().basemap}</legend>
            {move || {
                let lang = state.lang.get();
                let mut rows = vec![option(None, lang.t().basemap_offline.to_string()).into_any()];
                for s in SOURCES {
                    let name = if lang == Lang::Zh { s.name_zh } else { s.name_en };
                    rows.push(option(Some(s.id), name.to_string()).into_any());
                }
                rows
            }}
            <Show when=move || state.tile_source.get().is_some_and(|s| s.needs_key)>
                <label class="switcher-key">
                    {move || t().tianditu_key}
                    <input
                        type="text"
                        autocomplete="off"
                        prop:value=move || state.tianditu_key.get()
                        on:change=move |ev| {
                            let key = event_target_value(&ev).trim().to_string();
                            store(STORE_KEY, &key);
                            state.tianditu_key.set(key);
                        }
                    />
                </label>
            </Show>
            <p class="hint">{move || t().tiles_note}</p>
            <Show when=move || state.tile_source.get().is_some_and(|s| s.system != crate::domain::coords::CoordSystem::Wgs84)>
                <p class="hint">{move || t().gcj_note}</p>
            </Show>
        </fieldset>
    }
    .into_any()
}

/// The attribution line: the base map's sources, plus the tile source's.
pub fn attribution(state: AppState) -> String {
    // Names only, the same in both languages (the records cite the news reports).
    let base = "Natural Earth · GeoNames (CC BY 4.0)";
    match state.tile_source.get() {
        Some(source) => format!("{} · {base}", source.attribution),
        None => base.to_string(),
    }
}
