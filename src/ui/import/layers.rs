//! Imported layers in the app: kept in local storage (one key per layer) and restored on
//! the next visit, shown or hidden, removed on request (merged into `state.data` by
//! `merging`).
//! A layer too big for local storage is still shown, and the user is told it will not
//! survive a reload (never lost silently).

use super::files::storage;
use super::ImportState;
use crate::domain::import::{ImportLayer, StatedPrecision, STORED_KEY_PREFIX};
use crate::domain::model::Dataset;
use crate::domain::validate::{DataIssue, Severity};
use crate::ui::state::AppState;
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

/// A layer the user removed, kept in memory while the notice offers to undo it.
#[derive(Clone)]
pub struct Removed {
    pub layer: Arc<ImportLayer>,
    /// Where it was in the list.
    index: usize,
    /// Which removal this is (a newer one replaces the notice).
    serial: u64,
}

/// How long "已移除 X · 撤销" stays.
const UNDO_SECONDS: u64 = 10;

/// Removes a layer from the map and from local storage at once, and offers it back for a
/// few seconds ("已移除 X · 撤销"): nothing the user made is lost by a slip of the finger.
pub fn remove(st: ImportState, id: &str) {
    let mut taken = None;
    st.layers.update(|ls| {
        if let Some(index) = ls.iter().position(|l| l.id == id) {
            taken = Some((ls.remove(index), index));
        }
    });
    let Some((layer, index)) = taken else { return };
    st.unkept.update(|u| u.retain(|(i, _)| i != id));
    forget(id);
    let serial = st
        .removed
        .with_untracked(|r| r.as_ref().map_or(0, |r| r.serial + 1));
    st.removed.set(Some(Removed {
        layer,
        index,
        serial,
    }));
    set_timeout(
        move || {
            let ended = st
                .removed
                .with_untracked(|r| r.as_ref().is_some_and(|r| r.serial == serial));
            if ended {
                st.removed.set(None);
            }
        },
        std::time::Duration::from_secs(UNDO_SECONDS),
    );
}

/// Puts the layer just removed back where it was, and keeps it again (from memory).
pub fn undo_remove(st: ImportState) {
    let Some(r) = st.removed.get_untracked() else {
        return;
    };
    st.removed.set(None);
    st.layers.update(|ls| {
        let at = r.index.min(ls.len());
        ls.insert(at, r.layer.clone());
    });
    keep(st, &r.layer);
}

/// Ends the offer to undo now (the notice's ×).
pub fn dismiss_removed(st: ImportState) {
    st.removed.set(None);
}

fn forget(id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{STORED_KEY_PREFIX}{id}"));
    }
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

/// Records how exact a layer's positions are, as the user states it, on its sites (and
/// keeps it).
pub fn set_precision(st: ImportState, id: &str, stated: StatedPrecision) {
    let mut changed = None;
    st.layers.update(|ls| {
        for l in ls.iter_mut().filter(|l| l.id == id && l.stated != stated) {
            let layer = (**l).clone().stating(stated);
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
    // Above the phone's bottom sheet, which covers the lower part of the map.
    state
        .view
        .update(|v| *v = crate::ui::map::fit_visible(state, v, &bbox));
}
