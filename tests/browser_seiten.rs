//! Every page type of the sample site in a real browser: axe-core with all WCAG 2.0/2.1 A and
//! AA rules finds nothing, and no page makes a request to another host (Chromium's NetLog sees
//! every request, also those that fail). At phone width nothing scrolls sideways.
//!
//! Needs `LERNORTE_BROWSER_TESTS=1`, Chromium, chromedriver and axe-core (see `.ci/run`).

mod browser_support;
mod common;

use browser_support::axe::{axe_or_skip, describe};
use browser_support::{Browser, Session, browser_test_with};
use common::SAMPLE;

/// One page of each type, with what to wait for before looking at it.
const PAGES: &[(&str, &str)] = &[
    ("/", "main h1"),
    // A place with a text in Leichte Sprache, its small map and offers.
    ("/lernorte/haus-des-waldes/", "#karte[data-marker-count]"),
    // An offer with dates.
    ("/angebote/amphibien-nachtexkursion/", "main h1"),
    ("/lernorte/", "main h1"),
    ("/angebote/", "main h1"),
    ("/bezirke/", "main h1"),
    ("/bezirke/degerloch/", "#karte[data-marker-count]"),
    ("/themen/wald/", "main h1"),
    ("/zielgruppen/grundschule/", "main h1"),
    ("/kategorien/museum/", "main h1"),
    // Search with a filter applied: results and the facets are drawn by script.
    (
        "/suche/?bezirk=degerloch",
        "#suchergebnisse[data-zustand=\"fertig\"]",
    ),
    // The map before consent: the consent box, no tiles.
    ("/karte/", "#karte[data-marker-count]"),
    ("/ueber-uns/", "main h1"),
    ("/barrierefreiheit/", "main h1"),
    ("/datenschutz/", "main h1"),
    // The open data: field tables and the DCAT metadata.
    ("/daten/", "main h1"),
    ("/404.html", "main h1"),
];

async fn open(b: &Browser, path: &str, ready: &str) {
    b.goto(path).await;
    // Several selectors separated by commas: whichever the page has.
    b.wait_for_element(ready).await;
}

#[test]
fn every_page_type_passes_axe_and_stays_on_this_host() {
    let test = "every_page_type_passes_axe_and_stays_on_this_host";
    let Some(axe) = axe_or_skip(test) else {
        return;
    };
    let session = Session { network_log: true };
    browser_test_with(test, SAMPLE, session, async |b| {
        let mut problems = Vec::new();
        for &(path, ready) in PAGES {
            open(b, path, ready).await;
            let violations = b.axe(&axe).await;
            if !violations.is_empty() {
                problems.push(format!("{path}:\n{}", describe(&violations)));
            }
            // Before the request log, whose marker request is a deliberate 404.
            let errors = b.console_errors().await;
            if !errors.is_empty() && path != "/404.html" {
                problems.push(format!("{path}: console errors: {errors:?}"));
            }
            let own = format!("{}/", b.origin());
            let foreign: Vec<String> = b
                .network_requests()
                .await
                .into_iter()
                .filter(|u| !u.starts_with(&own))
                .collect();
            if !foreign.is_empty() {
                problems.push(format!("{path}: requests to other hosts: {foreign:?}"));
            }
            // The marker request's 404 is logged now; it is not the next page's error.
            b.console().await;
        }
        assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    });
}

#[test]
fn pages_fit_a_phone_and_a_zoomed_window() {
    let test = "pages_fit_a_phone_and_a_zoomed_window";
    browser_test_with(test, SAMPLE, Session::default(), async |b| {
        // 320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10 Reflow) and the narrowest
        // phones.
        b.client
            .set_window_size(320 + 16, 900)
            .await
            .expect("window size");
        let mut problems = Vec::new();
        for &(path, ready) in PAGES {
            open(b, path, ready).await;
            let overflow = b
                .js(
                    "const w = document.documentElement.clientWidth;
                     const wide = [...document.querySelectorAll('body *')]
                       .filter(e => {
                         const r = e.getBoundingClientRect();
                         return r.width > 0 && r.right > w + 1
                           && getComputedStyle(e).position !== 'fixed'
                           && !e.closest('.leaflet-container, [hidden], .visually-hidden, .skip-link');
                       })
                       .slice(0, 3)
                       .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
                     return { scroll: document.documentElement.scrollWidth, width: w, wide };",
                    vec![],
                )
                .await;
            let scroll = overflow["scroll"].as_u64().unwrap_or(0);
            let width = overflow["width"].as_u64().unwrap_or(0);
            if scroll > width {
                problems.push(format!(
                    "{path}: scrolls sideways ({scroll} > {width} px): {}",
                    overflow["wide"]
                ));
            }
            // Touch targets: links and buttons in the main navigation at least 44 px high.
            let small = b
                .js(
                    "return [...document.querySelectorAll('nav a, button, input[type=submit]')]
                       .filter(e => e.offsetParent !== null)
                       .filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
                       .map(e => (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30)
                                 + ' ' + Math.round(e.getBoundingClientRect().width) + 'x'
                                 + Math.round(e.getBoundingClientRect().height))
                       .slice(0, 5);",
                    vec![],
                )
                .await;
            if small.as_array().is_some_and(|a| !a.is_empty()) {
                problems.push(format!("{path}: touch targets under 44 px: {small}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    });
}
