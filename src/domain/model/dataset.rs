//! The whole dataset as loaded, the manifest that lists its layer files, and lookups across
//! layers. Lookups are linear scans: fine for one click in the UI; bulk work should build
//! its own index (e.g. with [`Dataset::site_index`]).

use super::{Activity, Region, RegionId, Route, Site, SiteId, Visit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

vocabulary! {
    /// What a layer file holds.
    LayerType {
        Sites = "sites", "地点", "Sites";
        Routes = "routes", "路线", "Routes";
        Regions = "regions", "区域", "Regions";
        Activities = "activities", "活动", "Activities";
        Visits = "visits", "参观人数", "Visit counts";
    }
}

/// One layer of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: LayerType,
    /// File name relative to the manifest, e.g. "sites.geojson".
    pub file: String,
    pub title: String,
    pub title_en: String,
    /// Shown when the map opens.
    pub visible: bool,
    /// Legend order, smallest first.
    pub order: i64,
    /// A sites layer's `sites.points` (`domain::geodata::points`), relative to the manifest:
    /// what the map draws first, before the GeoJSON is read. Optional; ignored when stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<String>,
    /// A routes layer's `routes.lines` (`domain::geodata::lines`), relative to the manifest:
    /// the routes' lines the map draws first, before the GeoJSON is read. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<String>,
}

/// `dataset.json`: the dataset's title and its layers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub title: String,
    pub title_en: String,
    pub layers: Vec<Layer>,
}

impl Manifest {
    /// Layers in legend order.
    pub fn layers_in_order(&self) -> Vec<&Layer> {
        let mut layers: Vec<&Layer> = self.layers.iter().collect();
        layers.sort_by_key(|l| l.order);
        layers
    }
}

/// Everything loaded from a dataset folder (or from a foreign GeoJSON file).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dataset {
    pub sites: Vec<Site>,
    pub routes: Vec<Route>,
    pub regions: Vec<Region>,
    pub activities: Vec<Activity>,
    pub visits: Vec<Visit>,
    pub manifest: Option<Manifest>,
}

impl Dataset {
    /// The site with this id.
    pub fn site(&self, id: &SiteId) -> Option<&Site> {
        self.sites.iter().find(|s| &s.id == id)
    }

    /// The region with this id.
    pub fn region(&self, id: &RegionId) -> Option<&Region> {
        self.regions.iter().find(|r| &r.id == id)
    }

    /// Activities held at this site, in file order.
    pub fn activities_for_site<'a>(&'a self, id: &'a SiteId) -> impl Iterator<Item = &'a Activity> {
        self.activities.iter().filter(move |a| a.site() == Some(id))
    }

    /// Activities tied to this region as a whole (not to one of its sites).
    pub fn activities_for_region<'a>(
        &'a self,
        id: &'a RegionId,
    ) -> impl Iterator<Item = &'a Activity> {
        self.activities
            .iter()
            .filter(move |a| a.region() == Some(id))
    }

    /// Routes that stop at this site.
    pub fn routes_through<'a>(&'a self, id: &'a SiteId) -> impl Iterator<Item = &'a Route> {
        self.routes.iter().filter(move |r| r.stops_at(id))
    }

    /// Visit counts recorded for this site.
    pub fn visits_for_site<'a>(&'a self, id: &'a SiteId) -> impl Iterator<Item = &'a Visit> {
        self.visits.iter().filter(move |v| &v.site == id)
    }

    /// Index of each site id's position in `sites` (the first, if ids repeat).
    pub fn site_index(&self) -> HashMap<&str, usize> {
        let mut index = HashMap::with_capacity(self.sites.len());
        for (i, s) in self.sites.iter().enumerate() {
            index.entry(s.id.as_str()).or_insert(i);
        }
        index
    }

    /// For looking up many site ids (an activity's site each): the same answers as
    /// [`Dataset::site_index`] in 8 bytes a site instead of ~17 (its hash map of 100k ids
    /// took 1.7 MB of wasm memory, built three times at the end of a 100k load, where the
    /// memory peaks), about as fast.
    pub fn site_lookup(&self) -> SiteLookup<'_> {
        let mut keys: Vec<(u32, u32)> = (0..self.sites.len() as u32)
            .map(|i| (id_hash(self.sites[i as usize].id.as_str()), i))
            .collect();
        // By hash, then index: of sites sharing an id, the first comes first.
        keys.sort_unstable();
        SiteLookup {
            sites: &self.sites,
            keys,
        }
    }

    /// The stops of a route as sites, skipping ids that do not resolve.
    pub fn route_stops<'a>(&'a self, route: &'a Route) -> Vec<&'a Site> {
        let ids: Vec<&str> = route.stops.iter().map(SiteId::as_str).collect();
        self.sites_by_ids(&ids)
            .into_iter()
            .flatten()
            .filter_map(|i| self.sites.get(i))
            .collect()
    }

    /// Every route's stops as site indices (`None` where a stop's id does not resolve), in
    /// one pass over the sites: resolved once per load, so that drawing a selected route's
    /// numbered stops does not search the sites every frame.
    pub fn route_stop_indices(&self) -> Vec<Vec<Option<usize>>> {
        let ids: Vec<&str> = self
            .routes
            .iter()
            .flat_map(|r| r.stops.iter().map(SiteId::as_str))
            .collect();
        let mut found = self.sites_by_ids(&ids).into_iter();
        self.routes
            .iter()
            .map(|r| found.by_ref().take(r.stops.len()).collect())
            .collect()
    }

    /// The index of the (first) site with each of these ids, in the order given; `None`
    /// where an id does not resolve. One pass over the sites for a handful of ids (a
    /// route's stops, a trip's), without building an index of every site: at 100k sites,
    /// calling [`Dataset::site`] per stop or [`Dataset::site_index`] per frame cost
    /// hundreds of milliseconds per load and ~20 ms per map frame.
    pub fn sites_by_ids(&self, ids: &[&str]) -> Vec<Option<usize>> {
        if ids.is_empty() {
            return Vec::new();
        }
        let mut wanted: HashMap<&str, Option<usize>> = ids.iter().map(|&id| (id, None)).collect();
        let mut left = wanted.len();
        for (i, site) in self.sites.iter().enumerate() {
            if let Some(slot @ None) = wanted.get_mut(site.id.as_str()) {
                *slot = Some(i);
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
        ids.iter()
            .map(|id| wanted.get(id).copied().flatten())
            .collect()
    }
}

/// Site ids by hash: see [`Dataset::site_lookup`].
pub struct SiteLookup<'a> {
    sites: &'a [Site],
    /// (hash of the id, site index), sorted.
    keys: Vec<(u32, u32)>,
}

