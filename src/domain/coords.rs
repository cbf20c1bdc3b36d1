//! Chinese datum shifts: WGS-84 <-> GCJ-02 (Amap/Gaode, Tencent tiles) <-> BD-09 (Baidu).
//!
//! Our data is WGS-84 (RFC 7946). To draw over GCJ-02 or BD-09 tiles, positions must be
//! shifted into the tile's system first (once per dataset, not per frame); positions a
//! user copies from Amap or Baidu must be shifted back. The forward formulas are the
//! public ones (PRCoords, eviltransform, coordtransform); the inverses are found by
//! fixed-point iteration, to well under a millimetre. Outside `geo::in_china` every
//! conversion is the identity, as in those libraries.
//!
//! Depends only on `geo`. Must not depend on the data model or projection.

use super::geo::{in_china, LonLat};
use std::f64::consts::PI;

/// Krasovsky 1940 ellipsoid, which the GCJ-02 formula uses: semi-major axis and e².
const KRASOVSKY_A_M: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943; // f = 1/298.3, e² = 2f - f²

/// Baidu's constant shift (degrees) and the "x_pi" of its swirl.
const BD_DLON: f64 = 0.0065;
const BD_DLAT: f64 = 0.006;
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// 1e-9° is ~0.1 mm; the iteration converges in 3-5 steps. The cap only guards against
/// points right on the China-extent edge, where the forward map is discontinuous.
const INVERSE_EPS_DEG: f64 = 1e-9;
const INVERSE_MAX_STEPS: usize = 30;

/// The coordinate system a position is expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CoordSystem {
    /// GPS, GeoJSON, OpenStreetMap, Tianditu (CGCS2000 agrees to centimetres).
    #[default]
    Wgs84,
    /// China's obfuscated datum: Amap/Gaode, Tencent, Google Maps China.
    Gcj02,
    /// Baidu's datum: GCJ-02 plus a further shift.
    Bd09,
}

impl CoordSystem {
    /// Converts a position expressed in `self` to WGS-84.
    pub fn to_wgs84(self, p: LonLat) -> LonLat {
        match self {
            CoordSystem::Wgs84 => p,
            CoordSystem::Gcj02 => gcj02_to_wgs84(p),
            CoordSystem::Bd09 => gcj02_to_wgs84(bd09_to_gcj02(p)),
        }
    }

    /// Converts a WGS-84 position to `self`.
    pub fn from_wgs84(self, p: LonLat) -> LonLat {
        match self {
            CoordSystem::Wgs84 => p,
            CoordSystem::Gcj02 => wgs84_to_gcj02(p),
            CoordSystem::Bd09 => gcj02_to_bd09(wgs84_to_gcj02(p)),
        }
    }

    /// Converts between any two systems (through WGS-84).
    pub fn convert(from: CoordSystem, to: CoordSystem, p: LonLat) -> LonLat {
        if from == to {
            return p;
        }
        to.from_wgs84(from.to_wgs84(p))
    }
}

/// The GCJ-02 offsets in metres (north, east) at `x = lon - 105`, `y = lat - 35`.
fn gcj_offset_m(x: f64, y: f64) -> (f64, f64) {
    let wave_x = 20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin();
    let north_m = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + (wave_x
            + 20.0 * (y * PI).sin()
            + 40.0 * (y / 3.0 * PI).sin()
            + 160.0 * (y / 12.0 * PI).sin()
            + 320.0 * (y / 30.0 * PI).sin())
            * 2.0
            / 3.0;
    let east_m = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + (wave_x
            + 20.0 * (x * PI).sin()
            + 40.0 * (x / 3.0 * PI).sin()
            + 150.0 * (x / 12.0 * PI).sin()
            + 300.0 * (x / 30.0 * PI).sin())
            * 2.0
            / 3.0;
    (north_m, east_m)
}

