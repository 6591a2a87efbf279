//! `lernorte check`: everything the build validates, without writing anything, plus editorial
//! findings that are warnings, not errors: records not checked for a long time, places that
//! look like duplicates, places without offers, offers whose dates are all past, phone numbers
//! not in a German format, images that are too large.
//!
//! The editorial checks look at the validated site and point back into the files through
//! their source maps, so every finding has a file, line and key like the build's own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Months, NaiveDate};

use crate::diagnostics::{self, Diagnostic, Sources};
use crate::load::{Loaded, LoadedFiles};
use crate::model::Site;
use crate::model::place::{LatLon, Place};
use crate::{BuildError, BuildOptions, render};

/// A record whose `geprueft_am` is older than this is flagged.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// Two places closer than this are probably the same place entered twice.
pub const TOO_CLOSE_METRES: f64 = 25.0;

/// Images larger than this make pages slow on a phone.
pub const LARGE_IMAGE_BYTES: u64 = 500 * 1024;

/// The outcome of a check.
pub struct Checked {
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// Places not checked for more than `STALE_AFTER_MONTHS`, oldest first.
    pub stale: Vec<StaleRecord>,
    pub places: usize,
    pub offers: usize,
}

/// A place whose record is due for a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleRecord {
    pub file: PathBuf,
    pub name: String,
    pub checked_on: NaiveDate,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the site at `options.root` the way `build` does, without writing output, and adds
/// the editorial warnings. Fails only when the folder is not a site at all.
pub fn check(options: &BuildOptions) -> Result<Checked, BuildError> {
    let validated = crate::load_and_validate(options)?;
    let has_errors = validated.has_errors();
    let mut diags = validated.diagnostics;
    let mut stale = Vec::new();
    let (mut places, mut offers) = (0, 0);
    if let Some(site) = &validated.site {
        places = site.places.len();
        offers = site.offers.len();
        let positions = Positions::new(&validated.files);
        stale = stale_records(site, options.today);
        diags.extend(editorial(site, &positions, &options.root, options.today));
        // Templates fail only when rendered; a clean check promises a clean build.
        if !has_errors
            && let Some(theme) = &validated.theme
            && let Err(mut d) = render::render_site(site, theme, &options.root)
        {
            diags.append(&mut d);
        }
    }
    diagnostics::sort(&mut diags);
    Ok(Checked {
        diagnostics: diags,
        sources: validated.sources,
        stale,
        places,
        offers,
    })
}

/// Finds the position of a key in a record's file.
struct Positions<'a> {
    places: HashMap<&'a str, &'a Loaded<crate::model::place::PlaceFile>>,
    offers: HashMap<&'a str, &'a Loaded<crate::model::offer::OfferFile>>,
}

impl<'a> Positions<'a> {
    fn new(files: &'a LoadedFiles) -> Self {
        Positions {
            places: files
                .places
                .iter()
                .map(|l| (l.slug.as_str(), &**l))
                .collect(),
            offers: files
                .offers
                .iter()
                .map(|l| (l.slug.as_str(), &**l))
                .collect(),
        }
    }

    fn place(&self, place: &Place, key: &str) -> Option<diagnostics::Position> {
        let map = &self.places.get(place.slug.as_str())?.map;
        map.value_position(key).or_else(|| map.key_position(key))
    }

    /// The key itself rather than its value, for findings about a whole mapping.
    fn place_key(&self, place: &Place, key: &str) -> Option<diagnostics::Position> {
        self.places.get(place.slug.as_str())?.map.key_position(key)
    }

    fn offer(&self, slug: &str, key: &str) -> Option<diagnostics::Position> {
        let map = &self.offers.get(slug)?.map;
        map.value_position(key).or_else(|| map.key_position(key))
    }
}

fn stale_records(site: &Site, today: NaiveDate) -> Vec<StaleRecord> {
    let Some(limit) = today.checked_sub_months(Months::new(STALE_AFTER_MONTHS)) else {
        return Vec::new();
    };
    let mut stale: Vec<StaleRecord> = site
        .places
        .iter()
        .filter(|p| p.geprueft_am < limit)
        .map(|p| StaleRecord {
            file: p.file.clone(),
            name: p.name.clone(),
            checked_on: p.geprueft_am,
        })
        .collect();
    stale.sort_by(|a, b| a.checked_on.cmp(&b.checked_on).then(a.file.cmp(&b.file)));
    stale
}

