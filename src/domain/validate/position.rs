//! Position checks: finite, in range, inside China's extent; plus the small geometry the
//! cross-file checks need (distance, point in polygon). Kept here rather than borrowed from
//! `geo` so that validation depends on nothing but the model.

use super::Severity;
use crate::domain::model::{LonLat, RegionLevel};

/// China's rough bounding box (degrees): lon 73..136, lat 3..54, the South China Sea
/// islands included. A box, not the border: it catches swapped or mistyped coordinates.
pub const CHINA_EXTENT: ChinaExtent = ChinaExtent {
    min_lon: 73.0,
    max_lon: 136.0,
    min_lat: 3.0,
    max_lat: 54.0,
};

/// A lon/lat box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChinaExtent {
    pub min_lon: f64,
    pub max_lon: f64,
    pub min_lat: f64,
    pub max_lat: f64,
}

impl ChinaExtent {
    /// Whether `p` lies in the box.
    pub fn contains(&self, p: LonLat) -> bool {
        (self.min_lon..=self.max_lon).contains(&p.lon)
            && (self.min_lat..=self.max_lat).contains(&p.lat)
    }
}

/// What is wrong with a position, if anything: not finite or out of range (errors), or
/// outside China's extent (an error for the bundled data; callers loading foreign data may
/// lower it to a warning).
pub fn position_problem(p: LonLat) -> Option<(Severity, String)> {
    if !p.lon.is_finite() || !p.lat.is_finite() {
        return Some((
            Severity::Error,
            "coordinate is not a finite number".to_owned(),
        ));
    }
    let swapped = CHINA_EXTENT.contains(LonLat {
        lon: p.lat,
        lat: p.lon,
    });
    let hint = if swapped {
        " (are lon and lat swapped?)"
    } else {
        ""
    };
    if !(-180.0..=180.0).contains(&p.lon) || !(-90.0..=90.0).contains(&p.lat) {
        return Some((
            Severity::Error,
            format!(
                "coordinate [{}, {}] is out of range (lon -180..180, lat -90..90){hint}",
                p.lon, p.lat
            ),
        ));
    }
    if !CHINA_EXTENT.contains(p) {
        return Some((
            Severity::Error,
            format!(
                "coordinate [{}, {}] is outside China (lon 73..136, lat 3..54){hint}",
                p.lon, p.lat
            ),
        ));
    }
    None
}

/// Great-circle distance in metres (haversine on a sphere of radius 6,371,008.8 m).
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    const R_M: f64 = 6_371_008.8;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * R_M * h.sqrt().min(1.0).asin()
}

/// How far from a region's point a site of that region may plausibly lie, in metres.
/// Generous on purpose: the point is a seat or centre, and a warning should mean "look".
pub fn plausible_region_radius_m(level: RegionLevel) -> f64 {
    match level {
        RegionLevel::Town => 15_000.0,
        RegionLevel::County => 60_000.0,
        RegionLevel::City => 150_000.0,
        RegionLevel::Province => 800_000.0,
    }
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

    fn ll(lon: f64, lat: f64) -> LonLat {
        LonLat { lon, lat }
    }

    #[test]
    fn flags_bad_positions() {
        assert!(position_problem(ll(113.27, 23.13)).is_none());
        assert!(position_problem(ll(f64::NAN, 23.0)).is_some());
        let (_, msg) = position_problem(ll(200.0, 23.0)).expect("range");
        assert!(msg.contains("out of range"));
        let (_, msg) = position_problem(ll(23.13, 113.27)).expect("swapped");
        assert!(
            msg.contains("out of range") && msg.contains("swapped"),
            "{msg}"
        );
        let (_, msg) = position_problem(ll(23.13, 80.0)).expect("swapped");
        assert!(msg.contains("swapped"), "{msg}");
        let (_, msg) = position_problem(ll(2.35, 48.85)).expect("Paris");
        assert!(msg.contains("outside China") && !msg.contains("swapped"));
    }

    #[test]
    fn distance_of_one_degree_of_latitude() {
        let d = distance_m(ll(113.0, 23.0), ll(113.0, 24.0));
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
    }

    #[test]
    fn point_in_square_with_hole() {
        let outer = vec![
            ll(0.0, 0.0),
            ll(4.0, 0.0),
            ll(4.0, 4.0),
            ll(0.0, 4.0),
            ll(0.0, 0.0),
        ];
        let hole = vec![
            ll(1.0, 1.0),
            ll(3.0, 1.0),
            ll(3.0, 3.0),
            ll(1.0, 3.0),
            ll(1.0, 1.0),
        ];
        let rings = vec![outer, hole];
        assert!(point_in_polygon(ll(0.5, 0.5), &rings));
        assert!(!point_in_polygon(ll(2.0, 2.0), &rings));
        assert!(!point_in_polygon(ll(5.0, 2.0), &rings));
    }
}
