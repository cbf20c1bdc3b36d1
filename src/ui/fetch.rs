//! Fetching over HTTP (whole text, or the body chunk by chunk) with a message a user can
//! act on when it fails.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// GETs already sent by [`send`], by URL, until [`get`] takes their response.
    static SENT: std::cell::RefCell<std::collections::HashMap<String, JsFuture>> =
        Default::default();
}

/// Sends the GET of `url` now, so that several files come in at once rather than one
/// after the other; the next [`get`] of the same URL (through any function here) takes its
/// response. Only for URLs that will be read.
pub fn send(url: &str) {
    if let Some(window) = web_sys::window() {
        let pending = JsFuture::from(window.fetch_with_str(url));
        SENT.with(|s| s.borrow_mut().insert(url.to_owned(), pending));
    }
}

/// GETs `url`: the response once its status is OK. The error says which URL and why
/// (HTTP status, network/CORS).
async fn get(url: &str) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let sent = SENT.with(|s| s.borrow_mut().remove(url));
    let response = sent
        .unwrap_or_else(|| JsFuture::from(window.fetch_with_str(url)))
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
    Ok(response)
}

/// A GET whose status is OK and whose body is not read yet, with the body's size when the
/// response states it (Content-Length of an uncompressed body).
pub struct Opened {
    response: web_sys::Response,
    pub length: Option<usize>,
}

/// GETs `url` up to its headers: see [`Opened`].
pub async fn open(url: &str) -> Result<Opened, String> {
    let response = get(url).await?;
    let headers = response.headers();
    let compressed = headers
        .get("content-encoding")
        .ok()
        .flatten()
        .is_some_and(|e| !e.trim().is_empty() && e.trim() != "identity");
    let length = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse::<usize>().ok())
        .filter(|_| !compressed);
    Ok(Opened { response, length })
}

/// GETs `url` and hands its body to `take` chunk by chunk as the bytes arrive, so that
/// the whole body is never held (neither in JS nor in wasm memory). `expect` is told the
/// body's size first, when the response states it.
pub async fn fetch_chunks(
    url: &str,
    expect: impl FnOnce(usize),
    take: impl FnMut(&[u8]),
) -> Result<(), String> {
    let opened = open(url).await?;
    if let Some(length) = opened.length {
        expect(length);
    }
    read_chunks(url, opened, take).await
}

/// Hands the body of an [`Opened`] GET to `take` chunk by chunk. Gives the browser a turn
/// every [`SLICE_MS`] of work: chunks already in arrive without a turn in between (their
/// promises resolve at once), and 75 MB of them would otherwise hold the page for seconds.
pub async fn read_chunks(
    url: &str,
    opened: Opened,
    mut take: impl FnMut(&[u8]),
) -> Result<(), String> {
    let Some(body) = opened.response.body() else {
        return Ok(());
    };
    let unreadable = |_: JsValue| format!("{url}: body unreadable");
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| unreadable(JsValue::NULL))?;
    let (done_key, value_key) = (JsValue::from_str("done"), JsValue::from_str("value"));
    let mut chunk = Vec::new();
    let mut slice_start = super::perf::now_ms();
    loop {
        let next = JsFuture::from(reader.read()).await.map_err(unreadable)?;
        let done = js_sys::Reflect::get(&next, &done_key).map_err(unreadable)?;
        if done.as_bool().unwrap_or(true) {
            return Ok(());
        }
        let value = js_sys::Reflect::get(&next, &value_key).map_err(unreadable)?;
        let bytes: js_sys::Uint8Array = value.dyn_into().map_err(unreadable)?;
        chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut chunk);
        take(&chunk);
        if super::perf::now_ms() - slice_start > SLICE_MS {
            yield_to_browser().await;
            slice_start = super::perf::now_ms();
        }
    }
}

/// The longest stretch of reading between two turns of the browser (input, frames).
pub const SLICE_MS: f64 = 12.0;

/// Resolves in a new task, after the browser has had its turn (input, rendering). A
/// MessageChannel message, not `setTimeout(0)`: nested timeouts are clamped to 4 ms.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let posted = js_sys::Reflect::get(&global, &JsValue::from_str("MessageChannel"))
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
            .and_then(|c| js_sys::Reflect::construct(&c, &js_sys::Array::new()).ok())
            .and_then(|channel| {
                let port = |name: &str| js_sys::Reflect::get(&channel, &JsValue::from_str(name));
                let (one, two) = (port("port1").ok()?, port("port2").ok()?);
                js_sys::Reflect::set(&one, &JsValue::from_str("onmessage"), &resolve).ok()?;
                let post: js_sys::Function =
                    js_sys::Reflect::get(&two, &JsValue::from_str("postMessage"))
                        .ok()?
                        .dyn_into()
                        .ok()?;
                post.call1(&two, &JsValue::from(0)).ok()
            });
        if posted.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// GETs `url` as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = get(url).await?;
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("{url}: body unreadable"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url}: body unreadable"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// GETs `url` as text (UTF-8, as `Response.text()` decodes it). The error says which URL
/// and why (HTTP status, network/CORS).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    // The body as bytes copied once into wasm memory, then decoded there. (`text()` decodes
    // to a JS string, and passing that to Rust re-encodes it through a buffer of up to 3x
    // its length. On the 131 MB synthetic 100k dataset, `make bench` measured the fetch
    // phase at 3.9 s that way against 1.5 s now, and wasm memory at 402 MB against 289 MB.)
    let bytes = fetch_bytes(url).await?;
    Ok(crate::domain::geodata::text_from_bytes(bytes))
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
