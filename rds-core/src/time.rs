//! Instants as AWS writes them, read and written with chrono: ISO 8601 (`Z`, offsets, fractions),
//! SigV4's basic format and HTTP dates.

use chrono::format::{Fixed, Item, Numeric, Pad, Parsed};
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use thiserror::Error;

// Formats as chrono items rather than strftime strings, so no format string is parsed at run time
// (and the wasm carries no strftime parser).

/// A zero-padded number.
const fn digits(of: Numeric) -> Item<'static> {
    Item::Numeric(of, Pad::Zero)
}

/// SigV4's basic format: `20150830T123600Z`.
const SIGV4: &[Item<'static>] = &[
    digits(Numeric::Year),
    digits(Numeric::Month),
    digits(Numeric::Day),
    Item::Literal("T"),
    digits(Numeric::Hour),
    digits(Numeric::Minute),
    digits(Numeric::Second),
    Item::Literal("Z"),
];

/// A `datetime-local` value with seconds: `2026-11-25T14:30:05`.
pub(crate) const PICKER: &[Item<'static>] = &[
    digits(Numeric::Year),
    Item::Literal("-"),
    digits(Numeric::Month),
    Item::Literal("-"),
    digits(Numeric::Day),
    Item::Literal("T"),
    digits(Numeric::Hour),
    Item::Literal(":"),
    digits(Numeric::Minute),
    Item::Literal(":"),
    digits(Numeric::Second),
];

/// A local time for people: `2026-11-25 15:30:05 (UTC+01:00)`.
pub(crate) const LOCAL_FOR_PEOPLE: &[Item<'static>] = &[
    digits(Numeric::Year),
    Item::Literal("-"),
    digits(Numeric::Month),
    Item::Literal("-"),
    digits(Numeric::Day),
    Item::Literal(" "),
    digits(Numeric::Hour),
    Item::Literal(":"),
    digits(Numeric::Minute),
    Item::Literal(":"),
    digits(Numeric::Second),
    Item::Literal(" (UTC"),
    Item::Fixed(Fixed::TimezoneOffsetColon),
    Item::Literal(")"),
];

/// Reads `text` laid out as `items`, as a wall time without a zone.
pub(crate) fn parse_naive(text: &str, items: &[Item<'static>]) -> Option<NaiveDateTime> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
    parsed.to_naive_datetime_with_offset(0).ok()
}

/// An instant in UTC with millisecond precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    millis: i64,
}

/// Text that is not a time in the expected format.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("not a valid timestamp: \"{0}\"")]
pub struct TimestampError(pub String);

impl Timestamp {
    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    pub fn from_secs(secs: i64) -> Self {
        Self::from_millis(secs.saturating_mul(1000))
    }

