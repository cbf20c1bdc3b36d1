//! The map core used the way the canvas UI will use it: load sites, fit the view, draw
//! clusters, click one to zoom in, tap a site, draw over GCJ-02 tiles. Only the public
//! API of `redmap::domain`; no browser.

use redmap::domain::cluster::{ClusterIndex, ClusterItem, ClusterOptions};
use redmap::domain::coords::CoordSystem;
use redmap::domain::fly::FlyPath;
use redmap::domain::geo::{distance_m, BBox, LonLat};
use redmap::domain::projection::{metres_per_px, project_all};
use redmap::domain::spatial::{SpatialIndex, FINGER_TOLERANCE_PX};
use redmap::domain::tiles::{tile_zoom_for, tiles_for_viewport};
use redmap::domain::viewport::Viewport;

/// 300 sites around our three study areas, 30 of them on one shared town centroid.
fn sites() -> Vec<LonLat> {
    let areas = [
        LonLat::new(113.1, 23.0),
        LonLat::new(112.46, 23.05),
        LonLat::new(106.02, 27.04),
    ];
    (0..300)
        .map(|i| {
            let area = areas[i % 3];
            if i < 30 {
                return areas[0];
            }
            let (a, b) = ((i * 37 % 101) as f64 / 101.0, (i * 53 % 97) as f64 / 97.0);
            LonLat::new(area.lon + 0.3 * (a - 0.5), area.lat + 0.3 * (b - 0.5))
        })
        .collect()
}

fn on_screen(v: &Viewport, item: &ClusterItem) -> bool {
    let s = v.world_to_screen(item.world());
    (-1.0..=v.width_px + 1.0).contains(&s.x_px) && (-1.0..=v.height_px + 1.0).contains(&s.y_px)
}

#[test]
fn load_fit_draw_click_and_tap() {
    let sites = sites();
    let index = ClusterIndex::new(&sites, ClusterOptions::default());
    let phone = Viewport::new(LonLat::new(0.0, 0.0), 2.0, 390.0, 844.0, 3.0);
    let view = phone.fit_bounds(&BBox::from_points(sites.iter().copied()), 24.0);
    assert!(
        view.zoom > 5.0 && view.zoom < 8.0,
        "all three areas on a phone: {}",
        view.zoom
    );

    let zoom = view.zoom.floor() as i32;
    let items = index.clusters(&view.bounds(), zoom);
    assert_eq!(
        items.iter().map(ClusterItem::count).sum::<usize>(),
        300,
        "everything is in view"
    );
    assert!(items.iter().all(|item| on_screen(&view, item)));

    // Click the biggest cluster: zoom to where it splits, around the cursor.
    let biggest = items
        .iter()
        .max_by_key(|i| i.count())
        .copied()
        .expect("items");
    let ClusterItem::Cluster { id, count, .. } = biggest else {
        panic!("a cluster")
    };
    let target = index.expansion_zoom(id).expect("known cluster");
    let cursor = view.world_to_screen(biggest.world());
    let zoomed = view.zoom_around(cursor, f64::from(target));
    let inside = index.clusters(&zoomed.bounds(), i32::from(target));
    let near: usize = inside
        .iter()
        .filter(|i| i.count() < count)
        .map(ClusterItem::count)
        .sum();
    assert!(
        inside.len() > 1 && near >= count.min(2),
        "the cluster split after zooming"
    );

    // The shared-centroid stack never splits by zooming: list it instead.
    let around = |p: LonLat| BBox::new(p.lon - 0.001, p.lat - 0.001, p.lon + 0.001, p.lat + 0.001);
    let deep = index.clusters(&around(sites[0]), 16);
    let stack = deep
        .iter()
        .find(|i| i.count() >= 30)
        .expect("the stack of 30");
    let ClusterItem::Cluster { id: stack_id, .. } = *stack else {
        panic!("a cluster")
    };
    assert!(index.expansion_zoom(stack_id).expect("known") > index.options().max_zoom);
    assert_eq!(
        index.leaves(stack_id, 10, 0).len(),
        10,
        "first page of the list"
    );

    // Tap a site at street level.
    let street = view.with_center(sites[40]).with_zoom(16.0);
    let spatial = SpatialIndex::new(&sites);
    let tap = street.lonlat_to_screen(sites[40]);
    let hit = spatial
        .hit_test(&street, tap, FINGER_TOLERANCE_PX)
        .expect("a site under the finger");
    assert!(distance_m(sites[hit], sites[40]) < 1.0);
}

#[test]
fn drawing_over_gcj02_tiles_shifts_sites_by_the_datum_offset() {
    let sites = sites();
    let gcj: Vec<LonLat> = sites
        .iter()
        .map(|&p| CoordSystem::Gcj02.from_wgs84(p))
        .collect();
    let (wgs_world, gcj_world) = (project_all(&sites), project_all(&gcj));
    let view = Viewport::new(sites[0], 16.0, 390.0, 844.0, 3.0);
    let t = view.transform();
    let (a, b) = (t.apply(wgs_world[0]), t.apply(gcj_world[0]));
    let shift_px = (b.x_px - a.x_px).hypot(b.y_px - a.y_px);
    let shift_m = shift_px * metres_per_px(sites[0].lat, 16.0);
    // ~630 m at Nanhai; Mercator px scale agrees with the great-circle distance to 1 %.
    assert!(
        (shift_m - distance_m(sites[0], gcj[0])).abs() < 0.01 * shift_m,
        "{shift_m}"
    );
    assert!(
        shift_px > 250.0,
        "a quarter screen off if you forget to convert: {shift_px} px"
    );
    let back = CoordSystem::Gcj02.to_wgs84(gcj[0]);
    assert!(distance_m(back, sites[0]) < 0.001);
}

#[test]
fn a_flight_ends_where_tiles_and_clusters_agree() {
    let start = Viewport::new(LonLat::new(113.1, 23.0), 12.0, 1280.0, 800.0, 1.0);
    let path = FlyPath::new(&start, LonLat::new(106.02, 27.04), 13.0);
    let mut last = start;
    for frame in 0..=60 {
        let v = path.at(f64::from(frame) / 60.0);
        assert!(v.zoom.is_finite() && v.center.is_finite());
        let tiles = tiles_for_viewport(&v, tile_zoom_for(&v, 0, 18));
        assert!(
            !tiles.is_empty() && tiles.len() < 64,
            "frame {frame}: {} tiles",
            tiles.len()
        );
        last = v;
    }
    assert_eq!(
        last,
        Viewport::new(LonLat::new(106.02, 27.04), 13.0, 1280.0, 800.0, 1.0)
    );
}
