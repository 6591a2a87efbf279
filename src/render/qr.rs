//! QR codes of page addresses for printed place and offer pages, as inline SVG made at build
//! time: a printed sheet on a classroom wall leads back to the page without typing, and the
//! page needs no script or image request for it.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// An SVG of the QR code of `text`, one path, dark runs of each row merged into one rectangle
/// (a third of the size of one rectangle per module). `label` becomes the SVG's accessible
/// name. None if the text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    // Level M survives a crease or a smudge on paper and keeps URLs of this site small.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    // Four modules of quiet zone on every side, as the standard asks.
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1H{}z",
                    start + quiet,
                    y + quiet,
                    x - start,
                    start + quiet
                );
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" "#,
            r#"shape-rendering="crispEdges" role="img" aria-label="{label}">"#,
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
            r##"<path fill="#000" d="{path}"/></svg>"##
        ),
        size = size,
        label = escape_attribute(label),
        path = path
    ))
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the modules back from the path and compares them with the encoder's matrix, so a
    /// mistake in run merging (an off-by-one, a lost last run) shows up.
    #[test]
    fn path_draws_exactly_the_dark_modules() {
        let url = "https://natur-erleben.example/lernorte/jugendfarm-elsental/";
        let svg = svg(url, "QR-Code").expect("encodes");
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).expect("qr");
        let w = code.width();
        let mut drawn = vec![false; w * w];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("path");
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().expect("number"))
                .collect();
            let (x, y, len) = (nums[0] - 4, nums[1] - 4, nums[2]);
            for i in x..x + len {
                drawn[y * w + i] = true;
            }
        }
        let expected: Vec<bool> = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
        assert_eq!(drawn, expected);
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", w + 8)));
    }

    #[test]
    fn label_is_escaped() {
        let svg = svg("x", "a\"<b>").expect("encodes");
        assert!(svg.contains("aria-label=\"a&quot;&lt;b&gt;\""));
    }
}
