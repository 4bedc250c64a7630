//! A time pasted from somewhere else (a log line, an alert, a response header), read in whichever
//! usual format it is written: ISO 8601 with `Z` or an offset; a wall time without a zone (MySQL's
//! `YYYY-MM-DD HH:MM:SS[.ffffff]`, or ISO 8601 without an offset), read in the chosen zone; epoch
//! seconds or milliseconds; an HTTP date.

use super::target_time::{resolve_wall_time, UnclearWallTime, Zone};
use super::time::{parse_naive, Timestamp};
use chrono::format::{Fixed, Item, Numeric, Pad};
use chrono::{DateTime, TimeZone};
use std::fmt;
use thiserror::Error;

/// A wall time as MySQL's `NOW(6)` writes it (the fraction is optional).
const MYSQL: &[Item<'static>] = &wall_time("\u{20}");
/// A wall time in ISO 8601 without an offset.
const ISO_WITHOUT_OFFSET: &[Item<'static>] = &wall_time("T");

/// `YYYY-MM-DD{separator}HH:MM:SS[.fraction]`.
const fn wall_time(separator: &'static str) -> [Item<'static>; 12] {
    const fn digits(of: Numeric) -> Item<'static> {
        Item::Numeric(of, Pad::Zero)
    }
    [
        digits(Numeric::Year),
        Item::Literal("-"),
        digits(Numeric::Month),
        Item::Literal("-"),
        digits(Numeric::Day),
        Item::Literal(separator),
        digits(Numeric::Hour),
        Item::Literal(":"),
        digits(Numeric::Minute),
        Item::Literal(":"),
        digits(Numeric::Second),
        Item::Fixed(Fixed::Nanosecond),
    ]
}

/// How a pasted time was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PastedFormat {
    /// ISO 8601 with `Z` or an offset; `offset_secs` east of UTC, as written.
    Iso {
        /// The offset written in the text, in seconds east of UTC.
        offset_secs: i32,
    },
    /// A wall time without a zone, read in `zone`, which was `offset_secs` east of UTC then.
    WallTime {
        /// The zone it was read in.
        zone: Zone,
        /// That zone's offset at that time, in seconds east of UTC.
        offset_secs: i32,
    },
    /// Whole (or fractional) seconds since 1970-01-01T00:00:00Z.
    EpochSeconds,
    /// Milliseconds since 1970-01-01T00:00:00Z.
    EpochMillis,
    /// An HTTP (RFC 2822) date, such as `Wed, 25 Nov 2026 13:06:26 GMT`.
    HttpDate,
}

/// A pasted time and how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedTime {
    /// The instant.
    pub at: Timestamp,
    /// How the text was read.
    pub format: PastedFormat,
}

/// Why pasted text could not be read as a time.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PasteError {
    /// A number of a length that is neither epoch seconds nor milliseconds.
    #[error("{0} has {1} digits: epoch seconds have up to 11, milliseconds 12 to 14.")]
    UnclearNumber(String, usize),
    /// A local wall time that happens twice, when the clocks go back.
    #[error("{0} happens twice in your time zone (the clocks go back then): paste it with an offset, or choose UTC.")]
    Ambiguous(String),
    /// A local wall time that never happens, when the clocks go forward.
    #[error("{0} does not exist in your time zone (the clocks go forward then): paste it with an offset, or choose UTC.")]
    Skipped(String),
    /// None of the formats.
    #[error("\"{0}\" is not a time this page reads: paste ISO 8601 (2026-11-25T14:00:00Z), MySQL (2026-11-25 14:00:00), epoch seconds or milliseconds, or an HTTP date.")]
    Unreadable(String),
}

