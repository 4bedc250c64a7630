//! Everything that can go wrong talking to RDS, each with the hint the console shows the user.

use std::fmt;
use thiserror::Error;

/// An RDS error code the console handles by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// `DBClusterNotFoundFault`.
    DbClusterNotFound,
    /// `InvalidDBClusterStateFault`.
    InvalidDbClusterState,
    /// `DBClusterBacktrackNotFoundFault`.
    DbClusterBacktrackNotFound,
    /// `InvalidParameterValue`.
    InvalidParameterValue,
    /// `InvalidParameterCombination`.
    InvalidParameterCombination,
    /// `SignatureDoesNotMatch` for a wrong secret.
    SignatureDoesNotMatch,
    /// `SignatureDoesNotMatch` with "Signature expired": the clock is more than 5 minutes off.
    SignatureExpired,
    /// `InvalidClientTokenId`.
    InvalidClientTokenId,
    /// `ExpiredToken`.
    ExpiredToken,
    /// `AccessDenied`.
    AccessDenied,
    /// `Throttling`.
    Throttling,
    /// `RequestTimeTooSkewed`.
    RequestTimeTooSkewed,
    /// `InternalFailure`.
    InternalFailure,
    /// `ServiceUnavailable`.
    ServiceUnavailable,
    /// Any other code, shown as it came.
    Other,
}

impl ErrorCode {
    /// Classifies a code (and, for signature errors, the message) from an error response.
    pub fn classify(code: &str, message: &str) -> Self {
        match code {
            "DBClusterNotFoundFault" => Self::DbClusterNotFound,
            "InvalidDBClusterStateFault" => Self::InvalidDbClusterState,
            "DBClusterBacktrackNotFoundFault" => Self::DbClusterBacktrackNotFound,
            "InvalidParameterValue" => Self::InvalidParameterValue,
            "InvalidParameterCombination" => Self::InvalidParameterCombination,
            "SignatureDoesNotMatch"
                if message.contains("Signature expired")
                    || message.contains("Signature not yet current") =>
            {
                Self::SignatureExpired
            }
            "SignatureDoesNotMatch" => Self::SignatureDoesNotMatch,
            "InvalidClientTokenId" => Self::InvalidClientTokenId,
            "ExpiredToken" | "ExpiredTokenException" => Self::ExpiredToken,
            "AccessDenied" | "AccessDeniedException" => Self::AccessDenied,
            "Throttling" | "ThrottlingException" => Self::Throttling,
            "RequestTimeTooSkewed" => Self::RequestTimeTooSkewed,
            "InternalFailure" | "InternalError" => Self::InternalFailure,
            "ServiceUnavailable" => Self::ServiceUnavailable,
            _ => Self::Other,
        }
    }

    /// What the user should do next.
    pub fn hint(self) -> &'static str {
        match self {
            Self::DbClusterNotFound => "Check the identifier and that the region is the cluster's region.",
            Self::InvalidDbClusterState => "Wait until the cluster is available (a backtrack or other change may be running), then look it up again.",
            Self::DbClusterBacktrackNotFound => "The backtrack id is unknown for this cluster; look the cluster up again to see its history.",
            Self::InvalidParameterValue => "A value was refused: check the time is inside the backtrack window and not in the future.",
            Self::InvalidParameterCombination => "This cluster does not support that request (Aurora Serverless and PostgreSQL clusters cannot backtrack).",
            Self::SignatureDoesNotMatch => "The secret access key does not match the access key ID: paste the credentials again.",
            Self::SignatureExpired => "Your computer's clock is more than 5 minutes off; the console corrects for it and re-signs once. If this persists, fix the system clock.",
            Self::InvalidClientTokenId => "The access key ID is unknown: paste fresh credentials, and check the session token belongs to them.",
            Self::ExpiredToken => "The session token has expired: get new short-lived credentials and import them.",
            Self::AccessDenied => "These credentials lack permission: ask for rds:BacktrackDBCluster, rds:DescribeDBClusters and rds:DescribeDBClusterBacktracks on this cluster.",
            Self::Throttling => "RDS is throttling requests: wait a few seconds and try again.",
            Self::RequestTimeTooSkewed => "Your computer's clock is off; the console corrects for it and re-signs once. If this persists, fix the system clock.",
            Self::InternalFailure | Self::ServiceUnavailable => "RDS had a temporary problem: wait a moment and try again. Check the cluster's status before sending a backtrack again.",
            Self::Other => "See the message from RDS above.",
        }
    }
}

