//! `redmap-data`: command-line tools for the bundled dataset.
//!
//! `redmap-data validate <dir>` reads `<dir>/dataset.json` and the layer files it lists,
//! prints every issue (`severity: file: json-path: message`), then a summary line, and exits
//! 1 when there is any error, 0 otherwise (2 on usage or I/O problems). All checking is in
//! `redmap::domain`; this file only reads files and prints.

use redmap::domain::geodata::{load_dataset, parse_manifest, MANIFEST_FILE};
use redmap::domain::model::Dataset;
use redmap::domain::validate::{DataIssue, IssueCounts};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: redmap-data validate <dir>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["validate", dir] => validate(dir),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn validate(dir: &str) -> ExitCode {
    let files = match read_files(Path::new(dir)) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("redmap-data: {message}");
            return ExitCode::from(2);
        }
    };
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (data, issues) = load_dataset(&borrowed);
    for issue in &issues {
        println!("{issue}");
    }
    println!("{}", summary(dir, &data, &issues));
    if IssueCounts::of(&issues).errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The manifest and every layer file it lists that can be read. A listed file that cannot
/// be read is left out, so that it is reported as missing with the other issues.
fn read_files(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let (parsed, _) = parse_manifest(MANIFEST_FILE, &manifest);
    let mut files = vec![(MANIFEST_FILE.to_owned(), manifest)];
    for layer in parsed.iter().flat_map(|m| m.layers.iter()) {
        if let Ok(text) = std::fs::read_to_string(dir.join(&layer.file)) {
            files.push((layer.file.clone(), text));
        }
    }
    Ok(files)
}

fn summary(dir: &str, data: &Dataset, issues: &[DataIssue]) -> String {
    let c = IssueCounts::of(issues);
    format!(
        "{dir}: {} sites, {} routes, {} regions, {} activities, {} visits — {} errors, {} warnings, {} infos",
        data.sites.len(),
        data.routes.len(),
        data.regions.len(),
        data.activities.len(),
        data.visits.len(),
        c.errors,
        c.warnings,
        c.infos,
    )
}
