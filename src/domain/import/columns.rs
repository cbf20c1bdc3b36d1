//! Which column holds what: the fields an imported row can fill, and a first suggestion
//! of the mapping from the header names (Chinese or English, "经度(WGS84)" or
//! "Longitude") and, where headers say nothing, from the values (a column of numbers
//! between 73 and 136 is longitude in China). The user confirms or changes it; columns
//! left unmapped are kept as extra properties, never dropped.

use super::coord::{parse_angle, split_pair};
use super::headers::field_for_header;
use super::table::CsvTable;

/// What a column can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    NameEn,
    Lon,
    Lat,
    /// One cell "lat,lon".
    LatLon,
    /// One cell "lon,lat" (as Amap and Baidu pickers copy it).
    LonLat,
    Kind,
    Address,
    Summary,
    Province,
    City,
    County,
    Town,
    Date,
    ActivityType,
    ActivityTitle,
    Participants,
    Sessions,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::Name,
        Field::Lon,
        Field::Lat,
        Field::LatLon,
        Field::LonLat,
        Field::Kind,
        Field::Address,
        Field::Summary,
        Field::NameEn,
        Field::Id,
        Field::Province,
        Field::City,
        Field::County,
        Field::Town,
        Field::Date,
        Field::ActivityType,
        Field::ActivityTitle,
        Field::Participants,
        Field::Sessions,
    ];
}

/// Which field each column holds (`None`: kept as an extra property).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMapping {
    pub columns: Vec<Option<Field>>,
}

impl ColumnMapping {
    /// The column holding `field`, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|f| *f == Some(field))
    }

    /// Maps `column` to `field`, taking the field away from any other column.
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if let Some(f) = field {
            self.columns
                .iter_mut()
                .filter(|c| **c == Some(f))
                .for_each(|c| *c = None);
        }
        if column >= self.columns.len() {
            self.columns.resize(column + 1, None);
        }
        self.columns[column] = field;
    }

    /// Whether the mapping can give positions: lon and lat columns, or one pair column.
    pub fn has_position(&self) -> bool {
        (self.column(Field::Lon).is_some() && self.column(Field::Lat).is_some())
            || self.column(Field::LatLon).is_some()
            || self.column(Field::LonLat).is_some()
    }
}

/// Rows sampled to recognise columns by their values.
const SAMPLE_ROWS: usize = 50;

/// The share of sampled non-empty cells of `col` for which `test` holds.
fn share(table: &CsvTable, col: usize, test: impl Fn(&str) -> bool) -> f64 {
    let cells: Vec<&str> = table
        .rows
        .iter()
        .take(SAMPLE_ROWS)
        .map(|r| table.cell(r, col))
        .filter(|c| !c.is_empty())
        .collect();
    match cells.len() {
        0 => 0.0,
        n => cells.iter().filter(|c| test(c)).count() as f64 / n as f64,
    }
}

fn angle_in(s: &str, lo: f64, hi: f64) -> bool {
    parse_angle(s).is_ok_and(|a| (lo..=hi).contains(&a.degrees))
}

/// Whether pair cells read "lon,lat" (true) or "lat,lon" (false), by China's ranges.
fn pair_is_lon_first(table: &CsvTable, col: usize) -> bool {
    share(table, col, |c| {
        split_pair(c).is_some_and(|(a, b)| angle_in(&a, 73.0, 136.0) && angle_in(&b, 3.0, 54.0))
    }) > 0.5
}

