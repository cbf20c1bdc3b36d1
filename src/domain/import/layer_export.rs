//! An imported layer written back out: as GeoJSON (RFC 7946, WGS-84, what any GIS reads
//! and what redmap's `?data=` loads) and as CSV (UTF-8 with BOM for Excel, headers that
//! the CSV importer recognises, so export → import gives the same layer back).

use crate::domain::coverage::BOM;
use crate::domain::model::{Dataset, Route, Site};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Our own property names; an extra property with one of these names gets an "extra:" prefix.
const OWN: [&str; 6] = ["id", "name", "name_en", "kind", "address", "summary"];

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
    extra_into(&s.extra, &mut props);
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [s.position.lon, s.position.lat]},
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
        part.iter().map(|p| json!([p.lon, p.lat])).collect()
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
            format!("{}", s.position.lon),
            format!("{}", s.position.lat),
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
