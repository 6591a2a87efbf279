//! What templates see: small serializable views of the model, with names resolved, URLs built
//! and dates formatted in German (see `docs/templates.md`).

use serde::Serialize;

use crate::config::MapSettings;

use crate::format;
use crate::model::offer::Offer;
use crate::model::place::Place;
use crate::model::{Site, Taxonomy};

#[derive(Serialize, Clone, PartialEq)]
pub struct Link {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

#[derive(Serialize, PartialEq)]
pub struct FooterLink {
    pub titel: String,
    pub url: String,
}

#[derive(Serialize, PartialEq)]
pub struct SiteView {
    pub titel: String,
    pub untertitel: Option<String>,
    pub beschreibung: String,
    pub sprache: String,
    pub base_url: String,
    pub base_path: String,
    pub beispieldaten: bool,
    pub kontakt: ContactView,
    pub fusszeile: Vec<FooterLink>,
    pub bezirks_quelle: String,
    /// Map settings (`karte` in site.yaml), for pages with a map.
    pub karte: crate::config::MapSettings,
    /// Category slugs in vocabulary order, space-separated: maps give each a colour and shape.
    pub kategorien: String,
}

#[derive(Serialize, PartialEq)]
pub struct ContactView {
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub telefon_link: Option<String>,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub titel: String,
    pub beschreibung: String,
    pub url: String,
    pub kanonisch: String,
    /// Absolute URL and text of an image for link previews (Open Graph), if the page has one.
    pub bild: Option<ImageMeta>,
}

#[derive(Serialize)]
pub struct ImageMeta {
    pub url: String,
    pub alt: String,
}

#[derive(Serialize, PartialEq)]
pub struct PlaceCard {
    pub slug: String,
    pub url: String,
    pub name: String,
    pub kategorie: Link,
    pub bezirk: Option<Link>,
    pub mobil: bool,
    pub ort_text: String,
    pub kurzbeschreibung: String,
    pub kosten_frei: bool,
    pub rollstuhl: &'static str,
    pub themen: Vec<Link>,
}

#[derive(Serialize, PartialEq)]
pub struct OfferCard {
    pub slug: String,
    pub url: String,
    pub titel: String,
    pub format: Named,
    pub lernort: Link,
    pub bezirk: Option<Link>,
    pub ort_text: String,
    pub zielgruppen: Vec<Link>,
    pub kosten_frei: bool,
    pub auszug: String,
    pub naechster_termin: Option<String>,
    pub klassenstufen_text: Option<String>,
}

#[derive(Serialize)]
pub struct TermView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub anzahl_lernorte: usize,
    pub anzahl_angebote: usize,
}

#[derive(Serialize)]
pub struct TaxonomyView {
    pub art: &'static str,
    pub titel: &'static str,
    pub einzahl: &'static str,
    pub url: String,
}

#[derive(Serialize)]
pub struct AddressView {
    pub strasse: String,
    pub plz: String,
    pub ort: String,
}

#[derive(Serialize)]
pub struct LatLonView {
    pub lat: f64,
    pub lon: f64,
    /// Directions to the place (site.yaml `karte.route_url`).
    pub route_url: String,
    /// Public transport to the place (`karte.oepnv_url`), when the site sets a planner.
    pub oepnv_url: Option<String>,
}

#[derive(Serialize)]
pub struct StopView {
    pub haltestelle: String,
    pub linien: Vec<String>,
}

#[derive(Serialize)]
pub struct CostsView {
    pub frei: bool,
    pub hinweis: Option<String>,
}

#[derive(Serialize)]
pub struct AccessView {
    pub rollstuhl: &'static str,
    pub rollstuhl_text: &'static str,
    pub wc: Option<bool>,
    pub hinweis: Option<String>,
}

#[derive(Serialize)]
pub struct LanguageView {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct ContactDetails {
    pub web: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub telefon_link: Option<String>,
    pub person: Option<String>,
}

#[derive(Serialize)]
pub struct ImageView {
    pub url: String,
    pub alt: String,
    pub credit: Option<String>,
    pub lizenz: Option<String>,
}

#[derive(Serialize)]
pub struct SdgView {
    pub nummer: u8,
    pub name: &'static str,
}

#[derive(Serialize)]
pub struct PlaceView {
    #[serde(flatten)]
    pub card: PlaceCard,
    pub traeger: Option<String>,
    pub leichte_sprache: Option<String>,
    pub beschreibung_html: String,
    pub adresse: Option<AddressView>,
    pub lage: Option<LatLonView>,
    pub oepnv: Vec<StopView>,
    pub zielgruppen: Vec<Link>,
    pub kosten: CostsView,
    pub barrierefreiheit: Option<AccessView>,
    pub sprachen: Vec<LanguageView>,
    pub jahreszeiten: Vec<Named>,
    pub oeffnungszeiten: Option<String>,
    pub kontakt: Option<ContactDetails>,
    pub bilder: Vec<ImageView>,
    pub sdgs: Vec<SdgView>,
    pub geprueft_am: String,
    pub geprueft_am_iso: String,
}

#[derive(Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct BookingView {
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub telefon_link: Option<String>,
    pub web: Option<String>,
    pub vorlauf_tage: Option<u32>,
}

