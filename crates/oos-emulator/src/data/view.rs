//! An execution at one moment: its script evaluated `elapsed_ms` after its base instant.
//! Owns what time decides: whether it still exists, its status, which entries and tasks have
//! appeared, and each task's status. Static samples are viewed at the end of time.
//!
//! It must not shape API JSON (shape does) nor know about clocks or HTTP.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::page::{Filter, Selected, select_listed};
use super::script::{Body, Script, TaskPlan};
use super::status::Status;
use super::time::second_of;

/// An execution at one moment.
#[derive(Debug, Clone)]
pub struct View {
    script: Script,
    elapsed_ms: u64,
}

/// What filters, sorting and counting need of a task that has started, at the view's
/// moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskBrief {
    /// Its position in the execution's task list.
    pub index: u64,
    /// Its status now.
    pub status: Status,
    /// StartDate (Unix second).
    pub start_second: i64,
    /// EndDate (Unix second), once final.
    pub end_second: Option<i64>,
    /// Whether it is a loop item.
    pub is_loop_item: bool,
}

/// A task that has started, at the view's moment.
#[derive(Debug, Clone)]
pub struct TaskState<'a> {
    /// Its position in the execution's task list (start order).
    pub index: u64,
    /// What it is.
    pub(crate) plan: Cow<'a, TaskPlan>,
    /// Its status now.
    pub status: Status,
    /// StartDate (Unix second).
    pub start_second: i64,
    /// EndDate (Unix second), once final.
    pub end_second: Option<i64>,
}

impl TaskState<'_> {
    /// TaskExecutionId.
    pub fn id(&self) -> &str {
        &self.plan.id
    }

    /// TaskName.
    pub fn name(&self) -> &str {
        &self.plan.name
    }

    /// TaskAction.
    pub fn action(&self) -> &str {
        self.plan.action
    }

    /// The loop task of a loop item.
    pub fn parent_task(&self) -> Option<&str> {
        self.plan.parent_task.as_deref()
    }

    /// ChildExecutionId.
    pub fn child_execution(&self) -> Option<&str> {
        self.plan.child_execution.as_deref()
    }

    /// Whether it is a loop item.
    pub fn is_loop_item(&self) -> bool {
        self.plan.is_loop_item()
    }
}

impl View {
    pub(crate) fn new(script: Script, elapsed_ms: u64) -> Self {
        Self { script, elapsed_ms }
    }

    pub(crate) fn script(&self) -> &Script {
        &self.script
    }

    /// ExecutionId.
    pub fn id(&self) -> &str {
        &self.script.id
    }

    /// Whether the execution exists at this moment: not before it starts (a child that a
    /// running parent starts later), nor once it vanishes (some do).
    pub fn exists(&self) -> bool {
        let life = &self.script.life;
        life.start_ms <= self.elapsed_ms
            && life.vanish_ms.is_none_or(|vanish| self.elapsed_ms < vanish)
    }

    /// The status now.
    pub fn status(&self) -> Status {
        match self.script.life.end {
            Some((at, outcome)) if at <= self.elapsed_ms => outcome,
            _ => self.script.life.pending,
        }
    }

    /// Whether the status is final.
    pub fn is_final(&self) -> bool {
        self.status().is_final()
    }

    /// StartDate (Unix second).
    pub fn start_second(&self) -> i64 {
        second_of(self.script.base_ms, self.script.life.start_ms)
    }

    /// EndDate (Unix second), once final.
    pub fn end_second(&self) -> Option<i64> {
        match self.script.life.end {
            Some((at, _)) if at <= self.elapsed_ms => Some(second_of(self.script.base_ms, at)),
            _ => None,
        }
    }

    /// The latest thing that happened (Unix second): the start, the last visible entry, the
    /// end.
    pub fn last_activity_second(&self) -> i64 {
        let last_entry = match &self.script.body {
            Body::Listed { entries, .. } => self
                .visible_len()
                .checked_sub(1)
                .map(|i| entries[usize::try_from(i).expect("listed")].at_ms),
            Body::Generated(g) => self.visible_len().checked_sub(1).map(|i| g.at_ms(i)),
        };
        let latest = last_entry.unwrap_or(0).max(self.script.life.start_ms);
        let latest_second = second_of(self.script.base_ms, latest);
        self.end_second()
            .map_or(latest_second, |end| end.max(latest_second))
    }

    /// TemplateName.
    pub fn template(&self) -> &str {
        &self.script.record.template
    }

