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
//! Anything this small scanner does not follow (a DOCTYPE, whose entities a record could
//! use; a tag it cannot match; a record inside a record) makes it give up
//! ([`XmlSplit::gave_up`]): the caller then reads the file whole, as before, so that a bad
//! file is reported exactly as it always was.

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
        }
    }

    /// Scans about `budget_bytes` more; true when the whole text is scanned (or given up).
    pub fn step(&mut self, budget_bytes: usize) -> bool {
        let until = self.pos.saturating_add(budget_bytes.max(1));
        while !self.done && self.pos < until {
            if self.next().is_none() {
                self.gave_up = true;
                self.done = true;
            }
        }
        self.done
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
        let body = &self.text[r.start..r.end];
        let mut doc = String::with_capacity(open.len() + body.len() + close.len());
        doc.push_str(open);
        doc.push_str(body);
        doc.push_str(close);
        (doc, open.len())
    }

    /// The next markup from `pos`; `None`: give up.
    fn next(&mut self) -> Option<()> {
        let rest = &self.text.as_bytes()[self.pos..];
        let Some(lt) = memchr(b'<', rest) else {
            self.finish();
            return Some(());
        };
        let at = self.pos + lt;
        let tag = &self.text[at..];
        if tag.starts_with("<!--") || tag.starts_with("<![CDATA[") || tag.starts_with("<?") {
            self.pos = skip_special(self.text, at)?;
        } else if tag.starts_with("<!") {
            return None; // a DOCTYPE: its entities may be used anywhere
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
                    let stop = if closed {
                        end
                    } else {
                        element_end(self.text, end, self.names, self.root_only)?
                    };
                    self.record(at, stop, kind);
                    self.pos = stop;
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

    fn finish(&mut self) {
        self.skeleton.push_str(&self.text[self.copied..]);
        self.copied = self.text.len();
        self.pos = self.text.len();
        self.done = true;
        self.gave_up |= !self.open.is_empty();
    }
}

/// Past a comment, CDATA section or processing instruction starting at `at`.
fn skip_special(text: &str, at: usize) -> Option<usize> {
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
fn start_tag(text: &str, at: usize) -> Option<(usize, bool, &str)> {
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

/// The end of the element whose start tag ends at `from`: past its matching end tag. A
/// record inside it (KML: a placemark in a placemark) is given up on.
fn element_end(text: &str, from: usize, names: &[&str], root_only: bool) -> Option<usize> {
    let mut depth = 1usize;
    let mut pos = from;
    loop {
        let at = pos + memchr(b'<', &text.as_bytes()[pos..])?;
        let tag = &text[at..];
        if tag.starts_with("<!--") || tag.starts_with("<![CDATA[") || tag.starts_with("<?") {
            pos = skip_special(text, at)?;
        } else if tag.starts_with("<!") {
            return None;
        } else if tag.starts_with("</") {
            pos = at + memchr(b'>', tag.as_bytes())? + 1;
            depth -= 1;
            if depth == 0 {
                return Some(pos);
            }
        } else {
            let (end, closed, name) = start_tag(text, at)?;
            let local = name.rsplit(':').next().unwrap_or(name);
            if !root_only && names.iter().any(|n| local.eq_ignore_ascii_case(n)) {
                return None;
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
    fn what_it_does_not_follow_is_given_up() {
        for text in [
            "<!DOCTYPE kml [<!ENTITY x 'y'>]><kml><Placemark/></kml>",
            "<kml><Placemark><Placemark/></Placemark></kml>",
            "<kml><Document></kml>",
            "<kml><Placemark>",
            "<kml><a x='>",
            "<kml><!-- open",
        ] {
            assert!(split(text, &["Placemark"], false).gave_up(), "{text}");
        }
    }
}
