//! An imported layer as kept in the browser between visits: the records (WGS-84, as
//! imported), the problems listed at import, and the counts, as one JSON text. Reading it
//! back never panics: a stored text that does not parse is reported, not used.
//!
//! Pure serde; where the text is kept (local storage) and what happens when it does not
//! fit is the UI's concern.

use super::build::Imported;
use super::{state_precision, ImportFormat, Reason, StatedPrecision};
use crate::domain::model::{Dataset, Route};
use crate::domain::validate::{DataIssue, Severity};
use serde::{Deserialize, Serialize};

/// The storage key prefix of imported layers (one key per layer).
pub const STORED_KEY_PREFIX: &str = "redmap.import.";

/// One imported layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportLayer {
    /// Unique among the layers of this browser (also the storage key's end).
    pub id: String,
    /// The file's name as the user picked it.
    pub file: String,
    /// "CSV", "GeoJSON", "GPX", "KML".
    pub format: String,
    pub dataset: Dataset,
    pub issues: Vec<StoredIssue>,
    /// Records read and records not imported (each of those is in `issues`).
    pub records: usize,
    pub skipped: usize,
    /// How exact the positions are, as the importing user states it (recorded on each
    /// site whose file does not state its own).
    #[serde(default)]
    pub stated: StatedPrecision,
    /// Shown on the map (and counted) or hidden by the user.
    #[serde(default = "yes")]
    pub visible: bool,
}

fn yes() -> bool {
    true
}

/// A [`DataIssue`] in a form serde can keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredIssue {
    pub severity: String,
    pub file: String,
    pub path: String,
    /// The English words (what layers stored before reasons were kept show).
    pub message: String,
    /// Why, in either language (see [`Reason`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

impl From<&DataIssue> for StoredIssue {
    fn from(i: &DataIssue) -> Self {
        StoredIssue {
            severity: i.severity.as_str().to_owned(),
            file: i.file.clone(),
            path: i.path.clone(),
            message: i.message.clone(),
            reason: i.reason.as_deref().cloned(),
        }
    }
}

impl StoredIssue {
    pub fn to_issue(&self) -> DataIssue {
        let severity = match self.severity.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        };
        let mut issue = DataIssue::new(
            severity,
            &self.file,
            self.path.clone(),
            self.message.clone(),
        );
        issue.reason = self.reason.clone().map(Box::new);
        issue
    }
}

pub fn format_label(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Csv => "CSV",
        ImportFormat::GeoJson => "GeoJSON",
        ImportFormat::Gpx => "GPX",
        ImportFormat::Kml => "KML",
    }
}

impl ImportLayer {
    /// The layer of an import.
    pub fn new(id: String, file: &str, imported: &Imported) -> Self {
        ImportLayer {
            id,
            file: file.to_owned(),
            format: format_label(imported.summary.format).to_owned(),
            dataset: imported.dataset.clone(),
            issues: imported.issues.iter().map(StoredIssue::from).collect(),
            records: imported.summary.records,
            skipped: imported.summary.skipped,
            stated: imported.summary.stated,
            visible: true,
        }
    }

    /// The layer of an import, taking its records (no copy: a 270k-site layer is a
    /// deep copy of hundreds of MB otherwise).
    pub fn from_import(id: String, file: &str, imported: Imported) -> Self {
        ImportLayer {
            id,
            file: file.to_owned(),
            format: format_label(imported.summary.format).to_owned(),
            issues: imported.issues.iter().map(StoredIssue::from).collect(),
            records: imported.summary.records,
            skipped: imported.summary.skipped,
            stated: imported.summary.stated,
            visible: true,
            dataset: imported.dataset,
        }
    }

    /// The layer with `stated` recorded on its sites (those whose file states no precision
    /// of its own).
    pub fn stating(mut self, stated: StatedPrecision) -> Self {
        state_precision(&mut self.dataset, stated);
        self.stated = stated;
        self
    }

    /// The storage key of this layer.
    pub fn key(&self) -> String {
        format!("{STORED_KEY_PREFIX}{}", self.id)
    }

    /// About how long [`to_json`](Self::to_json) would be, from a sample of up to 200
    /// records of each list (fewer when they are big: up to 64 KB of JSON, so that 200 GPS
    /// tracks of 2,000 points, ~100 ms of writing, are not written to be measured), without
    /// writing it all (a 50 MB import would take seconds).
    pub fn estimated_json_len(&self) -> usize {
        const SAMPLE: usize = 200;
        const SAMPLE_BYTES: usize = 64 * 1024;
        fn scaled<T: Serialize>(items: &[T], len: impl Fn(&T) -> usize) -> usize {
            let (mut n, mut sample) = (0usize, 1usize);
            for item in items.iter().take(SAMPLE) {
                sample += len(item) + 1;
                n += 1;
                if sample > SAMPLE_BYTES {
                    break;
                }
            }
            if n == 0 {
                return 0;
            }
            // In f64: on wasm32 `sample * len` overflows usize for a few 100k records.
            (sample as f64 * items.len() as f64 / n as f64).min(usize::MAX as f64) as usize
        }
        let d = &self.dataset;
        [
            scaled(&d.sites, json_len),
            scaled(&d.routes, route_json_len),
            scaled(&d.activities, json_len),
            scaled(&d.regions, json_len),
            scaled(&d.visits, json_len),
            scaled(&self.issues, json_len),
        ]
        .into_iter()
        .fold(256usize, usize::saturating_add)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored layer, or why it cannot be read back.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("a kept import could not be read: {e}"))
    }

    /// Problems as data issues.
    pub fn data_issues(&self) -> Vec<DataIssue> {
        self.issues.iter().map(StoredIssue::to_issue).collect()
    }

    pub fn errors(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == "error").count()
    }
}

