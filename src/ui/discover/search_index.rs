//! The search index of the loaded data, and the pinyin table it needs (issue 2).
//!
//! The table (`pinyin.bin`, see `domain::search::pinyin_table`) is a data file fetched once,
//! right after the map's first frame, instead of ~250 KB compiled into the first view's
//! wasm. Until it is in, the index matches Chinese characters and English; when it arrives,
//! an index already built is built again with it, so results for "yjl" appear by
//! themselves. If it cannot be fetched (offline before the service worker has it, a server
//! without the file), search goes on without pinyin and the box says so under its results.

use super::Discover;
use crate::domain::search::{PinyinTable, SearchIndex};
use crate::ui::fetch::{fetch_chunks, resolve_url};
use crate::ui::i18n::pinyin::pinyin as strings;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Where the table is served, relative to the page (index.html copies it there).
const TABLE_URL: &str = "pinyin.bin";

/// Where the pinyin table is (`Discover::pinyin`).
#[derive(Clone, Debug, Default)]
pub enum Pinyin {
    /// Not asked for yet (before the first frame).
    #[default]
    Idle,
    Loading,
    Ready(Arc<PinyinTable>),
    /// Could not be fetched or read (the console says why): search has no pinyin.
    Failed,
}

/// Fetches the table once the first data has drawn (call once, from `discover::provide`).
pub fn fetch_after_first_frame(state: AppState, d: Discover) {
    Effect::new(move || {
        if matches!(state.load.get(), LoadState::Ready) {
            // After the frame that draws the data: the table never delays the first view.
            request_animation_frame(move || set_timeout(move || start(state, d), Duration::ZERO));
        }
    });
}

fn start(state: AppState, d: Discover) {
    if !matches!(d.pinyin.get_untracked(), Pinyin::Idle) {
        return;
    }
    d.pinyin.set(Pinyin::Loading);
    leptos::task::spawn_local(async move {
        let next = match fetch_table().await {
            Ok(table) => Pinyin::Ready(Arc::new(table)),
            Err(message) => {
                web_sys::console::warn_1(&format!("redmap: no pinyin search: {message}").into());
                Pinyin::Failed
            }
        };
        let ready = matches!(next, Pinyin::Ready(_));
        d.pinyin.set(next);
        // An index built without the table (the box was used already) is built again.
        if ready && d.index.get_untracked().is_some() {
            build(state, d);
        }
    });
}

async fn fetch_table() -> Result<PinyinTable, String> {
    let url = resolve_url(TABLE_URL, TABLE_URL);
    let mut bytes = Vec::new();
    fetch_chunks(&url, |_| {}, |chunk| bytes.extend_from_slice(chunk)).await?;
    PinyinTable::decode(&bytes).map_err(|e| format!("{url}: {e}"))
}

/// The search index, built now if it is not yet (call from the search box's handlers).
pub fn search_index(state: AppState, d: Discover) -> Option<Arc<SearchIndex>> {
    d.index.get_untracked().or_else(|| build(state, d))
}

/// Builds the index of the current data with the table if it is in.
fn build(state: AppState, d: Discover) -> Option<Arc<SearchIndex>> {
    let data = state.data.get_untracked()?;
    let table = match d.pinyin.get_untracked() {
        Pinyin::Ready(table) => Some(table),
        _ => None,
    };
    let index = Arc::new(SearchIndex::new(&data.dataset, table.as_deref()));
    d.index.set(Some(index.clone()));
    Some(index)
}

/// A line under the search results while a query that looks like pinyin (ASCII with
/// letters) cannot be answered in pinyin: the table is loading, or unavailable.
pub fn pinyin_note(state: AppState, d: Discover, query: RwSignal<String>) -> impl IntoView {
    move || {
        let pinyin_like =
            query.with(|q| q.is_ascii() && q.chars().any(|c| c.is_ascii_alphabetic()));
        let s = strings(state.lang.get());
        let text = match d.pinyin.get() {
            _ if !pinyin_like => None,
            Pinyin::Idle | Pinyin::Loading => Some(s.loading),
            Pinyin::Failed => Some(s.unavailable),
            Pinyin::Ready(_) => None,
        };
        text.map(|t| view! { <p class="search-note" role="status">{t}</p> })
    }
}
