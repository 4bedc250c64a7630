//! Query-protocol form bodies for the RDS and STS actions, byte for byte as the AWS SDKs write them.
//!
//! `Action` and `Version` come first, then the parameters in the order of the service model;
//! values are form-encoded (space as `+`, `:` as `%3A`).

use super::model::{BacktrackQuery, BacktrackRequest, ClusterId, MaxRecords};
use super::service::Service;

/// The RDS API version every RDS request names.
pub const API_VERSION: &str = "2014-10-31";

/// The STS API version.
pub const STS_API_VERSION: &str = "2011-06-15";

/// The Query-protocol actions the console calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `BacktrackDBCluster`: the one call that changes anything.
    BacktrackDbCluster,
    /// `DescribeDBClusterBacktracks`.
    DescribeDbClusterBacktracks,
    /// `DescribeDBClusters`.
    DescribeDbClusters,
    /// STS `GetCallerIdentity`: who the credentials belong to.
    GetCallerIdentity,
    /// CloudWatch `GetMetricStatistics` (JSON 1.0, see [`crate::metrics`]).
    GetMetricStatistics,
}

impl Action {
    /// The action's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Self::BacktrackDbCluster => "BacktrackDBCluster",
            Self::DescribeDbClusterBacktracks => "DescribeDBClusterBacktracks",
            Self::DescribeDbClusters => "DescribeDBClusters",
            Self::GetCallerIdentity => "GetCallerIdentity",
            Self::GetMetricStatistics => "GetMetricStatistics",
        }
    }

    /// The service that answers it.
    pub fn service(self) -> Service {
        match self {
            Self::GetCallerIdentity => Service::Sts,
            Self::GetMetricStatistics => Service::Monitoring,
            _ => Service::Rds,
        }
    }

    /// The `X-Amz-Target` of an action sent in the JSON 1.0 protocol; `None` for the Query
    /// protocol, whose form body names the action.
    pub fn json_target(self) -> Option<&'static str> {
        match self {
            Self::GetMetricStatistics => Some(crate::metrics::TARGET),
            _ => None,
        }
    }

    /// The API version it is sent with.
    fn version(self) -> &'static str {
        match self.service() {
            Service::Sts => STS_API_VERSION,
            Service::Monitoring => "2010-08-01",
            Service::Rds => API_VERSION,
        }
    }

    /// True for a call that changes the database and so must never be retried automatically.
    pub fn is_mutating(self) -> bool {
        matches!(self, Self::BacktrackDbCluster)
    }
}

/// Form body of `BacktrackDBCluster`.
pub fn backtrack_db_cluster(req: &BacktrackRequest) -> String {
    let mut form = Form::new(Action::BacktrackDbCluster);
    form.pair("DBClusterIdentifier", req.cluster.as_str());
    form.pair("BacktrackTo", &req.backtrack_to.whole_seconds().to_iso());
    form.pair("Force", bool_str(req.force));
    form.pair(
        "UseEarliestTimeOnPointInTimeUnavailable",
        bool_str(req.use_earliest_time_on_point_in_time_unavailable),
    );
    form.finish()
}

/// Form body of `DescribeDBClusterBacktracks`.
pub fn describe_db_cluster_backtracks(cluster: &ClusterId, query: &BacktrackQuery) -> String {
    let mut form = Form::new(Action::DescribeDbClusterBacktracks);
    form.pair("DBClusterIdentifier", cluster.as_str());
    if let Some(id) = &query.backtrack_id {
        form.pair("BacktrackIdentifier", id);
    }
    let statuses: Vec<&str> = query.filter_statuses.iter().map(|s| s.as_str()).collect();
    let ids: Vec<&str> = query.filter_ids.iter().map(String::as_str).collect();
    let filters = [
        ("db-cluster-backtrack-id", ids),
        ("db-cluster-backtrack-status", statuses),
    ];
    for (n, (name, values)) in filters.iter().filter(|(_, v)| !v.is_empty()).enumerate() {
        let prefix = format!("Filters.Filter.{}", n + 1);
        form.pair(&format!("{prefix}.Name"), name);
        for (i, value) in values.iter().enumerate() {
            form.pair(&format!("{prefix}.Values.Value.{}", i + 1), value);
        }
    }
    paging(&mut form, query.max_records, query.marker.as_deref());
    form.finish()
}

/// Form body of STS `GetCallerIdentity`.
pub fn get_caller_identity() -> String {
    Form::new(Action::GetCallerIdentity).finish()
}

/// Form body of `DescribeDBClusters` for every cluster of the region, one page of up to
/// `max_records` from `marker`.
pub fn list_db_clusters(max_records: MaxRecords, marker: Option<&str>) -> String {
    let mut form = Form::new(Action::DescribeDbClusters);
    paging(&mut form, Some(max_records), marker);
    form.finish()
}

/// Form body of `DescribeDBClusters` for one cluster.
pub fn describe_db_clusters(cluster: &ClusterId) -> String {
    let mut form = Form::new(Action::DescribeDbClusters);
    form.pair("DBClusterIdentifier", cluster.as_str());
    form.finish()
}

