//! The HTTP side of the live classroom: axum on a single-threaded tokio runtime in its own
//! thread, started only by `--live` and stopped (every connection dropped) when the
//! presenter leaves.
//!
//! Every request passes the guard first: the path must carry the join code (else 404, and
//! nothing else is served at all), the device's token and the room as a whole are rate limited
//! (429), and every response, refusals included, carries a strict Content-Security-Policy and
//! `no-store`. A device gets its token (an `HttpOnly`, `SameSite=Strict` cookie) on its first visit
//! to the join address; votes need it.
//!
//! Over 400 lines because the guard, the routes and starting and stopping the server share one
//! context and are one security boundary, best read whole; the room's rules stand in `room.rs` and
//! the page in `page.rs`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt as _;
use tokio::sync::{oneshot, watch};

use super::room::{self, Device, Open, Refusal, Room};
use super::{Event, Phase, Stage, net, page};
use crate::engine::{Answers, resolve_answers};
use crate::pack::Pack;
use crate::results::{PatternResult, Results};

/// Bodies larger than this are refused (413).
pub const MAX_BODY: usize = 8 * 1024;
/// A refused body is still read up to this many bytes, so the client is reading when the 413
/// arrives instead of meeting a reset connection.
const DRAIN: usize = 1024 * 1024;
/// At most this many open event streams (pages with scripts on).
const MAX_STREAMS: usize = 2 * room::MAX_DEVICES;
/// The cookie holding a device's token.
const COOKIE: &str = "immunity_device";
/// Sent with every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                       connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; \
                       frame-ancestors 'none'";

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind (`None`: all interfaces, a free port near 8733).
    pub bind: Option<SocketAddr>,
    /// The join code.
    pub code: String,
    /// True when students may type a name.
    pub names: bool,
}

struct Ctx {
    pack: &'static Pack,
    /// The court's answers on each fact pattern of the pack.
    courts: Vec<Answers>,
    /// No answers: the court's when no fact pattern is shown.
    no_court: Answers,
    code: String,
    names: bool,
    room: Arc<Mutex<Room>>,
    stage: watch::Receiver<Arc<Stage>>,
    notify: Box<dyn Fn(Event) + Send + Sync>,
    streams: AtomicUsize,
}

