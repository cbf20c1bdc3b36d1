//! Strings shown while activities and visit counts are still being read after the map's
//! first frame (src/ui/load.rs).

use super::Lang;

pub struct LaterStrings {
    /// The status line under the map.
    pub reading: &'static str,
    /// In place of a site's activity list.
    pub activities: &'static str,
    /// The status line while the map shows the sites' points (`sites.points`) and the
    /// sites themselves are still being read.
    pub sites: &'static str,
}

pub static ZH: LaterStrings = LaterStrings {
    reading: "正在加载活动记录和参观人数，并检查数据…",
    activities: "活动记录加载中…",
    sites: "地图已显示全部地点；正在读取地点详情（名称、搜索、筛选稍后可用）…",
};

pub static EN: LaterStrings = LaterStrings {
    reading: "Loading activities and visit counts, then checking the data…",
    activities: "Activities loading…",
    sites:
        "All sites are on the map; reading their details (names, search and filters in a moment)…",
};

pub fn later(lang: Lang) -> &'static LaterStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
