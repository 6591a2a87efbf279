//! The JSON Schemas for editors (`lernorte schema`): `lernort.schema.json` for place files and
//! `angebot.schema.json` for the front matter of offers. Editors such as VS Code with the YAML
//! extension use them for completion, German hover help and checks while typing.
//!
//! The structure (keys, types, unknown keys refused) is derived with schemars from the file
//! types in `model::place` and `model::offer`, where the German descriptions live. This module
//! adds what those types cannot know: which keys validation requires, the site's vocabularies
//! and the districts as `enum`s, and the value formats that validation checks. It also owns the
//! `JsonSchema` impl of [`Text`].
//!
//! The parser and the validator stay the authority. The schema accepts every structure they
//! accept and refuses every structure they refuse (unknown keys, wrong types, missing required
//! keys). For values it is close but not equal: it lists vocabulary terms in their written
//! spellings where validation also ignores case and extra spaces, and it cannot express a
//! district against the coordinates, references to other files or ranges between two keys;
//! `tests/schema.rs` names these gaps.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Sources};
use crate::format;
use crate::load;
use crate::model::districts::{self, BOUNDARIES_GEOJSON, Districts};
use crate::model::offer::OfferFile;
use crate::model::place::PlaceFile;
use crate::model::vocab::Vocabulary;
use crate::validate::MAX_SHORT_DESCRIPTION;
use crate::yaml::Text;

/// The schema of `places/<slug>.yaml`. Templates written by `lernorte new` refer to this name.
pub const PLACE_SCHEMA: &str = "lernort.schema.json";
/// The schema of the front matter of `content/angebote/<slug>.md`.
pub const OFFER_SCHEMA: &str = "angebot.schema.json";
/// The folder below the site root that the schemas are written to by default.
pub const SCHEMA_DIR: &str = "schemas";

const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// One generated schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    pub name: &'static str,
    /// Pretty-printed JSON with sorted keys and a trailing newline.
    pub json: String,
}

/// Why no schemas were written.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("In {0} gibt es keine site.yaml; das ist kein lernorte-Projekt.")]
    NotASite(PathBuf),
    #[error("Die site.yaml enthält Fehler.")]
    Config {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
    },
    #[error("{path} konnte nicht geschrieben werden: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Text accepts strings and numbers (see [`Text`]), so the schema does too; booleans, lists and
/// maps are refused like by the parser.
impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number"] })
    }
}

/// Both schemas for the site, with its vocabularies.
pub fn schemas(config: &SiteConfig) -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: PLACE_SCHEMA,
            json: to_json(place_schema(config)),
        },
        SchemaFile {
            name: OFFER_SCHEMA,
            json: to_json(offer_schema(config)),
        },
    ]
}

