//! `/sitemap.xml` with absolute URLs of every page (sitemaps.org protocol).

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::{Site, Taxonomy};

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The paths (relative to the base URL) of every HTML page except the 404 page.
/// With the date a place was last checked, where the page is a place page.
pub fn page_paths(site: &Site) -> Vec<(String, Option<NaiveDate>)> {
    let mut paths: Vec<(String, Option<NaiveDate>)> =
        ["", "lernorte/", "angebote/", "suche/", "karte/"]
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
