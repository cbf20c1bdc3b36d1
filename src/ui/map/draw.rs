//! One frame of the map, bottom to top: base map, regions, routes, uncertainty rings,
//! clusters and sites, selection and hover, labels. Returns what was drawn where, for hit
//! testing the next pointer event against exactly what the user sees.

use super::canvas::{arrow, circle, halo_text, polyline, symbol, text_width_px};
use super::style::*;
use crate::domain::model::Dataset;
use crate::domain::projection::{metres_per_px, ScreenPoint};
use crate::domain::viewport::Viewport;
use crate::ui::i18n::Lang;
use crate::ui::state::{Loaded, Selection, Shown};
use web_sys::CanvasRenderingContext2d as Ctx;

/// Something drawn that a pointer can hit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    Site(usize),
    /// A cluster bubble: its id in the cluster index, and how many sites it holds.
    Cluster {
        id: crate::domain::cluster::ClusterId,
        count: usize,
    },
}

#[derive(Clone, Copy, Debug)]
pub struct Drawn {
    pub at: ScreenPoint,
    pub radius_px: f64,
    pub hit: Hit,
}

pub struct Frame<'a> {
    pub view: &'a Viewport,
    pub loaded: &'a Loaded,
    pub shown: Option<&'a Shown>,
    pub basemap: Option<&'a super::basemap::Basemap>,
    pub selected: Option<Selection>,
    pub hovered: Option<usize>,
    pub show_sites: bool,
    pub show_routes: bool,
    pub show_regions: bool,
    pub lang: Lang,
    pub trip: super::trip_layer::Overlay,
}

const SITE_R_PX: f64 = 7.0;

/// Draws the frame; returns the hit targets (sites and clusters) in drawing order.
pub fn draw(ctx: &Ctx, frame: &Frame) -> Vec<Drawn> {
    let v = frame.view;
    let _ = ctx.set_transform(v.dpr, 0.0, 0.0, v.dpr, 0.0, 0.0);
    ctx.set_fill_style_str(WATER_FILL);
    ctx.fill_rect(0.0, 0.0, v.width_px, v.height_px);
    if let Some(basemap) = frame.basemap {
        super::basemap::draw(ctx, v, basemap);
    }
    let ds = &frame.loaded.dataset;
    if frame.show_regions {
        draw_regions(ctx, v, ds, frame.lang);
    }
    if frame.show_routes {
        draw_routes(ctx, v, ds, frame.selected);
    }
    super::trip_layer::draw_line(ctx, v, &frame.trip);
    let mut drawn = Vec::new();
    if let (true, Some(shown)) = (frame.show_sites, frame.shown) {
        drawn = super::items::visible(shown, v);
        draw_rings(ctx, v, ds, &drawn);
        draw_sites(ctx, ds, &drawn, frame);
        draw_labels(ctx, ds, &drawn, frame.lang);
    }
    super::trip_layer::draw_marks(ctx, v, &frame.trip);
    if let Some(Selection::Route(i)) = frame.selected {
        if let Some(route) = ds.routes.get(i) {
            draw_stop_numbers(ctx, v, ds, route);
        }
    }
    drawn
}

fn draw_regions(ctx: &Ctx, v: &Viewport, ds: &Dataset, lang: Lang) {
    ctx.set_font("12px sans-serif");
    for region in &ds.regions {
        let Some(centre) = region.geometry.as_ref().and_then(|g| g.centre()) else {
            continue;
        };
        let p = v.lonlat_to_screen(centre);
        circle(ctx, p, 4.0);
        ctx.set_fill_style_str("#ffffff");
        ctx.fill();
        ctx.set_stroke_style_str("#5f6368");
        ctx.set_line_width(1.5);
        ctx.stroke();
        let name = if lang == Lang::En {
            &region.name_en
        } else {
            &region.name
        };
        halo_text(ctx, name, p.x_px + 6.0, p.y_px + 4.0, "#5f6368");
    }
}

fn draw_routes(ctx: &Ctx, v: &Viewport, ds: &Dataset, selected: Option<Selection>) {
    for (i, route) in ds.routes.iter().enumerate() {
        let is_selected = selected == Some(Selection::Route(i));
        let color = if is_selected {
            ROUTE_SELECTED_COLOR
        } else {
            ROUTE_COLOR
        };
        for part in &route.path {
            let pts: Vec<ScreenPoint> = part.iter().map(|&p| v.lonlat_to_screen(p)).collect();
            polyline(ctx, pts.iter().copied());
            ctx.set_line_width(if is_selected { 6.0 } else { 3.0 });
            ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
            let _ = ctx.set_line_dash(&js_sys::Array::new());
            ctx.stroke();
            ctx.set_line_width(if is_selected { 4.0 } else { 2.0 });
            ctx.set_stroke_style_str(color);
            ctx.stroke();
            // Direction: an arrowhead at the middle of each leg long enough to show one.
            for w in pts.windows(2) {
                let (dx, dy) = (w[1].x_px - w[0].x_px, w[1].y_px - w[0].y_px);
                if dx.hypot(dy) > 40.0 {
                    let mid = ScreenPoint::new(w[0].x_px + dx / 2.0, w[0].y_px + dy / 2.0);
                    arrow(
                        ctx,
                        mid,
                        dy.atan2(dx),
                        if is_selected { 10.0 } else { 7.0 },
                        color,
                    );
                }
            }
        }
    }
}

