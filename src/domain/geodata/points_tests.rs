use super::*;
use crate::domain::geodata::parse_sites;

const SITES: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"a","name":"甲","kind":"museum","precision":{"level":"street","radius_m":208.5}},"geometry":{"type":"Point","coordinates":[113.123456,23.654321]}},
{"type":"Feature","properties":{"id":"bad","name":"无位置","kind":"museum"},"geometry":null},
{"type":"Feature","properties":{"id":"b","name":"乙","kind":"study_base","precision":{"level":"town"}},"geometry":{"type":"Point","coordinates":[100.1,30.2]}}
]}"#;

fn parsed() -> (Vec<Site>, Vec<usize>) {
    let p = parse_sites("sites.geojson", SITES);
    (p.records, p.origin.indices)
}

#[test]
fn round_trip_keeps_positions_kinds_and_precision_exactly() {
    let (sites, features) = parsed();
    assert_eq!(sites.len(), 2, "the feature without a position is left out");
    let bytes = encode(SITES.as_bytes(), &sites, &features);
    assert_eq!(bytes.len(), HEADER + PER_SITE * 2);
    let points = decode(&bytes).expect("decodes");
    assert_eq!(points.source_len, SITES.len() as u64);
    assert_eq!(points.source_hash, hash_of(SITES.as_bytes()));
    assert_eq!(points.features, vec![0, 2]);
    assert_eq!(points.positions[0], LonLat::new(113.123456, 23.654321));
    assert_eq!(points.marks[0].kind, SiteKind::Museum);
    assert_eq!(points.marks[0].radius_m(), Some(208.5));
    assert_eq!(points.marks[1].level, PrecisionLevel::Town);
    assert_eq!(points.marks[1].radius_m(), None);
    assert_eq!(points.marks[1].ring_radius_m(), 3_000.0);
    assert!(points.matches(&sites, &features));
}

#[test]
fn a_changed_site_no_longer_matches() {
    let (mut sites, features) = parsed();
    let points = decode(&encode(SITES.as_bytes(), &sites, &features)).expect("decodes");
    sites[1].position.lon += 1e-9;
    assert!(!points.matches(&sites, &features));
    sites.pop();
    assert!(!points.matches(&sites, &features[..1]));
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    let (sites, features) = parsed();
    let bytes = encode(SITES.as_bytes(), &sites, &features);
    assert!(decode(b"{}").is_err());
    assert!(decode(&bytes[..bytes.len() - 1]).is_err());
    let mut unknown_kind = bytes.clone();
    unknown_kind[HEADER + 20 * 2] = 200;
    assert!(decode(&unknown_kind).is_err());
}

#[test]
fn hash_is_the_same_in_any_pieces() {
    let text = SITES.as_bytes();
    for size in [1, 3, 7, 8, 9, 64, 1000] {
        let mut h = SourceHash::default();
        for piece in text.chunks(size) {
            h.update(piece);
        }
        assert_eq!(
            h.finish(),
            (hash_of(text), text.len() as u64),
            "pieces of {size}"
        );
    }
    assert_ne!(hash_of(b"abc"), hash_of(b"abd"));
    assert_ne!(hash_of(b"abc"), hash_of(b"abc\0"));
}
