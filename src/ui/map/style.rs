//! How things look: colour and symbol shape per site kind (shape too, so colour is never the
//! only signal), line styles. Styling lives here, not on the model.

use crate::domain::model::SiteKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Star,
    Pentagon,
}

#[derive(Clone, Copy, Debug)]
pub struct KindStyle {
    pub fill: &'static str,
    pub shape: Shape,
}

pub fn kind_style(kind: SiteKind) -> KindStyle {
    use Shape::*;
    let (fill, shape) = match kind {
        SiteKind::RevolutionarySite => ("#c8102e", Star),
        SiteKind::Memorial => ("#6d2c91", Triangle),
        SiteKind::Museum => ("#d35400", Square),
        SiteKind::StudyBase => ("#1f7a3d", Diamond),
        SiteKind::VisitPoint => ("#1565c0", Circle),
        SiteKind::TeachingPoint => ("#00838f", Pentagon),
        SiteKind::LectureBase => ("#ad1457", Diamond),
        SiteKind::PublicSpace => ("#558b2f", Circle),
        SiteKind::Enterprise => ("#455a64", Square),
        SiteKind::Community => ("#8d6e63", Triangle),
        SiteKind::Other => ("#757575", Circle),
    };
    KindStyle { fill, shape }
}

pub const ROUTE_COLOR: &str = "#b71c1c";
pub const ROUTE_SELECTED_COLOR: &str = "#ff6f00";
pub const CLUSTER_FILL: &str = "rgba(200, 16, 46, 0.85)";
pub const RING_FILL: &str = "rgba(200, 16, 46, 0.08)";
pub const RING_STROKE: &str = "rgba(200, 16, 46, 0.45)";
/// The band along the view's edges while the view is inside a ring (`draw_inside_ring`).
pub const RING_BAND_FILL: &str = "rgba(200, 16, 46, 0.16)";
pub const RING_NOTE_COLOR: &str = "#8a0f24";
pub const SELECTED_STROKE: &str = "#ffd400";
pub const LAND_FILL: &str = "#f4f1ea";
pub const WATER_FILL: &str = "#c9dcea";
pub const PROVINCE_STROKE: &str = "#a89f91";
pub const RIVER_STROKE: &str = "#8fb6d6";

/// Vertices of a symbol of `shape` centred at (0, 0) with radius `r`, for SVG and canvas.
pub fn shape_points(shape: Shape, r: f64) -> Vec<(f64, f64)> {
    let polygon = |n: usize, start_deg: f64, radii: &[f64]| {
        (0..n)
            .map(|i| {
                let a = (start_deg + 360.0 * i as f64 / n as f64).to_radians();
                let rr = r * radii[i % radii.len()];
                (rr * a.cos(), rr * a.sin())
            })
            .collect::<Vec<_>>()
    };
    match shape {
        Shape::Circle => Vec::new(),
        Shape::Square => polygon(4, 45.0, &[1.15]),
        Shape::Triangle => polygon(3, -90.0, &[1.25]),
        Shape::Diamond => polygon(4, 0.0, &[1.25]),
        Shape::Star => polygon(10, -90.0, &[1.35, 0.6]),
        Shape::Pentagon => polygon(5, -90.0, &[1.15]),
    }
}

/// The symbol as an SVG path `d` (for the legend), centred in a 16×16 box.
pub fn svg_path(shape: Shape) -> String {
    let pts = shape_points(shape, 6.0);
    if pts.is_empty() {
        return "M 2 8 A 6 6 0 1 0 14 8 A 6 6 0 1 0 2 8 Z".to_string();
    }
    let mut d = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        d.push_str(if i == 0 { "M " } else { " L " });
        d.push_str(&format!("{:.2} {:.2}", x + 8.0, y + 8.0));
    }
    d.push_str(" Z");
    d
}
