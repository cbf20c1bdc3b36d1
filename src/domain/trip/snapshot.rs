//! The map of the printed handout. It is drawn for the page, not copied from the screen: a
//! copy of the screen's canvas was a blurry upscaled close-up for a one-town trip (its stops
//! at one point, cut out at 180 px and printed 19 cm wide) and showed whatever else was on
//! screen (a selected route's line). So the handout's map has its own view: the size of the
//! page's map box, drawn at print resolution, fitted to the stops' uncertainty rings (a stop
//! placed at its town's centre ±5 km is somewhere in that ring, and the ring is what the map
//! must show), with room for the numbered badges.
//!
//! Pure geometry. Must not depend on the UI.

use crate::domain::geo::{BBox, LonLat};
use crate::domain::projection::ScreenPoint;
use crate::domain::viewport::Viewport;

/// The handout's map box, CSS px: 186 mm x 93 mm at 96 px per inch (A4 less its margins,
/// 2:1; `app.css` `.handout-map`).
pub const HANDOUT_MAP_W_PX: f64 = 704.0;
pub const HANDOUT_MAP_H_PX: f64 = 352.0;
/// Device px per CSS px of the handout's map: 3 is ~290 dpi on paper (at least the
/// screen's own ratio).
pub const HANDOUT_MIN_DPR: f64 = 3.0;
/// Space kept around the rings, px.
pub const MARGIN_PX: f64 = 16.0;
/// The closest the handout zooms (a single exactly placed stop: its street).
pub const HANDOUT_MAX_ZOOM: f64 = 16.0;
/// Metres per degree of latitude (and of longitude at the equator).
const M_PER_DEG: f64 = 111_195.08;

/// A stop's numbered badge is drawn this far below the stop, px.
pub const BADGE_BELOW_PX: f64 = 18.0;
/// Badges of stops sharing a position fan out to the right by this much each, px.
pub const BADGE_FAN_PX: f64 = 20.0;
/// Half a badge's side with its white edge, px.
pub const BADGE_REACH_PX: f64 = 11.0;

/// Where each stop's numbered badge is drawn (its centre): below the stop, the badges of
/// stops at one position (a town point) fanned out to the right. The map's trip layer
/// draws them here and the handout's cut keeps them whole (stop 3 of a Xiqiao trip, fanned
/// past the margin, was cut off).
pub fn badge_centres(stops: &[ScreenPoint]) -> Vec<ScreenPoint> {
    stops
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let same_before = stops[..k]
                .iter()
                .filter(|q| (q.x_px - p.x_px).hypot(q.y_px - p.y_px) < 1.0)
                .count();
            ScreenPoint {
                x_px: p.x_px + BADGE_FAN_PX * same_before as f64,
                y_px: p.y_px + BADGE_BELOW_PX,
            }
        })
        .collect()
}

/// The box holding every stop's ring: `stops` are (position, ring radius m); non-finite
/// positions are left out, a non-finite radius counts as none.
pub fn ring_bounds(stops: &[(LonLat, f64)]) -> BBox {
    let mut bbox = BBox::empty();
    for &(p, r) in stops {
        if !p.is_finite() {
            continue;
        }
        let r = if r.is_finite() { r.max(0.0) } else { 0.0 };
        let dlat = r / M_PER_DEG;
        let dlon = r / (M_PER_DEG * p.lat.to_radians().cos().max(0.01));
        bbox.extend(LonLat::new(p.lon - dlon, p.lat - dlat));
        bbox.extend(LonLat::new(p.lon + dlon, p.lat + dlat));
    }
    bbox
}

