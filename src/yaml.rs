//! YAML text to typed records, collecting every error of a file with its position.
//!
//! serde stops at the first error. People who edit records should see all of them at once, so a
//! failed field is reported, removed from the document and the document deserialized again,
//! until it goes through. serde's English messages are translated into German here, once.
//!
//! Placeholders (`"AUSFÜLLEN: …"`, written by `lernorte new` for every required key) are found
//! before that, reported once each and removed, so the same key is not reported again as having
//! the wrong type, an unknown value or as missing.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_path_to_error::Segment;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, closest};
use crate::spans::{SourceMap, join_key};

/// Upper bound on re-tries for one file; a file with more errors is reported up to here.
const MAX_ERRORS_PER_FILE: usize = 50;

/// A text value as people write it in YAML. Numbers are accepted as text, because nobody should
/// have to know that a postcode like `70173` needs quotes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The trimmed text, or `None` when it is empty.
    pub fn non_empty(&self) -> Option<String> {
        let t = self.0.trim();
        (!t.is_empty()).then(|| t.to_string())
    }
}

/// A parsed document: the record (as far as it could be read) and where its keys stand.
pub struct Parsed<T> {
    pub record: T,
    pub map: SourceMap,
    /// Key paths whose values were reported and removed; validation does not report them again
    /// as missing.
    pub failed: Vec<String>,
}

/// Parses `text` (a YAML document starting at line `line_offset + 1` of `file`) into `T`.
/// Returns `None` when the document cannot be read at all; every problem is pushed to `diags`.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed<T>> {
    let map = SourceMap::new(text, line_offset);
    let mut value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(syntax_error(file, text, line_offset, &e, &map));
            return None;
        }
    };
    if !matches!(value, Value::Mapping(_)) {
        let message = if value.is_null() {
            "Die Datei enthält keine Angaben."
        } else {
            "Die Datei muss aus Angaben der Form „schlüssel: wert“ bestehen."
        };
        diags.push(
            Diagnostic::error("keine-angaben", file, message)
                .at(map.value_position("").or(Some(first_line(line_offset))))
                .hint("Beginnen Sie jede Zeile mit einem Schlüssel, z. B. „name: Mein Lernort“."),
        );
        return None;
    }
    let mut removed_items: Vec<(String, usize)> = Vec::new();
    let mut failed = Vec::new();
    take_placeholders(
        &mut Placeholders {
            file,
            map: &map,
            removed_items: &mut removed_items,
            failed: &mut failed,
            diags,
        },
        &mut value,
        "",
    );
    // Most files are fine: read them without keeping track of the path, which only a
    // finding needs (the loop below reads the file again with it).
    if let Ok(record) = T::deserialize(&value) {
        return Some(Parsed {
            record,
            map,
            failed,
        });
    }
    for _ in 0..MAX_ERRORS_PER_FILE {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(record) => {
                return Some(Parsed {
                    record,
                    map,
                    failed,
                });
            }
            Err(e) => e,
        };
        let message = error.inner().to_string();
        let segments: Vec<Segment> = error
            .path()
            .iter()
            .filter(|s| !matches!(s, Segment::Unknown))
            .cloned()
            .collect();
        let (mut path, original) = paths(&segments, &removed_items);
        let translated = translate(&message);
        if translated.code == "pflichtangabe-fehlt"
            && let Some(field) = backticked(&message).first()
            && failed.contains(&join_key(&original, field))
        {
            // A placeholder in a field the type cannot do without; it is reported already.
            return None;
        }
        let mut original_path = original;
        if let Some(field) = &translated.unknown_key {
            // Depending on where serde noticed, the path ends at the unknown key or at its map.
            let ends_with_field = path == *field || path.ends_with(&format!(".{field}"));
            if !ends_with_field {
                path = join_key(&path, field);
                original_path = join_key(&original_path, field);
            }
        }
        let mut d = Diagnostic::error(translated.code, file, translated.message)
            .at(map.key_position(&original_path))
            .key(original_path.clone());
        if let Some(hint) = translated.hint {
            d = d.hint(hint);
        }
        diags.push(d);
        failed.push(original_path.clone());
        if translated.code == "pflichtangabe-fehlt"
            || !remove(&mut value, &path, &mut removed_items, &original_path)
        {
            return None;
        }
    }
    None
}

/// What `lernorte new` puts in front of the instruction in every required value.
pub const PLACEHOLDER_PREFIX: &str = "AUSFÜLLEN:";

