//! Strings of the import of organisers' files (issue 7), in 简体中文 and English.

use super::Lang;
use crate::domain::coords::CoordSystem;
use crate::domain::import::{Field, OffsetEvidence, OffsetHint};

pub struct ImportStrings {
    pub section: &'static str,
    pub button: &'static str,
    pub file_label: &'static str,
    pub intro: &'static str,
    pub drop_here: &'static str,
    pub reading: &'static str,
    pub importing: &'static str,
    pub refused: &'static str,
    pub show: &'static str,
    pub export_geojson: &'static str,
    pub export_csv: &'static str,
    pub remove: &'static str,
    pub kept: &'static str,
    pub problems: &'static str,
    pub severity: &'static str,
    pub file: &'static str,
    pub record: &'static str,
    pub field: &'static str,
    pub reason: &'static str,
    pub mapping_intro: &'static str,
    pub encoding: &'static str,
    pub delimiter: &'static str,
    pub rows: &'static str,
    pub column: &'static str,
    pub sample: &'static str,
    pub keep_as_property: &'static str,
    pub coord_system: &'static str,
    pub preview: &'static str,
    pub row: &'static str,
    pub name: &'static str,
    pub lon: &'static str,
    pub lat: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub ok: &'static str,
    pub cancel: &'static str,
    pub no_position: &'static str,
    pub use_suggested: &'static str,
    /// The last step of an import: merging the layer and clustering the map's sites.
    pub adding: &'static str,
    pub cancel_import: &'static str,
    /// A file given while another import is running.
    pub busy: &'static str,
}

pub static ZH: ImportStrings = ImportStrings {
    section: "导入的数据",
    button: "导入数据…",
    file_label: "选择要导入的文件",
    intro: "GeoJSON、CSV（UTF-8 或 GBK，逗号或制表符分隔）、GPX、KML，最大 50 MB。文件只在本浏览器中读取，不会上传。也可以把文件拖到地图上。",
    drop_here: "松开即可导入（只在本浏览器中读取）",
    reading: "正在读取",
    importing: "正在导入",
    refused: "未导入",
    show: "显示",
    export_geojson: "导出 GeoJSON",
    export_csv: "导出 CSV",
    remove: "移除",
    kept: "已保存在本浏览器中，直到你移除它。",
    problems: "导入问题",
    severity: "级别",
    file: "文件",
    record: "行/要素",
    field: "字段",
    reason: "原因",
    mapping_intro: "请检查每一列的含义。未指定的列会作为属性保留，不会丢弃。",
    encoding: "编码",
    delimiter: "分隔符",
    rows: "数据行",
    column: "列",
    sample: "示例",
    keep_as_property: "（保留为属性）",
    coord_system: "坐标系",
    preview: "预览：按当前设置导入前几行的结果",
    row: "行",
    name: "名称",
    lon: "经度",
    lat: "纬度",
    kind: "类型",
    status: "状态",
    ok: "可导入",
    cancel: "取消",
    no_position: "请指定经度和纬度两列，或一个“纬度,经度”列；否则没有任何行可以导入。",
    use_suggested: "改用此坐标系",
    adding: "正在加入地图",
    cancel_import: "取消导入",
    busy: "另一个文件正在导入：请等它完成（或取消它）后再导入此文件。",
};

pub static EN: ImportStrings = ImportStrings {
    section: "Imported data",
    button: "Import data…",
    file_label: "File to import",
    intro: "GeoJSON, CSV (UTF-8 or GBK, comma or tab), GPX, KML, up to 50 MB. Files are read in this browser only; nothing is uploaded. You can also drop a file on the map.",
    drop_here: "Drop the file to import it (read in this browser only)",
    reading: "Reading",
    importing: "Importing",
    refused: "Not imported",
    show: "Show",
    export_geojson: "Export GeoJSON",
    export_csv: "Export CSV",
    remove: "Remove",
    kept: "Kept in this browser until you remove it.",
    problems: "Import problems",
    severity: "Severity",
    file: "File",
    record: "Row/feature",
    field: "Field",
    reason: "Reason",
    mapping_intro: "Check what each column holds. Columns left unassigned are kept as properties, never dropped.",
    encoding: "Encoding",
    delimiter: "Delimiter",
    rows: "Data rows",
    column: "Column",
    sample: "Sample",
    keep_as_property: "(keep as property)",
    coord_system: "Coordinate system",
    preview: "Preview: the first rows as they will import with these settings",
    row: "Row",
    name: "Name",
    lon: "Longitude",
    lat: "Latitude",
    kind: "Kind",
    status: "Status",
    ok: "will import",
    cancel: "Cancel",
    no_position: "Choose a longitude and a latitude column, or one \"lat,lon\" column; otherwise no row can be imported.",
    use_suggested: "Use this system",
    adding: "Adding to the map",
    cancel_import: "Cancel import",
    busy: "Another file is being imported: import this one when it is done (or cancelled).",
};

