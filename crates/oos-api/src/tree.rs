//! An execution's children, and theirs: `ListExecutions(ParentExecutionId=...)` walked as a
//! graph, a level at a time (each level's asks concurrent under the client's limit), every
//! execution visited once: a child that several parents list (a diamond) is read once, under
//! the first parent found, with the others noted. Listed parents first, depth first, with a
//! depth cap and cycles refused by name.
//!
//! It must not print or render.

use std::collections::HashMap;

use crate::api::{Execution, ListExecutions};
use crate::client::Client;
use crate::error::Error;

/// How deep children are followed (the root is depth 0).
pub(crate) const MAX_DEPTH: usize = 10;

/// An execution found in the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its ExecutionId.
    pub id: String,
    /// 0 for the root, 1 for its children...
    pub depth: usize,
    /// The ids from the root down to its parent.
    pub path: Vec<String>,
    /// The other executions that list it as their child (a diamond), in the order found.
    pub other_parents: Vec<String>,
    /// Its status was final when its parent listed it (false for the root).
    pub ended: bool,
}

/// The direct children of `parent`, as `ListExecutions` returns them (every page).
pub async fn children(client: &Client, parent: &str) -> Result<Vec<Execution>, Error> {
    let query = ListExecutions {
        parent_execution_id: Some(parent.to_owned()),
        ..ListExecutions::default()
    };
    let mut found: Vec<Execution> = crate::pagination::all_records(client, query)
        .await?
        .into_iter()
        .map(Execution::new)
        .collect();
    // Never count the parent as its own child, whatever the service says.
    found.retain(|e| e.id() != parent && !e.id().is_empty());
    Ok(found)
}

/// `root` and every execution below it, parents first (depth-first, in the service's order).
/// Each level's children are asked for concurrently (the client caps requests in flight).
pub async fn walk(client: &Client, root: &str) -> Result<Vec<Node>, Error> {
    walk_where(client, root, |_| true).await
}

/// [`walk`], asking only the executions `ask` picks for their children (the root always): a
/// follow does not ask again those it knows to have ended.
pub async fn walk_where(
    client: &Client,
    root: &str,
    ask: impl Fn(&Node) -> bool,
) -> Result<Vec<Node>, Error> {
    let root_node = Node {
        id: root.to_owned(),
        depth: 0,
        path: Vec::new(),
        other_parents: Vec::new(),
        ended: false,
    };
    // Breadth first, a level at a time; each node's children are kept by the node's index.
    let mut found: Vec<(Node, Vec<usize>)> = vec![(root_node, Vec::new())];
    let mut index_of: HashMap<String, usize> = HashMap::from([(root.to_owned(), 0)]);
    let mut level = vec![0usize];
    while !level.is_empty() {
        level.retain(|&i| i == 0 || ask(&found[i].0));
        let asks = level.iter().map(|&i| children(client, &found[i].0.id));
        let answers = futures_util::future::join_all(asks).await;
        let mut next = Vec::new();
        for (&parent, answer) in level.iter().zip(answers) {
            let mut path = found[parent].0.path.clone();
            path.push(found[parent].0.id.clone());
            for child in answer? {
                let id = child.id();
                check_link(&path, &id)?;
                if let Some(&seen) = index_of.get(&id) {
                    // Listed by another parent already: read once, noted here.
                    let parent_id = found[parent].0.id.clone();
                    let node = &mut found[seen].0;
                    if !node.other_parents.contains(&parent_id)
                        && node.path.last() != Some(&parent_id)
                    {
                        node.other_parents.push(parent_id);
                    }
                    continue;
                }
                found.push((
                    Node {
                        id: id.clone(),
                        depth: path.len(),
                        path: path.clone(),
                        other_parents: Vec::new(),
                        ended: child.status().is_final(),
                    },
                    Vec::new(),
                ));
                let index = found.len() - 1;
                index_of.insert(id, index);
                found[parent].1.push(index);
                next.push(index);
            }
        }
        level = next;
    }
    // Parents first, depth first, children in the service's order.
    let mut order = Vec::with_capacity(found.len());
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(found[i].1.iter().rev());
    }
    let mut nodes: Vec<Option<Node>> = found.into_iter().map(|(n, _)| Some(n)).collect();
    Ok(order.into_iter().filter_map(|i| nodes[i].take()).collect())
}

/// Refuses a child that is already on the path (a cycle) or one level too deep.
pub(crate) fn check_link(path: &[String], child: &str) -> Result<(), Error> {
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
