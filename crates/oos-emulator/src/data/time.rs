//! Time in the sample data: instants are Unix milliseconds; the API shows them in whole
//! seconds as `YYYY-MM-DDThh:mm:ssZ`. Owns that format (written without allocation, as a
//! generated page needs a hundred timestamps), the calendar arithmetic behind it, and the
//! parsing of the dates a request carries (`StartDateAfter`...).
//!
//! It must not know about samples, tasks or HTTP.

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) of a day number since 1970-01-01.
const fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// Unix milliseconds of a UTC civil time (for the samples' fixed start dates).
pub(crate) const fn utc_ms(year: i64, month: i64, day: i64, hour: i64, minute: i64) -> i64 {
    (days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60) * 1000
}

/// The whole second (Unix) that `base_ms + offset_ms` falls in.
pub(crate) fn second_of(base_ms: i64, offset_ms: u64) -> i64 {
    let offset = i64::try_from(offset_ms).unwrap_or(i64::MAX);
    base_ms.saturating_add(offset).div_euclid(1000)
}

/// Appends the last `width` decimal digits of `value`, zero-padded.
pub(crate) fn push_digits(out: &mut String, value: u64, width: u32) {
    for power in (0..width).rev() {
        let digit = (value / 10u64.pow(power) % 10) as u8;
        out.push(char::from(b'0' + digit));
    }
}

/// Appends the Unix second `seconds` as `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) fn push_timestamp(out: &mut String, seconds: i64) {
    let (days, rem) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let unsigned = |v: i64| u64::try_from(v).unwrap_or(0);
    push_digits(out, unsigned(year), 4);
    for (sep, part) in [('-', month), ('-', day)] {
        out.push(sep);
        push_digits(out, unsigned(part), 2);
    }
    for (sep, part) in [('T', rem / 3600), (':', rem / 60 % 60), (':', rem % 60)] {
        out.push(sep);
        push_digits(out, unsigned(part), 2);
    }
    out.push('Z');
}

/// The Unix second `seconds` as `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) fn timestamp(seconds: i64) -> String {
    let mut t = String::with_capacity(20);
    push_timestamp(&mut t, seconds);
    t
}

/// `base_ms + offset_ms` as the API shows it (whole seconds).
pub(crate) fn timestamp_at(base_ms: i64, offset_ms: u64) -> String {
    timestamp(second_of(base_ms, offset_ms))
}

/// A date parameter (`2019-05-16T10:26:14Z`, or any RFC 3339 instant) as a Unix second
/// (fractions dropped); `None` when it is not one.
pub(crate) fn parse_request_date(text: &str) -> Option<i64> {
    text.trim()
        .parse::<jiff::Timestamp>()
        .ok()
        .map(jiff::Timestamp::as_second)
}

/// The current wall clock in Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_instants() {
        let june = utc_ms(2024, 6, 1, 0, 0);
        assert_eq!(june, 1_717_200_000_000);
        assert_eq!(timestamp(june / 1000), "2024-06-01T00:00:00Z");
        assert_eq!(
            timestamp_at(june, 86_400_000 * 31 + 3_661_999),
            "2024-07-02T01:01:01Z"
        );
        assert_eq!(timestamp(june / 1000 + 99_999_999), "2027-08-02T09:46:39Z");
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(
            parse_request_date("2024-06-01T00:00:00Z"),
            Some(june / 1000)
        );
        assert_eq!(
            parse_request_date("2024-06-01T08:00:00.5+08:00"),
            Some(june / 1000)
        );
        assert_eq!(parse_request_date("yesterday"), None);
        assert_eq!(parse_request_date("2024-06-01"), None);
        for seconds in [0, 1, 86_399, 86_400, 1_717_200_000, 4_102_444_800] {
            let text = timestamp(seconds);
            assert_eq!(parse_request_date(&text), Some(seconds), "{text}");
        }
    }
}
