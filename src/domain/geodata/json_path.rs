//! The JSON path of the place where serde_json stopped with an error, found by re-reading
//! the text up to the error's line and column: `properties.kind`, `coordinates[1]`, "" for
//! the whole text.
//!
//! serde_json reports an error right after the token it could not use: after a value of the
//! wrong type or an unknown enum name (the path of that value), or after the `}` / `]` of an
//! object or array that is incomplete or the wrong length (the path of that container).
//! One small scanner, shared by every record type, instead of a path-tracking deserializer
//! (`serde_path_to_error`) instantiated again for each of them: that kept ~60 KB of code in
//! the browser's wasm for the rare bad record.
//!
//! Pure: no I/O, no serde types other than `serde_json::Error`'s position.

/// One open container while scanning.
enum Open {
    /// An object and the key whose value is being read (None before the first key).
    Object(Option<String>),
    /// An array and the index of the element being read.
    Array(usize),
}

/// The path of the value serde_json's `error` is about, inside `text` (what it parsed).
pub(crate) fn error_path(text: &str, error: &serde_json::Error) -> String {
    path_at(text, byte_offset(text, error.line(), error.column()))
}

/// Byte offset of serde_json's 1-based line and column (the column counts bytes; line 0
/// means no position).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path of what ends at byte `offset` of `text`.
fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    // The path of the container whose closing bracket was the last token read.
    let mut closed: Option<String> = None;
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        let b = bytes[i];
        if !b.is_ascii_whitespace() {
            closed = None;
        }
        match b {
            b'{' => stack.push(Open::Object(None)),
            b'[' => stack.push(Open::Array(0)),
            b'}' | b']' => {
                stack.pop();
                closed = Some(render(&stack));
            }
            b',' => {
                if let Some(Open::Array(n)) = stack.last_mut() {
                    *n += 1;
                }
            }
            b'"' => {
                let end = string_end(bytes, i + 1);
                // A string directly followed by ':' is a key.
                let next = bytes[end..]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .map(|k| bytes[end + k]);
                if next == Some(b':') {
                    if let Some(Open::Object(key)) = stack.last_mut() {
                        *key = Some(text[i + 1..end.saturating_sub(1)].to_owned());
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    closed.unwrap_or_else(|| render(&stack))
}

/// The index just past the closing quote of a string whose content starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// `a.b[2].c` from the open containers.
fn render(stack: &[Open]) -> String {
    let mut path = String::new();
    for open in stack {
        match open {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Object(None) => {}
            Open::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Rec {
        name: String,
        properties: Props,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Props {
        kind: Kind,
        #[serde(default)]
        stops: Vec<u32>,
        point: Option<[f64; 2]>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Museum,
    }

    fn path_of(text: &str) -> String {
        let e = serde_json::from_str::<Rec>(text).expect_err("bad record");
        error_path(text, &e)
    }

    #[test]
    fn a_wrong_value_is_its_own_path() {
        let t = r#"{"name":"a","properties":{"kind":"musem"}}"#;
        assert_eq!(path_of(t), "properties.kind");
        let t = r#"{"name":"a","properties":{"kind":"museum","stops":[1,"x",3]}}"#;
        assert_eq!(path_of(t), "properties.stops[1]");
        let t = r#"{"name":7,"properties":{"kind":"museum"}}"#;
        assert_eq!(path_of(t), "name");
        let t = "{\n  \"name\": \"a\",\n  \"properties\": {\n    \"kind\": 3\n  }\n}";
        assert_eq!(path_of(t), "properties.kind");
    }

    #[test]
    fn a_missing_field_or_wrong_length_is_the_container() {
        let t = r#"{"name":"a","properties":{"stops":[]}}"#;
        assert_eq!(path_of(t), "properties");
        let t = r#"{"properties":{"kind":"museum"}}"#;
        assert_eq!(path_of(t), "");
        let t = r#"{"name":"a","properties":{"kind":"museum","point":[1.0]}}"#;
        assert_eq!(path_of(t), "properties.point");
    }

    #[test]
    fn keys_and_strings_with_brackets_and_escapes_do_not_confuse_it() {
        let t = r#"{"name":"a \"[x]\" {y}","properties":{"k,\"ey":[],"kind":"musem"}}"#;
        assert_eq!(path_of(t), "properties.kind");
        let e = serde_json::from_str::<Vec<[f64; 2]>>("[[1,2],[3,\"4\"]]").expect_err("bad");
        assert_eq!(error_path("[[1,2],[3,\"4\"]]", &e), "[1][1]");
    }
}
