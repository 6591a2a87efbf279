//! The network's coverage of the city (`lernorte report`, the page `/netzwerk/abdeckung/`
//! and `daten/abdeckung.csv`): for each of the 23 Stadtbezirke how many places and offers
//! there are, how many are free, for which audiences, step-free, in other languages than
//! German, and with dates soon; and for each audience the districts without a free offer.
//!
//! One pure computation from the validated [`Site`] feeds all three outputs, so the command
//! line, the page and the CSV cannot disagree. Mobile providers (`mobil: true`) come to every
//! district: they count in every district's row and have a row of their own.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::diagnostics::{self, Diagnostic};
use crate::model::Site;
use crate::model::place::{Place, Wheelchair};
use crate::model::vocab::Vocabulary;
use crate::{BuildError, BuildOptions, format};

/// Where the page is, below `base_path`.
pub const PAGE: &str = "netzwerk/abdeckung/";

/// The CSV of the table, below the output root.
pub const CSV_PATH: &str = "daten/abdeckung.csv";

/// Offers with a date within this many days from `today` (today included) count as dated.
pub const DATED_WINDOW_DAYS: u64 = 90;

/// The name of the row of mobile providers.
pub const MOBILE_ROW: &str = "mobil / stadtweit";

/// The name of the row for the whole city.
pub const TOTAL_ROW: &str = "Stuttgart gesamt";

/// One audience's offers in a row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AudienceCounts {
    pub offers: usize,
    pub free: usize,
}

/// The numbers of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub places: usize,
    /// Places with a fixed location in the district: without the mobile providers.
    pub places_on_site: usize,
    pub offers: usize,
    pub free_offers: usize,
    /// In the order of [`Coverage::audiences`].
    pub audiences: Vec<AudienceCounts>,
    /// Places with `rollstuhl: ja`.
    pub step_free_places: usize,
    /// Offers that name a language other than German.
    pub other_language_offers: usize,
    /// Offers with a date from `today` to [`Coverage::dates_until`].
    pub dated_offers: usize,
}

impl Counts {
    fn new(audiences: usize) -> Self {
        Counts {
            audiences: vec![AudienceCounts::default(); audiences],
            ..Counts::default()
        }
    }

    fn add(&mut self, other: &Counts) {
        self.places += other.places;
        self.places_on_site += other.places_on_site;
        self.offers += other.offers;
        self.free_offers += other.free_offers;
        for (a, b) in self.audiences.iter_mut().zip(&other.audiences) {
            a.offers += b.offers;
            a.free += b.free;
        }
        self.step_free_places += other.step_free_places;
        self.other_language_offers += other.other_language_offers;
        self.dated_offers += other.dated_offers;
    }

    /// The numbers in the order of [`Coverage::measures`].
    pub fn values(&self) -> Vec<usize> {
        let mut v = vec![
            self.places,
            self.places_on_site,
            self.offers,
            self.free_offers,
        ];
        for a in &self.audiences {
            v.push(a.offers);
            v.push(a.free);
        }
        v.extend([
            self.step_free_places,
            self.other_language_offers,
            self.dated_offers,
        ]);
        v
    }
}

/// One line of the table: a district, the mobile providers or the whole city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The district's slug, or `mobil` / `gesamt`.
    pub slug: String,
    /// The district's official number ("01" … "23"); `None` for the other rows.
    pub nr: Option<String>,
    pub name: String,
    pub counts: Counts,
}

/// An audience, as the vocabulary names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audience {
    #[serde(rename = "kuerzel")]
    pub slug: String,
    pub name: String,
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Stable key: CSV column, JSON field, `data-kennzahl` on the page.
    #[serde(rename = "kuerzel")]
    pub key: String,
    /// Full name, e.g. "Kostenlose Angebote für Kita".
    pub name: String,
    /// The header above several columns, e.g. "Angebote für Kita".
    #[serde(rename = "gruppe")]
    pub group: Option<String>,
    /// The column's header below its group ("kostenlos"), or the full name without one.
    #[serde(rename = "kurz")]
    pub short: String,
    #[serde(rename = "beschreibung")]
    pub description: String,
}

