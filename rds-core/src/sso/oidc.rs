//! IAM Identity Center OIDC (`sso-oidc` 2019-06-10): register the page as a public client, start
//! a device authorization, and poll `CreateToken` until the user approves the code.

use super::{read_json, AccessToken, SsoCall, SsoError, SsoHost, SsoRequest};
use crate::json::python_json;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The grant `CreateToken` asks for.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The poll interval when `StartDeviceAuthorization` names none, and what `slow_down` adds.
pub const INTERVAL_SECS: u32 = 5;

/// `RegisterClient`: `POST /client/register` with `clientType: public`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterClient {
    /// The name the user's sign-in page shows.
    pub client_name: String,
}

/// The page's registration, kept in memory for the page's life. `Debug` hides the secret.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientRegistration {
    /// `clientId`.
    pub client_id: String,
    /// `clientSecret`.
    pub client_secret: String,
    /// `clientSecretExpiresAt`, epoch seconds.
    #[serde(default)]
    pub client_secret_expires_at: i64,
}

impl fmt::Debug for ClientRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRegistration")
            .field("client_id", &self.client_id)
            .field("client_secret_expires_at", &self.client_secret_expires_at)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegisterClientBody<'a> {
    client_name: &'a str,
    client_type: &'a str,
}

impl SsoCall for RegisterClient {
    type Answer = ClientRegistration;

    fn request(&self) -> SsoRequest {
        let body = RegisterClientBody {
            client_name: &self.client_name,
            client_type: "public",
        };
        post("/client/register", python_json(&body))
    }

    fn read(&self, body: &str) -> Result<ClientRegistration, SsoError> {
        read_json(body)
    }
}

/// `StartDeviceAuthorization`: `POST /device_authorization` for the team's start URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartDeviceAuthorization {
    /// The registration `RegisterClient` gave.
    pub client: ClientRegistration,
    /// The team's AWS access portal URL, e.g. `https://my-team.awsapps.com/start`.
    pub start_url: String,
}

/// The code the user approves, and how long and how often to poll for the token.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceAuthorization {
    /// `deviceCode`: what `CreateToken` sends; never shown.
    pub device_code: String,
    /// `userCode`: what the user compares in the sign-in page.
    pub user_code: String,
    /// `verificationUri`.
    pub verification_uri: String,
    /// `verificationUriComplete`: the sign-in page with the code filled in.
    pub verification_uri_complete: String,
    /// `expiresIn`, seconds.
    pub expires_in: u32,
    /// `interval`, seconds between polls.
    #[serde(default = "default_interval")]
    pub interval: u32,
}

fn default_interval() -> u32 {
    INTERVAL_SECS
}

impl fmt::Debug for DeviceAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceAuthorization")
            .field("user_code", &self.user_code)
            .field("verification_uri_complete", &self.verification_uri_complete)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartBody<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    start_url: &'a str,
}

impl SsoCall for StartDeviceAuthorization {
    type Answer = DeviceAuthorization;

    fn request(&self) -> SsoRequest {
        let body = StartBody {
            client_id: &self.client.client_id,
            client_secret: &self.client.client_secret,
            start_url: &self.start_url,
        };
        post("/device_authorization", python_json(&body))
    }

    fn read(&self, body: &str) -> Result<DeviceAuthorization, SsoError> {
        read_json(body)
    }
}

/// `CreateToken` with the device code grant: one poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateToken {
    /// The registration `RegisterClient` gave.
    pub client: ClientRegistration,
    /// The authorization being approved.
    pub device_code: String,
}

/// The signed-in user's token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// `accessToken`.
    pub access_token: AccessToken,
    /// `expiresIn`, seconds from the answer.
    pub expires_in: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenJson {
    access_token: String,
    expires_in: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenBody<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    grant_type: &'a str,
    device_code: &'a str,
}

impl SsoCall for CreateToken {
    type Answer = Token;

    fn request(&self) -> SsoRequest {
        let body = TokenBody {
            client_id: &self.client.client_id,
            client_secret: &self.client.client_secret,
            grant_type: DEVICE_CODE_GRANT,
            device_code: &self.device_code,
        };
        post("/token", python_json(&body))
    }

    fn read(&self, body: &str) -> Result<Token, SsoError> {
        let json: TokenJson = read_json(body)?;
        Ok(Token {
            access_token: AccessToken::new(json.access_token),
            expires_in: json.expires_in,
        })
    }
}

