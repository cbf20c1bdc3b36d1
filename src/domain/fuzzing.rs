//! The entry points of the fuzz targets (`tests/fuzz/`, cargo-fuzz on nightly) and of the
//! replay test (`tests/fuzz_corpus.rs`, stable `cargo test`), shared so the two cannot
//! drift. Each takes raw bytes as an attacker would send them, runs them through every
//! parser of that kind of outside input, and checks an invariant; a failed invariant or a
//! panic anywhere is a bug. Nothing here is used by the app.
//!
//! Invariants: a data parser accounts for every record ("loaded or reported": a list
//! index either loaded or has an error at its path; an import counts every record as a
//! site, route, merged row or skipped row), and the URL codecs round-trip what they accept.
//! Pure: must not depend on the UI or the browser.

mod query;

pub use query::{permalink, query_pairs, trip};

use crate::domain::geodata::{self, text_from_bytes, Parsed};
use crate::domain::import::{import_file, ImportFormat, ImportOptions};
use crate::domain::model::Dataset;
use crate::domain::validate::{check_dataset_with, DataIssue, Origins, Severity};

/// A fuzz entry: raw bytes in; panics on a bug.
pub type Entry = fn(&[u8]);

/// The targets, by name (the fuzz target's file name and its corpus folder).
pub const TARGETS: [(&str, Entry); 7] = [
    ("geojson", geojson),
    ("dataset", dataset),
    ("csv", csv),
    ("gpx", gpx),
    ("kml", kml),
    ("permalink", permalink),
    ("trip", trip),
];

/// Any GeoJSON a user brings (`?data=`, and the import, which only adds a datum shift).
pub fn geojson(bytes: &[u8]) {
    let text = text_from_bytes(bytes.to_vec());
    let (data, issues) = geodata::parse_foreign_geojson("fuzz.geojson", &text);
    let value = serde_json::from_str::<serde_json::Value>(&text).ok();
    if let Some(n) = value.and_then(|v| list_len(&v, "features")) {
        // A feature gives one or more sites, one route, or an issue at its path.
        let silent = (0..n).filter(|&i| !has_issue(&issues, "features", i, None));
        let shown = data.sites.len() + data.routes.len();
        assert!(
            silent.count() <= shown,
            "a feature vanished without an issue"
        );
    }
}

/// A redmap dataset's files (our schema): the same text as every layer and as the
/// manifest, then the cross-file checks over what loaded.
pub fn dataset(bytes: &[u8]) {
    let text = text_from_bytes(bytes.to_vec());
    let _ = geodata::parse_manifest("dataset.json", &text);
    let sites = geodata::parse_sites("sites.geojson", &text);
    let routes = geodata::parse_routes("routes.geojson", &text);
    let regions = geodata::parse_regions("regions.geojson", &text);
    let activities = geodata::parse_activities("activities.json", &text);
    let visits = geodata::parse_visits("visits.json", &text);
    let value = serde_json::from_str::<serde_json::Value>(&text).ok();
    let value = value.as_ref();
    accounted(value, "features", &sites);
    accounted(value, "features", &routes);
    accounted(value, "features", &regions);
    accounted(value, "activities", &activities);
    accounted(value, "visits", &visits);
    let origins = Origins {
        sites: sites.origin,
        routes: routes.origin,
        regions: regions.origin,
        activities: activities.origin,
        visits: visits.origin,
    };
    let data = Dataset {
        sites: sites.records,
        routes: routes.records,
        regions: regions.records,
        activities: activities.records,
        visits: visits.records,
        ..Dataset::default()
    };
    let _ = check_dataset_with(&data, &origins);
}

/// An organiser's CSV (UTF-8, UTF-16 or GBK; any delimiter) with the suggested mapping.
pub fn csv(bytes: &[u8]) {
    imported("fuzz.csv", bytes, ImportFormat::Csv);
}

/// A GPX file: waypoints become sites, tracks and routes become routes.
pub fn gpx(bytes: &[u8]) {
    imported("fuzz.gpx", bytes, ImportFormat::Gpx);
}

/// A KML file: placemarks become sites or routes.
pub fn kml(bytes: &[u8]) {
    imported("fuzz.kml", bytes, ImportFormat::Kml);
}

/// Imports `bytes` as `file` and checks that every record read is accounted for.
fn imported(file: &str, bytes: &[u8], format: ImportFormat) {
    let out = import_file(file, bytes, &ImportOptions::default());
    let s = out.summary;
    assert_eq!(s.format, format);
    assert_eq!(s.sites, out.dataset.sites.len());
    assert_eq!(s.routes, out.dataset.routes.len());
    assert!(s.skipped <= s.records, "{s:?}");
    // Skipped records are listed: one by one (an error, or a warning or note for records
    // that are not mistakes: a placemark without geometry, a polygon), or all at once ("no
    // position columns chosen: none of the 12 rows is imported").
    assert!(
        s.skipped == 0 || !out.issues.is_empty(),
        "records skipped without an issue: {s:?}"
    );
    assert!(
        s.sites + s.routes + s.merged + s.skipped >= s.records,
        "a record vanished without an issue: {s:?}"
    );
}

/// Every list index of `key` is loaded or has an error at its path; loaded indices rise.
fn accounted<T>(value: Option<&serde_json::Value>, key: &str, parsed: &Parsed<T>) {
    let indices = &parsed.origin.indices;
    assert!(indices.windows(2).all(|w| w[0] < w[1]), "{indices:?}");
    assert!(indices.is_empty() || indices.len() == parsed.records.len());
    let Some(n) = value.and_then(|v| list_len(v, key)) else {
        return;
    };
    let loaded = |i: usize| indices.binary_search(&i).is_ok();
    for i in 0..n {
        assert!(
            loaded(i) || has_issue(&parsed.issues, key, i, Some(Severity::Error)),
            "{key}[{i}] neither loaded nor reported: {:?}",
            parsed.issues
        );
    }
    assert!(indices.iter().all(|&i| i < n), "{indices:?} of {n}");
}

/// The length of the top-level list `key` when `value` is a JSON object with one.
fn list_len(value: &serde_json::Value, key: &str) -> Option<usize> {
    Some(value.get(key)?.as_array()?.len())
}

/// An issue at `key[i]` (or inside it), of `severity` if given.
fn has_issue(issues: &[DataIssue], key: &str, i: usize, severity: Option<Severity>) -> bool {
    let at = format!("{key}[{i}]");
    issues.iter().any(|issue| {
        severity.is_none_or(|s| issue.severity == s)
            && issue.path.strip_prefix(&at).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_survives_trivial_input() {
        for (name, target) in TARGETS {
            for input in [&b""[..], b"{}", b"[]", b"\xff\xfe", b"<a>", b"1~w~0900~~~"] {
                target(input);
                let _ = name;
            }
        }
    }

    #[test]
    fn issue_paths_match_their_index_only() {
        let issue = |path: &str| DataIssue::new(Severity::Error, "f", path, "x");
        let issues = [issue("features[1].properties.kind"), issue("features[12]")];
        assert!(has_issue(&issues, "features", 1, None));
        assert!(has_issue(&issues, "features", 12, Some(Severity::Error)));
        assert!(!has_issue(&issues, "features", 2, None));
        assert!(!has_issue(&issues, "features", 12, Some(Severity::Info)));
    }
}
