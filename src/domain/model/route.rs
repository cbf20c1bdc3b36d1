//! Routes (GeoJSON LineStrings): an ordered list of stops that a source describes, with the
//! line drawn straight from stop to stop (not a road path).

use super::{ActivityDate, LonLat, RouteId, SiteId, Sources};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// How the route is travelled. `Unknown` where the sources do not say.
    TravelMode {
        Walk = "walk", "步行", "Walk";
        Bike = "bike", "骑行", "Bike";
        Bus = "bus", "公交", "Bus";
        Coach = "coach", "大巴", "Coach";
        Car = "car", "自驾", "Car";
        Unknown = "unknown", "未说明", "Not stated";
    }
}

/// A study route through sites, in the order the source gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub id: RouteId,
    pub name: String,
    pub name_en: String,
    pub theme: String,
    /// The theme's English name (`theme_en`); empty when not given.
    #[serde(default)]
    pub theme_en: String,
    /// Site ids in travel order.
    pub stops: Vec<SiteId>,
    pub mode: TravelMode,
    pub description: String,
    pub description_en: String,
    /// When the route was travelled, if the source dates it.
    pub date: Option<ActivityDate>,
    /// The drawn line: one part for a LineString, several for a MultiLineString.
    pub path: Vec<Vec<LonLat>>,
    pub sources: Sources,
    /// Properties of foreign GeoJSON that are not part of our schema.
    pub extra: Vec<(String, String)>,
}

impl Route {
    /// A route known only by its line (foreign or imported data): no stops, theme or mode.
    pub fn from_line(
        id: RouteId,
        name: String,
        path: Vec<Vec<LonLat>>,
        sources: impl Into<Sources>,
        extra: Vec<(String, String)>,
    ) -> Route {
        Route {
            id,
            name,
            name_en: String::new(),
            theme: String::new(),
            theme_en: String::new(),
            stops: Vec::new(),
            mode: TravelMode::Unknown,
            description: String::new(),
            description_en: String::new(),
            date: None,
            path,
            sources: sources.into(),
            extra,
        }
    }

    /// Whether `site` is one of the stops.
    pub fn stops_at(&self, site: &SiteId) -> bool {
        self.stops.contains(site)
    }
}
