//! The catalog: which execution ids exist and which scenario plays each (one spelling per
//! id: `exec-large-007` is not `exec-large-7`), which are clocked (live in time from their
//! clock's start), which a listing shows, and the one-line description of every sample that
//! `oos-logs emulator` and `oos-logs demo --help` print.
//!
//! It must not write entries or tasks (the scenarios do) nor read a clock.

use super::scenarios::edges;
use super::scenarios::{
    basics, chains, demo, family, generated, graphs, history, hostile, live, live_family,
};
use super::script::Script;
use super::status::Status;
use super::time::utc_ms;

/// The written-out samples that do not change over time (children included).
pub const FIXED_IDS: [&str; 12] = [
    "exec-demo-failed",
    "exec-small",
    "exec-hostile",
    "exec-running",
    "exec-empty",
    "exec-waiting",
    family::PARENT,
    family::CHILD_OK,
    family::CHILD_FAILED,
    family::GRANDCHILD,
    family::CYCLE_A,
    family::CYCLE_B,
];

/// The written-out samples that live in time (their clock starts at the first request that
/// names them; the children of `exec-live-parent` live by their parent's clock).
pub const TIMED_IDS: [&str; 5] = [
    "exec-live",
    "exec-odd-status",
    live_family::PARENT,
    live_family::EARLY,
    live_family::LATE,
];

/// The largest `exec-large-N`.
pub const MAX_GENERATED: u64 = 100_000_000;
/// The most entries of `exec-live-<outcome>-<N>x<MS>`.
pub const MAX_LIVE_ENTRIES: u64 = 10_000_000;
/// The longest step of `exec-live-<outcome>-<N>x<MS>`, in ms (an hour).
pub const MAX_LIVE_STEP_MS: u64 = 3_600_000;
/// The longest life of `exec-vanish-<MS>`, in ms (a day).
pub const MAX_VANISH_MS: u64 = 86_400_000;
/// The most children of `exec-fanout-<K>x<N>`.
pub const MAX_FANOUT_CHILDREN: u64 = 1000;
/// The most entries of a fan-out child.
pub const MAX_FANOUT_ENTRIES: u64 = 1_000_000;

/// Every sample (id or id pattern) and what it is.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "exec-demo-failed",
        "Failed: bulk run-command on 3 instances; loop item 3 fails (exit 127), so runCommand and the execution fail (the demo's default)",
    ),
    ("exec-small", "Success: 7 entries, 2 tasks"),
    (
        "exec-large-<N>",
        "Success: N generated entries, one a second, tasks of 1000 entries (N <= 100000000)",
    ),
    (
        "exec-hostile",
        "Success: terminal escapes, CR, BEL, bidi, a 10,000-character line, CJK, malformed fields",
    ),
    (
        "exec-running",
        "Running for ever: 3 entries, a loop task with 1 running item",
    ),
    ("exec-empty", "Success: no entries, no tasks"),
    (
        "exec-waiting",
        "Waiting for ever on an approval (task approveStop, ACS::Approve)",
    ),
    (
        "exec-live",
        "lives 10 s from the first request naming it: an entry every 0.4-0.8 s, 3 tasks (one a loop of 2 items), then Success",
    ),
    (
        "exec-live-<success|failed|cancelled>-<N>x<MS>",
        "entry i appears i*MS ms after the first request naming it; Running until N*MS ms, then the outcome (N <= 10000000, MS <= 3600000)",
    ),
    (
        "exec-vanish-<MS>",
        "Running, an entry every 200 ms; MS ms after the first request naming it, it no longer exists",
    ),
    (
        "exec-odd-status",
        "Suspending (a status clients do not know) for 1.5 s after the first request naming it, then Success",
    ),
    (
        "exec-live-parent",
        "lives 4.5 s from the first request naming it or a child, then Success: child exec-live-parent-early (0-2 s) and exec-live-parent-late (appears at 1.5 s, ends at 4 s)",
    ),
    (
        "exec-live-parent-early / exec-live-parent-late",
        "the children of exec-live-parent (ParentExecutionId set), on its clock; the late one does not exist before 1.5 s",
    ),
    (
        "exec-parent",
        "Failed: children exec-child-ok (Success; its child exec-grandchild) and exec-child-failed (Failed); entries interleave, some timestamps tie",
    ),
    (
        "exec-child-ok / exec-child-failed / exec-grandchild",
        "the children of exec-parent (ParentExecutionId set)",
    ),
    (
        "exec-fanout-<K>x<N>",
        "Success: a loop task runs K child executions exec-fanout-<K>x<N>-c<i>, N generated entries each, interleaved (K <= 1000, N <= 1000000)",
    ),
    (
        "exec-cycle-a / exec-cycle-b",
        "Success: each the other's child (a cycle)",
    ),
    (
        "exec-deep-<N>",
        "Success: a chain; its child is exec-deep-<N-1>, down to exec-deep-0; its parent exec-deep-<N+1> (N <= 50)",
    ),
    (
        "exec-diamond",
        "Success: children exec-diamond-a and exec-diamond-b both list exec-diamond-c (a diamond)",
    ),
    (
        "exec-layers-<L>x<W>",
        "Success: L layers of W executions exec-layers-<L>x<W>-<i>-<j>, each listing all W of the next layer (L, W <= 20)",
    ),
    (
        "exec-vanishing-parent",
        "lives 6 s from the first request naming it, then Success; its child exec-vanishing-parent-child exists from 1 s to 3 s only",
    ),
    (
        "exec-rewrite-tail",
        "10 entries at once; 2 s after the first request naming it, the last 5 are rewritten and 2 more appear; Success at 3 s",
    ),
    (
        "exec-hist-001 .. exec-hist-120",
        "finished root executions of April-May 2024 (mostly Success; 12 Failed, 5 Cancelled; 5 templates), for listings",
    ),
    (
        "exec-edge-newlines / -lines / -emoji / -no-end / -huge-task",
        "edge cases: a message of 8 MiB of newlines, of 3 MB of `ab\\n`; emoji sequences; Success with no EndDate; a 5 MiB TaskExecutionId",
    ),
];

