//! The bundled dataset in `geodata/` and the invalid fixtures in `tests/fixtures/invalid/`,
//! checked through the domain API and through the `redmap-data` command.

use redmap::domain::geodata::load_dataset;
use redmap::domain::model::{ActivityTarget, Dataset, Measure, PrecisionLevel, RegionId, SiteId};
use redmap::domain::validate::{DataIssue, Severity};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Every .json / .geojson file directly in `dir`, as (name, text).
fn read_folder(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && (ext == "json" || ext == "geojson") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            files.push((name, fs::read_to_string(&path).expect("read file")));
        }
    }
    files
}

fn load(dir: &str) -> (Dataset, Vec<DataIssue>) {
    let files = read_folder(Path::new(dir));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    load_dataset(&borrowed)
}

fn bundled() -> Dataset {
    let (data, issues) = load("geodata");
    let errors: Vec<String> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "geodata/ has errors:\n{}",
        errors.join("\n")
    );
    data
}

#[test]
fn bundled_dataset_loads_without_errors_or_warnings() {
    let (data, issues) = load("geodata");
    let lines: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
    assert!(data.sites.len() >= 19, "{} sites", data.sites.len());
    assert_eq!(data.routes.len(), 3);
    assert!(data.manifest.is_some());
    assert!(
        data.visits.is_empty(),
        "the sources give no per-site visitor counts"
    );
}

#[test]
fn every_site_is_named_sourced_and_honest_about_precision() {
    let data = bundled();
    for s in &data.sites {
        assert!(!s.name.is_empty() && !s.name_en.is_empty(), "{}", s.id);
        assert!(
            s.sources.iter().any(|src| src.doc.ends_with(".txt")),
            "{} cites no seed",
            s.id
        );
        assert!(
            !s.precision.note.is_empty(),
            "{} has no precision note",
            s.id
        );
        let building = s.precision.level == PrecisionLevel::Building;
        let institute = s.id.as_str() == "guangzhou-peasant-movement-institute";
        assert_eq!(
            building, institute,
            "{}: only the 讲习所 is placed at building level",
            s.id
        );
        if s.precision.level == PrecisionLevel::Town {
            assert!(
                s.precision.note.contains("not"),
                "{}: a town placement must say so",
                s.id
            );
        }
    }
}

fn stops(data: &Dataset, route: &str) -> Vec<String> {
    let r = data
        .routes
        .iter()
        .find(|r| r.id.as_str() == route)
        .expect("route");
    r.stops
        .iter()
        .map(|s| data.site(s).expect("stop resolves").name.clone())
        .collect()
}

#[test]
fn routes_have_their_stops_in_source_order() {
    let data = bundled();
    assert_eq!(
        stops(&data, "nanhai-npc-red-heritage-visits"),
        [
            "中共南三花工委旧址",
            "广州农民运动讲习所旧址",
            "西樵山抗日阵亡将士暨死难同胞纪念碑"
        ]
    );
    assert_eq!(
        stops(&data, "xiqiao-deputies-survey"),
        [
            "陈启沅纪念馆",
            "南海丝厂蚕桑织造技艺研学基地",
            "西樵香云纱丝绸博物馆",
            "百里芳华乡村振兴示范带展示馆"
        ]
    );
    assert_eq!(
        stops(&data, "qianxi-2021-03-31-party-day"),
        ["大关盐号", "鸭池河红军渡口"]
    );
}

/// The (start date, site name or region id) of every activity.
fn activity_keys(data: &Dataset) -> BTreeSet<(String, String)> {
    let place = |t: &ActivityTarget| match t {
        ActivityTarget::Site(id) => data.site(id).map(|s| s.name.clone()).unwrap_or_default(),
        ActivityTarget::Region(id) => id.to_string(),
    };
    data.activities
        .iter()
        .map(|a| (a.date.bounds().0.to_string(), place(&a.target)))
        .collect()
}

