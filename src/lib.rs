//! lernorte: a static site generator for the learning places of "Natur erleben Stuttgart".
//!
//! The pipeline, one module per step:
//! [`load`] reads the files → [`validate`] checks them and builds the [`model::Site`] →
//! [`render`] turns the model into output files (pure: collected in memory for the preview,
//! or handed on one by one) → [`write`] puts each file into a fresh folder as it comes and
//! replaces the output folder with it atomically. [`diagnostics`] carries every finding to the
//! person who has to act.

pub mod check;
pub mod config;
pub mod coverage;
pub mod diagnostics;
pub mod format;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod outputs;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod spans;
pub mod validate;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use config::SiteConfig;
use diagnostics::{Diagnostic, Sources};
use model::Site;
use render::{OutputFile, Theme};

/// What a build needs to know besides the files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides `base_url` from site.yaml (for previews and deployments under another address).
    pub base_url: Option<String>,
    /// The day from which dates count as upcoming.
    pub today: NaiveDate,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            base_url: None,
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// Why a build produced no site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("In {0} gibt es keine site.yaml; das ist kein lernorte-Projekt.")]
    NotASite(PathBuf),
    #[error("Die Inhalte enthalten Fehler.")]
    Content {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
    },
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// A site in memory: the model, its rendered files, and the findings (warnings only when the
/// build succeeded).
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub timings: Timings,
}

/// How long each step took.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    pub render: Duration,
    pub search: Duration,
    pub write: Duration,
}

/// The site read and validated, before anything is rendered: what `build` renders and what
/// `check` looks at further.
pub struct Validated {
    /// `None` when `site.yaml` could not be used; the diagnostics say why.
    pub site: Option<Site>,
    /// The files as read, with their source maps (for positions of later findings).
    pub files: load::LoadedFiles,
    /// `None` when the theme's templates did not load; the diagnostics say why.
    pub theme: Option<Theme>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    pub timings: Timings,
}

