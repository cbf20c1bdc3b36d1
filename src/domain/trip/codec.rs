//! The compact, versioned text a trip is shared (`?trip=<code>`) and stored (local storage)
//! as. Version 1, fields separated by `~`:
//!
//! `1~<mode>~<start HHMM>~<end HHMM or empty>~<date YYYYMMDD or empty>~<title>~<stop>~<stop>…`
//!
//! where `<mode>` is one letter (`w` walk, `b` bike, `c` bus/coach, `d` car) and each stop is
//! a site id with an optional `*<dwell minutes>`. Ids and the title keep `A-Z a-z 0-9 - _ .`
//! and percent-encode every other UTF-8 byte, so `~`, `*` and `%` never clash; the result is
//! URL-safe as it stands. Example: `1~w~0900~1700~20261122~~nanhai-county-committee-site*45`.
//!
//! Decoding is defensive: anything malformed is an error saying what and where, never a
//! panic and never a partly read trip. Pure; depends on the trip model and `clock`.

use super::clock::{parse_hhmm, MIN_PER_DAY};
use super::model::{Trip, TripStop};
use super::travel::Mode;
use crate::domain::model::{Date, SiteId};

/// Longest code accepted: room for the longest trip [`encode`] makes from real data, 40
/// stops whose ids are up to 100 bytes of 中文 (every byte escaped: 40 × 306) and an
/// 80-character Chinese title (960). It was 2048, which a 40-stop trip with a long Chinese
/// title passed, so the saved trip could not be read back (found by fuzzing).
pub const MAX_CODE_LEN: usize = 16 * 1024;
/// Most stops in a trip: a day can hold no more, and the code stays short enough for a QR.
pub const MAX_STOPS: usize = 40;
const MAX_TITLE_CHARS: usize = 80;
const VERSION: &str = "1";

/// Why a code could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodecError {
    Empty,
    TooLong(usize),
    UnknownVersion(String),
    Missing(&'static str),
    Bad { field: String, value: String },
    TooManyStops(usize),
    Repeated { stop: usize, site: String },
}

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodecError::Empty => write!(f, "the trip code is empty"),
            CodecError::TooLong(n) => write!(
                f,
                "the trip code has {n} characters (at most {MAX_CODE_LEN})"
            ),
            CodecError::UnknownVersion(v) => write!(
                f,
                "unknown trip code version \"{v}\" (this app reads version {VERSION})"
            ),
            CodecError::Missing(field) => write!(f, "the trip code has no {field}"),
            CodecError::Bad { field, value } => write!(f, "{field}: \"{value}\" is not valid"),
            CodecError::TooManyStops(n) => {
                write!(f, "the trip has {n} stops (at most {MAX_STOPS})")
            }
            CodecError::Repeated { stop, site } => {
                write!(f, "stop {stop} repeats the site \"{site}\"")
            }
        }
    }
}

/// The trip as a code. Stops beyond `MAX_STOPS` and title characters beyond 80 are cut.
pub fn encode(trip: &Trip) -> String {
    let hhmm = |m: u32| format!("{:02}{:02}", (m % MIN_PER_DAY) / 60, m % 60);
    let date = trip
        .date
        .map(|d| format!("{:04}{:02}{:02}", d.y, d.m, d.d))
        .unwrap_or_default();
    let title: String = trip.title.chars().take(MAX_TITLE_CHARS).collect();
    let mut fields = vec![
        VERSION.to_string(),
        trip.mode.code().to_string(),
        hhmm(trip.start_min),
        trip.end_min.map(hhmm).unwrap_or_default(),
        date,
        escape(&title),
    ];
    fields.extend(
        trip.stops
            .iter()
            .take(MAX_STOPS)
            .map(|s| match s.dwell_min {
                Some(d) => format!("{}*{d}", escape(s.site.as_str())),
                None => escape(s.site.as_str()),
            }),
    );
    fields.join("~")
}

