//! "Latest answer wins": each question takes a [`Ticket`]; its answer lands only while no newer
//! question has been asked (a newer lookup, another page, an edit that drops what was asked).

use leptos::prelude::*;

/// The questions of one kind, of which only the latest may land its answer.
#[derive(Clone, Copy, Debug)]
pub struct Latest(StoredValue<u32>);

/// One question; see [`Ticket::is_latest`].
#[derive(Clone, Copy, Debug)]
pub struct Ticket {
    latest: Latest,
    number: u32,
}

impl Latest {
    /// No question asked yet.
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// A new question: every answer still under way is dropped from now on.
    pub fn ask(&self) -> Ticket {
        let number = self.0.get_value().wrapping_add(1);
        self.0.set_value(number);
        self.current()
    }

    /// The latest question as it stands: dropped once another is asked.
    pub fn current(&self) -> Ticket {
        Ticket {
            latest: *self,
            number: self.0.get_value(),
        }
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}

impl Ticket {
    /// True while no newer question was asked (false once the owner is gone).
    pub fn is_latest(&self) -> bool {
        self.latest.0.try_get_value() == Some(self.number)
    }
}
