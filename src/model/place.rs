//! A learning place (Lernort): the file format people write and the validated record.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::yaml::Text;

/// `places/<slug>.yaml` as written. Every key is optional here so that one missing key does not
/// hide the other problems of the file; required keys are checked in validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceFile {
    pub name: Option<Text>,
    pub kategorie: Option<Text>,
    pub traeger: Option<Text>,
    pub kurzbeschreibung: Option<Text>,
    pub leichte_sprache: Option<Text>,
    pub beschreibung: Option<Text>,
    pub mobil: Option<bool>,
    pub bezirk: Option<Text>,
    pub adresse: Option<AddressFile>,
    pub lage: Option<LatLonFile>,
    pub oepnv: Option<Vec<StopFile>>,
    pub themen: Option<Vec<Text>>,
    pub zielgruppen: Option<Vec<Text>>,
    pub kosten: Option<CostsFile>,
    pub barrierefreiheit: Option<AccessFile>,
    pub sprachen: Option<Vec<Text>>,
    pub jahreszeiten: Option<Vec<Season>>,
    pub oeffnungszeiten: Option<Text>,
    pub kontakt: Option<ContactFile>,
    pub bilder: Option<Vec<ImageFile>>,
    pub sdgs: Option<Vec<u8>>,
    pub geprueft_am: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressFile {
    pub strasse: Option<Text>,
    pub plz: Option<Text>,
    pub ort: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatLonFile {
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopFile {
    pub haltestelle: Option<Text>,
    pub linien: Option<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostsFile {
    pub frei: Option<bool>,
    pub hinweis: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessFile {
    pub rollstuhl: Option<Wheelchair>,
    pub wc: Option<bool>,
    pub hinweis: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFile {
    pub web: Option<Text>,
    pub email: Option<Text>,
    pub telefon: Option<Text>,
    pub person: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageFile {
    pub datei: Option<Text>,
    pub alt: Option<Text>,
    pub credit: Option<Text>,
    pub lizenz: Option<Text>,
}

/// Step-free access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
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
