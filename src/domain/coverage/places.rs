//! Where each site and each region sits in the province → city → county → town tree.
//!
//! A place path is one name per level (any level may be unknown). A region's path comes
//! from its `parent` chain; levels the chain lacks above it (the bundled cities have no
//! province record) are taken from the `admin` fields of its sites when they all agree.
//! A site is placed in the deepest region that both its `region` reference and its `admin`
//! names allow (a site of 南海区 with `admin.town` 西樵镇 lands in 西樵镇); levels below
//! its region that no region covers come from `admin` when it agrees with the region
//! chain. An explicit `region` reference wins over `admin` names that contradict it.
//!
//! Names are interned (`u32`) so that 100k paths cost no string copies. Depends only on
//! the model.

use crate::domain::model::{Dataset, RegionLevel, Site};
use rustc_hash::FxHashMap as FxMap;

/// Levels from coarse to fine; a path's slot `i` is level `LEVELS[i]`.
pub const LEVELS: [RegionLevel; 4] = [
    RegionLevel::Province,
    RegionLevel::City,
    RegionLevel::County,
    RegionLevel::Town,
];

/// The slot of a level in a path.
pub fn slot(level: RegionLevel) -> usize {
    match level {
        RegionLevel::Province => 0,
        RegionLevel::City => 1,
        RegionLevel::County => 2,
        RegionLevel::Town => 3,
    }
}

/// One interned name per level, and the region record behind each level when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PlacePath {
    pub names: [Option<u32>; 4],
    pub regions: [Option<u32>; 4],
}

impl PlacePath {
    /// No level known.
    pub fn is_empty(&self) -> bool {
        self.names.iter().all(Option::is_none)
    }
}

/// Region chains and the place of every site, computed once per dataset.
#[derive(Debug, Clone)]
pub struct Places {
    names: Vec<String>,
    /// Per region: its ancestors, nearest first (cycle-safe).
    ancestors: Vec<Vec<usize>>,
    /// Per region: its path.
    pub region_paths: Vec<PlacePath>,
    /// Per site: its path.
    pub site_paths: Vec<PlacePath>,
    /// Per site: the deepest region it belongs to.
    pub site_region: Vec<Option<usize>>,
}

impl Places {
    pub fn new(data: &Dataset) -> Self {
        let mut interner = Interner::default();
        let index: FxMap<&str, usize> = region_index(data);
        let ancestors: Vec<Vec<usize>> = (0..data.regions.len())
            .map(|r| chain(data, &index, r))
            .collect();
        let by_name = names_by_level(data);
        let mut places = Places {
            names: Vec::new(),
            region_paths: Vec::new(),
            site_paths: Vec::new(),
            site_region: Vec::with_capacity(data.sites.len()),
            ancestors,
        };
        // Sites of one town share their region and admin names: resolve each combination once.
        type Key<'d> = (Option<&'d str>, [Option<&'d str>; 4]);
        let mut resolved: FxMap<Key, Option<usize>> = FxMap::default();
        for site in &data.sites {
            let key = (site.region.as_ref().map(|r| r.as_str()), admin_names(site));
            let r = match resolved.get(&key) {
                Some(r) => *r,
                None => *resolved
                    .entry(key)
                    .or_insert_with(|| places.resolve(data, &index, &by_name, site)),
            };
            places.site_region.push(r);
        }
        let region_paths = (0..data.regions.len())
            .map(|r| places.region_path(data, r, &mut interner))
            .collect();
        places.region_paths = region_paths;
        super::infer::fill_from_sites(&mut places, data, &mut interner);
        let mut paths: FxMap<(Option<usize>, [Option<&str>; 4]), PlacePath> = FxMap::default();
        let site_paths = data
            .sites
            .iter()
            .zip(&places.site_region)
            .map(|(s, r)| {
                let key = (*r, admin_names(s));
                match paths.get(&key) {
                    Some(p) => *p,
                    None => *paths
                        .entry(key)
                        .or_insert_with(|| places.site_path(s, *r, &by_name, &mut interner)),
                }
            })
            .collect();
        places.site_paths = site_paths;
        places.names = interner.names;
        places
    }

    /// The text of an interned name.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// Region `r` and its ancestors, nearest first.
    pub fn chain(&self, r: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(r).chain(self.ancestors.get(r).into_iter().flatten().copied())
    }

    /// Whether `r` is `ancestor` or lies below it.
    pub fn is_within(&self, r: usize, ancestor: usize) -> bool {
        self.chain(r).any(|a| a == ancestor)
    }

    fn resolve(
        &self,
        data: &Dataset,
        index: &FxMap<&str, usize>,
        by_name: &FxMap<(usize, &str), Vec<usize>>,
        site: &Site,
    ) -> Option<usize> {
        let base = site
            .region
            .as_ref()
            .and_then(|id| index.get(id.as_str()).copied());
        let admin = admin_names(site);
        // Finest admin name first: the first region it names that fits `base` wins.
        for s in (0..4).rev() {
            let Some(name) = admin[s] else { continue };
            let fits: Vec<usize> = by_name
                .get(&(s, name))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&c| self.agrees(data, c, &admin))
                .filter(|&c| base.is_none_or(|b| self.is_within(c, b) || self.is_within(b, c)))
                .collect();
            if let [c] = fits[..] {
                return Some(match base {
                    Some(b) if self.is_within(b, c) => b,
                    _ => c,
                });
            }
        }
        base
    }