    /// ParentExecutionId ("" for a root).
    pub fn parent_id(&self) -> &str {
        &self.script.record.parent
    }

    /// Child executions.
    pub fn children(&self) -> &[String] {
        &self.script.children
    }

    /// How many entries have appeared.
    pub fn visible_len(&self) -> u64 {
        match &self.script.body {
            Body::Listed { entries, .. } => {
                entries.partition_point(|e| e.at_ms <= self.elapsed_ms) as u64
            }
            Body::Generated(g) => g.visible(self.elapsed_ms),
        }
    }

    /// A page of the visible entries: up to `size` from index `start` on that pass `filter`.
    pub fn select(&self, start: u64, size: u64, filter: &Filter<'_>) -> Selected {
        let visible = self.visible_len();
        match &self.script.body {
            Body::Listed { entries, .. } => {
                select_listed(entries, self.elapsed_ms, visible, start, size, filter)
            }
            Body::Generated(g) => g.select(visible, start, size, filter),
        }
    }

    /// The visible entries, in order; generated ones are produced lazily.
    pub fn into_entries(self) -> Box<dyn Iterator<Item = Map<String, Value>> + Send> {
        let visible = self.visible_len();
        let elapsed = self.elapsed_ms;
        match self.script.body {
            Body::Listed { entries, .. } => Box::new(
                entries
                    .into_iter()
                    .take(usize::try_from(visible).unwrap_or(usize::MAX))
                    .map(move |e| e.fields_at(elapsed).clone()),
            ),
            Body::Generated(g) => Box::new((0..visible).map(move |i| g.entry(i))),
        }
    }

    /// How many tasks the script has (started or not); indexes run below this.
    pub fn task_slots(&self) -> u64 {
        match &self.script.body {
            Body::Listed { tasks, .. } => tasks.len() as u64,
            Body::Generated(g) => g.task_count(),
        }
    }

    /// The brief of a task that starts at `start_ms` and ends at `end`, if it has started.
    fn brief(
        &self,
        index: u64,
        (start_ms, end): (u64, Option<(u64, Status)>),
        pending: Status,
        is_loop_item: bool,
    ) -> Option<TaskBrief> {
        if start_ms > self.elapsed_ms {
            return None;
        }
        let ended = end.filter(|(at, _)| *at <= self.elapsed_ms);
        let base = self.script.base_ms;
        Some(TaskBrief {
            index,
            status: ended.map_or(pending, |(_, outcome)| outcome),
            start_second: second_of(base, start_ms),
            end_second: ended.map(|(at, _)| second_of(base, at)),
            is_loop_item,
        })
    }

    /// The brief of task `index`, if it has started; cheap (a generated execution's 100,000
    /// tasks are counted and sorted without building one).
    pub fn task_brief(&self, index: u64) -> Option<TaskBrief> {
        match &self.script.body {
            Body::Listed { tasks, .. } => {
                let plan = tasks.get(usize::try_from(index).ok()?)?;
                let timing = (plan.start_ms, plan.end);
                self.brief(index, timing, plan.pending, plan.is_loop_item())
            }
            Body::Generated(g) => {
                if index >= g.task_count() {
                    return None;
                }
                self.brief(index, g.task_timing(index + 1), Status::Running, false)
            }
        }
    }

    /// Task `index`, if it has started (a generated task in outline: see `task_details`).
    pub fn task(&self, index: u64) -> Option<TaskState<'_>> {
        let brief = self.task_brief(index)?;
        let plan = match &self.script.body {
            Body::Listed { tasks, .. } => Cow::Borrowed(&tasks[usize::try_from(index).ok()?]),
            Body::Generated(g) => Cow::Owned(g.task_outline(index + 1)),
        };
        Some(TaskState {
            index,
            plan,
            status: brief.status,
            start_second: brief.start_second,
            end_second: brief.end_second,
        })
    }

    /// Everything about a task, for its JSON.
    pub(crate) fn task_details<'a>(&'a self, task: &TaskState<'a>) -> Cow<'a, TaskPlan> {
        match &self.script.body {
            Body::Listed { .. } => task.plan.clone(),
            Body::Generated(g) => Cow::Owned(g.task(task.index + 1)),
        }
    }

    /// The tasks that have started, in start order.
    pub fn tasks(&self) -> impl Iterator<Item = TaskState<'_>> + '_ {
        (0..self.task_slots()).filter_map(|i| self.task(i))
    }
}
