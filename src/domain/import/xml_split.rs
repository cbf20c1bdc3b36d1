//! Cutting a big GPX or KML document into its records (GPX `wpt`/`rte`/`trk`, KML
//! `Placemark`) a few hundred kilobytes at a time ([`XmlSplit::step`]), so that each record
//! can then be parsed on its own (`roxmltree`, as the whole-file readers do) and converted
//! by the same code: a 50 MB file never becomes one tree built in one long task.
//!
//! Each record is parsed inside copies of its ancestors' start tags ([`XmlSplit::record_doc`]),
//! so namespace prefixes resolve as in the whole document, and its nodes' positions map back
//! to the whole text (line numbers). What is left outside the records, the skeleton, is
//! parsed once ([`XmlSplit::skeleton`]): with every record well-formed in its place and the
//! skeleton well-formed, the document is. A record run is replaced in the skeleton by one
//! empty element of the record's name, so that the skeleton keeps the records' places (a
//! KML folder's own name is the `<name>` before its first placemark).
//!
//! A DOCTYPE in the prolog is kept, and copied in front of every record (its entities may
//! be used in any). Where the document is not well-formed (an end tag that does not match,
//! a tag never closed, the file cut off), the scan stops ([`XmlSplit::broken_at`]): the
//! records before it are whole, and the skeleton up to there plus the rest of the text
//! ([`XmlSplit::error_skeleton`]) gives the whole-file reader's own error at the same place.
//! A record inside a record (a KML placemark in a placemark, well-formed but not followed
//! here) makes it give up ([`XmlSplit::gave_up`]): the caller then reads the file whole.

use memchr::{memchr, memmem};

/// One record: its bytes in the text, its ancestors, and its run in the skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Record {
    pub start: usize,
    pub end: usize,
    /// Which of the record names it is.
    pub kind: usize,
    context: usize,
    /// The records between two other skeleton elements share a run (and a placeholder).
    pub run: usize,
}

/// A document being cut into records.
pub(crate) struct XmlSplit<'t> {
    text: &'t str,
    pos: usize,
    /// Local names of the records (ASCII case ignored).
    names: &'static [&'static str],
    /// GPX: records are children of the root only; KML: at any depth.
    root_only: bool,
    /// The open elements around `pos`: their start tags' ranges and qualified names.
    open: Vec<(usize, usize, &'t str)>,
    /// Distinct ancestor lists of records: the start tags, and the closing tags.
    contexts: Vec<(String, String)>,
    context_current: bool,
    pub records: Vec<Record>,
    skeleton: String,
    copied: usize,
    runs: usize,
    gave_up: bool,
    done: bool,
    /// The DOCTYPE's range in the text.
    doctype: Option<(usize, usize)>,
    /// Where the markup being read starts, and where the scan stopped on it (not
    /// well-formed; the open elements are those around it).
    at: usize,
    broken_at: Option<usize>,
    /// A record inside a record met: not followed here.
    nested: bool,
    /// Where each piece of the skeleton copied from the text starts: (in the skeleton, in
    /// the text).
    pieces: Vec<(usize, usize)>,
    /// The record being scanned to its end (a long one takes several steps).
    scan: Option<RecordScan<'t>>,
}

