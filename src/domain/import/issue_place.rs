//! Where an import problem is, in the words of the error list's columns: the record (a
//! spreadsheet row, a GeoJSON feature, a GPX waypoint, a KML placemark) and the field
//! (a column header, a property name), split out of an issue's path ("row 7, 经度",
//! "features[3].properties.kind", "wpt[2].name"), and the whole list as a CSV file
//! (UTF-8 with BOM, for Excel) so that a list too long to show is still all there.
//! Pure text; depends on nothing but the issue type.

use crate::domain::coverage::BOM;
use crate::domain::validate::DataIssue;

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

/// Every issue as CSV: severity, file, row/feature, field, reason (Chinese and English
/// header). A cell starting with = + - @ gets a leading apostrophe, so Excel shows it as
/// text instead of running it as a formula.
pub fn issues_csv(issues: &[DataIssue]) -> String {
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
    let _ = w.write_record([
        "级别 / severity",
        "文件 / file",
        "行或要素 / row or feature",
        "字段 / field",
        "原因 / reason",
    ]);
    for i in issues {
        let (record, field) = split_issue_path(&i.path);
        let _ = w.write_record([
            i.severity.as_str().to_owned(),
            guard(&i.file),
            guard(&record),
            guard(&field),
            guard(&i.message),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = issues_csv(&issues);
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
}
