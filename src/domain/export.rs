//! Exports a trip or a themed route for GPS apps and GIS: GPX 1.1 (waypoints with names and
//! one route), KML 2.2 (a placemark per stop and the line) and GeoJSON (RFC 7946: a point per
//! stop and the line), with file names like `redmap-trip-2026-11-22.gpx`.
//!
//! The formats take an [`ExportPlan`] (stops with names, descriptions, positions and times),
//! built here from a trip's schedule or a data route. Text from the data is escaped for XML
//! and serialised by `serde_json`, never spliced in raw. Pure: strings in, strings out.

mod geojson_out;
mod gpx;
mod kml;

pub use geojson_out::geojson;
pub use gpx::gpx;
pub use kml::kml;

use crate::domain::geo::LonLat;
use crate::domain::model::{Dataset, Date, Route, Site};
use crate::domain::trip::{format_hhmm, plan, resolve, Trip};

/// One stop to export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportStop {
    pub site_id: String,
    pub name: String,
    pub description: String,
    pub position: LonLat,
    /// Minutes since the trip day's midnight, for trips (routes have no times).
    pub arrive_min: Option<u32>,
    pub depart_min: Option<u32>,
}

/// A trip or route, ready to write in any format.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPlan {
    pub title: String,
    pub description: String,
    /// The trip's day: GPX waypoints get times only when it is known.
    pub date: Option<Date>,
    pub stops: Vec<ExportStop>,
    /// The line to draw: the stops in order for a trip, the drawn path for a route.
    pub line: Vec<LonLat>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gpx,
    Kml,
    GeoJson,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Gpx, Format::Kml, Format::GeoJson];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Gpx => "gpx",
            Format::Kml => "kml",
            Format::GeoJson => "geojson",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Gpx => "application/gpx+xml",
            Format::Kml => "application/vnd.google-earth.kml+xml",
            Format::GeoJson => "application/geo+json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Gpx => "GPX",
            Format::Kml => "KML",
            Format::GeoJson => "GeoJSON",
        }
    }

    /// The file's text.
    pub fn write(self, plan: &ExportPlan) -> String {
        match self {
            Format::Gpx => gpx(plan),
            Format::Kml => kml(plan),
            Format::GeoJson => geojson(plan),
        }
    }
}

/// `redmap-<stem>.<ext>`, the stem reduced to `a-z 0-9 -` (e.g. `trip-2026-11-22`).
pub fn file_name(stem: &str, format: Format) -> String {
    let mut clean = String::new();
    for c in stem.chars().map(|c| c.to_ascii_lowercase()) {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && (clean.is_empty() || clean.ends_with('-'))) {
            clean.push(c);
        }
    }
    let clean = clean.trim_end_matches('-');
    let clean = if clean.is_empty() { "export" } else { clean };
    format!("redmap-{clean}.{}", format.extension())
}

/// The file name of a trip's export: its date, or `today` when the trip has none.
pub fn trip_file_name(trip: &Trip, today: Date, format: Format) -> String {
    file_name(&format!("trip-{}", trip.date.unwrap_or(today)), format)
}

fn pick(english: bool, zh: &str, en: &str) -> String {
    if english && !en.is_empty() { en } else { zh }.to_string()
}

fn site_text(site: &Site, english: bool) -> Vec<String> {
    let summary = pick(english, &site.summary, &site.summary_en);
    site.address
        .iter()
        .cloned()
        .chain(Some(summary))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A trip with its schedule; stops not in the data are left out (they have no position).
pub fn trip_plan(trip: &Trip, dataset: &Dataset, english: bool) -> ExportPlan {
    let schedule = plan(trip, dataset);
    let mut stops = Vec::new();
    for (site, times) in resolve(trip, dataset).into_iter().zip(&schedule.stops) {
        let (Some(site), Some(times)) = (site, times) else {
            continue;
        };
        // "≈" where the times rest on an approximate or unknown leg, as the planner says.
        let mut text = vec![format!(
            "{}{}–{}",
            if times.approximate { "≈ " } else { "" },
            format_hhmm(times.arrive_min),
            format_hhmm(times.depart_min)
        )];
        text.extend(site_text(site, english));
        stops.push(ExportStop {
            site_id: site.id.to_string(),
            name: format!(
                "{}. {}",
                stops.len() + 1,
                pick(english, &site.name, &site.name_en)
            ),
            description: text.join(" · "),
            position: site.position,
            arrive_min: Some(times.arrive_min),
            depart_min: Some(times.depart_min),
        });
    }
    let title = if trip.title.trim().is_empty() {
        pick(english, "研学行程", "Field trip")
    } else {
        trip.title.clone()
    };
    ExportPlan {
        title,
        // The straight-line distance as certain as the stops are placed, worded as the
        // planner and the handout word it.
        description: format!(
            "{} · {} · {}",
            pick(english, trip.mode.label_zh(), trip.mode.label_en()),
            schedule.span.text(english),
            format_hhmm(trip.start_min)
        ),
        date: trip.date,
        line: stops.iter().map(|s| s.position).collect(),
        stops,
    }
}

/// A themed route from the data: its stops (in the data's order) and its drawn path.
pub fn route_plan(route: &Route, dataset: &Dataset, english: bool) -> ExportPlan {
    let stops: Vec<ExportStop> = dataset
        .route_stops(route)
        .into_iter()
        .enumerate()
        .map(|(i, site)| ExportStop {
            site_id: site.id.to_string(),
            name: format!("{}. {}", i + 1, pick(english, &site.name, &site.name_en)),
            description: site_text(site, english).join(" · "),
            position: site.position,
            arrive_min: None,
            depart_min: None,
        })
        .collect();
    ExportPlan {
        title: pick(english, &route.name, &route.name_en),
        description: format!(
            "{} · {}",
            route.theme,
            pick(english, &route.description, &route.description_en)
        ),
        date: None,
        line: route.path.iter().flatten().copied().collect(),
        stops,
    }
}

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Positions fit for a file: finite and on the globe.
fn valid(p: LonLat) -> bool {
    p.is_finite() && (-90.0..=90.0).contains(&p.lat) && (-180.0..180.0).contains(&p.lon)
}

#[cfg(test)]
mod tests;
