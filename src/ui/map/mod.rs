//! The map: one `<canvas>` for everything drawn (base map, routes, sites, clusters), with
//! accessible DOM controls over it (zoom, fit, scale bar, attribution, tooltip).

pub mod basemap;
pub mod canvas;
pub mod draw;
mod handle;
mod input;
pub mod items;
pub mod late;
pub mod style;
pub mod switcher;
pub mod tiles;
pub mod trip_layer;

use crate::domain::geo::BBox;
use crate::domain::permalink::{self, Permalink, ViewParam};
use crate::domain::viewport::Viewport;
use crate::ui::i18n::count_of;
use crate::ui::lazy;
use crate::ui::state::{use_state, AppState, Selection, Shown, ShownKey};
use crate::ui::{fetch, url};
use handle::Map;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Zoom for a link to one site: its town and the uncertainty ring around it in view.
const SITE_LINK_ZOOM: f64 = 12.0;

/// Padding around the data when fitting it into view, CSS px.
const FIT_PADDING_PX: f64 = 48.0;

thread_local! {
    /// The page's map, for drawing the printed handout's map ([`render_handout`]).
    static MAP: RefCell<Option<Map>> = const { RefCell::new(None) };
}

/// The map drawn in `view` on a canvas of its own (see `Map::render`), as a PNG data URL;
/// `None` before the map and its data are there.
pub fn render_handout(view: &Viewport) -> Option<String> {
    MAP.with(|m| m.borrow().as_ref()?.render(view))
}

#[component]
pub fn MapView() -> impl IntoView {
    let state = use_state();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let map = Map::new(state, canvas_ref);
    MAP.with(|m| *m.borrow_mut() = Some(map.clone()));
    let gesture = Rc::new(RefCell::new(input::Gesture::default()));

    // Re-cluster once per data load and per filter change, never per frame. Not when the
    // data comes back with the same sites (activities added after the first frame: the
    // site list is moved, not copied) under the same mask. The old index is dropped before
    // the new one is built: at 100k sites two at once raised the memory peak.
    let built: Rc<RefCell<Option<ShownKey>>> = Rc::default();
    let rebuilds: Rc<std::cell::Cell<u64>> = Rc::default();
    Effect::new(move || {
        let mask = state.site_mask.get();
        let data = state.map_data();
        let key = data.as_ref().map(|d| ShownKey::of(d, mask.clone()));
        if *built.borrow() == key && key.is_some() {
            return;
        }
        let on_map = state
            .shown
            .with_untracked(|s| s.as_ref().map(|s| s.key.sites));
        // Built already, in slices, by whoever changed the data (an import).
        if key.is_some()
            && state
                .shown
                .with_untracked(|s| s.as_ref().map(|s| &s.key) == key.as_ref())
        {
            rebuilds.set(rebuilds.get() + 1);
            *built.borrow_mut() = key;
            return;
        }
        // The same sites under a new mask (a filter changed), so many that one build would
        // freeze the page: built in slices while the old clusters stay on the map.
        if let (Some(k), Some(data)) = (&key, state.data.get_untracked()) {
            if k.sites.1 >= crate::ui::slices::SLICED_MIN_SITES && on_map == Some(k.sites) {
                *built.borrow_mut() = key.clone();
                crate::ui::slices::reshow(state, data, mask, &rebuilds);
                return;
            }
        }
        rebuilds.set(rebuilds.get() + 1);
        state.shown.set(None);
        let shown = data.as_ref().map(|d| {
            let indexing = crate::ui::perf::span("cluster-index");
            let shown = Shown::new(d, mask.clone());
            indexing.end();
            Arc::new(shown)
        });
        drop(data);
        *built.borrow_mut() = key;
        state.shown.set(shown);
    });
    // Redraw whenever anything drawn changes; frames coalesce in `request_draw`.
    let m = map.clone();
    Effect::new(move || {
        state.view.track();
        state.shown.track();
        // The data replacing the preview keeps its clusters (same positions): draw its labels.
        state.data.track();
        // The routes and regions join the preview's points (ui::load::read).
        state.preview.track();
        state.selected.track();
        state.hovered.track();
        state.show_sites.track();
        state.show_routes.track();
        state.show_regions.track();
        state.lang.track();
        state.tile_source.track();
        state.tianditu_key.track();
        state.user_position.track();
        state.place_mark.track();
        // The sheet's height decides where the "inside a ring" band and note go.
        state.sheet.track();
        trip_layer::track(&state);
        m.request_draw();
    });
    switcher::restore(state);
    if crate::ui::bench::enabled() {
        crate::ui::bench::install(state); // `?bench=1` only: see ui/bench.rs
    }
    observe_size(map.clone());
    load_basemap(map.clone());
    open_view_when_loaded(map.clone());
    let late = late::Args {
        map: StoredValue::new_local(map.clone()),
        embed: crate::ui::embed::from_url(),
    };

    let (m1, m2, m3, m4, m5, m6, m7) = (
        map.clone(),
        map.clone(),
        map.clone(),
        map.clone(),
        map.clone(),
        map.clone(),
        map.clone(),
    );
    let (g1, g2, g3, g4) = (gesture.clone(), gesture.clone(), gesture.clone(), gesture);
    let t = move || state.lang.get().t();
    let label = move || {
        // What the map shows: the sites drawn from `sites.points` count before they are read.
        let n = state.map_data().map_or(0, |d| d.site_count());
        format!(
            "{} — {}",
            t().map_label,
            count_of(state.lang.get(), n, "个地点", "sites")
        )
    };
    view! {
        <canvas
            node_ref=canvas_ref
            class="map-canvas"
            tabindex="0"
            role="application"
            aria-roledescription=move || if state.lang.get() == crate::ui::i18n::Lang::Zh { "地图" } else { "map" }
            aria-label=label
            data-site-count=move || state.data.with(|d| d.as_ref().map(|d| d.dataset.sites.len()).unwrap_or(0))
            on:pointerdown=move |ev| input::pointer_down(&m1, &g1, ev)
            on:pointermove=move |ev| input::pointer_move(&m2, &g2, ev)
            on:pointerup=move |ev| input::pointer_up(&m3, &g3, ev)
            on:pointercancel=move |ev| input::pointer_up(&m4, &g4, ev)
            on:pointerleave=move |_| state.hovered.set(None)
            on:wheel=move |ev| input::wheel(&m5, ev)
            on:dblclick=move |ev| input::double_click(&m6, ev)
            on:keydown=move |ev| input::key_down(&m7, ev)
        ></canvas>
        // The tiles drawn in the first frame come with their attribution.
        <div class="attribution">{move || switcher::attribution(state)}</div>
        // Over the map, right after its first frame: controls, scale bar, tooltip... (the
        // `late` chunk, see late.rs).
        {lazy::lazy_kept(lazy::after_first_frame(), lazy::map_overlays, late, "late-chunk")}
    }
}

