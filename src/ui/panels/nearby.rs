//! "Nearby sites" in a site's details: the five nearest, each with its distance, or "same
//! placement" where both sit on one (town-level) point and the real distance is unknown.

use crate::domain::model::{Dataset, Site};
use crate::domain::nearby::nearest_sites;
use crate::ui::i18n::discover::discover;
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, Selection};
use leptos::prelude::*;

const NEARBY_N: usize = 5;

pub fn nearby_view(dataset: &Dataset, site: &Site, lang: Lang) -> Option<impl IntoView> {
    let state = use_state();
    let t = discover(lang);
    let here = dataset.sites.iter().position(|s| std::ptr::eq(s, site))?;
    let near = nearest_sites(dataset, here, NEARBY_N);
    if near.is_empty() {
        return None; // a dataset of one site has no neighbours to list
    }
    let items = near.into_iter().filter_map(|n| {
        let s = dataset.sites.get(n.index)?;
        let name = if lang == Lang::En && !s.name_en.is_empty() { s.name_en.clone() } else { s.name.clone() };
        let distance = if n.same_placement() { t.same_placement.to_string() } else { lang.distance(n.distance_m) };
        let i = n.index;
        Some(view! {
            <li>
                <button class="link-button" on:click=move |_| state.selected.set(Some(Selection::Site(i)))>{name}</button>
                <span class="activity-meta">" · "{distance}</span>
            </li>
        })
    }).collect_view();
    Some(view! {
        <h3>{t.nearby}</h3>
        <ul class="sources-list nearby-list">{items}</ul>
    })
}
