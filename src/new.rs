//! `lernorte new`: a new place or offer file to fill in, so nobody has to start from a copy of
//! someone else's record (and keep its values by mistake).
//!
//! A template lists every key of the content model in order, each with a German comment. Required
//! keys hold a placeholder (`"AUSFÜLLEN: …"`, see [`crate::yaml::PLACEHOLDER_PREFIX`]) that the
//! normal checks report until it is replaced, so a half-filled file can never be published.
//! Optional keys are commented out with an example. Allowed values are taken from `site.yaml` and
//! the built-in districts, so the comments cannot drift from what validation accepts.
//!
//! `geprueft_am` is a placeholder too, not today's date: it states that someone checked the
//! details on that day, and a date written by the tool would claim a check nobody made. Today's
//! date is offered as the example instead.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{SITE_FILE, SiteConfig};
use crate::diagnostics::{Diagnostic, Sources, closest};
use crate::format;
use crate::load::{self, OFFERS_DIR, PLACES_DIR};
use crate::model::districts::Districts;
use crate::model::offer::Leitperspektive;
use crate::model::place::{Season, Wheelchair};
use crate::model::vocab::Vocabulary;
use crate::slug;
use crate::validate::MAX_SHORT_DESCRIPTION;
use crate::yaml::PLACEHOLDER_PREFIX;

/// Where a place file finds its JSON Schema (written by `lernorte schema`), for editors.
pub const PLACE_SCHEMA: &str = "../schemas/lernort.schema.json";
/// Where an offer file finds its JSON Schema; offers lie one folder deeper than places.
pub const OFFER_SCHEMA: &str = "../../schemas/angebot.schema.json";

/// Comments are wrapped to this width, so they fit an editor window without scrolling.
const WIDTH: usize = 100;

/// Why no file was written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(
        "„{slug}“ ist als Dateiname nicht geeignet: Erlaubt sind Kleinbuchstaben ohne Umlaute, Ziffern und „-“."
    )]
    InvalidSlug {
        slug: String,
        /// The slug made from the input, if anything is left of it.
        suggestion: Option<String>,
    },
    #[error("Die Datei {} gibt es schon; sie wird nicht überschrieben.", .path.display())]
    Exists { path: PathBuf },
    #[error("Es gibt keinen Lernort „{slug}“ (keine Datei {PLACES_DIR}/{slug}.yaml).")]
    UnknownPlace {
        slug: String,
        /// A close match, or else a few existing places.
        hint: String,
    },
    #[error("In {} gibt es keine site.yaml; das ist kein lernorte-Projekt.", .0.display())]
    NotASite(PathBuf),
    #[error(
        "site.yaml enthält Fehler; ohne gültige site.yaml sind die erlaubten Werte nicht bekannt."
    )]
    Config {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
    },
    #[error("Die Datei {} kann nicht geschrieben werden: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl NewError {
    /// A German suggestion what to do instead.
    pub fn hint(&self) -> Option<String> {
        match self {
            NewError::InvalidSlug {
                suggestion: Some(s),
                ..
            } => Some(format!("Verwenden Sie z. B. „{s}“.")),
            NewError::InvalidSlug {
                suggestion: None, ..
            } => Some("Verwenden Sie z. B. „mein-lernort“.".into()),
            NewError::Exists { .. } => Some(
                "Wählen Sie einen anderen Namen oder bearbeiten Sie die vorhandene Datei.".into(),
            ),
            NewError::UnknownPlace { hint, .. } => Some(hint.clone()),
            NewError::NotASite(_) => {
                Some("Geben Sie mit --root den Ordner an, in dem site.yaml liegt.".into())
            }
            NewError::Config { .. } => {
                Some("Beheben Sie zuerst die Fehler in site.yaml (siehe oben).".into())
            }
            NewError::Io { .. } => None,
        }
    }
}

/// Refuses slugs that would be refused as file names later on.
pub fn check_slug(slug: &str) -> Result<(), NewError> {
    if slug::is_valid(slug) {
        return Ok(());
    }
    let suggestion = slug::slugify(slug);
    Err(NewError::InvalidSlug {
        slug: slug.to_string(),
        suggestion: slug::is_valid(&suggestion).then_some(suggestion),
    })
}

/// Writes `places/<slug>.yaml` below `root`; returns its path.
pub fn create_place(root: &Path, slug: &str, today: NaiveDate) -> Result<PathBuf, NewError> {
    check_slug(slug)?;
    require_site(root)?;
    refuse_existing(root, PLACES_DIR, slug, &["yaml", "yml"])?;
    let config = read_config(root)?;
    let path = root.join(PLACES_DIR).join(format!("{slug}.yaml"));
    write_new(&path, &place_template(&config, slug, today))?;
    Ok(path)
}

/// Writes `content/angebote/<slug>.md` below `root` for the existing place `place`; returns its
/// path.
pub fn create_offer(root: &Path, slug: &str, place: &str) -> Result<PathBuf, NewError> {
    check_slug(slug)?;
    require_site(root)?;
    require_place(root, place)?;
    refuse_existing(root, OFFERS_DIR, slug, &["md"])?;
    let config = read_config(root)?;
    let path = root.join(OFFERS_DIR).join(format!("{slug}.md"));
    write_new(&path, &offer_template(&config, slug, place))?;
    Ok(path)
}