/// The base instant of a clocked sample viewed without a clock (the oracle's view).
pub(crate) const NOMINAL_CLOCK_BASE: i64 = utc_ms(2024, 6, 11, 0, 0);

/// A scenario that writes a script from an id and a base instant.
type Write = fn(&str, i64) -> Script;

/// Which scenario plays an id, with its parameters.
#[derive(Debug, Clone)]
pub(crate) enum Blueprint {
    /// Written out; `base` is its fixed start, or `None` when it is clocked.
    Written { write: Write, base: Option<i64> },
    /// `exec-large-<n>`.
    Large(u64),
    /// `exec-live-<outcome>-<n>x<step_ms>` (clocked).
    Live {
        outcome: Status,
        n: u64,
        step_ms: u64,
    },
    /// `exec-vanish-<ms>` (clocked).
    Vanish(u64),
    /// `exec-deep-<n>`.
    Deep(u64),
    /// `exec-fanout-<k>x<n>`.
    Fanout { k: u64, n: u64 },
    /// Child `i` of `exec-fanout-<k>x<n>`.
    FanoutChild { k: u64, n: u64, i: u64 },
    /// `exec-hist-<k>`.
    History(u64),
    /// `exec-layers-<l>x<w>`, or execution `j` of its layer `i`.
    Layers {
        l: u64,
        w: u64,
        at: Option<(u64, u64)>,
    },
}

/// A decimal number spelled the one way (no sign, no leading zero).
fn canonical(text: &str) -> Option<u64> {
    let value: u64 = text.parse().ok()?;
    (value.to_string() == text).then_some(value)
}

/// `<a>x<b>`, both canonical.
fn pair(text: &str) -> Option<(u64, u64)> {
    let (a, b) = text.split_once('x')?;
    Some((canonical(a)?, canonical(b)?))
}

