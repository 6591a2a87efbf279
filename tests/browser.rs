//! Real-browser tests: headless Chromium (through chromedriver) on the built fixture site
//! `tests/fixtures/suche`, served from 127.0.0.1. They test the search page `/suche/` from
//! the outside, through its stable hooks (see the search specification and the comment at the
//! top of the fixture's site.yaml for which file covers which rule).
//!
//! Run: `cargo test --test browser`. Needs Debian's `chromium` and `chromium-driver`; without
//! them every browser test is skipped with a message, unless `LERNORTE_BROWSER_TESTS=1`.
//! The harness is in `tests/browser_support/`.
//!
//! Every expected result below was derived by hand from the fixture and the rules.

mod browser_support;
mod common;

use std::collections::BTreeSet;

use browser_support::server::{self, Resolved, StaticServer};
use browser_support::{BuiltSite, SEARCH_FIELD, SearchState, browser_test};
use common::repo_root;
use serde_json::Value;

const FIXTURE: &str = "suche";

// ---------------------------------------------------------------------------------------------
// The fixture, and the results the rules give on it
// ---------------------------------------------------------------------------------------------

/// Places and offers of the fixture: (slug, kind), read from its files.
fn fixture_docs() -> Vec<(String, &'static str)> {
    let dir = repo_root().join("tests/fixtures").join(FIXTURE);
    let mut docs = Vec::new();
    for (sub, ext, kind) in [
        ("places", "yaml", "place"),
        ("content/angebote", "md", "offer"),
    ] {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(sub))
            .unwrap_or_else(|e| panic!("{sub}: {e}"))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        docs.extend(names.into_iter().map(|n| (n, kind)));
    }
    docs
}

/// "wald": prefix ("Waldpädagogik", "Waldwichtel", "Waldbach", "Waldhonig"), compound part
/// ("Bergwald", "Mischwald"), whole word ("Wald"); offers also through their place's name.
const WALD: &[&str] = &[
    "haus-der-waldpaedagogik", // name "Haus der Waldpädagogik" (Degerloch)
    "waldwichtel-vormittag",   // title; place Haus der Waldpädagogik
    "spurensuche-im-schnee",   // place Haus der Waldpädagogik
    "klimapfad-degerloch",     // "zwischen Feld und Wald" (Degerloch)
    "naturstation-botnang",    // "am Bergwald" (Botnang)
    "bachlabor-vaihingen",     // "Waldbach" (Vaihingen)
    "honig-schleudern",        // "Waldhonig"; place Imkerei unterwegs (mobile)
];

/// "wald" + bezirk=degerloch: the Degerloch ones and the mobile provider's offer.
const WALD_DEGERLOCH: &[&str] = &[
    "haus-der-waldpaedagogik",
    "waldwichtel-vormittag",
    "spurensuche-im-schnee",
    "klimapfad-degerloch",
    "honig-schleudern",
];

/// "wald" + bezirk=degerloch|botnang.
const WALD_DEGERLOCH_BOTNANG: &[&str] = &[
    "haus-der-waldpaedagogik",
    "waldwichtel-vormittag",
    "spurensuche-im-schnee",
    "klimapfad-degerloch",
    "honig-schleudern",
    "naturstation-botnang",
];

/// "wald" + bezirk=degerloch|botnang + zielgruppe=grundschule (drops the Kita-only
/// "Waldwichtel" and the Klimapfad for older pupils).
const WALD_DEGERLOCH_BOTNANG_GRUNDSCHULE: &[&str] = &[
    "haus-der-waldpaedagogik",
    "spurensuche-im-schnee",
    "honig-schleudern",
    "naturstation-botnang",
];

/// "wald" + bezirk=degerloch + zielgruppe=grundschule.
const WALD_DEGERLOCH_GRUNDSCHULE: &[&str] = &[
    "haus-der-waldpaedagogik",
    "spurensuche-im-schnee",
    "honig-schleudern",
];

/// "Streuobstwiese", "wiese" and "obst": the place by name, its two offers by their place's
/// name, and the mobile beekeeper whose colonies stand "auf Streuobstwiesen".
const STREUOBSTWIESE: &[&str] = &[
    "streuobstwiese-hasenberg",
    "apfelsaft-pressen",
    "eine-bienenweide-anlegen",
    "imkerei-unterwegs",
];

