//! `lernorte serve` as a user runs it: the real binary on a free port with a fixture site,
//! spoken to over raw sockets (a client that normalises URLs would hide path tricks).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestSite;
use common::sse::Events;

/// How long to wait for anything the server should do at once; generous for slow CI machines.
const PATIENCE: Duration = Duration::from_secs(20);

/// A running `lernorte serve`; killed when dropped.
struct Preview {
    child: Child,
    addr: SocketAddr,
    /// Lines the server printed to stdout, collected by a reader thread.
    stdout: Arc<Mutex<Vec<String>>>,
}

impl Preview {
    fn start(root: &Path) -> Preview {
        Preview::start_on(root, 0).expect("lernorte serve starts")
    }

    /// Starts the server; `Err` carries stderr and the exit status if it exits instead.
    fn start_on(root: &Path, port: u16) -> Result<Preview, (String, i32)> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lernorte"))
            // Started inside the site without --root, as maintainers do: the watcher must
            // match its absolute paths against the relative default root.
            .args(["serve", "--port", &port.to_string()])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lernorte serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let lines = Arc::new(Mutex::new(Vec::new()));
        collect_lines(stdout, Arc::clone(&lines), tx);
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                return Err((err, status.code().unwrap_or(-1)));
            }
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(50))
                && let Some(url) = line.strip_prefix("Vorschau: http://")
            {
                let addr = url
                    .split('/')
                    .next()
                    .expect("address")
                    .parse()
                    .expect("socket address");
                return Ok(Preview {
                    child,
                    addr,
                    stdout: lines,
                });
            }
            assert!(
                Instant::now() < deadline,
                "the server did not say where it listens"
            );
        }
    }

    fn get(&self, path: &str) -> Response {
        raw_request(
            self.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
    }

    fn events(&self) -> Events {
        open_events(self.addr)
    }

    /// How many rebuilds the server reported so far.
    fn rebuilds(&self) -> usize {
        self.stdout
            .lock()
            .expect("lines")
            .iter()
            .filter(|l| l.contains(" Gebaut in "))
            .count()
    }

    /// Waits until the page at `path` contains `text`.
    fn wait_for_text(&self, path: &str, text: &str) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let r = self.get(path);
            if r.body.contains(text) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {text:?}; last body:\n{}",
                r.body
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect_lines(stdout: ChildStdout, lines: Arc<Mutex<Vec<String>>>, tx: mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            lines.lock().expect("lines").push(line.clone());
            let _ = tx.send(line);
        }
    });
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends `request` as it is and reads the whole answer.
fn raw_request(addr: SocketAddr, request: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).expect("timeout");
    s.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// Opens the event stream and reads its greeting.
fn open_events(addr: SocketAddr) -> Events {
    let mut events = Events::connect(addr);
    let (name, _) = events.next(PATIENCE).expect("a first event");
    assert_eq!(name, "hallo");
    events
}

const PLACE: &str = "places/stadtgarten-mitte.yaml";
const PLACE_URL: &str = "/lernorte/stadtgarten-mitte/";

#[test]
fn an_edit_reloads_the_page_and_a_broken_file_shows_the_overlay_until_fixed() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    let page = preview.get(PLACE_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Stadtgarten Mitte"));
    assert!(
        page.body.contains("/__lernorte/live.js"),
        "the live-reload script is injected"
    );

    // 1. An edit: the browser is told to reload this page, which then has the new text.
    let original = site.read(PLACE);
    let edited = original.replace("name: Stadtgarten Mitte", "name: Stadtgarten Mitte am See");
    site.write(PLACE, &edited);
    let data = events.wait_reload(PLACE_URL, PATIENCE);
    assert!(data.contains(PLACE_URL) || data.contains("alle"), "{data}");
    let page = preview.get(PLACE_URL);
    assert!(
        page.body.contains("Stadtgarten Mitte am See"),
        "new name served"
    );

    // 2. A broken file: every page shows the overlay with file and line; the last good
    // content stays.
    let broken = edited.replace("kosten:\n  frei: true", "kosten:\n  frei: true\n wrong: [");
    assert_ne!(broken, edited, "the fixture has the line the test breaks");
    site.write(PLACE, &broken);
    events.wait_reload(PLACE_URL, PATIENCE);
    let page = preview.wait_for_text(PLACE_URL, "lernorte-fehler");
    assert!(
        page.body.contains("Stadtgarten Mitte am See"),
        "last good content still served"
    );
    let home = preview.get("/");
    let overlay = home
        .body
        .split("id=\"lernorte-fehler\"")
        .nth(1)
        .expect("the overlay is on other pages too");
    assert!(
        overlay.contains("places/stadtgarten-mitte.yaml:"),
        "overlay names the file with its line: {overlay}"
    );
    let line = broken
        .lines()
        .position(|l| l.contains("wrong: ["))
        .expect("line")
        + 1;
    let location = format!("places/stadtgarten-mitte.yaml:{line}");
    let earlier = format!("places/stadtgarten-mitte.yaml:{}", line - 1);
    assert!(
        overlay.contains(&location) || overlay.contains(&earlier),
        "overlay points at line {line}: {overlay}"
    );

    // 3. The fix clears the overlay by itself.
    let fixed = edited.replace("Stadtgarten Mitte am See", "Stadtgarten Mitte am Teich");
    site.write(PLACE, &fixed);
    events.wait_reload(PLACE_URL, PATIENCE);
    let page = preview.wait_for_text(PLACE_URL, "Stadtgarten Mitte am Teich");
    assert!(
        !page.body.contains("lernorte-fehler"),
        "overlay gone after the fix"
    );
    assert!(!preview.get("/").body.contains("lernorte-fehler"));
}

