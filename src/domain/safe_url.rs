//! Which URLs from data may become a link or an image: links only http(s), images http(s)
//! or relative. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`, a scheme
//! hidden behind control characters) is shown as text or not at all. Pure; no browser.

/// An absolute http(s) URL: safe as an `href` (the UI adds `rel="noopener noreferrer"`).
pub fn is_http_url(url: &str) -> bool {
    // Browsers drop leading C0 controls and spaces and ignore tabs and newlines inside a
    // scheme ("java\tscript:"); this test looks at exactly what a browser would see first.
    let seen: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    seen.starts_with("https://") || seen.starts_with("http://")
}

/// An http(s) URL or a relative path (no scheme at all): safe as an image `src`.
pub fn is_image_url(url: &str) -> bool {
    if is_http_url(url) {
        return true;
    }
    let clean: String = url.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    // A scheme is "letters:" before any '/', '?' or '#'; "//host" borrows the page's.
    let head = clean.split(['/', '?', '#']).next().unwrap_or("");
    !clean.is_empty() && !head.contains(':') && !clean.starts_with("//") && !clean.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        for good in [
            "https://example.org/",
            "http://a.b/c?d=javascript:x",
            " HTTPS://EXAMPLE.ORG",
            "\u{1}https://x.y",
            "ht\ttps://x.y",
        ] {
            assert!(is_http_url(good), "{good:?}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "//example.org",
            "/relative",
            "",
            "\u{202e}https://x",
            "https:/x",
        ] {
            assert!(!is_http_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn images_may_also_be_relative() {
        for good in ["img/a.png", "./a.png", "a.png?x=1:2", "https://x.y/a.png"] {
            assert!(is_image_url(good), "{good:?}");
        }
        for bad in [
            "javascript:alert(1)",
            "java\nscript:alert(1)",
            "data:image/svg+xml,<svg onload=x>",
            "//evil.example/a.png",
            "\\\\evil\\a.png",
            "",
            "  ",
        ] {
            assert!(!is_image_url(bad), "{bad:?}");
        }
    }
}
