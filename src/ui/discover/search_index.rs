//! The search index of the loaded data, and what it needs that the first view does not
//! (issue 2): search's code, a wasm chunk of its own (`search_code` in src/ui/lazy.rs), and
//! the pinyin table, a data file (`pinyin.bin`, see `domain::search::pinyin_table`) instead
//! of ~250 KB compiled into the first view. Both are fetched once, after the map's first
//! frame and the side panel, so they are in before anyone types (or at once when the box is
//! used before).
//!
//! Until the table is in, the index matches Chinese characters and English; when it
//! arrives, an index already built is built again with it, so results for "yjl" appear by
//! themselves. If the table cannot be had (offline before the service worker has it, a
//! server without the file, a corrupt file), search goes on without pinyin and the box says
//! so under its results. If the chunk cannot be had, the box says search is unavailable,
//! and the next focus tries again.

use super::Discover;
use crate::domain::model::Dataset;
use crate::domain::search::{PinyinTable, SearchIndex, SearchResults, TableError};
use crate::ui::fetch::{fetch_chunks, resolve_url};
use crate::ui::i18n::pinyin::pinyin as strings;
use crate::ui::lazy::search_code;
use crate::ui::state::{AppState, LoadState};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Where the table is served, relative to the page (index.html copies it there).
const TABLE_URL: &str = "pinyin.bin";

/// Search's code as the `search` chunk hands it out: called only through these pointers,
/// so none of it is in the first view.
#[derive(Clone, Copy)]
pub struct SearchCode {
    build: fn(&Dataset, Option<&PinyinTable>) -> SearchIndex,
    search: fn(&SearchIndex, &str, usize) -> SearchResults,
    decode: fn(&[u8]) -> Result<PinyinTable, TableError>,
}

impl Default for SearchCode {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchCode {
    /// Called in the chunk (src/ui/lazy.rs).
    pub fn new() -> Self {
        SearchCode {
            build: SearchIndex::new,
            search: SearchIndex::search,
            decode: PinyinTable::decode,
        }
    }
}

/// A built index with the code that queries it.
pub struct Searcher {
    index: SearchIndex,
    search: fn(&SearchIndex, &str, usize) -> SearchResults,
}

impl Searcher {
    /// Up to `limit` results per group for what the user typed.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        (self.search)(&self.index, query, limit)
    }
}

/// Where the pinyin table is.
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

/// Where search's code is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Code {
    #[default]
    Idle,
    Loading,
    Ready,
    Failed,
}

/// The parts search loads after the first frame (`Discover::search`).
#[derive(Clone, Copy)]
pub struct SearchParts {
    pinyin: RwSignal<Pinyin>,
    status: RwSignal<Code>,
    code: StoredValue<Option<SearchCode>>,
    /// The box has been used: build the index as soon as the code is in.
    wanted: StoredValue<bool>,
}

impl Default for SearchParts {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchParts {
    pub fn new() -> Self {
        SearchParts {
            pinyin: RwSignal::new(Pinyin::Idle),
            status: RwSignal::new(Code::Idle),
            code: StoredValue::new(None),
            wanted: StoredValue::new(false),
        }
    }
}

/// Fetches search's code and the table once the first data has drawn (call once, from
/// `discover::provide`). Not in embed mode, which has no search box.
pub fn fetch_after_first_frame(state: AppState, d: Discover) {
    if crate::ui::embed::from_url() {
        return;
    }
    // After the side panel (src/ui/lazy.rs, `side_panel_settled`): on a slow phone the
    // panel is what the visitor looks at next; the box fetches at once when used.
    let panel = crate::ui::lazy::side_panel_settled();
    Effect::new(move || {
        if matches!(state.load.get(), LoadState::Ready) && panel.get() {
            // After the frame that draws the data: neither ever delays the first view.
            request_animation_frame(move || set_timeout(move || start(state, d), Duration::ZERO));
        }
    });
}

/// Loads the code (unless in or loading), then the table (once).
fn start(state: AppState, d: Discover) {
    let parts = d.search;
    if matches!(parts.status.get_untracked(), Code::Loading | Code::Ready) {
        return;
    }
    parts.status.set(Code::Loading);
    leptos::task::spawn_local(async move {
        let Ok(code) = search_code().await else {
            parts.status.set(Code::Failed);
            return;
        };
        parts.code.set_value(Some(code));
        parts.status.set(Code::Ready);
        if parts.wanted.get_value() {
            build(state, d);
        }
        if !matches!(parts.pinyin.get_untracked(), Pinyin::Idle) {
            return;
        }
        parts.pinyin.set(Pinyin::Loading);
        let next = match fetch_table(code).await {
            Ok(table) => Pinyin::Ready(Arc::new(table)),
            Err(message) => {
                web_sys::console::warn_1(&format!("redmap: no pinyin search: {message}").into());
                Pinyin::Failed
            }
        };
        let ready = matches!(next, Pinyin::Ready(_));
        parts.pinyin.set(next);
        // An index built without the table (the box was used already) is built again.
        if ready && d.index.get_untracked().is_some() {
            build(state, d);
        }
    });
}

async fn fetch_table(code: SearchCode) -> Result<PinyinTable, String> {
    let url = resolve_url(TABLE_URL, TABLE_URL);
    let mut bytes = Vec::new();
    fetch_chunks(&url, |_| {}, |chunk| bytes.extend_from_slice(chunk)).await?;
    (code.decode)(&bytes).map_err(|e| format!("{url}: {e}"))
}

/// Makes sure the index is there or on its way (call from the search box's handlers); a
/// failed chunk download is tried again.
pub fn search_index(state: AppState, d: Discover) {
    d.search.wanted.set_value(true);
    if d.index.with_untracked(Option::is_some) {
        return;
    }
    match d.search.status.get_untracked() {
        Code::Ready => build(state, d),
        Code::Idle | Code::Failed => start(state, d),
        Code::Loading => {} // built when the code is in
    }
}

/// Builds the index of the current data, with the table if it is in.
fn build(state: AppState, d: Discover) {
    let (Some(code), Some(data)) = (d.search.code.get_value(), state.data.get_untracked()) else {
        return;
    };
    let table = match d.search.pinyin.get_untracked() {
        Pinyin::Ready(table) => Some(table),
        _ => None,
    };
    let index = (code.build)(&data.dataset, table.as_deref());
    d.index.set(Some(Arc::new(Searcher {
        index,
        search: code.search,
    })));
}

/// A line under the search results while search cannot answer fully: its code or (for a
/// query that looks like pinyin: ASCII with letters) its table is loading or unavailable.
pub fn pinyin_note(state: AppState, d: Discover, query: RwSignal<String>) -> impl IntoView {
    move || {
        let pinyin_like =
            query.with(|q| q.is_ascii() && q.chars().any(|c| c.is_ascii_alphabetic()));
        let s = strings(state.lang.get());
        let text = match (d.search.status.get(), d.search.pinyin.get()) {
            (Code::Failed, _) => Some(s.search_unavailable),
            (Code::Idle | Code::Loading, _) => Some(s.search_loading),
            _ if !pinyin_like => None,
            (_, Pinyin::Idle | Pinyin::Loading) => Some(s.loading),
            (_, Pinyin::Failed) => Some(s.unavailable),
            (_, Pinyin::Ready(_)) => None,
        };
        text.map(|t| view! { <p class="search-note" role="status">{t}</p> })
    }
}
