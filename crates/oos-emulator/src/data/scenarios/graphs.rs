//! Executions whose shape tests a client's bookkeeping: a diamond (`exec-diamond`: children
//! `-a` and `-b` both list `exec-diamond-c`), layers (`exec-layers-<L>x<W>`: every execution of
//! a layer lists all W of the next, so paths multiply while executions do not), a child that
//! vanishes while its parent runs (`exec-vanishing-parent`), and a tail that is rewritten
//! while it grows (`exec-rewrite-tail`).
//!
//! They must not parse ids (the catalog does) nor read a clock.

use serde_json::json;

use super::{action, s};
use crate::data::script::{Builder, Life, Record, Script, TaskPlan};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// The diamond's timeline.
pub(crate) const DIAMOND_BASE: i64 = utc_ms(2024, 6, 8, 0, 0);
/// The diamond's root.
pub(crate) const DIAMOND: &str = "exec-diamond";
/// Its two children.
pub(crate) const DIAMOND_A: &str = "exec-diamond-a";
/// Its two children.
pub(crate) const DIAMOND_B: &str = "exec-diamond-b";
/// The child both list.
pub(crate) const DIAMOND_C: &str = "exec-diamond-c";
/// The layers' timeline.
pub(crate) const LAYERS_BASE: i64 = utc_ms(2024, 6, 8, 6, 0);
/// The most layers and the widest layer of `exec-layers-<L>x<W>`.
pub(crate) const LAYERS_MAX: u64 = 20;

/// The parent whose child vanishes.
pub(crate) const VANISHING_PARENT: &str = "exec-vanishing-parent";
/// The child that vanishes.
pub(crate) const VANISHING_CHILD: &str = "exec-vanishing-parent-child";
/// When the parent ends (Success), in ms.
pub(crate) const VANISHING_PARENT_END_MS: u64 = 6_000;
/// When the child appears, in ms.
pub(crate) const VANISHING_CHILD_START_MS: u64 = 1_000;
/// When the child no longer exists, in ms.
pub(crate) const VANISHING_CHILD_GONE_MS: u64 = 3_000;

/// `exec-rewrite-tail`: entries at the start, and when its tail is rewritten.
pub(crate) const REWRITE_FIRST: u64 = 10;
/// The entries that appear with the rewrite.
pub(crate) const REWRITE_GROWTH: u64 = 2;
/// The entries the rewrite changes: the last ones of the first batch.
pub(crate) const REWRITE_CHANGED: u64 = 5;
/// When the tail is rewritten, in ms.
pub(crate) const REWRITE_AT_MS: u64 = 2_000;
/// When it ends (Success), in ms.
pub(crate) const REWRITE_END_MS: u64 = 3_000;

/// An execution that runs `children` (a task each) and writes two entries of its own.
fn runs_children(id: &str, base_ms: i64, parent: &str, children: &[String]) -> Script {
    let mut b = Builder::new(id, base_ms);
    b.log(0, "System", None, &format!("Execution {id} started."));
    for (n, child) in (1..).zip(children) {
        let task = b.task(
            n,
            TaskPlan::new(
                &format!("run{n}"),
                action::TEMPLATE,
                s(1),
                Some(s(8)),
                Status::Success,
            )
            .child(child)
            .outputs(json!({"ChildExecutionId": child})),
        );
        b.log(
            s(1),
            "System",
            Some(task),
            &format!("The task run{n} started: child execution {child}."),
        );
    }
    b.log(s(9), "System", None, &format!("Execution {id} completed."));
    let mut record = Record::new("ACS-OOS-Graph");
    if !parent.is_empty() {
        record = record.parent(parent).executed_by("oos-service");
    }
    b.finish(record, Life::ended(0, s(9), Status::Success))
}

/// The diamond: root, `-a` and `-b` (both run `-c`), and `-c` (whose parent is `-a`).
pub(crate) fn diamond(id: &str, base_ms: i64) -> Script {
    let (parent, children) = match id {
        DIAMOND => ("", vec![DIAMOND_A.to_owned(), DIAMOND_B.to_owned()]),
        DIAMOND_A | DIAMOND_B => (DIAMOND, vec![DIAMOND_C.to_owned()]),
        _ => (DIAMOND_A, Vec::new()),
    };
    runs_children(id, base_ms, parent, &children)
}