fn written(id: &str) -> Option<(Write, Option<i64>)> {
    Some(match id {
        "exec-demo-failed" => (demo::demo_failed as Write, Some(demo::DEMO_BASE)),
        "exec-small" => (basics::small, Some(basics::SMALL_BASE)),
        "exec-hostile" => (hostile::hostile, Some(hostile::HOSTILE_BASE)),
        "exec-running" => (basics::running, Some(basics::RUNNING_BASE)),
        "exec-empty" => (basics::empty, Some(basics::EMPTY_BASE)),
        "exec-waiting" => (basics::waiting, Some(basics::WAITING_BASE)),
        family::PARENT => (family::parent, Some(family::PARENT_BASE)),
        family::CHILD_OK => (family::child_ok, Some(family::PARENT_BASE)),
        family::CHILD_FAILED => (family::child_failed, Some(family::PARENT_BASE)),
        family::GRANDCHILD => (family::grandchild, Some(family::PARENT_BASE)),
        family::CYCLE_A => (family::cycle_a, Some(family::CYCLE_BASE)),
        family::CYCLE_B => (family::cycle_b, Some(family::CYCLE_BASE)),
        "exec-live" => (live::live, None),
        "exec-odd-status" => (live::odd_status, None),
        live_family::PARENT => (live_family::parent, None),
        live_family::EARLY => (live_family::early, None),
        live_family::LATE => (live_family::late, None),
        graphs::DIAMOND | graphs::DIAMOND_A | graphs::DIAMOND_B | graphs::DIAMOND_C => {
            (graphs::diamond, Some(graphs::DIAMOND_BASE))
        }
        graphs::VANISHING_PARENT => (graphs::vanishing_parent, None),
        graphs::VANISHING_CHILD => (graphs::vanishing_child, None),
        "exec-rewrite-tail" => (graphs::rewrite_tail, None),
        "exec-edge-newlines" => (edges::newlines, Some(edges::EDGE_BASE)),
        "exec-edge-lines" => (edges::lines, Some(edges::EDGE_BASE)),
        "exec-edge-emoji" => (edges::emoji, Some(edges::EDGE_BASE)),
        "exec-edge-no-end" => (edges::no_end, Some(edges::EDGE_BASE)),
        "exec-edge-huge-task" => (edges::huge_task, Some(edges::EDGE_BASE)),
        _ => return None,
    })
}

fn parse_live(rest: &str) -> Option<Blueprint> {
    let (outcome, size) = rest.split_once('-')?;
    let outcome = match outcome {
        "success" => Status::Success,
        "failed" => Status::Failed,
        "cancelled" => Status::Cancelled,
        _ => return None,
    };
    let (n, step_ms) = pair(size)?;
    ((1..=MAX_LIVE_ENTRIES).contains(&n) && step_ms <= MAX_LIVE_STEP_MS).then_some(
        Blueprint::Live {
            outcome,
            n,
            step_ms,
        },
    )
}

fn parse_fanout(rest: &str) -> Option<Blueprint> {
    let (size, child) = match rest.split_once("-c") {
        Some((size, child)) => (size, Some(canonical(child)?)),
        None => (rest, None),
    };
    let (k, n) = pair(size)?;
    let valid = (1..=MAX_FANOUT_CHILDREN).contains(&k) && (1..=MAX_FANOUT_ENTRIES).contains(&n);
    match child {
        _ if !valid => None,
        None => Some(Blueprint::Fanout { k, n }),
        Some(i) if (1..=k).contains(&i) => Some(Blueprint::FanoutChild { k, n, i }),
        Some(_) => None,
    }
}

fn parse_layers(rest: &str) -> Option<Blueprint> {
    let mut parts = rest.split('-');
    let (l, w) = pair(parts.next()?)?;
    let in_range = |n: u64, max: u64| (1..=max).contains(&n);
    if !in_range(l, graphs::LAYERS_MAX) || !in_range(w, graphs::LAYERS_MAX) {
        return None;
    }
    let at = match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => None,
        (Some(i), Some(j), None) => {
            let (i, j) = (canonical(i)?, canonical(j)?);
            (in_range(i, l) && in_range(j, w)).then_some((i, j))?.into()
        }
        _ => return None,
    };
    Some(Blueprint::Layers { l, w, at })
}

fn parse_history(rest: &str) -> Option<Blueprint> {
    let k: u64 = rest.parse().ok()?;
    (rest.len() == 3 && (1..=history::HISTORY_COUNT).contains(&k)).then_some(Blueprint::History(k))
}

impl Blueprint {
    /// The blueprint of `id`, if the emulator knows it.
    pub(crate) fn parse(id: &str) -> Option<Self> {
        if let Some((write, base)) = written(id) {
            return Some(Blueprint::Written { write, base });
        }
        let rest = id.strip_prefix("exec-")?;
        let (family, rest) = rest.split_once('-')?;
        match family {
            "large" => canonical(rest)
                .filter(|n| *n <= MAX_GENERATED)
                .map(Blueprint::Large),
            "live" => parse_live(rest),
            "vanish" => canonical(rest)
                .filter(|ms| *ms <= MAX_VANISH_MS)
                .map(Blueprint::Vanish),
            "deep" => canonical(rest)
                .filter(|n| *n <= chains::DEEP_MAX)
                .map(Blueprint::Deep),
            "fanout" => parse_fanout(rest),
            "hist" => parse_history(rest),
            "layers" => parse_layers(rest),
            _ => None,
        }
    }