/// Reads `site.yaml` below `root` and writes both schemas to `out`. Returns the written files.
pub fn generate(root: &Path, out: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    let site_file = Path::new(config::SITE_FILE);
    if !root.join(site_file).is_file() {
        return Err(SchemaError::NotASite(root.to_path_buf()));
    }
    let mut diagnostics = Vec::new();
    let mut sources = Sources::default();
    let config = load::read_text(root, site_file, &mut diagnostics).and_then(|text| {
        sources.insert(site_file.to_path_buf(), text.clone());
        SiteConfig::parse(&text, None, &mut diagnostics)
    });
    let Some(config) = config else {
        crate::diagnostics::sort(&mut diagnostics);
        return Err(SchemaError::Config {
            diagnostics,
            sources,
        });
    };
    fs::create_dir_all(out).map_err(|source| SchemaError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for file in schemas(&config) {
        let path = out.join(file.name);
        fs::write(&path, file.json).map_err(|source| SchemaError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The schema of a place file.
pub fn place_schema(config: &SiteConfig) -> Value {
    let mut s = derived::<PlaceFile>();
    header(
        &mut s,
        config,
        PLACE_SCHEMA,
        format!("Lernort ({})", config.titel),
        "Ein Lernort: eine Datei „places/<kürzel>.yaml“. Der Dateiname (ohne „.yaml“) ist das Kürzel, unter dem Angebote den Lernort nennen.",
    );

    require(
        &mut s,
        "",
        &[
            "name",
            "kategorie",
            "kurzbeschreibung",
            "themen",
            "zielgruppen",
            "kosten",
            "geprueft_am",
        ],
    );
    vocabulary(&mut s, "kategorie", &config.kategorien);
    vocabulary(&mut s, "themen[]", &config.themen);
    vocabulary(&mut s, "zielgruppen[]", &config.zielgruppen);
    for list in ["themen", "zielgruppen"] {
        node(&mut s, list).insert("minItems".into(), json!(1));
    }
    vocabulary(&mut s, "bezirk", &Districts::builtin().vocabulary);
    node(&mut s, "kurzbeschreibung").insert("maxLength".into(), json!(MAX_SHORT_DESCRIPTION));
    date(&mut s, "geprueft_am");

    // Without `mobil: true` a place needs a location; with it, all three may be left out.
    s.insert(
        "if".into(),
        json!({ "properties": { "mobil": { "const": true } }, "required": ["mobil"] }),
    );
    s.insert(
        "else".into(),
        json!({
            "required": ["bezirk", "adresse", "lage"],
            "properties": {
                "bezirk": { "type": "string" },
                "adresse": { "type": "object" },
                "lage": { "type": "object" },
            },
        }),
    );

    require(&mut s, "adresse", &["strasse", "plz"]);
    postcode(&mut s, "adresse.plz");
    require(&mut s, "lage", &["lat", "lon"]);
    if let Some(b) = city_bounds() {
        for (key, min, max) in [("lat", b.min_lat, b.max_lat), ("lon", b.min_lon, b.max_lon)] {
            let n = node(&mut s, &format!("lage.{key}"));
            n.insert("minimum".into(), json!(min));
            n.insert("maximum".into(), json!(max));
        }
    }
    require(&mut s, "oepnv[]", &["haltestelle"]);
    require(&mut s, "kosten", &["frei"]);
    contact(&mut s, "kontakt");
    require(&mut s, "bilder[]", &["datei", "alt"]);
    languages(&mut s, "sprachen[]");
    let sdg = node(&mut s, "sdgs[]");
    sdg.insert("minimum".into(), json!(1));
    sdg.insert("maximum".into(), json!(17));
    Value::Object(s)
}

/// The schema of an offer's front matter.
pub fn offer_schema(config: &SiteConfig) -> Value {
    let mut s = derived::<OfferFile>();
    header(
        &mut s,
        config,
        OFFER_SCHEMA,
        format!("Angebot ({})", config.titel),
        "Der Vorspann eines Angebots in „content/angebote/<kürzel>.md“: die Angaben zwischen den beiden Zeilen „---“ am Anfang der Datei. Danach folgt die Beschreibung in Markdown.",
    );

    require(
        &mut s,
        "",
        &["titel", "lernort", "format", "zielgruppen", "kosten"],
    );
    // Place files are named by their slug; the loader refuses any other file name.
    let lernort = node(&mut s, "lernort");
    set_types(lernort, &["string"]);
    lernort.insert("pattern".into(), json!("^[a-z0-9]+(-[a-z0-9]+)*$"));
    vocabulary(&mut s, "format", &config.formate);
    vocabulary(&mut s, "zielgruppen[]", &config.zielgruppen);
    node(&mut s, "zielgruppen").insert("minItems".into(), json!(1));
    vocabulary(&mut s, "themen[]", &config.themen);

    for key in ["von", "bis"] {
        let n = node(&mut s, &format!("klassenstufen.{key}"));
        n.insert("minimum".into(), json!(1));
        n.insert("maximum".into(), json!(13));
        n.insert(
            "description".into(),
            json!(if key == "von" {
                "Niedrigste Klassenstufe (1 bis 13)."
            } else {
                "Höchste Klassenstufe (1 bis 13)."
            }),
        );
        node(&mut s, &format!("alter.{key}")).insert(
            "description".into(),
            json!(if key == "von" {
                "Mindestalter in Jahren."
            } else {
                "Höchstalter in Jahren."
            }),
        );
    }
    require(&mut s, "kosten", &["frei"]);
    contact(&mut s, "buchung");
    let termin = node(&mut s, "termine[]");
    set_types(termin, &["string"]);
    // The three forms validation parses: with `T`, with `T` and seconds, or with a space.
    termin.insert(
        "pattern".into(),
        json!(
            r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?| [0-9]{2}:[0-9]{2})\s*$"
        ),
    );
    languages(&mut s, "sprachen[]");
    Value::Object(s)
}

/// The schema schemars derives for `T`, with every subschema inline, so that the paths used
/// here (and the hover help in editors) need no `$ref`.
fn derived<T: JsonSchema>() -> Map<String, Value> {
    let mut schema = SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator()
        .into_root_schema_for::<T>();
    std::mem::take(schema.ensure_object())
}

fn header(
    s: &mut Map<String, Value>,
    config: &SiteConfig,
    name: &str,
    title: String,
    description: &str,
) {
    s.insert("$schema".into(), json!(DRAFT_2020_12));
    s.insert(
        "$id".into(),
        json!(format!("{}{SCHEMA_DIR}/{name}", config.base_url)),
    );
    s.insert("title".into(), json!(title));
    s.insert("description".into(), json!(description));
}

/// The schema node at `path`: keys separated by `.`, `[]` after a key for its list items.
/// The paths are fixed in this module and name keys of the file types, so a wrong one is a bug
/// that every run (and every test) hits at once.
fn node<'a>(s: &'a mut Map<String, Value>, path: &str) -> &'a mut Map<String, Value> {
    let mut current = s;
    for segment in path.split('.').filter(|p| !p.is_empty()) {
        let (key, items) = match segment.strip_suffix("[]") {
            Some(key) => (key, true),
            None => (segment, false),
        };
        let mut next = current
            .get_mut("properties")
            .and_then(|p| p.get_mut(key))
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("schema has no key {key:?} (path {path:?})"));
        if items {
            next = next
                .get_mut("items")
                .and_then(Value::as_object_mut)
                .unwrap_or_else(|| panic!("{key:?} is not a list (path {path:?})"));
        }
        current = next;
    }
    current
}

