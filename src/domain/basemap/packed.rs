//! `basemap.bin`: the offline base map's layers (`geodata/basemap/*.geojson` as
//! [`super::parse_layer`] reads them, already projected to world coordinates) in one binary
//! file, so that the map's first frame draws the land with no JSON reader in the main wasm
//! module (issue 2: the first view's size) and without parsing 300 KB of GeoJSON first.
//! Written by `redmap-data basemap <dir>`; `tests/first_frame_files.rs` fails when the
//! committed file is not what today's GeoJSON and parser give.
//!
//! Layout, little-endian: `RMBASE01`, u32 layer count; per layer: u8 kind (its index in
//! [`BaseKind::ALL`]), u32 feature count; per feature: rings, then lines (each a u32 count,
//! then per path a u32 point count and its positions), points (u32 count, f64 lon, lat
//! pairs), a u8 of flags (1 rank, 2 name, 4 name_en, 8 label position) and the fields they
//! flag in that order: u32 rank, strings as u32 byte length + UTF-8, f64 lon, lat.
//!
//! A path's positions are lon, lat in units of 1e-5° (about 1 m, the precision of the
//! GeoJSON files), the first as is and each next one as the difference from the one before,
//! zigzag LEB128 varints: 4 bytes a position where f64 world coordinates took 16 (the file
//! is 4 times smaller, before and after gzip). Reading projects them as `parse_layer` does.
//!
//! Pure Rust: bytes in, bytes out; a broken file is an error saying where, never a panic.

use super::{BaseFeature, BaseKind, BaseLayer};
use crate::domain::geo::LonLat;
use crate::domain::projection::{lonlat_to_world, world_to_lonlat};

const MAGIC: &[u8; 8] = b"RMBASE01";
const RANK: u8 = 1;
const NAME: u8 = 2;
const NAME_EN: u8 = 4;
const LABEL: u8 = 8;
/// Path positions are stored in these units of a degree.
const PER_DEGREE: f64 = 1e5;

/// The file for `layers`, in their order (the drawing order).
pub fn encode(layers: &[BaseLayer]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_len(&mut out, layers.len());
    for layer in layers {
        let kind = BaseKind::ALL.iter().position(|k| *k == layer.kind);
        out.push(kind.unwrap_or(0) as u8);
        put_len(&mut out, layer.features.len());
        for f in &layer.features {
            feature(&mut out, f);
        }
    }
    out
}

fn feature(out: &mut Vec<u8>, f: &BaseFeature) {
    for paths in [&f.rings, &f.lines] {
        put_paths(out, paths, |p| world_to_lonlat(*p));
    }
    put_len(out, f.points.len());
    for p in &f.points {
        put_lonlat(out, *p);
    }
    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
    out.push(
        flag(f.rank.is_some(), RANK)
            | flag(f.name.is_some(), NAME)
            | flag(f.name_en.is_some(), NAME_EN)
            | flag(f.label_at.is_some(), LABEL),
    );
    if let Some(rank) = f.rank {
        out.extend_from_slice(&rank.to_le_bytes());
    }
    for name in [&f.name, &f.name_en].into_iter().flatten() {
        put_len(out, name.len());
        out.extend_from_slice(name.as_bytes());
    }
    if let Some(p) = f.label_at {
        put_lonlat(out, p);
    }
}

/// Paths as this file stores them: a u32 count, then per path a u32 point count and its
/// positions (`lonlat` of each point) as 1e-5° zigzag delta varints. Also the layout of
/// `routes.lines` (`domain::geodata::lines`): one codec for both files.
pub fn put_paths<T>(out: &mut Vec<u8>, paths: &[Vec<T>], lonlat: impl Fn(&T) -> LonLat) {
    put_len(out, paths.len());
    for path in paths {
        put_len(out, path.len());
        let mut last = (0i64, 0i64);
        for p in path {
            let ll = lonlat(p);
            let q = (quantise(ll.lon), quantise(ll.lat));
            put_varint(out, zigzag(q.0 - last.0));
            put_varint(out, zigzag(q.1 - last.1));
            last = q;
        }
    }
}

