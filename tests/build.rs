//! Integration tests of lernorte: the fixture site `tests/fixtures/mini` built with the
//! repository's theme (pages, data files, links), the real sample site, every kind of content
//! error, the command line, and untrusted content.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use common::*;
use lernorte::BuildOptions;
use lernorte::diagnostics::{Diagnostic, Severity};
use scraper::{ElementRef, Html};
use serde_yaml::Value;

// ---------------------------------------------------------------------------------------------
// What the fixture contains, read from its files (so no count or name is written twice).
// ---------------------------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    repo_root().join("tests/fixtures/mini")
}

fn yaml_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The YAML front matter of a Markdown file.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    serde_yaml::from_str(&rest[..end + 1]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list_of(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .map(|x| x.as_str().expect("text item").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A vocabulary of the fixture's site.yaml: (slug, name).
fn vocabulary(name: &str) -> Vec<(String, String)> {
    let site = yaml_file(&fixture_dir().join("site.yaml"));
    site["vokabulare"][name]
        .as_sequence()
        .expect("vocabulary")
        .iter()
        .map(|t| {
            (
                t["slug"].as_str().unwrap().to_string(),
                t["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The slug of a vocabulary value written as name or slug.
fn term_slug(vocab: &[(String, String)], value: &str) -> String {
    vocab
        .iter()
        .find(|(s, n)| s.eq_ignore_ascii_case(value) || n.eq_ignore_ascii_case(value))
        .unwrap_or_else(|| panic!("{value} is not in {vocab:?}"))
        .0
        .clone()
}

fn site_title() -> String {
    str_of(&yaml_file(&fixture_dir().join("site.yaml")), "titel").expect("titel")
}

#[derive(Debug, Clone)]
struct FixturePlace {
    slug: String,
    name: String,
    kurzbeschreibung: String,
    kategorie: String,
    /// (name, slug)
    bezirk: Option<(String, String)>,
    strasse: Option<String>,
    plz: Option<String>,
    /// (lat, lon)
    lage: Option<(f64, f64)>,
    mobil: bool,
    themen: Vec<String>,
    zielgruppen: Vec<String>,
    kosten_frei: bool,
    geprueft_am: String,
}

fn fixture_places() -> Vec<FixturePlace> {
    let kategorien = vocabulary("kategorien");
    let themen = vocabulary("themen");
    let zielgruppen = vocabulary("zielgruppen");
    files_with_ext(&fixture_dir().join("places"), "yaml")
        .iter()
        .map(|path| {
            let v = yaml_file(path);
            let bezirk = str_of(&v, "bezirk").map(|b| {
                let slug = lernorte::slug::slugify(&b);
                (b, slug)
            });
            let lage = v.get("lage").map(|l| {
                (
                    l["lat"].as_f64().expect("lat"),
                    l["lon"].as_f64().expect("lon"),
                )
            });
            let adresse = v.get("adresse");
            FixturePlace {
                slug: stem(path),
                name: str_of(&v, "name").expect("name"),
                kurzbeschreibung: str_of(&v, "kurzbeschreibung").expect("kurzbeschreibung"),
                kategorie: term_slug(&kategorien, &str_of(&v, "kategorie").expect("kategorie")),
                bezirk,
                strasse: adresse.and_then(|a| str_of(a, "strasse")),
                plz: adresse.and_then(|a| str_of(a, "plz")),
                lage,
                mobil: v.get("mobil").and_then(Value::as_bool).unwrap_or(false),
                themen: list_of(&v, "themen")
                    .iter()
                    .map(|t| term_slug(&themen, t))
                    .collect(),
                zielgruppen: list_of(&v, "zielgruppen")
                    .iter()
                    .map(|t| term_slug(&zielgruppen, t))
                    .collect(),
                kosten_frei: v["kosten"]["frei"].as_bool().expect("kosten.frei"),
                geprueft_am: str_of(&v, "geprueft_am").expect("geprueft_am"),
            }
        })
        .collect()
}

#[derive(Debug, Clone)]
struct FixtureOffer {
    slug: String,
    titel: String,
    lernort: String,
    zielgruppen: Vec<String>,
    termine: Vec<NaiveDateTime>,
}

fn fixture_offers() -> Vec<FixtureOffer> {
    let zielgruppen = vocabulary("zielgruppen");
    files_with_ext(&fixture_dir().join("content/angebote"), "md")
        .iter()
        .map(|path| {
            let v = front_matter(path);
            FixtureOffer {
                slug: stem(path),
                titel: str_of(&v, "titel").expect("titel"),
                lernort: str_of(&v, "lernort").expect("lernort"),
                zielgruppen: list_of(&v, "zielgruppen")
                    .iter()
                    .map(|t| term_slug(&zielgruppen, t))
                    .collect(),
                termine: list_of(&v, "termine")
                    .iter()
                    .map(|t| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").expect("termin"))
                    .collect(),
            }
        })
        .collect()
}

/// Free pages: (slug, titel, menue).
fn fixture_pages() -> Vec<(String, String, Option<i64>)> {
    files_with_ext(&fixture_dir().join("content"), "md")
        .iter()
        .map(|path| {
            let v = front_matter(path);
            (
                stem(path),
                str_of(&v, "titel").expect("titel"),
                v.get("menue").and_then(Value::as_i64),
            )
        })
        .collect()
}

fn place_url(slug: &str) -> String {
    format!("/lernorte/{slug}/")
}

fn offer_url(slug: &str) -> String {
    format!("/angebote/{slug}/")
}

fn set<I: IntoIterator<Item = String>>(items: I) -> BTreeSet<String> {
    items.into_iter().collect()
}

/// The `href`s of the elements matching `css`.
fn hrefs(doc: &Html, css: &str) -> BTreeSet<String> {
    doc.select(&sel(css))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

fn only<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef> = doc.select(&sel(css)).collect();
    assert_eq!(found.len(), 1, "expected exactly one {css}");
    found[0]
}

fn h1(doc: &Html) -> String {
    text_of(only(doc, "h1"))
}

/// The text of the `<dd>` that belongs to the `<dt>` with the text `label`.
fn fact(doc: &Html, label: &str) -> Option<String> {
    doc.select(&sel("dl.fakten > div")).find_map(|div| {
        let dt = div.select(&sel("dt")).next()?;
        (text_of(dt) == label)
            .then(|| div.select(&sel("dd")).next().map(text_of))
            .flatten()
    })
}

/// The links of the place cards and offer cards in the section labelled by `heading_id`.
fn card_links(doc: &Html, heading_id: &str) -> BTreeSet<String> {
    hrefs(
        doc,
        &format!("section[aria-labelledby=\"{heading_id}\"] .karte-titel a"),
    )
}

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn german_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

#[test]
fn home_page_has_title_notice_counts_and_upcoming_dates() {
    let out = TestSite::mini().build();
    let doc = out.html("index.html");
    assert_eq!(h1(&doc), site_title());
    assert_eq!(text_of(only(&doc, "title")), site_title());
    let notice = text_of(only(&doc, ".beispieldaten"));
    assert!(notice.contains("Beispieldaten"), "{notice}");

    let count = |href: &str| {
        text_of(only(
            &doc,
            &format!(".kennzahlen a[href=\"{href}\"] .kennzahl"),
        ))
    };
    assert_eq!(count("/lernorte/"), fixture_places().len().to_string());
    assert_eq!(count("/angebote/"), fixture_offers().len().to_string());

    let upcoming = set(fixture_offers()
        .iter()
        .filter(|o| o.termine.iter().any(|t| t.date() >= today()))
        .map(|o| offer_url(&o.slug)));
    assert!(
        !upcoming.is_empty(),
        "the fixture has an offer with dates after the test date"
    );
    assert_eq!(card_links(&doc, "termine-titel"), upcoming);

    let nav = hrefs(&doc, "nav.hauptnavigation a");
    for target in [
        "/lernorte/",
        "/angebote/",
        "/bezirke/",
        "/themen/",
        "/zielgruppen/",
        "/kategorien/",
        "/suche/",
    ] {
        assert!(nav.contains(target), "navigation lacks {target}: {nav:?}");
    }
}

#[test]
fn places_index_lists_every_place() {
    let out = TestSite::mini().build();
    let doc = out.html("lernorte/index.html");
    assert_eq!(h1(&doc), "Lernorte");
    let places = fixture_places();
    assert_eq!(
        hrefs(&doc, ".karte-lernort .karte-titel a"),
        set(places.iter().map(|p| place_url(&p.slug)))
    );
    for card in doc.select(&sel(".karte-lernort")) {
        let href = card
            .select(&sel(".karte-titel a"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .expect("card link");
        let place = places.iter().find(|p| place_url(&p.slug) == href).unwrap();
        let where_ = text_of(card.select(&sel(".karte-einordnung")).next().unwrap());
        match &place.bezirk {
            Some((name, _)) => assert!(where_.contains(name.as_str()), "{where_}"),
            None => assert!(where_.contains("stadtweit"), "{where_}"),
        }
    }
}

#[test]
fn every_place_page_shows_name_address_district_and_offers() {
    let out = TestSite::mini().build();
    let offers = fixture_offers();
    let places = fixture_places();
    assert!(places.iter().any(|p| p.mobil) && places.iter().any(|p| !p.mobil));
    for place in &places {
        let path = format!("lernorte/{}/index.html", place.slug);
        let doc = out.html(&path);
        assert_eq!(h1(&doc), place.name, "{path}");
        let title = text_of(only(&doc, "title"));
        assert!(title.starts_with(&place.name), "{path}: {title}");
        let intro = text_of(only(&doc, ".eintrag-kopf .einleitung"));
        assert_eq!(intro, place.kurzbeschreibung, "{path}");

        let address = fact(&doc, "Adresse").unwrap_or_else(|| panic!("{path}: no address"));
        let district = fact(&doc, "Stadtbezirk").unwrap_or_else(|| panic!("{path}: no district"));
        let header_links = hrefs(&doc, ".eintrag-kopf .eintrag-einordnung a");
        match &place.bezirk {
            Some((name, slug)) => {
                let strasse = place.strasse.as_deref().unwrap();
                let plz = place.plz.as_deref().unwrap();
                assert!(
                    address.contains(strasse) && address.contains(plz),
                    "{path}: {address}"
                );
                assert_eq!(&district, name, "{path}");
                let href = format!("/bezirke/{slug}/");
                assert!(header_links.contains(&href), "{path}: {header_links:?}");
                let link = only(&doc, &format!("dl.fakten a[href=\"{href}\"]"));
                assert_eq!(&text_of(link), name);
                let (lat, lon) = place.lage.unwrap();
                let osm = hrefs(&doc, "a[href^=\"https://www.openstreetmap.org/\"]");
                assert!(
                    osm.iter().any(|h| h.contains(&format!("mlat={lat}"))
                        && h.contains(&format!("mlon={lon}"))),
                    "{path}: {osm:?}"
                );
            }
            None => {
                assert!(place.mobil);
                assert!(address.contains("Keine feste Adresse"), "{path}: {address}");
                assert_eq!(district, "stadtweit", "{path}");
                assert!(
                    !header_links.iter().any(|h| h.starts_with("/bezirke/")),
                    "{path}: {header_links:?}"
                );
                assert!(
                    doc.select(&sel(".hinweis-mobil")).next().is_some(),
                    "{path}"
                );
            }
        }
        let kategorie = format!("/kategorien/{}/", place.kategorie);
        assert!(
            header_links.contains(&kategorie),
            "{path}: {header_links:?}"
        );

        let expected = set(offers
            .iter()
            .filter(|o| o.lernort == place.slug)
            .map(|o| offer_url(&o.slug)));
        assert!(!expected.is_empty(), "every fixture place has an offer");
        assert_eq!(card_links(&doc, "angebote-titel"), expected, "{path}");
    }
}

#[test]
fn place_images_are_shown_with_alt_text() {
    let out = TestSite::mini().build();
    let doc = out.html("lernorte/tierpark-neckar/index.html");
    let img = only(&doc, ".bilder img");
    assert_eq!(img.value().attr("src"), Some("/bilder/wiese.svg"));
    assert_eq!(
        img.value().attr("alt"),
        Some("Eine grüne Wiese unter blauem Himmel")
    );
    assert!(out.has("bilder/wiese.svg"), "the static file is copied");
}

#[test]
fn offers_index_and_every_offer_page() {
    let out = TestSite::mini().build();
    let offers = fixture_offers();
    let places = fixture_places();
    let doc = out.html("angebote/index.html");
    assert_eq!(h1(&doc), "Angebote");
    assert_eq!(
        hrefs(&doc, ".karte-angebot .karte-titel a"),
        set(offers.iter().map(|o| offer_url(&o.slug)))
    );

    assert!(offers.iter().any(|o| o.termine.is_empty()));
    assert!(offers.iter().any(|o| !o.termine.is_empty()));
    for offer in &offers {
        let path = format!("angebote/{}/index.html", offer.slug);
        let doc = out.html(&path);
        assert_eq!(h1(&doc), offer.titel, "{path}");
        let place = places.iter().find(|p| p.slug == offer.lernort).unwrap();
        let back = only(
            &doc,
            &format!(".eintrag-kopf a[href=\"{}\"]", place_url(&place.slug)),
        );
        assert_eq!(text_of(back), place.name, "{path}");
        assert_eq!(
            fact(&doc, "Lernort").map(|t| t.starts_with(&place.name)),
            Some(true),
            "{path}"
        );

        let dates = text_of(only(&doc, "section[aria-labelledby=\"termine-titel\"]"));
        let times: Vec<(String, String)> = doc
            .select(&sel("section[aria-labelledby=\"termine-titel\"] time"))
            .map(|t| {
                (
                    t.value().attr("datetime").unwrap_or_default().to_string(),
                    text_of(t),
                )
            })
            .collect();
        if offer.termine.is_empty() {
            assert!(dates.contains("nach Vereinbarung"), "{path}: {dates}");
            assert!(times.is_empty(), "{path}: {times:?}");
        } else {
            assert!(!dates.contains("nach Vereinbarung"), "{path}: {dates}");
            assert_eq!(times.len(), offer.termine.len(), "{path}");
            for (t, (iso, text)) in offer.termine.iter().zip(&times) {
                assert_eq!(iso, &t.format("%Y-%m-%dT%H:%M").to_string());
                assert!(text.contains(&german_date(t.date())), "{path}: {text}");
                assert!(
                    text.contains(&t.format("%-H:%M Uhr").to_string()),
                    "{path}: {text}"
                );
            }
            let next = text_of(only(&doc, ".eintrag-termin"));
            assert!(
                next.contains(&german_date(offer.termine[0].date())),
                "{next}"
            );
        }
    }
}

#[test]
fn taxonomy_index_pages_link_every_term() {
    let out = TestSite::mini().build();
    for (taxonomy, title) in [
        ("bezirke", "Stadtbezirke"),
        ("themen", "Themen"),
        ("zielgruppen", "Zielgruppen"),
        ("kategorien", "Kategorien"),
    ] {
        let path = format!("{taxonomy}/index.html");
        let doc = out.html(&path);
        assert_eq!(h1(&doc), title, "{path}");
        let links = hrefs(&doc, "main .begriffsliste a");
        let expected: BTreeSet<String> = if taxonomy == "bezirke" {
            out.paths()
                .iter()
                .filter_map(|p| p.strip_prefix("bezirke/")?.strip_suffix("/index.html"))
                .map(|slug| format!("/bezirke/{slug}/"))
                .collect()
        } else {
            set(vocabulary(taxonomy)
                .into_iter()
                .map(|(slug, _)| format!("/{taxonomy}/{slug}/")))
        };
        assert_eq!(links, expected, "{path}");
    }
    // Every district the fixture uses has a page.
    let bezirke = out.html("bezirke/index.html");
    let links = hrefs(&bezirke, "main .begriffsliste a");
    for place in fixture_places() {
        if let Some((_, slug)) = place.bezirk {
            assert!(links.contains(&format!("/bezirke/{slug}/")), "{slug}");
        }
    }
}

#[test]
fn district_pages_list_exactly_their_places() {
    let out = TestSite::mini().build();
    let places = fixture_places();
    let offers = fixture_offers();
    let district_pages: Vec<&str> = out
        .paths()
        .into_iter()
        .filter_map(|p| p.strip_prefix("bezirke/")?.strip_suffix("/index.html"))
        .collect();
    let used: BTreeSet<String> = places
        .iter()
        .filter_map(|p| p.bezirk.as_ref().map(|b| b.1.clone()))
        .collect();
    assert!(used.contains("bad-cannstatt"), "{used:?}");
    assert!(
        used.len() >= 3,
        "the fixture spreads its places over districts"
    );
    for slug in district_pages {
        let path = format!("bezirke/{slug}/index.html");
        let doc = out.html(&path);
        let in_district: Vec<&FixturePlace> = places
            .iter()
            .filter(|p| p.bezirk.as_ref().is_some_and(|b| b.1 == slug))
            .collect();
        if let Some(p) = in_district.first() {
            let heading = h1(&doc);
            assert!(
                heading.contains(&p.bezirk.as_ref().unwrap().0),
                "{path}: {heading}"
            );
        }
        assert_eq!(
            card_links(&doc, "lernorte-titel"),
            set(in_district.iter().map(|p| place_url(&p.slug))),
            "{path}"
        );
        assert_eq!(
            card_links(&doc, "angebote-titel"),
            set(offers
                .iter()
                .filter(|o| in_district.iter().any(|p| p.slug == o.lernort))
                .map(|o| offer_url(&o.slug))),
            "{path}"
        );
    }
}

#[test]
fn category_and_audience_pages_list_their_places_and_offers() {
    let out = TestSite::mini().build();
    let places = fixture_places();
    let offers = fixture_offers();
    for (slug, _) in vocabulary("kategorien") {
        let doc = out.html(&format!("kategorien/{slug}/index.html"));
        assert_eq!(
            card_links(&doc, "lernorte-titel"),
            set(places
                .iter()
                .filter(|p| p.kategorie == slug)
                .map(|p| place_url(&p.slug))),
            "kategorien/{slug}"
        );
    }
    assert!(
        out.text("kategorien/mobiles-angebot/index.html")
            .contains("/lernorte/bienenmobil/")
    );
    for (slug, _) in vocabulary("zielgruppen") {
        let doc = out.html(&format!("zielgruppen/{slug}/index.html"));
        assert_eq!(
            card_links(&doc, "lernorte-titel"),
            set(places
                .iter()
                .filter(|p| p.zielgruppen.contains(&slug))
                .map(|p| place_url(&p.slug))),
            "zielgruppen/{slug}"
        );
        assert_eq!(
            card_links(&doc, "angebote-titel"),
            set(offers
                .iter()
                .filter(|o| o.zielgruppen.contains(&slug))
                .map(|o| offer_url(&o.slug))),
            "zielgruppen/{slug}"
        );
    }
    for (slug, _) in vocabulary("themen") {
        let doc = out.html(&format!("themen/{slug}/index.html"));
        assert_eq!(
            card_links(&doc, "lernorte-titel"),
            set(places
                .iter()
                .filter(|p| p.themen.contains(&slug))
                .map(|p| place_url(&p.slug))),
            "themen/{slug}"
        );
    }
}

#[test]
fn free_pages_render_markdown_and_appear_in_the_footer() {
    let out = TestSite::mini().build();
    let pages = fixture_pages();
    assert!(pages.len() >= 2);
    for (slug, titel, menue) in &pages {
        let path = format!("{slug}/index.html");
        let doc = out.html(&path);
        assert_eq!(&h1(&doc), titel, "{path}");
        let footer = hrefs(&out.html("index.html"), "footer a");
        assert_eq!(
            footer.contains(&format!("/{slug}/")),
            menue.is_some(),
            "{slug} in footer: {footer:?}"
        );
    }
    let doc = out.html("ueber-uns/index.html");
    assert_eq!(text_of(only(&doc, ".fliesstext strong")), "Lernorte");
    assert_eq!(
        text_of(only(&doc, ".fliesstext h3")),
        "Mitmachen",
        "Markdown headings are moved one level down"
    );
    assert_eq!(
        hrefs(&doc, ".fliesstext a"),
        set(["mailto:netzwerk@example.org".to_string()])
    );
}

#[test]
fn search_page_has_a_search_form() {
    let out = TestSite::mini().build();
    let doc = out.html("suche/index.html");
    assert_eq!(h1(&doc), "Suche");
    let form = only(&doc, "main form[role=\"search\"]");
    assert_eq!(form.value().attr("action"), Some("/suche/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    let input = form
        .select(&sel("input[name=\"q\"]"))
        .next()
        .expect("q input");
    let id = input.value().attr("id").expect("input id");
    assert!(
        doc.select(&sel(&format!("label[for=\"{id}\"]")))
            .next()
            .is_some(),
        "the search field has a label"
    );
    for (path, text) in out.html_pages() {
        let doc = Html::parse_document(&text);
        assert!(
            doc.select(&sel("header form[action=\"/suche/\"]"))
                .next()
                .is_some(),
            "{path} has the search form in its header"
        );
    }
}

#[test]
fn not_found_page_is_noindex_and_leads_on() {
    let out = TestSite::mini().build();
    let doc = out.html("404.html");
    assert_eq!(h1(&doc), "Seite nicht gefunden");
    let robots = only(&doc, "meta[name=\"robots\"]");
    assert_eq!(robots.value().attr("content"), Some("noindex"));
    let links = hrefs(&doc, "main a");
    assert!(
        links.contains("/") && links.contains("/lernorte/"),
        "{links:?}"
    );
    let sitemap = out.text("sitemap.xml");
    assert!(!sitemap.contains("404"), "{sitemap}");
}

// ---------------------------------------------------------------------------------------------
// Valid HTML
// ---------------------------------------------------------------------------------------------

#[test]
fn page_checks_catch_broken_pages() {
    // The checks below would be worthless if they passed everything.
    let broken = "<!DOCTYPE html><html><head><title></title></head><body><h1>a</h1><h1>b</h1><p></div></body></html>";
    let problems = page_problems("x.html", broken);
    assert!(problems.iter().any(|p| p.contains("lang")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("<title>")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("<h1>")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("parse error")),
        "{problems:?}"
    );
    let good = "<!DOCTYPE html><html lang=\"de\"><head><title>T</title></head><body><h1>a</h1></body></html>";
    assert_eq!(page_problems("y.html", good), Vec::<String>::new());
    assert_eq!(active_content("y.html", good), Vec::<String>::new());
    for evil in [
        "<script>x()</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVaScRiPt:alert(1)\">y</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "<div style=\"position:fixed\">z</div>",
    ] {
        let page = good.replace("<h1>a</h1>", &format!("<h1>a</h1>{evil}"));
        assert!(
            !active_content("z.html", &page).is_empty(),
            "{evil} not caught"
        );
    }
}

#[test]
fn every_fixture_page_is_valid_html() {
    let out = TestSite::mini().build();
    let pages = out.html_pages();
    assert!(pages.len() > fixture_places().len() + fixture_offers().len());
    let problems: Vec<String> = pages
        .iter()
        .flat_map(|(p, t)| page_problems(p, t))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_sample_site_page_is_valid_html_with_working_links() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("public");
    let built = lernorte::build(&BuildOptions::new(repo_root()), &out)
        .unwrap_or_else(|e| panic!("the sample site does not build: {e:?}"));
    let files = read_tree(&out);
    let pages = html_pages(&files);
    assert_eq!(pages.len(), built.pages);
    assert!(pages.len() > built.site.places.len());
    let mut problems: Vec<String> = pages
        .iter()
        .flat_map(|(p, t)| page_problems(p, t))
        .collect();
    problems.extend(link_problems(&files, &built.site.config.base_path));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Data files
// ---------------------------------------------------------------------------------------------

#[test]
fn places_geojson_has_one_point_per_located_place() {
    let out = TestSite::mini().build();
    let text = out.text("lernorte.geojson");
    let collection = geojson::FeatureCollection::from_str(&text)
        .unwrap_or_else(|e| panic!("not a FeatureCollection: {e}\n{text}"));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["type"], "FeatureCollection");

    let places = fixture_places();
    let located: Vec<&FixturePlace> = places.iter().filter(|p| p.lage.is_some()).collect();
    assert!(
        located.len() < places.len(),
        "the fixture has a mobile place"
    );
    assert_eq!(collection.features.len(), located.len());

    let mut seen = BTreeSet::new();
    for (feature, raw) in collection
        .features
        .iter()
        .zip(json["features"].as_array().unwrap())
    {
        let props = raw["properties"].as_object().expect("properties");
        for key in [
            "slug",
            "name",
            "kategorie",
            "bezirk",
            "themen",
            "zielgruppen",
            "kosten_frei",
            "rollstuhl",
            "url",
            "kurzbeschreibung",
        ] {
            assert!(props.contains_key(key), "property {key} missing: {props:?}");
        }
        let slug = props["slug"].as_str().unwrap();
        assert!(seen.insert(slug.to_string()), "{slug} twice");
        let place = located
            .iter()
            .find(|p| p.slug == slug)
            .unwrap_or_else(|| panic!("{slug} is not a located fixture place"));
        let geometry = feature.geometry.as_ref().expect("geometry");
        let (lat, lon) = place.lage.unwrap();
        match &geometry.value {
            geojson::GeometryValue::Point { coordinates } => {
                assert_eq!(coordinates.as_slice(), &[lon, lat], "{slug}: [lon, lat]");
            }
            other => panic!("{slug}: not a Point: {other:?}"),
        }
        assert_eq!(props["name"], place.name.as_str());
        assert_eq!(props["kategorie"], place.kategorie.as_str());
        assert_eq!(props["bezirk"], place.bezirk.as_ref().unwrap().1.as_str());
        assert_eq!(props["kosten_frei"], place.kosten_frei);
        assert_eq!(props["kurzbeschreibung"], place.kurzbeschreibung.as_str());
        assert_eq!(
            props["url"],
            format!("https://example.org/lernorte/{slug}/").as_str()
        );
        let strings = |key: &str| -> BTreeSet<String> {
            props[key]
                .as_array()
                .unwrap_or_else(|| panic!("{key} is no list"))
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(strings("themen"), set(place.themen.clone()), "{slug}");
        assert_eq!(
            strings("zielgruppen"),
            set(place.zielgruppen.clone()),
            "{slug}"
        );
        assert!(props["rollstuhl"].is_string());
    }
    assert!(
        places
            .iter()
            .filter(|p| p.mobil)
            .all(|p| !seen.contains(&p.slug)),
        "mobile places have no point"
    );
}

/// The `<loc>` values of a sitemap.
fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| {
            s.split("</loc>")
                .next()
                .unwrap()
                .replace("&amp;", "&")
                .to_string()
        })
        .collect()
}

#[test]
fn sitemap_lists_every_page_except_404_with_absolute_urls() {
    let site = TestSite::mini();
    let out = site.tmp().join("public");
    lernorte::build(&site.options(), &out).expect("build");
    let files = read_tree(&out);
    let xml = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    let locs = sitemap_locs(&xml);
    let mut mapped = BTreeSet::new();
    for loc in &locs {
        let rest = loc
            .strip_prefix("https://example.org/")
            .unwrap_or_else(|| panic!("{loc} is not absolute under the base URL"));
        let file = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        assert!(files.contains_key(&file), "{loc} → {file} does not exist");
        assert!(mapped.insert(file), "{loc} twice");
    }
    // Pages that ask search engines to stay away (the coverage page unless it is public) are
    // not listed either.
    let pages: BTreeSet<String> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != "404.html")
        .filter(|(_, b)| {
            !String::from_utf8_lossy(b).contains("<meta name=\"robots\" content=\"noindex\">")
        })
        .map(|(p, _)| p.clone())
        .collect();
    assert!(pages.len() > 50, "{pages:?}");
    assert_eq!(mapped, pages);
    for place in fixture_places() {
        let entry = format!(
            "<loc>https://example.org/lernorte/{}/</loc><lastmod>{}</lastmod>",
            place.slug, place.geprueft_am
        );
        assert!(xml.contains(&entry), "{entry}");
    }
    let robots = String::from_utf8(files["robots.txt"].clone()).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

#[test]
fn every_internal_link_resolves_with_root_base_url() {
    let out = TestSite::mini().build();
    let problems = link_problems(&out.files, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let doc = out.html("lernorte/tierpark-neckar/index.html");
    let canonical = only(&doc, "link[rel=\"canonical\"]");
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://example.org/lernorte/tierpark-neckar/")
    );
}

#[test]
fn every_internal_link_resolves_under_a_sub_path_base_url() {
    let site = TestSite::mini();
    let out = site.build_with_base_url("https://example.org/natur/");
    let problems = link_problems(&out.files, "/natur/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check is not vacuous: pages do link internally.
    let doc = out.html("index.html");
    let stylesheet = only(&doc, "link[rel=\"stylesheet\"]");
    assert_eq!(
        stylesheet.value().attr("href"),
        Some("/natur/css/style.css")
    );
    for (path, text) in out.html_pages() {
        let doc = Html::parse_document(&text);
        let canonical = only(&doc, "link[rel=\"canonical\"]");
        let href = canonical.value().attr("href").unwrap();
        assert!(
            href.starts_with("https://example.org/natur/"),
            "{path}: {href}"
        );
    }
    let geojson = out.text("lernorte.geojson");
    assert!(
        geojson.contains("\"https://example.org/natur/lernorte/"),
        "{geojson}"
    );
    for loc in sitemap_locs(&out.text("sitemap.xml")) {
        assert!(loc.starts_with("https://example.org/natur/"), "{loc}");
    }
}

/// Markdown images are site-local (external ones are removed), so a relative path like
/// `bilder/wiese.svg` names a file below `static/`, as `bilder[].datei` does. On a page two
/// levels down it must still point to that file.
#[test]
fn markdown_image_in_a_description_points_to_the_static_file() {
    let site = TestSite::mini();
    let text = format!(
        "{}beschreibung: |\n  Blick vom Garten:\n\n  ![Eine Wiese](bilder/wiese.svg)\n",
        site.read("places/stadtgarten-mitte.yaml")
    );
    site.write("places/stadtgarten-mitte.yaml", &text);
    let out = site.build_with_base_url("https://example.org/natur/");
    let doc = out.html("lernorte/stadtgarten-mitte/index.html");
    let img = only(&doc, ".fliesstext img");
    assert_eq!(img.value().attr("alt"), Some("Eine Wiese"));
    let problems = link_problems(&out.files, "/natur/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Content errors
// ---------------------------------------------------------------------------------------------

/// `text` with `from` replaced by `to`; panics when `from` is not there.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in:\n{text}");
    text.replacen(from, to, 1)
}

/// The one finding with `code` about `file`.
fn finding<'a>(diags: &'a [Diagnostic], code: &str, file: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == code && d.file == Path::new(file))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code} in {file}, findings: {diags:#?}"
    );
    assert_eq!(found[0].severity, Severity::Error, "{:?}", found[0]);
    found[0]
}

fn line(d: &Diagnostic) -> usize {
    d.position
        .unwrap_or_else(|| panic!("no position: {d:?}"))
        .line
}

fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("no hint: {d:?}"))
}

/// The fixture's Mitte place as the starting point for broken places.
fn good_place(site: &TestSite) -> String {
    site.read("places/stadtgarten-mitte.yaml")
}

#[test]
fn error_unknown_key_with_suggestion() {
    let site = TestSite::mini();
    let text = replaced(&good_place(&site), "bezirk: Mitte", "bezrik: Mitte");
    site.write("places/tippfehler.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "unbekannter-schluessel", "places/tippfehler.yaml");
    assert_eq!(d.key.as_deref(), Some("bezrik"));
    assert_eq!(line(d), line_of(&text, "bezrik:"));
    assert!(hint(d).contains("Meinten Sie „bezirk“"), "{d:?}");
}

#[test]
fn error_wrong_type() {
    let site = TestSite::mini();
    let text = replaced(&good_place(&site), "kosten:", "mobil: vielleicht\nkosten:");
    site.write("places/typ.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "falscher-typ", "places/typ.yaml");
    assert_eq!(d.key.as_deref(), Some("mobil"));
    assert_eq!(line(d), line_of(&text, "mobil:"));
    assert!(d.message.contains("vielleicht"), "{d:?}");
    assert!(hint(d).contains("true"), "{d:?}");
}

#[test]
fn error_missing_required_key() {
    let site = TestSite::mini();
    let good = good_place(&site);
    let short = good
        .lines()
        .find(|l| l.starts_with("kurzbeschreibung:"))
        .expect("kurzbeschreibung line");
    let text = replaced(&good, &format!("{short}\n"), "");
    site.write("places/ohne-text.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "pflichtangabe-fehlt", "places/ohne-text.yaml");
    assert_eq!(d.key.as_deref(), Some("kurzbeschreibung"));
    // A missing key has no line of its own; the finding points at the start of the record.
    assert_eq!(line(d), line_of(&text, "name:"));
    assert!(d.message.contains("kurzbeschreibung"), "{d:?}");
    assert!(hint(d).contains("kurzbeschreibung:"), "{d:?}");
}

#[test]
fn error_category_outside_vocabulary_with_suggestion() {
    let site = TestSite::mini();
    let text = replaced(
        &good_place(&site),
        "kategorie: Park & Garten",
        "kategorie: Musem",
    );
    site.write("places/musem.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "unbekannter-wert", "places/musem.yaml");
    assert_eq!(d.key.as_deref(), Some("kategorie"));
    assert_eq!(line(d), line_of(&text, "kategorie:"));
    assert!(hint(d).contains("Meinten Sie „Museum“"), "{d:?}");
}

#[test]
fn error_district_outside_vocabulary_with_suggestion() {
    let site = TestSite::mini();
    let text = replaced(&good_place(&site), "bezirk: Mitte", "bezirk: Bad Canstatt");
    site.write("places/canstatt.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "unbekannter-wert", "places/canstatt.yaml");
    assert_eq!(d.key.as_deref(), Some("bezirk"));
    assert_eq!(line(d), line_of(&text, "bezirk:"));
    assert!(hint(d).contains("Meinten Sie „Bad Cannstatt“"), "{d:?}");
}

#[test]
fn error_offer_names_no_place() {
    let site = TestSite::mini();
    let text = replaced(
        &site.read("content/angebote/beete-anlegen.md"),
        "lernort: stadtgarten-mitte",
        "lernort: stadtgarten-mite",
    );
    site.write("content/angebote/verwaist.md", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "lernort-unbekannt", "content/angebote/verwaist.md");
    assert_eq!(d.key.as_deref(), Some("lernort"));
    assert_eq!(
        line(d),
        line_of(&text, "lernort:"),
        "line in the file, not in the front matter"
    );
    assert!(d.message.contains("stadtgarten-mite"), "{d:?}");
    assert!(hint(d).contains("stadtgarten-mitte"), "{d:?}");
}

#[test]
fn error_duplicate_slug() {
    let site = TestSite::mini();
    let text = good_place(&site);
    site.write("places/x.yaml", &text);
    site.write("places/x.yml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "doppeltes-kuerzel", "places/x.yml");
    assert!(d.message.contains("places/x.yaml"), "{d:?}");
    // The whole file is the problem: no key, and no line other than the first.
    assert_eq!(d.key, None);
    assert!(d.position.is_none_or(|p| p.line == 1), "{d:?}");
    assert!(
        !diags.iter().any(|d| d.file == Path::new("places/x.yaml")),
        "the first file is fine: {diags:#?}"
    );
}

#[test]
fn error_coordinates_outside_stuttgart() {
    let site = TestSite::mini();
    // Ludwigsburg
    let text = replaced(&good_place(&site), "lat: 48.7784", "lat: 48.8975");
    let text = replaced(&text, "lon: 9.18", "lon: 9.1922");
    site.write("places/ludwigsburg.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "ausserhalb-stuttgart", "places/ludwigsburg.yaml");
    assert_eq!(d.key.as_deref(), Some("lage"));
    let l = line(d);
    assert!(
        (line_of(&text, "lage:")..=line_of(&text, "lon:")).contains(&l),
        "line {l} is not in the lage block"
    );
    assert!(d.message.contains("48.8975"), "{d:?}");
}

#[test]
fn error_district_does_not_match_coordinates() {
    let site = TestSite::mini();
    let text = replaced(&good_place(&site), "bezirk: Mitte", "bezirk: Degerloch");
    site.write("places/falscher-bezirk.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "bezirk-passt-nicht", "places/falscher-bezirk.yaml");
    assert_eq!(d.key.as_deref(), Some("bezirk"));
    assert_eq!(line(d), line_of(&text, "bezirk:"));
    assert!(hint(d).contains("bezirk: Mitte"), "{d:?}");
}

#[test]
fn error_short_description_too_long() {
    let site = TestSite::mini();
    let good = good_place(&site);
    let short = good
        .lines()
        .find(|l| l.starts_with("kurzbeschreibung:"))
        .expect("kurzbeschreibung line")
        .to_string();
    let long = format!("kurzbeschreibung: {}", "Wiese und Wald. ".repeat(20));
    assert!(long.len() - "kurzbeschreibung: ".len() > 300);
    let text = replaced(&good, &short, &long);
    site.write("places/zu-lang.yaml", &text);
    // Exactly 300 characters are allowed, counted as characters and not bytes.
    let limit = replaced(
        &good,
        &short,
        &format!("kurzbeschreibung: {}", "ä".repeat(300)),
    );
    site.write("places/genau-richtig.yaml", &limit);
    let diags = site.diagnostics();
    let d = finding(&diags, "kurzbeschreibung-zu-lang", "places/zu-lang.yaml");
    assert_eq!(d.key.as_deref(), Some("kurzbeschreibung"));
    assert_eq!(line(d), line_of(&text, "kurzbeschreibung:"));
    assert!(
        !diags
            .iter()
            .any(|d| d.file == Path::new("places/genau-richtig.yaml")),
        "{diags:#?}"
    );
}

#[test]
fn error_image_without_alt() {
    let site = TestSite::mini();
    let text = format!(
        "{}bilder:\n  - datei: bilder/wiese.svg\n    credit: Testfoto\n",
        good_place(&site)
    );
    site.write("places/ohne-alt.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "alt-text-fehlt", "places/ohne-alt.yaml");
    assert_eq!(d.key.as_deref(), Some("bilder[0].alt"));
    assert_eq!(
        line(d),
        line_of(&text, "- datei:"),
        "points at the image entry"
    );
}

#[test]
fn error_yaml_syntax_with_tab_indentation() {
    let site = TestSite::mini();
    let text = replaced(&good_place(&site), "  plz:", "\tplz:");
    site.write("places/tabulator.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "yaml-syntax", "places/tabulator.yaml");
    assert_eq!(d.key, None);
    assert_eq!(line(d), line_of(&text, "\tplz:"));
    assert!(hint(d).contains("Tabulatoren"), "{d:?}");
}

/// A key written twice is a YAML error; the finding should point at one of the two lines, not
/// at the start of the file.
#[test]
fn error_duplicate_key_points_at_the_key() {
    let site = TestSite::mini();
    let good = good_place(&site);
    let text = format!("{good}themen: [Wald]\n");
    site.write("places/doppelt.yaml", &text);
    let diags = site.diagnostics();
    let d = finding(&diags, "doppelter-schluessel", "places/doppelt.yaml");
    assert!(d.message.contains("themen"), "{d:?}");
    assert_eq!(d.key.as_deref(), Some("themen"));
    let second = text.lines().count();
    assert!(text.lines().last().unwrap().starts_with("themen:"));
    assert_eq!(line(d), second, "points at the repeated key");
}

#[test]
fn error_bad_file_name() {
    let site = TestSite::mini();
    site.write("places/Mein Ort.yaml", &good_place(&site));
    let diags = site.diagnostics();
    let d = finding(&diags, "ungueltiger-dateiname", "places/Mein Ort.yaml");
    assert_eq!(d.key, None);
    assert!(d.position.is_none_or(|p| p.line == 1), "{d:?}");
    assert!(hint(d).contains("mein-ort"), "{d:?}");
}

#[test]
fn error_bad_date() {
    let site = TestSite::mini();
    let text = replaced(
        &good_place(&site),
        "geprueft_am: 2026-02-01",
        "geprueft_am: 15.09.2026",
    );
    site.write("places/datum.yaml", &text);
    let offer = replaced(
        &site.read("content/angebote/waldforscher.md"),
        "kosten:",
        "termine:\n  - 2027-05-12T09:00\n  - 2027-13-01T09:00\nkosten:",
    );
    site.write("content/angebote/termin.md", &offer);
    let diags = site.diagnostics();
    let d = finding(&diags, "ungueltiges-datum", "places/datum.yaml");
    assert_eq!(d.key.as_deref(), Some("geprueft_am"));
    assert_eq!(line(d), line_of(&text, "geprueft_am:"));
    assert!(hint(d).contains("2026-09-15"), "{d:?}");
    let d = finding(&diags, "ungueltiger-termin", "content/angebote/termin.md");
    assert_eq!(d.key.as_deref(), Some("termine[1]"));
    assert_eq!(line(d), line_of(&offer, "2027-13-01"));
}

#[test]
fn error_web_address_with_javascript_scheme() {
    let site = TestSite::mini();
    let text = format!(
        "{}kontakt:\n  web: \"javascript:alert(1)\"\n",
        good_place(&site)
    );
    site.write("places/js-link.yaml", &text);
    let offer = replaced(
        &site.read("content/angebote/waldforscher.md"),
        "kosten:",
        "buchung:\n  web: \" JavaScript:alert(1)\"\nkosten:",
    );
    site.write("content/angebote/js-buchung.md", &offer);
    let diags = site.diagnostics();
    let d = finding(&diags, "ungueltige-webadresse", "places/js-link.yaml");
    assert_eq!(d.key.as_deref(), Some("kontakt.web"));
    assert_eq!(line(d), line_of(&text, "web:"));
    let d = finding(
        &diags,
        "ungueltige-webadresse",
        "content/angebote/js-buchung.md",
    );
    assert_eq!(d.key.as_deref(), Some("buchung.web"));
    assert_eq!(line(d), line_of(&offer, "web:"));
}

#[test]
fn errors_of_several_files_come_out_in_one_run() {
    let site = TestSite::mini();
    let a = replaced(&good_place(&site), "bezirk: Mitte", "bezrik: Mitte");
    let b = replaced(
        &good_place(&site),
        "kategorie: Park & Garten",
        "kategorie: Musem",
    );
    let c = replaced(
        &site.read("content/angebote/waldforscher.md"),
        "lernort: waldheim-degerloch",
        "lernort: nirgendwo",
    );
    site.write("places/fehler-a.yaml", &a);
    site.write("places/fehler-b.yaml", &b);
    site.write("content/angebote/fehler-c.md", &c);
    let diags = site.diagnostics();
    let d = finding(&diags, "unbekannter-schluessel", "places/fehler-a.yaml");
    assert_eq!(line(d), line_of(&a, "bezrik:"));
    let d = finding(&diags, "unbekannter-wert", "places/fehler-b.yaml");
    assert_eq!(line(d), line_of(&b, "kategorie:"));
    let d = finding(&diags, "lernort-unbekannt", "content/angebote/fehler-c.md");
    assert_eq!(line(d), line_of(&c, "lernort:"));
    // The good files of the fixture are not blamed.
    for d in &diags {
        let file = d.file.to_string_lossy();
        assert!(file.contains("fehler-"), "unexpected finding: {d:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

fn lernorte_cmd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lernorte"))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_build(root: &Path, out: &Path, extra: &[&str]) -> Run {
    let output = lernorte_cmd()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run lernorte");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn cli_failed_build_reports_every_error_and_leaves_output_untouched() {
    let site = TestSite::mini();
    let out = site.tmp().join("out");
    let first = run_build(site.root(), &out, &[]);
    assert_eq!(first.code, Some(0), "{}\n{}", first.stdout, first.stderr);
    let before = read_tree(&out);
    assert!(before.contains_key("index.html"));

    let a = replaced(&good_place(&site), "bezirk: Mitte", "bezrik: Mitte");
    let b = replaced(&good_place(&site), "bezirk: Mitte", "bezirk: Bad Canstatt");
    site.write("places/kaputt-a.yaml", &a);
    site.write("places/kaputt-b.yaml", &b);
    let second = run_build(site.root(), &out, &[]);
    assert_eq!(second.code, Some(1), "{}\n{}", second.stdout, second.stderr);
    let err = &second.stderr;
    let a_at = format!("places/kaputt-a.yaml:{}:", line_of(&a, "bezrik:"));
    let b_at = format!("places/kaputt-b.yaml:{}:", line_of(&b, "bezirk:"));
    assert!(err.contains(&a_at), "stderr lacks {a_at}:\n{err}");
    assert!(err.contains(&b_at), "stderr lacks {b_at}:\n{err}");
    assert!(err.contains("[bezrik]"), "{err}");
    assert!(err.contains("[bezirk]"), "{err}");
    assert!(
        err.contains("Bad Cannstatt"),
        "the suggestion is shown:\n{err}"
    );

    let after = read_tree(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files"
    );
    assert!(
        before == after,
        "the output changed although the build failed"
    );
    let mut left: Vec<String> = std::fs::read_dir(site.tmp())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["out", "site"], "no staging folders are left behind");
}

#[test]
fn cli_exits_2_without_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("leer");
    std::fs::create_dir(&root).unwrap();
    let run = run_build(&root, &tmp.path().join("out"), &[]);
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn cli_exits_2_on_usage_errors() {
    let output = lernorte_cmd()
        .args(["build", "--gibt-es-nicht"])
        .output()
        .expect("run lernorte");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn cli_good_site_exits_0_with_a_summary() {
    let site = TestSite::mini();
    let out = site.tmp().join("out");
    let run = run_build(site.root(), &out, &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let summary = run.stdout.lines().next().unwrap_or_default();
    assert!(summary.starts_with("Fertig:"), "{}", run.stdout);
    assert!(
        summary.contains(&format!("{} Lernorte", fixture_places().len())),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("{} Angebote", fixture_offers().len())),
        "{summary}"
    );
    assert!(!run.stderr.contains("Fehler"), "no errors: {}", run.stderr);
    assert!(out.join("index.html").is_file());
    assert!(out.join("lernorte.geojson").is_file());
}

#[test]
fn cli_base_url_option_overrides_site_yaml() {
    let site = TestSite::mini();
    let out = site.tmp().join("out");
    let run = run_build(
        site.root(),
        &out,
        &["--base-url", "https://example.org/natur/"],
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let files = read_tree(&out);
    let problems = link_problems(&files, "/natur/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Untrusted content
// ---------------------------------------------------------------------------------------------

const EVIL_TEXT: &str = r#"<script>alert(2)</script> "><img src=x onerror=alert(3)>"#;

const EVIL_MARKDOWN: &str = r#"Vorsicht <script>alert(1)</script> hier.

<img src=x onerror=alert(1)>

[x](javascript:alert(1))

<a href="JAVASCRIPT:alert(1)">y</a>

<iframe src="https://evil.example"></iframe>

<style>body{display:none}</style>

<div style="position:fixed">fest</div>
"#;

/// A YAML single-quoted scalar.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn evil_place() -> String {
    let q = quoted(EVIL_TEXT);
    let mut y = String::new();
    y += &format!("name: {}\n", quoted(&format!("Hof {EVIL_TEXT}")));
    y += "kategorie: Museum\n";
    y += &format!("traeger: {q}\n");
    y += &format!("kurzbeschreibung: {q}\n");
    y += &format!("leichte_sprache: {q}\n");
    y += "beschreibung: |\n";
    for l in EVIL_MARKDOWN.lines() {
        y += &format!("  {l}\n");
    }
    y += "bezirk: Mitte\n";
    y += &format!("adresse:\n  strasse: {q}\n  plz: \"70173\"\n");
    y += "lage: { lat: 48.7784, lon: 9.18 }\n";
    y += "themen: [Wald]\nzielgruppen: [kita]\n";
    y += &format!("kosten:\n  frei: false\n  hinweis: {q}\n");
    y += &format!("barrierefreiheit:\n  rollstuhl: ja\n  hinweis: {q}\n");
    y += &format!("oeffnungszeiten: {q}\n");
    y += &format!("kontakt:\n  person: {q}\n  web: https://example.org/\n");
    y += "geprueft_am: 2026-01-01\n";
    y
}

fn evil_offer() -> String {
    let q = quoted(EVIL_TEXT);
    format!(
        "---\ntitel: {q}\nlernort: xss\nformat: Workshop\nzielgruppen: [kita]\nkosten:\n  frei: false\n  hinweis: {q}\n---\n{EVIL_MARKDOWN}"
    )
}

/// Every trace of active content in a page: script, frames, styles, event handlers and
/// javascript: URLs.
fn active_content(path: &str, text: &str) -> Vec<String> {
    let doc = Html::parse_document(text);
    let mut found = Vec::new();
    // The theme's own scripts: files of the site's js/ and vendor/ folders, nothing inline.
    let theme_script = |el: &scraper::ElementRef| {
        el.value().name() == "script"
            && el.value().attr("src").is_some_and(|s| {
                !s.contains("://") && (s.contains("/js/") || s.contains("/vendor/"))
            })
            && el.text().all(|t| t.trim().is_empty())
    };
    // Structured data and data for the theme's scripts (the coverage page's numbers): inert
    // JSON (never run), allowed when it parses and holds no `<` that could end the element early.
    let structured_data = |el: &scraper::ElementRef| {
        let text: String = el.text().collect();
        el.value().name() == "script"
            && matches!(
                el.value().attr("type"),
                Some("application/ld+json" | "application/json")
            )
            && el.value().attr("src").is_none()
            && !text.contains('<')
            && serde_json::from_str::<serde_json::Value>(&text).is_ok()
    };
    // The search page hides its form when scripts are off; the only style element allowed.
    let theme_style = |el: &scraper::ElementRef| {
        el.value().name() == "style"
            && el
                .parent()
                .and_then(|p| p.value().as_element())
                .map(|e| e.name())
                == Some("noscript")
            && el.text().collect::<String>().trim() == "#suche { display: none; }"
    };
    let mut theme_scripts = 0;
    for tag in [
        "script", "iframe", "frame", "object", "embed", "style", "base",
    ] {
        let mut n = 0;
        for el in doc.select(&sel(tag)) {
            if theme_script(&el) || structured_data(&el) {
                theme_scripts += 1;
            } else if !theme_style(&el) {
                n += 1;
            }
        }
        if n > 0 {
            found.push(format!("{path}: {n} <{tag}> element(s)"));
        }
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            let name = name.to_ascii_lowercase();
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.starts_with("on") {
                found.push(format!(
                    "{path}: <{} {name}=\"{value}\">",
                    el.value().name()
                ));
            }
            if name == "style" {
                found.push(format!("{path}: <{} style=\"{value}\">", el.value().name()));
            }
            if squeezed.starts_with("javascript:") || squeezed.starts_with("vbscript:") {
                found.push(format!(
                    "{path}: <{} {name}=\"{value}\">",
                    el.value().name()
                ));
            }
        }
    }
    if text.to_ascii_lowercase().matches("<script").count() > theme_scripts {
        found.push(format!("{path}: the text contains <script"));
    }
    found
}

#[test]
fn untrusted_content_is_escaped_or_removed_everywhere() {
    let site = TestSite::mini();
    let place = evil_place();
    let offer = evil_offer();
    site.write("places/xss.yaml", &place);
    site.write("content/angebote/xss.md", &offer);

    // The build succeeds; raw HTML is only a warning, with its line.
    let built = lernorte::build_in_memory(&site.options())
        .unwrap_or_else(|e| panic!("the build failed: {e:?}"));
    assert!(built.diagnostics.iter().all(|d| !d.is_error()));
    let warning = built
        .diagnostics
        .iter()
        .find(|d| d.code == "html-im-text" && d.file == Path::new("content/angebote/xss.md"))
        .unwrap_or_else(|| panic!("no warning about raw HTML: {:#?}", built.diagnostics));
    assert_eq!(line(warning), line_of(&offer, "<script>alert(1)"));
    assert!(
        built
            .diagnostics
            .iter()
            .any(|d| d.code == "html-im-text" && d.file == Path::new("places/xss.yaml"))
    );

    let out = site.tmp().join("out");
    let run = run_build(site.root(), &out, &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let files = read_tree(&out);
    let pages = html_pages(&files);
    let mut problems: Vec<String> = pages
        .iter()
        .flat_map(|(p, t)| active_content(p, t))
        .collect();
    problems.extend(pages.iter().flat_map(|(p, t)| page_problems(p, t)));
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The text is shown as text.
    let doc =
        Html::parse_document(&String::from_utf8(files["lernorte/xss/index.html"].clone()).unwrap());
    let heading = h1(&doc);
    assert_eq!(heading, format!("Hof {EVIL_TEXT}"));
    assert!(text_of(only(&doc, "title")).contains(EVIL_TEXT));
    assert_eq!(text_of(only(&doc, ".eintrag-kopf .einleitung")), EVIL_TEXT);
    assert_eq!(text_of(only(&doc, ".leichte-sprache p")), EVIL_TEXT);
    for label in ["Öffnungszeiten", "Kosten", "Träger"] {
        assert_eq!(fact(&doc, label).as_deref(), Some(EVIL_TEXT), "{label}");
    }
    for label in ["Adresse", "Barrierefreiheit", "Kontakt"] {
        let t = fact(&doc, label).unwrap_or_default();
        assert!(t.contains(EVIL_TEXT), "{label}: {t}");
    }
    let description = text_of(only(&doc, ".fliesstext"));
    assert!(description.contains("Vorsicht"), "{description}");
    assert!(
        description.contains("fest"),
        "harmless text survives: {description}"
    );
    assert!(!description.contains("display:none"), "{description}");

    let doc =
        Html::parse_document(&String::from_utf8(files["angebote/xss/index.html"].clone()).unwrap());
    assert_eq!(h1(&doc), EVIL_TEXT);
    assert_eq!(fact(&doc, "Kosten").as_deref(), Some(EVIL_TEXT));
    let links: Vec<&str> = doc
        .select(&sel(".fliesstext a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.is_empty(),
        "unsafe links lose their target: {links:?}"
    );

    let geojson: serde_json::Value =
        serde_json::from_slice(&files["lernorte.geojson"]).expect("JSON");
    let names: Vec<&str> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str())
        .collect();
    assert!(
        names.contains(&format!("Hof {EVIL_TEXT}").as_str()),
        "{names:?}"
    );
}

#[test]
fn place_pages_link_directions_from_the_map_settings() {
    let site = TestSite::mini();
    // Without a public-transport planner: only the route link, built from the coordinates.
    let out = site.build();
    let page = out.html("lernorte/waldheim-degerloch/index.html");
    let links: Vec<String> = page
        .select(&sel(".anfahrt a"))
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    let place = &out.built.site.places[out
        .built
        .site
        .places
        .iter()
        .position(|p| p.slug == "waldheim-degerloch")
        .expect("fixture place")];
    let lage = place.lage.expect("located");
    assert_eq!(
        links,
        [format!(
            "https://www.openstreetmap.org/directions?route=%3B{:.5}%2C{:.5}",
            lage.lat, lage.lon
        )]
    );
    assert_eq!(page.select(&sel("#karte[data-art=lernort]")).count(), 1);
    // A mobile place has no location: no map, no directions.
    let mobile = out.html("lernorte/bienenmobil/index.html");
    assert_eq!(mobile.select(&sel("#karte")).count(), 0);
    assert_eq!(mobile.select(&sel(".anfahrt")).count(), 0);

    // With a planner pattern, its link has the coordinates and the URL-encoded name.
    site.write(
        "site.yaml",
        &site.read("site.yaml").replace(
            "  zoom: 12\n",
            "  zoom: 12\n  oepnv_url: \"https://fahrplan.example.org/?ziel={lat},{lon}&name={name}\"\n",
        ),
    );
    let out = site.build();
    let page = out.html("lernorte/waldheim-degerloch/index.html");
    let planner = page
        .select(&sel(".anfahrt a"))
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("https://fahrplan.example.org/"))
        .expect("planner link")
        .to_string();
    assert!(
        planner.contains(&format!("ziel={:.5},{:.5}", lage.lat, lage.lon)),
        "{planner}"
    );
    assert!(planner.contains("name=Waldheim%20"), "{planner}");
}

#[test]
fn map_settings_must_be_web_addresses() {
    let site = TestSite::mini();
    site.write(
        "site.yaml",
        &site.read("site.yaml").replace(
            "kacheln_url: \"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"",
            "kacheln_url: \"javascript:alert(1)\"",
        ),
    );
    let diags = site.diagnostics();
    let d = diags
        .iter()
        .find(|d| d.code == "ungueltige-adresse")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.key.as_deref(), Some("karte.kacheln_url"));
    assert_eq!(line(d), line_of(&site.read("site.yaml"), "kacheln_url:"));
}

#[test]
fn map_page_names_the_tile_server_and_lists_every_category() {
    let site = TestSite::mini();
    let out = site.build();
    let page = out.html("karte/index.html");
    let karte = page.select(&sel("#karte")).next().expect("#karte");
    assert_eq!(karte.value().attr("data-art"), Some("uebersicht"));
    assert_eq!(karte.value().attr("data-zustimmung-noetig"), Some("ja"));
    assert_eq!(
        karte.value().attr("data-kacheln"),
        Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    );
    let consent = text_of(
        page.select(&sel(".karte-zustimmung"))
            .next()
            .expect("consent box"),
    );
    assert!(consent.contains("tile.openstreetmap.org"), "{consent}");
    assert_eq!(page.select(&sel("button#karte-zustimmung")).count(), 1);
    assert_eq!(
        page.select(&sel(".karten-legende li[data-kategorie]"))
            .count(),
        out.built.site.config.kategorien.len()
    );
    // The list is always there.
    assert!(page.select(&sel("main a[href='/lernorte/']")).count() >= 1);
    // District pages outline their district.
    let bezirk = out.html("bezirke/degerloch/index.html");
    assert_eq!(
        bezirk
            .select(&sel("#karte[data-art=bezirk][data-bezirk=degerloch]"))
            .count(),
        1
    );
}
