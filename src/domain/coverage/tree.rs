//! The breakdown by place: province → city → county → town, each row counting everything
//! at or below it (a county row includes its towns and the sites placed only at county
//! level). Every region record appears, with zeros if nothing is mapped in it: an empty
//! county is exactly what an organiser needs to see. A level a path does not know is
//! skipped (a county straight under its province), never invented.
//!
//! Children are ordered by sites (most first), then by name.

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope, Tied};
use super::places::{Places, LEVELS};
use super::trie::{NodePath, PlaceTrie};
use crate::domain::model::{Dataset, RegionLevel};

/// What is counted for one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceCounts {
    pub sites: usize,
    /// Routes with at least one stop here.
    pub routes: usize,
    pub activities: ActivityFigures,
}

/// One row of the breakdown, in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRow {
    /// 0 for a top row.
    pub depth: usize,
    pub level: RegionLevel,
    pub name: String,
    /// The region record for this place (index into `dataset.regions`), if the data has one.
    pub region: Option<usize>,
    pub counts: PlaceCounts,
}

/// The rows, and what could not be placed at all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionBreakdown {
    pub rows: Vec<RegionRow>,
    pub unplaced: PlaceCounts,
}

/// Counts sites, routes and activities in scope per place.
pub fn by_region(data: &Dataset, index: &CoverageIndex, scope: Scope) -> RegionBreakdown {
    let trie = &index.trie;
    let mut counts = vec![PlaceCounts::default(); trie.nodes.len()];
    let mut unplaced = PlaceCounts::default();
    let mut bump = |path: Option<&NodePath>, f: &dyn Fn(&mut PlaceCounts)| match path
        .map(NodePath::nodes)
        .filter(|n| !n.is_empty())
    {
        Some(nodes) => nodes.iter().for_each(|&n| f(&mut counts[n as usize])),
        None => f(&mut unplaced),
    };
    for (i, path) in trie.site_nodes.iter().enumerate() {
        if scope.has_site(i) {
            bump(Some(path), &|c| c.sites += 1);
        }
    }
    for (a, activity) in data.activities.iter().enumerate() {
        if !scope.has_activity(index, a) {
            continue;
        }
        let path = match index.activity_tied[a] {
            Tied::Site(s) => trie.site_nodes.get(s),
            Tied::Region(r) => trie.region_nodes.get(r),
            Tied::Nowhere => None,
        };
        bump(path, &|c| c.activities.add(activity));
    }
    for (r, stops) in index.route_stops.iter().enumerate() {
        if !scope.has_route(index, r) {
            continue;
        }
        let mut nodes: Vec<u32> = stops
            .iter()
            .flat_map(|&s| trie.site_nodes[s].nodes().iter().copied())
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        match nodes.is_empty() {
            true => unplaced.routes += 1,
            false => nodes.iter().for_each(|&n| counts[n as usize].routes += 1),
        }
    }
    let mut rows = Vec::with_capacity(trie.nodes.len());
    let order = Order {
        trie,
        counts: &counts,
        places: &index.places,
    };
    for root in order.sorted(&trie.roots) {
        order.flatten(root, 0, &mut rows);
    }
    RegionBreakdown { rows, unplaced }
}

/// Walks the tree in display order: most sites first, then by name.
struct Order<'a> {
    trie: &'a PlaceTrie,
    counts: &'a [PlaceCounts],
    places: &'a Places,
}

impl Order<'_> {
    fn sorted(&self, ids: &[u32]) -> Vec<u32> {
        let mut ids = ids.to_vec();
        ids.sort_by(|&a, &b| {
            let (na, nb) = (&self.trie.nodes[a as usize], &self.trie.nodes[b as usize]);
            self.counts[b as usize]
                .sites
                .cmp(&self.counts[a as usize].sites)
                .then_with(|| self.places.name(na.name).cmp(self.places.name(nb.name)))
        });
        ids
    }

    fn flatten(&self, n: u32, depth: usize, rows: &mut Vec<RegionRow>) {
        let node = &self.trie.nodes[n as usize];
        rows.push(RegionRow {
            depth,
            level: LEVELS[node.slot],
            name: self.places.name(node.name).to_owned(),
            region: node.region.map(|r| r as usize),
            counts: self.counts[n as usize],
        });
        for child in self.sorted(&node.children) {
            self.flatten(child, depth + 1, rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::city;

    fn row<'a>(b: &'a RegionBreakdown, name: &str) -> &'a RegionRow {
        b.rows.iter().find(|r| r.name == name).expect(name)
    }

    #[test]
    fn rows_follow_the_tree_with_inferred_province() {
        let data = city();
        let b = by_region(&data, &CoverageIndex::new(&data), Scope::all());
        let outline: Vec<(usize, &str)> =
            b.rows.iter().map(|r| (r.depth, r.name.as_str())).collect();
        assert_eq!(
            outline,
            [
                (0, "广东省"),
                (1, "肇庆市"),
                (2, "德庆县"),
                (3, "高良镇"),
                (3, "德城街道"),
                (2, "端州区"),
                (3, "城区"),
            ]
        );
        assert_eq!(row(&b, "广东省").region, None, "inferred, no record");
        assert_eq!(row(&b, "肇庆市").region, Some(0));
    }

    #[test]
    fn each_row_counts_everything_below_it() {
        let data = city();
        let b = by_region(&data, &CoverageIndex::new(&data), Scope::all());
        let city = row(&b, "肇庆市").counts;
        assert_eq!(
            (city.sites, city.routes, city.activities.records),
            (3, 1, 3)
        );
        let deqing = row(&b, "德庆县").counts;
        assert_eq!(
            (deqing.sites, deqing.routes, deqing.activities.records),
            (2, 1, 1)
        );
        assert_eq!(row(&b, "高良镇").counts.sites, 1, "placed by admin names");
        assert_eq!(
            row(&b, "德城街道").counts.sites,
            0,
            "an empty town is listed"
        );
        assert_eq!(row(&b, "城区").counts, PlaceCounts::default());
        // "nowhere" has no region or admin; r2's only stop does not resolve.
        assert_eq!((b.unplaced.sites, b.unplaced.routes), (1, 1));
    }

    #[test]
    fn scope_applies() {
        let data = city();
        let mask = [true, false, false, false];
        let b = by_region(&data, &CoverageIndex::new(&data), Scope::sites(Some(&mask)));
        assert_eq!(row(&b, "肇庆市").counts.sites, 1);
        assert_eq!(row(&b, "德庆县").counts.activities.records, 0);
        assert_eq!(b.rows[1].name, "肇庆市");
        // 端州区 now has more sites than 德庆县, so it comes first.
        assert_eq!(b.rows[2].name, "端州区");
    }
}
