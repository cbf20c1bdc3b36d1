//! Building the imported layer, the same way for every format: what an imported record
//! claims (nothing the file does not say), ids that stay unique, and the bookkeeping that
//! keeps the promise "nothing is dropped without being listed" (every skipped record is
//! an error issue, and counted).

use super::{ImportFormat, Reason, StatedPrecision};
use crate::domain::coords::CoordSystem;
use crate::domain::model::{
    AdminPlace, Dataset, LonLat, Route, RouteId, Site, SiteId, SiteKind, Source, Sources,
};
use crate::domain::validate::{position_problem, DataIssue, Severity};
use std::collections::HashSet;

/// What every imported record says of its source.
pub const IMPORTED_SAYS: &str = "imported by the user";

/// What an imported record's source says, in Chinese (the details' 资料来源 line); `None`
/// for any other text (shown as written).
pub fn imported_says_zh(says: &str) -> Option<&'static str> {
    match says {
        IMPORTED_SAYS => Some("由用户导入"),
        crate::domain::geodata::NAMES_NO_SOURCE => Some("从此文件导入，文件未注明来源"),
        _ => None,
    }
}
/// The precision note of every imported position.
pub const IMPORTED_PRECISION_NOTE: &str = "position from the imported file; precision not stated";
/// The same in Chinese (shown in the Chinese UI).
pub const IMPORTED_PRECISION_NOTE_ZH: &str = "位置取自导入的文件，精确程度未说明";

/// Counts of one import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub format: ImportFormat,
    /// Rows, waypoints and tracks, placemarks, features read.
    pub records: usize,
    /// Records not imported (each is listed in the issues); the others are imported.
    pub skipped: usize,
    /// CSV rows with the same name and position as an earlier row: one site (their
    /// activities are kept, a row with none is listed).
    pub merged: usize,
    pub sites: usize,
    pub routes: usize,
    pub activities: usize,
    /// How exact the positions are, as the importing user stated it.
    pub stated: StatedPrecision,
}

/// The imported layer and every problem met.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub dataset: Dataset,
    pub issues: Vec<DataIssue>,
    pub summary: ImportSummary,
}

/// Collects records and issues of one file.
#[derive(Debug)]
pub(crate) struct Builder {
    pub file: String,
    pub format: ImportFormat,
    pub coords: CoordSystem,
    pub data: Dataset,
    pub issues: Vec<DataIssue>,
    pub records: usize,
    pub skipped: usize,
    pub merged: usize,
    /// How exact the file's positions are, as the importing user states it.
    pub stated: StatedPrecision,
    ids: HashSet<String>,
    /// The one source list every record of the file cites, shared (one per site made a
    /// 270k-row import ~27 MB bigger, and its merged copy as much again).
    sources: Sources,
}

impl Builder {
    pub fn new(file: &str, format: ImportFormat, coords: CoordSystem) -> Self {
        Builder {
            file: file.to_owned(),
            format,
            coords,
            data: Dataset::default(),
            issues: Vec::new(),
            records: 0,
            skipped: 0,
            merged: 0,
            stated: StatedPrecision::NotStated,
            ids: HashSet::new(),
            sources: vec![Source {
                doc: file.to_owned(),
                says: IMPORTED_SAYS.to_owned(),
            }]
            .into(),
        }
    }

    /// The builder with the user's statement of how exact the positions are.
    pub fn stating(mut self, stated: StatedPrecision) -> Self {
        self.stated = stated;
        self
    }

    /// Room for `records` sites and ids, so that they are not copied as they grow.
    pub fn reserve(&mut self, records: usize) {
        self.data.sites.reserve_exact(records);
        self.ids.reserve(records);
    }

    pub fn issue(&mut self, severity: Severity, path: &str, reason: Reason) {
        self.issues
            .push(DataIssue::because(severity, &self.file, path, reason));
    }

    /// A record that is not imported: an error, and counted.
    pub fn skip(&mut self, path: &str, reason: Reason) {
        self.skip_as(Severity::Error, path, reason);
    }

    /// A record not imported for a reason that is not a mistake in the file (a polygon;
    /// nothing to place), listed with `severity` as foreign GeoJSON does, and counted.
    pub fn skip_as(&mut self, severity: Severity, path: &str, reason: Reason) {
        self.skipped += 1;
        self.issue(severity, path, reason);
    }

