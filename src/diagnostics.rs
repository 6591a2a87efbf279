//! Findings about the content (errors and warnings) and how they are shown to people.
//!
//! Every finding names the file, and where known the line, column and key, with a German message
//! and an optional suggestion. Findings are collected for a whole run, never just the first.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A position in a source file, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// How many characters the offending token spans (at least 1), for underlining.
    #[serde(skip)]
    pub width: usize,
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `unbekannter-schluessel`.
    pub code: &'static str,
    /// The file, relative to the site root.
    pub file: PathBuf,
    #[serde(flatten)]
    pub position: Option<Position>,
    /// The key path the finding is about, e.g. `adresse.plz` or `bilder[0].alt`.
    pub key: Option<String>,
    /// German text for the people who edit the file.
    pub message: String,
    /// A German suggestion how to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            position: None,
            key: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        if !key.is_empty() {
            self.key = Some(key);
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` as editors and terminals understand it.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file.display(), p.line, p.column),
            None => self.file.display().to_string(),
        }
    }
}

/// The text of every file that was read, so findings can quote the offending line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: HashMap<PathBuf, Arc<str>>,
}

impl Sources {
    pub fn insert(&mut self, file: PathBuf, text: Arc<str>) {
        self.texts.insert(file, text);
    }

    /// Adds every text of `other`.
    pub fn extend(&mut self, other: Sources) {
        self.texts.extend(other.texts);
    }

    /// Keeps only the texts of files that a finding in `findings` is about: all that printing
    /// them needs, and a fraction of the memory on a large site.
    pub fn keep_only_for(&mut self, findings: &[Diagnostic]) {
        let files: std::collections::HashSet<&Path> =
            findings.iter().map(|d| d.file.as_path()).collect();
        self.texts.retain(|file, _| files.contains(file.as_path()));
    }

    pub fn line(&self, file: &Path, line: usize) -> Option<&str> {
        let text = self.texts.get(file)?;
        text.lines().nth(line.checked_sub(1)?)
    }
}

/// Sorts findings the way people read them: by file, then by position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.position.map(|p| (p.line, p.column)), &a.message).cmp(&(
            &b.file,
            b.position.map(|p| (p.line, p.column)),
            &b.message,
        ))
    });
}

/// Renders findings for a terminal, rustc-style: location, message, the quoted line with the
/// key underlined, and the suggestion.
pub fn render_human(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => "Fehler",
            Severity::Warning => "Warnung",
        };
        let key = d
            .key
            .as_deref()
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        let _ = writeln!(out, "{label}: {}{key}: {}", d.location(), d.message);
        if let Some(p) = d.position
            && let Some(line) = sources.line(&d.file, p.line)
        {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let shown = line.replace('\t', " ");
            let _ = writeln!(out, " {pad} |");
            let _ = writeln!(out, " {number} | {shown}");
            let indent: String = " ".repeat(p.column.saturating_sub(1));
            let marks = "^".repeat(p.width.max(1));
            let _ = writeln!(out, " {pad} | {indent}{marks}");
        }
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  = Hinweis: {hint}");
        }
        out.push('\n');
    }
    out
}

/// Like `render_human`, with a heading for each file and the file's findings below it, for
/// reports over many files (`lernorte check`). Expects `diagnostics` sorted by file.
pub fn render_grouped(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for group in diagnostics.chunk_by(|a, b| a.file == b.file) {
        let _ = writeln!(out, "── {} ({})", group[0].file.display(), summary(group));
        out.push('\n');
        out.push_str(&render_human(group, sources));
    }
    out
}

/// One line a finding, for a short summary after the detailed list.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(if errors == 1 {
            "1 Fehler".to_string()
        } else {
            format!("{errors} Fehler")
        });
    }
    if warnings > 0 {
        parts.push(if warnings == 1 {
            "1 Warnung".to_string()
        } else {
            format!("{warnings} Warnungen")
        });
    }
    parts.join(", ")
}

/// The closest allowed value to `input`, for "meinten Sie …?" suggestions.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&folded, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A German list of allowed values: „a“, „b“ oder „c“.
pub fn allowed_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = values.into_iter().map(|v| format!("„{v}“")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} oder {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_keep_the_files_that_findings_are_about() {
        let mut sources = Sources::default();
        sources.insert("places/a.yaml".into(), Arc::from("name: A\nbezirk: Mite\n"));
        sources.insert("places/b.yaml".into(), Arc::from("name: B\n"));
        let findings = [Diagnostic::error("x", "places/a.yaml", "Fehler")];
        sources.keep_only_for(&findings);
        assert_eq!(
            sources.line(Path::new("places/a.yaml"), 2),
            Some("bezirk: Mite")
        );
        assert_eq!(sources.line(Path::new("places/b.yaml"), 1), None);
    }

    #[test]
    fn closest_finds_near_misses_only() {
        let names = ["Bad Cannstatt", "Botnang", "Mitte"];
        assert_eq!(closest("Bad Canstatt", names), Some("Bad Cannstatt"));
        assert_eq!(closest("mite", names), Some("Mitte"));
        assert_eq!(closest("Hamburg", names), None);
    }

    #[test]
    fn human_output_quotes_line_and_underlines_key() {
        let mut sources = Sources::default();
        sources.insert(
            "places/a.yaml".into(),
            Arc::from("name: A\nbezrik: Mitte\n"),
        );
        let d = Diagnostic::error(
            "unbekannter-schluessel",
            "places/a.yaml",
            "Unbekannter Schlüssel „bezrik“",
        )
        .at(Some(Position {
            line: 2,
            column: 1,
            width: 6,
        }))
        .hint("Meinten Sie „bezirk“?");
        let text = render_human(&[d], &sources);
        assert!(text.contains("Fehler: places/a.yaml:2:1"), "{text}");
        assert!(text.contains(" 2 | bezrik: Mitte"), "{text}");
        assert!(text.contains("   | ^^^^^^\n"), "{text}");
        assert!(text.contains("Hinweis: Meinten Sie „bezirk“?"), "{text}");
    }
}
