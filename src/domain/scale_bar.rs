//! The map's scale bar: the longest "nice" ground length (1, 2 or 5 × 10ⁿ metres) that
//! fits in a given width at the viewport's centre latitude, with its label.
//!
//! Web Mercator's scale changes with latitude, so the bar is only true near the centre
//! line, as in Leaflet and MapLibre. Depends on `projection` and `viewport`; must not
//! depend on the UI (the label is plain text, units in SI as on Chinese maps).

use super::projection::metres_per_px;
use super::viewport::Viewport;

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleBar {
    /// Ground length the bar stands for, metres.
    pub length_m: f64,
    /// Bar width on screen, CSS px (≤ the requested maximum).
    pub width_px: f64,
    /// "500 m", "2 km", "0.5 m".
    pub label: String,
}

/// The scale bar for `viewport`, at most `max_width_px` wide. A non-positive width gives
/// a zero bar labelled "0 m" rather than a panic or NaN.
pub fn scale_bar(viewport: &Viewport, max_width_px: f64) -> ScaleBar {
    let m_per_px = metres_per_px(viewport.center.lat, viewport.zoom);
    let max_m = max_width_px * m_per_px;
    if !(max_m.is_finite() && max_m > 0.0) {
        return ScaleBar {
            length_m: 0.0,
            width_px: 0.0,
            label: "0 m".to_string(),
        };
    }
    let length_m = nice_length_at_most(max_m);
    ScaleBar {
        length_m,
        width_px: length_m / m_per_px,
        label: distance_label(length_m),
    }
}

/// The largest 1, 2 or 5 × 10ⁿ not above `max` (for `max` > 0).
fn nice_length_at_most(max: f64) -> f64 {
    let mut pow10 = 10f64.powf(max.log10().floor());
    // log10 may round across a power of ten (999.9.. vs 1000); nudge the decade back.
    if max / pow10 >= 10.0 {
        pow10 *= 10.0;
    } else if max / pow10 < 1.0 {
        pow10 /= 10.0;
    }
    let first_digit = max / pow10;
    let nice = if first_digit >= 5.0 {
        5.0
    } else if first_digit >= 2.0 {
        2.0
    } else {
        1.0
    };
    nice * pow10
}

/// "500 m" below a kilometre, "2 km" from there; no trailing ".0".
fn distance_label(length_m: f64) -> String {
    let (value, unit) = if length_m >= 1000.0 {
        (length_m / 1000.0, "km")
    } else {
        (length_m, "m")
    };
    // Nice lengths are exact in a few significant digits; round away float dust.
    let value = (value * 1e6).round() / 1e6;
    format!("{value} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::LonLat;

    #[test]
    fn nice_lengths() {
        let cases = [
            (1.0, 1.0),
            (1.9, 1.0),
            (2.0, 2.0),
            (4.99, 2.0),
            (5.0, 5.0),
            (9.9, 5.0),
        ];
        for (max, want) in cases {
            assert_eq!(nice_length_at_most(max), want, "{max}");
        }
        assert!((nice_length_at_most(1000.0) - 1000.0).abs() < 1e-9);
        assert!((nice_length_at_most(0.7) - 0.5).abs() < 1e-12);
        assert!((nice_length_at_most(73_000.0) - 50_000.0).abs() < 1e-6);
    }

    #[test]
    fn labels() {
        assert_eq!(distance_label(500.0), "500 m");
        assert_eq!(distance_label(2000.0), "2 km");
        assert_eq!(distance_label(50_000.0), "50 km");
        assert_eq!(distance_label(0.5), "0.5 m");
        assert_eq!(distance_label(1000.0000000001), "1 km");
    }

    #[test]
    fn bar_fits_and_is_the_right_length() {
        // Zoom 14 at 23°N: 156543 * cos(23°) / 2^14 = 8.795 m/px, so 100 px = 879.5 m -> 500 m.
        let v = Viewport::new(LonLat::new(113.1, 23.0), 14.0, 390.0, 844.0, 2.0);
        let bar = scale_bar(&v, 100.0);
        assert_eq!(bar.length_m, 500.0);
        assert_eq!(bar.label, "500 m");
        assert!(
            (bar.width_px - 500.0 / 8.7951).abs() < 0.01,
            "{}",
            bar.width_px
        );
        // Zoom 8: 562.9 m/px, 100 px = 56 km -> 50 km.
        let wide = scale_bar(&v.with_zoom(8.0), 100.0);
        assert_eq!((wide.length_m, wide.label.as_str()), (50_000.0, "50 km"));
        assert!(wide.width_px <= 100.0 && wide.width_px > 50.0);
    }

    #[test]
    fn degenerate_width() {
        let v = Viewport::new(LonLat::new(113.1, 23.0), 14.0, 390.0, 844.0, 2.0);
        for w in [0.0, -5.0, f64::NAN] {
            let bar = scale_bar(&v, w);
            assert_eq!(
                (bar.length_m, bar.width_px, bar.label.as_str()),
                (0.0, 0.0, "0 m")
            );
        }
    }
}
