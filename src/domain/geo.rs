//! Geographic basics on the sphere: positions (`LonLat`), bounding boxes (`BBox`),
//! great-circle distance and bearing, and the rough "is this in China" test that decides
//! where the GCJ-02 / BD-09 offsets apply (see `coords.rs`).
//!
//! Pure maths on plain `f64` degrees. Must not depend on the data model, projection,
//! or anything browser-side.

use serde::{Deserialize, Serialize};

/// Mean Earth radius (IUGG), metres. Haversine on a sphere is within ~0.5 % of the
/// ellipsoid, which is plenty for "how far is this site" and scale checks.
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;

/// A position in degrees, longitude first as in GeoJSON. Which datum (WGS-84, GCJ-02,
/// BD-09) is the caller's business; see `coords::CoordSystem`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        LonLat { lon, lat }
    }

    /// Both coordinates are finite (not NaN or infinite). Indexes skip points that are not.
    pub fn is_finite(self) -> bool {
        self.lon.is_finite() && self.lat.is_finite()
    }
}

/// An axis-aligned box in degrees. `west > east` never means "crosses the antimeridian"
/// here: China never needs it, and an inverted box is simply the empty box.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    pub const fn new(west: f64, south: f64, east: f64, north: f64) -> Self {
        BBox {
            west,
            south,
            east,
            north,
        }
    }

    /// The box that contains nothing; extending it by a point gives that point's box.
    pub const fn empty() -> Self {
        BBox::new(
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        )
    }

    pub const fn from_point(p: LonLat) -> Self {
        BBox::new(p.lon, p.lat, p.lon, p.lat)
    }

    /// The smallest box around the finite points (empty if there are none).
    pub fn from_points<I: IntoIterator<Item = LonLat>>(points: I) -> Self {
        let mut bbox = BBox::empty();
        for p in points {
            bbox.extend(p);
        }
        bbox
    }

    pub fn is_empty(&self) -> bool {
        !(self.west <= self.east && self.south <= self.north)
    }

    /// Grows the box to include `p`. Non-finite points are ignored so bad data cannot
    /// poison a "zoom to all sites" box.
    pub fn extend(&mut self, p: LonLat) {
        if !p.is_finite() {
            return;
        }
        self.west = self.west.min(p.lon);
        self.south = self.south.min(p.lat);
        self.east = self.east.max(p.lon);
        self.north = self.north.max(p.lat);
    }

    pub fn union(&self, other: &BBox) -> BBox {
        BBox::new(
            self.west.min(other.west),
            self.south.min(other.south),
            self.east.max(other.east),
            self.north.max(other.north),
        )
    }

    /// Inclusive on all edges, so a point on the boundary is inside.
    pub fn contains(&self, p: LonLat) -> bool {
        p.lon >= self.west && p.lon <= self.east && p.lat >= self.south && p.lat <= self.north
    }

    pub fn intersects(&self, other: &BBox) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// The middle in degrees (not the Mercator middle), or `None` for the empty box.
    pub fn center(&self) -> Option<LonLat> {
        (!self.is_empty()).then(|| {
            LonLat::new(
                (self.west + self.east) / 2.0,
                (self.south + self.north) / 2.0,
            )
        })
    }
}

/// Great-circle distance (haversine), metres.
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    let (lat_a, lat_b) = (a.lat.to_radians(), b.lat.to_radians());
    let half_dlat = (lat_b - lat_a) / 2.0;
    let half_dlon = (b.lon - a.lon).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat_a.cos() * lat_b.cos() * half_dlon.sin().powi(2);
    // min(1) guards asin against rounding just above 1 for antipodal points.
    2.0 * EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// Initial great-circle bearing from `from` to `to`, degrees clockwise from north, 0..360.
pub fn bearing_deg(from: LonLat, to: LonLat) -> f64 {
    let (lat_a, lat_b) = (from.lat.to_radians(), to.lat.to_radians());
    let dlon = (to.lon - from.lon).to_radians();
    let y = dlon.sin() * lat_b.cos();
    let x = lat_a.cos() * lat_b.sin() - lat_a.sin() * lat_b.cos() * dlon.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
}

/// The rough China extent used by PRCoords and coordtransform: outside it GCJ-02 and
/// BD-09 are the identity. It deliberately over-covers (Mongolia, Korea, part of Japan);
/// every Chinese library agrees on this box, and agreeing matters more than precision.
pub fn in_china(p: LonLat) -> bool {
    (72.004..=137.8347).contains(&p.lon) && (0.8293..=55.8271).contains(&p.lat)
}

