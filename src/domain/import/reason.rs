//! Why an import problem is listed, typed: each reason words itself in 简体中文 and in
//! English ([`Reason::text`]), so that the error list, its CSV and the refusals are all in
//! the reader's language, and stay so when the layer is read back from storage (the reason
//! is kept, not its words). A reason's values are kept as the file wrote them (text), so
//! that nothing is re-rounded. Parser messages (serde_json, quick-xml, csv) keep the
//! parser's own words after a localised lead-in. Pure: no UI types.

use super::coord::Fix;
use crate::domain::model::TextLang;
use serde::{Deserialize, Serialize};

/// One reason; the variants wrapping a `Box<Reason>` say what became of the record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reason {
    // ---- a coordinate as written ----
    EmptyCoordinate,
    CoordinateComma(String),
    MinusAndLetter(String),
    NotACoordinate(String),
    DecimalThenMinutes(String),
    MinutesOver60(String),
    SameAxis,
    /// Lon and lat as read, beyond ±180 / ±90.
    OutOfRange {
        lon: String,
        lat: String,
    },
    /// A position read, but off the map of China (kept); `swapped`: it is in China the
    /// other way round.
    OutsideChina {
        lon: String,
        lat: String,
        swapped: bool,
    },
    NotFinite,
    /// GPX: a `lat` or `lon` attribute missing.
    NoAttribute(String),
    /// GPX: a problem of the `lat` or `lon` attribute.
    InAttribute(String, Box<Reason>),
    /// KML: a problem of a `<coordinates>` tuple as written.
    InCoordinates(String, Box<Reason>),
    Swapped {
        why: Fix,
        lon: String,
        lat: String,
    },
    SwappedAttributes,
    SwappedPoints(usize),
    SwappedKml(usize),

    // ---- what became of the record ----
    RowNotImported(Box<Reason>),
    WaypointNotImported(Box<Reason>),
    PointLeftOut(Box<Reason>),
    ActivityLeftOut(Box<Reason>),
    FigureLeftOut(Box<Reason>),

    // ---- CSV ----
    NoPositionColumns(usize),
    EmptyPositionCell,
    EmptyPosition,
    NotAPair(String),
    SameAsRow(usize),
    /// A row without a name: shown as "未命名 (第 N 行)" / "Unnamed (row N)".
    NoNameRow(usize),
    /// A CSV row without a name, named by its address (row, address).
    NamedByAddress(usize, String),
    /// A GeoJSON feature without a name (its number, from 1).
    NoNameFeature(usize),
    UnknownKind(String),
    IdRepeated {
        id: String,
        now: String,
    },
    UnreadableRow(String),
    RowWider {
        cells: usize,
        header: usize,
    },
    ExcelDate {
        text: String,
        date: String,
    },
    NotADate(String),
    DateBackwards(String),
    NotACount(String),
    NotWholeCount(String),
    ActivityWithoutDate,
    UnknownActivityType(String),
    ReadAsGbk,
    UnreadableBytes,

    // ---- GPX / KML ----
    NotWellFormedXml(String),
    XmlReadAllTheSame {
        imported: usize,
        broken: usize,
        after_line: Option<usize>,
    },
    RootNotGpx(String),
    WaypointNoName,
    PlacemarkNoName,
    PartTooShort(usize),
    LineTooShort(usize),
    KmlShortLines(usize),
    NoPlacemark,
    WithoutCoordinates(String),
    PolygonPlacemark,
    NoGeometryPlacemark,
    NoUsableShape,

    // ---- GeoJSON ----
    NotFeatureCollection(Option<String>),
    NoFeaturesList,
    /// serde_json's words (syntax or a field of the wrong type) and where.
    Json(String),
    JsonReadUpTo(usize),
    NoGeometry,
    /// A feature's `precision` property not in redmap's schema (kept as a property).
    PrecisionNotRead {
        site: String,
        text: String,
    },
    PolygonFeature,

    // ---- the file ----
    TooBig {
        mb: String,
        max_mb: String,
    },
    ExcelWorkbook,
    ZippedFile,
    /// Words from elsewhere (the dataset checks), shown as they are.
    Other(String),
}

