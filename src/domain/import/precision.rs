//! How exact an imported file's positions are, as the importing user states it (never
//! guessed): "not stated" (the default: a ±5 km ring, trips say "distance unknown" for
//! stops closer than that), about 10 m, about 100 m or about 1 km. The choice is recorded
//! on each record (its precision, with a note saying who stated it), so that it is kept
//! with the stored layer and shown in the details. A record whose file states its own
//! precision (a GeoJSON `precision` property in redmap's schema) keeps the file's.
//! Pure: no UI types.

use super::build::{IMPORTED_PRECISION_NOTE, IMPORTED_PRECISION_NOTE_ZH};
use crate::domain::model::{Dataset, Precision, PrecisionLevel, Site, TextLang};
use serde::{Deserialize, Serialize};

/// The importing user's statement of how exact the file's positions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum StatedPrecision {
    #[default]
    NotStated,
    About10m,
    About100m,
    About1km,
}

impl StatedPrecision {
    pub const ALL: [StatedPrecision; 4] = [
        StatedPrecision::NotStated,
        StatedPrecision::About10m,
        StatedPrecision::About100m,
        StatedPrecision::About1km,
    ];

    /// A stable spelling (form values).
    pub fn as_str(self) -> &'static str {
        match self {
            StatedPrecision::NotStated => "not_stated",
            StatedPrecision::About10m => "10m",
            StatedPrecision::About100m => "100m",
            StatedPrecision::About1km => "1km",
        }
    }

    pub fn parse(s: &str) -> Option<StatedPrecision> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The choice's words.
    pub fn label(self, lang: TextLang) -> &'static str {
        match (self, lang) {
            (StatedPrecision::NotStated, TextLang::Zh) => "未说明",
            (StatedPrecision::About10m, TextLang::Zh) => "约 10 米",
            (StatedPrecision::About100m, TextLang::Zh) => "约 100 米",
            (StatedPrecision::About1km, TextLang::Zh) => "约 1 公里",
            (StatedPrecision::NotStated, TextLang::En) => "Not stated",
            (StatedPrecision::About10m, TextLang::En) => "About 10 m",
            (StatedPrecision::About100m, TextLang::En) => "About 100 m",
            (StatedPrecision::About1km, TextLang::En) => "About 1 km",
        }
    }

    fn radius_m(self) -> Option<f64> {
        match self {
            StatedPrecision::NotStated => None,
            StatedPrecision::About10m => Some(10.0),
            StatedPrecision::About100m => Some(100.0),
            StatedPrecision::About1km => Some(1_000.0),
        }
    }

    /// The precision each record of the file gets.
    pub fn precision(self) -> Precision {
        let Some(radius) = self.radius_m() else {
            return Precision {
                level: PrecisionLevel::Unknown,
                radius_m: None,
                note: IMPORTED_PRECISION_NOTE.to_owned(),
                note_zh: IMPORTED_PRECISION_NOTE_ZH.to_owned(),
            };
        };
        let level = match self {
            StatedPrecision::About10m => PrecisionLevel::Building,
            StatedPrecision::About100m => PrecisionLevel::Street,
            _ => PrecisionLevel::Village,
        };
        Precision {
            level,
            radius_m: Some(radius),
            note: format!(
                "position from the imported file; precision stated by the importing user: {} (not checked)",
                self.label(TextLang::En).to_lowercase()
            ),
            note_zh: format!(
                "位置取自导入的文件；精确程度由导入者说明：{}（未经核实）",
                self.label(TextLang::Zh)
            ),
        }
    }

    /// Whether `p` is one the importing user's choice gives (or the "not stated" of a
    /// foreign file): not a precision the file states itself.
    fn is_users(p: &Precision) -> bool {
        p.note == Precision::unknown().note || Self::ALL.into_iter().any(|s| s.precision() == *p)
    }
}

/// Records `stated` on every site of an imported layer whose precision is not the file's
/// own; returns how many sites it was recorded on.
pub fn state_precision(data: &mut Dataset, stated: StatedPrecision) -> usize {
    let precision = stated.precision();
    let mut n = 0;
    for site in data
        .sites
        .iter_mut()
        .filter(|s| StatedPrecision::is_users(&s.precision))
    {
        site.precision = precision.clone();
        n += 1;
    }
    n
}

