//! Coverage figures on the bundled dataset: the numbers an organiser would check by hand
//! against the seed reports and geodata/ (see docs/source-facts.md).

use redmap::domain::coverage::{
    by_month, by_region, find_gaps, reported_csv, reported_vs_mapped, totals, Basis, CoverageIndex,
    GapOptions, Mapped, MemberStatus, NotComparable, RegionRow, ReportedRow, Scope, BOM,
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
    assert_eq!(m.rows.first().map(|r| r.label()), Some("2021-02".into()));
    assert_eq!(m.rows.last().map(|r| r.label()), Some("2021-12".into()));
    assert_eq!(m.records(), 23, "months plus ranged rows");
    // 2021-03-31: the two Qianxi party days, among the month's records.
    assert!(m.rows[1].started.records >= 2);
}

/// The review: the 7 visits dated only "2021-03 – 2021-12" were under way in every month,
/// and the 60 study sessions (dated only "2021-03 – 2021-11") were all put in 2021-03.
#[test]
fn ranged_records_are_in_their_own_rows_and_only_recurring_ones_run_each_month() {
    let data = bundled();
    let m = by_month(&data, &CoverageIndex::new(&data), Scope::all());
    let ranged: Vec<(String, bool, usize, u64)> = m
        .ranged
        .iter()
        .map(|r| {
            (
                r.label(),
                r.recurring,
                r.figures.records,
                r.figures.sessions,
            )
        })
        .collect();
    assert_eq!(
        ranged,
        [
            ("2021-02 – 2021-12".to_owned(), false, 1, 0),
            ("2021-02 – 2021-12".to_owned(), true, 2, 0),
            ("2021-03 – 2021-11".to_owned(), false, 1, 60),
            ("2021-03 – 2021-12".to_owned(), false, 7, 0),
        ]
    );
    let march = m
        .rows
        .iter()
        .find(|r| r.label() == "2021-03")
        .expect("march");
    assert_eq!(march.started.sessions, 0, "the 60 sessions are not March's");
    assert_eq!(
        march.started.participants, 24_000,
        "the March online contest is"
    );
    // Under way: the month's own records plus the weekly 铁军讲堂 and 徐旭礼's "often" talks.
    assert!(m.rows.iter().all(|r| r.recurring == 2));
    let august = m
        .rows
        .iter()
        .find(|r| r.label() == "2021-08")
        .expect("august");
    assert_eq!(
        august.running, 2,
        "no dated record in August; the visits are not under way"
    );
}

/// Each reported row of the bundled data as the dashboard shows it: (region, measure,
/// reported, mapped or "not comparable (N on the map)", or "tally").
fn summary(rows: &[ReportedRow]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let mapped = match r.mapped {
                Mapped::Count { value, .. } => value.to_string(),
                Mapped::NotComparable(NotComparable::Unnamed { count, .. }) => {
                    format!("not comparable ({count} on the map)")
                }
                Mapped::NotComparable(NotComparable::ProgrammeTally { .. }) => "tally".into(),
            };
            format!(
                "{} {} {} {}",
                r.region_name,
                r.measure.as_str(),
                r.reported_label(),
                mapped
            )
        })
        .collect()
}

#[test]
fn reported_vs_mapped_counts_only_what_the_reports_name() {
    let data = bundled();
    let rows = reported_vs_mapped(&data, &CoverageIndex::new(&data), Scope::all());
    assert_eq!(
        summary(&rows),
        [
            // "深挖改造提升中共南海县委旧址等14处红色资源": the one named is mapped.
            "南海区 red_resources 14 1",
            // None named, no site labelled a visit point: our labels are not the report's,
            // so not a certain 0.
            "南海区 visit_points 7 not comparable (0 on the map)",
            // The 2 Nanhai routes on the map are recorded visits, not the 4 study routes.
            "南海区 routes 4 0",
            // "命名了中共南海县委旧址等6个红色研学基地"; the silk factory base is not one of them.
            "南海区 study_bases 6 1",
            // Three activity totals of different programmes: none names its activities.
            "南海区 activities 15418 not comparable (14 on the map)",
            "南海区 lectures 5598+ not comparable (3 on the map)",
            "南海区 lectures 100+ not comparable (3 on the map)",
            // The citizens' lecture group: the 6月17日 lecture of the veteran is named.
            "南海区 lectures ≈400 1",
            "南海区 lectures ≈200 not comparable (3 on the map)",
            "南海区 activities 1998 not comparable (14 on the map)",
            "南海区 activities 300+ not comparable (14 on the map)",
            "南海区 participants 300000 tally",
            // 290 red revolutionary sites "盘活利用": the report names none of them.
            "肇庆市 sites 290 not comparable (2 on the map)",
            // No route on the map has a stop in Zhaoqing: none of its 7 can be mapped.
            "肇庆市 routes 7 0",
            // No site labelled so, none named: our labels are not the report's (阅江楼 holds
            // weekly lectures), so not a certain 0.
            "肇庆市 teaching_points 35 not comparable (0 on the map)",
            "肇庆市 lecture_bases 14 not comparable (0 on the map)",
            "肇庆市 sessions 31501 tally",
            "肇庆市 participants 1890000 tally",
            "肇庆市 party_days 25169 not comparable (0 on the map)",
            "肇庆市 lectures 5514 not comparable (3 on the map)",
            "肇庆市 participants 750000 tally",
            "肇庆市 lectures 21643 not comparable (3 on the map)",
            "肇庆市 participants 2430000 tally",
            "肇庆市 lectures 1498 not comparable (3 on the map)",
            "黔西县 sessions 3 tally",
        ]
    );
    let find = |region: &str, measure: Measure| {
        rows.iter()
            .find(|r| r.region_name == region && r.measure == measure)
            .expect("row")
    };
    let bases = find("南海区", Measure::StudyBases);
    assert_eq!(
        (bases.difference(), bases.completeness()),
        (Some(5), Some(1.0 / 6.0))
    );
    let named: Vec<(&str, MemberStatus)> = bases
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.status))
        .collect();
    assert_eq!(named, [("中共南海县委旧址", MemberStatus::Counted)]);
    let routes = find("南海区", Measure::Routes);
    assert_eq!(
        (routes.difference(), routes.completeness()),
        (Some(4), Some(0.0))
    );
    assert!(routes.members.is_empty());
    assert!(matches!(
        routes.mapped,
        Mapped::Count {
            value: 0,
            basis: Basis::NoneInData(_)
        }
    ));
    // Zhaoqing's 35 teaching points: none named and none of the kind mapped; still not a
    // certain 0 (the kinds are ours: 阅江楼 may well be one), so not comparable.
    assert!(matches!(
        find("肇庆市", Measure::TeachingPoints).mapped,
        Mapped::NotComparable(NotComparable::Unnamed { count: 0, .. })
    ));
    // 300+ enterprise lectures and films: not comparable, the 14 records as context only.
    let enterprise = rows
        .iter()
        .find(|r| {
            r.region_name == "南海区" && r.reported == 300 && r.measure == Measure::Activities
        })
        .expect("300+ row");
    assert_eq!(
        (enterprise.difference(), enterprise.completeness()),
        (None, None)
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
    assert!(rows.iter().any(|r| r.qualifier == Some(Qualifier::Over)));
    let csv = reported_csv(&rows);
    assert!(csv.starts_with(BOM) && csv.contains(",5598,超过 / over,"));
    assert!(csv.contains("中共南海县委旧址 (nanhai-county-committee-site): 已计入 / counted"));
}

