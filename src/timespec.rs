//! Times: what `--since`/`--until` accept (RFC 3339, a date, or a span ago such as `10m`),
//! and reading the API's timestamps leniently (`2024-06-01T00:00:00Z`, fractions, offsets).
//! A value written as a time but outside the times that can be represented is said to be out
//! of range, not "not a time".
//!
//! It must not print or decide what to do with a time that does not parse.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Reads an API timestamp: RFC 3339 (any offset, fractional seconds), or a date and time
/// without an offset (taken as UTC, the API's zone). None when it does not parse (the API
/// doc's own sample `2019-05-24T:02:29:07Z` does not).
pub(crate) fn parse_api_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let civil: DateTime = text.parse().ok()?;
    civil.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// Parses a `--since`/`--until` value at `now`: RFC 3339 (`2024-06-01T08:00:00Z`), a date and
/// time without offset or a date alone (in the local zone, `TZ` honoured), or a span ago:
/// a number and one of `s`, `m`, `h`, `d`, `w` (`90s`, `10m`, `2h`, `3d`, `1w`).
pub(crate) fn parse_time_at(
    text: &str,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<Timestamp, String> {
    let trimmed = text.trim();
    if let Some(span) = parse_ago(trimmed) {
        return span
            .and_then(|span| now.checked_sub(span).ok())
            .ok_or_else(|| format!("{trimmed:?} is too far in the past"));
    }
    if let Ok(t) = trimmed.parse::<Timestamp>() {
        return Ok(t);
    }
    let local = |civil: DateTime| {
        civil
            .to_zoned(zone.clone())
            .map(|z| z.timestamp())
            .map_err(|_| out_of_range(trimmed))
    };
    if let Ok(civil) = trimmed.parse::<DateTime>() {
        return local(civil);
    }
    if let Ok(date) = trimmed.parse::<Date>() {
        return local(date.to_datetime(jiff::civil::time(0, 0, 0, 0)));
    }
    // Written as a time (a valid date, a time, an offset) and still refused: out of range.
    if jiff::fmt::temporal::Pieces::parse(trimmed).is_ok() {
        return Err(out_of_range(trimmed));
    }
    Err(format!(
        "{trimmed:?} is not a time: use RFC 3339 (2024-06-01T08:00:00Z), a date (2024-06-01), or a span ago (10m, 2h, 3d)"
    ))
}

/// The refusal of a time that reads as one but lies outside what can be represented.
fn out_of_range(text: &str) -> String {
    format!(
        "{text:?} is out of range: a time must lie between {} and {}",
        api_format(Timestamp::MIN),
        api_format(Timestamp::MAX)
    )
}

/// The clap value parser of `--since`/`--until`: now, in the system's zone (`TZ` honoured).
pub(crate) fn parse_time_arg(text: &str) -> Result<Timestamp, String> {
    parse_time_at(text, Timestamp::now(), &TimeZone::system())
}

/// `10m` → ten minutes; `Some(None)` for a span written right but too long to represent.
fn parse_ago(text: &str) -> Option<Option<SignedDuration>> {
    let unit_at = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(unit_at);
    if number.is_empty() {
        return None;
    }
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return None,
    };
    let span = number
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(seconds))
        .map(SignedDuration::from_secs);
    Some(span)
}

/// The API's spelling of a time: `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) fn api_format(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-06-01T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn spans_ago() {
        let zone = TimeZone::UTC;
        for (text, expected) in [
            ("10m", "2024-06-01T11:50:00Z"),
            ("2h", "2024-06-01T10:00:00Z"),
            ("3d", "2024-05-29T12:00:00Z"),
            ("90s", "2024-06-01T11:58:30Z"),
            ("1w", "2024-05-25T12:00:00Z"),
        ] {
            assert_eq!(
                parse_time_at(text, now(), &zone).unwrap(),
                expected.parse::<Timestamp>().unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn absolute_times_and_dates() {
        let shanghai = TimeZone::fixed(jiff::tz::offset(8));
        assert_eq!(
            api_format(parse_time_at("2024-06-01T08:00:00+08:00", now(), &shanghai).unwrap()),
            "2024-06-01T00:00:00Z"
        );
        assert_eq!(
            api_format(parse_time_at("2024-06-01", now(), &shanghai).unwrap()),
            "2024-05-31T16:00:00Z",
            "a date is local midnight"
        );
        assert_eq!(
            api_format(parse_time_at("2024-06-01T08:00:00", now(), &TimeZone::UTC).unwrap()),
            "2024-06-01T08:00:00Z"
        );
    }

    #[test]
    fn times_out_of_range_say_so() {
        let zone = TimeZone::fixed(jiff::tz::offset(-8));
        for text in [
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59+00:00",
            "9999-12-31T23:59:59",
            // Local midnight 8 hours behind UTC: after the last representable time.
            "9999-12-31",
            "-009999-01-01T00:00:00Z",
        ] {
            let err = parse_time_at(text, now(), &zone).unwrap_err();
            assert!(err.contains("is out of range"), "{text}: {err}");
            assert!(err.contains("9999-12-30T22:00:00Z"), "{text}: {err}");
        }
        for text in ["99999999999999999999m", "9999999999999999w"] {
            let err = parse_time_at(text, now(), &zone).unwrap_err();
            assert!(err.contains("too far in the past"), "{text}: {err}");
        }
        // The last representable second is a time.
        assert!(parse_time_at("9999-12-30T22:00:00Z", now(), &zone).is_ok());
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "yesterday",
            "10x",
            "m",
            "2024-13-01",
            "-5m",
            "2024-02-30",
        ] {
            let err = parse_time_at(bad, now(), &TimeZone::UTC).unwrap_err();
            assert!(err.contains("is not a time"), "{bad}: {err}");
        }
    }

    #[test]
    fn api_times_parse_leniently() {
        assert!(parse_api_time("2024-06-01T00:00:00Z").is_some());
        assert!(parse_api_time("2024-06-01T00:00:00.123Z").is_some());
        assert!(parse_api_time("2024-06-01T08:00:00+08:00").is_some());
        assert_eq!(
            parse_api_time("2024-06-01T00:00:00"),
            parse_api_time("2024-06-01T00:00:00Z")
        );
        assert_eq!(parse_api_time("2019-05-24T:02:29:07Z"), None);
        assert_eq!(parse_api_time(""), None);
    }
}
