//! The app's state: one struct of signal handles, provided as context. Derived values are
//! memos over pure domain functions; nothing here holds logic of its own.

use super::i18n::Lang;
use crate::domain::cluster::{ClusterIndex, ClusterOptions};
use crate::domain::geo::{BBox, LonLat};
use crate::domain::model::{Dataset, SiteMark};
use crate::domain::tile_sources::TileSource;
use crate::domain::validate::DataIssue;
use crate::domain::viewport::Viewport;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// Fetching files: how many of how many are in.
    Loading {
        done: usize,
        total: usize,
    },
    Ready,
    /// Nothing could be shown; the message says what and where.
    Failed(String),
}

/// What the user has selected: an index into the dataset's sites or routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    Site(usize),
    Route(usize),
}

/// On a phone the panel is a bottom sheet with three heights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Collapsed,
    Half,
    Expanded,
}

/// The loaded dataset with what is derived from it once per load.
pub struct Loaded {
    pub dataset: Dataset,
    /// "bundled" or the URL given with `?data=`.
    pub origin: String,
    pub title: String,
    pub title_en: String,
    /// Extent of every site and route (what "show all" fits). A preview's: of its sites (the
    /// lines of routes join their stops; the data's bounds have all of the routes).
    pub bounds: BBox,
    /// Each route's stops as site indices, resolved once per load (drawn every frame).
    pub route_stops: Vec<Vec<Option<usize>>>,
    /// A [`Loaded::preview`]'s site positions (from `sites.points`); empty once the sites
    /// are in, whose positions they then are (see [`Loaded::site_position`]).
    pub preview_positions: Vec<LonLat>,
    /// A [`Loaded::preview`]'s route lines (from `routes.lines`), drawn while
    /// `dataset.routes` is empty; empty once the routes are in.
    pub preview_lines: crate::domain::geodata::lines::Lines,
    /// What the map draws of each site besides its position (symbol, ring).
    pub site_marks: Vec<SiteMark>,
    /// A fingerprint of the sites' positions: the same sites at the same positions keep
    /// their cluster index (the preview's, once the full sites match it; activities added).
    pub sites_key: u64,
}

/// What a [`Shown`] was built from: the sites' positions (fingerprint, count; a preview
/// and the full sites at the same positions are the same) and the mask.
#[derive(Clone, Debug)]
pub struct ShownKey {
    pub sites: (u64, usize),
    pub mask: Option<Arc<Vec<bool>>>,
}

impl ShownKey {
    pub fn of(loaded: &Loaded, mask: Option<Arc<Vec<bool>>>) -> Self {
        ShownKey {
            sites: (loaded.sites_key, loaded.site_count()),
            mask,
        }
    }
}

impl PartialEq for ShownKey {
    fn eq(&self, other: &Self) -> bool {
        let same_mask = match (&self.mask, &other.mask) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        self.sites == other.sites && same_mask
    }
}

/// The sites the map shows (after filters) and their clusters: built once per data load
/// and once per filter change, then only queried per frame.
pub struct Shown {
    /// Indices into `dataset.sites`; the cluster index's point `i` is site `sites[i]`.
    pub sites: Vec<usize>,
    pub clusters: ClusterIndex,
    /// What it was built from (an import builds the clusters of the merged data in slices
    /// before showing it; the map then finds them ready).
    pub key: ShownKey,
}

impl Shown {
    pub fn new(loaded: &Loaded, mask: Option<Arc<Vec<bool>>>) -> Self {
        let sites = Shown::site_list(loaded, mask.as_deref().map(Vec::as_slice));
        let positions = Shown::positions(loaded, &sites);
        Shown {
            sites,
            clusters: ClusterIndex::new(&positions, ClusterOptions::default()),
            key: ShownKey::of(loaded, mask),
        }
    }

    /// The indices of the sites `mask` lets through (all without one).
    pub fn site_list(loaded: &Loaded, mask: Option<&[bool]>) -> Vec<usize> {
        (0..loaded.site_count())
            .filter(|&i| mask.is_none_or(|m| m.get(i).copied().unwrap_or(true)))
            .collect()
    }

    /// The positions of `sites`, the cluster index's input.
    pub fn positions(loaded: &Loaded, sites: &[usize]) -> Vec<LonLat> {
        sites
            .iter()
            .filter_map(|&i| loaded.site_position(i))
            .collect()
    }
}

