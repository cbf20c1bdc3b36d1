//! Search index timings on the SYNTHETIC datasets (build once per load, then queries),
//! and filter timings. Prints numbers; asserts nothing.
//!
//!     cargo run --release --bin redmap-synth          # once: target/synthetic/{1k,10k,100k}
//!     cargo run --release --example search_bench [target/synthetic/100k]
//!
//! The release profile is the wasm one (opt-level "z", LTO); expect wasm to be 1.2-2x slower.

use redmap::domain::filter::{self, Filter};
use redmap::domain::geodata::{load_dataset, read_files};
use redmap::domain::model::{ActivityType, SiteKind};
use redmap::domain::search::{PinyinTable, SearchIndex};
use std::hint::black_box;
use std::time::Instant;

fn time_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[runs / 2])
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/synthetic/100k".into());
    let texts = read_files(std::path::Path::new(&dir)).unwrap_or_default();
    if texts.is_empty() {
        eprintln!("no dataset in {dir}: run `cargo run --release --bin redmap-synth` first");
        std::process::exit(1);
    }
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let (ds, _) = load_dataset(&files);
    println!(
        "{dir}: {} sites, {} routes, {} regions, {} activities",
        ds.sites.len(),
        ds.routes.len(),
        ds.regions.len(),
        ds.activities.len()
    );

    let table = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/pinyin.bin"))
        .ok()
        .and_then(|b| PinyinTable::decode(&b).ok());
    let t = Instant::now();
    let index = SearchIndex::new(&ds, table.as_ref());
    println!(
        "index build: {:.1} ms, {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        index.len_bytes() as f64 / 1e6
    );
    let sample = &ds.sites[ds.sites.len() / 2];
    let queries = [
        "合成".to_string(),
        sample.name.clone(),
        "yjl".into(),
        "nanhai".into(),
        "Nánhǎi".into(),
        "xi qiao".into(),
        "synthetic".into(),
        "a".into(),
        "zzqqxx".into(),
    ];
    for q in &queries {
        let (min, median) = time_ms(21, || index.search(q, 8));
        let r = index.search(q, 8);
        println!(
            "search {:<28} min {min:6.2} ms  median {median:6.2} ms  ({} sites, {} routes, {} regions)",
            format!("{q:?}"), r.sites.len(), r.routes.len(), r.regions.len()
        );
    }

    let filters = [
        (
            "kind",
            Filter {
                kinds: vec![SiteKind::Museum],
                ..Filter::default()
            },
        ),
        (
            "lecture + has",
            Filter {
                activity_types: vec![ActivityType::Lecture],
                has_activities: true,
                ..Filter::default()
            },
        ),
        (
            "date range",
            Filter {
                date_range: filter::activity_extent(&ds),
                ..Filter::default()
            },
        ),
    ];
    let (min, median) = time_ms(5, || filter::ActivitySites::new(&ds));
    println!("activity links (once per load) min {min:6.2} ms  median {median:6.2} ms");
    let links = filter::ActivitySites::new(&ds);
    for (name, f) in &filters {
        let (min, median) = time_ms(11, || filter::apply_with(&ds, &links, f));
        let passing = filter::apply_with(&ds, &links, f)
            .iter()
            .filter(|&&m| m)
            .count();
        println!("filter {name:<14} min {min:6.2} ms  median {median:6.2} ms  ({passing} pass)");
        let (min, median) = time_ms(11, || filter::kind_counts(&ds, &links, f));
        println!("kind_counts {name:<9} min {min:6.2} ms  median {median:6.2} ms");
    }
}
