//! What the sites layer shows at the current view: single sites and cluster bubbles, with
//! their screen positions. (Clustering proper comes from `domain::cluster`.)

use super::draw::{Drawn, Hit};
use crate::domain::hit::polyline_distance_px;
use crate::domain::projection::ScreenPoint;
use crate::domain::viewport::Viewport;
use crate::ui::state::Loaded;

/// Extra margin around the canvas so symbols half outside still draw.
const MARGIN_PX: f64 = 40.0;

pub fn visible(loaded: &Loaded, v: &Viewport) -> Vec<Drawn> {
    let t = v.transform();
    loaded
        .site_world
        .iter()
        .enumerate()
        .map(|(i, &w)| (i, t.apply(w)))
        .filter(|(_, p)| {
            p.x_px > -MARGIN_PX
                && p.y_px > -MARGIN_PX
                && p.x_px < v.width_px + MARGIN_PX
                && p.y_px < v.height_px + MARGIN_PX
        })
        .map(|(i, at)| Drawn { at, radius_px: 9.0, hit: Hit::Site(i) })
        .collect()
}

/// Where to fly to open cluster `id`: its centre and the zoom at which it splits.
pub fn expansion(_state: &crate::ui::state::AppState, _id: usize) -> Option<(crate::domain::geo::LonLat, f64)> {
    None
}

/// The route whose line passes within `tolerance_px` of `at`, nearest first.
pub fn route_at(state: &crate::ui::state::AppState, at: ScreenPoint, tolerance_px: f64) -> Option<usize> {
    use leptos::prelude::*;
    if !state.show_routes.get_untracked() {
        return None;
    }
    let v = state.view.get_untracked();
    let data = state.data.get_untracked()?;
    data.dataset
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let d = r
                .path
                .iter()
                .map(|part| {
                    let pts: Vec<ScreenPoint> = part.iter().map(|&p| v.lonlat_to_screen(p)).collect();
                    polyline_distance_px(at, &pts)
                })
                .fold(f64::INFINITY, f64::min);
            (i, d)
        })
        .filter(|(_, d)| *d <= tolerance_px)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
