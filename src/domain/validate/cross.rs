//! Cross-file checks on an assembled [`Dataset`]: ids unique across all layers, references
//! (route stops, activity and visit targets, site regions, region parents) resolve, sites
//! lie in or near their region, route lines pass their stops. Issues point at the file and
//! record each value came from, through [`Origins`].

use super::{distance_m, plausible_region_radius_m, point_in_polygon, unknown_value};
use super::{DataIssue, Origins, Severity};
use crate::domain::model::{
    ActivityTarget, Dataset, Measure, MemberKind, RegionGeometry, RegionId, Site, SiteKind,
};
use std::collections::HashMap;

/// Cross-file checks, assuming the bundled file names and records in file order.
pub fn check_dataset(data: &Dataset) -> Vec<DataIssue> {
    check_dataset_with(data, &Origins::default())
}

/// Cross-file checks with issue paths from `origins`.
pub fn check_dataset_with(data: &Dataset, origins: &Origins) -> Vec<DataIssue> {
    let mut out = Vec::new();
    unique_ids(data, origins, &mut out);
    references(data, origins, &mut out);
    sites_in_regions(data, origins, &mut out);
    routes_pass_stops(data, origins, &mut out);
    reported_members(data, origins, &mut out);
    out
}

fn unique_ids(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    let origins = [&o.sites, &o.routes, &o.regions, &o.activities, &o.visits];
    let counts = [
        data.sites.len(),
        data.routes.len(),
        data.regions.len(),
        data.activities.len(),
        data.visits.len(),
    ];
    let id = |layer: usize, i: usize| match layer {
        0 => data.sites[i].id.as_str(),
        1 => data.routes[i].id.as_str(),
        2 => data.regions[i].id.as_str(),
        3 => data.activities[i].id.as_str(),
        _ => data.visits[i].id.as_str(),
    };
    // Record `g` of all layers in order: its layer and its index there.
    let record = |g: u32| {
        let mut i = g as usize;
        let mut layer = 0;
        while layer < counts.len() - 1 && i >= counts[layer] {
            i -= counts[layer];
            layer += 1;
        }
        (layer, i)
    };
    // Every id with its record, sorted: equal ids lie together, the first use first. (A map
    // of every id took 9 MB of wasm memory at 100k sites and 175k activities, at the end of
    // the load, where it set the memory peak; this list takes 3 MB.)
    let mut all: Vec<(&str, u32)> = (0..counts.len())
        .flat_map(|layer| (0..counts[layer]).map(move |i| id(layer, i)))
        .zip(0u32..)
        .collect();
    all.sort_unstable();
    let mut duplicates: Vec<(u32, u32)> = all
        .chunk_by(|a, b| a.0 == b.0)
        .flat_map(|run| run[1..].iter().map(move |&(_, g)| (g, run[0].1)))
        .collect();
    drop(all);
    // Reported in record order; the location text is only formatted for a duplicate
    // (formatting it for every record cost 0.8 s at 100k sites).
    duplicates.sort_unstable();
    for (g, first) in duplicates {
        let ((layer, i), (first_layer, j)) = (record(g), record(first));
        let first_origin = origins[first_layer];
        let at = format!("{} {}", first_origin.file, first_origin.path(j, "id"));
        let message = format!("duplicate id \"{}\" (first used at {at})", id(layer, i));
        out.push(origins[layer].issue(Severity::Error, i, "id", message));
    }
}

