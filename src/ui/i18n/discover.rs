//! Strings of the discovery features: search, filters, time slider, site list, near me,
//! nearby sites.

use super::Lang;

pub struct DiscoverStrings {
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_results: &'static str,
    pub no_results: &'static str,
    pub group_sites: &'static str,
    pub group_routes: &'static str,
    pub group_regions: &'static str,
    pub filters: &'static str,
    pub kind: &'static str,
    /// Under the kind checkboxes: why their counts can add up to more than the sites.
    pub kind_counts_note: &'static str,
    pub region: &'static str,
    pub theme: &'static str,
    pub activity_type: &'static str,
    pub any: &'static str,
    pub has_activities: &'static str,
    pub time: &'static str,
    pub all_time: &'static str,
    pub from_month: &'static str,
    pub to_month: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub reset_filters: &'static str,
    pub no_dated_activities: &'static str,
    pub list: &'static str,
    pub sort_by: &'static str,
    pub sort_name: &'static str,
    pub sort_distance: &'static str,
    pub sort_activities: &'static str,
    pub only_in_view: &'static str,
    pub near_me: &'static str,
    pub locating: &'static str,
    pub geo_denied: &'static str,
    pub geo_failed: &'static str,
    pub geo_unsupported: &'static str,
    pub from_you: &'static str,
    pub from_map_centre: &'static str,
    pub nearby: &'static str,
    pub same_placement: &'static str,
    pub list_empty: &'static str,
    /// A site's details: heritage designation, opening hours, booking.
    pub designation: &'static str,
    pub opening_hours: &'static str,
    pub booking: &'static str,
}

pub static ZH: DiscoverStrings = DiscoverStrings {
    search_label: "搜索地点、路线、地区",
    search_placeholder: "搜索（汉字/拼音）",
    search_results: "搜索结果",
    no_results: "没有找到匹配的地点、路线或地区",
    group_sites: "地点",
    group_routes: "路线",
    group_regions: "地区",
    filters: "筛选",
    kind: "类型",
    kind_counts_note: "一个地点可属多个类型，按其中任一类型计数，故合计可多于地点数；图例按主要类型（地图符号）计数。",
    region: "地区",
    theme: "主题",
    activity_type: "活动类型",
    any: "全部",
    has_activities: "只看有活动记录的地点",
    time: "时间（活动日期）",
    all_time: "全部时间",
    from_month: "起始月份",
    to_month: "结束月份",
    play: "逐月播放",
    pause: "暂停播放",
    reset_filters: "清除筛选",
    no_dated_activities: "没有带日期的活动记录",
    list: "地点列表",
    sort_by: "排序",
    sort_name: "名称",
    sort_distance: "距离",
    sort_activities: "活动数",
    only_in_view: "只列出地图范围内的地点",
    near_me: "我的附近",
    locating: "正在获取您的位置…",
    geo_denied: "未获得定位权限，无法显示您的位置。",
    geo_failed: "无法获取您的位置。",
    geo_unsupported: "此浏览器不支持定位。",
    from_you: "距您",
    from_map_centre: "距地图中心",
    nearby: "附近地点",
    same_placement: "同一位置（距离不详）",
    list_empty: "没有符合筛选条件的地点。",
    designation: "文保级别",
    opening_hours: "开放时间",
    booking: "预约",
};

pub static EN: DiscoverStrings = DiscoverStrings {
    search_label: "Search sites, routes and regions",
    search_placeholder: "Search (name or pinyin)",
    search_results: "Search results",
    no_results: "No matching site, route or region",
    group_sites: "Sites",
    group_routes: "Routes",
    group_regions: "Regions",
    filters: "Filters",
    kind: "Kind",
    kind_counts_note: "A site can have several kinds and counts under each, so these can add up to more than the sites; the legend counts each site once, by its main kind (its symbol).",
    region: "Region",
    theme: "Theme",
    activity_type: "Activity type",
    any: "Any",
    has_activities: "Only sites with recorded activities",
    time: "Time (activity dates)",
    all_time: "All dates",
    from_month: "From month",
    to_month: "To month",
    play: "Play month by month",
    pause: "Pause",
    reset_filters: "Clear filters",
    no_dated_activities: "No dated activities",
    list: "Site list",
    sort_by: "Sort by",
    sort_name: "Name",
    sort_distance: "Distance",
    sort_activities: "Activities",
    only_in_view: "Only sites in the map view",
    near_me: "Near me",
    locating: "Finding your position…",
    geo_denied: "Location permission refused: your position is not shown.",
    geo_failed: "Could not find your position.",
    geo_unsupported: "This browser cannot give a location.",
    from_you: "from you",
    from_map_centre: "from the map centre",
    nearby: "Nearby sites",
    same_placement: "same placement (distance unknown)",
    list_empty: "No site matches the filters.",
    designation: "Designation",
    opening_hours: "Opening hours",
    booking: "Booking",
};

pub fn discover(lang: Lang) -> &'static DiscoverStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// "显示 12 / 20 个地点" / "Showing 12 of 20 sites".
pub fn showing(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} / {total} 个地点"),
        Lang::En => format!("Showing {shown} of {total} sites"),
    }
}

/// "还有 80 个未列出" / "80 more not listed".
pub fn more_not_listed(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("还有 {n} 个未列出，请用筛选或缩放地图缩小范围"),
        Lang::En => format!("{n} more not listed: narrow the filters or zoom in"),
    }
}

/// "3 项活动" / "3 activities".
pub fn activities_n(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 项活动"),
        Lang::En if n == 1 => "1 activity".to_string(),
        Lang::En => format!("{n} activities"),
    }
}

/// Screen-reader text for the number of search results.
pub fn results_n(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 个结果"),
        Lang::En if n == 1 => "1 result".to_string(),
        Lang::En => format!("{n} results"),
    }
}

/// A position's uncertainty radius: "±3000 米" / "±3,000 m".
pub fn radius_text(lang: Lang, radius_m: f64) -> String {
    let m = crate::domain::coverage::group_digits(radius_m.round().max(0.0) as u64);
    match lang {
        Lang::Zh => format!("±{m} 米"),
        Lang::En => format!("±{m} m"),
    }
}
