//! Any GeoJSON FeatureCollection a user brings (not our schema): Points and MultiPoints
//! become sites, LineStrings routes; polygons are not shown. Nothing is assumed that the
//! file does not say: the kind is "other" unless a known kind is given, the precision is
//! "unknown", and every property we do not understand is kept for display in `extra`.

use super::fields::{At, Issues};
use super::geometry::{read_geometry, Geometry};
use super::raw::{parse_record, RawFeature};
use super::read::{accept, read_features};
use super::values::check_position;
use crate::domain::model::{
    AdminPlace, Dataset, LonLat, Precision, Route, RouteId, Site, SiteId, SiteKind, Source, Sources,
};
use crate::domain::validate::Severity;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// What a record of a foreign file cites when the file names no source of its own.
pub const NAMES_NO_SOURCE: &str = "imported from this file; it names no source";

/// Property keys tried, in order, for a feature's name.
const NAME_KEYS: &[&str] = &["name", "name_zh", "名称", "title", "Name", "NAME"];

type Props = Map<String, Value>;

/// Converts a foreign FeatureCollection into sites and routes.
pub(crate) fn foreign(file: &str, text: &str, issues: &mut Issues) -> Dataset {
    let (parts, _) = read_features::<Props, Dataset>(text, issues, |f, at, issues| {
        let mut part = Dataset::default();
        add_feature(file, f, at, issues, &mut part);
        Some(part)
    });
    let mut data = Dataset::default();
    for part in parts {
        data.sites.extend(part.sites);
        data.routes.extend(part.routes);
    }
    data
}

/// One feature from its raw JSON (`features[index]`), read as [`foreign`] reads it: a
/// feature that does not parse is reported at the path of the failing field.
pub(crate) fn feature(
    file: &str,
    raw: &RawValue,
    index: usize,
    issues: &mut Issues,
    data: &mut Dataset,
) {
    let at = At {
        list: "features",
        index,
        props: true,
    };
    let Some(f) = parse_record::<RawFeature<Props>>(raw, at, issues) else {
        return;
    };
    let (mut parts, mut indices) = (Vec::new(), Vec::new());
    let mut convert = |f, at, issues: &mut Issues| {
        add_feature(file, f, at, issues, data);
        Some(())
    };
    accept(index, f, &mut convert, issues, &mut parts, &mut indices);
}

/// Adds what one feature gives (sites, or a route) to `data`.
fn add_feature(file: &str, f: RawFeature<Props>, at: At, issues: &mut Issues, data: &mut Dataset) {
    let props = f.properties.unwrap_or_default();
    let id = feature_id(f.id.as_ref(), &props).unwrap_or_else(|| format!("{file}#{}", at.index));
    let Some(geometry) = f.geometry else {
        issues.warning(at.raw("geometry"), "feature has no geometry: not shown");
        return;
    };
    let Some(geometry) = read_geometry(Some(geometry), at, issues) else {
        return;
    };
    let usable: Vec<LonLat> = match &geometry {
        Geometry::Polygons(_) => {
            issues.push(
                Severity::Info,
                at.raw("geometry.type"),
                "polygons are not shown: feature ignored",
            );
            return;
        }
        g => g
            .positions()
            .into_iter()
            .filter(|p| check_position(*p, at, "geometry.coordinates", false, issues))
            .collect(),
    };
    // A feature without a name is named by its place in the file, in both languages (as a
    // CSV row without one), with a warning; not after its id, which means nothing to a reader.
    let named = name_of(&props);
    let unnamed_en = format!("Unnamed (feature {})", at.index + 1);
    if named.is_none() {
        issues.warning(
            at.field("name"),
            format!("no name: shown as \"{unnamed_en}\""),
        );
    }
    let (name, name_key, name_en) = match named {
        Some((name, key)) => (name, key, None),
        None => (
            format!("未命名（第 {} 个要素）", at.index + 1),
            "",
            Some(unnamed_en),
        ),
    };
    let extra = extra(&props, name_key);
    let sources: Sources = vec![Source {
        doc: file.to_owned(),
        says: NAMES_NO_SOURCE.into(),
    }]
    .into();
    match geometry {
        Geometry::Points(points) => {
            let many = points.len() > 1;
            for (k, p) in usable.into_iter().enumerate() {
                let id = if many {
                    format!("{id}-{k}")
                } else {
                    id.clone()
                };
                let mut site = site(id, name.clone(), p, &props, extra.clone(), sources.clone());
                if let Some(en) = &name_en {
                    site.name_en = en.clone();
                }
                data.sites.push(site);
            }
        }
        Geometry::Lines(lines) if usable.len() == lines.iter().map(Vec::len).sum::<usize>() => {
            let mut route = route(id, name, lines, extra, sources);
            if let Some(en) = name_en {
                route.name_en = en;
            }
            data.routes.push(route);
        }
        _ => {}
    }
}

fn feature_id(id: Option<&Value>, props: &Props) -> Option<String> {
    [id, props.get("id")]
        .into_iter()
        .flatten()
        .find_map(|v| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

fn name_of(props: &Props) -> Option<(String, &'static str)> {
    NAME_KEYS.iter().find_map(|k| match props.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some((s.clone(), *k)),
        _ => None,
    })
}

/// Every property but the name, as text for a key/value table.
fn extra(props: &Props, name_key: &str) -> Vec<(String, String)> {
    props
        .iter()
        .filter(|(k, _)| k.as_str() != name_key)
        .map(|(k, v)| match v {
            Value::String(s) => (k.clone(), s.clone()),
            other => (k.clone(), other.to_string()),
        })
        .collect()
}

fn site(
    id: String,
    name: String,
    position: LonLat,
    props: &Props,
    extra: Vec<(String, String)>,
    sources: Sources,
) -> Site {
    let kind = props
        .get("kind")
        .and_then(Value::as_str)
        .and_then(SiteKind::parse)
        .unwrap_or(SiteKind::Other);
    let text = |k: &str| props.get(k).and_then(Value::as_str).map(str::to_owned);
    Site {
        id: SiteId(id),
        position,
        name,
        name_en: text("name_en").unwrap_or_default(),
        kind,
        also_kinds: Vec::new(),
        admin: AdminPlace::default(),
        admin_en: AdminPlace::default(),
        region: None,
        address: text("address"),
        summary: text("summary")
            .or_else(|| text("description"))
            .unwrap_or_default(),
        summary_en: text("summary_en").unwrap_or_default(),
        themes: Vec::new(),
        themes_en: Vec::new(),
        opening_hours: text("opening_hours"),
        booking: None,
        designation: None,
        links: Vec::new(),
        images: Vec::new(),
        precision: Precision::unknown(),
        sources,
        extra,
    }
}

fn route(
    id: String,
    name: String,
    path: Vec<Vec<LonLat>>,
    extra: Vec<(String, String)>,
    sources: Sources,
) -> Route {
    Route::from_line(RouteId(id), name, path, sources, extra)
}