/// Sets the JSON types of a node, keeping `null` when the node allowed it (an optional key may
/// be left empty in YAML).
fn set_types(n: &mut Map<String, Value>, types: &[&str]) {
    let nullable = allows_null(n);
    let mut list: Vec<Value> = types.iter().map(|t| json!(t)).collect();
    if nullable {
        list.push(json!("null"));
    }
    let value = if list.len() == 1 {
        list.remove(0)
    } else {
        Value::Array(list)
    };
    n.insert("type".into(), value);
}

fn allows_null(n: &Map<String, Value>) -> bool {
    match n.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
        _ => false,
    }
}

/// Marks `keys` of the object at `path` as required. An empty value counts as missing in
/// validation, so required keys also lose `null` and texts must not be empty.
fn require(s: &mut Map<String, Value>, path: &str, keys: &[&str]) {
    let object = node(s, path);
    let required = object
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        list.extend(keys.iter().map(|k| json!(k)));
    }
    for key in keys {
        let n = node(object, key);
        if let Some(Value::Array(types)) = n.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types.remove(0);
                n.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(values)) = n.get_mut("enum") {
            values.retain(|v| !v.is_null());
        }
        let is_text = match n.get("type") {
            Some(Value::String(t)) => t == "string",
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
            _ => false,
        };
        if is_text {
            n.insert("minLength".into(), json!(1));
        }
    }
}

/// A vocabulary (from site.yaml, or the districts): validation accepts a term's name, its slug
/// or another name such as "Stuttgart-Mitte", ignoring case and extra spaces. The schema lists
/// these spellings as they are, to offer them for completion.
fn vocabulary(s: &mut Map<String, Value>, path: &str, vocab: &Vocabulary) {
    let values: Vec<String> = vocab
        .terms
        .iter()
        .flat_map(|t| {
            [t.name.clone(), t.slug.clone()]
                .into_iter()
                .chain(t.aliases.iter().cloned())
        })
        .collect();
    enumerate(s, path, values);
    example(s, path, vocab);
}

/// The first term's name as example for the key (for a list: a list of it).
fn example(s: &mut Map<String, Value>, path: &str, vocab: &Vocabulary) {
    let Some(first) = vocab.terms.first() else {
        return;
    };
    let (key, value) = match path.strip_suffix("[]") {
        Some(list) => (list, json!([first.name])),
        None => (path, json!(first.name)),
    };
    node(s, key).insert("examples".into(), json!([value]));
}

/// Restricts the node at `path` (a single value or list items) to `values`.
fn enumerate(s: &mut Map<String, Value>, path: &str, mut values: Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.clone()));
    let n = node(s, path);
    let nullable = allows_null(n);
    set_types(n, &["string"]);
    let mut list: Vec<Value> = values.into_iter().map(Value::String).collect();
    if nullable {
        list.push(Value::Null);
    }
    n.insert("enum".into(), Value::Array(list));
    // An empty text is not among the values anyway.
    n.remove("minLength");
}

