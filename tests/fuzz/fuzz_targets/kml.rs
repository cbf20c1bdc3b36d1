//! Fuzz target `kml`: see `redmap::domain::fuzzing::kml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::kml(data));
