//! The loaded dataset with the user's imported layers added after it, so that the map,
//! search, filters, details and the dashboard treat imported records like the rest. The
//! base records keep their indices (a selection or a trip stays valid); each layer's sites
//! are one contiguous range after them. An imported id that is already taken (by the base
//! data or an earlier layer) gets the layer id as a suffix, with its activities and route
//! stops following it.
//!
//! [`MergeBuilder`] does the merge in steps (a 270k-site layer is a deep copy of every
//! record, seconds in the browser), [`merge_layers`] all at once.
//!
//! Pure: datasets in, one dataset out.

use super::stored::ImportLayer;
use crate::domain::model::{ActivityTarget, Dataset, RouteId, SiteId};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The merged dataset and where each layer's sites went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub dataset: Dataset,
    /// Per visible layer (in order): its id and the indices of its sites in `dataset.sites`.
    pub site_ranges: Vec<(String, Range<usize>)>,
}

/// `base` followed by every visible layer of `layers` ([`MergeBuilder`] run to the end).
pub fn merge_layers(base: &Dataset, layers: &[&ImportLayer]) -> Merged {
    let mut builder = MergeBuilder::default();
    while !builder.step(base, layers, usize::MAX) {}
    builder.finish()
}

/// [`merge_layers`] in steps, so that merging a 270k-site layer (a deep copy of every
/// record) does not freeze the page: [`step`](Self::step) copies up to a number of records
/// and resumes where it stopped. Every call must be given the same `base` and `layers`.
#[derive(Debug, Default)]
pub struct MergeBuilder {
    out: Dataset,
    site_ids: HashSet<String>,
    route_ids: HashSet<String>,
    ranges: Vec<(String, Range<usize>)>,
    /// Which list is being copied: 0-4 the base's sites, routes, regions, activities,
    /// visits; then per layer (in `layers` order) 5 + 3k + 0-2 its sites, routes, activities.
    part: usize,
    /// Records of that list copied so far.
    at: usize,
    /// Ids of the current layer's sites that were taken, and what they became.
    renamed: HashMap<String, String>,
    done: bool,
}

impl MergeBuilder {
    /// Copies up to `budget` more records; true when the merge is complete.
    pub fn step(&mut self, base: &Dataset, layers: &[&ImportLayer], budget: usize) -> bool {
        if !self.done && self.part == 0 && self.at == 0 && self.out.sites.capacity() == 0 {
            // Room for every site and id at once, as a step of its own: letting the list
            // double copied 100+ MB of sites in one step near the end.
            let layer_sites = layers.iter().filter(|l| l.visible);
            let all = base.sites.len() + layer_sites.map(|l| l.dataset.sites.len()).sum::<usize>();
            self.out.sites.reserve_exact(all.max(1));
            self.site_ids.reserve(all);
            return false;
        }
        let mut left = budget.max(1);
        while !self.done && left > 0 {
            let (list_len, chunk) = self.copy(base, layers, left);
            left -= chunk.min(left);
            self.at += chunk;
            if self.at >= list_len {
                self.next_part(base, layers);
            }
        }
        self.done
    }

    /// Sites merged so far (for progress).
    pub fn sites_done(&self) -> usize {
        self.out.sites.len()
    }

    /// The merged dataset (merging what is left needs the inputs: call `step` to the end).
    pub fn finish(self) -> Merged {
        Merged {
            dataset: self.out,
            site_ranges: self.ranges,
        }
    }

