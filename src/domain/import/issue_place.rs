//! Where an import problem is, in the words of the error list's columns: the record (a
//! spreadsheet row, a GeoJSON feature, a GPX waypoint, a KML placemark) and the field
//! (a column header, a property name), split out of an issue's path ("row 7, 经度",
//! "features[3].properties.kind", "wpt[2].name"), and the whole list as a CSV file
//! (UTF-8 with BOM, for Excel) so that a list too long to show is still all there.
//! Pure text; depends on nothing but the issue type.

use crate::domain::coverage::BOM;
use crate::domain::model::TextLang;
use crate::domain::validate::{DataIssue, Severity};

/// The problems in the order the list shows them: errors first, then warnings, then notes;
/// within each, whole-file problems first, then by row or record (stable otherwise).
pub fn listing_order(issues: &mut [DataIssue]) {
    let rank = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let record = |i: &DataIssue| -> usize {
        let (record, _) = split_issue_path(&i.path);
        let digits: String = record
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<usize>().map_or(0, |n| n + 1)
    };
    issues.sort_by_cached_key(|i| (rank(i.severity), record(i)));
}

/// The record and the field of an issue path; either may be empty (a whole-file problem
/// has neither, a whole-row problem no field).
pub fn split_issue_path(path: &str) -> (String, String) {
    let path = path.trim();
    if path.is_empty() {
        return (String::new(), String::new());
    }
    // CSV: "row 7" or "row 7, 经度" (the header may itself hold ", ").
    if path.starts_with("row ") {
        return match path.split_once(", ") {
            Some((row, field)) => (row.to_owned(), field.to_owned()),
            None => (path.to_owned(), String::new()),
        };
    }
    // JSON-like paths: the record is the part up to the first closing bracket.
    // GPX and KML add the line: "wpt[2] (line 40).trkseg[0]".
    if let Some(mut end) = path.find(']').map(|i| i + 1) {
        if path[end..].starts_with(" (line ") {
            end += path[end..].find(')').map_or(0, |i| i + 1);
        }
        let (record, rest) = path.split_at(end);
        let rest = rest.trim_start_matches('.');
        let field = rest.strip_prefix("properties.").unwrap_or(rest);
        return (record.to_owned(), field.to_owned());
    }
    (path.to_owned(), String::new())
}

