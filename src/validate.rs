//! Raw records to the validated site model: required keys, vocabularies, districts against
//! coordinates, references between offers and places, duplicate slugs, lengths. Every problem of
//! every file is collected; a record with errors is left out of the model.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position, allowed_list, closest};
use crate::format;
use crate::load::{Loaded, LoadedFiles};
use crate::markdown;
use crate::model::Site;
use crate::model::districts::{Districts, Placement};
use crate::model::offer::{Booking, Offer, OfferFile, Range};
use crate::model::page::{Page, PageFile};
use crate::model::place::{
    Access, Address, Contact, ContactFile, Costs, CostsFile, Image, LatLon, Place, PlaceFile, Stop,
    Wheelchair,
};
use crate::model::vocab::Vocabulary;
use crate::spans::SourceMap;
use crate::yaml::Text;

pub const MAX_SHORT_DESCRIPTION: usize = 300;

/// URL segments that lernorte itself uses; a free page may not take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "lernorte",
    "angebote",
    "bezirke",
    "themen",
    "zielgruppen",
    "kategorien",
    "suche",
    "karte",
    "daten",
    "netzwerk",
    "css",
    "js",
    "vendor",
    "bilder",
    "404",
    "sitemap",
    "robots",
    "__lernorte",
];

/// Checks of one file: knows the file and its source map, collects findings.
struct Check<'a> {
    file: &'a Path,
    map: &'a SourceMap,
    /// Keys already reported while parsing.
    failed: &'a [String],
    /// Put in front of site-local links in Markdown.
    base_path: &'a str,
    diags: Vec<Diagnostic>,
}

impl<'a> Check<'a> {
    fn new<T>(loaded: &'a Loaded<T>, base_path: &'a str) -> Self {
        Check {
            file: &loaded.file,
            map: &loaded.map,
            failed: &loaded.failed_keys,
            base_path,
            diags: Vec::new(),
        }
    }

