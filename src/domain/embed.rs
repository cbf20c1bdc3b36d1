//! `?embed=1`: the chrome-less map for iframes on district websites. Which URLs ask for it,
//! and the query of the "open full map" link (the same place and state, without `embed`).
//! Pure: query pairs in, query pairs out; the browser side is `ui/embed.rs`.

use super::permalink::{format_view, ViewParam};

/// The query key.
pub const KEY: &str = "embed";

/// `embed=1` (or `true`, `yes`, or bare `embed`) asks for embed mode; `0`/`false` does not.
pub fn is_embed(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| {
        k == KEY
            && matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "" | "1" | "true" | "yes"
            )
    })
}

/// The full map's query pairs: every pair but `embed`, with `v` set to the current view
/// (the embedded map's URL may still hold the view it was opened with).
pub fn full_map_pairs(
    pairs: &[(String, String)],
    view: Option<ViewParam>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != KEY && !(view.is_some() && k == "v"))
        .cloned()
        .collect();
    if let Some(view) = view {
        out.push(("v".to_string(), format_view(view)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_data::pairs;

    #[test]
    fn embed_values() {
        assert!(is_embed(&pairs(&[("embed", "1")])));
        assert!(is_embed(&pairs(&[("lang", "en"), ("embed", "")])));
        assert!(!is_embed(&pairs(&[("embed", "0")])));
        assert!(!is_embed(&pairs(&[("embedded", "1")])));
        assert!(!is_embed(&[]));
    }

    #[test]
    fn full_map_keeps_state_and_the_current_view() {
        let q = pairs(&[
            ("embed", "1"),
            ("v", "5/1/2"),
            ("site", "a"),
            ("lang", "en"),
        ]);
        let view = ViewParam {
            zoom: 9.0,
            lat: 23.03,
            lon: 113.14,
        };
        let out = full_map_pairs(&q, Some(view));
        assert_eq!(
            out,
            pairs(&[("site", "a"), ("lang", "en"), ("v", &format_view(view))])
        );
        assert_eq!(
            full_map_pairs(&q, None),
            pairs(&[("v", "5/1/2"), ("site", "a"), ("lang", "en")])
        );
    }
}
