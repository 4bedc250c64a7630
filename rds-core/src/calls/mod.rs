//! Every AWS operation the console calls, one module each: the request, its [`Call`]
//! declaration (the operation, the body as botocore 1.43 writes it, how the answer is read) and
//! a fixed vector taken from botocore. `Client::call` sends any of them.
//!
//! [`Call`]: crate::operation::Call

mod backtrack_db_cluster;
mod describe_db_cluster_backtracks;
mod describe_db_clusters;
mod get_caller_identity;
mod get_metric_data;
mod lookup_events;

pub use describe_db_cluster_backtracks::DescribeDbClusterBacktracks;
pub use describe_db_clusters::{DescribeDbCluster, ListDbClusters};
pub use get_caller_identity::GetCallerIdentity;
pub use get_metric_data::{GetMetricData, MetricData};
pub use lookup_events::{EventPage, LookupEvents, EVENTS_PER_PAGE};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BacktrackRequest;
    use crate::operation::Call;

    #[test]
    fn only_the_backtrack_changes_anything() {
        let operations = [
            BacktrackRequest::OPERATION,
            DescribeDbClusterBacktracks::OPERATION,
            DescribeDbCluster::OPERATION,
            ListDbClusters::OPERATION,
            GetCallerIdentity::OPERATION,
            GetMetricData::OPERATION,
            LookupEvents::OPERATION,
        ];
        let mutating: Vec<&str> = operations
            .iter()
            .filter(|o| o.mutating)
            .map(|o| o.name)
            .collect();
        assert_eq!(mutating, ["BacktrackDBCluster"]);
    }
}
