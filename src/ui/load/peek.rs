//! The manifest as the map's first frame needs it, read by the browser's own `JSON.parse`:
//! the title and which file holds each layer, with the sites layer's `sites.points` and the
//! routes layer's `routes.lines`. No JSON
//! code of ours runs here, so none is in the main wasm module (issue 2: the first view's
//! size).
//!
//! Lenient on purpose and never the last word: anything unusual means "no preview", and
//! the full reader (`super::read`, in the `read_data` chunk) reads and checks the same text
//! after the first frame, reporting every problem with its path. A peek that found no
//! points file costs nothing but the chunk being asked for at once.

use crate::domain::model::LayerType;
use wasm_bindgen::{JsCast, JsValue};

/// A manifest bigger than this is not peeked at: it is not one (a GeoJSON given with
/// `?data=`), and parsing it twice would cost time and memory for nothing.
const MAX_MANIFEST_BYTES: usize = 256 * 1024;

/// What the first frame needs from `dataset.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Peek {
    pub title: String,
    pub title_en: String,
    /// The map's layers other than the sites (routes, regions): their files, asked for as
    /// soon as the points are in.
    pub other_files: Vec<String>,
    /// The sites layer: its position in `layers`, its GeoJSON and its `sites.points`.
    pub sites: PeekSites,
    /// The routes layer's GeoJSON and `routes.lines`, when it names one.
    pub routes: Option<PeekLines>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeekLines {
    pub file: String,
    pub lines: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeekSites {
    pub index: usize,
    pub file: String,
    pub points: String,
}

/// The manifest `text`, when it is one whose sites layer names a points file; else `None`.
pub fn manifest(text: &str) -> Option<Peek> {
    if text.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    let root = js_sys::JSON::parse(text).ok()?;
    let layers: js_sys::Array = get(&root, "layers")?.dyn_into().ok()?;
    let mut sites = None;
    let mut other_files = Vec::new();
    let mut routes = None;
    for (index, layer) in layers.iter().enumerate() {
        let kind = string(&layer, "type").and_then(|t| LayerType::parse(&t));
        let file = string(&layer, "file");
        match (kind, file) {
            (Some(LayerType::Sites), Some(file)) if sites.is_none() => {
                let points = string(&layer, "points")?;
                sites = Some(PeekSites {
                    index,
                    file,
                    points,
                });
            }
            (Some(LayerType::Routes), Some(file)) if routes.is_none() => {
                routes = string(&layer, "lines").map(|lines| PeekLines {
                    file: file.clone(),
                    lines,
                });
                other_files.push(file);
            }
            (Some(LayerType::Routes | LayerType::Regions), Some(file)) => other_files.push(file),
            _ => {}
        }
    }
    Some(Peek {
        title: string(&root, "title").unwrap_or_default(),
        title_en: string(&root, "title_en").unwrap_or_default(),
        other_files,
        sites: sites?,
        routes,
    })
}

fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()
}

fn string(object: &JsValue, key: &str) -> Option<String> {
    get(object, key)?.as_string()
}
