//! The headline figures over the records in scope, and the breakdowns that need no tree:
//! sites by kind and activities by type.
//!
//! A site counts once, under its main kind, in `sites` and `by_kind[..].main`; the
//! `any_role` column also counts sites that have the kind as a further role, and the
//! teaching-points headline is that column for `teaching_point` (a former site used as a
//! teaching point is one).

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope};
use crate::domain::model::{ActivityType, Dataset, SiteKind};

/// Sites of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindCount {
    pub kind: SiteKind,
    /// Sites whose main kind this is.
    pub main: usize,
    /// Sites with this kind as main kind or further role.
    pub any_role: usize,
}

/// Activity records of one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeFigures {
    pub kind: ActivityType,
    pub figures: ActivityFigures,
}

/// The dashboard's headline numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub sites: usize,
    /// Every kind in legend order, zeros included (a stable table).
    pub by_kind: Vec<KindCount>,
    pub routes: usize,
    /// Sites that are teaching points, as main kind or further role.
    pub teaching_points: usize,
    pub activities: ActivityFigures,
    /// Activity types with at least one record, in vocabulary order.
    pub by_type: Vec<TypeFigures>,
}

/// Counts what is in scope.
pub fn totals(data: &Dataset, index: &CoverageIndex, scope: Scope) -> Totals {
    let mut main = [0usize; SiteKind::ALL.len()];
    let mut any = [0usize; SiteKind::ALL.len()];
    let mut sites = 0;
    for (i, s) in data.sites.iter().enumerate() {
        if !scope.has_site(i) {
            continue;
        }
        sites += 1;
        main[kind_slot(s.kind)] += 1;
        any[kind_slot(s.kind)] += 1;
        for k in s.also_kinds.iter().filter(|&&k| k != s.kind) {
            any[kind_slot(*k)] += 1;
        }
    }
    let by_kind: Vec<KindCount> = SiteKind::ALL
        .iter()
        .map(|&kind| KindCount {
            kind,
            main: main[kind_slot(kind)],
            any_role: any[kind_slot(kind)],
        })
        .collect();
    let (activities, by_type) = activity_totals(data, index, scope);
    Totals {
        sites,
        teaching_points: any[kind_slot(SiteKind::TeachingPoint)],
        by_kind,
        routes: (0..data.routes.len())
            .filter(|&r| scope.has_route(index, r))
            .count(),
        activities,
        by_type,
    }
}

fn activity_totals(
    data: &Dataset,
    index: &CoverageIndex,
    scope: Scope,
) -> (ActivityFigures, Vec<TypeFigures>) {
    let mut all = ActivityFigures::default();
    let mut by_type = [ActivityFigures::default(); ActivityType::ALL.len()];
    for (i, a) in data.activities.iter().enumerate() {
        if scope.has_activity(index, i) {
            all.add(a);
            by_type[type_slot(a.kind)].add(a);
        }
    }
    let rows = ActivityType::ALL
        .iter()
        .map(|&kind| TypeFigures {
            kind,
            figures: by_type[type_slot(kind)],
        })
        .filter(|t| t.figures.records > 0)
        .collect();
    (all, rows)
}

fn kind_slot(kind: SiteKind) -> usize {
    SiteKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

fn type_slot(kind: ActivityType) -> usize {
    ActivityType::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::city;

    #[test]
    fn counts_sites_routes_teaching_points_and_activities() {
        let data = city();
        let index = CoverageIndex::new(&data);
        let t = totals(&data, &index, Scope::all());
        assert_eq!((t.sites, t.routes, t.teaching_points), (4, 2, 2));
        let tp = t.by_kind.iter().find(|k| k.kind == SiteKind::TeachingPoint);
        assert_eq!(tp.map(|k| (k.main, k.any_role)), Some((1, 2)));
        assert_eq!(t.by_kind.len(), SiteKind::ALL.len());
        assert_eq!(t.by_kind.iter().map(|k| k.main).sum::<usize>(), 4);
        assert_eq!(t.activities.records, 3);
        assert_eq!(
            (t.activities.sessions, t.activities.sessions_missing),
            (62, 1)
        );
        assert_eq!(
            (t.activities.participants, t.activities.participants_missing),
            (100, 2)
        );
        assert_eq!(t.by_type.len(), 1);
        assert_eq!(t.by_type[0].kind, ActivityType::Lecture);
    }

    #[test]
    fn a_site_mask_leaves_out_sites_their_activities_and_routes() {
        let data = city();
        let index = CoverageIndex::new(&data);
        // Only "tp" in: hq's activity goes, the region activity stays; r1 still stops at
        // tp, r2 has no stop that resolves and cannot be filtered.
        let mask = [false, true, false, false];
        let t = totals(&data, &index, Scope::sites(Some(&mask)));
        assert_eq!((t.sites, t.routes, t.teaching_points), (1, 2, 1));
        assert_eq!(t.activities.records, 1);
        let none = [false; 4];
        let t = totals(&data, &index, Scope::sites(Some(&none)));
        assert_eq!((t.sites, t.routes), (0, 1));
    }

    #[test]
    fn an_activity_mask_applies_on_top() {
        let data = city();
        let index = CoverageIndex::new(&data);
        let acts = [true, false, false];
        let scope = Scope {
            activities: Some(&acts),
            ..Scope::default()
        };
        assert_eq!(totals(&data, &index, scope).activities.records, 1);
    }

    #[test]
    fn empty_dataset_gives_zeros() {
        let data = Dataset::default();
        let t = totals(&data, &CoverageIndex::new(&data), Scope::all());
        assert_eq!((t.sites, t.routes, t.activities.records), (0, 0, 0));
        assert!(t.by_type.is_empty());
    }
}
