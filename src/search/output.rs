//! The index as files for the browser, split so that a query loads only what it needs.
//!
//! - `suche/index/meta.json`: small, fetched first and never cached stale. It names the
//!   folder of this build's files, the first key of each key shard, the facets and limits.
//! - `suche/index/<build>/t/<n>.json`: key shards, sorted by key; a query word loads the one
//!   or few shards its key (or prefix) falls into. `{"k": [keys], "p": [[doc, weight, ...]]}`
//!   with document numbers as differences to the previous one.
//! - `suche/index/<build>/d/<n>.json`: result cards, `DOCS_PER_FILE` documents per file:
//!   `[kind, slug, name, meta, summary, flags]`, kind 0 = place, 1 = offer; flags: 1 free,
//!   2 wheelchair accessible, 4 partly accessible, 8 mobile.
//! - `suche/index/<build>/facetten.bin`: one bit set per facet option (little-endian 32-bit
//!   words, `words_per_option` each), in the order of `facetten` in the metadata.
//! - `suche/index/<build>/angebot-orte.bin`: for each offer, the document number of its place
//!   (little-endian 32-bit), for the map, which shows the places of a result set.
//!
//! The build folder is named after a hash of the contents, so those files can be cached for
//! good and a new build never mixes with an old one.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::{Value, json};

use super::index::{DocKind, SearchIndex};
use super::query::{MAX_PREFIX_KEYS, MIN_PREFIX_CHARS, MIN_TYPO_CHARS, TYPO_SAME_PREFIX_CHARS};
use super::text::STOP_WORDS;
use crate::model::place::Wheelchair;
use crate::render::OutputFile;

/// Result cards per file. Small, because the results of a query are spread over the index.
pub const DOCS_PER_FILE: usize = 8;
/// A key shard is closed once its JSON is about this large.
pub const SHARD_BYTES: usize = 16 * 1024;

pub const INDEX_DIR: &str = "suche/index";

pub fn files(index: &SearchIndex) -> Vec<OutputFile> {
    let shards = key_shards(index);
    let docs: Vec<String> = index
        .docs
        .chunks(DOCS_PER_FILE)
        .map(|chunk| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|d| {
                    let mut flags = 0u8;
                    if d.free {
                        flags |= 1;
                    }
                    match d.wheelchair {
                        Wheelchair::Ja => flags |= 2,
                        Wheelchair::Teilweise => flags |= 4,
                        Wheelchair::Nein | Wheelchair::Unbekannt => {}
                    }
                    if d.mobile {
                        flags |= 8;
                    }
                    let kind = u8::from(d.kind == DocKind::Offer);
                    json!([kind, d.slug, d.name, d.meta, d.summary, flags])
                })
                .collect();
            Value::Array(rows).to_string()
        })
        .collect();
    let words_per_option = index.docs.len().div_ceil(32).max(1);
    let mut bits = Vec::new();
    for f in &index.facets {
        for o in &f.options {
            let mut words = vec![0u32; words_per_option];
            for &d in &o.docs {
                words[d as usize / 32] |= 1 << (d % 32);
            }
            bits.extend(words.iter().flat_map(|w| w.to_le_bytes()));
        }
    }

    let offer_places: Vec<u8> = index
        .offer_places
        .iter()
        .flat_map(|p| p.to_le_bytes())
        .collect();

    let mut hasher = DefaultHasher::new();
    for (_, s) in &shards {
        s.hash(&mut hasher);
    }
    docs.hash(&mut hasher);
    bits.hash(&mut hasher);
    offer_places.hash(&mut hasher);
    let build = format!("{:016x}", hasher.finish());
    let dir = format!("{INDEX_DIR}/{build}");

    let meta = json!({
        "version": 1,
        "pfad": format!("{build}/"),
        "dokumente": index.docs.len(),
        "orte": index.places,
        "je_datei": DOCS_PER_FILE,
        "schluessel": shards.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "facetten": index.facets.iter().map(|f| json!({
            "param": f.param,
            "werte": f.options.iter().map(|o| &o.value).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "woerter_je_option": words_per_option,
        // Uncompressed bytes of all key shards and all card files: small indexes are loaded
        // whole in the background, so that typing never waits for the network.
        "bytes": {
            "schluessel": shards.iter().map(|(_, s)| s.len()).sum::<usize>(),
            "karten": docs.iter().map(String::len).sum::<usize>(),
        },
        "stoppwoerter": STOP_WORDS,
        "grenzen": {
            "praefix": MIN_PREFIX_CHARS,
            "tippfehler": MIN_TYPO_CHARS,
            "tippfehler_gleicher_anfang": TYPO_SAME_PREFIX_CHARS,
            "praefix_schluessel": MAX_PREFIX_KEYS,
        },
    });

    let mut out = Vec::with_capacity(shards.len() + docs.len() + 2);
    out.push(OutputFile::text(
        format!("{INDEX_DIR}/meta.json"),
        meta.to_string(),
    ));
    for (i, (_, shard)) in shards.into_iter().enumerate() {
        out.push(OutputFile::text(format!("{dir}/t/{i}.json"), shard));
    }
    for (i, d) in docs.into_iter().enumerate() {
        out.push(OutputFile::text(format!("{dir}/d/{i}.json"), d));
    }
    out.push(OutputFile::bytes(format!("{dir}/facetten.bin"), bits));
    out.push(OutputFile::bytes(
        format!("{dir}/angebot-orte.bin"),
        offer_places,
    ));
    out
}

/// The keys cut into shards of about `SHARD_BYTES`: (first key, JSON).
fn key_shards(index: &SearchIndex) -> Vec<(String, String)> {
    let mut shards = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    let mut postings: Vec<String> = Vec::new();
    let mut size = 0;
    let mut flush = |keys: &mut Vec<&str>, postings: &mut Vec<String>| {
        if keys.is_empty() {
            return;
        }
        let json = format!(
            "{{\"k\":{},\"p\":[{}]}}",
            serde_json::to_string(&keys).unwrap_or_default(),
            postings.join(",")
        );
        shards.push((keys[0].to_string(), json));
        keys.clear();
        postings.clear();
    };
    for (key, list) in &index.keys {
        let mut p = String::with_capacity(list.len() * 6 + 2);
        p.push('[');
        let mut prev = 0u32;
        for (i, &(doc, w)) in list.iter().enumerate() {
            if i > 0 {
                p.push(',');
            }
            p.push_str(&format!("{},{}", doc - prev, w));
            prev = doc;
        }
        p.push(']');
        size += key.len() + p.len() + 4;
        keys.push(key);
        postings.push(p);
        if size >= SHARD_BYTES {
            flush(&mut keys, &mut postings);
            size = 0;
        }
    }
    flush(&mut keys, &mut postings);
    shards
}
