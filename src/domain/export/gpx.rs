//! GPX 1.1 (topografix.com/GPX/1/1): metadata, one waypoint per stop and one route through
//! the stops, elements in the order the schema requires. Waypoint times are arrival times
//! converted to UTC (GPX times are UTC) from China Standard Time, UTC+8, which has no summer
//! time: the sites are in China. Checked against the official XSD in `tests/export_schemas.rs`.

use super::{valid, xml_escape, ExportPlan};
use crate::domain::model::Date;
use crate::domain::trip::{add_days, MIN_PER_DAY};

/// The offset of the sites' local time from UTC, minutes (China Standard Time).
const LOCAL_UTC_OFFSET_MIN: i64 = 8 * 60;

/// The plan as a GPX 1.1 document.
pub fn gpx(plan: &ExportPlan) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gpx version=\"1.1\" creator=\"redmap\" xmlns=\"http://www.topografix.com/GPX/1/1\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n",
    ));
    out.push_str(&format!(
        "  <metadata>\n    <name>{}</name>\n    <desc>{}</desc>\n  </metadata>\n",
        xml_escape(&plan.title),
        xml_escape(&plan.description)
    ));
    let stops: Vec<_> = plan.stops.iter().filter(|s| valid(s.position)).collect();
    for s in &stops {
        let time = match (plan.date, s.arrive_min) {
            (Some(date), Some(min)) => format!("    <time>{}</time>\n", utc_time(date, min)),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  <wpt lat=\"{:.6}\" lon=\"{:.6}\">\n{time}    <name>{}</name>\n    <desc>{}</desc>\n  </wpt>\n",
            s.position.lat,
            s.position.lon,
            xml_escape(&s.name),
            xml_escape(&s.description)
        ));
    }
    out.push_str(&format!(
        "  <rte>\n    <name>{}</name>\n",
        xml_escape(&plan.title)
    ));
    for s in &stops {
        out.push_str(&format!(
            "    <rtept lat=\"{:.6}\" lon=\"{:.6}\">\n      <name>{}</name>\n    </rtept>\n",
            s.position.lat,
            s.position.lon,
            xml_escape(&s.name)
        ));
    }
    out.push_str("  </rte>\n</gpx>\n");
    out
}

/// `YYYY-MM-DDTHH:MM:00Z` for local minutes `min` since midnight of local day `date`.
pub fn utc_time(date: Date, min: u32) -> String {
    let total = i64::from(min) - LOCAL_UTC_OFFSET_MIN;
    let day_min = i64::from(MIN_PER_DAY);
    let day = add_days(date, total.div_euclid(day_min));
    let m = total.rem_euclid(day_min);
    format!("{day}T{:02}:{:02}:00Z", m / 60, m % 60)
}