    fn error(
        &mut self,
        code: &'static str,
        key: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::error(code, self.file, message)
            .at(self.map.key_position(key))
            .key(key);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn warning(
        &mut self,
        code: &'static str,
        key: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::warning(code, self.file, message)
            .at(self.map.key_position(key))
            .key(key);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    /// Points at the value rather than the key (for wrong values).
    fn value_error(
        &mut self,
        code: &'static str,
        key: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::error(code, self.file, message)
            .at(self.map.value_position(key))
            .key(key);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// Reports a missing required key, unless its value was already reported as unreadable.
    fn missing(&mut self, key: &str, example: &str) -> Option<&mut Diagnostic> {
        if self.failed.iter().any(|f| f == key) {
            return None;
        }
        let name = key.rsplit('.').next().unwrap_or(key);
        let d = self.error(
            "pflichtangabe-fehlt",
            key,
            format!("Die Pflichtangabe „{name}“ fehlt."),
        );
        d.hint = Some(format!("Ergänzen Sie eine Zeile wie „{name}: {example}“."));
        Some(d)
    }

    fn required_text(&mut self, key: &str, value: Option<&Text>, example: &str) -> Option<String> {
        match value.and_then(Text::non_empty) {
            Some(t) => Some(t),
            None => {
                self.missing(key, example);
                None
            }
        }
    }

    fn vocab_one(
        &mut self,
        key: &str,
        value: &Text,
        vocab: &Vocabulary,
        what: &str,
    ) -> Option<usize> {
        let input = value.as_str().trim();
        if let Some(i) = vocab.resolve(input) {
            return Some(i);
        }
        let suggestion = vocab.suggest(input);
        let allowed = allowed_list(vocab.names());
        let d = self.value_error(
            "unbekannter-wert",
            key,
            format!("„{input}“ ist kein bekannter Wert für {what}."),
        );
        d.hint = Some(match suggestion {
            Some(s) => format!("Meinten Sie „{s}“? Erlaubt sind: {allowed}."),
            None => format!("Erlaubt sind: {allowed}."),
        });
        None
    }

    fn vocab_list(
        &mut self,
        key: &str,
        values: Option<&Vec<Text>>,
        vocab: &Vocabulary,
        what: &str,
        required: bool,
    ) -> Vec<usize> {
        let values = values.map(Vec::as_slice).unwrap_or_default();
        if values.is_empty() && required {
            let example = vocab.terms.first().map_or("…", |t| t.name.as_str());
            self.missing(key, &format!("[{example}]"));
        }
        let mut out = Vec::new();
        for (i, v) in values.iter().enumerate() {
            if let Some(t) = self.vocab_one(&format!("{key}[{i}]"), v, vocab, what)
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
        out
    }

    fn markdown(
        &mut self,
        key: &str,
        markdown: &str,
        body_line: Option<usize>,
    ) -> markdown::Rendered {
        let rendered = markdown::render(markdown, self.base_path);
        if let Some(offset) = rendered.raw_html_at {
            let position = match body_line {
                Some(first) => Some(Position {
                    line: first + markdown[..offset].matches('\n').count(),
                    column: markdown[..offset]
                        .rfind('\n')
                        .map_or(offset, |nl| offset - nl - 1)
                        + 1,
                    width: 1,
                }),
                None => self.map.value_position(key),
            };
            let d = Diagnostic::warning(
                "html-im-text",
                self.file,
                "Der Text enthält HTML-Code. Unsichere Teile (z. B. <script>, Ereignis-Attribute, javascript:-Links) werden entfernt.",
            )
            .at(position)
            .key(key)
            .hint("Verwenden Sie statt HTML die Markdown-Schreibweise, z. B. **fett** oder [Linktext](https://…).");
            self.diags.push(d);
        }
        rendered
    }

    fn languages(&mut self, key: &str, values: Option<&Vec<Text>>) -> Vec<String> {
        let mut out = Vec::new();
        for (i, v) in values
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let code = v.as_str().trim().to_lowercase();
            let path = format!("{key}[{i}]");
            if format::language_name(&code).is_some() {
                if !out.contains(&code) {
                    out.push(code);
                }
                continue;
            }
            let by_name = format::language_codes().find(|c| {
                format::language_name(c).is_some_and(|n| n.eq_ignore_ascii_case(v.as_str().trim()))
            });
            let d = self.value_error(
                "unbekannte-sprache",
                &path,
                format!("„{}“ ist kein bekannter Sprachcode.", v.as_str()),
            );
            d.hint = Some(match by_name {
                Some(c) => format!("Verwenden Sie den zweistelligen Sprachcode: „{c}“."),
                None => "Verwenden Sie zweistellige Sprachcodes nach ISO 639-1, z. B. „de“, „en“, „tr“, „ar“, „uk“.".into(),
            });
        }
        out
    }

    fn costs(&mut self, key: &str, value: Option<&CostsFile>) -> Option<Costs> {
        let Some(c) = value else {
            self.missing(key, "{ frei: true }");
            return None;
        };
        let Some(frei) = c.frei else {
            self.missing(&format!("{key}.frei"), "true");
            return None;
        };
        Some(Costs {
            frei,
            hinweis: c.hinweis.as_ref().and_then(Text::non_empty),
        })
    }

    /// A web address: http(s) only. Without a scheme, https is assumed (with a warning);
    /// any other scheme is an error, because it would end up in a link.
    fn web(&mut self, key: &str, value: Option<&Text>) -> Option<String> {
        let url = value.and_then(Text::non_empty)?;
        let lower = url.to_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && !url.contains(char::is_whitespace)
            && url.len() > 10
        {
            return Some(url);
        }
        if lower.starts_with("www.") && !url.contains(char::is_whitespace) {
            self.warning(
                "web-ohne-https",
                key,
                format!("„{url}“ beginnt nicht mit „https://“; es wird ergänzt."),
            )
            .hint = Some(format!("Schreiben Sie „https://{url}“."));
            return Some(format!("https://{url}"));
        }
        self.value_error(
            "ungueltige-webadresse",
            key,
            format!("„{url}“ ist keine gültige Webadresse."),
        )
        .hint =
            Some("Webadressen beginnen mit „https://“, z. B. „https://www.example.org/“.".into());
        None
    }

    fn email(&mut self, key: &str, value: Option<&Text>) -> Option<String> {
        let email = value.and_then(Text::non_empty)?;
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !email.contains(char::is_whitespace)
            && email.matches('@').count() == 1;
        if valid {
            Some(email)
        } else {
            self.value_error(
                "ungueltige-email",
                key,
                format!("„{email}“ ist keine gültige E-Mail-Adresse."),
            )
            .hint = Some("Eine E-Mail-Adresse hat die Form „name@example.org“.".into());
            None
        }
    }

    fn phone(&mut self, key: &str, value: Option<&Text>) -> Option<String> {
        let phone = value.and_then(Text::non_empty)?;
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/()".contains(c));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if allowed && (6..=15).contains(&digits) {
            Some(phone)
        } else {
            self.value_error(
                "ungueltige-telefonnummer",
                key,
                format!("„{phone}“ ist keine gültige Telefonnummer."),
            )
            .hint = Some("Schreiben Sie die Nummer mit Vorwahl, z. B. „0711 123456-0“.".into());
            None
        }
    }

    fn contact(&mut self, key: &str, c: &ContactFile) -> Contact {
        Contact {
            web: self.web(&format!("{key}.web"), c.web.as_ref()),
            email: self.email(&format!("{key}.email"), c.email.as_ref()),
            telefon: self.phone(&format!("{key}.telefon"), c.telefon.as_ref()),
            person: c.person.as_ref().and_then(Text::non_empty),
        }
    }

    fn date(&mut self, key: &str, value: Option<&Text>) -> Option<NaiveDate> {
        let Some(text) = value.and_then(Text::non_empty) else {
            self.missing(key, "2026-05-31");
            return None;
        };
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let hint = german_date_hint(&text);
                self.value_error(
                    "ungueltiges-datum",
                    key,
                    format!("„{text}“ ist kein gültiges Datum."),
                )
                .hint = Some(hint);
                None
            }
        }
    }
}

