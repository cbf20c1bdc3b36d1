//! Reported vs mapped: one row per total a source reports, with the mapped counterpart
//! (the records the report names as part of the total that the map holds), the difference
//! and how complete the map is; "not comparable" with the reason (and, as context only,
//! how many records of the kind are on the map) where the report does not say which
//! records it counts. A row with named members lists them, each a button to show it on
//! the map, with the quote that names it, so that an organiser can check. The completeness bar repeats the percentage printed beside it
//! (colour is never the only signal).

use super::download::csv_button;
use super::{figure, set_open, Dash};
use crate::domain::coverage::{
    group_digits, reported_csv, reported_vs_mapped, Mapped, MemberRow, MemberStatus, Record,
    ReportedRow, Tied,
};
use crate::domain::model::Qualifier;
use crate::ui::i18n::dashboard::{basis_text, dashboard, member_status_text, not_comparable_text};
use crate::ui::i18n::Lang;
use crate::ui::panels::search::SITE_ZOOM;
use crate::ui::state::{use_state, Selection};
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

/// What a member button selects on the map: its site (an activity's site), or its route.
fn target(dash: Dash, record: Option<Record>) -> Option<Selection> {
    match record? {
        Record::Site(s) => Some(Selection::Site(s)),
        Record::Route(r) => Some(Selection::Route(r)),
        Record::Activity(a) => {
            let ready = dash.ready.get_untracked()?;
            match ready.index.activity_tied.get(a)? {
                Tied::Site(s) => Some(Selection::Site(*s)),
                _ => None,
            }
        }
    }
}

/// One named member: its name (a button that shows it on the map when it is there), the
/// quote that names it, and whether it counts.
fn member_view(m: MemberRow, lang: Lang, dash: Dash) -> impl IntoView {
    let state = use_state();
    let s = dashboard(lang);
    let name = match lang {
        Lang::En if !m.name_en.is_empty() => m.name_en.clone(),
        _ => m.name.clone(),
    };
    let status = member_status_text(lang, m.status);
    let on_map = target(dash, m.record).filter(|_| m.status != MemberStatus::NotInData);
    let name_view = match on_map {
        Some(sel) => {
            let label = (s.show_member)(&name);
            let show = move |_| {
                set_open(false);
                state.selected.set(Some(sel));
                if let Selection::Site(i) = sel {
                    let p = dash
                        .ready
                        .get_untracked()
                        .and_then(|r| r.loaded.dataset.sites.get(i).map(|site| site.position));
                    if let Some(p) = p {
                        request_animation_frame(move || state.focus.set(Some((p, SITE_ZOOM))));
                    }
                }
            };
            view! { <button class="link-button" aria-label=label on:click=show>{name}</button> }
                .into_any()
        }
        None => view! { <span>{name}</span> }.into_any(),
    };
    view! {
        <li class="dash-member">
            {name_view}
            " · "{status}
            <div class="dash-note" lang="zh-CN">"“"{m.says}"”"</div>
        </li>
    }
}

fn row_view(r: ReportedRow, lang: Lang, dash: Dash) -> impl IntoView {
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
    let difference = r.difference_label().unwrap_or_else(|| "—".to_owned());
    let share = r.completeness_label();
    let done = r.completeness().zip(share).map(|(c, share)| {
        // `style:` sets the property through CSSOM, which the CSP (style-src 'self') allows;
        // a `style="..."` attribute would be blocked.
        let width = format!("{:.1}%", (c * 100.0).clamp(0.0, 100.0));
        view! {
            <span class="dash-pct">{share}</span>
            <span class="dash-meter" aria-hidden="true"><span style:width=width></span></span>
        }
    });
    // Each UI its own language's note (`note` / `note_zh` in the data); the quoted source
    // under it is the report's own words.
    let mut notes: Vec<String> = match lang {
        Lang::En => r.note.iter().cloned().collect(),
        Lang::Zh => r.note_zh.iter().cloned().collect(),
    };
    if r.same_measure > 1 {
        notes.push((s.same_measure)(r.same_measure));
    }
    let source = format!("{}: {}", r.source.doc, r.source.says);
    let reported = reported_label(&r);
    let members = (!r.members.is_empty()).then(|| {
        let items = r
            .members
            .into_iter()
            .map(|m| member_view(m, lang, dash))
            .collect_view();
        view! {
            <div class="dash-members">
                <div class="dash-note">{s.named_in_report}</div>
                <ul class="dash-member-list">{items}</ul>
            </div>
        }
    });
    view! {
        <tr>
            <th scope="row">{region}</th>
            <td class="dash-measure">{measure}</td>
            <td class="num" data-label=s.reported>{reported}</td>
            <td class="num" data-label=s.mapped>{mapped}</td>
            <td class="num" data-label=s.difference>{difference}</td>
            <td class="num" data-label=s.completeness>{done.map_or_else(|| "—".into_any(), IntoAny::into_any)}</td>
            <td class="dash-counted">
                <div class="dash-basis">{counted}</div>
                {members}
                {notes.into_iter().map(|n| view! { <div class="dash-note">{n}</div> }).collect_view()}
                <div class="dash-note dash-source">{source}</div>
            </td>
        </tr>
    }
}

#[component]
pub fn ReportedTable() -> impl IntoView {
    let state = use_state();
    let dash = expect_context::<Dash>();
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
                        <tbody>{rows.into_iter().map(|r| row_view(r, lang, dash)).collect_view()}</tbody>
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
            <p class="hint dash-legend">{move || t().reported_legend}</p>
            {body}
        </section>
    }
}
