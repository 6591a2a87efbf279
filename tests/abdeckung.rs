//! The coverage view (issue 9): `lernorte report` in its three formats, the page
//! `/netzwerk/abdeckung/`, `daten/abdeckung.csv`, and the `abdeckung` block of site.yaml.
//!
//! Fixture: `tests/fixtures/abdeckung`, seven places and eight offers whose numbers per district
//! are written out below by hand: places in Mitte (two), Degerloch, Bad Cannstatt and Vaihingen
//! (one without offers), two mobile providers (one naming Botnang as its home, which must not
//! count twice there), 18 districts with no place at all, and dates on both edges of the
//! 90-day window (the day before, the first and the last day, the day after).

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

use common::*;
use scraper::Html;
use serde_json::Value;

const FIXTURE: &str = "abdeckung";
const STICHTAG: &str = "2026-06-01";

/// The measures in their order: CSV columns, JSON fields, table columns.
const KEYS: [&str; 17] = [
    "lernorte",
    "lernorte_vor_ort",
    "angebote",
    "angebote_kostenlos",
    "angebote_fuer_kita",
    "kostenlos_fuer_kita",
    "angebote_fuer_grundschule",
    "kostenlos_fuer_grundschule",
    "angebote_fuer_sek1",
    "kostenlos_fuer_sek1",
    "angebote_fuer_sek2",
    "kostenlos_fuer_sek2",
    "angebote_fuer_familien",
    "kostenlos_fuer_familien",
    "lernorte_rollstuhlgerecht",
    "angebote_andere_sprachen",
    "angebote_termine_90_tage",
];

type Numbers = [usize; 17];

/// Every district: the two mobile providers and their two offers (one free for Kita and
/// Grundschule, one for Sek I and Familien in Ukrainian with a date in the window).
const MOBILE_ONLY: Numbers = [2, 0, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1];

/// One expected row: slug, number, name, numbers.
struct Expected {
    slug: &'static str,
    nr: Option<&'static str>,
    name: &'static str,
    numbers: Numbers,
}

fn district(slug: &'static str, nr: &'static str, name: &'static str) -> Expected {
    let numbers = match slug {
        // Two places (one step-free); "Stall und Weide" (free, Kita+Grundschule, English,
        // dated), "Käse selber machen" (Sek I, dated after the window), "Beete anlegen" (free,
        // Grundschule+Familien, dated on the last day).
        "mitte" => [4, 2, 5, 3, 2, 2, 3, 3, 2, 0, 0, 0, 2, 1, 1, 2, 3],
        // One step-free place; "Waldforscher" (free, Kita, Turkish), "Baumkunde" (Sek II,
        // dates just outside the window).
        "degerloch" => [3, 1, 4, 2, 2, 2, 1, 1, 1, 0, 1, 0, 1, 0, 1, 2, 1],
        // One place; "Fossilien suchen" (Familien and Erwachsene, Arabic, dated on the day).
        "bad-cannstatt" => [3, 1, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 2, 0, 0, 2, 2],
        // One place without offers.
        "vaihingen" => [3, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1],
        _ => MOBILE_ONLY,
    };
    Expected {
        slug,
        nr: Some(nr),
        name,
        numbers,
    }
}

/// All rows in order: the 23 districts by number, the mobile providers, the whole city.
fn expected() -> Vec<Expected> {
    let mut rows: Vec<Expected> = [
        ("mitte", "01", "Mitte"),
        ("nord", "02", "Nord"),
        ("ost", "03", "Ost"),
        ("sued", "04", "Süd"),
        ("west", "05", "West"),
        ("bad-cannstatt", "06", "Bad Cannstatt"),
        ("birkach", "07", "Birkach"),
        ("botnang", "08", "Botnang"),
        ("degerloch", "09", "Degerloch"),
        ("feuerbach", "10", "Feuerbach"),
        ("hedelfingen", "11", "Hedelfingen"),
        ("moehringen", "12", "Möhringen"),
        ("muehlhausen", "13", "Mühlhausen"),
        ("muenster", "14", "Münster"),
        ("obertuerkheim", "15", "Obertürkheim"),
        ("plieningen", "16", "Plieningen"),
        ("sillenbuch", "17", "Sillenbuch"),
        ("stammheim", "18", "Stammheim"),
        ("untertuerkheim", "19", "Untertürkheim"),
        ("vaihingen", "20", "Vaihingen"),
        ("wangen", "21", "Wangen"),
        ("weilimdorf", "22", "Weilimdorf"),
        ("zuffenhausen", "23", "Zuffenhausen"),
    ]
    .into_iter()
    .map(|(slug, nr, name)| district(slug, nr, name))
    .collect();
    rows.push(Expected {
        slug: "mobil",
        nr: None,
        name: "mobil / stadtweit",
        numbers: MOBILE_ONLY,
    });
    rows.push(Expected {
        slug: "gesamt",
        nr: None,
        name: "Stuttgart gesamt",
        numbers: [7, 5, 8, 4, 3, 3, 3, 3, 2, 0, 1, 0, 3, 1, 2, 4, 4],
    });
    rows
}