fn german_date_hint(text: &str) -> String {
    let parts: Vec<&str> = text.split('.').map(str::trim).collect();
    if let [d, m, y] = parts.as_slice()
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>())
        && NaiveDate::from_ymd_opt(y, m, d).is_some()
    {
        return format!("Schreiben Sie Daten als Jahr-Monat-Tag: „{y:04}-{m:02}-{d:02}“.");
    }
    "Schreiben Sie Daten als Jahr-Monat-Tag, z. B. „2026-05-31“.".into()
}

/// Validates everything that was loaded and builds the site model. Returns the model (also when
/// some records had errors; those are left out) and all findings.
pub fn validate(
    config: SiteConfig,
    files: &LoadedFiles,
    root: &Path,
    today: NaiveDate,
) -> (Site, Vec<Diagnostic>) {
    validate_with(config, files, root, today, None)
}

/// Per-record results of earlier runs, for the preview server: a record whose file was not read
/// again (same `Arc`) and whose inputs from other records are unchanged is not checked again.
/// Only valid for one `site.yaml` and one set of static files; start a new one when they change.
#[derive(Default)]
pub struct Memo {
    // Keyed by slug, which is unique among the records that get checked (duplicates are
    // refused first) and cheaper to hash than a path.
    places: HashMap<String, Memoized<PlaceFile, Arc<Place>>>,
    offers: HashMap<String, (OfferInputs, Memoized<OfferFile, Arc<Offer>>)>,
    pages: HashMap<String, Memoized<PageFile, Page>>,
}

struct Memoized<F, T> {
    loaded: Arc<Loaded<F>>,
    result: (Option<T>, Vec<Diagnostic>),
}

/// What an offer's check read from its place: the place's slug and topics (offers without
/// topics of their own inherit them). `None` when the place was not usable; such results are
/// not reused, since their suggestions depend on every place.
type OfferInputs = Option<(String, Vec<usize>)>;

/// A record's check: the record if usable, its findings, and what the memo needs to know.
type Checked<T, M> = (Option<Arc<T>>, Vec<Diagnostic>, M);

/// Returns the memoized result for `loaded` if it was made from the same record.
fn recall<F, T: Clone>(
    memo: Option<&HashMap<String, Memoized<F, T>>>,
    loaded: &Arc<Loaded<F>>,
) -> Option<(Option<T>, Vec<Diagnostic>)> {
    let m = memo?.get(&loaded.slug)?;
    Arc::ptr_eq(&m.loaded, loaded).then(|| m.result.clone())
}

