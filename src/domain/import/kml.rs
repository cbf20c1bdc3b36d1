//! KML 2.2 (Google Earth, 奥维/Ovi, LocaSpace exports): every Placemark, at any depth of
//! Documents and Folders. A Point becomes a site, a LineString (or a gx:Track) a route,
//! a MultiGeometry both; polygons are listed and not shown, as with foreign GeoJSON.
//! The description is kept as plain text (its HTML dropped); ExtendedData (`Data/value`
//! and `SchemaData/SimpleData`) and the folder path become extra properties.

use super::build::{Builder, Imported};
use super::coord::{parse_angle, settle};
use super::xml::{child, child_text, is, parse, strip_html, text_of, Lines, Place};
use super::xml_read::{step_records, with_errors, Structure, XmlRead, XmlRecords, SCAN_FACTOR};
use super::xml_split::Record;
use super::{ImportFormat, ImportOptions, Reason};
use crate::domain::model::LonLat;
use crate::domain::validate::Severity;
use roxmltree::{Node, NodeId};
use std::collections::HashMap;

/// Reads a KML file whole (one tree): the reference [`KmlImport`] is checked against, and
/// what it falls back to for a file its scanner does not follow.
pub fn import_kml(file: &str, text: &str, options: &ImportOptions) -> Imported {
    let mut b = Builder::new(file, ImportFormat::Kml, options.coords).stating(options.stated);
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            b.issue(Severity::Error, "", e);
            return b.finish();
        }
    };
    let mut lines = Lines::new(text);
    let mut folders = Folders::default();
    let placemarks: Vec<Node> = doc.descendants().filter(|n| is(*n, "Placemark")).collect();
    if placemarks.is_empty() {
        no_placemark(&mut b);
    }
    for (k, pm) in placemarks.into_iter().enumerate() {
        let mut place = Place {
            lines: &mut lines,
            base: 0,
            shift: 0,
        };
        let path = format!("Placemark[{k}] (line {})", place.of(pm));
        let folder = folders.path(pm);
        placemark(&mut b, pm, &path, folder, &mut Read::new());
    }
    b.finish()
}

fn no_placemark(b: &mut Builder) {
    b.issue(Severity::Warning, "", Reason::NoPlacemark);
}

/// A KML file being read a slice at a time: cut into placemarks ([`XmlRead`]), then each
/// parsed and converted in order, as [`import_kml`] does; the same result (a broken file:
/// the same first error, and the well-formed placemarks imported all the same).
pub struct KmlImport<'t> {
    options: ImportOptions,
    b: Builder,
    read: XmlRead<'t>,
    /// The folder path of each run of placemarks (from the skeleton).
    run_folders: Vec<Option<String>>,
    next: usize,
    /// The next placemark, if it has long coordinates being read a piece at a time.
    long: Option<LongPlacemark>,
    whole: Option<Imported>,
}

