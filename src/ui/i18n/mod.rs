//! Every UI string, in 简体中文 (the default) and English, in one place: this folder.
//!
//! Structs rather than key/value tables so that a missing translation is a compile error.
//! The shell's strings are here; each feature keeps its own struct in a file beside this
//! one (e.g. `search.rs` with `SearchStrings` and `ZH`/`EN` statics).

pub mod chunk;
pub mod dashboard;
pub mod import;
pub mod thematic;

use std::fmt::Display;

pub mod discover;
pub mod harden;
pub mod later;
pub mod pinyin;
pub mod trip;
pub mod url_notice;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
    /// The language of data texts this UI shows first (`domain::model::choose`).
    pub fn text_lang(self) -> crate::domain::model::TextLang {
        match self {
            Lang::Zh => crate::domain::model::TextLang::Zh,
            Lang::En => crate::domain::model::TextLang::En,
        }
    }
    /// A distance with this language's units: "850 米", "12 公里" / "850 m", "12 km".
    pub fn distance(self, distance_m: f64) -> String {
        match self {
            Lang::Zh => crate::domain::nearby::format_distance_in(distance_m, "米", "公里"),
            Lang::En => crate::domain::nearby::format_distance(distance_m),
        }
    }
    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Strings {
    pub app_title: &'static str,
    pub app_subtitle: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_label: &'static str,
    pub map_label: &'static str,
    pub panel_label: &'static str,
    pub loading: &'static str,
    pub loading_files: &'static str,
    pub load_failed: &'static str,
    pub data_problems: &'static str,
    pub no_problems: &'static str,
    pub severity_error: &'static str,
    pub severity_warning: &'static str,
    pub severity_info: &'static str,
    pub layers: &'static str,
    pub sites_layer: &'static str,
    pub routes_layer: &'static str,
    pub regions_layer: &'static str,
    pub close: &'static str,
    pub expand_panel: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit_all: &'static str,
    pub kind: &'static str,
    /// Under the legend: its counts are by main kind, one per site.
    pub legend_note: &'static str,
    pub address: &'static str,
    pub admin_place: &'static str,
    pub summary: &'static str,
    pub position: &'static str,
    pub sources: &'static str,
    pub activities: &'static str,
    pub no_activities: &'static str,
    pub participants: &'static str,
    pub sessions: &'static str,
    pub visits: &'static str,
    pub no_visits: &'static str,
    pub routes_here: &'static str,
    pub properties: &'static str,
    pub select_hint: &'static str,
    pub dataset_from: &'static str,
    pub custom_data: &'static str,
    pub something_wrong: &'static str,
    pub reload: &'static str,
    pub stops: &'static str,
    pub basemap: &'static str,
    pub basemap_offline: &'static str,
    pub tianditu_key: &'static str,
    pub tiles_note: &'static str,
    pub gcj_note: &'static str,
    /// The header's button that opens the coverage dashboard (its own strings are a chunk's).
    pub dashboard: &'static str,
    pub dashboard_label: &'static str,
}

pub static ZH: Strings = Strings {
    app_title: "红色教育地图",
    app_subtitle: "革命旧址 · 纪念设施 · 研学基地 · 研学路线",
    switch_lang: "English",
    switch_lang_label: "Switch to English",
    map_label: "地图：红色教育地点与研学路线",
    panel_label: "详情面板",
    loading: "正在加载数据…",
    loading_files: "已加载文件",
    load_failed: "无法加载数据",
    data_problems: "数据问题",
    no_problems: "未发现数据问题",
    severity_error: "错误",
    severity_warning: "警告",
    severity_info: "提示",
    layers: "图层",
    sites_layer: "地点",
    routes_layer: "路线",
    regions_layer: "区域",
    close: "关闭",
    expand_panel: "展开或收起面板",
    zoom_in: "放大",
    zoom_out: "缩小",
    fit_all: "显示全部",
    kind: "类型",
    legend_note: "按主要类型（地图符号）计数，每个地点计一次",
    address: "地址",
    admin_place: "行政区",
    summary: "简介",
    position: "位置精度",
    sources: "资料来源",
    activities: "活动",
    no_activities: "暂无活动记录",
    participants: "参与人次",
    sessions: "场次",
    visits: "参观人数",
    no_visits: "资料未报告参观人数",
    routes_here: "经过此地的路线",
    properties: "属性",
    select_hint: "点击地图上的地点查看详情。",
    dataset_from: "数据",
    custom_data: "自定义数据",
    something_wrong: "出错了，请重新加载页面。",
    reload: "重新加载",
    stops: "站",
    basemap: "底图",
    basemap_offline: "离线矢量底图（无需网络）",
    tianditu_key: "天地图密钥 (tk)",
    tiles_note: "在线底图需要网络；加载失败时仍显示离线底图。",
    gcj_note: "GCJ-02 坐标系：地点已校正到高德底图上。",
    dashboard: "统计",
    dashboard_label: "打开统计看板",
};

