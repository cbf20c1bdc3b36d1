//! Reading a dataset folder from disk (the command line, tests, benchmarks): the manifest and
//! every layer file it lists, decoded as the browser decodes fetched files.

use super::{load_dataset, parse_manifest, text_from_bytes, MANIFEST_FILE};
use crate::domain::model::Dataset;
use crate::domain::validate::DataIssue;
use std::path::Path;

/// The manifest and every layer file it lists that can be read, as (name, text). A listed
/// file that cannot be read is left out, so that it is reported as missing with the other
/// issues. Only a missing or unreadable manifest is an error.
pub fn read_files(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let read = |path: &Path| std::fs::read(path).map(text_from_bytes);
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest = read(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let (parsed, _) = parse_manifest(MANIFEST_FILE, &manifest);
    let mut files = vec![(MANIFEST_FILE.to_owned(), manifest)];
    for layer in parsed.iter().flat_map(|m| m.layers.iter()) {
        if let Ok(text) = read(&dir.join(&layer.file)) {
            files.push((layer.file.clone(), text));
        }
    }
    Ok(files)
}

/// Loads and validates the dataset in `dir` (see [`load_dataset`]).
pub fn read_dir(dir: &Path) -> Result<(Dataset, Vec<DataIssue>), String> {
    let files = read_files(dir)?;
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(load_dataset(&borrowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_bundled_dataset_and_reports_a_missing_folder() {
        let (data, issues) = read_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata")))
            .expect("bundled dataset");
        assert!(data.sites.len() >= 19, "{} sites", data.sites.len());
        assert!(issues
            .iter()
            .all(|i| i.severity != crate::domain::validate::Severity::Error));
        let missing = read_dir(Path::new("/no/such/folder")).expect_err("no manifest");
        assert!(missing.contains("dataset.json"), "{missing}");
    }
}
