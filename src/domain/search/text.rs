//! Text keys for search: one normal form for queries and indexed text, and the pinyin
//! (full and initials) of Chinese text, so that "yuejiang", "yjl", "Yuèjiāng Lóu" and
//! "阅江楼" all meet.
//!
//! Normal form: lower case, full-width ASCII folded to half-width, tone marks stripped
//! (ā→a, ǚ→ü), and only letters and digits kept (spaces, apostrophes, brackets and other
//! punctuation dropped), so "xi qiao", "Xi'an" and "（阅江楼）" need no special cases.
//! In pinyin keys ü is written `u` and a query's `v` is read as `u` (IME habit: "lv").
//!
//! Pure. The readings come from a [`PinyinTable`] (fetched at run time, not compiled in).

use super::pinyin_table::PinyinTable;

/// The query or text in normal form (see the module doc).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c);
    }
    out
}

/// A query's normal form as matched against pinyin keys: `v` (and `ü`) read as `u`.
pub fn pinyin_query(normal: &str) -> String {
    normal
        .chars()
        .map(|c| if c == 'v' || c == 'ü' { 'u' } else { c })
        .collect()
}

/// Whether the text holds a character with a pinyin reading (a Chinese character).
pub fn has_han(text: &str, table: &PinyinTable) -> bool {
    text.chars().any(|c| table.get(c).is_some())
}

/// Full pinyin and initials of `text`, appended to `full` and `initials`; characters
/// without pinyin go in normal form to both. Returns the byte offsets in `full` (relative
/// to its length on entry) where a syllable or a run of other characters starts, so that
/// "ang" need not match inside "jiang".
pub fn push_pinyin(
    text: &str,
    table: &PinyinTable,
    full: &mut String,
    initials: &mut String,
) -> Vec<u32> {
    let base = full.len();
    let mut starts = Vec::new();
    let mut in_run = false;
    for c in text.chars() {
        let offset = (full.len() - base) as u32;
        match table.get(c) {
            Some(syllable) => {
                starts.push(offset);
                full.extend(syllable.chars().map(|c| if c == 'ü' { 'u' } else { c }));
                initials.extend(syllable.chars().take(1));
                in_run = false;
            }
            None => {
                let before = full.len();
                push_folded(full, c);
                if full.len() > before {
                    if !in_run {
                        starts.push(offset);
                    }
                    in_run = true;
                    push_folded(initials, c);
                } else {
                    in_run = false;
                }
            }
        }
    }
    starts
}

/// Appends `c` in normal form (nothing for punctuation and spaces).
fn push_folded(out: &mut String, c: char) {
    let c = fold_width(c);
    let c = strip_tone(c);
    if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// Full-width ASCII (U+FF01..U+FF5E) to its half-width form.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Pinyin vowels with a tone mark (either case) to the bare vowel; ǖǘǚǜ to ü.
fn strip_tone(c: char) -> char {
    match c {
        'ā' | 'á' | 'ǎ' | 'à' | 'Ā' | 'Á' | 'Ǎ' | 'À' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'Ē' | 'É' | 'Ě' | 'È' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' => 'u',
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'ü',
        'ń' | 'ň' | 'ǹ' => 'n',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::super::pinyin_table::bundled;
    use super::*;

    #[test]
    fn normal_form_drops_case_tones_spaces_and_punctuation() {
        assert_eq!(normalize("Nánhǎi"), "nanhai");
        assert_eq!(normalize(" xi  qiao "), "xiqiao");
        assert_eq!(normalize("Xi'an"), "xian");
        assert_eq!(normalize("ＹＵＥ　Jiang"), "yuejiang");
        assert_eq!(
            normalize("叶挺独立团团部旧址(阅江楼)"),
            "叶挺独立团团部旧址阅江楼"
        );
        assert_eq!(normalize("（阅江楼）"), "阅江楼");
        assert_eq!(normalize("Lǚ"), "lü");
        assert_eq!(normalize("  ,.! "), "");
    }

    #[test]
    fn pinyin_keys_and_syllable_starts() {
        let (mut full, mut initials) = (String::new(), String::new());
        let starts = push_pinyin("阅江楼 G3", bundled(), &mut full, &mut initials);
        assert_eq!(full, "yuejiangloug3");
        assert_eq!(initials, "yjlg3");
        assert_eq!(starts, vec![0, 3, 8, 11]);
    }

    #[test]
    fn u_umlaut_is_u_and_v_reads_as_u() {
        let (mut full, mut initials) = (String::new(), String::new());
        push_pinyin("绿", bundled(), &mut full, &mut initials);
        assert_eq!(full, "lu");
        assert_eq!(pinyin_query(&normalize("lv")), "lu");
        assert_eq!(pinyin_query(&normalize("lǚ")), "lu");
    }

    #[test]
    fn han_detection() {
        assert!(has_han("南海 District", bundled()));
        assert!(!has_han("Nanhai District", bundled()));
    }
}