#[test]
fn requests_outside_the_site_are_refused() {
    let site = TestSite::mini();
    let secret = "GEHEIMNIS-7f3a";
    std::fs::write(site.tmp().join("geheim.txt"), secret).expect("secret file");
    site.write("notiz.txt", secret);
    let preview = Preview::start(site.root());
    let site_yaml = site.read("site.yaml");
    let first_line = site_yaml
        .lines()
        .find(|l| l.len() > 10)
        .expect("a line of site.yaml");
    let attacks = [
        "/../geheim.txt",
        "/../../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2E%2e/%2e%2E/geheim.txt",
        "/.%2e/geheim.txt",
        "/..%2fgeheim.txt",
        "/css%2f..%2f..%2fgeheim.txt",
        "/..%5cgeheim.txt",
        "/..\\geheim.txt",
        "/site.yaml",
        "/notiz.txt",
        "/places/stadtgarten-mitte.yaml",
        "/index.html%00.txt",
        "/%00",
        "//etc/passwd",
        "/../../../../../../etc/passwd",
        "http://127.0.0.1/../geheim.txt",
        "http://example.com/",
        "*",
    ];
    for attack in attacks {
        let r = raw_request(
            preview.addr,
            &format!("GET {attack} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            r.status == 400 || r.status == 404,
            "{attack}: status {}",
            r.status
        );
        assert!(!r.body.contains(secret), "{attack} leaked the secret file");
        assert!(!r.body.contains(first_line), "{attack} leaked site.yaml");
        assert!(
            !r.body.contains("root:x:0:0"),
            "{attack} leaked /etc/passwd"
        );
    }
    // The server still answers normally afterwards.
    assert_eq!(preview.get("/").status, 200);
}

#[test]
fn content_types_folders_missing_pages_and_caching() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    for (path, ty) in [
        ("/", "text/html"),
        ("/css/style.css", "text/css"),
        ("/js/suche.js", "text/javascript"),
        ("/lernorte.geojson", "application/geo+json"),
        ("/sitemap.xml", "xml"),
        ("/suche/index/meta.json", "application/json"),
    ] {
        let r = preview.get(path);
        assert_eq!(r.status, 200, "{path}");
        let got = r.header("content-type").unwrap_or_default();
        assert!(got.contains(ty), "{path}: content type {got}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
    let r = preview.get("/lernorte/stadtgarten-mitte");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location").as_deref(), Some(PLACE_URL));
    let r = preview.get("/gibt-es-nicht/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<h1"), "the site's own 404 page");
    assert!(r.body.contains("/__lernorte/live.js"));
}

#[test]
fn deleting_and_renaming_files_work_like_edits() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    assert_eq!(preview.get("/ueber-uns/").status, 200);
    let text = site.read("content/ueber-uns.md");
    site.remove("content/ueber-uns.md");
    site.write("content/wir.md", &text);
    events.wait_reload("/", PATIENCE);
    let deadline = Instant::now() + PATIENCE;
    while preview.get("/ueber-uns/").status != 404 {
        assert!(Instant::now() < deadline, "renamed page still served");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(preview.get("/wir/").status, 200);
}

#[test]
fn a_burst_of_files_is_one_rebuild() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    let before = preview.rebuilds();
    let template = site.read("content/angebote/beete-anlegen.md");
    let dir = site.root().join("content/angebote");
    // Written as fast as a `git checkout` writes them.
    for i in 0..200 {
        std::fs::write(
            dir.join(format!("serie-{i:03}.md")),
            template.replace("titel: ", &format!("titel: Serie {i} – ")),
        )
        .expect("write");
    }
    events.wait_reload("/angebote/", PATIENCE);
    let page = preview.wait_for_text("/angebote/", "Serie 199");
    assert!(page.body.contains("Serie 0 "));
    // Let a straggling rebuild, if any, report itself.
    std::thread::sleep(Duration::from_millis(500));
    let rebuilds = preview.rebuilds() - before;
    // One rebuild on a quiet machine. A busy one (CI) may deliver the first file alone, which
    // is rebuilt at once as a lone save would be, and the rest together; what must never
    // happen is a rebuild per file or per few files.
    assert!(
        (1..=2).contains(&rebuilds),
        "200 files, {rebuilds} rebuilds"
    );
}

