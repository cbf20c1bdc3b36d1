//! The dashboard's figures as CSV files that Excel opens correctly: UTF-8 with a BOM (else
//! Excel reads Chinese as the local code page), RFC 4180 quoting (commas, quotes and line
//! breaks in names), CRLF line ends, and a header row in Chinese and English.
//!
//! Text cells that begin with `=`, `+`, `-` or `@` get a leading apostrophe: spreadsheets
//! would otherwise run them as formulas (a name from an imported file is untrusted).
//! Numbers are written plain, without thousands separators.

use super::figures::ActivityFigures;
use super::gaps::{Gap, GapReport, Nearest};
use super::months::Months;
use super::reported::{Mapped, MemberRow, NotComparable, ReportedRow};
use super::totals::Totals;
use super::tree::{PlaceCounts, RegionBreakdown};
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

/// What kind of figure a sum is, for the column beside it: "" when exact, "至少 / at
/// least" when some records give no figure (the sum is a lower bound), and a word when
/// some figures are themselves "over" or "about" in the source. The number stays a number
/// (for Excel); this column keeps the "≥" the dashboard shows.
fn bound(missing: usize, qualified: usize) -> Cell {
    text(match (missing, qualified) {
        (0, 0) => "",
        (0, _) => "含“超过”“约”的数字 / includes 'over'/'about' figures",
        (_, 0) => "至少 / at least",
        (_, _) => "至少;含“超过”“约”的数字 / at least; includes 'over'/'about' figures",
    })
}

/// A sum of sessions with its bound: blank (not 0) when no record gives a figure.
fn sessions_cells(a: &ActivityFigures) -> [Cell; 2] {
    if a.records > 0 && a.sessions_missing == a.records {
        return [text(""), text("无数字 / no figure")];
    }
    [num(a.sessions), bound(a.sessions_missing, 0)]
}

/// A sum of participants with its bound: blank (not 0) when no record gives a figure.
fn participants_cells(a: &ActivityFigures) -> [Cell; 2] {
    if a.records > 0 && a.participants_missing == a.records {
        return [text(""), text("无数字 / no figure")];
    }
    [
        num(a.participants),
        bound(a.participants_missing, a.participants_qualified),
    ]
}

fn missing_note(missing: usize) -> String {
    match missing {
        0 => String::new(),
        n => format!("{n} 条记录未给出数字,合计为下限 / {n} records give no figure; the total is a lower bound"),
    }
}

/// Headline figures and sites by kind; a sum that is a lower bound says so in "界限 / Bound".
pub fn totals_csv(t: &Totals) -> String {
    let a = &t.activities;
    let plain = |label: &str, n: usize| vec![text(label), num(n), text(""), text("")];
    let [sessions, sessions_bound] = sessions_cells(a);
    let [participants, participants_bound] = participants_cells(a);
    let mut rows = vec![
        plain("地点 / Sites", t.sites),
        plain("路线 / Routes", t.routes),
        plain("现场教学点 / Teaching points", t.teaching_points),
        plain("活动记录 / Activity records", a.records),
        vec![
            text("场次 / Sessions"),
            sessions,
            sessions_bound,
            text(missing_note(a.sessions_missing)),
        ],
        vec![
            text("人次 / Participants"),
            participants,
            participants_bound,
            text(missing_note(a.participants_missing)),
        ],
    ];
    for k in &t.by_kind {
        let label = format!("{} / {}", k.kind.label_zh(), k.kind.label_en());
        let note = format!(
            "含兼有此类的地点 {} / {} with this as a further role",
            k.any_role, k.any_role
        );
        rows.push(vec![text(label), num(k.main), text(""), text(note)]);
    }
    table(
        &[
            "指标 / Figure",
            "数值 / Value",
            "界限 / Bound",
            "说明 / Note",
        ],
        rows,
    )
}

fn count_cells(c: &PlaceCounts) -> Vec<Cell> {
    let a = &c.activities;
    let mut cells = vec![num(c.sites), num(c.routes), num(a.records)];
    cells.extend(sessions_cells(a));
    cells.extend(participants_cells(a));
    cells.push(num(a.participants_missing));
    cells
}

