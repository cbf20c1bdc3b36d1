//! Loading data in the browser: the bundled dataset by default, or `?data=<url>`.
//!
//! The UI only fetches bytes and reports progress; parsing, validation and assembly are the
//! domain's (`crate::domain::geodata`). Any failure becomes a message in the page.
//!
//! Order (issue 4, 100k points): the map's layers (sites, routes, regions) are read first,
//! each parsed as its bytes arrive and never held whole; the map draws; then activities
//! and visit counts are read the same way, and the cross-file checks run once all is in.

use super::fetch::{fetch_bytes, fetch_text, open, read_chunks, resolve_url, Opened};
use super::perf;
use super::state::{AppState, LoadState, Loaded};
use crate::domain::geodata::points::SitePoints;
use crate::domain::geodata::{self, ChunkedLayer, Unreadable};
use crate::domain::model::{Dataset, Layer, LayerType, Manifest};
use crate::domain::validate::{check_dataset_with, DataIssue, Origins, Severity};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const BUNDLED_MANIFEST: &str = "geodata/dataset.json";

/// Starts loading; updates `state.load`, `state.data` and `state.issues` as it goes. The
/// map's layers come first (the first frame needs only them); activities and visit counts
/// follow while `state.later_loading` is set, then the cross-file checks.
pub fn start(state: AppState, data_url: Option<String>) {
    leptos::task::spawn_local(async move {
        let result = match data_url {
            None => load_manifest(state, BUNDLED_MANIFEST, None).await,
            Some(url) => load_url(state, &url).await,
        };
        match result {
            Ok((First::Preview(preview, deferred, mut later), mut issues, _)) => {
                // The map draws the points; the sites themselves are read after that frame,
                // then shown as the data (the panels wait for it), then the rest.
                state.later_loading.set(true);
                state.preview.set(Some(Arc::new(preview)));
                next_frame().await;
                let (loaded, found) = read_deferred(state, deferred, &mut later.origins).await;
                issues.extend(found);
                let showing = perf::span("show");
                show(state, loaded, issues);
                state.preview.set(None);
                showing.end();
                next_frame().await;
                read_later(state, later).await;
                state.later_loading.set(false);
                perf::mark(perf::DATA_LOADED);
            }
            Ok((First::Data(loaded), issues, later)) => {
                state.later_loading.set(later.is_some());
                let showing = perf::span("show");
                show(state, loaded, issues);
                showing.end();
                if let Some(later) = later {
                    // Let the first frame be drawn before the rest is read.
                    next_frame().await;
                    read_later(state, later).await;
                    state.later_loading.set(false);
                }
                perf::mark(perf::DATA_LOADED);
            }
            Err(message) => state.load.set(LoadState::Failed(message)),
        }
    });
}

/// Shows what loaded: the data, its issues, and "ready" (or why nothing can be shown).
fn show(state: AppState, loaded: Loaded, issues: Vec<DataIssue>) {
    let fatal = loaded.dataset.sites.is_empty() && loaded.dataset.routes.is_empty();
    state.issues.set(issues);
    state.data.set(Some(Arc::new(loaded)));
    state.load.set(if fatal {
        LoadState::Failed(no_features_message(state))
    } else {
        LoadState::Ready
    });
}

/// Resolves after the browser has drawn a frame (a timer after the next animation frame),
/// or after 250 ms in a tab that draws none.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let later = resolve.clone();
        let after = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(&later);
            }
        });
        let _ = window.request_animation_frame(after.unchecked_ref());
        // A hidden tab draws no frames: go on after a while anyway.
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 250);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
}

fn no_features_message(state: AppState) -> String {
    let n = state.issues.with_untracked(|i| i.len());
    format!("no sites or routes could be read from the data ({n} problems listed below)")
}

/// What is read after the first frame: the layers (activities, visits) and what the
/// cross-file checks need.
pub struct Later {
    manifest_url: String,
    layers: Vec<Layer>,
    origins: Origins,
}

/// Whether a layer is read after the first frame: the map draws nothing from it.
fn after_first_frame(kind: LayerType) -> bool {
    matches!(kind, LayerType::Activities | LayerType::Visits)
}

/// What is shown first: the data, or (with a `sites.points`) the map's preview and the
/// sites file still to read.
// Made and moved once per load: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
enum First {
    Data(Loaded),
    /// The preview, the sites file, then the rest (the cross-file checks always wait).
    Preview(Loaded, Deferred, Later),
}

type FirstPart = (First, Vec<DataIssue>, Option<Later>);

