//! Reading a layer file from its bytes as they arrive (a fetch body, chunk by chunk), so
//! that neither the file's text nor a list of raw records is ever held whole: each record
//! is parsed and converted as soon as its last byte is in, and only the unfinished tail of
//! the bytes is kept. On the synthetic 100k dataset that is the difference between holding
//! 131 MB of JSON text while parsing and holding a few kilobytes.
//!
//! Only the usual shape is read this way: one object whose list ("features", "activities"
//! or "visits") holds the records. Anything else at the top level (invalid JSON, a wrong
//! `type`, a missing list, a duplicate key) makes [`ChunkedLayer::finish`] say
//! [`Unreadable`]: the caller then reads the file whole with [`super::load_layer`], whose
//! messages say what is wrong, so a bad file is reported exactly as before. A bad record
//! inside a good file is reported here, at its path, and the others still load.
//!
//! Pure Rust: no browser types; the UI hands in byte slices.

use super::fields::{At, Issues, SharedSources};
use super::raw::{parse_record, RawFeature};
use super::read::accept;
use super::{records, regions, routes, sites};
use crate::domain::model::{Dataset, LayerType};
use crate::domain::validate::{DataIssue, Origin, Origins};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The file's top level is not the usual shape: read it whole to report why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Where the reader is in the file's top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    KeyOrEnd,
    CommaOrEnd,
    Key,
    Colon(Slot),
    Value(Slot),
    ItemOrEnd,
    ItemCommaOrEnd,
    Item,
    End,
    Broken,
}

/// What a top-level key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The list of records.
    List,
    /// A FeatureCollection's `type`.
    Type,
    /// A key the whole-file reader would check (the other record list): read it whole.
    Checked,
    /// Anything else: skipped.
    Other,
}

/// The records read so far, by layer type.
enum Sink {
    Sites(Vec<crate::domain::model::Site>),
    Routes(Vec<crate::domain::model::Route>),
    Regions(Vec<crate::domain::model::Region>),
    Activities(Vec<crate::domain::model::Activity>),
    Visits(Vec<crate::domain::model::Visit>),
}

/// One layer file being read as its bytes arrive: [`push`](Self::push) each chunk, then
/// [`finish`](Self::finish).
pub struct ChunkedLayer {
    file: String,
    list: &'static str,
    features: bool,
    buf: Vec<u8>,
    state: State,
    sink: Sink,
    indices: Vec<usize>,
    issues: Vec<DataIssue>,
    shared: SharedSources,
    index: usize,
    type_ok: Option<bool>,
    seen_list: bool,
    /// The file's size when known (Content-Length), and how many bytes came in so far:
    /// for one well-sized reservation of the record list (see [`Self::expect_len`]).
    expected_len: Option<usize>,
    bytes_in: usize,
    reserved: bool,
}

impl ChunkedLayer {
    /// A reader for a layer of type `kind` in `file` (the name issues give).
    pub fn new(kind: LayerType, file: &str) -> Self {
        let (list, sink) = match kind {
            LayerType::Sites => ("features", Sink::Sites(Vec::new())),
            LayerType::Routes => ("features", Sink::Routes(Vec::new())),
            LayerType::Regions => ("features", Sink::Regions(Vec::new())),
            LayerType::Activities => ("activities", Sink::Activities(Vec::new())),
            LayerType::Visits => ("visits", Sink::Visits(Vec::new())),
        };
        ChunkedLayer {
            file: file.to_owned(),
            list,
            features: list == "features",
            buf: Vec::new(),
            state: State::Start,
            sink,
            indices: Vec::new(),
            issues: Vec::new(),
            shared: SharedSources::default(),
            index: 0,
            type_ok: None,
            seen_list: false,
            expected_len: None,
            bytes_in: 0,
            reserved: false,
        }
    }

    /// The file's size in bytes, when the server says it. After the first records the list
    /// is then reserved once for the records the rest of the file will hold at the same
    /// size per record (5% spare), instead of doubling as it grows: at 100k sites the
    /// doubling peaked at 1.5-2x the list's final size in memory that wasm never gives back.
    /// Only the capacity depends on it; a wrong size costs memory, never records.
    pub fn expect_len(&mut self, bytes: usize) {
        self.expected_len = Some(bytes);
    }

