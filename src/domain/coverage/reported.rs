//! Reported vs mapped: for every total a source reports for a region (Nanhai's 6 red
//! study bases), what the map holds of it, the difference and how complete the map is.
//!
//! Each reported entry is its own row: a region often reports the same measure for
//! different things (Nanhai's 15,418 red activities and, separately, 1,998 school theme
//! activities), and adding such entries up would invent a figure.
//!
//! The mapped figure counts only what the data says belongs to the total:
//!
//! - the entry lists `members` (records the source names as part of the total, each with
//!   its quote): mapped = the members the map holds, in scope and (sites, activities) in the
//!   region ([`Basis::Named`]); `members: []` says the data holds none of them
//!   ([`Basis::NoneInData`]);
//! - no `members`, and the region holds no record that could be one (no route with a stop
//!   there, no activity record, no site): mapped = 0, certainly ([`Basis::NoneInRegion`]);
//! - otherwise, no `members`: **not comparable** ([`NotComparable::Unnamed`]): the report does not
//!   say which places it counts, so a site of the right kind may or may not be one of them
//!   (南海丝厂蚕桑织造技艺研学基地 is a study base, but not one of the 6 the district named).
//!   How many records of the kind are there is kept as context, never as the mapped
//!   figure. Even none of the kind is not a certain 0: the kinds are ours, taken from news
//!   reports, and a site may serve as what a report counts without being labelled so.
//!
//! | measure | records of its kind ([`Candidates`]) |
//! |---|---|
//! | sites (红色革命遗址) | sites that are `revolutionary_site` (main kind or further role) |
//! | teaching_points, study_bases, visit_points, lecture_bases | sites of that kind, main or further role |
//! | red_resources | any site |
//! | routes | routes with at least one stop in the region |
//! | activities | activity records (each record once, whatever its sessions) |
//! | lectures, party_days | activity records of type `lecture`, `party_day` |
//! | sessions, participants | not comparable: the sum the records give is shown as "recorded" |
//!
//! Why sessions and participants are not compared: a reported person-times or sessions
//! figure is the reach of one programme as a whole (Nanhai's 300,000 person-times are the
//! enterprise lectures'), while activity records are single events of any programme; in
//! the bundled data their sum (524,000, mostly one school lesson) exceeds the report and a
//! "175 % complete" would be false. The records' own sum is kept for display.
//! `same_measure` tells how many entries of one region share a measure (different
//! programmes).

use super::figures::ActivityFigures;
use super::index::{CoverageIndex, Scope};
use crate::domain::model::{
    ActivityType, Dataset, Measure, MemberKind, Qualifier, RegionId, RegionLevel, SiteKind, Source,
};
use std::collections::HashMap;

/// The records of a measure's kind: what could be one of the records a total counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidates {
    SitesOfKind(SiteKind),
    AnySite,
    RoutesWithStop,
    ActivityRecords,
    ActivityRecordsOfType(ActivityType),
}

/// What the mapped figure of a comparable row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The records the report names as part of the total that the map holds.
    Named(Candidates),
    /// The data says it holds none of the records the total counts (`members: []`).
    NoneInData(Candidates),
    /// The report names none, and the region holds no record that could be one: no route
    /// with a stop there, no activity record, no site at all. (Not used for kinds and
    /// activity types: those labels are ours, and a site may be what a report counts
    /// without being labelled so.)
    NoneInRegion(Candidates),
}

impl Candidates {
    /// Whether every record that could be counted is among these whatever our labels say.
    fn unlabelled(self) -> bool {
        matches!(
            self,
            Candidates::AnySite | Candidates::RoutesWithStop | Candidates::ActivityRecords
        )
    }
}

/// Why a reported figure has no mapped counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotComparable {
    /// The report does not say which records it counts, and `count` records of its kind
    /// are on the map in the region: any of them may or may not be one of them.
    Unnamed { candidates: Candidates, count: u64 },
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

