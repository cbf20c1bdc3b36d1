//! One step of the cluster build: the nodes of one zoom level, their KD-tree, and the
//! greedy pass that clusters a level into the next lower one (supercluster's `_cluster`).
//!
//! Private to `cluster`; depends on `kdtree` and `projection`, never on the UI.

use super::{ClusterId, ClusterItem, ClusterOptions};
use crate::domain::kdtree::KdTree;
use crate::domain::projection::WorldPoint;

/// `Node::visited_zoom` before the node has been clustered at any zoom.
pub(super) const NOT_VISITED: u8 = u8::MAX;
/// `Node::member_zoom` of an input point (not a cluster).
pub(super) const POINT: u8 = u8::MAX;
/// `Node::parent_seed` of a node no cluster has absorbed.
pub(super) const NO_PARENT: u32 = u32::MAX;

/// A point or cluster at one level; 32 bytes, as the levels hold up to n of them each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Node {
    pub(super) world: WorldPoint,
    pub(super) count: u32,
    /// Input index for a point, `seed` for a cluster.
    pub(super) member: u32,
    /// `POINT`, or the zoom the cluster was formed at.
    pub(super) member_zoom: u8,
    /// Last zoom this node was clustered at (`NOT_VISITED` before).
    pub(super) visited_zoom: u8,
    /// The seed of the cluster (formed one zoom below this level) that absorbed it.
    pub(super) parent_seed: u32,
}

impl Node {
    /// The same member, fresh for the next (lower) level.
    pub(super) fn carried_down(self) -> Node {
        Node {
            visited_zoom: NOT_VISITED,
            parent_seed: NO_PARENT,
            ..self
        }
    }

