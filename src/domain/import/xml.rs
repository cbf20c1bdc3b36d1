//! Small helpers over `roxmltree` shared by the GPX and KML readers: elements are matched
//! by local name, so any namespace prefix (or none, or a wrong namespace URI, as hand-made
//! files have) is tolerated; text includes CDATA; every record path carries the line it
//! starts on, for the user to find it in an editor.

use roxmltree::{Document, Node, ParsingOptions};

/// Parses XML text; DTDs are allowed (some exporters write one), entity expansion is
/// bounded by roxmltree itself.
pub fn parse(text: &str) -> Result<Document<'_>, super::Reason> {
    parse_raw(text).map_err(|e| super::Reason::NotWellFormedXml(e.to_string()))
}

/// [`parse`] with roxmltree's own error (its place can be mapped).
pub fn parse_raw(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
}

/// Whether `node` is an element called `name` (any namespace, ASCII case ignored).
pub fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

/// Child elements called `name`.
pub fn children<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| is(*c, name))
}

/// The first child element called `name`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, name))
}

/// All text inside `node` (CDATA included), trimmed; `None` if blank.
pub fn text_of(node: Node) -> Option<String> {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The text of the first child called `name`.
pub fn child_text(node: Node, name: &str) -> Option<String> {
    child(node, name).and_then(text_of)
}

/// Line numbers by byte offset, counted forward from the last one asked (records are met in
/// order). (roxmltree's `text_pos_at` scans from the start on every call: quadratic over
/// a file of 100k placemarks, minutes instead of milliseconds.)
pub struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
    /// Where a count going back starts again (see [`Lines::keep`]).
    kept: (usize, usize),
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
            kept: (0, 1),
        }
    }

    /// Counts going back to a place after the last one asked start again from there, not
    /// from the start (a long record's own line, asked again after its points' lines).
    pub fn keep(&mut self) {
        self.kept = (self.at, self.line);
    }

    /// The 1-based line of byte `pos`.
    pub fn at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        if pos < self.at {
            (self.at, self.line) = if pos >= self.kept.0 {
                self.kept
            } else {
                (0, 1)
            };
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..pos]).count();
        self.at = pos;
        self.line
    }
}

/// Where the nodes of a (record's own) document are in the whole text: a node at `p` is
/// at `p - shift + base`.
pub struct Place<'l, 't> {
    pub lines: &'l mut Lines<'t>,
    pub base: usize,
    pub shift: usize,
}

impl Place<'_, '_> {
    /// The 1-based line `node` starts on in the whole text.
    pub fn of(&mut self, node: Node) -> usize {
        let start = node.range().start.saturating_sub(self.shift);
        self.lines.at(self.base + start)
    }
}

/// HTML in a description (KML balloons often hold some) as plain text: tags dropped,
/// `<br>` and `<p>` as line breaks, the common entities decoded, blank lines squeezed.
pub fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if tag.starts_with("br")
            || tag.starts_with("p")
            || tag.starts_with("div")
            || tag.starts_with("tr")
        {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_any_namespace_and_lines_are_known() {
        let text = "<a:kml xmlns:a='urn:x'>\n<a:Placemark><name><![CDATA[甲 & 乙]]></name></a:Placemark></a:kml>";
        let doc = parse(text).expect("xml");
        let pm = doc
            .descendants()
            .find(|n| is(*n, "placemark"))
            .expect("placemark");
        assert_eq!(child_text(pm, "name").as_deref(), Some("甲 & 乙"));
        let mut lines = Lines::new(text);
        let mut place = Place {
            lines: &mut lines,
            base: 0,
            shift: 0,
        };
        assert_eq!(place.of(pm), 2);
        assert_eq!(place.of(doc.root_element()), 1);
        assert!(parse("<kml><open></kml>").is_err());
    }

    #[test]
    fn html_descriptions_become_text() {
        assert_eq!(
            strip_html("<b>地址</b>:端州区<br/>正东路 &amp; 石头岗<p>开放</p>"),
            "地址:端州区\n正东路 & 石头岗\n开放"
        );
        assert_eq!(strip_html("a < b"), "a < b");
    }
}
