//! The open data below `/daten/`: every place as CSV and JSON, every offer as JSON, and what
//! the page `/daten/` says about them (the files, their fields, licence, and the DCAT-AP.de
//! metadata of the data set, also as JSON-LD).
//!
//! The field descriptions live next to the code that writes the fields, and the page is built
//! from them, so the documentation cannot drift from the files.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::feed::{FEED, FEED_LIMIT};
use super::geojson_out::PROPERTIES as GEOJSON_PROPERTIES;
use super::ics::{OFFERS_ICS, offer_ics_path};
use super::{PLACES_GEOJSON, absolute};
use crate::coverage::{self, Coverage};
use crate::format;
use crate::model::offer::Offer;
use crate::model::place::Place;
use crate::model::{Site, Taxonomy};
use crate::render::jsonld::{berlin_offset, offer_url, place_url, to_script_json};
use crate::render::views::Views;

pub const PLACES_CSV: &str = "daten/lernorte.csv";
pub const PLACES_JSON: &str = "daten/lernorte.json";
pub const OFFERS_JSON: &str = "daten/angebote.json";
pub const COVERAGE_CSV: &str = crate::coverage::CSV_PATH;
/// The page that describes the data.
pub const PAGE: &str = "daten/";

/// The newest check date of any place: the data's "as of" date. Offers have no date of
/// their own (see `feed::updated`), so this is the date for both files.
fn as_of(site: &Site) -> Option<NaiveDate> {
    site.places.iter().map(|p| p.geprueft_am).max()
}

fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nein" }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// The columns of `lernorte.csv`, in order, with what they hold.
pub const CSV_COLUMNS: [(&str, &str); 23] = [
    (
        "kuerzel",
        "Kürzel des Lernorts; eindeutig und Teil der Adresse seiner Seite.",
    ),
    ("name", "Name des Lernorts."),
    ("kategorie", "Art des Lernorts, z. B. „Museum“ oder „Wald“."),
    (
        "traeger",
        "Wer den Lernort betreibt; leer, wenn nicht angegeben.",
    ),
    (
        "bezirk",
        "Stuttgarter Stadtbezirk; leer bei mobilen Angeboten ohne festen Ort.",
    ),
    ("strasse", "Straße und Hausnummer; leer ohne festen Ort."),
    ("plz", "Postleitzahl; leer ohne festen Ort."),
    ("ort", "Ort; leer ohne festen Ort."),
    (
        "lat",
        "Geografische Breite in Dezimalgrad (WGS 84), mit Dezimalkomma; leer ohne festen Ort.",
    ),
    (
        "lon",
        "Geografische Länge in Dezimalgrad (WGS 84), mit Dezimalkomma; leer ohne festen Ort.",
    ),
    (
        "mobil",
        "„ja“, wenn der Anbieter zu Kitas und Schulen kommt (stadtweit), sonst „nein“.",
    ),
    ("themen", "Themen, durch Komma und Leerzeichen getrennt."),
    (
        "zielgruppen",
        "Zielgruppen, durch Komma und Leerzeichen getrennt.",
    ),
    (
        "kostenlos",
        "„ja“, wenn der Besuch kostenlos ist, sonst „nein“.",
    ),
    (
        "kosten_hinweis",
        "Preise, Ermäßigungen oder Bedingungen als Text.",
    ),
    (
        "rollstuhl",
        "Zugänglichkeit mit dem Rollstuhl: „ja“, „teilweise“, „nein“ oder „unbekannt“.",
    ),
    (
        "wc",
        "„ja“ oder „nein“: ob es ein rollstuhlgerechtes WC gibt; leer, wenn unbekannt.",
    ),
    (
        "sprachen",
        "Sprachen, in denen Angebote möglich sind, als Codes nach ISO 639-1 (z. B. „de, en“).",
    ),
    ("web", "Website des Lernorts."),
    ("email", "E-Mail-Adresse für Anfragen."),
    ("telefon", "Telefonnummer für Anfragen."),
    ("url", "Adresse der Seite des Lernorts auf dieser Website."),
    (
        "geprueft_am",
        "Wann die Angaben zuletzt geprüft wurden (Jahr-Monat-Tag).",
    ),
];

/// A decimal number as German spreadsheets read it.
fn decimal_comma(x: f64) -> String {
    x.to_string().replace('.', ",")
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula. A cell that
/// starts so gets an apostrophe in front, which they show as text. Phone numbers ("+49 …")
/// and negative numbers are left alone: they are not formulas to a spreadsheet.
fn spreadsheet_safe(cell: String) -> String {
    let mut chars = cell.chars();
    let risky = match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => chars
            .next()
            .is_some_and(|c| !(c.is_ascii_digit() || c == ' ')),
        _ => false,
    };
    if risky { format!("'{cell}") } else { cell }
}

