//! Reading the dataset's files (GeoJSON and plain JSON text) into the typed model.
//!
//! Each `parse_*` function takes a file's name and text and returns the records that
//! loaded plus an issue for every problem (file, JSON path, message, severity): a bad
//! record is reported and skipped, the others still load. [`load_dataset`] assembles a
//! [`Dataset`] from the manifest and its layer files and runs the cross-file checks;
//! [`parse_foreign_geojson`] reads any GeoJSON a user brings. The browser app fetches the
//! files and hands their text here; nothing in this module touches disk or network.
//!
//! Speed: a FeatureCollection is first split into raw per-feature slices (no value tree),
//! then each feature is parsed straight into a typed struct.

mod fields;
mod foreign;
mod geometry;
mod load;
mod manifest;
mod raw;
mod records;
mod regions;
mod routes;
mod sites;

pub use load::{load_dataset, load_layer, parse_dataset, MANIFEST_FILE};

use crate::domain::model::{Activity, Dataset, Manifest, Region, Route, Site, Visit};
use crate::domain::validate::{check_dataset_with, DataIssue, Origin, Origins};
use fields::Issues;

/// What parsing one layer file gives: the records that loaded, where each came from, and
/// every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub records: Vec<T>,
    /// The file and list index of each record, for cross-file issue paths.
    pub origin: Origin,
    pub issues: Vec<DataIssue>,
}

/// Parses a sites file (Point features).
pub fn parse_sites(file: &str, text: &str) -> Parsed<Site> {
    let mut issues = Issues::new(file);
    let (records, indices) = raw::read_features(text, &mut issues, sites::site);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses a routes file (LineString / MultiLineString features).
pub fn parse_routes(file: &str, text: &str) -> Parsed<Route> {
    let mut issues = Issues::new(file);
    let (records, indices) = raw::read_features(text, &mut issues, routes::route);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses a regions file (Point, Polygon or null-geometry features).
pub fn parse_regions(file: &str, text: &str) -> Parsed<Region> {
    let mut issues = Issues::new(file);
    let (records, indices) = raw::read_features(text, &mut issues, regions::region);
    Parsed {
        records,
        origin: Origin {
            indices,
            ..Origin::features(file)
        },
        issues: issues.list,
    }
}

/// Parses an activities file (`{"activities": [...]}`).
pub fn parse_activities(file: &str, text: &str) -> Parsed<Activity> {
    let mut issues = Issues::new(file);
    let (records, indices) = raw::read_records(text, "activities", &mut issues, records::activity);
    let origin = Origin {
        indices,
        ..Origin::records(file, "activities")
    };
    Parsed {
        records,
        origin,
        issues: issues.list,
    }
}

/// Parses a visit-count file (`{"visits": [...]}`).
pub fn parse_visits(file: &str, text: &str) -> Parsed<Visit> {
    let mut issues = Issues::new(file);
    let (records, indices) = raw::read_records(text, "visits", &mut issues, records::visit);
    let origin = Origin {
        indices,
        ..Origin::records(file, "visits")
    };
    Parsed {
        records,
        origin,
        issues: issues.list,
    }
}

/// Parses the manifest (`dataset.json`); `None` when it is not usable at all.
pub fn parse_manifest(file: &str, text: &str) -> (Option<Manifest>, Vec<DataIssue>) {
    let mut issues = Issues::new(file);
    let m = manifest::manifest(text, &mut issues);
    (m, issues.list)
}

/// Reads any GeoJSON FeatureCollection that is not in our schema: Points and MultiPoints
/// become sites (kind "other" unless a known `kind` is given, precision "unknown", other
/// properties kept in `extra`), LineStrings routes without stops; polygons and features
/// without geometry are reported and left out. Positions outside China are warnings here.
pub fn parse_foreign_geojson(file: &str, text: &str) -> (Dataset, Vec<DataIssue>) {
    let mut issues = Issues::new(file);
    let data = foreign::foreign(file, text, &mut issues);
    let origins = Origins {
        sites: Origin::features(file),
        routes: Origin::features(file),
        ..Origins::default()
    };
    let mut list = issues.list;
    // Indices are not tracked for foreign records (one feature may give several sites),
    // so cross-file issues point at the record's position in the loaded layer.
    list.extend(check_dataset_with(&data, &origins));
    (data, list)
}

/// A file's bytes as text, decoded the way a browser's `Response.text()` does: UTF-8, a
/// leading byte-order mark dropped, invalid sequences replaced by U+FFFD. Valid UTF-8 (the
/// usual case) is taken over without a copy, so a fetched file costs its size once.
pub fn text_from_bytes(bytes: Vec<u8>) -> String {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::text_from_bytes;

    #[test]
    fn text_from_bytes_decodes_like_a_browser() {
        assert_eq!(text_from_bytes("地点 ok".as_bytes().to_vec()), "地点 ok");
        let with_bom = [&[0xef, 0xbb, 0xbf][..], b"{\"a\":1}"].concat();
        assert_eq!(text_from_bytes(with_bom), "{\"a\":1}");
        assert_eq!(text_from_bytes(vec![b'a', 0xff, b'b']), "a\u{fffd}b");
        assert_eq!(text_from_bytes(vec![]), "");
    }
}
