//! How an execution and a task look in the API's JSON (reference/alibaba-api.md §2.2-2.3):
//! field names, order and types (`Outputs` and `Properties` JSON-encoded strings, `Counters`
//! an object consistent with the tasks, `EndDate` absent until the status is final).
//!
//! It must not decide what happened when (the view does).

use serde_json::{Map, Value, json};

use super::status::Status;
use super::time::timestamp;
use super::view::{TaskState, View};
use crate::hash::fnv1a;

/// The TemplateId of a template name (made up, stable).
pub(crate) fn template_id(template: &str) -> String {
    format!("t-{:012x}", fnv1a(&[template]) & 0xffff_ffff_ffff)
}

fn encoded(value: &Value) -> Value {
    Value::String(value.to_string())
}

/// `Counters`: the execution's top-level tasks (loop items are counted by their loop) that
/// have started, by status.
fn counters(view: &View) -> Value {
    let mut total = 0u64;
    let mut by_status = [0u64; Status::ALL.len()];
    let briefs = (0..view.task_slots()).filter_map(|i| view.task_brief(i));
    for brief in briefs.filter(|b| !b.is_loop_item) {
        total += 1;
        by_status[brief.status as usize] += 1;
    }
    let count = |status: Status| by_status[status as usize];
    json!({
        "Total": total,
        "Success": count(Status::Success),
        "Failed": count(Status::Failed),
        "Running": count(Status::Running),
        "Waiting": count(Status::Waiting),
        "Cancelled": count(Status::Cancelled),
    })
}

/// `CurrentTasks`: the top-level tasks not final yet, while the execution is not.
fn current_tasks(view: &View) -> Value {
    if view.is_final() {
        return json!([]);
    }
    (0..view.task_slots())
        .filter(|i| {
            view.task_brief(*i)
                .is_some_and(|b| !b.is_loop_item && !b.status.is_final())
        })
        .filter_map(|i| view.task(i))
        .map(|t| {
            json!({
                "TaskAction": t.action(),
                "TaskExecutionId": t.id(),
                "TaskName": t.name(),
            })
        })
        .collect()
}

/// The `ListExecutions` view of the execution.
fn execution_json(view: &View) -> Map<String, Value> {
    let script = view.script();
    let record = &script.record;
    let life = &script.life;
    let status = view.status();
    let is_final = status.is_final();
    let (message, reason, waiting) = if is_final {
        (life.final_message.as_str(), life.reason.as_str(), "")
    } else {
        (
            life.pending_message.as_str(),
            "",
            life.waiting_status.as_str(),
        )
    };
    let start = timestamp(view.start_second());
    let mut m = Map::new();
    m.insert("ExecutionId".into(), json!(script.id));
    m.insert("TemplateName".into(), json!(record.template));
    m.insert("TemplateId".into(), json!(template_id(&record.template)));
    m.insert("TemplateVersion".into(), json!(record.template_version));
    m.insert("Mode".into(), json!(record.mode));
    m.insert("Status".into(), json!(status.as_str()));
    m.insert("StatusMessage".into(), json!(message));
    m.insert("StatusReason".into(), json!(reason));
    m.insert("WaitingStatus".into(), json!(waiting));
    m.insert("StartDate".into(), json!(start));
    if let Some(end) = view.end_second() {
        m.insert("EndDate".into(), json!(timestamp(end)));
    }
    m.insert("CreateDate".into(), json!(start));
    m.insert(
        "UpdateDate".into(),
        json!(timestamp(view.last_activity_second())),
    );
    m.insert("ExecutedBy".into(), json!(record.executed_by));
    m.insert("IsParent".into(), json!(!script.children.is_empty()));
    m.insert("ParentExecutionId".into(), json!(record.parent));
    let outputs = if is_final {
        &record.outputs
    } else {
        &json!({})
    };
    m.insert("Outputs".into(), encoded(outputs));
    m.insert("Parameters".into(), record.parameters.clone());
    m.insert("Counters".into(), counters(view));
    m.insert("CurrentTasks".into(), current_tasks(view));
    m.insert("Category".into(), json!(record.category));
    m.insert("Tags".into(), record.tags.clone());
    m.insert("Description".into(), json!(record.description));
    m.insert("RamRole".into(), json!("OOSServiceRole"));
    m.insert("SafetyCheck".into(), json!("Skip"));
    m.insert("ResourceGroupId".into(), json!("rg-acfmdemo0000001"));
    m
}

/// The `ListTaskExecutions` view of a task.
fn task_json<'a>(view: &'a View, task: &TaskState<'a>) -> Map<String, Value> {
    let plan = view.task_details(task);
    let is_final = task.status.is_final();
    let start = timestamp(task.start_second);
    let mut m = Map::new();
    m.insert("TaskExecutionId".into(), json!(plan.id));
    m.insert("TaskName".into(), json!(plan.name));
    m.insert("TaskAction".into(), json!(plan.action));
    m.insert("Status".into(), json!(task.status.as_str()));
    let message = if is_final {
        &plan.final_message
    } else {
        &plan.pending_message
    };
    m.insert("StatusMessage".into(), json!(message));
    m.insert("StartDate".into(), json!(start));
    if let Some(end) = task.end_second {
        m.insert("EndDate".into(), json!(timestamp(end)));
    }
    m.insert("CreateDate".into(), json!(start));
    m.insert(
        "UpdateDate".into(),
        json!(timestamp(task.end_second.unwrap_or(task.start_second))),
    );
    m.insert("ExecutionId".into(), json!(view.id()));
    if let Some(parent) = &plan.parent_task {
        m.insert("ParentTaskExecutionId".into(), json!(parent));
    }
    if let Some(child) = &plan.child_execution {
        m.insert("ChildExecutionId".into(), json!(child));
    }
    let outputs = if is_final { &plan.outputs } else { &json!({}) };
    m.insert("Outputs".into(), encoded(outputs));
    m.insert("Properties".into(), encoded(&plan.properties));
    m.insert("ExtraData".into(), plan.extra.clone());
    if let Some(info) = plan.loop_info {
        m.insert(
            "Loop".into(),
            json!({"Items": info.items, "Concurrency": info.concurrency, "MaxErrors": 0}),
        );
    }
    if let Some(item) = &plan.loop_item {
        m.insert("LoopItem".into(), json!(item));
    }
    if let Some(batch) = plan.loop_batch {
        m.insert("LoopBatchNumber".into(), json!(batch));
    }
    m.insert(
        "TemplateId".into(),
        json!(template_id(&view.script().record.template)),
    );
    m
}

impl View {
    /// The `ListExecutions` view of the execution.
    pub fn execution_json(&self) -> Map<String, Value> {
        execution_json(self)
    }

    /// The `ListTaskExecutions` view of one of its tasks.
    pub fn task_json<'a>(&'a self, task: &TaskState<'a>) -> Map<String, Value> {
        task_json(self, task)
    }
}
