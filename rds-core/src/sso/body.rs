//! The bytes botocore writes for rest-json: a JSON body with Python's default separators
//! (`", "` and `": "`), and query values percent-encoded as `urllib.parse.quote` does with
//! `safe='-_.~'`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io;

/// What `quote` leaves alone: letters, digits and `-_.~`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// serde_json's compact output with a space after each `,` and `:`, as `json.dumps` writes.
struct PythonSpacing;

impl Formatter for PythonSpacing {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// `value` as botocore's rest-json body.
pub(super) fn json<T: Serialize>(value: &T) -> String {
    let mut bytes = Vec::new();
    value
        .serialize(&mut Serializer::with_formatter(&mut bytes, PythonSpacing))
        .expect("a request of strings and numbers always serializes");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// `path?name=value&…` with each value percent-encoded; pairs without a value are left out.
pub(super) fn path_with_query(path: &str, pairs: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter_map(|(name, value)| {
            value.map(|v| format!("{name}={}", utf8_percent_encode(v, QUERY_VALUE)))
        })
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_pythons_separators() {
        let value = serde_json::json!({"a": "x", "b": [1, 2], "c": {"d": true}});
        assert_eq!(json(&value), r#"{"a": "x", "b": [1, 2], "c": {"d": true}}"#);
    }

    #[test]
    fn query_values_are_quoted_like_urllib() {
        assert_eq!(
            path_with_query(
                "/p",
                &[("a", Some("x y+z/=~._-")), ("b", None), ("c", Some("1"))]
            ),
            "/p?a=x%20y%2Bz%2F%3D~._-&c=1"
        );
        assert_eq!(path_with_query("/p", &[("b", None)]), "/p");
    }
}
