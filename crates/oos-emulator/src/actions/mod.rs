//! The emulator's API actions: `ListExecutionLogs`, `ListExecutions` and
//! `ListTaskExecutions`, with the service's parameter checks, opaque page tokens and error
//! codes. This file dispatches and resolves an execution id to the execution at this
//! moment (starting its clock when it lives in time); each action has its own file.
//!
//! It must not authenticate (auth does) or inject faults (the server does).

mod executions;
mod keyset;
mod logs;
mod params;
mod storm;
mod tasks;

use std::collections::HashMap;
use std::time::Instant;

pub use logs::TailToken;
pub(crate) use params::required;

use super::ErrorReply;
use super::clock::Clocks;
use super::data::{Sample, View};
use super::faults::{Faults, PageStorm};

/// What an action answered.
#[derive(Debug)]
pub struct Reply {
    /// The response object as JSON text, `RequestId` first.
    pub body: String,
}

/// What the actions need from the server besides the request.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Send back the NextToken a page was asked with (a fault).
    pub repeat_token: bool,
    /// What the last page of a running execution's logs carries.
    pub tail_token: TailToken,
    /// Every page a fresh token whose page brings nothing (a fault).
    pub page_storm: Option<PageStorm>,
    /// The clocks of executions that live in time.
    pub clocks: &'a Clocks,
    /// The moment the request is answered at.
    pub now: Instant,
}

impl<'a> Context<'a> {
    /// A context at the current instant.
    pub fn new(faults: &Faults, tail_token: TailToken, clocks: &'a Clocks) -> Self {
        Self {
            repeat_token: faults.repeat_token,
            tail_token,
            page_storm: faults.page_storm,
            clocks,
            now: Instant::now(),
        }
    }

    /// Execution `id` at this moment, if it exists; a request naming an execution that lives
    /// in time starts its clock (a child of `exec-live-parent`: its parent's).
    pub fn resolve(&self, id: &str) -> Option<View> {
        let sample = Sample::find(id)?;
        let moment = sample
            .is_timed()
            .then(|| self.clocks.start(sample.clock_id()).at(self.now));
        Some(sample.view(moment)).filter(View::exists)
    }

    /// The executions a listing shows without naming them: the static ones, and those that
    /// live in time once their clock runs (and while they exist).
    pub fn listed(&self) -> Vec<View> {
        let started = self.clocks.started().into_iter().flat_map(|(id, clock)| {
            let moment = clock.at(self.now);
            Sample::on_clock(&id).map(move |sample| sample.view(Some(moment)))
        });
        Sample::listed()
            .map(|sample| sample.view(None))
            .chain(started)
            .filter(View::exists)
            .collect()
    }
}

/// Runs the action named in `params`.
pub fn dispatch(
    params: &HashMap<String, String>,
    context: &Context<'_>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    if params.get("Version").map(String::as_str) != Some(crate::API_VERSION) {
        return Err(ErrorReply::new(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
        ));
    }
    if let Some(storm) = context.page_storm {
        return storm::answer(params, context, request_id, storm);
    }
    answer(params, context, request_id)
}

/// Runs the action, as the service would.
fn answer(
    params: &HashMap<String, String>,
    context: &Context<'_>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    match params.get("Action").map(String::as_str) {
        Some("ListExecutionLogs") => logs::list_execution_logs(params, context, request_id),
        Some("ListExecutions") => executions::list_executions(params, context, request_id),
        Some("ListTaskExecutions") => tasks::list_task_executions(params, context, request_id),
        _ => Err(ErrorReply::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )),
    }
}

#[cfg(test)]
mod tests;
