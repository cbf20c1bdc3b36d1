//! Code splitting (issue 2): the parts of the UI a first-time visitor does not need at once
//! (the coverage dashboard, the trip planner's body with its exports, the printable handout
//! with its QR code, the site list, the organisers' file importers, the thematic map, the
//! base-map switcher's choices, the shared-trip dialog) live in separate wasm chunks that are
//! downloaded when first shown. What the first view shows but does not need for the map's
//! first frame (the side panel's sections, the search results) is downloaded right after
//! that frame ([`after_first_frame`], [`lazy_when`]): the main module holds the runtime, the
//! shell, the canvas map and the first frame's data loading (see `tests/e2e/first_view.mjs`
//! for how the first view is measured).
//!
//! A split point is a function marked with `wasm_split_helpers`' `#[wasm_split]` (what
//! Leptos' `#[lazy]` is built on, here with its `fallible` option so that a failed download
//! is an error to show, not a panic). It returns a plain function pointer that builds the
//! view: its code is in the chunk, and `lazy` calls it in the normal reactive context once
//! the chunk is there. Until then `lazy` shows a loading line; if the download fails, a
//! message with "Try again" (a later attempt downloads afresh).
//!
//! The splitting itself happens after `cargo build` (`.ci/split.sh`, a trunk post_build
//! hook, runs `wasm-split-cli` on the linked wasm, then wasm-bindgen and wasm-opt). It needs
//! the `split` feature, which `index.html` turns on for trunk builds. Without it (native
//! builds, `cargo test --target wasm32-unknown-unknown`) the split points are ordinary async
//! functions and everything is in one wasm file.

// `#[wasm_split]` expands to `#[unsafe(no_mangle)]` extern "C" functions (the import/export
// pair that wasm-split rewires); nothing else in this file is unsafe.
#![allow(unsafe_code)]

use super::i18n::chunk::chunk as strings;
use super::state::use_state;
use leptos::prelude::*;
use std::future::Future;

/// A chunk of the app that could not be downloaded (offline, server error). Details are in
/// the browser console (the loader logs them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Builds a view from code in a chunk; `A` is what the caller passes in (signals, `()`).
pub type ViewFn<A> = fn(A) -> AnyView;

/// Declares a split point `$name` in chunk `$chunk` that hands back `$value` of type `$ty`
/// (function pointers into the chunk). Without the `split` feature, a plain async function.
macro_rules! split_value {
    ($(#[$doc:meta])* $chunk:ident, $name:ident, $ty:ty, $value:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<$ty, ChunkError> {
            Ok($value)
        }
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<$ty, ChunkError> {
            Ok($value)
        }
    };
}

