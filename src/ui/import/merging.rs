//! Keeping `state.data` = the loaded data followed by the visible imported layers, without
//! freezing the page: the merge (a copy of every record), the new data's derived values and
//! the map's clusters are built in slices (`ui::slices`) while the old data stays on the
//! map, then shown at once. A newer change (a layer shown, hidden or removed, new base
//! data, a cancelled import) supersedes the work in flight, which then shows nothing.
//!
//! A new import prepares its merge before the layer is listed or kept: cancelling it at
//! any point leaves the data, the layers and local storage as they were.

use super::{layers, ImportState, Stage};
use crate::domain::import::{
    next_layer_id, ImportLayer, Imported, MergeBuilder, STORED_KEY_PREFIX,
};
use crate::ui::perf::span;
use crate::ui::slices::{run_in_slices, shown_in_slices, Slicer};
use crate::ui::state::{AppState, Loaded, Selection, Shown};
use leptos::prelude::*;
use std::sync::Arc;

/// Records merged between two looks at the clock (a few ms).
const MERGE_STEP: usize = 2000;
/// Progress of the last stage, in thousandths: the merge is the first half, the
/// clusters the second.
const PERMILLE: usize = 1000;

/// What a merge is made of: the base data and the visible layers, by address.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeKey {
    base: usize,
    layers: Vec<usize>,
}

impl MergeKey {
    fn of(base: &Arc<Loaded>, layers: &[Arc<ImportLayer>]) -> Self {
        MergeKey {
            base: Arc::as_ptr(base) as usize,
            layers: layers
                .iter()
                .filter(|l| l.visible)
                .map(|l| Arc::as_ptr(l) as usize)
                .collect(),
        }
    }
}

/// Data ready to show, with its clusters (`None`: it is on the map already).
pub struct Prepared {
    key: MergeKey,
    base: Arc<Loaded>,
    loaded: Arc<Loaded>,
    shown: Option<Shown>,
}

