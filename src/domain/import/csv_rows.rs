//! Table rows to sites (and activities), with the confirmed column mapping and coordinate
//! system. Work is done in steps ([`CsvImport::step`]) so that the browser can show
//! progress and stay responsive on a 50 MB file; [`import_csv`] does it all at once.
//!
//! Per row: the position (two columns or one pair cell; decimal or DMS; swapped pairs
//! fixed with a warning; converted to WGS-84), the name (else the address, else "row N"),
//! the kind (unknown text → "other", text kept), admin names, and every unmapped cell kept
//! as an extra property. Rows with the same name and position are one site; a row with a
//! date or counts also gives an activity at its site (see `csv_activity`).

use super::build::{Builder, Imported};
use super::columns::{ColumnMapping, Field};
use super::coord::{parse_angle, settle, split_pair, Angle};
use super::table::{CsvTable, TableRow};
use super::values::parse_kind;
use super::{unnamed_row, ImportFormat, ImportOptions, Reason};
use crate::domain::model::{LonLat, TextLang};
use crate::domain::validate::{DataIssue, Severity};
use std::collections::HashMap;
use std::sync::Arc;

/// A CSV import in progress.
#[derive(Debug)]
pub struct CsvImport {
    pub(super) table: CsvTable,
    pub(super) mapping: ColumnMapping,
    pub(super) b: Builder,
    /// The table's headers, shared with each row's issue paths without copying.
    headers: Arc<[String]>,
    next: usize,
    /// (name, lon µ°, lat µ°) → (site index, row) of sites already made.
    seen: HashMap<(String, i64, i64), (usize, usize)>,
}

/// The cell paths of a row: "row 7" and "row 7, 经度".
pub(super) struct RowAt<'a> {
    pub row: usize,
    pub headers: &'a [String],
}

impl RowAt<'_> {
    pub fn whole(&self) -> String {
        format!("row {}", self.row)
    }

    pub fn cell(&self, col: usize) -> String {
        let header = self.headers.get(col).map_or("", String::as_str);
        format!("row {}, {header}", self.row)
    }
}

impl CsvImport {
    /// Starts an import; `read_issues` are the table reader's (kept first in the list).
    pub fn new(
        file: &str,
        table: CsvTable,
        mapping: ColumnMapping,
        options: &ImportOptions,
        read_issues: Vec<DataIssue>,
    ) -> Self {
        let mut b = Builder::new(file, ImportFormat::Csv, options.coords).stating(options.stated);
        // Rows the reader could not read are listed by it: read, and not imported.
        let unreadable = read_issues
            .iter()
            .filter(|i| matches!(i.reason.as_deref(), Some(Reason::RowNotImported(_))))
            .count();
        b.records = unreadable;
        b.skipped = unreadable;
        b.issues = read_issues;
        // At most one site per row: growing the lists by doubling would copy 100 MB of
        // sites (and rehash 200k ids) at once near the end of a 50 MB file.
        b.reserve(table.rows.len());
        let table_rows = table.rows.len();
        let mut import = CsvImport {
            headers: table.headers.clone().into(),
            table,
            mapping,
            b,
            next: 0,
            seen: HashMap::with_capacity(table_rows),
        };
        if !import.mapping.has_position() {
            let n = import.table.rows.len();
            import.b.records += n;
            import.b.skipped += n;
            import.next = n;
            import
                .b
                .issue(Severity::Error, "", Reason::NoPositionColumns(n));
        }
        import
    }

    /// Rows to convert in all.
    pub fn total(&self) -> usize {
        self.table.rows.len()
    }

    /// Rows converted so far.
    pub fn done(&self) -> usize {
        self.next
    }

    /// Converts up to `max_rows` more rows; true when all are done.
    pub fn step(&mut self, max_rows: usize) -> bool {
        let end = self
            .next
            .saturating_add(max_rows)
            .min(self.table.rows.len());
        // Each row is taken out and dropped once converted: a 270k-row table is freed
        // step by step, not all at once at the end.
        for i in self.next..end {
            let row = std::mem::replace(
                &mut self.table.rows[i],
                TableRow {
                    row: 0,
                    cells: Vec::new(),
                },
            );
            self.convert(&row);
        }
        self.next = end;
        self.next >= self.table.rows.len()
    }

