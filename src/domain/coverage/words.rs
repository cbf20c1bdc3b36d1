//! What a reported-vs-mapped row's mapped figure counts, in words, in 简体中文 or English:
//! one source for the dashboard (`ui::i18n::dashboard`) and its CSV (`export`), so that
//! the two say the same.

use super::reported::{Basis, Candidates, MemberStatus, NotComparable};

/// "“研学基地”类地点(含兼有)" / "sites of kind "Study base" (incl. further roles)".
pub fn candidates_words(c: Candidates, zh: bool) -> String {
    match c {
        Candidates::SitesOfKind(k) if zh => format!("“{}”类地点(含兼有)", k.label_zh()),
        Candidates::SitesOfKind(k) => {
            format!("sites of kind \"{}\" (incl. further roles)", k.label_en())
        }
        Candidates::AnySite if zh => "地点".into(),
        Candidates::AnySite => "sites".into(),
        Candidates::RoutesWithStop if zh => "至少一站在区内的路线".into(),
        Candidates::RoutesWithStop => "routes with a stop in the region".into(),
        Candidates::ActivityRecords if zh => "活动记录".into(),
        Candidates::ActivityRecords => "activity records".into(),
        Candidates::ActivityRecordsOfType(t) if zh => format!("“{}”类活动记录", t.label_zh()),
        Candidates::ActivityRecordsOfType(t) => {
            format!("activity records of type \"{}\"", t.label_en())
        }
    }
}

/// What a comparable mapped figure counts.
pub fn basis_words(basis: Basis, zh: bool) -> String {
    match basis {
        Basis::Named(_) if zh => "报道点名属于此总数、且在地图上的记录".into(),
        Basis::Named(_) => {
            "records the report names as part of this total that are on the map".into()
        }
        Basis::NoneInData(_) if zh => "经核对,地图上没有报道所计的记录".into(),
        Basis::NoneInData(_) => {
            "checked: the map holds none of the records the report counts".into()
        }
        Basis::NoneInRegion(c) if zh => format!(
            "报道未点名计入哪些;区内地图上没有任何{},故为 0",
            candidates_words(c, true)
        ),
        Basis::NoneInRegion(c) => format!(
            "the report names none; the map holds no {} here at all, so none of them is mapped",
            candidates_words(c, false)
        ),
    }
}

/// Why a row is not compared.
pub fn not_comparable_words(why: NotComparable, zh: bool) -> String {
    match why {
        NotComparable::Unnamed { candidates, count } => {
            let (what_zh, what_en, unit) = match candidates {
                Candidates::RoutesWithStop => ("路线", "routes", "条"),
                Candidates::ActivityRecords | Candidates::ActivityRecordsOfType(_) => {
                    ("活动", "activities", "条")
                }
                _ => ("地点", "places", "个"),
            };
            let noun = candidates_words(candidates, zh);
            if zh {
                format!("报道未说明计入哪些{what_zh};区内地图上有 {count} {unit}{noun}(仅供参考,不作为已上图数)")
            } else {
                format!("the report does not say which {what_en} it counts; {count} {noun} on the map here (context only, not the mapped figure)")
            }
        }
        NotComparable::ProgrammeTally {
            recorded,
            without_figure,
        } if zh => format!(
            "上报数为整项工作的总量,地图上的记录为单次活动;记录合计 {recorded}({without_figure} 条未给数字)"
        ),
        NotComparable::ProgrammeTally {
            recorded,
            without_figure,
        } => format!(
            "the report is a programme's total, the map's records are single events; they add up to {recorded} ({without_figure} give no figure)"
        ),
    }
}

/// Whether a named member counts, in words.
pub fn member_status_words(status: MemberStatus, zh: bool) -> &'static str {
    match (status, zh) {
        (MemberStatus::Counted, true) => "已计入",
        (MemberStatus::Counted, false) => "counted",
        (MemberStatus::NotInData, true) => "数据中没有此记录,未计入",
        (MemberStatus::NotInData, false) => "not in the data, not counted",
        (MemberStatus::Unquoted, true) => "缺少引文,未计入",
        (MemberStatus::Unquoted, false) => "no quote, not counted",
        (MemberStatus::Filtered, true) => "被当前筛选隐藏,未计入",
        (MemberStatus::Filtered, false) => "hidden by the filters, not counted",
        (MemberStatus::OutsideRegion, true) => "不在该地区内,未计入",
        (MemberStatus::OutsideRegion, false) => "outside the region, not counted",
        (MemberStatus::Repeated, true) => "重复列出,只计一次",
        (MemberStatus::Repeated, false) => "listed twice, counted once",
    }
}

/// A source's note of the coordinates taken from it, "position used: lon 113.1856, lat
/// 23.03625" (or "point used: …"), in Chinese: "所用坐标:经度 113.1856,纬度 23.03625".
/// `None` for any other text (which is shown as the data wrote it).
pub fn coordinates_used_zh(says: &str) -> Option<String> {
    let rest = says
        .trim()
        .strip_prefix("position used: ")
        .or_else(|| says.trim().strip_prefix("point used: "))?;
    let (lon, lat) = rest.strip_prefix("lon ")?.split_once(", lat ")?;
    let number = |s: &str| s.parse::<f64>().is_ok_and(f64::is_finite);
    (number(lon) && number(lat)).then(|| format!("所用坐标:经度 {lon},纬度 {lat}"))
}

#[cfg(test)]
mod coordinate_tests {
    use super::coordinates_used_zh;

    #[test]
    fn the_coordinates_line_of_a_source_reads_in_chinese() {
        assert_eq!(
            coordinates_used_zh("position used: lon 113.1856, lat 23.03625").as_deref(),
            Some("所用坐标:经度 113.1856,纬度 23.03625")
        );
        assert_eq!(
            coordinates_used_zh("point used: lon 106.0189, lat 27.0407").as_deref(),
            Some("所用坐标:经度 106.0189,纬度 27.0407")
        );
        assert_eq!(coordinates_used_zh("position used: somewhere"), None);
        assert_eq!(coordinates_used_zh("家住桂城街道的刘小姐点赞"), None);
    }
}
