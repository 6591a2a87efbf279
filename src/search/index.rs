//! The search index built from the site: documents, weighted keys and facets.
//!
//! Every place and every offer is one document. Its text is cut into folded words; each word
//! is indexed as itself, as its stem and as the parts of a compound, each with a weight for
//! the field it came from and for how it was derived. The browser only looks keys up.

use std::collections::BTreeMap;

// Keys here are the site's own words; foldhash is several times faster than the standard
// hasher on short strings, and still seeded per process.
use foldhash::{HashMap, HashMapExt};

use rayon::prelude::*;
use serde::Serialize;

use super::compound::Lexicon;
use super::text::{for_each_index_token, is_stop_word, stem};
use crate::model::Site;
use crate::model::place::{Place, Wheelchair};

/// Where a word stands in a document. A word in the name outweighs one in a tag (the place of
/// an offer) or a label (category, topic, district), which outweighs the short description and
/// then the full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    Tag,
    /// A term of a vocabulary or a district. Not split into parts: they are fixed names, and
    /// "Mühle" should not find everything in Mühlhausen.
    Label,
    Summary,
    Text,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Name,
        Field::Tag,
        Field::Label,
        Field::Summary,
        Field::Text,
    ];

    /// The field's bit in a set of fields (see [`document_words`]).
    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn weight(self) -> u8 {
        match self {
            Field::Name => 8,
            Field::Tag | Field::Label => 4,
            Field::Summary => 3,
            Field::Text => 1,
        }
    }
}

/// How a key was derived from a word of the document: the word itself beats its stem, which
/// beats a part of a compound ("whole words beat parts").
#[derive(Debug, Clone, Copy)]
enum Derivation {
    Word = 4,
    Stem = 3,
    Part = 2,
}

fn weight(field: Field, derivation: Derivation) -> u8 {
    field.weight() * derivation as u8
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Place,
    Offer,
}

/// What a result card shows. All plain text; the browser inserts it as text, never as HTML.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: DocKind,
    pub slug: String,
    pub name: String,
    /// "Bauernhof & Jugendfarm · Möhringen", or for offers "Workshop · Wilhelma · Bad Cannstatt".
    pub meta: String,
    pub summary: String,
    pub free: bool,
    pub wheelchair: Wheelchair,
    pub mobile: bool,
}

/// One checkbox of a facet: its URL value, its label and the documents it selects.
#[derive(Debug, Clone, Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    #[serde(skip)]
    pub docs: Vec<u32>,
}

/// A facet: the URL parameter, its German legend and its options.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub param: &'static str,
    pub legend: &'static str,
    /// Facets that only offers have (format, school year).
    pub offers_only: bool,
    pub options: Vec<FacetOption>,
}

pub struct SearchIndex {
    /// Places first (sorted by name), then offers (sorted by title).
    pub docs: Vec<Doc>,
    pub places: usize,
    /// Folded key -> (document, weight), sorted by document.
    pub keys: BTreeMap<String, Vec<(u32, u8)>>,
    pub facets: Vec<Facet>,
    /// For each offer (in document order), the document number of its place.
    pub offer_places: Vec<u32>,
}

impl SearchIndex {
    pub fn build(site: &Site) -> SearchIndex {
        let mut index = SearchIndex::from_documents(
            documents(site),
            document_fields(site),
            facets(site),
            site.places.len(),
        );
        index.offer_places = site.offers.iter().map(|o| o.place as u32).collect();
        index
    }

