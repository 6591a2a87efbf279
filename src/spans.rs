//! Where each key and value of a YAML document stands in its file.
//!
//! serde gives us typed values but no positions, so the same text is read a second time as a
//! stream of parser events, and every node's key path (`adresse.plz`, `bilder[0].alt`) is mapped
//! to its line and column. Findings then point at the exact spot a person has to change.
//!
//! The second reading happens only when a finding asks for a position: most files of a large
//! site have none, and reading every file twice took a tenth of a build's time.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use saphyr_parser::{Event, Parser, Span};

use crate::diagnostics::Position;

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Option<Position>,
    value: Position,
}

/// Key paths of one YAML document mapped to positions, worked out on first use.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    text: Arc<str>,
    line_offset: usize,
    mapped: OnceLock<Mapped>,
}

#[derive(Debug, Default, Clone)]
struct Mapped {
    entries: HashMap<String, Entry>,
    /// Keys that occur a second time in the same mapping: path and position of the repeat.
    duplicates: Vec<(String, Position)>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Position)>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

fn position(span: Span, line_offset: usize) -> Position {
    let width = if span.end.line() == span.start.line() {
        span.end.index().saturating_sub(span.start.index())
    } else {
        1
    };
    Position {
        line: span.start.line() + line_offset,
        column: span.start.col() + 1,
        width: width.max(1),
    }
}

/// Joins a map key onto a path: `adresse` + `plz` = `adresse.plz`.
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl SourceMap {
    /// The map of the document in `text`. `line_offset` is added to every line, for YAML that
    /// starts further down in its file (front matter). A document that does not parse yields
    /// whatever was mapped before the error; the syntax error itself is reported by serde.
    pub fn new(text: &str, line_offset: usize) -> SourceMap {
        SourceMap {
            text: Arc::from(text),
            line_offset,
            mapped: OnceLock::new(),
        }
    }

    fn mapped(&self) -> &Mapped {
        self.mapped
            .get_or_init(|| Mapped::of(&self.text, self.line_offset))
    }

    /// Where a key named `key` occurs a second time in its mapping, if it does.
    pub fn duplicate_of(&self, key: &str) -> Option<(&str, Position)> {
        self.mapped()
            .duplicates
            .iter()
            .find(|(path, _)| path == key || path.ends_with(&format!(".{key}")))
            .map(|(path, pos)| (path.as_str(), *pos))
    }

    /// The position of the key at `path` (or its value, for list items), falling back to the
    /// nearest enclosing node that exists, so that a missing key points at its parent.
    pub fn key_position(&self, path: &str) -> Option<Position> {
        self.mapped().lookup(path).map(|e| e.key.unwrap_or(e.value))
    }

    /// The position of the value at `path`, with the same fallback.
    pub fn value_position(&self, path: &str) -> Option<Position> {
        self.mapped().lookup(path).map(|e| e.value)
    }
}

impl Mapped {
    fn of(text: &str, line_offset: usize) -> Mapped {
        let mut map = Mapped::default();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let pos = position(span, line_offset);
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Map {
                        key: key @ None, ..
                    }) = stack.last_mut()
                    {
                        *key = Some((value.into_owned(), pos));
                        continue;
                    }
                    map.node_started(&mut stack, pos);
                    Self::node_finished(&mut stack);
                }
                Event::Alias(_) => {
                    if let Some(Frame::Map {
                        key: key @ None, ..
                    }) = stack.last_mut()
                    {
                        *key = Some(("*".to_string(), pos));
                        continue;
                    }
                    map.node_started(&mut stack, pos);
                    Self::node_finished(&mut stack);
                }
                Event::MappingStart(..) => {
                    let path = map.node_started(&mut stack, pos);
                    stack.push(Frame::Map { path, key: None });
                }
                Event::SequenceStart(..) => {
                    let path = map.node_started(&mut stack, pos);
                    stack.push(Frame::Seq { path, index: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    Self::node_finished(&mut stack);
                }
                _ => {}
            }
        }
        map
    }

    /// Records a value node that starts at `pos` and returns its path.
    fn node_started(&mut self, stack: &mut [Frame], pos: Position) -> String {
        let (path, key) = match stack.last() {
            None => (String::new(), None),
            Some(Frame::Map { path, key }) => match key {
                Some((name, key_pos)) => (join_key(path, name), Some(*key_pos)),
                // A complex key (a mapping used as a key); nothing a person writes here.
                None => (join_key(path, "?"), None),
            },
            Some(Frame::Seq { path, index }) => (format!("{path}[{index}]"), None),
        };
        match self.entries.entry(path.clone()) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.duplicates.push((path.clone(), key.unwrap_or(pos)));
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Entry { key, value: pos });
            }
        }
        path
    }

    fn node_finished(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }

    fn lookup(&self, path: &str) -> Option<&Entry> {
        let mut current = path;
        loop {
            if let Some(entry) = self.entries.get(current) {
                return Some(entry);
            }
            if current.is_empty() {
                return None;
            }
            current = parent_path(current);
        }
    }
}

/// `bilder[0].alt` → `bilder[0]` → `bilder` → ``.
pub fn parent_path(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(i) => &path[..i],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: Hof\nadresse:\n  strasse: Weg 1\n  plz: \"70173\"\nthemen: [Wald, Wasser]\nbilder:\n  - datei: a.jpg\n    alt: Ein Bild\n";

    #[test]
    fn maps_nested_keys_and_list_items() {
        let map = SourceMap::new(DOC, 0);
        let at = |p: &str| map.key_position(p).map(|p| (p.line, p.column));
        assert_eq!(at("name"), Some((1, 1)));
        assert_eq!(at("adresse.plz"), Some((4, 3)));
        assert_eq!(at("themen[1]"), Some((5, 16)));
        assert_eq!(at("bilder[0].alt"), Some((8, 5)));
        assert_eq!(map.value_position("adresse.plz").map(|p| p.column), Some(8));
    }

    #[test]
    fn missing_keys_fall_back_to_parent_and_offset_applies() {
        let map = SourceMap::new(DOC, 1);
        assert_eq!(map.key_position("adresse.ort").map(|p| p.line), Some(3));
        assert_eq!(
            map.key_position("bilder[0].credit").map(|p| p.line),
            Some(8)
        );
    }
}
