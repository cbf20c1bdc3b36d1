//! The CSV mapping step's preview: the first rows of a table as they will import with the
//! mapping and coordinate system chosen now (each row on its own, so that a row's problems
//! are its own), and a hint when the positions look offset, that is, in GCJ-02 (Amap,
//! Tencent) or BD-09 (Baidu) rather than WGS-84.
//!
//! The offset hint is evidence, not a guess: a header that names the system ("经度(GCJ02)",
//! "百度坐标"), or imported rows with the same name as a site already on the map whose
//! positions come much closer to it once converted from one of the other systems.

use super::columns::ColumnMapping;
use super::csv_rows::import_csv;
use super::table::CsvTable;
use super::ImportOptions;
use crate::domain::coords::CoordSystem;
use crate::domain::geo::distance_m;
use crate::domain::model::{Dataset, LonLat, Site};
use crate::domain::validate::DataIssue;
use std::collections::HashMap;

/// One table row as it will import.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// The spreadsheet row number.
    pub row: usize,
    /// The site it gives (`None`: not imported; the issues say why).
    pub site: Option<Site>,
    pub issues: Vec<DataIssue>,
}

/// The first `n` rows of `table`, each imported on its own.
pub fn preview_rows(
    file: &str,
    table: &CsvTable,
    mapping: &ColumnMapping,
    options: &ImportOptions,
    n: usize,
) -> Vec<PreviewRow> {
    table
        .rows
        .iter()
        .take(n)
        .map(|row| {
            let one = CsvTable {
                headers: table.headers.clone(),
                has_header: table.has_header,
                delimiter: table.delimiter,
                rows: vec![row.clone()],
            };
            let out = import_csv(file, one, mapping.clone(), options, Vec::new());
            PreviewRow {
                row: row.row,
                site: out.dataset.sites.into_iter().next(),
                issues: out.issues,
            }
        })
        .collect()
}

/// Why positions look offset.
#[derive(Debug, Clone, PartialEq)]
pub enum OffsetEvidence {
    /// A column header names the system.
    Header(String),
    /// `matched` rows share a name with a site on the map; the median distance to it is
    /// `as_chosen_m` as the file is read now and `as_suggested_m` in the suggested system.
    SameNames {
        matched: usize,
        as_chosen_m: f64,
        as_suggested_m: f64,
    },
}

/// A suggestion to read the file's positions in another coordinate system.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetHint {
    pub suggested: CoordSystem,
    pub evidence: OffsetEvidence,
}

/// Rows sampled for the same-name evidence.
const HINT_SAMPLE_ROWS: usize = 500;
/// Closer than this as chosen: nothing to say (GCJ-02 offsets are 100-700 m).
const NEAR_ENOUGH_M: f64 = 80.0;

/// The system a header names, if any.
fn system_in_header(h: &str) -> Option<CoordSystem> {
    let h = h.to_lowercase().replace(['-', '_', ' '], "");
    if ["gcj02", "gcj", "高德", "火星", "腾讯", "amap", "gaode"]
        .iter()
        .any(|w| h.contains(w))
    {
        Some(CoordSystem::Gcj02)
    } else if ["bd09", "百度", "baidu"].iter().any(|w| h.contains(w)) {
        Some(CoordSystem::Bd09)
    } else {
        None
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::INFINITY)
}

