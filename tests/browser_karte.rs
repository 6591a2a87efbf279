//! Real-browser tests of the maps (`js/karte.js` with the vendored Leaflet and
//! Leaflet.markercluster): the overview `/karte/`, the map of the search page, the small maps
//! of place and district pages, the consent before any tile is loaded, "In meiner Nähe", and
//! axe-core on pages with a map.
//!
//! Fixture: `tests/fixtures/karte`, the places and offers of `tests/fixtures/suche` with a tile
//! server that does not exist (`http://kacheln.invalid/...`; the test browser resolves no host
//! but 127.0.0.1, so a tile request is seen but never leaves the machine).
//!
//! Run: `cargo test --test browser_karte`. Needs Debian's `chromium` and `chromium-driver`,
//! and for the axe test `npm ci --prefix tests/browser_support/axe`; without them the tests
//! skip themselves, unless `LERNORTE_BROWSER_TESTS=1`.
//!
//! The expected places are read from the fixture's files; the tests look at the page only
//! through its stable hooks (`#karte[data-marker-count]`, `#karte-zustimmung`,
//! `#in-meiner-naehe`, the search page's hooks) and at what Leaflet draws.

mod browser_support;
mod common;

use std::collections::{BTreeMap, BTreeSet};

use browser_support::axe::{axe_or_skip, describe};
use browser_support::{Browser, SEARCH_FIELD, Session, browser_test, browser_test_with};
use common::repo_root;
use serde::Deserialize;
use serde_json::{Value, json};

const FIXTURE: &str = "karte";
const TILE_PREFIX: &str = "http://kacheln.invalid/";
const CONSENT_KEY: &str = "lernorte-karte-zustimmung";

// ---------------------------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Place {
    slug: String,
    name: String,
    /// The district's slug (from its name in the file), `None` for mobile places.
    bezirk: Option<String>,
    /// Has `lage` (and is not mobile): shown on maps.
    located: bool,
}

fn fixture_dir() -> std::path::PathBuf {
    repo_root().join("tests/fixtures").join(FIXTURE)
}

fn files(sub: &str, ext: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixture_dir().join(sub))
        .unwrap_or_else(|e| panic!("{sub}: {e}"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| {
            let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            (slug, text)
        })
        .collect();
    out.sort();
    out
}

/// A district name as its slug ("Bad Cannstatt" -> "bad-cannstatt").
fn slug_of(name: &str) -> String {
    name.to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .replace(' ', "-")
}

/// The places of the fixture, by slug.
fn places() -> BTreeMap<String, Place> {
    files("places", "yaml")
        .into_iter()
        .map(|(slug, text)| {
            let v: serde_yaml::Value =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{slug}.yaml: {e}"));
            let mobil = v.get("mobil").and_then(|m| m.as_bool()).unwrap_or(false);
            let place = Place {
                slug: slug.clone(),
                name: v["name"].as_str().expect("name").to_string(),
                bezirk: v.get("bezirk").and_then(|b| b.as_str()).map(slug_of),
                located: !mobil && v.get("lage").is_some(),
            };
            (slug, place)
        })
        .collect()
}

fn located() -> BTreeSet<String> {
    places()
        .into_values()
        .filter(|p| p.located)
        .map(|p| p.slug)
        .collect()
}

/// For every offer of the fixture, its place (the `lernort:` of its front matter).
fn offer_places() -> BTreeMap<String, String> {
    files("content/angebote", "md")
        .into_iter()
        .map(|(slug, text)| {
            let front = text
                .strip_prefix("---\n")
                .and_then(|t| t.split("\n---").next())
                .unwrap_or_else(|| panic!("{slug}.md has no front matter"));
            let v: serde_yaml::Value =
                serde_yaml::from_str(front).unwrap_or_else(|e| panic!("{slug}.md: {e}"));
            let place = v["lernort"].as_str().expect("lernort").to_string();
            (slug, place)
        })
        .collect()
}

/// The located places among search results (`(slug, kind)`): places themselves, offers at
/// their place.
fn located_places_of(results: &[(String, String)]) -> BTreeSet<String> {
    let offers = offer_places();
    let located = located();
    results
        .iter()
        .map(|(slug, kind)| match kind.as_str() {
            "offer" => offers
                .get(slug)
                .unwrap_or_else(|| panic!("{slug} is not an offer of the fixture"))
                .clone(),
            _ => slug.clone(),
        })
        .filter(|p| located.contains(p))
        .collect()
}

