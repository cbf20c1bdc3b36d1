//! Screen-space hit testing helpers: how far a pointer is from a drawn line.

use super::projection::ScreenPoint;

/// Distance in px from `p` to the segment `a`–`b`.
pub fn segment_distance_px(p: ScreenPoint, a: ScreenPoint, b: ScreenPoint) -> f64 {
    let (dx, dy) = (b.x_px - a.x_px, b.y_px - a.y_px);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x_px - a.x_px) * dx + (p.y_px - a.y_px) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x_px - (a.x_px + t * dx)).hypot(p.y_px - (a.y_px + t * dy))
}

/// Distance in px from `p` to a polyline (infinite for fewer than one point).
pub fn polyline_distance_px(p: ScreenPoint, line: &[ScreenPoint]) -> f64 {
    match line {
        [] => f64::INFINITY,
        [only] => (p.x_px - only.x_px).hypot(p.y_px - only.y_px),
        _ => line
            .windows(2)
            .map(|w| segment_distance_px(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64) -> ScreenPoint {
        ScreenPoint::new(x, y)
    }

    #[test]
    fn distance_to_segment_interior_and_ends() {
        assert_eq!(
            segment_distance_px(pt(5.0, 3.0), pt(0.0, 0.0), pt(10.0, 0.0)),
            3.0
        );
        assert_eq!(
            segment_distance_px(pt(13.0, 4.0), pt(0.0, 0.0), pt(10.0, 0.0)),
            5.0
        );
        assert_eq!(
            segment_distance_px(pt(3.0, 4.0), pt(0.0, 0.0), pt(0.0, 0.0)),
            5.0
        );
    }

    #[test]
    fn distance_to_polyline_is_the_nearest_leg() {
        let line = [pt(0.0, 0.0), pt(10.0, 0.0), pt(10.0, 10.0)];
        assert_eq!(polyline_distance_px(pt(12.0, 5.0), &line), 2.0);
        assert!(polyline_distance_px(pt(0.0, 0.0), &[]).is_infinite());
    }
}