    /// Whether region `r`'s chain names agree with the admin names where both are given.
    fn agrees(&self, data: &Dataset, r: usize, admin: &[Option<&str>; 4]) -> bool {
        self.chain(r).all(|a| {
            let region = &data.regions[a];
            admin[slot(region.level)].is_none_or(|n| n == region.name)
        })
    }

    fn region_path(&self, data: &Dataset, r: usize, interner: &mut Interner) -> PlacePath {
        let mut path = PlacePath::default();
        for a in self.chain(r) {
            let region = &data.regions[a];
            let s = slot(region.level);
            if path.names[s].is_none() {
                path.names[s] = Some(interner.id(&region.name));
                path.regions[s] = Some(a as u32);
            }
        }
        path
    }

    /// The region's path, with the admin names below it when they agree with it and do not
    /// name a region record elsewhere (that would be a contradiction, not a detail).
    fn site_path(
        &self,
        site: &Site,
        region: Option<usize>,
        by_name: &FxMap<(usize, &str), Vec<usize>>,
        interner: &mut Interner,
    ) -> PlacePath {
        let admin = admin_names(site);
        let Some(r) = region else {
            let mut path = PlacePath::default();
            for (s, name) in admin.iter().enumerate() {
                path.names[s] = name.map(|n| interner.id(n));
            }
            return path;
        };
        let mut path = self.region_paths[r];
        let agrees = (0..4).all(|s| match (path.names[s], admin[s]) {
            (Some(id), Some(n)) => self.name_of(interner, id) == n,
            _ => true,
        });
        let finest = (0..4).rev().find(|&s| path.names[s].is_some()).unwrap_or(0);
        if agrees {
            for (s, name) in admin.iter().enumerate().skip(finest + 1) {
                let elsewhere = name.is_some_and(|n| by_name.contains_key(&(s, n)));
                if !elsewhere {
                    path.names[s] = name.map(|n| interner.id(n));
                }
            }
        }
        path
    }

    fn name_of<'a>(&self, interner: &'a Interner, id: u32) -> &'a str {
        interner.names.get(id as usize).map_or("", String::as_str)
    }
}

/// The admin names of a site by slot, blanks treated as unknown.
pub(super) fn admin_names(site: &Site) -> [Option<&str>; 4] {
    let a = &site.admin;
    [&a.province, &a.city, &a.county, &a.town]
        .map(|n| n.as_deref().map(str::trim).filter(|n| !n.is_empty()))
}

fn region_index(data: &Dataset) -> FxMap<&str, usize> {
    let mut index = FxMap::with_capacity_and_hasher(data.regions.len(), Default::default());
    for (i, r) in data.regions.iter().enumerate() {
        index.entry(r.id.as_str()).or_insert(i);
    }
    index
}

