//! QR codes of page addresses for printed place and offer pages, as inline SVG made at build
//! time: a printed sheet on a classroom wall leads back to the page without typing, and the
//! page needs no script or image request for it.

use std::fmt::Write;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// The eight mask patterns of (non-micro) QR codes.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of the QR code of `text` (width, row by row).
///
/// The QR standard lets an encoder pick any of eight masks; the `qrcode` crate scores all
/// eight with the standard's penalty rules, which took half of a whole site build's time. Here
/// the mask with the fewest dark runs wins: that is a cheap count, gives the smallest SVG, and
/// any mask is a valid code (checked by decoding every sample page's code with zbarimg).
fn modules(text: &str) -> Option<(usize, Vec<Color>)> {
    // Level M survives a crease or a smudge on paper and keeps URLs of this site small.
    let ec_level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), ec_level).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
    let mut unmasked = Canvas::new(version, ec_level);
    unmasked.draw_all_functional_patterns();
    unmasked.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    MASKS
        .iter()
        .map(|&mask| {
            let mut canvas = unmasked.clone();
            canvas.apply_mask(mask);
            canvas.into_colors()
        })
        .min_by_key(|colors| dark_runs(width, colors))
        .map(|colors| (width, colors))
}

/// How many horizontal runs of dark modules: the number of lines the SVG draws.
fn dark_runs(width: usize, colors: &[Color]) -> usize {
    colors
        .chunks(width)
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|&(x, c)| *c == Color::Dark && (x == 0 || row[x - 1] != Color::Dark))
                .count()
        })
        .sum()
}

/// An SVG of the QR code of `text`: one stroked path, one horizontal line per run of dark
/// modules, written with relative moves inside a row (about half the bytes of one filled
/// rectangle per run, which matters on thousands of pages). `label` becomes the SVG's
/// accessible name. None if the text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let (width, colors) = modules(text)?;
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
        label = crate::format::escape_html(label),
        path = path
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules the SVG path draws, replayed from its commands: "M x y.5" starts a row,
    /// "m dx 0" moves right, "h n" draws n modules. Returns (size with quiet zone, modules).
    fn replay(svg: &str) -> (usize, Vec<bool>) {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("viewBox");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("path");
        let mut drawn = vec![false; size * size];
        let letters = d.chars().filter(char::is_ascii_alphabetic);
        let arguments = d.split(|c: char| c.is_ascii_alphabetic()).skip(1);
        let (mut x, mut y) = (0usize, 0usize);
        for (cmd, text) in letters.zip(arguments) {
            let args: Vec<f64> = text
                .split(' ')
                .map(|n| n.parse().expect("number"))
                .collect();
            match cmd {
                'M' => {
                    assert_eq!(args[1].fract(), 0.5, "lines run through module centres");
                    x = args[0] as usize;
                    y = args[1] as usize;
                }
                'm' => x += args[0] as usize,
                'h' => {
                    let n = args[0] as usize;
                    for i in x..x + n {
                        drawn[y * size + i] = true;
                    }
                    x += n;
                }
                other => panic!("unexpected command {other} in {d}"),
            }
        }
        (size, drawn)
    }

    /// Renders the drawn modules as a picture (4 pixels a module) and reads it with an
    /// independent decoder, as a phone camera would.
    fn scan(svg: &str) -> String {
        let (size, drawn) = replay(svg);
        let scale = 4;
        let pixels = size * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
            if drawn[(y / scale) * size + x / scale] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the picture");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn codes_scan_back_to_their_urls() {
        // Different lengths give different versions, and different contents pick different
        // masks.
        let urls: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "https://natur-erleben.example.org/{}/{}-{i}/",
                    if i % 2 == 0 { "lernorte" } else { "angebote" },
                    "wald-".repeat(i % 7 + 1)
                )
            })
            .collect();
        for url in &urls {
            let svg = svg(url, "QR-Code").expect("encodes");
            assert_eq!(scan(&svg), *url);
        }
    }

    #[test]
    fn path_draws_exactly_the_encoded_modules() {
        let url = "https://natur-erleben.example/lernorte/jugendfarm-elsental/";
        let (width, colors) = modules(url).expect("encodes");
        let (size, drawn) = replay(&svg(url, "QR-Code").expect("encodes"));
        assert_eq!(size, width + 8, "four modules of quiet zone on each side");
        for y in 0..size {
            for x in 0..size {
                let inside = (4..width + 4).contains(&x) && (4..width + 4).contains(&y);
                let dark = inside && colors[(y - 4) * width + (x - 4)] == Color::Dark;
                assert_eq!(drawn[y * size + x], dark, "module {x},{y}");
            }
        }
    }

    #[test]
    fn the_mask_with_the_fewest_runs_is_chosen() {
        let url = "https://natur-erleben.example.org/angebote/apfelsaft-selbst-gepresst/";
        let (width, chosen) = modules(url).expect("encodes");
        let bits = qrcode::bits::encode_auto(url.as_bytes(), EcLevel::M).expect("bits");
        let version = bits.version();
        let (data, ec) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).expect("ec");
        let runs: Vec<usize> = MASKS
            .iter()
            .map(|&mask| {
                let mut c = Canvas::new(version, EcLevel::M);
                c.draw_all_functional_patterns();
                c.draw_data(&data, &ec);
                c.apply_mask(mask);
                dark_runs(width, &c.into_colors())
            })
            .collect();
        assert_eq!(dark_runs(width, &chosen), *runs.iter().min().expect("runs"));
        assert!(runs.iter().any(|&r| r != runs[0]), "masks differ: {runs:?}");
    }

    #[test]
    fn label_is_escaped() {
        let svg = svg("x", "a\"<b>").expect("encodes");
        assert!(svg.contains("aria-label=\"a&quot;&lt;b&gt;\""));
    }
}
