//! The error overlay of `lernorte serve`: the HTML panel shown on top of every preview page while
//! the latest rebuild failed. It owns the markup only; `live.css` styles it and `live.js` wires
//! its close button.

use std::fmt::Write as _;

use crate::diagnostics::{self, Diagnostic, Sources};
use crate::format::escape_html;

/// More findings than this make the panel unreadable; the rest are counted instead.
const MAX_SHOWN: usize = 50;

/// The overlay shown in the browser while the site has errors.
///
/// Lists errors first, then warnings (warnings only when there is at least one error, so a
/// successful build never shows the panel), each with its location, key, message, hint and the
/// quoted source line. Returns an empty string when `diagnostics` holds no error. Every piece of
/// text is escaped, so the result can be inserted into a page as it is.
pub fn overlay_html(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    if !diagnostics.iter().any(Diagnostic::is_error) {
        return String::new();
    }
    let ordered: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .chain(diagnostics.iter().filter(|d| !d.is_error()))
        .collect();

    let mut out = String::new();
    out.push_str(
        "<div id=\"lernorte-fehler\" role=\"alert\" aria-labelledby=\"lernorte-fehler-titel\">\
         <div class=\"lernorte-kopf\">\
         <h2 id=\"lernorte-fehler-titel\">Die Website enthält Fehler</h2>\
         <button type=\"button\" class=\"lernorte-ausblenden\">Ausblenden</button>\
         </div>\
         <p class=\"lernorte-erklaerung\">Angezeigt wird die letzte fehlerfreie Fassung. \
         Sobald Sie die Datei korrigiert und gespeichert haben, verschwindet diese Meldung \
         von selbst.</p>",
    );
    let _ = write!(
        out,
        "<p class=\"lernorte-zusammenfassung\">{}</p><ol class=\"lernorte-liste\">",
        escape_html(&diagnostics::summary(diagnostics))
    );
    for d in ordered.iter().take(MAX_SHOWN) {
        entry(&mut out, d, sources);
    }
    out.push_str("</ol>");
    if ordered.len() > MAX_SHOWN {
        let _ = write!(
            out,
            "<p class=\"lernorte-weitere\">… und {} weitere</p>",
            ordered.len() - MAX_SHOWN
        );
    }
    out.push_str("</div>");
    out
}

fn entry(out: &mut String, d: &Diagnostic, sources: &Sources) {
    let (class, label) = if d.is_error() {
        ("lernorte-fehler-eintrag", "Fehler")
    } else {
        ("lernorte-warnung-eintrag", "Warnung")
    };
    let _ = write!(
        out,
        "<li class=\"{class}\"><p class=\"lernorte-ort\"><strong>{label}</strong> \
         <code>{}</code>",
        escape_html(&d.location())
    );
    if let Some(key) = &d.key {
        let _ = write!(
            out,
            " <span class=\"lernorte-feld\">Feld „{}“</span>",
            escape_html(key)
        );
    }
    let _ = write!(
        out,
        "</p><p class=\"lernorte-meldung\">{}</p>",
        escape_html(&d.message)
    );
    if let Some(p) = d.position
        && let Some(line) = sources.line(&d.file, p.line)
    {
        let _ = write!(
            out,
            "<pre class=\"lernorte-quelle\"><span class=\"lernorte-zeilennummer\">{} |</span> {}</pre>",
            p.line,
            marked_line(line, p.column, p.width)
        );
    }
    if let Some(hint) = &d.hint {
        let _ = write!(
            out,
            "<p class=\"lernorte-hinweis\">Hinweis: {}</p>",
            escape_html(hint)
        );
    }
    out.push_str("</li>");
}