    /// The index of documents given with their weighted texts (same order). Places come
    /// first: `places` is their number.
    pub(crate) fn from_documents<S: AsRef<str> + Send>(
        docs: Vec<Doc>,
        fields: Vec<Vec<(S, Field)>>,
        facets: Vec<Facet>,
        places: usize,
    ) -> SearchIndex {
        // Documents go through in chunks, and each keeps its words as numbers: on a large
        // site, a copy of every word and a key table per document, all at once, were the
        // biggest part of a build's memory.
        let mut numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut doc_words: Vec<Vec<(u32, u8)>> = Vec::with_capacity(fields.len());
        let mut fields = fields.into_iter();
        loop {
            let chunk: Vec<Vec<(S, Field)>> = fields.by_ref().take(CHUNK_DOCS).collect();
            if chunk.is_empty() {
                break;
            }
            let tokenized: Vec<Vec<(String, u8)>> =
                chunk.into_par_iter().map(|f| document_words(&f)).collect();
            for words in tokenized {
                let numbered: Vec<(u32, u8)> = words
                    .into_iter()
                    .map(|(word, in_fields)| {
                        let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                        let number = match numbers.get(word.as_str()) {
                            Some(&n) => n,
                            None => *numbers.entry(word.into_boxed_str()).or_insert(next),
                        };
                        (number, in_fields)
                    })
                    .collect();
                doc_words.push(numbered);
            }
        }
        let mut vocabulary: Vec<&str> = vec![""; numbers.len()];
        for (word, &n) in &numbers {
            vocabulary[n as usize] = word;
        }
        let lexicon = Lexicon::new(vocabulary.iter().copied());
        let derived: Vec<Derived> = vocabulary
            .par_iter()
            .map(|w| Derived::of(w, &lexicon))
            .collect();

        let keys_of = |words: &Vec<(u32, u8)>| {
            let mut keys: HashMap<&str, u8> = HashMap::with_capacity(words.len() * 2);
            let each_field = words.iter().flat_map(|&(n, in_fields)| {
                Field::ALL
                    .into_iter()
                    .filter(move |f| in_fields & f.bit() != 0)
                    .map(move |f| (n, f))
            });
            for (n, field) in each_field {
                let (word, d) = (vocabulary[n as usize], &derived[n as usize]);
                raise(&mut keys, word, weight(field, Derivation::Word));
                if let Some(s) = &d.stem {
                    raise(&mut keys, s, weight(field, Derivation::Stem));
                }
                if field != Field::Label {
                    for p in &d.parts {
                        raise(&mut keys, p, weight(field, Derivation::Part));
                    }
                }
            }
            keys
        };
        let mut postings: HashMap<&str, Vec<(u32, u8)>> = HashMap::new();
        let mut doc: u32 = 0;
        for chunk in doc_words.chunks(CHUNK_DOCS) {
            let per_doc: Vec<HashMap<&str, u8>> = chunk.par_iter().map(keys_of).collect();
            for doc_keys in per_doc {
                for (key, w) in doc_keys {
                    postings.entry(key).or_default().push((doc, w));
                }
                doc += 1;
            }
        }
        let keys: BTreeMap<String, Vec<(u32, u8)>> = postings
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        SearchIndex {
            docs,
            places,
            keys,
            facets,
            offer_places: Vec::new(),
        }
    }
}

/// Documents tokenized or keyed at a time (see [`SearchIndex::from_documents`]).
const CHUNK_DOCS: usize = 1024;

/// The distinct words of a document, each with the set of fields it occurs in
/// ([`Field::bit`]): its keys depend only on which words occur in which fields, not how often.
fn document_words<S: AsRef<str>>(fields: &[(S, Field)]) -> Vec<(String, u8)> {
    let mut words: HashMap<String, u8> = HashMap::new();
    for (text, field) in fields {
        for_each_index_token(text.as_ref(), |token| {
            if is_stop_word(token) {
                return;
            }
            match words.get_mut(token) {
                Some(in_fields) => *in_fields |= field.bit(),
                None => {
                    words.insert(token.to_string(), field.bit());
                }
            }
        });
    }
    words.into_iter().collect()
}

/// Keeps the highest weight a key reached in one document.
fn raise<'a>(keys: &mut HashMap<&'a str, u8>, key: &'a str, w: u8) {
    let slot = keys.entry(key).or_insert(0);
    *slot = (*slot).max(w);
}

/// The keys a word adds besides itself.
struct Derived {
    stem: Option<String>,
    parts: Vec<String>,
}

impl Derived {
    fn of(word: &str, lexicon: &Lexicon) -> Derived {
        let s = stem(word);
        let mut parts = Vec::new();
        let split = lexicon.all_parts(word);
        // Each part, its stem, and every tail of the word from a part boundary on
        // ("obstwiese" in "streuobstwiese"), so that prefixes of tails match too.
        let mut from = 0;
        for p in &split {
            parts.push(p.clone());
            parts.push(stem(p));
            if let Some(at) = word[from..].find(p.as_str()) {
                let start = from + at;
                if start > 0 {
                    parts.push(word[start..].to_string());
                }
                // Outer parts contain their inner ones; search the next from this start.
                from = start;
            }
        }
        parts.sort();
        parts.dedup();
        parts.retain(|p| p != word && p != &s && p.chars().count() >= 3);
        Derived {
            stem: (s != word && s.chars().count() >= 2).then_some(s),
            parts,
        }
    }
}

