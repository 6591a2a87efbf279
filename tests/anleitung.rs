//! The guide for network members, `docs/anleitung.md`, checked against the tool: every command in
//! it runs as written, every example file and snippet checks without errors, every deliberate
//! mistake produces the finding it is shown with, every quoted message is what the tool prints,
//! and the tables of keys and values list exactly what the parser and the validator accept.
//!
//! # How the guide marks its code blocks
//!
//! The info string of a fence (the words after the three backticks) says what a block is. The
//! first word is the language, for syntax highlighting; the other words are for this test.
//!
//! - `yaml lernort <path>`: a complete place file, e.g. `yaml lernort places/x.yaml`.
//! - `markdown angebot <path>`: a complete offer file (front matter between `---` and text).
//!
//!   Both are written into a copy of the sample site and must check without errors (a place
//!   without an offer in the guide may get the warning that it has none). The first of each kind
//!   is the base into which the snippets below are put.
//! - `yaml ausschnitt [angebot]`: a snippet of a place (or of an offer's front matter). Its
//!   top-level keys must be keys of the schema; they replace the same keys of the base file (or
//!   are added at its end), and the file must then check without any finding.
//! - `yaml falsch [angebot] <code> [statt=<key>]`: a deliberate mistake, put in like a snippet
//!   (with `statt=<key>` in place of that key of the base, for a misspelt key). The file must get
//!   an error, and every error of the file must have the code `<code>`.
//! - `yaml warnung [angebot] <code>`: the same for a warning: no error, at least one warning, and
//!   every warning of the file has the code `<code>`.
//! - `text dateiname [falsch <code> | warnung <code>]`: file names, one per line. The base file
//!   of that kind is moved to each name in turn. Without `falsch` or `warnung`, no error may come
//!   from the file; with them, as for the snippets.
//! - `text ausgabe`: what the tool prints for the block right before it. After `sh`: the output of
//!   its last command. After `falsch`, `warnung` or `dateiname` (its first name): the report of
//!   `lernorte check` on the base site, rendered the way `check` prints it, with the fixed date of
//!   `common::today`. The lines must appear in the output as they are and one after the other; a
//!   line holding only `…` separates pieces that may stand apart.
//! - `sh [fehler]` or `console [fehler]`: commands. Each line starting with `lernorte ` is run with
//!   the real binary, in document order, in one copy of the sample site, into which the complete
//!   files above are written when the guide shows them (as a reader following the guide would).
//!   Every command must exit with 0, in a block marked `fehler` with 1. `lernorte serve` is not
//!   run there; its flags are checked against `--help`, and the preview has tests of its own.
//! - `text` alone: an illustration, not checked.
//!
//! Tables after an HTML comment are checked too: `<!-- schluessel: lernort -->` and
//! `<!-- schluessel: angebot -->` (every key of the schema, whether it is required, and each
//! example in the last column), `<!-- vokabular: NAME -->` (exactly the terms of `site.yaml`, or
//! the built-in districts for `bezirke`) and `<!-- kuerzel-beispiele -->` (names and slugs).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{copy_dir, repo_root, today};
use lernorte::BuildOptions;
use lernorte::check::Checked;
use lernorte::config::SiteConfig;
use lernorte::diagnostics::{Diagnostic, render_grouped};
use lernorte::model::districts::Districts;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use tempfile::TempDir;

const GUIDE: &str = "docs/anleitung.md";
const BIN: &str = env!("CARGO_BIN_EXE_lernorte");

// ---------------------------------------------------------------------------------------------
// Reading the guide

/// A fenced code block of the guide.
#[derive(Debug, Clone)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    lang: String,
    words: Vec<String>,
    text: String,
}

impl Block {
    fn at(&self) -> String {
        format!("{GUIDE}:{}", self.line)
    }
}