    /// Whether it lives in time from its clock's start.
    pub(crate) fn is_clocked(&self) -> bool {
        matches!(
            self,
            Blueprint::Written { base: None, .. } | Blueprint::Live { .. } | Blueprint::Vanish(_)
        )
    }

    /// The script of `id`; a clocked one counts from `clock_base` (Unix ms).
    pub(crate) fn write(&self, id: &str, clock_base: i64) -> Script {
        match *self {
            Blueprint::Written { write, base } => write(id, base.unwrap_or(clock_base)),
            Blueprint::Large(n) => generated::large(id, generated::LARGE_BASE, n),
            Blueprint::Live {
                outcome,
                n,
                step_ms,
            } => generated::live(id, clock_base, outcome, n, step_ms),
            Blueprint::Vanish(ms) => generated::vanish(id, clock_base, ms),
            Blueprint::Deep(n) => chains::deep(id, chains::DEEP_BASE, n),
            Blueprint::Fanout { k, n } => chains::fanout(id, chains::FANOUT_BASE, k, n),
            Blueprint::FanoutChild { k, n, i } => {
                let parent = format!("exec-fanout-{k}x{n}");
                let start = chains::fanout_child_start_ms(i);
                generated::fanout_child(id, &parent, chains::FANOUT_BASE, start, n)
            }
            Blueprint::History(k) => history::history(id, history::HISTORY_BASE, k),
            Blueprint::Layers { l, w, at } => graphs::layers(id, graphs::LAYERS_BASE, l, w, at),
        }
    }
}

/// The execution whose clock `id` lives by, when not its own (the children of
/// `exec-live-parent` live by their parent's clock, so their timelines agree with it).
pub(crate) fn clock_owner(id: &str) -> Option<&'static str> {
    match id {
        live_family::EARLY | live_family::LATE => Some(live_family::PARENT),
        graphs::VANISHING_CHILD => Some(graphs::VANISHING_PARENT),
        _ => None,
    }
}

/// The executions that live by the clock of `id` besides `id` itself.
pub(crate) fn clock_dependents(id: &str) -> &'static [&'static str] {
    match id {
        live_family::PARENT => &[live_family::EARLY, live_family::LATE],
        graphs::VANISHING_PARENT => &[graphs::VANISHING_CHILD],
        _ => &[],
    }
}

/// The executions a listing can show without being named: the fixed samples and the history
/// (clocked ones join once their clock runs).
pub(crate) fn listed_ids() -> impl Iterator<Item = String> {
    FIXED_IDS
        .iter()
        .map(|id| (*id).to_owned())
        .chain((1..=history::HISTORY_COUNT).map(history::history_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_id() {
        for id in [
            "exec-large-007",
            "exec-large-+7",
            "exec-large-",
            "exec-large-100000001",
            "exec-live-success-0x10",
            "exec-live-maybe-3x10",
            "exec-live-success-3x010",
            "exec-live-success-3",
            "exec-vanish-x",
            "exec-deep-51",
            "exec-fanout-0x10",
            "exec-fanout-2x10-c3",
            "exec-fanout-2x10-c0",
            "exec-fanout-2x10-c01",
            "exec-hist-000",
            "exec-hist-121",
            "exec-hist-1",
            "exec-layers-0x2",
            "exec-layers-2x21",
            "exec-layers-2x2-3-1",
            "exec-layers-2x2-1-0",
            "exec-layers-2x2-1-1-1",
            "exec-nope",
            "exec-small ",
        ] {
            assert!(Blueprint::parse(id).is_none(), "{id}");
        }
        for id in [
            "exec-large-0",
            "exec-live-failed-3x0",
            "exec-vanish-0",
            "exec-deep-0",
            "exec-deep-50",
            "exec-fanout-2x10-c2",
            "exec-hist-120",
            "exec-layers-5x4",
            "exec-layers-5x4-5-4",
        ] {
            assert!(Blueprint::parse(id).is_some(), "{id}");
        }
    }

    #[test]
    fn fixed_and_timed_lists_agree_with_the_catalog() {
        for id in FIXED_IDS {
            let b = Blueprint::parse(id).expect(id);
            assert!(!b.is_clocked(), "{id}");
        }
        for id in TIMED_IDS {
            assert!(Blueprint::parse(id).expect(id).is_clocked(), "{id}");
        }
        assert!(
            Blueprint::parse("exec-live-success-1x1")
                .unwrap()
                .is_clocked()
        );
        assert!(!Blueprint::parse("exec-large-5").unwrap().is_clocked());
    }
}
