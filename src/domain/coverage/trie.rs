//! The place tree as nodes (one per distinct place path prefix), built once per data load
//! with every site's and region's nodes resolved, so that counting per filter change is
//! only array increments (no hashing of names per site).

use super::places::{PlacePath, Places};
use rustc_hash::FxHashMap as FxMap;

/// The nodes a path passes through, coarse to fine (at most four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodePath {
    ids: [u32; 4],
    len: u8,
}

impl NodePath {
    pub fn nodes(&self) -> &[u32] {
        &self.ids[..usize::from(self.len)]
    }
}

/// One place: its level slot, interned name, region record (if any) and children.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub slot: usize,
    pub name: u32,
    pub region: Option<u32>,
    pub children: Vec<u32>,
}

/// Every place of the dataset and where each site and region sits in it.
#[derive(Debug, Clone, Default)]
pub struct PlaceTrie {
    pub nodes: Vec<Node>,
    pub roots: Vec<u32>,
    /// Per site.
    pub site_nodes: Vec<NodePath>,
    /// Per region.
    pub region_nodes: Vec<NodePath>,
}

impl PlaceTrie {
    pub fn new(places: &Places) -> Self {
        let mut trie = PlaceTrie::default();
        let mut lookup: FxMap<(Option<u32>, usize, u32), u32> = FxMap::default();
        // Regions first, so that every region record is a node even with nothing in it.
        trie.region_nodes = places
            .region_paths
            .iter()
            .map(|p| trie.walk(&mut lookup, p))
            .collect();
        // Sites sharing a path (a whole town's) share the walk.
        let mut seen: FxMap<PlacePath, NodePath> = FxMap::default();
        trie.site_nodes = places
            .site_paths
            .iter()
            .map(|p| *seen.entry(*p).or_insert_with(|| trie.walk(&mut lookup, p)))
            .collect();
        trie
    }

    fn walk(
        &mut self,
        lookup: &mut FxMap<(Option<u32>, usize, u32), u32>,
        path: &PlacePath,
    ) -> NodePath {
        let mut parent = None;
        let mut out = NodePath::default();
        for slot in 0..4 {
            let Some(name) = path.names[slot] else {
                continue;
            };
            let next = self.nodes.len() as u32;
            let node = *lookup.entry((parent, slot, name)).or_insert(next);
            if node == next {
                self.nodes.push(Node {
                    slot,
                    name,
                    ..Node::default()
                });
                match parent {
                    Some(p) => self.nodes[p as usize].children.push(node),
                    None => self.roots.push(node),
                }
            }
            let n = &mut self.nodes[node as usize];
            if n.region.is_none() {
                n.region = path.regions[slot];
            }
            out.ids[usize::from(out.len)] = node;
            out.len += 1;
            parent = Some(node);
        }
        out
    }
}