/// The searchable text of each document with the weight of its field, borrowed from the site
/// (the index only reads them; a copy of every text cost time and memory for nothing).
fn document_fields(site: &Site) -> Vec<Vec<(&str, Field)>> {
    let c = &site.config;
    let district =
        |b: Option<usize>| b.map_or("", |b| site.districts.vocabulary.get(b).name.as_str());
    let mut out = Vec::with_capacity(site.places.len() + site.offers.len());
    for p in &site.places {
        let mut f = vec![
            (p.name.as_str(), Field::Name),
            (c.kategorien.get(p.kategorie).name.as_str(), Field::Label),
            (district(p.bezirk), Field::Label),
            (p.kurzbeschreibung.as_str(), Field::Summary),
            (p.beschreibung_text.as_str(), Field::Text),
        ];
        f.extend(themes_and_audiences(site, &p.themen, &p.zielgruppen));
        push_place_details(p, &mut f);
        out.push(f);
    }
    for o in &site.offers {
        let place = &site.places[o.place];
        let mut f = vec![
            (o.titel.as_str(), Field::Name),
            (place.name.as_str(), Field::Tag),
            (c.formate.get(o.format).name.as_str(), Field::Label),
            (district(place.bezirk), Field::Label),
            (o.inhalt_text.as_str(), Field::Text),
        ];
        if let Some(h) = &o.kosten.hinweis {
            f.push((h.as_str(), Field::Text));
        }
        f.extend(themes_and_audiences(site, &o.themen, &o.zielgruppen));
        out.push(f);
    }
    out
}

fn themes_and_audiences<'a>(
    site: &'a Site,
    themen: &[usize],
    zielgruppen: &[usize],
) -> Vec<(&'a str, Field)> {
    let c = &site.config;
    themen
        .iter()
        .map(|&t| (c.themen.get(t).name.as_str(), Field::Label))
        .chain(
            zielgruppen
                .iter()
                .map(|&z| (c.zielgruppen.get(z).name.as_str(), Field::Label)),
        )
        .collect()
}

fn push_place_details<'a>(p: &'a Place, f: &mut Vec<(&'a str, Field)>) {
    if let Some(t) = &p.traeger {
        f.push((t.as_str(), Field::Text));
    }
    if let Some(l) = &p.leichte_sprache {
        f.push((l.as_str(), Field::Text));
    }
    if let Some(a) = &p.adresse {
        // Two texts give the words that "street town" would.
        f.push((a.strasse.as_str(), Field::Text));
        f.push((a.ort.as_str(), Field::Text));
    }
    for s in &p.oepnv {
        f.push((s.haltestelle.as_str(), Field::Text));
    }
    // Everything else the page shows as prose.
    let notes = [
        p.kosten.hinweis.as_ref(),
        p.barrierefreiheit.as_ref().and_then(|a| a.hinweis.as_ref()),
        p.oeffnungszeiten.as_ref(),
    ];
    f.extend(
        notes
            .into_iter()
            .flatten()
            .map(|t| (t.as_str(), Field::Text)),
    );
}

fn documents(site: &Site) -> Vec<Doc> {
    let c = &site.config;
    let where_ = |p: &Place| match p.bezirk {
        Some(b) => site.districts.vocabulary.get(b).name.clone(),
        None => "mobil, in ganz Stuttgart".to_string(),
    };
    let places = site.places.iter().map(|p| Doc {
        kind: DocKind::Place,
        slug: p.slug.clone(),
        name: p.name.clone(),
        meta: format!("{} · {}", c.kategorien.get(p.kategorie).name, where_(p)),
        summary: p.kurzbeschreibung.clone(),
        free: p.kosten.frei,
        wheelchair: p.rollstuhl(),
        mobile: p.mobil,
    });
    let offers = site.offers.iter().map(|o| {
        let place = &site.places[o.place];
        Doc {
            kind: DocKind::Offer,
            slug: o.slug.clone(),
            name: o.titel.clone(),
            meta: format!(
                "{} · {} · {}",
                c.formate.get(o.format).name,
                place.name,
                where_(place)
            ),
            summary: o.auszug.clone(),
            free: o.kosten.frei,
            wheelchair: place.rollstuhl(),
            mobile: place.mobil,
        }
    });
    places.chain(offers).collect()
}

