//! Importing organisers' own files, entirely in the browser: CSV (UTF-8 or GBK; comma,
//! tab or semicolon), GPX, KML and any GeoJSON. Every importer returns the records that
//! could be read as a [`Dataset`] layer plus a [`DataIssue`] for every problem (file,
//! row or feature, field, reason): valid records always import, and a record that does
//! not is an error in the list, never silently gone. Each problem's reason is typed
//! ([`Reason`]) and worded in 简体中文 or English by the UI's language; the summary counts
//! records read (rows, features, waypoints/tracks, placemarks), imported and not imported.
//!
//! CSV goes in three steps so the user can check the columns: [`read_table`] (decode,
//! delimiter, header), [`suggest_mapping`] (which column is what; the user may change it)
//! and [`CsvImport`] (convert in steps, with progress). The other formats need no mapping:
//! [`import_file`] does everything, with the CSV mapping suggested.
//!
//! What an imported record claims: kind "other" unless the file names a known one,
//! precision "unknown" ("position from the imported file; precision not stated") unless
//! the importing user states it ([`StatedPrecision`]) or a GeoJSON feature gives its own
//! in redmap's schema, source
//! `{doc: <file name>, says: "imported by the user"}`, and every column or property not
//! understood kept in `extra`. Foreign GeoJSON goes through `geodata::parse_foreign_geojson`
//! (same conventions, not duplicated here).
//!
//! Pure: bytes and text in, data out. Must not depend on the UI or the browser (the GBK
//! decoder is passed in, see `text`).

mod build;
mod columns;
mod coord;
mod csv_activity;
mod csv_rows;
mod geojson;
mod gpx;
mod headers;
mod issue_place;
mod kml;
mod layer_export;
mod limits;
mod merge;
mod precision;
mod preview;
mod reason;
mod stored;
mod table;
mod table_reader;
mod text;
mod values;
mod xml;
mod xml_read;
mod xml_split;
#[cfg(test)]
mod xml_steps_tests;

pub use build::{
    imported_says_zh, ImportSummary, Imported, IMPORTED_PRECISION_NOTE, IMPORTED_SAYS,
};
pub use columns::{suggest_mapping, ColumnMapping, Field};
pub use coord::{parse_angle, settle, split_pair, Angle, Axis, Fix};
pub use csv_rows::{import_csv, CsvImport};
pub use geojson::{import_geojson_whole, type_geojson_issues, GeoJsonImport};
pub use gpx::{import_gpx, GpxImport};
pub use headers::{field_for_header, normalise_header};
pub use issue_place::{
    field_label, issues_csv, listing_order, record_label, severity_word, split_issue_path,
};
pub use kml::{import_kml, KmlImport};
pub use layer_export::{layer_csv, layer_geojson};
pub use limits::{check_size, MAX_IMPORT_BYTES};
pub use merge::{merge_layers, MergeBuilder, Merged};
pub use precision::{honour_own_precision, state_precision, StatedPrecision};
pub use preview::{offset_hint, preview_rows, OffsetEvidence, OffsetHint, PreviewRow};
pub use reason::{unnamed_row, Reason};
pub use stored::{format_label, next_layer_id, ImportLayer, StoredIssue, STORED_KEY_PREFIX};
pub use table::{column_letter, read_table, sniff_delimiter, CsvTable, TableRow};
pub use table_reader::TableReader;
pub use text::{decode, decode_unicode, decode_with, Decoded, TextEncoding};
pub use values::{parse_activity_type, parse_count, parse_date, parse_kind};

use crate::domain::coords::CoordSystem;
use crate::domain::validate::{DataIssue, Severity};

/// An import read a slice at a time (GeoJSON, GPX, KML), so that the browser can paint
/// and take input between slices; each gives what its whole-file reader gives.
pub trait SlicedImport {
    /// Does about one slice more (`size`: features for GeoJSON, bytes for GPX and KML);
    /// true when all is read.
    fn step(&mut self, size: usize) -> bool;
    /// Work done and in all, for progress.
    fn progress_bytes(&self) -> (usize, usize);
    /// The layer and every problem (reads what is left first).
    fn finish(self) -> Imported;
}

macro_rules! sliced_import {
    ($($t:ident),*) => {$(
        impl SlicedImport for $t<'_> {
            fn step(&mut self, size: usize) -> bool {
                $t::step(self, size)
            }
            fn progress_bytes(&self) -> (usize, usize) {
                $t::progress_bytes(self)
            }
            fn finish(self) -> Imported {
                $t::finish(self)
            }
        }
    )*};
}
sliced_import!(GeoJsonImport, GpxImport, KmlImport);

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    GeoJson,
    Gpx,
    Kml,
}

/// Choices the user makes for an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// The coordinate system the file's positions are in; converted to WGS-84.
    pub coords: CoordSystem,
    /// How exact the positions are, as the user states it (recorded on each record).
    pub stated: StatedPrecision,
}

