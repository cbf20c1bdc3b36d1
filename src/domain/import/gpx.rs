//! GPX 1.1 (and 1.0): waypoints become sites, routes and tracks become routes (a track's
//! segments are the route's parts). Name, description and type are read; every other
//! simple child (ele, time, sym, cmt...) is kept as an extra property. A bad point is
//! listed and left out; a route keeps its good points if at least two remain.

use super::build::{Builder, Imported};
use super::coord::{parse_angle, settle};
use super::values::parse_kind;
use super::xml::{child_text, children, is, parse, parse_raw, text_of, Lines, Place};
use super::xml_read::{step_records, with_errors, Structure, XmlRead, XmlRecords, SCAN_FACTOR};
use super::xml_split::{element_end, skip_special, start_tag, Record};
use super::{ImportFormat, ImportOptions, Reason};
use crate::domain::model::LonLat;
use crate::domain::validate::Severity;
use roxmltree::Node;

/// Children read into fields, not copied to `extra`.
const KNOWN: [&str; 8] = [
    "name",
    "desc",
    "type",
    "rtept",
    "trkseg",
    "trkpt",
    "extensions",
    "link",
];

/// The records, in the order they are read: every waypoint, then routes, then tracks.
const RECORDS: &[&str] = &["wpt", "rte", "trk"];

/// Reads a GPX file whole (one tree): the reference [`GpxImport`] is checked against, and
/// what it falls back to for a file its scanner does not follow.
pub fn import_gpx(file: &str, text: &str, options: &ImportOptions) -> Imported {
    let mut b = Builder::new(file, ImportFormat::Gpx, options.coords).stating(options.stated);
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            b.issue(Severity::Error, "", e);
            return b.finish();
        }
    };
    let root = doc.root_element();
    if !is(root, "gpx") {
        let reason = Reason::RootNotGpx(root.tag_name().name().to_owned());
        b.issue(Severity::Error, "", reason);
        return b.finish();
    }
    let mut lines = Lines::new(text);
    for (kind, name) in RECORDS.iter().enumerate() {
        for (k, node) in children(root, name).enumerate() {
            let mut place = Place {
                lines: &mut lines,
                base: 0,
                shift: 0,
            };
            record(&mut b, kind, k, node, &mut place, &mut []);
        }
    }
    b.finish()
}

/// Record `k` of its kind (0 waypoint, 1 route, 2 track). `pre`: the points of the
/// route, or of each segment of the track, read beforehand ([`LongRecord`]), their issues
/// given already.
fn record(
    b: &mut Builder,
    kind: usize,
    k: usize,
    node: Node,
    place: &mut Place,
    pre: &mut [Option<Vec<LonLat>>],
) {
    let path = format!("{}[{k}] (line {})", RECORDS[kind], place.of(node));
    let mut pre = |s: usize| pre.get_mut(s).and_then(Option::take);
    match kind {
        0 => waypoint(b, node, &path),
        1 => {
            let points =
                pre(0).unwrap_or_else(|| points(b, place, children(node, "rtept"), &path, "rtept"));
            route(b, node, vec![points], &path);
        }
        _ => {
            let parts = children(node, "trkseg")
                .enumerate()
                .map(|(s, seg)| {
                    pre(s).unwrap_or_else(|| {
                        let seg_path = format!("{path}.trkseg[{s}]");
                        points(b, place, children(seg, "trkpt"), &seg_path, "trkpt")
                    })
                })
                .collect();
            route(b, node, parts, &path);
        }
    }
}

/// A GPX file being read a slice at a time: cut into records ([`XmlRead`]), then each
/// record parsed and converted, waypoints first, as [`import_gpx`] does; the same result
/// (a broken file: the same first error, and the well-formed records imported all the same).
pub struct GpxImport<'t> {
    options: ImportOptions,
    b: Builder,
    read: XmlRead<'t>,
    /// Records by kind (waypoints, routes, tracks), then the next one to convert.
    order: Vec<usize>,
    next: usize,
    /// The next record's index among those of its kind.
    k: usize,
    /// The next record, if it is long and its points are being read a piece at a time.
    long: Option<LongRecord>,
    whole: Option<Imported>,
}

