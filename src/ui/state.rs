//! The page's shared state, handed to components through context.

use crate::browser;
use crate::client::Client;
use crate::ui::latest::Latest;
use crate::ui::target::Target;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::calls::DescribeDbCluster;
use rds_core::credentials::Credentials;
use rds_core::endpoint::{Endpoint, Route};
use rds_core::error::RdsError;
use rds_core::metrics::WindowHealth;
use rds_core::model::ClusterId;
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

/// A field of the connection panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Access key ID.
    AccessKeyId,
    /// Secret access key.
    SecretAccessKey,
    /// Session token.
    SessionToken,
    /// Credentials expire at (ISO 8601).
    ExpiresAt,
    /// Region code.
    Region,
    /// Endpoint URL override.
    Endpoint,
    /// CORS proxy URL.
    Proxy,
}

impl Field {
    /// The four credential fields.
    const CREDENTIALS: [Self; 4] = [
        Self::AccessKeyId,
        Self::SecretAccessKey,
        Self::SessionToken,
        Self::ExpiresAt,
    ];
}

/// The connection panel's fields, owned here: read with [`Connection::get`], edited by their
/// inputs and changed by the methods below. Secrets live in these signals only, never in storage.
#[derive(Clone, Copy, Debug)]
pub struct Connection {
    /// One signal per [`Field`], in its order.
    fields: [RwSignal<String>; 7],
    /// True once the credentials were cleared because they expired.
    expired_cleared: RwSignal<bool>,
}

impl Connection {
    /// Fields filled from saved settings (region, endpoint, proxy); credentials empty.
    pub fn from_saved_settings() -> Self {
        let saved = load_settings();
        let [region, endpoint, proxy] = [saved.region, saved.endpoint, saved.proxy];
        Self {
            fields: [
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                region,
                endpoint,
                proxy,
            ]
            .map(RwSignal::new),
            expired_cleared: RwSignal::new(false),
        }
    }

    /// The text of `field` (reactive).
    pub fn get(&self, field: Field) -> String {
        self.fields[field as usize].get()
    }

    /// The text of `field`, not tracked.
    pub fn get_untracked(&self, field: Field) -> String {
        self.fields[field as usize].get_untracked()
    }

    /// The signal `field`'s input is bound to: the user's typing is what changes it through this.
    pub fn input(&self, field: Field) -> RwSignal<String> {
        self.fields[field as usize]
    }

    /// Sends requests to region `code` from now on.
    pub fn choose_region(&self, code: String) {
        self.input(Field::Region).set(code);
    }

    /// Subscribes the running effect to every field that decides who the caller is or where
    /// calls go (all but the expiry).
    pub fn track_caller(&self) {
        for (i, field) in self.fields.iter().enumerate() {
            if i != Field::ExpiresAt as usize {
                field.track();
            }
        }
    }

    /// True once the credentials were cleared because they expired, until new ones are typed
    /// (reactive).
    pub fn expired_cleared(&self) -> bool {
        self.expired_cleared.get()
            && [Field::AccessKeyId, Field::ExpiresAt]
                .iter()
                .all(|f| self.fields[*f as usize].with(String::is_empty))
    }

    /// Saves region, endpoint and proxy to localStorage (reactive: run it in an effect).
    pub fn save_settings(&self) {
        let settings = Settings {
            region: self.get(Field::Region),
            endpoint: self.get(Field::Endpoint),
            proxy: self.get(Field::Proxy),
        };
        browser::save_setting(SETTINGS_KEY, &settings.to_json());
    }

    /// The credentials as typed, if the required fields are there.
    pub fn credentials(&self) -> Result<Credentials, RdsError> {
        let typed = |field| self.get_untracked(field).trim().to_owned();
        let key = typed(Field::AccessKeyId);
        let secret = typed(Field::SecretAccessKey);
        if key.is_empty() || secret.is_empty() {
            return Err(RdsError::NoCredentials);
        }
        let token = typed(Field::SessionToken);
        Ok(Credentials {
            access_key_id: key,
            secret_access_key: secret,
            session_token: (!token.is_empty()).then_some(token),
            expires_at: self.expiry(),
        })
    }

