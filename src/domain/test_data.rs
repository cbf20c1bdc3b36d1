//! The bundled dataset (`geodata/`), loaded for unit tests. Test-only.

use super::geodata::read_dir;
use super::model::Dataset;

/// The bundled dataset, read from `geodata/`.
pub fn bundled() -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/geodata");
    read_dir(std::path::Path::new(dir))
        .expect("bundled dataset")
        .0
}