fn observe_size(map: Map) {
    let canvas = map.0.canvas;
    Effect::new(move || {
        let Some(el) = canvas.get() else { return };
        let m = map.clone();
        let callback = Closure::<dyn Fn()>::new(move || m.resize());
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&el);
        }
        // The observer lives as long as the page: leak its callback on purpose.
        callback.forget();
    });
}

/// Fetches the base map: its layers parsed ahead of time into one binary file
/// (`domain::basemap::packed`, no JSON reader in the first view); a failure leaves a plain
/// background (and a line in the console).
fn load_basemap(map: Map) {
    leptos::task::spawn_local(async move {
        let url = format!("geodata/basemap/{}", crate::domain::basemap::PACKED_FILE);
        let read = fetch::fetch_bytes(&url)
            .await
            .and_then(|bytes| crate::domain::basemap::packed::decode(&bytes));
        match read {
            Ok(layers) => {
                map.0.basemap.borrow_mut().layers = layers;
                map.request_draw();
            }
            Err(message) => web_sys::console::warn_1(&format!("{url}: {message}").into()),
        }
    });
}

/// When data arrives: the URL's view and selection if it has them, else fit all the data.
fn open_view_when_loaded(map: Map) {
    let state = map.0.state;
    let link = use_context::<Permalink>().unwrap_or_default();
    // Stages: 0 nothing yet, 1 the view opened, 2 the link's selection made too. The view
    // opens on the first thing the map draws (the preview from `sites.points`, or the data),
    // unless the link opens on a place: that needs the records, so it waits for the data.
    Effect::new(move |stage: Option<u8>| {
        let stage = stage.unwrap_or(0);
        if stage == 2 {
            return 2;
        }
        // Fitting needs the canvas size: wait for the first resize.
        let v = state.view.get();
        if v.width_px < 1.0 || v.height_px < 1.0 {
            return stage;
        }
        if stage == 0 {
            let on_place = (link.site.is_some() || link.route.is_some()) && link.view.is_none();
            let first = if on_place {
                state.data.get()
            } else {
                state.map_data()
            };
            let Some(first) = first else {
                return 0;
            };
            let opened = match link.view {
                Some(ViewParam { zoom, lat, lon }) => v
                    .with_center(crate::domain::geo::LonLat::new(lon, lat))
                    .with_zoom(zoom),
                None => fit_visible(state, &v, &first.bounds),
            };
            state.view.set(opened);
        }
        let Some(data) = state.data.get() else {
            return 1;
        };
        let opened = state.view.get_untracked();
        select_from_link(state, &link, &data.dataset);
        // A shared trip without a view opens on its stops (with their rings).
        if link.trip && link.view.is_none() && link.site.is_none() && link.route.is_none() {
            let ts = state.trip;
            let trip = ts
                .incoming
                .get_untracked()
                .unwrap_or_else(|| ts.trip.get_untracked());
            let bbox = crate::domain::trip::stops_bounds(&trip, &data.dataset);
            if !bbox.is_empty() {
                let fitted = fit_visible(state, &opened, &bbox);
                // Stops at one spot: close enough to see them, not the maximum zoom.
                state.view.set(fitted.with_zoom(fitted.zoom.min(16.0)));
            }
        }
        // A link to a place without a view opens on the place, close enough to see it.
        if link.view.is_none() {
            if let Some(Selection::Site(i)) = state.selected.get_untracked() {
                if let Some(site) = data.dataset.sites.get(i) {
                    let at = opened.with_zoom(SITE_LINK_ZOOM).with_center(site.position);
                    let shift = at.height_px * sheet_fraction(state) / 2.0;
                    state.view.set(at.pan_by_px(0.0, shift));
                }
            }
        }
        2
    });
}

