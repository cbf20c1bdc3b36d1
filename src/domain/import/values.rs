//! Cell values as organisers write them: counts ("1,234", "约500", "300多", "3万",
//! "500+"), dates ("2021-03-31", "2021/3/31", "2021年3月", "2021.3-2021.12", an Excel
//! date serial), site kinds and activity types in Chinese or English. Each parser says
//! what it could not read; nothing is guessed beyond what is written.

use super::Reason;
use crate::domain::model::{ActivityDate, ActivityType, Date, Qualifier, SiteKind};

/// Cells that mean "no figure" rather than a bad one.
const NO_FIGURE: [&str; 9] = ["-", "—", "/", "无", "不详", "未知", "n/a", "na", "null"];

/// A count and how the source qualifies it; `Ok(None)` for an empty or "no figure" cell.
pub fn parse_count(text: &str) -> Result<Option<(u64, Option<Qualifier>)>, Reason> {
    let s: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect();
    if s.is_empty() || NO_FIGURE.contains(&s.to_lowercase().as_str()) {
        return Ok(None);
    }
    let mut rest = s.as_str();
    let mut qualifier = None;
    for (mark, q) in [
        ("约", Qualifier::About),
        ("超过", Qualifier::Over),
        ("超", Qualifier::Over),
        ("逾", Qualifier::Over),
        ("~", Qualifier::About),
        ("≈", Qualifier::About),
    ] {
        if let Some(r) = rest.strip_prefix(mark) {
            rest = r;
            qualifier = Some(q);
        }
    }
    for unit in ["人次", "人", "场次", "场", "次", "个", "名"] {
        rest = rest.strip_suffix(unit).unwrap_or(rest);
    }
    for (mark, q) in [
        ("多", Qualifier::Over),
        ("余", Qualifier::Over),
        ("+", Qualifier::Over),
        ("以上", Qualifier::Over),
        ("左右", Qualifier::About),
    ] {
        if let Some(r) = rest.strip_suffix(mark) {
            rest = r;
            qualifier = Some(q);
        }
    }
    let (number, scale) = match rest.strip_suffix('万') {
        Some(r) => (r, 10_000.0),
        None => (rest, 1.0),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| Reason::NotACount(text.trim().to_owned()))?;
    let scaled = value * scale;
    if !scaled.is_finite() || scaled < 0.0 || scaled.fract() != 0.0 || scaled > 1e15 {
        return Err(Reason::NotWholeCount(text.trim().to_owned()));
    }
    Ok(Some((scaled as u64, qualifier)))
}

/// Excel's day 0 (1899-12-30, which absorbs Excel's 1900 leap-year bug for later dates).
fn from_excel_serial(serial: i64) -> Option<Date> {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = serial - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
}

/// One date: a day or a month, in the usual Chinese and ISO spellings.
fn parse_one(s: &str) -> Option<ActivityDate> {
    let s = s.trim();
    let s = s.split([' ', 'T']).next().unwrap_or(s); // "2021-03-31 14:00"
    let unified: String = s
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches(['日', '号', '-'])
        .to_owned();
    let parts: Vec<&str> = unified.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts[..] {
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (num(y)?, num(m)?, num(d)?);
            Date::parse(&format!("{y:04}-{m:02}-{d:02}")).map(ActivityDate::Day)
        }
        [y, m] if y.len() == 4 => ActivityDate::parse(&format!("{:04}-{:02}", num(y)?, num(m)?)),
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            Date::parse(&format!("{}-{}-{}", &ymd[..4], &ymd[4..6], &ymd[6..]))
                .map(ActivityDate::Day)
        }
        _ => None,
    }
}

/// A date or a range; the `bool` is true when read from an Excel date serial (worth a note).
pub fn parse_date(text: &str) -> Result<Option<(ActivityDate, bool)>, Reason> {
    let s = text.trim();
    if s.is_empty() || NO_FIGURE.contains(&s) {
        return Ok(None);
    }
    let bad = || Reason::NotADate(s.to_owned());
    if let Some(d) = parse_one(s) {
        return Ok(Some((d, false)));
    }
    if let Ok(serial) = s.parse::<i64>() {
        // 1960..2119: a five-digit number in a date column is Excel's day count.
        return match (21_916..=80_000).contains(&serial) {
            true => from_excel_serial(serial)
                .map(|d| Some((ActivityDate::Day(d), true)))
                .ok_or_else(bad),
            false => Err(bad()),
        };
    }
    for sep in ["至", "到", "~", "～", "—", "--", " - ", "–"] {
        if let Some((a, b)) = s.split_once(sep) {
            let (a, b) = (parse_one(a).ok_or_else(bad)?, parse_one(b).ok_or_else(bad)?);
            let (start, end) = (a.bounds().0, b.bounds().1);
            if end < start {
                return Err(Reason::DateBackwards(s.to_owned()));
            }
            return Ok(Some((ActivityDate::Range { start, end }, false)));
        }
    }
    // "2021.3-2021.12": a hyphen between two dotted months.
    if let Some((a, b)) = s
        .split_once('-')
        .filter(|(a, b)| a.contains('.') && b.contains('.'))
    {
        return parse_date(&format!("{a}至{b}"));
    }
    Err(bad())
}

