//! Real-browser tests of the coverage page `/netzwerk/abdeckung/` (`js/abdeckung.js` with the
//! vendored Leaflet): the districts' shading agrees with the table for the measure chosen in the
//! `<select>`, the numbers are in each district's label and tooltip, the table sorts by its
//! headers, no request leaves the site (the map has no tiles), and axe-core finds nothing.
//!
//! Fixture: `tests/fixtures/abdeckung` (see `tests/abdeckung.rs` for its numbers).
//!
//! Run: `LERNORTE_BROWSER_TESTS=1 cargo test --test browser_abdeckung`. Needs Debian's
//! `chromium` and `chromium-driver`, and for the axe test
//! `npm ci --prefix tests/browser_support/axe`; without them the tests skip themselves, unless
//! `LERNORTE_BROWSER_TESTS=1`.

mod browser_support;
mod common;

use browser_support::axe::{axe_or_skip, describe};
use browser_support::{Browser, Session, browser_test, browser_test_with};
use serde::Deserialize;
use serde_json::json;

const FIXTURE: &str = "abdeckung";
const PAGE: &str = "/netzwerk/abdeckung/";

/// What the page shows for one district: its shape on the map, its row in the table, and the
/// legend entry of the shape's class.
#[derive(Debug, Clone, Deserialize)]
struct District {
    /// `data-wert` of the shape.
    wert: Option<String>,
    /// `data-klasse` of the shape.
    klasse: Option<String>,
    /// The shape's `fill`.
    fill: Option<String>,
    label: Option<String>,
    /// The table's cell of the measure.
    zelle: Option<String>,
    /// The legend entry of the shape's class: its colour and its text ("0", "2–4").
    legende_farbe: Option<String>,
    legende_text: Option<String>,
}

const DISTRICT: &str = r#"
const [slug, kennzahl] = arguments;
const pfad = document.querySelector(`#abdeckung-karte path.abdeckung-bezirk[data-bezirk="${slug}"]`);
const zelle = document.querySelector(`#abdeckung-tabelle tr[data-bezirk="${slug}"] td[data-kennzahl="${kennzahl}"]`);
const klasse = pfad && pfad.getAttribute('data-klasse');
const li = klasse === null ? null : document.querySelector(`#abdeckung-legende li[data-klasse="${klasse}"]`);
return {
  wert: pfad && pfad.getAttribute('data-wert'),
  klasse,
  fill: pfad && pfad.getAttribute('fill'),
  label: pfad && pfad.getAttribute('aria-label'),
  zelle: zelle && zelle.textContent.trim(),
  legende_farbe: li && li.getAttribute('data-farbe'),
  legende_text: li && li.querySelector('.abdeckung-klasse').textContent.trim(),
};
"#;

async fn district(b: &Browser, slug: &str, kennzahl: &str) -> District {
    serde_json::from_value(b.js(DISTRICT, vec![json!(slug), json!(kennzahl)]).await)
        .expect("district state")
}

/// The range a legend text names ("3" or "2–4").
fn range(text: &str) -> (u64, u64) {
    let parse = |t: &str| {
        t.trim()
            .parse::<u64>()
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    };
    match text.split_once('–') {
        Some((a, b)) => (parse(a), parse(b)),
        None => (parse(text), parse(text)),
    }
}

/// Waits until the map shows `kennzahl`, then checks for each of `districts` (slug, the number
/// the fixture gives it) that the shape, the table and the legend agree. Returns the fills.
async fn map_agrees_with_table(
    b: &Browser,
    kennzahl: &str,
    name: &str,
    districts: &[(&str, u64)],
) -> Vec<String> {
    b.wait_for(&format!("the map shows {kennzahl}"), async || {
        let v = b
            .js(
                "const k = document.querySelector('#abdeckung-karte');
                 return [k && k.getAttribute('data-kennzahl'),
                         document.querySelectorAll('#abdeckung-karte path.abdeckung-bezirk[data-wert]').length];",
                vec![],
            )
            .await;
        if v[0] == kennzahl && v[1] == 23 {
            Ok(())
        } else {
            Err(format!("{v}"))
        }
    })
    .await;
    let mut fills = Vec::new();
    for &(slug, number) in districts {
        let d = district(b, slug, kennzahl).await;
        let want = number.to_string();
        assert_eq!(
            d.zelle.as_deref(),
            Some(want.as_str()),
            "{slug} table: {d:?}"
        );
        assert_eq!(d.wert.as_deref(), Some(want.as_str()), "{slug} map: {d:?}");
        assert!(d.klasse.is_some(), "{slug} has a class: {d:?}");
        let fill = d
            .fill
            .clone()
            .unwrap_or_else(|| panic!("{slug} has no fill"));
        assert_eq!(
            d.legende_farbe.as_deref(),
            Some(fill.as_str()),
            "{slug}: the shape has the colour of its legend class: {d:?}"
        );
        let (von, bis) = range(d.legende_text.as_deref().unwrap_or_default());
        assert!(
            (von..=bis).contains(&number),
            "{slug}: {number} is not in its legend class {von}–{bis}: {d:?}"
        );
        let label = d.label.clone().unwrap_or_default();
        assert!(
            label.contains(name) && label.ends_with(&format!(" {number}")),
            "{slug}: the label names measure and number: {label:?}"
        );
        fills.push(fill);
    }
    let title = b
        .js(
            "return document.querySelector('#abdeckung-legende-titel').textContent;",
            vec![],
        )
        .await;
    assert_eq!(title, format!("{name} je Stadtbezirk"));
    let active = b
        .js(
            "return Array.from(document.querySelectorAll('#abdeckung-tabelle td.aktiv'), td => td.getAttribute('data-kennzahl'));",
            vec![],
        )
        .await;
    let active: Vec<String> = serde_json::from_value(active).expect("list");
    assert_eq!(active.len(), 25, "the measure's column is marked");
    assert!(active.iter().all(|k| k == kennzahl), "{active:?}");
    fills
}

