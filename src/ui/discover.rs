//! Shared state of the discovery features (search, filters, time slider, site list, near
//! me), provided as context beside `AppState`. The filter is read from the URL once, checked
//! against each loaded dataset, turned into `AppState::site_mask`, and written back to the
//! URL on every change. Logic lives in `domain::{filter, search, listing}`.

use super::state::AppState;
use super::url;
// size-data (issue 2): the index and its pinyin table, fetched after the first frame.
mod search_index;
use crate::domain::filter::{self, ActivitySites, Filter};
use crate::domain::listing::SortKey;
use leptos::prelude::*;
pub use search_index::{pinyin_note, search_index, SearchCode, SearchParts, Searcher};
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct Discover {
    pub filter: RwSignal<Filter>,
    /// Site of each activity, once per data load.
    pub links: RwSignal<Option<Arc<ActivitySites>>>,
    /// Built on first use of the search box (not at load: 100k sites take a moment).
    pub index: RwSignal<Option<Arc<Searcher>>>,
    /// Search's code and pinyin table, fetched after the first frame.
    pub search: SearchParts,
    pub sort: RwSignal<SortKey>,
    pub list_open: RwSignal<bool>,
    pub only_in_view: RwSignal<bool>,
    /// "Near me" status: locating, refused, failed (`None` when all is well).
    pub geo_message: RwSignal<Option<&'static str>>,
    /// The time slider is playing (stepping months).
    pub playing: RwSignal<bool>,
    /// The filters section is open: at first on a desktop, or when the URL has a filter.
    pub filters_open: RwSignal<bool>,
}

pub fn use_discover() -> Discover {
    expect_context::<Discover>()
}

/// Creates the context; call once, after `AppState` is provided.
pub fn provide(state: AppState) {
    let pairs = url::query_pairs();
    let (filter, problems) = Filter::from_query_pairs(&pairs);
    state.url_problems.update(|p| p.extend(problems));
    // `list=<sort>`: the site list is open, sorted so.
    let list = pairs
        .iter()
        .find(|(k, _)| k == "list")
        .map(|(_, v)| v.as_str());
    let narrow = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 700.0);
    let filters_open = !narrow || !filter.is_empty();
    let d = Discover {
        filters_open: RwSignal::new(filters_open),
        filter: RwSignal::new(filter),
        links: RwSignal::new(None),
        index: RwSignal::new(None),
        search: SearchParts::new(),
        sort: RwSignal::new(list.and_then(SortKey::parse).unwrap_or_default()),
        list_open: RwSignal::new(list.is_some()),
        only_in_view: RwSignal::new(false),
        geo_message: RwSignal::new(None),
        playing: RwSignal::new(false),
    };
    provide_context(d);
    on_data_load(state, d);
    keep_mask_and_url(state, d);
    search_index::fetch_after_first_frame(state, d);
}

/// Per load: activity links, a fresh (lazy) search index, and the URL's filter checked
/// against what was loaded (unknown regions and themes dropped with a message).
fn on_data_load(state: AppState, d: Discover) {
    Effect::new(move || {
        let Some(data) = state.data.get() else { return };
        let linking = crate::ui::perf::span("links");
        d.links
            .set(Some(Arc::new(ActivitySites::new(&data.dataset))));
        linking.end();
        d.index.set(None);
        let mut f = d.filter.get_untracked();
        let problems = f.check_against(&data.dataset);
        if !problems.is_empty() {
            state.url_problems.update(|p| p.extend(problems));
            d.filter.set(f);
        }
    });
}

fn keep_mask_and_url(state: AppState, d: Discover) {
    Effect::new(move || {
        let f = d.filter.get();
        let changes: Vec<(&str, Option<String>)> = f.to_query_pairs();
        url::set_params(&changes);
        let (Some(data), Some(links)) = (state.data.get(), d.links.get()) else {
            return;
        };
        let mask = (!f.is_empty()).then(|| Arc::new(filter::apply_with(&data.dataset, &links, &f)));
        state.site_mask.set(mask);
    });
    Effect::new(move || {
        let sort = d.sort.get();
        let open = d.list_open.get();
        url::set_params(&[("list", open.then(|| sort.as_str().to_string()))]);
    });
}