/// Reads `text` as a time; a wall time without a zone is read in `zone` (`local` is this
/// computer's time zone). Surrounding spaces and quotes are ignored. `Ok(None)` for blank text.
pub fn read_pasted_time<Tz: TimeZone>(
    text: &str,
    zone: Zone,
    local: &Tz,
) -> Result<Option<PastedTime>, PasteError> {
    let text = text.trim().trim_matches(['"', '\'', '`']).trim();
    if text.is_empty() {
        return Ok(None);
    }
    let found = |at, format| Ok(Some(PastedTime { at, format }));
    if let Some(epoch) = read_epoch(text)? {
        return Ok(Some(epoch));
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        let offset_secs = at.offset().local_minus_utc();
        return found(
            Timestamp::from_chrono(&at),
            PastedFormat::Iso { offset_secs },
        );
    }
    if let Some(wall) = parse_naive(text, MYSQL).or_else(|| parse_naive(text, ISO_WITHOUT_OFFSET)) {
        let (at, offset_secs) =
            resolve_wall_time(wall, zone, local).map_err(|unclear| match unclear {
                UnclearWallTime::Repeated => PasteError::Ambiguous(text.to_owned()),
                UnclearWallTime::Skipped => PasteError::Skipped(text.to_owned()),
            })?;
        return found(at, PastedFormat::WallTime { zone, offset_secs });
    }
    if let Ok(at) = DateTime::parse_from_rfc2822(text) {
        return found(Timestamp::from_chrono(&at), PastedFormat::HttpDate);
    }
    Err(PasteError::Unreadable(text.to_owned()))
}

/// Digits (seconds may carry a fraction): epoch seconds up to 11 digits, milliseconds 12 to 14.
fn read_epoch(text: &str) -> Result<Option<PastedTime>, PasteError> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Ok(None);
    }
    let unclear = || PasteError::UnclearNumber(text.to_owned(), whole.len());
    let number: i64 = whole.parse().map_err(|_| unclear())?;
    let (at, format) = match whole.len() {
        1..=11 => {
            let millis: i64 = format!("{fraction:0<3}")[..3].parse().unwrap_or(0);
            (
                Timestamp::from_secs(number).add_millis(millis),
                PastedFormat::EpochSeconds,
            )
        }
        12..=14 if fraction.is_empty() => {
            (Timestamp::from_millis(number), PastedFormat::EpochMillis)
        }
        _ => return Err(unclear()),
    };
    Ok(Some(PastedTime { at, format }))
}

impl PastedFormat {
    /// How the text was read, in words: `ISO 8601 with offset +01:00`.
    fn describe(&self) -> String {
        match self {
            Self::Iso { offset_secs: 0 } => "ISO 8601 in UTC".to_owned(),
            Self::Iso { offset_secs } => {
                format!("ISO 8601 with offset {}", OffsetText(*offset_secs))
            }
            Self::WallTime {
                zone: Zone::Utc, ..
            } => "a date and time without a zone, taken as UTC".to_owned(),
            Self::WallTime { offset_secs, .. } => format!(
                "a date and time without a zone, taken as your local time (UTC{})",
                OffsetText(*offset_secs)
            ),
            Self::EpochSeconds => "epoch seconds".to_owned(),
            Self::EpochMillis => "epoch milliseconds".to_owned(),
            Self::HttpDate => "an HTTP date".to_owned(),
        }
    }
}

impl PastedTime {
    /// The note shown beside the input: how the text was read and the instant in UTC, and that
    /// a fraction of a second is dropped (backtracks are to the second).
    pub fn explain(&self) -> String {
        let dropped = if self.at.millis().rem_euclid(1000) == 0 {
            ""
        } else {
            " The fraction of a second is dropped: backtracks are to the second."
        };
        format!(
            "Read as {}: {} UTC.{dropped}",
            self.format.describe(),
            self.at.whole_seconds().to_iso()
        )
    }
}

/// An offset as `+01:00` or `-05:30`.
struct OffsetText(i32);

