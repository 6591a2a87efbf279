//! Runs the reference search matcher on a site, for debugging the index and ranking:
//!
//!     cargo run --example suche -- --root DIR "Streuobstwiese" [bezirk=degerloch ...]
//!
//! Prints the matching places and offers, best first, with their scores, and the keys the
//! index holds for each query word.

use std::path::PathBuf;
use std::process::ExitCode;

use lernorte::search::query::query_words;
use lernorte::search::{SearchIndex, selection};
use lernorte::{BuildOptions, build_in_memory};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut root = PathBuf::from(".");
    if let Some(i) = args.iter().position(|a| a == "--root") {
        if i + 1 >= args.len() {
            eprintln!("--root needs a folder");
            return ExitCode::from(2);
        }
        root = PathBuf::from(args.remove(i + 1));
        args.remove(i);
    }
    let Some(query) = args.first().cloned() else {
        eprintln!("usage: suche [--root DIR] QUERY [param=value ...]");
        return ExitCode::from(2);
    };
    let pairs: Vec<(String, String)> = args[1..]
        .iter()
        .filter_map(|a| {
            a.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let built = match build_in_memory(&BuildOptions::new(root)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("build failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let index = SearchIndex::build(&built.site);
    for w in query_words(&query) {
        let keys: Vec<&String> = index
            .keys
            .range(w.clone()..)
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(&w))
            .take(12)
            .collect();
        println!(
            "{w}: stem {:?}, keys {keys:?}",
            lernorte::search::text::stem(&w)
        );
    }
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let hits = index.search(&query);
    let filtered = index.filter(&hits, &selection(&refs));
    println!("{} Treffer", filtered.hits.len());
    for h in &filtered.hits {
        let d = &index.docs[h.doc as usize];
        println!("{:>5}  {:?} {}  ({})", h.score, d.kind, d.slug, d.name);
    }
    ExitCode::SUCCESS
}
