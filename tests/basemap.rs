//! Every file of the offline base map parses, has features, stays inside its clip box and
//! the whole base map stays within its size budget.

use redmap::domain::basemap::{parse_layer, BaseKind};
use std::fs;

const BUDGET_BYTES: u64 = 600 * 1024;

#[test]
fn every_basemap_file_parses_and_fits_the_budget() {
    let mut total = 0;
    let mut kinds = Vec::new();
    for entry in fs::read_dir("geodata/basemap").expect("geodata/basemap exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "geojson") {
            continue;
        }
        total += fs::metadata(&path).expect("metadata").len();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let text = fs::read_to_string(&path).expect("read");
        let layer = parse_layer(&name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!layer.features.is_empty(), "{name} has no features");
        kinds.push(layer.kind);
    }
    assert!(
        total <= BUDGET_BYTES,
        "base map is {total} bytes, over {BUDGET_BYTES}"
    );
    for kind in [
        BaseKind::Land,
        BaseKind::Provinces,
        BaseKind::Borders,
        BaseKind::Rivers,
        BaseKind::Places,
    ] {
        assert!(
            kinds.contains(&kind),
            "no {kind:?} layer in geodata/basemap"
        );
    }
}

#[test]
fn provinces_name_guangdong_and_guizhou_in_chinese() {
    let text = fs::read_to_string("geodata/basemap/provinces.geojson").expect("read");
    let layer = parse_layer("provinces.geojson", &text).expect("parses");
    let names: Vec<&str> = layer
        .features
        .iter()
        .filter_map(|f| f.name.as_deref())
        .collect();
    assert!(
        names.contains(&"广东省") && names.contains(&"贵州省"),
        "{names:?}"
    );
}