fn references(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    let sites = data.site_lookup();
    let regions: HashMap<&str, usize> = positions(data.regions.iter().map(|x| x.id.as_str()));
    // Hints scan every id; skip them for huge layers so one bad file cannot stall the check.
    let site_ids: Vec<&str> = if data.sites.len() <= 5_000 {
        data.sites.iter().map(|s| s.id.as_str()).collect()
    } else {
        vec![]
    };
    let region_ids: Vec<&str> = data.regions.iter().map(|r| r.id.as_str()).collect();
    let site_ref = |id: &str| unknown_value("site", id, &site_ids);
    let region_ref = |id: &str| unknown_value("region", id, &region_ids);
    for (i, route) in data.routes.iter().enumerate() {
        for (j, stop) in route.stops.iter().enumerate() {
            if !sites.contains_key(stop.as_str()) {
                out.push(o.routes.issue(
                    Severity::Error,
                    i,
                    &format!("stops[{j}]"),
                    site_ref(stop.as_str()),
                ));
            }
        }
    }
    for (i, a) in data.activities.iter().enumerate() {
        match &a.target {
            ActivityTarget::Site(id) if !sites.contains_key(id.as_str()) => {
                out.push(
                    o.activities
                        .issue(Severity::Error, i, "site", site_ref(id.as_str())),
                );
            }
            ActivityTarget::Region(id) if !regions.contains_key(id.as_str()) => {
                out.push(
                    o.activities
                        .issue(Severity::Error, i, "region", region_ref(id.as_str())),
                );
            }
            _ => {}
        }
    }
    for (i, v) in data.visits.iter().enumerate() {
        if !sites.contains_key(v.site.as_str()) {
            out.push(
                o.visits
                    .issue(Severity::Error, i, "site", site_ref(v.site.as_str())),
            );
        }
    }
    for (i, s) in data.sites.iter().enumerate() {
        if let Some(r) = s
            .region
            .as_ref()
            .filter(|r| !regions.contains_key(r.as_str()))
        {
            out.push(
                o.sites
                    .issue(Severity::Error, i, "region", region_ref(r.as_str())),
            );
        }
    }
    for (i, r) in data.regions.iter().enumerate() {
        if let Some(p) = r
            .parent
            .as_ref()
            .filter(|p| !regions.contains_key(p.as_str()))
        {
            out.push(
                o.regions
                    .issue(Severity::Error, i, "parent", region_ref(p.as_str())),
            );
        }
    }
}

fn sites_in_regions(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    let regions: HashMap<&str, usize> = positions(data.regions.iter().map(|x| x.id.as_str()));
    for (i, site) in data.sites.iter().enumerate() {
        let Some(region) = site
            .region
            .as_ref()
            .and_then(|r| regions.get(r.as_str()))
            .map(|&k| &data.regions[k])
        else {
            continue;
        };
        if let Some(message) = region_mismatch(site, &region.geometry, region.level) {
            let message = format!("{message} {} ({})", region.name, region.id);
            out.push(o.sites.issue(Severity::Warning, i, "region", message));
        }
    }
}

/// Why a site looks misplaced for its region, if it does.
fn region_mismatch(
    site: &Site,
    geometry: &Option<RegionGeometry>,
    level: crate::domain::model::RegionLevel,
) -> Option<String> {
    match geometry.as_ref()? {
        RegionGeometry::Area(polygons) => {
            let inside = polygons
                .iter()
                .any(|rings| point_in_polygon(site.position, rings));
            (!inside).then(|| "site lies outside the outline of its region".to_owned())
        }
        RegionGeometry::Point(p) => {
            let d = distance_m(site.position, *p);
            let limit = plausible_region_radius_m(level) + site.precision.ring_radius_m();
            (d > limit).then(|| {
                format!(
                    "site lies {:.0} km from the point of its region",
                    d / 1000.0
                )
            })
        }
    }
}

/// A drawn route should pass within 1 km of each stop's site; a line that does not is
/// probably stale after a site moved, or its stops are out of order.
fn routes_pass_stops(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    const NEAR_M: f64 = 1_000.0;
    if data.routes.is_empty() {
        return;
    }
    let sites = data.site_lookup();
    for (i, route) in data.routes.iter().enumerate() {
        let vertices: Vec<_> = route.path.iter().flatten().copied().collect();
        if vertices.is_empty() {
            continue;
        }
        for (j, stop) in route.stops.iter().enumerate() {
            let Some(site) = sites.get(stop.as_str()).map(|k| &data.sites[k]) else {
                continue;
            };
            let near = vertices
                .iter()
                .any(|v| distance_m(*v, site.position) <= NEAR_M);
            if !near {
                let message = format!("route line does not pass within 1 km of stop \"{stop}\"");
                out.push(
                    o.routes
                        .issue(Severity::Warning, i, &format!("stops[{j}]"), message),
                );
            }
        }
    }
}

