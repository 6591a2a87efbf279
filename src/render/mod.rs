//! Rendering: the theme's Tera templates, the list of pages a site has, and each page's
//! context. Pure: a site model goes in, output files come out; nothing here touches `public/`.

pub mod cards;
pub mod changes;
pub mod jsonld;
pub mod qr;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Position};
use crate::model::{Site, Taxonomy};
use crate::outputs;
use cards::{CardCache, Cards};
use changes::Changes;
use views::{FooterLink, PageMeta, SiteView, TermView, Views};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, `/`-separated, e.g. `lernorte/wilhelma/index.html`.
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Shared, so the preview server hands out a page without copying it; a `Vec` inside, so
    /// that making a page does not copy it either (an `Arc<[u8]>` from a `Vec` would).
    Bytes(Arc<Vec<u8>>),
    /// A static file copied as it is.
    Copy(PathBuf),
}

impl OutputFile {
    pub fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile {
            path: path.into(),
            content: Content::Bytes(Arc::new(text.into_bytes())),
        }
    }

    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            content: Content::Bytes(Arc::new(bytes)),
        }
    }
}

/// The loaded templates of a theme, with the site's overrides applied.
pub struct Theme {
    tera: Tera,
    /// Template name → file it came from (relative to the site root), for error messages.
    files: HashMap<String, PathBuf>,
    /// Static folders in order of precedence (theme first, site last, later wins).
    pub static_dirs: Vec<PathBuf>,
}

/// Collects `*.html` under `dir` as (template name, file).
fn template_files(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let abs = root.join(dir);
    walkdir::WalkDir::new(&abs)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(&abs)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let rel = e.path().strip_prefix(root).ok()?.to_path_buf();
            Some((name, rel))
        })
        .collect()
}

fn tera_diagnostic(
    error: &tera::Error,
    files: &HashMap<String, PathBuf>,
    fallback: &Path,
) -> Diagnostic {
    let (report, kind) = match error.kind() {
        tera::ErrorKind::SyntaxError(r) => (Some(r), "Syntaxfehler in der Vorlage"),
        tera::ErrorKind::RenderingError(r) => (Some(r), "Fehler beim Anwenden der Vorlage"),
        _ => (None, "Fehler in den Vorlagen"),
    };
    match report {
        Some(r) => {
            let file = files
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| fallback.join(r.filename()));
            let span = r.span();
            Diagnostic::error("vorlage", file, format!("{kind}: {}", r.message())).at(Some(
                Position {
                    line: span.start_line,
                    column: span.start_col + 1,
                    width: 1,
                },
            ))
        }
        None => Diagnostic::error("vorlage", fallback, format!("{kind}: {error}")),
    }
}

impl Theme {
    /// Loads `themes/<name>/templates/` and then the site's `templates/`, which override
    /// templates of the same name.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = Path::new("themes").join(name);
        if !root.join(&theme_dir).is_dir() {
            return Err(vec![
                Diagnostic::error(
                    "theme-fehlt",
                    "site.yaml",
                    format!("Das Theme „{name}“ gibt es nicht (Ordner „themes/{name}“ fehlt)."),
                )
                .key("theme")
                .hint("Tragen Sie in site.yaml „theme: default“ ein."),
            ]);
        }
        let mut templates: Vec<(String, PathBuf)> =
            template_files(root, &theme_dir.join("templates"));
        for (name, file) in template_files(root, Path::new("templates")) {
            templates.retain(|(n, _)| *n != name);
            templates.push((name, file));
        }
        let mut sources = Vec::new();
        let mut diags = Vec::new();
        for (name, file) in &templates {
            let mut d = Vec::new();
            if let Some(text) = crate::load::read_text(root, file, &mut d) {
                sources.push((name.clone(), text));
            }
            diags.append(&mut d);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let files: HashMap<String, PathBuf> = templates.into_iter().collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::format::write_escaped_html);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), &**t))) {
            return Err(vec![tera_diagnostic(&e, &files, &theme_dir)]);
        }
        let required = [
            "index.html",
            "lernorte.html",
            "lernort.html",
            "angebote.html",
            "angebot.html",
            "taxonomie.html",
            "begriff.html",
            "seite.html",
            "suche.html",
            "karte.html",
            "daten.html",
            "abdeckung.html",
            "404.html",
        ];
        let missing: Vec<Diagnostic> = required
            .iter()
            .filter(|t| !files.contains_key(**t))
            .map(|t| {
                Diagnostic::error(
                    "vorlage-fehlt",
                    theme_dir.join("templates"),
                    format!("Die Vorlage „{t}“ fehlt im Theme."),
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Theme {
            tera,
            files,
            static_dirs: vec![theme_dir.join("static"), PathBuf::from("static")],
        })
    }
}

