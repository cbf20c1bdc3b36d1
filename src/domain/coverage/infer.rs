//! Filling the levels a region chain lacks above its top (the bundled 肇庆市 has no
//! province record) from the `admin` names of the sites inside it, only when every site
//! that names that level names the same place. Inference happens at the top of each chain
//! and is copied down, so a region and everything below it always share one prefix (the
//! breakdown tree then has one node per region, never two).

use super::places::{admin_names, slot, Interner, Places};
use crate::domain::model::Dataset;

/// What the sites under one top region say about one level.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Vote<'a> {
    Nothing,
    One(&'a str),
    Conflict,
}

impl<'a> Vote<'a> {
    fn add(self, name: &'a str) -> Self {
        match self {
            Vote::Nothing => Vote::One(name),
            Vote::One(n) if n == name => self,
            _ => Vote::Conflict,
        }
    }
}

/// Fills the missing coarse levels of every region path from its sites' admin names.
pub(super) fn fill_from_sites(places: &mut Places, data: &Dataset, interner: &mut Interner) {
    let n = data.regions.len();
    let top: Vec<usize> = (0..n)
        .map(|r| places.chain(r).last().unwrap_or(r))
        .collect();
    let mut votes: Vec<[Vote; 4]> = vec![[Vote::Nothing; 4]; n];
    for (site, region) in data.sites.iter().zip(&places.site_region) {
        let Some(r) = *region else { continue };
        let t = top[r];
        let top_slot = slot(data.regions[t].level);
        for (s, name) in admin_names(site).iter().enumerate().take(top_slot) {
            if let Some(name) = name {
                votes[t][s] = votes[t][s].add(name);
            }
        }
    }
    for (r, &t) in top.iter().enumerate() {
        for (s, vote) in votes[t].iter().enumerate() {
            if let (Vote::One(name), None) = (vote, places.region_paths[r].names[s]) {
                places.region_paths[r].names[s] = Some(interner.id(name));
            }
        }
    }
}
