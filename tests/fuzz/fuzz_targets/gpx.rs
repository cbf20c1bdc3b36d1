//! Fuzz target `gpx`: see `redmap::domain::fuzzing::gpx`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::gpx(data));