/// Like [`validate`], reusing and updating `memo` when given.
pub fn validate_with(
    config: SiteConfig,
    files: &LoadedFiles,
    root: &Path,
    today: NaiveDate,
    mut memo: Option<&mut Memo>,
) -> (Site, Vec<Diagnostic>) {
    let districts = Districts::builtin();
    let mut diags = Vec::new();

    let place_files = first_of_each_slug(&files.places, &mut diags);
    let checked: Vec<Checked<Place, bool>> = place_files
        .par_iter()
        .map(
            |loaded| match recall(memo.as_deref().map(|m| &m.places), loaded) {
                Some((place, d)) => (place, d, false),
                None => {
                    let (place, d) = validate_place(&config, districts, loaded, root);
                    (place.map(Arc::new), d, true)
                }
            },
        )
        .collect();
    let mut places: Vec<Arc<Place>> = Vec::with_capacity(checked.len());
    for (loaded, (place, mut d, fresh)) in place_files.iter().zip(checked) {
        if fresh && let Some(memo) = memo.as_deref_mut() {
            let result = (place.clone(), d.clone());
            let loaded = Arc::clone(loaded);
            memo.places
                .insert(loaded.slug.clone(), Memoized { loaded, result });
        }
        diags.append(&mut d);
        places.extend(place);
    }
    places.par_sort_by_cached_key(|p| (format::sort_key(&p.name), p.slug.clone()));
    let place_index: HashMap<&str, usize> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    let all_place_slugs: Vec<&str> = files.places.iter().map(|p| p.slug.as_str()).collect();

    // What each offer reads from its place; a memoized result counts only if that is unchanged.
    let inputs_of = |loaded: &Loaded<OfferFile>| -> OfferInputs {
        let slug = loaded.record.lernort.as_ref().and_then(Text::non_empty)?;
        let &i = place_index.get(slug.as_str())?;
        Some((slug, places[i].themen.clone()))
    };
    let offer_files = first_of_each_slug(&files.offers, &mut diags);
    let checked: Vec<Checked<Offer, Option<OfferInputs>>> = offer_files
        .par_iter()
        .map(|loaded| {
            let inputs = inputs_of(loaded);
            let remembered = memo.as_deref().and_then(|m| {
                let (was, m) = m.offers.get(&loaded.slug)?;
                (inputs.is_some() && *was == inputs && Arc::ptr_eq(&m.loaded, loaded))
                    .then(|| m.result.clone())
            });
            match remembered {
                Some((mut offer, d)) => {
                    // The place keeps its slug but may have moved in the sorted list; only
                    // then is the shared record copied.
                    if let (Some(o), Some((slug, _))) = (offer.as_mut(), inputs.as_ref()) {
                        let place = place_index[slug.as_str()];
                        if o.place != place {
                            Arc::make_mut(o).place = place;
                        }
                    }
                    (offer, d, None)
                }
                None => {
                    let (offer, d) =
                        validate_offer(&config, &places, &place_index, &all_place_slugs, loaded);
                    (offer.map(Arc::new), d, Some(inputs))
                }
            }
        })
        .collect();
    let mut offers = Vec::with_capacity(checked.len());
    for (loaded, (offer, mut d, fresh)) in offer_files.iter().zip(checked) {
        match (fresh, memo.as_deref_mut()) {
            (Some(inputs), Some(memo)) => {
                let result = (offer.clone(), d.clone());
                let loaded = Arc::clone(loaded);
                memo.offers
                    .insert(loaded.slug.clone(), (inputs, Memoized { loaded, result }));
            }
            // A remembered offer that got its own copy for a new place index: remember the
            // copy, so that the next rebuild shares it instead of copying again.
            (None, Some(memo)) => {
                if let (Some((_, m)), Some(offer)) = (memo.offers.get_mut(&loaded.slug), &offer)
                    && let Some(kept) = &mut m.result.0
                    && !Arc::ptr_eq(kept, offer)
                {
                    *kept = Arc::clone(offer);
                }
            }
            _ => {}
        }
        diags.append(&mut d);
        offers.extend(offer);
    }
    offers.par_sort_by_cached_key(|o| (format::sort_key(&o.titel), o.slug.clone()));

    let mut pages = Vec::new();
    for loaded in &files.pages {
        let (page, mut d) = match recall(memo.as_deref().map(|m| &m.pages), loaded) {
            Some(r) => r,
            None => {
                let (page, d) = validate_page(loaded, &config.base_path);
                if let Some(memo) = memo.as_deref_mut() {
                    let result = (page.clone(), d.clone());
                    let loaded = Arc::clone(loaded);
                    memo.pages
                        .insert(loaded.slug.clone(), Memoized { loaded, result });
                }
                (page, d)
            }
        };
        diags.append(&mut d);
        pages.extend(page);
    }
    pages.sort_by(|a: &Page, b| a.slug.cmp(&b.slug));

    if let Some(memo) = memo {
        // Forget files that are gone, so the memo does not grow with every rename.
        if memo.places.len() > files.places.len() {
            let present: HashSet<&str> = files.places.iter().map(|l| l.slug.as_str()).collect();
            memo.places.retain(|s, _| present.contains(s.as_str()));
        }
        if memo.offers.len() > files.offers.len() {
            let present: HashSet<&str> = files.offers.iter().map(|l| l.slug.as_str()).collect();
            memo.offers.retain(|s, _| present.contains(s.as_str()));
        }
        if memo.pages.len() > files.pages.len() {
            let present: HashSet<&str> = files.pages.iter().map(|l| l.slug.as_str()).collect();
            memo.pages.retain(|s, _| present.contains(s.as_str()));
        }
    }

    let mut offers_by_place = vec![Vec::new(); places.len()];
    for (i, o) in offers.iter().enumerate() {
        offers_by_place[o.place].push(i);
    }
    let site = Site {
        config,
        districts,
        places,
        offers,
        pages,
        offers_by_place,
        today,
    };
    (site, diags)
}

/// The records to check: the first file of each slug; later ones get a duplicate error.
fn first_of_each_slug<'a, F>(
    records: &'a [Arc<Loaded<F>>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'a Arc<Loaded<F>>> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let mut out = Vec::with_capacity(records.len());
    for loaded in records {
        match seen.entry(&loaded.slug) {
            Entry::Occupied(first) => {
                diags.push(duplicate_slug(&loaded.file, &loaded.slug, first.get()))
            }
            Entry::Vacant(v) => {
                v.insert(&loaded.file);
                out.push(loaded);
            }
        }
    }
    out
}

fn duplicate_slug(file: &Path, slug: &str, first: &Path) -> Diagnostic {
    Diagnostic::error(
        "doppeltes-kuerzel",
        file,
        format!(
            "Das Kürzel „{slug}“ wird schon von {} verwendet.",
            first.display()
        ),
    )
    .hint("Jede Datei braucht einen eigenen Namen. Benennen Sie eine der beiden Dateien um.")
}

