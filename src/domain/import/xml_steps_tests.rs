//! GPX and KML read a slice at a time ([`GpxImport`], [`KmlImport`]) give exactly what the
//! whole-tree readers give (same layer, same issues, same line numbers), at any slice size,
//! on the fixtures and on hand-made files; the usual files are read in slices, never by the
//! fallback, and files the scanner does not follow still get the whole reader's messages.

use super::*;
use crate::domain::coords::CoordSystem;

const OPTIONS: ImportOptions = ImportOptions {
    coords: CoordSystem::Gcj02,
    stated: StatedPrecision::About1km,
};

/// Asserts the sliced GPX import equals the whole one at several slice sizes; returns
/// whether it fell back to the whole reader (the same at every size) and the step count
/// at the smallest size.
fn gpx_same(text: &str) -> (bool, usize) {
    let expected = import_gpx("f.gpx", text, &OPTIONS);
    let mut seen = None;
    for budget in [1, 40, 333, 1 << 20] {
        let mut import = GpxImport::new("f.gpx", text, &OPTIONS);
        let mut steps = 1;
        while !import.step(budget) {
            steps += 1;
            let (done, all) = import.progress_bytes();
            assert!(done <= all);
        }
        let fell_back = import.fell_back();
        assert_eq!(
            import.finish(),
            expected,
            "{budget} bytes a step:\n{text:.400}"
        );
        assert!(seen.is_none_or(|(f, _)| f == fell_back));
        seen = seen.or(Some((fell_back, steps)));
    }
    seen.unwrap_or_default()
}

fn kml_same(text: &str) -> (bool, usize) {
    let expected = import_kml("f.kml", text, &OPTIONS);
    let mut seen = None;
    for budget in [1, 40, 333, 1 << 20] {
        let mut import = KmlImport::new("f.kml", text, &OPTIONS);
        let mut steps = 1;
        while !import.step(budget) {
            steps += 1;
        }
        let fell_back = import.fell_back();
        assert_eq!(
            import.finish(),
            expected,
            "{budget} bytes a step:\n{text:.400}"
        );
        assert!(seen.is_none_or(|(f, _)| f == fell_back));
        seen = seen.or(Some((fell_back, steps)));
    }
    seen.unwrap_or_default()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/import/{name}")).expect("fixture")
}

#[test]
fn the_fixtures_read_in_slices_as_whole() {
    let (fell_back, steps) = gpx_same(&fixture("track.gpx"));
    assert!(!fell_back && steps > 5, "{steps} steps");
    let (fell_back, steps) = kml_same(&fixture("places.kml"));
    assert!(!fell_back && steps > 5, "{steps} steps");
}

