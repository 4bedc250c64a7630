//! The AWS access portal (`sso` 2019-06-10): the accounts and roles an access token opens, a page
//! at a time, and a role's short-lived credentials (the same [`Credentials`] a paste gives).

use super::{query_string, read_json, AccessToken, SsoCall, SsoError, SsoHost, SsoRequest};
use crate::credentials::Credentials;
use crate::time::Timestamp;
use serde::Deserialize;

/// The most `max_result` may ask for (the model allows 1 to 100).
pub const MAX_RESULT: u32 = 100;

/// `ListAccounts`: `GET /assignment/accounts`, one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAccounts {
    /// The signed-in user's token.
    pub token: AccessToken,
    /// The previous page's `nextToken`.
    pub next_token: Option<String>,
}

/// One account the token opens.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// `accountId`, twelve digits.
    pub account_id: String,
    /// `accountName`.
    #[serde(default)]
    pub account_name: String,
    /// `emailAddress`.
    #[serde(default)]
    pub email_address: String,
}

/// A page of accounts.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountPage {
    /// `accountList`.
    #[serde(default)]
    pub account_list: Vec<Account>,
    /// `nextToken`, when there are more.
    #[serde(default)]
    pub next_token: Option<String>,
}

impl SsoCall for ListAccounts {
    type Answer = AccountPage;

    fn request(&self) -> SsoRequest {
        let max = MAX_RESULT.to_string();
        let pairs = [
            ("max_result", Some(max.as_str())),
            ("next_token", self.next_token.as_deref()),
        ];
        get(
            &self.token,
            query_string::path_with_query("/assignment/accounts", &pairs),
        )
    }

    fn read(&self, body: &str) -> Result<AccountPage, SsoError> {
        read_json(body)
    }
}

/// `ListAccountRoles`: `GET /assignment/roles` for one account, one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAccountRoles {
    /// The signed-in user's token.
    pub token: AccessToken,
    /// The account chosen.
    pub account_id: String,
    /// The previous page's `nextToken`.
    pub next_token: Option<String>,
}

/// One role the user may take in an account.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// `roleName`.
    pub role_name: String,
    /// `accountId`.
    #[serde(default)]
    pub account_id: String,
}

/// A page of roles.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePage {
    /// `roleList`.
    #[serde(default)]
    pub role_list: Vec<Role>,
    /// `nextToken`, when there are more.
    #[serde(default)]
    pub next_token: Option<String>,
}

impl SsoCall for ListAccountRoles {
    type Answer = RolePage;

    fn request(&self) -> SsoRequest {
        let max = MAX_RESULT.to_string();
        let pairs = [
            ("account_id", Some(self.account_id.as_str())),
            ("max_result", Some(max.as_str())),
            ("next_token", self.next_token.as_deref()),
        ];
        get(
            &self.token,
            query_string::path_with_query("/assignment/roles", &pairs),
        )
    }

    fn read(&self, body: &str) -> Result<RolePage, SsoError> {
        read_json(body)
    }
}

/// `GetRoleCredentials`: `GET /federation/credentials` for a role in an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetRoleCredentials {
    /// The signed-in user's token.
    pub token: AccessToken,
    /// The role chosen.
    pub role_name: String,
    /// Its account.
    pub account_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentialsJson {
    role_credentials: RoleCredentials,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    /// Epoch **milliseconds**.
    expiration: i64,
}

impl SsoCall for GetRoleCredentials {
    type Answer = Credentials;

    fn request(&self) -> SsoRequest {
        let pairs = [
            ("role_name", Some(self.role_name.as_str())),
            ("account_id", Some(self.account_id.as_str())),
        ];
        get(
            &self.token,
            query_string::path_with_query("/federation/credentials", &pairs),
        )
    }

    fn read(&self, body: &str) -> Result<Credentials, SsoError> {
        let RoleCredentialsJson {
            role_credentials: c,
        } = read_json(body)?;
        Ok(Credentials {
            access_key_id: c.access_key_id,
            secret_access_key: c.secret_access_key,
            session_token: Some(c.session_token),
            expires_at: Some(Timestamp::from_millis(c.expiration)),
        })
    }
}

