//! How certain a distance between stops is, from how exactly the stops are placed.
//!
//! A site's `precision.radius_m` is the radius within which the real place is believed to
//! lie. The straight-line distance between two stops is then off by at most the sum of
//! their radii (`uncertainty`), and a sum of legs by at most the sum of its legs' bounds
//! (route 1 of the bundled data: 13.8 km ± 6.1 km + 37.2 km ± 5.1 km = 51.1 km ± 11.2 km).
//!
//! | the bound `u` against the distance `d` | certainty | shown as |
//! |---|---|---|
//! | `u` ≤ 100 m or ≤ 10 % of `d` | exact enough | "12.3 km" |
//! | otherwise, `u` < `d` | approximate | "≈ 51 km (± 11 km: stops placed approximately)" |
//! | `u` ≥ `d` (e.g. both stops at one town point) | unknown | "distance unknown (stops placed approximately)" |
//!
//! A leg of unknown length is given a stated time allowance instead of its (meaningless)
//! computed time: the time for a straight-line distance of the two radii's mean (e.g. 5 km
//! for two stops placed at a ±5 km town point), at the mode's speed and detour, rounded up to
//! 5 minutes. A sum with unknown legs is "at least" its known part, and says how many legs
//! are unknown. The wording (zh and en) is here so that every place that shows a distance
//! (route list, trip panel, schedule, handout, exported files) says the same. Pure.

/// A bound at or under this is exact enough whatever the distance (two buildings ±50 m).
pub const EXACT_WITHIN_M: f64 = 100.0;
/// A bound at or under this share of the distance is exact enough.
pub const EXACT_SHARE: f64 = 0.1;
/// A stop whose position is known less exactly than this is "placed approximately" (a
/// street is ±300 m; a village ±1 km, a town ±3 km).
pub const APPROXIMATE_STOP_M: f64 = 500.0;
/// Allowances are whole multiples of this many minutes.
pub const ALLOWANCE_STEP_MIN: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// Shown to 0.1 km / 10 m.
    Exact,
    /// Shown rounded, with "≈" and the bound.
    Approximate,
    /// Not shown as a number at all.
    Unknown,
}

/// A straight-line distance along one or more legs, with how certain it is.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Span {
    /// The straight-line length of the legs whose length is known, metres.
    pub known_m: f64,
    /// The bound (±) on `known_m` from the stops' position precision, metres.
    pub uncertainty_m: f64,
    /// Legs in the sum.
    pub legs: usize,
    /// Legs whose length cannot be told (not in `known_m`).
    pub unknown_legs: usize,
}

impl Span {
    /// One leg of `straight_m` between stops whose positions are known to `radius_a_m` and
    /// `radius_b_m`. A non-finite distance or radius makes the leg unknown.
    pub fn leg(straight_m: f64, radius_a_m: f64, radius_b_m: f64) -> Span {
        let u = radius_a_m.max(0.0) + radius_b_m.max(0.0);
        let unknown =
            !(straight_m.is_finite() && u.is_finite()) || (u > EXACT_WITHIN_M && u >= straight_m);
        if unknown {
            Span {
                legs: 1,
                unknown_legs: 1,
                ..Span::default()
            }
        } else {
            Span {
                known_m: straight_m,
                uncertainty_m: u,
                legs: 1,
                unknown_legs: 0,
            }
        }
    }

    /// A length measured along a drawn path (not from the stops' positions).
    pub fn drawn(length_m: f64) -> Span {
        Span {
            known_m: if length_m.is_finite() { length_m } else { 0.0 },
            uncertainty_m: 0.0,
            legs: 1,
            unknown_legs: usize::from(!length_m.is_finite()),
        }
    }

    /// The two spans one after the other.
    pub fn plus(self, other: Span) -> Span {
        Span {
            known_m: self.known_m + other.known_m,
            uncertainty_m: self.uncertainty_m + other.uncertainty_m,
            legs: self.legs + other.legs,
            unknown_legs: self.unknown_legs + other.unknown_legs,
        }
    }