fn set(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// What the map shows
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Deserialize)]
struct MapState {
    /// `data-marker-count`.
    count: Option<String>,
    /// The single place markers drawn now (not the ones inside clusters).
    markers: Vec<MarkerInfo>,
    /// The numbers of the cluster icons drawn now.
    clusters: Vec<String>,
    /// `src` of the tile images.
    tiles: Vec<String>,
    /// Whether the consent box is shown.
    consent_box: bool,
    /// A zoom or cluster animation is running.
    animating: bool,
    attribution: String,
}

#[derive(Debug, Clone, Deserialize)]
struct MarkerInfo {
    slug: Option<String>,
    label: Option<String>,
    role: Option<String>,
    tabindex: Option<String>,
}

const MAP_STATE: &str = r#"
const karte = document.querySelector('#karte');
if (!karte) return null;
const shown = el => !!el && !el.hidden && el.getClientRects().length > 0;
const drawn = el => el.style.opacity !== '0' && el.getClientRects().length > 0;
const box = document.querySelector('.karte-zustimmung');
return {
  count: karte.getAttribute('data-marker-count'),
  markers: Array.from(karte.querySelectorAll('.leaflet-marker-pane .karte-marker')).filter(drawn)
    .map(m => ({ slug: m.getAttribute('data-slug'), label: m.getAttribute('aria-label'),
                 role: m.getAttribute('role'), tabindex: m.getAttribute('tabindex') })),
  clusters: Array.from(karte.querySelectorAll('.leaflet-marker-pane .karte-cluster')).filter(drawn)
    .map(c => c.textContent.trim()),
  tiles: Array.from(karte.querySelectorAll('.leaflet-tile-pane img')).map(i => i.getAttribute('src')),
  consent_box: shown(box),
  animating: !!karte.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim'),
  attribution: (karte.querySelector('.leaflet-control-attribution') || {}).textContent || '',
};
"#;

impl MapState {
    fn count(&self) -> Option<usize> {
        self.count.as_deref().and_then(|c| c.parse().ok())
    }

    /// Single markers plus the numbers in the cluster icons.
    fn drawn_total(&self) -> usize {
        self.markers.len()
            + self
                .clusters
                .iter()
                .map(|c| {
                    c.parse::<usize>()
                        .unwrap_or_else(|_| panic!("cluster text {c:?}"))
                })
                .sum::<usize>()
    }

    fn marker_slugs(&self) -> BTreeSet<String> {
        self.markers.iter().filter_map(|m| m.slug.clone()).collect()
    }
}

async fn map_state(b: &Browser) -> MapState {
    let v = b.js(MAP_STATE, vec![]).await;
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("map state {v}: {e}"))
}

/// Waits until the map shows `n` places: `data-marker-count` is `n`, no animation runs, and
/// the drawn markers plus the numbers in the clusters add up to `n`.
async fn wait_for_places(b: &Browser, n: usize) -> MapState {
    b.wait_for(&format!("#karte shows {n} places"), async || {
        let s = map_state(b).await;
        if s.count() != Some(n) {
            return Err(format!("data-marker-count={:?}", s.count));
        }
        if s.animating {
            return Err("still animating".into());
        }
        if s.drawn_total() != n {
            return Err(format!(
                "drawn: {} markers {:?} and clusters {:?}",
                s.markers.len(),
                s.marker_slugs(),
                s.clusters
            ));
        }
        Ok(s)
    })
    .await
}

/// The popup's link to the place, once a popup is open: (href, text).
async fn wait_for_popup(b: &Browser) -> (String, String) {
    b.wait_for("an open pop-up with a link", async || {
        let v = b
            .js(
                "const a = document.querySelector('#karte .leaflet-popup .karte-popup-titel a');
                 return a ? [a.getAttribute('href'), a.textContent.trim()] : null;",
                vec![],
            )
            .await;
        serde_json::from_value::<Option<(String, String)>>(v)
            .expect("popup link")
            .ok_or_else(|| "no pop-up".to_string())
    })
    .await
}