impl fmt::Display for OffsetText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let minutes = self.0.unsigned_abs() / 60;
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn berlin_winter() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn read(text: &str, zone: Zone) -> Result<Option<PastedTime>, PasteError> {
        read_pasted_time(text, zone, &berlin_winter())
    }

    fn at(text: &str, zone: Zone) -> Timestamp {
        read(text, zone).unwrap().unwrap().at
    }

    #[test]
    fn every_format_lands_on_the_same_instant() {
        let expected = Timestamp::parse_iso("2026-11-25T13:06:26Z").unwrap();
        for (text, zone) in [
            ("2026-11-25T13:06:26Z", Zone::Utc),
            ("2026-11-25T14:06:26+01:00", Zone::Utc),
            ("2026-11-25T08:06:26.000-05:00", Zone::Local),
            ("2026-11-25 13:06:26", Zone::Utc),
            ("2026-11-25 14:06:26", Zone::Local),
            ("2026-11-25 13:06:26.000000", Zone::Utc),
            ("2026-11-25T14:06:26", Zone::Local),
            ("1795611986", Zone::Local),
            ("1795611986000", Zone::Utc),
            ("Wed, 25 Nov 2026 13:06:26 GMT", Zone::Local),
            ("  '2026-11-25 13:06:26'  ", Zone::Utc),
        ] {
            assert_eq!(at(text, zone), expected, "{text} in {zone:?}");
        }
    }

    #[test]
    fn says_how_it_read_the_text() {
        let dropped = " The fraction of a second is dropped: backtracks are to the second.";
        for (text, zone, how, instant, fraction) in [
            (
                "2026-11-25T14:06:26+01:00",
                Zone::Utc,
                "ISO 8601 with offset +01:00",
                "13:06:26",
                "",
            ),
            (
                "2026-11-25T08:06:26-05:30",
                Zone::Utc,
                "ISO 8601 with offset -05:30",
                "13:36:26",
                "",
            ),
            (
                "2026-11-25T13:06:26Z",
                Zone::Local,
                "ISO 8601 in UTC",
                "13:06:26",
                "",
            ),
            (
                "2026-11-25 14:06:26.5",
                Zone::Local,
                "a date and time without a zone, taken as your local time (UTC+01:00)",
                "13:06:26",
                dropped,
            ),
            (
                "2026-11-25 13:06:26",
                Zone::Utc,
                "a date and time without a zone, taken as UTC",
                "13:06:26",
                "",
            ),
            ("1795611986", Zone::Utc, "epoch seconds", "13:06:26", ""),
            (
                "1795611986123",
                Zone::Utc,
                "epoch milliseconds",
                "13:06:26",
                dropped,
            ),
            (
                "Wed, 25 Nov 2026 13:06:26 GMT",
                Zone::Utc,
                "an HTTP date",
                "13:06:26",
                "",
            ),
        ] {
            assert_eq!(
                read(text, zone).unwrap().unwrap().explain(),
                format!("Read as {how}: 2026-11-25T{instant}Z UTC.{fraction}"),
                "{text}"
            );
        }
    }

    #[test]
    fn says_why_it_cannot_read_the_text() {
        assert_eq!(read("   ", Zone::Utc), Ok(None));
        assert_eq!(
            read("179561198612345678", Zone::Utc),
            Err(PasteError::UnclearNumber("179561198612345678".into(), 18))
        );
        assert_eq!(
            read("1795611986000.5", Zone::Utc),
            Err(PasteError::UnclearNumber("1795611986000.5".into(), 13))
        );
        for garbage in [
            "yesterday",
            "2026-13-25 10:00:00",
            "25/11/2026",
            "-1795611986",
            "12:00",
        ] {
            assert!(
                matches!(read(garbage, Zone::Utc), Err(PasteError::Unreadable(_))),
                "{garbage}"
            );
        }
        assert!(PasteError::Unreadable("x".into())
            .to_string()
            .contains("epoch seconds or milliseconds"));
    }

    #[test]
    fn local_times_the_clocks_skip_or_repeat_are_refused() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            read_pasted_time("2026-03-29 02:30:00", Zone::Local, &berlin),
            Err(PasteError::Skipped("2026-03-29 02:30:00".into()))
        );
        assert_eq!(
            read_pasted_time("2026-10-25 02:30:00", Zone::Local, &berlin),
            Err(PasteError::Ambiguous("2026-10-25 02:30:00".into()))
        );
        // With an offset the same wall time is one instant.
        assert!(read_pasted_time("2026-10-25T02:30:00+02:00", Zone::Local, &berlin).is_ok());
    }
}
