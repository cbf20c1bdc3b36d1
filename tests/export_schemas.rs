//! Exports of the bundled data validated against the official GPX 1.1 and OGC KML 2.2
//! schemas (tests/schemas, see its README) with `xmllint --schema`, when xmllint is
//! installed (Debian: libxml2-utils). Without it the test says so and passes.

use redmap::domain::export::{gpx, kml, route_plan, trip_plan};
use redmap::domain::geodata::read_dir;
use redmap::domain::model::{Date, SiteId};
use redmap::domain::trip::Trip;
use std::process::Command;

fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn validate(schema: &str, name: &str, text: &str) {
    let dir = std::env::temp_dir().join(format!("redmap-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write export");
    let out = Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&file)
        .output()
        .expect("run xmllint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains("validates"),
        "{name} against {schema}:\n{stderr}\n{text}"
    );
}

#[test]
fn gpx_and_kml_exports_validate_against_their_schemas() {
    if !xmllint_available() {
        eprintln!("SKIPPED: xmllint not installed (apt-get install libxml2-utils)");
        return;
    }
    let ds = read_dir(std::path::Path::new("geodata"))
        .expect("bundled dataset")
        .0;
    let mut trip = Trip {
        title: "Grade 8 <研学> & \"co\"".into(),
        date: Date::parse("2026-11-22"),
        ..Trip::default()
    };
    trip.add_all(
        [
            "qiandenghu-park",
            "chen-qiyuan-memorial-hall",
            "dungen-village",
        ]
        .map(SiteId::from),
    );
    let mut plans = vec![("trip", trip_plan(&trip, &ds, false))];
    plans.extend(
        ds.routes
            .iter()
            .map(|r| ("route", route_plan(r, &ds, true))),
    );
    for (i, (kind, plan)) in plans.iter().enumerate() {
        validate(
            "tests/schemas/gpx-1.1.xsd",
            &format!("{kind}{i}.gpx"),
            &gpx(plan),
        );
        validate(
            "tests/schemas/kml22/ogckml22.xsd",
            &format!("{kind}{i}.kml"),
            &kml(plan),
        );
    }
}
