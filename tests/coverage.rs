//! Coverage figures on the bundled dataset: the numbers an organiser would check by hand
//! against the seed reports and geodata/ (see docs/source-facts.md).

use redmap::domain::coverage::{
    by_month, by_region, find_gaps, reported_csv, reported_vs_mapped, totals, CoverageIndex,
    GapOptions, Mapped, NotComparable, RegionRow, Scope, BOM,
};
use redmap::domain::geodata::load_dataset;
use redmap::domain::model::{Dataset, Measure, Qualifier};

fn bundled() -> Dataset {
    let names = [
        "dataset.json",
        "sites.geojson",
        "routes.geojson",
        "regions.geojson",
        "activities.json",
        "visits.json",
    ];
    let texts: Vec<(&str, String)> = names
        .iter()
        .map(|n| {
            (
                *n,
                std::fs::read_to_string(format!("geodata/{n}")).expect("geodata file"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (data, issues) = load_dataset(&files);
    assert!(issues.is_empty(), "{issues:?}");
    data
}

fn row<'a>(rows: &'a [RegionRow], name: &str) -> &'a RegionRow {
    rows.iter().find(|r| r.name == name).expect(name)
}

#[test]
fn headline_totals_match_the_files() {
    let data = bundled();
    let t = totals(&data, &CoverageIndex::new(&data), Scope::all());
    assert_eq!((t.sites, t.routes, t.teaching_points), (20, 3, 0));
    assert_eq!(t.by_kind.iter().map(|k| k.main).sum::<usize>(), 20);
    assert_eq!(t.activities.records, 23);
    // Only three activities give participants (500,000+ students, 24,000+ contestants and
    // none else): the total is a lower bound and says so.
    assert_eq!(t.activities.participants, 524_000);
    assert_eq!(t.activities.participants_missing, 21);
    assert!(!t.activities.participants_exact());
    assert_eq!(
        t.by_type.iter().map(|f| f.figures.records).sum::<usize>(),
        23
    );
}

#[test]
fn the_place_tree_has_every_region_and_adds_up() {
    let data = bundled();
    let b = by_region(&data, &CoverageIndex::new(&data), Scope::all());
    let rows = &b.rows;
    // Every region record is a row, with its record attached.
    for (i, region) in data.regions.iter().enumerate() {
        let r = row(rows, &region.name);
        assert_eq!(r.region, Some(i), "{}", region.name);
    }
    // Provinces come from the sites' admin names (no province record exists).
    let top: Vec<&str> = rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(top, ["广东省", "贵州省"]);
    assert_eq!(row(rows, "南海区").counts.sites, 14);
    assert_eq!(row(rows, "西樵镇").counts.sites, 5);
    assert_eq!(row(rows, "肇庆市").counts.sites, 3);
    assert_eq!(
        row(rows, "封开县").counts.sites,
        0,
        "an empty county is listed"
    );
    assert_eq!(
        row(rows, "越秀区").counts.sites,
        1,
        "from admin, below 广州市"
    );
    let top_sites: usize = rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.counts.sites)
        .sum();
    assert_eq!(top_sites + b.unplaced.sites, 20);
    let top_acts: usize = rows
        .iter()
        .filter(|r| r.depth == 0)
        .map(|r| r.counts.activities.records)
        .sum();
    assert_eq!(top_acts + b.unplaced.activities.records, 23);
}

#[test]
fn months_add_up_to_the_activity_total() {
    let data = bundled();
    let m = by_month(&data, &CoverageIndex::new(&data), Scope::all());
    assert_eq!(m.first().map(|r| r.label()), Some("2021-02".into()));
    assert_eq!(m.last().map(|r| r.label()), Some("2021-12".into()));
    assert_eq!(m.iter().map(|r| r.started.records).sum::<usize>(), 23);
    // 2021-03-31: the two Qianxi party days, among the month's starts.
    assert!(m[1].started.records >= 2);
}

#[test]
fn reported_vs_mapped_for_zhaoqing_and_nanhai() {
    let data = bundled();
    let rows = reported_vs_mapped(&data, &CoverageIndex::new(&data), Scope::all());
    let find = |region: &str, measure: Measure| {
        rows.iter()
            .find(|r| r.region_name == region && r.measure == measure)
            .expect("row")
    };
    // 290 red sites reported; 叶挺独立团团部旧址 and 绥贺支队司令部旧址 are mapped.
    let zq = find("肇庆市", Measure::Sites);
    assert_eq!(
        (zq.reported, zq.mapped_value(), zq.difference()),
        (290, Some(2), Some(288))
    );
    assert_eq!(
        find("肇庆市", Measure::TeachingPoints).mapped_value(),
        Some(0)
    );
    // Nanhai: 6 study bases (县委旧址 as a further role + the silk factory base), 4 routes
    // (2 of ours stop in Nanhai), 14 red resources not comparable.
    assert_eq!(find("南海区", Measure::StudyBases).mapped_value(), Some(2));
    assert_eq!(find("南海区", Measure::Routes).mapped_value(), Some(2));
    assert_eq!(
        find("南海区", Measure::RedResources).mapped,
        Mapped::NotComparable(NotComparable::CampaignSubset)
    );
    // 300,000 person-times of the enterprise lectures vs 524,000 in unrelated records:
    // shown as recorded, never as "175 % complete".
    let p = find("南海区", Measure::Participants);
    assert!(matches!(
        p.mapped,
        Mapped::NotComparable(NotComparable::ProgrammeTally {
            recorded: 524_000,
            ..
        })
    ));
    assert_eq!(p.completeness(), None);
    // "超5598场次" keeps its qualifier.
    let lectures: Vec<String> = rows
        .iter()
        .filter(|r| r.region_name == "南海区" && r.measure == Measure::Lectures)
        .map(|r| r.reported_label())
        .collect();
    assert_eq!(lectures, ["5598+", "100+", "≈400", "≈200"]);
    assert!(rows.iter().any(|r| r.qualifier == Some(Qualifier::Over)));
    let csv = reported_csv(&rows);
    assert!(csv.starts_with(BOM) && csv.contains("5598+"));
}

#[test]
fn gaps_at_10_km_are_the_unmapped_counties_and_towns() {
    let data = bundled();
    let g = find_gaps(&data, Scope::all(), &GapOptions::default());
    let names: Vec<&str> = g
        .gaps
        .iter()
        .map(|x| data.regions[x.region].name.as_str())
        .collect();
    // 怀集 is ~75 km from the nearest mapped site; 西樵镇 holds five sites and is no gap.
    assert_eq!(names.first(), Some(&"怀集县"));
    assert!(names.contains(&"封开县") && names.contains(&"丹灶镇"));
    assert!(!names.contains(&"西樵镇") && !names.contains(&"端州区"));
    let first = g.gaps[0].nearest.expect("nearest");
    assert!((70_000.0..80_000.0).contains(&first.distance_m));
    assert!(g.unlocated.is_empty());
    // At 100 km nothing in Zhaoqing or Nanhai is a gap.
    let wide = GapOptions {
        radius_km: 100.0,
        ..GapOptions::default()
    };
    assert!(find_gaps(&data, Scope::all(), &wide).gaps.is_empty());
}