fn select_from_link(state: AppState, link: &Permalink, dataset: &crate::domain::model::Dataset) {
    let find_site = |id: &str| dataset.sites.iter().position(|s| s.id.as_str() == id);
    let find_route = |id: &str| dataset.routes.iter().position(|r| r.id.as_str() == id);
    let mut problems = Vec::new();
    if let Some(id) = &link.site {
        match find_site(id) {
            Some(i) => state.selected.set(Some(Selection::Site(i))),
            None => problems.push(format!(
                "site: no site with id {} in this data",
                permalink::quoted(id)
            )),
        }
    } else if let Some(id) = &link.route {
        match find_route(id) {
            Some(i) => state.selected.set(Some(Selection::Route(i))),
            None => problems.push(format!(
                "route: no route with id {} in this data",
                permalink::quoted(id)
            )),
        }
    }
    state.url_problems.update(|p| p.extend(problems));
}

/// A selected place that is off screen (or under the phone's bottom sheet) is flown to;
/// a selected route is fitted into view.
fn follow_selection(map: Map) {
    let state = map.0.state;
    Effect::new(move |prev: Option<Option<Selection>>| {
        let selected = state.selected.get();
        if prev.is_none() {
            return selected; // the first run is the page opening, not a selection
        }
        let Some(data) = state.data.get_untracked() else {
            return selected;
        };
        let v = state.view.get_untracked();
        match selected {
            Some(Selection::Site(i)) => {
                if let Some(site) = data.dataset.sites.get(i) {
                    let p = v.lonlat_to_screen(site.position);
                    let visible_h = v.height_px * (1.0 - sheet_fraction(state));
                    let inside = p.x_px > 30.0
                        && p.x_px < v.width_px - 30.0
                        && p.y_px > 30.0
                        && p.y_px < visible_h - 30.0;
                    if !inside {
                        let zoom = v.zoom.max(10.0);
                        // Centre it in the part of the map the sheet leaves visible.
                        let target = v.with_zoom(zoom).with_center(site.position);
                        let shift = v.height_px * sheet_fraction(state) / 2.0;
                        map.animate_to(target.pan_by_px(0.0, shift));
                    }
                }
            }
            Some(Selection::Route(i)) => {
                if let Some(route) = data.dataset.routes.get(i) {
                    let bbox =
                        crate::domain::geo::BBox::from_points(route.path.iter().flatten().copied());
                    map.animate_to(fit_visible(state, &v, &bbox));
                    let fitted = v.fit_bounds(&bbox, FIT_PADDING_PX * 1.5);
                    // Stops placed at one town centre: a street-level zoom, not the maximum.
                    map.animate_to(fitted.with_zoom(fitted.zoom.min(14.0)));
                }
            }
            None => {}
        }
        selected
    });
}