async fn choose(b: &Browser, kennzahl: &str) {
    b.find("#abdeckung-kennzahl")
        .await
        .select_by_value(kennzahl)
        .await
        .unwrap_or_else(|e| panic!("choose {kennzahl}: {e}"));
}

fn foreign(b: &Browser, urls: Vec<String>) -> Vec<String> {
    let own = format!("{}/", b.origin());
    urls.into_iter()
        .filter(|u| !u.starts_with(&own) && !u.starts_with("data:"))
        .collect()
}

/// Moves the keyboard focus onto a district's shape (WebDriver focuses the element it sends a
/// key to, here Shift, which does nothing else) and returns the text of the tooltip that the
/// shape is then described by.
async fn tooltip_on_focus(b: &Browser, slug: &str) -> String {
    let css = format!("#abdeckung-karte path[data-bezirk=\"{slug}\"]");
    b.find(&css)
        .await
        .send_keys(SHIFT)
        .await
        .unwrap_or_else(|e| panic!("focus {css}: {e}"));
    b.wait_for(&format!("the tooltip of {slug}"), async || {
        let v = b
            .js(
                "const a = document.activeElement;
                 const id = a && a.getAttribute('aria-describedby');
                 const tip = id && document.getElementById(id);
                 return [a && a.getAttribute('data-bezirk'), tip ? tip.textContent : null];",
                vec![],
            )
            .await;
        match (v[0].as_str(), v[1].as_str()) {
            (Some(s), Some(text)) if s == slug => Ok(text.to_string()),
            _ => Err(format!("{v}")),
        }
    })
    .await
}

const SHIFT: &str = "\u{E008}";

/// The slugs of the table's body rows, in order.
async fn row_order(b: &Browser) -> Vec<String> {
    let v = b
        .js(
            "return Array.from(document.querySelectorAll('#abdeckung-tabelle tbody tr'), tr => tr.getAttribute('data-bezirk'));",
            vec![],
        )
        .await;
    serde_json::from_value(v).expect("list")
}