#[test]
fn bad_records_keep_their_index_and_line() {
    let gpx = "<?xml version='1.0'?>\n<g:gpx xmlns:g='http://www.topografix.com/GPX/1/1' xmlns:x='urn:x'>\n\
        <g:trk><g:name>t</g:name><g:trkseg>\n<g:trkpt lat='23' lon='113'/>\n<g:trkpt lat='x' lon='113'/>\n\
        <g:trkpt lat='23.1' lon='113.1'><x:speed>3</x:speed></g:trkpt></g:trkseg><g:trkseg><g:trkpt lat='1' lon='2'/></g:trkseg></g:trk>\n\
        <g:wpt lat='23' lon='113'><g:name>甲 &amp; 乙</g:name><g:cmt><![CDATA[<b>]]></g:cmt></g:wpt>\n\
        <!-- <g:wpt lat='0' lon='0'/> -->\n<g:wpt lat='113' lon='23'/><g:wpt lon='1'/>\n\
        <g:rte><g:rtept lat='23' lon='113'/></g:rte>\n<g:metadata><g:wpt lat='1' lon='1'/></g:metadata>\n\
        <g:wpt lat='23.2' lon='113.2'><g:name>&#x4e19;</g:name></g:wpt></g:gpx>\n";
    let (fell_back, _) = gpx_same(gpx);
    assert!(!fell_back);
    let out = GpxImport::new("f.gpx", gpx, &OPTIONS).finish();
    let paths: Vec<&str> = out.issues.iter().map(|i| i.path.as_str()).collect();
    assert!(
        paths.contains(&"trk[0] (line 3).trkseg[0].trkpt[1] (line 5)"),
        "{paths:#?}"
    );
    assert!(paths.contains(&"wpt[2] (line 9)"), "{paths:#?}");
    let names: Vec<&str> = out.dataset.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], "甲 & 乙");
    assert_eq!(names.last(), Some(&"丙"));

    let kml = "<kml xmlns='http://www.opengis.net/kml/2.2'><Document><name>文档</name>\n\
        <Placemark><name>a</name><Point><coordinates>113,23</coordinates></Point></Placemark>\n\
        <Folder><name>一</name><Folder><Placemark id='x'><Point><coordinates>abc</coordinates></Point></Placemark>\n\
        <name>late</name><Placemark id='x'><MultiGeometry><Point><coordinates>113.1,23.1</coordinates></Point>\
        <LineString><coordinates>113,23 113.2,23.2</coordinates></LineString><Polygon/></MultiGeometry>\
        <ExtendedData><Data name='k'><value>v</value></Data></ExtendedData></Placemark></Folder></Folder>\n\
        <Placemark><Polygon/></Placemark><Placemark/></Document></kml>";
    let (fell_back, _) = kml_same(kml);
    assert!(!fell_back);
    let out = KmlImport::new("f.kml", kml, &OPTIONS).finish();
    assert!(
        out.issues.iter().any(|i| i.path == "Placemark[1] (line 3)"),
        "{:#?}",
        out.issues
    );
    assert!(out.dataset.sites[1]
        .extra
        .contains(&("folder".into(), "文档 / 一".into())));
}

/// A file the whole-file reader rejects (one error, no record): read in slices at every
/// size, never whole, with that same error first (message and line:column); returns the
/// result (the well-formed records imported all the same).
fn broken_as_whole(name: &str, text: &str) -> Imported {
    let gpx = name.ends_with(".gpx");
    let expected = if gpx {
        import_gpx(name, text, &OPTIONS)
    } else {
        import_kml(name, text, &OPTIONS)
    };
    assert_eq!(expected.issues.len(), 1, "{:#?} {text}", expected.issues);
    assert_eq!(expected.summary.records, 0);
    let mut last: Option<Imported> = None;
    for budget in [1, 40, 333, 1 << 20] {
        let (got, fell_back) = if gpx {
            let mut import = GpxImport::new(name, text, &OPTIONS);
            while !import.step(budget) {}
            let fell_back = import.fell_back();
            (import.finish(), fell_back)
        } else {
            let mut import = KmlImport::new(name, text, &OPTIONS);
            while !import.step(budget) {}
            let fell_back = import.fell_back();
            (import.finish(), fell_back)
        };
        assert!(!fell_back, "read whole: {text}");
        assert_eq!(
            got.issues[0], expected.issues[0],
            "{budget} bytes a step: {text}"
        );
        assert!(last.as_ref().is_none_or(|l| *l == got), "{budget}: {text}");
        last = Some(got);
    }
    last.expect("read")
}