/// The record part of an issue path in `lang`: "row 7" → "第 7 行", "features[3]" →
/// "第 4 个要素（features[3]）" / "feature 4 (features[3])" (the path counts from 0, people
/// from 1), "wpt[2] (line 40)" → "航点 wpt[2]（第 40 行）". Anything else is kept.
pub fn record_label(record: &str, lang: TextLang) -> String {
    let zh = lang == TextLang::Zh;
    let number = |s: &str| s.parse::<usize>().ok();
    if let Some(n) = record.strip_prefix("row ").and_then(number) {
        return if zh {
            format!("第 {n} 行")
        } else {
            record.to_owned()
        };
    }
    if let Some(n) = record.strip_prefix("line ").and_then(number) {
        return if zh {
            format!("第 {n} 行")
        } else {
            record.to_owned()
        };
    }
    if let Some(i) = record
        .strip_prefix("features[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(number)
    {
        return if zh {
            format!("第 {} 个要素（{record}）", i + 1)
        } else {
            format!("feature {} ({record})", i + 1)
        };
    }
    // GPX and KML: "wpt[2] (line 40)".
    let (element, line) = match record.split_once(" (line ") {
        Some((e, l)) => (e, l.strip_suffix(')').and_then(number)),
        None => (record, None),
    };
    let tag = element.split('[').next().unwrap_or_default();
    let what = match (tag, zh) {
        ("wpt", true) => "航点",
        ("rte", true) => "路线",
        ("trk", true) => "航迹",
        ("Placemark", true) => "地标",
        ("wpt", false) => "waypoint",
        ("rte", false) => "route",
        ("trk", false) => "track",
        ("Placemark", false) => "placemark",
        _ => return record.to_owned(),
    };
    match (line, zh) {
        (Some(l), true) => format!("{what} {element}（第 {l} 行）"),
        (Some(l), false) => format!("{what} {element} (line {l})"),
        (None, _) => format!("{what} {element}"),
    }
}

/// The field part of an issue path in `lang`: the file's own names, with a line number
/// in Chinese ("trkseg[0].trkpt[1] (line 6)" → "trkseg[0].trkpt[1]（第 6 行）").
pub fn field_label(field: &str, lang: TextLang) -> String {
    if lang == TextLang::En {
        return field.to_owned();
    }
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find(" (line ") {
        let after = &rest[at + " (line ".len()..];
        match after.split_once(')') {
            Some((n, tail)) if n.parse::<usize>().is_ok() => {
                out.push_str(&rest[..at]);
                out.push_str(&format!("（第 {n} 行）"));
                rest = tail;
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// A severity's word in `lang`.
pub fn severity_word(severity: Severity, lang: TextLang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, TextLang::Zh) => "错误",
        (Severity::Warning, TextLang::Zh) => "警告",
        (Severity::Info, TextLang::Zh) => "提示",
        (s, TextLang::En) => s.as_str(),
    }
}

/// Every issue as CSV in `lang`: severity, file, row/feature, field, reason. A cell
/// starting with = + - @ gets a leading apostrophe, so Excel shows it as text instead of
/// running it as a formula.
pub fn issues_csv(issues: &[DataIssue], lang: TextLang) -> String {
    let guard = |s: &str| -> String {
        if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_owned()
        }
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = match lang {
        TextLang::Zh => ["级别", "文件", "行或要素", "字段", "原因"],
        TextLang::En => ["severity", "file", "row or feature", "field", "reason"],
    };
    let _ = w.write_record(header);
    for i in issues {
        let (record, field) = split_issue_path(&i.path);
        let _ = w.write_record([
            severity_word(i.severity, lang).to_owned(),
            guard(&i.file),
            guard(&record_label(&record, lang)),
            guard(&field_label(&field, lang)),
            guard(&i.text(lang)),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_first_then_by_row() {
        let issue = |s: Severity, path: &str| DataIssue::new(s, "f.csv", path, "x");
        let mut list = vec![
            issue(Severity::Warning, "row 3"),
            issue(Severity::Info, "row 2"),
            issue(Severity::Error, "row 10, 纬度"),
            issue(Severity::Warning, "row 2"),
            issue(Severity::Error, "row 9"),
            issue(Severity::Error, ""),
        ];
        listing_order(&mut list);
        let order: Vec<(Severity, &str)> =
            list.iter().map(|i| (i.severity, i.path.as_str())).collect();
        assert_eq!(
            order,
            [
                (Severity::Error, ""),
                (Severity::Error, "row 9"),
                (Severity::Error, "row 10, 纬度"),
                (Severity::Warning, "row 2"),
                (Severity::Warning, "row 3"),
                (Severity::Info, "row 2"),
            ]
        );
    }

    fn split(p: &str) -> (String, String) {
        split_issue_path(p)
    }

    #[test]
    fn csv_rows_and_cells() {
        assert_eq!(split("row 7"), ("row 7".into(), "".into()));
        assert_eq!(split("row 7, 经度"), ("row 7".into(), "经度".into()));
        assert_eq!(split("row 7, a, b"), ("row 7".into(), "a, b".into()));
    }

    #[test]
    fn json_and_xml_paths() {
        assert_eq!(
            split("features[3].properties.kind"),
            ("features[3]".into(), "kind".into())
        );
        assert_eq!(
            split("features[3].geometry"),
            ("features[3]".into(), "geometry".into())
        );
        assert_eq!(split("features[3]"), ("features[3]".into(), "".into()));
        assert_eq!(
            split("trk[0].trkseg[1]"),
            ("trk[0]".into(), "trkseg[1]".into())
        );
    }

    #[test]
    fn the_list_as_csv_for_excel() {
        use crate::domain::validate::Severity;
        let issues = [
            DataIssue::new(
                Severity::Error,
                "a.csv",
                "row 3, 经度",
                "\"abc\" is not a number",
            ),
            DataIssue::new(Severity::Warning, "a.csv", "row 4", "=cmd"),
        ];
        let text = issues_csv(&issues, TextLang::En);
        assert!(text.starts_with(BOM));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            "error,a.csv,row 3,经度,\"\"\"abc\"\" is not a number\""
        );
        assert_eq!(lines[2], "warning,a.csv,row 4,,'=cmd");
    }

    #[test]
    fn whole_file_and_other_paths() {
        assert_eq!(split(""), ("".into(), "".into()));
        assert_eq!(split("line 12"), ("line 12".into(), "".into()));
        assert_eq!(
            split("wpt[2] (line 40).trkseg[0]"),
            ("wpt[2] (line 40)".into(), "trkseg[0]".into())
        );
        assert_eq!(
            split("Placemark[0] (line 9)"),
            ("Placemark[0] (line 9)".into(), "".into())
        );
    }

    #[test]
    fn records_in_either_language() {
        let zh = |r: &str| record_label(r, TextLang::Zh);
        let en = |r: &str| record_label(r, TextLang::En);
        assert_eq!(zh("row 9"), "第 9 行");
        assert_eq!(en("row 9"), "row 9");
        assert_eq!(zh("features[3]"), "第 4 个要素（features[3]）");
        assert_eq!(en("features[3]"), "feature 4 (features[3])");
        assert_eq!(zh("wpt[2] (line 40)"), "航点 wpt[2]（第 40 行）");
        assert_eq!(
            en("Placemark[0] (line 9)"),
            "placemark Placemark[0] (line 9)"
        );
        assert_eq!(zh("type"), "type");
        assert_eq!(zh(""), "");
        assert_eq!(
            field_label("trkseg[0].trkpt[1] (line 6)", TextLang::Zh),
            "trkseg[0].trkpt[1]（第 6 行）"
        );
        assert_eq!(field_label("经度", TextLang::Zh), "经度");
    }

    #[test]
    fn the_csv_is_all_in_the_readers_language() {
        use crate::domain::import::Reason;
        let reason = Reason::RowNotImported(Box::new(Reason::NotACoordinate("abc".into())));
        let issues = [DataIssue::because(
            Severity::Error,
            "a.csv",
            "row 3, 经度",
            reason,
        )];
        let zh = issues_csv(&issues, TextLang::Zh);
        let lines: Vec<&str> = zh.lines().collect();
        assert_eq!(lines[0], "\u{feff}级别,文件,行或要素,字段,原因");
        assert_eq!(
            lines[1],
            "错误,a.csv,第 3 行,经度,“abc”不是坐标；该行未导入"
        );
        let en = issues_csv(&issues, TextLang::En);
        assert_eq!(
            en.lines().nth(1),
            Some("error,a.csv,row 3,经度,\"\"\"abc\"\" is not a coordinate; row not imported\"")
        );
    }
}