    pub(super) fn item(&self) -> ClusterItem {
        if self.member_zoom == POINT {
            ClusterItem::Point {
                index: self.member as usize,
                world: self.world,
            }
        } else {
            let id = ClusterId {
                zoom: self.member_zoom,
                seed: self.member,
            };
            ClusterItem::Cluster {
                id,
                count: self.count as usize,
                world: self.world,
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Level {
    pub(super) nodes: Vec<Node>,
    pub(super) tree: KdTree,
}

impl Level {
    /// The level of `nodes` over their KD-tree (built by `KdBuild` from the same nodes).
    /// Stores the nodes in KD-tree order, so that clustering (which walks the nodes in
    /// order and queries each one's neighbourhood) touches memory that is close
    /// together: 100k points build ~1.4x faster than in input order. It also makes the
    /// greedy pass sweep space rather than follow input order, which is just as valid
    /// (supercluster's result depends on input order too).
    pub(super) fn from_tree(nodes: &[Node], mut tree: KdTree) -> Self {
        let nodes = tree
            .take_order()
            .into_iter()
            .map(|i| nodes[i as usize])
            .collect();
        Level { nodes, tree }
    }
}

/// Cluster radius at `zoom` in world units: `radius / extent` of a tile, and a tile is
/// `1 / 2^zoom` of the world.
pub(super) fn radius_world(options: &ClusterOptions, zoom: u8) -> f64 {
    options.radius / (options.extent * f64::from(zoom).exp2())
}

/// Clusters the nodes of `above` (zoom + 1) for `zoom`, in steps, marking the absorbed
/// ones with their parent: where it got to, and the nodes of the new level so far. Greedy,
/// as supercluster: in node order, each unvisited node absorbs its unvisited neighbours
/// within the radius.
#[derive(Debug, Clone, Default)]
pub(super) struct LevelPass {
    i: usize,
    pub(super) next: Vec<Node>,
    neighbours: Vec<usize>,
}

impl LevelPass {
    pub(super) fn new(above_len: usize) -> Self {
        LevelPass {
            i: 0,
            next: Vec::with_capacity(above_len / 2),
            neighbours: Vec::new(),
        }
    }

    /// Clusters nodes of `above` in order until about `budget` nodes (seeds and the
    /// neighbours they looked at) have been gone over; true when the level is done.
    pub(super) fn step(
        &mut self,
        above: &mut Level,
        zoom: u8,
        options: &ClusterOptions,
        budget: usize,
    ) -> bool {
        let r = radius_world(options, zoom);
        let mut spent = 0usize;
        while self.i < above.nodes.len() && spent < budget {
            let i = self.i;
            self.i += 1;
            if above.nodes[i].visited_zoom <= zoom {
                continue;
            }
            cluster_seed(
                above,
                i,
                zoom,
                r,
                options,
                &mut self.next,
                &mut self.neighbours,
            );
            spent = spent.saturating_add(1 + self.neighbours.len());
        }
        self.i >= above.nodes.len()
    }
}

/// The greedy step for one unvisited node `i` of `above`: it absorbs its unvisited
/// neighbours within `r` (or, too few, they all stay separate), pushing the result to
/// `next`. `neighbours` is a reused buffer.
fn cluster_seed(
    above: &mut Level,
    i: usize,
    zoom: u8,
    r: f64,
    options: &ClusterOptions,
    next: &mut Vec<Node>,
    neighbours: &mut Vec<usize>,
) {
    above.nodes[i].visited_zoom = zoom;
    let seed = above.nodes[i];
    neighbours.clear();
    above
        .tree
        .within(seed.world, r, &mut |id| neighbours.push(id as usize));
    let fresh = neighbours
        .iter()
        .map(|&j| &above.nodes[j])
        .filter(|n| n.visited_zoom > zoom);
    let count: u32 = seed.count + fresh.map(|n| n.count).sum::<u32>();
    if count == seed.count || count < options.min_points {
        // Nobody to merge with, or too few: the seed and its neighbours stay separate.
        next.push(seed.carried_down());
        for &j in neighbours.iter() {
            if above.nodes[j].visited_zoom > zoom {
                above.nodes[j].visited_zoom = zoom;
                next.push(above.nodes[j].carried_down());
            }
        }
        return;
    }
    let (mut wx, mut wy) = (
        seed.world.x * f64::from(seed.count),
        seed.world.y * f64::from(seed.count),
    );
    for &j in neighbours.iter() {
        let node = &mut above.nodes[j];
        if node.visited_zoom > zoom {
            node.visited_zoom = zoom;
            node.parent_seed = i as u32;
            wx += node.world.x * f64::from(node.count);
            wy += node.world.y * f64::from(node.count);
        }
    }
    above.nodes[i].parent_seed = i as u32;
    let total = f64::from(count);
    next.push(Node {
        world: WorldPoint {
            x: wx / total,
            y: wy / total,
        },
        count,
        member: i as u32,
        member_zoom: zoom,
        visited_zoom: NOT_VISITED,
        parent_seed: NO_PARENT,
    });
}

#[cfg(test)]
mod tests {
    use super::super::ClusterIndex;
    use super::*;
    use crate::domain::geo::{BBox, LonLat};

    const WORLD: BBox = BBox::new(-180.0, -90.0, 180.0, 90.0);

    /// Deterministic towns-and-villages scatter over Guangdong: 40 towns, points within
    /// ~0.05° of a town, every 7th point exactly on its town centre.
    fn guangdong(n: usize) -> Vec<LonLat> {
        let mut next = crate::domain::test_data::unit_floats(0x2545_f491_4f6c_dd1d);
        let towns: Vec<LonLat> = (0..40)
            .map(|_| LonLat::new(110.0 + 6.0 * next(), 21.0 + 4.0 * next()))
            .collect();
        (0..n)
            .map(|i| {
                let town = towns[i % towns.len()];
                let (dx, dy) = if i % 7 == 0 {
                    (0.0, 0.0)
                } else {
                    (next() - 0.5, next() - 0.5)
                };
                LonLat::new(town.lon + 0.1 * dx, town.lat + 0.1 * dy)
            })
            .collect()
    }

    fn leaves_of(index: &ClusterIndex, items: &[ClusterItem]) -> Vec<usize> {
        let mut all: Vec<usize> = items
            .iter()
            .flat_map(|item| match *item {
                ClusterItem::Point { index, .. } => vec![index],
                ClusterItem::Cluster { id, .. } => index.leaves(id, usize::MAX, 0),
            })
            .collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn every_zoom_partitions_the_input() {
        let points = guangdong(3000);
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        let sizes = index.level_sizes();
        assert_eq!(sizes.len(), 18);
        assert_eq!(sizes[17], 3000);
        assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
        assert!(sizes[0] < 10 && sizes[10] < 3000, "{sizes:?}");
        for zoom in 0..=17 {
            let items = index.clusters(&WORLD, zoom);
            assert_eq!(
                items.iter().map(ClusterItem::count).sum::<usize>(),
                3000,
                "zoom {zoom}"
            );
            assert_eq!(
                leaves_of(&index, &items),
                (0..3000).collect::<Vec<_>>(),
                "zoom {zoom}"
            );
        }
    }

    #[test]
    fn children_add_up_and_expansion_splits() {
        let points = guangdong(3000);
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        for zoom in [2, 6, 9, 12] {
            for item in index.clusters(&WORLD, zoom) {
                let ClusterItem::Cluster { id, count, world } = item else {
                    continue;
                };
                let children = index.children(id);
                assert!(children.len() >= 2);
                assert_eq!(
                    children.iter().map(ClusterItem::count).sum::<usize>(),
                    count
                );
                // The cluster sits at the count-weighted centre of its children.
                let cx = children
                    .iter()
                    .map(|c| c.world().x * c.count() as f64)
                    .sum::<f64>();
                assert!((cx / count as f64 - world.x).abs() < 1e-12);
                let expansion = index.expansion_zoom(id).expect("known id");
                assert!(i32::from(expansion) > zoom && expansion <= 17);
            }
        }
    }

    #[test]
    fn min_points_keeps_small_groups_apart() {
        let points = [
            LonLat::new(113.0, 23.0),
            LonLat::new(113.0001, 23.0),
            LonLat::new(113.0, 23.0001),
        ];
        let options = ClusterOptions {
            min_points: 4,
            ..ClusterOptions::default()
        };
        let index = ClusterIndex::new(&points, options);
        assert!(index
            .clusters(&WORLD, 0)
            .iter()
            .all(|i| matches!(i, ClusterItem::Point { .. })));
        assert_eq!(index.clusters(&WORLD, 0).len(), 3);
        let clustered = ClusterIndex::new(&points, ClusterOptions::default());
        assert_eq!(clustered.clusters(&WORLD, 0).len(), 1);
    }
}
