//! Thin helpers over the 2D canvas context: paths from screen points, symbols, text.
//! Errors from the context (which only come from invalid arguments) are ignored on purpose:
//! a missed stroke must never stop a frame.

use super::style::{shape_points, Shape};
use crate::domain::projection::ScreenPoint;
use web_sys::CanvasRenderingContext2d as Ctx;

pub fn polyline(ctx: &Ctx, points: impl IntoIterator<Item = ScreenPoint>) {
    ctx.begin_path();
    for (i, p) in points.into_iter().enumerate() {
        if i == 0 {
            ctx.move_to(p.x_px, p.y_px);
        } else {
            ctx.line_to(p.x_px, p.y_px);
        }
    }
}

pub fn circle(ctx: &Ctx, at: ScreenPoint, r_px: f64) {
    ctx.begin_path();
    let _ = ctx.arc(at.x_px, at.y_px, r_px, 0.0, std::f64::consts::TAU);
}

pub fn symbol(
    ctx: &Ctx,
    shape: Shape,
    at: ScreenPoint,
    r_px: f64,
    fill: &str,
    stroke: &str,
    stroke_px: f64,
) {
    let pts = shape_points(shape, r_px);
    if pts.is_empty() {
        circle(ctx, at, r_px);
    } else {
        polyline(
            ctx,
            pts.iter()
                .map(|(x, y)| ScreenPoint::new(at.x_px + x, at.y_px + y)),
        );
        ctx.close_path();
    }
    ctx.set_fill_style_str(fill);
    ctx.fill();
    ctx.set_line_width(stroke_px);
    ctx.set_stroke_style_str(stroke);
    ctx.stroke();
}

/// Text with a light halo so it reads over any background.
pub fn halo_text(ctx: &Ctx, text: &str, x_px: f64, y_px: f64, color: &str) {
    ctx.set_line_width(3.0);
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    let _ = ctx.stroke_text(text, x_px, y_px);
    ctx.set_fill_style_str(color);
    let _ = ctx.fill_text(text, x_px, y_px);
}

pub fn text_width_px(ctx: &Ctx, text: &str) -> f64 {
    ctx.measure_text(text)
        .map(|m| m.width())
        .unwrap_or(text.chars().count() as f64 * 12.0)
}

/// An arrowhead at `at` pointing along `angle_rad`, for route direction.
pub fn arrow(ctx: &Ctx, at: ScreenPoint, angle_rad: f64, size_px: f64, color: &str) {
    let (s, c) = angle_rad.sin_cos();
    let back = |side: f64| {
        ScreenPoint::new(
            at.x_px - size_px * c + side * size_px * 0.6 * s,
            at.y_px - size_px * s - side * size_px * 0.6 * c,
        )
    };
    polyline(ctx, [back(1.0), at, back(-1.0)]);
    ctx.close_path();
    ctx.set_fill_style_str(color);
    ctx.fill();
}
