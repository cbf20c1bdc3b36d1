//! Loading data in the browser: the bundled dataset by default, or `?data=<url>`.
//!
//! The UI only fetches bytes and reports progress; parsing, validation and assembly are the
//! domain's (`crate::domain::geodata`). Any failure becomes a message in the page.
//!
//! Two parts, for the first view's size (issue 2). This file is in the main wasm module and
//! runs no JSON reader of ours: it fetches the manifest, peeks at it with the browser's
//! `JSON.parse` ([`peek`]), and when its sites layer names a `sites.points` it draws the
//! map's first frame from that binary file alone (`domain::geodata::points`), with the
//! routes from the routes layer's `routes.lines` when it names one
//! (`domain::geodata::lines`; without it the routes join once read). The readers
//! (the manifest with its checks, the GeoJSON and JSON files, the cross-file checks:
//! [`read`]) are the `read_data` chunk (`ui::lazy::read_data`), downloaded right after that
//! frame, or at once when nothing can be drawn without it (no points file, a points file
//! that cannot be used, a `?data=` GeoJSON).
//!
//! Order (issue 4, 100k points): the points and the first frame; then the other map layers
//! (routes, regions) and the sites GeoJSON, each parsed as its bytes arrive and never held
//! whole; then activities and visit counts, and the cross-file checks once all is in.

mod peek;
pub mod read;
pub mod stated;

use super::fetch::{fetch_bytes, fetch_text, open, resolve_url, send, Opened};
use super::lazy::{read_data, ChunkError};
use super::perf;
use super::state::{AppState, LoadState, Loaded};
use crate::domain::geodata::lines::{self, Lines, RouteLines};
use crate::domain::geodata::points::{self, SitePoints};
use crate::domain::model::Dataset;
use crate::domain::validate::{DataIssue, Severity};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const BUNDLED_MANIFEST: &str = "geodata/dataset.json";

/// Marks that the first frame is drawn from `sites.points` (read by the benchmark, which
/// says which path it measured).
pub const PREVIEW: &str = "redmap:points-preview";

/// Shown when the reader chunk cannot be downloaded (offline, server error).
const READER_MISSING: &str =
    "the part of the app that reads data files could not be downloaded: check the connection and reload the page";

/// Starts loading; updates `state.load`, `state.preview`, `state.data` and `state.issues`
/// as it goes (see the module doc for the order).
pub fn start(state: AppState, data_url: Option<String>) {
    leptos::task::spawn_local(async move {
        let first = match first_part(state, data_url).await {
            Ok(first) => first,
            Err(message) => return state.load.set(LoadState::Failed(message)),
        };
        if matches!(first, Start::Preview { .. }) {
            // The reader is downloaded once the preview is on screen, never before it.
            next_frame().await;
        }
        match read_data().await {
            Ok(read) => read(state, first).await,
            Err(ChunkError) => {
                // A preview stays on the map (its points are right; only their details are
                // missing), under the message saying why nothing more comes.
                state.later_loading.set(false);
                state.load.set(LoadState::Failed(READER_MISSING.to_owned()));
            }
        }
    });
}

/// What the reader chunk is handed: how far the load got without it.
// Made and moved once per load: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Start {
    /// Nothing drawn yet: the text fetched from `url` (the manifest; with `?data=`, maybe a
    /// GeoJSON) to read whole, and the problems found so far (an unusable points file).
    Whole {
        url: String,
        /// From `?data=` (else the bundled manifest).
        given: bool,
        text: String,
        issues: Vec<DataIssue>,
    },
    /// The map shows the points (`state.preview`): the manifest's text, to read and check,
    /// and the sites file whose points were drawn.
    Preview {
        manifest_url: String,
        text: String,
        deferred: Deferred,
    },
}

/// The sites file whose `sites.points` was drawn first: opened, its body read after that
/// frame and checked against the points drawn.
pub struct Deferred {
    pub url: String,
    /// The sites layer's position in the manifest's `layers`, its `file` and `points`.
    pub index: usize,
    pub file: String,
    pub points_file: String,
    pub opened: Opened,
    /// What the points file says about the GeoJSON and its sites, to check them against.
    pub source_len: u64,
    pub source_hash: u64,
    pub features: Vec<u32>,
    /// The routes drawn from `routes.lines` with the points, to check once read.
    pub routes: Option<DeferredRoutes>,
    /// Problems found before the first frame (a `routes.lines` not used).
    pub issues: Vec<DataIssue>,
}

/// The routes GeoJSON whose `routes.lines` was drawn first: opened (its length checked),
/// its body read by the reader and checked against the lines drawn.
pub struct DeferredRoutes {
    pub lines_file: String,
    /// What `routes.lines` says of the GeoJSON: its length and hash.
    pub source_len: u64,
    pub source_hash: u64,
    pub opened: Opened,
}

