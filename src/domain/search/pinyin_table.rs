//! The pinyin (plain style, first reading) of every Chinese character, as a compact binary
//! table that the app fetches at run time (`assets/pinyin.bin`) instead of compiling the
//! `pinyin` crate's table into the wasm, where it was most of the first view's data section.
//! `cargo run --example pinyin_table` writes the file from the crate; `tests/pinyin_table.rs`
//! fails if the committed file is not what the crate gives today.
//!
//! Format version 1, integers little endian:
//!
//! | bytes         | what                                                                  |
//! |---------------|-----------------------------------------------------------------------|
//! | 4             | magic `RMPY`                                                          |
//! | 1             | version, 1                                                            |
//! | 2             | syllable count S                                                      |
//! | S × (1 + n)   | each syllable: its length n (u8), then n bytes of UTF-8 ("lü", "ê")   |
//! | 2             | block count B                                                         |
//! | B × 8         | each block: first code point (u32), code point count (u32); ascending |
//! | Σ ⌈count/8⌉   | per block a bitmap, LSB first: bit k set if `first + k` has a reading |
//! | N             | low bytes of the 0-based syllable index of each set bit, in order     |
//! | N             | high bytes of the same                                                |
//! | 4             | FNV-1a (32 bit) of every byte before it                               |
//!
//! Why this shape (measured with gzip -9 on pinyin 0.11): the indices of 42k characters into
//! 415 syllables are close to random, so gzip cannot go much below their entropy (~41 KB).
//! Storing only characters that have a reading (the bitmap) and splitting indices into byte
//! planes, with syllables ordered by frequency so that the high plane is nearly all zeros,
//! gives ~52 KB, against ~67 KB for one u16 per code point.
//!
//! Decoding never panics: short, corrupt or foreign bytes are a [`TableError`]. Pure: no
//! dependencies (the `pinyin` crate is only a dev-dependency, for the generator and tests).

use std::collections::HashMap;
use std::fmt;

const MAGIC: &[u8; 4] = b"RMPY";
pub const VERSION: u8 = 1;
/// A run of code points without a reading longer than this starts a new block (a block
/// header costs 8 bytes, a gap costs 1 bitmap byte per 8 code points).
const GAP: u32 = 256;

/// Why bytes are not a pinyin table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    /// Fewer bytes than the header promises (a cut-off download).
    Truncated,
    /// Not a redmap pinyin table (another file served under its name).
    NotATable,
    /// A table of a format this build cannot read.
    Version(u8),
    /// The checksum does not match: bytes were changed.
    Checksum,
    /// The structure is inconsistent (says what).
    Corrupt(&'static str),
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::Truncated => write!(f, "pinyin table: truncated"),
            TableError::NotATable => write!(f, "pinyin table: not a pinyin table"),
            TableError::Version(v) => write!(f, "pinyin table: unsupported version {v}"),
            TableError::Checksum => write!(f, "pinyin table: checksum mismatch"),
            TableError::Corrupt(what) => write!(f, "pinyin table: corrupt ({what})"),
        }
    }
}

impl std::error::Error for TableError {}

/// Code points `start..start + index.len()`; `index[k]` is 0 (no reading) or 1 + a
/// syllable index.
struct Block {
    start: u32,
    index: Vec<u16>,
}

/// The decoded table: plain pinyin of a character in O(log blocks).
pub struct PinyinTable {
    syllables: Vec<Box<str>>,
    blocks: Vec<Block>,
}

impl fmt::Debug for PinyinTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PinyinTable({} syllables)", self.syllables.len())
    }
}

impl PinyinTable {
    /// The plain pinyin of `c` ("lü" for 绿), or `None` if it has no reading.
    pub fn get(&self, c: char) -> Option<&str> {
        let code = u32::from(c);
        let i = self
            .blocks
            .partition_point(|b| b.start <= code)
            .checked_sub(1)?;
        let block = &self.blocks[i];
        let k = *block.index.get((code - block.start) as usize)?;
        let s = self.syllables.get(usize::from(k).checked_sub(1)?)?;
        Some(s)
    }

