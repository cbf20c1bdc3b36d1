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

/// The files of `geodata/basemap/`, in drawing order (the app reads them from `basemap.bin`).
pub use crate::domain::basemap::FILES;

pub fn draw(ctx: &Ctx, v: &Viewport, basemap: &Basemap, english: bool) {
    let t = v.transform();
    // Files arrive in any order; draw them in `FILES` order.
    let mut layers: Vec<&BaseLayer> = basemap.layers.iter().collect();
    layers.sort_by_key(|l| {
        FILES
            .iter()
            .position(|f| BaseKind::from_file_name(f) == l.kind)
    });
    for layer in layers {
        let (fill, stroke, width) = match layer.kind {
            BaseKind::Land => (Some(LAND_FILL), None, 0.0),
            BaseKind::Provinces => (Some(LAND_FILL), None, 0.0),
            BaseKind::Borders => (None, Some(PROVINCE_STROKE), 1.2),
            BaseKind::Places => continue,
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
    draw_names(ctx, v, basemap, english);
}

/// Province names while zoomed out, city names (more of them as one zooms in).
fn draw_names(ctx: &Ctx, v: &Viewport, basemap: &Basemap, english: bool) {
    ctx.set_text_align("center");
    for layer in &basemap.layers {
        for f in &layer.features {
            let name = if english {
                f.name_en.as_ref().or(f.name.as_ref())
            } else {
                f.name.as_ref()
            };
            let Some(name) = name else { continue };
            match layer.kind {
                BaseKind::Provinces if v.zoom <= 8.5 => {
                    let Some(at) = f.label_at else { continue };
                    let p = v.lonlat_to_screen(at);
                    ctx.set_font("14px sans-serif");
                    halo_text(ctx, name, p.x_px, p.y_px, "#8a8174");
                }
                BaseKind::Places if v.zoom >= 5.0 + f.rank.unwrap_or(3) as f64 => {
                    for &at in &f.points {
                        let p = v.lonlat_to_screen(at);
                        super::canvas::circle(ctx, p, 2.5);
                        ctx.set_fill_style_str("#6b6358");
                        ctx.fill();
                        ctx.set_font("12px sans-serif");
                        halo_text(ctx, name, p.x_px, p.y_px - 6.0, "#6b6358");
                    }
                }
                _ => {}
            }
        }
    }
    ctx.set_text_align("start");
}
