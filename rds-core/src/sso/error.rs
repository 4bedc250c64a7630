//! What a failed sign-in call says: OIDC's `{"error", "error_description"}` (HTTP 400, 401 for
//! `invalid_client`) and the portal's `{"message"}` (401 when the token has expired, 429 when
//! calls come too fast).

use serde::Deserialize;
use thiserror::Error;

/// Why a sign-in call did not succeed; the first two only mean "poll again".
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SsoError {
    /// `authorization_pending`: the user has not approved the code yet.
    #[error("Waiting for the code to be approved in the sign-in page.")]
    AuthorizationPending,
    /// `slow_down`: poll 5 seconds less often.
    #[error("IAM Identity Center asked the page to ask less often.")]
    SlowDown,
    /// `expired_token`: the device code ran out before it was approved.
    #[error("The code expired before it was approved: start the sign-in again.")]
    ExpiredToken,
    /// `access_denied`: the user denied the request in the sign-in page.
    #[error("The sign-in was denied in the sign-in page: start again if that was a mistake.")]
    AccessDenied,
    /// The portal's 401: the access token has expired or was revoked.
    #[error("The IAM Identity Center session has ended: sign in again.")]
    Unauthorized,
    /// The portal's 429.
    #[error("IAM Identity Center is throttling requests: wait a few seconds and try again.")]
    TooManyRequests,
    /// Any other error the service named.
    #[error("IAM Identity Center refused the request (HTTP {status}, {code}): {message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// OIDC's `error`, or the portal's status name.
        code: String,
        /// `error_description` or `message`, as sent.
        message: String,
    },
    /// A 2xx answer that is not what the service sends.
    #[error("The answer was not what IAM Identity Center sends ({0}); check the route to it.")]
    Unreadable(String),
}

/// OIDC's and the portal's error bodies in one shape.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default, alias = "Message")]
    message: Option<String>,
}

impl SsoError {
    /// Reads a non-2xx answer of status `status` and body `body`.
    pub fn from_answer(status: u16, body: &str) -> Self {
        let parsed: ErrorBody = serde_json::from_str(body).unwrap_or_default();
        match (status, parsed.error.as_deref()) {
            (_, Some("authorization_pending")) => Self::AuthorizationPending,
            (_, Some("slow_down")) => Self::SlowDown,
            (_, Some("expired_token")) => Self::ExpiredToken,
            (_, Some("access_denied")) => Self::AccessDenied,
            (401, None) => Self::Unauthorized,
            (429, _) => Self::TooManyRequests,
            (_, code) => Self::Refused {
                status,
                code: code.unwrap_or("no error code").to_owned(),
                message: parsed
                    .error_description
                    .or(parsed.message)
                    .unwrap_or_else(|| "no message".to_owned()),
            },
        }
    }

    /// True when the token poll should go on (after its interval, longer for `slow_down`).
    pub fn keeps_polling(&self) -> bool {
        matches!(self, Self::AuthorizationPending | Self::SlowDown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oidc_errors_are_read_by_their_code() {
        let oidc = |code: &str| {
            SsoError::from_answer(
                400,
                &format!(r#"{{"error":"{code}","error_description":"d"}}"#),
            )
        };
        assert_eq!(
            oidc("authorization_pending"),
            SsoError::AuthorizationPending
        );
        assert_eq!(oidc("slow_down"), SsoError::SlowDown);
        assert_eq!(oidc("expired_token"), SsoError::ExpiredToken);
        assert_eq!(oidc("access_denied"), SsoError::AccessDenied);
        assert!(oidc("authorization_pending").keeps_polling() && oidc("slow_down").keeps_polling());
        assert!(!oidc("expired_token").keeps_polling());
        assert_eq!(
            SsoError::from_answer(
                401,
                r#"{"error":"invalid_client","error_description":"Client is expired"}"#
            ),
            SsoError::Refused {
                status: 401,
                code: "invalid_client".into(),
                message: "Client is expired".into()
            }
        );
    }

    #[test]
    fn portal_errors_are_read_by_their_status() {
        assert_eq!(
            SsoError::from_answer(401, r#"{"message":"Session token not found or invalid"}"#),
            SsoError::Unauthorized
        );
        assert_eq!(SsoError::from_answer(429, ""), SsoError::TooManyRequests);
        assert_eq!(
            SsoError::from_answer(502, "<html>bad gateway</html>"),
            SsoError::Refused {
                status: 502,
                code: "no error code".into(),
                message: "no message".into()
            }
        );
    }
}
