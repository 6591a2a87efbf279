//! `lernorte serve`: the live preview.
//!
//! [`session`] keeps the site in memory and rebuilds what a change touches; [`watch`] reports
//! changed files; [`http`] serves the last good site from memory and pushes reload events to
//! open browsers; [`overlay`] turns errors into the panel shown on every page. [`run`] ties
//! them together in one loop: changes that arrive while a rebuild runs are merged into the next
//! rebuild, and the search index is rebuilt in the background after the pages are out.

pub mod http;
pub mod overlay;
pub mod session;
pub mod watch;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::diagnostics::{Diagnostic, Sources};
use crate::render::OutputFile;
use http::{Hub, LiveEvent, Server, Snapshot};
use session::{Outcome, Reload, Session};

/// After a lone changed file, wait this long for more before rebuilding. A burst's next files
/// come with the debouncer's next tick (every 2 ms), so a little more than a tick tells a lone
/// save from the start of a burst; the debouncer itself already waited `watch::DEBOUNCE`.
const LONE_QUIET: Duration = Duration::from_millis(4);

/// Once several files changed at once, wait until no further change came for this long before
/// rebuilding, so a burst (a `git checkout`, a search-and-replace over many files) makes one
/// rebuild. Much longer than the debouncer's window, so a writer that is briefly descheduled on
/// a busy machine does not split the burst; short next to the rebuild of many files it delays.
const BURST_QUIET: Duration = Duration::from_millis(25);

/// Request threads; server-sent event streams get a thread each on top.
const WORKERS: usize = 4;

/// Pages that load the search index and the places' GeoJSON, reloaded when those are renewed.
const SEARCH_PAGES: &[&str] = &["suche/", "karte/"];

/// What the preview reports, for the command line to print.
pub enum Report<'a> {
    /// The server is up.
    Listening { url: String },
    /// A rebuild succeeded.
    Rebuilt {
        changed: &'a [PathBuf],
        rendered: usize,
        reload: &'a Reload,
        took: Duration,
        steps: &'a [(&'static str, Duration)],
        warnings: &'a [Diagnostic],
    },
    /// A rebuild failed; `repeated` when the errors are the same as last time.
    Failed {
        diagnostics: &'a [Diagnostic],
        sources: &'a Sources,
        repeated: bool,
        /// A good version of the site exists and is still served.
        has_site: bool,
        took: Duration,
    },
    /// The search index of the newest site is served.
    SearchUpdated { took: Duration },
    /// The watcher reported a problem.
    WatchError(String),
}

/// Settings of `lernorte serve`.
pub struct ServeOptions {
    pub build: BuildOptions,
    pub addr: SocketAddr,
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("In {0} gibt es keine site.yaml; das ist kein lernorte-Projekt.")]
    NotASite(PathBuf),
    #[error(transparent)]
    Bind(#[from] http::BindError),
    #[error("Die Dateien können nicht beobachtet werden: {0}")]
    Watch(#[from] notify::Error),
    #[error("Strg+C kann nicht abgefangen werden: {0}")]
    Signal(#[from] ctrlc::Error),
}

/// What the loop waits for.
enum Message {
    Changed(Vec<PathBuf>),
    Search {
        generation: u64,
        files: Vec<OutputFile>,
        took: Duration,
    },
    WatchError(String),
    Stop,
}

/// A running preview, for tests and benchmarks that drive it in-process.
pub struct Running {
    pub url: String,
    stop: mpsc::Sender<Message>,
    thread: std::thread::JoinHandle<()>,
}

impl Running {
    /// Stops the server and waits until it is down.
    pub fn stop(self) {
        let _ = self.stop.send(Message::Stop);
        let _ = self.thread.join();
    }
}

/// Builds the site, starts the server and the watcher, and serves until Ctrl-C.
pub fn run(
    options: ServeOptions,
    report: impl FnMut(Report) + Send + 'static,
) -> Result<(), ServeError> {
    let running = start(options, report)?;
    let stop = running.stop.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })?;
    let _ = running.thread.join();
    Ok(())
}

/// Like [`run`], but returns once the server is listening.
pub fn start(
    mut options: ServeOptions,
    mut report: impl FnMut(Report) + Send + 'static,
) -> Result<Running, ServeError> {
    if !options.build.root.join(crate::config::SITE_FILE).is_file() {
        return Err(ServeError::NotASite(options.build.root.clone()));
    }
    // The watcher reports absolute paths; a relative root (the default ".") would match none of
    // them and every edit would go unnoticed.
    if let Ok(absolute) = options.build.root.canonicalize() {
        options.build.root = absolute;
    }
    let server = Server::bind(options.addr)?;
    let addr = server.local_addr();
    let url = format!("http://{addr}/");
    // Links must point at the preview, not at the public site.
    options.build.base_url = Some(url.clone());
    let root = options.build.root.clone();

    let (session, outcome) = Session::new(options.build);
    let hub = Hub::new(Snapshot::default());
    let mut state = LoopState {
        session,
        hub: Arc::clone(&hub),
        last_errors: None,
        overlay: None,
        search_running: false,
        search_wanted: false,
    };
    let (tx, rx) = mpsc::channel::<Message>();
    state.handle_outcome(outcome, &[], &mut report, &tx);
    let handle = server.run(Arc::clone(&hub), WORKERS);

    let on_change = tx.clone();
    let on_error = tx.clone();
    let watcher = watch::watch(
        &root,
        move |paths| {
            let _ = on_change.send(Message::Changed(paths));
        },
        move |e| {
            let _ = on_error.send(Message::WatchError(e));
        },
    )?;
    report(Report::Listening { url: url.clone() });

    let loop_tx = tx.clone();
    let thread = std::thread::Builder::new()
        .name("lernorte-serve".into())
        .spawn(move || {
            state.run(&rx, &loop_tx, &mut report);
            drop(watcher);
            handle.stop();
        })
        .map_err(|e| ServeError::Watch(notify::Error::io(e)))?;
    Ok(Running {
        url,
        stop: tx,
        thread,
    })
}

