//! A trip's day, stop by stop: travel legs between consecutive stops, arrival and departure
//! times, whether each visit fits the site's opening hours, totals, and warnings (a visit
//! outside opening hours, the day running past the chosen end time, a stop not in the data).
//! Plain arithmetic on whole minutes; the inputs come resolved (`trip::plan` does that).

use super::certainty::{Certainty, Span, APPROXIMATE_STOP_M};
use super::clock::{weekday, MIN_PER_DAY};
use super::hours::{check_hours, HoursCheck};
use super::model::Trip;
use super::travel::{leg, Leg, Mode};
use crate::domain::geo::LonLat;

/// What the schedule needs to know of a stop's site.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleInput {
    pub position: LonLat,
    /// How exactly the position is known (the site's `precision`), metres.
    pub radius_m: f64,
    /// Minutes spent at the stop (already defaulted by kind).
    pub dwell_min: u32,
    /// The site's opening hours text, if the data gives it.
    pub hours: Option<String>,
}

/// One stop's times. Minutes since the trip day's midnight (past 1440 = next day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopTimes {
    pub arrive_min: u32,
    pub depart_min: u32,
    pub dwell_min: u32,
    /// The leg from the previous scheduled stop (`None` for the first).
    pub leg_in: Option<Leg>,
    pub hours: HoursCheck,
    /// The times rest on a leg (this one or one before) whose length is approximate or
    /// unknown: they are shown with "≈", never as exact clock times.
    pub approximate: bool,
}

/// Something the planner should tell the user about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warning {
    /// Stop `stop` (index in the trip) is visited outside its opening hours.
    OutsideHours { stop: usize },
    /// Stop `stop` is visited on a day it is closed.
    ClosedThatDay { stop: usize },
    /// The day ends at `finish_min`, after the chosen `end_min`; `stop` is the first stop
    /// whose departure is too late.
    PastEnd {
        stop: usize,
        finish_min: u32,
        end_min: u32,
    },
    /// Stop `stop` has no site in the loaded data: not scheduled, still kept in the trip.
    NotInData { stop: usize },
    /// The leg into stop `stop` is longer than anyone would go by the trip's `mode` (walking
    /// 40 km): another mode is needed. `span` is the leg's straight-line distance with its
    /// certainty (worded as the leg is); `surely` is false when only the estimate is too
    /// far and the shortest the leg can be (its bound taken off) is not.
    LongLeg {
        stop: usize,
        span: Span,
        mode: Mode,
        surely: bool,
    },
    /// With no end time chosen, the day still runs past midnight (`finish_min`). `faster`:
    /// the first faster mode that would end the day before midnight, and when it would end.
    PastMidnight {
        finish_min: u32,
        faster: Option<(Mode, u32)>,
    },
    /// `count` stops are placed only approximately (more than `APPROXIMATE_STOP_M` off,
    /// up to `max_radius_m`): check where they are before going.
    ApproximateStops { count: usize, max_radius_m: f64 },
    /// `count` legs have no known length (e.g. both stops at one town point): the schedule
    /// allows `allowance_min` minutes for them in all, not an estimate.
    UnknownLegs { count: usize, allowance_min: u32 },
}