/// The audiences without a free offer in some districts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Index into [`Coverage::audiences`].
    pub audience: usize,
    /// Indexes into [`Coverage::districts`].
    pub districts: Vec<usize>,
}

/// The coverage of the site, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub today: NaiveDate,
    /// The last day of the window for dated offers.
    pub dates_until: NaiveDate,
    pub audiences: Vec<Audience>,
    /// All 23 districts in the order of their numbers, also those without any place; the
    /// mobile providers are counted in each.
    pub districts: Vec<Row>,
    /// The mobile providers alone.
    pub mobile: Row,
    /// The whole city, every place and offer once.
    pub total: Row,
}

impl Coverage {
    /// The coverage with the audiences that site.yaml names (`abdeckung.zielgruppen`).
    pub fn of(site: &Site) -> Coverage {
        Coverage::with_audiences(site, &site.config.abdeckung.zielgruppen)
    }

    /// The coverage for `audiences` (indexes into the site's `zielgruppen`).
    pub fn with_audiences(site: &Site, audiences: &[usize]) -> Coverage {
        let today = site.today;
        let dates_until = today
            .checked_add_days(Days::new(DATED_WINDOW_DAYS - 1))
            .unwrap_or(NaiveDate::MAX);
        let n = audiences.len();
        let districts = &site.districts.list;
        let mut local = vec![Counts::new(n); districts.len()];
        let mut mobile = Counts::new(n);
        let mut total = Counts::new(n);

        // Every record counts for the whole city and for its district, or for the mobile row.
        // A mobile provider may name a home district; it still comes to all of them.
        let mut count = |place: &Place, add: &dyn Fn(&mut Counts)| {
            add(&mut total);
            match (place.mobil, place.bezirk) {
                (true, _) => add(&mut mobile),
                (false, Some(d)) => add(&mut local[d]),
                (false, None) => {}
            }
        };
        for place in &site.places {
            let on_site = usize::from(!place.mobil);
            let step_free = usize::from(place.rollstuhl() == Wheelchair::Ja);
            count(place, &|c| {
                c.places += 1;
                c.places_on_site += on_site;
                c.step_free_places += step_free;
            });
        }
        for offer in &site.offers {
            let free = usize::from(offer.kosten.frei);
            let other_language = usize::from(offer.sprachen.iter().any(|l| l != "de"));
            let dated = usize::from(
                offer
                    .termine
                    .iter()
                    .any(|t| (today..=dates_until).contains(&t.date())),
            );
            count(&site.places[offer.place], &|c| {
                c.offers += 1;
                c.free_offers += free;
                for (slot, audience) in c.audiences.iter_mut().zip(audiences) {
                    if offer.zielgruppen.contains(audience) {
                        slot.offers += 1;
                        slot.free += free;
                    }
                }
                c.other_language_offers += other_language;
                c.dated_offers += dated;
            });
        }

        let rows = districts
            .iter()
            .zip(local)
            .map(|(d, mut counts)| {
                counts.add(&mobile);
                Row {
                    slug: d.slug.clone(),
                    nr: Some(d.nr.clone()),
                    name: d.name.clone(),
                    counts,
                }
            })
            .collect();
        let vocab: &Vocabulary = &site.config.zielgruppen;
        Coverage {
            today,
            dates_until,
            audiences: audiences
                .iter()
                .map(|&i| Audience {
                    slug: vocab.get(i).slug.clone(),
                    name: vocab.get(i).name.clone(),
                })
                .collect(),
            districts: rows,
            mobile: Row {
                slug: "mobil".into(),
                nr: None,
                name: MOBILE_ROW.into(),
                counts: mobile,
            },
            total: Row {
                slug: "gesamt".into(),
                nr: None,
                name: TOTAL_ROW.into(),
                counts: total,
            },
        }
    }