fn place_row(site: &Site, views: &Views, p: &Place) -> [String; 23] {
    let names = |t: Taxonomy, indexes: &[usize]| -> String {
        indexes
            .iter()
            .map(|&i| views.term(t, i).name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
    let adresse = p.adresse.as_ref();
    let kontakt = p.kontakt.as_ref();
    [
        p.slug.clone(),
        p.name.clone(),
        views.term(Taxonomy::Kategorien, p.kategorie).name,
        opt(p.traeger.as_ref()),
        p.bezirk
            .map(|b| views.term(Taxonomy::Bezirke, b).name)
            .unwrap_or_default(),
        opt(adresse.map(|a| &a.strasse)),
        opt(adresse.map(|a| &a.plz)),
        opt(adresse.map(|a| &a.ort)),
        p.lage.map(|l| decimal_comma(l.lat)).unwrap_or_default(),
        p.lage.map(|l| decimal_comma(l.lon)).unwrap_or_default(),
        yes_no(p.mobil).into(),
        names(Taxonomy::Themen, &p.themen),
        names(Taxonomy::Zielgruppen, &p.zielgruppen),
        yes_no(p.kosten.frei).into(),
        opt(p.kosten.hinweis.as_ref()),
        p.rollstuhl().slug().into(),
        p.barrierefreiheit
            .as_ref()
            .and_then(|a| a.wc)
            .map(|wc| yes_no(wc).to_string())
            .unwrap_or_default(),
        p.sprachen.join(", "),
        opt(kontakt.and_then(|k| k.web.as_ref())),
        opt(kontakt.and_then(|k| k.email.as_ref())),
        opt(kontakt.and_then(|k| k.telefon.as_ref())),
        place_url(site, p),
        p.geprueft_am.to_string(),
    ]
}

/// UTF-8 with a byte order mark, `;` between fields and CRLF line ends: what spreadsheet
/// programs with German settings open without an import dialog.
pub(super) fn places_csv(site: &Site) -> Vec<u8> {
    let views = Views::new(site);
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    // Writing into memory fails only when out of memory; a half-written file would still be
    // better than no build, and `csv` reports no other error for a Vec.
    let _ = w.write_record(CSV_COLUMNS.map(|(name, _)| name));
    for p in &site.places {
        let _ = w.write_record(place_row(site, &views, p).map(spreadsheet_safe));
    }
    let _ = w.flush();
    drop(w);
    out
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// The keys around the records of both JSON files.
pub const JSON_META_FIELDS: [(&str, &str); 7] = [
    ("titel", "Titel der Datei."),
    ("herausgeber", "Wer die Daten veröffentlicht."),
    ("lizenz", "Lizenz der Daten."),
    ("lizenz_url", "Adresse des Lizenztextes."),
    ("quelle", "Adresse der Seite, die die Daten beschreibt."),
    (
        "stand",
        "Stand der Daten: das jüngste Prüfdatum eines Lernorts (Jahr-Monat-Tag).",
    ),
    ("anzahl", "Anzahl der Einträge in der Liste."),
];

/// The keys of one place in `lernorte.json`.
pub const PLACE_FIELDS: [(&str, &str); 25] = [
    (
        "kuerzel",
        "Kürzel des Lernorts; eindeutig und Teil der Adresse seiner Seite.",
    ),
    ("name", "Name des Lernorts."),
    ("url", "Adresse der Seite des Lernorts auf dieser Website."),
    ("kategorie", "Art des Lernorts: {kuerzel, name}."),
    ("traeger", "Wer den Lernort betreibt, oder null."),
    ("kurzbeschreibung", "Kurzer Text ohne Formatierung."),
    ("leichte_sprache", "Text in Leichter Sprache, oder null."),
    (
        "beschreibung",
        "Ausführliche Beschreibung als reiner Text (ohne Formatierung).",
    ),
    (
        "mobil",
        "true, wenn der Anbieter zu Kitas und Schulen kommt (stadtweit).",
    ),
    (
        "bezirk",
        "Stadtbezirk {kuerzel, name}, oder null ohne festen Ort.",
    ),
    (
        "adresse",
        "Anschrift {strasse, plz, ort}, oder null ohne festen Ort.",
    ),
    (
        "lage",
        "Koordinaten {lat, lon} in Dezimalgrad (WGS 84), oder null.",
    ),
    (
        "oepnv",
        "Nächste Haltestellen: Liste von {haltestelle, linien}.",
    ),
    ("themen", "Themen: Liste von {kuerzel, name}."),
    ("zielgruppen", "Zielgruppen: Liste von {kuerzel, name}."),
    (
        "kosten",
        "Kosten {frei, hinweis}; frei ist true, wenn der Besuch kostenlos ist.",
    ),
    (
        "barrierefreiheit",
        "{rollstuhl, wc, hinweis}, oder null; rollstuhl ist „ja“, „teilweise“, „nein“ oder „unbekannt“, wc true, false oder null.",
    ),
    ("sprachen", "Sprachen als Codes nach ISO 639-1."),
    (
        "jahreszeiten",
        "Wann der Lernort besucht werden kann: ganzjaehrig, fruehling, sommer, herbst, winter.",
    ),
    ("oeffnungszeiten", "Öffnungszeiten als Text, oder null."),
    (
        "kontakt",
        "{web, email, telefon}, oder null. Namen von Ansprechpersonen werden nicht exportiert.",
    ),
    ("bilder", "Bilder: Liste von {url, alt, credit, lizenz}."),
    (
        "sdgs",
        "Nummern der Nachhaltigkeitsziele der Vereinten Nationen (1 bis 17).",
    ),
    (
        "geprueft_am",
        "Wann die Angaben zuletzt geprüft wurden (Jahr-Monat-Tag).",
    ),
    (
        "angebote",
        "Kürzel der Angebote dieses Lernorts (siehe angebote.json).",
    ),
];

/// The keys of one offer in `angebote.json`.
pub const OFFER_FIELDS: [(&str, &str); 22] = [
    (
        "kuerzel",
        "Kürzel des Angebots; eindeutig und Teil der Adresse seiner Seite.",
    ),
    ("titel", "Titel des Angebots."),
    ("url", "Adresse der Seite des Angebots auf dieser Website."),
    (
        "lernort",
        "Der Lernort {kuerzel, name, url} (siehe lernorte.json).",
    ),
    (
        "format",
        "Art des Angebots {kuerzel, name}, z. B. Führung oder Workshop.",
    ),
    ("zielgruppen", "Zielgruppen: Liste von {kuerzel, name}."),
    (
        "klassenstufen",
        "{von, bis} (1 bis 13; eines davon kann null sein), oder null.",
    ),
    ("alter", "Alter in Jahren {von, bis}, oder null."),
    (
        "themen",
        "Themen: Liste von {kuerzel, name}; ohne eigene die des Lernorts.",
    ),
    (
        "bildungsplan",
        "Leitperspektiven des Bildungsplans 2016 Baden-Württemberg: Liste von {kuerzel, name}.",
    ),
    ("dauer_minuten", "Dauer in Minuten, oder null."),
    (
        "gruppengroesse",
        "{min, max} Teilnehmende (eines davon kann null sein), oder null.",
    ),
    (
        "kosten",
        "Kosten {frei, hinweis}; frei ist true, wenn die Teilnahme kostenlos ist.",
    ),
    ("buchung", "{email, telefon, web, vorlauf_tage}, oder null."),
    (
        "termine",
        "Feste Termine: Liste von Beginn-Zeitpunkten nach ISO 8601 mit Abstand zu UTC (Ortszeit Stuttgart), früheste zuerst. Leer: nach Vereinbarung.",
    ),
    (
        "nach_vereinbarung",
        "true, wenn es keine festen Termine gibt.",
    ),
    ("sprachen", "Sprachen als Codes nach ISO 639-1."),
    (
        "jahreszeiten",
        "Wann das Angebot stattfindet: ganzjaehrig, fruehling, sommer, herbst, winter.",
    ),
    ("auszug", "Anfang der Beschreibung als kurzer reiner Text."),
    (
        "beschreibung",
        "Beschreibung als reiner Text (ohne Formatierung).",
    ),
    (
        "kalender",
        "Adresse der Termine als iCalendar-Datei (.ics), oder null ohne Termine.",
    ),
    (
        "geprueft_am",
        "Wann der Lernort des Angebots zuletzt geprüft wurde (Jahr-Monat-Tag).",
    ),
];

#[derive(Serialize)]
struct Meta {
    titel: String,
    herausgeber: String,
    lizenz: String,
    lizenz_url: String,
    quelle: String,
    stand: Option<String>,
    anzahl: usize,
}

fn meta(site: &Site, titel: String, anzahl: usize) -> Meta {
    let d = &site.config.daten;
    Meta {
        titel,
        herausgeber: d.herausgeber.clone(),
        lizenz: d.lizenz.clone(),
        lizenz_url: d.lizenz_url.clone(),
        quelle: absolute(site, PAGE),
        stand: as_of(site).map(|d| d.to_string()),
        anzahl,
    }
}

#[derive(Serialize)]
struct TermRec {
    kuerzel: String,
    name: String,
}

fn term(views: &Views, t: Taxonomy, i: usize) -> TermRec {
    let link = views.term(t, i);
    TermRec {
        kuerzel: link.slug,
        name: link.name,
    }
}

fn terms(views: &Views, t: Taxonomy, indexes: &[usize]) -> Vec<TermRec> {
    indexes.iter().map(|&i| term(views, t, i)).collect()
}

#[derive(Serialize)]
struct AddressRec<'a> {
    strasse: &'a str,
    plz: &'a str,
    ort: &'a str,
}

#[derive(Serialize)]
struct LatLonRec {
    lat: f64,
    lon: f64,
}

#[derive(Serialize)]
struct StopRec<'a> {
    haltestelle: &'a str,
    linien: &'a [String],
}

#[derive(Serialize)]
struct CostsRec<'a> {
    frei: bool,
    hinweis: Option<&'a str>,
}

