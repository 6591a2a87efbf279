//! Watching the site's files for the preview: notify with notify-debouncer-full, a short quiet
//! window, and only the events that can change the site (no access events: in notify 8 merely
//! reading a watched file reports one, and the rebuild itself reads files).

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long an event must be old before the debouncer hands it on. Editors write a file in one
/// go; this is enough to merge the events of one save without being felt.
pub const DEBOUNCE: Duration = Duration::from_millis(3);

/// How often the debouncer looks for events that are old enough.
const TICK: Duration = Duration::from_millis(2);

/// The folders whose content makes up the site, relative to its root. The root itself is
/// watched without its subfolders, for `site.yaml` and for folders created later.
pub const WATCHED_DIRS: &[&str] = &["places", "content", "themes", "templates", "static"];

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `root`; every batch of changed paths (absolute) goes to `on_change`.
/// Watcher errors go to `on_error` (they are rare: a folder deleted while watched, too many
/// watches).
pub fn watch(
    root: &Path,
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
    on_error: impl Fn(String) + Send + 'static,
) -> Result<Watcher, notify::Error> {
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                on_change(paths);
            }
        }
        Err(errors) => {
            for e in errors {
                on_error(e.to_string());
            }
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), handler)?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let dir = root.join(dir);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(Watcher {
        _debouncer: debouncer,
    })
}
