//! Which part of the map canvas the printed handout shows. The handout copies the map as it
//! is on screen after fitting it to the trip; on a phone that canvas is a tall narrow strip
//! (390 px wide, three times as tall), which printed as a strip in the middle of the A4 page.
//! So the copy is cut to the trip's stops plus a margin, widened towards a landscape shape
//! as far as the canvas allows, and never smaller than a readable minimum.
//!
//! Pure geometry in CSS px of the canvas. Must not depend on the UI.

use crate::domain::projection::ScreenPoint;

/// A rectangle of the canvas, CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CropRect {
    pub left_px: f64,
    pub top_px: f64,
    pub width_px: f64,
    pub height_px: f64,
}

/// Space kept around the stops, px (their markers and number badges).
pub const MARGIN_PX: f64 = 48.0;
/// The shape aimed for: width / height (the handout's map box is about 190 x 95 mm).
pub const ASPECT: f64 = 1.6;
/// The smallest cut, px (a one-stop trip still shows its surroundings).
pub const MIN_HEIGHT_PX: f64 = 180.0;

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

/// The part of a `width_px` x `height_px` canvas to copy for stops at `stops` (screen
/// positions; those off the canvas or not finite are ignored), with their badges
/// ([`badge_centres`]). `None` when no stop is on it (then the whole canvas is copied).
pub fn handout_crop(stops: &[ScreenPoint], width_px: f64, height_px: f64) -> Option<CropRect> {
    let on = |p: &&ScreenPoint| {
        p.x_px.is_finite()
            && p.y_px.is_finite()
            && (0.0..=width_px).contains(&p.x_px)
            && (0.0..=height_px).contains(&p.y_px)
    };
    if !stops.iter().any(|p| on(&p)) || width_px <= 0.0 || height_px <= 0.0 {
        return None;
    }
    // The badges of the stops on the canvas (counted among all, as the map fans them).
    let badges = badge_centres(stops);
    let mut seen: Vec<ScreenPoint> = Vec::new();
    for (p, b) in stops.iter().zip(&badges) {
        if on(&p) {
            seen.push(*p);
            for (dx, dy) in [(-1.0, -1.0), (1.0, 1.0)] {
                seen.push(ScreenPoint {
                    x_px: (b.x_px + dx * BADGE_REACH_PX).clamp(0.0, width_px),
                    y_px: (b.y_px + dy * BADGE_REACH_PX).clamp(0.0, height_px),
                });
            }
        }
    }
    let fold = |f: fn(f64, f64) -> f64, start: f64, get: fn(&ScreenPoint) -> f64| {
        seen.iter().map(get).fold(start, f)
    };
    let (x0, x1) = (
        fold(f64::min, f64::INFINITY, |p| p.x_px),
        fold(f64::max, f64::NEG_INFINITY, |p| p.x_px),
    );
    let (y0, y1) = (
        fold(f64::min, f64::INFINITY, |p| p.y_px),
        fold(f64::max, f64::NEG_INFINITY, |p| p.y_px),
    );
    let mut h = (y1 - y0 + 2.0 * MARGIN_PX)
        .max(MIN_HEIGHT_PX)
        .min(height_px);
    let w = (x1 - x0 + 2.0 * MARGIN_PX).max(h * ASPECT).min(width_px);
    // Too narrow a canvas for the aim: keep the shape by giving up height, never stops.
    h = h
        .min((w / ASPECT).max(y1 - y0 + 2.0 * MARGIN_PX))
        .min(height_px);
    let centred = |lo: f64, hi: f64, size: f64, max: f64| {
        ((lo + hi - size) / 2.0).clamp(0.0, (max - size).max(0.0))
    };
    Some(CropRect {
        left_px: centred(x0, x1, w, width_px),
        top_px: centred(y0, y1, h, height_px),
        width_px: w,
        height_px: h,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> ScreenPoint {
        ScreenPoint { x_px: x, y_px: y }
    }

    fn contains(c: &CropRect, q: &ScreenPoint) -> bool {
        q.x_px >= c.left_px
            && q.x_px <= c.left_px + c.width_px
            && q.y_px >= c.top_px
            && q.y_px <= c.top_px + c.height_px
    }

    #[test]
    fn a_phone_canvas_is_cut_to_a_landscape_piece_around_the_stops() {
        // 390 x 760 canvas, stops fitted with 60 px padding across its width.
        let stops = [p(60.0, 300.0), p(330.0, 420.0), p(200.0, 360.0)];
        let c = handout_crop(&stops, 390.0, 760.0).expect("a cut");
        assert!(c.width_px > c.height_px, "{c:?}");
        assert!(c.height_px < 760.0 / 2.0, "{c:?}");
        assert!(stops.iter().all(|s| contains(&c, s)), "{c:?}");
        assert!(c.left_px >= 0.0 && c.left_px + c.width_px <= 390.0);
        assert!(c.top_px >= 0.0 && c.top_px + c.height_px <= 760.0);
    }

    #[test]
    fn a_desktop_canvas_keeps_the_stops_with_their_margin() {
        let stops = [p(300.0, 200.0), p(700.0, 300.0)];
        let c = handout_crop(&stops, 1000.0, 748.0).expect("a cut");
        assert!(stops.iter().all(|s| contains(&c, s)));
        // The badges under the stops reach BADGE_REACH_PX to either side.
        assert_eq!(c.left_px, 300.0 - BADGE_REACH_PX - MARGIN_PX);
        assert_eq!(c.width_px, 400.0 + 2.0 * (BADGE_REACH_PX + MARGIN_PX));
        // Wider than the aim already: not made taller than the stops and the badge under
        // the lower one need.
        let below = BADGE_BELOW_PX + BADGE_REACH_PX;
        assert_eq!(c.height_px, 100.0 + below + 2.0 * MARGIN_PX);
    }

    #[test]
    fn the_fanned_badges_of_stops_at_one_point_are_kept_whole() {
        // A route-1 trip plus the Xiqiao stops: five stops at the Xiqiao town point.
        let x = p(500.0, 400.0);
        let stops = [p(300.0, 200.0), p(700.0, 150.0), x, x, x, x, x];
        let c = handout_crop(&stops, 1280.0, 800.0).expect("a cut");
        let badges = badge_centres(&stops);
        assert_eq!(badges[6].x_px, 500.0 + 4.0 * BADGE_FAN_PX);
        for b in &badges {
            for (dx, dy) in [(-1.0, -1.0), (1.0, 1.0)] {
                let corner = p(b.x_px + dx * BADGE_REACH_PX, b.y_px + dy * BADGE_REACH_PX);
                assert!(contains(&c, &corner), "{corner:?} outside {c:?}");
            }
        }
        // Alone at the right of the trip, the stack's last badge needs the cut widened.
        let right = [p(300.0, 200.0), x, x, x, x, x];
        let c = handout_crop(&right, 1280.0, 800.0).expect("a cut");
        let last = badge_centres(&right)[5];
        assert!(
            c.left_px + c.width_px >= last.x_px + BADGE_REACH_PX,
            "{c:?}"
        );
    }

    #[test]
    fn a_tall_trip_stays_whole_even_if_not_landscape() {
        let stops = [p(195.0, 80.0), p(195.0, 700.0)];
        let c = handout_crop(&stops, 390.0, 760.0).expect("a cut");
        assert!(stops.iter().all(|s| contains(&c, s)), "{c:?}");
    }

    #[test]
    fn one_stop_gets_its_surroundings() {
        let c = handout_crop(&[p(200.0, 380.0)], 390.0, 760.0).expect("a cut");
        assert_eq!(
            (c.width_px, c.height_px),
            (MIN_HEIGHT_PX * ASPECT, MIN_HEIGHT_PX)
        );
        assert_eq!(c.left_px, 200.0 - MIN_HEIGHT_PX * ASPECT / 2.0);
    }

    #[test]
    fn no_stop_on_the_canvas_means_no_cut() {
        assert_eq!(handout_crop(&[], 390.0, 760.0), None);
        assert_eq!(
            handout_crop(&[p(-10.0, 5.0), p(f64::NAN, 1.0)], 390.0, 760.0),
            None
        );
        assert_eq!(handout_crop(&[p(1.0, 1.0)], 0.0, 0.0), None);
    }
}
