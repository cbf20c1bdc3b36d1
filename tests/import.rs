//! Importing organisers' files: the messy fixtures in tests/fixtures/import/ (made by
//! make_fixtures.py: BOM, GBK, quoted commas and line breaks, blank rows, swapped lat/lon,
//! degrees-minutes-seconds, bad rows among good ones) and the issues each must give.

use redmap::domain::coords::CoordSystem;
use redmap::domain::coverage::{totals, CoverageIndex, Scope};
use redmap::domain::import::{
    import_csv, import_file, layer_csv, layer_geojson, read_table, suggest_mapping, CsvImport,
    Field, ImportFormat, ImportOptions, Imported, IMPORTED_SAYS, MAX_IMPORT_BYTES,
};
use redmap::domain::model::{ActivityType, PrecisionLevel, Qualifier, SiteKind};
use redmap::domain::validate::Severity;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/import/{name}")).expect("fixture")
}

fn import(name: &str) -> Imported {
    import_file(name, &fixture(name), &ImportOptions::default())
}

/// (severity, path) of every issue.
fn issue_paths(out: &Imported) -> Vec<(Severity, String)> {
    out.issues
        .iter()
        .map(|i| (i.severity, i.path.clone()))
        .collect()
}

fn names(out: &Imported) -> Vec<&str> {
    out.dataset.sites.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn csv_with_bom_quotes_blank_rows_dms_and_bad_rows() {
    let out = import("sites_utf8_bom.csv");
    assert_eq!(
        names(&out),
        [
            "中共南海县委旧址",
            "西樵山抗日阵亡将士暨死难同胞纪念碑",
            "陈启沅纪念馆",
            "千灯湖公园",
            "金峰洲社区",
            "引号 \"红馆\""
        ]
    );
    let s = &out.dataset.sites;
    assert_eq!(
        s[0].address.as_deref(),
        Some("桂城街道,南海区"),
        "quoted comma"
    );
    assert_eq!(
        s[2].address.as_deref(),
        Some("简村\n陈氏以庭祖祠"),
        "quoted line break"
    );
    // 112°58'2.6"E, 22°56'46.1"N
    assert!((s[1].position.lon - (112.0 + 58.0 / 60.0 + 2.6 / 3600.0)).abs() < 1e-9);
    assert!((s[1].position.lat - (22.0 + 56.0 / 60.0 + 46.1 / 3600.0)).abs() < 1e-9);
    assert_eq!(
        (s[2].position.lon, s[2].position.lat),
        (112.96738, 22.94614),
        "unswapped"
    );
    assert_eq!(
        [s[0].kind, s[1].kind, s[2].kind, s[3].kind, s[4].kind],
        [
            SiteKind::RevolutionarySite,
            SiteKind::Memorial,
            SiteKind::Museum,
            SiteKind::PublicSpace,
            SiteKind::Other
        ]
    );
    assert_eq!(s[4].extra, [("类型".to_owned(), "党员活动阵地".to_owned())]);
    assert_eq!(
        issue_paths(&out),
        [
            (Severity::Warning, "row 5, 纬度, 经度".into()),
            (Severity::Error, "row 6, 经度".into()),
            (Severity::Error, "row 7".into()),
            (Severity::Info, "row 8, 活动日期".into()),
            (Severity::Error, "row 9, 参与人数".into()),
            (Severity::Info, "row 10, 类型".into()),
            (Severity::Error, "row 13, 活动日期".into()),
        ]
    );
    assert!(out.issues[0].message.contains("swapped"));
    assert!(out.issues.iter().all(|i| i.file == "sites_utf8_bom.csv"));
    let sum = out.summary;
    assert_eq!(
        (sum.format, sum.records, sum.skipped, sum.merged),
        (ImportFormat::Csv, 9, 2, 1)
    );
    assert_eq!((sum.sites, sum.activities), (6, 4));
}

#[test]
fn csv_rows_with_dates_and_counts_become_activities() {
    let out = import("sites_utf8_bom.csv");
    let acts = &out.dataset.activities;
    let summary: Vec<(String, Option<u64>, Option<Qualifier>)> = acts
        .iter()
        .map(|a| (a.date.to_string(), a.participants, a.participants_qualifier))
        .collect();
    assert_eq!(
        summary,
        [
            ("2021-03-02".into(), Some(500), Some(Qualifier::About)),
            ("2021-03-31".into(), Some(300), Some(Qualifier::Over)),
            ("2021-04-01".into(), Some(12_000), None), // Excel day 44287, "1.2万"
            ("2021-07-01".into(), None, None),         // "many" is listed, not guessed
        ]
    );
    // Rows 2 and 8 are one site with two activities.
    assert_eq!(acts[0].target, acts[2].target);
    assert!(acts.iter().all(|a| a.kind == ActivityType::Other));
    // The dashboard counts what was imported: 12,800 person-times, one record without.
    let t = totals(
        &out.dataset,
        &CoverageIndex::new(&out.dataset),
        Scope::all(),
    );
    assert_eq!((t.sites, t.activities.records), (6, 4));
    assert_eq!(
        (t.activities.participants, t.activities.participants_missing),
        (12_800, 1)
    );
}

#[test]
fn nothing_is_dropped_without_being_listed() {
    for name in [
        "sites_utf8_bom.csv",
        "sites_gbk.tsv",
        "no_header.csv",
        "track.gpx",
        "places.kml",
    ] {
        let out = import(name);
        let s = out.summary;
        let listed = out
            .issues
            .iter()
            .filter(|i| i.message.contains("not imported"))
            .count();
        assert_eq!(s.skipped, listed, "{name}: every skipped record is listed");
        // A placemark may give several sites; a CSV row gives one site, or joins an
        // earlier row's site, or is skipped.
        let made = out.dataset.sites.len() + out.dataset.routes.len();
        assert!(made + s.merged + s.skipped >= s.records, "{name}: {s:?}");
        if s.format == ImportFormat::Csv {
            assert_eq!(made + s.merged + s.skipped, s.records, "{name}");
        }
    }
}

#[test]
fn gbk_tab_separated_with_one_coordinate_column() {
    let out = import("sites_gbk.tsv");
    assert_eq!(out.issues[0].message, "text read as GBK (not UTF-8)");
    assert_eq!(
        names(&out),
        [
            "叶挺独立团团部旧址（阅江楼）",
            "绥贺支队司令部旧址",
            "孔湾村临江小公园"
        ]
    );
    let s = &out.dataset.sites;
    assert_eq!(
        (s[0].position.lon, s[0].position.lat),
        (112.46091, 23.04893)
    );
    assert_eq!(
        (s[1].position.lon, s[1].position.lat),
        (111.94167, 23.28306),
        "space after comma"
    );
    assert_eq!(
        (s[2].position.lon, s[2].position.lat),
        (112.38641, 23.13846),
        "lon,lat in a lat,lon column"
    );
    assert_eq!(s[1].admin.county.as_deref(), Some("德庆县"));
    assert_eq!(s[1].admin.town.as_deref(), Some("高良镇"));
    assert_eq!(
        issue_paths(&out)[1..],
        [
            (Severity::Warning, "row 4, 坐标".into()),
            (Severity::Error, "row 5, 坐标".into())
        ]
    );
}

#[test]
fn gbk_and_utf8_of_the_same_table_import_the_same() {
    let utf8 = String::from_utf8(fixture("sites_utf8_bom.csv")).expect("utf8");
    let body = utf8.trim_start_matches('\u{feff}');
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(body);
    assert!(!unmappable);
    let a = import_file("x.csv", body.as_bytes(), &ImportOptions::default());
    let b = import_file("x.csv", &gbk, &ImportOptions::default());
    assert_eq!(a.dataset, b.dataset);
    assert_eq!(
        a.issues,
        b.issues[1..],
        "GBK adds only the 'read as GBK' note"
    );
}

#[test]
fn csv_without_header_is_mapped_by_its_values() {
    let out = import("no_header.csv");
    assert!(out.issues.is_empty(), "{:?}", out.issues);
    assert_eq!(names(&out), ["大关盐号", "鸭池河红军渡口"]);
    let p = out.dataset.sites[1].position;
    assert!((p.lon - (106.0 + 17.0 / 60.0 + 49.2 / 3600.0)).abs() < 1e-9);
    assert!((p.lat - (26.0 + 53.0 / 60.0 + 6.0 / 3600.0)).abs() < 1e-9);
}

#[test]
fn gpx_waypoints_routes_and_tracks() {
    let out = import("track.gpx");
    assert_eq!(names(&out), ["阅江楼", "孔湾村临江小公园"]);
    let s = &out.dataset.sites;
    assert_eq!(s[0].kind, SiteKind::Museum);
    assert_eq!(s[0].summary, "叶挺独立团团部旧址");
    assert!(s[0].extra.contains(&("ele".into(), "12".into())));
    assert_eq!(
        (s[1].position.lon, s[1].position.lat),
        (112.38641, 23.13846),
        "swapped attributes"
    );
    let routes: Vec<(&str, Vec<usize>)> = out
        .dataset
        .routes
        .iter()
        .map(|r| (r.name.as_str(), r.path.iter().map(Vec::len).collect()))
        .collect();
    assert_eq!(routes, [("端州红色线路", vec![3]), ("徒步", vec![2])]);
    let paths: Vec<String> = out.issues.iter().map(|i| i.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "wpt[1] (line 10)",
            "wpt[2] (line 13)",
            "rte[1] (line 34)",
            "trk[0] (line 23).trkseg[0].trkpt[2] (line 28)",
            "trk[0] (line 23).trkseg[1]",
        ]
    );
    assert_eq!((out.summary.records, out.summary.skipped), (6, 2));
}

