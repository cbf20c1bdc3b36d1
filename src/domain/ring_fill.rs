//! How strongly the map tints the inside of position-uncertainty rings ("±3000 m"). A ring a
//! few dozen pixels wide is a useful light disc; one as big as the screen is a uniform tint
//! that only dims the map (at zoom 14 a ±3000 m ring is ~350 px, and the ±25 km ring of a
//! district-level site at the same town point covered everything). So the inside fades out
//! as the ring grows from about a third of the screen's smaller side to enclosing the whole
//! screen, after which only the dashed outline is drawn.
//!
//! But a ring that encloses the whole view (a ±5 km town placement at zoom 14-15, just where
//! a user looks closely) then showed nothing at all: its outline is off the screen and its
//! fill gone, and the site looked exactly placed. So when the view lies entirely inside a
//! ring, [`ring_encloses_view`] says so and the map tints a band along the view's edges and
//! notes the uncertainty in words (`ui::map::draw`).
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

/// Width of the tinted band along the view's edges while the view is inside a ring, px.
pub const EDGE_BAND_PX: f64 = 14.0;

/// Whether a ring of `radius_px` centred at (`x_px`, `y_px`) encloses the whole
/// `width_px` x `height_px` view (every corner inside it): then neither its fill nor its
/// outline is seen, and the uncertainty must be shown another way.
pub fn ring_encloses_view(
    x_px: f64,
    y_px: f64,
    radius_px: f64,
    width_px: f64,
    height_px: f64,
) -> bool {
    if !(x_px.is_finite() && y_px.is_finite() && radius_px.is_finite())
        || width_px <= 0.0
        || height_px <= 0.0
    {
        return false;
    }
    let far_x = x_px.abs().max((width_px - x_px).abs());
    let far_y = y_px.abs().max((height_px - y_px).abs());
    far_x.hypot(far_y) < radius_px
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSS px per metre at zoom `z` near Xiqiao (23° N), as the map projects.
    fn px(m: f64, z: f64) -> f64 {
        m / crate::domain::projection::metres_per_px(22.95, z)
    }

    #[test]
    fn a_town_ring_at_close_zoom_encloses_the_view_and_is_said_to() {
        // The Xiqiao stack (±5 km) centred on a desktop and a phone at zoom 14 and 15:
        // its fill has faded out and its outline is off the screen.
        for (w, h) in [(1280.0, 800.0), (390.0, 844.0)] {
            let r15 = px(5_000.0, 15.0);
            assert_eq!(ring_fill_factor(r15, w, h), 0.0);
            assert!(
                ring_encloses_view(w / 2.0, h / 2.0, r15, w, h),
                "{w}x{h} z15"
            );
        }
        let r14 = px(5_000.0, 14.0);
        assert!(ring_encloses_view(195.0, 422.0, r14, 390.0, 844.0));
        // On the desktop at zoom 14 the outline crosses the view: it is seen, no band.
        assert!(!ring_encloses_view(640.0, 400.0, r14, 1280.0, 800.0));
        // Off centre, the far corner decides.
        assert!(!ring_encloses_view(0.0, 0.0, 1000.0, 1280.0, 800.0));
        assert!(ring_encloses_view(0.0, 0.0, 1600.0, 1280.0, 800.0));
    }

    #[test]
    fn small_rings_and_bad_numbers_never_enclose_the_view() {
        assert!(!ring_encloses_view(640.0, 400.0, 300.0, 1280.0, 800.0));
        assert!(!ring_encloses_view(f64::NAN, 400.0, 1e6, 1280.0, 800.0));
        assert!(!ring_encloses_view(640.0, 400.0, f64::NAN, 1280.0, 800.0));
        assert!(!ring_encloses_view(0.0, 0.0, 10.0, 0.0, 0.0));
    }

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
