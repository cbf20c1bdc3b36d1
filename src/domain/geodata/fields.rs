//! Shared helpers that turn lenient raw fields into model values, recording an issue (with
//! its JSON path) for every problem instead of stopping.

use crate::domain::model::{ActivityDate, LonLat, Source, Vocabulary};
use crate::domain::validate::{position_problem, unknown_value, DataIssue, Severity};
use serde::Deserialize;
use serde_json::Number;

/// Collects the issues of one file.
pub(crate) struct Issues<'f> {
    pub file: &'f str,
    pub list: Vec<DataIssue>,
}

impl<'f> Issues<'f> {
    pub fn new(file: &'f str) -> Self {
        Issues {
            file,
            list: Vec::new(),
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
) -> Vec<Source> {
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
    out
}

/// An optional count: a non-negative integer.
pub(crate) fn count(
    value: Option<&Number>,
    at: At,
    field: &str,
    issues: &mut Issues,
) -> Option<u64> {
    let n = value?;
    if let Some(v) = n.as_u64() {
        return Some(v);
    }
    let message = if n.as_i64().is_some() || n.as_f64().is_some_and(|f| f < 0.0) {
        format!("negative count {n}: counts are non-negative integers")
    } else {
        format!("count {n} is not an integer")
    };
    issues.error(at.field(field), message);
    None
}

/// A `date` ("YYYY-MM-DD" or "YYYY-MM") or a `start`/`end` range in order.
pub(crate) fn activity_date(
    date: Option<&str>,
    start: Option<&str>,
    end: Option<&str>,
    at: At,
    issues: &mut Issues,
) -> Option<ActivityDate> {
    let parse = |field: &str, value: &str, issues: &mut Issues| {
        let parsed = ActivityDate::parse(value);
        if parsed.is_none() {
            let message =
                format!("bad date \"{value}\": expected ISO 8601 \"YYYY-MM-DD\" or \"YYYY-MM\"");
            issues.error(at.field(field), message);
        }
        parsed
    };
    match (date, start, end) {
        (Some(d), None, None) => parse("date", d, issues),
        (None, Some(s), Some(e)) => {
            let (start, end) = (
                parse("start", s, issues)?.bounds().0,
                parse("end", e, issues)?.bounds().1,
            );
            if end < start {
                issues.error(
                    at.field("end"),
                    format!("date range ends ({e}) before it starts ({s})"),
                );
                return None;
            }
            Some(ActivityDate::Range { start, end })
        }
        (None, None, None) => {
            issues.error(
                at.field("date"),
                "missing date (give \"date\", or \"start\" and \"end\")",
            );
            None
        }
        _ => {
            issues.error(
                at.field("date"),
                "give either \"date\" or both \"start\" and \"end\"",
            );
            None
        }
    }
}

/// Records a problem with a position at `rest` (e.g. "geometry.coordinates") of the record; `strict` keeps "outside China" an error
/// (bundled data), otherwise it is a warning (foreign data may lie anywhere).
pub(crate) fn check_position(
    p: LonLat,
    at: At,
    rest: &str,
    strict: bool,
    issues: &mut Issues,
) -> bool {
    match position_problem(p) {
        None => true,
        Some((severity, message)) => {
            let outside_only = message.contains("outside China");
            let severity = if outside_only && !strict {
                Severity::Warning
            } else {
                severity
            };
            issues.push(severity, at.raw(rest), message);
            outside_only
        }
    }
}
