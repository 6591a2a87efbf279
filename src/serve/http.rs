//! The HTTP side of `lernorte serve`: answers requests from the last good site held in memory
//! ([`Snapshot`]), injects the live-reload script (and the error overlay while the latest rebuild
//! failed) into HTML pages, and pushes reload events to open browsers over Server-Sent Events.
//!
//! It never maps a request path onto the filesystem: a request can only reach what the rebuild
//! engine put into the snapshot. [`resolve`] turns the raw request target into a lookup key and
//! rejects everything that could be read as another path.

use std::collections::HashMap;
use std::io::{self, Cursor, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::format::escape_html;
use crate::render::Content;

const EVENTS_KEY: &str = "__lernorte/events";
const LIVE_JS_KEY: &str = "__lernorte/live.js";
const LIVE_CSS_KEY: &str = "__lernorte/live.css";
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const INJECTED: &str = "<link rel=\"stylesheet\" href=\"/__lernorte/live.css\"><script src=\"/__lernorte/live.js\"></script>";
/// Proxies and some browsers drop an idle stream after 30–60 s.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What the server serves right now: the last good site, plus the error overlay while the latest
/// rebuild failed.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Output path as in the built site, `/`-separated, no leading slash: "index.html",
    /// "lernorte/wilhelma/index.html", "css/style.css", "404.html".
    pub files: HashMap<String, Content>,
    /// An HTML fragment (already escaped, made by [`super::overlay::overlay_html`]) inserted
    /// into every HTML page while the latest rebuild failed.
    pub overlay: Option<String>,
}

/// A message for the open browsers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// Reload the pages showing these URL paths ("/", "/lernorte/wilhelma/"); `None`: every page.
    Reload(Option<Vec<String>>),
    /// Swap these stylesheets (URL paths, e.g. "/css/style.css") in place, without reloading.
    Css(Vec<String>),
}

impl LiveEvent {
    /// The event as it goes over the wire, e.g. `event: reload\ndata: {"alle":true}\n\n`.
    fn wire(&self) -> String {
        let (name, data) = match self {
            LiveEvent::Reload(None) => ("reload", serde_json::json!({ "alle": true })),
            LiveEvent::Reload(Some(paths)) => ("reload", serde_json::json!({ "pfade": paths })),
            LiveEvent::Css(paths) => ("css", serde_json::json!({ "pfade": paths })),
        };
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// One connected browser: its stream thread reads from the other end of `sender`.
struct Client {
    sender: Sender<Arc<str>>,
    /// Cleared by the stream thread when it ends, so [`Hub::clients`] does not count browsers
    /// that are gone but have not been sent anything since.
    alive: Arc<AtomicBool>,
}

/// Shared between the rebuild loop and the request threads.
pub struct Hub {
    snapshot: RwLock<Arc<Snapshot>>,
    clients: Mutex<Vec<Client>>,
    /// Sent to every browser on connect; a browser that sees a new id after reconnecting knows
    /// the server was restarted and reloads.
    id: String,
}

impl Hub {
    /// A hub serving `snapshot`, with a new server-start id.
    pub fn new(snapshot: Snapshot) -> Arc<Hub> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let id = format!(
            "{nanos:x}-{:x}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        Arc::new(Hub {
            snapshot: RwLock::new(Arc::new(snapshot)),
            clients: Mutex::new(Vec::new()),
            id,
        })
    }

    /// Replaces what is served, atomically for readers.
    pub fn publish(&self, snapshot: Snapshot) {
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
    }

    /// The current snapshot (cheap `Arc` clone).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends an event to every connected browser; forgets disconnected ones.
    pub fn broadcast(&self, event: &LiveEvent) {
        let message: Arc<str> = Arc::from(event.wire());
        self.lock_clients()
            .retain(|c| c.alive.load(Ordering::SeqCst) && c.sender.send(message.clone()).is_ok());
    }

    /// Connected SSE clients.
    pub fn clients(&self) -> usize {
        let mut clients = self.lock_clients();
        clients.retain(|c| c.alive.load(Ordering::SeqCst));
        clients.len()
    }

    /// The id sent in the `hallo` event; it changes with every start of the server.
    pub fn server_id(&self) -> &str {
        &self.id
    }

    fn register(&self, client: Client) {
        self.lock_clients().push(client);
    }

    /// Ends every stream: their threads see the channel close at once instead of waiting for
    /// the next keep-alive.
    fn disconnect_all(&self) {
        self.lock_clients().clear();
    }

