//! The search's pinyin table (`assets/pinyin.bin`) as the `pinyin` crate gives it today:
//! shared by the generator (`cargo run --example pinyin_table`) and the test that fails
//! when the committed file is stale (tests/pinyin_table.rs).

use pinyin::ToPinyin;

/// Where the table is committed, relative to the crate root.
pub const PATH: &str = "assets/pinyin.bin";

/// The table's bytes: the plain pinyin of every character with a reading (the first
/// reading of a character with several, as `ToPinyin` gives it).
pub fn table_bytes() -> Vec<u8> {
    let entries = (char::MIN..=char::MAX).filter_map(|c| c.to_pinyin().map(|p| (c, p.plain())));
    redmap::domain::search::pinyin_table::encode(entries).expect("the pinyin crate's table encodes")
}
