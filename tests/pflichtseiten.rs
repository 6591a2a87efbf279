//! What a German public site must have, checked on the sample site: the accessibility
//! statement (Erklärung zur Barrierefreiheit) with a way to report barriers, the privacy page
//! (Datenschutz) saying what the site does and does not do, both linked from every page, and a
//! theme that sets no cookies and loads no fonts or styles from other hosts.

mod common;

use common::*;
use scraper::Html;

/// The sample site, built once for all tests of this file.
fn sample() -> &'static Output {
    static OUT: std::sync::OnceLock<Output> = std::sync::OnceLock::new();
    OUT.get_or_init(|| TestSite::sample().build())
}

fn site_contact_email() -> String {
    let text = std::fs::read_to_string(repo_root().join("site.yaml")).expect("site.yaml");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("site.yaml parses");
    yaml["kontakt"]["email"]
        .as_str()
        .expect("site.yaml has kontakt.email")
        .to_string()
}

#[test]
fn statement_and_privacy_pages_are_linked_from_every_page() {
    let out = sample();
    let pages = out.html_pages();
    assert!(pages.len() > 100);
    for (path, text) in pages {
        let doc = Html::parse_document(&text);
        let footer: Vec<String> = doc
            .select(&sel("footer a[href]"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for target in ["/barrierefreiheit/", "/datenschutz/", "/impressum/"] {
            assert!(
                footer.iter().any(|h| h.ends_with(target)),
                "{path}: the footer does not link {target}: {footer:?}"
            );
        }
    }
}

#[test]
fn accessibility_statement_has_a_feedback_contact() {
    let out = sample();
    let doc = out.html("barrierefreiheit/index.html");
    let main = doc.select(&sel("main")).next().expect("main");
    assert_eq!(
        main.select(&sel("h1")).map(text_of).collect::<Vec<_>>(),
        ["Erklärung zur Barrierefreiheit"]
    );
    // Markdown headings of free pages sit below the page's h1, at any level.
    let headings: Vec<String> = main.select(&sel("h2, h3, h4")).map(text_of).collect();
    assert!(
        headings.iter().any(|h| h.contains("Feedback")),
        "no feedback section: {headings:?}"
    );
    assert!(
        headings.iter().any(|h| h.contains("Schlichtung")),
        "no enforcement procedure: {headings:?}"
    );
    let mail = format!("mailto:{}", site_contact_email());
    assert!(
        main.select(&sel("a[href]"))
            .any(|a| a.value().attr("href") == Some(mail.as_str())),
        "the statement gives no e-mail link {mail}"
    );
}

#[test]
fn privacy_page_says_what_the_site_does_and_does_not_do() {
    let out = sample();
    let doc = out.html("datenschutz/index.html");
    let text: String = doc.select(&sel("main")).map(text_of).collect();
    for needle in [
        "keine Cookies",
        // The map's tile server and that its tiles wait for consent.
        "OpenStreetMap",
        "erst geladen",
        "localStorage",
    ] {
        assert!(text.contains(needle), "Datenschutz lacks „{needle}“");
    }
}

#[test]
fn theme_sets_no_cookies_and_loads_nothing_from_other_hosts() {
    let out = sample();
    let mut problems = Vec::new();
    for (path, bytes) in &out.files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        if path.ends_with(".js") && text.contains("document.cookie") {
            problems.push(format!("{path} uses cookies"));
        }
        if path.ends_with(".css") {
            for bad in ["url(http", "url(\"http", "url('http", "@import"] {
                if text.contains(bad) {
                    problems.push(format!("{path} contains {bad}"));
                }
            }
        }
        if path.ends_with(".html") {
            let doc = Html::parse_document(text);
            for el in doc.select(&sel("link[href], script[src], img[src]")) {
                let target = el
                    .value()
                    .attr("href")
                    .or_else(|| el.value().attr("src"))
                    .unwrap_or_default();
                let rel = el.value().attr("rel").unwrap_or_default();
                // A canonical or alternate link names an address; it loads nothing.
                if is_external(target) && rel != "canonical" && rel != "alternate" {
                    problems.push(format!("{path} loads {target}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
