//! A local emulator of the OOS RPC API: a real HTTP server on loopback that verifies
//! signatures and behaves like the service, failures included (DESIGN §9).
//!
//! This file owns the server: accepting connections, counting requests and connections,
//! injecting faults, shaping Alibaba-style error bodies, and running in the background for
//! tests and `demo`. Authentication is `auth`, the actions are `actions`, the sample data is
//! `data`, the clocks of executions that live in time are `clock`, the fault schedule is
//! `faults`. It must never listen beyond loopback.
//!
//! It depends on no oos-* crate: signatures are verified with its own code (`verify`), so a
//! bug in the client's signer cannot sign and verify alike.

pub mod actions;
pub mod auth;
pub mod body;
pub mod clock;
pub mod data;
pub mod faults;
mod hash;
pub mod metadata;
pub mod sts;
pub mod verify;

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt as _;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;

/// The OOS API version the emulator speaks.
pub const API_VERSION: &str = "2019-06-01";
/// The header throttling answers carry, in milliseconds.
pub const RETRY_AFTER_HEADER: &str = "x-acs-retry-after";

pub use actions::TailToken;
pub use auth::AccessKey;
pub use body::Body;
pub use clock::{Clock, Clocks};
pub use faults::{Faults, PageStorm};

/// The demo AccessKeyId the emulator accepts by default.
pub const DEMO_ACCESS_KEY_ID: &str = "LTAI5tOosLogsDemoKey01";
/// Its secret (a demo value, printed on purpose: it opens nothing but the emulator).
pub const DEMO_ACCESS_KEY_SECRET: &str = "oos-logs-demo-secret";
/// A demo temporary (STS) AccessKeyId.
pub const DEMO_STS_ACCESS_KEY_ID: &str = "STS.OosLogsDemoKey02";
/// Its secret.
pub const DEMO_STS_ACCESS_KEY_SECRET: &str = "oos-logs-demo-sts-secret";
/// The SecurityToken that must come with the demo STS key.
pub const DEMO_SECURITY_TOKEN: &str = "CAISdemo+oos/logs=token";
/// The region the demo uses.
pub const DEMO_REGION: &str = "cn-hangzhou";

/// The path of the emulator's credentials URI (mode `credentials_uri`).
pub const CREDENTIALS_URI_PATH: &str = "/credentials-uri";

/// How many recent requests the emulator remembers for tests.
const RECENT_REQUESTS: usize = 1000;

/// What the emulator accepts and how it misbehaves.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Keys it accepts.
    pub keys: Vec<AccessKey>,
    /// Faults to inject.
    pub faults: Faults,
    /// Largest accepted distance between a request's Timestamp and the clock.
    pub timestamp_window: Duration,
    /// How the metadata service treats session tokens.
    pub metadata_tokens: metadata::TokenMode,
    /// What the last log page of an execution that is not final carries (the real
    /// service's behaviour is unconfirmed).
    pub tail_token: TailToken,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            keys: vec![
                AccessKey {
                    id: DEMO_ACCESS_KEY_ID.into(),
                    secret: DEMO_ACCESS_KEY_SECRET.into(),
                    security_token: None,
                    expires: None,
                },
                AccessKey {
                    id: DEMO_STS_ACCESS_KEY_ID.into(),
                    secret: DEMO_STS_ACCESS_KEY_SECRET.into(),
                    security_token: Some(DEMO_SECURITY_TOKEN.into()),
                    expires: None,
                },
            ],
            faults: Faults::default(),
            timestamp_window: Duration::from_secs(15 * 60),
            metadata_tokens: metadata::TokenMode::Required,
            tail_token: TailToken::default(),
        }
    }
}

/// An error the emulator answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReply {
    /// HTTP status.
    pub status: u16,
    /// `Code`.
    pub code: String,
    /// `Message`.
    pub message: String,
}

