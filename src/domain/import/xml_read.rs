//! What the stepped GPX and KML readers share ([`XmlRead`], [`step_records`]): the scan
//! into records ([`XmlSplit`]), then each record parsed in its place and converted, and
//! the errors of a document that is not well-formed, worded and placed as the whole-file
//! reader words them (roxmltree's message, its line:column mapped back to the file).
//!
//! A broken file is not read again whole (one multi-second task for a 40 MB file): the
//! records that are well-formed import, each broken record is an error, and the first
//! error in the file is exactly the whole-file reader's (it stops at that one). Where the
//! scan itself stopped (a file cut off, an end tag that does not match), nothing after it
//! is read; a warning says how many records were imported all the same.

use super::build::Builder;
use super::xml::{parse_raw, Lines, Place};
use super::xml_split::{Record, XmlSplit};
use super::Reason;
use crate::domain::validate::{DataIssue, Severity};
use roxmltree::Node;

/// Bytes scanned per byte of conversion budget (scanning is much cheaper than parsing).
pub(crate) const SCAN_FACTOR: usize = 8;

/// The first window of text after a broken place for the error skeleton; it grows
/// eightfold while the error is not inside it.
const ERROR_WINDOW: usize = 64 * 1024;

/// A GPX or KML document being read a record at a time.
pub(crate) struct XmlRead<'t> {
    pub text: &'t str,
    pub split: XmlSplit<'t>,
    pub lines: Lines<'t>,
    /// Well-formedness errors: the place in the text and the whole-file reader's message.
    errors: Vec<(usize, String)>,
    /// Records not imported because they are not well-formed.
    broken_records: usize,
    converted_bytes: usize,
    /// Bytes of the next record converted already (see `partly_converted`).
    partly: usize,
}

