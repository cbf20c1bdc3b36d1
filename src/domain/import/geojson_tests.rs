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
        stated: StatedPrecision::About100m,
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

/// Asserts a broken file (the whole-file reader: one error, no record) gets that same
/// error (message, line and column, path) first, read in steps at every step size, with
/// the features before the break kept; returns the stepped result.
fn broken_as_whole(text: &str) -> Imported {
    let options = ImportOptions {
        coords: CoordSystem::Gcj02,
        stated: StatedPrecision::About100m,
    };
    let expected = import_geojson_whole("f.geojson", text, &options);
    assert_eq!(expected.issues.len(), 1, "{:#?} {text:?}", expected.issues);
    assert_eq!(expected.summary.records, 0);
    let mut last = None;
    for per_step in [1, 2, 7, 10_000] {
        let (got, _, whole) = stepped(text, per_step, &options);
        assert!(!whole, "read in steps, not again whole: {text:.300}");
        assert_eq!(
            got.issues[0], expected.issues[0],
            "{per_step} per step:\n{text:.300}"
        );
        assert!(
            last.as_ref().is_none_or(|l| *l == got),
            "{per_step} per step"
        );
        last = Some(got);
    }
    last.expect("stepped")
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
        let whole = import_geojson_whole("f.geojson", &text, &ImportOptions::default());
        if whole
            .issues
            .iter()
            .any(|i| i.message.starts_with("invalid JSON"))
        {
            // Invalid JSON: the same error, found in steps.
            assert!(path.to_string_lossy().contains("bad-json"), "{path:?}");
            broken_as_whole(&text);
        } else {
            assert!(!same_as_whole(&text), "{path:?} fell back");
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
fn a_wrong_type_or_no_features_list_is_listed_as_the_whole_file_reader_does() {
    let good = feature("a", &point(113.2, 23.1), r#""name":"甲""#);
    let cases = [
        format!(r#"{{"type":"Feature","features":[{good}]}}"#),
        format!(r#"{{"features":[{good}]}}"#),
        format!(r#"{{"type":null,"features":[{good}]}}"#),
        r#"{"type":"FeatureCollection"}"#.to_owned(),
        r#"{"type":"FeatureCollection","features":null}"#.to_owned(),
        r#"{"type":"Topology","objects":{}}"#.to_owned(),
    ];
    for text in &cases {
        assert!(!same_as_whole(text), "read in steps: {text:.200}");
    }
}

#[test]
fn broken_files_get_the_whole_file_readers_error_and_keep_the_features_before_it() {
    let good = feature("a", &point(113.2, 23.1), r#""name":"甲""#);
    let other = feature("b", &point(113.3, 23.2), r#""name":"乙""#);
    let cases = [
        (String::new(), 0),
        ("   ".to_owned(), 0),
        ("[]".to_owned(), 0),
        (
            "\u{feff}".to_owned() + &collection(std::slice::from_ref(&good)),
            0,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good},]}}"#),
            1,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good}"#),
            1,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good}]}} x"#),
            1,
        ),
        (r#"{"type":"FeatureCollection","features":5}"#.to_owned(), 0),
        (r#"{"type":5,"features":[]}"#.to_owned(), 0),
        (
            format!(r#"{{"type":"FeatureCollection" "features":[{good}]}}"#),
            0,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good} {good}]}}"#),
            1,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good},{{"type":"Feature",]}}"#),
            1,
        ),
        // Over several lines, the break after a few features and the cut stand-in.
        (
            collection(&[
                good.clone(),
                other.clone(),
                good.clone(),
                "{\"type\": \"Feature\",\n  \"geometry\": nul}".into(),
                other.clone(),
            ]),
            3,
        ),
        (
            collection(&[good.clone(), other.clone(), other.clone()])
                .replace("\n]}\n", "\n]\n,}\n"),
            3,
        ),
        (
            format!(
                "{}\n\n  x",
                collection(&[good.clone(), other.clone(), good.clone()])
            ),
            3,
        ),
    ];
    for (text, before) in &cases {
        let got = broken_as_whole(text);
        assert_eq!(got.summary.records, *before, "{text:.300}");
        if *before > 0 {
            let note = &got.issues[1];
            assert_eq!(note.severity, Severity::Warning);
            assert!(
                note.message
                    .contains(&format!("the {before} feature(s) before it")),
                "{note:?}"
            );
        }
    }
    // A key given twice: the whole-file reader takes both lists when every feature parses
    // (its fast path) and reports the duplicate otherwise; the stepped reader always reports
    // it (which list is meant?), keeping the features before it.
    for (text, before) in [
        (
            format!(r#"{{"type":"FeatureCollection","features":[{good}],"features":[]}}"#),
            1,
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":null,"features":[{good}]}}"#),
            0,
        ),
        (
            format!(
                r#"{{"type":"FeatureCollection","features":[{good}],"type":"FeatureCollection"}}"#
            ),
            1,
        ),
    ] {
        let (got, _, whole) = stepped(&text, 1, &ImportOptions::default());
        assert!(!whole);
        assert!(
            got.issues[0].message.starts_with("duplicate field"),
            "{:?}",
            got.issues
        );
        assert_eq!(got.summary.records, before);
    }
    // A window shorter than the broken feature: the stand-in grows until the error is in it.
    let long = format!(
        r#"{{"type":"Feature","properties":{{"note":"{}"}},"geometry":5 x}}"#,
        "长".repeat(60_000)
    );
    let got = broken_as_whole(&collection(&[good.clone(), long, good]));
    assert!(
        got.issues[0].message.contains("at line 3 column"),
        "{:?}",
        got.issues[0]
    );
}

