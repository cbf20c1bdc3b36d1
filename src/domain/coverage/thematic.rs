//! The thematic map: one proportional circle per region of a chosen level, its area in
//! proportion to the sites, activity records or participants counted there (the same
//! figures as the breakdown by place), with a legend of reference sizes.
//!
//! Why circles and not shading: a choropleth needs region outlines, and the bundled
//! regions are points (a seat or a centre). No outline is made up; a region with no
//! position at all is listed as "not drawn" with its figure, never dropped. A participants
//! total that some records do not give is marked "at least", as everywhere else.
//!
//! Pure: a breakdown in, circles in screen-independent units (radius in CSS px) out.

use super::tree::{RegionBreakdown, RegionRow};
use crate::domain::model::{Dataset, LonLat, RegionLevel};

/// What the circles measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeMeasure {
    #[default]
    Sites,
    Activities,
    Participants,
}

impl ThemeMeasure {
    pub const ALL: [ThemeMeasure; 3] = [
        ThemeMeasure::Sites,
        ThemeMeasure::Activities,
        ThemeMeasure::Participants,
    ];

    /// The figure of a row, and whether it is a lower bound.
    pub fn of(self, row: &RegionRow) -> (u64, bool) {
        let a = &row.counts.activities;
        match self {
            ThemeMeasure::Sites => (row.counts.sites as u64, false),
            ThemeMeasure::Activities => (a.records as u64, false),
            ThemeMeasure::Participants => (a.participants, !a.participants_exact()),
        }
    }
}

/// One region's circle.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeCircle {
    /// Index into `dataset.regions`.
    pub region: usize,
    pub name: String,
    pub position: LonLat,
    pub value: u64,
    /// Some records give no figure: the value is a lower bound.
    pub at_least: bool,
    /// 0 for a zero value (drawn as an empty ring: "nothing here" is a finding).
    pub radius_px: f64,
}

/// A region of the level that has no position, so no circle: listed with its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct NotDrawn {
    pub name: String,
    /// The region record (index into `dataset.regions`), if the data has one.
    pub region: Option<usize>,
    pub value: u64,
    pub at_least: bool,
}

/// Circles, the regions that could not be drawn, and the legend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Thematic {
    /// Largest first, so that smaller circles are drawn on top.
    pub circles: Vec<ThemeCircle>,
    /// Regions of the level with no position, with their figures.
    pub not_drawn: Vec<NotDrawn>,
    /// Reference sizes: (value, radius in px), largest first.
    pub legend: Vec<(u64, f64)>,
}

/// The radius of `value` when `max` gets `max_radius_px` (area in proportion).
pub fn circle_radius_px(value: u64, max: u64, max_radius_px: f64) -> f64 {
    if max == 0 || value == 0 {
        return 0.0;
    }
    max_radius_px * (value as f64 / max as f64).sqrt()
}

/// The name to show for a region: in English, its record's English name, else (a place
/// known only from the sites' `admin` names, e.g. 广东省) the English name the sites give
/// for it (`admin_en`); else the name as in the data (`name`).
pub fn region_display_name(
    data: &Dataset,
    region: Option<usize>,
    name: &str,
    english: bool,
) -> String {
    if !english {
        return name.to_string();
    }
    region
        .and_then(|i| data.regions.get(i))
        .map(|r| r.name_en.trim())
        .filter(|en| !en.is_empty())
        .or_else(|| crate::domain::model::admin_name_en(&data.sites, name))
        .unwrap_or(name)
        .to_string()
}

/// The largest 1, 2 or 5 × 10^k not above `v` (0 for 0).
fn nice_floor(v: u64) -> u64 {
    if v == 0 {
        return 0;
    }
    let mut p = 1u64;
    while p.saturating_mul(10) <= v {
        p *= 10;
    }
    [5, 2, 1]
        .into_iter()
        .map(|m| m * p)
        .find(|n| *n <= v)
        .unwrap_or(p)
}