impl Loaded {
    pub fn new(dataset: Dataset, origin: String, title: String, title_en: String) -> Self {
        let marks = dataset.sites.iter().map(SiteMark::of).collect();
        Loaded::with_points(
            dataset,
            (Vec::new(), Vec::new()),
            marks,
            (origin, title, title_en),
        )
    }

    /// What the map draws before the sites are read: their positions and marks from
    /// `sites.points`, the routes' `lines` from `routes.lines` (none: `dataset`'s routes),
    /// with the other layers of `dataset` (its `sites` are empty).
    pub fn preview(
        dataset: Dataset,
        points: crate::domain::geodata::points::SitePoints,
        lines: crate::domain::geodata::lines::Lines,
        origin: String,
        title: String,
        title_en: String,
    ) -> Self {
        Loaded::with_points(
            dataset,
            (points.positions, lines),
            points.marks,
            (origin, title, title_en),
        )
    }

    /// `preview_positions` empty: the sites' own; `preview_lines` empty: the routes'.
    fn with_points(
        dataset: Dataset,
        (preview_positions, preview_lines): (Vec<LonLat>, crate::domain::geodata::lines::Lines),
        site_marks: Vec<SiteMark>,
        (origin, title, title_en): (String, String, String),
    ) -> Self {
        let positions = || {
            preview_positions
                .iter()
                .copied()
                .chain(dataset.sites.iter().map(|s| s.position))
        };
        let sites_key = fingerprint(positions());
        let points = positions()
            .chain(
                dataset
                    .routes
                    .iter()
                    .flat_map(|r| r.path.iter().flatten().copied()),
            )
            .filter(|p| p.is_finite());
        let bounds = BBox::from_points(points);
        let route_stops = dataset.route_stop_indices();
        Loaded {
            dataset,
            origin,
            title,
            title_en,
            bounds,
            route_stops,
            preview_positions,
            preview_lines,
            site_marks,
            sites_key,
        }
    }

    /// How many sites the map shows (also in a preview, whose `dataset.sites` is empty).
    pub fn site_count(&self) -> usize {
        self.dataset.sites.len().max(self.preview_positions.len())
    }

    /// Site `i`'s position (also in a preview).
    pub fn site_position(&self, i: usize) -> Option<LonLat> {
        match self.dataset.sites.get(i) {
            Some(site) => Some(site.position),
            None => self.preview_positions.get(i).copied(),
        }
    }
}

/// A fingerprint of positions (their bits, in order): equal positions, equal fingerprint.
fn fingerprint(positions: impl Iterator<Item = LonLat>) -> u64 {
    let mut h = crate::domain::geodata::points::SourceHash::default();
    for p in positions {
        h.update(&p.lon.to_le_bytes());
        h.update(&p.lat.to_le_bytes());
    }
    h.finish().0
}

impl Loaded {
    /// A copy, for when the data must change while a view still holds the shared one.
    pub fn copy(&self) -> Self {
        Loaded {
            dataset: self.dataset.clone(),
            origin: self.origin.clone(),
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            bounds: self.bounds,
            route_stops: self.route_stops.clone(),
            preview_positions: self.preview_positions.clone(),
            preview_lines: self.preview_lines.clone(),
            site_marks: self.site_marks.clone(),
            sites_key: self.sites_key,
        }
    }
}

/// Where the map opens before the data says otherwise: southern China.
pub fn default_viewport() -> Viewport {
    Viewport::new(LonLat::new(110.0, 25.0), 5.0, 0.0, 0.0, 1.0)
}

