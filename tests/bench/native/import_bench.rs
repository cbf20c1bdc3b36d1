//! Timings of the importers on large generated files (SYNTHETIC: names "合成地点 N",
//! positions in Guangdong): a ~50 MB CSV in UTF-8 and GBK, a KML and a GPX with many
//! points. Prints numbers; asserts nothing.
//!
//!     cargo run --release --example import_bench
//!
//! The release profile is the wasm one (opt-level "z", LTO), so these are close to what
//! the browser gets, minus wasm's usual 1.2-2x slowdown.

use redmap::domain::import::{
    decode, import_file, read_table, suggest_mapping, CsvImport, ImportOptions,
};
use std::fmt::Write;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn csv_text(rows: usize) -> String {
    let mut s = String::from("名称,经度,纬度,类型,地址,活动日期,参与人数,备注\r\n");
    for i in 0..rows {
        let lon = 110.0 + (i % 5000) as f64 * 0.001;
        let lat = 21.0 + (i / 5000) as f64 * 0.01;
        let _ = write!(
            s,
            "合成地点 {i},{lon:.6},{lat:.6},纪念馆,\"合成路 {i} 号, 合成镇\",2021-{:02}-15,约{},SYNTHETIC row for timing only\r\n",
            i % 12 + 1,
            i % 900 + 100
        );
    }
    s
}

fn main() {
    let options = ImportOptions::default();
    for rows in [100_000usize, 400_000] {
        let text = csv_text(rows);
        let mb = text.len() as f64 / 1e6;
        let t = Instant::now();
        let decoded = decode(text.as_bytes());
        let t_decode = ms(t);
        let t = Instant::now();
        let (table, issues) = read_table("bench.csv", &decoded.text);
        let t_table = ms(t);
        let t = Instant::now();
        let mapping = suggest_mapping(&table);
        let t_map = ms(t);
        let t = Instant::now();
        let mut import = CsvImport::new("bench.csv", table, mapping, &options, issues);
        let mut steps = 0;
        let mut worst = 0.0f64;
        loop {
            let s = Instant::now();
            let done = import.step(5_000);
            worst = worst.max(ms(s));
            steps += 1;
            if done {
                break;
            }
        }
        let out = import.finish();
        let t_rows = ms(t);
        println!(
            "CSV UTF-8 {rows} rows ({mb:.1} MB): decode {t_decode:.0} ms, table {t_table:.0} ms, \
             mapping {t_map:.1} ms, rows {t_rows:.0} ms in {steps} steps (worst step {worst:.0} ms); \
             {} sites, {} activities, {} issues",
            out.summary.sites,
            out.summary.activities,
            out.issues.len()
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let t = Instant::now();
        let out = import_file("bench.csv", &gbk, &options);
        println!(
            "CSV GBK   {rows} rows ({:.1} MB): import_file {:.0} ms, {} sites",
            gbk.len() as f64 / 1e6,
            ms(t),
            out.summary.sites
        );
    }
    let mut kml = String::from(
        "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>",
    );
    for i in 0..100_000 {
        let _ = writeln!(
            kml,
            "<Placemark><name>合成地点 {i}</name><ExtendedData><Data name=\"n\"><value>{i}</value></Data></ExtendedData><Point><coordinates>{:.6},{:.6},0</coordinates></Point></Placemark>",
            110.0 + (i % 5000) as f64 * 0.001,
            21.0 + (i / 5000) as f64 * 0.01
        );
    }
    kml.push_str("</Document></kml>");
    let t = Instant::now();
    let out = import_file("bench.kml", kml.as_bytes(), &options);
    println!(
        "KML 100000 placemarks ({:.1} MB): {:.0} ms, {} sites",
        kml.len() as f64 / 1e6,
        ms(t),
        out.summary.sites
    );
    let mut gpx = String::from("<?xml version=\"1.0\"?><gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>t</name><trkseg>");
    for i in 0..300_000 {
        let _ = writeln!(
            gpx,
            "<trkpt lat=\"{:.6}\" lon=\"{:.6}\"><ele>10</ele></trkpt>",
            21.0 + i as f64 * 1e-5,
            110.0 + i as f64 * 1e-5
        );
    }
    gpx.push_str("</trkseg></trk></gpx>");
    let t = Instant::now();
    let out = import_file("bench.gpx", gpx.as_bytes(), &options);
    println!(
        "GPX 300000 track points ({:.1} MB): {:.0} ms, {} routes",
        gpx.len() as f64 / 1e6,
        ms(t),
        out.summary.routes
    );
    big_files(&options);
}

/// The ~48 MB SYNTHETIC files of `node tests/bench/import_files.mjs` (target/bench/), if
/// made: the XML tree alone (roxmltree), then the whole import, to see which part a
/// sliced import must split.
fn big_files(options: &ImportOptions) {
    for ext in ["geojson", "gpx", "kml"] {
        let path = format!("target/bench/import-48mb.{ext}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("{path}: missing (node tests/bench/import_files.mjs)");
            continue;
        };
        let mb = text.len() as f64 / 1e6;
        if ext != "geojson" {
            let t = Instant::now();
            let doc = roxmltree::Document::parse(&text).map(|d| d.descendants().count());
            println!(
                "{path} ({mb:.1} MB): XML tree {:.0} ms ({doc:?} nodes)",
                ms(t)
            );
        }
        let t = Instant::now();
        let out = import_file(&path, text.as_bytes(), options);
        println!(
            "{path} ({mb:.1} MB): whole import {:.0} ms, {} sites, {} routes, {} issues",
            ms(t),
            out.summary.sites,
            out.summary.routes,
            out.issues.len()
        );
    }
}
