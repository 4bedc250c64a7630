//! SigV4 verification written from the specification, independently of the console's signer.
//!
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html>: canonical request,
//! string to sign, signing key by HMAC-SHA256 chain, signature compared in constant time.

use crate::config::CredentialSet;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The signing algorithm SigV4 names.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// How far a request's `X-Amz-Date` may be from the server's clock, in seconds.
pub const MAX_SKEW_SECS: i64 = 5 * 60;

/// The parts of an HTTP request that SigV4 covers.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path, as sent.
    pub path: &'a str,
    /// The query string without `?`, as sent.
    pub query: &'a str,
    /// Header names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: &'a [u8],
}

/// Why a request was not authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authorization` header.
    Missing,
    /// The header is not SigV4 or lacks a part.
    Malformed(String),
    /// The access key id is unknown.
    UnknownKey,
    /// The session token is missing or wrong.
    BadToken,
    /// The session token has expired.
    ExpiredToken,
    /// `X-Amz-Date` is more than 5 minutes before the server's time.
    Expired {
        /// The request's time (`YYYYMMDDTHHMMSSZ`).
        request_time: String,
        /// The server's time.
        server_time: String,
    },
    /// `X-Amz-Date` is more than 5 minutes after the server's time.
    NotYetCurrent {
        /// The request's time.
        request_time: String,
        /// The server's time.
        server_time: String,
    },
    /// The signature does not match (wrong secret, or the request was altered).
    Mismatch,
}

/// The fields of an `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id.
    pub access_key_id: String,
    /// `YYYYMMDD` of the credential scope.
    pub date: String,
    /// The region of the scope.
    pub region: String,
    /// The service of the scope.
    pub service: String,
    /// Lower-case names of the signed headers, in order.
    pub signed_headers: Vec<String>,
    /// The hex signature.
    pub signature: String,
}

impl Authorization {
    /// Parses the header value.
    pub fn parse(value: &str) -> Result<Self, AuthFailure> {
        let malformed = |why: &str| AuthFailure::Malformed(why.to_owned());
        let rest = value
            .strip_prefix(ALGORITHM)
            .ok_or_else(|| malformed("the algorithm is not AWS4-HMAC-SHA256"))?;
        let (mut credential, mut signed, mut signature) = (None, None, None);
        for part in rest.split(',') {
            match part.trim().split_once('=') {
                Some(("Credential", v)) => credential = Some(v),
                Some(("SignedHeaders", v)) => signed = Some(v),
                Some(("Signature", v)) => signature = Some(v),
                _ => return Err(malformed("unexpected part in Authorization")),
            }
        }
        let credential = credential.ok_or_else(|| malformed("no Credential"))?;
        let scope: Vec<&str> = credential.split('/').collect();
        let [key, date, region, service, "aws4_request"] = scope[..] else {
            return Err(malformed(
                "the credential scope is not key/date/region/service/aws4_request",
            ));
        };
        Ok(Self {
            access_key_id: key.to_owned(),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            signed_headers: signed
                .ok_or_else(|| malformed("no SignedHeaders"))?
                .split(';')
                .map(str::to_owned)
                .collect(),
            signature: signature
                .ok_or_else(|| malformed("no Signature"))?
                .to_owned(),
        })
    }
}

