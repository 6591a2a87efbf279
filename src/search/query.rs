//! The matcher: how a query finds documents in the index, and how facets filter and count.
//!
//! This is the reference for the browser's matcher in `themes/default/static/js/suche.js`,
//! which implements the same rules on the shards it loads; a browser test checks that both
//! return the same results. Tests and benchmarks use this one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::index::SearchIndex;
use super::text::{fold, is_stop_word, stem, within_one_edit, words};

/// Query words shorter than this match only whole keys, not as prefixes: "au" is a word.
pub const MIN_PREFIX_CHARS: usize = 3;
/// Query words of this length or longer may have one typo (when nothing else matches).
pub const MIN_TYPO_CHARS: usize = 5;
/// A typo is looked for only among keys that share this many leading letters with the query.
pub const TYPO_SAME_PREFIX_CHARS: usize = 2;
/// At most this many keys are expanded from a prefix, shortest first, to bound the work per
/// keystroke on very large sites.
pub const MAX_PREFIX_KEYS: usize = 400;

/// How a query word matched a key; multiplied with the key's weight in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Exact = 4,
    Stem = 3,
    Prefix = 2,
    Typo = 1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
}

/// The words of a query: folded, one letter words dropped, stop words dropped unless the query
/// has nothing else, repeats dropped.
pub fn query_words(query: &str) -> Vec<String> {
    let folded = fold(query);
    let mut all: Vec<String> = Vec::new();
    for w in words(&folded) {
        if w.chars().count() >= 2 && !all.iter().any(|a| a == w) {
            all.push(w.to_string());
        }
    }
    let content: Vec<String> = all.iter().filter(|w| !is_stop_word(w)).cloned().collect();
    if content.is_empty() { all } else { content }
}

impl SearchIndex {
    /// Documents that one query word matches, with the best score of each.
    pub fn word_matches(&self, word: &str) -> HashMap<u32, u32> {
        let mut best: HashMap<u32, u32> = HashMap::new();
        let take = |best: &mut HashMap<u32, u32>, key: &str, kind: MatchKind| {
            if let Some(postings) = self.keys.get(key) {
                for &(doc, w) in postings {
                    let score = u32::from(w) * kind as u32;
                    let slot = best.entry(doc).or_insert(0);
                    *slot = (*slot).max(score);
                }
            }
        };
        take(&mut best, word, MatchKind::Exact);
        let s = stem(word);
        if s != word {
            take(&mut best, &s, MatchKind::Stem);
        }
        let chars = word.chars().count();
        if chars >= MIN_PREFIX_CHARS {
            let mut longer: Vec<&String> = self
                .keys
                .range(word.to_string()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(word))
                .filter(|k| k.as_str() != word)
                .collect();
            longer.sort_by_key(|k| (k.chars().count(), *k));
            for k in longer.into_iter().take(MAX_PREFIX_KEYS) {
                take(&mut best, k, MatchKind::Prefix);
            }
        }
        if best.is_empty() && chars >= MIN_TYPO_CHARS {
            let lead: String = word.chars().take(TYPO_SAME_PREFIX_CHARS).collect();
            let near: Vec<&String> = self
                .keys
                .range(lead.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(&lead))
                .filter(|k| within_one_edit(k, word))
                .collect();
            for k in near {
                take(&mut best, k, MatchKind::Typo);
            }
        }
        best
    }

