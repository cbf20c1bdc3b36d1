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

/// Distances and polygon tests are the domain's one geometry (`domain::geo`).
pub use crate::domain::geo::{distance_m, point_in_polygon};

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
}
