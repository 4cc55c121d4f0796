//! Fault injection: which request the emulator answers badly, and how.
//!
//! Owns the faults (and, with the `clap` feature, their `oos-logs emulator` flags: `Faults`
//! is the flags' one definition, flattened into the CLI's command line), the schedule (every Nth request by the
//! emulator's request counter) and the order in which faults win when several fall on one
//! request. It must not build responses.

use std::time::Duration;

/// The faults to inject; `None` or `false` turns one off. Each field with a flag is parsed
/// from it as is (`help` is the flag's text in `emulator --help`); the fields without one are
/// for tests. `Default` turns every fault off (`retry_after_ms` 0; the flag's default is 50).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
pub struct Faults {
    /// Delay before every response.
    #[cfg_attr(feature = "clap", arg(
        long = "latency-ms",
        value_name = "MS",
        default_value = "0",
        value_parser = millis,
        help = "Delay every response by this many milliseconds"
    ))]
    pub latency: Duration,
    /// Every Nth request: 503 ServiceUnavailable.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Answer every Nth request with 503 ServiceUnavailable"
        )
    )]
    pub fail_every: Option<u64>,
    /// Every request after the first N: 503 ServiceUnavailable (an outage mid-run).
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Answer every request after the first N with 503 ServiceUnavailable (an outage mid-run)"
        )
    )]
    pub fail_after: Option<u64>,
    /// Every Nth request: Throttling.User with `x-acs-retry-after`.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Answer every Nth request with Throttling.User and x-acs-retry-after"
        )
    )]
    pub throttle_every: Option<u64>,
    /// The `x-acs-retry-after` value, in milliseconds.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "MS",
            default_value_t = 50,
            help = "The x-acs-retry-after value sent with throttling, in milliseconds"
        )
    )]
    pub retry_after_ms: u64,
    /// Every Nth request: a 200 whose JSON body is cut in half.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Cut the JSON body of every Nth successful response in half"
        )
    )]
    pub truncate_every: Option<u64>,
    /// Every Nth request: an HTML 502 page from a "proxy".
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Answer every Nth request with an HTML 502 page, as a proxy would"
        )
    )]
    pub html_502_every: Option<u64>,
    /// Every Nth request: HTTP 200 with an error body (ServiceUnavailable), as some gateways do.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "Answer every Nth request with HTTP 200 and an error body, as some gateways do"
        )
    )]
    pub error_200_every: Option<u64>,
    /// Send back the NextToken a page was asked with.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            help = "Send back the NextToken a page was asked with (a server bug pagination must survive)"
        )
    )]
    pub repeat_token: bool,
    /// Every answer carrying data (an OOS page, STS, the credentials URI, the metadata
    /// service's credentials): its body sent one byte every N milliseconds.
    #[cfg_attr(feature = "clap", arg(
        long,
        value_name = "MS",
        value_parser = clap::value_parser!(u64).range(1..),
        help = "Send every answer carrying data (pages, STS, credentials) one byte every MS milliseconds"
    ))]
    pub drip_ms: Option<u64>,
    /// Every answer carrying data: a 2xx body of N MiB of valid-looking JSON instead, streamed
    /// (never built whole in memory).
    #[cfg_attr(feature = "clap", arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..),
        help = "Answer with a 2xx body of N MiB of valid-looking JSON instead (streamed)"
    ))]
    pub huge_body_mib: Option<u64>,
    /// Every answer carrying data: an unknown field `Deep` nested N levels deep in its first
    /// record (or at the top level when it has none).
    #[cfg_attr(feature = "clap", arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..=16_777_216),
        help = "Add an unknown field nested N levels deep to the first record of every answer"
    ))]
    pub deep_nesting: Option<u64>,
    /// Every Nth request: a list page with a `NextToken` sends it as a number.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "On every Nth request, send a page's NextToken as a number instead of a string"
        )
    )]
    pub token_not_string_every: Option<u64>,
    /// Every Nth request: a list page with a `NextToken` says `IsTruncated: true` and sends no
    /// `NextToken`.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "N",
            help = "On every Nth request, send a page with more after it as IsTruncated true and no NextToken"
        )
    )]
    pub truncated_without_token_every: Option<u64>,
    /// Every RPC request (OOS and STS) is answered 400 with an error whose Code, Message,
    /// RequestId and Recommend carry lines that look like oos-logs' own.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            help = "Answer every request (OOS and STS) with an error whose Code, Message and RequestId hold lines that look like oos-logs' own"
        )
    )]
    pub forged_error: bool,
    /// Every list page carries a fresh `NextToken`, and a page asked with one of those answers
    /// no records (`empty`) or the first page's records again (`repeat`), for ever.
    #[cfg_attr(
        feature = "clap",
        arg(
            long,
            value_name = "KIND",
            help = "Give every list page a fresh NextToken whose page is empty or repeats the first page, for ever (a storm of pages that bring nothing)"
        )
    )]
    pub page_storm: Option<PageStorm>,
    /// The first N requests: 503 ServiceUnavailable (a blip at the start).
    #[cfg_attr(feature = "clap", arg(skip))]
    pub fail_first: Option<u64>,
    /// Count and fault only the requests of this action (e.g. `AssumeRole`); requests of
    /// other actions are answered normally and do not move the schedule.
    #[cfg_attr(feature = "clap", arg(skip))]
    pub only_action: Option<String>,
}

