//! The app's URL state: which data, which view, which place, which language.
//!
//! Parsed defensively from already-decoded query pairs (the browser's `URLSearchParams`
//! does the percent-decoding): a malformed, oversized or unknown value becomes a problem
//! message and the default, never a panic or an empty page. Pure: no browser types.

use crate::domain::import::StatedPrecision;

/// The map view in a URL: `v=zoom/lat/lon`, the order OpenStreetMap uses (`#map=z/lat/lon`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewParam {
    pub zoom: f64,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Permalink {
    /// `?data=<url>`: a GeoJSON FeatureCollection or a redmap `dataset.json` to load instead.
    pub data_url: Option<String>,
    pub view: Option<ViewParam>,
    /// `?site=<id>`: the selected site.
    pub site: Option<String>,
    /// `?route=<id>`: the selected route.
    pub route: Option<String>,
    /// `?lang=zh|en`.
    pub lang: Option<String>,
    /// `?precision=10m|100m|1km|not_stated`: how exact the `?data=` file's positions are, as
    /// the user who shared the link stated it (`domain::import::StatedPrecision`).
    pub precision: Option<StatedPrecision>,
    /// Whether the link brings a trip (`?trip=`, read by the planner): without a view, the
    /// map opens on its stops.
    pub trip: bool,
}

/// Longest value accepted for any parameter; longer ones are ignored with a message.
pub const MAX_VALUE_LEN: usize = 2048;
pub const MAX_ZOOM: f64 = 22.0;

/// Longest part of a bad value echoed in a message.
const MAX_QUOTED_CHARS: usize = 60;

/// A value as quoted in a message: control characters escaped, cut after 60 characters
/// (a 100 KB parameter must not become a 100 KB message).
pub fn quoted(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_QUOTED_CHARS).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{}{more}\"", head.escape_debug())
}

/// Reads the pairs of a query string. Returns the state and one message per ignored value.
pub fn parse(pairs: &[(String, String)]) -> (Permalink, Vec<String>) {
    let mut link = Permalink::default();
    let mut problems = Vec::new();
    for (key, value) in pairs {
        // A shared trip has its own, larger limit and message (`trip::decode`).
        if value.len() > MAX_VALUE_LEN && key != "trip" {
            problems.push(format!(
                "{key}: value longer than {MAX_VALUE_LEN} characters, ignored"
            ));
            continue;
        }
        match key.as_str() {
            "data" => link.data_url = parse_data_url(value, &mut problems),
            "v" => match parse_view(value) {
                Ok(view) => link.view = Some(view),
                Err(why) => problems.push(format!("v: {why}; showing the default view")),
            },
            "site" => link.site = parse_id(key, value, &mut problems),
            "route" => link.route = parse_id(key, value, &mut problems),
            "lang" => match value.as_str() {
                "zh" | "en" => link.lang = Some(value.clone()),
                _ => problems.push(format!(
                    "lang: unknown language {} (zh or en)",
                    quoted(value)
                )),
            },
            "precision" => match StatedPrecision::parse(value) {
                Some(p) => link.precision = Some(p),
                None => problems.push(format!(
                    "precision: unknown value {} (10m, 100m, 1km or not_stated); the data's precision is not stated",
                    quoted(value)
                )),
            },
            "trip" => link.trip = true,
            // Other keys belong to other features (filters, trips, embed) or to nobody.
            _ => {}
        }
    }
    (link, problems)
}

/// Parses `zoom/lat/lon`. Every part must be a finite number in range.
pub fn parse_view(text: &str) -> Result<ViewParam, String> {
    let parts: Vec<&str> = text.split('/').collect();
    let [zoom, lat, lon] = parts.as_slice() else {
        return Err(format!("{} is not zoom/lat/lon", quoted(text)));
    };
    let number = |s: &str, name: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{name} {} is not a number", quoted(s)))
    };
    let (zoom_text, lat_text, lon_text) = (*zoom, *lat, *lon);
    let (zoom, lat, lon) = (
        number(zoom, "zoom")?,
        number(lat, "lat")?,
        number(lon, "lon")?,
    );
    // The messages quote what was written: 1e308 printed as a number is 309 digits.
    if !(0.0..=MAX_ZOOM).contains(&zoom) {
        return Err(format!(
            "zoom {} is outside 0..{MAX_ZOOM}",
            quoted(zoom_text)
        ));
    }
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        let written = format!("{lat_text}/{lon_text}");
        return Err(format!("lat/lon {} out of range", quoted(&written)));
    }
    Ok(ViewParam { zoom, lat, lon })
}

