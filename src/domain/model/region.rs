//! Regions (districts, counties, cities, towns) with the totals the sources report for them,
//! so that coverage can show "reported vs mapped" without inventing per-site figures.

use super::{LonLat, Precision, Qualifier, RegionId, Source, Sources};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// Administrative level. A district (区) counts as county level.
    RegionLevel {
        Province = "province", "省", "Province";
        City = "city", "市", "City";
        County = "county", "区/县", "County or district";
        Town = "town", "镇/街道", "Town or subdistrict";
    }
}

vocabulary! {
    /// What a reported total counts.
    Measure {
        Sites = "sites", "红色革命遗址", "Red revolutionary sites";
        RedResources = "red_resources", "红色资源", "Red resources";
        Routes = "routes", "路线", "Routes";
        TeachingPoints = "teaching_points", "现场教学点", "Teaching points";
        StudyBases = "study_bases", "研学基地", "Study bases";
        VisitPoints = "visit_points", "参观点", "Visit points";
        LectureBases = "lecture_bases", "宣讲示范基地", "Lecture bases";
        Activities = "activities", "活动(场)", "Activities";
        Sessions = "sessions", "场次", "Sessions";
        Participants = "participants", "人次", "Participants (person-times)";
        PartyDays = "party_days", "主题党日", "Theme party days";
        Lectures = "lectures", "宣讲/党课", "Lectures";
    }
}

/// One total a source reports for a region, e.g. Zhaoqing's 290 red revolutionary sites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reported {
    pub measure: Measure,
    pub value: u64,
    pub qualifier: Option<Qualifier>,
    /// When the total applies, as the source puts it (e.g. "2021", "by 2022-08").
    pub period: Option<String>,
    /// What exactly is counted, in plain words.
    pub note: Option<String>,
    /// The same in Chinese, for the Chinese UI.
    #[serde(default)]
    pub note_zh: Option<String>,
    pub source: Source,
    /// The records (sites, routes or activities, by the measure) that the source names as
    /// part of this total, each with the passage of `source.doc` that names it. `None`: the
    /// source does not say which records it counts; `Some([])`: the data holds none of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<Member>>,
    /// Where the entry is in the file's `reported` list (entries that failed to load are
    /// left out of `Region::reported`), so that issues found later point at the right one.
    #[serde(skip)]
    pub entry: usize,
}

/// A record a source names as part of a reported total, e.g. 中共南海县委旧址 among
/// Nanhai's 6 red study bases ("命名了中共南海县委旧址等6个红色研学基地").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// A site, route or activity id, by the measure.
    pub id: String,
    /// The passage of the entry's `source.doc` that names the record as part of the total.
    pub says: String,
}

impl Member {
    /// Has an id and a quote: only such a member is counted (one without is an error of
    /// the file, kept in place so that later members keep their paths).
    pub fn usable(&self) -> bool {
        !self.id.trim().is_empty() && !self.says.trim().is_empty()
    }
}

/// Which kind of record a measure's members are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    Site,
    Route,
    Activity,
}

impl Measure {
    /// The kind of record that can be counted in this measure's total; `None` for the
    /// programme tallies (sessions, participants), which count no records.
    pub fn member_kind(self) -> Option<MemberKind> {
        match self {
            Measure::Sites
            | Measure::RedResources
            | Measure::TeachingPoints
            | Measure::StudyBases
            | Measure::VisitPoints
            | Measure::LectureBases => Some(MemberKind::Site),
            Measure::Routes => Some(MemberKind::Route),
            Measure::Activities | Measure::Lectures | Measure::PartyDays => {
                Some(MemberKind::Activity)
            }
            Measure::Sessions | Measure::Participants => None,
        }
    }
}

/// A region's shape: a point where no outline is available, else polygons
/// (each a list of rings, outer ring first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RegionGeometry {
    Point(LonLat),
    Area(Vec<Vec<Vec<LonLat>>>),
}

impl RegionGeometry {
    /// A representative point: the point itself, or the centre of the outer rings' box.
    pub fn centre(&self) -> Option<LonLat> {
        match self {
            RegionGeometry::Point(p) => Some(*p),
            RegionGeometry::Area(polygons) => {
                let outer = polygons.iter().filter_map(|rings| rings.first()).flatten();
                let mut bbox: Option<(LonLat, LonLat)> = None;
                for p in outer {
                    let (lo, hi) = bbox.get_or_insert((*p, *p));
                    lo.lon = lo.lon.min(p.lon);
                    lo.lat = lo.lat.min(p.lat);
                    hi.lon = hi.lon.max(p.lon);
                    hi.lat = hi.lat.max(p.lat);
                }
                bbox.map(|(lo, hi)| LonLat {
                    lon: (lo.lon + hi.lon) / 2.0,
                    lat: (lo.lat + hi.lat) / 2.0,
                })
            }
        }
    }
}

/// A district, county, city or town profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: RegionId,
    pub name: String,
    pub name_en: String,
    pub level: RegionLevel,
    pub parent: Option<RegionId>,
    /// `None` for an unlocated region (GeoJSON `"geometry": null`): the sources give no
    /// position for it, and none is made up.
    pub geometry: Option<RegionGeometry>,
    pub reported: Vec<Reported>,
    pub precision: Option<Precision>,
    pub sources: Sources,
}

impl Region {
    /// The reported totals for one measure (a source may give several, e.g. two passages).
    pub fn reported(&self, measure: Measure) -> impl Iterator<Item = &Reported> {
        self.reported.iter().filter(move |r| r.measure == measure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_centre_is_the_box_centre() {
        let ring = vec![
            LonLat { lon: 0.0, lat: 0.0 },
            LonLat { lon: 2.0, lat: 0.0 },
            LonLat { lon: 2.0, lat: 4.0 },
            LonLat { lon: 0.0, lat: 0.0 },
        ];
        let c = RegionGeometry::Area(vec![vec![ring]])
            .centre()
            .expect("centre");
        assert_eq!((c.lon, c.lat), (1.0, 2.0));
        assert_eq!(RegionGeometry::Area(vec![]).centre(), None);
    }
}
