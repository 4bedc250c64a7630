//! Short-lived AWS credentials: held in memory, never printed, imported from what the AWS CLI prints.

use super::error::RdsError;
use super::time::Timestamp;
use serde::Deserialize;
use std::fmt;
use thiserror::Error;

/// An access key, its secret, the session token and when they expire.
///
/// `Debug` shows only the access key id: the secret and token never reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// `AccessKeyId`.
    pub access_key_id: String,
    /// `SecretAccessKey`.
    pub secret_access_key: String,
    /// `SessionToken`; absent for long-term keys.
    pub session_token: Option<String>,
    /// `Expiration`, when known.
    pub expires_at: Option<Timestamp>,
}

/// Why pasted text could not be read as credentials.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    /// None of the three formats was recognised.
    #[error("Paste the JSON of `aws sts assume-role`, `aws configure export-credentials`, or `export AWS_ACCESS_KEY_ID=...` lines.")]
    Unrecognised,
    /// A required field is missing.
    #[error("The pasted credentials have no {0}.")]
    Missing(&'static str),
    /// The text starts like JSON but is not JSON of either shape; serde's reason, which names
    /// a missing field or the line and column of the fault.
    #[error("The pasted JSON could not be read: {0}.")]
    Json(String),
    /// The expiry time is not ISO 8601.
    #[error("The expiry time \"{0}\" is not an ISO 8601 time.")]
    BadExpiry(String),
}

/// The credential fields of both JSON shapes the AWS CLI prints: `aws configure
/// export-credentials` at the top level, `aws sts assume-role` / `get-session-token` under
/// `Credentials`. Unknown fields are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsJson {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<String>,
}

/// `aws sts assume-role` / `get-session-token` output: the credentials under `Credentials`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsOutput {
    credentials: Option<CredentialsJson>,
}

impl Credentials {
    /// Reads the JSON of `aws sts assume-role` / `get-session-token` (`Credentials.AccessKeyId`, ...),
    /// the JSON of `aws configure export-credentials`, or `export AWS_ACCESS_KEY_ID=...` lines.
    pub fn import(text: &str) -> Result<Self, ImportError> {
        let text = text.trim();
        let [key, secret, token, expiry] = if text.starts_with('{') {
            let json = json_fields(text)?;
            [
                Some(json.access_key_id),
                Some(json.secret_access_key),
                json.session_token,
                json.expiration,
            ]
        } else if text.contains("AWS_ACCESS_KEY_ID") {
            ENV_KEYS.map(|key| env_value(text, key))
        } else {
            return Err(ImportError::Unrecognised);
        };
        let expires_at = expiry
            .filter(|e| !e.is_empty())
            .map(|e| Timestamp::parse_iso(&e).map_err(|_| ImportError::BadExpiry(e)))
            .transpose()?;
        Ok(Self {
            access_key_id: key
                .filter(|k| !k.is_empty())
                .ok_or(ImportError::Missing("access key ID"))?,
            secret_access_key: secret
                .filter(|s| !s.is_empty())
                .ok_or(ImportError::Missing("secret access key"))?,
            session_token: token.filter(|t| !t.is_empty()),
            expires_at,
        })
    }

    /// True for keys without a session token: long-term keys, which this console warns about.
    pub fn is_long_term(&self) -> bool {
        self.session_token.is_none()
    }

    /// Refuses credentials whose expiry time is at or before `now`.
    pub fn check_fresh(&self, now: Timestamp) -> Result<(), RdsError> {
        match self.expires_at {
            Some(at) if at <= now => Err(RdsError::CredentialsExpired(at.to_iso())),
            _ => Ok(()),
        }
    }
}

