//! The browser side of permalinks: reads the query pairs for `domain::permalink` and writes
//! state back with `history.replaceState` (no reload, no history entry per pan step).

use wasm_bindgen::JsCast;

/// The page's query as decoded (key, value) pairs.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return Vec::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let Ok(Some(iter)) = js_sys::try_iter(&params) else {
        return Vec::new();
    };
    iter.filter_map(|entry| {
        let pair: js_sys::Array = entry.ok()?.dyn_into().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    })
    .collect()
}

/// Sets (or with `None` removes) query parameters, keeping the others, without navigating.
pub fn set_params(changes: &[(&str, Option<String>)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    let params = url.search_params();
    for (key, value) in changes {
        match value {
            Some(v) => params.set(key, v),
            None => params.delete(key),
        }
    }
    // UrlSearchParams encodes "/" as %2F; the view reads better with plain slashes.
    let search = params
        .to_string()
        .as_string()
        .unwrap_or_default()
        .replace("%2F", "/");
    url.set_search(&search);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// The language remembered from the last visit, if any.
pub fn stored_lang() -> Option<String> {
    local_storage()?.get_item("redmap.lang").ok()?
}

pub fn store_lang(code: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item("redmap.lang", code);
    }
}

/// The local-storage key of the precision stated for the `?data=` file at `data_url`.
fn precision_key(data_url: &str) -> String {
    format!("redmap.data-precision:{data_url}")
}

/// The precision the user stated for the `?data=` file at `data_url` on an earlier visit.
pub fn stored_data_precision(data_url: &str) -> Option<String> {
    local_storage()?.get_item(&precision_key(data_url)).ok()?
}

/// Remembers (or, for "not stated", forgets) the precision stated for `data_url`.
pub fn store_data_precision(data_url: &str, code: Option<&str>) {
    if let Some(storage) = local_storage() {
        let key = precision_key(data_url);
        let _ = match code {
            Some(code) => storage.set_item(&key, code),
            None => storage.remove_item(&key),
        };
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
