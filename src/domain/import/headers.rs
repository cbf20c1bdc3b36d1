//! Header names in Chinese and English ("经度(WGS84)", "Longitude", "参与人数") and the
//! field each names. Exact words first (the specific "活动名称" before the general "名称"),
//! then stems inside longer headers ("红色资源名称" names the name).

use super::columns::Field;

/// Header words per field, compared after [`normalise_header`]; first match wins, and the
/// specific ones ("活动名称") come before the general ones ("名称").
const EXACT: &[(Field, &[&str])] = &[
    (
        Field::ActivityTitle,
        &[
            "活动名称",
            "活动主题",
            "活动标题",
            "activity",
            "activitytitle",
            "event",
        ],
    ),
    (
        Field::ActivityType,
        &[
            "活动类型",
            "活动形式",
            "活动类别",
            "activitytype",
            "eventtype",
        ],
    ),
    (
        Field::NameEn,
        &["英文名", "英文名称", "nameen", "englishname", "name_en"],
    ),
    (Field::Id, &["id", "编号", "代码", "code", "fid"]),
    (
        Field::LatLon,
        &[
            "坐标",
            "纬经度",
            "latlon",
            "latlng",
            "lat,lon",
            "lat,lng",
            "lat/lon",
            "coordinates",
            "coords",
            "location",
            "位置坐标",
            "点位坐标",
        ],
    ),
    (
        Field::LonLat,
        &[
            "经纬度",
            "lonlat",
            "lnglat",
            "lon,lat",
            "lng,lat",
            "lon/lat",
        ],
    ),
    (
        Field::Lon,
        &[
            "经度",
            "东经",
            "lon",
            "lng",
            "long",
            "longitude",
            "x",
            "经度坐标",
        ],
    ),
    (
        Field::Lat,
        &["纬度", "北纬", "lat", "latitude", "y", "纬度坐标"],
    ),
    (
        Field::Kind,
        &["类型", "类别", "分类", "性质", "kind", "type", "category"],
    ),
    (
        Field::Address,
        &["地址", "详细地址", "所在地址", "address", "addr"],
    ),
    (
        Field::Summary,
        &[
            "简介",
            "描述",
            "说明",
            "备注",
            "介绍",
            "description",
            "desc",
            "summary",
            "note",
            "notes",
            "remarks",
        ],
    ),
    (Field::Province, &["省", "省份", "省区", "province"]),
    (
        Field::City,
        &["市", "城市", "地市", "地级市", "city", "prefecture"],
    ),
    (
        Field::County,
        &[
            "区县", "县区", "县", "区", "县(区)", "区(县)", "county", "district",
        ],
    ),
    (
        Field::Town,
        &[
            "镇",
            "镇街",
            "乡镇",
            "街道",
            "镇(街道)",
            "乡镇(街道)",
            "town",
            "township",
            "subdistrict",
        ],
    ),
    (
        Field::Date,
        &[
            "日期",
            "时间",
            "活动日期",
            "活动时间",
            "开展时间",
            "举办时间",
            "date",
            "time",
            "when",
        ],
    ),
    (
        Field::Participants,
        &[
            "人数",
            "人次",
            "参与人数",
            "参加人数",
            "参与人次",
            "参加人次",
            "受众",
            "受众人次",
            "participants",
            "attendance",
            "people",
            "visitors",
        ],
    ),
    (Field::Sessions, &["场次", "次数", "场数", "sessions"]),
    (
        Field::Name,
        &[
            "名称",
            "名字",
            "地点",
            "地点名称",
            "站点名称",
            "单位名称",
            "基地名称",
            "场馆名称",
            "旧址名称",
            "点位名称",
            "标题",
            "name",
            "namezh",
            "name_zh",
            "title",
            "site",
            "place",
        ],
    ),
];

/// Stems that identify a field inside a longer header ("红色资源名称", "参观人数").
const STEMS: &[(&str, Field)] = &[
    ("经度", Field::Lon),
    ("纬度", Field::Lat),
    ("人数", Field::Participants),
    ("人次", Field::Participants),
    ("场次", Field::Sessions),
    ("日期", Field::Date),
    ("地址", Field::Address),
    ("类型", Field::Kind),
    ("名称", Field::Name),
];

/// Lower case, no spaces or underscores, bracketed remarks dropped: "经度（WGS84）" → "经度".
pub fn normalise_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in h.trim().chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() && c != '_' && c != '-' => {
                out.extend(c.to_lowercase())
            }
            _ => {}
        }
    }
    out
}

/// The field a header names, if any.
pub fn field_for_header(header: &str) -> Option<Field> {
    let h = normalise_header(header);
    let raw = header.trim().to_lowercase();
    EXACT
        .iter()
        .find(|(_, words)| words.iter().any(|w| *w == h || *w == raw))
        .map(|(f, _)| *f)
        .or_else(|| STEMS.iter().find(|(s, _)| h.contains(s)).map(|(_, f)| *f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise_and_name_fields() {
        assert_eq!(normalise_header(" 经度（WGS84） "), "经度");
        assert_eq!(normalise_header("Name_ZH"), "namezh");
        assert_eq!(field_for_header("红色资源名称"), Some(Field::Name));
        assert_eq!(
            field_for_header("参观人数(人次)"),
            Some(Field::Participants)
        );
        assert_eq!(field_for_header("活动名称"), Some(Field::ActivityTitle));
        assert_eq!(field_for_header("lat,lon"), Some(Field::LatLon));
        assert_eq!(field_for_header("whatever"), None);
    }
}
