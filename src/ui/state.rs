//! The page's shared state, handed to components through context.

use crate::browser;
use crate::client::Client;
use crate::rds::credentials::{parse_expiry, Credentials};
use crate::rds::endpoint::{Endpoint, Route, DEFAULT_REGION};
use crate::rds::error::RdsError;
use crate::rds::sign::ClockSkew;
use crate::rds::time::Timestamp;
use leptos::prelude::*;

/// localStorage keys of the settings that persist (never secrets).
pub const REGION_KEY: &str = "backtrack-console.region";
/// See [`REGION_KEY`].
pub const ENDPOINT_KEY: &str = "backtrack-console.endpoint";
/// See [`REGION_KEY`].
pub const PROXY_KEY: &str = "backtrack-console.proxy";

/// The connection panel's fields. Secrets live in these signals only, never in storage.
#[derive(Clone, Copy, Debug)]
pub struct Connection {
    /// Access key ID.
    pub access_key_id: RwSignal<String>,
    /// Secret access key.
    pub secret_access_key: RwSignal<String>,
    /// Session token.
    pub session_token: RwSignal<String>,
    /// Credentials expire at (ISO 8601).
    pub expires_at: RwSignal<String>,
    /// Region code.
    pub region: RwSignal<String>,
    /// Endpoint URL override.
    pub endpoint: RwSignal<String>,
    /// CORS proxy URL.
    pub proxy: RwSignal<String>,
}

impl Connection {
    /// Fields filled from saved settings (region, endpoint, proxy); credentials empty.
    pub fn from_saved_settings() -> Self {
        let saved = |key, default: &str| {
            RwSignal::new(browser::load_setting(key).unwrap_or_else(|| default.to_owned()))
        };
        Self {
            access_key_id: RwSignal::new(String::new()),
            secret_access_key: RwSignal::new(String::new()),
            session_token: RwSignal::new(String::new()),
            expires_at: RwSignal::new(String::new()),
            region: saved(REGION_KEY, DEFAULT_REGION),
            endpoint: saved(ENDPOINT_KEY, ""),
            proxy: saved(PROXY_KEY, ""),
        }
    }

    /// The credentials as typed, if the required fields are there.
    pub fn credentials(&self) -> Result<Credentials, RdsError> {
        let key = self.access_key_id.get_untracked().trim().to_owned();
        let secret = self.secret_access_key.get_untracked().trim().to_owned();
        if key.is_empty() || secret.is_empty() {
            return Err(RdsError::NoCredentials);
        }
        let token = self.session_token.get_untracked().trim().to_owned();
        Ok(Credentials {
            access_key_id: key,
            secret_access_key: secret,
            session_token: (!token.is_empty()).then_some(token),
            expires_at: self.expiry(),
        })
    }

    /// The expiry time, if one was given and is readable.
    pub fn expiry(&self) -> Option<Timestamp> {
        self.expires_at.with_untracked(|e| parse_expiry(e))
    }

    /// Fills the credential fields from imported credentials.
    pub fn fill(&self, credentials: Credentials) {
        self.access_key_id.set(credentials.access_key_id);
        self.secret_access_key.set(credentials.secret_access_key);
        self.session_token
            .set(credentials.session_token.unwrap_or_default());
        self.expires_at.set(
            credentials
                .expires_at
                .map(Timestamp::to_iso)
                .unwrap_or_default(),
        );
    }

    /// Forgets the credentials.
    pub fn clear_credentials(&self) {
        for field in [
            self.access_key_id,
            self.secret_access_key,
            self.session_token,
            self.expires_at,
        ] {
            field.set(String::new());
        }
    }

    /// A client for the current settings, sharing the page's `skew`.
    pub fn client(&self, skew: RwSignal<ClockSkew>) -> Result<Client, RdsError> {
        let region = self.region.get_untracked();
        Ok(Client {
            endpoint: Endpoint::resolve(&region, &self.endpoint.get_untracked())?,
            route: Route::parse(&self.proxy.get_untracked())?,
            credentials: self.credentials()?,
            skew,
            region,
        })
    }
}

/// The page's clock: ticks every second, corrected by what the server told us.
#[derive(Clone, Copy, Debug)]
pub struct Session {
    /// Local time, updated every second.
    pub now: RwSignal<Timestamp>,
    /// The server's clock offset, shared by all requests.
    pub skew: RwSignal<ClockSkew>,
    /// True once credentials were cleared because they expired.
    pub expired_cleared: RwSignal<bool>,
}

impl Session {
    /// Advances the clock to `local_now`, and forgets `connection`'s credentials once they expire.
    pub fn tick(&self, local_now: Timestamp, connection: &Connection) {
        self.now.set(local_now);
        let server_now = self.skew.get_untracked().corrected(local_now);
        if connection.expiry().is_some_and(|at| at <= server_now) {
            connection.clear_credentials();
            self.expired_cleared.set(true);
        }
    }

    /// The server's time now, as best known (reactive: updates every second).
    pub fn server_now(&self) -> Timestamp {
        self.skew.get().corrected(self.now.get())
    }
}

/// A cluster as looked up, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct LookedUp {
    /// What `DescribeDBClusters` said.
    pub cluster: crate::rds::model::DbCluster,
    /// The server's time at the lookup.
    pub at: Timestamp,
}

impl LookedUp {
    /// The earliest backtrack time now: the window slides forward with the clock.
    pub fn earliest_now(&self, now: Timestamp) -> Option<Timestamp> {
        let earliest = self.cluster.earliest_backtrack_time?;
        let window_start = now.add_millis(-(self.cluster.backtrack_window_secs as i64) * 1000);
        Some(earliest.max(window_start))
    }
}

/// The backtrack flow's state: the cluster, the backtrack being followed, the history.
#[derive(Clone, Copy, Debug)]
pub struct Flow {
    /// The DB cluster identifier as typed.
    pub cluster_input: RwSignal<String>,
    /// The looked-up cluster.
    pub cluster: RwSignal<Option<LookedUp>>,
    /// The backtrack the status card follows.
    pub tracked: RwSignal<Option<crate::rds::model::DbClusterBacktrack>>,
    /// Bumped to reload the history.
    pub history_version: RwSignal<u32>,
}
