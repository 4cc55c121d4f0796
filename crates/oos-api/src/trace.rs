//! Traces (`-v`): the lines the library would show of its requests, handed to the caller's
//! sink, which decides where they go (the CLI writes them on stderr, escaped).
//!
//! It must not print, and builds no line nobody asked for.

use std::sync::Arc;

/// The caller's function that takes each trace line (from any task; it must be quick).
pub type Sink = Arc<dyn Fn(&str) + Send + Sync>;

/// Where trace lines go, and how much is wanted: 1 traces requests, 2 also response bodies.
#[derive(Clone, Default)]
pub struct Trace {
    level: u8,
    sink: Option<Sink>,
}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trace")
            .field("level", &self.level)
            .field("sink", &self.sink.is_some())
            .finish()
    }
}

impl Trace {
    /// Lines up to `level` go to `sink`.
    pub fn new(level: u8, sink: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Self {
            level,
            sink: Some(Arc::new(sink)),
        }
    }

    /// No traces.
    pub fn off() -> Self {
        Self::default()
    }

    /// Whether lines of `level` are wanted: build them only then.
    pub fn wants(&self, level: u8) -> bool {
        self.sink.is_some() && self.level >= level
    }

    /// Hands `line` to the sink when lines of `level` are wanted.
    pub fn line(&self, level: u8, line: &str) {
        if let Some(sink) = self.sink.as_ref().filter(|_| self.level >= level) {
            sink(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn lines_above_the_level_are_not_handed_over() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let into = Arc::clone(&seen);
        let trace = Trace::new(1, move |l| into.lock().unwrap().push(l.to_owned()));
        trace.line(1, "a");
        trace.line(2, "b");
        assert!(trace.wants(1) && !trace.wants(2));
        assert_eq!(*seen.lock().unwrap(), ["a"]);
        assert!(!Trace::off().wants(0));
    }
}
