//! Timestamps as RDS writes them (ISO 8601 in UTC, with or without milliseconds).
//!
//! Built on `aws_smithy_types::DateTime`, which the signer already pulls in, so it costs no extra
//! wasm bytes for a calendar library.

use aws_smithy_types::date_time::{DateTime, Format};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// An instant in UTC with millisecond precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    millis: i64,
}

/// Text that is not an ISO 8601 UTC timestamp or an HTTP date.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("not a valid timestamp: {0:?}")]
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

    /// Parses `2021-02-12T04:59:22Z` or `2021-02-12T14:37:31.640Z`.
    pub fn parse_iso(text: &str) -> Result<Self, TimestampError> {
        Self::parse(text, Format::DateTime)
    }

    /// Parses an HTTP `Date` header such as `Wed, 25 Nov 2026 13:06:26 GMT`.
    pub fn parse_http_date(text: &str) -> Result<Self, TimestampError> {
        Self::parse(text, Format::HttpDate)
    }

    fn parse(text: &str, format: Format) -> Result<Self, TimestampError> {
        let bad = || TimestampError(text.to_owned());
        let parsed = DateTime::from_str(text.trim(), format).map_err(|_| bad())?;
        parsed.to_millis().map(Self::from_millis).map_err(|_| bad())
    }

    /// ISO 8601 in UTC; milliseconds only when there are any (`2017-07-08T18:00:00Z`).
    pub fn to_iso(self) -> String {
        DateTime::from_millis(self.millis)
            .fmt(Format::DateTime)
            .unwrap_or_else(|_| format!("@{}ms", self.millis))
    }

    /// The instant as a `SystemTime`, for the signer.
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
        assert_eq!(b.to_iso(), "2021-02-12T14:37:31.64Z");
        assert_eq!(b.whole_seconds().to_iso(), "2021-02-12T14:37:31Z");
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
    fn rejects_garbage() {
        assert!(Timestamp::parse_iso("yesterday").is_err());
        assert!(Timestamp::parse_iso("2021-13-12T04:59:22Z").is_err());
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
