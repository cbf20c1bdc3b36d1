//! The map's imperative core, shared by the component's event handlers: the canvas context,
//! what was drawn last (for hit testing), the base map, frame scheduling and animations.
//! Drawing is coalesced to one `requestAnimationFrame` however many signals change.

use super::basemap::Basemap;
use super::draw::{self, Drawn, Frame, Hit};
use crate::domain::fly::{ease_in_out, FlyPath};
use crate::domain::geo::LonLat;
use crate::domain::projection::ScreenPoint;
use crate::domain::viewport::Viewport;
use crate::ui::perf;
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct MapInner {
    pub state: AppState,
    pub canvas: NodeRef<leptos::html::Canvas>,
    ctx: RefCell<Option<CanvasRenderingContext2d>>,
    pub drawn: RefCell<Vec<Drawn>>,
    pub basemap: RefCell<Basemap>,
    pub tiles: RefCell<super::tiles::TileCache>,
    frame_pending: Cell<bool>,
    /// Bumped by every new animation or user gesture; a running animation whose number is
    /// no longer current stops.
    animation: Cell<u32>,
    first_frame_marked: Cell<bool>,
}

#[derive(Clone)]
pub struct Map(pub Rc<MapInner>);

impl Map {
    pub fn new(state: AppState, canvas: NodeRef<leptos::html::Canvas>) -> Self {
        Map(Rc::new(MapInner {
            state,
            canvas,
            ctx: RefCell::new(None),
            drawn: RefCell::new(Vec::new()),
            basemap: RefCell::new(Basemap::default()),
            tiles: RefCell::new(super::tiles::TileCache::default()),
            frame_pending: Cell::new(false),
            animation: Cell::new(0),
            first_frame_marked: Cell::new(false),
        }))
    }

    fn context(&self) -> Option<CanvasRenderingContext2d> {
        if let Some(ctx) = self.0.ctx.borrow().as_ref() {
            return Some(ctx.clone());
        }
        let canvas: HtmlCanvasElement = self.0.canvas.get_untracked()?;
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        *self.0.ctx.borrow_mut() = Some(ctx.clone());
        Some(ctx)
    }

    /// Schedules one redraw on the next animation frame (repeated calls coalesce).
    pub fn request_draw(&self) {
        if self.0.frame_pending.replace(true) {
            return;
        }
        let map = self.clone();
        request_animation_frame(move || {
            map.0.frame_pending.set(false);
            map.draw_now();
        });
    }

    pub fn draw_now(&self) {
        let s = self.0.state;
        let Some(loaded) = s.map_data_untracked() else {
            return;
        };
        let Some(ctx) = self.context() else { return };
        let view = s.view.get_untracked();
        if view.width_px < 1.0 || view.height_px < 1.0 {
            return;
        }
        let basemap = self.0.basemap.borrow();
        let shown = s.shown.get_untracked();
        let place_mark = s.place_mark.get_untracked();
        let frame = Frame {
            view: &view,
            loaded: &loaded,
            shown: shown.as_deref(),
            basemap: Some(&basemap),
            selected: s.selected.get_untracked(),
            hovered: s.hovered.get_untracked(),
            show_sites: s.show_sites.get_untracked(),
            show_routes: s.show_routes.get_untracked(),
            show_regions: s.show_regions.get_untracked(),
            lang: s.lang.get_untracked(),
            user_position: s.user_position.get_untracked(),
            trip: super::trip_layer::overlay(&s, &loaded),
            place_mark: place_mark.as_ref(),
            covered_bottom_px: view.height_px * super::sheet_fraction(s),
        };
        let source = s.tile_source.get_untracked();
        let key = s.tianditu_key.get_untracked();
        let tiles = |ctx: &CanvasRenderingContext2d| {
            if let Some(source) = source {
                let mut cache = self.0.tiles.borrow_mut();
                super::tiles::draw(ctx, &view, source, Some(key.as_str()), &mut cache, self);
            }
        };
        // `?bench=1` only: the frame's draw time for the benchmark (see ui/bench.rs).
        let bench_start = crate::ui::bench::enabled().then(perf::now_ms);
        let drawn = draw::draw(&ctx, &frame, &tiles);
        if let Some(start) = bench_start {
            crate::ui::bench::record_draw(start, perf::now_ms());
        }
        let has_features = !drawn.is_empty() || !loaded.dataset.routes.is_empty();
        *self.0.drawn.borrow_mut() = drawn;
        if has_features && !self.0.first_frame_marked.replace(true) {
            perf::mark(perf::FIRST_FRAME);
            s.first_frame.set(true);
        }
    }

