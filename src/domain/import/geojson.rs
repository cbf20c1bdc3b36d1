//! Any GeoJSON a user imports, read a few features at a time ([`GeoJsonImport::step`]), so
//! that a 50 MB file can be read in slices between which the page stays responsive.
//!
//! The top level of the FeatureCollection is walked by hand; each feature's raw JSON is cut
//! out (`RawValue`, no value tree) and read by `geodata::foreign_feature`, the same code as
//! the whole-file reader `geodata::parse_foreign_geojson`, with the same issue paths
//! (`features[12].geometry.coordinates`). A wrong or missing `type`, or no `features` list,
//! is listed as that reader lists it, and the features still read.
//!
//! A broken file (invalid JSON, a key given twice, a field of the wrong type) is not read
//! again whole (one multi-second task for a 40 MB file): the walk stops where it fails and
//! the error is worded by the whole-file reader itself, run on a short stand-in for the
//! file (its top level and first feature, then the text from the last feature read on, a
//! window at a time), with the line and column mapped back to the file: the same message
//! and place as before. The features read before that place are kept, with a warning that
//! the rest of the file was not read (JSON cannot be resumed after a syntax error).
//!
//! Pure: text in, data out; no UI, no browser.

use super::build::{ImportSummary, Imported, IMPORTED_SAYS};
use super::precision::own_precision;
use super::xml::Lines;
use super::{ImportFormat, ImportOptions, Reason, StatedPrecision};
use crate::domain::geodata::{
    foreign_checks, foreign_collection_error, foreign_feature, parse_activities,
    parse_foreign_geojson, NAMES_NO_SOURCE,
};
use crate::domain::model::{Activity, Dataset, LonLat, Source, Sources};
use crate::domain::validate::{DataIssue, Severity};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Where the walk is in the file's top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening `{`.
    Start,
    /// After `{` or a member: a key (after a comma unless `first`) or the closing `}`.
    Member { first: bool },
    /// Inside `features`: an item (after a comma unless `first`) or the closing `]`.
    Item { first: bool },
    /// After the closing `}`: only blanks may follow.
    End,
    /// Read to the end (cleanly, or by the whole-file reader).
    Done,
}

/// One GeoJSON file being imported: [`step`](Self::step) until it says done, then
/// [`finish`](Self::finish).
pub struct GeoJsonImport<'t> {
    file: String,
    text: &'t str,
    options: ImportOptions,
    pos: usize,
    state: State,
    index: usize,
    /// Features that gave at least one site or route (the others are listed as issues).
    imported: usize,
    seen_type: bool,
    seen_features: bool,
    /// Whether `features` is a list (not missing or null).
    list: bool,
    data: Dataset,
    issues: Vec<DataIssue>,
    /// The `type` member's string (`None`: missing or null), listed if not a collection.
    kind: Option<String>,
    /// Where the first and the last feature read end (the stand-in for a broken file).
    first_end: Option<usize>,
    last_end: usize,
    /// Line numbers, counted along as the walk goes (a broken file's error line).
    lines: Lines<'t>,
    /// The whole-file reader's error and the warning of what was not read: a broken file.
    broken: Vec<DataIssue>,
    /// The whole-file reader's result, when its error could not be found in a stand-in
    /// (the walk failed where that reader does not: not met in any test).
    whole: Option<Imported>,
    /// The top-level `"activities"` list (redmap's export of a layer), read when met.
    activities: Option<(Vec<Activity>, Vec<DataIssue>)>,
}

/// The first window of text after the place the walk failed, for the stand-in; it grows
/// eightfold while the error is not inside it.
const ERROR_WINDOW: usize = 64 * 1024;

impl<'t> GeoJsonImport<'t> {
    pub fn new(file: &str, text: &'t str, options: &ImportOptions) -> Self {
        GeoJsonImport {
            file: file.to_owned(),
            text,
            options: *options,
            pos: 0,
            state: State::Start,
            index: 0,
            imported: 0,
            seen_type: false,
            seen_features: false,
            list: false,
            data: Dataset::default(),
            issues: Vec::new(),
            kind: None,
            first_end: None,
            last_end: 0,
            lines: Lines::new(text),
            broken: Vec::new(),
            whole: None,
            activities: None,
        }
    }

    /// Reads up to `max_features` more features; true when the file is read to its end.
    pub fn step(&mut self, max_features: usize) -> bool {
        let mut budget = max_features.max(1);
        while self.state != State::Done && budget > 0 {
            self.pos += blanks(&self.text[self.pos..]);
            let next = match self.state {
                State::Item { .. } => {
                    let before = self.index;
                    let next = self.item();
                    budget -= usize::from(self.index > before);
                    next
                }
                _ => self.top_level(),
            };
            match next {
                Some(state) => self.state = state,
                None => self.stop_at_error(),
            }
        }
        self.lines.at(self.pos);
        self.state == State::Done
    }

