//! The calendars: `/angebote.ics` with every date of every offer, and
//! `/angebote/<slug>/termine.ics` with the dates of one offer (RFC 5545).
//!
//! Written by hand rather than with a calendar crate because the parts that matter here are
//! small and easy to get subtly wrong in a generic writer: the fixed Europe/Berlin `VTIMEZONE`,
//! TEXT escaping, and folding at 75 octets without splitting a UTF-8 character. Every value is
//! derived from the model, so a rebuild of unchanged records gives the same bytes.

use chrono::NaiveDateTime;

use crate::config::host_of;
use crate::model::offer::Offer;
use crate::model::{Site, Taxonomy};
use crate::render::OutputFile;
use crate::render::jsonld::{offer_url, place_url};

/// The calendar of all offers' dates.
pub const OFFERS_ICS: &str = "angebote.ics";

/// The calendar file of one offer, next to its page.
pub fn offer_ics_path(slug: &str) -> String {
    format!("angebote/{slug}/termine.ics")
}

const TZID: &str = "Europe/Berlin";

/// Europe/Berlin with the EU rules in force since 1996 (CEST from the last Sunday of March,
/// 02:00, to the last Sunday of October, 03:00), as calendar programs publish it.
const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// `angebote.ics`: every offer with dates.
pub fn all_offers_calendar(site: &Site) -> OutputFile {
    let all: Vec<&Offer> = site
        .offers
        .iter()
        .filter(|o| !o.termine.is_empty())
        .map(|o| &**o)
        .collect();
    let name = format!("Angebote – {}", site.config.titel);
    OutputFile::text(OFFERS_ICS, calendar(site, &name, &all))
}

/// The calendar of one offer (`angebote/<kürzel>/termine.ics`); offers without dates have none.
pub fn offer_calendar(site: &Site, offer: &Offer) -> OutputFile {
    let name = format!("{} – {}", offer.titel, site.config.titel);
    OutputFile::text(offer_ics_path(&offer.slug), calendar(site, &name, &[offer]))
}

fn calendar(site: &Site, name: &str, offers: &[&Offer]) -> String {
    let mut w = Writer::default();
    w.raw("BEGIN:VCALENDAR");
    w.raw("VERSION:2.0");
    w.text("PRODID", &format!("-//lernorte//{}//DE", site.config.titel));
    w.raw("CALSCALE:GREGORIAN");
    w.raw("METHOD:PUBLISH");
    w.text("X-WR-CALNAME", name);
    w.raw(&format!("X-WR-TIMEZONE:{TZID}"));
    for line in VTIMEZONE {
        w.raw(line);
    }
    let host = host_of(&site.config.base_url);
    for offer in offers {
        for &start in &offer.termine {
            event(&mut w, site, offer, start, &host);
        }
    }
    w.raw("END:VCALENDAR");
    w.out
}

fn event(w: &mut Writer, site: &Site, offer: &Offer, start: NaiveDateTime, host: &str) {
    let place = &site.places[offer.place];
    let url = offer_url(site, offer);
    w.raw("BEGIN:VEVENT");
    // One event per date; the start time keeps the UID stable as long as the date stays.
    w.raw(&format!(
        "UID:{}-{}@{host}",
        offer.slug,
        start.format("%Y%m%dT%H%M")
    ));
    // DTSTAMP must be a UTC time. The build time would change every file on every build, so it
    // is the day the place's record was last checked, the closest thing to a revision date.
    w.raw(&format!(
        "DTSTAMP:{}T000000Z",
        place.geprueft_am.format("%Y%m%d")
    ));
    w.raw(&format!("DTSTART;TZID={TZID}:{}", local(start)));
    if let Some(minutes) = offer.dauer_minuten {
        let end = start + chrono::Duration::minutes(i64::from(minutes));
        w.raw(&format!("DTEND;TZID={TZID}:{}", local(end)));
    }
    w.text("SUMMARY", &offer.titel);
    let mut description = String::new();
    if !offer.auszug.is_empty() {
        description.push_str(&offer.auszug);
        description.push_str("\n\n");
    }
    description.push_str(&format!("Lernort: {}\n{url}", place.name));
    w.text("DESCRIPTION", &description);
    w.text("LOCATION", &location(site, offer));
    if let Some(lage) = place.lage.filter(|_| !place.mobil) {
        w.raw(&format!("GEO:{};{}", lage.lat, lage.lon));
    }
    w.text("URL", &url);
    let mut categories = vec![site.config.formate.get(offer.format).name.clone()];
    categories.extend(
        offer
            .themen
            .iter()
            .map(|&i| site.vocabulary(Taxonomy::Themen).get(i).name.clone()),
    );
    w.list("CATEGORIES", &categories);
    w.raw("END:VEVENT");
}

/// Where an offer takes place: its place's name and address. A mobile provider comes to the
/// group anywhere in the city; an address it has is its office, not the place of the event.
fn location(site: &Site, offer: &Offer) -> String {
    let place = &site.places[offer.place];
    match (&place.adresse, place.mobil) {
        (_, true) => format!(
            "{} (mobiles Angebot, stadtweit: kommt zu Ihnen)",
            place.name
        ),
        (Some(a), false) => format!("{}, {}, {} {}", place.name, a.strasse, a.plz, a.ort),
        (None, false) => format!("{} ({})", place.name, place_url(site, place)),
    }
}

/// A local time in Stuttgart as an iCalendar DATE-TIME without zone (the TZID says which).
fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// Escapes a TEXT value (RFC 5545, 3.3.11). Control characters other than the line breaks
/// have no escape and are not allowed, so they are dropped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    // Copied in runs between the characters that change: every description of every offer
    // goes through here.
    let mut run = 0;
    let mut chars = value.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let replacement = match c {
            '\\' => "\\\\",
            ';' => "\\;",
            ',' => "\\,",
            '\r' => {
                if matches!(chars.peek(), Some((_, '\n'))) {
                    chars.next();
                }
                "\\n"
            }
            '\n' => "\\n",
            '\t' => continue,
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&value[run..at]);
        out.push_str(replacement);
        run = chars.peek().map_or(value.len(), |&(next, _)| next);
    }
    out.push_str(&value[run..]);
    out
}

/// Collects content lines, folded and ended with CRLF.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// A content line that needs no escaping (fixed names and generated values).
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    /// A property with a TEXT value.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{}", escape_text(value)));
    }

    /// A property with a list of TEXT values.
    fn list(&mut self, name: &str, values: &[String]) {
        let escaped: Vec<String> = values.iter().map(|v| escape_text(v)).collect();
        self.raw(&format!("{name}:{}", escaped.join(",")));
    }
}

/// Lines longer than 75 octets are folded: a CRLF and a space go in before the octet that
/// would pass the limit, and the space counts towards the next line's 75. A fold never falls
/// inside a UTF-8 sequence, so every physical line stays valid UTF-8.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut rest = line;
    let mut first = true;
    loop {
        let room = if first { LIMIT } else { LIMIT - 1 };
        if !first {
            out.push(' ');
        }
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping_covers_backslash_separators_and_line_breaks() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        assert_eq!(escape_text("Grüße\tà,Öl\u{85}"), "Grüße\tà\\,Öl");
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let line = format!("SUMMARY:{}", "Größenvergleich ".repeat(20));
        let mut out = String::new();
        fold_into(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 4);
        for (i, p) in physical.iter().enumerate() {
            assert!(p.len() <= 75, "{p:?} has {} octets", p.len());
            assert_eq!(i > 0, p.starts_with(' '), "{p:?}");
        }
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        let mut out = String::new();
        fold_into(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
    }
}
