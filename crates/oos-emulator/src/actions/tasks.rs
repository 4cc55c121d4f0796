//! `ListTaskExecutions`: the tasks of one execution (`ExecutionId` required; an unknown one:
//! an empty list), filtered by `Status`, `TaskName`, `TaskExecutionId`, `TaskAction` and
//! the StartDate window. Loop items are left out unless `IncludeChildTaskExecution=true`,
//! or `ParentTaskExecutionId` asks for the items of one loop, or `TaskExecutionId` names one.
//! Sorted (StartDate Descending by default) and paged by keyset tokens bound to the query.
//!
//! It must not authenticate or inject faults, nor shape a task (the data does).

use serde_json::{Map, Value, json};

use super::keyset::{self, Key, Primary, Sort, SortField};
use super::params::{Params, StartWindow, boolean, max_results, optional, required, sort};
use super::{Context, Reply};
use crate::ErrorReply;
use crate::data::{TaskBrief, TaskState, View};
use crate::hash::fnv1a;

/// What a `ListTaskExecutions` call asks for.
#[derive(Debug)]
struct Query<'a> {
    execution_id: &'a str,
    status: Option<&'a str>,
    name: Option<&'a str>,
    task_id: Option<&'a str>,
    action: Option<&'a str>,
    parent_task: Option<&'a str>,
    include_items: bool,
    window: StartWindow,
    sort: Sort,
}

impl<'a> Query<'a> {
    fn parse(params: &'a Params) -> Result<Self, ErrorReply> {
        Ok(Self {
            execution_id: required(params, "ExecutionId")?,
            status: optional(params, "Status"),
            name: optional(params, "TaskName"),
            task_id: optional(params, "TaskExecutionId"),
            action: optional(params, "TaskAction"),
            parent_task: optional(params, "ParentTaskExecutionId"),
            include_items: boolean(params, "IncludeChildTaskExecution", false)?,
            window: StartWindow::parse(params)?,
            sort: sort(params)?,
        })
    }

    /// What a token of this query is bound to.
    fn fingerprint(&self) -> u64 {
        fnv1a(&[
            "ListTaskExecutions",
            self.execution_id,
            self.status.unwrap_or(""),
            self.name.unwrap_or(""),
            self.task_id.unwrap_or(""),
            self.action.unwrap_or(""),
            self.parent_task.unwrap_or(""),
            if self.include_items { "1" } else { "0" },
            &self.window.describe(),
            &self.sort.describe(),
        ])
    }

    /// Whether a filter needs the task's names (not only its brief).
    fn names_wanted(&self) -> bool {
        self.name.is_some()
            || self.task_id.is_some()
            || self.action.is_some()
            || self.parent_task.is_some()
    }

    /// The filters its brief decides.
    fn matches_brief(&self, task: &TaskBrief) -> bool {
        let items_wanted =
            self.include_items || self.parent_task.is_some() || self.task_id.is_some();
        (items_wanted || !task.is_loop_item)
            && self.status.is_none_or(|s| task.status.as_str() == s)
            && self.window.contains(task.start_second)
    }

    /// The filters on names.
    fn matches_names(&self, task: &TaskState<'_>) -> bool {
        self.parent_task
            .is_none_or(|p| task.parent_task() == Some(p))
            && self.name.is_none_or(|n| task.name() == n)
            && self.task_id.is_none_or(|t| task.id() == t)
            && self.action.is_none_or(|a| task.action() == a)
    }

    fn matches(&self, view: &View, task: &TaskBrief) -> bool {
        self.matches_brief(task)
            && (!self.names_wanted()
                || view
                    .task(task.index)
                    .is_some_and(|t| self.matches_names(&t)))
    }

    fn key(&self, task: &TaskBrief) -> Key<u64> {
        let primary = match self.sort.field {
            SortField::StartDate => Primary::Time(Some(task.start_second)),
            SortField::EndDate => Primary::Time(task.end_second),
            SortField::Status => Primary::Status(task.status),
        };
        Key {
            primary,
            tie: task.index,
        }
    }
}

pub(super) fn list_task_executions(
    params: &Params,
    context: &Context<'_>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    let query = Query::parse(params)?;
    let page_size = max_results(params, 20..=100, 50)?;
    let fingerprint = query.fingerprint();
    let after = optional(params, "NextToken")
        .map(|t| {
            keyset::decode_token::<u64>(t, fingerprint)
                .ok_or_else(|| ErrorReply::invalid_parameter("NextToken"))
        })
        .transpose()?;
    let view = context.resolve(query.execution_id);
    let size = usize::try_from(page_size).expect("at most 100");
    let (next, tasks) = match &view {
        Some(view) => {
            let matching = (0..view.task_slots())
                .filter_map(|i| view.task_brief(i))
                .filter(|t| query.matches(view, t))
                .map(|t| (query.key(&t), t.index));
            let page = keyset::page(matching, after.as_ref(), size, query.sort.descending);
            let tasks: Vec<Value> = page
                .items
                .iter()
                .filter_map(|i| view.task(*i))
                .map(|t| Value::Object(view.task_json(&t)))
                .collect();
            (page.next, tasks)
        }
        None => (None, Vec::new()),
    };
    let mut body = Map::new();
    body.insert("RequestId".into(), json!(request_id));
    body.insert("MaxResults".into(), json!(page_size));
    if let Some(next) = &next {
        body.insert(
            "NextToken".into(),
            json!(keyset::encode_token(fingerprint, next)),
        );
    }
    body.insert("TaskExecutions".into(), Value::Array(tasks));
    Ok(Reply {
        body: Value::Object(body).to_string(),
    })
}
