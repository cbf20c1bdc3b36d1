//! Saving text the app made (trip exports, the dashboard's CSV and SVG, imported layers) as a
//! file: a Blob URL and an `<a download>` click. Nothing leaves the browser. Fails quietly to
//! `false`: a blocked download must not break the page.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download named `name`; `mime` is the whole type, with its charset
/// (`text/csv;charset=utf-8`).
pub fn save(name: &str, mime: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("hidden", "").ok()?;
        document.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        // Revoked later: revoking at once can cancel the download in some browsers.
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(30),
        );
        Some(())
    };
    run().is_some()
}