/// The breakdown by place, one row per place with its whole path.
pub fn regions_csv(b: &RegionBreakdown) -> String {
    let mut path: Vec<String> = Vec::new();
    let mut rows = Vec::with_capacity(b.rows.len() + 1);
    for r in &b.rows {
        path.truncate(r.depth);
        path.push(r.name.clone());
        let mut row: Vec<Cell> = vec![
            text(format!("{} / {}", r.level.label_zh(), r.level.label_en())),
            text(path.join(" > ")),
        ];
        row.extend(count_cells(&r.counts));
        rows.push(row);
    }
    let mut last = vec![text(""), text("未能归入地区 / Not placed in any region")];
    last.extend(count_cells(&b.unplaced));
    rows.push(last);
    let header = [
        "层级 / Level",
        "地区 / Region",
        "地点 / Sites",
        "路线 / Routes",
        "活动记录 / Activity records",
        "场次 / Sessions",
        "场次界限 / Sessions bound",
        "人次 / Participants",
        "人次界限 / Participants bound",
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
            num(r.reported),
            text(match r.qualifier {
                None => String::new(),
                Some(q) => format!("{} / {}", q.label_zh(), q.label_en()),
            }),
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
        "上报界限 / Reported bound",
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

/// Activities by month, then one row per range of months that records are dated only
/// by (never put in a month): the months plus those rows add up to the totals.
pub fn months_csv(m: &Months) -> String {
    let row = |label: String, kind: &str, records: usize, running: Cell, a: &ActivityFigures| {
        let mut r = vec![text(label), text(kind), num(records), running];
        r.extend(sessions_cells(a));
        r.extend(participants_cells(a));
        r
    };
    let mut out: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .map(|r| {
            row(
                r.label(),
                "月份 / Month",
                r.started.records,
                num(r.running),
                &r.started,
            )
        })
        .collect();
    for r in &m.ranged {
        let kind = if r.recurring {
            "整段时间内反复进行(每周/经常),数字不分月 / Recurring through the range; figures not by month"
        } else {
            "日期仅知在此时段内,不计入任何月份 / Date known only as this range; in no month"
        };
        out.push(row(
            r.label(),
            kind,
            r.figures.records,
            text(""),
            &r.figures,
        ));
    }
    let header = [
        "月份或时段 / Month or range",
        "类别 / Kind",
        "活动记录 / Activity records",
        "进行中(含反复进行的) / Under way (incl. recurring)",
        "场次 / Sessions",
        "场次界限 / Sessions bound",
        "人次 / Participants",
        "人次界限 / Participants bound",
    ];
    table(&header, out)
}

/// The three groups of a gap search, one row per place: certain gaps, then the places
/// that can't be told (with the sites placed approximately that could be within the
/// distance), then the places served for certain. Distances are to a site's mapped point,
/// beside the radius its real place may be off by.
pub fn gaps_csv(data: &Dataset, report: &GapReport) -> String {
    let d = report.radius_km;
    let km1 = |m: f64| num(super::format::km(m));
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
                    "{} ({} ± {} km)",
                    data.sites[n.site].name,
                    super::format::km(n.distance_m),
                    super::format::km(n.radius_m)
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
        assert_eq!(&rows[1][2..7], ["290", "", "1", "289", "0.3%"]);
        assert!(
            rows[1][7].starts_with("报道点名属于此总数"),
            "{}",
            rows[1][7]
        );
        assert_eq!(rows[1][8], "", "no context for a named total");
        assert_eq!(
            rows[1][9],
            "hq (hq): 已计入 / counted; gone: 数据中没有此记录,未计入 / not in the data, not counted"
        );
        // Red resources, none named, 2 sites in the city (the admin-only one is placed by
        // the city's name, changed here): not comparable, 2 as context.
        assert_eq!(rows[3][4], "不可比 / not comparable");
        assert_eq!(&rows[3][5..7], ["—", "—"]);
        assert!(
            rows[3][7].starts_with("报道未说明计入哪些地点;区内地图上有 2 个地点"),
            "{}",
            rows[3][7]
        );
        assert!(rows[3][7].contains(" / the report does not say which places it counts"));
        assert_eq!(rows[3][8], "2");
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
        assert_eq!(rows[1][5], "0", "difference 1 - 1");
        data.regions[0].reported[0].value = 0;
        let rows = parse(&reported_csv(&reported_vs_mapped(
            &data,
            &index,
            Scope::all(),
        )));
        assert_eq!(rows[1][5], "-1", "a negative number stays a number");
    }

    #[test]
    fn every_table_has_a_bilingual_header_and_its_rows() {
        let data = city();
        let index = CoverageIndex::new(&data);
        let t = parse(&totals_csv(&totals(&data, &index, Scope::all())));
        assert_eq!(
            t[0],
            [
                "指标 / Figure",
                "数值 / Value",
                "界限 / Bound",
                "说明 / Note"
            ]
        );
        assert_eq!(t[1][1], "4");
        assert!(t[5][3].contains("1 records give no figure"), "{:?}", t[5]);
        assert_eq!(
            (t[5][1].as_str(), t[5][2].as_str()),
            ("62", "至少 / at least")
        );
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

    /// The review: "≥ 524,000" became 524000 in the CSVs. Every figure CSV keeps the
    /// number numeric and says the bound beside it.
    #[test]
    fn lower_bounds_keep_their_word_beside_the_number_in_every_figure_csv() {
        let mut data = city();
        // a1 gives 100 participants, a2 and a3 none: "at least 100"; one "over" figure.
        data.activities[0].participants_qualifier = Some(crate::domain::model::Qualifier::Over);
        data.regions[0].reported[0].qualifier = Some(crate::domain::model::Qualifier::Over);
        let index = CoverageIndex::new(&data);
        let t = parse(&totals_csv(&totals(&data, &index, Scope::all())));
        let p = t
            .iter()
            .find(|r| r[0] == "人次 / Participants")
            .expect("row");
        assert_eq!(p[1], "100");
        assert!(p[2].starts_with("至少"), "{p:?}");
        assert!(p[2].contains("over"), "{p:?}");
        let r = parse(&regions_csv(&by_region(&data, &index, Scope::all())));
        assert_eq!(r[0][7], "人次 / Participants");
        assert_eq!(r[0][8], "人次界限 / Participants bound");
        let city_row = &r[1];
        assert_eq!(city_row[7], "100");
        assert!(city_row[8].starts_with("至少"), "{city_row:?}");
        let m = parse(&months_csv(&by_month(&data, &index, Scope::all())));
        let march = m.iter().find(|r| r[0] == "2021-03").expect("march");
        assert_eq!(march[6], "100");
        assert!(march[7].starts_with("至少"), "{march:?}");
        let may = m.iter().find(|r| r[0] == "2021-05").expect("may");
        assert_eq!(
            (may[6].as_str(), may[7].as_str()),
            ("", "无数字 / no figure")
        );
        let rep = parse(&reported_csv(&reported_vs_mapped(
            &data,
            &index,
            Scope::all(),
        )));
        assert_eq!(
            (rep[1][2].as_str(), rep[1][3].as_str()),
            ("290", "超过 / over")
        );
    }

    /// A record dated only by a range of months is in its own row, not in its first month.
    #[test]
    fn months_csv_puts_a_range_in_its_own_row_and_the_rows_add_up() {
        let mut data = city();
        data.activities[2].date = crate::domain::model::ActivityDate::Range {
            start: crate::domain::model::Date::first_of(2021, 3),
            end: crate::domain::model::Date::last_of(2021, 11),
        };
        let index = CoverageIndex::new(&data);
        let m = parse(&months_csv(&by_month(&data, &index, Scope::all())));
        let march = m.iter().find(|r| r[0] == "2021-03").expect("march");
        assert_eq!(
            (march[2].as_str(), march[4].as_str()),
            ("1", "2"),
            "{march:?}"
        );
        let ranged = m.last().expect("ranged row");
        assert_eq!(ranged[0], "2021-03 – 2021-11");
        assert!(ranged[1].starts_with("日期仅知在此时段内"), "{ranged:?}");
        assert_eq!((ranged[2].as_str(), ranged[4].as_str()), ("1", "60"));
        let records: usize = m[1..]
            .iter()
            .map(|r| r[2].parse::<usize>().expect("n"))
            .sum();
        assert_eq!(records, data.activities.len());
    }
}
