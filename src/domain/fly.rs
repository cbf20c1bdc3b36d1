//! Animated camera moves: "fly to" a site along the optimal zoom-out / pan / zoom-in
//! path of van Wijk & Nuij, "Smooth and efficient zooming and panning" (InfoVis 2003),
//! the same curve as MapLibre's `flyTo`. The user keeps their bearings because the map
//! zooms out just enough to see both ends of a long jump.
//!
//! Pure: the UI asks for the viewport at `t` in 0..=1 (after easing) on each animation
//! frame. Depends on `projection` and `viewport`; must not touch timers or the UI.

use super::geo::LonLat;
use super::projection::{world_size_px, world_to_lonlat, WorldPoint};
use super::viewport::Viewport;

/// Curvature ρ: how far the path zooms out. 1.42 is the paper's user-study optimum and
/// MapLibre's default.
const RHO: f64 = 1.42;
/// Average speed in screenfuls per second along the path (MapLibre's `speed` default).
const SCREENFULS_PER_S: f64 = 1.2;
/// Longest animation we allow, ms; a China-wide jump should not take more than this.
const MAX_DURATION_MS: f64 = 3000.0;

/// A precomputed flight; `at(t)` is cheap enough to call every frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlyPath {
    from: Viewport,
    to: Viewport,
    from_world: WorldPoint,
    delta_world: WorldPoint,
    r0: f64,
    /// Total path length S in units of the starting screen size.
    length: f64,
    /// Pure zoom (no pan): the span changes as exp(k ρ s) instead of the cosh curve.
    zoom_only_sign: Option<f64>,
}

impl FlyPath {
    pub fn new(from: &Viewport, to_center: LonLat, to_zoom: f64) -> Self {
        let to = Viewport::new(to_center, to_zoom, from.width_px, from.height_px, from.dpr);
        let from_world = from.center_world();
        let mut delta_world = WorldPoint {
            x: to.center_world().x - from_world.x,
            y: to.center_world().y - from_world.y,
        };
        // Take the short way round the antimeridian.
        delta_world.x -= delta_world.x.round();
        // Span of the screen in start-zoom px, now (w0) and at the end (w1); distance u1.
        let w0 = from.width_px.max(from.height_px).max(1.0);
        let w1 = w0 / (to.zoom - from.zoom).exp2();
        let u1 = delta_world.x.hypot(delta_world.y) * world_size_px(from.zoom);
        let r = |end: bool| {
            let (w, sign) = if end { (w1, -1.0) } else { (w0, 1.0) };
            let b = (w1 * w1 - w0 * w0 + sign * RHO.powi(4) * u1 * u1) / (2.0 * w * RHO * RHO * u1);
            ((b * b + 1.0).sqrt() - b).ln()
        };
        let (r0, r1) = (r(false), r(true));
        let length = (r1 - r0) / RHO;
        if u1 < 1e-6 || !length.is_finite() {
            let sign = if w1 < w0 { -1.0 } else { 1.0 };
            let length = (w1 / w0).ln().abs() / RHO;
            let path = FlyPath {
                from: *from,
                to,
                from_world,
                delta_world,
                r0: 0.0,
                length,
                zoom_only_sign: Some(sign),
            };
            return path;
        }
        FlyPath {
            from: *from,
            to,
            from_world,
            delta_world,
            r0,
            length,
            zoom_only_sign: None,
        }
    }

    /// How long the flight should take, ms (proportional to path length, capped).
    pub fn duration_ms(&self) -> f64 {
        (1000.0 * self.length / SCREENFULS_PER_S).min(MAX_DURATION_MS)
    }

    /// The camera at `t` (clamped to 0..=1): exactly `from` at 0, exactly the target at 1.
    pub fn at(&self, t: f64) -> Viewport {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            1.0
        };
        if t <= 0.0 {
            return self.from;
        }
        if t >= 1.0 || self.length <= 0.0 {
            return self.to;
        }
        let s = t * self.length;
        let (span, progress) = match self.zoom_only_sign {
            // Same centre: only the zoom moves; the centre glides linearly for tiny offsets.
            Some(sign) => ((sign * RHO * s).exp(), t),
            None => {
                let (r0, rs) = (self.r0, self.r0 + RHO * s);
                let span = r0.cosh() / rs.cosh();
                let u1 = self.delta_world.x.hypot(self.delta_world.y) * self.from.world_size_px();
                let w0 = self.from.width_px.max(self.from.height_px).max(1.0);
                let travelled = w0 * (r0.cosh() * rs.tanh() - r0.sinh()) / (RHO * RHO);
                (span, travelled / u1)
            }
        };
        let center = WorldPoint {
            x: self.from_world.x + self.delta_world.x * progress,
            y: self.from_world.y + self.delta_world.y * progress,
        };
        let zoom = self.from.zoom - span.log2();
        self.from
            .with_center(world_to_lonlat(center))
            .with_zoom(zoom)
    }
}

