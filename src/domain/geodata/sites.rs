//! `sites.geojson`: Point features with the site schema (see `geodata/README.md`).

use super::fields::{required, required_as, sources, vocab, At, Issues, RawSource};
use super::geometry::{read_geometry, Geometry};
use super::raw::RawFeature;
use crate::domain::model::{
    is_han, AdminPlace, Link, Precision, PrecisionLevel, RegionId, Site, SiteId, SiteKind,
};
use crate::domain::validate::Severity;
use serde::Deserialize;

/// A site's properties as written; everything optional so that each gap is reported.
#[derive(Deserialize)]
pub(crate) struct RawSite {
    id: Option<String>,
    name: Option<String>,
    name_en: Option<String>,
    kind: Option<String>,
    also_kinds: Option<Vec<String>>,
    admin: Option<AdminPlace>,
    admin_en: Option<AdminPlace>,
    region: Option<String>,
    address: Option<String>,
    summary: Option<String>,
    summary_en: Option<String>,
    themes: Option<Vec<String>>,
    themes_en: Option<Vec<String>>,
    opening_hours: Option<String>,
    booking: Option<String>,
    designation: Option<String>,
    links: Option<Vec<Link>>,
    images: Option<Vec<String>>,
    precision: Option<RawPrecision>,
    sources: Option<Vec<RawSource>>,
}

/// A precision as written.
#[derive(Deserialize)]
pub(crate) struct RawPrecision {
    level: Option<String>,
    radius_m: Option<f64>,
    note: Option<String>,
    note_zh: Option<String>,
}

/// Converts one site feature; `None` when it cannot be a site (no id, kind or position).
pub(crate) fn site(f: RawFeature<RawSite>, at: At, issues: &mut Issues) -> Option<Site> {
    let geometry = read_geometry(f.geometry, at, issues);
    let Some(p) = f.properties else {
        issues.error(at.raw("properties"), "missing properties");
        return None;
    };
    let position = match geometry {
        Some(Geometry::Points(points)) if points.len() == 1 => Some(points[0]),
        Some(g) => {
            let message = format!("wrong geometry: a site is a Point, found {}", g.family());
            issues.error(at.raw("geometry.type"), message);
            None
        }
        None => None,
    };
    let usable = position.is_some_and(|p| {
        super::values::check_position(p, at, "geometry.coordinates", true, issues)
    });
    let id = required(p.id, at, "id", issues);
    let name = required(p.name, at, "name", issues);
    let name_en = required(p.name_en, at, "name_en", issues);
    let kind = vocab::<SiteKind>(p.kind.as_deref(), at, "kind", issues);
    let also_kinds = also_kinds(p.also_kinds, at, issues);
    let precision = precision(p.precision, at, issues);
    let themes = p.themes.unwrap_or_default();
    let themes_en = themes_en(p.themes_en, &themes, at, issues);
    admin_en(p.admin.as_ref(), p.admin_en.as_ref(), at, issues);
    let sources = sources(p.sources, at, "sources", issues);
    let summary = required_as(p.summary, at, "summary", Severity::Warning, issues);
    let region = required_as(p.region, at, "region", Severity::Warning, issues);
    links(p.links.as_deref().unwrap_or_default(), at, issues);
    images(p.images.as_deref().unwrap_or_default(), at, issues);
    Some(Site {
        id: SiteId(id?),
        position: position.filter(|_| usable)?,
        name: name.unwrap_or_default(),
        name_en: name_en.unwrap_or_default(),
        kind: kind?,
        also_kinds,
        admin: p.admin.unwrap_or_default(),
        admin_en: p.admin_en.unwrap_or_default(),
        region: region.map(RegionId),
        address: p.address,
        summary: summary.unwrap_or_default(),
        summary_en: p.summary_en.unwrap_or_default(),
        themes,
        themes_en,
        opening_hours: p.opening_hours,
        booking: p.booking,
        designation: p.designation,
        links: p.links.unwrap_or_default(),
        images: p.images.unwrap_or_default(),
        precision: precision?,
        sources,
        extra: Vec::new(),
    })
}

