//! Writes `assets/pinyin.bin`, the pinyin table that search fetches at run time, from the
//! `pinyin` crate (format: `redmap::domain::search::pinyin_table`).
//!
//!     cargo run --example pinyin_table
//!
//! An example rather than a `[[bin]]` because examples may use dev-dependencies: the
//! `pinyin` crate is then never a dependency of the app, so it cannot end up in the wasm.

#[path = "pinyin_source.rs"]
mod source;

fn main() -> std::io::Result<()> {
    let bytes = source::table_bytes();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(source::PATH);
    std::fs::write(&path, &bytes)?;
    println!("{}: {} bytes", path.display(), bytes.len());
    Ok(())
}