impl ErrorReply {
    /// An error reply.
    pub fn new(status: u16, code: &str, message: &str) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// `MissingParameter` for `name`.
    pub fn missing_parameter(name: &str) -> Self {
        Self::new(
            400,
            "MissingParameter",
            &format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    /// `InvalidParameter` for `name`.
    pub fn invalid_parameter(name: &str) -> Self {
        Self::new(
            400,
            "InvalidParameter",
            &format!("The specified parameter \"{name}\" is not valid."),
        )
    }
}

/// One request as the emulator received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// GET or POST.
    pub method: String,
    /// Query and form parameters, decoded, in wire order.
    pub params: Vec<(String, String)>,
    /// The HTTP status answered.
    pub status: u16,
    /// The RequestId answered (an HTML 502 has one too, in the emulator's books only).
    pub request_id: String,
}

impl RecordedRequest {
    /// The value of a parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Counters the tests read.
#[derive(Debug, Default)]
pub struct Stats {
    requests: AtomicU64,
    /// Requests of the action faults are limited to (`Faults::only_action`).
    targeted: AtomicU64,
    connections: AtomicU64,
    actions: Mutex<HashMap<String, u64>>,
    recent: Mutex<VecDeque<RecordedRequest>>,
    last_success_body: Mutex<Option<String>>,
    issued: Mutex<Vec<AccessKey>>,
}

impl Stats {
    /// HTTP requests received (faulted ones included).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// TCP connections accepted.
    pub fn connections(&self) -> u64 {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests that reached the action `name` (authenticated, not faulted).
    pub fn action_count(&self, name: &str) -> u64 {
        self.actions
            .lock()
            .expect("stats lock")
            .get(name)
            .copied()
            .unwrap_or(0)
    }

    /// The most recent requests, oldest first (at most 1000).
    pub fn recent_requests(&self) -> Vec<RecordedRequest> {
        self.recent
            .lock()
            .expect("stats lock")
            .iter()
            .cloned()
            .collect()
    }

    /// The body of the last successful response, exactly as sent.
    pub fn last_success_body(&self) -> Option<String> {
        self.last_success_body.lock().expect("stats lock").clone()
    }

    /// Temporary credentials the emulator handed out (STS, metadata, credentials URI), oldest
    /// first; its OOS actions accept them until they expire.
    pub fn issued_keys(&self) -> Vec<AccessKey> {
        self.issued.lock().expect("stats lock").clone()
    }

    fn issue(&self, key: AccessKey, action: &str) {
        self.issued.lock().expect("stats lock").push(key);
        self.count(action);
    }

    fn count(&self, action: &str) {
        *self
            .actions
            .lock()
            .expect("stats lock")
            .entry(action.to_owned())
            .or_default() += 1;
    }

    fn record(&self, request: RecordedRequest) {
        let mut recent = self.recent.lock().expect("stats lock");
        if recent.len() == RECENT_REQUESTS {
            recent.pop_front();
        }
        recent.push_back(request);
    }
}

struct State {
    config: EmulatorConfig,
    stats: Arc<Stats>,
    clocks: Arc<Clocks>,
    nonces: auth::NonceStore,
    metadata_tokens: Mutex<Vec<String>>,
}

/// A bound emulator, ready to serve.
pub struct Emulator {
    listener: TcpListener,
    state: Arc<State>,
}

impl Emulator {
    /// Binds to `127.0.0.1:port` (0: any free port).
    pub async fn bind(port: u16, config: EmulatorConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
        Ok(Self::with_listener(listener, config))
    }

