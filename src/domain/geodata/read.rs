//! Reading a whole layer file record by record: each record is parsed, checked and
//! converted by a layer-specific function, and its list index kept for issue paths.

use super::fields::{At, Issues};
use super::raw::{parse_record, split_features, split_records, RawFeature};
use super::stream::stream_features;
use serde::Deserialize;

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
pub(crate) fn accept<'a, P, T>(
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