/// The sites file when its `sites.points` was drawn first: read in full after that frame.
struct Deferred {
    url: String,
    index: usize,
    layer: Layer,
    opened: Opened,
    /// What the points file says about the GeoJSON and its sites, to check them against.
    source_len: u64,
    source_hash: u64,
    features: Vec<u32>,
}

/// `?data=`: a redmap `dataset.json` (it has "layers") or any GeoJSON FeatureCollection.
async fn load_url(state: AppState, url: &str) -> Result<FirstPart, String> {
    state.load.set(LoadState::Loading { done: 0, total: 1 });
    check_allowed(url)?;
    let text = fetch_text(url).await?;
    let name = url.rsplit('/').next().unwrap_or(url).to_string();
    // Read as leniently as from disk: a strict parse sent a manifest without a layer's
    // `title_en` to the GeoJSON reader ("expected FeatureCollection").
    if let Some((manifest, mut found)) = geodata::manifest_of(&name, &text) {
        let (first, issues, later) = load_manifest(state, url, Some(manifest)).await?;
        found.extend(issues);
        return Ok((first, found, later));
    }
    let (dataset, issues) = geodata::parse_foreign_geojson(&name, &text);
    state.load.set(LoadState::Loading { done: 1, total: 1 });
    let loaded = Loaded::new(dataset, url.to_string(), name.clone(), name);
    Ok((First::Data(loaded), issues, None))
}

/// The page's Content Security Policy only lets it fetch from its own site and the configured
/// data hosts (`domain::csp`): say so, rather than let the fetch fail as a "network error".
fn check_allowed(url: &str) -> Result<(), String> {
    let absolute = resolve_url(url, url);
    let page_origin = window().location().origin().unwrap_or_default();
    crate::domain::csp::data_url_allowed(&absolute, &page_origin)
        .map_err(|origin| crate::domain::csp::blocked_data_message(url, &origin))
}

/// A redmap dataset: the manifest, then the map's layer files (progress per file), each
/// parsed as its bytes arrive. Activities and visits are left for [`read_later`].
async fn load_manifest(
    state: AppState,
    manifest_url: &str,
    manifest: Option<Manifest>,
) -> Result<FirstPart, String> {
    let manifest = match manifest {
        Some(m) => m,
        None => {
            let text = fetch_text(manifest_url).await?;
            serde_json::from_str::<Manifest>(&text)
                .map_err(|e| format!("{manifest_url}: not a redmap dataset manifest: {e}"))?
        }
    };
    // The manifest's own checks, as `geodata::load_dataset` makes them.
    let manifest_text = serde_json::to_string(&manifest).unwrap_or_default();
    let (checked, mut issues) = geodata::parse_manifest(geodata::MANIFEST_FILE, &manifest_text);
    let (now, later): (Vec<_>, Vec<_>) = manifest
        .layers
        .iter()
        .enumerate()
        .partition(|(_, l)| !after_first_frame(l.kind));
    let total = now.len() + 1;
    state.load.set(LoadState::Loading { done: 1, total });
    let mut dataset = Dataset {
        manifest: checked,
        ..Dataset::default()
    };
    let mut origins = Origins::default();
    let mut preview = None;
    let reading = perf::span("fetch");
    // Every file the first frame needs is asked for at once, the points first; each is then
    // read in turn. Not a GeoJSON whose points stand in for it: its body would compete with
    // the points for the network. A request the policy would block is not sent (it is named
    // below).
    let points = now
        .iter()
        .filter_map(|(_, l)| l.points.as_ref())
        .map(|p| resolve_url(p, manifest_url));
    let files = now
        .iter()
        .filter(|(_, l)| l.points.is_none())
        .map(|(_, l)| resolve_url(&l.file, manifest_url));
    for url in points.chain(files).filter(|u| check_allowed(u).is_ok()) {
        super::fetch::send(&url);
    }
    for (done, (i, layer)) in now.into_iter().enumerate() {
        let url = resolve_url(&layer.file, manifest_url);
        if let Some(points) = &layer.points {
            let points_url = resolve_url(points, manifest_url);
            match points_first(&url, &points_url, i, layer).await {
                Ok(found) => {
                    preview = Some(found);
                    continue;
                }
                Err(message) => issues.push(points_ignored(points, message)),
            }
        }
        let found = read_layer(state, &url, i, layer, &mut dataset, &mut origins).await;
        issues.extend(found);
        state.load.set(LoadState::Loading {
            done: done + 2,
            total,
        });
    }
    reading.end();
    let origin = if manifest_url == BUNDLED_MANIFEST {
        "bundled"
    } else {
        manifest_url
    };
    let later = later
        .into_iter()
        .map(|(_, l)| l.clone())
        .collect::<Vec<_>>();
    if let Some((points, deferred)) = preview {
        // The cross-file checks wait for the sites, in `read_later`.
        let later = Later {
            manifest_url: manifest_url.to_owned(),
            layers: later,
            origins,
        };
        let preparing = perf::span("prepare");
        let preview = Loaded::preview(
            dataset,
            points,
            origin.to_string(),
            manifest.title.clone(),
            manifest.title_en.clone(),
        );
        preparing.end();
        perf::mark(PREVIEW);
        return Ok((First::Preview(preview, deferred, later), issues, None));
    }
    let later = if later.is_empty() {
        // Nothing more to read: the cross-file checks now.
        let validating = perf::span("validate");
        issues.extend(check_dataset_with(&dataset, &origins));
        validating.end();
        None
    } else {
        Some(Later {
            manifest_url: manifest_url.to_owned(),
            layers: later,
            origins,
        })
    };
    let preparing = perf::span("prepare");
    let loaded = Loaded::new(
        dataset,
        origin.to_string(),
        manifest.title.clone(),
        manifest.title_en.clone(),
    );
    preparing.end();
    Ok((First::Data(loaded), issues, later))
}

