//! Checks on the dataset. Every problem is a [`DataIssue`] (`file: json-path: message` with a
//! severity); checks never stop at the first problem and never panic.
//!
//! Record-level checks (enum spellings, dates, counts, sources, coordinates) run while
//! `geodata` parses each record, because only then is the raw text at hand; the
//! cross-file checks (unique ids across layers, references, sites near their region) are in
//! [`check_dataset`]. The helpers here are shared by both.

mod cross;
mod hints;
mod origin;
mod position;

pub use cross::{check_dataset, check_dataset_with};
pub use hints::{did_you_mean, unknown_value};
pub use origin::{Origin, Origins};
pub use position::{
    distance_m, plausible_region_radius_m, point_in_polygon, position_problem, CHINA_EXTENT,
};

/// How bad an issue is. Errors make `redmap-data validate` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// Lower-case name used in printed issues.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataIssue {
    /// File name, e.g. "sites.geojson".
    pub file: String,
    /// JSON path inside the file, e.g. "features[3].properties.kind"; empty for the whole file.
    pub path: String,
    pub message: String,
    pub severity: Severity,
    /// The import's typed reason (worded in either language); `message` is its English.
    /// `None` for the published data's checks, which are worded in English only.
    pub reason: Option<Box<crate::domain::import::Reason>>,
}

impl DataIssue {
    /// An issue at `path` in `file`.
    pub fn new(
        severity: Severity,
        file: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        DataIssue {
            file: file.to_owned(),
            path: path.into(),
            message: message.into(),
            severity,
            reason: None,
        }
    }

    /// An import issue at `path` in `file`, for `reason`.
    pub fn because(
        severity: Severity,
        file: &str,
        path: impl Into<String>,
        reason: crate::domain::import::Reason,
    ) -> Self {
        DataIssue {
            file: file.to_owned(),
            path: path.into(),
            message: reason.text(crate::domain::model::TextLang::En),
            severity,
            reason: Some(Box::new(reason)),
        }
    }

    /// The message in `lang`: the reason's words, else the message as written.
    pub fn text(&self, lang: crate::domain::model::TextLang) -> String {
        self.reason
            .as_ref()
            .map_or_else(|| self.message.clone(), |r| r.text(lang))
    }
}

impl std::fmt::Display for DataIssue {
    /// `error: sites.geojson: features[3].properties.kind: unknown kind "musem"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: ", self.severity.as_str(), self.file)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// How many issues of each severity a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IssueCounts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl IssueCounts {
    /// Counts `issues` by severity.
    pub fn of(issues: &[DataIssue]) -> Self {
        let mut c = IssueCounts::default();
        for i in issues {
            match i.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_file_path_message() {
        let i = DataIssue::new(
            Severity::Error,
            "sites.geojson",
            "features[3].properties.kind",
            "bad",
        );
        assert_eq!(
            i.to_string(),
            "error: sites.geojson: features[3].properties.kind: bad"
        );
        let whole = DataIssue::new(Severity::Warning, "visits.json", "", "empty");
        assert_eq!(whole.to_string(), "warning: visits.json: empty");
    }

    #[test]
    fn counts_by_severity() {
        let e = DataIssue::new(Severity::Error, "f", "", "e");
        let w = DataIssue::new(Severity::Warning, "f", "", "w");
        let c = IssueCounts::of(&[e.clone(), w, e]);
        assert_eq!((c.errors, c.warnings, c.infos), (2, 1, 0));
    }
}
