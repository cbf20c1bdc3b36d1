//! The binary files the map's first frame on `/` is drawn from before any JSON is read
//! (src/ui/load.rs, src/ui/map/mod.rs) are exactly what `redmap-data` makes from today's
//! GeoJSON with today's parsers, so they never go stale:
//! - `geodata/sites.points`, named by the manifest (a stale one would still be caught and
//!   reported in the browser, but the map would first show the wrong points);
//! - `geodata/routes.lines`, the routes' lines, named by the manifest's routes layer;
//! - `geodata/basemap/basemap.bin`, the base map's land, provinces, lakes and rivers.

use redmap::domain::basemap::{self, packed};
use redmap::domain::geodata::MANIFEST_FILE;
use redmap::domain::geodata::{lines, parse_manifest, parse_routes, parse_sites, points};
use redmap::domain::model::LayerType;
use std::path::{Path, PathBuf};

fn geodata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("geodata")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    let path = geodata(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sites layer's GeoJSON and points file, as the manifest names them.
fn sites_files() -> (String, String) {
    layer_files(LayerType::Sites)
}

/// The routes layer's GeoJSON and lines file, as the manifest names them.
fn routes_files() -> (String, String) {
    layer_files(LayerType::Routes)
}

/// The `kind` layer's GeoJSON and the binary file drawn first in its place.
fn layer_files(kind: LayerType) -> (String, String) {
    let text = String::from_utf8(read(MANIFEST_FILE)).expect("utf-8 manifest");
    let (manifest, issues) = parse_manifest(MANIFEST_FILE, &text);
    assert!(issues.is_empty(), "{issues:?}");
    let manifest = manifest.expect("a manifest");
    let layer = manifest
        .layers
        .iter()
        .find(|l| l.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} layer"));
    let drawn_first = match kind {
        LayerType::Sites => layer.points.clone(),
        _ => layer.lines.clone(),
    };
    let drawn_first = drawn_first.unwrap_or_else(|| {
        panic!("the bundled {kind} layer names the file drawn first (\"points\": \"sites.points\", \"lines\": \"routes.lines\")")
    });
    (layer.file.clone(), drawn_first)
}

#[test]
fn committed_points_are_up_to_date() {
    let (file, points_file) = sites_files();
    let made = points::from_geojson(&file, &read(&file));
    assert!(
        read(&points_file) == made,
        "geodata/{points_file} is stale: run `cargo run --bin redmap-data points geodata` and commit it"
    );
}

#[test]
fn committed_points_are_the_bundled_sites() {
    let (file, points_file) = sites_files();
    let source = read(&file);
    let decoded = points::decode(&read(&points_file)).expect("decodes");
    let text = std::str::from_utf8(&source).expect("utf-8 sites");
    let parsed = parse_sites(&file, text);
    assert!(!parsed.records.is_empty());
    assert!(decoded.matches(&parsed.records, &parsed.origin.indices));
    assert_eq!(decoded.source_len, source.len() as u64);
    assert_eq!(decoded.source_hash, points::hash_of(&source));
}

/// Whether the committed `routes.lines` is what `redmap-data lines` makes of `source`.
fn lines_up_to_date(file: &str, source: &[u8], lines_file: &str) -> Result<(), String> {
    if read(lines_file) == lines::from_geojson(file, source) {
        Ok(())
    } else {
        Err(format!(
            "geodata/{lines_file} is stale: run `cargo run --bin redmap-data lines geodata` and commit it"
        ))
    }
}

#[test]
fn committed_lines_are_up_to_date() {
    let (file, lines_file) = routes_files();
    lines_up_to_date(&file, &read(&file), &lines_file).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn committed_lines_are_the_bundled_routes() {
    let (file, lines_file) = routes_files();
    let source = read(&file);
    let decoded = lines::decode(&read(&lines_file)).expect("decodes");
    let parsed = parse_routes(&file, std::str::from_utf8(&source).expect("utf-8 routes"));
    assert!(!parsed.records.is_empty());
    assert!(lines::same_lines(&decoded.lines, &parsed.records));
    assert_eq!(decoded.source_len, source.len() as u64);
    assert_eq!(decoded.source_hash, points::hash_of(&source));
}

/// The check above fails when routes.geojson changes: a stop moved by 0.001° (the lines
/// differ), and a route renamed (the lines are the same; the file it names is not).
#[test]
fn a_changed_routes_file_makes_the_committed_lines_stale() {
    let (file, lines_file) = routes_files();
    let text = String::from_utf8(read(&file)).expect("utf-8 routes");
    let decoded = lines::decode(&read(&lines_file)).expect("decodes");
    let moved = text.replacen("113.16,", "113.161,", 1);
    let renamed = text.replacen("\"name\": \"", "\"name\": \"新", 1);
    for changed in [&moved, &renamed] {
        assert_ne!(changed, &text, "the edit applies to today's routes.geojson");
        let err = lines_up_to_date(&file, changed.as_bytes(), &lines_file).expect_err("stale");
        assert!(err.contains("is stale"), "{err}");
    }
    let routes = |t: &str| parse_routes(&file, t).records;
    assert!(!lines::same_lines(&decoded.lines, &routes(&moved)));
    assert!(lines::same_lines(&decoded.lines, &routes(&renamed)));
    assert_ne!(decoded.source_hash, points::hash_of(renamed.as_bytes()));
}

#[test]
fn committed_basemap_is_up_to_date() {
    let files: Vec<(&str, String)> = basemap::FILES
        .iter()
        .map(|name| {
            let text = String::from_utf8(read(&format!("basemap/{name}"))).expect("utf-8");
            (*name, text)
        })
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let made = basemap::pack(&files).unwrap_or_else(|e| panic!("{e}"));
    let committed = read(&format!("basemap/{}", basemap::PACKED_FILE));
    assert!(
        committed == made,
        "geodata/basemap/{} is stale: run `cargo run --bin redmap-data basemap geodata/basemap` and commit it",
        basemap::PACKED_FILE
    );
    let layers = packed::decode(&committed).expect("decodes");
    let kinds: Vec<_> = layers.iter().map(|l| l.kind).collect();
    let expected: Vec<_> = basemap::FILES
        .iter()
        .map(|f| basemap::BaseKind::from_file_name(f))
        .collect();
    assert_eq!(kinds, expected);
    assert!(layers.iter().all(|l| !l.features.is_empty()));
}
