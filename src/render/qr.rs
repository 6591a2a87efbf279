//! QR codes of page addresses for printed place and offer pages, as inline SVG made at build
//! time: a printed sheet on a classroom wall leads back to the page without typing, and the
//! page needs no script or image request for it.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// An SVG of the QR code of `text`: one stroked path, one horizontal line per run of dark
/// modules, written with relative moves inside a row (about half the bytes of one filled
/// rectangle per run, which matters on thousands of pages). `label` becomes the SVG's
/// accessible name. None if the text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    // Level M survives a crease or a smudge on paper and keeps URLs of this site small.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    // Four modules of quiet zone on every side, as the standard asks.
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        // End of the previous run in this row, for relative moves.
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let _ = match pen {
                // The stroke is centred on the line, so a row's line runs through y + 0.5.
                None => write!(path, "M{} {}.5h{}", start + quiet, y + quiet, x - start),
                Some(end) => write!(path, "m{} 0h{}", start - end, x - start),
            };
            pen = Some(x);
        }
    }
    Some(format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" "#,
            r#"shape-rendering="crispEdges" role="img" aria-label="{label}">"#,
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
            r##"<path stroke="#000" d="{path}"/></svg>"##
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
        // Replays the path: "M x y.5" starts a row, "m dx 0" moves right, "h n" draws n modules.
        let letters = d.chars().filter(char::is_ascii_alphabetic);
        let arguments = d.split(|c: char| c.is_ascii_alphabetic()).skip(1);
        let commands: Vec<(char, Vec<f64>)> = letters
            .zip(arguments)
            .map(|(c, text)| {
                let args = text
                    .split(' ')
                    .map(|n| n.parse().expect("number"))
                    .collect();
                (c, args)
            })
            .collect();
        let (mut x, mut y) = (0usize, 0usize);
        for (cmd, args) in commands {
            match cmd {
                'M' => {
                    assert_eq!(args[1].fract(), 0.5, "lines run through module centres");
                    x = args[0] as usize - 4;
                    y = args[1] as usize - 4;
                }
                'm' => x += args[0] as usize,
                'h' => {
                    let n = args[0] as usize;
                    for i in x..x + n {
                        drawn[y * w + i] = true;
                    }
                    x += n;
                }
                other => panic!("unexpected command {other} in {d}"),
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
