//! Who the credentials act as, asked of STS (`GetCallerIdentity`) whenever the credentials or
//! where they are sent change, and shown in the `Identity` panel and the confirmation dialog.

use crate::browser;
use crate::ui::state::{Connection, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::calls::GetCallerIdentity;
use rds_core::error::RdsError;
use rds_core::identity::CallerIdentity;

/// How long the connection must stay unchanged before STS is asked (typing does not send calls).
const SETTLE_MS: u32 = 500;

/// What is known of the caller.
#[derive(Clone, Debug, PartialEq)]
pub enum Caller {
    /// No credentials to ask with.
    NoCredentials,
    /// The question is on its way.
    Checking,
    /// STS's answer.
    Known(CallerIdentity),
    /// Why STS could not answer (expired or refused credentials, a route without `{service}`).
    Failed(RdsError),
}

/// The caller, owned in one place: asked again when the connection changes.
#[derive(Clone, Copy, Debug)]
pub struct Identity {
    /// What is known now.
    pub caller: RwSignal<Caller>,
    /// The latest question; an older answer is dropped.
    asked: StoredValue<u32>,
}

impl Identity {
    /// Nothing asked yet.
    pub fn new() -> Self {
        Self {
            caller: RwSignal::new(Caller::NoCredentials),
            asked: StoredValue::new(0),
        }
    }

    /// Asks STS again whenever `connection`'s credentials, region, endpoint or proxy change, once
    /// they have stayed unchanged for a moment.
    pub fn follow(self, connection: Connection, session: Session) {
        Effect::new(move |_| {
            for field in [
                connection.access_key_id,
                connection.secret_access_key,
                connection.session_token,
                connection.region,
                connection.endpoint,
                connection.proxy,
            ] {
                field.track();
            }
            self.ask(connection, session);
        });
    }

    /// Asks STS who the credentials are, after [`SETTLE_MS`] without a newer question.
    pub fn ask(self, connection: Connection, session: Session) {
        let ticket = self.asked.get_value().wrapping_add(1);
        self.asked.set_value(ticket);
        let current = move || self.asked.try_get_value() == Some(ticket);
        spawn_local(async move {
            browser::sleep(SETTLE_MS).await;
            if !current() {
                return;
            }
            let client = match connection.client(session.skew) {
                Ok(client) => client,
                Err(RdsError::NoCredentials) => {
                    self.caller.try_set(Caller::NoCredentials);
                    return;
                }
                Err(error) => {
                    self.caller.try_set(Caller::Failed(error));
                    return;
                }
            };
            self.caller.try_set(Caller::Checking);
            let answer = client.call(&GetCallerIdentity).await;
            if current() {
                self.caller.try_set(match answer {
                    Ok(identity) => Caller::Known(identity),
                    Err(error) => Caller::Failed(error),
                });
            }
        });
    }
}

impl Default for Identity {
    fn default() -> Self {
        Self::new()
    }
}
