//! Build script: only for the code-split browser build (`--features split`, see
//! src/ui/lazy.rs). wasm-split-cli needs the linker's relocations in the wasm it splits, so
//! the `redmap` binary is linked with `--emit-relocs` (what cargo-leptos sets for its split
//! builds). Nothing else changes: dependencies are not rebuilt.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    if wasm && split {
        println!("cargo:rustc-link-arg-bin=redmap=--emit-relocs");
    }
}
