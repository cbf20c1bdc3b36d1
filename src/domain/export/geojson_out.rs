//! GeoJSON (RFC 7946): a FeatureCollection with a Point per stop (properties: order, name,
//! site id, description, arrive/depart "HH:MM") and a LineString for the line. Positions are
//! [lon, lat] rounded to 6 decimals (about 0.1 m), as the RFC recommends. Built with
//! `serde_json`, so every string is escaped by the serialiser.

use super::{valid, ExportPlan};
use crate::domain::geo::LonLat;
use crate::domain::trip::format_hhmm;
use serde_json::{json, Value};

fn position(p: LonLat) -> Value {
    let round = |v: f64| (v * 1e6).round() / 1e6;
    json!([round(p.lon), round(p.lat)])
}

/// The plan as a GeoJSON FeatureCollection text.
pub fn geojson(plan: &ExportPlan) -> String {
    let mut features: Vec<Value> = plan
        .stops
        .iter()
        .filter(|s| valid(s.position))
        .enumerate()
        .map(|(i, s)| {
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": position(s.position) },
                "properties": {
                    "order": i + 1,
                    "name": s.name,
                    "site_id": s.site_id,
                    "description": s.description,
                    "arrive": s.arrive_min.map(format_hhmm),
                    "depart": s.depart_min.map(format_hhmm),
                }
            })
        })
        .collect();
    let line: Vec<Value> = plan
        .line
        .iter()
        .filter(|p| valid(**p))
        .map(|&p| position(p))
        .collect();
    if line.len() >= 2 {
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": line },
            "properties": { "name": plan.title, "description": plan.description, "date": plan.date.map(|d| d.to_string()) }
        }));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_string_pretty(&collection)
        .unwrap_or_else(|_| String::from("{\"type\":\"FeatureCollection\",\"features\":[]}"))
}
