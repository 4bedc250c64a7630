//! RDS's XML envelopes, written as RDS writes them.

use aws_smithy_types::date_time::{DateTime, Format};

/// The namespace of every RDS response.
const NS: &str = "http://rds.amazonaws.com/doc/2014-10-31/";

/// A success envelope: `<{action}Response><{action}Result>{result}</...><ResponseMetadata>`.
pub(crate) fn success(action: &str, result: &str, request_id: &str) -> String {
    format!(
        "<{action}Response xmlns=\"{NS}\">\n  <{action}Result>\n{result}  </{action}Result>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n"
    )
}

/// An error envelope, with `RequestId` outside `Error` as RDS puts it.
pub(crate) fn error(kind: &str, code: &str, message: &str, request_id: &str) -> String {
    format!(
        "<ErrorResponse xmlns=\"{NS}\">\n  <Error>\n    <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        escape(code),
        escape(message)
    )
}

/// One `<name>value</name>` line, value escaped.
pub(crate) fn element(indent: usize, name: &str, value: &str) -> String {
    format!("{:indent$}<{name}>{}</{name}>\n", "", escape(value))
}

/// Escapes text for element content.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// ISO 8601 in UTC, with milliseconds only when there are any.
pub(crate) fn iso(millis: i64) -> String {
    DateTime::from_millis(millis)
        .fmt(Format::DateTime)
        .unwrap_or_default()
}

/// Parses an ISO 8601 UTC time into milliseconds.
pub(crate) fn parse_iso(text: &str) -> Option<i64> {
    DateTime::from_str(text.trim(), Format::DateTime)
        .ok()?
        .to_millis()
        .ok()
}