fn editorial(site: &Site, at: &Positions, root: &Path, today: NaiveDate) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for record in stale_records(site, today) {
        let place = site.places.iter().find(|p| p.file == record.file);
        let months = months_between(record.checked_on, today);
        found.push(
            Diagnostic::warning(
                "pruefung-veraltet",
                &record.file,
                format!(
                    "Dieser Eintrag wurde zuletzt am {} geprüft, vor {months} Monaten.",
                    record.checked_on.format("%d.%m.%Y")
                ),
            )
            .at(place.and_then(|p| at.place(p, "geprueft_am")))
            .key("geprueft_am")
            .hint(format!(
                "Prüfen Sie alle Angaben (Öffnungszeiten, Kontakt, Kosten) und setzen Sie dann „geprueft_am: {today}“."
            )),
        );
    }
    found.extend(same_names(site, at));
    found.extend(too_close(site, at));
    for (place, offers) in site.places.iter().zip(&site.offers_by_place) {
        if offers.is_empty() {
            found.push(
                Diagnostic::warning(
                    "ohne-angebote",
                    &place.file,
                    format!("Für „{}“ gibt es kein Angebot.", place.name),
                )
                .at(at.place(place, "name"))
                .key("name")
                .hint(format!(
                    "Legen Sie ein Angebot an, z. B. mit „lernorte new offer <kuerzel> --place {}“.",
                    place.slug
                )),
            );
        }
    }
    for offer in &site.offers {
        let Some(last) = offer.termine.iter().max() else {
            continue;
        };
        if last.date() < today {
            found.push(
                Diagnostic::warning(
                    "termine-vorbei",
                    &offer.file,
                    format!(
                        "Alle Termine dieses Angebots liegen in der Vergangenheit (der letzte am {}).",
                        last.format("%d.%m.%Y")
                    ),
                )
                .at(at.offer(&offer.slug, "termine"))
                .key("termine")
                .hint(
                    "Tragen Sie neue Termine ein, oder löschen Sie „termine“, wenn das Angebot nach Vereinbarung stattfindet.",
                ),
            );
        }
    }
    for place in &site.places {
        if let Some(phone) = place.kontakt.as_ref().and_then(|k| k.telefon.as_deref())
            && let Some(problem) = german_phone_problem(phone)
        {
            found.push(
                Diagnostic::warning("telefon-format", &place.file, problem)
                    .at(at.place(place, "kontakt.telefon"))
                    .key("kontakt.telefon")
                    .hint("Schreiben Sie die Nummer mit Vorwahl, z. B. „0711 123456-0“ oder „+49 711 123456-0“."),
            );
        }
        for (i, image) in place.bilder.iter().enumerate() {
            let key = format!("bilder[{i}].datei");
            let Ok(meta) = std::fs::metadata(root.join("static").join(&image.datei)) else {
                continue; // a missing image is already reported by validation
            };
            if meta.len() > LARGE_IMAGE_BYTES {
                found.push(
                    Diagnostic::warning(
                        "bild-zu-gross",
                        &place.file,
                        format!(
                            "Das Bild „{}“ ist {} KB groß; Seiten mit großen Bildern laden auf dem Handy langsam.",
                            image.datei,
                            meta.len() / 1024
                        ),
                    )
                    .at(at.place(place, &key))
                    .key(key)
                    .hint(format!(
                        "Verkleinern Sie das Bild auf höchstens {} KB, z. B. auf 1600 Pixel Breite als JPEG.",
                        LARGE_IMAGE_BYTES / 1024
                    )),
                );
            }
        }
    }
    found
}

/// Whole calendar months from `from` to `to` (0 if `to` is earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    u32::try_from(index(to) - index(from)).unwrap_or(0)
}

