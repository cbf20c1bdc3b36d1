//! Fetching text over HTTP with a message a user can act on when it fails.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// GETs `url` as text. The error says which URL and why (HTTP status, network/CORS).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| {
            format!(
                "{url}: network error, or the server does not allow cross-origin requests (CORS)"
            )
        })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not an HTTP response"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response
        .text()
        .map_err(|_| format!("{url}: body unreadable"))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| format!("{url}: body unreadable"))?;
    text.as_string()
        .ok_or_else(|| format!("{url}: body is not text"))
}

/// Resolves `relative` against `base` (a URL or a path), as the browser would.
pub fn resolve_url(relative: &str, base: &str) -> String {
    let base_abs = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(base, &page).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| base.to_string());
    web_sys::Url::new_with_base(relative, &base_abs)
        .map(|u| u.href())
        .unwrap_or_else(|_| relative.to_string())
}
