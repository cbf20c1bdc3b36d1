//! The first pass over a file: split a FeatureCollection (or a `{"activities": [...]}`
//! list) into one raw slice per record without building a value tree, then parse each
//! record on its own into a typed struct. A bad record is reported with the JSON path of
//! the field that failed and skipped; the others still load.

use super::fields::{At, Issues};
use super::json_path::error_path;
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

/// The one issue [`split_features`] reports when `text` as a whole cannot be split (invalid
/// JSON, with its line and column; a key given twice; a field of the wrong type); `None`
/// if it splits.
pub(crate) fn collection_error(
    file: &str,
    text: &str,
) -> Option<crate::domain::validate::DataIssue> {
    let mut issues = Issues::new(file);
    parse_whole::<RawCollection>(text, &mut issues)
        .is_none()
        .then(|| issues.list.pop())
        .flatten()
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
    let parsed = T::deserialize(&mut de);
    match (parsed, de.end()) {
        (Ok(v), Ok(())) => Some(v),
        (Ok(_), Err(trailing)) => {
            issues.error(String::new(), format!("invalid JSON: {trailing}"));
            None
        }
        (Err(e), _) if e.is_syntax() || e.is_eof() => {
            issues.error(String::new(), format!("invalid JSON: {e}"));
            None
        }
        (Err(e), _) => {
            issues.error(error_path(text, &e), without_position(&e));
            None
        }
    }
}

/// Parses one record; a failing record is reported with the path of the field that is wrong
/// (found from the error's position, see `json_path`) and skipped.
pub(crate) fn parse_record<'a, T: Deserialize<'a>>(
    raw: &'a RawValue,
    at: At,
    issues: &mut Issues,
) -> Option<T> {
    match serde_json::from_str(raw.get()) {
        Ok(v) => Some(v),
        Err(e) => {
            issues.error(at.raw(&error_path(raw.get(), &e)), without_position(&e));
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
    match serde_json::from_str(raw.get()) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = error_path(raw.get(), &e);
            let path = if inner.is_empty() {
                "geometry.coordinates".into()
            } else {
                format!("geometry.coordinates{inner}")
            };
            issues.error(at.raw(&path), without_position(&e));
            None
        }
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
