//! What the console speaks to AWS, independent of any browser: the model, the operations it
//! calls and their encoding, signing, parsing, errors, endpoints and time. This crate depends on no web-sys, js-sys,
//! gloo or Leptos (Cargo enforces it), so it builds and is tested natively.
//!
//! # Layout
//! - [`model`]: cluster identifiers, backtrack requests and results, clusters.
//! - [`operation`]: what an AWS operation declares ([`operation::Call`]), and the protocols.
//! - [`calls`]: every operation the console calls, one declaration each.
//! - [`query`]: the Query protocol's form bodies; [`json`]: the JSON protocol's bodies and errors.
//! - [`sign`]: SigV4 with an explicit clock (by protocol), and clock-skew correction.
//! - [`xml`]: success and error envelopes into typed values.
//! - [`error`]: [`error::RdsError`] and the hint shown for each error.
//! - [`answer`]: what one HTTP answer means, and what it tells of the server's clock.
//! - [`service`]: the services the console calls (RDS, STS, CloudWatch, CloudTrail) and their
//!   protocols.
//! - [`endpoint`]: regions, endpoint URLs and the route through a CORS proxy.
//! - [`credentials`]: credentials held in memory, and their import.
//! - [`identity`]: who the credentials act as (STS `GetCallerIdentity`).
//! - [`metrics`]: CloudWatch's backtrack metrics and the window's health.
//! - [`loss`]: what a backtrack undoes (the writer's commits and the change records since).
//! - [`timeline`]: the last 24 hours as a line: where the window and the chosen time fall.
//! - [`view_link`]: the region, cluster and chosen time in a link's fragment, and back.
//! - [`trail`]: CloudTrail's `BacktrackDBCluster` events, and which one started a backtrack.
//! - [`sso`]: IAM Identity Center sign-in (device authorization), unsigned rest-json.
//! - [`time`]: instants as AWS writes them (ISO 8601, SigV4, HTTP dates), through chrono.
//! - [`target_time`]: the picker's value in UTC or local time, checked against the window; steps.
//! - [`pasted_time`]: a time pasted in any usual format (ISO 8601, MySQL, epoch, HTTP date).
//! - [`outcome`]: whether a backtrack whose answer could not be read started.
//! - [`undo`]: the time that undoes a completed backtrack, or why there is none.
//! - [`export`]: the AWS CLI command and a backtrack's details as JSON.
//! - [`settings`]: what the console remembers between visits, as JSON.
//! - [`backoff`]: delays between status polls.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod answer;
pub mod backoff;
pub mod calls;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod export;
pub mod identity;
pub mod json;
pub mod loss;
pub mod metrics;
pub mod model;
pub mod operation;
pub mod outcome;
pub mod pasted_time;
pub mod query;
pub mod service;
pub mod settings;
pub mod sign;
pub mod sso;
pub mod target_time;
pub mod time;
pub mod timeline;
pub mod trail;
pub mod undo;
pub mod view_link;
pub mod xml;