    /// How certain the known part is; `Unknown` when every leg is unknown.
    pub fn certainty(&self) -> Certainty {
        if self.legs > 0 && self.unknown_legs == self.legs {
            Certainty::Unknown
        } else if self.uncertainty_m <= EXACT_WITHIN_M
            || self.uncertainty_m <= EXACT_SHARE * self.known_m
        {
            Certainty::Exact
        } else {
            Certainty::Approximate
        }
    }

    /// Some legs are unknown but not all: the number is a lower bound.
    pub fn is_partial(&self) -> bool {
        self.unknown_legs > 0 && self.unknown_legs < self.legs
    }

    /// The span in words, e.g. "≈ 51 km (± 11 km: stops placed approximately)".
    pub fn text(&self, english: bool) -> String {
        let reason = if english {
            "stops placed approximately"
        } else {
            "各站位置为近似"
        };
        let known = match self.certainty() {
            Certainty::Unknown => {
                return if english {
                    format!("distance unknown ({reason})")
                } else {
                    format!("距离未知（{reason}）")
                };
            }
            Certainty::Exact => exact_text(self.known_m),
            Certainty::Approximate => {
                let (value, bound) = approximate_text(self.known_m, self.uncertainty_m);
                match (english, self.is_partial()) {
                    (true, false) => return format!("≈ {value} (± {bound}: {reason})"),
                    (false, false) => return format!("≈ {value}（± {bound}：{reason}）"),
                    (true, true) => format!("≈ {value} (± {bound})"),
                    (false, true) => format!("≈ {value}（± {bound}）"),
                }
            }
        };
        if !self.is_partial() {
            return known;
        }
        let n = self.unknown_legs;
        if english {
            let legs = if n == 1 { "leg" } else { "legs" };
            format!("at least {known}, {n} {legs} unknown ({reason})")
        } else {
            format!("至少 {known}，另有 {n} 段距离未知（{reason}）")
        }
    }
}

