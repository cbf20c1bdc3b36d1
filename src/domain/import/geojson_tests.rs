//! The stepped GeoJSON import gives exactly what the whole-file reader gives (same layer,
//! same issues in the same order), whatever the step size, on the repository's fixtures and
//! on hand-made bad files; the usual shape is read in steps, never by the fallback.

use super::*;
use crate::domain::coords::CoordSystem;
use crate::domain::validate::Severity;

/// Steps `text` `per_step` features at a time; the result, how many steps it took and
/// whether the whole-file reader had to be used.
fn stepped(text: &str, per_step: usize, options: &ImportOptions) -> (Imported, usize, bool) {
    let mut import = GeoJsonImport::new("f.geojson", text, options);
    let mut steps = 1;
    while !import.step(per_step) {
        steps += 1;
        let (read, all) = import.progress_bytes();
        assert!(read <= all);
    }
    let whole = import.whole.is_some();
    (import.finish(), steps, whole)
}

/// Asserts the stepped import equals the whole-file one at several step sizes; returns
/// whether the fallback was used.
fn same_as_whole(text: &str) -> bool {
    let options = ImportOptions {
        coords: CoordSystem::Gcj02,
    };
    let expected = import_geojson_whole("f.geojson", text, &options);
    let mut fell_back = None;
    for per_step in [1, 2, 7, 10_000] {
        let (got, _, whole) = stepped(text, per_step, &options);
        assert_eq!(got, expected, "{per_step} per step:\n{text:.300}");
        assert!(fell_back.is_none_or(|f| f == whole));
        fell_back = Some(whole);
    }
    fell_back.unwrap_or(false)
}

fn feature(id: &str, geometry: &str, props: &str) -> String {
    format!(r#"{{"type":"Feature","id":"{id}","geometry":{geometry},"properties":{{{props}}}}}"#)
}

fn point(lon: f64, lat: f64) -> String {
    format!(r#"{{"type":"Point","coordinates":[{lon},{lat}]}}"#)
}

fn collection(features: &[String]) -> String {
    format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}\n",
        features.join(",\n")
    )
}

#[test]
fn fixtures_read_in_steps_equal_the_whole_file_reader() {
    let roots = [
        "tests/fixtures/valid",
        "tests/fixtures/invalid",
        "tests/e2e/fixtures/hostile",
    ];
    let mut files = Vec::new();
    for root in roots {
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "geojson") {
                    files.push(path);
                }
            }
        }
    }
    assert!(files.len() >= 20, "fixtures found: {}", files.len());
    let mut stepped_files = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("fixture");
        if same_as_whole(&text) {
            // Only the invalid-JSON fixtures are not the usual shape.
            assert!(
                path.to_string_lossy().contains("bad-json"),
                "{path:?} fell back"
            );
        } else {
            stepped_files += 1;
        }
    }
    assert!(
        stepped_files + 3 >= files.len(),
        "{stepped_files} of {}",
        files.len()
    );
}

#[test]
fn bad_features_are_listed_at_their_index_and_the_rest_import_in_steps() {
    let text = collection(&[
        feature("a", &point(113.2, 23.1), r#""name":"甲""#),
        feature("b", r#"{"type":"Point","coordinates":"x"}"#, r#""name":"乙""#),
        feature("c", "null", r#""name":"丙""#),
        r#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[113,23],[114,23],[114,24],[113,23]]]},"properties":null}"#.to_owned(),
        r#"{"type":"Nope","geometry":null,"properties":{}}"#.to_owned(),
        "42".to_owned(),
        feature("a", &point(113.3, 23.2), r#""name":"重复""#),
        feature("l", r#"{"type":"LineString","coordinates":[[113,23],[113.5,23.5]]}"#, ""),
        feature("far", &point(2.35, 48.85), r#""名称":"巴黎""#),
    ]);
    assert!(!same_as_whole(&text), "read in steps, not by the fallback");
    let (out, steps, _) = stepped(&text, 2, &ImportOptions::default());
    assert_eq!(steps, 5, "9 features, 2 a step");
    let names: Vec<&str> = out.dataset.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["甲", "重复", "巴黎"]);
    assert_eq!(out.dataset.routes.len(), 1);
    let at = |path: &str| out.issues.iter().any(|i| i.path.starts_with(path));
    for path in [
        "features[1].geometry",
        "features[2]",
        "features[3]",
        "features[4].type",
        "features[5]",
    ] {
        assert!(at(path), "no issue at {path}: {:#?}", out.issues);
    }
    assert!(out.issues.iter().all(|i| i.file == "f.geojson"));
    assert!(out
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && i.message.contains('a')));
}

#[test]
fn unusual_or_broken_files_are_reported_as_the_whole_file_reader_does() {
    let good = feature("a", &point(113.2, 23.1), r#""name":"甲""#);
    let cases = [
        String::new(),
        "   ".to_owned(),
        "[]".to_owned(),
        "\u{feff}".to_owned() + &collection(std::slice::from_ref(&good)),
        format!(r#"{{"type":"FeatureCollection","features":[{good},]}}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good}]}} x"#),
        format!(r#"{{"type":"Feature","features":[{good}]}}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good}],"features":[]}}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good}],"type":"FeatureCollection"}}"#),
        format!(r#"{{"features":[{good}]}}"#),
        r#"{"type":"FeatureCollection"}"#.to_owned(),
        r#"{"type":"FeatureCollection","features":null}"#.to_owned(),
        r#"{"type":"FeatureCollection","features":5}"#.to_owned(),
        r#"{"type":5,"features":[]}"#.to_owned(),
        format!(r#"{{"type":"FeatureCollection" "features":[{good}]}}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good} {good}]}}"#),
        format!(r#"{{"type":"FeatureCollection","features":[{good},{{"type":"Feature",]}}"#),
    ];
    for text in &cases {
        assert!(same_as_whole(text), "should fall back: {text:.200}");
    }
}

#[test]
fn any_key_order_and_other_members_are_the_usual_shape() {
    let good = feature("a", &point(113.2, 23.1), r#""name":"甲""#);
    let cases = [
        format!(r#"{{"features":[{good}],"type":"FeatureCollection"}}"#),
        format!(
            "{{\"name\":\"层\",\"crs\":{{\"type\":\"name\",\"properties\":{{}}}},\"n\":5,\"bbox\":[1,2,3,4],\
             \"\\u0074ype\":\"FeatureCollection\",\"features\":[ {good} , {good} ] }}\r\n"
        ),
        r#"{"type":"FeatureCollection","features":[]}"#.to_owned(),
    ];
    for text in &cases {
        assert!(!same_as_whole(text), "read in steps: {text:.200}");
    }
}
