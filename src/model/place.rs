//! A learning place (Lernort): the file format people write and the validated record.

use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::yaml::Text;

/// `places/<slug>.yaml` as written. Every key is optional here so that one missing key does not
/// hide the other problems of the file; required keys are checked in validation.
///
/// The `schemars` descriptions are the German hover help of the exported JSON Schema
/// (`lernorte schema`); which keys are required and the site's vocabularies are added there.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Lernort",
    description = "Ein Lernort des Netzwerks: eine Datei „places/<kürzel>.yaml“. Der Dateiname ist das Kürzel in der Adresse der Seite."
)]
pub struct PlaceFile {
    #[schemars(
        description = "Name des Lernorts, wie er auf der Website erscheint. Pflichtangabe.",
        example = "Jugendfarm Elsental"
    )]
    pub name: Option<Text>,
    #[schemars(
        description = "Art des Lernorts: eine der Kategorien aus site.yaml, als Name oder Kürzel. Pflichtangabe."
    )]
    pub kategorie: Option<Text>,
    #[schemars(
        description = "Wer den Lernort betreibt: Verein, Amt, Schule, Unternehmen.",
        example = "Jugendfarm Elsental e.V."
    )]
    pub traeger: Option<Text>,
    #[schemars(
        description = "Kurzer Text ohne Formatierung für Übersichten, Suchergebnisse und die Karte, höchstens 300 Zeichen. Ausführliches gehört in „beschreibung“. Pflichtangabe.",
        example = "Ein Bauernhof mitten in der Stadt, auf dem Kinder Tiere füttern, Getreide mahlen und Brot backen."
    )]
    pub kurzbeschreibung: Option<Text>,
    #[schemars(
        description = "Ein kurzer Text in Leichter Sprache: kurze Sätze, einfache Wörter, ein Gedanke pro Satz."
    )]
    pub leichte_sprache: Option<Text>,
    #[schemars(
        description = "Ausführliche Beschreibung in Markdown, z. B. **fett**, Listen und [Links](https://…). Für mehrere Zeilen „beschreibung: |“ schreiben und den Text darunter einrücken."
    )]
    pub beschreibung: Option<Text>,
    #[schemars(
        description = "„true“, wenn der Anbieter zu Schulen und Kitas kommt und keinen festen Ort hat. Dann dürfen „bezirk“, „adresse“ und „lage“ fehlen, und der Lernort gilt als stadtweit."
    )]
    pub mobil: Option<bool>,
    #[schemars(
        description = "Stadtbezirk, in dem der Lernort liegt: einer der 23 Stuttgarter Stadtbezirke, als Name oder Kürzel. Er wird mit den Koordinaten unter „lage“ abgeglichen. Pflichtangabe, außer bei „mobil: true“."
    )]
    pub bezirk: Option<Text>,
    #[schemars(
        description = "Anschrift des Lernorts mit „strasse“, „plz“ und „ort“. Pflichtangabe, außer bei „mobil: true“."
    )]
    pub adresse: Option<AddressFile>,
    #[schemars(
        description = "Koordinaten des Lernorts mit „lat“ und „lon“ (WGS84, Dezimalgrad mit Punkt), z. B. aus OpenStreetMap. Sie müssen in Stuttgart liegen. Pflichtangabe, außer bei „mobil: true“."
    )]
    pub lage: Option<LatLonFile>,
    #[schemars(
        description = "Die nächsten Haltestellen von Bus und Bahn, jede mit „haltestelle“ und „linien“."
    )]
    pub oepnv: Option<Vec<StopFile>>,
    #[schemars(
        description = "Themen des Lernorts, mindestens eines: Werte aus site.yaml, als Name oder Kürzel. Pflichtangabe."
    )]
    pub themen: Option<Vec<Text>>,
    #[schemars(
        description = "Für wen der Lernort gedacht ist, mindestens eine Zielgruppe: Werte aus site.yaml, als Name oder Kürzel. Pflichtangabe."
    )]
    pub zielgruppen: Option<Vec<Text>>,
    #[schemars(
        description = "Was ein Besuch kostet: „frei“ (true oder false) und ein „hinweis“. Pflichtangabe."
    )]
    pub kosten: Option<CostsFile>,
    #[schemars(
        description = "Zugänglichkeit für Menschen mit Behinderung: „rollstuhl“, „wc“ und ein „hinweis“."
    )]
    pub barrierefreiheit: Option<AccessFile>,
    #[schemars(
        description = "Sprachen, in denen Angebote möglich sind, als zweistellige Sprachcodes nach ISO 639-1.",
        example = ["de", "en", "tr"]
    )]
    pub sprachen: Option<Vec<Text>>,
    #[schemars(
        description = "Wann der Lernort besucht werden kann: ganzjaehrig, fruehling, sommer, herbst, winter."
    )]
    pub jahreszeiten: Option<Vec<Season>>,
    #[schemars(
        description = "Öffnungszeiten als Text.",
        example = "Di–Fr 14–18 Uhr, Sa 10–16 Uhr"
    )]
    pub oeffnungszeiten: Option<Text>,
    #[schemars(description = "Kontakt für Anfragen: „web“, „email“, „telefon“ und „person“.")]
    pub kontakt: Option<ContactFile>,
    #[schemars(
        description = "Bilder des Lernorts, jedes mit „datei“ und „alt“ (Pflicht) sowie „credit“ und „lizenz“. Die Dateien liegen im Ordner „static/“."
    )]
    pub bilder: Option<Vec<ImageFile>>,
    #[schemars(
        description = "Nachhaltigkeitsziele der Vereinten Nationen (SDGs), zu denen der Lernort beiträgt, als Nummern von 1 bis 17.",
        example = [4, 15]
    )]
    pub sdgs: Option<Vec<u8>>,
    #[schemars(
        description = "Wann die Angaben zuletzt geprüft wurden, als Jahr-Monat-Tag. Länger nicht geprüfte Einträge werden markiert. Pflichtangabe.",
        example = "2026-05-31"
    )]
    pub geprueft_am: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Anschrift des Lernorts.")]
