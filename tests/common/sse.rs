//! A client for the preview's server-sent events, shared by the serve tests and
//! `examples/serve-bench.rs` (which includes this file by path). It reads the raw stream from a
//! socket, so nothing between the server and the check buffers or rewrites the events.

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// An open `/__lernorte/events` stream.
pub struct Events {
    reader: BufReader<TcpStream>,
    /// The line being read. A read that times out in the middle of a line keeps what it got,
    /// so a long event (thousands of page paths) that arrives in pieces is not cut apart.
    line: Vec<u8>,
    name: String,
    data: String,
}

impl Events {
    /// Connects and sends the request; the caller reads the `hallo` event with `next`.
    pub fn connect(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).expect("connect to the event stream");
        s.set_read_timeout(Some(Duration::from_millis(50)))
            .expect("read timeout");
        s.write_all(
            b"GET /__lernorte/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n",
        )
        .expect("send the event stream request");
        Events {
            reader: BufReader::new(s),
            line: Vec::new(),
            name: String::new(),
            data: String::new(),
        }
    }

    /// The next complete event (name, data), skipping the response head and comments; `None`
    /// if none completed within `wait`. An event begun but not finished is kept for the next
    /// call. Panics when the server closes the stream.
    pub fn next(&mut self, wait: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + wait;
        loop {
            match self.reader.read_until(b'\n', &mut self.line) {
                Ok(0) => panic!("the event stream was closed"),
                Ok(_) if self.line.ends_with(b"\n") => {
                    let line = String::from_utf8_lossy(&self.line)
                        .trim_end_matches(['\r', '\n'])
                        .to_string();
                    self.line.clear();
                    if let Some(event) = self.take(&line) {
                        return Some(event);
                    }
                }
                Ok(_) => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("the event stream broke: {e}"),
            }
            if Instant::now() >= deadline {
                return None;
            }
        }
    }

    fn take(&mut self, line: &str) -> Option<(String, String)> {
        if let Some(name) = line.strip_prefix("event: ") {
            self.name = name.to_string();
        } else if let Some(data) = line.strip_prefix("data: ") {
            self.data = data.to_string();
        } else if line.is_empty() && !self.name.is_empty() {
            return Some((
                std::mem::take(&mut self.name),
                std::mem::take(&mut self.data),
            ));
        }
        None
    }

    /// Waits up to `wait` for a `reload` event that covers `path` (or all pages) and returns
    /// its data; panics if none came.
    pub fn wait_reload(&mut self, path: &str, wait: Duration) -> String {
        let deadline = Instant::now() + wait;
        let quoted = format!("\"{path}\"");
        while Instant::now() < deadline {
            if let Some((name, data)) = self.next(deadline - Instant::now())
                && name == "reload"
                && (data.contains("\"alle\":true") || data.contains(&quoted))
            {
                return data;
            }
        }
        panic!("no reload event for {path} within {wait:?}");
    }
}
