//! Build and query timings (median unless said) of the map core on 1k / 10k / 100k deterministic, town-like
//! clustered points. Prints numbers; asserts nothing.
//!
//!     cargo run --release --example cluster_bench
//!
//! The release profile is the wasm one (opt-level "z", LTO), so these are close to what
//! the browser gets, minus wasm's usual 1.2-2x slowdown.

use redmap::domain::cluster::{ClusterIndex, ClusterOptions};
use redmap::domain::geo::LonLat;
use redmap::domain::kdtree::KdTree;
use redmap::domain::projection::{project_all, ScreenPoint};
use redmap::domain::spatial::{SpatialIndex, FINGER_TOLERANCE_PX};
use redmap::domain::viewport::Viewport;
use rstar::primitives::GeomWithData;
use rstar::RTree;
use std::hint::black_box;
use std::time::Instant;

/// xorshift64: deterministic, no `rand` crate needed.
struct XorShift(u64);

impl XorShift {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Points around 2000 "towns" spread over eastern China, denser in Guangdong; every
/// 10th point sits exactly on its town centre, as many real sites do.
fn clustered_points(n: usize) -> Vec<LonLat> {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let towns: Vec<LonLat> = (0..2000)
        .map(|i| {
            if i % 2 == 0 {
                LonLat::new(110.0 + 6.0 * rng.unit(), 21.0 + 4.0 * rng.unit())
            } else {
                LonLat::new(98.0 + 24.0 * rng.unit(), 20.0 + 22.0 * rng.unit())
            }
        })
        .collect();
    (0..n)
        .map(|i| {
            let town = towns[(rng.unit() * towns.len() as f64) as usize % towns.len()];
            if i % 10 == 0 {
                return town;
            }
            let (dx, dy) = (rng.unit() - 0.5, rng.unit() - 0.5);
            LonLat::new(town.lon + 0.2 * dx, town.lat + 0.2 * dy)
        })
        .collect()
}

/// (min, median) of `runs` timings of `f`, ms. The min is the steadier figure on a
/// shared machine; the median is what a user would typically see.
fn time_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

/// Median only.
fn median_ms<T>(runs: usize, f: impl FnMut() -> T) -> f64 {
    time_ms(runs, f).1
}

fn main() {
    let phone = Viewport::new(LonLat::new(113.1, 23.0), 10.0, 390.0, 844.0, 3.0);
    let desktop = Viewport::new(LonLat::new(108.0, 30.0), 5.0, 1440.0, 900.0, 1.0);
    let zoom_of = |v: &Viewport| v.zoom.floor() as i32;
    println!("ClusterIndex::new (median), memory, and clusters() for a phone view at z10");
    println!("(Nanhai, 390x844) and a desktop view at z5 (1440x900):\n");
    println!("n        build min / median   levels   query phone        query desktop");
    for n in [1_000, 10_000, 100_000] {
        let points = clustered_points(n);
        let runs = if n >= 100_000 { 5 } else { 11 };
        let (min_ms, med_ms) = time_ms(runs, || {
            ClusterIndex::new(&points, ClusterOptions::default())
        });
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        // 32-byte node + 12-byte KD-tree entry per item per level.
        let mb = index.level_sizes().iter().sum::<usize>() as f64 * 44.0 / 1e6;
        let query = |v: &Viewport| {
            let us = 1000.0 * median_ms(201, || index.clusters(&v.bounds(), zoom_of(v)));
            (us, index.clusters(&v.bounds(), zoom_of(v)).len())
        };
        let ((phone_us, phone_items), (desk_us, desk_items)) = (query(&phone), query(&desktop));
        println!(
            "{n:<8} {min_ms:>6.1} / {med_ms:>6.1} ms {mb:>6.1} MB {phone_us:>6.1} µs {phone_items:>4} items \
             {desk_us:>6.1} µs {desk_items:>4} items"
        );
    }

    let points = clustered_points(100_000);
    let sizes = ClusterIndex::new(&points, ClusterOptions::default()).level_sizes();
    println!("\n100k: items per zoom 0..=17: {sizes:?}");
    print!("100k build (min) by KD node_size:");
    for node_size in [16, 32, 64, 128] {
        let options = ClusterOptions {
            node_size,
            ..ClusterOptions::default()
        };
        print!(
            "  {node_size}: {:.0} ms",
            time_ms(5, || ClusterIndex::new(&points, options)).0
        );
    }
    println!("\n\n100k points, other work per load / per frame:");
    let world = project_all(&points);
    let kd_ms = median_ms(5, || KdTree::build(world.iter().copied(), 64));
    let rstar_ms = median_ms(5, || {
        let entries: Vec<GeomWithData<[f64; 2], usize>> = world
            .iter()
            .enumerate()
            .map(|(i, w)| GeomWithData::new([w.x, w.y], i))
            .collect();
        RTree::bulk_load(entries)
    });
    println!("  one KD-tree build      {kd_ms:>7.2} ms  (rstar bulk_load, same points: {rstar_ms:.2} ms)");
    println!(
        "  project_all            {:>7.2} ms",
        median_ms(5, || project_all(&points))
    );
    println!(
        "  SpatialIndex::new      {:>7.2} ms",
        median_ms(5, || SpatialIndex::new(&points))
    );
    let spatial = SpatialIndex::new(&points);
    let at = ScreenPoint::new(200.0, 400.0);
    let hit_us = 1000.0 * median_ms(1001, || spatial.hit_test(&phone, at, FINGER_TOLERANCE_PX));
    println!("  hit_test (22 px)       {hit_us:>7.2} µs");
    let frame_ms = median_ms(51, || {
        let t = phone.transform();
        world
            .iter()
            .map(|&w| t.apply(w))
            .filter(|s| (0.0..=390.0).contains(&s.x_px))
            .count()
    });
    println!("  transform 100k points  {frame_ms:>7.2} ms  (per-frame fast path)");
}