impl<'t> GpxImport<'t> {
    pub fn new(file: &str, text: &'t str, options: &ImportOptions) -> Self {
        GpxImport {
            options: *options,
            b: Builder::new(file, ImportFormat::Gpx, options.coords).stating(options.stated),
            read: XmlRead::new(text, RECORDS, true),
            order: Vec::new(),
            next: 0,
            k: 0,
            long: None,
            whole: None,
        }
    }

    /// Reads about `budget_bytes` more of the file; true when it is all read.
    pub fn step(&mut self, budget_bytes: usize) -> bool {
        step_records(self, budget_bytes)
    }

    /// Work done and in all (bytes scanned, then bytes converted), for progress.
    pub fn progress_bytes(&self) -> (usize, usize) {
        self.read.progress_bytes()
    }

    /// The layer and its issues (what [`import_gpx`] gives for the same text).
    pub fn finish(mut self) -> Imported {
        while !self.step(usize::MAX / SCAN_FACTOR) {}
        match self.whole {
            Some(whole) => whole,
            None => with_errors(&mut self.read, self.b),
        }
    }

    /// Whether the file had to be read whole (tests: the usual files never are).
    #[cfg(test)]
    pub(crate) fn fell_back(&self) -> bool {
        self.whole.is_some()
    }
}

impl<'t> XmlRecords<'t> for GpxImport<'t> {
    fn read(&mut self) -> &mut XmlRead<'t> {
        &mut self.read
    }

    /// After the scan: the root is `gpx` (else that is the one issue, as the whole-file
    /// reader says); the records in reading order.
    fn checked(&mut self) -> bool {
        match self.read.structure() {
            Structure::GaveUp => return false,
            Structure::Broken => {}
            Structure::Fine => {
                let root = parse(self.read.split.skeleton())
                    .map(|d| d.root_element().tag_name().name().to_owned())
                    .unwrap_or_default();
                if !root.eq_ignore_ascii_case("gpx") {
                    let reason = Reason::RootNotGpx(root.to_string());
                    self.b.issue(Severity::Error, "", reason);
                    return true;
                }
            }
        }
        let records = &self.read.split.records;
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by_key(|&i| records[i].kind);
        self.b.reserve(order.len());
        self.order = order;
        true
    }

    fn convert(&mut self, budget: usize) -> bool {
        let mut spent = 0;
        while self.next < self.order.len() && spent < budget.max(1) {
            let records = &self.read.split.records;
            let r = records[self.order[self.next]];
            if self.next > 0 && records[self.order[self.next - 1]].kind != r.kind {
                self.k = 0;
            }
            if self.long.is_none() && r.kind > 0 && r.end - r.start > LONG_RECORD {
                self.long = LongRecord::find(&mut self.read, &r, self.k, self.b.issues.len());
            }
            if let Some(long) = self.long.as_mut().filter(|l| !l.is_read()) {
                let n = long.step(&mut self.read, &mut self.b, budget.max(1) - spent);
                self.read.partly_converted(n);
                spent += n;
                continue;
            }
            let (b, k) = (&mut self.b, self.k);
            match self.long.take() {
                Some(long) if !long.failed => {
                    let mut pre = long.read;
                    let mut converted = false;
                    self.read.record_without(r, &long.cuts, |node, place, _| {
                        converted = true;
                        record(b, r.kind, k, node, place, &mut pre);
                    });
                    if !converted {
                        // Not well-formed after all: its points' issues go with it.
                        b.issues.truncate(long.issues_before);
                    }
                }
                long => {
                    if let Some(long) = long {
                        // Read whole after all, for the parser's own error in its place.
                        b.issues.truncate(long.issues_before);
                    }
                    self.read
                        .record(r, |node, place| record(b, r.kind, k, node, place, &mut []));
                }
            }
            self.k += 1;
            self.next += 1;
            spent += r.end - r.start;
        }
        self.next == self.order.len()
    }

    fn read_whole(&mut self) {
        self.whole = Some(import_gpx(&self.b.file, self.read.text, &self.options));
    }

    fn whole(&self) -> bool {
        self.whole.is_some()
    }
}