fn date(s: &mut Map<String, Value>, path: &str) {
    let n = node(s, path);
    set_types(n, &["string"]);
    n.insert("format".into(), json!("date"));
    n.insert(
        "pattern".into(),
        json!(r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"),
    );
}

/// Five digits; written without quotes, a postcode is a number.
fn postcode(s: &mut Map<String, Value>, path: &str) {
    let n = node(s, path);
    set_types(n, &["string", "integer"]);
    n.insert("pattern".into(), json!(r"^\s*[0-9]{5}\s*$"));
    n.insert("minimum".into(), json!(10000));
    n.insert("maximum".into(), json!(99999));
}

/// Web address, e-mail and phone as validation checks them.
fn contact(s: &mut Map<String, Value>, path: &str) {
    let web = node(s, &format!("{path}.web"));
    set_types(web, &["string"]);
    // Addresses starting with "www." are accepted with a warning and get "https://".
    web.insert("pattern".into(), json!(r"^\s*(https?://|www\.)\S+\s*$"));
    let email = node(s, &format!("{path}.email"));
    set_types(email, &["string"]);
    email.insert(
        "pattern".into(),
        json!(r"^\s*[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]\s*$"),
    );
    let phone = node(s, &format!("{path}.telefon"));
    // 6 to 15 digits with spaces, +, -, / and brackets in between.
    phone.insert(
        "pattern".into(),
        json!(r"^\s*([ +\-/()]*[0-9]){6,15}[ +\-/()]*\s*$"),
    );
}

/// ISO 639-1 codes that the site knows a German name for.
fn languages(s: &mut Map<String, Value>, path: &str) {
    let values = format::language_codes().map(str::to_string).collect();
    enumerate(s, path, values);
}

/// A box around Stuttgart, with the tolerance that validation allows at the city boundary. It
/// catches swapped or mistyped coordinates while typing; whether a point really lies in the
/// city (and in its district) only validation can tell.
struct Bounds {
    min_lat: f64,
    max_lat: f64,
    min_lon: f64,
    max_lon: f64,
}

fn city_bounds() -> Option<Bounds> {
    let geojson: Value = serde_json::from_str(BOUNDARIES_GEOJSON).ok()?;
    let mut points = Vec::new();
    for feature in geojson.get("features")?.as_array()? {
        collect_points(feature.pointer("/geometry/coordinates")?, &mut points);
    }
    let (first_lon, first_lat) = *points.first()?;
    let mut b = Bounds {
        min_lat: first_lat,
        max_lat: first_lat,
        min_lon: first_lon,
        max_lon: first_lon,
    };
    for &(lon, lat) in &points {
        b.min_lat = b.min_lat.min(lat);
        b.max_lat = b.max_lat.max(lat);
        b.min_lon = b.min_lon.min(lon);
        b.max_lon = b.max_lon.max(lon);
    }
    // A degree is at least 73 km here (of longitude; of latitude 111 km), so this margin is
    // never smaller than the tolerance in either direction.
    let margin = districts::TOLERANCE_M / 70_000.0;
    // Rounded outwards to two decimals: easy to read, and never narrower than validation.
    let down = |x: f64| (x * 100.0).floor() / 100.0;
    let up = |x: f64| (x * 100.0).ceil() / 100.0;
    Some(Bounds {
        min_lat: down(b.min_lat - margin),
        max_lat: up(b.max_lat + margin),
        min_lon: down(b.min_lon - margin),
        max_lon: up(b.max_lon + margin),
    })
}

/// Every `[lon, lat]` pair in nested GeoJSON coordinate arrays.
fn collect_points(v: &Value, out: &mut Vec<(f64, f64)>) {
    let Some(items) = v.as_array() else {
        return;
    };
    if let [Value::Number(lon), Value::Number(lat), ..] = items.as_slice()
        && let (Some(lon), Some(lat)) = (lon.as_f64(), lat.as_f64())
    {
        out.push((lon, lat));
        return;
    }
    for item in items {
        collect_points(item, out);
    }
}

/// Pretty-printed with sorted keys, whatever order serde_json's map keeps, and a final newline,
/// so that regenerating gives the same file.
fn to_json(schema: Value) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(schema))
        .unwrap_or_else(|e| unreachable!("a JSON value always serializes: {e}"));
    text.push('\n');
    text
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