#[test]
fn dated_events_are_activities_at_the_right_place() {
    let data = bundled();
    let keys = activity_keys(&data);
    for (date, place) in [
        ("2021-03-31", "大关盐号"),
        ("2021-03-31", "鸭池河红军渡口"),
        ("2021-04-29", "广东昭信集团红馆"),
        ("2021-07-01", "千灯湖公园"),
        ("2021-07-10", "nanhai"),
        ("2021-12-10", "孔湾村临江小公园"),
        ("2021-03-26", "qianxi"),
        ("2021-04-13", "qianxi"),
    ] {
        assert!(
            keys.contains(&(date.to_owned(), place.to_owned())),
            "no activity on {date} at {place}"
        );
    }
    let hq = SiteId::from("ye-ting-independent-regiment-hq");
    let weekly = data
        .activities_for_site(&hq)
        .find(|a| a.recurrence == Some(redmap::domain::model::Recurrence::Weekly));
    assert!(weekly.is_some_and(|a| a.title.contains("铁军讲堂")));
    let class = data
        .activities
        .iter()
        .find(|a| a.id.as_str() == "nanhai-2021-07-10-hundred-schools-class");
    assert_eq!(class.and_then(|a| a.participants), Some(500_000));
}

fn reported(data: &Dataset, region: &str, measure: Measure) -> Vec<u64> {
    let r = data.region(&RegionId::from(region)).expect("region");
    r.reported(measure).map(|r| r.value).collect()
}

#[test]
fn district_totals_are_reported_exactly() {
    let data = bundled();
    assert_eq!(reported(&data, "nanhai", Measure::RedResources), [14]);
    assert_eq!(reported(&data, "nanhai", Measure::VisitPoints), [7]);
    assert_eq!(reported(&data, "nanhai", Measure::Routes), [4]);
    assert_eq!(reported(&data, "nanhai", Measure::StudyBases), [6]);
    assert!(reported(&data, "nanhai", Measure::Activities).contains(&15_418));
    assert_eq!(reported(&data, "zhaoqing", Measure::Sites), [290]);
    assert_eq!(reported(&data, "zhaoqing", Measure::Routes), [7]);
    assert_eq!(reported(&data, "zhaoqing", Measure::TeachingPoints), [35]);
    assert_eq!(reported(&data, "zhaoqing", Measure::LectureBases), [14]);
    assert_eq!(reported(&data, "zhaoqing", Measure::Sessions), [31_501]);
    assert!(reported(&data, "zhaoqing", Measure::Participants).contains(&1_890_000));
    for region in &data.regions {
        for r in &region.reported {
            assert!(
                r.source.doc.ends_with(".txt"),
                "{}: a total without a seed source",
                region.id
            );
        }
    }
}

/// The non-comment lines of an `expected.txt`.
fn expected_lines(path: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(path).expect("expected.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn invalid_fixtures_give_exactly_the_expected_issues() {
    let mut cases = 0;
    for entry in fs::read_dir("tests/fixtures/invalid").expect("fixtures") {
        let dir = entry.expect("entry").path();
        let (_, issues) = load(dir.to_str().expect("utf-8 path"));
        let found: BTreeSet<String> = issues.iter().map(|i| i.to_string()).collect();
        let expected = expected_lines(&dir.join("expected.txt"));
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}:\nmissing {missing:#?}\nunexpected {extra:#?}",
            dir.display()
        );
        assert!(
            issues.iter().any(|i| i.severity == Severity::Error),
            "{}: no error",
            dir.display()
        );
        cases += 1;
    }
    assert!(cases >= 12, "only {cases} fixture cases");
}

#[test]
fn valid_fixture_has_no_issues() {
    let (data, issues) = load("tests/fixtures/valid");
    assert!(issues.is_empty(), "{issues:#?}");
    assert_eq!(
        (data.sites.len(), data.routes.len(), data.activities.len()),
        (2, 1, 1)
    );
}

fn run_cli(dir: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_redmap-data"))
        .args(["validate", dir])
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn cli_accepts_the_bundled_dataset() {
    let (code, stdout) = run_cli("geodata/");
    assert_eq!(code, 0, "{stdout}");
    let summary = stdout.lines().last().unwrap_or("");
    assert!(
        summary.starts_with("geodata/: ") && summary.contains(" 0 errors"),
        "{summary}"
    );
}

#[test]
fn cli_rejects_an_invalid_fixture() {
    let (code, stdout) = run_cli("tests/fixtures/invalid/unknown-enum");
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("unknown kind \"musem\" (did you mean \"museum\"?)"),
        "{stdout}"
    );
    let (code, _) = run_cli("tests/fixtures/no-such-folder");
    assert_eq!(code, 2);
}

