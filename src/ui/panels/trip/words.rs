//! The planner's words for legs, totals and warnings, shared by the trip panel and the
//! handout so that both (and the exported files, through `Span::text`) say the same: a
//! distance as certain as the stops' positions are, and a leg of unknown length with its
//! time allowance called an allowance.

use crate::domain::trip::{
    exact_text, format_hhmm, Certainty, Leg, Mode, Schedule, Span, Warning, MIN_PER_DAY,
};
use crate::ui::i18n::trip::{duration, trip as strings};
use crate::ui::i18n::Lang;

/// A distance along stops, e.g. "≈ 51 km (± 11 km: stops placed approximately)".
pub fn span_text(lang: Lang, span: &Span) -> String {
    span.text(lang == Lang::En)
}

/// The label of a trip's distance: it is the straight line along the stops.
pub fn distance_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "直线距离",
        Lang::En => "Straight-line distance",
    }
}

/// A leg's time: the estimate ("≈" where the leg's length is approximate, as its distance
/// is), or the allowance where the length is unknown.
pub fn leg_time(lang: Lang, leg: &Leg) -> String {
    let d = duration(lang, leg.minutes);
    match (leg.span.certainty(), lang) {
        (Certainty::Exact, _) => d,
        (Certainty::Approximate, _) => format!("≈ {d}"),
        (Certainty::Unknown, Lang::Zh) => format!("预留 {d}"),
        (Certainty::Unknown, Lang::En) => format!("{d} allowed"),
    }
}

/// A clock time of the schedule, "≈ 10:28" when it rests on an approximate or unknown leg.
pub fn clock(min: u32, approximate: bool) -> String {
    if approximate {
        format!("≈ {}", format_hhmm(min))
    } else {
        format_hhmm(min)
    }
}

/// A time past midnight in words: "≈ 01:46 the next day" / "次日 ≈ 01:46" (the "+1" of the
/// schedule's clock is easy to miss in a warning).
fn next_day(lang: Lang, min: u32, approximate: bool) -> String {
    let (day, time) = (min / MIN_PER_DAY, clock(min % MIN_PER_DAY, approximate));
    match (lang, day) {
        (_, 0) => time,
        (Lang::En, 1) => format!("{time} the next day"),
        (Lang::En, n) => format!("{time}, {n} days later"),
        (Lang::Zh, 1) => format!("次日 {time}"),
        (Lang::Zh, n) => format!("{n} 天后 {time}"),
    }
}

/// When the day ends, with "≈" where it rests on approximate legs.
pub fn day_end(sc: &Schedule) -> String {
    clock(sc.finish_min, sc.finish_approximate())
}

/// The line above a stop: "↓ ≈ 14 km (± 6 km: …) · 28 min (from the previous stop)".
pub fn leg_line(lang: Lang, leg: &Leg) -> String {
    format!(
        "↓ {} · {} ({})",
        span_text(lang, &leg.span),
        leg_time(lang, leg),
        strings(lang).leg_from_previous
    )
}

/// The trip's travel time, saying how much of it is allowances.
pub fn travel_total(lang: Lang, sc: &Schedule) -> String {
    let total = duration(lang, sc.travel_min);
    let total = if sc.span.certainty() == Certainty::Approximate {
        format!("≈ {total}")
    } else {
        total
    };
    if sc.allowance_min == 0 {
        return total;
    }
    let allowed = duration(lang, sc.allowance_min);
    match lang {
        Lang::Zh => format!("{total}（含距离未知路段的预留时间 {allowed}）"),
        Lang::En => format!("{total} (incl. {allowed} allowed for legs of unknown distance)"),
    }
}

/// "to walk" / "步行": what a leg is too far for.
fn too_far_for(mode: Mode, lang: Lang) -> &'static str {
    match (mode, lang) {
        (Mode::Walk, Lang::En) => "to walk",
        (Mode::Bike, Lang::En) => "to cycle",
        (_, Lang::En) => "for this mode",
        (Mode::Walk, Lang::Zh) => "步行",
        (Mode::Bike, Lang::Zh) => "骑行",
        (_, Lang::Zh) => "此出行方式",
    }
}

