//! The shared-trip dialog: a link brought a trip while the user has a different one of their
//! own. A modal `<dialog>` (focus kept inside, Escape = keep mine) asks: replace mine (Undo
//! offered), add the shared sites to mine, or keep mine. Nothing is overwritten unasked.

use crate::ui::i18n::trip::{shared_body, trip as strings};
use crate::ui::state::use_state;
use crate::ui::url;
use leptos::prelude::*;

#[component]
pub fn SharedTripDialog() -> impl IntoView {
    let state = use_state();
    let ts = state.trip;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move || {
        let open = ts.incoming.with(|i| i.is_some());
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let finish = move || {
        ts.incoming.set(None);
        url::set_params(&[("trip", None)]);
    };
    let replace = move |_| {
        if let Some(shared) = ts.incoming.get_untracked() {
            let text = strings(state.lang.get_untracked()).replace_mine;
            ts.change_with_undo(format!("{text} ✓"), |t| *t = shared);
        }
        finish();
    };
    let merge = move |_| {
        if let Some(shared) = ts.incoming.get_untracked() {
            let text = strings(state.lang.get_untracked()).add_to_mine;
            ts.change_with_undo(format!("{text} ✓"), |t| {
                t.add_all(shared.stops.into_iter().map(|s| s.site));
            });
        }
        finish();
    };
    let s = move || strings(state.lang.get());
    view! {
        <dialog node_ref=dialog class="shared-dialog" aria-labelledby="shared-title" aria-describedby="shared-body"
            on:cancel=move |_: web_sys::Event| finish()>
            <h2 id="shared-title">{move || s().shared_title}</h2>
            <p id="shared-body">{move || {
                let shared = ts.incoming.with(|i| i.as_ref().map(|t| t.stops.len()).unwrap_or(0));
                shared_body(state.lang.get(), shared, ts.trip.with(|t| t.stops.len()))
            }}</p>
            <p class="shared-title-line">{move || ts.incoming.with(|i| i.as_ref().map(|t| t.title.clone()).unwrap_or_default())}</p>
            <div class="button-column">
                <button class="primary-button" on:click=replace>{move || s().replace_mine}</button>
                <button on:click=merge>{move || s().add_to_mine}</button>
                <button autofocus on:click=move |_| finish()>{move || s().keep_mine}</button>
            </div>
        </dialog>
    }
}
