//! The script of one sample execution: what it is (template, parameters, parent), how its
//! status runs over time, its tasks and its log entries, every event placed at an offset in
//! milliseconds from the execution's base instant. Scenarios write scripts with the
//! `Builder`, which makes every entry's `TaskExecutionId` name a task of the same script.
//!
//! It must not evaluate a moment (the view does) nor shape API JSON (shape does).

use serde_json::{Map, Value, json};

use super::generated::Generated;
use super::status::Status;
use super::time::timestamp_at;

/// One execution's script.
#[derive(Debug, Clone)]
pub(crate) struct Script {
    /// ExecutionId.
    pub(crate) id: String,
    /// The instant offsets count from (Unix ms): fixed for static samples, the clock start
    /// for live ones.
    pub(crate) base_ms: i64,
    /// The execution's fixed fields.
    pub(crate) record: Record,
    /// How its status runs.
    pub(crate) life: Life,
    /// Its tasks and entries.
    pub(crate) body: Body,
    /// Child executions (from its tasks' `ChildExecutionId`), in task order.
    pub(crate) children: Vec<String>,
}

/// Tasks and entries: written out, or generated on demand.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// A handful, held in memory (entries in time order).
    Listed {
        /// Tasks, loop items right after their loop.
        tasks: Vec<TaskPlan>,
        /// Entries, in time order.
        entries: Vec<LogLine>,
    },
    /// Any number, computed from their index.
    Generated(Generated),
}

/// A written-out log entry.
#[derive(Debug, Clone)]
pub(crate) struct LogLine {
    /// When it appears.
    pub(crate) at_ms: u64,
    /// The entry as the API sends it.
    pub(crate) fields: Map<String, Value>,
    /// From this offset on, the entry reads so instead (a service that rewrites its tail).
    pub(crate) rewritten: Option<(u64, Map<String, Value>)>,
}

impl LogLine {
    /// The entry as the API sends it `elapsed_ms` after the base instant.
    pub(crate) fn fields_at(&self, elapsed_ms: u64) -> &Map<String, Value> {
        match &self.rewritten {
            Some((at, fields)) if *at <= elapsed_ms => fields,
            _ => &self.fields,
        }
    }
}

/// The execution's fields that do not change over time.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    /// TemplateName.
    pub(crate) template: String,
    /// TemplateVersion.
    pub(crate) template_version: &'static str,
    /// ParentExecutionId ("" for a root).
    pub(crate) parent: String,
    /// Parameters (an object).
    pub(crate) parameters: Value,
    /// Outputs once final (an object; the API sends it JSON-encoded).
    pub(crate) outputs: Value,
    /// ExecutedBy.
    pub(crate) executed_by: String,
    /// Description.
    pub(crate) description: String,
    /// Tags (an object).
    pub(crate) tags: Value,
    /// Category.
    pub(crate) category: &'static str,
    /// Mode.
    pub(crate) mode: &'static str,
}

impl Record {
    /// A record of `template` with everyday defaults.
    pub(crate) fn new(template: &str) -> Self {
        Self {
            template: template.to_owned(),
            template_version: "v1",
            parent: String::new(),
            parameters: json!({"regionId": "cn-hangzhou"}),
            outputs: json!({}),
            executed_by: "ops-alice".to_owned(),
            description: String::new(),
            tags: json!({}),
            category: "Other",
            mode: "Automatic",
        }
    }

    /// With this parent execution.
    pub(crate) fn parent(mut self, parent: &str) -> Self {
        parent.clone_into(&mut self.parent);
        self
    }

    /// With these parameters.
    pub(crate) fn parameters(mut self, parameters: Value) -> Self {
        self.parameters = parameters;
        self
    }

    /// With these outputs.
    pub(crate) fn outputs(mut self, outputs: Value) -> Self {
        self.outputs = outputs;
        self
    }

    /// Run by this user.
    pub(crate) fn executed_by(mut self, user: &str) -> Self {
        user.clone_into(&mut self.executed_by);
        self
    }

    /// With this description.
    pub(crate) fn description(mut self, description: &str) -> Self {
        description.clone_into(&mut self.description);
        self
    }

    /// Of this template version.
    pub(crate) fn version(mut self, version: &'static str) -> Self {
        self.template_version = version;
        self
    }

    /// With these tags.
    pub(crate) fn tags(mut self, tags: Value) -> Self {
        self.tags = tags;
        self
    }
}

/// How an execution's status runs: `pending` from `start_ms`, then the outcome at the end
/// (if it ends); it may vanish (stop existing) at some point.
#[derive(Debug, Clone)]
pub(crate) struct Life {
    /// StartDate, as an offset.
    pub(crate) start_ms: u64,
    /// The status until the end: Running, Waiting, Suspending.
    pub(crate) pending: Status,
    /// When it ends, and how.
    pub(crate) end: Option<(u64, Status)>,
    /// StatusMessage while pending.
    pub(crate) pending_message: String,
    /// StatusMessage once final.
    pub(crate) final_message: String,
    /// StatusReason once final.
    pub(crate) reason: String,
    /// WaitingStatus while pending.
    pub(crate) waiting_status: String,
    /// From this offset on, the execution does not exist.
    pub(crate) vanish_ms: Option<u64>,
}

