//! Coordinates as people write them: decimal degrees (`113.1856`, `-23.5`, full-width
//! `１１３．１８`), degrees-minutes-seconds (`113°10'30"E`, `23°2′15″N`, `113 10 30`,
//! `东经113度10分30秒`, `N23°2.25'`), single "lat,lon" cells (`23.03625, 113.1856`), and
//! the fix for swapped latitude and longitude.
//!
//! A hemisphere letter (N/S/E/W, or 北纬/南纬/东经/西经) names the axis and the sign; a
//! value that says which axis it is wins over the column it sits in. Pure text → numbers;
//! depends on nothing but `geo` and the China box of `validate`.

use super::Reason;
use crate::domain::geo::LonLat;
use crate::domain::validate::CHINA_EXTENT;

/// Which axis a value says it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Lat,
    Lon,
}

/// A parsed angle in decimal degrees, with the axis its text names, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Angle {
    pub degrees: f64,
    pub axis: Option<Axis>,
    /// Written as degrees-minutes(-seconds), not decimal.
    pub sexagesimal: bool,
}

/// Full-width digits and signs to ASCII, typographic marks to plain ones.
fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '−' | '–' => '-',
            '＋' => '+',
            '，' => ',',
            '；' => ';',
            c => c,
        })
        .collect()
}

/// Takes a hemisphere marker off either end: the axis, and -1 for S/W.
fn hemisphere(s: &str) -> (String, Option<(Axis, f64)>) {
    const MARKS: [(&str, Axis, f64); 12] = [
        ("北纬", Axis::Lat, 1.0),
        ("南纬", Axis::Lat, -1.0),
        ("东经", Axis::Lon, 1.0),
        ("西经", Axis::Lon, -1.0),
        ("北", Axis::Lat, 1.0),
        ("南", Axis::Lat, -1.0),
        ("东", Axis::Lon, 1.0),
        ("西", Axis::Lon, -1.0),
        ("N", Axis::Lat, 1.0),
        ("S", Axis::Lat, -1.0),
        ("E", Axis::Lon, 1.0),
        ("W", Axis::Lon, -1.0),
    ];
    let upper = s.to_uppercase();
    for (mark, axis, sign) in MARKS {
        if let Some(rest) = upper
            .strip_prefix(mark)
            .or_else(|| upper.strip_suffix(mark))
        {
            return (rest.trim().to_owned(), Some((axis, sign)));
        }
    }
    (s.to_owned(), None)
}

/// Parses one angle. Errors say what is wrong in plain words.
pub fn parse_angle(text: &str) -> Result<Angle, Reason> {
    let s = normalise(text);
    if s.is_empty() {
        return Err(Reason::EmptyCoordinate);
    }
    let (body, hemi) = hemisphere(&s);
    if body.contains(',') {
        return Err(Reason::CoordinateComma(text.to_owned()));
    }
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, body.strip_prefix('+').unwrap_or(&body).trim()),
    };
    if negative && hemi.is_some() {
        return Err(Reason::MinusAndLetter(text.to_owned()));
    }
    let parts: Vec<&str> = body
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '°' | 'º'
                        | '˚'
                        | '度'
                        | '\''
                        | '′'
                        | '’'
                        | '‘'
                        | '分'
                        | '"'
                        | '″'
                        | '”'
                        | '“'
                        | '秒'
                        | ':'
                )
        })
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<f64> = parts
        .iter()
        .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0))
        .collect::<Option<_>>()
        .ok_or_else(|| Reason::NotACoordinate(text.to_owned()))?;
    let value = match numbers[..] {
        [d] => d,
        [d, m] => sexagesimal(text, d, m, 0.0)?,
        [d, m, sec] => sexagesimal(text, d, m, sec)?,
        _ => return Err(Reason::NotACoordinate(text.to_owned())),
    };
    let sign = if negative {
        -1.0
    } else {
        hemi.map_or(1.0, |h| h.1)
    };
    Ok(Angle {
        degrees: sign * value,
        axis: hemi.map(|h| h.0),
        sexagesimal: numbers.len() > 1,
    })
}

fn sexagesimal(text: &str, d: f64, m: f64, s: f64) -> Result<f64, Reason> {
    if d.fract() != 0.0 && (m > 0.0 || s > 0.0) {
        return Err(Reason::DecimalThenMinutes(text.to_owned()));
    }
    if m >= 60.0 || s >= 60.0 {
        return Err(Reason::MinutesOver60(text.to_owned()));
    }
    Ok(d + m / 60.0 + s / 3600.0)
}

/// Splits a one-cell pair ("23.03625, 113.1856", "23°2'N 113°11'E") into its two halves.
pub fn split_pair(text: &str) -> Option<(String, String)> {
    let s = normalise(text);
    for sep in [',', ';', '/', '|'] {
        let halves: Vec<&str> = s.split(sep).collect();
        if let [a, b] = halves[..] {
            return Some((a.trim().to_owned(), b.trim().to_owned()));
        }
    }
    match s.split_whitespace().collect::<Vec<_>>()[..] {
        [a, b] => Some((a.to_owned(), b.to_owned())),
        _ => None,
    }
}

/// What had to be done to a position to make it a position.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Fix {
    /// Latitude beyond ±90: the two can only be the other way round.
    SwappedOutOfRange,
    /// Outside China as given, inside China swapped.
    SwappedIntoChina,
    /// The values' own hemisphere letters said which is which.
    SwappedByLetters,
}

