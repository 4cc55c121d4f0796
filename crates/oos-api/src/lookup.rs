//! One execution by id: `ListExecutions(ExecutionId=...)`, where an empty answer means it
//! does not exist.
//!
//! It must not print, render, or decide what a status means for a run (the CLI's `follow`).

use crate::api::{Execution, ListExecutions};
use crate::client::Client;
use crate::error::Error;
use crate::pagination::{Extent, Pages, Resume};

/// The execution as `ListExecutions(ExecutionId=...)` returns it; `ExecutionNotFound` when the
/// answer holds no execution of that id.
pub async fn lookup(client: &Client, execution_id: &str) -> Result<Execution, Error> {
    let query = ListExecutions {
        execution_id: Some(execution_id.to_owned()),
        ..ListExecutions::default()
    };
    let mut pages = Pages::new(
        client.clone(),
        query,
        None,
        Extent::OnePage,
        Resume::default(),
    );
    let page = pages.next_page().await?;
    page.into_iter()
        .flat_map(crate::api::Page::into_items)
        .map(Execution::new)
        .find(|e| e.id() == execution_id)
        .ok_or_else(|| Error::ExecutionNotFound(execution_id.to_owned()))
}
