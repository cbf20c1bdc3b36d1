//! What the coverage figures need from a dataset, built once per data load: the place of
//! every site and region ([`Places`]), where each activity is tied, the sites each route
//! stops at. Then [`Scope`] says which records the current filters let through.
//!
//! Owns no borrow of the dataset, so the UI can keep it beside the data in a signal;
//! every query takes the same `&Dataset` it was built from.

use super::imported::ImportedIndex;
use super::places::Places;
use super::trie::PlaceTrie;
use crate::domain::model::{ActivityTarget, Dataset};
use rustc_hash::FxHashMap as FxMap;

/// Where an activity is tied: a site (index), a region (index), or an id that resolves to
/// nothing in the data (counted in the totals, placed nowhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tied {
    Site(usize),
    Region(usize),
    Nowhere,
}

/// The dataset's cross references, resolved once.
#[derive(Debug, Clone)]
pub struct CoverageIndex {
    pub places: Places,
    /// The place tree, with each site's and region's nodes.
    pub trie: PlaceTrie,
    /// Per activity.
    pub activity_tied: Vec<Tied>,
    /// Per route: the site indices of the stops that resolve, in order.
    pub route_stops: Vec<Vec<usize>>,
    /// Which records come from the user's imported layers.
    pub imported: ImportedIndex,
}

impl CoverageIndex {
    pub fn new(data: &Dataset) -> Self {
        // The site index, as Dataset::site_index builds it, with the faster hasher.
        let mut sites: FxMap<&str, usize> =
            FxMap::with_capacity_and_hasher(data.sites.len(), Default::default());
        for (i, s) in data.sites.iter().enumerate() {
            sites.entry(s.id.as_str()).or_insert(i);
        }
        let mut regions: FxMap<&str, usize> =
            FxMap::with_capacity_and_hasher(data.regions.len(), Default::default());
        for (i, r) in data.regions.iter().enumerate() {
            regions.entry(r.id.as_str()).or_insert(i);
        }
        let activity_tied = data
            .activities
            .iter()
            .map(|a| match &a.target {
                ActivityTarget::Site(id) => sites.get(id.as_str()).map(|&i| Tied::Site(i)),
                ActivityTarget::Region(id) => regions.get(id.as_str()).map(|&i| Tied::Region(i)),
            })
            .map(|t| t.unwrap_or(Tied::Nowhere))
            .collect();
        let route_stops = data
            .routes
            .iter()
            .map(|r| {
                let stops = r.stops.iter().filter_map(|id| sites.get(id.as_str()));
                stops.copied().collect()
            })
            .collect();
        let places = Places::new(data);
        CoverageIndex {
            trie: PlaceTrie::new(&places),
            places,
            activity_tied,
            route_stops,
            imported: ImportedIndex::new(data),
        }
    }

    /// The deepest region an activity belongs to (its site's region, or its own).
    pub fn activity_region(&self, a: usize) -> Option<usize> {
        match self.activity_tied.get(a)? {
            Tied::Site(s) => self.places.site_region.get(*s).copied().flatten(),
            Tied::Region(r) => Some(*r),
            Tied::Nowhere => None,
        }
    }
}

/// Which records the figures cover. A mask entry `false` leaves the record out; a mask
/// shorter than the list lets the rest through (as the map's `Shown` does).
///
/// An activity held at a site is left out with its site; one tied to a region stays in
/// unless the activity mask says otherwise. A route counts when any of its stops is in,
/// or when it has no stop that resolves (it cannot be filtered by sites).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub sites: Option<&'a [bool]>,
    pub activities: Option<&'a [bool]>,
    /// Routes left out on their own (imported routes, see `Published`); a route in this
    /// mask still needs a stop in scope.
    pub routes: Option<&'a [bool]>,
}

impl<'a> Scope<'a> {
    /// Everything.
    pub fn all() -> Self {
        Scope::default()
    }

    /// The sites the filters let through.
    pub fn sites(mask: Option<&'a [bool]>) -> Self {
        Scope {
            sites: mask,
            activities: None,
            routes: None,
        }
    }

    pub fn has_site(&self, i: usize) -> bool {
        self.sites.is_none_or(|m| m.get(i).copied().unwrap_or(true))
    }

    pub fn has_activity(&self, index: &CoverageIndex, a: usize) -> bool {
        let own = self
            .activities
            .is_none_or(|m| m.get(a).copied().unwrap_or(true));
        own && match index.activity_tied.get(a) {
            Some(Tied::Site(s)) => self.has_site(*s),
            _ => true,
        }
    }

    pub fn has_route(&self, index: &CoverageIndex, r: usize) -> bool {
        if self
            .routes
            .is_some_and(|m| !m.get(r).copied().unwrap_or(true))
        {
            return false;
        }
        match index.route_stops.get(r) {
            Some(stops) if !stops.is_empty() => stops.iter().any(|&s| self.has_site(s)),
            _ => true,
        }
    }
}
