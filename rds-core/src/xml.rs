//! Parsing of RDS's (and STS's) success and error envelopes into typed values.
//!
//! The body is first read into a small element tree (namespaces dropped, text unescaped), then the
//! fields are picked out by name; unknown elements are ignored. Malformed input gives a
//! [`ParseError`], never a panic.

use super::error::{ErrorCode, ParseError, ServiceError};
use super::identity::CallerIdentity;
use super::model::{
    BacktrackPage, BacktrackStatus, ClusterId, ClusterPage, DbCluster, DbClusterBacktrack,
};
use super::time::Timestamp;
use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper nesting than this is refused, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Reads the `BacktrackDBClusterResult` of a `BacktrackDBCluster` response.
pub fn parse_backtrack_db_cluster(body: &str) -> Result<DbClusterBacktrack, ParseError> {
    let root = parse_tree(body)?;
    let result = root.require("BacktrackDBClusterResult")?;
    backtrack(result)
}

/// Reads one page of a `DescribeDBClusterBacktracks` response.
pub fn parse_describe_db_cluster_backtracks(body: &str) -> Result<BacktrackPage, ParseError> {
    let root = parse_tree(body)?;
    let result = root.require("DescribeDBClusterBacktracksResult")?;
    let backtracks = result
        .child("DBClusterBacktracks")
        .map(|list| {
            list.children_named("DBClusterBacktrack")
                .map(backtrack)
                .collect()
        })
        .transpose()?
        .unwrap_or_default();
    Ok(BacktrackPage {
        backtracks,
        marker: result.text_of("Marker"),
    })
}

/// Reads the clusters of a `DescribeDBClusters` response.
pub fn parse_describe_db_clusters(body: &str) -> Result<Vec<DbCluster>, ParseError> {
    Ok(parse_cluster_page(body)?.clusters)
}