    /// Bytes read so far and in all, for progress.
    pub fn progress_bytes(&self) -> (usize, usize) {
        (self.pos, self.text.len())
    }

    /// The layer and every problem (what [`import_geojson_whole`] gives for the same text).
    pub fn finish(mut self) -> Imported {
        while !self.step(usize::MAX) {}
        if let Some(whole) = self.whole {
            return whole;
        }
        // As the whole-file reader lists them: the file's own shape first, then the features'.
        let mut issues = std::mem::take(&mut self.broken);
        if self.kind.as_deref() != Some("FeatureCollection") {
            let found = self
                .kind
                .as_deref()
                .map_or("none".to_owned(), |k| format!("\"{k}\""));
            let message = format!("expected \"FeatureCollection\", found {found}");
            issues.push(DataIssue::new(Severity::Error, &self.file, "type", message));
        }
        if !self.list {
            let missing = "missing features";
            issues.push(DataIssue::new(
                Severity::Error,
                &self.file,
                "features",
                missing,
            ));
        }
        issues.append(&mut self.issues);
        if let Some((activities, mut found)) = self.activities.take() {
            self.data.activities = activities;
            issues.append(&mut found);
        }
        issues.extend(foreign_checks(&self.file, &self.data));
        let counts = FeatureCounts {
            read: self.index,
            imported: self.imported,
        };
        shifted(&self.file, self.data, issues, counts, &self.options)
    }

    /// One step outside the features list; `None`: not the usual shape.
    fn top_level(&mut self) -> Option<State> {
        let rest = &self.text[self.pos..];
        let b = *rest.as_bytes().first()?;
        Some(match self.state {
            State::Start if b == b'{' => self.take(1, State::Member { first: true }),
            State::Member { .. } if b == b'}' => self.take(1, State::End),
            State::Member { first: false } if b == b',' => {
                self.pos += 1;
                self.pos += blanks(&self.text[self.pos..]);
                self.member()?
            }
            State::Member { first: true } => self.member()?,
            _ => return None,
        })
    }

    /// A key, its colon and its value (the features list is entered, not read).
    fn member(&mut self) -> Option<State> {
        let (n, key) = first::<Cow<str>>(&self.text[self.pos..])?;
        self.pos += n;
        self.pos += blanks(&self.text[self.pos..]);
        if !self.text[self.pos..].starts_with(':') {
            return None;
        }
        self.pos += 1;
        self.pos += blanks(&self.text[self.pos..]);
        match key.as_ref() {
            "features" if !self.seen_features => {
                self.seen_features = true;
                if self.text[self.pos..].starts_with('[') {
                    self.list = true;
                    return Some(self.take(1, State::Item { first: true }));
                }
                // `null` is no list (listed at the end); anything else is broken.
                let (n, ()) = first::<()>(&self.text[self.pos..])?;
                Some(self.take(n, State::Member { first: false }))
            }
            "type" if !self.seen_type => {
                self.seen_type = true;
                let (n, kind) = first::<Option<Cow<str>>>(&self.text[self.pos..])?;
                self.kind = kind.map(Cow::into_owned);
                Some(self.take(n, State::Member { first: false }))
            }
            "features" | "type" => None,
            "activities" => {
                let (n, raw) = first::<&RawValue>(&self.text[self.pos..])?;
                self.activities = Some(activities_of(&self.file, raw));
                Some(self.take(n, State::Member { first: false }))
            }
            _ => {
                let (n, _) = first::<&RawValue>(&self.text[self.pos..])?;
                Some(self.take(n, State::Member { first: false }))
            }
        }
    }

    /// The next feature (read and converted), or the end of the list.
    fn item(&mut self) -> Option<State> {
        let State::Item { first: at_first } = self.state else {
            return None;
        };
        let rest = &self.text[self.pos..];
        match rest.as_bytes().first()? {
            b']' => return Some(self.take(1, State::Member { first: false })),
            b',' if !at_first => {
                self.pos += 1;
                self.pos += blanks(&self.text[self.pos..]);
            }
            _ if at_first => {}
            _ => return None,
        }
        let (n, raw) = first::<&RawValue>(&self.text[self.pos..])?;
        let before = self.data.sites.len() + self.data.routes.len();
        foreign_feature(
            &self.file,
            raw,
            self.index,
            &mut self.data,
            &mut self.issues,
        );
        self.index += 1;
        self.imported += usize::from(self.data.sites.len() + self.data.routes.len() > before);
        self.last_end = self.pos + n;
        self.first_end.get_or_insert(self.last_end);
        Some(self.take(n, State::Item { first: false }))
    }

    fn take(&mut self, n: usize, then: State) -> State {
        self.pos += n;
        if then == State::End {
            let rest = &self.text[self.pos..];
            return if rest.len() == blanks(rest) {
                self.pos = self.text.len();
                State::Done
            } else {
                State::End
            };
        }
        then
    }