/// The handout map's view: [`HANDOUT_MAP_W_PX`] x [`HANDOUT_MAP_H_PX`] at `dpr` (at least
/// [`HANDOUT_MIN_DPR`]), fitted to the stops' rings with room for the badges (below each
/// stop, and fanned out to the right where stops share a position); `None` without a stop.
pub fn handout_view(stops: &[(LonLat, f64)], dpr: f64) -> Option<Viewport> {
    let bbox = ring_bounds(stops);
    if bbox.is_empty() {
        return None;
    }
    let dpr = if dpr.is_finite() {
        dpr.max(HANDOUT_MIN_DPR)
    } else {
        HANDOUT_MIN_DPR
    };
    let blank = Viewport::new(
        bbox.center()?,
        HANDOUT_MAX_ZOOM,
        HANDOUT_MAP_W_PX,
        HANDOUT_MAP_H_PX,
        dpr,
    );
    let fit = |padding: f64| {
        let fitted = blank.fit_bounds(&bbox, padding);
        fitted.with_zoom(fitted.zoom.min(HANDOUT_MAX_ZOOM))
    };
    // Room for the badge under each stop; where stops sharing a position fan their badges
    // out past the right edge, room for those too.
    let below = MARGIN_PX + BADGE_BELOW_PX + BADGE_REACH_PX;
    let v = fit(below);
    let points: Vec<ScreenPoint> = stops.iter().map(|(p, _)| v.lonlat_to_screen(*p)).collect();
    let reach = badge_centres(&points)
        .iter()
        .map(|b| b.x_px + BADGE_REACH_PX + MARGIN_PX - v.width_px)
        .fold(0.0, f64::max);
    if reach <= 0.0 {
        return Some(v);
    }
    Some(fit(below + reach))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::projection::metres_per_px;

    /// The 西樵镇 town point, where the four Xiqiao stops are placed (±5 km).
    const XIQIAO: LonLat = LonLat {
        lon: 112.96738,
        lat: 22.94614,
    };

    /// Whether the ring of `radius_m` around `p` is whole inside the view (with `margin`).
    fn ring_inside(v: &Viewport, p: LonLat, radius_m: f64, margin: f64) -> bool {
        let c = v.lonlat_to_screen(p);
        let r = radius_m / metres_per_px(v.center.lat, v.zoom);
        c.x_px - r >= margin
            && c.y_px - r >= margin
            && c.x_px + r <= v.width_px - margin
            && c.y_px + r <= v.height_px - margin
    }

    #[test]
    fn a_one_town_trip_is_fitted_to_its_ring_not_to_a_point() {
        let stops = [(XIQIAO, 5_000.0); 4];
        let v = handout_view(&stops, 1.0).expect("a view");
        assert_eq!(
            (v.width_px, v.height_px),
            (HANDOUT_MAP_W_PX, HANDOUT_MAP_H_PX)
        );
        // Drawn at print resolution whatever the screen.
        assert_eq!(v.dpr, HANDOUT_MIN_DPR);
        assert_eq!(handout_view(&stops, 4.0).map(|v| v.dpr), Some(4.0));
        // The whole ±5 km ring is on the map, and it fills most of its height (not a
        // close-up at zoom 14 where the ring is far off the page).
        assert!(ring_inside(&v, XIQIAO, 5_000.0, MARGIN_PX), "{v:?}");
        let r_px = 5_000.0 / metres_per_px(v.center.lat, v.zoom);
        assert!(r_px > 0.3 * HANDOUT_MAP_H_PX, "{r_px} px at z{}", v.zoom);
        // The four badges fan out right of the point and stay on the map.
        let at = v.lonlat_to_screen(XIQIAO);
        assert!(at.x_px + 3.0 * BADGE_FAN_PX + BADGE_REACH_PX < v.width_px);
    }

    #[test]
    fn stops_far_apart_keep_every_ring_whole() {
        // Route 1: 中共南三花工委 (±6 km), 农讲所 (±100 m), 西樵山 (±5 km).
        let stops = [
            (LonLat::new(113.0147, 23.3486), 6_000.0),
            (LonLat::new(113.271333, 23.1303389), 100.0),
            (XIQIAO, 5_000.0),
        ];
        let v = handout_view(&stops, 2.0).expect("a view");
        for (p, r) in stops {
            assert!(ring_inside(&v, p, r, 0.0), "{p:?} ±{r} off {v:?}");
        }
    }

    #[test]
    fn one_exact_stop_is_shown_at_street_level_and_no_stop_has_no_view() {
        let v = handout_view(&[(LonLat::new(113.27, 23.13), 20.0)], 2.0).expect("a view");
        assert_eq!(v.zoom, HANDOUT_MAX_ZOOM);
        assert_eq!(handout_view(&[], 2.0), None);
        assert_eq!(
            handout_view(&[(LonLat::new(f64::NAN, 1.0), 10.0)], 2.0),
            None
        );
        // A bad radius counts as none, not as an infinite box.
        let v = handout_view(&[(XIQIAO, f64::INFINITY)], f64::NAN).expect("a view");
        assert_eq!((v.zoom, v.dpr), (HANDOUT_MAX_ZOOM, HANDOUT_MIN_DPR));
    }

    #[test]
    fn badges_of_stops_at_one_point_fan_out() {
        let x = ScreenPoint {
            x_px: 500.0,
            y_px: 400.0,
        };
        let b = badge_centres(&[
            ScreenPoint {
                x_px: 300.0,
                y_px: 200.0,
            },
            x,
            x,
            x,
        ]);
        assert_eq!(b[0].y_px, 200.0 + BADGE_BELOW_PX);
        assert_eq!(
            b[1..].iter().map(|c| c.x_px).collect::<Vec<_>>(),
            [500.0, 520.0, 540.0]
        );
    }
}
