//! Where the thematic map writes each circle's value so that no two values overlap: regions
//! close together (Foshan's districts, Guangzhou's) have circles that touch, and their
//! labels, all written under their circles, printed over each other.
//!
//! Greedy, largest circle first (the order of `Thematic::circles`): a value goes under its
//! circle, else above it, else to its right or left, wherever it does not overlap a value
//! already placed; a value that fits nowhere is not written on the map (it stays in the
//! table of values, and on the circle's hover title). Circles whose label box lies wholly
//! off the screen take no room.
//!
//! Pure geometry in CSS px; measuring text is the caller's job (an estimate from the
//! number of characters is enough at one font size). Must not depend on the UI.

/// A circle whose value is to be written: centre, radius and the label's box size, px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueLabel {
    pub x_px: f64,
    pub y_px: f64,
    pub radius_px: f64,
    pub width_px: f64,
    pub height_px: f64,
}

/// Where a value is written: its text anchor (the middle of the box's baseline area, as
/// SVG's `text-anchor: middle` wants) and the box it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Centre of the box, px.
    pub x_px: f64,
    pub y_px: f64,
    pub left_px: f64,
    pub top_px: f64,
    pub right_px: f64,
    pub bottom_px: f64,
}

impl Placed {
    fn around(x_px: f64, y_px: f64, w: f64, h: f64) -> Placed {
        Placed {
            x_px,
            y_px,
            left_px: x_px - w / 2.0,
            top_px: y_px - h / 2.0,
            right_px: x_px + w / 2.0,
            bottom_px: y_px + h / 2.0,
        }
    }

    /// Touching edges do not count; `pad_px` is the free space wanted between boxes.
    fn overlaps(&self, o: &Placed, pad_px: f64) -> bool {
        self.left_px < o.right_px + pad_px
            && o.left_px < self.right_px + pad_px
            && self.top_px < o.bottom_px + pad_px
            && o.top_px < self.bottom_px + pad_px
    }

    /// Whether the box covers part of the disc at (`x_px`, `y_px`) of radius `r_px`.
    fn covers_disc(&self, x_px: f64, y_px: f64, r_px: f64) -> bool {
        let dx = x_px - x_px.clamp(self.left_px, self.right_px);
        let dy = y_px - y_px.clamp(self.top_px, self.bottom_px);
        dx * dx + dy * dy < r_px * r_px
    }

    fn on_screen(&self, width_px: f64, height_px: f64) -> bool {
        self.right_px > 0.0
            && self.bottom_px > 0.0
            && self.left_px < width_px
            && self.top_px < height_px
    }
}

/// Gap between a circle's edge and its value's box, px.
pub const GAP_PX: f64 = 2.0;
/// Free space kept between two values, px.
pub const PAD_PX: f64 = 2.0;

/// One entry per label, in the same order: where it goes, or `None` when it would overlap
/// (or is off a `width_px` x `height_px` screen).
///
/// A value never lies on another region's circle either: around Zhaoqing the districts'
/// circles touch, and a "0" written on its neighbour's "1" read as that neighbour's.
pub fn place_values(labels: &[ValueLabel], width_px: f64, height_px: f64) -> Vec<Option<Placed>> {
    let mut placed: Vec<Placed> = Vec::new();
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (w, h, r) = (
                l.width_px.max(0.0),
                l.height_px.max(0.0),
                l.radius_px.max(0.0),
            );
            let spots = [
                (l.x_px, l.y_px + r + GAP_PX + h / 2.0),
                (l.x_px, l.y_px - r - GAP_PX - h / 2.0),
                (l.x_px + r + GAP_PX + w / 2.0, l.y_px),
                (l.x_px - r - GAP_PX - w / 2.0, l.y_px),
            ];
            let fit = spots
                .into_iter()
                .map(|(x, y)| Placed::around(x, y, w, h))
                .filter(|p| p.x_px.is_finite() && p.y_px.is_finite())
                .find(|p| {
                    p.on_screen(width_px, height_px)
                        && placed.iter().all(|q| !q.overlaps(p, PAD_PX))
                        && labels.iter().enumerate().all(|(j, o)| {
                            j == i || !p.covers_disc(o.x_px, o.y_px, o.radius_px.max(0.0) + 1.0)
                        })
                });
            if let Some(p) = fit {
                placed.push(p);
            }
            fit
        })
        .collect()
}

