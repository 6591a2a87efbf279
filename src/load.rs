//! Reading the site's files: `site.yaml`, `places/*.yaml`, `content/angebote/*.md` and
//! `content/*.md`, parsed into raw records with their source maps. Nothing is validated beyond
//! syntax, types and key names here; `validate` does the rest.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position, Sources};
use crate::model::offer::OfferFile;
use crate::model::page::PageFile;
use crate::model::place::PlaceFile;
use crate::slug;
use crate::spans::SourceMap;
use crate::yaml;

/// Files larger than this are refused: no record needs more, and a stray export or binary
/// should not stall the build.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

pub const PLACES_DIR: &str = "places";
pub const CONTENT_DIR: &str = "content";
pub const OFFERS_DIR: &str = "content/angebote";

/// One record as read from its file.
pub struct Loaded<T> {
    pub slug: String,
    /// Relative to the site root.
    pub file: PathBuf,
    pub record: T,
    pub map: SourceMap,
    /// The Markdown after the front matter (offers and pages).
    pub body: String,
    /// The line of the file on which `body` starts.
    pub body_line: usize,
    /// Keys whose values could not be read (already reported).
    pub failed_keys: Vec<String>,
}

/// Everything read from disk.
#[derive(Default)]
pub struct LoadedFiles {
    pub places: Vec<Loaded<PlaceFile>>,
    pub offers: Vec<Loaded<OfferFile>>,
    pub pages: Vec<Loaded<PageFile>>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// How a kind of file is read.
#[derive(Clone, Copy)]
enum Kind {
    Yaml,
    FrontMatter,
}

/// Lists the files of `dir` (not recursive) with one of `extensions`, warning about anything
/// else that a person may have put there expecting it to be read.
fn list(root: &Path, dir: &str, extensions: &[&str], diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let abs = root.join(dir);
    if !abs.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&abs)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "datei-unlesbar",
                    dir,
                    format!("Der Ordner kann nicht gelesen werden: {e}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if is_ignored_name(&name) || entry.file_type().is_dir() {
            continue;
        }
        let rel = Path::new(dir).join(entry.file_name());
        let ext = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if extensions.contains(&ext) {
            files.push(rel);
        } else {
            diags.push(
                Diagnostic::warning(
                    "datei-ignoriert",
                    rel,
                    format!(
                        "Diese Datei wird nicht gelesen, weil sie nicht auf {} endet.",
                        extensions
                            .iter()
                            .map(|e| format!(".{e}"))
                            .collect::<Vec<_>>()
                            .join(" oder ")
                    ),
                )
                .hint("Benennen Sie die Datei um oder verschieben Sie sie aus diesem Ordner."),
            );
        }
    }
    files
}

/// Hidden files, editor backups and swap files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Reads every content file under `root`. `site.yaml` is read by the caller.
pub fn load(root: &Path) -> LoadedFiles {
    let mut out = LoadedFiles::default();
    let place_files = list(root, PLACES_DIR, &["yaml", "yml"], &mut out.diagnostics);
    let offer_files = list(root, OFFERS_DIR, &["md"], &mut out.diagnostics);
    let page_files = list(root, CONTENT_DIR, &["md"], &mut out.diagnostics);

    let (places, mut diags, sources) = read_all::<PlaceFile>(root, place_files, Kind::Yaml);
    out.places = places;
    out.diagnostics.append(&mut diags);
    out.sources.extend(sources);

    let (offers, mut diags, sources) = read_all::<OfferFile>(root, offer_files, Kind::FrontMatter);
    out.offers = offers;
    out.diagnostics.append(&mut diags);
    out.sources.extend(sources);

    let (pages, mut diags, sources) = read_all::<PageFile>(root, page_files, Kind::FrontMatter);
    out.pages = pages;
    out.diagnostics.append(&mut diags);
    out.sources.extend(sources);
    out
}

/// One file: its record (if readable), findings, and its text.
type FileResult<T> = (
    Option<Loaded<T>>,
    Vec<Diagnostic>,
    Option<(PathBuf, Arc<str>)>,
);

type ReadResult<T> = (Vec<Loaded<T>>, Vec<Diagnostic>, Sources);