    /// Copies up to `budget` records of the current list: (its length, records copied).
    fn copy(&mut self, base: &Dataset, layers: &[&ImportLayer], budget: usize) -> (usize, usize) {
        let (at, out) = (self.at, &mut self.out);
        let end = |len: usize| len.min(at.saturating_add(budget));
        match self.part {
            0 => {
                let sites = base.sites.get(at..end(base.sites.len())).unwrap_or(&[]);
                self.site_ids.extend(sites.iter().map(|s| s.id.0.clone()));
                out.sites.extend_from_slice(sites);
                (base.sites.len(), sites.len())
            }
            1 => {
                let routes = base.routes.get(at..end(base.routes.len())).unwrap_or(&[]);
                self.route_ids.extend(routes.iter().map(|r| r.id.0.clone()));
                out.routes.extend_from_slice(routes);
                (base.routes.len(), routes.len())
            }
            2 => copy_part(&base.regions, at, budget, &mut out.regions),
            3 => copy_part(&base.activities, at, budget, &mut out.activities),
            4 => copy_part(&base.visits, at, budget, &mut out.visits),
            _ => {
                let Some(layer) = layers.get((self.part - 5) / 3) else {
                    return (0, 0);
                };
                if !layer.visible {
                    return (0, 0);
                }
                self.copy_layer(layer, (self.part - 5) % 3, budget)
            }
        }
    }

    fn copy_layer(&mut self, layer: &ImportLayer, list: usize, budget: usize) -> (usize, usize) {
        let at = self.at;
        let d = &layer.dataset;
        let (len, n) = match list {
            0 => (
                d.sites.len(),
                d.sites.len().min(at.saturating_add(budget)) - at,
            ),
            1 => (
                d.routes.len(),
                d.routes.len().min(at.saturating_add(budget)) - at,
            ),
            _ => (
                d.activities.len(),
                d.activities.len().min(at.saturating_add(budget)) - at,
            ),
        };
        for i in at..at + n {
            match list {
                0 => {
                    let mut site = d.sites[i].clone();
                    let id = free_id(&site.id.0, &layer.id, &mut self.site_ids);
                    if id != site.id.0 {
                        self.renamed.insert(site.id.0.clone(), id.clone());
                        site.id = SiteId(id);
                    }
                    self.out.sites.push(site);
                }
                1 => {
                    let mut route = d.routes[i].clone();
                    route.id = RouteId(free_id(&route.id.0, &layer.id, &mut self.route_ids));
                    route.stops = route.stops.iter().map(|s| self.rename(s)).collect();
                    self.out.routes.push(route);
                }
                _ => {
                    let mut activity = d.activities[i].clone();
                    if let ActivityTarget::Site(id) = &activity.target {
                        activity.target = ActivityTarget::Site(self.rename(id));
                    }
                    self.out.activities.push(activity);
                }
            }
        }
        (len, n)
    }

    fn rename(&self, id: &SiteId) -> SiteId {
        self.renamed
            .get(&id.0)
            .map_or_else(|| id.clone(), |n| SiteId(n.clone()))
    }

    /// Moves on to the next list; a layer's range is recorded when its sites are in.
    fn next_part(&mut self, base: &Dataset, layers: &[&ImportLayer]) {
        if self.part == 4 {
            self.out.manifest = base.manifest.clone();
        }
        if self.part >= 5 {
            let k = (self.part - 5) / 3;
            if let Some(layer) = layers.get(k).filter(|l| l.visible) {
                let sites = layer.dataset.sites.len();
                if (self.part - 5).is_multiple_of(3) {
                    let end = self.out.sites.len();
                    self.ranges.push((layer.id.clone(), end - sites..end));
                }
            }
            if (self.part - 5) % 3 == 2 {
                self.renamed.clear();
            }
        }
        self.part += 1;
        self.at = 0;
        self.done = self.part >= 5 + 3 * layers.len();
    }
}

/// Clones up to `budget` items of `from` after `at` onto `to`: (its length, items copied).
fn copy_part<T: Clone>(from: &[T], at: usize, budget: usize, to: &mut Vec<T>) -> (usize, usize) {
    let end = from.len().min(at.saturating_add(budget));
    to.extend_from_slice(&from[at.min(end)..end]);
    (from.len(), end - at.min(end))
}

