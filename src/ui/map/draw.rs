//! One frame of the map, bottom to top: base map, regions, routes, uncertainty rings,
//! clusters and sites, selection and hover, labels. Returns what was drawn where, for hit
//! testing the next pointer event against exactly what the user sees.

use super::canvas::{arrow, circle, halo_text, polyline, symbol, text_width_px};
use super::style::*;
use crate::domain::label::{place_labels, LabelCandidate, LabelLayout, ScreenRect};
use crate::domain::model::{Dataset, SiteMark};
use crate::domain::projection::{metres_per_px, ScreenPoint};
use crate::domain::ring_fill::{ring_encloses_view, ring_fill_factor, EDGE_BAND_PX};
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

#[derive(Clone, Debug)]
pub struct Drawn {
    pub at: ScreenPoint,
    pub radius_px: f64,
    pub hit: Hit,
    /// For a cluster that never splits (its sites share one placement): those sites.
    pub stack: Vec<usize>,
}

impl Drawn {
    /// The sites this mark stands for that have a precision ring to show.
    fn ring_sites(&self) -> Vec<usize> {
        match self.hit {
            Hit::Site(i) => vec![i],
            Hit::Cluster { .. } => self.stack.clone(),
        }
    }

    fn shows(&self, site: Option<usize>) -> bool {
        site.is_some_and(|s| self.hit == Hit::Site(s) || self.stack.contains(&s))
    }
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
    /// "Near me": the user's position, drawn as a blue dot.
    pub user_position: Option<crate::domain::geo::LonLat>,
    pub trip: super::trip_layer::Overlay,
    /// A place shown from the dashboard's gaps.
    pub place_mark: Option<&'a crate::ui::state::PlaceMark>,
    /// How much of the canvas's bottom a phone's sheet covers, CSS px (0 on a desktop): a
    /// ring that encloses the part above it is seen from inside, as one that encloses all.
    pub covered_bottom_px: f64,
}

const SITE_R_PX: f64 = 7.0;

/// Draws the frame; returns the hit targets (sites and clusters) in drawing order.
/// `raster` draws the optional tile layer (it needs the map's tile cache).
pub fn draw(ctx: &Ctx, frame: &Frame, raster: &dyn Fn(&Ctx)) -> Vec<Drawn> {
    let v = frame.view;
    let _ = ctx.set_transform(v.dpr, 0.0, 0.0, v.dpr, 0.0, 0.0);
    ctx.set_fill_style_str(WATER_FILL);
    ctx.fill_rect(0.0, 0.0, v.width_px, v.height_px);
    // The marks are known first so that the base map's names keep clear of them.
    let mut drawn = Vec::new();
    if let (true, Some(shown)) = (frame.show_sites, frame.shown) {
        drawn = super::items::visible(shown, v);
    }
    if let Some(basemap) = frame.basemap {
        let avoid: Vec<ScreenRect> = drawn.iter().map(mark_box).collect();
        super::basemap::draw(ctx, v, basemap, frame.lang == Lang::En, &avoid);
    }
    raster(ctx);
    let ds = &frame.loaded.dataset;
    if frame.show_regions {
        draw_regions(ctx, v, ds, frame.lang);
    }
    if frame.show_routes {
        draw_routes(ctx, v, frame.loaded, frame.selected);
    }
    super::trip_layer::draw_line(ctx, v, &frame.trip);
    if frame.show_sites && frame.shown.is_some() {
        let marks = &frame.loaded.site_marks;
        let visible_h = (v.height_px - frame.covered_bottom_px).clamp(1.0, v.height_px.max(1.0));
        let enclosing_m = draw_rings(ctx, v, visible_h, marks, &drawn);
        draw_sites(ctx, marks, &drawn, frame);
        draw_labels(ctx, ds, &drawn, frame);
        if let Some(radius_m) = enclosing_m {
            draw_inside_ring(ctx, v.width_px, visible_h, radius_m, frame.lang);
        }
    }
    super::trip_layer::draw_marks(ctx, v, &frame.trip);
    // The handout's map numbers the trip's stops only, as its table does.
    if let (Some(Selection::Route(i)), false) = (frame.selected, frame.trip.handout) {
        if let Some(stops) = frame.loaded.route_stops.get(i) {
            draw_stop_numbers(ctx, v, ds, stops, &frame.trip);
        }
    }
    draw_hidden_selection(ctx, frame, &drawn);
    if let Some(p) = frame.user_position {
        draw_user_position(ctx, v.lonlat_to_screen(p));
    }
    if let Some(mark) = frame.place_mark {
        draw_place_mark(ctx, v, mark);
    }
    drawn
}

