//! Building a [`KdTree`], in steps for callers that must not block for long (the browser's
//! main thread re-clustering a few 100k points), or at once ([`KdTree::build`] runs this to
//! the end): recursive median splits, done range by range from an explicit stack, so the
//! work can stop after any range and resume. Ranges are disjoint and each one's split
//! depends only on its own entries, so the order they are done in does not change the
//! result: a stepped build is the recursive one, entry for entry (tested below).
//!
//! Depends only on the parent module; must not know what the ids mean.

use super::{Entry, KdTree};
use crate::domain::projection::WorldPoint;

/// A KD-tree being built: [`step`](KdBuild::step) until it says done, then
/// [`finish`](KdBuild::finish).
#[derive(Debug, Clone)]
pub struct KdBuild {
    entries: Vec<Entry>,
    node_size: usize,
    /// Ranges still to split: (start, end, split on y).
    todo: Vec<(usize, usize, bool)>,
}

impl KdBuild {
    /// Starts a build over `points` (the id of each point is its index). Ranges of at most
    /// `node_size` entries are left unsorted and scanned linearly (64 is kdbush's default).
    pub fn new(points: impl Iterator<Item = WorldPoint>, node_size: usize) -> Self {
        let entries: Vec<Entry> = points
            .enumerate()
            .map(|(i, p)| Entry {
                x: p.x as f32,
                y: p.y as f32,
                id: i as u32,
            })
            .collect();
        let todo = vec![(0, entries.len(), false)];
        KdBuild {
            entries,
            node_size: node_size.max(1),
            todo,
        }
    }

    /// Splits ranges until about `budget` entries have been gone over (at least one
    /// range, however large); true when the tree is complete.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut spent = 0usize;
        while let Some((lo, hi, by_y)) = self.todo.pop() {
            let range = &mut self.entries[lo..hi];
            if range.len() > self.node_size {
                let mid = range.len() / 2;
                if by_y {
                    range.select_nth_unstable_by(mid, |a, b| a.y.total_cmp(&b.y));
                } else {
                    range.select_nth_unstable_by(mid, |a, b| a.x.total_cmp(&b.x));
                }
                self.todo.push((lo + mid + 1, hi, !by_y));
                self.todo.push((lo, lo + mid, !by_y));
            }
            spent = spent.saturating_add(hi - lo);
            if spent >= budget {
                break;
            }
        }
        self.todo.is_empty()
    }

    /// The tree (complete when `step` said so; else split only as far as it got, which
    /// would answer queries wrongly: callers finish first).
    pub fn finish(mut self) -> KdTree {
        while !self.step(usize::MAX) {}
        KdTree {
            entries: self.entries,
            node_size: self.node_size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scatter(n: usize) -> Vec<WorldPoint> {
        let mut next = crate::domain::test_data::unit_floats(0x2545_f491_4f6c_dd1d);
        (0..n)
            .map(|i| match i % 9 {
                0 => WorldPoint { x: 0.25, y: 0.75 }, // duplicates
                _ => WorldPoint {
                    x: next(),
                    y: next(),
                },
            })
            .collect()
    }

    /// The definition the steps must follow: each range's middle entry is its median on
    /// the axis, alternating x and y by depth.
    fn sort_recursively(entries: &mut [Entry], node_size: usize, by_y: bool) {
        if entries.len() <= node_size {
            return;
        }
        let mid = entries.len() / 2;
        if by_y {
            entries.select_nth_unstable_by(mid, |a, b| a.y.total_cmp(&b.y));
        } else {
            entries.select_nth_unstable_by(mid, |a, b| a.x.total_cmp(&b.x));
        }
        let (left, rest) = entries.split_at_mut(mid);
        sort_recursively(left, node_size, !by_y);
        sort_recursively(&mut rest[1..], node_size, !by_y);
    }

    #[test]
    fn a_stepped_build_is_the_recursive_build() {
        for (n, node_size) in [(0, 64), (1, 0), (70, 64), (5000, 16), (20_000, 64)] {
            let points = scatter(n);
            let mut entries = KdBuild::new(points.iter().copied(), node_size).entries;
            let node_size = node_size.max(1);
            sort_recursively(&mut entries, node_size, false);
            let once = KdTree { entries, node_size };
            for budget in [1, 7, 1000, usize::MAX] {
                let mut build = KdBuild::new(points.iter().copied(), node_size);
                let mut steps = 1;
                while !build.step(budget) {
                    steps += 1;
                }
                let stepped = build.finish();
                assert_eq!(
                    stepped, once,
                    "n {n}, node size {node_size}, budget {budget}"
                );
                if budget == 1 && n > node_size.max(1) {
                    assert!(steps > 1, "a small budget takes several steps");
                }
            }
        }
    }
}