impl<'t> KmlImport<'t> {
    pub fn new(file: &str, text: &'t str, options: &ImportOptions) -> Self {
        KmlImport {
            options: *options,
            b: Builder::new(file, ImportFormat::Kml, options.coords).stating(options.stated),
            read: XmlRead::new(text, &["Placemark"], false),
            run_folders: Vec::new(),
            next: 0,
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

    /// The layer and its issues (what [`import_kml`] gives for the same text).
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

impl<'t> XmlRecords<'t> for KmlImport<'t> {
    fn read(&mut self) -> &mut XmlRead<'t> {
        &mut self.read
    }

    /// After the scan: each run of placemarks has its folder path (the names of the
    /// Folders and Documents around its placeholder in the skeleton; for a broken file,
    /// the skeleton closed where the scan stopped).
    fn checked(&mut self) -> bool {
        let structure = self.read.structure();
        let skeleton = match structure {
            Structure::GaveUp => return false,
            Structure::Fine => std::borrow::Cow::Borrowed(self.read.split.skeleton()),
            Structure::Broken => std::borrow::Cow::Owned(self.read.split.closed_skeleton()),
        };
        let mut folders = Folders::default();
        self.run_folders = parse(&skeleton)
            .map(|doc| {
                doc.descendants()
                    .filter(|n| is(*n, "Placemark"))
                    .map(|p| folders.path(p))
                    .collect()
            })
            .unwrap_or_default();
        let records = &self.read.split.records;
        let runs = records.last().map_or(0, |r| r.run + 1);
        if self.run_folders.len() != runs {
            if let Structure::Fine = structure {
                return false;
            }
            self.run_folders = vec![None; runs];
        }
        if records.is_empty() && matches!(structure, Structure::Fine) {
            no_placemark(&mut self.b);
        }
        self.b.reserve(records.len());
        true
    }

    fn convert(&mut self, budget: usize) -> bool {
        let mut spent = 0;
        let records = self.read.split.records.len();
        while self.next < records && spent < budget.max(1) {
            let r = self.read.split.records[self.next];
            if self.long.is_none() {
                self.long = LongPlacemark::find(self.read.text, &r);
            }
            if let Some(long) = self.long.as_mut().filter(|l| !l.is_read()) {
                let n = long.step(self.read.text, budget.max(1) - spent);
                self.read.partly_converted(n);
                spent += n;
                continue;
            }
            let (b, k) = (&mut self.b, self.next);
            let folder = self.run_folders.get(r.run).cloned().flatten();
            let long = self.long.take();
            let cut: Vec<(usize, usize)> = long.as_ref().map_or(Vec::new(), |l| l.texts.clone());
            let mut pre: Read = HashMap::new();
            let mut read: Vec<Option<Shapes>> = long
                .map(|l| l.read.into_iter().map(Some).collect())
                .unwrap_or_default();
            self.read.record_without(r, &cut, |pm, place, cut_at| {
                // Each long text goes to the `<coordinates>` element it was cut from.
                for (j, &at) in cut_at.iter().enumerate() {
                    let element = pm
                        .descendants()
                        .find(|n| is(*n, "coordinates") && n.range().contains(&at));
                    if let (Some(c), Some(shapes)) =
                        (element, read.get_mut(j).and_then(Option::take))
                    {
                        pre.insert(c.range().start, shapes);
                    }
                }
                let path = format!("Placemark[{k}] (line {})", place.of(pm));
                placemark(b, pm, &path, folder, &mut pre);
            });
            self.next += 1;
            spent += r.end - r.start;
        }
        self.next == records
    }

    fn read_whole(&mut self) {
        self.whole = Some(import_kml(&self.b.file, self.read.text, &self.options));
    }

    fn whole(&self) -> bool {
        self.whole.is_some()
    }
}

/// The geometry of a placemark, gathered from any nesting of MultiGeometry.
#[derive(Default)]
struct Shapes {
    points: Vec<LonLat>,
    lines: Vec<Vec<LonLat>>,
    polygons: usize,
    problems: Vec<Reason>,
    /// Tuples whose lon and lat had to be swapped.
    swapped: usize,
}

/// The names of the Folders and Documents around a placemark, "A / B", each container's
/// name looked up once (a Document of 100k placemarks and no name would otherwise be
/// scanned once per placemark).
#[derive(Default)]
struct Folders {
    names: HashMap<NodeId, Option<String>>,
}

impl Folders {
    fn path(&mut self, pm: Node) -> Option<String> {
        let containers = pm
            .ancestors()
            .filter(|a| is(*a, "Folder") || is(*a, "Document"));
        let mut names: Vec<String> = containers
            .filter_map(|a| {
                let name = self.names.entry(a.id()).or_insert_with(|| own_name(a));
                name.clone()
            })
            .collect();
        names.reverse();
        (!names.is_empty()).then(|| names.join(" / "))
    }
}

/// A container's own `<name>`: among the elements before its first Placemark or Folder
/// (KML puts it first), so that a container of 100k placemarks is not read through.
fn own_name(container: Node) -> Option<String> {
    container
        .children()
        .filter(|c| c.is_element())
        .take_while(|c| !is(*c, "Placemark") && !is(*c, "Folder") && !is(*c, "Document"))
        .find(|c| is(*c, "name"))
        .and_then(text_of)
}

fn placemark(b: &mut Builder, pm: Node, path: &str, folder: Option<String>, pre: &mut Read) {
    b.records += 1;
    let mut shapes = Shapes::default();
    for node in pm.descendants() {
        if is(node, "Point") {
            let first = coordinates(node, &mut shapes, pre).first().copied();
            shapes.points.extend(first);
        } else if is(node, "LineString") {
            let line = coordinates(node, &mut shapes, pre);
            shapes.lines.push(line);
        } else if is(node, "Track") {
            let line = track(node, &mut shapes);
            shapes.lines.push(line);
        } else if is(node, "Polygon") {
            shapes.polygons += 1;
        }
    }
    // A bad tuple is the fault of the placemark's coordinates: the field column says so.
    let coordinates_path = format!("{path}.coordinates");
    for problem in &shapes.problems {
        b.issue(Severity::Error, &coordinates_path, problem.clone());
    }
    if shapes.swapped > 0 {
        b.issue(Severity::Warning, path, Reason::SwappedKml(shapes.swapped));
    }
    let short = shapes.lines.iter().filter(|l| l.len() < 2).count();
    if short > 0 {
        b.issue(Severity::Error, path, Reason::KmlShortLines(short));
    }
    shapes.lines.retain(|l| l.len() >= 2);
    if shapes.points.is_empty() && shapes.lines.is_empty() {
        match (shapes.polygons, shapes.problems.is_empty() && short == 0) {
            (1.., _) => b.skip_as(Severity::Info, path, Reason::PolygonPlacemark),
            (0, true) => b.skip_as(Severity::Warning, path, Reason::NoGeometryPlacemark),
            (0, false) => b.skip(path, Reason::NoUsableShape),
        }
        return;
    }
    let name = child_text(pm, "name");
    let summary = child_text(pm, "description")
        .map(|d| strip_html(&d))
        .unwrap_or_default();
    let mut extra: Vec<(String, String)> = folder
        .map(|f| ("folder".to_owned(), f))
        .into_iter()
        .collect();
    extra.extend(properties(pm));
    let many = shapes.points.len() > 1;
    let own_id = pm.attribute("id");
    for (k, p) in shapes.points.iter().enumerate() {
        let p = b.shift_to_wgs84(*p, path);
        let fallback = format!(
            "{}#placemark{}{}",
            b.file,
            b.records,
            if many { format!("-{k}") } else { String::new() }
        );
        let id = b.unique_id(own_id, fallback, path);
        let name = name
            .clone()
            .unwrap_or_else(|| format!("{:.5}, {:.5}", p.lat, p.lon));
        let mut site = b.site(id, name, p);
        site.summary = summary.clone();
        site.address = child_text(pm, "address");
        site.extra = extra.clone();
        b.data.sites.push(site);
    }
    if !shapes.lines.is_empty() {
        let parts: Vec<Vec<LonLat>> = shapes
            .lines
            .into_iter()
            .map(|l| l.into_iter().map(|p| b.coords.to_wgs84(p)).collect())
            .collect();
        let id = b.unique_id(own_id, format!("{}#line{}", b.file, b.records), path);
        let mut route = b.route(id.clone(), name.unwrap_or(id), parts);
        route.description = summary;
        route.extra = extra;
        b.data.routes.push(route);
    }
    if name_missing(pm) {
        b.issue(Severity::Warning, path, Reason::PlacemarkNoName);
    }
}

fn name_missing(pm: Node) -> bool {
    child_text(pm, "name").is_none()
}

/// `<coordinates>lon,lat[,alt] lon,lat[,alt] ...</coordinates>`; bad tuples are listed.
/// Long ones were read beforehand, a piece at a time ([`Read`]).
fn coordinates(node: Node, shapes: &mut Shapes, pre: &mut Read) -> Vec<LonLat> {
    let element = child(node, "coordinates");
    if let Some(read) = element.and_then(|c| pre.remove(&c.range().start)) {
        shapes.problems.extend(read.problems);
        shapes.swapped += read.swapped;
        return read.points;
    }
    let Some(text) = element.and_then(text_of) else {
        let reason = Reason::WithoutCoordinates(node.tag_name().name().to_owned());
        shapes.problems.push(reason);
        return Vec::new();
    };
    let mut out = Vec::new();
    tuples(&text, shapes, &mut out);
    out
}

/// The positions in coordinates text (or a piece of it cut between tuples) into `out`.
fn tuples(text: &str, shapes: &mut Shapes, out: &mut Vec<LonLat>) {
    // Hand-edited files put spaces after the commas: "113.1, 23.0".
    let tight = text.replace(", ", ",").replace(" ,", ",");
    out.extend(tight.split_whitespace().filter_map(|tuple| {
        let mut parts = tuple.split(',');
        let (lon, lat) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        point(lon, lat, shapes, tuple)
    }));
}

/// Coordinates read beforehand, by where their `<coordinates>` element starts in the
/// placemark's document.
type Read = HashMap<usize, Shapes>;

/// Coordinates text longer than this is read a piece at a time (a GPS track of 300k
/// points is one 13 MB text: a second in one piece).
const LONG_COORDINATES: usize = 64 * 1024;

/// A placemark with long coordinates being read: each long text (plain: no markup or
/// entity in it) a piece at a time, then the placemark without those texts.
struct LongPlacemark {
    /// The long texts (byte ranges in the file) and, as read, their positions.
    texts: Vec<(usize, usize)>,
    read: Vec<Shapes>,
    /// Where in the current text the next piece starts.
    at: usize,
}

impl LongPlacemark {
    /// The placemark's long plain coordinates texts, if any.
    fn find(text: &str, r: &Record) -> Option<LongPlacemark> {
        if r.end - r.start <= LONG_COORDINATES {
            return None;
        }
        let bytes = text.as_bytes();
        let mut texts = Vec::new();
        let mut pos = r.start;
        while let Some(lt) = memchr::memchr(b'<', &bytes[pos..r.end]) {
            let at = pos + lt;
            let gt = at + memchr::memchr(b'>', &bytes[at..r.end])?;
            pos = gt + 1;
            let tag = &text[at + 1..gt];
            let local = tag.rsplit(':').next().unwrap_or(tag);
            if tag.ends_with('/') || !local.trim_end().eq_ignore_ascii_case("coordinates") {
                continue;
            }
            let end = pos + memchr::memchr(b'<', &bytes[pos..r.end])?;
            let body = &text[pos..end];
            if body.len() > LONG_COORDINATES && !body.contains('&') && text[end..].starts_with("</")
            {
                texts.push((pos, end));
            }
            pos = end;
        }
        (!texts.is_empty()).then(|| LongPlacemark {
            at: texts[0].0,
            texts,
            read: Vec::new(),
        })
    }