impl Reason {
    /// The reason in `lang`.
    pub fn text(&self, lang: TextLang) -> String {
        let zh = lang == TextLang::Zh;
        let w = |zh_text: String, en_text: String| if zh { zh_text } else { en_text };
        use Reason::*;
        match self {
            EmptyCoordinate => w("坐标为空".into(), "empty coordinate".into()),
            CoordinateComma(t) => w(
                format!("“{t}”含逗号：小数请用点号，或把该列作为一个“纬度,经度”列"),
                format!("\"{t}\" has a comma: use a dot for decimals, or map the column as one \"lat,lon\" column"),
            ),
            MinusAndLetter(t) => w(
                format!("“{t}”同时有负号和方位字母"),
                format!("\"{t}\" has both a minus sign and a hemisphere letter"),
            ),
            NotACoordinate(t) => w(format!("“{t}”不是坐标"), format!("\"{t}\" is not a coordinate")),
            DecimalThenMinutes(t) => w(
                format!("“{t}”：小数度数后面又有分"),
                format!("\"{t}\": decimal degrees followed by minutes"),
            ),
            MinutesOver60(t) => w(
                format!("“{t}”：分和秒必须小于 60"),
                format!("\"{t}\": minutes and seconds must be below 60"),
            ),
            SameAxis => w("两个值标的是同一个方向（都是经度或都是纬度）".into(), "both values name the same axis".into()),
            OutOfRange { lon, lat } => w(
                format!("[{lon}, {lat}] 超出范围（经度 -180～180，纬度 -90～90）"),
                format!("[{lon}, {lat}] is out of range (lon -180..180, lat -90..90)"),
            ),
            OutsideChina { lon, lat, swapped } => w(
                format!(
                    "坐标 [{lon}, {lat}] 在中国范围以外（经度 73～136，纬度 3～54）{}",
                    if *swapped { "（经纬度是否颠倒？）" } else { "" }
                ),
                format!(
                    "coordinate [{lon}, {lat}] is outside China (lon 73..136, lat 3..54){}",
                    if *swapped { " (are lon and lat swapped?)" } else { "" }
                ),
            ),
            NotFinite => w("坐标不是有限的数".into(), "coordinate is not a finite number".into()),
            NoAttribute(a) => w(format!("缺少 {a} 属性"), format!("no {a} attribute")),
            InAttribute(a, r) => w(format!("{a}：{}", r.text(lang)), format!("{a}: {}", r.text(lang))),
            InCoordinates(t, r) => w(
                format!("坐标“{t}”：{}", r.text(lang)),
                format!("coordinates \"{t}\": {}", r.text(lang)),
            ),
            Swapped { why, lon, lat } => {
                let why_text = match (why, zh) {
                    (Fix::SwappedOutOfRange, true) => "纬度超过 ±90°",
                    (Fix::SwappedOutOfRange, false) => "the latitude was beyond ±90°",
                    (Fix::SwappedIntoChina, true) => "只有对调后才在中国境内",
                    (Fix::SwappedIntoChina, false) => "only the other order lies in China",
                    (Fix::SwappedByLetters, true) => "数值自带的 N/E 字母如此标明",
                    (Fix::SwappedByLetters, false) => "the values' N/E letters say so",
                };
                w(
                    format!("经纬度似乎颠倒了（{why_text}）：按经度 {lon}、纬度 {lat} 读取"),
                    format!("longitude and latitude look swapped ({why_text}): read as lon {lon}, lat {lat}"),
                )
            }
            SwappedAttributes => w(
                "lat 与 lon 属性似乎颠倒了：已按相反顺序读取".into(),
                "the lat and lon attributes look swapped: read the other way round".into(),
            ),
            SwappedPoints(n) => w(
                format!("{n} 个点：lat 与 lon 属性似乎颠倒了，已按相反顺序读取"),
                format!("{n} point(s): the lat and lon attributes look swapped: read the other way round"),
            ),
            SwappedKml(n) => w(
                format!("{n} 个坐标看起来是“纬度,经度”（KML 应为“经度,纬度”）：已按相反顺序读取"),
                format!("{n} coordinate(s) look like lat,lon (KML is lon,lat): read the other way round"),
            ),
            RowNotImported(r) => w(format!("{}；该行未导入", r.text(lang)), format!("{}; row not imported", r.text(lang))),
            WaypointNotImported(r) => w(
                format!("{}；该航点未导入", r.text(lang)),
                format!("{}; waypoint not imported", r.text(lang)),
            ),
            PointLeftOut(r) => w(
                format!("{}；该点未计入线路", r.text(lang)),
                format!("{}; point left out of the line", r.text(lang)),
            ),
            ActivityLeftOut(r) => w(
                format!("{}；该行的活动未导入（地点已导入）", r.text(lang)),
                format!("{}; the row's activity is left out (its site is imported)", r.text(lang)),
            ),
            FigureLeftOut(r) => w(
                format!("{}；活动已导入，但不含此数字", r.text(lang)),
                format!("{}; the activity is imported without this figure", r.text(lang)),
            ),
            NoPositionColumns(n) => w(
                format!("未选择位置列：请指定经度列和纬度列，或一个“纬度,经度”列；{n} 行均未导入"),
                format!("no position columns chosen: map a longitude and a latitude column, or one \"lat,lon\" column; none of the {n} rows is imported"),
            ),
            EmptyPositionCell => w("没有位置：该单元格为空".into(), "no position: the cell is empty".into()),
            EmptyPosition => w("没有位置：经度和纬度均为空".into(), "no position: longitude and latitude are empty".into()),
            NotAPair(t) => w(format!("“{t}”不是“纬度,经度”格式"), format!("\"{t}\" is not a \"lat,lon\" pair")),
            SameAsRow(r) => w(
                format!("名称和位置与第 {r} 行相同：只导入一次"),
                format!("same name and position as row {r}: imported once"),
            ),
            NoNameRow(r) => w(
                format!("没有名称：显示为“{}”", unnamed_row(*r, TextLang::Zh)),
                format!("no name: shown as \"{}\"", unnamed_row(*r, TextLang::En)),
            ),
            NamedByAddress(r, a) => w(
                format!("第 {r} 行：没有名称，用地址“{a}”作名称"),
                format!("row {r}: no name, named by its address \"{a}\""),
            ),
            NoNameFeature(n) => w(
                format!("没有名称：显示为“未命名（第 {n} 个要素）”"),
                format!("no name: shown as \"Unnamed (feature {n})\""),
            ),
            UnknownKind(t) => w(
                format!("类型“{t}”无法识别：按“其他”导入，原文保留"),
                format!("kind \"{t}\" is not one we know: imported as \"other\", the text is kept"),
            ),
            IdRepeated { id, now } => w(
                format!("编号“{id}”在本文件中已用过；此记录编为“{now}”"),
                format!("id \"{id}\" is used before in this file; this record is \"{now}\""),
            ),
            UnreadableRow(e) => w(format!("无法读取的行：{e}"), format!("unreadable row: {e}")),
            RowWider { cells, header } => w(
                format!("该行有 {cells} 个单元格，表头只有 {header} 个：某个值可能含未加引号的逗号，使其后的列错位（多出的单元格按列字母保留）"),
                format!("row has {cells} cells but the header has {header}: a value may hold an unquoted comma, which shifts the columns after it (the extra cells are kept by column letter)"),
            ),
            ExcelDate { text, date } => w(
                format!("日期 {text} 按 Excel 日序号读作 {date}"),
                format!("date {text} read as an Excel day number: {date}"),
            ),
            NotADate(t) => w(
                format!("“{t}”不是日期（可写作 2021-03-31、2021/3/31、2021年3月 或 2021-03-01至2021-03-31）"),
                format!("\"{t}\" is not a date (write e.g. 2021-03-31, 2021/3/31, 2021年3月 or 2021-03-01至2021-03-31)"),
            ),
            DateBackwards(t) => w(format!("“{t}”的结束早于开始"), format!("\"{t}\" ends before it starts")),
            NotACount(t) => w(format!("“{t}”不是数量"), format!("\"{t}\" is not a count")),
            NotWholeCount(t) => w(
                format!("“{t}”不是非负整数"),
                format!("\"{t}\" is not a whole, non-negative count"),
            ),
            ActivityWithoutDate => w(
                "填写了活动列但没有日期：该行的活动未导入（地点已导入）".into(),
                "activity columns filled but no date: the row's activity is left out (its site is imported)".into(),
            ),
            UnknownActivityType(t) => w(
                format!("活动类型“{t}”无法识别：按“其他”导入，原文保留在备注中"),
                format!("activity type \"{t}\" is not one we know: imported as \"other\", the text is kept in the note"),
            ),
            ReadAsGbk => w("文本按 GBK 读取（不是 UTF-8）".into(), "text read as GBK (not UTF-8)".into()),
            UnreadableBytes => w(
                "部分字节既不是 UTF-8 也不是 GBK，显示为 \u{fffd}".into(),
                "some bytes could not be read as UTF-8 or GBK; they show as \u{fffd}".into(),
            ),
            NotWellFormedXml(e) => w(format!("XML 格式错误：{e}"), format!("not well-formed XML: {e}")),
            XmlReadAllTheSame { imported, broken, after_line } => {
                let mut zh_text = format!("XML 格式错误：能读取的 {imported} 条记录仍已导入");
                let mut en_text = format!("not well-formed XML: the {imported} record(s) that could be read are imported all the same");
                if *broken > 0 {
                    zh_text.push_str(&format!("；上面列出错误的 {broken} 条未导入"));
                    en_text.push_str(&format!("; the {broken} with an error above are not"));
                }
                if let Some(line) = after_line {
                    zh_text.push_str(&format!("；第 {line} 行以后的内容未读取"));
                    en_text.push_str(&format!("; nothing after line {line} is read"));
                }
                zh_text.push_str("；请修正文件后重新导入");
                en_text.push_str("; correct the file and import it again");
                w(zh_text, en_text)
            }
            RootNotGpx(root) => w(
                format!("根元素是 <{root}> 而不是 <gpx>：不是 GPX 文件"),
                format!("the root element is <{root}>, not <gpx>: not a GPX file"),
            ),
            WaypointNoName => w("没有名称：以其位置显示".into(), "no name: shown by its position".into()),
            PlacemarkNoName => w(
                "没有名称：以其位置或编号显示".into(),
                "no name: shown by its position or id".into(),
            ),
            PartTooShort(n) => w(
                format!("只有 {n} 个可用的点：一段线至少需要两个点；该段未导入"),
                format!("{n} usable point(s): a line part needs two; part left out"),
            ),
            LineTooShort(n) => w(
                format!("只有 {n} 个可用的点：一条线至少需要两个点；未导入"),
                format!("{n} usable point(s): a line needs at least two; not imported"),
            ),
            KmlShortLines(n) => w(
                format!("{n} 条线的可用点少于两个，未导入"),
                format!("{n} line(s) with fewer than two usable points left out"),
            ),
            NoPlacemark => w(
                "文件中没有 Placemark（地标）：没有可导入的内容".into(),
                "no Placemark in the file: nothing to import".into(),
            ),
            WithoutCoordinates(tag) => w(format!("<{tag}> 没有坐标"), format!("<{tag}> without coordinates")),
            PolygonPlacemark => w(
                "面（多边形）不在地图上显示：该地标未导入".into(),
                "polygons are not shown: placemark not imported".into(),
            ),
            NoGeometryPlacemark => w("没有几何形状：该地标未导入".into(), "no geometry: placemark not imported".into()),
            NoUsableShape => w(
                "没有可用的点（Point）或线（LineString）：该地标未导入".into(),
                "no usable Point or LineString: placemark not imported".into(),
            ),
            NotFeatureCollection(found) => {
                let found_zh = found.as_ref().map_or("无".to_owned(), |k| format!("“{k}”"));
                let found_en = found.as_ref().map_or("none".to_owned(), |k| format!("\"{k}\""));
                w(
                    format!("应为“FeatureCollection”，实际为 {found_zh}"),
                    format!("expected \"FeatureCollection\", found {found_en}"),
                )
            }
            NoFeaturesList => w("缺少 features 列表".into(), "missing features".into()),
            Json(e) => w(json_zh(e), e.clone()),
            JsonReadUpTo(n) => w(
                format!("文件只读到此错误处：之前的 {n} 个要素已导入，之后的都没有；请在该处修正文件后重新导入"),
                format!("the file is read up to this error: the {n} feature(s) before it are imported, nothing after it; correct the file there and import it again"),
            ),
            PrecisionNotRead { site, text } => w(
                format!("“{site}”的 precision 属性“{text}”无法识别（应为 level、radius_m、note）：作为属性保留，精确程度与文件中其他记录相同"),
                format!("\"{site}\": its precision property \"{text}\" is not understood (level, radius_m, note expected): kept as a property, precision as for the file's other records"),
            ),
            NoGeometry => w("要素没有几何形状：不显示".into(), "feature has no geometry: not shown".into()),
            PolygonFeature => w(
                "面（多边形）不在地图上显示：该要素未导入".into(),
                "polygons are not shown: feature ignored".into(),
            ),
            TooBig { mb, max_mb } => w(
                format!("文件大小为 {mb} MB；超过 {max_mb} MB 的文件不导入（请拆分文件，或删去不需要的列）"),
                format!("file is {mb} MB; files over {max_mb} MB are not imported (split it, or remove columns you do not need)"),
            ),
            ExcelWorkbook => w(
                "Excel 工作簿无法直接读取：请在 Excel 中另存为“CSV UTF-8”后再导入".into(),
                "an Excel workbook is not read: in Excel, save it as \"CSV UTF-8\" and import that".into(),
            ),
            ZippedFile => w(
                "压缩文件（KMZ？）无法直接读取：请解压后导入其中的 .kml 文件".into(),
                "a zipped file (KMZ?) is not read: unzip it and import the .kml inside".into(),
            ),
            Other(text) => text.clone(),
        }
    }

