//! The committed pinyin table (`assets/pinyin.bin`) is exactly what the generator makes from
//! the `pinyin` crate today, and reads back to the crate's own answers, so it never goes
//! stale (e.g. after a `pinyin` upgrade).

#[path = "tools/pinyin_source.rs"]
mod source;

use pinyin::ToPinyin;
use redmap::domain::search::PinyinTable;

fn committed() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(source::PATH);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn committed_table_is_up_to_date() {
    assert!(
        committed() == source::table_bytes(),
        "{} is stale: run `cargo run --example pinyin_table` and commit it",
        source::PATH
    );
}

#[test]
fn committed_table_answers_as_the_crate_does() {
    let table = PinyinTable::decode(&committed()).expect("decodes");
    let mut n = 0;
    for c in char::MIN..=char::MAX {
        assert_eq!(table.get(c), c.to_pinyin().map(|p| p.plain()), "{c:?}");
        n += usize::from(table.get(c).is_some());
    }
    assert_eq!(table.len(), n);
}
