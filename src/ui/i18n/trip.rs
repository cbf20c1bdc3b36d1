//! Strings of the themed routes panel, the trip planner, the shared-trip dialog and the
//! printed handout, in 简体中文 and English.

use super::Lang;

pub struct TripStrings {
    pub routes: &'static str,
    pub no_routes: &'static str,
    pub stop_word: &'static str,
    pub assumed: &'static str,
    /// A route whose stops all sit at one approximate position (e.g. a town's centre): its
    /// length cannot be told; the time that follows is the visits' alone.
    pub length_unknown: &'static str,
    pub visits_take: &'static str,
    pub prev_stop: &'static str,
    pub next_stop: &'static str,
    pub first_stop: &'static str,
    pub add_route_stops: &'static str,
    pub export_route: &'static str,
    pub my_trip: &'static str,
    pub trip_empty_hint: &'static str,
    pub add_to_trip: &'static str,
    pub in_trip_remove: &'static str,
    pub trip_title: &'static str,
    pub trip_title_placeholder: &'static str,
    pub date: &'static str,
    pub start_time: &'static str,
    pub end_time: &'static str,
    pub mode: &'static str,
    pub visit_min: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub drag_hint: &'static str,
    pub arrive: &'static str,
    pub depart: &'static str,
    pub not_in_data: &'static str,
    pub hours_unknown: &'static str,
    pub hours_closed_day: &'static str,
    pub hours_outside: &'static str,
    pub totals: &'static str,
    pub total_distance: &'static str,
    pub travel_time: &'static str,
    pub visit_time: &'static str,
    pub day_ends: &'static str,
    pub optimise: &'static str,
    pub optimise_start: &'static str,
    pub optimise_end: &'static str,
    pub end_anywhere: &'static str,
    pub show_on_map: &'static str,
    pub share: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    /// The clipboard is missing or refused the link: it is shown to copy by hand.
    pub copy_by_hand: &'static str,
    pub export: &'static str,
    pub handout: &'static str,
    pub print: &'static str,
    pub clear_trip: &'static str,
    pub undo: &'static str,
    pub shared_title: &'static str,
    pub replace_mine: &'static str,
    pub add_to_mine: &'static str,
    pub keep_mine: &'static str,
    pub handout_default_title: &'static str,
    pub what_to_see: &'static str,
    pub site: &'static str,
    pub address: &'static str,
    pub scan_to_open: &'static str,
    pub map_of_trip: &'static str,
    /// In the handout while its map is being drawn.
    pub map_pending: &'static str,
    pub qr_label: &'static str,
    pub close: &'static str,
    pub estimate_word: &'static str,
    pub leg_from_previous: &'static str,
}

pub static ZH: TripStrings = TripStrings {
    routes: "研学路线",
    no_routes: "此数据中没有路线。",
    stop_word: "站",
    assumed: "假定",
    length_unknown: "距离未知（各站位置为近似）",
    visits_take: "参观约",
    prev_stop: "‹ 上一站",
    next_stop: "下一站 ›",
    first_stop: "从第 1 站开始 ›",
    add_route_stops: "将各站加入我的行程",
    export_route: "导出路线",
    my_trip: "我的行程",
    trip_empty_hint: "在地点详情中点击“加入我的行程”，或在研学路线中把各站加入行程。",
    add_to_trip: "＋ 加入我的行程",
    in_trip_remove: "✓ 已在行程中（点击移除）",
    trip_title: "行程名称",
    trip_title_placeholder: "例如：八年级研学",
    date: "日期",
    start_time: "出发时间",
    end_time: "最晚结束（可选）",
    mode: "出行方式",
    visit_min: "停留（分钟）",
    move_up: "上移",
    move_down: "下移",
    remove: "移除",
    drag_hint: "可拖动排序，或用 ↑ ↓ 按钮。",
    arrive: "到达",
    depart: "离开",
    not_in_data: "当前数据中没有此地点（已保留在行程中）",
    hours_unknown: "开放时间未知",
    hours_closed_day: "当天闭馆",
    hours_outside: "不在开放时间内",
    totals: "合计",
    total_distance: "路程（估算）",
    travel_time: "路上时间",
    visit_time: "参观时间",
    day_ends: "结束时间",
    optimise: "优化顺序",
    optimise_start: "起点",
    optimise_end: "终点",
    end_anywhere: "不限",
    show_on_map: "在地图上显示行程",
    share: "分享链接",
    copy_link: "复制链接",
    link_copied: "链接已复制",
    copy_by_hand: "无法自动复制，请手动复制下方链接",
    export: "导出",
    handout: "打印行程单",
    print: "打印",
    clear_trip: "清空行程",
    undo: "撤销",
    shared_title: "打开分享的行程？",
    replace_mine: "用分享的行程替换我的行程",
    add_to_mine: "把其中的地点加入我的行程",
    keep_mine: "保留我的行程",
    handout_default_title: "研学行程",
    what_to_see: "参观内容",
    site: "地点",
    address: "地址",
    scan_to_open: "扫码在手机上打开此行程",
    map_of_trip: "行程地图",
    map_pending: "正在绘制行程地图…",
    qr_label: "行程链接的二维码",
    close: "关闭",
    estimate_word: "估算",
    leg_from_previous: "自上一站",
};

