//! The calendars, the Atom feed and the open data of the fixture site `tests/fixtures/daten`,
//! read back with independent parsers: `icalendar` for the `.ics` files, `atom_syndication`
//! for the feed, `csv` and `serde_json` for the data. The fixture has a place whose name holds
//! `;`, `,`, both kinds of quotes and umlauts, an offer title over 75 octets with `,`, `;` and
//! a backslash, dates on both sides of the daylight saving changes, a mobile place and an offer
//! without dates.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use common::*;
use icalendar::parser::{Component, read_calendar_simple, unfold};
use scraper::Html;
use serde_json::Value;
use serde_yaml::Value as Yaml;

fn fixture() -> TestSite {
    TestSite::fixture("daten")
}

fn fixture_file(rel: &str) -> String {
    let path = repo_root().join("tests/fixtures/daten").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A key of a place file or of an offer's front matter in the fixture.
fn fixture_value(rel: &str, key: &str) -> String {
    let text = fixture_file(rel);
    let yaml = match text.strip_prefix("---\n") {
        Some(rest) => rest[..rest.find("\n---\n").expect("end of front matter") + 1].to_string(),
        None => text,
    };
    let v: Yaml = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{rel}: {e}"));
    match &v[key] {
        Yaml::String(s) => s.clone(),
        other => panic!("{rel}: {key} is {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

/// The text of the single value of property `name` of a component.
fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a str> {
    c.properties
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str())
}

fn param<'a>(c: &'a Component<'a>, name: &str, key: &str) -> Option<&'a str> {
    c.properties
        .iter()
        .find(|p| p.name.as_str() == name)?
        .params
        .iter()
        .find(|p| p.key.as_str() == key)?
        .val
        .as_ref()
        .map(|v| v.as_str())
}

/// Parses a calendar and hands its top-level components to `f`.
fn with_calendar<T>(text: &str, f: impl FnOnce(&[Component]) -> T) -> T {
    let unfolded = unfold(text);
    let roots =
        read_calendar_simple(&unfolded).unwrap_or_else(|e| panic!("not iCalendar: {e:?}\n{text}"));
    assert_eq!(roots.len(), 1, "one VCALENDAR");
    let vcal = &roots[0];
    assert_eq!(vcal.name.as_str(), "VCALENDAR");
    assert_eq!(prop(vcal, "VERSION"), Some("2.0"));
    assert_eq!(prop(vcal, "CALSCALE"), Some("GREGORIAN"));
    assert!(prop(vcal, "PRODID").is_some_and(|p| !p.is_empty()));
    assert!(prop(vcal, "X-WR-CALNAME").is_some_and(|p| !p.is_empty()));
    // The typed model accepts it as well.
    let typed = icalendar::Calendar::from_str(text).expect("icalendar::Calendar");
    assert_eq!(
        typed.events().count(),
        vcal.components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .count()
    );
    f(&vcal.components)
}

fn events<'a>(components: &'a [Component<'a>]) -> Vec<&'a Component<'a>> {
    components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect()
}

/// The first `,` or `;` in a raw TEXT value that no backslash escapes.
fn unescaped_separator(raw: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' | ';' => return Some(i),
            _ => {}
        }
    }
    None
}

fn ics_paths(out: &Output) -> Vec<String> {
    out.paths()
        .into_iter()
        .filter(|p| p.ends_with(".ics"))
        .map(String::from)
        .collect()
}

#[test]
fn calendar_has_one_event_per_date_in_local_time() {
    let out = fixture().build();
    let site = &out.built.site;
    let dates: usize = site.offers.iter().map(|o| o.termine.len()).sum();
    assert_eq!(dates, 4, "the fixture's dates");
    with_calendar(&out.text("angebote.ics"), |components| {
        let events = events(components);
        assert_eq!(events.len(), dates);
        let mut starts: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
        for e in &events {
            assert_eq!(param(e, "DTSTART", "TZID"), Some("Europe/Berlin"));
            if prop(e, "DTEND").is_some() {
                assert_eq!(param(e, "DTEND", "TZID"), Some("Europe/Berlin"));
            }
            let dtstamp = prop(e, "DTSTAMP").expect("DTSTAMP");
            assert!(dtstamp.ends_with('Z') && dtstamp.len() == 16, "{dtstamp}");
            for required in ["UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL"] {
                assert!(prop(e, required).is_some(), "{required} missing");
            }
            let uid = prop(e, "UID").unwrap().to_string();
            starts.insert(
                uid,
                (
                    prop(e, "DTSTART").unwrap().to_string(),
                    prop(e, "DTEND").map(String::from),
                ),
            );
        }
        let expected: BTreeMap<String, (String, Option<String>)> = [
            // 90 minutes: DTEND.
            (
                "hoffest-20270115T0900@example.org",
                "20270115T090000",
                Some("20270115T103000"),
            ),
            (
                "hoffest-20270703T1430@example.org",
                "20270703T143000",
                Some("20270703T160000"),
            ),
            // No duration: no DTEND.
            (
                "bienen-besuch-20270328T1000@example.org",
                "20270328T100000",
                None,
            ),
            (
                "waldfuehrung-20261031T1000@example.org",
                "20261031T100000",
                Some("20261031T120000"),
            ),
        ]
        .into_iter()
        .map(|(u, s, e)| (u.to_string(), (s.to_string(), e.map(String::from))))
        .collect();
        assert_eq!(starts, expected);
    });
}

#[test]
fn calendar_has_the_europe_berlin_time_zone() {
    let out = fixture().build();
    with_calendar(&out.text("angebote.ics"), |components| {
        let tz: Vec<&Component> = components
            .iter()
            .filter(|c| c.name.as_str() == "VTIMEZONE")
            .collect();
        assert_eq!(tz.len(), 1);
        assert_eq!(prop(tz[0], "TZID"), Some("Europe/Berlin"));
        let rule = |name: &str| -> (Option<&str>, Option<&str>, Option<&str>) {
            let sub = tz[0]
                .components
                .iter()
                .find(|c| c.name.as_str() == name)
                .unwrap_or_else(|| panic!("{name} missing"));
            (
                prop(sub, "TZOFFSETFROM"),
                prop(sub, "TZOFFSETTO"),
                prop(sub, "RRULE"),
            )
        };
        assert_eq!(
            rule("DAYLIGHT"),
            (
                Some("+0100"),
                Some("+0200"),
                Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
            )
        );
        assert_eq!(
            rule("STANDARD"),
            (
                Some("+0200"),
                Some("+0100"),
                Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
            )
        );
    });
}

#[test]
fn calendar_text_with_separators_quotes_and_line_breaks_round_trips() {
    let out = fixture().build();
    let titel = fixture_value("content/angebote/hoffest.md", "titel");
    let place_name = fixture_value("places/hof-zur-linde.yaml", "name");
    assert!(titel.len() > 75 && titel.contains(',') && titel.contains(';'));
    assert!(titel.contains('\\'));
    assert!(place_name.contains(';') && place_name.contains('"') && place_name.contains('ü'));
    let offers: Value = serde_json::from_str(&out.text("daten/angebote.json")).expect("JSON");
    let auszug = offers["angebote"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kuerzel"] == "hoffest")
        .expect("hoffest in angebote.json")["auszug"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(auszug.contains(',') && auszug.contains(';'), "{auszug}");
    for path in ["angebote.ics", "angebote/hoffest/termine.ics"] {
        // A lenient parser reads a bare `,` or `;` in a single TEXT value back as it was, so
        // the escapes are checked in the raw lines too.
        let raw = unfold(&out.text(path));
        for line in raw.lines().filter(|l| {
            ["SUMMARY:", "DESCRIPTION:", "LOCATION:"]
                .iter()
                .any(|p| l.starts_with(p))
        }) {
            let value = &line[line.find(':').unwrap() + 1..];
            assert_eq!(unescaped_separator(value), None, "{path}: {line}");
        }
        with_calendar(&out.text(path), |components| {
            let hoffest: Vec<&Component> = events(components)
                .into_iter()
                .filter(|e| prop(e, "UID").is_some_and(|u| u.starts_with("hoffest-")))
                .collect();
            assert_eq!(hoffest.len(), 2, "{path}");
            for e in hoffest {
                assert_eq!(prop(e, "SUMMARY"), Some(titel.as_str()), "{path}");
                assert_eq!(
                    prop(e, "DESCRIPTION").map(String::from),
                    Some(format!(
                        "{auszug}\n\nLernort: {place_name}\nhttps://example.org/angebote/hoffest/"
                    )),
                    "{path}"
                );
                assert_eq!(
                    prop(e, "LOCATION").map(String::from),
                    Some(format!("{place_name}, Lindenstraße 1, 70173 Stuttgart")),
                    "{path}"
                );
                assert_eq!(prop(e, "GEO"), Some("48.7784;9.18"));
                assert_eq!(
                    prop(e, "URL"),
                    Some("https://example.org/angebote/hoffest/")
                );
            }
        });
    }
    // The mobile place has no fixed location.
    with_calendar(
        &out.text("angebote/bienen-besuch/termine.ics"),
        |components| {
            let e = events(components)[0];
            assert!(prop(e, "LOCATION").unwrap().contains("stadtweit"));
            assert_eq!(prop(e, "GEO"), None);
        },
    );
}

#[test]
fn calendar_lines_end_with_crlf_and_are_folded_at_75_octets() {
    let out = fixture().build();
    let mut folded = 0;
    for path in ics_paths(&out) {
        let bytes = &out.files[&path];
        assert!(bytes.ends_with(b"END:VCALENDAR\r\n"), "{path}");
        // Without the last LF, so that every piece split at LF ends with its CR.
        let body = &bytes[..bytes.len() - 1];
        for (i, line) in body.split(|&b| b == b'\n').enumerate() {
            let line = line
                .strip_suffix(b"\r")
                .unwrap_or_else(|| panic!("{path}: line {} does not end with CRLF", i + 1));
            assert!(!line.contains(&b'\r'), "{path}: bare CR in line {}", i + 1);
            assert!(
                line.len() <= 75,
                "{path}: line {} has {} octets",
                i + 1,
                line.len()
            );
            // A fold never splits a character: every physical line is UTF-8 by itself.
            std::str::from_utf8(line).unwrap_or_else(|e| {
                panic!("{path}: line {} is cut inside a character: {e}", i + 1)
            });
            if line.starts_with(b" ") {
                folded += 1;
            }
        }
    }
    assert!(folded > 0, "some line is long enough to be folded");
}

#[test]
fn calendars_are_byte_identical_across_builds_with_stable_uids() {
    let site = fixture();
    let first = site.build();
    // Another day: nothing in the data files may depend on the clock.
    let mut options = site.options();
    options.today = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let second = build_ok(&options);
    let data: Vec<String> = first
        .paths()
        .into_iter()
        .filter(|p| {
            p.ends_with(".ics")
                || p.starts_with("daten/") && !p.ends_with(".html")
                || *p == "feed.xml"
        })
        .map(String::from)
        .collect();
    assert!(data.len() >= 8, "{data:?}");
    for path in &data {
        // The coverage table counts the offers with a date in the next 90 days: that column,
        // and only that one, follows the day of the build.
        if path == "daten/abdeckung.csv" {
            let without_dates = |bytes: &[u8]| -> Vec<String> {
                String::from_utf8_lossy(bytes)
                    .lines()
                    .map(|l| l.rsplit_once(';').map_or(l, |(rest, _)| rest).to_string())
                    .collect()
            };
            let header = first.text(path);
            assert!(
                header
                    .lines()
                    .next()
                    .is_some_and(|l| l.ends_with(";angebote_termine_90_tage")),
                "{header}"
            );
            assert_eq!(
                without_dates(&first.files[path]),
                without_dates(&second.files[path]),
                "{path} differs beyond its 90-day column"
            );
            continue;
        }
        assert_eq!(first.files[path], second.files[path], "{path} differs");
    }
    with_calendar(&first.text("angebote.ics"), |components| {
        let uids: Vec<&str> = events(components)
            .iter()
            .map(|e| prop(e, "UID").unwrap())
            .collect();
        let unique: BTreeSet<&&str> = uids.iter().collect();
        assert_eq!(unique.len(), uids.len(), "UIDs are unique: {uids:?}");
    });
}

#[test]
fn each_offer_with_dates_has_its_calendar_linked_from_its_page() {
    let out = fixture().build();
    let site = &out.built.site;
    let expected: BTreeSet<String> = site
        .offers
        .iter()
        .filter(|o| !o.termine.is_empty())
        .map(|o| format!("angebote/{}/termine.ics", o.slug))
        .chain(["angebote.ics".to_string()])
        .collect();
    assert_eq!(
        ics_paths(&out).into_iter().collect::<BTreeSet<_>>(),
        expected
    );
    for o in &site.offers {
        let doc = out.html(&format!("angebote/{}/index.html", o.slug));
        let links: Vec<String> = doc
            .select(&sel("main a[download]"))
            .filter(|a| a.value().attr("href").is_some_and(|h| h.ends_with(".ics")))
            .map(|a| format!("{} {}", a.value().attr("href").unwrap(), text_of(a)))
            .collect();
        if o.termine.is_empty() {
            assert!(links.is_empty(), "{}: {links:?}", o.slug);
        } else {
            assert_eq!(
                links,
                [format!(
                    "/angebote/{}/termine.ics Termine in den Kalender übernehmen (.ics)",
                    o.slug
                )],
                "{}",
                o.slug
            );
            with_calendar(
                &out.text(&format!("angebote/{}/termine.ics", o.slug)),
                |c| {
                    assert_eq!(events(c).len(), o.termine.len(), "{}", o.slug);
                },
            );
        }
    }
    let listing = out.html("angebote/index.html");
    assert!(
        listing
            .select(&sel("main a[download][href=\"/angebote.ics\"]"))
            .next()
            .is_some(),
        "the offers listing links the calendar of all dates"
    );
}

// ---------------------------------------------------------------------------------------------
// Atom feed
// ---------------------------------------------------------------------------------------------

#[test]
fn atom_feed_lists_every_offer_newest_first() {
    let out = fixture().build();
    let text = out.text("feed.xml");
    let feed = atom_syndication::Feed::read_from(text.as_bytes())
        .unwrap_or_else(|e| panic!("not an Atom feed: {e}\n{text}"));
    assert_eq!(feed.id(), "https://example.org/feed.xml");
    assert!(!feed.title().as_str().is_empty());
    assert!(!feed.authors().is_empty(), "a feed-level author");
    let link = |rel: &str| {
        feed.links()
            .iter()
            .find(|l| l.rel() == rel)
            .map(|l| l.href().to_string())
    };
    assert_eq!(
        link("self").as_deref(),
        Some("https://example.org/feed.xml")
    );
    assert_eq!(
        link("alternate").as_deref(),
        Some("https://example.org/angebote/")
    );

    let site = &out.built.site;
    assert_eq!(feed.entries().len(), site.offers.len());
    // Places checked 2026-05-10 (Hof), 2026-04-01 (Bienenmobil), 2026-01-15 (Waldheim, two
    // offers, by title).
    let order: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(
        order,
        [
            "https://example.org/angebote/hoffest/",
            "https://example.org/angebote/bienen-besuch/",
            "https://example.org/angebote/waldfuehrung/",
            "https://example.org/angebote/waldtag/",
        ]
    );
    let updated: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.updated().to_rfc3339())
        .collect();
    assert_eq!(
        updated,
        [
            "2026-05-10T00:00:00+02:00",
            "2026-04-01T00:00:00+02:00",
            "2026-01-15T00:00:00+01:00",
            "2026-01-15T00:00:00+01:00",
        ]
    );
    assert_eq!(feed.updated(), feed.entries()[0].updated());
    for e in feed.entries() {
        let alternate: Vec<&str> = e
            .links()
            .iter()
            .filter(|l| l.rel() == "alternate")
            .map(|l| l.href())
            .collect();
        assert_eq!(alternate, [e.id()]);
        assert!(e.summary().is_some_and(|s| !s.as_str().is_empty()));
        assert!(
            e.categories()
                .iter()
                .any(|c| c.scheme() == Some("https://example.org/themen/")),
            "{}",
            e.id()
        );
    }
    let hoffest = &feed.entries()[0];
    assert_eq!(
        hoffest.title().as_str(),
        fixture_value("content/angebote/hoffest.md", "titel")
    );
    assert!(
        hoffest
            .categories()
            .iter()
            .any(|c| c.label() == Some("Bauernhof & Jugendfarm")),
        "labels are unescaped to their text"
    );
}

// ---------------------------------------------------------------------------------------------
// CSV and JSON
// ---------------------------------------------------------------------------------------------

const CSV_HEADER: [&str; 23] = [
    "kuerzel",
    "name",
    "kategorie",
    "traeger",
    "bezirk",
    "strasse",
    "plz",
    "ort",
    "lat",
    "lon",
    "mobil",
    "themen",
    "zielgruppen",
    "kostenlos",
    "kosten_hinweis",
    "rollstuhl",
    "wc",
    "sprachen",
    "web",
    "email",
    "telefon",
    "url",
    "geprueft_am",
];

fn csv_rows(out: &Output) -> Vec<BTreeMap<String, String>> {
    let bytes = &out.files["daten/lernorte.csv"];
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the CSV starts with a UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, CSV_HEADER);
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn csv_is_semicolon_separated_utf8_with_bom_and_round_trips_awkward_text() {
    let out = fixture().build();
    let bytes = &out.files["daten/lernorte.csv"];
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let first_line = text.split("\r\n").next().unwrap();
    assert_eq!(first_line, format!("\u{feff}{}", CSV_HEADER.join(";")));
    assert!(text.ends_with("\r\n"));

    let rows = csv_rows(&out);
    assert_eq!(rows.len(), out.built.site.places.len());
    let row = |slug: &str| {
        rows.iter()
            .find(|r| r["kuerzel"] == slug)
            .unwrap_or_else(|| panic!("no row {slug}"))
    };
    let hof = row("hof-zur-linde");
    assert_eq!(
        hof["name"],
        fixture_value("places/hof-zur-linde.yaml", "name")
    );
    assert_eq!(
        hof["kosten_hinweis"],
        "3 € pro Kind; Begleitpersonen frei.\nGruppen ab 20 Kindern: \"Hofpreis\" auf Anfrage."
    );
    assert_eq!(hof["kategorie"], "Bauernhof & Jugendfarm");
    assert_eq!(hof["bezirk"], "Mitte");
    assert_eq!(
        (hof["lat"].as_str(), hof["lon"].as_str()),
        ("48,7784", "9,18")
    );
    assert_eq!(hof["themen"], "Landwirtschaft, Ernährung");
    assert_eq!(hof["sprachen"], "de, tr");
    assert_eq!(
        (hof["kostenlos"].as_str(), hof["wc"].as_str()),
        ("nein", "nein")
    );
    assert_eq!(hof["rollstuhl"], "ja");
    assert_eq!(hof["url"], "https://example.org/lernorte/hof-zur-linde/");
    assert_eq!(hof["geprueft_am"], "2026-05-10");
    let mobile = row("bienenmobil");
    assert_eq!(mobile["mobil"], "ja");
    assert_eq!(
        (mobile["lat"].as_str(), mobile["bezirk"].as_str()),
        ("", "")
    );
    assert_eq!(mobile["wc"], "", "unknown stays empty");
}

fn json(out: &Output, path: &str) -> Value {
    serde_json::from_str(&out.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

#[test]
fn json_files_hold_every_record_with_absolute_urls() {
    let out = fixture().build();
    let site = &out.built.site;
    let places = json(&out, "daten/lernorte.json");
    assert_eq!(places["anzahl"], site.places.len());
    assert_eq!(places["stand"], "2026-05-10");
    assert_eq!(places["lizenz_url"], "https://www.govdata.de/dl-de/by-2-0");
    assert_eq!(places["herausgeber"], "Netzwerk Natur erleben Teststadt");
    let list = places["lernorte"].as_array().expect("lernorte");
    assert_eq!(list.len(), site.places.len());
    let hof = list
        .iter()
        .find(|p| p["kuerzel"] == "hof-zur-linde")
        .expect("hof");
    assert_eq!(
        hof["name"],
        fixture_value("places/hof-zur-linde.yaml", "name")
    );
    assert_eq!(hof["url"], "https://example.org/lernorte/hof-zur-linde/");
    assert_eq!(hof["lage"]["lat"], 48.7784);
    assert_eq!(hof["bezirk"]["kuerzel"], "mitte");
    assert_eq!(hof["angebote"], serde_json::json!(["hoffest"]));
    assert_eq!(
        keys(&hof["kontakt"]),
        ["email", "telefon", "web"],
        "no contact person's name in the export"
    );

    let offers = json(&out, "daten/angebote.json");
    let list = offers["angebote"].as_array().expect("angebote");
    assert_eq!(list.len(), site.offers.len());
    let offer = |slug: &str| {
        list.iter()
            .find(|o| o["kuerzel"] == slug)
            .unwrap_or_else(|| panic!("no offer {slug}"))
    };
    assert_eq!(
        offer("hoffest")["termine"],
        serde_json::json!(["2027-01-15T09:00:00+01:00", "2027-07-03T14:30:00+02:00"])
    );
    assert_eq!(
        offer("bienen-besuch")["termine"],
        serde_json::json!(["2027-03-28T10:00:00+02:00"])
    );
    assert_eq!(
        offer("waldfuehrung")["termine"],
        serde_json::json!(["2026-10-31T10:00:00+01:00"])
    );
    assert_eq!(
        offer("hoffest")["kalender"],
        "https://example.org/angebote/hoffest/termine.ics"
    );
    assert_eq!(offer("waldtag")["kalender"], Value::Null);
    assert_eq!(offer("waldtag")["nach_vereinbarung"], true);
    assert_eq!(
        offer("hoffest")["lernort"]["url"],
        "https://example.org/lernorte/hof-zur-linde/"
    );
}

// ---------------------------------------------------------------------------------------------
// The page /daten/
// ---------------------------------------------------------------------------------------------

/// The names in the first column of the fields' table of the section `id`.
fn documented(doc: &Html, id: &str) -> Vec<String> {
    let section = doc
        .select(&sel(&format!("section[aria-labelledby=\"{id}\"]")))
        .next()
        .unwrap_or_else(|| panic!("no section {id}"));
    section
        .select(&sel("table tbody th"))
        .map(text_of)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn data_page_documents_every_field_of_every_file() {
    let out = fixture().build();
    let doc = out.html("daten/index.html");
    assert_eq!(documented(&doc, "lernorte-csv"), CSV_HEADER);

    // Every key that occurs in any record of a list, sorted.
    let keys_of = |list: &Value, inner: fn(&Value) -> &Value| -> Vec<String> {
        let all: BTreeSet<String> = list
            .as_array()
            .expect("a list")
            .iter()
            .flat_map(|v| keys(inner(v)))
            .collect();
        all.into_iter().collect()
    };
    let places = json(&out, "daten/lernorte.json");
    let offers = json(&out, "daten/angebote.json");
    let geojson = json(&out, "lernorte.geojson");
    for (section, list, inner) in [
        (
            "lernorte-json",
            &places["lernorte"],
            (|v| v) as fn(&Value) -> &Value,
        ),
        ("angebote-json", &offers["angebote"], |v| v),
        (
            "lernorte-geojson",
            &geojson["features"],
            |f| &f["properties"],
        ),
    ] {
        assert_eq!(
            sorted(documented(&doc, section)),
            keys_of(list, inner),
            "{section}"
        );
    }
    // The keys around the list are named in the description.
    let meta: Vec<String> = keys(&places)
        .into_iter()
        .filter(|k| k != "lernorte")
        .collect();
    let page = out.text("daten/index.html");
    for k in meta {
        assert!(page.contains(&format!("„{k}“")), "{k} is not described");
    }
}

#[test]
fn data_page_links_every_file_and_has_dcat_metadata() {
    let out = fixture().build();
    let doc = out.html("daten/index.html");
    assert!(page_problems("daten/index.html", &out.text("daten/index.html")).is_empty());
    let downloads: BTreeSet<String> = doc
        .select(&sel("main a[download]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = [
        "/daten/lernorte.csv",
        "/daten/lernorte.json",
        "/daten/angebote.json",
        "/lernorte.geojson",
        "/angebote.ics",
        "/feed.xml",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(downloads, expected);
    for href in &downloads {
        assert!(out.has(&href[1..]), "{href} is not in the output");
    }
    let licence = doc
        .select(&sel("main a[href=\"https://www.govdata.de/dl-de/by-2-0\"]"))
        .map(text_of)
        .next();
    assert_eq!(
        licence.as_deref(),
        Some("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    );

    let script = doc
        .select(&sel("head script[type=\"application/ld+json\"]"))
        .map(|s| s.inner_html())
        .find(|s| s.contains("dcat:Dataset"))
        .expect("DCAT JSON-LD in the head");
    let ld: Value = serde_json::from_str(&script).expect("JSON-LD");
    assert_eq!(ld["@type"], "dcat:Dataset");
    assert_eq!(ld["dct:issued"]["@value"], "2026-05-01");
    assert_eq!(ld["dct:modified"]["@value"], "2026-05-10");
    assert_eq!(
        ld["dct:license"]["@id"],
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    );
    assert_eq!(
        ld["dct:publisher"]["foaf:name"],
        "Netzwerk Natur erleben Teststadt"
    );
    assert_eq!(
        ld["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:daten@example.org"
    );
    assert_eq!(ld["dct:spatial"]["skos:prefLabel"]["@value"], "Stuttgart");
    let distributions: BTreeSet<String> = ld["dcat:distribution"]
        .as_array()
        .expect("distributions")
        .iter()
        .map(|d| {
            assert!(d["dcat:mediaType"]["@id"].is_string(), "{d}");
            d["dcat:downloadURL"]["@id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        distributions,
        expected
            .iter()
            .map(|p| format!("https://example.org{p}"))
            .collect()
    );
    // The footer leads here from every page.
    let footer: Vec<String> = out
        .html("index.html")
        .select(&sel("footer a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(footer.contains(&"/daten/".to_string()), "{footer:?}");
}

#[test]
fn urls_follow_a_sub_path_base_url() {
    let site = fixture();
    let out = site.build_with_base_url("https://example.org/natur/");
    assert!(link_problems(&out.files, "/natur/").is_empty());
    let offers = json(&out, "daten/angebote.json");
    assert_eq!(
        offers["angebote"][0]["url"],
        "https://example.org/natur/angebote/bienen-besuch/"
    );
    let feed = atom_syndication::Feed::read_from(out.text("feed.xml").as_bytes()).expect("feed");
    assert!(
        feed.entries()
            .iter()
            .all(|e| e.id().starts_with("https://example.org/natur/angebote/"))
    );
    with_calendar(&out.text("angebote.ics"), |components| {
        for e in events(components) {
            assert!(
                prop(e, "URL")
                    .unwrap()
                    .starts_with("https://example.org/natur/angebote/")
            );
        }
    });
    let doc = out.html("angebote/hoffest/index.html");
    assert!(
        doc.select(&sel(
            "a[download][href=\"/natur/angebote/hoffest/termine.ics\"]"
        ))
        .next()
        .is_some()
    );
    assert!(out.has("daten/index.html"));
}

#[test]
fn atom_feed_keeps_the_newest_hundred_offers() {
    let site = fixture();
    // 101 more offers at the most recently checked place: with the fixture's four, 105 in all.
    for i in 0..101 {
        site.write(
            &format!("content/angebote/zusatz-{i:03}.md"),
            &format!(
                "---\ntitel: Zusatzangebot {i:03}\nlernort: hof-zur-linde\nformat: Veranstaltung\n\
                 zielgruppen: [familien]\nkosten:\n  frei: true\n---\nNoch ein Angebot.\n"
            ),
        );
    }
    let out = site.build();
    assert_eq!(out.built.site.offers.len(), 105);
    let feed = atom_syndication::Feed::read_from(out.text("feed.xml").as_bytes()).expect("feed");
    let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), lernorte::outputs::FEED_LIMIT);
    // The oldest place's offers fall off the end; the newest place's stay.
    assert!(ids.contains(&"https://example.org/angebote/hoffest/"));
    assert!(!ids.contains(&"https://example.org/angebote/waldtag/"));
}
