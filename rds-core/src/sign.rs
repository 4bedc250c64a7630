//! SigV4 signing with an explicit clock, and clock-skew correction.
//!
//! This module writes the canonical request and the string to sign (the parts that depend on the
//! request); `aws_sigv4::sign::v4` derives the signing key and computes the signature. A property
//! test in `tests/it/signer_parity.rs` proves the `Authorization` header identical to
//! `aws_sigv4::http_request::sign`'s. The caller passes the time, so the same code runs in wasm
//! (where `SystemTime::now()` panics) and in tests.

use crate::credentials::Credentials;
use crate::error::{RdsError, ServiceError};
use crate::operation::{Operation, Protocol};
use crate::time::Timestamp;
use aws_sigv4::sign::v4;
use http::Uri;
use sha2::{Digest, Sha256};

/// SigV4's algorithm name, first in the string to sign and the `Authorization` header.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Headers to send with a signed request: `content-type`, `x-amz-date`, `x-amz-security-token`
/// (with a session token) and `authorization`.
pub type SignedHeaders = Vec<(&'static str, String)>;

/// Signs a `POST` of `body` for `operation` to its service's `endpoint_url` (the real endpoint,
/// never a proxy) for `region`. The headers of its protocol are sent and signed: `content-type`,
/// and for JSON `x-amz-target` (and `x-amzn-query-mode` where the service is query-compatible),
/// as botocore 1.43 sends them.
pub fn sign_call(
    operation: Operation,
    endpoint_url: &str,
    region: &str,
    body: &str,
    credentials: &Credentials,
    at: Timestamp,
) -> Result<SignedHeaders, RdsError> {
    let protocol = operation.service.protocol();
    let mut headers: SignedHeaders = vec![("content-type", protocol.content_type().to_owned())];
    if let Protocol::Json {
        target_prefix,
        query_compatible,
        ..
    } = protocol
    {
        headers.push((
            "x-amz-target",
            format!("{target_prefix}.{}", operation.name),
        ));
        if query_compatible {
            headers.push(("x-amzn-query-mode", "true".to_owned()));
        }
    }
    let sent: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let request = RequestToSign {
        method: "POST",
        url: endpoint_url,
        headers: &sent,
        body: body.as_bytes(),
        region,
        service: operation.service.name(),
        payload_hash_header: false,
    };
    let signed = sign_request(&request, credentials, at)?;
    headers.extend(signed);
    Ok(headers)
}

/// Any request to sign; [`sign_call`] fills it in for an AWS operation.
#[derive(Clone, Copy, Debug)]
pub struct RequestToSign<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The URL of the endpoint: its host (and a port other than the scheme's default) is signed.
    /// Its path must be `/` and it has no query, as every AWS endpoint the console calls.
    pub url: &'a str,
    /// Headers that are sent and signed besides `host` and `x-amz-date`.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub body: &'a [u8],
    /// The region in the credential scope.
    pub region: &'a str,
    /// The service name in the credential scope.
    pub service: &'a str,
    /// Also send and sign `x-amz-content-sha256` (S3 style; RDS does not need it).
    pub payload_hash_header: bool,
}

/// Signs `request` at time `at`, returning the headers to add (`x-amz-date`, the session token,
/// `authorization`, and `x-amz-content-sha256` when asked for).
pub fn sign_request(
    request: &RequestToSign<'_>,
    credentials: &Credentials,
    at: Timestamp,
) -> Result<SignedHeaders, RdsError> {
    let at = at.whole_seconds();
    let amz_date = at.to_sigv4();
    let payload_hash = sha256_hex(request.body);
    let mut added: SignedHeaders = vec![("x-amz-date", amz_date.clone())];
    if let Some(token) = &credentials.session_token {
        added.push(("x-amz-security-token", token.clone()));
    }
    if request.payload_hash_header {
        added.push(("x-amz-content-sha256", payload_hash.clone()));
    }
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
        .chain(added.iter().map(|(n, v)| (n.to_string(), v.clone())))
        .collect();
    headers.push(("host".to_owned(), signed_host(request.url)?));
    let (canonical_headers, signed_names) = canonical_headers(headers);
    let canonical_request = format!(
        "{}\n/\n\n{canonical_headers}\n{signed_names}\n{payload_hash}",
        request.method
    );
    let scope = format!(
        "{}/{}/{}/aws4_request",
        &amz_date[..8],
        request.region,
        request.service
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let key = v4::generate_signing_key(
        &credentials.secret_access_key,
        at.to_system_time(),
        request.region,
        request.service,
    );
    let signature = v4::calculate_signature(key, string_to_sign.as_bytes());
    added.push((
        "authorization",
        format!(
            "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
            credentials.access_key_id
        ),
    ));
    Ok(added)
}

/// The `host` header SigV4 signs for `url`: the host, with the port unless it is the scheme's
/// default. Refuses URLs whose path is not `/` or that have a query.
fn signed_host(url: &str) -> Result<String, RdsError> {
    let signing_error = |why: &str| RdsError::Signing(format!("\"{url}\" {why}"));
    let uri: Uri = url.parse().map_err(|_| signing_error("is not a URL"))?;
    let host = uri.host().ok_or_else(|| signing_error("has no host"))?;
    if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
        return Err(signing_error("has a path or query; only `/` is signed"));
    }
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}

/// SigV4's canonical header block (`name:value` lines, sorted by name, values of one name joined
/// with `,`, spaces trimmed and runs of spaces folded) and the `;`-joined signed header names.
fn canonical_headers(mut headers: Vec<(String, String)>) -> (String, String) {
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut block = String::new();
    let mut names: Vec<&str> = Vec::new();
    for (name, value) in &headers {
        let value = fold_spaces(value);
        if names.last() == Some(&name.as_str()) {
            block.push(',');
        } else {
            if !names.is_empty() {
                block.push('\n');
            }
            block.push_str(name);
            block.push(':');
            names.push(name);
        }
        block.push_str(&value);
    }
    block.push('\n');
    (block, names.join(";"))
}

/// Trims spaces at both ends and folds runs of spaces into one (other white space is kept).
fn fold_spaces(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.trim_matches(' ').chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// How far the server's clock is ahead of this computer's, learned from responses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClockSkew {
    offset_millis: i64,
}

impl ClockSkew {
    /// The offset applied to signatures, in milliseconds (positive: the server is ahead).
    pub fn offset_millis(self) -> i64 {
        self.offset_millis
    }

    /// The time to sign with: the local time corrected by what the server has told us.
    pub fn corrected(self, local_now: Timestamp) -> Timestamp {
        local_now.add_millis(self.offset_millis)
    }

    /// Records the server's time, seen at local time `local_now`.
    pub fn learn(&mut self, server_now: Timestamp, local_now: Timestamp) {
        self.offset_millis = server_now.millis() - local_now.millis();
    }

    /// Learns from a response's `Date` header; false if the header cannot be read.
    pub fn learn_from_date_header(&mut self, date: &str, local_now: Timestamp) -> bool {
        match Timestamp::parse_http_date(date) {
            Ok(server_now) => {
                self.learn(server_now, local_now);
                true
            }
            Err(_) => false,
        }
    }

    /// Learns from a clock-skew error: the server time in a "Signature expired" message
    /// (`... (20150830T124600Z - 5 min.)`), else the response's `Date` header.
    /// False when the error says nothing of the server's time.
    pub fn learn_from_error(
        &mut self,
        error: &ServiceError,
        date_header: Option<&str>,
        local_now: Timestamp,
    ) -> bool {
        if let Some(server_now) = server_time_in_message(&error.message) {
            self.learn(server_now, local_now);
            return true;
        }
        date_header.is_some_and(|d| self.learn_from_date_header(d, local_now))
    }
}

/// The server's time in SigV4's clock errors: the basic-format time inside the parentheses.
fn server_time_in_message(message: &str) -> Option<Timestamp> {
    let inside = &message[message.rfind('(')? + 1..];
    Timestamp::parse_sigv4(inside.split_whitespace().next()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::{GetCallerIdentity, GetMetricData, LookupEvents};
    use crate::error::ErrorCode;
    use crate::model::BacktrackRequest;
    use crate::operation::Call;

    fn example_credentials() -> Credentials {
        Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: Some("FQoGZXIvYXdzEXAMPLETOKEN".into()),
            expires_at: None,
        }
    }

    /// How the botocore 1.43.127 vectors were made: `call` in eu-west-1 at 2026-11-25T13:06:26Z,
    /// with session token `SESSIONTOKEN`.
    fn signed_as_botocore_vectors<C: Call>(call: &C) -> SignedHeaders {
        let credentials = Credentials {
            session_token: Some("SESSIONTOKEN".into()),
            ..example_credentials()
        };
        let host = C::OPERATION.service.name();
        sign_call(
            C::OPERATION,
            &format!("https://{host}.eu-west-1.amazonaws.com/"),
            "eu-west-1",
            &call.body(),
            &credentials,
            Timestamp::parse_iso("2026-11-25T13:06:26Z").unwrap(),
        )
        .unwrap()
    }

    fn header<'a>(headers: &'a SignedHeaders, name: &str) -> &'a str {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap()
    }

    #[test]
    fn reproduces_the_design_authorization_header() {
        let body = "Action=BacktrackDBCluster&Version=2014-10-31&DBClusterIdentifier=my-cluster1&BacktrackTo=2017-07-08T18%3A00%3A00Z&Force=false&UseEarliestTimeOnPointInTimeUnavailable=true";
        let at = Timestamp::parse_iso("2015-08-30T12:36:00Z").unwrap();
        let headers = sign_call(
            BacktrackRequest::OPERATION,
            "https://rds.us-east-1.amazonaws.com/",
            "us-east-1",
            body,
            &example_credentials(),
            at,
        )
        .unwrap();
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=67cf414a76721f752a3b7a831ebbf8938d6fb36818c8534091491a25f90502c3"
        );
        assert_eq!(header(&headers, "x-amz-date"), "20150830T123600Z");
        assert_eq!(
            header(&headers, "x-amz-security-token"),
            "FQoGZXIvYXdzEXAMPLETOKEN"
        );
        assert_eq!(
            header(&headers, "content-type"),
            "application/x-www-form-urlencoded; charset=utf-8"
        );
        assert!(!headers.iter().any(|(n, _)| *n == "date" || *n == "host"));
    }

    #[test]
    fn signs_cloudwatch_get_metric_data_as_botocore_1_43_does() {
        // botocore 1.43.127, `cloudwatch.get_metric_data(...)` in eu-west-1 at
        // 2026-11-25T13:06:26Z, for the first body of `calls::get_metric_data`'s tests.
        let headers = signed_as_botocore_vectors(&GetMetricData {
            cluster: crate::model::ClusterId::parse("orders-prod").unwrap(),
            metrics: crate::metrics::Metric::ALL.to_vec(),
            start: Timestamp::parse_iso("2026-11-24T13:00:00Z").unwrap(),
            end: Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            period_secs: 3600,
            next_token: None,
        });
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/monitoring/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target;x-amzn-query-mode, Signature=499e3f349137cdbb4b26d38a5becab9c5acd8ef739e6497be184b035653d0248"
        );
        assert_eq!(
            header(&headers, "x-amz-target"),
            "GraniteServiceVersion20100801.GetMetricData"
        );
        assert_eq!(header(&headers, "x-amzn-query-mode"), "true");
        assert_eq!(
            header(&headers, "content-type"),
            "application/x-amz-json-1.0"
        );
    }

    #[test]
    fn signs_what_a_backtrack_undoes_as_botocore_1_43_does() {
        // botocore 1.43.127, the two queries of `loss`'s body test, same time and region.
        let call = crate::loss::Loss::call(
            &crate::model::ClusterId::parse("orders-prod").unwrap(),
            Timestamp::parse_iso("2026-11-25T12:05:42Z").unwrap(),
            Timestamp::parse_iso("2026-11-25T13:06:26Z").unwrap(),
        );
        assert_eq!(
            header(&signed_as_botocore_vectors(&call), "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/monitoring/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target;x-amzn-query-mode, Signature=fe2921cb48d6c9443e4686be1265756bb44cf3ca6ba07bfff027630ffbf70457"
        );
    }

    #[test]
    fn signs_cloudtrail_lookup_events_as_botocore_1_43_does() {
        // botocore 1.43.127, `cloudtrail.lookup_events(...)` in eu-west-1 at
        // 2026-11-25T13:06:26Z, for the first body of `calls::lookup_events`'s tests.
        let headers = signed_as_botocore_vectors(&LookupEvents {
            start: Timestamp::parse_iso("2026-11-18T13:00:00Z").unwrap(),
            end: Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            next_token: None,
        });
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/cloudtrail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=313016e65f89011586809990f4c1f9b6c6f0d51afa14ebad0ceef1c05f2b3348"
        );
        assert_eq!(
            header(&headers, "x-amz-target"),
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"
        );
        assert_eq!(
            header(&headers, "content-type"),
            "application/x-amz-json-1.1"
        );
        assert!(!headers.iter().any(|(n, _)| *n == "x-amzn-query-mode"));
    }

    #[test]
    fn signs_sts_get_caller_identity_as_botocore_1_43_does() {
        // botocore 1.43.127, `sts.get_caller_identity()` in eu-west-1 at 2026-11-25T13:06:26Z.
        let headers = signed_as_botocore_vectors(&GetCallerIdentity);
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=f65bf05e180056bb1ce6f822188536d261db3c7db750b7255ded7924481d8958"
        );
        assert_eq!(
            header(&headers, "content-type"),
            "application/x-www-form-urlencoded; charset=utf-8"
        );
        assert_eq!(header(&headers, "x-amz-security-token"), "SESSIONTOKEN");
    }

    #[test]
    fn a_non_default_port_is_part_of_the_signed_host() {
        let at = Timestamp::from_secs(1_440_938_160);
        let creds = example_credentials();
        let a = sign_call(
            BacktrackRequest::OPERATION,
            "http://127.0.0.1:4566/",
            "us-east-1",
            "x",
            &creds,
            at,
        )
        .unwrap();
        let b = sign_call(
            BacktrackRequest::OPERATION,
            "http://127.0.0.1:4567/",
            "us-east-1",
            "x",
            &creds,
            at,
        )
        .unwrap();
        assert_ne!(header(&a, "authorization"), header(&b, "authorization"));
    }

    fn skew_error(message: &str) -> ServiceError {
        ServiceError {
            kind: ErrorCode::classify("SignatureDoesNotMatch", message),
            code: "SignatureDoesNotMatch".into(),
            message: message.into(),
            request_id: None,
            status: Some(403),
        }
    }

    #[test]
    fn learns_skew_from_a_signature_expired_message() {
        let local = Timestamp::parse_iso("2015-08-30T12:36:00Z").unwrap();
        let mut skew = ClockSkew::default();
        let err = skew_error("Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)");
        assert!(skew.learn_from_error(&err, None, local));
        assert_eq!(skew.offset_millis(), 10 * 60_000);
        assert_eq!(skew.corrected(local).to_iso(), "2015-08-30T12:46:00Z");
    }

    #[test]
    fn learns_skew_from_the_date_header_when_the_message_is_silent() {
        let local = Timestamp::parse_iso("2015-08-30T12:36:00Z").unwrap();
        let mut skew = ClockSkew::default();
        let err = skew_error(
            "The difference between the request time and the current time is too large.",
        );
        assert!(!skew.learn_from_error(&err, None, local));
        assert!(skew.learn_from_error(&err, Some("Sun, 30 Aug 2015 12:26:00 GMT"), local));
        assert_eq!(skew.offset_millis(), -10 * 60_000);
        assert!(!skew.learn_from_date_header("garbage", local));
    }

    #[test]
    fn a_skewed_clock_signs_with_the_server_time() {
        let local = Timestamp::parse_iso("2015-08-30T12:26:00Z").unwrap();
        let mut skew = ClockSkew::default();
        skew.learn(Timestamp::parse_iso("2015-08-30T12:36:00Z").unwrap(), local);
        let headers = sign_call(
            BacktrackRequest::OPERATION,
            "https://rds.us-east-1.amazonaws.com/",
            "us-east-1",
            "",
            &example_credentials(),
            skew.corrected(local),
        )
        .unwrap();
        assert_eq!(header(&headers, "x-amz-date"), "20150830T123600Z");
    }
}
