//! A static 2-D KD-tree over points, in the manner of mourner/kdbush: built once by
//! median selection into one flat array, then only queried by box or radius.
//!
//! The cluster index builds one of these per zoom level on every data load and filter
//! change, so build speed matters more than anything; a flat sorted array with no node
//! objects builds several times faster than an R-tree bulk load (see the benchmark in
//! `tests/bench/native/cluster_bench.rs`). Coordinates are stored as f32 (12 bytes an entry,
//! half of f64) because the tree only has to find candidates: in normalised world units
//! f32 is exact to ~1 px at zoom 16, the deepest zoom we cluster at, and callers keep
//! their own f64 positions for drawing.
//!
//! The build itself is [`KdBuild`] (`kdtree/steps.rs`), which can also run in steps;
//! [`KdTree::build`] runs it to the end at once.
//!
//! Depends only on `projection::WorldPoint`. Must not know what the ids mean.

mod steps;

pub use steps::KdBuild;

use super::projection::WorldPoint;

/// More than the largest f32 rounding error of a world coordinate (half an ulp below
/// 1.0 is 3e-8); 1e-7 world units is 1.7 px at zoom 16.
const F32_SLACK: f64 = 1e-7;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    x: f32,
    y: f32,
    id: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct KdTree {
    /// Entries in KD order: each range's middle element splits it on the range's axis.
    entries: Vec<Entry>,
    node_size: usize,
}

/// The box of a query in world units (inclusive).
#[derive(Debug, Clone, Copy)]
struct Query {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

impl KdTree {
    /// Builds over `points`; the id of each point is its index. Ranges of at most
    /// `node_size` entries are left unsorted and scanned linearly (64 is kdbush's default).
    /// [`KdBuild`] run to the end in one go, so the two can never differ.
    pub fn build(points: impl Iterator<Item = WorldPoint>, node_size: usize) -> Self {
        KdBuild::new(points, node_size).finish()
    }

    /// Ids in tree order, then renumbers them `0..len` so that they follow that order.
    /// Callers that store their items in this order get spatially coherent memory.
    pub fn take_order(&mut self) -> Vec<u32> {
        let order = self.entries.iter().map(|e| e.id).collect();
        for (i, e) in self.entries.iter_mut().enumerate() {
            e.id = i as u32;
        }
        order
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Calls `found(id)` for every point inside the box (edges included), judged on the
    /// original f64 positions: the box is widened by `F32_SLACK` so that f32 rounding
    /// never drops a point, which means points up to that far outside may be reported
    /// too. Callers wanting an exact answer filter on their own f64 positions.
    pub fn range(&self, min: WorldPoint, max: WorldPoint, found: &mut impl FnMut(u32)) {
        let q = Query {
            min_x: min.x - F32_SLACK,
            min_y: min.y - F32_SLACK,
            max_x: max.x + F32_SLACK,
            max_y: max.y + F32_SLACK,
        };
        self.visit(0, self.entries.len(), false, &q, &mut |e: &Entry| {
            let (x, y) = (f64::from(e.x), f64::from(e.y));
            if x >= q.min_x && x <= q.max_x && y >= q.min_y && y <= q.max_y {
                found(e.id);
            }
        });
    }

    /// Calls `found(id)` for every point within `radius` of `center` (boundary included).
    pub fn within(&self, center: WorldPoint, radius: f64, found: &mut impl FnMut(u32)) {
        let q = Query {
            min_x: center.x - radius,
            min_y: center.y - radius,
            max_x: center.x + radius,
            max_y: center.y + radius,
        };
        let r2 = radius * radius;
        self.visit(0, self.entries.len(), false, &q, &mut |e: &Entry| {
            let (dx, dy) = (f64::from(e.x) - center.x, f64::from(e.y) - center.y);
            if dx * dx + dy * dy <= r2 {
                found(e.id);
            }
        });
    }

    /// Walks the ranges that can overlap `q`, offering each candidate to `check`.
    /// Recursion depth is log2(len / node_size), so at most ~30 frames.
    fn visit(&self, lo: usize, hi: usize, by_y: bool, q: &Query, check: &mut impl FnMut(&Entry)) {
        if hi - lo <= self.node_size {
            self.entries[lo..hi].iter().for_each(check);
            return;
        }
        let mid = lo + (hi - lo) / 2;
        let e = &self.entries[mid];
        check(e);
        let (split, q_min, q_max) = if by_y {
            (f64::from(e.y), q.min_y, q.max_y)
        } else {
            (f64::from(e.x), q.min_x, q.max_x)
        };
        if q_min <= split {
            self.visit(lo, mid, !by_y, q, check);
        }
        if q_max >= split {
            self.visit(mid + 1, hi, !by_y, q, check);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic scatter (xorshift) with some exact duplicates.
    fn scatter(n: usize) -> Vec<WorldPoint> {
        let mut next = crate::domain::test_data::unit_floats(0x9e37_79b9_7f4a_7c15);
        (0..n)
            .map(|i| {
                if i % 10 == 0 {
                    WorldPoint { x: 0.5, y: 0.5 }
                } else {
                    WorldPoint {
                        x: next(),
                        y: next(),
                    }
                }
            })
            .collect()
    }

    fn sorted(mut ids: Vec<u32>) -> Vec<u32> {
        ids.sort_unstable();
        ids
    }

    #[test]
    fn range_and_within_match_brute_force() {
        let points = scatter(5000);
        for node_size in [1, 4, 64] {
            let tree = KdTree::build(points.iter().copied(), node_size);
            assert_eq!(tree.len(), 5000);
            let (min, max) = (
                WorldPoint { x: 0.2, y: 0.3 },
                WorldPoint { x: 0.5, y: 0.55 },
            );
            let inside =
                |p: &WorldPoint| p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
            let mut got = Vec::new();
            tree.range(min, max, &mut |id| got.push(id));
            got.retain(|&id| inside(&points[id as usize]));
            let want: Vec<u32> = (0..5000u32)
                .filter(|&i| inside(&points[i as usize]))
                .collect();
            assert_eq!(sorted(got), want);
            // A zero-size box on a point finds it despite f32 storage.
            let mut on_point = Vec::new();
            tree.range(points[7], points[7], &mut |id| on_point.push(id));
            assert!(on_point.contains(&7));
            let c = WorldPoint { x: 0.5, y: 0.5 };
            let mut got = Vec::new();
            tree.within(c, 0.05, &mut |id| got.push(id));
            let want: Vec<u32> = (0..5000u32)
                .filter(|&i| {
                    let p = points[i as usize];
                    let (dx, dy) = (f64::from(p.x as f32) - 0.5, f64::from(p.y as f32) - 0.5);
                    dx * dx + dy * dy <= 0.0025
                })
                .collect();
            assert!(want.len() > 500, "duplicates at the centre are found");
            assert_eq!(sorted(got), want);
        }
    }

    #[test]
    fn empty_and_tiny_trees() {
        let empty = KdTree::build(std::iter::empty(), 64);
        assert!(empty.is_empty());
        let mut n = 0;
        empty.within(WorldPoint::default(), 1.0, &mut |_| n += 1);
        empty.range(
            WorldPoint { x: 0.0, y: 0.0 },
            WorldPoint { x: 1.0, y: 1.0 },
            &mut |_| n += 1,
        );
        assert_eq!(n, 0);
        let one = KdTree::build(std::iter::once(WorldPoint { x: 0.3, y: 0.3 }), 0);
        let mut got = Vec::new();
        one.within(WorldPoint { x: 0.3, y: 0.3 }, 1e-7, &mut |id| got.push(id));
        assert_eq!(got, vec![0]);
    }
}
