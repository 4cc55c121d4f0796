//! Property tests of the pager against a model service over real HTTP on loopback: a list
//! that grows, whose records are rewritten (their value changes) or re-escaped (the same
//! value, another JSON text) between polls, read from any start point (`--next-token`,
//! `--skip`), with the tail page carrying no token or a token of the current end. Whatever
//! happens, every record from the start point on is handed out exactly once, in order, and
//! the resume point always stands right after the last record handed out. One poll after
//! the last change reads everything: a poll that ends has read to the tail (a follow trusts
//! that when the execution has ended).
//!
//! It must not reach any address but loopback.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use proptest::prelude::*;

use super::{Extent, Pages, Resume};
use crate::api::ListExecutionLogs;
use crate::client::{Client, ClientConfig};
use crate::credentials::{Credentials, StaticCredentials};
use crate::endpoint::Endpoint;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// The model service's list: each record is its position and version; a flag per record
/// says whether its text is escaped differently.
#[derive(Debug, Default)]
struct Model {
    records: Vec<(usize, u32, bool)>,
    page_size: usize,
    tail_token: bool,
}

impl Model {
    fn text(record: &(usize, u32, bool)) -> String {
        let (position, version, escaped) = *record;
        // `\u0072` is `r`: the same value in another text.
        let r = if escaped { "\\u0072" } else { "r" };
        format!(
            r#"{{"Message":"{r}{position}v{version}","LogType":"Info","Timestamp":"2024-06-01T00:00:00Z"}}"#
        )
    }