    /// The reason of a message the GeoJSON reader (`geodata`, shared with the published
    /// data's checks) words in English: typed when it is one of the import's, the parser's
    /// words behind a lead-in for a JSON error, else kept as it is.
    pub fn of_geojson_message(message: &str) -> Reason {
        match message {
            "feature has no geometry: not shown" => return Reason::NoGeometry,
            "polygons are not shown: feature ignored" => return Reason::PolygonFeature,
            "coordinate is not a finite number" => return Reason::NotFinite,
            "missing features" => return Reason::NoFeaturesList,
            _ => {}
        }
        if let Some(n) = message
            .strip_prefix("no name: shown as \"Unnamed (feature ")
            .and_then(|m| m.strip_suffix(")\""))
            .and_then(|n| n.parse().ok())
        {
            return Reason::NoNameFeature(n);
        }
        if let Some(found) = message.strip_prefix("expected \"FeatureCollection\", found ") {
            let found = found.strip_prefix('"').and_then(|f| f.strip_suffix('"'));
            return Reason::NotFeatureCollection(found.map(str::to_owned));
        }
        if let Some((lon, lat, rest)) = bracketed(message.strip_prefix("coordinate ").unwrap_or(""))
        {
            let swapped = rest.ends_with(" (are lon and lat swapped?)");
            let rest = rest.trim_end_matches(" (are lon and lat swapped?)");
            if rest == " is outside China (lon 73..136, lat 3..54)" {
                return Reason::OutsideChina { lon, lat, swapped };
            }
            if rest == " is out of range (lon -180..180, lat -90..90)" {
                return Reason::OutOfRange { lon, lat };
            }
        }
        if looks_like_serde(message) {
            return Reason::Json(message.to_owned());
        }
        Reason::Other(message.to_owned())
    }
}

