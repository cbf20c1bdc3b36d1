//! Cross-file checks on an assembled [`Dataset`]: ids unique across all layers, references
//! (route stops, activity and visit targets, site regions, region parents) resolve, sites
//! lie in or near their region, route lines pass their stops. Issues point at the file and
//! record each value came from, through [`Origins`].

use super::{distance_m, plausible_region_radius_m, point_in_polygon, unknown_value};
use super::{DataIssue, Severity};
use crate::domain::model::{ActivityTarget, Dataset, RegionGeometry, Site};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// Site id -> index in `dataset.sites` (built once per check, shared by the checks).
type SiteIndex<'a> = HashMap<&'a str, usize>;

/// Where one layer's records came from: the file, the JSON list they sit in, and each
/// record's index in that list (records that failed to parse are missing from the layer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    /// "features" or "activities" / "visits".
    pub list: String,
    /// ".properties" for GeoJSON features, "" for plain records.
    pub props: String,
    /// `indices[i]` is the list index of the layer's record `i`; identity when empty.
    pub indices: Vec<usize>,
}

impl Origin {
    /// Origin of GeoJSON features in `file`.
    pub fn features(file: &str) -> Self {
        Origin {
            file: file.into(),
            list: "features".into(),
            props: ".properties".into(),
            indices: vec![],
        }
    }

    /// Origin of plain records under `list` in `file`.
    pub fn records(file: &str, list: &str) -> Self {
        Origin {
            file: file.into(),
            list: list.into(),
            props: String::new(),
            indices: vec![],
        }
    }

    /// JSON path of a field of record `i`, e.g. `features[3].properties.stops[1]`.
    pub fn path(&self, i: usize, field: &str) -> String {
        let index = self.indices.get(i).copied().unwrap_or(i);
        format!("{}[{index}]{}.{field}", self.list, self.props)
    }

    fn issue(&self, severity: Severity, i: usize, field: &str, message: String) -> DataIssue {
        DataIssue::new(severity, &self.file, self.path(i, field), message)
    }
}

/// The origin of every layer of a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    pub sites: Origin,
    pub routes: Origin,
    pub regions: Origin,
    pub activities: Origin,
    pub visits: Origin,
}

impl Default for Origins {
    /// The bundled file names, records in file order.
    fn default() -> Self {
        Origins {
            sites: Origin::features("sites.geojson"),
            routes: Origin::features("routes.geojson"),
            regions: Origin::features("regions.geojson"),
            activities: Origin::records("activities.json", "activities"),
            visits: Origin::records("visits.json", "visits"),
        }
    }
}

/// Cross-file checks, assuming the bundled file names and records in file order.
pub fn check_dataset(data: &Dataset) -> Vec<DataIssue> {
    check_dataset_with(data, &Origins::default())
}

/// Cross-file checks with issue paths from `origins`.
pub fn check_dataset_with(data: &Dataset, origins: &Origins) -> Vec<DataIssue> {
    let mut out = Vec::new();
    let sites = data.site_index();
    unique_ids(data, origins, &mut out);
    references(data, &sites, origins, &mut out);
    sites_in_regions(data, origins, &mut out);
    routes_pass_stops(data, &sites, origins, &mut out);
    out
}

fn unique_ids(data: &Dataset, o: &Origins, out: &mut Vec<DataIssue>) {
    let ids = (data
        .sites
        .iter()
        .map(|s| s.id.as_str())
        .enumerate()
        .map(|(i, id)| (&o.sites, i, id)))
    .chain(
        data.routes
            .iter()
            .enumerate()
            .map(|(i, r)| (&o.routes, i, r.id.as_str())),
    )
    .chain(
        data.regions
            .iter()
            .enumerate()
            .map(|(i, r)| (&o.regions, i, r.id.as_str())),
    )
    .chain(
        data.activities
            .iter()
            .enumerate()
            .map(|(i, a)| (&o.activities, i, a.id.as_str())),
    )
    .chain(
        data.visits
            .iter()
            .enumerate()
            .map(|(i, v)| (&o.visits, i, v.id.as_str())),
    );
    // Where each id was first used; its text is formatted only for a duplicate (formatting
    // it for every record took most of the check's time on 100k sites).
    let mut seen: HashMap<&str, (&Origin, usize)> = HashMap::with_capacity(ids.size_hint().0);
    for (origin, i, id) in ids {
        match seen.entry(id) {
            Entry::Occupied(first) => {
                let (first_origin, j) = *first.get();
                let at = format!("{} {}", first_origin.file, first_origin.path(j, "id"));
                let message = format!("duplicate id \"{id}\" (first used at {at})");
                out.push(origin.issue(Severity::Error, i, "id", message));
            }
            Entry::Vacant(slot) => {
                slot.insert((origin, i));
            }
        }
    }
}

fn references(data: &Dataset, sites: &SiteIndex, o: &Origins, out: &mut Vec<DataIssue>) {
    let regions: HashMap<&str, usize> = data
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Hints scan every id; skip them for huge layers so one bad file cannot stall the check.
    let site_ids: Vec<&str> = if sites.len() <= 5_000 {
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
    let regions: HashMap<&str, usize> = data
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
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
fn routes_pass_stops(data: &Dataset, sites: &SiteIndex, o: &Origins, out: &mut Vec<DataIssue>) {
    const NEAR_M: f64 = 1_000.0;
    for (i, route) in data.routes.iter().enumerate() {
        let vertices: Vec<_> = route.path.iter().flatten().copied().collect();
        if vertices.is_empty() {
            continue;
        }
        for (j, stop) in route.stops.iter().enumerate() {
            let Some(site) = sites.get(stop.as_str()).map(|&k| &data.sites[k]) else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Period, Site, SiteId, Visit, VisitId};

    fn site(id: &str) -> Site {
        let json = format!(
            r#"{{"id":"{id}","position":{{"lon":113.0,"lat":23.0}},"name":"甲","name_en":"A",
            "kind":"museum","also_kinds":[],"admin":{{}},"region":null,"address":null,
            "summary":"","summary_en":"","themes":[],"opening_hours":null,"booking":null,
            "designation":null,"links":[],"images":[],
            "precision":{{"level":"town","radius_m":null,"note":""}},"sources":[],"extra":[]}}"#
        );
        serde_json::from_str(&json).expect("site json")
    }

    fn visit(id: &str, site: &str) -> Visit {
        Visit {
            id: VisitId(id.into()),
            site: SiteId(site.into()),
            period: Period::parse("2022").expect("period"),
            visitors: 1,
            sources: vec![],
        }
    }

    #[test]
    fn a_duplicate_id_names_where_it_was_first_used() {
        let data = Dataset {
            sites: vec![site("a"), site("b"), site("a")],
            visits: vec![visit("b", "a")],
            ..Dataset::default()
        };
        let mut origins = Origins::default();
        origins.sites.indices = vec![0, 2, 5]; // feature 1 of the file failed to parse
        let found: Vec<String> = check_dataset_with(&data, &origins)
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "error: sites.geojson: features[5].properties.id: duplicate id \"a\" \
                 (first used at sites.geojson features[0].properties.id)",
                "error: visits.json: visits[0].id: duplicate id \"b\" \
                 (first used at sites.geojson features[2].properties.id)",
            ]
        );
    }

    #[test]
    fn unknown_references_are_reported_with_the_shared_site_index() {
        let data = Dataset {
            sites: vec![site("a")],
            visits: vec![visit("v1", "a"), visit("v2", "nope")],
            ..Dataset::default()
        };
        let found = check_dataset(&data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "visits[1].site");
    }
}