/// Checks `request` against `known` credentials at server time `server_now` (Unix seconds);
/// returns the parsed `Authorization` (for its scope) of the credentials that signed it.
pub fn verify(
    request: &Request<'_>,
    known: &[CredentialSet],
    server_now: i64,
) -> Result<Authorization, AuthFailure> {
    let auth = Authorization::parse(header(request, "authorization").ok_or(AuthFailure::Missing)?)?;
    let creds = known
        .iter()
        .find(|c| c.access_key_id == auth.access_key_id)
        .ok_or(AuthFailure::UnknownKey)?;
    if let Some(token) = &creds.session_token {
        if header(request, "x-amz-security-token") != Some(token.as_str()) {
            return Err(AuthFailure::BadToken);
        }
        if creds.expired {
            return Err(AuthFailure::ExpiredToken);
        }
    }
    for required in ["host", "x-amz-date"] {
        if !auth.signed_headers.iter().any(|h| h == required) {
            return Err(AuthFailure::Malformed(format!("{required} is not signed")));
        }
    }
    let amz_date =
        header(request, "x-amz-date").ok_or(AuthFailure::Malformed("no X-Amz-Date".into()))?;
    let request_time =
        parse_amz_date(amz_date).ok_or(AuthFailure::Malformed("bad X-Amz-Date".into()))?;
    let times = || (amz_date.to_owned(), format_amz_date(server_now));
    if request_time < server_now - MAX_SKEW_SECS {
        let (request_time, server_time) = times();
        return Err(AuthFailure::Expired {
            request_time,
            server_time,
        });
    }
    if request_time > server_now + MAX_SKEW_SECS {
        let (request_time, server_time) = times();
        return Err(AuthFailure::NotYetCurrent {
            request_time,
            server_time,
        });
    }
    if !amz_date.starts_with(&auth.date) {
        return Err(AuthFailure::Mismatch);
    }
    let canonical = canonical_request(request, &auth.signed_headers);
    let to_sign = string_to_sign(amz_date, &auth, &canonical);
    let key = signing_key(
        &creds.secret_access_key,
        &auth.date,
        &auth.region,
        &auth.service,
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(to_sign.as_bytes());
    let expected = hex::decode(&auth.signature).map_err(|_| AuthFailure::Mismatch)?;
    mac.verify_slice(&expected)
        .map_err(|_| AuthFailure::Mismatch)?;
    Ok(auth)
}

/// The canonical request over `signed_headers`.
pub fn canonical_request(request: &Request<'_>, signed_headers: &[String]) -> String {
    let headers: String = signed_headers
        .iter()
        .map(|name| {
            let values: Vec<String> = request
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            format!("{name}:{}\n", values.join(","))
        })
        .collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_uri(request.path),
        canonical_query(request.query),
        headers,
        signed_headers.join(";"),
        hex::encode(Sha256::digest(request.body)),
    )
}

/// The string to sign for `canonical` under `auth`'s scope.
pub fn string_to_sign(amz_date: &str, auth: &Authorization, canonical: &str) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{}/{}/{}/aws4_request\n{}",
        auth.date,
        auth.region,
        auth.service,
        hex::encode(Sha256::digest(canonical.as_bytes()))
    )
}

/// The SigV4 signing key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    [date, region, service, "aws4_request"]
        .iter()
        .fold(format!("AWS4{secret}").into_bytes(), |key, part| {
            hmac(&key, part.as_bytes())
        })
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn header<'r>(request: &'r Request<'_>, name: &str) -> Option<&'r str> {
    request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Normalised path (`.` and `..` segments resolved, empty segments kept as RDS does), each
/// segment URI-encoded.
fn canonical_uri(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let encoded: Vec<String> = segments
        .iter()
        .map(|s| uri_encode(&percent_decode(s)))
        .collect();
    format!("/{}", encoded.join("/"))
}

/// Query parameters decoded, re-encoded and sorted by name then value.
fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                uri_encode(&percent_decode(k)),
                uri_encode(&percent_decode(v)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn uri_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `YYYYMMDDTHHMMSSZ` into Unix seconds.
pub fn parse_amz_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 16
        || b[8] != b'T'
        || b[15] != b'Z'
        || !s[..8]
            .bytes()
            .chain(s[9..15].bytes())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    );
    aws_smithy_types::DateTime::from_str(&iso, aws_smithy_types::date_time::Format::DateTime)
        .ok()
        .map(|t| t.secs())
}

/// Formats Unix seconds as `YYYYMMDDTHHMMSSZ`.
pub fn format_amz_date(secs: i64) -> String {
    let iso = crate::xml::iso(secs * 1000);
    iso.replace(['-', ':'], "")
}