#[test]
fn broken_files_get_the_whole_readers_first_error_and_keep_their_good_records() {
    let gpx_cases = [
        ("", 0),
        ("<gpx><wpt lat='1' lon='2'></gpx>", 0),
        ("<gpx><wpt lat='23' lon='113'/><wpt lat='23' lon='113'></wpt>", 2),
        ("<gpx><wpt lat='23' lon='113'><name>&bad;</name></wpt></gpx>", 0),
        ("<gpx><wpt lat='23' lon='113'><x:name/></wpt></gpx>", 0),
        ("<gpx><wpt lat='23' lon='113' lat='1'/></gpx>", 0),
        ("<gpx></gpx><gpx/>", 0),
        ("<gpx><wpt lat='23' lon='113'/></gpx> tail", 1),
        // A broken track between good waypoints: they import, it is the error.
        ("<gpx>\n<wpt lat='23' lon='113'/>\n<trk><trkseg><trkpt lat='23' lon=113><ele/></trkpt></trkseg></trk>\n<wpt lat='23.1' lon='113.1'/>\n</gpx>", 2),
        // Cut off in a track: the waypoints before it import.
        ("<?xml version='1.0'?>\n<gpx>\n<wpt lat='23' lon='113'><name>甲</name></wpt>\n<trk><trkseg><trkpt lat='23' lon='113'/>\n<trkpt lat='2", 1),
    ];
    for (text, imported) in gpx_cases {
        let got = broken_as_whole("f.gpx", text);
        assert_eq!(got.summary.sites + got.summary.routes, imported, "{text}");
    }
    let kml_cases = [
        ("<kml><Document><Placemark/></kml>", 0),
        ("<kml><Placemark><name>a</Placemark></kml>", 0),
        ("<kml><Placemark/>", 0),
        ("<kml><Document><name>文档</name>\n<Folder><name>一</name>\n<Placemark><Point><coordinates>113,23</coordinates></Point></Placemark>\n<Placemark><Point><coordinates>113.1,23", 1),
        ("<kml><Placemark><Point><coordinates>113,23</coordinates></Point></Placemark>\n<Placemark><Point><coordinates>113,23</coordinates></Point></Placemark></Document></kml>", 2),
    ];
    for (text, imported) in kml_cases {
        let got = broken_as_whole("f.kml", text);
        assert_eq!(got.summary.sites + got.summary.routes, imported, "{text}");
    }
    // What the user reads: the error with its line:column in the file, then what imported.
    let got = broken_as_whole("f.kml", kml_cases[3].0);
    let messages: Vec<&str> = got.issues.iter().map(|i| i.message.as_str()).collect();
    assert!(
        messages[1].contains("the 1 record(s) that could be read are imported")
            && messages[1].contains("nothing after line 4"),
        "{messages:#?}"
    );
    assert_eq!(
        got.dataset.sites[0].extra,
        [("folder".to_owned(), "文档 / 一".to_owned())]
    );
    let got = broken_as_whole("f.gpx", gpx_cases[8].0);
    assert!(
        got.issues[0].message.contains(" at 3:"),
        "{:?}",
        got.issues[0]
    );
    assert!(
        got.issues[1]
            .message
            .contains("the 1 with an error above are not"),
        "{:?}",
        got.issues[1]
    );
}

#[test]
fn a_doctype_is_read_in_slices() {
    let gpx = "<?xml version='1.0'?>\n<!DOCTYPE gpx [\n<!ENTITY n '合成'>\n]>\n<gpx><wpt lat='23' lon='113'><name>&n;</name></wpt></gpx>";
    let (fell_back, _) = gpx_same(gpx);
    assert!(!fell_back);
    let out = GpxImport::new("f.gpx", gpx, &OPTIONS).finish();
    assert_eq!(out.dataset.sites[0].name, "合成");
    assert!(!kml_same("<!DOCTYPE kml><kml><Placemark><Point><coordinates>113,23</coordinates></Point></Placemark></kml>").0);
}

#[test]
fn what_the_scanner_does_not_follow_is_read_whole() {
    assert!(kml_same("<kml><Placemark><Folder><Placemark/></Folder></Placemark></kml>").0);
    assert!(!kml_same("<kml><Document/></kml>").0);
    assert!(
        !gpx_same("<kml><wpt lat='23' lon='113'/></kml>").0,
        "not a GPX: said, not read whole"
    );
}

