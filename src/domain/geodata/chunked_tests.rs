//! The chunked reader must give exactly what the whole-file reader gives (records, origins,
//! issues), whatever the chunk size, for good files, bad records and bad files alike.

use super::*;
use crate::domain::geodata::load_layer;
use crate::domain::validate::Severity;

/// Reads `text` whole and in chunks of several sizes; asserts the results are the same.
fn same(kind: LayerType, text: &str) -> (Dataset, Vec<DataIssue>) {
    let (mut whole, mut whole_origins) = (Dataset::default(), Origins::default());
    let plain = text.strip_prefix('\u{feff}').unwrap_or(text);
    let expected = load_layer(&mut whole, &mut whole_origins, kind, "f.json", plain);
    for size in [1, 2, 3, 7, 64, 1000, usize::MAX] {
        let (mut data, mut origins) = (Dataset::default(), Origins::default());
        let issues = read_chunked(kind, "f.json", text, size, &mut data, &mut origins);
        assert_eq!(issues, expected, "issues, chunk size {size}: {text}");
        assert_eq!(data, whole, "records, chunk size {size}");
        assert_eq!(
            format!("{origins:?}"),
            format!("{whole_origins:?}"),
            "origins, chunk size {size}"
        );
    }
    (whole, expected)
}

/// Whether the chunked reader takes `text` itself (no fallback to the whole-file reader).
fn streams(kind: LayerType, text: &str) -> bool {
    let mut layer = ChunkedLayer::new(kind, "f.json");
    layer.push(text.as_bytes());
    let (mut data, mut origins) = (Dataset::default(), Origins::default());
    layer.finish(&mut data, &mut origins).is_ok()
}

const SRC: &str = r#"[{"doc": "seed.txt", "says": "x"}]"#;

fn site(id: &str, kind: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [113.2, 23.0]}},
        "properties": {{"id": "{id}", "name": "名", "name_en": "n", "kind": "{kind}", "region": "r",
        "summary": "s", "precision": {{"level": "town", "radius_m": 3000, "note": "n"}}, "sources": {SRC}}}}}"#
    )
}

fn sites(features: &[String]) -> String {
    format!(
        "\u{feff}{{\"type\": \"FeatureCollection\", \"name\": {{\"x\": [1, 2.5]}}, \"features\": [{}], \"n\": 12}}\n",
        features.join(",\n")
    )
}

#[test]
fn good_sites_stream_and_match_the_whole_file_reader() {
    let text = sites(&[site("a", "museum"), site("b", "memorial")]);
    assert!(streams(LayerType::Sites, &text));
    let (data, issues) = same(LayerType::Sites, &text);
    assert_eq!(data.sites.len(), 2);
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn bad_records_are_reported_at_their_path_and_the_rest_load() {
    let wrong_type = site("c", "museum").replace(r#""summary": "s""#, r#""summary": 5"#);
    let text = sites(&[
        site("a", "musem"),
        wrong_type,
        "17".into(),
        r#"{"type": "Point"}"#.into(),
        site("d", "museum"),
    ]);
    assert!(streams(LayerType::Sites, &text));
    let (data, issues) = same(LayerType::Sites, &text);
    let ids: Vec<&str> = data.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["d"]);
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert!(paths.contains(&"features[0].properties.kind"), "{paths:?}");
    assert!(
        paths.contains(&"features[1].properties.summary"),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.starts_with("features[2]")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.starts_with("features[3]")),
        "{paths:?}"
    );
}

