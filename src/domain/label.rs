//! Greedy label placement: which site names to draw so that none overlap. Labels are
//! taken in priority order; each tries a few positions around its marker (right, left,
//! below, above, as MapLibre's variable anchors) and takes the first that is on the
//! canvas and free. A uniform grid of cells keeps the collision test local, so a few
//! thousand candidates place in well under a millisecond.
//!
//! Pure geometry in CSS px; measuring text is the caller's job. Depends on `projection`
//! (`ScreenPoint`) only; must not depend on the UI or the data model.

use super::projection::ScreenPoint;

/// Grid cell side, px: about one label's width, so a label touches few cells.
const CELL_PX: f64 = 64.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenRect {
    pub left_px: f64,
    pub top_px: f64,
    pub width_px: f64,
    pub height_px: f64,
}

impl ScreenRect {
    fn right_px(&self) -> f64 {
        self.left_px + self.width_px
    }

    fn bottom_px(&self) -> f64 {
        self.top_px + self.height_px
    }

    /// Touching edges do not count as overlap.
    fn overlaps(&self, other: &ScreenRect) -> bool {
        self.left_px < other.right_px()
            && other.left_px < self.right_px()
            && self.top_px < other.bottom_px()
            && other.top_px < self.bottom_px()
    }

    fn grown(&self, by_px: f64) -> ScreenRect {
        ScreenRect {
            left_px: self.left_px - by_px,
            top_px: self.top_px - by_px,
            width_px: self.width_px + 2.0 * by_px,
            height_px: self.height_px + 2.0 * by_px,
        }
    }
}

/// A label that would like to be drawn next to the marker at `anchor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelCandidate {
    pub anchor: ScreenPoint,
    pub width_px: f64,
    pub height_px: f64,
    /// Higher is placed first (e.g. national sites before county ones); NaN is lowest.
    pub priority: f64,
}

/// Where a label ended up relative to its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    Right,
    Left,
    Below,
    Above,
    /// Centred on the anchor (a place name over its area, not beside a marker).
    Centre,
}

/// Beside a marker: right, left, below, above.
pub const BESIDE: [LabelSide; 4] = [
    LabelSide::Right,
    LabelSide::Left,
    LabelSide::Below,
    LabelSide::Above,
];
/// A place name: on its point if free, else just below, above, right or left of it.
pub const CENTRED_FIRST: [LabelSide; 5] = [
    LabelSide::Centre,
    LabelSide::Below,
    LabelSide::Above,
    LabelSide::Right,
    LabelSide::Left,
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedLabel {
    /// Index into the candidates slice.
    pub index: usize,
    pub rect: ScreenRect,
    pub side: LabelSide,
}

/// The canvas and spacing rules for one placement pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelLayout {
    pub width_px: f64,
    pub height_px: f64,
    /// Distance from the anchor to the label box (the marker's radius plus a little).
    pub gap_px: f64,
    /// Minimum free space between two labels, px.
    pub padding_px: f64,
}

/// The labels to draw, in priority order. Labels that fit nowhere are left out.
pub fn place_labels(candidates: &[LabelCandidate], layout: &LabelLayout) -> Vec<PlacedLabel> {
    place_labels_avoiding(candidates, &[], &BESIDE, layout)
}