struct LoopState {
    session: Session,
    hub: Arc<Hub>,
    /// The errors of the failed last rebuild, to print them once and show them on every page.
    last_errors: Option<Vec<Diagnostic>>,
    /// The overlay for those errors.
    overlay: Option<String>,
    search_running: bool,
    /// Another rebuild finished while the search index was being built.
    search_wanted: bool,
}

impl LoopState {
    fn run(
        &mut self,
        rx: &mpsc::Receiver<Message>,
        tx: &mpsc::Sender<Message>,
        report: &mut impl FnMut(Report),
    ) {
        let mut pending: VecDeque<Message> = VecDeque::new();
        loop {
            let message = match pending.pop_front() {
                Some(m) => m,
                None => match rx.recv() {
                    Ok(m) => m,
                    Err(_) => return,
                },
            };
            match message {
                Message::Stop => return,
                Message::WatchError(e) => report(Report::WatchError(e)),
                Message::Search {
                    generation,
                    files,
                    took,
                } => {
                    self.search_running = false;
                    if self.session.set_background(generation, files) {
                        self.publish();
                        let base = self.base_path();
                        let pages = SEARCH_PAGES.iter().map(|p| format!("{base}{p}")).collect();
                        self.hub.broadcast(&LiveEvent::Reload(Some(pages)));
                        report(Report::SearchUpdated { took });
                    }
                    if std::mem::take(&mut self.search_wanted) {
                        self.start_search(tx);
                    }
                }
                Message::Changed(mut paths) => {
                    // A lone save is rebuilt as soon as the debouncer's next tick has shown
                    // that nothing follows it. Further files mean a burst (a checkout, a
                    // replace over many files): merge everything that arrives until the files
                    // are quiet. Either way, what queues up during a rebuild is merged into
                    // the next one.
                    let lone = paths.iter().filter(|p| self.session.affects(p)).count() <= 1;
                    let mut quiet = if lone { LONE_QUIET } else { BURST_QUIET };
                    loop {
                        match rx.recv_timeout(quiet) {
                            Ok(Message::Changed(more)) => {
                                paths.extend(more);
                                quiet = BURST_QUIET;
                            }
                            Ok(other) => pending.push_back(other),
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    paths.sort();
                    paths.dedup();
                    if let Some(outcome) = self.session.rebuild(&paths) {
                        self.handle_outcome(outcome, &paths, report, tx);
                    }
                }
            }
        }
    }

    fn base_path(&self) -> String {
        self.session
            .site()
            .map_or_else(|| "/".to_string(), |s| s.config.base_path.clone())
    }

    fn publish(&self) {
        self.hub.publish(Snapshot {
            files: self.session.files(),
            overlay: self.overlay.clone(),
        });
    }

    fn handle_outcome(
        &mut self,
        outcome: Outcome,
        changed: &[PathBuf],
        report: &mut impl FnMut(Report),
        tx: &mpsc::Sender<Message>,
    ) {
        match outcome {
            Outcome::Built {
                reload,
                rendered,
                warnings,
                took,
                steps,
                search_stale,
            } => {
                let had_errors = self.last_errors.take().is_some();
                self.overlay = None;
                self.publish();
                // The overlay is on every open page; only a full reload takes it away.
                let reload = if had_errors { Reload::All } else { reload };
                match &reload {
                    Reload::Nothing => {}
                    Reload::All => self.hub.broadcast(&LiveEvent::Reload(None)),
                    Reload::Pages(p) => self.hub.broadcast(&LiveEvent::Reload(Some(p.clone()))),
                    Reload::Stylesheets(s) => self.hub.broadcast(&LiveEvent::Css(s.clone())),
                }
                report(Report::Rebuilt {
                    changed,
                    rendered,
                    reload: &reload,
                    took,
                    steps: &steps,
                    warnings: &warnings,
                });
                if search_stale {
                    if self.search_running {
                        self.search_wanted = true;
                    } else {
                        self.start_search(tx);
                    }
                }
            }
            Outcome::Failed {
                diagnostics,
                sources,
                took,
            } => {
                let repeated = self.last_errors.as_ref() == Some(&diagnostics);
                self.overlay = Some(overlay::overlay_html(&diagnostics, &sources));
                self.last_errors = Some(diagnostics);
                self.publish();
                if !repeated {
                    self.hub.broadcast(&LiveEvent::Reload(None));
                }
                let diagnostics = self.last_errors.as_deref().unwrap_or_default();
                report(Report::Failed {
                    diagnostics,
                    sources: &sources,
                    repeated,
                    has_site: self.session.site().is_some(),
                    took,
                });
            }
        }
    }

    fn start_search(&mut self, tx: &mpsc::Sender<Message>) {
        let Some(site) = self.session.site() else {
            return;
        };
        let generation = self.session.generation();
        let tx = tx.clone();
        self.search_running = true;
        let spawned = std::thread::Builder::new()
            .name("lernorte-hintergrund".into())
            .spawn(move || {
                let started = Instant::now();
                let files = session::background_files(&site);
                let _ = tx.send(Message::Search {
                    generation,
                    files,
                    took: started.elapsed(),
                });
            });
        if spawned.is_err() {
            self.search_running = false;
        }
    }
}