/// Routes and tracks longer than this (a GPS log of 300k points is one 18 MB `<trk>`, a
/// second to parse as one tree) have their points read a piece at a time.
const LONG_RECORD: usize = 256 * 1024;

/// A long route or track being read: its points (the `rtept` children of the `rte`, the
/// `trkpt` children of each `trkseg`) a run of about a step's budget at a time, each run
/// parsed inside copies of the start tags around it and converted as [`points`] does
/// (same issues, same lines); then the record without those runs ([`XmlRead::record_without`]).
/// Anything not followed (a run that is not well-formed, markup the scan does not expect)
/// and the record is read whole after all, as before.
struct LongRecord {
    /// Where the scan is in the text, and where the record ends.
    pos: usize,
    end: usize,
    /// The document around the record: its ancestors' start tags and the record's.
    open: String,
    /// Their end tags, the record's first.
    close: String,
    /// The local name of the points.
    point: &'static str,
    /// The record's path (issues), and whether it is a track (points in segments).
    path: String,
    track: bool,
    /// The segment being read (a track's: the `trkseg`'s start tag; its index), or the
    /// route itself.
    container: Option<(usize, usize, usize)>,
    /// Segments met.
    segments: usize,
    /// The current run of points: where it starts and ends.
    run: Option<(usize, usize)>,
    /// Points of the current segment: how many met, those read, and how many of them
    /// had lat and lon swapped.
    k: usize,
    points: Vec<LonLat>,
    swapped: usize,
    /// The points read, by segment; the byte ranges they were read from.
    read: Vec<Option<Vec<LonLat>>>,
    cuts: Vec<(usize, usize)>,
    /// The builder's issues before the record (the record read whole after all: dropped).
    issues_before: usize,
    done: bool,
    failed: bool,
}

impl LongRecord {
    /// Record `r` (the `k`th of its kind) to read a piece at a time, if it can be.
    fn find(read: &mut XmlRead, r: &Record, k: usize, issues_before: usize) -> Option<Self> {
        if read.split.has_doctype() {
            return None; // (entities could hide points in the runs' text)
        }
        let text = read.text;
        let (end, closed, name) = start_tag(text, r.start)?;
        if closed {
            return None;
        }
        let (ancestors, ancestors_close) = read.split.context(r);
        let track = r.kind == 2;
        let line = read.lines.at(r.start);
        read.lines.keep();
        Some(LongRecord {
            pos: end,
            end: r.end,
            open: [ancestors, &text[r.start..end]].concat(),
            close: format!("</{name}>{ancestors_close}"),
            point: if track { "trkpt" } else { "rtept" },
            path: format!("{}[{k}] (line {line})", RECORDS[r.kind]),
            track,
            container: (!track).then_some((0, 0, 0)),
            segments: usize::from(!track),
            run: None,
            k: 0,
            points: Vec::new(),
            swapped: 0,
            read: Vec::new(),
            cuts: Vec::new(),
            issues_before,
            done: false,
            failed: false,
        })
    }

    fn is_read(&self) -> bool {
        self.done || self.failed
    }

    /// Reads about `budget` more bytes of the record; the bytes read.
    fn step(&mut self, read: &mut XmlRead, b: &mut Builder, budget: usize) -> usize {
        let from = self.pos;
        while !self.is_read() && self.pos - from < budget {
            if self.next(read, b, budget).is_none() {
                self.failed = true;
            }
        }
        self.pos - from
    }

