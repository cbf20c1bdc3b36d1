//! [`read_table`](super::read_table) in steps: a 50 MB CSV is ~270k records, a few seconds
//! of work in the browser, which must not freeze the page. [`TableReader::step`] reads up
//! to a number of records and can be called again where it stopped; [`TableReader::finish`]
//! detects the header and names the columns. The one-shot `read_table` is this reader run
//! to the end, so both give the same table and issues.
//!
//! Pure: the text is owned (or borrowed) by the reader; no clock, the caller decides when
//! to pause.

use super::table::{column_letter, looks_like_header, sniff_delimiter, CsvTable, TableRow};
use super::Reason;
use crate::domain::validate::{DataIssue, Severity};
use std::io::Cursor;

/// A table being read from text `T` (a `String`, or `&str`).
pub struct TableReader<T: AsRef<[u8]>> {
    file: String,
    delimiter: u8,
    reader: csv::Reader<Cursor<T>>,
    record: csv::StringRecord,
    lines: LineCounter,
    /// Line breaks inside quoted cells seen so far: a spreadsheet does not count them.
    inner_breaks: usize,
    rows: Vec<TableRow>,
    issues: Vec<DataIssue>,
    done: bool,
}

impl<T: AsRef<[u8]> + AsRef<str>> TableReader<T> {
    /// Starts reading `text` (the delimiter is sniffed from its first records now).
    pub fn new(file: &str, text: T) -> Self {
        let delimiter = sniff_delimiter(AsRef::<str>::as_ref(&text));
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Cursor::new(text));
        TableReader {
            file: file.to_owned(),
            delimiter,
            reader,
            record: csv::StringRecord::new(),
            lines: LineCounter { at: 0, line: 1 },
            inner_breaks: 0,
            rows: Vec::new(),
            issues: Vec::new(),
            done: false,
        }
    }
}

impl<T: AsRef<[u8]>> TableReader<T> {
    /// Bytes of the text read so far, and in all (for progress).
    pub fn progress_bytes(&self) -> (usize, usize) {
        let all = self.reader.get_ref().get_ref().as_ref().len();
        (self.lines.at.min(all), all)
    }

    /// Reads up to `max_records` more records; true when the text is all read.
    pub fn step(&mut self, max_records: usize) -> bool {
        for _ in 0..max_records {
            if self.done {
                break;
            }
            match self.reader.read_record(&mut self.record) {
                Ok(true) => self.take_record(),
                Ok(false) => self.done = true,
                Err(e) => {
                    let bytes = self.reader.get_ref().get_ref().as_ref();
                    let line = self
                        .lines
                        .line_at(bytes, e.position().map_or(0, |p| p.byte() as usize));
                    let path = format!("row {}", line.saturating_sub(self.inner_breaks));
                    let reason = Reason::UnreadableRow(e.to_string());
                    let reason = Reason::RowNotImported(Box::new(reason));
                    self.issues.push(DataIssue::because(
                        Severity::Error,
                        &self.file,
                        path,
                        reason,
                    ));
                }
            }
        }
        self.done
    }

    fn take_record(&mut self) {
        let bytes = self.reader.get_ref().get_ref().as_ref();
        let byte = self.record.position().map_or(0, |p| p.byte() as usize);
        let line = self.lines.line_at(bytes, byte);
        let cells: Vec<String> = self.record.iter().map(str::to_owned).collect();
        let row = line.saturating_sub(self.inner_breaks);
        self.inner_breaks += cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            self.rows.push(TableRow { row, cells });
        }
    }

    /// The table (reading what is left first) and the problems met: the header row
    /// detected, columns named, and rows wider than the header listed.
    pub fn finish(mut self) -> (CsvTable, Vec<DataIssue>) {
        self.step(usize::MAX);
        let (file, mut rows, mut issues) = (self.file, self.rows, self.issues);
        let has_header = rows.first().is_some_and(|r| looks_like_header(&r.cells));
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let headers: Vec<String> = if has_header {
            let first = rows.remove(0);
            for r in rows.iter().filter(|r| {
                r.cells
                    .iter()
                    .skip(first.cells.len())
                    .any(|c| !c.trim().is_empty())
            }) {
                let reason = Reason::RowWider {
                    cells: r.cells.len(),
                    header: first.cells.len(),
                };
                issues.push(DataIssue::because(
                    Severity::Warning,
                    &file,
                    format!("row {}", r.row),
                    reason,
                ));
            }
            (0..width.max(first.cells.len()))
                .map(|i| match first.cells.get(i).map(|c| c.trim()) {
                    Some(h) if !h.is_empty() => h.to_owned(),
                    _ => column_letter(i),
                })
                .collect()
        } else {
            (0..width).map(column_letter).collect()
        };
        let table = CsvTable {
            headers,
            has_header,
            delimiter: self.delimiter,
            rows,
        };
        (table, issues)
    }
}

/// The line a record starts on. The reader reports where it began reading, which is
/// before any blank lines it skipped; those are stepped over here. Offsets only grow,
/// so the counting is linear in the file.
struct LineCounter {
    at: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], byte: usize) -> usize {
        let mut start = byte.max(self.at).min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.line += bytes[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_table;
    use super::*;

    const TRICKY: &str = "名称,经度,纬度\n\n\"甲,\n乙\",113.1,23.0\n,,\n丙,113.2,23.1,多\r\n\
                          \"say \"\"hi\"\"\",x\n\n\n\"broken,1,2\nlast,113.3,23.2\n";

    #[test]
    fn a_stepped_read_is_the_one_shot_read() {
        let once = read_table("f.csv", TRICKY);
        assert_eq!(once.0.rows.len(), 4, "{once:?}");
        for budget in [1, 2, 3, 100] {
            let mut reader = TableReader::new("f.csv", TRICKY.to_owned());
            let mut steps = 1;
            while !reader.step(budget) {
                steps += 1;
                let (read, all) = reader.progress_bytes();
                assert!(read <= all && all == TRICKY.len());
            }
            assert!(budget > 10 || steps > 2);
            assert_eq!(reader.finish(), once, "budget {budget}");
        }
    }
}
