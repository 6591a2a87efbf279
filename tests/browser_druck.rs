//! Printing in a real browser: every place and offer page of the sample site prints on one A4
//! sheet (Chromium's own PDF, through WebDriver's Print Page), and the sheet carries the page's
//! address and its QR code while navigation, search, map and footer stay off the paper.
//!
//! Needs `LERNORTE_BROWSER_TESTS=1`, Chromium and chromedriver (see `.ci/run`).

mod browser_support;
mod common;

use browser_support::{Session, browser_test_with};
use common::{SAMPLE, repo_root};
use fantoccini::wd::PrintConfiguration;

/// The stems of the files with extension `ext` in the repository folder `dir`.
fn stems(dir: &str, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

/// Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree nodes). Chromium
/// writes them uncompressed.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let mut count = 0;
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("/Type") {
        rest = &rest[at + 5..];
        let after = rest.trim_start();
        if after
            .strip_prefix("/Page")
            .is_some_and(|tail| !tail.starts_with('s'))
        {
            count += 1;
        }
    }
    count
}

#[test]
fn place_and_offer_pages_print_on_one_a4_sheet() {
    let test = "place_and_offer_pages_print_on_one_a4_sheet";
    browser_test_with(test, SAMPLE, Session::default(), async |b| {
        let mut paths: Vec<String> = stems("places", "yaml")
            .into_iter()
            .map(|s| format!("/lernorte/{s}/"))
            .collect();
        paths.extend(
            stems("content/angebote", "md")
                .into_iter()
                .map(|s| format!("/angebote/{s}/")),
        );
        assert!(paths.len() > 50, "the sample site has its pages: {paths:?}");
        // A4 is WebDriver's default sheet; no shrinking, so a page that is too long shows up.
        let a4 = PrintConfiguration::builder()
            .shrink_to_fit(false)
            .build()
            .expect("print settings");
        let mut problems = Vec::new();
        for path in &paths {
            b.goto(path).await;
            b.wait_for_element("main h1").await;
            let pdf = b.client.print(a4.clone()).await.expect("print");
            let pages = pdf_pages(&pdf);
            if pages != 1 {
                problems.push(format!("{path}: {pages} pages"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));

        // What the sheet shows: with print styles, the address block and its QR code are
        // visible and the screen-only parts are not.
        b.goto("/lernorte/haus-des-waldes/").await;
        b.wait_for_element("main h1").await;
        let shown = b
            .js(
                "const visible = sel => [...document.querySelectorAll(sel)]
                   .some(e => e.getClientRects().length > 0);
                 return { qr: visible('.druck-qr svg'), nav: visible('.hauptnavigation') };",
                vec![],
            )
            .await;
        assert_eq!(shown["qr"], false, "on screen the QR code is hidden");
        assert_eq!(shown["nav"], true);
    });
}

#[test]
fn print_styles_show_address_and_qr_code_and_hide_the_screen_parts() {
    let test = "print_styles_show_address_and_qr_code_and_hide_the_screen_parts";
    browser_test_with(test, SAMPLE, Session::default(), async |b| {
        for path in [
            "/lernorte/haus-des-waldes/",
            "/angebote/amphibien-nachtexkursion/",
        ] {
            b.goto(path).await;
            b.wait_for_element("main h1").await;
            // Apply the print rules to the screen by copying them out of `@media print`.
            let shown = b
                .js(
                    "for (const sheet of document.styleSheets) {
                       for (const rule of [...sheet.cssRules]) {
                         if (rule.media && rule.media.mediaText === 'print') {
                           const copy = [...rule.cssRules].map(r => r.cssText).join('\\n');
                           sheet.insertRule('@media all {' + copy + '}', sheet.cssRules.length);
                         }
                       }
                     }
                     const visible = sel => [...document.querySelectorAll(sel)]
                       .some(e => e.getClientRects().length > 0);
                     const qr = document.querySelector('.druck-qr svg');
                     return {
                       qr: visible('.druck-qr svg'),
                       qrWidth: qr ? qr.getBoundingClientRect().width : 0,
                       url: (document.querySelector('.druck-url') || {}).textContent,
                       address: visible('.fakten'),
                       nav: visible('.hauptnavigation'),
                       search: visible('.kopf .suchformular'),
                       map: visible('.karte-rahmen'),
                       footer: visible('.fuss'),
                     };",
                    vec![],
                )
                .await;
            assert_eq!(shown["qr"], true, "{path}: {shown}");
            // About 26 mm: large enough for a phone camera at arm's length.
            let width = shown["qrWidth"].as_f64().unwrap_or(0.0);
            assert!(width > 80.0, "{path}: QR code {width} px wide");
            assert_eq!(
                shown["url"],
                format!("https://natur-erleben.example.org{path}"),
                "{path}"
            );
            assert_eq!(shown["address"], true, "{path}");
            for part in ["nav", "search", "map", "footer"] {
                assert_eq!(shown[part], false, "{path}: {part} printed: {shown}");
            }
        }
    });
}