pub fn import(lang: Lang) -> &'static ImportStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn title(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("导入 {file}：各列的含义"),
        Lang::En => format!("Import {file}: what the columns hold"),
    }
}

pub fn import_rows(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("导入 {n} 行"),
        Lang::En => format!("Import {n} rows"),
    }
}

pub fn counts(lang: Lang, sites: usize, routes: usize, activities: usize) -> String {
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            parts.push(format!("{sites} 个地点"));
            if routes > 0 {
                parts.push(format!("{routes} 条路线"));
            }
            if activities > 0 {
                parts.push(format!("{activities} 条活动"));
            }
            parts.join("，")
        }
        Lang::En => {
            parts.push(format!("{sites} sites"));
            if routes > 0 {
                parts.push(format!("{routes} routes"));
            }
            if activities > 0 {
                parts.push(format!("{activities} activities"));
            }
            parts.join(", ")
        }
    }
}

/// What a layer's file held and what became of it: records read (by the format's unit),
/// imported, and not imported (each of those is in the problem list), and the problems.
/// Read = imported + not imported; merged CSV rows count as imported (into an earlier site).
pub fn summary(
    lang: Lang,
    format: &str,
    records: usize,
    skipped: usize,
    problems: usize,
) -> String {
    let imported = records.saturating_sub(skipped);
    let (zh_unit, en_unit) = match format {
        "CSV" => ("行", "rows"),
        "GeoJSON" => ("个要素", "features"),
        "GPX" => ("条航点/路线", "waypoints/tracks"),
        "KML" => ("个地标", "placemarks"),
        _ => ("条记录", "records"),
    };
    // "Listed below" only when there is a list (a layer without problems has none).
    match lang {
        Lang::Zh => {
            let mut t = format!("读取 {records} {zh_unit}：导入 {imported}");
            if skipped > 0 {
                t.push_str(&format!("，未导入 {skipped}（均列于下表）"));
            }
            if problems > 0 {
                t.push_str(&format!("；共 {problems} 个问题"));
            }
            t + "。"
        }
        Lang::En => {
            let mut t = format!("{records} {en_unit} read: {imported} imported");
            if skipped > 0 {
                t.push_str(&format!(", {skipped} not imported (each listed below)"));
            }
            if problems > 0 {
                let s = if problems == 1 { "" } else { "s" };
                t.push_str(&format!("; {problems} problem{s} in all"));
            }
            t + "."
        }
    }
}

/// The label of the choice of how exact a file's positions are.
pub fn precision_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "位置精确程度（由您说明）",
        Lang::En => "How exact the positions are (as you state it)",
    }
}

/// What the choice does, and that it is the importing user's word.
pub fn precision_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "默认“未说明”：每个地点按 ±5 公里的范围显示，行程中相距较近的两站距离显示为未知。只有确知文件坐标的精确程度时才选择；详情中会注明这是导入者的说明。文件自带 precision 的记录保持不变。",
        Lang::En => "By default \"Not stated\": each site is shown with a ±5 km ring, and trips give no distance between close stops. Choose only if you know how exact the file's positions are; the details say it is the importer's statement. Records whose file states their own precision keep it.",
    }
}

pub fn not_kept(lang: Lang, size_mb: f64) -> String {
    match lang {
        Lang::Zh => format!(
            "此图层（约 {size_mb:.1} MB）超出浏览器本地存储的容量，未能保存：关闭或刷新页面后它会消失。如需保留，请导出为 GeoJSON，下次再导入。"
        ),
        Lang::En => format!(
            "This layer (about {size_mb:.1} MB) does not fit in the browser's local storage and was not kept: it will be gone when the page is closed or reloaded. Export it as GeoJSON to keep it, and import that next time."
        ),
    }
}

/// The notice after a layer is removed (with its undo button).
pub fn removed(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("已移除 {file}"),
        Lang::En => format!("Removed {file}"),
    }
}

pub fn undo(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "撤销",
        Lang::En => "Undo",
    }
}

