//! The preview's rebuild engine. It keeps the site in memory and, after a change, re-reads only
//! the changed files, re-checks only the records they hold, and re-renders only the pages that
//! show them (see `render::changes`). The last good site stays available while the files have
//! errors.
//!
//! The search index takes longer than everything else together on large sites, so it is not
//! part of a rebuild, and neither are the other files generated from all records (GeoJSON,
//! sitemap): the caller builds them with [`background_files`] from [`Session::site`] in the
//! background and hands them back with [`Session::set_background`]. Only the map and the search
//! page read them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, SiteConfig};
use crate::diagnostics::{self, Diagnostic, Sources};
use crate::load::{self, Changed, Loader};
use crate::model::Site;
use crate::render::cards::CardCache;
use crate::render::changes::Changes;
use crate::render::{self, Content, OutputFile, Theme};
use crate::validate::{self, Memo};
use crate::{BuildOptions, outputs};

/// What a changed file affects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Area {
    /// Not part of the site (editor files, the output folder, notes).
    Outside,
    /// A CSS file of a static folder: swapped in the browser without a reload.
    Stylesheet,
    /// Any other static file (script, image, font).
    Static,
    /// A place, offer or free page.
    Content,
    /// A template.
    Templates,
    /// site.yaml.
    Config,
}

/// How the browsers showing the site should follow a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// Nothing visible changed.
    Nothing,
    /// Reload every page.
    All,
    /// Reload the pages with these URL paths.
    Pages(Vec<String>),
    /// Swap these stylesheets (URL paths).
    Stylesheets(Vec<String>),
}

/// The result of a rebuild.
pub enum Outcome {
    Built {
        reload: Reload,
        /// Pages rendered (not all of them differ from before).
        rendered: usize,
        /// Warnings of the new site.
        warnings: Vec<Diagnostic>,
        took: Duration,
        /// The steps and how long each took, for `serve --verbose`.
        steps: Vec<(&'static str, Duration)>,
        /// The search index, GeoJSON and sitemap must be made again with [`background_files`].
        search_stale: bool,
    },
    /// The files have errors; the last good site is still served.
    Failed {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
        took: Duration,
    },
}

/// The last site that built without errors.
#[derive(Default)]
struct Good {
    site: Option<Arc<Site>>,
    /// Pages, data files and static files by output path.
    files: HashMap<String, Content>,
    /// The pages among `files`.
    page_paths: HashSet<String>,
    /// The static files among `files`.
    static_paths: Vec<String>,
    /// The files among `files` that [`background_files`] made (replaced as a whole).
    background_paths: Vec<String>,
}

impl Good {
    /// Replaces the files listed in `paths` (one kind of files among `files`) with `new`.
    fn replace(
        files: &mut HashMap<String, Content>,
        paths: &mut Vec<String>,
        new: Vec<OutputFile>,
    ) {
        for path in paths.drain(..) {
            files.remove(&path);
        }
        for f in new {
            paths.push(f.path.clone());
            files.insert(f.path, f.content);
        }
    }

