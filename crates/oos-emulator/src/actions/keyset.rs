//! Sorted pages with opaque tokens, for `ListExecutions` and `ListTaskExecutions`: the sort
//! (`SortField`, `SortOrder`), each item's key (the sort value, then a unique tie-breaker),
//! and keyset paging: a token holds the key of the last item sent and a fingerprint of the
//! query, so the next page starts strictly after it (no gap, no repeat, even when items
//! appear meanwhile) and a token from another query is refused. A page is picked in one pass
//! with a heap of `size + 1` items, never by sorting everything.
//!
//! It must not know what executions or tasks are (the actions build the keys).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use base64::Engine as _;

use crate::data::Status;

/// What to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortField {
    /// StartDate (the default).
    StartDate,
    /// EndDate (not final yet sorts first ascending).
    EndDate,
    /// Status, by name.
    Status,
}

/// A sort: field and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sort {
    /// SortField.
    pub(crate) field: SortField,
    /// SortOrder=Descending (the default).
    pub(crate) descending: bool,
}

impl Sort {
    /// `SortField` and `SortOrder` as given (`None`: the defaults, StartDate Descending);
    /// `Err(name)` names the parameter that is not valid.
    pub(crate) fn parse(field: Option<&str>, order: Option<&str>) -> Result<Self, &'static str> {
        let field = match field {
            None | Some("StartDate") => SortField::StartDate,
            Some("EndDate") => SortField::EndDate,
            Some("Status") => SortField::Status,
            Some(_) => return Err("SortField"),
        };
        let descending = match order {
            None | Some("Descending") => true,
            Some("Ascending") => false,
            Some(_) => return Err("SortOrder"),
        };
        Ok(Self { field, descending })
    }

    /// The sort as text, for fingerprints.
    pub(crate) fn describe(self) -> String {
        format!("{:?}/{}", self.field, self.descending)
    }
}

/// The sort value of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Primary {
    /// A date in Unix seconds; `None` (no EndDate yet) sorts first.
    Time(Option<i64>),
    /// A status (by name).
    Status(Status),
}

impl Primary {
    fn encode(self) -> String {
        match self {
            Primary::Time(None) => "t".to_owned(),
            Primary::Time(Some(second)) => format!("t{second}"),
            Primary::Status(status) => format!("s{}", status.as_str()),
        }
    }

    fn decode(text: &str) -> Option<Self> {
        if let Some(time) = text.strip_prefix('t') {
            if time.is_empty() {
                return Some(Primary::Time(None));
            }
            return time.parse().ok().map(|s| Primary::Time(Some(s)));
        }
        text.strip_prefix('s')
            .and_then(Status::parse)
            .map(Primary::Status)
    }
}

/// What makes two keys with the same sort value differ.
pub(crate) trait Tie: Ord + Clone {
    /// As text in a token.
    fn encode(&self) -> String;
    /// From a token's text.
    fn decode(text: &str) -> Option<Self>;
}

impl Tie for String {
    fn encode(&self) -> String {
        self.clone()
    }

