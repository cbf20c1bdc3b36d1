//! Point clustering in the manner of mapbox/supercluster: built once per data load (and
//! per filter change), then only queried by (bbox, integer zoom).
//!
//! Building clusters the input at `max_zoom`, then clusters those clusters at
//! `max_zoom - 1`, and so on down to `min_zoom`, giving one level per zoom, each indexed by
//! a static KD-tree (`kdtree.rs`). A cluster keeps the id it got where it was formed as
//! it is carried down unchanged to lower zooms, so `children`, `leaves` and
//! `expansion_zoom` find its members again in the level just above that zoom.
//!
//! The build itself is [`ClusterBuilder`] (`cluster/build.rs`), which can also run in
//! steps; [`ClusterIndex::new`] runs it to the end at once.
//!
//! Input is a slice of `LonLat`; a point's id is its index in that slice (non-finite
//! points are skipped). Depends on `geo`, `projection` and `kdtree`; must not depend on
//! the data model or the UI.

mod build;
mod level;
mod query;

pub use build::ClusterBuilder;

use super::geo::LonLat;
use super::projection::{world_to_lonlat, WorldPoint};
use level::Level;

/// | option       | default | meaning                                                      |
/// |--------------|---------|--------------------------------------------------------------|
/// | `min_zoom`   | 0       | lowest zoom with its own level (lower queries use it)        |
/// | `max_zoom`   | 16      | deepest zoom that clusters; above it every point is separate |
/// | `radius`     | 60      | cluster radius in units of `extent` per tile                 |
/// | `extent`     | 512     | tile extent the radius is measured in (supercluster's units) |
/// | `min_points` | 2       | fewest points that may form a cluster                        |
/// | `node_size`  | 64      | KD-tree leaf size (build/query speed trade-off)              |
///
/// The defaults are supercluster's except `radius` (40 there). With our 256 px tiles the
/// radius on screen is `radius * 256 / extent` = 30 CSS px. Node sizes 16-64 built 100k
/// points equally fast within noise here; 128 was slower (`tests/bench/native/cluster_bench.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterOptions {
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub radius: f64,
    pub extent: f64,
    pub min_points: u32,
    pub node_size: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_zoom: 0,
            max_zoom: 16,
            radius: 60.0,
            extent: 512.0,
            min_points: 2,
            node_size: 64,
        }
    }
}

/// Deepest `max_zoom` accepted: beyond it f64 world units and u8 zooms stay comfortable.
const MAX_CLUSTER_ZOOM: u8 = 30;

/// Names a cluster: formed at `zoom` around the node `seed` of the level at `zoom + 1`
/// (supercluster packs the same two numbers into one integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterId {
    zoom: u8,
    seed: u32,
}

impl ClusterId {
    /// The zoom at which the cluster was formed (it may also show at lower zooms).
    pub fn formed_at_zoom(self) -> u8 {
        self.zoom
    }
}

/// One thing to draw: an input point, or a cluster standing for `count` of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClusterItem {
    /// `index` is the point's index in the slice the index was built from.
    Point { index: usize, world: WorldPoint },
    /// `world` is the count-weighted centre of its points.
    Cluster {
        id: ClusterId,
        count: usize,
        world: WorldPoint,
    },
}

impl ClusterItem {
    pub fn world(&self) -> WorldPoint {
        match *self {
            ClusterItem::Point { world, .. } | ClusterItem::Cluster { world, .. } => world,
        }
    }

    /// How many input points this item stands for (1 for a point).
    pub fn count(&self) -> usize {
        match *self {
            ClusterItem::Point { .. } => 1,
            ClusterItem::Cluster { count, .. } => count,
        }
    }

    pub fn position(&self) -> LonLat {
        world_to_lonlat(self.world())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterIndex {
    options: ClusterOptions,
    /// `levels[k]` holds zoom `min_zoom + k`, for zooms `min_zoom..=max_zoom + 1`;
    /// the last level is the input points themselves.
    levels: Vec<Level>,
    input_len: usize,
}

impl ClusterIndex {
    /// Clusters `points` at every zoom: [`ClusterBuilder`] run to the end in one go, so the
    /// two can never differ. Options are made consistent first (`max_zoom` ≤ 30,
    /// `min_zoom` ≤ `max_zoom`, `min_points` ≥ 2).
    pub fn new(points: &[LonLat], options: ClusterOptions) -> Self {
        ClusterBuilder::new(points, options).finish()
    }

    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    /// Length of the slice the index was built from (including skipped points).
    pub fn input_len(&self) -> usize {
        self.input_len
    }

    /// Items at each zoom, `min_zoom..=max_zoom + 1` (for logs and tests).
    pub fn level_sizes(&self) -> Vec<usize> {
        self.levels.iter().map(|l| l.nodes.len()).collect()
    }

    fn level(&self, zoom: i64) -> Option<&Level> {
        let k = zoom.checked_sub(i64::from(self.options.min_zoom))?;
        self.levels.get(usize::try_from(k).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::BBox;

    const WORLD: BBox = BBox::new(-180.0, -90.0, 180.0, 90.0);

    #[test]
    fn empty_single_and_non_finite_input() {
        let empty = ClusterIndex::new(&[], ClusterOptions::default());
        assert!(empty.clusters(&WORLD, 5).is_empty());
        assert_eq!(empty.level_sizes(), vec![0; 18]);
        let one = ClusterIndex::new(&[LonLat::new(113.1, 23.0)], ClusterOptions::default());
        for zoom in [-3, 0, 16, 17, 40] {
            assert!(matches!(
                one.clusters(&WORLD, zoom)[..],
                [ClusterItem::Point { index: 0, .. }]
            ));
        }
        let points = [
            LonLat::new(113.1, 23.0),
            LonLat::new(f64::NAN, 23.0),
            LonLat::new(113.1, 23.0),
        ];
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        assert_eq!(index.input_len(), 3);
        let ClusterItem::Cluster { id, count: 2, .. } = index.clusters(&WORLD, 5)[0] else {
            panic!("cluster of 2")
        };
        let mut leaves = index.leaves(id, 10, 0);
        leaves.sort_unstable();
        assert_eq!(leaves, vec![0, 2]);
    }

    #[test]
    fn options_are_made_consistent() {
        let wild = ClusterOptions {
            min_zoom: 50,
            max_zoom: 200,
            min_points: 0,
            node_size: 0,
            ..ClusterOptions::default()
        };
        let index = ClusterIndex::new(&[LonLat::new(113.1, 23.0)], wild);
        let o = index.options();
        assert_eq!((o.min_zoom, o.max_zoom, o.min_points), (30, 30, 2));
        assert_eq!(index.level_sizes(), vec![1, 1]);
        // 30 px on screen with the defaults.
        let r_px = level::radius_world(&ClusterOptions::default(), 10) * 256.0 * 1024.0;
        assert!((r_px - 30.0).abs() < 1e-9);
    }
}