/// Declares a split point `$name` in chunk `$chunk` whose result is the view builder `$body`
/// (taking `$arg`), for [`lazy`].
macro_rules! split_point {
    ($(#[$doc:meta])* $chunk:ident, $name:ident, $arg:ty, $body:expr) => {
        split_value!($(#[$doc])* $chunk, $name, ViewFn<$arg>, $body);
    };
}

split_point!(
    /// The coverage dashboard (`?view=dashboard`): tables, chart, CSV downloads.
    dashboard,
    dashboard_view,
    (),
    |()| view! { <super::dashboard::DashboardView /> }.into_any()
);

split_point!(
    /// The trip planner once the trip has stops: settings, the timed stop list, totals,
    /// optimise, share and the GPX/KML/CSV/ICS exports.
    trip,
    trip_body,
    super::panels::trip::Schedule,
    super::panels::trip::body
);

split_point!(
    /// The printable handout with the QR code of the share link.
    handout,
    handout_view,
    (),
    |()| view! { <super::panels::Handout /> }.into_any()
);

split_point!(
    /// The site list once opened: sorting, "only in view", near me and the rows.
    site_list,
    site_list_body,
    (),
    super::panels::site_list::body
);

split_point!(
    /// The CSV column-mapping dialog of an organiser's import, with the CSV converting code
    /// it calls (issue 7).
    import,
    mapping_dialog,
    (),
    |()| view! { <super::import::MappingDialog /> }.into_any()
);

/// Reads an organiser's file in slices: the GeoJSON, CSV, GPX and KML parsers.
pub type ReadFileFn =
    fn(
        super::import::ImportState,
        u64,
        String,
        Vec<u8>,
    ) -> std::pin::Pin<Box<dyn Future<Output = Option<super::import::FileRead>>>>;

split_value!(
    /// The organisers' file readers, in the `import` chunk with the mapping dialog: they are
    /// downloaded when a user first opens a file, not with the map.
    import,
    import_reader,
    ReadFileFn,
    super::import::read_file
);

// ---- size-data (issue 2): data-side code that the first frame does not need, fetched right
// after the first frame (src/ui/discover/search_index.rs), so it never delays it and is in
// before anyone types. (Reading activities and visits, `load::read_later`, was tried as a
// chunk too: it moved 3.3 KB raw / 1.2 KB gzip, as what it calls is shared with the first
// frame's path, so it was not worth a download that can fail.)

split_value!(
    /// Search: building the index, answering queries, reading the pinyin table.
    search,
    search_code,
    super::discover::SearchCode,
    super::discover::SearchCode::new()
);

// ---- size-ui (session 3): the views the first frame does not need ----

split_point!(
    /// The side panel's contents (the phone's bottom sheet): details, filters, site list,
    /// routes, trip, layers and legend, import, data problems. Downloaded as soon as the
    /// map's first frame is drawn ([`after_first_frame`]); the panel itself is in the main
    /// module, so nothing around it moves when they arrive.
    side_panel,
    side_panel_body,
    (),
    super::panels::side::body
);

split_point!(
    /// The thematic map's circles and legend (turned on from the dashboard).
    thematic,
    thematic_view,
    RwSignal<crate::domain::model::RegionLevel>,
    super::thematic::overlay
);

split_point!(
    /// The dialog asking what to do with a trip a link brought.
    shared_trip,
    shared_trip_dialog,
    (),
    |()| view! { <super::panels::SharedTripDialog /> }.into_any()
);

split_point!(
    /// The base-map switcher's choices, once it is opened.
    switcher,
    switcher_panel,
    RwSignal<bool>,
    super::map::switcher::panel
);

split_point!(
    /// The search box's results (the box itself is in the main module).
    search,
    search_results,
    super::panels::search::SearchUi,
    super::panels::search::results
);

split_point!(
    /// The details card of an embedded map (`?embed=1`), when a site or route is selected.
    embed_details,
    embed_details_view,
    (),
    |()| view! { <super::panels::DetailsPanel /> }.into_any()
);

// ---- firstdata (session 4, issue 2): reading data files out of the first view. The map's
// first frame is drawn from `sites.points` by code in the main module (`ui::load`); the
// readers of the manifest, GeoJSON and JSON files (serde_json and everything typed over it),
// the check of the sites against the points drawn and the cross-file checks are this chunk,
// downloaded right after that frame (at once when nothing can be drawn without it).

/// Reads on from where `ui::load::start` got to, through to the cross-file checks.
pub type ReadDataFn =
    fn(super::state::AppState, super::load::Start) -> std::pin::Pin<Box<dyn Future<Output = ()>>>;

split_value!(
    /// The data reader (`ui::load::read`).
    read_data,
    read_data,
    ReadDataFn,
    super::load::read::run
);

// ---- firstcode (session 4, issue 2): what the map and the shell need only after the map's
// first frame (or on a user's first gesture), out of the main module.

split_point!(
    /// What sits over the map besides the canvas: zoom and fit buttons, the base-map
    /// switcher's button, "near me", the scale bar, the attribution, the tooltip, notices,
    /// the thematic overlay, the embedded map's link and card; and what follows the map
    /// (flying to a selection, the view in the URL).
    late,
    map_overlays,
    super::map::late::Args,
    super::map::late::overlays
);

split_point!(
    /// The places of the dashboard (`true`: in `<main>`), the handout and the shared-trip
    /// dialog (`false`) in the shell; each is a chunk of its own once opened.
    late,
    shell_overlays,
    bool,
    super::map::late::shell_overlays
);

/// True once the first view is done: the map's first frame is drawn, or the load failed, or
/// it finished without anything to draw (then a second later). What the first frame does not
/// need is downloaded from then on.
pub fn after_first_frame() -> Signal<bool> {
    let state = use_state();
    let late = RwSignal::new(false);
    Effect::new(move || {
        if matches!(state.load.get(), super::state::LoadState::Ready) {
            set_timeout(
                move || {
                    let _ = late.try_set(true);
                },
                std::time::Duration::from_millis(1000),
            );
        }
    });
    Signal::derive(move || {
        state.first_frame.get()
            || late.get()
            || matches!(state.load.get(), super::state::LoadState::Failed(_))
    })
}

#[derive(Clone, Copy)]
enum Status<A: 'static> {
    Loading,
    Failed,
    Ready(ViewFn<A>),
}

/// Shows the view of a split point: loading line, then the view, or a failure message with
/// "Try again". `class` is put on the placeholder so that it sits where the view will be.
pub fn lazy<A, Fut>(load: fn() -> Fut, arg: A, class: &'static str) -> impl IntoView
where
    A: Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ViewFn<A>, ChunkError>> + 'static,
{
    lazy_when(Signal::stored(true), load, arg, class)
}

/// [`lazy`], with the download started only once `ready` is true (the loading line is shown
/// until then). After a failure, `ready` notifying again (set to true again) retries.
pub fn lazy_when<A, Fut>(
    ready: Signal<bool>,
    load: fn() -> Fut,
    arg: A,
    class: &'static str,
) -> impl IntoView
where
    A: Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ViewFn<A>, ChunkError>> + 'static,
{
    lazy_view(ready, load, arg, class, true)
}

/// [`lazy_when`]; `relang`: the view is built again when the language changes (else only
/// the loading line and the failure message follow the language).
fn lazy_view<A, Fut>(
    ready: Signal<bool>,
    load: fn() -> Fut,
    arg: A,
    class: &'static str,
    relang: bool,
) -> impl IntoView
where
    A: Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ViewFn<A>, ChunkError>> + 'static,
{
    let state = use_state();
    let status = RwSignal::new(Status::<A>::Loading);
    let start = move || {
        let _ = status.try_set(Status::Loading);
        leptos::task::spawn_local(async move {
            let next = match load().await {
                Ok(build) => Status::Ready(build),
                Err(ChunkError) => Status::Failed,
            };
            // The view may have been closed meanwhile (the signal is then disposed).
            let _ = status.try_set(next);
        });
    };
    let started = StoredValue::new(false);
    if ready.get_untracked() {
        started.set_value(true);
        start();
    }
    // Started when `ready` turns true; after a failed download, each new notice from
    // `ready` (e.g. the search box focused again) tries again, as "Try again" does.
    Effect::new(move || {
        if ready.get() && (!started.get_value() || matches!(status.get_untracked(), Status::Failed))
        {
            started.set_value(true);
            start();
        }
    });
    move || {
        let status = status.get();
        if let (Status::Ready(build), false) = (status, relang) {
            return untrack(|| build(arg));
        }
        let s = strings(state.lang.get());
        match status {
            Status::Ready(build) => untrack(|| build(arg)),
            Status::Loading => view! {
                <div class=format!("{class} chunk-placeholder")>
                    <p class="chunk-status" role="status">{s.loading}</p>
                </div>
            }
            .into_any(),
            Status::Failed => view! {
                <div class=format!("{class} chunk-placeholder")>
                    <p class="chunk-error" role="alert">{s.failed}</p>
                    <button class="chunk-retry" on:click=move |_| start()>{s.retry}</button>
                </div>
            }
            .into_any(),
        }
    }
}

// ---- firstcode (session 4, issue 2) ----

/// [`lazy_when`] for a view that follows the language by itself and must not be built again
/// when it changes: the map's overlays and the shell's places (`late` chunk) and the side
/// panel, whose state (an open switcher, the thematic map's saved layers, an import in
/// progress, window listeners) would be lost or outlive its owner.
pub fn lazy_kept<A, Fut>(
    ready: Signal<bool>,
    load: fn() -> Fut,
    arg: A,
    class: &'static str,
) -> impl IntoView
where
    A: Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<ViewFn<A>, ChunkError>> + 'static,
{
    lazy_view(ready, load, arg, class, false)
}

// ---- phone (session 4): on a slow phone the side panel comes before lower-priority files.
// What the first frame does not need but a visitor will soon look at (the side panel's
// sections) is fetched first; search's code and pinyin table, the activities and the base
// map's lakes and rivers wait until the side panel is in (or could not be had), so they do
// not share the phone's few connections and its bandwidth with it (tests/bench/slow_phone.mjs
// measures it). The service worker's caching of the whole build (.ci/pwa.mjs) waits for
// the mark `redmap:side-panel` too.

/// Whether the side panel's chunk has arrived or failed (or was waited for long enough),
/// as a signal for effects, and the tasks waiting for it ([`after_side_panel`]).
struct PanelWait {
    settled: ArcRwSignal<bool>,
    waiting: Vec<std::task::Waker>,
}

thread_local! {
    static PANEL: std::cell::RefCell<PanelWait> = std::cell::RefCell::new(PanelWait {
        settled: ArcRwSignal::new(false),
        waiting: Vec::new(),
    });
}

/// How long lower-priority downloads wait for the side panel at most, from the start of its
/// download (a very slow network).
const PANEL_WAIT_MAX: std::time::Duration = std::time::Duration::from_secs(12);

/// [`side_panel_body`], which also lets [`after_side_panel`]'s waiters go when it is settled
/// and sets the mark `redmap:side-panel` when it arrived.
pub async fn side_panel() -> Result<ViewFn<()>, ChunkError> {
    set_timeout(settle_panel, PANEL_WAIT_MAX);
    let result = side_panel_body().await;
    if result.is_ok() {
        super::perf::mark("redmap:side-panel");
    }
    settle_panel();
    result
}

fn settle_panel() {
    let (settled, waiting) =
        PANEL.with_borrow_mut(|p| (p.settled.clone(), std::mem::take(&mut p.waiting)));
    if !settled.get_untracked() {
        settled.set(true);
    }
    waiting.into_iter().for_each(std::task::Waker::wake);
}

/// Resolves once lower-priority downloads may start: the side panel is settled, or there is
/// no side panel (an embedded map).
pub fn after_side_panel() -> impl Future<Output = ()> {
    std::future::poll_fn(|cx| {
        PANEL.with_borrow_mut(|p| {
            if p.settled.get_untracked() || super::embed::from_url() {
                std::task::Poll::Ready(())
            } else {
                p.waiting.push(cx.waker().clone());
                std::task::Poll::Pending
            }
        })
    })
}

/// Whether the side panel is settled, as a signal for effects (an embedded map, which has
/// no side panel, has no search box either: [`after_side_panel`] is for what it loads).
pub fn side_panel_settled() -> Signal<bool> {
    PANEL.with_borrow(|p| p.settled.clone()).into()
}