/// WGS-84 -> GCJ-02 (the published forward formula). Identity outside China.
pub fn wgs84_to_gcj02(wgs: LonLat) -> LonLat {
    if !in_china(wgs) {
        return wgs;
    }
    let (north_m, east_m) = gcj_offset_m(wgs.lon - 105.0, wgs.lat - 35.0);
    let lat_rad = wgs.lat.to_radians();
    let magic = 1.0 - KRASOVSKY_EE * lat_rad.sin().powi(2);
    // Metres per degree of latitude / longitude on the Krasovsky ellipsoid.
    let m_per_deg_lat = (PI / 180.0) * KRASOVSKY_A_M * (1.0 - KRASOVSKY_EE) / magic.powf(1.5);
    let m_per_deg_lon = (PI / 180.0) * KRASOVSKY_A_M * lat_rad.cos() / magic.sqrt();
    LonLat::new(
        wgs.lon + east_m / m_per_deg_lon,
        wgs.lat + north_m / m_per_deg_lat,
    )
}

/// GCJ-02 -> WGS-84, inverting the forward formula by iteration (~0.1 mm).
pub fn gcj02_to_wgs84(gcj: LonLat) -> LonLat {
    if !in_china(gcj) {
        return gcj;
    }
    invert(gcj, wgs84_to_gcj02)
}

/// GCJ-02 -> BD-09 (Baidu's published forward formula). Identity outside China.
pub fn gcj02_to_bd09(gcj: LonLat) -> LonLat {
    if !in_china(gcj) {
        return gcj;
    }
    let (x, y) = (gcj.lon, gcj.lat);
    let r = x.hypot(y) + 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) + 0.000003 * (x * BD_X_PI).cos();
    LonLat::new(r * theta.cos() + BD_DLON, r * theta.sin() + BD_DLAT)
}

/// BD-09 -> GCJ-02, iterated like the GCJ inverse (the one-step textbook inverse is
/// only good to ~1e-7°, about a decimetre).
pub fn bd09_to_gcj02(bd: LonLat) -> LonLat {
    if !in_china(bd) {
        return bd;
    }
    invert(bd, gcj02_to_bd09)
}