pub struct AddressFile {
    #[schemars(
        description = "Straße und Hausnummer. Pflichtangabe.",
        example = "Musterweg 1"
    )]
    pub strasse: Option<Text>,
    #[schemars(
        description = "Fünfstellige Postleitzahl. Pflichtangabe.",
        example = "70173"
    )]
    pub plz: Option<Text>,
    #[schemars(
        description = "Ort; ohne Angabe gilt „Stuttgart“.",
        example = &"Stuttgart"
    )]
    pub ort: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Koordinaten in Dezimalgrad (WGS84), mit Punkt geschrieben.")]
pub struct LatLonFile {
    #[schemars(
        description = "Geografische Breite in Dezimalgrad, in Stuttgart etwa 48,7. Mit Punkt schreiben. Pflichtangabe.",
        example = 48.7758
    )]
    pub lat: Option<f64>,
    #[schemars(
        description = "Geografische Länge in Dezimalgrad, in Stuttgart etwa 9,2. Mit Punkt schreiben. Pflichtangabe.",
        example = 9.1829
    )]
    pub lon: Option<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Eine Haltestelle von Bus oder Bahn in der Nähe.")]
pub struct StopFile {
    #[schemars(
        description = "Name der Haltestelle. Pflichtangabe.",
        example = "Stuttgart Hauptbahnhof"
    )]
    pub haltestelle: Option<Text>,
    #[schemars(
        description = "Linien, die an der Haltestelle halten.",
        example = ["U5", "U6"]
    )]
    pub linien: Option<Vec<Text>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Was die Teilnahme kostet.")]
pub struct CostsFile {
    #[schemars(
        description = "„true“, wenn die Teilnahme kostenlos ist, sonst „false“. Pflichtangabe."
    )]
    pub frei: Option<bool>,
    #[schemars(
        description = "Preise, Ermäßigungen oder Bedingungen.",
        example = "4 € pro Kind, Begleitpersonen frei"
    )]
    pub hinweis: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Zugänglichkeit für Menschen mit Behinderung.")]
pub struct AccessFile {
    #[schemars(
        description = "Ob der Lernort mit dem Rollstuhl zugänglich ist: ja, teilweise, nein oder unbekannt."
    )]
    pub rollstuhl: Option<Wheelchair>,
    #[schemars(description = "„true“, wenn es ein rollstuhlgerechtes WC gibt.")]
    pub wc: Option<bool>,
    #[schemars(
        description = "Weitere Hinweise zur Barrierefreiheit.",
        example = "Stufenloser Zugang über den Hof; die Ställe sind über Kieswege erreichbar."
    )]
    pub hinweis: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Kontakt für Anfragen.")]
pub struct ContactFile {
    #[schemars(
        description = "Webadresse, beginnend mit „https://“.",
        example = "https://www.example.org/"
    )]
    pub web: Option<Text>,
    #[schemars(description = "E-Mail-Adresse.", example = "info@example.org")]
    pub email: Option<Text>,
    #[schemars(description = "Telefonnummer mit Vorwahl.", example = "0711 123456-0")]
    pub telefon: Option<Text>,
    #[schemars(description = "Ansprechperson.", example = "Erika Mustermann")]
    pub person: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ein Bild.")]
