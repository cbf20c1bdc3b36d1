//! Pointer, wheel and keyboard input on the map canvas: drag to pan (mouse, touch, pen),
//! pinch and wheel/trackpad zoom around the cursor, double-click / double-tap zoom, hover
//! tooltips, click/tap to select with a finger-sized tolerance, arrows and +/- keys.

use super::draw::Hit;
use super::handle::Map;
use crate::domain::projection::ScreenPoint;
use crate::ui::perf;
use crate::ui::state::Selection;
use leptos::prelude::*;
use std::cell::RefCell;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};

/// A tap further than this from where it started is a drag, not a click.
const CLICK_SLOP_PX: f64 = 5.0;
/// Hit tolerance: a fingertip is about 44 CSS px wide; a mouse is precise.
const TOUCH_TOLERANCE_PX: f64 = 22.0;
const MOUSE_TOLERANCE_PX: f64 = 8.0;
const DOUBLE_TAP_MS: f64 = 300.0;
const KEY_PAN_PX: f64 = 100.0;

#[derive(Default)]
pub struct Gesture {
    pointers: Vec<(i32, ScreenPoint)>,
    press: Option<(ScreenPoint, bool)>,
    pinch: Option<(f64, ScreenPoint)>,
    last_tap: Option<(f64, ScreenPoint)>,
}

fn local(ev: &web_sys::MouseEvent) -> ScreenPoint {
    ScreenPoint::new(ev.offset_x() as f64, ev.offset_y() as f64)
}

fn mid_and_dist(a: ScreenPoint, b: ScreenPoint) -> (ScreenPoint, f64) {
    let mid = ScreenPoint::new((a.x_px + b.x_px) / 2.0, (a.y_px + b.y_px) / 2.0);
    (mid, (a.x_px - b.x_px).hypot(a.y_px - b.y_px).max(1.0))
}

pub fn pointer_down(map: &Map, g: &RefCell<Gesture>, ev: PointerEvent) {
    map.stop_animation();
    if let Some(canvas) = map.0.canvas.get_untracked() {
        let _ = canvas.set_pointer_capture(ev.pointer_id());
        let _ = canvas.focus();
    }
    let at = local(&ev);
    let mut g = g.borrow_mut();
    g.pointers.retain(|(id, _)| *id != ev.pointer_id());
    g.pointers.push((ev.pointer_id(), at));
    match g.pointers.as_slice() {
        [_] => g.press = Some((at, false)),
        [(_, a), (_, b), ..] => {
            let (mid, dist) = mid_and_dist(*a, *b);
            g.pinch = Some((dist, mid));
            g.press = None; // a pinch is never a click
        }
        [] => {}
    }
}

pub fn pointer_move(map: &Map, g: &RefCell<Gesture>, ev: PointerEvent) {
    let at = local(&ev);
    let state = map.0.state;
    let mut g = g.borrow_mut();
    let Some(slot) = g.pointers.iter().position(|(id, _)| *id == ev.pointer_id()) else {
        // Not pressed: hovering. Show the name of what is under the cursor.
        if ev.pointer_type() == "mouse" {
            let hovered = match map.hit(at, MOUSE_TOLERANCE_PX) {
                Some(Hit::Site(i)) => Some(i),
                _ => None,
            };
            if state.hovered.get_untracked() != hovered {
                state.hovered.set(hovered);
            }
        }
        return;
    };
    let before = g.pointers[slot].1;
    g.pointers[slot].1 = at;
    if let (Some((dist0, mid0)), [(_, a), (_, b), ..]) = (g.pinch, g.pointers.as_slice()) {
        let (mid, dist) = mid_and_dist(*a, *b);
        state.view.update(|v| {
            *v = v
                .zoom_around(mid0, v.zoom + (dist / dist0).log2())
                .pan_by_px(mid0.x_px - mid.x_px, mid0.y_px - mid.y_px)
        });
        g.pinch = Some((dist, mid));
        return;
    }
    if let Some((start, moved)) = g.press {
        let far = (at.x_px - start.x_px).hypot(at.y_px - start.y_px) > CLICK_SLOP_PX;
        g.press = Some((start, moved || far));
        if moved || far {
            let (dx, dy) = (at.x_px - before.x_px, at.y_px - before.y_px);
            state.view.update(|v| *v = v.pan_by_px(-dx, -dy));
        }
    }
}