/// Fetches the manifest (or the `?data=` file); when it names a usable points file for its
/// sites, shows the preview drawn from it. An error is a message for the page.
async fn first_part(state: AppState, data_url: Option<String>) -> Result<Start, String> {
    let given = data_url.is_some();
    let url = data_url.unwrap_or_else(|| BUNDLED_MANIFEST.to_owned());
    state.load.set(LoadState::Loading { done: 0, total: 1 });
    if given {
        check_allowed(&url)?;
    }
    let reading = perf::span("fetch");
    let text = fetch_text(&url).await?;
    let Some(peek) = peek::manifest(&text) else {
        reading.end();
        return Ok(Start::Whole {
            url,
            given,
            text,
            issues: Vec::new(),
        });
    };
    let sites_url = resolve_url(&peek.sites.file, &url);
    let points_url = resolve_url(&peek.sites.points, &url);
    let lines_url = peek.routes.as_ref().map(|r| resolve_url(&r.lines, &url));
    if let Some(lines_url) = lines_url.as_deref().filter(|u| check_allowed(u).is_ok()) {
        send(lines_url); // small: in with the points
    }
    let found = points_first(&sites_url, &points_url, &peek.sites.file).await;
    reading.end();
    let (points, mut deferred) = match found {
        Ok(found) => found,
        Err(message) => {
            let issues = vec![not_used(&peek.sites.points, message, SITES_FIRST)];
            return Ok(Start::Whole {
                url,
                given,
                text,
                issues,
            });
        }
    };
    // The map's other layers are asked for now; the reader takes their responses.
    for file in &peek.other_files {
        let other = resolve_url(file, &url);
        if check_allowed(&other).is_ok() {
            super::fetch::send(&other);
        }
    }
    let (lines, issues) = match (&peek.routes, lines_url) {
        (Some(routes), Some(lines_url)) => {
            let routes_url = resolve_url(&routes.file, &url);
            match routes_first(&lines_url, &routes_url, &routes.file).await {
                Ok((found, opened)) => {
                    deferred.routes = Some(DeferredRoutes {
                        lines_file: routes.lines.clone(),
                        source_len: found.source_len,
                        source_hash: found.source_hash,
                        opened,
                    });
                    (found.lines, Vec::new())
                }
                Err(message) => (
                    Vec::new(),
                    vec![not_used(&routes.lines, message, ROUTES_LATER)],
                ),
            }
        }
        _ => (Lines::new(), Vec::new()),
    };
    let preparing = perf::span("prepare");
    let origin = if given {
        url.clone()
    } else {
        "bundled".to_owned()
    };
    let preview = Loaded::preview(
        Dataset::default(),
        points,
        lines,
        origin,
        peek.title,
        peek.title_en,
    );
    preparing.end();
    perf::mark(PREVIEW);
    state.later_loading.set(true);
    state.load.set(LoadState::Loading {
        done: 1,
        total: 2 + peek.other_files.len(),
    });
    state.preview.set(Some(Arc::new(preview)));
    let deferred = Deferred {
        url: sites_url,
        index: peek.sites.index,
        file: peek.sites.file,
        points_file: peek.sites.points,
        issues,
        ..deferred
    };
    Ok(Start::Preview {
        manifest_url: url,
        text,
        deferred,
    })
}

/// The sites layer's `sites.points`, fetched and checked against the GeoJSON's length (when
/// the server states it) before anything is drawn from it; the GeoJSON is opened, its body
/// left to read later. An error says why the points cannot be used.
async fn points_first(
    url: &str,
    points_url: &str,
    file: &str,
) -> Result<(SitePoints, Deferred), String> {
    let (bytes, opened) = drawn_first(points_url, url).await?;
    let mut points = points::decode(&bytes)?;
    drop(bytes);
    same_length(file, points.source_len, opened.length)?;
    let deferred = Deferred {
        url: url.to_owned(),
        index: 0,
        file: file.to_owned(),
        points_file: String::new(),
        opened,
        source_len: points.source_len,
        source_hash: points.source_hash,
        features: std::mem::take(&mut points.features),
        routes: None,
        issues: Vec::new(),
    };
    Ok((points, deferred))
}

/// The routes layer's `routes.lines`, checked against the routes GeoJSON's length (when
/// the server states it) before anything is drawn from it; the GeoJSON is opened, its body
/// left to the reader. An error says why the lines cannot be used.
async fn routes_first(
    lines_url: &str,
    url: &str,
    file: &str,
) -> Result<(RouteLines, Opened), String> {
    let (bytes, opened) = drawn_first(lines_url, url).await?;
    let found = lines::decode(&bytes)?;
    same_length(file, found.source_len, opened.length)?;
    Ok((found, opened))
}

/// A file the map draws first (`sites.points`, `routes.lines`) and the GeoJSON it was made
/// from, opened (its body left to read later). (A file that then cannot be used leaves that
/// GET unread: the reader asks again.)
async fn drawn_first(file_url: &str, url: &str) -> Result<(Vec<u8>, Opened), String> {
    check_allowed(file_url)?;
    check_allowed(url)?;
    let bytes = fetch_bytes(file_url).await?;
    Ok((bytes, open(url).await?))
}

/// An error when the GeoJSON `file` is not as long (`now`, when the server states it) as
/// the one a file drawn first was made from (`made`): that file is stale.
fn same_length(file: &str, made: u64, now: Option<usize>) -> Result<(), String> {
    match now {
        Some(now) if now as u64 != made => Err(format!(
            "made from a {file} of {made} bytes, but it has {now} now: stale"
        )),
        _ => Ok(()),
    }
}

/// What the map does instead of drawing a file that is [`not_used`] first.
const SITES_FIRST: &str = "the map waits for the sites file instead";
const ROUTES_LATER: &str = "the map draws the routes once they are read";

/// A warning that a file drawn first (`sites.points`, `routes.lines`) is not used.
fn not_used(file: &str, message: String, instead: &str) -> DataIssue {
    DataIssue {
        file: file.to_owned(),
        path: String::new(),
        message: format!("not used ({message}); {instead}"),
        severity: Severity::Warning,
        reason: None,
    }
}

/// The page's Content Security Policy only lets it fetch from its own site and the configured
/// data hosts (`domain::csp`): say so, rather than let the fetch fail as a "network error".
fn check_allowed(url: &str) -> Result<(), String> {
    let absolute = resolve_url(url, url);
    let page_origin = window().location().origin().unwrap_or_default();
    crate::domain::csp::data_url_allowed(&absolute, &page_origin)
        .map_err(|origin| crate::domain::csp::blocked_data_message(url, &origin))
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