impl<'t> XmlSplit<'t> {
    pub fn new(text: &'t str, names: &'static [&'static str], root_only: bool) -> Self {
        XmlSplit {
            text,
            pos: 0,
            names,
            root_only,
            open: Vec::new(),
            contexts: Vec::new(),
            context_current: false,
            records: Vec::new(),
            skeleton: String::new(),
            copied: 0,
            runs: 0,
            gave_up: false,
            done: false,
            doctype: None,
            at: 0,
            broken_at: None,
            nested: false,
            pieces: Vec::new(),
            scan: None,
        }
    }

    /// Scans about `budget_bytes` more; true when the whole text is scanned (or given up).
    pub fn step(&mut self, budget_bytes: usize) -> bool {
        let until = self.pos.saturating_add(budget_bytes.max(1));
        while !self.done && self.pos < until {
            if self.next(until).is_none() {
                if self.nested {
                    self.gave_up = true;
                } else {
                    self.broken_at = Some(self.at);
                }
                self.done = true;
            }
        }
        self.done
    }

    /// Where the scan stopped because the document is not well-formed there (the records
    /// before it are whole; none after it is read).
    pub fn broken_at(&self) -> Option<usize> {
        self.broken_at
    }

    /// The skeleton, then the text from where it stops up to `end` (or the end): parsed,
    /// it fails as the whole document does (records are well-formed or parsed on their
    /// own). `true` if the text was cut at `end`.
    pub fn error_skeleton(&self, end: usize) -> (String, bool) {
        let mut end = end.min(self.text.len()).max(self.copied);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = end < self.text.len();
        (
            [self.skeleton.as_str(), &self.text[self.copied..end]].concat(),
            cut,
        )
    }

    /// The skeleton of a broken document closed where the scan stopped (its folders).
    pub fn closed_skeleton(&self) -> String {
        let stop = self.broken_at.unwrap_or(self.text.len()).max(self.copied);
        let mut doc = [self.skeleton.as_str(), &self.text[self.copied..stop]].concat();
        for (_, _, name) in self.open.iter().rev() {
            doc.push_str("</");
            doc.push_str(name);
            doc.push('>');
        }
        doc
    }

    /// The place in the text of byte `at` of the skeleton (or of an error skeleton).
    pub fn text_offset(&self, at: usize) -> usize {
        if at >= self.skeleton.len() {
            // The text after the skeleton (an error skeleton's tail).
            return (self.copied + (at - self.skeleton.len())).min(self.text.len());
        }
        let i = self.pieces.partition_point(|&(s, _)| s <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((s, t)) => (t + (at - s)).min(self.text.len()),
            None => at,
        }
    }

    /// Bytes scanned so far and in all.
    pub fn progress_bytes(&self) -> (usize, usize) {
        (self.pos, self.text.len())
    }

    /// Whether the whole text is scanned (or given up).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Whether the document must be read whole instead.
    pub fn gave_up(&self) -> bool {
        self.gave_up
    }

    /// The document without its records (each run of records one empty element).
    pub fn skeleton(&self) -> &str {
        &self.skeleton
    }

    /// A record as a document of its own, inside its ancestors' start tags, and how many
    /// bytes those take (a node at `p` in it is at `p - shift + record.start` in the text).
    pub fn record_doc(&self, r: &Record) -> (String, usize) {
        let (open, close) = &self.contexts[r.context];
        let doctype = self.doctype.map_or("", |(s, e)| &self.text[s..e]);
        let body = &self.text[r.start..r.end];
        let mut doc = String::with_capacity(doctype.len() + open.len() + body.len() + close.len());
        doc.push_str(doctype);
        doc.push_str(open);
        doc.push_str(body);
        doc.push_str(close);
        (doc, doctype.len() + open.len())
    }

    /// The start tags of a record's ancestors, and their end tags (innermost first).
    pub fn context(&self, r: &Record) -> (&str, &str) {
        let (open, close) = &self.contexts[r.context];
        (open, close)
    }

    /// Whether the document has a DOCTYPE (whose entities any record may use).
    pub fn has_doctype(&self) -> bool {
        self.doctype.is_some()
    }

    /// [`record_doc`](Self::record_doc) without the byte ranges `cut` (in the text, inside
    /// the record, in order).
    pub fn record_doc_without(&self, r: &Record, cut: &[(usize, usize)]) -> (String, usize) {
        let (open, close) = &self.contexts[r.context];
        let doctype = self.doctype.map_or("", |(s, e)| &self.text[s..e]);
        let mut doc = String::with_capacity(doctype.len() + open.len() + close.len() + 4096);
        doc.push_str(doctype);
        doc.push_str(open);
        let mut from = r.start;
        for &(s, e) in cut {
            doc.push_str(&self.text[from..s]);
            from = e;
        }
        doc.push_str(&self.text[from..r.end]);
        doc.push_str(close);
        (doc, doctype.len() + open.len())
    }

    /// The next markup from `pos` (or more of the record being scanned, up to `until`);
    /// `None`: give up.
    fn next(&mut self, until: usize) -> Option<()> {
        if let Some(mut scan) = self.scan.take() {
            match scan.advance(self.text, self.names, self.root_only, until) {
                Ok(Some(stop)) => {
                    self.record(scan.start, stop, scan.kind);
                    self.inner_records(scan.inner);
                    self.pos = stop;
                }
                Ok(None) => {
                    self.pos = scan.pos;
                    self.scan = Some(scan);
                }
                Err(nested) => {
                    self.nested = nested;
                    return None;
                }
            }
            return Some(());
        }
        let rest = &self.text.as_bytes()[self.pos..];
        let Some(lt) = memchr(b'<', rest) else {
            self.finish();
            return Some(());
        };
        let at = self.pos + lt;
        self.at = at;
        let tag = &self.text[at..];
        if tag.starts_with("<!--") || tag.starts_with("<![CDATA[") || tag.starts_with("<?") {
            self.pos = skip_special(self.text, at)?;
        } else if tag.starts_with("<!DOCTYPE")
            && self.open.is_empty()
            && self.records.is_empty()
            && self.doctype.is_none()
        {
            let end = doctype_end(self.text, at)?;
            self.doctype = Some((at, end));
            self.pos = end;
        } else if tag.starts_with("<!") {
            return None; // a second DOCTYPE, or one inside the root: not well-formed
        } else if tag.starts_with("</") {
            let end = at + memchr(b'>', tag.as_bytes())?;
            let name = self.text[at + 2..end].trim_end();
            let (_, _, open) = self.open.pop()?;
            (open == name).then_some(())?;
            self.context_current = false;
            self.pos = end + 1;
        } else {
            let (end, closed, name) = start_tag(self.text, at)?;
            let local = name.rsplit(':').next().unwrap_or(name);
            let kind = self
                .names
                .iter()
                .position(|n| local.eq_ignore_ascii_case(n));
            match kind {
                Some(kind) if !self.root_only || self.open.len() == 1 => {
                    if closed {
                        self.record(at, end, kind);
                    } else {
                        self.scan = Some(RecordScan::new(at, end, name, kind));
                    }
                    self.pos = end;
                }
                _ => {
                    if !closed {
                        self.open.push((at, end, name));
                        self.context_current = false;
                    }
                    self.pos = end;
                }
            }
        }
        Some(())
    }

    fn record(&mut self, start: usize, end: usize, kind: usize) {
        if !self.context_current {
            let open: String = self
                .open
                .iter()
                .map(|(s, e, _)| &self.text[*s..*e])
                .collect();
            let close: String = self
                .open
                .iter()
                .rev()
                .map(|(_, _, n)| format!("</{n}>"))
                .collect();
            self.contexts.push((open, close));
            self.context_current = true;
        }
        let between = &self.text[self.copied..start];
        let same_run = self.records.last().is_some_and(|r| r.end == self.copied)
            && between.trim_ascii().is_empty();
        self.pieces.push((self.skeleton.len(), self.copied));
        self.skeleton.push_str(between);
        if !same_run {
            self.runs += 1;
            self.skeleton.push('<');
            self.skeleton.push_str(self.names[kind]);
            self.skeleton.push_str("/>");
        }
        self.copied = end;
        self.records.push(Record {
            start,
            end,
            kind,
            context: self.contexts.len() - 1,
            run: self.runs - 1,
        });
    }

    /// The records inside the last one (KML: placemarks in a placemark, each also read as
    /// a placemark of its own, as the whole-file reader does), after it in the list, in
    /// the same run.
    fn inner_records(&mut self, inner: Vec<Inner>) {
        let Some(&outer) = self.records.last() else {
            return;
        };
        for i in inner {
            let (open, close) = &self.contexts[outer.context];
            self.contexts.push((
                [open.as_str(), &i.open].concat(),
                [&i.close, close.as_str()].concat(),
            ));
            self.context_current = false;
            self.records.push(Record {
                start: i.start,
                end: i.end,
                kind: i.kind,
                context: self.contexts.len() - 1,
                run: outer.run,
            });
        }
    }

    fn finish(&mut self) {
        self.pos = self.text.len();
        self.done = true;
        if self.open.is_empty() {
            self.pieces.push((self.skeleton.len(), self.copied));
            self.skeleton.push_str(&self.text[self.copied..]);
            self.copied = self.text.len();
        } else {
            // Cut off (or a tag never closed): broken at the end.
            self.at = self.text.len();
            self.broken_at = Some(self.text.len());
        }
    }
}

/// Past the DOCTYPE starting at `at`, with its internal subset (`[...]`) if any.
fn doctype_end(text: &str, at: usize) -> Option<usize> {
    let tag = &text.as_bytes()[at..];
    let gt = memchr(b'>', tag)?;
    let Some(open) = memchr(b'[', &tag[..gt]) else {
        return Some(at + gt + 1);
    };
    let close = open + memchr(b']', &tag[open..])?;
    let after = tag[close + 1..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())?;
    (tag[close + 1 + after] == b'>').then_some(at + close + after + 2)
}

/// Past a comment, CDATA section or processing instruction starting at `at`.
pub(crate) fn skip_special(text: &str, at: usize) -> Option<usize> {
    let tag = &text[at..];
    let close = if tag.starts_with("<!--") {
        "-->"
    } else if tag.starts_with("<![CDATA[") {
        "]]>"
    } else {
        "?>"
    };
    Some(at + memmem::find(&tag.as_bytes()[2..], close.as_bytes())? + 2 + close.len())
}

/// A start tag at `at`: past its `>`, whether it closes itself, and its qualified name.
pub(crate) fn start_tag(text: &str, at: usize) -> Option<(usize, bool, &str)> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => {
                let name_end = text[at + 1..i]
                    .find(|c: char| c.is_ascii_whitespace() || c == '/')
                    .map_or(i, |n| at + 1 + n);
                let name = &text[at + 1..name_end];
                return (!name.is_empty()).then_some((i + 1, bytes[i - 1] == b'/', name));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A record inside a record: its bytes and kind, and the start tags from the outer
/// record's (included) to it, and their end tags.
struct Inner {
    start: usize,
    end: usize,
    kind: usize,
    open: String,
    close: String,
}

/// A record being scanned to its end: the elements open in it (start tag, qualified name,
/// and which inner record each is), and the records inside it.
struct RecordScan<'t> {
    start: usize,
    kind: usize,
    pos: usize,
    open: Vec<(usize, usize, &'t str, Option<usize>)>,
    inner: Vec<Inner>,
}

impl<'t> RecordScan<'t> {
    /// The record of `kind` whose start tag (`name`) is at `start` and ends at `end`.
    fn new(start: usize, end: usize, name: &'t str, kind: usize) -> Self {
        RecordScan {
            start,
            kind,
            pos: end,
            open: vec![(start, end, name, None)],
            inner: Vec::new(),
        }
    }

    /// Scans on up to about `until`: past the record's matching end tag (`Some`), or not
    /// there yet (`None`). `Err(true)`: a record inside a Folder or Document inside it (its
    /// folder path is not followed here); `Err(false)`: no end. GPX (`root_only`): records
    /// inside are not records.
    fn advance(
        &mut self,
        text: &'t str,
        names: &[&str],
        root_only: bool,
        until: usize,
    ) -> Result<Option<usize>, bool> {
        while self.pos < until {
            let pos = self.pos;
            let lt = pos + memchr(b'<', &text.as_bytes()[pos..]).ok_or(false)?;
            let tag = &text[lt..];
            if tag.starts_with("<!--") || tag.starts_with("<![CDATA[") || tag.starts_with("<?") {
                self.pos = skip_special(text, lt).ok_or(false)?;
            } else if tag.starts_with("<!") {
                return Err(false);
            } else if tag.starts_with("</") {
                self.pos = lt + memchr(b'>', tag.as_bytes()).ok_or(false)? + 1;
                let (_, _, _, record) = self.open.pop().ok_or(false)?;
                if let Some(i) = record {
                    self.inner[i].end = self.pos;
                }
                if self.open.is_empty() {
                    return Ok(Some(self.pos));
                }
            } else {
                let (end, closed, name) = start_tag(text, lt).ok_or(false)?;
                let kind = names
                    .iter()
                    .position(|n| local(name).eq_ignore_ascii_case(n))
                    .filter(|_| !root_only);
                if let Some(kind) = kind {
                    let in_folder = self.open.iter().any(|&(_, _, n, _)| {
                        local(n).eq_ignore_ascii_case("Folder")
                            || local(n).eq_ignore_ascii_case("Document")
                    });
                    if in_folder {
                        return Err(true);
                    }
                    let open = &self.open;
                    self.inner.push(Inner {
                        start: lt,
                        end,
                        kind,
                        open: open.iter().map(|&(s, e, _, _)| &text[s..e]).collect(),
                        close: open
                            .iter()
                            .rev()
                            .map(|(_, _, n, _)| format!("</{n}>"))
                            .collect(),
                    });
                }
                if !closed {
                    let record = kind.map(|_| self.inner.len() - 1);
                    self.open.push((lt, end, name, record));
                }
                self.pos = end;
            }
        }
        Ok(None)
    }
}

/// A qualified name without its prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The end of the element whose start tag ends at `from`: past its matching end tag.
/// `Err(true)`: a record inside it (KML: a placemark in a placemark), not followed here;
/// `Err(false)`: no end (the text is cut off, or a comment or tag is not closed).
pub(crate) fn element_end(
    text: &str,
    from: usize,
    names: &[&str],
    root_only: bool,
) -> Result<usize, bool> {
    let mut depth = 1usize;
    let mut pos = from;
    loop {
        let at = pos + memchr(b'<', &text.as_bytes()[pos..]).ok_or(false)?;
        let tag = &text[at..];
        if tag.starts_with("<!--") || tag.starts_with("<![CDATA[") || tag.starts_with("<?") {
            pos = skip_special(text, at).ok_or(false)?;
        } else if tag.starts_with("<!") {
            return Err(false);
        } else if tag.starts_with("</") {
            pos = at + memchr(b'>', tag.as_bytes()).ok_or(false)? + 1;
            depth -= 1;
            if depth == 0 {
                return Ok(pos);
            }
        } else {
            let (end, closed, name) = start_tag(text, at).ok_or(false)?;
            let local = name.rsplit(':').next().unwrap_or(name);
            if !root_only && names.iter().any(|n| local.eq_ignore_ascii_case(n)) {
                return Err(true);
            }
            depth += usize::from(!closed);
            pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split<'t>(text: &'t str, names: &'static [&'static str], root_only: bool) -> XmlSplit<'t> {
        let mut s = XmlSplit::new(text, names, root_only);
        while !s.step(7) {}
        s
    }

    #[test]
    fn records_their_context_and_the_skeleton() {
        let text = "<?xml version='1.0'?>\n<k:kml xmlns:k='urn:k'><k:Document><name>D</name>\
            <!-- <Placemark> in a comment --><k:Placemark id='a'><b>x</b></k:Placemark>\n\
            <Placemark/><Folder><name>F</name><Placemark><![CDATA[</Placemark>]]></Placemark></Folder>\
            </k:Document></k:kml>";
        let s = split(text, &["Placemark"], false);
        assert!(!s.gave_up());
        assert_eq!(s.records.len(), 3);
        assert_eq!(
            &text[s.records[0].start..s.records[0].end],
            "<k:Placemark id='a'><b>x</b></k:Placemark>"
        );
        assert_eq!(
            s.records[0].run, s.records[1].run,
            "only blanks between them"
        );
        assert_ne!(s.records[1].run, s.records[2].run);
        let (doc, shift) = s.record_doc(&s.records[2]);
        assert_eq!(&doc[..shift], "<k:kml xmlns:k='urn:k'><k:Document><Folder>");
        assert!(doc.ends_with("</Folder></k:Document></k:kml>"));
        assert!(roxmltree::Document::parse(&doc).is_ok());
        assert!(s
            .skeleton()
            .contains("<name>D</name><!-- <Placemark> in a comment --><Placemark/>\n<Folder>"));
        assert!(roxmltree::Document::parse(s.skeleton()).is_ok());
    }

    #[test]
    fn gpx_records_are_children_of_the_root_only() {
        let text = "<gpx><metadata><wpt lat='1' lon='2'/></metadata><wpt lat='1' lon='2'><name>a</name></wpt><trk><trkseg/></trk></gpx>";
        let s = split(text, &["wpt", "rte", "trk"], true);
        let kinds: Vec<usize> = s.records.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [0, 2]);
    }

