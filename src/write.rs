//! Writing the built site to disk, atomically: everything goes into a fresh folder beside the
//! output folder, which replaces the old output only when all files were written. A failed
//! build leaves the previous site untouched.
//!
//! A file whose bytes did not change since the last build is not written again: the fresh
//! folder gets a hard link to the previous file, so its modification time (and inode) stay
//! the same. rsync and caches then see only what really changed, and writing a large site
//! twice costs mostly reads.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::{Content, OutputFile};

/// Marks a folder as lernorte's output, so a build never replaces a folder it did not make.
pub const MARKER: &str = ".lernorte-ausgabe";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "Der Ausgabeordner {0} existiert, wurde aber nicht von lernorte erstellt; er wird nicht überschrieben."
    )]
    ForeignDirectory(PathBuf),
    #[error(
        "Der Ausgabeordner {0} darf nicht der Ordner der Website selbst oder einer seiner übergeordneten Ordner sein."
    )]
    ContainsSite(PathBuf),
    #[error("Fehler beim Schreiben von {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuses output folders that would destroy something: the site itself, a parent of it, or a
/// non-empty folder that lernorte did not create.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), WriteError> {
    let root_abs = fs::canonicalize(root).map_err(io_err(root))?;
    let out_abs = absolute_lexical(out);
    if root_abs.starts_with(&out_abs) {
        return Err(WriteError::ContainsSite(out.to_path_buf()));
    }
    if out.is_dir() {
        let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(WriteError::ForeignDirectory(out.to_path_buf()));
        }
    }
    Ok(())
}

fn absolute_lexical(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    fs::canonicalize(&abs).unwrap_or(abs)
}

/// A build's output while it is being written: a fresh folder beside the output folder that
/// takes files one by one, as they are rendered (so a large site never has to sit in memory
/// whole), and replaces the output folder in [`Staging::finish`]. Dropped without `finish`,
/// for example when a page failed to render, it removes itself and the old output stays.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// The previous output, whose unchanged files are linked instead of written again.
    previous: Option<PathBuf>,
    /// Folders already made: a file in one of them needs no `mkdir` that fails and a `stat`.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    /// Checks `out` (see [`check_output_dir`]) and makes the fresh folder beside it.
    pub fn begin(root: &Path, out: &Path) -> Result<Staging, WriteError> {
        check_output_dir(root, out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.neu-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        // Only a folder lernorte made (check_output_dir refused anything else) lends its files.
        let previous = out.join(MARKER).is_file().then(|| out.to_path_buf());
        Ok(Staging {
            made: Mutex::new(HashSet::from([dir.clone()])),
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            previous,
            finished: false,
        })
    }

    /// Writes one file (or links the previous build's identical copy). Safe to call from many
    /// threads at once.
    pub fn put(&self, file: &OutputFile) -> Result<(), WriteError> {
        let target = self.dir.join(&file.path);
        if let Some(folder) = target.parent() {
            self.make_folder(folder)?;
        }
        let previous = self.previous.as_deref();
        match &file.content {
            Content::Bytes(bytes) => {
                if reuse_previous(previous, &file.path, bytes, &target) {
                    return Ok(());
                }
                fs::write(&target, bytes.as_slice()).map_err(io_err(&target))
            }
            Content::Copy(source) => {
                // Static files are few and small next to the pages; compare their bytes too.
                if let Ok(bytes) = fs::read(source)
                    && reuse_previous(previous, &file.path, &bytes, &target)
                {
                    return Ok(());
                }
                fs::copy(source, &target)
                    .map(|_| ())
                    .map_err(io_err(&target))
            }
        }
    }

    fn make_folder(&self, folder: &Path) -> Result<(), WriteError> {
        let known = |f: &Path| self.made.lock().is_ok_and(|m| m.contains(f));
        if known(folder) {
            return Ok(());
        }
        // Another thread may make the same folder at the same time; create_dir_all accepts that.
        fs::create_dir_all(folder).map_err(io_err(folder))?;
        if let Ok(mut made) = self.made.lock() {
            made.insert(folder.to_path_buf());
        }
        Ok(())
    }

    /// Marks the fresh folder as lernorte's output and puts it in place of the old one.
    pub fn finish(mut self) -> Result<(), WriteError> {
        let marker = self.dir.join(MARKER);
        fs::write(
            &marker,
            "Dieser Ordner wird von lernorte erzeugt und bei jedem Bauen ersetzt.\n",
        )
        .map_err(io_err(&marker))?;
        swap(&self.dir, &self.out, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// True when the file at `path` holds exactly `bytes` (sizes compared first, which rules out
/// most changed files without reading them).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Links `target` to the previous build's copy of the same file if its bytes are `bytes`.
/// False when there is none or linking fails (another file system, no hard links), and the
/// caller writes the file instead.
fn reuse_previous(previous: Option<&Path>, rel: &str, bytes: &[u8], target: &Path) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    let old = previous.join(rel);
    same_bytes(&old, bytes) && fs::hard_link(&old, target).is_ok()
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if out.exists() {
        let old = parent.join(format!(".{name}.alt-{}", std::process::id()));
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io_err(&old))?;
        }
        fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous site back so a failure never leaves no site at all.
            let _ = fs::rename(&old, out);
            return Err(io_err(out)(e));
        }
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    } else {
        fs::rename(staging, out).map_err(io_err(out))?;
    }
    Ok(())
}
