//! The app's state: one struct of signal handles, provided as context. Derived values are
//! memos over pure domain functions; nothing here holds logic of its own.

use super::i18n::Lang;
use crate::domain::model::Dataset;
use crate::domain::validate::DataIssue;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// Fetching files: how many of how many are in.
    Loading { done: usize, total: usize },
    Ready,
    /// Nothing could be shown; the message says what and where.
    Failed(String),
}

/// What the user has selected: an index into the dataset's sites or routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    Site(usize),
    Route(usize),
}

/// On a phone the panel is a bottom sheet with three heights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Collapsed,
    Half,
    Expanded,
}

/// The loaded dataset with what is derived from it once per load.
pub struct Loaded {
    pub dataset: Dataset,
    /// "bundled" or the URL given with `?data=`.
    pub origin: String,
    pub title: String,
    pub title_en: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub load: RwSignal<LoadState>,
    pub data: RwSignal<Option<Arc<Loaded>>>,
    /// Problems found in the data; shown in the panel, never a blank page.
    pub issues: RwSignal<Vec<DataIssue>>,
    /// Problems with the URL's parameters (ignored values).
    pub url_problems: RwSignal<Vec<String>>,
    pub selected: RwSignal<Option<Selection>>,
    pub hovered: RwSignal<Option<usize>>,
    pub show_sites: RwSignal<bool>,
    pub show_routes: RwSignal<bool>,
    pub show_regions: RwSignal<bool>,
    pub sheet: RwSignal<Sheet>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            load: RwSignal::new(LoadState::Loading { done: 0, total: 1 }),
            data: RwSignal::new(None),
            issues: RwSignal::new(Vec::new()),
            url_problems: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            hovered: RwSignal::new(None),
            show_sites: RwSignal::new(true),
            show_routes: RwSignal::new(true),
            show_regions: RwSignal::new(false),
            sheet: RwSignal::new(Sheet::Half),
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