    fn decode(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl Tie for u64 {
    fn encode(&self) -> String {
        self.to_string()
    }

    fn decode(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// An item's position in the sort: its sort value, then its tie-breaker.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key<T> {
    /// The sort value.
    pub(crate) primary: Primary,
    /// The unique tie-breaker.
    pub(crate) tie: T,
}

const TOKEN_VERSION: &str = "k1";

/// The token that resumes after `key`, for the query of `fingerprint`.
pub(crate) fn encode_token<T: Tie>(fingerprint: u64, key: &Key<T>) -> String {
    let text = format!(
        "{TOKEN_VERSION}|{fingerprint:016x}|{}|{}",
        key.primary.encode(),
        key.tie.encode()
    );
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

/// The key a token resumes after; `None` when it is not a token of the query of
/// `fingerprint`.
pub(crate) fn decode_token<T: Tie>(token: &str, fingerprint: u64) -> Option<Key<T>> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim())
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.splitn(4, '|');
    if parts.next()? != TOKEN_VERSION {
        return None;
    }
    if parts.next()? != format!("{fingerprint:016x}") {
        return None;
    }
    let primary = Primary::decode(parts.next()?)?;
    let tie = T::decode(parts.next()?)?;
    Some(Key { primary, tie })
}

/// One page of sorted items.
#[derive(Debug)]
pub(crate) struct Page<T, V> {
    /// The items, in order.
    pub(crate) items: Vec<V>,
    /// The key to resume after, when more items follow.
    pub(crate) next: Option<Key<T>>,
    /// How many items the query matches in all.
    pub(crate) total: u64,
}

/// An item ranked by `R` alone.
struct Ranked<R, V>(R, V);

impl<R: Ord, V> PartialEq for Ranked<R, V> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<R: Ord, V> Eq for Ranked<R, V> {}

impl<R: Ord, V> PartialOrd for Ranked<R, V> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<R: Ord, V> Ord for Ranked<R, V> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

/// The `n` smallest items by rank, in order.
fn smallest<R: Ord, V>(items: impl Iterator<Item = (R, V)>, n: usize) -> Vec<(R, V)> {
    let mut heap = BinaryHeap::with_capacity(n.saturating_add(1).min(1024));
    for (rank, value) in items {
        heap.push(Ranked(rank, value));
        if heap.len() > n {
            heap.pop();
        }
    }
    heap.into_sorted_vec()
        .into_iter()
        .map(|Ranked(rank, value)| (rank, value))
        .collect()
}

/// The page of `size` items that follows `after` in the sort (ascending keys, or descending
/// when `descending`), and how many items there are in all.
pub(crate) fn page<T: Tie, V>(
    items: impl Iterator<Item = (Key<T>, V)>,
    after: Option<&Key<T>>,
    size: usize,
    descending: bool,
) -> Page<T, V> {
    let mut total = 0u64;
    let counted = items.inspect(|_| total += 1);
    let following = counted.filter(|(key, _)| match after {
        None => true,
        Some(after) if descending => key < after,
        Some(after) => key > after,
    });
    let mut chosen: Vec<(Key<T>, V)> = if descending {
        smallest(following.map(|(k, v)| (Reverse(k), v)), size + 1)
            .into_iter()
            .map(|(Reverse(k), v)| (k, v))
            .collect()
    } else {
        smallest(following, size + 1)
    };
    let more = chosen.len() > size;
    chosen.truncate(size);
    let next = more
        .then(|| chosen.last().map(|(k, _)| k.clone()))
        .flatten();
    Page {
        items: chosen.into_iter().map(|(_, v)| v).collect(),
        next,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(second: i64, tie: u64) -> Key<u64> {
        Key {
            primary: Primary::Time(Some(second)),
            tie,
        }
    }

    #[test]
    fn pages_cover_every_item_once_in_both_orders() {
        // Sort values with ties: 0,0,1,1,2,2,...
        let items: Vec<(Key<u64>, u64)> = (0..25).map(|i| (key((i / 2) as i64, i), i)).collect();
        for descending in [false, true] {
            let mut after = None;
            let mut seen = Vec::new();
            loop {
                let p = page(items.iter().cloned(), after.as_ref(), 4, descending);
                assert_eq!(p.total, 25);
                seen.extend(p.items);
                match p.next {
                    Some(k) => after = Some(k),
                    None => break,
                }
            }
            let mut expected: Vec<u64> = (0..25).collect();
            if descending {
                expected.reverse();
            }
            assert_eq!(seen, expected);
        }
    }

    #[test]
    fn tokens_round_trip_and_belong_to_their_query() {
        let k = Key {
            primary: Primary::Status(Status::Failed),
            tie: "exec-a|b".to_owned(),
        };
        let t = encode_token(7, &k);
        assert_eq!(decode_token::<String>(&t, 7), Some(k));
        assert_eq!(decode_token::<String>(&t, 8), None);
        assert_eq!(decode_token::<String>("garbage!", 7), None);
        let none = Key {
            primary: Primary::Time(None),
            tie: 3u64,
        };
        assert_eq!(decode_token(&encode_token(1, &none), 1), Some(none));
    }

    #[test]
    fn sorts_parse() {
        assert_eq!(
            Sort::parse(None, None),
            Ok(Sort {
                field: SortField::StartDate,
                descending: true
            })
        );
        assert_eq!(
            Sort::parse(Some("Status"), Some("Ascending"))
                .unwrap()
                .field,
            SortField::Status
        );
        assert_eq!(Sort::parse(Some("Name"), None), Err("SortField"));
        assert_eq!(Sort::parse(None, Some("Up")), Err("SortOrder"));
    }
}