#[test]
fn kml_placemarks_in_folders_with_extended_data() {
    let out = import("places.kml");
    assert_eq!(names(&out), ["大关盐号", "鸭池河红军渡口", "两处", "两处"]);
    let s = &out.dataset.sites;
    assert_eq!(s[0].id.as_str(), "daguan");
    assert_eq!(s[0].summary, "红二、六军团开仓放盐\n大关镇", "HTML dropped");
    assert_eq!(
        s[0].extra,
        [
            ("folder".to_owned(), "黔西红色资源 / 旧址".to_owned()),
            ("level".to_owned(), "县级".to_owned()),
            ("编号".to_owned(), "QX-001".to_owned()),
        ]
    );
    assert_eq!(
        (s[1].position.lon, s[1].position.lat),
        (106.297, 26.885),
        "swapped tuple"
    );
    assert_ne!(
        s[2].id, s[3].id,
        "a MultiGeometry's points get their own ids"
    );
    let routes: Vec<(&str, usize)> = out
        .dataset
        .routes
        .iter()
        .map(|r| (r.name.as_str(), r.path[0].len()))
        .collect();
    assert_eq!(
        routes,
        [("抢渡路线", 3), ("轨迹", 2)],
        "spaces after commas; gx:Track"
    );
    assert_eq!(
        issue_paths(&out),
        [
            (Severity::Warning, "Placemark[1] (line 16)".into()),
            (Severity::Info, "Placemark[3] (line 29)".into()),
            (Severity::Warning, "Placemark[4] (line 33)".into()),
            (Severity::Error, "Placemark[6] (line 43).coordinates".into()),
        ]
    );
}