/// The longest leg a class would take by `mode`, metres (a guide, not a limit).
pub fn longest_sensible_leg_m(mode: Mode) -> Option<f64> {
    match mode {
        Mode::Walk => Some(8_000.0),
        Mode::Bike => Some(30_000.0),
        Mode::Coach | Mode::Car => None,
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// Per trip stop, in order; `None` where the stop is not in the data.
    pub stops: Vec<Option<StopTimes>>,
    /// Estimated travelled distance (with detours).
    pub distance_m: f64,
    /// Great-circle distance along the stops, as drawn.
    pub straight_m: f64,
    /// The straight-line distance along the stops with how certain it is: what is shown.
    pub span: Span,
    /// Minutes of `travel_min` that are allowances for legs of unknown length.
    pub allowance_min: u32,
    pub travel_min: u32,
    pub dwell_min: u32,
    /// Departure from the last stop (the trip's start time when there are no stops).
    pub finish_min: u32,
    pub warnings: Vec<Warning>,
}

/// Schedules the trip; `inputs[i]` is stop `i`'s site, `None` when not in the data.
pub fn schedule(trip: &Trip, inputs: &[Option<ScheduleInput>]) -> Schedule {
    let day = trip.date.map(weekday);
    let mut out = Schedule {
        finish_min: trip.start_min,
        ..Schedule::default()
    };
    let mut clock = trip.start_min;
    let mut previous: Option<(LonLat, f64)> = None;
    let mut approximate = (0usize, 0f64);
    // Once a leg's length is approximate or unknown, every later time is too.
    let mut times_approximate = false;
    for (i, input) in inputs.iter().enumerate() {
        let Some(input) = input else {
            out.stops.push(None);
            out.warnings.push(Warning::NotInData { stop: i });
            continue;
        };
        if input.radius_m > APPROXIMATE_STOP_M || !input.radius_m.is_finite() {
            approximate = (approximate.0 + 1, approximate.1.max(input.radius_m));
        }
        let leg_in = previous.map(|(p, r)| leg(p, r, input.position, input.radius_m, trip.mode));
        let arrive_min = clock.saturating_add(leg_in.map_or(0, |l| l.minutes));
        let depart_min = arrive_min.saturating_add(input.dwell_min);
        let hours = check_hours(input.hours.as_deref(), day, arrive_min, depart_min);
        match hours {
            HoursCheck::Outside => out.warnings.push(Warning::OutsideHours { stop: i }),
            HoursCheck::ClosedThatDay => out.warnings.push(Warning::ClosedThatDay { stop: i }),
            HoursCheck::Open | HoursCheck::Unknown => {}
        }
        if let Some(l) = leg_in {
            times_approximate |= l.span.certainty() != Certainty::Exact;
            let max = longest_sensible_leg_m(trip.mode);
            let too_far = max.is_some_and(|max| l.distance_m > max);
            // An allowance's distance is not a known one: no "too far" on it (the unknown
            // legs have their own warning).
            if too_far && !l.is_allowance() {
                let shortest = (l.span.known_m - l.span.uncertainty_m).max(0.0);
                out.warnings.push(Warning::LongLeg {
                    stop: i,
                    span: l.span,
                    mode: trip.mode,
                    surely: max.is_some_and(|max| shortest * trip.mode.detour_factor() > max),
                });
            }
            out.distance_m += l.distance_m;
            out.straight_m += l.straight_m;
            out.span = out.span.plus(l.span);
            if l.is_allowance() {
                out.allowance_min = out.allowance_min.saturating_add(l.minutes);
            }
            out.travel_min = out.travel_min.saturating_add(l.minutes);
        }
        out.dwell_min = out.dwell_min.saturating_add(input.dwell_min);
        out.stops.push(Some(StopTimes {
            arrive_min,
            depart_min,
            dwell_min: input.dwell_min,
            leg_in,
            hours,
            approximate: times_approximate,
        }));
        clock = depart_min;
        previous = Some((input.position, input.radius_m));
    }
    out.finish_min = clock;
    if approximate.0 > 0 {
        out.warnings.push(Warning::ApproximateStops {
            count: approximate.0,
            max_radius_m: approximate.1,
        });
    }
    if out.span.unknown_legs > 0 {
        out.warnings.push(Warning::UnknownLegs {
            count: out.span.unknown_legs,
            allowance_min: out.allowance_min,
        });
    }
    if trip.end_min.is_none() && clock > MIN_PER_DAY {
        out.warnings.push(Warning::PastMidnight {
            finish_min: clock,
            faster: faster_mode(trip, inputs),
        });
    }
    if let Some(end_min) = effective_end(trip) {
        let late = out
            .stops
            .iter()
            .position(|s| s.is_some_and(|s| s.depart_min > end_min));
        if let Some(stop) = late {
            out.warnings.push(Warning::PastEnd {
                stop,
                finish_min: clock,
                end_min,
            });
        }
    }
    out
}

/// The first mode faster than the trip's (walk → bike → coach → car) by which the day would
/// end before midnight with no leg too far for it, and its end; `None` when none would (too
/// many or too long visits).
fn faster_mode(trip: &Trip, inputs: &[Option<ScheduleInput>]) -> Option<(Mode, u32)> {
    let speed = trip.mode.speed_kmh();
    Mode::ALL
        .into_iter()
        .filter(|m| m.speed_kmh() > speed)
        .find_map(|mode| {
            let by = Trip {
                mode,
                end_min: Some(0),
                ..trip.clone()
            };
            let s = schedule(&by, inputs);
            let sensible = !s
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::LongLeg { .. }));
            (sensible && s.finish_min <= MIN_PER_DAY).then_some((mode, s.finish_min))
        })
}

