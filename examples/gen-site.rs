//! Generates a deterministic, realistic test site for lernorte: `site.yaml`, places, offers,
//! free pages and a copy of the themes, with German texts (umlauts, compounds, inflected forms)
//! for benchmarking the build and the German search.
//!
//! ```sh
//! cargo run --release --example gen-site -- --places 1000 --seed 1 --out /tmp/site-1k
//! cargo run --release -- build --root /tmp/site-1k --out /tmp/site-1k/public
//! cargo run --release --example gen-site -- --places 1000 --seed 1 --format hugo --out /tmp/hugo-1k
//! hugo --source /tmp/hugo-1k --destination /tmp/hugo-1k/public
//! ```
//!
//! The same `--places` and `--seed` give byte-identical files. `--themes PATH` copies another
//! themes folder (default: the repository's `themes/`), `--no-themes` copies none. A non-empty
//! output folder is refused unless `--force` is given; then what the generator writes there is
//! removed first. `--force` never touches a folder whose `site.yaml` (or `hugo.toml`) was not
//! written by this generator.
//!
//! The work is split in two: `data` builds the site in memory (places, offers, pages), and a
//! writer emits it: `lernorte_format` as lernorte files, `hugo_format` as a Hugo site with the
//! same records and comparable templates, so both generators can be measured on the same data
//! (`bench/run.sh`). `benches/hot_paths.rs` includes this file as a module and calls
//! [`write_site`].

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;

/// Written into every generated `site.yaml`; `--force` only replaces folders that carry it.
const MARKER: &str = "erzeugt von gen-site";

/// The repository's site settings: the vocabularies and map settings are copied from here.
const REPO_SITE_YAML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/site.yaml"));

#[derive(Parser)]
#[command(about = "Writes a deterministic test site for lernorte (or the same data for Hugo).")]
struct Args {
    /// Number of places (Lernorte) to generate.
    #[arg(long)]
    places: usize,
    /// Seed of the random generator; the same seed gives the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write the site into.
    #[arg(long)]
    out: PathBuf,
    /// Which generator the site is for.
    #[arg(long, value_enum, default_value_t = Format::Lernorte)]
    format: Format,
    /// The themes folder to copy (default: the repository's themes/). For Hugo only the static
    /// files of the default theme are copied.
    #[arg(long, conflicts_with = "no_themes")]
    themes: Option<PathBuf>,
    /// Do not copy any themes.
    #[arg(long)]
    no_themes: bool,
    /// Write into a non-empty folder (removes what the generator writes there first).
    #[arg(long)]
    force: bool,
}

/// The generator a site is written for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// `site.yaml`, `places/*.yaml`, `content/**/*.md`, `themes/`.
    Lernorte,
    /// `hugo.toml`, `content/**/*.md` with YAML front matter, `layouts/`, `data/`, `static/`.
    Hugo,
}

impl Format {
    /// The file that marks a folder as written by this generator.
    fn config_file(self) -> &'static str {
        match self {
            Format::Lernorte => "site.yaml",
            Format::Hugo => "hugo.toml",
        }
    }

    /// What `--force` removes before writing (never the build output).
    fn generated(self, with_themes: bool) -> Vec<&'static str> {
        match self {
            Format::Lernorte if with_themes => vec!["places", "content", "themes"],
            Format::Lernorte => vec!["places", "content"],
            Format::Hugo if with_themes => vec!["content", "layouts", "data", "static"],
            Format::Hugo => vec!["content", "layouts", "data"],
        }
    }
}

/// What [`write_site`] wrote.
pub struct Written {
    pub places: usize,
    pub mobile: usize,
    pub offers: usize,
    pub pages: usize,
    pub files: usize,
    /// Time spent building the site in memory (the rest is clearing and writing).
    pub generate: Duration,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-site: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let themes = if args.no_themes {
        None
    } else {
        Some(
            args.themes
                .clone()
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("themes")),
        )
    };
    let w = write_site(
        args.places,
        args.seed,
        args.format,
        &args.out,
        themes.as_deref(),
        args.force,
    )?;
    let total = started.elapsed();
    println!(
        "gen-site: {} places ({} mobile), {} offers, {} pages, {} files ({:?}) in {} ms (generate {} ms, clear and write {} ms) -> {}",
        w.places,
        w.mobile,
        w.offers,
        w.pages,
        w.files,
        args.format,
        total.as_millis(),
        w.generate.as_millis(),
        (total - w.generate).as_millis(),
        args.out.display()
    );
    Ok(())
}

/// Generates the site of `places` places from `seed` and writes it to `out` for `format`,
/// copying `themes` (a themes folder like the repository's) when given. With `force`, a
/// folder this generator wrote before is replaced.
pub fn write_site(
    places: usize,
    seed: u64,
    format: Format,
    out: &Path,
    themes: Option<&Path>,
    force: bool,
) -> Result<Written> {
    if let Some(dir) = themes
        && !dir.is_dir()
    {
        bail!("themes folder {} does not exist", dir.display());
    }
    let repo = lernorte_format::RepoSettings::parse(REPO_SITE_YAML)?;
    vocab::check_against(&repo)?;
    prepare_out(out, format, force, themes.is_some())?;

    let generating = Instant::now();
    let site = data::generate(places, seed);
    let generate = generating.elapsed();

    let mut files = match format {
        Format::Lernorte => lernorte_format::write(&site, &repo, out)?,
        Format::Hugo => hugo_format::write(&site, &repo, out)?,
    };
    if let Some(themes) = themes {
        files += match format {
            Format::Lernorte => copy_dir(themes, &out.join("themes"))?,
            // Hugo serves the same stylesheet and scripts; its templates come from hugo_format.
            Format::Hugo => copy_dir(&themes.join("default").join("static"), &out.join("static"))?,
        };
    }
    Ok(Written {
        places: site.places.len(),
        mobile: site.places.iter().filter(|p| p.location.is_none()).count(),
        offers: site.offers.len(),
        pages: site.pages.len(),
        files,
        generate,
    })
}

/// Creates the output folder or, with `--force`, clears what the generator writes.
fn prepare_out(out: &Path, format: Format, force: bool, with_themes: bool) -> Result<()> {
    if !out.exists() {
        return fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()));
    }
    if !out.is_dir() {
        bail!("{} exists and is not a folder", out.display());
    }
    let empty = fs::read_dir(out)?.next().is_none();
    if empty {
        return Ok(());
    }
    if !force {
        bail!(
            "{} is not empty; use --force to replace a generated site there",
            out.display()
        );
    }
    let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize()?;
    if out.canonicalize()? == repo_root {
        bail!("refusing to overwrite the repository's own site");
    }
    // Either marker file, if present, must be ours: a site may switch format under --force.
    for name in [Format::Lernorte.config_file(), Format::Hugo.config_file()] {
        let config = out.join(name);
        if config.exists() && !fs::read_to_string(&config)?.contains(MARKER) {
            bail!(
                "{} holds a {name} that gen-site did not write; refusing to overwrite it",
                out.display()
            );
        }
    }
    for dir in format.generated(with_themes) {
        let path = out.join(dir);
        if path.exists() {
            fs::remove_dir_all(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

/// Copies a folder recursively; returns the number of files.
fn copy_dir(from: &Path, to: &Path) -> Result<usize> {
    let mut files = 0;
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry?;
        let rel = entry.path().strip_prefix(from)?;
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
            files += 1;
        }
    }
    Ok(files)
}

/// A small deterministic random generator (SplitMix64).
mod rng {
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64) -> Self {
            Rng(seed)
        }

        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// A number in `0..n` (`n` > 0).
        pub fn below(&mut self, n: usize) -> usize {
            ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
        }

        /// A number in `lo..=hi`.
        pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
            lo + self.below((hi - lo + 1) as usize) as u32
        }

        /// A number in `[0, 1)`.
        pub fn unit(&mut self) -> f64 {
            (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
        }

        pub fn chance(&mut self, p: f64) -> bool {
            self.unit() < p
        }

        pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }

        /// One of a list of static strings.
        pub fn word(&mut self, items: &[&'static str]) -> &'static str {
            items[self.below(items.len())]
        }

        /// An index chosen with the given weights.
        pub fn weighted(&mut self, weights: &[u32]) -> usize {
            let total: u32 = weights.iter().sum();
            let mut x = self.below(total as usize) as u32;
            for (i, w) in weights.iter().enumerate() {
                if x < *w {
                    return i;
                }
                x -= w;
            }
            weights.len() - 1
        }

        pub fn shuffle<T>(&mut self, items: &mut [T]) {
            for i in (1..items.len()).rev() {
                let j = self.below(i + 1);
                items.swap(i, j);
            }
        }

        /// Up to `k` distinct items in random order.
        pub fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
            let mut all = items.to_vec();
            self.shuffle(&mut all);
            all.truncate(k);
            all
        }
    }
}

/// The vocabularies the generator uses; checked against the repository's `site.yaml`.
mod vocab {
    use anyhow::{Result, bail};

    use super::lernorte_format::RepoSettings;

    pub struct Term {
        pub slug: &'static str,
        pub name: &'static str,
    }

    const fn t(slug: &'static str, name: &'static str) -> Term {
        Term { slug, name }
    }

    pub const KATEGORIEN: &[Term] = &[
        t("museum", "Museum"),
        t("bauernhof-jugendfarm", "Bauernhof & Jugendfarm"),
        t("wald", "Wald"),
        t("gewaesser", "Gewässer"),
        t("park-garten", "Park & Garten"),
        t("umweltzentrum", "Umweltzentrum"),
        t("sternwarte-planetarium", "Sternwarte & Planetarium"),
        t("zoo", "Zoo & Tierpark"),
        t("technik-versorgung", "Technik & Versorgung"),
        t("mobiles-angebot", "Mobiles Angebot"),
    ];

    pub const THEMEN: &[Term] = &[
        t("wald", "Wald"),
        t("wasser", "Wasser"),
        t("klima", "Klima"),
        t("energie", "Energie"),
        t("ernaehrung", "Ernährung"),
        t("landwirtschaft", "Landwirtschaft"),
        t("artenvielfalt", "Artenvielfalt"),
        t("boden", "Boden"),
        t("stadtnatur", "Stadtnatur"),
        t("astronomie", "Astronomie"),
        t("konsum", "Konsum"),
        t("mobilitaet", "Mobilität"),
        t("erdgeschichte", "Erdgeschichte"),
        t("globales-lernen", "Globales Lernen"),
    ];

    pub const ZIELGRUPPEN: &[Term] = &[
        t("kita", "Kita"),
        t("grundschule", "Grundschule"),
        t("sek1", "Sekundarstufe I"),
        t("sek2", "Sekundarstufe II"),
        t("familien", "Familien"),
        t("jugendliche", "Jugendliche"),
        t("erwachsene", "Erwachsene"),
    ];

    pub const FORMATE: &[Term] = &[
        t("fuehrung", "Führung"),
        t("workshop", "Workshop"),
        t("projekttag", "Projekttag"),
        t("exkursion", "Exkursion"),
        t("ag-im-ganztag", "AG im Ganztag"),
        t("ferienprogramm", "Ferienprogramm"),
        t("veranstaltung", "Veranstaltung"),
    ];

    /// The term with this slug; the word lists only use slugs that exist.
    pub fn get(list: &'static [Term], slug: &str) -> &'static Term {
        list.iter()
            .find(|t| t.slug == slug)
            .unwrap_or_else(|| panic!("unknown vocabulary slug {slug}"))
    }

    /// Position in the vocabulary, for a stable order of lists.
    pub fn position(list: &[Term], slug: &str) -> usize {
        list.iter()
            .position(|t| t.slug == slug)
            .unwrap_or(usize::MAX)
    }

    /// Fails when a term used here is missing from (or named differently in) `site.yaml`.
    pub fn check_against(repo: &RepoSettings) -> Result<()> {
        for (key, list) in [
            ("kategorien", KATEGORIEN),
            ("themen", THEMEN),
            ("zielgruppen", ZIELGRUPPEN),
            ("formate", FORMATE),
        ] {
            let terms = repo.vocabulary(key);
            for term in list {
                if !terms.iter().any(|(s, n)| s == term.slug && n == term.name) {
                    bail!(
                        "site.yaml has no term {}: {} in vokabulare.{key}; update examples/gen-site.rs",
                        term.slug,
                        term.name
                    );
                }
            }
        }
        Ok(())
    }
}

/// Local knowledge of the 23 districts (quarters, field names, postcodes, stops) and points
/// inside their boundaries.
mod districts {
    use lernorte::model::districts::{BOUNDARIES_GEOJSON, District, Districts};

    use super::rng::Rng;

    pub struct Local {
        pub slug: &'static str,
        /// How often places lie in this district, relative to the others.
        pub weight: u32,
        /// Quarters and local names, used as "Jugendfarm Hallschlag".
        pub orte: &'static [&'static str],
        /// Prepositional field names, used as "Streuobstwiese am Hasenberg".
        pub fluren: &'static [&'static str],
        pub plz: &'static [&'static str],
        pub stops: &'static [(&'static str, &'static [&'static str])],
    }

    const fn l(
        slug: &'static str,
        weight: u32,
        orte: &'static [&'static str],
        fluren: &'static [&'static str],
        plz: &'static [&'static str],
        stops: &'static [(&'static str, &'static [&'static str])],
    ) -> Local {
        Local {
            slug,
            weight,
            orte,
            fluren,
            plz,
            stops,
        }
    }

    const S_ALL: &[&str] = &["S1", "S2", "S3", "S4", "S5", "S6"];

    pub const LOCAL: &[Local] = &[
        l(
            "mitte",
            4,
            &[
                "Stuttgart-Mitte",
                "Europaviertel",
                "Neue Vorstadt",
                "Bohnenviertel",
            ],
            &[
                "im Schlossgarten",
                "am Bopser",
                "am Eugensplatz",
                "im Akademiegarten",
                "am Karlsplatz",
            ],
            &["70173", "70174", "70182"],
            &[
                (
                    "Charlottenplatz",
                    &["U1", "U2", "U4", "U5", "U6", "U7", "U12", "U14"],
                ),
                ("Rathaus", &["U1", "U2", "U4", "U14"]),
                (
                    "Hauptbahnhof",
                    &["S1", "S2", "S3", "S4", "S5", "S6", "U5", "U6", "U7", "U12"],
                ),
                ("Staatsgalerie", &["U1", "U2", "U4", "U9", "U14"]),
                ("Stadtmitte", S_ALL),
                ("Eugensplatz", &["U15"]),
            ],
        ),
        l(
            "nord",
            4,
            &[
                "Stuttgart-Nord",
                "Killesberg",
                "Weißenhof",
                "Nordbahnhof",
                "Relenberg",
            ],
            &[
                "am Killesberg",
                "auf der Feuerbacher Heide",
                "am Bismarckturm",
                "im Rosensteinpark",
                "am Pragsattel",
                "im Höhenpark",
            ],
            &["70191", "70192"],
            &[
                ("Killesberg", &["U5"]),
                ("Pragsattel", &["U5", "U6", "U7", "U12", "U15"]),
                ("Nordbahnhof", &["U12"]),
                ("Löwentorbrücke", &["U12", "U13"]),
                ("Milchhof", &["U15"]),
            ],
        ),
        l(
            "ost",
            4,
            &[
                "Stuttgart-Ost",
                "Gablenberg",
                "Gaisburg",
                "Ostheim",
                "Berg",
                "Stöckach",
            ],
            &[
                "am Frauenkopf",
                "auf der Uhlandshöhe",
                "an der Villa Berg",
                "im Park der Villa Berg",
                "am Gaisburger Hang",
            ],
            &["70184", "70186", "70188", "70190"],
            &[
                ("Ostendplatz", &["U4", "U9"]),
                ("Stöckach", &["U1", "U2", "U4", "U9"]),
                ("Gaisburg", &["U4"]),
                ("Raitelsberg", &["U4", "U9"]),
                ("Frauenkopf", &["42"]),
            ],
        ),
        l(
            "sued",
            4,
            &[
                "Stuttgart-Süd",
                "Heslach",
                "Kaltental",
                "Lehen",
                "Karlshöhe",
                "Bopser",
            ],
            &[
                "auf der Karlshöhe",
                "im Eiernest",
                "an der Alten Weinsteige",
                "im Nesenbachtal",
                "am Marienplatz",
                "an der Santiago-de-Chile-Platz-Treppe",
            ],
            &["70178", "70180", "70199"],
            &[
                ("Marienplatz", &["U1", "U14"]),
                ("Erwin-Schoettle-Platz", &["U1", "U14"]),
                ("Südheimer Platz", &["U1", "U14"]),
                ("Kaltental", &["U1"]),
                ("Bihlplatz", &["U1", "U14"]),
            ],
        ),
        l(
            "west",
            4,
            &[
                "Stuttgart-West",
                "Vogelsang",
                "Kräherwald",
                "Rotenwald",
                "Feuersee",
                "Elsental",
            ],
            &[
                "am Hasenberg",
                "am Birkenkopf",
                "im Elsental",
                "am Kräherwald",
                "am Feuersee",
                "im Rotwildpark",
            ],
            &["70176", "70193", "70197"],
            &[
                ("Schwab-/Bebelstraße", &["U2", "U29"]),
                ("Vogelsang", &["U2"]),
                ("Feuersee", S_ALL),
                ("Hölderlinplatz", &["U4"]),
                ("Botnanger Sattel", &["U2"]),
            ],
        ),
        l(
            "bad-cannstatt",
            7,
            &[
                "Bad Cannstatt",
                "Sommerrain",
                "Steinhaldenfeld",
                "Hallschlag",
                "Muckensturm",
                "Burgholzhof",
                "Seelberg",
                "Espan",
                "Neckarvorstadt",
                "Winterhalde",
            ],
            &[
                "am Neckarufer",
                "im Kurpark",
                "am Burgholzhof",
                "im Travertinpark",
                "im Espan",
                "am Steinhaldenfeld",
                "an der Römerstraße",
            ],
            &["70372", "70374", "70376"],
            &[
                ("Wilhelmsplatz", &["U1", "U2", "U13", "U16"]),
                ("Bad Cannstatt", &["S1", "S2", "S3"]),
                ("Mercedesstraße", &["U11", "U19"]),
                ("Sommerrain", &["U13"]),
                ("Kursaal", &["U2"]),
                ("Hallschlag", &["U12"]),
            ],
        ),
        l(
            "birkach",
            2,
            &["Birkach", "Schönberg", "Birkach-Nord", "Birkach-Süd"],
            &[
                "im Ramsbachtal",
                "am Schönberg",
                "im Körschtal",
                "auf den Birkacher Feldern",
            ],
            &["70599"],
            &[
                ("Birkach", &["65", "70"]),
                ("Schönberg", &["70", "74"]),
                ("Birkach Schule", &["65"]),
            ],
        ),
        l(
            "botnang",
            2,
            &["Botnang", "Botnang-Nord", "Botnang-Süd", "Botnang-West"],
            &[
                "im Glemswald",
                "am Botnanger Sattel",
                "am Kräherwald",
                "im Botnanger Tal",
            ],
            &["70195"],
            &[
                ("Botnang", &["U2", "U9"]),
                ("Beethovenstraße", &["U9"]),
                ("Kirchhaldenstraße", &["92"]),
            ],
        ),
        l(
            "degerloch",
            3,
            &["Degerloch", "Haigst", "Hoffeld", "Waldau", "Tränke"],
            &[
                "an der Waldau",
                "im Degerlocher Wald",
                "am Fernsehturm",
                "am Haigst",
                "an der Tränke",
            ],
            &["70597"],
            &[
                ("Degerloch", &["U5", "U6", "U7", "U8", "U12", "U15"]),
                ("Waldau", &["U7", "U8"]),
                ("Haigst", &["U15"]),
                ("Degerloch Albstraße", &["U5", "U6", "U7", "U8", "U12"]),
                ("Ruhbank (Fernsehturm)", &["U7", "U8", "U15"]),
            ],
        ),
        l(
            "feuerbach",
            4,
            &[
                "Feuerbach",
                "Lemberg",
                "Föhrich",
                "Siegelberg",
                "Hohe Warte",
                "Feuerbach-Ost",
            ],
            &[
                "am Lemberg",
                "am Feuerbach",
                "an der Hohen Warte",
                "im Feuerbacher Tal",
                "im Pfostenwäldle",
                "am Schnarrenberg",
            ],
            &["70469"],
            &[
                ("Feuerbach Bahnhof", &["S4", "S5", "S6", "U6", "U13"]),
                ("Föhrich", &["U13"]),
                ("Wilhelm-Geiger-Platz", &["U6", "U13"]),
                ("Pfostenwäldle", &["U6"]),
            ],
        ),
        l(
            "hedelfingen",
            2,
            &["Hedelfingen", "Lederberg", "Rohracker"],
            &[
                "am Lederberg",
                "im Dürrbachtal",
                "am Rohracker Weinberg",
                "an den Hedelfinger Hängen",
                "am Neckarhafen",
            ],
            &["70329"],
            &[
                ("Hedelfingen", &["U9", "U13"]),
                ("Rohracker", &["65"]),
                ("Lederberg", &["65"]),
            ],
        ),
        l(
            "moehringen",
            4,
            &[
                "Möhringen",
                "Fasanenhof",
                "Sonnenberg",
                "Möhringen-Nord",
                "Möhringen-Süd",
            ],
            &[
                "am Riedsee",
                "im Körschtal",
                "am Sonnenberg",
                "am Probstsee",
                "auf der Filderebene",
            ],
            &["70567"],
            &[
                ("Möhringen Bahnhof", &["U3", "U5", "U6", "U8", "U12"]),
                ("Fasanenhof", &["U6"]),
                ("SSB-Zentrum", &["U5", "U6", "U12"]),
                ("Riedsee", &["U3", "U8"]),
            ],
        ),
        l(
            "muehlhausen",
            3,
            &["Mühlhausen", "Hofen", "Neugereut", "Freiberg", "Mönchfeld"],
            &[
                "am Max-Eyth-See",
                "an der Burgruine Hofen",
                "am Mühlhausener Neckarufer",
                "im Mönchfeld",
                "am Neugereuter Hang",
            ],
            &["70378"],
            &[
                ("Mühlhausen", &["U14"]),
                ("Max-Eyth-See", &["U14"]),
                ("Freiberg", &["U7"]),
                ("Mönchfeld", &["U7"]),
                ("Neugereut", &["U12"]),
            ],
        ),
        l(
            "muenster",
            1,
            &["Münster", "Münster am Neckar"],
            &[
                "am Neckarufer",
                "am Viadukt",
                "an der Neckarschleife",
                "unterhalb des Burgholzhofs",
            ],
            &["70376"],
            &[("Münster", &["U14"]), ("Münster Viadukt", &["U14"])],
        ),
        l(
            "obertuerkheim",
            2,
            &["Obertürkheim", "Uhlbach"],
            &[
                "im Uhlbacher Weinberg",
                "am Götzenberg",
                "an der Uhlbacher Kelter",
                "am Neckarufer",
                "im Obertürkheimer Tal",
            ],
            &["70329"],
            &[
                ("Obertürkheim", &["S1"]),
                ("Uhlbach", &["62"]),
                ("Uhlbach Markt", &["62"]),
            ],
        ),
        l(
            "plieningen",
            3,
            &[
                "Plieningen",
                "Hohenheim",
                "Steckfeld",
                "Asemwald",
                "Chausseefeld",
            ],
            &[
                "im Körschtal",
                "auf den Fildern",
                "an der Garbe",
                "im Hohenheimer Park",
                "am Ramsbach",
            ],
            &["70599"],
            &[
                ("Plieningen Garbe", &["U3"]),
                ("Universität Hohenheim", &["65", "70"]),
                ("Plieningen Mittlere Filderstraße", &["73"]),
            ],
        ),
        l(
            "sillenbuch",
            3,
            &["Sillenbuch", "Heumaden", "Riedenberg", "Eichenhain"],
            &[
                "im Eichenhain",
                "am Silberwald",
                "am Riedenberg",
                "im Dürrbachtal",
            ],
            &["70619"],
            &[
                ("Silberwald", &["U7", "U8"]),
                ("Sillenbuch", &["U7", "U8"]),
                ("Heumaden", &["U7"]),
                ("Schemppstraße", &["U8"]),
            ],
        ),
        l(
            "stammheim",
            2,
            &["Stammheim", "Stammheim-Süd", "Stammheim-Mitte"],
            &[
                "im Stammheimer Feld",
                "an der Stammheimer Halde",
                "am Schloss Stammheim",
                "am Salzweg",
            ],
            &["70439"],
            &[("Stammheim", &["U15"]), ("Freihofstraße", &["U15"])],
        ),
        l(
            "untertuerkheim",
            3,
            &["Untertürkheim", "Luginsland", "Rotenberg", "Benzviertel"],
            &[
                "am Rotenberg",
                "an der Grabkapelle",
                "in den Weinbergen am Württemberg",
                "am Neckarufer",
                "auf dem Luginsland",
            ],
            &["70327"],
            &[
                ("Untertürkheim", &["S1"]),
                ("Wallmer", &["U13"]),
                ("Luginsland", &["61"]),
                ("Rotenberg", &["61"]),
            ],
        ),
        l(
            "vaihingen",
            6,
            &[
                "Vaihingen",
                "Rohr",
                "Büsnau",
                "Dachswald",
                "Dürrlewang",
                "Lauchhau",
                "Pfaffenwald",
                "Österfeld",
            ],
            &[
                "am Pfaffensee",
                "am Bärensee",
                "am Katzenbacher Hof",
                "an der Bernhartshöhe",
                "im Glemswald",
                "am Steinbachsee",
            ],
            &["70563", "70565", "70569"],
            &[
                ("Vaihingen", &["S1", "S2", "S3", "U1", "U3", "U8", "U12"]),
                ("Universität", &["S1", "S2", "S3"]),
                ("Rohr", &["U3", "U8"]),
                ("Büsnau", &["92"]),
                ("Dürrlewang", &["U12"]),
            ],
        ),
        l(
            "wangen",
            2,
            &["Wangen", "Wangen am Neckar"],
            &[
                "am Neckarufer",
                "auf der Wangener Höhe",
                "am Wangener Weinberg",
                "am Neckarkanal",
            ],
            &["70327"],
            &[
                ("Wangen Marktplatz", &["U4", "U9"]),
                ("Inselstraße", &["U13"]),
                ("Wangener-/Landhausstraße", &["U4", "U9"]),
            ],
        ),
        l(
            "weilimdorf",
            4,
            &[
                "Weilimdorf",
                "Bergheim",
                "Giebel",
                "Hausen",
                "Lindental",
                "Wolfbusch",
            ],
            &[
                "im Lindental",
                "am Grünen Heiner",
                "am Bergheimer Hof",
                "im Schwarzwildpark",
                "am Lindenbach",
            ],
            &["70499"],
            &[
                ("Löwen-Markt", &["U6"]),
                ("Giebel", &["U6"]),
                ("Weilimdorf", &["S6"]),
                ("Bergheimer Hof", &["92"]),
                ("Wolfbusch", &["81", "82"]),
            ],
        ),
        l(
            "zuffenhausen",
            4,
            &[
                "Zuffenhausen",
                "Rot",
                "Zazenhausen",
                "Neuwirtshaus",
                "Frauensteg",
                "Hohenstein",
                "Schützenbühl",
            ],
            &[
                "am Hohenstein",
                "am Schützenbühl",
                "im Zazenhausener Feld",
                "am Frauensteg",
                "in den Zuffenhausener Weinbergen",
            ],
            &["70435", "70437"],
            &[
                ("Zuffenhausen", &["S4", "S5", "S6", "U15"]),
                ("Rot", &["U7"]),
                ("Kelterplatz", &["U15"]),
                ("Zazenhausen", &["52"]),
                ("Neuwirtshaus (Porscheplatz)", &["S6"]),
            ],
        ),
    ];

    /// A district with its local knowledge and bounding box.
    pub struct Area {
        /// Index in `Districts::builtin().list`.
        pub index: usize,
        pub district: &'static District,
        pub local: &'static Local,
        /// min lon, min lat, max lon, max lat
        bbox: [f64; 4],
    }

    impl Area {
        /// A point inside the district (5 decimals, about 1 m), by rejection sampling in its
        /// bounding box against the built-in boundaries, so the validator finds it inside.
        pub fn point(&self, rng: &mut Rng) -> (f64, f64) {
            let districts = Districts::builtin();
            let [x0, y0, x1, y1] = self.bbox;
            for _ in 0..100_000 {
                let lat = round5(y0 + (y1 - y0) * rng.unit());
                let lon = round5(x0 + (x1 - x0) * rng.unit());
                // `distance_m` tests only this district's polygon (cheap); `locate` confirms
                // that no other district claims the point, as the validator checks.
                if districts.distance_m(self.index, lat, lon) == 0.0
                    && districts.locate(lat, lon) == Some(self.index)
                {
                    return (lat, lon);
                }
            }
            panic!("no point found inside {}", self.district.slug);
        }
    }

    fn round5(x: f64) -> f64 {
        (x * 1e5).round() / 1e5
    }

    /// All 23 districts, in the library's order.
    pub fn areas() -> Vec<Area> {
        let geojson: serde_json::Value =
            serde_json::from_str(BOUNDARIES_GEOJSON).expect("bundled district data is JSON");
        let features = geojson["features"].as_array().expect("features");
        Districts::builtin()
            .list
            .iter()
            .enumerate()
            .map(|(index, district)| {
                let feature = features
                    .iter()
                    .find(|f| f["properties"]["slug"] == district.slug.as_str())
                    .expect("district in GeoJSON");
                let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                extend_bbox(&feature["geometry"]["coordinates"], &mut bbox);
                let local = LOCAL
                    .iter()
                    .find(|l| l.slug == district.slug)
                    .unwrap_or_else(|| panic!("no local data for district {}", district.slug));
                Area {
                    index,
                    district,
                    local,
                    bbox,
                }
            })
            .collect()
    }

    fn extend_bbox(value: &serde_json::Value, bbox: &mut [f64; 4]) {
        let Some(items) = value.as_array() else {
            return;
        };
        if let [lon, lat] = items.as_slice()
            && let (Some(lon), Some(lat)) = (lon.as_f64(), lat.as_f64())
        {
            bbox[0] = bbox[0].min(lon);
            bbox[1] = bbox[1].min(lat);
            bbox[2] = bbox[2].max(lon);
            bbox[3] = bbox[3].max(lat);
            return;
        }
        for item in items {
            extend_bbox(item, bbox);
        }
    }
}