/// Every site of a foreign GeoJSON read whole (`?data=`) with the precision its feature
/// states in redmap's schema (what redmap's own export writes: a layer whose importer
/// stated its precision keeps it when shared); returns how many sites have one. A property
/// not understood stays a property (shown in the details), precision not stated.
pub fn honour_own_precision(data: &mut Dataset) -> usize {
    let mut n = 0;
    for site in &mut data.sites {
        n += usize::from(own_precision(site) == Ok(true));
    }
    n
}

/// The precision a GeoJSON feature states itself, in redmap's schema (a `precision`
/// property: `level`, `radius_m`, `note`, `note_zh`), taken out of the site's other
/// properties; `Err` with the property's text when it is there but not understood (it is
/// then kept as a property).
pub(crate) fn own_precision(site: &mut Site) -> Result<bool, String> {
    #[derive(Deserialize)]
    struct Raw {
        level: PrecisionLevel,
        radius_m: Option<f64>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        note_zh: String,
    }
    let Some(k) = site.extra.iter().position(|(key, _)| key == "precision") else {
        return Ok(false);
    };
    let text = &site.extra[k].1;
    let raw = match serde_json::from_str::<Raw>(text) {
        Ok(raw) if raw.radius_m.is_none_or(|r| r.is_finite() && r >= 0.0) => raw,
        _ => return Err(text.clone()),
    };
    site.precision = Precision {
        level: raw.level,
        radius_m: raw.radius_m,
        note: raw.note,
        note_zh: raw.note_zh,
    };
    site.extra.remove(k);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::LonLat;

    fn site(precision: Precision) -> Site {
        let b = super::super::build::Builder::new(
            "f.csv",
            super::super::ImportFormat::Csv,
            crate::domain::coords::CoordSystem::Wgs84,
        );
        let mut s = b.site("a".into(), "甲".into(), LonLat::new(113.0, 23.0));
        s.precision = precision;
        s
    }

    #[test]
    fn the_users_choice_is_recorded_and_can_be_changed_back() {
        let own = Precision {
            level: PrecisionLevel::Town,
            radius_m: Some(3000.0),
            note: "the file's own".into(),
            note_zh: String::new(),
        };
        let mut data = Dataset::default();
        data.sites
            .push(site(StatedPrecision::NotStated.precision()));
        data.sites.push(site(Precision::unknown()));
        data.sites.push(site(own.clone()));
        assert_eq!(state_precision(&mut data, StatedPrecision::About10m), 2);
        assert_eq!(data.sites[0].precision.ring_radius_m(), 10.0);
        assert_eq!(data.sites[1].precision.level, PrecisionLevel::Building);
        assert!(data.sites[0]
            .precision
            .note_zh
            .contains("导入者说明：约 10 米"));
        assert_eq!(data.sites[2].precision, own, "the file's own is kept");
        assert_eq!(state_precision(&mut data, StatedPrecision::NotStated), 2);
        assert_eq!(data.sites[0].precision.level, PrecisionLevel::Unknown);
        assert_eq!(data.sites[0].precision.ring_radius_m(), 5_000.0);
    }

    #[test]
    fn a_features_own_precision_is_taken_from_its_properties() {
        let mut s = site(Precision::unknown());
        s.extra.push((
            "precision".into(),
            r#"{"level":"street","radius_m":200,"note":"surveyed"}"#.into(),
        ));
        assert_eq!(own_precision(&mut s), Ok(true));
        assert_eq!(s.precision.level, PrecisionLevel::Street);
        assert_eq!(s.precision.radius_m, Some(200.0));
        assert!(s.extra.is_empty());
        let mut bad = site(Precision::unknown());
        bad.extra.push(("precision".into(), "about 10 m".into()));
        assert_eq!(own_precision(&mut bad), Err("about 10 m".into()));
        assert_eq!(bad.extra.len(), 1);
    }

    #[test]
    fn a_shared_export_keeps_its_precision() {
        let mut data = Dataset::default();
        let mut s = site(Precision::unknown());
        s.extra.push((
            "precision".into(),
            r#"{"level":"building","radius_m":10,"note":"n"}"#.into(),
        ));
        data.sites.push(s);
        data.sites.push(site(Precision::unknown()));
        assert_eq!(honour_own_precision(&mut data), 1);
        assert_eq!(data.sites[0].precision.ring_radius_m(), 10.0);
        assert_eq!(data.sites[1].precision.ring_radius_m(), 5_000.0);
    }
}