pub fn undo_label(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("撤销：恢复图层 {file}"),
        Lang::En => format!("Undo: bring back the layer {file}"),
    }
}

pub fn remove_label(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("移除导入的图层 {file}"),
        Lang::En => format!("Remove the imported layer {file}"),
    }
}

pub fn progress(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{done} / {total} 行"),
        Lang::En => format!("{done} of {total} rows"),
    }
}

pub fn percent(done: usize, total: usize) -> String {
    let pct = (done.min(total) * 100).checked_div(total).unwrap_or(0);
    format!("{pct}%")
}

pub fn system_label(lang: Lang, s: CoordSystem) -> &'static str {
    match (lang, s) {
        (Lang::Zh, CoordSystem::Wgs84) => "WGS-84（GPS、天地图、OpenStreetMap）",
        (Lang::Zh, CoordSystem::Gcj02) => "GCJ-02（高德、腾讯地图）",
        (Lang::Zh, CoordSystem::Bd09) => "BD-09（百度地图）",
        (Lang::En, CoordSystem::Wgs84) => "WGS-84 (GPS, Tianditu, OpenStreetMap)",
        (Lang::En, CoordSystem::Gcj02) => "GCJ-02 (Amap/Gaode, Tencent)",
        (Lang::En, CoordSystem::Bd09) => "BD-09 (Baidu)",
    }
}

pub fn offset_text(lang: Lang, hint: &OffsetHint) -> String {
    let system = system_label(lang, hint.suggested);
    match (&hint.evidence, lang) {
        (OffsetEvidence::Header(h), Lang::Zh) => {
            format!("列名“{h}”表明坐标可能是 {system}。若按当前坐标系导入，位置会偏移数百米。")
        }
        (OffsetEvidence::Header(h), Lang::En) => format!(
            "The header \"{h}\" says the positions may be {system}; read as chosen now they would be off by a few hundred metres."
        ),
        (
            OffsetEvidence::SameNames {
                matched,
                as_chosen_m,
                as_suggested_m,
            },
            Lang::Zh,
        ) => format!(
            "位置可能有偏移：{matched} 个地点与地图上的同名地点相距约 {:.0} 米；若按 {system} 读取，约 {:.0} 米。",
            as_chosen_m, as_suggested_m
        ),
        (
            OffsetEvidence::SameNames {
                matched,
                as_chosen_m,
                as_suggested_m,
            },
            Lang::En,
        ) => format!(
            "Positions look offset: {matched} sites lie about {:.0} m from the site of the same name on the map; read as {system}, about {:.0} m.",
            as_chosen_m, as_suggested_m
        ),
    }
}

pub fn delimiter_label(lang: Lang, d: u8) -> String {
    match (d, lang) {
        (b'\t', Lang::Zh) => "制表符".into(),
        (b'\t', Lang::En) => "tab".into(),
        (b',', Lang::Zh) => "逗号".into(),
        (b',', Lang::En) => "comma".into(),
        (b';', Lang::Zh) => "分号".into(),
        (b';', Lang::En) => "semicolon".into(),
        (other, _) => format!("\"{}\"", other as char),
    }
}

pub fn field_label(lang: Lang, f: Field) -> &'static str {
    let (zh, en) = match f {
        Field::Id => ("编号", "ID"),
        Field::Name => ("名称", "Name"),
        Field::NameEn => ("英文名称", "English name"),
        Field::Lon => ("经度", "Longitude"),
        Field::Lat => ("纬度", "Latitude"),
        Field::LatLon => ("“纬度,经度”", "\"lat,lon\""),
        Field::LonLat => ("“经度,纬度”", "\"lon,lat\""),
        Field::Kind => ("类型", "Kind"),
        Field::Address => ("地址", "Address"),
        Field::Summary => ("简介", "Summary"),
        Field::Province => ("省", "Province"),
        Field::City => ("市", "City"),
        Field::County => ("区/县", "County"),
        Field::Town => ("镇/街道", "Town"),
        Field::Date => ("活动日期", "Activity date"),
        Field::ActivityType => ("活动类型", "Activity type"),
        Field::ActivityTitle => ("活动名称", "Activity title"),
        Field::Participants => ("参与人数", "Participants"),
        Field::Sessions => ("场次", "Sessions"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The accessible name of a column's select: "第 3 列（经度）对应为".
pub fn column_select_label(lang: Lang, header: &str) -> String {
    match lang {
        Lang::Zh => format!("列“{header}”的含义"),
        Lang::En => format!("What column \"{header}\" holds"),
    }
}