    /// The walk cannot go on at `pos`: the whole-file reader words the error, from a
    /// stand-in (see the module's notes); the features read so far are kept.
    fn stop_at_error(&mut self) {
        let (text, len) = (self.text, self.text.len());
        let (a, c) = (
            self.first_end.unwrap_or(0),
            self.last_end.max(self.first_end.unwrap_or(0)),
        );
        let mut window = ERROR_WINDOW;
        let issue = loop {
            let mut end = self.pos.saturating_add(window).min(len);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let cut = end < len;
            let stand_in = [&text[..a], &text[c..end]].concat();
            match foreign_collection_error(&self.file, &stand_in) {
                // The window ends inside the value: a wider one.
                Some(i) if cut && i.message.contains("EOF while parsing") => {}
                Some(issue) => break Some(self.placed(issue, &stand_in, a, c)),
                None if cut => {}
                None => break None,
            }
            window = window.saturating_mul(8);
        };
        match issue {
            Some(issue) => {
                self.broken.push(issue);
                if self.index > 0 {
                    let reason = Reason::JsonReadUpTo(self.index);
                    let at = self.broken[0].path.clone();
                    self.broken.push(DataIssue::because(
                        Severity::Warning,
                        &self.file,
                        at,
                        reason,
                    ));
                }
                self.pos = len;
                self.state = State::Done;
            }
            None => self.read_whole(),
        }
    }

    /// `issue`, found in `stand_in` (the text up to `a`, then from `c` on), with its line
    /// and column (if any) those of the same place in the file.
    fn placed(&mut self, mut issue: DataIssue, stand_in: &str, a: usize, c: usize) -> DataIssue {
        let Some((code, line, column)) = position(&issue.message) else {
            return issue;
        };
        let line_start = memchr::memchr_iter(b'\n', stand_in.as_bytes())
            .nth(line.saturating_sub(2))
            .map_or(0, |n| if line > 1 { n + 1 } else { 0 });
        let at = line_start + column;
        let at = if at > a { at - a + c } else { at };
        let at = at.min(self.text.len());
        let line = self.lines.at(at);
        let column = at - memchr::memrchr(b'\n', &self.text.as_bytes()[..at]).map_or(0, |n| n + 1);
        issue.message = format!("{code} at line {line} column {column}");
        issue
    }

    /// Not the usual shape: the whole-file reader reports it, as it always has.
    fn read_whole(&mut self) {
        self.whole = Some(import_geojson_whole(&self.file, self.text, &self.options));
        self.data = Dataset::default();
        self.issues = Vec::new();
        self.pos = self.text.len();
        self.state = State::Done;
    }
}

/// The length of the JSON blanks at the start of `s`.
fn blanks(s: &str) -> usize {
    s.bytes()
        .take_while(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        .count()
}

/// A serde_json message's text before " at line L column C", and L and C.
fn position(message: &str) -> Option<(&str, usize, usize)> {
    let (code, at) = message.rsplit_once(" at line ")?;
    let (line, column) = at.split_once(" column ")?;
    Some((code, line.parse().ok()?, column.parse().ok()?))
}

/// The first JSON value of `s` and its length; `None` if it is not valid JSON.
fn first<'a, T: serde::Deserialize<'a>>(s: &'a str) -> Option<(usize, T)> {
    let mut values = serde_json::Deserializer::from_str(s).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((values.byte_offset(), value))
}

/// The whole file in one go: the foreign-GeoJSON reader, then shifted to WGS-84 if the user
/// says the positions are GCJ-02 or BD-09. The summary counts features (one feature may give
/// several sites): read, and imported (gave a site or a route); each of the others is listed.
pub fn import_geojson_whole(name: &str, text: &str, options: &ImportOptions) -> Imported {
    let (mut dataset, mut issues) = parse_foreign_geojson(name, text);
    #[derive(serde::Deserialize)]
    struct Top<'a> {
        #[serde(borrow, default)]
        activities: Option<&'a RawValue>,
    }
    if let Ok(Top {
        activities: Some(raw),
    }) = serde_json::from_str::<Top>(text)
    {
        // The reader's cross-record checks (its last issues) again with the activities,
        // their own problems before them, as the stepped reader lists them.
        let old_checks = foreign_checks(name, &dataset).len();
        issues.truncate(issues.len().saturating_sub(old_checks));
        let (activities, found) = activities_of(name, raw);
        dataset.activities = activities;
        issues.extend(found);
        issues.extend(foreign_checks(name, &dataset));
    }
    shifted(name, dataset, issues, feature_counts(name, text), options)
}

