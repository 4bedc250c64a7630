//! `DescribeDBClusters`, two ways: one cluster by identifier, or one page of every cluster of
//! the region.

use crate::error::{ErrorCode, RdsError, ServiceError};
use crate::model::{ClusterId, ClusterPage, DbCluster, MaxRecords};
use crate::operation::{Call, Operation};
use crate::query::Form;
use crate::service::Service;
use crate::xml;

/// `DescribeDBClusters`.
const DESCRIBE_DB_CLUSTERS: Operation = Operation::read(Service::Rds, "DescribeDBClusters");

/// One cluster; an answer without it is RDS's `DBClusterNotFoundFault`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescribeDbCluster(pub ClusterId);

impl Call for DescribeDbCluster {
    type Answer = DbCluster;
    const OPERATION: Operation = DESCRIBE_DB_CLUSTERS;

    fn body(&self) -> String {
        let mut form = Form::new(Self::OPERATION);
        form.pair("DBClusterIdentifier", self.0.as_str());
        form.finish()
    }

    fn read(&self, body: &str) -> Result<DbCluster, RdsError> {
        let mut clusters = xml::parse_describe_db_clusters(body)?.into_iter();
        clusters.next().ok_or_else(|| {
            RdsError::Service(ServiceError {
                kind: ErrorCode::DbClusterNotFound,
                code: "DBClusterNotFoundFault".into(),
                message: format!("DBCluster {} not found.", self.0),
                request_id: xml::request_id(body),
                status: Some(200),
            })
        })
    }
}

/// One page of every cluster of the region, up to `max_records` from `marker`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListDbClusters {
    /// The page size.
    pub max_records: MaxRecords,
    /// The previous page's `Marker`; `None` for the first page.
    pub marker: Option<String>,
}

impl Call for ListDbClusters {
    type Answer = ClusterPage;
    const OPERATION: Operation = DESCRIBE_DB_CLUSTERS;

    fn body(&self) -> String {
        let mut form = Form::new(Self::OPERATION);
        form.paging(Some(self.max_records), self.marker.as_deref());
        form.finish()
    }

    fn read(&self, body: &str) -> Result<ClusterPage, RdsError> {
        Ok(xml::parse_cluster_page(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_cluster() {
        let one = DescribeDbCluster(ClusterId::parse("my-cluster1").unwrap());
        assert_eq!(
            one.body(),
            "Action=DescribeDBClusters&Version=2014-10-31&DBClusterIdentifier=my-cluster1"
        );
    }

    #[test]
    fn an_answer_without_the_cluster_is_not_found() {
        let empty = "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters/></DescribeDBClustersResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeDBClustersResponse>";
        let one = DescribeDbCluster(ClusterId::parse("gone").unwrap());
        match one.read(empty) {
            Err(RdsError::Service(e)) => {
                assert_eq!(e.kind, ErrorCode::DbClusterNotFound);
                assert_eq!(e.request_id.as_deref(), Some("r-1"));
                assert_eq!(e.message, "DBCluster gone not found.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lists_pages_as_botocore_does() {
        // botocore 1.43.127: describe_db_clusters(MaxRecords=100[, Marker=...]).
        let page = |marker: Option<&str>| ListDbClusters {
            max_records: MaxRecords::LARGEST,
            marker: marker.map(str::to_owned),
        };
        assert_eq!(
            page(None).body(),
            "Action=DescribeDBClusters&Version=2014-10-31&MaxRecords=100"
        );
        assert_eq!(
            page(Some("fleet-042/x+y=")).body(),
            "Action=DescribeDBClusters&Version=2014-10-31&MaxRecords=100&Marker=fleet-042%2Fx%2By%3D"
        );
    }
}