/// Builds the base followed by the visible `layers`, and its clusters, in slices;
/// `None` when `wanted()` turns false at a pause. `progress(done, PERMILLE)`.
async fn prepare(
    state: AppState,
    base: Arc<Loaded>,
    layers: &[Arc<ImportLayer>],
    slicer: &mut Slicer,
    wanted: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Prepared> {
    let key = MergeKey::of(&base, layers);
    let visible: Vec<&ImportLayer> = layers.iter().map(|l| &**l).filter(|l| l.visible).collect();
    let loaded = if visible.is_empty() {
        base.clone()
    } else {
        let total =
            base.dataset.sites.len() + visible.iter().map(|l| l.dataset.sites.len()).sum::<usize>();
        let mut merging = MergeBuilder::default();
        run_in_slices(
            slicer,
            "import-merge",
            wanted,
            &mut merging,
            |m| m.step(&base.dataset, &visible, MERGE_STEP),
            |m| progress(m.sites_done() * (PERMILLE / 2) / total.max(1), PERMILLE),
        )
        .await?;
        // Always a task of its own: after a last merge step of up to a slice, it made one
        // task of ~75 ms (270k sites).
        slicer.pause().await;
        if !wanted() {
            return None;
        }
        let preparing = span("import-loaded");
        let merged = merging.finish();
        let loaded = Loaded::new(
            merged.dataset,
            base.origin.clone(),
            base.title.clone(),
            base.title_en.clone(),
        );
        preparing.end();
        Arc::new(loaded)
    };
    let on_map = state
        .data
        .with_untracked(|d| d.as_ref().is_some_and(|d| Arc::ptr_eq(d, &loaded)));
    let shown = if on_map {
        None
    } else {
        slicer.pause().await;
        if !wanted() {
            return None;
        }
        let mask = state.site_mask.get_untracked();
        let mut levels = |done: usize, all: usize| {
            progress(PERMILLE / 2 + done * (PERMILLE / 2) / all.max(1), PERMILLE);
        };
        Some(shown_in_slices(&loaded, mask, slicer, wanted, &mut levels).await?)
    };
    Some(Prepared {
        key,
        base,
        loaded,
        shown,
    })
}

/// Shows prepared data: its clusters first, so that the map finds them ready.
fn publish(st: ImportState, p: Prepared) {
    let state = st.app;
    // A selected imported site may be gone or elsewhere now.
    let (sites, routes) = (p.base.dataset.sites.len(), p.base.dataset.routes.len());
    match state.selected.get_untracked() {
        Some(Selection::Site(i)) if i >= sites => state.selected.set(None),
        Some(Selection::Route(i)) if i >= routes => state.selected.set(None),
        _ => {}
    }
    st.merged.set_value(Some(p.loaded.clone()));
    st.merged_key.set_value(Some(p.key));
    st.merging.set_value(None);
    if let Some(shown) = p.shown {
        state.shown.set(Some(Arc::new(shown)));
    }
    let same = state
        .data
        .with_untracked(|d| d.as_ref().is_some_and(|d| Arc::ptr_eq(d, &p.loaded)));
    if !same {
        state.data.set(Some(p.loaded));
    }
}

/// Keeps `state.data` = the loaded data followed by the visible layers.
pub fn keep_merged(state: AppState, st: ImportState) {
    // Whatever the loader puts in `state.data` (not our own merge) is the new base, once
    // it is complete: while activities are still being read (`later_loading`), the loader
    // takes `state.data` back and finishes it, so merging before then would merge twice.
    Effect::new(move || {
        if state.later_loading.get() {
            return;
        }
        let Some(data) = state.data.get() else { return };
        let ours = st
            .merged
            .with_value(|m| m.as_ref().is_some_and(|m| Arc::ptr_eq(m, &data)));
        if !ours {
            st.base.set(Some(data));
        }
    });
    Effect::new(move || {
        let Some(base) = st.base.get() else { return };
        let layers = st.layers.get();
        let key = MergeKey::of(&base, &layers);
        let done_or_doing = st.merged_key.with_value(|k| k.as_ref() == Some(&key))
            || st.merging.with_value(|k| k.as_ref() == Some(&key));
        if done_or_doing {
            return;
        }
        st.merge_gen.update_value(|g| *g += 1);
        let generation = st.merge_gen.get_value();
        st.merging.set_value(Some(key));
        leptos::task::spawn_local(async move {
            let wanted = move || {
                st.merge_gen.get_value() == generation && !state.later_loading.get_untracked()
            };
            let mut slicer = Slicer::default();
            let prepared =
                prepare(state, base, &layers, &mut slicer, &wanted, &mut |_, _| {}).await;
            match prepared {
                Some(p) if wanted() => publish(st, p),
                _ if st.merge_gen.get_value() == generation => st.merging.set_value(None),
                _ => {}
            }
        });
    });
}

/// Adds an import as a new layer: merged and clustered in slices (with progress), then
/// kept in local storage (or the user is told it could not be), listed and shown at once,
/// and the map moved to it. Cancelled (its ticket superseded) before that: nothing changes.
pub async fn add_layer(
    st: ImportState,
    file: &str,
    imported: Imported,
    ticket: u64,
    slicer: &mut Slicer,
) {
    let adding = span("import-layer");
    let layer = Arc::new(ImportLayer::from_import(new_layer_id(st), file, imported));
    adding.end();
    let mut layers = st.layers.get_untracked();
    layers.push(layer.clone());
    let prepared = match st.base.get_untracked() {
        Some(base) => {
            st.progress(file, Stage::Adding, 0, PERMILLE);
            slicer.pause().await;
            let wanted = move || st.wanted(ticket);
            let mut progress = |done, all| st.progress(file, Stage::Adding, done, all);
            match prepare(st.app, base, &layers, slicer, &wanted, &mut progress).await {
                Some(p) => Some(p),
                None => return, // cancelled: nothing changed
            }
        }
        None => None, // no data yet: merged when it comes
    };
    if prepared.is_some() {
        slicer.pause().await; // the last cluster step and what the new data sets off: two tasks
    }
    if !st.wanted(ticket) {
        return;
    }
    // From here on nothing is cancelled: shown, then (in the next task, so that the work
    // the new data sets off and the panel's new entry are not one long task) kept and listed.
    st.busy.set(None);
    if let Some(p) = prepared {
        // Still what the data is made of now (no layer shown or hidden meanwhile)?
        let now = st.base.get_untracked().map(|b| MergeKey::of(&b, &layers));
        let current = st.layers.with_untracked(|ls| {
            ls.len() + 1 == layers.len() && ls.iter().zip(&layers).all(|(a, b)| Arc::ptr_eq(a, b))
        });
        if current && now.as_ref() == Some(&p.key) {
            st.merge_gen.update_value(|g| *g += 1);
            publish(st, p);
            slicer.pause().await;
        }
    }
    let keeping = span("import-keep");
    layers::keep(st, &layer);
    keeping.end();
    st.layers.update(|ls| ls.push(layer.clone()));
    layers::fit_to(st.app, &layer.dataset);
}

/// An id for a new layer: not one in use, nor that of a kept layer that could not be read
/// back (saving over it would lose it without a word).
fn new_layer_id(st: ImportState) -> String {
    let mut taken: Vec<String> = layers::stored_keys()
        .iter()
        .filter_map(|k| k.strip_prefix(STORED_KEY_PREFIX))
        .map(str::to_owned)
        .collect();
    st.layers
        .with_untracked(|ls| taken.extend(ls.iter().map(|l| l.id.clone())));
    next_layer_id(taken.iter().map(String::as_str))
}