    /// Characters with a reading.
    pub fn len(&self) -> usize {
        let blocks = self.blocks.iter().flat_map(|b| &b.index);
        blocks.filter(|&&k| k != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads a table written by [`encode`].
    pub fn decode(bytes: &[u8]) -> Result<Self, TableError> {
        let (body, sum) = bytes
            .split_at_checked(bytes.len().wrapping_sub(4))
            .ok_or(TableError::Truncated)?;
        if body.len() < 5 {
            return Err(TableError::Truncated);
        }
        if &body[..4] != MAGIC {
            return Err(TableError::NotATable);
        }
        if body[4] != VERSION {
            return Err(TableError::Version(body[4]));
        }
        if fnv1a(body).to_le_bytes() != sum {
            return Err(TableError::Checksum);
        }
        let mut r = Reader(&body[5..]);
        let syllables = (0..r.u16()?)
            .map(|_| {
                let n = r.u8()?;
                let s = std::str::from_utf8(r.take(usize::from(n))?)
                    .map_err(|_| TableError::Corrupt("syllable not UTF-8"))?;
                Ok(s.into())
            })
            .collect::<Result<Vec<Box<str>>, _>>()?;
        let ranges = (0..r.u16()?)
            .map(|_| Ok((r.u32()?, r.u32()?)))
            .collect::<Result<Vec<_>, _>>()?;
        check_ranges(&ranges)?;
        let maps: Vec<&[u8]> = ranges
            .iter()
            .map(|&(_, len)| r.take(len.div_ceil(8) as usize))
            .collect::<Result<_, _>>()?;
        // Bits past a block's end would count values that no character takes.
        let padded = |(&(_, len), map): (&(u32, u32), &&[u8])| {
            len % 8 != 0 && map.last().is_some_and(|b| b >> (len % 8) != 0)
        };
        if ranges.iter().zip(&maps).any(padded) {
            return Err(TableError::Corrupt("bits past the end of a block"));
        }
        let n: usize = maps
            .iter()
            .map(|m| m.iter().map(|b| b.count_ones() as usize).sum::<usize>())
            .sum();
        let (low, high) = (r.take(n)?, r.take(n)?);
        if !r.0.is_empty() {
            return Err(TableError::Corrupt("bytes after the table"));
        }
        let mut values = low
            .iter()
            .zip(high)
            .map(|(&l, &h)| u16::from_le_bytes([l, h]));
        let mut blocks = Vec::with_capacity(ranges.len());
        for (&(start, len), map) in ranges.iter().zip(maps) {
            let mut index = vec![0u16; len as usize];
            for (k, slot) in index.iter_mut().enumerate() {
                if map[k / 8] & (1 << (k % 8)) != 0 {
                    let v = values.next().ok_or(TableError::Truncated)?;
                    if usize::from(v) >= syllables.len() {
                        return Err(TableError::Corrupt("syllable index out of range"));
                    }
                    *slot = v + 1;
                }
            }
            blocks.push(Block { start, index });
        }
        Ok(PinyinTable { syllables, blocks })
    }
}

/// Blocks ascending, disjoint, non-empty and within Unicode.
fn check_ranges(ranges: &[(u32, u32)]) -> Result<(), TableError> {
    let mut next = 0u32;
    for &(start, len) in ranges {
        let end = start.checked_add(len).filter(|&e| e <= 0x11_0000);
        if len == 0 || start < next || end.is_none() {
            return Err(TableError::Corrupt("blocks overlap or leave Unicode"));
        }
        next = end.unwrap_or(u32::MAX);
    }
    Ok(())
}

/// Bytes read front to back; running out is [`TableError::Truncated`].
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TableError> {
        let (head, rest) = self.0.split_at_checked(n).ok_or(TableError::Truncated)?;
        self.0 = rest;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, TableError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, TableError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, TableError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Writes the table of `(character, plain pinyin)` pairs (any order; a character listed
/// twice keeps its first reading). Errors if a syllable is empty or longer than 255 bytes,
/// or there are more than 65535 syllables or blocks.
pub fn encode<'a>(
    entries: impl IntoIterator<Item = (char, &'a str)>,
) -> Result<Vec<u8>, TableError> {
    let mut chars: Vec<(u32, &str)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (c, s) in entries {
        if seen.insert(c) {
            chars.push((u32::from(c), s));
        }
    }
    chars.sort_unstable_by_key(|&(c, _)| c);
    let syllables = by_frequency(&chars);
    let rank: HashMap<&str, u16> = syllables.iter().zip(0u16..).map(|(&s, i)| (s, i)).collect();
    let too_many = TableError::Corrupt("more than 65535 syllables or blocks");
    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    out.extend(
        u16::try_from(syllables.len())
            .map_err(|_| too_many.clone())?
            .to_le_bytes(),
    );
    for s in &syllables {
        let n = u8::try_from(s.len()).ok().filter(|&n| n > 0);
        out.push(n.ok_or(TableError::Corrupt("syllable empty or over 255 bytes"))?);
        out.extend(s.as_bytes());
    }
    let ranges = blocks(&chars);
    out.extend(
        u16::try_from(ranges.len())
            .map_err(|_| too_many)?
            .to_le_bytes(),
    );
    for &(start, end) in &ranges {
        out.extend(start.to_le_bytes());
        out.extend((end - start).to_le_bytes());
    }
    let mut present = chars.iter().map(|&(c, _)| c).peekable();
    for &(start, end) in &ranges {
        let mut map = vec![0u8; (end - start).div_ceil(8) as usize];
        while let Some(c) = present.next_if(|&c| c < end) {
            let k = (c - start) as usize;
            map[k / 8] |= 1 << (k % 8);
        }
        out.extend(map);
    }
    let index: Vec<u16> = chars
        .iter()
        .map(|(_, s)| rank.get(s).copied().unwrap_or(0))
        .collect();
    out.extend(index.iter().map(|i| i.to_le_bytes()[0]));
    out.extend(index.iter().map(|i| i.to_le_bytes()[1]));
    let sum = fnv1a(&out);
    out.extend(sum.to_le_bytes());
    Ok(out)
}

/// The distinct syllables, most frequent first (then alphabetical, so the file is stable).
fn by_frequency<'a>(chars: &[(u32, &'a str)]) -> Vec<&'a str> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, s) in chars {
        *count.entry(s).or_default() += 1;
    }
    let mut syllables: Vec<&str> = count.keys().copied().collect();
    syllables.sort_unstable_by(|a, b| count[b].cmp(&count[a]).then(a.cmp(b)));
    syllables
}