fn draw_stop_numbers(ctx: &Ctx, v: &Viewport, ds: &Dataset, route: &crate::domain::model::Route) {
    ctx.set_font("bold 12px sans-serif");
    ctx.set_text_align("center");
    for (n, stop) in route.stops.iter().enumerate() {
        let Some(site) = ds.site(stop) else { continue };
        let p = v.lonlat_to_screen(site.position);
        // Stops sharing one position (town-level placements) fan out so each number shows.
        let q = ScreenPoint::new(
            p.x_px + 14.0 * n as f64 * shared_offset(ds, route, n),
            p.y_px - 16.0,
        );
        circle(ctx, q, 9.0);
        ctx.set_fill_style_str(ROUTE_SELECTED_COLOR);
        ctx.fill();
        ctx.set_fill_style_str("#ffffff");
        let _ = ctx.fill_text(&(n + 1).to_string(), q.x_px, q.y_px + 4.0);
    }
    ctx.set_text_align("start");
}

/// 1.0 when an earlier stop of the route sits at the same position, so labels fan out.
fn shared_offset(ds: &Dataset, route: &crate::domain::model::Route, n: usize) -> f64 {
    let pos = |k: usize| {
        route
            .stops
            .get(k)
            .and_then(|id| ds.site(id))
            .map(|s| s.position)
    };
    let here = pos(n);
    if (0..n).any(|k| pos(k) == here) {
        1.0
    } else {
        0.0
    }
}

/// Uncertainty rings, once a ring is big enough on screen to mean something.
fn draw_rings(ctx: &Ctx, v: &Viewport, ds: &Dataset, drawn: &[Drawn]) {
    let m_per_px = metres_per_px(v.center.lat, v.zoom);
    let mut done = std::collections::HashSet::new();
    for d in drawn {
        let Hit::Site(i) = d.hit else { continue };
        let Some(site) = ds.sites.get(i) else {
            continue;
        };
        let r_px = site.precision.ring_radius_m() / m_per_px;
        // Rings of sites sharing one placement coincide: draw each ring once.
        let key = (
            d.at.x_px.round() as i64,
            d.at.y_px.round() as i64,
            r_px.round() as i64,
        );
        if r_px < SITE_R_PX * 2.0 || r_px > 4.0 * v.width_px.max(v.height_px) || !done.insert(key) {
            continue;
        }
        circle(ctx, d.at, r_px);
        ctx.set_fill_style_str(RING_FILL);
        ctx.fill();
        let dash = js_sys::Array::of2(&6.0.into(), &4.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str(RING_STROKE);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
}

fn draw_sites(ctx: &Ctx, ds: &Dataset, drawn: &[Drawn], frame: &Frame) {
    ctx.set_text_align("center");
    for d in drawn {
        match d.hit {
            Hit::Cluster { count, .. } => {
                circle(ctx, d.at, d.radius_px);
                ctx.set_fill_style_str(CLUSTER_FILL);
                ctx.fill();
                ctx.set_line_width(3.0);
                ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
                ctx.stroke();
                ctx.set_font("bold 13px sans-serif");
                ctx.set_fill_style_str("#ffffff");
                let _ = ctx.fill_text(&count.to_string(), d.at.x_px, d.at.y_px + 4.5);
            }
            Hit::Site(i) => {
                let Some(site) = ds.sites.get(i) else {
                    continue;
                };
                let style = kind_style(site.kind);
                let hot = frame.hovered == Some(i) || frame.selected == Some(Selection::Site(i));
                if frame.selected == Some(Selection::Site(i)) {
                    circle(ctx, d.at, SITE_R_PX + 7.0);
                    ctx.set_line_width(4.0);
                    ctx.set_stroke_style_str(SELECTED_STROKE);
                    ctx.stroke();
                }
                let r = if hot { SITE_R_PX * 1.35 } else { SITE_R_PX };
                symbol(ctx, style.shape, d.at, r, style.fill, "#ffffff", 1.5);
            }
        }
    }
    ctx.set_text_align("start");
}

/// Names next to single sites, greedily, skipping any that would overlap one already placed.
fn draw_labels(ctx: &Ctx, ds: &Dataset, drawn: &[Drawn], lang: Lang) {
    ctx.set_font("13px sans-serif");
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for d in drawn.iter().take(400) {
        let Hit::Site(i) = d.hit else { continue };
        let Some(site) = ds.sites.get(i) else {
            continue;
        };
        let name = if lang == Lang::En && !site.name_en.is_empty() {
            &site.name_en
        } else {
            &site.name
        };
        let w = text_width_px(ctx, name);
        let (x, y) = (d.at.x_px + SITE_R_PX + 4.0, d.at.y_px - 8.0);
        let rect = (x, y, x + w, y + 16.0);
        let overlaps = placed
            .iter()
            .any(|r| rect.0 < r.2 && r.0 < rect.2 && rect.1 < r.3 && r.1 < rect.3);
        if !overlaps {
            placed.push(rect);
            halo_text(ctx, name, x, y + 12.0, "#1d1d1f");
        }
    }
}
