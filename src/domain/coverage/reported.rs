//! Reported vs mapped: for every total a source reports for a region (Zhaoqing's 290 red
//! revolutionary sites), what the map holds in that region and below it, the difference
//! and how complete the map is.
//!
//! Each reported entry is its own row: a region often reports the same measure for
//! different things (Nanhai's 15,418 red activities and, separately, 1,998 school theme
//! activities), and adding such entries up would invent a figure. What counts as the
//! mapped counterpart of each measure is fixed in [`basis_for`], and where nothing in our
//! data matches a measure's meaning the row says "not comparable" instead of a number:
//!
//! | measure | mapped counterpart |
//! |---|---|
//! | sites (红色革命遗址) | sites that are `revolutionary_site` (main kind or further role) |
//! | teaching_points, study_bases, visit_points, lecture_bases | sites of that kind, main or further role |
//! | routes | routes with at least one stop in the region |
//! | activities | activity records (each record once, whatever its sessions) |
//! | lectures, party_days | activity records of type `lecture`, `party_day` |
//! | sessions, participants | not comparable; the sum the records give is shown as "recorded" |
//! | red_resources | not comparable: the reports use it for resources "upgraded" in a campaign, which the data does not record |
//!
//! Why sessions and participants are not compared: a reported person-times or sessions
//! figure is the reach of one programme as a whole (Nanhai's 300,000 person-times are the
//! enterprise lectures'), while activity records are single events of any programme; in
//! the bundled data their sum (524,000, mostly one school lesson) exceeds the report and a
//! "175 % complete" would be false. The records' own sum is kept for display.
//! Counting records (activities, lectures) is conservative instead: a weekly series
//! recorded once counts once, so the map can only look less complete than it is.
//! `same_measure` tells how many entries of one region share a measure (different
//! programmes), since all of them face the same mapped count.

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope};
use crate::domain::model::{
    ActivityType, Dataset, Measure, Qualifier, RegionId, RegionLevel, SiteKind, Source,
};

/// What the mapped figure of a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    SitesOfKind(SiteKind),
    RoutesWithStop,
    ActivityRecords,
    ActivityRecordsOfType(ActivityType),
    SessionsGiven,
    ParticipantsGiven,
}

/// Why a measure has no mapped counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotComparable {
    /// The reports count red resources touched by a campaign; the data has no such mark.
    CampaignSubset,
    /// A programme's total reach (sessions or person-times) against single events: what the
    /// records in the region give is shown, not compared.
    ProgrammeTally {
        /// Sum of the figures the records give.
        recorded: u64,
        /// Records in the region that give no figure.
        without_figure: usize,
    },
}

/// The mapped side of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    Count { value: u64, basis: Basis },
    NotComparable(NotComparable),
}

/// The mapped counterpart of a measure, or why there is none.
pub fn basis_for(measure: Measure) -> Result<Basis, NotComparable> {
    Ok(match measure {
        Measure::Sites => Basis::SitesOfKind(SiteKind::RevolutionarySite),
        Measure::TeachingPoints => Basis::SitesOfKind(SiteKind::TeachingPoint),
        Measure::StudyBases => Basis::SitesOfKind(SiteKind::StudyBase),
        Measure::VisitPoints => Basis::SitesOfKind(SiteKind::VisitPoint),
        Measure::LectureBases => Basis::SitesOfKind(SiteKind::LectureBase),
        Measure::Routes => Basis::RoutesWithStop,
        Measure::Activities => Basis::ActivityRecords,
        Measure::Lectures => Basis::ActivityRecordsOfType(ActivityType::Lecture),
        Measure::PartyDays => Basis::ActivityRecordsOfType(ActivityType::PartyDay),
        Measure::RedResources => return Err(NotComparable::CampaignSubset),
        Measure::Sessions => Basis::SessionsGiven,
        Measure::Participants => Basis::ParticipantsGiven,
    })
}

/// One reported total beside its mapped counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedRow {
    /// Index into `dataset.regions`.
    pub region: usize,
    pub region_id: RegionId,
    pub region_name: String,
    pub region_name_en: String,
    pub level: RegionLevel,
    pub measure: Measure,
    pub reported: u64,
    pub qualifier: Option<Qualifier>,
    pub period: Option<String>,
    pub note: Option<String>,
    pub source: Source,
    pub mapped: Mapped,
    /// Entries of this region with the same measure, this one included (1 = only this).
    pub same_measure: usize,
}

impl ReportedRow {
    /// The reported figure as the source means it: "290", "300+" (over), "≈400" (about).
    pub fn reported_label(&self) -> String {
        qualified(self.reported, self.qualifier)
    }

    /// The mapped figure, if comparable.
    pub fn mapped_value(&self) -> Option<u64> {
        match self.mapped {
            Mapped::Count { value, .. } => Some(value),
            Mapped::NotComparable(_) => None,
        }
    }

    /// `reported - mapped` (negative when the map holds more than the report).
    pub fn difference(&self) -> Option<i64> {
        let mapped = i64::try_from(self.mapped_value()?).ok()?;
        i64::try_from(self.reported).ok().map(|r| r - mapped)
    }

    /// `mapped / reported` (1.0 = complete; may exceed 1); `None` when not comparable or
    /// nothing was reported.
    pub fn completeness(&self) -> Option<f64> {
        let mapped = self.mapped_value()?;
        (self.reported > 0).then(|| mapped as f64 / self.reported as f64)
    }
}

/// A figure with its qualifier: "300+" for over, "≈400" for about.
pub fn qualified(value: u64, qualifier: Option<Qualifier>) -> String {
    match qualifier {
        None => value.to_string(),
        Some(Qualifier::Over) => format!("{value}+"),
        Some(Qualifier::About) => format!("≈{value}"),
    }
}