/// Circles for the regions of `level`.
pub fn proportional_circles(
    data: &Dataset,
    breakdown: &RegionBreakdown,
    level: RegionLevel,
    measure: ThemeMeasure,
    max_radius_px: f64,
) -> Thematic {
    let rows: Vec<&RegionRow> = breakdown.rows.iter().filter(|r| r.level == level).collect();
    let max = rows.iter().map(|r| measure.of(r).0).max().unwrap_or(0);
    let mut out = Thematic::default();
    for row in rows {
        let (value, at_least) = measure.of(row);
        let placed = row.region.and_then(|i| {
            let centre = data.regions.get(i)?.geometry.as_ref()?.centre()?;
            Some((i, centre))
        });
        match placed {
            Some((region, position)) => out.circles.push(ThemeCircle {
                region,
                name: row.name.clone(),
                position,
                value,
                at_least,
                radius_px: circle_radius_px(value, max, max_radius_px),
            }),
            None => out.not_drawn.push(NotDrawn {
                name: row.name.clone(),
                region: row.region,
                value,
                at_least,
            }),
        }
    }
    out.circles.sort_by_key(|c| std::cmp::Reverse(c.value));
    let mut legend: Vec<u64> = vec![max, nice_floor(max / 4), nice_floor(max / 16)];
    legend.retain(|v| *v > 0);
    legend.dedup();
    out.legend = legend
        .into_iter()
        .map(|v| (v, circle_radius_px(v, max, max_radius_px)))
        .collect();
    out
}

/// The levels that have at least one region record, top level first.
pub fn levels_present(breakdown: &RegionBreakdown) -> Vec<RegionLevel> {
    let mut levels: Vec<RegionLevel> = [
        RegionLevel::Province,
        RegionLevel::City,
        RegionLevel::County,
        RegionLevel::Town,
    ]
    .into_iter()
    .filter(|l| {
        breakdown
            .rows
            .iter()
            .any(|r| r.level == *l && r.region.is_some())
    })
    .collect();
    levels.dedup();
    levels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::city;
    use crate::domain::coverage::{by_region, CoverageIndex, Scope};

    #[test]
    fn area_is_in_proportion_to_the_value() {
        assert_eq!(circle_radius_px(0, 10, 30.0), 0.0);
        assert_eq!(circle_radius_px(10, 10, 30.0), 30.0);
        assert!((circle_radius_px(1, 4, 30.0) - 15.0).abs() < 1e-9);
        assert_eq!(circle_radius_px(3, 0, 30.0), 0.0);
    }

    #[test]
    fn legend_values_are_round() {
        assert_eq!(nice_floor(0), 0);
        assert_eq!(nice_floor(7), 5);
        assert_eq!(nice_floor(290), 200);
        assert_eq!(nice_floor(1000), 1000);
        assert_eq!(nice_floor(19), 10);
    }

    #[test]
    fn one_circle_per_placed_region_of_the_level() {
        let data = city();
        let b = by_region(&data, &CoverageIndex::new(&data), Scope::all());
        let t = proportional_circles(&data, &b, RegionLevel::County, ThemeMeasure::Sites, 30.0);
        let counties: Vec<&RegionRow> = b
            .rows
            .iter()
            .filter(|r| r.level == RegionLevel::County)
            .collect();
        assert_eq!(t.circles.len() + t.not_drawn.len(), counties.len());
        let total: u64 = counties.iter().map(|r| r.counts.sites as u64).sum();
        let drawn: u64 = t.circles.iter().map(|c| c.value).sum::<u64>()
            + t.not_drawn.iter().map(|n| n.value).sum::<u64>();
        assert_eq!(drawn, total, "every figure is drawn or listed");
        assert!(t.circles.windows(2).all(|w| w[0].value >= w[1].value));
        assert_eq!(t.legend.first().map(|l| l.1), Some(30.0));
        assert!(levels_present(&b).contains(&RegionLevel::County));
    }

    #[test]
    fn regions_show_their_english_name_in_english_when_the_data_has_one() {
        let mut data = city();
        data.regions[0].name_en = "Yuexiu District".into();
        let zh = data.regions[0].name.clone();
        assert_eq!(
            region_display_name(&data, Some(0), &zh, true),
            "Yuexiu District"
        );
        assert_eq!(region_display_name(&data, Some(0), &zh, false), zh);
        data.regions[0].name_en = "  ".into();
        assert_eq!(region_display_name(&data, Some(0), &zh, true), zh);
        // A place with no region record, or an index out of range, keeps the data's name.
        assert_eq!(region_display_name(&data, None, "越秀区", true), "越秀区");
        // A place with no region record: the English name the sites' admin_en gives.
        let mut with_admin = data.clone();
        let mut s = crate::domain::coverage::test_data::site(
            "s",
            crate::domain::model::SiteKind::Other,
            0.0,
            0.0,
        );
        s.admin.province = Some("广东省".into());
        s.admin_en.province = Some("Guangdong".into());
        with_admin.sites.push(s);
        assert_eq!(
            region_display_name(&with_admin, None, "广东省", true),
            "Guangdong"
        );
        assert_eq!(
            region_display_name(&with_admin, None, "广东省", false),
            "广东省"
        );
        assert_eq!(
            region_display_name(&data, Some(9999), "越秀区", true),
            "越秀区"
        );
    }
}
