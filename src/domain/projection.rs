//! Web Mercator (EPSG:3857) in normalised world coordinates, and the per-frame
//! world -> screen transform.
//!
//! World coordinates are `0..1` in both axes: x from 180°W to 180°E, y from the north
//! edge (85.0511°N) to the south edge. At zoom `z` the world is `256 * 2^z` CSS px wide
//! (256 px tiles, as Leaflet and OSM). Projecting a dataset once (`project_all`) and then
//! applying one `ScreenTransform` per frame keeps drawing 100k points to a multiply-add
//! each; f64 keeps sub-pixel precision up to zoom 30 (f32 would be ~8 px off at zoom 19).
//!
//! Depends only on `geo`. Must not depend on the data model or the UI.

use super::geo::LonLat;
use std::f64::consts::PI;

/// Side of one map tile at integer zoom, CSS px.
pub const TILE_SIZE_PX: f64 = 256.0;

/// The latitude where Web Mercator makes the world square: atan(sinh(π)).
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// Sphere radius of EPSG:3857, metres (the WGS-84 semi-major axis).
pub const MERCATOR_RADIUS_M: f64 = 6_378_137.0;

/// A position in normalised Web Mercator coordinates (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WorldPoint {
    pub x: f64,
    pub y: f64,
}

/// A position on the map canvas, CSS px from its top-left corner (y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScreenPoint {
    pub x_px: f64,
    pub y_px: f64,
}

impl ScreenPoint {
    pub const fn new(x_px: f64, y_px: f64) -> Self {
        ScreenPoint { x_px, y_px }
    }
}

/// Width (and height) of the whole world at `zoom`, CSS px.
pub fn world_size_px(zoom: f64) -> f64 {
    TILE_SIZE_PX * zoom.exp2()
}

/// Clamps a latitude to what Web Mercator can show.
pub fn clamp_lat(lat: f64) -> f64 {
    lat.clamp(-MAX_LAT, MAX_LAT)
}

/// Projects to world coordinates. Latitude is clamped to ±`MAX_LAT`; longitude is not
/// wrapped (190° gives x > 1), so callers that wrap do it once, explicitly.
pub fn lonlat_to_world(p: LonLat) -> WorldPoint {
    let sin = clamp_lat(p.lat).to_radians().sin();
    let y = 0.5 - 0.25 * ((1.0 + sin) / (1.0 - sin)).ln() / PI;
    WorldPoint {
        x: p.lon / 360.0 + 0.5,
        y,
    }
}

/// Inverse of `lonlat_to_world`. World y outside `0..1` gives latitudes beyond ±MAX_LAT
/// (never beyond ±90°), which is what a screen corner past the world edge should say.
pub fn world_to_lonlat(w: WorldPoint) -> LonLat {
    let lat = (PI * (1.0 - 2.0 * w.y)).sinh().atan().to_degrees();
    LonLat::new((w.x - 0.5) * 360.0, lat)
}

/// Projects a whole dataset once per load; the index in the result is the index in `points`.
pub fn project_all(points: &[LonLat]) -> Vec<WorldPoint> {
    points.iter().map(|&p| lonlat_to_world(p)).collect()
}

/// Ground metres per CSS px at `lat` and `zoom` (Mercator stretches by 1/cos(lat)).
pub fn metres_per_px(lat: f64, zoom: f64) -> f64 {
    clamp_lat(lat).to_radians().cos() * 2.0 * PI * MERCATOR_RADIUS_M / world_size_px(zoom)
}

/// The affine world -> screen map of one frame: `screen = world * scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenTransform {
    pub scale_px: f64,
    pub offset_x_px: f64,
    pub offset_y_px: f64,
}

impl ScreenTransform {
    pub fn apply(&self, w: WorldPoint) -> ScreenPoint {
        ScreenPoint {
            x_px: w.x * self.scale_px + self.offset_x_px,
            y_px: w.y * self.scale_px + self.offset_y_px,
        }
    }

    /// Screen -> world; a zero scale (never produced by `Viewport`) gives non-finite values.
    pub fn invert(&self, s: ScreenPoint) -> WorldPoint {
        WorldPoint {
            x: (s.x_px - self.offset_x_px) / self.scale_px,
            y: (s.y_px - self.offset_y_px) / self.scale_px,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() < tol
    }

    #[test]
    fn known_world_positions() {
        let origin = lonlat_to_world(LonLat::new(0.0, 0.0));
        assert!(near(origin.x, 0.5, 1e-15) && near(origin.y, 0.5, 1e-15));
        let nw = lonlat_to_world(LonLat::new(-180.0, MAX_LAT));
        assert!(near(nw.x, 0.0, 1e-15) && near(nw.y, 0.0, 1e-9));
        // hujiulong/gcoord (MIT) EPSG3857.spec: WGS84 (123, 45) -> (13692297.3676, 5621521.4862) m.
        let w = lonlat_to_world(LonLat::new(123.0, 45.0));
        let half_m = PI * MERCATOR_RADIUS_M;
        assert!(near(
            (w.x - 0.5) * 2.0 * half_m,
            13_692_297.367_572_648,
            1e-6
        ));
        assert!(near(
            (0.5 - w.y) * 2.0 * half_m,
            5_621_521.486_192_066,
            1e-6
        ));
    }

    #[test]
    fn poles_are_clamped_not_infinite() {
        let north = lonlat_to_world(LonLat::new(10.0, 90.0));
        let south = lonlat_to_world(LonLat::new(10.0, -90.0));
        assert!(near(north.y, 0.0, 1e-9) && near(south.y, 1.0, 1e-9));
        assert!(near(world_to_lonlat(north).lat, MAX_LAT, 1e-7));
        assert!(world_to_lonlat(WorldPoint { x: 0.5, y: -3.0 }).lat < 90.0);
    }

    #[test]
    fn round_trip_and_bulk_projection() {
        let points = [
            LonLat::new(113.1, 23.0),
            LonLat::new(106.02, 27.04),
            LonLat::new(-70.0, -33.4),
        ];
        let world = project_all(&points);
        assert_eq!(world.len(), 3);
        for (p, w) in points.iter().zip(&world) {
            let back = world_to_lonlat(*w);
            assert!(near(back.lon, p.lon, 1e-12) && near(back.lat, p.lat, 1e-12));
        }
        assert!(project_all(&[]).is_empty());
    }

    #[test]
    fn transform_inverts() {
        let t = ScreenTransform {
            scale_px: world_size_px(10.5),
            offset_x_px: -1.0e5,
            offset_y_px: 3.0,
        };
        let w = WorldPoint { x: 0.8, y: 0.4 };
        let back = t.invert(t.apply(w));
        assert!(near(back.x, w.x, 1e-15) && near(back.y, w.y, 1e-15));
    }

    #[test]
    fn scale_at_equator_and_in_guangdong() {
        // Zoom 0 at the equator: 40 075 km over 256 px = 156 543 m/px (the OSM wiki value).
        assert!(near(metres_per_px(0.0, 0.0), 156_543.034, 1e-3));
        assert!(near(
            metres_per_px(23.0, 10.0),
            156_543.034 * 23f64.to_radians().cos() / 1024.0,
            1e-6
        ));
    }
}
