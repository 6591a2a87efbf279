//! Accessibility checks with axe-core in the test browser.
//!
//! axe-core is an npm package, pinned in `tests/browser_support/axe/package.json` and
//! `package-lock.json`; `npm ci --prefix tests/browser_support/axe` installs it into
//! `tests/browser_support/axe/node_modules/` (ignored by git). Without it the axe tests skip
//! themselves with a message, unless `LERNORTE_BROWSER_TESTS=1`, which makes that a failure.

use std::fs;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Browser, REQUIRE_ENV};
use crate::common::repo_root;

/// The WCAG levels the checks cover (axe tags).
pub const WCAG_TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// `tests/browser_support/axe/node_modules/axe-core/axe.min.js`.
pub fn axe_path() -> PathBuf {
    repo_root().join("tests/browser_support/axe/node_modules/axe-core/axe.min.js")
}

/// The source of axe-core, or `None` after printing why the test is skipped. Panics instead
/// when `LERNORTE_BROWSER_TESTS=1`. Call it before [`super::browser_test`], so that a skipped
/// test starts no browser.
pub fn axe_or_skip(test: &str) -> Option<String> {
    let path = axe_path();
    match fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let why = format!(
                "axe-core is not installed ({}: {e}); run `npm ci --prefix tests/browser_support/axe`",
                path.display()
            );
            if std::env::var(REQUIRE_ENV).is_ok_and(|v| v.trim() == "1") {
                panic!("browser tests required ({REQUIRE_ENV}=1) but {why}");
            }
            eprintln!(
                "SKIPPED browser test {test}: {why}. Set {REQUIRE_ENV}=1 to make this a failure."
            );
            None
        }
    }
}

/// One rule that axe found broken, with the elements that break it.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub nodes: Vec<ViolationNode>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ViolationNode {
    pub target: Vec<Value>,
    pub html: String,
    #[serde(default)]
    pub summary: Option<String>,
}

/// Violations as readable lines for a failure message.
pub fn describe(violations: &[Violation]) -> String {
    let mut out = String::new();
    for v in violations {
        out.push_str(&format!(
            "- {} ({}): {}\n",
            v.id,
            v.impact.as_deref().unwrap_or("?"),
            v.help
        ));
        for n in &v.nodes {
            out.push_str(&format!("    {:?} {}\n", n.target, n.html));
            if let Some(s) = &n.summary {
                out.push_str(&format!("      {}\n", s.replace('\n', "\n      ")));
            }
        }
    }
    out
}

impl Browser {
    /// Runs axe-core (`source`, from [`axe_or_skip`]) on the current page with the rules of
    /// [`WCAG_TAGS`] and returns what it found.
    pub async fn axe(&self, source: &str) -> Vec<Violation> {
        self.js(
            "if (!window.axe) {
               const s = document.createElement('script');
               s.textContent = arguments[0];
               document.head.appendChild(s);
               s.remove();
             }
             return typeof window.axe;",
            vec![json!(source)],
        )
        .await;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe
                   .run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                   .then(r => done({ ok: r.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.map(n => ({ target: n.target, html: n.html, summary: n.failureSummary })),
                     })) }),
                     e => done({ error: String(e) }));",
                vec![json!(WCAG_TAGS)],
            )
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        if let Some(error) = result.get("error") {
            panic!("axe-core failed: {error}");
        }
        serde_json::from_value(result["ok"].clone()).expect("axe violations")
    }
}
