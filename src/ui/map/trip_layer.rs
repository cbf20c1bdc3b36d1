//! The trip on the map: a dashed line through its stops in order and numbered square badges
//! (squares and a dashed line, so the trip differs from a route's solid line and round
//! numbers by shape, not only by colour), plus a ring on the stop being stepped through in
//! the routes panel. The overlay is gathered from the state once per frame.

use super::canvas::{circle, polyline};
use crate::domain::geo::LonLat;
use crate::domain::projection::ScreenPoint;
use crate::domain::trip::resolve;
use crate::domain::viewport::Viewport;
use crate::ui::state::{AppState, Loaded};
use leptos::prelude::*;
use web_sys::CanvasRenderingContext2d as Ctx;

pub const TRIP_COLOR: &str = "#1a56db";
const FOCUS_COLOR: &str = "#ffd400";

/// What the trip layer draws this frame.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    /// The trip's stops that are in the data: (stop number from 1, position).
    pub stops: Vec<(usize, LonLat)>,
    pub focus: Option<LonLat>,
    /// The printed handout is open: the map numbers the trip's stops only (no route
    /// numbers, no cluster counts), as the handout's table does.
    pub handout: bool,
}

/// Reads the trip state (untracked: the map's redraw effect tracks it via [`track`]).
pub fn overlay(state: &AppState, loaded: &Loaded) -> Overlay {
    let ts = state.trip;
    let stops = if ts.show_on_map.get_untracked() {
        ts.trip.with_untracked(|t| {
            resolve(t, &loaded.dataset)
                .into_iter()
                .enumerate()
                .filter_map(|(i, s)| Some((i + 1, s?.position)))
                .collect()
        })
    } else {
        Vec::new()
    };
    let focus = ts
        .focus
        .get_untracked()
        .and_then(|i| loaded.dataset.sites.get(i))
        .map(|s| s.position);
    Overlay {
        stops,
        focus,
        handout: ts.handout.get_untracked(),
    }
}

/// Subscribes the calling effect to everything the overlay shows.
pub fn track(state: &AppState) {
    state.trip.trip.track();
    state.trip.show_on_map.track();
    state.trip.focus.track();
    state.trip.handout.track();
}

/// The trip's line, drawn under the sites and their labels.
pub fn draw_line(ctx: &Ctx, v: &Viewport, overlay: &Overlay) {
    if overlay.stops.len() < 2 {
        return;
    }
    polyline(
        ctx,
        overlay.stops.iter().map(|&(_, p)| v.lonlat_to_screen(p)),
    );
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_line_width(7.0);
    ctx.set_stroke_style_str("rgba(255,255,255,0.85)");
    ctx.stroke();
    let dash = js_sys::Array::of2(&10.0.into(), &6.0.into());
    let _ = ctx.set_line_dash(&dash);
    ctx.set_line_width(4.0);
    ctx.set_stroke_style_str(TRIP_COLOR);
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
}

/// The numbered stops and the stepping ring, drawn over everything else.
pub fn draw_marks(ctx: &Ctx, v: &Viewport, overlay: &Overlay) {
    if let Some(p) = overlay.focus {
        circle(ctx, v.lonlat_to_screen(p), 18.0);
        ctx.set_line_width(5.0);
        ctx.set_stroke_style_str(FOCUS_COLOR);
        ctx.stroke();
    }
    let pts: Vec<ScreenPoint> = overlay
        .stops
        .iter()
        .map(|&(_, p)| v.lonlat_to_screen(p))
        .collect();
    draw_badges(ctx, &pts, overlay);
}

/// Numbered squares below each stop; stops sharing a position fan out to the right
/// (`domain::trip::badge_centres`, which the handout's cut keeps whole).
fn draw_badges(ctx: &Ctx, pts: &[ScreenPoint], overlay: &Overlay) {
    ctx.set_font("bold 12px sans-serif");
    ctx.set_text_align("center");
    let centres = crate::domain::trip::badge_centres(pts);
    for (&(n, _), c) in overlay.stops.iter().zip(&centres) {
        let (x, y) = (c.x_px, c.y_px);
        ctx.begin_path();
        ctx.rect(x - 9.0, y - 9.0, 18.0, 18.0);
        ctx.set_fill_style_str(TRIP_COLOR);
        ctx.fill();
        ctx.set_line_width(2.0);
        ctx.set_stroke_style_str("#ffffff");
        ctx.stroke();
        ctx.set_fill_style_str("#ffffff");
        let _ = ctx.fill_text(&n.to_string(), x, y + 4.0);
    }
    ctx.set_text_align("start");
}
