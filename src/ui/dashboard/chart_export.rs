//! The month chart as a file that looks like it does on screen: a standalone SVG (its
//! styles written into it, since the page's stylesheet does not travel with it) and a PNG
//! drawn from that SVG on a canvas at twice the size, on white. All in the browser.
//! (The SVG is loaded as an image from a `data:` URL, which the CSP's `img-src data:` allows.)

use crate::domain::coverage::wrap_text;
use crate::ui::download::save;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The chart's look, inside the exported SVG (the same as `.dash-chart` in app.css).
const CHART_STYLE: &str = "<style>\
text{font-family:'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:11px}\
.grid{stroke:#e3e3e6}.axis{stroke:#9a9aa0}.tick,.axis-label{fill:#5f6368}\
.title{font-size:15px;font-weight:700;fill:#202124}.meta{font-size:11px;fill:#5f6368}\
.bar rect{fill:#c8102e}.bar.ranged rect{fill:#9a9aa0}.bar-value{display:none}\
</style>";

/// What an exported chart says about itself, in the user's language: its title, the
/// scope (the filters), the data's dates, the source and, if any, a legend line.
pub struct Caption {
    pub title: String,
    pub scope: String,
    pub data: String,
    pub source: String,
    pub legend: Option<String>,
    /// The range bars' keys spelled out, one line each.
    pub keys: Vec<String>,
}

const CAPTION_TOP_PX: f64 = 48.0;
const CAPTION_LINE_PX: f64 = 16.0;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG of the element `id` as a standalone file with its caption (title and scope
/// above, data, legend and source below), with its size, or `None` if it is not on the page.
pub fn standalone_svg(id: &str, caption: &Caption) -> Option<(String, f64, f64)> {
    let el = document().get_element_by_id(id)?;
    let size = |name: &str| {
        el.get_attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let (w, h) = (size("width"), size("height"));
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    // Every caption line wraps to the chart's width, so that none is cut off.
    let wrap = |t: &str, font: f64| wrap_text(t, w - 16.0, font);
    let mut below: Vec<String> = wrap(&caption.data, 11.0);
    if let Some(l) = &caption.legend {
        below.extend(wrap(l, 11.0));
    }
    for k in &caption.keys {
        below.extend(wrap(k, 11.0));
    }
    below.extend(wrap(&caption.source, 11.0));
    let title = wrap(&caption.title, 15.0);
    let scope = wrap(&caption.scope, 11.0);
    let mut head = String::new();
    let mut y = 20.0;
    for t in &title {
        head.push_str(&format!(
            "<text class=\"title\" x=\"8\" y=\"{y:.1}\">{}</text>",
            xml_escape(t)
        ));
        y += 19.0;
    }
    y -= 1.0;
    for t in &scope {
        head.push_str(&format!(
            "<text class=\"meta\" x=\"8\" y=\"{y:.1}\">{}</text>",
            xml_escape(t)
        ));
        y += CAPTION_LINE_PX;
    }
    let top = (y - 6.0).max(CAPTION_TOP_PX);
    let height = top + h + 8.0 + CAPTION_LINE_PX * below.len() as f64;
    let lines: String = below
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let y = top + h + 8.0 + CAPTION_LINE_PX * (i as f64 + 0.75);
            format!(
                "<text class=\"meta\" x=\"8\" y=\"{y:.1}\">{}</text>",
                xml_escape(t)
            )
        })
        .collect();
    let svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\">{CHART_STYLE}\
<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
{head}<g transform=\"translate(0,{top})\">{}</g>{lines}</svg>",
        el.inner_html(),
    );
    Some((svg, w, height))
}

/// Draws `svg` (of `width` × `height` CSS px) on a canvas at 2× and saves it as PNG.
pub fn save_png(svg: &str, width: f64, height: f64, file_name: &'static str) {
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let scale = 2.0;
    let img_for_load = img.clone();
    let onload = Closure::once_into_js(move || {
        let Some(canvas) = document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((width * scale).round() as u32);
        canvas.set_height((height * scale).round() as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, width * scale, height * scale);
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
            &img_for_load,
            0.0,
            0.0,
            width * scale,
            height * scale,
        );
        if let Ok(data_url) = canvas.to_data_url_with_type("image/png") {
            if let Some(a) = document()
                .create_element("a")
                .ok()
                .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            {
                a.set_href(&data_url);
                a.set_download(file_name);
                a.click();
            }
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

/// Saves the SVG `id` with its caption as `<name>.svg`.
pub fn save_svg(id: &str, caption: &Caption, file_name: &str) {
    if let Some((text, _, _)) = standalone_svg(id, caption) {
        save(file_name, "image/svg+xml", &text);
    }
}

/// Saves the SVG `id` with its caption as a PNG.
pub fn save_svg_as_png(id: &str, caption: &Caption, file_name: &'static str) {
    if let Some((text, w, h)) = standalone_svg(id, caption) {
        save_png(&text, w, h, file_name);
    }
}