/// The instruction of a placeholder: `AUSFÜLLEN: Name des Lernorts` → `Name des Lernorts`.
pub fn placeholder_text(value: &str) -> Option<&str> {
    value
        .trim_start()
        .strip_prefix(PLACEHOLDER_PREFIX)
        .map(str::trim)
}

/// The finding for a placeholder that was not replaced. `quoted` says whether it stands in
/// quotes (a YAML value) or is a line of Markdown text.
pub fn placeholder_diagnostic(
    file: &Path,
    text: &str,
    position: Option<crate::diagnostics::Position>,
    key: &str,
    quoted: bool,
) -> Diagnostic {
    let what = text.trim_end_matches('.');
    let stop = if what.ends_with(['?', '!']) { "" } else { "." };
    let hint = if quoted {
        format!(
            "Ersetzen Sie den Platzhalter samt „{PLACEHOLDER_PREFIX}“ und den Anführungszeichen durch Ihre Angabe: {what}{stop}"
        )
    } else {
        format!("Ersetzen Sie die Zeile samt „{PLACEHOLDER_PREFIX}“ durch Ihren Text: {what}{stop}")
    };
    Diagnostic::error(
        "platzhalter",
        file,
        format!("Hier steht noch ein Platzhalter: „{what}“."),
    )
    .at(position)
    .key(key)
    .hint(hint)
}

/// Placeholder lines in the Markdown after the front matter (`first_line` is the file's line
/// number of the body's first line). The key is `text`, as in the other findings about bodies.
pub fn body_placeholders(file: &Path, body: &str, first_line: usize) -> Vec<Diagnostic> {
    body.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let text = placeholder_text(line)?;
            let indent = line.len() - line.trim_start().len();
            let position = crate::diagnostics::Position {
                line: first_line + i,
                column: line[..indent].chars().count() + 1,
                width: line.trim().chars().count().max(1),
            };
            Some(placeholder_diagnostic(
                file,
                text,
                Some(position),
                "text",
                false,
            ))
        })
        .collect()
}

/// What the placeholder pass needs besides the value it walks.
struct Placeholders<'a> {
    file: &'a Path,
    map: &'a SourceMap,
    removed_items: &'a mut Vec<(String, usize)>,
    failed: &'a mut Vec<String>,
    diags: &'a mut Vec<Diagnostic>,
}

/// Reports and removes every placeholder below `value` (at key path `path`). Removed list items
/// are noted in `removed_items`, so later findings in the same list keep the line numbers of the
/// file; a list left empty counts as failed too, so it is not reported as missing.
fn take_placeholders(p: &mut Placeholders, value: &mut Value, path: &str) {
    match value {
        Value::Mapping(m) => {
            let mut gone = Vec::new();
            for (k, v) in m.iter_mut() {
                let name = match k {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => continue,
                };
                let child = join_key(path, &name);
                if take_if_placeholder(p, v, &child) {
                    gone.push(k.clone());
                } else {
                    take_placeholders(p, v, &child);
                }
            }
            for k in gone {
                m.remove(&k);
            }
        }
        Value::Sequence(items) => {
            let mut gone = Vec::new();
            for (i, item) in items.iter_mut().enumerate() {
                let child = format!("{path}[{i}]");
                if take_if_placeholder(p, item, &child) {
                    gone.push(i);
                } else {
                    take_placeholders(p, item, &child);
                }
            }
            for &i in gone.iter().rev() {
                items.remove(i);
                p.removed_items.push((path.to_string(), i));
            }
            if !gone.is_empty() && items.is_empty() {
                p.failed.push(path.to_string());
            }
        }
        Value::Tagged(t) => take_placeholders(p, &mut t.value, path),
        _ => {}
    }
}

/// Reports `value` if it is a placeholder; the caller removes it then.
fn take_if_placeholder(p: &mut Placeholders, value: &Value, path: &str) -> bool {
    let Some(text) = value.as_str().and_then(placeholder_text) else {
        return false;
    };
    p.diags.push(placeholder_diagnostic(
        p.file,
        text,
        p.map.value_position(path),
        path,
        true,
    ));
    p.failed.push(path.to_string());
    true
}

fn first_line(line_offset: usize) -> crate::diagnostics::Position {
    crate::diagnostics::Position {
        line: line_offset + 1,
        column: 1,
        width: 1,
    }
}

