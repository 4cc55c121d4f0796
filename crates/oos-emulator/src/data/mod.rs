//! The emulator's sample executions: deterministic, the same on every run, each one's
//! execution record, tasks and log entries consistent with each other. The catalog lists
//! them (`SAMPLES` describes each); `Sample::find` looks one up; `Sample::view` evaluates it
//! at a moment (clocked samples live in time from their clock's start; the others are seen
//! as they end up).
//!
//! It must not know about HTTP, pages' tokens or clocks (the server passes a `Moment`).

mod catalog;
mod generated;
mod page;
mod scenarios;
mod script;
mod shape;
mod status;
mod time;
mod view;

use serde_json::{Map, Value};

pub use catalog::{
    FIXED_IDS, MAX_FANOUT_CHILDREN, MAX_FANOUT_ENTRIES, MAX_GENERATED, MAX_LIVE_ENTRIES,
    MAX_LIVE_STEP_MS, MAX_VANISH_MS, SAMPLES, TIMED_IDS,
};
pub use page::{Filter, Selected};
pub use status::Status;
pub use view::{TaskBrief, TaskState, View};

pub(crate) use time::{now_ms, parse_request_date};

use catalog::{Blueprint, NOMINAL_CLOCK_BASE};

/// A clocked execution's moment: its clock started at `base_ms` (Unix ms, the wall clock
/// then) and `elapsed_ms` have passed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The wall clock at the start, Unix ms.
    pub base_ms: i64,
    /// Time since the start, ms.
    pub elapsed_ms: u64,
}

/// An execution the emulator knows.
#[derive(Debug, Clone)]
pub struct Sample {
    /// ExecutionId.
    pub id: String,
    blueprint: Blueprint,
}

impl Sample {
    /// The sample of that id.
    pub fn find(id: &str) -> Option<Self> {
        Blueprint::parse(id).map(|blueprint| Self {
            id: id.to_owned(),
            blueprint,
        })
    }

    /// Whether it lives in time from its clock's start (the first request naming it).
    pub fn is_timed(&self) -> bool {
        self.blueprint.is_clocked()
    }

    /// The id of the clock it lives by (a timed sample's own, or its parent's for the
    /// children of `exec-live-parent`, so that their timelines agree whichever is named
    /// first).
    pub fn clock_id(&self) -> &str {
        catalog::clock_owner(&self.id).unwrap_or(&self.id)
    }

    /// The timed samples that live by the clock `clock_id` (once it runs): its owner, then
    /// the executions that share it.
    pub fn on_clock(clock_id: &str) -> impl Iterator<Item = Sample> + use<> {
        let owner = Self::find(clock_id).filter(|s| s.is_timed() && s.clock_id() == clock_id);
        let dependents = catalog::clock_dependents(clock_id)
            .iter()
            .filter_map(|id| Self::find(id));
        owner.into_iter().chain(dependents)
    }

    /// The execution at `moment`. Static samples ignore it (they are seen as they end up).
    /// A timed sample without a moment is seen as it ends up, its clock started at a fixed
    /// nominal instant.
    pub fn view(&self, moment: Option<Moment>) -> View {
        if !self.is_timed() {
            return View::new(self.blueprint.write(&self.id, NOMINAL_CLOCK_BASE), u64::MAX);
        }
        let Moment {
            base_ms,
            elapsed_ms,
        } = moment.unwrap_or(Moment {
            base_ms: NOMINAL_CLOCK_BASE,
            elapsed_ms: u64::MAX,
        });
        View::new(self.blueprint.write(&self.id, base_ms), elapsed_ms)
    }

    /// The entries as they end up (for a timed sample: with its nominal clock), in order;
    /// generated ones are produced lazily.
    pub fn entries(&self) -> Box<dyn Iterator<Item = Map<String, Value>> + Send> {
        self.view(None).into_entries()
    }

    /// The entries visible at `moment`, in order.
    pub fn entries_at(
        &self,
        moment: Moment,
    ) -> Box<dyn Iterator<Item = Map<String, Value>> + Send> {
        self.view(Some(moment)).into_entries()
    }

    /// The static executions a listing shows without being named (roots and children).
    pub fn listed() -> impl Iterator<Item = Sample> {
        catalog::listed_ids().filter_map(|id| Self::find(&id))
    }
}

#[cfg(test)]
mod tests;
