//! The optional raster tile layer: fetches tiles as images, keeps a bounded in-memory cache,
//! draws the loaded ones. A failed tile (no network, no CORS, bad key) is not asked for
//! again; the offline vector base map below it still shows, and a notice over the map says
//! that the source's tiles failed (once per source).

use super::handle::Map;
use crate::domain::tile_sources::{tile_url, tile_viewport, TileSource};
use crate::domain::tiles::{tile_zoom_for, tiles_for_viewport};
use crate::domain::viewport::Viewport;
use std::collections::{HashMap, VecDeque};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d as Ctx, HtmlImageElement};

/// Tiles kept in memory: a few screens' worth on a large display.
const CAPACITY: usize = 384;

#[derive(Default)]
pub struct TileCache {
    images: HashMap<String, HtmlImageElement>,
    /// Insertion order, oldest first, for eviction.
    order: VecDeque<String>,
}

impl TileCache {
    pub fn len(&self) -> usize {
        self.images.len()
    }

    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// The image for `url`, requesting it (and redrawing the map when it arrives) if new.
    fn get_or_request(
        &mut self,
        url: &str,
        source: &'static TileSource,
        map: &Map,
    ) -> Option<HtmlImageElement> {
        if let Some(img) = self.images.get(url) {
            return Some(img.clone());
        }
        let img = HtmlImageElement::new().ok()?;
        // Anonymous CORS keeps the canvas readable (handout snapshots, tests); a tile server
        // without CORS then fails like an offline one: quietly.
        img.set_cross_origin(Some("anonymous"));
        let state = map.0.state;
        let map = map.clone();
        let redraw = Closure::once_into_js(move || map.request_draw());
        img.set_onload(Some(redraw.unchecked_ref()));
        let failed = Closure::once_into_js(move || {
            crate::ui::notices::push(
                state,
                crate::ui::notices::Notice::TilesFailed { source: source.id },
            )
        });
        img.set_onerror(Some(failed.unchecked_ref()));
        img.set_src(url);
        self.images.insert(url.to_string(), img.clone());
        self.order.push_back(url.to_string());
        while self.order.len() > CAPACITY {
            if let Some(old) = self.order.pop_front() {
                self.images.remove(&old);
            }
        }
        Some(img)
    }
}

/// Draws the source's tiles that have arrived; requests the missing ones.
pub fn draw(
    ctx: &Ctx,
    view: &Viewport,
    source: &'static TileSource,
    key: Option<&str>,
    cache: &mut TileCache,
    map: &Map,
) {
    let laid_out = tile_viewport(view, source.system);
    let z = tile_zoom_for(view, source.min_zoom, source.max_zoom);
    for tile in tiles_for_viewport(&laid_out, z) {
        let Some(url) = tile_url(source, tile.id, key) else {
            return;
        };
        let Some(img) = cache.get_or_request(&url, source, map) else {
            continue;
        };
        if !(img.complete() && img.natural_width() > 0) {
            continue; // still loading, or failed: the vector base map shows through
        }
        let (left, top) = (tile.left_px.round(), tile.top_px.round());
        let right = (tile.left_px + tile.size_px).round();
        let bottom = (tile.top_px + tile.size_px).round();
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
            &img,
            left,
            top,
            right - left,
            bottom - top,
        );
    }
}
