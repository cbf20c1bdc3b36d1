//! Drawing the offline vector base map (provinces, land, lakes, rivers) under everything.

use super::canvas::halo_text;
use super::style::*;
use crate::domain::basemap::{BaseKind, BaseLayer};
use crate::domain::viewport::Viewport;
use web_sys::CanvasRenderingContext2d as Ctx;

/// The base-map layers in drawing order.
#[derive(Default)]
pub struct Basemap {
    pub layers: Vec<BaseLayer>,
}

/// The files of `geodata/basemap/`, in drawing order (a missing file is skipped quietly).
pub const FILES: &[&str] = &[
    "land.geojson",
    "provinces.geojson",
    "lakes.geojson",
    "rivers.geojson",
];

pub fn draw(ctx: &Ctx, v: &Viewport, basemap: &Basemap) {
    let t = v.transform();
    for layer in &basemap.layers {
        let (fill, stroke, width) = match layer.kind {
            BaseKind::Land => (Some(LAND_FILL), None, 0.0),
            BaseKind::Provinces => (Some(LAND_FILL), Some(PROVINCE_STROKE), 1.0),
            BaseKind::Lakes => (Some(WATER_FILL), None, 0.0),
            BaseKind::Rivers => (None, Some(RIVER_STROKE), (v.zoom - 4.0).clamp(1.0, 3.0)),
            BaseKind::Other => (None, Some(PROVINCE_STROKE), 1.0),
        };
        for feature in &layer.features {
            if !feature.rings.is_empty() {
                ctx.begin_path();
                for ring in &feature.rings {
                    for (i, w) in ring.iter().enumerate() {
                        let p = t.apply(*w);
                        if i == 0 {
                            ctx.move_to(p.x_px, p.y_px)
                        } else {
                            ctx.line_to(p.x_px, p.y_px)
                        }
                    }
                    ctx.close_path();
                }
                if let Some(fill) = fill {
                    ctx.set_fill_style_str(fill);
                    ctx.fill();
                }
                if let Some(stroke) = stroke {
                    ctx.set_line_width(width);
                    ctx.set_stroke_style_str(stroke);
                    ctx.stroke();
                }
            }
            if !feature.lines.is_empty() {
                ctx.begin_path();
                for line in &feature.lines {
                    for (i, w) in line.iter().enumerate() {
                        let p = t.apply(*w);
                        if i == 0 {
                            ctx.move_to(p.x_px, p.y_px)
                        } else {
                            ctx.line_to(p.x_px, p.y_px)
                        }
                    }
                }
                ctx.set_line_width(width);
                ctx.set_stroke_style_str(stroke.unwrap_or(RIVER_STROKE));
                ctx.stroke();
            }
        }
    }
    draw_names(ctx, v, basemap);
}

/// Province names while zoomed out far enough that they help orientation.
fn draw_names(ctx: &Ctx, v: &Viewport, basemap: &Basemap) {
    if v.zoom > 8.5 {
        return;
    }
    ctx.set_font("14px sans-serif");
    ctx.set_text_align("center");
    for layer in basemap
        .layers
        .iter()
        .filter(|l| l.kind == BaseKind::Provinces)
    {
        for f in &layer.features {
            if let (Some(name), Some(at)) = (&f.name, f.label_at) {
                let p = v.lonlat_to_screen(at);
                halo_text(ctx, name, p.x_px, p.y_px, "#8a8174");
            }
        }
    }
    ctx.set_text_align("start");
}
