//! `Copy link to this view`, and opening such a link: the region, the cluster and the chosen time
//! from its fragment fill the page, and the cluster is looked up once Identity has confirmed the
//! credentials. The link holds nothing else ([`ViewLink`]).

use crate::browser;
use crate::ui::copy_button::CopyButton;
use crate::ui::identity::{Caller, Identity};
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Connection, Field, Flow};
use leptos::prelude::*;
use rds_core::view_link::ViewLink;

/// Fills the page from the link it was opened with, if it has a readable fragment, and looks
/// the cluster up (once) as soon as credentials are present and confirmed, unless the user has
/// changed the identifier or the region, or looked a cluster up, since.
pub fn open_from_link(
    connection: Connection,
    flow: Flow,
    backtracks: Backtracks,
    identity: Identity,
) {
    let Some(link) = browser::fragment().and_then(|f| ViewLink::parse(&f)) else {
        return;
    };
    connection.choose_region(link.region.clone());
    flow.type_identifier(&link.cluster);
    if let Some(at) = link.at {
        flow.target.set(at);
    }
    Effect::new(move |looked_up: Option<bool>| {
        if looked_up == Some(true) {
            return true;
        }
        let ready = matches!(identity.caller(), Caller::Known(_));
        let as_linked = || {
            flow.typed_identifier() == link.cluster.as_str()
                && connection.get(Field::Region) == link.region
                && flow.cluster_id().is_none()
        };
        if ready && untrack(as_linked) {
            backtracks.look_up(link.cluster.clone());
        }
        ready
    });
}

/// Copies the page's address with the fragment of this view: its region, cluster and chosen
/// time.
pub fn copy_view_link() -> impl IntoView {
    let connection = expect_context::<Connection>();
    let flow = expect_context::<Flow>();
    let link = move || {
        let Some(cluster) = flow.cluster_id() else {
            return String::new();
        };
        let view = ViewLink {
            region: connection.get(Field::Region),
            cluster,
            at: flow.target.instant().ok(),
        };
        browser::address() + &view.fragment()
    };
    view! { <CopyButton label="Copy link to this view" text=Signal::derive(link) /> }
}
