//! "Did you mean" hints for values outside a closed vocabulary, by edit distance.

/// The closest candidate to `word`, if it is close enough to be a plausible typo
/// (at most 2 edits, or a third of the word for long words), or differs only in case,
/// spaces or hyphens.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = fold(word);
    if let Some(c) = candidates.iter().find(|c| fold(c) == folded) {
        return Some(c);
    }
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&folded, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Lower case with spaces and hyphens as underscores: "Study Base" ~ "study_base".
fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The message for an unknown value: `unknown kind "musem" (did you mean "museum"?)`, or
/// the list of known values when nothing is close.
pub fn unknown_value(what: &str, value: &str, candidates: &[&str]) -> String {
    match did_you_mean(value, candidates) {
        Some(hint) => format!("unknown {what} \"{value}\" (did you mean \"{hint}\"?)"),
        None if candidates.is_empty() => format!("unknown {what} \"{value}\""),
        None => format!(
            "unknown {what} \"{value}\" (expected one of: {})",
            candidates.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &["museum", "memorial", "study_base", "other"];

    #[test]
    fn suggests_close_spellings() {
        assert_eq!(did_you_mean("musem", KINDS), Some("museum"));
        assert_eq!(did_you_mean("Study Base", KINDS), Some("study_base"));
        assert_eq!(did_you_mean("memorail", KINDS), Some("memorial"));
    }

    #[test]
    fn does_not_suggest_far_words() {
        assert_eq!(did_you_mean("factory", KINDS), None);
        assert!(unknown_value("kind", "factory", KINDS).contains("expected one of: museum"));
        assert_eq!(unknown_value("site", "x", &[]), "unknown site \"x\"");
    }
}