/// What the pages of a storm hold (`--page-storm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PageStorm {
    /// No records.
    Empty,
    /// The first page's records again.
    Repeat,
}

/// `--latency-ms`: milliseconds as a duration.
#[cfg(feature = "clap")]
fn millis(text: &str) -> Result<Duration, std::num::ParseIntError> {
    text.parse().map(Duration::from_millis)
}

/// The fault that falls on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 503 ServiceUnavailable (JSON).
    ServiceUnavailable,
    /// 400 Throttling.User with `x-acs-retry-after`.
    Throttle,
    /// 502 with an HTML body.
    Html502,
    /// A successful answer whose body is truncated.
    Truncate,
    /// HTTP 200 with an error body.
    Error200,
    /// 400 with forged lines in every field of the error.
    ForgedError,
    /// A list page whose `NextToken` is a number.
    TokenNotString,
    /// A list page with `IsTruncated: true` and no `NextToken`.
    TruncatedWithoutToken,
}

fn every(n: Option<u64>, request: u64) -> bool {
    matches!(n, Some(n) if n > 0 && request.is_multiple_of(n))
}

impl Faults {
    /// Whether requests of `action` are on the schedule.
    pub fn targets(&self, action: Option<&str>) -> bool {
        self.only_action
            .as_deref()
            .is_none_or(|only| action == Some(only))
    }

    /// The fault for request number `request` (1-based), if any. When several fall on one
    /// request: the forged error, 503, then the HTML 502, then throttling, then truncation,
    /// then the 200 error, then the bad tokens.
    pub fn for_request(&self, request: u64) -> Option<Fault> {
        if self.forged_error {
            Some(Fault::ForgedError)
        } else if every(self.fail_every, request)
            || self.fail_after.is_some_and(|n| request > n)
            || self.fail_first.is_some_and(|n| request <= n)
        {
            Some(Fault::ServiceUnavailable)
        } else if every(self.html_502_every, request) {
            Some(Fault::Html502)
        } else if every(self.throttle_every, request) {
            Some(Fault::Throttle)
        } else if every(self.truncate_every, request) {
            Some(Fault::Truncate)
        } else if every(self.error_200_every, request) {
            Some(Fault::Error200)
        } else if every(self.token_not_string_every, request) {
            Some(Fault::TokenNotString)
        } else if every(self.truncated_without_token_every, request) {
            Some(Fault::TruncatedWithoutToken)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_and_precedence() {
        let f = Faults {
            fail_every: Some(3),
            throttle_every: Some(5),
            ..Faults::default()
        };
        let got: Vec<_> = (1..=15).map(|n| f.for_request(n)).collect();
        assert_eq!(got[2], Some(Fault::ServiceUnavailable));
        assert_eq!(got[4], Some(Fault::Throttle));
        assert_eq!(
            got[14],
            Some(Fault::ServiceUnavailable),
            "15 is both: 503 wins"
        );
        assert_eq!(got[0], None);
        assert_eq!(Faults::default().for_request(1), None);
        let outage = Faults {
            fail_after: Some(2),
            ..Faults::default()
        };
        assert_eq!(
            (1..=4).map(|n| outage.for_request(n)).collect::<Vec<_>>(),
            [
                None,
                None,
                Some(Fault::ServiceUnavailable),
                Some(Fault::ServiceUnavailable)
            ]
        );
        assert_eq!(
            Faults {
                fail_every: Some(0),
                ..Faults::default()
            }
            .for_request(5),
            None
        );
    }
}