/// An error response from RDS (`<ErrorResponse>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The classified code.
    pub kind: ErrorCode,
    /// `Code` as it came.
    pub code: String,
    /// `Message` as it came.
    pub message: String,
    /// `RequestId`, when the response had one.
    pub request_id: Option<String>,
    /// The HTTP status, when known.
    pub status: Option<u16>,
}

impl ServiceError {
    /// True when the server said the request's clock is off (it refused the request unread).
    pub fn is_clock_skew(&self) -> bool {
        matches!(
            self.kind,
            ErrorCode::SignatureExpired | ErrorCode::RequestTimeTooSkewed
        )
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Why a response could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The body is not well-formed XML.
    #[error("the response is not well-formed XML: {0}")]
    Xml(String),
    /// The body is not the JSON that was expected.
    #[error("the response is not the expected JSON: {0}")]
    Json(String),
    /// The XML is not the envelope that was expected.
    #[error("the response has no <{0}> element")]
    Missing(&'static str),
    /// A value could not be read.
    #[error("the response has an invalid {field}: \"{value}\"")]
    Invalid {
        /// The element that held it.
        field: &'static str,
        /// The text found.
        value: String,
    },
}

/// Anything that stops a request from giving its answer.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RdsError {
    /// RDS answered with an error.
    #[error("{0}")]
    Service(ServiceError),
    /// No credentials have been entered.
    #[error("No credentials: paste or import short-lived AWS credentials first.")]
    NoCredentials,
    /// The credentials' expiry time has passed; nothing was sent.
    #[error("The credentials expired at {0}; nothing was sent.")]
    CredentialsExpired(String),
    /// The request could not be signed.
    #[error("The request could not be signed: {0}")]
    Signing(String),
    /// The endpoint or proxy URL is not usable.
    #[error("{0}")]
    BadEndpoint(String),
    /// The browser could not reach the server (network down, DNS, TLS, or CORS refused).
    #[error("The request did not reach {target}: {detail}")]
    Network {
        /// Where it was sent.
        target: String,
        /// What the browser said.
        detail: String,
        /// True when it went through a CORS proxy.
        via_proxy: bool,
    },
    /// The CORS proxy refused to forward the request.
    #[error("The CORS proxy refused the request (HTTP {status}): {message}")]
    ProxyRefused {
        /// The proxy's HTTP status.
        status: u16,
        /// The proxy's explanation.
        message: String,
    },
    /// The server answered, but not with RDS's XML.
    #[error(
        "The server answered HTTP {status} with something that is not an RDS response: {snippet}"
    )]
    NotRds {
        /// The HTTP status.
        status: u16,
        /// The first characters of the body.
        snippet: String,
    },
    /// RDS's XML did not have the expected shape.
    #[error("The response could not be read: {0}")]
    Malformed(#[from] ParseError),
}