    fn lock_clients(&self) -> std::sync::MutexGuard<'_, Vec<Client>> {
        // A panicking stream thread never holds this lock while writing, so the list is intact.
        self.clients.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Why the server could not listen.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    /// Another program (often a `lernorte serve` still running) listens on the address.
    #[error(
        "Die Adresse {0} ist schon belegt. Läuft dort noch ein anderer Server? Beenden Sie ihn oder wählen Sie einen anderen Port."
    )]
    InUse(SocketAddr),
    /// Any other reason, e.g. no permission for the port or an address this machine does not have.
    #[error("Der Server kann nicht unter {0} erreichbar gemacht werden: {1}")]
    Other(SocketAddr, #[source] io::Error),
}

/// A bound HTTP server that does not answer yet; see [`Server::run`].
pub struct Server {
    inner: tiny_http::Server,
    addr: SocketAddr,
}

impl Server {
    /// Binds to `addr`. An address already in use gives [`BindError::InUse`].
    pub fn bind(addr: SocketAddr) -> Result<Server, BindError> {
        // Bound here rather than by tiny_http, whose boxed error loses the `io::ErrorKind`.
        let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
            io::ErrorKind::AddrInUse => BindError::InUse(addr),
            _ => BindError::Other(addr, e),
        })?;
        let local = listener
            .local_addr()
            .map_err(|e| BindError::Other(addr, e))?;
        let inner = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| BindError::Other(addr, io::Error::other(e.to_string())))?;
        Ok(Server { inner, addr: local })
    }

    /// The address actually bound (with the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Spawns `workers` threads (at least one) that answer requests until
    /// [`ServerHandle::stop`]; every connected browser's event stream gets a thread of its own.
    pub fn run(self, hub: Arc<Hub>, workers: usize) -> ServerHandle {
        let server = Arc::new(self.inner);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..workers.max(1))
            .filter_map(|i| {
                let server = server.clone();
                let hub = hub.clone();
                let stopping = stopping.clone();
                thread::Builder::new()
                    .name(format!("lernorte-http-{i}"))
                    .spawn(move || {
                        while !stopping.load(Ordering::SeqCst) {
                            // Err means unblocked by `stop` (or the listener failed, after which
                            // nothing more arrives); the loop condition decides.
                            if let Ok(request) = server.recv() {
                                handle(request, &hub);
                            }
                        }
                    })
                    .ok()
            })
            .collect();
        ServerHandle {
            server,
            hub,
            stopping,
            workers,
        }
    }
}

/// A running server; see [`ServerHandle::stop`].
pub struct ServerHandle {
    server: Arc<tiny_http::Server>,
    hub: Arc<Hub>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl ServerHandle {
    /// Stops answering: wakes and joins the workers, ends the event streams and closes the
    /// listening socket. Does not wait for the stream threads.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Each unblock wakes exactly one waiting `recv`.
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers {
            let _ = worker.join();
        }
        self.hub.disconnect_all();
        // Dropping the last reference closes the listener.
        drop(self.server);
    }
}

/// Why a request target was refused (answered with 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Reject {
    /// Not a path starting with `/` (absolute form `http://…`, `*`, empty).
    #[error("Die Adresse muss mit „/“ beginnen.")]
    NotAPath,
    /// A NUL byte, raw or as `%00`.
    #[error("Die Adresse enthält ein Nullzeichen.")]
    Nul,
    /// A backslash, raw or as `%5C`, which some systems read as a path separator.
    #[error("Die Adresse enthält einen umgekehrten Schrägstrich.")]
    Backslash,
    /// `%2F`: a separator hidden inside a segment.
    #[error("Die Adresse enthält einen kodierten Schrägstrich.")]
    EncodedSlash,
    /// Other control characters, raw or encoded.
    #[error("Die Adresse enthält ein Steuerzeichen.")]
    ControlCharacter,
    /// `%` not followed by two hex digits.
    #[error("Die Adresse enthält eine ungültige %-Kodierung.")]
    BadEscape,
    /// The decoded bytes are not UTF-8.
    #[error("Die Adresse ist nach dem Dekodieren kein gültiges UTF-8.")]
    NotUtf8,
    /// A segment `.` or `..`, however encoded.
    #[error("Die Adresse enthält „.“ oder „..“ als Abschnitt.")]
    DotSegment,
    /// `//` somewhere in the path.
    #[error("Die Adresse enthält einen leeren Abschnitt („//“).")]
    EmptySegment,
}

