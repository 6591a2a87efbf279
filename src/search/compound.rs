//! Splitting German compound words into parts, so that "obst" finds "Streuobstwiese".
//!
//! A word is split where every part is a known word: one of the site's own words (as they
//! occur on their own in any place or offer) or a common part from `wortteile.txt`. Linking
//! letters between parts ("Bienen-weide", "Bildung-s-plan") are allowed. At most one part may
//! be unknown: a long one (six letters or more), so that "Waldpädagogik" still yields
//! "pädagogik" on a site where that word never stands alone, or a short first one before a
//! known head, as in place names ("Uhl-bach"). Parts that are compounds themselves are split
//! again ("Streuobst-wiese" -> "Streu-obst").

use std::collections::HashSet;

use super::text::{fold, is_stop_word};

const BUILTIN_PARTS: &str = include_str!("wortteile.txt");

/// Letters that may join two parts of a German compound, folded.
const LINKERS: &[&str] = &["", "s", "es", "n", "en", "e", "er", "ens", "nen"];

/// Inflection endings of a compound's last part, folded (all ASCII).
const ENDINGS: &[&str] = &["e", "n", "s", "en", "es", "er", "ern", "ens"];

/// Shorter words are not split: too few letters for two parts.
const MIN_COMPOUND_CHARS: usize = 6;
/// The shortest part taken from the site's own words; shorter ones must be in the built-in list.
const MIN_CORPUS_PART_CHARS: usize = 4;
const MIN_KNOWN_PART_CHARS: usize = 3;
const MIN_UNKNOWN_PART_CHARS: usize = 6;

pub struct Lexicon {
    builtin: HashSet<String>,
    corpus: HashSet<String>,
    /// Known words that end in "e", without it: the form they take before another part.
    builtin_without_e: HashSet<String>,
    corpus_without_e: HashSet<String>,
}

fn without_final_e(words: &HashSet<String>) -> HashSet<String> {
    words
        .iter()
        .filter_map(|w| w.strip_suffix('e'))
        .map(str::to_string)
        .collect()
}

