//! GeoJSON geometries (RFC 7946) read from a feature's raw `geometry` member into lists of
//! [`LonLat`], with structural checks: known type, positions of two numbers, lines of two
//! or more positions, closed polygon rings of four or more.

use super::fields::{At, Issues};
use super::raw::parse_coords;
use crate::domain::model::LonLat;
use crate::domain::validate::unknown_value;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

const TYPES: &[&str] = &[
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// A feature's `geometry` as written.
#[derive(Deserialize)]
pub(crate) struct RawGeometry<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub coordinates: Option<&'a RawValue>,
}

/// A checked geometry, grouped by dimension.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Geometry {
    /// Point or MultiPoint.
    Points(Vec<LonLat>),
    /// LineString or MultiLineString.
    Lines(Vec<Vec<LonLat>>),
    /// Polygon or MultiPolygon: polygons of rings, outer ring first.
    Polygons(Vec<Vec<Vec<LonLat>>>),
}

impl Geometry {
    /// The GeoJSON family name, for messages.
    pub fn family(&self) -> &'static str {
        match self {
            Geometry::Points(_) => "Point",
            Geometry::Lines(_) => "LineString",
            Geometry::Polygons(_) => "Polygon",
        }
    }

    /// Every position, for range checks.
    pub fn positions(&self) -> Vec<LonLat> {
        match self {
            Geometry::Points(p) => p.clone(),
            Geometry::Lines(l) => l.iter().flatten().copied().collect(),
            Geometry::Polygons(p) => p.iter().flatten().flatten().copied().collect(),
        }
    }
}

/// A position as written: the first two numbers, and how many numbers there were (a third,
/// the altitude, is allowed and ignored). Read without a heap allocation per point.
#[derive(Debug, Clone, Copy)]
struct Pos {
    lon: f64,
    lat: f64,
    count: usize,
}

impl<'de> Deserialize<'de> for Pos {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(PosVisitor)
    }
}

struct PosVisitor;

impl<'de> serde::de::Visitor<'de> for PosVisitor {
    type Value = Pos;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a position [lon, lat]")
    }

    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Pos, S::Error> {
        let mut p = Pos {
            lon: f64::NAN,
            lat: f64::NAN,
            count: 0,
        };
        while let Some(v) = seq.next_element::<f64>()? {
            match p.count {
                0 => p.lon = v,
                1 => p.lat = v,
                _ => {}
            }
            p.count += 1;
        }
        Ok(p)
    }
}

/// Reads a geometry; `None` (with issues) when it is missing, null or malformed.
pub(crate) fn read_geometry(
    raw: Option<RawGeometry>,
    at: At,
    issues: &mut Issues,
) -> Option<Geometry> {
    let Some(raw) = raw else {
        issues.error(at.raw("geometry"), "missing geometry");
        return None;
    };
    if !TYPES.contains(&raw.kind.as_ref()) {
        issues.error(
            at.raw("geometry.type"),
            unknown_value("geometry type", &raw.kind, TYPES),
        );
        return None;
    }
    if raw.kind == "GeometryCollection" {
        issues.error(
            at.raw("geometry.type"),
            "GeometryCollection is not supported",
        );
        return None;
    }
    let Some(coords) = raw.coordinates else {
        issues.error(at.raw("geometry.coordinates"), "missing coordinates");
        return None;
    };
    let geometry = match raw.kind.as_ref() {
        "Point" => {
            let p: Pos = parse_coords(coords, at, issues)?;
            Geometry::Points(vec![one(&p, at, issues)?])
        }
        "MultiPoint" => {
            let ps: Vec<Pos> = parse_coords(coords, at, issues)?;
            Geometry::Points(line(&ps, 1, at, issues)?)
        }
        "LineString" => {
            let ps: Vec<Pos> = parse_coords(coords, at, issues)?;
            Geometry::Lines(vec![line(&ps, 2, at, issues)?])
        }
        "MultiLineString" => {
            let ls: Vec<Vec<Pos>> = parse_coords(coords, at, issues)?;
            Geometry::Lines(lines(&ls, 2, at, issues)?)
        }
        "Polygon" => {
            let rs: Vec<Vec<Pos>> = parse_coords(coords, at, issues)?;
            Geometry::Polygons(vec![rings(&rs, at, issues)?])
        }
        _ => {
            let polygons: Vec<Vec<Vec<Pos>>> = parse_coords(coords, at, issues)?;
            let checked: Option<Vec<_>> = polygons.iter().map(|p| rings(p, at, issues)).collect();
            Geometry::Polygons(checked?)
        }
    };
    Some(geometry)
}