#[derive(Serialize)]
struct AccessRec<'a> {
    rollstuhl: &'static str,
    wc: Option<bool>,
    hinweis: Option<&'a str>,
}

#[derive(Serialize)]
struct ContactRec<'a> {
    web: Option<&'a str>,
    email: Option<&'a str>,
    telefon: Option<&'a str>,
}

#[derive(Serialize)]
struct ImageRec<'a> {
    url: String,
    alt: &'a str,
    credit: Option<&'a str>,
    lizenz: Option<&'a str>,
}

#[derive(Serialize)]
struct PlaceRec<'a> {
    kuerzel: &'a str,
    name: &'a str,
    url: String,
    kategorie: TermRec,
    traeger: Option<&'a str>,
    kurzbeschreibung: &'a str,
    leichte_sprache: Option<&'a str>,
    beschreibung: &'a str,
    mobil: bool,
    bezirk: Option<TermRec>,
    adresse: Option<AddressRec<'a>>,
    lage: Option<LatLonRec>,
    oepnv: Vec<StopRec<'a>>,
    themen: Vec<TermRec>,
    zielgruppen: Vec<TermRec>,
    kosten: CostsRec<'a>,
    barrierefreiheit: Option<AccessRec<'a>>,
    sprachen: &'a [String],
    jahreszeiten: Vec<&'static str>,
    oeffnungszeiten: Option<&'a str>,
    kontakt: Option<ContactRec<'a>>,
    bilder: Vec<ImageRec<'a>>,
    sdgs: &'a [u8],
    geprueft_am: String,
    angebote: Vec<&'a str>,
}

