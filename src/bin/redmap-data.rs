//! `redmap-data`: command-line tools for the bundled dataset.
//!
//! `redmap-data validate <dir>` reads `<dir>/dataset.json` and the layer files it lists,
//! prints every issue (`severity: file: json-path: message`), then a summary line, and exits
//! 1 when there is any error, 0 otherwise (2 on usage or I/O problems). All checking is in
//! `redmap::domain`; this file only reads files and prints.
//!
//! `redmap-data points <dir>` writes `<dir>/sites.points` from the sites layer's GeoJSON
//! (`domain::geodata::points`: what the map draws first) and says how to list it in the
//! manifest. Run it again whenever the GeoJSON changes (a stale one is ignored).
//!
//! `redmap-data lines <dir>` writes `<dir>/routes.lines` from the routes layer's GeoJSON
//! (`domain::geodata::lines`: the routes' lines the map draws first) and says how to list
//! it in the manifest. Run it again whenever the GeoJSON changes (`cargo test` says when it
//! is stale for `geodata/`).
//!
//! `redmap-data basemap <dir>` writes `<dir>/basemap.bin` from the base map's GeoJSON files
//! in `<dir>` (`domain::basemap::packed`: what the app draws the land from). Run it again
//! whenever they change (`cargo test` says when it is stale for `geodata/basemap`).
//!
//! `redmap-data csp` prints the page's Content Security Policy (`domain::csp::policy`), the
//! text `assets/csp-policy.txt` must hold (the build writes it into `index.html`).

use redmap::domain::geodata::read_dir;
use redmap::domain::model::Dataset;
use redmap::domain::validate::{DataIssue, IssueCounts};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: redmap-data validate <dir> | redmap-data points <dir> | \
    redmap-data lines <dir> | redmap-data basemap <dir> | redmap-data csp";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["validate", dir] => validate(dir),
        ["points", dir] => points(Path::new(dir)),
        ["lines", dir] => lines(Path::new(dir)),
        ["basemap", dir] => basemap(Path::new(dir)),
        ["csp"] => {
            println!("{}", redmap::domain::csp::policy());
            ExitCode::SUCCESS
        }
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
    let (data, issues) = match read_dir(Path::new(dir)) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("redmap-data: {message}");
            return ExitCode::from(2);
        }
    };
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

/// `basemap <dir>`: `basemap.bin` from the base map's GeoJSON files in `dir`.
fn basemap(dir: &Path) -> ExitCode {
    use redmap::domain::basemap::{pack, FILES, PACKED_FILE};
    let read =
        |name: &&str| std::fs::read_to_string(dir.join(name)).map(|text| (name.to_string(), text));
    let result = FILES
        .iter()
        .map(|name| read(name).map_err(|e| format!("{name}: {e}")))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|files| {
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            let bytes = pack(&files)?;
            std::fs::write(dir.join(PACKED_FILE), &bytes)
                .map_err(|e| format!("{PACKED_FILE}: {e}"))?;
            println!(
                "{PACKED_FILE}: {} bytes from {}",
                bytes.len(),
                FILES.join(", ")
            );
            Ok(())
        });
    exit_code(result)
}

/// `lines <dir>`: the routes layer's `routes.lines`, next to its GeoJSON.
fn lines(dir: &Path) -> ExitCode {
    first_frame_file(
        dir,
        redmap::domain::model::LayerType::Routes,
        ("lines", "routes.lines"),
        |layer| layer.lines.clone(),
        redmap::domain::geodata::lines::from_geojson,
    )
}

/// `points <dir>`: the sites layer's `sites.points`, next to its GeoJSON.
fn points(dir: &Path) -> ExitCode {
    first_frame_file(
        dir,
        redmap::domain::model::LayerType::Sites,
        ("points", "sites.points"),
        |layer| layer.points.clone(),
        redmap::domain::geodata::points::from_geojson,
    )
}

/// Writes the binary file the map's first frame is drawn from for the `kind` layer (named by
/// the layer's `field`, else `default`), made by `encode` from the layer's GeoJSON.
fn first_frame_file(
    dir: &Path,
    kind: redmap::domain::model::LayerType,
    (field, default): (&str, &str),
    named: fn(&redmap::domain::model::Layer) -> Option<String>,
    encode: fn(&str, &[u8]) -> Vec<u8>,
) -> ExitCode {
    let read = |name: &str| std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"));
    let result = read(redmap::domain::geodata::MANIFEST_FILE).and_then(|manifest| {
        let manifest: redmap::domain::model::Manifest =
            serde_json::from_slice(&manifest).map_err(|e| format!("dataset.json: {e}"))?;
        let layer = manifest
            .layers
            .iter()
            .find(|l| l.kind == kind)
            .ok_or_else(|| format!("dataset.json: no {kind:?} layer"))?;
        let source = read(&layer.file)?;
        let bytes = encode(&layer.file, &source);
        let out = named(layer).unwrap_or_else(|| default.to_owned());
        std::fs::write(dir.join(&out), &bytes).map_err(|e| format!("{out}: {e}"))?;
        println!("{out}: {} bytes from {}", bytes.len(), layer.file);
        if named(layer).is_none() {
            println!(
                "add \"{field}\": \"{out}\" to the layer of {} in dataset.json",
                layer.file
            );
        }
        Ok(())
    });
    exit_code(result)
}

/// Success, or the message on stderr and exit code 2.
fn exit_code(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("redmap-data: {message}");
            ExitCode::from(2)
        }
    }
}