/// A hint when the positions, read as `chosen`, look offset; `reference` is the data on
/// the map (matched by exact name).
pub fn offset_hint(
    file: &str,
    table: &CsvTable,
    mapping: &ColumnMapping,
    chosen: CoordSystem,
    reference: &Dataset,
) -> Option<OffsetHint> {
    let named = mapping
        .columns
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_some())
        .filter_map(|(i, _)| table.headers.get(i))
        .find_map(|h| system_in_header(h).map(|s| (s, h.clone())));
    if let Some((system, header)) = named {
        return (system != chosen).then_some(OffsetHint {
            suggested: system,
            evidence: OffsetEvidence::Header(header),
        });
    }
    // The raw positions (no conversion) of a sample, matched to the map's sites by name.
    let sample = CsvTable {
        headers: table.headers.clone(),
        has_header: table.has_header,
        delimiter: table.delimiter,
        rows: table.rows.iter().take(HINT_SAMPLE_ROWS).cloned().collect(),
    };
    let raw = import_csv(
        file,
        sample,
        mapping.clone(),
        &ImportOptions::default(),
        Vec::new(),
    );
    let by_name: HashMap<&str, LonLat> = reference
        .sites
        .iter()
        .map(|s| (s.name.as_str(), s.position))
        .collect();
    let pairs: Vec<(LonLat, LonLat)> = raw
        .dataset
        .sites
        .iter()
        .filter_map(|s| by_name.get(s.name.as_str()).map(|r| (s.position, *r)))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let spread = |system: CoordSystem| {
        median(
            pairs
                .iter()
                .map(|(p, r)| distance_m(system.to_wgs84(*p), *r))
                .collect(),
        )
    };
    let as_chosen_m = spread(chosen);
    if as_chosen_m < NEAR_ENOUGH_M {
        return None;
    }
    [CoordSystem::Wgs84, CoordSystem::Gcj02, CoordSystem::Bd09]
        .into_iter()
        .filter(|s| *s != chosen)
        .map(|s| (s, spread(s)))
        .filter(|(_, d)| *d < as_chosen_m / 3.0 && *d < NEAR_ENOUGH_M * 2.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(suggested, as_suggested_m)| OffsetHint {
            suggested,
            evidence: OffsetEvidence::SameNames {
                matched: pairs.len(),
                as_chosen_m,
                as_suggested_m,
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{read_table, suggest_mapping};

    fn table(text: &str) -> (CsvTable, ColumnMapping) {
        let (t, _) = read_table("a.csv", text);
        let m = suggest_mapping(&t);
        (t, m)
    }

    #[test]
    fn each_row_previews_with_its_own_problems() {
        let (t, m) = table("名称,经度,纬度\n甲,113.1,23.0\n乙,abc,23.0\n,113.2,23.1\n");
        let rows = preview_rows("a.csv", &t, &m, &ImportOptions::default(), 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].site.as_ref().map(|s| s.name.as_str()), Some("甲"));
        assert!(rows[0].issues.is_empty());
        assert!(rows[1].site.is_none());
        assert!(rows[1].issues[0].path.starts_with("row 3"));
    }

    #[test]
    fn a_header_naming_the_system_is_evidence() {
        let (t, m) = table("名称,经度(GCJ02),纬度(GCJ02)\n甲,113.1,23.0\n");
        let hint = offset_hint("a.csv", &t, &m, CoordSystem::Wgs84, &Dataset::default());
        assert_eq!(hint.map(|h| h.suggested), Some(CoordSystem::Gcj02));
        let chosen = offset_hint("a.csv", &t, &m, CoordSystem::Gcj02, &Dataset::default());
        assert_eq!(chosen, None, "nothing to say once GCJ-02 is chosen");
    }

    #[test]
    fn same_names_shifted_by_gcj_suggest_gcj() {
        let (mut reference, _) = table("名称,经度,纬度\n甲,113.1856,23.03625\n乙,112.46,23.05\n");
        let truth = import_csv(
            "r.csv",
            reference.clone(),
            suggest_mapping(&reference),
            &ImportOptions::default(),
            Vec::new(),
        )
        .dataset;
        let shifted: Vec<String> = truth
            .sites
            .iter()
            .map(|s| {
                let g = CoordSystem::Gcj02.from_wgs84(s.position);
                format!("{},{:.6},{:.6}", s.name, g.lon, g.lat)
            })
            .collect();
        let text = format!("名称,经度,纬度\n{}\n", shifted.join("\n"));
        reference = table(&text).0;
        let m = suggest_mapping(&reference);
        let hint =
            offset_hint("a.csv", &reference, &m, CoordSystem::Wgs84, &truth).expect("offset seen");
        assert_eq!(hint.suggested, CoordSystem::Gcj02);
        assert!(matches!(
            hint.evidence,
            OffsetEvidence::SameNames { matched: 2, .. }
        ));
        assert_eq!(
            offset_hint("a.csv", &reference, &m, CoordSystem::Gcj02, &truth),
            None
        );
    }
}
