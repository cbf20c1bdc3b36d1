//! Opening hours in the OpenStreetMap style, the common subset only: "24/7",
//! "Tu-Su 09:00-17:00", "Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00", "Mo off",
//! wrapping day ranges ("Fr-Mo"), times past midnight ("18:00-02:00") and "24:00".
//! Later rules override earlier ones for the days they name, as in OSM.
//!
//! Anything else (public holidays, months, sunrise, comments, typos) makes the whole value
//! "hours unknown": the planner then never warns, because a false "closed" warning would
//! send a class away from an open museum. Pure; depends on nothing but `clock`.

use super::clock::{parse_hhmm_with, MIN_PER_DAY};

const WEEK_MIN: i64 = 7 * MIN_PER_DAY as i64;
const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// Open intervals per weekday (0 = Monday), minutes from that day's midnight; an end past
/// 1440 means open past midnight into the next day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    days: [Vec<(u32, u32)>; 7],
}

/// How a visit fits the site's opening hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursCheck {
    /// The whole visit is within opening hours.
    Open,
    /// The site is closed all that day.
    ClosedThatDay,
    /// Open that day, but not for the whole visit (arrives early or leaves after closing).
    Outside,
    /// No hours in the data, hours in a form we do not read, or (without a date) open on
    /// some weekdays only: no warning.
    Unknown,
}

impl OpeningHours {
    /// Parses the supported subset; `None` for anything else (never a guess).
    pub fn parse(text: &str) -> Option<OpeningHours> {
        let text = text.trim();
        if text == "24/7" {
            return Some(OpeningHours {
                days: std::array::from_fn(|_| vec![(0, MIN_PER_DAY)]),
            });
        }
        let mut days: [Vec<(u32, u32)>; 7] = Default::default();
        let mut any_rule = false;
        for rule in text.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            let (selected, times) = parse_rule(rule)?;
            for d in selected {
                days[d].clone_from(&times);
            }
            any_rule = true;
        }
        any_rule.then_some(OpeningHours { days })
    }

    /// Whether a visit from `from_min` to `to_min` (minutes since the trip day's midnight,
    /// possibly past 1440) fits, on a trip day of weekday `weekday` (0 = Monday). Without a
    /// weekday, warns only if the visit fits on no day of the week.
    pub fn check(&self, weekday: Option<u8>, from_min: u32, to_min: u32) -> HoursCheck {
        let Some(w) = weekday else {
            let all: Vec<HoursCheck> = (0..7)
                .map(|w| self.check(Some(w), from_min, to_min))
                .collect();
            return match (
                all.contains(&HoursCheck::Open),
                all.iter().all(|c| *c == all[0]),
            ) {
                (false, true) => all[0],
                (false, false) => HoursCheck::Outside,
                (true, true) => HoursCheck::Open,
                (true, false) => HoursCheck::Unknown,
            };
        };
        let start =
            (i64::from(w % 7) * i64::from(MIN_PER_DAY) + i64::from(from_min)).rem_euclid(WEEK_MIN);
        let end = start + i64::from(to_min.saturating_sub(from_min));
        let intervals = self.week_intervals();
        let fits = intervals.iter().any(|&(s, e)| {
            [-WEEK_MIN, 0, WEEK_MIN]
                .iter()
                .any(|shift| s + shift <= start && end <= e + shift)
        });
        if fits {
            return HoursCheck::Open;
        }
        let day = (start / i64::from(MIN_PER_DAY)) as usize;
        if self.days[day % 7].is_empty() {
            HoursCheck::ClosedThatDay
        } else {
            HoursCheck::Outside
        }
    }

    /// Every open interval of the week in minutes from Monday 00:00, touching intervals
    /// merged (so 24/7 is one long opening and a visit across midnight fits), the last one
    /// running on past Sunday midnight into Monday's first opening when they touch.
    fn week_intervals(&self) -> Vec<(i64, i64)> {
        let mut all = Vec::new();
        for (d, ranges) in self.days.iter().enumerate() {
            let base = d as i64 * i64::from(MIN_PER_DAY);
            all.extend(
                ranges
                    .iter()
                    .map(|&(s, e)| (base + i64::from(s), base + i64::from(e))),
            );
        }
        all.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (s, e) in all {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        if let Some(&(0, first_e)) = merged.first() {
            if let Some(last) = merged.last_mut().filter(|l| l.1 >= WEEK_MIN) {
                last.1 = last.1.max(WEEK_MIN + first_e);
            }
        }
        merged
    }
}

/// Checks a site's hours text (if any) for a visit; unknown formats give `Unknown`.
pub fn check_hours(
    text: Option<&str>,
    weekday: Option<u8>,
    from_min: u32,
    to_min: u32,
) -> HoursCheck {
    match text.and_then(OpeningHours::parse) {
        Some(hours) => hours.check(weekday, from_min, to_min),
        None => HoursCheck::Unknown,
    }
}

/// The weekdays a rule selects and their open intervals (empty: closed).
type Rule = (Vec<usize>, Vec<(u32, u32)>);

/// One rule: an optional weekday selector, then "off"/"closed" or time ranges.
fn parse_rule(rule: &str) -> Option<Rule> {
    let (first, rest) = rule.split_once(char::is_whitespace).unwrap_or((rule, ""));
    let (selected, times) = match parse_days(first) {
        Some(days) => (days, rest.trim()),
        None => ((0..7).collect(), rule),
    };
    if times.is_empty() {
        return None; // "Mo-Fr" alone: OSM reads it as all day, which no source here means
    }
    if times.eq_ignore_ascii_case("off") || times.eq_ignore_ascii_case("closed") {
        return Some((selected, Vec::new()));
    }
    let ranges: Option<Vec<(u32, u32)>> = times
        .split(',')
        .map(|r| r.split_whitespace().collect::<String>())
        .map(|r| parse_range(&r))
        .collect();
    Some((selected, ranges?))
}

