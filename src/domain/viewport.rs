//! The camera: what part of the world the map canvas shows, and the gestures that move
//! it (pan, zoom around the cursor, fit to a box). Every method is pure and returns a new
//! `Viewport`, so the UI can keep it in one signal and derive everything else from it.
//!
//! Screen coordinates are CSS px (`dpr` only matters for the canvas backing store).
//! Depends on `geo` and `projection`. Must not depend on the data model or the UI.

use super::geo::{BBox, LonLat};
use super::projection::{
    clamp_lat, lonlat_to_world, world_size_px, world_to_lonlat, ScreenPoint, ScreenTransform,
    WorldPoint, TILE_SIZE_PX,
};

/// Zoom range of the map: 2 shows all of China on a phone, 19 is the deepest OSM tile.
pub const MIN_ZOOM: f64 = 2.0;
pub const MAX_ZOOM: f64 = 19.0;
/// `fit_bounds` never zooms closer than this: fitting one site (or two a street apart)
/// at zoom 19 would lose all context around it.
pub const FIT_MAX_ZOOM: f64 = 16.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub center: LonLat,
    pub zoom: f64,
    pub width_px: f64,
    pub height_px: f64,
    /// Device pixel ratio (canvas px per CSS px).
    pub dpr: f64,
}

impl Viewport {
    /// A viewport with every field made sane: zoom clamped, centre latitude clamped and
    /// longitude wrapped, sizes non-negative, dpr positive. Non-finite input falls back
    /// to (0°, 0°), `MIN_ZOOM`, 0 px and dpr 1 instead of poisoning later maths.
    pub fn new(center: LonLat, zoom: f64, width_px: f64, height_px: f64, dpr: f64) -> Self {
        let finite_or = |v: f64, fallback: f64| if v.is_finite() { v } else { fallback };
        let lon = (finite_or(center.lon, 0.0) + 180.0).rem_euclid(360.0) - 180.0;
        Viewport {
            center: LonLat::new(lon, clamp_lat(finite_or(center.lat, 0.0))),
            zoom: finite_or(zoom, MIN_ZOOM).clamp(MIN_ZOOM, MAX_ZOOM),
            width_px: finite_or(width_px, 0.0).max(0.0),
            height_px: finite_or(height_px, 0.0).max(0.0),
            dpr: if dpr.is_finite() && dpr > 0.0 {
                dpr
            } else {
                1.0
            },
        }
    }

    pub fn with_center(&self, center: LonLat) -> Self {
        Viewport::new(center, self.zoom, self.width_px, self.height_px, self.dpr)
    }

    pub fn with_zoom(&self, zoom: f64) -> Self {
        Viewport::new(self.center, zoom, self.width_px, self.height_px, self.dpr)
    }

    pub fn with_size(&self, width_px: f64, height_px: f64, dpr: f64) -> Self {
        Viewport::new(self.center, self.zoom, width_px, height_px, dpr)
    }

    /// Canvas backing-store size in device px (what `canvas.width/height` should be).
    pub fn device_size_px(&self) -> ScreenPoint {
        ScreenPoint::new(
            (self.width_px * self.dpr).round(),
            (self.height_px * self.dpr).round(),
        )
    }

    pub fn world_size_px(&self) -> f64 {
        world_size_px(self.zoom)
    }

    pub fn center_world(&self) -> WorldPoint {
        lonlat_to_world(self.center)
    }

    /// The world -> screen transform of this frame (the fast path for many points).
    pub fn transform(&self) -> ScreenTransform {
        let scale_px = self.world_size_px();
        let c = self.center_world();
        ScreenTransform {
            scale_px,
            offset_x_px: self.width_px / 2.0 - c.x * scale_px,
            offset_y_px: self.height_px / 2.0 - c.y * scale_px,
        }
    }

    pub fn world_to_screen(&self, w: WorldPoint) -> ScreenPoint {
        self.transform().apply(w)
    }

    pub fn screen_to_world(&self, s: ScreenPoint) -> WorldPoint {
        self.transform().invert(s)
    }

    pub fn lonlat_to_screen(&self, p: LonLat) -> ScreenPoint {
        self.world_to_screen(lonlat_to_world(p))
    }

    pub fn screen_to_lonlat(&self, s: ScreenPoint) -> LonLat {
        world_to_lonlat(self.screen_to_world(s))
    }

    /// A CSS-px distance in world units at this zoom (e.g. a 22 px finger tolerance).
    pub fn px_to_world(&self, px: f64) -> f64 {
        px / self.world_size_px()
    }

    /// The lon/lat box on screen, clipped to the world (±180°, ±MAX_LAT), so it can go
    /// straight into a cluster or spatial query.
    pub fn bounds(&self) -> BBox {
        let nw = self.screen_to_lonlat(ScreenPoint::new(0.0, 0.0));
        let se = self.screen_to_lonlat(ScreenPoint::new(self.width_px, self.height_px));
        BBox::new(
            nw.lon.max(-180.0),
            clamp_lat(se.lat),
            se.lon.min(180.0),
            clamp_lat(nw.lat),
        )
    }