    /// Lists the static files again (they are served from disk; only the list changes).
    fn relist_statics(&mut self, root: &Path, dirs: &[PathBuf]) {
        Good::replace(
            &mut self.files,
            &mut self.static_paths,
            outputs::static_files(root, dirs),
        );
    }
}

/// The site in memory, rebuilt incrementally.
pub struct Session {
    options: BuildOptions,
    loader: Loader,
    memo: Memo,
    cards: CardCache,
    config: Option<SiteConfig>,
    config_errors: Vec<Diagnostic>,
    config_source: Sources,
    theme: Result<Theme, Vec<Diagnostic>>,
    good: Option<Good>,
    /// The theme changed since the last good site, so every page must be rendered again.
    theme_dirty: bool,
    /// Counts good sites; a search index built for an older one is dropped.
    generation: u64,
    /// The static folders changed, so the list of static files must be made again.
    statics_dirty: bool,
}

impl Session {
    /// Reads and builds the whole site, search index included.
    pub fn new(options: BuildOptions) -> (Session, Outcome) {
        let started = Instant::now();
        let mut session = Session {
            options,
            loader: Loader::default(),
            memo: Memo::default(),
            cards: CardCache::default(),
            config: None,
            config_errors: Vec::new(),
            config_source: Sources::default(),
            theme: Err(Vec::new()),
            good: None,
            theme_dirty: true,
            generation: 0,
            statics_dirty: true,
        };
        session.read_config();
        session.load_theme();
        let mut outcome = session.rebuild_content(&Changed::All, started);
        if let Outcome::Built { search_stale, .. } = &mut outcome
            && let Some(site) = session.site()
        {
            session.set_background(session.generation, background_files(&site));
            *search_stale = false;
        }
        (session, outcome)
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The last good site and its generation, for building the search index elsewhere.
    pub fn site(&self) -> Option<Arc<Site>> {
        self.good.as_ref().and_then(|g| g.site.clone())
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every file of the last good site by output path (empty before the first good build).
    pub fn files(&self) -> HashMap<String, Content> {
        self.good
            .as_ref()
            .map(|g| g.files.clone())
            .unwrap_or_default()
    }

    /// Puts the files from [`background_files`] for `generation` in place, unless a newer site
    /// exists. Returns whether they were used.
    pub fn set_background(&mut self, generation: u64, files: Vec<OutputFile>) -> bool {
        let Some(good) = self.good.as_mut() else {
            return false;
        };
        if generation != self.generation {
            return false;
        }
        Good::replace(&mut good.files, &mut good.background_paths, files);
        true
    }

    /// Rebuilds after `changed` files (absolute, or relative to the root) were written, created,
    /// renamed or deleted.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Option<Outcome> {
        let started = Instant::now();
        let root = self.options.root.clone();
        let mut content = HashSet::new();
        let mut stylesheets = Vec::new();
        let mut area = Area::Outside;
        for path in changed {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let a = self.area_of(rel);
            match a {
                Area::Content => {
                    content.insert(rel.to_path_buf());
                }
                Area::Stylesheet => stylesheets.push(rel.to_path_buf()),
                _ => {}
            }
            area = area.max(a);
        }
        match area {
            Area::Outside => None,
            Area::Stylesheet => {
                self.statics_dirty = true;
                if let (Some(good), Ok(theme)) = (self.good.as_mut(), self.theme.as_ref()) {
                    // A new stylesheet must be listed; edited ones are read from disk anyway.
                    good.relist_statics(&root, &theme.static_dirs);
                    self.statics_dirty = false;
                }
                let urls = self.stylesheet_urls(&stylesheets);
                Some(Outcome::Built {
                    reload: if urls.is_empty() {
                        Reload::Nothing
                    } else {
                        Reload::Stylesheets(urls)
                    },
                    rendered: 0,
                    warnings: Vec::new(),
                    took: started.elapsed(),
                    steps: Vec::new(),
                    search_stale: false,
                })
            }
            Area::Static => {
                // Static files are served from disk; only the list of them may have changed.
                // Pictures are checked by the place checks, so those run again.
                self.memo = Memo::default();
                self.statics_dirty = true;
                let mut outcome = self.rebuild_content(&Changed::Only(content), started);
                // Any page may show a picture that just appeared or went away.
                if let Outcome::Built { reload, .. } = &mut outcome {
                    *reload = Reload::All;
                }
                Some(outcome)
            }
            Area::Content => Some(self.rebuild_content(&Changed::Only(content), started)),
            Area::Templates => {
                self.load_theme();
                Some(self.rebuild_content(&Changed::Only(content), started))
            }
            Area::Config => {
                self.read_config();
                self.load_theme();
                self.memo = Memo::default();
                Some(self.rebuild_content(&Changed::Only(content), started))
            }
        }
    }

    /// Whether a change of `path` (absolute or relative to the root) can change the site.
    pub fn affects(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.options.root).unwrap_or(path);
        self.area_of(rel) != Area::Outside
    }

    fn area_of(&self, rel: &Path) -> Area {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if load::is_ignored_name(&name) || is_editor_temp(&name) {
            return Area::Outside;
        }
        if rel == Path::new(config::SITE_FILE) {
            return Area::Config;
        }
        let theme = self.config.as_ref().map(|c| c.theme.as_str());
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default();
        let (in_static, in_templates) = match first.as_ref() {
            "templates" => (false, true),
            "static" => (true, false),
            "themes" => {
                let this_theme = parts.next().is_some_and(|t| Some(t.as_ref()) == theme);
                match parts.next().as_deref() {
                    Some("templates") if this_theme => (false, true),
                    Some("static") if this_theme => (true, false),
                    _ => (false, false),
                }
            }
            "places" | "content" => return Area::Content,
            _ => (false, false),
        };
        if in_templates {
            Area::Templates
        } else if in_static {
            if rel.extension().is_some_and(|e| e == "css") {
                Area::Stylesheet
            } else {
                Area::Static
            }
        } else {
            Area::Outside
        }
    }