/// The members of reported totals (`regions.geojson reported[].members`): each id names a
/// record of the kind the measure counts (an error if not, or if it names nothing), which
/// lies in the region (a warning if it lies elsewhere) and, for a measure of one site kind,
/// is of that kind (a warning: the source names it so, the site should say it too).
fn reported_members(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    if data
        .regions
        .iter()
        .all(|r| r.reported.iter().all(|e| e.members.is_none()))
    {
        return;
    }
    let sites = data.site_lookup();
    let routes: HashMap<&str, usize> = positions(data.routes.iter().map(|x| x.id.as_str()));
    let activities: HashMap<&str, usize> = positions(data.activities.iter().map(|x| x.id.as_str()));
    let regions: HashMap<&str, usize> = positions(data.regions.iter().map(|x| x.id.as_str()));
    // Whether region `id` is region `r` or lies below it (None: `id` is not a region).
    let within = |id: &RegionId, r: usize| -> Option<bool> {
        let mut at = *regions.get(id.as_str())?;
        for _ in 0..=data.regions.len() {
            if at == r {
                return Some(true);
            }
            match data.regions[at].parent.as_ref() {
                Some(p) => at = *regions.get(p.as_str())?,
                None => return Some(false),
            }
        }
        Some(false)
    };
    let site_ids: Vec<&str> = if data.sites.len() <= 5_000 {
        data.sites.iter().map(|s| s.id.as_str()).collect()
    } else {
        vec![]
    };
    let route_ids: Vec<&str> = data.routes.iter().map(|r| r.id.as_str()).collect();
    let activity_ids: Vec<&str> = if data.activities.len() <= 5_000 {
        data.activities.iter().map(|a| a.id.as_str()).collect()
    } else {
        vec![]
    };
    let what = |k: MemberKind| match k {
        MemberKind::Site => "site",
        MemberKind::Route => "route",
        MemberKind::Activity => "activity",
    };
    for (r, region) in data.regions.iter().enumerate() {
        for entry in &region.reported {
            let (Some(kind), Some(members)) = (entry.measure.member_kind(), &entry.members) else {
                continue;
            };
            let measure = entry.measure.as_str();
            for (j, m) in members.iter().enumerate() {
                if m.id.trim().is_empty() {
                    continue; // reported when the file was read
                }
                let field = format!("reported[{}].members[{j}].id", entry.entry);
                let mut push = |severity, message: String| {
                    out.push(o.regions.issue(severity, r, &field, message));
                };
                let id = m.id.as_str();
                let found = [
                    (MemberKind::Site, sites.contains_key(id)),
                    (MemberKind::Route, routes.contains_key(id)),
                    (MemberKind::Activity, activities.contains_key(id)),
                ];
                if !found.iter().any(|&(k, yes)| k == kind && yes) {
                    let message = match found.iter().find(|&&(_, yes)| yes) {
                        Some(&(other, _)) => format!(
                            "\"{id}\" is {} {}, but a \"{measure}\" total counts {}s; the member is not counted",
                            if other == MemberKind::Activity { "an" } else { "a" },
                            what(other),
                            what(kind),
                        ),
                        None => {
                            let ids = match kind {
                                MemberKind::Site => &site_ids,
                                MemberKind::Route => &route_ids,
                                MemberKind::Activity => &activity_ids,
                            };
                            format!(
                                "{}; the member is not counted",
                                unknown_value(what(kind), id, ids)
                            )
                        }
                    };
                    push(Severity::Error, message);
                    continue;
                }
                // Which regions the record is in; empty when the data does not say.
                let places: Vec<&RegionId> = match kind {
                    MemberKind::Site => sites
                        .get(id)
                        .and_then(|k| data.sites[k].region.as_ref())
                        .into_iter()
                        .collect(),
                    MemberKind::Route => data.routes[routes[id]]
                        .stops
                        .iter()
                        .filter_map(|s| sites.get(s.as_str()))
                        .filter_map(|k| data.sites[k].region.as_ref())
                        .collect(),
                    MemberKind::Activity => match &data.activities[activities[id]].target {
                        ActivityTarget::Region(g) => vec![g],
                        ActivityTarget::Site(s) => sites
                            .get(s.as_str())
                            .and_then(|k| data.sites[k].region.as_ref())
                            .into_iter()
                            .collect(),
                    },
                };
                let known: Vec<bool> = places.iter().filter_map(|g| within(g, r)).collect();
                if !known.is_empty() && !known.iter().any(|&inside| inside) {
                    let message = format!(
                        "{} \"{id}\" lies outside {} ({}), whose total it is named in; it is not counted there",
                        what(kind),
                        region.name,
                        region.id
                    );
                    push(Severity::Warning, message);
                }
                let site = sites.get(id).filter(|_| kind == MemberKind::Site);
                if let (Some(s), Some(k)) = (site, site_kind(entry.measure)) {
                    if !data.sites[s].is_kind(k) {
                        let message = format!(
                            "site \"{id}\" is named as one of the {measure} but is not of kind \"{}\" (add it to also_kinds)",
                            k.as_str()
                        );
                        push(Severity::Warning, message);
                    }
                }
            }
        }
    }
}

