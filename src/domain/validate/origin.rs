//! Where each loaded record came from (file, JSON list, index), so that cross-file issues
//! can point at `routes.geojson: features[3].properties.stops[1]` even when some records
//! of the file failed to load and the layer's indices no longer match the file's.

use super::{DataIssue, Severity};

/// Where one layer's records came from: the file, the JSON list they sit in, and each
/// record's index in that list (records that failed to parse are missing from the layer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    /// "features" or "activities" / "visits".
    pub list: String,
    /// ".properties" for GeoJSON features, "" for plain records.
    pub props: String,
    /// `indices[i]` is the list index of the layer's record `i`; identity when empty.
    pub indices: Vec<usize>,
}

impl Origin {
    /// Origin of GeoJSON features in `file`.
    pub fn features(file: &str) -> Self {
        Origin {
            file: file.into(),
            list: "features".into(),
            props: ".properties".into(),
            indices: vec![],
        }
    }

    /// Origin of plain records under `list` in `file`.
    pub fn records(file: &str, list: &str) -> Self {
        Origin {
            file: file.into(),
            list: list.into(),
            props: String::new(),
            indices: vec![],
        }
    }

    /// JSON path of a field of record `i`, e.g. `features[3].properties.stops[1]`.
    pub fn path(&self, i: usize, field: &str) -> String {
        let index = self.indices.get(i).copied().unwrap_or(i);
        format!("{}[{index}]{}.{field}", self.list, self.props)
    }

    pub(crate) fn issue(
        &self,
        severity: Severity,
        i: usize,
        field: &str,
        message: String,
    ) -> DataIssue {
        DataIssue::new(severity, &self.file, self.path(i, field), message)
    }
}

/// The origin of every layer of a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    pub sites: Origin,
    pub routes: Origin,
    pub regions: Origin,
    pub activities: Origin,
    pub visits: Origin,
}

impl Default for Origins {
    /// The bundled file names, records in file order.
    fn default() -> Self {
        Origins {
            sites: Origin::features("sites.geojson"),
            routes: Origin::features("routes.geojson"),
            regions: Origin::features("regions.geojson"),
            activities: Origin::records("activities.json", "activities"),
            visits: Origin::records("visits.json", "visits"),
        }
    }
}
