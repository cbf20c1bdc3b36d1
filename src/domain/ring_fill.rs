//! How strongly the map tints the inside of position-uncertainty rings ("±3000 m"). A ring a
//! few dozen pixels wide is a useful light disc; one as big as the screen is a uniform tint
//! that only dims the map (at zoom 14 a ±3000 m ring is ~350 px, and the ±25 km ring of a
//! district-level site at the same town point covered everything). So the inside fades out
//! as the ring grows from about a third of the screen's smaller side to enclosing the whole
//! screen, after which only the dashed outline is drawn.
//!
//! Pure arithmetic in CSS px; the canvas drawing is `ui::map::draw`. Must not depend on the UI.

/// The fill is full up to this fraction of the screen's smaller side (radius, px).
const FULL_UP_TO: f64 = 0.35;

/// The fill's strength, 0 (outline only) to 1 (full), for a ring of `radius_px` on a
/// `width_px` x `height_px` screen: 1 up to [`FULL_UP_TO`] of the smaller side, then falling
/// linearly to 0 at half the screen's diagonal (a ring centred on the screen then covers it).
pub fn ring_fill_factor(radius_px: f64, width_px: f64, height_px: f64) -> f64 {
    let full = FULL_UP_TO * width_px.min(height_px);
    let none = 0.5 * width_px.hypot(height_px);
    if !(radius_px.is_finite() && full > 0.0 && none > full) {
        return 0.0;
    }
    ((none - radius_px) / (none - full)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_rings_are_filled_in_full() {
        assert_eq!(ring_fill_factor(20.0, 390.0, 844.0), 1.0);
        assert_eq!(ring_fill_factor(0.35 * 390.0, 390.0, 844.0), 1.0);
        assert_eq!(ring_fill_factor(200.0, 1280.0, 800.0), 1.0);
    }

    #[test]
    fn a_ring_covering_the_screen_is_outline_only() {
        let half_diagonal = 0.5 * 390f64.hypot(844.0);
        assert_eq!(ring_fill_factor(half_diagonal, 390.0, 844.0), 0.0);
        assert_eq!(ring_fill_factor(5000.0, 390.0, 844.0), 0.0);
    }

    #[test]
    fn the_fill_fades_steadily_in_between() {
        // A ±3000 m ring at zoom 14 near Guangzhou is ~350 px.
        let phone = ring_fill_factor(350.0, 390.0, 844.0);
        let desktop = ring_fill_factor(350.0, 1280.0, 800.0);
        assert!(phone > 0.0 && phone < 0.5, "{phone}");
        assert!(desktop > phone && desktop < 1.0, "{desktop}");
        let mut last = 1.0;
        for r in (0..1000).map(|r| r as f64) {
            let f = ring_fill_factor(r, 390.0, 844.0);
            assert!(f <= last, "grows at {r}");
            last = f;
        }
    }

    #[test]
    fn degenerate_screens_and_radii_give_no_fill() {
        assert_eq!(ring_fill_factor(10.0, 0.0, 0.0), 0.0);
        assert_eq!(ring_fill_factor(f64::NAN, 390.0, 844.0), 0.0);
        assert_eq!(ring_fill_factor(f64::INFINITY, 390.0, 844.0), 0.0);
    }
}
