//! A delimited text file as a table: the delimiter sniffed (comma, tab, semicolon or
//! bar), RFC 4180 quoting via the `csv` crate (commas, line breaks and doubled quotes
//! inside quoted cells), blank rows skipped, the header row detected, and each row
//! numbered as a spreadsheet numbers it (a line break inside a quoted cell does not start
//! a new row), so that "row 7" in an issue is row 7 in Excel.

use super::coord::parse_angle;
use super::table_reader::TableReader;
use crate::domain::validate::DataIssue;

/// Lines looked at to sniff the delimiter.
const SNIFF_RECORDS: usize = 50;

/// One row of cells and its spreadsheet row number (1-based, the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A delimited file, decoded and split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    /// Column names: the header row, or spreadsheet letters (A, B, ...) when there is none.
    pub headers: Vec<String>,
    pub has_header: bool,
    pub delimiter: u8,
    /// Data rows, blank rows left out.
    pub rows: Vec<TableRow>,
}

impl CsvTable {
    /// The cell of `row` in column `col`, trimmed ("" when the row is short).
    pub fn cell<'a>(&self, row: &'a TableRow, col: usize) -> &'a str {
        row.cells.get(col).map_or("", |c| c.trim())
    }
}

/// The spreadsheet name of a column: A, B, ..., Z, AA, AB, ...
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The delimiter that splits the first records into the same number of cells most often
/// (ties: more cells wins, then tab, comma, semicolon, bar: a tab is never typed inside a
/// value, a comma may be, as in an unquoted "23.0,113.1"). Quotes are respected; a file
/// with none of them is one column of comma-separated values.
pub fn sniff_delimiter(text: &str) -> u8 {
    let candidates = [b'\t', b',', b';', b'|'];
    let mut counts: Vec<Vec<usize>> = vec![Vec::new(); candidates.len()];
    let mut current = [0usize; 4];
    let mut in_quotes = false;
    let mut records = 0;
    for b in text.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                if current.iter().any(|&c| c > 0) {
                    for (i, c) in current.iter().enumerate() {
                        counts[i].push(*c);
                    }
                    records += 1;
                }
                current = [0; 4];
                if records >= SNIFF_RECORDS {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    current[i] += 1;
                }
            }
            _ => {}
        }
    }
    for (i, c) in current.iter().enumerate() {
        counts[i].push(*c);
    }
    let score = |seen: &Vec<usize>| {
        let mode = mode(seen);
        let agree = seen.iter().filter(|&&n| n == mode && n > 0).count();
        (agree, mode)
    };
    let best = (0..candidates.len()).max_by(|&a, &b| {
        score(&counts[a]).cmp(&score(&counts[b])).then(b.cmp(&a)) // earlier candidate wins a tie
    });
    best.filter(|&i| score(&counts[i]).0 > 0)
        .map_or(b',', |i| candidates[i])
}

fn mode(values: &[usize]) -> usize {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut best = (0, 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&v| v == sorted[i]).count();
        if j > best.1 || (j == best.1 && sorted[i] > best.0) {
            best = (sorted[i], j);
        }
        i += j;
    }
    best.0
}

/// Whether a first row reads as a header: no cell is a number or a coordinate, and at
/// least one cell has text.
pub(super) fn looks_like_header(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    !filled.is_empty() && filled.iter().all(|c| parse_angle(c).is_err())
}

/// Reads `text` as a table. Problems the reader meets (a broken quote) are issues; the
/// rows around them still load. ([`TableReader`] does the same in steps.)
pub fn read_table(file: &str, text: &str) -> (CsvTable, Vec<DataIssue>) {
    let mut reader = TableReader::new(file, text);
    reader.step(usize::MAX);
    reader.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_comma_tab_and_semicolon_respecting_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(
            sniff_delimiter("名称\t坐标\n甲\t23.0,113.1\n乙\t23.1,113.2\n"),
            b'\t'
        );
        assert_eq!(sniff_delimiter("a;b\n\"1,5\";2\n\"3,5\";4\n"), b';');
        assert_eq!(sniff_delimiter("\"x,y,z\",b\n\"p,q,r\",c\n"), b',');
        assert_eq!(sniff_delimiter("just one column\nsecond\n"), b',');
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_numbers_them() {
        let text = "名称,经度,纬度\n\n\"甲,\n乙\",113.1,23.0\n,,\n丙,113.2,23.1\r\n";
        let (t, issues) = read_table("f.csv", text);
        assert!(issues.is_empty());
        assert!(t.has_header);
        assert_eq!(t.headers, ["名称", "经度", "纬度"]);
        let rows: Vec<(usize, &str)> = t
            .rows
            .iter()
            .map(|r| (r.row, r.cells[0].as_str()))
            .collect();
        // Row 2 is blank, row 3 holds a quoted line break, row 4 is empty cells.
        assert_eq!(rows, [(3, "甲,\n乙"), (5, "丙")]);
    }

    #[test]
    fn a_file_without_header_gets_column_letters() {
        let (t, _) = read_table("f.csv", "甲,113.1,23.0\n乙,113°12'E,23°N\n");
        assert!(!t.has_header);
        assert_eq!(t.headers, ["A", "B", "C"]);
        assert_eq!(t.rows[0].row, 1);
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn escaped_quotes_and_ragged_rows() {
        let (t, _) = read_table("f.csv", "name,note\n\"say \"\"hi\"\"\",x,extra\nshort\n");
        assert_eq!(t.rows[0].cells, ["say \"hi\"", "x", "extra"]);
        assert_eq!(
            t.headers,
            ["name", "note", "C"],
            "a blank header is named by letter"
        );
        assert_eq!(t.cell(&t.rows[1], 1), "");
    }
}
