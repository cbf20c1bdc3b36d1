//! Long work on the main thread in slices (issue 7: a 50 MB import must not freeze the
//! page): the work runs in steps, and after about [`SLICE_MS`] of them it yields to the
//! browser, which handles input and paints a frame before the next slice. The domain's
//! stepped builders (`TableReader`, `CsvImport`, `MergeBuilder`, `ClusterBuilder`) know
//! nothing of time; this file is the clock.
//!
//! Why not a Web Worker: the work ends in the app's own state (the merged dataset, the
//! cluster index the map draws from), which would have to be serialised across (a 270k-site
//! dataset takes longer to copy than to merge), and trunk 0.21 would need a second wasm
//! entry point and CSP rules for it.

use crate::domain::cluster::{ClusterBuilder, ClusterOptions};
use crate::ui::perf::now_ms;
use crate::ui::state::{AppState, Loaded, Shown, ShownKey};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Work between two yields, ms: under the 50 ms of a "long task", so input and frames
/// wait about this long at most (more on a busy machine).
pub const SLICE_MS: f64 = 35.0;

/// From this many sites a change of filters re-clusters in slices (the old clusters stay
/// on the map meanwhile) rather than at once: 50k build in ~0.2 s here, 270k in ~2 s.
pub const SLICED_MIN_SITES: usize = 50_000;

/// Cluster-build work per step (nodes and KD entries; a few ms on a phone).
const CLUSTER_STEP: usize = 20_000;

/// Measures the current slice; [`Slicer::tick`] yields when it is used up.
pub struct Slicer {
    since_ms: f64,
}

impl Default for Slicer {
    fn default() -> Self {
        Slicer { since_ms: now_ms() }
    }
}

impl Slicer {
    /// Yields to the browser if this slice has run [`SLICE_MS`]; true if it did (the
    /// world may have changed: callers check whether their work is still wanted).
    pub async fn tick(&mut self) -> bool {
        if now_ms() - self.since_ms < SLICE_MS {
            return false;
        }
        yield_now().await;
        self.since_ms = now_ms();
        true
    }

    /// Yields now (e.g. so that a progress bar is painted before a long step).
    pub async fn pause(&mut self) {
        yield_now().await;
        self.since_ms = now_ms();
    }
}

/// Runs `work` to its end in slices: `step(work)` does one bounded piece of it (true when
/// all is done), timed as the perf span `phase` (`redmap:<phase>`); each time the slice is
/// used up it yields to the browser, then gives up with `None` if `wanted()` has turned
/// false (cancelled or superseded: the caller changes nothing), else reports
/// `progress(work)`. The one loop of every long step (import, merge, clusters).
pub async fn run_in_slices<T: ?Sized>(
    slicer: &mut Slicer,
    phase: &'static str,
    wanted: &dyn Fn() -> bool,
    work: &mut T,
    mut step: impl FnMut(&mut T) -> bool,
    mut progress: impl FnMut(&T),
) -> Option<()> {
    loop {
        let timing = crate::ui::perf::span(phase);
        let done = step(work);
        timing.end();
        if done {
            return Some(());
        }
        if slicer.tick().await {
            if !wanted() {
                return None;
            }
            progress(work);
        }
    }
}

/// The promises waiting for the next message.
type Waiting = Rc<RefCell<Vec<js_sys::Function>>>;

thread_local! {
    /// One message channel for every yield, and the promises waiting on it.
    static CHANNEL: RefCell<Option<(web_sys::MessageChannel, Waiting)>> =
        const { RefCell::new(None) };
}

/// Lets the browser run its queued tasks (input, rendering) and comes back in a new task:
/// a message to ourselves, which, unlike nested zero-delay timeouts, is not held back
/// 4 ms each time. Falls back to a timeout where channels are missing.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if !post_to_self(&resolve) {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn post_to_self(resolve: &js_sys::Function) -> bool {
    CHANNEL.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            let Ok(channel) = web_sys::MessageChannel::new() else {
                return false;
            };
            let waiting: Waiting = Rc::default();
            let w = waiting.clone();
            let on_message = Closure::<dyn Fn()>::new(move || {
                let ready = std::mem::take(&mut *w.borrow_mut());
                for resolve in ready {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            });
            channel
                .port1()
                .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget(); // one closure for the page's lifetime
            *c = Some((channel, waiting));
        }
        let Some((channel, waiting)) = c.as_ref() else {
            return false;
        };
        waiting.borrow_mut().push(resolve.clone());
        channel.port2().post_message(&JsValue::NULL).is_ok()
    })
}

/// The map's sites and clusters for `loaded` under `mask`, built in slices; `None` when
/// `wanted()` turns false at a pause (the work was cancelled or superseded).
/// `progress(done, all)` is told the zoom levels done.
pub async fn shown_in_slices(
    loaded: &Loaded,
    mask: Option<Arc<Vec<bool>>>,
    slicer: &mut Slicer,
    wanted: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Shown> {
    let indexing = crate::ui::perf::span("cluster-steps");
    let sites = Shown::site_list(loaded, mask.as_deref().map(Vec::as_slice));
    let positions = Shown::positions(loaded, &sites);
    let mut builder = ClusterBuilder::new(&positions, ClusterOptions::default());
    drop(positions);
    indexing.end();
    run_in_slices(
        slicer,
        "cluster-steps",
        wanted,
        &mut builder,
        |b| b.step(CLUSTER_STEP),
        |b| {
            let (levels, all) = b.levels_done();
            progress(levels, all);
        },
    )
    .await?;
    Some(Shown {
        sites,
        clusters: builder.finish(),
        key: ShownKey::of(loaded, mask),
    })
}

/// Rebuilds the map's clusters for `loaded` under `mask` in slices and shows them, unless
/// `generation` has moved on by then (a newer rebuild, or new data).
pub fn reshow(
    state: AppState,
    loaded: Arc<Loaded>,
    mask: Option<Arc<Vec<bool>>>,
    generation: &Rc<Cell<u64>>,
) {
    generation.set(generation.get() + 1);
    let (mine, generation) = (generation.get(), generation.clone());
    leptos::task::spawn_local(async move {
        let wanted = move || generation.get() == mine;
        let mut slicer = Slicer::default();
        let shown = shown_in_slices(&loaded, mask, &mut slicer, &wanted, &mut |_, _| {}).await;
        if let Some(shown) = shown.filter(|_| wanted()) {
            state.shown.set(Some(Arc::new(shown)));
        }
    });
}