/// The source line, escaped, with the offending characters in `<mark>` so the eye finds them
/// without the terminal's `^^^` line (which would not line up in a proportional fallback font).
fn marked_line(line: &str, column: usize, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let start = column.saturating_sub(1);
    if column == 0 || start >= chars.len() {
        return escape_html(line);
    }
    let end = (start + width.max(1)).min(chars.len());
    let part =
        |range: std::ops::Range<usize>| escape_html(&chars[range].iter().collect::<String>());
    format!(
        "{}<mark>{}</mark>{}",
        part(0..start),
        part(start..end),
        part(end..chars.len())
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::Position;

    fn sources() -> Sources {
        let mut s = Sources::default();
        s.insert(
            "places/a.yaml".into(),
            Arc::from("name: A\nadresse:\n  plz: <script>alert(1)</script>\n"),
        );
        s
    }

    fn error() -> Diagnostic {
        Diagnostic::error(
            "ungueltige-plz",
            "places/a.yaml",
            "Die Postleitzahl <script>x</script> ist ungültig",
        )
        .at(Some(Position {
            line: 3,
            column: 8,
            width: 8,
        }))
        .key("adresse.<b>plz</b>")
        .hint("Schreiben Sie fünf Ziffern & nichts sonst")
    }

    #[test]
    fn overlay_escapes_every_text() {
        let html = overlay_html(&[error()], &sources());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("Die Postleitzahl &lt;script&gt;x&lt;/script&gt; ist ungültig"),
            "{html}"
        );
        assert!(
            html.contains("Feld „adresse.&lt;b&gt;plz&lt;/b&gt;“"),
            "{html}"
        );
        // The quoted source line, with the token at column 8 (8 characters) marked.
        assert!(
            html.contains("3 |</span>   plz: <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn overlay_shows_location_hint_and_structure() {
        let html = overlay_html(&[error()], &sources());
        assert!(
            html.starts_with("<div id=\"lernorte-fehler\" role=\"alert\""),
            "{html}"
        );
        assert!(
            html.contains("aria-labelledby=\"lernorte-fehler-titel\"")
                && html.contains("id=\"lernorte-fehler-titel\""),
            "{html}"
        );
        assert!(html.contains("Die Website enthält Fehler"), "{html}");
        assert!(html.contains("letzte fehlerfreie Fassung"), "{html}");
        assert!(html.contains("<code>places/a.yaml:3:8</code>"), "{html}");
        assert!(
            html.contains("Hinweis: Schreiben Sie fünf Ziffern &amp; nichts sonst"),
            "{html}"
        );
        assert!(
            html.contains(
                "<button type=\"button\" class=\"lernorte-ausblenden\">Ausblenden</button>"
            ),
            "{html}"
        );
        assert!(html.ends_with("</div>"), "{html}");
    }

    #[test]
    fn overlay_lists_errors_first_and_warnings_only_with_errors() {
        let warning = Diagnostic::warning("w", "places/b.yaml", "Nur eine Warnung");
        let html = overlay_html(&[warning.clone(), error()], &sources());
        let e = html.find("places/a.yaml").expect("error listed");
        let w = html.find("Nur eine Warnung").expect("warning listed");
        assert!(e < w, "errors come first: {html}");
        assert!(html.contains("1 Fehler, 1 Warnung"), "{html}");
        assert_eq!(overlay_html(&[warning], &sources()), "");
    }

    #[test]
    fn overlay_without_position_or_source_has_no_quote() {
        let d = Diagnostic::error("x", "content/fehlt.md", "Datei fehlt");
        let html = overlay_html(&[d], &Sources::default());
        assert!(html.contains("<code>content/fehlt.md</code>"), "{html}");
        assert!(!html.contains("<pre"), "{html}");
        assert!(!html.contains("Hinweis"), "{html}");
    }

    #[test]
    fn overlay_caps_the_list() {
        let many: Vec<Diagnostic> = (0..53)
            .map(|i| Diagnostic::error("x", format!("places/p{i}.yaml"), "kaputt"))
            .collect();
        let html = overlay_html(&many, &Sources::default());
        assert_eq!(html.matches("<li ").count(), 50, "{html}");
        assert!(html.contains("… und 3 weitere"), "{html}");
        assert!(html.contains("places/p49.yaml") && !html.contains("places/p50.yaml"));
    }
}
