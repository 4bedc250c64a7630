//! `BacktrackDBCluster`: the one call that changes anything, so it is never retried.

use crate::error::RdsError;
use crate::model::{BacktrackRequest, DbClusterBacktrack};
use crate::operation::{Call, Operation};
use crate::query::Form;
use crate::service::Service;
use crate::xml;

impl Call for BacktrackRequest {
    type Answer = DbClusterBacktrack;
    const OPERATION: Operation = Operation {
        service: Service::Rds,
        name: "BacktrackDBCluster",
        mutating: true,
    };

    fn body(&self) -> String {
        let mut form = Form::new(Self::OPERATION);
        form.pair("DBClusterIdentifier", self.cluster.as_str());
        form.pair("BacktrackTo", &self.backtrack_to.whole_seconds().to_iso());
        form.flag("Force", self.force);
        form.flag(
            "UseEarliestTimeOnPointInTimeUnavailable",
            self.use_earliest_time_on_point_in_time_unavailable,
        );
        form.finish()
    }

    fn read(&self, body: &str) -> Result<DbClusterBacktrack, RdsError> {
        Ok(xml::parse_backtrack_db_cluster(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClusterId;
    use crate::time::Timestamp;

    fn request(at: &str, force: bool, earliest: bool) -> BacktrackRequest {
        BacktrackRequest {
            cluster: ClusterId::parse("my-cluster1").unwrap(),
            backtrack_to: Timestamp::parse_iso(at).unwrap(),
            force,
            use_earliest_time_on_point_in_time_unavailable: earliest,
        }
    }

    #[test]
    fn the_body_matches_the_python_sdk_byte_for_byte() {
        assert_eq!(
            request("2017-07-08T18:00:00Z", false, true).body(),
            "Action=BacktrackDBCluster&Version=2014-10-31&DBClusterIdentifier=my-cluster1&BacktrackTo=2017-07-08T18%3A00%3A00Z&Force=false&UseEarliestTimeOnPointInTimeUnavailable=true"
        );
    }

    #[test]
    fn the_time_is_sent_in_whole_seconds() {
        let body = request("2017-07-08T18:00:00.999Z", true, false).body();
        assert!(
            body.contains("BacktrackTo=2017-07-08T18%3A00%3A00Z&Force=true&"),
            "{body}"
        );
    }
}
