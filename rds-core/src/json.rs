//! The AWS JSON protocol's bodies as botocore writes them (Python's `json.dumps`: `", "` and
//! `": "` separators), and its error answers (`{"__type": "...#Code", "message": ...}`).

use crate::error::{ErrorCode, ServiceError};
use serde::{Deserialize, Serialize};
use std::io;

/// `value` as botocore writes a JSON body.
pub(crate) fn python_json(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    if let Err(e) = value.serialize(&mut serializer) {
        unreachable!("a request of strings and numbers always serializes: {e}");
    }
    String::from_utf8(out).unwrap_or_else(|e| unreachable!("serde_json writes UTF-8: {e}"))
}

/// serde_json's compact output with Python's default separators.
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        comma_unless_first(w, first)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        comma_unless_first(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// Python's item separator, before every item but the first.
fn comma_unless_first<W: ?Sized + io::Write>(w: &mut W, first: bool) -> io::Result<()> {
    if first {
        Ok(())
    } else {
        w.write_all(b", ")
    }
}

#[derive(Deserialize)]
struct JsonError {
    #[serde(rename = "__type")]
    kind: String,
    #[serde(default, alias = "Message")]
    message: String,
}

/// Reads a JSON-protocol error (`{"__type": "...#AccessDenied", "message": ...}`), if `body` is one.
pub fn parse_json_error(
    body: &str,
    status: u16,
    request_id: Option<String>,
) -> Option<ServiceError> {
    let error: JsonError = serde_json::from_str(body).ok()?;
    let code = error.kind.rsplit('#').next().unwrap_or_default().to_owned();
    Some(ServiceError {
        kind: ErrorCode::classify(&code, &error.message),
        code,
        message: error.message,
        request_id,
        status: Some(status),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_errors() {
        let error = parse_json_error(
            r#"{"__type": "com.amazon.coral.service#AccessDeniedException", "message": "User is not authorized to perform: cloudwatch:GetMetricStatistics"}"#,
            400,
            Some("req-9".into()),
        )
        .unwrap();
        assert_eq!(error.code, "AccessDeniedException");
        assert_eq!(error.request_id.as_deref(), Some("req-9"));
        assert!(parse_json_error("<ErrorResponse/>", 400, None).is_none());
    }

    #[test]
    fn writes_python_separators() {
        let value = serde_json::json!({"A": [1, 2], "B": "x"});
        assert_eq!(python_json(&value), r#"{"A": [1, 2], "B": "x"}"#);
    }
}
