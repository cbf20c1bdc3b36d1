//! Loading data in the browser: the bundled dataset by default, or `?data=<url>`.
//!
//! The UI only fetches text and reports progress; parsing, validation and assembly are the
//! domain's (`crate::domain::geodata`). Any failure becomes a message in the page.

use super::fetch::{fetch_text, resolve_url};
use super::perf;
use super::state::{AppState, LoadState, Loaded};
use crate::domain::geodata;
use crate::domain::model::Manifest;
use crate::domain::validate::{check_dataset_with, DataIssue, Severity};
use leptos::prelude::*;
use std::sync::Arc;

pub const BUNDLED_MANIFEST: &str = "geodata/dataset.json";

/// Starts loading; updates `state.load`, `state.data` and `state.issues` as it goes.
pub fn start(state: AppState, data_url: Option<String>) {
    leptos::task::spawn_local(async move {
        let result = match data_url {
            None => load_manifest(state, BUNDLED_MANIFEST, None).await,
            Some(url) => load_url(state, &url).await,
        };
        match result {
            Ok((loaded, issues)) => {
                let fatal = loaded.dataset.sites.is_empty() && loaded.dataset.routes.is_empty();
                state.issues.set(issues);
                state.data.set(Some(Arc::new(loaded)));
                perf::mark(perf::DATA_LOADED);
                state.load.set(if fatal {
                    LoadState::Failed(no_features_message(state))
                } else {
                    LoadState::Ready
                });
            }
            Err(message) => state.load.set(LoadState::Failed(message)),
        }
    });
}

fn no_features_message(state: AppState) -> String {
    let n = state.issues.with_untracked(|i| i.len());
    format!("no sites or routes could be read from the data ({n} problems listed below)")
}

/// `?data=`: a redmap `dataset.json` (it has "layers") or any GeoJSON FeatureCollection.
async fn load_url(state: AppState, url: &str) -> Result<(Loaded, Vec<DataIssue>), String> {
    state.load.set(LoadState::Loading { done: 0, total: 1 });
    let text = fetch_text(url).await?;
    let name = url.rsplit('/').next().unwrap_or(url).to_string();
    // Read as leniently as from disk: a strict parse sent a manifest without a layer's
    // `title_en` to the GeoJSON reader ("expected FeatureCollection").
    if let Some((manifest, mut found)) = geodata::manifest_of(&name, &text) {
        let (loaded, issues) = load_manifest(state, url, Some(manifest)).await?;
        found.extend(issues);
        return Ok((loaded, found));
    }
    let (dataset, issues) = geodata::parse_foreign_geojson(&name, &text);
    state.load.set(LoadState::Loading { done: 1, total: 1 });
    let loaded = Loaded::new(dataset, url.to_string(), name.clone(), name);
    Ok((loaded, issues))
}

/// A redmap dataset: the manifest, then each of its layer files (progress per file).
async fn load_manifest(
    state: AppState,
    manifest_url: &str,
    manifest: Option<Manifest>,
) -> Result<(Loaded, Vec<DataIssue>), String> {
    let manifest = match manifest {
        Some(m) => m,
        None => {
            let text = fetch_text(manifest_url).await?;
            serde_json::from_str::<Manifest>(&text)
                .map_err(|e| format!("{manifest_url}: not a redmap dataset manifest: {e}"))?
        }
    };
    let total = manifest.layers.len() + 1;
    state.load.set(LoadState::Loading { done: 1, total });
    let mut files = Vec::new();
    let mut issues = Vec::new();
    let fetching = perf::span("fetch");
    for (i, layer) in manifest.layers.iter().enumerate() {
        let url = resolve_url(&layer.file, manifest_url);
        match fetch_text(&url).await {
            Ok(text) => files.push((layer.file.clone(), text)),
            // A failed layer is listed; the other layers still load.
            Err(message) => issues.push(DataIssue {
                file: layer.file.clone(),
                path: String::new(),
                message: format!("could not be loaded: {message}"),
                severity: Severity::Error,
            }),
        }
        state.load.set(LoadState::Loading { done: i + 2, total });
    }
    fetching.end();
    let manifest_text = serde_json::to_string(&manifest).unwrap_or_default();
    let mut named: Vec<(&str, &str)> = vec![(geodata::MANIFEST_FILE, manifest_text.as_str())];
    named.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    // `geodata::load_dataset` in two halves, each timed (`redmap:parse`, `redmap:validate`).
    let parsing = perf::span("parse");
    let (dataset, origins, mut found) = geodata::parse_dataset(&named);
    parsing.end();
    let validating = perf::span("validate");
    found.extend(check_dataset_with(&dataset, &origins));
    validating.end();
    issues.append(&mut found);
    let origin = if manifest_url == BUNDLED_MANIFEST {
        "bundled"
    } else {
        manifest_url
    };
    let preparing = perf::span("prepare");
    let loaded = Loaded::new(
        dataset,
        origin.to_string(),
        manifest.title.clone(),
        manifest.title_en.clone(),
    );
    preparing.end();
    Ok((loaded, issues))
}
