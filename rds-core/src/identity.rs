//! Who the credentials act as: STS `GetCallerIdentity`'s answer, and its ARN read for people.

/// The answer of `GetCallerIdentity`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallerIdentity {
    /// `Account`: the 12-digit account ID.
    pub account: String,
    /// `Arn`: the caller, e.g. `arn:aws:sts::123456789012:assumed-role/dba/alice`.
    pub arn: String,
    /// `UserId`.
    pub user_id: String,
}

/// The kind of principal an ARN names, with its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// `assumed-role/{role}/{session}`.
    AssumedRole {
        /// The role's name.
        role: String,
        /// The session name.
        session: String,
    },
    /// `user/{name}` (long-term keys of an IAM user, or its session token).
    User(String),
    /// The account's root user.
    Root,
    /// `federated-user/{name}`.
    FederatedUser(String),
    /// Anything else, shown as the ARN.
    Other,
}

impl CallerIdentity {
    /// The caller `arn` names (its account read from it), as CloudTrail records callers.
    pub fn from_arn(arn: String) -> Self {
        Self {
            account: arn.split(':').nth(4).unwrap_or_default().to_owned(),
            user_id: String::new(),
            arn,
        }
    }

    /// The principal the ARN names.
    pub fn principal(&self) -> Principal {
        let resource = self.arn.splitn(6, ':').nth(5).unwrap_or_default();
        let parts: Vec<&str> = resource.split('/').collect();
        match parts[..] {
            ["root"] => Principal::Root,
            ["assumed-role", .., role, session] => Principal::AssumedRole {
                role: role.to_owned(),
                session: session.to_owned(),
            },
            ["user", .., name] => Principal::User(name.to_owned()),
            ["federated-user", name] => Principal::FederatedUser(name.to_owned()),
            _ => Principal::Other,
        }
    }

    /// The principal in words: `role dba, session alice`.
    pub fn describe(&self) -> String {
        match self.principal() {
            Principal::AssumedRole { role, session } => format!("role {role}, session {session}"),
            Principal::User(name) => format!("IAM user {name}"),
            Principal::Root => "the account's root user".to_owned(),
            Principal::FederatedUser(name) => format!("federated user {name}"),
            Principal::Other => self.arn.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(arn: &str) -> CallerIdentity {
        CallerIdentity {
            account: "123456789012".into(),
            arn: arn.into(),
            user_id: "AROAEXAMPLE:alice".into(),
        }
    }

    #[test]
    fn reads_each_kind_of_arn() {
        for (arn, words) in [
            (
                "arn:aws:sts::123456789012:assumed-role/dba/alice",
                "role dba, session alice",
            ),
            (
                "arn:aws:sts::123456789012:assumed-role/team/dba/alice@example.com",
                "role dba, session alice@example.com",
            ),
            ("arn:aws:iam::123456789012:user/ops/bob", "IAM user bob"),
            ("arn:aws:iam::123456789012:root", "the account's root user"),
            (
                "arn:aws:sts::123456789012:federated-user/carol",
                "federated user carol",
            ),
            (
                "arn:aws-us-gov:sts::123456789012:assumed-role/dba/x",
                "role dba, session x",
            ),
            ("not an arn", "not an arn"),
        ] {
            assert_eq!(identity(arn).describe(), words, "{arn}");
        }
    }
}
