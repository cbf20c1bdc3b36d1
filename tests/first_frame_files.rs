//! The binary files the map's first frame on `/` is drawn from before any JSON is read
//! (src/ui/load.rs, src/ui/map/mod.rs) are exactly what `redmap-data` makes from today's
//! GeoJSON with today's parsers, so they never go stale:
//! - `geodata/sites.points`, named by the manifest (a stale one would still be caught and
//!   reported in the browser, but the map would first show the wrong points);
//! - `geodata/basemap/basemap.bin`, the base map's land, provinces, lakes and rivers.

use redmap::domain::basemap::{self, packed};
use redmap::domain::geodata::{parse_manifest, parse_sites, points, MANIFEST_FILE};
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
    let text = String::from_utf8(read(MANIFEST_FILE)).expect("utf-8 manifest");
    let (manifest, issues) = parse_manifest(MANIFEST_FILE, &text);
    assert!(issues.is_empty(), "{issues:?}");
    let manifest = manifest.expect("a manifest");
    let sites = manifest
        .layers
        .iter()
        .find(|l| l.kind == LayerType::Sites)
        .expect("a sites layer");
    let points = sites
        .points
        .clone()
        .expect("the bundled sites layer names its points file (\"points\": \"sites.points\")");
    (sites.file.clone(), points)
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