    /// Reads about `budget` bytes more; the bytes read.
    fn step(&mut self, text: &str, budget: usize) -> usize {
        if self
            .texts
            .get(self.read.len())
            .is_some_and(|t| t.0 == self.at)
        {
            self.read.push(Shapes::default()); // the next text starts
        }
        let Some(&(_, end)) = self
            .read
            .len()
            .checked_sub(1)
            .and_then(|i| self.texts.get(i))
        else {
            return 0;
        };
        let cut = piece_end(text, self.at, end, budget.max(1));
        let Some(shapes) = self.read.last_mut() else {
            return 0;
        };
        let mut points = std::mem::take(&mut shapes.points);
        tuples(&text[self.at..cut], shapes, &mut points);
        shapes.points = points;
        let spent = cut - self.at;
        self.at = cut;
        if cut == end {
            self.at = self.texts.get(self.read.len()).map_or(end, |t| t.0);
        }
        spent
    }

    fn is_read(&self) -> bool {
        self.read.len() == self.texts.len() && self.at >= self.texts.last().map_or(0, |t| t.1)
    }
}

/// Where a piece of coordinates text from `from` ends, about `budget` bytes on: in blanks
/// between two tuples (no comma next to them, which would join them), or at `end`.
fn piece_end(text: &str, from: usize, end: usize, budget: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from.saturating_add(budget);
    while at < end {
        if bytes[at].is_ascii_whitespace() {
            let before = bytes[from..at]
                .iter()
                .rposition(|b| !b.is_ascii_whitespace());
            let after = bytes[at..end].iter().position(|b| !b.is_ascii_whitespace());
            let comma = |i: Option<usize>, base: usize| i.is_some_and(|i| bytes[base + i] == b',');
            if !comma(before, from) && !comma(after, at) {
                return at;
            }
        }
        at += 1;
    }
    end
}

/// A gx:Track's `<gx:coord>lon lat alt</gx:coord>` list.
fn track(node: Node, shapes: &mut Shapes) -> Vec<LonLat> {
    node.children()
        .filter(|c| is(*c, "coord"))
        .filter_map(text_of)
        .filter_map(|t| {
            let mut parts = t.split_whitespace();
            let (lon, lat) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            point(lon, lat, shapes, &t)
        })
        .collect()
}

/// One position, or `None` with the problem recorded.
fn point(lon: &str, lat: &str, shapes: &mut Shapes, written: &str) -> Option<LonLat> {
    let settled = parse_angle(lon)
        .and_then(|lon| Ok((lon, parse_angle(lat)?)))
        .and_then(|(lon, lat)| settle(lon, lat));
    match settled {
        Ok((p, fix)) => {
            shapes.swapped += usize::from(fix.is_some());
            Some(p)
        }
        Err(e) => {
            shapes
                .problems
                .push(Reason::InCoordinates(written.to_owned(), Box::new(e)));
            None
        }
    }
}

/// ExtendedData, phone number and snippet, as (name, value).
fn properties(pm: Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in pm.descendants() {
        if is(node, "Data") {
            let name = node.attribute("name").unwrap_or_default().to_owned();
            let label = child_text(node, "displayName").unwrap_or(name);
            out.extend(child_text(node, "value").map(|v| (label, v)));
        } else if is(node, "SimpleData") {
            let name = node.attribute("name").unwrap_or_default().to_owned();
            out.extend(text_of(node).map(|v| (name, v)));
        }
    }
    for key in ["phoneNumber", "Snippet"] {
        out.extend(child_text(pm, key).map(|v| (key.to_owned(), v)));
    }
    out
}