/// The id of execution `j` (1-based) of layer `i` (1-based) of `exec-layers-<l>x<w>`.
pub(crate) fn layer_id(l: u64, w: u64, i: u64, j: u64) -> String {
    format!("exec-layers-{l}x{w}-{i}-{j}")
}

/// `exec-layers-<l>x<w>` (layer 0) or execution `j` of layer `i`.
pub(crate) fn layers(id: &str, base_ms: i64, l: u64, w: u64, at: Option<(u64, u64)>) -> Script {
    let root = format!("exec-layers-{l}x{w}");
    let layer = at.map_or(0, |(i, _)| i);
    let parent = match at {
        None => String::new(),
        Some((1, _)) => root,
        Some((i, _)) => layer_id(l, w, i - 1, 1),
    };
    let children: Vec<String> = if layer < l {
        (1..=w).map(|j| layer_id(l, w, layer + 1, j)).collect()
    } else {
        Vec::new()
    };
    runs_children(id, base_ms, &parent, &children)
}

/// `exec-vanishing-parent` (Running, Success at 6 s) runs the child, which exists from 1 s
/// to 3 s, then no longer: a child a parent lists may be gone when its logs are asked for.
pub(crate) fn vanishing_parent(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let run = b.task(
        1,
        TaskPlan::new(
            "runShortLived",
            action::TEMPLATE,
            VANISHING_CHILD_START_MS,
            Some(VANISHING_PARENT_END_MS - 500),
            Status::Success,
        )
        .child(VANISHING_CHILD)
        .outputs(json!({"ChildExecutionId": VANISHING_CHILD})),
    );
    b.log(0, "System", None, "Execution started.");
    b.log(
        VANISHING_CHILD_START_MS,
        "System",
        Some(run),
        &format!("The task runShortLived started: child execution {VANISHING_CHILD}."),
    );
    b.log(
        VANISHING_PARENT_END_MS - 500,
        "System",
        Some(run),
        "The task runShortLived completed.",
    );
    b.log(
        VANISHING_PARENT_END_MS,
        "System",
        None,
        "Execution completed.",
    );
    let life = Life::ended(0, VANISHING_PARENT_END_MS, Status::Success);
    b.finish(Record::new("ACS-OOS-ShortLivedChild"), life)
}

/// The child of `exec-vanishing-parent`: an entry every 200 ms while it exists.
pub(crate) fn vanishing_child(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    let start = VANISHING_CHILD_START_MS;
    b.log(start, "System", None, "Execution started.");
    for at in (start + 200..VANISHING_CHILD_GONE_MS).step_by(200) {
        b.log(at, "Info", None, &format!("child heartbeat at {at} ms"));
    }
    let record = Record::new("ACS-OOS-ShortLived")
        .parent(VANISHING_PARENT)
        .executed_by("oos-service");
    let life = Life::forever(start, Status::Running).vanishing_at(VANISHING_CHILD_GONE_MS);
    b.finish(record, life)
}

/// `exec-rewrite-tail`: 10 entries at once (Running); at 2 s the last 5 of them are rewritten
/// (their messages say so) and 2 more appear; Success at 3 s.
pub(crate) fn rewrite_tail(id: &str, base_ms: i64) -> Script {
    let mut b = Builder::new(id, base_ms);
    for n in 1..=REWRITE_FIRST {
        let message = format!("entry {n}");
        if n > REWRITE_FIRST - REWRITE_CHANGED {
            b.log_rewritten(
                0,
                "Info",
                &message,
                REWRITE_AT_MS,
                &format!("{message} (rewritten)"),
            );
        } else {
            b.log(0, "Info", None, &message);
        }
    }
    for n in REWRITE_FIRST + 1..=REWRITE_FIRST + REWRITE_GROWTH {
        b.log(REWRITE_AT_MS, "Info", None, &format!("entry {n}"));
    }
    let life = Life::ended(0, REWRITE_END_MS, Status::Success);
    b.finish(Record::new("ACS-OOS-RewrittenTail"), life)
}