/// A place shown from the dashboard's gaps: its point, marked, with a ring at the distance
/// checked and its name beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMark {
    pub at: LonLat,
    /// The distance checked, metres (0: the point only).
    pub ring_m: f64,
    pub label: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub load: RwSignal<LoadState>,
    pub data: RwSignal<Option<Arc<Loaded>>>,
    /// Activities and visit counts are still being read (after the map's first frame), and
    /// the cross-file checks have not run: figures from them would be wrong, not missing.
    pub later_loading: RwSignal<bool>,
    /// Problems found in the data; shown in the panel, never a blank page.
    pub issues: RwSignal<Vec<DataIssue>>,
    /// Problems with the URL's parameters (ignored values).
    pub url_problems: RwSignal<Vec<String>>,
    pub selected: RwSignal<Option<Selection>>,
    pub hovered: RwSignal<Option<usize>>,
    pub show_sites: RwSignal<bool>,
    pub show_routes: RwSignal<bool>,
    pub show_regions: RwSignal<bool>,
    pub sheet: RwSignal<Sheet>,
    /// Which sites the filters let through (`None`: all). The map clusters only these.
    pub site_mask: RwSignal<Option<Arc<Vec<bool>>>>,
    /// The map's first frame before `data` is in: the sites' positions and marks from
    /// `sites.points` (ui/load.rs), while the sites themselves are still being read. Only
    /// the map draws it; everything else waits for `data`. `None` once `data` is set.
    pub preview: RwSignal<Option<Arc<Loaded>>>,
    /// What the map shows now (derived from `data` and `site_mask`).
    pub shown: RwSignal<Option<Arc<Shown>>>,
    /// Sites that share one position (a cluster that never splits), listed in the panel.
    pub stack: RwSignal<Vec<usize>>,
    /// The raster tile source under the data (`None`: the offline vector base map only).
    pub tile_source: RwSignal<Option<&'static TileSource>>,
    /// The user's Tianditu key (`tk`), kept in local storage.
    pub tianditu_key: RwSignal<String>,
    /// The map camera; every pan and zoom is one `set`.
    pub view: RwSignal<Viewport>,
    /// The user's position from "near me" (drawn as a blue dot), once they allowed it.
    pub user_position: RwSignal<Option<LonLat>>,
    /// A request to fly the map to (point, zoom): search, list and "near me" set it.
    pub focus: RwSignal<Option<(LonLat, f64)>>,
    /// A place the dashboard's gaps show on the map, marked with its distance ring.
    pub place_mark: RwSignal<Option<PlaceMark>>,
    /// The trip planner (src/ui/panels/trip).
    pub trip: crate::ui::panels::TripState,
    /// Whether the coverage dashboard is shown over the map (`?view=dashboard`).
    pub dashboard: RwSignal<bool>,
    /// The thematic map's measure (proportional circles by region), or `None`: the normal map.
    pub thematic: RwSignal<Option<crate::domain::coverage::ThemeMeasure>>,
    /// Parts that failed while the rest works (a data file, tiles): shown over the map.
    pub notices: RwSignal<Vec<crate::ui::notices::Notice>>,
    /// The map's first frame with data is drawn (`redmap:first-frame`): what the first view
    /// does not need (the side panel's contents, see `ui::lazy`) is downloaded from then on.
    pub first_frame: RwSignal<bool>,
    /// How exact the `?data=` file's positions are, as the user stated it (the link's
    /// `precision=`, else what they chose for that URL before): recorded on its sites.
    pub data_precision: RwSignal<crate::domain::import::StatedPrecision>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            load: RwSignal::new(LoadState::Loading { done: 0, total: 1 }),
            data: RwSignal::new(None),
            later_loading: RwSignal::new(false),
            issues: RwSignal::new(Vec::new()),
            url_problems: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            hovered: RwSignal::new(None),
            show_sites: RwSignal::new(true),
            show_routes: RwSignal::new(true),
            show_regions: RwSignal::new(false),
            sheet: RwSignal::new(Sheet::Half),
            site_mask: RwSignal::new(None),
            preview: RwSignal::new(None),
            shown: RwSignal::new(None),
            stack: RwSignal::new(Vec::new()),
            tile_source: RwSignal::new(None),
            tianditu_key: RwSignal::new(String::new()),
            view: RwSignal::new(default_viewport()),
            user_position: RwSignal::new(None),
            focus: RwSignal::new(None),
            place_mark: RwSignal::new(None),
            trip: crate::ui::panels::TripState::new(),
            dashboard: RwSignal::new(false),
            thematic: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            first_frame: RwSignal::new(false),
            data_precision: RwSignal::new(Default::default()),
        }
    }

    /// What the map draws: the data, or before it is in, the preview (tracked).
    pub fn map_data(&self) -> Option<Arc<Loaded>> {
        self.data.get().or_else(|| self.preview.get())
    }

    /// [`Self::map_data`], untracked (in a draw, an event handler).
    pub fn map_data_untracked(&self) -> Option<Arc<Loaded>> {
        self.data
            .get_untracked()
            .or_else(|| self.preview.get_untracked())
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
