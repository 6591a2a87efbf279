//! The real-browser test harness: headless Chromium driven through chromedriver (WebDriver,
//! with the `fantoccini` client), looking at a fixture site that is built with
//! `lernorte::build` and served by a tiny static server on 127.0.0.1.
//!
//! - [`browser_test`] runs one test: it builds the fixture, starts the server, chromedriver and a
//!   browser session, runs the test body, and stops everything again, also when the body
//!   panics (every process and folder has a guard that cleans up on drop).
//! - Each test gets its own chromedriver and session; at most [`max_browsers`] run at once
//!   (default 2, the machine has 2 cores; `LERNORTE_BROWSER_JOBS` changes it). Within a test,
//!   scenarios run one after another in the same session.
//! - Without chromedriver or Chromium the browser tests are skipped with a message, unless
//!   `LERNORTE_BROWSER_TESTS=1` (CI), which turns that into a failure.
//! - Nothing waits a fixed time: [`Browser::wait_for`] polls a condition every 25 ms for up to
//!   5 s (`LERNORTE_BROWSER_WAIT_MS` changes it) and reports the last observation on timeout.
//!
//! The browser is started with a fixed set of flags ([`CHROMIUM_ARGS`]) and resolves no host
//! name but 127.0.0.1 and localhost, so a test site cannot reach the internet.

#![allow(dead_code)]

pub mod axe;
pub mod server;

use std::collections::BTreeSet;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::common::TestSite;
pub use server::StaticServer;

/// Set to `1` to make missing browser tools a test failure instead of a skip.
pub const REQUIRE_ENV: &str = "LERNORTE_BROWSER_TESTS";

/// The Chromium flags of every session, besides `--user-data-dir` (a fresh temporary folder).
pub const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--window-size=1280,900",
];

const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const POLL: Duration = Duration::from_millis(25);

/// How long [`Browser::wait_for`] waits for a condition.
pub fn wait_limit() -> Duration {
    std::env::var("LERNORTE_BROWSER_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(Duration::from_secs(5))
}

/// How many browsers may run at once.
pub fn max_browsers() -> usize {
    std::env::var("LERNORTE_BROWSER_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(2)
}

// ---------------------------------------------------------------------------------------------
// Finding the tools, and the skip gate
// ---------------------------------------------------------------------------------------------

pub struct Tools {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
}

fn in_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// chromedriver (`CHROMEDRIVER`, else /usr/bin/chromedriver, else the PATH) and Chromium
/// (`CHROMIUM`, else /usr/bin/chromium), or what is missing.
pub fn find_tools() -> Result<Tools, String> {
    let chromedriver = match std::env::var_os("CHROMEDRIVER") {
        Some(p) => PathBuf::from(p),
        None => Some(PathBuf::from(DEFAULT_CHROMEDRIVER))
            .filter(|p| p.is_file())
            .or_else(|| in_path("chromedriver"))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CHROMEDRIVER)),
    };
    if !chromedriver.is_file() {
        return Err(format!(
            "chromedriver not found ({}; set CHROMEDRIVER or install Debian's chromium-driver)",
            chromedriver.display()
        ));
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CHROMIUM));
    if !chromium.is_file() {
        return Err(format!(
            "chromium not found ({}; set CHROMIUM or install Debian's chromium)",
            chromium.display()
        ));
    }
    Ok(Tools {
        chromedriver,
        chromium,
    })
}