/// Reads one page of a `DescribeDBClusters` response: its clusters and the next page's marker.
pub fn parse_cluster_page(body: &str) -> Result<ClusterPage, ParseError> {
    let root = parse_tree(body)?;
    let result = root.require("DescribeDBClustersResult")?;
    let clusters = match result.child("DBClusters") {
        Some(list) => list
            .children_named("DBCluster")
            .map(cluster)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(ClusterPage {
        clusters,
        marker: result.text_of("Marker"),
    })
}

/// Reads the `GetCallerIdentityResult` of an STS `GetCallerIdentity` response.
pub fn parse_get_caller_identity(body: &str) -> Result<CallerIdentity, ParseError> {
    let root = parse_tree(body)?;
    let result = root.require("GetCallerIdentityResult")?;
    let field = |name: &'static str| result.text_of(name).ok_or(ParseError::Missing(name));
    Ok(CallerIdentity {
        account: field("Account")?,
        arn: field("Arn")?,
        user_id: result.text_of("UserId").unwrap_or_default(),
    })
}

/// Reads an `<ErrorResponse>`; `status` is the HTTP status it came with.
pub fn parse_error(body: &str, status: Option<u16>) -> Result<ServiceError, ParseError> {
    let root = parse_tree(body)?;
    if root.name != "ErrorResponse" && root.name != "Response" {
        return Err(ParseError::Missing("ErrorResponse"));
    }
    let error = root
        .child("Error")
        .or_else(|| root.child("Errors").and_then(|e| e.child("Error")))
        .ok_or(ParseError::Missing("Error"))?;
    let code = error.text_of("Code").ok_or(ParseError::Missing("Code"))?;
    let message = error.text_of("Message").unwrap_or_default();
    let request_id = root
        .text_of("RequestId")
        .or_else(|| root.text_of("RequestID"))
        .or_else(|| error.text_of("RequestId"));
    Ok(ServiceError {
        kind: ErrorCode::classify(&code, &message),
        code,
        message,
        request_id,
        status,
    })
}

/// Reads the `RequestId` of any RDS envelope, if present.
pub fn request_id(body: &str) -> Option<String> {
    let root = parse_tree(body).ok()?;
    root.child("ResponseMetadata")
        .and_then(|m| m.text_of("RequestId"))
        .or_else(|| root.text_of("RequestId"))
}

fn backtrack(el: &Element) -> Result<DbClusterBacktrack, ParseError> {
    Ok(DbClusterBacktrack {
        cluster_id: el.cluster_id()?,
        backtrack_id: el.text_of("BacktrackIdentifier").unwrap_or_default(),
        backtrack_to: el.time_of("BacktrackTo")?,
        backtracked_from: el.time_of("BacktrackedFrom")?,
        request_creation_time: el.time_of("BacktrackRequestCreationTime")?,
        status: BacktrackStatus::parse(&el.text_of("Status").unwrap_or_default()),
    })
}

fn cluster(el: &Element) -> Result<DbCluster, ParseError> {
    let members = el
        .child("DBClusterMembers")
        .map(|m| {
            m.children_named("DBClusterMember")
                .filter_map(|member| member.text_of("DBInstanceIdentifier"))
                .collect()
        })
        .unwrap_or_default();
    Ok(DbCluster {
        identifier: el.cluster_id()?,
        engine: el.text_of("Engine").unwrap_or_default(),
        engine_version: el.text_of("EngineVersion").unwrap_or_default(),
        engine_mode: el
            .text_of("EngineMode")
            .unwrap_or_else(|| "provisioned".to_owned()),
        status: el.text_of("Status").unwrap_or_default(),
        backtrack_window_secs: el.number_of("BacktrackWindow")?.unwrap_or(0),
        earliest_backtrack_time: el.time_of("EarliestBacktrackTime")?,
        consumed_change_records: el.number_of("BacktrackConsumedChangeRecords")?,
        arn: el.text_of("DBClusterArn").unwrap_or_default(),
        endpoint: el.text_of("Endpoint").unwrap_or_default(),
        members,
    })
}

/// One XML element: its local name, its own text and its child elements.
#[derive(Debug, Default)]
struct Element {
    name: String,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn require(&self, name: &'static str) -> Result<&Element, ParseError> {
        self.child(name).ok_or(ParseError::Missing(name))
    }

    fn text_of(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.text.trim().to_owned())
    }

    fn time_of(&self, name: &'static str) -> Result<Option<Timestamp>, ParseError> {
        self.non_empty(name)
            .map(|text| {
                Timestamp::parse_iso(&text).map_err(|_| ParseError::Invalid {
                    field: name,
                    value: text,
                })
            })
            .transpose()
    }

    fn number_of(&self, name: &'static str) -> Result<Option<u64>, ParseError> {
        self.non_empty(name)
            .map(|text| {
                text.parse().map_err(|_| ParseError::Invalid {
                    field: name,
                    value: text,
                })
            })
            .transpose()
    }

    /// The `DBClusterIdentifier` every cluster and backtrack carries.
    fn cluster_id(&self) -> Result<ClusterId, ParseError> {
        const NAME: &str = "DBClusterIdentifier";
        let text = self.text_of(NAME).ok_or(ParseError::Missing(NAME))?;
        ClusterId::parse(&text).map_err(|_| ParseError::Invalid {
            field: NAME,
            value: text,
        })
    }

    fn non_empty(&self, name: &str) -> Option<String> {
        self.text_of(name).filter(|t| !t.is_empty())
    }
}

