//! KML 2.2 (OGC): a document with a placemark per stop and one for the line, elements in the
//! order of the OGC schema. Coordinates are "lon,lat". Checked against the OGC XSD in
//! `tests/export_schemas.rs`.

use super::{valid, xml_escape, ExportPlan};

/// The line's style: KML colours are aabbggrr (this is the planner's orange, opaque).
const LINE_STYLE: &str = "    <Style id=\"line\">\n      <LineStyle>\n        <color>ff006fff</color>\n        <width>4</width>\n      </LineStyle>\n    </Style>\n";

/// The plan as a KML 2.2 document.
pub fn kml(plan: &ExportPlan) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n  <Document>\n",
    );
    out.push_str(&format!(
        "    <name>{}</name>\n    <description>{}</description>\n",
        xml_escape(&plan.title),
        xml_escape(&plan.description)
    ));
    out.push_str(LINE_STYLE);
    for s in plan.stops.iter().filter(|s| valid(s.position)) {
        out.push_str(&format!(
            "    <Placemark>\n      <name>{}</name>\n      <description>{}</description>\n      <Point><coordinates>{:.6},{:.6}</coordinates></Point>\n    </Placemark>\n",
            xml_escape(&s.name),
            xml_escape(&s.description),
            s.position.lon,
            s.position.lat
        ));
    }
    let line: Vec<String> = plan
        .line
        .iter()
        .filter(|p| valid(**p))
        .map(|p| format!("{:.6},{:.6}", p.lon, p.lat))
        .collect();
    if line.len() >= 2 {
        out.push_str(&format!(
            "    <Placemark>\n      <name>{}</name>\n      <styleUrl>#line</styleUrl>\n      <LineString>\n        <tessellate>1</tessellate>\n        <coordinates>{}</coordinates>\n      </LineString>\n    </Placemark>\n",
            xml_escape(&plan.title),
            line.join(" ")
        ));
    }
    out.push_str("  </Document>\n</kml>\n");
    out
}