impl Validated {
    pub fn has_errors(&self) -> bool {
        self.site.is_none()
            || self.theme.is_none()
            || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and validates the site and loads its theme, collecting every finding.
pub fn load_and_validate(options: &BuildOptions) -> Result<Validated, BuildError> {
    let mut validated = load_and_validate_content(options)?;
    if let Some(site) = &validated.site {
        let started = Instant::now();
        validated.theme = Theme::load(&options.root, &site.config.theme)
            .map_err(|mut d| validated.diagnostics.append(&mut d))
            .ok();
        validated.timings.validate += started.elapsed();
    }
    Ok(validated)
}

/// Loads and validates `site.yaml` and the records without the theme (`theme` stays `None`):
/// for what only counts records, such as `lernorte report`.
pub fn load_and_validate_content(options: &BuildOptions) -> Result<Validated, BuildError> {
    let root = &options.root;
    let mut timings = Timings::default();
    let started = Instant::now();
    let site_file = root.join(config::SITE_FILE);
    if !site_file.is_file() {
        return Err(BuildError::NotASite(root.clone()));
    }
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    let config_text = load::read_text(root, Path::new(config::SITE_FILE), &mut diags);
    let config = config_text.as_ref().and_then(|t| {
        sources.insert(PathBuf::from(config::SITE_FILE), t.clone());
        SiteConfig::parse(t, options.base_url.as_deref(), &mut diags)
    });
    let mut files = load::load(root);
    timings.load = started.elapsed();
    diags.append(&mut files.diagnostics);
    sources.extend(std::mem::take(&mut files.sources));
    let Some(config) = config else {
        return Ok(Validated {
            site: None,
            files,
            theme: None,
            diagnostics: diags,
            sources,
            timings,
        });
    };
    let started = Instant::now();
    let (site, mut validation) = validate::validate(config, &files, root, options.today);
    diags.append(&mut validation);
    timings.validate = started.elapsed();
    Ok(Validated {
        site: Some(site),
        files,
        theme: None,
        diagnostics: diags,
        sources,
        timings,
    })
}

/// A site that loaded and validated without errors, with its theme: ready to render.
struct Ready {
    site: Site,
    theme: Theme,
    diagnostics: Vec<Diagnostic>,
    sources: Sources,
    timings: Timings,
}

fn load_ready(options: &BuildOptions) -> Result<Ready, BuildError> {
    let validated = load_and_validate(options)?;
    let Validated {
        site: Some(site),
        theme: Some(theme),
        diagnostics,
        sources,
        timings,
        ..
    } = validated
    else {
        return Err(content_error(validated.diagnostics, validated.sources));
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(content_error(diagnostics, sources));
    }
    Ok(Ready {
        site,
        theme,
        diagnostics,
        sources,
        timings,
    })
}

/// The search index's files, and how long they took.
fn search_files(site: &Site) -> (Vec<OutputFile>, Duration) {
    let started = Instant::now();
    let files = search::output::files(&search::SearchIndex::build(site));
    (files, started.elapsed())
}

/// Loads, validates and renders the site in memory.
pub fn build_in_memory(options: &BuildOptions) -> Result<Built, BuildError> {
    let root = &options.root;
    let Ready {
        site,
        theme,
        diagnostics: mut diags,
        sources,
        mut timings,
    } = load_ready(options)?;
    // The search index does not depend on the pages; build both at once.
    let ((rendered, render_time), (search_files, search_time)) = rayon::join(
        || {
            let started = Instant::now();
            let r = render::render_site(&site, &theme, root);
            (r, started.elapsed())
        },
        || search_files(&site),
    );
    timings.render = render_time;
    timings.search = search_time;
    match rendered {
        Ok(mut output) => {
            output.extend(search_files);
            diagnostics::sort(&mut diags);
            Ok(Built {
                site,
                files: output,
                diagnostics: diags,
                sources,
                timings,
            })
        }
        Err(mut d) => {
            diags.append(&mut d);
            Err(content_error(diags, sources))
        }
    }
}

fn content_error(mut diagnostics: Vec<Diagnostic>, sources: Sources) -> BuildError {
    diagnostics::sort(&mut diagnostics);
    BuildError::Content {
        diagnostics,
        sources,
    }
}

/// A site built to disk: the model and the findings, but not the files, which went to disk as
/// they were rendered.
pub struct Written {
    pub site: Site,
    /// HTML pages written.
    pub pages: usize,
    /// All files written, pages included.
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// `render` covers rendering and writing the pages, which happen together; `write` is the
    /// time spent writing files, summed over the threads that wrote them.
    pub timings: Timings,
}

/// Builds the site and writes it to `out`, each file as soon as it is rendered, so that memory
/// does not grow with the size of the output. The previous content of `out` stays untouched
/// when anything fails.
pub fn build(options: &BuildOptions, out: &Path) -> Result<Written, BuildError> {
    write::check_output_dir(&options.root, out)?;
    let Ready {
        site,
        theme,
        diagnostics: mut diags,
        mut sources,
        mut timings,
    } = load_ready(options)?;
    // Only findings are printed from here on; the pages' own sources are in the model.
    sources.keep_only_for(&diags);
    let staging = write::Staging::begin(&options.root, out)?;
    let pages = AtomicUsize::new(0);
    let write_nanos = AtomicU64::new(0);
    let put = |file: OutputFile| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        let started = Instant::now();
        let result = staging.put(&file);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        write_nanos.fetch_add(nanos, Ordering::Relaxed);
        result
    };
    let ((rendered, render_time), (search, search_time)) = rayon::join(
        || {
            let started = Instant::now();
            let r = render::render_site_each(&site, &theme, &options.root, put);
            (r, started.elapsed())
        },
        || {
            let (files, time) = search_files(&site);
            let count = files.len();
            let written = files.into_par_iter().try_for_each(put).map(|()| count);
            (written, time)
        },
    );
    timings.render = render_time;
    timings.search = search_time;
    let files = match rendered {
        Ok(n) => n,
        Err(render::RenderFailure::Templates(mut d)) => {
            diags.append(&mut d);
            return Err(content_error(diags, sources));
        }
        Err(render::RenderFailure::Sink(e)) => return Err(e.into()),
    };
    let search_files = search?;
    let started = Instant::now();
    staging.finish()?;
    timings.write = Duration::from_nanos(write_nanos.into_inner()) + started.elapsed();
    diagnostics::sort(&mut diags);
    Ok(Written {
        site,
        pages: pages.into_inner(),
        files: files + search_files,
        diagnostics: diags,
        sources,
        timings,
    })
}
