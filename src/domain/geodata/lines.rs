//! `routes.lines`: the routes' lines as the map draws them (each route's parts), derived
//! from a `routes.geojson` by redmap's own parser, so that the map's first frame shows the
//! study routes with no JSON reader in the main wasm module (issue 2: the first view's
//! size), next to the sites from `sites.points` ([`super::points`]).
//!
//! Like `sites.points` it names the GeoJSON it was made from (byte length and
//! [`super::points::SourceHash`]): a stale one is noticed by length before anything is drawn
//! (when the server says it), then by its lines ([`same_lines`]) and hash once the GeoJSON
//! is read, whose routes replace these lines in any case. The GeoJSON stays the data.
//!
//! Layout, little-endian: `RMLINES1`, u64 source length, u64 source hash, u32 route count,
//! then per route its parts as `domain::basemap::packed` stores a feature's paths (1e-5°
//! zigzag delta varints: one codec for both files).
//!
//! Pure Rust: bytes in, bytes out; a broken file is an error saying where, never a panic.

use super::points::hash_of;
use crate::domain::basemap::packed::{put_len, put_paths, Reader};
use crate::domain::model::{LonLat, Route};

const MAGIC: &[u8; 8] = b"RMLINES1";

/// Each route's parts, as the map draws them.
pub type Lines = Vec<Vec<Vec<LonLat>>>;

/// The decoded file: the source it names and each route's parts, in the parser's order.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteLines {
    pub source_len: u64,
    pub source_hash: u64,
    pub lines: Lines,
}

/// The file for the routes GeoJSON `source` (named `file` in issues), as redmap parses it:
/// the routes that load, in their order. Invalid UTF-8 gives a file of no routes.
pub fn from_geojson(file: &str, source: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(source).unwrap_or_default();
    let parsed = super::parse_routes(file, text);
    encode(source, &parsed.records)
}

/// Writes the file for `routes` (as parsed from `source`).
pub fn encode(source: &[u8], routes: &[Route]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(source.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash_of(source).to_le_bytes());
    out.extend(body(routes.iter().map(|r| r.path.as_slice())));
    out
}

/// The lines part of the file: the route count, then each route's parts.
fn body<'a>(routes: impl ExactSizeIterator<Item = &'a [Vec<LonLat>]>) -> Vec<u8> {
    let mut out = Vec::new();
    put_len(&mut out, routes.len());
    for parts in routes {
        put_paths(&mut out, parts, |p| *p);
    }
    out
}

/// Reads the file; an error says why it cannot be used (the caller then ignores it).
pub fn decode(bytes: &[u8]) -> Result<RouteLines, String> {
    if bytes.get(..8) != Some(MAGIC.as_slice()) {
        return Err("not a redmap routes.lines file".into());
    }
    let mut r = Reader::new(bytes, 8);
    let source_len = r.u64()?;
    let source_hash = r.u64()?;
    let mut lines = Vec::new();
    for _ in 0..r.len(4)? {
        lines.push(r.paths(|p| p)?);
    }
    r.end()?;
    Ok(RouteLines {
        source_len,
        source_hash,
        lines,
    })
}

/// Whether `drawn` (a decoded file's lines) are `routes`' lines, position for position at
/// the file's precision: what the map showed is what the GeoJSON has.
pub fn same_lines(drawn: &[Vec<Vec<LonLat>>], routes: &[Route]) -> bool {
    drawn.len() == routes.len()
        && body(drawn.iter().map(Vec::as_slice)) == body(routes.iter().map(|r| r.path.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTES: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","geometry":{"type":"LineString","coordinates":[[113.16,23.20111],[113.271333,23.1303389]]},
       "properties":{"id":"a","name":"甲","theme":"t","stops":[],"mode":"walk"}},
      {"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"bad"}},
      {"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[110,20],[111,21]],[[-179.99999,-85],[179.99999,85]]]},
       "properties":{"id":"b","name":"乙","theme":"t","stops":[],"mode":"walk"}}]}"#;

    fn parsed() -> Vec<Route> {
        super::super::parse_routes("routes.geojson", ROUTES).records
    }

    #[test]
    fn the_routes_that_load_come_back_within_a_metre() {
        let routes = parsed();
        assert_eq!(routes.len(), 2, "the Point feature is not a route");
        let bytes = from_geojson("routes.geojson", ROUTES.as_bytes());
        let back = decode(&bytes).expect("decodes");
        assert_eq!(back.source_len, ROUTES.len() as u64);
        assert_eq!(back.source_hash, hash_of(ROUTES.as_bytes()));
        assert_eq!(back.lines.len(), 2);
        assert_eq!(back.lines[1].len(), 2, "both parts of the MultiLineString");
        for (drawn, route) in back.lines.iter().zip(&routes) {
            for (p, q) in drawn.iter().flatten().zip(route.path.iter().flatten()) {
                assert!((p.lon - q.lon).abs() <= 0.5e-5 && (p.lat - q.lat).abs() <= 0.5e-5);
            }
        }
        assert!(same_lines(&back.lines, &routes));
        assert_eq!(decode(&encode(b"", &[])).map(|l| l.lines), Ok(vec![]));
    }

    #[test]
    fn other_lines_are_not_the_same() {
        let routes = parsed();
        let back = decode(&from_geojson("f", ROUTES.as_bytes())).expect("decodes");
        let mut moved = back.lines.clone();
        moved[0][0][1].lat += 1e-4;
        assert!(!same_lines(&moved, &routes));
        assert!(!same_lines(&back.lines[..1], &routes));
        let mut reversed = back.lines;
        reversed.reverse();
        assert!(!same_lines(&reversed, &routes));
    }

    #[test]
    fn broken_files_are_errors_saying_where() {
        let bytes = from_geojson("f", ROUTES.as_bytes());
        assert!(decode(b"RMPOINT1").is_err());
        assert!(decode(b"").is_err());
        for cut in [8, 20, 27, bytes.len() / 2, bytes.len() - 1] {
            let err = decode(&bytes[..cut]).expect_err("cut short");
            assert!(err.contains("byte"), "{cut}: {err}");
        }
        let mut padded = bytes.clone();
        padded.extend([0, 0]);
        assert_eq!(decode(&padded), Err("2 bytes left over at the end".into()));
        let mut huge = bytes;
        huge[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&huge)
            .expect_err("huge")
            .contains("more than the file holds"));
    }
}
