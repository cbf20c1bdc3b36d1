//! Browser glue for the trip planner: file downloads (a Blob and an `<a download>` click),
//! the clipboard, local storage of the trip, today's date, the page's own URL. Every call
//! fails quietly to `false`/`None`: a blocked download or storage must not break the page.

use crate::domain::model::Date;
use wasm_bindgen::JsCast;

/// Where the trip is kept between visits (the share code, version 1).
pub const STORAGE_KEY: &str = "redmap.trip.v1";
/// A stored trip that could not be read is moved here, never thrown away.
pub const UNREADABLE_KEY: &str = "redmap.trip.v1.unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&format!("{mime};charset=utf-8"));
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
        // Revoke later: revoking at once can cancel the download in some browsers.
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

/// Copies text to the clipboard (asynchronously; errors are ignored). False where there is
/// no clipboard API: it exists only in secure contexts (https, localhost), and calling it
/// on a page served over plain http from a LAN address would throw.
pub fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_clipboard {
        let _ = navigator.clipboard().write_text(text);
    }
    has_clipboard
}

/// Today's local date.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date {
        y: now.get_full_year() as i32,
        m: (now.get_month() + 1) as u8,
        d: now.get_date() as u8,
    }
}

/// The page's URL without its query: where a shared trip link points.
pub fn page_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_else(|_| "/".into())
    )
}

/// Percent-encodes a query value (for `data=<url>` in a share link).
pub fn encode_query_value(value: &str) -> String {
    js_sys::encode_uri_component(value)
        .as_string()
        .unwrap_or_default()
}

/// The map canvas as a PNG data URL (for the printed handout).
pub fn map_snapshot() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = document
        .query_selector(".map-canvas")
        .ok()??
        .dyn_into()
        .ok()?;
    canvas.to_data_url().ok()
}

/// Moves keyboard focus to the element with this id, after the next render.
pub fn focus_later(id: String) {
    leptos::prelude::request_animation_frame(move || {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