/// What one page is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Job {
    Home,
    Places,
    Place(usize),
    Offers,
    Offer(usize),
    TaxonomyIndex(Taxonomy),
    Term(Taxonomy, usize),
    Free(usize),
    Search,
    Map,
    /// `/daten/`: the open data files and their metadata.
    Data,
    /// `/netzwerk/abdeckung/`: places and offers per district, for the network's coordinators.
    Coverage,
    NotFound,
}

impl Job {
    fn output_path(self, site: &Site) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Places => "lernorte/index.html".into(),
            Job::Place(i) => format!("lernorte/{}/index.html", site.places[i].slug),
            Job::Offers => "angebote/index.html".into(),
            Job::Offer(i) => format!("angebote/{}/index.html", site.offers[i].slug),
            Job::TaxonomyIndex(t) => format!("{}/index.html", t.slug()),
            Job::Term(t, i) => {
                format!("{}/{}/index.html", t.slug(), site.vocabulary(t).get(i).slug)
            }
            Job::Free(i) => format!("{}/index.html", site.pages[i].slug),
            Job::Search => "suche/index.html".into(),
            Job::Map => "karte/index.html".into(),
            Job::Data => "daten/index.html".into(),
            Job::Coverage => format!("{}index.html", crate::coverage::PAGE),
            Job::NotFound => "404.html".into(),
        }
    }
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Places,
        Job::Offers,
        Job::Search,
        Job::Map,
        Job::Data,
        Job::Coverage,
        Job::NotFound,
    ];
    jobs.extend((0..site.places.len()).map(Job::Place));
    jobs.extend((0..site.offers.len()).map(Job::Offer));
    for t in Taxonomy::ALL {
        jobs.push(Job::TaxonomyIndex(t));
        jobs.extend((0..site.vocabulary(t).len()).map(|i| Job::Term(t, i)));
    }
    jobs.extend((0..site.pages.len()).map(Job::Free));
    jobs
}

/// Per-term lists of places and offers, built once (no per-page scans of the whole site).
struct TermIndex {
    places: HashMap<(usize, usize), Vec<usize>>,
    offers: HashMap<(usize, usize), Vec<usize>>,
}

fn tax_id(t: Taxonomy) -> usize {
    Taxonomy::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

impl TermIndex {
    fn new(site: &Site) -> Self {
        let mut places: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        let mut offers: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for t in Taxonomy::ALL {
            for (i, p) in site.places.iter().enumerate() {
                for term in site.place_terms(p, t) {
                    places.entry((tax_id(t), term)).or_default().push(i);
                }
            }
            for (i, o) in site.offers.iter().enumerate() {
                for term in site.offer_terms(o, t) {
                    offers.entry((tax_id(t), term)).or_default().push(i);
                }
            }
        }
        TermIndex { places, offers }
    }

    fn places(&self, t: Taxonomy, term: usize) -> &[usize] {
        self.places
            .get(&(tax_id(t), term))
            .map_or(&[], Vec::as_slice)
    }

    fn offers(&self, t: Taxonomy, term: usize) -> &[usize] {
        self.offers
            .get(&(tax_id(t), term))
            .map_or(&[], Vec::as_slice)
    }
}

struct Renderer<'a> {
    site: &'a Site,
    views: &'a Views<'a>,
    theme: &'a Theme,
    site_view: tera::Value,
    terms: TermIndex,
    cards: Cards<'a>,
    page_sizes: PageSizes,
}

