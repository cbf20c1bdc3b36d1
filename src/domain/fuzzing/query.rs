//! Fuzz entries for the URL: the whole query string (permalink, filters, `?trip=`) and the
//! shared-trip code alone. What the codecs accept must survive a round trip.

use crate::domain::filter::Filter;
use crate::domain::permalink::{self, format_view, parse_view, MAX_VALUE_LEN};
use crate::domain::trip as codec;

/// The bytes as a query string (`a=1&b=2`), decoded the way `URLSearchParams` does it:
/// `+` is a space, `%XX` a byte, invalid UTF-8 becomes U+FFFD.
pub fn query_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('?').unwrap_or(&text);
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page's query: the permalink, the filter and a shared trip, as the app reads them.
pub fn permalink(bytes: &[u8]) {
    let pairs = query_pairs(bytes);
    let (link, problems) = permalink::parse(&pairs);
    assert!(problems.iter().all(|p| !p.is_empty()));
    if let Some(view) = link.view {
        let back = parse_view(&format_view(view));
        let back = back.unwrap_or_else(|e| panic!("{view:?} does not round-trip: {e}"));
        let close = (back.lat - view.lat).abs() < 1e-2
            && (back.lon - view.lon).abs() < 1e-2
            && (back.zoom - view.zoom).abs() < 1e-2;
        assert!(close, "{view:?} -> {back:?}");
    }
    if let Some(url) = &link.data_url {
        let lower = url.to_ascii_lowercase();
        let http = lower.starts_with("http://") || lower.starts_with("https://");
        assert!(http || !url.contains(':'), "unsafe data URL {url:?}");
    }
    for id in [&link.site, &link.route].into_iter().flatten() {
        assert!(!id.is_empty() && id.len() <= MAX_VALUE_LEN);
        assert!(!id.chars().any(char::is_control), "{id:?}");
    }
    let (filter, _) = Filter::from_query_pairs(&pairs);
    let written: Vec<(String, String)> = filter
        .to_query_pairs()
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), v?)))
        .collect();
    let (again, problems) = Filter::from_query_pairs(&written);
    assert!(problems.is_empty(), "{written:?}: {problems:?}");
    assert_eq!(
        again, filter,
        "the filter does not round-trip via {written:?}"
    );
    for (_, code) in pairs.iter().filter(|(k, _)| k == "trip") {
        trip(code.as_bytes());
    }
}

/// A shared-trip code (`?trip=`, local storage): what decodes encodes back to itself.
pub fn trip(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let first = match codec::decode(&text) {
        Ok(trip) => trip,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let code = codec::encode(&first);
    if code.len() > codec::MAX_CODE_LEN {
        // Only from raw text that escaping grows (up to 9 times): a code `encode` makes
        // from real data fits (see the codec's tests); this one is refused, not misread.
        assert!(matches!(
            codec::decode(&code),
            Err(codec::CodecError::TooLong(_))
        ));
        return;
    }
    let second = codec::decode(&code).unwrap_or_else(|e| panic!("{code:?} does not decode: {e}"));
    assert_eq!(second, first, "{text:?} -> {code:?}");
    assert_eq!(codec::encode(&second), code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_like_url_search_params() {
        let pairs = query_pairs(b"?v=9%2F23%2F113&site=a+b&x&lang=%E4%B8%AD&bad=%zz%");
        let want = [
            ("v", "9/23/113"),
            ("site", "a b"),
            ("x", ""),
            ("lang", "中"),
            ("bad", "%zz%"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(pairs, want);
    }

    #[test]
    fn good_and_bad_queries_pass_the_checks() {
        permalink(b"v=12.5/23.03/113.18&site=x&kind=museum,memorial&date=2021-03/2021-06");
        permalink(b"v=NaN/1/1&data=javascript:alert(1)&lang=fr&trip=1~w~0900~~~~a*30");
        trip(b"1~w~0900~1700~20261122~%E6%97%85~a*45~b");
        trip(b"2~x");
    }
}
