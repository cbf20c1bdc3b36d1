//! Sites (GeoJSON Points): what a place is, where it is, how sure we are of the position,
//! and where each fact comes from.

use super::{choose, LonLat, RegionId, Shown, SiteId, Sources, TextLang};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// What kind of place a site is. The zh labels are the terms the sources use.
    SiteKind {
        RevolutionarySite = "revolutionary_site", "革命旧址/遗址", "Revolutionary (former) site";
        Memorial = "memorial", "纪念碑/纪念设施", "Memorial";
        Museum = "museum", "纪念馆/展馆", "Museum or memorial hall";
        StudyBase = "study_base", "研学基地", "Study base";
        VisitPoint = "visit_point", "参观点", "Visit point";
        TeachingPoint = "teaching_point", "现场教学点", "On-site teaching point";
        LectureBase = "lecture_base", "宣讲示范基地", "Lecture demonstration base";
        PublicSpace = "public_space", "公园/广场", "Park or public space";
        Enterprise = "enterprise", "企业", "Enterprise";
        Community = "community", "社区/村", "Community or village";
        Other = "other", "其他", "Other";
    }
}

vocabulary! {
    /// How exactly a site's position is known, from a surveyed building down to "somewhere
    /// in this county". `Unknown` is for foreign data whose source says nothing.
    PrecisionLevel {
        Building = "building", "建筑", "Building";
        Street = "street", "街道/路段", "Street";
        Village = "village", "村", "Village";
        Town = "town", "镇/街道", "Town";
        County = "county", "区/县", "County or district";
        City = "city", "市", "City";
        Unknown = "unknown", "未说明", "Not stated";
    }
}

impl PrecisionLevel {
    /// A typical uncertainty radius for the level, used when a record gives none.
    pub fn typical_radius_m(self) -> f64 {
        match self {
            PrecisionLevel::Building => 50.0,
            PrecisionLevel::Street => 300.0,
            PrecisionLevel::Village => 1_000.0,
            PrecisionLevel::Town => 3_000.0,
            PrecisionLevel::County => 15_000.0,
            PrecisionLevel::City => 30_000.0,
            PrecisionLevel::Unknown => 5_000.0,
        }
    }
}

/// How exactly a position is known; shown on the map as an uncertainty ring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    pub level: PrecisionLevel,
    /// Radius within which the real place is believed to lie, in metres.
    pub radius_m: Option<f64>,
    /// Plain words in English, e.g. "placed at the 西樵镇 town point; the site itself is not
    /// located" (for foreign data: whatever its `note` says, in its own language).
    pub note: String,
    /// The same in Chinese, from the same facts; empty when the data gives none.
    #[serde(default)]
    pub note_zh: String,
}

impl Precision {
    /// The radius to draw: the stated one, else the level's typical radius.
    pub fn ring_radius_m(&self) -> f64 {
        self.radius_m
            .unwrap_or_else(|| self.level.typical_radius_m())
    }

    /// The precision of foreign data that does not say how exact it is.
    pub fn unknown() -> Self {
        Precision {
            level: PrecisionLevel::Unknown,
            radius_m: None,
            note: "position precision not stated by the source".to_owned(),
            note_zh: "来源未说明位置的精确程度".to_owned(),
        }
    }

    /// The note for a reader of `want`: in that language if the data has it, else the
    /// other one marked with its language (`None` when there is no note).
    pub fn note_in(&self, want: TextLang) -> Option<Shown<'_>> {
        choose(want, &self.note_zh, &self.note)
    }
}

/// The administrative place of a site, in Chinese; any part may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AdminPlace {
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    pub town: Option<String>,
}

