//! `regions.geojson`: districts, counties, cities and towns with their reported totals.
//! Geometry is a Point (a seat or centre), a Polygon, or null for a region the sources
//! name but do not locate.

use super::fields::{required, required_as, sources, vocab, At, Issues, RawSource};
use super::geometry::{read_geometry, Geometry};
use super::raw::RawFeature;
use super::sites::{precision, RawPrecision};
use super::values::{check_position, count};
use crate::domain::model::{
    Measure, Member, Qualifier, Region, RegionGeometry, RegionId, RegionLevel, Reported, Source,
};
use crate::domain::validate::Severity;
use serde::Deserialize;
use serde_json::Number;

/// A region's properties as written.
#[derive(Deserialize)]
pub(crate) struct RawRegion {
    id: Option<String>,
    name: Option<String>,
    name_en: Option<String>,
    level: Option<String>,
    parent: Option<String>,
    reported: Option<Vec<RawReported>>,
    precision: Option<RawPrecision>,
    sources: Option<Vec<RawSource>>,
}

/// A reported total as written.
#[derive(Deserialize)]
pub(crate) struct RawReported {
    measure: Option<String>,
    value: Option<Number>,
    qualifier: Option<String>,
    period: Option<String>,
    note: Option<String>,
    note_zh: Option<String>,
    source: Option<RawSource>,
    members: Option<Vec<RawMember>>,
}

/// A member of a reported total as written: `{"id": "...", "says": "..."}`.
#[derive(Deserialize)]
pub(crate) struct RawMember {
    id: Option<String>,
    says: Option<String>,
}

/// Converts one region feature; `None` when it cannot be a region.
pub(crate) fn region(f: RawFeature<RawRegion>, at: At, issues: &mut Issues) -> Option<Region> {
    let geometry = match f.geometry {
        None => Some(None),
        Some(raw) => read_geometry(Some(raw), at, issues)
            .and_then(|g| shape(g, at, issues))
            .map(Some),
    };
    let Some(p) = f.properties else {
        issues.error(at.raw("properties"), "missing properties");
        return None;
    };
    let id = required(p.id, at, "id", issues);
    let name = required(p.name, at, "name", issues);
    let name_en = required_as(p.name_en, at, "name_en", Severity::Warning, issues);
    let level = vocab::<RegionLevel>(p.level.as_deref(), at, "level", issues);
    let reported = p.reported.unwrap_or_default();
    let reported: Vec<Reported> = reported
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| one_reported(r, i, at, issues))
        .collect();
    let precision = p.precision.map(|raw| precision(Some(raw), at, issues));
    let sources = sources(p.sources, at, "sources", issues);
    Some(Region {
        id: RegionId(id?),
        name: name?,
        name_en: name_en.unwrap_or_default(),
        level: level?,
        parent: p.parent.map(RegionId),
        geometry: geometry?,
        reported,
        precision: precision.flatten(),
        sources,
    })
}

fn shape(g: Geometry, at: At, issues: &mut Issues) -> Option<RegionGeometry> {
    for p in g.positions() {
        let before = issues.list.len();
        let usable = check_position(p, at, "geometry.coordinates", true, issues);
        if !usable {
            return None;
        }
        if issues.list.len() > before {
            break;
        }
    }
    match g {
        Geometry::Points(points) if points.len() == 1 => Some(RegionGeometry::Point(points[0])),
        Geometry::Polygons(polygons) => Some(RegionGeometry::Area(polygons)),
        other => {
            let message = format!(
                "wrong geometry: a region is a Point or Polygon, found {}",
                other.family()
            );
            issues.error(at.raw("geometry.type"), message);
            None
        }
    }
}

fn one_reported(r: RawReported, i: usize, at: At, issues: &mut Issues) -> Option<Reported> {
    let field = |name: &str| format!("reported[{i}].{name}");
    let measure = vocab::<Measure>(r.measure.as_deref(), at, &field("measure"), issues);
    let value = count(r.value.as_ref(), at, &field("value"), issues);
    if r.value.is_none() {
        issues.error(at.field(&field("value")), "missing value");
    }
    let qualifier = r
        .qualifier
        .as_deref()
        .and_then(|q| vocab::<Qualifier>(Some(q), at, &field("qualifier"), issues));
    let source = match r.source {
        Some(s) => {
            let doc = required(s.doc, at, &field("source.doc"), issues);
            let says = required_as(s.says, at, &field("source.says"), Severity::Warning, issues);
            doc.map(|doc| Source {
                doc,
                says: says.unwrap_or_default(),
            })
        }
        None => {
            issues.error(
                at.field(&field("source")),
                "missing source: every reported total needs one",
            );
            None
        }
    };
    let members = r
        .members
        .and_then(|list| members(list, measure, i, at, issues));
    Some(Reported {
        measure: measure?,
        value: value?,
        qualifier,
        period: r.period,
        note: r.note,
        note_zh: r.note_zh,
        source: source?,
        members,
        entry: i,
    })
}

/// The members of `reported[i]`: each needs an id and the passage that names it; one
/// without is an error and is not counted, the others stay. Whether the ids resolve, to the
/// right kind of record and inside the region, is a cross-file check (`validate::cross`).
fn members(
    list: Vec<RawMember>,
    measure: Option<Measure>,
    i: usize,
    at: At,
    issues: &mut Issues,
) -> Option<Vec<Member>> {
    if let Some(m) = measure.filter(|m| m.member_kind().is_none()) {
        let message = format!(
            "members cannot be given for \"{}\": it counts the reach of a programme, not records",
            m.as_str()
        );
        issues.error(at.field(&format!("reported[{i}].members")), message);
        return None;
    }
    let mut out: Vec<Member> = Vec::with_capacity(list.len());
    for (j, raw) in list.into_iter().enumerate() {
        let field = |name: &str| format!("reported[{i}].members[{j}].{name}");
        let id = raw.id.unwrap_or_default();
        let says = raw.says.unwrap_or_default();
        if id.trim().is_empty() {
            issues.error(
                at.field(&field("id")),
                "missing id: the member is not counted",
            );
        }
        if says.trim().is_empty() {
            issues.error(
                at.field(&field("says")),
                "missing says: quote the passage of the source that names this record as part of the total; the member is not counted",
            );
        }
        if !id.trim().is_empty() && out.iter().any(|m| m.id == id) {
            issues.warning(
                at.field(&field("id")),
                format!("\"{id}\" is listed twice; it counts once"),
            );
        }
        // Kept in place (not counted when unusable), so that later members keep their paths.
        out.push(Member { id, says });
    }
    Some(out)
}