/// The tools, or `None` after printing why the test is skipped. Panics instead when
/// `LERNORTE_BROWSER_TESTS=1`.
pub fn tools_or_skip(test: &str) -> Option<Tools> {
    match find_tools() {
        Ok(tools) => Some(tools),
        Err(why) => {
            let required = std::env::var(REQUIRE_ENV).is_ok_and(|v| v.trim() == "1");
            if required {
                let what = if why.starts_with("chromedriver") {
                    "chromedriver"
                } else {
                    "chromium"
                };
                panic!("browser tests required but {what} not found ({REQUIRE_ENV}=1): {why}");
            }
            eprintln!(
                "SKIPPED browser test {test}: {why}. Set {REQUIRE_ENV}=1 to make this a failure."
            );
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Running one browser test
// ---------------------------------------------------------------------------------------------

/// Runs `body` against the fixture site `tests/fixtures/<fixture>` in a fresh browser session.
/// Skips (returns) when the tools are missing, see [`tools_or_skip`].
pub fn browser_test(test: &str, fixture: &str, body: impl AsyncFnOnce(&Browser)) {
    browser_test_with(test, fixture, Session::default(), body)
}

/// What a browser session records besides the console.
#[derive(Debug, Clone, Copy, Default)]
pub struct Session {
    /// Chromium's NetLog (`--log-net-log`), for [`Browser::network_requests`]: every request
    /// the browser starts, also those that fail (a host that does not resolve) or that the page
    /// never sees an answer to.
    pub network_log: bool,
}

/// [`browser_test`] with a session that records what `session` asks for.
pub fn browser_test_with(
    test: &str,
    fixture: &str,
    session: Session,
    body: impl AsyncFnOnce(&Browser),
) {
    let Some(tools) = tools_or_skip(test) else {
        return;
    };
    let queued = Instant::now();
    let _slot = BrowserSlot::acquire();
    let started = Instant::now();
    let site = BuiltSite::build(fixture);
    let server = StaticServer::start(&site.out);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (start, run, stop) = runtime.block_on(async {
        let browser = Browser::start_with(&tools, server.origin(), session).await;
        let start = started.elapsed();
        body(&browser).await;
        let run = started.elapsed() - start;
        browser.close().await;
        (start, run, started.elapsed() - start - run)
    });
    eprintln!(
        "browser test {test}: queued {:.1} s, build and browser start {:.1} s, test {:.1} s, stop {:.1} s",
        (started - queued).as_secs_f64(),
        start.as_secs_f64(),
        run.as_secs_f64(),
        stop.as_secs_f64()
    );
}

/// A fixture site built into a temporary folder with `lernorte::build` (fixed test date).
pub struct BuiltSite {
    pub site: TestSite,
    pub out: PathBuf,
}

impl BuiltSite {
    pub fn build(fixture: &str) -> BuiltSite {
        let site = TestSite::fixture(fixture);
        let out = site.tmp().join("public");
        match lernorte::build(&site.options(), &out) {
            Ok(_) => {}
            Err(lernorte::BuildError::Content { diagnostics, .. }) => {
                panic!("the fixture {fixture} does not build: {diagnostics:#?}")
            }
            Err(e) => panic!("the fixture {fixture} does not build: {e}"),
        }
        BuiltSite { site, out }
    }
}

/// A place in the queue of browsers: at most [`max_browsers`] tests hold one at a time.
struct BrowserSlot;

static RUNNING: Mutex<usize> = Mutex::new(0);
static SLOT_FREED: Condvar = Condvar::new();

impl BrowserSlot {
    fn acquire() -> BrowserSlot {
        let max = max_browsers();
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= max {
            running = SLOT_FREED.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
        BrowserSlot
    }
}

impl Drop for BrowserSlot {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        *running -= 1;
        SLOT_FREED.notify_one();
    }
}

// ---------------------------------------------------------------------------------------------
// chromedriver
// ---------------------------------------------------------------------------------------------

/// A free TCP port on 127.0.0.1: the OS picks one for a listener that is closed at once.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// A running chromedriver. On drop it is asked to shut down (which ends its browsers), and
/// killed with its whole process group if it does not.
pub struct ChromeDriver {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl ChromeDriver {
    pub fn start(path: &Path, log: PathBuf) -> ChromeDriver {
        let port = free_port();
        let mut command = Command::new(path);
        command
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own process group, so that the browser it starts can be ended with it.
            command.process_group(0);
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", path.display()));
        let mut driver = ChromeDriver { child, port, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = server::http_get(port, "/status")
                && r.status == 200
                && String::from_utf8_lossy(&r.body).contains("\"ready\":true")
            {
                return driver;
            }
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!(
                    "chromedriver exited at start with {status}; its log:\n{}",
                    driver.log_tail()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "chromedriver did not get ready on port {port} within 20 s; its log:\n{}",
                    driver.log_tail()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The last lines of chromedriver's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // A clean shutdown quits every browser the driver started.
        let _ = server::http_get(self.port, "/shutdown");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(POLL);
        }
        #[cfg(unix)]
        {
            // Whatever is left of this driver's process group (and only of it).
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// The browser session
// ---------------------------------------------------------------------------------------------

/// One browser session on the served site. Field order is drop order: the session, then the
/// driver (and its browser), then the profile folder.
pub struct Browser {
    pub client: Client,
    driver: ChromeDriver,
    /// The Chromium profile (`profile/`) and chromedriver's log.
    _work: TempDir,
    origin: String,
    /// Chromium's NetLog file, when the session records one.
    net_log: Option<PathBuf>,
}

impl Browser {
    pub async fn start(tools: &Tools, origin: &str) -> Browser {
        Browser::start_with(tools, origin, Session::default()).await
    }

    /// A session with a fresh profile (empty storage) that records what `session` asks for.
    pub async fn start_with(tools: &Tools, origin: &str, session: Session) -> Browser {
        let work = tempfile::tempdir().expect("temporary folder for the browser");
        let profile = work.path().join("profile");
        fs::create_dir_all(&profile).expect("profile folder");
        let driver = ChromeDriver::start(&tools.chromedriver, work.path().join("chromedriver.log"));
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let net_log = session.network_log.then(|| work.path().join("netlog.json"));
        if let Some(file) = &net_log {
            args.push(format!("--log-net-log={}", file.display()));
        }
        let chrome = json!({
            "binary": tools.chromium.to_string_lossy(),
            "args": args,
        });
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": chrome,
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
        {
            Ok(c) => c,
            Err(e) => panic!(
                "no browser session: {e}; chromedriver's log:\n{}",
                driver.log_tail()
            ),
        };
        Browser {
            client,
            driver,
            _work: work,
            origin: origin.to_string(),
            net_log,
        }
    }

    /// Ends the session (the guards clean up the rest).
    pub async fn close(self) {
        let Browser {
            client,
            driver,
            _work,
            ..
        } = self;
        let _ = client.close().await;
        drop(driver);
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The full address of a site path such as `/suche/?q=wald`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// Runs a script (a function body: use `return`) with `arguments`.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits until an element matches `css` and returns it.
    pub async fn wait_for_element(&self, css: &str) -> Element {
        self.wait_for(&format!("an element {css}"), async || {
            self.client
                .find(Locator::Css(css))
                .await
                .map_err(|e| e.to_string())
        })
        .await
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
            .len()
    }

    /// Types `text` into the element, one character at a time, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        for c in text.chars() {
            field
                .send_keys(&c.to_string())
                .await
                .unwrap_or_else(|e| panic!("type {c:?} into {css}: {e}"));
        }
    }

    /// Clicks an element like a person: scrolled into view, then a real click. Only when the
    /// browser refuses (the element is covered or not interactable) the click is made in the
    /// page instead, with a note on stderr.
    pub async fn click(&self, css: &str) {
        // A map redraws its markers (clusters, chunked loading); an element found a moment ago
        // may be gone. Find it again then, a few times.
        for attempt in 0..5 {
            let element = self.wait_for_element(css).await;
            let reference = serde_json::to_value(&element).expect("element reference");
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'});",
                    vec![reference.clone()],
                )
                .await;
            match element.click().await {
                Ok(()) => return,
                Err(CmdError::Standard(e))
                    if e.error == ErrorStatus::StaleElementReference && attempt < 4 =>
                {
                    tokio::time::sleep(POLL).await;
                }
                Err(CmdError::Standard(e))
                    if matches!(
                        e.error,
                        ErrorStatus::ElementNotInteractable | ErrorStatus::ElementClickIntercepted
                    ) =>
                {
                    eprintln!(
                        "note: {css} is not clickable for WebDriver ({e}); clicked by script"
                    );
                    self.client
                        .execute("arguments[0].click();", vec![reference])
                        .await
                        .unwrap_or_else(|e| panic!("click {css} by script: {e}"));
                    return;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    /// Moves the pointer onto the middle of an element (scrolled into view first), as a person
    /// hovering it with the mouse.
    pub async fn hover(&self, css: &str) {
        let element = self.wait_for_element(css).await;
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element).expect("element reference")],
            )
            .await;
        let mouse = MouseActions::new("maus".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("move the pointer onto {css}: {e}"));
    }

    /// Polls `probe` every 25 ms until it returns `Ok`, for up to [`wait_limit`]; then fails
    /// with `what`, the probe's last explanation and the browser's console errors.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        mut probe: impl AsyncFnMut() -> Result<T, String>,
    ) -> T {
        let limit = wait_limit();
        let deadline = Instant::now() + limit;
        loop {
            let last = match probe().await {
                Ok(v) => return v,
                Err(why) => why,
            };
            if Instant::now() > deadline {
                let errors = self.console_errors().await;
                let url = self
                    .client
                    .current_url()
                    .await
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                panic!(
                    "timed out after {:.1} s waiting for: {what}\n  at {url}\n  last seen: {last}\n  console errors: {errors:#?}",
                    limit.as_secs_f64()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Every resource the page loaded (and the page itself), by URL.
    pub async fn resource_urls(&self) -> Vec<String> {
        let v = self
            .js(
                "return performance.getEntriesByType('navigation')
                    .concat(performance.getEntriesByType('resource'))
                    .map(e => e.name);",
                vec![],
            )
            .await;
        serde_json::from_value(v).expect("list of URLs")
    }

    /// The resources of the current page that do not come from the test server.
    pub async fn foreign_requests(&self) -> Vec<String> {
        let own = format!("{}/", self.origin);
        self.resource_urls()
            .await
            .into_iter()
            .filter(|u| !u.starts_with(&own))
            .collect()
    }

    /// The browser console since the last call (chromedriver hands each entry out once).
    pub async fn console(&self) -> Vec<LogEntry> {
        match self.client.issue_cmd(GetLog("browser")).await {
            Ok(v) => serde_json::from_value(v).unwrap_or_default(),
            Err(e) => {
                eprintln!("note: the browser console is not available: {e}");
                Vec::new()
            }
        }
    }

    /// Console errors since the last look, without the favicon the browser asks for by itself.
    pub async fn console_errors(&self) -> Vec<String> {
        self.console()
            .await
            .into_iter()
            .filter(|e| e.level == "SEVERE" && !e.message.contains("/favicon.ico"))
            .map(|e| e.message)
            .collect()
    }

    /// The URLs of every request the browser started so far in this session (each once, in
    /// order), from Chromium's NetLog: also requests that failed (a host that does not resolve)
    /// or were never answered, which the page's resource timing may miss. Only requests of the
    /// kinds the pages' own loads have (by their traffic annotation), not the browser's own
    /// background traffic. Needs a session with [`Session::network_log`].
    ///
    /// The NetLog is written with a delay: a marker request is made first, and the file is read
    /// once it has the marker, so that it holds everything started before.
    pub async fn network_requests(&self) -> Vec<String> {
        let file = self
            .net_log
            .as_ref()
            .expect("network_requests needs a session with Session { network_log: true }");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let marker = format!("{}/.netlog-marke-{nanos}", self.origin);
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0], { cache: 'no-store' }).then(() => done(), () => done());",
                vec![json!(marker)],
            )
            .await;
        let text = self
            .wait_for("the NetLog to hold the marker request", async || {
                let text = fs::read_to_string(file).map_err(|e| e.to_string())?;
                if text.contains(&marker) {
                    Ok(text)
                } else {
                    Err(format!("{} bytes without {marker}", text.len()))
                }
            })
            .await;
        let own = format!("{}/", self.origin);
        // What the browser loads by itself before the session's first navigation is not the
        // page's: Debian's Chromium 156.0.8078.114 opens its start tab on the search engine's
        // start page (start.duckduckgo.com, kept on this machine by --host-resolver-rules).
        let requests: Vec<(String, String)> = net_log_requests(&text)
            .into_iter()
            .skip_while(|(_, url)| !url.starts_with(&own))
            .collect();
        let page_kinds: BTreeSet<&str> = requests
            .iter()
            .filter(|(_, url)| url.starts_with(&own))
            .map(|(annotation, _)| annotation.as_str())
            .collect();
        let mut seen = BTreeSet::new();
        requests
            .iter()
            .filter(|(annotation, url)| {
                page_kinds.contains(annotation.as_str()) && !url.contains("/.netlog-marke-")
            })
            .filter(|(_, url)| seen.insert(url.clone()))
            .map(|(_, url)| url.clone())
            .collect()
    }

    pub async fn history_length(&self) -> u64 {
        self.js("return history.length;", vec![])
            .await
            .as_u64()
            .expect("history.length")
    }
}

/// A DevTools command through chromedriver (`goog/cdp/execute`), e.g. to grant or deny the
/// geolocation permission and to set the position the page gets.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

impl Browser {
    /// Runs the DevTools command `cmd` with `params` and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp {
                cmd: cmd.to_string(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("DevTools command {cmd}: {e}"))
    }
}

/// `(traffic annotation, URL)` of every request in a NetLog (possibly still being written):
/// the objects `{..., "traffic_annotation": N, "url": "..."}` that start a request (Chromium
/// writes the keys of an object in sorted order).
pub fn net_log_requests(text: &str) -> Vec<(String, String)> {
    const KEY: &str = "\"traffic_annotation\":";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        rest = &rest[at + KEY.len()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = &rest[digits.len()..];
        if let Some(url) = after.strip_prefix(",\"url\":\"")
            && let Some(end) = url.find('"')
        {
            out.push((digits, url[..end].to_string()));
        }
    }
    out
}

/// One line of the browser console.
#[derive(Debug, Clone, Deserialize)]
pub struct LogEntry {
    pub level: String,
    pub message: String,
}

/// chromedriver's command for one of its logs (`goog:loggingPrefs` must ask for it), here
/// `browser` (the console).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The search page, seen from outside (the stable hooks of the search specification)
// ---------------------------------------------------------------------------------------------

/// The search field of the page (the header has another one, also named `q`).
pub const SEARCH_FIELD: &str = "main input[type=search][name=q]";

/// What the search page shows at one moment.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchState {
    /// `data-zustand` of `#suchergebnisse`: `laedt`, `fertig`, or `None` before the script ran.
    pub zustand: Option<String>,
    /// The results in `#trefferliste`, in order.
    pub treffer: Vec<Treffer>,
    /// The text of `#treffer-anzahl`.
    pub anzahl: Option<String>,
    /// Whether `#keine-treffer` is shown.
    pub keine_treffer: bool,
    pub keine_treffer_text: String,
    /// Whether `#mehr-treffer` is shown.
    pub mehr_treffer: bool,
    /// The value of the search field.
    pub eingabe: Option<String>,
    /// `location.search`.
    pub suche: String,
    /// The `q` parameter of the address.
    pub q_param: Option<String>,
    /// Checked facet boxes as `name=value`, sorted.
    pub gewaehlt: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Treffer {
    pub slug: String,
    pub kind: Option<String>,
}

const STATE_SCRIPT: &str = r#"
const root = document.querySelector('#suchergebnisse');
const liste = document.querySelector('#trefferliste');
const shown = el => !!el && !el.hidden && el.getClientRects().length > 0;
const treffer = liste ? Array.from(liste.querySelectorAll('[data-slug]')).filter(e => {
  const outer = e.parentElement && e.parentElement.closest('[data-slug]');
  return !outer || !liste.contains(outer);
}) : [];
const field = document.querySelector('main input[type=search][name=q]');
const anzahl = document.querySelector('#treffer-anzahl');
const keine = document.querySelector('#keine-treffer');
const mehr = document.querySelector('#mehr-treffer');
return {
  zustand: root ? root.getAttribute('data-zustand') : null,
  treffer: treffer.map(e => ({ slug: e.getAttribute('data-slug'), kind: e.getAttribute('data-kind') })),
  anzahl: anzahl ? anzahl.textContent.trim() : null,
  keine_treffer: shown(keine),
  keine_treffer_text: keine ? keine.textContent.replace(/\s+/g, ' ').trim() : '',
  mehr_treffer: shown(mehr),
  eingabe: field ? field.value : null,
  suche: location.search,
  q_param: new URLSearchParams(location.search).get('q'),
  gewaehlt: Array.from(document.querySelectorAll('main input[type=checkbox]:checked'))
    .map(c => c.name + '=' + c.value).sort(),
};
"#;

impl SearchState {
    pub fn slugs(&self) -> Vec<&str> {
        self.treffer.iter().map(|t| t.slug.as_str()).collect()
    }

    pub fn slug_set(&self) -> BTreeSet<&str> {
        self.treffer.iter().map(|t| t.slug.as_str()).collect()
    }

    /// The number `#treffer-anzahl` starts with.
    pub fn anzahl_number(&self) -> Option<usize> {
        let text = self.anzahl.as_deref()?.trim_start();
        let digits: String = text
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    pub fn is_ready(&self) -> bool {
        self.zustand.as_deref() == Some("fertig")
    }

    /// A short description for failure messages.
    pub fn describe(&self) -> String {
        format!(
            "data-zustand={:?}, {} results {:?}, #treffer-anzahl={:?}, #keine-treffer shown={}, #mehr-treffer shown={}, field={:?}, location.search={:?}, checked={:?}",
            self.zustand,
            self.treffer.len(),
            self.slugs(),
            self.anzahl,
            self.keine_treffer,
            self.mehr_treffer,
            self.eingabe,
            self.suche,
            self.gewaehlt
        )
    }
}

/// One facet checkbox.
#[derive(Debug, Clone, Deserialize)]
pub struct FacetBox {
    pub found: bool,
    pub checked: bool,
    pub disabled: bool,
    /// `data-anzahl`.
    pub anzahl: Option<String>,
}

impl Browser {
    pub async fn search_state(&self) -> SearchState {
        let v = self.js(STATE_SCRIPT, vec![]).await;
        serde_json::from_value(v.clone())
            .unwrap_or_else(|e| panic!("unexpected search state {v}: {e}"))
    }

    /// Waits until the search is `fertig` and `check` accepts what it shows; returns that state.
    pub async fn wait_for_results(
        &self,
        what: &str,
        check: impl Fn(&SearchState) -> Result<(), String>,
    ) -> SearchState {
        self.wait_for(what, async || {
            let state = self.search_state().await;
            if state.zustand.is_none() {
                return Err(format!(
                    "#suchergebnisse has no data-zustand (has the search script run?); {}",
                    state.describe()
                ));
            }
            if !state.is_ready() {
                return Err(format!("not ready; {}", state.describe()));
            }
            match check(&state) {
                Ok(()) => Ok(state),
                Err(why) => Err(format!("{why}; {}", state.describe())),
            }
        })
        .await
    }

    pub async fn facet_box(&self, name: &str, value: &str) -> FacetBox {
        let v = self
            .js(
                "const b = Array.from(document.querySelectorAll('main input[type=checkbox]'))
                    .find(c => c.name === arguments[0] && c.value === arguments[1]);
                 if (!b) return { found: false, checked: false, disabled: false, anzahl: null };
                 return { found: true, checked: b.checked, disabled: b.disabled,
                          anzahl: b.getAttribute('data-anzahl') };",
                vec![json!(name), json!(value)],
            )
            .await;
        serde_json::from_value(v).expect("facet box")
    }

    /// Clicks the facet checkbox `name=value` in the main area.
    pub async fn click_facet(&self, name: &str, value: &str) {
        let css = format!("main input[type=checkbox][name=\"{name}\"][value=\"{value}\"]");
        self.click(&css).await;
    }

    /// Facet boxes that break the rule "an unchecked box with count 0 is disabled, a box with
    /// a count above 0 is not", and boxes without a numeric `data-anzahl`.
    pub async fn facet_rule_violations(&self) -> Vec<String> {
        let v = self
            .js(
                "const out = [];
                 for (const c of document.querySelectorAll('main input[type=checkbox][name]')) {
                   const label = c.name + '=' + c.value;
                   if (!['bezirk', 'thema', 'zielgruppe', 'kategorie', 'kostenlos', 'rollstuhl',
                         'format', 'klassenstufe'].includes(c.name)) continue;
                   const a = c.getAttribute('data-anzahl');
                   if (a === null || !/^\\d+$/.test(a)) { out.push(label + ': data-anzahl=' + a); continue; }
                   const n = Number(a);
                   if (n === 0 && !c.checked && !c.disabled) out.push(label + ': count 0 but not disabled');
                   if (n > 0 && c.disabled) out.push(label + ': count ' + n + ' but disabled');
                 }
                 return out;",
                vec![],
            )
            .await;
        serde_json::from_value(v).expect("list of violations")
    }
}
