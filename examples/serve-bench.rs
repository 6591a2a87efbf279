//! How fast `lernorte serve` follows an edit: the time from writing a file to the moment the
//! reload event reaches a browser, for a one-place edit, a template edit and a 200-file burst.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen-site -- --places 1000 --seed 1 --out /tmp/s1k --force
//! cargo run --release --example serve-bench -- --root /tmp/s1k --runs 20
//! ```
//!
//! It starts `target/release/lernorte serve` on a free port, listens to the event stream like a
//! browser, and edits the site's files the way an editor saves them (write the whole file).
//! The files are restored at the end. Prints the median, minimum and maximum of each case.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/common/sse.rs"]
mod sse;

use sse::Events;

fn main() {
    let mut root = None;
    let mut runs = 15usize;
    let mut binary = PathBuf::from("target/release/lernorte");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--bin" => binary = args.next().map(PathBuf::from).unwrap_or(binary),
            _ => {
                eprintln!("usage: serve-bench --root SITE [--runs N] [--bin PATH]");
                std::process::exit(2);
            }
        }
    }
    let Some(root) = root else {
        eprintln!("usage: serve-bench --root SITE [--runs N] [--bin PATH]");
        std::process::exit(2);
    };
    let places = list(&root.join("places"), "yaml");
    let started = Instant::now();
    let server = Server::start(&binary, &root);
    println!(
        "{} places; server up after {:.0} ms",
        places.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut events = Events::connect(server.addr);

    // One place: alternate its short description, as a person editing it would.
    let place = &places[places.len() / 2];
    let slug = place
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let url = format!("/lernorte/{slug}/");
    let original = std::fs::read_to_string(place).expect("read place");
    let mut one = Vec::new();
    for n in 0..runs {
        let text = edit_short_description(&original, &format!("Bearbeitung {n}"));
        let t = write_and_wait(place, &text, &mut events, &url);
        one.push(t);
        // Let the background work of this edit (search index) finish, as it would between
        // two saves of a person.
        wait_quiet(&mut events);
    }
    std::fs::write(place, &original).expect("restore");
    wait_quiet(&mut events);
    report("one-place edit", &one);

    // A template: every page changes.
    let template = root.join("themes/default/templates/lernort.html");
    let original_template = std::fs::read_to_string(&template).expect("read template");
    let mut tpl = Vec::new();
    for n in 0..runs.min(8) {
        let text = original_template.replace(
            "{% block content %}",
            &format!("{{% block content %}}<!-- Bearbeitung {n} -->"),
        );
        tpl.push(write_and_wait(&template, &text, &mut events, &url));
        wait_quiet(&mut events);
    }
    std::fs::write(&template, &original_template).expect("restore");
    wait_quiet(&mut events);
    report("template edit", &tpl);

    // 200 places at once, like a `git checkout`.
    let burst: Vec<(PathBuf, String)> = places
        .iter()
        .take(200)
        .map(|p| (p.clone(), std::fs::read_to_string(p).expect("read")))
        .collect();
    let last_url = format!(
        "/lernorte/{}/",
        burst
            .last()
            .map(|(p, _)| p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string())
            .unwrap_or_default()
    );
    let mut many = Vec::new();
    let rebuilds_before = server.rebuilds();
    for n in 0..runs.min(5) {
        let t0 = Instant::now();
        for (p, text) in &burst {
            let edited = edit_short_description(text, &format!("Stapel {n}"));
            std::fs::write(p, edited).expect("write");
        }
        events.wait_reload(&last_url, PATIENCE);
        many.push(t0.elapsed());
        wait_quiet(&mut events);
    }
    for (p, text) in &burst {
        std::fs::write(p, text).expect("restore");
    }
    wait_quiet(&mut events);
    let rebuilds = server.rebuilds() - rebuilds_before;
    report("200-file burst (from first write)", &many);
    println!(
        "rebuilds for {} bursts and the restore: {rebuilds}",
        runs.min(5)
    );
    server.stop();
}

fn edit_short_description(text: &str, marker: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("kurzbeschreibung: ") {
            Some(rest) => match rest.strip_prefix('"') {
                Some(quoted) => format!("kurzbeschreibung: \"{marker}. {}", strip_marker(quoted)),
                None => format!("kurzbeschreibung: {marker}. {}", strip_marker(rest)),
            },
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn strip_marker(s: &str) -> &str {
    match s.split_once(". ") {
        Some((head, rest)) if head.starts_with("Bearbeitung") || head.starts_with("Stapel") => rest,
        _ => s,
    }
}

fn write_and_wait(file: &Path, text: &str, events: &mut Events, url: &str) -> Duration {
    let t0 = Instant::now();
    std::fs::write(file, text).expect("write");
    events.wait_reload(url, PATIENCE);
    t0.elapsed()
}

fn report(name: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    println!(
        "{name:<36} median {median:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms   ({} runs)",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

struct Server {
    child: Child,
    addr: SocketAddr,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(binary: &Path, root: &Path) -> Server {
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start lernorte serve (build it first: cargo build --release)");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let collected = std::sync::Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                collected.lock().expect("lines").push(line.clone());
                let _ = tx.send(line);
            }
        });
        loop {
            let Ok(line) = rx.recv_timeout(Duration::from_secs(120)) else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not say where it listens");
            };
            if let Some(url) = line.strip_prefix("Vorschau: http://") {
                let addr = url
                    .split('/')
                    .next()
                    .and_then(|a| a.parse().ok())
                    .expect("address");
                return Server { child, addr, lines };
            }
        }
    }

    fn rebuilds(&self) -> usize {
        self.lines
            .lock()
            .expect("lines")
            .iter()
            .filter(|l| l.contains(" Gebaut in "))
            .count()
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long any one step may take before the bench gives up (a template edit at 10,000 places
/// takes seconds).
const PATIENCE: Duration = Duration::from_secs(120);

/// Waits for the background work of the last change (the search page's reload after the
/// search index is renewed), then until no event came for a while, so that one case does
/// not run while the previous one still uses the machine.
fn wait_quiet(events: &mut Events) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        match events.next(Duration::from_secs(1)) {
            Some((name, data)) if name == "reload" && data.contains("/suche/") => break,
            _ => {}
        }
    }
    while events.next(Duration::from_millis(500)).is_some() {}
}