/// "Mo-Fr", "Tu-Su", "Mo,We,Fr", "Mo-We,Sa", wrapping "Fr-Mo".
fn parse_days(text: &str) -> Option<Vec<usize>> {
    let day = |s: &str| DAYS.iter().position(|d| *d == s);
    let mut out = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                let len = (b + 7 - a) % 7;
                out.extend((0..=len).map(|k| (a + k) % 7));
            }
            None => out.push(day(part)?),
        }
    }
    Some(out)
}

/// "09:00-17:00"; an end at or before the start runs past midnight; equal ends are refused.
fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once('-')?;
    let (start, end) = (parse_hhmm_with(a, false)?, parse_hhmm_with(b, true)?);
    match end.cmp(&start) {
        std::cmp::Ordering::Greater => Some((start, end)),
        std::cmp::Ordering::Less => Some((start, end + MIN_PER_DAY)),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HoursCheck::*;

    const MO: Option<u8> = Some(0);
    const SA: Option<u8> = Some(5);
    const SU: Option<u8> = Some(6);

    fn hours(text: &str) -> OpeningHours {
        OpeningHours::parse(text).expect("test hours parse")
    }

    #[test]
    fn museum_closed_on_mondays() {
        let h = hours("Tu-Su 09:00-17:00");
        assert_eq!(h.check(Some(1), 9 * 60, 10 * 60), Open);
        assert_eq!(h.check(MO, 9 * 60, 10 * 60), ClosedThatDay);
        assert_eq!(
            h.check(SU, 8 * 60 + 30, 10 * 60),
            Outside,
            "arrives before opening"
        );
        assert_eq!(
            h.check(SU, 16 * 60 + 30, 17 * 60 + 30),
            Outside,
            "leaves after closing"
        );
        assert_eq!(
            h.check(SU, 16 * 60, 17 * 60),
            Open,
            "leaving at closing time is fine"
        );
    }

    #[test]
    fn split_days_and_later_rules_override() {
        let h = hours("Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00; Fr off");
        assert_eq!(h.check(MO, 9 * 60, 11 * 60), Open);
        assert_eq!(
            h.check(MO, 11 * 60, 15 * 60),
            Outside,
            "spans the lunch break"
        );
        assert_eq!(h.check(MO, 14 * 60 + 30, 15 * 60), Open);
        assert_eq!(h.check(SA, 9 * 60, 12 * 60), Open);
        assert_eq!(h.check(Some(4), 9 * 60, 10 * 60), ClosedThatDay);
        assert_eq!(h.check(SU, 9 * 60, 10 * 60), ClosedThatDay);
        assert_eq!(
            hours("Mo-Fr 08:30-12:00, 14:00-17:30"),
            hours("Mo-Fr 08:30-12:00,14:00-17:30")
        );
    }

    #[test]
    fn always_open_and_open_past_midnight() {
        assert_eq!(hours("24/7").check(SU, 23 * 60, 1440 + 60), Open);
        let bar = hours("Fr-Sa 18:00-02:00");
        // Saturday 01:00 is inside Friday's evening, seen from a trip starting on Friday.
        assert_eq!(bar.check(Some(4), 1440 + 30, 1440 + 90), Open);
        assert_eq!(
            bar.check(Some(5), 30, 90),
            Open,
            "Sat 00:30 is Friday night's opening"
        );
        assert_eq!(bar.check(Some(6), 23 * 60, 23 * 60 + 30), ClosedThatDay);
        // Sunday night into Monday wraps the week.
        assert_eq!(hours("Su 20:00-01:00").check(MO, 30, 45), Open);
        assert_eq!(hours("Mo-Su 00:00-24:00").check(SA, 0, 1440), Open);
    }

    #[test]
    fn a_visit_across_midnight_uses_the_next_days_hours() {
        let h = hours("Mo 09:00-17:00; Tu 00:00-24:00");
        // Trip on Monday, visit at 00:30-01:00 on Tuesday.
        assert_eq!(h.check(MO, 1440 + 30, 1440 + 60), Open);
        assert_eq!(
            h.check(Some(6), 1440 + 9 * 60, 1440 + 10 * 60),
            Open,
            "Sunday trip, Monday visit"
        );
    }

    #[test]
    fn unknown_formats_never_warn() {
        for text in [
            "",
            "PH off",
            "Jan-Mar 09:00-17:00",
            "Mo-Fr",
            "sunrise-sunset",
            "9am-5pm",
            "Mo-Fr 09:00-17:00 \"by appointment\"",
            "Mo-Fx 09:00-17:00",
            "Mo 09:00-09:00",
            "周二至周日 9:00-17:00",
        ] {
            assert!(OpeningHours::parse(text).is_none(), "{text}");
            assert_eq!(check_hours(Some(text), MO, 0, 10), Unknown, "{text}");
        }
        assert_eq!(check_hours(None, MO, 0, 10), Unknown);
    }

    #[test]
    fn without_a_date_warns_only_when_no_day_fits() {
        let h = hours("Tu-Su 09:00-17:00");
        assert_eq!(
            h.check(None, 10 * 60, 11 * 60),
            Unknown,
            "open Tu-Su, closed Mo"
        );
        assert_eq!(h.check(None, 18 * 60, 19 * 60), Outside);
        assert_eq!(hours("24/7").check(None, 0, 60), Open);
    }
}
