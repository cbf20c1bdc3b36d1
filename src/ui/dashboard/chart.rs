//! Activities by month as an SVG bar chart (layout from `domain::coverage::chart`): each
//! bar can be focused with the keyboard and shows its number on hover or focus; the same
//! numbers are in a table below for screen readers and for copying. The chart downloads
//! as SVG, the numbers as CSV.

use super::download::csv_button;
use super::figure;
use crate::domain::coverage::{
    bar_chart_keyed, by_month, group_digits, months_csv, range_key, MonthRow, Months, RangedRow,
    MARGIN_LEFT_PX, MARGIN_RIGHT_PX,
};
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::state::use_state;
use leptos::prelude::*;

const CHART_ID: &str = "dash-month-chart";
const HEIGHT_PX: f64 = 220.0;

/// Chart width: the phone layout's or the desktop's, so labels are laid out at the size
/// they are shown (the SVG scales only a little within either).
fn width_px() -> f64 {
    let w = window()
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1024.0);
    if w < 700.0 {
        (w - 40.0).clamp(260.0, 660.0)
    } else {
        640.0
    }
}

fn value(m: &MonthRow, running: bool) -> u64 {
    if running {
        m.running as u64
    } else {
        m.started.records as u64
    }
}

/// The ranged rows drawn after the months: all of them for "dated in the month" (their
/// records are in no month), only the non-recurring ones for "under way" (the recurring
/// ones are already counted in every month of their range).
fn ranged_shown(m: &Months, running: bool) -> Vec<RangedRow> {
    m.ranged
        .iter()
        .filter(|r| !(running && r.recurring))
        .copied()
        .collect()
}

/// A range bar's key under the chart: "A", "B"..., "*" for recurring ones.
fn ranged_key(i: usize, r: &RangedRow) -> String {
    format!("{}{}", range_key(i), if r.recurring { "*" } else { "" })
}

/// The range in words: "Recurring through 2021-02 – 2021-12".
fn ranged_words(r: &RangedRow, s: &crate::ui::i18n::dashboard::DashboardStrings) -> String {
    if r.recurring {
        (s.range_recurring)(&r.label())
    } else {
        (s.range_only)(&r.label())
    }
}

/// The keys of the range bars spelled out, one line each, as shown under the chart and
/// written into the exports.
fn key_lines(
    m: &Months,
    running: bool,
    s: &crate::ui::i18n::dashboard::DashboardStrings,
) -> Vec<String> {
    ranged_shown(m, running)
        .iter()
        .enumerate()
        .map(|(i, r)| (s.range_key_line)(&ranged_key(i, r), &ranged_words(r, s), r.figures.records))
        .collect()
}

fn svg(
    m: &Months,
    running: bool,
    title: String,
    s: &crate::ui::i18n::dashboard::DashboardStrings,
) -> impl IntoView {
    let rows = &m.rows;
    let ranged = ranged_shown(m, running);
    let n_months = rows.len();
    let items: Vec<(String, u64)> = rows
        .iter()
        .map(|m| (m.label(), value(m, running)))
        .chain(
            ranged
                .iter()
                .enumerate()
                .map(|(i, r)| (ranged_key(i, r), r.figures.records as u64)),
        )
        .collect();
    // What a bar says to a screen reader and on hover: the month, or the key and the range.
    let names: Vec<String> = rows
        .iter()
        .map(|m| m.label())
        .chain(
            ranged
                .iter()
                .enumerate()
                .map(|(i, r)| format!("{} {}", ranged_key(i, r), ranged_words(r, s))),
        )
        .collect();
    let width = width_px();
    let chart = bar_chart_keyed(&items, n_months, width, HEIGHT_PX);
    let right = width - MARGIN_RIGHT_PX;
    let base = chart.base_y_px;
    let ticks = chart.ticks.into_iter().map(|t| {
        let y = format!("{:.1}", t.y_px);
        view! {
            <line class="grid" x1=MARGIN_LEFT_PX.to_string() x2=right.to_string() y1=y.clone() y2=y.clone() />
            <text class="tick" x=(MARGIN_LEFT_PX - 6.0).to_string() y=format!("{:.1}", t.y_px + 4.0) text-anchor="end">
                {group_digits(t.value)}
            </text>
        }
    });
    let bars = chart.bars.into_iter().enumerate().map(|(i, b)| {
        let class = if i < n_months { "bar" } else { "bar ranged" };
        let cx = format!("{:.1}", b.x_px + b.w_px / 2.0);
        let label = format!("{}: {}", names[i], group_digits(b.value));
        let aria = label.clone();
        // Labels are laid out (domain) so that none overlaps another or the edges.
        let (axis_x, anchor) = (cx.clone(), "middle");
        view! {
            <g class=class tabindex="0" role="img" aria-label=aria>
                <title>{label}</title>
                <rect x=format!("{:.1}", b.x_px) y=format!("{:.1}", b.y_px) width=format!("{:.1}", b.w_px) height=format!("{:.1}", b.h_px.max(0.5)) />
                <text class="bar-value" x=cx y=format!("{:.1}", (b.y_px - 4.0).max(10.0)) text-anchor="middle">
                    {group_digits(b.value)}
                </text>
                {b.show_label.then(|| view! {
                    <text class="axis-label" x=axis_x.clone() y=format!("{:.1}", base + 16.0) text-anchor=anchor>{b.label.clone()}</text>
                })}
            </g>
        }
    });
    view! {
        <svg id=CHART_ID class="dash-chart" xmlns="http://www.w3.org/2000/svg" role="group"
            aria-label=title viewBox=format!("0 0 {width} {HEIGHT_PX}") width=width.to_string() height=HEIGHT_PX.to_string()>
            {ticks.collect_view()}
            <line class="axis" x1=MARGIN_LEFT_PX.to_string() x2=right.to_string() y1=base.to_string() y2=base.to_string() />
            {bars.collect_view()}
        </svg>
    }
}