/// The name a CSV row without one is shown by.
pub fn unnamed_row(row: usize, lang: TextLang) -> String {
    match lang {
        TextLang::Zh => format!("未命名（第 {row} 行）"),
        TextLang::En => format!("Unnamed (row {row})"),
    }
}

/// "[113.1, 95]…" → ("113.1", "95", "…").
fn bracketed(s: &str) -> Option<(String, String, &str)> {
    let inner = s.strip_prefix('[')?;
    let (inside, rest) = inner.split_once(']')?;
    let (lon, lat) = inside.split_once(", ")?;
    Some((lon.to_owned(), lat.to_owned(), rest))
}

/// Whether a message is serde_json's (a syntax error, or a value of the wrong shape).
fn looks_like_serde(message: &str) -> bool {
    const STARTS: [&str; 12] = [
        "invalid JSON",
        "invalid type",
        "invalid value",
        "invalid length",
        "missing field",
        "duplicate field",
        "unknown variant",
        "unknown field",
        "EOF while parsing",
        "expected ",
        "trailing ",
        "key must be",
    ];
    STARTS.iter().any(|s| message.starts_with(s)) || message.contains(" at line ")
}

/// A serde_json message with a Chinese lead-in, its place in Chinese, and serde's words.
fn json_zh(message: &str) -> String {
    let (words, place) = match message.rsplit_once(" at line ") {
        Some((words, at)) => match at.split_once(" column ") {
            Some((line, column)) => (words, format!("（第 {line} 行第 {column} 列）")),
            None => (message, String::new()),
        },
        None => (message, String::new()),
    };
    let syntax = words.starts_with("invalid JSON")
        || words.starts_with("EOF")
        || words.starts_with("expected ")
        || words.starts_with("trailing ")
        || words.starts_with("key must be");
    let lead = if syntax {
        "JSON 语法错误"
    } else {
        "JSON 内容不符合要求"
    };
    let said = serde_zh(words.strip_prefix("invalid JSON: ").unwrap_or(words));
    format!("{lead}{place}：{}", said.as_deref().unwrap_or(words))
}

