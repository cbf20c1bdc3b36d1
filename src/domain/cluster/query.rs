//! Queries on a built `ClusterIndex`: what to draw in a box at a zoom, and a cluster's
//! children, leaves and expansion zoom (for click-to-zoom, and for listing or
//! spiderfying clusters that zooming cannot split).
//!
//! Read-only over the levels built in `cluster.rs`; must not depend on the UI.

use super::level::{radius_world, Level, Node};
use super::{ClusterId, ClusterIndex, ClusterItem};
use crate::domain::geo::{BBox, LonLat};
use crate::domain::projection::lonlat_to_world;

impl ClusterIndex {
    /// The points and clusters inside `bbox` at integer `zoom` (clamped to
    /// `min_zoom..=max_zoom + 1`; above `max_zoom` every point is its own item).
    /// Longitudes are wrapped and a box crossing the antimeridian is split; an empty or
    /// non-finite box gives nothing. Pad the box by the marker size so that items just
    /// off-screen do not pop in late.
    pub fn clusters(&self, bbox: &BBox, zoom: i32) -> Vec<ClusterItem> {
        let mut out = Vec::new();
        let finite = [bbox.west, bbox.south, bbox.east, bbox.north]
            .iter()
            .all(|v| v.is_finite());
        if bbox.is_empty() || !finite {
            return out;
        }
        let zoom = i64::from(zoom).clamp(
            i64::from(self.options.min_zoom),
            i64::from(self.options.max_zoom) + 1,
        );
        let Some(level) = self.level(zoom) else {
            return out;
        };
        let (south, north) = (bbox.south.clamp(-90.0, 90.0), bbox.north.clamp(-90.0, 90.0));
        if bbox.east - bbox.west >= 360.0 {
            push_range(level, -180.0, south, 180.0, north, &mut out);
            return out;
        }
        let wrap = |lon: f64| (lon + 180.0).rem_euclid(360.0) - 180.0;
        let west = wrap(bbox.west);
        let east = if bbox.east == 180.0 {
            180.0
        } else {
            wrap(bbox.east)
        };
        if west <= east {
            push_range(level, west, south, east, north, &mut out);
        } else {
            push_range(level, west, south, 180.0, north, &mut out);
            push_range(level, -180.0, south, east, north, &mut out);
        }
        out
    }

    /// The items a cluster splits into one zoom deeper than where it formed (empty for
    /// an id this index did not produce).
    pub fn children(&self, id: ClusterId) -> Vec<ClusterItem> {
        let mut out = Vec::new();
        self.for_each_child(id, |node| out.push(node.item()));
        out
    }

    /// Input indices of the points inside a cluster, `limit` of them after skipping
    /// `offset` (for paging a list; `usize::MAX` for all). Order is stable per index.
    pub fn leaves(&self, id: ClusterId, limit: usize, offset: usize) -> Vec<usize> {
        let mut out = Vec::new();
        if limit > 0 {
            let mut skipped = 0;
            self.append_leaves(id, limit, offset, &mut skipped, &mut out);
        }
        out
    }

    /// The zoom at which the cluster falls apart into several items: click-to-zoom
    /// target. A value above `options().max_zoom` means zooming cannot split it (its
    /// points are within the radius even at `max_zoom`, e.g. sites sharing one town
    /// centroid): list or spiderfy its `leaves` instead. `None` for an unknown id.
    pub fn expansion_zoom(&self, id: ClusterId) -> Option<u8> {
        self.origin(id)?;
        let mut current = id;
        loop {
            // Each step goes one zoom deeper, so this ends by `max_zoom + 1`.
            let next_zoom = current.zoom + 1;
            match self.children(current).as_slice() {
                [ClusterItem::Cluster { id: only, .. }] if next_zoom <= self.options.max_zoom => {
                    current = *only;
                }
                _ => return Some(next_zoom),
            }
        }
    }

    /// The level holding the cluster's members and its seed node there, if `id` is real.
    fn origin(&self, id: ClusterId) -> Option<(&Level, &Node)> {
        if id.zoom < self.options.min_zoom || id.zoom > self.options.max_zoom {
            return None;
        }
        let level = self.level(i64::from(id.zoom) + 1)?;
        let seed = level.nodes.get(id.seed as usize)?;
        (seed.parent_seed == id.seed).then_some((level, seed))
    }

    /// Every member was within the radius of the seed when the cluster formed, so the
    /// same radius query around the seed finds them all again.
    fn for_each_child(&self, id: ClusterId, mut found: impl FnMut(&Node)) {
        let Some((level, seed)) = self.origin(id) else {
            return;
        };
        let r = radius_world(&self.options, id.zoom);
        level.tree.within(seed.world, r, &mut |j| {
            let node = &level.nodes[j as usize];
            if node.parent_seed == id.seed {
                found(node);
            }
        });
    }

    fn append_leaves(
        &self,
        id: ClusterId,
        limit: usize,
        offset: usize,
        skipped: &mut usize,
        out: &mut Vec<usize>,
    ) {
        for child in self.children(id) {
            match child {
                ClusterItem::Cluster { count, .. } if *skipped + count <= offset => {
                    *skipped += count
                }
                ClusterItem::Cluster { id, .. } => {
                    self.append_leaves(id, limit, offset, skipped, out)
                }
                ClusterItem::Point { .. } if *skipped < offset => *skipped += 1,
                ClusterItem::Point { index, .. } => out.push(index),
            }
            if out.len() >= limit {
                return;
            }
        }
    }
}

