//! `/lernorte.geojson`: one RFC 7946 Point feature per place that has a location.

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue};

use crate::model::{Site, Taxonomy};

/// The properties of each feature, in German for the page `/daten/`.
pub const PROPERTIES: [(&str, &str); 13] = [
    ("slug", "Kürzel des Lernorts (auch die id des Punkts)."),
    (
        "dok",
        "Nummer des Lernorts im Suchindex dieser Website (nur für die Karte).",
    ),
    ("name", "Name des Lernorts."),
    ("kategorie", "Kürzel der Kategorie."),
    ("kategorie_name", "Name der Kategorie."),
    ("bezirk", "Kürzel des Stadtbezirks, oder null."),
    ("bezirk_name", "Name des Stadtbezirks, oder null."),
    ("themen", "Kürzel der Themen."),
    ("zielgruppen", "Kürzel der Zielgruppen."),
    ("kosten_frei", "true, wenn der Besuch kostenlos ist."),
    (
        "rollstuhl",
        "Zugänglichkeit mit dem Rollstuhl: ja, teilweise, nein oder unbekannt.",
    ),
    ("url", "Adresse der Seite des Lernorts."),
    ("kurzbeschreibung", "Kurzer Text ohne Formatierung."),
];

pub fn places_geojson(site: &Site) -> String {
    let base = &site.config.base_url;
    let features: Vec<Feature> = site
        .places
        .iter()
        .enumerate()
        .filter_map(|(dok, p)| {
            let lage = p.lage?;
            let term = |t: Taxonomy, i: usize| site.vocabulary(t).get(i).slug.clone();
            let mut props = JsonObject::new();
            props.insert("slug".into(), JsonValue::from(p.slug.clone()));
            // The place's number in the search index (places come first, in this order), so
            // that the map can show a result set without loading slugs.
            props.insert("dok".into(), JsonValue::from(dok));
            props.insert("name".into(), JsonValue::from(p.name.clone()));
            props.insert(
                "kategorie".into(),
                JsonValue::from(term(Taxonomy::Kategorien, p.kategorie)),
            );
            props.insert(
                "kategorie_name".into(),
                JsonValue::from(site.config.kategorien.get(p.kategorie).name.clone()),
            );
            props.insert(
                "bezirk".into(),
                p.bezirk.map_or(JsonValue::Null, |b| {
                    JsonValue::from(term(Taxonomy::Bezirke, b))
                }),
            );
            props.insert(
                "bezirk_name".into(),
                p.bezirk.map_or(JsonValue::Null, |b| {
                    JsonValue::from(site.districts.list[b].name.clone())
                }),
            );
            props.insert(
                "themen".into(),
                p.themen
                    .iter()
                    .map(|&i| term(Taxonomy::Themen, i))
                    .collect(),
            );
            props.insert(
                "zielgruppen".into(),
                p.zielgruppen
                    .iter()
                    .map(|&i| term(Taxonomy::Zielgruppen, i))
                    .collect(),
            );
            props.insert("kosten_frei".into(), JsonValue::from(p.kosten.frei));
            props.insert("rollstuhl".into(), JsonValue::from(p.rollstuhl().slug()));
            props.insert(
                "url".into(),
                JsonValue::from(format!("{base}lernorte/{}/", p.slug)),
            );
            props.insert(
                "kurzbeschreibung".into(),
                JsonValue::from(p.kurzbeschreibung.clone()),
            );
            Some(Feature {
                bbox: None,
                // RFC 7946: [longitude, latitude]
                geometry: Some(Geometry::new(GeometryValue::new_point([
                    lage.lon, lage.lat,
                ]))),
                id: Some(geojson::feature::Id::String(p.slug.clone())),
                properties: Some(props),
                foreign_members: None,
            })
        })
        .collect();
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
    .to_string()
}