/// The same, trying `sides` in order, and keeping clear of `obstacles` (e.g. the site
/// markers and cluster bubbles drawn over the base map's names) as of other labels.
pub fn place_labels_avoiding(
    candidates: &[LabelCandidate],
    obstacles: &[ScreenRect],
    sides: &[LabelSide],
    layout: &LabelLayout,
) -> Vec<PlacedLabel> {
    let cols = (layout.width_px / CELL_PX).ceil().max(0.0) as usize;
    let rows = (layout.height_px / CELL_PX).ceil().max(0.0) as usize;
    if cols == 0 || rows == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let rank = |i: usize| {
        let p = candidates[i].priority;
        if p.is_nan() {
            f64::NEG_INFINITY
        } else {
            p
        }
    };
    order.sort_by(|&a, &b| rank(b).total_cmp(&rank(a)).then(a.cmp(&b)));
    // Each taken box (an obstacle or a placed label) is registered in every cell its
    // padded box touches, so a new box only needs checking against those in its cells.
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); cols * rows];
    let mut taken: Vec<ScreenRect> = Vec::new();
    let take = |rect: ScreenRect, grid: &mut Vec<Vec<usize>>, taken: &mut Vec<ScreenRect>| {
        cells_of(&rect.grown(layout.padding_px), cols, rows)
            .for_each(|cell| grid[cell].push(taken.len()));
        taken.push(rect);
    };
    for o in obstacles
        .iter()
        .filter(|o| o.left_px.is_finite() && o.top_px.is_finite())
    {
        take(*o, &mut grid, &mut taken);
    }
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        let fit = sides.iter().find_map(|&side| {
            let rect = rect_for(&candidates[i], side, layout.gap_px);
            let free = on_canvas(&rect, layout)
                && cells_of(&rect, cols, rows).all(|cell| {
                    grid[cell]
                        .iter()
                        .all(|&p| !taken[p].grown(layout.padding_px).overlaps(&rect))
                });
            free.then_some((rect, side))
        });
        if let Some((rect, side)) = fit {
            take(rect, &mut grid, &mut taken);
            placed.push(PlacedLabel {
                index: i,
                rect,
                side,
            });
        }
    }
    placed
}

fn rect_for(c: &LabelCandidate, side: LabelSide, gap_px: f64) -> ScreenRect {
    let (x, y, w, h) = (
        c.anchor.x_px,
        c.anchor.y_px,
        c.width_px.max(0.0),
        c.height_px.max(0.0),
    );
    let (left_px, top_px) = match side {
        LabelSide::Right => (x + gap_px, y - h / 2.0),
        LabelSide::Left => (x - gap_px - w, y - h / 2.0),
        LabelSide::Below => (x - w / 2.0, y + gap_px),
        LabelSide::Above => (x - w / 2.0, y - gap_px - h),
        LabelSide::Centre => (x - w / 2.0, y - h / 2.0),
    };
    ScreenRect {
        left_px,
        top_px,
        width_px: w,
        height_px: h,
    }
}

/// Wholly on the canvas (false for NaN positions).
fn on_canvas(rect: &ScreenRect, layout: &LabelLayout) -> bool {
    rect.left_px >= 0.0
        && rect.top_px >= 0.0
        && rect.right_px() <= layout.width_px
        && rect.bottom_px() <= layout.height_px
}