#[test]
fn a_broken_big_file_is_stopped_at_in_a_step_not_read_again_whole() {
    let good = feature("a", &point(113.2, 23.1), r#""name":"甲""#);
    let mut features = vec![good; 20_000];
    features[10_000] = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[113,23]},"properties":{"name" "x"}}"#.into();
    let text = collection(&features);
    let options = ImportOptions::default();
    let mut import = GeoJsonImport::new("f.geojson", &text, &options);
    let mut steps = 0;
    let mut slowest = std::time::Duration::ZERO;
    loop {
        let t = std::time::Instant::now();
        let done = import.step(200);
        slowest = slowest.max(t.elapsed());
        steps += 1;
        if done {
            break;
        }
    }
    assert!(import.whole.is_none());
    assert_eq!(
        steps, 51,
        "50 steps of 200 features, the 51st finds the break"
    );
    let out = import.finish();
    assert_eq!(out.summary.records, 10_000);
    let whole = import_geojson_whole("f.geojson", &text, &options);
    assert_eq!(out.issues[0], whole.issues[0]);
    assert_eq!(
        out.issues[0].message,
        "invalid JSON: expected `:` at line 10002 column 91"
    );
    // Loose (a shared machine): a step is a few ms, not the whole file's read.
    assert!(slowest.as_millis() < 500, "{slowest:?}");
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

#[test]
fn the_summary_counts_features_read_imported_and_not_imported() {
    // 7 features by hand: 4 give records (one MultiPoint gives 2 sites, one LineString a
    // route), 3 do not (a polygon, no geometry, a latitude of 95°).
    let text = collection(&[
        feature("a", &point(113.1, 23.1), r#""name":"甲""#),
        feature(
            "b",
            r#"{"type":"MultiPoint","coordinates":[[113.2,23.2],[113.3,23.3]]}"#,
            r#""name":"乙""#,
        ),
        feature(
            "c",
            r#"{"type":"Polygon","coordinates":[[[113,23],[113.1,23],[113.1,23.1],[113,23]]]}"#,
            r#""name":"丙""#,
        ),
        feature("d", "null", r#""name":"丁""#),
        feature("e", &point(113.4, 95.0), r#""name":"戊""#),
        feature(
            "f",
            r#"{"type":"LineString","coordinates":[[113.1,23.1],[113.2,23.2]]}"#,
            r#""name":"己""#,
        ),
        feature("g", &point(113.5, 23.5), r#""name":"庚""#),
    ]);
    assert!(!same_as_whole(&text));
    let (out, _, _) = stepped(&text, 2, &ImportOptions::default());
    let s = out.summary;
    assert_eq!((s.records, s.skipped), (7, 3), "{s:?}");
    assert_eq!((s.sites, s.routes), (4, 1));
    // Each feature not imported is listed, at its index.
    for index in [2, 3, 4] {
        let at = format!("features[{index}]");
        assert!(
            out.issues.iter().any(|i| i.path.starts_with(&at)),
            "{at}: {:#?}",
            out.issues
        );
    }
}

#[test]
fn the_stated_precision_is_recorded_and_a_features_own_is_honoured() {
    let own = r#""name":"乙","precision":{"level":"town","radius_m":3000,"note":"镇点"}"#;
    let text = collection(&[
        feature("a", &point(113.1, 23.1), r#""name":"甲""#),
        feature("b", &point(113.2, 23.2), own),
        feature(
            "c",
            &point(113.3, 23.3),
            r#""name":"丙","precision":"exact""#,
        ),
    ]);
    let options = ImportOptions {
        stated: StatedPrecision::About10m,
        ..ImportOptions::default()
    };
    let out = import_geojson_whole("f.geojson", &text, &options);
    let (got, _, _) = stepped(&text, 1, &options);
    assert_eq!(got, out);
    let radius: Vec<f64> = out
        .dataset
        .sites
        .iter()
        .map(|s| s.precision.ring_radius_m())
        .collect();
    assert_eq!(radius, [10.0, 3000.0, 10.0]);
    assert!(out.dataset.sites[1]
        .extra
        .iter()
        .all(|(k, _)| k != "precision"));
    let warning = out
        .issues
        .iter()
        .find(|i| matches!(i.reason.as_deref(), Some(Reason::PrecisionNotRead { .. })))
        .expect("the unread precision is listed");
    assert!(warning
        .text(crate::domain::model::TextLang::Zh)
        .contains("“c”"));
    // Not stated by default: the ±5 km ring, as before.
    let plain = import_geojson_whole("f.geojson", &text, &ImportOptions::default());
    assert_eq!(plain.dataset.sites[0].precision.ring_radius_m(), 5_000.0);
    // Exported, the stated precision is written in redmap's schema and read back.
    let again = import_geojson_whole(
        "again.geojson",
        &super::super::layer_geojson(&out.dataset),
        &ImportOptions::default(),
    );
    let back: Vec<f64> = again
        .dataset
        .sites
        .iter()
        .map(|s| s.precision.ring_radius_m())
        .collect();
    assert_eq!(back, [10.0, 3000.0, 10.0]);
}
