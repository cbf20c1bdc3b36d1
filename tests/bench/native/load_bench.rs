//! Where loading a dataset spends its time, phase by phase, natively: each layer's parse
//! (`domain::geodata::parse_*`), the cross-file checks (`check_dataset_with`) and the
//! cluster index, on the SYNTHETIC datasets. Prints numbers (median of 3); asserts nothing.
//!
//!     cargo run --release --bin redmap-synth       # once: target/synthetic/{1k,10k,100k}
//!     cargo run --release --example load_bench [-- target/synthetic/100k ...]
//!
//! The release profile is the wasm one (opt-level "z", LTO), so the split between phases is
//! close to the browser's; wasm itself is typically 1.2-2x slower (`make bench` measures
//! the browser: its `parse` and `validate` columns are the phases here).

use redmap::domain::cluster::{ClusterIndex, ClusterOptions};
use redmap::domain::geodata::{
    parse_activities, parse_manifest, parse_regions, parse_routes, parse_sites, parse_visits,
    read_chunked,
};
use redmap::domain::model::{Dataset, LayerType, LonLat};
use redmap::domain::validate::{check_dataset_with, Origins};
use std::path::Path;
use std::time::Instant;

fn median_ms<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let t0 = Instant::now();
        last = Some(f());
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[1], last.expect("ran three times"))
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_default()
}

fn bench(dir: &Path) {
    let manifest_text = read(dir, "dataset.json");
    let (manifest, _) = parse_manifest("dataset.json", &manifest_text);
    let Some(manifest) = manifest else {
        println!("{}: no dataset.json", dir.display());
        return;
    };
    let file = |kind: LayerType| {
        manifest
            .layers
            .iter()
            .find(|l| l.kind == kind)
            .map(|l| l.file.clone())
            .unwrap_or_default()
    };
    use LayerType::*;
    let texts: Vec<(String, String)> = [Sites, Activities, Routes, Regions, Visits]
        .into_iter()
        .map(|k| (file(k), read(dir, &file(k))))
        .collect();
    let mb = |i: usize| texts[i].1.len() as f64 / 1e6;
    println!(
        "{} ({:.1} MB sites, {:.1} MB activities)",
        dir.display(),
        mb(0),
        mb(1)
    );
    let (t_value, _) = median_ms(|| serde_json::from_str::<serde_json::Value>(&texts[0].1).ok());
    #[derive(serde::Deserialize)]
    struct Split<'a> {
        #[serde(borrow)]
        features: Vec<&'a serde_json::value::RawValue>,
    }
    let (t_split, _) =
        median_ms(|| serde_json::from_str::<Split>(&texts[0].1).map(|s| s.features.len()));
    let (t_sites, sites) = median_ms(|| parse_sites(&texts[0].0, &texts[0].1));
    // The browser's path: the bytes in 64 KB chunks as a fetch body delivers them.
    let chunked = |kind: LayerType, i: usize| {
        let (mut d, mut o) = (Dataset::default(), Origins::default());
        read_chunked(kind, &texts[i].0, &texts[i].1, 64 * 1024, &mut d, &mut o);
        d
    };
    let (t_sites_chunked, _) = median_ms(|| chunked(Sites, 0));
    let (t_acts_chunked, _) = median_ms(|| chunked(Activities, 1));
    let (t_acts, acts) = median_ms(|| parse_activities(&texts[1].0, &texts[1].1));
    let (t_routes, routes) = median_ms(|| parse_routes(&texts[2].0, &texts[2].1));
    let (t_regions, regions) = median_ms(|| parse_regions(&texts[3].0, &texts[3].1));
    let (t_visits, visits) = median_ms(|| parse_visits(&texts[4].0, &texts[4].1));
    let origins = Origins {
        sites: sites.origin.clone(),
        routes: routes.origin.clone(),
        regions: regions.origin.clone(),
        activities: acts.origin.clone(),
        visits: visits.origin.clone(),
    };
    let data = Dataset {
        sites: sites.records,
        routes: routes.records,
        regions: regions.records,
        activities: acts.records,
        visits: visits.records,
        ..Dataset::default()
    };
    let (t_check, issues) = median_ms(|| check_dataset_with(&data, &origins));
    let positions: Vec<LonLat> = data.sites.iter().map(|s| s.position).collect();
    let (t_index, _) = median_ms(|| ClusterIndex::new(&positions, ClusterOptions::default()));
    let row = |what: &str, ms: f64| println!("  {what:<34} {ms:>8.1} ms");
    row("sites: serde_json::Value (baseline)", t_value);
    row("sites: split into raw features", t_split);
    row(&format!("parse sites ({})", data.sites.len()), t_sites);
    row(
        &format!("parse activities ({})", data.activities.len()),
        t_acts,
    );
    row("parse sites, 64 KB chunks", t_sites_chunked);
    row("parse activities, 64 KB chunks", t_acts_chunked);
    row(
        "parse routes + regions + visits",
        t_routes + t_regions + t_visits,
    );
    row(
        &format!("cross-file checks ({} issues)", issues.len()),
        t_check,
    );
    row("cluster index", t_index);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dirs = if args.is_empty() {
        ["1k", "10k", "100k"]
            .iter()
            .map(|s| format!("target/synthetic/{s}"))
            .collect()
    } else {
        args
    };
    for d in dirs {
        bench(Path::new(&d));
    }
}