fn validate_place(
    config: &SiteConfig,
    districts: &Districts,
    loaded: &Loaded<PlaceFile>,
    root: &Path,
) -> (Option<Place>, Vec<Diagnostic>) {
    let raw = &loaded.record;
    let mut c = Check::new(loaded, &config.base_path);
    let name = c.required_text("name", raw.name.as_ref(), "Jugendfarm Musterstadt");
    let kategorie = match &raw.kategorie {
        Some(k) => c.vocab_one("kategorie", k, &config.kategorien, "„kategorie“"),
        None => {
            let example = config
                .kategorien
                .terms
                .first()
                .map_or("…", |t| t.name.as_str())
                .to_string();
            c.missing("kategorie", &example);
            None
        }
    };
    let kurzbeschreibung = c.required_text(
        "kurzbeschreibung",
        raw.kurzbeschreibung.as_ref(),
        "Ein Satz, der den Lernort beschreibt.",
    );
    if let Some(k) = &kurzbeschreibung {
        let n = k.chars().count();
        if n > MAX_SHORT_DESCRIPTION {
            c.error(
                "kurzbeschreibung-zu-lang",
                "kurzbeschreibung",
                format!("Die Kurzbeschreibung hat {n} Zeichen; erlaubt sind höchstens {MAX_SHORT_DESCRIPTION}."),
            )
            .hint = Some("Kürzen Sie den Text. Ausführliches gehört in „beschreibung“.".into());
        }
    }
    let beschreibung_html = raw
        .beschreibung
        .as_ref()
        .map(|b| c.markdown("beschreibung", b.as_str(), None).html)
        .unwrap_or_default();
    let beschreibung_text = raw
        .beschreibung
        .as_ref()
        .map(|b| markdown::plain_text(b.as_str()))
        .unwrap_or_default();
    let mobil = raw.mobil.unwrap_or(false);

    let bezirk = match &raw.bezirk {
        Some(b) if !b.as_str().trim().is_empty() => {
            c.vocab_one("bezirk", b, &districts.vocabulary, "„bezirk“ (Stadtbezirk)")
        }
        _ => {
            if !mobil && let Some(d) = c.missing("bezirk", "Bad Cannstatt") {
                d.hint = Some(
                    "Geben Sie den Stadtbezirk an, z. B. „bezirk: Bad Cannstatt“. Kommt das Angebot zu Schulen und Kitas, schreiben Sie stattdessen „mobil: true“.".into(),
                );
            }
            None
        }
    };

    let adresse = match &raw.adresse {
        Some(a) => {
            let strasse = c.required_text("adresse.strasse", a.strasse.as_ref(), "Musterweg 1");
            let plz = c.required_text("adresse.plz", a.plz.as_ref(), "\"70173\"");
            let ort = a
                .ort
                .as_ref()
                .and_then(Text::non_empty)
                .unwrap_or_else(|| "Stuttgart".into());
            if let Some(p) = &plz
                && !(p.len() == 5 && p.chars().all(|ch| ch.is_ascii_digit()))
            {
                c.value_error(
                    "ungueltige-plz",
                    "adresse.plz",
                    format!("„{p}“ ist keine gültige Postleitzahl."),
                )
                .hint = Some("Eine Postleitzahl hat fünf Ziffern, z. B. „70173“.".into());
            }
            match (strasse, plz) {
                (Some(strasse), Some(plz)) => Some(Address { strasse, plz, ort }),
                _ => None,
            }
        }
        None => {
            if !mobil && let Some(d) = c.missing("adresse", "") {
                d.hint = Some("Ergänzen Sie die Adresse mit den eingerückten Zeilen „strasse:“, „plz:“ und „ort:“.".into());
            }
            None
        }
    };

    let lage = match &raw.lage {
        Some(l) => match (l.lat, l.lon) {
            (Some(lat), Some(lon)) => check_location(&mut c, districts, bezirk, lat, lon),
            (lat, lon) => {
                if lat.is_none() {
                    c.missing("lage.lat", "48.7758");
                }
                if lon.is_none() {
                    c.missing("lage.lon", "9.1829");
                }
                None
            }
        },
        None => {
            if !mobil && let Some(d) = c.missing("lage", "") {
                d.hint = Some(
                    "Ergänzen Sie die Koordinaten mit den eingerückten Zeilen „lat:“ und „lon:“ (z. B. aus OpenStreetMap: Rechtsklick auf den Ort, „Adresse anzeigen“).".into(),
                );
            }
            None
        }
    };

    let mut oepnv = Vec::new();
    for (i, s) in raw.oepnv.as_deref().unwrap_or_default().iter().enumerate() {
        let key = format!("oepnv[{i}].haltestelle");
        if let Some(h) = c.required_text(&key, s.haltestelle.as_ref(), "Charlottenplatz") {
            let linien = s
                .linien
                .as_deref()
                .unwrap_or_default()
                .iter()
                .filter_map(Text::non_empty)
                .collect();
            oepnv.push(Stop {
                haltestelle: h,
                linien,
            });
        }
    }
    let themen = c.vocab_list(
        "themen",
        raw.themen.as_ref(),
        &config.themen,
        "„themen“",
        true,
    );
    let zielgruppen = c.vocab_list(
        "zielgruppen",
        raw.zielgruppen.as_ref(),
        &config.zielgruppen,
        "„zielgruppen“",
        true,
    );
    let kosten = c.costs("kosten", raw.kosten.as_ref());
    let barrierefreiheit = raw.barrierefreiheit.as_ref().map(|a| Access {
        rollstuhl: a.rollstuhl.unwrap_or(Wheelchair::Unbekannt),
        wc: a.wc,
        hinweis: a.hinweis.as_ref().and_then(Text::non_empty),
    });
    let sprachen = c.languages("sprachen", raw.sprachen.as_ref());
    let mut jahreszeiten = raw.jahreszeiten.clone().unwrap_or_default();
    jahreszeiten.sort();
    jahreszeiten.dedup();
    let kontakt = raw.kontakt.as_ref().map(|k| c.contact("kontakt", k));

    let mut bilder = Vec::new();
    for (i, b) in raw.bilder.as_deref().unwrap_or_default().iter().enumerate() {
        let key = format!("bilder[{i}]");
        let datei = c.required_text(
            &format!("{key}.datei"),
            b.datei.as_ref(),
            "bilder/mein-bild.jpg",
        );
        let alt = b.alt.as_ref().and_then(Text::non_empty);
        if alt.is_none() {
            c.error("alt-text-fehlt", &format!("{key}.alt"), "Zu diesem Bild fehlt der Alternativtext „alt“.")
                .hint = Some("Beschreiben Sie in einem Satz, was auf dem Bild zu sehen ist, z. B. „alt: Kinder füttern Ziegen im Stall“. Blinde Menschen bekommen diesen Text vorgelesen.".into());
        }
        if let Some(d) = &datei {
            let unsafe_path =
                d.contains("..") || d.starts_with('/') || d.contains("://") || d.contains('\\');
            if unsafe_path {
                c.value_error("ungueltiger-bildpfad", &format!("{key}.datei"), format!("„{d}“ ist kein gültiger Bildpfad."))
                    .hint = Some("Legen Sie Bilder in den Ordner „static/bilder/“ und schreiben Sie z. B. „datei: bilder/hof.jpg“.".into());
                continue;
            }
            if !root.join("static").join(d).is_file() {
                c.warning("bild-fehlt", &format!("{key}.datei"), format!("Die Bilddatei „static/{d}“ gibt es nicht."))
                    .hint = Some("Legen Sie das Bild in den Ordner „static/“ oder korrigieren Sie den Dateinamen.".into());
            }
        }
        if let (Some(datei), Some(alt)) = (datei, alt) {
            bilder.push(Image {
                datei,
                alt,
                credit: b.credit.as_ref().and_then(Text::non_empty),
                lizenz: b.lizenz.as_ref().and_then(Text::non_empty),
            });
        }
    }
    let mut sdgs = Vec::new();
    for (i, n) in raw.sdgs.as_deref().unwrap_or_default().iter().enumerate() {
        if (1..=17).contains(n) {
            if !sdgs.contains(n) {
                sdgs.push(*n);
            }
        } else {
            c.value_error(
                "ungueltiges-sdg",
                &format!("sdgs[{i}]"),
                format!("{n} ist kein Nachhaltigkeitsziel."),
            )
            .hint = Some("Die Nachhaltigkeitsziele (SDGs) sind von 1 bis 17 nummeriert.".into());
        }
    }
    let geprueft_am = c.date("geprueft_am", raw.geprueft_am.as_ref());

    let place = match (name, kategorie, kurzbeschreibung, kosten, geprueft_am) {
        (Some(name), Some(kategorie), Some(kurzbeschreibung), Some(kosten), Some(geprueft_am))
            if !c.has_errors() =>
        {
            Some(Place {
                slug: loaded.slug.clone(),
                file: loaded.file.clone(),
                name,
                kategorie,
                traeger: raw.traeger.as_ref().and_then(Text::non_empty),
                kurzbeschreibung,
                leichte_sprache: raw.leichte_sprache.as_ref().and_then(Text::non_empty),
                beschreibung_html,
                beschreibung_text,
                mobil,
                bezirk,
                adresse,
                lage,
                oepnv,
                themen,
                zielgruppen,
                kosten,
                barrierefreiheit,
                sprachen,
                jahreszeiten,
                oeffnungszeiten: raw.oeffnungszeiten.as_ref().and_then(Text::non_empty),
                kontakt,
                bilder,
                sdgs,
                geprueft_am,
            })
        }
        _ => None,
    };
    (place, c.diags)
}