impl Ctx {
    fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running server. Dropping it stops the server.
pub struct Server {
    addr: SocketAddr,
    publisher: Publisher,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Tells the server what the presenter shows; cheap to clone, never waits on the network (a
/// mutex the request handlers hold for microseconds, and a watch send).
#[derive(Clone)]
pub struct Publisher {
    pack: &'static Pack,
    stage: Arc<watch::Sender<Arc<Stage>>>,
    room: Arc<Mutex<Room>>,
}

impl Publisher {
    /// Publishes what the presenter shows: opens, locks or moves on.
    pub fn publish(&self, stage: Stage) {
        {
            let mut room = self.room.lock().unwrap_or_else(PoisonError::into_inner);
            let open = match (stage.phase, stage.question) {
                (Phase::Open, Some(q)) => Some(match room.open() {
                    Some(o) if o.round == stage.round => o,
                    _ => Open {
                        case: stage.case,
                        round: stage.round,
                        question: q,
                        options: self.pack.question(q).options.len(),
                        since: Instant::now(),
                    },
                }),
                _ => None,
            };
            room.set_open(open);
        }
        self.stage.send_replace(Arc::new(stage));
    }

    /// Closes whatever round is open (its answers settle), as the session ends.
    pub fn close(&self) {
        self.room
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .set_open(None);
    }
}

impl Server {
    /// Binds and starts serving; `notify` hears of every join and accepted vote (it must not
    /// block: the presenter's channel send).
    pub fn start(
        pack: &'static Pack,
        config: &Config,
        notify: Box<dyn Fn(Event) + Send + Sync>,
    ) -> std::io::Result<Server> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // Bound here, before the screen is taken, so a taken port is an error on the normal
        // screen; inside the runtime, which owns the socket from now on.
        let listener = runtime.block_on(async { net::listen(config.bind, bind) })?;
        let addr = listener.local_addr()?;
        let (stage, stage_rx) = watch::channel(Arc::new(Stage::default()));
        let room = Arc::new(Mutex::new(Room::new(Instant::now())));
        let courts = pack
            .cases()
            .iter()
            .map(|c| resolve_answers(pack, &c.answers).unwrap_or_default())
            .collect();
        let ctx = Arc::new(Ctx {
            pack,
            courts,
            no_court: Answers::new(),
            code: config.code.clone(),
            names: config.names,
            room: Arc::clone(&room),
            stage: stage_rx,
            notify,
            streams: AtomicUsize::new(0),
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("immunity-live".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = axum::serve(listener, router(ctx)) => {}
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime here drops every connection, event streams included.
            })?;
        Ok(Server {
            addr,
            publisher: Publisher {
                pack,
                stage: Arc::new(stage),
                room,
            },
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle that publishes the presenter's stage.
    pub fn publisher(&self) -> Publisher {
        self.publisher.clone()
    }

    /// Publishes what the presenter shows (see [`Publisher::publish`]).
    pub fn publish(&self, stage: Stage) {
        self.publisher.publish(stage);
    }

    /// Every device joined, with its answers (a copy).
    pub fn devices(&self) -> Vec<Device> {
        self.publisher
            .room
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .devices()
            .to_vec()
    }

    /// Stops serving and waits for the server's thread to end.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Pending connections the kernel keeps while the server accepts: a whole class scanning the
/// QR code at once must not overflow it (the usual 128 did, with 300 students).
const BACKLOG: u32 = 1024;

fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

fn router(ctx: Arc<Ctx>) -> Router {
    Router::new()
        .route("/j/{code}", get(show).post(submit))
        .route("/j/{code}/part", get(show_part))
        .route("/j/{code}/events", get(events))
        .route("/j/{code}/results.json", get(results_file))
        .route(
            "/j/{code}/app.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    page::CSS,
                )
            }),
        )
        .route(
            "/j/{code}/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    page::JS,
                )
            }),
        )
        .fallback(|| async { refuse(StatusCode::NOT_FOUND, None, "Not found.") })
        .layer(middleware::from_fn_with_state(Arc::clone(&ctx), guard))
        .with_state(ctx)
}

/// The join code, the rate limits and the security headers, for every request.
async fn guard(State(ctx): State<Arc<Ctx>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let rest = path.strip_prefix("/j/").unwrap_or("");
    let code = rest.split('/').next().unwrap_or("");
    let mut response = if code == ctx.code {
        let token = cookie(request.headers());
        let admitted = ctx.room().admit(token.as_deref(), Instant::now());
        if admitted.is_err() {
            refuse(
                StatusCode::TOO_MANY_REQUESTS,
                Some(&ctx.code),
                "Too many requests: wait a moment and try again.",
            )
        } else {
            next.run(request).await
        }
    } else {
        refuse(
            StatusCode::NOT_FOUND,
            None,
            "Not found: check the join address.",
        )
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A refusal: the status and a short page saying why.
fn refuse(status: StatusCode, code: Option<&str>, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::refused(code, message),
    )
        .into_response()
}

/// The device token from the cookie, if it has the shape of one.
fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
}

/// The device behind the request's token, and the stage now.
fn known(ctx: &Ctx, headers: &HeaderMap) -> Option<(Device, Arc<Stage>)> {
    let token = cookie(headers)?;
    let device = ctx.room().device(&token)?.clone();
    Some((device, ctx.stage.borrow().clone()))
}

fn pattern(ctx: &Ctx, device: &Device, stage: &Stage) -> Option<PatternResult> {
    let case = stage.case?;
    stage.conclusion?;
    Some(room::pattern(
        ctx.pack,
        device,
        case,
        &ctx.courts[case],
        stage.conclusion,
        &stage.path,
    ))
}

fn view<'a>(ctx: &'a Ctx, stage: &'a Stage, device: &'a Device) -> page::View<'a> {
    page::View {
        pack: ctx.pack,
        case: stage.case,
        court: stage.case.map_or(&ctx.no_court, |c| &ctx.courts[c]),
        code: &ctx.code,
        names: ctx.names,
        stage,
        device,
        pattern: pattern(ctx, device, stage),
    }
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// The join address: joins the device on its first visit (setting its cookie), then shows
/// the page.
async fn show(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    if let Some((device, stage)) = known(&ctx, &headers) {
        return html(page::page(&view(&ctx, &stage, &device), None));
    }
    let Ok(token) = net::token() else {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, None, "No randomness.");
    };
    let joined = {
        let mut room = ctx.room();
        room.join(token.clone(), Instant::now())
            .map(|_| (room.joined(), room.device(&token).cloned()))
    };
    let Ok((count, Some(device))) = joined else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "The room is full: no more devices can join this session.",
        );
    };
    (ctx.notify)(Event::Joined(count));
    let stage = ctx.stage.borrow().clone();
    let mut response = html(page::page(&view(&ctx, &stage, &device), None));
    let cookie = format!(
        "{COOKIE}={token}; Path=/j/{}; HttpOnly; SameSite=Strict",
        ctx.code
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

async fn show_part(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    match known(&ctx, &headers) {
        Some((device, stage)) => html(page::part(&view(&ctx, &stage, &device))),
        None => refuse(StatusCode::FORBIDDEN, Some(&ctx.code), "Join first."),
    }
}

/// Reads a body of at most [`MAX_BODY`] bytes; a larger one is read on up to [`DRAIN`] bytes
/// and refused with 413, a body that stalls for five seconds with 408.
async fn read_body(body: Body) -> Result<Vec<u8>, StatusCode> {
    let read = async {
        let mut stream = body.into_data_stream();
        let mut kept = Vec::new();
        let mut total = 0usize;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| StatusCode::BAD_REQUEST)?;
            total = total.saturating_add(chunk.len());
            if total <= MAX_BODY {
                kept.extend_from_slice(&chunk);
            } else if total > DRAIN {
                break;
            }
        }
        if total > MAX_BODY {
            Err(StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            Ok(kept)
        }
    };
    tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .unwrap_or(Err(StatusCode::REQUEST_TIMEOUT))
}

