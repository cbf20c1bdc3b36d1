//! Reported vs mapped: one row per total a source reports, with the mapped counterpart,
//! the difference and how complete the map is; "not comparable" with the reason where the
//! data has no counterpart. The completeness bar repeats the percentage printed beside it
//! (colour is never the only signal).

use super::download::csv_button;
use super::figure;
use crate::domain::coverage::{
    group_digits, group_signed, percent, reported_csv, reported_vs_mapped, Mapped, ReportedRow,
};
use crate::domain::model::Qualifier;
use crate::ui::i18n::dashboard::{basis_text, dashboard, not_comparable_text};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

/// "5,598+" / "≈400" / "290".
fn reported_label(r: &ReportedRow) -> String {
    let n = group_digits(r.reported);
    match r.qualifier {
        None => n,
        Some(Qualifier::Over) => format!("{n}+"),
        Some(Qualifier::About) => format!("≈{n}"),
    }
}

fn row_view(r: ReportedRow, lang: Lang) -> impl IntoView {
    let s = dashboard(lang);
    let region = match lang {
        Lang::En if !r.region_name_en.is_empty() => r.region_name_en.clone(),
        _ => r.region_name.clone(),
    };
    let measure = match lang {
        Lang::Zh => r.measure.label_zh(),
        Lang::En => r.measure.label_en(),
    };
    let (mapped, counted) = match r.mapped {
        Mapped::Count { value, basis } => (group_digits(value), basis_text(lang, basis)),
        Mapped::NotComparable(why) => (s.not_comparable.to_owned(), not_comparable_text(lang, why)),
    };
    let difference = r.difference().map_or("—".to_owned(), group_signed);
    let done = r.completeness().map(|c| {
        // `style:` sets the property through CSSOM, which the CSP (style-src 'self') allows;
        // a `style="..."` attribute would be blocked.
        let width = format!("{:.1}%", (c * 100.0).clamp(0.0, 100.0));
        view! {
            <span class="dash-pct">{percent(c)}</span>
            <span class="dash-meter" aria-hidden="true"><span style:width=width></span></span>
        }
    });
    let mut notes: Vec<String> = r.note.iter().cloned().collect();
    if r.same_measure > 1 {
        notes.push((s.same_measure)(r.same_measure));
    }
    let source = format!("{}: {}", r.source.doc, r.source.says);
    view! {
        <tr>
            <th scope="row">{region}</th>
            <td class="dash-measure">{measure}</td>
            <td class="num" data-label=s.reported>{reported_label(&r)}</td>
            <td class="num" data-label=s.mapped>{mapped}</td>
            <td class="num" data-label=s.difference>{difference}</td>
            <td class="num" data-label=s.completeness>{done.map_or_else(|| "—".into_any(), IntoAny::into_any)}</td>
            <td class="dash-counted">
                {counted}
                {notes.into_iter().map(|n| view! { <div class="dash-note">{n}</div> }).collect_view()}
                <div class="dash-note dash-source">{source}</div>
            </td>
        </tr>
    }
}

#[component]
pub fn ReportedTable() -> impl IntoView {
    let state = use_state();
    let rows = figure(reported_vs_mapped);
    let csv = move || rows.get_untracked().map(|r| reported_csv(&r));
    let t = move || dashboard(state.lang.get());
    let body = move || {
        let rows = rows.get()?;
        let lang = state.lang.get();
        let s = dashboard(lang);
        if rows.is_empty() {
            return Some(view! { <p class="hint">{s.no_reported}</p> }.into_any());
        }
        Some(
            view! {
                <div class="dash-scroll">
                    <table class="dash-table dash-cardtable">
                        <thead>
                            <tr>
                                <th scope="col">{s.region}</th>
                                <th scope="col">{s.measure}</th>
                                <th scope="col" class="num">{s.reported}</th>
                                <th scope="col" class="num">{s.mapped}</th>
                                <th scope="col" class="num">{s.difference}</th>
                                <th scope="col" class="num">{s.completeness}</th>
                                <th scope="col">{s.what_counted}</th>
                            </tr>
                        </thead>
                        <tbody>{rows.into_iter().map(|r| row_view(r, lang)).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        )
    };
    view! {
        <section class="dash-section" aria-labelledby="dash-reported">
            <div class="dash-section-head">
                <h3 id="dash-reported">{move || t().reported_title}</h3>
                {csv_button(move || dashboard(state.lang.get()).download_csv, "redmap-reported-vs-mapped.csv", csv)}
            </div>
            <p class="hint">{move || t().reported_intro}</p>
            {body}
        </section>
    }
}