/// The records of a measure's kind; `None` for the programme tallies (sessions,
/// participants), which count no records.
pub fn candidates_for(measure: Measure) -> Option<Candidates> {
    Some(match measure {
        Measure::Sites => Candidates::SitesOfKind(SiteKind::RevolutionarySite),
        Measure::TeachingPoints => Candidates::SitesOfKind(SiteKind::TeachingPoint),
        Measure::StudyBases => Candidates::SitesOfKind(SiteKind::StudyBase),
        Measure::VisitPoints => Candidates::SitesOfKind(SiteKind::VisitPoint),
        Measure::LectureBases => Candidates::SitesOfKind(SiteKind::LectureBase),
        Measure::RedResources => Candidates::AnySite,
        Measure::Routes => Candidates::RoutesWithStop,
        Measure::Activities => Candidates::ActivityRecords,
        Measure::Lectures => Candidates::ActivityRecordsOfType(ActivityType::Lecture),
        Measure::PartyDays => Candidates::ActivityRecordsOfType(ActivityType::PartyDay),
        Measure::Sessions | Measure::Participants => return None,
    })
}

/// A record the data holds, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Site(usize),
    Route(usize),
    Activity(usize),
}

/// Whether a named member counts in the mapped figure, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    Counted,
    /// The id names no record of the measure's kind (an error of the file).
    NotInData,
    /// The member has no quote (an error of the file).
    Unquoted,
    /// Left out by the current filters.
    Filtered,
    /// The record lies outside the region (a warning of the file).
    OutsideRegion,
    /// Named twice: the first counts.
    Repeated,
}

/// A record the report names as part of a total, as the map holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub id: String,
    pub says: String,
    pub record: Option<Record>,
    /// The record's name (title for an activity); the id when it is not in the data.
    pub name: String,
    /// Its English name, empty when the data has none.
    pub name_en: String,
    pub status: MemberStatus,
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
    pub note_zh: Option<String>,
    pub source: Source,
    pub mapped: Mapped,
    /// The records the source names as part of the total (empty when it names none).
    pub members: Vec<MemberRow>,
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

    /// The difference as the reported figure is meant: "≈399" when the report says about
    /// 400, "299+" when it says over 300 (a bare "399" would claim an exact count).
    pub fn difference_label(&self) -> Option<String> {
        let n = super::format::group_signed(self.difference()?);
        Some(match self.qualifier {
            None => n,
            Some(Qualifier::About) => format!("≈{n}"),
            Some(Qualifier::Over) => format!("{n}+"),
        })
    }

    /// The completeness as the reported figure allows: "≈0.3%" (about), "≤0.3%" (over: the
    /// real total is larger, so the share is at most this).
    pub fn completeness_label(&self) -> Option<String> {
        let p = super::format::percent(self.completeness()?);
        Some(match self.qualifier {
            None => p,
            Some(Qualifier::About) => format!("≈{p}"),
            Some(Qualifier::Over) => format!("≤{p}"),
        })
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
    let mut ids: Option<Ids> = None;
    let mut rows = Vec::new();
    for (r, region) in data.regions.iter().enumerate() {
        for rep in &region.reported {
            let at = At {
                data,
                index,
                scope,
                r,
            };
            let (mapped, members) = match (candidates_for(rep.measure), &rep.members) {
                (None, _) => (tally(&at, rep.measure), Vec::new()),
                (Some(c), Some(named)) => {
                    let ids = ids.get_or_insert_with(|| Ids::new(data));
                    let members = members(&at, ids, rep.measure, named);
                    let value = members
                        .iter()
                        .filter(|m| m.status == MemberStatus::Counted)
                        .count();
                    let basis = if named.is_empty() {
                        Basis::NoneInData(c)
                    } else {
                        Basis::Named(c)
                    };
                    let mapped = Mapped::Count {
                        value: value as u64,
                        basis,
                    };
                    (mapped, members)
                }
                (Some(c), None) => {
                    // Even with nothing of the kind on the map this is not a certain 0: the
                    // kinds are ours, from news reports (阅江楼 holds weekly lectures and
                    // may well be one of Zhaoqing's teaching points).
                    let count = at.candidates(c);
                    let mapped = if count == 0 && c.unlabelled() {
                        Mapped::Count {
                            value: 0,
                            basis: Basis::NoneInRegion(c),
                        }
                    } else {
                        Mapped::NotComparable(NotComparable::Unnamed {
                            candidates: c,
                            count,
                        })
                    };
                    (mapped, Vec::new())
                }
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
                note_zh: rep.note_zh.clone(),
                source: rep.source.clone(),
                mapped,
                members,
                same_measure,
            });
        }
    }
    rows
}

