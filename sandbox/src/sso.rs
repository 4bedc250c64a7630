//! IAM Identity Center for the sandbox: OIDC's device authorization (`POST /client/register`,
//! `/device_authorization`, `/token`) and the access portal (`GET /assignment/accounts`,
//! `/assignment/roles`, `/federation/credentials`), with AWS's error bodies. A code is approved,
//! denied, slowed down or expired through `POST /_sandbox/sso/{user_code}/{action}` (what the user
//! does in the real sign-in page). Role credentials are minted per call and accepted by the
//! sandbox's RDS, STS and CloudWatch until they expire.

use crate::config::{CredentialSet, SsoConfig, SSO_USER};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// An answer: the HTTP status and the JSON body.
pub(crate) type Reply = (u16, Value);

/// What the user did with a device code in the sign-in page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Approval {
    Pending,
    Approved,
    Denied,
}

#[derive(Debug)]
struct Device {
    client_id: String,
    user_code: String,
    expires_ms: i64,
    approval: Approval,
    /// The next poll answers `slow_down`.
    slow_down: bool,
}

/// Minted role credentials and when they expire.
#[derive(Debug)]
struct Minted {
    credentials: CredentialSet,
    expires_ms: i64,
}

/// Registered clients, device codes, access tokens and the role credentials minted from them.
#[derive(Debug, Default)]
pub(crate) struct SsoWorld {
    clients: HashMap<String, String>,
    devices: HashMap<String, Device>,
    tokens: HashMap<String, i64>,
    minted: Vec<Minted>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RegisterBody {
    client_name: String,
    client_type: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartBody {
    client_id: String,
    client_secret: String,
    start_url: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenBody {
    client_id: String,
    client_secret: String,
    grant_type: String,
    device_code: String,
}

/// OIDC's error body.
fn oidc_error(status: u16, error: &str, description: &str) -> Reply {
    (
        status,
        json!({ "error": error, "error_description": description }),
    )
}

/// The portal's 401.
fn unauthorized() -> Reply {
    (
        401,
        json!({ "message": "Session token not found or invalid" }),
    )
}

fn random() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Eight letters as `ABCD-EFGH`, from a random id.
fn user_code() -> String {
    let letters: String = uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .take(8)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    format!("{}-{}", &letters[..4], &letters[4..])
}

fn read<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reply> {
    serde_json::from_slice(body)
        .map_err(|e| oidc_error(400, "invalid_request", &format!("Invalid request: {e}")))
}

impl SsoWorld {
    /// `RegisterClient`.
    pub(crate) fn register(&mut self, body: &[u8], now_ms: i64) -> Reply {
        let body: RegisterBody = match read(body) {
            Ok(body) => body,
            Err(reply) => return reply,
        };
        if body.client_type != "public" || body.client_name.is_empty() {
            return oidc_error(400, "invalid_client_metadata", "Invalid client metadata");
        }
        let (id, secret) = (random(), random());
        self.clients.insert(id.clone(), secret.clone());
        let issued = now_ms / 1000;
        (
            200,
            json!({
                "clientId": id,
                "clientSecret": secret,
                "clientIdIssuedAt": issued,
                "clientSecretExpiresAt": issued + 90 * 24 * 3600,
            }),
        )
    }

    fn known_client(&self, id: &str, secret: &str) -> bool {
        self.clients.get(id).is_some_and(|s| s == secret)
    }

    /// `StartDeviceAuthorization`; the verification page is served under `origin`.
    pub(crate) fn start(
        &mut self,
        config: &SsoConfig,
        origin: &str,
        body: &[u8],
        now_ms: i64,
    ) -> Reply {
        let body: StartBody = match read(body) {
            Ok(body) => body,
            Err(reply) => return reply,
        };
        if !self.known_client(&body.client_id, &body.client_secret) {
            return oidc_error(401, "invalid_client", "Invalid client");
        }
        if body.start_url != config.start_url {
            return oidc_error(400, "invalid_request", "Invalid start url");
        }
        let (device_code, code) = (random(), user_code());
        let lifetime = config.code_lifetime.as_secs();
        self.devices.insert(
            device_code.clone(),
            Device {
                client_id: body.client_id,
                user_code: code.clone(),
                expires_ms: now_ms + i64::try_from(lifetime).unwrap_or(i64::MAX) * 1000,
                approval: Approval::Pending,
                slow_down: false,
            },
        );
        let verify = format!("{origin}/_sandbox/sso/verify");
        (
            200,
            json!({
                "deviceCode": device_code,
                "userCode": code,
                "verificationUri": verify,
                "verificationUriComplete": format!("{verify}?user_code={code}"),
                "expiresIn": lifetime,
                "interval": config.interval_secs,
            }),
        )
    }

    /// `CreateToken`, one poll.
    pub(crate) fn token(&mut self, config: &SsoConfig, body: &[u8], now_ms: i64) -> Reply {
        let body: TokenBody = match read(body) {
            Ok(body) => body,
            Err(reply) => return reply,
        };
        if !self.known_client(&body.client_id, &body.client_secret) {
            return oidc_error(401, "invalid_client", "Invalid client");
        }
        if body.grant_type != "urn:ietf:params:oauth:grant-type:device_code" {
            return oidc_error(400, "unsupported_grant_type", "Unsupported grant type");
        }
        let Some(device) = self
            .devices
            .get_mut(&body.device_code)
            .filter(|d| d.client_id == body.client_id)
        else {
            return oidc_error(400, "invalid_grant", "Invalid grant provided");
        };
        if now_ms >= device.expires_ms {
            return oidc_error(400, "expired_token", "Device code has expired");
        }
        if std::mem::take(&mut device.slow_down) {
            return oidc_error(400, "slow_down", "Client is polling too fast");
        }
        match device.approval {
            Approval::Pending => oidc_error(
                400,
                "authorization_pending",
                "Authorization is still pending",
            ),
            Approval::Denied => oidc_error(400, "access_denied", "Access denied"),
            Approval::Approved => {
                self.devices.remove(&body.device_code);
                let token = random();
                let lifetime = config.token_lifetime.as_secs();
                let lifetime_ms = i64::try_from(lifetime).unwrap_or(i64::MAX) * 1000;
                self.tokens.insert(token.clone(), now_ms + lifetime_ms);
                (
                    200,
                    json!({ "accessToken": token, "tokenType": "Bearer", "expiresIn": lifetime }),
                )
            }
        }
    }

    /// What the user does in the sign-in page: `approve`, `deny`, `slow-down` (the next poll
    /// answers `slow_down`) or `expire` (the code runs out now).
    pub(crate) fn act(&mut self, user_code: &str, action: &str, now_ms: i64) -> Reply {
        let Some(device) = self.devices.values_mut().find(|d| d.user_code == user_code) else {
            return (
                404,
                json!({ "message": format!("no device code {user_code}") }),
            );
        };
        match action {
            "approve" => device.approval = Approval::Approved,
            "deny" => device.approval = Approval::Denied,
            "slow-down" => device.slow_down = true,
            "expire" => device.expires_ms = now_ms,
            _ => {
                return (
                    404,
                    json!({ "message": "the actions are approve, deny, slow-down and expire" }),
                )
            }
        }
        (200, json!({ "userCode": user_code, "action": action }))
    }

    fn signed_in(&self, token: Option<&str>, now_ms: i64) -> bool {
        token
            .and_then(|t| self.tokens.get(t))
            .is_some_and(|expires| now_ms < *expires)
    }

    /// The portal's calls, by `path`, for the holder of `token` (401 without a live one): the
    /// call's name (`ListAccounts`, `ListAccountRoles`, `GetRoleCredentials`) and its answer.
    pub(crate) fn portal(
        &mut self,
        config: &SsoConfig,
        path: &str,
        token: Option<&str>,
        query: &HashMap<String, String>,
        now_ms: i64,
    ) -> (&'static str, Reply) {
        let name = match path {
            "/assignment/accounts" => "ListAccounts",
            "/assignment/roles" => "ListAccountRoles",
            _ => "GetRoleCredentials",
        };
        if !self.signed_in(token, now_ms) {
            return (name, unauthorized());
        }
        let reply = match name {
            "ListAccounts" => accounts(config, query),
            "ListAccountRoles" => roles(config, query),
            _ => self.credentials(config, query, now_ms),
        };
        (name, reply)
    }

    /// `GetRoleCredentials`: new credentials for the role, valid for
    /// [`SsoConfig::credentials_lifetime`].
    fn credentials(
        &mut self,
        config: &SsoConfig,
        query: &HashMap<String, String>,
        now_ms: i64,
    ) -> Reply {
        let wanted = (query.get("account_id"), query.get("role_name"));
        let Some((account, role)) = config.accounts.iter().find_map(|a| {
            let role = a.roles.iter().find(|r| Some(*r) == wanted.1)?;
            (Some(&a.id) == wanted.0).then_some((a, role))
        }) else {
            return (
                403,
                json!({ "message": "No access", "__type": "ForbiddenException" }),
            );
        };
        let lifetime = i64::try_from(config.credentials_lifetime.as_millis()).unwrap_or(i64::MAX);
        let key = format!("ASIASSO{}", &random()[..13].to_ascii_uppercase());
        let credentials = CredentialSet {
            access_key_id: key,
            secret_access_key: random(),
            session_token: Some(random()),
            expired: false,
            arn: Some(format!(
                "arn:aws:sts::{}:assumed-role/AWSReservedSSO_{role}_0123456789abcdef/{SSO_USER}",
                account.id
            )),
            refused: Vec::new(),
        };
        let expires_ms = now_ms + lifetime;
        let reply = json!({ "roleCredentials": {
            "accessKeyId": credentials.access_key_id,
            "secretAccessKey": credentials.secret_access_key,
            "sessionToken": credentials.session_token,
            "expiration": expires_ms,
        }});
        self.minted.push(Minted {
            credentials,
            expires_ms,
        });
        (200, reply)
    }

    /// The role credentials minted so far, those past their expiry marked expired.
    pub(crate) fn credential_sets(&self, now_ms: i64) -> impl Iterator<Item = CredentialSet> + '_ {
        self.minted.iter().map(move |m| CredentialSet {
            expired: now_ms >= m.expires_ms,
            ..m.credentials.clone()
        })
    }
}

/// `ListAccounts`.
fn accounts(config: &SsoConfig, query: &HashMap<String, String>) -> Reply {
    let accounts: Vec<Value> = config
        .accounts
        .iter()
        .map(|a| {
            json!({
                "accountId": a.id,
                "accountName": a.name,
                "emailAddress": format!("aws-{}@example.com", a.name),
            })
        })
        .collect();
    page(config, "accountList", &accounts, query)
}

/// `ListAccountRoles`.
fn roles(config: &SsoConfig, query: &HashMap<String, String>) -> Reply {
    let Some(account) = query
        .get("account_id")
        .and_then(|id| config.accounts.iter().find(|a| &a.id == id))
    else {
        return (
            404,
            json!({ "message": "No access", "__type": "ResourceNotFoundException" }),
        );
    };
    let roles: Vec<Value> = account
        .roles
        .iter()
        .map(|r| json!({ "roleName": r, "accountId": account.id }))
        .collect();
    page(config, "roleList", &roles, query)
}

/// One page of `items` under `key`, from the `next_token` (an offset) for at most `max_result`
/// items (and the sandbox's page size).
fn page(config: &SsoConfig, key: &str, items: &[Value], query: &HashMap<String, String>) -> Reply {
    let start: usize = match query.get("next_token").map(|t| t.parse()) {
        None => 0,
        Some(Ok(start)) if start <= items.len() => start,
        Some(_) => {
            return (
                400,
                json!({ "message": "Invalid next token", "__type": "InvalidRequestException" }),
            )
        }
    };
    let asked = query
        .get("max_result")
        .and_then(|m| m.parse::<usize>().ok())
        .filter(|m| (1..=100).contains(m))
        .unwrap_or(100);
    let end = (start + asked.min(config.page_size.max(1))).min(items.len());
    let mut body = json!({ key: items[start..end] });
    if end < items.len() {
        body["nextToken"] = json!(end.to_string());
    }
    (200, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registers, starts and returns (client id, secret, device code, user code).
    fn started(world: &mut SsoWorld, config: &SsoConfig) -> (String, String, String, String) {
        let (_, client) = world.register(br#"{"clientName": "t", "clientType": "public"}"#, 0);
        let (id, secret) = (
            client["clientId"].as_str().unwrap().to_owned(),
            client["clientSecret"].as_str().unwrap().to_owned(),
        );
        let start = json!({ "clientId": id, "clientSecret": secret, "startUrl": config.start_url });
        let (status, device) =
            world.start(config, "http://sandbox", start.to_string().as_bytes(), 0);
        assert_eq!(status, 200, "{device}");
        assert_eq!(device["interval"], 1);
        (
            id,
            secret,
            device["deviceCode"].as_str().unwrap().to_owned(),
            device["userCode"].as_str().unwrap().to_owned(),
        )
    }

    fn poll(
        world: &mut SsoWorld,
        config: &SsoConfig,
        ids: &(String, String, String, String),
        now: i64,
    ) -> Reply {
        let body = json!({ "clientId": ids.0, "clientSecret": ids.1, "grantType": "urn:ietf:params:oauth:grant-type:device_code", "deviceCode": ids.2 });
        world.token(config, body.to_string().as_bytes(), now)
    }

    #[test]
    fn a_code_is_pending_then_slowed_then_approved_once() {
        let (mut world, config) = (SsoWorld::default(), SsoConfig::new());
        let ids = started(&mut world, &config);
        assert_eq!(
            poll(&mut world, &config, &ids, 1).1["error"],
            "authorization_pending"
        );
        world.act(&ids.3, "slow-down", 1);
        assert_eq!(poll(&mut world, &config, &ids, 2).1["error"], "slow_down");
        assert_eq!(
            poll(&mut world, &config, &ids, 3).1["error"],
            "authorization_pending"
        );
        assert_eq!(world.act(&ids.3, "approve", 4).0, 200);
        let (status, token) = poll(&mut world, &config, &ids, 5);
        assert_eq!(status, 200);
        assert!(token["accessToken"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(
            poll(&mut world, &config, &ids, 6).1["error"],
            "invalid_grant",
            "a code gives one token"
        );
    }
}