/// German word lists and sentence material.
mod words {
    /// Sentence material for one topic (a slug of the `themen` vocabulary).
    pub struct Topic {
        pub slug: &'static str,
        /// Noun phrases in the accusative ("den Bergwald").
        pub things: &'static [&'static str],
        /// Infinitive phrases ("Tiere füttern und pflegen").
        pub acts: &'static [&'static str],
        pub facts: &'static [&'static str],
        /// Indirect questions ("wie der Wald das Stadtklima kühlt").
        pub questions: &'static [&'static str],
        pub titles: &'static [&'static str],
        pub sdgs: &'static [u8],
    }

    pub fn topic(slug: &str) -> &'static Topic {
        TOPICS
            .iter()
            .find(|t| t.slug == slug)
            .unwrap_or_else(|| panic!("no topic {slug}"))
    }

    pub const TOPICS: &[Topic] = &[
        Topic {
            slug: "wald",
            things: &[
                "den Bergwald",
                "alte Buchen und Eichen",
                "die Wälder am Stadtrand",
                "Totholz, Pilze und Moose",
                "die Spuren der Waldtiere",
                "den Wasserkreislauf im Wald",
                "den Lebensraum Wald",
                "die Bäume im Jahreslauf",
                "den Waldboden und seine Bewohner",
            ],
            acts: &[
                "Bäume an Rinde und Blättern bestimmen",
                "Tierspuren im Waldboden suchen",
                "ein Waldsofa aus Ästen bauen",
                "mit Becherlupen Käfer beobachten",
                "das Alter eines Baumes schätzen",
                "Waldpädagogik mit allen Sinnen erleben",
                "Holz sägen und schnitzen",
                "junge Bäume pflanzen",
            ],
            facts: &[
                "Ein großer Baum verdunstet an heißen Tagen mehrere hundert Liter Wasser.",
                "Die Wälder rund um Stuttgart sind Erholungsort, Klimaschützer und Lebensraum zugleich.",
                "Totholz ist kein Abfall, sondern Kinderstube für Käfer, Pilze und Vögel.",
                "Trockene Sommer setzen den Fichten und Buchen in den Wäldern am Stadtrand zu.",
                "Fast ein Viertel der Stuttgarter Stadtfläche ist mit Wald bedeckt.",
                "Ein Specht trommelt bis zu zwanzigmal in der Sekunde gegen den Stamm.",
            ],
            questions: &[
                "warum Bäume im Herbst ihre Blätter verlieren",
                "wie der Wald das Stadtklima kühlt",
                "welche Tiere nachts im Wald unterwegs sind",
                "wie aus einer Eichel ein mächtiger Baum wird",
                "wie Förster den Wald auf den Klimawandel vorbereiten",
            ],
            titles: &[
                "Waldforscher unterwegs",
                "Wer wohnt im Totholz?",
                "Ein Tag im Bergwald",
                "Waldpädagogik für die Kleinsten",
                "Spurensuche im Winterwald",
                "Bäume erzählen Geschichten",
                "Unterricht im Waldklassenzimmer",
                "Försterin für einen Tag",
                "Der Wald im Klimawandel",
            ],
            sdgs: &[13, 15],
        },
        Topic {
            slug: "wasser",
            things: &[
                "den Bach und seine Bewohner",
                "das Ufer und die Wasserpflanzen",
                "die Kleintiere in Bächen und Teichen",
                "die Wasserqualität des Neckars",
                "den Wasserkreislauf",
                "Quellen, Tümpel und Feuchtwiesen",
                "den Weg des Wassers durch die Stadt",
            ],
            acts: &[
                "mit Keschern Bachflohkrebse und Köcherfliegenlarven fangen",
                "die Wasserqualität mit einfachen Tests bestimmen",
                "die Fließgeschwindigkeit des Bachs messen",
                "eine Bachpatenschaft übernehmen",
                "schmutziges Wasser filtern",
                "Libellen und Frösche am Teich beobachten",
                "ein Floß aus Naturmaterial bauen",
            ],
            facts: &[
                "Kleine Tiere im Bach verraten, wie sauber das Wasser ist.",
                "Jeder Mensch in Deutschland verbraucht am Tag rund 125 Liter Trinkwasser.",
                "Ein großer Teil des Stuttgarter Trinkwassers kommt vom Bodensee und von der Schwäbischen Alb.",
                "Renaturierte Bäche bieten Fischen, Vögeln und Insekten neuen Lebensraum.",
                "Bei Starkregen zeigt sich, wie wichtig Auen und unversiegelte Flächen sind.",
                "In Bächen mit sauberem Wasser leben Steinfliegenlarven, die keine Verschmutzung vertragen.",
            ],
            questions: &[
                "wie sauber das Wasser im Bach ist",
                "woher unser Trinkwasser kommt",
                "was mit dem Abwasser aus unseren Häusern passiert",
                "wie Tiere in Bächen und Teichen überwintern",
            ],
            titles: &[
                "Wer lebt im Bach?",
                "Dem Wasserkreislauf auf der Spur",
                "Wasserdetektive",
                "Vom Regentropfen zum Neckar",
                "Forschen am Teich",
                "Die Bachpatenschaft",
                "Bachforscher unterwegs",
            ],
            sdgs: &[6, 14],
        },
        Topic {
            slug: "klima",
            things: &[
                "die Folgen des Klimawandels",
                "das Stadtklima",
                "den Klimaschutz im Alltag",
                "Hitzeinseln und Frischluftschneisen",
                "Wetter und Klima",
                "den eigenen CO2-Fußabdruck",
            ],
            acts: &[
                "Temperaturen in der Stadt und im Park messen",
                "den eigenen CO2-Fußabdruck berechnen",
                "eine Wetterstation ablesen",
                "Ideen für den Klimaschutz an der Schule entwickeln",
                "Hitzeinseln im Stadtbezirk kartieren",
                "einen Klimagarten anlegen",
            ],
            facts: &[
                "Stuttgart liegt in einem Talkessel, deshalb ist frische Luft von den Hängen besonders wichtig.",
                "An heißen Sommertagen ist es in der Innenstadt mehrere Grad wärmer als am Stadtrand.",
                "Grüne Dächer und Bäume kühlen die Stadt und speichern Regenwasser.",
                "Klimaschutz beginnt bei Entscheidungen, die wir jeden Tag treffen.",
                "Kaltluft fließt nachts von den Hängen in den Talkessel und kühlt die Stadt.",
            ],
            questions: &[
                "warum es im Talkessel im Sommer so heiß wird",
                "was Klimaschutz und Klimaanpassung unterscheidet",
                "wie wir im Alltag CO2 sparen können",
                "wie sich das Klima in Stuttgart verändert",
            ],
            titles: &[
                "Klimadetektive im Stadtbezirk",
                "Hitze in der Stadt",
                "Das Klima und wir",
                "Klimaschutz zum Mitmachen",
                "Kühle Orte, heiße Orte",
                "Klimawerkstatt",
            ],
            sdgs: &[11, 13],
        },
        Topic {
            slug: "energie",
            things: &[
                "erneuerbare Energien",
                "Sonne, Wind und Wasser als Energiequellen",
                "den Energieverbrauch in der Schule",
                "Solaranlagen und Wärmepumpen",
                "die Energiewende",
            ],
            acts: &[
                "kleine Solarautos bauen",
                "den Stromverbrauch von Geräten messen",
                "ein Windrad basteln",
                "mit dem Fahrradgenerator Strom erzeugen",
                "einen Solarkocher ausprobieren",
                "Energiesparen im Klassenzimmer testen",
            ],
            facts: &[
                "Die Sonne schickt in einer Stunde mehr Energie zur Erde, als die Menschheit in einem Jahr verbraucht.",
                "Geräte im Standby-Betrieb verbrauchen in vielen Haushalten erstaunlich viel Strom.",
                "Auf Stuttgarts Dächern ist noch viel Platz für Photovoltaik.",
                "Die Energiewende gelingt nur, wenn wir Energie sparen und klug nutzen.",
            ],
            questions: &[
                "woher der Strom aus der Steckdose kommt",
                "wie eine Solarzelle funktioniert",
                "wie viel Energie ein Haushalt am Tag braucht",
            ],
            titles: &[
                "Energiedetektive",
                "Strom aus Sonne und Wind",
                "Kraftwerk Fahrrad",
                "Energie sparen macht Schule",
                "Die Sonne als Kraftwerk",
                "Solarwerkstatt",
            ],
            sdgs: &[7, 13],
        },
        Topic {
            slug: "ernaehrung",
            things: &[
                "regionales und saisonales Obst und Gemüse",
                "den Weg vom Korn zum Brot",
                "die Vielfalt alter Apfelsorten",
                "Kräuter und Wildkräuter",
                "Lebensmittel aus der Region",
                "gesunde Ernährung",
            ],
            acts: &[
                "Apfelsaft pressen",
                "Brot im Holzofen backen",
                "Wildkräuter sammeln und einen Kräuterquark zubereiten",
                "Gemüse ernten und gemeinsam kochen",
                "Butter schütteln",
                "Marmelade einkochen",
                "an einer Wildkräuterwanderung teilnehmen",
            ],
            facts: &[
                "Rund ein Drittel aller Lebensmittel landet im Müll.",
                "Auf den Streuobstwiesen rund um Stuttgart wachsen Hunderte alter Apfel- und Birnensorten.",
                "Wer saisonal einkauft, spart lange Transportwege.",
                "Aus einem Kilogramm Äpfel wird etwa ein halber Liter Saft.",
                "Viele Wildkräuter wie Giersch, Bärlauch und Löwenzahn sind essbar und gesund.",
            ],
            questions: &[
                "woher unser Essen kommt",
                "wie aus Getreide Mehl und Brot wird",
                "warum Erdbeeren im Winter keine gute Idee sind",
                "wie wir weniger Lebensmittel verschwenden",
            ],
            titles: &[
                "Vom Korn zum Brot",
                "Vom Apfel zum Saft",
                "Kochen mit Wildkräutern",
                "Was wächst im Gemüsegarten?",
                "Die Kartoffel",
                "Essen ohne Verschwendung",
                "Kräuterküche",
                "Wildkräuterwanderung",
            ],
            sdgs: &[2, 3, 12],
        },
        Topic {
            slug: "landwirtschaft",
            things: &[
                "den Bauernhof und seine Tiere",
                "Kühe, Schweine, Ziegen und Hühner",
                "Felder, Wiesen und Ställe",
                "die Arbeit der Landwirtinnen und Landwirte",
                "den ökologischen Landbau",
                "den Weinbau an den Steillagen",
            ],
            acts: &[
                "Tiere füttern und pflegen",
                "den Stall ausmisten",
                "Kartoffeln setzen und ernten",
                "Eier einsammeln",
                "beim Melken zuschauen",
                "auf dem Acker säen und ernten",
            ],
            facts: &[
                "Auf Stuttgarter Gemarkung gibt es noch zahlreiche landwirtschaftliche Betriebe.",
                "Eine Kuh frisst am Tag rund 70 Kilogramm Gras und trinkt bis zu 100 Liter Wasser.",
                "Auf den Fildern wächst das berühmte Filderkraut.",
                "Viele Höfe am Stadtrand verkaufen ihre Produkte direkt im Hofladen.",
                "Ökologischer Landbau verzichtet auf chemisch-synthetische Pflanzenschutzmittel.",
            ],
            questions: &[
                "wie Tiere auf einem Bauernhof leben",
                "woher die Milch kommt",
                "wie ein Jahr auf dem Acker aussieht",
                "was ein Hof braucht, um gut zu wirtschaften",
            ],
            titles: &[
                "Ein Tag auf dem Bauernhof",
                "Vom Stall auf den Teller",
                "Kleine Bäuerinnen und Bauern",
                "Tiere auf dem Hof",
                "Der Kartoffelacker",
                "Hofgeschichten",
                "Vom Gras zur Milch",
            ],
            sdgs: &[2, 15],
        },
        Topic {
            slug: "artenvielfalt",
            things: &[
                "die Artenvielfalt vor der Haustür",
                "Wildbienen, Schmetterlinge und Käfer",
                "die Vögel und ihre Stimmen",
                "Amphibien und Reptilien",
                "Blühwiesen und Hecken",
                "seltene Pflanzen im Naturschutzgebiet",
            ],
            acts: &[
                "Vogelstimmen erkennen",
                "Insekten mit der Becherlupe bestimmen",
                "ein Insektenhotel bauen",
                "Nistkästen aufhängen",
                "Schmetterlinge zählen",
                "eine Blühwiese anlegen",
            ],
            facts: &[
                "In Deutschland leben über 500 Wildbienenarten, viele davon sind gefährdet.",
                "Eine Streuobstwiese bietet Lebensraum für mehrere tausend Tier- und Pflanzenarten.",
                "Hecken sind Nahrungsquelle, Versteck und Kinderstube für viele Vögel.",
                "Der Rückgang der Insekten trifft auch Vögel, Fledermäuse und Igel.",
                "Kaum ein Vogel ist so farbenprächtig wie der Eisvogel, der an Stuttgarter Bächen wieder brütet.",
            ],
            questions: &[
                "warum Bienen für unsere Ernährung so wichtig sind",
                "wie wir Vögeln im Winter helfen können",
                "welche Tiere auf einer Wiese leben",
                "warum manche Arten verschwinden",
            ],
            titles: &[
                "Vogelstimmen am Morgen",
                "Wildbienen ganz nah",
                "Wir bauen ein Insektenhotel",
                "Wer summt denn da?",
                "Artenkenntnis für Einsteiger",
                "Schmetterlinge zählen",
                "Nachts auf der Wiese",
            ],
            sdgs: &[15],
        },
        Topic {
            slug: "boden",
            things: &[
                "den Boden unter unseren Füßen",
                "Regenwürmer und andere Bodentiere",
                "Humus und Kompost",
                "Bodenschichten und Gesteine",
                "versiegelte und lebendige Böden",
            ],
            acts: &[
                "eine Bodenprobe nehmen und untersuchen",
                "Regenwürmer beobachten",
                "einen Komposthaufen anlegen",
                "Bodenarten mit der Fingerprobe bestimmen",
                "ein Bodenprofil graben",
            ],
            facts: &[
                "In einer Handvoll Erde leben mehr Lebewesen als Menschen auf der Erde.",
                "Es dauert rund hundert Jahre, bis ein Zentimeter fruchtbarer Boden entsteht.",
                "Versiegelte Flächen nehmen kein Regenwasser auf und heizen sich im Sommer stark auf.",
                "Die Filderböden gehören zu den fruchtbarsten Böden in Baden-Württemberg.",
            ],
            questions: &[
                "was alles im Boden lebt",
                "wie Kompost entsteht",
                "warum Böden so wertvoll sind",
            ],
            titles: &[
                "Abenteuer Boden",
                "Regenwurm und Co.",
                "Der Kompost lebt",
                "Was steckt im Boden?",
                "Bodenforscher",
            ],
            sdgs: &[2, 15],
        },
        Topic {
            slug: "stadtnatur",
            things: &[
                "die Natur in der Stadt",
                "Parks, Gärten und Hinterhöfe",
                "Stadtbäume und Mauerpflanzen",
                "Füchse, Igel und Fledermäuse in der Stadt",
                "Dachgärten und grüne Fassaden",
            ],
            acts: &[
                "Stadtbäume bestimmen",
                "Wildpflanzen in Pflasterritzen suchen",
                "eine Stadtnatur-Rallye machen",
                "Saatbomben herstellen",
                "Fledermäuse mit dem Detektor hören",
            ],
            facts: &[
                "Stuttgart gehört zu den grünsten Großstädten Deutschlands.",
                "Auch zwischen Häusern und Straßen leben erstaunlich viele Tiere und Pflanzen.",
                "Stadtbäume spenden Schatten, filtern Staub und kühlen die Luft.",
                "Mauereidechsen lieben die sonnigen Trockenmauern der Weinberge.",
            ],
            questions: &[
                "welche Tiere mitten in der Stadt leben",
                "wie Stadtbäume mit Hitze und Trockenheit zurechtkommen",
                "wie wir die Stadt grüner machen können",
            ],
            titles: &[
                "Wildnis vor der Haustür",
                "Stadtnatur-Rallye",
                "Die grüne Stadt",
                "Nachts im Park",
                "Essbare Stadt",
                "Fledermausnacht",
            ],
            sdgs: &[11, 15],
        },
        Topic {
            slug: "astronomie",
            things: &[
                "den Sternenhimmel",
                "Planeten, Monde und Sterne",
                "die Mondphasen",
                "unser Sonnensystem",
                "die Lichtverschmutzung über der Stadt",
            ],
            acts: &[
                "durch ein Teleskop die Mondkrater beobachten",
                "Sternbilder finden",
                "eine Sonnenuhr bauen",
                "die Sonne gefahrlos beobachten",
                "ein Modell des Sonnensystems abschreiten",
            ],
            facts: &[
                "Über Stuttgart sind wegen der vielen Lichter nur wenige hundert Sterne zu sehen.",
                "Das Licht der Sonne braucht gut acht Minuten bis zur Erde.",
                "Künstliches Licht in der Nacht stört Insekten, Vögel und Menschen.",
            ],
            questions: &[
                "warum der Mond seine Form verändert",
                "wie weit die Sterne entfernt sind",
                "was Lichtverschmutzung für Tiere bedeutet",
            ],
            titles: &[
                "Sterne über Stuttgart",
                "Reise zum Mond",
                "Unser Sonnensystem",
                "Nacht der Sterne",
                "Sonnenbeobachtung",
                "Planetenwanderung",
            ],
            sdgs: &[4, 9],
        },
        Topic {
            slug: "konsum",
            things: &[
                "den Weg unserer Kleidung",
                "Müll, Recycling und Wiederverwendung",
                "den fairen Handel",
                "nachhaltigen Konsum",
                "das Reparieren statt Wegwerfen",
            ],
            acts: &[
                "alte Kleidung upcyceln",
                "Müll richtig trennen",
                "kaputte Dinge gemeinsam reparieren",
                "den Weg einer Jeans nachverfolgen",
                "Verpackungen vergleichen",
            ],
            facts: &[
                "Für eine einzige Jeans werden mehrere tausend Liter Wasser verbraucht.",
                "Jede Person in Deutschland verursacht im Jahr über 200 Kilogramm Verpackungsmüll.",
                "Vieles, was im Müll landet, ließe sich reparieren oder weiterverwenden.",
            ],
            questions: &[
                "wie viel Müll wir täglich produzieren",
                "was aus unserem Altpapier wird",
                "wer unsere Kleidung herstellt",
            ],
            titles: &[
                "Die Reise einer Jeans",
                "Reparieren statt Wegwerfen",
                "Müll-Detektive",
                "Upcycling-Werkstatt",
                "Fair einkaufen",
            ],
            sdgs: &[12],
        },
        Topic {
            slug: "mobilitaet",
            things: &[
                "klimafreundliche Mobilität",
                "Rad, Bus und Bahn",
                "den Schulweg",
                "Verkehr und Lärm in der Stadt",
            ],
            acts: &[
                "ein Fahrrad reparieren",
                "den Schulweg untersuchen",
                "Autos und Fahrräder zählen",
                "mit dem Lastenrad fahren",
                "eine Radtour planen",
            ],
            facts: &[
                "Viele Autofahrten in der Stadt sind kürzer als fünf Kilometer.",
                "Wer mit dem Fahrrad zur Schule fährt, schont das Klima und bleibt fit.",
                "Mit ihren Stäffele und Hanglagen hat Stuttgart ganz besondere Wege.",
            ],
            questions: &[
                "wie wir klimafreundlich unterwegs sein können",
                "wie ein sicherer Schulweg aussieht",
            ],
            titles: &[
                "Fahrradwerkstatt",
                "Mein Schulweg",
                "Unterwegs mit Bus und Bahn",
                "Mobil ohne Auto",
                "Stäffele-Tour",
            ],
            sdgs: &[11, 13],
        },
        Topic {
            slug: "erdgeschichte",
            things: &[
                "Fossilien aus dem Jura",
                "die Erdgeschichte Südwestdeutschlands",
                "Gesteine und Mineralien",
                "Saurier und Ammoniten",
                "die Eiszeit",
            ],
            acts: &[
                "Fossilien präparieren",
                "Gesteine bestimmen",
                "nach Ammoniten suchen",
                "einen Zeitstrahl der Erdgeschichte abschreiten",
            ],
            facts: &[
                "Vor rund 200 Millionen Jahren war Südwestdeutschland von einem flachen Meer bedeckt.",
                "In den Steinbrüchen der Region wurden Fossilien von Fischsauriern gefunden.",
                "Der Cannstatter Travertin entstand aus kalkhaltigem Mineralwasser.",
            ],
            questions: &[
                "wie Fossilien entstehen",
                "wie Stuttgart vor Millionen Jahren aussah",
                "woran man das Alter eines Gesteins erkennt",
            ],
            titles: &[
                "Zeitreise in die Urzeit",
                "Fossilien selbst präparieren",
                "Saurier in Schwaben",
                "Steine erzählen Geschichte",
                "Eiszeit-Werkstatt",
            ],
            sdgs: &[4, 15],
        },
        Topic {
            slug: "globales-lernen",
            things: &[
                "globale Zusammenhänge",
                "den Weg von Kakao und Kaffee",
                "Kinderrechte und Gerechtigkeit",
                "Lebenswelten in anderen Ländern",
                "die 17 Nachhaltigkeitsziele",
            ],
            acts: &[
                "ein Weltverteilungsspiel spielen",
                "den Weg einer Banane verfolgen",
                "fair gehandelte Schokolade probieren",
                "Rezepte aus aller Welt kochen",
            ],
            facts: &[
                "Viele Dinge unseres Alltags haben eine lange Reise um die Welt hinter sich.",
                "Die 17 Nachhaltigkeitsziele der Vereinten Nationen gelten für alle Länder der Erde.",
                "Kakaobäuerinnen und -bauern erhalten oft nur einen kleinen Teil des Preises einer Tafel Schokolade.",
            ],
            questions: &[
                "was unser Einkauf mit Menschen in anderen Ländern zu tun hat",
                "wie Gerechtigkeit weltweit aussehen kann",
            ],
            titles: &[
                "Die Welt im Einkaufskorb",
                "Schokolade fair genießen",
                "Eine Welt – viele Gesichter",
                "Die Reise der Banane",
            ],
            sdgs: &[10, 12, 17],
        },
    ];

    /// A kind of place: how it is named and described and what it offers. Templates use
    /// `{ort}` (a quarter), `{flur}` ("am Hasenberg"), `{fam}` (a family name), `{bezirk}`,
    /// `{muehle}` ("Ölmühle") and `{region}` (for mobile providers).
    pub struct Kind {
        pub kategorie: &'static str,
        pub weight: u32,
        pub outdoor: bool,
        pub names: &'static [&'static str],
        pub intros: &'static [&'static str],
        /// A few sentences in Leichte Sprache.
        pub leicht: &'static str,
        /// Topics, the most typical first.
        pub themen: &'static [&'static str],
        pub zielgruppen: &'static [&'static str],
        pub formate: &'static [&'static str],
        pub traeger: &'static [&'static str],
        /// Probability that a visit is free.
        pub frei: f64,
        /// Weights of rollstuhl: ja, teilweise, nein, unbekannt.
        pub rollstuhl: [u32; 4],
    }

    const ALL_AGES: &[&str] = &[
        "kita",
        "grundschule",
        "sek1",
        "sek2",
        "familien",
        "jugendliche",
        "erwachsene",
    ];
    const SCHOOLS: &[&str] = &["grundschule", "sek1", "sek2", "erwachsene"];

    pub const KINDS: &[Kind] = &[
        Kind {
            kategorie: "park-garten",
            weight: 8,
            outdoor: true,
            names: &[
                "Streuobstwiese {flur}",
                "Obstwiese {ort}",
                "Streuobstparadies {flur}",
                "Obstlehrpfad {flur}",
                "Streuobstgut {fam}",
                "Obstgarten {flur}",
            ],
            intros: &[
                "Auf der Streuobstwiese {flur} stehen über hundert alte Apfel-, Birnen- und Kirschbäume.",
                "Zwischen hochstämmigen Obstbäumen {flur} weiden Schafe, summen Bienen und brüten seltene Vögel.",
                "Die Obstwiesen {flur} gehören zu den artenreichsten Lebensräumen im Stadtbezirk {bezirk}.",
                "Seit Generationen pflegen Ehrenamtliche die Streuobstwiesen in {ort} und ernten im Herbst gemeinsam das Obst.",
            ],
            leicht: "Auf einer Wiese stehen viele Obstbäume. Im Herbst kann man Äpfel ernten. Hier leben viele Tiere.",
            themen: &[
                "artenvielfalt",
                "ernaehrung",
                "landwirtschaft",
                "boden",
                "stadtnatur",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &[
                "fuehrung",
                "workshop",
                "projekttag",
                "veranstaltung",
                "ferienprogramm",
            ],
            traeger: &[
                "Obst- und Gartenbauverein {ort} e.V.",
                "Förderverein Streuobst {ort} e.V.",
                "Familie {fam}",
                "Landeshauptstadt Stuttgart, Amt für Umweltschutz",
            ],
            frei: 0.4,
            rollstuhl: [1, 3, 4, 2],
        },
        Kind {
            kategorie: "park-garten",
            weight: 5,
            outdoor: true,
            names: &[
                "Bienenweide {flur}",
                "Bienengarten {ort}",
                "Lehrbienenstand {ort}",
                "Imkerei {fam}",
                "Bienenlehrpfad {flur}",
                "Wildbienengarten {flur}",
            ],
            intros: &[
                "Am Lehrbienenstand {flur} zeigen Imkerinnen und Imker, wie ein Bienenvolk durch das Jahr kommt.",
                "Die Bienenweide {flur} blüht von März bis Oktober und ist ein Festmahl für Honigbienen, Wildbienen und Hummeln.",
                "Hier dreht sich alles um die Biene: vom Schaukasten mit lebendem Volk bis zur Honigschleuder.",
                "Zwischen Blühstreifen, Nisthilfen und Bienenkästen lässt sich {flur} beobachten, wie Bestäubung funktioniert.",
            ],
            leicht: "Hier leben Bienen. Die Bienen machen Honig. Sie können den Bienen zuschauen.",
            themen: &[
                "artenvielfalt",
                "ernaehrung",
                "stadtnatur",
                "landwirtschaft",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &["fuehrung", "workshop", "projekttag", "veranstaltung"],
            traeger: &[
                "Imkerverein {ort} e.V.",
                "Familie {fam}",
                "Bienenfreunde {ort} e.V.",
            ],
            frei: 0.35,
            rollstuhl: [2, 3, 2, 2],
        },
        Kind {
            kategorie: "park-garten",
            weight: 9,
            outdoor: true,
            names: &[
                "Gemeinschaftsgarten {ort}",
                "Schulgarten {ort}",
                "Kräutergarten {flur}",
                "Interkultureller Garten {ort}",
                "Lehrgarten {ort}",
                "Naturgarten {flur}",
                "Gärtnerei {fam}",
                "Bauerngarten {flur}",
            ],
            intros: &[
                "Im Gemüsegarten {flur} wachsen Tomaten, Bohnen, Kürbisse und Kräuter, gepflegt von Menschen aus der Nachbarschaft.",
                "Auf kleinen Beeten lernen Kinder hier, wie aus einem Samenkorn Gemüse wird.",
                "Der Garten ist Treffpunkt, Lernort und grüne Oase mitten in {ort}.",
                "Zwischen Hochbeeten, Kräuterspirale und Komposthaufen wird gesät, gegossen und geerntet.",
            ],
            leicht: "Das ist ein Garten. Hier wachsen Gemüse und Kräuter. Kinder können hier säen und ernten.",
            themen: &[
                "ernaehrung",
                "stadtnatur",
                "boden",
                "artenvielfalt",
                "globales-lernen",
                "klima",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &[
                "workshop",
                "projekttag",
                "ag-im-ganztag",
                "veranstaltung",
                "ferienprogramm",
            ],
            traeger: &[
                "Gemeinschaftsgarten {ort} e.V.",
                "Bürgerverein {ort} e.V.",
                "Familie {fam}",
                "Evangelische Kirchengemeinde {ort}",
                "Landeshauptstadt Stuttgart, Garten-, Friedhofs- und Forstamt",
            ],
            frei: 0.35,
            rollstuhl: [3, 4, 1, 2],
        },
        Kind {
            kategorie: "park-garten",
            weight: 6,
            outdoor: true,
            names: &[
                "Erlebnispfad {flur}",
                "Naturerlebnispfad {ort}",
                "Stadtpark {ort}",
                "Parkanlage {flur}",
                "Weinberg-Lehrpfad {flur}",
                "Naturlehrpfad {flur}",
                "Grünzug {ort}",
            ],
            intros: &[
                "Der Erlebnispfad {flur} führt an zwölf Stationen durch Wiesen, Hecken und Gärten.",
                "Alte Bäume, Blumenwiesen und ein kleiner Teich machen den Park {flur} zu einem Lernort mitten in der Stadt.",
                "Zwischen Weinbergmauern und Wiesen {flur} zeigt sich, wie vielfältig Stadtnatur sein kann.",
                "Die grüne Lunge von {ort} lädt zum Entdecken, Spielen und Verweilen ein.",
            ],
            leicht: "Das ist ein Park. Hier gibt es Bäume, Wiesen und Blumen. Sie können hier spazieren gehen.",
            themen: &[
                "stadtnatur",
                "klima",
                "artenvielfalt",
                "boden",
                "erdgeschichte",
            ],
            zielgruppen: ALL_AGES,
            formate: &["fuehrung", "exkursion", "veranstaltung", "projekttag"],
            traeger: &[
                "Landeshauptstadt Stuttgart, Garten-, Friedhofs- und Forstamt",
                "Bürgerverein {ort} e.V.",
                "Verschönerungsverein {ort} e.V.",
            ],
            frei: 0.8,
            rollstuhl: [3, 4, 2, 1],
        },
        Kind {
            kategorie: "bauernhof-jugendfarm",
            weight: 7,
            outdoor: true,
            names: &[
                "Jugendfarm {ort}",
                "Jugendfarm {flur}",
                "Aktivspielplatz {ort}",
                "Kinderbauernhof {ort}",
                "Abenteuerspielplatz {ort}",
                "Jugendfarm und Aktivspielplatz {ort}",
            ],
            intros: &[
                "Auf der Jugendfarm {flur} versorgen Kinder Ponys, Ziegen, Hasen und Hühner selbst.",
                "Hütten bauen, Tiere pflegen, am Feuer kochen: Auf dem Aktivspielplatz in {ort} ist das Alltag.",
                "Die Jugendfarm ist ein offener Treffpunkt für Kinder ab sechs Jahren, mit Tieren, Werkstatt und Garten.",
                "Mitten in {ort} lernen Kinder hier den Umgang mit Tieren und übernehmen Verantwortung; jedes Tier hat einen Namen.",
            ],
            leicht: "Das ist eine Jugendfarm. Hier leben Tiere. Kinder können die Tiere füttern und mit ihnen spielen.",
            themen: &[
                "landwirtschaft",
                "artenvielfalt",
                "ernaehrung",
                "stadtnatur",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "jugendliche"],
            formate: &[
                "workshop",
                "projekttag",
                "ag-im-ganztag",
                "ferienprogramm",
                "veranstaltung",
            ],
            traeger: &[
                "Jugendfarm {ort} e.V.",
                "Verein für Jugendfarmen und Aktivspielplätze {ort} e.V.",
                "Jugendhausverein {ort} e.V.",
            ],
            frei: 0.6,
            rollstuhl: [1, 5, 2, 2],
        },
        Kind {
            kategorie: "bauernhof-jugendfarm",
            weight: 8,
            outdoor: true,
            names: &[
                "Bauernhof {fam}",
                "Hof {fam}",
                "Lernbauernhof {ort}",
                "Biohof {fam}",
                "Stadtteilbauernhof {ort}",
                "Schäferei {fam}",
                "Weingut {fam}",
                "Ziegenhof {flur}",
                "{fam}-Hof {ort}",
            ],
            intros: &[
                "Auf dem Bauernhof {flur} leben Kühe, Schweine, Hühner und Ziegen; auf den Feldern wachsen Kartoffeln, Getreide und Filderkraut.",
                "Der Familienbetrieb {fam} bewirtschaftet seit vier Generationen Äcker, Wiesen und Obstbäume in {ort}.",
                "Kinder erleben hier, wie Milch, Eier und Gemüse entstehen, und packen bei der Stallarbeit mit an.",
                "Der ökologisch wirtschaftende Hof öffnet seine Ställe und Felder für Schulklassen und Familien.",
            ],
            leicht: "Das ist ein Bauernhof. Hier leben Kühe, Schweine und Hühner. Sie können bei der Arbeit helfen.",
            themen: &[
                "landwirtschaft",
                "ernaehrung",
                "boden",
                "artenvielfalt",
                "klima",
                "konsum",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &[
                "fuehrung",
                "workshop",
                "projekttag",
                "ferienprogramm",
                "veranstaltung",
            ],
            traeger: &[
                "Familie {fam}",
                "{fam} GbR",
                "Landwirtschaftlicher Betrieb {fam}",
            ],
            frei: 0.1,
            rollstuhl: [1, 4, 3, 2],
        },
        Kind {
            kategorie: "museum",
            weight: 4,
            outdoor: false,
            names: &[
                "{muehle} {ort}",
                "Mühle {flur}",
                "Mühlenmuseum {ort}",
                "Alte Mühle {ort}",
                "Obere Mühle {ort}",
                "Untere Mühle {ort}",
                "Mühle {fam}",
            ],
            intros: &[
                "Die Mühle {flur} wurde vor über 300 Jahren gebaut und mahlt an Aktionstagen noch heute Getreide.",
                "Ein großes Wasserrad treibt die Mahlsteine an; hier wird sichtbar, wie Menschen früher die Kraft des Wassers nutzten.",
                "Das kleine Museum in {ort} erzählt die Geschichte der Mühlen am Neckar und an seinen Nebenbächen.",
                "Vom Korn zum Mehl: In der historischen Mühle probieren Kinder jeden Arbeitsschritt selbst aus.",
            ],
            leicht: "Das ist eine alte Mühle. In der Mühle wird aus Korn Mehl gemacht. Ein Wasserrad treibt die Mühle an.",
            themen: &[
                "ernaehrung",
                "energie",
                "wasser",
                "landwirtschaft",
                "erdgeschichte",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &["fuehrung", "workshop", "projekttag", "veranstaltung"],
            traeger: &[
                "Mühlenverein {ort} e.V.",
                "Heimatverein {ort} e.V.",
                "Familie {fam}",
            ],
            frei: 0.25,
            rollstuhl: [1, 4, 3, 1],
        },
        Kind {
            kategorie: "museum",
            weight: 5,
            outdoor: false,
            names: &[
                "Naturkundemuseum {ort}",
                "Naturkundliche Sammlung {ort}",
                "Heimatmuseum {ort}",
                "Weinbaumuseum {ort}",
                "Museum für Erdgeschichte {ort}",
                "Fossilienkabinett {ort}",
            ],
            intros: &[
                "Das Museum zeigt Fossilien, Mineralien und präparierte Tiere aus der Region, von Ammoniten bis zum Höhlenbären.",
                "In der Sammlung in {ort} lässt sich die Natur- und Kulturgeschichte des Stuttgarter Raums entdecken.",
                "Vitrinen, Modelle und Mitmachstationen erzählen von Urzeitmeeren, Eiszeiten und der heutigen Artenvielfalt.",
                "Das kleine Museum verbindet Heimatgeschichte mit Fragen des Natur- und Klimaschutzes.",
            ],
            leicht: "Das ist ein Museum. Hier gibt es alte Steine und Knochen von Tieren. Sie können viel über die Natur lernen.",
            themen: &[
                "erdgeschichte",
                "artenvielfalt",
                "klima",
                "globales-lernen",
                "konsum",
                "landwirtschaft",
            ],
            zielgruppen: ALL_AGES,
            formate: &[
                "fuehrung",
                "workshop",
                "projekttag",
                "ferienprogramm",
                "veranstaltung",
            ],
            traeger: &[
                "Förderverein Naturkunde {ort} e.V.",
                "Heimatverein {ort} e.V.",
                "Landeshauptstadt Stuttgart, Kulturamt",
            ],
            frei: 0.2,
            rollstuhl: [4, 3, 1, 1],
        },
        Kind {
            kategorie: "wald",
            weight: 8,
            outdoor: true,
            names: &[
                "Waldschule {ort}",
                "Waldklassenzimmer {flur}",
                "Waldkindergarten {flur}",
                "Waldheim {ort}",
                "Walderlebnispfad {flur}",
                "Waldlehrpfad {flur}",
                "Waldstation {ort}",
            ],
            intros: &[
                "Mitten im Wald {flur} lernen Kinder unter freiem Himmel, mit allen Sinnen und bei jedem Wetter.",
                "Waldpädagoginnen und Förster führen Gruppen durch den Bergwald {flur} und zeigen, wie ein Mischwald lebt.",
                "Baumstämme dienen als Bänke, ein Bauwagen als Werkstatt: Das Waldklassenzimmer in {ort} ist ganz auf draußen ausgelegt.",
                "Ein Lehrpfad mit Stationen führt durch Buchen- und Eichenwälder und erklärt Bäume, Tiere und Boden.",
            ],
            leicht: "Das ist ein Wald. Im Wald gibt es viele Bäume und Tiere. Kinder können hier spielen und lernen.",
            themen: &["wald", "artenvielfalt", "klima", "boden", "wasser"],
            zielgruppen: &["kita", "grundschule", "sek1", "sek2", "familien"],
            formate: &[
                "fuehrung",
                "exkursion",
                "projekttag",
                "ag-im-ganztag",
                "ferienprogramm",
            ],
            traeger: &[
                "Landeshauptstadt Stuttgart, Garten-, Friedhofs- und Forstamt",
                "Waldpädagogik {ort} e.V.",
                "Forstrevier {ort}",
                "Waldheimverein {ort} e.V.",
            ],
            frei: 0.4,
            rollstuhl: [1, 3, 4, 2],
        },
        Kind {
            kategorie: "wald",
            weight: 5,
            outdoor: true,
            names: &[
                "Naturschutzgebiet {flur}",
                "Bergwald {flur}",
                "Naturwald {flur}",
                "Schonwald {flur}",
                "Bannwald {flur}",
                "Waldgebiet {flur}",
            ],
            intros: &[
                "Das Naturschutzgebiet {flur} schützt alte Eichen, Hangwälder und Trockenrasen mit seltenen Orchideen.",
                "Im Bergwald {flur} wird seit Jahrzehnten nicht mehr gefällt; Totholz bleibt liegen und bietet Käfern, Pilzen und Spechten Lebensraum.",
                "Steile Hänge, Quellen und alte Bäume machen dieses Waldgebiet zu einem der wildesten Orte in {ort}.",
                "Förster führen hier durch einen Wald, der sich wieder frei entwickeln darf.",
            ],
            leicht: "Das ist ein geschützter Wald. Hier leben seltene Tiere und Pflanzen. Bitte bleiben Sie auf den Wegen.",
            themen: &["wald", "artenvielfalt", "boden", "klima", "erdgeschichte"],
            zielgruppen: &["grundschule", "sek1", "sek2", "familien", "erwachsene"],
            formate: &["fuehrung", "exkursion", "projekttag"],
            traeger: &[
                "Landeshauptstadt Stuttgart, Garten-, Friedhofs- und Forstamt",
                "Forstrevier {ort}",
                "Naturschutzverein {ort} e.V.",
            ],
            frei: 0.8,
            rollstuhl: [0, 2, 5, 2],
        },
        Kind {
            kategorie: "gewaesser",
            weight: 6,
            outdoor: true,
            names: &[
                "Bachlabor {ort}",
                "Bachpfad {flur}",
                "Wasserschule {ort}",
                "Teich- und Bachwerkstatt {ort}",
                "Feuchtbiotop {flur}",
                "Quellenpfad {flur}",
                "Wasserlehrpfad {flur}",
            ],
            intros: &[
                "Am renaturierten Bach {flur} untersuchen Kinder mit Kescher und Becherlupe, wer unter den Steinen lebt.",
                "Ein Holzsteg führt über das Feuchtbiotop {flur}, in dem Frösche, Molche und Libellen leben.",
                "Im Bachlabor werden Proben aus Bächen und Teichen untersucht und Wassertiere bestimmt.",
                "Quellen, Tümpel und ein kleiner Bach machen das Gelände {flur} zu einem Lernort rund ums Wasser.",
            ],
            leicht: "Hier gibt es einen Bach. Im Wasser leben kleine Tiere. Kinder können die Tiere mit einer Lupe ansehen.",
            themen: &["wasser", "artenvielfalt", "klima", "stadtnatur"],
            zielgruppen: &["kita", "grundschule", "sek1", "sek2", "familien"],
            formate: &[
                "exkursion",
                "workshop",
                "projekttag",
                "ag-im-ganztag",
                "ferienprogramm",
            ],
            traeger: &[
                "Naturschutzverein {ort} e.V.",
                "Bachpaten {ort} e.V.",
                "Landeshauptstadt Stuttgart, Amt für Umweltschutz",
            ],
            frei: 0.4,
            rollstuhl: [1, 3, 3, 2],
        },
        Kind {
            kategorie: "gewaesser",
            weight: 3,
            outdoor: true,
            names: &[
                "Flusslabor Neckar {ort}",
                "Neckarufer {ort}",
                "Seestation {flur}",
                "Uferpfad {flur}",
                "Neckarstation {ort}",
            ],
            intros: &[
                "Am Neckarufer in {ort} zeigt sich, wie Fluss, Schifffahrt, Industrie und Natur zusammenleben.",
                "Die Station {flur} lädt ein, Wasserproben zu nehmen, Vögel am Ufer zu beobachten und den Fluss zu erforschen.",
                "Seit der Renaturierung brüten am Ufer wieder Eisvögel, und im flachen Wasser tummeln sich Fische.",
                "Zwischen Schilf, Weiden und Kiesbänken lernen Schulklassen den Lebensraum Fluss kennen.",
            ],
            leicht: "Hier fließt der Neckar. Am Ufer leben Vögel und Fische. Sie können hier viel über Wasser lernen.",
            themen: &[
                "wasser",
                "artenvielfalt",
                "klima",
                "mobilitaet",
                "stadtnatur",
            ],
            zielgruppen: &["grundschule", "sek1", "sek2", "familien", "erwachsene"],
            formate: &["exkursion", "workshop", "projekttag", "fuehrung"],
            traeger: &[
                "Flussfreunde Neckar e.V.",
                "Naturschutzverein {ort} e.V.",
                "Landeshauptstadt Stuttgart, Amt für Umweltschutz",
            ],
            frei: 0.45,
            rollstuhl: [2, 4, 2, 1],
        },
        Kind {
            kategorie: "umweltzentrum",
            weight: 7,
            outdoor: false,
            names: &[
                "Umweltzentrum {ort}",
                "Naturschutzzentrum {flur}",
                "Ökostation {ort}",
                "Haus der Artenvielfalt {ort}",
                "Klimawerkstatt {ort}",
                "Umwelthaus {flur}",
                "Naturschutzgruppe {ort}",
                "Zentrum für Umweltbildung {ort}",
            ],
            intros: &[
                "Das Umweltzentrum in {ort} ist Anlaufstelle für alle, die sich für Natur-, Umwelt- und Klimaschutz interessieren.",
                "Ausstellungen, Werkstätten und ein großer Naturgarten machen das Haus zu einem lebendigen Lernort.",
                "Ehrenamtliche und Fachleute bieten hier Exkursionen, Vorträge und Mitmachaktionen für jedes Alter an.",
                "Von der Vogelstimmenwanderung bis zum Reparaturtreff: Das Programm ist so vielfältig wie die Natur in {ort}.",
            ],
            leicht: "Das ist ein Umwelt-Zentrum. Hier lernen Sie, wie man die Natur schützt. Es gibt Kurse für Kinder und Erwachsene.",
            themen: &[
                "klima",
                "energie",
                "konsum",
                "artenvielfalt",
                "stadtnatur",
                "mobilitaet",
                "globales-lernen",
                "wasser",
            ],
            zielgruppen: ALL_AGES,
            formate: &[
                "workshop",
                "exkursion",
                "projekttag",
                "veranstaltung",
                "ag-im-ganztag",
                "fuehrung",
            ],
            traeger: &[
                "Naturschutzverein {ort} e.V.",
                "Umweltforum {ort} e.V.",
                "Landeshauptstadt Stuttgart, Amt für Umweltschutz",
                "Verein für Umweltbildung {ort} e.V.",
            ],
            frei: 0.35,
            rollstuhl: [4, 3, 1, 1],
        },
        Kind {
            kategorie: "umweltzentrum",
            weight: 4,
            outdoor: false,
            names: &[
                "Repair-Café {ort}",
                "Fahrradwerkstatt {ort}",
                "Upcycling-Werkstatt {ort}",
                "Offene Werkstatt {ort}",
                "Tauschladen {ort}",
            ],
            intros: &[
                "Hier werden kaputte Toaster, Fahrräder und Kleidungsstücke gemeinsam repariert statt weggeworfen.",
                "Die offene Werkstatt in {ort} zeigt, wie Reparieren, Tauschen und Teilen Ressourcen schont.",
                "Ehrenamtliche Tüftlerinnen und Tüftler helfen beim Reparieren und erklären, wie Dinge funktionieren.",
                "Aus alten Materialien entstehen hier neue Dinge: Taschen aus Planen, Hocker aus Paletten, Schmuck aus Fahrradschläuchen.",
            ],
            leicht: "Das ist eine Werkstatt. Hier reparieren Menschen kaputte Sachen. Sie können mitmachen und lernen.",
            themen: &["konsum", "mobilitaet", "klima", "globales-lernen"],
            zielgruppen: &["sek1", "sek2", "jugendliche", "erwachsene", "familien"],
            formate: &["workshop", "ag-im-ganztag", "veranstaltung", "projekttag"],
            traeger: &[
                "Nachbarschaftshilfe {ort} e.V.",
                "Jugendhausverein {ort} e.V.",
                "Evangelische Kirchengemeinde {ort}",
            ],
            frei: 0.5,
            rollstuhl: [3, 3, 2, 2],
        },
        Kind {
            kategorie: "sternwarte-planetarium",
            weight: 2,
            outdoor: false,
            names: &[
                "Sternwarte {flur}",
                "Schulsternwarte {ort}",
                "Volkssternwarte {ort}",
                "Planetenweg {flur}",
                "Sonnenobservatorium {ort}",
            ],
            intros: &[
                "Von der Kuppel der Sternwarte {flur} reicht der Blick bei klarem Himmel bis zu den Ringen des Saturn.",
                "Ehrenamtliche Astronominnen und Astronomen öffnen hier jeden Freitagabend ihre Teleskope für Besucherinnen und Besucher.",
                "Der Planetenweg {flur} bildet das Sonnensystem im Maßstab eins zu einer Milliarde nach.",
                "Tagsüber beobachten Gruppen die Sonne mit Spezialfiltern, abends Mond, Planeten und Sternhaufen.",
            ],
            leicht: "Das ist eine Sternwarte. Hier gibt es große Fernrohre. Sie können den Mond und die Sterne ansehen.",
            themen: &["astronomie", "klima", "energie"],
            zielgruppen: &[
                "grundschule",
                "sek1",
                "sek2",
                "familien",
                "jugendliche",
                "erwachsene",
            ],
            formate: &["fuehrung", "workshop", "veranstaltung", "ag-im-ganztag"],
            traeger: &[
                "Astronomische Vereinigung {ort} e.V.",
                "Schulverein {ort} e.V.",
                "Sternfreunde {ort} e.V.",
            ],
            frei: 0.25,
            rollstuhl: [1, 3, 4, 1],
        },
        Kind {
            kategorie: "zoo",
            weight: 4,
            outdoor: true,
            names: &[
                "Tiergehege {flur}",
                "Wildgehege {flur}",
                "Vogelschutzstation {ort}",
                "Streichelzoo {ort}",
                "Schmetterlingshaus {ort}",
                "Igelstation {ort}",
                "Tierpark {flur}",
            ],
            intros: &[
                "Im Wildgehege {flur} leben Rothirsche, Wildschweine und Damwild in großen, naturnahen Gehegen.",
                "Die Station pflegt verletzte Vögel, Igel und Fledermäuse und wildert sie wieder aus.",
                "Ziegen, Schafe, Esel und Hasen freuen sich über Besuch, besonders von Kindern.",
                "Tierpflegerinnen erklären, was die Tiere fressen, wie sie leben und warum viele Arten bedroht sind.",
            ],
            leicht: "Hier leben viele Tiere. Die Tiere werden gut gepflegt. Sie können die Tiere ansehen und manchmal streicheln.",
            themen: &[
                "artenvielfalt",
                "globales-lernen",
                "stadtnatur",
                "klima",
                "landwirtschaft",
            ],
            zielgruppen: &["kita", "grundschule", "sek1", "familien", "erwachsene"],
            formate: &["fuehrung", "workshop", "ferienprogramm", "veranstaltung"],
            traeger: &[
                "Tierschutzverein {ort} e.V.",
                "Vogelschutzgruppe {ort} e.V.",
                "Landeshauptstadt Stuttgart, Garten-, Friedhofs- und Forstamt",
            ],
            frei: 0.4,
            rollstuhl: [3, 4, 1, 1],
        },
        Kind {
            kategorie: "technik-versorgung",
            weight: 3,
            outdoor: false,
            names: &[
                "Energiewerkstatt {ort}",
                "Solarschule {ort}",
                "Energiezentrum {ort}",
                "Solarwerkstatt {ort}",
                "Energielabor {ort}",
            ],
            intros: &[
                "In der Energiewerkstatt in {ort} wird gelötet, gemessen und ausprobiert, wie Strom aus Sonne und Wind entsteht.",
                "Solarmodule auf dem Dach, Messgeräte im Klassenraum: Hier wird die Energiewende greifbar.",
                "Schülerinnen und Schüler bauen hier Solarautos, Windräder und kleine Wasserkraftwerke.",
                "Wie viel Strom braucht ein Föhn, und wie viel spart eine LED-Lampe? Hier wird nachgemessen.",
            ],
            leicht: "Hier lernen Sie etwas über Strom. Strom kann man aus Sonne und Wind machen. Sie können selbst etwas bauen.",
            themen: &["energie", "klima", "mobilitaet", "konsum"],
            zielgruppen: &["grundschule", "sek1", "sek2", "jugendliche", "erwachsene"],
            formate: &["workshop", "projekttag", "ag-im-ganztag", "ferienprogramm"],
            traeger: &[
                "Energieverein {ort} e.V.",
                "Landeshauptstadt Stuttgart, Amt für Umweltschutz",
                "Solarinitiative {ort} e.V.",
            ],
            frei: 0.3,
            rollstuhl: [4, 3, 1, 1],
        },
        Kind {
            kategorie: "technik-versorgung",
            weight: 3,
            outdoor: false,
            names: &[
                "Wasserwerk {ort}",
                "Klärwerk {ort}",
                "Heizkraftwerk {ort}",
                "Wertstoffhof {ort}",
                "Pumpwerk {flur}",
                "Hochbehälter {flur}",
            ],
            intros: &[
                "Die Anlage in {ort} öffnet für Schulklassen und Gruppen ihre Tore und zeigt, was hinter Wasserhahn, Steckdose und Mülltonne passiert.",
                "Bei Rundgängen über das Gelände wird sichtbar, wie eine Großstadt mit Wasser und Energie versorgt wird.",
                "Fachleute erklären, wie Abwasser gereinigt, Müll sortiert und Energie zurückgewonnen wird.",
                "Helm auf und los: Der Rundgang führt durch Hallen, Becken und Leitstände.",
            ],
            leicht: "Das ist eine große Anlage. Hier geht es um Wasser, Strom und Müll. Fachleute zeigen Ihnen alles.",
            themen: &["wasser", "energie", "konsum", "klima"],
            zielgruppen: SCHOOLS,
            formate: &["fuehrung", "exkursion", "projekttag"],
            traeger: &[
                "Stadtwerke (Beispiel)",
                "Stadtentwässerung (Beispiel)",
                "Abfallwirtschaft (Beispiel)",
            ],
            frei: 0.7,
            rollstuhl: [2, 5, 1, 1],
        },
    ];

    /// Mobile providers: no fixed place, they come to schools and Kitas.
    pub const MOBILE: Kind = Kind {
        kategorie: "mobiles-angebot",
        weight: 0,
        outdoor: true,
        names: &[
            "Bienenmobil {region}",
            "Umweltmobil {region}",
            "Waldmobil {region}",
            "Klimakoffer {region}",
            "Bachforscher-Mobil {region}",
            "Kräuterkiste {region}",
            "Energiebus {region}",
            "Naturerlebnismobil {region}",
            "Rollende Gartenschule {region}",
            "Naturpädagogik {fam}",
        ],
        intros: &[
            "Das Team kommt mit Material, Tieren und Ideen direkt an Schulen und Kitas in ganz Stuttgart.",
            "Ein umgebauter Anhänger voller Becherlupen, Kescher und Mikroskope macht jeden Schulhof zum Lernort.",
            "Ob Schulhof, Kita-Garten oder Stadtteilfest: Das mobile Angebot kommt dorthin, wo die Kinder sind.",
            "Die Umweltpädagoginnen und -pädagogen bringen alles mit, was für einen Forschertag draußen nötig ist.",
        ],
        leicht: "Wir kommen zu Ihnen. Wir bringen Sachen zum Forschen mit. Kinder lernen so viel über die Natur.",
        themen: &[
            "artenvielfalt",
            "wald",
            "wasser",
            "ernaehrung",
            "klima",
            "energie",
            "stadtnatur",
        ],
        zielgruppen: &["kita", "grundschule", "sek1", "familien"],
        formate: &["workshop", "projekttag", "ag-im-ganztag", "veranstaltung"],
        traeger: &[
            "Umweltbildung unterwegs e.V.",
            "{fam} Umweltpädagogik",
            "Naturschutzverein Stuttgart e.V.",
        ],
        frei: 0.2,
        rollstuhl: [0, 0, 0, 1],
    };

    pub const REGIONS: &[&str] = &[
        "Stuttgart",
        "Neckartal",
        "Filder",
        "Stuttgart-Nord",
        "Stuttgart-Süd",
        "Region Stuttgart",
        "Schurwald",
        "Glemswald",
    ];

    pub const MUEHLEN: &[&str] = &[
        "Ölmühle",
        "Papiermühle",
        "Sägemühle",
        "Lohmühle",
        "Walkmühle",
        "Kornmühle",
        "Schleifmühle",
        "Hammermühle",
        "Getreidemühle",
    ];

    pub const FAMILIES: &[&str] = &[
        "Häberle",
        "Kübler",
        "Schäfer",
        "Wörner",
        "Bühler",
        "Fischer",
        "Schönleber",
        "Großmann",
        "Köhler",
        "Mößner",
        "Hägele",
        "Nüßle",
        "Maier",
        "Bauer",
        "Schweizer",
        "Rößler",
        "Fröhlich",
        "Gänßle",
        "Dürr",
        "Künzel",
        "Stäbler",
        "Vöhringer",
        "Schmälzle",
        "Grüninger",
        "Löffler",
        "Eberhardt",
        "Pfäffle",
        "Weiß",
        "Hörz",
        "Jäger",
        "Schüle",
        "Glöckler",
        "Kächele",
        "Föll",
        "Rühle",
        "Ströbele",
        "Schlotterbeck",
        "Wüst",
        "Mäule",
        "Bässler",
    ];

    pub const FIRST_NAMES: &[&str] = &[
        "Anna", "Lena", "Sabine", "Jürgen", "Jörg", "Günther", "Käthe", "Björn", "Helga", "Ute",
        "Thomas", "Martina", "Özlem", "Elif", "Dragan", "Katrin", "Fabian", "Lukas", "Miriam",
        "Ralf", "Susanne", "Tobias", "Hannah", "Jonas", "Marija", "Doris", "Bärbel", "Gülay",
        "Sören", "Müge",
    ];

    pub const STREETS: &[&str] = &[
        "Hauptstraße",
        "Kirchstraße",
        "Schulstraße",
        "Lindenstraße",
        "Bachstraße",
        "Mühlweg",
        "Am Wiesenrain",
        "Waldstraße",
        "Gartenstraße",
        "Im Obstgarten",
        "Brunnenstraße",
        "Rosenweg",
        "Feldweg",
        "Hohe Straße",
        "Am Bachufer",
        "Talstraße",
        "Weinbergweg",
        "Eichenweg",
        "Buchenweg",
        "Ahornstraße",
        "Wiesenstraße",
        "Kelterstraße",
        "Schafhausweg",
        "Klingenstraße",
        "Steigstraße",
        "Hölderlinweg",
        "Mörikestraße",
        "Uhlandstraße",
        "Schillerstraße",
        "Zur Mühle",
        "Am Kräuterbühl",
        "Äußere Straße",
        "Obere Halde",
        "Untere Weinsteige",
        "Gänsweg",
        "Fröbelstraße",
    ];

    /// How audiences are named in sentences: subject, dative, and as groups that offers are for.
    pub fn audience(slug: &str) -> (&'static str, &'static str, &'static str) {
        match slug {
            "kita" => ("Kita-Kinder", "Kita-Kindern", "Kitas"),
            "grundschule" => ("Grundschulkinder", "Grundschulkindern", "Grundschulklassen"),
            "sek1" => (
                "Schülerinnen und Schüler",
                "Schülerinnen und Schülern",
                "Schulklassen der Sekundarstufe I",
            ),
            "sek2" => (
                "Oberstufenschülerinnen und -schüler",
                "Oberstufenschülerinnen und -schülern",
                "Kurse der Oberstufe",
            ),
            "familien" => ("Familien", "Familien", "Familien mit Kindern"),
            "jugendliche" => ("Jugendliche", "Jugendlichen", "Jugendgruppen"),
            _ => ("Erwachsene", "Erwachsenen", "interessierte Erwachsene"),
        }
    }

    /// "In diesem Workshop" etc.
    pub fn format_phrase(slug: &str) -> &'static str {
        match slug {
            "fuehrung" => "Bei dieser Führung",
            "workshop" => "In diesem Workshop",
            "projekttag" => "An diesem Projekttag",
            "exkursion" => "Auf dieser Exkursion",
            "ag-im-ganztag" => "In dieser AG",
            "ferienprogramm" => "In diesem Ferienprogramm",
            _ => "Bei dieser Veranstaltung",
        }
    }

    pub const PRACTICAL_OUTDOOR: &[&str] = &[
        "Bitte denken Sie an wetterfeste Kleidung und festes Schuhwerk.",
        "Die meisten Programme finden draußen statt, auch bei Regen.",
        "Eine Schutzhütte bietet bei Gewitter Unterschlupf.",
        "Hunde sind auf dem Gelände leider nicht erlaubt.",
        "Im Sommer gibt es Schatten unter den großen Bäumen; Sonnenschutz ist trotzdem sinnvoll.",
    ];
    pub const PRACTICAL_INDOOR: &[&str] = &[
        "Garderobe und Schließfächer sind vorhanden.",
        "Für Gruppen gibt es einen eigenen Seminarraum mit Platz für 30 Personen.",
        "Ein Teil der Ausstellung ist auch in Englisch beschriftet.",
        "Eine kleine Küche kann für Vesperpausen genutzt werden.",
    ];
    pub const PRACTICAL_ALL: &[&str] = &[
        "Für Gruppen ist eine Anmeldung mindestens zwei Wochen vorher nötig.",
        "Der Lernort ist gut mit Bus und Bahn erreichbar; Parkplätze gibt es kaum.",
        "Im Team werden mehrere Sprachen gesprochen.",
        "Spenden helfen, das Angebot auch künftig bezahlbar zu halten.",
        "Lehrkräfte erhalten vorab Material zur Vor- und Nachbereitung im Unterricht.",
        "Für Kinder mit Förderbedarf passen wir das Programm gerne an.",
    ];
    pub const PRACTICAL_MOBILE: &[&str] = &[
        "Wir brauchen nur einen Raum oder eine Ecke im Schulhof.",
        "Die Anfahrt innerhalb Stuttgarts ist im Preis enthalten.",
        "Einsätze sind von Montag bis Freitag möglich, in den Ferien auch bei Stadtteilfesten.",
        "Alle Materialien bringen wir mit.",
    ];

    pub const OFFER_ORGA: &[&str] = &[
        "Material und Werkzeug werden gestellt.",
        "Eine Vesperpause ist eingeplant; bitte Getränke mitbringen.",
        "Die Gruppe wird von zwei erfahrenen Umweltpädagoginnen begleitet.",
        "Der Treffpunkt wird bei der Anmeldung mitgeteilt.",
        "Das Programm lässt sich an Alter und Vorwissen der Gruppe anpassen.",
        "Begleitpersonen sind herzlich willkommen.",
    ];

    pub const LIST_INTROS: &[&str] = &[
        "Auf dem Programm stehen:",
        "Das erwartet die Gruppe:",
        "Dabei wird es praktisch:",
        "Was wir gemeinsam machen:",
    ];
}

/// The generated site in memory, independent of any output format.
mod data {
    use std::collections::HashSet;

    use chrono::{Days, NaiveDate, NaiveDateTime};
    use lernorte::slug::slugify;

    use super::districts::{self, Area};
    use super::rng::Rng;
    use super::vocab::{self, FORMATE, KATEGORIEN, THEMEN, Term, ZIELGRUPPEN};
    use super::words::{self, Kind, Topic};

    pub struct TestSite {
        pub seed: u64,
        pub places: Vec<Place>,
        pub offers: Vec<Offer>,
        pub pages: Vec<Page>,
    }

    pub struct Place {
        pub slug: String,
        pub name: String,
        pub kategorie: &'static Term,
        pub traeger: Option<String>,
        pub kurzbeschreibung: String,
        pub leichte_sprache: Option<String>,
        /// Markdown.
        pub beschreibung: Option<String>,
        /// `None` for mobile providers.
        pub location: Option<Location>,
        pub oepnv: Vec<Stop>,
        pub themen: Vec<&'static Term>,
        pub zielgruppen: Vec<&'static Term>,
        pub kosten: Costs,
        pub barrierefreiheit: Option<Access>,
        /// ISO 639-1 codes.
        pub sprachen: Vec<&'static str>,
        /// Season slugs (ganzjaehrig, fruehling, ...).
        pub jahreszeiten: Vec<&'static str>,
        pub oeffnungszeiten: Option<String>,
        pub kontakt: Contact,
        pub sdgs: Vec<u8>,
        pub geprueft_am: NaiveDate,
    }

    pub struct Location {
        /// The district's name as in the vocabulary ("Bad Cannstatt", "Süd").
        pub bezirk: &'static str,
        pub strasse: String,
        pub plz: &'static str,
        pub ort: &'static str,
        pub lat: f64,
        pub lon: f64,
    }

    pub struct Stop {
        pub haltestelle: &'static str,
        pub linien: &'static [&'static str],
    }

    pub struct Costs {
        pub frei: bool,
        pub hinweis: Option<String>,
    }

    pub struct Access {
        /// ja, teilweise, nein, unbekannt
        pub rollstuhl: &'static str,
        pub wc: Option<bool>,
        pub hinweis: Option<String>,
    }

    #[derive(Default)]
    pub struct Contact {
        pub web: Option<String>,
        pub email: Option<String>,
        pub telefon: Option<String>,
        pub person: Option<String>,
    }

    pub struct Offer {
        pub slug: String,
        pub titel: String,
        /// Slug of the place.
        pub lernort: String,
        pub format: &'static Term,
        pub zielgruppen: Vec<&'static Term>,
        pub klassenstufen: Option<(u8, u8)>,
        pub alter: Option<(u8, u8)>,
        /// Empty: the place's topics.
        pub themen: Vec<&'static Term>,
        /// Leitperspektiven codes (BNE, BTV, PG, BO, MB, VB).
        pub bildungsplan: Vec<&'static str>,
        pub dauer_minuten: Option<u32>,
        pub gruppengroesse: Option<(u32, u32)>,
        pub kosten: Costs,
        pub buchung: Option<Booking>,
        pub termine: Vec<NaiveDateTime>,
        pub sprachen: Vec<&'static str>,
        pub jahreszeiten: Vec<&'static str>,
        /// Markdown.
        pub text: String,
    }

    pub struct Booking {
        pub email: Option<String>,
        pub telefon: Option<String>,
        pub web: Option<String>,
        pub vorlauf_tage: Option<u32>,
    }

    pub struct Page {
        pub slug: &'static str,
        pub titel: &'static str,
        pub beschreibung: &'static str,
        pub menue: i32,
        /// Markdown.
        pub text: String,
    }

    /// The day `geprueft_am` counts back from (fixed, so output does not depend on the clock).
    fn reference_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("valid date")
    }

    const SEASONS: &[&str] = &["fruehling", "sommer", "herbst", "winter"];
    const EXTRA_LANGUAGES: &[&str] = &["en", "tr", "fr", "it", "el", "hr", "ar", "uk", "ru", "es"];

    /// Where and what a place is, fixed before its texts are written.
    struct Ctx {
        kind: &'static Kind,
        area: Option<usize>,
        ort: &'static str,
        flur: &'static str,
        fam: &'static str,
        muehle: &'static str,
        region: &'static str,
        bezirk: &'static str,
    }

    impl Ctx {
        fn fill(&self, template: &str) -> String {
            template
                .replace("{ort}", self.ort)
                .replace("{flur}", self.flur)
                .replace("{fam}", self.fam)
                .replace("{muehle}", self.muehle)
                .replace("{region}", self.region)
                .replace("{bezirk}", self.bezirk)
        }
    }

    /// Builds the whole site: `n` places, about two offers each, and the free pages.
    pub fn generate(n: usize, seed: u64) -> TestSite {
        let mut rng = Rng::new(seed);
        let areas = districts::areas();
        let mut g = Generator {
            rng: &mut rng,
            areas: &areas,
            names: HashSet::new(),
            place_slugs: HashSet::new(),
            offer_slugs: HashSet::new(),
        };

        // About 2.5 % mobile providers, at least one in sites of ten places or more.
        let mobile_count = if n >= 10 {
            ((n as f64 * 0.025).round() as usize).max(1)
        } else {
            0
        };
        let mut order: Vec<usize> = (0..n).collect();
        g.rng.shuffle(&mut order);
        let mobile: HashSet<usize> = order[..mobile_count].iter().copied().collect();

        // The first 23 fixed places cover every district once, the rest follow the weights.
        let mut first: Vec<usize> = (0..areas.len()).collect();
        g.rng.shuffle(&mut first);
        let weights: Vec<u32> = areas.iter().map(|a| a.local.weight).collect();
        let kind_weights: Vec<u32> = words::KINDS.iter().map(|k| k.weight).collect();

        let mut places = Vec::with_capacity(n);
        let mut offers = Vec::with_capacity(n * 2);
        let mut fixed = 0;
        for i in 0..n {
            let ctx = if mobile.contains(&i) {
                g.mobile_ctx()
            } else {
                let area = if fixed < first.len() {
                    first[fixed]
                } else {
                    g.rng.weighted(&weights)
                };
                fixed += 1;
                let kind = &words::KINDS[g.rng.weighted(&kind_weights)];
                g.fixed_ctx(kind, area)
            };
            let (place, ctx) = g.place(ctx);
            let count = [0, 1, 2, 3, 4][g.rng.weighted(&[10, 25, 30, 20, 15])];
            for _ in 0..count {
                offers.push(g.offer(&place, &ctx));
            }
            places.push(place);
        }
        let pages = pages(places.len(), offers.len());
        TestSite {
            seed,
            places,
            offers,
            pages,
        }
    }

    struct Generator<'a> {
        rng: &'a mut Rng,
        areas: &'a [Area],
        names: HashSet<String>,
        place_slugs: HashSet<String>,
        offer_slugs: HashSet<String>,
    }

    impl Generator<'_> {
        fn fixed_ctx(&mut self, kind: &'static Kind, area: usize) -> Ctx {
            let a = &self.areas[area];
            Ctx {
                kind,
                area: Some(area),
                ort: self.rng.word(a.local.orte),
                flur: self.rng.word(a.local.fluren),
                fam: self.rng.word(words::FAMILIES),
                muehle: self.rng.word(words::MUEHLEN),
                region: "Stuttgart",
                bezirk: &a.district.name,
            }
        }

        fn mobile_ctx(&mut self) -> Ctx {
            Ctx {
                kind: &words::MOBILE,
                area: None,
                ort: "Stuttgart",
                flur: "in ganz Stuttgart",
                fam: self.rng.word(words::FAMILIES),
                muehle: "Mühle",
                region: self.rng.word(words::REGIONS),
                bezirk: "Stuttgart",
            }
        }

        /// A name not used yet: new local names first, then the district, then a number.
        fn unique_name(&mut self, mut ctx: Ctx) -> (String, Ctx) {
            let mut name = String::new();
            for _ in 0..12 {
                name = ctx.fill(self.rng.word(ctx.kind.names));
                if self.is_free(&name) {
                    return (name, ctx);
                }
                ctx = match ctx.area {
                    Some(area) => self.fixed_ctx(ctx.kind, area),
                    None => self.mobile_ctx(),
                };
            }
            if let Some(area) = ctx.area {
                let district = self.areas[area].district;
                if !name.contains(district.name.as_str()) {
                    let with_district = format!("{name} in {}", district.display_name);
                    if self.is_free(&with_district) {
                        return (with_district, ctx);
                    }
                }
            }
            let numbered = (2..)
                .map(|k| format!("{name} {k}"))
                .find(|n| self.is_free(n))
                .expect("some number is free");
            (numbered, ctx)
        }

        fn is_free(&self, name: &str) -> bool {
            !self.names.contains(name) && !self.place_slugs.contains(&slugify(name))
        }

        fn place(&mut self, ctx: Ctx) -> (Place, Ctx) {
            let (name, ctx) = self.unique_name(ctx);
            let slug = slugify(&name);
            self.names.insert(name.clone());
            self.place_slugs.insert(slug.clone());
            let kind = ctx.kind;

            let themen = self.place_topics(kind);
            let zielgruppen = self.place_audiences(kind);
            let frei = self.rng.chance(kind.frei);
            let topics: Vec<&Topic> = themen.iter().map(|t| words::topic(t.slug)).collect();

            let intro_order = self.rng.sample(kind.intros, 2);
            let kurzbeschreibung =
                self.short_description(&ctx, intro_order[0], &topics, &zielgruppen);
            let beschreibung = self
                .rng
                .chance(0.85)
                .then(|| self.long_description(&ctx, intro_order[1], &topics, &zielgruppen));

            let location = ctx.area.map(|a| self.location(&ctx, &self.areas[a]));
            let oepnv = match ctx.area {
                Some(a) if self.rng.chance(0.85) => {
                    let k = if self.rng.chance(0.3) { 2 } else { 1 };
                    self.rng
                        .sample(self.areas[a].local.stops, k)
                        .into_iter()
                        .map(|(haltestelle, linien)| Stop {
                            haltestelle,
                            linien,
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            let barrierefreiheit = self.access(kind, ctx.area.is_none());
            let leichte_sprache = self.rng.chance(0.25).then(|| {
                let mut s = kind.leicht.to_string();
                s.push_str(if frei {
                    " Der Besuch ist kostenlos."
                } else {
                    " Für manche Angebote müssen Sie bezahlen."
                });
                if barrierefreiheit
                    .as_ref()
                    .is_some_and(|a| a.rollstuhl == "ja")
                {
                    s.push_str(" Sie können mit dem Rollstuhl kommen.");
                }
                s
            });
            let mut sprachen = vec!["de"];
            if self.rng.chance(0.4) {
                let k = 1 + self.rng.below(2);
                sprachen.extend(self.rng.sample(EXTRA_LANGUAGES, k));
            }
            let jahreszeiten = self.seasons();
            let oeffnungszeiten = self.rng.chance(0.8).then(|| self.opening_hours(&ctx));
            let kontakt = self.contact(&slug);
            let mut sdgs: Vec<u8> = topics.iter().flat_map(|t| t.sdgs.iter().copied()).collect();
            if self.rng.chance(0.6) {
                sdgs.push(4);
            }
            sdgs.sort_unstable();
            sdgs.dedup();
            sdgs.truncate(4);
            let geprueft_am = reference_day() - Days::new(self.rng.below(365) as u64);

            let place = Place {
                slug,
                name,
                kategorie: vocab::get(KATEGORIEN, kind.kategorie),
                traeger: self
                    .rng
                    .chance(0.9)
                    .then(|| ctx.fill(self.rng.word(kind.traeger))),
                kurzbeschreibung,
                leichte_sprache,
                beschreibung,
                location,
                oepnv,
                themen,
                zielgruppen,
                kosten: self.place_costs(&ctx, frei),
                barrierefreiheit,
                sprachen,
                jahreszeiten,
                oeffnungszeiten,
                kontakt,
                sdgs,
                geprueft_am,
            };
            (place, ctx)
        }

        fn place_topics(&mut self, kind: &Kind) -> Vec<&'static Term> {
            let mut slugs: Vec<&str> = Vec::new();
            if self.rng.chance(0.7) {
                slugs.push(kind.themen[0]);
            }
            let k = 1 + self.rng.below(3);
            for s in self.rng.sample(kind.themen, k) {
                if !slugs.contains(&s) {
                    slugs.push(s);
                }
            }
            if self.rng.chance(0.1) {
                let extra = self.rng.pick(THEMEN).slug;
                if !slugs.contains(&extra) {
                    slugs.push(extra);
                }
            }
            slugs.into_iter().map(|s| vocab::get(THEMEN, s)).collect()
        }

        /// Two to four neighbouring audiences of the kind (Kita and Grundschule, not Kita and
        /// Oberstufe), sometimes with families.
        fn place_audiences(&mut self, kind: &Kind) -> Vec<&'static Term> {
            let all = kind.zielgruppen;
            let k = (2 + self.rng.below(3)).min(all.len());
            let start = self.rng.below(all.len() - k + 1);
            let mut slugs: Vec<&str> = all[start..start + k].to_vec();
            if all.contains(&"familien") && !slugs.contains(&"familien") && self.rng.chance(0.3) {
                slugs.push("familien");
            }
            slugs.sort_by_key(|s| vocab::position(ZIELGRUPPEN, s));
            slugs
                .into_iter()
                .map(|s| vocab::get(ZIELGRUPPEN, s))
                .collect()
        }

        /// One or two audiences as the subject of a sentence.
        fn subject(&mut self, zielgruppen: &[&Term]) -> (String, String) {
            let picked = self.rng.sample(zielgruppen, 2);
            let (nom0, dat0, _) = words::audience(picked[0].slug);
            if picked.len() > 1 && self.rng.chance(0.4) {
                let (nom1, dat1, _) = words::audience(picked[1].slug);
                if !nom0.contains(" und ") && !nom1.contains(" und ") {
                    return (format!("{nom0} und {nom1}"), format!("{dat0} und {dat1}"));
                }
            }
            (nom0.to_string(), dat0.to_string())
        }

        /// A sentence about a topic, in one of several patterns.
        fn topic_sentence(&mut self, topic: &Topic, zielgruppen: &[&Term]) -> String {
            let (nom, dat) = self.subject(zielgruppen);
            let things = self.rng.sample(topic.things, 3);
            let acts = self.rng.sample(topic.acts, 2);
            let q = *self.rng.pick(topic.questions);
            match self.rng.below(8) {
                0 => {
                    let verb = self
                        .rng
                        .pick(&["entdecken", "erkunden", "erleben", "untersuchen"]);
                    format!("Hier {verb} {nom} {}.", pair(things[0], things[1]))
                }
                1 => format!("{nom} können hier {} oder {}.", acts[0], acts[1]),
                2 => format!("Wer {} möchte, ist hier genau richtig.", acts[0]),
                3 => format!("Im Mittelpunkt steht die Frage, {q}."),
                4 => format!(
                    "Ob {} oder {}: Hier wird Lernen zum Erlebnis.",
                    acts[0], acts[1]
                ),
                5 => format!(
                    "Gemeinsam mit {dat} geht es um {}.",
                    pair(things[0], things[1])
                ),
                6 => format!(
                    "Die Angebote drehen sich um {}, aber auch um {}.",
                    things[0], things[2]
                ),
                _ => format!("{nom} erfahren hier, {q}."),
            }
        }

        fn short_description(
            &mut self,
            ctx: &Ctx,
            intro: &str,
            topics: &[&Topic],
            zielgruppen: &[&Term],
        ) -> String {
            let intro = ctx.fill(intro);
            for _ in 0..6 {
                let topic = *self.rng.pick(topics);
                let text = format!("{intro} {}", self.topic_sentence(topic, zielgruppen));
                if text.chars().count() <= 280 {
                    return text;
                }
            }
            intro
        }

        fn long_description(
            &mut self,
            ctx: &Ctx,
            intro: &str,
            topics: &[&Topic],
            zielgruppen: &[&Term],
        ) -> String {
            let t1 = *self.rng.pick(topics);
            let t2 = *self.rng.pick(topics);
            let mut p1 = format!("{} {}", ctx.fill(intro), self.rng.pick(t1.facts));
            if self.rng.chance(0.5) {
                let fact = self.rng.pick(t2.facts);
                if !p1.contains(fact) {
                    p1.push(' ');
                    p1.push_str(fact);
                }
            }
            let groups: Vec<&str> = zielgruppen
                .iter()
                .map(|z| words::audience(z.slug).2)
                .collect();
            let mut p2 = format!(
                "Die Angebote richten sich an {}. {}",
                join(&groups),
                self.topic_sentence(t2, zielgruppen)
            );
            if self.rng.chance(0.5) {
                let q = self.rng.pick(t1.questions);
                p2.push_str(&format!(" Dabei geht es auch darum, {q}."));
            }
            let mut paragraphs = vec![p1, p2];
            if self.rng.chance(0.4) {
                let pool: &[&str] = if ctx.area.is_none() {
                    words::PRACTICAL_MOBILE
                } else if ctx.kind.outdoor {
                    words::PRACTICAL_OUTDOOR
                } else {
                    words::PRACTICAL_INDOOR
                };
                let mut p3 = format!("**Gut zu wissen:** {}", self.rng.pick(pool));
                if self.rng.chance(0.5) {
                    p3.push(' ');
                    p3.push_str(self.rng.word(words::PRACTICAL_ALL));
                }
                paragraphs.push(p3);
            }
            paragraphs
                .iter()
                .map(|p| wrap(p, 98))
                .collect::<Vec<_>>()
                .join("\n\n")
        }

        fn location(&mut self, ctx: &Ctx, area: &Area) -> Location {
            let (lat, lon) = area.point(self.rng);
            let street = self.rng.pick(words::STREETS);
            let strasse = if ctx.kind.outdoor && self.rng.chance(0.25) {
                format!("Zugang über {street}")
            } else {
                format!("{street} {}", self.rng.between(1, 180))
            };
            Location {
                bezirk: &area.district.name,
                strasse,
                plz: self.rng.word(area.local.plz),
                ort: "Stuttgart",
                lat,
                lon,
            }
        }

        fn access(&mut self, kind: &Kind, mobile: bool) -> Option<Access> {
            if mobile || self.rng.chance(0.1) {
                return None;
            }
            let rollstuhl =
                ["ja", "teilweise", "nein", "unbekannt"][self.rng.weighted(&kind.rollstuhl)];
            let (wc, hinweise): (Option<bool>, &[&str]) = match rollstuhl {
                "ja" => (
                    Some(true),
                    &[
                        "Alle Räume und Wege sind stufenlos erreichbar.",
                        "Befestigte Wege; ein rollstuhlgerechtes WC ist vorhanden.",
                        "Ein Aufzug führt in alle Stockwerke.",
                    ],
                ),
                "teilweise" => (
                    Some(self.rng.chance(0.5)),
                    &[
                        "Das Gebäude ist stufenlos erreichbar, das Gelände ist teilweise steil.",
                        "Die Wege sind geschottert und bei Nässe schwer befahrbar.",
                        "Der Stall ist über eine Rampe erreichbar, die Weiden nur über Wiesenwege.",
                    ],
                ),
                "nein" => (
                    Some(false),
                    &[
                        "Der Lernort ist nur über Treppen und steile Pfade erreichbar.",
                        "Schmale, unbefestigte Wege mit Wurzeln und Stufen.",
                    ],
                ),
                _ => (None, &[]),
            };
            let hinweis = (!hinweise.is_empty() && self.rng.chance(0.8))
                .then(|| self.rng.pick(hinweise).to_string());
            Some(Access {
                rollstuhl,
                wc,
                hinweis,
            })
        }

        fn seasons(&mut self) -> Vec<&'static str> {
            if self.rng.chance(0.55) {
                return vec!["ganzjaehrig"];
            }
            let k = 1 + self.rng.below(3);
            let mut s = self.rng.sample(SEASONS, k);
            s.sort_by_key(|x| SEASONS.iter().position(|y| y == x));
            s
        }

        fn opening_hours(&mut self, ctx: &Ctx) -> String {
            let pool: &[&str] = if ctx.area.is_none() {
                &[
                    "Einsätze Mo–Fr nach Vereinbarung",
                    "Buchung ganzjährig, Einsätze von März bis November",
                ]
            } else if ctx.kind.outdoor {
                &[
                    "Gelände jederzeit zugänglich",
                    "Gelände jederzeit zugänglich, Führungen nach Vereinbarung",
                    "April bis Oktober, Führungen nach Vereinbarung",
                    "Di–Fr 14–18 Uhr, Sa 10–16 Uhr",
                    "Offener Betrieb Mi–Fr 14–18 Uhr, Gruppen vormittags nach Vereinbarung",
                ]
            } else {
                &[
                    "Di–Fr 10–17 Uhr, Sa und So 11–18 Uhr",
                    "Mo–Fr 9–16 Uhr, Gruppen nach Vereinbarung",
                    "Mi 14–18 Uhr, Sa 10–14 Uhr",
                    "Nach Vereinbarung",
                    "Di–So 10–17 Uhr, in den Schulferien auch montags",
                ]
            };
            self.rng.pick(pool).to_string()
        }

        fn contact(&mut self, slug: &str) -> Contact {
            // A short, valid domain label from the slug.
            let filler = [
                "am", "an", "auf", "der", "den", "des", "die", "im", "in", "und",
            ];
            let mut label: String = slug
                .split('-')
                .filter(|w| !filler.contains(w))
                .take(3)
                .collect::<Vec<_>>()
                .join("-");
            label.truncate(40);
            let label = label.trim_end_matches('-').to_string();
            let mut c = Contact {
                web: self
                    .rng
                    .chance(0.85)
                    .then(|| format!("https://www.example.org/{slug}")),
                email: self.rng.chance(0.9).then(|| {
                    let local = self.rng.pick(&[
                        "info",
                        "kontakt",
                        "bildung",
                        "umweltbildung",
                        "team",
                        "anmeldung",
                    ]);
                    format!("{local}@{label}.example.org")
                }),
                telefon: self.rng.chance(0.8).then(|| self.phone()),
                person: self.rng.chance(0.6).then(|| {
                    format!(
                        "{} {}",
                        self.rng.pick(words::FIRST_NAMES),
                        self.rng.pick(words::FAMILIES)
                    )
                }),
            };
            if c.email.is_none() && c.telefon.is_none() {
                c.email = Some(format!("info@{label}.example.org"));
            }
            c
        }

        fn phone(&mut self) -> String {
            format!(
                "0711 {:06}-{}",
                200_000 + self.rng.below(800_000),
                self.rng.below(10)
            )
        }

        fn place_costs(&mut self, ctx: &Ctx, frei: bool) -> Costs {
            let mobile = ctx.area.is_none();
            let hinweis = if frei {
                let pool: &[&str] = if mobile {
                    &[
                        "Für Stuttgarter Schulen und Kitas kostenfrei.",
                        "Kostenfrei, gefördert von der Landeshauptstadt Stuttgart.",
                    ]
                } else {
                    &[
                        "Eintritt frei.",
                        "Führungen für Schulklassen sind kostenfrei.",
                        "Kostenlos; Spenden für Futter und Pflege sind willkommen.",
                        "Eintritt frei, Spenden willkommen.",
                    ]
                };
                self.rng
                    .chance(0.8)
                    .then(|| self.rng.pick(pool).to_string())
            } else if mobile {
                Some(format!(
                    "{} € pro Einsatz, zuzüglich Anfahrt außerhalb Stuttgarts.",
                    10 * self.rng.between(8, 25)
                ))
            } else {
                Some(match self.rng.below(if ctx.kind.outdoor { 2 } else { 3 }) {
                    0 => format!(
                        "Gruppenangebote ab {} € pro Gruppe.",
                        5 * self.rng.between(8, 30)
                    ),
                    1 => format!(
                        "Programme kosten {} € pro Kind, Material inklusive.",
                        self.rng.between(3, 12)
                    ),
                    _ => format!(
                        "Eintritt {} €, ermäßigt {} €; Schulklassen {} € pro Kind.",
                        self.rng.between(4, 9),
                        self.rng.between(2, 3),
                        self.rng.between(1, 3)
                    ),
                })
            };
            Costs { frei, hinweis }
        }

        fn offer(&mut self, place: &Place, ctx: &Ctx) -> Offer {
            let kind = ctx.kind;
            let topic_term = *self.rng.pick(&place.themen);
            let topic = words::topic(topic_term.slug);
            let format = vocab::get(FORMATE, self.rng.word(kind.formate));

            // Audiences: a subset of the place's; AGs are for school children.
            let k = 1 + self.rng.below(3);
            let mut zielgruppen = self.rng.sample(&place.zielgruppen, k);
            if format.slug == "ag-im-ganztag" {
                zielgruppen.retain(|z| matches!(z.slug, "grundschule" | "sek1" | "sek2"));
                if zielgruppen.is_empty() {
                    zielgruppen.push(vocab::get(ZIELGRUPPEN, "grundschule"));
                }
            }
            zielgruppen.sort_by_key(|z| vocab::position(ZIELGRUPPEN, z.slug));
            let klassenstufen = self.grades(&zielgruppen);
            let alter = if zielgruppen.iter().any(|z| z.slug == "kita") {
                Some(*self.rng.pick(&[(3, 6), (4, 6), (3, 10), (4, 10)]))
            } else if zielgruppen.iter().any(|z| z.slug == "familien") && self.rng.chance(0.5) {
                Some(*self.rng.pick(&[(4, 12), (6, 12), (5, 10), (6, 14)]))
            } else {
                None
            };

            let titel = self.title(topic, format.slug, ctx);
            let slug = self.offer_slug(&titel, ctx);
            let themen = if self.rng.chance(0.6) {
                let mut t = vec![topic_term];
                if self.rng.chance(0.3) {
                    let other = *self.rng.pick(&place.themen);
                    if other.slug != topic_term.slug {
                        t.push(other);
                    }
                }
                t
            } else {
                Vec::new()
            };
            let bildungsplan = if self.rng.chance(0.5) {
                let mut b = vec!["BNE"];
                let extra = match topic.slug {
                    "konsum" | "globales-lernen" => Some("VB"),
                    "ernaehrung" => Some("PG"),
                    "energie" | "landwirtschaft" => Some("BO"),
                    _ => None,
                };
                if let Some(e) = extra
                    && self.rng.chance(0.5)
                {
                    b.push(e);
                }
                b.sort_by_key(|c| {
                    ["BNE", "BTV", "PG", "BO", "MB", "VB"]
                        .iter()
                        .position(|x| x == c)
                });
                b
            } else {
                Vec::new()
            };
            let dauer: &[u32] = match format.slug {
                "fuehrung" => &[60, 90, 120],
                "workshop" => &[90, 120, 180],
                "projekttag" => &[240, 300, 360],
                "exkursion" => &[120, 180, 240],
                "ag-im-ganztag" => &[90],
                "ferienprogramm" => &[180, 240, 360],
                _ => &[60, 120, 180],
            };
            let dauer_minuten = self.rng.chance(0.9).then(|| *self.rng.pick(dauer));
            let gruppengroesse = self
                .rng
                .chance(0.7)
                .then(|| (self.rng.between(4, 10), 5 * self.rng.between(3, 6)));
            let frei = self.rng.chance(if place.kosten.frei { 0.6 } else { 0.25 });
            let kosten = self.offer_costs(frei);
            let buchung = self.rng.chance(0.75).then(|| Booking {
                email: place.kontakt.email.clone(),
                telefon: self.rng.chance(0.4).then(|| self.phone()),
                web: self
                    .rng
                    .chance(0.2)
                    .then(|| format!("https://www.example.org/{}/buchen", place.slug)),
                vorlauf_tage: self
                    .rng
                    .chance(0.8)
                    .then(|| *self.rng.pick(&[3, 7, 14, 21, 28])),
            });
            let dated = matches!(format.slug, "ferienprogramm" | "veranstaltung");
            let termine = if self.rng.chance(if dated { 0.7 } else { 0.25 }) {
                self.dates(&place.jahreszeiten)
            } else {
                Vec::new()
            };
            let sprachen = if place.sprachen.len() > 1 && self.rng.chance(0.5) {
                let mut s = vec!["de"];
                s.extend(self.rng.sample(&place.sprachen[1..], 1));
                s
            } else if self.rng.chance(0.3) {
                vec!["de"]
            } else {
                Vec::new()
            };
            let jahreszeiten = if self.rng.chance(0.5) {
                place.jahreszeiten.clone()
            } else {
                Vec::new()
            };
            let text = self.offer_text(
                place,
                ctx,
                topic,
                format.slug,
                &zielgruppen,
                !termine.is_empty(),
            );
            Offer {
                slug,
                titel,
                lernort: place.slug.clone(),
                format,
                zielgruppen,
                klassenstufen,
                alter,
                themen,
                bildungsplan,
                dauer_minuten,
                gruppengroesse,
                kosten,
                buchung,
                termine,
                sprachen,
                jahreszeiten,
                text,
            }
        }

        /// Grades from the school audiences, sometimes narrowed.
        fn grades(&mut self, zielgruppen: &[&Term]) -> Option<(u8, u8)> {
            let ranges: Vec<(u8, u8)> = zielgruppen
                .iter()
                .filter_map(|z| match z.slug {
                    "grundschule" => Some((1, 4)),
                    "sek1" => Some((5, 10)),
                    "sek2" => Some((11, 13)),
                    _ => None,
                })
                .collect();
            let von = ranges.iter().map(|r| r.0).min()?;
            let bis = ranges.iter().map(|r| r.1).max()?;
            if ranges.len() == 1 && self.rng.chance(0.5) {
                return Some(match von {
                    1 => *self.rng.pick(&[(1, 2), (3, 4), (2, 4)]),
                    5 => *self.rng.pick(&[(5, 6), (5, 7), (7, 10), (8, 10)]),
                    _ => *self.rng.pick(&[(11, 12), (11, 13)]),
                });
            }
            Some((von, bis))
        }

        fn title(&mut self, topic: &Topic, format: &str, ctx: &Ctx) -> String {
            let base = *self.rng.pick(topic.titles);
            let mut title = base.to_string();
            if ctx.area.is_some() && !base.ends_with('?') && self.rng.chance(0.25) {
                title = format!("{base} {}", ctx.flur);
            }
            let prefix = match format {
                "ferienprogramm" if self.rng.chance(0.4) => Some("Ferienwoche"),
                "ag-im-ganztag" if self.rng.chance(0.4) => Some("Ganztags-AG"),
                "veranstaltung" if self.rng.chance(0.3) => Some("Aktionstag"),
                _ => None,
            };
            match prefix {
                Some(p) => format!("{p}: {title}"),
                None => title,
            }
        }

        fn offer_slug(&mut self, titel: &str, ctx: &Ctx) -> String {
            let base = slugify(titel);
            let candidates = [base.clone(), slugify(&format!("{titel} {}", ctx.ort))];
            let slug = candidates
                .into_iter()
                .find(|s| !self.offer_slugs.contains(s))
                .unwrap_or_else(|| {
                    (2..)
                        .map(|k| format!("{base}-{k}"))
                        .find(|s| !self.offer_slugs.contains(s))
                        .expect("some number is free")
                });
            self.offer_slugs.insert(slug.clone());
            slug
        }

        fn offer_costs(&mut self, frei: bool) -> Costs {
            let hinweis = if frei {
                self.rng.chance(0.7).then(|| {
                    self.rng
                        .pick(&[
                            "Kostenfrei",
                            "Kostenlos, Spenden willkommen",
                            "Für Stuttgarter Schulen kostenfrei",
                        ])
                        .to_string()
                })
            } else {
                Some(match self.rng.below(4) {
                    0 => format!("{} € pro Kind", self.rng.between(2, 8)),
                    1 => format!("{} € pro Gruppe", 5 * self.rng.between(8, 30)),
                    2 => format!(
                        "{} € pro Person, Kinder die Hälfte",
                        self.rng.between(6, 15)
                    ),
                    _ => format!("Materialkosten {} € pro Kind", self.rng.between(2, 6)),
                })
            };
            Costs { frei, hinweis }
        }

        /// One to six dates in 2027, in the place's seasons.
        fn dates(&mut self, seasons: &[&str]) -> Vec<NaiveDateTime> {
            let months: Vec<u32> = seasons
                .iter()
                .flat_map(|s| match *s {
                    "fruehling" => vec![3, 4, 5],
                    "sommer" => vec![6, 7, 8],
                    "herbst" => vec![9, 10, 11],
                    "winter" => vec![1, 2, 12],
                    _ => (1..=12).collect(),
                })
                .collect();
            let count = 1 + self.rng.below(6);
            let mut dates: Vec<NaiveDateTime> = (0..count)
                .map(|_| {
                    let month = *self.rng.pick(&months);
                    let day = self.rng.between(1, 28);
                    let (h, m) =
                        *self
                            .rng
                            .pick(&[(9, 0), (10, 0), (14, 0), (15, 0), (16, 30), (19, 0)]);
                    NaiveDate::from_ymd_opt(2027, month, day)
                        .and_then(|d| d.and_hms_opt(h, m, 0))
                        .expect("valid date")
                })
                .collect();
            dates.sort();
            dates.dedup();
            dates
        }

        fn offer_text(
            &mut self,
            place: &Place,
            ctx: &Ctx,
            topic: &Topic,
            format: &str,
            zielgruppen: &[&Term],
            dated: bool,
        ) -> String {
            let fp = words::format_phrase(format);
            let (nom, _) = self.subject(zielgruppen);
            let things = self.rng.sample(topic.things, 2);
            let q = self.rng.pick(topic.questions);
            let verb = self
                .rng
                .pick(&["entdecken", "erkunden", "erleben", "untersuchen"]);
            let first = match self.rng.below(4) {
                0 => format!("{fp} {verb} {nom} {}.", things[0]),
                1 => format!("{fp} dreht sich alles um {}.", things[0]),
                2 => format!("{nom} {verb} {} und erfahren dabei, {q}.", things[0]),
                _ => format!("{fp} lernen {nom}, {q}."),
            };
            let mut paragraphs = vec![wrap(&format!("{first} {}", self.rng.pick(topic.facts)), 98)];
            if self.rng.chance(0.6) {
                // Activities from this topic and, sometimes, another of the place's topics.
                let mut acts = self.rng.sample(topic.acts, 3);
                let other = words::topic(self.rng.pick(&place.themen).slug);
                if other.slug != topic.slug && self.rng.chance(0.5) {
                    acts.extend(self.rng.sample(other.acts, 1));
                }
                let mut list = format!("{}\n", self.rng.pick(words::LIST_INTROS));
                for a in acts {
                    list.push_str("\n- ");
                    list.push_str(&capitalize(a));
                }
                paragraphs.push(list);
            }
            if self.rng.chance(0.6) {
                let mut p = self.rng.pick(words::OFFER_ORGA).to_string();
                if ctx.area.is_none() {
                    p.push_str(" Wir kommen zu Ihnen an die Schule oder in die Kita.");
                } else if ctx.kind.outdoor {
                    p.push_str(" Bitte bringen Sie wetterfeste Kleidung mit.");
                }
                p.push_str(if dated {
                    " Die angegebenen Termine sind offen für alle; Gruppen buchen gerne einen eigenen Termin."
                } else {
                    " Ohne feste Termine findet das Angebot nach Vereinbarung statt."
                });
                paragraphs.push(wrap(&p, 98));
            }
            let mut text = paragraphs.join("\n\n");
            text.push('\n');
            text
        }
    }

    fn pages(places: usize, offers: usize) -> Vec<Page> {
        vec![
            Page {
                slug: "ueber-uns",
                titel: "Über das Netzwerk",
                beschreibung: "Natur erleben Stuttgart verbindet außerschulische Lernorte für Natur, Umwelt und nachhaltige Entwicklung in allen 23 Stadtbezirken.",
                menue: 10,
                text: format!(
                    "**Natur erleben Stuttgart** ist ein Netzwerk von Bauernhöfen, Jugendfarmen, Museen, Wäldern,\n\
                     Gewässern, Gärten, Umweltzentren und mobilen Anbietern. Diese Testdaten enthalten {places}\n\
                     Lernorte und {offers} Angebote in allen 23 Stadtbezirken.\n\
                     \n\
                     ## Was Sie hier finden\n\
                     \n\
                     - **Lernorte** mit Karte, Anfahrt mit Bus und Bahn und Angaben zur Barrierefreiheit\n\
                     - **Angebote** für Kitas, Schulklassen, Familien und Erwachsene: Führungen, Workshops,\n  \
                       Projekttage, Exkursionen, AGs im Ganztag, Ferienprogramme und Veranstaltungen\n\
                     - Filter nach Thema, Zielgruppe, Klassenstufe, Stadtbezirk und Jahreszeit\n\
                     \n\
                     ## Hinweis zu den Inhalten\n\
                     \n\
                     Alle Lernorte, Angebote, Adressen, Termine und Kontaktdaten dieser Website sind von einem\n\
                     Programm erfunden. Ähnlichkeiten mit echten Einrichtungen sind zufällig.\n"
                ),
            },
            Page {
                slug: "impressum",
                titel: "Impressum",
                beschreibung: "Anbieterkennzeichnung und Kontakt für die Website Natur erleben Stuttgart.",
                menue: 20,
                text: "> **Platzhalter:** Dieser Text ist ein Muster. Alle Angaben sind erfunden.\n\
                       \n\
                       ## Angaben gemäß § 5 DDG\n\
                       \n\
                       Netzwerk Natur erleben Stuttgart\n\
                       c/o Musterverein für Umweltbildung e.V.\n\
                       Musterstraße 1\n\
                       70000 Stuttgart\n\
                       \n\
                       ## Kontakt\n\
                       \n\
                       E-Mail: [netzwerk@natur-erleben.example.org](mailto:netzwerk@natur-erleben.example.org)\n\
                       \n\
                       ## Bildnachweise und Kartendaten\n\
                       \n\
                       - Kartenkacheln: © OpenStreetMap-Mitwirkende\n\
                       - Bezirksgrenzen: Landeshauptstadt Stuttgart, Stadtmessungsamt, CC BY 4.0\n"
                    .to_string(),
            },
            Page {
                slug: "datenschutz",
                titel: "Datenschutz",
                beschreibung: "Welche Daten beim Besuch dieser Website verarbeitet werden.",
                menue: 30,
                text: "> **Platzhalter:** Dieser Text ist ein Muster und ersetzt keine juristische Prüfung.\n\
                       \n\
                       - Diese Website setzt **keine Cookies**.\n\
                       - Es gibt **kein Tracking**, keine Analysewerkzeuge und keine Werbung.\n\
                       - Kartenkacheln werden **erst nach Ihrer Zustimmung** geladen.\n"
                    .to_string(),
            },
        ]
    }

    /// "a und b", or "a sowie b" when a part has its own "und" or list.
    fn pair(a: &str, b: &str) -> String {
        if [a, b]
            .iter()
            .any(|x| x.contains(" und ") || x.contains(','))
        {
            format!("{a} sowie {b}")
        } else {
            format!("{a} und {b}")
        }
    }

    /// "a", "a und b", "a, b und c".
    pub fn join(items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
        }
    }

    fn capitalize(s: &str) -> String {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// Wraps a paragraph at `width` characters. A word that Markdown would read as the start of
    /// a list, heading or quote never begins a line.
    fn wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line_len = 0;
        for word in text.split(' ') {
            let len = word.chars().count();
            let risky = word.starts_with(['-', '+', '*', '#', '>', '='])
                || word.starts_with(|c: char| c.is_ascii_digit());
            if line_len > 0 && line_len + 1 + len > width && !risky {
                out.push('\n');
                line_len = 0;
            } else if line_len > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += len;
        }
        out
    }
}