pub fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn quantise(degrees: f64) -> i64 {
    (degrees * PER_DEGREE).round() as i64
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_lonlat(out: &mut Vec<u8>, p: LonLat) {
    out.extend_from_slice(&p.lon.to_le_bytes());
    out.extend_from_slice(&p.lat.to_le_bytes());
}

/// Reads the file; an error says what is wrong and at which byte.
pub fn decode(bytes: &[u8]) -> Result<Vec<BaseLayer>, String> {
    if bytes.get(..8) != Some(MAGIC.as_slice()) {
        return Err("not a redmap basemap.bin file".into());
    }
    let mut r = Reader { bytes, at: 8 };
    let mut layers = Vec::new();
    for _ in 0..r.len(1)? {
        let at = r.at;
        let kind = BaseKind::ALL
            .get(r.u8()? as usize)
            .copied()
            .ok_or_else(|| format!("byte {at}: a layer kind this app does not know"))?;
        let mut features = Vec::new();
        for _ in 0..r.len(1)? {
            features.push(r.feature()?);
        }
        layers.push(BaseLayer { kind, features });
    }
    r.end()?;
    Ok(layers)
}

/// Reads this file's parts in order; every error says at which byte.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Reads `bytes` from byte `at` on.
    pub fn new(bytes: &'a [u8], at: usize) -> Self {
        Reader { bytes, at }
    }

    /// An error when bytes are left after the last part.
    pub fn end(&self) -> Result<(), String> {
        match self.bytes.len() - self.at {
            0 => Ok(()),
            n => Err(format!("{n} bytes left over at the end")),
        }
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let end = self.at + N;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| format!("cut short at byte {}", self.at))?;
        let mut a = [0u8; N];
        a.copy_from_slice(slice);
        self.at = end;
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take::<1>()?[0])
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take()?))
    }

    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take()?))
    }

    fn f64(&mut self) -> Result<f64, String> {
        Ok(f64::from_le_bytes(self.take()?))
    }

    fn varint(&mut self) -> Result<u64, String> {
        let at = self.at;
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("byte {at}: a number longer than 10 bytes"))
    }

    /// A count of items of at least `min_bytes` each: more than the bytes left is an error
    /// (so a broken count never asks for a huge allocation or a long loop).
    pub fn len(&mut self, min_bytes: usize) -> Result<usize, String> {
        let at = self.at;
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(format!(
                "byte {at}: a count of {n} is more than the file holds"
            ));
        }
        Ok(n)
    }

    fn lonlat(&mut self) -> Result<LonLat, String> {
        Ok(LonLat::new(self.f64()?, self.f64()?))
    }

    fn string(&mut self) -> Result<String, String> {
        let n = self.len(1)?;
        let at = self.at;
        let bytes = self.bytes[at..at + n].to_vec();
        self.at += n;
        String::from_utf8(bytes).map_err(|_| format!("byte {at}: a name that is not UTF-8"))
    }

    /// Paths as [`put_paths`] wrote them, each position made into a `T` by `point`.
    pub fn paths<T>(&mut self, point: impl Fn(LonLat) -> T) -> Result<Vec<Vec<T>>, String> {
        let mut paths = Vec::new();
        for _ in 0..self.len(4)? {
            let mut path = Vec::new();
            let mut q = (0i64, 0i64);
            for _ in 0..self.len(2)? {
                q.0 = q.0.wrapping_add(unzigzag(self.varint()?));
                q.1 = q.1.wrapping_add(unzigzag(self.varint()?));
                let (lon, lat) = (q.0 as f64 / PER_DEGREE, q.1 as f64 / PER_DEGREE);
                path.push(point(LonLat::new(lon, lat)));
            }
            paths.push(path);
        }
        Ok(paths)
    }

    fn feature(&mut self) -> Result<BaseFeature, String> {
        let rings = self.paths(lonlat_to_world)?;
        let lines = self.paths(lonlat_to_world)?;
        let mut points = Vec::new();
        for _ in 0..self.len(16)? {
            points.push(self.lonlat()?);
        }
        let flags = self.u8()?;
        let rank = if flags & RANK != 0 {
            Some(self.u32()?)
        } else {
            None
        };
        let name = if flags & NAME != 0 {
            Some(self.string()?)
        } else {
            None
        };
        let name_en = if flags & NAME_EN != 0 {
            Some(self.string()?)
        } else {
            None
        };
        let label_at = if flags & LABEL != 0 {
            Some(self.lonlat()?)
        } else {
            None
        };
        Ok(BaseFeature {
            rings,
            lines,
            points,
            rank,
            name,
            name_en,
            label_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::projection::WorldPoint;

    fn sample() -> Vec<BaseLayer> {
        let provinces = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"广东省","name_en":"Guangdong","rank":2},
           "geometry":{"type":"Polygon","coordinates":[[[110,20],[117,20],[117,25],[110,20]]]}},
          {"type":"Feature","properties":{},
           "geometry":{"type":"LineString","coordinates":[[111,23],[112.5,23.1]]}}]}"#;
        let places = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
          "properties":{"name":"广州"},"geometry":{"type":"Point","coordinates":[113.25,23.1]}}]}"#;
        vec![
            super::super::parse_layer("provinces.geojson", provinces).expect("parses"),
            super::super::parse_layer("places.geojson", places).expect("parses"),
        ]
    }

    #[test]
    fn layers_come_back_as_they_went_in() {
        let layers = sample();
        let back = decode(&encode(&layers)).expect("decodes");
        assert!(same_within_1m(&back, &layers), "{back:#?}");
        assert_eq!(decode(&encode(&[])), Ok(vec![]));
        // Encoding what was decoded gives the same bytes (the committed file is stable).
        assert_eq!(encode(&back), encode(&layers));
    }

    #[test]
    fn positions_keep_five_decimals_and_differences_of_any_size() {
        let path = |coords: &[(f64, f64)]| {
            let path = coords
                .iter()
                .map(|&(lon, lat)| lonlat_to_world(LonLat::new(lon, lat)))
                .collect();
            vec![BaseLayer {
                kind: BaseKind::Rivers,
                features: vec![BaseFeature {
                    lines: vec![path],
                    ..BaseFeature::default()
                }],
            }]
        };
        let coords = [
            (113.25, 23.11667),
            (-179.99999, -85.0),
            (179.99999, 85.0),
            (0.0, 0.0),
        ];
        let back = decode(&encode(&path(&coords))).expect("decodes");
        for (w, (lon, lat)) in back[0].features[0].lines[0].iter().zip(coords) {
            let p = world_to_lonlat(*w);
            assert!(
                (p.lon - lon).abs() < 1e-9 && (p.lat - lat).abs() < 1e-9,
                "{p:?}"
            );
        }
    }

    /// Same layers, positions within a metre or so (1e-5° rounding).
    pub fn same_within_1m(a: &[BaseLayer], b: &[BaseLayer]) -> bool {
        let near = |p: &WorldPoint, q: &WorldPoint| {
            let (p, q) = (world_to_lonlat(*p), world_to_lonlat(*q));
            (p.lon - q.lon).abs() <= 0.6e-5 && (p.lat - q.lat).abs() <= 0.6e-5
        };
        let paths = |a: &Vec<Vec<WorldPoint>>, b: &Vec<Vec<WorldPoint>>| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(a, b)| a.len() == b.len() && a.iter().zip(b).all(|(p, q)| near(p, q)))
        };
        a.len() == b.len()
            && a.iter().zip(b).all(|(a, b)| {
                a.kind == b.kind
                    && a.features.len() == b.features.len()
                    && a.features.iter().zip(&b.features).all(|(f, g)| {
                        paths(&f.rings, &g.rings)
                            && paths(&f.lines, &g.lines)
                            && (f.points.as_slice(), f.rank, &f.name, &f.name_en, f.label_at)
                                == (g.points.as_slice(), g.rank, &g.name, &g.name_en, g.label_at)
                    })
            })
    }

    #[test]
    fn broken_files_are_errors_saying_where() {
        let bytes = encode(&sample());
        assert!(decode(b"RMPOINT1").is_err());
        for cut in [8, 12, 20, bytes.len() / 2, bytes.len() - 1] {
            let err = decode(&bytes[..cut]).expect_err("cut short");
            assert!(err.contains("byte"), "{cut}: {err}");
        }
        let mut padded = bytes.clone();
        padded.push(0);
        assert_eq!(decode(&padded), Err("1 bytes left over at the end".into()));
        let mut huge = bytes.clone();
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&huge)
            .expect_err("huge")
            .contains("more than the file holds"));
        let mut kind = bytes;
        kind[12] = 200;
        assert!(decode(&kind).expect_err("kind").contains("kind"));
    }
}