/// Turns a raw request target (as tiny_http hands it over: neither normalised nor decoded) into
/// the key of the file to serve, e.g. `/lernorte/x/?a=1` → `lernorte/x/index.html`.
///
/// Everything that could address something else than the plain path it spells is rejected
/// rather than repaired, so no spelling of `..` or a separator can slip through.
pub fn resolve(raw_url: &str) -> Result<String, Reject> {
    let path = raw_url.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Reject::NotAPath);
    };
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let (byte, encoded) = if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).and_then(|b| hex(*b));
            let lo = bytes.get(i + 2).and_then(|b| hex(*b));
            let (Some(hi), Some(lo)) = (hi, lo) else {
                return Err(Reject::BadEscape);
            };
            i += 3;
            (hi << 4 | lo, true)
        } else {
            i += 1;
            (bytes[i - 1], false)
        };
        match byte {
            0 => return Err(Reject::Nul),
            b'\\' => return Err(Reject::Backslash),
            b'/' if encoded => return Err(Reject::EncodedSlash),
            b if b < 0x20 || b == 0x7f => return Err(Reject::ControlCharacter),
            _ => decoded.push(byte),
        }
    }
    let decoded = String::from_utf8(decoded).map_err(|_| Reject::NotUtf8)?;
    let segments: Vec<&str> = decoded.split('/').collect();
    for (n, segment) in segments.iter().enumerate() {
        match *segment {
            // Only the last segment may be empty: that is the trailing slash of a folder.
            // Elsewhere `//` could turn a redirect into a protocol-relative `//host` link.
            "" if n + 1 < segments.len() => return Err(Reject::EmptySegment),
            "." | ".." => return Err(Reject::DotSegment),
            _ => {}
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(decoded + "index.html")
    } else {
        Ok(decoded)
    }
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// The bytes of a response body, borrowed where possible.
enum Body {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Static(b) => b,
            Body::Shared(b) => b,
            Body::Owned(b) => b,
        }
    }
}

/// A complete answer, before it is written.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Body,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Body) -> Reply {
        Reply {
            status,
            content_type,
            body,
            headers: Vec::new(),
        }
    }

    fn text(status: u16, text: String) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            Body::Owned(text.into_bytes()),
        )
    }
}

fn handle(request: Request, hub: &Hub) {
    let method = request.method().clone();
    let reply = if !matches!(method, Method::Get | Method::Head) {
        let mut reply = Reply::text(405, "Nur GET und HEAD sind erlaubt.\n".into());
        reply.headers.push(("Allow", "GET, HEAD".into()));
        reply
    } else {
        match resolve(request.url()) {
            Err(reject) => Reply::text(400, format!("Ungültige Anfrage: {reject}\n")),
            Ok(key) if key == EVENTS_KEY && method == Method::Get => {
                open_stream(request, hub);
                return;
            }
            Ok(key) if key == EVENTS_KEY => {
                Reply::new(200, "text/event-stream; charset=utf-8", Body::Static(b""))
            }
            Ok(key) if key == LIVE_JS_KEY => Reply::new(
                200,
                "text/javascript; charset=utf-8",
                Body::Static(LIVE_JS.as_bytes()),
            ),
            Ok(key) if key == LIVE_CSS_KEY => Reply::new(
                200,
                "text/css; charset=utf-8",
                Body::Static(LIVE_CSS.as_bytes()),
            ),
            Ok(key) => serve_file(&hub.snapshot(), &key, request.url()),
        }
    };
    respond(request, reply);
}

