//! Shared helpers that turn lenient raw fields into model values, recording an issue (with
//! its JSON path) for every problem instead of stopping.

use crate::domain::model::{Source, Sources, Vocabulary};
use crate::domain::validate::{unknown_value, DataIssue, Severity};
use serde::Deserialize;

/// Collects the issues of one file.
pub(crate) struct Issues<'f> {
    pub file: &'f str,
    pub list: Vec<DataIssue>,
    /// Each distinct list of sources read so far in the file, handed out shared.
    pub shared: SharedSources,
}

/// Distinct source lists, so that records citing the same sources share one list (on the
/// synthetic 100k dataset: ~30 MB less). A file whose records all cite different sources
/// costs one table slot per record.
#[derive(Default)]
pub(crate) struct SharedSources(std::collections::HashSet<Sources>);

impl SharedSources {
    fn get(&mut self, list: Vec<Source>) -> Sources {
        if let Some(shared) = self.0.get(list.as_slice()) {
            return shared.clone();
        }
        let shared: Sources = list.into();
        self.0.insert(shared.clone());
        shared
    }
}

impl<'f> Issues<'f> {
    pub fn new(file: &'f str) -> Self {
        Issues {
            file,
            list: Vec::new(),
            shared: SharedSources::default(),
        }
    }

    pub fn push(&mut self, severity: Severity, path: String, message: impl Into<String>) {
        self.list
            .push(DataIssue::new(severity, self.file, path, message));
    }

    pub fn error(&mut self, path: String, message: impl Into<String>) {
        self.push(Severity::Error, path, message);
    }

    pub fn warning(&mut self, path: String, message: impl Into<String>) {
        self.push(Severity::Warning, path, message);
    }
}

/// Where a record sits in its file; paths are formatted only when an issue is reported.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    /// "features", "activities" or "visits".
    pub list: &'static str,
    pub index: usize,
    /// Whether fields live under `.properties` (GeoJSON features).
    pub props: bool,
}

impl At {
    /// Path of a field of the record: `features[3].properties.kind`.
    pub fn field(&self, field: &str) -> String {
        let props = if self.props { ".properties" } else { "" };
        format!("{}[{}]{props}.{field}", self.list, self.index)
    }

    /// Path of something outside the properties: `features[3].geometry`; "" is the record.
    pub fn raw(&self, rest: &str) -> String {
        match rest {
            "" => format!("{}[{}]", self.list, self.index),
            _ => format!("{}[{}].{rest}", self.list, self.index),
        }
    }
}

/// A source as written: both parts optional so that a missing one is reported, not fatal.
#[derive(Debug, Deserialize)]
pub(crate) struct RawSource {
    pub doc: Option<String>,
    pub says: Option<String>,
}

/// A required text field: missing or blank is an error.
pub(crate) fn required(
    value: Option<String>,
    at: At,
    field: &str,
    issues: &mut Issues,
) -> Option<String> {
    required_as(value, at, field, Severity::Error, issues)
}

/// A text field that should be there; missing or blank is reported with `severity`.
pub(crate) fn required_as(
    value: Option<String>,
    at: At,
    field: &str,
    severity: Severity,
    issues: &mut Issues,
) -> Option<String> {
    match value {
        Some(v) if !v.trim().is_empty() => Some(v),
        _ => {
            issues.push(
                severity,
                at.field(field),
                format!("missing {}", leaf(field)),
            );
            None
        }
    }
}

/// The last name in a field path, for messages: "sources[0].doc" -> "doc",
/// "also_kinds[1]" -> "also_kinds".
fn leaf(field: &str) -> &str {
    let last = field.rsplit('.').next().unwrap_or(field);
    last.split('[').next().unwrap_or(last)
}

/// A value of a closed vocabulary, with a "did you mean" hint when unknown.
pub(crate) fn vocab<T: Vocabulary>(
    value: Option<&str>,
    at: At,
    field: &str,
    issues: &mut Issues,
) -> Option<T> {
    let Some(value) = value else {
        issues.error(at.field(field), format!("missing {}", leaf(field)));
        return None;
    };
    let found = T::ALL.iter().copied().find(|v| v.as_str() == value);
    if found.is_none() {
        issues.error(
            at.field(field),
            unknown_value(leaf(field), value, &T::spellings()),
        );
    }
    found
}

/// The sources of a record: at least one, each with a `doc`.
pub(crate) fn sources(
    raw: Option<Vec<RawSource>>,
    at: At,
    field: &str,
    issues: &mut Issues,
) -> Sources {
    let raw = raw.unwrap_or_default();
    if raw.is_empty() {
        issues.error(
            at.field(field),
            "no sources: every record needs at least one source",
        );
    }
    let mut out = Vec::with_capacity(raw.len());
    for (i, s) in raw.into_iter().enumerate() {
        let doc = required(s.doc, at, &format!("{field}[{i}].doc"), issues);
        let says = required_as(
            s.says,
            at,
            &format!("{field}[{i}].says"),
            Severity::Warning,
            issues,
        );
        if let Some(doc) = doc {
            out.push(Source {
                doc,
                says: says.unwrap_or_default(),
            });
        }
    }
    issues.shared.get(out)
}
