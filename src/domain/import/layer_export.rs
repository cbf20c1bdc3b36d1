//! An imported layer written back out: as GeoJSON (RFC 7946, WGS-84, what any GIS reads
//! and what redmap's `?data=` loads) and as CSV (UTF-8 with BOM for Excel, headers that
//! the CSV importer recognises, so export → import gives the same layer back).

use crate::domain::coverage::BOM;
use crate::domain::model::{Dataset, PrecisionLevel, Route, Site};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Our own property names; an extra property with one of these names gets an "extra:" prefix.
const OWN: [&str; 7] = [
    "id",
    "name",
    "name_en",
    "kind",
    "address",
    "summary",
    "precision",
];

/// A coordinate rounded to 7 decimals (about 1 cm): what the file said, without the float
/// noise of a datum shift or a parse (113.17500000000001 is written 113.175).
fn coordinate(x: f64) -> f64 {
    let r = (x * 1e7).round() / 1e7;
    if r.is_finite() {
        r
    } else {
        x
    }
}

fn site_feature(s: &Site) -> Value {
    let mut props = Map::new();
    props.insert("id".into(), json!(s.id.as_str()));
    props.insert("name".into(), json!(s.name));
    if !s.name_en.is_empty() {
        props.insert("name_en".into(), json!(s.name_en));
    }
    props.insert("kind".into(), json!(s.kind.as_str()));
    if let Some(a) = &s.address {
        props.insert("address".into(), json!(a));
    }
    if !s.summary.is_empty() {
        props.insert("summary".into(), json!(s.summary));
    }
    // A stated precision (the file's own, or the importing user's) in redmap's schema, so
    // that importing the export keeps it; "not stated" is not written.
    if s.precision.level != PrecisionLevel::Unknown {
        let p = &s.precision;
        props.insert(
            "precision".into(),
            json!({"level": p.level.as_str(), "radius_m": p.radius_m, "note": p.note, "note_zh": p.note_zh}),
        );
    }
    extra_into(&s.extra, &mut props);
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [coordinate(s.position.lon), coordinate(s.position.lat)]},
        "properties": props,
    })
}

fn route_feature(r: &Route) -> Value {
    let mut props = Map::new();
    props.insert("id".into(), json!(r.id.as_str()));
    props.insert("name".into(), json!(r.name));
    if !r.description.is_empty() {
        props.insert("summary".into(), json!(r.description));
    }
    extra_into(&r.extra, &mut props);
    let line = |part: &Vec<crate::domain::model::LonLat>| -> Value {
        part.iter()
            .map(|p| json!([coordinate(p.lon), coordinate(p.lat)]))
            .collect()
    };
    let geometry = match &r.path[..] {
        [one] => json!({"type": "LineString", "coordinates": line(one)}),
        parts => {
            json!({"type": "MultiLineString", "coordinates": parts.iter().map(line).collect::<Vec<_>>()})
        }
    };
    json!({"type": "Feature", "geometry": geometry, "properties": props})
}

fn extra_into(extra: &[(String, String)], props: &mut Map<String, Value>) {
    for (k, v) in extra {
        let key = if OWN.contains(&k.as_str()) || props.contains_key(k) {
            format!("extra:{k}")
        } else {
            k.clone()
        };
        props.insert(key, json!(v));
    }
}

/// The layer's sites and routes as a GeoJSON FeatureCollection.
pub fn layer_geojson(data: &Dataset) -> String {
    let features: Vec<Value> = data
        .sites
        .iter()
        .map(site_feature)
        .chain(data.routes.iter().map(route_feature))
        .collect();
    let fc = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&fc).unwrap_or_default()
}

/// The layer's sites as CSV (routes have no place in a table of points).
pub fn layer_csv(data: &Dataset) -> String {
    let keys: BTreeSet<&str> = data
        .sites
        .iter()
        .flat_map(|s| s.extra.iter().map(|(k, _)| k.as_str()))
        .collect();
    let fixed = [
        "id", "名称", "经度", "纬度", "类型", "地址", "简介", "省", "市", "区县", "镇街",
    ];
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = fixed.iter().copied().chain(keys.iter().copied()).collect();
    let _ = w.write_record(&header);
    for s in &data.sites {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut row = vec![
            s.id.to_string(),
            s.name.clone(),
            format!("{}", coordinate(s.position.lon)),
            format!("{}", coordinate(s.position.lat)),
            s.kind.as_str().to_owned(),
            opt(&s.address),
            s.summary.clone(),
            opt(&s.admin.province),
            opt(&s.admin.city),
            opt(&s.admin.county),
            opt(&s.admin.town),
        ];
        row.extend(keys.iter().map(|k| {
            s.extra
                .iter()
                .find(|(ek, _)| ek == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }));
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::CoordSystem;
    use crate::domain::import::ImportFormat;
    use crate::domain::model::LonLat;

    #[test]
    fn coordinates_are_written_to_7_decimals_without_float_noise() {
        let b = super::super::build::Builder::new("f.csv", ImportFormat::Csv, CoordSystem::Wgs84);
        let mut data = Dataset::default();
        let noisy = LonLat::new(113.17500000000001, 23.099999999999998);
        data.sites.push(b.site("a".into(), "甲".into(), noisy));
        data.routes.push(b.route(
            "r".into(),
            "线".into(),
            vec![vec![noisy, LonLat::new(113.123456789, 23.2)]],
        ));
        let geojson = layer_geojson(&data);
        assert!(geojson.contains("113.175,"), "{geojson}");
        assert!(
            geojson.contains("23.1\n") || geojson.contains("23.1]"),
            "{geojson}"
        );
        assert!(geojson.contains("113.1234568"), "{geojson}");
        assert!(!geojson.contains("0000000"), "{geojson}");
        let csv = layer_csv(&data);
        assert!(csv.contains(",113.175,23.1,"), "{csv}");
    }
}