    /// The next piece of markup; `None`: not followed.
    fn next(&mut self, read: &mut XmlRead, b: &mut Builder, budget: usize) -> Option<()> {
        let text = read.text;
        let at = self.pos + memchr::memchr(b'<', &text.as_bytes()[self.pos..self.end])?;
        if !text[self.pos..at].trim_ascii().is_empty() {
            self.flush(read, b)?; // text between points ends a run
        }
        let tag = &text[at..];
        if tag.starts_with("<!--") || tag.starts_with("<?") {
            self.pos = skip_special(text, at)?;
        } else if tag.starts_with("<![CDATA[") {
            self.flush(read, b)?;
            self.pos = skip_special(text, at)?;
        } else if tag.starts_with("<!") {
            return None;
        } else if tag.starts_with("</") {
            self.flush(read, b)?;
            self.pos = at + memchr::memchr(b'>', tag.as_bytes())? + 1;
            match self.container.take().filter(|_| self.track) {
                Some((_, _, s)) => self.segment_read(b, s),
                None => {
                    if !self.track {
                        self.segment_read(b, 0);
                    }
                    (self.pos == self.end).then_some(())?;
                    self.done = true;
                }
            }
        } else {
            let (end, closed, name) = start_tag(text, at)?;
            let local = name.rsplit(':').next().unwrap_or(name);
            let segment = self.container.is_none() && local.eq_ignore_ascii_case("trkseg");
            // (A segment is read into, not scanned to its end here: that is the long part.)
            let stop = if closed || segment {
                end
            } else {
                element_end(text, end, &[], true).ok()?
            };
            if self.container.is_some() && local.eq_ignore_ascii_case(self.point) {
                let start = self.run.map_or(at, |(s, _)| s);
                self.run = Some((start, stop));
                self.pos = stop;
                if stop - start >= budget {
                    self.flush(read, b)?;
                }
            } else if segment {
                let s = self.segments;
                self.segments += 1;
                if closed {
                    self.pos = stop;
                } else {
                    self.container = Some((at, end, s));
                    self.pos = end;
                }
            } else {
                self.flush(read, b)?;
                self.pos = stop;
            }
        }
        Some(())
    }

    /// Reads the current run of points; `None` if it is not well-formed.
    fn flush(&mut self, read: &mut XmlRead, b: &mut Builder) -> Option<()> {
        let Some((start, stop)) = self.run.take() else {
            return Some(());
        };
        let text = read.text;
        let (segment, segment_close, s) = match self.container {
            Some((tag_start, tag_end, s)) if self.track => {
                let (_, _, name) = start_tag(text, tag_start)?;
                (&text[tag_start..tag_end], format!("</{name}>"), s)
            }
            _ => ("", String::new(), 0),
        };
        let body = &text[start..stop];
        let doc = [&self.open, segment, body, &segment_close, &self.close].concat();
        let shift = self.open.len() + segment.len();
        let tree = parse_raw(&doc).ok()?;
        // The innermost of the start tags around the run: the segment, or the route.
        let container = tree
            .descendants()
            .take_while(|n| n.range().start < shift)
            .filter(|n| n.is_element())
            .last()?;
        let mut place = Place {
            lines: &mut read.lines,
            base: start,
            shift,
        };
        let path = self.segment_path(s);
        let nodes = children(container, self.point);
        let before = self.k;
        self.k += children(container, self.point).count();
        self.swapped += point_run(
            b,
            &mut place,
            nodes,
            before,
            &path,
            self.point,
            &mut self.points,
        );
        self.cuts.push((start, stop));
        Some(())
    }

    /// The path of segment `s` (a route: the route's).
    fn segment_path(&self, s: usize) -> String {
        if self.track {
            format!("{}.trkseg[{s}]", self.path)
        } else {
            self.path.clone()
        }
    }

    /// Segment `s` (a route: the route) read to its end.
    fn segment_read(&mut self, b: &mut Builder, s: usize) {
        swapped_points(b, &self.segment_path(s), self.swapped);
        if self.read.len() <= s {
            self.read.resize(s + 1, None);
        }
        self.read[s] = Some(std::mem::take(&mut self.points));
        (self.k, self.swapped) = (0, 0);
    }
}

/// A point's position from its lat/lon attributes (and whether they had to be swapped),
/// or the reason it has none.
fn position(node: Node) -> Result<(LonLat, bool), Reason> {
    let attr = |name: &str| {
        let text = node
            .attribute(name)
            .ok_or_else(|| Reason::NoAttribute(name.to_owned()))?;
        parse_angle(text).map_err(|e| Reason::InAttribute(name.to_owned(), Box::new(e)))
    };
    let (lat, lon) = (attr("lat")?, attr("lon")?);
    settle(lon, lat).map(|(p, fix)| (p, fix.is_some()))
}

