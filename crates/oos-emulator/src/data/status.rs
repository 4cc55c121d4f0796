//! The statuses an execution or a task can be in, as the API spells them, and which of them
//! are final. `Suspending` is one a client does not know (it must still cope).
//!
//! It must not decide when a status changes (the scripts do).

/// An execution or task status.
///
/// The variants are declared in alphabetical order, so the derived order is the order of
/// their names (what `SortField=Status` sorts by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Final: stopped by a user.
    Cancelled,
    /// Final: failed.
    Failed,
    /// In progress.
    Running,
    /// Final: succeeded.
    Success,
    /// Not a documented status: being suspended.
    Suspending,
    /// Waiting for something outside (an approval).
    Waiting,
}

impl Status {
    /// All of them.
    pub const ALL: [Status; 6] = [
        Status::Cancelled,
        Status::Failed,
        Status::Running,
        Status::Success,
        Status::Suspending,
        Status::Waiting,
    ];

    /// The name the API sends.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Cancelled => "Cancelled",
            Status::Failed => "Failed",
            Status::Running => "Running",
            Status::Success => "Success",
            Status::Suspending => "Suspending",
            Status::Waiting => "Waiting",
        }
    }

    /// The status of that name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Success, Failed and Cancelled: nothing changes any more.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Success | Status::Failed | Status::Cancelled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_by_name_and_names_round_trip() {
        let mut sorted = Status::ALL;
        sorted.sort_by_key(|s| s.as_str());
        assert_eq!(sorted, Status::ALL);
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("running"), None);
        assert!(Status::Cancelled.is_final() && !Status::Waiting.is_final());
    }
}
