//! What the sites layer shows at the current view: single sites and cluster bubbles, with
//! their screen positions. (Clustering proper comes from `domain::cluster`.)

use super::draw::{Drawn, Hit};
use crate::domain::cluster::{ClusterId, ClusterItem};
use crate::domain::geo::{BBox, LonLat};
use crate::domain::hit::polyline_distance_px;
use crate::domain::projection::ScreenPoint;
use crate::domain::viewport::Viewport;
use crate::ui::state::{AppState, Shown};

/// Extra margin around the canvas so symbols half outside still draw.
const MARGIN_PX: f64 = 40.0;

/// Single sites and cluster bubbles in view. Above the index's deepest zoom the query stays
/// at that zoom, so sites sharing one placement remain one bubble rather than a stack.
pub fn visible(shown: &Shown, v: &Viewport) -> Vec<Drawn> {
    let t = v.transform();
    let corner = |x: f64, y: f64| v.screen_to_lonlat(ScreenPoint::new(x, y));
    let nw = corner(-MARGIN_PX, -MARGIN_PX);
    let se = corner(v.width_px + MARGIN_PX, v.height_px + MARGIN_PX);
    let bbox = BBox {
        west: nw.lon,
        south: se.lat,
        east: se.lon,
        north: nw.lat,
    };
    let max_zoom = shown.clusters.options().max_zoom as i32;
    let zoom = (v.zoom.floor() as i32).min(max_zoom);
    shown
        .clusters
        .clusters(&bbox, zoom)
        .into_iter()
        .map(|item| match item {
            ClusterItem::Point { index, world } => Drawn {
                at: t.apply(world),
                radius_px: 9.0,
                hit: Hit::Site(shown.sites[index]),
                stack: Vec::new(),
            },
            ClusterItem::Cluster { id, count, world } => Drawn {
                at: t.apply(world),
                radius_px: cluster_radius_px(count),
                hit: Hit::Cluster { id, count },
                stack: stack_members(shown, id),
            },
        })
        .collect()
}

/// The sites of a cluster that never splits (they share one placement); empty otherwise.
fn stack_members(shown: &Shown, id: ClusterId) -> Vec<usize> {
    let max_zoom = shown.clusters.options().max_zoom;
    match shown.clusters.expansion_zoom(id) {
        Some(z) if z > max_zoom => shown
            .clusters
            .leaves(id, usize::MAX, 0)
            .into_iter()
            .map(|i| shown.sites[i])
            .collect(),
        _ => Vec::new(),
    }
}

/// Bubble size grows with the log of the count: 12 px for 2 sites, ~30 px for 100k.
pub fn cluster_radius_px(count: usize) -> f64 {
    12.0 + 4.0 * ((count.max(2) as f64).log10() - 0.3).max(0.0) * 1.6
}

/// What opening cluster `id` means: fly to where it splits, or (when its sites share one
/// placement and never split) list them.
pub enum Expansion {
    FlyTo(LonLat, f64),
    List(Vec<usize>),
}

pub fn expansion(state: &AppState, id: ClusterId, at: LonLat) -> Option<Expansion> {
    use leptos::prelude::*;
    let shown = state.shown.get_untracked()?;
    let zoom = shown.clusters.expansion_zoom(id)?;
    if zoom > shown.clusters.options().max_zoom {
        let leaves = shown.clusters.leaves(id, usize::MAX, 0);
        return Some(Expansion::List(
            leaves.into_iter().map(|i| shown.sites[i]).collect(),
        ));
    }
    Some(Expansion::FlyTo(at, zoom as f64))
}

/// The route whose line passes within `tolerance_px` of `at`, nearest first.
pub fn route_at(state: &AppState, at: ScreenPoint, tolerance_px: f64) -> Option<usize> {
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
                    let pts: Vec<ScreenPoint> =
                        part.iter().map(|&p| v.lonlat_to_screen(p)).collect();
                    polyline_distance_px(at, &pts)
                })
                .fold(f64::INFINITY, f64::min);
            (i, d)
        })
        .filter(|(_, d)| *d <= tolerance_px)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