/// The site kind a measure counts, if it counts one kind.
fn site_kind(measure: Measure) -> Option<SiteKind> {
    match measure {
        Measure::Sites => Some(SiteKind::RevolutionarySite),
        Measure::TeachingPoints => Some(SiteKind::TeachingPoint),
        Measure::StudyBases => Some(SiteKind::StudyBase),
        Measure::VisitPoints => Some(SiteKind::VisitPoint),
        Measure::LectureBases => Some(SiteKind::LectureBase),
        _ => None,
    }
}

/// Each id's position in its list (the last one wins for an id given twice; duplicates
/// are reported apart).
fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{
        AdminPlace, LonLat, Precision, PrecisionLevel, Region, RegionId, RegionLevel, Route,
        RouteId, SiteId, SiteKind, TravelMode,
    };

    fn site(id: &str, lon: f64, lat: f64) -> Site {
        Site {
            id: SiteId::from(id),
            position: LonLat { lon, lat },
            name: id.into(),
            name_en: id.into(),
            kind: SiteKind::Other,
            also_kinds: vec![],
            admin: AdminPlace::default(),
            admin_en: AdminPlace::default(),
            region: Some(RegionId::from("nanhai")),
            address: None,
            summary: String::new(),
            summary_en: String::new(),
            themes: vec![],
            themes_en: vec![],
            opening_hours: None,
            booking: None,
            designation: None,
            links: vec![],
            images: vec![],
            precision: Precision {
                level: PrecisionLevel::Town,
                radius_m: Some(3_000.0),
                note: "n".into(),
                note_zh: String::new(),
            },
            sources: Default::default(),
            extra: vec![],
        }
    }

    fn data() -> Dataset {
        let nanhai = Region {
            id: RegionId::from("nanhai"),
            name: "南海区".into(),
            name_en: "Nanhai".into(),
            level: RegionLevel::County,
            parent: None,
            geometry: Some(RegionGeometry::Point(LonLat {
                lon: 113.1856,
                lat: 23.03625,
            })),
            reported: vec![],
            precision: None,
            sources: Default::default(),
        };
        let route = Route {
            id: RouteId::from("r"),
            name: "r".into(),
            name_en: "r".into(),
            theme: String::new(),
            theme_en: String::new(),
            stops: vec![SiteId::from("a"), SiteId::from("b")],
            mode: TravelMode::Unknown,
            description: String::new(),
            description_en: String::new(),
            date: None,
            path: vec![vec![
                LonLat {
                    lon: 112.96738,
                    lat: 22.94614,
                },
                LonLat {
                    lon: 113.1856,
                    lat: 23.03625,
                },
            ]],
            sources: Default::default(),
            extra: vec![],
        };
        Dataset {
            sites: vec![
                site("a", 112.96738, 22.94614),
                site("b", 113.1856, 23.03625),
            ],
            routes: vec![route],
            regions: vec![nanhai],
            ..Dataset::default()
        }
    }

    #[test]
    fn a_consistent_dataset_has_no_issues() {
        assert_eq!(check_dataset(&data()), vec![]);
    }

    #[test]
    fn dangling_stop_duplicate_id_and_far_site_are_all_reported() {
        let mut d = data();
        d.routes[0].stops.push(SiteId::from("c"));
        d.sites.push(site("nanhai", 106.297, 26.885));
        let lines: Vec<String> = check_dataset(&d).iter().map(|i| i.to_string()).collect();
        assert_eq!(
            lines,
            [
                "error: regions.geojson: features[0].properties.id: duplicate id \"nanhai\" (first used at sites.geojson features[2].properties.id)",
                "error: routes.geojson: features[0].properties.stops[2]: unknown site \"c\" (did you mean \"a\"?)",
                "warning: sites.geojson: features[2].properties.region: site lies 815 km from the point of its region 南海区 (nanhai)",
            ]
        );
    }

    #[test]
    fn origins_map_back_to_file_indices() {
        let mut origins = Origins::default();
        origins.routes.indices = vec![4];
        let mut d = data();
        d.routes[0].stops[1] = SiteId::from("zzz");
        let issues = check_dataset_with(&d, &origins);
        assert_eq!(issues[0].path, "features[4].properties.stops[1]");
    }
}