#[test]
fn bad_files_fall_back_to_the_whole_file_reader() {
    let good = site("a", "museum");
    for text in [
        String::new(),
        "[]".into(),
        "null".into(),
        format!(r#"{{"type": "Feature", "features": [{good}]}}"#),
        format!(r#"{{"features": [{good}]}}"#),
        format!(r#"{{"type": "FeatureCollection", "features": [{good}]"#),
        format!(r#"{{"type": "FeatureCollection", "features": [{good},]}}"#),
        format!(r#"{{"type": "FeatureCollection", "features": [{good}]}} x"#),
        r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "x": tru}]}"#.into(),
        r#"{"type": "FeatureCollection", "features": 3}"#.into(),
    ] {
        assert!(!streams(LayerType::Sites, &text), "{text}");
        let (_, issues) = same(LayerType::Sites, &text);
        assert!(
            issues.iter().any(|i| i.severity == Severity::Error),
            "{text}"
        );
    }
    // A repeated list is left to the whole-file reader too, whatever it makes of it.
    let twice = format!(r#"{{"type": "FeatureCollection", "features": [{good}], "features": []}}"#);
    assert!(!streams(LayerType::Sites, &twice));
    same(LayerType::Sites, &twice);
}

#[test]
fn activities_and_visits_stream() {
    let activity = |id: &str, kind: &str| {
        format!(
            r#"{{"id": "{id}", "site": "a", "date": "2021-03-02", "type": "{kind}", "title": "t",
            "title_en": "t", "participants": 12, "sources": {SRC}}}"#
        )
    };
    let text = format!(
        r#"{{"note": "x", "activities": [{}, {}, {}]}}"#,
        activity("1", "read"),
        activity("2", "reed"),
        activity("3", "sing")
    );
    assert!(streams(LayerType::Activities, &text));
    let (data, issues) = same(LayerType::Activities, &text);
    assert_eq!(data.activities.len(), 2);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(streams(LayerType::Visits, r#"{"visits": []}"#));
    same(LayerType::Visits, r#"{"visits": []}"#);
    for text in [
        r#"{"visits": [], "activities": 3}"#,
        r#"{"activities": []}"#,
    ] {
        assert!(!streams(LayerType::Visits, text), "{text}");
        same(LayerType::Visits, text);
    }
}

#[test]
fn the_bundled_files_read_the_same_in_chunks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for (file, kind) in [
        ("sites.geojson", LayerType::Sites),
        ("routes.geojson", LayerType::Routes),
        ("regions.geojson", LayerType::Regions),
        ("activities.json", LayerType::Activities),
        ("visits.json", LayerType::Visits),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(!text.is_empty(), "{file}");
        assert!(streams(kind, &text), "{file}");
        let (mut whole, mut origins) = (Dataset::default(), Origins::default());
        let expected = load_layer(&mut whole, &mut origins, kind, file, &text);
        let (mut data, mut o) = (Dataset::default(), Origins::default());
        let issues = read_chunked(kind, file, &text, 4096, &mut data, &mut o);
        assert_eq!((data, issues), (whole, expected), "{file}");
    }
}

#[test]
fn a_stated_size_reserves_once_and_a_wrong_one_loses_nothing() {
    let text = sites(
        &(0..1500)
            .map(|i| site(&format!("s{i}"), "museum"))
            .collect::<Vec<_>>(),
    );
    for stated in [text.len(), 10, text.len() * 100] {
        let mut layer = ChunkedLayer::new(LayerType::Sites, "f.json");
        layer.expect_len(stated);
        for chunk in text.as_bytes().chunks(4096) {
            layer.push(chunk);
        }
        let (mut data, mut origins) = (Dataset::default(), Origins::default());
        let issues = layer.finish(&mut data, &mut origins).unwrap_or_default();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(data.sites.len(), 1500);
        assert_eq!(data.sites.capacity(), 1500, "shrunk to fit");
    }
}

/// A good file is read by the chunked reader itself wherever a chunk ends: also inside a
/// number ("113." of "113.25"), which serde_json reports as an invalid number, not an early
/// end. (That boundary sent the synthetic 10k and 100k sites files to the whole-file reader,
/// in the browser a second fetch: same records, twice the time and memory, no test failing.)
#[test]
fn good_files_stream_wherever_a_chunk_ends() {
    let text = sites(&[site("a", "museum"), site("b", "memorial")]).replace("113.2", "113.25");
    let bytes = text.as_bytes();
    for cut in 1..bytes.len() {
        let mut layer = ChunkedLayer::new(LayerType::Sites, "f.json");
        layer.push(&bytes[..cut]);
        layer.push(&bytes[cut..]);
        let (mut data, mut origins) = (Dataset::default(), Origins::default());
        let read = layer.finish(&mut data, &mut origins);
        assert!(
            read.is_ok(),
            "cut at {cut}: ...{}",
            String::from_utf8_lossy(&bytes[cut.saturating_sub(20)..cut])
        );
        assert_eq!(data.sites.len(), 2);
    }
}