/// A warning in words (times with "≈" as `sc` has them); "not in data" is shown on its row
/// instead.
pub fn warning_text(w: Warning, sc: &Schedule, lang: Lang) -> Option<String> {
    let s = strings(lang);
    let at = |stop: usize, what: &str| match lang {
        Lang::En => format!("Stop {}: {what}", stop + 1),
        Lang::Zh => format!("第 {} 站：{what}", stop + 1),
    };
    Some(match w {
        Warning::OutsideHours { stop } => at(stop, s.hours_outside),
        Warning::ClosedThatDay { stop } => at(stop, s.hours_closed_day),
        Warning::PastEnd {
            stop,
            finish_min,
            end_min,
        } => match lang {
            Lang::En => format!(
                "The day runs past {} (from stop {}; it ends {}).",
                format_hhmm(end_min),
                stop + 1,
                clock(finish_min, sc.finish_approximate())
            ),
            Lang::Zh => format!(
                "行程超过 {}（自第 {} 站起；{} 结束）。",
                format_hhmm(end_min),
                stop + 1,
                clock(finish_min, sc.finish_approximate())
            ),
        },
        // The leg's straight-line distance in the leg's own words ("≈ 14 km (± 6 km: …)"),
        // never a precise road figure computed from approximate positions.
        Warning::LongLeg {
            stop,
            span,
            mode,
            surely,
        } => {
            let d = span_text(lang, &span);
            let what = too_far_for(mode, lang);
            match (lang, surely) {
                (Lang::En, true) => format!(
                    "Stop {}: {d} in a straight line from the stop before, too far {what}: choose Bus / coach or Car as the travel mode.",
                    stop + 1
                ),
                (Lang::En, false) => format!(
                    "Stop {}: {d} in a straight line from the stop before, maybe too far {what}: check where the stops are, or choose Bus / coach or Car.",
                    stop + 1
                ),
                (Lang::Zh, true) => format!(
                    "第 {} 站：距上一站直线 {d}，{what}太远，请将出行方式改为公交/大巴或自驾。",
                    stop + 1
                ),
                (Lang::Zh, false) => format!(
                    "第 {} 站：距上一站直线 {d}，{what}可能太远：请核实各站位置，或改为公交/大巴或自驾。",
                    stop + 1
                ),
            }
        }
        Warning::PastMidnight { finish_min, faster } => {
            let end = next_day(lang, finish_min, sc.finish_approximate());
            match (lang, faster) {
                (Lang::En, Some((mode, by))) => format!(
                    "The day runs past midnight (it ends at {end}): choose {} as the travel mode (the day would end {}), or remove stops.",
                    mode.label_en(),
                    clock(by, sc.finish_approximate())
                ),
                (Lang::En, None) => format!(
                    "The day runs past midnight (it ends at {end}): remove stops, shorten the visits or start earlier."
                ),
                (Lang::Zh, Some((mode, by))) => format!(
                    "行程超过午夜（{end} 结束）：请将出行方式改为{}（将于 {} 结束），或减少站点。",
                    mode.label_zh(),
                    clock(by, sc.finish_approximate())
                ),
                (Lang::Zh, None) => format!(
                    "行程超过午夜（{end} 结束）：请减少站点、缩短参观时间或提早出发。"
                ),
            }
        }
        Warning::ApproximateStops {
            count,
            max_radius_m,
        } => {
            let r = exact_text(max_radius_m);
            match (lang, count) {
                (Lang::En, 1) => format!(
                    "1 stop is placed approximately (up to ± {r}, e.g. at its town's centre): check where it is before the trip."
                ),
                (Lang::En, n) => format!(
                    "{n} stops are placed approximately (up to ± {r}, e.g. at their town's centre): check where they are before the trip."
                ),
                (Lang::Zh, n) => format!(
                    "有 {n} 站的位置为近似（误差最大 ± {r}，如标在所在镇的中心）：出发前请核实具体地点。"
                ),
            }
        }
        Warning::UnknownLegs {
            count,
            allowance_min,
        } => {
            let d = duration(lang, allowance_min);
            match (lang, count) {
                (Lang::En, 1) => format!(
                    "1 leg has no known distance (stops placed approximately): the schedule allows {d} for it, an allowance, not an estimate."
                ),
                (Lang::En, n) => format!(
                    "{n} legs have no known distance (stops placed approximately): the schedule allows {d} for them, an allowance, not an estimate."
                ),
                (Lang::Zh, n) => format!(
                    "有 {n} 段路程距离未知（各站位置为近似）：日程为其预留了 {d}，这是预留时间，不是估算。"
                ),
            }
        }
        Warning::NotInData { .. } => return None,
    })
}

/// Every warning of the schedule in words, in order.
pub fn warnings(sc: &Schedule, lang: Lang) -> Vec<String> {
    sc.warnings
        .iter()
        .filter_map(|w| warning_text(*w, sc, lang))
        .collect()
}
