//! `Copy link to this view`: the region, the cluster and the chosen time in a URL fragment, read
//! back when the page opens with one. Nothing else can go in it: no credential, endpoint or proxy
//! (the fragment never reaches a server, but links are pasted into chats and tickets).

use crate::endpoint::REGIONS;
use crate::model::ClusterId;
use crate::time::Timestamp;

/// What a link to a view of the console holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewLink {
    /// The region code.
    pub region: String,
    /// The cluster.
    pub cluster: ClusterId,
    /// The chosen time, if one is.
    pub at: Option<Timestamp>,
}

impl ViewLink {
    /// The fragment, `#region=…&cluster=…&at=…`. Nothing in it needs escaping: a region and a
    /// cluster identifier are letters, digits and dashes, the time ISO 8601 (`:` may stand in a
    /// fragment).
    pub fn fragment(&self) -> String {
        let at = self.at.map(|at| format!("&at={}", at.to_iso()));
        format!(
            "#region={}&cluster={}{}",
            self.region,
            self.cluster,
            at.unwrap_or_default()
        )
    }

    /// Reads a fragment (with or without its `#`); `None` unless it names a region of the
    /// console's list and a valid cluster identifier. An unreadable time is left out, and so is
    /// anything else.
    pub fn parse(fragment: &str) -> Option<Self> {
        let text = fragment.strip_prefix('#').unwrap_or(fragment);
        let (mut region, mut cluster, mut at) = (None, None, None);
        for (key, value) in text.split('&').filter_map(|pair| pair.split_once('=')) {
            match key {
                "region" => region = Some(value),
                "cluster" => cluster = ClusterId::parse(value).ok(),
                "at" => at = Timestamp::parse_iso(value).ok(),
                _ => {}
            }
        }
        let region = region.filter(|r| REGIONS.iter().any(|(listed, _)| listed == r))?;
        Some(Self {
            region: region.to_owned(),
            cluster: cluster?,
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> ViewLink {
        ViewLink {
            region: "eu-west-1".into(),
            cluster: ClusterId::parse("orders-prod").unwrap(),
            at: Some(Timestamp::parse_iso("2026-11-25T14:05:00Z").unwrap()),
        }
    }

    #[test]
    fn round_trips_through_its_fragment() {
        let fragment = link().fragment();
        assert_eq!(
            fragment,
            "#region=eu-west-1&cluster=orders-prod&at=2026-11-25T14:05:00Z"
        );
        assert_eq!(ViewLink::parse(&fragment), Some(link()));
        let no_time = ViewLink { at: None, ..link() };
        assert_eq!(ViewLink::parse(&no_time.fragment()), Some(no_time));
    }

    #[test]
    fn reads_only_a_valid_region_and_cluster() {
        assert_eq!(ViewLink::parse(""), None);
        assert_eq!(ViewLink::parse("#cluster=orders-prod"), None);
        assert_eq!(ViewLink::parse("#region=eu-west-1&cluster=-bad-"), None);
        assert_eq!(
            ViewLink::parse("#region=%3Cscript%3E&cluster=orders-prod"),
            None
        );
        assert_eq!(
            ViewLink::parse("#region=mars-north-1&cluster=orders-prod"),
            None
        );
        let odd_time = ViewLink::parse("region=eu-west-1&cluster=orders-prod&at=soon&x=1");
        assert_eq!(odd_time, Some(ViewLink { at: None, ..link() }));
    }
}
