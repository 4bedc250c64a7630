//! What an AWS operation declares, once (the declarations are in [`crate::calls`]): its service
//! (and so its protocol), its name on the wire, whether it changes anything, how its request is
//! written and how its answer is read. The signer needs only the protocol; the client sends every
//! [`Call`] the same way.

use crate::error::RdsError;
use crate::service::Service;

/// How a service puts requests on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// AWS Query: a form body that names `Action` and `Version` (RDS, STS).
    Query {
        /// The API version every request names.
        version: &'static str,
    },
    /// AWS JSON: a JSON body; `X-Amz-Target: {target_prefix}.{operation}` names the operation.
    Json {
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
        /// The target's prefix: the service's name and API version in the service model.
        target_prefix: &'static str,
        /// The service also answers the Query protocol (CloudWatch), so botocore sends and signs
        /// `x-amzn-query-mode: true`.
        query_compatible: bool,
    },
}

impl Protocol {
    /// The `content-type` of its requests.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Query { .. } => "application/x-www-form-urlencoded; charset=utf-8",
            Self::Json { content_type, .. } => content_type,
        }
    }
}

/// One AWS operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The service that answers it.
    pub service: Service,
    /// Its name on the wire: the Query `Action`, or the end of the JSON `X-Amz-Target`.
    pub name: &'static str,
    /// True for a call that changes the database, and so is never retried automatically.
    pub mutating: bool,
}

impl Operation {
    /// An operation that only reads.
    pub const fn read(service: Service, name: &'static str) -> Self {
        Self {
            service,
            name,
            mutating: false,
        }
    }
}

/// One request of an [`Operation`], and how its answer is read.
pub trait Call {
    /// What a successful answer is read into.
    type Answer;
    /// The operation it calls.
    const OPERATION: Operation;
    /// The request body, byte for byte as botocore 1.43 writes it.
    fn body(&self) -> String;
    /// Reads the body of a 2xx answer to this request.
    fn read(&self, body: &str) -> Result<Self::Answer, RdsError>;
}