/// Every reported total of every region, in file order, with its mapped counterpart over
/// the region and everything below it, counting only what is in `scope`.
pub fn reported_vs_mapped(data: &Dataset, index: &CoverageIndex, scope: Scope) -> Vec<ReportedRow> {
    let mut rows = Vec::new();
    for (r, region) in data.regions.iter().enumerate() {
        for rep in &region.reported {
            let mapped = match basis_for(rep.measure) {
                Ok(basis) => mapped(data, index, scope, r, basis),
                Err(why) => Mapped::NotComparable(why),
            };
            let same_measure = region.reported(rep.measure).count();
            rows.push(ReportedRow {
                region: r,
                region_id: region.id.clone(),
                region_name: region.name.clone(),
                region_name_en: region.name_en.clone(),
                level: region.level,
                measure: rep.measure,
                reported: rep.value,
                qualifier: rep.qualifier,
                period: rep.period.clone(),
                note: rep.note.clone(),
                source: rep.source.clone(),
                mapped,
                same_measure,
            });
        }
    }
    rows
}

fn mapped(data: &Dataset, index: &CoverageIndex, scope: Scope, r: usize, basis: Basis) -> Mapped {
    let places = &index.places;
    let site_in = |s: usize| {
        scope.has_site(s) && places.site_region[s].is_some_and(|sr| places.is_within(sr, r))
    };
    let count = |value: usize| Mapped::Count {
        value: value as u64,
        basis,
    };
    match basis {
        Basis::SitesOfKind(kind) => count(
            (0..data.sites.len())
                .filter(|&s| site_in(s) && data.sites[s].is_kind(kind))
                .count(),
        ),
        Basis::RoutesWithStop => count(
            (0..data.routes.len())
                .filter(|&i| scope.has_route(index, i))
                .filter(|&i| index.route_stops[i].iter().any(|&s| site_in(s)))
                .count(),
        ),
        _ => activities(data, index, scope, r, basis),
    }
}

fn activities(
    data: &Dataset,
    index: &CoverageIndex,
    scope: Scope,
    r: usize,
    basis: Basis,
) -> Mapped {
    let mut f = ActivityFigures::default();
    for (i, a) in data.activities.iter().enumerate() {
        let inside = index
            .activity_region(i)
            .is_some_and(|ar| index.places.is_within(ar, r));
        let of_type = match basis {
            Basis::ActivityRecordsOfType(t) => a.kind == t,
            _ => true,
        };
        if inside && of_type && scope.has_activity(index, i) {
            f.add(a);
        }
    }
    let tally = |recorded, without_figure| {
        Mapped::NotComparable(NotComparable::ProgrammeTally {
            recorded,
            without_figure,
        })
    };
    match basis {
        Basis::SessionsGiven => tally(f.sessions, f.sessions_missing),
        Basis::ParticipantsGiven => tally(f.participants, f.participants_missing),
        _ => Mapped::Count {
            value: f.records as u64,
            basis,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::{city, reported};

    fn rows() -> Vec<ReportedRow> {
        let data = city();
        reported_vs_mapped(&data, &CoverageIndex::new(&data), Scope::all())
    }

    #[test]
    fn sites_count_revolutionary_sites_in_the_region_and_below() {
        let rows = rows();
        let sites = &rows[0];
        assert_eq!(
            (sites.region_name.as_str(), sites.measure),
            ("肇庆市", Measure::Sites)
        );
        assert_eq!(sites.mapped_value(), Some(1), "hq, two levels down");
        assert_eq!(sites.difference(), Some(289));
        let c = sites.completeness().expect("ratio");
        assert!((c - 1.0 / 290.0).abs() < 1e-12);
    }

    #[test]
    fn teaching_points_include_further_roles() {
        assert_eq!(rows()[1].mapped_value(), Some(2));
    }

    #[test]
    fn red_resources_are_not_comparable() {
        let row = &rows()[2];
        assert_eq!(
            row.mapped,
            Mapped::NotComparable(NotComparable::CampaignSubset)
        );
        assert_eq!((row.difference(), row.completeness()), (None, None));
    }

    #[test]
    fn qualifier_is_kept_in_the_label() {
        let mut row = rows().remove(0);
        assert_eq!(row.reported_label(), "290");
        row.qualifier = Some(Qualifier::Over);
        assert_eq!(row.reported_label(), "290+");
        row.qualifier = Some(Qualifier::About);
        assert_eq!(row.reported_label(), "≈290");
    }

    #[test]
    fn programme_tallies_are_shown_as_recorded_not_compared() {
        let mut data = city();
        data.regions[2].reported = vec![
            reported(Measure::Participants, 1000),
            reported(Measure::Activities, 10),
            reported(Measure::Activities, 3),
        ];
        let rows = reported_vs_mapped(&data, &CoverageIndex::new(&data), Scope::all());
        let deqing: Vec<&ReportedRow> = rows.iter().filter(|r| r.region == 2).collect();
        // 德庆县 holds one activity (at the admin-only site) and it gives no participants.
        let tally = NotComparable::ProgrammeTally {
            recorded: 0,
            without_figure: 1,
        };
        assert_eq!(deqing[0].mapped, Mapped::NotComparable(tally));
        assert_eq!(
            (deqing[0].difference(), deqing[0].completeness()),
            (None, None)
        );
        assert_eq!(deqing[1].mapped_value(), Some(1));
        assert_eq!(deqing[1].completeness(), Some(0.1));
        assert_eq!((deqing[0].same_measure, deqing[1].same_measure), (1, 2));
    }

    #[test]
    fn zero_reported_has_no_ratio() {
        let mut row = rows().remove(0);
        row.reported = 0;
        assert_eq!(row.completeness(), None);
        assert_eq!(row.difference(), Some(-1));
    }
}
