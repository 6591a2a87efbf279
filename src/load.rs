//! Reading the site's files: `site.yaml`, `places/*.yaml`, `content/angebote/*.md` and
//! `content/*.md`, parsed into raw records with their source maps. Nothing is validated beyond
//! syntax, types and key names here; `validate` does the rest.
//!
//! A [`Loader`] remembers what it read, so the preview server re-reads only the files that
//! changed; a plain build uses a fresh one.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
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

/// Everything read from disk. Records are shared with the [`Loader`]'s cache, and an unchanged
/// file keeps the same `Arc` from one load to the next (which is how `validate` knows it may
/// reuse its earlier result).
#[derive(Default)]
pub struct LoadedFiles {
    pub places: Vec<Arc<Loaded<PlaceFile>>>,
    pub offers: Vec<Arc<Loaded<OfferFile>>>,
    pub pages: Vec<Arc<Loaded<PageFile>>>,
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
    // One level only, and read_dir's file types need no extra stat per file, which matters
    // when the preview server lists thousands of files after every save.
    let mut entries: Vec<fs::DirEntry> = match fs::read_dir(&abs) {
        Ok(read) => read
            .filter_map(|e| match e {
                Ok(e) => Some(e),
                Err(e) => {
                    diags.push(Diagnostic::error(
                        "datei-unlesbar",
                        dir,
                        format!("Der Ordner kann nicht gelesen werden: {e}"),
                    ));
                    None
                }
            })
            .collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                "datei-unlesbar",
                dir,
                format!("Der Ordner kann nicht gelesen werden: {e}"),
            ));
            return Vec::new();
        }
    };
    entries.sort_by_key(fs::DirEntry::file_name);
    let mut files = Vec::new();
    for entry in entries {
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_ignored_name(&name) || is_dir {
            continue;
        }
        let rel = Path::new(dir).join(&file_name);
        let ext = Path::new(&file_name)
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
    let mut loader = Loader::default();
    let mut files = loader.load(root, &Changed::All);
    files.sources = loader.sources();
    files
}

/// Which files must be read again.
pub enum Changed {
    All,
    /// These files (relative to the site root); files not read before are read too.
    Only(HashSet<PathBuf>),
}

impl Changed {
    /// The changed files as cache keys, or `None` for all.
    fn keys(&self) -> Option<HashSet<String>> {
        match self {
            Changed::All => None,
            Changed::Only(files) => Some(
                files
                    .iter()
                    .map(|f| f.to_string_lossy().into_owned())
                    .collect(),
            ),
        }
    }
}

/// The content files of a site as last read, for incremental rebuilds.
#[derive(Default)]
pub struct Loader {
    /// By path relative to the root, as text: hashing `Path`s walks their components, which
    /// showed in the preview's rebuild times.
    cache: HashMap<String, CachedFile>,
    /// The keys of `cache` in the order the folders list them.
    order: Vec<String>,
    /// Findings about the folders themselves (files that are not read).
    listing_diagnostics: Vec<Diagnostic>,
}

#[derive(Clone)]
enum Record {
    Place(Arc<Loaded<PlaceFile>>),
    Offer(Arc<Loaded<OfferFile>>),
    Page(Arc<Loaded<PageFile>>),
    /// The file could not be read or parsed; its findings say why.
    Unreadable,
}

struct CachedFile {
    kind: Kind,
    folder: Folder,
    record: Record,
    diagnostics: Vec<Diagnostic>,
    source: Option<Arc<str>>,
}

impl Loader {
    /// Lists the content folders and reads the files that are new or `changed`; the others come
    /// from the cache. Files that disappeared are forgotten. `LoadedFiles::sources` stays empty
    /// (see [`Loader::sources`]).
    pub fn load(&mut self, root: &Path, changed: &Changed) -> LoadedFiles {
        let keys = changed.keys();
        // Files edited in place need no new listing: the folders hold the same names.
        let edited_in_place = match (changed, &keys) {
            (Changed::Only(files), Some(keys)) => {
                !self.order.is_empty()
                    && files.iter().all(|f| root.join(f).is_file())
                    && keys.iter().all(|k| self.cache.contains_key(k))
            }
            _ => false,
        };
        if edited_in_place {
            let changed_files: Vec<(String, Kind, Folder)> = keys
                .iter()
                .flatten()
                .filter_map(|k| {
                    let (kind, folder) = self.cache.get(k).map(|c| (c.kind, c.folder))?;
                    Some((k.clone(), kind, folder))
                })
                .collect();
            let fresh: Vec<(String, CachedFile)> = changed_files
                .par_iter()
                .map(|(key, kind, folder)| {
                    (key.clone(), read_one(root, Path::new(key), *kind, *folder))
                })
                .collect();
            self.cache.extend(fresh);
        } else {
            self.relist(root, keys.as_ref());
        }
        let mut out = LoadedFiles {
            diagnostics: self.listing_diagnostics.clone(),
            ..LoadedFiles::default()
        };
        for key in &self.order {
            let Some(cached) = self.cache.get(key) else {
                continue;
            };
            match &cached.record {
                Record::Place(p) => out.places.push(Arc::clone(p)),
                Record::Offer(o) => out.offers.push(Arc::clone(o)),
                Record::Page(p) => out.pages.push(Arc::clone(p)),
                Record::Unreadable => {}
            }
            out.diagnostics.extend(cached.diagnostics.iter().cloned());
        }
        out
    }

