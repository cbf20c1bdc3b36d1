//! The `redmap-synth` binary end to end: same arguments give byte-identical dataset folders,
//! and what it writes is labelled synthetic.

use std::path::Path;
use std::process::Command;

fn generate(out: &Path, seed: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_redmap-synth"))
        .args(["--sites", "200", "--seed", seed, "--out"])
        .arg(out)
        .status()
        .expect("run redmap-synth");
    assert!(status.success(), "redmap-synth failed: {status}");
}

const FILES: [&str; 7] = [
    "dataset.json",
    "sites.geojson",
    "sites.points",
    "routes.geojson",
    "regions.geojson",
    "activities.json",
    "visits.json",
];

#[test]
fn same_seed_gives_byte_identical_labelled_output() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synth");
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    generate(&a, "42");
    generate(&b, "42");
    for file in FILES {
        let left = std::fs::read(a.join(file)).expect("read a");
        let right = std::fs::read(b.join(file)).expect("read b");
        assert!(
            left == right,
            "{file} differs between two runs with the same seed"
        );
    }
    let dataset = std::fs::read_to_string(a.join("dataset.json")).expect("read dataset.json");
    assert!(dataset.contains("SYNTHETIC benchmark data — not real sites"));
    let sites: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("sites.geojson")).expect("read sites"))
            .expect("sites JSON");
    let features = sites["features"].as_array().expect("features");
    assert_eq!(features.len(), 200);
    for f in features {
        assert!(f["properties"]["name"]
            .as_str()
            .expect("name")
            .starts_with("合成 "));
        assert!(f["properties"]["name_en"]
            .as_str()
            .expect("name_en")
            .starts_with("Synthetic "));
        assert_eq!(f["properties"]["sources"][0]["doc"], "synthetic");
    }
}

/// `sites.points` is listed in the manifest and says exactly what redmap's parser reads from
/// the `sites.geojson` beside it, which it names by length and hash.
#[test]
fn sites_points_match_the_geojson() {
    use redmap::domain::geodata::{parse_sites, points};
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synth-points");
    generate(&dir, "7");
    let geojson = std::fs::read(dir.join("sites.geojson")).expect("read sites");
    let decoded = points::decode(&std::fs::read(dir.join("sites.points")).expect("read points"))
        .expect("decodes");
    let text = std::str::from_utf8(&geojson).expect("utf-8");
    let parsed = parse_sites("sites.geojson", text);
    assert_eq!(parsed.records.len(), 200);
    assert!(decoded.matches(&parsed.records, &parsed.origin.indices));
    assert_eq!(decoded.source_len, geojson.len() as u64);
    assert_eq!(decoded.source_hash, points::hash_of(&geojson));
    let manifest = std::fs::read_to_string(dir.join("dataset.json")).expect("read dataset.json");
    assert!(
        manifest.contains("\"points\": \"sites.points\""),
        "{manifest}"
    );
}