    /// URL paths of the given static files, as served.
    fn stylesheet_urls(&self, files: &[PathBuf]) -> Vec<String> {
        let Some(theme) = self.theme.as_ref().ok() else {
            return Vec::new();
        };
        let base = self
            .config
            .as_ref()
            .map_or("/", |c| c.base_path.as_str())
            .to_string();
        let mut urls: Vec<String> = files
            .iter()
            .filter_map(|f| {
                theme
                    .static_dirs
                    .iter()
                    .find_map(|d| f.strip_prefix(d).ok())
                    .map(|rel| format!("{base}{}", rel.to_string_lossy().replace('\\', "/")))
            })
            .collect();
        urls.sort();
        urls.dedup();
        urls
    }

    fn read_config(&mut self) {
        let mut diags = Vec::new();
        self.config_source = Sources::default();
        let text = load::read_text(&self.options.root, Path::new(config::SITE_FILE), &mut diags);
        self.config = text.as_ref().and_then(|t| {
            self.config_source
                .insert(PathBuf::from(config::SITE_FILE), Arc::clone(t));
            SiteConfig::parse(t, self.options.base_url.as_deref(), &mut diags)
        });
        self.config_errors = diags;
    }

    fn load_theme(&mut self) {
        self.cards = CardCache::default();
        self.theme_dirty = true;
        self.statics_dirty = true;
        self.theme = match &self.config {
            Some(c) => Theme::load(&self.options.root, &c.theme),
            None => Err(Vec::new()),
        };
    }

    /// The texts of the files, for quoting them in findings.
    fn sources(&self) -> Sources {
        let mut sources = self.config_source.clone();
        sources.extend(self.loader.sources());
        sources
    }

    fn rebuild_content(&mut self, changed: &Changed, started: Instant) -> Outcome {
        let mut steps = Steps::new(started);
        let root = self.options.root.clone();
        let files = self.loader.load(&root, changed);
        let mut diags = self.config_errors.clone();
        diags.extend(files.diagnostics.iter().cloned());
        steps.mark("lesen");
        let Some(config) = self.config.clone() else {
            return failed(diags, self.sources(), started);
        };
        let (site, mut found) = validate::validate_with(
            config,
            &files,
            &root,
            self.options.today,
            Some(&mut self.memo),
        );
        drop(files);
        diags.append(&mut found);
        steps.mark("prüfen");
        let theme = match &self.theme {
            Ok(t) => t,
            Err(d) => {
                diags.extend(d.iter().cloned());
                return failed(diags, self.sources(), started);
            }
        };
        if diags.iter().any(Diagnostic::is_error) {
            return failed(diags, self.sources(), started);
        }
        let old_site = self.good.as_ref().and_then(|g| g.site.as_deref());
        let changes = match (old_site, self.theme_dirty) {
            (Some(old), false) => Changes::between(old, &site),
            _ => Changes::all(),
        };
        steps.mark("vergleichen");
        let pages = match render::render_pages(&site, theme, &self.cards, &changes) {
            Ok(p) => p,
            Err(mut d) => {
                diags.append(&mut d);
                return failed(diags, self.sources(), started);
            }
        };
        let rendered = pages.len();
        let base_path = site.config.base_path.clone();
        steps.mark("seiten");

        let first = self.good.is_none();
        let mut good = self.good.take().unwrap_or_default();
        let mut reload = Vec::new();
        let pages_changed = match &good.site {
            Some(old) => changes.pages_added_or_removed(old, &site),
            None => true,
        };
        if pages_changed {
            let paths: HashSet<String> = render::page_paths(&site).into_iter().collect();
            good.files
                .retain(|path, _| !good.page_paths.contains(path) || paths.contains(path));
            good.page_paths = paths;
        }
        for page in pages {
            if good.files.get(&page.path) != Some(&page.content) {
                reload.push(url_path(&base_path, &page.path));
            }
            good.files.insert(page.path, page.content);
        }
        let records_changed = !changes.is_empty();
        if self.statics_dirty {
            good.relist_statics(&root, &theme.static_dirs);
            self.statics_dirty = false;
        }
        let reload = if first || changes.everything {
            Reload::All
        } else if reload.is_empty() {
            Reload::Nothing
        } else {
            reload.sort();
            reload.dedup();
            Reload::Pages(reload)
        };
        self.generation += 1;
        self.theme_dirty = false;
        good.site = Some(Arc::new(site));
        self.good = Some(good);
        diagnostics::sort(&mut diags);
        steps.mark("zusammenstellen");
        Outcome::Built {
            reload,
            rendered,
            warnings: diags,
            took: started.elapsed(),
            steps: steps.done,
            search_stale: records_changed,
        }
    }
}

/// The files made from all records at once, which only some pages read: the search index, the
/// places' GeoJSON, the sitemap.
pub fn background_files(site: &Site) -> Vec<OutputFile> {
    let (mut files, search) = rayon::join(
        || outputs::data_files(site),
        || crate::search::output::files(&crate::search::SearchIndex::build(site)),
    );
    files.extend(search);
    files
}

/// Times the steps of a rebuild.
struct Steps {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Steps {
    fn new(started: Instant) -> Self {
        Steps {
            last: started,
            done: Vec::new(),
        }
    }

    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }
}

fn failed(mut diagnostics: Vec<Diagnostic>, sources: Sources, started: Instant) -> Outcome {
    diagnostics.retain(Diagnostic::is_error);
    diagnostics::sort(&mut diagnostics);
    Outcome::Failed {
        diagnostics,
        sources,
        took: started.elapsed(),
    }
}

/// The URL path of an output file: `lernorte/x/index.html` → `/lernorte/x/`.
pub fn url_path(base_path: &str, output_path: &str) -> String {
    let p = output_path
        .strip_suffix("index.html")
        .unwrap_or(output_path);
    format!("{base_path}{p}")
}

/// Files editors write next to the real one while saving (vim's `4913`, JetBrains' `___jb_`,
/// Emacs lock files, downloads in progress).
fn is_editor_temp(name: &str) -> bool {
    name == "4913"
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".bak")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
        || name.contains("___jb_")
        || name.starts_with(".#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_of_pages_and_files() {
        assert_eq!(url_path("/", "index.html"), "/");
        assert_eq!(url_path("/", "lernorte/a/index.html"), "/lernorte/a/");
        assert_eq!(url_path("/natur/", "404.html"), "/natur/404.html");
    }

