//! The planner's words for legs, totals and warnings, shared by the trip panel and the
//! handout so that both (and the exported files, through `Span::text`) say the same: a
//! distance as certain as the stops' positions are, and a leg of unknown length with its
//! time allowance called an allowance.

use crate::domain::trip::{exact_text, format_hhmm, Leg, Schedule, Span, Warning};
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

/// A leg's time: the estimate, or the allowance where the length is unknown.
pub fn leg_time(lang: Lang, leg: &Leg) -> String {
    let d = duration(lang, leg.minutes);
    match (leg.is_allowance(), lang) {
        (false, _) => d,
        (true, Lang::Zh) => format!("预留 {d}"),
        (true, Lang::En) => format!("{d} allowed"),
    }
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
    if sc.allowance_min == 0 {
        return total;
    }
    let allowed = duration(lang, sc.allowance_min);
    match lang {
        Lang::Zh => format!("{total}（含距离未知路段的预留时间 {allowed}）"),
        Lang::En => format!("{total} (incl. {allowed} allowed for legs of unknown distance)"),
    }
}

/// A warning in words; "not in data" is shown on its row instead.
pub fn warning_text(w: Warning, lang: Lang) -> Option<String> {
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
                format_hhmm(finish_min)
            ),
            Lang::Zh => format!(
                "行程超过 {}（自第 {} 站起；{} 结束）。",
                format_hhmm(end_min),
                stop + 1,
                format_hhmm(finish_min)
            ),
        },
        Warning::LongLeg { stop, distance_m } => match lang {
            Lang::En => format!(
                "Stop {}: about {} to travel from the stop before (estimate), too far for this mode; choose coach or car.",
                stop + 1,
                exact_text(distance_m)
            ),
            Lang::Zh => format!(
                "第 {} 站：距上一站路程约 {}（估算），此出行方式难以到达，请改为大巴或自驾。",
                stop + 1,
                exact_text(distance_m)
            ),
        },
        Warning::PastMidnight { finish_min } => match lang {
            Lang::En => format!(
                "The day runs past midnight (it ends {}): fewer stops or another mode?",
                format_hhmm(finish_min)
            ),
            Lang::Zh => format!(
                "行程超过午夜（{} 结束），请减少站点或更换出行方式。",
                format_hhmm(finish_min)
            ),
        },
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
        .filter_map(|w| warning_text(*w, lang))
        .collect()
}
