//! Structured data (schema.org JSON-LD) for place and offer pages, so that search engines and
//! other tools read a place's address, position and accessibility, and an offer's audience,
//! costs and dates, without scraping the HTML.
//!
//! A place becomes the schema.org type that fits its category (`Museum`, `Zoo`, `Park`,
//! `BodyOfWater`, ...; `Place` otherwise); a mobile provider, which has no place, becomes an
//! `EducationalOrganization` serving the city. An offer becomes a `Course` with one
//! `CourseInstance` per date.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde_json::{Map, Value, json};

use crate::format;
use crate::model::offer::Offer;
use crate::model::place::{Place, Wheelchair};
use crate::model::{Site, Taxonomy};

/// The schema.org type for a place of the category `slug`. Categories are the site's own
/// vocabulary, so this goes by the words in the slug; unknown categories stay `Place`.
pub fn place_type(category_slug: &str, mobile: bool) -> &'static str {
    if mobile {
        return "EducationalOrganization";
    }
    let has = |word: &str| category_slug.split('-').any(|w| w == word);
    if has("museum") {
        "Museum"
    } else if has("zoo") || has("tierpark") || has("wildpark") {
        "Zoo"
    } else if has("aquarium") {
        "Aquarium"
    } else if has("park") || has("garten") {
        "Park"
    } else if has("gewaesser") || has("see") || has("bach") {
        "BodyOfWater"
    } else if has("sternwarte") || has("planetarium") || has("umweltzentrum") {
        // Buildings open to the public without a closer schema.org type.
        "CivicStructure"
    } else {
        "Place"
    }
}

/// Serialises `value` for a `<script type="application/ld+json">` element: `<` is written as
/// `\u003c`, which JSON readers decode, so member text can never close the script element.
pub fn to_script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    text.replace('<', "\\u003c")
}

fn absolute(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url)
}

pub fn place_url(site: &Site, place: &Place) -> String {
    absolute(site, &format!("lernorte/{}/", place.slug))
}

pub fn offer_url(site: &Site, offer: &Offer) -> String {
    absolute(site, &format!("angebote/{}/", offer.slug))
}

fn term_names(site: &Site, t: Taxonomy, indexes: &[usize]) -> Vec<String> {
    let vocab = site.vocabulary(t);
    indexes.iter().map(|&i| vocab.get(i).name.clone()).collect()
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_string(), v);
    }
}

fn postal_address(place: &Place) -> Option<Value> {
    place.adresse.as_ref().map(|a| {
        json!({
            "@type": "PostalAddress",
            "streetAddress": a.strasse,
            "postalCode": a.plz,
            "addressLocality": a.ort,
            "addressRegion": "Baden-Württemberg",
            "addressCountry": "DE",
        })
    })
}

fn geo(place: &Place) -> Option<Value> {
    place
        .lage
        .map(|l| json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon}))
}

fn district(site: &Site, place: &Place) -> Option<Value> {
    place.bezirk.map(|b| {
        json!({
            "@type": "AdministrativeArea",
            "name": format!("Stuttgart-{}", site.districts.list[b].name),
        })
    })
}

/// Wheelchair access and a step-free toilet as `amenityFeature`s, the schema.org way of saying
/// what a place offers; unknown values are left out rather than guessed.
fn accessibility_features(place: &Place) -> Vec<Value> {
    let mut features = Vec::new();
    let Some(access) = &place.barrierefreiheit else {
        return features;
    };
    let wheelchair = match access.rollstuhl {
        Wheelchair::Ja => Some(json!(true)),
        Wheelchair::Nein => Some(json!(false)),
        Wheelchair::Teilweise => Some(json!("teilweise")),
        Wheelchair::Unbekannt => None,
    };
    if let Some(value) = wheelchair {
        features.push(json!({
            "@type": "LocationFeatureSpecification",
            "name": "Rollstuhlgerecht",
            "value": value,
        }));
    }
    if let Some(wc) = access.wc {
        features.push(json!({
            "@type": "LocationFeatureSpecification",
            "name": "Barrierefreies WC",
            "value": wc,
        }));
    }
    features
}

