//! The offline vector base map: GeoJSON polygons and lines (provinces, land, lakes, rivers)
//! projected once to Web Mercator world coordinates, ready to draw every frame.
//!
//! Pure: parsing with the `geojson` crate (the files are small and trusted-ish, so the
//! generic value tree is fine here). Must not depend on the UI. The app itself reads the
//! parsed layers from one binary file ([`packed`], made by `redmap-data basemap`), so that
//! no JSON reader is needed for the map's first frame.

pub mod packed;

use super::geo::{BBox, LonLat};
use super::projection::{lonlat_to_world, WorldPoint};
use geojson::{GeoJson, Geometry, GeometryValue};

/// What a base-map file holds, from its name: decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Land,
    /// Province areas (filled; their outlines come from `Borders`).
    Provinces,
    /// Province borders, each shared border once.
    Borders,
    Lakes,
    Rivers,
    /// Named places (cities), drawn as labels.
    Places,
    Other,
}

/// The files of `geodata/basemap/` the map draws, in drawing order; `basemap.bin` holds
/// them parsed, in this order.
pub const FILES: &[&str] = &[
    "land.geojson",
    "provinces.geojson",
    "lakes.geojson",
    "rivers.geojson",
];

/// The file holding the parsed [`FILES`] ([`packed`]), next to them.
pub const PACKED_FILE: &str = "basemap.bin";

