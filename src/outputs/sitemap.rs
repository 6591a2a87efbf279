//! `/sitemap.xml` with absolute URLs of every page (sitemaps.org protocol).

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::{Site, Taxonomy};

/// Escapes text for XML content and attribute values. Characters that XML 1.0 does not allow
/// at all (C0 controls other than tab and line breaks, and U+FFFE/U+FFFF) have no escape; they
/// are dropped so that one stray character in a record cannot make a whole file unreadable.
pub(super) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The paths (relative to the base URL) of every HTML page except the 404 page.
/// With the date a place was last checked, where the page is a place page.
pub fn page_paths(site: &Site) -> Vec<(String, Option<NaiveDate>)> {
    let mut paths: Vec<(String, Option<NaiveDate>)> =
        ["", "lernorte/", "angebote/", "suche/", "karte/", "daten/"]
            .iter()
            .map(|p| (p.to_string(), None))
            .collect();
    paths.extend(
        site.places
            .iter()
            .map(|p| (format!("lernorte/{}/", p.slug), Some(p.geprueft_am))),
    );
    paths.extend(
        site.offers
            .iter()
            .map(|o| (format!("angebote/{}/", o.slug), None)),
    );
    for t in Taxonomy::ALL {
        paths.push((format!("{}/", t.slug()), None));
        paths.extend(
            site.vocabulary(t)
                .terms
                .iter()
                .map(|term| (format!("{}/{}/", t.slug(), term.slug), None)),
        );
    }
    paths.extend(site.pages.iter().map(|p| (format!("{}/", p.slug), None)));
    // A coverage page that is not public asks search engines to stay away (noindex).
    if site.config.abdeckung.oeffentlich {
        paths.push((crate::coverage::PAGE.to_string(), None));
    }
    paths
}

pub fn sitemap(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in page_paths(site) {
        let _ = write!(
            out,
            "  <url><loc>{}</loc>",
            escape_xml(&format!("{}{path}", site.config.base_url))
        );
        if let Some(d) = lastmod {
            let _ = write!(out, "<lastmod>{d}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