/// Places with the same name (ignoring case and spacing) are reported at every place after
/// the first, naming the first.
fn same_names(site: &Site, at: &Positions) -> Vec<Diagnostic> {
    let mut first: HashMap<String, &Place> = HashMap::new();
    let mut by_file: Vec<&Place> = site.places.iter().map(|p| &**p).collect();
    by_file.sort_by(|a, b| a.file.cmp(&b.file));
    let mut found = Vec::new();
    for place in by_file {
        let key = place
            .name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match first.get(&key) {
            Some(earlier) => found.push(
                Diagnostic::warning(
                    "doppelter-name",
                    &place.file,
                    format!(
                        "„{}“ heißt genauso wie der Lernort in {}.",
                        place.name,
                        earlier.file.display()
                    ),
                )
                .at(at.place(place, "name"))
                .key("name")
                .hint("Ist das derselbe Ort? Dann führen Sie die beiden Dateien zusammen; sonst machen Sie die Namen unterscheidbar, z. B. mit dem Stadtteil."),
            ),
            None => {
                first.insert(key, place);
            }
        }
    }
    found
}

/// Pairs of places closer than `TOO_CLOSE_METRES`, reported at the later file of each pair.
/// Sorted by latitude, each place is only compared with the few that follow within the
/// distance, so this stays fast for ten thousand places.
fn too_close(site: &Site, at: &Positions) -> Vec<Diagnostic> {
    let mut located: Vec<(&Place, LatLon)> = site
        .places
        .iter()
        .filter_map(|p| p.lage.map(|l| (&**p, l)))
        .collect();
    located.sort_by(|a, b| a.1.lat.total_cmp(&b.1.lat));
    // One degree of latitude is about 111 km everywhere.
    let window = TOO_CLOSE_METRES / 111_000.0;
    let mut found = Vec::new();
    for (i, (a, la)) in located.iter().enumerate() {
        for (b, lb) in located[i + 1..].iter() {
            if lb.lat - la.lat > window {
                break;
            }
            let metres = distance_metres(*la, *lb);
            if metres < TOO_CLOSE_METRES {
                let (earlier, later) = if a.file <= b.file { (a, b) } else { (b, a) };
                found.push(
                    Diagnostic::warning(
                        "zu-nah",
                        &later.file,
                        format!(
                            "„{}“ liegt nur {} m von „{}“ ({}) entfernt.",
                            later.name,
                            metres.round(),
                            earlier.name,
                            earlier.file.display()
                        ),
                    )
                    .at(at.place_key(later, "lage"))
                    .key("lage")
                    .hint("Ist das derselbe Ort? Dann führen Sie die beiden Dateien zusammen; sonst prüfen Sie die Koordinaten."),
                );
            }
        }
    }
    found
}

/// Great-circle distance (haversine); exact enough at a city's scale.
fn distance_metres(a: LatLon, b: LatLon) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_000.0;
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// Why a phone number that passed validation does not look German, if it does not: German
/// numbers start with a `0` area code or with `+49` / `0049`.
fn german_phone_problem(phone: &str) -> Option<String> {
    let compact: String = phone.chars().filter(|c| !" -/()".contains(*c)).collect();
    if compact.starts_with("+49") || compact.starts_with("0049") {
        return None;
    }
    if compact.starts_with('+') || compact.starts_with("00") {
        return Some(format!(
            "„{phone}“ ist keine deutsche Nummer; Anrufe dorthin kosten Auslandsgebühren."
        ));
    }
    if !compact.starts_with('0') {
        return Some(format!("„{phone}“ hat keine Vorwahl."));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_metres_on_the_ground() {
        // Schlossplatz to the Neues Schloss entrance, about 120 m north-east.
        let a = LatLon {
            lat: 48.7784,
            lon: 9.1800,
        };
        let b = LatLon {
            lat: 48.7794,
            lon: 9.1809,
        };
        let d = distance_metres(a, b);
        assert!((125.0..135.0).contains(&d), "{d}");
        assert_eq!(distance_metres(a, a), 0.0);
    }

    #[test]
    fn german_phone_numbers() {
        assert_eq!(german_phone_problem("0711 123456-0"), None);
        assert_eq!(german_phone_problem("+49 711 123456"), None);
        assert_eq!(german_phone_problem("0049 (711) 123456"), None);
        assert!(german_phone_problem("+43 1 234567").is_some());
        assert!(german_phone_problem("0033 1 234567").is_some());
        assert!(german_phone_problem("123456").is_some());
    }

    #[test]
    fn months_are_calendar_months() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(months_between(d(2025, 5, 31), d(2026, 6, 1)), 13);
        assert_eq!(months_between(d(2026, 6, 1), d(2026, 6, 1)), 0);
        assert_eq!(months_between(d(2027, 1, 1), d(2026, 6, 1)), 0);
    }
}