/// Marks that the first frame is drawn from `sites.points` (read by the benchmark, which
/// says which path it measured).
pub const PREVIEW: &str = "redmap:points-preview";

/// The sites layer's `sites.points`, fetched and checked against the GeoJSON's length (when
/// the server states it) before anything is drawn from it; the GeoJSON is opened, its body
/// left to read later. An error says why the points cannot be used.
async fn points_first(
    url: &str,
    points_url: &str,
    index: usize,
    layer: &Layer,
) -> Result<(SitePoints, Deferred), String> {
    check_allowed(points_url)?;
    check_allowed(url)?;
    let bytes = fetch_bytes(points_url).await?;
    let mut points = geodata::points::decode(&bytes)?;
    drop(bytes);
    let opened = open(url).await?;
    if let Some(length) = opened.length {
        if length as u64 != points.source_len {
            return Err(format!(
                "made from a {} of {} bytes, but it has {length} now: stale",
                layer.file, points.source_len
            ));
        }
    }
    let deferred = Deferred {
        url: url.to_owned(),
        index,
        layer: layer.clone(),
        opened,
        source_len: points.source_len,
        source_hash: points.source_hash,
        features: std::mem::take(&mut points.features),
    };
    Ok((points, deferred))
}

/// A warning that the points file is not used (the sites are read from the GeoJSON).
fn points_ignored(file: &str, message: String) -> DataIssue {
    DataIssue {
        file: file.to_owned(),
        path: String::new(),
        message: format!("not used ({message}); the map waits for the sites file instead"),
        severity: Severity::Warning,
    }
}

/// Reads the sites file after the preview was drawn; checks it against the points drawn.
/// The data to show (the preview's other layers with these sites) and its issues.
async fn read_deferred(
    state: AppState,
    deferred: Deferred,
    origins: &mut Origins,
) -> (Loaded, Vec<DataIssue>) {
    let Deferred {
        url,
        index,
        layer,
        opened,
        source_len,
        source_hash,
        features,
    } = deferred;
    let preview = state.preview.get_untracked();
    let mut dataset = preview
        .as_ref()
        .map(|p| p.dataset.clone())
        .unwrap_or_default();
    let reading = perf::span("sites");
    let mut hash = geodata::points::SourceHash::default();
    let mut issues = read_opened(
        state,
        &url,
        index,
        &layer,
        opened,
        &mut dataset,
        origins,
        Some(&mut hash),
    )
    .await;
    reading.end();
    let (hash, len) = hash.finish();
    let drawn_matches = preview.as_ref().is_some_and(|p| {
        geodata::points::same_sites(
            &features,
            &p.preview_positions,
            &p.site_marks,
            &dataset.sites,
            &origins.sites.indices,
        )
    });
    let points_file = layer.points.clone().unwrap_or_default();
    if !drawn_matches {
        // The map showed other points than the file has: they are replaced (re-clustered),
        // and what was picked on them no longer means anything.
        state.selected.set(None);
        state.hovered.set(None);
        issues.push(points_stale(
            &points_file,
            &layer.file,
            "the map showed other sites",
        ));
    } else if (hash, len) != (source_hash, source_len) {
        issues.push(points_stale(&points_file, &layer.file, "its sites matched"));
    }
    let (origin, title, title_en) = preview
        .map(|p| (p.origin.clone(), p.title.clone(), p.title_en.clone()))
        .unwrap_or_default();
    let preparing = perf::span("prepare");
    let loaded = Loaded::new(dataset, origin, title, title_en);
    preparing.end();
    (loaded, issues)
}