    /// Documents matching every word of the query, best first (ties in index order). An
    /// empty query matches every document.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            return (0..self.docs.len() as u32)
                .map(|doc| Hit { doc, score: 0 })
                .collect();
        }
        let mut acc: Option<HashMap<u32, u32>> = None;
        for w in &words {
            let m = self.word_matches(w);
            acc = Some(match acc {
                None => m,
                Some(a) => a
                    .into_iter()
                    .filter_map(|(doc, s)| m.get(&doc).map(|t| (doc, s + t)))
                    .collect(),
            });
        }
        let mut hits: Vec<Hit> = acc
            .unwrap_or_default()
            .into_iter()
            .map(|(doc, score)| Hit { doc, score })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// Narrows hits by the selected facet values (OR within a facet, AND across facets) and
    /// counts, for every option, how many hits it would give: the hits that pass all *other*
    /// facets' selections and have that option.
    pub fn filter(&self, hits: &[Hit], selection: &Selection) -> Filtered {
        let n = self.docs.len();
        let sets: Vec<Option<Vec<bool>>> = self
            .facets
            .iter()
            .map(|f| {
                let chosen = selection.get(f.param)?;
                let mut set = vec![false; n];
                for o in f.options.iter().filter(|o| chosen.contains(&o.value)) {
                    for &d in &o.docs {
                        set[d as usize] = true;
                    }
                }
                Some(set)
            })
            .collect();
        let passes_except = |doc: u32, skip: Option<usize>| {
            sets.iter()
                .enumerate()
                .all(|(i, s)| Some(i) == skip || s.as_ref().is_none_or(|s| s[doc as usize]))
        };
        let kept: Vec<Hit> = hits
            .iter()
            .copied()
            .filter(|h| passes_except(h.doc, None))
            .collect();
        let counts = self
            .facets
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut base = vec![false; n];
                for h in hits.iter().filter(|h| passes_except(h.doc, Some(i))) {
                    base[h.doc as usize] = true;
                }
                f.options
                    .iter()
                    .map(|o| o.docs.iter().filter(|&&d| base[d as usize]).count())
                    .collect()
            })
            .collect();
        Filtered { hits: kept, counts }
    }

    pub fn slug(&self, hit: &Hit) -> &str {
        &self.docs[hit.doc as usize].slug
    }
}

/// Selected values per facet parameter, as in the URL (`bezirk=degerloch&bezirk=mitte`).
pub type Selection = BTreeMap<String, BTreeSet<String>>;

/// Builds a selection from URL-style pairs.
pub fn selection(pairs: &[(&str, &str)]) -> Selection {
    let mut s = Selection::new();
    for (k, v) in pairs {
        s.entry((*k).to_string())
            .or_default()
            .insert((*v).to_string());
    }
    s
}

pub struct Filtered {
    pub hits: Vec<Hit>,
    /// Per facet (index order), per option: how many hits it would give.
    pub counts: Vec<Vec<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::place::Wheelchair;
    use crate::search::index::{Doc, DocKind, Facet, FacetOption, Field};

    /// (slug, name, short description, full text)
    const DOCS: &[(&str, &str, &str, &str)] = &[
        (
            "streuobstwiese",
            "Streuobstwiese am Hasenberg",
            "Alte Apfelbäume, Schafe und ein Insektenhotel.",
            "Im Herbst ernten Kinder Äpfel und pressen Saft.",
        ),
        (
            "waldschule",
            "Waldschule Degerloch",
            "Waldpädagogik für Kitas und Grundschulen.",
            "Wir erkunden den Wald mit allen Sinnen.",
        ),
        (
            "bergwald",
            "Naturpfad Bergwald",
            "Ein Rundweg durch alte Buchen.",
            "Tafeln erklären Spechte und Käfer.",
        ),
        (
            "muehle",
            "Alte Mühle Plieningen",
            "Wie aus Korn Mehl wird.",
            "Die Mühle mahlt seit 1850.",
        ),
        (
            "bauernhof",
            "Bauernhof Körner",
            "Kühe, Hühner und ein Hofladen.",
            "Kinder füttern die Tiere.",
        ),
        (
            "bienen",
            "Bienen im Schulgarten",
            "Imkern für Schülerinnen und Schüler.",
            "Wir legen eine Bienenweide an.",
        ),
        (
            "tierpark",
            "Tierpark am Neckar",
            "Ein Tier für jede Jahreszeit.",
            "Die Pfleger zeigen, was ein Tier frisst.",
        ),
        (
            "strasse",
            "Straßenbäume entdecken",
            "Welche Bäume wachsen an der Straße?",
            "",
        ),
        (
            "wiesenpfad",
            "Kräuterführung",
            "Kräuter am Wegesrand.",
            "Auf der Wiese wachsen Kräuter, Wald gibt es hier nicht.",
        ),
        ("im-wald", "Spielen im Wald", "Verstecken und Suchen.", ""),
    ];