#[test]
fn many_records_are_read_in_many_slices() {
    let mut gpx = String::from("<gpx>\n");
    let mut kml = String::from("<kml><Document>\n");
    for i in 0..500 {
        let (lon, lat) = (113.0 + f64::from(i) * 1e-3, 23.0);
        gpx.push_str(&format!(
            "<wpt lat='{lat}' lon='{lon}'><name>点{i}</name></wpt>\n"
        ));
        kml.push_str(&format!(
            "<Placemark><name>点{i}</name><Point><coordinates>{lon},{lat}</coordinates></Point></Placemark>\n"
        ));
    }
    gpx.push_str("<trk><trkseg><trkpt lat='23' lon='113'/><trkpt lat='23.1' lon='113'/></trkseg></trk></gpx>");
    kml.push_str("</Document></kml>");
    let (fell_back, steps) = gpx_same(&gpx);
    assert!(!fell_back && steps > 500, "{steps}");
    let (fell_back, steps) = kml_same(&kml);
    assert!(!fell_back && steps > 500, "{steps}");
}

#[test]
fn a_long_line_is_read_a_piece_at_a_time_as_whole() {
    let mut coords = String::new();
    for i in 0..6_000 {
        let (lon, lat) = (113.0 + f64::from(i) * 1e-5, 23.0 + f64::from(i % 7) * 1e-5);
        let sep = match i % 5 {
            0 => ", ",
            1 => " ,",
            _ => ",",
        };
        coords.push_str(&format!("{lon}{sep}{lat},0"));
        coords.push_str(if i % 3 == 0 { "\n   " } else { " " });
        if i == 777 {
            coords.push_str("abc,23 ");
        }
        if i == 5_000 {
            coords.push_str("23.1,113.1,0 ");
        }
    }
    let kml = format!(
        "<kml><Document>\n<Placemark id='p'><name>短</name><Point><coordinates>113,23</coordinates></Point></Placemark>\n\
         <Placemark><name>长线</name><description>d</description><MultiGeometry><LineString><coordinates>\n{coords}\n</coordinates></LineString>\
         <Point><coordinates>113.2,23.2</coordinates></Point><LineString><coordinates>{coords}</coordinates></LineString></MultiGeometry>\
         <ExtendedData><Data name='k'><value>v</value></Data></ExtendedData></Placemark>\n\
         <Placemark><name>后</name><Point><coordinates>113.3,23.3</coordinates></Point></Placemark></Document></kml>"
    );
    assert!(kml.len() > 2 * LONG);
    let (fell_back, steps) = kml_same(&kml);
    assert!(!fell_back && steps > 1000, "{steps} steps");
    let out = KmlImport::new("f.kml", &kml, &OPTIONS).finish();
    assert_eq!(out.dataset.routes[0].path.len(), 2);
    assert_eq!(
        out.dataset.routes[0].path[0].len(),
        6_001,
        "and the swapped one"
    );
    assert!(
        out.issues.iter().any(|i| i.message.contains("\"abc,23\"")),
        "{:#?}",
        out.issues
    );
    // In steps of 64 KB: many, each a piece of the long text.
    let mut import = KmlImport::new("f.kml", &kml, &OPTIONS);
    let mut steps = 1;
    while !import.step(64 * 1024) {
        steps += 1;
    }
    assert!(
        steps >= kml.len() / (64 * 1024),
        "{steps} steps for {} bytes",
        kml.len()
    );
}

const LONG: usize = 64 * 1024;