/// `id` if free, else `id@layer`, `id@layer-2`, ...; the result is marked taken.
fn free_id(id: &str, layer: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.to_owned();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = if n == 1 {
            format!("{id}@{layer}")
        } else {
            format!("{id}@{layer}-{n}")
        };
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{import_file, ImportOptions};

    fn layer(id: &str, csv: &str) -> ImportLayer {
        let imported = import_file("a.csv", csv.as_bytes(), &ImportOptions::default());
        ImportLayer::new(id.into(), "a.csv", &imported)
    }

    #[test]
    fn layers_follow_the_base_and_keep_their_ranges() {
        let base = layer("0", "id,名称,经度,纬度\nb1,甲,113.1,23.0\n").dataset;
        let one = layer(
            "1",
            "id,名称,经度,纬度\nb1,乙,113.2,23.0\nx,丙,113.3,23.0\n",
        );
        let mut two = layer("2", "名称,经度,纬度\n丁,113.4,23.0\n");
        let m = merge_layers(&base, &[&one, &two]);
        assert_eq!(m.dataset.sites.len(), 4);
        assert_eq!(m.dataset.sites[0].id.0, "b1");
        assert_eq!(
            m.dataset.sites[1].id.0, "b1@1",
            "a taken id gets the layer id"
        );
        assert_eq!(m.dataset.sites[2].id.0, "x");
        assert_eq!(m.site_ranges, vec![("1".into(), 1..3), ("2".into(), 3..4)]);
        two.visible = false;
        let m = merge_layers(&base, &[&one, &two]);
        assert_eq!(m.dataset.sites.len(), 3, "a hidden layer is left out");
    }

    #[test]
    fn a_stepped_merge_is_the_one_shot_merge() {
        let mut base = crate::domain::test_data::bundled();
        base.sites.truncate(12);
        let csv = "id,名称,经度,纬度,活动日期,参与人数\n".to_owned()
            + &(0..30)
                .map(|i| {
                    format!(
                        "{},点{i},113.{i},23.0,2024-05-01,{i}\n",
                        base.sites[i % 12].id.0
                    )
                })
                .collect::<String>();
        let (one, mut hidden, three) = (layer("1", &csv), layer("2", &csv), layer("3", &csv));
        hidden.visible = false;
        let layers = [&one, &hidden, &three];
        let once = merge_layers(&base, &layers);
        assert_eq!(once.dataset.sites.len(), 12 + 30 + 30);
        assert_eq!(
            once.site_ranges,
            vec![("1".into(), 12..42), ("3".into(), 42..72)]
        );
        assert_eq!(
            once.dataset.sites[12].id.0,
            format!("{}@1", base.sites[0].id.0)
        );
        let layer_activities = one.dataset.activities.len() + three.dataset.activities.len();
        assert!(layer_activities > 0);
        assert_eq!(
            once.dataset.activities.len(),
            base.activities.len() + layer_activities
        );
        for budget in [1, 2, 7, 1000] {
            let mut b = MergeBuilder::default();
            let mut steps = 1;
            while !b.step(&base, &layers, budget) {
                steps += 1;
            }
            assert!(budget > 100 || steps > 10);
            assert_eq!(b.finish(), once, "budget {budget}");
        }
        let none = merge_layers(&Dataset::default(), &[]);
        assert_eq!(none, Merged::default());
    }

    #[test]
    fn activities_follow_a_renamed_site() {
        let base = layer("0", "id,名称,经度,纬度\ns,甲,113.1,23.0\n").dataset;
        let one = layer(
            "1",
            "id,名称,经度,纬度,活动日期,参与人数\ns,乙,113.2,23.0,2024-05-01,30\n",
        );
        let m = merge_layers(&base, &[&one]);
        assert_eq!(m.dataset.activities.len(), 1);
        assert_eq!(
            m.dataset.activities[0].site().map(|s| s.0.as_str()),
            Some("s@1")
        );
    }
}