/// For each audience, the districts without a free offer (by name, in district order).
fn expected_gaps() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let all: Vec<&str> = expected()
        .iter()
        .filter(|e| e.nr.is_some())
        .map(|e| e.name)
        .collect();
    let all_but_mitte: Vec<&str> = all.iter().copied().filter(|n| *n != "Mitte").collect();
    vec![
        ("kita", "Kita", vec![]),
        ("grundschule", "Grundschule", vec![]),
        ("sek1", "Sekundarstufe I", all.clone()),
        ("sek2", "Sekundarstufe II", all),
        ("familien", "Familien", all_but_mitte),
    ]
}

fn report(site: &TestSite, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .arg("report")
        .arg("--root")
        .arg(site.root())
        .args(["--stichtag", STICHTAG])
        .args(args)
        .output()
        .expect("run lernorte report")
}

fn stdout_ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

// ---------------------------------------------------------------------------------------------
// The three formats
// ---------------------------------------------------------------------------------------------

/// The lines of the table below `title` (up to the next empty line), by row name.
fn human_table<'a>(text: &'a str, title: &str) -> BTreeMap<String, Vec<&'a str>> {
    let start = text
        .lines()
        .position(|l| l.starts_with(title))
        .unwrap_or_else(|| panic!("no table {title:?} in:\n{text}"));
    let names: Vec<&str> = expected().iter().map(|e| e.name).collect();
    let mut rows = BTreeMap::new();
    for line in text.lines().skip(start + 1) {
        if line.trim().is_empty() || line.starts_with("vor Ort:") {
            break;
        }
        if let Some(name) = names.iter().find(|n| line.starts_with(&format!("{n}  "))) {
            let cells = line[name.len()..].split_whitespace().collect();
            assert!(
                rows.insert(name.to_string(), cells).is_none(),
                "{name} twice"
            );
        }
    }
    rows
}

#[test]
fn report_in_human_format_has_every_number() {
    let site = TestSite::fixture(FIXTURE);
    let text = stdout_ok(&report(&site, &[]));
    assert!(
        text.starts_with("Abdeckung nach Stadtbezirken – Natur erleben Abdeckungsstadt\n"),
        "{text}"
    );
    assert!(
        text.contains("Stichtag 01.06.2026; Termine vom 01.06.2026 bis 29.08.2026 (90 Tage)."),
        "{text}"
    );
    assert!(
        text.contains("Mobile Anbieter (2 Lernorte, 2 Angebote) kommen in jeden Bezirk"),
        "{text}"
    );

    let overview = human_table(&text, "Bezirk ");
    assert_eq!(overview.len(), 25, "{overview:#?}");
    let audiences = human_table(&text, "Bezirk             Kita");
    assert_eq!(audiences.len(), 25, "{audiences:#?}");
    for e in expected() {
        let n = e.numbers;
        let want: Vec<String> = [n[0], n[1], n[2], n[3], n[14], n[15], n[16]]
            .iter()
            .map(|v| v.to_string())
            .collect();
        assert_eq!(overview[e.name], want, "{} in:\n{text}", e.name);
        let want: Vec<String> = (0..5)
            .map(|a| format!("{}/{}", n[4 + 2 * a], n[5 + 2 * a]))
            .collect();
        assert_eq!(audiences[e.name], want, "{} in:\n{text}", e.name);
    }
    // The districts come in the order of their numbers.
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            expected()
                .into_iter()
                .find(|e| l.starts_with(&format!("{}  ", e.name)))
        })
        .map(|e| e.slug)
        .take(25)
        .collect();
    let want: Vec<&str> = expected().iter().map(|e| e.slug).collect();
    assert_eq!(order, want);

    // The gaps, one entry per audience, continued on indented lines.
    let gaps_text = text
        .split("Bezirke ohne kostenloses Angebot:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no gaps in:\n{text}"));
    let mut entries: Vec<String> = Vec::new();
    for line in gaps_text.lines() {
        if let Some(rest) = line.strip_prefix("    ") {
            let last = entries
                .last_mut()
                .expect("an entry before its continuation");
            last.push(' ');
            last.push_str(rest.trim());
        } else if let Some(rest) = line.strip_prefix("  ") {
            entries.push(rest.to_string());
        }
    }
    let want: Vec<String> = expected_gaps()
        .into_iter()
        .map(|(_, name, districts)| {
            if districts.is_empty() {
                format!("{name}: keine – jeder Bezirk hat eines.")
            } else {
                format!(
                    "{name} ({} von 23): {}",
                    districts.len(),
                    districts.join(", ")
                )
            }
        })
        .collect();
    assert_eq!(entries, want, "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 90, "too wide: {line:?}");
    }
}