/// A GPS log as one long track: `n` points in two segments, some points with extensions,
/// comments and blank lines between them; `bad` (a point's markup) put in the middle.
fn long_track(n: usize, bad: &str) -> String {
    let mut gpx = String::from(
        "<?xml version='1.0'?>\n<g:gpx xmlns:g='http://www.topografix.com/GPX/1/1' xmlns:x='urn:x'>\n\
         <g:wpt lat='23' lon='113'><g:name>前</g:name></g:wpt>\n\
         <g:trk><g:name>长轨迹</g:name><g:desc>d</g:desc><g:number>7</g:number>\n<g:trkseg>\n",
    );
    for i in 0..n {
        let (lat, lon) = (23.0 + (i % 50) as f64 * 1e-4, 113.0 + i as f64 * 1e-5);
        match i % 7 {
            0 => gpx.push_str(&format!(
                "<g:trkpt lat='{lat}' lon='{lon}'><g:ele>{i}</g:ele><g:extensions><x:hr>80</x:hr></g:extensions></g:trkpt>\n"
            )),
            1 => gpx.push_str(&format!("<!-- {i} --><g:trkpt lat=\"{lat}\" lon=\"{lon}\"/>  ")),
            _ => gpx.push_str(&format!("<g:trkpt lat='{lat}' lon='{lon}'><g:time>t</g:time></g:trkpt>\n")),
        }
        if i == n / 2 {
            gpx.push_str(bad);
            gpx.push('\n');
        }
        if i == n / 3 {
            gpx.push_str(&format!("<g:trkpt lat='{lon}' lon='{lat}'/>\n")); // swapped
        }
        if i == 2 * n / 3 {
            gpx.push_str("</g:trkseg><g:trkseg/>\n<g:trkseg>");
        }
    }
    gpx.push_str(
        "</g:trkseg><g:extensions><x:c>红</x:c></g:extensions></g:trk>\n\
        <g:wpt lat='23.1' lon='113.1'><g:name>后</g:name></g:wpt></g:gpx>\n",
    );
    gpx
}

#[test]
fn a_long_track_is_read_a_piece_at_a_time_as_whole() {
    let gpx = long_track(
        8_000,
        "<g:trkpt lat='abc' lon='113'><g:ele>1</g:ele></g:trkpt>",
    );
    assert!(gpx.len() > 2 * LONG_TRACK, "{}", gpx.len());
    let (fell_back, steps) = gpx_same(&gpx);
    assert!(!fell_back && steps > 1000, "{steps} steps");
    let out = GpxImport::new("f.gpx", &gpx, &OPTIONS).finish();
    let route = &out.dataset.routes[0];
    assert_eq!(route.name, "长轨迹");
    assert_eq!(
        route.path.len(),
        2,
        "three segments, the empty one left out"
    );
    let points: usize = route.path.iter().map(Vec::len).sum();
    assert_eq!(points, 8_001, "every good point, and the swapped one");
    let bad = out.issues.iter().find(|i| i.message.contains("lat:"));
    let at = gpx.find("lat='abc'").unwrap_or(0);
    let line = 1 + gpx[..at].matches('\n').count();
    assert!(line > 3000, "{line}");
    assert_eq!(
        bad.map(|i| i.path.as_str()),
        Some(format!("trk[0] (line 4).trkseg[0].trkpt[4002] (line {line})").as_str()),
        "{:#?}",
        out.issues
    );
    assert!(out
        .issues
        .iter()
        .any(|i| i.message.starts_with("1 point(s)")));
    // In steps of 64 KB: many, each a piece of the track.
    let mut import = GpxImport::new("f.gpx", &gpx, &OPTIONS);
    let mut steps = 1;
    while !import.step(64 * 1024) {
        steps += 1;
    }
    assert!(
        steps >= gpx.len() / (64 * 1024),
        "{steps} steps for {} bytes",
        gpx.len()
    );
}

#[test]
fn a_long_track_not_well_formed_in_the_middle_gets_the_whole_readers_error() {
    // A `<trkpt` never closed, as in the broken bench file; and an end tag that does not
    // match, inside a point.
    // (The scan stops at the first; the second is inside the track, which is left out.)
    for (bad, sites) in [
        (
            "<g:trkpt lat='23' lon='113'<g:ele>1</g:ele></g:trkpt>",
            ["前"].as_slice(),
        ),
        (
            "<g:trkpt lat='23' lon='113'><g:ele>1</g:el></g:trkpt>",
            &["前", "后"],
        ),
    ] {
        let gpx = long_track(8_000, bad);
        let out = broken_as_whole("f.gpx", &gpx);
        assert!(out.dataset.routes.is_empty(), "{bad}");
        let names: Vec<&str> = out.dataset.sites.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, sites, "{bad}");
        assert!(
            out.issues[0].message.contains(&format!(
                "{}:",
                1 + gpx[..gpx.find(bad).unwrap_or(0)].matches('\n').count()
            )),
            "{:?}",
            out.issues[0]
        );
    }
}

