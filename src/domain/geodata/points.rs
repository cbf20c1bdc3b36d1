//! `sites.points`: a compact index of what the map draws of each site (position, kind,
//! precision), derived from a `sites.geojson` by redmap's own parser, so that the first
//! frame does not wait for the whole GeoJSON (75 MB at 100k sites) to be parsed. The
//! vector-tile / FlatGeobuf idea, at its smallest: 26 bytes a site.
//!
//! It names the GeoJSON it was made from (byte length and [`SourceHash`]), so a stale one is
//! noticed: by length before anything is drawn (when the server says the length), by hash
//! and record by record ([`SitePoints::matches`]) once the GeoJSON is parsed. The GeoJSON
//! stays the data; this file only lets the map show it sooner.
//!
//! Layout, little-endian: `RMPOINT1`, u64 source length, u64 source hash, u32 count, then
//! one column after another: u32 feature index, f64 lon, f64 lat, u8 kind, u8 precision
//! level (their index in `SiteKind::ALL` / `PrecisionLevel::ALL`), f32 radius in metres
//! (NaN: none given).
//!
//! Pure Rust: bytes in, bytes out.

use crate::domain::model::{LonLat, PrecisionLevel, Site, SiteKind, SiteMark};

const MAGIC: &[u8; 8] = b"RMPOINT1";
const HEADER: usize = 8 + 8 + 8 + 4;
const PER_SITE: usize = 4 + 8 + 8 + 1 + 1 + 4;

/// The decoded file: the source it names and, per site in the order the parser keeps them,
/// its feature index, position and mark.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePoints {
    pub source_len: u64,
    pub source_hash: u64,
    pub features: Vec<u32>,
    pub positions: Vec<LonLat>,
    pub marks: Vec<SiteMark>,
}

/// A hash of a file's bytes that can be fed in pieces (a fetch body's chunks): the rustc
/// "Fx" mix over 8-byte words, then the length. Not cryptographic: it tells versions of one
/// file apart, it does not defend against anyone.
#[derive(Debug, Clone, Default)]
pub struct SourceHash {
    hash: u64,
    len: u64,
    pending: [u8; 8],
    pending_len: usize,
}

impl SourceHash {
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.pending_len > 0 {
            let take = (8 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.pending));
            self.pending_len = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            self.word(u64::from_le_bytes(a));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    fn word(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    /// The hash and length of everything fed in.
    pub fn finish(mut self) -> (u64, u64) {
        let mut last = [0u8; 8];
        last[..self.pending_len].copy_from_slice(&self.pending[..self.pending_len]);
        self.word(u64::from_le_bytes(last));
        self.word(self.len);
        (self.hash, self.len)
    }
}

/// The hash of a whole file.
pub fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = SourceHash::default();
    h.update(bytes);
    h.finish().0
}

/// The file for the sites GeoJSON `source` (named `file` in issues), as redmap parses it:
/// the sites that load, in their order. Invalid UTF-8 gives a file of no sites.
pub fn from_geojson(file: &str, source: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(source).unwrap_or_default();
    let parsed = super::parse_sites(file, text);
    encode(source, &parsed.records, &parsed.origin.indices)
}

/// Writes the file for `sites` (as parsed from `source`; `features[i]` is site `i`'s
/// index in the GeoJSON's feature list).
pub fn encode(source: &[u8], sites: &[Site], features: &[usize]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + PER_SITE * sites.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(source.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash_of(source).to_le_bytes());
    out.extend_from_slice(&(sites.len() as u32).to_le_bytes());
    for i in 0..sites.len() {
        let f = features.get(i).copied().unwrap_or(i) as u32;
        out.extend_from_slice(&f.to_le_bytes());
    }
    for s in sites {
        out.extend_from_slice(&s.position.lon.to_le_bytes());
    }
    for s in sites {
        out.extend_from_slice(&s.position.lat.to_le_bytes());
    }
    let marks: Vec<SiteMark> = sites.iter().map(SiteMark::of).collect();
    out.extend(marks.iter().map(|m| index_of(SiteKind::ALL, m.kind)));
    out.extend(marks.iter().map(|m| index_of(PrecisionLevel::ALL, m.level)));
    for m in &marks {
        out.extend_from_slice(&m.radius_m().unwrap_or(f32::NAN).to_le_bytes());
    }
    out
}

