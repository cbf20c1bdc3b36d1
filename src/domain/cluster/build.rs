//! Building a [`ClusterIndex`] in steps ([`ClusterBuilder::step`]), so that the browser can
//! re-cluster a few 100k points (after an import) in slices between frames while the old
//! index stays on screen. The work is the one-shot build's, cut into pieces that can stop
//! and resume: each level's KD-tree (`KdBuild`, range by range) and each level's greedy
//! pass (`LevelPass`, node by node). The result is the one-shot index exactly (tested).
//!
//! Private to `cluster` but for the builder itself; must not depend on the UI or a clock:
//! the caller decides how much work a step may do (`budget`, in nodes and entries gone
//! over) and when to pause.

use super::level::{Level, LevelPass, Node, NOT_VISITED, NO_PARENT, POINT};
use super::{ClusterIndex, ClusterOptions};
use crate::domain::geo::LonLat;
use crate::domain::kdtree::KdBuild;
use crate::domain::projection::lonlat_to_world;

/// A cluster index being built: [`step`](Self::step) until it says done, then
/// [`finish`](Self::finish).
#[derive(Debug)]
pub struct ClusterBuilder {
    options: ClusterOptions,
    input_len: usize,
    /// Finished levels, deepest zoom first.
    levels: Vec<Level>,
    phase: Phase,
}

#[derive(Debug)]
enum Phase {
    /// The KD-tree of a level's nodes; then clustering them at `then_zoom` (`None`: this
    /// is the `min_zoom` level, the last).
    Tree {
        nodes: Vec<Node>,
        build: KdBuild,
        then_zoom: Option<u8>,
    },
    /// The greedy pass over `above` for `zoom`.
    Cluster {
        above: Level,
        zoom: u8,
        pass: LevelPass,
    },
    Done,
}

impl ClusterBuilder {
    /// Starts building what [`ClusterIndex::new`] builds (options made consistent the same
    /// way). Projects the points now (linear, a few ms per 100k).
    pub fn new(points: &[LonLat], options: ClusterOptions) -> Self {
        let options = consistent(options);
        let inputs: Vec<Node> = (0..points.len())
            .filter(|&i| points[i].is_finite())
            .map(|i| Node {
                world: lonlat_to_world(points[i]),
                count: 1,
                member: i as u32,
                member_zoom: POINT,
                visited_zoom: NOT_VISITED,
                parent_seed: NO_PARENT,
            })
            .collect();
        ClusterBuilder {
            options,
            input_len: points.len(),
            levels: Vec::with_capacity(usize::from(options.max_zoom - options.min_zoom) + 2),
            phase: tree_phase(inputs, Some(options.max_zoom), options.node_size),
        }
    }

    /// Does about `budget` units of work (a node clustered or a KD entry sorted is one;
    /// one indivisible piece may be larger); true when the index is complete.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        while left > 0 {
            let (spent, done) = self.advance(left);
            if done {
                return true;
            }
            left = left.saturating_sub(spent.max(1));
        }
        matches!(self.phase, Phase::Done)
    }

    /// Zoom levels done, and in all (for progress).
    pub fn levels_done(&self) -> (usize, usize) {
        let all = usize::from(self.options.max_zoom - self.options.min_zoom) + 2;
        (self.levels.len(), all)
    }

    /// The index; completes what is left first.
    pub fn finish(mut self) -> ClusterIndex {
        while !self.step(usize::MAX) {}
        let mut levels = self.levels;
        levels.reverse();
        ClusterIndex {
            options: self.options,
            levels,
            input_len: self.input_len,
        }
    }

    /// One piece of the current phase, within `budget`: (work spent, all done).
    fn advance(&mut self, budget: usize) -> (usize, bool) {
        let options = self.options;
        match &mut self.phase {
            Phase::Done => (0, true),
            Phase::Tree { nodes, build, .. } => {
                let before = nodes.len();
                if !build.step(budget) {
                    return (budget, false);
                }
                let Phase::Tree {
                    nodes,
                    build,
                    then_zoom,
                } = std::mem::replace(&mut self.phase, Phase::Done)
                else {
                    return (0, true);
                };
                let level = Level::from_tree(&nodes, build.finish());
                self.phase = match then_zoom {
                    Some(zoom) => Phase::Cluster {
                        pass: LevelPass::new(level.nodes.len()),
                        above: level,
                        zoom,
                    },
                    None => {
                        self.levels.push(level);
                        Phase::Done
                    }
                };
                (before.max(1), matches!(self.phase, Phase::Done))
            }
            Phase::Cluster { above, zoom, pass } => {
                if !pass.step(above, *zoom, &options, budget) {
                    return (budget, false);
                }
                let Phase::Cluster { above, zoom, pass } =
                    std::mem::replace(&mut self.phase, Phase::Done)
                else {
                    return (0, true);
                };
                self.levels.push(above);
                let then_zoom = (zoom > options.min_zoom).then(|| zoom - 1);
                self.phase = tree_phase(pass.next, then_zoom, options.node_size);
                (1, false)
            }
        }
    }
}