/// The error path as it is in the (possibly trimmed) value, and as it was in the file.
fn paths(segments: &[Segment], removed: &[(String, usize)]) -> (String, String) {
    let mut current = String::new();
    let mut original = String::new();
    for segment in segments {
        match segment {
            Segment::Map { key } => {
                current = join_key(&current, key);
                original = join_key(&original, key);
            }
            Segment::Seq { index } => {
                let mut orig_index = *index;
                let mut taken: Vec<usize> = removed
                    .iter()
                    .filter(|(p, _)| *p == original)
                    .map(|(_, i)| *i)
                    .collect();
                taken.sort_unstable();
                for i in taken {
                    if i <= orig_index {
                        orig_index += 1;
                    }
                }
                current = format!("{current}[{index}]");
                original = format!("{original}[{orig_index}]");
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    (current, original)
}

/// Removes the node at `path` from `value`, so the next attempt gets past it.
fn remove(
    value: &mut Value,
    path: &str,
    removed: &mut Vec<(String, usize)>,
    original: &str,
) -> bool {
    let (parent, last) = split_last(path);
    let Some(container) = lookup_mut(value, parent) else {
        return false;
    };
    match (container, last) {
        (Value::Mapping(m), Last::Key(k)) => m.remove(k).is_some(),
        (Value::Sequence(s), Last::Index(i)) if i < s.len() => {
            s.remove(i);
            let (orig_parent, orig_last) = split_last(original);
            if let Last::Index(oi) = orig_last {
                removed.push((orig_parent.to_string(), oi));
            }
            true
        }
        _ => false,
    }
}

enum Last<'a> {
    Key(&'a str),
    Index(usize),
    Root,
}

fn split_last(path: &str) -> (&str, Last<'_>) {
    if path.is_empty() {
        return ("", Last::Root);
    }
    if path.ends_with(']')
        && let Some(open) = path.rfind('[')
        && let Ok(i) = path[open + 1..path.len() - 1].parse()
    {
        return (&path[..open], Last::Index(i));
    }
    match path.rfind('.') {
        Some(dot) => (&path[..dot], Last::Key(&path[dot + 1..])),
        None => ("", Last::Key(path)),
    }
}

fn lookup_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    if path.is_empty() {
        return Some(value);
    }
    let (parent, last) = split_last(path);
    let container = lookup_mut(value, parent)?;
    match (container, last) {
        (Value::Mapping(m), Last::Key(k)) => m.get_mut(k),
        (Value::Sequence(s), Last::Index(i)) => s.get_mut(i),
        _ => None,
    }
}

struct Translated {
    code: &'static str,
    message: String,
    hint: Option<String>,
    unknown_key: Option<String>,
}

/// The words between backticks in serde's messages: "unknown field `x`, expected one of `a`".
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// Turns serde's English message into German for people who edit records.
fn translate(message: &str) -> Translated {
    let names = backticked(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = names.first().copied().unwrap_or(rest).to_string();
        let allowed: Vec<&str> = names.iter().skip(1).copied().collect();
        let hint = match closest(&field, allowed.iter().copied()) {
            Some(c) => format!("Meinten Sie „{c}“?"),
            None if allowed.is_empty() => {
                "An dieser Stelle sind keine weiteren Schlüssel erlaubt.".to_string()
            }
            None => format!("Erlaubt sind hier: {}.", allowed.join(", ")),
        };
        return Translated {
            code: "unbekannter-schluessel",
            message: format!("Unbekannter Schlüssel „{field}“."),
            hint: Some(hint),
            unknown_key: Some(field),
        };
    }
    if message.starts_with("unknown variant ") {
        let value = names.first().copied().unwrap_or_default();
        let allowed: Vec<&str> = names.iter().skip(1).copied().collect();
        let hint = match closest(value, allowed.iter().copied()) {
            Some(c) => format!("Meinten Sie „{c}“? Erlaubt sind: {}.", allowed.join(", ")),
            None => format!("Erlaubt sind: {}.", allowed.join(", ")),
        };
        return Translated {
            code: "unbekannter-wert",
            message: format!("Der Wert „{value}“ ist hier nicht erlaubt."),
            hint: Some(hint),
            unknown_key: None,
        };
    }
    if message.starts_with("missing field ") {
        let field = names.first().copied().unwrap_or_default();
        return Translated {
            code: "pflichtangabe-fehlt",
            message: format!("Die Pflichtangabe „{field}“ fehlt."),
            hint: Some(format!("Ergänzen Sie eine Zeile „{field}: …“.")),
            unknown_key: None,
        };
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.split(" at line ").next().unwrap_or(expected);
        return Translated {
            code: "falscher-typ",
            message: format!(
                "Hier wird {} erwartet, gefunden wurde {}.",
                german_expected(expected),
                german_found(found)
            ),
            hint: type_hint(expected),
            unknown_key: None,
        };
    }
    Translated {
        code: "ungueltiger-wert",
        message: format!("Ungültige Angabe: {message}"),
        hint: None,
        unknown_key: None,
    }
}

fn german_expected(expected: &str) -> String {
    let e = expected.trim();
    if e.contains("bool") {
        "„true“ (ja) oder „false“ (nein)".into()
    } else if e.contains("sequence") || e.contains("a list") {
        "eine Liste".into()
    } else if e.starts_with("struct") || e.contains("map") {
        "eine Gruppe von eingerückten Angaben".into()
    } else if e.starts_with('u') || e.starts_with('i') || e.contains("integer") {
        "eine ganze Zahl".into()
    } else if e.starts_with('f') || e.contains("number") {
        "eine Zahl".into()
    } else if e.contains("text") || e.contains("string") {
        "ein Text".into()
    } else {
        format!("„{e}“")
    }
}

fn german_found(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        format!("der Text „{}“", s.trim_matches('"'))
    } else if f.starts_with("integer") || f.starts_with("floating point") {
        let n = backticked(f)
            .first()
            .copied()
            .unwrap_or_default()
            .to_string();
        format!("die Zahl {n}")
    } else if f.starts_with("boolean") {
        let b = backticked(f)
            .first()
            .copied()
            .unwrap_or_default()
            .to_string();
        format!("der Wahrheitswert {b}")
    } else if f.starts_with("sequence") {
        "eine Liste".into()
    } else if f.starts_with("map") {
        "eine Gruppe von Angaben".into()
    } else if f.starts_with("unit") || f.contains("null") {
        "nichts (ein leerer Wert)".into()
    } else {
        f.to_string()
    }
}

fn type_hint(expected: &str) -> Option<String> {
    let e = expected.trim();
    if e.contains("sequence") {
        Some("Schreiben Sie eine Liste in eckigen Klammern, z. B. „[Wald, Wasser]“, oder jeden Eintrag in eine eigene Zeile mit „- “.".into())
    } else if e.contains("bool") {
        Some("Schreiben Sie „true“ für ja oder „false“ für nein.".into())
    } else if e.starts_with("struct") || e.contains("map") {
        Some("Schreiben Sie die zugehörigen Angaben eingerückt in die Zeilen darunter.".into())
    } else {
        None
    }
}

/// Turns a YAML syntax error into a finding with a hint for the usual causes.
fn syntax_error(
    file: &Path,
    text: &str,
    line_offset: usize,
    e: &serde_yaml::Error,
    map: &SourceMap,
) -> Diagnostic {
    let raw = e.to_string();
    // libyaml reports a repeated key at the start of its mapping; point at the repeat instead.
    if let Some(rest) = raw.split("duplicate entry with key \"").nth(1)
        && let Some(key) = rest.split('"').next()
        && let Some((path, position)) = map.duplicate_of(key)
    {
        return Diagnostic::error("doppelter-schluessel", file, format!("Der Schlüssel „{key}“ kommt zweimal vor."))
            .at(Some(position))
            .key(path.to_string())
            .hint("Jeder Schlüssel darf nur einmal vorkommen. Fassen Sie beide Zeilen zusammen und löschen Sie eine davon.");
    }
    let position = e.location().map(|l| crate::diagnostics::Position {
        line: l.line() + line_offset,
        column: l.column(),
        width: 1,
    });
    let line_text = e
        .location()
        .and_then(|l| text.lines().nth(l.line().saturating_sub(1)))
        .unwrap_or_default();
    let hint = if text.contains('\t') {
        "Die Datei enthält Tabulatoren. Rücken Sie nur mit Leerzeichen ein.".to_string()
    } else if raw.contains("mapping values are not allowed") {
        "Enthält ein Text einen Doppelpunkt? Dann setzen Sie den ganzen Text in Anführungszeichen, z. B. name: \"Führung: Wald\".".to_string()
    } else if raw.contains("duplicate entry") {
        "Jeder Schlüssel darf nur einmal vorkommen. Löschen Sie eine der doppelten Zeilen."
            .to_string()
    } else if raw.contains("did not find expected key")
        || raw.contains("block sequence")
        || raw.contains("indentation")
    {
        "Prüfen Sie die Einrückung: Zusammengehörige Angaben stehen genau untereinander, Listeneinträge beginnen mit „- “.".to_string()
    } else if line_text.matches('"').count() % 2 == 1 {
        "In dieser Zeile fehlt ein schließendes Anführungszeichen.".to_string()
    } else {
        "Prüfen Sie diese Zeile und die Zeile davor: Einrückung, Doppelpunkte und Anführungszeichen.".to_string()
    };
    let detail = raw.split(" at line ").next().unwrap_or(&raw);
    Diagnostic::error(
        "yaml-syntax",
        file,
        format!("Die Datei ist kein gültiges YAML ({detail})."),
    )
    .at(position)
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Rec {
        name: Option<Text>,
        mobil: Option<bool>,
        themen: Option<Vec<Text>>,
        adresse: Option<Adr>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Adr {
        plz: Option<Text>,
    }

    fn run(text: &str) -> (Option<Rec>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let r = parse::<Rec>(Path::new("p.yaml"), text, 0, &mut d).map(|p| p.record);
        (r, d)
    }

    #[test]
    fn collects_every_error_with_positions() {
        let (rec, d) = run(
            "name: Hof\nmobil: vielleicht\nbezrik: Mitte\nadresse:\n  plz: 70173\n  ort: S\nthemen: [Wald, [x], Wasser, {a: 1}]\n",
        );
        let rec = rec.unwrap_or_else(|| panic!("record despite errors: {d:?}"));
        assert_eq!(rec.name, Some(Text("Hof".into())));
        assert_eq!(rec.mobil, None, "the bad value was dropped");
        assert_eq!(
            rec.themen,
            Some(vec![Text("Wald".into()), Text("Wasser".into())])
        );
        assert_eq!(
            rec.adresse.and_then(|a| a.plz),
            Some(Text("70173".into())),
            "adresse lost only its unknown key"
        );
        let got: Vec<(String, usize, &str)> = d
            .iter()
            .map(|d| {
                (
                    d.key.clone().unwrap_or_default(),
                    d.position.map(|p| p.line).unwrap_or(0),
                    d.code,
                )
            })
            .collect();
        assert!(
            got.contains(&("mobil".into(), 2, "falscher-typ")),
            "{got:?}"
        );
        assert!(
            got.contains(&("bezrik".into(), 3, "unbekannter-schluessel")),
            "{got:?}"
        );
        assert!(
            got.contains(&("adresse.ort".into(), 6, "unbekannter-schluessel")),
            "{got:?}"
        );
        assert!(
            got.contains(&("themen[1]".into(), 7, "falscher-typ")),
            "{got:?}"
        );
        assert!(
            got.contains(&("themen[3]".into(), 7, "falscher-typ")),
            "{got:?}"
        );
        let bezrik = d
            .iter()
            .find(|d| d.code == "unbekannter-schluessel")
            .unwrap();
        assert!(
            d.iter()
                .any(|d| d.hint.as_deref() == Some("Meinten Sie „name“?"))
                || bezrik.hint.is_some()
        );
    }

    #[test]
    fn numbers_are_text_and_syntax_errors_have_lines() {
        let (rec, d) = run("name: 12\n");
        assert_eq!(rec.unwrap().name, Some(Text("12".into())));
        assert!(d.is_empty());
        let (rec, d) = run("name: Hof\nadresse:\n\tplz: 1\n");
        assert!(rec.is_none());
        assert_eq!(d[0].code, "yaml-syntax");
        assert_eq!(d[0].position.map(|p| p.line), Some(3));
        assert!(d[0].hint.as_deref().unwrap().contains("Tabulatoren"));
    }

    /// (key, line, column, width, code) of every finding.
    fn found(d: &[Diagnostic]) -> Vec<(String, usize, usize, usize, &'static str)> {
        d.iter()
            .map(|d| {
                let p = d.position.unwrap_or_default();
                (
                    d.key.clone().unwrap_or_default(),
                    p.line,
                    p.column,
                    p.width,
                    d.code,
                )
            })
            .collect()
    }

    #[test]
    fn placeholders_are_reported_once_at_their_value_and_removed() {
        let text = "name: \"AUSFÜLLEN: Name des Lernorts\"\nmobil: \"AUSFÜLLEN: true oder false\"\nthemen: [Wald, \"AUSFÜLLEN: Thema\", [x]]\nadresse:\n  plz: 'AUSFÜLLEN: Postleitzahl, z. B. 70173'\n";
        let mut d = Vec::new();
        let parsed = parse::<Rec>(Path::new("p.yaml"), text, 0, &mut d)
            .unwrap_or_else(|| panic!("record despite placeholders: {d:?}"));
        assert_eq!(
            found(&d),
            vec![
                ("name".into(), 1, 7, 30, "platzhalter"),
                ("mobil".into(), 2, 8, 28, "platzhalter"),
                ("themen[1]".into(), 3, 16, 18, "platzhalter"),
                ("adresse.plz".into(), 5, 8, 38, "platzhalter"),
                // The list item after the removed placeholder keeps its index in the file.
                ("themen[2]".into(), 3, 36, 1, "falscher-typ"),
            ]
        );
        assert_eq!(
            d[0].message,
            "Hier steht noch ein Platzhalter: „Name des Lernorts“."
        );
        assert_eq!(
            d[3].hint.as_deref(),
            Some(
                "Ersetzen Sie den Platzhalter samt „AUSFÜLLEN:“ und den Anführungszeichen durch Ihre Angabe: Postleitzahl, z. B. 70173."
            )
        );
        let rec = parsed.record;
        assert_eq!(rec.name, None);
        assert_eq!(rec.mobil, None, "no wrong-type error for the placeholder");
        assert_eq!(rec.themen, Some(vec![Text("Wald".into())]));
        assert!(rec.adresse.is_some_and(|a| a.plz.is_none()));
        for key in ["name", "mobil", "themen[1]", "adresse.plz"] {
            assert!(
                parsed.failed.iter().any(|f| f == key),
                "{key}: {:?}",
                parsed.failed
            );
        }
        assert!(
            !parsed.failed.iter().any(|f| f == "themen"),
            "themen still has an item and may be checked"
        );
    }

    #[test]
    fn a_list_of_placeholders_counts_as_failed_with_offset() {
        let text = "# Kommentar\nthemen:\n  - \"AUSFÜLLEN: Themen\"\n";
        let mut d = Vec::new();
        let parsed = parse::<Rec>(Path::new("a.md"), text, 1, &mut d)
            .unwrap_or_else(|| panic!("record: {d:?}"));
        assert_eq!(
            found(&d),
            vec![("themen[0]".into(), 4, 5, 19, "platzhalter")]
        );
        assert_eq!(parsed.record.themen, Some(vec![]));
        assert!(
            parsed.failed.iter().any(|f| f == "themen"),
            "{:?}",
            parsed.failed
        );
    }

    #[test]
    fn a_placeholder_in_a_required_field_is_not_also_missing() {
        #[derive(Debug, Deserialize)]
        struct Strict {
            #[allow(dead_code)]
            titel: Text,
        }
        let mut d = Vec::new();
        let parsed = parse::<Strict>(
            Path::new("site.yaml"),
            "titel: \"AUSFÜLLEN: Titel\"\n",
            0,
            &mut d,
        );
        assert!(parsed.is_none());
        assert_eq!(found(&d), vec![("titel".into(), 1, 8, 18, "platzhalter")]);
    }

    #[test]
    fn text_that_merely_mentions_the_word_is_no_placeholder() {
        let (rec, d) = run("name: Bitte AUSFÜLLEN\nthemen: [\"AUSFÜLLEN ohne Doppelpunkt\"]\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(rec.map(|r| r.themen.map(|t| t.len())), Some(Some(1)));
    }

    #[test]
    fn placeholder_lines_in_markdown_bodies() {
        let body = "Erster Absatz.\n\n  AUSFÜLLEN: Beschreibung des Angebots.\n";
        let d = body_placeholders(Path::new("a.md"), body, 20);
        assert_eq!(found(&d), vec![("text".into(), 22, 3, 37, "platzhalter")]);
        assert_eq!(
            d[0].message,
            "Hier steht noch ein Platzhalter: „Beschreibung des Angebots“."
        );
        assert!(body_placeholders(Path::new("a.md"), "Nichts AUSFÜLLEN: hier\n", 5).is_empty());
    }
}
