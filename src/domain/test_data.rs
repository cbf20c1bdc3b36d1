//! The bundled dataset (`geodata/`), loaded for unit tests. Test-only.

use super::geodata::load_dataset;
use super::model::Dataset;

/// Every file of `geodata/` that the manifest may list, read from disk.
pub fn bundled() -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/geodata");
    let names = [
        "dataset.json",
        "sites.geojson",
        "routes.geojson",
        "regions.geojson",
        "activities.json",
        "visits.json",
    ];
    let texts: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(format!("{dir}/{n}")).expect("bundled file");
            (n.to_string(), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    load_dataset(&files).0
}
