//! The page's Content Security Policy, derived from the configuration it must allow: the
//! raster tile hosts of `tile_sources::SOURCES` and the data hosts `?data=` may load from.
//! The build writes it into `index.html` as a `<meta>` tag (`.ci/pwa.mjs` reads
//! `assets/csp-policy.txt`, and `tests/csp.rs` fails when that file is not `policy()`), so a
//! new tile source cannot be configured without the policy following it.
//!
//! Also decides whether a `?data=` URL is one the policy lets the page fetch, so the user
//! reads a clear message instead of a bare network error. Pure: no browser types.

use super::tile_sources::{TileSource, SOURCES};

/// Other origins `?data=<url>` may load from (besides the map's own site). A deployment
/// that serves data from another server adds its origin here (`https://data.example.cn`),
/// and `cargo run --bin redmap-data -- csp > assets/csp-policy.txt` rewrites the policy.
pub const DATA_ORIGINS: &[&str] = &[];

/// The origins (`https://host`) one tile source's URLs can point at: one per subdomain.
pub fn tile_origins(source: &TileSource) -> Vec<String> {
    let Some(origin) = origin_of(source.url_template) else {
        return Vec::new();
    };
    if !origin.contains("{s}") {
        return vec![origin];
    }
    source
        .subdomains
        .iter()
        .map(|s| origin.replace("{s}", s))
        .collect()
}

/// Every tile origin of every configured source, in configuration order, without repeats.
pub fn all_tile_origins() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for origin in SOURCES.iter().flat_map(tile_origins) {
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    out
}

/// The policy: no inline scripts or styles and no `eval` (only WebAssembly compilation);
/// images from the site, `data:` URLs (canvas snapshots) and the tile hosts; fetches from
/// the site, the configured data hosts and the tile hosts. (`frame-ancestors` cannot be set
/// by a `<meta>` tag, and the map is meant to be embedded anyway.)
pub fn policy() -> String {
    let tiles = all_tile_origins().join(" ");
    let mut connect: Vec<String> = DATA_ORIGINS.iter().map(|s| s.to_string()).collect();
    connect.extend(all_tile_origins());
    [
        "default-src 'self'".to_string(),
        "script-src 'self' 'wasm-unsafe-eval'".to_string(),
        "style-src 'self'".to_string(),
        format!("img-src 'self' data: {tiles}"),
        format!("connect-src 'self' {}", connect.join(" ")),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
    ]
    .join("; ")
}

/// `scheme://host[:port]` of an absolute URL, lower-cased; `None` for relative URLs.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Drop any user:password@ part: it is not part of the origin.
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.is_empty() {
        return None;
    }
    Some(format!("{}://{}", scheme, host).to_ascii_lowercase())
}

/// Whether the page (at `page_origin`) may fetch `absolute_url` under `policy()`.
/// `Err` carries the URL's origin for the message (or the scheme, for `data:` and others).
pub fn data_url_allowed(absolute_url: &str, page_origin: &str) -> Result<(), String> {
    let Some(origin) = origin_of(absolute_url) else {
        let scheme = absolute_url.split(':').next().unwrap_or(absolute_url);
        return Err(format!("{scheme}:"));
    };
    let page = page_origin.trim_end_matches('/').to_ascii_lowercase();
    let is_http = origin.starts_with("http://") || origin.starts_with("https://");
    if is_http && (origin == page || DATA_ORIGINS.iter().any(|o| o.eq_ignore_ascii_case(&origin))) {
        Ok(())
    } else {
        Err(origin)
    }
}

/// What the user reads when `?data=` points somewhere the policy does not allow.
pub fn blocked_data_message(url: &str, origin: &str) -> String {
    let allowed = if DATA_ORIGINS.is_empty() {
        "this map's own site".to_string()
    } else {
        format!("this map's own site and {}", DATA_ORIGINS.join(", "))
    };
    format!(
        "{url}: this map may only load data from {allowed}; {origin} is not allowed by its \
         security policy. Copy the file to this site, or ask its maintainers to add {origin} \
         to the allowed data hosts."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tile_sources::{AMAP, OSM, TIANDITU};

    #[test]
    fn tile_origins_expand_subdomains() {
        assert_eq!(tile_origins(&OSM), vec!["https://tile.openstreetmap.org"]);
        let t = tile_origins(&TIANDITU);
        assert_eq!(t.len(), 8);
        assert_eq!(t[0], "https://t0.tianditu.gov.cn");
        assert_eq!(tile_origins(&AMAP)[3], "https://webrd04.is.autonavi.com");
    }

    #[test]
    fn every_tile_url_is_allowed_by_the_policy() {
        let p = policy();
        assert!(p.contains("img-src 'self' data: "), "{p}");
        for source in SOURCES {
            for x in 0..8 {
                let tile = crate::domain::tiles::TileId { z: 5, x, y: 3 };
                let url =
                    crate::domain::tile_sources::tile_url(source, tile, Some("k")).expect("url");
                let origin = origin_of(&url).expect("absolute");
                assert!(p.contains(&origin), "{origin} missing from {p}");
            }
        }
    }

    #[test]
    fn policy_has_no_unsafe_sources() {
        let p = policy();
        assert!(
            !p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"),
            "{p}"
        );
        assert!(p.starts_with(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';"
        ));
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("HTTPS://Example.org:8443/a/b?c#d").as_deref(),
            Some("https://example.org:8443")
        );
        assert_eq!(
            origin_of("https://u:p@x.cn/f").as_deref(),
            Some("https://x.cn")
        );
        assert_eq!(origin_of("/geodata/dataset.json"), None);
        assert_eq!(origin_of("https:///nohost"), None);
    }

    #[test]
    fn data_urls_on_the_same_site_only() {
        let page = "http://127.0.0.1:8080";
        assert_eq!(
            data_url_allowed("http://127.0.0.1:8080/x.geojson", page),
            Ok(())
        );
        assert_eq!(
            data_url_allowed("https://evil.example/x.geojson", page),
            Err("https://evil.example".to_string())
        );
        assert_eq!(
            data_url_allowed("data:application/json,{}", page),
            Err("data:".to_string())
        );
        let m = blocked_data_message("https://evil.example/x", "https://evil.example");
        assert!(
            m.contains("not allowed") && m.contains("https://evil.example"),
            "{m}"
        );
    }
}
