//! STS `GetCallerIdentity`: the sandbox's credentials are a session of an assumed role.

use super::{Caller, Fault, Params};
use crate::config::{ACCOUNT_ID, ROLE, SESSION};
use crate::state::World;
use crate::xml::element;

/// Answers with the assumed-role ARN of the sandbox's credentials.
pub(super) fn execute(_: &Params, _: &mut World, _: i64, _: &Caller) -> Result<String, Fault> {
    Ok([
        element(
            4,
            "Arn",
            &format!("arn:aws:sts::{ACCOUNT_ID}:assumed-role/{ROLE}/{SESSION}"),
        ),
        element(4, "UserId", &format!("AROASANDBOXEXAMPLE01:{SESSION}")),
        element(4, "Account", ACCOUNT_ID),
    ]
    .concat())
}
