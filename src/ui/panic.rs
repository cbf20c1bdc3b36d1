//! No panic reaches the user as a dead page: the hook logs to the console and shows a
//! "something went wrong, reload" box with the details for a bug report.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&report(&info.to_string()));
    }));
    listen_for_test_panic();
}

/// The end-to-end test of this hook panics on purpose by dispatching a `redmap:test-panic`
/// event on `window` (a page script can do that; a URL cannot).
fn listen_for_test_panic() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let panic = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        panic!("test panic, from the redmap:test-panic event");
    });
    let _ = window
        .add_event_listener_with_callback("redmap:test-panic", panic.as_ref().unchecked_ref());
    panic.forget();
}

/// The panic message with what a bug report needs besides: the page and the browser.
fn report(message: &str) -> String {
    let window = web_sys::window();
    let page = window
        .as_ref()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let agent = window
        .as_ref()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    format!(
        "{message}\n\nredmap {}\npage: {page}\nbrowser: {agent}",
        env!("CARGO_PKG_VERSION")
    )
}

fn show(details: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(boxed) = doc.create_element("div") else {
        return;
    };
    boxed.set_class_name("panic");
    boxed.set_attribute("role", "alert").ok();
    let zh = "出错了，请重新加载页面。Something went wrong — please reload the page.";
    let Ok(p) = doc.create_element("p") else {
        return;
    };
    p.set_text_content(Some(zh));
    let Ok(hint) = doc.create_element("p") else {
        return;
    };
    hint.set_text_content(Some(
        "报告问题时请附上以下信息。For a bug report, include the details below.",
    ));
    let Ok(pre) = doc.create_element("pre") else {
        return;
    };
    pre.set_text_content(Some(details));
    let Ok(button) = doc.create_element("button") else {
        return;
    };
    button.set_text_content(Some("重新加载 / Reload"));
    let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    if let Some(el) = button.dyn_ref::<web_sys::HtmlElement>() {
        el.set_onclick(Some(reload.as_ref().unchecked_ref()));
    }
    reload.forget();
    let _ = boxed.append_child(&p);
    let _ = boxed.append_child(&hint);
    let _ = boxed.append_child(&pre);
    let _ = boxed.append_child(&button);
    let _ = body.append_child(&boxed);
}