/// Writes a [`data::TestSite`] as a lernorte site: `site.yaml`, `places/`, `content/`.
mod lernorte_format {
    use std::borrow::Cow;
    use std::fmt::Write as _;
    use std::fs;
    use std::path::Path;

    use anyhow::{Context, Result, anyhow};
    use serde_yaml::Value;

    use super::data::{Costs, Offer, Page, Place, TestSite};
    use super::vocab::Term;

    /// The parts of the repository's `site.yaml` that generated sites copy.
    pub struct RepoSettings {
        value: Value,
    }

    impl RepoSettings {
        pub fn parse(text: &str) -> Result<Self> {
            let value: Value =
                serde_yaml::from_str(text).context("reading the repository's site.yaml")?;
            Ok(RepoSettings { value })
        }

        pub(super) fn str(&self, key: &str) -> Option<&str> {
            self.value.get(key).and_then(Value::as_str)
        }

        /// (slug, name) pairs of one vocabulary.
        pub fn vocabulary(&self, key: &str) -> Vec<(String, String)> {
            self.value
                .get("vokabulare")
                .and_then(|v| v.get(key))
                .and_then(Value::as_sequence)
                .map(|terms| {
                    terms
                        .iter()
                        .filter_map(|t| {
                            Some((
                                t.get("slug")?.as_str()?.to_string(),
                                t.get("name")?.as_str()?.to_string(),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
    }

    /// Writes everything; returns the number of files written.
    pub fn write(site: &TestSite, repo: &RepoSettings, out: &Path) -> Result<usize> {
        let places_dir = out.join("places");
        let offers_dir = out.join("content").join("angebote");
        fs::create_dir_all(&places_dir)?;
        fs::create_dir_all(&offers_dir)?;
        let put = |path: &Path, text: &str| {
            fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        };
        put(&out.join("site.yaml"), &site_yaml(site, repo)?)?;
        let header = format!(
            "# Testdaten ({} mit Startwert {}): Alle Angaben sind erfunden.\n",
            super::MARKER,
            site.seed
        );
        for p in &site.places {
            put(
                &places_dir.join(format!("{}.yaml", p.slug)),
                &place(&header, p),
            )?;
        }
        for o in &site.offers {
            put(&offers_dir.join(format!("{}.md", o.slug)), &offer(o))?;
        }
        for p in &site.pages {
            put(
                &out.join("content").join(format!("{}.md", p.slug)),
                &page(p),
            )?;
        }
        Ok(1 + site.places.len() + site.offers.len() + site.pages.len())
    }

    fn site_yaml(site: &TestSite, repo: &RepoSettings) -> Result<String> {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Testdaten-Website, {} (examples/gen-site.rs) mit {} Lernorten und Startwert {}.",
            super::MARKER,
            site.places.len(),
            site.seed
        );
        s.push_str("# Alle Lernorte, Angebote, Adressen und Kontaktdaten sind erfunden.\n\n");
        let titel = repo.str("titel").unwrap_or("Natur erleben Stuttgart");
        let _ = writeln!(s, "titel: {}", scalar(titel));
        let _ = writeln!(
            s,
            "untertitel: {}",
            scalar(&format!("Testdaten mit {} Lernorten", site.places.len()))
        );
        s.push_str("beschreibung: Erfundene Lernorte und Angebote zum Testen der Website und ihrer Suche.\n");
        let base_url = repo
            .str("base_url")
            .unwrap_or("https://natur-erleben.example.org/");
        let _ = writeln!(s, "base_url: {}", scalar(base_url));
        let _ = writeln!(
            s,
            "sprache: {}",
            scalar(repo.str("sprache").unwrap_or("de"))
        );
        let _ = writeln!(
            s,
            "theme: {}",
            scalar(repo.str("theme").unwrap_or("default"))
        );
        s.push_str("beispieldaten: true\n");
        s.push_str("kontakt:\n  email: netzwerk@natur-erleben.example.org\n  telefon: \"0711 000000-0\"\n\n");
        s.push_str("vokabulare:\n");
        for key in ["kategorien", "themen", "zielgruppen", "formate"] {
            let _ = writeln!(s, "  {key}:");
            for (slug, name) in repo.vocabulary(key) {
                let _ = writeln!(
                    s,
                    "    - {{ slug: {}, name: {} }}",
                    flow(&slug),
                    flow(&name)
                );
            }
        }
        let karte = repo
            .value
            .get("karte")
            .ok_or_else(|| anyhow!("the repository's site.yaml has no karte"))?;
        s.push_str("\nkarte:\n");
        for line in serde_yaml::to_string(karte)?.lines() {
            let _ = writeln!(s, "  {line}");
        }
        Ok(s)
    }

    fn place(header: &str, p: &Place) -> String {
        let mut s = String::with_capacity(2048);
        s.push_str(header);
        kv(&mut s, "name", &p.name);
        kv(&mut s, "kategorie", p.kategorie.name);
        if let Some(t) = &p.traeger {
            kv(&mut s, "traeger", t);
        }
        kv(&mut s, "kurzbeschreibung", &p.kurzbeschreibung);
        if let Some(t) = &p.leichte_sprache {
            kv(&mut s, "leichte_sprache", t);
        }
        if let Some(t) = &p.beschreibung {
            block(&mut s, "beschreibung", t);
        }
        match &p.location {
            None => s.push_str("mobil: true\n"),
            Some(l) => {
                kv(&mut s, "bezirk", l.bezirk);
                s.push_str("adresse:\n");
                kv(&mut s, "  strasse", &l.strasse);
                kv(&mut s, "  plz", l.plz);
                kv(&mut s, "  ort", l.ort);
                let _ = writeln!(s, "lage:\n  lat: {}\n  lon: {}", coord(l.lat), coord(l.lon));
            }
        }
        if !p.oepnv.is_empty() {
            s.push_str("oepnv:\n");
            for stop in &p.oepnv {
                kv(&mut s, "  - haltestelle", stop.haltestelle);
                let _ = writeln!(s, "    linien: {}", list(stop.linien.iter().copied()));
            }
        }
        let _ = writeln!(s, "themen: {}", names(&p.themen));
        let _ = writeln!(s, "zielgruppen: {}", slugs(&p.zielgruppen));
        costs(&mut s, &p.kosten);
        if let Some(a) = &p.barrierefreiheit {
            let _ = writeln!(s, "barrierefreiheit:\n  rollstuhl: {}", a.rollstuhl);
            if let Some(wc) = a.wc {
                let _ = writeln!(s, "  wc: {wc}");
            }
            if let Some(h) = &a.hinweis {
                kv(&mut s, "  hinweis", h);
            }
        }
        let _ = writeln!(s, "sprachen: {}", list(p.sprachen.iter().copied()));
        let _ = writeln!(s, "jahreszeiten: {}", list(p.jahreszeiten.iter().copied()));
        if let Some(o) = &p.oeffnungszeiten {
            kv(&mut s, "oeffnungszeiten", o);
        }
        let k = &p.kontakt;
        s.push_str("kontakt:\n");
        for (key, value) in [
            ("  web", &k.web),
            ("  email", &k.email),
            ("  telefon", &k.telefon),
            ("  person", &k.person),
        ] {
            if let Some(v) = value {
                kv(&mut s, key, v);
            }
        }
        if !p.sdgs.is_empty() {
            let numbers: Vec<String> = p.sdgs.iter().map(u8::to_string).collect();
            let _ = writeln!(s, "sdgs: [{}]", numbers.join(", "));
        }
        let _ = writeln!(s, "geprueft_am: {}", p.geprueft_am);
        s
    }

    fn offer(o: &Offer) -> String {
        let mut s = String::with_capacity(2048);
        s.push_str("---\n");
        kv(&mut s, "titel", &o.titel);
        kv(&mut s, "lernort", &o.lernort);
        kv(&mut s, "format", o.format.name);
        let _ = writeln!(s, "zielgruppen: {}", slugs(&o.zielgruppen));
        if let Some((von, bis)) = o.klassenstufen {
            let _ = writeln!(s, "klassenstufen: {{ von: {von}, bis: {bis} }}");
        }
        if let Some((von, bis)) = o.alter {
            let _ = writeln!(s, "alter: {{ von: {von}, bis: {bis} }}");
        }
        if !o.themen.is_empty() {
            let _ = writeln!(s, "themen: {}", names(&o.themen));
        }
        if !o.bildungsplan.is_empty() {
            let _ = writeln!(s, "bildungsplan: {}", list(o.bildungsplan.iter().copied()));
        }
        if let Some(d) = o.dauer_minuten {
            let _ = writeln!(s, "dauer_minuten: {d}");
        }
        if let Some((min, max)) = o.gruppengroesse {
            let _ = writeln!(s, "gruppengroesse: {{ min: {min}, max: {max} }}");
        }
        costs(&mut s, &o.kosten);
        if let Some(b) = &o.buchung {
            s.push_str("buchung:\n");
            for (key, value) in [
                ("  email", &b.email),
                ("  telefon", &b.telefon),
                ("  web", &b.web),
            ] {
                if let Some(v) = value {
                    kv(&mut s, key, v);
                }
            }
            if let Some(v) = b.vorlauf_tage {
                let _ = writeln!(s, "  vorlauf_tage: {v}");
            }
            if s.ends_with("buchung:\n") {
                s.truncate(s.len() - "buchung:\n".len());
            }
        }
        if !o.termine.is_empty() {
            s.push_str("termine:\n");
            for t in &o.termine {
                let _ = writeln!(s, "  - {}", t.format("%Y-%m-%dT%H:%M"));
            }
        }
        if !o.sprachen.is_empty() {
            let _ = writeln!(s, "sprachen: {}", list(o.sprachen.iter().copied()));
        }
        if !o.jahreszeiten.is_empty() {
            let _ = writeln!(s, "jahreszeiten: {}", list(o.jahreszeiten.iter().copied()));
        }
        s.push_str("---\n");
        s.push_str(&o.text);
        s
    }

    fn page(p: &Page) -> String {
        let mut s = String::from("---\n");
        kv(&mut s, "titel", p.titel);
        kv(&mut s, "beschreibung", p.beschreibung);
        let _ = writeln!(s, "menue: {}\n---", p.menue);
        s.push_str(&p.text);
        s
    }

    fn costs(s: &mut String, c: &Costs) {
        let _ = writeln!(s, "kosten:\n  frei: {}", c.frei);
        if let Some(h) = &c.hinweis {
            kv(s, "  hinweis", h);
        }
    }

    fn kv(s: &mut String, key: &str, value: &str) {
        let _ = writeln!(s, "{key}: {}", scalar(value));
    }

    /// A Markdown text as a literal block.
    fn block(s: &mut String, key: &str, text: &str) {
        let _ = writeln!(s, "{key}: |");
        for line in text.lines() {
            if line.is_empty() {
                s.push('\n');
            } else {
                let _ = writeln!(s, "  {line}");
            }
        }
    }

    /// Coordinates with at most five decimals, without trailing zeros.
    fn coord(x: f64) -> String {
        let s = format!("{x:.5}");
        let s = s.trim_end_matches('0');
        if s.ends_with('.') {
            format!("{s}0")
        } else {
            s.to_string()
        }
    }

    fn names(terms: &[&Term]) -> String {
        list(terms.iter().map(|t| t.name))
    }

    fn slugs(terms: &[&Term]) -> String {
        list(terms.iter().map(|t| t.slug))
    }

    /// A flow sequence: `[a, b, c]`.
    fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
        let items: Vec<String> = items.map(|i| flow(i.as_ref()).into_owned()).collect();
        format!("[{}]", items.join(", "))
    }

    /// A plain scalar when YAML reads it back as the same text, otherwise double-quoted.
    fn scalar(s: &str) -> Cow<'_, str> {
        quote_if(s, false)
    }

    /// Like [`scalar`], for items of flow sequences and mappings.
    fn flow(s: &str) -> Cow<'_, str> {
        quote_if(s, true)
    }

    fn quote_if(s: &str, in_flow: bool) -> Cow<'_, str> {
        let special_start = s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ]);
        let keyword = matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        );
        let needs = s.is_empty()
            || s.trim() != s
            || s.contains(['\n', '\t'])
            || special_start
            || s.contains(": ")
            || s.contains(" #")
            || s.ends_with(':')
            || (in_flow && s.contains([',', '[', ']', '{', '}']))
            || keyword
            || s.parse::<f64>().is_ok();
        if needs {
            Cow::Owned(format!(
                "\"{}\"",
                s.replace('\\', "\\\\").replace('"', "\\\"")
            ))
        } else {
            Cow::Borrowed(s)
        }
    }
}