/// Appends the level's items inside the box, judged exactly on their f64 positions.
fn push_range(
    level: &Level,
    west: f64,
    south: f64,
    east: f64,
    north: f64,
    out: &mut Vec<ClusterItem>,
) {
    let min = lonlat_to_world(LonLat::new(west, north));
    let max = lonlat_to_world(LonLat::new(east, south));
    level.tree.range(min, max, &mut |j| {
        let node = &level.nodes[j as usize];
        let w = node.world;
        if w.x >= min.x && w.x <= max.x && w.y >= min.y && w.y <= max.y {
            out.push(node.item());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cluster::ClusterOptions;

    const WORLD: BBox = BBox::new(-180.0, -90.0, 180.0, 90.0);
    const NANHAI: LonLat = LonLat::new(113.1, 23.0);

    fn sorted(mut v: Vec<usize>) -> Vec<usize> {
        v.sort_unstable();
        v
    }

    /// Ten sites sharing one town centroid, plus one far away.
    fn stacked() -> (Vec<LonLat>, ClusterIndex) {
        let mut points = vec![NANHAI; 10];
        points.push(LonLat::new(106.02, 27.04));
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        (points, index)
    }

    fn the_cluster(items: &[ClusterItem]) -> (ClusterId, usize) {
        let found = items.iter().find_map(|i| match *i {
            ClusterItem::Cluster { id, count, .. } => Some((id, count)),
            ClusterItem::Point { .. } => None,
        });
        found.expect("a cluster")
    }

    #[test]
    fn identical_points_stay_one_cluster_until_past_max_zoom() {
        let (_, index) = stacked();
        // Qianxi is ~5 * 2^z px from Nanhai: under the 30 px radius up to zoom 2.
        let everything = index.clusters(&WORLD, 0);
        assert_eq!(everything.len(), 1);
        let (big, count) = the_cluster(&everything);
        assert_eq!(
            (count, big.formed_at_zoom(), index.expansion_zoom(big)),
            (11, 2, Some(3))
        );
        assert_eq!(index.clusters(&WORLD, 2), everything);
        for zoom in 3..=16 {
            let items = index.clusters(&WORLD, zoom);
            assert_eq!(items.len(), 2, "zoom {zoom}");
            assert_eq!(the_cluster(&items).1, 10);
        }
        assert_eq!(index.clusters(&WORLD, 17).len(), 11);
        assert_eq!(index.clusters(&WORLD, 99).len(), 11, "zoom is clamped");
        let (id, _) = the_cluster(&index.clusters(&WORLD, 3));
        assert_eq!(id.formed_at_zoom(), 16);
        assert_eq!(
            index.expansion_zoom(id),
            Some(17),
            "above max_zoom: list them"
        );
        assert_eq!(
            sorted(index.leaves(id, usize::MAX, 0)),
            (0..10).collect::<Vec<_>>()
        );
        assert_eq!(index.children(id).len(), 10);
        let c = the_cluster(&index.clusters(&WORLD, 3));
        let pos = index
            .clusters(&WORLD, 3)
            .iter()
            .find(|i| i.count() == c.1)
            .map(|i| i.position());
        let pos = pos.expect("cluster position");
        assert!((pos.lon - NANHAI.lon).abs() < 1e-9 && (pos.lat - NANHAI.lat).abs() < 1e-9);
    }

    #[test]
    fn leaves_page_through_without_repeats() {
        let (_, index) = stacked();
        let (id, _) = the_cluster(&index.clusters(&WORLD, 10));
        let all = index.leaves(id, usize::MAX, 0);
        let pages: Vec<usize> = (0..4).flat_map(|p| index.leaves(id, 3, p * 3)).collect();
        assert_eq!(pages, all);
        assert_eq!(index.leaves(id, 3, 9).len(), 1);
        assert!(index.leaves(id, 3, 10).is_empty());
        assert!(index.leaves(id, 0, 0).is_empty());
    }

    #[test]
    fn unknown_ids_are_harmless() {
        let (_, index) = stacked();
        for id in [
            ClusterId { zoom: 16, seed: 10 },
            ClusterId { zoom: 40, seed: 0 },
            ClusterId { zoom: 5, seed: 999 },
        ] {
            assert!(index.children(id).is_empty());
            assert!(index.leaves(id, 10, 0).is_empty());
            assert_eq!(index.expansion_zoom(id), None);
        }
    }

    #[test]
    fn boxes_are_wrapped_clamped_or_rejected() {
        let (_, index) = stacked();
        let count = |b: BBox| index.clusters(&b, 17).len();
        assert_eq!(count(BBox::new(-400.0, -100.0, 400.0, 100.0)), 11);
        assert_eq!(
            count(BBox::new(470.0, 20.0, 480.0, 30.0)),
            10,
            "110..120°E wrapped"
        );
        assert_eq!(
            count(BBox::new(170.0, -90.0, 190.0, 90.0)),
            0,
            "across the antimeridian"
        );
        assert_eq!(
            count(BBox::new(100.0, -90.0, 200.0, 90.0)),
            11,
            "split in two"
        );
        assert_eq!(
            count(BBox::new(120.0, -90.0, 100.0, 90.0)),
            0,
            "inverted is empty"
        );
        assert_eq!(count(BBox::empty()), 0);
        assert_eq!(
            count(BBox::from_point(NANHAI)),
            10,
            "exact despite f32 tree storage"
        );
        assert_eq!(count(BBox::from_point(LonLat::new(113.1000001, 23.0))), 0);
        assert_eq!(count(BBox::new(f64::NAN, 0.0, 10.0, 10.0)), 0);
        assert_eq!(count(BBox::new(113.0, 22.9, 113.2, 23.1)), 10);
    }
}
