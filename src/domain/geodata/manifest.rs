//! `dataset.json`: the manifest that lists the layer files, their titles and legend order.

use super::fields::{required, vocab, At, Issues};
use super::raw::parse_record;
use crate::domain::model::{Layer, LayerType, Manifest};
use crate::domain::validate::DataIssue;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct RawManifest<'a> {
    title: Option<String>,
    title_en: Option<String>,
    #[serde(borrow)]
    layers: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct RawLayer {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    file: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    visible: Option<bool>,
    order: Option<i64>,
    points: Option<String>,
    lines: Option<String>,
}

/// Parses the manifest; each bad layer is reported and left out.
pub(crate) fn manifest(text: &str, issues: &mut Issues) -> Option<Manifest> {
    let raw: RawManifest = match serde_json::from_str(text) {
        Ok(m) => m,
        Err(e) => {
            issues.error(String::new(), format!("invalid manifest: {e}"));
            return None;
        }
    };
    let mut layers: Vec<Layer> = Vec::new();
    for (index, raw) in raw.layers.unwrap_or_default().into_iter().enumerate() {
        let at = At {
            list: "layers",
            index,
            props: false,
        };
        let Some(l) = parse_record::<RawLayer>(raw, at, issues) else {
            continue;
        };
        let id = required(l.id, at, "id", issues);
        let kind = vocab::<LayerType>(l.kind.as_deref(), at, "type", issues);
        let file = required(l.file, at, "file", issues);
        let title = required(l.title, at, "title", issues);
        if let Some(k) = kind.filter(|k| layers.iter().any(|o| o.kind == *k)) {
            issues.error(
                at.field("type"),
                format!("a second layer of type \"{k}\": one per type is supported"),
            );
            continue;
        }
        let (Some(id), Some(kind), Some(file), Some(title)) = (id, kind, file, title) else {
            continue;
        };
        layers.push(Layer {
            id,
            kind,
            file,
            title,
            title_en: l.title_en.unwrap_or_default(),
            visible: l.visible.unwrap_or(true),
            order: l.order.unwrap_or(index as i64),
            points: l.points.filter(|_| kind == LayerType::Sites),
            lines: l.lines.filter(|_| kind == LayerType::Routes),
        });
    }
    let title = raw.title.unwrap_or_else(|| {
        issues.error("title".into(), "missing title");
        String::new()
    });
    Some(Manifest {
        title,
        title_en: raw.title_en.unwrap_or_default(),
        layers,
    })
}

#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow)]
    layers: Option<&'a RawValue>,
}

/// `?data=` text that is a redmap manifest (a JSON object with "layers") rather than any
/// GeoJSON: the manifest read as leniently as from disk (a layer without `title_en` or
/// `visible` still loads; each bad layer is reported), with its issues; else `None`.
pub fn manifest_of(file: &str, text: &str) -> Option<(Manifest, Vec<DataIssue>)> {
    let probe: Probe = serde_json::from_str(text).ok()?;
    probe.layers?;
    let mut issues = Issues::new(file);
    let m = manifest(text, &mut issues)?;
    Some((m, issues.list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_is_told_from_geojson_and_read_leniently() {
        let text = r#"{"title": "t", "title_en": "t", "layers": [
            {"id": "s", "type": "sites", "file": "sites.geojson", "title": "地点"}]}"#;
        let (m, issues) = manifest_of("dataset.json", text).expect("a manifest");
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(m.layers[0].file, "sites.geojson");
        assert!(m.layers[0].visible);
        let geojson = r#"{"type": "FeatureCollection", "features": []}"#;
        assert!(manifest_of("a.geojson", geojson).is_none());
        assert!(manifest_of("a.geojson", "not json").is_none());
    }
}
