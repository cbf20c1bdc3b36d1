//! A spatial index over the (filtered) sites for hit testing ("which site did the finger
//! touch") and "which sites are in view" (the list beside the map). Built once per
//! load or filter change with rstar's bulk load, in Web Mercator world units so that a
//! tolerance in screen px is a circle on screen, not an ellipse on the globe.
//!
//! A point's id is its index in the caller's slice; non-finite points are skipped.
//! Depends on `geo`, `projection` and `viewport`; must not depend on the data model.

use super::geo::{BBox, LonLat};
use super::projection::{lonlat_to_world, ScreenPoint, WorldPoint};
use super::viewport::Viewport;
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

/// A comfortable touch target radius, CSS px (Apple and Material both ask for a 44-48 px
/// target, i.e. a ~22 px radius around the marker centre).
pub const FINGER_TOLERANCE_PX: f64 = 22.0;

/// World x, y and the index into the caller's slice.
type Entry = GeomWithData<[f64; 2], usize>;

#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry>,
}

impl SpatialIndex {
    pub fn new(points: &[LonLat]) -> Self {
        let entries = points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_finite())
            .map(|(i, &p)| {
                let w = lonlat_to_world(p);
                Entry::new([w.x, w.y], i)
            })
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Number of indexed (finite) points.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The point nearest `world` if it is within `tolerance_world` (see
    /// `Viewport::px_to_world`). Among points at the same distance (sites sharing a
    /// centroid) the lowest index wins, so the answer is stable.
    pub fn nearest_within(&self, world: WorldPoint, tolerance_world: f64) -> Option<usize> {
        let mut nearest = self
            .tree
            .nearest_neighbor_iter_with_distance_2([world.x, world.y]);
        let (first, best_d2) = nearest.next()?;
        // Written so that a NaN tolerance also means "no hit".
        let within = best_d2 <= tolerance_world * tolerance_world;
        if !within {
            return None;
        }
        let ties = nearest
            .take_while(|(_, d2)| *d2 == best_d2)
            .map(|(e, _)| e.data);
        Some(ties.fold(first.data, usize::min))
    }

    /// Every point within `tolerance_world` of `world`, nearest first (ties by index):
    /// the stack to list when several sites sit under the finger.
    pub fn all_within(&self, world: WorldPoint, tolerance_world: f64) -> Vec<usize> {
        let r2 = tolerance_world * tolerance_world;
        let mut hits: Vec<(f64, usize)> = self
            .tree
            .nearest_neighbor_iter_with_distance_2([world.x, world.y])
            .take_while(|(_, d2)| *d2 <= r2)
            .map(|(e, d2)| (d2, e.data))
            .collect();
        hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, i)| i).collect()
    }

    /// Hit test at a screen position with a tolerance in CSS px (e.g. `FINGER_TOLERANCE_PX`).
    pub fn hit_test(
        &self,
        viewport: &Viewport,
        at: ScreenPoint,
        tolerance_px: f64,
    ) -> Option<usize> {
        self.nearest_within(
            viewport.screen_to_world(at),
            viewport.px_to_world(tolerance_px),
        )
    }

    /// Indices of the points inside `bbox` (edges included), ascending. Empty for an
    /// empty or non-finite box; no antimeridian wrapping (China never needs it).
    pub fn in_bbox(&self, bbox: &BBox) -> Vec<usize> {
        let finite = [bbox.west, bbox.south, bbox.east, bbox.north]
            .iter()
            .all(|v| v.is_finite());
        if bbox.is_empty() || !finite {
            return Vec::new();
        }
        let nw = lonlat_to_world(LonLat::new(bbox.west, bbox.north));
        let se = lonlat_to_world(LonLat::new(bbox.east, bbox.south));
        let envelope = AABB::from_corners([nw.x, nw.y], [se.x, se.y]);
        let mut found: Vec<usize> = self
            .tree
            .locate_in_envelope(envelope)
            .map(|e| e.data)
            .collect();
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NANHAI: LonLat = LonLat::new(113.1, 23.0);

    fn sites() -> Vec<LonLat> {
        vec![
            LonLat::new(113.1, 23.0),
            LonLat::new(113.1002, 23.0), // ~20 m east
            LonLat::new(f64::NAN, 0.0),
            LonLat::new(112.46, 23.05),
            LonLat::new(113.1, 23.0), // same centroid as 0
        ]
    }

    #[test]
    fn hit_testing_with_a_finger_tolerance() {
        let index = SpatialIndex::new(&sites());
        assert_eq!(index.len(), 4);
        let v = Viewport::new(NANHAI, 16.0, 390.0, 844.0, 3.0);
        let on_0 = v.lonlat_to_screen(NANHAI);
        assert_eq!(
            index.hit_test(&v, on_0, FINGER_TOLERANCE_PX),
            Some(0),
            "lowest index of a stack"
        );
        // At zoom 16, 0.0002° is 9.3 px: a finger 20 px right of site 0 is nearest site 1.
        let right = ScreenPoint::new(on_0.x_px + 20.0, on_0.y_px);
        assert_eq!(index.hit_test(&v, right, FINGER_TOLERANCE_PX), Some(1));
        let far = ScreenPoint::new(on_0.x_px + 60.0, on_0.y_px);
        assert_eq!(index.hit_test(&v, far, FINGER_TOLERANCE_PX), None);
        let w = lonlat_to_world(NANHAI);
        assert_eq!(
            index.all_within(w, v.px_to_world(FINGER_TOLERANCE_PX)),
            vec![0, 4, 1]
        );
        assert!(
            index.all_within(w, 0.0).len() == 2,
            "exact duplicates at distance 0"
        );
    }

    #[test]
    fn in_bbox_finds_what_is_in_view() {
        let index = SpatialIndex::new(&sites());
        assert_eq!(
            index.in_bbox(&BBox::new(113.0, 22.9, 113.2, 23.1)),
            vec![0, 1, 4]
        );
        assert_eq!(
            index.in_bbox(&BBox::new(112.0, 22.0, 114.0, 24.0)),
            vec![0, 1, 3, 4]
        );
        assert_eq!(
            index.in_bbox(&BBox::from_point(LonLat::new(112.46, 23.05))),
            vec![3]
        );
        assert!(index.in_bbox(&BBox::empty()).is_empty());
        assert!(index
            .in_bbox(&BBox::new(f64::NAN, 0.0, 1.0, 1.0))
            .is_empty());
        let v = Viewport::new(NANHAI, 12.0, 390.0, 844.0, 1.0);
        assert_eq!(index.in_bbox(&v.bounds()), vec![0, 1, 4]);
    }

    #[test]
    fn empty_index() {
        let index = SpatialIndex::new(&[]);
        assert!(index.is_empty());
        assert_eq!(index.nearest_within(WorldPoint::default(), 1.0), None);
        assert!(index.all_within(WorldPoint::default(), 1.0).is_empty());
        assert!(index
            .in_bbox(&BBox::new(-180.0, -90.0, 180.0, 90.0))
            .is_empty());
    }
}
