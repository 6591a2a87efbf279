//! `lernorte check`: the editorial warnings on the fixture site `tests/fixtures/pruefen`, where
//! each file triggers exactly one finding, and the command line's formats and exit codes.

mod common;

use std::process::{Command, Output};

use common::*;
use lernorte::check::{self, Checked};
use lernorte::diagnostics::Severity;

/// The fixture with its large image written here rather than committed (600 KB of nothing).
fn pruefen() -> TestSite {
    let site = TestSite::fixture("pruefen");
    let big = vec![0u8; 600 * 1024];
    std::fs::write(site.root().join("static/bilder/gross.jpg"), big).expect("write big image");
    site
}

fn run_check(site: &TestSite) -> Checked {
    check::check(&site.options()).expect("a site")
}

/// (file, line, code, key) of every finding, sorted.
fn findings(checked: &Checked) -> Vec<(String, usize, String, String)> {
    let mut v: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.display().to_string(),
                d.position.map_or(0, |p| p.line),
                d.code.to_string(),
                d.key.clone().unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Where `needle` is in a file of the site, as a finding would name it.
fn at(
    site: &TestSite,
    file: &str,
    needle: &str,
    code: &str,
    key: &str,
) -> (String, usize, String, String) {
    (
        file.to_string(),
        line_of(&site.read(file), needle),
        code.to_string(),
        key.to_string(),
    )
}

#[test]
fn each_editorial_check_points_at_its_file_line_and_key() {
    let site = pruefen();
    let checked = run_check(&site);
    let mut expected = vec![
        at(
            &site,
            "places/lange-nicht-geprueft.yaml",
            "geprueft_am:",
            "pruefung-veraltet",
            "geprueft_am",
        ),
        // The same name in another case; reported at the later file (by name order of files).
        at(
            &site,
            "places/gartenhof.yaml",
            "name:",
            "doppelter-name",
            "name",
        ),
        // 12 m apart; reported at one of the two, naming the other.
        at(&site, "places/nachbar-west.yaml", "lage:", "zu-nah", "lage"),
        at(
            &site,
            "places/ohne-angebot.yaml",
            "name:",
            "ohne-angebote",
            "name",
        ),
        // All dates past; `neue-termine` has one date after the test's "today" and is fine.
        at(
            &site,
            "content/angebote/alte-termine.md",
            "- 2026-03-10",
            "termine-vorbei",
            "termine",
        ),
        at(
            &site,
            "places/wien-telefon.yaml",
            "telefon:",
            "telefon-format",
            "kontakt.telefon",
        ),
        at(
            &site,
            "places/grosses-bild.yaml",
            "datei: bilder/gross.jpg",
            "bild-zu-gross",
            "bilder[1].datei",
        ),
        // A missing image: the build's own warning, which check reports as well.
        at(
            &site,
            "places/fehlendes-bild.yaml",
            "datei: bilder/gibt-es-nicht.jpg",
            "bild-fehlt",
            "bilder[0].datei",
        ),
    ];
    expected.sort();
    assert_eq!(findings(&checked), expected);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    assert_eq!(checked.errors(), 0);
    // Messages name the other record where there is one.
    let near = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "zu-nah")
        .expect("zu-nah");
    assert!(
        near.message.contains("12 m") && near.message.contains("places/nachbar-ost.yaml"),
        "{}",
        near.message
    );
    let twin = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "doppelter-name")
        .expect("doppelter-name");
    assert!(
        twin.message.contains("places/gartenhof-ost.yaml"),
        "{}",
        twin.message
    );
}

#[test]
fn thresholds_are_where_the_guide_says() {
    let site = pruefen();
    // Exactly 12 months is not yet stale; a day more is.
    let stale_place = site.read("places/lange-nicht-geprueft.yaml");
    site.write(
        "places/lange-nicht-geprueft.yaml",
        &stale_place.replace("2025-03-15", "2025-06-01"),
    );
    // 30 m apart is not too close.
    let east = site.read("places/nachbar-ost.yaml");
    site.write(
        "places/nachbar-ost.yaml",
        &east.replace("lat: 48.77405", "lat: 48.77427"),
    );
    // 500 KB exactly is fine.
    std::fs::write(
        site.root().join("static/bilder/gross.jpg"),
        vec![0u8; 500 * 1024],
    )
    .expect("write");
    let codes: Vec<String> = run_check(&site)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    for gone in ["pruefung-veraltet", "zu-nah", "bild-zu-gross"] {
        assert!(!codes.iter().any(|c| c == gone), "{gone} in {codes:?}");
    }
    site.write(
        "places/lange-nicht-geprueft.yaml",
        &stale_place.replace("2025-03-15", "2025-05-31"),
    );
    let codes: Vec<String> = run_check(&site)
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    assert!(codes.iter().any(|c| c == "pruefung-veraltet"), "{codes:?}");
}