impl RdsError {
    /// What the user should do next.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Service(e) => e.kind.hint(),
            Self::NoCredentials => "Fill in the access key ID, secret access key and session token, or import them.",
            Self::CredentialsExpired(_) => "Get new short-lived credentials (for example `aws sts assume-role` or `aws configure export-credentials`) and import them.",
            Self::Signing(_) => "Check the access key ID and secret for stray characters and paste them again.",
            Self::BadEndpoint(_) => "Correct the endpoint URL or CORS proxy URL in the connection settings.",
            Self::Network { via_proxy: true, .. } => "Check that the CORS proxy is running and that its URL is right, and that it allows this page's origin.",
            Self::Network { via_proxy: false, .. } => "Sending directly needs an endpoint that allows this page's origin (CORS). Check the endpoint URL and your network, or set a CORS proxy URL.",
            Self::ProxyRefused { .. } => "The proxy forwards only to RDS endpoints on its allowlist: check the region and endpoint URL, or start the proxy with this target allowed.",
            Self::NotRds { .. } => "Check the endpoint URL and CORS proxy URL: something other than RDS answered.",
            Self::Malformed(_) => "The answer was not what RDS sends; check the endpoint URL. Check the cluster's status before retrying a backtrack.",
        }
    }

    /// The RDS error code, if RDS sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Service(e) => Some(&e.code),
            _ => None,
        }
    }

    /// The RDS request id, if the response had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// True when trying the same read again later may succeed (throttling, 5xx, network).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Service(e) => {
                matches!(
                    e.kind,
                    ErrorCode::Throttling
                        | ErrorCode::InternalFailure
                        | ErrorCode::ServiceUnavailable
                ) || e.status.is_some_and(|s| s >= 500)
            }
            Self::Network { .. } => true,
            Self::NotRds { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// True when a send that ended in this error may still have reached RDS and acted: no
    /// readable answer came back (the network failed, something other than RDS answered, the
    /// answer could not be read, or a server error). A refusal RDS could be read saying is not.
    pub fn leaves_outcome_unknown(&self) -> bool {
        match self {
            Self::Network { .. } | Self::NotRds { .. } | Self::Malformed(_) => true,
            Self::Service(e) => {
                matches!(
                    e.kind,
                    ErrorCode::InternalFailure | ErrorCode::ServiceUnavailable
                ) || e.status.is_some_and(|s| s >= 500)
            }
            _ => false,
        }
    }

    /// What came back instead of a readable answer, in words that guess nothing about whether the
    /// request arrived (for a send whose outcome is unknown).
    pub fn unread_answer(&self) -> String {
        match self {
            Self::Network { detail, .. } => {
                format!("no answer arrived; the browser said: {detail}")
            }
            Self::NotRds { status, snippet } => {
                format!("HTTP {status} with something that is not an RDS response: {snippet}")
            }
            other => other.to_string(),
        }
    }

    /// True when the server said the request's clock is off.
    pub fn is_clock_skew(&self) -> bool {
        matches!(self, Self::Service(e) if e.is_clock_skew())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, message: &str, status: u16) -> RdsError {
        RdsError::Service(ServiceError {
            kind: ErrorCode::classify(code, message),
            code: code.into(),
            message: message.into(),
            request_id: Some("r-1".into()),
            status: Some(status),
        })
    }

    #[test]
    fn every_named_code_is_classified_with_its_own_hint() {
        let codes = [
            "DBClusterNotFoundFault",
            "InvalidDBClusterStateFault",
            "DBClusterBacktrackNotFoundFault",
            "InvalidParameterValue",
            "InvalidParameterCombination",
            "SignatureDoesNotMatch",
            "InvalidClientTokenId",
            "ExpiredToken",
            "AccessDenied",
            "Throttling",
            "RequestTimeTooSkewed",
            "InternalFailure",
            "ServiceUnavailable",
        ];
        let mut hints = std::collections::HashSet::new();
        for code in codes {
            let kind = ErrorCode::classify(code, "");
            assert_ne!(kind, ErrorCode::Other, "{code}");
            hints.insert(kind.hint());
        }
        // InternalFailure and ServiceUnavailable share their advice.
        assert_eq!(hints.len(), codes.len() - 1);
        assert_eq!(ErrorCode::classify("Weird", ""), ErrorCode::Other);
    }

    #[test]
    fn signature_expired_is_told_apart_from_a_wrong_secret() {
        let msg = "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)";
        assert_eq!(
            ErrorCode::classify("SignatureDoesNotMatch", msg),
            ErrorCode::SignatureExpired
        );
        assert!(service("SignatureDoesNotMatch", msg, 403).is_clock_skew());
        assert!(!service(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match",
            403
        )
        .is_clock_skew());
    }

    #[test]
    fn transient_errors_are_the_retryable_ones() {
        assert!(service("Throttling", "Rate exceeded", 400).is_transient());
        assert!(service("Weird", "", 503).is_transient());
        assert!(!service("DBClusterNotFoundFault", "", 404).is_transient());
        assert!(!RdsError::NoCredentials.is_transient());
    }

    #[test]
    fn only_an_answer_that_could_not_be_read_leaves_a_send_in_doubt() {
        let network = RdsError::Network {
            target: "https://rds.us-east-1.amazonaws.com/".into(),
            detail: "Failed to fetch".into(),
            via_proxy: false,
        };
        let html = RdsError::NotRds {
            status: 500,
            snippet: "<html>".into(),
        };
        let unreadable = RdsError::Malformed(ParseError::Missing("BacktrackDBClusterResult"));
        for doubt in [
            network,
            html,
            unreadable,
            service("InternalFailure", "", 500),
        ] {
            assert!(doubt.leaves_outcome_unknown(), "{doubt:?}");
            let said = doubt.unread_answer();
            assert!(!said.contains("did not reach"), "never a guess: {said}");
        }
        for refused in [
            service("InvalidDBClusterStateFault", "busy", 400),
            service("Throttling", "Rate exceeded", 400),
            service("AccessDenied", "no", 403),
            RdsError::ProxyRefused {
                status: 403,
                message: "not allowed".into(),
            },
            RdsError::NoCredentials,
        ] {
            assert!(!refused.leaves_outcome_unknown(), "{refused:?}");
        }
    }

    #[test]
    fn accessors_expose_code_and_request_id() {
        let e = service("AccessDenied", "no", 403);
        assert_eq!(e.code(), Some("AccessDenied"));
        assert_eq!(e.request_id(), Some("r-1"));
        assert_eq!(e.to_string(), "AccessDenied: no");
    }
}
