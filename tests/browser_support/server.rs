//! A tiny static file server for a built site, on 127.0.0.1 with a port the OS chooses, in a
//! background thread. It serves what a plain web host serves: `/x/` is `/x/index.html`, files
//! get their content type, everything else is 404. It stops when it is dropped.
//!
//! Every connection gets its own thread and one response (`Connection: close`). (It used
//! tiny_http before; its worker pool can leave a new connection queued behind a kept-alive one
//! when two arrive at once, and a page that loads many files then hung until the browser gave
//! up on the idle connection, for minutes.)

use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct StaticServer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    port: u16,
    origin: String,
}

impl StaticServer {
    /// Serves the folder `root` until the server is dropped.
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("start the test HTTP server");
        let port = listener
            .local_addr()
            .expect("the test HTTP server listens on an address")
            .port();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = Arc::clone(&stop);
            let root = Arc::new(root.to_path_buf());
            std::thread::Builder::new()
                .name("static-server".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        // A connection that failed before it was accepted is the client's business.
                        let Ok(stream) = stream else { continue };
                        let root = Arc::clone(&root);
                        let _ = std::thread::Builder::new()
                            .name("static-server-connection".into())
                            .spawn(move || serve_connection(&root, stream));
                    }
                })
                .expect("start the test HTTP server thread")
        };
        StaticServer {
            stop,
            thread: Some(thread),
            port,
            origin: format!("http://127.0.0.1:{port}"),
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread, which then sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one request head and answers it; the connection is closed after the response.
fn serve_connection(root: &Path, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 64 * 1024 {
            let _ = write_response(
                &mut stream,
                431,
                "text/plain; charset=utf-8",
                b"Kopf zu lang",
                false,
            );
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let head_only = method == "HEAD";
    let _ = match method {
        "GET" | "HEAD" => match resolve(root, target) {
            Resolved::File(path, content_type) => match fs::read(&path) {
                Ok(bytes) => write_response(&mut stream, 200, content_type, &bytes, head_only),
                Err(_) => text_response(&mut stream, 404, "Nicht gefunden", head_only),
            },
            Resolved::NotFound => text_response(&mut stream, 404, "Nicht gefunden", head_only),
            Resolved::Bad => text_response(&mut stream, 400, "Ungültiger Pfad", head_only),
        },
        _ => text_response(&mut stream, 405, "Methode nicht erlaubt", false),
    };
    // The browser may have closed the connection already; that is its business.
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read the response before the socket goes away.
    let _ = stream.read(&mut buf);
}

fn text_response(
    stream: &mut TcpStream,
    status: u16,
    text: &str,
    head_only: bool,
) -> std::io::Result<()> {
    write_response(
        stream,
        status,
        "text/plain; charset=utf-8",
        text.as_bytes(),
        head_only,
    )
}

fn write_response(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let mut response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if !head_only {
        response.extend_from_slice(body);
    }
    stream.write_all(&response)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf, &'static str),
    NotFound,
    Bad,
}

/// The file that a request target names below `root`, with its content type.
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Bad;
    };
    let Some(rel) = decoded.strip_prefix('/') else {
        return Resolved::Bad;
    };
    let segments: Vec<&str> = rel.split('/').collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains('\\') || s.contains('\0'))
    {
        return Resolved::Bad;
    }
    let mut file = root.to_path_buf();
    for s in segments.iter().filter(|s| !s.is_empty()) {
        file.push(s);
    }
    if rel.is_empty() || rel.ends_with('/') {
        file.push("index.html");
    }
    if !file.is_file() {
        return Resolved::NotFound;
    }
    let content_type = content_type(&file);
    Resolved::File(file, content_type)
}

pub fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A response of [`http_get`].
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A plain HTTP/1.1 GET of `target` (sent as it is, unnormalised) from 127.0.0.1:`port`. For
/// checks of the servers themselves.
pub fn http_get(port: u16, target: &str) -> std::io::Result<HttpResponse> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    // Read the head, then as much body as it announces (a server may keep the connection open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other("no end of the response head"));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line in {head:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    loop {
        let complete = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    if let Some(n) = length {
        body.truncate(n);
    } else if chunked {
        body = dechunk(&body);
    }
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        if size == 0 || data.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[(eol + 4 + size).min(data.len())..];
    }
    out
}
