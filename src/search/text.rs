//! Text normalisation for the German search: folding, tokens, stems and stop words.
//!
//! The browser applies the same rules to the query (`themes/default/static/js/suche.js`,
//! functions `falte`, `woerter` and `stamm`); both sides must agree character for character,
//! so every rule here is small and spelled out, and a browser test compares the two.

use unicode_normalization::char::is_combining_mark;

/// Tokens longer than this are not indexed (URLs, garbage); nobody types them.
pub const MAX_TOKEN_CHARS: usize = 40;

/// Lower case without diacritics, with the German umlaut spellings unified: "Mühle", "Muehle",
/// "muhle" and "MÜHLE" all become "muhle"; "ß" becomes "ss".
///
/// "ae", "oe" and "ue" are folded too, also where they are not umlauts ("Feuer" -> "feur"),
/// because a searcher typing "Muehle" cannot be told apart from one typing "Feuer"; the index
/// and the query fold alike, so this costs nothing but a little precision.
pub fn fold(text: &str) -> String {
    // Lower case a character at a time, without a lower-cased copy first; only the Greek
    // capital sigma lowers differently at the end of a word, so such text takes the copy.
    let lower: Option<String> = text.contains('Σ').then(|| text.to_lowercase());
    let source = lower.as_deref().unwrap_or(text);
    let mut out = String::with_capacity(source.len());
    // One pass does what `replace` would do in four ("ß", "ae", "oe", "ue"): the pairs cannot
    // overlap (none starts with "e"), so an "e" right after an unpaired a, o or u is dropped.
    let mut after_vowel = false;
    let mut push = |c: char, out: &mut String| {
        if c == 'e' && after_vowel {
            after_vowel = false;
            return;
        }
        after_vowel = matches!(c, 'a' | 'o' | 'u');
        out.push(c);
    };
    let mut fold_lower = |c: char, out: &mut String| match c {
        'ß' => {
            push('s', out);
            push('s', out);
        }
        c if c.is_ascii() => push(c, out),
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push(d, out);
            }
        }),
    };
    for c in source.chars() {
        if c.is_ascii() {
            fold_lower(c.to_ascii_lowercase(), &mut out);
        } else {
            for l in c.to_lowercase() {
                fold_lower(l, &mut out);
            }
        }
    }
    out
}

/// The words of a folded text: maximal runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Word-like tokens of a raw text with hyphenated compounds also joined: "Wald-Kita" gives
/// "wald", "kita" and "waldkita", so that "Waldkita" finds it too.
pub fn index_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_index_token(text, |t| out.push(t.to_string()));
    out
}

/// Hands each token of [`index_tokens`] to `f`, in the same order, without a `String` for
/// each: the search index sees every word of a site this way.
pub fn for_each_index_token(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    let mut joined = String::new();
    for chunk in folded.split(|c: char| c.is_whitespace() || "/,;:()[]„“\"'!?".contains(c)) {
        let hyphenated = chunk.contains('-');
        let mut parts = 0;
        joined.clear();
        for word in words(chunk) {
            parts += 1;
            if hyphenated {
                joined.push_str(word);
            }
            if indexable(word) {
                f(word);
            }
        }
        if parts > 1 && hyphenated && indexable(&joined) {
            f(&joined);
        }
    }
}

/// Keys outside the Basic Multilingual Plane would sort differently in the browser (UTF-16)
/// than here (UTF-8), and break its binary search over the shards.
fn indexable(token: &str) -> bool {
    let n = token.chars().count();
    (2..=MAX_TOKEN_CHARS).contains(&n) && token.chars().all(|c| c <= '\u{FFFF}')
}

/// The stem of a folded word, after CISTEM (Weißweiler and Fraser, 2017), case-insensitive and
/// without its rule that drops a leading "ge-" (which turns "Gemüse" into "muse").
///
/// "walder" -> "wald", "tiere" -> "tier", "bienen" -> "bien", "muhlen" -> "muhl". Words with
/// digits are left alone.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit()) {
        return folded.to_string();
    }
    // Digraphs become one placeholder each so that the length rules count them as one letter,
    // and a doubled letter becomes "x*" so that a final doubled "s" or "n" is kept whole.
    let replaced = folded
        .replace("sch", "$")
        .replace("ei", "%")
        .replace("ie", "&");
    let chars: Vec<char> = replaced.chars().collect();
    let mut w: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        w.push(chars[i]);
        if i + 1 < chars.len() && chars[i + 1] == chars[i] {
            w.push('*');
            i += 2;
        } else {
            i += 1;
        }
    }
    while w.len() > 3 {
        let n = w.len();
        if n > 5 && w[n - 2] == 'e' && (w[n - 1] == 'm' || w[n - 1] == 'r') {
            w.truncate(n - 2);
            continue;
        }
        if n > 5 && w[n - 2] == 'n' && w[n - 1] == 'd' {
            w.truncate(n - 2);
            continue;
        }
        if matches!(w[n - 1], 't' | 'e' | 's' | 'n') {
            w.truncate(n - 1);
            continue;
        }
        break;
    }
    let mut doubled: Vec<char> = Vec::with_capacity(w.len() + 2);
    for c in w {
        match (c, doubled.last()) {
            ('*', Some(&p)) => doubled.push(p),
            _ => doubled.push(c),
        }
    }
    let mut out = String::with_capacity(doubled.len() + 4);
    for c in doubled {
        match c {
            '$' => out.push_str("sch"),
            '%' => out.push_str("ei"),
            '&' => out.push_str("ie"),
            c => out.push(c),
        }
    }
    out
}

