//! The browser side of reading and saving files: a picked or dropped `File` to bytes, GBK
//! through the browser's own `TextDecoder` (so encoding_rs stays out of the wasm), a pause
//! that lets the browser paint between steps of a long import, and downloads via a Blob
//! URL. Nothing is uploaded anywhere.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes of a file the user picked or dropped.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("the browser could not read the file: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// GBK (as gb18030, its superset) with the browser's decoder: the text and whether some
/// bytes could not be decoded.
pub fn decode_gbk(bytes: &[u8]) -> (String, bool) {
    let array = js_sys::Uint8Array::from(bytes);
    let decode = |fatal: bool| -> Option<String> {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        let decoder = web_sys::TextDecoder::new_with_label_and_options("gbk", &options).ok()?;
        decoder.decode_with_buffer_source(&array).ok()
    };
    match decode(true) {
        Some(text) => (text, false),
        None => (
            decode(false).unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
            true,
        ),
    }
}

/// Lets the browser handle input and paint before the next step (a zero-delay timeout:
/// a microtask would not give it the chance).
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

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
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}

/// The local storage, if the browser allows it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
