//! The headline numbers as large cards. A sum that some records give no figure for is
//! shown as "≥ N" with the count of those records: never as if it were complete.

use super::download::csv_button;
use super::figure;
use crate::domain::coverage::{group_digits, totals, totals_csv};
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::state::use_state;
use leptos::prelude::*;

fn card(label: &'static str, value: String, notes: Vec<String>) -> impl IntoView {
    view! {
        <div class="dash-card">
            <div class="dash-value">{value}</div>
            <div class="dash-label">{label}</div>
            {notes.into_iter().map(|n| view! { <div class="dash-note">{n}</div> }).collect_view()}
        </div>
    }
}

/// "≥ 524,000" when some records give no figure.
fn at_least(sum: u64, missing: usize) -> String {
    match missing {
        0 => group_digits(sum),
        _ => format!("≥ {}", group_digits(sum)),
    }
}

#[component]
pub fn Headline() -> impl IntoView {
    let state = use_state();
    let figures = figure(totals);
    let csv = move || figures.get_untracked().map(|t| totals_csv(&t));
    let body = move || {
        let t = figures.get()?;
        let s = dashboard(state.lang.get());
        let a = t.activities;
        let missing = |n: usize| {
            if n > 0 {
                vec![(s.without_figure)(n)]
            } else {
                vec![]
            }
        };
        let mut participant_notes = missing(a.participants_missing);
        if a.participants_qualified > 0 {
            participant_notes.push((s.approximate)(a.participants_qualified));
        }
        Some(view! {
            <div class="dash-cards">
                {card(s.sites, group_digits(t.sites as u64), vec![])}
                {card(s.routes, group_digits(t.routes as u64), vec![])}
                {card(s.teaching_points, group_digits(t.teaching_points as u64), vec![])}
                {card(s.activities, group_digits(a.records as u64), vec![])}
                {card(s.sessions, at_least(a.sessions, a.sessions_missing), missing(a.sessions_missing))}
                {card(s.participants, at_least(a.participants, a.participants_missing), participant_notes)}
            </div>
        })
    };
    view! {
        <section class="dash-section" aria-labelledby="dash-headline">
            <div class="dash-section-head">
                <h3 id="dash-headline">{move || dashboard(state.lang.get()).headline}</h3>
                {csv_button(move || dashboard(state.lang.get()).download_csv, "redmap-totals.csv", csv)}
            </div>
            {body}
        </section>
    }
}