impl Life {
    /// Runs from `start_ms` to `end_ms`, then is `outcome`.
    pub(crate) fn ended(start_ms: u64, end_ms: u64, outcome: Status) -> Self {
        Self {
            end: Some((end_ms, outcome)),
            ..Self::forever(start_ms, Status::Running)
        }
    }

    /// Stays `pending` for ever.
    pub(crate) fn forever(start_ms: u64, pending: Status) -> Self {
        Self {
            start_ms,
            pending,
            end: None,
            pending_message: String::new(),
            final_message: String::new(),
            reason: String::new(),
            waiting_status: String::new(),
            vanish_ms: None,
        }
    }

    /// The status before the end is `pending` instead of Running.
    pub(crate) fn pending_as(mut self, pending: Status) -> Self {
        self.pending = pending;
        self
    }

    /// With this StatusMessage (and StatusReason) once final.
    pub(crate) fn final_message(mut self, message: &str, reason: &str) -> Self {
        message.clone_into(&mut self.final_message);
        reason.clone_into(&mut self.reason);
        self
    }

    /// With this StatusMessage and WaitingStatus while pending.
    pub(crate) fn waiting_for(mut self, message: &str, waiting_status: &str) -> Self {
        message.clone_into(&mut self.pending_message);
        waiting_status.clone_into(&mut self.waiting_status);
        self
    }

    /// Gone from `vanish_ms` on.
    pub(crate) fn vanishing_at(mut self, vanish_ms: u64) -> Self {
        self.vanish_ms = Some(vanish_ms);
        self
    }
}

/// A loop's settings (the `Loop` object of its task).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LoopInfo {
    /// How many items.
    pub(crate) items: u64,
    /// How many run at once.
    pub(crate) concurrency: u64,
}

/// One task (a loop item is a task of its own).
#[derive(Debug, Clone)]
pub(crate) struct TaskPlan {
    /// TaskExecutionId.
    pub(crate) id: String,
    /// TaskName.
    pub(crate) name: String,
    /// TaskAction.
    pub(crate) action: &'static str,
    /// StartDate, as an offset; the task does not exist before.
    pub(crate) start_ms: u64,
    /// When it ends, and how.
    pub(crate) end: Option<(u64, Status)>,
    /// The status until the end: Running or Waiting.
    pub(crate) pending: Status,
    /// StatusMessage while pending.
    pub(crate) pending_message: String,
    /// StatusMessage once final.
    pub(crate) final_message: String,
    /// The loop task of a loop item.
    pub(crate) parent_task: Option<String>,
    /// LoopItem (the item's value).
    pub(crate) loop_item: Option<String>,
    /// LoopBatchNumber.
    pub(crate) loop_batch: Option<u64>,
    /// Loop (on the loop task only).
    pub(crate) loop_info: Option<LoopInfo>,
    /// ChildExecutionId (an ACS::Template task).
    pub(crate) child_execution: Option<String>,
    /// Outputs once final (sent JSON-encoded).
    pub(crate) outputs: Value,
    /// Properties (sent JSON-encoded).
    pub(crate) properties: Value,
    /// ExtraData.
    pub(crate) extra: Value,
}

impl TaskPlan {
    /// A task `name` running `action` from `start_ms`; it ends at `end_ms` as `outcome`, or
    /// runs for ever when `end_ms` is `None`. The builder gives it its id.
    pub(crate) fn new(
        name: &str,
        action: &'static str,
        start_ms: u64,
        end_ms: Option<u64>,
        outcome: Status,
    ) -> Self {
        Self {
            id: String::new(),
            name: name.to_owned(),
            action,
            start_ms,
            end: end_ms.map(|at| (at, outcome)),
            pending: Status::Running,
            pending_message: String::new(),
            final_message: String::new(),
            parent_task: None,
            loop_item: None,
            loop_batch: None,
            loop_info: None,
            child_execution: None,
            outputs: json!({}),
            properties: json!({}),
            extra: json!({}),
        }
    }

    /// A loop over `items` items, `concurrency` at a time.
    pub(crate) fn looped(mut self, items: u64, concurrency: u64) -> Self {
        self.loop_info = Some(LoopInfo { items, concurrency });
        self
    }

    /// Runs the child execution `child` (an ACS::Template task).
    pub(crate) fn child(mut self, child: &str) -> Self {
        self.child_execution = Some(child.to_owned());
        self
    }

    /// With this StatusMessage once final.
    pub(crate) fn message(mut self, message: &str) -> Self {
        message.clone_into(&mut self.final_message);
        self
    }

    /// Waits (with this StatusMessage) instead of running, until it ends.
    pub(crate) fn waiting(mut self, message: &str) -> Self {
        self.pending = Status::Waiting;
        message.clone_into(&mut self.pending_message);
        self
    }

