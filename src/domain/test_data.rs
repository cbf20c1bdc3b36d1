//! The bundled dataset (`geodata/`), loaded for unit tests, a deterministic source of
//! made-up positions, and URL query pairs for them. Test-only.

use super::geodata::read_dir;
use super::model::Dataset;

/// The bundled dataset, read from `geodata/`.
pub fn bundled() -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/geodata");
    read_dir(std::path::Path::new(dir))
        .expect("bundled dataset")
        .0
}

/// Uniform numbers in [0, 1) from `seed` (non-zero), the same on every run (xorshift64):
/// for scatters of made-up points, without a `rand` crate.
pub fn unit_floats(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// URL query pairs, as the parsers of `?key=value` take them.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