fn read_all<T: DeserializeOwned + Send>(
    root: &Path,
    files: Vec<PathBuf>,
    kind: Kind,
) -> ReadResult<T> {
    let results: Vec<FileResult<T>> = files
        .into_par_iter()
        .map(|file| {
            let mut diags = Vec::new();
            let text = read_text(root, &file, &mut diags);
            let loaded = text
                .as_ref()
                .and_then(|t| parse_file::<T>(&file, t, kind, &mut diags));
            (loaded, diags, text.map(|t| (file, t)))
        })
        .collect();
    let mut records = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    for (loaded, mut d, source) in results {
        records.extend(loaded);
        diags.append(&mut d);
        if let Some((file, text)) = source {
            sources.insert(file, text);
        }
    }
    (records, diags, sources)
}

/// Reads a file as UTF-8 text, refusing huge and binary files.
pub fn read_text(root: &Path, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Arc<str>> {
    let abs = root.join(file);
    match fs::metadata(&abs) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            diags.push(
                Diagnostic::error(
                    "datei-zu-gross",
                    file,
                    format!(
                        "Die Datei ist {} KB groß; erlaubt sind höchstens {} KB.",
                        m.len() / 1024,
                        MAX_FILE_BYTES / 1024
                    ),
                )
                .hint("Kürzen Sie die Beschreibung oder prüfen Sie, ob versehentlich eine andere Datei hier liegt."),
            );
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            diags.push(Diagnostic::error(
                "datei-unlesbar",
                file,
                format!("Die Datei kann nicht gelesen werden: {e}"),
            ));
            return None;
        }
    }
    let bytes = match fs::read(&abs) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                "datei-unlesbar",
                file,
                format!("Die Datei kann nicht gelesen werden: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            if text.contains('\r') {
                text = text.replace("\r\n", "\n");
            }
            Some(Arc::from(text))
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..offset];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(
                    "kein-utf8",
                    file,
                    "Die Datei ist nicht als UTF-8 gespeichert (oder ist keine Textdatei).",
                )
                .at(Some(Position {
                    line,
                    column: 1,
                    width: 1,
                }))
                .hint("Speichern Sie die Datei in Ihrem Editor mit der Kodierung „UTF-8“."),
            );
            None
        }
    }
}

fn parse_file<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    kind: Kind,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug_ok = slug::is_valid(stem);
    if !slug_ok {
        diags.push(
            Diagnostic::error(
                "ungueltiger-dateiname",
                file,
                format!("Der Dateiname „{stem}“ ist als Adresse (Kürzel) nicht geeignet."),
            )
            .hint(format!(
                "Erlaubt sind Kleinbuchstaben ohne Umlaute, Ziffern und „-“. Benennen Sie die Datei z. B. in „{}“ um.",
                slug::slugify(stem)
            )),
        );
    }
    let (yaml_text, line_offset, body, body_line) = match kind {
        Kind::Yaml => (text, 0, String::new(), 0),
        Kind::FrontMatter => match split_front_matter(text) {
            Some(parts) => parts,
            None => {
                diags.push(
                    Diagnostic::error("vorspann-fehlt", file, "Die Datei beginnt nicht mit einem Vorspann zwischen zwei Zeilen „---“.")
                        .at(Some(Position { line: 1, column: 1, width: 3 }))
                        .hint("Die erste Zeile muss „---“ sein, dann folgen die Angaben (z. B. „titel: …“), dann wieder eine Zeile „---“ und danach der Text."),
                );
                return None;
            }
        },
    };
    let parsed = yaml::parse::<T>(file, yaml_text, line_offset, diags)?;
    if !slug_ok {
        return None;
    }
    Some(Loaded {
        slug: stem.to_string(),
        file: file.to_path_buf(),
        record: parsed.record,
        map: parsed.map,
        body,
        body_line,
        failed_keys: parsed.failed,
    })
}

/// Splits `---\n<yaml>\n---\n<markdown>`: the YAML, the line offset of the YAML, the body and
/// the line the body starts on.
fn split_front_matter(text: &str) -> Option<(&str, usize, String, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((yaml, 1, body.to_string(), i + 3));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_line_numbers() {
        let (yaml, off, body, line) =
            split_front_matter("---\ntitel: A\nx: 1\n---\nText\n").unwrap();
        assert_eq!(yaml, "titel: A\nx: 1\n");
        assert_eq!(off, 1);
        assert_eq!(body, "Text\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("titel: A\n").is_none());
        assert!(split_front_matter("---\ntitel: A\n").is_none());
    }
}
