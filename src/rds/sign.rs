//! SigV4 signing of RDS requests through `aws-sigv4`, with an explicit clock and skew correction.
//!
//! The console never reads the system clock here: the caller passes the time, so the same code runs
//! in wasm (where `SystemTime::now()` panics) and in tests.

use super::credentials::Credentials;
use super::error::{RdsError, ServiceError};
use super::time::Timestamp;
use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// The SigV4 service name of RDS.
pub const SERVICE: &str = "rds";

/// The content type of every Query-protocol request.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Headers to send with a signed request: `content-type`, `x-amz-date`, `x-amz-security-token`
/// (with a session token) and `authorization`.
pub type SignedHeaders = Vec<(&'static str, String)>;

/// Signs a `POST` of `body` to `endpoint_url` (the real RDS endpoint, never a proxy) for `region`.
pub fn sign_post(
    endpoint_url: &str,
    region: &str,
    body: &str,
    credentials: &Credentials,
    at: Timestamp,
) -> Result<SignedHeaders, RdsError> {
    let request = RequestToSign {
        method: "POST",
        url: endpoint_url,
        headers: &[("content-type", CONTENT_TYPE)],
        body: body.as_bytes(),
        region,
        service: SERVICE,
        payload_hash_header: false,
    };
    let mut headers: SignedHeaders = vec![("content-type", CONTENT_TYPE.to_owned())];
    headers.extend(sign_request(&request, credentials, at)?);
    Ok(headers)
}

/// Any request to sign; [`sign_post`] fills it in for RDS.
#[derive(Clone, Copy, Debug)]
pub struct RequestToSign<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The URL of the endpoint; its host (and port) is signed.
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
    let signing_error = |e: &dyn std::fmt::Display| RdsError::Signing(e.to_string());
    let identity: Identity = aws_credential_types::Credentials::new(
        &credentials.access_key_id,
        &credentials.secret_access_key,
        credentials.session_token.clone(),
        None,
        "console",
    )
    .into();
    let mut settings = SigningSettings::default();
    if request.payload_hash_header {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(request.region)
        .name(request.service)
        .time(at.whole_seconds().to_system_time())
        .settings(settings)
        .build()
        .map_err(|e| signing_error(&e))?
        .into();
    let signable = SignableRequest::new(
        request.method,
        request.url,
        request.headers.iter().copied(),
        SignableBody::Bytes(request.body),
    )
    .map_err(|e| signing_error(&e))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| signing_error(&e))?
        .into_parts();
    let (signed, _params) = instructions.into_parts();
    Ok(signed
        .into_iter()
        .map(|h| (h.name(), h.value().to_owned()))
        .collect())
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
    let stamp = inside.split_whitespace().next()?;
    let b = stamp.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[9..11],
        &stamp[11..13],
        &stamp[13..15]
    );
    Timestamp::parse_iso(&iso).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::error::ErrorCode;

    fn example_credentials() -> Credentials {
        Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: Some("FQoGZXIvYXdzEXAMPLETOKEN".into()),
            expires_at: None,
        }
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
        let headers = sign_post(
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
        assert_eq!(header(&headers, "content-type"), CONTENT_TYPE);
        assert!(!headers.iter().any(|(n, _)| *n == "date" || *n == "host"));
    }

    #[test]
    fn a_non_default_port_is_part_of_the_signed_host() {
        let at = Timestamp::from_secs(1_440_938_160);
        let creds = example_credentials();
        let a = sign_post("http://127.0.0.1:4566/", "us-east-1", "x", &creds, at).unwrap();
        let b = sign_post("http://127.0.0.1:4567/", "us-east-1", "x", &creds, at).unwrap();
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
        let headers = sign_post(
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
