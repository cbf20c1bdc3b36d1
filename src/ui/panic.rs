//! No panic reaches the user as a dead page: the hook logs to the console and shows a
//! "something went wrong, reload" box with the details for a bug report.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
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
    let _ = boxed.append_child(&pre);
    let _ = boxed.append_child(&button);
    let _ = body.append_child(&boxed);
}
