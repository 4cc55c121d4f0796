//! CLI tests: the real `oos-logs` binary against the in-process emulator over real HTTP, in a
//! hermetic environment (`env_clear()`, a temporary HOME, demo credentials).

mod ci;
mod completions;
mod config_hardening;
mod configure_profiles;
mod credential_modes;
mod credentials;
mod daily_use;
mod emulator_command;
mod emulator_http;
mod errors;
mod examples;
mod executions;
mod exits;
mod faults;
mod follow;
mod formats;
mod fuzz;
mod golden;
mod hardening;
mod hostile_server;
mod inputs;
mod man;
mod pagination;
mod render_bounds;
mod signals;
mod support;
mod terminal;