/// The format of a file, from its extension, else from its first bytes; an error for
/// formats we know and do not read (KMZ, Excel workbooks).
pub fn detect_format(name: &str, bytes: &[u8]) -> Result<ImportFormat, Reason> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => return Ok(ImportFormat::Csv),
        "geojson" | "json" => return Ok(ImportFormat::GeoJson),
        "gpx" => return Ok(ImportFormat::Gpx),
        "kml" => return Ok(ImportFormat::Kml),
        _ => {}
    }
    if bytes.starts_with(b"PK\x03\x04") || ext == "kmz" || ext == "xlsx" || ext == "xls" {
        return Err(match ext.as_str() {
            "xlsx" | "xls" => Reason::ExcelWorkbook,
            _ => Reason::ZippedFile,
        });
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start: Vec<u8> = head.iter().take(2048).copied().collect();
    let trimmed = start.trim_ascii_start();
    let sniff = String::from_utf8_lossy(&start).to_ascii_lowercase();
    Ok(match trimmed.first() {
        Some(b'{') | Some(b'[') => ImportFormat::GeoJson,
        Some(b'<') if sniff.contains("<gpx") => ImportFormat::Gpx,
        Some(b'<') => ImportFormat::Kml,
        _ => ImportFormat::Csv,
    })
}

/// Imports a whole file with the GBK decoder `gbk` (see `text::decode_with`); CSV uses
/// the suggested column mapping.
pub fn import_file_with(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    gbk: impl FnOnce(&[u8]) -> (String, bool),
) -> Imported {
    let refused = |format, issue: DataIssue| Imported {
        dataset: Default::default(),
        issues: vec![issue],
        summary: ImportSummary {
            format,
            records: 0,
            skipped: 0,
            merged: 0,
            sites: 0,
            routes: 0,
            activities: 0,
            stated: options.stated,
        },
    };
    if let Err(issue) = check_size(name, bytes.len() as u64) {
        return refused(ImportFormat::Csv, issue);
    }
    let format = match detect_format(name, bytes) {
        Ok(f) => f,
        Err(e) => {
            return refused(
                ImportFormat::Csv,
                DataIssue::because(Severity::Error, name, "", e),
            )
        }
    };
    let decoded = decode_with(bytes, gbk);
    let mut imported = import_text(name, format, &decoded.text, options);
    let mut notes = encoding_notes(name, &decoded);
    notes.append(&mut imported.issues);
    imported.issues = notes;
    imported
}

/// What the user should know of how a file was decoded: read as GBK, or with bytes that
/// could not be read (shown as U+FFFD).
pub fn encoding_notes(name: &str, decoded: &Decoded) -> Vec<DataIssue> {
    let mut notes = Vec::new();
    if decoded.encoding == TextEncoding::Gbk {
        notes.push(DataIssue::because(
            Severity::Info,
            name,
            "",
            Reason::ReadAsGbk,
        ));
    }
    if decoded.had_errors {
        let reason = Reason::UnreadableBytes;
        notes.push(DataIssue::because(Severity::Warning, name, "", reason));
    }
    notes
}

/// Imports a whole file, reading GBK with `encoding_rs` (native tools and tests).
pub fn import_file(name: &str, bytes: &[u8], options: &ImportOptions) -> Imported {
    import_file_with(name, bytes, options, |b| {
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(b);
        (text.into_owned(), had_errors)
    })
}

/// Imports decoded text of a known format.
pub fn import_text(
    name: &str,
    format: ImportFormat,
    text: &str,
    options: &ImportOptions,
) -> Imported {
    match format {
        ImportFormat::Csv => {
            let (table, issues) = read_table(name, text);
            let mapping = suggest_mapping(&table);
            import_csv(name, table, mapping, options, issues)
        }
        ImportFormat::Gpx => GpxImport::new(name, text, options).finish(),
        ImportFormat::Kml => KmlImport::new(name, text, options).finish(),
        ImportFormat::GeoJson => GeoJsonImport::new(name, text, options).finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extension_or_content() {
        assert_eq!(detect_format("a.CSV", b""), Ok(ImportFormat::Csv));
        assert_eq!(detect_format("a.geojson", b""), Ok(ImportFormat::GeoJson));
        assert_eq!(detect_format("a.kml", b""), Ok(ImportFormat::Kml));
        assert_eq!(
            detect_format("upload", b"\xEF\xBB\xBF {\"type\":1}"),
            Ok(ImportFormat::GeoJson)
        );
        assert_eq!(
            detect_format("upload", b"<?xml?><gpx>"),
            Ok(ImportFormat::Gpx)
        );
        assert_eq!(
            detect_format("upload", b"<?xml?><kml>"),
            Ok(ImportFormat::Kml)
        );
        assert_eq!(
            detect_format("upload", "名称,经度".as_bytes()),
            Ok(ImportFormat::Csv)
        );
        assert!(detect_format("a.kmz", b"PK\x03\x04").is_err_and(|e| e == Reason::ZippedFile));
        assert!(detect_format("a.xlsx", b"PK\x03\x04").is_err_and(|e| e == Reason::ExcelWorkbook));
    }

    #[test]
    fn too_big_or_unreadable_files_are_refused_with_a_message() {
        let zipped = import_file("a.kmz", b"PK\x03\x04", &ImportOptions::default());
        assert_eq!(zipped.issues.len(), 1);
        assert!(zipped.dataset.sites.is_empty());
    }

    #[test]
    fn geojson_is_shifted_from_gcj02_when_asked() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "geometry":{"type":"Point","coordinates":[113.19,23.03]},"properties":{"名称":"甲"}}]}"#;
        let gcj = ImportOptions {
            coords: CoordSystem::Gcj02,
            ..ImportOptions::default()
        };
        let out = import_file("a.geojson", text.as_bytes(), &gcj);
        assert_eq!(out.dataset.sites[0].name, "甲");
        let p = out.dataset.sites[0].position;
        assert!(
            (p.lon - 113.19).abs() > 1e-3,
            "shifted by a few hundred metres"
        );
        assert!((p.lon - 113.19).abs() < 1e-2);
    }
}