#[test]
fn imported_records_claim_nothing_the_file_does_not_say() {
    for name in ["sites_utf8_bom.csv", "track.gpx", "places.kml"] {
        let out = import(name);
        for s in &out.dataset.sites {
            assert_eq!(s.precision.level, PrecisionLevel::Unknown);
            assert_eq!(s.sources[0].doc, name);
            assert_eq!(s.sources[0].says, IMPORTED_SAYS);
        }
        for r in &out.dataset.routes {
            assert!(r.stops.is_empty(), "a drawn line names no sites");
        }
    }
}

#[test]
fn the_chosen_coordinate_system_is_converted_to_wgs84() {
    let text = "名称,经度,纬度\n甲,113.1856,23.03625\n";
    let wgs = import_file("a.csv", text.as_bytes(), &ImportOptions::default());
    let bd = import_file(
        "a.csv",
        text.as_bytes(),
        &ImportOptions {
            coords: CoordSystem::Bd09,
            ..ImportOptions::default()
        },
    );
    let (a, b) = (wgs.dataset.sites[0].position, bd.dataset.sites[0].position);
    let shift_m = redmap::domain::geo::distance_m(a, b);
    assert!(
        (500.0..1500.0).contains(&shift_m),
        "BD-09 is ~0.5-1 km off WGS-84: {shift_m}"
    );
    let back = CoordSystem::Bd09.from_wgs84(b);
    assert!((back.lon - 113.1856).abs() < 1e-7 && (back.lat - 23.03625).abs() < 1e-7);
}