#[test]
fn a_long_route_is_read_a_piece_at_a_time_as_whole() {
    let mut gpx = String::from("<gpx><rte><name>路</name>\n");
    for i in 0..9_000 {
        gpx.push_str(&format!(
            "<rtept lat='23.{i}' lon='113.{i}'><name>p{i}</name></rtept>\n"
        ));
        if i == 4_000 {
            gpx.push_str("<rtept lon='113'/>\n<type>徒步</type>\n");
        }
    }
    gpx.push_str("<cmt>c</cmt></rte></gpx>");
    assert!(gpx.len() > LONG_TRACK);
    let (fell_back, steps) = gpx_same(&gpx);
    assert!(!fell_back && steps > 1000, "{steps} steps");
    let out = GpxImport::new("f.gpx", &gpx, &OPTIONS).finish();
    assert_eq!(out.dataset.routes[0].path[0].len(), 9_000);
    assert!(out.dataset.routes[0]
        .extra
        .iter()
        .any(|(k, v)| k == "cmt" && v == "c"));
    assert!(
        out.issues
            .iter()
            .any(|i| i.path == "rte[0] (line 1).rtept[4001] (line 4003)"),
        "{:#?}",
        out.issues
    );
}

const LONG_TRACK: usize = 256 * 1024;

#[test]
fn placemarks_in_a_placemark_are_read_in_slices_as_whole() {
    let mut kml = String::from(
        "<kml xmlns='http://www.opengis.net/kml/2.2'><Document><name>文档</name><Folder><name>一</name>\n\
         <Placemark id='outer'><name>外</name><ExtendedData><Data name='k'><value>v</value></Data></ExtendedData>\n\
         <Point><coordinates>113,23</coordinates></Point>\n",
    );
    for i in 0..300 {
        kml.push_str(&format!(
            "<Placemark id='in{i}'><name>内{i}</name><Point><coordinates>113.{i},23.{i}</coordinates></Point></Placemark>\n"
        ));
        if i == 100 {
            kml.push_str("<Placemark><name>坏</name><Point><coordinates>abc</coordinates></Point></Placemark>\n");
            kml.push_str("<MultiGeometry><Placemark id='deep'><LineString><coordinates>113,23 113.1,23.1</coordinates></LineString></Placemark></MultiGeometry>\n");
        }
    }
    kml.push_str("</Placemark>\n<Placemark id='after'><Point><coordinates>113.5,23.5</coordinates></Point></Placemark></Folder></Document></kml>");
    let (fell_back, steps) = kml_same(&kml);
    assert!(!fell_back && steps > 300, "{steps} steps");
    let out = KmlImport::new("f.kml", &kml, &OPTIONS).finish();
    let inner = out
        .dataset
        .sites
        .iter()
        .find(|s| s.name == "内7")
        .map(|s| &s.extra);
    assert_eq!(inner, Some(&vec![("folder".into(), "文档 / 一".into())]));
    assert!(
        out.issues
            .iter()
            .any(|i| i.path.starts_with("Placemark[102] (line 105)")),
        "{:#?}",
        out.issues
    );
    // Not well-formed inside the inner placemarks: the whole reader's error first.
    let broken = kml.replacen("<name>内150</name>", "<name>内150</nam>", 1);
    let out = broken_as_whole("f.kml", &broken);
    assert!(out.dataset.sites.iter().any(|s| s.name == "内149"));
}
