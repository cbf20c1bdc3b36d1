//! Nearby sites with their distance, for the details panel. Many sites share one
//! town-level placement: those are "same placement", not "0 km" (their real distance is
//! unknown). A linear scan: fine for one click even on 100k sites.
//!
//! Pure: depends on the data model and `geo` only.

use super::geo::{distance_m, LonLat};
use super::model::Dataset;

/// Below this, two positions are one placement (coordinates equal up to rounding).
pub const SAME_PLACEMENT_M: f64 = 1.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nearby {
    /// Index into `dataset.sites`.
    pub index: usize,
    pub distance_m: f64,
}

impl Nearby {
    /// The two sites are placed at one point (often a town centre): distance unknown.
    pub fn same_placement(&self) -> bool {
        self.distance_m < SAME_PLACEMENT_M
    }
}

/// The `k` sites nearest to site `of` (itself excluded), nearest first, ties in data order.
/// Sites with unusable coordinates are skipped.
pub fn nearest_sites(dataset: &Dataset, of: usize, k: usize) -> Vec<Nearby> {
    let Some(here) = dataset.sites.get(of).map(|s| s.position) else {
        return Vec::new();
    };
    let mut all = distances_from(dataset, here);
    all.retain(|n| n.index != of);
    all.sort_by(|a, b| {
        a.distance_m
            .total_cmp(&b.distance_m)
            .then(a.index.cmp(&b.index))
    });
    all.truncate(k);
    all
}

/// Distance from `here` to every site with finite coordinates, in data order.
pub fn distances_from(dataset: &Dataset, here: LonLat) -> Vec<Nearby> {
    if !here.is_finite() {
        return Vec::new();
    }
    dataset
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.position.is_finite())
        .map(|(index, s)| Nearby {
            index,
            distance_m: distance_m(here, s.position),
        })
        .collect()
}

/// "1.2 km", "350 m", "85 km": a distance for people, to a sensible precision.
pub fn format_distance(distance_m: f64) -> String {
    format_distance_in(distance_m, "m", "km")
}

/// The same with the units' names given, e.g. "米" and "公里" for the Chinese UI.
pub fn format_distance_in(distance_m: f64, m: &str, km: &str) -> String {
    if distance_m < 1_000.0 {
        format!("{} {m}", (distance_m / 10.0).round() * 10.0)
    } else if distance_m < 10_000.0 {
        format!("{:.1} {km}", distance_m / 1_000.0)
    } else {
        format!("{:.0} {km}", distance_m / 1_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::bundled;

    #[test]
    fn nearest_excludes_itself_and_flags_shared_placements() {
        let ds = bundled();
        let chen = ds
            .sites
            .iter()
            .position(|s| s.id.as_str() == "chen-qiyuan-memorial-hall")
            .expect("site");
        let near = nearest_sites(&ds, chen, 5);
        assert_eq!(near.len(), 5);
        assert!(near.iter().all(|n| n.index != chen));
        // Four other Xiqiao sites share the town-centre placement.
        assert_eq!(near.iter().filter(|n| n.same_placement()).count(), 4);
        assert!(!near[4].same_placement());
        assert!(near.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
    }

    #[test]
    fn out_of_range_index_and_bad_positions_give_nothing() {
        let ds = bundled();
        assert!(nearest_sites(&ds, 999, 3).is_empty());
        assert!(distances_from(&ds, LonLat::new(f64::NAN, 0.0)).is_empty());
    }

    #[test]
    fn distances_read_well() {
        assert_eq!(format_distance(348.0), "350 m");
        assert_eq!(format_distance(1_240.0), "1.2 km");
        assert_eq!(format_distance(85_400.0), "85 km");
    }
}