/// "Mühle" in every spelling: the place by name, and the offer "... zur Mühle".
const MUEHLE: &[&str] = &["alte-muehle-koerschtal", "vom-korn-zum-brot"];

/// "Bien": "Bienenweide" (title), "Bienen" (place summary, offer text).
const BIEN: &[&str] = &[
    "eine-bienenweide-anlegen",
    "imkerei-unterwegs",
    "honig-schleudern",
];

/// "Tiere": "die Tiere" (Bauernhof) and "Welches Tier" (offer); no other word has "tier".
const TIERE: &[&str] = &["bauernhof-rebmann", "spurensuche-im-schnee"];

/// "Bauernhf" (one typo): the place by name and its two offers by their place's name.
const BAUERNHOF: &[&str] = &[
    "bauernhof-rebmann",
    "vom-korn-zum-brot",
    "ferien-auf-dem-hof",
];

/// "Bienen Wiese": both words must match.
const BIENEN_WIESE: &[&str] = &["eine-bienenweide-anlegen", "imkerei-unterwegs"];

/// "Gießkanne" / "Giesskanne".
const GIESSKANNE: &[&str] = &["beete-anlegen"];

/// No query, bezirk=mitte: the place in Mitte, its offer, and the mobile provider and its offer.
const MITTE: &[&str] = &[
    "gemeinschaftsgarten-mitte",
    "beete-anlegen",
    "imkerei-unterwegs",
    "honig-schleudern",
];

// ---------------------------------------------------------------------------------------------
// Checks on a search state
// ---------------------------------------------------------------------------------------------

fn set(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| s.to_string()).collect()
}

/// The results are exactly `expected` (in any order), the count says so, every result has the
/// right `data-kind`, and "no results" is not shown.
fn exactly(expected: &[&str]) -> impl Fn(&SearchState) -> Result<(), String> {
    let expected = set(expected);
    move |s| {
        let got: BTreeSet<String> = s.slugs().iter().map(|x| x.to_string()).collect();
        if got != expected {
            let missing: Vec<_> = expected.difference(&got).collect();
            let extra: Vec<_> = got.difference(&expected).collect();
            return Err(format!(
                "results differ: missing {missing:?}, unexpected {extra:?}"
            ));
        }
        if s.slugs().len() != got.len() {
            return Err("a result is shown twice".into());
        }
        common_result_checks(s)
    }
}

/// Checks every result state should pass: the count matches the shown results (below the page
/// size of 20), kinds match the fixture, `#keine-treffer` only when there are none.
fn common_result_checks(s: &SearchState) -> Result<(), String> {
    let docs = fixture_docs();
    for t in &s.treffer {
        let Some((_, kind)) = docs.iter().find(|(slug, _)| *slug == t.slug) else {
            return Err(format!("{} is not a place or offer of the fixture", t.slug));
        };
        if t.kind.as_deref() != Some(*kind) {
            return Err(format!(
                "{} has data-kind={:?}, expected {kind:?}",
                t.slug, t.kind
            ));
        }
    }
    if s.treffer.len() < 20 && s.anzahl_number() != Some(s.treffer.len()) {
        return Err(format!(
            "#treffer-anzahl {:?} does not start with the number of results {}",
            s.anzahl,
            s.treffer.len()
        ));
    }
    if s.keine_treffer != s.treffer.is_empty() {
        return Err(format!(
            "#keine-treffer shown={} with {} results",
            s.keine_treffer,
            s.treffer.len()
        ));
    }
    Ok(())
}

fn position(s: &SearchState, slug: &str) -> Result<usize, String> {
    s.slugs()
        .iter()
        .position(|x| *x == slug)
        .ok_or_else(|| format!("{slug} is not among the results"))
}

/// `a` is ranked above `b`.
fn ranked_before(s: &SearchState, a: &str, b: &str) -> Result<(), String> {
    if position(s, a)? < position(s, b)? {
        Ok(())
    } else {
        Err(format!("{a} should be ranked above {b}"))
    }
}

fn first_is(s: &SearchState, slug: &str) -> Result<(), String> {
    match s.slugs().first() {
        Some(first) if *first == slug => Ok(()),
        other => Err(format!("the first result is {other:?}, expected {slug}")),
    }
}

