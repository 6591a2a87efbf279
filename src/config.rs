//! `site.yaml`: the site settings and the vocabularies that place and offer files use.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::model::vocab::{Term, Vocabulary};
use crate::slug;
use crate::yaml::{self, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    titel: Text,
    untertitel: Option<Text>,
    beschreibung: Option<Text>,
    base_url: Text,
    sprache: Option<Text>,
    theme: Option<Text>,
    #[serde(default)]
    beispieldaten: bool,
    kontakt: Option<SiteContact>,
    vokabulare: VocabulariesFile,
    karte: Option<MapFile>,
    daten: Option<DataFile>,
    abdeckung: Option<CoverageFile>,
}

/// `abdeckung:` in site.yaml: the coverage page `/netzwerk/abdeckung/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoverageFile {
    oeffentlich: Option<bool>,
    zielgruppen: Option<Vec<Text>>,
}

/// `daten:` in site.yaml: licence and publisher of the open data (`/daten/`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    lizenz: Option<Text>,
    lizenz_url: Option<Text>,
    herausgeber: Option<Text>,
    email: Option<Text>,
    veroeffentlicht_am: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteContact {
    email: Option<Text>,
    telefon: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    slug: Text,
    name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabulariesFile {
    kategorien: Vec<TermFile>,
    themen: Vec<TermFile>,
    zielgruppen: Vec<TermFile>,
    formate: Vec<TermFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    kacheln_url: Option<Text>,
    attribution: Option<Text>,
    zustimmung_noetig: Option<bool>,
    zentrum: Option<LatLonFile>,
    zoom: Option<u8>,
    bezirksgrenzen_quelle: Option<Text>,
    route_url: Option<Text>,
    oepnv_url: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LatLonFile {
    lat: f64,
    lon: f64,
}

/// Map settings; a city can point the map at its own tile server and route planners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapSettings {
    pub kacheln_url: String,
    /// The host of `kacheln_url`, named in the consent text.
    pub kacheln_host: String,
    pub attribution: String,
    pub zustimmung_noetig: bool,
    pub zentrum: [f64; 2],
    pub zoom: u8,
    pub bezirksgrenzen_quelle: String,
    /// Directions to a place; `{lat}`, `{lon}` and `{name}` are replaced.
    pub route_url: String,
    /// A public-transport planner with the place as destination; same placeholders.
    pub oepnv_url: Option<String>,
}

/// Licence and publisher of the open data files and the calendars (`daten` in site.yaml).
#[derive(Debug, Clone, PartialEq)]
pub struct DataSettings {
    pub lizenz: String,
    pub lizenz_url: String,
    /// Who publishes the data; the site title unless set.
    pub herausgeber: String,
    /// Contact for questions about the data; the site's contact e-mail unless set.
    pub email: Option<String>,
    /// When the data set was first published (DCAT `issued`); unknown unless set.
    pub veroeffentlicht_am: Option<NaiveDate>,
}

/// The coverage page (`abdeckung` in site.yaml).
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageSettings {
    /// Linked in the footer, listed in the sitemap and on `/daten/`; otherwise the page is
    /// built all the same but only reachable by its address, and asks search engines to stay
    /// away.
    pub oeffentlich: bool,
    /// The audiences counted, as indexes into `SiteConfig::zielgruppen`.
    pub zielgruppen: Vec<usize>,
}

/// The audiences the coverage counts unless site.yaml names others: the ones the network's
/// education monitoring reports on, as far as the vocabulary has them.
pub const DEFAULT_COVERAGE_AUDIENCES: [&str; 5] =
    ["kita", "grundschule", "sek1", "sek2", "familien"];

pub const DEFAULT_DATA_LICENCE: &str = "Datenlizenz Deutschland – Namensnennung – Version 2.0";
pub const DEFAULT_DATA_LICENCE_URL: &str = "https://www.govdata.de/dl-de/by-2-0";

pub const DEFAULT_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_ROUTE: &str = "https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}";

impl MapSettings {
    fn defaults() -> MapSettings {
        MapSettings {
            kacheln_url: DEFAULT_TILES.into(),
            kacheln_host: host_of(DEFAULT_TILES),
            attribution: "© OpenStreetMap-Mitwirkende".into(),
            zustimmung_noetig: true,
            zentrum: [48.7784, 9.18],
            zoom: 12,
            bezirksgrenzen_quelle: DEFAULT_DISTRICT_CREDIT.into(),
            route_url: DEFAULT_ROUTE.into(),
            oepnv_url: None,
        }
    }

    /// A link from a URL pattern with `{lat}`, `{lon}` and `{name}` (URL-encoded).
    pub fn link(pattern: &str, lat: f64, lon: f64, name: &str) -> String {
        pattern
            .replace("{lat}", &format!("{lat:.5}"))
            .replace("{lon}", &format!("{lon:.5}"))
            .replace(
                "{name}",
                &percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
                    .to_string(),
            )
    }
}

/// The host part of an http(s) URL.
pub(crate) fn host_of(url: &str) -> String {
    url.split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The validated site settings.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub titel: String,
    pub untertitel: Option<String>,
    pub beschreibung: String,
    /// Absolute, ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`; starts and ends with `/`.
    pub base_path: String,
    pub sprache: String,
    pub theme: String,
    pub beispieldaten: bool,
    pub kontakt_email: Option<String>,
    pub kontakt_telefon: Option<String>,
    pub kategorien: Vocabulary,
    pub themen: Vocabulary,
    pub zielgruppen: Vocabulary,
    pub formate: Vocabulary,
    pub karte: MapSettings,
    pub daten: DataSettings,
    pub abdeckung: CoverageSettings,
}

pub const SITE_FILE: &str = "site.yaml";

/// Splits an absolute `http(s)` URL into the URL with a trailing slash and its path.
pub fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) || path.contains(['?', '#']) {
        return None;
    }
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    let scheme_len = url.len() - rest.len();
    Some((format!("{}{host}{path}", &url[..scheme_len]), path))
}