#[derive(Serialize)]
pub struct Leitperspektive {
    pub kuerzel: &'static str,
    pub name: &'static str,
}

#[derive(Serialize)]
pub struct OfferView {
    #[serde(flatten)]
    pub card: OfferCard,
    pub themen: Vec<Link>,
    pub alter_text: Option<String>,
    pub bildungsplan: Vec<Leitperspektive>,
    pub dauer_text: Option<String>,
    pub gruppengroesse_text: Option<String>,
    pub kosten: CostsView,
    pub buchung: Option<BookingView>,
    pub termine: Vec<DateView>,
    pub nach_vereinbarung: bool,
    /// Where the offer takes place: its place's address (none for mobile providers).
    pub adresse: Option<AddressView>,
    pub sprachen: Vec<LanguageView>,
    pub jahreszeiten: Vec<Named>,
    pub inhalt_html: String,
}

/// Builds views of one site; holds what every view needs.
pub struct Views<'a> {
    pub site: &'a Site,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site) -> Self {
        Views { site }
    }

    fn base(&self) -> &str {
        &self.site.config.base_path
    }

    pub fn place_url(&self, slug: &str) -> String {
        format!("{}lernorte/{slug}/", self.base())
    }

    pub fn offer_url(&self, slug: &str) -> String {
        format!("{}angebote/{slug}/", self.base())
    }

    pub fn taxonomy_url(&self, t: Taxonomy) -> String {
        format!("{}{}/", self.base(), t.slug())
    }

    pub fn term(&self, t: Taxonomy, index: usize) -> Link {
        let term = self.site.vocabulary(t).get(index);
        Link {
            slug: term.slug.clone(),
            name: if t == Taxonomy::Bezirke {
                self.site.districts.list[index].name.clone()
            } else {
                term.name.clone()
            },
            url: format!("{}{}/{}/", self.base(), t.slug(), term.slug),
        }
    }

    fn terms(&self, t: Taxonomy, indexes: &[usize]) -> Vec<Link> {
        indexes.iter().map(|&i| self.term(t, i)).collect()
    }

    pub fn place_card(&self, p: &Place) -> PlaceCard {
        let bezirk = p.bezirk.map(|b| self.term(Taxonomy::Bezirke, b));
        PlaceCard {
            slug: p.slug.clone(),
            url: self.place_url(&p.slug),
            name: p.name.clone(),
            kategorie: self.term(Taxonomy::Kategorien, p.kategorie),
            ort_text: bezirk
                .as_ref()
                .map_or_else(|| "stadtweit".to_string(), |b| b.name.clone()),
            bezirk,
            mobil: p.mobil,
            kurzbeschreibung: p.kurzbeschreibung.clone(),
            kosten_frei: p.kosten.frei,
            rollstuhl: p.rollstuhl().slug(),
            themen: self.terms(Taxonomy::Themen, &p.themen),
        }
    }

    pub fn place_view(&self, p: &Place) -> PlaceView {
        PlaceView {
            card: self.place_card(p),
            traeger: p.traeger.clone(),
            leichte_sprache: p.leichte_sprache.clone(),
            beschreibung_html: p.beschreibung_html.clone(),
            adresse: p.adresse.as_ref().map(address_view),
            lage: p.lage.map(|l| {
                let k = &self.site.config.karte;
                LatLonView {
                    lat: l.lat,
                    lon: l.lon,
                    route_url: MapSettings::link(&k.route_url, l.lat, l.lon, &p.name),
                    oepnv_url: k
                        .oepnv_url
                        .as_ref()
                        .map(|u| MapSettings::link(u, l.lat, l.lon, &p.name)),
                }
            }),
            oepnv: p
                .oepnv
                .iter()
                .map(|s| StopView {
                    haltestelle: s.haltestelle.clone(),
                    linien: s.linien.clone(),
                })
                .collect(),
            zielgruppen: self.terms(Taxonomy::Zielgruppen, &p.zielgruppen),
            kosten: CostsView {
                frei: p.kosten.frei,
                hinweis: p.kosten.hinweis.clone(),
            },
            barrierefreiheit: p.barrierefreiheit.as_ref().map(|a| AccessView {
                rollstuhl: a.rollstuhl.slug(),
                rollstuhl_text: a.rollstuhl.text(),
                wc: a.wc,
                hinweis: a.hinweis.clone(),
            }),
            sprachen: languages(&p.sprachen),
            jahreszeiten: p
                .jahreszeiten
                .iter()
                .map(|s| Named {
                    slug: s.slug().into(),
                    name: s.name().into(),
                })
                .collect(),
            oeffnungszeiten: p.oeffnungszeiten.clone(),
            kontakt: p.kontakt.as_ref().map(|k| ContactDetails {
                web: k.web.clone(),
                email: k.email.clone(),
                telefon_link: k.telefon.as_deref().and_then(format::tel_link),
                telefon: k.telefon.clone(),
                person: k.person.clone(),
            }),
            bilder: p
                .bilder
                .iter()
                .map(|b| ImageView {
                    url: format!("{}{}", self.base(), b.datei),
                    alt: b.alt.clone(),
                    credit: b.credit.clone(),
                    lizenz: b.lizenz.clone(),
                })
                .collect(),
            sdgs: p
                .sdgs
                .iter()
                .map(|&n| SdgView {
                    nummer: n,
                    name: format::sdg_name(n),
                })
                .collect(),
            geprueft_am: format::date(p.geprueft_am),
            geprueft_am_iso: p.geprueft_am.to_string(),
        }
    }

    pub fn offer_card(&self, o: &Offer) -> OfferCard {
        let place = &self.site.places[o.place];
        let bezirk = place.bezirk.map(|b| self.term(Taxonomy::Bezirke, b));
        let format_term = self.site.config.formate.get(o.format);
        let today = self.site.today;
        OfferCard {
            slug: o.slug.clone(),
            url: self.offer_url(&o.slug),
            titel: o.titel.clone(),
            format: Named {
                slug: format_term.slug.clone(),
                name: format_term.name.clone(),
            },
            lernort: Link {
                slug: place.slug.clone(),
                name: place.name.clone(),
                url: self.place_url(&place.slug),
            },
            ort_text: bezirk
                .as_ref()
                .map_or_else(|| "stadtweit".to_string(), |b| b.name.clone()),
            bezirk,
            zielgruppen: self.terms(Taxonomy::Zielgruppen, &o.zielgruppen),
            kosten_frei: o.kosten.frei,
            auszug: o.auszug.clone(),
            naechster_termin: o
                .termine
                .iter()
                .find(|t| t.date() >= today)
                .map(|t| format::date_time(*t)),
            klassenstufen_text: o
                .klassenstufen
                .and_then(|r| format::range("Klasse ", "", r.von, r.bis)),
        }
    }

    pub fn offer_view(&self, o: &Offer) -> OfferView {
        OfferView {
            card: self.offer_card(o),
            themen: self.terms(Taxonomy::Themen, &o.themen),
            alter_text: o
                .alter
                .and_then(|r| format::range("", " Jahre", r.von, r.bis)),
            bildungsplan: o
                .bildungsplan
                .iter()
                .map(|l| Leitperspektive {
                    kuerzel: l.code(),
                    name: l.name(),
                })
                .collect(),
            dauer_text: o.dauer_minuten.map(format::duration),
            gruppengroesse_text: o.gruppengroesse.and_then(|(min, max)| match (min, max) {
                (Some(a), Some(b)) => Some(format!("{a} bis {b} Personen")),
                (Some(a), None) => Some(format!("ab {a} Personen")),
                (None, Some(b)) => Some(format!("bis {b} Personen")),
                (None, None) => None,
            }),
            kosten: CostsView {
                frei: o.kosten.frei,
                hinweis: o.kosten.hinweis.clone(),
            },
            buchung: o.buchung.as_ref().map(|b| BookingView {
                email: b.email.clone(),
                telefon_link: b.telefon.as_deref().and_then(format::tel_link),
                telefon: b.telefon.clone(),
                web: b.web.clone(),
                vorlauf_tage: b.vorlauf_tage,
            }),
            termine: o
                .termine
                .iter()
                .map(|t| DateView {
                    iso: t.format("%Y-%m-%dT%H:%M").to_string(),
                    text: format::date_time(*t),
                })
                .collect(),
            nach_vereinbarung: o.termine.is_empty(),
            adresse: self.site.places[o.place].adresse.as_ref().map(address_view),
            sprachen: languages(&o.sprachen),
            jahreszeiten: o
                .jahreszeiten
                .iter()
                .map(|s| Named {
                    slug: s.slug().into(),
                    name: s.name().into(),
                })
                .collect(),
            inhalt_html: o.inhalt_html.clone(),
        }
    }

    pub fn taxonomy(&self, t: Taxonomy) -> TaxonomyView {
        TaxonomyView {
            art: t.slug(),
            titel: t.plural(),
            einzahl: t.singular(),
            url: self.taxonomy_url(t),
        }
    }
}

fn address_view(a: &crate::model::place::Address) -> AddressView {
    AddressView {
        strasse: a.strasse.clone(),
        plz: a.plz.clone(),
        ort: a.ort.clone(),
    }
}

fn languages(codes: &[String]) -> Vec<LanguageView> {
    codes
        .iter()
        .map(|c| LanguageView {
            code: c.clone(),
            name: format::language_name(c).unwrap_or(c).to_string(),
        })
        .collect()
}