    fn with_listener(listener: TcpListener, config: EmulatorConfig) -> Self {
        let state = Arc::new(State {
            config,
            stats: Arc::new(Stats::default()),
            clocks: Arc::new(Clocks::default()),
            nonces: auth::NonceStore::default(),
            metadata_tokens: Mutex::new(Vec::new()),
        });
        Self { listener, state }
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> io::Result<String> {
        Ok(format!("http://{}", self.local_addr()?))
    }

    /// Its counters.
    pub fn stats(&self) -> Arc<Stats> {
        self.state.stats.clone()
    }

    /// The clocks of its executions that live in time.
    pub fn clocks(&self) -> Arc<Clocks> {
        self.state.clocks.clone()
    }

    /// Serves until the process ends.
    pub async fn serve(self) -> io::Result<()> {
        self.serve_until(std::future::pending()).await
    }

    /// Serves until `shutdown` completes.
    pub async fn serve_until(
        self,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> io::Result<()> {
        tokio::pin!(shutdown);
        loop {
            let (stream, _) = tokio::select! {
                accepted = self.listener.accept() => accepted?,
                () = &mut shutdown => return Ok(()),
            };
            self.state.stats.connections.fetch_add(1, Ordering::SeqCst);
            let state = self.state.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| handle(state.clone(), req));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    }
}

/// An emulator on its own thread and runtime, for tests and blocking callers. Dropping it
/// stops the server.
pub struct BackgroundEmulator {
    addr: SocketAddr,
    stats: Arc<Stats>,
    clocks: Arc<Clocks>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundEmulator {
    /// Starts an emulator on a free loopback port.
    pub fn start(config: EmulatorConfig) -> io::Result<Self> {
        let std_listener = std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        type Ready = io::Result<(Arc<Stats>, Arc<Clocks>)>;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Ready>();
        let thread = std::thread::Builder::new()
            .name("oos-emulator".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(async move {
                    let listener = match TcpListener::from_std(std_listener) {
                        Ok(l) => l,
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                            return;
                        }
                    };
                    let emulator = Emulator::with_listener(listener, config);
                    let _ = ready_tx.send(Ok((emulator.stats(), emulator.clocks())));
                    let _ = emulator
                        .serve_until(async {
                            let _ = rx.await;
                        })
                        .await;
                });
            })?;
        let (stats, clocks) = ready_rx
            .recv()
            .map_err(|_| io::Error::other("the emulator thread died"))??;
        Ok(Self {
            addr,
            stats,
            clocks,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Its counters.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The clock of execution `id`, once a request has named it (executions that live in
    /// time only; a child of `exec-live-parent` lives by its parent's): with
    /// `data::Sample::entries_at(clock.now())` it gives what the emulator serves now.
    pub fn clock(&self, id: &str) -> Option<Clock> {
        let sample = data::Sample::find(id);
        let clock_id = sample.as_ref().map_or(id, data::Sample::clock_id);
        self.clocks.get(clock_id)
    }
}

impl Drop for BackgroundEmulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn json_response(status: u16, body: String, headers: &[(&str, String)]) -> Response<Body> {
    let mut builder = Response::builder()
        .status(status)
        .header("content-type", JSON_CONTENT_TYPE);
    for (k, v) in headers {
        builder = builder.header(*k, v.as_str());
    }
    builder.body(body::full(body)).expect("valid response")
}

/// A successful answer carrying data (an OOS page, STS credentials, the credentials URI's or
/// the metadata service's), with the body faults: a field nested deep, a huge body instead,
/// a drip.
fn data_response(
    faults: &Faults,
    content_type: &str,
    text: String,
    request_id: &str,
) -> Response<Body> {
    let text = match faults.deep_nesting {
        Some(levels) => body::nest_deep(&text, levels),
        None => text,
    };
    let builder = Response::builder()
        .status(200)
        .header("content-type", content_type);
    let payload = match (faults.huge_body_mib, faults.drip_ms) {
        (Some(mib), _) => body::huge(mib, request_id),
        (None, Some(ms)) => body::drip(Bytes::from(text), Duration::from_millis(ms)),
        (None, None) => body::full(text),
    };
    builder.body(payload).expect("valid response")
}

fn error_response(
    err: &ErrorReply,
    request_id: &str,
    host: &str,
    headers: &[(&str, String)],
) -> Response<Body> {
    let body = json!({
        "RequestId": request_id,
        "HostId": host,
        "Code": err.code,
        "Message": err.message,
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=Oos&requestId={request_id}", err.code),
    });
    json_response(err.status, body.to_string(), headers)
}

const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";

/// What the handler reads of a request: everything it needs, the body included.
#[derive(Debug)]
struct RequestIn {
    method: String,
    /// `Host`, echoed in error bodies.
    host: String,
    path: String,
    /// The metadata service's token TTL and token headers.
    ttl_header: Option<String>,
    token_header: Option<String>,
    /// The query's parameters, then a form body's.
    params: Vec<(String, String)>,
}

impl RequestIn {
    /// Reads the request (its body whole).
    async fn read(req: Request<Incoming>) -> Self {
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        };
        let host = header(hyper::header::HOST.as_str())
            .unwrap_or_else(|| "oos.cn-hangzhou.aliyuncs.com".to_owned());
        let is_form = header(hyper::header::CONTENT_TYPE.as_str())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        let ttl_header = header(metadata::TOKEN_TTL_HEADER);
        let token_header = header(metadata::TOKEN_HEADER);
        let method = req.method().as_str().to_owned();
        let path = req.uri().path().to_owned();
        let mut params = auth::decode_form(req.uri().query().unwrap_or("").as_bytes());
        let body = req
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        if is_form {
            params.extend(auth::decode_form(&body));
        }
        Self {
            method,
            host,
            path,
            ttl_header,
            token_header,
            params,
        }
    }

    /// The `Action` parameter.
    fn action(&self) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == "Action")
            .map(|(_, v)| v.as_str())
    }
}

async fn handle(state: Arc<State>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let number = state.stats.requests.fetch_add(1, Ordering::SeqCst) + 1;
    let faults = &state.config.faults;
    if !faults.latency.is_zero() {
        // The OS sleep is precise to well under a millisecond; tokio's timer rounds up to the
        // next millisecond tick, which would overstate every simulated round trip.
        let latency = faults.latency;
        let _ = tokio::task::spawn_blocking(move || std::thread::sleep(latency)).await;
    }
    let req = RequestIn::read(req).await;
    let request_id = uuid::Uuid::new_v4().to_string().to_uppercase();

    // The metadata service and the credentials URI live beside the RPC API; faults are for
    // the RPC API only.
    if req.path.starts_with("/latest/") {
        return Ok(metadata_answer(&state, &req, &request_id));
    }
    if req.path == CREDENTIALS_URI_PATH {
        return Ok(credentials_uri_answer(&state, &request_id));
    }

    // With `only_action`, the schedule counts that action's requests alone.
    let fault = if faults.only_action.is_some() {
        if faults.targets(req.action()) {
            let n = state.stats.targeted.fetch_add(1, Ordering::SeqCst) + 1;
            faults.for_request(n)
        } else {
            None
        }
    } else {
        faults.for_request(number)
    };
    let response = fault_response(fault, faults.retry_after_ms, &request_id, &req.host)
        .unwrap_or_else(|| {
            answer(
                &state,
                &req.method,
                req.params.clone(),
                &request_id,
                &req.host,
                fault,
            )
        });
    state.stats.record(RecordedRequest {
        method: req.method,
        params: req.params,
        request_id,
        status: response.status().as_u16(),
    });
    Ok(response)
}

/// The metadata service (`/latest/...`): its answer, counted.
fn metadata_answer(state: &State, req: &RequestIn, request_id: &str) -> Response<Body> {
    let reply = metadata::answer(
        state.config.metadata_tokens,
        &req.method,
        &req.path,
        req.ttl_header.as_deref(),
        req.token_header.as_deref(),
        &mut state.metadata_tokens.lock().expect("metadata lock"),
    );
    let credentials = reply.minted.is_some() && reply.status == 200;
    match reply.minted {
        Some(key) => state.stats.issue(key, "metadata:credentials"),
        None if reply.token_issued => state.stats.count("metadata:token"),
        None => state.stats.count("metadata"),
    }
    if credentials {
        return data_response(
            &state.config.faults,
            reply.content_type,
            reply.body,
            request_id,
        );
    }
    Response::builder()
        .status(reply.status)
        .header("content-type", reply.content_type)
        .body(body::full(reply.body))
        .expect("valid response")
}

/// The credentials URI: fresh temporary credentials, recorded as issued.
fn credentials_uri_answer(state: &State, request_id: &str) -> Response<Body> {
    let key = sts::mint(3600);
    let body = json!({
        "Code": "Success",
        "AccessKeyId": key.id,
        "AccessKeySecret": key.secret,
        "SecurityToken": key.security_token,
        "Expiration": key.expires.map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
    });
    state.stats.issue(key, "CredentialsURI");
    data_response(
        &state.config.faults,
        JSON_CONTENT_TYPE,
        body.to_string(),
        request_id,
    )
}

/// The answer a fault gives in place of the real one; None when there is no fault or when
/// the fault only alters the real answer (truncation, bad tokens). Pure.
fn fault_response(
    fault: Option<faults::Fault>,
    retry_after_ms: u64,
    request_id: &str,
    host: &str,
) -> Option<Response<Body>> {
    let unavailable = |status| {
        ErrorReply::new(
            status,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        )
    };
    Some(match fault? {
        faults::Fault::ForgedError => json_response(400, body::forged_error(request_id, host), &[]),
        faults::Fault::ServiceUnavailable => {
            error_response(&unavailable(503), request_id, host, &[])
        }
        faults::Fault::Html502 => Response::builder()
            .status(502)
            .header("content-type", "text/html")
            .body(body::full(Bytes::from_static(HTML_502.as_bytes())))
            .expect("valid response"),
        faults::Fault::Error200 => error_response(&unavailable(200), request_id, host, &[]),
        faults::Fault::Throttle => error_response(
            &ErrorReply::new(
                400,
                "Throttling.User",
                "Request was denied due to user flow control.",
            ),
            request_id,
            host,
            &[(crate::RETRY_AFTER_HEADER, retry_after_ms.to_string())],
        ),
        faults::Fault::Truncate
        | faults::Fault::TokenNotString
        | faults::Fault::TruncatedWithoutToken => return None,
    })
}

/// Cuts `text` in half (at a character boundary): the truncation fault.
fn cut_in_half(text: &mut String) {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
}

fn answer(
    state: &State,
    method: &str,
    params: Vec<(String, String)>,
    request_id: &str,
    host: &str,
    fault: Option<faults::Fault>,
) -> Response<Body> {
    if method != "GET" && method != "POST" {
        return error_response(
            &ErrorReply::new(
                403,
                "UnsupportedHTTPMethod",
                "This http method is not supported.",
            ),
            request_id,
            host,
            &[],
        );
    }
    let is_oidc = params
        .iter()
        .any(|(k, v)| k == "Action" && v == "AssumeRoleWithOIDC");
    let result = if is_oidc {
        // AssumeRoleWithOIDC is not signed: the OIDC token is the proof.
        let p: std::collections::HashMap<String, String> = params.into_iter().collect();
        sts::assume_role_with_oidc(&p, request_id).map(|(body, key)| {
            state.stats.issue(key, "AssumeRoleWithOIDC");
            actions::Reply { body }
        })
    } else {
        let keys: Vec<AccessKey> = state
            .config
            .keys
            .iter()
            .cloned()
            .chain(state.stats.issued_keys())
            .collect();
        auth::authenticate(
            method,
            params,
            &keys,
            &state.nonces,
            state.config.timestamp_window,
        )
        .and_then(|p| {
            let action = p.get("Action").cloned().unwrap_or_default();
            if p.get("Version").map(String::as_str) == Some(sts::STS_VERSION)
                && action == "AssumeRole"
            {
                let (body, key) = sts::assume_role(&p, request_id)?;
                state.stats.issue(key, "AssumeRole");
                return Ok(actions::Reply { body });
            }
            let context =
                actions::Context::new(&state.config.faults, state.config.tail_token, &state.clocks);
            let reply = actions::dispatch(&p, &context, request_id)?;
            state.stats.count(&action);
            Ok(reply)
        })
    };
    match result {
        Ok(reply) => {
            let mut text = body::bad_token(reply.body, fault);
            if fault == Some(faults::Fault::Truncate) {
                cut_in_half(&mut text);
            } else {
                *state.stats.last_success_body.lock().expect("stats lock") = Some(text.clone());
            }
            data_response(&state.config.faults, JSON_CONTENT_TYPE, text, request_id)
        }
        Err(err) => error_response(&err, request_id, host, &[]),
    }
}

#[cfg(test)]
mod server_tests;