#[derive(Serialize)]
struct PlacesFile<'a> {
    #[serde(flatten)]
    meta: Meta,
    lernorte: Vec<PlaceRec<'a>>,
}

fn place_rec<'a>(site: &'a Site, views: &Views, i: usize) -> PlaceRec<'a> {
    let p = &site.places[i];
    PlaceRec {
        kuerzel: &p.slug,
        name: &p.name,
        url: place_url(site, p),
        kategorie: term(views, Taxonomy::Kategorien, p.kategorie),
        traeger: p.traeger.as_deref(),
        kurzbeschreibung: &p.kurzbeschreibung,
        leichte_sprache: p.leichte_sprache.as_deref(),
        beschreibung: &p.beschreibung_text,
        mobil: p.mobil,
        bezirk: p.bezirk.map(|b| term(views, Taxonomy::Bezirke, b)),
        adresse: p.adresse.as_ref().map(|a| AddressRec {
            strasse: &a.strasse,
            plz: &a.plz,
            ort: &a.ort,
        }),
        lage: p.lage.map(|l| LatLonRec {
            lat: l.lat,
            lon: l.lon,
        }),
        oepnv: p
            .oepnv
            .iter()
            .map(|s| StopRec {
                haltestelle: &s.haltestelle,
                linien: &s.linien,
            })
            .collect(),
        themen: terms(views, Taxonomy::Themen, &p.themen),
        zielgruppen: terms(views, Taxonomy::Zielgruppen, &p.zielgruppen),
        kosten: CostsRec {
            frei: p.kosten.frei,
            hinweis: p.kosten.hinweis.as_deref(),
        },
        barrierefreiheit: p.barrierefreiheit.as_ref().map(|a| AccessRec {
            rollstuhl: a.rollstuhl.slug(),
            wc: a.wc,
            hinweis: a.hinweis.as_deref(),
        }),
        sprachen: &p.sprachen,
        jahreszeiten: p.jahreszeiten.iter().map(|s| s.slug()).collect(),
        oeffnungszeiten: p.oeffnungszeiten.as_deref(),
        // The contact person's name stays on the page; a bulk export of names is not needed
        // to reach a place, and the e-mail address and phone number are the organisation's.
        kontakt: p.kontakt.as_ref().map(|k| ContactRec {
            web: k.web.as_deref(),
            email: k.email.as_deref(),
            telefon: k.telefon.as_deref(),
        }),
        bilder: p
            .bilder
            .iter()
            .map(|b| ImageRec {
                url: absolute(site, &b.datei),
                alt: &b.alt,
                credit: b.credit.as_deref(),
                lizenz: b.lizenz.as_deref(),
            })
            .collect(),
        sdgs: &p.sdgs,
        geprueft_am: p.geprueft_am.to_string(),
        angebote: site.offers_by_place[i]
            .iter()
            .map(|&o| site.offers[o].slug.as_str())
            .collect(),
    }
}

pub(super) fn places_json(site: &Site) -> String {
    let views = Views::new(site);
    let file = PlacesFile {
        meta: meta(
            site,
            format!("Lernorte – {}", site.config.titel),
            site.places.len(),
        ),
        lernorte: (0..site.places.len())
            .map(|i| place_rec(site, &views, i))
            .collect(),
    };
    to_json(&file)
}

#[derive(Serialize)]
struct PlaceRef<'a> {
    kuerzel: &'a str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct RangeRec {
    von: Option<u8>,
    bis: Option<u8>,
}

#[derive(Serialize)]
struct GroupRec {
    min: Option<u32>,
    max: Option<u32>,
}

#[derive(Serialize)]
struct BookingRec<'a> {
    email: Option<&'a str>,
    telefon: Option<&'a str>,
    web: Option<&'a str>,
    vorlauf_tage: Option<u32>,
}

