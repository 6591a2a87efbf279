//! `lernorte new`: the real binary writes templates into a copy of the fixture site; the
//! placeholders in them are exactly the required keys and are reported by `lernorte check`
//! until they are replaced; filled in with values of a sample record, the site builds with the
//! new page.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use common::*;
use serde_yaml::Value;

/// The required keys of a place (see the content model), for a place that is not `mobil`.
/// A required list is marked by its first item, which is where its placeholder stands.
const PLACE_REQUIRED: &[&str] = &[
    "name",
    "kategorie",
    "kurzbeschreibung",
    "bezirk",
    "adresse.strasse",
    "adresse.plz",
    "lage.lat",
    "lage.lon",
    "themen[0]",
    "zielgruppen[0]",
    "kosten.frei",
    "geprueft_am",
];

/// The required keys of an offer apart from `lernort`, which `new offer` fills in, and the
/// description after the front matter (`text`).
const OFFER_REQUIRED: &[&str] = &["titel", "format", "zielgruppen[0]", "kosten.frei", "text"];

fn lernorte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .args(args)
        .output()
        .expect("run lernorte")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn root_arg(site: &TestSite) -> String {
    site.root().to_string_lossy().into_owned()
}

/// Runs `lernorte new …` for `site` and returns the output.
fn new(site: &TestSite, args: &[&str]) -> Output {
    let root = root_arg(site);
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", &root]);
    lernorte(&all)
}

/// One finding of `lernorte check --format json`.
#[derive(Debug)]
struct Finding {
    file: String,
    line: usize,
    column: usize,
    severity: String,
    code: String,
    key: String,
}

/// Runs `lernorte check --format json` and returns the exit code and the findings. Accepts a
/// JSON array as well as one object per line.
fn check(site: &TestSite) -> (Option<i32>, Vec<Finding>) {
    let root = root_arg(site);
    let out = lernorte(&["check", "--root", &root, "--format", "json"]);
    let text = stdout(&out);
    let values: Vec<serde_json::Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    };
    let field = |v: &serde_json::Value, k: &str| -> String {
        match &v[k] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        }
    };
    let number = |v: &serde_json::Value, k: &str| -> usize {
        v[k].as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    };
    let findings = values
        .iter()
        .map(|v| Finding {
            file: field(v, "file").replace('\\', "/"),
            line: number(v, "line"),
            column: number(v, "column"),
            severity: field(v, "severity"),
            code: field(v, "code"),
            key: field(v, "key"),
        })
        .collect();
    (out.status.code(), findings)
}

/// Checks that `file` has only placeholder findings, one for each of `required`, each pointing
/// at the placeholder in the file, and that no other file has an error.
fn assert_only_placeholders(site: &TestSite, file: &str, required: &[&str]) {
    let (code, findings) = check(site);
    assert_eq!(code, Some(1), "placeholders fail the check: {findings:#?}");
    let errors_elsewhere: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.file != file && f.severity == "error")
        .collect();
    assert!(errors_elsewhere.is_empty(), "{errors_elsewhere:#?}");
    let mine: Vec<&Finding> = findings.iter().filter(|f| f.file == file).collect();
    let not_placeholders: Vec<&&Finding> = mine
        .iter()
        .filter(|f| f.code != "platzhalter" || f.severity != "error")
        .collect();
    assert!(not_placeholders.is_empty(), "{not_placeholders:#?}");
    let keys: BTreeSet<&str> = mine.iter().map(|f| f.key.as_str()).collect();
    let expected: BTreeSet<&str> = required.iter().copied().collect();
    assert_eq!(keys, expected);
    assert_eq!(mine.len(), required.len(), "one finding per key: {mine:#?}");
    let text = site.read(file);
    for f in &mine {
        let line = text.lines().nth(f.line - 1).unwrap_or_default();
        let at: String = line.chars().skip(f.column - 1).collect();
        assert!(
            at.starts_with("\"AUSFÜLLEN:") || (f.key == "text" && at.starts_with("AUSFÜLLEN:")),
            "{f:?} points at {at:?} in line {line:?}"
        );
    }
}

/// A sample record of the repository's own site, as YAML.
fn sample(rel: &str) -> (Value, String) {
    let text =
        std::fs::read_to_string(repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let (yaml, body) = match text.strip_prefix("---\n") {
        Some(rest) => {
            let end = rest.find("\n---\n").expect("end of front matter");
            (&rest[..end + 1], rest[end + 5..].to_string())
        }
        None => (text.as_str(), String::new()),
    };
    let value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (value, body)
}

/// A value written back as YAML (strings as JSON strings, which YAML reads as well).
fn as_yaml(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).expect("string"),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(as_yaml).collect();
            format!("[{}]", items.join(", "))
        }
        other => panic!("no scalar or list: {other:?}"),
    }
}

/// Replaces every placeholder line of `text` with the value at its key path from `value`
/// (`overrides` first), and a placeholder line of Markdown with `body`, as a person would.
fn fill(text: &str, value: &Value, overrides: &[(&str, String)], body: &str) -> String {
    let mut out = String::new();
    let mut parent = String::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if indent == 0
            && let Some(key) = line.strip_suffix(':')
            && !line.starts_with('#')
        {
            parent = key.to_string();
        }
        if line.starts_with("AUSFÜLLEN:") {
            out.push_str(body.trim_end());
            out.push('\n');
            continue;
        }
        if !line.contains("\"AUSFÜLLEN:") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let (key, _) = line.trim_start().split_once(':').expect("key: value");
        let path = if indent == 0 {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        let filled = match overrides.iter().find(|(k, _)| *k == path) {
            Some((_, v)) => v.clone(),
            None => {
                let mut v = value;
                for part in path.split('.') {
                    v = v
                        .get(part)
                        .unwrap_or_else(|| panic!("the sample has no {path}"));
                }
                as_yaml(v)
            }
        };
        out.push_str(&format!("{}{key}: {filled}\n", &line[..indent]));
    }
    out
}

fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

fn build_to(site: &TestSite, out: &Path) -> Output {
    let root = root_arg(site);
    let out = out.to_string_lossy().into_owned();
    lernorte(&["build", "--root", &root, "--out", &out])
}

#[test]
fn new_place_is_written_once_checked_filled_and_built() {
    let site = TestSite::mini();
    let file = "places/test-ort.yaml";

    // a. The file is written, and only once.
    let out = new(&site, &["place", "test-ort"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("test-ort.yaml"), "{}", stdout(&out));
    assert!(stdout(&out).contains("lernorte check"), "{}", stdout(&out));
    let written = site.read(file);
    assert!(
        written.starts_with("# yaml-language-server: $schema=../schemas/lernort.schema.json\n")
    );

    let edited = written.replace("Name des Lernorts\"", "Name des Lernorts, bearbeitet\"");
    site.write(file, &edited);
    let again = new(&site, &["place", "test-ort"]);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
    assert!(
        stderr(&again).contains("gibt es schon"),
        "{}",
        stderr(&again)
    );
    assert_eq!(site.read(file), edited, "the existing file is left alone");
    site.write(file, &written);

    let bad = new(&site, &["place", "Müller-Hof"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("„mueller-hof“"), "{}", stderr(&bad));
    assert!(!site.root().join("places/mueller-hof.yaml").exists());
    assert!(!site.root().join("places/Müller-Hof.yaml").exists());

    // b. The check reports exactly the placeholders, and the build refuses the site.
    assert_only_placeholders(&site, file, PLACE_REQUIRED);
    let public = site.tmp().join("public");
    let refused = build_to(&site, &public);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("AUSFÜLLEN"),
        "{}",
        stderr(&refused)
    );

    // c. Filled in with the values of a sample place (a place in Vaihingen that the fixture
    // does not have), the check passes and the page is built.
    let (place, _) = sample("places/abenteuerspielplatz-vaihingen.yaml");
    let filled = fill(&written, &place, &[("geprueft_am", today())], "");
    site.write(file, &filled);
    let (code, findings) = check(&site);
    let about_it: Vec<&Finding> = findings.iter().filter(|f| f.file == file).collect();
    assert_eq!(code, Some(0), "{filled}\n{findings:#?}");
    assert!(
        about_it.iter().all(|f| f.code == "ohne-angebote"),
        "only the missing offers may be noted: {about_it:#?}"
    );
    let built = build_to(&site, &public);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = std::fs::read_to_string(public.join("lernorte/test-ort/index.html"))
        .expect("the new place has its page");
    let name = place["name"].as_str().expect("name");
    assert!(page.contains(name), "{name} is not on the page");
}

#[test]
fn new_offer_needs_a_place_is_checked_filled_and_built() {
    let site = TestSite::mini();
    let file = "content/angebote/test-angebot.md";

    let unknown = new(&site, &["offer", "test-angebot", "--place", "unbekannt"]);
    assert_eq!(unknown.status.code(), Some(1));
    let message = stderr(&unknown);
    assert!(message.contains("„unbekannt“"), "{message}");
    assert!(
        message.contains("tierpark-neckar") && message.contains("Hinweis:"),
        "existing places are suggested: {message}"
    );
    let typo = new(
        &site,
        &["offer", "test-angebot", "--place", "tierpark-necka"],
    );
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        stderr(&typo).contains("Meinten Sie „tierpark-neckar“?"),
        "{}",
        stderr(&typo)
    );
    assert!(!site.root().join(file).exists());
    let missing_place = lernorte(&["new", "offer", "test-angebot", "--root", &root_arg(&site)]);
    assert_eq!(missing_place.status.code(), Some(2), "--place is required");

    let out = new(
        &site,
        &["offer", "test-angebot", "--place", "tierpark-neckar"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = site.read(file);
    assert!(
        written.starts_with(
            "---\n# yaml-language-server: $schema=../../schemas/angebot.schema.json\n"
        )
    );
    assert!(written.contains("\nlernort: tierpark-neckar\n"));
    let again = new(
        &site,
        &["offer", "test-angebot", "--place", "tierpark-neckar"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(site.read(file), written);

    assert_only_placeholders(&site, file, OFFER_REQUIRED);

    let (offer, body) = sample("content/angebote/alte-eichen-viele-bewohner.md");
    let filled = fill(&written, &offer, &[], &body);
    site.write(file, &filled);
    let (code, findings) = check(&site);
    let about_it: Vec<&Finding> = findings.iter().filter(|f| f.file == file).collect();
    assert_eq!(code, Some(0), "{filled}\n{findings:#?}");
    assert!(about_it.is_empty(), "{about_it:#?}");
    let public = site.tmp().join("public");
    let built = build_to(&site, &public);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let page = std::fs::read_to_string(public.join("angebote/test-angebot/index.html"))
        .expect("the new offer has its page");
    let titel = offer["titel"].as_str().expect("titel");
    assert!(page.contains(titel), "{titel} is not on the page");
}

#[test]
fn new_refuses_a_folder_without_site_yaml() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().to_string_lossy().into_owned();
    let out = lernorte(&["new", "place", "test-ort", "--root", &root]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("site.yaml"), "{}", stderr(&out));
    assert!(!dir.path().join("places").exists());
}
