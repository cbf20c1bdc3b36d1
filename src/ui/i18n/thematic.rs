//! Strings of the thematic map (proportional circles by region), in 简体中文 and English.

use super::Lang;
use crate::domain::coverage::ThemeMeasure;
use crate::domain::model::RegionLevel;

pub struct ThematicStrings {
    pub switch_title: &'static str,
    pub switch_intro: &'static str,
    pub measure: &'static str,
    pub level: &'static str,
    pub back: &'static str,
    pub area_note: &'static str,
    pub not_drawn: &'static str,
    /// Between the names of the regions not drawn.
    pub list_separator: &'static str,
    pub values: &'static str,
    pub region: &'static str,
    pub value: &'static str,
    pub nothing: &'static str,
}

pub static ZH: ThematicStrings = ThematicStrings {
    switch_title: "专题地图",
    switch_intro: "在地图上按区域显示比例圆：圆的面积与所选数字成正比（按当前筛选）。",
    measure: "指标",
    level: "区域层级",
    back: "返回普通地图",
    area_note:
        "圆的面积与数值成正比。区域数据只有中心点、没有边界，因此不做分级设色；空心小圆表示 0。",
    not_drawn: "没有位置、未绘制",
    list_separator: "、",
    values: "各区域数值",
    region: "区域",
    value: "数值",
    nothing: "此层级没有区域记录。",
};

pub static EN: ThematicStrings = ThematicStrings {
    switch_title: "Thematic map",
    switch_intro: "Show proportional circles by region on the map: each circle's area is in proportion to the chosen figure (with the current filters).",
    measure: "Measure",
    level: "Region level",
    back: "Back to the normal map",
    area_note: "Circle area is in proportion to the value. The regions are centre points without outlines, so no shading is drawn; a small empty ring means 0.",
    not_drawn: "No position, not drawn",
    list_separator: ", ",
    values: "Values by region",
    region: "Region",
    value: "Value",
    nothing: "No region records at this level.",
};

pub fn thematic(lang: Lang) -> &'static ThematicStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn measure_label(lang: Lang, m: ThemeMeasure) -> &'static str {
    match (lang, m) {
        (Lang::Zh, ThemeMeasure::Sites) => "地点数",
        (Lang::Zh, ThemeMeasure::Activities) => "活动记录数",
        (Lang::Zh, ThemeMeasure::Participants) => "参与人次",
        (Lang::En, ThemeMeasure::Sites) => "Sites",
        (Lang::En, ThemeMeasure::Activities) => "Activity records",
        (Lang::En, ThemeMeasure::Participants) => "Participants",
    }
}

pub fn legend_title(lang: Lang, m: ThemeMeasure, level: RegionLevel) -> String {
    match lang {
        Lang::Zh => format!("各{}{}", level.label_zh(), measure_label(lang, m)),
        Lang::En => format!(
            "{} by {}",
            measure_label(lang, m),
            level.label_en().to_ascii_lowercase()
        ),
    }
}

/// A value, "≥ n" when some records give no figure.
pub fn value_text(value: u64, at_least: bool) -> String {
    let n = crate::domain::coverage::group_digits(value);
    if at_least {
        format!("≥ {n}")
    } else {
        n
    }
}
