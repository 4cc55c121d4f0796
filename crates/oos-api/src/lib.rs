//! oos-api: Alibaba Cloud OOS as oos-logs talks to it, with no terminal in sight.
//!
//! Owns signing (`signer`: RPC V1, pure), RPC request building (`rpc`), HTTP with limits,
//! deadlines, size caps and one retry loop (`transport`, `retry`, `client`), credentials (the
//! provider chain, its providers and cache: `credentials`), config files and profiles
//! (`config`), the endpoint (`endpoint`), the environment snapshot it is given
//! (`environment`), bounded reads of files and child processes (`input`), typed models that
//! keep records as the API sent them (`api`), pagination with an exact resume point
//! (`pagination`), and execution look-ups: one execution (`lookup`), its children (`tree`).
//! `secret` keeps secrets out of `Debug` and messages; `sanitize` makes untrusted text inert.
//!
//! It must not depend on clap, a TTY or a colour crate (`.ci/run` checks), print anything,
//! or read the process environment: the caller injects an `Environment`, and traces and
//! progress reach the caller through a `trace::Trace` sink and `client::Event`s.

pub mod api;
pub mod client;
pub mod config;
pub mod credentials;
pub mod endpoint;
pub mod environment;
pub mod error;
pub mod input;
pub mod lookup;
pub mod pagination;
pub mod retry;
mod rpc;
pub mod sanitize;
pub mod secret;
pub mod signer;
pub mod trace;
pub mod transport;
pub mod tree;

pub use error::Error;