/// The box of a value of `chars` characters at the thematic map's 12 px bold digits.
pub fn value_box_px(chars: usize) -> (f64, f64) {
    (chars as f64 * 7.5 + 4.0, 14.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(x: f64, y: f64, r: f64) -> ValueLabel {
        ValueLabel {
            x_px: x,
            y_px: y,
            radius_px: r,
            width_px: 30.0,
            height_px: 14.0,
        }
    }

    #[test]
    fn far_apart_values_all_go_under_their_circles() {
        let out = place_values(
            &[label(100.0, 100.0, 10.0), label(300.0, 100.0, 5.0)],
            800.0,
            600.0,
        );
        let a = out[0].expect("placed");
        let b = out[1].expect("placed");
        assert_eq!((a.x_px, a.y_px), (100.0, 100.0 + 10.0 + GAP_PX + 7.0));
        assert_eq!((b.x_px, b.y_px), (300.0, 100.0 + 5.0 + GAP_PX + 7.0));
    }

    #[test]
    fn a_crowded_value_moves_above_then_aside_then_is_left_out() {
        // Four circles on one spot: under, above, right, left, then no room.
        let same = label(200.0, 200.0, 8.0);
        let out = place_values(&[same; 5], 800.0, 600.0);
        let ys: Vec<_> = out.iter().map(|p| p.map(|p| (p.x_px, p.y_px))).collect();
        assert_eq!(ys[0], Some((200.0, 217.0)));
        assert_eq!(ys[1], Some((200.0, 183.0)));
        assert_eq!(ys[2], Some((200.0 + 8.0 + GAP_PX + 15.0, 200.0)));
        assert_eq!(ys[3], Some((200.0 - 8.0 - GAP_PX - 15.0, 200.0)));
        assert_eq!(ys[4], None);
    }

    #[test]
    fn no_two_placed_values_overlap_in_a_dense_cluster() {
        // A Foshan-like knot: 40 circles within 60 px.
        let labels: Vec<_> = (0..40)
            .map(|i| {
                let a = i as f64 * 0.7;
                label(
                    300.0 + (i % 7) as f64 * 9.0 * a.cos(),
                    300.0 + (i / 7) as f64 * 9.0 * a.sin(),
                    6.0,
                )
            })
            .collect();
        let out = place_values(&labels, 800.0, 600.0);
        let placed: Vec<Placed> = out.iter().flatten().copied().collect();
        assert!(placed.len() >= 4 && placed.len() < labels.len());
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b, 0.0), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn off_screen_and_nan_circles_take_no_room() {
        let out = place_values(
            &[
                label(-500.0, 100.0, 5.0),
                label(f64::NAN, 1.0, 1.0),
                label(100.0, 100.0, 5.0),
            ],
            800.0,
            600.0,
        );
        assert_eq!(out[0], None);
        assert_eq!(out[1], None);
        assert!(out[2].is_some());
    }

    #[test]
    fn value_boxes_grow_with_the_text() {
        assert!(value_box_px(5).0 > value_box_px(1).0);
        assert_eq!(value_box_px(3).1, 14.0);
    }

    #[test]
    fn a_value_is_never_written_on_a_neighbours_circle() {
        // Zhaoqing at zoom 6: 端州's "1" (r 9) with 鼎湖's "0" ring (r 4) 12 px to its
        // upper right and 高要's "1" just left. Under the old rule the "0" went under its
        // ring, on 端州's circle.
        let duanzhou = label(750.0, 658.0, 9.0);
        let dinghu = label(761.0, 646.0, 4.0);
        let gaoyao = label(728.0, 650.0, 9.0);
        let labels = [duanzhou, gaoyao, dinghu];
        let out = place_values(&labels, 900.0, 800.0);
        for (i, p) in out.iter().enumerate() {
            let Some(p) = p else { continue };
            for (j, o) in labels.iter().enumerate() {
                if i != j {
                    assert!(
                        !p.covers_disc(o.x_px, o.y_px, o.radius_px),
                        "value {i} on circle {j}: {p:?}"
                    );
                }
            }
        }
        assert!(out[0].is_some() && out[1].is_some(), "{out:?}");
    }
}
