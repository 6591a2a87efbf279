//! Slugs: the URL-safe names of places, offers, pages and vocabulary terms.

/// Whether `s` is a valid slug: lowercase ASCII letters, digits and single `-` between them.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Turns a German name into a slug: "Straße am Fluss" → "strasse-am-fluss".
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' | 'ê' => out.push('e'),
            'á' | 'à' | 'â' => out.push('a'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates_umlauts() {
        assert_eq!(slugify("Bauernhof & Jugendfarm"), "bauernhof-jugendfarm");
        assert_eq!(slugify("Mühlhausen"), "muehlhausen");
        assert_eq!(slugify("Große Straße"), "grosse-strasse");
    }

    #[test]
    fn validity() {
        assert!(is_valid("max-eyth-see"));
        assert!(!is_valid("Max-Eyth-See"));
        assert!(!is_valid("mühle"));
        assert!(!is_valid("a--b"));
        assert!(!is_valid("-a"));
        assert!(!is_valid(""));
    }
}
