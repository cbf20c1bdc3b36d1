//! The time slider over the activities' months (earliest to latest record): two range
//! inputs (from, to), a play button that steps one month at a time, and "all dates".
//! Without a chosen range the filter has no date condition at all.

use crate::domain::filter::{activity_months, Month};
use crate::ui::discover::use_discover;
use crate::ui::i18n::discover::discover;
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::time::Duration;

/// How long each month shows while playing.
const STEP: Duration = Duration::from_millis(1200);

#[component]
pub fn TimeSlider() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let months = Memo::new(move |_| {
        state.data.with(|data| {
            data.as_ref()
                .map(|l| activity_months(&l.dataset))
                .unwrap_or_default()
        })
    });
    let last = move || months.with(|m| m.len().saturating_sub(1));
    // The slider positions: the chosen range's months, else the whole extent.
    let position = move || {
        let range = d.filter.with(|f| f.date_range);
        months.with(|m| match range {
            Some((a, b)) => (
                m.iter().position(|x| *x >= Month::of(a)).unwrap_or(0),
                m.iter()
                    .rposition(|x| *x <= Month::of(b))
                    .unwrap_or(m.len().saturating_sub(1)),
            ),
            None => (0, m.len().saturating_sub(1)),
        })
    };
    let set_range = move |from: usize, to: usize| {
        let (from, to) = (from.min(to), from.max(to));
        let range = months.with(|m| Some((m.get(from)?.first_day(), m.get(to)?.last_day())));
        d.filter.update(|f| f.date_range = range);
    };
    let handle = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(h) = handle.get_value() {
            h.clear();
        }
        handle.set_value(None);
    };
    Effect::new(move || {
        let playing = d.playing.get();
        untrack(move || {
            stop();
            if !playing {
                return;
            }
            // Start at the first month, or go on from a single month being shown.
            let (a, b) = position();
            let next = std::rc::Rc::new(std::cell::Cell::new(if a == b && b < last() {
                a + 1
            } else {
                0
            }));
            set_range(next.get(), next.get());
            let tick = move || {
                next.set(next.get() + 1);
                if next.get() > last() {
                    d.playing.set(false);
                } else {
                    set_range(next.get(), next.get());
                }
            };
            handle.set_value(set_interval_with_handle(tick, STEP).ok());
        });
    });
    on_cleanup(stop);
    let t = move || discover(state.lang.get());
    let month_text =
        move |i: usize| months.with(|m| m.get(i).map(Month::to_string).unwrap_or_default());
    let slider = move |id: &'static str, from: bool| {
        let value = move || if from { position().0 } else { position().1 };
        view! {
            <input type="range" id=id min="0" max=move || last().to_string() step="1"
                prop:value=move || value().to_string()
                aria-valuetext=move || month_text(value())
                on:input=move |ev| {
                    d.playing.set(false);
                    let v: usize = event_target_value(&ev).parse().unwrap_or(0);
                    let (a, b) = position();
                    if from { set_range(v, b) } else { set_range(a, v) }
                } />
        }
    };
    move || {
        if state.later_loading.get() {
            let text = crate::ui::i18n::later::later(state.lang.get()).activities;
            return view! { <p class="hint" role="status">{text}</p> }.into_any();
        }
        if months.with(Vec::is_empty) {
            return view! { <p class="hint">{t().no_dated_activities}</p> }.into_any();
        }
        view! {
            <fieldset class="time-filter">
                <legend>{move || t().time}</legend>
                <div class="time-range" aria-live="polite">
                    {move || match d.filter.with(|f| f.date_range.is_some()) {
                        true => format!("{} – {}", month_text(position().0), month_text(position().1)),
                        false => format!("{} ({} – {})", t().all_time, month_text(0), month_text(last())),
                    }}
                </div>
                <label for="time-from">{move || t().from_month}</label>
                {slider("time-from", true)}
                <label for="time-to">{move || t().to_month}</label>
                {slider("time-to", false)}
                <div class="time-buttons">
                    <button class="text-button" aria-pressed=move || d.playing.get().to_string()
                        on:click=move |_| d.playing.update(|p| *p = !*p)>
                        {move || if d.playing.get() { format!("⏸ {}", t().pause) } else { format!("▶ {}", t().play) }}
                    </button>
                    <button class="text-button" disabled=move || d.filter.with(|f| f.date_range.is_none())
                        on:click=move |_| { d.playing.set(false); d.filter.update(|f| f.date_range = None) }>
                        {move || t().all_time}
                    </button>
                </div>
            </fieldset>
        }.into_any()
    }
}
