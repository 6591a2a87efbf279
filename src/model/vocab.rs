//! Controlled vocabularies (categories, topics, audiences, formats, districts) and how what
//! people write is matched to a term.

use serde::Serialize;

use crate::slug::slugify;

/// One allowed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub slug: String,
    pub name: String,
    /// Other spellings that mean this term, e.g. "Stuttgart-Mitte" for "Mitte".
    #[serde(skip)]
    pub aliases: Vec<String>,
}

/// An ordered list of allowed values. Terms are referred to by index everywhere else, so the
/// model holds no copies of their names.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub terms: Vec<Term>,
}

/// Lowercase, trimmed and with runs of white space collapsed: what two spellings share.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Vocabulary {
    pub fn new(terms: Vec<Term>) -> Self {
        Vocabulary { terms }
    }

    /// Finds the term that `input` names: by name, slug or alias, ignoring case, or by the
    /// slug the input would get ("Bauernhof und Jugendfarm" does not match, "bauernhof-jugendfarm"
    /// and "Bauernhof & Jugendfarm" do).
    pub fn resolve(&self, input: &str) -> Option<usize> {
        let folded = fold(input);
        let slugged = slugify(input);
        self.terms.iter().position(|t| {
            fold(&t.name) == folded
                || t.slug == folded
                || t.slug == slugged
                || t.aliases.iter().any(|a| fold(a) == folded)
        })
    }

    /// The closest term name for a "meinten Sie …?" suggestion.
    pub fn suggest(&self, input: &str) -> Option<&str> {
        let by_name =
            crate::diagnostics::closest(input, self.terms.iter().map(|t| t.name.as_str()));
        by_name.or_else(|| {
            crate::diagnostics::closest(input, self.terms.iter().map(|t| t.slug.as_str()))
                .and_then(|slug| self.terms.iter().find(|t| t.slug == slug))
                .map(|t| t.name.as_str())
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.name.as_str())
    }

    pub fn get(&self, index: usize) -> &Term {
        &self.terms[index]
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(vec![
            Term {
                slug: "bauernhof-jugendfarm".into(),
                name: "Bauernhof & Jugendfarm".into(),
                aliases: vec![],
            },
            Term {
                slug: "mitte".into(),
                name: "Mitte".into(),
                aliases: vec!["Stuttgart-Mitte".into()],
            },
        ])
    }

    #[test]
    fn resolves_names_slugs_and_aliases() {
        let v = vocab();
        assert_eq!(v.resolve("Bauernhof & Jugendfarm"), Some(0));
        assert_eq!(v.resolve("bauernhof-jugendfarm"), Some(0));
        assert_eq!(v.resolve("  bauernhof &  jugendfarm "), Some(0));
        assert_eq!(v.resolve("stuttgart-mitte"), Some(1));
        assert_eq!(v.resolve("Mite"), None);
        assert_eq!(v.suggest("Mite"), Some("Mitte"));
    }
}
