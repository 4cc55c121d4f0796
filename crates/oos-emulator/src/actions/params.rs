//! Reading request parameters as the service does: required ones (`MissingParameter`),
//! optional ones (an empty value is no value), `MaxResults` ranges, Booleans, ISO 8601 dates
//! and the sort (`InvalidParameter` naming the parameter when a value is not valid).
//!
//! It must not know what an action does with them.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use super::keyset::Sort;
use crate::ErrorReply;
use crate::data::parse_request_date;

/// The request's parameters.
pub(crate) type Params = HashMap<String, String>;

/// A parameter that must be there and not empty.
pub(crate) fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, ErrorReply> {
    optional(params, name).ok_or_else(|| ErrorReply::missing_parameter(name))
}

/// A parameter, if given and not empty.
pub(crate) fn optional<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

/// `MaxResults`: within `range`, `default` when absent.
pub(crate) fn max_results(
    params: &Params,
    range: RangeInclusive<u64>,
    default: u64,
) -> Result<u64, ErrorReply> {
    match optional(params, "MaxResults") {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| ErrorReply::invalid_parameter("MaxResults")),
    }
}

/// A Boolean (`true`/`false`, any case), `default` when absent.
pub(crate) fn boolean(params: &Params, name: &str, default: bool) -> Result<bool, ErrorReply> {
    match optional(params, name) {
        None => Ok(default),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
        Some(_) => Err(ErrorReply::invalid_parameter(name)),
    }
}

/// A date (`2019-05-16T10:26:14Z`) as a Unix second, if given.
pub(crate) fn date(params: &Params, name: &str) -> Result<Option<i64>, ErrorReply> {
    optional(params, name)
        .map(|v| parse_request_date(v).ok_or_else(|| ErrorReply::invalid_parameter(name)))
        .transpose()
}

/// `SortField` and `SortOrder`.
pub(crate) fn sort(params: &Params) -> Result<Sort, ErrorReply> {
    Sort::parse(optional(params, "SortField"), optional(params, "SortOrder"))
        .map_err(ErrorReply::invalid_parameter)
}

/// `StartDateAfter` and `StartDateBefore`: the instants a StartDate must lie between
/// (both inclusive, as the API documents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct StartWindow {
    /// StartDate >= this.
    pub(crate) after: Option<i64>,
    /// StartDate <= this.
    pub(crate) before: Option<i64>,
}

impl StartWindow {
    /// From the request.
    pub(crate) fn parse(params: &Params) -> Result<Self, ErrorReply> {
        Ok(Self {
            after: date(params, "StartDateAfter")?,
            before: date(params, "StartDateBefore")?,
        })
    }

    /// Whether a StartDate lies in the window.
    pub(crate) fn contains(self, start_second: i64) -> bool {
        self.after.is_none_or(|a| start_second >= a)
            && self.before.is_none_or(|b| start_second <= b)
    }

    /// The window as text, for fingerprints.
    pub(crate) fn describe(self) -> String {
        format!("{:?}/{:?}", self.after, self.before)
    }
}