fn respond(request: Request, reply: Reply) {
    let length = reply.body.as_ref().len();
    let mut response = Response::new(
        StatusCode(reply.status),
        Vec::new(),
        Cursor::new(reply.body),
        Some(length),
        None,
    )
    // Always a Content-Length (also for HEAD), never chunked.
    .with_chunked_threshold(usize::MAX);
    let fixed = [
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    let extra = reply.headers.iter().map(|(n, v)| (*n, v.as_str()));
    for (name, value) in fixed.into_iter().chain(extra) {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The browser may have gone away meanwhile; nothing to do about it.
    let _ = request.respond(response);
}

fn serve_file(snapshot: &Snapshot, key: &str, raw_url: &str) -> Reply {
    if let Some(content) = snapshot.files.get(key) {
        return match read(content) {
            Ok(body) => file_reply(200, key, body, snapshot.overlay.as_deref()),
            Err(e) => Reply::text(
                500,
                format!("Die Datei „{key}“ kann gerade nicht gelesen werden: {e}\n"),
            ),
        };
    }
    if snapshot.files.contains_key(&format!("{key}/index.html")) {
        // The raw path passed `resolve`, so it is a safe, still-encoded local path.
        let target = raw_url.split('#').next().unwrap_or_default();
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        let location = match query {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        let mut reply = Reply::text(301, format!("Weiter unter {location}\n"));
        reply.headers.push(("Location", location));
        return reply;
    }
    not_found(snapshot, key)
}

fn not_found(snapshot: &Snapshot, key: &str) -> Reply {
    if let Some(content) = snapshot.files.get("404.html")
        && let Ok(body) = read(content)
    {
        return file_reply(404, "404.html", body, snapshot.overlay.as_deref());
    }
    // Named as it was asked for: "/a/", not the key "a/index.html".
    let shown = key
        .strip_suffix("index.html")
        .filter(|folder| folder.is_empty() || folder.ends_with('/'))
        .unwrap_or(key);
    let page = format!(
        "<!doctype html><html lang=\"de\"><meta charset=\"utf-8\"><title>Nicht gefunden</title>\
         <body><h1>Nicht gefunden</h1><p>Unter /{} gibt es keine Seite.</p></body></html>",
        escape_html(shown)
    );
    file_reply(
        404,
        "404.html",
        Body::Owned(page.into_bytes()),
        snapshot.overlay.as_deref(),
    )
}

fn read(content: &Content) -> io::Result<Body> {
    match content {
        Content::Bytes(bytes) => Ok(Body::Shared(bytes.clone())),
        // Read at request time: the engine only names the file, and the preview must show it as
        // it is on disk now.
        Content::Copy(path) => std::fs::read(path).map(Body::Owned),
    }
}

fn file_reply(status: u16, key: &str, body: Body, overlay: Option<&str>) -> Reply {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        Body::Owned(inject(body.as_ref(), overlay))
    } else {
        body
    };
    Reply::new(status, content_type, body)
}

/// Inserts the overlay (if any) and the live-reload tags before the last `</body>`, or at the end
/// of a page without one.
fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let at = html
        .windows(b"</body".len())
        .rposition(|w| w.eq_ignore_ascii_case(b"</body"))
        .unwrap_or(html.len());
    let overlay = overlay.unwrap_or_default();
    let mut out = Vec::with_capacity(html.len() + overlay.len() + INJECTED.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(overlay.as_bytes());
    out.extend_from_slice(INJECTED.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Answers `/__lernorte/events` with a Server-Sent Events stream that stays open.
fn open_stream(request: Request, hub: &Hub) {
    let (sender, receiver) = mpsc::channel::<Arc<str>>();
    let alive = Arc::new(AtomicBool::new(true));
    // Registered before the greeting is written, so a client that has read `hallo` is sure to
    // get every later event.
    hub.register(Client {
        sender,
        alive: alive.clone(),
    });
    // tiny_http's streaming responses do not flush, so the stream is written by hand.
    let mut writer = request.into_writer();
    let greeting = format!(
        "HTTP/1.1 200 OK\r\n\
         Content-Type: text/event-stream; charset=utf-8\r\n\
         Cache-Control: no-store\r\n\
         Connection: keep-alive\r\n\
         X-Content-Type-Options: nosniff\r\n\
         \r\n\
         retry: 500\n\n\
         event: hallo\ndata: {}\n\n",
        hub.id
    );
    let stream = move || {
        let mut send = |text: &[u8]| writer.write_all(text).and_then(|()| writer.flush());
        if send(greeting.as_bytes()).is_ok() {
            loop {
                let sent = match receiver.recv_timeout(KEEP_ALIVE) {
                    Ok(message) => send(message.as_bytes()),
                    Err(RecvTimeoutError::Timeout) => send(b": ping\n\n"),
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                if sent.is_err() {
                    break;
                }
            }
        }
        alive.store(false, Ordering::SeqCst);
    };
    // Without a thread the closure, and with it the receiver, is dropped: the next broadcast
    // forgets the client, and the browser's EventSource retries.
    let _ = thread::Builder::new()
        .name("lernorte-sse".into())
        .spawn(stream);
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::net::TcpStream;
    use std::path::Path;
    use std::time::Instant;

    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(5);

    #[test]
    fn resolve_accepts_plain_paths() {
        assert_eq!(resolve("/").as_deref(), Ok("index.html"));
        assert_eq!(
            resolve("/lernorte/x/").as_deref(),
            Ok("lernorte/x/index.html")
        );
        assert_eq!(resolve("/lernorte/x").as_deref(), Ok("lernorte/x"));
        assert_eq!(
            resolve("/css/style.css?v=1").as_deref(),
            Ok("css/style.css")
        );
        assert_eq!(resolve("/a%20b.txt").as_deref(), Ok("a b.txt"));
        assert_eq!(resolve("/?x=/../..").as_deref(), Ok("index.html"));
        assert_eq!(resolve("/a/#frag").as_deref(), Ok("a/index.html"));
        assert_eq!(resolve("/m%C3%BChle/").as_deref(), Ok("mühle/index.html"));
        assert_eq!(resolve("/.well-known/x").as_deref(), Ok(".well-known/x"));
        assert_eq!(resolve("/a/...").as_deref(), Ok("a/..."));
    }

    #[test]
    fn resolve_rejects_attacks() {
        let cases = [
            ("/..", Reject::DotSegment),
            ("/../", Reject::DotSegment),
            ("/../../etc/passwd", Reject::DotSegment),
            ("/a/..", Reject::DotSegment),
            ("/a/../b", Reject::DotSegment),
            ("/./a", Reject::DotSegment),
            ("/a/.", Reject::DotSegment),
            ("/%2e%2e/", Reject::DotSegment),
            ("/%2E%2e/etc/passwd", Reject::DotSegment),
            ("/.%2e/", Reject::DotSegment),
            ("/%2e./x", Reject::DotSegment),
            ("/%2e/x", Reject::DotSegment),
            ("/..%2fCargo.toml", Reject::EncodedSlash),
            ("/a%2Fb", Reject::EncodedSlash),
            ("/..%5c..%5cwin.ini", Reject::Backslash),
            ("/a%5Cb", Reject::Backslash),
            ("/..\\x", Reject::Backslash),
            ("/x%00.html", Reject::Nul),
            ("/x\0.html", Reject::Nul),
            ("/a%0d%0aSet-Cookie:x", Reject::ControlCharacter),
            ("/a%7f", Reject::ControlCharacter),
            ("http://example.com/", Reject::NotAPath),
            ("*", Reject::NotAPath),
            ("", Reject::NotAPath),
            ("?/a", Reject::NotAPath),
            ("//etc/passwd", Reject::EmptySegment),
            ("//evil.example/", Reject::EmptySegment),
            ("/a//b", Reject::EmptySegment),
            ("/a%", Reject::BadEscape),
            ("/a%2", Reject::BadEscape),
            ("/a%zz", Reject::BadEscape),
            ("/a%%32e", Reject::BadEscape),
            ("/%ff.html", Reject::NotUtf8),
            ("/%c0%ae%c0%ae/", Reject::NotUtf8),
        ];
        for (url, expected) in cases {
            assert_eq!(resolve(url), Err(expected), "{url:?}");
        }
    }

    #[test]
    fn inject_goes_before_the_last_body_end_tag() {
        let page = b"<html><body><p>&lt;/body&gt; </body></BODY ></html>";
        let out = String::from_utf8(inject(page, Some("<div id=x></div>"))).unwrap();
        assert_eq!(
            out,
            format!(
                "<html><body><p>&lt;/body&gt; </body><div id=x></div>{INJECTED}</BODY ></html>"
            )
        );
        let out = String::from_utf8(inject(b"<p>kein Ende", None)).unwrap();
        assert_eq!(out, format!("<p>kein Ende{INJECTED}"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (key, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("a/B.HTML", "text/html; charset=utf-8"),
            ("app.mjs", "text/javascript; charset=utf-8"),
            ("daten.json", "application/json"),
            ("karte.geojson", "application/geo+json"),
            ("termine.ics", "text/calendar; charset=utf-8"),
            ("liste.csv", "text/csv; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("bild.jpeg", "image/jpeg"),
            ("f.woff2", "font/woff2"),
            ("doc.pdf", "application/pdf"),
            ("suche/index.bin", "application/octet-stream"),
            ("ohne-endung", "application/octet-stream"),
            ("ordner.css/datei", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), expected, "{key}");
        }
    }

    #[test]
    fn live_events_have_the_documented_wire_format() {
        assert_eq!(
            LiveEvent::Reload(None).wire(),
            "event: reload\ndata: {\"alle\":true}\n\n"
        );
        assert_eq!(
            LiveEvent::Reload(Some(vec!["/a/".into(), "/b/".into()])).wire(),
            "event: reload\ndata: {\"pfade\":[\"/a/\",\"/b/\"]}\n\n"
        );
        assert_eq!(
            LiveEvent::Css(vec!["/css/style.css".into()]).wire(),
            "event: css\ndata: {\"pfade\":[\"/css/style.css\"]}\n\n"
        );
    }

    // --- Over the network -------------------------------------------------------------------

    const SECRET: &str = "GEHEIM-4711-nicht-ausliefern";

    fn bytes(text: &str) -> Content {
        Content::Bytes(Arc::new(text.as_bytes().to_vec()))
    }

    /// A site with a static file copied from `dir/static/css/style.css`, and secrets next to it
    /// and one folder up that must never be served.
    fn site(dir: &Path) -> Snapshot {
        let static_dir = dir.join("static");
        std::fs::create_dir_all(static_dir.join("css")).unwrap();
        std::fs::write(static_dir.join("css/style.css"), "body { color: green }").unwrap();
        std::fs::write(static_dir.join("secret.txt"), SECRET).unwrap();
        std::fs::write(static_dir.join("css/secret.txt"), SECRET).unwrap();
        std::fs::write(dir.join("secret.txt"), SECRET).unwrap();
        let files = [
            (
                "index.html",
                bytes("<!doctype html><html><body><h1>Start</h1></body></html>"),
            ),
            (
                "lernorte/wilhelma/index.html",
                bytes("<html><body><h1>Wilhelma</h1></body></html>"),
            ),
            (
                "css/style.css",
                Content::Copy(static_dir.join("css/style.css")),
            ),
            ("js/app.js", bytes("console.log(1)")),
            ("karte.geojson", bytes("{\"type\":\"FeatureCollection\"}")),
            (
                "bild.svg",
                bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ),
            ("modul.wasm", Content::Bytes(Arc::new(b"\0asm".to_vec()))),
            (
                "404.html",
                bytes("<html><body><h1>Seite fehlt</h1></body></html>"),
            ),
        ];
        Snapshot {
            files: files.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            overlay: None,
        }
    }

    fn start(snapshot: Snapshot) -> (SocketAddr, Arc<Hub>, ServerHandle) {
        let server = Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = server.local_addr();
        let hub = Hub::new(snapshot);
        let handle = server.run(hub.clone(), 2);
        (addr, hub, handle)
    }

    struct Answer {
        status: u16,
        head: String,
        body: Vec<u8>,
    }

    impl Answer {
        fn header(&self, name: &str) -> Option<&str> {
            self.head.lines().skip(1).find_map(|line| {
                let (n, v) = line.split_once(':')?;
                n.eq_ignore_ascii_case(name).then(|| v.trim())
            })
        }

        fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    /// Sends `method target` as written, on a raw socket: no client library gets to normalise
    /// the target first.
    fn send(addr: SocketAddr, method: &str, target: &str) -> Answer {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end: {:?}", String::from_utf8_lossy(&raw)));
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status: {head}"));
        Answer {
            status,
            head,
            body: raw[split + 4..].to_vec(),
        }
    }

    fn get(addr: SocketAddr, target: &str) -> Answer {
        send(addr, "GET", target)
    }

    #[test]
    fn traversal_attempts_never_reach_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let (addr, _hub, handle) = start(site(dir.path()));
        let cases = [
            ("/../../etc/passwd", 400),
            ("/%2e%2e/%2e%2e/etc/passwd", 400),
            ("/%2E%2e/secret.txt", 400),
            ("/..%2fCargo.toml", 400),
            ("/..%2Fsecret.txt", 400),
            ("/css/../secret.txt", 400),
            ("/css/..%2f..%2fsecret.txt", 400),
            ("/css/%2e%2e/%2e%2e/secret.txt", 400),
            ("/css/.%2e/secret.txt", 400),
            ("/css/..%5csecret.txt", 400),
            ("/css/..\\secret.txt", 400),
            ("/x%00.html", 400),
            ("/css/style.css%00.html", 400),
            ("//etc/passwd", 400),
            ("http://127.0.0.1/", 400),
            ("http://127.0.0.1/secret.txt", 400),
            ("*", 400),
            ("/secret.txt", 404),
            ("/css/secret.txt", 404),
            ("/etc/passwd", 404),
            ("/Cargo.toml", 404),
        ];
        for (target, expected) in cases {
            let answer = get(addr, target);
            assert_eq!(answer.status, expected, "{target}: {}", answer.head);
            let text = answer.text();
            assert!(!text.contains(SECRET), "{target} leaked the secret: {text}");
            assert!(
                !text.contains("root:"),
                "{target} leaked /etc/passwd: {text}"
            );
            assert!(!text.contains("[package]"), "{target} leaked Cargo.toml");
        }
        // The copied file itself is served, read from disk.
        let css = get(addr, "/css/style.css");
        assert_eq!(
            (css.status, css.text().as_str()),
            (200, "body { color: green }")
        );
        handle.stop();
    }

    #[test]
    fn files_get_status_type_and_no_store() {
        let dir = tempfile::tempdir().unwrap();
        let (addr, _hub, handle) = start(site(dir.path()));
        for (target, content_type, body) in [
            (
                "/css/style.css",
                "text/css; charset=utf-8",
                "body { color: green }",
            ),
            (
                "/js/app.js",
                "text/javascript; charset=utf-8",
                "console.log(1)",
            ),
            (
                "/karte.geojson?v=2",
                "application/geo+json",
                "{\"type\":\"FeatureCollection\"}",
            ),
            (
                "/bild.svg",
                "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
            ("/modul.wasm", "application/wasm", "\0asm"),
        ] {
            let answer = get(addr, target);
            assert_eq!(answer.status, 200, "{target}");
            assert_eq!(
                answer.header("Content-Type"),
                Some(content_type),
                "{target}"
            );
            assert_eq!(answer.header("Cache-Control"), Some("no-store"), "{target}");
            assert_eq!(
                answer.header("X-Content-Type-Options"),
                Some("nosniff"),
                "{target}"
            );
            assert_eq!(answer.text(), body, "{target}: not injected, unchanged");
        }

        let home = get(addr, "/");
        assert_eq!(home.status, 200);
        assert_eq!(
            home.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(home.header("Cache-Control"), Some("no-store"));
        assert!(home.text().contains("<h1>Start</h1>"));

        let folder = get(addr, "/lernorte/wilhelma/");
        assert_eq!(folder.status, 200);
        assert!(folder.text().contains("<h1>Wilhelma</h1>"));

        let live = get(addr, "/__lernorte/live.js");
        assert_eq!(live.status, 200);
        assert_eq!(
            live.header("Content-Type"),
            Some("text/javascript; charset=utf-8")
        );
        assert!(live.text().contains("EventSource"));
        let css = get(addr, "/__lernorte/live.css");
        assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
        assert!(css.text().contains("#lernorte-fehler"));
        handle.stop();
    }

    #[test]
    fn folder_without_slash_redirects() {
        let dir = tempfile::tempdir().unwrap();
        let (addr, _hub, handle) = start(site(dir.path()));
        let answer = get(addr, "/lernorte/wilhelma");
        assert_eq!(answer.status, 301);
        assert_eq!(answer.header("Location"), Some("/lernorte/wilhelma/"));
        let answer = get(addr, "/lernorte/wilhelma?tab=karte");
        assert_eq!(answer.status, 301);
        assert_eq!(
            answer.header("Location"),
            Some("/lernorte/wilhelma/?tab=karte")
        );
        assert_eq!(answer.header("Cache-Control"), Some("no-store"));
        handle.stop();
    }

    #[test]
    fn missing_pages_get_the_sites_404_page() {
        let dir = tempfile::tempdir().unwrap();
        let mut snapshot = site(dir.path());
        let (addr, hub, handle) = start(snapshot.clone());
        let answer = get(addr, "/gibt/es/nicht/");
        assert_eq!(answer.status, 404);
        assert_eq!(
            answer.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert!(
            answer.text().contains("<h1>Seite fehlt</h1>"),
            "{}",
            answer.text()
        );
        assert!(answer.text().contains("/__lernorte/live.js"));

        // Without a 404 page of its own, a short German page, with the path escaped.
        snapshot.files.remove("404.html");
        hub.publish(snapshot);
        let answer = get(addr, "/%3Cscript%3E/");
        assert_eq!(answer.status, 404);
        let text = answer.text();
        assert!(text.contains("Nicht gefunden"), "{text}");
        assert!(
            text.contains("Unter /&lt;script&gt;/ gibt es keine Seite")
                && !text.contains("<script>"),
            "{text}"
        );
        handle.stop();
    }

    #[test]
    fn html_gets_live_script_and_overlay() {
        let dir = tempfile::tempdir().unwrap();
        let mut snapshot = site(dir.path());
        let (addr, hub, handle) = start(snapshot.clone());
        let answer = get(addr, "/");
        let text = answer.text();
        assert!(
            text.ends_with(&format!("<h1>Start</h1>{INJECTED}</body></html>")),
            "{text}"
        );
        assert!(!text.contains("lernorte-fehler"), "{text}");
        assert_eq!(
            answer.header("Content-Length"),
            Some(answer.body.len().to_string().as_str())
        );

        snapshot.overlay = Some("<div id=\"lernorte-fehler\">kaputt</div>".into());
        hub.publish(snapshot);
        let answer = get(addr, "/");
        let text = answer.text();
        assert!(
            text.ends_with(&format!(
                "<h1>Start</h1><div id=\"lernorte-fehler\">kaputt</div>{INJECTED}</body></html>"
            )),
            "{text}"
        );
        assert_eq!(
            answer.header("Content-Length"),
            Some(answer.body.len().to_string().as_str())
        );
        // Not into other types.
        assert!(!get(addr, "/bild.svg").text().contains("kaputt"));
        handle.stop();
    }

    #[test]
    fn head_has_headers_only_and_other_methods_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (addr, _hub, handle) = start(site(dir.path()));
        let full = get(addr, "/");
        let head = send(addr, "HEAD", "/");
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty(), "{}", head.text());
        assert_eq!(
            head.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            head.header("Content-Length"),
            Some(full.body.len().to_string().as_str())
        );
        for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
            let answer = send(addr, method, "/");
            assert_eq!(answer.status, 405, "{method}");
            assert_eq!(answer.header("Allow"), Some("GET, HEAD"), "{method}");
        }
        handle.stop();
    }

    #[test]
    fn binding_an_address_in_use_is_recognised() {
        let first = Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = first.local_addr();
        assert_ne!(addr.port(), 0);
        match Server::bind(addr) {
            Err(BindError::InUse(a)) => {
                assert_eq!(a, addr);
                let text = BindError::InUse(a).to_string();
                assert!(text.contains("schon belegt"), "{text}");
            }
            Err(other) => panic!("expected InUse, got {other}"),
            Ok(_) => panic!("bound the same address twice"),
        }
    }

    /// An open event stream, read with a timeout so a broken server fails the test.
    struct Events {
        stream: TcpStream,
        buffer: String,
    }

    impl Events {
        fn connect(addr: SocketAddr) -> Events {
            Events::connect_with(addr, "")
        }

        fn connect_with(addr: SocketAddr, headers: &str) -> Events {
            let mut stream = TcpStream::connect(addr).unwrap();
            stream.set_read_timeout(Some(TIMEOUT)).unwrap();
            write!(
                stream,
                "GET /__lernorte/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n{headers}\r\n"
            )
            .unwrap();
            Events {
                stream,
                buffer: String::new(),
            }
        }

        /// Everything up to and including the next `needle`.
        fn until(&mut self, needle: &str) -> String {
            let deadline = Instant::now() + TIMEOUT;
            loop {
                if let Some(at) = self.buffer.find(needle) {
                    let rest = self.buffer.split_off(at + needle.len());
                    return std::mem::replace(&mut self.buffer, rest);
                }
                assert!(
                    Instant::now() < deadline,
                    "no {needle:?} in {:?}",
                    self.buffer
                );
                let mut chunk = [0; 1024];
                let n = self
                    .stream
                    .read(&mut chunk)
                    .unwrap_or_else(|e| panic!("reading {needle:?}: {e}; had {:?}", self.buffer));
                assert!(n > 0, "stream closed; had {:?}", self.buffer);
                self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        }

        /// The next event (up to the blank line after it), skipping keep-alive comments.
        fn next_event(&mut self) -> String {
            loop {
                let event = self.until("\n\n");
                if !event.starts_with(':') {
                    return event;
                }
            }
        }
    }

    fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn events_reach_every_connected_browser() {
        let (addr, hub, handle) = start(Snapshot::default());
        let mut first = Events::connect(addr);
        let head = first.until("\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("Content-Type: text/event-stream; charset=utf-8\r\n"),
            "{head}"
        );
        assert!(head.contains("Cache-Control: no-store\r\n"), "{head}");
        assert_eq!(first.next_event(), "retry: 500\n\n");
        assert_eq!(
            first.next_event(),
            format!("event: hallo\ndata: {}\n\n", hub.server_id())
        );
        let mut second = Events::connect(addr);
        second.until("event: hallo\n");
        second.until("\n\n");
        assert_eq!(hub.clients(), 2);

        hub.broadcast(&LiveEvent::Reload(Some(vec!["/a/".into()])));
        let expected = "event: reload\ndata: {\"pfade\":[\"/a/\"]}\n\n";
        assert_eq!(first.next_event(), expected);
        assert_eq!(second.next_event(), expected);

        hub.broadcast(&LiveEvent::Css(vec!["/css/style.css".into()]));
        let expected = "event: css\ndata: {\"pfade\":[\"/css/style.css\"]}\n\n";
        assert_eq!(first.next_event(), expected);
        assert_eq!(second.next_event(), expected);

        // A closed tab is noticed when writing to it fails, so broadcast until it is.
        drop(first);
        wait_for("the closed stream to be forgotten", || {
            hub.broadcast(&LiveEvent::Reload(None));
            hub.clients() == 1
        });
        // The open tab got every reload sent while waiting, then the next event.
        hub.broadcast(&LiveEvent::Css(vec!["/x.css".into()]));
        loop {
            let event = second.next_event();
            if event.starts_with("event: css") {
                assert_eq!(event, "event: css\ndata: {\"pfade\":[\"/x.css\"]}\n\n");
                break;
            }
            assert_eq!(event, "event: reload\ndata: {\"alle\":true}\n\n");
        }
        handle.stop();
    }

    #[test]
    fn stop_returns_and_ends_open_streams() {
        let (addr, hub, handle) = start(Snapshot::default());
        // With `Connection: close` tiny_http lets go of the socket after this request, so the
        // stream thread holds the last reference and the socket closes when that thread ends.
        let mut events = Events::connect_with(addr, "Connection: close\r\n");
        events.until("event: hallo\n");
        events.until("\n\n");
        assert_eq!(hub.clients(), 1);

        let (done, stopped) = mpsc::channel();
        thread::spawn(move || {
            handle.stop();
            let _ = done.send(());
        });
        stopped
            .recv_timeout(TIMEOUT)
            .expect("stop returned while a browser was connected");
        assert_eq!(hub.clients(), 0);
        // The stream thread ended and let go of the socket.
        let mut rest = Vec::new();
        let read = events.stream.read_to_end(&mut rest);
        assert!(read.is_ok(), "stream not closed after stop: {read:?}");
        wait_for("the listener to close", || Server::bind(addr).is_ok());
    }
}