/// Indices of the grid cells under `rect`, clipped to the grid.
fn cells_of(rect: &ScreenRect, cols: usize, rows: usize) -> impl Iterator<Item = usize> {
    // `as usize` saturates: negative and NaN become 0.
    let cell = |v: f64, n: usize| ((v / CELL_PX) as usize).min(n - 1);
    let (c0, c1) = (cell(rect.left_px, cols), cell(rect.right_px(), cols));
    let (r0, r1) = (cell(rect.top_px, rows), cell(rect.bottom_px(), rows));
    (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * cols + c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYOUT: LabelLayout = LabelLayout {
        width_px: 400.0,
        height_px: 300.0,
        gap_px: 6.0,
        padding_px: 2.0,
    };

    fn label(x: f64, y: f64, priority: f64) -> LabelCandidate {
        LabelCandidate {
            anchor: ScreenPoint::new(x, y),
            width_px: 80.0,
            height_px: 16.0,
            priority,
        }
    }

    fn assert_no_overlaps(placed: &[PlacedLabel]) {
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn higher_priority_wins_and_others_move_aside() {
        // A 12 px gap keeps a label below or above clear of the side labels (16 px tall).
        let layout = LabelLayout {
            gap_px: 12.0,
            ..LAYOUT
        };
        let priorities = [1.0, 5.0, 3.0, 4.0, 0.5];
        let candidates: Vec<LabelCandidate> =
            priorities.iter().map(|&p| label(150.0, 150.0, p)).collect();
        let placed = place_labels(&candidates, &layout);
        let order: Vec<(usize, LabelSide)> = placed.iter().map(|p| (p.index, p.side)).collect();
        let want = [
            (1, LabelSide::Right),
            (3, LabelSide::Left),
            (2, LabelSide::Below),
            (0, LabelSide::Above),
        ];
        assert_eq!(order, want, "the lowest priority (4) fits nowhere");
        assert_no_overlaps(&placed);
        // With a 6 px gap the box below would touch the side labels, so it is dropped.
        assert_eq!(place_labels(&candidates[..3], &LAYOUT).len(), 2);
    }

    #[test]
    fn dense_labels_never_overlap_and_stay_on_canvas() {
        let candidates: Vec<LabelCandidate> = (0..500)
            .map(|i| {
                label(
                    f64::from(i % 25) * 16.0,
                    f64::from(i / 25) * 15.0,
                    f64::from(i % 7),
                )
            })
            .collect();
        let placed = place_labels(&candidates, &LAYOUT);
        assert!(placed.len() > 10 && placed.len() < 200, "{}", placed.len());
        assert_no_overlaps(&placed);
        for p in &placed {
            assert!(p.rect.left_px >= 0.0 && p.rect.right_px() <= 400.0);
            assert!(p.rect.top_px >= 0.0 && p.rect.bottom_px() <= 300.0);
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert!(place_labels(&[], &LAYOUT).is_empty());
        let zero = LabelLayout {
            width_px: 0.0,
            height_px: 0.0,
            ..LAYOUT
        };
        assert!(place_labels(&[label(0.0, 0.0, 1.0)], &zero).is_empty());
        let nan = [label(f64::NAN, 10.0, 1.0), label(50.0, 50.0, f64::NAN)];
        let placed = place_labels(&nan, &LAYOUT);
        assert_eq!(placed.iter().map(|p| p.index).collect::<Vec<_>>(), vec![1]);
        let huge = LabelCandidate {
            width_px: 1000.0,
            ..label(10.0, 10.0, 1.0)
        };
        assert!(
            place_labels(&[huge], &LAYOUT).is_empty(),
            "wider than the canvas"
        );
    }

    #[test]
    fn a_name_keeps_clear_of_the_markers_over_it() {
        // A province name centred where a cluster bubble (r 16) sits: moved off it.
        let bubble = ScreenRect {
            left_px: 184.0,
            top_px: 134.0,
            width_px: 32.0,
            height_px: 32.0,
        };
        let name = LabelCandidate {
            anchor: ScreenPoint::new(200.0, 150.0),
            width_px: 50.0,
            height_px: 16.0,
            priority: 1.0,
        };
        let free = place_labels_avoiding(&[name], &[], &CENTRED_FIRST, &LAYOUT);
        assert_eq!(free[0].side, LabelSide::Centre);
        // Moved off by more than the bubble's radius, as the base map's names are.
        let away = LabelLayout {
            gap_px: 20.0,
            ..LAYOUT
        };
        let placed = place_labels_avoiding(&[name], &[bubble], &CENTRED_FIRST, &away);
        assert_eq!(placed.len(), 1);
        assert!(!placed[0].rect.overlaps(&bubble), "{placed:?}");
        assert_eq!(placed[0].side, LabelSide::Below);
        // Boxed in on every side: left out rather than drawn under a marker.
        let wall = ScreenRect {
            left_px: 100.0,
            top_px: 90.0,
            width_px: 200.0,
            height_px: 120.0,
        };
        assert!(place_labels_avoiding(&[name], &[wall], &CENTRED_FIRST, &away).is_empty());
    }

    #[test]
    fn two_names_on_close_points_do_not_overlap() {
        // 香港 and 澳门's names, 20 px apart.
        let a = LabelCandidate {
            anchor: ScreenPoint::new(200.0, 150.0),
            width_px: 110.0,
            height_px: 14.0,
            priority: 1.0,
        };
        let b = LabelCandidate {
            anchor: ScreenPoint::new(180.0, 160.0),
            ..a
        };
        let placed = place_labels_avoiding(&[a, b], &[], &CENTRED_FIRST, &LAYOUT);
        assert_eq!(placed.len(), 2);
        assert_no_overlaps(&placed);
    }
}