    /// The expiry time, if one was given and is readable.
    pub fn expiry(&self) -> Option<Timestamp> {
        self.fields[Field::ExpiresAt as usize].with_untracked(|e| Timestamp::parse_iso(e).ok())
    }

    /// Fills the credential fields from imported credentials.
    pub fn fill(&self, credentials: Credentials) {
        let expires_at = credentials.expires_at.map(Timestamp::to_iso);
        let values = [
            credentials.access_key_id,
            credentials.secret_access_key,
            credentials.session_token.unwrap_or_default(),
            expires_at.unwrap_or_default(),
        ];
        for (field, value) in Field::CREDENTIALS.into_iter().zip(values) {
            self.input(field).set(value);
        }
    }

    /// Forgets the credentials.
    pub fn clear_credentials(&self) {
        for field in Field::CREDENTIALS {
            self.input(field).set(String::new());
        }
    }

    /// Forgets the credentials once they have expired at `server_now`.
    fn expire(&self, server_now: Timestamp) {
        if self.expiry().is_some_and(|at| at <= server_now) {
            self.clear_credentials();
            self.expired_cleared.set(true);
        }
    }

    /// A client for the current settings, on `session`'s clock.
    pub fn client(&self, session: Session) -> Result<Client, RdsError> {
        let region = self.get_untracked(Field::Region);
        let endpoint_setting = self.get_untracked(Field::Endpoint);
        // Checked here, so a bad setting is reported before anything is signed.
        Endpoint::resolve(&region, &endpoint_setting)?;
        Ok(Client {
            endpoint_setting,
            route: Route::parse(&self.get_untracked(Field::Proxy))?,
            credentials: self.credentials()?,
            skew: session.skew,
            region,
        })
    }
}

/// The page's clock: ticks every second, corrected by what the server told us.
#[derive(Clone, Copy, Debug)]
pub struct Session {
    /// Local time, updated every second.
    now: RwSignal<Timestamp>,
    /// The server's clock offset, shared by every client (which corrects it).
    skew: RwSignal<ClockSkew>,
}

impl Session {
    /// A clock starting at `local_now`, not yet corrected.
    pub fn new(local_now: Timestamp) -> Self {
        Self {
            now: RwSignal::new(local_now),
            skew: RwSignal::new(ClockSkew::default()),
        }
    }