#[test]
fn report_as_csv_has_every_number() {
    let site = TestSite::fixture(FIXTURE);
    let out = report(&site, &["--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = out.stdout;
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let mut want = vec!["art", "kuerzel", "nr", "name"];
    want.extend(KEYS);
    assert_eq!(header, want);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let expected = expected();
    assert_eq!(rows.len(), expected.len());
    for (row, e) in rows.iter().zip(&expected) {
        let art = match e.slug {
            "mobil" => "mobil",
            "gesamt" => "gesamt",
            _ => "bezirk",
        };
        let mut want = vec![
            art.to_string(),
            e.slug.to_string(),
            e.nr.unwrap_or("").to_string(),
            e.name.to_string(),
        ];
        want.extend(e.numbers.iter().map(|n| n.to_string()));
        assert_eq!(row.iter().collect::<Vec<_>>(), want, "row {}", e.slug);
    }
}

/// The fields of a JSON row as numbers, checked against `e`.
fn check_json_row(row: &Value, e: &Expected) {
    assert_eq!(row["kuerzel"], e.slug, "{row}");
    assert_eq!(row["name"], e.name, "{row}");
    assert_eq!(row["nr"].as_str(), e.nr, "{row}");
    let keys: Vec<&str> = row
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want_keys = vec!["kuerzel", "nr", "name"];
    want_keys.extend(KEYS);
    want_keys.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, want_keys, "{row}");
    for (key, n) in KEYS.iter().zip(e.numbers) {
        assert_eq!(row[*key], n, "{} {key}", e.slug);
    }
}

fn check_json(v: &Value) {
    assert_eq!(v["stichtag"], STICHTAG);
    assert_eq!(v["termine_bis"], "2026-08-29");
    let audiences: Vec<(&str, &str)> = v["zielgruppen"]
        .as_array()
        .expect("zielgruppen")
        .iter()
        .map(|a| (a["kuerzel"].as_str().unwrap(), a["name"].as_str().unwrap()))
        .collect();
    let want: Vec<(&str, &str)> = expected_gaps()
        .iter()
        .map(|(slug, name, _)| (*slug, *name))
        .collect();
    assert_eq!(audiences, want);
    let measures: Vec<&str> = v["kennzahlen"]
        .as_array()
        .expect("kennzahlen")
        .iter()
        .map(|m| m["kuerzel"].as_str().unwrap())
        .collect();
    assert_eq!(measures, KEYS);
    for m in v["kennzahlen"].as_array().unwrap() {
        for field in ["name", "kurz", "beschreibung"] {
            assert!(
                m[field].as_str().is_some_and(|s| !s.is_empty()),
                "{field} of {m}"
            );
        }
    }
    let expected = expected();
    let districts = v["bezirke"].as_array().expect("bezirke");
    assert_eq!(districts.len(), 23);
    for (row, e) in districts.iter().zip(&expected) {
        check_json_row(row, e);
    }
    check_json_row(&v["mobil"], &expected[23]);
    check_json_row(&v["gesamt"], &expected[24]);
    let gaps: Vec<(String, Vec<String>)> = v["ohne_kostenloses_angebot"]
        .as_array()
        .expect("ohne_kostenloses_angebot")
        .iter()
        .map(|g| {
            (
                g["zielgruppe"]["kuerzel"].as_str().unwrap().to_string(),
                g["bezirke"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| b["name"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = expected_gaps()
        .into_iter()
        .map(|(slug, _, d)| (slug.to_string(), d.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(gaps, want);
}

#[test]
fn report_as_json_has_every_number() {
    let site = TestSite::fixture(FIXTURE);
    let text = stdout_ok(&report(&site, &["--format", "json"]));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    check_json(&v);
    // The field order is part of the format: key columns first, measures in column order.
    let mitte = text.find("\"kuerzel\": \"mitte\"").expect("mitte");
    let mut at = mitte;
    for key in ["nr", "name"].iter().chain(KEYS.iter()) {
        let next = text[at..]
            .find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("{key} after {at}"));
        at += next;
    }
}

#[test]
fn report_counts_chosen_audiences_and_reports_mistakes() {
    let site = TestSite::fixture(FIXTURE);
    // By name or slug, in the order given.
    let text = stdout_ok(&report(
        &site,
        &[
            "--format",
            "json",
            "--zielgruppe",
            "Erwachsene",
            "--zielgruppe",
            "kita",
        ],
    ));
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let audiences: Vec<&str> = v["zielgruppen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kuerzel"].as_str().unwrap())
        .collect();
    assert_eq!(audiences, ["erwachsene", "kita"]);
    assert_eq!(v["gesamt"]["angebote_fuer_erwachsene"], 1);
    assert_eq!(v["gesamt"]["kostenlos_fuer_erwachsene"], 0);
    assert_eq!(v["bezirke"][5]["kuerzel"], "bad-cannstatt");
    assert_eq!(v["bezirke"][5]["angebote_fuer_erwachsene"], 1);
    assert_eq!(v["bezirke"][0]["angebote_fuer_erwachsene"], 0);
    assert!(v["gesamt"].get("angebote_fuer_grundschule").is_none());

    // An audience the site does not have: a usage error with the ones it has.
    let out = report(&site, &["--zielgruppe", "senioren"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("„senioren“ ist keine Zielgruppe dieser Website."),
        "{err}"
    );
    assert!(err.contains("„grundschule“"), "{err}");
    let out = report(&site, &["--zielgruppe", "grundschul"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Meinten Sie „grundschule“?"),
        "{out:?}"
    );

    // A broken record: no numbers, exit code 1, the finding on stderr.
    site.write(
        "places/hof-vaihingen.yaml",
        &site
            .read("places/hof-vaihingen.yaml")
            .replace("kategorie: Bauernhof & Jugendfarm", "kategorie: Bauernhaus"),
    );
    let out = report(&site, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("places/hof-vaihingen.yaml"), "{err}");
    assert!(err.contains("Abgebrochen: 1 Fehler."), "{err}");

    // Not a site.
    let out = Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .args(["report", "--root"])
        .arg(site.tmp())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.yaml"));
}

// ---------------------------------------------------------------------------------------------
// The page and the CSV file
// ---------------------------------------------------------------------------------------------

const PAGE: &str = "netzwerk/abdeckung/index.html";

/// (row slug, row name, cell texts, cell keys) of every row of the page's table.
fn table_rows(doc: &Html) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    doc.select(&sel(
        "#abdeckung-tabelle tbody tr, #abdeckung-tabelle tfoot tr",
    ))
    .map(|tr| {
        let slug = tr.value().attr("data-bezirk").unwrap_or("").to_string();
        let name = tr
            .select(&sel("th"))
            .next()
            .map(text_of)
            .unwrap_or_default();
        let tds: Vec<_> = tr.select(&sel("td")).collect();
        (
            slug,
            name,
            tds.iter().map(|td| text_of(*td)).collect(),
            tds.iter()
                .map(|td| td.value().attr("data-kennzahl").unwrap_or("").to_string())
                .collect(),
        )
    })
    .collect()
}

#[test]
fn the_page_shows_the_same_numbers_and_is_not_public_by_default() {
    let site = TestSite::fixture(FIXTURE);
    let out = site.build();
    let html = out.text(PAGE);
    assert!(
        page_problems(PAGE, &html).is_empty(),
        "{:?}",
        page_problems(PAGE, &html)
    );
    let doc = out.html(PAGE);

    let rows = table_rows(&doc);
    let expected = expected();
    assert_eq!(rows.len(), expected.len());
    for ((slug, name, cells, keys), e) in rows.iter().zip(&expected) {
        assert_eq!(slug, e.slug);
        assert_eq!(name, e.name);
        let want: Vec<String> = e.numbers.iter().map(|n| n.to_string()).collect();
        assert_eq!(cells, &want, "{}", e.slug);
        assert_eq!(keys, &KEYS, "{}", e.slug);
    }
    // A real table: caption, header scopes, the districts linked to their pages.
    assert_eq!(
        doc.select(&sel("#abdeckung-tabelle > caption")).count(),
        1,
        "caption"
    );
    for th in doc.select(&sel("#abdeckung-tabelle th")) {
        let scope = th.value().attr("scope");
        assert!(
            matches!(scope, Some("col" | "colgroup" | "row")),
            "th without scope: {}",
            th.html()
        );
    }
    let header_keys: Vec<&str> = doc
        .select(&sel("#abdeckung-tabelle thead th[data-kennzahl]"))
        .map(|th| th.value().attr("data-kennzahl").unwrap())
        .collect();
    let mut sorted_header = header_keys.clone();
    sorted_header.sort();
    let mut want: Vec<&str> = KEYS.iter().copied().chain(["name"]).collect();
    want.sort();
    assert_eq!(sorted_header, want, "a sortable header for every column");
    let link = doc
        .select(&sel(
            "#abdeckung-tabelle tbody tr[data-bezirk=\"sued\"] th a",
        ))
        .next()
        .expect("link to the district");
    assert_eq!(link.value().attr("href"), Some("/bezirke/sued/"));

    // The measure selector: a labelled <select> with every measure.
    let options: Vec<&str> = doc
        .select(&sel("select#abdeckung-kennzahl option"))
        .map(|o| o.value().attr("value").unwrap())
        .collect();
    assert_eq!(options, KEYS);
    assert_eq!(
        doc.select(&sel("label[for=\"abdeckung-kennzahl\"]"))
            .count(),
        1
    );

    // The gaps as a list.
    let gaps: Vec<(String, Vec<String>)> = doc
        .select(&sel(".abdeckung-luecken > div"))
        .map(|div| {
            (
                div.select(&sel("dt"))
                    .next()
                    .map(text_of)
                    .unwrap_or_default(),
                div.select(&sel("dd li")).map(text_of).collect(),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = expected_gaps()
        .into_iter()
        .map(|(_, name, d)| (name.to_string(), d.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(gaps, want);

    // The numbers for the script: the JSON of `report`, with the shading classes.
    let data = doc
        .select(&sel("script#abdeckung-daten[type=\"application/json\"]"))
        .next()
        .expect("embedded numbers");
    let v: Value = serde_json::from_str(&data.inner_html()).expect("JSON");
    check_json(&v);
    let classes: Vec<(u64, u64, u64)> = v["klassen"]["lernorte"]
        .as_array()
        .expect("classes")
        .iter()
        .map(|c| {
            (
                c["von"].as_u64().unwrap(),
                c["bis"].as_u64().unwrap(),
                c["anzahl"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(classes, [(0, 0, 0), (2, 2, 19), (3, 3, 3), (4, 4, 1)]);
    let cli = stdout_ok(&report(&site, &["--format", "json"]));
    let mut from_page = v.clone();
    from_page.as_object_mut().unwrap().remove("klassen");
    assert_eq!(
        from_page,
        serde_json::from_str::<Value>(&cli).unwrap(),
        "page and report share their numbers"
    );

    // The CSV file is the CSV of `report`.
    let csv_file = out
        .files
        .get("daten/abdeckung.csv")
        .expect("daten/abdeckung.csv");
    let cli_csv = report(&site, &["--format", "csv"]).stdout;
    assert_eq!(csv_file, &cli_csv);
    assert_eq!(
        doc.select(&sel("a[href=\"/daten/abdeckung.csv\"]")).count(),
        1,
        "the page links its CSV"
    );

    // Not public: built, but not linked, not in the sitemap, not listed on /daten/, noindex.
    let robots: Vec<&str> = doc
        .select(&sel("meta[name=\"robots\"]"))
        .map(|m| m.value().attr("content").unwrap())
        .collect();
    assert_eq!(robots, ["noindex"]);
    assert!(!out.text("sitemap.xml").contains("netzwerk/abdeckung"));
    for (path, text) in out.html_pages() {
        if path != PAGE {
            assert!(
                !text.contains("/netzwerk/abdeckung/"),
                "{path} links the page"
            );
        }
    }
    assert!(!out.text("daten/index.html").contains("abdeckung.csv"));
}

#[test]
fn a_public_page_is_linked_in_the_sitemap_and_on_the_data_page() {
    let site = TestSite::fixture(FIXTURE);
    site.write(
        "site.yaml",
        &format!(
            "{}\nabdeckung:\n  oeffentlich: true\n",
            site.read("site.yaml")
        ),
    );
    let out = site.build();
    let doc = out.html(PAGE);
    assert_eq!(doc.select(&sel("meta[name=\"robots\"]")).count(), 0);
    assert!(
        out.text("sitemap.xml")
            .contains("<loc>https://example.org/netzwerk/abdeckung/</loc>")
    );
    for page in ["index.html", "lernorte/index.html", PAGE] {
        let doc = out.html(page);
        let links: Vec<String> = doc
            .select(&sel(".fuss-navigation a[href=\"/netzwerk/abdeckung/\"]"))
            .map(text_of)
            .collect();
        assert_eq!(links, ["Abdeckung nach Stadtbezirken"], "{page}");
    }
    let data = out.html("daten/index.html");
    let section = data
        .select(&sel("section[aria-labelledby=\"abdeckung-csv\"]"))
        .next()
        .expect("the CSV on /daten/");
    let columns: Vec<String> = section
        .select(&sel("table.daten-felder tbody th"))
        .map(text_of)
        .collect();
    let mut want: Vec<String> = ["art", "kuerzel", "nr", "name"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    want.extend(KEYS.iter().map(|s| s.to_string()));
    assert_eq!(columns, want);
    let download = section
        .select(&sel("a[download]"))
        .next()
        .expect("download link");
    assert_eq!(download.value().attr("href"), Some("/daten/abdeckung.csv"));
    let problems = link_problems(&out.files, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn site_yaml_chooses_the_audiences_and_reports_mistakes_in_german() {
    let site = TestSite::fixture(FIXTURE);
    let base = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{base}\nabdeckung:\n  zielgruppen: [Familien, kita]\n"),
    );
    let out = site.build();
    let doc = out.html(PAGE);
    let options: Vec<String> = doc
        .select(&sel("select#abdeckung-kennzahl option"))
        .map(text_of)
        .collect();
    assert!(
        options.contains(&"Kostenlose Angebote für Familien".to_string()),
        "{options:?}"
    );
    let keys: Vec<&str> = doc
        .select(&sel("select#abdeckung-kennzahl option"))
        .map(|o| o.value().attr("value").unwrap())
        .collect();
    assert_eq!(
        keys[4..8],
        [
            "angebote_fuer_familien",
            "kostenlos_fuer_familien",
            "angebote_fuer_kita",
            "kostenlos_fuer_kita"
        ]
    );
    assert_eq!(keys.len(), 4 + 4 + 3);

    site.write(
        "site.yaml",
        &format!("{base}\nabdeckung:\n  oeffentlich: true\n  zielgruppen: [kita, senioren]\n"),
    );
    let diags = site.diagnostics();
    let d = diags
        .iter()
        .find(|d| d.key.as_deref() == Some("abdeckung.zielgruppen[1]"))
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.code, "unbekannter-wert");
    assert_eq!(d.file.to_str(), Some("site.yaml"));
    assert_eq!(d.message, "„senioren“ ist keine Zielgruppe dieser Website.");
    let line = line_of(&site.read("site.yaml"), "zielgruppen: [kita, senioren]");
    assert_eq!(d.position.map(|p| p.line), Some(line));
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("„grundschule“")),
        "{d:?}"
    );

    site.write(
        "site.yaml",
        &format!("{base}\nabdeckung:\n  sichtbar: true\n"),
    );
    let diags = site.diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d.file.to_str() == Some("site.yaml") && d.message.contains("sichtbar")),
        "{diags:#?}"
    );
}

#[test]
fn report_needs_the_records_but_not_the_theme() {
    let site = TestSite::fixture(FIXTURE);
    // A broken template fails a build, but a report renders no page.
    site.write("templates/lernort.html", "{% if %}");
    let text = stdout_ok(&report(&site, &["--format", "csv"]));
    assert!(text.lines().count() > 23, "{text}");
    let build = Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.tmp().join("out"))
        .output()
        .expect("run lernorte build");
    assert_eq!(build.status.code(), Some(1), "{build:?}");
}