/// The address's `q` is `q` (so the results belong to what was typed).
fn q_is(s: &SearchState, q: &str) -> Result<(), String> {
    if s.q_param.as_deref() == Some(q) && s.eingabe.as_deref() == Some(q) {
        Ok(())
    } else {
        Err(format!(
            "expected q={q:?} in the address and the field, got q={:?}, field={:?}",
            s.q_param, s.eingabe
        ))
    }
}

/// The URL parameters of `location.search` as sorted `name=value` pairs (without an empty q).
fn params(s: &SearchState) -> Vec<String> {
    let mut out: Vec<String> = s
        .suche
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            format!("{k}={}", url_decode(v))
        })
        .filter(|p| p != "q=")
        .collect();
    out.sort();
    out
}

fn url_decode(v: &str) -> String {
    let v = v.replace('+', " ");
    let mut bytes = Vec::new();
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(n) = v
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(n);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn expect_params(s: &SearchState, expected: &[&str]) -> Result<(), String> {
    let mut want: Vec<String> = expected.iter().map(|p| p.to_string()).collect();
    want.sort();
    let got = params(s);
    if got == want {
        Ok(())
    } else {
        Err(format!("address parameters {got:?}, expected {want:?}"))
    }
}

fn expect_checked(s: &SearchState, expected: &[&str]) -> Result<(), String> {
    let mut want: Vec<String> = expected.iter().map(|p| p.to_string()).collect();
    want.sort();
    if s.gewaehlt == want {
        Ok(())
    } else {
        Err(format!("checked boxes {:?}, expected {want:?}", s.gewaehlt))
    }
}

// ---------------------------------------------------------------------------------------------
// The harness itself (these pass without the search script)
// ---------------------------------------------------------------------------------------------

/// The static server: index files, content types, 404, and no way out of the folder.
#[test]
fn static_server_serves_the_built_site() {
    let site = BuiltSite::build(FIXTURE);
    let server = StaticServer::start(&site.out);
    let port: u16 = server.origin().rsplit(':').next().unwrap().parse().unwrap();
    let get = |target: &str| {
        server::http_get(port, target).unwrap_or_else(|e| panic!("GET {target}: {e}"))
    };

    for (target, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/suche/", "text/html; charset=utf-8"),
        (
            "/suche/?q=wald&bezirk=degerloch",
            "text/html; charset=utf-8",
        ),
        ("/suche/index.html", "text/html; charset=utf-8"),
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/lernorte.geojson", "application/geo+json"),
    ] {
        let r = get(target);
        assert_eq!(r.status, 200, "GET {target}");
        assert_eq!(r.header("content-type"), Some(content_type), "GET {target}");
        assert!(!r.body.is_empty(), "GET {target}: empty body");
    }
    let body = get("/suche/").body;
    assert!(
        String::from_utf8_lossy(&body).contains("<h1>Suche</h1>"),
        "/suche/ is the search page"
    );
    for (target, status) in [
        ("/gibt-es-nicht/", 404),
        ("/suche", 404),
        ("/../Cargo.toml", 400),
        ("/suche/%2e%2e/%2e%2e/site/site.yaml", 400),
        ("/css/..%2f..%2fsite/site.yaml", 400),
    ] {
        assert_eq!(get(target).status, status, "GET {target}");
    }

    // Content types of the other kinds of files a site has.
    let types = [
        ("a/b.html", "text/html; charset=utf-8"),
        ("suche/suche.js", "text/javascript; charset=utf-8"),
        ("suche/index/meta.json", "application/json"),
        ("bilder/wiese.svg", "image/svg+xml"),
        ("x.geojson", "application/geo+json"),
    ];
    for (file, want) in types {
        assert_eq!(
            server::content_type(std::path::Path::new(file)),
            want,
            "{file}"
        );
    }
    assert_eq!(
        server::resolve(&site.out, "/suche/"),
        Resolved::File(
            site.out.join("suche/index.html"),
            "text/html; charset=utf-8"
        )
    );
}

/// The browser harness on a page that exists now: `/suche/` loads in Chromium, has its
/// heading and search field, typing (with umlauts) works, nothing leaves 127.0.0.1 and the
/// console has no errors.
#[test]
fn harness_smoke_test() {
    browser_test("harness_smoke_test", FIXTURE, async |b| {
        b.goto("/suche/").await;
        let title = b.client.title().await.expect("title");
        assert!(title.starts_with("Suche"), "title {title:?}");
        let h1 = b.find("h1").await.text().await.expect("h1 text");
        assert_eq!(h1.trim(), "Suche");
        assert_eq!(b.count(SEARCH_FIELD).await, 1, "one search field in main");
        assert_eq!(
            b.count("input[type=search][name=q]").await,
            2,
            "the header has a second search field (why the tests scope to main)"
        );
        let id = b.find(SEARCH_FIELD).await.attr("id").await.expect("id");
        assert_eq!(id.as_deref(), Some("suchfeld"));

        b.type_into(SEARCH_FIELD, "Mühle").await;
        let value = b
            .find(SEARCH_FIELD)
            .await
            .prop("value")
            .await
            .expect("value");
        assert_eq!(value.as_deref(), Some("Mühle"), "typing with umlauts");

        // Another page of the site, so that more than one page is looked at.
        b.goto("/lernorte/").await;
        assert!(
            b.count("main a[href]").await > 0,
            "the list of places has links"
        );

        assert_eq!(b.foreign_requests().await, Vec::<String>::new());
        assert_eq!(b.console_errors().await, Vec::<String>::new());

        // The checks above can fail: the harness sees console errors ...
        b.js("console.error('Testfehler der Testumgebung');", vec![])
            .await;
        let errors = b.console_errors().await;
        assert!(
            errors
                .iter()
                .any(|e| e.contains("Testfehler der Testumgebung")),
            "the harness does not see console errors: {errors:?}"
        );
        // ... and the browser cannot reach any other host.
        let outcome = b
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch('http://example.org/', { mode: 'no-cors' })
                   .then(() => done('reached'), () => done('blocked'));",
                vec![],
            )
            .await
            .expect("fetch script");
        assert_eq!(outcome, "blocked", "a foreign host must not resolve");
        b.console_errors().await; // the failed fetch's own console line
    });
}

