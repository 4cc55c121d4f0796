//! `ListExecutions`: one execution by `ExecutionId` (an unknown one: an empty list, as the
//! service answers), the direct children of `ParentExecutionId`, or a listing (root
//! executions only unless `IncludeChildExecution=true`); filtered by `Status`,
//! `TemplateName` (substring, any case) and the StartDate window; sorted and paged by keyset
//! tokens bound to the query; `TotalCount` counts every match.
//!
//! It must not authenticate or inject faults, nor shape an execution (the data does).

use serde_json::{Map, Value, json};

use super::keyset::{self, Key, Primary, Sort, SortField};
use super::params::{Params, StartWindow, boolean, max_results, optional, sort};
use super::{Context, Reply};
use crate::ErrorReply;
use crate::data::View;
use crate::hash::fnv1a;

/// What a `ListExecutions` call asks for.
#[derive(Debug)]
struct Query<'a> {
    execution_id: Option<&'a str>,
    parent_id: Option<&'a str>,
    status: Option<&'a str>,
    template: Option<String>,
    include_children: bool,
    window: StartWindow,
    sort: Sort,
}

impl<'a> Query<'a> {
    fn parse(params: &'a Params) -> Result<Self, ErrorReply> {
        Ok(Self {
            execution_id: optional(params, "ExecutionId"),
            parent_id: optional(params, "ParentExecutionId"),
            status: optional(params, "Status"),
            template: optional(params, "TemplateName").map(str::to_lowercase),
            include_children: boolean(params, "IncludeChildExecution", false)?,
            window: StartWindow::parse(params)?,
            sort: sort(params)?,
        })
    }

    /// What a token of this query is bound to.
    fn fingerprint(&self) -> u64 {
        fnv1a(&[
            "ListExecutions",
            self.execution_id.unwrap_or(""),
            self.parent_id.unwrap_or(""),
            self.status.unwrap_or(""),
            self.template.as_deref().unwrap_or(""),
            if self.include_children { "1" } else { "0" },
            &self.window.describe(),
            &self.sort.describe(),
        ])
    }

    /// The executions the query looks among.
    fn candidates(&self, context: &Context<'_>) -> Vec<View> {
        if let Some(id) = self.execution_id {
            return context.resolve(id).into_iter().collect();
        }
        if let Some(parent) = self.parent_id {
            let Some(parent) = context.resolve(parent) else {
                return Vec::new();
            };
            return parent
                .children()
                .iter()
                .filter_map(|child| context.resolve(child))
                .collect();
        }
        context.listed()
    }

    fn matches(&self, view: &View) -> bool {
        let named = self.execution_id.is_some() || self.parent_id.is_some();
        (named || self.include_children || view.parent_id().is_empty())
            && self.status.is_none_or(|s| view.status().as_str() == s)
            && self
                .template
                .as_deref()
                .is_none_or(|t| view.template().to_lowercase().contains(t))
            && self.window.contains(view.start_second())
    }

    fn key(&self, view: &View) -> Key<String> {
        let primary = match self.sort.field {
            SortField::StartDate => Primary::Time(Some(view.start_second())),
            SortField::EndDate => Primary::Time(view.end_second()),
            SortField::Status => Primary::Status(view.status()),
        };
        Key {
            primary,
            tie: view.id().to_owned(),
        }
    }
}

pub(super) fn list_executions(
    params: &Params,
    context: &Context<'_>,
    request_id: &str,
) -> Result<Reply, ErrorReply> {
    let page_size = max_results(params, 10..=100, 50)?;
    let query = Query::parse(params)?;
    let fingerprint = query.fingerprint();
    let after = optional(params, "NextToken")
        .map(|t| {
            keyset::decode_token::<String>(t, fingerprint)
                .ok_or_else(|| ErrorReply::invalid_parameter("NextToken"))
        })
        .transpose()?;
    let candidates = query.candidates(context);
    let matching = candidates
        .iter()
        .filter(|v| query.matches(v))
        .map(|v| (query.key(v), v));
    let size = usize::try_from(page_size).expect("at most 100");
    let page = keyset::page(matching, after.as_ref(), size, query.sort.descending);
    let mut body = Map::new();
    body.insert("RequestId".into(), json!(request_id));
    body.insert("MaxResults".into(), json!(page_size));
    if let Some(next) = &page.next {
        body.insert(
            "NextToken".into(),
            json!(keyset::encode_token(fingerprint, next)),
        );
    }
    body.insert("TotalCount".into(), json!(page.total));
    let executions = page.items.iter().map(|v| Value::Object(v.execution_json()));
    body.insert("Executions".into(), Value::Array(executions.collect()));
    Ok(Reply {
        body: Value::Object(body).to_string(),
    })
}