/// The parsed `files` (name, text), in their order, as [`packed`] writes them.
pub fn pack(files: &[(&str, &str)]) -> Result<Vec<u8>, String> {
    let layers = files
        .iter()
        .map(|(name, text)| parse_layer(name, text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(packed::encode(&layers))
}

impl BaseKind {
    /// Every kind, in the order `basemap.bin` numbers them.
    pub const ALL: [BaseKind; 7] = [
        BaseKind::Land,
        BaseKind::Provinces,
        BaseKind::Borders,
        BaseKind::Lakes,
        BaseKind::Rivers,
        BaseKind::Places,
        BaseKind::Other,
    ];

    pub fn from_file_name(name: &str) -> BaseKind {
        let n = name.to_ascii_lowercase();
        if n.contains("lines") || n.contains("border") {
            BaseKind::Borders
        } else if n.contains("place") || n.contains("cities") {
            BaseKind::Places
        } else if n.contains("province") || n.contains("admin") {
            BaseKind::Provinces
        } else if n.contains("lake") {
            BaseKind::Lakes
        } else if n.contains("river") {
            BaseKind::Rivers
        } else if n.contains("land") || n.contains("coast") {
            BaseKind::Land
        } else {
            BaseKind::Other
        }
    }
}

/// One feature: polygons as rings (first ring outer), lines as paths; all in world coords.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BaseFeature {
    pub rings: Vec<Vec<WorldPoint>>,
    pub lines: Vec<Vec<WorldPoint>>,
    pub points: Vec<LonLat>,
    /// Importance for labelling, 1 = most important (from a `rank` property).
    pub rank: Option<u32>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    /// Where to put the name: the centre of the feature's extent.
    pub label_at: Option<LonLat>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BaseLayer {
    pub kind: BaseKind,
    pub features: Vec<BaseFeature>,
}

/// Parses one base-map file. A broken file gives an error message, never a panic.
pub fn parse_layer(file_name: &str, text: &str) -> Result<BaseLayer, String> {
    let geojson: GeoJson = text
        .parse()
        .map_err(|e| format!("{file_name}: not GeoJSON: {e}"))?;
    let GeoJson::FeatureCollection(fc) = geojson else {
        return Err(format!("{file_name}: not a FeatureCollection"));
    };
    let features = fc
        .features
        .iter()
        .filter_map(|f| {
            let mut out = BaseFeature::default();
            let mut bbox = BBox::empty();
            add_geometry(f.geometry.as_ref()?, &mut out, &mut bbox);
            let prop = |k: &str| f.property(k).and_then(|v| v.as_str()).map(str::to_string);
            out.name = prop("name").or_else(|| prop("name_zh"));
            out.name_en = prop("name_en");
            out.rank = f
                .property("rank")
                .and_then(|v| v.as_u64())
                .map(|r| r.min(u32::MAX as u64) as u32);
            out.label_at = bbox.center();
            Some(out)
        })
        .collect();
    Ok(BaseLayer {
        kind: BaseKind::from_file_name(file_name),
        features,
    })
}

fn add_geometry(geometry: &Geometry, out: &mut BaseFeature, bbox: &mut BBox) {
    let mut path = |coords: &Vec<geojson::Position>| -> Vec<WorldPoint> {
        coords
            .iter()
            .filter(|c| c.len() >= 2 && c[0].is_finite() && c[1].is_finite())
            .map(|c| {
                let p = LonLat::new(c[0], c[1]);
                bbox.extend(p);
                lonlat_to_world(p)
            })
            .collect()
    };
    match &geometry.value {
        GeometryValue::Polygon { coordinates } => {
            out.rings.extend(coordinates.iter().map(&mut path))
        }
        GeometryValue::MultiPolygon { coordinates } => out
            .rings
            .extend(coordinates.iter().flatten().map(&mut path)),
        GeometryValue::LineString { coordinates } => out.lines.push(path(coordinates)),
        GeometryValue::Point { coordinates } if coordinates.len() >= 2 => {
            let p = LonLat::new(coordinates[0], coordinates[1]);
            if p.is_finite() {
                bbox.extend(p);
                out.points.push(p);
            }
        }
        GeometryValue::MultiLineString { coordinates } => {
            out.lines.extend(coordinates.iter().map(&mut path))
        }
        GeometryValue::GeometryCollection { geometries } => {
            for g in geometries {
                add_geometry(g, out, bbox);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polygons_and_lines_with_names() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"广东省","name_en":"Guangdong"},
           "geometry":{"type":"Polygon","coordinates":[[[110,20],[117,20],[117,25],[110,25],[110,20]]]}},
          {"type":"Feature","properties":{"name":"西江"},
           "geometry":{"type":"LineString","coordinates":[[111,23],[112.5,23.1]]}}]}"#;
        let layer = parse_layer("provinces.geojson", text).expect("parses");
        assert_eq!(layer.kind, BaseKind::Provinces);
        assert_eq!(layer.features.len(), 2);
        assert_eq!(layer.features[0].rings[0].len(), 5);
        assert_eq!(layer.features[0].name_en.as_deref(), Some("Guangdong"));
        let centre = layer.features[0].label_at.expect("label position");
        assert!((centre.lon - 113.5).abs() < 1e-9 && (centre.lat - 22.5).abs() < 1e-9);
        assert_eq!(layer.features[1].lines.len(), 1);
        let places = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
          "properties":{"name":"广州","name_en":"Guangzhou","rank":1},
          "geometry":{"type":"Point","coordinates":[113.25,23.11667]}}]}"#;
        let layer = parse_layer("places.geojson", places).expect("parses");
        assert_eq!(
            layer.features[0].points,
            vec![LonLat::new(113.25, 23.11667)]
        );
        assert_eq!(layer.features[0].rank, Some(1));
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(parse_layer("rivers.geojson", "{").is_err());
        assert!(parse_layer("rivers.geojson", r#"{"type":"Point","coordinates":[1,2]}"#).is_err());
    }

    #[test]
    fn kind_comes_from_the_file_name() {
        assert_eq!(BaseKind::from_file_name("rivers.geojson"), BaseKind::Rivers);
        assert_eq!(BaseKind::from_file_name("land.geojson"), BaseKind::Land);
        assert_eq!(BaseKind::from_file_name("lakes.geojson"), BaseKind::Lakes);
        assert_eq!(
            BaseKind::from_file_name("province-lines.geojson"),
            BaseKind::Borders
        );
        assert_eq!(
            BaseKind::from_file_name("provinces.geojson"),
            BaseKind::Provinces
        );
        assert_eq!(BaseKind::from_file_name("places.geojson"), BaseKind::Places);
    }
}