/// Clicks the marker of `slug`; while it is inside a cluster, clicks the cluster (which zooms
/// in) first.
async fn click_marker(b: &Browser, slug: &str) {
    for _ in 0..6 {
        let s = b
            .wait_for("the map at rest", async || {
                let s = map_state(b).await;
                if s.animating {
                    Err("animating".to_string())
                } else {
                    Ok(s)
                }
            })
            .await;
        if s.marker_slugs().contains(slug) {
            b.click(&marker_css(slug)).await;
            return;
        }
        assert!(
            !s.clusters.is_empty(),
            "{slug} is neither a marker nor in a cluster: {s:?}"
        );
        b.click("#karte .leaflet-marker-pane .karte-cluster").await;
    }
    panic!("the marker of {slug} did not come out of its cluster");
}

fn marker_css(slug: &str) -> String {
    format!("#karte .leaflet-marker-pane .karte-marker[data-slug=\"{slug}\"]")
}

async fn storage(b: &Browser) -> Option<String> {
    let v = b
        .js(
            "return localStorage.getItem(arguments[0]);",
            vec![json!(CONSENT_KEY)],
        )
        .await;
    v.as_str().map(String::from)
}

async fn active_element(b: &Browser) -> String {
    b.js(
        "const a = document.activeElement;
         if (!a) return '';
         return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') +
           (a.getAttribute('data-slug') ? '[data-slug=' + a.getAttribute('data-slug') + ']' : '') +
           (a.getAttribute('href') ? '[href=' + a.getAttribute('href') + ']' : '');",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Requests that do not go to the test server (`data:` URIs are not requests).
fn foreign(b: &Browser, urls: Vec<String>) -> Vec<String> {
    let own = format!("{}/", b.origin());
    urls.into_iter()
        .filter(|u| !u.starts_with(&own) && !u.starts_with("data:"))
        .collect()
}

/// Image sources of the page that point elsewhere than the test server.
async fn foreign_images(b: &Browser) -> Vec<String> {
    let v = b
        .js(
            "return Array.from(document.querySelectorAll('img')).map(i => i.src);",
            vec![],
        )
        .await;
    foreign(b, serde_json::from_value(v).expect("image sources"))
}

/// Opens `/karte/`, focuses a marker, presses Enter (the focus must move to the pop-up's link)
/// and Escape (the pop-up closes, the focus is back on the marker).
async fn keyboard_popup(b: &Browser, n: usize, reduced_motion: bool) {
    b.goto("/karte/").await;
    let s = wait_for_places(b, n).await;
    assert_eq!(
        b.count("#karte.leaflet-fade-anim").await,
        usize::from(!reduced_motion),
        "Leaflet animates unless motion is reduced"
    );
    let slug = s.markers[0].slug.clone().unwrap();
    let marker = b.find(&marker_css(&slug)).await;
    b.js(
        "arguments[0].focus();",
        vec![serde_json::to_value(&marker).unwrap()],
    )
    .await;
    marker.send_keys(ENTER).await.expect("Enter on the marker");
    let (href, _) = wait_for_popup(b).await;
    let link = format!("a[href={href}]");
    b.wait_for("the focus in the pop-up", async || {
        let a = active_element(b).await;
        if a == link { Ok(()) } else { Err(a) }
    })
    .await;
    let focused = b.client.active_element().await.expect("active element");
    focused.send_keys(ESCAPE).await.expect("Escape");
    let back = format!("div[data-slug={slug}]");
    b.wait_for(
        "the pop-up closed and the focus back on the marker",
        async || {
            let open = b.count("#karte .leaflet-popup").await;
            let a = active_element(b).await;
            if open == 0 && a == back {
                Ok(())
            } else {
                Err(format!("{open} pop-ups, focus on {a}"))
            }
        },
    )
    .await;
}

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

// ---------------------------------------------------------------------------------------------
// /karte/
// ---------------------------------------------------------------------------------------------

/// The overview shows every place with a location (and no mobile place), clustered where they
/// are close; each marker is a named button; a marker, also one inside a cluster, opens a
/// pop-up with a link to its page; Enter and Escape work from the keyboard.
#[test]
fn uebersicht_zeigt_jeden_ort_mit_lage() {
    browser_test("uebersicht_zeigt_jeden_ort_mit_lage", FIXTURE, async |b| {
        let places = places();
        let located = located();
        assert_eq!(
            located.len(),
            9,
            "the fixture has nine places with a location"
        );

        b.goto("/karte/").await;
        let s = wait_for_places(b, located.len()).await;
        assert!(
            !s.clusters.is_empty(),
            "the two places in Degerloch form a cluster on the first view: {s:?}"
        );
        for m in &s.markers {
            let slug = m.slug.as_deref().expect("marker with data-slug");
            assert!(
                located.contains(slug),
                "marker of {slug} is not a located place"
            );
            let name = &places[slug].name;
            assert!(
                m.label
                    .as_deref()
                    .is_some_and(|l| l.starts_with(name.as_str())),
                "marker {slug}: aria-label {:?} should start with {name:?}",
                m.label
            );
            assert_eq!(m.role.as_deref(), Some("button"), "marker {slug}: role");
            assert_eq!(m.tabindex.as_deref(), Some("0"), "marker {slug}: focusable");
        }
        assert_eq!(
            b.count("#karte .karte-cluster[role=button][tabindex='0'][aria-label]")
                .await,
            s.clusters.len(),
            "clusters are named buttons"
        );

        // The legend: one symbol per category, all different.
        let symbols = b
            .js(
                "return Array.from(document.querySelectorAll('.karten-legende li[data-kategorie]'))
                   .map(li => li.querySelector('.marker-symbol svg')?.outerHTML || '');",
                vec![],
            )
            .await;
        let symbols: Vec<String> = serde_json::from_value(symbols).expect("symbols");
        assert_eq!(symbols.len(), 10, "ten categories in the legend");
        assert!(
            symbols.iter().all(|s| !s.is_empty()),
            "every category has a symbol"
        );
        let distinct: BTreeSet<&String> = symbols.iter().collect();
        assert_eq!(distinct.len(), symbols.len(), "the symbols differ");

        // A single marker opens its pop-up.
        let first = s.markers[0].slug.clone().unwrap();
        b.click(&marker_css(&first)).await;
        let (href, text) = wait_for_popup(b).await;
        assert!(
            href.ends_with(&format!("/lernorte/{first}/")),
            "pop-up link {href} for {first}"
        );
        assert_eq!(text, places[&first].name);

        // A cluster opens up; a marker that was inside it opens its pop-up.
        let before = s.marker_slugs();
        b.click("#karte .leaflet-marker-pane .karte-cluster").await;
        let inner = b
            .wait_for("a marker that was in the cluster", async || {
                let s = map_state(b).await;
                if s.animating {
                    return Err("animating".into());
                }
                s.marker_slugs()
                    .difference(&before)
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("markers {:?}", s.marker_slugs()))
            })
            .await;
        b.click(&marker_css(&inner)).await;
        let (href, _) = b
            .wait_for("the pop-up of the marker from the cluster", async || {
                let (href, text) = wait_for_popup(b).await;
                if href.ends_with(&format!("/lernorte/{inner}/")) {
                    Ok((href, text))
                } else {
                    Err(format!("pop-up links {href}"))
                }
            })
            .await;
        assert!(href.starts_with('/'), "a link within the site: {href}");

        // Keyboard: Enter on a focused marker opens the pop-up and moves into it; Escape
        // closes it and returns to the marker. Also without animations (reduced motion), where
        // Leaflet shows the pop-up a moment later.
        keyboard_popup(b, located.len(), false).await;
        b.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-reduced-motion", "value": "reduce" }] }),
        )
        .await;
        keyboard_popup(b, located.len(), true).await;
        assert_eq!(b.console_errors().await, Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------------
// Consent before tiles
// ---------------------------------------------------------------------------------------------

/// No request to any host but the site before the visitor agrees; the district outlines are
/// the base layer meanwhile. After the click the tiles are requested from the configured
/// server, the choice is stored (only then), a reload loads tiles without asking, withdrawing
/// takes one click, and a new browser profile asks again.
#[test]
fn kacheln_erst_nach_zustimmung() {
    let session = Session { network_log: true };
    browser_test_with(
        "kacheln_erst_nach_zustimmung",
        FIXTURE,
        session,
        async |b| {
            let n = located().len();
            // Place pages with their small map and the overview, before any consent.
            for path in [
                "/lernorte/alte-muehle-koerschtal/",
                "/bezirke/degerloch/",
                "/karte/",
            ] {
                b.goto(path).await;
                let s = b
                    .wait_for(
                        "markers and the 23 district outlines as the base layer",
                        async || {
                            let s = map_state(b).await;
                            let outlines = b.count("#karte .leaflet-overlay-pane path").await;
                            if s.count.is_some() && outlines >= 23 {
                                Ok(s)
                            } else {
                                Err(format!("{outlines} outlines; {s:?}"))
                            }
                        },
                    )
                    .await;
                assert!(s.consent_box, "{path}: the consent box is shown");
                assert!(
                    s.tiles.is_empty(),
                    "{path}: no tiles before consent: {:?}",
                    s.tiles
                );
                assert_eq!(
                    storage(b).await,
                    None,
                    "{path}: nothing stored before the click"
                );
                assert_eq!(
                    foreign(b, b.resource_urls().await),
                    Vec::<String>::new(),
                    "{path}: resources"
                );
                assert_eq!(
                    foreign_images(b).await,
                    Vec::<String>::new(),
                    "{path}: images"
                );
            }
            wait_for_places(b, n).await;
            assert_eq!(
                foreign(b, b.network_requests().await),
                Vec::<String>::new(),
                "no request left 127.0.0.1 before consent"
            );

            b.click("#karte-zustimmung").await;
            let s = b
                .wait_for("tiles from the configured server", async || {
                    let s = map_state(b).await;
                    if !s.tiles.is_empty() && s.tiles.iter().all(|t| t.starts_with(TILE_PREFIX)) {
                        Ok(s)
                    } else {
                        Err(format!("tiles {:?}", s.tiles))
                    }
                })
                .await;
            assert!(!s.consent_box, "the consent box is gone after the click");
            assert!(
                s.attribution.contains("Testkacheln"),
                "attribution {:?}",
                s.attribution
            );
            assert!(
                s.attribution.contains("Bezirksgrenzen"),
                "attribution {:?}",
                s.attribution
            );
            assert_eq!(
                storage(b).await.as_deref(),
                Some("ja"),
                "the choice is stored"
            );
            assert_eq!(
                active_element(b).await,
                "div#karte",
                "the focus moves from the (hidden) button to the map"
            );
            let requested = foreign(b, b.network_requests().await);
            assert!(
                requested.iter().any(|u| u.starts_with(TILE_PREFIX)),
                "tile requests were started: {requested:?}"
            );
            assert!(
                requested.iter().all(|u| u.starts_with(TILE_PREFIX)),
                "only the tile server besides the site: {requested:?}"
            );

            // Remembered in this browser.
            b.client.refresh().await.expect("reload");
            let s = b
                .wait_for("tiles after the reload, without a click", async || {
                    let s = map_state(b).await;
                    if s.count.is_some() && !s.tiles.is_empty() {
                        Ok(s)
                    } else {
                        Err(format!("{s:?}"))
                    }
                })
                .await;
            assert!(!s.consent_box, "no consent box once agreed");
            assert!(s.tiles.iter().all(|t| t.starts_with(TILE_PREFIX)));

            // Withdrawing is as easy: the line under the map.
            b.click("#karte-widerruf").await;
            let s = map_state(b).await;
            assert!(s.consent_box, "the consent box is back after withdrawing");
            assert!(
                s.tiles.is_empty(),
                "no tiles after withdrawing: {:?}",
                s.tiles
            );
            assert_eq!(storage(b).await, None, "the stored choice is removed");
            assert_eq!(active_element(b).await, "button#karte-zustimmung");
            b.client.refresh().await.expect("reload");
            let s = wait_for_places(b, n).await;
            assert!(
                s.consent_box && s.tiles.is_empty(),
                "asked again after the reload: {s:?}"
            );

            // A new profile asks again.
            let tools = browser_support::find_tools().expect("browser tools");
            let fresh = Browser::start_with(&tools, b.origin(), session).await;
            fresh.goto("/karte/").await;
            let s = wait_for_places(&fresh, n).await;
            assert!(s.consent_box, "a new browser profile sees the consent box");
            assert!(s.tiles.is_empty(), "and no tiles: {:?}", s.tiles);
            assert_eq!(storage(&fresh).await, None);
            assert_eq!(
                foreign(&fresh, fresh.network_requests().await),
                Vec::<String>::new()
            );
            fresh.close().await;
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The search page
// ---------------------------------------------------------------------------------------------

/// The results as `(slug, kind)` once the search is `fertig`.
async fn results(b: &Browser, what: &str, checked: &[&str]) -> Vec<(String, String)> {
    let want: Vec<String> = checked.iter().map(|c| c.to_string()).collect();
    let s = b
        .wait_for_results(what, |s| {
            if s.gewaehlt == want {
                Ok(())
            } else {
                Err(format!("checked {:?}", s.gewaehlt))
            }
        })
        .await;
    assert!(
        s.treffer.len() < 20,
        "the test needs all results on one page"
    );
    s.treffer
        .iter()
        .map(|t| (t.slug.clone(), t.kind.clone().unwrap_or_default()))
        .collect()
}

/// The map of `/suche/` shows exactly the located places of the results (offers at their
/// place) and follows filters and text; a marker highlights its cards, a card its marker.
#[test]
fn suchkarte_zeigt_die_orte_der_treffer() {
    browser_test("suchkarte_zeigt_die_orte_der_treffer", FIXTURE, async |b| {
        b.goto("/suche/?bezirk=degerloch").await;
        let r = results(b, "results for Degerloch", &["bezirk=degerloch"]).await;
        let expected = located_places_of(&r);
        assert_eq!(
            expected,
            set(&["haus-der-waldpaedagogik", "klimapfad-degerloch"]),
            "derived by hand: the two places in Degerloch (the mobile beekeeper has no location)"
        );
        let s = wait_for_places(b, expected.len()).await;
        assert!(
            s.marker_slugs().is_subset(&expected),
            "markers {:?}",
            s.marker_slugs()
        );
        let thick = "#karte .leaflet-overlay-pane path[stroke-width='4']";
        assert_eq!(b.count(thick).await, 1, "the filter's district is outlined");

        b.click_facet("bezirk", "botnang").await;
        let r = results(
            b,
            "results for Degerloch and Botnang",
            &["bezirk=botnang", "bezirk=degerloch"],
        )
        .await;
        let expected = located_places_of(&r);
        assert_eq!(
            expected,
            set(&[
                "haus-der-waldpaedagogik",
                "klimapfad-degerloch",
                "naturstation-botnang"
            ])
        );
        let s = wait_for_places(b, expected.len()).await;
        assert!(
            s.marker_slugs().is_subset(&expected),
            "markers {:?}",
            s.marker_slugs()
        );
        assert_eq!(
            b.count(thick).await,
            2,
            "both districts of the filter are outlined"
        );

        // A marker highlights the cards of its place: the place and its offers.
        let cards = |slug: &str| -> BTreeSet<String> {
            let offers = offer_places();
            r.iter()
                .filter(|(s, kind)| {
                    (kind == "place" && s == slug)
                        || (kind == "offer" && offers.get(s).is_some_and(|p| p == slug))
                })
                .map(|(s, _)| s.clone())
                .collect()
        };
        let place = "haus-der-waldpaedagogik";
        let want = cards(place);
        assert!(
            want.len() >= 2,
            "the place and an offer of it are among the results"
        );
        wait_for_places(b, 3).await;
        click_marker(b, place).await;
        wait_for_popup(b).await;
        b.wait_for("the cards of the selected place highlighted", async || {
            let v = b
                .js(
                    "return Array.from(document.querySelectorAll('#trefferliste > li.hervorgehoben'))
                       .map(li => li.getAttribute('data-slug'));",
                    vec![],
                )
                .await;
            let got: BTreeSet<String> = serde_json::from_value(v).expect("slugs");
            if got == want { Ok(()) } else { Err(format!("highlighted {got:?}, expected {want:?}")) }
        })
        .await;

        // A card under the pointer highlights its marker; so does a card with the focus.
        let other = "naturstation-botnang";
        let highlighted = async || -> BTreeSet<String> {
            let v = b
                .js(
                    "return Array.from(document.querySelectorAll('#karte .karte-marker-hervorgehoben'))
                       .map(m => m.getAttribute('data-slug'));",
                    vec![],
                )
                .await;
            serde_json::from_value(v).expect("slugs")
        };
        let card = format!("#trefferliste > li[data-slug='{other}'] .karte-titel");
        b.wait_for(
            "the marker of the card under the pointer highlighted",
            async || {
                // Pointing again on every try: a late layout shift (the pop-up closing, the
                // list settling) can move another card under a pointer that stood still.
                b.hover(&card).await;
                let got = highlighted().await;
                if got == set(&[other]) {
                    Ok(())
                } else {
                    Err(format!("highlighted {got:?}"))
                }
            },
        )
        .await;
        b.hover("h1").await;
        b.wait_for(
            "no marker highlighted once the pointer left the list",
            async || {
                let got = highlighted().await;
                if got.is_empty() {
                    Ok(())
                } else {
                    Err(format!("highlighted {got:?}"))
                }
            },
        )
        .await;
        b.js(
            "document.querySelector(`#trefferliste > li[data-slug='${arguments[0]}'] a`).focus();",
            vec![json!(other)],
        )
        .await;
        b.wait_for("the marker of the focused card highlighted", async || {
            let got = highlighted().await;
            if got == set(&[other]) {
                Ok(())
            } else {
                Err(format!("highlighted {got:?}"))
            }
        })
        .await;

        // "Auf der Karte zeigen" in a card opens the place's pop-up.
        let button = format!("#trefferliste > li[data-slug='{other}'] .karte-zeigen");
        b.click(&button).await;
        b.wait_for("the pop-up of the card's place", async || {
            let (href, _) = wait_for_popup(b).await;
            if href.ends_with(&format!("/lernorte/{other}/")) {
                Ok(())
            } else {
                Err(href)
            }
        })
        .await;

        // Text and filters together; no result shows no marker.
        b.type_into(SEARCH_FIELD, "Mühle").await;
        b.wait_for_results("no result for Mühle in Degerloch and Botnang", |s| {
            if s.treffer.is_empty() && s.q_param.as_deref() == Some("Mühle") {
                Ok(())
            } else {
                Err("results".into())
            }
        })
        .await;
        wait_for_places(b, 0).await;
        assert_eq!(b.console_errors().await, Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------------
// Small maps
// ---------------------------------------------------------------------------------------------

/// A place page shows its location (one marker, named, not a button); a district page
/// outlines its district and shows its places; a mobile place has no map.
#[test]
fn kleine_karten() {
    browser_test("kleine_karten", FIXTURE, async |b| {
        let places = places();
        let place = &places["alte-muehle-koerschtal"];
        b.goto(&format!("/lernorte/{}/", place.slug)).await;
        let s = b
            .wait_for("the place's marker", async || {
                let s = map_state(b).await;
                if s.count() == Some(1) {
                    Ok(s)
                } else {
                    Err(format!("{s:?}"))
                }
            })
            .await;
        assert!(s.consent_box);
        let label = b
            .js(
                "const m = document.querySelector('#karte .leaflet-marker-pane .leaflet-marker-icon');
                 return [m.getAttribute('role'), m.getAttribute('aria-label'), m.getAttribute('tabindex')];",
                vec![],
            )
            .await;
        assert_eq!(
            label,
            json!(["img", format!("Lage von {}", place.name), Value::Null]),
            "the single marker is an image with a name, not a control"
        );

        let in_degerloch: BTreeSet<String> = places
            .values()
            .filter(|p| p.located && p.bezirk.as_deref() == Some("degerloch"))
            .map(|p| p.slug.clone())
            .collect();
        assert_eq!(in_degerloch.len(), 2);
        b.goto("/bezirke/degerloch/").await;
        wait_for_places(b, in_degerloch.len()).await;
        assert_eq!(
            b.count("#karte .leaflet-overlay-pane path[stroke-width='4']")
                .await,
            1,
            "the district's own outline is drawn thicker"
        );

        b.goto("/lernorte/imkerei-unterwegs/").await;
        b.wait_for_element("h1").await;
        assert_eq!(b.count("#karte").await, 0, "a mobile place has no map");
        assert_eq!(b.console_errors().await, Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------------
// "In meiner Nähe"
// ---------------------------------------------------------------------------------------------

/// Only on click the position is asked for; with it the map centres there, marks it, and the
/// search lists the nearest results first; without permission a German message says why.
#[test]
fn in_meiner_naehe() {
    browser_test("in_meiner_naehe", FIXTURE, async |b| {
        // The Sternwarte in Bad Cannstatt (48.8087, 9.22303).
        b.goto("/karte/").await;
        wait_for_places(b, located().len()).await;
        b.cdp(
            "Browser.grantPermissions",
            json!({ "origin": b.origin(), "permissions": ["geolocation"] }),
        )
        .await;
        b.cdp(
            "Emulation.setGeolocationOverride",
            json!({ "latitude": 48.8086, "longitude": 9.2229, "accuracy": 20 }),
        )
        .await;
        b.click("#in-meiner-naehe").await;
        b.wait_for("the position marked and the nearest places listed", async || {
            let v = b
                .js(
                    "return {
                       standort: document.querySelectorAll('#karte .karte-standort[aria-label=\"Ihr Standort\"]').length,
                       erste: (document.querySelector('.naechste-orte a') || {}).getAttribute?.('href') || null,
                       meldung: document.querySelector('#standort-meldung').textContent,
                     };",
                    vec![],
                )
                .await;
            if v["standort"] == 1 && v["erste"] == "/lernorte/sternwarte-cannstatt/" {
                Ok(())
            } else {
                Err(v.to_string())
            }
        })
        .await;

        // The search page sorts by distance.
        b.goto("/suche/").await;
        b.wait_for_results("all results", |_| Ok(())).await;
        b.click("#in-meiner-naehe").await;
        let s = b
            .wait_for_results("the nearest first", |s| {
                if s.anzahl
                    .as_deref()
                    .is_some_and(|a| a.contains("die nächsten zuerst"))
                {
                    Ok(())
                } else {
                    Err("not sorted by distance".into())
                }
            })
            .await;
        let first = &s.treffer[0];
        let first_place = if first.kind.as_deref() == Some("offer") {
            offer_places()[&first.slug].clone()
        } else {
            first.slug.clone()
        };
        assert_eq!(
            first_place, "sternwarte-cannstatt",
            "first result {first:?}"
        );

        // Denied.
        b.cdp(
            "Browser.setPermission",
            json!({ "origin": b.origin(), "permission": { "name": "geolocation" }, "setting": "denied" }),
        )
        .await;
        b.goto("/karte/").await;
        wait_for_places(b, located().len()).await;
        b.click("#in-meiner-naehe").await;
        b.wait_for("a message that the position is not allowed", async || {
            let t = b
                .find("#standort-meldung")
                .await
                .text()
                .await
                .unwrap_or_default();
            if t.contains("nicht erlaubt") {
                Ok(())
            } else {
                Err(t)
            }
        })
        .await;
        assert_eq!(b.count("#karte .karte-standort").await, 0);
    });
}

// ---------------------------------------------------------------------------------------------
// axe-core
// ---------------------------------------------------------------------------------------------

/// No WCAG 2.1 A/AA violation that axe-core finds on pages with a map, before consent, with a
/// pop-up open, and on the small maps.
#[test]
fn karten_ohne_axe_verstoesse() {
    let test = "karten_ohne_axe_verstoesse";
    let Some(axe) = axe_or_skip(test) else {
        return;
    };
    browser_test(test, FIXTURE, async |b| {
        let n = located().len();
        b.goto("/karte/").await;
        let s = wait_for_places(b, n).await;
        assert!(s.consent_box);
        let v = b.axe(&axe).await;
        assert!(v.is_empty(), "/karte/ before consent:\n{}", describe(&v));

        let slug = s.markers[0].slug.clone().unwrap();
        b.click(&marker_css(&slug)).await;
        wait_for_popup(b).await;
        b.wait_for("the pop-up faded in", async || {
            let o = b
                .js("return getComputedStyle(document.querySelector('#karte .leaflet-popup')).opacity;", vec![])
                .await;
            if o == "1" { Ok(()) } else { Err(format!("opacity {o}")) }
        })
        .await;
        let v = b.axe(&axe).await;
        assert!(v.is_empty(), "/karte/ with a pop-up:\n{}", describe(&v));

        for path in ["/lernorte/alte-muehle-koerschtal/", "/bezirke/degerloch/"] {
            b.goto(path).await;
            b.wait_for_element("#karte[data-marker-count]").await;
            let v = b.axe(&axe).await;
            assert!(v.is_empty(), "{path}:\n{}", describe(&v));
        }

        b.goto("/suche/?bezirk=degerloch").await;
        b.wait_for_results("results", |_| Ok(())).await;
        wait_for_places(b, 2).await;
        let v = b.axe(&axe).await;
        assert!(v.is_empty(), "/suche/ with its map:\n{}", describe(&v));
    });
}
