//! Coverage for organisers: how much of what the sources report is on the map, where it
//! is, and where nothing is. Headline totals, breakdowns by place (province → city →
//! county → town), by site kind, activity type and month, reported vs mapped per region,
//! gaps (towns and seats with no site nearby), and CSV export of all of it.
//!
//! Build a [`CoverageIndex`] once per data load, then ask for figures per [`Scope`] (the
//! sites the filters let through). Figures never invent: sums of sessions and participants
//! say how many records gave no figure, reported totals keep their "over"/"about", and a
//! measure with no mapped counterpart says "not comparable".
//!
//! Pure functions over the model; must not depend on the UI or the browser.

mod chart;
mod export;
mod figures;
mod format;

mod gaps;
mod imported;
mod index;
mod infer;
mod months;
mod places;
mod reported;
#[cfg(test)]
mod test_data;
mod thematic;
mod totals;
mod tree;
mod trie;
mod value_labels;
mod words;

pub use chart::{
    bar_chart, bar_chart_keyed, nice_ceiling, range_key, text_width_px, wrap_text, Bar, BarChart,
    Tick, LABEL_FONT_PX, MARGIN_BOTTOM_PX, MARGIN_LEFT_PX, MARGIN_RIGHT_PX, MARGIN_TOP_PX,
};
pub use export::{gaps_csv, months_csv, regions_csv, reported_csv, totals_csv, BOM};
pub use figures::ActivityFigures;
pub use format::{group_digits, group_signed, km, percent};
pub use gaps::{
    find_gaps, find_gaps_in, show_zoom, Gap, GapOptions, GapReport, Nearest, Served, SiteSphere,
    DEFAULT_GAP_RADIUS_KM,
};
pub use imported::{imported_layers, ImportedIndex, ImportedLayer, Published};
pub use index::{CoverageIndex, Scope, Tied};
pub use months::{by_month, MonthRow, Months, RangedRow, MAX_FILLED_MONTHS};
pub use places::{PlacePath, Places, LEVELS};
pub use reported::{
    candidates_for, qualified, reported_vs_mapped, Basis, Candidates, Mapped, MemberRow,
    MemberStatus, NotComparable, Record, ReportedRow,
};
pub use thematic::{
    circle_radius_px, levels_present, proportional_circles, region_display_name, NotDrawn,
    Thematic, ThemeCircle, ThemeMeasure,
};
pub use totals::{totals, KindCount, Totals, TypeFigures};
pub use tree::{by_region, PlaceCounts, RegionBreakdown, RegionRow};
pub use value_labels::{place_values, value_box_px, Placed, ValueLabel};
pub use words::{
    basis_words, candidates_words, coordinates_used_zh, member_status_words, not_comparable_words,
};