fn get(token: &AccessToken, path_and_query: String) -> SsoRequest {
    SsoRequest {
        host: SsoHost::Portal,
        method: "GET",
        path_and_query,
        bearer: Some(token.clone()),
        body: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> AccessToken {
        AccessToken::new("ACCESSTOKEN".into())
    }

    // The requests as botocore 1.43.127 (PyPI) writes them, unsigned, captured at `before-send`
    // (eu-west-1), with the parameters in the order the AWS CLI passes them (a paginator adds
    // `nextToken` last): method, URL path and query, headers but User-Agent and amz-sdk-*.

    fn assert_get(request: &SsoRequest, path_and_query: &str) {
        assert_eq!(
            request.host.origin("eu-west-1"),
            "https://portal.sso.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            (request.method, request.path_and_query.as_str()),
            ("GET", path_and_query)
        );
        assert_eq!(
            request.headers(),
            [("x-amz-sso_bearer_token", "ACCESSTOKEN")]
        );
        assert_eq!(request.body, None);
    }

    #[test]
    fn list_accounts_matches_botocore_1_43() {
        let mut call = ListAccounts {
            token: token(),
            next_token: None,
        };
        assert_get(&call.request(), "/assignment/accounts?max_result=100");
        call.next_token = Some("NEXT/TOKEN+=".into());
        assert_get(
            &call.request(),
            "/assignment/accounts?max_result=100&next_token=NEXT%2FTOKEN%2B%3D",
        );
    }

    #[test]
    fn list_account_roles_matches_botocore_1_43() {
        let mut call = ListAccountRoles {
            token: token(),
            account_id: "111122223333".into(),
            next_token: None,
        };
        assert_get(
            &call.request(),
            "/assignment/roles?account_id=111122223333&max_result=100",
        );
        call.next_token = Some("NEXT/TOKEN+=".into());
        assert_get(
            &call.request(),
            "/assignment/roles?account_id=111122223333&max_result=100&next_token=NEXT%2FTOKEN%2B%3D",
        );
    }

    #[test]
    fn get_role_credentials_matches_botocore_1_43() {
        let call = GetRoleCredentials {
            token: token(),
            role_name: "DBA Admin+ops".into(),
            account_id: "111122223333".into(),
        };
        assert_get(
            &call.request(),
            "/federation/credentials?role_name=DBA%20Admin%2Bops&account_id=111122223333",
        );
    }

    #[test]
    fn pages_and_credentials_are_read() {
        let accounts = ListAccounts {
            token: token(),
            next_token: None,
        }
        .read(r#"{"nextToken":"n2","accountList":[{"accountId":"111122223333","accountName":"prod","emailAddress":"aws-prod@example.com"}]}"#)
        .unwrap();
        assert_eq!(accounts.account_list[0].account_name, "prod");
        assert_eq!(accounts.next_token.as_deref(), Some("n2"));

        let roles = ListAccountRoles {
            token: token(),
            account_id: "111122223333".into(),
            next_token: None,
        }
        .read(r#"{"roleList":[{"roleName":"DBA","accountId":"111122223333"}]}"#)
        .unwrap();
        assert_eq!(
            (roles.role_list[0].role_name.as_str(), roles.next_token),
            ("DBA", None)
        );

        let credentials = GetRoleCredentials {
            token: token(),
            role_name: "DBA".into(),
            account_id: "111122223333".into(),
        }
        .read(r#"{"roleCredentials":{"accessKeyId":"ASIAEXAMPLE","secretAccessKey":"s","sessionToken":"t","expiration":1795615200000}}"#)
        .unwrap();
        assert_eq!(credentials.access_key_id, "ASIAEXAMPLE");
        assert_eq!(credentials.session_token.as_deref(), Some("t"));
        assert_eq!(
            credentials.expires_at.map(Timestamp::to_iso).as_deref(),
            Some("2026-11-25T14:00:00Z"),
            "expiration is epoch milliseconds"
        );
    }
}
