//! `DescribeDBClusterBacktracks`: one page of a cluster's backtracks, optionally filtered.

use crate::error::RdsError;
use crate::model::{BacktrackPage, BacktrackQuery, ClusterId};
use crate::operation::{Call, Operation};
use crate::query::Form;
use crate::service::Service;
use crate::xml;

/// A page of `cluster`'s backtracks, as `query` asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeDbClusterBacktracks {
    /// The cluster.
    pub cluster: ClusterId,
    /// Which backtracks, and which page.
    pub query: BacktrackQuery,
}

impl Call for DescribeDbClusterBacktracks {
    type Answer = BacktrackPage;
    const OPERATION: Operation = Operation::read(Service::Rds, "DescribeDBClusterBacktracks");

    fn body(&self) -> String {
        let query = &self.query;
        let mut form = Form::new(Self::OPERATION);
        form.pair("DBClusterIdentifier", self.cluster.as_str());
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
        form.paging(query.max_records, query.marker.as_deref());
        form.finish()
    }

    fn read(&self, body: &str) -> Result<BacktrackPage, RdsError> {
        Ok(xml::parse_describe_db_cluster_backtracks(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BacktrackStatus, MaxRecords};

    fn describe(query: BacktrackQuery) -> String {
        DescribeDbClusterBacktracks {
            cluster: ClusterId::parse("my-cluster1").unwrap(),
            query,
        }
        .body()
    }

    #[test]
    fn encodes_filters_and_paging_as_botocore_does() {
        let query = BacktrackQuery {
            backtrack_id: Some("f0a1".into()),
            filter_ids: vec![],
            filter_statuses: vec![BacktrackStatus::Pending, BacktrackStatus::Applying],
            max_records: Some(MaxRecords::new(20).unwrap()),
            marker: Some("next page+1".into()),
        };
        assert_eq!(
            describe(query),
            "Action=DescribeDBClusterBacktracks&Version=2014-10-31&DBClusterIdentifier=my-cluster1\
             &BacktrackIdentifier=f0a1\
             &Filters.Filter.1.Name=db-cluster-backtrack-status\
             &Filters.Filter.1.Values.Value.1=pending&Filters.Filter.1.Values.Value.2=applying\
             &MaxRecords=20&Marker=next+page%2B1"
        );
    }

    #[test]
    fn numbers_both_filters() {
        let body = describe(BacktrackQuery {
            filter_ids: vec!["a".into()],
            filter_statuses: vec![BacktrackStatus::Completed],
            ..BacktrackQuery::default()
        });
        assert!(body.ends_with(
            "Filters.Filter.1.Name=db-cluster-backtrack-id&Filters.Filter.1.Values.Value.1=a\
             &Filters.Filter.2.Name=db-cluster-backtrack-status&Filters.Filter.2.Values.Value.1=completed"
        ));
    }
}