pub struct ImageFile {
    #[schemars(
        description = "Pfad der Bilddatei im Ordner „static/“. Pflichtangabe.",
        example = "bilder/hof.jpg"
    )]
    pub datei: Option<Text>,
    #[schemars(
        description = "Alternativtext: beschreibt in einem Satz, was auf dem Bild zu sehen ist. Blinde Menschen bekommen ihn vorgelesen. Pflichtangabe.",
        example = "Kinder füttern Ziegen im Stall"
    )]
    pub alt: Option<Text>,
    #[schemars(
        description = "Bildnachweis: wer das Bild gemacht hat.",
        example = "Foto: Erika Mustermann"
    )]
    pub credit: Option<Text>,
    #[schemars(description = "Lizenz des Bildes.", example = "CC BY 4.0")]
    pub lizenz: Option<Text>,
}

/// Step-free access.
///
/// serde also accepts the capitalised spellings; the schema lists them too, so that it accepts
/// what the parser accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(
    description = "Zugänglichkeit mit dem Rollstuhl.",
    extend("enum" = ["ja", "teilweise", "nein", "unbekannt", "Ja", "Teilweise", "Nein", "Unbekannt"])
)]
pub enum Wheelchair {
    #[serde(alias = "Ja")]
    Ja,
    #[serde(alias = "Teilweise")]
    Teilweise,
    #[serde(alias = "Nein")]
    Nein,
    #[serde(alias = "Unbekannt")]
    Unbekannt,
}

impl Wheelchair {
    pub fn slug(self) -> &'static str {
        match self {
            Wheelchair::Ja => "ja",
            Wheelchair::Teilweise => "teilweise",
            Wheelchair::Nein => "nein",
            Wheelchair::Unbekannt => "unbekannt",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Wheelchair::Ja => "rollstuhlgerecht",
            Wheelchair::Teilweise => "teilweise rollstuhlgerecht",
            Wheelchair::Nein => "nicht rollstuhlgerecht",
            Wheelchair::Unbekannt => "Zugänglichkeit für Rollstühle unbekannt",
        }
    }
}

/// Seasons in which a place or offer is available.
///
/// The schema lists every spelling serde accepts, aliases included.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(
    description = "Eine Jahreszeit.",
    extend("enum" = [
        "ganzjaehrig", "fruehling", "sommer", "herbst", "winter",
        "ganzjährig", "Ganzjährig", "Ganzjaehrig", "frühling", "Frühling", "Fruehling",
        "Sommer", "Herbst", "Winter"
    ])
)]
pub enum Season {
    #[serde(alias = "ganzjährig", alias = "Ganzjährig", alias = "Ganzjaehrig")]
    Ganzjaehrig,
    #[serde(alias = "frühling", alias = "Frühling", alias = "Fruehling")]
    Fruehling,
    #[serde(alias = "Sommer")]
    Sommer,
    #[serde(alias = "Herbst")]
    Herbst,
    #[serde(alias = "Winter")]
    Winter,
}

impl Season {
    pub fn slug(self) -> &'static str {
        match self {
            Season::Ganzjaehrig => "ganzjaehrig",
            Season::Fruehling => "fruehling",
            Season::Sommer => "sommer",
            Season::Herbst => "herbst",
            Season::Winter => "winter",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Season::Ganzjaehrig => "ganzjährig",
            Season::Fruehling => "Frühling",
            Season::Sommer => "Sommer",
            Season::Herbst => "Herbst",
            Season::Winter => "Winter",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub strasse: String,
    pub plz: String,
    pub ort: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub haltestelle: String,
    pub linien: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    pub frei: bool,
    pub hinweis: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    pub rollstuhl: Wheelchair,
    pub wc: Option<bool>,
    pub hinweis: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub web: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub person: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub datei: String,
    pub alt: String,
    pub credit: Option<String>,
    pub lizenz: Option<String>,
}

/// A validated place. Vocabulary values are indexes into the site's vocabularies.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub slug: String,
    pub file: PathBuf,
    pub name: String,
    pub kategorie: usize,
    pub traeger: Option<String>,
    pub kurzbeschreibung: String,
    pub leichte_sprache: Option<String>,
    pub beschreibung_html: String,
    /// The description as plain text, for the search index.
    pub beschreibung_text: String,
    pub mobil: bool,
    pub bezirk: Option<usize>,
    pub adresse: Option<Address>,
    pub lage: Option<LatLon>,
    pub oepnv: Vec<Stop>,
    pub themen: Vec<usize>,
    pub zielgruppen: Vec<usize>,
    pub kosten: Costs,
    pub barrierefreiheit: Option<Access>,
    pub sprachen: Vec<String>,
    pub jahreszeiten: Vec<Season>,
    pub oeffnungszeiten: Option<String>,
    pub kontakt: Option<Contact>,
    pub bilder: Vec<Image>,
    pub sdgs: Vec<u8>,
    pub geprueft_am: NaiveDate,
}

impl Place {
    pub fn rollstuhl(&self) -> Wheelchair {
        self.barrierefreiheit
            .as_ref()
            .map_or(Wheelchair::Unbekannt, |a| a.rollstuhl)
    }
}
