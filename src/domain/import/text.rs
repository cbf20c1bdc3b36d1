//! Bytes to text, for files made by people on Chinese Windows: UTF-8 with or without a
//! BOM, UTF-16 with a BOM (Excel's "Unicode text"), or GBK (Excel's "CSV" on a Chinese
//! system, and many older KML/GPX tools).
//!
//! Which it is: a BOM decides; else text that is valid UTF-8 is UTF-8 (GBK text of any
//! length is almost never valid UTF-8, while ASCII is both); else GBK, decoded with the
//! WHATWG gb18030 decoder (GBK's superset), which turns undecodable bytes into U+FFFD
//! and says so.
//!
//! The GBK decoder is passed in ([`decode_with`]): natively it is `encoding_rs` (the
//! WHATWG Encoding Standard as implemented in Firefox); the browser passes its own
//! `TextDecoder("gbk")`, the same standard, and so keeps ~170 KB of tables out of the wasm.

/// The encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gbk,
}

impl TextEncoding {
    /// The label shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gbk => "GBK",
        }
    }
}

/// Decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// Whether some bytes could not be decoded and show as U+FFFD.
    pub had_errors: bool,
}

/// Decodes with `gbk` for text that is neither marked nor valid UTF-8; `gbk` returns the
/// text and whether it replaced malformed bytes.
pub fn decode_with(bytes: &[u8], gbk: impl FnOnce(&[u8]) -> (String, bool)) -> Decoded {
    let done = |text: String, encoding, had_errors| Decoded {
        text,
        encoding,
        had_errors,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = String::from_utf8_lossy(rest);
        let lossy = matches!(text, std::borrow::Cow::Owned(_));
        return done(text.into_owned(), TextEncoding::Utf8Bom, lossy);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, lossy) = utf16(rest, u16::from_le_bytes);
        return done(text, TextEncoding::Utf16Le, lossy);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, lossy) = utf16(rest, u16::from_be_bytes);
        return done(text, TextEncoding::Utf16Be, lossy);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => done(text.to_owned(), TextEncoding::Utf8, false),
        Err(_) => {
            let (text, lossy) = gbk(bytes);
            done(text, TextEncoding::Gbk, lossy)
        }
    }
}

/// The text of a file that is marked (BOM) or valid UTF-8, taking the bytes: plain UTF-8
/// (the usual case) becomes the text without a copy, which for a 50 MB file saves 50 MB
/// and a pass over it. Else the bytes come back, for a GBK decoder that may run in steps
/// (the browser's); [`decode_with`] is the same with the GBK decoder passed in.
pub fn decode_unicode(bytes: Vec<u8>) -> Result<Decoded, Vec<u8>> {
    let marked = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if marked {
        // Never GBK: a BOM decides.
        return Ok(decode_with(&bytes, |b| {
            (String::from_utf8_lossy(b).into_owned(), true)
        }));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: TextEncoding::Utf8,
            had_errors: false,
        }),
        Err(e) => Err(e.into_bytes()),
    }
}

/// Decodes with `encoding_rs` for GBK (native tools and tests).
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, |b| {
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(b);
        (text.into_owned(), had_errors)
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD, // an odd trailing byte
    });
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "中共南海县委旧址,113.1856";

    #[test]
    fn decode_unicode_is_decode_or_the_bytes_back() {
        let gbk = encoding_rs::GBK.encode(NAME).0.into_owned();
        for bytes in [
            NAME.as_bytes().to_vec(),
            format!("\u{feff}{NAME}").into_bytes(),
            vec![0xFF, 0xFE, 0x2D, 0x4E],
            gbk,
        ] {
            let by_ref = decode(&bytes);
            match decode_unicode(bytes.clone()) {
                Ok(owned) => assert_eq!(owned, by_ref),
                Err(back) => {
                    assert_eq!(back, bytes);
                    assert_eq!(by_ref.encoding, TextEncoding::Gbk);
                }
            }
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(NAME.as_bytes());
        assert_eq!(
            (plain.text.as_str(), plain.encoding),
            (NAME, TextEncoding::Utf8)
        );
        let bom = decode(format!("\u{feff}{NAME}").as_bytes());
        assert_eq!(
            (bom.text.as_str(), bom.encoding),
            (NAME, TextEncoding::Utf8Bom)
        );
        assert!(!bom.had_errors);
    }

    #[test]
    fn gbk_bytes_are_read_as_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode(NAME);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "GBK Chinese is not UTF-8"
        );
        let d = decode(&bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.had_errors),
            (NAME, TextEncoding::Gbk, false)
        );
    }

    #[test]
    fn utf16_with_bom_from_excel_unicode_text() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(NAME.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).text, NAME);
        let mut be = vec![0xFE, 0xFF];
        be.extend(NAME.encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&be);
        assert_eq!((d.text.as_str(), d.encoding), (NAME, TextEncoding::Utf16Be));
        le.push(0x41); // odd length
        assert!(decode(&le).had_errors);
    }

    #[test]
    fn undecodable_bytes_are_marked_not_dropped() {
        let d = decode(b"ok\xFFend");
        assert_eq!(d.encoding, TextEncoding::Gbk);
        assert!(d.had_errors && d.text.contains('\u{fffd}') && d.text.ends_with("end"));
        let custom = decode_with(b"\xB0\xA1", |_| ("X".into(), false));
        assert_eq!(custom.text, "X", "the browser's decoder is used as given");
    }
}
