//! GPX and KML read a slice at a time ([`GpxImport`], [`KmlImport`]) give exactly what the
//! whole-tree readers give (same layer, same issues, same line numbers), at any slice size,
//! on the fixtures and on hand-made files; the usual files are read in slices, never by the
//! fallback, and files the scanner does not follow still get the whole reader's messages.

use super::*;
use crate::domain::coords::CoordSystem;

const OPTIONS: ImportOptions = ImportOptions {
    coords: CoordSystem::Gcj02,
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

#[test]
fn files_the_scanner_does_not_follow_are_read_whole() {
    let gpx_cases = [
        "",
        "<gpx><wpt lat='1' lon='2'></gpx>",
        "<gpx><wpt lat='1' lon='2'></wpt>",
        "<kml><wpt lat='23' lon='113'/></kml>",
        "<!DOCTYPE gpx [<!ENTITY n 'x'>]><gpx><wpt lat='23' lon='113'><name>&n;</name></wpt></gpx>",
        "<gpx><wpt lat='23' lon='113'><name>&bad;</name></wpt></gpx>",
        "<gpx><wpt lat='23' lon='113'><x:name/></wpt></gpx>",
        "<gpx><wpt lat='23' lon='113' lat='1'/></gpx>",
        "<gpx></gpx><gpx/>",
        "<gpx><wpt lat='23' lon='113'/></gpx> tail",
    ];
    for text in gpx_cases {
        assert!(gpx_same(text).0, "should fall back: {text}");
    }
    let kml_cases = [
        "<kml><Placemark><Placemark/></Placemark></kml>",
        "<kml><Document><Placemark/></kml>",
        "<kml><Placemark><name>a</Placemark></kml>",
        "<kml><Placemark/>",
    ];
    for text in kml_cases {
        assert!(kml_same(text).0, "should fall back: {text}");
    }
    assert!(!kml_same("<kml><Document/></kml>").0);
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
