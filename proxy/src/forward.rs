//! The upstream call: only SigV4's headers (or the sign-in's) and the body, `Host` set to the
//! target, no redirects.

use crate::cors::{FORWARDED_REQUEST_HEADERS, PASSED_RESPONSE_HEADERS, SIGN_IN_REQUEST_HEADERS};
use crate::target::Call;
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use std::time::Duration;

/// The most bytes read from an upstream answer.
const MAX_UPSTREAM_BODY: usize = 4 * 1024 * 1024;

/// The HTTP client used for every upstream call.
pub type Client = reqwest::Client;

/// Builds the upstream client: rustls, no redirects, no environment proxies, time-limited.
pub fn client(timeout: Duration) -> reqwest::Result<Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .pool_max_idle_per_host(256)
        .build()
}

/// What the upstream answered, reduced to what may pass.
#[derive(Debug)]
pub struct Upstream {
    /// Its status.
    pub status: StatusCode,
    /// Only the headers of [`PASSED_RESPONSE_HEADERS`].
    pub headers: HeaderMap,
    /// Its body.
    pub body: Bytes,
}

/// Why the upstream gave no usable answer.
#[derive(Debug)]
pub enum ForwardError {
    /// It took longer than the upstream time limit.
    Timeout,
    /// It answered with a redirect, which is never followed.
    Redirect(StatusCode),
    /// Its answer was larger than the proxy passes on.
    TooLarge,
    /// It could not be reached.
    Unreachable(String),
}

/// Sends `body` to `call`'s URL by `method` with the headers of `incoming` that `call` takes:
/// SigV4's for the signed APIs, `content-type` and the bearer token for the sign-in.
pub async fn forward(
    client: &Client,
    call: &Call,
    method: &Method,
    incoming: &HeaderMap,
    body: Bytes,
) -> Result<Upstream, ForwardError> {
    let mut request = client.request(method.clone(), call.url());
    if *method != Method::GET {
        request = request.body(body);
    }
    let names: &[&str] = if call.is_sign_in() {
        &SIGN_IN_REQUEST_HEADERS
    } else {
        &FORWARDED_REQUEST_HEADERS
    };
    for &name in names {
        for value in incoming.get_all(name) {
            request = request.header(name, value);
        }
    }
    let mut response = request.send().await.map_err(classify)?;
    let status = response.status();
    if status.is_redirection() {
        return Err(ForwardError::Redirect(status));
    }
    let mut headers = HeaderMap::new();
    for name in PASSED_RESPONSE_HEADERS {
        if let Some(value) = response.headers().get(name) {
            headers.insert(name, value.clone());
        }
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > MAX_UPSTREAM_BODY {
            return Err(ForwardError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Upstream {
        status,
        headers,
        body: body.into(),
    })
}

fn classify(error: reqwest::Error) -> ForwardError {
    if error.is_timeout() {
        ForwardError::Timeout
    } else {
        ForwardError::Unreachable(error.without_url().to_string())
    }
}