    fn index() -> SearchIndex {
        let docs = DOCS
            .iter()
            .map(|(slug, name, summary, _)| Doc {
                kind: DocKind::Place,
                slug: (*slug).to_string(),
                name: (*name).to_string(),
                meta: String::new(),
                summary: (*summary).to_string(),
                free: false,
                wheelchair: Wheelchair::Unbekannt,
                mobile: false,
            })
            .collect();
        let fields: Vec<Vec<(String, Field)>> = DOCS
            .iter()
            .map(|(_, name, summary, text)| {
                vec![
                    ((*name).to_string(), Field::Name),
                    ((*summary).to_string(), Field::Summary),
                    ((*text).to_string(), Field::Text),
                ]
            })
            .collect();
        SearchIndex::from_documents(docs, fields, Vec::new(), DOCS.len())
    }

    fn slugs(index: &SearchIndex, q: &str) -> Vec<String> {
        index
            .search(q)
            .iter()
            .map(|h| index.slug(h).to_string())
            .collect()
    }

    fn finds(index: &SearchIndex, q: &str, slug: &str) -> bool {
        slugs(index, q).iter().any(|s| s == slug)
    }

    #[test]
    fn case_umlauts_and_sharp_s_fold() {
        let ix = index();
        for q in ["Mühle", "Muehle", "muhle", "MÜHLE", "mühle"] {
            assert_eq!(slugs(&ix, q), ["muehle"], "{q}");
        }
        for q in ["Straße", "Strasse", "STRASSE"] {
            assert!(finds(&ix, q, "strasse"), "{q}");
        }
    }

    #[test]
    fn prefixes_find_longer_words_while_typing() {
        let ix = index();
        assert!(finds(&ix, "Bien", "bienen"));
        // "Bienenweide" is only in the full text of the school garden; "Bienenw" finds it.
        assert_eq!(slugs(&ix, "Bienenw"), ["bienen"]);
        assert!(finds(&ix, "Streuob", "streuobstwiese"));
        assert!(finds(&ix, "Kräu", "wiesenpfad"));
        // Two letters are a whole word, not a prefix.
        assert!(slugs(&ix, "Bi").is_empty());
    }

    #[test]
    fn parts_of_compounds_are_found() {
        let ix = index();
        assert!(finds(&ix, "wiese", "streuobstwiese"));
        assert!(finds(&ix, "obst", "streuobstwiese"));
        assert!(
            finds(&ix, "Wald", "waldschule"),
            "Waldpädagogik and Waldschule"
        );
        assert!(finds(&ix, "Wald", "bergwald"), "Bergwald");
        assert!(finds(&ix, "Pädagogik", "waldschule"));
        assert!(finds(&ix, "Hof", "bauernhof"));
        assert!(finds(&ix, "Garten", "bienen"), "Schulgarten");
        assert!(finds(&ix, "Weide", "bienen"), "Bienenweide");
    }

    #[test]
    fn inflected_forms_find_each_other() {
        let ix = index();
        assert!(finds(&ix, "Wälder", "waldschule"));
        assert!(finds(&ix, "Waelder", "waldschule"));
        assert!(
            finds(&ix, "Tiere", "tierpark"),
            "Tier only in the singular there"
        );
        assert!(
            finds(&ix, "Tier", "bauernhof"),
            "Tiere only in the plural there"
        );
        assert!(finds(&ix, "Mühlen", "muehle"));
        assert!(finds(&ix, "Kraut", "wiesenpfad") || finds(&ix, "Kräuter", "wiesenpfad"));
        assert!(finds(&ix, "Wiesen", "wiesenpfad"));
        assert!(finds(&ix, "Biene", "bienen"));
    }

    #[test]
    fn one_typo_in_long_words() {
        let ix = index();
        assert_eq!(slugs(&ix, "Bauernhf"), ["bauernhof"]);
        assert_eq!(slugs(&ix, "Bauernhoof"), ["bauernhof"]);
        assert_eq!(slugs(&ix, "Tierpakr"), ["tierpark"], "swapped letters");
        // Short words get no typo tolerance, and two typos are too many.
        assert!(slugs(&ix, "Wlad").is_empty());
        assert!(slugs(&ix, "Bauerhf").is_empty());
        // Only when nothing matches exactly: "Bienen" must not also find typo neighbours.
        assert_eq!(slugs(&ix, "Schafe"), ["streuobstwiese"]);
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        let ix = index();
        assert_eq!(slugs(&ix, "Wald Degerloch"), ["waldschule"]);
        assert!(slugs(&ix, "Wald Neckar").is_empty());
        // Stop words are ignored, unless they are all there is.
        assert_eq!(slugs(&ix, "die Mühle"), ["muehle"]);
        assert!(query_words("und").contains(&"und".to_string()));
    }

