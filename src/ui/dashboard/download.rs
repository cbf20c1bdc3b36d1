//! Saving text the dashboard made (CSV, SVG) as a file, through a Blob URL: nothing leaves
//! the browser.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` for download as `file_name`.
pub fn save(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // Revoked a little later: some browsers start the download after this task ends.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}

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