    /// The columns, in the order of [`Counts::values`].
    pub fn measures(&self) -> Vec<Measure> {
        let m = |key: &str, name: &str, group: Option<&str>, short: &str, description: String| {
            Measure {
                key: key.into(),
                name: name.into(),
                group: group.map(str::to_string),
                short: short.into(),
                description,
            }
        };
        let mut out = vec![
            m(
                "lernorte",
                "Lernorte",
                Some("Lernorte"),
                "alle",
                "Lernorte im Bezirk, die mobilen Anbieter eingeschlossen.".into(),
            ),
            m(
                "lernorte_vor_ort",
                "Lernorte vor Ort",
                Some("Lernorte"),
                "vor Ort",
                "Lernorte mit festem Ort im Bezirk, ohne die mobilen Anbieter.".into(),
            ),
            m(
                "angebote",
                "Angebote",
                Some("Angebote"),
                "alle",
                "Angebote der Lernorte im Bezirk und der mobilen Anbieter.".into(),
            ),
            m(
                "angebote_kostenlos",
                "Kostenlose Angebote",
                Some("Angebote"),
                "kostenlos",
                "Davon kostenlos (kosten: frei: true).".into(),
            ),
        ];
        for a in &self.audiences {
            let group = format!("Angebote für {}", a.name);
            out.push(m(
                &format!("angebote_fuer_{}", a.slug),
                &group,
                Some(&group),
                "alle",
                format!("Angebote für die Zielgruppe „{}“.", a.name),
            ));
            out.push(m(
                &format!("kostenlos_fuer_{}", a.slug),
                &format!("Kostenlose Angebote für {}", a.name),
                Some(&group),
                "kostenlos",
                format!("Kostenlose Angebote für die Zielgruppe „{}“.", a.name),
            ));
        }
        out.extend([
            m(
                "lernorte_rollstuhlgerecht",
                "Rollstuhlgerechte Lernorte",
                None,
                "rollstuhlgerechte Lernorte",
                "Lernorte mit stufenlosem Zugang (barrierefreiheit: rollstuhl: ja).".into(),
            ),
            m(
                "angebote_andere_sprachen",
                "Angebote in anderen Sprachen",
                None,
                "Angebote in anderen Sprachen",
                "Angebote, die laut „sprachen“ auch in einer anderen Sprache als Deutsch möglich sind."
                    .into(),
            ),
            m(
                "angebote_termine_90_tage",
                "Angebote mit Termin in 90 Tagen",
                None,
                "Angebote mit Termin in 90 Tagen",
                format!(
                    "Angebote mit mindestens einem festen Termin vom {} bis {} ({DATED_WINDOW_DAYS} Tage).",
                    self.today.format("%d.%m.%Y"),
                    self.dates_until.format("%d.%m.%Y")
                ),
            ),
        ]);
        out
    }

    /// For each audience, the districts where no free offer reaches it (empty when every
    /// district has one).
    pub fn gaps(&self) -> Vec<Gap> {
        (0..self.audiences.len())
            .map(|a| Gap {
                audience: a,
                districts: self
                    .districts
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.counts.audiences[a].free == 0)
                    .map(|(i, _)| i)
                    .collect(),
            })
            .collect()
    }

    /// Every row: the districts, then the mobile providers, then the whole city.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.districts.iter().chain([&self.mobile, &self.total])
    }
}

// ---------------------------------------------------------------------------------------------
// Loading for the command line
// ---------------------------------------------------------------------------------------------

/// A site read for a coverage report, with the warnings of its validation.
pub struct Report {
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
}

/// Why `lernorte report` cannot name the audiences it was asked for.
#[derive(Debug, thiserror::Error)]
#[error("„{input}“ ist keine Zielgruppe dieser Website.")]
pub struct UnknownAudience {
    pub input: String,
    pub suggestion: Option<String>,
    /// The slugs of every audience of the site.
    pub known: Vec<String>,
}

impl UnknownAudience {
    /// What to type instead.
    pub fn hint(&self) -> String {
        let known = self
            .known
            .iter()
            .map(|k| format!("„{k}“"))
            .collect::<Vec<_>>()
            .join(", ");
        match &self.suggestion {
            Some(s) => format!("Meinten Sie „{s}“? Möglich sind: {known}."),
            None => format!("Möglich sind: {known}."),
        }
    }
}

