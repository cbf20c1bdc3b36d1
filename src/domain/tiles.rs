//! Which raster tiles cover a viewport, and where each goes on screen.
//!
//! Tiles are fetched at an integer zoom and drawn scaled by `2^(zoom - tile_zoom)`, so a
//! fractional map zoom (pinch, fly-to) still shows crisp-enough tiles without refetching.
//! Tile x wraps around the antimeridian; tile y outside the world is skipped.
//!
//! Depends on `projection` and `viewport`. Must not know tile URLs, caching or drawing.

use super::viewport::Viewport;

/// More tiles than this for one frame means the caller asked for a tile zoom far deeper
/// than the map zoom; we return nothing rather than allocate millions of placements.
const MAX_TILES_PER_FRAME: usize = 4096;

/// A slippy-map tile address (OSM / XYZ scheme: y = 0 at the north edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// One tile to draw: its address and its square on the canvas, CSS px. Positions are
/// fractional; round them (and the size up) when drawing to avoid hairline seams.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TilePlacement {
    pub id: TileId,
    pub left_px: f64,
    pub top_px: f64,
    pub size_px: f64,
}

/// The tile zoom to fetch for a map zoom: rounded (as Leaflet does), within the tile
/// source's zoom range.
pub fn tile_zoom_for(viewport: &Viewport, min_tile_zoom: u8, max_tile_zoom: u8) -> u8 {
    let rounded = viewport.zoom.round().max(0.0).min(f64::from(u8::MAX)) as u8;
    rounded.clamp(min_tile_zoom, max_tile_zoom.max(min_tile_zoom))
}

/// The tiles of zoom `tile_zoom` that cover the viewport, nearest the centre first (so
/// they are requested first). Empty for a zero-size viewport or `tile_zoom` > 30.
pub fn tiles_for_viewport(viewport: &Viewport, tile_zoom: u8) -> Vec<TilePlacement> {
    if tile_zoom > 30 || viewport.width_px <= 0.0 || viewport.height_px <= 0.0 {
        return Vec::new();
    }
    let tiles_per_side = 1_i64 << tile_zoom;
    let size_px = viewport.world_size_px() / tiles_per_side as f64;
    let c = viewport.center_world();
    // World px (at the map zoom) of the canvas's top-left corner.
    let left_world_px = c.x * viewport.world_size_px() - viewport.width_px / 2.0;
    let top_world_px = c.y * viewport.world_size_px() - viewport.height_px / 2.0;
    let first_col = (left_world_px / size_px).floor() as i64;
    let last_col = ((left_world_px + viewport.width_px) / size_px).ceil() as i64 - 1;
    let first_row = ((top_world_px / size_px).floor() as i64).max(0);
    let last_row =
        (((top_world_px + viewport.height_px) / size_px).ceil() as i64 - 1).min(tiles_per_side - 1);
    let count = (last_col - first_col + 1).max(0) * (last_row - first_row + 1).max(0);
    if count as usize > MAX_TILES_PER_FRAME {
        return Vec::new();
    }
    let mut tiles = Vec::with_capacity(count as usize);
    for row in first_row..=last_row {
        for col in first_col..=last_col {
            tiles.push(TilePlacement {
                id: TileId {
                    z: tile_zoom,
                    x: col.rem_euclid(tiles_per_side) as u32,
                    y: row as u32,
                },
                left_px: col as f64 * size_px - left_world_px,
                top_px: row as f64 * size_px - top_world_px,
                size_px,
            });
        }
    }
    let (mid_x, mid_y) = (viewport.width_px / 2.0, viewport.height_px / 2.0);
    let dist2 = |t: &TilePlacement| {
        let dx = t.left_px + t.size_px / 2.0 - mid_x;
        let dy = t.top_px + t.size_px / 2.0 - mid_y;
        dx * dx + dy * dy
    };
    tiles.sort_by(|a, b| dist2(a).total_cmp(&dist2(b)));
    tiles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::geo::LonLat;

    fn covered_area(tiles: &[TilePlacement], w: f64, h: f64) -> f64 {
        tiles
            .iter()
            .map(|t| {
                let x = (t.left_px + t.size_px).min(w) - t.left_px.max(0.0);
                let y = (t.top_px + t.size_px).min(h) - t.top_px.max(0.0);
                x.max(0.0) * y.max(0.0)
            })
            .sum()
    }

    #[test]
    fn tiles_cover_the_canvas_exactly_once() {
        let v = Viewport::new(LonLat::new(113.1, 23.0), 12.4, 390.0, 844.0, 2.0);
        let z = tile_zoom_for(&v, 0, 18);
        assert_eq!(z, 12);
        let tiles = tiles_for_viewport(&v, z);
        assert!((tiles[0].size_px - 256.0 * 0.4f64.exp2()).abs() < 1e-9);
        assert!((covered_area(&tiles, 390.0, 844.0) - 390.0 * 844.0).abs() < 1e-3);
        // Nearest the centre first: the first tile contains the canvas centre.
        let first = tiles[0];
        assert!(first.left_px <= 195.0 && first.left_px + first.size_px >= 195.0);
        // The tile under the centre is the one that contains Nanhai.
        let n = (1u32 << 12) as f64;
        let w = crate::domain::projection::lonlat_to_world(LonLat::new(113.1, 23.0));
        assert_eq!(
            (first.id.x, first.id.y),
            ((w.x * n) as u32, (w.y * n) as u32)
        );
    }

    #[test]
    fn wraps_x_and_skips_rows_outside_the_world() {
        let v = Viewport::new(LonLat::new(179.0, 80.0), 2.0, 1200.0, 900.0, 1.0);
        let tiles = tiles_for_viewport(&v, 2);
        assert!(tiles
            .iter()
            .all(|t| t.id.x < 4 && t.id.y < 4 && t.id.z == 2));
        assert!(tiles.iter().any(|t| t.id.x == 0) && tiles.iter().any(|t| t.id.x == 3));
        assert!(
            tiles.iter().all(|t| t.top_px >= -256.0),
            "no rows above the world"
        );
    }

    #[test]
    fn degenerate_requests_are_empty_not_panics() {
        let zero = Viewport::new(LonLat::new(113.1, 23.0), 10.0, 0.0, 0.0, 1.0);
        assert!(tiles_for_viewport(&zero, 10).is_empty());
        let v = Viewport::new(LonLat::new(113.1, 23.0), 2.0, 800.0, 600.0, 1.0);
        assert!(
            tiles_for_viewport(&v, 19).is_empty(),
            "would be millions of tiles"
        );
        assert!(tiles_for_viewport(&v, 200).is_empty());
        assert_eq!(tile_zoom_for(&v, 3, 18), 3);
        assert_eq!(tile_zoom_for(&v.with_zoom(19.0), 0, 18), 18);
    }
}