// ---------------------------------------------------------------------------------------------
// The search (these wait for the search script)
// ---------------------------------------------------------------------------------------------

/// 1. Results after loading the page with `?q=`: whole names, parts of compounds, several
///    words, ß = ss; a match in the name ranks above one in a description.
#[test]
fn search_results_on_page_load() {
    browser_test("search_results_on_page_load", FIXTURE, async |b| {
        b.goto("/suche/?q=Streuobstwiese").await;
        b.wait_for_results("?q=Streuobstwiese", |s| {
            exactly(STREUOBSTWIESE)(s)?;
            // The place's own name beats the other place's summary and its offers, whose
            // match is only their place's name.
            first_is(s, "streuobstwiese-hasenberg")?;
            ranked_before(s, "streuobstwiese-hasenberg", "imkerei-unterwegs")?;
            q_is(s, "Streuobstwiese")
        })
        .await;

        for q in ["wiese", "obst"] {
            b.goto(&format!("/suche/?q={q}")).await;
            b.wait_for_results(&format!("?q={q} (part of a compound)"), |s| {
                exactly(STREUOBSTWIESE)(s)?;
                q_is(s, q)
            })
            .await;
        }

        b.goto("/suche/?q=Bienen+Wiese").await;
        b.wait_for_results("?q=Bienen Wiese (both words)", exactly(BIENEN_WIESE))
            .await;

        for q in ["Gie%C3%9Fkanne", "Giesskanne", "GIESSKANNE"] {
            b.goto(&format!("/suche/?q={q}")).await;
            b.wait_for_results(&format!("?q={q} (ß = ss)"), exactly(GIESSKANNE))
                .await;
        }
        no_console_errors(b).await;
    });
}

/// Opens the empty search page and types `text` into its field, one key at a time.
async fn typed(b: &browser_support::Browser, text: &str) {
    b.goto("/suche/").await;
    b.type_into(SEARCH_FIELD, text).await;
}

