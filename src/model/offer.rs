//! An offer (Angebot): the front matter people write and the validated record.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::place::{Costs, CostsFile, Season};
use crate::yaml::Text;

/// The front matter of `content/angebote/<slug>.md` as written.
///
/// The `schemars` descriptions are the German hover help of the exported JSON Schema
/// (`lernorte schema`); which keys are required and the site's vocabularies are added there.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Angebot",
    description = "Der Vorspann eines Angebots in „content/angebote/<kürzel>.md“: die Angaben zwischen den beiden Zeilen „---“. Danach folgt die Beschreibung in Markdown."
)]
pub struct OfferFile {
    #[schemars(
        description = "Titel des Angebots. Pflichtangabe.",
        example = "Vom Korn zum Brot"
    )]
    pub titel: Option<Text>,
    #[schemars(
        description = "Der Lernort, zu dem das Angebot gehört: sein Dateiname in „places/“ ohne „.yaml“. Pflichtangabe.",
        example = "stadtteilbauernhof-bad-cannstatt"
    )]
    pub lernort: Option<Text>,
    #[schemars(
        description = "Art des Angebots: eines der Formate aus site.yaml, als Name oder Kürzel. Pflichtangabe."
    )]
    pub format: Option<Text>,
    #[schemars(
        description = "Für wen das Angebot gedacht ist, mindestens eine Zielgruppe: Werte aus site.yaml, als Name oder Kürzel. Pflichtangabe."
    )]
    pub zielgruppen: Option<Vec<Text>>,
    #[schemars(
        description = "Für welche Klassenstufen das Angebot passt, mit „von“ und „bis“ (1 bis 13)."
    )]
    pub klassenstufen: Option<RangeFile>,
    #[schemars(
        description = "Für welches Alter das Angebot passt, mit „von“ und „bis“ in Jahren."
    )]
    pub alter: Option<RangeFile>,
    #[schemars(
        description = "Themen des Angebots: Werte aus site.yaml, als Name oder Kürzel. Ohne Angabe gelten die Themen des Lernorts."
    )]
    pub themen: Option<Vec<Text>>,
    #[schemars(
        description = "Leitperspektiven des Bildungsplans 2016 Baden-Württemberg: BNE (Bildung für nachhaltige Entwicklung), BTV (Toleranz und Akzeptanz von Vielfalt), PG (Prävention und Gesundheitsförderung), BO (Berufliche Orientierung), MB (Medienbildung), VB (Verbraucherbildung).",
        example = ["BNE", "VB"]
    )]
    pub bildungsplan: Option<Vec<Leitperspektive>>,
    #[schemars(
        description = "Dauer in Minuten, als ganze Zahl.",
        example = 90,
        range(min = 1)
    )]
    pub dauer_minuten: Option<u32>,
    #[schemars(description = "Wie viele Personen teilnehmen können, mit „min“ und „max“.")]
    pub gruppengroesse: Option<GroupSizeFile>,
    #[schemars(
        description = "Was die Teilnahme kostet: „frei“ (true oder false) und ein „hinweis“. Pflichtangabe."
    )]
    pub kosten: Option<CostsFile>,
    #[schemars(
        description = "Wie man das Angebot bucht: „email“, „telefon“, „web“ und „vorlauf_tage“."
    )]
    pub buchung: Option<BookingFile>,
    #[schemars(
        description = "Feste Termine als Datum und Uhrzeit, z. B. „2027-05-12T09:00“ für den 12. Mai 2027 um 9 Uhr. Ohne Termine gilt das Angebot „nach Vereinbarung“.",
        example = ["2027-05-12T09:00"]
    )]
    pub termine: Option<Vec<Text>>,
    #[schemars(
        description = "Sprachen, in denen das Angebot möglich ist, als zweistellige Sprachcodes nach ISO 639-1.",
        example = ["de", "en"]
    )]
    pub sprachen: Option<Vec<Text>>,
    #[schemars(
        description = "Wann das Angebot stattfindet: ganzjaehrig, fruehling, sommer, herbst, winter."
    )]
    pub jahreszeiten: Option<Vec<Season>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ein Bereich von … bis (jeweils einschließlich).")]