/// Writes a [`data::TestSite`] as a Hugo site with the same records: places and offers as
/// content files whose YAML front matter has the keys of lernorte's files, and templates that
/// render what lernorte's default theme renders (facts lists, cards, term pages, JSON-LD, a QR
/// code for print, a search index and a GeoJSON), so that `bench/run.sh` compares like with like.
///
/// Differences Hugo forces: every page needs `title`; taxonomies are front-matter keys, so a
/// place's `bezirk` and `kategorie` are repeated as `bezirke`/`kategorien`, and offers carry the
/// district, category and (when they have none) topics of their place, which lernorte derives
/// while validating. Taxonomy values are the vocabulary names (lernorte accepts name or slug).
mod hugo_format {
    use std::fs;
    use std::path::Path;

    use anyhow::{Context, Result};
    use lernorte::model::offer::Leitperspektive;
    use lernorte::model::place::Season;
    use serde_json::{Value, json};

    use super::data::{Costs, Offer, Page, Place, TestSite};
    use super::lernorte_format::RepoSettings;
    use super::vocab::Term;

    /// Writes everything; returns the number of files written.
    pub fn write(site: &TestSite, repo: &RepoSettings, out: &Path) -> Result<usize> {
        let mut files = 0;
        let mut put = |rel: &str, text: &str| -> Result<()> {
            let path = out.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            files += 1;
            fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
        };
        put("hugo.toml", &config(site, repo))?;
        put("data/vokabular.yaml", &vocabulary()?)?;
        for (path, text) in TEMPLATES {
            put(path, text)?;
        }
        let by_slug: std::collections::HashMap<&str, &Place> =
            site.places.iter().map(|p| (p.slug.as_str(), p)).collect();
        for p in &site.places {
            put(&format!("content/lernorte/{}.md", p.slug), &place(p)?)?;
        }
        for o in &site.offers {
            let p = by_slug[o.lernort.as_str()];
            put(&format!("content/angebote/{}.md", o.slug), &offer(o, p)?)?;
        }
        for p in &site.pages {
            put(&format!("content/{}.md", p.slug), &page(p)?)?;
        }
        put("content/_index.md", "---\ntitle: Start\n---\n")?;
        put("content/lernorte/_index.md", "---\ntitle: Lernorte\n---\n")?;
        put("content/angebote/_index.md", "---\ntitle: Angebote\n---\n")?;
        put(
            "content/suche.md",
            "---\ntitle: Suche\nlayout: suche\ndescription: Lernorte und Angebote durchsuchen.\n---\n",
        )?;
        put(
            "content/karte.md",
            "---\ntitle: Karte\nlayout: karte\ndescription: Alle Lernorte auf einer Karte.\n---\n",
        )?;
        Ok(files)
    }

