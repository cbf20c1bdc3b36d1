//! Fuzz target `permalink`: see `redmap::domain::fuzzing::permalink`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redmap::domain::fuzzing::permalink(data));
