//! The trip planner on the bundled dataset, the way the UI uses it: build a 4-stop trip from
//! real sites, schedule it, optimise it, share it as a code and read it back, export it.

use redmap::domain::export::{route_plan, trip_plan, Format};
use redmap::domain::geodata::read_dir;
use redmap::domain::model::{Dataset, SiteId};
use redmap::domain::trip::{decode, encode, optimised_stops, plan, summarise_route, Mode, Trip};

fn bundled() -> Dataset {
    read_dir(std::path::Path::new("geodata"))
        .expect("bundled dataset")
        .0
}

/// Four sites in an order that zig-zags across Foshan and Guangzhou.
fn four_stop_trip() -> Trip {
    let mut trip = Trip {
        mode: Mode::Coach,
        ..Trip::default()
    };
    trip.add_all(
        [
            "guangzhou-peasant-movement-institute",
            "xiqiaoshan-anti-japanese-memorial",
            "nansanhua-working-committee-site",
            "nanhai-county-committee-site",
        ]
        .map(SiteId::from),
    );
    trip
}

#[test]
fn a_four_stop_day_is_scheduled_and_optimised() {
    let ds = bundled();
    let trip = four_stop_trip();
    let before = plan(&trip, &ds);
    assert!(
        before.stops.iter().all(|s| s.is_some()),
        "every stop is in the bundled data"
    );
    assert_eq!(before.stops[0].map(|s| s.arrive_min), Some(9 * 60));
    let order = optimised_stops(&trip, &ds, 0, None);
    let mut better = trip.clone();
    assert!(better.reorder(&order));
    let after = plan(&better, &ds);
    assert_eq!(
        better.stops[0].site.as_str(),
        "guangzhou-peasant-movement-institute",
        "start kept"
    );
    assert!(
        after.straight_m < before.straight_m,
        "{} !< {}",
        after.straight_m,
        before.straight_m
    );
    assert!(after.finish_min < before.finish_min);
}

#[test]
fn the_share_code_round_trips_and_stays_short() {
    let trip = four_stop_trip();
    let code = encode(&trip);
    assert!(code.len() < 200, "{} chars: {code}", code.len());
    assert_eq!(decode(&code), Ok(trip));
}

#[test]
fn routes_have_summaries_and_export() {
    let ds = bundled();
    assert!(!ds.routes.is_empty());
    for r in &ds.routes {
        let s = summarise_route(r, &ds);
        assert_eq!(s.stops, r.stops.len());
        assert!(s.length_m.is_finite() && s.total_min() >= s.dwell_min);
        let plan = route_plan(r, &ds, false);
        assert_eq!(plan.stops.len(), s.known_stops);
        for f in Format::ALL {
            assert!(!f.write(&plan).is_empty());
        }
    }
    let plan = trip_plan(&four_stop_trip(), &ds, true);
    assert_eq!(plan.stops.len(), 4);
    assert!(plan.stops[0]
        .name
        .starts_with("1. Former Site of the Guangzhou Peasant"));
}

#[test]
fn exported_trips_word_their_distance_as_the_planner_does() {
    let ds = bundled();
    let trip_of = |id: &str| {
        let route = ds.routes.iter().find(|r| r.id.as_str() == id).expect(id);
        let mut trip = Trip::default();
        trip.add_all(route.stops.iter().cloned());
        trip
    };
    let one = trip_of("nanhai-npc-red-heritage-visits");
    assert_eq!(
        trip_plan(&one, &ds, true).description,
        "Walk · ≈ 51 km (± 11 km: stops placed approximately) · 09:00"
    );
    let xiqiao = trip_of("xiqiao-deputies-survey");
    assert_eq!(
        trip_plan(&xiqiao, &ds, false).description,
        "步行 · 距离未知（各站位置为近似） · 09:00"
    );
    // Never the "0 m" of stops at one town point.
    assert!(!trip_plan(&xiqiao, &ds, true).description.contains("0 m"));
}
