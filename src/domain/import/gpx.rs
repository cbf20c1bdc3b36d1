//! GPX 1.1 (and 1.0): waypoints become sites, routes and tracks become routes (a track's
//! segments are the route's parts). Name, description and type are read; every other
//! simple child (ele, time, sym, cmt...) is kept as an extra property. A bad point is
//! listed and left out; a route keeps its good points if at least two remain.

use super::build::{Builder, Imported};
use super::coord::{parse_angle, settle};
use super::values::parse_kind;
use super::xml::{child_text, children, is, parse, text_of, Lines};
use super::{ImportFormat, ImportOptions};
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

/// Reads a GPX file.
pub fn import_gpx(file: &str, text: &str, options: &ImportOptions) -> Imported {
    let mut b = Builder::new(file, ImportFormat::Gpx, options.coords);
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            b.issue(Severity::Error, "", e);
            return b.finish();
        }
    };
    let root = doc.root_element();
    if !is(root, "gpx") {
        let message = format!(
            "the root element is <{}>, not <gpx>: not a GPX file",
            root.tag_name().name()
        );
        b.issue(Severity::Error, "", message);
        return b.finish();
    }
    let lines = Lines::new(text);
    for (k, wpt) in children(root, "wpt").enumerate() {
        let path = format!("wpt[{k}] (line {})", lines.of(wpt));
        waypoint(&mut b, wpt, &path);
    }
    for (k, rte) in children(root, "rte").enumerate() {
        let path = format!("rte[{k}] (line {})", lines.of(rte));
        let points = points(&mut b, &lines, children(rte, "rtept"), &path, "rtept");
        route(&mut b, rte, vec![points], &path);
    }
    for (k, trk) in children(root, "trk").enumerate() {
        let path = format!("trk[{k}] (line {})", lines.of(trk));
        let parts = children(trk, "trkseg")
            .enumerate()
            .map(|(s, seg)| {
                let seg_path = format!("{path}.trkseg[{s}]");
                points(&mut b, &lines, children(seg, "trkpt"), &seg_path, "trkpt")
            })
            .collect();
        route(&mut b, trk, parts, &path);
    }
    b.finish()
}

/// A point's position from its lat/lon attributes (and whether they had to be swapped),
/// or the reason it has none.
fn position(node: Node) -> Result<(LonLat, bool), String> {
    let attr = |name: &str| {
        let text = node
            .attribute(name)
            .ok_or_else(|| format!("no {name} attribute"))?;
        parse_angle(text).map_err(|e| format!("{name}: {e}"))
    };
    let (lat, lon) = (attr("lat")?, attr("lon")?);
    settle(lon, lat).map(|(p, fix)| (p, fix.is_some()))
}

const SWAPPED: &str = "the lat and lon attributes look swapped: read the other way round";

fn waypoint(b: &mut Builder, wpt: Node, path: &str) {
    b.records += 1;
    let p = match position(wpt) {
        Ok((p, swapped)) => {
            if swapped {
                b.issue(Severity::Warning, path, SWAPPED);
            }
            b.shift_to_wgs84(p, path)
        }
        Err(e) => return b.skip(path, format!("{e}; waypoint not imported")),
    };
    let fallback = format!("{}#wpt{}", b.file, b.records);
    let id = b.unique_id(None, fallback, path);
    let name = child_text(wpt, "name").unwrap_or_else(|| {
        b.issue(Severity::Warning, path, "no name: shown by its position");
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
    lines: &Lines,
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
                let pt_path = format!("{path}.{name}[{k}] (line {})", lines.of(pt));
                b.issue(
                    Severity::Error,
                    &pt_path,
                    format!("{e}; point left out of the line"),
                );
            }
        }
    }
    if swapped > 0 {
        b.issue(
            Severity::Warning,
            path,
            format!("{swapped} point(s): {SWAPPED}"),
        );
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
        let message = format!(
            "{} usable point(s): a line part needs two; part left out",
            part.len()
        );
        b.issue(Severity::Error, &format!("{path}.trkseg[{s}]"), message);
    }
    let parts: Vec<Vec<LonLat>> = parts.into_iter().filter(|p| p.len() >= 2).collect();
    if parts.is_empty() {
        let message = format!("{total} usable point(s): a line needs at least two; not imported");
        return b.skip(path, message);
    }
    let kind = if is(node, "trk") { "trk" } else { "rte" };
    let id = b.unique_id(None, format!("{}#{kind}{}", b.file, b.records), path);
    let name = child_text(node, "name").unwrap_or_else(|| id.clone());
    let mut route = b.route(id, name, parts);
    route.description = child_text(node, "desc").unwrap_or_default();
    route.extra = extra(node);
    b.data.routes.push(route);
}