fn one(p: &Pos, at: At, issues: &mut Issues) -> Option<LonLat> {
    let found = (p.count >= 2).then_some(LonLat {
        lon: p.lon,
        lat: p.lat,
    });
    if found.is_none() {
        issues.error(
            at.raw("geometry.coordinates"),
            "a position needs two numbers [lon, lat]",
        );
    }
    found
}

fn line(ps: &[Pos], min: usize, at: At, issues: &mut Issues) -> Option<Vec<LonLat>> {
    if ps.len() < min {
        let message = format!("needs at least {min} positions, found {}", ps.len());
        issues.error(at.raw("geometry.coordinates"), message);
        return None;
    }
    ps.iter().map(|p| one(p, at, issues)).collect()
}

fn lines(ls: &[Vec<Pos>], min: usize, at: At, issues: &mut Issues) -> Option<Vec<Vec<LonLat>>> {
    if ls.is_empty() {
        issues.error(at.raw("geometry.coordinates"), "has no lines");
        return None;
    }
    ls.iter().map(|l| line(l, min, at, issues)).collect()
}

fn rings(rs: &[Vec<Pos>], at: At, issues: &mut Issues) -> Option<Vec<Vec<LonLat>>> {
    let rings = lines(rs, 4, at, issues)?;
    if rings.iter().any(|r| r.first() != r.last()) {
        issues.error(
            at.raw("geometry.coordinates"),
            "polygon ring is not closed (first and last positions differ)",
        );
        return None;
    }
    Some(rings)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At = At {
        list: "features",
        index: 0,
        props: true,
    };

    fn read(json: &str) -> (Option<Geometry>, Vec<String>) {
        let mut issues = Issues::new("f");
        let raw: RawGeometry = serde_json::from_str(json).expect("geometry json");
        let g = read_geometry(Some(raw), AT, &mut issues);
        (
            g,
            issues
                .list
                .iter()
                .map(|i| format!("{}: {}", i.path, i.message))
                .collect(),
        )
    }

    #[test]
    fn reads_each_geometry_family() {
        let (g, _) = read(r#"{"type": "Point", "coordinates": [113.2, 23.0, 12.5]}"#);
        assert_eq!(
            g,
            Some(Geometry::Points(vec![LonLat {
                lon: 113.2,
                lat: 23.0
            }]))
        );
        let (g, _) = read(
            r#"{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}"#,
        );
        assert_eq!(g.map(|g| g.positions().len()), Some(4));
        let (g, _) =
            read(r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#);
        assert_eq!(g.map(|g| g.family()), Some("Polygon"));
    }

    #[test]
    fn reports_malformed_geometries() {
        let cases = [
            (
                r#"{"type": "LineString", "coordinates": [[1, 2]]}"#,
                "needs at least 2 positions, found 1",
            ),
            (
                r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#,
                "not closed",
            ),
            (
                r#"{"type": "Point", "coordinates": [1, "2"]}"#,
                "geometry.coordinates[1]: invalid type",
            ),
            (r#"{"type": "Point"}"#, "missing coordinates"),
            (
                r#"{"type": "GeometryCollection", "geometries": []}"#,
                "not supported",
            ),
            (
                r#"{"type": "Polygn", "coordinates": []}"#,
                "did you mean \"Polygon\"",
            ),
        ];
        for (json, expected) in cases {
            let (g, issues) = read(json);
            assert!(g.is_none(), "{json}");
            assert!(
                issues.len() == 1 && issues[0].contains(expected),
                "{json}: {issues:?}"
            );
        }
    }
}
