//! The AWS services the console calls: RDS (the backtrack itself), STS (who is acting) and
//! CloudWatch (the window's health). They share the signer and the routes; each has its own
//! signing name, which is also its endpoint's first label.

/// One AWS service the console calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// Amazon RDS, the Query protocol, signing name `rds`.
    Rds,
    /// AWS STS, the Query protocol, signing name `sts`.
    Sts,
    /// Amazon CloudWatch, the JSON 1.0 protocol, signing name `monitoring`.
    Monitoring,
}

impl Service {
    /// Every service, in the order the console shows them.
    pub const ALL: [Self; 3] = [Self::Rds, Self::Sts, Self::Monitoring];

    /// The SigV4 signing name, also the first label of `https://{name}.{region}.amazonaws.com/`
    /// and the `{service}` of a route.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rds => "rds",
            Self::Sts => "sts",
            Self::Monitoring => "monitoring",
        }
    }

    /// The service's name for people: `RDS`, `STS`, `CloudWatch`.
    pub fn title(self) -> &'static str {
        match self {
            Self::Rds => "RDS",
            Self::Sts => "STS",
            Self::Monitoring => "CloudWatch",
        }
    }
}