    fn config(site: &TestSite, repo: &RepoSettings) -> String {
        let base_url = repo
            .str("base_url")
            .unwrap_or("https://natur-erleben.example.org/");
        let titel = repo.str("titel").unwrap_or("Natur erleben Stuttgart");
        format!(
            r##"# Testdaten-Website für Hugo, {marker} (examples/gen-site.rs) mit {n} Lernorten und Startwert {seed}.
# Dieselben Daten wie die lernorte-Testseite; alle Angaben sind erfunden.
baseURL = {base_url}
title = {titel}
locale = "de"
defaultContentLanguage = "de"
enableRobotsTXT = true
# lernorte writes no RSS for these pages; the sitemap stays (lernorte writes one too).
disableKinds = ["rss"]
# The search index and GeoJSON templates walk every page; large sites need more than 60 s.
timeout = "30m"

[params]
untertitel = {untertitel}
beschreibung = "Erfundene Lernorte und Angebote zum Testen der Website und ihrer Suche."
beispieldaten = true
[params.kontakt]
email = "netzwerk@natur-erleben.example.org"
telefon = "0711 000000-0"

[taxonomies]
bezirk = "bezirke"
thema = "themen"
zielgruppe = "zielgruppen"
kategorie = "kategorien"

[mediaTypes."application/geo+json"]
suffixes = ["geojson"]

[outputFormats.suchindex]
mediaType = "application/json"
baseName = "index"
isPlainText = true
notAlternative = true

[outputFormats.geojson]
mediaType = "application/geo+json"
baseName = "lernorte"
isPlainText = true
notAlternative = true

[outputs]
home = ["html", "suchindex", "geojson"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]
"##,
            marker = super::MARKER,
            n = site.places.len(),
            seed = site.seed,
            base_url = toml_str(base_url),
            titel = toml_str(titel),
            untertitel = toml_str(&format!("Testdaten mit {} Lernorten", site.places.len())),
        )
    }