#[test]
fn stepping_gives_the_same_layer_as_one_go() {
    let text = String::from_utf8(fixture("sites_utf8_bom.csv")).expect("utf8");
    let (table, issues) = read_table("s.csv", &text);
    let mapping = suggest_mapping(&table);
    let whole = import_csv(
        "s.csv",
        table.clone(),
        mapping.clone(),
        &ImportOptions::default(),
        issues.clone(),
    );
    let mut steps = CsvImport::new("s.csv", table, mapping, &ImportOptions::default(), issues);
    let mut progress = Vec::new();
    while !steps.step(4) {
        progress.push(steps.done());
    }
    assert_eq!(progress, [4, 8]);
    assert_eq!(steps.total(), 9);
    // Freeing the rows-seen index in steps changes nothing.
    let mut releases = 1;
    while !steps.release(2) {
        releases += 1;
    }
    assert!(releases > 2, "{releases}");
    assert_eq!(steps.finish(), whole);
}

#[test]
fn a_mapping_without_position_lists_every_row_as_not_imported() {
    let text = "名称,经度,纬度\n甲,113.1,23.0\n乙,113.2,23.1\n";
    let (table, issues) = read_table("a.csv", text);
    let mut mapping = suggest_mapping(&table);
    assert_eq!(mapping.column(Field::Lon), Some(1));
    mapping.set(1, None);
    let out = import_csv("a.csv", table, mapping, &ImportOptions::default(), issues);
    assert!(out.dataset.sites.is_empty());
    assert_eq!((out.summary.records, out.summary.skipped), (2, 2));
    assert!(out.issues[0].message.contains("none of the 2 rows"));
}

#[derive(Debug, PartialEq)]
struct SiteKey {
    name: String,
    lon: f64,
    lat: f64,
    kind: SiteKind,
    address: Option<String>,
}