fn waypoint(b: &mut Builder, wpt: Node, path: &str) {
    b.records += 1;
    let p = match position(wpt) {
        Ok((p, swapped)) => {
            if swapped {
                b.issue(Severity::Warning, path, Reason::SwappedAttributes);
            }
            b.shift_to_wgs84(p, path)
        }
        Err(e) => return b.skip(path, Reason::WaypointNotImported(Box::new(e))),
    };
    let fallback = format!("{}#wpt{}", b.file, b.records);
    let id = b.unique_id(None, fallback, path);
    let name = child_text(wpt, "name").unwrap_or_else(|| {
        b.issue(Severity::Warning, path, Reason::WaypointNoName);
        format!("{:.5}, {:.5}", p.lat, p.lon)
    });
    let mut site = b.site(id, name, p);
    site.summary = child_text(wpt, "desc").unwrap_or_default();
    if let Some(t) = child_text(wpt, "type") {
        match parse_kind(&t) {
            Some(kind) => site.kind = kind,
            None => site.extra.push(("type".into(), t)),
        }
    }
    site.extra.extend(extra(wpt));
    b.data.sites.push(site);
}

/// Simple children not read into fields, as (name, text).
fn extra(node: Node) -> Vec<(String, String)> {
    node.children()
        .filter(|c| c.is_element() && !KNOWN.iter().any(|k| is(*c, k)))
        .filter_map(|c| Some((c.tag_name().name().to_owned(), text_of(c)?)))
        .collect()
}

fn points<'a, 'i: 'a>(
    b: &mut Builder,
    place: &mut Place,
    nodes: impl Iterator<Item = Node<'a, 'i>>,
    path: &str,
    name: &str,
) -> Vec<LonLat> {
    let mut out = Vec::new();
    let swapped = point_run(b, place, nodes, 0, path, name, &mut out);
    swapped_points(b, path, swapped);
    out
}

/// Points `nodes` of a line (the first is its point `first`) into `out`, each bad one an
/// issue; how many had lat and lon swapped.
fn point_run<'a, 'i: 'a>(
    b: &mut Builder,
    place: &mut Place,
    nodes: impl Iterator<Item = Node<'a, 'i>>,
    first: usize,
    path: &str,
    name: &str,
    out: &mut Vec<LonLat>,
) -> usize {
    let mut swapped = 0;
    for (k, pt) in nodes.enumerate() {
        let k = first + k;
        match position(pt) {
            Ok((p, s)) => {
                swapped += usize::from(s);
                out.push(b.coords.to_wgs84(p));
            }
            Err(e) => {
                let pt_path = format!("{path}.{name}[{k}] (line {})", place.of(pt));
                b.issue(Severity::Error, &pt_path, Reason::PointLeftOut(Box::new(e)));
            }
        }
    }
    swapped
}

/// The one warning for a line's `swapped` points.
fn swapped_points(b: &mut Builder, path: &str, swapped: usize) {
    if swapped > 0 {
        b.issue(Severity::Warning, path, Reason::SwappedPoints(swapped));
    }
}

fn route(b: &mut Builder, node: Node, parts: Vec<Vec<LonLat>>, path: &str) {
    b.records += 1;
    let total: usize = parts.iter().map(Vec::len).sum();
    let several = parts.len() > 1;
    for (s, part) in parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len() < 2 && several)
    {
        let reason = Reason::PartTooShort(part.len());
        b.issue(Severity::Error, &format!("{path}.trkseg[{s}]"), reason);
    }
    let parts: Vec<Vec<LonLat>> = parts.into_iter().filter(|p| p.len() >= 2).collect();
    if parts.is_empty() {
        return b.skip(path, Reason::LineTooShort(total));
    }
    let kind = if is(node, "trk") { "trk" } else { "rte" };
    let id = b.unique_id(None, format!("{}#{kind}{}", b.file, b.records), path);
    let name = child_text(node, "name").unwrap_or_else(|| id.clone());
    let mut route = b.route(id, name, parts);
    route.description = child_text(node, "desc").unwrap_or_default();
    route.extra = extra(node);
    b.data.routes.push(route);
}