/// 2a. Results while typing: umlaut spellings and prefixes.
#[test]
fn search_while_typing_folding_and_prefix() {
    browser_test(
        "search_while_typing_folding_and_prefix",
        FIXTURE,
        async |b| {
            for q in ["Mühle", "muehle", "muhle", "MÜHLE"] {
                typed(b, q).await;
                b.wait_for_results(&format!("typed {q:?}"), |s| {
                    q_is(s, q)?;
                    exactly(MUEHLE)(s)?;
                    // Name beats description.
                    first_is(s, "alte-muehle-koerschtal")
                })
                .await;
            }

            typed(b, "Bien").await;
            b.wait_for_results("typed \"Bien\" (prefix)", |s| {
                q_is(s, "Bien")?;
                exactly(BIEN)(s)
            })
            .await;
            no_console_errors(b).await;
        },
    );
}

/// 2b. Results while typing: compounds, inflection, one typo, ranking.
#[test]
fn search_while_typing_compounds_inflection_typo() {
    browser_test(
        "search_while_typing_compounds_inflection_typo",
        FIXTURE,
        async |b| {
            typed(b, "wald").await;
            b.wait_for_results("typed \"wald\"", |s| {
                q_is(s, "wald")?;
                exactly(WALD)(s)?;
                // Whole word ("Wald") beats a part of a compound ("Bergwald"), both in a summary.
                ranked_before(s, "klimapfad-degerloch", "naturstation-botnang")?;
                // Name ("Waldpädagogik") beats description ("Bergwald"), both compounds.
                ranked_before(s, "haus-der-waldpaedagogik", "naturstation-botnang")
            })
            .await;

            typed(b, "Wälder").await;
            b.wait_for_results("typed \"Wälder\" (inflection of Wald)", |s| {
                q_is(s, "Wälder")?;
                common_result_checks(s)?;
                position(s, "klimapfad-degerloch")?;
                let outside: Vec<&str> = s
                    .slugs()
                    .into_iter()
                    .filter(|x| !WALD.contains(x))
                    .collect();
                if outside.is_empty() {
                    Ok(())
                } else {
                    Err(format!("results without any form of Wald: {outside:?}"))
                }
            })
            .await;

            typed(b, "Tiere").await;
            b.wait_for_results("typed \"Tiere\" (finds Tier)", |s| {
                q_is(s, "Tiere")?;
                exactly(TIERE)(s)
            })
            .await;

            typed(b, "Bauernhf").await;
            b.wait_for_results("typed \"Bauernhf\" (one typo)", |s| {
                q_is(s, "Bauernhf")?;
                exactly(BAUERNHOF)(s)?;
                // Its own name beats offers that only have it in their place's name.
                first_is(s, "bauernhof-rebmann")
            })
            .await;

            // A typo in the first two letters is not forgiven.
            typed(b, "Buaernhof").await;
            b.wait_for_results("typed \"Buaernhof\" (typo in the first two letters)", |s| {
                q_is(s, "Buaernhof")?;
                exactly(&[])(s)
            })
            .await;
            no_console_errors(b).await;
        },
    );
}