/// The JSON-LD object of a place page.
pub fn place(site: &Site, place: &Place) -> Value {
    let category = site.config.kategorien.get(place.kategorie);
    let url = place_url(site, place);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert(
        "@type".into(),
        json!(place_type(&category.slug, place.mobil)),
    );
    m.insert("@id".into(), json!(format!("{url}#lernort")));
    m.insert("name".into(), json!(place.name));
    m.insert("description".into(), json!(place.kurzbeschreibung));
    m.insert("url".into(), json!(url));
    if place.mobil {
        m.insert(
            "areaServed".into(),
            json!({"@type": "City", "name": "Stuttgart"}),
        );
    }
    insert_some(&mut m, "address", postal_address(place));
    insert_some(&mut m, "geo", geo(place));
    if !place.mobil {
        insert_some(&mut m, "containedInPlace", district(site, place));
        m.insert("isAccessibleForFree".into(), json!(place.kosten.frei));
        let features = accessibility_features(place);
        if !features.is_empty() {
            m.insert("amenityFeature".into(), Value::Array(features));
        }
        if let Some(hinweis) = place
            .barrierefreiheit
            .as_ref()
            .and_then(|a| a.hinweis.clone())
        {
            m.insert("accessibilitySummary".into(), json!(hinweis));
        }
    }
    if let Some(k) = &place.kontakt {
        insert_some(&mut m, "telephone", k.telefon.clone().map(Value::from));
        insert_some(&mut m, "email", k.email.clone().map(Value::from));
        insert_some(&mut m, "sameAs", k.web.clone().map(Value::from));
    }
    // Place has no property for who runs it; an organisation does.
    if let (true, Some(t)) = (place.mobil, &place.traeger) {
        m.insert(
            "parentOrganization".into(),
            json!({"@type": "Organization", "name": t}),
        );
    }
    let images: Vec<Value> = place
        .bilder
        .iter()
        .map(|b| {
            json!({
                "@type": "ImageObject",
                "contentUrl": absolute(site, &b.datei),
                "description": b.alt,
            })
        })
        .collect();
    if !images.is_empty() {
        m.insert("image".into(), Value::Array(images));
    }
    let keywords = term_names(site, Taxonomy::Themen, &place.themen);
    if !keywords.is_empty() {
        m.insert("keywords".into(), json!(keywords.join(", ")));
    }
    Value::Object(m)
}

/// Europe/Berlin's UTC offset at a local time: CEST (+02:00) from the last Sunday of March,
/// 02:00, to the last Sunday of October, 03:00; CET (+01:00) otherwise. The EU rule has held
/// since 1996; a whole time zone database would be a heavy dependency for one zone.
pub fn berlin_offset(local: NaiveDateTime) -> &'static str {
    fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = first_of_next - Duration::days(1);
        let back = last.weekday().num_days_from_sunday();
        Some(last - Duration::days(i64::from(back)))
    }
    let year = local.year();
    let (Some(start), Some(end)) = (last_sunday(year, 3), last_sunday(year, 10)) else {
        return "+01:00";
    };
    debug_assert_eq!(start.weekday(), Weekday::Sun);
    let summer_from = start.and_hms_opt(2, 0, 0);
    let summer_until = end.and_hms_opt(3, 0, 0);
    match (summer_from, summer_until) {
        (Some(from), Some(until)) if local >= from && local < until => "+02:00",
        _ => "+01:00",
    }
}

fn iso_local(t: NaiveDateTime) -> String {
    format!("{}{}", t.format("%Y-%m-%dT%H:%M:%S"), berlin_offset(t))
}

/// A place as the `location` of a course instance: name, address and position.
fn location(site: &Site, place: &Place) -> Value {
    if place.mobil {
        return json!({
            "@type": "Place",
            "name": "In der eigenen Kita oder Schule (mobiles Angebot, ganz Stuttgart)",
            "address": {"@type": "PostalAddress", "addressLocality": "Stuttgart", "addressCountry": "DE"},
        });
    }
    let mut m = Map::new();
    m.insert("@type".into(), json!("Place"));
    m.insert(
        "@id".into(),
        json!(format!("{}#lernort", place_url(site, place))),
    );
    m.insert("name".into(), json!(place.name));
    insert_some(&mut m, "address", postal_address(place));
    insert_some(&mut m, "geo", geo(place));
    Value::Object(m)
}