/// A vote (`option` = a letter, `confidence` = 1 to 3) or, with `--names`, a name.
async fn submit(State(ctx): State<Arc<Ctx>>, headers: HeaderMap, body: Body) -> Response {
    let code = Some(ctx.code.as_str());
    let bytes = match read_body(body).await {
        Ok(b) => b,
        Err(StatusCode::PAYLOAD_TOO_LARGE) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                code,
                "That request is too large.",
            );
        }
        Err(status) => return refuse(status, code, "The request could not be read."),
    };
    let Some(token) = cookie(&headers) else {
        return refuse(StatusCode::FORBIDDEN, code, "Open the join address first.");
    };
    let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
        return refuse(StatusCode::BAD_REQUEST, code, "The form could not be read.");
    };
    let field = |name: &str| {
        let mut found = fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (found.next(), found.next()) {
            (Some(v), None) => Some(v.as_str()),
            _ => None,
        }
    };
    if let Some(name) = field("name") {
        if !ctx.names {
            return refuse(StatusCode::BAD_REQUEST, code, "Names are not asked for.");
        }
        return match ctx.room().name(&token, name) {
            Ok(()) => see_other(&ctx.code),
            Err(_) => refuse(StatusCode::FORBIDDEN, code, "Open the join address first."),
        };
    }
    let option = field("option").and_then(option_index);
    let confidence = field("confidence").and_then(|c| c.parse::<u8>().ok());
    let (Some(option), Some(confidence)) = (option, confidence) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            code,
            "Choose one option and how sure you are.",
        );
    };
    let vote = ctx.room().vote(&token, option, confidence, Instant::now());
    match vote {
        Ok(v) => {
            (ctx.notify)(Event::Vote(v));
            see_other(&ctx.code)
        }
        Err(Refusal::Unknown) => {
            refuse(StatusCode::FORBIDDEN, code, "Open the join address first.")
        }
        Err(Refusal::Closed) => refuse(
            StatusCode::CONFLICT,
            code,
            "This question is not open for answers (not yet open, or locked).",
        ),
        Err(Refusal::Invalid) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            code,
            "That option or confidence is not one of this question's.",
        ),
        Err(Refusal::TooMany | Refusal::Full) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            code,
            "Too many requests: wait a moment and try again.",
        ),
    }
}

/// `A` → 0, `B` → 1, ...: one capital letter.
fn option_index(letter: &str) -> Option<usize> {
    match letter.as_bytes() {
        [b @ b'A'..=b'Z'] => Some(usize::from(b - b'A')),
        _ => None,
    }
}

fn see_other(code: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/j/{code}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Server-sent events: the stage's number now and at every change.
async fn events(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    if known(&ctx, &headers).is_none() {
        return refuse(StatusCode::FORBIDDEN, Some(&ctx.code), "Join first.");
    }
    if ctx.streams.fetch_add(1, Ordering::Relaxed) >= MAX_STREAMS {
        ctx.streams.fetch_sub(1, Ordering::Relaxed);
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "Too many open pages.",
        );
    }
    let held = StreamSlot(Arc::clone(&ctx));
    let stage = ctx.stage.clone();
    let stream =
        futures_util::stream::unfold((stage, held, true), |(mut stage, held, first)| async move {
            if !first && stage.changed().await.is_err() {
                return None;
            }
            let seq = stage.borrow_and_update().seq;
            let event = SseEvent::default().data(seq.to_string());
            Some((Ok::<_, Infallible>(event), (stage, held, false)))
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// One open event stream, counted while it lives.
struct StreamSlot(Arc<Ctx>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The device's results file, once the room has reached a conclusion.
async fn results_file(State(ctx): State<Arc<Ctx>>, headers: HeaderMap) -> Response {
    let code = Some(ctx.code.as_str());
    let Some((device, stage)) = known(&ctx, &headers) else {
        return refuse(StatusCode::FORBIDDEN, code, "Join first.");
    };
    let Some(p) = pattern(&ctx, &device, &stage) else {
        return refuse(StatusCode::CONFLICT, code, "Results come at the end.");
    };
    let finished = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let mut results = Results::new(
        ctx.pack,
        &device.label(),
        env!("CARGO_PKG_VERSION"),
        &finished,
    );
    results.patterns = vec![p];
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"results.json\"",
            ),
        ],
        results.to_json(),
    )
        .into_response()
}
