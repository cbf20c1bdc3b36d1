//! Notices over the map: one part of the app failed (a data file, the raster tiles) and the
//! rest keeps working. Each says what failed; repeats of one notice are shown once; the user
//! can dismiss them. (A failed load of everything is `LoadError`; a bug is `panic.rs`.)

use super::i18n::harden::harden;
use super::state::{use_state, AppState};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A layer file of the dataset could not be fetched (the others loaded).
    LayerFailed { file: String },
    /// Tiles of this raster source (its `id`) failed to load.
    TilesFailed { source: &'static str },
}

/// Adds `notice` unless the same one is already shown.
pub fn push(state: AppState, notice: Notice) {
    if !state.notices.with_untracked(|n| n.contains(&notice)) {
        state.notices.update(|n| n.push(notice));
    }
}

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_state();
    move || {
        let notices = state.notices.get();
        (!notices.is_empty()).then(|| {
            let s = harden(state.lang.get());
            let en = state.lang.get() == super::i18n::Lang::En;
            view! {
                <ul class="notices" role="status" aria-label=s.notices_label>
                    {notices.into_iter().map(|n| {
                        let text = match &n {
                            Notice::LayerFailed { file } => {
                                format!("{}{file}{}", s.layer_failed, s.layer_failed_rest)
                            }
                            Notice::TilesFailed { source } => {
                                let name = crate::domain::tile_sources::by_id(source)
                                    .map_or(*source, |t| if en { t.name_en } else { t.name_zh });
                                format!("{}{name}{}", s.tiles_failed, s.tiles_failed_rest)
                            }
                        };
                        let dismiss = move |_| state.notices.update(|all| all.retain(|x| *x != n));
                        view! {
                            <li class="notice">
                                <span>{text}</span>
                                <button class="notice-close" on:click=dismiss aria-label=s.dismiss title=s.dismiss>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
