//! Property tests of pasted times: any instant written in each format reads back as the same
//! instant (to the precision the format keeps), in UTC and in a local zone; nothing panics.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use proptest::prelude::*;
use rds_core::pasted_time::{read_pasted_time, PastedFormat};
use rds_core::target_time::Zone;
use rds_core::time::Timestamp;

/// 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z, in milliseconds.
const YEARS_2000_TO_2100: std::ops::Range<i64> = 946_684_800_000..4_102_444_800_000;

fn chrono_utc(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap()
}

/// Reads `text` in `zone` with `local` as this computer's zone; the instant and the format.
fn read(text: &str, zone: Zone, local: &FixedOffset) -> (Timestamp, PastedFormat) {
    let pasted = read_pasted_time(text, zone, local)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .unwrap_or_else(|| panic!("{text}: read as blank"));
    (pasted.at, pasted.format)
}

proptest! {
    #[test]
    fn iso_8601_round_trips_with_any_offset(
        millis in YEARS_2000_TO_2100,
        offset_minutes in -(14 * 60)..=(14 * 60),
        zone in prop_oneof![Just(Zone::Utc), Just(Zone::Local)],
    ) {
        let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let text = chrono_utc(millis).with_timezone(&offset).format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string();
        let (at, format) = read(&text, zone, &FixedOffset::east_opt(3600).unwrap());
        prop_assert_eq!(at, Timestamp::from_millis(millis));
        prop_assert_eq!(format, PastedFormat::Iso { offset_secs: offset_minutes * 60 });
        let zulu = Timestamp::from_millis(millis).to_iso();
        prop_assert_eq!(read(&zulu, zone, &offset).0, Timestamp::from_millis(millis));
    }

    #[test]
    fn mysql_wall_times_round_trip_in_the_chosen_zone(
        millis in YEARS_2000_TO_2100,
        local_minutes in -(12 * 60)..=(14 * 60),
        micros in 0u32..1000,
    ) {
        let local = FixedOffset::east_opt(local_minutes * 60).unwrap();
        let instant = chrono_utc(millis);
        // NOW(6) prints microseconds; the extra digits below the millisecond are dropped.
        let with_micros = |t: String| format!("{t}{micros:03}");
        let in_utc = with_micros(instant.format("%Y-%m-%d %H:%M:%S%.3f").to_string());
        let in_local = with_micros(instant.with_timezone(&local).format("%Y-%m-%d %H:%M:%S%.3f").to_string());
        prop_assert_eq!(read(&in_utc, Zone::Utc, &local).0, Timestamp::from_millis(millis));
        let (at, format) = read(&in_local, Zone::Local, &local);
        prop_assert_eq!(at, Timestamp::from_millis(millis));
        prop_assert_eq!(format, PastedFormat::WallTime { zone: Zone::Local, offset_secs: local_minutes * 60 });
        let whole = instant.format("%Y-%m-%d %H:%M:%S").to_string();
        prop_assert_eq!(read(&whole, Zone::Utc, &local).0, Timestamp::from_millis(millis).whole_seconds());
    }

    #[test]
    fn epoch_values_and_http_dates_round_trip(millis in YEARS_2000_TO_2100) {
        let utc = FixedOffset::east_opt(0).unwrap();
        let t = Timestamp::from_millis(millis);
        prop_assert_eq!(read(&t.secs().to_string(), Zone::Local, &utc), (t.whole_seconds(), PastedFormat::EpochSeconds));
        prop_assert_eq!(read(&t.millis().to_string(), Zone::Local, &utc), (t, PastedFormat::EpochMillis));
        let http = chrono_utc(millis).format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        prop_assert_eq!(read(&http, Zone::Local, &utc), (t.whole_seconds(), PastedFormat::HttpDate));
    }

    #[test]
    fn every_format_of_one_instant_agrees(secs in 946_684_800i64..4_102_444_800) {
        let local = FixedOffset::east_opt(-5 * 3600).unwrap();
        let instant = Utc.timestamp_opt(secs, 0).unwrap();
        let texts = [
            (instant.to_rfc3339(), Zone::Local),
            (instant.with_timezone(&local).to_rfc3339(), Zone::Utc),
            (instant.format("%Y-%m-%d %H:%M:%S").to_string(), Zone::Utc),
            (instant.with_timezone(&local).format("%Y-%m-%d %H:%M:%S").to_string(), Zone::Local),
            (secs.to_string(), Zone::Utc),
            ((secs * 1000).to_string(), Zone::Local),
            (instant.to_rfc2822(), Zone::Local),
        ];
        for (text, zone) in &texts {
            prop_assert_eq!(read(text, *zone, &local).0, Timestamp::from_secs(secs), "{}", text);
        }
    }

    #[test]
    fn reading_never_panics(text in "\\PC{0,40}") {
        let _ = read_pasted_time(&text, Zone::Local, &FixedOffset::east_opt(3600).unwrap());
    }
}