/// Checks coordinates against the city and the declared district.
fn check_location(
    c: &mut Check,
    districts: &Districts,
    bezirk: Option<usize>,
    lat: f64,
    lon: f64,
) -> Option<LatLon> {
    let name = |i: usize| districts.list[i].name.as_str();
    if !districts.in_city(lat, lon) {
        let swapped = districts.in_city(lon, lat);
        c.value_error(
            "ausserhalb-stuttgart",
            "lage",
            format!("Die Koordinaten {lat}, {lon} liegen nicht in Stuttgart."),
        )
        .hint = Some(if swapped {
            "Es sieht so aus, als wären „lat“ und „lon“ vertauscht: „lat“ ist in Stuttgart etwa 48,7, „lon“ etwa 9,2.".into()
        } else {
            "Prüfen Sie die Koordinaten: In Stuttgart liegt „lat“ zwischen 48,69 und 48,87 und „lon“ zwischen 9,03 und 9,32 (mit Punkt als Dezimaltrennzeichen).".into()
        });
        return None;
    }
    if let Some(declared) = bezirk {
        match districts.place(declared, lat, lon) {
            Placement::Inside => {}
            Placement::NearBorder { actual, distance_m } => {
                let actual_text = actual.map_or("keinem Stadtbezirk".to_string(), |a| {
                    format!("„{}“", name(a))
                });
                c.warning(
                    "bezirk-grenznah",
                    "bezirk",
                    format!(
                        "Die Koordinaten liegen {distance_m:.0} m außerhalb von „{}“, in {actual_text}.",
                        name(declared)
                    ),
                )
                .hint = Some("Das ist innerhalb der Toleranz an den Bezirksgrenzen. Prüfen Sie Bezirk und Koordinaten.".into());
            }
            Placement::OtherDistrict { actual, distance_m } => {
                c.value_error(
                    "bezirk-passt-nicht",
                    "bezirk",
                    format!(
                        "Die Koordinaten liegen im Stadtbezirk „{}“, nicht in „{}“ ({} km entfernt).",
                        name(actual),
                        name(declared),
                        format!("{:.1}", distance_m / 1000.0).replace('.', ",")
                    ),
                )
                .hint = Some(format!(
                    "Schreiben Sie „bezirk: {}“ oder korrigieren Sie die Koordinaten unter „lage“.",
                    name(actual)
                ));
            }
            Placement::OutsideCity => {
                c.value_error(
                    "ausserhalb-stuttgart",
                    "lage",
                    format!("Die Koordinaten {lat}, {lon} liegen nicht in Stuttgart."),
                );
                return None;
            }
        }
    }
    Some(LatLon { lat, lon })
}