#[test]
fn a_stylesheet_change_swaps_the_stylesheet_without_a_reload() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    let mut events = preview.events();
    let css = "themes/default/static/css/style.css";
    let text = site.read(css);
    site.write(css, &format!("{text}\n/* geändert */\n"));
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (name, data) = events.next(PATIENCE).expect("an event");
        if name == "css" {
            assert!(data.contains("/css/style.css"), "{data}");
            break;
        }
        assert_ne!(name, "reload", "a stylesheet change must not reload pages");
        assert!(Instant::now() < deadline);
    }
    assert!(preview.get("/css/style.css").body.contains("geändert"));
}

#[test]
fn a_taken_port_is_reported_with_a_suggestion() {
    let site = TestSite::mini();
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let Err((stderr, code)) = Preview::start_on(site.root(), port) else {
        panic!("started on a taken port");
    };
    assert_eq!(code, 2);
    assert!(stderr.contains("belegt"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = TestSite::mini();
    let mut preview = Preview::start(site.root());
    let pid = preview.child.id().to_string();
    let status = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let code = loop {
        if let Some(s) = preview.child.try_wait().expect("wait") {
            break s.code();
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        preview
            .stdout
            .lock()
            .expect("lines")
            .iter()
            .any(|l| l.contains("Vorschau beendet")),
        "says goodbye"
    );
    assert!(TcpStream::connect(preview.addr).is_err(), "port released");
}

#[test]
fn ten_browsers_and_a_request_load_are_served_during_rebuilds() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    let mut clients: Vec<Events> = (0..10).map(|_| preview.events()).collect();
    let addr = preview.addr;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let loaders: Vec<_> = (0..4)
        .map(|i| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    PLACE_URL,
                    "/css/style.css",
                    "/lernorte.geojson",
                    "/angebote/",
                ];
                let mut done = 0usize;
                let mut failures = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = paths[(done + i) % paths.len()];
                    let r = raw_request(
                        addr,
                        &format!(
                            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        ),
                    );
                    if r.status != 200 || r.body.is_empty() {
                        failures.push(format!("{path}: {}", r.status));
                    }
                    done += 1;
                }
                (done, failures)
            })
        })
        .collect();
    let original = site.read(PLACE);
    let edits = 8;
    for n in 0..edits {
        site.write(
            PLACE,
            &original.replace(
                "name: Stadtgarten Mitte",
                &format!("name: Stadtgarten Mitte {n}"),
            ),
        );
        // Every browser hears about every rebuild.
        for c in &mut clients {
            c.wait_reload(PLACE_URL, PATIENCE);
        }
        preview.wait_for_text(PLACE_URL, &format!("Stadtgarten Mitte {n}"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut total = 0;
    for l in loaders {
        let (done, failures) = l.join().expect("load thread");
        assert!(failures.is_empty(), "failed requests: {failures:?}");
        total += done;
    }
    assert!(total > 50, "only {total} requests were answered");
}

/// Browsers open several connections at once and keep them open. Each must be answered, not
/// left waiting until another connection closes (tiny_http 0.12's connection pool queued a
/// connection behind idle ones when two arrived together; `vendor/tiny_http` fixes that).
#[test]
fn connections_opened_together_are_all_answered() {
    let site = TestSite::mini();
    let preview = Preview::start(site.root());
    // Busy cores make the race likely: the pool's woken thread is not yet running when the
    // next connection arrives.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let spinners: Vec<_> = (0..4)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    n = std::hint::black_box(n.wrapping_add(1));
                }
            })
        })
        .collect();
    for _round in 0..5 {
        let mut connections: Vec<TcpStream> = (0..24)
            .map(|_| TcpStream::connect(preview.addr).expect("connect"))
            .collect();
        // Idle for a moment, as a browser's spare connections are, so each one occupies the
        // server before the first request arrives.
        std::thread::sleep(Duration::from_millis(200));
        for (i, c) in connections.iter_mut().enumerate() {
            c.set_read_timeout(Some(Duration::from_secs(5)))
                .expect("timeout");
            c.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .unwrap_or_else(|e| panic!("send on connection {i}: {e}"));
        }
        for (i, c) in connections.iter_mut().enumerate() {
            let mut head = [0u8; 12];
            c.read_exact(&mut head)
                .unwrap_or_else(|e| panic!("connection {i} got no answer: {e}"));
            assert_eq!(&head, b"HTTP/1.1 200", "connection {i}");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for s in spinners {
        s.join().expect("spinner");
    }
}