    #[test]
    fn a_long_record_is_scanned_a_step_at_a_time() {
        let points = "<trkpt lat='23' lon='113'><ele>1</ele></trkpt>\n".repeat(20_000);
        let text = format!("<gpx><trk><trkseg>{points}</trkseg></trk><wpt lat='1' lon='2'/></gpx>");
        let mut s = XmlSplit::new(&text, &["wpt", "rte", "trk"], true);
        let mut steps = 1;
        let mut last = 0;
        while !s.step(10_000) {
            let (done, _) = s.progress_bytes();
            assert!(done > last && done - last < 10_100, "{last} -> {done}");
            last = done;
            steps += 1;
        }
        assert!(steps >= text.len() / 10_000, "{steps} steps");
        assert_eq!(s.records.len(), 2);
        let track = &text[s.records[0].start..s.records[0].end];
        assert!(track.starts_with("<trk>") && track.ends_with("</trkseg></trk>"));
    }

    #[test]
    fn a_record_in_a_record_is_a_record_too() {
        let text = "<kml><Document><Placemark id='a'><name>A</name><k:Placemark xmlns:k='urn:k' id='b'>\
            <MultiGeometry><Placemark id='c'/></MultiGeometry></k:Placemark></Placemark><Placemark id='d'/></Document></kml>";
        let s = split(text, &["Placemark"], false);
        assert!(!s.gave_up() && s.broken_at().is_none());
        let ids: Vec<&str> = s
            .records
            .iter()
            .map(|r| &text[r.start + 15..r.start + 16])
            .collect();
        assert_eq!(s.records.len(), 4, "{ids:?}");
        assert_eq!(s.records[0].run, s.records[2].run);
        let (doc, shift) = s.record_doc(&s.records[2]);
        assert_eq!(
            &doc[..shift],
            "<kml><Document><Placemark id='a'><k:Placemark xmlns:k='urn:k' id='b'><MultiGeometry>"
        );
        assert_eq!(&doc[shift..shift + 18], "<Placemark id='c'/");
        assert!(doc.ends_with("</MultiGeometry></k:Placemark></Placemark></Document></kml>"));
        assert!(roxmltree::Document::parse(&doc).is_ok());
        let (doc, shift) = s.record_doc(&s.records[1]);
        assert!(doc[shift..].starts_with("<k:Placemark xmlns:k='urn:k' id='b'>"));
        assert!(roxmltree::Document::parse(&doc).is_ok());
        assert_eq!(
            &text[s.records[3].start..s.records[3].end],
            "<Placemark id='d'/>"
        );
        // In a folder inside a placemark: not followed.
        let s = split(
            "<kml><Placemark><Folder><Placemark/></Folder></Placemark></kml>",
            &["Placemark"],
            false,
        );
        assert!(s.gave_up() && s.broken_at().is_none());
    }

