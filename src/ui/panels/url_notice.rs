//! A bad link, said at the top of the panel: malformed, oversized or unknown values in the
//! URL were ignored (`domain::permalink`, the filter's and the trip's parsers) and the
//! default shown. The full list stays in the data problems; this says that it happened.

use crate::ui::i18n::url_notice::url_notice;
use crate::ui::state::use_state;
use leptos::prelude::*;

#[component]
pub fn UrlNotice() -> impl IntoView {
    let state = use_state();
    let dismissed = RwSignal::new(false);
    move || {
        let problems = state.url_problems.get();
        let first = problems.first()?.clone();
        if dismissed.get() {
            return None;
        }
        let s = url_notice(state.lang.get());
        Some(view! {
            <section class="url-notice" role="status">
                <p>
                    <strong>{(s.ignored)(problems.len())}</strong>
                    ": "<span class="url-notice-first">{first}</span>
                </p>
                <p class="hint">{s.see_all}</p>
                <button class="url-notice-close" aria-label=s.dismiss on:click=move |_| dismissed.set(true)>
                    "×"
                </button>
            </section>
        })
    }
}
