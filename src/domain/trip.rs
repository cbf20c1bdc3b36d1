//! The field-trip planner's domain: a trip (ordered stops with dwell times, a start time, a
//! travel mode), its day schedule (arrival/departure per stop, legs, totals, warnings about
//! opening hours and the end of the day), optimising the stop order, the compact URL code a
//! trip is shared and stored as, and summaries of the data's themed routes.
//!
//! Pure: no browser crates, no UI. Times are whole minutes since midnight of the trip's day
//! (`_min`; 1500 is 01:00 the next day), distances metres (`_m`). Every travel time is an
//! ESTIMATE from great-circle distance × a detour factor at an average speed (`travel.rs`).

mod certainty;
mod clock;
mod codec;
mod extent;
mod hours;
mod model;
mod optimise;
mod schedule;
mod snapshot;
mod themed;
mod travel;

pub use certainty::{exact_text, Certainty, Span, APPROXIMATE_STOP_M};
pub use clock::{add_days, format_hhmm, parse_hhmm, weekday, MIN_PER_DAY};
pub use codec::{decode, encode, CodecError, MAX_CODE_LEN, MAX_STOPS};
pub use extent::{route_numbers_beside_trip, stops_bounds};
pub use hours::{check_hours, HoursCheck, OpeningHours};
pub use model::{Trip, TripStop};
pub use optimise::{optimise_order, path_length};
pub use schedule::{schedule, Schedule, ScheduleInput, StopTimes, Warning};
pub use snapshot::{badge_centres, handout_view, ring_bounds};
pub use themed::{summarise_route, summarise_routes, RouteSummary};
pub use travel::{default_dwell_min, leg, Leg, Mode};

use crate::domain::geo::LonLat;
use crate::domain::model::{Dataset, Site};

/// A trip's stops resolved against the loaded data: the site of each stop, `None` where the
/// data has no site with that id (kept in the trip, shown as "not in this data").
pub fn resolve<'a>(trip: &Trip, dataset: &'a Dataset) -> Vec<Option<&'a Site>> {
    // One pass for the trip's few stops: this runs on every map frame.
    let ids: Vec<&str> = trip.stops.iter().map(|s| s.site.as_str()).collect();
    dataset
        .sites_by_ids(&ids)
        .into_iter()
        .map(|i| i.and_then(|i| dataset.sites.get(i)))
        .collect()
}

/// The trip's schedule on the loaded data (stops not in the data are skipped and warned of).
pub fn plan(trip: &Trip, dataset: &Dataset) -> Schedule {
    let sites = resolve(trip, dataset);
    let inputs: Vec<Option<ScheduleInput>> = trip
        .stops
        .iter()
        .zip(&sites)
        .map(|(stop, site)| {
            site.map(|site| ScheduleInput {
                position: site.position,
                radius_m: site.precision.ring_radius_m(),
                dwell_min: stop
                    .dwell_min
                    .unwrap_or_else(|| default_dwell_min(site.kind)),
                hours: site.opening_hours.clone(),
            })
        })
        .collect();
    schedule(trip, &inputs)
}

/// The stop order that `optimise_order` finds for the trip, as indices into its stops:
/// stops not in the data keep their relative order at the end. `start` and `end` index the
/// stops. Never worse than the current order when that already meets the ends.
pub fn optimised_stops(
    trip: &Trip,
    dataset: &Dataset,
    start: usize,
    end: Option<usize>,
) -> Vec<usize> {
    let sites = resolve(trip, dataset);
    let known: Vec<usize> = (0..sites.len()).filter(|&i| sites[i].is_some()).collect();
    let points: Vec<LonLat> = sites.iter().flatten().map(|s| s.position).collect();
    let local = |i: usize| known.iter().position(|&k| k == i);
    let (start, end) = (local(start).unwrap_or(0), end.and_then(local));
    let mut order = optimise_order(&points, start, end);
    let current: Vec<usize> = (0..points.len()).collect();
    let meets_ends = start == 0 && end.is_none_or(|e| e + 1 == points.len());
    if meets_ends && path_length(&points, &current) <= path_length(&points, &order) {
        order = current;
    }
    let mut order: Vec<usize> = order.into_iter().map(|k| known[k]).collect();
    order.extend((0..sites.len()).filter(|&i| sites[i].is_none()));
    order
}
