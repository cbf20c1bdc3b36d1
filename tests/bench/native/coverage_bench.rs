//! Timings of the coverage figures on a dataset folder (default: the 100k SYNTHETIC one),
//! plus a short summary of what they found. Prints numbers; asserts nothing.
//!
//!     cargo run --release --bin redmap-synth            # once: writes target/synthetic/
//!     cargo run --release --example coverage_bench [-- folder]
//!
//! The release profile is the wasm one (opt-level "z", LTO), so these are close to what
//! the browser gets, minus wasm's usual 1.2-2x slowdown.

use redmap::domain::coverage::{
    by_month, by_region, find_gaps, find_gaps_in, regions_csv, reported_vs_mapped, totals,
    CoverageIndex, GapOptions, Scope, SiteSphere,
};
use redmap::domain::geodata::{load_dataset, read_files};
use std::time::Instant;

/// (min, median) of `runs` timings of `f`, ms.
fn time_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn main() {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/synthetic/100k".to_owned());
    let texts = read_files(std::path::Path::new(&folder)).unwrap_or_default();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let t = Instant::now();
    let (data, issues) = load_dataset(&files);
    println!(
        "{folder}: {} sites, {} routes, {} regions, {} activities, {} issues; load {:.0} ms",
        data.sites.len(),
        data.routes.len(),
        data.regions.len(),
        data.activities.len(),
        issues.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let runs = 7;
    let (min, med) = time_ms(runs, || CoverageIndex::new(&data));
    println!("index (places, ties, stops)  min {min:7.1} ms  median {med:7.1} ms");
    let index = CoverageIndex::new(&data);
    let half: Vec<bool> = (0..data.sites.len()).map(|i| i % 2 == 0).collect();
    for (label, scope) in [("all", Scope::all()), ("half", Scope::sites(Some(&half)))] {
        let report = |name: &str, (min, med): (f64, f64)| {
            println!("{name:<13} [{label:>4}]  min {min:7.1} ms  median {med:7.1} ms")
        };
        report("totals", time_ms(runs, || totals(&data, &index, scope)));
        report(
            "by_region",
            time_ms(runs, || by_region(&data, &index, scope)),
        );
        report("by_month", time_ms(runs, || by_month(&data, &index, scope)));
        report(
            "reported",
            time_ms(runs, || reported_vs_mapped(&data, &index, scope)),
        );
        report(
            "gaps 10 km",
            time_ms(runs, || find_gaps(&data, scope, &GapOptions::default())),
        );
        let sphere = SiteSphere::new(&data, scope);
        report(
            "gaps, query",
            time_ms(runs, || {
                find_gaps_in(&data, &sphere, &GapOptions::default())
            }),
        );
    }
    let all = Scope::all();
    let t = totals(&data, &index, all);
    let b = by_region(&data, &index, all);
    let m = by_month(&data, &index, all);
    let r = reported_vs_mapped(&data, &index, all);
    let g = find_gaps(&data, all, &GapOptions::default());
    let (min, med) = time_ms(runs, || regions_csv(&b));
    println!("regions_csv              min {min:7.1} ms  median {med:7.1} ms");
    println!(
        "found: {} sites, {} activities ({} participants, {} records without), {} region rows \
         ({} sites unplaced), {} months, {} reported rows, {} of {} places are certain gaps",
        t.sites,
        t.activities.records,
        t.activities.participants,
        t.activities.participants_missing,
        b.rows.len(),
        b.unplaced.sites,
        m.rows.len(),
        r.len(),
        g.gaps.len(),
        g.checked
    );
}