/// Writes `text` to a new file at `path` (creating its folder), refusing to replace a file that
/// exists, also one that appeared after the earlier checks.
pub fn write_new(path: &Path, text: &str) -> Result<(), NewError> {
    let io = |source| NewError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(text.as_bytes()).map_err(io)
}

fn require_site(root: &Path) -> Result<(), NewError> {
    if root.join(SITE_FILE).is_file() {
        Ok(())
    } else {
        Err(NewError::NotASite(root.to_path_buf()))
    }
}

/// Any file of the same slug counts, because two files with one slug are refused by the build.
fn refuse_existing(
    root: &Path,
    dir: &str,
    slug: &str,
    extensions: &[&str],
) -> Result<(), NewError> {
    for ext in extensions {
        let path = root.join(dir).join(format!("{slug}.{ext}"));
        if path.exists() {
            return Err(NewError::Exists { path });
        }
    }
    Ok(())
}

/// The slugs of the place files below `root`, sorted.
fn place_slugs(root: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = fs::read_dir(root.join(PLACES_DIR))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if load::is_ignored_name(&name) {
                return None;
            }
            let (stem, ext) = name.rsplit_once('.')?;
            matches!(ext, "yaml" | "yml").then(|| stem.to_string())
        })
        .collect();
    slugs.sort();
    slugs.dedup();
    slugs
}

fn require_place(root: &Path, place: &str) -> Result<(), NewError> {
    let slugs = place_slugs(root);
    if slug::is_valid(place) && slugs.iter().any(|s| s == place) {
        return Ok(());
    }
    let hint = if let Some(s) = closest(place, slugs.iter().map(String::as_str)) {
        format!("Meinten Sie „{s}“?")
    } else if slugs.is_empty() {
        "Legen Sie zuerst den Lernort an: lernorte new place <kürzel>".to_string()
    } else {
        // Nothing close: the most similar few show what a place slug looks like.
        let folded = place.to_lowercase();
        let mut ranked: Vec<(f64, &str)> = slugs
            .iter()
            .map(|s| (strsim::jaro_winkler(&folded, s), s.as_str()))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let shown: Vec<&str> = ranked.iter().take(5).map(|(_, s)| *s).collect();
        format!(
            "Geben Sie bei --place den Dateinamen eines Lernorts aus {PLACES_DIR}/ ohne „.yaml“ an, z. B. {}.",
            shown.join(", ")
        )
    };
    Err(NewError::UnknownPlace {
        slug: place.to_string(),
        hint,
    })
}

fn read_config(root: &Path) -> Result<SiteConfig, NewError> {
    let mut diagnostics = Vec::new();
    let mut sources = Sources::default();
    let config = load::read_text(root, Path::new(SITE_FILE), &mut diagnostics).and_then(|text| {
        sources.insert(PathBuf::from(SITE_FILE), text.clone());
        SiteConfig::parse(&text, None, &mut diagnostics)
    });
    match config {
        Some(c) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(c),
        _ => Err(NewError::Config {
            diagnostics,
            sources,
        }),
    }
}

// Exhaustive matches: a new variant in the model fails to compile here until the templates
// list it too.
fn wheelchair_values() -> [Wheelchair; 4] {
    match Wheelchair::Ja {
        Wheelchair::Ja | Wheelchair::Teilweise | Wheelchair::Nein | Wheelchair::Unbekannt => {}
    }
    [
        Wheelchair::Ja,
        Wheelchair::Teilweise,
        Wheelchair::Nein,
        Wheelchair::Unbekannt,
    ]
}

fn season_values() -> [Season; 5] {
    match Season::Sommer {
        Season::Ganzjaehrig
        | Season::Fruehling
        | Season::Sommer
        | Season::Herbst
        | Season::Winter => {}
    }
    [
        Season::Ganzjaehrig,
        Season::Fruehling,
        Season::Sommer,
        Season::Herbst,
        Season::Winter,
    ]
}

fn leitperspektive_values() -> [Leitperspektive; 6] {
    use Leitperspektive::*;
    match BNE {
        BNE | BTV | PG | BO | MB | VB => {}
    }
    [BNE, BTV, PG, BO, MB, VB]
}

/// The text of a template, line by line.
#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    /// An explanation, wrapped at word boundaries.
    fn comment(&mut self, indent: usize, text: &str) {
        let prefix = format!("{}# ", " ".repeat(indent));
        let room = WIDTH.saturating_sub(prefix.chars().count()).max(20);
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
                self.line(&format!("{prefix}{line}"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            self.line(&format!("{prefix}{line}"));
        }
    }

    /// An optional key, commented out: removing `# ` makes it count.
    fn optional(&mut self, indent: usize, text: &str) {
        let pad = " ".repeat(indent);
        if text.is_empty() {
            self.line(&format!("{pad}#"));
        } else {
            self.line(&format!("{pad}# {text}"));
        }
    }

    /// A required key with a placeholder.
    fn required(&mut self, indent: usize, key: &str, instruction: &str) {
        self.line(&format!(
            "{}{key}: {}",
            " ".repeat(indent),
            placeholder(instruction)
        ));
    }

    /// A required list with one placeholder item, so the brackets are already in place.
    fn required_list(&mut self, indent: usize, key: &str, instruction: &str) {
        self.line(&format!(
            "{}{key}: [{}]",
            " ".repeat(indent),
            placeholder(instruction)
        ));
    }
}