    /// The same instant as a chrono value (any zone).
    pub fn from_chrono<Tz: chrono::TimeZone>(at: &DateTime<Tz>) -> Self {
        Self::from_millis(at.timestamp_millis())
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn millis(self) -> i64 {
        self.millis
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (rounded down).
    pub fn secs(self) -> i64 {
        self.millis.div_euclid(1000)
    }

    /// The same instant with the milliseconds dropped, as the console sends times.
    pub fn whole_seconds(self) -> Self {
        Self::from_secs(self.secs())
    }

    /// This instant shifted by `millis` (negative: earlier).
    pub fn add_millis(self, millis: i64) -> Self {
        Self::from_millis(self.millis.saturating_add(millis))
    }

    /// The instant in chrono's terms, or `None` beyond chrono's range (±262,000 years).
    pub fn to_chrono(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.millis)
    }

    /// Parses ISO 8601 / RFC 3339 with `Z` or an offset, with or without a fraction:
    /// `2021-02-12T04:59:22Z`, `2021-02-12T14:37:31.640Z`, `2026-11-25T15:00:00+01:00`.
    pub fn parse_iso(text: &str) -> Result<Self, TimestampError> {
        DateTime::parse_from_rfc3339(text.trim())
            .map(|t| Self::from_chrono(&t))
            .map_err(|_| TimestampError(text.to_owned()))
    }

    /// Parses an HTTP `Date` header such as `Wed, 25 Nov 2026 13:06:26 GMT`.
    pub fn parse_http_date(text: &str) -> Result<Self, TimestampError> {
        DateTime::parse_from_rfc2822(text.trim())
            .map(|t| Self::from_chrono(&t))
            .map_err(|_| TimestampError(text.to_owned()))
    }

    /// Parses SigV4's basic format, `20150830T123600Z`.
    pub fn parse_sigv4(text: &str) -> Result<Self, TimestampError> {
        parse_naive(text.trim(), SIGV4)
            .map(|t| Self::from_chrono(&t.and_utc()))
            .ok_or_else(|| TimestampError(text.to_owned()))
    }

    /// ISO 8601 in UTC; milliseconds only when there are any (`2017-07-08T18:00:00Z`,
    /// `2021-02-12T14:37:31.640Z`).
    pub fn to_iso(self) -> String {
        self.to_chrono().map_or_else(
            || format!("@{}ms", self.millis),
            |t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        )
    }

    /// SigV4's basic format of the whole second: `20150830T123600Z`.
    pub fn to_sigv4(self) -> String {
        self.to_chrono().map_or_else(String::new, |t| {
            t.format_with_items(SIGV4.iter()).to_string()
        })
    }

    /// The instant as a `SystemTime` (built from the epoch, never from the system clock).
    pub fn to_system_time(self) -> SystemTime {
        match u64::try_from(self.millis) {
            Ok(ms) => UNIX_EPOCH + Duration::from_millis(ms),
            Err(_) => UNIX_EPOCH - Duration::from_millis(self.millis.unsigned_abs()),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// Says how long `millis` is in words a person reads at a glance: `3 h 5 min`, `42 s`.
pub fn describe_duration(millis: i64) -> String {
    let secs = millis.unsigned_abs() / 1000;
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    let parts: Vec<String> = [(d, "d"), (h, "h"), (m, "min"), (s, "s")]
        .iter()
        .skip_while(|(n, _)| *n == 0)
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if parts.is_empty() {
        "0 s".to_owned()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_and_without_milliseconds() {
        let a = Timestamp::parse_iso("2021-02-12T04:59:22Z").unwrap();
        let b = Timestamp::parse_iso("2021-02-12T14:37:31.640Z").unwrap();
        assert_eq!(a.secs(), 1_613_105_962);
        assert_eq!(b.millis() % 1000, 640);
        assert_eq!(b.to_iso(), "2021-02-12T14:37:31.640Z");
        assert_eq!(b.whole_seconds().to_iso(), "2021-02-12T14:37:31Z");
    }

    #[test]
    fn parses_offsets_and_long_fractions() {
        let utc = Timestamp::parse_iso("2026-11-25T14:00:00Z").unwrap();
        for text in [
            "2026-11-25T15:00:00+01:00",
            "2026-11-25T08:30:00-05:30",
            "2026-11-25T14:00:00+00:00",
            "2026-11-25T14:00:00.000000Z",
        ] {
            assert_eq!(Timestamp::parse_iso(text), Ok(utc), "{text}");
        }
        let micro = Timestamp::parse_iso("2026-11-25T14:00:00.123456Z").unwrap();
        assert_eq!(micro.millis() - utc.millis(), 123);
    }

    #[test]
    fn formats_whole_seconds_like_botocore() {
        assert_eq!(
            Timestamp::from_secs(1_499_536_800).to_iso(),
            "2017-07-08T18:00:00Z"
        );
    }

    #[test]
    fn parses_http_dates() {
        let t = Timestamp::parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT").unwrap();
        assert_eq!(t.to_iso(), "2015-08-30T12:36:00Z");
    }

    #[test]
    fn reads_and_writes_the_sigv4_basic_format() {
        let t = Timestamp::parse_sigv4("20150830T123600Z").unwrap();
        assert_eq!(t.to_iso(), "2015-08-30T12:36:00Z");
        assert_eq!(t.add_millis(999).to_sigv4(), "20150830T123600Z");
        assert!(Timestamp::parse_sigv4("2015-08-30T12:36:00Z").is_err());
    }

    #[test]
    fn rejects_garbage() {
        assert!(Timestamp::parse_iso("yesterday").is_err());
        assert!(Timestamp::parse_iso("2021-13-12T04:59:22Z").is_err());
        assert!(Timestamp::parse_iso("2021-02-12T04:59:22").is_err());
        assert!(Timestamp::parse_http_date("").is_err());
    }

    #[test]
    fn system_time_round_trips() {
        let t = Timestamp::from_millis(1_440_938_160_123);
        let back = t.to_system_time().duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(back.as_millis(), 1_440_938_160_123);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(describe_duration(0), "0 s");
        assert_eq!(describe_duration(42_000), "42 s");
        assert_eq!(describe_duration(-300_000), "5 min");
        assert_eq!(
            describe_duration(3_600_000 + 5 * 60_000 + 7_000),
            "1 h 5 min"
        );
        assert_eq!(describe_duration(2 * 86_400_000 + 3_600_000), "2 d 1 h");
    }
}
