//! Who the credentials act as, asked of STS (`GetCallerIdentity`) whenever the credentials or
//! where they are sent change, and shown in the `Identity` panel and the confirmation dialog.

use crate::browser;
use crate::ui::latest::Latest;
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
    caller: RwSignal<Caller>,
    /// The questions: an older answer is dropped.
    asked: Latest,
}

impl Identity {
    /// Nothing asked yet.
    pub fn new() -> Self {
        Self {
            caller: RwSignal::new(Caller::NoCredentials),
            asked: Latest::new(),
        }
    }

    /// What is known of the caller now (reactive).
    pub fn caller(&self) -> Caller {
        self.caller.get()
    }

    /// Takes `caller` as what is known now (nothing, once the page is gone).
    pub fn learn(&self, caller: Caller) {
        self.caller.try_set(caller);
    }

    /// Asks STS again whenever `connection`'s credentials, region, endpoint or proxy change, once
    /// they have stayed unchanged for a moment.
    pub fn follow(self, connection: Connection, session: Session) {
        Effect::new(move |_| {
            connection.track_caller();
            self.ask(connection, session);
        });
    }

    /// Asks STS who the credentials are, after [`SETTLE_MS`] without a newer question.
    pub fn ask(self, connection: Connection, session: Session) {
        let ticket = self.asked.ask();
        spawn_local(async move {
            browser::sleep(SETTLE_MS).await;
            if !ticket.is_latest() {
                return;
            }
            let client = match connection.client(session) {
                Ok(client) => client,
                Err(RdsError::NoCredentials) => return self.learn(Caller::NoCredentials),
                Err(error) => return self.learn(Caller::Failed(error)),
            };
            self.learn(Caller::Checking);
            let answer = client.call(&GetCallerIdentity).await;
            if ticket.is_latest() {
                self.learn(match answer {
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
