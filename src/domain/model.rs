//! The typed data model of the bundled dataset: sites, routes, activities, visit counts,
//! regions with their reported totals, and the manifest that lists the layers.
//!
//! Plain data only: no parsing of files (that is `geodata`), no checks (that is `validate`),
//! no browser crates. Field names follow the agreed schema in `geodata/README.md`; the
//! closed vocabularies (kinds, types, levels) are enums with `ALL`, `as_str()`,
//! `label_zh()`, `label_en()` and `parse()`, and serialize as their `as_str()` spelling.

/// Declares a closed vocabulary: the enum, its spellings and zh/en labels, `Display`,
/// serde (as the spelling) and [`Vocabulary`]. One table per vocabulary keeps the
/// spelling, the labels and the list of all values from drifting apart.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $s:literal, $zh:literal, $en:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in legend order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The spelling used in the data files.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s,)+ } }
            /// The Chinese label shown to users.
            pub fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh,)+ } }
            /// The English label shown to users.
            pub fn label_en(self) -> &'static str { match self { $($name::$variant => $en,)+ } }
            /// The value spelled `s` exactly, if any.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::domain::model::Vocabulary for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str { $name::as_str(self) }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown {} \"{text}\"", stringify!($name)))
                })
            }
        }
    };
}

mod activity;
mod dataset;
mod date;
mod ids;
mod region;
mod route;
mod site;
mod text;

pub use activity::{Activity, ActivityTarget, ActivityType, Qualifier, Recurrence, Visit};
pub use dataset::{Dataset, Layer, LayerType, Manifest, SiteLookup};
pub use date::{ActivityDate, Date, Period};
pub use ids::{ActivityId, RegionId, RouteId, SiteId, VisitId};
pub use region::{Measure, Member, MemberKind, Region, RegionGeometry, RegionLevel, Reported};
pub use route::{Route, TravelMode};
pub use site::{
    admin_name_en, AdminPlace, Link, Precision, PrecisionLevel, Site, SiteKind, SiteMark,
};
pub use text::{choose, is_han, script_runs, written_in, Shown, TextLang};

use serde::{Deserialize, Serialize};

/// A WGS-84 position, longitude first as in GeoJSON (one type for the whole domain).
pub use super::geo::LonLat;

/// Where a record's facts come from: a document (seed file name, or e.g.
/// "GeoNames 1788379") and what it says, quoted or summarised.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    pub says: String,
}

/// A record's sources. Shared: records citing the same sources (an activity report, an
/// import) hold one list between them; the parser hands out one per distinct list.
pub type Sources = std::sync::Arc<[Source]>;

/// A closed list of spellings, used generically for "did you mean" hints.
pub trait Vocabulary: Copy + 'static {
    /// Every value.
    const ALL: &'static [Self];
    /// The spelling used in the data files.
    fn as_str(self) -> &'static str;

    /// Every spelling, in order.
    fn spellings() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>()
    where
        T: Vocabulary + serde::Serialize + for<'de> serde::Deserialize<'de>,
        T: PartialEq + std::fmt::Debug,
    {
        for v in T::ALL {
            let json = serde_json::to_string(v).expect("serialize");
            assert_eq!(json, format!("\"{}\"", v.as_str()));
            let back: T = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(&back, v);
        }
    }

    #[test]
    fn vocabularies_round_trip_through_their_spelling() {
        round_trips::<SiteKind>();
        round_trips::<PrecisionLevel>();
        round_trips::<TravelMode>();
        round_trips::<ActivityType>();
        round_trips::<RegionLevel>();
        round_trips::<Measure>();
        round_trips::<Qualifier>();
        round_trips::<Recurrence>();
        round_trips::<LayerType>();
    }

    #[test]
    fn unknown_spelling_is_an_error_not_a_default() {
        assert!(SiteKind::parse("musem").is_none());
        assert!(serde_json::from_str::<SiteKind>("\"musem\"").is_err());
    }

    #[test]
    fn labels_are_non_empty() {
        for k in SiteKind::ALL {
            assert!(!k.label_zh().is_empty() && !k.label_en().is_empty());
        }
    }
}
