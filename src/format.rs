//! German formatting of dates, times, durations, ranges and language names for the pages, and
//! HTML escaping for the few pieces of HTML written outside templates.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn weekday_short(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mo.",
        Weekday::Tue => "Di.",
        Weekday::Wed => "Mi.",
        Weekday::Thu => "Do.",
        Weekday::Fri => "Fr.",
        Weekday::Sat => "Sa.",
        Weekday::Sun => "So.",
    }
}

/// "15. September 2026"
pub fn date(d: NaiveDate) -> String {
    format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "Mi., 12. Mai 2027, 9:00 Uhr"
pub fn date_time(t: NaiveDateTime) -> String {
    format!(
        "{}, {}, {}:{:02} Uhr",
        weekday_short(t.weekday()),
        date(t.date()),
        t.hour(),
        t.minute()
    )
}

/// "90 Minuten", "3 Stunden", "2,5 Stunden", "1 Stunde 10 Minuten"
pub fn duration(minutes: u32) -> String {
    if minutes < 60 {
        return format!("{minutes} Minuten");
    }
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = if h == 1 {
        "1 Stunde".to_string()
    } else {
        format!("{h} Stunden")
    };
    match m {
        0 => hours,
        30 => format!("{h},5 Stunden"),
        _ => format!("{hours} {m} Minuten"),
    }
}

/// "Klasse 3", "Klasse 3–4", "ab Klasse 5", "bis Klasse 4"
pub fn range(prefix: &str, suffix: &str, von: Option<u8>, bis: Option<u8>) -> Option<String> {
    let s = match (von, bis) {
        (Some(v), Some(b)) if v == b => format!("{prefix}{v}{suffix}"),
        (Some(v), Some(b)) => format!("{prefix}{v}–{b}{suffix}"),
        (Some(v), None) => format!("ab {prefix}{v}{suffix}"),
        (None, Some(b)) => format!("bis {prefix}{b}{suffix}"),
        (None, None) => return None,
    };
    Some(s)
}

/// German names of ISO 639-1 language codes that are likely on this site.
const LANGUAGES: &[(&str, &str)] = &[
    ("de", "Deutsch"),
    ("en", "Englisch"),
    ("fr", "Französisch"),
    ("es", "Spanisch"),
    ("it", "Italienisch"),
    ("pt", "Portugiesisch"),
    ("nl", "Niederländisch"),
    ("pl", "Polnisch"),
    ("cs", "Tschechisch"),
    ("sk", "Slowakisch"),
    ("hu", "Ungarisch"),
    ("ro", "Rumänisch"),
    ("bg", "Bulgarisch"),
    ("hr", "Kroatisch"),
    ("sr", "Serbisch"),
    ("bs", "Bosnisch"),
    ("sl", "Slowenisch"),
    ("sq", "Albanisch"),
    ("mk", "Mazedonisch"),
    ("el", "Griechisch"),
    ("tr", "Türkisch"),
    ("ku", "Kurdisch"),
    ("ar", "Arabisch"),
    ("fa", "Persisch"),
    ("ps", "Paschtu"),
    ("ur", "Urdu"),
    ("hi", "Hindi"),
    ("bn", "Bengalisch"),
    ("ta", "Tamil"),
    ("uk", "Ukrainisch"),
    ("ru", "Russisch"),
    ("be", "Belarussisch"),
    ("lt", "Litauisch"),
    ("lv", "Lettisch"),
    ("et", "Estnisch"),
    ("fi", "Finnisch"),
    ("sv", "Schwedisch"),
    ("da", "Dänisch"),
    ("no", "Norwegisch"),
    ("is", "Isländisch"),
    ("ga", "Irisch"),
    ("he", "Hebräisch"),
    ("ti", "Tigrinya"),
    ("am", "Amharisch"),
    ("so", "Somali"),
    ("sw", "Swahili"),
    ("ha", "Hausa"),
    ("yo", "Yoruba"),
    ("zh", "Chinesisch"),
    ("ja", "Japanisch"),
    ("ko", "Koreanisch"),
    ("vi", "Vietnamesisch"),
    ("th", "Thailändisch"),
    ("tl", "Tagalog"),
    ("id", "Indonesisch"),
    ("ka", "Georgisch"),
    ("hy", "Armenisch"),
    ("az", "Aserbaidschanisch"),
    ("kk", "Kasachisch"),
    ("uz", "Usbekisch"),
    ("la", "Latein"),
    ("eo", "Esperanto"),
];

/// The German name of a language code, if known.
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

pub fn language_codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|(c, _)| *c)
}