    /// With these outputs.
    pub(crate) fn outputs(mut self, outputs: Value) -> Self {
        self.outputs = outputs;
        self
    }

    /// With these properties.
    pub(crate) fn properties(mut self, properties: Value) -> Self {
        self.properties = properties;
        self
    }

    /// With this ExtraData.
    pub(crate) fn extra(mut self, extra: Value) -> Self {
        self.extra = extra;
        self
    }

    /// Whether this is a loop item.
    pub(crate) fn is_loop_item(&self) -> bool {
        self.parent_task.is_some()
    }
}

/// A task added to a builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TaskRef(usize);

/// Writes a listed script: tasks get their ids here, and entries can only name tasks added
/// to the same builder.
#[derive(Debug)]
pub(crate) struct Builder {
    id: String,
    base_ms: i64,
    tasks: Vec<TaskPlan>,
    entries: Vec<LogLine>,
}

impl Builder {
    /// A script for execution `id`, offsets counted from `base_ms`.
    pub(crate) fn new(id: &str, base_ms: i64) -> Self {
        Self {
            id: id.to_owned(),
            base_ms,
            tasks: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// Adds task number `number` (`<execution>.t0001`...).
    pub(crate) fn task(&mut self, number: u32, mut plan: TaskPlan) -> TaskRef {
        plan.id = format!("{}.t{number:04}", self.id);
        self.tasks.push(plan);
        TaskRef(self.tasks.len() - 1)
    }

    /// Adds item `number` (1-based) of the loop task `parent`, whose value is `item`
    /// (`<loop task id>.i0001`...). The batch number follows from the loop's concurrency.
    pub(crate) fn item(
        &mut self,
        parent: TaskRef,
        number: u64,
        item: &str,
        mut plan: TaskPlan,
    ) -> TaskRef {
        let loop_task = &self.tasks[parent.0];
        let concurrency = loop_task
            .loop_info
            .expect("loop items belong to a loop task")
            .concurrency
            .max(1);
        plan.id = format!("{}.i{number:04}", loop_task.id);
        plan.parent_task = Some(loop_task.id.clone());
        plan.loop_item = Some(item.to_owned());
        plan.loop_batch = Some((number - 1) / concurrency + 1);
        self.tasks.push(plan);
        TaskRef(self.tasks.len() - 1)
    }

    /// The id a task got.
    pub(crate) fn task_id(&self, task: TaskRef) -> &str {
        &self.tasks[task.0].id
    }

    /// Adds an entry at `at_ms`, of `log_type`, about `task` (or the execution itself).
    pub(crate) fn log(&mut self, at_ms: u64, log_type: &str, task: Option<TaskRef>, message: &str) {
        // Field order as in the API doc's sample.
        let mut fields = Map::new();
        if let Some(task) = task {
            fields.insert("TaskExecutionId".into(), json!(self.task_id(task)));
        }
        fields.insert("Message".into(), json!(message));
        fields.insert("LogType".into(), json!(log_type));
        fields.insert("Timestamp".into(), json!(timestamp_at(self.base_ms, at_ms)));
        self.entries.push(LogLine {
            at_ms,
            fields,
            rewritten: None,
        });
    }

    /// Adds an entry of no task that reads `message` from `at_ms` and `later` from
    /// `rewrite_ms` on (same type and timestamp).
    pub(crate) fn log_rewritten(
        &mut self,
        at_ms: u64,
        log_type: &str,
        message: &str,
        rewrite_ms: u64,
        later: &str,
    ) {
        self.log(at_ms, log_type, None, message);
        let line = self.entries.last_mut().expect("just added");
        let mut fields = line.fields.clone();
        fields.insert("Message".into(), json!(later));
        line.rewritten = Some((rewrite_ms, fields));
    }

    /// Adds an entry exactly as given (odd shapes). A `TaskExecutionId` in it must name a
    /// task of this builder.
    pub(crate) fn raw(&mut self, at_ms: u64, fields: Map<String, Value>) {
        if let Some(task) = fields.get("TaskExecutionId").and_then(Value::as_str) {
            assert!(
                self.tasks.iter().any(|t| t.id == task),
                "{task} is not a task of {}",
                self.id
            );
        }
        self.entries.push(LogLine {
            at_ms,
            fields,
            rewritten: None,
        });
    }

    /// The `Timestamp` of an offset, for raw entries.
    pub(crate) fn timestamp(&self, at_ms: u64) -> String {
        timestamp_at(self.base_ms, at_ms)
    }

    /// The script (entries put in time order, ties kept in the order written).
    pub(crate) fn finish(mut self, record: Record, life: Life) -> Script {
        self.entries.sort_by_key(|e| e.at_ms);
        let children = self
            .tasks
            .iter()
            .filter_map(|t| t.child_execution.clone())
            .collect();
        Script {
            id: self.id,
            base_ms: self.base_ms,
            record,
            life,
            body: Body::Listed {
                tasks: self.tasks,
                entries: self.entries,
            },
            children,
        }
    }
}