/// Fits `bbox` into the part of the map the phone's bottom sheet leaves visible (also used
/// for a newly imported layer, `ui::import::layers::fit_to`).
pub(crate) fn fit_visible(state: AppState, v: &Viewport, bbox: &BBox) -> Viewport {
    let covered_px = v.height_px * sheet_fraction(state);
    let above_sheet = v.with_size(v.width_px, v.height_px - covered_px, v.dpr);
    let fitted = above_sheet.fit_bounds(bbox, FIT_PADDING_PX);
    // Same centre for the full canvas would sit behind the sheet: move it down by half.
    v.with_center(fitted.center)
        .with_zoom(fitted.zoom)
        .pan_by_px(0.0, covered_px / 2.0)
}

/// Flies to a requested (point, zoom), centred in the part of the map the sheet leaves
/// visible; never zooms out.
fn follow_focus(map: Map) {
    let state = map.0.state;
    Effect::new(move || {
        let Some((point, zoom)) = state.focus.get() else {
            return;
        };
        let v = state.view.get_untracked();
        map.animate_to(centre_visible(state, &v, point, v.zoom.max(zoom)));
    });
}

/// The height, CSS px, of the part of the map the phone's bottom sheet leaves visible (all
/// of it on a desktop).
pub(crate) fn visible_height_px(state: AppState, v: &Viewport) -> f64 {
    v.height_px * (1.0 - sheet_fraction(state))
}

/// `v` at `zoom` with `point` in the middle of the part of the map the phone's sheet leaves
/// visible (the canvas's own middle is under the sheet).
pub(crate) fn centre_visible(
    state: AppState,
    v: &Viewport,
    point: crate::domain::geo::LonLat,
    zoom: f64,
) -> Viewport {
    let shift = v.height_px * sheet_fraction(state) / 2.0;
    v.with_zoom(zoom).with_center(point).pan_by_px(0.0, shift)
}

/// Where the zoom buttons and keys zoom about: the selected site where it is in the part
/// of the map the phone's sheet leaves visible (it stays put, and so its ring and the
/// "position approximate" note of z15+ show as when the zoom is opened by a link), else
/// the middle of that visible part.
pub(crate) fn zoom_anchor(state: AppState) -> crate::domain::projection::ScreenPoint {
    let v = state.view.get_untracked();
    let visible_h = v.height_px * (1.0 - sheet_fraction(state));
    let middle = crate::domain::projection::ScreenPoint::new(v.width_px / 2.0, visible_h / 2.0);
    let site = match state.selected.get_untracked() {
        Some(Selection::Site(i)) => state.map_data_untracked().and_then(|d| d.site_position(i)),
        _ => None,
    };
    site.map(|p| v.lonlat_to_screen(p))
        .filter(|p| {
            p.x_px.is_finite()
                && p.y_px.is_finite()
                && (0.0..=v.width_px).contains(&p.x_px)
                && (0.0..=visible_h).contains(&p.y_px)
        })
        .unwrap_or(middle)
}

/// How much of the map's height the phone's bottom sheet covers (0 on a desktop).
pub(crate) fn sheet_fraction(state: AppState) -> f64 {
    let narrow = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 700.0);
    if !narrow {
        return 0.0;
    }
    match state.sheet.get_untracked() {
        crate::ui::state::Sheet::Collapsed => 0.08,
        crate::ui::state::Sheet::Half => 0.38,
        crate::ui::state::Sheet::Expanded => 0.8,
    }
}

/// The view and the selection are kept in the URL (debounced while the map moves).
fn keep_url_in_step(state: AppState) {
    let pending: Rc<RefCell<Option<TimeoutHandle>>> = Rc::new(RefCell::new(None));
    Effect::new(move || {
        let v = state.view.get();
        if state.data.with(|d| d.is_none()) || v.width_px < 1.0 {
            return;
        }
        if let Some(h) = pending.borrow_mut().take() {
            h.clear();
        }
        let text = permalink::format_view(ViewParam {
            zoom: v.zoom,
            lat: v.center.lat,
            lon: v.center.lon,
        });
        let handle = set_timeout_with_handle(
            move || url::set_params(&[("v", Some(text))]),
            std::time::Duration::from_millis(300),
        );
        *pending.borrow_mut() = handle.ok();
    });
    Effect::new(move || {
        let selected = state.selected.get();
        let Some(data) = state.data.get() else { return };
        let (site, route) = match selected {
            Some(Selection::Site(i)) => (
                data.dataset.sites.get(i).map(|s| s.id.as_str().to_string()),
                None,
            ),
            Some(Selection::Route(i)) => (
                None,
                data.dataset
                    .routes
                    .get(i)
                    .map(|r| r.id.as_str().to_string()),
            ),
            None => (None, None),
        };
        url::set_params(&[("site", site), ("route", route)]);
    });
}