    fn toml_str(s: &str) -> String {
        // A JSON string is a valid TOML basic string for the characters used here.
        Value::from(s).to_string()
    }

    /// Display names for codes, taken from lernorte so both sites print the same words.
    fn vocabulary() -> Result<String> {
        let sprachen: serde_json::Map<String, Value> = lernorte::format::language_codes()
            .filter_map(|c| Some((c.to_string(), json!(lernorte::format::language_name(c)?))))
            .collect();
        let seasons = [
            Season::Ganzjaehrig,
            Season::Fruehling,
            Season::Sommer,
            Season::Herbst,
            Season::Winter,
        ];
        let jahreszeiten: serde_json::Map<String, Value> = seasons
            .iter()
            .map(|s| (s.slug().to_string(), json!(s.name())))
            .collect();
        let sdgs: serde_json::Map<String, Value> = (1..=17u8)
            .map(|n| (n.to_string(), json!(lernorte::format::sdg_name(n))))
            .collect();
        let perspectives = [
            Leitperspektive::BNE,
            Leitperspektive::BTV,
            Leitperspektive::PG,
            Leitperspektive::BO,
            Leitperspektive::MB,
            Leitperspektive::VB,
        ];
        let leitperspektiven: serde_json::Map<String, Value> = perspectives
            .iter()
            .map(|l| (l.code().to_string(), json!(l.name())))
            .collect();
        Ok(serde_yaml::to_string(&json!({
            "sprachen": sprachen,
            "jahreszeiten": jahreszeiten,
            "sdgs": sdgs,
            "leitperspektiven": leitperspektiven,
        }))?)
    }

