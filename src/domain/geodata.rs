//! Reading the dataset's files (GeoJSON and plain JSON text) into the typed model.
//!
//! Each `parse_*` function takes a file's name and text and returns the records that
//! loaded plus an issue for every problem (file, JSON path, message, severity): a bad
//! record is reported and skipped, the others still load. [`load_dataset`] assembles a
//! [`Dataset`] from the manifest and its layer files and runs the cross-file checks;
//! [`parse_foreign_geojson`] reads any GeoJSON a user brings. The browser app fetches the
//! files and hands their text here; nothing in this module touches disk or network.
//!
//! Speed: a FeatureCollection is first split into raw per-feature slices (no value tree),
//! then each feature is parsed straight into a typed struct.

mod chunked;
mod dir;
mod fields;
mod foreign;
pub use foreign::NAMES_NO_SOURCE;
mod geometry;
mod json_path;
pub mod lines;
mod load;
mod manifest;
pub mod points;
mod raw;
mod read;
mod records;
mod regions;
mod routes;
mod sites;
mod stream;
mod values;

pub use chunked::{read_chunked, ChunkedLayer, Unreadable};
pub use dir::{read_dir, read_files};
pub use load::{load_dataset, load_layer, parse_dataset, MANIFEST_FILE};
pub use manifest::manifest_of;

use crate::domain::model::{Activity, Dataset, Manifest, Region, Route, Site, Visit};
use crate::domain::validate::{check_dataset_with, DataIssue, Origin, Origins};
use fields::Issues;

/// What parsing one layer file gives: the records that loaded, where each came from, and
/// every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub records: Vec<T>,
    /// The file and list index of each record, for cross-file issue paths.
    pub origin: Origin,
    pub issues: Vec<DataIssue>,
}

