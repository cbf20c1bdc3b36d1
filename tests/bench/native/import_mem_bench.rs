//! Where the memory of a big import goes, natively: live heap and the peak at each stage of
//! the browser's path (bytes, text, table or parse, layer, merge, clusters), for the 49 MB
//! CSV of `make bench-import` (SYNTHETIC, same rows as tests/e2e/harness.mjs writeBigCsv)
//! and the ~48 MB GeoJSON of tests/bench/import_files.mjs if made. A counting allocator
//! measures; asserts nothing. Native pointers are 8 bytes (wasm32: 4), so the struct parts
//! are about half as big in the browser; text is the same size.
//!
//!     cargo run --release --example import_mem_bench

use redmap::domain::cluster::{ClusterBuilder, ClusterOptions};
use redmap::domain::import::{
    decode_unicode, suggest_mapping, CsvImport, GeoJsonImport, ImportLayer, ImportOptions,
    Imported, MergeBuilder, TableReader,
};
use redmap::domain::model::Dataset;
use std::fmt::Write;
use std::sync::atomic::Ordering::Relaxed;

mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

/// Prints the live heap now and the peak since the last stage, then starts a new stage.
fn stage(name: &str) {
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "  {name:<34} live {:>7.1} MB, peak in the stage {:>7.1} MB",
        mb(LIVE.load(Relaxed)),
        mb(PEAK.load(Relaxed))
    );
    PEAK.store(LIVE.load(Relaxed), Relaxed);
}

fn big_csv() -> Vec<u8> {
    let mut s = String::from("名称,经度,纬度,类型,地址,负责人,备注\n");
    let mut i = 0;
    while s.len() < 49 * 1024 * 1024 {
        let _ = writeln!(
            s,
            "测试地点{i},{:.6},{:.6},纪念馆,广东省某市某区某某街道{i}号,负责人{},第{i}行的备注：一段说明文字用来把行加长到真实表格的宽度",
            108.0 + (i % 9973) as f64 * 0.0011,
            21.0 + (i % 7919) as f64 * 0.0009,
            i % 97
        );
        i += 1;
    }
    s.into_bytes()
}

/// The layer merged after an empty base and clustered, as `ui::import::merging` does.
fn add(imported: Imported) {
    let layer = ImportLayer::from_import("1".into(), "f", imported);
    stage("layer (ImportLayer)");
    let base = Dataset::default();
    let mut merging = MergeBuilder::default();
    while !merging.step(&base, &[&layer], 2000) {}
    let merged = merging.finish();
    stage("merged (layer + merged copy)");
    let positions: Vec<_> = merged.dataset.sites.iter().map(|s| s.position).collect();
    let mut clusters = ClusterBuilder::new(&positions, ClusterOptions::default());
    while !clusters.step(20_000) {}
    let clusters = clusters.finish();
    stage("clusters built");
    drop((clusters, positions, merged, layer));
    stage("all dropped");
}

fn main() {
    let options = ImportOptions::default();
    println!("CSV, 49 MB (SYNTHETIC):");
    stage("start");
    let bytes = big_csv();
    stage("file bytes");
    let Ok(decoded) = decode_unicode(bytes) else {
        return;
    };
    stage("text (the bytes, taken)");
    let mut reader = TableReader::new("f.csv", decoded.text);
    while !reader.step(1000) {}
    let (table, issues) = reader.finish();
    stage("table (text dropped)");
    let mapping = suggest_mapping(&table);
    let mut import = CsvImport::new("f.csv", table, mapping, &options, issues);
    while !import.step(500) {}
    while !import.release(10_000) {}
    let imported = import.finish();
    stage("converted (table dropped)");
    add(imported);

    let path = "target/bench/import-48mb.geojson";
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("{path}: missing (node tests/bench/import_files.mjs)");
        return;
    };
    println!("GeoJSON, {:.1} MB (SYNTHETIC):", text.len() as f64 / 1e6);
    stage("text");
    let mut import = GeoJsonImport::new("f.geojson", &text, &options);
    while !import.step(200) {}
    let imported = import.finish();
    stage("parsed (text still held)");
    drop(text);
    stage("text dropped");
    add(imported);
}
