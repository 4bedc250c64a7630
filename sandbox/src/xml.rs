//! RDS's (and STS's) XML envelopes, written as those services write them.

use aws_smithy_types::date_time::{DateTime, Format};

/// The namespace of `service`'s responses.
fn namespace(service: &str) -> &'static str {
    match service {
        "sts" => "https://sts.amazonaws.com/doc/2011-06-15/",
        _ => "http://rds.amazonaws.com/doc/2014-10-31/",
    }
}

/// A success envelope: `<{action}Response><{action}Result>{result}</...><ResponseMetadata>`.
pub(crate) fn success(action: &str, service: &str, result: &str, request_id: &str) -> String {
    let ns = namespace(service);
    format!(
        "<{action}Response xmlns=\"{ns}\">\n  <{action}Result>\n{result}  </{action}Result>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</{action}Response>\n"
    )
}

/// An error envelope, with `RequestId` outside `Error` as RDS puts it.
pub(crate) fn error(
    service: &str,
    kind: &str,
    code: &str,
    message: &str,
    request_id: &str,
) -> String {
    let ns = namespace(service);
    format!(
        "<ErrorResponse xmlns=\"{ns}\">\n  <Error>\n    <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
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
