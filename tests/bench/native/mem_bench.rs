//! Where the memory of a loaded dataset goes, natively: live heap bytes and the peak while
//! each layer is read the browser's way (`read_chunked`, 64 KB chunks), on the SYNTHETIC
//! datasets. A counting allocator measures; asserts nothing.
//!
//!     cargo run --release --example mem_bench [-- target/synthetic/100k ...]
//!
//! Native pointers are 8 bytes, wasm32's 4: the struct parts (`size_of` × count) are about
//! half as big in the browser; the text on the heap is the same size. wasm memory also never
//! shrinks, so the browser's figure is the peak, plus allocator slack.

use redmap::domain::geodata::read_chunked;
use redmap::domain::model::{Activity, Dataset, LayerType, Site};
use redmap::domain::validate::Origins;
use std::path::Path;
use std::sync::atomic::Ordering::Relaxed;

mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Reads one layer file the browser's way (the text itself is read and dropped first, so
/// it is not counted) and prints what it left live and the peak while reading.
fn read_layer(dir: &Path, file: &str, kind: LayerType, data: &mut Dataset, origins: &mut Origins) {
    let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let before = LIVE.load(Relaxed) - text.len();
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let issues = read_chunked(kind, file, &text, 64 * 1024, data, origins);
    let peak = PEAK.load(Relaxed) - text.len();
    drop(text);
    let after = LIVE.load(Relaxed);
    println!(
        "  {file:<18} live +{:>7.1} MB (now {:>7.1}), peak while reading {:>7.1} MB; {} issues",
        mb(after - before),
        mb(after),
        mb(peak),
        issues.len()
    );
}

fn text_bytes(s: &str) -> usize {
    s.len()
}

fn opt(s: &Option<String>) -> usize {
    s.as_deref().map_or(0, text_bytes)
}

/// The heap bytes of the sites' text fields (what interning or not holding them could save).
fn site_breakdown(sites: &[Site]) {
    let n = sites.len().max(1);
    let sum = |f: &dyn Fn(&Site) -> usize| sites.iter().map(f).sum::<usize>();
    let rows: [(&str, usize); 9] = [
        ("id", sum(&|s| s.id.0.len())),
        ("name + name_en", sum(&|s| s.name.len() + s.name_en.len())),
        (
            "summary + summary_en",
            sum(&|s| s.summary.len() + s.summary_en.len()),
        ),
        (
            "admin",
            sum(&|s| {
                opt(&s.admin.province)
                    + opt(&s.admin.city)
                    + opt(&s.admin.county)
                    + opt(&s.admin.town)
            }),
        ),
        (
            "region id",
            sum(&|s| s.region.as_ref().map_or(0, |r| r.0.len())),
        ),
        ("address", sum(&|s| opt(&s.address))),
        ("precision note", sum(&|s| s.precision.note.len())),
        (
            "themes",
            sum(&|s| s.themes.iter().map(|t| t.len() + 24).sum::<usize>()),
        ),
        (
            "hours/booking/designation",
            sum(&|s| opt(&s.opening_hours) + opt(&s.booking) + opt(&s.designation)),
        ),
    ];
    println!(
        "  Site: {} B struct (native) x {} = {:.1} MB",
        std::mem::size_of::<Site>(),
        sites.len(),
        mb(std::mem::size_of_val(sites))
    );
    for (what, bytes) in rows {
        println!(
            "    {what:<26} {:>7.1} MB  ({:.0} B/site)",
            mb(bytes),
            bytes as f64 / n as f64
        );
    }
}

/// How much of the records' text is repeats: the bytes of every value, and of the distinct
/// values only (what sharing repeated strings, e.g. as `Arc<str>`, would keep), plus the
/// allocations that sharing would save (each costs 8-16 bytes of allocator overhead).
fn repeated_text(data: &Dataset) {
    let mut all = (0usize, 0usize);
    let mut distinct = std::collections::HashSet::new();
    let mut add = |s: &str| {
        all = (all.0 + s.len(), all.1 + 1);
        distinct.insert(s.to_owned());
    };
    for s in &data.sites {
        for t in [&s.summary, &s.summary_en, &s.precision.note] {
            add(t);
        }
        for t in [
            &s.admin.province,
            &s.admin.city,
            &s.admin.county,
            &s.admin.town,
        ] {
            add(t.as_deref().unwrap_or_default());
        }
        s.themes.iter().for_each(|t| add(t));
    }
    for a in &data.activities {
        for t in [&a.title, &a.title_en] {
            add(t);
        }
        add(a.organiser.as_deref().unwrap_or_default());
    }
    let kept: usize = distinct.iter().map(String::len).sum();
    println!(
        "  repeated text (site summaries, notes, admin, themes; activity titles, organisers): \
         {:.1} MB in {} strings, {:.2} MB distinct in {}",
        mb(all.0),
        all.1,
        mb(kept),
        distinct.len()
    );
}

fn bench(dir: &Path) {
    println!("{}", dir.display());
    let (mut data, mut origins) = (Dataset::default(), Origins::default());
    let layers = [
        ("regions.geojson", LayerType::Regions),
        ("routes.geojson", LayerType::Routes),
        ("sites.geojson", LayerType::Sites),
        ("activities.json", LayerType::Activities),
        ("visits.json", LayerType::Visits),
    ];
    for (file, kind) in layers {
        read_layer(dir, file, kind, &mut data, &mut origins);
    }
    site_breakdown(&data.sites);
    repeated_text(&data);
    let live = LIVE.load(Relaxed);
    let sites = std::mem::take(&mut data.sites);
    println!("  sites: len {} capacity {}", sites.len(), sites.capacity());
    let capacity: usize = sites
        .iter()
        .map(|s| {
            s.id.0.capacity()
                + s.name.capacity()
                + s.name_en.capacity()
                + s.summary.capacity()
                + s.summary_en.capacity()
                + s.precision.note.capacity()
        })
        .sum();
    drop(sites);
    println!(
        "  the sites hold {:.1} MB in all (some text capacities: {:.1} MB)",
        mb(live - LIVE.load(Relaxed)),
        mb(capacity)
    );
    println!(
        "  Activity: {} B struct (native) x {} = {:.1} MB",
        std::mem::size_of::<Activity>(),
        data.activities.len(),
        mb(std::mem::size_of_val(data.activities.as_slice()))
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dirs = if args.is_empty() {
        vec!["target/synthetic/100k".to_owned()]
    } else {
        args
    };
    for d in dirs {
        bench(Path::new(&d));
    }
}