/// `"AUSFÜLLEN: …"` as a double-quoted YAML string.
fn placeholder(instruction: &str) -> String {
    let escaped = instruction.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{PLACEHOLDER_PREFIX} {escaped}\"")
}

/// A value YAML reads back as the same text; quoted when it would be read as something else
/// (a slug like `123` or `null`).
fn yaml_text(value: &str) -> String {
    match serde_yaml::from_str::<serde_yaml::Value>(value) {
        Ok(serde_yaml::Value::String(s)) if s == value => value.to_string(),
        _ => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// „Erlaubt sind: a, b, c.“ Without German quotes, which would end up in the file when copied.
fn allowed(values: &[&str]) -> String {
    if values.is_empty() {
        String::new()
    } else {
        format!("Erlaubt sind: {}.", values.join(", "))
    }
}

fn vocab_names(v: &Vocabulary) -> Vec<&str> {
    v.names().collect()
}

/// `instruction, z. B. a, b` with the first `n` terms of `v`, or just `instruction`.
fn with_example(instruction: &str, v: &Vocabulary, n: usize) -> String {
    let example: Vec<&str> = v.names().take(n).collect();
    if example.is_empty() {
        instruction.to_string()
    } else {
        format!("{instruction}, z. B. {}", example.join(", "))
    }
}

/// The 23 districts by name, in alphabetical order, which is how people look for them.
fn district_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Districts::builtin()
        .list
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    names.sort_by_cached_key(|n| format::sort_key(n));
    names
}

/// The opening explanation, the same in both kinds of file.
fn how_to(o: &mut Out) {
    o.comment(0, "So füllen Sie diese Datei aus:");
    o.comment(
        0,
        &format!(
            "1. Ersetzen Sie jeden Wert, der mit „{PLACEHOLDER_PREFIX}“ beginnt, samt den Anführungszeichen durch Ihre Angabe. Das sind die Pflichtangaben."
        ),
    );
    o.comment(
        0,
        "2. Zeilen, die mit „#“ beginnen, sind Erklärungen oder freiwillige Angaben. Für eine freiwillige Angabe löschen Sie das „#“ und das Leerzeichen danach (bei mehrzeiligen Angaben in jeder Zeile) und ersetzen das Beispiel.",
    );
    o.comment(
        0,
        "3. Enthält ein Text einen Doppelpunkt mit Leerzeichen danach, setzen Sie den ganzen Text in Anführungszeichen.",
    );
    o.comment(
        0,
        "4. Prüfen Sie die Datei mit „lernorte check“; dort steht auch, was noch fehlt.",
    );
}

fn costs(o: &mut Out) {
    o.comment(0, "Kosten für Gruppen. Pflichtangabe.");
    o.line("kosten:");
    o.comment(
        2,
        "„true“, wenn der Besuch kostenlos ist, sonst „false“. Pflichtangabe.",
    );
    o.required(2, "frei", "true (kostenlos) oder false (kostenpflichtig)");
    o.comment(
        2,
        "Preise, Ermäßigungen oder was sonst zu den Kosten zu sagen ist. Freiwillig.",
    );
    o.optional(2, "hinweis: 3 € pro Kind, Begleitpersonen frei");
}

fn languages(o: &mut Out, what: &str) {
    let examples: Vec<String> = ["de", "en", "tr", "ar", "uk"]
        .iter()
        .filter_map(|c| format::language_name(c).map(|n| format!("{c} ({n})")))
        .collect();
    o.comment(
        0,
        &format!(
            "Sprachen, in denen {what}, als zweibuchstabige Sprachcodes nach ISO 639-1, z. B. {}. Freiwillig.",
            examples.join(", ")
        ),
    );
    o.optional(0, "sprachen: [de, en]");
}

fn seasons(o: &mut Out, what: &str) {
    let values: Vec<&str> = season_values().iter().map(|s| s.slug()).collect();
    o.comment(
        0,
        &format!(
            "Jahreszeiten, in denen {what}. Freiwillig. {}",
            allowed(&values)
        ),
    );
    o.optional(0, "jahreszeiten: [fruehling, sommer, herbst]");
}

/// The text of a new `places/<slug>.yaml`. `today` is the example date for `geprueft_am`.
pub fn place_template(config: &SiteConfig, slug: &str, today: NaiveDate) -> String {
    let mut o = Out::default();
    o.line(&format!("# yaml-language-server: $schema={PLACE_SCHEMA}"));
    o.comment(
        0,
        &format!(
            "Lernort „{slug}“. Seine Seite erscheint unter {}lernorte/{slug}/.",
            config.base_path
        ),
    );
    o.line("#");
    how_to(&mut o);
    o.blank();

    o.comment(
        0,
        "Name des Lernorts, wie er auf der Website erscheint. Pflichtangabe.",
    );
    o.required(0, "name", "Name des Lernorts");
    o.blank();

    o.comment(
        0,
        &format!(
            "Art des Lernorts. Pflichtangabe. {}",
            allowed(&vocab_names(&config.kategorien))
        ),
    );
    o.required(
        0,
        "kategorie",
        &with_example(
            "eine Kategorie aus der Liste darüber",
            &config.kategorien,
            1,
        ),
    );
    o.blank();

    o.comment(
        0,
        "Wer den Lernort betreibt, z. B. ein Verein, ein Amt oder eine Firma. Freiwillig.",
    );
    o.optional(0, "traeger: Förderverein Musterhof e.V.");
    o.blank();

    o.comment(
        0,
        &format!(
            "Ein bis zwei Sätze für Kärtchen, Suchergebnisse und die Karte, ohne Formatierung, höchstens {MAX_SHORT_DESCRIPTION} Zeichen. Pflichtangabe."
        ),
    );
    o.required(
        0,
        "kurzbeschreibung",
        &format!("ein bis zwei Sätze über den Lernort, höchstens {MAX_SHORT_DESCRIPTION} Zeichen"),
    );
    o.blank();

    o.comment(
        0,
        "Ein kurzer Text in Leichter Sprache: kurze Sätze, einfache Wörter. Freiwillig.",
    );
    o.optional(
        0,
        "leichte_sprache: Auf dem Hof leben Ziegen und Hühner. Kinder dürfen die Tiere füttern.",
    );
    o.blank();

    o.comment(
        0,
        "Die ausführliche Beschreibung, auch mit mehreren Absätzen. Die Zeilen darunter sind eingerückt; zwischen Absätzen steht eine Zeile mit nur „#“, von der Sie das „#“ ebenfalls löschen. Formatierung wie in Markdown: **fett**, *kursiv*, Aufzählungen mit „- “. Freiwillig.",
    );
    o.optional(0, "beschreibung: |");
    o.optional(
        0,
        "  Der erste Absatz erzählt, was Gruppen hier **erleben**.",
    );
    o.optional(0, "");
    o.optional(0, "  Ein zweiter Absatz nach einer Leerzeile.");
    o.blank();

    o.comment(
        0,
        "Schreiben Sie „mobil: true“, wenn der Anbieter zu Schulen und Kitas kommt und keinen festen Ort hat. Bei mobilen Angeboten dürfen „bezirk“, „adresse“ und „lage“ fehlen: Löschen Sie dann diese drei Angaben samt ihren eingerückten Zeilen; der Lernort wird als „stadtweit“ gezeigt. Freiwillig.",
    );
    o.optional(0, "mobil: true");
    o.blank();

    let districts = district_names();
    o.comment(
        0,
        &format!(
            "Der Stadtbezirk, in dem der Lernort liegt; er wird mit den Koordinaten unter „lage“ verglichen. Pflichtangabe (außer bei mobilen Angeboten). {}",
            allowed(&districts)
        ),
    );
    let district_example = districts
        .first()
        .map(|d| format!(", z. B. {d}"))
        .unwrap_or_default();
    o.required(
        0,
        "bezirk",
        &format!("der Stadtbezirk aus der Liste darüber{district_example}"),
    );
    o.blank();

    o.comment(
        0,
        "Die Anschrift. Pflichtangabe (außer bei mobilen Angeboten).",
    );
    o.line("adresse:");
    o.required(2, "strasse", "Straße und Hausnummer");
    o.comment(2, "Die Postleitzahl hat fünf Ziffern.");
    o.required(2, "plz", "Postleitzahl, z. B. 70173");
    o.comment(2, "Ohne Angabe gilt Stuttgart.");
    o.line("  ort: Stuttgart");
    o.blank();

    o.comment(
        0,
        "Die Lage als Koordinaten in Dezimalgrad, mit Punkt statt Komma. Sie finden sie z. B. in OpenStreetMap: Rechtsklick auf den Ort, „Adresse anzeigen“. Der Punkt muss in Stuttgart und im Stadtbezirk unter „bezirk“ liegen. Pflichtangabe (außer bei mobilen Angeboten).",
    );
    o.line("lage:");
    o.required(2, "lat", "Breitengrad, z. B. 48.7758");
    o.required(2, "lon", "Längengrad, z. B. 9.1829");
    o.blank();

    o.comment(
        0,
        "Die nächsten Haltestellen von Bus und Bahn, jede mit ihren Linien. Für jede weitere Haltestelle wiederholen Sie die beiden Zeilen ab „- haltestelle“. Freiwillig.",
    );
    o.optional(0, "oepnv:");
    o.optional(0, "  - haltestelle: Charlottenplatz");
    o.optional(0, "    linien: [U5, U6, U7]");
    o.blank();

    o.comment(
        0,
        &format!(
            "Die Themen des Lernorts, eines oder mehrere, in eckigen Klammern und durch Kommas getrennt. Pflichtangabe. {}",
            allowed(&vocab_names(&config.themen))
        ),
    );
    o.required_list(
        0,
        "themen",
        &with_example("Themen aus der Liste darüber", &config.themen, 2),
    );
    o.blank();

    o.comment(
        0,
        &format!(
            "Für wen der Lernort gedacht ist, eine oder mehrere Zielgruppen. Pflichtangabe. {}",
            allowed(&vocab_names(&config.zielgruppen))
        ),
    );
    o.required_list(
        0,
        "zielgruppen",
        &with_example("Zielgruppen aus der Liste darüber", &config.zielgruppen, 2),
    );
    o.blank();

    costs(&mut o);
    o.blank();

    let rollstuhl: Vec<&str> = wheelchair_values().iter().map(|w| w.slug()).collect();
    o.comment(
        0,
        &format!(
            "Barrierefreiheit. Freiwillig. Bei „rollstuhl“ sind erlaubt: {}. „wc“: „true“, wenn es ein barrierefreies WC gibt, sonst „false“. „hinweis“: was Besucherinnen und Besucher sonst wissen sollten.",
            rollstuhl.join(", ")
        ),
    );
    o.optional(0, "barrierefreiheit:");
    o.optional(0, "  rollstuhl: teilweise");
    o.optional(0, "  wc: true");
    o.optional(0, "  hinweis: Der Stall ist über eine Rampe erreichbar.");
    o.blank();

    languages(&mut o, "Führungen und Angebote möglich sind");
    o.blank();

    seasons(&mut o, "der Lernort besucht werden kann");
    o.blank();

    o.comment(0, "Öffnungszeiten in Worten. Freiwillig.");
    o.optional(
        0,
        "oeffnungszeiten: Di–Fr 9–16 Uhr, in den Schulferien nach Vereinbarung",
    );
    o.blank();

    o.comment(
        0,
        "Kontakt. Freiwillig; jede der vier Zeilen einzeln. Webadressen beginnen mit „https://“, Telefonnummern mit Vorwahl.",
    );
    o.optional(0, "kontakt:");
    o.optional(0, "  web: https://www.example.org/");
    o.optional(0, "  email: info@example.org");
    o.optional(0, "  telefon: 0711 123456-0");
    o.optional(0, "  person: Maria Muster");
    o.blank();

    o.comment(
        0,
        "Bilder. Legen Sie die Bilddatei in den Ordner „static/bilder/“. Zu jedem Bild gehört „alt“: ein Satz, der beschreibt, was zu sehen ist (blinde Menschen bekommen ihn vorgelesen). „credit“ nennt die Fotografin oder den Fotografen, „lizenz“ die Lizenz. Für jedes weitere Bild wiederholen Sie die Zeilen ab „- datei“. Freiwillig.",
    );
    o.optional(0, "bilder:");
    o.optional(0, &format!("  - datei: bilder/{slug}.jpg"));
    o.optional(0, "    alt: Kinder füttern Ziegen im Stall");
    o.optional(0, "    credit: Maria Muster");
    o.optional(0, "    lizenz: CC BY 4.0");
    o.blank();

    o.comment(
        0,
        &format!(
            "Ziele für nachhaltige Entwicklung der Vereinten Nationen (SDGs), zu denen der Lernort beiträgt, als Nummern von 1 bis 17, z. B. 4 ({}) oder 15 ({}). Freiwillig.",
            format::sdg_name(4),
            format::sdg_name(15)
        ),
    );
    o.optional(0, "sdgs: [4, 15]");
    o.blank();

    o.comment(
        0,
        "Das Datum, an dem Sie alle Angaben dieser Datei zuletzt geprüft haben, als Jahr-Monat-Tag. Es steht auf der Seite des Lernorts. Pflichtangabe.",
    );
    o.required(
        0,
        "geprueft_am",
        &format!(
            "Datum, an dem Sie die Angaben geprüft haben, z. B. {}",
            today.format("%Y-%m-%d")
        ),
    );
    o.0
}

/// The text of a new `content/angebote/<slug>.md` for the place `place_slug`.
pub fn offer_template(config: &SiteConfig, slug: &str, place_slug: &str) -> String {
    let mut o = Out::default();
    o.line("---");
    o.line(&format!("# yaml-language-server: $schema={OFFER_SCHEMA}"));
    o.comment(
        0,
        &format!(
            "Angebot „{slug}“ des Lernorts „{place_slug}“. Seine Seite erscheint unter {}angebote/{slug}/.",
            config.base_path
        ),
    );
    o.line("#");
    how_to(&mut o);
    o.comment(
        0,
        "5. Die Angaben stehen zwischen den beiden Zeilen „---“. Danach folgt die Beschreibung des Angebots als Text, mit Absätzen, **fett**, *kursiv*, Zwischenüberschriften mit „## “ und Aufzählungen mit „- “.",
    );
    o.blank();

    o.comment(0, "Der Titel des Angebots. Pflichtangabe.");
    o.required(0, "titel", "Titel des Angebots");
    o.blank();

    o.comment(
        0,
        "Der Lernort, zu dem das Angebot gehört: der Dateiname in „places/“ ohne „.yaml“. Pflichtangabe.",
    );
    o.line(&format!("lernort: {}", yaml_text(place_slug)));
    o.blank();

    o.comment(
        0,
        &format!(
            "Die Art des Angebots. Pflichtangabe. {}",
            allowed(&vocab_names(&config.formate))
        ),
    );
    o.required(
        0,
        "format",
        &with_example("ein Format aus der Liste darüber", &config.formate, 1),
    );
    o.blank();

    o.comment(
        0,
        &format!(
            "Für wen das Angebot gedacht ist, eine oder mehrere Zielgruppen, in eckigen Klammern und durch Kommas getrennt. Pflichtangabe. {}",
            allowed(&vocab_names(&config.zielgruppen))
        ),
    );
    o.required_list(
        0,
        "zielgruppen",
        &with_example("Zielgruppen aus der Liste darüber", &config.zielgruppen, 2),
    );
    o.blank();

    o.comment(
        0,
        "Für welche Klassenstufen (1 bis 13). Freiwillig; auch nur „von“ oder nur „bis“.",
    );
    o.optional(0, "klassenstufen:");
    o.optional(0, "  von: 3");
    o.optional(0, "  bis: 4");
    o.blank();

    o.comment(
        0,
        "Für welches Alter in Jahren, z. B. bei Kitas und Familien. Freiwillig; auch nur „von“ oder nur „bis“.",
    );
    o.optional(0, "alter:");
    o.optional(0, "  von: 4");
    o.optional(0, "  bis: 6");
    o.blank();

    o.comment(
        0,
        &format!(
            "Die Themen des Angebots. Freiwillig: Ohne Angabe gelten die Themen des Lernorts. {}",
            allowed(&vocab_names(&config.themen))
        ),
    );
    let themen: Vec<&str> = config.themen.names().take(2).collect();
    o.optional(0, &format!("themen: [{}]", themen.join(", ")));
    o.blank();

    let lp: Vec<String> = leitperspektive_values()
        .iter()
        .map(|l| format!("{} ({})", l.code(), l.name()))
        .collect();
    o.comment(
        0,
        &format!(
            "Leitperspektiven des Bildungsplans 2016 von Baden-Württemberg, die das Angebot aufgreift. Freiwillig. Erlaubt sind: {}.",
            lp.join(", ")
        ),
    );
    o.optional(0, "bildungsplan: [BNE]");
    o.blank();

    o.comment(0, "Die Dauer in Minuten. Freiwillig.");
    o.optional(0, "dauer_minuten: 90");
    o.blank();

    o.comment(
        0,
        "Wie viele Personen eine Gruppe mindestens und höchstens hat. Freiwillig.",
    );
    o.optional(0, "gruppengroesse:");
    o.optional(0, "  min: 10");
    o.optional(0, "  max: 28");
    o.blank();

    costs(&mut o);
    o.blank();

    o.comment(
        0,
        "Wie man das Angebot bucht, und wie viele Tage vorher („vorlauf_tage“). Freiwillig; jede Zeile einzeln.",
    );
    o.optional(0, "buchung:");
    o.optional(0, "  email: buchung@example.org");
    o.optional(0, "  telefon: 0711 123456-0");
    o.optional(0, "  web: https://www.example.org/buchen");
    o.optional(0, "  vorlauf_tage: 14");
    o.blank();

    o.comment(
        0,
        "Feste Termine als Datum und Uhrzeit, z. B. 2027-05-12T09:00 für den 12. Mai 2027 um 9 Uhr, jeder in einer eigenen Zeile. Freiwillig: Ohne Termine gilt das Angebot „nach Vereinbarung“.",
    );
    o.optional(0, "termine:");
    o.optional(0, "  - 2027-05-12T09:00");
    o.optional(0, "  - 2027-05-19T09:00");
    o.blank();

    languages(&mut o, "das Angebot möglich ist");
    o.blank();

    seasons(&mut o, "das Angebot stattfindet");
    o.line("---");
    o.line(&format!(
        "{PLACEHOLDER_PREFIX} Beschreibung des Angebots: was die Gruppe erlebt und wie es abläuft"
    ));
    o.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "titel: T\nbase_url: https://example.org/natur/\nvokabulare:\n  kategorien: [{ slug: museum, name: Museum }, { slug: wald, name: Wald }]\n  themen: [{ slug: wald, name: Wald }, { slug: wasser, name: Wasser }, { slug: klima, name: Klima }]\n  zielgruppen: [{ slug: kita, name: Kita }, { slug: sek1, name: Sekundarstufe I }]\n  formate: [{ slug: fuehrung, name: Führung }, { slug: workshop, name: Workshop }]\n";

    fn config() -> SiteConfig {
        let mut d = Vec::new();
        SiteConfig::parse(SITE, None, &mut d).unwrap_or_else(|| panic!("site: {d:?}"))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).expect("valid date")
    }

    /// A place without errors, for offers to refer to.
    const PLACE: &str = "name: Hof\nkategorie: Museum\nkurzbeschreibung: Ein Hof.\nbezirk: Mitte\nadresse:\n  strasse: Weg 1\n  plz: \"70173\"\nlage:\n  lat: 48.7784\n  lon: 9.18\nthemen: [Wald]\nzielgruppen: [kita]\nkosten:\n  frei: true\ngeprueft_am: 2026-02-01\n";

    /// The findings of reading and checking `files` (path, text) the way a build does.
    fn check(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (file, text) in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            fs::write(&path, text).expect("write");
        }
        let loaded = load::load(dir.path());
        let (_, mut d) = crate::validate::validate(config(), &loaded, dir.path(), today());
        let mut all = loaded.diagnostics;
        all.append(&mut d);
        all
    }

    /// (key, line, column, code) of each finding.
    fn found(d: &[Diagnostic]) -> Vec<(String, usize, usize, &'static str)> {
        d.iter()
            .map(|d| {
                let p = d.position.unwrap_or_default();
                (d.key.clone().unwrap_or_default(), p.line, p.column, d.code)
            })
            .collect()
    }

    /// Where `needle` stands in `text`: 1-based line, and the column where it starts.
    fn at(text: &str, needle: &str) -> (usize, usize) {
        text.lines()
            .enumerate()
            .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, l[..c].chars().count() + 1)))
            .unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
    }

    #[test]
    fn place_template_has_schema_line_placeholders_for_required_keys_only() {
        let text = place_template(&config(), "mueller-hof", today());
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=../schemas/lernort.schema.json")
        );
        let d = check(&[("places/mueller-hof.yaml", &text)]);
        let name = at(&text, "\"AUSFÜLLEN: Name des Lernorts\"");
        let lat = at(&text, "\"AUSFÜLLEN: Breitengrad");
        let themen = at(&text, "\"AUSFÜLLEN: Themen");
        let expected = [
            ("name".to_string(), name.0, name.1, "platzhalter"),
            ("lage.lat".to_string(), lat.0, lat.1, "platzhalter"),
            ("themen[0]".to_string(), themen.0, themen.1, "platzhalter"),
        ];
        let got = found(&d);
        for e in &expected {
            assert!(got.contains(e), "{e:?} not in {got:?}");
        }
        let keys: Vec<&str> = got.iter().map(|(k, ..)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "name",
                "kategorie",
                "kurzbeschreibung",
                "bezirk",
                "adresse.strasse",
                "adresse.plz",
                "lage.lat",
                "lage.lon",
                "themen[0]",
                "zielgruppen[0]",
                "kosten.frei",
                "geprueft_am",
            ]
        );
        assert!(d.iter().all(|d| d.code == "platzhalter"), "{d:#?}");
        let kat = d.iter().find(|d| d.key.as_deref() == Some("kategorie"));
        assert_eq!(
            kat.and_then(|d| d.hint.as_deref()),
            Some(
                "Ersetzen Sie den Platzhalter samt „AUSFÜLLEN:“ und den Anführungszeichen durch Ihre Angabe: eine Kategorie aus der Liste darüber, z. B. Museum."
            )
        );
    }

    #[test]
    fn place_template_lists_every_key_and_the_allowed_values() {
        let text = place_template(&config(), "mueller-hof", today());
        let mut last = 0;
        for key in [
            "name:",
            "kategorie:",
            "# traeger:",
            "kurzbeschreibung:",
            "# leichte_sprache:",
            "# beschreibung: |",
            "# mobil: true",
            "bezirk:",
            "adresse:",
            "  strasse:",
            "  plz:",
            "  ort: Stuttgart",
            "lage:",
            "  lat:",
            "  lon:",
            "# oepnv:",
            "#   - haltestelle:",
            "#     linien:",
            "themen:",
            "zielgruppen:",
            "kosten:",
            "  frei:",
            "  # hinweis:",
            "# barrierefreiheit:",
            "#   rollstuhl:",
            "#   wc:",
            "#   hinweis:",
            "# sprachen:",
            "# jahreszeiten:",
            "# oeffnungszeiten:",
            "# kontakt:",
            "#   web:",
            "#   email:",
            "#   telefon:",
            "#   person:",
            "# bilder:",
            "#   - datei:",
            "#     alt:",
            "#     credit:",
            "#     lizenz:",
            "# sdgs:",
            "geprueft_am:",
        ] {
            let line = text
                .lines()
                .enumerate()
                .skip(last)
                .find(|(_, l)| l.starts_with(key))
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("{key:?} missing or out of order:\n{text}"));
            last = line + 1;
        }
        let flat = text
            .lines()
            .map(|l| l.trim_start().trim_start_matches('#').trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains("Erlaubt sind: Museum, Wald."), "{flat}");
        assert!(flat.contains("Erlaubt sind: Wald, Wasser, Klima."));
        assert!(flat.contains("Erlaubt sind: Kita, Sekundarstufe I."));
        assert!(flat.contains("ja, teilweise, nein, unbekannt"));
        assert!(flat.contains("ganzjaehrig, fruehling, sommer, herbst, winter"));
        let districts = district_names();
        assert_eq!(districts.len(), 23);
        assert!(flat.contains(&format!("Erlaubt sind: {}.", districts.join(", "))));
        assert!(flat.contains("„bezirk“, „adresse“ und „lage“ fehlen"));
        assert!(
            flat.contains("z. B. 2026-06-01"),
            "today is the example date"
        );
        assert!(flat.contains("/natur/lernorte/mueller-hof/"));
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
    }

    /// Every optional example of `text` uncommented, as a person would do it.
    fn uncommented(text: &str) -> String {
        let mut out = String::new();
        for l in text.lines() {
            let indent = l.len() - l.trim_start().len();
            let (pad, rest) = l.split_at(indent);
            let example = match rest.strip_prefix('#') {
                // Commented-out YAML: a key, an indented line or an empty line of a block.
                Some("") if indent == 0 => Some(""),
                Some(r) => r.strip_prefix(' ').filter(|r| {
                    r.starts_with(' ')
                        || r.split_once(':').is_some_and(|(k, _)| {
                            !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        })
                }),
                None => None,
            };
            match example {
                Some(r) if !r.starts_with("yaml-language-server") => {
                    out.push_str(pad);
                    out.push_str(r);
                }
                _ => out.push_str(l),
            }
            out.push('\n');
        }
        out
    }

    /// The examples of optional keys are real values: uncommented, they add no finding.
    #[test]
    fn uncommented_examples_are_valid() {
        let place = uncommented(&place_template(&config(), "mueller-hof", today()));
        assert!(place.contains("\nmobil: true\n"), "{place}");
        assert!(place.contains("\n  hinweis: 3 € pro Kind"), "{place}");
        assert!(place.contains("\n    linien: [U5, U6, U7]\n"), "{place}");
        let d = check(&[
            ("places/mueller-hof.yaml", &place),
            ("static/bilder/mueller-hof.jpg", ""),
        ]);
        let other: Vec<&Diagnostic> = d.iter().filter(|d| d.code != "platzhalter").collect();
        assert!(other.is_empty(), "{place}\n{other:#?}");

        let offer = uncommented(&offer_template(&config(), "kaese-machen", "mueller-hof"));
        assert!(offer.contains("\n  - 2027-05-12T09:00\n"), "{offer}");
        let d = check(&[
            ("places/mueller-hof.yaml", PLACE),
            ("content/angebote/kaese-machen.md", &offer),
        ]);
        let other: Vec<&Diagnostic> = d.iter().filter(|d| d.code != "platzhalter").collect();
        assert!(other.is_empty(), "{offer}\n{other:#?}");
    }

    #[test]
    fn offer_template_names_its_place_and_flags_the_body() {
        let text = offer_template(&config(), "kaese-machen", "mueller-hof");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("---"));
        assert_eq!(
            lines.next(),
            Some("# yaml-language-server: $schema=../../schemas/angebot.schema.json")
        );
        assert!(text.contains("\nlernort: mueller-hof\n"));
        let d = check(&[
            ("places/mueller-hof.yaml", PLACE),
            ("content/angebote/kaese-machen.md", &text),
        ]);
        let got = found(&d);
        let body = at(&text, "AUSFÜLLEN: Beschreibung");
        let format = at(&text, "\"AUSFÜLLEN: ein Format");
        assert!(
            got.contains(&("text".into(), body.0, 1, "platzhalter")),
            "{got:?}"
        );
        assert!(
            got.contains(&("format".into(), format.0, format.1, "platzhalter")),
            "{got:?}"
        );
        let mut keys: Vec<&str> = got.iter().map(|(k, ..)| k.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["format", "kosten.frei", "text", "titel", "zielgruppen[0]"]
        );
        assert!(d.iter().all(|d| d.code == "platzhalter"), "{d:#?}");
        let flat = text.replace("\n# ", " ");
        assert!(flat.contains("Erlaubt sind: Führung, Workshop."), "{flat}");
        assert!(flat.contains("BNE (Bildung für nachhaltige Entwicklung)"));
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
    }

    #[test]
    fn slugs_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_text("mueller-hof"), "mueller-hof");
        assert_eq!(yaml_text("123"), "\"123\"");
        assert_eq!(yaml_text("null"), "\"null\"");
        assert_eq!(yaml_text("true"), "\"true\"");
    }

    #[test]
    fn invalid_slugs_are_refused_with_a_suggestion() {
        match check_slug("Müller-Hof") {
            Err(e @ NewError::InvalidSlug { .. }) => {
                assert_eq!(
                    e.hint().as_deref(),
                    Some("Verwenden Sie z. B. „mueller-hof“.")
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            check_slug("!!!"),
            Err(NewError::InvalidSlug {
                suggestion: None,
                ..
            })
        ));
        assert!(check_slug("mueller-hof").is_ok());
    }

    #[test]
    fn files_are_created_once_and_offers_need_a_place() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        assert!(matches!(
            create_place(root, "hof", today()),
            Err(NewError::NotASite(_))
        ));
        fs::write(root.join(SITE_FILE), SITE).expect("site.yaml");
        let path = create_place(root, "mueller-hof", today()).expect("created");
        assert_eq!(path, root.join("places/mueller-hof.yaml"));
        let first = fs::read_to_string(&path).expect("read");
        assert_eq!(first, place_template(&config(), "mueller-hof", today()));
        fs::write(&path, "name: Geändert\n").expect("edit");
        assert!(matches!(
            create_place(root, "mueller-hof", today()),
            Err(NewError::Exists { .. })
        ));
        assert_eq!(fs::read_to_string(&path).expect("read"), "name: Geändert\n");
        fs::write(root.join("places/alt.yml"), "name: Alt\n").expect("yml");
        assert!(matches!(
            create_place(root, "alt", today()),
            Err(NewError::Exists { .. })
        ));

        match create_offer(root, "kaese", "mueler-hof") {
            Err(e @ NewError::UnknownPlace { .. }) => {
                assert_eq!(e.hint().as_deref(), Some("Meinten Sie „mueller-hof“?"));
            }
            other => panic!("{other:?}"),
        }
        match create_offer(root, "kaese", "zzz") {
            Err(NewError::UnknownPlace { hint, .. }) => {
                assert!(
                    hint.contains("mueller-hof") && hint.contains("alt"),
                    "{hint}"
                )
            }
            other => panic!("{other:?}"),
        }
        let offer = create_offer(root, "kaese", "mueller-hof").expect("offer");
        assert_eq!(offer, root.join("content/angebote/kaese.md"));
        assert!(matches!(
            create_offer(root, "kaese", "mueller-hof"),
            Err(NewError::Exists { .. })
        ));
    }

    #[test]
    fn a_broken_site_yaml_is_reported_not_guessed() {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join(SITE_FILE), "titel: T\n").expect("site.yaml");
        match create_place(dir.path(), "hof", today()) {
            Err(NewError::Config { diagnostics, .. }) => assert!(!diagnostics.is_empty()),
            other => panic!("{other:?}"),
        }
        assert!(!dir.path().join("places/hof.yaml").exists());
    }
}
