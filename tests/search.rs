//! The search index as written by `lernorte build`: the files under `suche/index/` hold
//! exactly the keys, documents and facets of the in-memory index, split as documented, and
//! the facets follow the rules for offers and mobile places. The matching rules themselves
//! are tested in `src/search/query.rs`; the browser's use of these files in tests/browser.rs.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestSite;
use lernorte::search::output::{DOCS_PER_FILE, INDEX_DIR};
use lernorte::search::{SearchIndex, selection};
use serde_json::Value;

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} is missing; files: {:?}", files.keys()));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn numbers(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|n| n.as_u64().expect("number"))
        .collect()
}

#[test]
fn index_files_hold_the_whole_index_split_by_key() {
    let site = TestSite::mini();
    let out = site.build();
    let index = SearchIndex::build(&out.built.site);
    let meta = json(&out.files, &format!("{INDEX_DIR}/meta.json"));
    let pfad = meta["pfad"].as_str().expect("pfad is a string");
    let dir = format!("{INDEX_DIR}/{}", pfad.trim_end_matches('/'));
    assert_eq!(meta["dokumente"], index.docs.len());
    assert_eq!(meta["orte"], 4);

    // Keys: every shard in order, first keys as announced, together exactly the index.
    let firsts: Vec<&str> = meta["schluessel"]
        .as_array()
        .expect("schluessel")
        .iter()
        .map(|k| k.as_str().expect("key"))
        .collect();
    assert!(!firsts.is_empty());
    let mut keys: BTreeMap<String, Vec<(u32, u8)>> = BTreeMap::new();
    let mut previous: Option<String> = None;
    for (i, first) in firsts.iter().enumerate() {
        let shard = json(&out.files, &format!("{dir}/t/{i}.json"));
        let shard_keys = shard["k"].as_array().expect("k");
        let postings = shard["p"].as_array().expect("p");
        assert_eq!(shard_keys.len(), postings.len());
        assert_eq!(shard_keys[0].as_str(), Some(*first), "shard {i}");
        for (k, p) in shard_keys.iter().zip(postings) {
            let k = k.as_str().expect("key").to_string();
            assert!(previous.as_ref().is_none_or(|p| *p < k), "{k} out of order");
            previous = Some(k.clone());
            let flat = numbers(p);
            let mut doc = 0u64;
            let list = flat
                .chunks(2)
                .map(|pair| {
                    doc += pair[0];
                    (doc as u32, pair[1] as u8)
                })
                .collect();
            keys.insert(k, list);
        }
    }
    assert_eq!(keys, index.keys);
    // German keys are there: folded words, stems and parts.
    for key in ["bienenmobil", "tierpark", "tier", "park", "wald"] {
        assert!(keys.contains_key(key), "{key}");
    }

    // Result cards: DOCS_PER_FILE per file, in document order.
    for (n, doc) in index.docs.iter().enumerate() {
        let file = json(&out.files, &format!("{dir}/d/{}.json", n / DOCS_PER_FILE));
        let row = &file[n % DOCS_PER_FILE];
        assert_eq!(row[1], doc.slug.as_str());
        assert_eq!(row[2], doc.name.as_str());
        assert_eq!(row[0], u8::from(n >= index.places));
    }

    // Facets: one bit set per option, in the announced order.
    let bits = &out.files[&format!("{dir}/facetten.bin")];
    let words = meta["woerter_je_option"].as_u64().expect("words") as usize;
    let mut at = 0;
    for (f, announced) in index
        .facets
        .iter()
        .zip(meta["facetten"].as_array().expect("facets"))
    {
        assert_eq!(announced["param"], f.param);
        for (o, value) in f
            .options
            .iter()
            .zip(announced["werte"].as_array().expect("werte"))
        {
            assert_eq!(value, o.value.as_str());
            let set: Vec<u32> = (0..index.docs.len() as u32)
                .filter(|&d| {
                    let word = at + (d as usize / 32) * 4;
                    let w = u32::from_le_bytes(bits[word..word + 4].try_into().expect("4 bytes"));
                    w & (1 << (d % 32)) != 0
                })
                .collect();
            assert_eq!(set, o.docs, "{}={}", f.param, o.value);
            at += words * 4;
        }
    }
    assert_eq!(at, bits.len());

    // Offers' places, for the map.
    let places = &out.files[&format!("{dir}/angebot-orte.bin")];
    let decoded: Vec<u32> = places
        .chunks(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect();
    let expected: Vec<u32> = out
        .built
        .site
        .offers
        .iter()
        .map(|o| o.place as u32)
        .collect();
    assert_eq!(decoded, expected);
    assert_eq!(decoded.len(), index.docs.len() - index.places);
}

#[test]
fn a_new_build_gets_a_new_index_folder_and_the_same_build_the_same() {
    let site = TestSite::mini();
    let a = site.build();
    let b = site.build();
    let pfad =
        |o: &common::Output| json(&o.files, &format!("{INDEX_DIR}/meta.json"))["pfad"].clone();
    assert_eq!(pfad(&a), pfad(&b), "deterministic");
    site.write(
        "places/stadtgarten-mitte.yaml",
        &site
            .read("places/stadtgarten-mitte.yaml")
            .replace("name: ", "name: Neuer "),
    );
    let c = site.build();
    assert_ne!(pfad(&a), pfad(&c));
}

#[test]
fn facets_follow_the_rules_for_offers_and_mobile_places() {
    let site = TestSite::mini();
    let out = site.build();
    let index = SearchIndex::build(&out.built.site);
    let slugs = |pairs: &[(&str, &str)]| -> BTreeSet<String> {
        let all = index.search("");
        index
            .filter(&all, &selection(pairs))
            .hits
            .iter()
            .map(|h| index.slug(h).to_string())
            .collect()
    };
    let set = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();

    // Degerloch: the Waldheim, its offer, and the mobile bee van with its offer.
    assert_eq!(
        slugs(&[("bezirk", "degerloch")]),
        set(&[
            "waldheim-degerloch",
            "waldforscher",
            "bienenmobil",
            "die-bienenkiste-kommt"
        ])
    );
    // Offers inherit wheelchair access from their place.
    assert_eq!(
        slugs(&[("rollstuhl", "ja")]),
        set(&[
            "tierpark-neckar",
            "nachts-im-tierpark",
            "tiere-und-lebensraeume"
        ])
    );
    // OR within, AND across.
    assert_eq!(
        slugs(&[
            ("rollstuhl", "ja"),
            ("rollstuhl", "teilweise"),
            ("kostenlos", "ja")
        ]),
        set(&["waldheim-degerloch", "waldforscher"])
    );
    // School years only for offers that name them.
    assert_eq!(
        slugs(&[("klassenstufe", "3")]),
        set(&["tiere-und-lebensraeume"])
    );
    assert!(slugs(&[("klassenstufe", "5")]).is_empty());
    // An unknown value selects nothing rather than being ignored.
    assert!(slugs(&[("bezirk", "atlantis")]).is_empty());
}

#[test]
fn search_page_lists_every_facet_option_as_a_checkbox() {
    let site = TestSite::mini();
    let out = site.build();
    let index = SearchIndex::build(&out.built.site);
    let html = String::from_utf8(out.files["suche/index.html"].clone()).expect("utf-8");
    let doc = scraper::Html::parse_document(&html);
    for f in &index.facets {
        for o in &f.options {
            let selector = format!(
                "#filter input[type=checkbox][name=\"{}\"][value=\"{}\"]",
                f.param, o.value
            );
            let sel = scraper::Selector::parse(&selector).expect("selector");
            assert_eq!(doc.select(&sel).count(), 1, "{selector}");
        }
    }
    let script = scraper::Selector::parse("head script[type=module][src=\"/js/suche.js\"]")
        .expect("selector");
    assert_eq!(doc.select(&script).count(), 1);
    assert!(out.files.contains_key("js/suche.js"));
}