/// Site, route and activity indices by id, built once, when some entry names members.
struct Ids<'a> {
    sites: crate::domain::model::SiteLookup<'a>,
    routes: HashMap<&'a str, usize>,
    activities: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    fn new(data: &'a Dataset) -> Self {
        let mut routes = HashMap::new();
        for (i, r) in data.routes.iter().enumerate() {
            routes.entry(r.id.as_str()).or_insert(i);
        }
        let mut activities = HashMap::new();
        for (i, a) in data.activities.iter().enumerate() {
            activities.entry(a.id.as_str()).or_insert(i);
        }
        Ids {
            sites: data.site_lookup(),
            routes,
            activities,
        }
    }
}

/// One region's view of the data in scope.
struct At<'a> {
    data: &'a Dataset,
    index: &'a CoverageIndex,
    scope: Scope<'a>,
    r: usize,
}

impl At<'_> {
    fn site_inside(&self, s: usize) -> bool {
        let places = &self.index.places;
        places.site_region[s].is_some_and(|sr| places.is_within(sr, self.r))
    }

    fn activity_inside(&self, a: usize) -> bool {
        self.index
            .activity_region(a)
            .is_some_and(|ar| self.index.places.is_within(ar, self.r))
    }

    fn route_inside(&self, i: usize) -> bool {
        self.index.route_stops[i]
            .iter()
            .any(|&s| self.scope.has_site(s) && self.site_inside(s))
    }

    /// Records of the kind in the region and in scope.
    fn candidates(&self, c: Candidates) -> u64 {
        let (data, scope) = (self.data, self.scope);
        let n = match c {
            Candidates::SitesOfKind(_) | Candidates::AnySite => (0..data.sites.len())
                .filter(|&s| scope.has_site(s) && self.site_inside(s))
                .filter(|&s| match c {
                    Candidates::SitesOfKind(k) => data.sites[s].is_kind(k),
                    _ => true,
                })
                .count(),
            Candidates::RoutesWithStop => (0..data.routes.len())
                .filter(|&i| scope.has_route(self.index, i) && self.route_inside(i))
                .count(),
            Candidates::ActivityRecords | Candidates::ActivityRecordsOfType(_) => {
                (0..data.activities.len())
                    .filter(|&i| scope.has_activity(self.index, i) && self.activity_inside(i))
                    .filter(|&i| match c {
                        Candidates::ActivityRecordsOfType(t) => data.activities[i].kind == t,
                        _ => true,
                    })
                    .count()
            }
        };
        n as u64
    }
}

/// The named members of an entry, each with its record and whether it counts.
fn members(
    at: &At,
    ids: &Ids,
    measure: Measure,
    named: &[crate::domain::model::Member],
) -> Vec<MemberRow> {
    let data = at.data;
    let mut out: Vec<MemberRow> = Vec::with_capacity(named.len());
    for m in named {
        let record = match measure.member_kind() {
            Some(MemberKind::Site) => ids.sites.get(&m.id).map(Record::Site),
            Some(MemberKind::Route) => ids.routes.get(m.id.as_str()).map(|&i| Record::Route(i)),
            Some(MemberKind::Activity) => ids
                .activities
                .get(m.id.as_str())
                .map(|&i| Record::Activity(i)),
            None => None,
        };
        let (name, name_en) = match record {
            Some(Record::Site(s)) => (data.sites[s].name.clone(), data.sites[s].name_en.clone()),
            Some(Record::Route(i)) => (data.routes[i].name.clone(), data.routes[i].name_en.clone()),
            Some(Record::Activity(i)) => (
                data.activities[i].title.clone(),
                data.activities[i].title_en.clone(),
            ),
            None => (m.id.clone(), String::new()),
        };
        let status = if !m.usable() {
            MemberStatus::Unquoted
        } else if out.iter().any(|o| o.id == m.id) {
            MemberStatus::Repeated
        } else {
            match record {
                None => MemberStatus::NotInData,
                Some(Record::Site(s)) if !at.scope.has_site(s) => MemberStatus::Filtered,
                Some(Record::Site(s)) if !at.site_inside(s) => MemberStatus::OutsideRegion,
                Some(Record::Route(i)) if !at.scope.has_route(at.index, i) => {
                    MemberStatus::Filtered
                }
                Some(Record::Activity(i)) if !at.scope.has_activity(at.index, i) => {
                    MemberStatus::Filtered
                }
                Some(Record::Activity(i)) if !at.activity_inside(i) => MemberStatus::OutsideRegion,
                Some(_) => MemberStatus::Counted,
            }
        };
        out.push(MemberRow {
            id: m.id.clone(),
            says: m.says.clone(),
            record,
            name,
            name_en,
            status,
        });
    }
    out
}