fn paging(form: &mut Form, max_records: Option<MaxRecords>, marker: Option<&str>) {
    if let Some(max) = max_records {
        form.pair("MaxRecords", &max.get().to_string());
    }
    if let Some(marker) = marker {
        form.pair("Marker", marker);
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

struct Form(form_urlencoded::Serializer<'static, String>);

impl Form {
    fn new(action: Action) -> Self {
        let mut form = Self(form_urlencoded::Serializer::new(String::new()));
        form.pair("Action", action.name());
        form.pair("Version", action.version());
        form
    }

    fn pair(&mut self, name: &str, value: &str) {
        self.0.append_pair(name, value);
    }

    fn finish(mut self) -> String {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BacktrackStatus;
    use crate::time::Timestamp;

    fn cluster() -> ClusterId {
        ClusterId::parse("my-cluster1").unwrap()
    }

    #[test]
    fn listing_clusters_pages_as_botocore_does() {
        // botocore 1.43.127: describe_db_clusters(MaxRecords=100[, Marker=...]).
        let page = MaxRecords::new(100).unwrap();
        assert_eq!(
            list_db_clusters(page, None),
            "Action=DescribeDBClusters&Version=2014-10-31&MaxRecords=100"
        );
        assert_eq!(
            list_db_clusters(page, Some("fleet-042/x+y=")),
            "Action=DescribeDBClusters&Version=2014-10-31&MaxRecords=100&Marker=fleet-042%2Fx%2By%3D"
        );
    }

    #[test]
    fn get_caller_identity_body_matches_botocore() {
        assert_eq!(
            get_caller_identity(),
            "Action=GetCallerIdentity&Version=2011-06-15"
        );
        assert_eq!(Action::GetCallerIdentity.service(), Service::Sts);
        assert!(!Action::GetCallerIdentity.is_mutating());
        assert_eq!(Action::GetCallerIdentity.json_target(), None);
        assert_eq!(
            Action::GetMetricStatistics.json_target(),
            Some("GraniteServiceVersion20100801.GetMetricStatistics")
        );
    }

    #[test]
    fn backtrack_body_matches_the_python_sdk_byte_for_byte() {
        let req = BacktrackRequest {
            cluster: cluster(),
            backtrack_to: Timestamp::parse_iso("2017-07-08T18:00:00Z").unwrap(),
            force: false,
            use_earliest_time_on_point_in_time_unavailable: true,
        };
        assert_eq!(
            backtrack_db_cluster(&req),
            "Action=BacktrackDBCluster&Version=2014-10-31&DBClusterIdentifier=my-cluster1&BacktrackTo=2017-07-08T18%3A00%3A00Z&Force=false&UseEarliestTimeOnPointInTimeUnavailable=true"
        );
    }

    #[test]
    fn backtrack_time_is_sent_in_whole_seconds() {
        let req = BacktrackRequest {
            cluster: cluster(),
            backtrack_to: Timestamp::parse_iso("2017-07-08T18:00:00.999Z").unwrap(),
            force: true,
            use_earliest_time_on_point_in_time_unavailable: false,
        };
        let body = backtrack_db_cluster(&req);
        assert!(
            body.contains("BacktrackTo=2017-07-08T18%3A00%3A00Z&Force=true&"),
            "{body}"
        );
    }

    #[test]
    fn describe_backtracks_encodes_filters_and_paging() {
        let query = BacktrackQuery {
            backtrack_id: Some("f0a1".into()),
            filter_ids: vec![],
            filter_statuses: vec![BacktrackStatus::Pending, BacktrackStatus::Applying],
            max_records: Some(MaxRecords::new(20).unwrap()),
            marker: Some("next page+1".into()),
        };
        assert_eq!(
            describe_db_cluster_backtracks(&cluster(), &query),
            "Action=DescribeDBClusterBacktracks&Version=2014-10-31&DBClusterIdentifier=my-cluster1\
             &BacktrackIdentifier=f0a1\
             &Filters.Filter.1.Name=db-cluster-backtrack-status\
             &Filters.Filter.1.Values.Value.1=pending&Filters.Filter.1.Values.Value.2=applying\
             &MaxRecords=20&Marker=next+page%2B1"
        );
    }

    #[test]
    fn describe_backtracks_numbers_both_filters() {
        let query = BacktrackQuery {
            filter_ids: vec!["a".into()],
            filter_statuses: vec![BacktrackStatus::Completed],
            ..BacktrackQuery::default()
        };
        let body = describe_db_cluster_backtracks(&cluster(), &query);
        assert!(body.ends_with(
            "Filters.Filter.1.Name=db-cluster-backtrack-id&Filters.Filter.1.Values.Value.1=a\
             &Filters.Filter.2.Name=db-cluster-backtrack-status&Filters.Filter.2.Values.Value.1=completed"
        ));
    }

    #[test]
    fn describe_clusters_names_the_cluster() {
        assert_eq!(
            describe_db_clusters(&cluster()),
            "Action=DescribeDBClusters&Version=2014-10-31&DBClusterIdentifier=my-cluster1"
        );
    }
}
