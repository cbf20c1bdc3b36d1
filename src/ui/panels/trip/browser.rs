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

/// Offers `text` as a file download named `name` (UTF-8).
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    crate::ui::download::save(name, &format!("{mime};charset=utf-8"), text)
}

/// Copies text to the clipboard; true once it is there. False where there is no clipboard
/// API (it exists only in secure contexts: https, localhost; calling it on a page served
/// over plain http from a LAN address would throw) or where the browser refuses the write
/// (permission denied, the page not focused).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
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