/// "1.4 km" / "850 m": a distance known to about 100 m / 10 m.
pub fn exact_text(m: f64) -> String {
    if m < 1000.0 {
        format!("{} m", (m / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", m / 1000.0)
    }
}

/// The value and the bound of an approximate distance, both rounded to the bound's order:
/// whole km for a bound of a km or more ("51 km", "11 km"), else 0.1 km or 10 m.
fn approximate_text(m: f64, bound_m: f64) -> (String, String) {
    let step = if bound_m >= 1000.0 {
        1000.0
    } else if bound_m >= 100.0 {
        100.0
    } else {
        10.0
    };
    let round = |v: f64| ((v / step).round() * step).max(step);
    let show = |v: f64| {
        if v >= 1000.0 && step >= 1000.0 {
            format!("{:.0} km", v / 1000.0)
        } else if v >= 1000.0 || step >= 100.0 {
            format!("{:.1} km", v / 1000.0)
        } else {
            format!("{v:.0} m")
        }
    };
    (show(round(m)), show(round(bound_m)))
}

/// The straight-line distance a leg of unknown length is allowed: the mean of the two
/// radii (the stops are, on average, about that far apart when both are somewhere within
/// them), or the computed distance where that is longer.
pub fn allowance_straight_m(straight_m: f64, radius_a_m: f64, radius_b_m: f64) -> f64 {
    let mean = 0.5 * (radius_a_m.max(0.0) + radius_b_m.max(0.0));
    let mean = if mean.is_finite() { mean } else { 0.0 };
    if straight_m.is_finite() {
        straight_m.max(mean)
    } else {
        mean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_one_placeholder_point_have_an_unknown_distance() {
        // The four Xiqiao stops: all at the 西樵镇 town point, ±5 km.
        let leg = Span::leg(0.0, 5_000.0, 5_000.0);
        assert_eq!(leg.certainty(), Certainty::Unknown);
        assert_eq!(leg.known_m, 0.0);
        assert_eq!(leg.text(false), "距离未知（各站位置为近似）");
        assert_eq!(
            leg.text(true),
            "distance unknown (stops placed approximately)"
        );
        // Three such legs: still unknown, never "0 m".
        let route = leg.plus(leg).plus(leg);
        assert_eq!(route.certainty(), Certainty::Unknown);
        assert!(!route.text(true).contains("0 m"));
        // A bound larger than the distance is unknown too.
        assert_eq!(
            Span::leg(4_000.0, 3_000.0, 3_000.0).certainty(),
            Certainty::Unknown
        );
    }

    #[test]
    fn route_one_is_about_51_km_give_or_take_11() {
        // 中共南三花工委 (±6 km) → 农讲所 (±100 m) → 西樵山 (±5 km).
        let a = Span::leg(13_837.0, 6_000.0, 100.0);
        let b = Span::leg(37_241.0, 100.0, 5_000.0);
        assert_eq!(a.certainty(), Certainty::Approximate);
        let route = a.plus(b);
        assert!((route.known_m - 51_078.0).abs() < 1.0);
        assert!((route.uncertainty_m - 11_200.0).abs() < 1e-6);
        assert_eq!(
            route.text(true),
            "≈ 51 km (± 11 km: stops placed approximately)"
        );
        assert_eq!(route.text(false), "≈ 51 km（± 11 km：各站位置为近似）");
        assert_eq!(a.text(true), "≈ 14 km (± 6 km: stops placed approximately)");
    }

    #[test]
    fn well_placed_stops_give_exact_distances() {
        // Two buildings (±50 m) 12.3 km apart; two streets (±300 m) 8 km apart.
        let buildings = Span::leg(12_345.0, 50.0, 50.0);
        assert_eq!(buildings.certainty(), Certainty::Exact);
        assert_eq!(buildings.text(true), "12.3 km");
        assert_eq!(Span::leg(850.0, 50.0, 50.0).text(false), "850 m");
        assert_eq!(
            Span::leg(8_000.0, 300.0, 300.0).certainty(),
            Certainty::Exact
        );
        // Two streets 2 km apart: ± 600 m is 30 %.
        let near = Span::leg(2_000.0, 300.0, 300.0);
        assert_eq!(near.certainty(), Certainty::Approximate);
        assert_eq!(
            near.text(true),
            "≈ 2.0 km (± 0.6 km: stops placed approximately)"
        );
        // One building, surveyed twice: the same point is 0 m, truly.
        assert_eq!(Span::leg(0.0, 20.0, 20.0).text(true), "0 m");
        assert_eq!(Span::drawn(51_078.0).text(true), "51.1 km");
    }

    #[test]
    fn a_sum_with_unknown_legs_is_at_least_its_known_part() {
        let known = Span::leg(12_345.0, 50.0, 50.0);
        let unknown = Span::leg(0.0, 5_000.0, 5_000.0);
        let sum = known.plus(unknown).plus(unknown);
        assert!(sum.is_partial());
        assert_eq!(
            sum.text(true),
            "at least 12.3 km, 2 legs unknown (stops placed approximately)"
        );
        assert_eq!(
            sum.text(false),
            "至少 12.3 km，另有 2 段距离未知（各站位置为近似）"
        );
        let approx = Span::leg(37_241.0, 100.0, 5_000.0).plus(unknown);
        assert_eq!(
            approx.text(true),
            "at least ≈ 37 km (± 5 km), 1 leg unknown (stops placed approximately)"
        );
        assert_eq!(
            approx.text(false),
            "至少 ≈ 37 km（± 5 km），另有 1 段距离未知（各站位置为近似）"
        );
    }

    #[test]
    fn bad_numbers_are_unknown_and_nothing_is_an_empty_sum() {
        assert_eq!(
            Span::leg(f64::NAN, 10.0, 10.0).certainty(),
            Certainty::Unknown
        );
        assert_eq!(
            Span::leg(1_000.0, f64::INFINITY, 10.0).certainty(),
            Certainty::Unknown
        );
        assert_eq!(Span::default().certainty(), Certainty::Exact);
        assert_eq!(Span::default().text(true), "0 m");
    }

    #[test]
    fn allowances_are_the_mean_radius_or_the_distance() {
        assert_eq!(allowance_straight_m(0.0, 5_000.0, 5_000.0), 5_000.0);
        assert_eq!(allowance_straight_m(3_000.0, 15_000.0, 3_000.0), 9_000.0);
        assert_eq!(allowance_straight_m(20_000.0, 15_000.0, 3_000.0), 20_000.0);
        assert_eq!(allowance_straight_m(f64::NAN, 1_000.0, 1_000.0), 1_000.0);
    }
}