/// The JSON-LD object of an offer page.
pub fn offer(site: &Site, offer: &Offer) -> Value {
    let place = &site.places[offer.place];
    let url = offer_url(site, offer);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("Course"));
    m.insert("@id".into(), json!(format!("{url}#angebot")));
    m.insert("name".into(), json!(offer.titel));
    let description = if offer.auszug.is_empty() {
        offer.titel.clone()
    } else {
        offer.auszug.clone()
    };
    m.insert("description".into(), json!(description));
    m.insert("url".into(), json!(url));
    m.insert(
        "provider".into(),
        json!({
            "@type": "Organization",
            "name": place.traeger.clone().unwrap_or_else(|| place.name.clone()),
            "url": place_url(site, place),
        }),
    );
    let mut levels = term_names(site, Taxonomy::Zielgruppen, &offer.zielgruppen);
    if let Some(text) = offer
        .klassenstufen
        .and_then(|r| format::range("Klasse ", "", r.von, r.bis))
    {
        levels.push(text);
    }
    m.insert("educationalLevel".into(), json!(levels));
    let topics = term_names(site, Taxonomy::Themen, &offer.themen);
    if !topics.is_empty() {
        m.insert("keywords".into(), json!(topics.join(", ")));
    }
    if !offer.sprachen.is_empty() {
        m.insert("inLanguage".into(), json!(offer.sprachen));
    }
    insert_some(
        &mut m,
        "timeRequired",
        offer.dauer_minuten.map(|d| json!(format!("PT{d}M"))),
    );
    let mut costs = Map::new();
    costs.insert("@type".into(), json!("Offer"));
    costs.insert(
        "category".into(),
        json!(if offer.kosten.frei {
            "Kostenlos"
        } else {
            "Kostenpflichtig"
        }),
    );
    if offer.kosten.frei {
        costs.insert("price".into(), json!(0));
        costs.insert("priceCurrency".into(), json!("EUR"));
    }
    insert_some(
        &mut costs,
        "description",
        offer.kosten.hinweis.clone().map(Value::from),
    );
    costs.insert("url".into(), json!(url));
    m.insert("offers".into(), Value::Object(costs));
    m.insert("isAccessibleForFree".into(), json!(offer.kosten.frei));
    let instance = |start: Option<NaiveDateTime>| {
        let mut i = Map::new();
        i.insert("@type".into(), json!("CourseInstance"));
        i.insert("courseMode".into(), json!("Onsite"));
        i.insert("location".into(), location(site, place));
        if let Some(t) = start {
            i.insert("startDate".into(), json!(iso_local(t)));
            if let Some(d) = offer.dauer_minuten {
                let end = t + Duration::minutes(i64::from(d));
                i.insert("endDate".into(), json!(iso_local(end)));
            }
        } else {
            i.insert(
                "courseSchedule".into(),
                json!({"@type": "Schedule", "description": "Nach Vereinbarung"}),
            );
        }
        Value::Object(i)
    };
    let instances: Vec<Value> = if offer.termine.is_empty() {
        vec![instance(None)]
    } else {
        offer.termine.iter().map(|&t| instance(Some(t))).collect()
    };
    m.insert("hasCourseInstance".into(), Value::Array(instances));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test date")
    }

    #[test]
    fn berlin_offsets_follow_the_eu_rule() {
        // 2027: summer time from 28 March 02:00 to 31 October 03:00.
        assert_eq!(berlin_offset(at("2027-03-28T01:59")), "+01:00");
        assert_eq!(berlin_offset(at("2027-03-28T03:00")), "+02:00");
        assert_eq!(berlin_offset(at("2027-07-01T12:00")), "+02:00");
        assert_eq!(berlin_offset(at("2027-10-31T02:30")), "+02:00");
        assert_eq!(berlin_offset(at("2027-10-31T03:00")), "+01:00");
        assert_eq!(berlin_offset(at("2027-12-24T18:00")), "+01:00");
        // 2026: 29 March and 25 October.
        assert_eq!(berlin_offset(at("2026-03-29T10:00")), "+02:00");
        assert_eq!(berlin_offset(at("2026-10-25T10:00")), "+01:00");
    }

    #[test]
    fn category_slugs_map_to_schema_types() {
        assert_eq!(place_type("museum", false), "Museum");
        assert_eq!(place_type("zoo", false), "Zoo");
        assert_eq!(place_type("park-garten", false), "Park");
        assert_eq!(place_type("gewaesser", false), "BodyOfWater");
        assert_eq!(place_type("bauernhof-jugendfarm", false), "Place");
        assert_eq!(
            place_type("mobiles-angebot", true),
            "EducationalOrganization"
        );
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = json!({"name": "</script><script>alert(1)</script>"});
        let text = to_script_json(&v);
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, v);
    }
}
