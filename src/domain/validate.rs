//! Checks on the dataset. Every problem is a [`DataIssue`] (`file: json-path: message` with a
//! severity); checks never stop at the first problem and never panic.

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