fn index_of<T: PartialEq>(all: &[T], v: T) -> u8 {
    all.iter().position(|x| *x == v).unwrap_or(0) as u8
}

/// Reads the file; an error says why it cannot be used (the caller then ignores it).
pub fn decode(bytes: &[u8]) -> Result<SitePoints, String> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("not a redmap sites.points file".into());
    }
    let u64_at = |at: usize| u64::from_le_bytes(array(&bytes[at..at + 8]));
    let count = u32::from_le_bytes(array(&bytes[24..28])) as usize;
    if bytes.len() != HEADER + PER_SITE * count {
        return Err(format!(
            "{} bytes for {count} sites: cut short or padded",
            bytes.len()
        ));
    }
    let column = |start: usize, width: usize| {
        bytes[HEADER + start * count..HEADER + (start + width) * count].chunks_exact(width)
    };
    let features: Vec<u32> = column(0, 4).map(|b| u32::from_le_bytes(array(b))).collect();
    let lon = column(4, 8).map(|b| f64::from_le_bytes(array(b)));
    let lat = column(12, 8).map(|b| f64::from_le_bytes(array(b)));
    let positions: Vec<LonLat> = lon
        .zip(lat)
        .map(|(lon, lat)| LonLat::new(lon, lat))
        .collect();
    let kinds = column(20, 1).map(|b| SiteKind::ALL.get(b[0] as usize).copied());
    let levels = column(21, 1).map(|b| PrecisionLevel::ALL.get(b[0] as usize).copied());
    let radii = column(22, 4).map(|b| f32::from_le_bytes(array(b)));
    let marks: Option<Vec<SiteMark>> = kinds
        .zip(levels)
        .zip(radii)
        .map(|((kind, level), r)| Some(SiteMark::new(kind?, level?, (!r.is_nan()).then_some(r))))
        .collect();
    let marks = marks.ok_or("a site kind or precision level this app does not know")?;
    if !positions.iter().all(|p| p.is_finite()) || !features.windows(2).all(|w| w[0] < w[1]) {
        return Err("positions or feature order not as the parser writes them".into());
    }
    Ok(SitePoints {
        source_len: u64_at(8),
        source_hash: u64_at(16),
        features,
        positions,
        marks,
    })
}

fn array<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}

impl SitePoints {
    /// Whether the parsed `sites` (with their feature indices) are exactly what this file
    /// says: same count, feature indices, positions (to the bit), kinds and precision.
    pub fn matches(&self, sites: &[Site], features: &[usize]) -> bool {
        same_sites(
            &self.features,
            &self.positions,
            &self.marks,
            sites,
            features,
        )
    }
}

/// [`SitePoints::matches`] on its parts (the app keeps the positions and marks in what the
/// map draws, and the feature indices apart).
pub fn same_sites(
    points_features: &[u32],
    positions: &[LonLat],
    marks: &[SiteMark],
    sites: &[Site],
    features: &[usize],
) -> bool {
    let n = sites.len();
    [
        points_features.len(),
        positions.len(),
        marks.len(),
        features.len(),
    ] == [n; 4]
        && sites.iter().enumerate().all(|(i, s)| {
            points_features[i] as usize == features[i]
                && s.position.lon.to_bits() == positions[i].lon.to_bits()
                && s.position.lat.to_bits() == positions[i].lat.to_bits()
                && SiteMark::of(s) == marks[i]
        })
}

#[cfg(test)]
#[path = "points_tests.rs"]
mod tests;