/// Settles a (lon, lat) pair read from two cells: applies the axes the values name,
/// swaps a pair that only makes sense swapped, and rejects what is out of range.
pub fn settle(lon: Angle, lat: Angle) -> Result<(LonLat, Option<Fix>), Reason> {
    if lon.axis == Some(Axis::Lat) || lat.axis == Some(Axis::Lon) {
        if lon.axis == lat.axis {
            return Err(Reason::SameAxis);
        }
        return finish(
            LonLat::new(lat.degrees, lon.degrees),
            Some(Fix::SwappedByLetters),
        );
    }
    let p = LonLat::new(lon.degrees, lat.degrees);
    let swapped = LonLat::new(p.lat, p.lon);
    let lettered = lon.axis.is_some() || lat.axis.is_some();
    if p.lat.abs() > 90.0 && p.lon.abs() <= 90.0 && !lettered {
        return finish(swapped, Some(Fix::SwappedOutOfRange));
    }
    if !CHINA_EXTENT.contains(p) && CHINA_EXTENT.contains(swapped) && !lettered {
        return finish(swapped, Some(Fix::SwappedIntoChina));
    }
    finish(p, None)
}

fn finish(p: LonLat, fix: Option<Fix>) -> Result<(LonLat, Option<Fix>), Reason> {
    if !(-180.0..=180.0).contains(&p.lon) || !(-90.0..=90.0).contains(&p.lat) {
        return Err(Reason::OutOfRange {
            lon: p.lon.to_string(),
            lat: p.lat.to_string(),
        });
    }
    Ok((p, fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deg(s: &str) -> f64 {
        parse_angle(s)
            .unwrap_or_else(|e| panic!("{s}: {e:?}"))
            .degrees
    }

    #[test]
    fn decimal_and_full_width() {
        assert_eq!(deg("113.1856"), 113.1856);
        assert_eq!(deg(" -23.5 "), -23.5);
        assert_eq!(deg("+23.5"), 23.5);
        assert_eq!(deg("１１３．１８５６"), 113.1856);
    }

    #[test]
    fn degrees_minutes_seconds_in_many_spellings() {
        let v = 113.0 + 10.0 / 60.0 + 30.0 / 3600.0;
        for s in [
            "113°10'30\"E",
            "113°10′30″E",
            "113 10 30",
            "E113°10'30\"",
            "东经113度10分30秒",
            "113:10:30",
            "113°10’30”",
        ] {
            assert!((deg(s) - v).abs() < 1e-9, "{s}");
        }
        assert!((deg("23°2′15″N") - (23.0 + 2.0 / 60.0 + 15.0 / 3600.0)).abs() < 1e-9);
        assert!((deg("N23°2.25'") - (23.0 + 2.25 / 60.0)).abs() < 1e-9);
        assert_eq!(deg("23°30'S"), -23.5);
        assert_eq!(deg("西经 73.5"), -73.5);
        let a = parse_angle("23°N").expect("angle");
        assert_eq!((a.axis, a.sexagesimal), (Some(Axis::Lat), false));
    }

    #[test]
    fn rejects_what_is_not_a_coordinate() {
        for s in [
            "",
            "abc",
            "113°75'",
            "23°10'61\"",
            "1.5°30'",
            "-23°S",
            "113,5",
            "1 2 3 4",
            "NaN",
        ] {
            assert!(parse_angle(s).is_err(), "{s}");
        }
        assert!(matches!(
            parse_angle("113,5"),
            Err(Reason::CoordinateComma(_))
        ));
    }

    #[test]
    fn pairs_split_on_commas_semicolons_or_space() {
        let pair = split_pair;
        assert_eq!(
            pair("23.03625, 113.1856"),
            Some(("23.03625".into(), "113.1856".into()))
        );
        assert_eq!(
            pair("23.03625，113.1856"),
            Some(("23.03625".into(), "113.1856".into()))
        );
        assert_eq!(
            pair("23°2'N 113°11'E"),
            Some(("23°2'N".into(), "113°11'E".into()))
        );
        assert_eq!(pair("113.1856"), None);
    }

    #[test]
    fn swapped_pairs_are_fixed_and_said() {
        let a = |s: &str| parse_angle(s).expect("angle");
        let ok = settle(a("113.18"), a("23.03")).expect("ok");
        assert_eq!(ok, (LonLat::new(113.18, 23.03), None));
        let (p, fix) = settle(a("23.03"), a("113.18")).expect("swapped");
        assert_eq!(
            (p, fix),
            (LonLat::new(113.18, 23.03), Some(Fix::SwappedOutOfRange))
        );
        // Both in range, but only the swapped pair lies in China (e.g. Qianxi 27.04, 106.02
        // would be in the Arabian Sea as given).
        let (p, fix) = settle(a("27.0407"), a("106.0189")).expect("swapped");
        assert_eq!((p.lon, fix), (106.0189, Some(Fix::SwappedOutOfRange)));
        // Xinjiang (80°E, 40°N) given the other way round: lat 80 is in range but Arctic.
        let (p, fix) = settle(a("40"), a("80")).expect("swapped into China");
        assert_eq!(
            (p, fix),
            (LonLat::new(80.0, 40.0), Some(Fix::SwappedIntoChina))
        );
        let (p, fix) = settle(a("30.5"), a("50.1")).expect("as given");
        assert_eq!(
            (p, fix),
            (LonLat::new(30.5, 50.1), None),
            "neither way is in China"
        );
        let (p, fix) = settle(a("23.5N"), a("113.2E")).expect("letters");
        assert_eq!(
            (p, fix),
            (LonLat::new(113.2, 23.5), Some(Fix::SwappedByLetters))
        );
        assert!(settle(a("23N"), a("24N")).is_err());
        assert!(settle(a("200"), a("100")).is_err());
        // Paris as given stays Paris: a letter-free pair outside China is not forced in.
        let (p, _) = settle(a("2.35"), a("48.85")).expect("paris");
        assert_eq!(p, LonLat::new(2.35, 48.85));
    }
}
