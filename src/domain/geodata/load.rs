//! Assembling a [`Dataset`] from the manifest and its layer files, then running the
//! cross-file checks. Files are given as (name, text) pairs, so the same code serves the
//! command line (read from disk) and the browser (fetched).

use super::{parse_activities, parse_regions, parse_routes, parse_sites, parse_visits, Parsed};
use crate::domain::model::{Dataset, LayerType};
use crate::domain::validate::{check_dataset_with, DataIssue, Origin, Origins, Severity};

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "dataset.json";

/// Loads a whole dataset: `dataset.json` and every layer file it lists, from `files`
/// (name, text). Returns what loaded and every issue, cross-file checks included.
pub fn load_dataset(files: &[(&str, &str)]) -> (Dataset, Vec<DataIssue>) {
    let (data, origins, mut issues) = parse_dataset(files);
    issues.extend(check_dataset_with(&data, &origins));
    (data, issues)
}

/// The first half of [`load_dataset`]: parses the manifest and every layer file, without
/// the cross-file checks (run `check_dataset_with(&data, &origins)` next), so that callers
/// can time the two halves apart.
pub fn parse_dataset(files: &[(&str, &str)]) -> (Dataset, Origins, Vec<DataIssue>) {
    let mut data = Dataset::default();
    let mut origins = Origins::default();
    let Some((_, text)) = find(files, MANIFEST_FILE) else {
        let issue = DataIssue::new(Severity::Error, MANIFEST_FILE, "", "missing manifest file");
        return (data, origins, vec![issue]);
    };
    let (manifest, mut issues) = super::parse_manifest(MANIFEST_FILE, text);
    for (i, layer) in manifest.iter().flat_map(|m| m.layers.iter()).enumerate() {
        match find(files, &layer.file) {
            // Issues name the file as the manifest does, whatever folder it was read from.
            Some((_, text)) => issues.extend(load_layer(
                &mut data,
                &mut origins,
                layer.kind,
                &layer.file,
                text,
            )),
            None => issues.push(DataIssue::new(
                Severity::Error,
                MANIFEST_FILE,
                format!("layers[{i}].file"),
                format!("layer file \"{}\" is missing", layer.file),
            )),
        }
    }
    data.manifest = manifest;
    (data, origins, issues)
}

/// Parses one layer file into `data` (replacing that layer) and records its origin.
/// Returns the file's own issues; run the cross-file checks once all layers are in.
pub fn load_layer(
    data: &mut Dataset,
    origins: &mut Origins,
    kind: LayerType,
    file: &str,
    text: &str,
) -> Vec<DataIssue> {
    fn take<T>(p: Parsed<T>, records: &mut Vec<T>, origin: &mut Origin) -> Vec<DataIssue> {
        *records = p.records;
        *origin = p.origin;
        p.issues
    }
    match kind {
        LayerType::Sites => take(parse_sites(file, text), &mut data.sites, &mut origins.sites),
        LayerType::Routes => take(
            parse_routes(file, text),
            &mut data.routes,
            &mut origins.routes,
        ),
        LayerType::Regions => take(
            parse_regions(file, text),
            &mut data.regions,
            &mut origins.regions,
        ),
        LayerType::Activities => take(
            parse_activities(file, text),
            &mut data.activities,
            &mut origins.activities,
        ),
        LayerType::Visits => take(
            parse_visits(file, text),
            &mut data.visits,
            &mut origins.visits,
        ),
    }
}

/// The file called `name`, also when given with a folder ("geodata/sites.geojson").
fn find<'a>(files: &[(&'a str, &'a str)], name: &str) -> Option<(&'a str, &'a str)> {
    files.iter().copied().find(|(n, _)| {
        *n == name
            || n.strip_suffix(name)
                .is_some_and(|dir| dir.ends_with('/') || dir.ends_with('\\'))
    })
}