/// Reads a code made by [`encode`] (surrounding whitespace is ignored).
pub fn decode(code: &str) -> Result<Trip, CodecError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(CodecError::Empty);
    }
    if code.len() > MAX_CODE_LEN {
        return Err(CodecError::TooLong(code.len()));
    }
    let mut fields = code.split('~');
    match fields.next() {
        Some(VERSION) => {}
        Some(v) => return Err(CodecError::UnknownVersion(v.chars().take(12).collect())),
        None => return Err(CodecError::Empty),
    }
    let mut next = |name: &'static str| fields.next().ok_or(CodecError::Missing(name));
    let mode = next("travel mode")?;
    let mode = single_char(mode)
        .and_then(Mode::from_code)
        .ok_or_else(|| bad("mode", mode))?;
    let start_min = time(next("start time")?, "start time")?;
    let end = next("end time")?;
    let end_min = (!end.is_empty())
        .then(|| time(end, "end time"))
        .transpose()?;
    let date = next("date")?;
    let date = (!date.is_empty()).then(|| parse_date(date)).transpose()?;
    let title_text = next("title")?;
    let title = unescape(title_text).ok_or_else(|| bad("title", title_text))?;
    let stops = fields
        .enumerate()
        .map(|(i, s)| parse_stop(i + 1, s))
        .collect::<Result<Vec<_>, _>>()?;
    if stops.len() > MAX_STOPS {
        return Err(CodecError::TooManyStops(stops.len()));
    }
    for (i, stop) in stops.iter().enumerate() {
        if stops[..i].iter().any(|s| s.site == stop.site) {
            return Err(CodecError::Repeated {
                stop: i + 1,
                site: stop.site.to_string(),
            });
        }
    }
    let title = title.chars().take(MAX_TITLE_CHARS).collect();
    Ok(Trip {
        title,
        date,
        start_min,
        end_min,
        mode,
        stops,
    })
}

fn bad(field: &str, value: &str) -> CodecError {
    CodecError::Bad {
        field: field.to_string(),
        value: value.chars().take(40).collect(),
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    chars.next().filter(|_| chars.next().is_none())
}

fn time(text: &str, field: &str) -> Result<u32, CodecError> {
    let ok = text.len() == 4 && text.is_char_boundary(2);
    ok.then(|| parse_hhmm(&format!("{}:{}", &text[..2], &text[2..])))
        .flatten()
        .ok_or_else(|| bad(field, text))
}

fn parse_date(text: &str) -> Result<Date, CodecError> {
    let ok = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| Date::parse(&format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])))
        .flatten()
        .ok_or_else(|| bad("date", text))
}

fn parse_stop(n: usize, text: &str) -> Result<TripStop, CodecError> {
    let field = format!("stop {n}");
    let (id, dwell) = match text.split_once('*') {
        Some((id, d)) => (id, Some(d)),
        None => (text, None),
    };
    let site = unescape(id)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| bad(&field, text))?;
    let dwell_min = match dwell {
        None => None,
        Some(d) => Some(
            Some(d)
                .filter(|d| !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|d| d.parse::<u32>().ok())
                .filter(|&m| m <= MIN_PER_DAY)
                .ok_or_else(|| bad(&format!("{field} visit minutes"), d))?,
        ),
    };
    Ok(TripStop {
        site: SiteId::from(site),
        dwell_min,
    })
}

fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if is_plain(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Inverse of `escape`; `None` for a bad escape, a control character or invalid UTF-8.
/// Lenient about characters `escape` would have encoded (a space, 中文): a link whose
/// escapes were decoded once too often on the way still reads.
fn unescape(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b if b.is_ascii_control() => return None,
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Trip {
        let mut trip = Trip {
            title: "八年级 研学~*%".into(),
            date: Date::parse("2026-11-22"),
            start_min: 8 * 60 + 30,
            end_min: Some(17 * 60),
            mode: Mode::Coach,
            ..Trip::default()
        };
        trip.add_all(["nanhai-county-committee-site", "a~b*c%d", "中文id"].map(SiteId::from));
        trip.set_dwell(1, Some(45));
        trip
    }

    #[test]
    fn round_trips_every_field() {
        let trip = sample();
        let code = encode(&trip);
        assert!(
            code.bytes().all(|b| is_plain(b) || b"~*%".contains(&b)),
            "{code}"
        );
        assert_eq!(decode(&code), Ok(trip));
        let plain = Trip::default();
        assert_eq!(encode(&plain), "1~w~0900~~~");
        assert_eq!(decode("1~w~0900~~~"), Ok(plain));
    }

    #[test]
    fn a_readable_example() {
        let mut trip = Trip {
            date: Date::parse("2026-11-22"),
            end_min: Some(1020),
            ..Trip::default()
        };
        trip.add_all([SiteId::from("nanhai-county-committee-site")]);
        trip.set_dwell(0, Some(45));
        assert_eq!(
            encode(&trip),
            "1~w~0900~1700~20261122~~nanhai-county-committee-site*45"
        );
    }

    #[test]
    fn malformed_codes_are_errors_that_say_where() {
        let cases = [
            ("", "empty"),
            ("2~w~0900~~~", "version \"2\""),
            ("1~w~0900", "no end time"),
            ("1~x~0900~~~", "mode"),
            ("1~w~2500~~~", "start time"),
            ("1~w~09:0~~~", "start time"),
            ("1~w~0900~17~~", "end time"),
            ("1~w~0900~~20260230~", "date"),
            ("1~w~0900~~~%zz", "title"),
            ("1~w~0900~~~~a~", "stop 2"),
            ("1~w~0900~~~~a*ten", "stop 1 visit minutes"),
            ("1~w~0900~~~~a*99999", "stop 1 visit minutes"),
            ("1~w~0900~~~~a~b~a", "stop 3 repeats"),
            ("1~w~0900~~~~a\tb", "stop 1"),
            ("1~w~0900~~~~%+1", "stop 1"),
            ("1~w~0900~~~~%FF", "stop 1"),
            ("1~w~0900~~~~%E4", "stop 1"),
        ];
        for (code, expected) in cases {
            let message = decode(code).expect_err(code).to_string();
            assert!(message.contains(expected), "{code}: {message}");
        }
        let long = format!("1~w~0900~~~~{}", "a".repeat(MAX_CODE_LEN));
        assert!(matches!(decode(&long), Err(CodecError::TooLong(_))));
        let many: Vec<String> = (0..=MAX_STOPS).map(|i| format!("s{i}")).collect();
        let code = format!("1~w~0900~~~~{}", many.join("~"));
        assert_eq!(decode(&code), Err(CodecError::TooManyStops(MAX_STOPS + 1)));
    }

    #[test]
    fn the_longest_real_trip_still_reads_back() {
        let mut trip = Trip {
            title: "红".repeat(200),
            date: Date::parse("2026-11-22"),
            end_min: Some(17 * 60),
            ..Trip::default()
        };
        let id = |i: usize| SiteId::from(format!("{i:02}{}", "址".repeat(33)));
        trip.add_all((0..MAX_STOPS).map(id));
        (0..MAX_STOPS).for_each(|i| trip.set_dwell(i, Some(1440)));
        let code = encode(&trip);
        assert!(
            code.len() > 2048 && code.len() <= MAX_CODE_LEN,
            "{}",
            code.len()
        );
        let back = decode(&code).expect("reads back");
        assert_eq!(back.stops, trip.stops);
        assert_eq!(back.title.chars().count(), MAX_TITLE_CHARS);
        // The crash input the fuzzer found: U+FFFD in the title grows ninefold when escaped.
        let found = format!("1~b~0050~~~%E7%BA%A2{}~a", "\u{fffd}".repeat(80));
        let again = encode(&decode(&found).expect("decodes"));
        assert_eq!(decode(&again).map(|t| encode(&t)), Ok(again));
    }

    #[test]
    fn reads_a_code_whose_escapes_were_decoded_on_the_way() {
        let trip = sample();
        let once_decoded = encode(&trip).replace("%20", " ").replace("%E5%85%AB", "八");
        assert_eq!(decode(&once_decoded).map(|t| t.title), Ok(trip.title));
    }

    #[test]
    fn never_panics_on_arbitrary_text() {
        for code in [
            "~",
            "1~",
            "1~~~~~",
            "1~w~é900~~~",
            "1~w~0900~~~~*5",
            "1~w~0900~~~~%",
            "1~w~0900~~~~%4",
            "1~w~0900~~日本~",
        ] {
            assert!(decode(code).is_err(), "{code}");
        }
    }
}