/// 100k synthetic sites (labelled synthetic, never bundled) must parse well under 300 ms in
/// release. Run with `cargo test --release --test geodata -- --ignored`.
#[test]
#[ignore = "timing: run in release"]
fn parses_100k_sites_quickly() {
    let feature = |i: usize| {
        format!(
            r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lon:.5},{lat:.5}]}},"properties":{{"id":"synthetic-{i}","name":"合成站点{i}","name_en":"Synthetic site {i}","kind":"visit_point","admin":{{"province":"广东省"}},"region":"nanhai","summary":"synthetic","themes":["t"],"precision":{{"level":"town","radius_m":3000,"note":"synthetic"}},"sources":[{{"doc":"synthetic","says":"generated for a timing test"}}]}}}}"#,
            lon = 110.0 + (i % 1000) as f64 * 0.005,
            lat = 22.0 + (i / 1000) as f64 * 0.01,
        )
    };
    let features: Vec<String> = (0..100_000).map(feature).collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let start = std::time::Instant::now();
    let parsed = redmap::domain::geodata::parse_sites("synthetic.geojson", &text);
    let elapsed = start.elapsed();
    println!(
        "100k sites ({} MB) parsed in {elapsed:?}",
        text.len() / 1_000_000
    );
    assert_eq!(parsed.records.len(), 100_000);
    assert!(parsed.issues.is_empty());
    if !cfg!(debug_assertions) {
        assert!(elapsed.as_millis() < 300, "{elapsed:?}");
    }
}

/// The Chinese UI shows `precision.note_zh`: every bundled site has one, written in Chinese
/// with no Latin letters at all (no "GeoNames", "m", "km": the sources name the ids).
#[test]
fn every_bundled_site_has_a_chinese_position_note_without_latin_text() {
    let data = bundled();
    for site in &data.sites {
        let zh = &site.precision.note_zh;
        assert!(!zh.trim().is_empty(), "{}: no note_zh", site.id.as_str());
        assert!(
            !zh.chars().any(|c| c.is_ascii_alphabetic()),
            "{}: Latin text in note_zh \"{zh}\"",
            site.id.as_str()
        );
        assert!(
            !site.precision.note.is_empty(),
            "{}: no note",
            site.id.as_str()
        );
    }
    // Written from the same facts as the English note, e.g. the 阅江楼's hillock.
    let hq = data
        .sites
        .iter()
        .find(|s| s.id.as_str() == "ye-ting-independent-regiment-hq")
        .expect("阅江楼");
    assert!(hq.precision.note_zh.contains("正东路东侧"));
    assert!(hq.precision.note_zh.contains("西江"));
}

/// The English UI shows `themes_en` / `theme_en` and `admin_en`: one English name per theme
/// and per named place, with no Chinese in it.
#[test]
fn every_bundled_theme_and_place_has_an_english_name() {
    let data = bundled();
    let han = |s: &str| s.chars().any(redmap::domain::model::is_han);
    for site in &data.sites {
        assert_eq!(
            site.themes.len(),
            site.themes_en.len(),
            "{}",
            site.id.as_str()
        );
        assert!(
            site.themes_en.iter().all(|t| !t.is_empty() && !han(t)),
            "{:?}",
            site.themes_en
        );
        for (zh, en) in site.admin.parts().iter().zip(site.admin_en.parts()) {
            assert_eq!(zh.is_some(), en.is_some(), "{}: admin_en", site.id.as_str());
            assert!(!en.as_deref().is_some_and(han), "{en:?}");
        }
    }
    for route in &data.routes {
        assert!(
            !route.theme_en.is_empty() && !han(&route.theme_en),
            "{}",
            route.id.as_str()
        );
    }
    let sites = &data.sites;
    assert_eq!(
        redmap::domain::model::admin_name_en(sites, "越秀区"),
        Some("Yuexiu District")
    );
}