    #[test]
    fn a_doctype_is_copied_in_front_of_each_record() {
        let text = "<?xml version='1.0'?>\n<!DOCTYPE kml [<!ENTITY x 'y'>\n]>\n<kml><Placemark><name>&x;</name></Placemark></kml>";
        let s = split(text, &["Placemark"], false);
        assert!(!s.gave_up() && s.broken_at().is_none());
        let (doc, shift) = s.record_doc(&s.records[0]);
        assert_eq!(&doc[..shift], "<!DOCTYPE kml [<!ENTITY x 'y'>\n]><kml>");
        assert!(roxmltree::Document::parse_with_options(
            &doc,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            }
        )
        .is_ok());
    }

    #[test]
    fn where_it_is_not_well_formed_the_scan_stops() {
        for (text, at) in [
            ("<kml><Document></kml>", 15),
            ("<kml><Placemark/><Placemark>", 17),
            ("<kml><Placemark/><a x='>", 17),
            ("<kml><!-- open", 5),
            ("<kml><Placemark/><!DOCTYPE x>", 17),
            ("<kml><Placemark/></kml><!DOCTYPE x>", 23),
        ] {
            let s = split(text, &["Placemark"], false);
            assert!(!s.gave_up(), "{text}");
            assert_eq!(s.broken_at(), Some(at), "{text}");
        }
        let text = "<kml><Document><name>D</name><Placemark/>\n<Placemark>cut";
        let s = split(text, &["Placemark"], false);
        assert_eq!(s.records.len(), 1);
        assert_eq!(
            s.closed_skeleton(),
            "<kml><Document><name>D</name><Placemark/>\n</Document></kml>"
        );
        let (doc, cut) = s.error_skeleton(usize::MAX);
        assert!(!cut);
        assert_eq!(
            doc,
            "<kml><Document><name>D</name><Placemark/>\n<Placemark>cut"
        );
        // "<Placemark>" in the error skeleton is at the same place as in the text.
        let at = doc.rfind("<Placemark>").unwrap_or(0);
        assert_eq!(s.text_offset(at), text.rfind("<Placemark>").unwrap_or(0));
    }
}