impl Lexicon {
    /// A lexicon of the built-in parts and the given folded words of the site.
    pub fn new<'a>(corpus_words: impl IntoIterator<Item = &'a str>) -> Lexicon {
        let builtin = BUILTIN_PARTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        let corpus = corpus_words
            .into_iter()
            .filter(|w| w.chars().count() >= MIN_CORPUS_PART_CHARS && !is_stop_word(w))
            .filter(|w| w.chars().all(char::is_alphabetic))
            .map(str::to_string)
            .collect();
        Lexicon {
            builtin_without_e: without_final_e(&builtin),
            corpus_without_e: without_final_e(&corpus),
            builtin,
            corpus,
        }
    }

    fn is_known(&self, part: &str, chars: usize, before_another: bool) -> bool {
        if self.is_known_as_is(part, chars, before_another) {
            return true;
        }
        // The last part carries the inflection of the whole word: "Klimaschutz-es",
        // "Streuobstwiese-n".
        !before_another
            && ENDINGS.iter().any(|ending| {
                part.strip_suffix(ending)
                    .is_some_and(|stem| self.is_known_as_is(stem, chars - ending.len(), false))
            })
    }

    fn is_known_as_is(&self, part: &str, chars: usize, before_another: bool) -> bool {
        let known = |builtin: &HashSet<String>, corpus: &HashSet<String>, min_corpus: usize| {
            builtin.contains(part) || (chars >= min_corpus && corpus.contains(part))
        };
        chars >= MIN_KNOWN_PART_CHARS
            && (known(&self.builtin, &self.corpus, MIN_CORPUS_PART_CHARS)
                // Before another part a final "e" is often dropped: "Schul-garten".
                || (before_another
                    && known(
                        &self.builtin_without_e,
                        &self.corpus_without_e,
                        MIN_CORPUS_PART_CHARS - 1,
                    )))
    }

    /// The parts of a folded word, in order, or `None` when it is not a compound.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < MIN_COMPOUND_CHARS || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        // Byte offset of every char boundary, so that parts are slices, not new strings.
        let at: Vec<usize> = word
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(word.len()))
            .collect();
        // best[i]: the cheapest split of chars[i..]: (cost, unknown parts, end of the first
        // part, start of the rest). A known part costs 1, so that fewer, longer parts win; an
        // unknown part costs more the longer it is, so that it cannot swallow known parts.
        let mut best: Vec<Option<(u32, u32, usize, usize)>> = vec![None; n + 1];
        best[n] = Some((0, 0, n, n));
        for i in (0..n).rev() {
            for j in (i + MIN_KNOWN_PART_CHARS..=n).rev() {
                if i == 0 && j == n {
                    continue;
                }
                let part = &word[at[i]..at[j]];
                let known = self.is_known(part, j - i, j < n);
                // An unknown part must be long, except at the start before a known head of
                // four letters or more: "Uhl-bach", "Aus-flug".
                let unknown_start = i == 0 && n - j >= MIN_CORPUS_PART_CHARS;
                if !known && j - i < MIN_UNKNOWN_PART_CHARS && !unknown_start {
                    continue;
                }
                for linker in LINKERS {
                    let k = j + linker.chars().count();
                    if k > n || (!linker.is_empty() && k == n) {
                        continue;
                    }
                    if !word[at[j]..].starts_with(linker) {
                        continue;
                    }
                    let Some((rest_cost, rest_unknown, _, _)) = best[k] else {
                        continue;
                    };
                    let unknown = rest_unknown + u32::from(!known);
                    if unknown > 1 {
                        continue;
                    }
                    let cost = rest_cost + if known { 1 } else { 2 + (j - i) as u32 / 2 };
                    if best[i].is_none_or(|(c, _, _, _)| cost < c) {
                        best[i] = Some((cost, unknown, j, k));
                    }
                }
            }
        }
        best[0]?;
        let mut parts = Vec::new();
        let mut i = 0;
        while i < n {
            let (_, _, end, next) = best[i]?;
            parts.push(word[at[i]..at[end]].to_string());
            i = next;
        }
        (parts.len() > 1).then_some(parts)
    }

    /// Every part of a folded word, parts of parts included, in order of appearance (an
    /// outer part before its own parts); empty when the word is not a compound.
    pub fn all_parts(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in self.split(word).unwrap_or_default() {
            let inner = self.all_parts(&part);
            out.push(part);
            out.extend(inner);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[&str]) -> Lexicon {
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        Lexicon::new(folded.iter().map(String::as_str))
    }

    fn split(lex: &Lexicon, w: &str) -> Vec<String> {
        lex.split(&fold(w)).unwrap_or_default()
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let lex = lexicon(&[]);
        assert_eq!(split(&lex, "Streuobstwiese"), ["streu", "obst", "wiese"]);
        assert_eq!(split(&lex, "Bergwald"), ["berg", "wald"]);
        assert_eq!(split(&lex, "Bauernhof"), ["baur", "hof"]);
        assert_eq!(split(&lex, "Wasserkreislauf"), ["wasser", "kreislauf"]);
        assert_eq!(split(&lex, "Bienenweide"), ["biene", "weide"]);
        assert_eq!(split(&lex, "Waldpädagogik"), ["wald", "padagogik"]);
        assert_eq!(split(&lex, "Schulgarten"), ["schul", "garten"]);
    }

    #[test]
    fn parts_that_are_compounds_split_again() {
        // "Streuobst" on its own on the site makes "streuobst|wiese" the cheapest split.
        let lex = lexicon(&["Streuobst", "Naturschutz"]);
        assert_eq!(split(&lex, "Streuobstwiese"), ["streuobst", "wiese"]);
        assert_eq!(
            lex.all_parts(&fold("Streuobstwiese")),
            ["streuobst", "streu", "obst", "wiese"]
        );
        assert_eq!(
            lex.all_parts(&fold("Naturschutzbundes")),
            ["naturschutz", "natur", "schutz", "bundes"]
        );
        assert!(lex.all_parts("wald").is_empty());
    }

    #[test]
    fn the_sites_own_words_are_parts_too() {
        let lex = lexicon(&["Sternwarte", "Bohnen", "Suppe"]);
        assert_eq!(split(&lex, "Sternwartenführung"), ["sternwarte", "fuhrung"]);
        assert_eq!(split(&lex, "Bohnensuppe"), ["bohnen", "suppe"]);
    }

    #[test]
    fn one_long_unknown_part_is_allowed_but_no_short_one() {
        let lex = lexicon(&[]);
        assert_eq!(
            split(&lex, "Waldkindergruppe"),
            ["wald", "kinder", "gruppe"]
        );
        assert!(split(&lex, "Wanderung").is_empty(), "wand + erung");
        assert_eq!(split(&lex, "Uhlbach"), ["uhl", "bach"]);
    }

    #[test]
    fn the_last_part_may_be_inflected() {
        let lex = lexicon(&[]);
        assert_eq!(split(&lex, "Klimaschutzes"), ["klima", "schutzes"]);
        assert_eq!(split(&lex, "Bergwäldern"), ["berg", "waldern"]);
        assert!(split(&lex, "Wald").is_empty());
    }
}
