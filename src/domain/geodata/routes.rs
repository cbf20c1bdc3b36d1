//! `routes.geojson`: LineString / MultiLineString features with the route schema.

use super::fields::{required, required_as, sources, vocab, At, Issues, RawSource};
use super::geometry::{read_geometry, Geometry};
use super::raw::RawFeature;
use super::values::check_position;
use crate::domain::model::{ActivityDate, LonLat, Route, RouteId, SiteId, TravelMode};
use crate::domain::validate::{position_problem, Severity};
use serde::Deserialize;

/// A route's properties as written.
#[derive(Deserialize)]
pub(crate) struct RawRoute {
    id: Option<String>,
    name: Option<String>,
    name_en: Option<String>,
    theme: Option<String>,
    theme_en: Option<String>,
    stops: Option<Vec<String>>,
    mode: Option<String>,
    description: Option<String>,
    description_en: Option<String>,
    date: Option<String>,
    sources: Option<Vec<RawSource>>,
}

/// Converts one route feature; `None` when it cannot be a route.
pub(crate) fn route(f: RawFeature<RawRoute>, at: At, issues: &mut Issues) -> Option<Route> {
    let path = read_geometry(f.geometry, at, issues).and_then(|g| lines_of(g, at, issues));
    let usable = path.as_ref().is_some_and(|p| positions_ok(p, at, issues));
    let Some(p) = f.properties else {
        issues.error(at.raw("properties"), "missing properties");
        return None;
    };
    let id = required(p.id, at, "id", issues);
    let name = required(p.name, at, "name", issues);
    let name_en = required_as(p.name_en, at, "name_en", Severity::Warning, issues);
    let mode = vocab::<TravelMode>(p.mode.as_deref(), at, "mode", issues);
    let stops = p.stops.unwrap_or_default();
    if stops.len() < 2 {
        issues.error(
            at.field("stops"),
            format!("a route needs at least 2 stops, found {}", stops.len()),
        );
    }
    let date = p.date.as_deref().and_then(|d| {
        let parsed = ActivityDate::parse(d);
        if parsed.is_none() {
            issues.error(
                at.field("date"),
                format!("bad date \"{d}\": expected \"YYYY-MM-DD\" or \"YYYY-MM\""),
            );
        }
        parsed
    });
    let sources = sources(p.sources, at, "sources", issues);
    let description = required_as(p.description, at, "description", Severity::Warning, issues);
    Some(Route {
        id: RouteId(id?),
        name: name?,
        name_en: name_en.unwrap_or_default(),
        theme: p.theme.unwrap_or_default(),
        theme_en: p.theme_en.unwrap_or_default(),
        stops: stops.into_iter().map(SiteId).collect(),
        mode: mode?,
        description: description.unwrap_or_default(),
        description_en: p.description_en.unwrap_or_default(),
        date,
        path: path.filter(|_| usable)?,
        sources,
        extra: Vec::new(),
    })
}

fn lines_of(g: Geometry, at: At, issues: &mut Issues) -> Option<Vec<Vec<LonLat>>> {
    match g {
        Geometry::Lines(lines) => Some(lines),
        other => {
            let message = format!(
                "wrong geometry: a route is a LineString, found {}",
                other.family()
            );
            issues.error(at.raw("geometry.type"), message);
            None
        }
    }
}

/// Checks every vertex but reports only the first bad one: one typo should be one issue.
pub(crate) fn positions_ok(lines: &[Vec<LonLat>], at: At, issues: &mut Issues) -> bool {
    for (i, line) in lines.iter().enumerate() {
        // The path is only formatted for the first bad vertex.
        let Some(j) = line.iter().position(|p| position_problem(*p).is_some()) else {
            continue;
        };
        let path = if lines.len() == 1 {
            format!("geometry.coordinates[{j}]")
        } else {
            format!("geometry.coordinates[{i}][{j}]")
        };
        return check_position(line[j], at, &path, true, issues);
    }
    true
}