/// Reads `body` into its root element.
fn parse_tree(body: &str) -> Result<Element, ParseError> {
    // The position, not quick-xml's message: its messages would bring their text (and std's I/O
    // error texts) into the wasm for an answer that only says "this is not RDS".
    let malformed = |at: u64| ParseError::Xml(format!("malformed markup near byte {at}"));
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<Element> = Vec::new();
    loop {
        let event = reader.read_event();
        match event.map_err(|_| malformed(reader.error_position()))? {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::Xml("elements nested too deeply".to_owned()));
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                stack.push(Element {
                    name,
                    ..Element::default()
                });
            }
            Event::Empty(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let element = Element {
                    name,
                    ..Element::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::Text(text) => {
                let text = text
                    .unescape()
                    .map_err(|_| malformed(reader.buffer_position()))?;
                append_text(&mut stack, &text)?;
            }
            Event::CData(data) => {
                append_text(&mut stack, &String::from_utf8_lossy(&data))?;
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| ParseError::Xml("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Eof => return Err(ParseError::Xml("the document ended early".to_owned())),
            _ => {}
        }
    }
}

fn append_text(stack: &mut [Element], text: &str) -> Result<(), ParseError> {
    match stack.last_mut() {
        Some(open) => open.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(ParseError::Xml("text outside the root element".to_owned())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page_of_the_region_s_clusters_with_its_marker() {
        let body = r#"<DescribeDBClustersResponse><DescribeDBClustersResult>
  <DBClusters>
    <DBCluster><DBClusterIdentifier>a</DBClusterIdentifier><Engine>aurora-mysql</Engine><Status>available</Status><BacktrackWindow>3600</BacktrackWindow></DBCluster>
    <DBCluster><DBClusterIdentifier>b</DBClusterIdentifier><Engine>aurora-postgresql</Engine><Status>available</Status></DBCluster>
  </DBClusters>
  <Marker>b</Marker>
</DescribeDBClustersResult></DescribeDBClustersResponse>"#;
        let page = parse_cluster_page(body).unwrap();
        let ids: Vec<_> = page
            .clusters
            .iter()
            .map(|c| c.identifier.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(page.clusters[0].backtrack_window_secs, 3600);
        assert_eq!(page.marker.as_deref(), Some("b"));
        let last = body.replace("<Marker>b</Marker>", "");
        assert_eq!(parse_cluster_page(&last).unwrap().marker, None);
    }

    #[test]
    fn reads_sts_get_caller_identity() {
        let body = r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::123456789012:assumed-role/dba/alice</Arn>
    <UserId>AROAEXAMPLE:alice</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"#;
        let identity = parse_get_caller_identity(body).unwrap();
        assert_eq!(identity.account, "123456789012");
        assert_eq!(
            identity.arn,
            "arn:aws:sts::123456789012:assumed-role/dba/alice"
        );
        assert_eq!(identity.user_id, "AROAEXAMPLE:alice");
        let no_account = body.replace("<Account>123456789012</Account>", "");
        assert_eq!(
            parse_get_caller_identity(&no_account),
            Err(ParseError::Missing("Account"))
        );
    }

    const NS: &str = r#"xmlns="http://rds.amazonaws.com/doc/2014-10-31/""#;

    #[test]
    fn reads_a_backtrack_result() {
        let body = format!(
            r#"<?xml version="1.0"?><BacktrackDBClusterResponse {NS}>
  <BacktrackDBClusterResult>
    <BacktrackIdentifier>6fb8ad49-7d4a-4a9c-8b9a-3d3c8fa1b0a2</BacktrackIdentifier>
    <DBClusterIdentifier>my-cluster1</DBClusterIdentifier>
    <BacktrackTo>2017-07-08T18:00:00Z</BacktrackTo>
    <BacktrackedFrom>2017-07-08T19:00:00.512Z</BacktrackedFrom>
    <BacktrackRequestCreationTime>2017-07-08T19:00:01Z</BacktrackRequestCreationTime>
    <Status>PENDING</Status>
    <SomethingNew><Deep>ignored</Deep></SomethingNew>
  </BacktrackDBClusterResult>
  <ResponseMetadata><RequestId>a1b2</RequestId></ResponseMetadata>
</BacktrackDBClusterResponse>"#
        );
        let bt = parse_backtrack_db_cluster(&body).unwrap();
        assert_eq!(bt.cluster_id.as_str(), "my-cluster1");
        assert_eq!(bt.backtrack_id, "6fb8ad49-7d4a-4a9c-8b9a-3d3c8fa1b0a2");
        assert_eq!(bt.backtrack_to.unwrap().to_iso(), "2017-07-08T18:00:00Z");
        assert_eq!(bt.backtracked_from.unwrap().millis() % 1000, 512);
        assert_eq!(bt.status, BacktrackStatus::Pending);
        assert_eq!(request_id(&body).as_deref(), Some("a1b2"));
    }

    #[test]
    fn reads_a_page_of_backtracks_with_its_marker() {
        let body = format!(
            r#"<DescribeDBClusterBacktracksResponse {NS}><DescribeDBClusterBacktracksResult>
<Marker>page-2</Marker><DBClusterBacktracks>
<DBClusterBacktrack><DBClusterIdentifier>c1</DBClusterIdentifier><BacktrackIdentifier>b1</BacktrackIdentifier><Status>completed</Status></DBClusterBacktrack>
<DBClusterBacktrack><DBClusterIdentifier>c1</DBClusterIdentifier><BacktrackIdentifier>b2</BacktrackIdentifier><Status>applying</Status></DBClusterBacktrack>
</DBClusterBacktracks></DescribeDBClusterBacktracksResult></DescribeDBClusterBacktracksResponse>"#
        );
        let page = parse_describe_db_cluster_backtracks(&body).unwrap();
        assert_eq!(page.marker.as_deref(), Some("page-2"));
        let ids: Vec<_> = page
            .backtracks
            .iter()
            .map(|b| b.backtrack_id.as_str())
            .collect();
        assert_eq!(ids, ["b1", "b2"]);
        assert_eq!(page.backtracks[1].status, BacktrackStatus::Applying);
    }

    #[test]
    fn an_empty_page_has_no_backtracks() {
        let body = "<DescribeDBClusterBacktracksResponse><DescribeDBClusterBacktracksResult><DBClusterBacktracks/></DescribeDBClusterBacktracksResult></DescribeDBClusterBacktracksResponse>";
        let page = parse_describe_db_cluster_backtracks(body).unwrap();
        assert!(page.backtracks.is_empty());
        assert_eq!(page.marker, None);
    }

    #[test]
    fn reads_a_cluster() {
        let body = format!(
            r#"<DescribeDBClustersResponse {NS}><DescribeDBClustersResult><DBClusters><DBCluster>
<DBClusterIdentifier>prod-orders</DBClusterIdentifier><Engine>aurora-mysql</Engine>
<EngineVersion>8.0.mysql_aurora.3.05.2</EngineVersion><EngineMode>provisioned</EngineMode>
<Status>available</Status><BacktrackWindow>86400</BacktrackWindow>
<EarliestBacktrackTime>2021-02-12T04:59:22Z</EarliestBacktrackTime>
<BacktrackConsumedChangeRecords>1234</BacktrackConsumedChangeRecords>
<DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:prod-orders</DBClusterArn>
<Endpoint>prod-orders.cluster-x.us-east-1.rds.amazonaws.com</Endpoint>
<DBClusterMembers><DBClusterMember><DBInstanceIdentifier>prod-orders-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers>
</DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>"#
        );
        let clusters = parse_describe_db_clusters(&body).unwrap();
        let c = &clusters[0];
        assert_eq!(c.identifier.as_str(), "prod-orders");
        assert_eq!(c.backtrack_window_secs, 86_400);
        assert_eq!(c.consumed_change_records, Some(1234));
        assert_eq!(c.members, ["prod-orders-1"]);
        assert_eq!(
            c.earliest_backtrack_time.unwrap().to_iso(),
            "2021-02-12T04:59:22Z"
        );
        assert_eq!(c.backtrack_blocker(), None);
    }

    #[test]
    fn reads_an_error_with_its_request_id_outside_error() {
        let body = format!(
            r#"<ErrorResponse {NS}><Error><Type>Sender</Type><Code>DBClusterNotFoundFault</Code>
<Message>DBCluster nope not found.</Message></Error><RequestId>req-9</RequestId></ErrorResponse>"#
        );
        let e = parse_error(&body, Some(404)).unwrap();
        assert_eq!(e.kind, ErrorCode::DbClusterNotFound);
        assert_eq!(e.message, "DBCluster nope not found.");
        assert_eq!(e.request_id.as_deref(), Some("req-9"));
        assert_eq!(e.status, Some(404));
    }

    #[test]
    fn unescapes_entities() {
        let body = "<ErrorResponse><Error><Code>X</Code><Message>a &lt;b&gt; &amp; c</Message></Error></ErrorResponse>";
        assert_eq!(parse_error(body, None).unwrap().message, "a <b> & c");
    }

    #[test]
    fn malformed_input_is_a_typed_error() {
        assert!(matches!(
            parse_describe_db_clusters("not xml at all"),
            Err(ParseError::Xml(_))
        ));
        assert!(matches!(
            parse_describe_db_clusters("<a><b></a>"),
            Err(ParseError::Xml(_))
        ));
        assert!(matches!(
            parse_describe_db_clusters("<a>"),
            Err(ParseError::Xml(_))
        ));
        assert_eq!(
            parse_backtrack_db_cluster("<BacktrackDBClusterResponse/>"),
            Err(ParseError::Missing("BacktrackDBClusterResult"))
        );
        let deep = "<a>".repeat(1000);
        assert!(matches!(parse_error(&deep, None), Err(ParseError::Xml(_))));
        assert_eq!(
            parse_backtrack_db_cluster("<R><BacktrackDBClusterResult/></R>"),
            Err(ParseError::Missing("DBClusterIdentifier"))
        );
        let bad_id = "<R><BacktrackDBClusterResult><DBClusterIdentifier>9x</DBClusterIdentifier></BacktrackDBClusterResult></R>";
        assert_eq!(
            parse_backtrack_db_cluster(bad_id),
            Err(ParseError::Invalid {
                field: "DBClusterIdentifier",
                value: "9x".into()
            })
        );
        let bad_time = "<R><BacktrackDBClusterResult><DBClusterIdentifier>c</DBClusterIdentifier><BacktrackTo>soon</BacktrackTo></BacktrackDBClusterResult></R>";
        assert_eq!(
            parse_backtrack_db_cluster(bad_time),
            Err(ParseError::Invalid {
                field: "BacktrackTo",
                value: "soon".into()
            })
        );
    }
}
