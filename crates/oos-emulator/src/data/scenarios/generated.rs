//! The generated families (entries computed from their index, never held):
//! `exec-large-<N>` (N entries, one a second, Success), `exec-live-<outcome>-<N>x<MS>`
//! (entry i at i*MS ms after the clock start; Running until N*MS ms, then the outcome),
//! `exec-vanish-<MS>` (Running, an entry every 200 ms, gone after MS ms) and the children of
//! `exec-fanout-<K>x<N>`.
//!
//! They must not parse ids (the catalog does) nor read a clock.

use serde_json::json;

use crate::data::generated::{Ending, Generated};
use crate::data::script::{Body, Life, Record, Script};
use crate::data::status::Status;
use crate::data::time::utc_ms;

/// When every `exec-large-N` starts (they share the samples' first day).
pub(crate) const LARGE_BASE: i64 = utc_ms(2024, 6, 1, 0, 0);
/// The interval between two entries of `exec-vanish-<MS>`.
pub(crate) const VANISH_STEP_MS: u64 = 200;

/// The script of `generated`; the life's end is the generator's.
fn script(generated: Generated, record: Record, mut life: Life) -> Script {
    if let Some((end, outcome)) = generated.end_ms() {
        life.end = Some((end, outcome));
    }
    Script {
        id: generated.id.clone(),
        base_ms: generated.base_ms,
        record,
        life,
        body: Body::Generated(generated),
        children: Vec::new(),
    }
}

fn bulk_record() -> Record {
    Record::new("ACS-ECS-BulkyRunCommand").parameters(json!({
        "regionId": "cn-hangzhou",
        "commandType": "RunShellScript",
        "commandContent": "./step.sh",
    }))
}

/// `exec-large-<n>`.
pub(crate) fn large(id: &str, base_ms: i64, n: u64) -> Script {
    let generated = Generated {
        id: id.to_owned(),
        n,
        base_ms,
        first_ms: 0,
        step_ms: 1000,
        ending: Ending::After(Status::Success),
    };
    let record = bulk_record().outputs(json!({"Entries": n}));
    script(generated, record, Life::forever(0, Status::Running))
}

/// `exec-live-<outcome>-<n>x<step_ms>`.
pub(crate) fn live(id: &str, base_ms: i64, outcome: Status, n: u64, step_ms: u64) -> Script {
    let generated = Generated {
        id: id.to_owned(),
        n,
        base_ms,
        first_ms: 0,
        step_ms,
        ending: Ending::After(outcome),
    };
    let last_task = format!("runBatch{}", generated.task_count().max(1));
    let life = match outcome {
        Status::Failed => Life::forever(0, Status::Running).final_message(
            &format!("Task {last_task} failed: exit code 1."),
            "NonZeroExitCode",
        ),
        Status::Cancelled => Life::forever(0, Status::Running)
            .final_message("Execution cancelled by the user.", "CancelledByUser"),
        _ => Life::forever(0, Status::Running),
    };
    let record = bulk_record().outputs(json!({"Entries": n}));
    script(generated, record, life)
}

/// `exec-vanish-<vanish_ms>`.
pub(crate) fn vanish(id: &str, base_ms: i64, vanish_ms: u64) -> Script {
    let generated = Generated {
        id: id.to_owned(),
        n: vanish_ms / VANISH_STEP_MS + 1,
        base_ms,
        first_ms: 0,
        step_ms: VANISH_STEP_MS,
        ending: Ending::Never,
    };
    let life = Life::forever(0, Status::Running).vanishing_at(vanish_ms);
    script(generated, bulk_record(), life)
}

/// A child of `parent` with `n` entries, one a second, the first `start_ms` after `base_ms`.
pub(crate) fn fanout_child(id: &str, parent: &str, base_ms: i64, start_ms: u64, n: u64) -> Script {
    let generated = Generated {
        id: id.to_owned(),
        n,
        base_ms,
        first_ms: start_ms,
        step_ms: 1000,
        ending: Ending::After(Status::Success),
    };
    let record = bulk_record()
        .parent(parent)
        .executed_by("oos-service")
        .outputs(json!({"Entries": n}));
    script(generated, record, Life::forever(start_ms, Status::Running))
}
