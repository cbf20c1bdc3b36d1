//! Strings of the coverage dashboard (issue 7), in 简体中文 and English.

use super::Lang;
use crate::domain::coverage::{Basis, NotComparable};

pub struct DashboardStrings {
    pub title: &'static str,
    pub back: &'static str,
    pub present: &'static str,
    pub scope_all: &'static str,
    pub scope_filtered: fn(usize, usize) -> String,
    pub loading: &'static str,
    pub headline: &'static str,
    pub sites: &'static str,
    pub routes: &'static str,
    pub teaching_points: &'static str,
    pub activities: &'static str,
    pub sessions: &'static str,
    pub participants: &'static str,
    pub without_figure: fn(usize) -> String,
    pub approximate: fn(usize) -> String,
    pub reported_title: &'static str,
    pub reported_intro: &'static str,
    pub no_reported: &'static str,
    pub region: &'static str,
    pub measure: &'static str,
    pub reported: &'static str,
    pub mapped: &'static str,
    pub difference: &'static str,
    pub completeness: &'static str,
    pub what_counted: &'static str,
    pub not_comparable: &'static str,
    pub same_measure: fn(usize) -> String,
    pub months_title: &'static str,
    pub months_intro: &'static str,
    pub started: &'static str,
    pub running: &'static str,
    pub month: &'static str,
    pub chart_table: &'static str,
    pub no_activities: &'static str,
    pub gaps_title: &'static str,
    pub radius_label: &'static str,
    pub gaps_summary: fn(usize, usize, f64) -> String,
    pub unlocated: fn(usize) -> String,
    pub level: &'static str,
    pub nearest: &'static str,
    pub distance_km: &'static str,
    pub no_site: &'static str,
    pub show_on_map: &'static str,
    pub regions_title: &'static str,
    pub unplaced: &'static str,
    pub kinds_title: &'static str,
    pub kind: &'static str,
    pub main_kind: &'static str,
    pub any_role: &'static str,
    pub types_title: &'static str,
    pub activity_type: &'static str,
    pub records: &'static str,
    pub download_csv: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
}

pub static ZH: DashboardStrings = DashboardStrings {
    title: "统计看板",
    back: "返回地图",
    present: "演示模式",
    scope_all: "全部已加载数据",
    scope_filtered: |shown, all| format!("按当前筛选:{shown} / {all} 个地点"),
    loading: "数据加载中…",
    headline: "总览",
    sites: "地点",
    routes: "路线",
    teaching_points: "现场教学点",
    activities: "活动记录",
    sessions: "场次",
    participants: "人次",
    without_figure: |n| format!("{n} 条记录未给出数字,合计为下限"),
    approximate: |n| format!("其中 {n} 个数字为约数或“以上”"),
    reported_title: "上报与上图对比",
    reported_intro: "上报数为全区(市)总数;已上图为该地区及下级地区在地图上的记录。",
    no_reported: "数据中没有上报总数。",
    region: "地区",
    measure: "指标",
    reported: "上报",
    mapped: "已上图",
    difference: "差额",
    completeness: "完成度",
    what_counted: "口径与说明",
    not_comparable: "不可比",
    same_measure: |n| format!("该地区同一指标有 {n} 项上报(口径不同),共用同一上图数"),
    months_title: "按月份的活动",
    months_intro: "每条活动记录计入其开始月份;跨月活动另计“进行中”。",
    started: "当月开始",
    running: "进行中",
    month: "月份",
    chart_table: "图表数据表",
    no_activities: "没有活动记录。",
    gaps_title: "空白点",
    radius_label: "距离(公里)",
    gaps_summary: |gaps, checked, km| {
        format!("{checked} 个镇街/县区驻地中,有 {gaps} 个在 {km} 公里内没有任何地点")
    },
    unlocated: |n| format!("另有 {n} 个地区没有坐标,未检查"),
    level: "层级",
    nearest: "最近地点",
    distance_km: "距离(公里)",
    no_site: "无地点",
    show_on_map: "在地图上查看",
    regions_title: "按地区",
    unplaced: "未能归入地区",
    kinds_title: "按地点类型",
    kind: "类型",
    main_kind: "主类型",
    any_role: "含兼有此类",
    types_title: "按活动类型",
    activity_type: "活动类型",
    records: "记录数",
    download_csv: "下载 CSV",
    download_svg: "下载 SVG",
    download_png: "下载 PNG",
};