fn json_len<T: Serialize + ?Sized>(item: &T) -> usize {
    serde_json::to_string(item).map_or(0, |t| t.len())
}

/// About how long a route's JSON is: a long line (a GPS log of 600k points: 20 MB of JSON,
/// 0.4 s to write) from a sample of its points.
fn route_json_len(route: &Route) -> usize {
    const SAMPLE_POINTS: usize = 1000;
    if route.path.iter().map(Vec::len).sum::<usize>() <= SAMPLE_POINTS {
        return json_len(route);
    }
    let mut light = route.clone();
    let mut rest = 0.0;
    for part in &mut light.path {
        if part.len() > SAMPLE_POINTS {
            // Each point and its comma, as in the sample.
            let per_point = (json_len(&part[..SAMPLE_POINTS]) - 1) as f64 / SAMPLE_POINTS as f64;
            rest += per_point * (part.len() - SAMPLE_POINTS) as f64;
            part.truncate(SAMPLE_POINTS);
        }
    }
    json_len(&light) + rest as usize
}

/// A layer id not in `taken`: "1", "2", ...
pub fn next_layer_id<'a>(taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..)
        .map(|n: u64| n.to_string())
        .find(|id| !taken.clone().any(|t| t == id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{import_file, ImportOptions};

    #[test]
    fn a_layer_survives_the_round_trip() {
        let text = "名称,经度,纬度,备注\n甲,113.1,23.0,x\n乙,abc,23.0,y\n";
        let imported = import_file("我的.csv", text.as_bytes(), &ImportOptions::default());
        let layer = ImportLayer::new("1".into(), "我的.csv", &imported);
        assert_eq!(
            ImportLayer::from_import("1".into(), "我的.csv", imported.clone()),
            layer
        );
        assert_eq!(layer.dataset.sites.len(), 1);
        assert_eq!(layer.errors(), 1);
        let back = ImportLayer::from_json(&layer.to_json()).expect("reads back");
        assert_eq!(back, layer);
        assert_eq!(back.data_issues(), imported.issues);
        assert_eq!(back.key(), "redmap.import.1");
        let (est, real) = (layer.estimated_json_len(), layer.to_json().len());
        assert!(est >= real / 2 && est <= real * 2, "{est} vs {real}");
    }

    #[test]
    fn big_records_are_estimated_from_a_small_sample() {
        let mut gpx = String::from("<gpx>");
        for t in 0..50 {
            gpx.push_str("<trk><trkseg>");
            for k in 0..2000 {
                let lon = 113.0 + f64::from(k) * 1e-5 + f64::from(t) * 1e-3;
                gpx.push_str(&format!("<trkpt lat='23.1' lon='{lon:.6}'/>"));
            }
            gpx.push_str("</trkseg></trk>");
        }
        gpx.push_str("</gpx>");
        let imported = import_file("t.gpx", gpx.as_bytes(), &ImportOptions::default());
        let layer = ImportLayer::new("1".into(), "t.gpx", &imported);
        assert_eq!(layer.dataset.routes.len(), 50);
        let (est, real) = (layer.estimated_json_len(), layer.to_json().len());
        assert!(
            est >= real * 9 / 10 && est <= real * 11 / 10,
            "{est} vs {real}"
        );
    }

    #[test]
    fn a_long_line_is_estimated_from_a_sample_of_its_points() {
        let mut gpx = String::from("<gpx><trk><name>长</name><trkseg>");
        for k in 0..30_000 {
            let lon = 113.0 + f64::from(k) * 1.3e-5;
            let lat = 23.0 + f64::from(k % 97) * 1e-4;
            gpx.push_str(&format!("<trkpt lat='{lat:.6}' lon='{lon:.6}'/>"));
        }
        gpx.push_str("</trkseg><trkseg><trkpt lat='23' lon='113'/><trkpt lat='23.1' lon='113'/></trkseg></trk></gpx>");
        let imported = import_file("t.gpx", gpx.as_bytes(), &ImportOptions::default());
        let layer = ImportLayer::new("1".into(), "t.gpx", &imported);
        let (est, real) = (layer.estimated_json_len(), layer.to_json().len());
        assert!(
            est >= real * 95 / 100 && est <= real * 105 / 100,
            "{est} vs {real}"
        );
        let route = &layer.dataset.routes[0];
        let (est, real) = (route_json_len(route), json_len(route));
        assert!(est.abs_diff(real) < real / 50, "{est} vs {real}");
        // Kept, it reads back the same, every point of it.
        assert_eq!(ImportLayer::from_json(&layer.to_json()), Ok(layer));
    }

    #[test]
    fn broken_text_is_an_error_not_a_panic() {
        assert!(ImportLayer::from_json("{\"id\":").is_err());
        assert!(ImportLayer::from_json("").is_err());
    }

    #[test]
    fn ids_are_not_reused() {
        assert_eq!(next_layer_id(["1", "3"].into_iter()), "2");
        assert_eq!(next_layer_id([].into_iter()), "1");
    }
}