/// A link to read more about a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One red-education site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub id: SiteId,
    pub position: LonLat,
    pub name: String,
    pub name_en: String,
    pub kind: SiteKind,
    /// Further roles the sources give the same place (e.g. a former site that is also a
    /// named study base); never repeats `kind`.
    pub also_kinds: Vec<SiteKind>,
    pub admin: AdminPlace,
    /// The English names of the same places (`admin_en`), where the data gives them.
    #[serde(default)]
    pub admin_en: AdminPlace,
    /// The region (district, county...) the site belongs to, if known.
    pub region: Option<RegionId>,
    pub address: Option<String>,
    pub summary: String,
    pub summary_en: String,
    pub themes: Vec<String>,
    /// The English names of `themes`, in the same order (`themes_en`); empty when not given.
    #[serde(default)]
    pub themes_en: Vec<String>,
    /// OSM-like opening hours, e.g. "Tu-Su 09:00-17:00".
    pub opening_hours: Option<String>,
    pub booking: Option<String>,
    /// Heritage designation, e.g. "全国重点文物保护单位".
    pub designation: Option<String>,
    pub links: Vec<Link>,
    pub images: Vec<String>,
    pub precision: Precision,
    pub sources: Sources,
    /// Properties of foreign GeoJSON that are not part of our schema, shown as a table.
    pub extra: Vec<(String, String)>,
}

/// What the map draws of a site besides its position: its symbol (kind) and its uncertainty
/// ring. Derived once per load, or read from `sites.points` before the site records are in
/// (`domain::geodata::points`); the radius is kept as f32, far finer than a ring is drawn.
/// 8 bytes (NaN for no radius rather than an `Option`, which made it 12: 0.4 MB at 100k).
#[derive(Debug, Clone, Copy)]
pub struct SiteMark {
    pub kind: SiteKind,
    pub level: PrecisionLevel,
    radius_m: f32,
}

impl SiteMark {
    pub fn new(kind: SiteKind, level: PrecisionLevel, radius_m: Option<f32>) -> Self {
        SiteMark {
            kind,
            level,
            radius_m: radius_m.unwrap_or(f32::NAN),
        }
    }

    pub fn of(site: &Site) -> Self {
        let radius_m = site.precision.radius_m.map(|r| r as f32);
        SiteMark::new(site.kind, site.precision.level, radius_m)
    }

    /// The radius the data states, if any (the same bits: what `sites.points` stores).
    pub fn radius_m(self) -> Option<f32> {
        (!self.radius_m.is_nan()).then_some(self.radius_m)
    }

    /// The ring's radius: the stated one, else the level's typical radius.
    pub fn ring_radius_m(self) -> f64 {
        self.radius_m()
            .map(f64::from)
            .unwrap_or_else(|| self.level.typical_radius_m())
    }
}

/// Equal when the kind, level and radius are (no radius equals no radius).
impl PartialEq for SiteMark {
    fn eq(&self, other: &Self) -> bool {
        (self.kind, self.level) == (other.kind, other.level)
            && self.radius_m().map(f32::to_bits) == other.radius_m().map(f32::to_bits)
    }
}

impl Site {
    /// The English name of `theme` (one of this site's `themes`), if the data gives one.
    pub fn theme_en(&self, theme: &str) -> Option<&str> {
        let i = self.themes.iter().position(|t| t == theme)?;
        self.themes_en
            .get(i)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// Whether the site has `kind` as its main kind or as one of its further roles.
    pub fn is_kind(&self, kind: SiteKind) -> bool {
        self.kind == kind || self.also_kinds.contains(&kind)
    }
}

impl AdminPlace {
    /// The parts from the widest (province) to the narrowest (town).
    pub fn parts(&self) -> [&Option<String>; 4] {
        [&self.province, &self.city, &self.county, &self.town]
    }
}

/// The English name the sites give for the administrative place written `zh` in their
/// `admin` (e.g. 越秀区, which has no region record of its own), if any site gives one.
pub fn admin_name_en<'a>(sites: &'a [Site], zh: &str) -> Option<&'a str> {
    sites.iter().find_map(|s| {
        let slot = s
            .admin
            .parts()
            .iter()
            .position(|p| p.as_deref() == Some(zh))?;
        let en = s.admin_en.parts()[slot].as_deref()?.trim();
        (!en.is_empty()).then_some(en)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_radius_falls_back_to_the_level() {
        let mut p = Precision::unknown();
        assert_eq!(p.ring_radius_m(), 5_000.0);
        p.radius_m = Some(120.0);
        assert_eq!(p.ring_radius_m(), 120.0);
    }

    #[test]
    fn kind_labels_use_source_terms() {
        assert_eq!(SiteKind::TeachingPoint.label_zh(), "现场教学点");
        assert_eq!(SiteKind::parse("lecture_base"), Some(SiteKind::LectureBase));
    }
}