#[derive(Serialize)]
struct PerspectiveRec {
    kuerzel: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct OfferRec<'a> {
    kuerzel: &'a str,
    titel: &'a str,
    url: String,
    lernort: PlaceRef<'a>,
    format: TermRec,
    zielgruppen: Vec<TermRec>,
    klassenstufen: Option<RangeRec>,
    alter: Option<RangeRec>,
    themen: Vec<TermRec>,
    bildungsplan: Vec<PerspectiveRec>,
    dauer_minuten: Option<u32>,
    gruppengroesse: Option<GroupRec>,
    kosten: CostsRec<'a>,
    buchung: Option<BookingRec<'a>>,
    termine: Vec<String>,
    nach_vereinbarung: bool,
    sprachen: &'a [String],
    jahreszeiten: Vec<&'static str>,
    auszug: &'a str,
    beschreibung: &'a str,
    kalender: Option<String>,
    geprueft_am: String,
}

#[derive(Serialize)]
struct OffersFile<'a> {
    #[serde(flatten)]
    meta: Meta,
    angebote: Vec<OfferRec<'a>>,
}

fn offer_rec<'a>(site: &'a Site, views: &Views, o: &'a Offer) -> OfferRec<'a> {
    let place = &site.places[o.place];
    let format = site.config.formate.get(o.format);
    OfferRec {
        kuerzel: &o.slug,
        titel: &o.titel,
        url: offer_url(site, o),
        lernort: PlaceRef {
            kuerzel: &place.slug,
            name: &place.name,
            url: place_url(site, place),
        },
        format: TermRec {
            kuerzel: format.slug.clone(),
            name: format.name.clone(),
        },
        zielgruppen: terms(views, Taxonomy::Zielgruppen, &o.zielgruppen),
        klassenstufen: o.klassenstufen.map(|r| RangeRec {
            von: r.von,
            bis: r.bis,
        }),
        alter: o.alter.map(|r| RangeRec {
            von: r.von,
            bis: r.bis,
        }),
        themen: terms(views, Taxonomy::Themen, &o.themen),
        bildungsplan: o
            .bildungsplan
            .iter()
            .map(|l| PerspectiveRec {
                kuerzel: l.code(),
                name: l.name(),
            })
            .collect(),
        dauer_minuten: o.dauer_minuten,
        gruppengroesse: o.gruppengroesse.map(|(min, max)| GroupRec { min, max }),
        kosten: CostsRec {
            frei: o.kosten.frei,
            hinweis: o.kosten.hinweis.as_deref(),
        },
        buchung: o.buchung.as_ref().map(|b| BookingRec {
            email: b.email.as_deref(),
            telefon: b.telefon.as_deref(),
            web: b.web.as_deref(),
            vorlauf_tage: b.vorlauf_tage,
        }),
        // With the offset, so that a reader needs no time zone rules to place a date.
        termine: o
            .termine
            .iter()
            .map(|t| format!("{}{}", t.format("%Y-%m-%dT%H:%M:%S"), berlin_offset(*t)))
            .collect(),
        nach_vereinbarung: o.termine.is_empty(),
        sprachen: &o.sprachen,
        jahreszeiten: o.jahreszeiten.iter().map(|s| s.slug()).collect(),
        auszug: &o.auszug,
        beschreibung: &o.inhalt_text,
        kalender: (!o.termine.is_empty()).then(|| absolute(site, &offer_ics_path(&o.slug))),
        geprueft_am: place.geprueft_am.to_string(),
    }
}

pub(super) fn offers_json(site: &Site) -> String {
    let views = Views::new(site);
    let file = OffersFile {
        meta: meta(
            site,
            format!("Angebote – {}", site.config.titel),
            site.offers.len(),
        ),
        angebote: site
            .offers
            .iter()
            .map(|o| offer_rec(site, &views, o))
            .collect(),
    };
    to_json(&file)
}