/// The viewport at `t` of a flight from `from` to (`to_center`, `to_zoom`); see `FlyPath`
/// (build one `FlyPath` per animation to avoid recomputing the curve each frame).
pub fn fly_to(from: &Viewport, to_center: LonLat, to_zoom: f64, t: f64) -> Viewport {
    FlyPath::new(from, to_center, to_zoom).at(t)
}

/// Cubic ease-in-out, for mapping elapsed/duration to `t`.
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NANHAI: LonLat = LonLat::new(113.1, 23.0);
    const QIANXI: LonLat = LonLat::new(106.02, 27.04);

    fn start() -> Viewport {
        Viewport::new(NANHAI, 13.0, 1280.0, 800.0, 1.0)
    }

    #[test]
    fn endpoints_are_exact() {
        let from = start();
        assert_eq!(fly_to(&from, QIANXI, 14.0, 0.0), from);
        let end = fly_to(&from, QIANXI, 14.0, 1.0);
        assert_eq!(end, Viewport::new(QIANXI, 14.0, 1280.0, 800.0, 1.0));
        assert_eq!(fly_to(&from, QIANXI, 14.0, 7.0), end, "t is clamped");
        // Continuity at the ends: t = 1e-6 is a hair from `from`, 1 - 1e-6 a hair from the end.
        let near_end = fly_to(&from, QIANXI, 14.0, 1.0 - 1e-6);
        assert!(
            (near_end.zoom - 14.0).abs() < 1e-3 && (near_end.center.lon - QIANXI.lon).abs() < 1e-3
        );
        let near_start = fly_to(&from, QIANXI, 14.0, 1e-6);
        assert!((near_start.zoom - 13.0).abs() < 1e-3);
    }

    #[test]
    fn long_jumps_zoom_out_in_the_middle() {
        let path = FlyPath::new(&start(), QIANXI, 13.0);
        let mid = path.at(0.5);
        assert!(mid.zoom < 9.0, "mid-flight zoom {}", mid.zoom);
        // Halfway along the path is halfway in space too (the curve is symmetric here).
        assert!((mid.center.lon - (NANHAI.lon + QIANXI.lon) / 2.0).abs() < 0.3);
        let d = path.duration_ms();
        assert!(d > 500.0 && d <= MAX_DURATION_MS, "{d}");
        // Zoom never overshoots the ends and the centre moves monotonically west.
        let mut last_lon = NANHAI.lon;
        for i in 1..=20 {
            let v = path.at(f64::from(i) / 20.0);
            assert!(v.zoom <= 13.0 + 1e-9 && v.center.lon <= last_lon + 1e-9);
            last_lon = v.center.lon;
        }
    }

    #[test]
    fn pure_zoom_and_no_move() {
        let from = start();
        let zoom_in = FlyPath::new(&from, NANHAI, 16.0);
        let mid = zoom_in.at(0.5);
        assert!(mid.zoom > 13.0 && mid.zoom < 16.0);
        assert!((mid.center.lon - NANHAI.lon).abs() < 1e-9);
        let still = FlyPath::new(&from, from.center, from.zoom);
        assert_eq!(still.at(0.5), from.with_center(from.center));
        assert_eq!(still.duration_ms(), 0.0);
        let zero = Viewport::new(NANHAI, 5.0, 0.0, 0.0, 1.0);
        assert!(fly_to(&zero, QIANXI, 10.0, 0.5).zoom.is_finite());
        assert_eq!(
            fly_to(&from, QIANXI, 14.0, f64::NAN),
            fly_to(&from, QIANXI, 14.0, 1.0)
        );
    }

    #[test]
    fn easing() {
        assert_eq!(ease_in_out(0.0), 0.0);
        assert_eq!(ease_in_out(1.0), 1.0);
        assert_eq!(ease_in_out(0.5), 0.5);
        assert!(ease_in_out(0.25) < 0.25 && ease_in_out(0.75) > 0.75);
    }
}