    /// Once every row is converted, frees the index of rows seen (a key per site: dropped
    /// at once after 270k rows, that is one long step) up to `budget` entries per call;
    /// true when it is empty. Optional: [`finish`](Self::finish) frees what is left.
    pub fn release(&mut self, budget: usize) -> bool {
        if self.next < self.table.rows.len() {
            return false;
        }
        let mut dropped = 0usize;
        self.seen.retain(|_, _| {
            dropped += 1;
            dropped > budget
        });
        self.seen.is_empty()
    }

    /// Converts what is left and returns the layer.
    pub fn finish(mut self) -> Imported {
        self.step(usize::MAX);
        self.b.finish()
    }

    pub(super) fn text(&self, row: &TableRow, field: Field) -> Option<String> {
        let col = self.mapping.column(field)?;
        let cell = self.table.cell(row, col);
        (!cell.is_empty()).then(|| cell.to_owned())
    }

    fn convert(&mut self, row: &TableRow) {
        self.b.records += 1;
        let headers = Arc::clone(&self.headers);
        let at = RowAt {
            row: row.row,
            headers: &headers,
        };
        let Some(raw) = self.position(row, &at) else {
            return;
        };
        let position = self.b.shift_to_wgs84(raw, &at.whole());
        let name = self.text(row, Field::Name);
        let key = (
            name.clone().unwrap_or_default(),
            (position.lon * 1e6).round() as i64,
            (position.lat * 1e6).round() as i64,
        );
        let site = match self.seen.get(&key) {
            Some(&(index, first_row)) => {
                self.b.merged += 1;
                if !self.has_activity(row) {
                    let reason = Reason::SameAsRow(first_row);
                    self.b.issue(Severity::Warning, &at.whole(), reason);
                }
                index
            }
            None => {
                let index = self.new_site(row, &at, name, position);
                self.seen.insert(key, (index, row.row));
                index
            }
        };
        self.activity(row, &at, site);
    }

    fn new_site(
        &mut self,
        row: &TableRow,
        at: &RowAt,
        name: Option<String>,
        position: LonLat,
    ) -> usize {
        let file = self.b.file.clone();
        let id_text = self.text(row, Field::Id);
        let id = self.b.unique_id(
            id_text.as_deref(),
            format!("{file}#row{}", row.row),
            &at.whole(),
        );
        let name = name
            .or_else(|| {
                // Named by its address, and said so: a name the file does not give.
                let address = self.text(row, Field::Address)?;
                let reason = Reason::NamedByAddress(row.row, address.clone());
                self.b.issue(Severity::Warning, &at.whole(), reason);
                Some(address)
            })
            .map(|name| (name, self.text(row, Field::NameEn).unwrap_or_default()))
            .unwrap_or_else(|| {
                let reason = Reason::NoNameRow(row.row);
                self.b.issue(Severity::Warning, &at.whole(), reason);
                // Named in both languages, as the UI shows it (map label, search, details).
                let name_en = self.text(row, Field::NameEn);
                (
                    unnamed_row(row.row, TextLang::Zh),
                    name_en.unwrap_or_else(|| unnamed_row(row.row, TextLang::En)),
                )
            });
        let (name, name_en) = name;
        let mut site = self.b.site(id, name, position);
        site.name_en = name_en;
        site.address = self.text(row, Field::Address);
        site.summary = self.text(row, Field::Summary).unwrap_or_default();
        site.admin.province = self.text(row, Field::Province);
        site.admin.city = self.text(row, Field::City);
        site.admin.county = self.text(row, Field::County);
        site.admin.town = self.text(row, Field::Town);
        if let Some(kind_text) = self.text(row, Field::Kind) {
            match parse_kind(&kind_text) {
                Some(kind) => site.kind = kind,
                None => {
                    let col = self.mapping.column(Field::Kind).unwrap_or(0);
                    let reason = Reason::UnknownKind(kind_text.clone());
                    self.b.issue(Severity::Info, &at.cell(col), reason);
                    site.extra.push((at.headers[col].clone(), kind_text));
                }
            }
        }
        for (col, field) in self.mapping.columns.iter().enumerate() {
            let cell = self.table.cell(row, col);
            if field.is_none() && !cell.is_empty() {
                site.extra.push((
                    at.headers.get(col).cloned().unwrap_or_default(),
                    cell.to_owned(),
                ));
            }
        }
        self.b.data.sites.push(site);
        self.b.data.sites.len() - 1
    }

