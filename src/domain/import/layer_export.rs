//! An imported layer written back out: as GeoJSON (RFC 7946, WGS-84, what any GIS reads
//! and what redmap's `?data=` loads) and as CSV (UTF-8 with BOM for Excel, headers that
//! the CSV importer recognises, so export → import gives the same layer back).
//!
//! Activities go too, never silently dropped: in the GeoJSON as a top-level
//! `"activities"` list in redmap's own activities schema (what `activities.json` holds;
//! the GeoJSON importer reads it back), in the CSV as one row per activity carrying its
//! site's columns plus 日期/活动名称/活动类型/场次/参与人数 (the importer merges rows with
//! the same name and position into one site, each row giving its activity). An activity
//! tied to a region, not a site, has no row in a table of points: GeoJSON only.

use crate::domain::coverage::BOM;
use crate::domain::model::{
    Activity, ActivityDate, ActivityTarget, Dataset, PrecisionLevel, Qualifier, Route, Site,
};
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

/// An activity in redmap's activities schema (see `geodata::parse_activities`).
fn activity_json(a: &Activity) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(a.id.as_str()));
    match &a.target {
        ActivityTarget::Site(s) => o.insert("site".into(), json!(s.as_str())),
        ActivityTarget::Region(r) => o.insert("region".into(), json!(r.as_str())),
    };
    match a.date {
        ActivityDate::Range { start, end } => {
            o.insert("start".into(), json!(start.to_string()));
            o.insert("end".into(), json!(end.to_string()));
        }
        d => {
            o.insert("date".into(), json!(d.to_string()));
        }
    }
    if let Some(r) = a.recurrence {
        o.insert("recurrence".into(), json!(r.as_str()));
    }
    o.insert("type".into(), json!(a.kind.as_str()));
    o.insert("title".into(), json!(a.title));
    if !a.title_en.is_empty() {
        o.insert("title_en".into(), json!(a.title_en));
    }
    if let Some(n) = a.sessions {
        o.insert("sessions".into(), json!(n));
    }
    if let Some(n) = a.participants {
        o.insert("participants".into(), json!(n));
    }
    if let Some(q) = a.participants_qualifier {
        o.insert("participants_qualifier".into(), json!(q.as_str()));
    }
    if let Some(org) = &a.organiser {
        o.insert("organiser".into(), json!(org));
    }
    if let Some(note) = &a.note {
        o.insert("note".into(), json!(note));
    }
    let sources: Vec<Value> = a
        .sources
        .iter()
        .map(|s| json!({"doc": s.doc, "says": s.says}))
        .collect();
    o.insert("sources".into(), Value::Array(sources));
    Value::Object(o)
}

/// The layer's sites and routes as a GeoJSON FeatureCollection, and its activities (if
/// any) as a top-level `"activities"` list.
pub fn layer_geojson(data: &Dataset) -> String {
    let features: Vec<Value> = data
        .sites
        .iter()
        .map(site_feature)
        .chain(data.routes.iter().map(route_feature))
        .collect();
    let mut fc = json!({"type": "FeatureCollection", "features": features});
    if !data.activities.is_empty() {
        let list: Vec<Value> = data.activities.iter().map(activity_json).collect();
        fc["activities"] = Value::Array(list);
    }
    serde_json::to_string_pretty(&fc).unwrap_or_default()
}

/// A count as the CSV importer reads it back, qualifier included ("约500", "500多").
fn count_text(n: u64, q: Option<Qualifier>) -> String {
    match q {
        None => n.to_string(),
        Some(Qualifier::About) => format!("约{n}"),
        Some(Qualifier::Over) => format!("{n}多"),
    }
}

/// A date as the CSV importer reads it back (a range as "start至end").
fn date_text(d: ActivityDate) -> String {
    match d {
        ActivityDate::Range { start, end } => format!("{start}至{end}"),
        d => d.to_string(),
    }
}

/// The layer's sites as CSV, one row per site, or one per activity at a site that has
/// activities (routes have no place in a table of points).
pub fn layer_csv(data: &Dataset) -> String {
    let keys: BTreeSet<&str> = data
        .sites
        .iter()
        .flat_map(|s| s.extra.iter().map(|(k, _)| k.as_str()))
        .collect();
    let mut by_site: std::collections::HashMap<&str, Vec<&Activity>> =
        std::collections::HashMap::new();
    for a in &data.activities {
        if let ActivityTarget::Site(s) = &a.target {
            by_site.entry(s.as_str()).or_default().push(a);
        }
    }
    let with_activities = !by_site.is_empty();
    let mut fixed = vec![
        "id", "名称", "经度", "纬度", "类型", "地址", "简介", "省", "市", "区县", "镇街",
    ];
    if with_activities {
        fixed.extend(["日期", "活动名称", "活动类型", "场次", "参与人数"]);
    }
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
        let extra = keys.iter().map(|k| {
            s.extra
                .iter()
                .find(|(ek, _)| ek == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        });
        let activities = by_site.get(s.id.as_str()).map_or(&[][..], Vec::as_slice);
        if activities.is_empty() {
            if with_activities {
                row.extend(std::iter::repeat_n(String::new(), 5));
            }
            row.extend(extra);
            let _ = w.write_record(&row);
            continue;
        }
        let extra: Vec<String> = extra.collect();
        for a in activities {
            let mut r = row.clone();
            r.extend([
                date_text(a.date),
                a.title.clone(),
                a.kind.label_zh().to_owned(),
                a.sessions.map(|n| n.to_string()).unwrap_or_default(),
                a.participants
                    .map(|n| count_text(n, a.participants_qualifier))
                    .unwrap_or_default(),
            ]);
            r.extend(extra.iter().cloned());
            let _ = w.write_record(&r);
        }
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
