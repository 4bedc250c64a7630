//! IAM Identity Center sign-in, as `aws sso login` does it (device authorization): the OIDC calls
//! that register the page and get an access token ([`oidc`]), and the portal calls that list the
//! accounts and roles the token opens and give a role's credentials ([`portal`]).
//!
//! Both services speak rest-json **unsigned**: each call is a method, a path with a query, at most
//! one header of its own and a JSON body, written byte for byte as botocore 1.43 writes them. The
//! access token opens every account the user may enter: it lives in an [`AccessToken`], whose
//! `Debug` never shows it, and goes only into the portal's `x-amz-sso_bearer_token` header.

pub mod oidc;
pub mod portal;

mod error;
mod query_string;

pub use error::SsoError;

use std::fmt;

/// The two hosts of the sign-in: `oidc.{region}.amazonaws.com` and
/// `portal.sso.{region}.amazonaws.com`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsoHost {
    /// IAM Identity Center OIDC (`sso-oidc` 2019-06-10): the device authorization and the token.
    Oidc,
    /// The AWS access portal (`sso` 2019-06-10): accounts, roles and role credentials.
    Portal,
}

impl SsoHost {
    /// Both hosts.
    pub const ALL: [Self; 2] = [Self::Oidc, Self::Portal];

    /// The host's first labels, also the `{service}` of its same-origin route.
    pub fn label(self) -> &'static str {
        match self {
            Self::Oidc => "oidc",
            Self::Portal => "portal.sso",
        }
    }

    /// `https://{label}.{region}.amazonaws.com`, without a trailing slash.
    pub fn origin(self, region: &str) -> String {
        format!("https://{}.{region}.amazonaws.com", self.label())
    }
}

/// The access token of a signed-in user. Its `Debug` shows no character of it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token `CreateToken` gave.
    pub fn new(token: String) -> Self {
        Self(token)
    }

    /// The token itself, for the one header that carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(hidden)")
    }
}

/// One request to an [`SsoHost`], as it goes on the wire (the host's region aside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoRequest {
    /// Which host answers it.
    pub host: SsoHost,
    /// `POST` (OIDC) or `GET` (portal).
    pub method: &'static str,
    /// The path and, for the portal, its query: `/assignment/roles?account_id=…`.
    pub path_and_query: String,
    /// The portal's `x-amz-sso_bearer_token`.
    pub bearer: Option<AccessToken>,
    /// The JSON body of an OIDC call, sent as `Content-Type: application/json`.
    pub body: Option<String>,
}

impl SsoRequest {
    /// The request's own headers (the browser adds `Content-Length`).
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = Vec::new();
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        if let Some(token) = &self.bearer {
            headers.push(("x-amz-sso_bearer_token", token.expose()));
        }
        headers
    }
}

/// One call of the sign-in, and how its answer is read.
pub trait SsoCall {
    /// What a successful answer is read into.
    type Answer;
    /// The request, byte for byte as botocore 1.43 writes it.
    fn request(&self) -> SsoRequest;
    /// Reads the body of a 2xx answer.
    fn read(&self, body: &str) -> Result<Self::Answer, SsoError>;
}

/// Reads a 2xx answer's JSON into `T`.
fn read_json<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, SsoError> {
    serde_json::from_str(body).map_err(|e| SsoError::Unreadable(e.to_string()))
}