/// The names of the 17 UN Sustainable Development Goals in German.
pub fn sdg_name(n: u8) -> &'static str {
    const NAMES: [&str; 17] = [
        "Keine Armut",
        "Kein Hunger",
        "Gesundheit und Wohlergehen",
        "Hochwertige Bildung",
        "Geschlechtergleichheit",
        "Sauberes Wasser und Sanitäreinrichtungen",
        "Bezahlbare und saubere Energie",
        "Menschenwürdige Arbeit und Wirtschaftswachstum",
        "Industrie, Innovation und Infrastruktur",
        "Weniger Ungleichheiten",
        "Nachhaltige Städte und Gemeinden",
        "Nachhaltige/r Konsum und Produktion",
        "Maßnahmen zum Klimaschutz",
        "Leben unter Wasser",
        "Leben an Land",
        "Frieden, Gerechtigkeit und starke Institutionen",
        "Partnerschaften zur Erreichung der Ziele",
    ];
    NAMES
        .get(usize::from(n).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// A `tel:` URL from a German phone number as people write it: "0711 123456-0" → "tel:+497111234560".
pub fn tel_link(number: &str) -> Option<String> {
    let digits: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if digits.len() < 5 {
        return None;
    }
    let international = if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("+49{rest}")
    } else {
        digits
    };
    Some(format!("tel:{international}"))
}

/// A key for sorting German names: case-insensitive, umlauts as their base letter (DIN 5007-1).
pub fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        })
        .collect()
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What [`escape_html`] does, written to `out` in runs: the escape function of the templates.
/// Tera's own writes byte by byte and took a tenth of the page rendering; this writes the same
/// bytes (also `'`, for single-quoted attributes in a site's own templates).
pub fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_escapes_match_the_string_escapes_and_teras() {
        for text in [
            "",
            "Wald & Wiese",
            "<script>alert('x')</script>",
            "\"Zitat\" – Öffnungszeiten: 9–12 Uhr > 8 Uhr",
            "&&<<>>\"\"''",
            "ohne Sonderzeichen",
        ] {
            let mut ours = Vec::new();
            write_escaped_html(text, &mut ours).expect("write to a Vec");
            let mut teras = Vec::new();
            tera::escape_html(text, &mut teras).expect("write to a Vec");
            assert_eq!(
                String::from_utf8(ours.clone()).ok(),
                Some(escape_html(text))
            );
            assert_eq!(ours, teras, "{text}");
        }
    }

    #[test]
    fn german_dates_and_durations() {
        let d = NaiveDate::from_ymd_opt(2027, 5, 12).unwrap();
        assert_eq!(date(d), "12. Mai 2027");
        assert_eq!(
            date_time(d.and_hms_opt(9, 0, 0).unwrap()),
            "Mi., 12. Mai 2027, 9:00 Uhr"
        );
        assert_eq!(duration(90), "1,5 Stunden");
        assert_eq!(duration(45), "45 Minuten");
        assert_eq!(duration(180), "3 Stunden");
        assert_eq!(duration(70), "1 Stunde 10 Minuten");
        assert_eq!(
            range("Klasse ", "", Some(3), Some(4)).as_deref(),
            Some("Klasse 3–4")
        );
        assert_eq!(
            range("", " Jahre", Some(4), None).as_deref(),
            Some("ab 4 Jahre")
        );
        assert_eq!(
            tel_link("0711 123456-0").as_deref(),
            Some("tel:+497111234560")
        );
        assert_eq!(sort_key("Öko"), "oko");
    }
}
