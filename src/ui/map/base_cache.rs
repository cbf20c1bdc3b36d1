//! An offscreen copy of the vector base map (water, land, provinces, lakes, rivers, their
//! names), drawn once per zoom level with a margin around the view and copied onto the
//! map while it pans: one bitmap copy per frame instead of thousands of path vertices
//! filled and stroked again (issue 4: pan frames at 100k points).
//!
//! The copy is made only when the zoom stays put for two frames running (a pan, or the
//! first frame after a zoom); while the zoom changes every frame the base map is drawn
//! directly, as before. Copies land on whole device pixels, so nothing is resampled.

use super::basemap::{self, Basemap};
use super::style::WATER_FILL;
use crate::domain::viewport::Viewport;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d as Ctx, HtmlCanvasElement};

/// Margin drawn around the view on each side, in CSS pixels.
const MARGIN_PX: f64 = 320.0;
/// Largest copy kept, in device pixels (4 bytes each): about 24 MB. A larger one (a big
/// screen at a high pixel ratio) is not made; the base map is then drawn directly.
const MAX_DEVICE_PX: f64 = 6.0e6;

/// What a copy was drawn for; any change makes a new one.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Key {
    zoom: f64,
    width_px: f64,
    height_px: f64,
    dpr: f64,
    english: bool,
    /// Base-map files arrive one by one: (layers, features) in when the copy was drawn.
    contents: (usize, usize),
}

#[derive(Default)]
pub struct BaseCache {
    canvas: Option<(HtmlCanvasElement, Ctx)>,
    key: Option<Key>,
    /// The copy's viewport (same zoom, centred where it was drawn, margin included).
    view: Option<Viewport>,
    /// The zoom of the previous frame, to tell a pan from a zoom gesture.
    last_zoom: Option<f64>,
}

impl BaseCache {
    /// Draws the base map (water first) under the view from the copy when it can; draws it
    /// directly otherwise.
    pub fn draw(&mut self, ctx: &Ctx, v: &Viewport, basemap: Option<&Basemap>, english: bool) {
        let steady = self.last_zoom == Some(v.zoom);
        self.last_zoom = Some(v.zoom);
        let key = Key {
            zoom: v.zoom,
            width_px: v.width_px,
            height_px: v.height_px,
            dpr: v.dpr,
            english,
            contents: basemap.map_or((0, 0), |b| {
                let features = b.layers.iter().map(|l| l.features.len()).sum();
                (b.layers.len(), features)
            }),
        };
        if self.blit(ctx, v, key) {
            return;
        }
        if steady && self.redraw(v, key, basemap) && self.blit(ctx, v, key) {
            return;
        }
        draw_direct(ctx, v, basemap, english);
    }

    /// Copies the copy onto the view if it is for `key` and covers the whole view.
    fn blit(&self, ctx: &Ctx, v: &Viewport, key: Key) -> bool {
        let (Some((canvas, _)), Some(cv), true) = (&self.canvas, &self.view, self.key == Some(key))
        else {
            return false;
        };
        // Where the copy's top-left corner lands on the view, on a whole device pixel.
        let corner = cv.screen_to_world(crate::domain::projection::ScreenPoint::new(0.0, 0.0));
        let at = v.world_to_screen(corner);
        let snap = |x: f64| (x * v.dpr).round() / v.dpr;
        let (x, y) = (snap(at.x_px), snap(at.y_px));
        let covers = x <= 0.0
            && y <= 0.0
            && x + cv.width_px >= v.width_px
            && y + cv.height_px >= v.height_px;
        if !covers {
            return false;
        }
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            canvas,
            x,
            y,
            cv.width_px,
            cv.height_px,
        )
        .is_ok()
    }

    /// Draws a new copy around the view; `false` when none can be made.
    fn redraw(&mut self, v: &Viewport, key: Key, basemap: Option<&Basemap>) -> bool {
        let (w, h) = (v.width_px + 2.0 * MARGIN_PX, v.height_px + 2.0 * MARGIN_PX);
        let device = (w * v.dpr).round() * (h * v.dpr).round();
        if device > MAX_DEVICE_PX {
            self.canvas = None;
            return false;
        }
        if self.canvas.is_none() {
            self.canvas = new_canvas();
        }
        let Some((canvas, cctx)) = &self.canvas else {
            return false;
        };
        let cv = Viewport::new(v.center, v.zoom, w, h, v.dpr);
        canvas.set_width((w * v.dpr).round() as u32);
        canvas.set_height((h * v.dpr).round() as u32);
        draw_direct(cctx, &cv, basemap, key.english);
        self.view = Some(cv);
        self.key = Some(key);
        true
    }
}

/// Water under everything, then the base map's layers and names.
fn draw_direct(ctx: &Ctx, v: &Viewport, basemap: Option<&Basemap>, english: bool) {
    let _ = ctx.set_transform(v.dpr, 0.0, 0.0, v.dpr, 0.0, 0.0);
    ctx.set_fill_style_str(WATER_FILL);
    ctx.fill_rect(0.0, 0.0, v.width_px, v.height_px);
    if let Some(basemap) = basemap {
        basemap::draw(ctx, v, basemap, english);
    }
}

fn new_canvas() -> Option<(HtmlCanvasElement, Ctx)> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<Ctx>().ok()?;
    Some((canvas, ctx))
}