/// Sessions and participants: the sum the region's records in scope give, not compared.
fn tally(at: &At, measure: Measure) -> Mapped {
    let mut f = ActivityFigures::default();
    for (i, a) in at.data.activities.iter().enumerate() {
        if at.activity_inside(i) && at.scope.has_activity(at.index, i) {
            f.add(a);
        }
    }
    let (recorded, without_figure) = match measure {
        Measure::Participants => (f.participants, f.participants_missing),
        _ => (f.sessions, f.sessions_missing),
    };
    Mapped::NotComparable(NotComparable::ProgrammeTally {
        recorded,
        without_figure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::{city, reported, route};
    use crate::domain::model::Member;

    fn rows_of(data: &Dataset) -> Vec<ReportedRow> {
        reported_vs_mapped(data, &CoverageIndex::new(data), Scope::all())
    }

    fn rows() -> Vec<ReportedRow> {
        rows_of(&city())
    }

    fn named(ids: &[&str]) -> Option<Vec<Member>> {
        Some(
            ids.iter()
                .map(|id| Member {
                    id: (*id).into(),
                    says: format!("…{id}等…"),
                })
                .collect(),
        )
    }

    #[test]
    fn without_members_a_total_with_candidates_on_the_map_is_not_comparable() {
        // 肇庆市 reports 290 sites and names none; hq (two levels down) is a revolutionary
        // site: it may or may not be one of the 290.
        let rows = rows();
        let sites = &rows[0];
        assert_eq!(
            (sites.region_name.as_str(), sites.measure),
            ("肇庆市", Measure::Sites)
        );
        let unnamed = NotComparable::Unnamed {
            candidates: Candidates::SitesOfKind(SiteKind::RevolutionarySite),
            count: 1,
        };
        assert_eq!(sites.mapped, Mapped::NotComparable(unnamed));
        assert_eq!(
            (
                sites.mapped_value(),
                sites.difference(),
                sites.completeness()
            ),
            (None, None, None)
        );
        assert!(sites.members.is_empty());
        // Teaching points count further roles as candidates: hq and tp.
        match rows[1].mapped {
            Mapped::NotComparable(NotComparable::Unnamed { count, .. }) => assert_eq!(count, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn without_members_nothing_of_the_kind_here_is_not_a_certain_zero() {
        let mut data = city();
        data.regions[0].reported = vec![
            reported(Measure::StudyBases, 6),
            reported(Measure::PartyDays, 25_169),
        ];
        let rows = rows_of(&data);
        assert_eq!(
            rows[0].mapped,
            Mapped::NotComparable(NotComparable::Unnamed {
                candidates: Candidates::SitesOfKind(SiteKind::StudyBase),
                count: 0
            })
        );
        assert_eq!((rows[0].difference(), rows[0].completeness()), (None, None));
        assert_eq!(
            rows[1].mapped_value(),
            None,
            "no party day recorded: still not a 0"
        );
    }

    #[test]
    fn a_qualified_report_gives_a_qualified_difference_and_share() {
        let mut data = city();
        data.regions[0].reported = vec![reported(Measure::Routes, 400)];
        data.regions[0].reported[0].members = Some(vec![]);
        let mut about = rows_of(&data).remove(0);
        about.qualifier = Some(Qualifier::About);
        about.mapped = Mapped::Count {
            value: 1,
            basis: Basis::Named(Candidates::RoutesWithStop),
        };
        assert_eq!(about.difference_label().as_deref(), Some("≈399"));
        assert_eq!(about.completeness_label().as_deref(), Some("≈0.3%"));
        let mut over = about.clone();
        over.qualifier = Some(Qualifier::Over);
        over.reported = 300;
        assert_eq!(over.difference_label().as_deref(), Some("299+"));
        assert_eq!(over.completeness_label().as_deref(), Some("≤0.3%"));
        over.qualifier = None;
        assert_eq!(over.difference_label().as_deref(), Some("299"));
    }

    #[test]
    fn named_members_count_when_on_the_map_in_the_region_and_in_scope() {
        let mut data = city();
        data.regions[0].reported[0].members = named(&["hq", "tp", "gone", "nowhere", "hq"]);
        let rows = rows_of(&data);
        let row = &rows[0];
        let basis = Basis::Named(Candidates::SitesOfKind(SiteKind::RevolutionarySite));
        assert_eq!(row.mapped, Mapped::Count { value: 2, basis });
        assert_eq!(row.difference(), Some(288));
        let status: Vec<(&str, MemberStatus)> = row
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.status))
            .collect();
        assert_eq!(
            status,
            [
                ("hq", MemberStatus::Counted),
                ("tp", MemberStatus::Counted),
                ("gone", MemberStatus::NotInData),
                ("nowhere", MemberStatus::OutsideRegion),
                ("hq", MemberStatus::Repeated),
            ]
        );
        assert_eq!(row.members[0].record, Some(Record::Site(0)));
        // Filtered out: not counted, and said so.
        let index = CoverageIndex::new(&data);
        let mask = [false, true, true, true];
        let filtered = reported_vs_mapped(&data, &index, Scope::sites(Some(&mask)));
        assert_eq!(filtered[0].mapped_value(), Some(1));
        assert_eq!(filtered[0].members[0].status, MemberStatus::Filtered);
    }

    #[test]
    fn an_unquoted_member_is_not_counted() {
        let mut data = city();
        let mut members = named(&["hq"]).unwrap_or_default();
        members[0].says = " ".into();
        data.regions[0].reported[0].members = Some(members);
        let row = rows_of(&data).remove(0);
        assert_eq!(row.mapped_value(), Some(0));
        assert_eq!(row.members[0].status, MemberStatus::Unquoted);
    }

    #[test]
    fn empty_members_say_the_data_holds_none_of_them() {
        let mut data = city();
        data.regions[0].reported = vec![reported(Measure::Routes, 7)];
        data.regions[0].reported[0].members = Some(vec![]);
        let row = rows_of(&data).remove(0);
        let basis = Basis::NoneInData(Candidates::RoutesWithStop);
        assert_eq!(row.mapped, Mapped::Count { value: 0, basis });
        assert_eq!(row.completeness(), Some(0.0));
    }

    #[test]
    fn routes_and_activities_are_named_by_their_own_ids() {
        let mut data = city();
        data.routes.push(route("r3", &["tp"]));
        data.regions[2].reported = vec![
            reported(Measure::Routes, 4),
            reported(Measure::Activities, 3),
            reported(Measure::Lectures, 5),
        ];
        data.regions[2].reported[0].members = named(&["r1", "a2"]);
        data.regions[2].reported[1].members = named(&["a2", "hq"]);
        let rows: Vec<ReportedRow> = rows_of(&data)
            .into_iter()
            .filter(|r| r.region == 2)
            .collect();
        // r1 stops in 德庆 (tp); "a2" is an activity, not a route.
        assert_eq!(rows[0].mapped_value(), Some(1));
        assert_eq!(rows[0].members[1].status, MemberStatus::NotInData);
        // a2 is held at the admin-only site in 高良镇 (德庆); "hq" is a site.
        assert_eq!(rows[1].mapped_value(), Some(1));
        assert_eq!(rows[1].members[0].record, Some(Record::Activity(1)));
        assert_eq!(rows[1].members[1].status, MemberStatus::NotInData);
        // Lectures, no members: the lecture a2 is a candidate.
        let unnamed = NotComparable::Unnamed {
            candidates: Candidates::ActivityRecordsOfType(ActivityType::Lecture),
            count: 1,
        };
        assert_eq!(rows[2].mapped, Mapped::NotComparable(unnamed));
    }

    #[test]
    fn red_resources_compare_through_their_members() {
        let mut data = city();
        let row = &rows_of(&data)[2];
        assert_eq!(row.measure, Measure::RedResources);
        // 4 sites of any kind are placed in 肇庆 (3) … the nowhere one is not.
        let unnamed = NotComparable::Unnamed {
            candidates: Candidates::AnySite,
            count: 3,
        };
        assert_eq!(row.mapped, Mapped::NotComparable(unnamed));
        data.regions[0].reported[2].members = named(&["admin-only"]);
        let row = &rows_of(&data)[2];
        assert_eq!(row.mapped_value(), Some(1));
        assert_eq!(row.difference(), Some(13));
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
        // The activity totals name nothing and one record is there: not comparable.
        assert_eq!(deqing[1].mapped_value(), None);
        assert_eq!((deqing[0].same_measure, deqing[1].same_measure), (1, 2));
    }

    #[test]
    fn zero_reported_has_no_ratio() {
        let mut data = city();
        data.regions[0].reported[0].members = named(&["hq"]);
        let mut row = rows_of(&data).remove(0);
        row.reported = 0;
        assert_eq!(row.completeness(), None);
        assert_eq!(row.difference(), Some(-1));
    }
}