/// Switching the measure reshades the map so that for two districts the shape, the table and
/// the legend agree; a district's number is in its tooltip; the table sorts by a header (with
/// `aria-sort`); and nothing is requested from another host.
#[test]
fn karte_und_tabelle_zeigen_dieselben_zahlen() {
    let session = Session { network_log: true };
    browser_test_with(
        "karte_und_tabelle_zeigen_dieselben_zahlen",
        FIXTURE,
        session,
        async |b| {
            b.goto(PAGE).await;
            b.wait_for_element("#abdeckung-kartenteil:not([hidden])")
                .await;
            assert_eq!(
                b.count("#abdeckung-karte path.abdeckung-bezirk").await,
                23,
                "one shape per district"
            );

            // Places: Mitte has 4, Botnang only the 2 mobile providers.
            let fills =
                map_agrees_with_table(b, "lernorte", "Lernorte", &[("mitte", 4), ("botnang", 2)])
                    .await;
            assert_ne!(fills[0], fills[1], "different classes, different colours");

            // Free offers for Familien: only Mitte has one; Botnang is a gap.
            choose(b, "kostenlos_fuer_familien").await;
            let fills = map_agrees_with_table(
                b,
                "kostenlos_fuer_familien",
                "Kostenlose Angebote für Familien",
                &[("mitte", 1), ("botnang", 0)],
            )
            .await;
            assert_ne!(fills[0], fills[1]);
            let query = b.js("return location.search;", vec![]).await;
            assert_eq!(query, "?kennzahl=kostenlos_fuer_familien");

            // Offers in other languages: Degerloch 2, Vaihingen 1.
            choose(b, "angebote_andere_sprachen").await;
            map_agrees_with_table(
                b,
                "angebote_andere_sprachen",
                "Angebote in anderen Sprachen",
                &[("degerloch", 2), ("vaihingen", 1)],
            )
            .await;

            // The number on focus, in the district's tooltip.
            let tip = tooltip_on_focus(b, "degerloch").await;
            assert!(
                tip.contains("Degerloch") && tip.contains("Angebote in anderen Sprachen: 2"),
                "{tip}"
            );

            // Sorting: ascending, then descending; equal numbers keep the district order.
            let by_number = row_order(b).await;
            assert_eq!(by_number[0], "mitte");
            b.click("#abdeckung-tabelle th[data-kennzahl=\"angebote\"] button")
                .await;
            let sort = b
                .js(
                    "return document.querySelector('#abdeckung-tabelle th[data-kennzahl=\"angebote\"]').getAttribute('aria-sort');",
                    vec![],
                )
                .await;
            assert_eq!(sort, "ascending");
            let ascending = row_order(b).await;
            assert_eq!(&ascending[..2], ["nord", "ost"], "{ascending:?}");
            assert_eq!(
                &ascending[20..],
                ["bad-cannstatt", "degerloch", "mitte"],
                "{ascending:?}"
            );
            b.click("#abdeckung-tabelle th[data-kennzahl=\"angebote\"] button")
                .await;
            let descending = row_order(b).await;
            assert_eq!(
                &descending[..3],
                ["mitte", "degerloch", "bad-cannstatt"],
                "{descending:?}"
            );
            let status = b
                .js(
                    "return document.querySelector('#abdeckung-sortierung').textContent;",
                    vec![],
                )
                .await;
            assert_eq!(
                status,
                "Die Tabelle ist nach „Angebote: alle“ sortiert, absteigend."
            );
            // Another header takes over.
            b.click("#abdeckung-tabelle th[data-kennzahl=\"name\"] button")
                .await;
            let sorted = b
                .js(
                    "return Array.from(document.querySelectorAll('#abdeckung-tabelle th[aria-sort]'), th => th.getAttribute('data-kennzahl'));",
                    vec![],
                )
                .await;
            assert_eq!(sorted, json!(["name"]));
            let by_name = row_order(b).await;
            assert_eq!(&by_name[..3], ["bad-cannstatt", "birkach", "botnang"]);
            // The map does not care about the table's order.
            map_agrees_with_table(
                b,
                "angebote_andere_sprachen",
                "Angebote in anderen Sprachen",
                &[("degerloch", 2), ("vaihingen", 1)],
            )
            .await;

            assert_eq!(b.console_errors().await, Vec::<String>::new());
            assert_eq!(
                foreign(b, b.resource_urls().await),
                Vec::<String>::new(),
                "resources"
            );
            assert_eq!(
                foreign(b, b.network_requests().await),
                Vec::<String>::new(),
                "no request left 127.0.0.1"
            );
        },
    );
}

/// A measure named in the address is shown right away.
#[test]
fn kennzahl_aus_der_adresse() {
    browser_test("kennzahl_aus_der_adresse", FIXTURE, async |b| {
        b.goto(&format!("{PAGE}?kennzahl=angebote_fuer_sek2")).await;
        map_agrees_with_table(
            b,
            "angebote_fuer_sek2",
            "Angebote für Sekundarstufe II",
            &[("degerloch", 1), ("mitte", 0)],
        )
        .await;
        let selected = b
            .js(
                "return document.querySelector('#abdeckung-kennzahl').value;",
                vec![],
            )
            .await;
        assert_eq!(selected, "angebote_fuer_sek2");
    });
}

/// No WCAG 2.0/2.1 A/AA violation that axe-core finds: as loaded, with another measure, with a
/// tooltip open, and sorted.
#[test]
fn abdeckung_ohne_axe_verstoesse() {
    let test = "abdeckung_ohne_axe_verstoesse";
    let Some(axe) = axe_or_skip(test) else {
        return;
    };
    browser_test(test, FIXTURE, async |b| {
        b.goto(PAGE).await;
        map_agrees_with_table(b, "lernorte", "Lernorte", &[("mitte", 4)]).await;
        let v = b.axe(&axe).await;
        assert!(v.is_empty(), "as loaded:\n{}", describe(&v));

        choose(b, "kostenlos_fuer_grundschule").await;
        map_agrees_with_table(
            b,
            "kostenlos_fuer_grundschule",
            "Kostenlose Angebote für Grundschule",
            &[("mitte", 3), ("west", 1)],
        )
        .await;
        let tip = tooltip_on_focus(b, "mitte").await;
        assert!(
            tip.contains("Kostenlose Angebote für Grundschule: 3"),
            "{tip}"
        );
        let v = b.axe(&axe).await;
        assert!(
            v.is_empty(),
            "another measure, tooltip open:\n{}",
            describe(&v)
        );

        b.click("#abdeckung-tabelle th[data-kennzahl=\"lernorte\"] button")
            .await;
        let v = b.axe(&axe).await;
        assert!(v.is_empty(), "sorted:\n{}", describe(&v));
    });
}