pub fn pointer_up(map: &Map, g: &RefCell<Gesture>, ev: PointerEvent) {
    let at = local(&ev);
    let mut g = g.borrow_mut();
    g.pointers.retain(|(id, _)| *id != ev.pointer_id());
    if g.pointers.len() < 2 {
        g.pinch = None;
    }
    let Some((_, moved)) = g.press.take() else {
        return;
    };
    if moved || ev.type_() == "pointercancel" {
        return;
    }
    let touch = ev.pointer_type() != "mouse";
    let now = perf::now_ms();
    if touch {
        if let Some((t, p)) = g.last_tap {
            if now - t < DOUBLE_TAP_MS && (p.x_px - at.x_px).hypot(p.y_px - at.y_px) < 30.0 {
                g.last_tap = None;
                map.zoom_by(at, 1.0);
                return;
            }
        }
        g.last_tap = Some((now, at));
    }
    drop(g);
    click(
        map,
        at,
        if touch {
            TOUCH_TOLERANCE_PX
        } else {
            MOUSE_TOLERANCE_PX
        },
    );
}

/// Selects what was clicked; a cluster zooms to where it splits; empty map clears.
fn click(map: &Map, at: ScreenPoint, tolerance_px: f64) {
    let state = map.0.state;
    match map.hit(at, tolerance_px) {
        Some(Hit::Site(i)) => {
            state.stack.set(Vec::new());
            state.selected.set(Some(Selection::Site(i)));
        }
        Some(Hit::Cluster { id, .. }) => {
            let at_lonlat = state.view.get_untracked().screen_to_lonlat(at);
            match super::items::expansion(&state, id, at_lonlat) {
                Some(super::items::Expansion::FlyTo(center, zoom)) => map.fly_to(center, zoom),
                Some(super::items::Expansion::List(sites)) => {
                    state.selected.set(None);
                    state.stack.set(sites);
                }
                None => {}
            }
        }
        None => match super::items::route_at(&state, at, tolerance_px) {
            Some(i) => state.selected.set(Some(Selection::Route(i))),
            None => state.selected.set(None),
        },
    }
}

pub fn wheel(map: &Map, ev: WheelEvent) {
    ev.prevent_default();
    map.stop_animation();
    // Pixels for trackpads and most mice; lines (Firefox) and pages are scaled to pixels.
    let px = ev.delta_y()
        * match ev.delta_mode() {
            1 => 40.0,
            2 => 800.0,
            _ => 1.0,
        };
    // A trackpad pinch arrives as ctrl+wheel with small deltas: zoom faster per pixel.
    let rate = if ev.ctrl_key() { 0.01 } else { 0.003 };
    let dz = (-px * rate).clamp(-1.0, 1.0);
    let at = local(&ev);
    map.0
        .state
        .view
        .update(|v| *v = v.zoom_around(at, v.zoom + dz));
}

pub fn double_click(map: &Map, ev: web_sys::MouseEvent) {
    ev.prevent_default();
    map.zoom_by(local(&ev), if ev.shift_key() { -1.0 } else { 1.0 });
}

pub fn key_down(map: &Map, ev: KeyboardEvent) {
    let state = map.0.state;
    let centre = super::zoom_anchor(state);
    let pan = |dx: f64, dy: f64| state.view.update(|v| *v = v.pan_by_px(dx, dy));
    match ev.key().as_str() {
        "ArrowLeft" => pan(-KEY_PAN_PX, 0.0),
        "ArrowRight" => pan(KEY_PAN_PX, 0.0),
        "ArrowUp" => pan(0.0, -KEY_PAN_PX),
        "ArrowDown" => pan(0.0, KEY_PAN_PX),
        "+" | "=" => map.zoom_by(centre, 1.0),
        "-" | "_" => map.zoom_by(centre, -1.0),
        // With the handout open, Esc closes it (its own listener), nothing else.
        "Escape" if state.trip.handout.get_untracked() => return,
        "Escape" => state.selected.set(None),
        _ => return,
    }
    ev.prevent_default();
}