/// Formats a view with just enough decimals for the zoom (about 1 px of precision).
pub fn format_view(view: ViewParam) -> String {
    let decimals = ((view.zoom * std::f64::consts::LOG10_2).ceil() as usize + 2).clamp(2, 7);
    format!(
        "{:.2}/{:.*}/{:.*}",
        view.zoom, decimals, view.lat, decimals, view.lon
    )
}

fn parse_data_url(value: &str, problems: &mut Vec<String>) -> Option<String> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let relative = !lower.contains(':') && !v.is_empty();
    if scheme_ok || relative {
        Some(v.to_string())
    } else {
        problems.push(format!(
            "data: {} is not an http(s) or relative URL; loading the bundled data",
            quoted(v)
        ));
        None
    }
}

fn parse_id(key: &str, value: &str, problems: &mut Vec<String>) -> Option<String> {
    let ok = !value.is_empty() && value.len() <= 200 && !value.chars().any(char::is_control);
    if ok {
        Some(value.to_string())
    } else {
        problems.push(format!("{key}: {} is not a valid id", quoted(value)));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::pairs;

    #[test]
    fn reads_every_known_parameter() {
        let (link, problems) = parse(&pairs(&[
            ("data", "https://example.org/sites.geojson"),
            ("v", "12.5/23.0363/113.1856"),
            ("site", "yuejiang-tower"),
            ("lang", "en"),
        ]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            link.data_url.as_deref(),
            Some("https://example.org/sites.geojson")
        );
        assert_eq!(
            link.view,
            Some(ViewParam {
                zoom: 12.5,
                lat: 23.0363,
                lon: 113.1856
            })
        );
        assert_eq!(link.site.as_deref(), Some("yuejiang-tower"));
        assert_eq!(link.lang.as_deref(), Some("en"));
    }

    #[test]
    fn bad_values_become_messages_and_defaults() {
        let (link, problems) = parse(&pairs(&[
            ("v", "99/1/2"),
            ("data", "javascript:alert(1)"),
            ("lang", "fr"),
            ("site", ""),
        ]));
        assert_eq!(link, Permalink::default());
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("v: zoom \"99\""), "{problems:?}");
        assert!(problems[1].contains("not an http(s) or relative URL"));
    }

    #[test]
    fn the_data_files_stated_precision_is_read_and_a_bad_one_said() {
        let (link, problems) = parse(&pairs(&[("precision", "10m"), ("trip", "1~w")]));
        assert_eq!(link.precision, Some(StatedPrecision::About10m));
        assert!(link.trip);
        assert!(problems.is_empty());
        let (link, problems) = parse(&pairs(&[("precision", "about 5 m")]));
        assert_eq!(link.precision, None);
        assert_eq!(
            problems,
            vec!["precision: unknown value \"about 5 m\" (10m, 100m, 1km or not_stated); the data's precision is not stated"]
        );
    }

    #[test]
    fn rejects_malformed_views() {
        for bad in [
            "", "1/2", "a/b/c", "NaN/1/1", "3/inf/1", "3/95/1", "3/1/190", "1/2/3/4",
        ] {
            assert!(parse_view(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn oversized_values_are_ignored() {
        let long = "x".repeat(MAX_VALUE_LEN + 1);
        let (link, problems) = parse(&pairs(&[("site", &long)]));
        assert_eq!(link.site, None);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn messages_quote_at_most_a_short_escaped_part_of_the_value() {
        assert_eq!(quoted("a\u{0}b"), "\"a\\0b\"");
        let long = "字".repeat(600);
        let (_, problems) = parse(&pairs(&[("lang", &long), ("v", &"x".repeat(2000))]));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems.iter().all(|p| p.chars().count() < 120),
            "{problems:?}"
        );
        assert!(problems[0].contains("字…\""), "{problems:?}");
        let (_, problems) = parse(&pairs(&[("v", "1e308/-1e308/1e308")]));
        assert_eq!(
            problems,
            ["v: zoom \"1e308\" is outside 0..22; showing the default view"]
        );
    }

    #[test]
    fn view_round_trips_through_text() {
        let view = ViewParam {
            zoom: 9.25,
            lat: 23.048930,
            lon: 112.460910,
        };
        let back = parse_view(&format_view(view)).expect("parses");
        assert!((back.lat - view.lat).abs() < 1e-4 && (back.lon - view.lon).abs() < 1e-4);
        assert_eq!(back.zoom, 9.25);
    }
}