fn validate_offer(
    config: &SiteConfig,
    places: &[Arc<Place>],
    place_index: &HashMap<&str, usize>,
    all_place_slugs: &[&str],
    loaded: &Loaded<OfferFile>,
) -> (Option<Offer>, Vec<Diagnostic>) {
    let raw = &loaded.record;
    let mut c = Check::new(loaded, &config.base_path);
    let titel = c.required_text("titel", raw.titel.as_ref(), "Vom Korn zum Brot");
    let place = match raw.lernort.as_ref().and_then(Text::non_empty) {
        None => {
            if let Some(d) = c.missing("lernort", "stadtteilbauernhof-bad-cannstatt") {
                d.hint = Some(
                    "„lernort“ ist der Dateiname des Lernorts in „places/“ ohne „.yaml“.".into(),
                );
            }
            None
        }
        Some(slug) => match place_index.get(slug.as_str()) {
            Some(&i) => Some(i),
            None if all_place_slugs.contains(&slug.as_str()) => {
                // The place exists but has errors of its own; they are reported there.
                c.diags.push(
                    Diagnostic::error(
                        "lernort-fehlerhaft",
                        c.file,
                        format!("Der Lernort „{slug}“ hat selbst Fehler; dieses Angebot wird erst nach deren Korrektur übernommen."),
                    )
                    .at(c.map.value_position("lernort"))
                    .key("lernort"),
                );
                None
            }
            None => {
                let suggestion = closest(&slug, all_place_slugs.iter().copied());
                let d = c.value_error(
                    "lernort-unbekannt",
                    "lernort",
                    format!("Es gibt keinen Lernort „{slug}“ (keine Datei „places/{slug}.yaml“)."),
                );
                d.hint = Some(match suggestion {
                    Some(s) => format!("Meinten Sie „{s}“?"),
                    None => {
                        "„lernort“ ist der Dateiname des Lernorts in „places/“ ohne „.yaml“.".into()
                    }
                });
                None
            }
        },
    };
    let format = match &raw.format {
        Some(f) => c.vocab_one("format", f, &config.formate, "„format“"),
        None => {
            let example = config
                .formate
                .terms
                .first()
                .map_or("…", |t| t.name.as_str())
                .to_string();
            c.missing("format", &example);
            None
        }
    };
    let zielgruppen = c.vocab_list(
        "zielgruppen",
        raw.zielgruppen.as_ref(),
        &config.zielgruppen,
        "„zielgruppen“",
        true,
    );
    let klassenstufen = raw.klassenstufen.as_ref().map(|r| Range {
        von: r.von,
        bis: r.bis,
    });
    if let Some(r) = klassenstufen {
        for (k, v) in [("von", r.von), ("bis", r.bis)] {
            if let Some(v) = v
                && !(1..=13).contains(&v)
            {
                c.value_error(
                    "ungueltige-klassenstufe",
                    &format!("klassenstufen.{k}"),
                    format!("Klassenstufe {v} gibt es nicht."),
                )
                .hint = Some("Klassenstufen gehen von 1 bis 13.".into());
            }
        }
        check_range(&mut c, "klassenstufen", r);
    }
    let alter = raw.alter.as_ref().map(|r| Range {
        von: r.von,
        bis: r.bis,
    });
    if let Some(r) = alter {
        check_range(&mut c, "alter", r);
    }
    let themen = match &raw.themen {
        Some(t) if !t.is_empty() => {
            c.vocab_list("themen", Some(t), &config.themen, "„themen“", false)
        }
        _ => place.map(|p| places[p].themen.clone()).unwrap_or_default(),
    };
    let mut bildungsplan = raw.bildungsplan.clone().unwrap_or_default();
    bildungsplan.sort();
    bildungsplan.dedup();
    if raw.dauer_minuten == Some(0) {
        c.value_error(
            "ungueltige-dauer",
            "dauer_minuten",
            "Die Dauer muss größer als 0 sein.",
        );
    }
    let gruppengroesse = raw.gruppengroesse.as_ref().map(|g| (g.min, g.max));
    if let Some((Some(min), Some(max))) = gruppengroesse
        && min > max
    {
        c.value_error(
            "ungueltiger-bereich",
            "gruppengroesse",
            format!("„min“ ({min}) ist größer als „max“ ({max})."),
        );
    }
    let kosten = c.costs("kosten", raw.kosten.as_ref());
    let buchung = raw.buchung.as_ref().map(|b| Booking {
        email: c.email("buchung.email", b.email.as_ref()),
        telefon: c.phone("buchung.telefon", b.telefon.as_ref()),
        web: c.web("buchung.web", b.web.as_ref()),
        vorlauf_tage: b.vorlauf_tage,
    });
    let mut termine = Vec::new();
    for (i, t) in raw
        .termine
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let text = t.as_str().trim();
        let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok());
        match parsed {
            Some(dt) => termine.push(dt),
            None => {
                c.value_error("ungueltiger-termin", &format!("termine[{i}]"), format!("„{text}“ ist kein gültiger Termin."))
                    .hint = Some("Schreiben Sie Termine als Datum und Uhrzeit, z. B. „2027-05-12T09:00“ für den 12. Mai 2027 um 9 Uhr.".into());
            }
        }
    }
    termine.sort();
    termine.dedup();
    let sprachen = c.languages("sprachen", raw.sprachen.as_ref());
    let mut jahreszeiten = raw.jahreszeiten.clone().unwrap_or_default();
    jahreszeiten.sort();
    jahreszeiten.dedup();
    let rendered = c.markdown("text", &loaded.body, Some(loaded.body_line));
    let auszug = markdown::excerpt(&loaded.body, 200);

    let offer = match (titel, place, format, kosten) {
        (Some(titel), Some(place), Some(format), Some(kosten)) if !c.has_errors() => Some(Offer {
            slug: loaded.slug.clone(),
            file: loaded.file.clone(),
            titel,
            place,
            format,
            zielgruppen,
            klassenstufen,
            alter,
            themen,
            bildungsplan,
            dauer_minuten: raw.dauer_minuten,
            gruppengroesse,
            kosten,
            buchung,
            termine,
            sprachen,
            jahreszeiten,
            inhalt_html: rendered.html,
            inhalt_text: markdown::plain_text(&loaded.body),
            auszug,
        }),
        _ => None,
    };
    (offer, c.diags)
}

