//! `ListTaskExecutions`: its request, and a task execution read from the JSON text the
//! service sent (loop items and the child execution a task started included).
//!
//! It must not do HTTP or formatting.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::executions::value_text;
use super::{Items, ListAction};

/// `ListTaskExecutions` parameters (the pager adds `MaxResults` and `NextToken`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListTaskExecutions {
    /// `ExecutionId` (required).
    pub execution_id: String,
    /// `Status`, e.g. `Failed`.
    pub status: Option<String>,
    /// `IncludeChildTaskExecution`: loop items too.
    pub include_loop_items: bool,
}

impl ListAction for ListTaskExecutions {
    const ACTION: &'static str = "ListTaskExecutions";
    const ITEMS: Items = Items::TaskExecutions;
    const LIMIT_PAGE_SIZE: u32 = 100;
    type Wire = super::TasksWire;
    const MIN_PAGE_SIZE: u32 = 20;

    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![("ExecutionId", self.execution_id.clone())];
        if let Some(s) = &self.status {
            params.push(("Status", s.clone()));
        }
        if self.include_loop_items {
            params.push(("IncludeChildTaskExecution", "true".to_owned()));
        }
        // Tasks are read in the order they ran.
        params.push(("SortOrder", "Ascending".to_owned()));
        params
    }
}

/// A task execution: the JSON text sent, and its fields.
#[derive(Debug, Clone)]
pub struct TaskExecution {
    raw: Box<RawValue>,
    fields: Map<String, Value>,
}

impl TaskExecution {
    /// Reads the record; an object is required (pages check that).
    pub fn new(raw: Box<RawValue>) -> Self {
        let fields = serde_json::from_str(raw.get()).unwrap_or_default();
        Self { raw, fields }
    }

    /// The JSON text as sent.
    pub fn json(&self) -> &str {
        self.raw.get()
    }

    /// The JSON text as sent, owned.
    pub fn raw(&self) -> &RawValue {
        &self.raw
    }

    /// A field as text: strings as they are, numbers and booleans as JSON, null and empty as
    /// None.
    pub fn text(&self, name: &str) -> Option<String> {
        value_text(self.fields.get(name)?)
    }

    /// `TaskExecutionId`.
    pub fn id(&self) -> String {
        self.text("TaskExecutionId").unwrap_or_default()
    }

    /// `TaskName`.
    pub fn name(&self) -> String {
        self.text("TaskName").unwrap_or_default()
    }

    /// `Status`, as sent.
    pub fn status(&self) -> String {
        self.text("Status").unwrap_or_default()
    }

    /// `ParentTaskExecutionId`: set on a loop item.
    pub fn parent_task_id(&self) -> Option<String> {
        self.text("ParentTaskExecutionId")
    }

    /// `ChildExecutionId`: the execution this task started (a nested template).
    pub fn child_execution_id(&self) -> Option<String> {
        self.text("ChildExecutionId")
    }

    /// True for a loop item (a task with a parent task).
    pub fn is_loop_item(&self) -> bool {
        self.parent_task_id().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loop_items_and_children() {
        let item = TaskExecution::new(
            RawValue::from_string(
                r#"{"TaskExecutionId":"exec-1.t0002.i1","TaskName":"runCommand","Status":"Failed","ParentTaskExecutionId":"exec-1.t0002","ChildExecutionId":""}"#
                    .to_owned(),
            )
            .unwrap(),
        );
        assert!(item.is_loop_item());
        assert_eq!(item.child_execution_id(), None);
        assert_eq!(item.status(), "Failed");
        let template = TaskExecution::new(
            RawValue::from_string(
                r#"{"TaskExecutionId":"exec-1.t0003","ChildExecutionId":"exec-2"}"#.to_owned(),
            )
            .unwrap(),
        );
        assert!(!template.is_loop_item());
        assert_eq!(template.child_execution_id().as_deref(), Some("exec-2"));
    }

    #[test]
    fn params() {
        let r = ListTaskExecutions {
            execution_id: "exec-1".into(),
            status: Some("Failed".into()),
            include_loop_items: true,
        };
        assert_eq!(
            r.params(),
            vec![
                ("ExecutionId", "exec-1".to_owned()),
                ("Status", "Failed".to_owned()),
                ("IncludeChildTaskExecution", "true".to_owned()),
                ("SortOrder", "Ascending".to_owned()),
            ]
        );
    }
}