pub static EN: TripStrings = TripStrings {
    routes: "Themed routes",
    no_routes: "This data has no routes.",
    stop_word: "stops",
    assumed: "assumed",
    length_unknown: "distance unknown (stop positions approximate)",
    visits_take: "visits ≈",
    prev_stop: "‹ Previous",
    next_stop: "Next ›",
    first_stop: "Start at stop 1 ›",
    add_route_stops: "Add its stops to my trip",
    export_route: "Export route",
    my_trip: "My trip",
    trip_empty_hint: "Add sites with “Add to my trip” in a site's details, or add a route's stops from the themed routes.",
    add_to_trip: "+ Add to my trip",
    in_trip_remove: "✓ In my trip (remove)",
    trip_title: "Trip name",
    trip_title_placeholder: "e.g. Grade 8 field trip",
    date: "Date",
    start_time: "Start",
    end_time: "Must end by (optional)",
    mode: "Travel mode",
    visit_min: "Visit (min)",
    move_up: "Move up",
    move_down: "Move down",
    remove: "Remove",
    drag_hint: "Drag to reorder, or use the ↑ ↓ buttons.",
    arrive: "Arrive",
    depart: "Leave",
    not_in_data: "Not in the loaded data (kept in your trip)",
    hours_unknown: "hours unknown",
    hours_closed_day: "closed that day",
    hours_outside: "outside opening hours",
    totals: "Totals",
    total_distance: "Distance (estimate)",
    travel_time: "Travelling",
    visit_time: "Visiting",
    day_ends: "Day ends",
    optimise: "Optimise order",
    optimise_start: "Start at",
    optimise_end: "End at",
    end_anywhere: "anywhere",
    show_on_map: "Show the trip on the map",
    share: "Share link",
    copy_link: "Copy link",
    link_copied: "Link copied",
    copy_by_hand: "Could not copy automatically: copy the link below",
    export: "Export",
    handout: "Print handout",
    print: "Print",
    clear_trip: "Clear trip",
    undo: "Undo",
    shared_title: "Open a shared trip?",
    replace_mine: "Replace my trip with it",
    add_to_mine: "Add its sites to my trip",
    keep_mine: "Keep my trip",
    handout_default_title: "Field trip",
    what_to_see: "What to see",
    site: "Site",
    address: "Address",
    scan_to_open: "Scan to open this trip on a phone",
    map_of_trip: "Map of the trip",
    map_pending: "Drawing the map of the trip…",
    qr_label: "QR code of the trip's link",
    close: "Close",
    estimate_word: "estimate",
    leg_from_previous: "from the previous stop",
};

pub fn trip(lang: Lang) -> &'static TripStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// "1.4 km" / "850 m".
pub fn distance(m: f64) -> String {
    if m < 1000.0 {
        format!("{} m", (m / 10.0).round() * 10.0)
    } else {
        format!("{:.1} km", m / 1000.0)
    }
}

/// "1 小时 05 分" / "1 h 05 min"; under an hour only minutes.
pub fn duration(lang: Lang, min: u32) -> String {
    match (lang, min / 60, min % 60) {
        (Lang::Zh, 0, m) => format!("{m} 分钟"),
        (Lang::Zh, h, m) => format!("{h} 小时 {m:02} 分"),
        (Lang::En, 0, m) => format!("{m} min"),
        (Lang::En, h, m) => format!("{h} h {m:02} min"),
    }
}

/// The estimate note for a mode: what the times are based on.
pub fn estimate_note(lang: Lang, mode_label: &str, speed_kmh: f64, detour: f64) -> String {
    match lang {
        Lang::Zh => format!("时间为估算：直线距离 × {detour}（绕行系数），按{mode_label}平均 {speed_kmh} 公里/小时计算，不是导航路线。"),
        Lang::En => format!("Times are estimates: straight-line distance × {detour} (detour factor) at an average {speed_kmh} km/h ({mode_label}), not a routed path."),
    }
}

/// "第 2 站，共 4 站" / "Stop 2 of 4".
pub fn stop_of(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 站，共 {total} 站"),
        Lang::En => format!("Stop {n} of {total}"),
    }
}

/// The shared-trip dialog's explanation.
pub fn shared_body(lang: Lang, shared: usize, mine: usize) -> String {
    match lang {
        Lang::Zh => format!("链接中有一个 {shared} 站的行程。你已保存的行程有 {mine} 站，不会在未经你同意时被替换。"),
        Lang::En => format!("The link holds a trip of {shared} stops. Your saved trip has {mine} stops; it is not replaced unless you say so."),
    }
}

/// Said (in the live region) after a stop is moved with the keyboard or by dragging.
pub fn moved_to(lang: Lang, name: &str, position: usize) -> String {
    match lang {
        Lang::Zh => format!("“{name}”已移到第 {position} 站"),
        Lang::En => format!("“{name}” is now stop {position}"),
    }
}