fn tree_phase(nodes: Vec<Node>, then_zoom: Option<u8>, node_size: usize) -> Phase {
    let build = KdBuild::new(nodes.iter().map(|n| n.world), node_size);
    Phase::Tree {
        nodes,
        build,
        then_zoom,
    }
}

/// `max_zoom` ≤ 30, `min_zoom` ≤ `max_zoom`, `min_points` ≥ 2.
pub(super) fn consistent(options: ClusterOptions) -> ClusterOptions {
    let mut options = options;
    options.max_zoom = options.max_zoom.min(super::MAX_CLUSTER_ZOOM);
    options.min_zoom = options.min_zoom.min(options.max_zoom);
    options.min_points = options.min_points.max(2);
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Towns and villages: clustered points with exact duplicates, a few non-finite.
    fn scatter(n: usize) -> Vec<LonLat> {
        let mut next = crate::domain::test_data::unit_floats(0x9e37_79b9_7f4a_7c15);
        let towns: Vec<LonLat> = (0..60)
            .map(|_| LonLat::new(105.0 + 12.0 * next(), 20.0 + 10.0 * next()))
            .collect();
        (0..n)
            .map(|i| {
                let town = towns[i % towns.len()];
                match i % 11 {
                    0 => town,
                    5 if i % 1000 == 5 => LonLat::new(f64::NAN, 23.0),
                    _ => LonLat::new(
                        town.lon + 0.2 * (next() - 0.5),
                        town.lat + 0.2 * (next() - 0.5),
                    ),
                }
            })
            .collect()
    }

    fn stepped(points: &[LonLat], options: ClusterOptions, budget: usize) -> (ClusterIndex, usize) {
        let mut builder = ClusterBuilder::new(points, options);
        let mut steps = 1;
        while !builder.step(budget) {
            steps += 1;
        }
        (builder.finish(), steps)
    }

    #[test]
    fn a_stepped_build_is_the_one_shot_build() {
        let points = scatter(12_000);
        let once = ClusterIndex::new(&points, ClusterOptions::default());
        for budget in [1, 64, 5000, usize::MAX] {
            let (index, steps) = stepped(&points, ClusterOptions::default(), budget);
            assert_eq!(index.level_sizes().len(), 18);
            assert_eq!(index, once, "budget {budget}");
            if budget <= 5000 {
                assert!(steps > 10, "budget {budget}: {steps} steps");
            }
        }
    }

    #[test]
    fn odd_options_and_tiny_inputs_too() {
        let wild = ClusterOptions {
            min_zoom: 50,
            max_zoom: 200,
            min_points: 0,
            node_size: 0,
            ..ClusterOptions::default()
        };
        let few = ClusterOptions {
            min_zoom: 3,
            max_zoom: 9,
            min_points: 5,
            node_size: 4,
            ..ClusterOptions::default()
        };
        for options in [ClusterOptions::default(), wild, few] {
            for n in [0, 1, 2, 300] {
                let points = scatter(n);
                let once = ClusterIndex::new(&points, options);
                for budget in [1, 13, usize::MAX] {
                    assert_eq!(
                        stepped(&points, options, budget).0,
                        once,
                        "n {n}, {options:?}"
                    );
                }
            }
        }
    }
}