    /// Takes the next bytes of the file and reads every record they complete.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.state == State::Broken {
            return;
        }
        self.bytes_in += bytes.len();
        self.buf.extend_from_slice(bytes);
        let used = self.run(false);
        self.buf.drain(..used);
        self.reserve();
        if self.state == State::Broken {
            self.buf = Vec::new();
        }
    }

    /// Ends the file: its records go into `data` (replacing that layer) and their origin
    /// into `origins`; returns the file's own issues. [`Unreadable`] leaves both untouched.
    pub fn finish(
        mut self,
        data: &mut Dataset,
        origins: &mut Origins,
    ) -> Result<Vec<DataIssue>, Unreadable> {
        let used = self.run(true);
        let rest_is_blank = self.buf[used..].iter().all(|b| is_blank(*b));
        let shape_ok = self.seen_list && (!self.features || self.type_ok == Some(true));
        if self.state != State::End || !rest_is_blank || !shape_ok {
            return Err(Unreadable);
        }
        let origin = if self.features {
            Origin::features(&self.file)
        } else {
            Origin::records(&self.file, self.list)
        };
        let mut indices = self.indices;
        indices.shrink_to_fit();
        let origin = Origin { indices, ..origin };
        fn put<T>(mut records: Vec<T>, into: &mut Vec<T>, origin: Origin, at: &mut Origin) {
            records.shrink_to_fit();
            *into = records;
            *at = origin;
        }
        match self.sink {
            Sink::Sites(r) => put(r, &mut data.sites, origin, &mut origins.sites),
            Sink::Routes(r) => put(r, &mut data.routes, origin, &mut origins.routes),
            Sink::Regions(r) => put(r, &mut data.regions, origin, &mut origins.regions),
            Sink::Activities(r) => put(r, &mut data.activities, origin, &mut origins.activities),
            Sink::Visits(r) => put(r, &mut data.visits, origin, &mut origins.visits),
        }
        Ok(self.issues)
    }

    /// Once 1000 records are in: room for the rest, estimated from the size per record.
    fn reserve(&mut self) {
        const SAMPLE: usize = 1000;
        let (Some(total), false) = (self.expected_len, self.reserved) else {
            return;
        };
        if self.index < SAMPLE {
            return;
        }
        self.reserved = true;
        let read = self.bytes_in.saturating_sub(self.buf.len()).max(1);
        let per_record = read as f64 / self.index as f64;
        let rest = total.saturating_sub(read) as f64 / per_record;
        let more = (rest * 1.05) as usize + 16;
        self.indices.reserve_exact(more);
        match &mut self.sink {
            Sink::Sites(v) => v.reserve_exact(more),
            Sink::Routes(v) => v.reserve_exact(more),
            Sink::Regions(v) => v.reserve_exact(more),
            Sink::Activities(v) => v.reserve_exact(more),
            Sink::Visits(v) => v.reserve_exact(more),
        }
    }

    /// Reads as far as the buffered bytes go; returns how many bytes are done with. With
    /// `last`, a value that ends exactly at the end of the bytes is complete.
    fn run(&mut self, last: bool) -> usize {
        let mut pos = 0;
        loop {
            pos += self.buf[pos..].iter().take_while(|b| is_blank(**b)).count();
            let rest = &self.buf[pos..];
            let Some(&b) = rest.first() else {
                return pos;
            };
            let (state, used) = match self.state {
                State::Start if rest.starts_with(BOM) => (State::Start, BOM.len()),
                State::Start if BOM.starts_with(rest) && !last => return pos,
                State::Start if b == b'{' => (State::KeyOrEnd, 1),
                State::KeyOrEnd | State::CommaOrEnd if b == b'}' => (State::End, 1),
                State::CommaOrEnd if b == b',' => (State::Key, 1),
                State::KeyOrEnd | State::Key => match key(rest, last, self.list, self.features) {
                    Step::Took(n, slot) if self.seen(slot) => (State::Broken, n),
                    Step::Took(n, slot) => (State::Colon(slot), n),
                    Step::More => return pos,
                    Step::Broken => (State::Broken, 0),
                },
                State::Colon(slot) if b == b':' => (State::Value(slot), 1),
                State::Value(Slot::List) if b == b'[' => (State::ItemOrEnd, 1),
                State::Value(Slot::List) => (State::Broken, 0),
                State::Value(slot) => match value(rest, last) {
                    Step::Took(n, raw) => (self.keep(slot, raw), n),
                    Step::More => return pos,
                    Step::Broken => (State::Broken, 0),
                },
                State::ItemOrEnd | State::ItemCommaOrEnd if b == b']' => (State::CommaOrEnd, 1),
                State::ItemCommaOrEnd if b == b',' => (State::Item, 1),
                State::ItemOrEnd | State::Item => match self.item(pos, last) {
                    Step::Took(n, ()) => (State::ItemCommaOrEnd, n),
                    Step::More => return pos,
                    Step::Broken => (State::Broken, 0),
                },
                _ => (State::Broken, 0),
            };
            self.state = state;
            if state == State::Broken {
                return pos;
            }
            pos += used;
        }
    }

    /// Whether a key that must not repeat was seen before (and notes it).
    fn seen(&mut self, slot: Slot) -> bool {
        match slot {
            Slot::List => std::mem::replace(&mut self.seen_list, true),
            Slot::Type => self.type_ok.is_some(),
            Slot::Checked => true,
            Slot::Other => false,
        }
    }

    /// What a non-list top-level value leaves the reader in.
    fn keep(&mut self, slot: Slot, raw: bool) -> State {
        match slot {
            Slot::Type => {
                self.type_ok = Some(raw);
                State::CommaOrEnd
            }
            Slot::Checked => State::Broken,
            _ => State::CommaOrEnd,
        }
    }

    /// The record starting at `buf[pos..]`: parsed, converted, kept or reported.
    fn item(&mut self, pos: usize, last: bool) -> Step<()> {
        let ChunkedLayer {
            file,
            buf,
            sink,
            indices,
            issues,
            shared,
            index,
            list,
            features,
            ..
        } = self;
        let bytes = &buf[pos..];
        let at = At {
            list,
            index: *index,
            props: *features,
        };
        let mut found = Issues {
            file,
            list: std::mem::take(issues),
            shared: std::mem::take(shared),
        };
        let step = match sink {
            Sink::Sites(v) => feature(bytes, last, at, &mut found, sites::site, v, indices),
            Sink::Routes(v) => feature(bytes, last, at, &mut found, routes::route, v, indices),
            Sink::Regions(v) => feature(bytes, last, at, &mut found, regions::region, v, indices),
            Sink::Activities(v) => {
                record(bytes, last, at, &mut found, records::activity, v, indices)
            }
            Sink::Visits(v) => record(bytes, last, at, &mut found, records::visit, v, indices),
        };
        *issues = found.list;
        *shared = found.shared;
        if let Step::Took(..) = step {
            *index += 1;
        }
        step
    }
}

