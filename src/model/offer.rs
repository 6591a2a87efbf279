//! An offer (Angebot): the front matter people write and the validated record.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::model::place::{Costs, CostsFile, Season};
use crate::yaml::Text;

/// The front matter of `content/angebote/<slug>.md` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferFile {
    pub titel: Option<Text>,
    pub lernort: Option<Text>,
    pub format: Option<Text>,
    pub zielgruppen: Option<Vec<Text>>,
    pub klassenstufen: Option<RangeFile>,
    pub alter: Option<RangeFile>,
    pub themen: Option<Vec<Text>>,
    pub bildungsplan: Option<Vec<Leitperspektive>>,
    pub dauer_minuten: Option<u32>,
    pub gruppengroesse: Option<GroupSizeFile>,
    pub kosten: Option<CostsFile>,
    pub buchung: Option<BookingFile>,
    pub termine: Option<Vec<Text>>,
    pub sprachen: Option<Vec<Text>>,
    pub jahreszeiten: Option<Vec<Season>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeFile {
    pub von: Option<u8>,
    pub bis: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSizeFile {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingFile {
    pub email: Option<Text>,
    pub telefon: Option<Text>,
    pub web: Option<Text>,
    pub vorlauf_tage: Option<u32>,
}

/// Leitperspektiven of the Baden-Württemberg Bildungsplan 2016.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
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