fn also_kinds(raw: Option<Vec<String>>, at: At, issues: &mut Issues) -> Vec<SiteKind> {
    let raw = raw.unwrap_or_default();
    let mut out = Vec::with_capacity(raw.len());
    for (i, k) in raw.iter().enumerate() {
        out.extend(vocab::<SiteKind>(
            Some(k),
            at,
            &format!("also_kinds[{i}]"),
            issues,
        ));
    }
    out
}

fn links(links: &[Link], at: At, issues: &mut Issues) {
    for (i, l) in links.iter().enumerate() {
        if !crate::domain::safe_url::is_http_url(&l.url) {
            issues.warning(
                at.field(&format!("links[{i}].url")),
                format!("link \"{}\" is not an http(s) URL", l.url),
            );
        }
    }
}

/// Images are only ever shown from http(s) or relative URLs; others are said here.
fn images(images: &[String], at: At, issues: &mut Issues) {
    for (i, url) in images.iter().enumerate() {
        if !crate::domain::safe_url::is_image_url(url) {
            let message = format!("image \"{url}\" is not an http(s) or relative URL");
            issues.warning(at.field(&format!("images[{i}]")), message);
        }
    }
}

/// A required precision: a known level, a finite non-negative radius, and a note.
pub(crate) fn precision(
    raw: Option<RawPrecision>,
    at: At,
    issues: &mut Issues,
) -> Option<Precision> {
    let Some(raw) = raw else {
        issues.error(
            at.field("precision"),
            "missing precision: say how exact the position is",
        );
        return None;
    };
    let level = vocab::<PrecisionLevel>(raw.level.as_deref(), at, "precision.level", issues);
    match raw.radius_m {
        None => issues.error(at.field("precision.radius_m"), "missing radius_m"),
        Some(r) if !(r.is_finite() && r >= 0.0) => {
            issues.error(
                at.field("precision.radius_m"),
                format!("radius_m {r} must be a non-negative number of metres"),
            );
        }
        Some(_) => {}
    }
    let note = required_as(raw.note, at, "precision.note", Severity::Warning, issues);
    let note_zh = raw.note_zh.unwrap_or_default();
    if !note_zh.is_empty() && !note_zh.chars().any(is_han) {
        let message = format!("note_zh has no Chinese: \"{note_zh}\"");
        issues.warning(at.field("precision.note_zh"), message);
    }
    Some(Precision {
        level: level?,
        radius_m: raw.radius_m,
        note: note.unwrap_or_default(),
        note_zh,
    })
}

/// English theme names, one per theme in the same order (or none at all).
fn themes_en(
    raw: Option<Vec<String>>,
    themes: &[String],
    at: At,
    issues: &mut Issues,
) -> Vec<String> {
    let raw = raw.unwrap_or_default();
    if !raw.is_empty() && raw.len() != themes.len() {
        let message = format!("{} names for {} themes", raw.len(), themes.len());
        issues.warning(at.field("themes_en"), message);
        return Vec::new();
    }
    for (i, t) in raw.iter().enumerate() {
        if t.trim().is_empty() || t.chars().any(is_han) {
            let message = format!("not an English name: \"{t}\"");
            issues.warning(at.field(&format!("themes_en[{i}]")), message);
        }
    }
    raw
}

/// `admin_en` names only the levels `admin` names.
fn admin_en(zh: Option<&AdminPlace>, en: Option<&AdminPlace>, at: At, issues: &mut Issues) {
    let (Some(en), zh) = (en, zh.cloned().unwrap_or_default()) else {
        return;
    };
    let names = ["province", "city", "county", "town"];
    for ((name, e), z) in names.iter().zip(en.parts()).zip(zh.parts()) {
        if e.is_some() && z.is_none() {
            let message = format!("no admin.{name} for it");
            issues.warning(at.field(&format!("admin_en.{name}")), message);
        }
    }
}
