//! CORS headers: only for allowed origins, with the request headers SigV4 needs listed explicitly.

use http::header::{self, HeaderMap, HeaderValue};
use std::sync::LazyLock;

/// The request headers the proxy accepts and forwards: exactly those SigV4 needs, and what
/// CloudWatch's JSON protocol adds (and signs): `x-amz-target`, naming the operation, and
/// `x-amzn-query-mode`.
pub const FORWARDED_REQUEST_HEADERS: [&str; 6] = [
    "authorization",
    "content-type",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-target",
    "x-amzn-query-mode",
];

/// The request headers of IAM Identity Center's calls: the JSON body's type and the portal's
/// access token (forwarded only to the sign-in's paths).
pub const SIGN_IN_REQUEST_HEADERS: [&str; 2] = ["content-type", "x-amz-sso_bearer_token"];

/// The response headers the proxy passes back to the page.
pub const PASSED_RESPONSE_HEADERS: [&str; 3] = ["content-type", "x-amzn-requestid", "date"];

/// Set on the proxy's own refusals so the console can tell them from RDS's answers (the core
/// defines it, so the console and the proxy spell it once).
pub use rds_core::answer::PROXY_REFUSAL_HEADER as REFUSAL_HEADER;

/// `Access-Control-Expose-Headers`: what the page reads of an answer besides its body.
static EXPOSED: LazyLock<HeaderValue> = LazyLock::new(|| {
    HeaderValue::from_str(&format!("x-amzn-RequestId, Date, {REFUSAL_HEADER}"))
        .expect("header names are visible ASCII")
});

/// `Access-Control-Allow-Headers`: [`FORWARDED_REQUEST_HEADERS`] and the bearer token.
static ALLOWED: LazyLock<HeaderValue> = LazyLock::new(|| {
    let mut names = FORWARDED_REQUEST_HEADERS.to_vec();
    names.push(SIGN_IN_REQUEST_HEADERS[1]);
    HeaderValue::from_str(&names.join(", ")).expect("header names are visible ASCII")
});

/// Adds the headers every answer to an allowed origin carries.
pub fn add_response_headers(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED.clone());
}

/// Adds the headers of an answer to a preflight from an allowed origin.
pub fn add_preflight_headers(headers: &mut HeaderMap, origin: &HeaderValue) {
    add_response_headers(headers, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, GET"),
    );
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED.clone());
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
}