fn names_by_level(data: &Dataset) -> FxMap<(usize, &str), Vec<usize>> {
    let mut map: FxMap<(usize, &str), Vec<usize>> = FxMap::default();
    for (i, r) in data.regions.iter().enumerate() {
        map.entry((slot(r.level), r.name.as_str()))
            .or_default()
            .push(i);
    }
    map
}

/// Ancestors of region `r`, nearest first, stopping at a missing parent or a cycle.
fn chain(data: &Dataset, index: &FxMap<&str, usize>, r: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = r;
    while let Some(p) = data.regions[at]
        .parent
        .as_ref()
        .and_then(|id| index.get(id.as_str()))
    {
        if *p == r || out.contains(p) {
            break;
        }
        out.push(*p);
        at = *p;
    }
    out
}

/// Interns names so that paths are small and `Copy`.
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub names: Vec<String>,
    ids: FxMap<String, u32>,
}

impl Interner {
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::{city, in_region, region, site};
    use crate::domain::model::{RegionId, SiteKind};

    fn names(p: &Places, path: &PlacePath) -> Vec<String> {
        path.names
            .iter()
            .map(|n| n.map_or("-".into(), |id| p.name(id).to_owned()))
            .collect()
    }

    #[test]
    fn region_reference_and_admin_names_give_the_deepest_fitting_region() {
        let data = city();
        let p = Places::new(&data);
        assert_eq!(p.site_region, vec![Some(1), Some(2), Some(4), None]);
        assert_eq!(
            names(&p, &p.site_paths[2]),
            ["广东省", "肇庆市", "德庆县", "高良镇"]
        );
        assert_eq!(
            names(&p, &p.region_paths[0]),
            ["广东省", "肇庆市", "-", "-"]
        );
        assert!(p.site_paths[3].is_empty());
        assert!(p.is_within(4, 0) && !p.is_within(0, 4));
    }

    #[test]
    fn admin_town_refines_a_county_reference_but_never_contradicts_it() {
        let mut data = city();
        let mut refine = in_region(site("refine", SiteKind::Other, 111.9, 23.2), "deqing");
        refine.admin.town = Some("高良镇".into());
        let mut clash = in_region(site("clash", SiteKind::Other, 112.4, 23.0), "duanzhou");
        clash.admin.town = Some("高良镇".into()); // a town of 德庆县, not of 端州区
        clash.admin.county = Some("端州区".into());
        data.sites = vec![refine, clash];
        let p = Places::new(&data);
        assert_eq!(p.site_region, vec![Some(4), Some(1)]);
        // The clashing town name is not copied below 端州区 either.
        assert_eq!(names(&p, &p.site_paths[1])[3], "-");
    }

    #[test]
    fn admin_levels_below_the_region_fill_in_when_they_agree() {
        let mut data = city();
        let mut s = in_region(site("s", SiteKind::Other, 112.4, 23.0), "duanzhou");
        s.admin.city = Some("肇庆市".into());
        s.admin.town = Some("黄岗街道".into()); // no region record
        data.sites = vec![s];
        let p = Places::new(&data);
        assert_eq!(
            names(&p, &p.site_paths[0]),
            ["-", "肇庆市", "端州区", "黄岗街道"]
        );
    }

    #[test]
    fn ambiguous_town_names_need_the_county_and_cycles_stop() {
        let mut data = city();
        data.regions.push(region(
            "other-gl",
            "高良镇",
            RegionLevel::Town,
            Some("duanzhou"),
        ));
        let mut s = site("s", SiteKind::Other, 111.9, 23.2);
        s.admin.town = Some("高良镇".into());
        data.sites = vec![s.clone()];
        assert_eq!(
            Places::new(&data).site_region,
            vec![None],
            "two 高良镇: undecided"
        );
        s.admin.county = Some("德庆县".into());
        data.sites = vec![s];
        assert_eq!(Places::new(&data).site_region, vec![Some(4)]);
        data.regions[0].parent = Some(RegionId::from("decheng")); // a cycle
        let p = Places::new(&data);
        assert!(p.chain(4).count() <= data.regions.len());
    }
}