    fn place(p: &Place) -> Result<String> {
        let mut m = json!({
            "title": p.name,
            "name": p.name,
            "kategorie": p.kategorie.name,
            "traeger": p.traeger,
            "kurzbeschreibung": p.kurzbeschreibung,
            "leichte_sprache": p.leichte_sprache,
            "oepnv": p.oepnv.iter().map(|s| json!({"haltestelle": s.haltestelle, "linien": s.linien})).collect::<Vec<_>>(),
            "themen": names(&p.themen),
            "zielgruppen": names(&p.zielgruppen),
            "kosten": costs(&p.kosten),
            "barrierefreiheit": p.barrierefreiheit.as_ref().map(|a| json!({"rollstuhl": a.rollstuhl, "wc": a.wc, "hinweis": a.hinweis})),
            "sprachen": p.sprachen,
            "jahreszeiten": p.jahreszeiten,
            "oeffnungszeiten": p.oeffnungszeiten,
            "kontakt": {"web": p.kontakt.web, "email": p.kontakt.email, "telefon": p.kontakt.telefon, "person": p.kontakt.person},
            "sdgs": p.sdgs,
            "geprueft_am": p.geprueft_am.to_string(),
            "kategorien": [p.kategorie.name],
        });
        match &p.location {
            None => m["mobil"] = json!(true),
            Some(l) => {
                m["bezirk"] = json!(l.bezirk);
                m["bezirke"] = json!([l.bezirk]);
                m["adresse"] = json!({"strasse": l.strasse, "plz": l.plz, "ort": l.ort});
                m["lage"] = json!({"lat": l.lat, "lon": l.lon});
            }
        }
        document(m, p.beschreibung.as_deref().unwrap_or(""))
    }

    fn offer(o: &Offer, p: &Place) -> Result<String> {
        let themen = if o.themen.is_empty() {
            &p.themen
        } else {
            &o.themen
        };
        let mut m = json!({
            "title": o.titel,
            "titel": o.titel,
            "lernort": o.lernort,
            "format": o.format.name,
            "zielgruppen": names(&o.zielgruppen),
            "klassenstufen": o.klassenstufen.map(|(von, bis)| json!({"von": von, "bis": bis})),
            "alter": o.alter.map(|(von, bis)| json!({"von": von, "bis": bis})),
            "themen": names(themen),
            "bildungsplan": o.bildungsplan,
            "dauer_minuten": o.dauer_minuten,
            "gruppengroesse": o.gruppengroesse.map(|(min, max)| json!({"min": min, "max": max})),
            "kosten": costs(&o.kosten),
            "buchung": o.buchung.as_ref().map(|b| json!({"email": b.email, "telefon": b.telefon, "web": b.web, "vorlauf_tage": b.vorlauf_tage})),
            "termine": o.termine.iter().map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()).collect::<Vec<_>>(),
            "sprachen": o.sprachen,
            "jahreszeiten": o.jahreszeiten,
            "kategorien": [p.kategorie.name],
        });
        if let Some(l) = &p.location {
            m["bezirke"] = json!([l.bezirk]);
        }
        document(m, &o.text)
    }

    fn page(p: &Page) -> Result<String> {
        let m = json!({
            "title": p.titel,
            "description": p.beschreibung,
            "menue": p.menue,
            "menus": {"fuss": {"weight": p.menue}},
        });
        document(m, &p.text)
    }

    fn costs(c: &Costs) -> Value {
        json!({"frei": c.frei, "hinweis": c.hinweis})
    }

    fn names(terms: &[&Term]) -> Vec<&'static str> {
        terms.iter().map(|t| t.name).collect()
    }

    /// Front matter (without empty values, like lernorte's files) and Markdown body.
    fn document(mut front: Value, body: &str) -> Result<String> {
        prune(&mut front);
        let yaml = serde_yaml::to_string(&front)?;
        Ok(format!("---\n{yaml}---\n{body}"))
    }

    /// Removes nulls and empty lists and maps, which the lernorte writer leaves out too.
    fn prune(v: &mut Value) {
        if let Value::Object(map) = v {
            for value in map.values_mut() {
                prune(value);
            }
            map.retain(|_, value| match value {
                Value::Null => false,
                Value::Array(a) => !a.is_empty(),
                Value::Object(o) => !o.is_empty(),
                _ => true,
            });
        }
    }

    /// The layouts, written as files. They follow themes/default/templates: same sections,
    /// same facts, cards rendered once per page and heading level (`partialCached`, as lernorte
    /// renders each card once), lists by lookups instead of scans of all pages.
    const TEMPLATES: &[(&str, &str)] = &[
        ("layouts/baseof.html", BASEOF),
        ("layouts/home.html", HOME),
        ("layouts/section.html", SECTION),
        ("layouts/taxonomy.html", TAXONOMY),
        ("layouts/term.html", TERM),
        ("layouts/page.html", PAGE),
        ("layouts/lernorte/page.html", PLACE),
        ("layouts/angebote/page.html", OFFER),
        ("layouts/suche.html", SEARCH),
        ("layouts/karte.html", MAP),
        ("layouts/404.html", NOT_FOUND),
        ("layouts/home.suchindex.json", SEARCH_INDEX),
        ("layouts/home.geojson.geojson", GEOJSON),
        ("layouts/_markup/render-heading.html", HEADING),
        ("layouts/_partials/suchformular.html", SEARCH_FORM),
        ("layouts/_partials/brotkrumen.html", BREADCRUMBS),
        ("layouts/_partials/karten-kopf.html", MAP_HEAD),
        ("layouts/_partials/karte.html", MAP_PARTIAL),
        ("layouts/_partials/karte-lernort.html", PLACE_CARD),
        ("layouts/_partials/karte-angebot.html", OFFER_CARD),
        ("layouts/_partials/kostenlos.html", FREE_BADGE),
        ("layouts/_partials/begriff-anzahl.html", TERM_COUNT),
        ("layouts/_partials/begriff-liste.html", TERM_LIST),
        (
            "layouts/_partials/angebote-je-lernort.html",
            OFFERS_BY_PLACE,
        ),
        ("layouts/_partials/naechster-termin.html", NEXT_DATE),
        ("layouts/_partials/druck-adresse.html", PRINT_ADDRESS),
        ("layouts/_partials/web-link.html", WEB_LINK),
    ];

    const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
  {{- $beschreibung := .Description | default .Params.kurzbeschreibung | default site.Params.beschreibung }}
  <meta name="description" content="{{ $beschreibung }}">
  <link rel="canonical" href="{{ .Permalink }}">
  <meta property="og:type" content="website">
  <meta property="og:locale" content="de_DE">
  <meta property="og:site_name" content="{{ site.Title }}">
  <meta property="og:title" content="{{ .Title }}">
  <meta property="og:description" content="{{ $beschreibung }}">
  <meta property="og:url" content="{{ .Permalink }}">
  <meta name="twitter:card" content="summary">
  <link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
  {{- block "kopf" . }}{{ end }}
</head>
<body>
  <a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
  <header class="kopf">
    {{- if site.Params.beispieldaten }}
    <div class="beispieldaten" role="note">
      <p><strong>Beispieldaten:</strong> Alle Lernorte und Angebote auf dieser Website sind Beispiele zur Vorführung und nicht geprüft.</p>
    </div>
    {{- end }}
    <div class="kopf-innen">
      <a class="marke" href="{{ "/" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>
        <span class="marke-titel">{{ site.Title }}</span>
        {{- with site.Params.untertitel }}
        <span class="marke-untertitel">{{ . }}</span>
        {{- end }}
      </a>
      {{ partial "suchformular.html" (dict "id" "kopf-suche" "klasse" "suchformular-kopf" "landmarke" "Website durchsuchen" "platzhalter" "z. B. Wald oder Bach") }}
      <nav class="hauptnavigation" aria-label="Hauptnavigation">
        <ul>
          {{- $url := .RelPermalink }}
          {{- range slice (slice "Lernorte" "lernorte/") (slice "Angebote" "angebote/") (slice "Bezirke" "bezirke/") (slice "Themen" "themen/") (slice "Zielgruppen" "zielgruppen/") (slice "Kategorien" "kategorien/") (slice "Karte" "karte/") (slice "Suche" "suche/") }}
          {{- $ziel := index . 1 | relURL }}
          <li><a href="{{ $ziel }}"
            {{- if eq $url $ziel }} aria-current="page"
            {{- else if hasPrefix $url $ziel }} aria-current="true"
            {{- end }}>{{ index . 0 }}</a></li>
          {{- end }}
        </ul>
      </nav>
    </div>
  </header>

  <main id="inhalt" tabindex="-1">
    {{- block "main" . }}{{ end }}
  </main>

  <footer class="fuss">
    <div class="fuss-innen">
      {{- with site.Menus.fuss }}
      <nav class="fuss-navigation" aria-label="Weitere Seiten">
        <ul>
          {{- range . }}
          <li><a href="{{ .URL }}"{{ if eq $url .URL }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
          {{- end }}
        </ul>
      </nav>
      {{- end }}
      {{- with site.Params.kontakt }}
      <div class="fuss-kontakt">
        <h2 class="fuss-titel">Kontakt zum Netzwerk</h2>
        <ul>
          {{- with .email }}
          <li>E-Mail: <a href="mailto:{{ . }}">{{ . }}</a></li>
          {{- end }}
          {{- with .telefon }}
          <li>Telefon: <a href="tel:{{ replace . " " "" }}">{{ . }}</a></li>
          {{- end }}
        </ul>
      </div>
      {{- end }}
      <p class="fuss-name">{{ site.Title }}{{ with site.Params.untertitel }} – {{ . }}{{ end }}</p>
      <p class="fuss-quelle">Bezirksgrenzen: Landeshauptstadt Stuttgart, Stadtmessungsamt, CC BY 4.0</p>
    </div>
  </footer>
</body>
</html>
"##;

    const HOME: &str = r##"{{ define "main" }}
{{- $angebote := where site.RegularPages "Section" "angebote" }}
<div class="startbuehne">
  <h1>{{ site.Title }}</h1>
  {{- with site.Params.untertitel }}
  <p class="untertitel">{{ . }}</p>
  {{- end }}
  {{- with site.Params.beschreibung }}
  <p class="einleitung">{{ . }}</p>
  {{- end }}
  {{ partial "suchformular.html" (dict "id" "start-suche" "klasse" "suchformular-gross" "sichtbar" true) }}
</div>

<section class="abschnitt" aria-labelledby="ueberblick-titel">
  <h2 id="ueberblick-titel">Im Netzwerk</h2>
  {{- $n := len (where site.RegularPages "Section" "lernorte") }}
  <ul class="kennzahlen">
    <li><a href="{{ "lernorte/" | relURL }}"><span class="kennzahl">{{ $n }}</span> Lernort{{ if ne $n 1 }}e{{ end }}</a></li>
    <li><a href="{{ "angebote/" | relURL }}"><span class="kennzahl">{{ len $angebote }}</span> Angebot{{ if ne (len $angebote) 1 }}e{{ end }}</a></li>
  </ul>
</section>

<section class="abschnitt" aria-labelledby="termine-titel">
  <h2 id="termine-titel">Nächste Termine</h2>
  {{- $mit := first 6 (where $angebote "Params.termine" "!=" nil) }}
  {{- if $mit }}
  <ul class="kartenraster">
    {{- range $mit }}
    <li>{{ partialCached "karte-angebot.html" (dict "seite" . "ebene" 3) .RelPermalink 3 }}</li>
    {{- end }}
  </ul>
  {{- else }}
  <p>Zurzeit sind keine festen Termine eingetragen.</p>
  {{- end }}
</section>

<section class="abschnitt" aria-labelledby="neu-titel">
  <h2 id="neu-titel">Neue Angebote</h2>
  <ul class="kartenraster">
    {{- range last 6 $angebote }}
    <li>{{ partialCached "karte-angebot.html" (dict "seite" . "ebene" 3) .RelPermalink 3 }}</li>
    {{- end }}
  </ul>
  <p class="mehr"><a href="{{ "angebote/" | relURL }}">Alle Angebote</a></p>
</section>

<div class="begriffsraster">
  {{- range slice (slice "bezirke" "Stadtbezirke") (slice "themen" "Themen") (slice "zielgruppen" "Zielgruppen") (slice "kategorien" "Kategorien") }}
  {{- $art := index . 0 }}
  <section class="abschnitt" aria-labelledby="{{ $art }}-titel">
    <h2 id="{{ $art }}-titel">{{ index . 1 }}</h2>
    {{ partial "begriff-liste.html" (dict "begriffe" (site.GetPage (printf "/%s" $art)).Pages "klasse" "begriffsliste begriffsliste-spalten") }}
    <p class="mehr"><a href="{{ printf "%s/" $art | relURL }}">Alle {{ index . 1 }}</a></p>
  </section>
  {{- end }}
</div>
{{ end }}
"##;

    const SECTION: &str = r##"{{ define "main" }}
{{- $pages := .Pages.ByTitle }}
{{- $n := len $pages }}
<h1>{{ .Title }}</h1>
{{- if $pages }}
{{- if eq .Section "lernorte" }}
<p class="einleitung">{{ $n }} Lernort{{ if ne $n 1 }}e{{ end }} im Netzwerk, nach Namen sortiert. Sie können auch nach <a href="{{ "bezirke/" | relURL }}">Stadtbezirk</a>, <a href="{{ "themen/" | relURL }}">Thema</a>, <a href="{{ "zielgruppen/" | relURL }}">Zielgruppe</a> oder <a href="{{ "kategorien/" | relURL }}">Kategorie</a> suchen.</p>
{{- else }}
<p class="einleitung">{{ $n }} Angebot{{ if ne $n 1 }}e{{ end }} für Kitas, Schulen und Familien, nach Titel sortiert. Sie können auch nach <a href="{{ "zielgruppen/" | relURL }}">Zielgruppe</a>, <a href="{{ "themen/" | relURL }}">Thema</a> oder <a href="{{ "bezirke/" | relURL }}">Stadtbezirk</a> suchen.</p>
{{- end }}
<ul class="kartenraster">
  {{- $karte := cond (eq .Section "lernorte") "karte-lernort.html" "karte-angebot.html" }}
  {{- range $pages }}
  <li>{{ partialCached $karte (dict "seite" . "ebene" 2) .RelPermalink 2 }}</li>
  {{- end }}
</ul>
{{- else }}
<p>Noch keine Einträge.</p>
{{- end }}
{{ end }}
"##;

    const TAXONOMY: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- if .Pages }}
<p class="einleitung">Wählen Sie {{ if eq .Data.Plural "bezirke" }}einen Stadtbezirk{{ else if eq .Data.Plural "themen" }}ein Thema{{ else if eq .Data.Plural "zielgruppen" }}eine Zielgruppe{{ else }}eine Kategorie{{ end }}, um die passenden Lernorte und Angebote zu sehen.</p>
{{ partial "begriff-liste.html" (dict "begriffe" .Pages "klasse" "begriffsliste begriffsliste-spalten begriffsliste-gross") }}
{{- else }}
<p>Noch keine Einträge.</p>
{{- end }}
{{ end }}
"##;

    const TERM: &str = r##"{{ define "kopf" }}
{{- if eq .Data.Plural "bezirke" }}{{ partial "karten-kopf.html" . }}{{ end }}
{{- end }}
{{ define "main" }}
{{- $einzahl := index (dict "bezirke" "Stadtbezirk" "themen" "Thema" "zielgruppen" "Zielgruppe" "kategorien" "Kategorie") .Data.Plural }}
{{- $tax := .Parent }}
{{ partial "brotkrumen.html" (slice (dict "titel" "Start" "url" ("/" | relURL)) (dict "titel" $tax.Title "url" $tax.RelPermalink)) }}

<h1><span class="h1-vorsatz">{{ $einzahl }}:</span> {{ .Title }}</h1>
<p class="einleitung">{{ partial "begriff-anzahl.html" . }}</p>
{{- if eq .Data.Plural "bezirke" }}
{{ partial "karte.html" (dict "art" "bezirk" "beschriftung" (printf "Karte: Stadtbezirk %s" .Title) "klasse" "karte-klein" "bezirk" .Data.Term) }}
{{- end }}
{{- $lernorte := (where .Pages "Section" "lernorte").ByTitle }}
{{- $angebote := (where .Pages "Section" "angebote").ByTitle }}
{{- with $lernorte }}
<section class="abschnitt" aria-labelledby="lernorte-titel">
  <h2 id="lernorte-titel">Lernorte <span class="anzahl">({{ len . }})</span></h2>
  <ul class="kartenraster">
    {{- range . }}
    <li>{{ partialCached "karte-lernort.html" (dict "seite" . "ebene" 3) .RelPermalink 3 }}</li>
    {{- end }}
  </ul>
</section>
{{- end }}
{{- with $angebote }}
<section class="abschnitt" aria-labelledby="angebote-titel">
  <h2 id="angebote-titel">Angebote <span class="anzahl">({{ len . }})</span></h2>
  <ul class="kartenraster">
    {{- range . }}
    <li>{{ partialCached "karte-angebot.html" (dict "seite" . "ebene" 3) .RelPermalink 3 }}</li>
    {{- end }}
  </ul>
</section>
{{- end }}
{{ end }}
"##;

    const PAGE: &str = r##"{{ define "main" }}
<article class="eintrag">
  <h1>{{ .Title }}</h1>
  <div class="fliesstext">
    {{ .Content }}
  </div>
</article>
{{ end }}
"##;

    const PLACE: &str = r##"{{ define "kopf" }}
{{- $ld := dict "@context" "https://schema.org" "@type" (cond (isset .Params "mobil") "Organization" "TouristAttraction") "@id" (printf "%s#lernort" .Permalink) "name" .Title "description" .Params.kurzbeschreibung "url" .Permalink "isAccessibleForFree" .Params.kosten.frei }}
{{- with .Params.adresse }}{{ $ld = merge $ld (dict "address" (dict "@type" "PostalAddress" "streetAddress" .strasse "postalCode" .plz "addressLocality" .ort "addressCountry" "DE")) }}{{ end }}
{{- with .Params.lage }}{{ $ld = merge $ld (dict "geo" (dict "@type" "GeoCoordinates" "latitude" .lat "longitude" .lon)) }}{{ end }}
{{- with .Params.traeger }}{{ $ld = merge $ld (dict "provider" (dict "@type" "Organization" "name" .)) }}{{ end }}
{{- with .Params.themen }}{{ $ld = merge $ld (dict "keywords" (delimit . ", ")) }}{{ end }}
<script type="application/ld+json">{{ $ld | jsonify | safeJS }}</script>
{{- if .Params.lage }}
{{ partial "karten-kopf.html" . }}
{{- end }}
{{ end }}

{{ define "main" }}
{{- $kategorie := index (.GetTerms "kategorien") 0 }}
{{- $bezirk := "" }}{{ range first 1 (.GetTerms "bezirke") }}{{ $bezirk = . }}{{ end }}
{{- $v := hugo.Data.vokabular }}
{{ partial "brotkrumen.html" (slice (dict "titel" "Start" "url" ("/" | relURL)) (dict "titel" "Lernorte" "url" ("lernorte/" | relURL))) }}

