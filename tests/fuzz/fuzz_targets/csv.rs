//! Fuzz target `csv`: see `redmap::domain::fuzzing::csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::csv(data));
