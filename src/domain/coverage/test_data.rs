//! Small hand-made records for the coverage unit tests (test builds only): a city with two
//! counties and three towns, sites placed by `region` or only by `admin` names.

use crate::domain::model::{
    Activity, ActivityDate, ActivityId, ActivityTarget, ActivityType, AdminPlace, Dataset, LonLat,
    Measure, Precision, Region, RegionGeometry, RegionId, RegionLevel, Reported, Route, RouteId,
    Site, SiteId, SiteKind, Source, TravelMode,
};

pub fn site(id: &str, kind: SiteKind, lon: f64, lat: f64) -> Site {
    Site {
        id: SiteId::from(id),
        position: LonLat::new(lon, lat),
        name: id.to_owned(),
        name_en: String::new(),
        kind,
        also_kinds: Vec::new(),
        admin: AdminPlace::default(),
        admin_en: AdminPlace::default(),
        region: None,
        address: None,
        summary: String::new(),
        summary_en: String::new(),
        themes: Vec::new(),
        themes_en: Vec::new(),
        opening_hours: None,
        booking: None,
        designation: None,
        links: Vec::new(),
        images: Vec::new(),
        precision: Precision::unknown(),
        sources: Default::default(),
        extra: Vec::new(),
    }
}

pub fn in_region(mut s: Site, region: &str) -> Site {
    s.region = Some(RegionId::from(region));
    s
}

pub fn region(id: &str, name: &str, level: RegionLevel, parent: Option<&str>) -> Region {
    Region {
        id: RegionId::from(id),
        name: name.to_owned(),
        name_en: String::new(),
        level,
        parent: parent.map(RegionId::from),
        geometry: None,
        reported: Vec::new(),
        precision: None,
        sources: Default::default(),
    }
}

pub fn at(mut r: Region, lon: f64, lat: f64) -> Region {
    r.geometry = Some(RegionGeometry::Point(LonLat::new(lon, lat)));
    r
}

pub fn reported(measure: Measure, value: u64) -> Reported {
    Reported {
        measure,
        value,
        qualifier: None,
        period: None,
        note: None,
        note_zh: None,
        source: Source {
            doc: "004.txt".into(),
            says: "…".into(),
        },
        members: None,
        entry: 0,
    }
}

/// An activity tied to region "city" (retie with `tie`).
pub fn activity(
    id: &str,
    date: &str,
    sessions: Option<u64>,
    participants: Option<u64>,
) -> Activity {
    Activity {
        id: ActivityId::from(id),
        target: ActivityTarget::Region(RegionId::from("city")),
        date: ActivityDate::parse(date).unwrap_or(ActivityDate::Month { y: 2000, m: 1 }),
        recurrence: None,
        kind: ActivityType::Lecture,
        title: id.to_owned(),
        title_en: String::new(),
        sessions,
        participants,
        participants_qualifier: None,
        organiser: None,
        note: None,
        sources: Default::default(),
    }
}

pub fn at_site(mut a: Activity, site: &str) -> Activity {
    a.target = ActivityTarget::Site(SiteId::from(site));
    a
}

pub fn route(id: &str, stops: &[&str]) -> Route {
    Route {
        id: RouteId::from(id),
        name: id.to_owned(),
        name_en: String::new(),
        theme: String::new(),
        theme_en: String::new(),
        stops: stops.iter().map(|s| SiteId::from(*s)).collect(),
        mode: TravelMode::Unknown,
        description: String::new(),
        description_en: String::new(),
        date: None,
        path: Vec::new(),
        sources: Default::default(),
        extra: Vec::new(),
    }
}

/// 肇庆市 (city, no province record) > 端州区, 德庆县 > towns 德城街道, 高良镇 (德庆)
/// and 城区 (端州); sites: two by region reference, one only by admin names, one nowhere.
pub fn city() -> Dataset {
    let mut zq = at(
        region("city", "肇庆市", RegionLevel::City, None),
        112.46,
        23.05,
    );
    zq.reported = vec![
        reported(Measure::Sites, 290),
        reported(Measure::TeachingPoints, 35),
        reported(Measure::RedResources, 14),
    ];
    let mut admin_only = site("admin-only", SiteKind::Memorial, 111.94, 23.28);
    admin_only.admin = AdminPlace {
        province: Some("广东省".into()),
        city: Some("肇庆市".into()),
        county: Some("德庆县".into()),
        town: Some("高良镇".into()),
    };
    let mut hq = in_region(
        site("hq", SiteKind::RevolutionarySite, 112.46, 23.05),
        "duanzhou",
    );
    hq.also_kinds = vec![SiteKind::TeachingPoint];
    hq.admin.province = Some("广东省".into());
    Dataset {
        regions: vec![
            zq,
            at(
                region("duanzhou", "端州区", RegionLevel::County, Some("city")),
                112.46,
                23.05,
            ),
            at(
                region("deqing", "德庆县", RegionLevel::County, Some("city")),
                111.78,
                23.14,
            ),
            at(
                region("decheng", "德城街道", RegionLevel::Town, Some("deqing")),
                111.78,
                23.14,
            ),
            at(
                region("gaoliang", "高良镇", RegionLevel::Town, Some("deqing")),
                111.94,
                23.28,
            ),
            at(
                region("chengqu", "城区", RegionLevel::Town, Some("duanzhou")),
                112.47,
                23.06,
            ),
        ],
        sites: vec![
            hq,
            in_region(site("tp", SiteKind::TeachingPoint, 111.78, 23.14), "deqing"),
            admin_only,
            site("nowhere", SiteKind::Other, 106.0, 27.0),
        ],
        activities: vec![
            at_site(activity("a1", "2021-03-31", Some(2), Some(100)), "hq"),
            at_site(activity("a2", "2021-05", None, None), "admin-only"),
            activity("a3", "2021-03-01", Some(60), None),
        ],
        routes: vec![route("r1", &["hq", "tp"]), route("r2", &["gone"])],
        ..Dataset::default()
    }
}
