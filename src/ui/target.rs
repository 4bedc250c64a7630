//! The time the next backtrack goes to: the picker's text and the zone it is read in. The form,
//! the history (`Use … again`) and each new backtrack (its `BacktrackTo`) set it.

use chrono::Local;
use leptos::prelude::*;
use rds_core::pasted_time::{read_pasted_time, PasteError, PastedTime};
use rds_core::target_time::{format_picker, parse_picker, TimeError, Zone};
use rds_core::time::Timestamp;

/// The chosen time, as the `Backtrack to` picker shows it.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// The picker's text (`2026-11-25T14:30:05`), in `zone`.
    picker: RwSignal<String>,
    /// The zone the picker is read in.
    zone: RwSignal<Zone>,
}

impl Target {
    /// Nothing chosen yet, in UTC.
    pub fn new() -> Self {
        Self {
            picker: RwSignal::new(String::new()),
            zone: RwSignal::new(Zone::Utc),
        }
    }

    /// The signal the picker is bound to: the user's typing is what changes it through this.
    pub fn picker_input(&self) -> RwSignal<String> {
        self.picker
    }

    /// True while the picker is empty (reactive).
    pub fn is_empty(&self) -> bool {
        self.picker.with(String::is_empty)
    }

    /// The zone the picker is read in (reactive).
    pub fn zone(&self) -> Zone {
        self.zone.get()
    }

    /// The chosen instant (reactive).
    pub fn instant(&self) -> Result<Timestamp, TimeError> {
        parse_picker(&self.picker.get(), self.zone.get(), &Local)
    }

    /// Shows `t` in the picker, in the chosen zone.
    pub fn set(&self, t: Timestamp) {
        self.picker
            .set(format_picker(t, self.zone.get_untracked(), &Local));
    }

    /// Reads the picker in `zone` from now on, keeping the instant it shows.
    pub fn switch_zone(&self, zone: Zone) {
        let instant = self.instant_untracked();
        self.zone.set(zone);
        if let Some(t) = instant {
            self.set(t);
        }
    }

    /// Moves the chosen time by `secs` (negative: earlier), from `start` when none is chosen.
    pub fn step(&self, secs: i64, start: Timestamp) {
        let from = self.instant_untracked().unwrap_or(start);
        self.set(from.add_millis(secs * 1000));
    }

    /// Reads pasted `text` (a wall time in the chosen zone) and, if it is a time, chooses it.
    pub fn paste(&self, text: &str) -> Result<Option<PastedTime>, PasteError> {
        let pasted = read_pasted_time(text, self.zone.get_untracked(), &Local)?;
        if let Some(p) = &pasted {
            self.set(p.at);
        }
        Ok(pasted)
    }

    fn instant_untracked(&self) -> Option<Timestamp> {
        parse_picker(
            &self.picker.get_untracked(),
            self.zone.get_untracked(),
            &Local,
        )
        .ok()
    }
}

impl Default for Target {
    fn default() -> Self {
        Self::new()
    }
}
