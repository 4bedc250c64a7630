//! STS `GetCallerIdentity`: whose credentials these are.

use crate::error::RdsError;
use crate::identity::CallerIdentity;
use crate::operation::{Call, Operation};
use crate::query::Form;
use crate::service::Service;
use crate::xml;

/// Who the credentials belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GetCallerIdentity;

impl Call for GetCallerIdentity {
    type Answer = CallerIdentity;
    const OPERATION: Operation = Operation::read(Service::Sts, "GetCallerIdentity");

    fn body(&self) -> String {
        Form::new(Self::OPERATION).finish()
    }

    fn read(&self, body: &str) -> Result<CallerIdentity, RdsError> {
        Ok(xml::parse_get_caller_identity(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_matches_botocore() {
        assert_eq!(
            GetCallerIdentity.body(),
            "Action=GetCallerIdentity&Version=2011-06-15"
        );
    }
}
