//! The user's imported layers, apart from the published data: each file with its sites
//! (by kind), routes and activity records under the current filters. Shown only when
//! something is imported; the other sections count the published data only.

use super::figure_with_imports;
use crate::domain::coverage::{group_digits, imported_layers, ImportedLayer};
use crate::ui::i18n::dashboard::dashboard;
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;

fn layer_view(l: ImportedLayer, lang: Lang) -> impl IntoView {
    let s = dashboard(lang);
    let kinds: Vec<String> = l
        .kinds
        .iter()
        .map(|(k, n)| {
            let label = match lang {
                Lang::Zh => k.label_zh(),
                Lang::En => k.label_en(),
            };
            format!("{label} {}", group_digits(*n as u64))
        })
        .collect();
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    view! {
        <li class="dash-imported">
            <div>{(s.imported_layer)(&l.file, l.sites)}</div>
            {(!kinds.is_empty()).then(|| view! { <div class="dash-note">{kinds.join(sep)}</div> })}
            {(l.routes + l.activities > 0)
                .then(|| view! { <div class="dash-note">{(s.imported_more)(l.routes, l.activities)}</div> })}
        </li>
    }
}

#[component]
pub fn ImportedSection() -> impl IntoView {
    let state = use_state();
    let layers = figure_with_imports(imported_layers);
    let t = move || dashboard(state.lang.get());
    move || {
        let layers = layers.get().filter(|l| !l.is_empty())?;
        let lang = state.lang.get();
        Some(view! {
            <section class="dash-section" aria-labelledby="dash-imported">
                <div class="dash-section-head">
                    <h3 id="dash-imported">{t().imported_title}</h3>
                </div>
                <p class="hint">{t().imported_intro}</p>
                <ul class="dash-imported-list">
                    {layers.into_iter().map(|l| layer_view(l, lang)).collect_view()}
                </ul>
            </section>
        })
    }
}