/// 3. Facets: OR within a facet, AND across, disjunctive counts, disabled zero options, mobile
///    providers in every district.
#[test]
fn search_facets() {
    browser_test("search_facets", FIXTURE, async |b| {
        b.goto("/suche/?q=wald").await;
        b.wait_for_results("?q=wald", exactly(WALD)).await;

        b.click_facet("bezirk", "degerloch").await;
        b.wait_for_results("wald + bezirk=degerloch", |s| {
            exactly(WALD_DEGERLOCH)(s)?;
            expect_checked(s, &["bezirk=degerloch"])
        })
        .await;
        for (name, value, count) in [
            ("bezirk", "degerloch", 5),
            ("bezirk", "botnang", 2),   // Naturstation + the mobile offer
            ("bezirk", "vaihingen", 2), // Bachlabor + the mobile offer
            ("bezirk", "mitte", 1),     // only the mobile offer
        ] {
            expect_facet(b, name, value, count, value == "degerloch").await;
        }

        b.click_facet("bezirk", "botnang").await;
        b.wait_for_results("wald + bezirk=degerloch|botnang (OR)", |s| {
            exactly(WALD_DEGERLOCH_BOTNANG)(s)?;
            expect_checked(s, &["bezirk=botnang", "bezirk=degerloch"])
        })
        .await;

        b.click_facet("zielgruppe", "grundschule").await;
        b.wait_for_results("... + zielgruppe=grundschule (AND)", |s| {
            exactly(WALD_DEGERLOCH_BOTNANG_GRUNDSCHULE)(s)?;
            expect_checked(
                s,
                &[
                    "bezirk=botnang",
                    "bezirk=degerloch",
                    "zielgruppe=grundschule",
                ],
            )
        })
        .await;
        // Counts: the text results, filtered by every other facet, with this option.
        for (name, value, count, checked) in [
            ("bezirk", "degerloch", 3, true),
            ("bezirk", "botnang", 2, true),
            ("bezirk", "vaihingen", 1, false), // Bachlabor is not for Grundschule; mobile is
            ("zielgruppe", "grundschule", 4, true),
            ("zielgruppe", "kita", 3, false),
            ("zielgruppe", "sek1", 2, false),
            ("zielgruppe", "erwachsene", 1, false),
            ("zielgruppe", "familien", 0, false),
            ("kostenlos", "ja", 2, false),
            ("rollstuhl", "ja", 2, false), // Haus der Waldpädagogik and its offer
            ("rollstuhl", "teilweise", 1, false), // Naturstation
            ("kategorie", "wald", 2, false),
            ("format", "fuehrung", 1, false),
            ("format", "workshop", 1, false),
            ("format", "exkursion", 0, false), // only the Kita offer, filtered out
            ("klassenstufe", "1", 1, false),
            ("klassenstufe", "4", 1, false),
            ("klassenstufe", "5", 0, false),
        ] {
            expect_facet(b, name, value, count, checked).await;
        }
        let violations = b.facet_rule_violations().await;
        assert!(violations.is_empty(), "facet boxes: {violations:#?}");
        no_console_errors(b).await;
    });
}