    /// Draws the map as it would be seen in `view` (any size and device pixel ratio) on a
    /// canvas of its own, for the printed handout: the trip, the sites and their rings and
    /// the base map, without the screen's selection, hover, routes or position dot (a
    /// selected route's line crossed the handout's map). A PNG data URL.
    pub fn render(&self, view: &Viewport) -> Option<String> {
        let s = self.0.state;
        let loaded = s.map_data_untracked()?;
        let document = window().document()?;
        let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width((view.width_px * view.dpr).round().max(1.0) as u32);
        canvas.set_height((view.height_px * view.dpr).round().max(1.0) as u32);
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        let basemap = self.0.basemap.borrow();
        let shown = s.shown.get_untracked();
        let frame = Frame {
            view,
            loaded: &loaded,
            shown: shown.as_deref(),
            basemap: Some(&basemap),
            selected: None,
            hovered: None,
            show_sites: true,
            show_routes: false,
            show_regions: s.show_regions.get_untracked(),
            lang: s.lang.get_untracked(),
            user_position: None,
            trip: super::trip_layer::overlay(&s, &loaded),
            place_mark: None,
            covered_bottom_px: 0.0,
        };
        let source = s.tile_source.get_untracked();
        let key = s.tianditu_key.get_untracked();
        let tiles = |ctx: &CanvasRenderingContext2d| {
            if let Some(source) = source {
                let mut cache = self.0.tiles.borrow_mut();
                super::tiles::draw(ctx, view, source, Some(key.as_str()), &mut cache, self);
            }
        };
        draw::draw(&ctx, &frame, &tiles);
        canvas.to_data_url().ok()
    }

    /// Resizes the canvas backing store to its CSS box × device pixel ratio.
    pub fn resize(&self) {
        let Some(canvas) = self.0.canvas.get_untracked() else {
            return;
        };
        let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
        let dpr = window().device_pixel_ratio().max(1.0);
        canvas.set_width((w * dpr).round() as u32);
        canvas.set_height((h * dpr).round() as u32);
        self.0.state.view.update(|v| *v = v.with_size(w, h, dpr));
        // Setting the size cleared the canvas: redraw now rather than flash blank.
        self.draw_now();
    }

    /// The drawn site or cluster nearest to `at`, within `tolerance_px`.
    pub fn hit(&self, at: ScreenPoint, tolerance_px: f64) -> Option<Hit> {
        let drawn = self.0.drawn.borrow();
        drawn
            .iter()
            .map(|d| {
                let dist = (d.at.x_px - at.x_px).hypot(d.at.y_px - at.y_px) - d.radius_px;
                (dist, d.hit)
            })
            .filter(|(dist, _)| *dist <= tolerance_px)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, hit)| hit)
    }

    /// Stops any running animation (a user gesture takes over).
    pub fn stop_animation(&self) {
        self.0.animation.set(self.0.animation.get().wrapping_add(1));
    }

    /// Flies (zooming out and in as needed) to a place.
    pub fn fly_to(&self, center: LonLat, zoom: f64) {
        let from = self.0.state.view.get_untracked();
        let path = FlyPath::new(&from, center, zoom);
        let duration = path.duration_ms().clamp(200.0, 1800.0);
        self.animate(duration, move |t| path.at(t));
    }

    /// A short eased zoom keeping `anchor` fixed (buttons, double-click, keyboard).
    pub fn zoom_by(&self, anchor: ScreenPoint, delta: f64) {
        let from = self.0.state.view.get_untracked();
        let target = from.zoom + delta;
        self.animate(250.0, move |t| {
            from.zoom_around(anchor, from.zoom + (target - from.zoom) * ease_in_out(t))
        });
    }

    pub fn animate_to(&self, to: Viewport) {
        self.fly_to(to.center, to.zoom);
    }

    fn animate(&self, duration_ms: f64, at: impl Fn(f64) -> Viewport + 'static) {
        self.stop_animation();
        let generation = self.0.animation.get();
        let start = perf::now_ms();
        let map = self.clone();
        let at = Rc::new(at);
        fn step(
            map: Map,
            generation: u32,
            start: f64,
            duration: f64,
            at: Rc<dyn Fn(f64) -> Viewport>,
        ) {
            if map.0.animation.get() != generation {
                return;
            }
            let t = ((perf::now_ms() - start) / duration).clamp(0.0, 1.0);
            let size = map.0.state.view.get_untracked();
            let v = at(t);
            map.0
                .state
                .view
                .set(v.with_size(size.width_px, size.height_px, size.dpr));
            if t < 1.0 {
                request_animation_frame(move || step(map, generation, start, duration, at));
            }
        }
        step(map, generation, start, duration_ms, at);
    }
}
