//! Structured data and page metadata: the JSON-LD of place and offer pages (parsed as JSON and
//! checked for types and key fields), the Open Graph and description tags, and the print-only
//! address block with its QR code.

mod common;

use common::*;
use scraper::Html;
use serde_json::Value;

/// The JSON-LD objects of a page.
fn json_ld(doc: &Html) -> Vec<Value> {
    doc.select(&sel(r#"script[type="application/ld+json"]"#))
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON-LD: {e}\n{text}"))
        })
        .collect()
}

fn only_json_ld(doc: &Html) -> Value {
    let mut all = json_ld(doc);
    assert_eq!(all.len(), 1, "one JSON-LD block expected, got {all:?}");
    all.remove(0)
}

fn meta(doc: &Html, attr: &str, name: &str) -> Option<String> {
    doc.select(&sel(&format!(r#"meta[{attr}="{name}"]"#)))
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_string))
}

const OFFER: &str = "---
titel: \"Nachtführung </script><script>alert(1)</script> & mehr\"
lernort: tierpark-neckar
format: Führung
zielgruppen: [grundschule, familien]
klassenstufen: { von: 3, bis: 4 }
themen: [Artenvielfalt]
dauer_minuten: 90
sprachen: [de, en]
kosten:
  frei: true
  hinweis: Spenden willkommen
termine:
  - 2027-01-15T17:30
  - 2027-07-02T21:00
---
Mit Taschenlampen durch den Tierpark.
";

fn site_with_offer() -> (TestSite, Output) {
    let site = TestSite::mini();
    site.write("content/angebote/nachtfuehrung.md", OFFER);
    let out = site.build();
    (site, out)
}

#[test]
fn place_page_describes_the_place_as_a_fitting_schema_org_type() {
    let (_site, out) = site_with_offer();
    let doc = out.html("lernorte/tierpark-neckar/index.html");
    let ld = only_json_ld(&doc);
    assert_eq!(ld["@context"], "https://schema.org");
    // The fixture's category "Zoo & Tierpark" has the slug "zoo".
    assert_eq!(ld["@type"], "Zoo");
    assert_eq!(ld["name"], "Tierpark am Neckar");
    assert_eq!(
        ld["url"], "https://example.org/lernorte/tierpark-neckar/",
        "absolute URL of the page"
    );
    let address = &ld["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert_eq!(address["streetAddress"], "Neckartalstraße 13");
    assert_eq!(address["postalCode"], "70376");
    assert_eq!(address["addressLocality"], "Stuttgart");
    assert_eq!(address["addressCountry"], "DE");
    assert_eq!(ld["geo"]["@type"], "GeoCoordinates");
    assert_eq!(ld["geo"]["latitude"], 48.80528);
    assert_eq!(ld["geo"]["longitude"], 9.20306);
    assert_eq!(ld["containedInPlace"]["name"], "Stuttgart-Bad Cannstatt");
    assert_eq!(ld["isAccessibleForFree"], false);
    let features = ld["amenityFeature"].as_array().expect("amenityFeature");
    let feature = |name: &str| {
        features
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no feature {name} in {features:?}"))["value"]
            .clone()
    };
    assert_eq!(feature("Rollstuhlgerecht"), true);
    assert_eq!(feature("Barrierefreies WC"), true);
    assert_eq!(ld["telephone"], "0711 000149-0");
    assert_eq!(ld["email"], "tierpark@example.org");
    assert_eq!(
        ld["image"][0]["contentUrl"],
        "https://example.org/bilder/wiese.svg"
    );
}

#[test]
fn mobile_provider_is_an_organisation_serving_the_city_without_a_position() {
    let (_site, out) = site_with_offer();
    let doc = out.html("lernorte/bienenmobil/index.html");
    let ld = only_json_ld(&doc);
    assert_eq!(ld["@type"], "EducationalOrganization");
    assert_eq!(ld["areaServed"]["name"], "Stuttgart");
    assert!(ld.get("geo").is_none(), "no invented position: {ld}");
}

#[test]
fn offer_page_is_a_course_with_one_instance_per_date() {
    let (_site, out) = site_with_offer();
    let path = "angebote/nachtfuehrung/index.html";
    let text = out.text(path);
    // Member text cannot end the script element early.
    assert!(!text.contains("</script><script>alert(1)"), "{text}");
    let ld = only_json_ld(&Html::parse_document(&text));
    assert_eq!(ld["@type"], "Course");
    assert_eq!(
        ld["name"], "Nachtführung </script><script>alert(1)</script> & mehr",
        "the title round-trips through the JSON"
    );
    assert_eq!(ld["url"], "https://example.org/angebote/nachtfuehrung/");
    assert_eq!(ld["provider"]["name"], "Verein Tierpark am Neckar e.V.");
    let levels: Vec<&str> = ld["educationalLevel"]
        .as_array()
        .expect("educationalLevel")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(levels, ["Grundschule", "Familien", "Klasse 3–4"]);
    assert_eq!(ld["inLanguage"], serde_json::json!(["de", "en"]));
    assert_eq!(ld["timeRequired"], "PT90M");
    assert_eq!(ld["offers"]["@type"], "Offer");
    assert_eq!(ld["offers"]["price"], 0);
    assert_eq!(ld["offers"]["priceCurrency"], "EUR");
    assert_eq!(ld["offers"]["description"], "Spenden willkommen");

    let instances = ld["hasCourseInstance"].as_array().expect("instances");
    assert_eq!(instances.len(), 2);
    // Winter time in January, summer time in July; the end is start plus the duration.
    assert_eq!(instances[0]["startDate"], "2027-01-15T17:30:00+01:00");
    assert_eq!(instances[0]["endDate"], "2027-01-15T19:00:00+01:00");
    assert_eq!(instances[1]["startDate"], "2027-07-02T21:00:00+02:00");
    assert_eq!(instances[1]["endDate"], "2027-07-02T22:30:00+02:00");
    for i in instances {
        assert_eq!(i["@type"], "CourseInstance");
        assert_eq!(i["location"]["name"], "Tierpark am Neckar");
        assert_eq!(i["location"]["address"]["postalCode"], "70376");
    }
}

#[test]
fn offer_without_dates_has_one_instance_by_arrangement() {
    let (_site, out) = site_with_offer();
    let doc = out.html("angebote/nachts-im-tierpark/index.html");
    let ld = only_json_ld(&doc);
    let instances = ld["hasCourseInstance"].as_array().expect("instances");
    assert_eq!(instances.len(), 1);
    assert!(instances[0].get("startDate").is_none());
    assert_eq!(
        instances[0]["courseSchedule"]["description"],
        "Nach Vereinbarung"
    );
    // Not free and no price given: no invented price.
    assert_eq!(ld["isAccessibleForFree"], false);
    assert!(ld["offers"].get("price").is_none(), "{}", ld["offers"]);
}

#[test]
fn every_page_has_description_and_open_graph_tags() {
    let (_site, out) = site_with_offer();
    for (path, text) in out.html_pages() {
        let doc = Html::parse_document(&text);
        let canonical = doc
            .select(&sel(r#"link[rel="canonical"]"#))
            .next()
            .and_then(|l| l.value().attr("href"))
            .unwrap_or_else(|| panic!("{path}: no canonical link"))
            .to_string();
        let description =
            meta(&doc, "name", "description").unwrap_or_else(|| panic!("{path}: no description"));
        assert!(!description.trim().is_empty(), "{path}: empty description");
        assert_eq!(
            meta(&doc, "property", "og:url").as_deref(),
            Some(canonical.as_str()),
            "{path}"
        );
        assert_eq!(
            meta(&doc, "property", "og:description").as_deref(),
            Some(description.as_str()),
            "{path}"
        );
        let title = meta(&doc, "property", "og:title").unwrap_or_default();
        assert!(!title.is_empty(), "{path}: no og:title");
        assert_eq!(
            meta(&doc, "property", "og:locale").as_deref(),
            Some("de_DE")
        );
    }
    let place = out.html("lernorte/tierpark-neckar/index.html");
    assert_eq!(
        meta(&place, "property", "og:title").as_deref(),
        Some("Tierpark am Neckar")
    );
    assert_eq!(
        meta(&place, "property", "og:image").as_deref(),
        Some("https://example.org/bilder/wiese.svg")
    );
    assert_eq!(
        meta(&place, "property", "og:image:alt").as_deref(),
        Some("Eine grüne Wiese unter blauem Himmel")
    );
}

#[test]
fn place_and_offer_pages_carry_their_address_and_qr_code_for_print() {
    let (_site, out) = site_with_offer();
    for (path, url) in [
        (
            "lernorte/tierpark-neckar/index.html",
            "https://example.org/lernorte/tierpark-neckar/",
        ),
        (
            "angebote/nachtfuehrung/index.html",
            "https://example.org/angebote/nachtfuehrung/",
        ),
    ] {
        let doc = out.html(path);
        let block = doc
            .select(&sel(".druck-adresse"))
            .next()
            .unwrap_or_else(|| panic!("{path}: no print address block"));
        assert_eq!(
            block
                .select(&sel(".druck-url"))
                .next()
                .map(text_of)
                .as_deref(),
            Some(url),
            "{path}"
        );
        let svg = block
            .select(&sel(".druck-qr svg[role=img]"))
            .next()
            .unwrap_or_else(|| panic!("{path}: no QR code"));
        assert!(
            svg.value()
                .attr("aria-label")
                .is_some_and(|l| l.starts_with("QR-Code")),
            "{path}: the QR code needs an accessible name"
        );
        let path_data = svg
            .select(&sel("path"))
            .next()
            .and_then(|p| p.value().attr("d"))
            .unwrap_or_default();
        assert!(path_data.len() > 200, "{path}: empty QR code");
    }
    // Offer pages name where the offer takes place.
    let offer = out.html("angebote/nachtfuehrung/index.html");
    let facts: String = offer.select(&sel(".fakten")).map(text_of).collect();
    assert!(
        facts.contains("Neckartalstraße 13, 70376 Stuttgart"),
        "{facts}"
    );
}