impl SiteConfig {
    /// Reads `site.yaml` from `text`; every problem is pushed to `diags`.
    pub fn parse(
        text: &str,
        base_url_override: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<SiteConfig> {
        let file = Path::new(SITE_FILE);
        let before = diags.len();
        let parsed = yaml::parse::<SiteFile>(file, text, 0, diags)?;
        let (raw, map) = (parsed.record, parsed.map);
        let base_url_text = base_url_override.unwrap_or(raw.base_url.as_str());
        let Some((base_url, base_path)) = split_base_url(base_url_text) else {
            diags.push(
                Diagnostic::error(
                    "ungueltige-base-url",
                    file,
                    format!("„{base_url_text}“ ist keine gültige Adresse für die Website."),
                )
                .at(map.value_position("base_url"))
                .key("base_url")
                .hint("Geben Sie die vollständige Adresse an, z. B. „https://example.org/“ oder „https://example.org/natur/“."),
            );
            return None;
        };
        let mut vocab = |key: &str, terms: Vec<TermFile>| {
            let mut out: Vec<Term> = Vec::new();
            for (i, t) in terms.into_iter().enumerate() {
                let path = format!("vokabulare.{key}[{i}]");
                let slug = t.slug.0.trim().to_string();
                if !slug::is_valid(&slug) {
                    diags.push(
                        Diagnostic::error(
                            "ungueltiger-slug",
                            file,
                            format!("„{slug}“ ist kein gültiges Kürzel."),
                        )
                        .at(map.value_position(&format!("{path}.slug")))
                        .key(format!("{path}.slug"))
                        .hint(format!(
                            "Kürzel bestehen aus Kleinbuchstaben, Ziffern und „-“, z. B. „{}“.",
                            slug::slugify(&slug)
                        )),
                    );
                }
                if out.iter().any(|o| o.slug == slug) {
                    diags.push(
                        Diagnostic::error(
                            "doppeltes-kuerzel",
                            file,
                            format!("Das Kürzel „{slug}“ kommt doppelt vor."),
                        )
                        .at(map.value_position(&format!("{path}.slug")))
                        .key(format!("{path}.slug")),
                    );
                }
                out.push(Term {
                    slug,
                    name: t.name.0.trim().to_string(),
                    aliases: vec![],
                });
            }
            Vocabulary::new(out)
        };
        let kategorien = vocab("kategorien", raw.vokabulare.kategorien);
        let themen = vocab("themen", raw.vokabulare.themen);
        let zielgruppen = vocab("zielgruppen", raw.vokabulare.zielgruppen);
        let formate = vocab("formate", raw.vokabulare.formate);
        let mut karte = MapSettings::defaults();
        if let Some(k) = raw.karte {
            let url_setting = |key: &str, value: Option<Text>, diags: &mut Vec<Diagnostic>| {
                let value = value?.0.trim().to_string();
                if value.starts_with("https://") || value.starts_with("http://") {
                    Some(value)
                } else {
                    let path = format!("karte.{key}");
                    diags.push(
                        Diagnostic::error(
                            "ungueltige-adresse",
                            file,
                            format!("„{path}“ muss eine Web-Adresse sein: „{value}“."),
                        )
                        .at(map.value_position(&path))
                        .key(path)
                        .hint("Die Adresse beginnt mit „https://“."),
                    );
                    None
                }
            };
            if let Some(u) = url_setting("kacheln_url", k.kacheln_url, diags) {
                karte.kacheln_host = host_of(&u);
                karte.kacheln_url = u;
            }
            if let Some(a) = k.attribution {
                karte.attribution = a.0;
            }
            karte.zustimmung_noetig = k.zustimmung_noetig.unwrap_or(true);
            if let Some(z) = k.zentrum {
                karte.zentrum = [z.lat, z.lon];
            }
            karte.zoom = k.zoom.unwrap_or(karte.zoom);
            if let Some(q) = k.bezirksgrenzen_quelle {
                karte.bezirksgrenzen_quelle = q.0;
            }
            if let Some(u) = url_setting("route_url", k.route_url, diags) {
                karte.route_url = u;
            }
            karte.oepnv_url = url_setting("oepnv_url", k.oepnv_url, diags);
        }
        let titel = raw.titel.0.trim().to_string();
        let kontakt_email = raw
            .kontakt
            .as_ref()
            .and_then(|k| k.email.as_ref())
            .and_then(Text::non_empty);
        let mut daten = DataSettings {
            lizenz: DEFAULT_DATA_LICENCE.into(),
            lizenz_url: DEFAULT_DATA_LICENCE_URL.into(),
            herausgeber: titel.clone(),
            email: kontakt_email.clone(),
            veroeffentlicht_am: None,
        };
        if let Some(d) = raw.daten {
            if let Some(l) = d.lizenz.and_then(|t| t.non_empty()) {
                daten.lizenz = l;
            }
            if let Some(u) = d.lizenz_url.and_then(|t| t.non_empty()) {
                if u.starts_with("https://") || u.starts_with("http://") {
                    daten.lizenz_url = u;
                } else {
                    diags.push(
                        Diagnostic::error(
                            "ungueltige-adresse",
                            file,
                            format!("„daten.lizenz_url“ muss eine Web-Adresse sein: „{u}“."),
                        )
                        .at(map.value_position("daten.lizenz_url"))
                        .key("daten.lizenz_url")
                        .hint("Die Adresse beginnt mit „https://“."),
                    );
                }
            }
            if let Some(h) = d.herausgeber.and_then(|t| t.non_empty()) {
                daten.herausgeber = h;
            }
            if let Some(e) = d.email.and_then(|t| t.non_empty()) {
                daten.email = Some(e);
            }
            if let Some(v) = d.veroeffentlicht_am.and_then(|t| t.non_empty()) {
                match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
                    Ok(date) => daten.veroeffentlicht_am = Some(date),
                    Err(_) => diags.push(
                        Diagnostic::error(
                            "ungueltiges-datum",
                            file,
                            format!("„{v}“ ist kein gültiges Datum."),
                        )
                        .at(map.value_position("daten.veroeffentlicht_am"))
                        .key("daten.veroeffentlicht_am")
                        .hint("Schreiben Sie das Datum als Jahr-Monat-Tag, z. B. „2026-06-01“."),
                    ),
                }
            }
        }
        let abdeckung = coverage_settings(raw.abdeckung, &zielgruppen, &map, diags);
        if diags[before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(SiteConfig {
            titel,
            untertitel: raw.untertitel.and_then(|t| t.non_empty()),
            beschreibung: raw
                .beschreibung
                .and_then(|t| t.non_empty())
                .unwrap_or_default(),
            base_url,
            base_path,
            sprache: raw
                .sprache
                .and_then(|t| t.non_empty())
                .unwrap_or_else(|| "de".into()),
            theme: raw
                .theme
                .and_then(|t| t.non_empty())
                .unwrap_or_else(|| "default".into()),
            beispieldaten: raw.beispieldaten,
            kontakt_email,
            kontakt_telefon: raw
                .kontakt
                .as_ref()
                .and_then(|k| k.telefon.as_ref())
                .and_then(Text::non_empty),
            kategorien,
            themen,
            zielgruppen,
            formate,
            karte,
            daten,
            abdeckung,
        })
    }
}

/// `abdeckung` with its audiences resolved against the vocabulary: by default those of
/// [`DEFAULT_COVERAGE_AUDIENCES`] that the vocabulary has, or all of them when it has none.
fn coverage_settings(
    raw: Option<CoverageFile>,
    zielgruppen: &Vocabulary,
    map: &crate::spans::SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> CoverageSettings {
    let file = Path::new(SITE_FILE);
    let (oeffentlich, named) = match raw {
        Some(c) => (c.oeffentlich.unwrap_or(false), c.zielgruppen),
        None => (false, None),
    };
    let zielgruppen = match named {
        Some(named) => {
            let mut out = Vec::new();
            for (i, v) in named.iter().enumerate() {
                let input = v.as_str().trim();
                let key = format!("abdeckung.zielgruppen[{i}]");
                match zielgruppen.resolve(input) {
                    Some(t) if !out.contains(&t) => out.push(t),
                    Some(_) => {}
                    None => {
                        let allowed = zielgruppen
                            .terms
                            .iter()
                            .map(|t| format!("„{}“", t.slug))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let hint = match zielgruppen.suggest(input) {
                            Some(s) => format!(
                                "Meinten Sie „{s}“? Erlaubt sind die Zielgruppen aus „vokabulare.zielgruppen“: {allowed}."
                            ),
                            None => format!(
                                "Erlaubt sind die Zielgruppen aus „vokabulare.zielgruppen“: {allowed}."
                            ),
                        };
                        diags.push(
                            Diagnostic::error(
                                "unbekannter-wert",
                                file,
                                format!("„{input}“ ist keine Zielgruppe dieser Website."),
                            )
                            .at(map.value_position(&key))
                            .key(key)
                            .hint(hint),
                        );
                    }
                }
            }
            out
        }
        None => {
            let defaults: Vec<usize> = DEFAULT_COVERAGE_AUDIENCES
                .iter()
                .filter_map(|slug| zielgruppen.terms.iter().position(|t| t.slug == *slug))
                .collect();
            if defaults.is_empty() {
                (0..zielgruppen.len()).collect()
            } else {
                defaults
            }
        }
    };
    CoverageSettings {
        oeffentlich,
        zielgruppen,
    }
}

const DEFAULT_DISTRICT_CREDIT: &str =
    "Bezirksgrenzen: Landeshauptstadt Stuttgart, Stadtmessungsamt, CC BY 4.0";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_sub_path() {
        assert_eq!(
            split_base_url("https://example.org/natur"),
            Some(("https://example.org/natur/".into(), "/natur/".into()))
        );
        assert_eq!(
            split_base_url("http://localhost:1111"),
            Some(("http://localhost:1111/".into(), "/".into()))
        );
        assert_eq!(split_base_url("example.org"), None);
        assert_eq!(split_base_url("javascript:alert(1)"), None);
    }
}