/// Function words that carry no meaning for this search; not indexed, and dropped from queries
/// unless a query has nothing else. Folded forms. Shipped to the browser in the index metadata.
pub const STOP_WORDS: &[&str] = &[
    "ab", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
    "der", "des", "die", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "fur",
    "hier", "ihr", "ihre", "im", "in", "ist", "ja", "mit", "nach", "nicht", "noch", "nur", "oder",
    "sich", "sie", "sind", "so", "uber", "um", "und", "uns", "unter", "vom", "von", "vor", "war",
    "was", "wie", "wir", "wird", "zu", "zum", "zur",
];

/// The length in bytes of the longest stop word: longer words need no search.
const LONGEST_STOP_WORD: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < STOP_WORDS.len() {
        if STOP_WORDS[i].len() > longest {
            longest = STOP_WORDS[i].len();
        }
        i += 1;
    }
    longest
};

pub fn is_stop_word(folded: &str) -> bool {
    folded.len() <= LONGEST_STOP_WORD && STOP_WORDS.binary_search(&folded).is_ok()
}

/// Whether two folded words differ by at most one edit: an insertion, a deletion, a
/// substitution or a swap of neighbours (optimal string alignment distance <= 1).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == long.len() {
        return true;
    }
    if short.len() < long.len() {
        return short[prefix..] == long[prefix + 1..];
    }
    if short[prefix + 1..] == long[prefix + 1..] {
        return true;
    }
    prefix + 1 < short.len()
        && short[prefix] == long[prefix + 1]
        && short[prefix + 1] == long[prefix]
        && short[prefix + 2..] == long[prefix + 2..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_their_spellings_fold_alike() {
        for w in ["Mühle", "Muehle", "muhle", "MÜHLE", "MUEHLE"] {
            assert_eq!(fold(w), "muhle", "{w}");
        }
        assert_eq!(fold("Straße"), fold("Strasse"));
        assert_eq!(fold("STRASSE"), "strasse");
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Wälder"), "walder");
        // As four replacements in a row would do it.
        assert_eq!(fold("aee"), "ae");
        assert_eq!(fold("äe"), "a");
        assert_eq!(fold("ueae"), "ua");
        assert_eq!(fold("Feuer"), "feur");
    }

    /// Folding a character at a time gives what lower-casing the whole text first gives
    /// (which is what the browser does with the query).
    #[test]
    fn folding_per_character_matches_lower_casing_the_text_first() {
        fn fold_of_lowercased(text: &str) -> String {
            let lower = text.to_lowercase();
            let mut out = String::new();
            for c in lower.chars() {
                match c {
                    'ß' => out.push_str("ss"),
                    c => unicode_normalization::char::decompose_canonical(c, |d| {
                        if !is_combining_mark(d) {
                            out.push(d);
                        }
                    }),
                }
            }
            out.replace("ae", "a").replace("oe", "o").replace("ue", "u")
        }
        for text in [
            "Größe der STRAẞE",
            "Ærø und Œuvre",
            "İstanbul und ǅemal",
            "ΟΔΟΣ ΣΟΦΙΑΣ",
            "Café Crème, Müllers Bäckerei",
            "ﬁsch ﬂuss",
        ] {
            assert_eq!(fold(text), fold_of_lowercased(text), "{text}");
        }
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        let groups: &[&[&str]] = &[
            &["Wald", "Wälder", "Waldes", "Wäldern"],
            &["Tier", "Tiere", "Tieren"],
            &["Biene", "Bienen"],
            &["Wiese", "Wiesen"],
            &["Mühle", "Mühlen", "Muehlen"],
            &["Garten", "Gärten"],
            &["Baum", "Bäume", "Bäumen"],
            &["Kind", "Kinder", "Kindern"],
            &["Haus", "Häuser"],
            &["Moos", "Moose"],
        ];
        for group in groups {
            let first = stem(&fold(group[0]));
            for w in group.iter() {
                assert_eq!(stem(&fold(w)), first, "{w} vs {}", group[0]);
            }
        }
        assert_eq!(stem("walder"), "wald");
        assert_eq!(stem("bienenweide"), "bienenweid");
        assert_eq!(stem("70597"), "70597");
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop_word("und"));
        assert!(is_stop_word(&fold("für")));
        assert!(!is_stop_word("wald"));
    }

    #[test]
    fn hyphenated_compounds_are_also_indexed_joined() {
        let t = index_tokens("Wald-Kita „Zwergenland“, Tel. 0711/12345");
        assert_eq!(
            t,
            [
                "wald",
                "kita",
                "waldkita",
                "zwergenland",
                "tel",
                "0711",
                "12345"
            ]
        );
    }

    #[test]
    fn one_edit_covers_insertions_deletions_substitutions_and_swaps() {
        assert!(within_one_edit("bauernhf", "bauernhof"));
        assert!(within_one_edit("bauernhoof", "bauernhof"));
        assert!(within_one_edit("bauernhaf", "bauernhof"));
        assert!(within_one_edit("baeurnhof", "bauernhof"));
        assert!(within_one_edit("wald", "wald"));
        assert!(!within_one_edit("bauernhf", "bauernhaus"));
        assert!(!within_one_edit("bauerhf", "bauernhof"));
        assert!(!within_one_edit("abcd", "badc"));
    }
}