/// A place shown from the dashboard's gaps: its distance ring (solid, so that it is not
/// taken for a position-uncertainty ring), a square at its point and its name.
fn draw_place_mark(ctx: &Ctx, v: &Viewport, mark: &crate::ui::state::PlaceMark) {
    let p = v.lonlat_to_screen(mark.at);
    let r_px = mark.ring_m / metres_per_px(mark.at.lat, v.zoom);
    if r_px.is_finite() && r_px > 2.0 {
        circle(ctx, p, r_px);
        ctx.set_fill_style_str("rgba(26,77,143,0.06)");
        ctx.fill();
        ctx.set_line_width(2.0);
        ctx.set_stroke_style_str("#1a4d8f");
        ctx.stroke();
    }
    ctx.begin_path();
    ctx.rect(p.x_px - 6.0, p.y_px - 6.0, 12.0, 12.0);
    ctx.set_fill_style_str("#1a4d8f");
    ctx.fill();
    ctx.set_line_width(2.0);
    ctx.set_stroke_style_str("#ffffff");
    ctx.stroke();
    ctx.set_font("bold 14px sans-serif");
    halo_text(ctx, &mark.label, p.x_px + 10.0, p.y_px - 8.0, "#1a4d8f");
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

/// The routes, or before they are read, a preview's lines from `routes.lines` (drawn alike:
/// the routes replacing them change nothing on screen).
fn draw_routes(ctx: &Ctx, v: &Viewport, loaded: &Loaded, selected: Option<Selection>) {
    let (routes, preview) = (&loaded.dataset.routes, &loaded.preview_lines);
    for i in 0..routes.len().max(preview.len()) {
        let parts = match (routes.get(i), preview.get(i)) {
            (Some(route), _) => &route.path,
            (None, Some(lines)) if routes.is_empty() => lines,
            _ => continue,
        };
        let is_selected = selected == Some(Selection::Route(i));
        let color = if is_selected {
            ROUTE_SELECTED_COLOR
        } else {
            ROUTE_COLOR
        };
        for part in parts {
            // Points under a pixel from the last one drawn are skipped (the last point is
            // kept): a GPS track of 2,000 points is a few hundred pixels long at most zooms,
            // and 200 imported tracks took ~0.3 s a frame to draw point by point.
            let mut pts: Vec<ScreenPoint> = Vec::new();
            for (k, &p) in part.iter().enumerate() {
                let s = v.lonlat_to_screen(p);
                let near = pts
                    .last()
                    .is_some_and(|l: &ScreenPoint| (s.x_px - l.x_px).hypot(s.y_px - l.y_px) < 0.75);
                if !near || k + 1 == part.len() {
                    pts.push(s);
                }
            }
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

/// The selected route's stops, numbered; `stops` are its site indices (`Loaded::route_stops`).
/// A stop the trip numbers already (its square badge) is not numbered twice.
fn draw_stop_numbers(
    ctx: &Ctx,
    v: &Viewport,
    ds: &Dataset,
    stops: &[Option<usize>],
    trip: &super::trip_layer::Overlay,
) {
    let positions: Vec<_> = stops
        .iter()
        .map(|i| i.and_then(|i| ds.sites.get(i)).map(|s| s.position))
        .collect();
    let trip_stops: Vec<_> = trip.stops.iter().map(|(_, p)| *p).collect();
    let numbered = crate::domain::trip::route_numbers_beside_trip(&positions, &trip_stops);
    ctx.set_font("bold 12px sans-serif");
    ctx.set_text_align("center");
    for (k, &(n, here)) in numbered.iter().enumerate() {
        let p = v.lonlat_to_screen(here);
        // Stops sharing one position (town-level placements) fan out so each number shows.
        let shared = numbered[..k].iter().any(|(_, q)| *q == here);
        let q = ScreenPoint::new(
            p.x_px + if shared { 14.0 * (n - 1) as f64 } else { 0.0 },
            p.y_px - 16.0,
        );
        circle(ctx, q, 9.0);
        ctx.set_fill_style_str(ROUTE_SELECTED_COLOR);
        ctx.fill();
        ctx.set_fill_style_str("#ffffff");
        let _ = ctx.fill_text(&n.to_string(), q.x_px, q.y_px + 4.0);
    }
    ctx.set_text_align("start");
}

/// Uncertainty rings, once a ring is big enough on screen to mean something. Their inside
/// fades out as they grow past the screen (`domain::ring_fill`), so that a ring as big as
/// the screen does not veil the map: then only the dashed outline is drawn. Returns the
/// largest radius (m) of the rings that enclose the whole view (their outline is not seen).
fn draw_rings(
    ctx: &Ctx,
    v: &Viewport,
    visible_h: f64,
    marks: &[SiteMark],
    drawn: &[Drawn],
) -> Option<f64> {
    let m_per_px = metres_per_px(v.center.lat, v.zoom);
    let mut done = std::collections::HashSet::new();
    let mut enclosing: Option<f64> = None;
    for d in drawn {
        // A stack's sites share one placement: its ring is the widest of theirs.
        let radius_m = d
            .ring_sites()
            .iter()
            .filter_map(|&i| marks.get(i))
            .map(|m| m.ring_radius_m())
            .fold(0.0, f64::max);
        let r_px = radius_m / m_per_px;
        // Rings of sites sharing one placement coincide: draw each ring once.
        let key = (
            d.at.x_px.round() as i64,
            d.at.y_px.round() as i64,
            r_px.round() as i64,
        );
        if r_px < SITE_R_PX * 2.0 {
            continue;
        }
        if ring_encloses_view(d.at.x_px, d.at.y_px, r_px, v.width_px, visible_h) {
            enclosing = Some(enclosing.map_or(radius_m, |e: f64| e.max(radius_m)));
            continue;
        }
        if !done.insert(key) {
            continue;
        }
        circle(ctx, d.at, r_px);
        ctx.set_global_alpha(ring_fill_factor(r_px, v.width_px, v.height_px));
        ctx.set_fill_style_str(RING_FILL);
        ctx.fill();
        ctx.set_global_alpha(1.0);
        let dash = js_sys::Array::of2(&6.0.into(), &4.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.set_line_width(1.5);
        ctx.set_stroke_style_str(RING_STROKE);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    enclosing
}

/// The view (the `w` x `h` px not under a phone's sheet) lies inside a position-uncertainty
/// ring: a tinted band with a dashed inner edge along the view's borders (the ring's fill
/// and outline, seen from inside) and a note.
fn draw_inside_ring(ctx: &Ctx, w: f64, h: f64, radius_m: f64, lang: Lang) {
    let b = EDGE_BAND_PX;
    ctx.set_fill_style_str(RING_BAND_FILL);
    ctx.fill_rect(0.0, 0.0, w, b);
    ctx.fill_rect(0.0, h - b, w, b);
    ctx.fill_rect(0.0, b, b, h - 2.0 * b);
    ctx.fill_rect(w - b, b, b, h - 2.0 * b);
    ctx.begin_path();
    ctx.rect(b, b, w - 2.0 * b, h - 2.0 * b);
    let _ = ctx.set_line_dash(&js_sys::Array::of2(&6.0.into(), &4.0.into()));
    ctx.set_line_width(1.5);
    ctx.set_stroke_style_str(RING_STROKE);
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // Top left, inside the band: clear of the zoom buttons on the right and of a phone's
    // bottom sheet; three short lines fit a phone's width.
    let lines = crate::ui::i18n::ring_note(lang, &crate::domain::trip::exact_text(radius_m));
    ctx.set_font("600 12px sans-serif");
    for (k, line) in lines.iter().enumerate() {
        halo_text(
            ctx,
            line,
            b + 8.0,
            b + 18.0 + 16.0 * k as f64,
            RING_NOTE_COLOR,
        );
    }
}

fn draw_sites(ctx: &Ctx, marks: &[SiteMark], drawn: &[Drawn], frame: &Frame) {
    ctx.set_text_align("center");
    for d in drawn {
        match d.hit {
            Hit::Cluster { count, .. } => {
                let selected = match frame.selected {
                    Some(Selection::Site(i)) => Some(i),
                    _ => None,
                };
                if d.shows(selected) || d.shows(frame.hovered) {
                    circle(ctx, d.at, d.radius_px + 5.0);
                    ctx.set_line_width(4.0);
                    ctx.set_stroke_style_str(SELECTED_STROKE);
                    ctx.stroke();
                }
                circle(ctx, d.at, d.radius_px);
                ctx.set_fill_style_str(CLUSTER_FILL);
                ctx.fill();
                ctx.set_line_width(3.0);
                ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
                ctx.stroke();
                // The handout's map numbers the trip's stops only.
                if !frame.trip.handout {
                    ctx.set_font("bold 13px sans-serif");
                    ctx.set_fill_style_str("#ffffff");
                    let _ = ctx.fill_text(&count.to_string(), d.at.x_px, d.at.y_px + 4.5);
                }
            }
            Hit::Site(i) => {
                let Some(mark) = marks.get(i) else {
                    continue;
                };
                let style = kind_style(mark.kind);
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

/// The box a site marker or cluster bubble covers (with its white outline).
fn mark_box(d: &Drawn) -> ScreenRect {
    let r = d.radius_px.max(SITE_R_PX) + 2.0;
    ScreenRect {
        left_px: d.at.x_px - r,
        top_px: d.at.y_px - r,
        width_px: 2.0 * r,
        height_px: 2.0 * r,
    }
}

/// Names next to single sites where they fit without overlap (`domain::label`), the
/// selected and hovered first, then building-level positions, then the rest.
fn draw_labels(ctx: &Ctx, ds: &Dataset, drawn: &[Drawn], frame: &Frame) {
    ctx.set_font("13px sans-serif");
    let name_of = |i: usize| {
        ds.sites.get(i).map(|site| {
            if frame.lang == Lang::En && !site.name_en.is_empty() {
                &site.name_en
            } else {
                &site.name
            }
        })
    };
    let singles: Vec<(usize, ScreenPoint, &String)> = drawn
        .iter()
        .filter_map(|d| match d.hit {
            Hit::Site(i) => Some((i, d.at, name_of(i)?)),
            Hit::Cluster { .. } => None,
        })
        .take(MAX_LABELS)
        .collect();
    let candidates: Vec<LabelCandidate> = singles
        .iter()
        .map(|&(i, at, name)| LabelCandidate {
            anchor: at,
            width_px: text_width_px(ctx, name),
            height_px: 16.0,
            priority: label_priority(i, frame),
        })
        .collect();
    let layout = LabelLayout {
        width_px: frame.view.width_px,
        height_px: frame.view.height_px,
        gap_px: SITE_R_PX + 3.0,
        padding_px: 2.0,
    };
    for placed in place_labels(&candidates, &layout) {
        let (_, _, name) = singles[placed.index];
        halo_text(
            ctx,
            name,
            placed.rect.left_px,
            placed.rect.top_px + 12.0,
            "#1d1d1f",
        );
    }
}

/// Labels measured per frame at most; beyond this many single sites the map is a carpet.
const MAX_LABELS: usize = 400;

fn label_priority(i: usize, frame: &Frame) -> f64 {
    if frame.selected == Some(Selection::Site(i)) || frame.hovered == Some(i) {
        return 3.0;
    }
    match frame.loaded.site_marks.get(i).map(|m| m.level) {
        Some(crate::domain::model::PrecisionLevel::Building) => 2.0,
        _ => 1.0,
    }
}

/// A selected site inside a cluster (or filtered out) still gets its ring, so a place
/// found by search or the list stays marked on the map.
fn draw_hidden_selection(ctx: &Ctx, frame: &Frame, drawn: &[Drawn]) {
    let Some(Selection::Site(i)) = frame.selected else {
        return;
    };
    if drawn.iter().any(|d| d.hit == Hit::Site(i)) {
        return;
    }
    let Some(position) = frame.loaded.site_position(i) else {
        return;
    };
    let p = frame.view.lonlat_to_screen(position);
    circle(ctx, p, SITE_R_PX + 7.0);
    ctx.set_line_width(4.0);
    ctx.set_stroke_style_str(SELECTED_STROKE);
    ctx.stroke();
}

/// The user's position: a blue dot with a white rim and a soft halo.
fn draw_user_position(ctx: &Ctx, p: ScreenPoint) {
    circle(ctx, p, 16.0);
    ctx.set_fill_style_str("rgba(26,115,232,0.18)");
    ctx.fill();
    circle(ctx, p, 7.0);
    ctx.set_fill_style_str("#1a73e8");
    ctx.fill();
    ctx.set_line_width(2.5);
    ctx.set_stroke_style_str("#ffffff");
    ctx.stroke();
}
