//! The first pass over a file: split a FeatureCollection (or a `{"activities": [...]}`
//! list) into one raw slice per record without building a value tree, then parse each
//! record on its own into a typed struct. A bad record is reported with the JSON path of
//! the field that failed and skipped; the others still load.

use super::fields::{At, Issues};
use super::stream::stream_features;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

#[derive(Deserialize)]
struct RawCollection<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    features: Option<Vec<&'a RawValue>>,
}

/// The features of a FeatureCollection, as raw slices of `text`.
pub(crate) fn split_features<'a>(text: &'a str, issues: &mut Issues) -> Vec<&'a RawValue> {
    let Some(c) = parse_whole::<RawCollection>(text, issues) else {
        return vec![];
    };
    if c.kind.as_deref() != Some("FeatureCollection") {
        let found = c
            .kind
            .as_deref()
            .map_or("none".to_owned(), |k| format!("\"{k}\""));
        issues.error(
            "type".into(),
            format!("expected \"FeatureCollection\", found {found}"),
        );
    }
    c.features.unwrap_or_else(|| {
        issues.error("features".into(), "missing features");
        vec![]
    })
}

#[derive(Deserialize)]
struct RawRecords<'a> {
    #[serde(borrow)]
    activities: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    visits: Option<Vec<&'a RawValue>>,
}

/// The records under `list` ("activities" or "visits") of a plain JSON file.
pub(crate) fn split_records<'a>(
    text: &'a str,
    list: &str,
    issues: &mut Issues,
) -> Vec<&'a RawValue> {
    let Some(r) = parse_whole::<RawRecords>(text, issues) else {
        return vec![];
    };
    let found = if list == "visits" {
        r.visits
    } else {
        r.activities
    };
    found.unwrap_or_else(|| {
        issues.error(list.into(), format!("missing \"{list}\" list"));
        vec![]
    })
}

/// Parses a whole file, reporting invalid JSON (with line and column) or a wrong shape.
fn parse_whole<'a, T: Deserialize<'a>>(text: &'a str, issues: &mut Issues) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut de);
    match (parsed, de.end()) {
        (Ok(v), Ok(())) => Some(v),
        (Ok(_), Err(trailing)) => {
            issues.error(String::new(), format!("invalid JSON: {trailing}"));
            None
        }
        (Err(e), _) if e.inner().is_syntax() || e.inner().is_eof() => {
            issues.error(String::new(), format!("invalid JSON: {}", e.inner()));
            None
        }
        (Err(e), _) => {
            issues.error(path_text(e.path()), without_position(e.inner()));
            None
        }
    }
}

/// Parses one record. The fast path is plain serde; only a failing record is parsed again
/// with path tracking to say which field is wrong.
pub(crate) fn parse_record<'a, T: Deserialize<'a>>(
    raw: &'a RawValue,
    at: At,
    issues: &mut Issues,
) -> Option<T> {
    if let Ok(v) = serde_json::from_str(raw.get()) {
        return Some(v);
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = path_text(e.path());
            issues.error(at.raw(&inner), without_position(e.inner()));
            None
        }
    }
}

/// Parses coordinates (an owned parse: they are numbers only) and reports the failing path.
pub(crate) fn parse_coords<T: DeserializeOwned>(
    raw: &RawValue,
    at: At,
    issues: &mut Issues,
) -> Option<T> {
    if let Ok(v) = serde_json::from_str(raw.get()) {
        return Some(v);
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = path_text(e.path());
            let path = if inner.is_empty() {
                "geometry.coordinates".into()
            } else {
                format!("geometry.coordinates{inner}")
            };
            issues.error(at.raw(&path), without_position(e.inner()));
            None
        }
    }
}

/// serde_path_to_error writes the root as "."; we write it as "".
fn path_text(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." {
        String::new()
    } else {
        p
    }
}

/// serde_json's message without " at line 1 column 40", which is relative to the record's
/// own slice and would mislead.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// A GeoJSON Feature with typed `properties`.
#[derive(Deserialize)]
#[serde(bound(deserialize = "P: Deserialize<'de>"))]
pub(crate) struct RawFeature<'a, P> {
    #[serde(rename = "type", borrow)]
    pub kind: Option<Cow<'a, str>>,
    /// The feature-level id (RFC 7946 §3.2); only foreign data uses it.
    pub id: Option<serde_json::Value>,
    #[serde(borrow)]
    pub geometry: Option<super::geometry::RawGeometry<'a>>,
    pub properties: Option<P>,
}

/// Reads every feature of a FeatureCollection with `convert`, keeping the list index of
/// each record that converts. A well-formed file is streamed in one typed pass; only when
/// that fails is it split into per-feature slices, so that each bad feature is reported
/// at its path while the good ones still load.
pub(crate) fn read_features<'a, P, T>(
    text: &'a str,
    issues: &mut Issues,
    mut convert: impl FnMut(RawFeature<'a, P>, At, &mut Issues) -> Option<T>,
) -> (Vec<T>, Vec<usize>)
where
    P: Deserialize<'a>,
{
    // A guess at the feature count (a small site feature is ~300 bytes) saves most of the
    // copying while the list grows; it only affects speed.
    let mut records = Vec::with_capacity(text.len() / 400);
    let mut indices = Vec::with_capacity(text.len() / 400);
    let before = issues.list.len();
    let streamed = stream_features(text, &mut |index, feature| {
        accept(
            index,
            feature,
            &mut convert,
            issues,
            &mut records,
            &mut indices,
        )
    });
    if !streamed {
        // Start again from nothing: the slow path reports every problem itself.
        issues.list.truncate(before);
        records.clear();
        indices.clear();
        for (index, raw) in split_features(text, issues).into_iter().enumerate() {
            let at = At {
                list: "features",
                index,
                props: true,
            };
            if let Some(feature) = parse_record::<RawFeature<P>>(raw, at, issues) {
                accept(
                    index,
                    feature,
                    &mut convert,
                    issues,
                    &mut records,
                    &mut indices,
                );
            }
        }
    }
    (records, indices)
}

/// Checks a feature's `type` and converts it, keeping its index if it converts.
fn accept<'a, P, T>(
    index: usize,
    feature: RawFeature<'a, P>,
    convert: &mut impl FnMut(RawFeature<'a, P>, At, &mut Issues) -> Option<T>,
    issues: &mut Issues,
    records: &mut Vec<T>,
    indices: &mut Vec<usize>,
) {
    let at = At {
        list: "features",
        index,
        props: true,
    };
    if feature.kind.as_deref() != Some("Feature") {
        issues.error(at.raw("type"), "expected \"type\": \"Feature\"");
    } else if let Some(t) = convert(feature, at, issues) {
        records.push(t);
        indices.push(index);
    }
}

/// Reads every record under `list` of a plain JSON file with `convert`.
pub(crate) fn read_records<'a, R, T>(
    text: &'a str,
    list: &'static str,
    issues: &mut Issues,
    mut convert: impl FnMut(R, At, &mut Issues) -> Option<T>,
) -> (Vec<T>, Vec<usize>)
where
    R: Deserialize<'a>,
{
    let raws = split_records(text, list, issues);
    let mut records = Vec::with_capacity(raws.len());
    let mut indices = Vec::with_capacity(raws.len());
    for (index, raw) in raws.into_iter().enumerate() {
        let at = At {
            list,
            index,
            props: false,
        };
        if let Some(t) = parse_record::<R>(raw, at, issues).and_then(|r| convert(r, at, issues)) {
            records.push(t);
            indices.push(index);
        }
    }
    (records, indices)
}