fn post(path: &str, body: String) -> SsoRequest {
    SsoRequest {
        host: SsoHost::Oidc,
        method: "POST",
        path_and_query: path.to_owned(),
        bearer: None,
        body: Some(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> ClientRegistration {
        ClientRegistration {
            client_id: "CLIENTID".into(),
            client_secret: "CLIENTSECRET".into(),
            client_secret_expires_at: 1_803_000_000,
        }
    }

    // The three requests as botocore 1.43.127 (PyPI) writes them, unsigned, captured at
    // `before-send` for the same parameters (eu-west-1): method, URL path, headers but
    // User-Agent, amz-sdk-* and Content-Length, and the body.

    #[test]
    fn register_client_matches_botocore_1_43() {
        let request = RegisterClient {
            client_name: "backtrack-console".into(),
        }
        .request();
        assert_eq!(
            request.host.origin("eu-west-1"),
            "https://oidc.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            (request.method, request.path_and_query.as_str()),
            ("POST", "/client/register")
        );
        assert_eq!(request.headers(), [("Content-Type", "application/json")]);
        assert_eq!(
            request.body.as_deref(),
            Some(r#"{"clientName": "backtrack-console", "clientType": "public"}"#)
        );
    }

    #[test]
    fn start_device_authorization_matches_botocore_1_43() {
        let request = StartDeviceAuthorization {
            client: client(),
            start_url: "https://my-team.awsapps.com/start".into(),
        }
        .request();
        assert_eq!(
            (request.method, request.path_and_query.as_str()),
            ("POST", "/device_authorization")
        );
        assert_eq!(request.headers(), [("Content-Type", "application/json")]);
        assert_eq!(
            request.body.as_deref(),
            Some(
                r#"{"clientId": "CLIENTID", "clientSecret": "CLIENTSECRET", "startUrl": "https://my-team.awsapps.com/start"}"#
            )
        );
    }

    #[test]
    fn create_token_matches_botocore_1_43() {
        let request = CreateToken {
            client: client(),
            device_code: "DEVICECODE".into(),
        }
        .request();
        assert_eq!(
            (request.method, request.path_and_query.as_str()),
            ("POST", "/token")
        );
        assert_eq!(request.headers(), [("Content-Type", "application/json")]);
        assert_eq!(
            request.body.as_deref(),
            Some(
                r#"{"clientId": "CLIENTID", "clientSecret": "CLIENTSECRET", "grantType": "urn:ietf:params:oauth:grant-type:device_code", "deviceCode": "DEVICECODE"}"#
            )
        );
    }

    #[test]
    fn answers_are_read_and_secrets_stay_out_of_debug() {
        let registration = RegisterClient {
            client_name: "x".into(),
        }
        .read(r#"{"clientId":"CID","clientSecret":"SECRET-1","clientIdIssuedAt":1,"clientSecretExpiresAt":2}"#)
        .unwrap();
        assert_eq!(registration.client_secret, "SECRET-1");
        assert!(!format!("{registration:?}").contains("SECRET-1"));

        let start = StartDeviceAuthorization {
            client: client(),
            start_url: "u".into(),
        };
        let authorization = start
            .read(r#"{"deviceCode":"DEVICE-1","userCode":"ABCD-EFGH","verificationUri":"https://device.sso.eu-west-1.amazonaws.com/","verificationUriComplete":"https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH","expiresIn":600}"#)
            .unwrap();
        assert_eq!(
            (authorization.user_code.as_str(), authorization.expires_in),
            ("ABCD-EFGH", 600)
        );
        assert_eq!(
            authorization.interval, INTERVAL_SECS,
            "no interval: the CLI's default"
        );
        assert!(!format!("{authorization:?}").contains("DEVICE-1"));

        let poll = CreateToken {
            client: client(),
            device_code: "d".into(),
        };
        let token = poll
            .read(r#"{"accessToken":"TOKEN-1","tokenType":"Bearer","expiresIn":28800}"#)
            .unwrap();
        assert_eq!(
            (token.access_token.expose(), token.expires_in),
            ("TOKEN-1", 28800)
        );
        assert!(!format!("{token:?}").contains("TOKEN-1"));
        assert!(matches!(poll.read("<html>"), Err(SsoError::Unreadable(_))));
    }
}