fn check_range(c: &mut Check, key: &str, r: Range) {
    if let (Some(von), Some(bis)) = (r.von, r.bis)
        && von > bis
    {
        c.value_error(
            "ungueltiger-bereich",
            key,
            format!("„von“ ({von}) ist größer als „bis“ ({bis})."),
        );
    }
}

fn validate_page(loaded: &Loaded<PageFile>, base_path: &str) -> (Option<Page>, Vec<Diagnostic>) {
    let raw = &loaded.record;
    let mut c = Check::new(loaded, base_path);
    if RESERVED_SLUGS.contains(&loaded.slug.as_str()) {
        c.diags.push(
            Diagnostic::error(
                "reservierter-name",
                &loaded.file,
                format!(
                    "Der Seitenname „{}“ ist für lernorte reserviert.",
                    loaded.slug
                ),
            )
            .hint("Benennen Sie die Datei um, z. B. in „info-….md“."),
        );
    }
    let titel = c.required_text("titel", raw.titel.as_ref(), "Über das Netzwerk");
    let rendered = c.markdown("text", &loaded.body, Some(loaded.body_line));
    let page = match titel {
        Some(titel) if !c.has_errors() => Some(Page {
            slug: loaded.slug.clone(),
            file: loaded.file.clone(),
            titel,
            beschreibung: raw.beschreibung.as_ref().and_then(Text::non_empty),
            menue: raw.menue,
            inhalt_html: rendered.html,
        }),
        _ => None,
    };
    (page, c.diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_dates_get_a_rewritten_hint() {
        assert!(german_date_hint("15.09.2026").contains("„2026-09-15“"));
    }
}