    /// Lists the folders again; reads new files and those in `changed` (all when `None`).
    fn relist(&mut self, root: &Path, changed: Option<&HashSet<String>>) {
        let mut listed: Vec<(PathBuf, Kind, Folder)> = Vec::new();
        self.listing_diagnostics.clear();
        for (dir, extensions, kind, folder) in [
            (PLACES_DIR, &["yaml", "yml"][..], Kind::Yaml, Folder::Places),
            (OFFERS_DIR, &["md"][..], Kind::FrontMatter, Folder::Offers),
            (CONTENT_DIR, &["md"][..], Kind::FrontMatter, Folder::Pages),
        ] {
            listed.extend(
                list(root, dir, extensions, &mut self.listing_diagnostics)
                    .into_iter()
                    .map(|f| (f, kind, folder)),
            );
        }
        let mut previous = std::mem::take(&mut self.cache);
        self.order.clear();
        let mut to_read = Vec::new();
        for (file, kind, folder) in listed {
            let key = file.to_string_lossy().into_owned();
            match previous.remove(&key) {
                Some(cached) if changed.is_some_and(|c| !c.contains(&key)) => {
                    self.cache.insert(key.clone(), cached);
                }
                _ => to_read.push((file, kind, folder)),
            }
            self.order.push(key);
        }
        let fresh: Vec<(String, CachedFile)> = to_read
            .par_iter()
            .map(|(file, kind, folder)| {
                let key = file.to_string_lossy().into_owned();
                (key, read_one(root, file, *kind, *folder))
            })
            .collect();
        self.cache.extend(fresh);
    }

    /// The texts of the files read, for quoting them in findings. Kept out of [`Loader::load`]
    /// because a rebuild that succeeds does not need them.
    pub fn sources(&self) -> Sources {
        let mut sources = Sources::default();
        for (file, cached) in &self.cache {
            if let Some(text) = &cached.source {
                sources.insert(PathBuf::from(file), Arc::clone(text));
            }
        }
        sources
    }
}

/// The folder a file was listed in, which decides what record it holds.
#[derive(Clone, Copy)]
enum Folder {
    Places,
    Offers,
    Pages,
}

fn read_one(root: &Path, file: &Path, kind: Kind, folder: Folder) -> CachedFile {
    let mut diagnostics = Vec::new();
    let source = read_text(root, file, &mut diagnostics);
    let record = source.as_ref().and_then(|text| match folder {
        Folder::Places => parse_file::<PlaceFile>(file, text, kind, &mut diagnostics)
            .map(|l| Record::Place(Arc::new(l))),
        Folder::Offers => parse_file::<OfferFile>(file, text, kind, &mut diagnostics)
            .map(|l| Record::Offer(Arc::new(l))),
        Folder::Pages => parse_file::<PageFile>(file, text, kind, &mut diagnostics)
            .map(|l| Record::Page(Arc::new(l))),
    });
    CachedFile {
        kind,
        folder,
        record: record.unwrap_or(Record::Unreadable),
        diagnostics,
        source,
    }
}

/// Reads a file as UTF-8 text, refusing huge and binary files.
pub fn read_text(root: &Path, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Arc<str>> {
    let abs = root.join(file);
    // One open for the size and the bytes: a site has thousands of these files.
    let read = || -> std::io::Result<Result<Vec<u8>, u64>> {
        let mut f = fs::File::open(&abs)?;
        let len = f.metadata()?.len();
        if len > MAX_FILE_BYTES {
            return Ok(Err(len));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        f.read_to_end(&mut bytes)?;
        Ok(Ok(bytes))
    };
    let bytes = match read() {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(len)) => {
            diags.push(
                Diagnostic::error(
                    "datei-zu-gross",
                    file,
                    format!(
                        "Die Datei ist {} KB groß; erlaubt sind höchstens {} KB.",
                        len / 1024,
                        MAX_FILE_BYTES / 1024
                    ),
                )
                .hint("Kürzen Sie die Beschreibung oder prüfen Sie, ob versehentlich eine andere Datei hier liegt."),
            );
            return None;
        }
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
    diags.extend(yaml::body_placeholders(file, &body, body_line));
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

    #[test]
    fn read_text_refuses_huge_missing_and_non_utf8_files_and_normalises_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let huge = vec![b'a'; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
        fs::write(root.join("gross.yaml"), huge).expect("write");
        fs::write(root.join("latin1.yaml"), b"name: A\nort: M\xfchlhausen\n").expect("write");
        fs::write(root.join("windows.yaml"), "\u{feff}name: A\r\nort: B\r\n").expect("write");
        let read = |name: &str| {
            let mut diags = Vec::new();
            let text = read_text(root, Path::new(name), &mut diags);
            (text, diags)
        };
        let (text, diags) = read("gross.yaml");
        assert!(text.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "datei-zu-gross");
        assert!(diags[0].message.contains("1024 KB"), "{}", diags[0].message);
        let (text, diags) = read("fehlt.yaml");
        assert!(text.is_none());
        assert_eq!(diags[0].code, "datei-unlesbar");
        let (text, diags) = read("latin1.yaml");
        assert!(text.is_none());
        assert_eq!(diags[0].code, "kein-utf8");
        assert_eq!(diags[0].position.map(|p| p.line), Some(2));
        let (text, diags) = read("windows.yaml");
        assert!(diags.is_empty());
        assert_eq!(text.as_deref(), Some("name: A\nort: B\n"));
    }
}