fn points_stale(points_file: &str, file: &str, what: &str) -> DataIssue {
    DataIssue {
        file: points_file.to_owned(),
        path: String::new(),
        message: format!(
            "made from another version of {file} ({what} until it was read): regenerate it"
        ),
        severity: Severity::Warning,
    }
}

/// Reads one layer file into `dataset` as its bytes arrive; returns its issues. A file
/// whose top level is unusual is fetched again whole, so that its problems are reported
/// as the whole-file reader words them; a file that cannot be fetched is listed.
async fn read_layer(
    state: AppState,
    url: &str,
    index: usize,
    layer: &Layer,
    dataset: &mut Dataset,
    origins: &mut Origins,
) -> Vec<DataIssue> {
    // A layer on a host the policy does not allow is named as such, not fetched.
    if let Err(message) = check_allowed(url) {
        return layer_failed(state, index, layer, message);
    }
    match open(url).await {
        Ok(opened) => read_opened(state, url, index, layer, opened, dataset, origins, None).await,
        Err(message) => layer_failed(state, index, layer, message),
    }
}

/// [`read_layer`] once the GET is open; `hash` is fed the file's bytes.
#[allow(clippy::too_many_arguments)]
async fn read_opened(
    state: AppState,
    url: &str,
    index: usize,
    layer: &Layer,
    opened: Opened,
    dataset: &mut Dataset,
    origins: &mut Origins,
    mut hash: Option<&mut geodata::points::SourceHash>,
) -> Vec<DataIssue> {
    let mut reader = ChunkedLayer::new(layer.kind, &layer.file);
    if let Some(length) = opened.length {
        reader.expect_len(length);
    }
    let fetched = read_chunks(url, opened, |bytes| {
        if let Some(h) = hash.as_deref_mut() {
            h.update(bytes);
        }
        reader.push(bytes)
    })
    .await;
    let message = match fetched {
        Ok(()) => match reader.finish(dataset, origins) {
            Ok(issues) => return issues,
            Err(Unreadable) => match fetch_text(url).await {
                Ok(text) => {
                    return geodata::load_layer(dataset, origins, layer.kind, &layer.file, &text)
                }
                Err(message) => message,
            },
        },
        Err(message) => message,
    };
    layer_failed(state, index, layer, message)
}

/// A failed layer is listed, and shown over the map where it is seen without opening the
/// problems list; the other layers still load.
fn layer_failed(state: AppState, index: usize, layer: &Layer, message: String) -> Vec<DataIssue> {
    crate::ui::notices::push(
        state,
        crate::ui::notices::Notice::LayerFailed {
            file: layer.file.clone(),
        },
    );
    vec![
        DataIssue {
            file: layer.file.clone(),
            path: String::new(),
            message: format!("could not be loaded: {message}"),
            severity: Severity::Error,
        },
        DataIssue {
            file: geodata::MANIFEST_FILE.to_owned(),
            path: format!("layers[{index}].file"),
            message: format!("layer file \"{}\" is missing", layer.file),
            severity: Severity::Error,
        },
    ]
}

/// After the first frame: reads activities and visits, puts them into the loaded data, and
/// runs the cross-file checks over everything.
async fn read_later(state: AppState, later: Later) {
    let Later {
        manifest_url,
        layers,
        mut origins,
    } = later;
    let index_of = |layer: &Layer| {
        state.data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.dataset.manifest.as_ref())
                .and_then(|m| m.layers.iter().position(|l| l.file == layer.file))
                .unwrap_or(0)
        })
    };
    // The side panel first (phone: src/ui/lazy.rs): the activities can wait for it.
    crate::ui::lazy::after_side_panel().await;
    let reading = perf::span("later");
    let mut extra = Dataset::default();
    let mut issues = Vec::new();
    for layer in &layers {
        let url = resolve_url(&layer.file, &manifest_url);
        let i = index_of(layer);
        issues.extend(read_layer(state, &url, i, layer, &mut extra, &mut origins).await);
    }
    reading.end();
    let Some(shared) = state.data.update_untracked(|d| d.take()) else {
        return;
    };
    // The data is taken over, not copied, unless some view still holds it.
    let mut loaded = Arc::try_unwrap(shared).unwrap_or_else(|shared| {
        perf::mark("redmap:later-copied");
        shared.copy()
    });
    loaded.dataset.activities = extra.activities;
    loaded.dataset.visits = extra.visits;
    let validating = perf::span("validate");
    issues.extend(check_dataset_with(&loaded.dataset, &origins));
    validating.end();
    state.issues.update(|all| all.append(&mut issues));
    state.data.set(Some(Arc::new(loaded)));
}