/// The credential fields of either JSON shape: under `Credentials` when the text has them there,
/// else at the top level.
fn json_fields(text: &str) -> Result<CredentialsJson, ImportError> {
    let unreadable = |e: serde_json::Error| ImportError::Json(e.to_string());
    match serde_json::from_str::<StsOutput>(text).map_err(unreadable)? {
        StsOutput {
            credentials: Some(fields),
        } => Ok(fields),
        StsOutput { credentials: None } => serde_json::from_str(text).map_err(unreadable),
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

const ENV_KEYS: [&str; 4] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
];

/// The value of `KEY=value` (optionally after `export ` and in quotes) in shell lines.
fn env_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let value = line.strip_prefix(key)?.strip_prefix('=')?.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Some(unquoted.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPIRY: &str = "2026-11-25T14:00:00Z";

    fn expected() -> Credentials {
        Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "se/cr+et".into(),
            session_token: Some("to\"ken".into()),
            expires_at: Some(Timestamp::parse_iso(EXPIRY).unwrap()),
        }
    }

    #[test]
    fn imports_assume_role_json() {
        let text = r#"{
    "Credentials": {
        "AccessKeyId": "ASIAEXAMPLE",
        "SecretAccessKey": "se\/cr+et",
        "SessionToken": "to\"ken",
        "Expiration": "2026-11-25T14:00:00+00:00"
    },
    "AssumedRoleUser": { "AssumedRoleId": "AROA:me", "Arn": "arn:aws:sts::1:assumed-role/r/me" }
}"#;
        assert_eq!(Credentials::import(text).unwrap(), expected());
    }

    #[test]
    fn imports_export_credentials_json() {
        let text = r#"{"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "se/cr+et", "SessionToken": "to\"ken", "Expiration": "2026-11-25T15:00:00+01:00"}"#;
        assert_eq!(Credentials::import(text).unwrap(), expected());
    }

    #[test]
    fn reads_every_json_escape_and_ignores_unknown_fields() {
        let text = r#"{"Version": 1, "Note": {"AccessKeyId": "decoy"}, "AccessKeyId": "ASIA\u0041", "SecretAccessKey": "\ud83d\udd11\b\f\n\r\t\/\\", "SessionToken": "\u00e9"}"#;
        let creds = Credentials::import(text).unwrap();
        assert_eq!(creds.access_key_id, "ASIAA");
        assert_eq!(creds.secret_access_key, "\u{1f511}\u{8}\u{c}\n\r\t/\\");
        assert_eq!(creds.session_token.as_deref(), Some("\u{e9}"));
        assert_eq!(creds.expires_at, None);
    }

    #[test]
    fn imports_export_lines() {
        let text = "export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY='se/cr+et'\n\
                    export AWS_SESSION_TOKEN=\"to\"ken\"\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-25T14:00:00Z\n";
        assert_eq!(Credentials::import(text).unwrap(), expected());
    }

    #[test]
    fn reports_what_is_missing_or_wrong() {
        assert_eq!(Credentials::import("hello"), Err(ImportError::Unrecognised));
        let missing = Credentials::import(r#"{"AccessKeyId": "A"}"#).unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("missing field `SecretAccessKey`"),
            "{missing}"
        );
        let nested = Credentials::import(
            r#"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "B"}, "AccessKeyId": "C"}"#,
        );
        assert_eq!(nested.unwrap().access_key_id, "A");
        assert_eq!(
            Credentials::import(r#"{"AccessKeyId": "", "SecretAccessKey": "B"}"#),
            Err(ImportError::Missing("access key ID"))
        );
        assert!(matches!(
            Credentials::import(r#"{"AccessKeyId": "A", "#),
            Err(ImportError::Json(_))
        ));
        assert_eq!(
            Credentials::import(
                "AWS_ACCESS_KEY_ID=A\nAWS_SECRET_ACCESS_KEY=B\nAWS_CREDENTIAL_EXPIRATION=soon"
            ),
            Err(ImportError::BadExpiry("soon".into()))
        );
    }

    #[test]
    fn long_term_keys_and_expiry_are_detected() {
        let creds =
            Credentials::import("AWS_ACCESS_KEY_ID=AKIA1\nAWS_SECRET_ACCESS_KEY=s").unwrap();
        assert!(creds.is_long_term());
        let at = Timestamp::parse_iso(EXPIRY).unwrap();
        assert!(expected().check_fresh(at.add_millis(-1)).is_ok());
        assert_eq!(
            expected().check_fresh(at),
            Err(RdsError::CredentialsExpired(EXPIRY.into()))
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        let shown = format!("{:?}", expected());
        assert!(shown.contains("ASIAEXAMPLE"));
        assert!(
            !shown.contains("se/cr+et") && !shown.contains("to\\\"ken"),
            "{shown}"
        );
    }
}