#[test]
fn export_then_import_gives_the_same_layer() {
    let first = import("sites_utf8_bom.csv");
    let csv = layer_csv(&first.dataset);
    assert!(csv.starts_with('\u{feff}'));
    let again = import_file("again.csv", csv.as_bytes(), &ImportOptions::default());
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    let key = |o: &Imported| -> Vec<SiteKey> {
        o.dataset
            .sites
            .iter()
            .map(|s| SiteKey {
                name: s.name.clone(),
                // Written to 7 decimals (about 1 cm; a DMS value has more digits).
                lon: (s.position.lon * 1e7).round() / 1e7,
                lat: (s.position.lat * 1e7).round() / 1e7,
                kind: s.kind,
                address: s.address.clone(),
            })
            .collect()
    };
    let (a, b) = (key(&first), key(&again));
    assert_eq!(a.len(), b.len());
    assert_eq!(
        a, b,
        "names, kinds, addresses and positions (to 1 cm) survive as written"
    );
    let extra = |o: &Imported| {
        o.dataset
            .sites
            .iter()
            .map(|s| s.extra.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(extra(&first), extra(&again));
    let gj = layer_geojson(&import("places.kml").dataset);
    let back = import_file("back.geojson", gj.as_bytes(), &ImportOptions::default());
    assert_eq!(names(&back), ["大关盐号", "鸭池河红军渡口", "两处", "两处"]);
    assert_eq!(back.dataset.routes.len(), 2);
    assert!(back.dataset.sites[0]
        .extra
        .iter()
        .any(|(k, v)| k == "编号" && v == "QX-001"));
}

#[test]
fn files_over_the_limit_are_refused_before_reading() {
    let big = vec![b'a'; MAX_IMPORT_BYTES as usize + 1];
    let out = import_file("big.csv", &big, &ImportOptions::default());
    assert_eq!(out.issues.len(), 1);
    assert!(out.issues[0].message.contains("over 50 MB"));
    assert_eq!(out.summary.records, 0);
}

#[test]
fn truncated_files_never_panic() {
    for name in [
        "sites_utf8_bom.csv",
        "sites_gbk.tsv",
        "track.gpx",
        "places.kml",
    ] {
        let bytes = fixture(name);
        for end in 0..bytes.len() {
            let _ = import_file(name, &bytes[..end], &ImportOptions::default());
        }
    }
}

/// Every "N read: M imported, K not imported" adds up, and K is the records listed as not
/// imported: hand-made files whose counts are stated here.
#[test]
fn summaries_add_up_and_match_the_list() {
    let opts = ImportOptions::default();
    let not_imported = |o: &Imported| {
        o.issues
            .iter()
            .filter(|i| {
                let t = i.message.as_str();
                t.contains("not imported")
                    || t.contains("not well-formed XML: <")
                    || (t.starts_with("not well-formed XML") && !t.contains("all the same"))
            })
            .count()
    };
    // KML: 4 placemarks; one not well-formed, one without geometry: 2 imported.
    let kml = "<kml><Document>\n\
        <Placemark><name>甲</name><Point><coordinates>113.1,23.1</coordinates></Point></Placemark>\n\
        <Placemark><name>乙</nam><Point><coordinates>113.2,23.2</coordinates></Point></Placemark>\n\
        <Placemark><name>丙</name></Placemark>\n\
        <Placemark><name>丁</name><Point><coordinates>113.4,23.4</coordinates></Point></Placemark>\n\
        </Document></kml>\n";
    let out = import_file("a.kml", kml.as_bytes(), &opts);
    let s = out.summary;
    assert_eq!(
        (s.records, s.skipped, s.sites),
        (4, 2, 2),
        "{:#?}",
        out.issues
    );
    assert_eq!(not_imported(&out), 2, "{:#?}", out.issues);
    // GPX: a waypoint with a bad latitude, a track with one bad point (still imported).
    let gpx = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">\n\
        <wpt lat=\"abc\" lon=\"113.1\"><name>坏</name></wpt>\n\
        <wpt lat=\"23.1\" lon=\"113.1\"><name>好</name></wpt>\n\
        <trk><trkseg><trkpt lat=\"23.0\" lon=\"113.1\"/><trkpt lat=\"x\" lon=\"113.2\"/>\
        <trkpt lat=\"23.2\" lon=\"113.3\"/></trkseg></trk>\n</gpx>\n";
    let out = import_file("a.gpx", gpx.as_bytes(), &opts);
    let s = out.summary;
    assert_eq!((s.records, s.skipped, s.sites, s.routes), (3, 1, 1, 1));
    assert_eq!(not_imported(&out), 1, "{:#?}", out.issues);
    // CSV: a blank line is no record; a bad row and an empty position are not imported.
    let csv = "名称,经度,纬度\n甲,113.1,23.1\n\n乙,abc,23.2\n丙,,\n丁,113.4,23.4\n";
    let out = import_file("a.csv", csv.as_bytes(), &opts);
    let s = out.summary;
    assert_eq!(
        (s.records, s.skipped, s.sites),
        (4, 2, 2),
        "{:#?}",
        out.issues
    );
    assert_eq!(not_imported(&out), 2);
}

/// A stated precision is what lets a trip on imported sites give distances: two sites 3 km
/// apart are "distance unknown" with the default ±5 km rings, known with "about 10 m".
#[test]
fn a_stated_precision_gives_trips_their_distances() {
    use redmap::domain::geo::distance_m;
    use redmap::domain::import::StatedPrecision;
    use redmap::domain::trip::Span;
    let csv = "名称,经度,纬度\n甲,113.10,23.10\n乙,113.13,23.10\n";
    let leg = |stated| {
        let options = ImportOptions {
            stated,
            ..ImportOptions::default()
        };
        let out = import_file("a.csv", csv.as_bytes(), &options);
        let (a, b) = (&out.dataset.sites[0], &out.dataset.sites[1]);
        let d = distance_m(a.position, b.position);
        assert!((2_900.0..3_200.0).contains(&d), "{d}");
        Span::leg(d, a.precision.ring_radius_m(), b.precision.ring_radius_m())
    };
    assert_eq!(leg(StatedPrecision::NotStated).unknown_legs, 1);
    let known = leg(StatedPrecision::About10m);
    assert_eq!((known.unknown_legs, known.uncertainty_m), (0, 20.0));
}

/// What an activity says, whatever file it came from (ids and sources aside): site name,
/// date, title, participants and their qualifier.
type ActivityKey = (String, String, String, Option<u64>, Option<Qualifier>);

fn activity_keys(o: &Imported) -> Vec<ActivityKey> {
    let name_of = |id: &redmap::domain::model::SiteId| {
        o.dataset
            .sites
            .iter()
            .find(|s| &s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    o.dataset
        .activities
        .iter()
        .map(|a| {
            (
                name_of(a.site().expect("at a site")),
                a.date.to_string(),
                a.title.clone(),
                a.participants,
                a.participants_qualifier,
            )
        })
        .collect()
}

#[test]
fn exporting_a_layer_keeps_its_activities_and_stated_precision() {
    let stated = ImportOptions {
        stated: redmap::domain::import::StatedPrecision::About100m,
        ..ImportOptions::default()
    };
    let first = import_file(
        "sites_utf8_bom.csv",
        &fixture("sites_utf8_bom.csv"),
        &stated,
    );
    assert_eq!(first.dataset.activities.len(), 4);
    let want = activity_keys(&first);
    let sites = |o: &Imported| -> Vec<(String, String, f64)> {
        o.dataset
            .sites
            .iter()
            .map(|s| {
                (
                    s.id.to_string(),
                    s.name.clone(),
                    s.precision.ring_radius_m(),
                )
            })
            .collect()
    };
    // GeoJSON: sites, activities (dates, counts, qualifiers, bounds) and precision back.
    let gj = layer_geojson(&first.dataset);
    let back = import_file("back.geojson", gj.as_bytes(), &ImportOptions::default());
    assert!(back.issues.is_empty(), "{:?}", back.issues);
    assert_eq!(sites(&back), sites(&first));
    assert_eq!(activity_keys(&back), want);
    assert_eq!(back.summary.activities, 4);
    assert_eq!(
        back.dataset
            .activities
            .iter()
            .map(|a| a.date.bounds())
            .collect::<Vec<_>>(),
        first
            .dataset
            .activities
            .iter()
            .map(|a| a.date.bounds())
            .collect::<Vec<_>>()
    );
    // The stepped reader the dialog uses gives the same.
    let mut stepped =
        redmap::domain::import::GeoJsonImport::new("back.geojson", &gj, &ImportOptions::default());
    while !stepped.step(1) {}
    let stepped = stepped.finish();
    assert_eq!(activity_keys(&stepped), want);
    assert_eq!(stepped.issues.len(), back.issues.len());
    // CSV: one row per activity with its site's columns; the same sites and activities
    // come back through the suggested mapping (precision is stated again in the dialog).
    let csv = layer_csv(&first.dataset);
    assert!(
        csv.contains("日期,活动名称,活动类型,场次,参与人数"),
        "{csv}"
    );
    let again = import_file("again.csv", csv.as_bytes(), &stated);
    assert!(again.issues.is_empty(), "{:?}", again.issues);
    assert_eq!(
        sites(&again)
            .into_iter()
            .map(|s| (s.1, s.2))
            .collect::<Vec<_>>(),
        sites(&first)
            .into_iter()
            .map(|s| (s.1, s.2))
            .collect::<Vec<_>>()
    );
    // Rows are grouped by site, so the activities come back in that order.
    let sorted = |mut v: Vec<_>| {
        v.sort_by(|a: &ActivityKey, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        v
    };
    assert_eq!(sorted(activity_keys(&again)), sorted(want));
}

#[test]
fn a_record_without_a_name_is_named_with_a_warning() {
    use redmap::domain::model::TextLang;
    let csv = "名称,经度,纬度,地址\n甲,113.1,23.0,南海区\n,113.3,23.1,无名行\n";
    let out = import_file("n.csv", csv.as_bytes(), &ImportOptions::default());
    assert_eq!(names(&out), ["甲", "无名行"]);
    let texts: Vec<(Severity, String, String)> = out
        .issues
        .iter()
        .map(|i| (i.severity, i.path.clone(), i.text(TextLang::Zh)))
        .collect();
    assert_eq!(
        texts,
        [(
            Severity::Warning,
            "row 3".to_owned(),
            "第 3 行：没有名称，用地址“无名行”作名称".to_owned()
        )]
    );
    assert_eq!(
        out.issues[0].text(TextLang::En),
        "row 3: no name, named by its address \"无名行\""
    );
    let gj = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "甲"}, "geometry": {"type": "Point", "coordinates": [113.1, 23.0]}},
        {"type": "Feature", "properties": {"note": "x"}, "geometry": {"type": "Point", "coordinates": [113.2, 23.0]}}
    ]}"#;
    let out = import_file("g.geojson", gj.as_bytes(), &ImportOptions::default());
    assert_eq!(names(&out), ["甲", "未命名（第 2 个要素）"]);
    assert_eq!(out.dataset.sites[1].name_en, "Unnamed (feature 2)");
    let texts: Vec<(Severity, String, String)> = out
        .issues
        .iter()
        .map(|i| (i.severity, i.path.clone(), i.text(TextLang::Zh)))
        .collect();
    assert_eq!(
        texts,
        [(
            Severity::Warning,
            "features[1].properties.name".to_owned(),
            "没有名称：显示为“未命名（第 2 个要素）”".to_owned()
        )]
    );
}

#[test]
fn the_field_at_fault_is_named() {
    use redmap::domain::import::split_issue_path;
    let csv = "名称,经度,纬度\n越界,113.25,95\n颠倒,23.05,113.2\n都越界,200,95\n";
    let out = import_file("f.csv", csv.as_bytes(), &ImportOptions::default());
    let fields: Vec<(Severity, String)> = out
        .issues
        .iter()
        .map(|i| (i.severity, split_issue_path(&i.path).1))
        .collect();
    assert_eq!(
        fields,
        [
            (Severity::Error, "纬度".to_owned()),
            (Severity::Warning, "纬度, 经度".to_owned()),
            (Severity::Error, "经度, 纬度".to_owned()),
        ]
    );
}