/// A template error, on the page itself or on a card it shows (shared by every page with it).
enum RenderError {
    Page(tera::Error),
    Card(Arc<tera::Error>),
}

impl RenderError {
    fn tera(&self) -> &tera::Error {
        match self {
            RenderError::Page(e) => e,
            RenderError::Card(e) => e,
        }
    }
}

impl From<tera::Error> for RenderError {
    fn from(e: tera::Error) -> Self {
        RenderError::Page(e)
    }
}

impl From<Arc<tera::Error>> for RenderError {
    fn from(e: Arc<tera::Error>) -> Self {
        RenderError::Card(e)
    }
}

impl Renderer<'_> {
    fn meta(&self, titel: &str, beschreibung: &str, path: &str) -> PageMeta {
        let url_path = path.strip_suffix("index.html").unwrap_or(path);
        PageMeta {
            titel: titel.to_string(),
            beschreibung: beschreibung.to_string(),
            url: format!("{}{url_path}", self.site.config.base_path),
            kanonisch: format!("{}{url_path}", self.site.config.base_url),
            bild: None,
        }
    }

    /// The JSON-LD of a place or offer page (`strukturdaten`) and the QR code of its address
    /// for the printed page (`qr_code`, absent if the address is too long to encode).
    fn insert_print_and_structured_data(
        &self,
        ctx: &mut Context,
        structured: &serde_json::Value,
        url: &str,
        name: &str,
    ) {
        ctx.insert("strukturdaten", &jsonld::to_script_json(structured));
        if let Some(svg) = qr::svg(url, &format!("QR-Code der Adresse dieser Seite: {name}")) {
            ctx.insert("qr_code", &svg);
        }
    }

    fn term_view(&self, t: Taxonomy, i: usize) -> TermView {
        let link = self.views.term(t, i);
        TermView {
            slug: link.slug,
            name: link.name,
            url: link.url,
            anzahl_lernorte: self.terms.places(t, i).len(),
            anzahl_angebote: self.terms.offers(t, i).len(),
        }
    }

    fn render(&self, job: Job) -> Result<OutputFile, RenderError> {
        let site = self.site;
        let v = self.views;
        let cards = &self.cards;
        let path = job.output_path(site);
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_view.clone());
        let (template, meta) = match job {
            Job::Home => {
                let nonempty = |t: Taxonomy| -> Vec<TermView> {
                    (0..site.vocabulary(t).len())
                        .map(|i| self.term_view(t, i))
                        .filter(|tv| tv.anzahl_lernorte + tv.anzahl_angebote > 0)
                        .collect()
                };
                ctx.insert("anzahl_lernorte", &site.places.len());
                ctx.insert("anzahl_angebote", &site.offers.len());
                for t in Taxonomy::ALL {
                    ctx.insert(t.slug(), &nonempty(t));
                }
                let mut upcoming: Vec<(chrono::NaiveDateTime, usize)> = site
                    .offers
                    .iter()
                    .enumerate()
                    .filter_map(|(i, o)| {
                        o.termine
                            .iter()
                            .find(|t| t.date() >= site.today)
                            .map(|t| (*t, i))
                    })
                    .collect();
                upcoming.sort();
                ctx.insert_value(
                    "naechste_termine",
                    cards.offers(upcoming.iter().take(6).map(|(_, i)| *i))?,
                );
                // Without a publication date, "new" means most recently checked places' offers.
                let mut recent: Vec<usize> = (0..site.offers.len()).collect();
                recent.sort_by_key(|&i| {
                    std::cmp::Reverse(site.places[site.offers[i].place].geprueft_am)
                });
                ctx.insert_value("neue_angebote", cards.offers(recent.into_iter().take(6))?);
                (
                    "index.html",
                    self.meta(&site.config.titel, &site.config.beschreibung, &path),
                )
            }
            Job::Places => {
                ctx.insert_value("lernorte", cards.places(0..site.places.len())?);
                let text = format!("Alle {} Lernorte des Netzwerks.", site.places.len());
                ("lernorte.html", self.meta("Alle Lernorte", &text, &path))
            }
            Job::Place(i) => {
                let p = &site.places[i];
                ctx.insert("lernort", &v.place_view(p));
                self.insert_print_and_structured_data(
                    &mut ctx,
                    &jsonld::place(site, p),
                    &jsonld::place_url(site, p),
                    &p.name,
                );
                ctx.insert_value(
                    "angebote",
                    cards.offers(site.offers_by_place[i].iter().copied())?,
                );
                let mut meta = self.meta(&p.name, &p.kurzbeschreibung, &path);
                meta.bild = p.bilder.first().map(|b| views::ImageMeta {
                    url: format!("{}{}", site.config.base_url, b.datei),
                    alt: b.alt.clone(),
                });
                ("lernort.html", meta)
            }
            Job::Offers => {
                ctx.insert_value("angebote", cards.offers(0..site.offers.len())?);
                let text = format!("Alle {} Angebote der Lernorte.", site.offers.len());
                ("angebote.html", self.meta("Alle Angebote", &text, &path))
            }
            Job::Offer(i) => {
                let o = &site.offers[i];
                ctx.insert("angebot", &v.offer_view(o));
                self.insert_print_and_structured_data(
                    &mut ctx,
                    &jsonld::offer(site, o),
                    &jsonld::offer_url(site, o),
                    &o.titel,
                );
                ctx.insert_value("lernort", cards.place(o.place)?);
                let text = if o.auszug.is_empty() {
                    o.titel.clone()
                } else {
                    o.auszug.clone()
                };
                ("angebot.html", self.meta(&o.titel, &text, &path))
            }
            Job::TaxonomyIndex(t) => {
                ctx.insert("taxonomie", &v.taxonomy(t));
                let terms: Vec<_> = (0..site.vocabulary(t).len())
                    .map(|i| self.term_view(t, i))
                    .collect();
                ctx.insert("begriffe", &terms);
                let text = format!("Lernorte und Angebote nach {}.", t.plural());
                ("taxonomie.html", self.meta(t.plural(), &text, &path))
            }
            Job::Term(t, i) => {
                let term = self.term_view(t, i);
                let places = cards.places(self.terms.places(t, i).iter().copied())?;
                let offers = cards.offers(self.terms.offers(t, i).iter().copied())?;
                let text = format!(
                    "{}: {} – {} Lernorte und {} Angebote.",
                    t.singular(),
                    term.name,
                    term.anzahl_lernorte,
                    term.anzahl_angebote
                );
                let titel = format!("{}: {}", t.singular(), term.name);
                ctx.insert("taxonomie", &v.taxonomy(t));
                ctx.insert("begriff", &term);
                ctx.insert_value("lernorte", places);
                ctx.insert_value("angebote", offers);
                ("begriff.html", self.meta(&titel, &text, &path))
            }
            Job::Free(i) => {
                let page = &site.pages[i];
                #[derive(serde::Serialize)]
                struct Inhalt<'a> {
                    titel: &'a str,
                    inhalt_html: &'a str,
                }
                ctx.insert(
                    "inhalt",
                    &Inhalt {
                        titel: &page.titel,
                        inhalt_html: &page.inhalt_html,
                    },
                );
                let text = page
                    .beschreibung
                    .clone()
                    .unwrap_or_else(|| page.titel.clone());
                ("seite.html", self.meta(&page.titel, &text, &path))
            }
            Job::Map => {
                let kategorien: Vec<_> = site.config.kategorien.terms.iter().collect();
                ctx.insert("kategorien", &kategorien);
                ctx.insert("anzahl_lernorte", &site.places.len());
                ctx.insert(
                    "anzahl_ohne_lage",
                    &site.places.iter().filter(|p| p.lage.is_none()).count(),
                );
                (
                    "karte.html",
                    self.meta(
                        "Karte",
                        "Alle Lernorte in Stuttgart auf einer Karte.",
                        &path,
                    ),
                )
            }
            Job::Search => {
                ctx.insert("facetten", &crate::search::index::facets(site));
                (
                    "suche.html",
                    self.meta("Suche", "Lernorte und Angebote durchsuchen.", &path),
                )
            }
            Job::Data => {
                ctx.insert("daten", &outputs::open_data::page(site));
                (
                    "daten.html",
                    self.meta(
                        "Offene Daten",
                        "Alle Lernorte und Angebote als CSV, JSON, GeoJSON, Kalender und Feed zum Herunterladen, mit Beschreibung der Felder und Lizenz.",
                        &path,
                    ),
                )
            }
            Job::Coverage => {
                ctx.insert("abdeckung", &crate::coverage::Coverage::of(site).page(site));
                (
                    "abdeckung.html",
                    self.meta(
                        "Abdeckung nach Stadtbezirken",
                        "Wie viele Lernorte und Angebote gibt es in jedem Stuttgarter Stadtbezirk, wie viele davon kostenlos, für welche Zielgruppen und wo fehlen sie? Tabelle, Karte und CSV.",
                        &path,
                    ),
                )
            }
            Job::NotFound => (
                "404.html",
                self.meta("Seite nicht gefunden", "Diese Seite gibt es nicht.", &path),
            ),
        };
        ctx.insert("seite", &meta);
        // Rendered into a buffer of about the size of the template's last page: Tera's own
        // `render` starts small, grows by copying and then checks the bytes for UTF-8 again.
        let hint = self.page_sizes.hint(template);
        let mut html = Vec::with_capacity(hint);
        self.theme.tera.render_to(template, &ctx, &mut html)?;
        self.page_sizes.note(template, html.len());
        Ok(OutputFile::bytes(path, html))
    }
}

