//! The dashboard's figures as CSV files that Excel opens correctly: UTF-8 with a BOM (else
//! Excel reads Chinese as the local code page), RFC 4180 quoting (commas, quotes and line
//! breaks in names), CRLF line ends, and a header row in Chinese and English.
//!
//! Text cells that begin with `=`, `+`, `-` or `@` get a leading apostrophe: spreadsheets
//! would otherwise run them as formulas (a name from an imported file is untrusted).
//! Numbers are written plain, without thousands separators.

use super::gaps::{Gap, GapReport, Nearest};
use super::months::MonthRow;
use super::reported::{Mapped, MemberRow, NotComparable, ReportedRow};
use super::totals::Totals;
use super::tree::RegionBreakdown;
use super::words::{basis_words, member_status_words, not_comparable_words};
use crate::domain::model::{Dataset, LonLat};

/// The UTF-8 byte order mark, as text.
pub const BOM: &str = "\u{feff}";

enum Cell {
    Text(String),
    Num(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn num(n: impl ToString) -> Cell {
    Cell::Num(n.to_string())
}

fn guarded(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// Writes a header and rows as CSV text with a BOM.
fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failed row would only be missing, never garbled.
    let _ = w.write_record(header);
    for row in rows {
        let cells = row.iter().map(|c| match c {
            Cell::Text(s) => guarded(s),
            Cell::Num(s) => s.as_str().into(),
        });
        let _ = w.write_record(cells.map(|c| c.into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

fn missing_note(missing: usize) -> String {
    match missing {
        0 => String::new(),
        n => format!("{n} 条记录未给出数字,合计为下限 / {n} records give no figure; the total is a lower bound"),
    }
}

/// Headline figures and sites by kind.
pub fn totals_csv(t: &Totals) -> String {
    let a = &t.activities;
    let mut rows = vec![
        vec![text("地点 / Sites"), num(t.sites), text("")],
        vec![text("路线 / Routes"), num(t.routes), text("")],
        vec![
            text("现场教学点 / Teaching points"),
            num(t.teaching_points),
            text(""),
        ],
        vec![
            text("活动记录 / Activity records"),
            num(a.records),
            text(""),
        ],
        vec![
            text("场次 / Sessions"),
            num(a.sessions),
            text(missing_note(a.sessions_missing)),
        ],
        vec![
            text("人次 / Participants"),
            num(a.participants),
            text(missing_note(a.participants_missing)),
        ],
    ];
    for k in &t.by_kind {
        let label = format!("{} / {}", k.kind.label_zh(), k.kind.label_en());
        let note = format!(
            "含兼有此类的地点 {} / {} with this as a further role",
            k.any_role, k.any_role
        );
        rows.push(vec![text(label), num(k.main), text(note)]);
    }
    table(&["指标 / Figure", "数值 / Value", "说明 / Note"], rows)
}

/// The breakdown by place, one row per place with its whole path.
pub fn regions_csv(b: &RegionBreakdown) -> String {
    let mut path: Vec<String> = Vec::new();
    let mut rows = Vec::with_capacity(b.rows.len() + 1);
    for r in &b.rows {
        path.truncate(r.depth);
        path.push(r.name.clone());
        let c = &r.counts;
        let row: Vec<Cell> = vec![
            text(format!("{} / {}", r.level.label_zh(), r.level.label_en())),
            text(path.join(" > ")),
            num(c.sites),
            num(c.routes),
            num(c.activities.records),
            num(c.activities.sessions),
            num(c.activities.participants),
            num(c.activities.participants_missing),
        ];
        rows.push(row);
    }
    let u = &b.unplaced;
    rows.push(vec![
        text(""),
        text("未能归入地区 / Not placed in any region"),
        num(u.sites),
        num(u.routes),
        num(u.activities.records),
        num(u.activities.sessions),
        num(u.activities.participants),
        num(u.activities.participants_missing),
    ]);
    let header = [
        "层级 / Level",
        "地区 / Region",
        "地点 / Sites",
        "路线 / Routes",
        "活动记录 / Activity records",
        "场次 / Sessions",
        "人次 / Participants",
        "未给人次的活动 / Activities without participants",
    ];
    table(&header, rows)
}

/// "中文 / English" of one of the `words` functions.
fn both(words: impl Fn(bool) -> String) -> String {
    format!("{} / {}", words(true), words(false))
}

/// Each named member as "name (id): status", "; " between them.
fn members_text(members: &[MemberRow]) -> String {
    let one = |m: &MemberRow| {
        let status = format!(
            "{} / {}",
            member_status_words(m.status, true),
            member_status_words(m.status, false)
        );
        match m.record {
            Some(_) => format!("{} ({}): {status}", m.name, m.id),
            None => format!("{}: {status}", m.id),
        }
    };
    members.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// Reported vs mapped, one row per reported total: the mapped figure with its basis (or
/// "not comparable" with the reason and, as context only, the records of the kind on the
/// map), and the records the report names as part of the total.
pub fn reported_csv(rows: &[ReportedRow]) -> String {
    let out = rows.iter().map(|r| {
        let (mapped, basis, context) = match r.mapped {
            Mapped::Count { value, basis } => (
                num(value),
                text(both(|zh| basis_words(basis, zh))),
                text(""),
            ),
            Mapped::NotComparable(n) => {
                let context = match n {
                    NotComparable::Unnamed { count, .. } => num(count),
                    NotComparable::ProgrammeTally { .. } => text(""),
                };
                (
                    text("不可比 / not comparable"),
                    text(both(|zh| not_comparable_words(n, zh))),
                    context,
                )
            }
        };
        // A qualified report ("≈400", "300+") gives a qualified difference and share.
        let diff = match (r.difference(), r.qualifier) {
            (Some(d), None) => num(d),
            (Some(_), Some(_)) => text(r.difference_label().unwrap_or_default()),
            (None, _) => text("—"),
        };
        let done = r.completeness_label().map_or(text("—"), text);
        vec![
            text(&r.region_name),
            text(format!(
                "{} / {}",
                r.measure.label_zh(),
                r.measure.label_en()
            )),
            text(r.reported_label()),
            mapped,
            diff,
            done,
            basis,
            context,
            text(members_text(&r.members)),
            text(match (&r.note_zh, &r.note) {
                (Some(zh), Some(en)) => format!("{zh} / {en}"),
                (zh, en) => zh.clone().or_else(|| en.clone()).unwrap_or_default(),
            }),
            text(r.period.clone().unwrap_or_default()),
            text(format!("{}: {}", r.source.doc, r.source.says)),
        ]
    });
    let header = [
        "地区 / Region",
        "指标 / Measure",
        "上报 / Reported",
        "已上图 / Mapped",
        "差额 / Difference",
        "完成度 / Completeness",
        "上图口径 / Mapped basis",
        "区内同类记录(仅供参考) / Records of the kind here (context only)",
        "报道点名的记录 / Named in the report",
        "说明 / Note",
        "时期 / Period",
        "来源 / Source",
    ];
    table(&header, out)
}

/// Activities by month.
pub fn months_csv(rows: &[MonthRow]) -> String {
    let out = rows.iter().map(|m| {
        vec![
            text(m.label()),
            num(m.started.records),
            num(m.started_spanning),
            num(m.running),
            num(m.started.sessions),
            num(m.started.participants),
        ]
    });
    let header = [
        "月份 / Month",
        "当月开始的活动 / Activities starting",
        "其中跨月 / Of which run on",
        "进行中 / Under way",
        "场次 / Sessions",
        "人次 / Participants",
    ];
    table(&header, out)
}

/// The three groups of a gap search, one row per place: certain gaps, then the places
/// that can't be told (with the sites placed approximately that could be within the
/// distance), then the places served for certain. Distances are to a site's mapped point,
/// beside the radius its real place may be off by.
pub fn gaps_csv(data: &Dataset, report: &GapReport) -> String {
    let d = report.radius_km;
    let km1 = |m: f64| num(format!("{:.1}", m / 1000.0));
    let site_cells = |n: Option<Nearest>| match n {
        Some(n) => vec![
            text(&data.sites[n.site].name),
            km1(n.distance_m),
            km1(n.radius_m),
        ],
        None => vec![text("—"), text("—"), text("—")],
    };
    let possible_text = |g: &Gap| {
        g.possible
            .iter()
            .map(|n| {
                format!(
                    "{} ({:.1} ± {:.1} km)",
                    data.sites[n.site].name,
                    n.distance_m / 1000.0,
                    n.radius_m / 1000.0
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let place = |group: String, region: usize, at: LonLat| {
        let region = &data.regions[region];
        vec![
            text(group),
            text(&region.name),
            text(format!(
                "{} / {}",
                region.level.label_zh(),
                region.level.label_en()
            )),
            num(format!("{:.5}", at.lon)),
            num(format!("{:.5}", at.lat)),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for g in &report.gaps {
        let mut row = place(
            format!("确定没有地点 / No site within {d} km for certain"),
            g.region,
            g.position,
        );
        row.extend(site_cells(g.nearest));
        row.push(text(""));
        rows.push(row);
    }
    for g in &report.uncertain {
        let mut row = place(
            format!("无法确定 / Can't tell: sites placed approximately could be within {d} km"),
            g.region,
            g.position,
        );
        row.extend(site_cells(g.nearest));
        row.push(text(possible_text(g)));
        rows.push(row);
    }
    for s in &report.served {
        let mut row = place(
            format!("确定有地点 / A site within {d} km for certain"),
            s.region,
            s.position,
        );
        row.extend(site_cells(Some(s.by)));
        row.push(text(""));
        rows.push(row);
    }
    let possible = format!(
        "可能在 {d} 公里内的地点(距标注位置 ± 误差) / Sites that could be within {d} km (distance ± radius)"
    );
    let header = [
        format!("分组(距离 {d} 公里) / Group (distance {d} km)"),
        "地区 / Region".to_owned(),
        "层级 / Level".to_owned(),
        "经度 / Lon".to_owned(),
        "纬度 / Lat".to_owned(),
        "最近地点 / Nearest site".to_owned(),
        "距其标注位置(公里) / To its mapped point (km)".to_owned(),
        "其位置误差 ±(公里) / Its position ± (km)".to_owned(),
        possible,
    ];
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    table(&h, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::city;
    use crate::domain::coverage::{
        by_month, by_region, find_gaps, reported_vs_mapped, totals, CoverageIndex, GapOptions,
        Scope,
    };
    use crate::domain::model::{Member, RegionLevel};

    /// Parses CSV text back (after its BOM) into rows of cells.
    fn parse(csv_text: &str) -> Vec<Vec<String>> {
        let body = csv_text.strip_prefix(BOM).expect("starts with a BOM");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.expect("valid csv").iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn names_with_commas_quotes_and_line_breaks_round_trip() {
        let mut data = city();
        data.regions[0].name = "肇庆市, \"西江\"\n第二行".into();
        data.regions[0].reported[0].members = Some(vec![
            Member {
                id: "hq".into(),
                says: "…".into(),
            },
            Member {
                id: "gone".into(),
                says: "…".into(),
            },
        ]);
        let index = CoverageIndex::new(&data);
        let out = reported_csv(&reported_vs_mapped(&data, &index, Scope::all()));
        assert!(out.contains("\r\n"), "CRLF line ends");
        assert!(
            out.contains("\"肇庆市, \"\"西江\"\"\n第二行\""),
            "RFC 4180 quoting"
        );
        let rows = parse(&out);
        assert_eq!(rows[0][0], "地区 / Region");
        assert_eq!(rows[1][0], "肇庆市, \"西江\"\n第二行");
        assert_eq!(&rows[1][2..6], ["290", "1", "289", "0.3%"]);
        assert!(
            rows[1][6].starts_with("报道点名属于此总数"),
            "{}",
            rows[1][6]
        );
        assert_eq!(rows[1][7], "", "no context for a named total");
        assert_eq!(
            rows[1][8],
            "hq (hq): 已计入 / counted; gone: 数据中没有此记录,未计入 / not in the data, not counted"
        );
        // Red resources, none named, 2 sites in the city (the admin-only one is placed by
        // the city's name, changed here): not comparable, 2 as context.
        assert_eq!(rows[3][3], "不可比 / not comparable");
        assert_eq!(&rows[3][4..6], ["—", "—"]);
        assert!(
            rows[3][6].starts_with("报道未说明计入哪些地点;区内地图上有 2 个地点"),
            "{}",
            rows[3][6]
        );
        assert!(rows[3][6].contains(" / the report does not say which places it counts"));
        assert_eq!(rows[3][7], "2");
    }

    #[test]
    fn formula_like_text_is_defused_but_numbers_are_not() {
        let mut data = city();
        data.regions[0].name = "=HYPERLINK(\"http://x\")".into();
        data.regions[0].reported[0].value = 1;
        data.regions[0].reported[0].members = Some(vec![Member {
            id: "hq".into(),
            says: "…".into(),
        }]);
        let index = CoverageIndex::new(&data);
        let rows = parse(&reported_csv(&reported_vs_mapped(
            &data,
            &index,
            Scope::all(),
        )));
        assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x\")");
        assert_eq!(rows[1][4], "0", "difference 1 - 1");
        data.regions[0].reported[0].value = 0;
        let rows = parse(&reported_csv(&reported_vs_mapped(
            &data,
            &index,
            Scope::all(),
        )));
        assert_eq!(rows[1][4], "-1", "a negative number stays a number");
    }

    #[test]
    fn every_table_has_a_bilingual_header_and_its_rows() {
        let data = city();
        let index = CoverageIndex::new(&data);
        let t = parse(&totals_csv(&totals(&data, &index, Scope::all())));
        assert_eq!(t[0], ["指标 / Figure", "数值 / Value", "说明 / Note"]);
        assert_eq!(t[1][1], "4");
        assert!(t[5][2].contains("1 records give no figure"), "{:?}", t[5]);
        let r = parse(&regions_csv(&by_region(&data, &index, Scope::all())));
        assert_eq!(r[3][1], "广东省 > 肇庆市 > 德庆县");
        assert_eq!(r.last().map(|l| l[2].as_str()), Some("1"), "unplaced site");
        let m = parse(&months_csv(&by_month(&data, &index, Scope::all())));
        assert_eq!(m.len(), 1 + 3, "2021-03 .. 2021-05");
    }

    /// The gaps CSV keeps the three groups apart: a site placed approximately never makes
    /// a place a certain gap nor a served one.
    #[test]
    fn gaps_csv_lists_certain_gaps_can_t_tell_and_served_apart() {
        let mut data = city();
        // "tp" is exact; the others keep the unknown precision (±5 km).
        data.sites[1].precision.radius_m = Some(50.0);
        data.regions.push(crate::domain::coverage::test_data::at(
            crate::domain::coverage::test_data::region("far", "远镇", RegionLevel::Town, None),
            100.0,
            30.0,
        ));
        let opts = GapOptions {
            radius_km: 1.0,
            ..GapOptions::default()
        };
        let g = parse(&gaps_csv(&data, &find_gaps(&data, Scope::all(), &opts)));
        assert!(g[0][0].contains("1 km"), "{:?}", g[0]);
        let group = |name: &str| {
            let row = g.iter().find(|r| r[1] == name).expect(name);
            (
                row[0].clone(),
                row[5].clone(),
                row[7].clone(),
                row[8].clone(),
            )
        };
        let (far, _, _, _) = group("远镇");
        assert!(
            far.starts_with("确定没有地点 / No site within 1 km for certain"),
            "{far}"
        );
        let (chengqu, nearest, radius, could) = group("城区");
        assert!(chengqu.starts_with("无法确定 / Can't tell"), "{chengqu}");
        assert_eq!((nearest.as_str(), radius.as_str()), ("hq", "5.0"));
        assert!(
            could.starts_with("hq (1.") && could.contains("± 5.0 km)"),
            "{could}"
        );
        let (decheng, nearest, _, _) = group("德城街道");
        assert!(decheng.starts_with("确定有地点"), "{decheng}");
        assert_eq!(nearest, "tp");
        assert_eq!(g.len(), 1 + 6, "every place checked is in one group");
    }
}