fn id_hash(id: &str) -> u32 {
    use std::hash::BuildHasher;
    // Fx alone leaves ids that differ in their last bytes ("syn-site-000001") with equal
    // halves: mixed again (murmur3's finaliser) before half of it is kept.
    let mut h = rustc_hash::FxBuildHasher.hash_one(id);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h as u32
}

impl SiteLookup<'_> {
    /// The index of the (first) site with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        let h = id_hash(id);
        let at = self.keys.partition_point(|&(k, _)| k < h);
        self.keys[at..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .map(|&(_, i)| i as usize)
            .find(|&i| self.sites[i].id.as_str() == id)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_sort_by_order() {
        let layer = |id: &str, order| Layer {
            id: id.into(),
            kind: LayerType::Sites,
            file: format!("{id}.geojson"),
            title: id.into(),
            title_en: id.into(),
            visible: true,
            order,
            points: None,
            lines: None,
        };
        let m = Manifest {
            title: "t".into(),
            title_en: "t".into(),
            layers: vec![layer("b", 2), layer("a", 1)],
        };
        let ids: Vec<&str> = m.layers_in_order().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn empty_dataset_lookups_find_nothing() {
        let d = Dataset::default();
        let id = SiteId::from("x");
        assert!(d.site(&id).is_none());
        assert_eq!(d.activities_for_site(&id).count(), 0);
        assert_eq!(d.routes_through(&id).count(), 0);
    }

    #[test]
    fn route_stop_indices_resolve_each_route_in_order() {
        let mut data = crate::domain::test_data::bundled();
        assert!(data.routes.len() >= 2);
        let first = data.sites[0].id.clone();
        data.routes[0].stops = vec![first.clone(), SiteId::from("no such id"), first];
        data.routes[1].stops.clear();
        let all = data.route_stop_indices();
        assert_eq!(all.len(), data.routes.len());
        assert_eq!(all[0], [Some(0), None, Some(0)]);
        assert!(all[1].is_empty());
        for (route, found) in data.routes.iter().zip(&all).skip(2) {
            let ids: Vec<&str> = route.stops.iter().map(SiteId::as_str).collect();
            assert_eq!(found, &data.sites_by_ids(&ids));
            assert!(found.iter().all(Option::is_some), "bundled stops resolve");
        }
    }

    #[test]
    fn sites_by_ids_finds_the_first_site_of_each_id_in_the_order_asked() {
        let mut data = crate::domain::test_data::bundled();
        let a = data.sites[0].id.as_str().to_owned();
        let b = data.sites[1].id.as_str().to_owned();
        data.sites.push(data.sites[0].clone());
        assert_eq!(
            data.sites_by_ids(&[&b, "no such id", &a, &b]),
            [Some(1), None, Some(0), Some(1)]
        );
        assert!(data.sites_by_ids(&[]).is_empty());
        let route = data.routes[0].clone();
        let slow: Vec<&Site> = route.stops.iter().filter_map(|id| data.site(id)).collect();
        assert_eq!(data.route_stops(&route), slow);
    }

    #[test]
    fn site_lookup_answers_as_the_site_index() {
        let mut data = crate::domain::test_data::bundled();
        data.sites.push(data.sites[3].clone());
        data.sites.push(data.sites[0].clone());
        let (index, lookup) = (data.site_index(), data.site_lookup());
        for s in &data.sites {
            assert_eq!(lookup.get(s.id.as_str()), index.get(s.id.as_str()).copied());
        }
        assert_eq!(lookup.get(data.sites[3].id.as_str()), Some(3));
        assert_eq!(lookup.get("no such id"), None);
        assert!(!lookup.contains_key(""));
    }

    #[test]
    fn site_ids_that_differ_in_their_last_digits_rarely_share_a_hash() {
        let ids: std::collections::HashSet<u32> = (0..100_000)
            .map(|i| id_hash(&format!("syn-site-{i:06}")))
            .collect();
        assert!(
            ids.len() > 99_990,
            "{} distinct hashes of 100000",
            ids.len()
        );
    }
}
