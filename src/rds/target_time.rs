//! The time to backtrack to: read from a `datetime-local` value in UTC or local time, checked
//! against the backtrack window, and written back for the picker.

use super::time::Timestamp;
use thiserror::Error;

/// How the picker's value is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    /// The value is UTC (the default).
    #[default]
    Utc,
    /// The value is this computer's local time.
    Local,
}

/// This computer's time zone, supplied by the browser (or a fixed offset in tests).
pub trait LocalZone {
    /// Minutes to add to UTC to get local time at the instant `utc` (e.g. +60 for CET).
    fn offset_minutes_at(&self, utc: Timestamp) -> i64;
}

/// A fixed offset from UTC, in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedOffset(pub i64);

impl LocalZone for FixedOffset {
    fn offset_minutes_at(&self, _utc: Timestamp) -> i64 {
        self.0
    }
}

/// Why a chosen time cannot be sent; the message is shown beside the picker.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TimeError {
    /// Nothing chosen.
    #[error("Choose the time to backtrack to.")]
    Empty,
    /// Not `YYYY-MM-DDTHH:MM[:SS]`.
    #[error("{0:?} is not a date and time.")]
    Invalid(String),
    /// After now.
    #[error("That time is in the future: choose a time before now.")]
    Future,
    /// Before the earliest backtrack time, and the flag to use the earliest time is off.
    #[error("That time is before the earliest backtrack time ({0}). Choose a later time, or allow using the earliest time.")]
    BeforeEarliest(String),
}

/// Reads a `datetime-local` value (`2026-11-25T14:30` or `2026-11-25T14:30:05`) in `zone`.
pub fn parse_picker(
    value: &str,
    zone: Zone,
    local: &dyn LocalZone,
) -> Result<Timestamp, TimeError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(TimeError::Empty);
    }
    let with_seconds = if value.len() == 16 {
        format!("{value}:00")
    } else {
        value.to_owned()
    };
    let as_utc = Timestamp::parse_iso(&format!("{with_seconds}Z"))
        .map_err(|_| TimeError::Invalid(value.to_owned()))?;
    Ok(match zone {
        Zone::Utc => as_utc,
        Zone::Local => {
            // Local wall time = UTC + offset; the offset is that of the instant itself (DST).
            let guess = as_utc.add_millis(-local.offset_minutes_at(as_utc) * 60_000);
            as_utc.add_millis(-local.offset_minutes_at(guess) * 60_000)
        }
    })
}

/// Writes `t` for a `datetime-local` input with seconds, in `zone`.
pub fn format_picker(t: Timestamp, zone: Zone, local: &dyn LocalZone) -> String {
    let shifted = match zone {
        Zone::Utc => t,
        Zone::Local => t.add_millis(local.offset_minutes_at(t) * 60_000),
    };
    let iso = shifted.whole_seconds().to_iso();
    iso.trim_end_matches('Z').to_owned()
}

/// `t` in local time for people: `2026-11-25 15:30:05 (UTC+01:00)`.
pub fn format_local(t: Timestamp, local: &dyn LocalZone) -> String {
    let offset = local.offset_minutes_at(t);
    let wall = format_picker(t, Zone::Local, local).replace('T', " ");
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    format!("{wall} (UTC{sign}{:02}:{:02})", abs / 60, abs % 60)
}

/// Checks `target` against now and the earliest backtrack time.
pub fn check_target(
    target: Timestamp,
    now: Timestamp,
    earliest: Option<Timestamp>,
    use_earliest: bool,
) -> Result<(), TimeError> {
    if target.whole_seconds() > now {
        return Err(TimeError::Future);
    }
    match earliest {
        Some(earliest) if target < earliest && !use_earliest => {
            Err(TimeError::BeforeEarliest(earliest.to_iso()))
        }
        _ => Ok(()),
    }
}

/// The quick choices beside the picker: label and how far back, in seconds.
pub const QUICK_CHOICES: &[(&str, i64)] =
    &[("5 min ago", 300), ("15 min ago", 900), ("1 h ago", 3600)];

#[cfg(test)]
mod tests {
    use super::*;

    const CET: FixedOffset = FixedOffset(60);

    fn t(iso: &str) -> Timestamp {
        Timestamp::parse_iso(iso).unwrap()
    }

    #[test]
    fn reads_the_picker_in_utc_and_local_time() {
        assert_eq!(
            parse_picker("2026-11-25T14:30:05", Zone::Utc, &CET),
            Ok(t("2026-11-25T14:30:05Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T14:30", Zone::Utc, &CET),
            Ok(t("2026-11-25T14:30:00Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T14:30:05", Zone::Local, &CET),
            Ok(t("2026-11-25T13:30:05Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T00:30:00", Zone::Local, &FixedOffset(-300)),
            Ok(t("2026-11-25T05:30:00Z"))
        );
        assert_eq!(parse_picker(" ", Zone::Utc, &CET), Err(TimeError::Empty));
        assert!(matches!(
            parse_picker("25/11/2026", Zone::Utc, &CET),
            Err(TimeError::Invalid(_))
        ));
    }

    #[test]
    fn writes_the_picker_and_round_trips() {
        let at = t("2026-11-25T13:30:05Z");
        assert_eq!(format_picker(at, Zone::Utc, &CET), "2026-11-25T13:30:05");
        assert_eq!(format_picker(at, Zone::Local, &CET), "2026-11-25T14:30:05");
        for zone in [Zone::Utc, Zone::Local] {
            assert_eq!(
                parse_picker(&format_picker(at, zone, &CET), zone, &CET),
                Ok(at)
            );
        }
        assert_eq!(format_local(at, &CET), "2026-11-25 14:30:05 (UTC+01:00)");
        assert_eq!(
            format_local(at, &FixedOffset(-330)),
            "2026-11-25 08:00:05 (UTC-05:30)"
        );
    }

    #[test]
    fn checks_against_now_and_the_window() {
        let now = t("2026-11-25T12:00:00.500Z");
        let earliest = Some(t("2026-11-24T12:00:00Z"));
        assert_eq!(
            check_target(t("2026-11-25T12:00:00Z"), now, earliest, false),
            Ok(())
        );
        assert_eq!(
            check_target(t("2026-11-25T12:00:01Z"), now, earliest, false),
            Err(TimeError::Future)
        );
        assert_eq!(
            check_target(t("2026-11-24T11:59:59Z"), now, earliest, false),
            Err(TimeError::BeforeEarliest("2026-11-24T12:00:00Z".into()))
        );
        assert_eq!(
            check_target(t("2026-11-24T11:59:59Z"), now, earliest, true),
            Ok(())
        );
        assert_eq!(
            check_target(t("2020-01-01T00:00:00Z"), now, None, false),
            Ok(())
        );
    }
}
