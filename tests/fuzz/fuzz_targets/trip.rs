//! Fuzz target `trip`: see `redmap::domain::fuzzing::trip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::trip(data));
