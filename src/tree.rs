//! An execution's children, and theirs: `ListExecutions(ParentExecutionId=...)` walked depth
//! first, parents before their children, with a depth cap and cycles refused by name.
//!
//! It must not print or render.

use crate::api::{Execution, ListExecutions};
use crate::client::Client;
use crate::error::Error;
use crate::pagination::{Extent, Pages, Resume};

/// How deep children are followed (the root is depth 0).
pub const MAX_DEPTH: usize = 10;

/// An execution found in the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its ExecutionId.
    pub id: String,
    /// 0 for the root, 1 for its children...
    pub depth: usize,
    /// The ids from the root down to its parent.
    pub path: Vec<String>,
}

/// The direct children of `parent`, as `ListExecutions` returns them (every page).
pub async fn children(client: &Client, parent: &str) -> Result<Vec<Execution>, Error> {
    let query = ListExecutions {
        parent_execution_id: Some(parent.to_owned()),
        ..ListExecutions::default()
    };
    let mut pages = Pages::new(
        client.clone(),
        query,
        Some(100),
        Extent::All,
        Resume::default(),
    );
    let mut found = Vec::new();
    while let Some(page) = pages.next_page().await? {
        found.extend(page.into_items().into_iter().map(Execution::new));
    }
    // Never count the parent as its own child, whatever the service says.
    found.retain(|e| e.id() != parent && !e.id().is_empty());
    Ok(found)
}

/// `root` and every execution below it, parents first (depth-first, in the service's order).
pub async fn walk(client: &Client, root: &str) -> Result<Vec<Node>, Error> {
    let mut nodes = Vec::new();
    let mut stack = vec![Node {
        id: root.to_owned(),
        depth: 0,
        path: Vec::new(),
    }];
    while let Some(node) = stack.pop() {
        let found = children(client, &node.id).await?;
        let mut path = node.path.clone();
        path.push(node.id.clone());
        for child in found.iter().rev() {
            let id = child.id();
            check_link(&path, &id)?;
            stack.push(Node {
                id,
                depth: node.depth + 1,
                path: path.clone(),
            });
        }
        nodes.push(node);
    }
    Ok(nodes)
}

/// Refuses a child that is already on the path (a cycle) or one level too deep.
pub fn check_link(path: &[String], child: &str) -> Result<(), Error> {
    let chain = |end: &str| {
        path.iter()
            .map(String::as_str)
            .chain([end])
            .collect::<Vec<_>>()
            .join(" -> ")
    };
    if path.iter().any(|p| p == child) {
        return Err(Error::Service {
            message: format!(
                "the child executions form a cycle: {}; the service's parent links are inconsistent",
                chain(child)
            ),
            request_id: None,
        });
    }
    if path.len() > MAX_DEPTH {
        return Err(Error::Service {
            message: format!(
                "child executions nest deeper than {MAX_DEPTH} levels: {}",
                chain(child)
            ),
            request_id: None,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn cycles_and_depth_are_named() {
        assert!(check_link(&path(&["a", "b"]), "c").is_ok());
        let err = check_link(&path(&["a", "b"]), "a").unwrap_err();
        assert!(err.to_string().contains("a -> b -> a"), "{err}");
        let deep: Vec<String> = (0..=MAX_DEPTH).map(|i| format!("e{i}")).collect();
        let err = check_link(&deep, "x").unwrap_err();
        assert!(err.to_string().contains("deeper than 10"), "{err}");
        assert!(check_link(&deep[..MAX_DEPTH], "x").is_ok());
    }
}
