//! The part of the map a trip covers: its stops with their precision rings (a stop placed
//! only to a town shows its ±3 km ring whole), for opening a shared trip on its stops.

use super::{resolve, Trip};
use crate::domain::geo::{BBox, LonLat};
use crate::domain::model::Dataset;

/// Metres per degree of latitude.
const M_PER_DEG: f64 = 111_320.0;

/// The box around the trip's stops found in `dataset` and their rings; empty when none is.
pub fn stops_bounds(trip: &Trip, dataset: &Dataset) -> BBox {
    let mut bbox = BBox::empty();
    for site in resolve(trip, dataset).into_iter().flatten() {
        let p = site.position;
        if !p.is_finite() {
            continue;
        }
        let r = site.precision.ring_radius_m();
        let dlat = r / M_PER_DEG;
        let dlon = r / (M_PER_DEG * p.lat.to_radians().cos().max(0.01));
        bbox.extend(LonLat::new(p.lon - dlon, p.lat - dlat));
        bbox.extend(LonLat::new(p.lon + dlon, p.lat + dlat));
    }
    bbox
}

/// The stops of a selected route to number on the map beside the trip's badges: (number
/// from 1, position) of each stop in the data that is not a stop of the trip drawn
/// (`trip_stops`), so that a site never gets two numbers (the trip's square and the
/// route's circle on top of each other).
pub fn route_numbers_beside_trip(
    route_stops: &[Option<LonLat>],
    trip_stops: &[LonLat],
) -> Vec<(usize, LonLat)> {
    route_stops
        .iter()
        .enumerate()
        .filter_map(|(k, p)| Some((k + 1, (*p)?)))
        .filter(|(_, p)| !trip_stops.contains(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_stop_that_is_a_trip_stop_gets_the_trips_number_only() {
        let (a, b, c) = (
            LonLat::new(113.0, 23.0),
            LonLat::new(113.1, 23.0),
            LonLat::new(113.2, 23.0),
        );
        let route = [Some(a), None, Some(b), Some(c)];
        assert_eq!(
            route_numbers_beside_trip(&route, &[]),
            vec![(1, a), (3, b), (4, c)]
        );
        assert_eq!(route_numbers_beside_trip(&route, &[c, a, b]), vec![]);
        assert_eq!(
            route_numbers_beside_trip(&route, &[b]),
            vec![(1, a), (4, c)]
        );
    }
    use crate::domain::test_data;

    #[test]
    fn the_box_holds_every_stop_with_its_ring_and_nothing_else() {
        let data = test_data::bundled();
        let a = &data.sites[0];
        let b = &data.sites[1];
        let mut trip = Trip::default();
        trip.add_all([a.id.clone(), b.id.clone(), "not-in-the-data".into()]);
        let bbox = stops_bounds(&trip, &data);
        for s in [a, b] {
            let r = s.precision.ring_radius_m();
            let south = LonLat::new(s.position.lon, s.position.lat - r / M_PER_DEG * 0.99);
            assert!(bbox.contains(s.position) && bbox.contains(south));
        }
        let far = data.sites.iter().find(|s| !bbox.contains(s.position));
        assert!(far.is_some(), "the other sites are not in the box");
        assert!(stops_bounds(&Trip::default(), &data).is_empty());
    }
}