/// Words in kind cells and the kind they mean, tried after the exact spellings.
const KIND_WORDS: [(&str, SiteKind); 18] = [
    ("旧址", SiteKind::RevolutionarySite),
    ("遗址", SiteKind::RevolutionarySite),
    ("故居", SiteKind::RevolutionarySite),
    ("纪念碑", SiteKind::Memorial),
    ("烈士陵园", SiteKind::Memorial),
    ("纪念馆", SiteKind::Museum),
    ("博物馆", SiteKind::Museum),
    ("展馆", SiteKind::Museum),
    ("研学", SiteKind::StudyBase),
    ("教学点", SiteKind::TeachingPoint),
    ("参观点", SiteKind::VisitPoint),
    ("宣讲", SiteKind::LectureBase),
    ("公园", SiteKind::PublicSpace),
    ("广场", SiteKind::PublicSpace),
    ("企业", SiteKind::Enterprise),
    ("社区", SiteKind::Community),
    ("村", SiteKind::Community),
    ("公司", SiteKind::Enterprise),
];

/// A site kind from its spelling, its zh/en label, or a telling word; `None` if unknown.
pub fn parse_kind(text: &str) -> Option<SiteKind> {
    let s = text.trim();
    let lower = s.to_lowercase();
    SiteKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == lower || k.label_zh() == s || k.label_en().to_lowercase() == lower)
        .or_else(|| {
            KIND_WORDS
                .iter()
                .find(|(w, _)| s.contains(w))
                .map(|(_, k)| *k)
        })
}

const TYPE_WORDS: [(&str, ActivityType); 14] = [
    ("主题党日", ActivityType::PartyDay),
    ("党课", ActivityType::Lecture),
    ("宣讲", ActivityType::Lecture),
    ("讲座", ActivityType::Lecture),
    ("参观", ActivityType::Visit),
    ("走访", ActivityType::Visit),
    ("展览", ActivityType::Exhibit),
    ("观影", ActivityType::Watch),
    ("电影", ActivityType::Watch),
    ("合唱", ActivityType::Sing),
    ("祭扫", ActivityType::Tribute),
    ("瞻仰", ActivityType::Tribute),
    ("学习", ActivityType::StudySession),
    ("读书", ActivityType::Read),
];

/// An activity type from its spelling, its zh/en label, or a telling word.
pub fn parse_activity_type(text: &str) -> Option<ActivityType> {
    let s = text.trim();
    let lower = s.to_lowercase();
    ActivityType::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == lower || k.label_zh() == s || k.label_en().to_lowercase() == lower)
        .or_else(|| {
            TYPE_WORDS
                .iter()
                .find(|(w, _)| s.contains(w))
                .map(|(_, k)| *k)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_separators_units_and_qualifiers() {
        let c = |s: &str| parse_count(s).expect(s);
        assert_eq!(c("1,234"), Some((1234, None)));
        assert_eq!(c("１２３４"), Some((1234, None)));
        assert_eq!(c("约500人"), Some((500, Some(Qualifier::About))));
        assert_eq!(c("300多场"), Some((300, Some(Qualifier::Over))));
        assert_eq!(c("超5598场次"), Some((5598, Some(Qualifier::Over))));
        assert_eq!(c("500+"), Some((500, Some(Qualifier::Over))));
        assert_eq!(c("3万"), Some((30_000, None)));
        assert_eq!(c("1.5万人次"), Some((15_000, None)));
        assert_eq!(c("189万"), Some((1_890_000, None)));
        assert_eq!(c(""), None);
        assert_eq!(c("—"), None);
        assert_eq!(c("不详"), None);
        for bad in ["-5", "2.5", "many", "1.23456万"] {
            assert!(parse_count(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_in_the_usual_spellings() {
        let d = |s: &str| parse_date(s).expect(s).map(|(d, _)| d.to_string());
        assert_eq!(d("2021-03-31"), Some("2021-03-31".into()));
        assert_eq!(d("2021/3/31"), Some("2021-03-31".into()));
        assert_eq!(d("2021.3.31"), Some("2021-03-31".into()));
        assert_eq!(d("2021年3月31日"), Some("2021-03-31".into()));
        assert_eq!(d("2021年3月"), Some("2021-03".into()));
        assert_eq!(d("20210331"), Some("2021-03-31".into()));
        assert_eq!(d("2021-03-31 14:30"), Some("2021-03-31".into()));
        assert_eq!(d("2021-03至2021-12"), Some("2021-03-01/2021-12-31".into()));
        assert_eq!(d("2021.3-2021.12"), Some("2021-03-01/2021-12-31".into()));
        assert_eq!(d(""), None);
        let (serial, excel) = parse_date("44286").expect("serial").expect("date");
        assert_eq!((serial.to_string(), excel), ("2021-03-31".into(), true));
        for bad in [
            "3/31/2021",
            "2021-02-30",
            "yesterday",
            "123",
            "2021-12至2021-03",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_and_types_from_words() {
        assert_eq!(parse_kind("museum"), Some(SiteKind::Museum));
        assert_eq!(parse_kind("研学基地"), Some(SiteKind::StudyBase));
        assert_eq!(parse_kind("Memorial"), Some(SiteKind::Memorial));
        assert_eq!(parse_kind("革命旧址"), Some(SiteKind::RevolutionarySite));
        assert_eq!(parse_kind("烈士陵园"), Some(SiteKind::Memorial));
        assert_eq!(parse_kind("金峰洲村"), Some(SiteKind::Community));
        assert_eq!(parse_kind("不知道"), None);
        assert_eq!(
            parse_activity_type("主题党日"),
            Some(ActivityType::PartyDay)
        );
        assert_eq!(parse_activity_type("lecture"), Some(ActivityType::Lecture));
        assert_eq!(parse_activity_type("专题党课"), Some(ActivityType::Lecture));
        assert_eq!(parse_activity_type("?"), None);
    }
}