pub struct RangeFile {
    #[schemars(description = "Untergrenze (einschließlich).")]
    pub von: Option<u8>,
    #[schemars(description = "Obergrenze (einschließlich).")]
    pub bis: Option<u8>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Wie viele Personen teilnehmen können.")]
pub struct GroupSizeFile {
    #[schemars(description = "Mindestzahl der Teilnehmenden.", example = 8)]
    pub min: Option<u32>,
    #[schemars(description = "Höchstzahl der Teilnehmenden.", example = 28)]
    pub max: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Wie man das Angebot bucht.")]
pub struct BookingFile {
    #[schemars(
        description = "E-Mail-Adresse für Buchungen.",
        example = "buchung@example.org"
    )]
    pub email: Option<Text>,
    #[schemars(
        description = "Telefonnummer für Buchungen, mit Vorwahl.",
        example = "0711 123456-1"
    )]
    pub telefon: Option<Text>,
    #[schemars(
        description = "Webadresse eines Buchungsformulars, beginnend mit „https://“.",
        example = "https://www.example.org/buchen"
    )]
    pub web: Option<Text>,
    #[schemars(
        description = "Wie viele Tage vorher gebucht werden muss.",
        example = 14
    )]
    pub vorlauf_tage: Option<u32>,
}

/// Leitperspektiven of the Baden-Württemberg Bildungsplan 2016.
///
/// The schema lists every spelling serde accepts, aliases included.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[schemars(
    description = "Eine Leitperspektive des Bildungsplans 2016.",
    extend("enum" = ["BNE", "BTV", "PG", "BO", "MB", "VB", "bne", "btv", "pg", "bo", "mb", "vb"])
)]
pub enum Leitperspektive {
    #[serde(alias = "bne")]
    BNE,
    #[serde(alias = "btv")]
    BTV,
    #[serde(alias = "pg")]
    PG,
    #[serde(alias = "bo")]
    BO,
    #[serde(alias = "mb")]
    MB,
    #[serde(alias = "vb")]
    VB,
}

impl Leitperspektive {
    pub fn code(self) -> &'static str {
        match self {
            Leitperspektive::BNE => "BNE",
            Leitperspektive::BTV => "BTV",
            Leitperspektive::PG => "PG",
            Leitperspektive::BO => "BO",
            Leitperspektive::MB => "MB",
            Leitperspektive::VB => "VB",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Leitperspektive::BNE => "Bildung für nachhaltige Entwicklung",
            Leitperspektive::BTV => "Bildung für Toleranz und Akzeptanz von Vielfalt",
            Leitperspektive::PG => "Prävention und Gesundheitsförderung",
            Leitperspektive::BO => "Berufliche Orientierung",
            Leitperspektive::MB => "Medienbildung",
            Leitperspektive::VB => "Verbraucherbildung",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub von: Option<u8>,
    pub bis: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Booking {
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub web: Option<String>,
    pub vorlauf_tage: Option<u32>,
}

/// A validated offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub slug: String,
    pub file: PathBuf,
    pub titel: String,
    /// Index into `Site::places`.
    pub place: usize,
    pub format: usize,
    pub zielgruppen: Vec<usize>,
    pub klassenstufen: Option<Range>,
    pub alter: Option<Range>,
    /// The offer's topics, or the place's when the offer names none.
    pub themen: Vec<usize>,
    pub bildungsplan: Vec<Leitperspektive>,
    pub dauer_minuten: Option<u32>,
    pub gruppengroesse: Option<(Option<u32>, Option<u32>)>,
    pub kosten: Costs,
    pub buchung: Option<Booking>,
    /// Sorted, earliest first.
    pub termine: Vec<NaiveDateTime>,
    pub sprachen: Vec<String>,
    pub jahreszeiten: Vec<Season>,
    pub inhalt_html: String,
    /// The description as plain text, for the search index.
    pub inhalt_text: String,
    /// Plain text from the start of the description, for cards.
    pub auszug: String,
}
