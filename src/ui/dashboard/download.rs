//! The dashboard's CSV download buttons (the saving itself: `ui::download`, in the browser).

use crate::ui::download::save;
use leptos::prelude::*;

/// A button that downloads what `make` returns as a UTF-8 CSV file.
pub fn csv_button(
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    file_name: &'static str,
    make: impl Fn() -> Option<String> + 'static,
) -> impl IntoView {
    let click = move |_| {
        if let Some(text) = make() {
            save(file_name, "text/csv;charset=utf-8", &text);
        }
    };
    view! { <button class="dash-button download" on:click=click>{label}</button> }
}
