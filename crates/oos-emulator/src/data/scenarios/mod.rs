//! The sample executions' scripts, one family per file; the catalog decides which id runs
//! which. Every scenario writes its tasks and entries together (with the script builder or
//! the generator), so each entry's `TaskExecutionId` names a task of its own execution.
//!
//! They must not parse ids nor know about clocks: a scenario gets its id and base instant.

pub(crate) mod basics;
pub(crate) mod chains;
pub(crate) mod demo;
pub(crate) mod edges;
pub(crate) mod family;
pub(crate) mod generated;
pub(crate) mod graphs;
pub(crate) mod history;
pub(crate) mod hostile;
pub(crate) mod live;
pub(crate) mod live_family;

/// Seconds, as the milliseconds scripts count in.
pub(crate) const fn s(seconds: u64) -> u64 {
    seconds * 1000
}

/// Task actions, as OOS names them.
pub(crate) mod action {
    /// Calls a cloud API.
    pub(crate) const EXECUTE_API: &str = "ACS::ExecuteApi";
    /// Picks the target instances.
    pub(crate) const SELECT_TARGETS: &str = "ACS::SelectTargets";
    /// Polls an API until a value is reached.
    pub(crate) const WAIT_FOR: &str = "ACS::WaitFor";
    /// Runs a Cloud Assistant command.
    pub(crate) const RUN_COMMAND: &str = "ACS::ECS::RunCommand";
    /// Reboots an instance.
    pub(crate) const REBOOT_INSTANCE: &str = "ACS::ECS::RebootInstance";
    /// Starts an instance.
    pub(crate) const START_INSTANCE: &str = "ACS::ECS::StartInstance";
    /// Runs a child execution.
    pub(crate) const TEMPLATE: &str = "ACS::Template";
    /// Waits for a person's approval.
    pub(crate) const APPROVE: &str = "ACS::Approve";
    /// Sleeps.
    pub(crate) const SLEEP: &str = "ACS::Sleep";
}