    /// Copies the sample site of the repository (records, pages, theme) to a new folder.
    fn sample_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
        for folder in ["places", "content", "themes"] {
            for entry in walkdir::WalkDir::new(repo.join(folder))
                .into_iter()
                .flatten()
            {
                let rel = entry
                    .path()
                    .strip_prefix(repo)
                    .expect("inside the repository");
                let target = dir.path().join(rel);
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&target).expect("folder");
                } else {
                    std::fs::copy(entry.path(), &target).expect("file");
                }
            }
        }
        dir
    }

    /// Every page of the session's site is the page a full build makes of the same files.
    fn assert_pages_as_in_a_full_build(session: &Session, options: &BuildOptions, after: &str) {
        let full = crate::build_in_memory(options).unwrap_or_else(|_| panic!("{after}: build"));
        let incremental = session.files();
        let mut pages = 0;
        for file in full.files.iter().filter(|f| f.path.ends_with(".html")) {
            let (Content::Bytes(want), Some(Content::Bytes(got))) =
                (&file.content, incremental.get(&file.path))
            else {
                panic!("{after}: {} missing from the preview", file.path);
            };
            assert!(
                want == got,
                "{after}: {} differs from a full build",
                file.path
            );
            pages += 1;
        }
        assert!(pages > 100, "{after}: only {pages} pages compared");
    }

    /// The preview reuses unchanged records from earlier rebuilds (shared, not copied) and
    /// renders only what changed; after edits, also one that moves a place to the front of
    /// the sorted list (so every other place's offers point at a new index), its pages must
    /// be those of a full build.
    #[test]
    fn rebuilds_after_edits_render_what_a_full_build_renders() {
        let site = sample_site();
        let mut options = BuildOptions::new(site.path());
        options.today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).expect("date");
        let (mut session, first) = Session::new(options.clone());
        assert!(matches!(first, Outcome::Built { .. }), "first build failed");
        let file = site.path().join("places/bachlabor-feuerbach.yaml");
        let original = std::fs::read_to_string(&file).expect("place file");
        let edits = [
            (
                "a new short description",
                original.replacen("kurzbeschreibung: ", "kurzbeschreibung: Neu! ", 1),
            ),
            (
                "a new name that sorts first",
                original.replacen("name: ", "name: AAA ", 1),
            ),
            ("the original file again", original.clone()),
        ];
        for (after, text) in edits {
            assert!(
                text != original || after.contains("original"),
                "{after}: no edit"
            );
            std::fs::write(&file, text).expect("write");
            let outcome = session.rebuild(std::slice::from_ref(&file));
            assert!(
                matches!(outcome, Some(Outcome::Built { .. })),
                "{after}: rebuild failed"
            );
            assert_pages_as_in_a_full_build(&session, &options, after);
        }
    }

    #[test]
    fn editor_files_are_not_changes() {
        assert!(is_editor_temp("4913"));
        assert!(is_editor_temp("wilhelma.yaml___jb_tmp___"));
        assert!(!is_editor_temp("wilhelma.yaml"));
    }
}