/// A top-level `"activities"` list, in redmap's activities schema (how a layer's activities
/// are exported, see `layer_export`): the activities and their problems. An imported
/// activity has no English title: that is not listed as a problem.
fn activities_of(file: &str, raw: &RawValue) -> (Vec<Activity>, Vec<DataIssue>) {
    let text = format!("{{\"activities\": {}}}", raw.get());
    let parsed = parse_activities(file, &text);
    let issues = parsed
        .issues
        .into_iter()
        .filter(|i| !(i.severity == Severity::Warning && i.path.ends_with(".title_en")))
        .collect();
    (parsed.records, issues)
}

/// How many features a GeoJSON file has and how many of them give a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct FeatureCounts {
    read: usize,
    imported: usize,
}

/// The features of `text` counted one by one, as the stepped reader counts them (the
/// whole-file reader keeps no per-feature tally); nothing when the file does not parse
/// (that reader then imports nothing either).
fn feature_counts(name: &str, text: &str) -> FeatureCounts {
    #[derive(serde::Deserialize)]
    struct Top<'a> {
        #[serde(borrow, default)]
        features: Option<Vec<&'a RawValue>>,
    }
    let Ok(top) = serde_json::from_str::<Top>(text) else {
        return FeatureCounts::default();
    };
    let features = top.features.unwrap_or_default();
    let mut counts = FeatureCounts {
        read: features.len(),
        imported: 0,
    };
    for (index, raw) in features.into_iter().enumerate() {
        let (mut data, mut issues) = (Dataset::default(), Vec::new());
        foreign_feature(name, raw, index, &mut data, &mut issues);
        counts.imported += usize::from(!data.sites.is_empty() || !data.routes.is_empty());
    }
    counts
}

/// The foreign-GeoJSON reader's words (shared with the published data's checks, in
/// English) typed, so that the list is in the reader's language: for an import, and for a
/// GeoJSON opened by `?data=` (the same reader, the same words).
pub fn type_geojson_issues(issues: &mut [DataIssue]) {
    for issue in issues.iter_mut().filter(|i| i.reason.is_none()) {
        issue.reason = Some(Box::new(Reason::of_geojson_message(&issue.message)));
    }
}

/// The layer in WGS-84, with its counts.
fn shifted(
    file: &str,
    mut dataset: Dataset,
    mut issues: Vec<DataIssue>,
    counts: FeatureCounts,
    options: &ImportOptions,
) -> Imported {
    // Cited as every import is ("imported by the user"), so that the dashboard tells the
    // layer apart from the published data (`coverage::imported`), as for CSV, GPX and KML.
    let mut last: Option<(Sources, Sources)> = None;
    let mut mark = |sources: &mut Sources| {
        if !sources.iter().any(|s| s.says == NAMES_NO_SOURCE) {
            return;
        }
        if let Some((was, now)) = &last {
            if was == sources {
                *sources = now.clone();
                return;
            }
        }
        let now: Sources = sources
            .iter()
            .map(|s| Source {
                doc: s.doc.clone(),
                says: if s.says == NAMES_NO_SOURCE {
                    IMPORTED_SAYS.to_owned()
                } else {
                    s.says.clone()
                },
            })
            .collect();
        last = Some((std::mem::replace(sources, now.clone()), now));
    };
    dataset.sites.iter_mut().for_each(|s| mark(&mut s.sources));
    dataset.routes.iter_mut().for_each(|r| mark(&mut r.sources));
    let shift = |p: &mut LonLat| *p = options.coords.to_wgs84(*p);
    dataset
        .sites
        .iter_mut()
        .for_each(|s| shift(&mut s.position));
    dataset
        .routes
        .iter_mut()
        .flat_map(|r| r.path.iter_mut().flatten())
        .for_each(shift);
    // How exact the positions are: a feature's own `precision` (redmap's schema), else what
    // the importing user states (by default: not stated).
    for site in &mut dataset.sites {
        match own_precision(site) {
            Ok(true) => {}
            Ok(false) => {
                if options.stated != StatedPrecision::NotStated {
                    site.precision = options.stated.precision();
                }
            }
            Err(text) => {
                let reason = Reason::PrecisionNotRead {
                    site: site.id.to_string(),
                    text,
                };
                issues.push(DataIssue::because(Severity::Warning, file, "", reason));
                if options.stated != StatedPrecision::NotStated {
                    site.precision = options.stated.precision();
                }
            }
        }
    }
    type_geojson_issues(&mut issues);
    let summary = ImportSummary {
        format: ImportFormat::GeoJson,
        records: counts.read,
        skipped: counts.read - counts.imported,
        merged: 0,
        sites: dataset.sites.len(),
        routes: dataset.routes.len(),
        activities: dataset.activities.len(),
        stated: options.stated,
    };
    Imported {
        dataset,
        issues,
        summary,
    }
}

#[cfg(test)]
#[path = "geojson_tests.rs"]
mod tests;