#[test]
fn gaps_at_10_km_are_the_unmapped_counties_and_towns() {
    let data = bundled();
    let g = find_gaps(&data, Scope::all(), &GapOptions::default());
    let names = |list: &[redmap::domain::coverage::Gap]| -> Vec<String> {
        list.iter()
            .map(|x| data.regions[x.region].name.clone())
            .collect()
    };
    let gaps = names(&g.gaps);
    // 怀集 is ~75 km from the nearest mapped site; 西樵镇 holds five sites and is no gap.
    assert_eq!(gaps.first().map(String::as_str), Some("怀集县"));
    assert!(gaps.iter().any(|n| n == "封开县"));
    assert!(!gaps.iter().any(|n| n == "西樵镇" || n == "端州区"));
    let first = g.gaps[0].nearest.expect("nearest");
    assert!((70_000.0..80_000.0).contains(&first.distance_m));
    assert!(g.unlocated.is_empty());
    assert_eq!(g.checked, g.served.len() + g.gaps.len() + g.uncertain.len());
    // At 100 km nothing in Zhaoqing or Nanhai is a gap.
    let wide = GapOptions {
        radius_km: 100.0,
        ..GapOptions::default()
    };
    assert!(find_gaps(&data, Scope::all(), &wide).gaps.is_empty());
}

/// The review: "丹灶镇 has no site within 10 km" ignored three sites placed only to the
/// district (±25 km, anywhere in it): 丹灶 can't be told, and those three are named.
#[test]
fn danzao_is_uncertain_because_of_the_three_sites_placed_only_to_the_district() {
    let data = bundled();
    let g = find_gaps(&data, Scope::all(), &GapOptions::default());
    assert!(!g
        .gaps
        .iter()
        .any(|x| data.regions[x.region].name == "丹灶镇"));
    let danzao = g
        .uncertain
        .iter()
        .find(|x| data.regions[x.region].name == "丹灶镇")
        .expect("丹灶镇 can't be told");
    let mut could: Vec<&str> = danzao
        .possible
        .iter()
        .map(|n| data.sites[n.site].id.as_str())
        .collect();
    could.sort_unstable();
    // The three at the district seat (~28 km, ±25 km) and the five at 西樵镇's town point
    // (~12 km, ±5 km) could all be within 10 km; none is for certain.
    assert_eq!(
        could,
        [
            "baili-fanghua-exhibition-hall",
            "chen-qiyuan-memorial-hall",
            "nanhai-county-committee-site",
            "nanhai-silk-factory-study-base",
            "xiqiao-xiangyunsha-silk-museum",
            "xiqiaoshan-anti-japanese-memorial",
            "yifang-pharmaceutical",
            "zhaoxin-group-red-hall"
        ]
    );
    let district = danzao.possible.iter().filter(|n| n.radius_m == 25_000.0);
    assert_eq!(district.count(), 3);
    assert!(danzao
        .possible
        .iter()
        .all(|n| n.farthest_possible_m() > 10_000.0));
}

/// At 0 km no seat "has" a site at its centroid: every bundled position is approximate.
#[test]
fn at_0_km_no_seat_is_served_for_certain() {
    let data = bundled();
    let zero = GapOptions {
        radius_km: 0.0,
        ..GapOptions::default()
    };
    let g = find_gaps(&data, Scope::all(), &zero);
    assert!(g.served.is_empty(), "{:?}", g.served);
    assert!(g.uncertain.len() >= 9, "{}", g.uncertain.len());
}