    /// An id not used before in this file: the file's own if it has one, else `fallback`;
    /// a repeated id gets a suffix and a warning.
    pub fn unique_id(&mut self, own: Option<&str>, fallback: String, path: &str) -> String {
        let wanted = own.map(str::trim).filter(|s| !s.is_empty());
        let base = wanted.map_or(fallback, str::to_owned);
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if wanted.is_some() && id != base {
            let reason = Reason::IdRepeated {
                id: base,
                now: id.clone(),
            };
            self.issue(Severity::Warning, path, reason);
        }
        id
    }

    /// A position in the chosen coordinate system, as WGS-84, with a warning when it lies
    /// outside China (kept: an organiser's file may list a site abroad).
    pub fn shift_to_wgs84(&mut self, p: LonLat, path: &str) -> LonLat {
        let wgs = self.coords.to_wgs84(p);
        if let Some((_, message)) = position_problem(wgs) {
            self.issue(
                Severity::Warning,
                path,
                Reason::of_geojson_message(&message),
            );
        }
        wgs
    }

    pub fn sources(&self) -> Sources {
        self.sources.clone()
    }

    /// A site with the import conventions: kind "other", precision as the user states it
    /// (by default: not stated).
    pub fn site(&self, id: String, name: String, position: LonLat) -> Site {
        Site {
            id: SiteId(id),
            position,
            name,
            name_en: String::new(),
            kind: SiteKind::Other,
            also_kinds: Vec::new(),
            admin: AdminPlace::default(),
            admin_en: AdminPlace::default(),
            region: None,
            address: None,
            summary: String::new(),
            summary_en: String::new(),
            themes: Vec::new(),
            themes_en: Vec::new(),
            opening_hours: None,
            booking: None,
            designation: None,
            links: Vec::new(),
            images: Vec::new(),
            precision: self.stated.precision(),
            sources: self.sources(),
            extra: Vec::new(),
        }
    }

    /// A route drawn along `path` (no stops: the file names no sites for it).
    pub fn route(&self, id: String, name: String, path: Vec<Vec<LonLat>>) -> Route {
        Route::from_line(RouteId(id), name, path, self.sources(), Vec::new())
    }

    pub fn finish(self) -> Imported {
        let summary = ImportSummary {
            format: self.format,
            records: self.records,
            skipped: self.skipped,
            merged: self.merged,
            sites: self.data.sites.len(),
            routes: self.data.routes.len(),
            activities: self.data.activities.len(),
            stated: self.stated,
        };
        Imported {
            dataset: self.data,
            issues: self.issues,
            summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_unique_and_repeats_are_said() {
        let mut b = Builder::new("f.csv", ImportFormat::Csv, CoordSystem::Wgs84);
        assert_eq!(b.unique_id(Some("a"), "f.csv#1".into(), "row 2"), "a");
        assert_eq!(b.unique_id(Some("a"), "f.csv#2".into(), "row 3"), "a-2");
        assert_eq!(b.unique_id(None, "f.csv#4".into(), "row 4"), "f.csv#4");
        assert_eq!(b.unique_id(Some(" "), "f.csv#5".into(), "row 5"), "f.csv#5");
        assert_eq!(b.issues.len(), 1);
        assert_eq!(b.issues[0].path, "row 3");
    }

    #[test]
    fn imported_sites_claim_nothing_the_file_does_not_say() {
        let b = Builder::new("我的.csv", ImportFormat::Csv, CoordSystem::Wgs84);
        let s = b.site("x".into(), "甲".into(), LonLat::new(113.0, 23.0));
        assert_eq!(s.kind, SiteKind::Other);
        assert_eq!(
            s.precision.level,
            crate::domain::model::PrecisionLevel::Unknown
        );
        assert_eq!(s.precision.note, IMPORTED_PRECISION_NOTE);
        assert_eq!(s.sources[0].doc, "我的.csv");
        assert_eq!(s.sources[0].says, IMPORTED_SAYS);
        assert_eq!(imported_says_zh(&s.sources[0].says), Some("由用户导入"));
    }

    #[test]
    fn positions_are_converted_and_far_ones_warned() {
        let mut b = Builder::new("f.csv", ImportFormat::Csv, CoordSystem::Gcj02);
        let gcj = CoordSystem::Gcj02.from_wgs84(LonLat::new(113.0, 23.0));
        let back = b.shift_to_wgs84(gcj, "row 2");
        assert!((back.lon - 113.0).abs() < 1e-7 && (back.lat - 23.0).abs() < 1e-7);
        assert!(b.issues.is_empty());
        b.shift_to_wgs84(LonLat::new(2.35, 48.85), "row 3");
        assert_eq!(b.issues[0].severity, Severity::Warning);
    }
}