/// Solves `forward(x) = target` by the fixed-point step `x -= forward(x) - target`,
/// which converges because both shifts are small and smooth (Caijun 2014 / PRCoords).
fn invert(target: LonLat, forward: fn(LonLat) -> LonLat) -> LonLat {
    let mut guess = target;
    for _ in 0..INVERSE_MAX_STEPS {
        let image = forward(guess);
        let (dlon, dlat) = (image.lon - target.lon, image.lat - target.lat);
        guess = LonLat::new(guess.lon - dlon, guess.lat - dlat);
        if dlon.abs().max(dlat.abs()) < INVERSE_EPS_DEG {
            break;
        }
    }
    guess
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::distance_m;

    fn assert_close(got: LonLat, want: LonLat, tol_deg: f64, what: &str) {
        let err = (got.lon - want.lon).abs().max((got.lat - want.lat).abs());
        assert!(
            err < tol_deg,
            "{what}: got {got:?}, want {want:?} (err {err:e})"
        );
    }

    /// googollee/eviltransform (MIT) go/transform_test.go: (WGS-84, GCJ-02) pairs,
    /// compared there to 5 decimals.
    const EVILTRANSFORM: [(LonLat, LonLat); 3] = [
        (
            LonLat::new(121.5272106, 31.1774276),
            LonLat::new(121.531541859215, 31.17530398364597),
        ),
        (
            LonLat::new(113.912316, 22.543847),
            LonLat::new(113.9171764808363, 22.540796131694766),
        ),
        (
            LonLat::new(116.377817, 39.911954),
            LonLat::new(116.38404722455657, 39.91334545536069),
        ),
    ];

    #[test]
    fn forward_gcj_matches_eviltransform() {
        for (wgs, gcj) in EVILTRANSFORM {
            assert_close(wgs84_to_gcj02(wgs), gcj, 1e-9, "wgs->gcj");
            // Their exact inverse is tested to 0.5 m; ours is far tighter.
            assert!(distance_m(gcj02_to_wgs84(gcj), wgs) < 0.001);
        }
    }

    /// hujiulong/gcoord (MIT) test/unit/crs/{WGS84,GCJ02,BD09}.spec.ts, at (123, 45),
    /// compared there with toBeCloseTo(_, 5), i.e. |error| < 5e-6.
    #[test]
    fn matches_gcoord_vectors() {
        let p = LonLat::new(123.0, 45.0);
        let cases = [
            (
                CoordSystem::Wgs84,
                CoordSystem::Gcj02,
                LonLat::new(123.00607541, 45.00197815),
            ),
            (
                CoordSystem::Wgs84,
                CoordSystem::Bd09,
                LonLat::new(123.0124491, 45.0083293),
            ),
            (
                CoordSystem::Gcj02,
                CoordSystem::Wgs84,
                LonLat::new(122.99395597, 44.99804071),
            ),
            (
                CoordSystem::Gcj02,
                CoordSystem::Bd09,
                LonLat::new(123.00636499, 45.00636899),
            ),
            (
                CoordSystem::Bd09,
                CoordSystem::Gcj02,
                LonLat::new(122.99363304, 44.99365430),
            ),
            (
                CoordSystem::Bd09,
                CoordSystem::Wgs84,
                LonLat::new(122.98762210, 44.99171540),
            ),
        ];
        for (from, to, want) in cases {
            let what = format!("{from:?}->{to:?}");
            assert_close(CoordSystem::convert(from, to, p), want, 5e-6, &what);
        }
    }

    /// A 5x5 grid of ±0.25° around each of our study areas.
    fn grid_around(center: LonLat) -> impl Iterator<Item = LonLat> {
        (0..25).map(move |i| {
            let (dx, dy) = ((i % 5) as f64 - 2.0, (i / 5) as f64 - 2.0);
            LonLat::new(center.lon + dx * 0.125, center.lat + dy * 0.125)
        })
    }

    const STUDY_AREAS: [LonLat; 3] = [
        LonLat::new(113.1, 23.0),   // Nanhai
        LonLat::new(112.46, 23.05), // Zhaoqing
        LonLat::new(106.02, 27.04), // Qianxi
    ];

    #[test]
    fn round_trips_within_a_millimetre() {
        for p in STUDY_AREAS.into_iter().flat_map(grid_around) {
            for system in [CoordSystem::Gcj02, CoordSystem::Bd09] {
                let back = system.to_wgs84(system.from_wgs84(p));
                let err_m = distance_m(back, p);
                assert!(err_m < 0.001, "{system:?} at {p:?}: {err_m} m");
                let forth = system.from_wgs84(system.to_wgs84(p));
                assert!(distance_m(forth, p) < 0.001, "{system:?} inverse at {p:?}");
            }
        }
    }

    /// toolchain.md says "~520-625 m" GCJ and "~1.0-1.3 km" BD around these areas.
    /// Measured (centre; 5x5 grid): Nanhai 629 m (604-634), Zhaoqing 612 m (597-617),
    /// Qianxi 522 m (514-529); BD 1280 / 1264 / 1046 m (1010-1282). So the doc's GCJ
    /// range is right to ~2 %; Nanhai's centre sits just above it.
    #[test]
    fn offsets_have_the_documented_size() {
        for p in STUDY_AREAS.into_iter().flat_map(grid_around) {
            let gcj_m = distance_m(p, wgs84_to_gcj02(p));
            assert!(
                (505.0..640.0).contains(&gcj_m),
                "GCJ offset {gcj_m} m at {p:?}"
            );
            let bd_m = distance_m(p, CoordSystem::Bd09.from_wgs84(p));
            assert!(
                (1000.0..1300.0).contains(&bd_m),
                "BD offset {bd_m} m at {p:?}"
            );
        }
    }

    #[test]
    fn identity_outside_china() {
        let paris = LonLat::new(2.35, 48.86);
        for system in [CoordSystem::Wgs84, CoordSystem::Gcj02, CoordSystem::Bd09] {
            assert_eq!(system.from_wgs84(paris), paris);
            assert_eq!(system.to_wgs84(paris), paris);
        }
        let nan = LonLat::new(f64::NAN, 23.0);
        assert!(
            !CoordSystem::Gcj02.to_wgs84(nan).is_finite(),
            "NaN in, NaN out, no hang"
        );
    }
}
