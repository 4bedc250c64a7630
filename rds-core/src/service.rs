//! The AWS services the console calls: RDS (the backtrack itself), STS (who is acting),
//! CloudWatch (the window's health) and CloudTrail (who asked for each backtrack). They share the signer and the routes; each has its own
//! signing name, which is also its endpoint's first label, and its protocol.
//!
//! [`Service::ALL`] is the one list: `Trunk.toml`'s routes, `deploy/console.yaml`'s behaviours
//! and the proxy's allowlist are checked against it by tests.

use crate::operation::Protocol;

/// One AWS service the console calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// Amazon RDS, the Query protocol, signing name `rds`.
    Rds,
    /// AWS STS, the Query protocol, signing name `sts`.
    Sts,
    /// Amazon CloudWatch, the JSON 1.0 protocol, signing name `monitoring`.
    Monitoring,
    /// AWS CloudTrail, the JSON 1.1 protocol, signing name `cloudtrail`.
    CloudTrail,
}

impl Service {
    /// Every service, in the order the console shows them.
    pub const ALL: [Self; 4] = [Self::Rds, Self::Sts, Self::Monitoring, Self::CloudTrail];

    /// The SigV4 signing name, also the first label of `https://{name}.{region}.amazonaws.com/`
    /// and the `{service}` of a route.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rds => "rds",
            Self::Sts => "sts",
            Self::Monitoring => "monitoring",
            Self::CloudTrail => "cloudtrail",
        }
    }

    /// How the service's requests are written (as botocore 1.43's service models say).
    pub fn protocol(self) -> Protocol {
        match self {
            Self::Rds => Protocol::Query {
                version: "2014-10-31",
            },
            Self::Sts => Protocol::Query {
                version: "2011-06-15",
            },
            Self::Monitoring => Protocol::Json {
                content_type: "application/x-amz-json-1.0",
                target_prefix: "GraniteServiceVersion20100801",
                query_compatible: true,
            },
            Self::CloudTrail => Protocol::Json {
                content_type: "application/x-amz-json-1.1",
                target_prefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
                query_compatible: false,
            },
        }
    }

    /// The service's name for people: `RDS`, `STS`, `CloudWatch`, `CloudTrail`.
    pub fn title(self) -> &'static str {
        match self {
            Self::Rds => "RDS",
            Self::Sts => "STS",
            Self::Monitoring => "CloudWatch",
            Self::CloudTrail => "CloudTrail",
        }
    }
}