const BOM: &[u8] = &[0xef, 0xbb, 0xbf];

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// One try at reading something from the front of the bytes.
enum Step<T> {
    /// Done: this many bytes, and what they gave.
    Took(usize, T),
    /// The bytes end before it does.
    More,
    /// Not JSON: the whole-file reader must say why.
    Broken,
}

/// The first JSON value of `bytes` as a `T`. A value that ends exactly where the bytes end
/// may go on in the next chunk (a number), so it waits unless this is the `last` chunk.
fn first<'a, T: Deserialize<'a>>(bytes: &'a [u8], last: bool) -> Step<T> {
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<T>();
    match values.next() {
        Some(Ok(_)) if values.byte_offset() == bytes.len() && !last => Step::More,
        Some(Ok(v)) => Step::Took(values.byte_offset(), v),
        Some(Err(e)) if e.is_eof() || (!last && at_end(bytes, &e)) => Step::More,
        None => Step::More,
        Some(Err(_)) => Step::Broken,
    }
}

/// Whether a syntax error is at the very end of the bytes: they stop inside a token that
/// more bytes may complete ("107." of "107.5", which serde_json calls an invalid number,
/// not an early end). Such a chunk boundary made every valid file of the synthetic 10k and
/// 100k datasets "unreadable", so the browser fetched and parsed it a second time, whole.
fn at_end(bytes: &[u8], e: &serde_json::Error) -> bool {
    let line_start = match e.line() {
        0 | 1 => 0,
        line => bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    line_start + e.column() >= bytes.len()
}

/// A top-level key and what it holds.
fn key(rest: &[u8], last: bool, list: &str, features: bool) -> Step<Slot> {
    let (n, key) = match first::<Cow<str>>(rest, last) {
        Step::Took(n, key) => (n, key),
        Step::More => return Step::More,
        Step::Broken => return Step::Broken,
    };
    let slot = match key.as_ref() {
        k if k == list => Slot::List,
        "type" if features => Slot::Type,
        "activities" | "visits" if !features => Slot::Checked,
        _ => Slot::Other,
    };
    Step::Took(n, slot)
}

/// A top-level value: whether it is the string "FeatureCollection".
fn value(bytes: &[u8], last: bool) -> Step<bool> {
    match first::<&RawValue>(bytes, last) {
        Step::Took(n, raw) => Step::Took(n, raw.get() == "\"FeatureCollection\""),
        Step::More => Step::More,
        Step::Broken => Step::Broken,
    }
}

/// A feature: the typed parse first; a feature that does not fit the type is parsed again
/// as raw JSON and reported at the path of the field that failed.
fn feature<'a, P: Deserialize<'a>, T>(
    bytes: &'a [u8],
    last: bool,
    at: At,
    issues: &mut Issues,
    mut convert: impl FnMut(RawFeature<'a, P>, At, &mut Issues) -> Option<T>,
    records: &mut Vec<T>,
    indices: &mut Vec<usize>,
) -> Step<()> {
    let feature = match first::<RawFeature<'a, P>>(bytes, last) {
        Step::Took(n, f) => (n, Some(f)),
        Step::More => return Step::More,
        Step::Broken => match first::<&RawValue>(bytes, last) {
            Step::Took(n, raw) => (n, parse_record::<RawFeature<P>>(raw, at, issues)),
            Step::More => return Step::More,
            Step::Broken => return Step::Broken,
        },
    };
    if let Some(f) = feature.1 {
        accept(at.index, f, &mut convert, issues, records, indices);
    }
    Step::Took(feature.0, ())
}

/// A plain record (activity, visit), the same way as [`feature`].
fn record<'a, R: Deserialize<'a>, T>(
    bytes: &'a [u8],
    last: bool,
    at: At,
    issues: &mut Issues,
    convert: impl FnOnce(R, At, &mut Issues) -> Option<T>,
    records: &mut Vec<T>,
    indices: &mut Vec<usize>,
) -> Step<()> {
    let raw = match first::<R>(bytes, last) {
        Step::Took(n, r) => (n, Some(r)),
        Step::More => return Step::More,
        Step::Broken => match first::<&RawValue>(bytes, last) {
            Step::Took(n, raw) => (n, parse_record::<R>(raw, at, issues)),
            Step::More => return Step::More,
            Step::Broken => return Step::Broken,
        },
    };
    if let Some(t) = raw.1.and_then(|r| convert(r, at, issues)) {
        records.push(t);
        indices.push(at.index);
    }
    Step::Took(raw.0, ())
}

/// Reads `text` in chunks of `size` bytes, the way the browser reads a fetched file, and
/// falls back to the whole-file reader (a leading byte-order mark dropped) when it must.
pub fn read_chunked(
    kind: LayerType,
    file: &str,
    text: &str,
    size: usize,
    data: &mut Dataset,
    origins: &mut Origins,
) -> Vec<DataIssue> {
    let mut layer = ChunkedLayer::new(kind, file);
    for chunk in text.as_bytes().chunks(size.max(1)) {
        layer.push(chunk);
    }
    match layer.finish(data, origins) {
        Ok(issues) => issues,
        Err(Unreadable) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            super::load_layer(data, origins, kind, file, text)
        }
    }
}

#[cfg(test)]
#[path = "chunked_tests.rs"]
mod tests;
