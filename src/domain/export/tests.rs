//! Every format is parsed back (roxmltree for XML, the geojson crate for GeoJSON) and must
//! give the same names, positions and order; hostile text must survive escaping.

use super::*;
use crate::domain::model::Date;

fn plan() -> ExportPlan {
    let stop = |i: u32, name: &str, lon: f64, lat: f64| ExportStop {
        site_id: format!("s{i}"),
        name: name.to_string(),
        description: format!("desc <{i}> & \"quoted\" 'x'\u{1}"),
        position: LonLat::new(lon, lat),
        arrive_min: Some(9 * 60 + i * 90),
        depart_min: Some(10 * 60 + i * 90),
    };
    ExportPlan {
        title: "八年级研学 <Grade 8> & co".into(),
        description: "Walk · 3.2 km".into(),
        date: Date::parse("2026-11-22"),
        stops: vec![
            stop(0, "1. 广州农民运动讲习所旧址", 113.271333, 23.1303389),
            stop(1, "2. A & B <site>", 113.1856, 23.03625),
            stop(2, "3. bad position", f64::NAN, 23.0),
        ],
        line: vec![
            LonLat::new(113.271333, 23.1303389),
            LonLat::new(113.1856, 23.03625),
        ],
    }
}

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.descendants()
        .filter(|n| n.has_tag_name(name))
        .collect()
}

fn text_of(node: roxmltree::Node, name: &str) -> String {
    children(node, name)
        .first()
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn gpx_parses_back_with_waypoints_route_and_utc_times() {
    let text = gpx(&plan());
    let doc = roxmltree::Document::parse(&text).expect("well-formed GPX");
    let root = doc.root_element();
    assert_eq!(root.attribute("version"), Some("1.1"));
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.topografix.com/GPX/1/1")
    );
    let wpts = children(root, "wpt");
    assert_eq!(
        wpts.len(),
        2,
        "the stop without a valid position is left out"
    );
    assert_eq!(text_of(wpts[1], "name"), "2. A & B <site>");
    assert_eq!(wpts[0].attribute("lat"), Some("23.130339"));
    assert_eq!(wpts[0].attribute("lon"), Some("113.271333"));
    // 09:00 in Guangzhou (UTC+8) is 01:00 UTC; stop 2 arrives 10:30 → 02:30Z.
    assert_eq!(text_of(wpts[0], "time"), "2026-11-22T01:00:00Z");
    assert_eq!(text_of(wpts[1], "time"), "2026-11-22T02:30:00Z");
    assert!(text_of(wpts[0], "desc").starts_with("desc <0> & \"quoted\" 'x'"));
    let rte = children(root, "rte");
    assert_eq!(rte.len(), 1);
    assert_eq!(children(rte[0], "rtept").len(), 2);
    assert_eq!(text_of(root, "name"), "八年级研学 <Grade 8> & co");
}

#[test]
fn utc_times_cross_midnight_both_ways() {
    let date = Date::parse("2026-01-01").expect("date");
    assert_eq!(gpx::utc_time(date, 7 * 60), "2025-12-31T23:00:00Z");
    assert_eq!(gpx::utc_time(date, 1440 + 9 * 60), "2026-01-02T01:00:00Z");
}

#[test]
fn kml_parses_back_with_placemarks_and_a_line() {
    let text = kml(&plan());
    let doc = roxmltree::Document::parse(&text).expect("well-formed KML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.opengis.net/kml/2.2")
    );
    let placemarks = children(root, "Placemark");
    assert_eq!(placemarks.len(), 3, "two stops and the line");
    assert_eq!(
        text_of(placemarks[0], "coordinates"),
        "113.271333,23.130339"
    );
    assert_eq!(
        text_of(placemarks[2], "coordinates"),
        "113.271333,23.130339 113.185600,23.036250"
    );
    assert_eq!(text_of(placemarks[1], "name"), "2. A & B <site>");
}

#[test]
fn geojson_parses_back_as_rfc7946() {
    let text = geojson(&plan());
    let parsed: geojson::GeoJson = text.parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = parsed else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 3);
    let first = &fc.features[0];
    let props = first.properties.as_ref().expect("properties");
    assert_eq!(props["name"], "1. 广州农民运动讲习所旧址");
    assert_eq!(props["arrive"], "09:00");
    assert_eq!(props["order"], 1);
    let Some(geojson::GeometryValue::Point { coordinates: p }) =
        first.geometry.as_ref().map(|g| &g.value)
    else {
        panic!("not a point")
    };
    assert_eq!(
        p.as_slice(),
        [113.271333, 23.130339],
        "lon first, 6 decimals"
    );
    let Some(geojson::GeometryValue::LineString { coordinates: line }) =
        fc.features[2].geometry.as_ref().map(|g| &g.value)
    else {
        panic!("no line")
    };
    assert_eq!(line.len(), 2);
}

#[test]
fn file_names_are_tidy() {
    assert_eq!(
        file_name("trip-2026-11-22", Format::Gpx),
        "redmap-trip-2026-11-22.gpx"
    );
    assert_eq!(
        file_name("route-Xiqiao Deputies/Survey!", Format::Kml),
        "redmap-route-xiqiao-deputies-survey.kml"
    );
    assert_eq!(file_name("路线", Format::GeoJson), "redmap-export.geojson");
    let today = Date::parse("2026-11-22").expect("date");
    assert_eq!(
        trip_file_name(&Trip::default(), today, Format::Gpx),
        "redmap-trip-2026-11-22.gpx"
    );
}

#[test]
fn xml_escape_handles_markup_and_control_characters() {
    assert_eq!(
        xml_escape("a<b>&\"c'\u{0}\u{1b}\n"),
        "a&lt;b&gt;&amp;&quot;c&apos;\n"
    );
}

#[test]
fn empty_plans_still_write_valid_documents() {
    let empty = ExportPlan {
        title: String::new(),
        description: String::new(),
        date: None,
        stops: vec![],
        line: vec![],
    };
    assert!(roxmltree::Document::parse(&gpx(&empty)).is_ok());
    assert!(roxmltree::Document::parse(&kml(&empty)).is_ok());
    assert!(geojson(&empty).parse::<geojson::GeoJson>().is_ok());
}
