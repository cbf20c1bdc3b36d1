//! A planned trip: its title, day, start time, optional latest end, travel mode and ordered
//! stops (site ids with an optional dwell time; `None` means "the default for the kind").
//! Editing operations never panic on a bad index: they do nothing and say so.

use super::travel::Mode;
use crate::domain::model::{Date, SiteId};

/// One stop of a trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TripStop {
    pub site: SiteId,
    /// Minutes at the stop; `None` uses `default_dwell_min` of the site's kind.
    pub dwell_min: Option<u32>,
}

impl TripStop {
    pub fn new(site: SiteId) -> Self {
        TripStop {
            site,
            dwell_min: None,
        }
    }
}

/// A day's trip. `start_min`/`end_min` are minutes since the day's midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    pub title: String,
    pub date: Option<Date>,
    pub start_min: u32,
    /// The time the day must end by (e.g. the coach home); warned of when passed.
    pub end_min: Option<u32>,
    pub mode: Mode,
    pub stops: Vec<TripStop>,
}

/// A trip starts at 09:00 by default.
pub const DEFAULT_START_MIN: u32 = 9 * 60;

impl Default for Trip {
    fn default() -> Self {
        Trip {
            title: String::new(),
            date: None,
            start_min: DEFAULT_START_MIN,
            end_min: None,
            mode: Mode::default(),
            stops: Vec::new(),
        }
    }
}

impl Trip {
    pub fn is_empty(&self) -> bool {
        self.stops.is_empty()
    }

    pub fn contains(&self, site: &SiteId) -> bool {
        self.stops.iter().any(|s| &s.site == site)
    }

    /// Adds a site at the end; false (and no change) if it is already a stop.
    pub fn add(&mut self, site: SiteId) -> bool {
        if self.contains(&site) {
            return false;
        }
        self.stops.push(TripStop::new(site));
        true
    }

    /// Adds each site not yet a stop, in order; returns how many were added.
    pub fn add_all<I: IntoIterator<Item = SiteId>>(&mut self, sites: I) -> usize {
        sites.into_iter().filter(|s| self.add(s.clone())).count()
    }

    /// Adds a route's stops (as `add_all`); a trip that had no stops takes the route's
    /// travel `mode` too (`RouteSummary::mode`), so that it says what the route's card says
    /// (a new trip walks, route 1's card assumes a coach: walked, its day ended 01:46 the
    /// next morning). A trip with stops keeps the mode its teacher chose.
    pub fn add_route<I: IntoIterator<Item = SiteId>>(&mut self, sites: I, mode: Mode) -> usize {
        if self.stops.is_empty() {
            self.mode = mode;
        }
        self.add_all(sites)
    }

    /// Removes the stop of this site; false if it was not a stop.
    pub fn remove_site(&mut self, site: &SiteId) -> bool {
        let before = self.stops.len();
        self.stops.retain(|s| &s.site != site);
        self.stops.len() != before
    }

    /// Removes stop `i`; false if there is none.
    pub fn remove(&mut self, i: usize) -> bool {
        (i < self.stops.len())
            .then(|| self.stops.remove(i))
            .is_some()
    }

    /// Moves stop `from` to position `to` (the others shift); false if either is out of range.
    pub fn move_stop(&mut self, from: usize, to: usize) -> bool {
        if from >= self.stops.len() || to >= self.stops.len() {
            return false;
        }
        let stop = self.stops.remove(from);
        self.stops.insert(to, stop);
        true
    }

    /// Puts the stops in `order` (indices into the current stops); refuses anything that is
    /// not a permutation, so a stale order can never drop or duplicate a stop.
    pub fn reorder(&mut self, order: &[usize]) -> bool {
        let n = self.stops.len();
        let mut seen = vec![false; n];
        let is_permutation = order.len() == n
            && order
                .iter()
                .all(|&i| i < n && !std::mem::replace(&mut seen[i], true));
        if is_permutation {
            self.stops = order.iter().map(|&i| self.stops[i].clone()).collect();
        }
        is_permutation
    }

    pub fn set_dwell(&mut self, i: usize, dwell_min: Option<u32>) {
        if let Some(stop) = self.stops.get_mut(i) {
            stop.dwell_min = dwell_min;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trip(ids: &[&str]) -> Trip {
        let mut t = Trip::default();
        t.add_all(ids.iter().map(|&s| SiteId::from(s)));
        t
    }

    fn ids(t: &Trip) -> Vec<&str> {
        t.stops.iter().map(|s| s.site.as_str()).collect()
    }

    #[test]
    fn add_skips_duplicates_and_remove_by_site_or_index() {
        let mut t = trip(&["a", "b"]);
        assert!(!t.add(SiteId::from("a")));
        assert_eq!(t.add_all(["b", "c"].map(SiteId::from)), 1);
        assert!(t.remove_site(&SiteId::from("b")));
        assert!(!t.remove(7));
        assert!(t.remove(0));
        assert_eq!(ids(&t), ["c"]);
    }

    #[test]
    fn moves_and_reorders_keep_every_stop() {
        let mut t = trip(&["a", "b", "c", "d"]);
        assert!(t.move_stop(0, 2));
        assert_eq!(ids(&t), ["b", "c", "a", "d"]);
        assert!(t.move_stop(3, 0));
        assert_eq!(ids(&t), ["d", "b", "c", "a"]);
        assert!(!t.move_stop(4, 0));
        assert!(t.reorder(&[3, 2, 1, 0]));
        assert_eq!(ids(&t), ["a", "c", "b", "d"]);
        for bad in [&[0, 1, 2][..], &[0, 0, 1, 2], &[0, 1, 2, 9]] {
            assert!(!t.reorder(bad));
        }
        assert_eq!(ids(&t), ["a", "c", "b", "d"]);
    }

    #[test]
    fn dwell_is_set_per_stop() {
        let mut t = trip(&["a"]);
        t.set_dwell(0, Some(20));
        t.set_dwell(5, Some(20));
        assert_eq!(t.stops[0].dwell_min, Some(20));
    }
}
