//! The JSON Schemas of `lernorte schema` against the parser and the validator: the committed
//! files are current, every sample record passes both, and broken records are refused by both.
//!
//! The fixtures in `tests/fixtures/schema/` name what they expect in a comment line
//! `# erwartet: <key>`: the key path the parser reports an error for, or `gültig`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use lernorte::config::SiteConfig;
use lernorte::diagnostics::Diagnostic;
use lernorte::model::districts::Districts;
use lernorte::model::offer::Leitperspektive;
use lernorte::model::place::{Season, Wheelchair};
use lernorte::schema::{self, OFFER_SCHEMA, PLACE_SCHEMA, SCHEMA_DIR};
use serde_json::Value;

use common::{copy_dir, repo_root, today};

fn site_config(root: &Path) -> SiteConfig {
    let text = fs::read_to_string(root.join("site.yaml")).expect("read site.yaml");
    let mut diags = Vec::new();
    SiteConfig::parse(&text, None, &mut diags)
        .unwrap_or_else(|| panic!("site.yaml is invalid: {diags:#?}"))
}

/// The generated schema (not the committed file: the first test compares those).
fn schema_json(name: &str) -> Value {
    let file = schema::schemas(&site_config(&repo_root()))
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no schema {name}"));
    serde_json::from_str(&file.json).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

fn validator(name: &str) -> Validator {
    jsonschema::draft202012::new(&schema_json(name))
        .unwrap_or_else(|e| panic!("{name} is not a usable schema: {e}"))
}

/// YAML as the YAML language server hands it to the schema: as JSON.
fn yaml_to_json(file: &Path, yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: not YAML: {e}", file.display()))
}

/// The YAML between the two `---` lines at the start of an offer.
fn front_matter(file: &Path, text: &str) -> String {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{}: no front matter", file.display()));
    let end = rest
        .lines()
        .position(|l| l.trim_end() == "---")
        .unwrap_or_else(|| panic!("{}: front matter not closed", file.display()));
    rest.lines().take(end).collect::<Vec<_>>().join("\n")
}

/// A record as JSON: a place file whole, an offer's front matter.
fn record(file: &Path) -> Value {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
    if file.extension().is_some_and(|e| e == "md") {
        yaml_to_json(file, &front_matter(file, &text))
    } else {
        yaml_to_json(file, &text)
    }
}

/// Schema errors as "instance path: message".
fn schema_errors(validator: &Validator, instance: &Value) -> Vec<(String, String)> {
    validator
        .iter_errors(instance)
        .map(|e| (e.instance_path().to_string(), e.to_string()))
        .collect()
}

/// Loads and validates the site at `root` like a build does (without rendering) and returns the
/// errors by file, relative to the root.
fn parser_errors(root: &Path) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let config = site_config(root);
    let files = lernorte::load::load(root);
    let (_, validation) = lernorte::validate::validate(config, &files, root, today());
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for d in files.diagnostics.iter().chain(&validation) {
        if d.is_error() {
            out.entry(d.file.clone()).or_default().push(d.clone());
        }
    }
    out
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn committed_schemas_are_current() {
    let root = repo_root();
    let generated = schema::schemas(&site_config(&root));
    let names: Vec<&str> = generated.iter().map(|f| f.name).collect();
    assert_eq!(names, [PLACE_SCHEMA, OFFER_SCHEMA]);
    let mut stale = Vec::new();
    for file in &generated {
        let path = root.join(SCHEMA_DIR).join(file.name);
        match fs::read_to_string(&path) {
            Ok(committed) if committed == file.json => {}
            Ok(_) => stale.push(format!("{SCHEMA_DIR}/{} is out of date", file.name)),
            Err(e) => stale.push(format!("{SCHEMA_DIR}/{} cannot be read: {e}", file.name)),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nRun `cargo run -- schema` and commit the files in {SCHEMA_DIR}/.",
        stale.join("\n")
    );
}

#[test]
fn generation_is_deterministic_and_pretty() {
    let config = site_config(&repo_root());
    let first = schema::schemas(&config);
    assert_eq!(first, schema::schemas(&config));
    for file in &first {
        assert!(
            file.json.ends_with("}\n"),
            "{} lacks the final newline",
            file.name
        );
        let value: Value = serde_json::from_str(&file.json).expect("JSON");
        let mut again = serde_json::to_string_pretty(&value).expect("serialize");
        again.push('\n');
        assert_eq!(again, file.json, "{} is not pretty-printed", file.name);
        assert_keys_sorted(&value, file.name);
    }
}

fn assert_keys_sorted(v: &Value, at: &str) {
    match v {
        Value::Object(map) => {
            let keys: Vec<&String> = map.keys().collect();
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted, "keys of {at} are not sorted");
            for (k, v) in map {
                assert_keys_sorted(v, &format!("{at}/{k}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|i| assert_keys_sorted(i, at)),
        _ => {}
    }
}

#[test]
fn schemas_are_valid_draft_2020_12_with_german_help() {
    for name in [PLACE_SCHEMA, OFFER_SCHEMA] {
        let schema = schema_json(name);
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} is not a valid draft 2020-12 schema: {e}");
        }
        // Every key an editor can write has German hover help.
        let mut missing = Vec::new();
        properties_without_description(&schema, "", &mut missing);
        assert!(missing.is_empty(), "{name}: no description for {missing:?}");
    }
}

fn properties_without_description(schema: &Value, path: &str, out: &mut Vec<String>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (key, prop) in props {
            let here = format!("{path}.{key}");
            if prop
                .get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                out.push(here.clone());
            }
            properties_without_description(prop, &here, out);
        }
    }
    if let Some(items) = schema.get("items") {
        properties_without_description(items, &format!("{path}[]"), out);
    }
}

#[test]
fn sample_records_pass_schema_and_parser() {
    let root = repo_root();
    let errors = parser_errors(&root);
    assert!(errors.is_empty(), "the sample site has errors: {errors:#?}");

    let mut failures = Vec::new();
    let mut checked = 0;
    for (dir, ext, name) in [
        ("places", "yaml", PLACE_SCHEMA),
        ("content/angebote", "md", OFFER_SCHEMA),
    ] {
        let validator = validator(name);
        let files = files_in(&root.join(dir), ext);
        assert!(files.len() > 5, "too few sample records in {dir}");
        for file in files {
            for (at, message) in schema_errors(&validator, &record(&file)) {
                failures.push(format!("{}: {at}: {message}", file.display()));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} sample records are refused by the schema:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The value of the `# erwartet:` line of a fixture.
fn expectation(file: &Path) -> String {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
    text.lines()
        .find_map(|l| l.strip_prefix("# erwartet:"))
        .map(|e| e.trim().to_string())
        .unwrap_or_else(|| panic!("{}: no line „# erwartet: …“", file.display()))
}

/// `bilder[0].alt` → `/bilder/0/alt`, the form of the schema validator's instance paths.
fn pointer(key: &str) -> String {
    key.split('.')
        .flat_map(|part| part.split('['))
        .map(|s| s.trim_end_matches(']'))
        .fold(String::new(), |acc, s| format!("{acc}/{s}"))
}

/// Whether a schema error is about `key`: at the key or below it, or at the map that holds it
/// and naming it (unknown and missing keys are reported at the map).
fn about(error: &(String, String), key: &str) -> bool {
    let (at, message) = error;
    let target = pointer(key);
    let parent = target.rsplit_once('/').map_or("", |(p, _)| p);
    let last = key.rsplit(['.', '[']).next().unwrap_or(key);
    at == &target
        || at.starts_with(&format!("{target}/"))
        || (at == parent && message.contains(&format!("\"{last}\"")))
        || (at == parent && message.contains(&format!("'{last}'")))
}

/// Broken records that both the parser and the schema must refuse, and valid ones (with the
/// other spellings the parser accepts) that both must accept.
///
/// Left out because the parser is stricter than a JSON Schema can be: coordinates inside the
/// city boundary (the schema has only a box around Stuttgart, so swapped coordinates are
/// tested, a point in Esslingen is not), the district against the coordinates, `lernort`
/// naming an existing place, `von` ≤ `bis` and `min` ≤ `max`, dates that exist in the
/// calendar (2026-02-30), image paths leaving `static/`, duplicate slugs, and a whitespace-only
/// text in a required key (the schema only refuses the empty text).
///
/// Where the schema is stricter, on purpose, it offers the written spellings: vocabulary terms
/// and language codes in other case or with extra spaces, `HTTPS://`, dates without leading
/// zeros, `bezirk: ""` on a mobile place and a `kurzbeschreibung` of exactly 300 characters
/// written as a folded block (`>`, which adds a final line break) pass the parser only.
#[test]
fn broken_records_are_refused_by_schema_and_parser() {
    let fixtures = repo_root().join("tests/fixtures/schema");
    let tmp = tempfile::tempdir().expect("temporary folder");
    let site = tmp.path();
    fs::copy(repo_root().join("site.yaml"), site.join("site.yaml")).expect("copy site.yaml");
    // The sample places, so that the offers can name one.
    copy_dir(&repo_root().join("places"), &site.join("places"));
    let mut cases = Vec::new();
    for (from, to, ext, name) in [
        ("lernorte", "places", "yaml", PLACE_SCHEMA),
        ("angebote", "content/angebote", "md", OFFER_SCHEMA),
    ] {
        fs::create_dir_all(site.join(to)).expect("create folder");
        for file in files_in(&fixtures.join(from), ext) {
            let file_name = file.file_name().expect("file name");
            let rel = Path::new(to).join(file_name);
            assert!(
                !site.join(&rel).exists(),
                "fixture {} has the name of a sample place",
                file.display()
            );
            fs::copy(&file, site.join(&rel)).expect("copy fixture");
            cases.push((file, rel, name));
        }
    }
    assert!(cases.len() > 40, "too few fixtures: {}", cases.len());

    let parser = parser_errors(site);
    let validators: BTreeMap<&str, Validator> = [PLACE_SCHEMA, OFFER_SCHEMA]
        .into_iter()
        .map(|n| (n, validator(n)))
        .collect();
    let mut problems = Vec::new();
    let mut seen_broken = BTreeSet::new();
    for (file, rel, name) in &cases {
        let expected = expectation(file);
        let by_parser = parser.get(rel).map(Vec::as_slice).unwrap_or_default();
        let by_schema = schema_errors(&validators[name], &record(file));
        let shown = file.strip_prefix(repo_root()).unwrap_or(file).display();
        if expected == "gültig" {
            if !by_parser.is_empty() {
                let found: Vec<_> = by_parser.iter().map(|d| &d.message).collect();
                problems.push(format!("{shown}: the parser refuses it: {found:?}"));
            }
            if !by_schema.is_empty() {
                problems.push(format!("{shown}: the schema refuses it: {by_schema:?}"));
            }
            continue;
        }
        seen_broken.insert(*name);
        if !by_parser
            .iter()
            .any(|d| d.key.as_deref() == Some(expected.as_str()))
        {
            let found: Vec<_> = by_parser.iter().map(|d| (&d.key, &d.message)).collect();
            problems.push(format!(
                "{shown}: the parser reports no error for „{expected}“; it reports {found:?}"
            ));
        }
        if !by_schema.iter().any(|e| about(e, &expected)) {
            problems.push(format!(
                "{shown}: the schema reports no error for „{expected}“; it reports {by_schema:?}"
            ));
        }
    }
    // The sample places next to the fixtures stay valid, so the errors above are the fixtures'.
    for rel in parser.keys() {
        if !cases.iter().any(|(_, r, _)| r == rel) {
            problems.push(format!(
                "{}: unexpected errors {:?}",
                rel.display(),
                parser[rel]
            ));
        }
    }
    assert_eq!(seen_broken.len(), 2, "broken fixtures for both schemas");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The values an `enum` in the schema lists at `path` (`/`-separated schema keys).
fn enum_at(schema: &Value, path: &str) -> Vec<String> {
    schema
        .pointer(path)
        .and_then(|n| n.get("enum"))
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {path}"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Spellings someone might write for `value`: other case, umlauts written out or not.
fn variants(value: &str) -> Vec<String> {
    let mut out = vec![
        value.to_string(),
        value.to_lowercase(),
        value.to_uppercase(),
        capitalized(value),
    ];
    for (plain, umlaut) in [("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß")] {
        for v in out.clone() {
            out.push(v.replace(plain, umlaut));
            out.push(v.replace(umlaut, plain));
        }
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether the parser reads a text as a value of one of its fixed lists.
type Parses = fn(&str) -> bool;

fn parses_as<T: serde::de::DeserializeOwned>(value: &str) -> bool {
    serde_yaml::from_value::<T>(serde_yaml::Value::String(value.to_string())).is_ok()
}

/// For the fixed lists (seasons, wheelchair access, Leitperspektiven), the schema lists exactly
/// the spellings serde accepts, as far as case and umlaut variants of them go.
#[test]
fn fixed_lists_agree_with_the_parser() {
    let place = schema_json(PLACE_SCHEMA);
    let offer = schema_json(OFFER_SCHEMA);
    let lists: [(&str, Vec<String>, Parses); 4] = [
        (
            "jahreszeiten (Lernort)",
            enum_at(&place, "/properties/jahreszeiten/items"),
            parses_as::<Season>,
        ),
        (
            "jahreszeiten (Angebot)",
            enum_at(&offer, "/properties/jahreszeiten/items"),
            parses_as::<Season>,
        ),
        (
            "barrierefreiheit.rollstuhl",
            enum_at(&place, "/properties/barrierefreiheit/properties/rollstuhl"),
            parses_as::<Wheelchair>,
        ),
        (
            "bildungsplan",
            enum_at(&offer, "/properties/bildungsplan/items"),
            parses_as::<Leitperspektive>,
        ),
    ];
    let mut problems = Vec::new();
    for (what, listed, parses) in lists {
        let candidates: BTreeSet<String> = listed.iter().flat_map(|v| variants(v)).collect();
        for value in candidates {
            let in_schema = listed.contains(&value);
            if parses(&value) != in_schema {
                problems.push(format!(
                    "{what}: „{value}“ parser accepts: {}, schema lists: {in_schema}",
                    parses(&value)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every vocabulary value the schema offers is one the validator resolves, and every term can
/// be written by its name and by its slug.
#[test]
fn vocabulary_values_are_the_validators() {
    let config = site_config(&repo_root());
    let place = schema_json(PLACE_SCHEMA);
    let offer = schema_json(OFFER_SCHEMA);
    let districts = &Districts::builtin().vocabulary;
    let checks = [
        (&place, "/properties/kategorie", &config.kategorien),
        (&place, "/properties/themen/items", &config.themen),
        (&place, "/properties/zielgruppen/items", &config.zielgruppen),
        (&place, "/properties/bezirk", districts),
        (&offer, "/properties/format", &config.formate),
        (&offer, "/properties/themen/items", &config.themen),
        (&offer, "/properties/zielgruppen/items", &config.zielgruppen),
    ];
    let mut problems = Vec::new();
    for (schema, path, vocab) in checks {
        let listed = enum_at(schema, path);
        for value in &listed {
            if vocab.resolve(value).is_none() {
                problems.push(format!("{path}: „{value}“ is not a term"));
            }
        }
        for term in &vocab.terms {
            for spelling in [&term.name, &term.slug].into_iter().chain(&term.aliases) {
                if !listed.contains(spelling) {
                    problems.push(format!("{path}: „{spelling}“ is missing"));
                }
            }
        }
    }
    assert_eq!(districts.terms.len(), 23);
    for (schema, path) in [
        (&place, "/properties/sprachen/items"),
        (&offer, "/properties/sprachen/items"),
    ] {
        let listed = enum_at(schema, path);
        let known: Vec<String> = lernorte::format::language_codes()
            .map(str::to_string)
            .collect();
        assert_eq!(listed, known, "{path}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
