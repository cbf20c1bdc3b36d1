//! Strings of the hardening features: embed mode's link, and the notices that say a part of
//! the app failed while the rest keeps working.

use super::Lang;

pub struct HardenStrings {
    /// The link out of an embedded map (`?embed=1`).
    pub open_full_map: &'static str,
    pub open_full_map_label: &'static str,
    /// The card with the selected site's or route's details over an embedded map.
    pub embed_details: &'static str,
    pub notices_label: &'static str,
    pub dismiss: &'static str,
    /// A layer file of the dataset could not be fetched; the file name follows.
    pub layer_failed: &'static str,
    pub layer_failed_rest: &'static str,
    /// Raster tiles failed; the source's name follows.
    pub tiles_failed: &'static str,
    pub tiles_failed_rest: &'static str,
}

pub static ZH: HardenStrings = HardenStrings {
    open_full_map: "打开完整地图 ↗",
    open_full_map_label: "在新标签页打开完整地图（保持当前视图）",
    embed_details: "所选地点或路线的详情",
    notices_label: "提示",
    dismiss: "关闭提示",
    layer_failed: "数据文件无法加载：",
    layer_failed_rest: "。其余数据已显示。",
    tiles_failed: "底图瓦片无法加载：",
    tiles_failed_rest: "（离线或服务器拒绝），已显示离线底图。",
};

pub static EN: HardenStrings = HardenStrings {
    open_full_map: "Open full map ↗",
    open_full_map_label: "Open the full map in a new tab (same view)",
    embed_details: "Details of the selected site or route",
    notices_label: "Notices",
    dismiss: "Dismiss notice",
    layer_failed: "A data file could not be loaded: ",
    layer_failed_rest: ". The rest of the data is shown.",
    tiles_failed: "Base-map tiles could not be loaded: ",
    tiles_failed_rest: " (offline, or the server refused); the offline map is shown.",
};

pub fn harden(lang: Lang) -> &'static HardenStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
