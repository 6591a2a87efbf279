//! Markdown written by network members to safe HTML.
//!
//! Member text is untrusted. pulldown-cmark renders it (raw HTML included), then ammonia keeps
//! only harmless markup: no scripts, no event handlers, no styles, links only to http(s),
//! mailto and tel, and images only from this site (an external image would be a request to a
//! third party before the visitor agreed to anything).

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Byte offset (in the Markdown) of the first raw HTML, if any, so it can be reported.
    pub raw_html_at: Option<usize>,
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .link_rel(Some("noopener noreferrer"))
            .rm_tags(["img"])
            .add_tags(["img"])
            .attribute_filter(|element, attribute, value| {
                let external = value.starts_with("http:")
                    || value.starts_with("https:")
                    || value.starts_with("//");
                if element == "img" && attribute == "src" && external {
                    None
                } else {
                    Some(value.into())
                }
            });
        b
    })
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Makes a site-local URL work from any page and under a sub-path: `/impressum/` and
/// `bilder/a.jpg` (relative to the site root, where `static/` is copied) get `base_path`.
/// External URLs, fragments and `mailto:`/`tel:` stay as they are.
fn site_url<'a>(
    url: pulldown_cmark::CowStr<'a>,
    base_path: &str,
    relative_to_root: bool,
) -> pulldown_cmark::CowStr<'a> {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme
        || url.starts_with("//")
        || url.starts_with('#')
        || url.starts_with('?')
        || url.is_empty()
    {
        return url;
    }
    if let Some(rest) = url.strip_prefix('/') {
        return format!("{base_path}{rest}").into();
    }
    if relative_to_root {
        return format!("{base_path}{url}").into();
    }
    url
}

/// Renders Markdown to sanitized HTML. Headings are moved one level down, because the page
/// title is the only `<h1>`. `base_path` (e.g. `/` or `/natur/`) is put in front of site-local
/// links and images.
pub fn render(markdown: &str, base_path: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw_html_at = None;
    let events = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html_at.get_or_insert(range.start);
                event
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: site_url(dest_url, base_path, true),
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: site_url(dest_url, base_path, false),
                title,
                id,
            }),
            other => other,
        });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, events);
    Rendered {
        html: sanitizer().clean(&unsafe_html).to_string(),
        raw_html_at,
    }
}

/// The text of a Markdown document without markup, words separated by single spaces.
///
/// Raw HTML is dropped, not shown as text: the search index must not contain tag soup.
pub fn plain_text(markdown: &str) -> String {
    plain_text_up_to(markdown, usize::MAX)
}

/// Like [`plain_text`], but stops reading once about `limit` characters are collected.
fn plain_text_up_to(markdown: &str, limit: usize) -> String {
    let mut text = String::new();
    let mut chars = 0;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                chars += t.chars().count();
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
        if chars > limit {
            break;
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text from the start of a Markdown text, at most about `max` characters, cut at a word.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let text = plain_text_up_to(markdown, max + 40);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let r = render(
            "Hallo <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\" onclick=\"x()\">y</a>",
            "/",
        );
        let lower = r.html.to_lowercase();
        assert!(!lower.contains("<script"), "{}", r.html);
        assert!(
            !lower.contains("onerror") && !lower.contains("onclick"),
            "{}",
            r.html
        );
        assert!(!lower.contains("javascript:"), "{}", r.html);
        assert_eq!(r.raw_html_at, Some(6));
    }

    #[test]
    fn markdown_features_survive_and_headings_are_demoted() {
        let r = render(
            "# Titel\n\n**fett** und [Link](https://example.org) ![Bild](bilder/a.jpg) ![fremd](https://evil.example/a.png)",
            "/natur/",
        );
        assert!(r.html.contains("<h2>Titel</h2>"), "{}", r.html);
        assert!(r.html.contains("<strong>fett</strong>"));
        assert!(r.html.contains("href=\"https://example.org\""));
        assert!(r.html.contains("rel=\"noopener noreferrer\""));
        assert!(r.html.contains("src=\"/natur/bilder/a.jpg\""), "{}", r.html);
        assert!(!r.html.contains("evil.example"), "{}", r.html);
        assert_eq!(r.raw_html_at, None);
    }

    #[test]
    fn site_local_links_get_the_base_path() {
        let r = render(
            "[Impressum](/impressum/) [Oben](#oben) [Mail](mailto:a@example.org) [Rel](../x/) [Ext](https://example.org/)",
            "/natur/",
        );
        assert!(r.html.contains("href=\"/natur/impressum/\""), "{}", r.html);
        assert!(r.html.contains("href=\"#oben\""));
        assert!(r.html.contains("href=\"mailto:a@example.org\""));
        assert!(r.html.contains("href=\"../x/\""));
        assert!(r.html.contains("href=\"https://example.org/\""));
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("Ein *kurzer* Text.", 100), "Ein kurzer Text.");
        let e = excerpt("Wir erkunden gemeinsam den Wald und entdecken Tiere", 30);
        assert_eq!(e, "Wir erkunden gemeinsam den…");
    }
}