/// serde_json's usual words in Chinese; `None` for any other (then shown as written).
fn serde_zh(words: &str) -> Option<String> {
    let fixed = match words {
        "EOF while parsing an object" => Some("文件在对象（{…}）结束前就截断了"),
        "EOF while parsing a list" => Some("文件在列表（[…]）结束前就截断了"),
        "EOF while parsing a string" => Some("文件在字符串结束前就截断了"),
        "EOF while parsing a value" => Some("文件在一个值结束前就截断了"),
        "expected value" => Some("此处应为一个值"),
        "expected `,` or `}`" => Some("此处应为“,”或“}”"),
        "expected `,` or `]`" => Some("此处应为“,”或“]”"),
        "expected `:`" => Some("此处应为“:”"),
        "expected ident" => Some("无法识别的词（应为 true、false 或 null）"),
        "trailing characters" => Some("JSON 结束后还有多余的字符"),
        "trailing comma" => Some("多余的逗号"),
        "key must be a string" => Some("键必须是带引号的字符串"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            Some("字符串中有控制字符")
        }
        "invalid escape" => Some("字符串中有无效的转义"),
        "invalid number" => Some("无效的数字"),
        "number out of range" => Some("数字超出范围"),
        _ => None,
    };
    if let Some(zh) = fixed {
        return Some(zh.to_owned());
    }
    let quoted = |s: &str| s.trim_matches('`').to_owned();
    if let Some(rest) = words.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "类型不对：此处是{}，应为{}",
            serde_found_zh(found),
            serde_expected_zh(expected)
        ));
    }
    if let Some(rest) = words.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "取值不对：此处是{}，应为{}",
            serde_found_zh(found),
            serde_expected_zh(expected)
        ));
    }
    if let Some(field) = words.strip_prefix("missing field ") {
        return Some(format!("缺少字段“{}”", quoted(field)));
    }
    if let Some(field) = words.strip_prefix("duplicate field ") {
        return Some(format!("字段“{}”出现了两次", quoted(field)));
    }
    if let Some(rest) = words.strip_prefix("unknown variant ") {
        let (value, _) = rest.split_once(", expected").unwrap_or((rest, ""));
        return Some(format!("无法识别的取值“{}”", quoted(value)));
    }
    None
}