/// The size of the last page rendered from each template, as the starting capacity of the
/// next one (pages of one template differ little in size).
#[derive(Default)]
struct PageSizes(std::sync::Mutex<HashMap<&'static str, usize>>);

impl PageSizes {
    fn hint(&self, template: &'static str) -> usize {
        let last = self
            .0
            .lock()
            .map_or(0, |sizes| sizes.get(template).copied().unwrap_or(0));
        // A little more than the last one, so that a slightly longer page does not copy.
        (last + last / 8).max(4096)
    }

    fn note(&self, template: &'static str, size: usize) {
        if let Ok(mut sizes) = self.0.lock() {
            sizes.insert(template, size);
        }
    }
}

pub(crate) fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    let mut footer: Vec<_> = site.pages.iter().filter(|p| p.menue.is_some()).collect();
    footer.sort_by_key(|p| (p.menue, p.slug.clone()));
    SiteView {
        titel: c.titel.clone(),
        untertitel: c.untertitel.clone(),
        beschreibung: c.beschreibung.clone(),
        sprache: c.sprache.clone(),
        base_url: c.base_url.clone(),
        base_path: c.base_path.clone(),
        beispieldaten: c.beispieldaten,
        kontakt: views::ContactView {
            email: c.kontakt_email.clone(),
            telefon_link: c
                .kontakt_telefon
                .as_deref()
                .and_then(crate::format::tel_link),
            telefon: c.kontakt_telefon.clone(),
        },
        fusszeile: footer
            .into_iter()
            .map(|p| FooterLink {
                titel: p.titel.clone(),
                url: format!("{}{}/", c.base_path, p.slug),
            })
            // The data page is generated, not a free page, so it joins the footer here.
            .chain(std::iter::once(FooterLink {
                titel: "Offene Daten".into(),
                url: format!("{}{}", c.base_path, outputs::open_data::PAGE),
            }))
            // Only reachable by its address unless site.yaml makes it public.
            .chain(c.abdeckung.oeffentlich.then(|| FooterLink {
                titel: "Abdeckung nach Stadtbezirken".into(),
                url: format!("{}{}", c.base_path, crate::coverage::PAGE),
            }))
            .collect(),
        bezirks_quelle: c.karte.bezirksgrenzen_quelle.clone(),
        karte: c.karte.clone(),
        kategorien: c
            .kategorien
            .terms
            .iter()
            .map(|t| t.slug.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Renders every page and data file of the site. Errors are template errors, reported once per
/// template and message however many pages hit them.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    root: &Path,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files = render_pages(site, theme, &CardCache::single_build(), &Changes::all())?;
    files.extend(outputs::data_files(site));
    files.extend(outputs::static_files(root, &theme.static_dirs));
    Ok(files)
}

/// Why [`render_site_each`] stopped.
#[derive(Debug)]
pub enum RenderFailure<E> {
    /// Template errors, once per template and message. The pages that did render were
    /// handed on all the same; the receiver throws them away.
    Templates(Vec<Diagnostic>),
    /// What the receiver of the files returned.
    Sink(E),
}

/// Renders what [`render_site`] renders and hands each file to `each` as soon as it is made,
/// from several threads at once, instead of collecting them: a large site then never sits in
/// memory whole. Returns how many files were handed on. Template errors are collected over all
/// pages before it returns, as in [`render_site`].
pub fn render_site_each<E: Send>(
    site: &Site,
    theme: &Theme,
    root: &Path,
    each: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<usize, RenderFailure<E>> {
    let cards = CardCache::single_build();
    let render_pages = || {
        with_renderer(site, theme, &cards, &Changes::all(), |renderer, jobs| {
            let errors: Result<Vec<RenderError>, E> = jobs
                .par_iter()
                .filter_map(|&job| match renderer.render(job) {
                    Ok(file) => each(file).err().map(Err),
                    Err(e) => Some(Ok(e)),
                })
                .collect();
            match errors {
                Ok(errors) if errors.is_empty() => Ok(jobs.len()),
                Ok(errors) => Err(RenderFailure::Templates(template_diagnostics(
                    errors, site, theme,
                ))),
                Err(e) => Err(RenderFailure::Sink(e)),
            }
        })
    };
    // Beside the pages, so that no step waits for a single slow file.
    let other_files = || {
        let data = outputs::each_data_file(site, &each)?;
        let assets = outputs::static_files(root, &theme.static_dirs);
        let count = assets.len();
        assets.into_par_iter().try_for_each(&each)?;
        Ok(data + count)
    };
    let (pages, others) = rayon::join(render_pages, other_files);
    let pages = pages?;
    Ok(pages + others.map_err(RenderFailure::Sink)?)
}

/// The output paths of every page of `site` (not data or static files).
pub fn page_paths(site: &Site) -> Vec<String> {
    jobs(site)
        .into_iter()
        .map(|j| j.output_path(site))
        .collect()
}

/// Sets up what every page shares (site view, term lists, cards) once, and hands it with the
/// pages that `changes` touches to `f`.
fn with_renderer<R>(
    site: &Site,
    theme: &Theme,
    cards: &CardCache,
    changes: &Changes,
    f: impl FnOnce(&Renderer, Vec<Job>) -> R,
) -> R {
    let site_value = tera::Value::from_serializable(&site_view(site));
    let views = Views::new(site);
    let renderer = Renderer {
        site,
        views: &views,
        theme,
        site_view: site_value,
        terms: TermIndex::new(site),
        cards: Cards::new(&theme.tera, &views, site, cards, changes),
        page_sizes: PageSizes::default(),
    };
    let jobs: Vec<Job> = jobs(site)
        .into_iter()
        .filter(|&j| changes.touches(j, site))
        .collect();
    f(&renderer, jobs)
}

/// One diagnostic per template and message, however many pages hit it.
fn template_diagnostics(
    errors: impl IntoIterator<Item = RenderError>,
    site: &Site,
    theme: &Theme,
) -> Vec<Diagnostic> {
    let theme_dir = Path::new("themes").join(&site.config.theme);
    let mut diags: Vec<Diagnostic> = Vec::new();
    for e in errors {
        let d = tera_diagnostic(e.tera(), &theme.files, &theme_dir);
        if !diags.contains(&d) {
            diags.push(d);
        }
    }
    diags
}

/// Renders the pages that `changes` touches, reusing the cards in `cards`.
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    cards: &CardCache,
    changes: &Changes,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let results: Vec<Result<OutputFile, RenderError>> =
        with_renderer(site, theme, cards, changes, |renderer, jobs| {
            jobs.par_iter().map(|&job| renderer.render(job)).collect()
        });
    let mut files = Vec::with_capacity(results.len() + 16);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(template_diagnostics(errors, site, theme));
    }
    cards.retain(site);
    Ok(files)
}
