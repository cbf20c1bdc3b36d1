//! GPX 1.1 (and 1.0): waypoints become sites, routes and tracks become routes (a track's
//! segments are the route's parts). Name, description and type are read; every other
//! simple child (ele, time, sym, cmt...) is kept as an extra property. A bad point is
//! listed and left out; a route keeps its good points if at least two remain.

use super::build::{Builder, Imported};
use super::coord::{parse_angle, settle};
use super::values::parse_kind;
use super::xml::{child_text, children, is, parse, text_of, Lines, Place};
use super::xml_read::{step_records, with_errors, Structure, XmlRead, XmlRecords, SCAN_FACTOR};
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
            record(&mut b, kind, k, node, &mut place);
        }
    }
    b.finish()
}

/// Record `k` of its kind (0 waypoint, 1 route, 2 track).
fn record(b: &mut Builder, kind: usize, k: usize, node: Node, place: &mut Place) {
    let path = format!("{}[{k}] (line {})", RECORDS[kind], place.of(node));
    match kind {
        0 => waypoint(b, node, &path),
        1 => {
            let points = points(b, place, children(node, "rtept"), &path, "rtept");
            route(b, node, vec![points], &path);
        }
        _ => {
            let parts = children(node, "trkseg")
                .enumerate()
                .map(|(s, seg)| {
                    let seg_path = format!("{path}.trkseg[{s}]");
                    points(b, place, children(seg, "trkpt"), &seg_path, "trkpt")
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
            let (b, k) = (&mut self.b, self.k);
            self.read
                .record(r, |node, place| record(b, r.kind, k, node, place));
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
    let mut swapped = 0;
    for (k, pt) in nodes.enumerate() {
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
    if swapped > 0 {
        b.issue(Severity::Warning, path, Reason::SwappedPoints(swapped));
    }
    out
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
