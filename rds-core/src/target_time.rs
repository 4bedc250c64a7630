//! The time to backtrack to: read from a `datetime-local` value in UTC or local time, checked
//! against the backtrack window, and written back for the picker.

use super::time::{parse_naive, Timestamp, LOCAL_FOR_PEOPLE, PICKER};
use chrono::{LocalResult, NaiveDateTime, Offset, TimeZone};
use std::fmt;
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

/// Why a chosen time cannot be sent; the message is shown beside the picker.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TimeError {
    /// Nothing chosen.
    #[error("Choose the time to backtrack to.")]
    Empty,
    /// Not `YYYY-MM-DDTHH:MM[:SS]`.
    #[error("\"{0}\" is not a date and time.")]
    Invalid(String),
    /// After now.
    #[error("That time is in the future: choose a time before now.")]
    Future,
    /// A local time that happens twice, when the clocks go back.
    #[error(
        "{0} happens twice in your time zone (the clocks go back then): choose the time in UTC."
    )]
    Ambiguous(String),
    /// A local time that never happens, when the clocks go forward.
    #[error("{0} does not exist in your time zone (the clocks go forward then): choose another time or UTC.")]
    Skipped(String),
    /// Before the earliest backtrack time, and the flag to use the earliest time is off.
    #[error("That time is before the earliest backtrack time ({0}). Choose a later time, or allow using the earliest time.")]
    BeforeEarliest(String),
}

/// Reads a `datetime-local` value (`2026-11-25T14:30` or `2026-11-25T14:30:05`) in `zone`;
/// `local` is this computer's time zone (`chrono::Local` in the browser).
pub fn parse_picker<Tz: TimeZone>(
    value: &str,
    zone: Zone,
    local: &Tz,
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
    let wall =
        parse_naive(&with_seconds, PICKER).ok_or_else(|| TimeError::Invalid(value.to_owned()))?;
    match resolve_wall_time(wall, zone, local) {
        Ok((at, _)) => Ok(at),
        Err(UnclearWallTime::Repeated) => Err(TimeError::Ambiguous(value.to_owned())),
        Err(UnclearWallTime::Skipped) => Err(TimeError::Skipped(value.to_owned())),
    }
}

/// A local wall time that is not one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnclearWallTime {
    /// It happens twice (the clocks go back).
    Repeated,
    /// It never happens (the clocks go forward).
    Skipped,
}

/// The instant a wall time names in `zone` (`local` is this computer's zone), and that zone's
/// offset then, in seconds east of UTC.
pub(crate) fn resolve_wall_time<Tz: TimeZone>(
    wall: NaiveDateTime,
    zone: Zone,
    local: &Tz,
) -> Result<(Timestamp, i32), UnclearWallTime> {
    match zone {
        Zone::Utc => Ok((Timestamp::from_chrono(&wall.and_utc()), 0)),
        Zone::Local => match local.from_local_datetime(&wall) {
            LocalResult::Single(at) => Ok((
                Timestamp::from_chrono(&at),
                at.offset().fix().local_minus_utc(),
            )),
            LocalResult::Ambiguous(..) => Err(UnclearWallTime::Repeated),
            LocalResult::None => Err(UnclearWallTime::Skipped),
        },
    }
}

/// Writes `t` for a `datetime-local` input with seconds, in `zone`.
pub fn format_picker<Tz: TimeZone>(t: Timestamp, zone: Zone, local: &Tz) -> String
where
    Tz::Offset: fmt::Display,
{
    match (t.to_chrono(), zone) {
        (None, _) => String::new(),
        (Some(at), Zone::Utc) => at.format_with_items(PICKER.iter()).to_string(),
        (Some(at), Zone::Local) => at
            .with_timezone(local)
            .format_with_items(PICKER.iter())
            .to_string(),
    }
}

/// `t` in local time for people: `2026-11-25 15:30:05 (UTC+01:00)`.
pub fn format_local<Tz: TimeZone>(t: Timestamp, local: &Tz) -> String
where
    Tz::Offset: fmt::Display,
{
    t.to_chrono().map_or_else(String::new, |at| {
        at.with_timezone(local)
            .format_with_items(LOCAL_FOR_PEOPLE.iter())
            .to_string()
    })
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

/// The steps `Earlier` and `Later` move the picker by: label and seconds.
pub const STEPS: &[(&str, i64)] = &[
    ("1 min", 60),
    ("5 min", 300),
    ("15 min", 900),
    ("1 h", 3600),
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn offset_minutes(minutes: i32) -> FixedOffset {
        FixedOffset::east_opt(minutes * 60).unwrap()
    }

    fn t(iso: &str) -> Timestamp {
        Timestamp::parse_iso(iso).unwrap()
    }

    #[test]
    fn reads_the_picker_in_utc_and_local_time() {
        assert_eq!(
            parse_picker("2026-11-25T14:30:05", Zone::Utc, &offset_minutes(60)),
            Ok(t("2026-11-25T14:30:05Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T14:30", Zone::Utc, &offset_minutes(60)),
            Ok(t("2026-11-25T14:30:00Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T14:30:05", Zone::Local, &offset_minutes(60)),
            Ok(t("2026-11-25T13:30:05Z"))
        );
        assert_eq!(
            parse_picker("2026-11-25T00:30:00", Zone::Local, &offset_minutes(-300)),
            Ok(t("2026-11-25T05:30:00Z"))
        );
        assert_eq!(
            parse_picker(" ", Zone::Utc, &offset_minutes(60)),
            Err(TimeError::Empty)
        );
        assert!(matches!(
            parse_picker("25/11/2026", Zone::Utc, &offset_minutes(60)),
            Err(TimeError::Invalid(_))
        ));
    }

    #[test]
    fn local_times_the_clocks_skip_or_repeat_are_refused() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            parse_picker("2026-03-29T02:30:00", Zone::Local, &berlin),
            Err(TimeError::Skipped("2026-03-29T02:30:00".into()))
        );
        assert_eq!(
            parse_picker("2026-10-25T02:30", Zone::Local, &berlin),
            Err(TimeError::Ambiguous("2026-10-25T02:30".into()))
        );
        assert_eq!(
            parse_picker("2026-07-01T12:00:00", Zone::Local, &berlin),
            Ok(t("2026-07-01T10:00:00Z"))
        );
        assert_eq!(
            parse_picker("2026-10-25T02:30:00", Zone::Utc, &berlin),
            Ok(t("2026-10-25T02:30:00Z"))
        );
    }

    #[test]
    fn writes_the_picker_and_round_trips() {
        let at = t("2026-11-25T13:30:05Z");
        assert_eq!(
            format_picker(at, Zone::Utc, &offset_minutes(60)),
            "2026-11-25T13:30:05"
        );
        assert_eq!(
            format_picker(at, Zone::Local, &offset_minutes(60)),
            "2026-11-25T14:30:05"
        );
        for zone in [Zone::Utc, Zone::Local] {
            assert_eq!(
                parse_picker(
                    &format_picker(at, zone, &offset_minutes(60)),
                    zone,
                    &offset_minutes(60)
                ),
                Ok(at)
            );
        }
        assert_eq!(
            format_local(at, &offset_minutes(60)),
            "2026-11-25 14:30:05 (UTC+01:00)"
        );
        assert_eq!(
            format_local(at, &offset_minutes(-330)),
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