pub static EN: Strings = Strings {
    app_title: "Red Education Map",
    app_subtitle: "Revolutionary sites · memorials · study bases · study routes",
    switch_lang: "中文",
    switch_lang_label: "切换到中文",
    map_label: "Map of red-education sites and study routes",
    panel_label: "Details panel",
    loading: "Loading data…",
    loading_files: "files loaded",
    load_failed: "Could not load the data",
    data_problems: "Data problems",
    no_problems: "No data problems found",
    severity_error: "error",
    severity_warning: "warning",
    severity_info: "note",
    layers: "Layers",
    sites_layer: "Sites",
    routes_layer: "Routes",
    regions_layer: "Regions",
    close: "Close",
    expand_panel: "Expand or collapse the panel",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit_all: "Show all",
    kind: "Kind",
    legend_note: "Counted by main kind (the symbol on the map), each site once",
    address: "Address",
    admin_place: "Administrative place",
    summary: "Summary",
    position: "Position precision",
    sources: "Sources",
    activities: "Activities",
    no_activities: "No activities recorded",
    participants: "Participants",
    sessions: "Sessions",
    visits: "Visitors",
    no_visits: "No visit figures reported",
    routes_here: "Routes through this place",
    properties: "Properties",
    select_hint: "Select a site on the map to see its details.",
    dataset_from: "Data",
    custom_data: "Custom data",
    something_wrong: "Something went wrong. Please reload the page.",
    reload: "Reload",
    stops: "stops",
    basemap: "Base map",
    basemap_offline: "Offline vector map (no network needed)",
    tianditu_key: "Tianditu key (tk)",
    tiles_note: "Online maps need a network; if tiles fail the offline map still shows.",
    gcj_note: "GCJ-02: sites are corrected to sit on the Amap streets.",
    dashboard: "Dashboard",
    dashboard_label: "Open the coverage dashboard",
};

/// "已加载文件 3/6" / "3/6 files loaded".
pub fn progress_text(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{} {done}/{total}", lang.t().loading_files),
        Lang::En => format!("{done}/{total} {}", lang.t().loading_files),
    }
}

/// The map's note while the view lies inside a site's position ring (`ui::map::draw`), in
/// three short lines (a phone's width): `radius` is worded, e.g. "5.0 km".
pub fn ring_note(lang: Lang, radius: &str) -> [String; 3] {
    match lang {
        Lang::Zh => [
            "位置为近似：".to_string(),
            format!("实际地点在 ± {radius} 范围内，"),
            "可能在此视图之外".to_string(),
        ],
        Lang::En => [
            "Position approximate:".to_string(),
            format!("the real site is within ± {radius},"),
            "maybe outside this view".to_string(),
        ],
    }
}

/// A count with its noun: "23 个地点" / "23 sites".
pub fn count_of(lang: Lang, n: impl Display, zh_noun: &str, en_noun: &str) -> String {
    match lang {
        Lang::Zh => format!("{n} {zh_noun}"),
        Lang::En => format!("{n} {en_noun}"),
    }
}
