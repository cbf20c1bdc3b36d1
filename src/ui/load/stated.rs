//! How exact the positions of a `?data=` GeoJSON are, as the user states it: the import's
//! control (`ui::import::precision`) for the data file the link loaded. The choice is
//! recorded on the file's sites by `domain::import::state_precision` (the note says it is
//! the user's statement; a feature stating its own precision keeps it), remembered for
//! that URL (local storage) and carried by links (`precision=`).

use crate::domain::import::{state_precision, StatedPrecision};
use crate::ui::i18n::Lang;
use crate::ui::state::{use_state, AppState, Loaded};
use crate::ui::url;
use leptos::prelude::*;
use std::sync::Arc;

/// The `precision=` of a link: none for "not stated".
pub fn param(stated: StatedPrecision) -> Option<String> {
    (stated != StatedPrecision::NotStated).then(|| stated.as_str().to_owned())
}

/// The data the loader read (without imported layers), when it is a `?data=` file read
/// as a plain GeoJSON (not a redmap dataset, whose files state their sites' precision).
fn given_geojson(state: AppState) -> Option<Arc<Loaded>> {
    let st = crate::ui::import::use_import();
    let base = st.base.get().or_else(|| state.data.get())?;
    (base.origin != "bundled" && base.dataset.manifest.is_none()).then_some(base)
}

/// Records `stated` on the `?data=` file's sites (the imported layers are merged onto
/// them again), remembers it for that URL and puts it in the address bar.
fn restate(state: AppState, stated: StatedPrecision) {
    let st = crate::ui::import::use_import();
    let Some(base) = st
        .base
        .get_untracked()
        .or_else(|| state.data.get_untracked())
    else {
        return;
    };
    state.data_precision.set(stated);
    url::store_data_precision(&base.origin, param(stated).as_deref());
    url::set_params(&[("precision", param(stated))]);
    let mut dataset = base.dataset.clone();
    state_precision(&mut dataset, stated);
    let loaded = Arc::new(Loaded::new(
        dataset,
        base.origin.clone(),
        base.title.clone(),
        base.title_en.clone(),
    ));
    // The new base: merged with the visible imported layers and shown (ui::import::merging);
    // with no import state, shown as it is.
    if st.base.get_untracked().is_some() {
        st.base.set(Some(loaded));
    } else {
        state.data.set(Some(loaded));
    }
}

fn heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "链接载入的数据文件",
        Lang::En => "Data file from the link",
    }
}

/// The section: the file's name and the precision choice; nothing for the bundled data.
#[component]
pub fn DataFilePrecision() -> impl IntoView {
    let state = use_state();
    let file = Memo::new(move |_| {
        given_geojson(state).map(|b| {
            let name = b.origin.rsplit('/').next().unwrap_or(&b.origin);
            name.split(['?', '#']).next().unwrap_or(name).to_owned()
        })
    });
    move || {
        file.get().map(|name| {
            view! {
                <section class="panel-section data-file-section" aria-labelledby="data-file-heading">
                    <h2 id="data-file-heading">{move || heading(state.lang.get())}</h2>
                    <p><strong>{name}</strong></p>
                    {crate::ui::import::precision::precision_select(
                        "data-precision".into(),
                        move || state.data_precision.get(),
                        move |p| restate(state, p),
                    )}
                </section>
            }
        })
    }
}