/// Half-open code point ranges covering `chars` (sorted), split at gaps over [`GAP`].
fn blocks(chars: &[(u32, &str)]) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &(c, _) in chars {
        match ranges.last_mut() {
            Some((_, end)) if c - *end <= GAP => *end = c + 1,
            _ => ranges.push((c, c + 1)),
        }
    }
    ranges
}

/// The committed table (`assets/pinyin.bin`), for tests.
#[cfg(test)]
pub(crate) fn bundled() -> &'static PinyinTable {
    static TABLE: std::sync::OnceLock<PinyinTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        PinyinTable::decode(include_bytes!("../../../assets/pinyin.bin"))
            .expect("assets/pinyin.bin")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[(char, &str)] = &[
        ('阅', "yue"),
        ('江', "jiang"),
        ('楼', "lou"),
        ('绿', "lü"),
        ('〇', "ling"),
        ('𠀀', "he"),
        ('河', "he"),
    ];

    fn sample() -> Vec<u8> {
        encode(SAMPLE.iter().copied()).expect("encodes")
    }

    #[test]
    fn round_trip() {
        let table = PinyinTable::decode(&sample()).expect("decodes");
        for &(c, s) in SAMPLE {
            assert_eq!(table.get(c), Some(s), "{c}");
        }
        assert_eq!(table.len(), SAMPLE.len());
        for c in ['a', '好', '\u{10FFFF}', '\0'] {
            assert_eq!(table.get(c), None, "{c}");
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = sample();
        for n in 0..bytes.len() {
            assert!(PinyinTable::decode(&bytes[..n]).is_err(), "{n} bytes");
        }
    }

    #[test]
    fn every_changed_byte_is_an_error() {
        let bytes = sample();
        for i in 0..bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                assert!(PinyinTable::decode(&b).is_err(), "byte {i} ^ {flip}");
            }
        }
    }

    #[test]
    fn foreign_bytes_and_versions() {
        assert_eq!(
            PinyinTable::decode(b"<!DOCTYPE html><p>Not found").err(),
            Some(TableError::NotATable)
        );
        let mut b = sample();
        b[4] = 2;
        assert_eq!(PinyinTable::decode(&b).err(), Some(TableError::Version(2)));
        let mut extra = sample();
        extra.truncate(extra.len() - 4);
        extra.push(0);
        let sum = fnv1a(&extra);
        extra.extend(sum.to_le_bytes());
        assert_eq!(
            PinyinTable::decode(&extra).err(),
            Some(TableError::Corrupt("bytes after the table"))
        );
    }

    /// Well-formed (checksummed) bytes with a bad structure are still errors, not panics.
    #[test]
    fn checksummed_nonsense_is_an_error() {
        let seal = |mut body: Vec<u8>| {
            let sum = fnv1a(&body);
            body.extend(sum.to_le_bytes());
            body
        };
        let head = |rest: &[u8]| [&MAGIC[..], &[VERSION], rest].concat();
        // One syllable, one block at U+10FFFF of 2 code points (leaves Unicode).
        let outside = head(&[
            1, 0, 1, b'a', 1, 0, 0xff, 0xff, 0x10, 0, 2, 0, 0, 0, 3, 0, 0,
        ]);
        // One syllable "a", one block of 1 with its bit set, index 5 (out of range).
        let index = head(&[1, 0, 1, b'a', 1, 0, 0x20, 0, 0, 0, 1, 0, 0, 0, 1, 5, 0]);
        // A huge block count with nothing behind it.
        let huge = head(&[0, 0, 0xff, 0xff]);
        // A block of 1 code point whose bitmap also sets bit 1 (two values, one character).
        let padding = head(&[
            1, 0, 1, b'a', 1, 0, 0x20, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0,
        ]);
        assert_eq!(
            PinyinTable::decode(&seal(padding.clone())).err(),
            Some(TableError::Corrupt("bits past the end of a block"))
        );
        for body in [outside, index, huge, padding] {
            assert!(PinyinTable::decode(&seal(body)).is_err());
        }
    }

    /// Random checksummed bodies (a cheap fuzz): errors or tables, never a panic.
    #[test]
    fn random_sealed_bytes_never_panic() {
        let mut x = 0x2545_f491_u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for _ in 0..5000 {
            let len = (next() % 64) as usize;
            let mut body = [&MAGIC[..], &[VERSION]].concat();
            body.extend((0..len).map(|_| (next() % 8) as u8));
            let sum = fnv1a(&body);
            body.extend(sum.to_le_bytes());
            let _ = PinyinTable::decode(&body);
        }
    }

    #[test]
    fn the_bundled_table_reads() {
        let t = bundled();
        assert_eq!(t.get('阅'), Some("yue"));
        assert_eq!(t.get('绿'), Some("lü"));
        assert!(t.len() > 40_000, "{}", t.len());
    }
}
