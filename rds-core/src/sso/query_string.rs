//! The portal's query strings as botocore writes them: values percent-encoded as
//! `urllib.parse.quote` does with `safe='-_.~'`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What `quote` leaves alone: letters, digits and `-_.~`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

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