/// The facets with their options in vocabulary order, and the documents of each option.
///
/// Offers inherit district, category and wheelchair access from their place; places and
/// offers of mobile providers belong to every district, because they come to the visitor.
pub fn facets(site: &Site) -> Vec<Facet> {
    let c = &site.config;
    let n_places = site.places.len();
    let offer_id = |i: usize| (n_places + i) as u32;
    let option = |value: &str, label: &str| FacetOption {
        value: value.to_string(),
        label: label.to_string(),
        docs: Vec::new(),
    };
    let vocab_options = |terms: &[crate::model::vocab::Term]| -> Vec<FacetOption> {
        terms.iter().map(|t| option(&t.slug, &t.name)).collect()
    };

    let mut bezirk = vocab_options(&site.districts.vocabulary.terms);
    let mut thema = vocab_options(&c.themen.terms);
    let mut zielgruppe = vocab_options(&c.zielgruppen.terms);
    let mut kategorie = vocab_options(&c.kategorien.terms);
    let mut kostenlos = vec![option("ja", "nur kostenlose")];
    let mut rollstuhl = vec![
        option("ja", Wheelchair::Ja.text()),
        option("teilweise", Wheelchair::Teilweise.text()),
    ];
    let mut format = vocab_options(&c.formate.terms);
    let mut klassenstufe: Vec<FacetOption> = (1..=13)
        .map(|k| option(&k.to_string(), &format!("Klasse {k}")))
        .collect();

    let mut place_facets = |id: u32, p: &Place| {
        match p.bezirk {
            Some(b) => bezirk[b].docs.push(id),
            None if p.mobil => bezirk.iter_mut().for_each(|o| o.docs.push(id)),
            None => {}
        }
        kategorie[p.kategorie].docs.push(id);
        match p.rollstuhl() {
            Wheelchair::Ja => rollstuhl[0].docs.push(id),
            Wheelchair::Teilweise => rollstuhl[1].docs.push(id),
            Wheelchair::Nein | Wheelchair::Unbekannt => {}
        }
    };
    for (i, p) in site.places.iter().enumerate() {
        place_facets(i as u32, p);
    }
    for (i, o) in site.offers.iter().enumerate() {
        place_facets(offer_id(i), &site.places[o.place]);
    }
    let push_all = |opts: &mut [FacetOption], indexes: &[usize], id: u32| {
        for &t in indexes {
            opts[t].docs.push(id);
        }
    };
    for (i, p) in site.places.iter().enumerate() {
        let id = i as u32;
        push_all(&mut thema, &p.themen, id);
        push_all(&mut zielgruppe, &p.zielgruppen, id);
        if p.kosten.frei {
            kostenlos[0].docs.push(id);
        }
    }
    for (i, o) in site.offers.iter().enumerate() {
        let id = offer_id(i);
        push_all(&mut thema, &o.themen, id);
        push_all(&mut zielgruppe, &o.zielgruppen, id);
        format[o.format].docs.push(id);
        if o.kosten.frei {
            kostenlos[0].docs.push(id);
        }
        if let Some(r) = o.klassenstufen {
            let von = r.von.unwrap_or(1).max(1);
            let bis = r.bis.unwrap_or(13).min(13);
            for k in von..=bis {
                klassenstufe[usize::from(k) - 1].docs.push(id);
            }
        }
    }
    let mut facets = vec![
        facet("bezirk", "Stadtbezirk", false, bezirk),
        facet("thema", "Thema", false, thema),
        facet("zielgruppe", "Zielgruppe", false, zielgruppe),
        facet("kategorie", "Kategorie", false, kategorie),
        facet("kostenlos", "Kosten", false, kostenlos),
        facet("rollstuhl", "Rollstuhl", false, rollstuhl),
        facet("format", "Format (Angebote)", true, format),
        facet(
            "klassenstufe",
            "Klassenstufe (Angebote)",
            true,
            klassenstufe,
        ),
    ];
    for f in &mut facets {
        for o in &mut f.options {
            o.docs.sort_unstable();
            o.docs.dedup();
        }
    }
    facets
}

fn facet(
    param: &'static str,
    legend: &'static str,
    offers_only: bool,
    options: Vec<FacetOption>,
) -> Facet {
    Facet {
        param,
        legend,
        offers_only,
        options,
    }
}
