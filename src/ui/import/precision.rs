//! The choice of how exact an imported file's positions are (the importing user's word,
//! `domain::import::StatedPrecision`): in the CSV mapping dialog, and on each imported
//! layer (any format), where changing it records it on the layer's sites and keeps it.

use crate::domain::import::StatedPrecision;
use crate::ui::i18n::import as s;
use crate::ui::state::use_state;
use leptos::prelude::*;

/// A labelled select of the four choices; `value` is read, `set` called on a change.
pub fn precision_select(
    id: String,
    value: impl Fn() -> StatedPrecision + Send + Sync + 'static,
    set: impl Fn(StatedPrecision) + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="import-precision">
            <label for=id.clone()>{move || s::precision_label(lang())}</label>" "
            <select id=id aria-describedby=hint_id.clone()
                prop:value=move || value().as_str()
                on:change=move |ev| {
                    if let Some(p) = StatedPrecision::parse(&event_target_value(&ev)) {
                        set(p);
                    }
                }>
                {StatedPrecision::ALL.into_iter().map(|p| view! {
                    <option value=p.as_str()>{move || p.label(lang().text_lang())}</option>
                }).collect_view()}
            </select>
            <p class="hint" id=hint_id>{move || s::precision_hint(lang())}</p>
        </div>
    }
}
