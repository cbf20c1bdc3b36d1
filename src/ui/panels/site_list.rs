//! The site list: the filtered sites (optionally only those in the map view) as buttons,
//! sortable by name, distance (from the user's position, else the map centre) or number
//! of activities: a full alternative to the map for keyboard and screen-reader users.

use super::near_me::NearMeButton;
use crate::domain::geo::distance_m;
use crate::domain::listing::{sort_sites, SortKey};
use crate::ui::discover::use_discover;
use crate::ui::i18n::discover::{activities_n, discover, more_not_listed};
use crate::ui::i18n::Lang;
use crate::ui::panels::search::SITE_ZOOM;
use crate::ui::state::{use_state, Selection};
use leptos::prelude::*;

/// Rows rendered at most (the DOM stays light with 100k sites; filters narrow it down).
const MAX_ROWS: usize = 200;

#[component]
pub fn SiteListPanel() -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let t = move || discover(state.lang.get());
    view! {
        <details class="panel-section site-list" prop:open=move || d.list_open.get()
            on:toggle=move |ev| d.list_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2>{move || t().list}</h2></summary>
            // The list's code is a chunk of its own, downloaded when the list is first opened.
            {move || d.list_open.get().then(|| crate::ui::lazy::lazy(crate::ui::lazy::site_list_body, (), "site-list-body"))}
        </details>
    }
}

/// The open list: sort and "only in view" controls, near me, and the rows.
pub fn body(_: ()) -> AnyView {
    let state = use_state();
    let d = use_discover();
    let counts = Memo::new(move |_| {
        let (data, links) = (state.data.get()?, d.links.get()?);
        Some(links.counts(data.dataset.sites.len()))
    });
    let settled = settled_view(state);
    // The point distances are measured from: the user, else the map centre.
    let origin = move || {
        state
            .user_position
            .get()
            .or_else(|| (d.sort.get() == SortKey::Distance).then(|| settled.get().center))
    };
    let rows = Memo::new(move |_| {
        let data = state.data.get()?;
        if !d.list_open.get() {
            return None;
        }
        let ds = &data.dataset;
        let in_view = d.only_in_view.get().then(|| settled.get().bounds());
        let mut sites: Vec<usize> = state.site_mask.with(|m| {
            (0..ds.sites.len())
                .filter(|&i| m.as_ref().is_none_or(|m| m.get(i).copied().unwrap_or(true)))
                .filter(|&i| in_view.is_none_or(|b| b.contains(ds.sites[i].position)))
                .collect()
        });
        counts.with(|c| {
            sort_sites(
                &mut sites,
                d.sort.get(),
                ds,
                c.as_deref().unwrap_or(&[]),
                origin(),
            )
        });
        Some(sites)
    });
    let t = move || discover(state.lang.get());
    let sort_label = move |k: SortKey| match k {
        SortKey::Name => t().sort_name,
        SortKey::Distance => t().sort_distance,
        SortKey::Activities => t().sort_activities,
    };
    view! {
            <div class="list-controls">
                <label for="list-sort">{move || t().sort_by}</label>
                <select id="list-sort" on:change=move |ev| d.sort.set(SortKey::parse(&event_target_value(&ev)).unwrap_or_default())>
                    {SortKey::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() prop:selected=move || d.sort.get() == k>{move || sort_label(k)}</option>
                    }).collect_view()}
                </select>
                <NearMeButton />
            </div>
            <div class="filter-row">
                <input type="checkbox" id="list-in-view" prop:checked=move || d.only_in_view.get()
                    on:change=move |ev| d.only_in_view.set(event_target_checked(&ev)) />
                <label for="list-in-view">{move || t().only_in_view}</label>
            </div>
            <p class="hint" role="status">{move || d.geo_message.get()}</p>
            {move || rows.get().map(|sites| list_view(sites, counts.get().unwrap_or_default(), origin()))}
    }
    .into_any()
}

/// The map view once it has stopped moving for a moment: the list re-sorts then, not on
/// every animation frame.
fn settled_view(state: crate::ui::state::AppState) -> RwSignal<crate::domain::viewport::Viewport> {
    let settled = RwSignal::new(state.view.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        let v = state.view.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || settled.set(v),
            std::time::Duration::from_millis(400),
        );
        pending.set_value(h.ok());
    });
    settled
}

fn list_view(
    sites: Vec<usize>,
    counts: Vec<usize>,
    origin: Option<crate::domain::geo::LonLat>,
) -> impl IntoView {
    let state = use_state();
    let d = use_discover();
    let lang = state.lang.get();
    let t = discover(lang);
    let data = state.data.get_untracked()?;
    if sites.is_empty() {
        return Some(view! { <p class="hint">{t.list_empty}</p> }.into_any());
    }
    let from = if state.user_position.get_untracked().is_some() {
        t.from_you
    } else {
        t.from_map_centre
    };
    let more = sites.len().saturating_sub(MAX_ROWS);
    let rows = sites
        .into_iter()
        .take(MAX_ROWS)
        .filter_map(|i| {
            let site = data.dataset.sites.get(i)?;
            let name = if lang == Lang::En && !site.name_en.is_empty() {
                site.name_en.clone()
            } else {
                site.name.clone()
            };
            let kind = if lang == Lang::Zh {
                site.kind.label_zh()
            } else {
                site.kind.label_en()
            };
            let mut meta = vec![
                kind.to_string(),
                activities_n(lang, counts.get(i).copied().unwrap_or(0)),
            ];
            if let (Some(o), SortKey::Distance) = (origin, d.sort.get_untracked()) {
                meta.push(format!(
                    "{} {from}",
                    lang.distance(distance_m(o, site.position))
                ));
            }
            let p = site.position;
            let select = move |_| {
                state.selected.set(Some(Selection::Site(i)));
                request_animation_frame(move || state.focus.set(Some((p, SITE_ZOOM))));
            };
            let current =
                move || (state.selected.get() == Some(Selection::Site(i))).then_some("true");
            Some(view! {
                <li>
                    <button class="list-row" on:click=select aria-current=current>
                        <span class="list-name">{name}</span>
                        <span class="list-meta">{meta.join(" · ")}</span>
                    </button>
                    <super::AddToTripButton site=site.id.clone() compact=true />
                </li>
            })
        })
        .collect_view();
    Some(
        view! {
            <ol class="list-rows" aria-label=t.list>{rows}</ol>
            {(more > 0).then(|| view! { <p class="hint">{more_not_listed(lang, more)}</p> })}
        }
        .into_any(),
    )
}
