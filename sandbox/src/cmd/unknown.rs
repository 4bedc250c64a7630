//! Any action the sandbox does not implement.

use super::Fault;

/// Answers `InvalidAction`, naming the action.
pub(super) fn execute(name: &str) -> Result<String, Fault> {
    Err(Fault::sender(
        400,
        "InvalidAction",
        format!("The action {name:?} is not valid for this web service (the sandbox answers BacktrackDBCluster, DescribeDBClusterBacktracks, DescribeDBClusters and STS GetCallerIdentity)."),
    ))
}
