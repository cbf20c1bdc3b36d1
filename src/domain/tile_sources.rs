//! Raster tile base maps as a small configuration: URL template, attribution, zoom range and
//! the coordinate system the tiles are drawn in. Amap/Gaode tiles are GCJ-02: to put
//! WGS-84 data on the right street, the tile layer is laid out for the GCJ-02 position of the
//! map centre (`tile_viewport`), which is the same as shifting every point by the centre's
//! offset. The offset itself changes by about 2 m per km, so a point 1 km from the centre
//! is drawn within ~2 m of its street (about 1 px at zoom 16): exact enough for "which
//! street", and it costs nothing per point, where shifting 100k points each frame would not.
//!
//! Pure: no fetching, caching or drawing (that is `ui/map/tiles.rs`).

use super::coords::CoordSystem;
use super::tiles::TileId;
use super::viewport::Viewport;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TileSource {
    /// Stable id, kept in local storage and the URL.
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// `{z}`, `{x}`, `{y}`, `{s}` (subdomain) and `{key}` are filled in.
    pub url_template: &'static str,
    pub subdomains: &'static [&'static str],
    pub attribution: &'static str,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub system: CoordSystem,
    /// The provider requires the user's own key (Tianditu's `tk`).
    pub needs_key: bool,
}

pub const OSM: TileSource = TileSource {
    id: "osm",
    name_zh: "OpenStreetMap",
    name_en: "OpenStreetMap",
    url_template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    subdomains: &[],
    attribution: "© OpenStreetMap contributors",
    min_zoom: 0,
    max_zoom: 19,
    system: CoordSystem::Wgs84,
    needs_key: false,
};

/// 天地图 vector map (CGCS2000, which agrees with WGS-84 to centimetres).
pub const TIANDITU: TileSource = TileSource {
    id: "tianditu",
    name_zh: "天地图",
    name_en: "Tianditu",
    url_template: "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
    subdomains: &["0", "1", "2", "3", "4", "5", "6", "7"],
    attribution: "天地图 © 国家地理信息公共服务平台",
    min_zoom: 1,
    max_zoom: 18,
    system: CoordSystem::Wgs84,
    needs_key: true,
};

pub const AMAP: TileSource = TileSource {
    id: "amap",
    name_zh: "高德地图",
    name_en: "Amap (Gaode)",
    url_template: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
    subdomains: &["1", "2", "3", "4"],
    attribution: "© 高德地图 AutoNavi",
    min_zoom: 3,
    max_zoom: 18,
    system: CoordSystem::Gcj02,
    needs_key: false,
};

/// The raster sources offered in the layer switcher (besides "offline vector only").
pub const SOURCES: &[TileSource] = &[OSM, TIANDITU, AMAP];

pub fn by_id(id: &str) -> Option<&'static TileSource> {
    SOURCES.iter().find(|s| s.id == id)
}

/// The tile's URL, or `None` when the source needs a key and none is given.
pub fn tile_url(source: &TileSource, tile: TileId, key: Option<&str>) -> Option<String> {
    let key = key.map(str::trim).filter(|k| !k.is_empty());
    if source.needs_key && key.is_none() {
        return None;
    }
    let sub = if source.subdomains.is_empty() {
        ""
    } else {
        source.subdomains[(tile.x as usize + tile.y as usize) % source.subdomains.len()]
    };
    let url = source
        .url_template
        .replace("{z}", &tile.z.to_string())
        .replace("{x}", &tile.x.to_string())
        .replace("{y}", &tile.y.to_string())
        .replace("{s}", sub)
        .replace("{key}", &percent_encode(key.unwrap_or("")));
    Some(url)
}

/// The viewport to lay this source's tiles out with: the same screen, centred on the map
/// centre as the source's coordinate system writes it.
pub fn tile_viewport(view: &Viewport, system: CoordSystem) -> Viewport {
    view.with_center(system.from_wgs84(view.center))
}

/// Keys are user input: keep URL-safe characters, encode the rest.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::{distance_m, LonLat};
    use crate::domain::projection::ScreenPoint;

    #[test]
    fn urls_fill_every_placeholder() {
        let t = TileId {
            z: 12,
            x: 3345,
            y: 1780,
        };
        assert_eq!(
            tile_url(&OSM, t, None).as_deref(),
            Some("https://tile.openstreetmap.org/12/3345/1780.png")
        );
        let amap = tile_url(&AMAP, t, None).expect("no key needed");
        assert!(
            amap.starts_with("https://webrd0") && amap.contains("x=3345&y=1780&z=12"),
            "{amap}"
        );
        assert!(!amap.contains('{'));
    }

    #[test]
    fn tianditu_needs_a_key_and_encodes_it() {
        let t = TileId { z: 5, x: 25, y: 13 };
        assert_eq!(tile_url(&TIANDITU, t, None), None);
        assert_eq!(tile_url(&TIANDITU, t, Some("  ")), None);
        let url = tile_url(&TIANDITU, t, Some("ab&c")).expect("with key");
        assert!(
            url.ends_with("tk=ab%26c") && url.contains("TILEMATRIX=5&TILEROW=13&TILECOL=25"),
            "{url}"
        );
    }

    /// A WGS-84 site drawn over GCJ-02 tiles lands where the tiles show its GCJ-02 position:
    /// the screen offset between the two must be (near) zero, while without the correction
    /// it would be the ~600 m GCJ offset.
    #[test]
    fn gcj02_tiles_line_up_with_wgs84_data() {
        let view = Viewport::new(LonLat::new(113.14, 23.03), 16.0, 800.0, 600.0, 1.0);
        let tiles_view = tile_viewport(&view, CoordSystem::Gcj02);
        let site = LonLat::new(113.15, 23.035); // ~1 km from the centre
        let drawn_at = view.lonlat_to_screen(site);
        let on_tiles = tiles_view.lonlat_to_screen(CoordSystem::Gcj02.from_wgs84(site));
        let miss_px = (drawn_at.x_px - on_tiles.x_px).hypot(drawn_at.y_px - on_tiles.y_px);
        let miss_m = miss_px * crate::domain::projection::metres_per_px(site.lat, view.zoom);
        assert!(
            miss_m < 3.0,
            "site misses its street by {miss_m} m ({miss_px} px)"
        );
        let uncorrected = view.lonlat_to_screen(CoordSystem::Gcj02.from_wgs84(site));
        let shift_m = distance_m(site, CoordSystem::Gcj02.from_wgs84(site));
        assert!(shift_m > 500.0, "the GCJ-02 offset here is {shift_m} m");
        let px = |a: ScreenPoint, b: ScreenPoint| (a.x_px - b.x_px).hypot(a.y_px - b.y_px);
        assert!(px(drawn_at, uncorrected) > 100.0);
    }

    #[test]
    fn wgs84_sources_are_not_shifted() {
        let view = Viewport::new(LonLat::new(106.02, 27.04), 10.0, 400.0, 400.0, 1.0);
        assert_eq!(tile_viewport(&view, CoordSystem::Wgs84), view);
    }
}
