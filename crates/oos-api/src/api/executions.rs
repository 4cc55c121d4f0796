//! `ListExecutions`: its request, an execution read from the JSON text the service sent, and
//! what its `Status` means (final or not, and the exit code it ends with).
//!
//! It must not do HTTP or formatting.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Items, ListAction};

/// `ListExecutions` parameters (the pager adds `MaxResults` and `NextToken`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListExecutions {
    /// `ExecutionId`: that execution only.
    pub execution_id: Option<String>,
    /// `Status`.
    pub status: Option<String>,
    /// `TemplateName` (the service matches a part of the name).
    pub template_name: Option<String>,
    /// `ParentExecutionId`: the children of that execution.
    pub parent_execution_id: Option<String>,
    /// `StartDateAfter`, `YYYY-MM-DDThh:mm:ssZ`.
    pub start_date_after: Option<String>,
    /// `StartDateBefore`, `YYYY-MM-DDThh:mm:ssZ`.
    pub start_date_before: Option<String>,
}

impl ListAction for ListExecutions {
    const ACTION: &'static str = "ListExecutions";
    const ITEMS: Items = Items::Executions;
    const LIMIT_PAGE_SIZE: u32 = 50;
    type Wire = super::ExecutionsWire;
    const MIN_PAGE_SIZE: u32 = 10;

    fn params(&self) -> Vec<(&'static str, String)> {
        [
            ("ExecutionId", &self.execution_id),
            ("Status", &self.status),
            ("TemplateName", &self.template_name),
            ("ParentExecutionId", &self.parent_execution_id),
            ("StartDateAfter", &self.start_date_after),
            ("StartDateBefore", &self.start_date_before),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
        .collect()
    }
}

/// What an execution's `Status` means to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecutionStatus {
    /// Ended well.
    Success,
    /// Ended with a failure.
    Failed,
    /// Ended by a person or a policy.
    Cancelled,
    /// Waits for something outside (an approval, a timer): not final.
    Waiting,
    /// Started, Queued, Running: under way.
    Running(String),
    /// A status this client does not know: treated as not final.
    Unknown(String),
}

impl ExecutionStatus {
    /// Reads the API's `Status` text.
    pub fn parse(status: &str) -> Self {
        match status {
            "Success" => Self::Success,
            "Failed" => Self::Failed,
            "Cancelled" => Self::Cancelled,
            "Waiting" => Self::Waiting,
            "Running" | "Started" | "Queued" | "Pending" => Self::Running(status.to_owned()),
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// Success, Failed and Cancelled are final.
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Success | Self::Failed | Self::Cancelled)
    }
}

/// An execution as `ListExecutions` returned it: the JSON text sent, and its fields.
#[derive(Debug, Clone)]
pub struct Execution {
    raw: Box<RawValue>,
    fields: Map<String, Value>,
}

impl Execution {
    /// Reads the record; an object is required (pages check that).
    pub fn new(raw: Box<RawValue>) -> Self {
        let fields = serde_json::from_str(raw.get()).unwrap_or_default();
        Self { raw, fields }
    }

    /// The JSON text as sent.
    pub fn json(&self) -> &str {
        self.raw.get()
    }

    /// The record as sent, parsed (field order kept).
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// A field as text: strings as they are, numbers and booleans as JSON, null and empty as
    /// None.
    pub fn text(&self, name: &str) -> Option<String> {
        value_text(self.fields.get(name)?)
    }

    /// `ExecutionId`.
    pub fn id(&self) -> String {
        self.text("ExecutionId").unwrap_or_default()
    }

    /// `Status`, as sent.
    pub fn status_text(&self) -> String {
        self.text("Status").unwrap_or_default()
    }

    /// `Status`, read.
    pub fn status(&self) -> ExecutionStatus {
        ExecutionStatus::parse(&self.status_text())
    }

    /// `StatusMessage`.
    pub fn status_message(&self) -> Option<String> {
        self.text("StatusMessage")
    }

    /// `ParentExecutionId`, when set.
    #[cfg(test)]
    pub(crate) fn parent_id(&self) -> Option<String> {
        self.text("ParentExecutionId")
    }

    /// The names of the tasks under way (`CurrentTasks[].TaskName`).
    pub fn current_tasks(&self) -> Vec<String> {
        self.fields
            .get("CurrentTasks")
            .and_then(Value::as_array)
            .map(|tasks| {
                tasks
                    .iter()
                    .filter_map(|t| t.get("TaskName").and_then(value_text))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A JSON value as display text: strings as they are, null and "" as None.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for (text, is_final) in [
            ("Success", true),
            ("Failed", true),
            ("Cancelled", true),
            ("Waiting", false),
            ("Running", false),
            ("Started", false),
            ("Queued", false),
            ("Suspending", false),
        ] {
            assert_eq!(ExecutionStatus::parse(text).is_final(), is_final, "{text}");
        }
        assert_eq!(
            ExecutionStatus::parse("Suspending"),
            ExecutionStatus::Unknown("Suspending".into())
        );
    }

    #[test]
    fn fields_as_text() {
        let raw = RawValue::from_string(
            r#"{"ExecutionId":"exec-1","Status":"Failed","StatusMessage":"","ParentExecutionId":null,"Counters":{"Total":2},"CurrentTasks":[{"TaskName":"runCommand"}]}"#.to_owned(),
        )
        .unwrap();
        let e = Execution::new(raw);
        assert_eq!(e.id(), "exec-1");
        assert_eq!(e.status(), ExecutionStatus::Failed);
        assert_eq!(e.status_message(), None);
        assert_eq!(e.parent_id(), None);
        assert_eq!(e.text("Counters").as_deref(), Some(r#"{"Total":2}"#));
        assert_eq!(e.current_tasks(), ["runCommand"]);
    }

    #[test]
    fn params_only_what_is_set() {
        let r = ListExecutions {
            status: Some("Failed".into()),
            parent_execution_id: Some("exec-p".into()),
            ..Default::default()
        };
        assert_eq!(
            r.params(),
            vec![
                ("Status", "Failed".to_owned()),
                ("ParentExecutionId", "exec-p".to_owned())
            ]
        );
    }
}
