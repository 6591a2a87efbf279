//! `/feed.xml`: the offers as an Atom 1.0 feed (RFC 4287), newest first.

use std::cmp::Reverse;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::sitemap::escape_xml;
use crate::format::sort_key;
use crate::model::offer::Offer;
use crate::model::{Site, Taxonomy};
use crate::render::jsonld::{berlin_offset, offer_url};
use crate::render::views::Views;

pub const FEED: &str = "feed.xml";

/// At most this many entries: a feed reader wants what is new, not a directory of tens of
/// thousands of offers (the JSON in /daten/ has them all).
pub const FEED_LIMIT: usize = 100;

/// The date an entry counts as updated.
///
/// Offers carry no publication or change date. The closest one the records have is the day
/// their place was last checked (`geprueft_am`), which editors bump whenever they go over a
/// place and its offers; so that is `updated`, and it also orders the feed.
fn updated(site: &Site, offer: &Offer) -> NaiveDate {
    site.places[offer.place].geprueft_am
}

/// An RFC 3339 time for a day: midnight in Stuttgart.
fn rfc3339(day: NaiveDate) -> String {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    format!("{day}T00:00:00{}", berlin_offset(midnight))
}

pub fn atom_feed(site: &Site) -> String {
    let c = &site.config;
    let base = &c.base_url;
    let views = Views::new(site);
    let mut offers: Vec<&Offer> = site.offers.iter().map(|o| &**o).collect();
    // Newest first; offers of one place share the date, so then by title as on the listing.
    offers.sort_by_cached_key(|o| (Reverse(updated(site, o)), sort_key(&o.titel), &o.slug));
    offers.truncate(FEED_LIMIT);
    // With no offers the feed still needs a stable `updated`: the newest place, or the epoch.
    let newest = offers
        .first()
        .map(|o| updated(site, o))
        .or_else(|| site.places.iter().map(|p| p.geprueft_am).max())
        .unwrap_or_default();

    let x = escape_xml;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        x(&c.sprache)
    );
    let _ = writeln!(out, "  <id>{}</id>", x(&format!("{base}{FEED}")));
    let _ = writeln!(
        out,
        "  <title>{}</title>",
        x(&format!("Angebote – {}", c.titel))
    );
    if !c.beschreibung.is_empty() {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", x(&c.beschreibung));
    }
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(newest));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        x(&format!("{base}{FEED}"))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        x(&format!("{base}angebote/"))
    );
    out.push_str("  <author>\n");
    let _ = writeln!(out, "    <name>{}</name>", x(&c.daten.herausgeber));
    if let Some(email) = &c.daten.email {
        let _ = writeln!(out, "    <email>{}</email>", x(email));
    }
    let _ = writeln!(out, "    <uri>{}</uri>", x(base));
    out.push_str("  </author>\n");
    let _ = writeln!(out, "  <rights>{}</rights>", x(&c.daten.lizenz));
    out.push_str("  <generator>lernorte</generator>\n");

    for offer in offers {
        let url = offer_url(site, offer);
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>{}</id>", x(&url));
        let _ = writeln!(out, "    <title>{}</title>", x(&offer.titel));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            x(&url)
        );
        let _ = writeln!(
            out,
            "    <updated>{}</updated>",
            rfc3339(updated(site, offer))
        );
        if !offer.auszug.is_empty() {
            let _ = writeln!(out, "    <summary>{}</summary>", x(&offer.auszug));
        }
        let format = c.formate.get(offer.format);
        let _ = writeln!(
            out,
            "    <category term=\"{}\" label=\"{}\"/>",
            x(&format.slug),
            x(&format.name)
        );
        for t in Taxonomy::ALL {
            let scheme = format!("{base}{}/", t.slug());
            for i in site.offer_terms(offer, t) {
                let term = views.term(t, i);
                let _ = writeln!(
                    out,
                    "    <category term=\"{}\" scheme=\"{}\" label=\"{}\"/>",
                    x(&term.slug),
                    x(&scheme),
                    x(&term.name)
                );
            }
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
