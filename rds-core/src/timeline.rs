//! The picture of the last 24 hours beside the cluster card: where hours, the backtrack window,
//! its earliest time and the chosen time fall on a line [`WIDTH`] units wide ending at now, and
//! the same facts in words for those who cannot see it.

use crate::metrics::HEALTH_SPAN_MS;
use crate::time::{describe_duration, Timestamp};

/// The timeline's width, in SVG units (whole numbers, so no float is ever formatted).
pub const WIDTH: i64 = 2400;

/// Where `t` falls on a timeline of the 24 hours before `end`; `None` outside them.
pub fn x(t: Timestamp, end: Timestamp) -> Option<i64> {
    let before_end = end.millis() - t.millis();
    (0..=HEALTH_SPAN_MS)
        .contains(&before_end)
        .then(|| (HEALTH_SPAN_MS - before_end) * WIDTH / HEALTH_SPAN_MS)
}

/// Where the chosen time falls, in words: how long ago, whether it is inside the backtrack window
/// (from `earliest`), and whether the chart of the 24 hours before `charted_to` marks it.
pub fn place(
    chosen: Option<Timestamp>,
    earliest: Option<Timestamp>,
    now: Timestamp,
    charted_to: Timestamp,
) -> String {
    let Some(t) = chosen else {
        return "No time chosen yet: the chart marks it once one is.".to_owned();
    };
    let ago = describe_duration(now.millis() - t.millis());
    let at = t.to_iso();
    if t > now {
        return format!("The chosen time, {at}, is in the future.");
    }
    let shown = match x(t, charted_to) {
        Some(_) => "marked on the chart".to_owned(),
        None if t > charted_to => format!("after the chart, which ends at {}", charted_to.to_iso()),
        None => "before the 24 hours charted".to_owned(),
    };
    match earliest {
        Some(e) if t < e => format!(
            "The chosen time, {at}, is {ago} ago ({shown}): before the earliest backtrack time, {}, outside the window.",
            e.to_iso()
        ),
        Some(e) => format!(
            "The chosen time, {at}, is {ago} ago ({shown}): inside the backtrack window, {} after its earliest time.",
            describe_duration(t.millis() - e.millis())
        ),
        None => format!("The chosen time, {at}, is {ago} ago ({shown})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    fn end() -> Timestamp {
        Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap()
    }

    #[test]
    fn the_last_24_hours_span_the_width() {
        assert_eq!(x(end(), end()), Some(WIDTH));
        assert_eq!(x(end().add_millis(-24 * HOUR), end()), Some(0));
        assert_eq!(x(end().add_millis(-6 * HOUR), end()), Some(WIDTH * 3 / 4));
        assert_eq!(x(end().add_millis(-24 * HOUR - 1), end()), None);
        assert_eq!(x(end().add_millis(1), end()), None);
    }

    #[test]
    fn says_where_the_chosen_time_falls() {
        let earliest = Some(end().add_millis(-12 * HOUR));
        let inside = place(Some(end().add_millis(-3 * HOUR)), earliest, end(), end());
        assert_eq!(
            inside,
            "The chosen time, 2026-11-25T10:00:00Z, is 3 h ago (marked on the chart): inside the backtrack window, 9 h after its earliest time."
        );
        let before = place(Some(end().add_millis(-13 * HOUR)), earliest, end(), end());
        assert!(
            before.contains("before the earliest backtrack time, 2026-11-25T01:00:00Z"),
            "{before}"
        );
        let long_ago = place(Some(end().add_millis(-30 * HOUR)), None, end(), end());
        assert!(
            long_ago.contains("before the 24 hours charted"),
            "{long_ago}"
        );
        assert!(place(Some(end().add_millis(HOUR)), None, end(), end()).contains("in the future"));
        assert!(place(None, earliest, end(), end()).starts_with("No time chosen"));
        // The chart was drawn an hour ago: a time since then is not on it, and the words say so.
        let charted_to = end().add_millis(-HOUR);
        let since_drawn = place(
            Some(end().add_millis(-HOUR / 2)),
            earliest,
            end(),
            charted_to,
        );
        assert!(
            since_drawn
                .contains("30 min ago (after the chart, which ends at 2026-11-25T12:00:00Z)"),
            "{since_drawn}"
        );
        assert!(place(
            Some(end().add_millis(-2 * HOUR)),
            earliest,
            end(),
            charted_to
        )
        .contains("(marked on the chart)"));
    }
}
