//! Drawing the offline vector base map (provinces, land, lakes, rivers) under everything.

use super::canvas::{halo_text, text_width_px};
use super::style::*;
use crate::domain::basemap::{BaseKind, BaseLayer};
use crate::domain::label::{
    place_labels_avoiding, LabelCandidate, LabelLayout, ScreenRect, CENTRED_FIRST,
};
use crate::domain::viewport::Viewport;
use web_sys::CanvasRenderingContext2d as Ctx;

/// The base-map layers in drawing order.
#[derive(Default)]
pub struct Basemap {
    pub layers: Vec<BaseLayer>,
}

/// The files of `geodata/basemap/`, in drawing order (the app reads them from `basemap.bin`).
pub use crate::domain::basemap::FILES;

/// `avoid`: the boxes of the site markers and cluster bubbles drawn over the map, which the
/// names keep clear of.
pub fn draw(ctx: &Ctx, v: &Viewport, basemap: &Basemap, english: bool, avoid: &[ScreenRect]) {
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
    draw_names(ctx, v, basemap, english, avoid);
}

/// Province names while zoomed out, city names (more of them as one zooms in), placed
/// (`domain::label`) where they overlap neither each other nor a marker: on their point if
/// it is free, else moved just off it, else left out. Provinces first, then cities by rank.
fn draw_names(ctx: &Ctx, v: &Viewport, basemap: &Basemap, english: bool, avoid: &[ScreenRect]) {
    // (name, anchor, font px, colour, priority)
    let mut names: Vec<(&str, crate::domain::projection::ScreenPoint, f64, &str, f64)> = Vec::new();
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
                    names.push((name, v.lonlat_to_screen(at), 14.0, "#8a8174", 100.0));
                }
                BaseKind::Places if v.zoom >= 5.0 + f.rank.unwrap_or(3) as f64 => {
                    for &at in &f.points {
                        let p = v.lonlat_to_screen(at);
                        super::canvas::circle(ctx, p, 2.5);
                        ctx.set_fill_style_str("#6b6358");
                        ctx.fill();
                        // The name's centre 12 px above the dot, as before.
                        let above =
                            crate::domain::projection::ScreenPoint::new(p.x_px, p.y_px - 12.0);
                        names.push((
                            name,
                            above,
                            12.0,
                            "#6b6358",
                            -f64::from(f.rank.unwrap_or(3)),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    let font = |px: f64| {
        if px > 13.0 {
            "14px sans-serif"
        } else {
            "12px sans-serif"
        }
    };
    let candidates: Vec<LabelCandidate> = names
        .iter()
        .map(|&(name, anchor, px, _, priority)| {
            ctx.set_font(font(px));
            LabelCandidate {
                anchor,
                width_px: text_width_px(ctx, name),
                height_px: px + 2.0,
                priority,
            }
        })
        .collect();
    let layout = LabelLayout {
        width_px: v.width_px,
        height_px: v.height_px,
        gap_px: 24.0,
        padding_px: 1.0,
    };
    for placed in place_labels_avoiding(&candidates, avoid, &CENTRED_FIRST, &layout) {
        let (name, _, px, colour, _) = names[placed.index];
        ctx.set_font(font(px));
        // Baseline about 3 px above the box's bottom.
        halo_text(
            ctx,
            name,
            placed.rect.left_px,
            placed.rect.top_px + px - 1.0,
            colour,
        );
    }
}