    #[test]
    fn ranking_name_beats_description_and_words_beat_parts() {
        let ix = index();
        let wald = slugs(&ix, "Wald");
        let pos = |s: &str| wald.iter().position(|x| x == s).unwrap_or(usize::MAX);
        // "Waldschule" (name, as a prefix and a part) and "Bergwald" (name, part) beat
        // "Wald" that only appears in the description of the herb walk.
        assert!(pos("waldschule") < pos("wiesenpfad"), "{wald:?}");
        assert!(pos("bergwald") < pos("wiesenpfad"), "{wald:?}");
        // In the same field, the whole word beats the part.
        assert_eq!(
            wald.first().map(String::as_str),
            Some("im-wald"),
            "{wald:?}"
        );
        assert!(pos("im-wald") < pos("bergwald"), "{wald:?}");
        // The tree park names "Tier" as a whole word in its name; the farm only has "Tiere"
        // in the description.
        let tier = slugs(&ix, "Tier");
        assert_eq!(
            tier.first().map(String::as_str),
            Some("tierpark"),
            "{tier:?}"
        );
        // A whole word beats a part in the same field: "Wiese" is a word in the herb walk's
        // text but only a part of "Streuobstwiese" in the other's name... and the name wins.
        let wiese = slugs(&ix, "Wiese");
        assert_eq!(wiese.first().map(String::as_str), Some("streuobstwiese"));
        let garten = slugs(&ix, "Garten");
        assert_eq!(garten, ["bienen"]);
    }

    #[test]
    fn empty_query_lists_everything_in_index_order() {
        let ix = index();
        assert_eq!(ix.search("").len(), DOCS.len());
        assert_eq!(ix.search("   ").first().map(|h| h.doc), Some(0));
    }

    #[test]
    fn facets_or_within_and_across_with_counts() {
        let mut ix = index();
        let opt = |value: &str, docs: &[u32]| FacetOption {
            value: value.to_string(),
            label: value.to_string(),
            docs: docs.to_vec(),
        };
        ix.facets = vec![
            Facet {
                param: "bezirk",
                legend: "Stadtbezirk",
                offers_only: false,
                options: vec![opt("degerloch", &[1, 2]), opt("plieningen", &[3, 5])],
            },
            Facet {
                param: "kostenlos",
                legend: "Kosten",
                offers_only: false,
                options: vec![opt("ja", &[2, 3])],
            },
        ];
        let all = ix.search("");
        let f = ix.filter(&all, &selection(&[]));
        assert_eq!(f.hits.len(), DOCS.len());
        assert_eq!(f.counts, [vec![2, 2], vec![2]]);

        let f = ix.filter(&all, &selection(&[("bezirk", "degerloch")]));
        assert_eq!(f.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [1, 2]);
        // Options of the same facet count as if chosen alone (OR); the other facet is narrowed.
        assert_eq!(f.counts, [vec![2, 2], vec![1]]);

        let f = ix.filter(
            &all,
            &selection(&[("bezirk", "degerloch"), ("bezirk", "plieningen")]),
        );
        assert_eq!(f.hits.len(), 4);
        let f = ix.filter(
            &all,
            &selection(&[
                ("bezirk", "degerloch"),
                ("bezirk", "plieningen"),
                ("kostenlos", "ja"),
            ]),
        );
        assert_eq!(f.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(f.counts, [vec![1, 1], vec![2]]);

        let wald = ix.search("Wald");
        let f = ix.filter(&wald, &selection(&[("bezirk", "plieningen")]));
        assert!(f.hits.is_empty());
        assert_eq!(
            f.counts[0],
            [2, 0],
            "Wald in Degerloch: school and Bergwald"
        );
    }
}
