//! The data reader: the `read_data` chunk (`ui::lazy::read_data`), downloaded right after
//! the map's first frame when `sites.points` drew it, else at once (see `super`). Everything
//! that reads JSON text is here: the manifest with its checks, the layer files parsed as
//! their bytes arrive, a `?data=` GeoJSON, the check of the sites against the points drawn,
//! and the cross-file checks.

use super::{check_allowed, next_frame, not_used, Deferred, Start, BUNDLED_MANIFEST};
use super::{DeferredRoutes, SITES_FIRST};
use crate::domain::geodata::lines::{same_lines, Lines};
use crate::domain::geodata::points::{SitePoints, SourceHash};
use crate::domain::geodata::{self, ChunkedLayer, Unreadable};
use crate::domain::model::{Dataset, Layer, LayerType, Manifest};
use crate::domain::validate::{check_dataset_with, DataIssue, Origins, Severity};
use crate::ui::fetch::{fetch_text, open, read_chunks, resolve_url, send, Opened};
use crate::ui::perf;
use crate::ui::state::{AppState, LoadState, Loaded};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The chunk's entry point: reads on from where [`super::start`] got to.
pub fn run(state: AppState, start: Start) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(async move {
        match start {
            Start::Whole {
                url,
                given,
                text,
                issues,
            } => whole(state, &url, given, &text, issues).await,
            Start::Preview {
                manifest_url,
                text,
                deferred,
            } => after_preview(state, &manifest_url, &text, deferred).await,
        }
    })
}

/// Nothing was drawn yet: reads the dataset (or the `?data=` GeoJSON).
async fn whole(state: AppState, url: &str, given: bool, text: &str, mut issues: Vec<DataIssue>) {
    let first = if given {
        read_given(state, url, text).await
    } else {
        match manifest(url, text) {
            Ok((manifest, found)) => {
                issues.extend(found);
                read_manifest(state, url, manifest).await
            }
            Err(message) => Err(message),
        }
    };
    show_then_later(state, first, issues).await;
}

