//! The browser side of reading files: a picked or dropped `File` to bytes, GBK through the
//! browser's own `TextDecoder` (so encoding_rs stays out of the wasm), and a pause that lets
//! the browser paint between steps of a long import. Nothing is uploaded anywhere. (Saving
//! an imported layer: `ui::download`.)

use wasm_bindgen_futures::JsFuture;

/// The bytes of a file the user picked or dropped, read a few MB at a time: copying 50 MB
/// into the wasm memory at once held the page for ~0.2 s.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
    let size = file.size().max(0.0);
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + CHUNK).min(size);
        let failed = |e| format!("the browser could not read the file: {e:?}");
        let part = file.slice_with_f64_and_f64(at, end).map_err(failed)?;
        let buffer = JsFuture::from(part.array_buffer()).await.map_err(failed)?;
        let array = js_sys::Uint8Array::new(&buffer);
        let from = bytes.len();
        bytes.resize(from + array.length() as usize, 0);
        array.copy_to(&mut bytes[from..]);
        at = end;
    }
    Ok(bytes)
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

/// [`decode_gbk`] in slices of a few MB (the browser's decoder in streaming mode), so that a
/// 50 MB GBK file does not freeze the page; `None` if `wanted()` turned false meanwhile.
pub async fn decode_gbk_in_slices(
    bytes: &[u8],
    slicer: &mut crate::ui::slices::Slicer,
    wanted: &dyn Fn() -> bool,
) -> Option<(String, bool)> {
    const CHUNK: usize = 2 << 20;
    // Strictly first; malformed bytes: again, with U+FFFD for them.
    for fatal in [true, false] {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        let Ok(decoder) = web_sys::TextDecoder::new_with_label_and_options("gbk", &options) else {
            break;
        };
        let stream = web_sys::TextDecodeOptions::new();
        stream.set_stream(true);
        let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut clean = true;
        for chunk in bytes.chunks(CHUNK) {
            match decoder.decode_with_u8_array_and_options(chunk, &stream) {
                Ok(part) => text.push_str(&part),
                Err(_) => {
                    clean = false;
                    break;
                }
            }
            if slicer.tick().await && !wanted() {
                return None;
            }
        }
        if clean {
            if let Ok(rest) = decoder.decode() {
                text.push_str(&rest);
                return Some((text, !fatal));
            }
        }
    }
    Some(decode_gbk(bytes))
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

/// The local storage, if the browser allows it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