/// Reads and validates the site like `build`, without the theme, which a report does not
/// render. Content errors fail the report, because the numbers would miss the records with
/// errors; warnings do not.
pub fn load(options: &BuildOptions) -> Result<Report, BuildError> {
    let validated = crate::load_and_validate_content(options)?;
    let errors = validated.diagnostics.iter().any(Diagnostic::is_error);
    match validated.site {
        Some(site) if !errors => Ok(Report {
            site,
            warnings: validated.diagnostics,
        }),
        _ => {
            let mut diagnostics = validated.diagnostics;
            diagnostics::sort(&mut diagnostics);
            Err(BuildError::Content {
                diagnostics,
                sources: validated.sources,
            })
        }
    }
}

/// Resolves audience names or slugs as people type them (`--zielgruppe grundschule`).
pub fn resolve_audiences(site: &Site, inputs: &[String]) -> Result<Vec<usize>, UnknownAudience> {
    let vocab = &site.config.zielgruppen;
    let mut out = Vec::new();
    for input in inputs {
        match vocab.resolve(input) {
            Some(i) if !out.contains(&i) => out.push(i),
            Some(_) => {}
            None => {
                return Err(UnknownAudience {
                    input: input.clone(),
                    suggestion: vocab
                        .suggest(input)
                        .and_then(|name| vocab.resolve(name))
                        .map(|i| vocab.get(i).slug.clone()),
                    known: vocab.terms.iter().map(|t| t.slug.clone()).collect(),
                });
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Output formats
// ---------------------------------------------------------------------------------------------

/// The columns of the CSV before the measures.
pub const CSV_KEY_COLUMNS: [(&str, &str); 4] = [
    (
        "art",
        "„bezirk“ für die 23 Stadtbezirke, „mobil“ für die mobilen Anbieter allein, „gesamt“ für ganz Stuttgart (jeder Lernort und jedes Angebot einmal).",
    ),
    ("kuerzel", "Kürzel des Stadtbezirks, „mobil“ oder „gesamt“."),
    (
        "nr",
        "Amtliche Nummer des Stadtbezirks (01 bis 23); leer in den Zeilen „mobil“ und „gesamt“.",
    ),
    ("name", "Name des Stadtbezirks oder der Zeile."),
];

impl Row {
    fn kind(&self) -> &'static str {
        match (self.nr.is_some(), self.slug.as_str()) {
            (true, _) => "bezirk",
            (false, "mobil") => "mobil",
            _ => "gesamt",
        }
    }
}

impl Coverage {
    /// `daten/abdeckung.csv`: like `lernorte.csv`, UTF-8 with a byte order mark, `;` between
    /// fields and CRLF line ends, for spreadsheets with German settings.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = "\u{feff}".as_bytes().to_vec();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let measures = self.measures();
        let header = CSV_KEY_COLUMNS
            .iter()
            .map(|(k, _)| k.to_string())
            .chain(measures.iter().map(|m| m.key.clone()));
        // Writing into a Vec fails only when out of memory (see `open_data::places_csv`).
        let _ = w.write_record(header);
        for row in self.rows() {
            let cells = [
                row.kind().to_string(),
                row.slug.clone(),
                row.nr.clone().unwrap_or_default(),
                row.name.clone(),
            ]
            .into_iter()
            .chain(row.counts.values().into_iter().map(|v| v.to_string()));
            let _ = w.write_record(cells);
        }
        let _ = w.flush();
        drop(w);
        out
    }

    /// The JSON of `lernorte report --format json`, also embedded in the page: stable German
    /// keys, rows with one field per measure.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The tables for people, in German, for a terminal of about 90 columns.
    pub fn human(&self, site_title: &str) -> String {
        let mut out = String::new();
        let date = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
        let _ = writeln!(out, "Abdeckung nach Stadtbezirken – {site_title}");
        let _ = writeln!(
            out,
            "Stichtag {}; Termine vom {} bis {} ({DATED_WINDOW_DAYS} Tage).",
            date(self.today),
            date(self.today),
            date(self.dates_until)
        );
        let m = &self.mobile.counts;
        let _ = writeln!(
            out,
            "Mobile Anbieter ({}, {}) kommen in jeden Bezirk und sind in jeder\n\
             Bezirkszeile mitgezählt.",
            plural(m.places, "Lernort", "Lernorte"),
            plural(m.offers, "Angebot", "Angebote")
        );
        out.push('\n');

        let name_width = self
            .rows()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max("Bezirk".len());
        let table = |out: &mut String, headers: &[&str], cells: &dyn Fn(&Counts) -> Vec<String>| {
            let widths: Vec<usize> = headers.iter().map(|h| h.chars().count().max(3)).collect();
            let mut line = format!("{:<name_width$}", "Bezirk");
            for (h, w) in headers.iter().zip(&widths) {
                let _ = write!(line, "  {h:>w$}");
            }
            let _ = writeln!(out, "{}", line.trim_end());
            let rule = name_width + widths.iter().map(|w| w + 2).sum::<usize>();
            let _ = writeln!(out, "{}", "─".repeat(rule));
            for (i, row) in self.rows().enumerate() {
                if i == self.districts.len() {
                    let _ = writeln!(out, "{}", "─".repeat(rule));
                }
                let mut line = format!("{:<name_width$}", row.name);
                for (c, w) in cells(&row.counts).iter().zip(&widths) {
                    let _ = write!(line, "  {c:>w$}");
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
        };

        table(
            &mut out,
            &[
                "Lernorte",
                "vor Ort",
                "Angebote",
                "kostenlos",
                "rollstuhlg.",
                "Sprachen",
                "Termine",
            ],
            &|c| {
                [
                    c.places,
                    c.places_on_site,
                    c.offers,
                    c.free_offers,
                    c.step_free_places,
                    c.other_language_offers,
                    c.dated_offers,
                ]
                .map(|v| v.to_string())
                .to_vec()
            },
        );
        let _ = writeln!(
            out,
            "vor Ort: mit festem Ort im Bezirk (ohne mobile Anbieter); rollstuhlg.: Lernorte mit\n\
             „rollstuhl: ja“; Sprachen: Angebote auch in einer anderen Sprache als Deutsch;\n\
             Termine: Angebote mit einem Termin in den nächsten {DATED_WINDOW_DAYS} Tagen."
        );

        if !self.audiences.is_empty() {
            out.push('\n');
            let _ = writeln!(out, "Angebote je Zielgruppe (alle/kostenlos):");
            out.push('\n');
            let names: Vec<&str> = self.audiences.iter().map(|a| a.name.as_str()).collect();
            table(&mut out, &names, &|c| {
                c.audiences
                    .iter()
                    .map(|a| format!("{}/{}", a.offers, a.free))
                    .collect()
            });

            out.push('\n');
            let _ = writeln!(out, "Bezirke ohne kostenloses Angebot:");
            for gap in self.gaps() {
                let audience = &self.audiences[gap.audience].name;
                if gap.districts.is_empty() {
                    let _ = writeln!(out, "  {audience}: keine – jeder Bezirk hat eines.");
                } else {
                    let names: Vec<&str> = gap
                        .districts
                        .iter()
                        .map(|&d| self.districts[d].name.as_str())
                        .collect();
                    let head = format!(
                        "  {audience} ({} von {}):",
                        gap.districts.len(),
                        self.districts.len()
                    );
                    out.push_str(&wrap(&head, &names, 4, 88));
                }
            }
        }
        out
    }
}

/// The fields of a row, in order: its key columns, then one per measure.
struct RowJson<'a> {
    row: &'a Row,
    measures: &'a [Measure],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let values = self.row.counts.values();
        let mut map = s.serialize_map(Some(3 + values.len()))?;
        map.serialize_entry("kuerzel", &self.row.slug)?;
        map.serialize_entry("nr", &self.row.nr)?;
        map.serialize_entry("name", &self.row.name)?;
        for (m, v) in self.measures.iter().zip(values) {
            map.serialize_entry(&m.key, &v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct NamedJson<'a> {
    kuerzel: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct GapJson<'a> {
    zielgruppe: &'a Audience,
    bezirke: Vec<NamedJson<'a>>,
}

impl Serialize for Coverage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let measures = self.measures();
        let row = |row| RowJson {
            row,
            measures: &measures,
        };
        let mut map = s.serialize_map(Some(9))?;
        map.serialize_entry("stichtag", &self.today.to_string())?;
        map.serialize_entry("termine_bis", &self.dates_until.to_string())?;
        map.serialize_entry("zielgruppen", &self.audiences)?;
        map.serialize_entry("kennzahlen", &measures)?;
        map.serialize_entry(
            "bezirke",
            &self.districts.iter().map(row).collect::<Vec<_>>(),
        )?;
        map.serialize_entry("mobil", &row(&self.mobile))?;
        map.serialize_entry("gesamt", &row(&self.total))?;
        let gaps: Vec<GapJson> = self
            .gaps()
            .into_iter()
            .map(|g| GapJson {
                zielgruppe: &self.audiences[g.audience],
                bezirke: g
                    .districts
                    .iter()
                    .map(|&d| NamedJson {
                        kuerzel: &self.districts[d].slug,
                        name: &self.districts[d].name,
                    })
                    .collect(),
            })
            .collect();
        map.serialize_entry("ohne_kostenloses_angebot", &gaps)?;
        map.end()
    }
}

/// `head` and then `items`, comma-separated, in lines of at most `width` characters; lines
/// after the first are indented by `indent`.
fn wrap(head: &str, items: &[&str], indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = head.to_string();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.to_string()
        };
        if line.chars().count() + 1 + piece.chars().count() > width && !line.trim().is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
        } else {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

/// One shading class of the map: the values from `von` to `bis`, and how many districts have
/// one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Class {
    pub von: usize,
    pub bis: usize,
    pub anzahl: usize,
}

/// The shading classes for the districts' `values` of one measure: 0 alone, because a gap is
/// what the page is for, then at most four ranges of equal width from the smallest value above
/// 0 to the largest, so that each class in the legend names whole numbers.
pub fn classes(values: &[usize]) -> Vec<Class> {
    let mut ranges = vec![(0, 0)];
    if let (Some(&max), Some(&lo)) = (values.iter().max(), values.iter().filter(|&&v| v > 0).min())
    {
        let span = max - lo + 1;
        let step = span.div_ceil(span.min(4));
        let mut v = lo;
        while v <= max {
            ranges.push((v, (v + step - 1).min(max)));
            v += step;
        }
    }
    ranges
        .into_iter()
        .map(|(von, bis)| Class {
            von,
            bis,
            anzahl: values.iter().filter(|v| (von..=bis).contains(*v)).count(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl DateView {
    fn new(d: NaiveDate) -> Self {
        DateView {
            iso: d.to_string(),
            text: format::date(d),
        }
    }
}

/// A cell of the first header row: a group over several columns, or a single column
/// (`kennzahl`, its key) that spans both rows.
#[derive(Debug, Serialize)]
pub struct HeaderView {
    pub titel: String,
    pub spalten: usize,
    pub kennzahl: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub kuerzel: String,
    pub name: String,
    /// Its page (with `base_path`); `None` for the rows that are no district.
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    #[serde(flatten)]
    pub bezirk: LinkView,
    pub nr: Option<String>,
    /// In the order of `kennzahlen`.
    pub werte: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct GapView {
    pub zielgruppe: LinkView,
    pub bezirke: Vec<LinkView>,
}

/// What `abdeckung.html` shows (see `docs/templates.md`).
#[derive(Debug, Serialize)]
pub struct PageView {
    pub oeffentlich: bool,
    pub stichtag: DateView,
    pub termine_bis: DateView,
    pub tage: u64,
    pub kennzahlen: Vec<Measure>,
    pub kopf: Vec<HeaderView>,
    pub bezirke: Vec<RowView>,
    pub mobil: RowView,
    pub gesamt: RowView,
    /// How many mobile providers and offers of theirs every district row includes.
    pub mobil_lernorte: usize,
    pub mobil_angebote: usize,
    pub zielgruppen: Vec<LinkView>,
    pub luecken: Vec<GapView>,
    /// The CSV of the table (with `base_path`).
    pub csv: String,
    /// The numbers and the shading classes for the script, ready for a
    /// `<script type="application/json">` (`<` escaped).
    pub json: String,
}

impl Coverage {
    /// The page's view, for `site` (links and the base path).
    pub fn page(&self, site: &Site) -> PageView {
        let base = &site.config.base_path;
        let measures = self.measures();
        let mut kopf: Vec<HeaderView> = Vec::new();
        for m in &measures {
            match (&m.group, kopf.last_mut()) {
                (Some(g), Some(last)) if last.kennzahl.is_none() && &last.titel == g => {
                    last.spalten += 1;
                }
                (Some(g), _) => kopf.push(HeaderView {
                    titel: g.clone(),
                    spalten: 1,
                    kennzahl: None,
                }),
                (None, _) => kopf.push(HeaderView {
                    titel: m.name.clone(),
                    spalten: 1,
                    kennzahl: Some(m.key.clone()),
                }),
            }
        }
        let district = |i: usize| {
            let r = &self.districts[i];
            LinkView {
                kuerzel: r.slug.clone(),
                name: r.name.clone(),
                url: Some(format!("{base}bezirke/{}/", r.slug)),
            }
        };
        let row = |r: &Row, url: Option<String>| RowView {
            bezirk: LinkView {
                kuerzel: r.slug.clone(),
                name: r.name.clone(),
                url,
            },
            nr: r.nr.clone(),
            werte: r.counts.values(),
        };
        let audience = |a: &Audience| LinkView {
            kuerzel: a.slug.clone(),
            name: a.name.clone(),
            url: Some(format!("{base}zielgruppen/{}/", a.slug)),
        };
        let mut json = self.to_json();
        let district_values: Vec<Vec<usize>> =
            self.districts.iter().map(|r| r.counts.values()).collect();
        let klassen: serde_json::Map<String, serde_json::Value> = measures
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let values: Vec<usize> = district_values.iter().map(|v| v[i]).collect();
                (
                    m.key.clone(),
                    serde_json::to_value(classes(&values)).unwrap_or_default(),
                )
            })
            .collect();
        if let Some(object) = json.as_object_mut() {
            object.insert("klassen".into(), klassen.into());
        }
        PageView {
            oeffentlich: site.config.abdeckung.oeffentlich,
            stichtag: DateView::new(self.today),
            termine_bis: DateView::new(self.dates_until),
            tage: DATED_WINDOW_DAYS,
            kopf,
            bezirke: (0..self.districts.len())
                .map(|i| RowView {
                    bezirk: district(i),
                    ..row(&self.districts[i], None)
                })
                .collect(),
            mobil: row(&self.mobile, None),
            mobil_lernorte: self.mobile.counts.places,
            mobil_angebote: self.mobile.counts.offers,
            gesamt: row(&self.total, None),
            zielgruppen: self.audiences.iter().map(audience).collect(),
            luecken: self
                .gaps()
                .into_iter()
                .map(|g| GapView {
                    zielgruppe: audience(&self.audiences[g.audience]),
                    bezirke: g.districts.iter().map(|&d| district(d)).collect(),
                })
                .collect(),
            kennzahlen: measures,
            csv: format!("{base}{CSV_PATH}"),
            json: crate::render::jsonld::to_script_json(&json),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(values: &[usize]) -> Vec<(usize, usize, usize)> {
        classes(values)
            .into_iter()
            .map(|c| (c.von, c.bis, c.anzahl))
            .collect()
    }

    #[test]
    fn zero_is_a_class_of_its_own_and_the_rest_has_at_most_four() {
        assert_eq!(ranges(&[0, 0]), vec![(0, 0, 2)]);
        assert_eq!(ranges(&[]), vec![(0, 0, 0)]);
        assert_eq!(ranges(&[0, 1, 2, 2]), vec![(0, 0, 1), (1, 1, 1), (2, 2, 2)]);
        assert_eq!(
            ranges(&[0, 1, 5, 12]),
            vec![(0, 0, 1), (1, 3, 1), (4, 6, 1), (7, 9, 0), (10, 12, 1)]
        );
        // Mobile providers lift every district: the classes start at the smallest value.
        assert_eq!(
            ranges(&[3, 4, 7]),
            vec![(0, 0, 0), (3, 4, 2), (5, 6, 0), (7, 7, 1)]
        );
    }
}
