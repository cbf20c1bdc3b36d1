//! QR codes for the printed handout: the module matrix of a text (via the `qrcode` crate,
//! without its image features) and an SVG path drawing the dark modules, one unit per
//! module, for the UI to put in an `<svg>` with `view!`. Pure: no rendering here.

use qrcode::{Color, EcLevel, QrCode};

/// A square matrix of modules, row by row; `true` is dark. No quiet zone included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// Modules of light margin a reader needs around the code (the standard's quiet zone).
pub const QUIET_ZONE: usize = 4;

impl QrMatrix {
    /// Encodes `text` at error-correction level M (15 %: survives a crease or a smudge on
    /// paper). Errors if the text is too long for any QR version.
    pub fn new(text: &str) -> Result<QrMatrix, String> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| format!("cannot make a QR code of {} bytes: {e}", text.len()))?;
        let width = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(QrMatrix { width, dark })
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// Side of the SVG `viewBox`, quiet zone included.
    pub fn view_size(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// SVG path data: one `M x y h n v1 h-n z` rectangle per horizontal run of dark modules,
    /// offset by the quiet zone. Fill it with `shape-rendering="crispEdges"`.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let run = (x..self.width).take_while(|&k| self.is_dark(k, y)).count();
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    x + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
                x += run;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_makes_a_square_code_with_finder_patterns() {
        let url = "http://127.0.0.1:8100/?trip=1~w~0900~1700~20261122~~nanhai-county-committee-site*45~qiandenghu-park";
        let m = QrMatrix::new(url).expect("fits");
        assert_eq!(m.dark.len(), m.width * m.width);
        assert_eq!((m.width - 17) % 4, 0, "QR widths are 17 + 4 × version");
        // The top-left finder pattern: a dark 7×7 ring with a light ring inside.
        assert!((0..7).all(|i| m.is_dark(i, 0) && m.is_dark(0, i) && m.is_dark(i, 6)));
        assert!((1..6).all(|i| !m.is_dark(i, 1)));
        assert!(m.is_dark(3, 3));
    }

    #[test]
    fn svg_path_covers_exactly_the_dark_modules() {
        let m = QrMatrix::new("redmap").expect("fits");
        let d = m.svg_path();
        let area: usize = d
            .split('M')
            .filter(|s| !s.is_empty())
            .map(|rect| {
                rect.split('h')
                    .nth(1)
                    .and_then(|n| n.split('v').next())
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(area, m.dark.iter().filter(|&&b| b).count());
        assert!(
            d.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7")),
            "{}",
            &d[..20]
        );
    }

    #[test]
    fn too_long_text_is_an_error_not_a_panic() {
        assert!(QrMatrix::new(&"x".repeat(5000)).is_err());
    }
}
