//! Imported layers in the app: merged after the loaded data into `state.data`, kept in
//! local storage (one key per layer) and restored on the next visit, removed on request.
//! A layer too big for local storage is still shown, and the user is told it will not
//! survive a reload (never lost silently).

use super::files::storage;
use super::ImportState;
use crate::domain::import::{merge_layers, ImportLayer, STORED_KEY_PREFIX};
use crate::domain::model::Dataset;
use crate::domain::validate::{DataIssue, Severity};
use crate::ui::state::{AppState, Loaded, Selection};
use leptos::prelude::*;
use std::sync::Arc;

/// Local storage holds about 5 million characters per site in Chromium and Firefox; a
/// layer clearly larger is not even written (serialising 50 MB would stall the page).
const STORAGE_BUDGET_CHARS: usize = 5_000_000;

/// Writes a layer to local storage; a failure (too big, quota, storage off) is recorded
/// for the panel to say.
pub fn keep(st: ImportState, layer: &ImportLayer) {
    let estimate = layer.estimated_json_len();
    let (kept, len) = if estimate > STORAGE_BUDGET_CHARS {
        (false, estimate)
    } else {
        let text = layer.to_json();
        let kept = storage().is_some_and(|s| s.set_item(&layer.key(), &text).is_ok());
        (kept, text.len())
    };
    if !kept {
        // A stale copy from before (e.g. when shown/hidden) must not come back.
        if let Some(s) = storage() {
            let _ = s.remove_item(&layer.key());
        }
    }
    st.unkept.update(|u| {
        u.retain(|(id, _)| *id != layer.id);
        if !kept {
            u.push((layer.id.clone(), len as f64 / (1024.0 * 1024.0)));
        }
    });
}

/// Removes a layer from the map and from local storage.
pub fn remove(st: ImportState, id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{STORED_KEY_PREFIX}{id}"));
    }
    st.unkept.update(|u| u.retain(|(i, _)| i != id));
    st.layers.update(|ls| ls.retain(|l| l.id != id));
}

/// Shows or hides a layer (and keeps the choice).
pub fn set_visible(st: ImportState, id: &str, visible: bool) {
    let mut changed = None;
    st.layers.update(|ls| {
        for l in ls.iter_mut().filter(|l| l.id == id) {
            let mut layer = (**l).clone();
            layer.visible = visible;
            changed = Some(layer.clone());
            *l = Arc::new(layer);
        }
    });
    if let Some(layer) = changed {
        keep(st, &layer);
    }
}

/// The local-storage keys of every kept layer, readable or not.
pub fn stored_keys() -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(STORED_KEY_PREFIX))
        .collect()
}

/// Reads the layers kept from earlier visits; one that does not read back is listed (and
/// left in storage: its id is never given to a new layer, so it is not overwritten).
pub fn restore(st: ImportState) {
    let Some(s) = storage() else { return };
    let mut layers = Vec::new();
    for key in stored_keys() {
        let Some(text) = s.get_item(&key).ok().flatten() else {
            continue;
        };
        match ImportLayer::from_json(&text) {
            Ok(layer) => layers.push(Arc::new(layer)),
            Err(message) => st.refused.update(|r| {
                r.push(DataIssue::new(Severity::Error, &key, "", message));
            }),
        }
    }
    layers.sort_by_key(|l| (l.id.parse::<u64>().unwrap_or(u64::MAX), l.id.clone()));
    st.layers.set(layers);
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
        let visible: Vec<&ImportLayer> =
            layers.iter().map(|l| &**l).filter(|l| l.visible).collect();
        let target = if visible.is_empty() {
            base.clone()
        } else {
            let merging = crate::ui::perf::span("import-merge");
            let merged = merge_layers(&base.dataset, &visible);
            merging.end();
            let preparing = crate::ui::perf::span("import-loaded");
            let loaded = Loaded::new(
                merged.dataset,
                base.origin.clone(),
                base.title.clone(),
                base.title_en.clone(),
            );
            preparing.end();
            Arc::new(loaded)
        };
        let same = state
            .data
            .with_untracked(|d| d.as_ref().is_some_and(|d| Arc::ptr_eq(d, &target)));
        if same {
            return;
        }
        // A selected imported site may be gone or elsewhere now.
        let base_sites = base.dataset.sites.len();
        if matches!(state.selected.get_untracked(), Some(Selection::Site(i)) if i >= base_sites) {
            state.selected.set(None);
        }
        if matches!(state.selected.get_untracked(), Some(Selection::Route(i)) if i >= base.dataset.routes.len())
        {
            state.selected.set(None);
        }
        st.merged.set_value(Some(target.clone()));
        state.data.set(Some(target));
    });
}

/// Moves the map to show a new layer.
pub fn fit_to(state: AppState, data: &Dataset) {
    let points = data
        .sites
        .iter()
        .map(|s| s.position)
        .chain(
            data.routes
                .iter()
                .flat_map(|r| r.path.iter().flatten().copied()),
        )
        .filter(|p| p.is_finite());
    let bbox = crate::domain::geo::BBox::from_points(points);
    if bbox.is_empty() {
        return;
    }
    state.view.update(|v| *v = v.fit_bounds(&bbox, 48.0));
}