impl<'t> XmlRead<'t> {
    pub fn new(text: &'t str, names: &'static [&'static str], root_only: bool) -> Self {
        XmlRead {
            text,
            split: XmlSplit::new(text, names, root_only),
            lines: Lines::new(text),
            errors: Vec::new(),
            broken_records: 0,
            converted_bytes: 0,
            partly: 0,
        }
    }

    /// After the scan: whether the skeleton is well-formed ([`Structure::Fine`]: parse
    /// `split.skeleton()`), broken (its error noted; `split.closed_skeleton()` may give
    /// the structure before it), or not followed (read the file whole).
    pub fn structure(&mut self) -> Structure {
        if self.split.gave_up() {
            return Structure::GaveUp;
        }
        let Some(at) = self.split.broken_at() else {
            let Err(e) = parse_raw(self.split.skeleton()) else {
                return Structure::Fine;
            };
            let doc = self.split.skeleton();
            let split = &self.split;
            let placed = placed(&mut self.lines, self.text, &e, doc, |o| {
                split.text_offset(o)
            });
            self.errors.push(placed);
            return Structure::Broken;
        };
        let mut window = ERROR_WINDOW;
        loop {
            let end = at.saturating_add(window);
            let (doc, cut) = self.split.error_skeleton(end);
            let Err(e) = parse_raw(&doc) else {
                // (a scanner stopping where the parser does not: not met)
                return Structure::GaveUp;
            };
            let split = &self.split;
            let (place, message) = placed(&mut self.lines, self.text, &e, &doc, |o| {
                split.text_offset(o)
            });
            if !cut || place + 64 < end.min(self.text.len()) {
                self.errors.push((place, message));
                return Structure::Broken;
            }
            window = window.saturating_mul(8);
        }
    }

    /// Parses record `r` in its place and gives its element to `convert`; if it is not
    /// well-formed, its error is noted instead.
    pub fn record(&mut self, r: Record, convert: impl FnOnce(Node, &mut Place)) {
        let (doc, shift) = self.split.record_doc(&r);
        self.converted_bytes += (r.end - r.start).saturating_sub(self.partly);
        self.partly = 0;
        if let Err(e) = self.convert_doc(&doc, shift, r.start, convert) {
            let to_text = |o: usize| (r.start + o.saturating_sub(shift)).min(r.end);
            let placed = placed(&mut self.lines, self.text, &e, &doc, to_text);
            self.errors.push(placed);
            self.broken_records += 1;
        }
    }

    /// [`record`](Self::record) without the byte ranges `cut` of the record's text (long
    /// coordinates read apart): `convert` is also told where each cut is in the record's
    /// document. (The lines `place` gives are right up to the first cut.)
    pub fn record_without(
        &mut self,
        r: Record,
        cut: &[(usize, usize)],
        convert: impl FnOnce(Node, &mut Place, &[usize]),
    ) {
        if cut.is_empty() {
            return self.record(r, |node, place| convert(node, place, &[]));
        }
        let (doc, shift) = self.split.record_doc_without(&r, cut);
        let partly = self.partly;
        let added = (r.end - r.start).saturating_sub(partly);
        self.converted_bytes += added;
        self.partly = 0;
        let mut removed = 0;
        let cut_at: Vec<usize> = cut
            .iter()
            .map(|&(s, e)| {
                let at = shift + (s - r.start) - removed;
                removed += e - s;
                at
            })
            .collect();
        let converted = self.convert_doc(&doc, shift, r.start, |node, place| {
            convert(node, place, &cut_at)
        });
        if converted.is_err() {
            // Broken: the whole record again, for its error in its place.
            self.converted_bytes -= added;
            self.partly = partly;
            self.record(r, |_, _| {});
        }
    }

    /// Parses a record's document `doc` (its element at byte `shift`, its text at `base` in
    /// the file) and gives the element to `convert`; the parser's error if not well-formed.
    fn convert_doc(
        &mut self,
        doc: &str,
        shift: usize,
        base: usize,
        convert: impl FnOnce(Node, &mut Place),
    ) -> Result<(), roxmltree::Error> {
        let tree = parse_raw(doc)?;
        let node = tree
            .descendants()
            .find(|n| n.is_element() && n.range().start == shift);
        if let Some(node) = node {
            let mut place = Place {
                lines: &mut self.lines,
                base,
                shift,
            };
            convert(node, &mut place);
        }
        Ok(())
    }

    /// Part of the next record converted (a long one read a piece at a time), for progress.
    pub fn partly_converted(&mut self, bytes: usize) {
        self.partly += bytes;
        self.converted_bytes += bytes;
    }

    /// Work done and in all (bytes scanned, then bytes converted), for progress.
    pub fn progress_bytes(&self) -> (usize, usize) {
        let (scanned, all) = self.split.progress_bytes();
        // (Records inside records are converted twice.)
        (scanned + self.converted_bytes.min(all), 2 * all)
    }

    /// The errors, first in the file first (the whole-file reader's one), and what was
    /// imported all the same, in front of `issues` (the records' own).
    pub fn issues(&mut self, file: &str, imported: usize, issues: &mut Vec<DataIssue>) {
        if self.errors.is_empty() {
            return;
        }
        self.errors.sort_by_key(|(at, _)| *at);
        let mut out: Vec<DataIssue> = self
            .errors
            .iter()
            .map(|(_, m)| {
                let e = m.strip_prefix("not well-formed XML: ").unwrap_or(m);
                DataIssue::because(
                    Severity::Error,
                    file,
                    "",
                    Reason::NotWellFormedXml(e.into()),
                )
            })
            .collect();
        if imported > 0 {
            let after_line = self.split.broken_at().map(|at| self.lines.at(at));
            let reason = Reason::XmlReadAllTheSame {
                imported,
                broken: self.broken_records,
                after_line,
            };
            out.push(DataIssue::because(Severity::Warning, file, "", reason));
        }
        out.append(issues);
        *issues = out;
    }
}

/// How the skeleton of a scanned document is.
pub(crate) enum Structure {
    Fine,
    Broken,
    GaveUp,
}

/// `e` (found in `doc`), its line:column those of the same place in `text` (`to_text`
/// maps a byte of `doc`); an error without a place is at the end.
fn placed(
    lines: &mut Lines,
    text: &str,
    e: &roxmltree::Error,
    doc: &str,
    to_text: impl Fn(usize) -> usize,
) -> (usize, String) {
    let message = format!("not well-formed XML: {e}");
    let pos = e.pos();
    let written = format!(" at {pos}");
    if !message.contains(&written) {
        return (text.len(), message);
    }
    let row = usize::try_from(pos.row).unwrap_or(1);
    let line_start = memchr::memchr_iter(b'\n', doc.as_bytes())
        .nth(row.saturating_sub(2))
        .map_or(0, |n| if row > 1 { n + 1 } else { 0 });
    let col = usize::try_from(pos.col).unwrap_or(1).saturating_sub(1);
    let at_doc = doc[line_start..]
        .char_indices()
        .nth(col)
        .map_or(doc.len(), |(i, _)| line_start + i);
    let mut at = to_text(at_doc).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line = lines.at(at);
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |n| n + 1);
    let column = text[start..at].chars().count() + 1;
    let message = message.replacen(&written, &format!(" at {line}:{column}"), 1);
    (at, message)
}

/// What a GPX or KML stepped reader does besides the shared reading.
pub(crate) trait XmlRecords<'t> {
    fn read(&mut self) -> &mut XmlRead<'t>;
    /// After the scan: reads the structure and orders the records; false: read whole.
    fn checked(&mut self) -> bool;
    /// Converts records worth about `budget` bytes; true when all are converted.
    fn convert(&mut self, budget: usize) -> bool;
    /// Reads the file whole (the scanner gave up on it).
    fn read_whole(&mut self);
    /// Whether the file was read whole.
    fn whole(&self) -> bool;
}

/// One step of a GPX or KML read: scanning while there is text to scan, then checking
/// the structure, then converting records; true when all is read.
pub(crate) fn step_records<'t>(r: &mut impl XmlRecords<'t>, budget: usize) -> bool {
    if r.whole() {
        return true;
    }
    if !r.read().split.is_done() {
        if r.read().split.step(budget.saturating_mul(SCAN_FACTOR)) && !r.checked() {
            r.read_whole();
        }
        return r.whole();
    }
    r.convert(budget)
}

/// The builder's issues with the document's errors first.
pub(crate) fn with_errors(read: &mut XmlRead, b: Builder) -> super::build::Imported {
    let file = b.file.clone();
    let mut out = b.finish();
    let imported = out.summary.sites + out.summary.routes;
    // A record that is not well-formed is read, not imported, and listed (its error).
    out.summary.records += read.broken_records;
    out.summary.skipped += read.broken_records;
    read.issues(&file, imported, &mut out.issues);
    out
}