pub static EN: DashboardStrings = DashboardStrings {
    title: "Coverage dashboard",
    back: "Back to the map",
    present: "Present",
    scope_all: "All loaded data",
    scope_filtered: |shown, all| format!("Current filters: {shown} of {all} sites"),
    loading: "Loading data…",
    headline: "Overview",
    sites: "Sites",
    routes: "Routes",
    teaching_points: "Teaching points",
    activities: "Activity records",
    sessions: "Sessions",
    participants: "Participants",
    without_figure: |n| format!("{n} records give no figure: the total is a lower bound"),
    approximate: |n| format!("{n} of the figures are \"about\" or \"over\""),
    reported_title: "Reported vs mapped",
    reported_intro: "Reported figures are district totals; mapped counts what the map holds in the region and below it.",
    no_reported: "The data holds no reported totals.",
    region: "Region",
    measure: "Measure",
    reported: "Reported",
    mapped: "Mapped",
    difference: "Difference",
    completeness: "Complete",
    what_counted: "What is counted",
    not_comparable: "not comparable",
    same_measure: |n| format!("{n} reported figures of this measure (different programmes) share one mapped count"),
    months_title: "Activities by month",
    months_intro: "Each activity record counts in the month it starts; records running over several months are shown as \"under way\".",
    started: "Starting",
    running: "Under way",
    month: "Month",
    chart_table: "Chart data as a table",
    no_activities: "No activity records.",
    gaps_title: "Gaps",
    radius_label: "Distance (km)",
    gaps_summary: |gaps, checked, km| format!("{gaps} of {checked} towns and seats have no site within {km} km"),
    unlocated: |n| format!("{n} more regions have no position and were not checked"),
    level: "Level",
    nearest: "Nearest site",
    distance_km: "Distance (km)",
    no_site: "no site",
    show_on_map: "Show on map",
    regions_title: "By region",
    unplaced: "Not placed in any region",
    kinds_title: "By site kind",
    kind: "Kind",
    main_kind: "Main kind",
    any_role: "Incl. further roles",
    types_title: "By activity type",
    activity_type: "Activity type",
    records: "Records",
    download_csv: "Download CSV",
    download_svg: "Download SVG",
    download_png: "Download PNG",
};

pub fn dashboard(lang: Lang) -> &'static DashboardStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// What a mapped figure counts, in words.
pub fn basis_text(lang: Lang, basis: Basis) -> String {
    let zh = lang == Lang::Zh;
    match basis {
        Basis::SitesOfKind(k) if zh => format!("“{}”类地点(含兼有)", k.label_zh()),
        Basis::SitesOfKind(k) => {
            format!("sites of kind \"{}\" (incl. further roles)", k.label_en())
        }
        Basis::RoutesWithStop if zh => "至少一站在区内的路线".into(),
        Basis::RoutesWithStop => "routes with a stop in the region".into(),
        Basis::ActivityRecords if zh => "活动记录条数".into(),
        Basis::ActivityRecords => "activity records".into(),
        Basis::ActivityRecordsOfType(t) if zh => format!("“{}”类活动记录", t.label_zh()),
        Basis::ActivityRecordsOfType(t) => format!("activity records of type \"{}\"", t.label_en()),
        Basis::SessionsGiven | Basis::ParticipantsGiven if zh => "记录给出的数字之和".into(),
        Basis::SessionsGiven | Basis::ParticipantsGiven => "sum of the figures records give".into(),
    }
}

/// Why a reported figure is not compared.
pub fn not_comparable_text(lang: Lang, why: NotComparable) -> String {
    let zh = lang == Lang::Zh;
    match why {
        NotComparable::CampaignSubset if zh => "上报数为活动中提升的红色资源,数据未记录哪些地点被提升".into(),
        NotComparable::CampaignSubset => {
            "the report counts resources upgraded in a campaign, which the data does not record".into()
        }
        NotComparable::ProgrammeTally { recorded, without_figure } if zh => format!(
            "上报数为整项工作的总量,地图上的记录为单次活动;记录合计 {recorded}({without_figure} 条未给数字)"
        ),
        NotComparable::ProgrammeTally { recorded, without_figure } => format!(
            "the report is a programme's total, the map's records are single events; they add up to {recorded} ({without_figure} give no figure)"
        ),
    }
}