    /// Advances the clock to `local_now`, and has `connection` forget its credentials once they
    /// expire.
    pub fn tick(&self, local_now: Timestamp, connection: &Connection) {
        self.now.set(local_now);
        connection.expire(self.skew.get_untracked().corrected(local_now));
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
    cluster_input: RwSignal<String>,
    /// The looked-up cluster.
    cluster: RwSignal<Option<LookedUp>>,
    /// The time to backtrack to.
    pub target: Target,
    /// True while a lookup is under way.
    looking_up: RwSignal<bool>,
    /// Why the last lookup failed.
    lookup_error: RwSignal<Option<RdsError>>,
    /// The cluster asked about: being looked up, or shown.
    asked: RwSignal<Option<ClusterId>>,
    /// What CloudWatch says of its window (and the end of the period read); `None` while reading.
    health: RwSignal<Option<Result<(WindowHealth, Timestamp), RdsError>>>,
    /// The lookups: only the latest one's answer is shown.
    lookups: Latest,
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
            asked: RwSignal::new(None),
            health: RwSignal::new(None),
            lookups: Latest::new(),
        }
    }

    /// The identifier as typed (reactive).
    pub fn typed_identifier(&self) -> String {
        self.cluster_input.get()
    }

    /// The signal the identifier's input is bound to: the user's typing is what changes it
    /// through this.
    pub fn identifier_input(&self) -> RwSignal<String> {
        self.cluster_input
    }

    /// Reads the looked-up cluster, if there is one (reactive).
    pub fn with_cluster<R>(&self, read: impl FnOnce(Option<&LookedUp>) -> R) -> R {
        self.cluster.with(|c| read(c.as_ref()))
    }

    /// The looked-up cluster's identifier, if there is one (reactive).
    pub fn cluster_id(&self) -> Option<ClusterId> {
        self.with_cluster(|c| c.map(|l| l.cluster.identifier.clone()))
    }

    /// The cluster being looked up, or shown (reactive): what its history and metrics are read
    /// for, without waiting for the lookup.
    pub fn asked_id(&self) -> Option<ClusterId> {
        self.asked.get()
    }

    /// What CloudWatch says of the asked cluster's window, and the end of the period read;
    /// `None` while it is read (reactive).
    pub fn health(&self) -> Option<Result<(WindowHealth, Timestamp), RdsError>> {
        self.health.get()
    }

    /// The looked-up cluster, not tracked.
    pub fn cluster_untracked(&self) -> Option<LookedUp> {
        self.cluster.get_untracked()
    }

    /// True while a lookup is under way (reactive).
    pub fn looking_up(&self) -> bool {
        self.looking_up.get()
    }

    /// Why the last lookup failed, while it matters.
    pub fn lookup_error(&self) -> Signal<Option<RdsError>> {
        self.lookup_error.into()
    }

    /// The earliest backtrack time of the looked-up cluster at `now` (reactive).
    pub fn earliest(&self, now: Timestamp) -> Option<Timestamp> {
        self.with_cluster(|c| c.and_then(|l| l.earliest_now(now)))
    }

    /// Shows `looked_up` on the card.
    pub fn show(&self, looked_up: LookedUp) {
        self.cluster.set(Some(looked_up));
    }

    /// Types `id` as the identifier (a cluster chosen from the list).
    pub fn type_identifier(&self, id: &ClusterId) {
        self.cluster_input.set(id.to_string());
    }

    /// Looks `id` up (`DescribeDBClusters`) with `client`, showing progress and errors, and
    /// reads its window's health (`GetMetricData`) at the same time: neither waits for the other.
    /// Only the latest lookup's answers are shown.
    pub fn look_up(self, client: Result<Client, RdsError>, id: ClusterId) {
        let ticket = self.lookups.ask();
        self.asked.set(Some(id.clone()));
        let client = match client {
            Ok(client) => client,
            Err(error) => {
                self.looking_up.set(false);
                return self.lookup_error.set(Some(error));
            }
        };
        self.looking_up.set(true);
        self.lookup_error.set(None);
        self.cluster.set(None);
        self.health.set(None);
        let (metrics, cluster) = (client.clone(), id.clone());
        spawn_local(async move {
            let end = metrics.server_now().whole_seconds();
            let read = metrics.window_health(&cluster, end).await;
            if ticket.is_latest() {
                self.health.set(Some(read.map(|health| (health, end))));
            }
        });
        spawn_local(async move {
            let result = client.call(&DescribeDbCluster(id)).await;
            if !ticket.is_latest() {
                return;
            }
            self.looking_up.set(false);
            match result {
                Ok(cluster) => {
                    self.show(LookedUp {
                        cluster,
                        at: client.server_now(),
                    });
                }
                Err(error) => self.lookup_error.set(Some(error)),
            }
        });
    }

    /// Forgets the looked-up cluster (its identifier is being edited): a lookup still under way
    /// is dropped when it answers.
    pub fn forget_cluster(&self) {
        self.lookups.ask();
        self.looking_up.set(false);
        self.cluster.set(None);
        self.asked.set(None);
    }

    /// Reads `id` again for its card (a backtrack of it ended); dropped if the user has looked
    /// up anything since, or the card shows another cluster.
    pub async fn refresh(self, client: &Client, id: &ClusterId) {
        let ticket = self.lookups.current();
        let Ok(cluster) = client.call(&DescribeDbCluster(id.clone())).await else {
            return;
        };
        if ticket.is_latest() && untrack(|| self.cluster_id()).as_ref() == Some(id) {
            self.show(LookedUp {
                cluster,
                at: client.server_now(),
            });
        }
    }
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}