/// Parses a sites file (Point features).
pub fn parse_sites(file: &str, text: &str) -> Parsed<Site> {
    let mut issues = Issues::new(file);
    let (records, indices) = read::read_features(text, &mut issues, sites::site);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses a routes file (LineString / MultiLineString features).
pub fn parse_routes(file: &str, text: &str) -> Parsed<Route> {
    let mut issues = Issues::new(file);
    let (records, indices) = read::read_features(text, &mut issues, routes::route);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses a regions file (Point, Polygon or null-geometry features).
pub fn parse_regions(file: &str, text: &str) -> Parsed<Region> {
    let mut issues = Issues::new(file);
    let (records, indices) = read::read_features(text, &mut issues, regions::region);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses an activities file (`{"activities": [...]}`).
pub fn parse_activities(file: &str, text: &str) -> Parsed<Activity> {
    let mut issues = Issues::new(file);
    let (records, indices) = read::read_records(text, "activities", &mut issues, records::activity);
    let origin = Origin {
        indices,
        ..Origin::records(file, "activities")
    };
    Parsed {
        records,
        origin,
        issues: issues.list,
    }
}

/// Parses a visit-count file (`{"visits": [...]}`).
pub fn parse_visits(file: &str, text: &str) -> Parsed<Visit> {
    let mut issues = Issues::new(file);
    let (records, indices) = read::read_records(text, "visits", &mut issues, records::visit);
    let origin = Origin {
        indices,
        ..Origin::records(file, "visits")
    };
    Parsed {
        records,
        origin,
        issues: issues.list,
    }
}

/// Parses the manifest (`dataset.json`); `None` when it is not usable at all.
pub fn parse_manifest(file: &str, text: &str) -> (Option<Manifest>, Vec<DataIssue>) {
    let mut issues = Issues::new(file);
    let m = manifest::manifest(text, &mut issues);
    (m, issues.list)
}

/// Reads any GeoJSON FeatureCollection that is not in our schema: Points and MultiPoints
/// become sites (kind "other" unless a known `kind` is given, precision "unknown", other
/// properties kept in `extra`), LineStrings routes without stops; polygons and features
/// without geometry are reported and left out. Positions outside China are warnings here.
pub fn parse_foreign_geojson(file: &str, text: &str) -> (Dataset, Vec<DataIssue>) {
    let mut issues = Issues::new(file);
    let data = foreign::foreign(file, text, &mut issues);
    let mut list = issues.list;
    list.extend(foreign_checks(file, &data));
    (data, list)
}

/// [`parse_foreign_geojson`] a feature at a time, for a reader that pauses between features
/// (`import::GeoJsonImport`): `raw` is `features[index]`; the sites or route it gives are
/// appended to `data` and its problems to `issues`, as the whole-file reader would.
pub fn foreign_feature(
    file: &str,
    raw: &serde_json::value::RawValue,
    index: usize,
    data: &mut Dataset,
    issues: &mut Vec<DataIssue>,
) {
    let mut found = Issues::new(file);
    found.list = std::mem::take(issues);
    foreign::feature(file, raw, index, &mut found, data);
    *issues = found.list;
}

/// The one issue [`parse_foreign_geojson`] gives for a `text` it cannot split into features
/// (invalid JSON, with line and column; a key twice; a field of the wrong type), else `None`:
/// how the stepped reader (`import::GeoJsonImport`) words a broken file as this reader does,
/// from a short stand-in for the file.
pub fn foreign_collection_error(file: &str, text: &str) -> Option<DataIssue> {
    raw::collection_error(file, text)
}

/// The cross-record checks (repeated ids...) that [`parse_foreign_geojson`] ends with.
pub fn foreign_checks(file: &str, data: &Dataset) -> Vec<DataIssue> {
    let origins = Origins {
        sites: Origin::features(file),
        routes: Origin::features(file),
        ..Origins::default()
    };
    // Indices are not tracked for foreign records (one feature may give several sites),
    // so cross-file issues point at the record's position in the loaded layer.
    check_dataset_with(data, &origins)
}

/// A file's bytes as text, decoded the way a browser's `Response.text()` does: UTF-8, a
/// leading byte-order mark dropped, invalid sequences replaced by U+FFFD. Valid UTF-8 (the
/// usual case) is taken over without a copy, so a fetched file costs its size once.
pub fn text_from_bytes(bytes: Vec<u8>) -> String {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_bytes_decodes_like_a_browser() {
        assert_eq!(text_from_bytes("地点 ok".as_bytes().to_vec()), "地点 ok");
        let with_bom = [&[0xef, 0xbb, 0xbf][..], b"{\"a\":1}"].concat();
        assert_eq!(text_from_bytes(with_bom), "{\"a\":1}");
        assert_eq!(text_from_bytes(vec![b'a', 0xff, b'b']), "a\u{fffd}b");
        assert_eq!(text_from_bytes(vec![]), "");
    }
    use crate::domain::model::{ActivityDate, LayerType, PrecisionLevel, SiteKind};
    use crate::domain::validate::Severity;

    const SRC: &str = r#"[{"doc": "seed.txt", "says": "x"}]"#;

    fn site_json(id: &str, kind: &str) -> String {
        format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [113.2, 23.0]}},
            "properties": {{"id": "{id}", "name": "名", "name_en": "n", "kind": "{kind}", "region": "r",
            "summary": "s", "precision": {{"level": "town", "radius_m": 3000, "note": "n"}}, "sources": {SRC}}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn good_sites_load_and_bad_ones_are_reported_with_their_index() {
        let text = collection(&[
            site_json("a", "museum"),
            site_json("b", "musem"),
            site_json("c", "memorial"),
        ]);
        let parsed = parse_sites("sites.geojson", &text);
        let ids: Vec<&str> = parsed.records.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(parsed.origin.indices, [0, 2]);
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].path, "features[1].properties.kind");
        assert_eq!(parsed.records[0].kind, SiteKind::Museum);
        assert_eq!(parsed.records[0].precision.level, PrecisionLevel::Town);
    }

    #[test]
    fn a_wrongly_typed_field_is_reported_at_its_path() {
        let text =
            collection(&[site_json("a", "museum").replace(r#""summary": "s""#, r#""summary": 5"#)]);
        let parsed = parse_sites("sites.geojson", &text);
        assert!(parsed.records.is_empty());
        let issue = &parsed.issues[0];
        assert_eq!(issue.path, "features[0].properties.summary");
        assert!(
            issue.message.starts_with("invalid type: integer `5`"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn activities_parse_dates_and_counts() {
        let text = format!(
            r#"{{"activities": [{{"id": "a", "region": "r", "start": "2021-03", "end": "2021-11",
            "type": "study_session", "title": "t", "title_en": "t", "sessions": 60, "sources": {SRC}}}]}}"#
        );
        let parsed = parse_activities("activities.json", &text);
        assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
        let a = &parsed.records[0];
        assert_eq!(a.sessions, Some(60));
        let ActivityDate::Range { start, end } = a.date else {
            panic!("not a range")
        };
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("2021-03-01".into(), "2021-11-30".into())
        );
    }

    #[test]
    fn wrong_top_level_shapes_are_reported_not_panicked_on() {
        for text in [
            "",
            "[]",
            "null",
            r#"{"type": "Feature"}"#,
            r#"{"activities": 3}"#,
            "{} x",
        ] {
            let sites = parse_sites("f", text);
            let acts = parse_activities("f", text);
            assert!(
                sites.issues.iter().any(|i| i.severity == Severity::Error),
                "{text:?}"
            );
            assert!(
                acts.issues.iter().any(|i| i.severity == Severity::Error),
                "{text:?}"
            );
        }
    }

    #[test]
    fn manifest_layers_keep_their_order_and_types() {
        let text = r#"{"title": "t", "title_en": "t", "layers": [
            {"id": "r", "type": "routes", "file": "routes.geojson", "title": "路线", "visible": true, "order": 2},
            {"id": "s", "type": "sites", "file": "sites.geojson", "title": "地点", "visible": true, "order": 1}]}"#;
        let (m, issues) = parse_manifest("dataset.json", text);
        assert!(issues.is_empty(), "{issues:?}");
        let m = m.expect("manifest");
        let kinds: Vec<LayerType> = m.layers_in_order().iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LayerType::Sites, LayerType::Routes]);
    }

    #[test]
    fn foreign_points_lines_and_polygons() {
        let text = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [113.2, 23.0]},
             "properties": {"名称": "某纪念馆", "kind": "museum", "电话": "123", "年份": 1949}},
            {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": [[113.2, 23.0], [2.3, 48.8]]},
             "properties": {"NAME": "pair"}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.2, 23.0], [113.3, 23.1]]},
             "properties": null},
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]},
             "properties": {}},
            {"type": "Feature", "geometry": null, "properties": {"name": "nowhere"}}]}"#;
        let (data, issues) = parse_foreign_geojson("mine.geojson", text);
        let names: Vec<&str> = data.sites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["某纪念馆", "pair", "pair"]);
        assert_eq!(data.sites[0].id.as_str(), "7");
        assert_eq!(data.sites[0].kind, SiteKind::Museum);
        assert_eq!(data.sites[0].precision.level, PrecisionLevel::Unknown);
        assert!(data.sites[0]
            .extra
            .contains(&("年份".into(), "1949".into())));
        assert_eq!(data.sites[1].kind, SiteKind::Other);
        assert_eq!(data.routes.len(), 1);
        // The nameless line is named by its place in the file, with a warning.
        assert_eq!(data.routes[0].name, "未命名（第 3 个要素）");
        assert_eq!(data.routes[0].name_en, "Unnamed (feature 3)");
        let severities: Vec<Severity> = issues.iter().map(|i| i.severity).collect();
        assert_eq!(
            severities,
            [
                Severity::Warning,
                Severity::Warning,
                Severity::Info,
                Severity::Warning
            ],
            "{issues:#?}"
        );
    }
}