    /// Moves the camera by a screen offset: the point that was at centre + (dx, dy) becomes
    /// the new centre (Leaflet/MapLibre `panBy`). A finger dragging the map by (dx, dy)
    /// is therefore `pan_by_px(-dx, -dy)`.
    pub fn pan_by_px(&self, dx_px: f64, dy_px: f64) -> Self {
        let center = ScreenPoint::new(self.width_px / 2.0 + dx_px, self.height_px / 2.0 + dy_px);
        self.with_center(self.screen_to_lonlat(center))
    }

    /// Zooms to `new_zoom` (clamped) keeping the map point under `anchor` where it is,
    /// as wheel and pinch zoom must.
    pub fn zoom_around(&self, anchor: ScreenPoint, new_zoom: f64) -> Self {
        let zoomed = self.with_zoom(new_zoom);
        let fixed = self.screen_to_world(anchor);
        let scale = zoomed.world_size_px();
        let center = WorldPoint {
            x: fixed.x - (anchor.x_px - self.width_px / 2.0) / scale,
            y: fixed.y - (anchor.y_px - self.height_px / 2.0) / scale,
        };
        zoomed.with_center(world_to_lonlat(center))
    }

    /// The viewport that shows `bbox` with `padding_px` free on every side, zoom clamped
    /// to `MIN_ZOOM..=FIT_MAX_ZOOM`. A single point gets `FIT_MAX_ZOOM`; an empty box
    /// changes nothing; a canvas smaller than the padding ignores the padding.
    pub fn fit_bounds(&self, bbox: &BBox, padding_px: f64) -> Self {
        if bbox.is_empty() || !(bbox.west.is_finite() && bbox.east.is_finite()) {
            return *self;
        }
        let nw = lonlat_to_world(LonLat::new(bbox.west, bbox.north));
        let se = lonlat_to_world(LonLat::new(bbox.east, bbox.south));
        let mid = WorldPoint {
            x: (nw.x + se.x) / 2.0,
            y: (nw.y + se.y) / 2.0,
        };
        let fit_zoom = |span_world: f64, size_px: f64| {
            let pad = padding_px.max(0.0);
            let avail_px = if size_px > 2.0 * pad {
                size_px - 2.0 * pad
            } else {
                size_px
            };
            if avail_px <= 0.0 {
                return self.zoom; // nothing to fit into: keep the zoom, just recentre
            }
            (avail_px / (span_world * TILE_SIZE_PX)).log2() // +inf for a zero span
        };
        let zoom = fit_zoom(se.x - nw.x, self.width_px)
            .min(fit_zoom(se.y - nw.y, self.height_px))
            .min(FIT_MAX_ZOOM);
        Viewport::new(
            world_to_lonlat(mid),
            zoom,
            self.width_px,
            self.height_px,
            self.dpr,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NANHAI: LonLat = LonLat::new(113.1, 23.0);

    fn phone_at(zoom: f64) -> Viewport {
        Viewport::new(NANHAI, zoom, 390.0, 844.0, 3.0)
    }

    fn near(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() < tol
    }

    #[test]
    fn centre_maps_to_middle_and_back() {
        let v = phone_at(12.3);
        let s = v.lonlat_to_screen(NANHAI);
        assert!(near(s.x_px, 195.0, 1e-6) && near(s.y_px, 422.0, 1e-6));
        let corner = v.screen_to_lonlat(ScreenPoint::new(10.0, 20.0));
        let back = v.lonlat_to_screen(corner);
        assert!(near(back.x_px, 10.0, 1e-6) && near(back.y_px, 20.0, 1e-6));
        assert_eq!(v.device_size_px(), ScreenPoint::new(1170.0, 2532.0));
    }

    #[test]
    fn new_sanitises_fields() {
        let v = Viewport::new(LonLat::new(190.0, 89.0), 25.0, -5.0, f64::NAN, 0.0);
        assert!(near(v.center.lon, -170.0, 1e-9));
        assert!(near(v.center.lat, crate::domain::projection::MAX_LAT, 1e-9));
        assert_eq!(
            (v.zoom, v.width_px, v.height_px, v.dpr),
            (MAX_ZOOM, 0.0, 0.0, 1.0)
        );
        assert_eq!(v.with_zoom(f64::NAN).zoom, MIN_ZOOM);
        assert_eq!(v.with_zoom(-3.0).zoom, MIN_ZOOM);
    }

    #[test]
    fn bounds_contain_the_centre_and_match_corners() {
        let v = phone_at(10.0);
        let b = v.bounds();
        assert!(b.contains(NANHAI));
        let se = v.screen_to_lonlat(ScreenPoint::new(390.0, 844.0));
        assert!(near(b.east, se.lon, 1e-12) && near(b.south, se.lat, 1e-12));
        // Zoomed out on a wide screen the box is clipped to the world.
        let world = Viewport::new(NANHAI, 2.0, 4000.0, 4000.0, 1.0).bounds();
        assert_eq!((world.west, world.east), (-180.0, 180.0));
        assert!(world.north <= crate::domain::projection::MAX_LAT);
        // A zero-size canvas has a zero-size (not empty, not NaN) box at its centre.
        let dot = Viewport::new(NANHAI, 10.0, 0.0, 0.0, 1.0).bounds();
        assert!(near(dot.west, NANHAI.lon, 1e-12) && near(dot.north, NANHAI.lat, 1e-12));
        assert!(!dot.is_empty() && near(dot.east - dot.west, 0.0, 1e-12));
    }

    #[test]
    fn pan_moves_the_offset_point_to_the_centre() {
        let v = phone_at(14.0);
        let target = v.screen_to_lonlat(ScreenPoint::new(195.0 + 100.0, 422.0 - 50.0));
        let panned = v.pan_by_px(100.0, -50.0);
        assert!(near(panned.center.lon, target.lon, 1e-12));
        assert!(near(panned.center.lat, target.lat, 1e-12));
        let back = panned.pan_by_px(-100.0, 50.0);
        assert!(near(back.center.lon, NANHAI.lon, 1e-9) && near(back.center.lat, NANHAI.lat, 1e-9));
        // Panning far past the pole clamps instead of producing NaN.
        let polar = Viewport::new(NANHAI, 2.0, 400.0, 400.0, 1.0).pan_by_px(0.0, -1.0e6);
        assert!(polar.center.lat.is_finite() && polar.center.lat > 85.0);
    }

    #[test]
    fn zoom_around_keeps_the_cursor_point_fixed() {
        let v = phone_at(11.0);
        let cursor = ScreenPoint::new(300.0, 100.0);
        let under = v.screen_to_lonlat(cursor);
        for new_zoom in [11.5, 14.0, 3.0, 99.0] {
            let z = v.zoom_around(cursor, new_zoom);
            let s = z.lonlat_to_screen(under);
            assert!(
                near(s.x_px, 300.0, 1e-6) && near(s.y_px, 100.0, 1e-6),
                "{new_zoom}"
            );
        }
        assert_eq!(v.zoom_around(cursor, 99.0).zoom, MAX_ZOOM);
        // Zooming around the centre only changes the zoom.
        let c = v.zoom_around(ScreenPoint::new(195.0, 422.0), 13.0);
        assert!(near(c.center.lon, NANHAI.lon, 1e-9) && near(c.center.lat, NANHAI.lat, 1e-9));
    }

    #[test]
    fn fit_bounds_shows_the_box_with_padding() {
        let v = Viewport::new(LonLat::new(0.0, 0.0), 5.0, 800.0, 600.0, 1.0);
        let bbox = BBox::new(112.4, 22.9, 113.3, 23.2);
        let fitted = v.fit_bounds(&bbox, 40.0);
        for corner in [
            LonLat::new(bbox.west, bbox.north),
            LonLat::new(bbox.east, bbox.south),
        ] {
            let s = fitted.lonlat_to_screen(corner);
            assert!((39.99..=760.01).contains(&s.x_px) && (39.99..=560.01).contains(&s.y_px));
        }
        // It is tight on one axis: the box spans the full padded width or height.
        let (a, b) = (
            fitted.lonlat_to_screen(LonLat::new(bbox.west, bbox.north)),
            fitted.lonlat_to_screen(LonLat::new(bbox.east, bbox.south)),
        );
        assert!(near(b.x_px - a.x_px, 720.0, 1e-6) || near(b.y_px - a.y_px, 520.0, 1e-6));
    }

    #[test]
    fn fit_bounds_edge_cases() {
        let v = phone_at(5.0);
        assert_eq!(
            v.fit_bounds(&BBox::empty(), 20.0),
            v,
            "empty box: unchanged"
        );
        let single = v.fit_bounds(&BBox::from_point(LonLat::new(106.02, 27.04)), 20.0);
        assert_eq!(single.zoom, FIT_MAX_ZOOM);
        assert!(near(single.center.lon, 106.02, 1e-9) && near(single.center.lat, 27.04, 1e-9));
        let world = v.fit_bounds(&BBox::new(-180.0, -85.0, 180.0, 85.0), 20.0);
        assert_eq!(world.zoom, MIN_ZOOM);
        let zero = Viewport::new(NANHAI, 7.0, 0.0, 0.0, 1.0);
        let moved = zero.fit_bounds(&BBox::new(106.0, 27.0, 106.1, 27.1), 20.0);
        assert_eq!(moved.zoom, 7.0);
        assert!(near(moved.center.lon, 106.05, 1e-9));
        let tiny = Viewport::new(NANHAI, 7.0, 30.0, 30.0, 1.0);
        assert!(tiny
            .fit_bounds(&BBox::new(106.0, 27.0, 106.1, 27.1), 20.0)
            .zoom
            .is_finite());
    }
}
