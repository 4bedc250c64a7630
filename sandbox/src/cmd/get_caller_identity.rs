//! STS `GetCallerIdentity`: every set of the sandbox's credentials is a session of an assumed
//! role (the sandbox's own, or the one IAM Identity Center gave them for).

use super::{Caller, Fault, Params};
use crate::state::World;
use crate::xml::element;

/// Answers with the assumed-role ARN of the credentials that signed the request.
pub(super) fn execute(_: &Params, _: &mut World, _: i64, caller: &Caller) -> Result<String, Fault> {
    let session = caller.arn.rsplit('/').next().unwrap_or_default();
    Ok([
        element(4, "Arn", &caller.arn),
        element(4, "UserId", &format!("AROASANDBOXEXAMPLE01:{session}")),
        element(4, "Account", caller.account()),
    ]
    .concat())
}