fn guide() -> String {
    let path = repo_root().join(GUIDE);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn blocks(guide: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in guide.lines().enumerate() {
        match open.as_mut() {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    let mut words = info.split_whitespace().map(String::from);
                    open = Some(Block {
                        line: i + 1,
                        lang: words.next().unwrap_or_default(),
                        words: words.collect(),
                        text: String::new(),
                    });
                }
            }
            Some(block) => {
                if line == "```" {
                    out.extend(open.take());
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
        }
    }
    if let Some(b) = open {
        panic!("{}: the code block is not closed", b.at());
    }
    out
}

/// The guide's text outside code blocks.
fn prose(guide: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in guide.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The contents of the inline code spans of a text.
fn code_spans(text: &str) -> Vec<String> {
    text.lines()
        .flat_map(|line| {
            line.split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rec {
    Place,
    Offer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Clean,
    Error(String),
    Warning(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Complete(Rec, String),
    Snippet(Rec),
    Mistake {
        rec: Rec,
        expect: Expect,
        instead_of: Option<String>,
    },
    FileNames(Expect),
    Output,
    Commands {
        fail: bool,
    },
    Illustration,
}

fn kind(b: &Block) -> Kind {
    let w: Vec<&str> = b.words.iter().map(String::as_str).collect();
    match (b.lang.as_str(), w.as_slice()) {
        ("yaml", ["lernort", path]) => Kind::Complete(Rec::Place, path.to_string()),
        ("markdown" | "yaml", ["angebot", path]) => Kind::Complete(Rec::Offer, path.to_string()),
        ("yaml", ["ausschnitt"]) => Kind::Snippet(Rec::Place),
        ("yaml", ["ausschnitt", "angebot"]) => Kind::Snippet(Rec::Offer),
        ("yaml", [severity @ ("falsch" | "warnung"), rest @ ..]) => {
            let (rec, rest) = match rest {
                ["angebot", rest @ ..] => (Rec::Offer, rest),
                _ => (Rec::Place, rest),
            };
            let (code, instead_of) = match rest {
                [code] => (code.to_string(), None),
                [code, statt] if statt.starts_with("statt=") => (
                    code.to_string(),
                    Some(statt.trim_start_matches("statt=").to_string()),
                ),
                _ => panic!(
                    "{}: expected ```yaml {severity} [angebot] <code> [statt=<key>]",
                    b.at()
                ),
            };
            let expect = if *severity == "falsch" {
                Expect::Error(code)
            } else {
                Expect::Warning(code)
            };
            Kind::Mistake {
                rec,
                expect,
                instead_of,
            }
        }
        ("text", ["dateiname"]) => Kind::FileNames(Expect::Clean),
        ("text", ["dateiname", "falsch", code]) => Kind::FileNames(Expect::Error(code.to_string())),
        ("text", ["dateiname", "warnung", code]) => {
            Kind::FileNames(Expect::Warning(code.to_string()))
        }
        ("text", ["ausgabe"]) => Kind::Output,
        ("sh" | "console", []) => Kind::Commands { fail: false },
        ("sh" | "console", ["fehler"]) => Kind::Commands { fail: true },
        ("text", []) => Kind::Illustration,
        _ => panic!(
            "{}: unknown kind of code block ```{} {}; see the comment at the top of tests/anleitung.rs",
            b.at(),
            b.lang,
            b.words.join(" ")
        ),
    }
}

/// The complete example files of the guide, in order: (kind, path, text).
fn complete_files(blocks: &[Block]) -> Vec<(Rec, String, String)> {
    blocks
        .iter()
        .filter_map(|b| match kind(b) {
            Kind::Complete(rec, path) => Some((rec, path, b.text.clone())),
            _ => None,
        })
        .collect()
}

/// The commands of a `sh` block, without `lernorte` and split into arguments.
fn commands(b: &Block) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in b.text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("$ ").unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(rest) = line.strip_prefix("lernorte ") else {
            panic!("{}: a command that is not lernorte: {line}", b.at());
        };
        let rest = rest.split(" #").next().unwrap_or(rest);
        out.push(split_args(rest));
    }
    out
}

/// Splits a command line at spaces, keeping "quoted words" together.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    args.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            c => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        args.push(current);
    }
    args
}

/// Checks that `expected` (an `ausgabe` block) appears in `output`: its lines as they are and one
/// after the other; a line holding only `…` separates pieces that may stand apart.
fn shows(output: &str, expected: &str) -> Result<(), String> {
    let out: Vec<&str> = output.lines().map(str::trim_end).collect();
    let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
    for line in expected.lines().map(str::trim_end) {
        if line.trim() == "…" {
            pieces.push(Vec::new());
        } else if let Some(piece) = pieces.last_mut() {
            piece.push(line);
        }
    }
    let mut from = 0;
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        let found = (from..=out.len().saturating_sub(piece.len()))
            .find(|&i| out.get(i..i + piece.len()) == Some(piece.as_slice()));
        match found {
            Some(i) => from = i + piece.len(),
            None => {
                return Err(format!(
                    "these lines are not in the output:\n{}\n\nThe output was:\n{output}",
                    piece.join("\n")
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sites to try the examples in

/// A site in a temporary folder.
struct Site {
    _dir: TempDir,
    root: PathBuf,
}

impl Site {
    /// site.yaml and the theme of the repository, without any record.
    fn bare() -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("site folder");
        fs::copy(repo_root().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
        copy_dir(&repo_root().join("themes"), &root.join("themes"));
        Site { _dir: dir, root }
    }

    /// The sample site of the repository: site.yaml, places/, content/, static/ and themes/.
    fn sample() -> Site {
        let site = Site::bare();
        for dir in ["places", "content", "static"] {
            let from = repo_root().join(dir);
            if from.is_dir() {
                copy_dir(&from, &site.root.join(dir));
            }
        }
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    fn remove(&self, rel: &str) {
        let path = self.path(rel);
        fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
    }

    fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Writes a complete example file and puts its images where the guide says they go.
    fn add_example(&self, rec: Rec, rel: &str, text: &str) {
        self.write(rel, text);
        if rec == Rec::Place {
            for image in images(text) {
                // A stand-in for the photo: lernorte only looks at whether it exists and its size.
                self.write(&format!("static/{image}"), "Foto\n");
            }
        }
    }

    fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(&self.root);
        options.today = today();
        options
    }

    fn check(&self) -> Checked {
        lernorte::check::check(&self.options()).expect("a site")
    }

    /// Runs the real binary in the site folder; returns the exit code and stdout + stderr.
    fn run(&self, args: &[String]) -> (i32, String) {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(&self.root)
            .output()
            .unwrap_or_else(|e| panic!("run lernorte {args:?}: {e}"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    }
}

/// The `datei` of every image of a place file.
fn images(place: &str) -> Vec<String> {
    let value: Yaml = serde_yaml::from_str(place).unwrap_or_else(|e| panic!("{e}:\n{place}"));
    value
        .get("bilder")
        .and_then(Yaml::as_sequence)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("datei").and_then(Yaml::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The `lernort` of an offer file.
fn place_of_offer(offer: &str) -> Option<String> {
    let (front, _) = split_front_matter(offer);
    let value: Yaml = serde_yaml::from_str(front).ok()?;
    value.get("lernort")?.as_str().map(String::from)
}

fn slug_of(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.split('.').next().unwrap_or(name)
}

fn findings_of<'a>(checked: &'a Checked, rel: &str) -> Vec<&'a Diagnostic> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.file == Path::new(rel))
        .collect()
}

fn describe(findings: &[&Diagnostic]) -> String {
    findings
        .iter()
        .map(|d| {
            format!(
                "{:?} {} {} [{}] {}",
                d.severity,
                d.code,
                d.location(),
                d.key.as_deref().unwrap_or(""),
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the findings of one file are what `expect` says.
fn meets(findings: &[&Diagnostic], expect: &Expect) -> Result<(), String> {
    let errors: Vec<&Diagnostic> = findings.iter().copied().filter(|d| d.is_error()).collect();
    let warnings: Vec<&Diagnostic> = findings.iter().copied().filter(|d| !d.is_error()).collect();
    let ok = match expect {
        Expect::Clean => findings.is_empty(),
        Expect::Error(code) => !errors.is_empty() && errors.iter().all(|d| d.code == code),
        Expect::Warning(code) => {
            errors.is_empty() && !warnings.is_empty() && warnings.iter().all(|d| d.code == code)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected {expect:?}, found:\n{}",
            describe(findings)
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Putting snippets into the base files

/// The top-level key a line starts, if it starts one.
fn top_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    is_key.then_some(key)
}

/// YAML text in sections that each start at a top-level key. Lines before the first key (comments)
/// belong to the first section; in a text without keys they form one section with the key "".
fn sections(yaml: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut leading: Vec<String> = Vec::new();
    for line in yaml.lines() {
        match (top_key(line), out.last_mut()) {
            (Some(key), _) => {
                let mut lines = std::mem::take(&mut leading);
                lines.push(line.to_string());
                out.push((key.to_string(), lines));
            }
            (None, Some(last)) => last.1.push(line.to_string()),
            (None, None) => leading.push(line.to_string()),
        }
    }
    if !leading.is_empty() {
        out.push((String::new(), leading));
    }
    out
}

/// The base YAML with the snippet's top-level keys in place of the same keys (the first one in
/// place of `instead_of`, if given); keys the base does not have are added at its end.
fn merge_yaml(base: &str, snippet: &str, instead_of: Option<&str>) -> String {
    let mut merged = sections(base);
    for (i, (key, lines)) in sections(snippet).into_iter().enumerate() {
        let target = match instead_of {
            Some(k) if i == 0 => k.to_string(),
            _ => key.clone(),
        };
        match merged.iter_mut().find(|(k, _)| *k == target) {
            Some(section) => *section = (key, lines),
            None => merged.push((key, lines)),
        }
    }
    let mut out: String = merged
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// Front matter and body of an offer file.
fn split_front_matter(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("an offer starts with ---:\n{text}"));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("an offer has a second ---:\n{text}"));
    (&rest[..end + 1], &rest[end + 5..])
}

fn merge(rec: Rec, base: &str, snippet: &str, instead_of: Option<&str>) -> String {
    match rec {
        Rec::Place => merge_yaml(base, snippet, instead_of),
        Rec::Offer => {
            let (front, body) = split_front_matter(base);
            format!("---\n{}---\n{body}", merge_yaml(front, snippet, instead_of))
        }
    }
}

/// A site with only the guide's complete files, for trying snippets and mistakes in them.
struct Base {
    site: Site,
    place: (String, String),
    offer: (String, String),
}

impl Base {
    fn new(files: &[(Rec, String, String)]) -> Base {
        let site = Site::bare();
        for (rec, rel, text) in files {
            site.add_example(*rec, rel, text);
        }
        let first = |want: Rec| {
            files
                .iter()
                .find(|(rec, _, _)| *rec == want)
                .map(|(_, rel, text)| (rel.clone(), text.clone()))
                .unwrap_or_else(|| panic!("the guide has no complete {want:?} file"))
        };
        Base {
            place: first(Rec::Place),
            offer: first(Rec::Offer),
            site,
        }
    }

    fn base(&self, rec: Rec) -> &(String, String) {
        match rec {
            Rec::Place => &self.place,
            Rec::Offer => &self.offer,
        }
    }

    /// Checks the site with the base file of `rec` replaced by `text` at `rel`; restores it after.
    fn check_with(&self, rec: Rec, rel: &str, text: &str) -> Checked {
        let (base_rel, base_text) = self.base(rec);
        self.site.remove(base_rel);
        self.site.write(rel, text);
        let checked = self.site.check();
        self.site.remove(rel);
        self.site.write(base_rel, base_text);
        checked
    }
}

// ---------------------------------------------------------------------------------------------
// The schema and the site's vocabularies

fn config() -> SiteConfig {
    let text = fs::read_to_string(repo_root().join("site.yaml")).expect("read site.yaml");
    let mut diags = Vec::new();
    SiteConfig::parse(&text, None, &mut diags)
        .unwrap_or_else(|| panic!("site.yaml of the repository: {diags:#?}"))
}

fn schema(rec: Rec) -> Json {
    let config = config();
    match rec {
        Rec::Place => lernorte::schema::place_schema(&config),
        Rec::Offer => lernorte::schema::offer_schema(&config),
    }
}

fn names(list: Option<&Json>) -> Vec<String> {
    list.and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Every key of a schema as a dotted path (`adresse.plz`, `bilder.alt`), and whether it is
/// required (top-level keys also when they are required unless `mobil: true`).
fn schema_keys(schema: &Json) -> Vec<(String, bool)> {
    let mut required = names(schema.get("required"));
    required.extend(names(schema.pointer("/else/required")));
    let mut out = Vec::new();
    let props = schema["properties"]
        .as_object()
        .expect("properties of the schema");
    for (key, value) in props {
        out.push((key.clone(), required.contains(key)));
        let nested = value.get("properties").map(|p| (p, value.get("required")));
        let nested = nested.or_else(|| {
            let items = value.get("items")?;
            Some((items.get("properties")?, items.get("required")))
        });
        if let Some((sub, sub_required)) = nested {
            let sub_required = names(sub_required);
            for sub_key in sub.as_object().expect("properties").keys() {
                out.push((format!("{key}.{sub_key}"), sub_required.contains(sub_key)));
            }
        }
    }
    out
}

/// The rows of the table after `marker`, as cells without the outer `|`.
fn table_after(guide: &str, marker: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = guide.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == marker)
        .unwrap_or_else(|| panic!("{GUIDE} has no table marked {marker}"));
    let rows: Vec<Vec<String>> = lines[start + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    assert!(rows.len() > 2, "the table after {marker} has no rows");
    // Header and separator line.
    rows[2..].to_vec()
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn every_block_of_the_guide_has_a_known_kind_and_every_output_a_source() {
    let blocks = blocks(&guide());
    assert!(
        blocks.len() > 20,
        "the guide has {} code blocks",
        blocks.len()
    );
    let mut previous: Option<Kind> = None;
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for b in &blocks {
        let k = kind(b);
        if k == Kind::Output {
            let has_source = matches!(
                previous,
                Some(Kind::Commands { .. } | Kind::Mistake { .. } | Kind::FileNames(_))
            );
            assert!(
                has_source,
                "{}: an output block must follow a command, a mistake or file names, not {previous:?}",
                b.at()
            );
        }
        let name = match &k {
            Kind::Complete(..) => "complete",
            Kind::Snippet(_) => "snippet",
            Kind::Mistake { .. } => "mistake",
            Kind::FileNames(_) => "file names",
            Kind::Output => "output",
            Kind::Commands { .. } => "commands",
            Kind::Illustration => "illustration",
        };
        *counts.entry(name).or_default() += 1;
        previous = Some(k);
    }
    for needed in [
        "complete",
        "snippet",
        "mistake",
        "file names",
        "output",
        "commands",
    ] {
        assert!(
            counts.get(needed).copied().unwrap_or(0) > 0,
            "no {needed} block in the guide: {counts:?}"
        );
    }
}

#[test]
fn complete_example_files_check_without_errors_in_the_sample_site() {
    let blocks = blocks(&guide());
    let files = complete_files(&blocks);
    let site = Site::sample();
    for (rec, rel, text) in &files {
        site.add_example(*rec, rel, text);
    }
    let checked = site.check();
    let offered: BTreeSet<String> = files
        .iter()
        .filter(|(rec, _, _)| *rec == Rec::Offer)
        .filter_map(|(_, _, text)| place_of_offer(text))
        .collect();
    let mut problems = Vec::new();
    for (rec, rel, _) in &files {
        let findings = findings_of(&checked, rel);
        // A place without an offer in the guide is told so; the guide says it.
        let allowed = |d: &&Diagnostic| {
            *rec == Rec::Place && d.code == "ohne-angebote" && !offered.contains(slug_of(rel))
        };
        let unexpected: Vec<&Diagnostic> = findings.into_iter().filter(|d| !allowed(d)).collect();
        if !unexpected.is_empty() {
            problems.push(format!("{rel}:\n{}", describe(&unexpected)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));

    // The build accepts them too, and makes their pages.
    let built = lernorte::build_in_memory(&site.options()).unwrap_or_else(|e| match e {
        lernorte::BuildError::Content { diagnostics, .. } => {
            panic!("the build failed: {diagnostics:#?}")
        }
        e => panic!("the build failed: {e}"),
    });
    let paths: BTreeSet<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
    for (rec, rel, _) in &files {
        let page = match rec {
            Rec::Place => format!("lernorte/{}/index.html", slug_of(rel)),
            Rec::Offer => format!("angebote/{}/index.html", slug_of(rel)),
        };
        assert!(paths.contains(page.as_str()), "no page {page} for {rel}");
    }
}

#[test]
fn snippets_mistakes_and_warnings_behave_as_shown() {
    let blocks = blocks(&guide());
    let base = Base::new(&complete_files(&blocks));
    let place_keys: BTreeSet<String> = schema_keys(&schema(Rec::Place))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let offer_keys: BTreeSet<String> = schema_keys(&schema(Rec::Offer))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut problems = Vec::new();
    // The report of the last scenario, for an `ausgabe` block after it.
    let mut report: Option<String> = None;
    let mut tried = 0;
    for b in &blocks {
        let k = kind(b);
        match &k {
            Kind::Snippet(rec) | Kind::Mistake { rec, .. } => {
                let (expect, instead_of) = match &k {
                    Kind::Mistake {
                        expect, instead_of, ..
                    } => (expect.clone(), instead_of.as_deref()),
                    _ => (Expect::Clean, None),
                };
                if expect == Expect::Clean {
                    // A correct snippet: YAML with keys of a place or an offer.
                    match serde_yaml::from_str::<Yaml>(&b.text) {
                        Ok(Yaml::Mapping(m)) => {
                            let keys = if *rec == Rec::Place {
                                &place_keys
                            } else {
                                &offer_keys
                            };
                            for key in m.keys() {
                                let key = key.as_str().unwrap_or_default();
                                if !keys.contains(key) {
                                    problems.push(format!(
                                        "{}: „{key}“ is no key of a {rec:?}",
                                        b.at()
                                    ));
                                }
                            }
                        }
                        other => problems.push(format!(
                            "{}: the snippet is no YAML mapping: {other:?}",
                            b.at()
                        )),
                    }
                }
                let (rel, text) = base.base(*rec);
                let merged = merge(*rec, text, &b.text, instead_of);
                let checked = base.check_with(*rec, rel, &merged);
                if let Err(e) = meets(&findings_of(&checked, rel), &expect) {
                    problems.push(format!("{}: {e}\nThe file was:\n{merged}", b.at()));
                }
                report = Some(render_grouped(&checked.diagnostics, &checked.sources));
                tried += 1;
            }
            Kind::FileNames(expect) => {
                let mut first = None;
                for name in b.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let rec = if name.starts_with("places/") {
                        Rec::Place
                    } else if name.starts_with("content/angebote/") {
                        Rec::Offer
                    } else {
                        panic!(
                            "{}: {name} is neither in places/ nor in content/angebote/",
                            b.at()
                        );
                    };
                    let text = base.base(rec).1.clone();
                    let checked = base.check_with(rec, name, &text);
                    // A correct name may lose the offers of the place (they name the old slug),
                    // but brings no error of its own.
                    let findings: Vec<&Diagnostic> = findings_of(&checked, name)
                        .into_iter()
                        .filter(|d| *expect != Expect::Clean || d.is_error())
                        .collect();
                    if let Err(e) = meets(&findings, expect) {
                        problems.push(format!("{}: {name}: {e}", b.at()));
                    }
                    first.get_or_insert_with(|| {
                        render_grouped(&checked.diagnostics, &checked.sources)
                    });
                    tried += 1;
                }
                report = first;
            }
            Kind::Output => {
                if let Some(report) = report.take()
                    && let Err(e) = shows(&report, &b.text)
                {
                    problems.push(format!("{}: {e}", b.at()));
                }
            }
            _ => report = None,
        }
    }
    assert!(tried > 10, "only {tried} snippets were tried");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn key_tables_match_the_schema_and_their_examples_check() {
    let guide = guide();
    let blocks = blocks(&guide);
    let base = Base::new(&complete_files(&blocks));
    let mut problems = Vec::new();
    for (rec, marker) in [
        (Rec::Place, "<!-- schluessel: lernort -->"),
        (Rec::Offer, "<!-- schluessel: angebot -->"),
    ] {
        let expected: BTreeSet<(String, bool)> = schema_keys(&schema(rec)).into_iter().collect();
        let rows = table_after(&guide, marker);
        let mut listed = BTreeSet::new();
        for row in &rows {
            let path = code_spans(&row[0]).join(".");
            let required = row
                .get(1)
                .and_then(|c| c.split([' ', ',']).next())
                .map(str::to_lowercase);
            let required = match required.as_deref() {
                Some("ja") => true,
                Some("nein") => false,
                other => {
                    problems.push(format!("{marker} {path}: Pflicht? is {other:?}"));
                    continue;
                }
            };
            listed.insert((path.clone(), required));
            // The examples of the row, each put into the base file in place of that key.
            let last = path.rsplit('.').next().unwrap_or(&path).to_string();
            for example in code_spans(row.get(3).map(String::as_str).unwrap_or_default()) {
                if !example.starts_with(&format!("{last}:")) {
                    problems.push(format!(
                        "{marker} {path}: the example `{example}` is not for „{last}“"
                    ));
                    continue;
                }
                let (rel, text) = base.base(rec);
                let changed = with_value(rec, text, &path, &example);
                let checked = base.check_with(rec, rel, &changed);
                if let Err(e) = meets(&findings_of(&checked, rel), &Expect::Clean) {
                    problems.push(format!("{marker} {path}: `{example}`: {e}"));
                }
            }
        }
        for missing in expected.difference(&listed) {
            problems.push(format!("{marker}: missing or marked wrongly: {missing:?}"));
        }
        for extra in listed.difference(&expected) {
            problems.push(format!("{marker}: not in the schema as listed: {extra:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The base file with the value of `example` (`key: value`) at the dotted `path`; in a list, the
/// first item gets it.
fn with_value(rec: Rec, text: &str, path: &str, example: &str) -> String {
    let (front, body) = match rec {
        Rec::Place => (text, None),
        Rec::Offer => {
            let (f, b) = split_front_matter(text);
            (f, Some(b))
        }
    };
    let mut value: Yaml = serde_yaml::from_str(front).expect("base file");
    let example: Yaml =
        serde_yaml::from_str(example).unwrap_or_else(|e| panic!("`{example}`: {e}"));
    let new = example
        .as_mapping()
        .and_then(|m| m.values().next())
        .cloned()
        .unwrap_or_else(|| panic!("`{example:?}` is not „key: value“"));
    let mut target = &mut value;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if let Yaml::Sequence(items) = target {
            target = items.first_mut().expect("a list item in the base file");
        }
        let map = target.as_mapping_mut().expect("a mapping");
        if i + 1 == parts.len() {
            map.insert(Yaml::from(*part), new.clone());
            break;
        }
        target = map
            .get_mut(*part)
            .unwrap_or_else(|| panic!("the base file has no „{part}“ for {path}"));
    }
    let yaml = serde_yaml::to_string(&value).expect("YAML");
    match body {
        None => yaml,
        Some(body) => format!("---\n{yaml}---\n{body}"),
    }
}

#[test]
fn value_lists_match_site_yaml_and_the_districts() {
    let guide = guide();
    let config = config();
    let districts = Districts::builtin();
    let mut problems = Vec::new();
    let vocabularies = [
        ("kategorien", &config.kategorien),
        ("themen", &config.themen),
        ("zielgruppen", &config.zielgruppen),
        ("formate", &config.formate),
        ("bezirke", &districts.vocabulary),
    ];
    for (name, vocabulary) in vocabularies {
        let marker = format!("<!-- vokabular: {name} -->");
        let listed: Vec<(String, String)> = table_after(&guide, &marker)
            .into_iter()
            .map(|row| (row[0].clone(), code_spans(&row[1]).concat()))
            .collect();
        let expected: Vec<(String, String)> = vocabulary
            .terms
            .iter()
            .map(|t| (t.name.clone(), t.slug.clone()))
            .collect();
        if listed != expected {
            problems.push(format!(
                "{marker}: the guide lists\n{listed:?}\nbut the values are\n{expected:?}"
            ));
        }
        // What the guide says: name and slug both name the term, in any case.
        for (i, (term_name, slug)) in expected.iter().enumerate() {
            for spelling in [term_name.clone(), slug.clone(), term_name.to_uppercase()] {
                if vocabulary.resolve(&spelling) != Some(i) {
                    problems.push(format!("{name}: „{spelling}“ is not accepted"));
                }
            }
        }
    }
    // Other spellings of districts the guide names.
    let spans: BTreeSet<String> = code_spans(&prose(&guide)).into_iter().collect();
    for term in &districts.vocabulary.terms {
        for alias in term.aliases.iter().filter(|a| **a != term.name) {
            if !spans.contains(alias) {
                problems.push(format!(
                    "the guide does not name „{alias}“ for {}",
                    term.name
                ));
            }
        }
    }
    // Fixed values of the schemas (wheelchair access, seasons, Leitperspektiven): the guide
    // names each value in one of its spellings. Vocabularies and languages are left out: the
    // tables above list the former, the guide names only common languages.
    let listed_elsewhere = [
        "kategorie",
        "bezirk",
        "themen",
        "zielgruppen",
        "format",
        "sprachen",
    ];
    for rec in [Rec::Place, Rec::Offer] {
        let mut enums = Vec::new();
        collect_enums(&schema(rec), "", &mut enums);
        for (path, values) in enums {
            let top = path.split('/').nth(2).unwrap_or_default();
            if listed_elsewhere.contains(&top) {
                continue;
            }
            let mut groups: HashMap<String, Vec<String>> = HashMap::new();
            for v in values {
                groups
                    .entry(lernorte::slug::slugify(&v))
                    .or_default()
                    .push(v);
            }
            for (group, spellings) in groups {
                if !spellings.iter().any(|s| spans.contains(s)) {
                    problems.push(format!(
                        "{path}: the guide names none of {spellings:?} ({group})"
                    ));
                }
            }
        }
    }
    // The examples of slugs.
    for row in table_after(&guide, "<!-- kuerzel-beispiele -->") {
        let slug = code_spans(&row[1]).concat();
        if lernorte::slug::slugify(&row[0]) != slug || !lernorte::slug::is_valid(&slug) {
            problems.push(format!(
                "„{}“ gives the slug „{}“, not „{slug}“",
                row[0],
                lernorte::slug::slugify(&row[0])
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every `enum` in a schema with its JSON pointer; only string values.
fn collect_enums(value: &Json, path: &str, out: &mut Vec<(String, Vec<String>)>) {
    match value {
        Json::Object(map) => {
            if let Some(values) = map.get("enum") {
                out.push((path.to_string(), names(Some(values))));
            }
            for (k, v) in map {
                collect_enums(v, &format!("{path}/{k}"), out);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_enums(v, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn commands_run_as_written() {
    let blocks = blocks(&guide());
    let site = Site::sample();
    let place_keys: Vec<String> = schema_keys(&schema(Rec::Place))
        .into_iter()
        .filter(|(k, _)| !k.contains('.'))
        .map(|(k, _)| k)
        .collect();
    let offer_keys: Vec<String> = schema_keys(&schema(Rec::Offer))
        .into_iter()
        .filter(|(k, _)| !k.contains('.'))
        .map(|(k, _)| k)
        .collect();
    let mut written: Vec<(Rec, String, String)> = Vec::new();
    let mut ran: BTreeSet<String> = BTreeSet::new();
    let mut output: Option<String> = None;
    let mut problems = Vec::new();
    for b in &blocks {
        match kind(b) {
            Kind::Commands { fail } => {
                output = None;
                for args in commands(b) {
                    let line = format!("{}: lernorte {}", b.at(), args.join(" "));
                    if args.first().map(String::as_str) == Some("serve") {
                        continue;
                    }
                    let (code, text) = site.run(&args);
                    let want = if fail { 1 } else { 0 };
                    if code != want {
                        problems.push(format!(
                            "{line}: exit code {code}, the guide implies {want}:\n{text}"
                        ));
                    }
                    ran.insert(args[0].clone());
                    let keys = (place_keys.as_slice(), offer_keys.as_slice());
                    problems.extend(
                        after_command(&site, &args, code, &text, &written, keys)
                            .into_iter()
                            .map(|p| format!("{line}: {p}")),
                    );
                    output = Some(text);
                }
            }
            Kind::Complete(rec, rel) => {
                site.add_example(rec, &rel, &b.text);
                written.push((rec, rel, b.text.clone()));
                output = None;
            }
            Kind::Output => {
                if let Some(text) = output.take()
                    && let Err(e) = shows(&text, &b.text)
                {
                    problems.push(format!("{}: {e}", b.at()));
                }
            }
            _ => output = None,
        }
    }
    for needed in ["new", "check", "build", "schema"] {
        assert!(
            ran.contains(needed),
            "the guide runs no `lernorte {needed}`"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// What must hold after a command of the guide ran in `site`.
fn after_command(
    site: &Site,
    args: &[String],
    code: i32,
    output: &str,
    written: &[(Rec, String, String)],
    (place_keys, offer_keys): (&[String], &[String]),
) -> Vec<String> {
    let mut problems = Vec::new();
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        ["new", what @ ("place" | "offer"), slug, rest @ ..] => {
            let (rel, keys) = if *what == "place" {
                (format!("places/{slug}.yaml"), place_keys)
            } else {
                (format!("content/angebote/{slug}.md"), offer_keys)
            };
            let exists = site.path(&rel).is_file();
            if code != 0 {
                if exists {
                    problems.push(format!("it failed but wrote {rel}"));
                }
                return problems;
            }
            if !exists {
                return vec![format!("{rel} was not written")];
            }
            let text = site.read(&rel);
            if !text.contains("AUSFÜLLEN:") {
                problems.push(format!("{rel} has no placeholder „AUSFÜLLEN:“"));
            }
            // „Sie enthält jede mögliche Angabe“.
            for key in keys {
                let present = text.lines().any(|l| {
                    let l = l.trim_start_matches('#').trim_start();
                    l.starts_with(&format!("{key}:"))
                });
                if !present {
                    problems.push(format!("{rel} does not offer the key „{key}“"));
                }
            }
            if let ["--place", place] = rest
                && !text.contains(&format!("lernort: {place}\n"))
            {
                problems.push(format!("{rel} does not name the place {place}"));
            }
        }
        ["check", ..] if code == 0 => {
            // No errors in the files written from the guide. A place whose offer is not written
            // yet gets the warning the guide mentions; once it is, that warning is gone. (Other
            // warnings depend on the clock, which the binary reads: the library tests above check
            // them with a fixed date.)
            let offered: BTreeSet<String> = written
                .iter()
                .filter(|(rec, _, _)| *rec == Rec::Offer)
                .filter_map(|(_, _, text)| place_of_offer(text))
                .collect();
            for (rec, rel, _) in written {
                for line in output.lines() {
                    if line.starts_with(&format!("Fehler: {rel}:")) {
                        problems.push(format!("unexpected error: {line}"));
                    }
                }
                if *rec == Rec::Place {
                    let warned = output.lines().any(|l| {
                        l.starts_with(&format!("Warnung: {rel}:"))
                            && l.contains("gibt es kein Angebot")
                    });
                    if warned == offered.contains(slug_of(rel)) {
                        problems.push(format!(
                            "{rel}: warned that it has no offer: {warned}, has an offer: {}",
                            !warned
                        ));
                    }
                }
            }
        }
        ["check", ..] if !output.lines().any(|l| l.starts_with("Fehler: ")) => {
            problems.push("it failed without an error".to_string());
        }
        ["build", ..] if code == 0 => {
            let mut pages = vec!["public/index.html".to_string()];
            for (rec, rel, _) in written {
                pages.push(match rec {
                    Rec::Place => format!("public/lernorte/{}/index.html", slug_of(rel)),
                    Rec::Offer => format!("public/angebote/{}/index.html", slug_of(rel)),
                });
            }
            for page in pages {
                if !site.path(&page).is_file() {
                    problems.push(format!("{page} was not written"));
                }
            }
        }
        ["schema", ..] if code == 0 => {
            for file in ["schemas/lernort.schema.json", "schemas/angebot.schema.json"] {
                if !site.path(file).is_file() {
                    problems.push(format!("{file} was not written"));
                }
            }
        }
        _ => {}
    }
    problems
}

/// The `--help` of a subcommand (`path`), cached.
struct Help {
    cache: HashMap<Vec<String>, String>,
}

impl Help {
    fn of(&mut self, path: &[String]) -> &str {
        self.cache.entry(path.to_vec()).or_insert_with(|| {
            let out = Command::new(BIN)
                .args(path)
                .arg("--help")
                .output()
                .expect("run lernorte --help");
            assert!(out.status.success(), "lernorte {path:?} --help failed");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
    }

    /// The subcommands a help text lists.
    fn subcommands(help: &str) -> Vec<String> {
        help.lines()
            .skip_while(|l| l.trim() != "Commands:")
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .filter(|c| c != "help")
            .collect()
    }

    /// Whether `lernorte <args>` names existing subcommands, options and values.
    fn accepts(&mut self, args: &[String]) -> Result<(), String> {
        let mut path: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(arg) = args.get(i) {
            if Help::subcommands(self.of(&path)).contains(arg) {
                path.push(arg.clone());
                i += 1;
            } else {
                break;
            }
        }
        if path.is_empty() {
            return Err(format!("„{}“ is no subcommand", args.join(" ")));
        }
        let help = self.of(&path).to_string();
        if !Help::subcommands(&help).is_empty() {
            return Err(format!("`lernorte {}` needs a subcommand", path.join(" ")));
        }
        while let Some(arg) = args.get(i) {
            i += 1;
            if !arg.starts_with('-') {
                continue; // a slug or a <placeholder>
            }
            let (flag, inline_value) = match arg.split_once('=') {
                Some((f, v)) => (f, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            let lines: Vec<&str> = help.lines().collect();
            let Some(at) = lines
                .iter()
                .position(|l| l.trim_start().split([' ', ',']).any(|w| w == flag))
            else {
                return Err(format!(
                    "`lernorte {}` has no option {flag}",
                    path.join(" ")
                ));
            };
            if !lines[at].contains(&format!("{flag} <")) {
                continue;
            }
            let value = match inline_value {
                Some(v) => v,
                None => {
                    i += 1;
                    match args.get(i - 1) {
                        Some(v) => v.clone(),
                        None => return Err(format!("{flag} needs a value")),
                    }
                }
            };
            // The option's own help, up to the next option.
            let block: Vec<&str> = lines[at + 1..]
                .iter()
                .take_while(|l| !(l.trim_start().starts_with('-') && l.contains("--")))
                .copied()
                .collect();
            let block = block.join("\n");
            if block.contains("ossible values")
                && !value.starts_with('<')
                && !block.contains(&format!("- {value}:"))
            {
                return Err(format!("{value} is no value of {flag}"));
            }
        }
        Ok(())
    }
}

#[test]
fn commands_in_the_text_exist_with_these_options() {
    let guide = guide();
    let mut help = Help {
        cache: HashMap::new(),
    };
    let mut all: Vec<(String, Vec<String>)> = Vec::new();
    for span in code_spans(&prose(&guide)) {
        if let Some(rest) = span.strip_prefix("lernorte ") {
            all.push((format!("`{span}`"), split_args(rest)));
        }
    }
    for b in blocks(&guide) {
        if let Kind::Commands { .. } = kind(&b) {
            for args in commands(&b) {
                all.push((format!("{}: lernorte {}", b.at(), args.join(" ")), args));
            }
        }
    }
    assert!(all.len() > 10, "only {} commands in the guide", all.len());
    let problems: Vec<String> = all
        .iter()
        .filter_map(|(what, args)| help.accepts(args).err().map(|e| format!("{what}: {e}")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The preview's address and default port, as the guide gives them.
    let serve = help.of(&["serve".to_string()]).to_string();
    assert!(serve.contains("[default: 1111]"), "{serve}");
    assert!(serve.contains("[default: 127.0.0.1]"), "{serve}");
}

// ---------------------------------------------------------------------------------------------
// The preview and publishing

/// `lernorte serve` started the way the guide says (in the site folder, without `--root`), on a
/// free port.
struct Preview {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
    port: u16,
}

impl Preview {
    fn start(site: &Site) -> Preview {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = Command::new(BIN)
            .args(["serve", "--port", &port.to_string()])
            .current_dir(&site.root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lernorte serve");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        for stream in [
            Box::new(stdout) as Box<dyn Read + Send>,
            Box::new(stderr) as Box<dyn Read + Send>,
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Preview {
            child,
            lines,
            seen: Vec::new(),
            port,
        }
    }

    /// Waits for a line of output that contains `needle`.
    fn wait_for(&mut self, needle: &str, timeout: Duration) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return Ok(line);
                    }
                }
                Err(_) => {
                    return Err(format!(
                        "no line with „{needle}“ within {timeout:?}; the preview printed:\n{}",
                        self.seen.join("\n")
                    ));
                }
            }
        }
    }

    fn get(&self, path: &str) -> String {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).expect("connect to the preview");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .expect("send request");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read response");
        response
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sample site with the guide's complete files, as after section 2 of the guide.
fn sample_with_examples(blocks: &[Block]) -> (Site, Vec<(Rec, String, String)>) {
    let site = Site::sample();
    let files = complete_files(blocks);
    for (rec, rel, text) in &files {
        site.add_example(*rec, rel, text);
    }
    (site, files)
}

/// The `ausgabe` block right after the block with `lernorte serve`.
fn serve_output(blocks: &[Block]) -> String {
    let at = blocks
        .iter()
        .position(|b| {
            matches!(kind(b), Kind::Commands { .. })
                && commands(b).iter().any(|c| c == &["serve".to_string()])
        })
        .expect("the guide starts the preview with `lernorte serve`");
    let next = blocks.get(at + 1).expect("a block after `lernorte serve`");
    assert_eq!(kind(next), Kind::Output, "{}: no output shown", next.at());
    next.text.clone()
}

#[test]
fn preview_starts_as_described() {
    let blocks = blocks(&guide());
    let (site, _) = sample_with_examples(&blocks);
    let mut preview = Preview::start(&site);
    let line = preview
        .wait_for("Vorschau:", Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("{e}"));
    let expected = serve_output(&blocks).replace(":1111/", &format!(":{}/", preview.port));
    if let Err(e) = shows(&line, &expected) {
        panic!("{e}");
    }
    let page = preview.get("/lernorte/lernbauernhof-sonnenberg/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Lernbauernhof Sonnenberg"), "{page}");
}

#[test]
fn preview_rebuilds_after_a_save() {
    let blocks = blocks(&guide());
    let (site, files) = sample_with_examples(&blocks);
    let (_, rel, text) = files
        .iter()
        .find(|(rec, _, _)| *rec == Rec::Place)
        .expect("a complete place")
        .clone();
    // The first deliberate mistake in a place that the validator (not the YAML reader) finds.
    let mistake = blocks
        .iter()
        .find_map(|b| match kind(b) {
            Kind::Mistake {
                rec: Rec::Place,
                expect: Expect::Error(code),
                instead_of,
            } if code != "yaml-syntax" => Some((b.text.clone(), instead_of)),
            _ => None,
        })
        .expect("a mistake in a place");
    let broken = merge(Rec::Place, &text, &mistake.0, mistake.1.as_deref());
    let mut preview = Preview::start(&site);
    preview
        .wait_for("Vorschau:", Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("{e}"));
    // Give the file watcher a moment after the first build.
    std::thread::sleep(Duration::from_millis(500));
    let page = format!("/lernorte/{}/", slug_of(&rel));

    // „Hat Ihre Datei einen Fehler, zeigt der Browser einen Kasten mit den Fehlermeldungen.
    // Darunter bleibt die letzte fehlerfreie Fassung der Website zu sehen.“
    site.write(&rel, &broken);
    preview
        .wait_for(
            "Im Browser bleibt die letzte fehlerfreie Fassung zu sehen",
            Duration::from_secs(60),
        )
        .unwrap_or_else(|e| panic!("after saving a mistake in {rel}: {e}"));
    let shown = preview.get(&page);
    assert!(shown.contains("id=\"lernorte-fehler\""), "{shown}");
    assert!(shown.contains("Lernbauernhof Sonnenberg"), "{shown}");

    // „Sobald Sie den Fehler behoben und gespeichert haben, verschwindet der Kasten von selbst.“
    site.write(&rel, &text);
    preview
        .wait_for("Gebaut in", Duration::from_secs(60))
        .unwrap_or_else(|e| panic!("after fixing {rel}: {e}"));
    let shown = preview.get(&page);
    assert!(!shown.contains("id=\"lernorte-fehler\""), "{shown}");
}

#[test]
fn a_build_with_errors_keeps_the_previous_site() {
    let blocks = blocks(&guide());
    let (site, files) = sample_with_examples(&blocks);
    let (_, rel, text) = files
        .iter()
        .find(|(rec, _, _)| *rec == Rec::Place)
        .expect("a complete place")
        .clone();
    let snippet = |want: fn(&Expect) -> bool| {
        blocks
            .iter()
            .find_map(|b| match kind(b) {
                Kind::Mistake {
                    rec: Rec::Place,
                    expect,
                    instead_of,
                } if want(&expect) => {
                    Some(merge(Rec::Place, &text, &b.text, instead_of.as_deref()))
                }
                _ => None,
            })
            .expect("a mistake in a place")
    };
    let build = ["build".to_string()];

    // „Warnungen halten die Veröffentlichung nicht auf.“ (A missing image: the editorial
    // warnings, such as an old `geprueft_am`, come only from `lernorte check`.)
    site.write(
        &rel,
        &snippet(|e| *e == Expect::Warning("bild-fehlt".to_string())),
    );
    let (code, output) = site.run(&build);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("Warnung: "), "{output}");
    let index = site.read("public/index.html");
    let page = format!("public/lernorte/{}/index.html", slug_of(&rel));
    let page_before = site.read(&page);

    // „Gibt es auch nur einen Fehler, bricht das Programm ab und schreibt nichts. Die bisherige
    // Website in public/ bleibt dann unverändert.“
    site.write(&rel, &snippet(|e| matches!(e, Expect::Error(_))));
    let (code, output) = site.run(&build);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("bleibt unverändert"), "{output}");
    assert_eq!(site.read("public/index.html"), index);
    assert_eq!(site.read(&page), page_before);
}

#[test]
fn the_merge_of_snippets_keeps_lines_in_place() {
    let base = "name: A\nadresse:\n  plz: \"1\"\n  ort: S\nthemen: [Wald]\n";
    assert_eq!(
        merge_yaml(base, "adresse:\n\tplz: \"2\"\n", None),
        "name: A\nadresse:\n\tplz: \"2\"\nthemen: [Wald]\n"
    );
    assert_eq!(
        merge_yaml(base, "# c\nnamme: B\n", Some("name")),
        "# c\nnamme: B\nadresse:\n  plz: \"1\"\n  ort: S\nthemen: [Wald]\n"
    );
    assert_eq!(
        merge_yaml(base, "mobil: true\n", None),
        format!("{base}mobil: true\n")
    );
    let offer = "---\ntitel: T\n---\nText\n";
    assert_eq!(
        merge(Rec::Offer, offer, "titel: U\n", None),
        "---\ntitel: U\n---\nText\n"
    );
    assert_eq!(
        split_args("new place \"Mühle Müller\" --root ."),
        ["new", "place", "Mühle Müller", "--root", "."]
    );
    assert!(shows("a\nb\nc\nd\n", "b\nc\n…\nd\n").is_ok());
    assert!(shows("a\nb\nc\n", "a\nc\n").is_err());
}