<article class="eintrag eintrag-lernort">
  <header class="eintrag-kopf">
    <h1>{{ .Title }}</h1>
    <p class="eintrag-einordnung"><a href="{{ $kategorie.RelPermalink }}">{{ $kategorie.Title }}</a><span class="trenner" aria-hidden="true"> · </span><span class="visually-hidden">, </span>{{ with $bezirk }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ else }}stadtweit{{ end }}
      {{- if .Params.kosten.frei }} {{ partial "kostenlos.html" . }}{{ end }}</p>
    {{- if .Params.mobil }}
    <p class="hinweis-mobil"><strong>Mobiles Angebot:</strong> kommt in Kitas und Schulen in ganz Stuttgart</p>
    {{- end }}
    {{- with .Params.kurzbeschreibung }}
    <p class="einleitung">{{ . }}</p>
    {{- end }}
  </header>

  {{- with .Params.leichte_sprache }}
  <section class="leichte-sprache" aria-labelledby="leichte-sprache-titel">
    <h2 id="leichte-sprache-titel">Leichte Sprache</h2>
    {{- range split . "\n" }}
    {{- with trim . " " }}
    <p>{{ . }}</p>
    {{- end }}
    {{- end }}
  </section>
  {{- end }}

  <section class="abschnitt" aria-labelledby="fakten-titel">
    <h2 id="fakten-titel">Auf einen Blick</h2>
    <dl class="fakten">
      <div>
        <dt>Adresse</dt>
        <dd>
          {{- with .Params.adresse }}{{ .strasse }}<br>{{ .plz }} {{ .ort }}
          {{- else }}Keine feste Adresse (mobiles Angebot)
          {{- end }}
          {{- with .Params.lage }}
          <span class="nicht-drucken"><br><a href="https://www.openstreetmap.org/?mlat={{ .lat }}&amp;mlon={{ .lon }}#map=17/{{ .lat }}/{{ .lon }}">Auf der Karte von OpenStreetMap zeigen</a> <span class="klein">(externe Website)</span></span>
          {{- end }}
        </dd>
      </div>
      <div>
        <dt>Stadtbezirk</dt>
        <dd>{{ with $bezirk }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ else }}stadtweit{{ end }}</dd>
      </div>
      <div>
        <dt>Kategorie</dt>
        <dd><a href="{{ $kategorie.RelPermalink }}">{{ $kategorie.Title }}</a></dd>
      </div>
      {{- with .Params.traeger }}
      <div>
        <dt>Träger</dt>
        <dd>{{ . }}</dd>
      </div>
      {{- end }}
      {{- with .Params.oepnv }}
      <div>
        <dt>Bus und Bahn (ÖPNV)</dt>
        <dd>
          <ul class="liste-schlicht">
            {{- range . }}
            <li>Haltestelle {{ .haltestelle }}{{ with .linien }} <span class="linien">(Linie{{ if gt (len .) 1 }}n{{ end }} {{ delimit . ", " }})</span>{{ end }}</li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.oeffnungszeiten }}
      <div>
        <dt>Öffnungszeiten</dt>
        <dd class="mehrzeilig">{{ . }}</dd>
      </div>
      {{- end }}
      <div>
        <dt>Kosten</dt>
        <dd>
          {{- if .Params.kosten.frei }}{{ partial "kostenlos.html" . }}{{ end }}
          {{- with .Params.kosten.hinweis }} {{ . }}{{ else }}{{ if not $.Params.kosten.frei }}Bitte beim Lernort erfragen.{{ end }}{{ end -}}
        </dd>
      </div>
      <div>
        <dt>Barrierefreiheit</dt>
        <dd>
          {{- with .Params.barrierefreiheit }}
          <ul class="liste-schlicht">
            {{- if eq .rollstuhl "ja" }}
            <li>Rollstuhlgerecht</li>
            {{- else if eq .rollstuhl "teilweise" }}
            <li>Teilweise rollstuhlgerecht</li>
            {{- else if eq .rollstuhl "nein" }}
            <li>Nicht rollstuhlgerecht</li>
            {{- else }}
            <li>Keine Angabe zur Nutzung mit Rollstuhl</li>
            {{- end }}
            {{- if isset . "wc" }}
            <li>{{ if .wc }}Barrierefreies WC vorhanden{{ else }}Kein barrierefreies WC{{ end }}</li>
            {{- end }}
            {{- with .hinweis }}
            <li>{{ . }}</li>
            {{- end }}
          </ul>
          {{- else }}
          Keine Angaben. Bitte beim Lernort nachfragen.
          {{- end }}
        </dd>
      </div>
      {{- with .Params.sprachen }}
      <div>
        <dt>Sprachen</dt>
        <dd>{{ range $i, $c := . }}{{ if $i }}, {{ end }}{{ index $v.sprachen $c }}{{ end }}</dd>
      </div>
      {{- end }}
      {{- with .Params.jahreszeiten }}
      <div>
        <dt>Jahreszeiten</dt>
        <dd>{{ range $i, $j := . }}{{ if $i }}, {{ end }}{{ index $v.jahreszeiten $j }}{{ end }}</dd>
      </div>
      {{- end }}
      {{- with .GetTerms "zielgruppen" }}
      <div>
        <dt>Zielgruppen</dt>
        <dd>
          <ul class="liste-komma">
            {{- range . }}
            <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .GetTerms "themen" }}
      <div>
        <dt>Themen</dt>
        <dd>
          <ul class="liste-komma">
            {{- range . }}
            <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.kontakt }}
      <div>
        <dt>Kontakt</dt>
        <dd>
          <ul class="liste-schlicht">
            {{- with .person }}
            <li>Ansprechperson: {{ . }}</li>
            {{- end }}
            {{- with .web }}
            <li>Website: {{ partial "web-link.html" . }}</li>
            {{- end }}
            {{- with .email }}
            <li>E-Mail: <a href="mailto:{{ . }}">{{ . }}</a></li>
            {{- end }}
            {{- with .telefon }}
            <li>Telefon: <a href="tel:{{ replaceRE "[^0-9+]" "" . }}">{{ . }}</a></li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.sdgs }}
      <div>
        <dt>Nachhaltigkeitsziele (<abbr title="Sustainable Development Goals" lang="en">SDGs</abbr>)</dt>
        <dd>
          <ul class="liste-schlicht">
            {{- range . }}
            <li>Ziel {{ . }}: {{ index $v.sdgs (string .) }}</li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.geprueft_am }}
      <div>
        <dt>Zuletzt geprüft am</dt>
        {{- $d := time.AsTime . }}
        <dd><time datetime="{{ $d.Format "2006-01-02" }}">{{ $d.Format "02.01.2006" }}</time></dd>
      </div>
      {{- end }}
    </dl>
  </section>

  {{- with .Params.lage }}
  <section class="abschnitt abschnitt-lage" aria-labelledby="lage-titel">
    <h2 id="lage-titel">Lage und Anfahrt</h2>
    {{ partial "karte.html" (dict "art" "lernort" "beschriftung" (printf "Karte: Lage von %s" $.Title) "klasse" "karte-klein" "lat" .lat "lon" .lon "name" $.Title "kategorie" $kategorie.Title) }}
    <ul class="linkliste anfahrt">
      <li><a href="https://www.openstreetmap.org/directions?to={{ .lat }}%2C{{ .lon }}">Route hierher planen (OpenStreetMap)</a> <span class="klein">(externe Website)</span></li>
      <li><a href="https://www.efa-bw.de/nvbw/XSLT_TRIP_REQUEST2?language=de&amp;name_destination={{ .lat }}:{{ .lon }}">Verbindung mit Bus und Bahn suchen</a> <span class="klein">(externe Website)</span></li>
    </ul>
  </section>
  {{- end }}

  {{- with .Content }}
  <section class="abschnitt" aria-labelledby="beschreibung-titel">
    <h2 id="beschreibung-titel">Beschreibung</h2>
    <div class="fliesstext">
      {{ . }}
    </div>
  </section>
  {{- end }}

  <section class="abschnitt" aria-labelledby="angebote-titel">
    <h2 id="angebote-titel">Angebote an diesem Lernort</h2>
    {{- $je := partialCached "angebote-je-lernort.html" . "alle" }}
    {{- with $je.Get .File.ContentBaseName }}
    <ul class="kartenraster">
      {{- range sort . "Title" }}
      <li>{{ partialCached "karte-angebot.html" (dict "seite" . "ebene" 3) .RelPermalink 3 }}</li>
      {{- end }}
    </ul>
    {{- else }}
    <p>Für diesen Lernort sind noch keine Angebote eingetragen.</p>
    {{- end }}
  </section>
  {{ partial "druck-adresse.html" . }}
</article>
{{ end }}
"##;

    const OFFER: &str = r##"{{ define "kopf" }}
{{- $ort := site.GetPage (printf "/lernorte/%s" .Params.lernort) }}
{{- $ld := dict "@context" "https://schema.org" "@type" "Event" "name" .Title "description" (.Summary | plainify) "url" .Permalink "isAccessibleForFree" .Params.kosten.frei "location" (dict "@type" "Place" "@id" (printf "%s#lernort" $ort.Permalink) "name" $ort.Title) "organizer" (dict "@type" "Organization" "name" $ort.Title "url" $ort.Permalink) }}
{{- with .Params.termine }}{{ $ld = merge $ld (dict "startDate" (index . 0)) }}{{ end }}
{{- with .Params.themen }}{{ $ld = merge $ld (dict "keywords" (delimit . ", ")) }}{{ end }}
<script type="application/ld+json">{{ $ld | jsonify | safeJS }}</script>
{{ end }}

{{ define "main" }}
{{- $ort := site.GetPage (printf "/lernorte/%s" .Params.lernort) }}
{{- $ort_text := "stadtweit" }}{{ $bezirk := "" }}{{ range first 1 (.GetTerms "bezirke") }}{{ $bezirk = . }}{{ $ort_text = .Title }}{{ end }}
{{- $v := hugo.Data.vokabular }}
{{ partial "brotkrumen.html" (slice (dict "titel" "Start" "url" ("/" | relURL)) (dict "titel" "Angebote" "url" ("angebote/" | relURL))) }}

<article class="eintrag eintrag-angebot">
  <header class="eintrag-kopf">
    <h1>{{ .Title }}</h1>
    <p class="eintrag-einordnung">{{ .Params.format }}<span class="trenner" aria-hidden="true"> · </span><span class="visually-hidden">, </span><a href="{{ $ort.RelPermalink }}">{{ $ort.Title }}</a><span class="trenner" aria-hidden="true"> · </span><span class="visually-hidden">, </span>{{ with $bezirk }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ else }}stadtweit{{ end }}
      {{- if .Params.kosten.frei }} {{ partial "kostenlos.html" . }}{{ end }}</p>
    {{- with partial "naechster-termin.html" . }}
    <p class="eintrag-termin"><strong>Nächster Termin:</strong> {{ . }}</p>
    {{- end }}
  </header>

  <section class="abschnitt" aria-labelledby="fakten-titel">
    <h2 id="fakten-titel">Auf einen Blick</h2>
    <dl class="fakten">
      <div>
        <dt>Format</dt>
        <dd>{{ .Params.format }}</dd>
      </div>
      <div>
        <dt>Lernort</dt>
        <dd><a href="{{ $ort.RelPermalink }}">{{ $ort.Title }}</a> ({{ $ort_text }})
          {{- with $ort.Params.adresse }}<br>{{ .strasse }}, {{ .plz }} {{ .ort }}{{ end }}</dd>
      </div>
      {{- with .GetTerms "zielgruppen" }}
      <div>
        <dt>Zielgruppen</dt>
        <dd>
          <ul class="liste-komma">
            {{- range . }}
            <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.klassenstufen }}
      <div>
        <dt>Klassenstufen</dt>
        <dd>Klasse {{ .von }}{{ if ne .von .bis }}–{{ .bis }}{{ end }}</dd>
      </div>
      {{- end }}
      {{- with .Params.alter }}
      <div>
        <dt>Alter</dt>
        <dd>{{ .von }}{{ if ne .von .bis }}–{{ .bis }}{{ end }} Jahre</dd>
      </div>
      {{- end }}
      {{- with .Params.dauer_minuten }}
      <div>
        <dt>Dauer</dt>
        <dd>{{ if lt . 60 }}{{ . }} Minuten{{ else if eq (mod . 60) 0 }}{{ div . 60 }} Stunde{{ if gt . 60 }}n{{ end }}{{ else }}{{ div . 60 }} Stunden {{ mod . 60 }} Minuten{{ end }}</dd>
      </div>
      {{- end }}
      {{- with .Params.gruppengroesse }}
      <div>
        <dt>Gruppengröße</dt>
        <dd>{{ .min }} bis {{ .max }} Personen</dd>
      </div>
      {{- end }}
      <div>
        <dt>Kosten</dt>
        <dd>
          {{- if .Params.kosten.frei }}{{ partial "kostenlos.html" . }}{{ end }}
          {{- with .Params.kosten.hinweis }} {{ . }}{{ else }}{{ if not $.Params.kosten.frei }}Bitte bei der Buchung erfragen.{{ end }}{{ end -}}
        </dd>
      </div>
      {{- with .GetTerms "themen" }}
      <div>
        <dt>Themen</dt>
        <dd>
          <ul class="liste-komma">
            {{- range . }}
            <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.bildungsplan }}
      <div>
        <dt>Leitperspektiven im Bildungsplan</dt>
        <dd>
          <ul class="liste-schlicht">
            {{- range . }}
            <li>{{ index $v.leitperspektiven . }} ({{ . }})</li>
            {{- end }}
          </ul>
        </dd>
      </div>
      {{- end }}
      {{- with .Params.sprachen }}
      <div>
        <dt>Sprachen</dt>
        <dd>{{ range $i, $c := . }}{{ if $i }}, {{ end }}{{ index $v.sprachen $c }}{{ end }}</dd>
      </div>
      {{- end }}
      {{- with .Params.jahreszeiten }}
      <div>
        <dt>Jahreszeiten</dt>
        <dd>{{ range $i, $j := . }}{{ if $i }}, {{ end }}{{ index $v.jahreszeiten $j }}{{ end }}</dd>
      </div>
      {{- end }}
    </dl>
  </section>

  <section class="abschnitt" aria-labelledby="termine-titel">
    <h2 id="termine-titel">Termine</h2>
    {{- with .Params.termine }}
    <ul class="termine">
      {{- range . }}
      {{- $t := time.AsTime . }}
      <li><time datetime="{{ $t.Format "2006-01-02T15:04" }}">{{ $t.Format "02.01.2006, 15:04" }} Uhr</time></li>
      {{- end }}
    </ul>
    {{- else }}
    <p>Termine nach Vereinbarung. Bitte sprechen Sie einen Termin bei der Buchung ab.</p>
    {{- end }}
  </section>

  <section class="abschnitt" aria-labelledby="buchung-titel">
    <h2 id="buchung-titel">Buchung</h2>
    {{- with .Params.buchung }}
    <ul class="liste-schlicht buchung">
      {{- with .email }}
      <li>E-Mail: <a href="mailto:{{ . }}">{{ . }}</a></li>
      {{- end }}
      {{- with .telefon }}
      <li>Telefon: <a href="tel:{{ replaceRE "[^0-9+]" "" . }}">{{ . }}</a></li>
      {{- end }}
      {{- with .web }}
      <li>Online: {{ partial "web-link.html" . }}</li>
      {{- end }}
    </ul>
    {{- with .vorlauf_tage }}
    <p class="vorlauf">Bitte buchen Sie mindestens {{ . }} Tag{{ if ne . 1 }}e{{ end }} vorher.</p>
    {{- end }}
    {{- else }}
    <p>Bitte wenden Sie sich an den Lernort. Die Kontaktdaten finden Sie auf der <a href="{{ $ort.RelPermalink }}">Seite von {{ $ort.Title }}</a>.</p>
    {{- end }}
  </section>

  {{- with .Content }}
  <section class="abschnitt" aria-labelledby="beschreibung-titel">
    <h2 id="beschreibung-titel">Beschreibung</h2>
    <div class="fliesstext">
      {{ . }}
    </div>
  </section>
  {{- end }}

  <section class="abschnitt" aria-labelledby="lernort-titel">
    <h2 id="lernort-titel">Lernort</h2>
    <div class="kartenraster kartenraster-einzeln">
      {{ partialCached "karte-lernort.html" (dict "seite" $ort "ebene" 3) $ort.RelPermalink 3 }}
    </div>
  </section>
  {{ partial "druck-adresse.html" . }}
</article>
{{ end }}
"##;

    const SEARCH: &str = r##"{{ define "main" }}
<h1>Suche</h1>
{{ partial "suchformular.html" (dict "id" "suche-feld" "klasse" "suchformular-gross" "sichtbar" true) }}
<form class="filter" aria-label="Ergebnisse eingrenzen">
  {{- range slice "bezirke" "themen" "zielgruppen" "kategorien" }}
  {{- $tax := site.GetPage (printf "/%s" .) }}
  <fieldset>
    <legend>{{ $tax.Title }}</legend>
    {{- range $tax.Pages }}
    <label><input type="checkbox" name="{{ $tax.Data.Plural }}" value="{{ .Data.Term }}"> {{ .Title }} <span class="anzahl">({{ len .Pages }})</span></label>
    {{- end }}
  </fieldset>
  {{- end }}
</form>
<div id="ergebnisse" aria-live="polite"></div>
<script type="module" src="{{ "js/suche.js" | relURL }}"></script>
{{ end }}
"##;

    const MAP: &str = r##"{{ define "kopf" }}{{ partial "karten-kopf.html" . }}{{ end }}
{{ define "main" }}
<h1>Karte</h1>
{{ partial "karte.html" (dict "art" "uebersicht" "beschriftung" "Karte aller Lernorte" "klasse" "karte-gross") }}
{{ end }}
"##;

    const NOT_FOUND: &str = r##"{{ define "main" }}
<h1>Seite nicht gefunden</h1>
<p>Diese Seite gibt es nicht (mehr). Vielleicht hilft die Suche:</p>
{{ partial "suchformular.html" (dict "id" "fehler-suche" "sichtbar" true) }}
{{ end }}
"##;

    const SEARCH_INDEX: &str = r##"{{- $docs := slice -}}
{{- range site.RegularPages -}}
{{- if or (eq .Section "lernorte") (eq .Section "angebote") -}}
{{- $docs = $docs | append (dict "url" .RelPermalink "art" .Section "titel" .Title "kurz" (.Params.kurzbeschreibung | default (.Summary | plainify)) "bezirke" .Params.bezirke "themen" .Params.themen "zielgruppen" .Params.zielgruppen "kategorien" .Params.kategorien "text" .Plain) -}}
{{- end -}}
{{- end -}}
{{- $docs | jsonify -}}
"##;

    const GEOJSON: &str = r##"{{- $features := slice -}}
{{- range where site.RegularPages "Section" "lernorte" -}}
{{- $p := . -}}
{{- with .Params.lage -}}
{{- $rollstuhl := "unbekannt" }}{{ with $p.Params.barrierefreiheit }}{{ $rollstuhl = .rollstuhl }}{{ end -}}
{{- $features = $features | append (dict "type" "Feature" "id" $p.File.ContentBaseName "geometry" (dict "type" "Point" "coordinates" (slice .lon .lat)) "properties" (dict "name" $p.Title "url" $p.RelPermalink "kategorie" $p.Params.kategorie "bezirk" $p.Params.bezirk "kurzbeschreibung" $p.Params.kurzbeschreibung "kosten_frei" $p.Params.kosten.frei "rollstuhl" $rollstuhl)) -}}
{{- end -}}
{{- end -}}
{{- dict "type" "FeatureCollection" "features" $features | jsonify -}}
"##;

    /// Headings one level down: the page title is the only `<h1>` (as lernorte's Markdown).
    const HEADING: &str =
        r##"<h{{ add .Level 1 }} id="{{ .Anchor }}">{{ .Text }}</h{{ add .Level 1 }}>"##;

    const SEARCH_FORM: &str = r##"<form role="search" action="{{ "suche/" | relURL }}" method="get" class="suchformular{{ with .klasse }} {{ . }}{{ end }}"{{ with .landmarke }} aria-label="{{ . }}"{{ end }}>
  <label for="{{ .id }}"{{ if not .sichtbar }} class="visually-hidden"{{ end }}>Lernorte und Angebote durchsuchen</label>
  <div class="suchformular-zeile">
    <input type="search" id="{{ .id }}" name="q" autocomplete="off"{{ with .platzhalter }} placeholder="{{ . }}"{{ end }}>
    <button type="submit">Suchen</button>
  </div>
</form>"##;

    const BREADCRUMBS: &str = r##"<nav class="brotkrumen" aria-label="Sie sind hier">
  <ol>
    {{- range . }}
    <li><a href="{{ .url }}">{{ .titel }}</a></li>
    {{- end }}
  </ol>
</nav>"##;

    const MAP_HEAD: &str = r##"<link rel="stylesheet" href="{{ "vendor/leaflet/leaflet.css" | relURL }}">
  <link rel="stylesheet" href="{{ "vendor/leaflet.markercluster/MarkerCluster.css" | relURL }}">
  <script defer src="{{ "vendor/leaflet/leaflet.js" | relURL }}"></script>
  <script defer src="{{ "vendor/leaflet.markercluster/leaflet.markercluster.js" | relURL }}"></script>
  <script type="module" src="{{ "js/karte.js" | relURL }}"></script>"##;

    const MAP_PARTIAL: &str = r##"<div class="karte-rahmen karte-rahmen-{{ .art }}">
  <div id="karte" class="karte {{ .klasse }}" role="region" aria-label="{{ .beschriftung }}"
    data-art="{{ .art }}" data-basis="{{ "/" | relURL }}"
    data-orte="{{ "lernorte.geojson" | relURL }}" data-bezirke="{{ "stadtbezirke.geojson" | relURL }}"
    data-kacheln="https://tile.openstreetmap.org/{z}/{x}/{y}.png" data-attribution="© OpenStreetMap-Mitwirkende"
    data-zustimmung-noetig="ja" data-zentrum="48.7784,9.1800" data-zoom="12"
    {{- if eq .art "lernort" }} data-lat="{{ .lat }}" data-lon="{{ .lon }}" data-name="{{ .name }}" data-kategorie="{{ .kategorie }}"{{ end }}
    {{- with .bezirk }} data-bezirk="{{ . }}"{{ end }}></div>
  <div class="karte-zustimmung" hidden>
    <p>Der Kartenhintergrund (Straßen, Gebäude, Gewässer) kommt vom Server <strong>tile.openstreetmap.org</strong>. Wenn Sie ihn laden, sendet Ihr Browser Ihre IP-Adresse an diesen Server. Ihre Entscheidung wird nur in diesem Browser gespeichert.</p>
    <button type="button" id="karte-zustimmung">Kartenhintergrund von OpenStreetMap laden</button>
  </div>
  <noscript><p class="hinweis">Die Karte braucht JavaScript. Alle Lernorte stehen in der Liste: <a href="{{ "lernorte/" | relURL }}">Lernorte</a>.</p></noscript>
</div>"##;

    const PLACE_CARD: &str = r##"{{- $p := .seite }}{{ $e := .ebene -}}
<article class="karte karte-lernort">
  <h{{ $e }} class="karte-titel"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h{{ $e }}>
  <p class="karte-einordnung">{{ $p.Params.kategorie }}<span class="trenner" aria-hidden="true"> · </span><span class="visually-hidden">, </span>{{ $p.Params.bezirk | default "stadtweit" }}</p>
  {{- with $p.Params.kurzbeschreibung }}
  <p class="karte-text">{{ . }}</p>
  {{- end }}
  {{- with $p.Params.themen }}
  <p class="karte-themen"><span class="karte-etikett">Themen:</span> {{ delimit . ", " }}</p>
  {{- end }}
  {{- $r := "" }}{{ with $p.Params.barrierefreiheit }}{{ $r = .rollstuhl }}{{ end }}
  {{- if or $p.Params.kosten.frei (eq $r "ja") (eq $r "teilweise") }}
  <p class="karte-abzeichen">
    {{- if $p.Params.kosten.frei }}{{ partial "kostenlos.html" . }}{{ end }}
    {{- if eq $r "ja" }} <span class="abzeichen abzeichen-info">rollstuhlgerecht</span>
    {{- else if eq $r "teilweise" }} <span class="abzeichen abzeichen-info">teilweise rollstuhlgerecht</span>
    {{- end -}}
  </p>
  {{- end }}
</article>"##;

    const OFFER_CARD: &str = r##"{{- $p := .seite }}{{ $e := .ebene -}}
{{- $ort := site.GetPage (printf "/lernorte/%s" $p.Params.lernort) -}}
<article class="karte karte-angebot">
  <h{{ $e }} class="karte-titel"><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></h{{ $e }}>
  <p class="karte-einordnung">{{ $p.Params.format }}<span class="trenner" aria-hidden="true"> · </span><span class="visually-hidden">, </span>{{ $ort.Params.bezirk | default "stadtweit" }}</p>
  <p class="karte-lernort"><span class="karte-etikett">Lernort:</span> {{ $ort.Title }}</p>
  {{- with partial "naechster-termin.html" $p }}
  <p class="karte-termin"><span class="karte-etikett">Nächster Termin:</span> {{ . }}</p>
  {{- end }}
  {{- if or $p.Params.zielgruppen $p.Params.klassenstufen }}
  <p class="karte-zielgruppen"><span class="karte-etikett">Für:</span> {{ delimit $p.Params.zielgruppen ", " }}{{ with $p.Params.klassenstufen }}{{ if $p.Params.zielgruppen }}, {{ end }}Klasse {{ .von }}{{ if ne .von .bis }}–{{ .bis }}{{ end }}{{ end }}</p>
  {{- end }}
  {{- with $p.Summary | plainify | truncate 200 }}
  <p class="karte-text">{{ . }}</p>
  {{- end }}
  {{- if $p.Params.kosten.frei }}
  <p class="karte-abzeichen">{{ partial "kostenlos.html" . }}</p>
  {{- end }}
</article>"##;

    const FREE_BADGE: &str = r##"<span class="abzeichen abzeichen-kostenlos">kostenlos</span>"##;

    /// "3 Lernorte, 1 Angebot" for a term page (context: the term).
    const TERM_COUNT: &str = r##"{{- $l := len (where .Pages "Section" "lernorte") -}}
{{- $a := len (where .Pages "Section" "angebote") -}}
{{- if and $l $a -}}
{{ $l }} Lernort{{ if ne $l 1 }}e{{ end }}, {{ $a }} Angebot{{ if ne $a 1 }}e{{ end }}
{{- else if $l -}}
{{ $l }} Lernort{{ if ne $l 1 }}e{{ end }}
{{- else if $a -}}
{{ $a }} Angebot{{ if ne $a 1 }}e{{ end }}
{{- else -}}
noch keine Einträge
{{- end -}}"##;

    const TERM_LIST: &str = r##"<ul class="{{ .klasse }}">
  {{- range .begriffe.ByTitle }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="anzahl">({{ partial "begriff-anzahl.html" . }})</span></li>
  {{- end }}
</ul>"##;

    /// Offers grouped by place slug, built once per build (called through `partialCached`),
    /// so a place page does not scan every offer.
    const OFFERS_BY_PLACE: &str = r##"{{- $s := newScratch -}}
{{- range where site.RegularPages "Section" "angebote" -}}
{{- $s.Add .Params.lernort (slice .) -}}
{{- end -}}
{{- return $s -}}"##;

    /// The first date from today on, as text, or nothing.
    const NEXT_DATE: &str = r##"{{- $text := "" -}}
{{- range .Params.termine -}}
{{- $t := time.AsTime . -}}
{{- if and (not $text) ($t.After now) -}}{{ $text = printf "%s Uhr" ($t.Format "02.01.2006, 15:04") }}{{- end -}}
{{- end -}}
{{- return $text -}}"##;

    /// Print only: the page's address as text and as a QR code (made at build time).
    const PRINT_ADDRESS: &str = r##"<aside class="druck-adresse" aria-label="Adresse dieser Seite">
  {{- with images.QR .Permalink (dict "level" "medium" "scale" 2 "targetDir" "qr") }}
  <div class="druck-qr"><img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" alt="QR-Code der Adresse dieser Seite: {{ $.Title }}"></div>
  {{- end }}
  <p>Diese Seite im Internet:<br><span class="druck-url">{{ .Permalink }}</span></p>
</aside>"##;

    const WEB_LINK: &str = r##"{{- if or (hasPrefix . "https://") (hasPrefix . "http://") -}}
<a class="web-link" href="{{ . }}">{{ strings.TrimSuffix "/" (replace (replace . "https://" "") "http://" "") }}</a>
{{- else -}}
{{ . }}
{{- end -}}"##;
}
