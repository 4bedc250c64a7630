//! The page's shared state, handed to components through context.

use crate::browser;
use crate::client::Client;
use crate::ui::target::Target;
use leptos::prelude::*;
use rds_core::credentials::Credentials;
use rds_core::endpoint::{Endpoint, Route};
use rds_core::error::RdsError;
use rds_core::settings::Settings;
use rds_core::sign::ClockSkew;
use rds_core::time::{describe_duration, Timestamp};

/// The localStorage key of the settings that persist (never secrets), as one JSON object.
pub const SETTINGS_KEY: &str = "backtrack-console.settings";

/// Reads the saved settings (defaults when there are none).
fn load_settings() -> Settings {
    browser::load_setting(SETTINGS_KEY)
        .map_or_else(Settings::default, |json| Settings::from_json(&json))
}

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
        let saved = load_settings();
        Self {
            access_key_id: RwSignal::new(String::new()),
            secret_access_key: RwSignal::new(String::new()),
            session_token: RwSignal::new(String::new()),
            expires_at: RwSignal::new(String::new()),
            region: RwSignal::new(saved.region),
            endpoint: RwSignal::new(saved.endpoint),
            proxy: RwSignal::new(saved.proxy),
        }
    }

    /// Saves region, endpoint and proxy to localStorage (reactive: run it in an effect).
    pub fn save_settings(&self) {
        let settings = Settings {
            region: self.region.get(),
            endpoint: self.endpoint.get(),
            proxy: self.proxy.get(),
        };
        browser::save_setting(SETTINGS_KEY, &settings.to_json());
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
        self.expires_at
            .with_untracked(|e| Timestamp::parse_iso(e).ok())
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
        let endpoint_setting = self.endpoint.get_untracked();
        // Checked here, so a bad setting is reported before anything is signed.
        Endpoint::resolve(&region, &endpoint_setting)?;
        Ok(Client {
            endpoint_setting,
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

    /// How far `at` is from the server's time now, before or after, in words (`3 h 5 min`;
    /// reactive): "{} ago" for a past time, "in {}" for a coming one.
    pub fn distance_to(&self, at: Timestamp) -> String {
        describe_duration(at.millis() - self.server_now().millis())
    }
}

/// A cluster as looked up, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct LookedUp {
    /// What `DescribeDBClusters` said.
    pub cluster: rds_core::model::DbCluster,
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

/// The cluster the flow is about, as typed and as looked up, and the time chosen for it (the
/// backtracks themselves are owned by [`crate::ui::lifecycle::Backtracks`]).
#[derive(Clone, Copy, Debug)]
pub struct Flow {
    /// The DB cluster identifier as typed.
    pub cluster_input: RwSignal<String>,
    /// The looked-up cluster.
    pub cluster: RwSignal<Option<LookedUp>>,
    /// The time to backtrack to.
    pub target: Target,
    /// True while a lookup is under way.
    pub looking_up: RwSignal<bool>,
    /// Why the last lookup failed.
    pub lookup_error: RwSignal<Option<RdsError>>,
}

impl Flow {
    /// No cluster and no time chosen yet.
    pub fn new() -> Self {
        Self {
            cluster_input: RwSignal::new(String::new()),
            cluster: RwSignal::new(None),
            target: Target::new(),
            looking_up: RwSignal::new(false),
            lookup_error: RwSignal::new(None),
        }
    }

    /// The earliest backtrack time of the looked-up cluster at `now` (reactive).
    pub fn earliest(&self, now: Timestamp) -> Option<Timestamp> {
        self.cluster
            .with(|c| c.as_ref().and_then(|l| l.earliest_now(now)))
    }
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}