fn table(
    m: &Months,
    lang_table: &'static str,
    s: &crate::ui::i18n::dashboard::DashboardStrings,
) -> impl IntoView {
    let body = m
        .rows
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.label()}</th>
                    <td class="num">{group_digits(m.started.records as u64)}</td>
                    <td class="num">{group_digits(m.running as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    let ranged = m
        .ranged
        .iter()
        .map(|r| {
            let label = if r.recurring {
                (s.range_recurring)(&r.label())
            } else {
                (s.range_only)(&r.label())
            };
            let running = if r.recurring {
                s.range_running_each_month.to_owned()
            } else {
                "—".to_owned()
            };
            view! {
                <tr class="ranged">
                    <th scope="row">{label}</th>
                    <td class="num">{group_digits(r.figures.records as u64)}</td>
                    <td class="num">{running}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="dash-details">
            <summary>{lang_table}</summary>
            <table class="dash-table">
                <thead><tr>
                    <th scope="col">{s.month}</th>
                    <th scope="col" class="num">{s.started}</th>
                    <th scope="col" class="num">{s.running}</th>
                </tr></thead>
                <tbody>{body}{ranged}</tbody>
            </table>
        </details>
    }
}

#[component]
pub fn MonthChart() -> impl IntoView {
    let state = use_state();
    let months = figure(by_month);
    let running = RwSignal::new(false);
    let t = move || dashboard(state.lang.get());
    let csv = move || months.get_untracked().map(|m| months_csv(&m));
    let dash = expect_context::<super::Dash>();
    // The exported chart's title, scope, data dates, legend and source, as on screen.
    let caption = move || {
        let s = dashboard(state.lang.get_untracked());
        let m = months.get_untracked().unwrap_or_default();
        let which = if running.get_untracked() {
            s.running
        } else {
            s.started
        };
        let scope = document()
            .query_selector(".dash-scope")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        let span = match (m.rows.first(), m.rows.last()) {
            (Some(a), Some(b)) => format!("{} – {}", a.label(), b.label()),
            _ => "—".to_owned(),
        };
        let today = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let title = dash
            .ready
            .get_untracked()
            .map(|r| match state.lang.get_untracked() {
                crate::ui::i18n::Lang::En if !r.loaded.title_en.is_empty() => {
                    r.loaded.title_en.clone()
                }
                _ => r.loaded.title.clone(),
            });
        let in_months: usize = m.rows.iter().map(|r| r.started.records).sum();
        super::chart_export::Caption {
            title: format!("{} ({which})", s.months_title),
            scope: (s.export_scope)(&scope),
            data: (s.export_data)(&span, m.records(), today.get(..10).unwrap_or("")),
            source: (s.export_source)(&title.unwrap_or_default()),
            legend: (!m.ranged.is_empty())
                .then(|| (s.ranged_legend)(in_months, m.records() - in_months, m.records())),
            keys: key_lines(&m, running.get_untracked(), s),
        }
    };
    let save_svg = move |_| {
        super::chart_export::save_svg(CHART_ID, &caption(), "redmap-activities-by-month.svg")
    };
    let save_png = move |_| {
        super::chart_export::save_svg_as_png(CHART_ID, &caption(), "redmap-activities-by-month.png")
    };
    let body = move || {
        let m = months.get()?;
        let s = t();
        if m.is_empty() {
            return Some(view! { <p class="hint">{s.no_activities}</p> }.into_any());
        }
        let which = if running.get() { s.running } else { s.started };
        let title = format!("{} ({which})", s.months_title);
        let in_months: usize = m.rows.iter().map(|r| r.started.records).sum();
        let in_ranges = m.records() - in_months;
        let legend = (!m.ranged.is_empty()).then(|| {
            view! { <p class="hint dash-ranged-legend"><span class="swatch ranged" aria-hidden="true"></span>{(s.ranged_legend)(in_months, in_ranges, m.records())}</p> }
        });
        let keys = key_lines(&m, running.get(), s);
        let keys = (!keys.is_empty()).then(|| {
            view! {
                <ul class="dash-range-keys">
                    {keys.into_iter().map(|k| view! { <li>{k}</li> }).collect_view()}
                </ul>
            }
        });
        Some(
            view! { {svg(&m, running.get(), title, s)} {legend} {keys} {table(&m, s.chart_table, s)} }
                .into_any(),
        )
    };
    view! {
        <section class="dash-section" aria-labelledby="dash-months">
            <div class="dash-section-head">
                <h3 id="dash-months">{move || t().months_title}</h3>
                {csv_button(move || dashboard(state.lang.get()).download_csv, "redmap-activities-by-month.csv", csv)}
                <button class="dash-button download" on:click=save_svg>{move || t().download_svg}</button>
                <button class="dash-button download" on:click=save_png>{move || t().download_png}</button>
            </div>
            <p class="hint">{move || t().months_intro}</p>
            <div class="dash-toggle" role="radiogroup" aria-label=move || t().months_title>
                <label><input type="radio" name="dash-month-mode" prop:checked=move || !running.get()
                    on:change=move |_| running.set(false) />{move || t().started}</label>
                <label><input type="radio" name="dash-month-mode" prop:checked=move || running.get()
                    on:change=move |_| running.set(true) />{move || t().running}</label>
            </div>
            {body}
        </section>
    }
}
