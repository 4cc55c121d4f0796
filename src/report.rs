//! An execution's report, as `status` shows it in every format: the execution, its tasks
//! (loop items included), the last log lines of its failed tasks (for the CI formats), and
//! its children's reports.
//!
//! Pure data and the questions every format asks of it (which tasks are on top, a task's
//! loop items, failed first). It must not fetch or write.

use std::collections::HashMap;

use crate::api::{Execution, TaskExecution};

/// How many log lines of a failed task the CI formats show.
pub(crate) const ERROR_LINES: usize = 20;

/// One execution and what `status` shows of it.
#[derive(Debug)]
pub(crate) struct Report {
    /// The execution as `ListExecutions` returned it.
    pub execution: Execution,
    /// Its tasks, loop items included, in the order they ran.
    pub tasks: Vec<TaskExecution>,
    /// The last log lines (at most `ERROR_LINES`) of each failed task, by TaskExecutionId:
    /// its Error entries, or its last entries when it has none. Read for the CI formats only.
    pub failed_lines: HashMap<String, Vec<String>>,
    /// Its children's reports (`--recursive`).
    pub children: Vec<Report>,
    /// The other executions that list it as their child (`--recursive`: it is shown once,
    /// under the first parent found).
    pub other_parents: Vec<String>,
}

impl Report {
    /// The tasks that are not loop items, failed ones first (each group in the order run).
    pub(crate) fn top_tasks_failed_first(&self) -> Vec<&TaskExecution> {
        let top = self.tasks.iter().filter(|t| !t.is_loop_item());
        let (failed, rest): (Vec<_>, Vec<_>) = top.partition(|t| t.status() == "Failed");
        failed.into_iter().chain(rest).collect()
    }

    /// The loop items of a task.
    pub(crate) fn loop_items(&self, task: &TaskExecution) -> Vec<&TaskExecution> {
        let id = task.id();
        self.tasks
            .iter()
            .filter(|t| t.parent_task_id().as_deref() == Some(id.as_str()))
            .collect()
    }

    /// Every task that failed (loop items included), in the order run.
    pub(crate) fn failed_tasks(&self) -> impl Iterator<Item = &TaskExecution> {
        self.tasks.iter().filter(|t| t.status() == "Failed")
    }

    /// The log lines kept for a failed task.
    pub(crate) fn lines_of(&self, task: &TaskExecution) -> &[String] {
        self.failed_lines.get(&task.id()).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
pub(crate) mod test_reports {
    use super::*;
    use serde_json::value::RawValue;

    /// Text written to break Markdown, HTML, XML and CI formats.
    /// (JSON text: `\u0000` and `\u001b` are a NUL and an ESC once parsed.)
    pub(crate) const HOSTILE: &str = r"::endgroup:: ::add-mask::x </failure> ]]> \u0000 a | b <img src=x onerror=alert(1)> [link](http://evil.example) **bold** `tick` \u001b[31m section_end:1:x";

    fn raw(json: String) -> Box<RawValue> {
        RawValue::from_string(json).unwrap()
    }

    /// A failed execution whose every field from the service is hostile.
    pub(crate) fn hostile() -> Report {
        let execution = Execution::new(raw(format!(
            r#"{{"ExecutionId":"exec-h","Status":"Failed","StatusMessage":"{HOSTILE}","TemplateName":"{HOSTILE}","StartDate":"2024-06-01T00:00:00Z","EndDate":"2024-06-01T00:00:05Z","ExecutedBy":"{HOSTILE}"}}"#
        )));
        let task = TaskExecution::new(raw(format!(
            r#"{{"TaskExecutionId":"exec-h.t0001","TaskName":"{HOSTILE}","TaskAction":"ACS::ECS::RunCommand","Status":"Failed","StatusMessage":"{HOSTILE}","StartDate":"2024-06-01T00:00:01Z","EndDate":"2024-06-01T00:00:04Z"}}"#
        )));
        let ok = TaskExecution::new(raw(
            r#"{"TaskExecutionId":"exec-h.t0002","TaskName":"fine","Status":"Success"}"#.to_owned(),
        ));
        let message: String = serde_json::from_str(&format!("\"{HOSTILE}\"")).unwrap();
        let mut failed_lines = HashMap::new();
        failed_lines.insert("exec-h.t0001".to_owned(), vec![message]);
        Report {
            execution,
            tasks: vec![task, ok],
            failed_lines,
            children: Vec::new(),
            other_parents: Vec::new(),
        }
    }
}