fn to_json(value: &impl Serialize) -> String {
    // Serializing these plain structs into a String cannot fail (no maps with non-string
    // keys, no failing Serialize impls).
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------
// The page /daten/ and the DCAT-AP.de metadata
// ---------------------------------------------------------------------------------------------

/// The municipality key (Amtlicher Gemeindeschlüssel) of Stuttgart, for DCAT-AP.de's
/// political geocoding: the districts built into lernorte are Stuttgart's.
const STUTTGART_AGS: &str = "08111000";

#[derive(Serialize)]
pub struct FieldView {
    pub name: String,
    pub inhalt: String,
}

fn fields(list: &[(&str, &str)]) -> Vec<FieldView> {
    list.iter()
        .map(|&(name, inhalt)| FieldView {
            name: name.into(),
            inhalt: inhalt.into(),
        })
        .collect()
}

/// One file of the data set (a DCAT distribution).
#[derive(Serialize)]
pub struct FileView {
    /// Anchor of its section on the page.
    pub id: &'static str,
    /// File name, as the link text.
    pub name: String,
    pub titel: &'static str,
    pub beschreibung: String,
    /// Link on the page (with `base_path`).
    pub pfad: String,
    /// Absolute download URL.
    pub url: String,
    pub format: &'static str,
    pub medientyp: &'static str,
    /// "40 Lernorte", "112 Termine"
    pub umfang: String,
    /// What the fields' table is titled, e.g. "Spalten"; empty when `felder` is.
    pub felder_titel: &'static str,
    pub felder: Vec<FieldView>,
    #[serde(skip)]
    format_uri: Option<&'static str>,
}

#[derive(Serialize)]
pub struct DateText {
    pub iso: String,
    pub text: String,
}

impl DateText {
    fn new(d: NaiveDate) -> Self {
        DateText {
            iso: d.to_string(),
            text: format::date(d),
        }
    }
}

/// What `daten.html` shows.
#[derive(Serialize)]
pub struct DataPage {
    pub titel: String,
    pub beschreibung: String,
    pub herausgeber: String,
    pub email: Option<String>,
    pub lizenz: String,
    pub lizenz_url: String,
    /// The attribution the licence asks for.
    pub quellenvermerk: String,
    pub veroeffentlicht_am: Option<DateText>,
    pub stand: Option<DateText>,
    pub raum: &'static str,
    pub sprache: &'static str,
    pub kategorien: Vec<&'static str>,
    pub schlagwoerter: Vec<String>,
    pub dateien: Vec<FileView>,
    /// The DCAT JSON-LD, ready for a `<script type="application/ld+json">`.
    pub jsonld: String,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// DCAT-AP.de names licences by its own URIs; the Datenlizenz Deutschland ones are known here,
/// any other licence is named by its own address.
fn licence_uri(url: &str) -> &str {
    match url.trim_end_matches('/') {
        "https://www.govdata.de/dl-de/by-2-0" | "http://www.govdata.de/dl-de/by-2-0" => {
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        }
        "https://www.govdata.de/dl-de/zero-2-0" | "http://www.govdata.de/dl-de/zero-2-0" => {
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"
        }
        _ => url,
    }
}

const EU_FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";

fn file_views(site: &Site) -> Vec<FileView> {
    let base_path = &site.config.base_path;
    let places = site.places.len();
    let offers = site.offers.len();
    let located = site.places.iter().filter(|p| p.lage.is_some()).count();
    let dates: usize = site.offers.iter().map(|o| o.termine.len()).sum();
    let with_dates = site.offers.iter().filter(|o| !o.termine.is_empty()).count();
    let file = |path: &str| (format!("{base_path}{path}"), absolute(site, path));
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let mut out = Vec::new();
    let (pfad, url) = file(PLACES_CSV);
    out.push(FileView {
        id: "lernorte-csv",
        name: name(PLACES_CSV),
        titel: "Lernorte als Tabelle",
        beschreibung: "Alle Lernorte, eine Zeile je Lernort, zum Öffnen in einer Tabellenkalkulation. UTF-8 mit Byte Order Mark, Felder durch Semikolon getrennt, Zeilenende CRLF, Texte mit Semikolon, Anführungszeichen oder Zeilenumbruch in doppelten Anführungszeichen. Zellen, die mit „=“, „+“, „-“ oder „@“ beginnen würden, stehen mit einem Apostroph davor, damit Tabellenprogramme sie nicht als Formel ausführen.".into(),
        pfad,
        url,
        format: "CSV",
        medientyp: "text/csv",
        umfang: plural(places, "Lernort", "Lernorte"),
        felder_titel: "Spalten",
        felder: fields(&CSV_COLUMNS),
        format_uri: Some("CSV"),
    });
    let (pfad, url) = file(PLACES_JSON);
    out.push(FileView {
        id: "lernorte-json",
        name: name(PLACES_JSON),
        titel: "Lernorte als JSON",
        beschreibung: format!(
            "Alle Angaben zu allen Lernorten, für Programme. Ein Objekt mit den Schlüsseln {} und der Liste „lernorte“. Fehlende Angaben sind null oder eine leere Liste.",
            JSON_META_FIELDS.map(|(k, _)| format!("„{k}“")).join(", ")
        ),
        pfad,
        url,
        format: "JSON",
        medientyp: "application/json",
        umfang: plural(places, "Lernort", "Lernorte"),
        felder_titel: "Felder eines Lernorts",
        felder: fields(&PLACE_FIELDS),
        format_uri: Some("JSON"),
    });
    let (pfad, url) = file(OFFERS_JSON);
    out.push(FileView {
        id: "angebote-json",
        name: name(OFFERS_JSON),
        titel: "Angebote als JSON",
        beschreibung: "Alle Angebote mit Lernort, Zielgruppen, Kosten und Terminen, für Programme. Aufgebaut wie lernorte.json, mit der Liste „angebote“.".into(),
        pfad,
        url,
        format: "JSON",
        medientyp: "application/json",
        umfang: plural(offers, "Angebot", "Angebote"),
        felder_titel: "Felder eines Angebots",
        felder: fields(&OFFER_FIELDS),
        format_uri: Some("JSON"),
    });
    let (pfad, url) = file(PLACES_GEOJSON);
    out.push(FileView {
        id: "lernorte-geojson",
        name: name(PLACES_GEOJSON),
        titel: "Lernorte als GeoJSON",
        beschreibung: "Die Lernorte mit Koordinaten als Punkte (GeoJSON nach RFC 7946, Koordinaten als [Länge, Breite] in WGS 84), zum Laden in ein Geoinformationssystem oder eine Karte. Mobile Angebote ohne festen Ort fehlen hier.".into(),
        pfad,
        url,
        format: "GeoJSON",
        medientyp: "application/geo+json",
        umfang: plural(located, "Lernort", "Lernorte"),
        felder_titel: "Eigenschaften (properties) eines Punkts",
        felder: fields(&GEOJSON_PROPERTIES),
        format_uri: Some("GEOJSON"),
    });
    let (pfad, url) = file(OFFERS_ICS);
    out.push(FileView {
        id: "angebote-ics",
        name: name(OFFERS_ICS),
        titel: "Termine als Kalender",
        beschreibung: format!(
            "Alle festen Termine aller Angebote als iCalendar-Datei (RFC 5545) zum Abonnieren oder Importieren in ein Kalenderprogramm; jeder Termin ist ein Ereignis in Ortszeit (Europe/Berlin). Jedes Angebot mit Terminen hat außerdem eine eigene Datei „termine.ics“ neben seiner Seite ({} Angebote).",
            with_dates
        ),
        pfad,
        url,
        format: "iCalendar",
        medientyp: "text/calendar",
        umfang: plural(dates, "Termin", "Termine"),
        felder_titel: "Angaben eines Termins",
        felder: fields(&[
            ("SUMMARY", "Titel des Angebots."),
            ("DESCRIPTION", "Anfang der Beschreibung, Lernort und Adresse der Seite."),
            ("DTSTART", "Beginn in Ortszeit (Europe/Berlin)."),
            ("DTEND", "Ende, wenn die Dauer bekannt ist."),
            ("LOCATION", "Lernort und Anschrift, bei mobilen Angeboten „stadtweit“."),
            ("GEO", "Koordinaten des Lernorts, wenn bekannt."),
            ("URL", "Adresse der Seite des Angebots."),
            ("CATEGORIES", "Format und Themen des Angebots."),
            ("UID", "Bleibt gleich, solange sich Angebot und Beginn nicht ändern."),
        ]),
        format_uri: None,
    });
    // The coverage table is advertised only where its page is (site.yaml `abdeckung`).
    if site.config.abdeckung.oeffentlich {
        let (pfad, url) = file(COVERAGE_CSV);
        let coverage = Coverage::of(site);
        let mut felder = fields(&coverage::CSV_KEY_COLUMNS);
        felder.extend(coverage.measures().into_iter().map(|m| FieldView {
            inhalt: format!("{} {}", m.name, m.description),
            name: m.key,
        }));
        out.push(FileView {
            id: "abdeckung-csv",
            name: name(COVERAGE_CSV),
            titel: "Abdeckung nach Stadtbezirken",
            beschreibung: format!(
                "Anzahl der Lernorte und Angebote in jedem der 23 Stadtbezirke, auch kostenlose, je Zielgruppe, rollstuhlgerechte, in anderen Sprachen und mit Terminen in den nächsten {} Tagen (Stichtag: Tag der Veröffentlichung). Mobile Anbieter kommen in jeden Bezirk und sind in jeder Bezirkszeile mitgezählt; die Zeile „mobil“ zeigt sie allein, die Zeile „gesamt“ zählt jeden Lernort und jedes Angebot einmal. Dieselben Zahlen zeigt die Seite „Abdeckung nach Stadtbezirken“ als Tabelle und Karte. Format wie lernorte.csv.",
                coverage::DATED_WINDOW_DAYS
            ),
            pfad,
            url,
            format: "CSV",
            medientyp: "text/csv",
            umfang: format!("{} Stadtbezirke", coverage.districts.len()),
            felder_titel: "Spalten",
            felder,
            format_uri: Some("CSV"),
        });
    }
    let (pfad, url) = file(FEED);
    out.push(FileView {
        id: "feed",
        name: name(FEED),
        titel: "Angebote als Feed",
        beschreibung: format!("Die neuesten {FEED_LIMIT} Angebote als Atom-Feed (RFC 4287) für Feedreader, zuletzt geprüfte zuerst. Als Datum eines Eintrags gilt, wann sein Lernort zuletzt geprüft wurde."),
        pfad,
        url,
        format: "Atom",
        medientyp: "application/atom+xml",
        umfang: plural(offers.min(FEED_LIMIT), "Angebot", "Angebote"),
        felder_titel: "",
        felder: Vec::new(),
        format_uri: None,
    });
    out
}

/// The page's view, with the metadata also as DCAT JSON-LD.
pub fn page(site: &Site) -> DataPage {
    let c = &site.config;
    let d = &c.daten;
    let titel = format!("Lernorte und Angebote – {}", c.titel);
    let beschreibung = format!(
        "Die außerschulischen Lernorte für Natur, Umwelt und nachhaltige Entwicklung in Stuttgart ({}) und ihre Angebote für Kitas, Schulen und Familien ({}): Lage, Themen, Zielgruppen, Kosten, Barrierefreiheit, Kontakt und Termine.",
        plural(site.places.len(), "Lernort", "Lernorte"),
        plural(site.offers.len(), "Angebot", "Angebote"),
    );
    let mut schlagwoerter: Vec<String> = vec![
        "Umweltbildung".into(),
        "Bildung für nachhaltige Entwicklung".into(),
        "außerschulische Lernorte".into(),
        "Stuttgart".into(),
    ];
    schlagwoerter.extend(c.themen.terms.iter().map(|t| t.name.clone()));
    let stand = as_of(site);
    let page_url = absolute(site, PAGE);
    let quellenvermerk = format!(
        "{}{}, {} ({}), {page_url}",
        d.herausgeber,
        stand
            .map(|s| format!(" ({})", s.format("%Y")))
            .unwrap_or_default(),
        d.lizenz,
        d.lizenz_url
    );
    let dateien = file_views(site);
    let licence = licence_uri(&d.lizenz_url);
    let date = |day: NaiveDate| json!({"@value": day.to_string(), "@type": "xsd:date"});
    let mut dataset = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "locn": "http://www.w3.org/ns/locn#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"
        },
        "@id": format!("{page_url}#datensatz"),
        "@type": "dcat:Dataset",
        "dct:identifier": page_url,
        "dct:title": {"@value": titel, "@language": "de"},
        "dct:description": {"@value": beschreibung, "@language": "de"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": d.herausgeber, "foaf:homepage": {"@id": c.base_url}},
        "dct:license": {"@id": licence},
        "dcatde:licenseAttributionByText": quellenvermerk,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dct:spatial": {"@type": "dct:Location", "skos:prefLabel": {"@value": "Stuttgart", "@language": "de"}},
        "dcatde:politicalGeocodingURI": {"@id": format!("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{STUTTGART_AGS}")},
        "dcatde:politicalGeocodingLevelURI": {"@id": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"},
        "dcat:theme": [
            {"@id": "http://publications.europa.eu/resource/authority/data-theme/EDUC"},
            {"@id": "http://publications.europa.eu/resource/authority/data-theme/ENVI"}
        ],
        "dcat:keyword": schlagwoerter,
        "dcat:landingPage": {"@id": page_url},
        "dcat:distribution": dateien.iter().map(|f| {
            let mut dist = json!({
                "@type": "dcat:Distribution",
                "@id": format!("{page_url}#{}", f.id),
                "dct:title": {"@value": format!("{} ({})", f.titel, f.name), "@language": "de"},
                "dct:description": {"@value": f.beschreibung, "@language": "de"},
                "dcat:accessURL": {"@id": page_url},
                "dcat:downloadURL": {"@id": f.url},
                "dcat:mediaType": {"@id": format!("https://www.iana.org/assignments/media-types/{}", f.medientyp)},
                "dct:license": {"@id": licence},
            });
            if let Some(t) = f.format_uri {
                dist["dct:format"] = json!({"@id": format!("{EU_FILE_TYPE}{t}")});
            }
            if let Some(s) = stand {
                dist["dct:modified"] = date(s);
            }
            dist
        }).collect::<Vec<Value>>(),
    });
    if let Some(email) = &d.email {
        dataset["dcat:contactPoint"] = json!({
            "@type": "vcard:Organization",
            "vcard:fn": d.herausgeber,
            "vcard:hasEmail": {"@id": format!("mailto:{email}")}
        });
    }
    if let Some(issued) = d.veroeffentlicht_am {
        dataset["dct:issued"] = date(issued);
    }
    if let Some(s) = stand {
        dataset["dct:modified"] = date(s);
    }
    DataPage {
        titel,
        beschreibung,
        herausgeber: d.herausgeber.clone(),
        email: d.email.clone(),
        lizenz: d.lizenz.clone(),
        lizenz_url: d.lizenz_url.clone(),
        quellenvermerk,
        veroeffentlicht_am: d.veroeffentlicht_am.map(DateText::new),
        stand: stand.map(DateText::new),
        raum: "Stuttgart",
        sprache: "Deutsch",
        kategorien: vec!["Bildung, Kultur und Sport", "Umwelt"],
        schlagwoerter,
        dateien,
        jsonld: to_script_json(&dataset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_defused_and_phone_numbers_kept() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(1)".into()), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_safe("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-cmd|x".into()), "'-cmd|x");
        assert_eq!(spreadsheet_safe("+49 711 1234".into()), "+49 711 1234");
        assert_eq!(spreadsheet_safe("-5".into()), "-5");
        assert_eq!(spreadsheet_safe("Wald".into()), "Wald");
        assert_eq!(spreadsheet_safe(String::new()), "");
    }

    #[test]
    fn coordinates_get_a_decimal_comma() {
        assert_eq!(decimal_comma(48.7784), "48,7784");
        assert_eq!(decimal_comma(9.0), "9");
    }

    #[test]
    fn known_licences_get_their_dcat_ap_de_uri() {
        assert_eq!(
            licence_uri("https://www.govdata.de/dl-de/by-2-0"),
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        );
        assert_eq!(
            licence_uri("https://creativecommons.org/licenses/by/4.0/"),
            "https://creativecommons.org/licenses/by/4.0/"
        );
    }
}
