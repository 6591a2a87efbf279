//! Helpers for the integration tests: a fixture site copied into a temporary folder together
//! with the repository's theme, builds in memory and on disk, and checks on the output.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lernorte::diagnostics::Diagnostic;
use lernorte::render::Content;
use lernorte::{BuildError, BuildOptions, Built};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// The repository (the crate root), where the sample site and the theme live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixed "today" of every test build, so that upcoming dates do not depend on the clock.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("valid date")
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A site in a temporary folder: `<tmp>/site` is the site root (with the repository's theme in
/// `<tmp>/site/themes`); the rest of `<tmp>` is free for output folders.
/// The fixture name of the repository's own sample site (`TestSite::fixture(SAMPLE)`).
pub const SAMPLE: &str = "<beispiel>";

pub struct TestSite {
    dir: TempDir,
    root: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` and the repository's `themes/` into a new temporary folder.
    /// [`SAMPLE`] stands for the repository's sample site.
    pub fn fixture(name: &str) -> TestSite {
        if name == SAMPLE {
            return TestSite::sample();
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_dir(&repo_root().join("tests/fixtures").join(name), &root);
        copy_dir(&repo_root().join("themes"), &root.join("themes"));
        TestSite { dir, root }
    }

    /// The repository's own sample site (site.yaml, places, content, static and templates when
    /// present, and the themes), copied like a fixture.
    pub fn sample() -> TestSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("site folder");
        fs::copy(repo_root().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
        for folder in ["places", "content", "static", "templates", "themes"] {
            let from = repo_root().join(folder);
            if from.is_dir() {
                copy_dir(&from, &root.join(folder));
            }
        }
        TestSite { dir, root }
    }

    /// The small complete fixture site `tests/fixtures/mini`.
    pub fn mini() -> TestSite {
        TestSite::fixture("mini")
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder around the site root, for output folders.
    pub fn tmp(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (adds or overwrites) a file of the site.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent folder");
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    pub fn remove(&self, rel: &str) {
        let path = self.root.join(rel);
        fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.root.join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Build options for this site with the fixed test date.
    pub fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(&self.root);
        options.today = today();
        options
    }

    /// Builds in memory and panics with every finding when the build fails.
    pub fn build(&self) -> Output {
        build_ok(&self.options())
    }

    /// Builds in memory with another base URL.
    pub fn build_with_base_url(&self, base_url: &str) -> Output {
        let mut options = self.options();
        options.base_url = Some(base_url.to_string());
        build_ok(&options)
    }

    /// Builds in memory, expects content errors and returns all findings.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match lernorte::build_in_memory(&self.options()) {
            Ok(built) => panic!(
                "the build should have failed; findings: {:#?}",
                built.diagnostics
            ),
            Err(BuildError::Content { diagnostics, .. }) => diagnostics,
            Err(e) => panic!("expected content errors, got: {e}"),
        }
    }
}

/// Builds in memory; panics with every finding when the build fails.
pub fn build_ok(options: &BuildOptions) -> Output {
    match lernorte::build_in_memory(options) {
        Ok(built) => Output::new(built),
        Err(BuildError::Content { diagnostics, .. }) => {
            panic!("the build failed: {diagnostics:#?}")
        }
        Err(e) => panic!("the build failed: {e}"),
    }
}

/// The files of a build, by output path.
pub struct Output {
    pub built: Built,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn new(built: Built) -> Output {
        let files = built
            .files
            .iter()
            .map(|f| {
                let bytes = match &f.content {
                    Content::Bytes(b) => b.to_vec(),
                    Content::Copy(source) => fs::read(source)
                        .unwrap_or_else(|e| panic!("read {}: {e}", source.display())),
                };
                (f.path.clone(), bytes)
            })
            .collect();
        Output { built, files }
    }

    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn text(&self, path: &str) -> String {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no output file {path}; files: {:?}", self.paths()));
        String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
    }

    pub fn html(&self, path: &str) -> Html {
        Html::parse_document(&self.text(path))
    }

    pub fn paths(&self) -> Vec<&str> {
        self.files.keys().map(String::as_str).collect()
    }

    /// Every HTML page: (path, text).
    pub fn html_pages(&self) -> Vec<(String, String)> {
        html_pages(&self.files)
    }
}

/// The HTML files of a file map: (path, text).
pub fn html_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            let text =
                String::from_utf8(b.clone()).unwrap_or_else(|e| panic!("{p} is not UTF-8: {e}"));
            (p.clone(), text)
        })
        .collect()
}

/// Every file below `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let entry = entry.expect("directory entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("below base")
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.insert(rel, bytes);
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// The 1-based number of the first line of `text` that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not in the text:\n{text}"))
        + 1
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// The text of an element, with whitespace collapsed.
pub fn text_of(el: scraper::ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The structural problems of one HTML page: language, title, exactly one `<h1>`, and the
/// parser's errors. Empty when the page is fine.
pub fn page_problems(path: &str, text: &str) -> Vec<String> {
    let doc = Html::parse_document(text);
    let mut problems = Vec::new();
    match doc.select(&sel("html")).next() {
        Some(html) if html.value().attr("lang") == Some("de") => {}
        Some(html) => problems.push(format!(
            "{path}: <html lang> is {:?}, not \"de\"",
            html.value().attr("lang")
        )),
        None => problems.push(format!("{path}: no <html> element")),
    }
    let titles: Vec<String> = doc.select(&sel("head > title")).map(text_of).collect();
    if titles.len() != 1 || titles[0].is_empty() {
        problems.push(format!("{path}: <title> elements: {titles:?}"));
    }
    let h1: Vec<String> = doc.select(&sel("h1")).map(text_of).collect();
    if h1.len() != 1 {
        problems.push(format!("{path}: {} <h1> elements: {h1:?}", h1.len()));
    }
    for e in &doc.errors {
        problems.push(format!("{path}: HTML parse error: {e}"));
    }
    problems
}

/// Whether a link target leaves the site or stays on the page.
pub fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with('#')
}

/// Every `href`, `src` and `action` of every element of a page: (element, attribute, value).
pub fn link_targets(doc: &Html) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            if matches!(
                name,
                "href" | "src" | "action" | "srcset" | "poster" | "data"
            ) {
                out.push((
                    el.value().name().to_string(),
                    name.to_string(),
                    value.to_string(),
                ));
            }
        }
    }
    out
}

/// Checks every internal link of every page of `files`: it starts with `base_path` and names a
/// file of the output (a trailing `/` means its `index.html`). Returns the problems.
pub fn link_problems(files: &BTreeMap<String, Vec<u8>>, base_path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (page, text) in html_pages(files) {
        let doc = Html::parse_document(&text);
        for (element, attr, value) in link_targets(&doc) {
            let value = value.trim();
            if is_external(value) {
                continue;
            }
            let Some(rest) = value.strip_prefix(base_path) else {
                problems.push(format!(
                    "{page}: <{element} {attr}=\"{value}\"> does not start with {base_path}"
                ));
                continue;
            };
            let rest = rest.split(['#', '?']).next().unwrap_or_default();
            let file = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            };
            if !files.contains_key(&file) {
                problems.push(format!(
                    "{page}: <{element} {attr}=\"{value}\"> points to {file}, which is not in the output"
                ));
            }
        }
    }
    problems
}
pub mod sse;
