//! Fuzz target `geojson`: see `redmap::domain::fuzzing::geojson`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::geojson(data));
