//! The loaded dataset with the user's imported layers added after it, so that the map,
//! search, filters, details and the dashboard treat imported records like the rest. The
//! base records keep their indices (a selection or a trip stays valid); each layer's sites
//! are one contiguous range after them. An imported id that is already taken (by the base
//! data or an earlier layer) gets the layer id as a suffix, with its activities and route
//! stops following it.
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

/// `base` followed by every visible layer of `layers`.
pub fn merge_layers(base: &Dataset, layers: &[&ImportLayer]) -> Merged {
    let mut out = base.clone();
    let mut site_ids: HashSet<String> = out.sites.iter().map(|s| s.id.0.clone()).collect();
    let mut route_ids: HashSet<String> = out.routes.iter().map(|r| r.id.0.clone()).collect();
    let mut ranges = Vec::new();
    for layer in layers.iter().filter(|l| l.visible) {
        let start = out.sites.len();
        let mut renamed: HashMap<String, String> = HashMap::new();
        for site in &layer.dataset.sites {
            let mut site = site.clone();
            let id = free_id(&site.id.0, &layer.id, &mut site_ids);
            if id != site.id.0 {
                renamed.insert(site.id.0.clone(), id.clone());
                site.id = SiteId(id);
            }
            out.sites.push(site);
        }
        let rename = |id: &SiteId| {
            renamed
                .get(&id.0)
                .map_or_else(|| id.clone(), |n| SiteId(n.clone()))
        };
        for route in &layer.dataset.routes {
            let mut route = route.clone();
            route.id = RouteId(free_id(&route.id.0, &layer.id, &mut route_ids));
            route.stops = route.stops.iter().map(rename).collect();
            out.routes.push(route);
        }
        for activity in &layer.dataset.activities {
            let mut activity = activity.clone();
            if let ActivityTarget::Site(id) = &activity.target {
                activity.target = ActivityTarget::Site(rename(id));
            }
            out.activities.push(activity);
        }
        ranges.push((layer.id.clone(), start..out.sites.len()));
    }
    Merged {
        dataset: out,
        site_ranges: ranges,
    }
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