    /// The row's position as written (before the datum shift), or `None` after an error.
    fn position(&mut self, row: &TableRow, at: &RowAt) -> Option<LonLat> {
        let pair = [Field::LatLon, Field::LonLat]
            .into_iter()
            .find_map(|f| Some((f, self.mapping.column(f)?)));
        let (lon, lat, cols) = match pair {
            Some((field, col)) => {
                let cell = self.table.cell(row, col);
                if cell.is_empty() {
                    let reason = Reason::RowNotImported(Box::new(Reason::EmptyPositionCell));
                    self.b.skip(&at.cell(col), reason);
                    return None;
                }
                let Some((a, b)) = split_pair(cell) else {
                    let reason = Reason::NotAPair(cell.to_owned());
                    self.b
                        .skip(&at.cell(col), Reason::RowNotImported(Box::new(reason)));
                    return None;
                };
                let (lon, lat) = if field == Field::LatLon {
                    (b, a)
                } else {
                    (a, b)
                };
                (lon, lat, (col, col))
            }
            None => {
                let (lon_col, lat_col) = (
                    self.mapping.column(Field::Lon)?,
                    self.mapping.column(Field::Lat)?,
                );
                let (lon, lat) = (self.table.cell(row, lon_col), self.table.cell(row, lat_col));
                if lon.is_empty() && lat.is_empty() {
                    let reason = Reason::RowNotImported(Box::new(Reason::EmptyPosition));
                    self.b.skip(&at.whole(), reason);
                    return None;
                }
                (lon.to_owned(), lat.to_owned(), (lon_col, lat_col))
            }
        };
        let lon = self.angle(&lon, at, cols.0)?;
        let lat = self.angle(&lat, at, cols.1)?;
        // The cells at fault, for the field column: "row 7, 纬度" or "row 7, 纬度, 经度".
        let cells = |faulty: &[usize]| -> String {
            let mut faulty = faulty.to_vec();
            faulty.dedup();
            let names: Vec<&str> = faulty
                .iter()
                .map(|c| at.headers.get(*c).map_or("", String::as_str))
                .collect();
            format!("row {}, {}", at.row, names.join(", "))
        };
        match settle(lon, lat) {
            Ok((p, fix)) => {
                if let Some(fix) = fix {
                    let reason = Reason::Swapped {
                        why: fix,
                        lon: p.lon.to_string(),
                        lat: p.lat.to_string(),
                    };
                    self.b
                        .issue(Severity::Warning, &cells(&[cols.1, cols.0]), reason);
                }
                Some(p)
            }
            Err(e) => {
                // Out of range: a cell beyond ±180°, and the latitude beyond ±90° unless the
                // pair was read swapped (then its longitude is the one at fault).
                let (x, y) = (lon.degrees.abs(), lat.degrees.abs());
                let mut faulty = Vec::new();
                if x > 180.0 {
                    faulty.push(cols.0);
                }
                if y > 180.0 || (y > 90.0 && x > 90.0) {
                    faulty.push(cols.1);
                }
                if faulty.is_empty() {
                    faulty = vec![cols.1, cols.0];
                }
                self.b
                    .skip(&cells(&faulty), Reason::RowNotImported(Box::new(e)));
                None
            }
        }
    }

    fn angle(&mut self, text: &str, at: &RowAt, col: usize) -> Option<Angle> {
        let reason = match parse_angle(text) {
            Ok(a) => return Some(a),
            Err(_) if text.is_empty() => Reason::EmptyCoordinate,
            Err(e) => e,
        };
        self.b
            .skip(&at.cell(col), Reason::RowNotImported(Box::new(reason)));
        None
    }
}

/// Imports every row at once.
pub fn import_csv(
    file: &str,
    table: CsvTable,
    mapping: ColumnMapping,
    options: &ImportOptions,
    read_issues: Vec<DataIssue>,
) -> Imported {
    CsvImport::new(file, table, mapping, options, read_issues).finish()
}