/// Whether `p` is inside a polygon given as rings (outer first, then holes), even-odd rule.
pub fn point_in_polygon(p: LonLat, rings: &[Vec<LonLat>]) -> bool {
    let mut inside = false;
    for ring in rings {
        for (i, a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            let crosses = (a.lat > p.lat) != (b.lat > p.lat);
            if crosses && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
                inside = !inside;
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    const NANHAI: LonLat = LonLat::new(113.1, 23.0);
    const ZHAOQING: LonLat = LonLat::new(112.46, 23.05);

    #[test]
    fn distance_matches_known_values() {
        assert_eq!(distance_m(NANHAI, NANHAI), 0.0);
        // One degree of latitude on the mean sphere is 111.195 km.
        let d = distance_m(LonLat::new(0.0, 0.0), LonLat::new(0.0, 1.0));
        assert!((d - 111_195.08).abs() < 0.1, "{d}");
        // Nanhai to Zhaoqing is ~65.6 km (cross-checked with the equirectangular formula).
        let d = distance_m(NANHAI, ZHAOQING);
        assert!((65_000.0..66_500.0).contains(&d), "{d}");
        let antipodal = distance_m(LonLat::new(0.0, 0.0), LonLat::new(180.0, 0.0));
        assert!((antipodal - std::f64::consts::PI * EARTH_MEAN_RADIUS_M).abs() < 1e-6);
    }

    #[test]
    fn bearing_points_the_right_way() {
        let origin = LonLat::new(113.0, 23.0);
        assert!((bearing_deg(origin, LonLat::new(113.0, 24.0)) - 0.0).abs() < 1e-9);
        assert!((bearing_deg(origin, LonLat::new(114.0, 23.0)) - 90.0).abs() < 0.3);
        assert!((bearing_deg(origin, LonLat::new(113.0, 22.0)) - 180.0).abs() < 1e-9);
        assert!((bearing_deg(origin, LonLat::new(112.0, 23.0)) - 270.0).abs() < 0.3);
    }

    #[test]
    fn bbox_extend_union_contains() {
        let mut b = BBox::empty();
        assert!(b.is_empty() && b.center().is_none());
        assert!(!b.contains(NANHAI));
        b.extend(NANHAI);
        assert_eq!(b, BBox::from_point(NANHAI));
        b.extend(LonLat::new(f64::NAN, 1.0));
        assert_eq!(b, BBox::from_point(NANHAI), "NaN must be ignored");
        let both = BBox::from_points([NANHAI, ZHAOQING]);
        assert_eq!(both, BBox::new(112.46, 23.0, 113.1, 23.05));
        assert!(both.contains(LonLat::new(112.46, 23.0)), "edges are inside");
        assert!(!both.contains(LonLat::new(113.2, 23.0)));
        let u = BBox::from_point(NANHAI).union(&BBox::from_point(ZHAOQING));
        assert_eq!(u, both);
        assert_eq!(BBox::empty().union(&both), both);
        assert!(both.intersects(&BBox::new(113.0, 22.0, 114.0, 23.01)));
        assert!(!both.intersects(&BBox::empty()));
    }

    #[test]
    fn china_extent() {
        assert!(in_china(NANHAI));
        assert!(in_china(LonLat::new(106.02, 27.04)));
        assert!(!in_china(LonLat::new(2.35, 48.86)), "Paris");
        assert!(!in_china(LonLat::new(183.0, 45.0)));
        assert!(!in_china(LonLat::new(116.0, 56.0)));
        assert!(!in_china(LonLat::new(f64::NAN, 30.0)));
    }

    #[test]
    fn point_in_square_with_hole() {
        let outer = vec![
            LonLat::new(0.0, 0.0),
            LonLat::new(4.0, 0.0),
            LonLat::new(4.0, 4.0),
            LonLat::new(0.0, 4.0),
            LonLat::new(0.0, 0.0),
        ];
        let hole = vec![
            LonLat::new(1.0, 1.0),
            LonLat::new(3.0, 1.0),
            LonLat::new(3.0, 3.0),
            LonLat::new(1.0, 3.0),
            LonLat::new(1.0, 1.0),
        ];
        let rings = vec![outer, hole];
        assert!(point_in_polygon(LonLat::new(0.5, 0.5), &rings));
        assert!(!point_in_polygon(LonLat::new(2.0, 2.0), &rings));
        assert!(!point_in_polygon(LonLat::new(5.0, 2.0), &rings));
    }
}