/// The page logged no errors since the last look.
async fn no_console_errors(b: &browser_support::Browser) {
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// A facet box exists with this `data-anzahl` and check state; disabled exactly when it is
/// unchecked with count 0.
async fn expect_facet(
    b: &browser_support::Browser,
    name: &str,
    value: &str,
    count: usize,
    checked: bool,
) {
    let want = count.to_string();
    let what = format!(
        "checkbox {name}={value} with data-anzahl={count}, checked={checked}, disabled={}",
        count == 0 && !checked
    );
    b.wait_for(&what, async || {
        let f = b.facet_box(name, value).await;
        if f.found
            && f.anzahl.as_deref() == Some(want.as_str())
            && f.checked == checked
            && f.disabled == (count == 0 && !checked)
        {
            Ok(())
        } else {
            Err(format!("{f:?}"))
        }
    })
    .await;
}

/// 4. The address holds the state: typing replaces, facet clicks push, reload and back restore.
#[test]
fn search_state_in_the_address() {
    browser_test("search_state_in_the_address", FIXTURE, async |b| {
        b.goto("/suche/").await;
        b.wait_for_results("the empty search page", |_| Ok(()))
            .await;
        let start = b.history_length().await;

        b.type_into(SEARCH_FIELD, "wald").await;
        b.wait_for_results("typed wald", |s| {
            exactly(WALD)(s)?;
            expect_params(s, &["q=wald"])
        })
        .await;
        // While typing the entry is replaced: one word adds at most one entry (the script may
        // push one when typing starts), never one per keystroke.
        let typed = b.history_length().await;
        assert!(
            typed <= start + 1,
            "typing 4 letters added {} history entries",
            typed - start
        );

        b.click_facet("bezirk", "degerloch").await;
        b.wait_for_results("bezirk=degerloch clicked", |s| {
            exactly(WALD_DEGERLOCH)(s)?;
            expect_params(s, &["q=wald", "bezirk=degerloch"])
        })
        .await;
        assert_eq!(b.history_length().await, typed + 1, "a click adds an entry");

        b.click_facet("zielgruppe", "grundschule").await;
        let three = ["q=wald", "bezirk=degerloch", "zielgruppe=grundschule"];
        b.wait_for_results("zielgruppe=grundschule clicked", |s| {
            exactly(WALD_DEGERLOCH_GRUNDSCHULE)(s)?;
            expect_params(s, &three)
        })
        .await;
        assert_eq!(b.history_length().await, typed + 2, "a click adds an entry");

        b.client.refresh().await.expect("reload");
        b.wait_for_results("after reload", |s| {
            exactly(WALD_DEGERLOCH_GRUNDSCHULE)(s)?;
            expect_params(s, &three)?;
            q_is(s, "wald")?;
            expect_checked(s, &["bezirk=degerloch", "zielgruppe=grundschule"])
        })
        .await;

        b.client.back().await.expect("back");
        b.wait_for_results("back: zielgruppe unchecked again", |s| {
            exactly(WALD_DEGERLOCH)(s)?;
            expect_params(s, &["q=wald", "bezirk=degerloch"])?;
            q_is(s, "wald")?;
            expect_checked(s, &["bezirk=degerloch"])
        })
        .await;

        b.client.back().await.expect("back");
        b.wait_for_results("back: no facet", |s| {
            exactly(WALD)(s)?;
            expect_params(s, &["q=wald"])?;
            q_is(s, "wald")?;
            expect_checked(s, &[])
        })
        .await;

        // The address can also be written by hand, with repeated parameters.
        b.goto("/suche/?q=wald&bezirk=degerloch&bezirk=botnang&zielgruppe=grundschule")
            .await;
        b.wait_for_results("a hand-written address", |s| {
            exactly(WALD_DEGERLOCH_BOTNANG_GRUNDSCHULE)(s)?;
            expect_checked(
                s,
                &[
                    "bezirk=botnang",
                    "bezirk=degerloch",
                    "zielgruppe=grundschule",
                ],
            )
        })
        .await;
        no_console_errors(b).await;
    });
}

/// 5. No results, the full list with "more", and filters without a query.
#[test]
fn search_empty_and_listing() {
    browser_test("search_empty_and_listing", FIXTURE, async |b| {
        b.goto("/suche/?q=Xylophon").await;
        b.wait_for_results("?q=Xylophon", |s| {
            exactly(&[])(s)?;
            if s.anzahl_number() != Some(0) {
                return Err(format!("#treffer-anzahl {:?} is not 0", s.anzahl));
            }
            Ok(())
        })
        .await;

        // Results for the text, but not in this district: the hint suggests removing a filter,
        // and the counts show where the results are.
        b.goto("/suche/?q=m%C3%BChle&bezirk=degerloch").await;
        let s = b
            .wait_for_results("?q=mühle&bezirk=degerloch", |s| {
                exactly(&[])(s)?;
                expect_checked(s, &["bezirk=degerloch"])
            })
            .await;
        assert!(
            !s.keine_treffer_text.is_empty(),
            "#keine-treffer should say what to do"
        );
        expect_facet(b, "bezirk", "degerloch", 0, true).await;
        expect_facet(b, "bezirk", "plieningen", 1, false).await;
        expect_facet(b, "bezirk", "birkach", 1, false).await;

        // No query, no filter: everything, 20 at first.
        let all = fixture_docs();
        b.goto("/suche/").await;
        b.wait_for_results("the empty search page", |s| {
            if s.treffer.len() != 20 {
                return Err(format!(
                    "{} results shown, expected the first 20",
                    s.treffer.len()
                ));
            }
            if !s.mehr_treffer {
                return Err("#mehr-treffer is not shown".into());
            }
            if s.anzahl_number() != Some(all.len()) {
                return Err(format!(
                    "#treffer-anzahl {:?} should count all {} results",
                    s.anzahl,
                    all.len()
                ));
            }
            Ok(())
        })
        .await;
        let label = b
            .wait_for_element("#mehr-treffer")
            .await
            .text()
            .await
            .expect("text");
        assert_eq!(label.trim(), "Weitere Treffer anzeigen");
        b.click("#mehr-treffer").await;
        let every: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
        b.wait_for_results("all results after #mehr-treffer", |s| {
            exactly(&every)(s)?;
            if s.mehr_treffer {
                return Err("#mehr-treffer is still shown".into());
            }
            Ok(())
        })
        .await;

        // No query, a filter: the filtered set (mobile providers are in every district).
        b.goto("/suche/?bezirk=mitte").await;
        b.wait_for_results("?bezirk=mitte", |s| {
            exactly(MITTE)(s)?;
            expect_checked(s, &["bezirk=mitte"])
        })
        .await;
        no_console_errors(b).await;
    });
}

/// 6. Privacy: searching loads nothing from anywhere but the site, and logs no errors.
#[test]
fn search_stays_local() {
    browser_test("search_stays_local", FIXTURE, async |b| {
        b.goto("/suche/?q=wald").await;
        b.wait_for_results("?q=wald", exactly(WALD)).await;
        b.click_facet("bezirk", "degerloch").await;
        b.wait_for_results("bezirk=degerloch", exactly(WALD_DEGERLOCH))
            .await;
        b.type_into(SEARCH_FIELD, "x").await;
        b.wait_for_results("typed more", |s| q_is(s, "waldx")).await;
        assert_eq!(b.foreign_requests().await, Vec::<String>::new());
        let own = format!("{}/suche/index/", b.origin());
        assert!(
            b.resource_urls().await.iter().any(|u| u.starts_with(&own)),
            "the index is loaded from the site"
        );
        assert_eq!(b.console_errors().await, Vec::<String>::new());
    });
}

/// 7. The browser's matcher is the reference matcher: the same folding, stems and query words
///    as `src/search/text.rs`, and for every query the same results in the same order as
///    `SearchIndex::search` on the same site.
#[test]
fn browser_matcher_agrees_with_the_reference() {
    use lernorte::search::query::query_words;
    use lernorte::search::text::{fold, stem};

    const WORDS: &[&str] = &[
        "Mühle",
        "Muehle",
        "MÜHLE",
        "Straße",
        "STRASSE",
        "Wälder",
        "Waelder",
        "Tiere",
        "Bienenweide",
        "Schülerinnen",
        "Café",
        "Äpfel",
        "Öko-Kiste",
        "70597",
        "Wald-Kita",
        "naïve",
        "Bäumen",
        "Kindern",
        "Moose",
        "schwimmen",
        "Feuer",
        "Quelle",
        "Ærø",
        "die und der",
        "U-Bahn",
        "Gießkanne",
    ];
    const QUERIES: &[&str] = &[
        "wald",
        "Wälder",
        "Waldp",
        "Streuobstwiese",
        "obst",
        "wiese",
        "Bien",
        "Bienen Wiese",
        "Mühle",
        "muehle",
        "Tiere",
        "Tier",
        "Bauernhf",
        "Buaernhof",
        "hof",
        "Gießkanne",
        "Degerloch",
        "kita",
        "und",
        "Honig schleudern",
        "xylophon",
        "a",
        "",
    ];
    let site = common::TestSite::fixture(FIXTURE);
    let built = lernorte::build_in_memory(&site.options())
        .unwrap_or_else(|e| panic!("build failed: {e:?}"));
    let index = lernorte::search::SearchIndex::build(&built.site);
    let expected_words: Vec<Value> = WORDS
        .iter()
        .map(|w| {
            serde_json::json!({
                "falte": fold(w),
                "stamm": stem(&fold(w)),
                "anfrage": query_words(w),
            })
        })
        .collect();
    let expected_results: Vec<Value> = QUERIES
        .iter()
        .map(|q| {
            let slugs: Vec<&str> = index.search(q).iter().map(|h| index.slug(h)).collect();
            serde_json::json!(slugs)
        })
        .collect();

    browser_test(
        "browser_matcher_agrees_with_the_reference",
        FIXTURE,
        async |b| {
            b.goto("/suche/").await;
            b.wait_for_results("empty search page", |_| Ok(())).await;
            let words = b
                .js(
                    "const s = window.lernorteSuche;
                 return arguments[0].map((w) => ({
                   falte: s.falte(w), stamm: s.stamm(s.falte(w)), anfrage: s.anfrageWoerter(w),
                 }));",
                    vec![serde_json::json!(WORDS)],
                )
                .await;
            for ((w, got), want) in WORDS
                .iter()
                .zip(words.as_array().expect("array"))
                .zip(&expected_words)
            {
                assert_eq!(got, want, "text rules differ for {w:?}");
            }
            let results = b
                .js(
                    "return Promise.all(arguments[0].map(async (q) =>
                   (await window.lernorteSuche.suche(q)).map((d) => d.slug)));",
                    vec![serde_json::json!(QUERIES)],
                )
                .await;
            for ((q, got), want) in QUERIES
                .iter()
                .zip(results.as_array().expect("array"))
                .zip(&expected_results)
            {
                assert_eq!(got, want, "results differ for {q:?}");
            }
            no_console_errors(b).await;
        },
    );
}