/// Shows the map's layers once read (or why they could not be), then reads activities and
/// visits.
async fn show_then_later(
    state: AppState,
    first: Result<FirstPart, String>,
    mut issues: Vec<DataIssue>,
) {
    let (loaded, found, later) = match first {
        Ok(first) => first,
        Err(message) => return state.load.set(LoadState::Failed(message)),
    };
    issues.extend(found);
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

/// The map shows the points: reads the manifest, the map's other layers (shown with the
/// points as soon as they are in), the sites (checked against the points drawn), then the
/// rest.
async fn after_preview(state: AppState, url: &str, text: &str, mut deferred: Deferred) {
    let (manifest, mut issues) = match manifest(url, text) {
        Ok((manifest, mut found)) => {
            found.splice(0..0, deferred.issues.iter().cloned());
            (manifest, found)
        }
        Err(message) => {
            state.preview.set(None);
            state.later_loading.set(false);
            return state.load.set(LoadState::Failed(message));
        }
    };
    let sites = manifest.layers.iter().position(|l| {
        l.kind == LayerType::Sites
            && l.file == deferred.file
            && l.points.as_deref() == Some(deferred.points_file.as_str())
    });
    let Some(sites) = sites else {
        // The reader left out the layer the points were drawn for (its problems are listed):
        // the map forgets them and shows what the manifest does give.
        forget_preview(state);
        issues.push(not_used(
            &deferred.points_file,
            format!(
                "its sites layer \"{}\" is not read from the manifest",
                deferred.file
            ),
            SITES_FIRST,
        ));
        let first = read_manifest(state, url, manifest).await;
        return show_then_later(state, first, issues).await;
    };
    let layer = manifest.layers[sites].clone();
    let (now, later) = split_layers(&manifest, Some(sites));
    let total = now.len() + 2;
    let mut dataset = Dataset {
        manifest: Some(manifest.clone()),
        ..Dataset::default()
    };
    let mut origins = Origins::default();
    let reading = perf::span("layers");
    for (done, (i, layer)) in now.iter().enumerate() {
        let url = resolve_url(&layer.file, url);
        let drawn = match layer.kind {
            LayerType::Routes => deferred.routes.take(),
            _ => None,
        };
        let (dataset, origins) = (&mut dataset, &mut origins);
        issues.extend(match drawn {
            Some(drawn) => read_drawn_routes(state, &url, *i, layer, drawn, dataset, origins).await,
            None => read_layer(state, &url, *i, layer, dataset, origins).await,
        });
        state.load.set(LoadState::Loading {
            done: done + 2,
            total,
        });
    }
    reading.end();
    add_to_preview(state, &dataset);
    let (loaded, found) = read_deferred(state, deferred, &layer, dataset, &mut origins).await;
    issues.extend(found);
    let showing = perf::span("show");
    show(state, loaded, issues);
    state.preview.set(None);
    showing.end();
    next_frame().await;
    let later = Later {
        manifest_url: url.to_owned(),
        layers: later,
        origins,
    };
    read_later(state, later).await;
    state.later_loading.set(false);
    perf::mark(perf::DATA_LOADED);
}

/// The map no longer shows the preview's points (nothing picked on them stays picked).
fn forget_preview(state: AppState) {
    state.selected.set(None);
    state.hovered.set(None);
    state.preview.set(None);
}

/// Reads the manifest `text` (fetched from `url`), with its problems; an error when it is
/// not a manifest at all.
fn manifest(url: &str, text: &str) -> Result<(Manifest, Vec<DataIssue>), String> {
    let name = file_name(url);
    let (manifest, issues) = geodata::parse_manifest(name, text);
    match manifest {
        Some(m) => Ok((m, issues)),
        None => {
            let why = issues.first().map(|i| i.message.as_str()).unwrap_or("");
            Err(format!("{url}: not a redmap dataset manifest: {why}"))
        }
    }
}

fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
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

fn no_features_message(state: AppState) -> String {
    let n = state.issues.with_untracked(|i| i.len());
    format!("no sites or routes could be read from the data ({n} problems listed below)")
}

/// What is read after the first frame: the layers (activities, visits) and what the
/// cross-file checks need.
struct Later {
    manifest_url: String,
    layers: Vec<Layer>,
    origins: Origins,
}

/// Whether a layer is read after the first frame: the map draws nothing from it.
fn after_first_frame(kind: LayerType) -> bool {
    matches!(kind, LayerType::Activities | LayerType::Visits)
}

/// The manifest's layers the map draws (with their index in `layers`; `skip`: one read
/// apart), and those read after the data is shown.
fn split_layers(manifest: &Manifest, skip: Option<usize>) -> (Vec<(usize, Layer)>, Vec<Layer>) {
    let (now, later): (Vec<_>, Vec<_>) = manifest
        .layers
        .iter()
        .cloned()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .partition(|(_, l)| !after_first_frame(l.kind));
    (now, later.into_iter().map(|(_, l)| l).collect())
}

type FirstPart = (Loaded, Vec<DataIssue>, Option<Later>);

/// `?data=`: a redmap `dataset.json` (it has "layers") or any GeoJSON FeatureCollection.
async fn read_given(state: AppState, url: &str, text: &str) -> Result<FirstPart, String> {
    let name = file_name(url);
    // Read as leniently as from disk: a strict parse sent a manifest without a layer's
    // `title_en` to the GeoJSON reader ("expected FeatureCollection").
    if let Some((manifest, mut found)) = geodata::manifest_of(name, text) {
        let (loaded, issues, later) = read_manifest(state, url, manifest).await?;
        found.extend(issues);
        return Ok((loaded, found, later));
    }
    let (mut dataset, mut issues) = geodata::parse_foreign_geojson(name, text);
    // Typed as an import's are, so that the problem list is in the reader's language.
    crate::domain::import::type_geojson_issues(&mut issues);
    // A redmap export states each site's precision (e.g. as its importer stated it): kept.
    crate::domain::import::honour_own_precision(&mut dataset);
    // The precision the user stated for this file (the link's `precision=`, or their
    // choice for this URL on an earlier visit) on the sites whose file states none; the
    // address bar carries it, so that a link copied from it does too.
    let stated = state.data_precision.get_untracked();
    crate::domain::import::state_precision(&mut dataset, stated);
    crate::ui::url::set_params(&[("precision", super::stated::param(stated))]);
    state.load.set(LoadState::Loading { done: 1, total: 1 });
    let loaded = Loaded::new(dataset, url.to_string(), name.to_owned(), name.to_owned());
    Ok((loaded, issues, None))
}

/// A redmap dataset: the map's layer files (progress per file), each parsed as its bytes
/// arrive. Activities and visits are left for [`read_later`].
async fn read_manifest(
    state: AppState,
    manifest_url: &str,
    manifest: Manifest,
) -> Result<FirstPart, String> {
    let (now, later) = split_layers(&manifest, None);
    let total = now.len() + 1;
    state.load.set(LoadState::Loading { done: 1, total });
    let mut dataset = Dataset {
        manifest: Some(manifest.clone()),
        ..Dataset::default()
    };
    let mut origins = Origins::default();
    let mut issues = Vec::new();
    let reading = perf::span("fetch");
    // Every file the first frame needs is asked for at once, then read in turn. A request
    // the policy would block is not sent (it is named below).
    let urls = now.iter().map(|(_, l)| resolve_url(&l.file, manifest_url));
    for url in urls.filter(|u| check_allowed(u).is_ok()) {
        send(&url);
    }
    for (done, (i, layer)) in now.iter().enumerate() {
        let url = resolve_url(&layer.file, manifest_url);
        issues.extend(read_layer(state, &url, *i, layer, &mut dataset, &mut origins).await);
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
    Ok((loaded, issues, later))
}

/// The map's other layers (routes, regions) join the points it shows, before the sites are
/// read (the cluster index is kept: the points are the same).
fn add_to_preview(state: AppState, dataset: &Dataset) {
    let Some(preview) = state.preview.get_untracked() else {
        return;
    };
    // Lines from `routes.lines` go even when no routes came (the routes replace them).
    if dataset.routes.is_empty() && dataset.regions.is_empty() && preview.preview_lines.is_empty() {
        return;
    }
    let points = SitePoints {
        source_len: 0,
        source_hash: 0,
        features: Vec::new(),
        positions: preview.preview_positions.clone(),
        marks: preview.site_marks.clone(),
    };
    let layers = Dataset {
        routes: dataset.routes.clone(),
        regions: dataset.regions.clone(),
        ..Dataset::default()
    };
    let with = Loaded::preview(
        layers,
        points,
        Lines::new(),
        preview.origin.clone(),
        preview.title.clone(),
        preview.title_en.clone(),
    );
    state.preview.set(Some(Arc::new(with)));
}

/// Reads the sites file after the preview was drawn, into `dataset` (the other layers);
/// checks it against the points drawn. The data to show and its issues.
async fn read_deferred(
    state: AppState,
    deferred: Deferred,
    layer: &Layer,
    mut dataset: Dataset,
    origins: &mut Origins,
) -> (Loaded, Vec<DataIssue>) {
    let Deferred {
        url,
        index,
        opened,
        source_len,
        source_hash,
        features,
        points_file,
        ..
    } = deferred;
    let preview = state.preview.get_untracked();
    let reading = perf::span("sites");
    let mut hash = SourceHash::default();
    let mut issues = read_opened(
        state,
        &url,
        index,
        layer,
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

/// Reads the routes whose `routes.lines` the map shows (their GET opened before it drew
/// them) into `dataset`, like [`read_layer`], and checks them against the lines drawn.
async fn read_drawn_routes(
    state: AppState,
    url: &str,
    index: usize,
    layer: &Layer,
    drawn: DeferredRoutes,
    dataset: &mut Dataset,
    origins: &mut Origins,
) -> Vec<DataIssue> {
    let mut hash = SourceHash::default();
    let opened = drawn.opened;
    let mut issues = read_opened(
        state,
        url,
        index,
        layer,
        opened,
        dataset,
        origins,
        Some(&mut hash),
    )
    .await;
    // A file that could not be read is reported as such; its lines go with the preview.
    let failed = issues
        .iter()
        .any(|f| f.path == format!("layers[{index}].file"));
    if !failed {
        let drawn = (&drawn.lines_file, drawn.source_len, drawn.source_hash);
        issues.extend(lines_checked(
            state,
            drawn,
            &layer.file,
            dataset,
            hash.finish(),
        ));
    }
    issues
}

/// A warning when the routes read are not what `routes.lines` drew (`drawn`: its name, the
/// length and hash of the GeoJSON it names), or were made from another version of `file`
/// (`read`: the hash and length of the bytes read). The routes replace the lines either way.
fn lines_checked(
    state: AppState,
    (lines_file, source_len, source_hash): (&String, u64, u64),
    file: &str,
    dataset: &Dataset,
    read: (u64, u64),
) -> Option<DataIssue> {
    let drawn_matches = state.preview.with_untracked(|p| {
        p.as_ref()
            .is_some_and(|p| same_lines(&p.preview_lines, &dataset.routes))
    });
    if !drawn_matches {
        return Some(points_stale(
            lines_file,
            file,
            "the map showed other routes",
        ));
    }
    (read != (source_hash, source_len))
        .then(|| points_stale(lines_file, file, "its routes' lines matched"))
}

fn points_stale(points_file: &str, file: &str, what: &str) -> DataIssue {
    DataIssue {
        file: points_file.to_owned(),
        path: String::new(),
        message: format!(
            "made from another version of {file} ({what} until it was read): regenerate it"
        ),
        severity: Severity::Warning,
        reason: None,
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
    mut hash: Option<&mut SourceHash>,
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
            reason: None,
        },
        DataIssue {
            file: geodata::MANIFEST_FILE.to_owned(),
            path: format!("layers[{index}].file"),
            message: format!("layer file \"{}\" is missing", layer.file),
            severity: Severity::Error,
            reason: None,
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