/// A first mapping: from header names, then from values for what is still missing.
pub fn suggest_mapping(table: &CsvTable) -> ColumnMapping {
    let mut m = ColumnMapping {
        columns: vec![None; table.headers.len()],
    };
    if table.has_header {
        for (i, h) in table.headers.iter().enumerate() {
            if let Some(f) = field_for_header(h).filter(|f| m.column(*f).is_none()) {
                m.columns[i] = Some(f);
            }
        }
    }
    // A pair column's order is what its values say, whatever the header.
    for f in [Field::LatLon, Field::LonLat] {
        if let Some(col) = m.column(f) {
            let lon_first = pair_is_lon_first(table, col);
            m.columns[col] = Some(if lon_first {
                Field::LonLat
            } else {
                Field::LatLon
            });
        }
    }
    if !m.has_position() {
        by_values(table, &mut m);
    }
    if m.column(Field::Name).is_none() {
        let free = (0..table.headers.len()).find(|&c| {
            m.columns[c].is_none() && share(table, c, |v| parse_angle(v).is_err()) > 0.8
        });
        if let Some(c) = free {
            m.columns[c] = Some(Field::Name);
        }
    }
    m
}

fn by_values(table: &CsvTable, m: &mut ColumnMapping) {
    let free = |m: &ColumnMapping, c: usize| m.columns[c].is_none();
    for c in 0..table.headers.len() {
        if !free(m, c) {
            continue;
        }
        if m.column(Field::Lon).is_none() && share(table, c, |v| angle_in(v, 73.0, 136.0)) > 0.8 {
            m.columns[c] = Some(Field::Lon);
        } else if m.column(Field::Lat).is_none()
            && share(table, c, |v| angle_in(v, 3.0, 54.0)) > 0.8
        {
            m.columns[c] = Some(Field::Lat);
        } else if share(table, c, |v| {
            split_pair(v).is_some_and(|(a, b)| parse_angle(&a).is_ok() && parse_angle(&b).is_ok())
        }) > 0.8
        {
            let lon_first = pair_is_lon_first(table, c);
            m.set(
                c,
                Some(if lon_first {
                    Field::LonLat
                } else {
                    Field::LatLon
                }),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::table::read_table;

    fn mapping(text: &str) -> Vec<Option<Field>> {
        suggest_mapping(&read_table("f.csv", text).0).columns
    }

    #[test]
    fn headers_in_chinese_and_english() {
        use Field::*;
        assert_eq!(
            mapping("序号,名称,经度（WGS84）,纬度,类型,地址,活动日期,参与人数\n1,甲,113.1,23.0,纪念馆,某路,2021-03-01,50\n"),
            [None, Some(Name), Some(Lon), Some(Lat), Some(Kind), Some(Address), Some(Date), Some(Participants)]
        );
        assert_eq!(
            mapping("Name,Longitude,Latitude,Type,Notes\nA,113.1,23.0,museum,x\n"),
            [Some(Name), Some(Lon), Some(Lat), Some(Kind), Some(Summary)]
        );
        assert_eq!(
            mapping("活动名称,地点名称,x,y\n读书会,甲,113.1,23.0\n"),
            [Some(ActivityTitle), Some(Name), Some(Lon), Some(Lat)],
            "活动名称 is the activity, 地点名称 the site"
        );
    }

    #[test]
    fn a_pair_column_gets_its_order_from_the_values() {
        use Field::*;
        assert_eq!(
            mapping("名称,坐标\n甲,\"23.03, 113.18\"\n"),
            [Some(Name), Some(LatLon)]
        );
        assert_eq!(
            mapping("名称,坐标\n甲,\"113.18,23.03\"\n"),
            [Some(Name), Some(LonLat)]
        );
    }

    #[test]
    fn without_a_header_columns_are_found_by_their_values() {
        use Field::*;
        assert_eq!(
            mapping("中共南海县委旧址,23.03625,113.1856\n西樵镇,22°56'46\"N,112°58'3\"E\n"),
            [Some(Name), Some(Lat), Some(Lon)]
        );
        assert_eq!(
            mapping("甲\t23.0,113.1\n乙\t23.1,113.2\n"),
            [Some(Name), Some(LatLon)]
        );
    }

    #[test]
    fn setting_a_field_moves_it() {
        let mut m = ColumnMapping {
            columns: vec![Some(Field::Name), None],
        };
        m.set(1, Some(Field::Name));
        assert_eq!(m.columns, [None, Some(Field::Name)]);
        m.set(3, Some(Field::Lon));
        assert_eq!(m.columns.len(), 4);
        assert!(!m.has_position());
    }
}