#[test]
fn stale_records_are_listed_oldest_first() {
    let site = pruefen();
    let older = site
        .read("places/ordentlich.yaml")
        .replace("geprueft_am: 2026-05-01", "geprueft_am: 2024-11-30");
    site.write("places/ordentlich.yaml", &older);
    let stale: Vec<String> = run_check(&site)
        .stale
        .iter()
        .map(|s| format!("{} {}", s.checked_on, s.file.display()))
        .collect();
    assert_eq!(
        stale,
        [
            "2024-11-30 places/ordentlich.yaml",
            "2025-03-15 places/lange-nicht-geprueft.yaml"
        ]
    );
}

#[test]
fn errors_are_the_builds_and_nothing_is_written() {
    let site = pruefen();
    let place = site.read("places/wien-telefon.yaml");
    site.write(
        "places/wien-telefon.yaml",
        &place.replace(
            "kontakt:\n",
            "kontakt:\n  email: info(at)example.org\n  web: javascript:alert(1)\n",
        ),
    );
    // A template error is found too: check promises that build will work.
    let template = "themes/default/templates/seite.html";
    site.write(
        template,
        &format!("{}{{{{ nicht_da.feld }}}}", site.read(template)),
    );
    let checked = run_check(&site);
    let errors: Vec<(String, usize, String)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.file.display().to_string(),
                d.position.map_or(0, |p| p.line),
                d.code.to_string(),
            )
        })
        .collect();
    let file = "places/wien-telefon.yaml";
    let text = site.read(file);
    assert!(
        errors.contains(&(
            file.into(),
            line_of(&text, "email:"),
            "ungueltige-email".into()
        )),
        "{errors:?}"
    );
    assert!(
        errors.contains(&(
            file.into(),
            line_of(&text, "web:"),
            "ungueltige-webadresse".into()
        )),
        "{errors:?}"
    );
    // All in one run: the broken template is reported with the content's errors.
    assert!(
        errors
            .iter()
            .any(|(f, _, code)| f == "themes/default/templates/seite.html" && code == "vorlage"),
        "{errors:?}"
    );
    assert!(!site.root().join("public").exists(), "check wrote output");

    // With the content fixed, the broken template is what remains.
    site.write(file, &place);
    let checked = run_check(&site);
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.starts_with("themes")),
        "{:#?}",
        checked.diagnostics
    );
    assert!(!site.root().join("public").exists(), "check wrote output");
}

fn lernorte(site: &TestSite, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(args)
        .output()
        .expect("run lernorte check")
}

#[test]
fn the_command_line_prints_german_or_json_and_sets_the_exit_code() {
    let site = pruefen();

    // Warnings only: success, unless --strict.
    let human = lernorte(&site, &[]);
    assert_eq!(human.status.code(), Some(0), "{human:?}");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("── places/wien-telefon.yaml (1 Warnung)"),
        "{text}"
    );
    let telefon = line_of(&site.read("places/wien-telefon.yaml"), "telefon:");
    assert!(
        text.contains(&format!(
            "Warnung: places/wien-telefon.yaml:{telefon}:12 [kontakt.telefon]"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(" {telefon} |   telefon: +43 1 5123456")),
        "{text}"
    );
    assert!(
        text.contains("Hinweis: Schreiben Sie die Nummer mit Vorwahl"),
        "{text}"
    );
    assert!(text.contains("Geprüft: 11 Lernorte, 11 Angebote"), "{text}");
    assert_eq!(lernorte(&site, &["--strict"]).status.code(), Some(1));

    // JSON: one object per line and finding.
    let json = lernorte(&site, &["--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    let telefon_finding = lines
        .iter()
        .find(|v| v["code"] == "telefon-format")
        .expect("the phone warning");
    assert_eq!(telefon_finding["file"], "places/wien-telefon.yaml");
    assert_eq!(telefon_finding["line"], telefon);
    assert_eq!(telefon_finding["column"], 12);
    assert_eq!(telefon_finding["severity"], "warning");
    assert!(
        telefon_finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("+43"))
    );
    for v in &lines {
        for field in ["file", "severity", "code", "message"] {
            assert!(v.get(field).is_some(), "{field} missing in {v}");
        }
    }

    // An error fails the check.
    let place = site.read("places/ordentlich.yaml");
    site.write(
        "places/ordentlich.yaml",
        &place.replace("kategorie: Park & Garten", "kategorie: Parkanlage"),
    );
    let failed = lernorte(&site, &["--format", "json"]);
    assert_eq!(failed.status.code(), Some(1));
    let out = String::from_utf8_lossy(&failed.stdout);
    assert!(
        out.lines()
            .any(|l| l.contains("\"code\":\"unbekannter-wert\"")
                && l.contains("places/ordentlich.yaml")),
        "{out}"
    );

    // Not a site: a usage error.
    let nowhere = Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .args(["check", "--root"])
        .arg(site.tmp())
        .output()
        .expect("run");
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("site.yaml"));
}
