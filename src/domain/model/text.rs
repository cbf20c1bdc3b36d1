//! Texts the data gives in Chinese, English or both (a position note, a theme), and which
//! one a reader of either language is shown. A text given in one language only is shown as
//! it is, marked with that language, so the page can tell the browser (`lang`) rather than
//! pretend it is in the reader's language. Pure: no UI types.

/// The language of a text from the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextLang {
    Zh,
    En,
}

impl TextLang {
    /// The BCP 47 tag for an HTML `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            TextLang::Zh => "zh-CN",
            TextLang::En => "en",
        }
    }
}

/// A text to show and the language it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: TextLang,
}

/// The text for a reader of `want`: that language's (non-blank) text, else the other one,
/// marked with its language; `None` when neither is given.
///
/// `zh` and `en` are the fields the data gives them in. A field holds what its name says
/// for the bundled data; foreign files put Chinese in the plain field too, so a text's
/// language is taken from its script when that is unambiguous ([`written_in`]).
pub fn choose<'a>(want: TextLang, zh: &'a str, en: &'a str) -> Option<Shown<'a>> {
    let (first, second) = match want {
        TextLang::Zh => ((zh, TextLang::Zh), (en, TextLang::En)),
        TextLang::En => ((en, TextLang::En), (zh, TextLang::Zh)),
    };
    [first, second]
        .into_iter()
        .map(|(text, field)| (text.trim(), field))
        .find(|(text, _)| !text.is_empty())
        .map(|(text, field)| Shown {
            text,
            lang: written_in(text, field),
        })
}

/// The language a text is written in: Chinese when it has Han characters and no Latin
/// words, English when it has Latin letters and no Han characters, else `field` (the
/// language its field is meant for; mixed texts such as an English note naming 西樵镇 are
/// taken at their field's word).
pub fn written_in(text: &str, field: TextLang) -> TextLang {
    let han = text.chars().any(is_han);
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    match (han, latin) {
        (true, false) => TextLang::Zh,
        (false, true) => TextLang::En,
        _ => field,
    }
}

/// `text` cut where it changes between Han characters and Latin letters, each run with its
/// language: "placed at the 西樵镇 town point" is English, Chinese, English. Digits, spaces
/// and punctuation stay with the run they follow (a leading run of them takes `field`), so
/// a mixed text can be marked run by run (`lang`) rather than all as one language.
pub fn script_runs(text: &str, field: TextLang) -> Vec<(&str, TextLang)> {
    let mut runs: Vec<(&str, TextLang)> = Vec::new();
    let (mut start, mut current) = (0, None::<TextLang>);
    for (i, c) in text.char_indices() {
        let lang = if is_han(c) {
            Some(TextLang::Zh)
        } else if c.is_ascii_alphabetic() {
            Some(TextLang::En)
        } else {
            None
        };
        match (current, lang) {
            (Some(a), Some(b)) if a != b => {
                runs.push((&text[start..i], a));
                (start, current) = (i, Some(b));
            }
            (None, Some(b)) => current = Some(b),
            _ => {}
        }
    }
    if start < text.len() {
        runs.push((&text[start..], current.unwrap_or(field)));
    }
    runs
}

/// Whether `c` is a CJK (Han) character, including the compatibility and extension blocks
/// a Chinese place name may use.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_language_first_then_the_other_marked() {
        let zh = "放在端州中心点";
        let en = "placed at the centre of 端州";
        assert_eq!(
            choose(TextLang::Zh, zh, en),
            Some(Shown {
                text: zh,
                lang: TextLang::Zh
            })
        );
        assert_eq!(
            choose(TextLang::En, zh, en),
            Some(Shown {
                text: en,
                lang: TextLang::En
            })
        );
        // One language only: shown, marked with its language.
        assert_eq!(
            choose(TextLang::Zh, "  ", en),
            Some(Shown {
                text: en,
                lang: TextLang::En
            })
        );
        assert_eq!(
            choose(TextLang::En, zh, ""),
            Some(Shown {
                text: zh,
                lang: TextLang::Zh
            })
        );
        assert_eq!(choose(TextLang::En, "", " "), None);
    }

    #[test]
    fn mixed_texts_are_cut_into_runs_of_one_script() {
        let runs = script_runs(
            "placed at the 西樵镇 town point (GeoNames 1788379)",
            TextLang::En,
        );
        assert_eq!(
            runs,
            vec![
                ("placed at the ", TextLang::En),
                ("西樵镇 ", TextLang::Zh),
                ("town point (GeoNames 1788379)", TextLang::En),
            ]
        );
        let runs = script_runs(
            "端州区正东路东侧石头岗上, facing the Xi River",
            TextLang::Zh,
        );
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[1], ("facing the Xi River", TextLang::En));
        assert_eq!(
            script_runs("2021-03", TextLang::Zh),
            vec![("2021-03", TextLang::Zh)]
        );
        assert!(script_runs("", TextLang::Zh).is_empty());
    }

    #[test]
    fn a_chinese_text_in_the_plain_field_is_marked_chinese() {
        // A foreign file's `note` (the English field) written in Chinese.
        let shown = choose(TextLang::Zh, "", "镇中心点，位置不精确").expect("a note");
        assert_eq!(shown.lang, TextLang::Zh);
        assert_eq!(written_in("GeoNames 1784853", TextLang::Zh), TextLang::En);
        assert_eq!(written_in("placed at 西樵镇", TextLang::En), TextLang::En);
        assert_eq!(written_in("1784853", TextLang::Zh), TextLang::Zh);
        assert!(is_han('端') && !is_han('a') && !is_han('，'));
    }
}
