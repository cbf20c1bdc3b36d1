//! One kind of searchable text of every record, concatenated into a single string, so a
//! query is one fast `str::find` scan over a few MB instead of 100k small searches.
//! Record `i` is the i-th pushed (its owner number); a record holds several fields (a name
//! and its English name, or a site's address, town and themes).
//!
//! Matching is on bytes (memchr's SIMD `memmem`); a match of valid UTF-8 in valid UTF-8
//! always starts on a character boundary, so offsets stay valid for `str`.
//!
//! Optionally remembers word (pinyin syllable) starts, to accept a hit only where a
//! syllable begins. Pure; no dependencies.

/// Ends a record. Neither separator is ever in a normalized query (letters and digits only).
const RECORD_END: char = '\u{1}';
/// Ends a field within a record.
const FIELD_END: char = '\u{2}';

/// Where a query was found in one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The record's number (the order it was pushed in).
    pub owner: u32,
    /// The hit is at the field's start.
    pub at_start: bool,
    /// The hit covers the whole field.
    pub whole: bool,
}

#[derive(Default)]
pub struct Haystack {
    text: String,
    /// Byte offset where each record starts, ascending.
    starts: Vec<u32>,
    /// With word starts: one bit per byte of `text`, set where a word starts.
    word_starts: Option<Vec<u64>>,
}

impl Haystack {
    /// A haystack whose hits must begin at a word start.
    pub fn with_word_starts() -> Self {
        Haystack {
            word_starts: Some(Vec::new()),
            ..Haystack::default()
        }
    }

    /// Adds the next record: its fields in normal form, each with the offsets (relative to
    /// the field) where its words start (ignored without word starts). Empty fields are skipped.
    pub fn push_record<'a>(&mut self, fields: impl IntoIterator<Item = (&'a str, &'a [u32])>) {
        self.starts.push(self.text.len() as u32);
        for (field, words) in fields {
            if field.is_empty() {
                continue;
            }
            let base = self.text.len();
            self.text.push_str(field);
            self.text.push(FIELD_END);
            if let Some(bits) = self.word_starts.as_mut() {
                bits.resize(self.text.len().div_ceil(64), 0);
                for &w in words {
                    let at = base + w as usize;
                    bits[at / 64] |= 1 << (at % 64);
                }
            }
        }
        self.text.push(RECORD_END);
    }

    /// Every field holding `query` (non-empty, normal form), one hit per field (its first),
    /// in record order; `visit` returns false to stop.
    pub fn find(&self, query: &str, mut visit: impl FnMut(Found) -> bool) {
        let Some(first) = query.chars().next() else {
            return;
        };
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let bytes = self.text.as_bytes();
        let (mut from, mut record) = (0, 0);
        while let Some(rel) = bytes.get(from..).and_then(|t| finder.find(t)) {
            let at = from + rel;
            from = at + first.len_utf8();
            if !self.is_word_start(at) {
                continue;
            }
            // Scanning forward: move the record cursor forward to the hit.
            while self
                .starts
                .get(record + 1)
                .is_some_and(|&s| s as usize <= at)
            {
                record += 1;
            }
            let at_start = at == 0 || matches!(bytes[at - 1], 1 | 2);
            let end = memchr::memchr(FIELD_END as u8, &bytes[at..]).map_or(bytes.len(), |e| at + e);
            let found = Found {
                owner: record as u32,
                at_start,
                whole: at_start && at + query.len() == end,
            };
            if !visit(found) {
                return;
            }
            from = from.max(end + FIELD_END.len_utf8()); // one hit per field
        }
    }

    fn is_word_start(&self, at: usize) -> bool {
        match &self.word_starts {
            None => true,
            Some(bits) => bits.get(at / 64).is_some_and(|b| b & (1 << (at % 64)) != 0),
        }
    }

    /// Bytes held (for the benchmark's memory figure).
    pub fn len_bytes(&self) -> usize {
        self.text.len()
            + 4 * self.starts.len()
            + self.word_starts.as_ref().map_or(0, |b| 8 * b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(h: &Haystack, q: &str) -> Vec<Found> {
        let mut out = Vec::new();
        h.find(q, |f| {
            out.push(f);
            true
        });
        out
    }

    fn plain(h: &mut Haystack, fields: &[&str]) {
        h.push_record(fields.iter().map(|f| (*f, &[][..])));
    }

    #[test]
    fn finds_each_field_once_with_its_position() {
        let mut h = Haystack::default();
        plain(&mut h, &["nanhai", "nanhaidistrict"]);
        plain(&mut h, &[]);
        plain(&mut h, &["xinanhainan"]);
        let found = all(&h, "nan");
        assert_eq!(found.len(), 3);
        assert_eq!((found[0].owner, found[0].at_start), (0, true));
        assert_eq!((found[1].owner, found[1].whole), (0, false));
        assert_eq!((found[2].owner, found[2].at_start), (2, false));
        assert!(all(&h, "nanhai")[0].whole);
        assert!(all(&h, "hainanx").is_empty(), "never across fields");
        assert!(all(&h, "districtxi").is_empty(), "never across records");
    }

    #[test]
    fn word_starts_reject_mid_syllable_hits() {
        let mut h = Haystack::with_word_starts();
        h.push_record([("yuejianglou", &[0u32, 3, 8][..])]);
        assert!(all(&h, "ang").is_empty());
        assert_eq!(all(&h, "jiang").len(), 1);
        assert_eq!(all(&h, "yuejiang").len(), 1);
    }

    #[test]
    fn handles_multibyte_text_and_early_stop() {
        let mut h = Haystack::default();
        plain(&mut h, &["阅江楼阅江楼"]);
        plain(&mut h, &["阅江"]);
        assert_eq!(all(&h, "江").len(), 2);
        let mut n = 0;
        h.find("阅", |_| {
            n += 1;
            false
        });
        assert_eq!(n, 1);
    }
}