    /// The answer to a page asked at `offset` (`o<offset>` tokens).
    fn page(&self, offset: usize, size: usize) -> String {
        let end = (offset + size).min(self.records.len());
        let texts: Vec<String> = self.records[offset.min(end)..end]
            .iter()
            .map(Self::text)
            .collect();
        let next = if end < self.records.len() {
            Some(end)
        } else if self.tail_token {
            Some(self.records.len().max(offset))
        } else {
            None
        };
        let token = next.map_or(String::new(), |n| format!(r#""NextToken":"o{n}","#));
        format!(
            r#"{{"RequestId":"R",{token}"IsTruncated":false,"MaxResults":{size},"ExecutionLogs":[{}]}}"#,
            texts.join(",")
        )
    }
}

/// Serves `model` on loopback until the test ends; returns its URL.
fn serve(model: Arc<Mutex<Model>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let target = line.split(' ').nth(1).unwrap_or("/");
            let query = target.split_once('?').map_or("", |(_, q)| q);
            let mut offset = 0;
            let mut size = 0;
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                match &*k {
                    "NextToken" => offset = v[1..].parse().unwrap(),
                    "MaxResults" => size = v.parse().unwrap(),
                    _ => {}
                }
            }
            let body = {
                let model = model.lock().unwrap();
                model.page(offset, if size == 0 { model.page_size } else { size })
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn client(url: &str) -> Client {
    Client::new(
        ClientConfig {
            endpoint: Endpoint::parse(url).unwrap(),
            region: "cn-hangzhou".into(),
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(5),
            retry: RetryPolicy {
                max_retries: 0,
                base: Duration::from_millis(1),
                cap: Duration::from_millis(1),
            },
            trace: crate::trace::Trace::off(),
        },
        Arc::new(StaticCredentials(Credentials::new(
            "AK",
            Secret::new("secret"),
            None,
        ))),
    )
    .unwrap()
}

/// A change between two polls.
#[derive(Debug, Clone)]
enum Change {
    /// Nothing: just poll.
    Poll,
    /// N more records.
    Append(usize),
    /// A record's value changes.
    Rewrite(usize),
    /// A record's text changes, not its value.
    Reescape(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        Just(Change::Poll),
        (1..4usize).prop_map(Change::Append),
        any::<usize>().prop_map(Change::Rewrite),
        any::<usize>().prop_map(Change::Reescape),
    ]
}

/// The position a resume point stands at.
fn position(resume: &Resume) -> usize {
    let page = resume
        .token
        .as_deref()
        .map_or(0, |t| t[1..].parse().unwrap());
    page + usize::try_from(resume.skip).unwrap()
}

/// Reads every page there is now; returns the positions handed out.
async fn poll(pages: &mut Pages<ListExecutionLogs>) -> Vec<usize> {
    let mut got = Vec::new();
    while let Some(page) = pages.next_page().await.unwrap() {
        for text in page.texts() {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let message = value["Message"].as_str().unwrap();
            let position = message[1..message.find('v').unwrap()].parse().unwrap();
            got.push(position);
        }
    }
    got
}

fn apply(model: &mut Model, change: &Change) {
    let len = model.records.len();
    match *change {
        Change::Poll => {}
        Change::Append(n) => model.records.extend((len..len + n).map(|p| (p, 0, false))),
        Change::Rewrite(i) if len > 0 => model.records[i % len].1 += 1,
        Change::Reescape(i) if len > 0 => model.records[i % len].2 ^= true,
        Change::Rewrite(_) | Change::Reescape(_) => {}
    }
}

/// Runs one case: a poll, then each batch of changes and a poll; returns the positions handed
/// out, how many warnings the pager gave, and the start position.
fn follow(
    initial: usize,
    page_size: usize,
    tail_token: bool,
    start_page: usize,
    skip: usize,
    batches: &[Vec<Change>],
) -> (Vec<usize>, usize, usize) {
    let model = Arc::new(Mutex::new(Model {
        records: (0..initial).map(|p| (p, 0, false)).collect(),
        page_size,
        tail_token,
    }));
    let url = serve(Arc::clone(&model));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let start_offset = (start_page * page_size).min(initial / page_size * page_size);
    let start = Resume {
        token: (start_offset > 0).then(|| format!("o{start_offset}")),
        skip: skip as u64,
    };
    let begin = start_offset + skip;
    runtime.block_on(async {
        let query = ListExecutionLogs {
            execution_id: "exec-model".into(),
            task_execution_id: None,
            log_type: None,
        };
        let size = u32::try_from(page_size).unwrap();
        let mut pages = Pages::new(client(&url), query, Some(size), Extent::Follow, start);
        let mut got = Vec::new();
        let mut warnings = 0;
        for batch in [&[][..]]
            .into_iter()
            .chain(batches.iter().map(Vec::as_slice))
        {
            for change in batch {
                apply(&mut model.lock().unwrap(), change);
            }
            got.extend(poll(&mut pages).await);
            while pages.take_warning().is_some() {
                warnings += 1;
            }
            let len = model.lock().unwrap().records.len();
            assert_eq!(
                got.len(),
                len.saturating_sub(begin),
                "a poll that ends has read to the tail: {got:?} after {batch:?}"
            );
            let resume = pages.resume().expect("a follow always has a resume point");
            assert_eq!(
                position(&resume),
                begin + got.len(),
                "the resume point after {got:?}"
            );
        }
        (got, warnings, begin)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_record_from_the_start_point_is_handed_out_once_in_order(
        initial in 0..12usize,
        page_size in 1..5usize,
        tail_token in any::<bool>(),
        start_page in 0..3usize,
        skip in 0..5usize,
        batches in proptest::collection::vec(proptest::collection::vec(change(), 0..3), 0..8),
    ) {
        let (got, _, begin) = follow(initial, page_size, tail_token, start_page, skip, &batches);
        let appended: usize = batches
            .iter()
            .flatten()
            .map(|c| if let Change::Append(n) = c { *n } else { 0 })
            .sum();
        let len = initial + appended;
        let expected: Vec<usize> = (begin.min(len)..len).collect();
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn the_same_values_escaped_otherwise_are_not_a_changed_tail() {
    let batches = [
        vec![Change::Reescape(0)],
        vec![Change::Reescape(1), Change::Append(1)],
        vec![Change::Reescape(2)],
    ];
    let (got, warnings, _) = follow(3, 5, false, 0, 0, &batches);
    assert_eq!(got, [0, 1, 2, 3]);
    assert_eq!(warnings, 0, "re-escaped records are the same records");
}

#[test]
fn a_resync_after_a_skip_skips_exactly_what_was_read() {
    // The issue's case: two pages, the tail page rewritten and grown by two, read from page 2
    // with --skip 2.
    let batches = [vec![Change::Rewrite(7), Change::Append(2)]];
    let (got, warnings, _) = follow(10, 5, false, 1, 2, &batches);
    assert_eq!(got, [7, 8, 9, 10, 11]);
    assert_eq!(warnings, 1);
}
