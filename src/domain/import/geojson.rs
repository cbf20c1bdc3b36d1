//! Any GeoJSON a user imports, read a few features at a time ([`GeoJsonImport::step`]), so
//! that a 50 MB file can be read in slices between which the page stays responsive.
//!
//! The top level of the FeatureCollection is walked by hand; each feature's raw JSON is cut
//! out (`RawValue`, no value tree) and read by `geodata::foreign_feature`, the same code as
//! the whole-file reader `geodata::parse_foreign_geojson`, with the same issue paths
//! (`features[12].geometry.coordinates`). Only the usual shape is read this way: one object
//! with a `"type": "FeatureCollection"` and a `features` list, valid JSON throughout. A file
//! that is anything else (invalid JSON, a wrong `type`, no `features`, a key given twice) is
//! read again whole by the old reader, in one step, so that it is reported exactly as
//! before: those files are bad anyway, and the user gets the same message (line, column).
//!
//! Pure: text in, data out; no UI, no browser.

use super::build::{ImportSummary, Imported};
use super::{ImportFormat, ImportOptions};
use crate::domain::geodata::{foreign_checks, foreign_feature, parse_foreign_geojson};
use crate::domain::model::{Dataset, LonLat};
use crate::domain::validate::DataIssue;
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
    seen_type: bool,
    seen_features: bool,
    data: Dataset,
    issues: Vec<DataIssue>,
    /// The whole-file reader's result, when the file is not the usual shape.
    whole: Option<Imported>,
}

impl<'t> GeoJsonImport<'t> {
    pub fn new(file: &str, text: &'t str, options: &ImportOptions) -> Self {
        GeoJsonImport {
            file: file.to_owned(),
            text,
            options: *options,
            pos: 0,
            state: State::Start,
            index: 0,
            seen_type: false,
            seen_features: false,
            data: Dataset::default(),
            issues: Vec::new(),
            whole: None,
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
                None => self.read_whole(),
            }
        }
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
        let checks = foreign_checks(&self.file, &self.data);
        self.issues.extend(checks);
        shifted(self.data, self.issues, &self.options)
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
                self.text[self.pos..]
                    .starts_with('[')
                    .then(|| self.take(1, State::Item { first: true }))
            }
            "type" if !self.seen_type => {
                self.seen_type = true;
                let (n, kind) = first::<Cow<str>>(&self.text[self.pos..])?;
                (kind == "FeatureCollection").then(|| self.take(n, State::Member { first: false }))
            }
            "features" | "type" => None,
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
        foreign_feature(
            &self.file,
            raw,
            self.index,
            &mut self.data,
            &mut self.issues,
        );
        self.index += 1;
        Some(self.take(n, State::Item { first: false }))
    }

    fn take(&mut self, n: usize, then: State) -> State {
        self.pos += n;
        if then == State::End {
            let rest = &self.text[self.pos..];
            let clean = rest.len() == blanks(rest) && self.seen_type && self.seen_features;
            return if clean {
                self.pos = self.text.len();
                State::Done
            } else {
                State::End
            };
        }
        then
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

/// The first JSON value of `s` and its length; `None` if it is not valid JSON.
fn first<'a, T: serde::Deserialize<'a>>(s: &'a str) -> Option<(usize, T)> {
    let mut values = serde_json::Deserializer::from_str(s).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((values.byte_offset(), value))
}

/// The whole file in one go: the foreign-GeoJSON reader, then shifted to WGS-84 if the user
/// says the positions are GCJ-02 or BD-09. `skipped` is not tracked for GeoJSON (one
/// feature may give several sites); the issues list every feature left out.
pub fn import_geojson_whole(name: &str, text: &str, options: &ImportOptions) -> Imported {
    let (dataset, issues) = parse_foreign_geojson(name, text);
    shifted(dataset, issues, options)
}

/// The layer in WGS-84, with its counts.
fn shifted(mut dataset: Dataset, issues: Vec<DataIssue>, options: &ImportOptions) -> Imported {
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
    let summary = ImportSummary {
        format: ImportFormat::GeoJson,
        records: dataset.sites.len() + dataset.routes.len(),
        skipped: 0,
        merged: 0,
        sites: dataset.sites.len(),
        routes: dataset.routes.len(),
        activities: 0,
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
