//! Fuzz target `dataset`: see `redmap::domain::fuzzing::dataset`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::dataset(data));