impl Schedule {
    /// Whether the day's end (the last scheduled stop's departure) is approximate.
    pub fn finish_approximate(&self) -> bool {
        self.stops
            .iter()
            .flatten()
            .last()
            .is_some_and(|t| t.approximate)
    }

    /// Whether the travel time rests on any leg of approximate or unknown length.
    pub fn travel_approximate(&self) -> bool {
        self.span.certainty() != Certainty::Exact || self.span.unknown_legs > 0
    }
}

/// The end time on the schedule's clock: an end at or before the start is the next day's.
pub fn effective_end(trip: &Trip) -> Option<u32> {
    trip.end_min.map(|e| {
        if e <= trip.start_min {
            e + MIN_PER_DAY
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Date;
    use crate::domain::trip::TripStop;

    fn input(lon: f64, dwell_min: u32, hours: Option<&str>) -> Option<ScheduleInput> {
        Some(ScheduleInput {
            position: LonLat::new(lon, 0.0),
            radius_m: 50.0,
            dwell_min,
            hours: hours.map(String::from),
        })
    }

    fn trip(n: usize, start_min: u32) -> Trip {
        Trip {
            start_min,
            mode: Mode::Walk,
            stops: (0..n)
                .map(|i| TripStop::new(format!("s{i}").as_str().into()))
                .collect(),
            ..Trip::default()
        }
    }

    /// Each scheduled stop's (arrival, departure).
    fn times(s: &Schedule) -> Vec<(u32, u32)> {
        s.stops
            .iter()
            .flatten()
            .map(|t| (t.arrive_min, t.depart_min))
            .collect()
    }

    /// 0.01° of longitude at the equator: 1112 m straight, 1446 m walked, 20 min.
    const STEP: f64 = 0.01;

    #[test]
    fn times_add_up_leg_by_leg() {
        let s = schedule(
            &trip(3, 9 * 60),
            &[
                input(0.0, 60, None),
                input(STEP, 30, None),
                input(2.0 * STEP, 45, None),
            ],
        );
        assert_eq!(times(&s), [(540, 600), (620, 650), (670, 715)]);
        assert!(!s.finish_approximate() && !s.travel_approximate());
        assert_eq!((s.travel_min, s.dwell_min, s.finish_min), (40, 135, 715));
        assert!(
            (s.distance_m - 2.0 * 1111.95 * 1.3).abs() < 5.0,
            "{}",
            s.distance_m
        );
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn a_walk_of_tens_of_km_between_stops_is_warned_of_and_so_is_a_day_past_midnight() {
        // 0.5° of longitude at the equator: ~56 km straight, far too far to walk.
        let s = schedule(
            &trip(3, 9 * 60),
            &[
                input(0.0, 60, None),
                input(STEP, 30, None),
                input(0.5, 30, None),
            ],
        );
        assert!(
            matches!(
                s.warnings.as_slice(),
                [
                    Warning::LongLeg { stop: 2, span, mode: Mode::Walk, surely: true },
                    Warning::PastMidnight { faster: Some((Mode::Coach, _)), .. },
                ] if span.known_m > 50_000.0 && span.certainty() == Certainty::Exact
            ),
            "{:?}",
            s.warnings
        );
        // By coach the same legs are fine and the day ends the same day.
        let mut by_coach = trip(3, 9 * 60);
        by_coach.mode = Mode::Coach;
        let s = schedule(
            &by_coach,
            &[
                input(0.0, 60, None),
                input(STEP, 30, None),
                input(0.5, 30, None),
            ],
        );
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    /// Route 1 of the bundled data (`nanhai-npc-red-heritage-visits`).
    fn route_one(data: &crate::domain::model::Dataset) -> &crate::domain::model::Route {
        data.routes
            .iter()
            .find(|r| r.id.as_str() == "nanhai-npc-red-heritage-visits")
            .expect("route 1")
    }

    #[test]
    fn route_one_walked_warns_as_certainly_as_its_legs_and_suggests_a_coach() {
        // Route 1's stops, walked (the default mode): 中共南三花工委 (±6 km) → 农讲所 (±100 m)
        // → 西樵山 (±5 km). Its legs are "≈ 14 km (± 6 km)" and "≈ 37 km (± 5 km)": the
        // warnings must not say "about 18.0 km" or "48.4 km" beside them.
        let data = crate::domain::test_data::bundled();
        let route = route_one(&data);
        let mut t = Trip::default();
        t.add_all(route.stops.iter().cloned());
        assert_eq!(t.mode, Mode::Walk);
        let plan = crate::domain::trip::plan(&t, &data);
        let long: Vec<(usize, Span, bool)> = plan
            .warnings
            .iter()
            .filter_map(|w| match *w {
                Warning::LongLeg {
                    stop, span, surely, ..
                } => Some((stop, span, surely)),
                _ => None,
            })
            .collect();
        assert_eq!(long.len(), 2, "{:?}", plan.warnings);
        for (stop, span, _) in &long {
            let leg = plan.stops[*stop].and_then(|t| t.leg_in).expect("a leg");
            assert_eq!(*span, leg.span);
            assert_eq!(span.certainty(), Certainty::Approximate);
        }
        // 14 km ± 6 km: at least 7.6 km straight, 9.9 km walked: surely too far on foot.
        assert!(long.iter().all(|l| l.2));
        // Every time after the first stop rests on an approximate leg.
        assert!(!plan.stops[0].expect("stop 1").approximate);
        assert!(plan.stops[1..].iter().flatten().all(|t| t.approximate));
        assert!(plan.finish_approximate() && plan.travel_approximate());
        // The day ends at 01:46 the next day; by bike it would still run past midnight,
        // by coach it ends in the afternoon: that is the suggestion.
        assert_eq!(plan.finish_min, 1546);
        let Some(Warning::PastMidnight { faster, .. }) = plan.warnings.last() else {
            panic!("{:?}", plan.warnings)
        };
        let (mode, finish) = faster.expect("a faster mode");
        assert_eq!(mode, Mode::Coach);
        let mut by_coach = t.clone();
        by_coach.mode = Mode::Coach;
        assert_eq!(
            crate::domain::trip::plan(&by_coach, &data).finish_min,
            finish
        );
        assert!(finish < 18 * 60, "{finish}");
    }

    #[test]
    fn a_leg_that_may_or_may_not_be_too_far_to_walk_says_so() {
        // 9 km straight between two stops placed ±3 km: 11.7 km walked by the estimate
        // (over 8 km), but it may be only 3 km (3.9 km walked).
        let at = |lon: f64| {
            Some(ScheduleInput {
                position: LonLat::new(lon, 0.0),
                radius_m: 3_000.0,
                dwell_min: 30,
                hours: None,
            })
        };
        let s = schedule(&trip(2, 9 * 60), &[at(0.0), at(9_000.0 / 111_195.08)]);
        assert!(
            matches!(
                s.warnings.as_slice(),
                [
                    Warning::LongLeg { stop: 1, surely: false, span, .. },
                    Warning::ApproximateStops { count: 2, .. }
                ] if span.certainty() == Certainty::Approximate
            ),
            "{:?}",
            s.warnings
        );
        // No faster mode ends a day that is long because of its visits.
        let s = schedule(
            &trip(2, 9 * 60),
            &[input(0.0, 600, None), input(STEP, 600, None)],
        );
        assert_eq!(
            s.warnings,
            [Warning::PastMidnight {
                finish_min: 540 + 600 + 20 + 600,
                faster: None
            }]
        );
    }

    #[test]
    fn an_evening_trip_runs_across_midnight() {
        let mut t = trip(2, 23 * 60);
        t.end_min = Some(30); // 00:30, i.e. the next day
        let s = schedule(&t, &[input(0.0, 45, None), input(STEP, 30, None)]);
        let last = s.stops[1].expect("scheduled");
        assert_eq!((last.arrive_min, last.depart_min), (1440 + 5, 1440 + 35));
        assert_eq!(
            s.warnings,
            [Warning::PastEnd {
                stop: 1,
                finish_min: 1475,
                end_min: 1470
            }]
        );
    }

    #[test]
    fn opening_hours_warnings_use_the_trip_date() {
        let mut t = trip(2, 8 * 60 + 30);
        t.date = Date::parse("2026-11-23"); // a Monday
        let museum = Some("Tu-Su 09:00-17:00");
        let s = schedule(
            &t,
            &[
                input(0.0, 60, museum),
                input(STEP, 60, Some("Mo-Fr 08:00-12:00")),
            ],
        );
        assert_eq!(s.warnings, [Warning::ClosedThatDay { stop: 0 }]);
        t.date = Date::parse("2026-11-24"); // Tuesday: arrives 08:30, opens 09:00
        let s = schedule(
            &t,
            &[
                input(0.0, 60, museum),
                input(STEP, 60, Some("unreadable hours")),
            ],
        );
        assert_eq!(s.warnings, [Warning::OutsideHours { stop: 0 }]);
        assert_eq!(s.stops[1].map(|x| x.hours), Some(HoursCheck::Unknown));
    }

    #[test]
    fn stops_missing_from_the_data_are_kept_and_skipped() {
        let s = schedule(
            &trip(3, 600),
            &[input(0.0, 30, None), None, input(STEP, 30, None)],
        );
        assert_eq!(s.stops.len(), 3);
        assert!(s.stops[1].is_none());
        assert_eq!(s.stops[2].map(|t| t.arrive_min), Some(650));
        assert_eq!(s.warnings, [Warning::NotInData { stop: 1 }]);
    }

    #[test]
    fn stops_at_one_town_point_are_given_stated_allowances_not_zero_minutes() {
        // The four Xiqiao stops, all drawn at the 西樵镇 town point (±5 km), walked.
        let at_xiqiao = |dwell_min| {
            Some(ScheduleInput {
                position: LonLat::new(112.96738, 22.94614),
                radius_m: 5_000.0,
                dwell_min,
                hours: None,
            })
        };
        let s = schedule(
            &trip(4, 9 * 60),
            &[at_xiqiao(60), at_xiqiao(45), at_xiqiao(45), at_xiqiao(30)],
        );
        // 09:00–10:00, then 90 minutes allowed per leg.
        assert_eq!(times(&s), [(540, 600), (690, 735), (825, 870), (960, 990)]);
        // Times after an allowance are not exact clock times.
        assert!(s.stops[1..].iter().flatten().all(|t| t.approximate));
        assert!(s.finish_approximate());
        assert!(s.stops[1..]
            .iter()
            .flatten()
            .all(|t| t.leg_in.is_some_and(|l| l.is_allowance())));
        assert_eq!(
            (s.travel_min, s.allowance_min, s.dwell_min),
            (270, 270, 180)
        );
        // The arithmetic holds: start + travel + visits = end.
        assert_eq!(540 + s.travel_min + s.dwell_min, s.finish_min);
        assert_eq!(s.span.unknown_legs, 3);
        assert_eq!(s.span.text(false), "距离未知（各站位置为近似）");
        assert_eq!(
            s.warnings,
            [
                Warning::ApproximateStops {
                    count: 4,
                    max_radius_m: 5_000.0
                },
                Warning::UnknownLegs {
                    count: 3,
                    allowance_min: 270
                }
            ]
        );
    }

    #[test]
    fn the_trip_of_route_one_says_what_the_route_says() {
        let data = crate::domain::test_data::bundled();
        let route = route_one(&data);
        let mut t = Trip::default();
        t.add_all(route.stops.iter().cloned());
        let plan = crate::domain::trip::plan(&t, &data);
        let summary = crate::domain::trip::summarise_route(route, &data);
        assert_eq!(plan.span, summary.span);
        assert_eq!(
            plan.span.text(true),
            "≈ 51 km (± 11 km: stops placed approximately)"
        );
        assert_eq!(plan.allowance_min, 0);
    }

    #[test]
    fn empty_trip_and_huge_dwell_do_not_overflow() {
        let s = schedule(&trip(0, 600), &[]);
        assert_eq!((s.finish_min, s.distance_m), (600, 0.0));
        let s = schedule(
            &trip(2, 600),
            &[input(0.0, u32::MAX, None), input(STEP, u32::MAX, None)],
        );
        assert_eq!(s.finish_min, u32::MAX);
    }
}