/// What serde_json found ("string \"113.2\"", "integer `5`", "map") in Chinese.
fn serde_found_zh(found: &str) -> String {
    let value = |rest: &str| rest.trim().trim_matches('`').to_owned();
    if let Some(rest) = found.strip_prefix("string ") {
        return format!("字符串“{}”", rest.trim().trim_matches('"'));
    }
    for (en, zh) in [
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
    ] {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{zh}{}", value(rest));
        }
    }
    match found {
        "null" => "null（空值）".to_owned(),
        "map" => "对象（{…}）".to_owned(),
        "sequence" => "列表（[…]）".to_owned(),
        "unit value" => "空值".to_owned(),
        other => other.to_owned(),
    }
}

/// What serde_json expected ("f64", "a string", "a sequence", "struct X") in Chinese.
fn serde_expected_zh(expected: &str) -> String {
    match expected {
        "f64" | "f32" | "i64" | "i32" | "u64" | "u32" | "u8" | "u16" | "i8" | "i16" | "usize"
        | "isize" | "a number" => "数字".to_owned(),
        "a string" | "a borrowed string" => "字符串".to_owned(),
        "a sequence" | "a tuple" => "列表（[…]）".to_owned(),
        "a map" => "对象（{…}）".to_owned(),
        "a boolean" => "布尔值（true 或 false）".to_owned(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "对象（{…}）".to_owned(),
        e if e.starts_with("tuple of ") || e.starts_with("an array") => "列表（[…]）".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_alone() {
        let r = Reason::RowNotImported(Box::new(Reason::NotACoordinate("abc".into())));
        assert_eq!(r.text(TextLang::Zh), "“abc”不是坐标；该行未导入");
        assert_eq!(
            r.text(TextLang::En),
            "\"abc\" is not a coordinate; row not imported"
        );
    }

    #[test]
    fn geojson_messages_are_typed_or_kept() {
        assert_eq!(
            Reason::of_geojson_message(
                "coordinate [113.4, 95] is out of range (lon -180..180, lat -90..90)"
            ),
            Reason::OutOfRange {
                lon: "113.4".into(),
                lat: "95".into()
            }
        );
        let far = Reason::of_geojson_message(
            "coordinate [23, 113] is outside China (lon 73..136, lat 3..54) (are lon and lat swapped?)",
        );
        assert_eq!(
            far.text(TextLang::Zh),
            "坐标 [23, 113] 在中国范围以外（经度 73～136，纬度 3～54）（经纬度是否颠倒？）"
        );
        let json = Reason::of_geojson_message("invalid JSON: expected value at line 12 column 5");
        assert_eq!(
            json.text(TextLang::Zh),
            "JSON 语法错误（第 12 行第 5 列）：此处应为一个值"
        );
        let wrong = Reason::of_geojson_message(
            "invalid type: string \"113.2\", expected f64 at line 3 column 40",
        );
        assert_eq!(
            wrong.text(TextLang::Zh),
            "JSON 内容不符合要求（第 3 行第 40 列）：类型不对：此处是字符串“113.2”，应为数字"
        );
        let cut = Reason::of_geojson_message("EOF while parsing an object at line 10 column 0");
        assert_eq!(
            cut.text(TextLang::Zh),
            "JSON 语法错误（第 10 行第 0 列）：文件在对象（{…}）结束前就截断了"
        );
        assert_eq!(
            Reason::of_geojson_message("trailing characters at line 2 column 1").text(TextLang::Zh),
            "JSON 语法错误（第 2 行第 1 列）：JSON 结束后还有多余的字符"
        );
        // Anything else is kept as written, after the Chinese lead-in.
        assert_eq!(
            Reason::of_geojson_message("invalid length 1, expected fewer").text(TextLang::Zh),
            "JSON 内容不符合要求：invalid length 1, expected fewer"
        );
        assert_eq!(
            Reason::of_geojson_message("something else"),
            Reason::Other("something else".into())
        );
    }
}
