//! QR codes of page addresses for printed place and offer pages, as inline SVG made at build
//! time: a printed sheet on a classroom wall leads back to the page without typing, and the
//! page needs no script or image request for it.

use std::fmt::Write;
use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::types::Version;
use qrcode::{Color, EcLevel};

/// Level M survives a crease or a smudge on paper and keeps URLs of this site small.
const EC_LEVEL: EcLevel = EcLevel::M;

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

/// The widest code (version 40) and the most 64-bit words its modules take, a row each
/// rounded up to whole words.
const MAX_WIDTH: usize = 177;
const MAX_WORDS: usize = MAX_WIDTH * MAX_WIDTH.div_ceil(64);

/// What every code of one version has in common, worked out with the `qrcode` crate once per
/// version and process. Modules are bits, one row after the other, each row in `words`
/// 64-bit words (module x of row y is bit x % 64 of word y * words + x / 64, 1 is dark; the
/// bits past the width are 0).
struct Layout {
    width: usize,
    words: usize,
    /// The bit index (y * words * 64 + x) of each data module, in the order the data and
    /// error correction bits fill them (the crate's `Canvas::draw_data`).
    order: Vec<u16>,
    /// For each of `MASKS`: the code with no data (all data modules light) and that mask
    /// applied, as the crate's `Canvas::apply_mask` does it: the functional patterns, the
    /// format information (which names the mask), and the mask's dark modules on the data
    /// modules. Data modules are not functional, so a code with data is this XOR its dark
    /// data modules.
    masked: [Vec<u64>; 8],
}

impl Layout {
    /// The layout of a normal QR code of `version` (1 to 40) at `EC_LEVEL`.
    fn of(version: i16) -> Option<&'static Layout> {
        static LAYOUTS: [OnceLock<Layout>; 40] = [const { OnceLock::new() }; 40];
        let cell = LAYOUTS.get(usize::try_from(version).ok()?.checked_sub(1)?)?;
        Some(cell.get_or_init(|| Layout::new(Version::Normal(version))))
    }

    fn new(version: Version) -> Layout {
        let width = usize::try_from(version.width()).expect("width of a QR version");
        let words = width.div_ceil(64);
        let mut functional = Canvas::new(version, EC_LEVEL);
        functional.draw_all_functional_patterns();
        let bit = |x: usize, y: usize| u16::try_from(y * words * 64 + x).expect("fits");
        let is_data = |x: usize, y: usize| {
            let (x, y) = (i16::try_from(x).expect("x"), i16::try_from(y).expect("y"));
            functional.get(x, y) == Module::Empty
        };
        // Pairs of columns from the right, upwards and downwards in turn, the right module of
        // a pair first; the vertical timing pattern in column 6 is skipped (ISO 18004 7.7.3).
        let mut order = Vec::with_capacity(width * width);
        let mut upwards = true;
        let mut right = width - 1;
        loop {
            if right == 6 {
                right = 5;
            }
            for i in 0..width {
                let y = if upwards { width - 1 - i } else { i };
                for x in [right, right - 1] {
                    if is_data(x, y) {
                        order.push(bit(x, y));
                    }
                }
            }
            upwards = !upwards;
            if right < 2 {
                break;
            }
            right -= 2;
        }
        let masked = MASKS.map(|mask| {
            let mut canvas = functional.clone();
            canvas.apply_mask(mask);
            let mut bits = vec![0; width * words];
            for (y, row) in canvas.into_colors().chunks(width).enumerate() {
                for (x, &color) in row.iter().enumerate() {
                    if color == Color::Dark {
                        bits[y * words + x / 64] |= 1 << (x % 64);
                    }
                }
            }
            bits
        });
        Layout {
            width,
            words,
            order,
            masked,
        }
    }

    /// Sets the bits of the dark data modules of `codewords` (data, then error correction,
    /// each byte from its highest bit) in `bits`; data modules left over stay light.
    fn place(&self, codewords: &[&[u8]], bits: &mut [u64]) {
        let bytes = codewords.iter().flat_map(|c| c.iter());
        for (&byte, modules) in bytes.zip(self.order.chunks(8)) {
            for (i, &module) in modules.iter().enumerate() {
                if byte & (0x80 >> i) != 0 {
                    bits[usize::from(module) / 64] |= 1 << (module % 64);
                }
            }
        }
    }

    /// The mask with the fewest horizontal dark runs over the final modules (the first of
    /// `MASKS` on a tie), given the dark data modules.
    fn best_mask(&self, data: &[u64]) -> usize {
        let mut best = (0, u32::MAX);
        for (mask, masked) in self.masked.iter().enumerate() {
            let mut runs = 0;
            for (masked, data) in masked
                .chunks_exact(self.words)
                .zip(data.chunks_exact(self.words))
            {
                // A run starts at a dark module whose left neighbour is light.
                let mut left = 0;
                for (&masked, &data) in masked.iter().zip(data) {
                    let dark = masked ^ data;
                    runs += (dark & !(dark << 1 | left)).count_ones();
                    left = dark >> 63;
                }
            }
            if runs < best.1 {
                best = (mask, runs);
            }
        }
        best.0
    }
}

/// The modules of the QR code of `text`: its layout and, in the first `width * words` of
/// the returned words, its modules (1 is dark).
///
/// The QR standard lets an encoder pick any of eight masks; the `qrcode` crate scores all
/// eight with the standard's penalty rules, which took half of a whole site build's time. Here
/// the mask with the fewest dark runs wins: that is a cheap count, gives the smallest SVG, and
/// any mask is a valid code (checked by decoding every sample page's code with zbarimg). The
/// runs of all eight masks are counted on bits, 64 modules at a time.
fn modules(text: &str) -> Option<(&'static Layout, [u64; MAX_WORDS])> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EC_LEVEL).ok()?;
    // encode_auto makes normal codes only, never micro ones.
    let Version::Normal(number) = bits.version() else {
        return None;
    };
    let (data, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), Version::Normal(number), EC_LEVEL)
            .ok()?;
    let layout = Layout::of(number)?;
    let mut modules = [0; MAX_WORDS];
    let modules_of_code = &mut modules[..layout.width * layout.words];
    layout.place(&[&data, &ec], modules_of_code);
    let mask = layout.best_mask(modules_of_code);
    for (module, masked) in modules_of_code.iter_mut().zip(&layout.masked[mask]) {
        *module ^= masked;
    }
    Some((layout, modules))
}

/// Calls `run(start, end)` for each run of set bits in `row`, from the left.
fn for_each_run(row: &[u64], mut run: impl FnMut(usize, usize)) {
    /// The first bit at or after `from` that is `set`.
    fn next(row: &[u64], from: usize, set: bool) -> Option<usize> {
        let flip = if set { 0 } else { u64::MAX };
        let mut i = from / 64;
        let mut word = (row.get(i)? ^ flip) & (u64::MAX << (from % 64));
        loop {
            if word != 0 {
                return Some(i * 64 + word.trailing_zeros() as usize);
            }
            i += 1;
            word = row.get(i)? ^ flip;
        }
    }
    let mut x = 0;
    while let Some(start) = next(row, x, true) {
        x = next(row, start, false).unwrap_or(row.len() * 64);
        run(start, x);
    }
}

/// Appends `n` in decimal (all numbers of a code are below 1000; larger ones take the slow
/// way).
#[inline]
fn push_number(out: &mut String, n: usize) {
    let digit = |d: usize| char::from(b'0' + (d % 10) as u8);
    if n >= 100 {
        if n >= 1000 {
            let _ = write!(out, "{n}");
            return;
        }
        out.push(digit(n / 100));
    }
    if n >= 10 {
        out.push(digit(n / 10));
    }
    out.push(digit(n));
}

/// An SVG of the QR code of `text`: one stroked path, one horizontal line per run of dark
/// modules, written with relative moves inside a row (about half the bytes of one filled
/// rectangle per run, which matters on thousands of pages). `label` becomes the SVG's
/// accessible name. None if the text is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let (layout, modules) = modules(text)?;
    let (width, words) = (layout.width, layout.words);
    // Four modules of quiet zone on every side, as the standard asks.
    let quiet = 4;
    let size = width + 2 * quiet;
    let label = crate::format::escape_html(label);
    // A run takes at most "m999 0h999", a row's first one "M999 999.5h999".
    let runs: usize = modules[..width * words]
        .iter()
        .map(|w| (w & !(w << 1)).count_ones() as usize + 1)
        .sum();
    let mut out = String::with_capacity(300 + label.len() + 14 * runs);
    out.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#);
    push_number(&mut out, size);
    out.push(' ');
    push_number(&mut out, size);
    out.push_str(r#"" shape-rendering="crispEdges" role="img" aria-label=""#);
    out.push_str(&label);
    out.push_str(r#""><rect width=""#);
    push_number(&mut out, size);
    out.push_str(r#"" height=""#);
    push_number(&mut out, size);
    out.push_str(r##"" fill="#fff"/><path stroke="#000" d=""##);
    for (y, row) in modules[..width * words].chunks_exact(words).enumerate() {
        // End of the previous run in this row, for relative moves.
        let mut pen: Option<usize> = None;
        for_each_run(row, |start, end| {
            match pen {
                // The stroke is centred on the line, so a row's line runs through y + 0.5.
                None => {
                    out.push('M');
                    push_number(&mut out, start + quiet);
                    out.push(' ');
                    push_number(&mut out, y + quiet);
                    out.push_str(".5h");
                }
                Some(pen) => {
                    out.push('m');
                    push_number(&mut out, start - pen);
                    out.push_str(" 0h");
                }
            }
            push_number(&mut out, end - start);
            pen = Some(end);
        });
    }
    out.push_str(r#""/></svg>"#);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules of the code of `text` that `svg` draws, as colours (width, row by row).
    fn colors(text: &str) -> Option<(usize, Vec<Color>)> {
        let (layout, modules) = modules(text)?;
        Some((layout.width, layout_colors(layout, &modules)))
    }

    /// Module bits of `layout` as colours, row by row.
    fn layout_colors(layout: &Layout, bits: &[u64]) -> Vec<Color> {
        let width = layout.width;
        (0..width * width)
            .map(|i| {
                let (x, y) = (i % width, i / width);
                if bits[y * layout.words + x / 64] >> (x % 64) & 1 == 1 {
                    Color::Dark
                } else {
                    Color::Light
                }
            })
            .collect()
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
        let (width, colors) = colors(url).expect("encodes");
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
        let (width, chosen) = colors(url).expect("encodes");
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

    /// The mask choice as first written (kept as the reference the faster code must match):
    /// each of the eight masks applied by the `qrcode` crate to a copy of the canvas, the one
    /// with the fewest horizontal dark runs winning, the first in `MASKS` order on a tie.
    fn modules_reference(text: &str) -> Option<(usize, Vec<Color>)> {
        let ec_level = EcLevel::M;
        let bits = qrcode::bits::encode_auto(text.as_bytes(), ec_level).ok()?;
        let version = bits.version();
        let (data, ec) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
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

    /// The SVG as first written, from the modules of `modules_reference`.
    fn svg_reference(text: &str, label: &str) -> Option<String> {
        let (width, colors) = modules_reference(text)?;
        let quiet = 4;
        let size = width + 2 * quiet;
        let mut path = String::new();
        for (y, row) in colors.chunks(width).enumerate() {
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

    /// Varied page addresses: lengths from about 20 to 300 characters (versions 2 to 13 at
    /// level M), percent-encoded umlauts, query strings, digits and upper case (other
    /// encoding modes), so that many versions and all eight masks get chosen.
    fn sample_urls() -> Vec<String> {
        let words = [
            "wald",
            "bach",
            "%C3%BCber",
            "m%C3%BChle",
            "stra%C3%9Fe",
            "gr%C3%BCnes-klassenzimmer",
            "bopser",
            "2024",
            "AB-12",
            "imker",
            "obst",
            "feld",
            "schaf",
            "%C3%B6kologie",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..500)
            .map(|i| {
                let target = 20 + (i * 281 / 499);
                let mut url = String::from(if i % 3 == 0 { "https://" } else { "http://" });
                url.push_str(["natur-erleben-stuttgart.de", "lernorte.example.org", "x.de"][i % 3]);
                url.push('/');
                while url.len() < target {
                    let word = words[(next() % words.len() as u64) as usize];
                    url.push_str(word);
                    url.push(match next() % 5 {
                        0 => '/',
                        1 => '?',
                        2 => '=',
                        _ => '-',
                    });
                }
                url.truncate(target);
                url
            })
            .collect()
    }

    #[test]
    fn svg_matches_the_reference_for_many_urls() {
        let urls = sample_urls();
        let mut versions = std::collections::BTreeSet::new();
        for url in &urls {
            let expected = svg_reference(url, "QR-Code").expect("encodes");
            assert_eq!(svg(url, "QR-Code").as_deref(), Some(&*expected), "{url}");
            versions.insert(modules_reference(url).expect("encodes").0);
        }
        assert!(versions.len() >= 8, "many versions: {versions:?}");
        assert_eq!(svg("", "x"), svg_reference("", "x"));
    }

    /// Big versions (coordinates of three digits, rows of two and three words) and a text too
    /// long for any version.
    #[test]
    fn svg_matches_the_reference_for_long_texts() {
        let mut versions = Vec::new();
        for length in [400, 700, 1000, 1300, 1700, 2000, 2331, 2332, 4000] {
            let text: String = (0..length)
                .map(|i: usize| char::from(b'a' + u8::try_from(i * 7 % 26).expect("letter")))
                .collect();
            assert_eq!(
                svg(&text, "QR"),
                svg_reference(&text, "QR"),
                "{length} characters"
            );
            versions.push(colors(&text).map(|(width, _)| (width - 17) / 4));
        }
        assert_eq!(versions[0], Some(15));
        assert_eq!(versions[6], Some(40), "{versions:?}");
        assert_eq!(versions[7], None, "too long: {versions:?}");
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 1, 9, 10, 42, 99, 100, 185, 999, 1000, 12345, usize::MAX] {
            let mut out = String::from("x");
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    /// Data placement, format information and all eight masks of every version agree with the
    /// crate's `draw_data` and `apply_mask`, with codewords that fill all data modules and
    /// with too few (data modules left empty, as the remainder bits are).
    #[test]
    fn every_mask_matches_the_crate_in_every_version() {
        let mut seed: u32 = 12345;
        let mut byte = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as u8
        };
        for number in 1..=40 {
            let version = Version::Normal(number);
            let layout = Layout::of(number).expect("layout");
            assert_eq!(
                layout.width,
                usize::try_from(version.width()).expect("width")
            );
            let capacity = layout.order.len() / 8;
            for (data_len, ec_len) in [(capacity / 2, capacity), (capacity / 3, capacity / 3)] {
                let data: Vec<u8> = (0..data_len).map(|_| byte()).collect();
                let ec: Vec<u8> = (0..ec_len).map(|_| byte()).collect();
                let mut unmasked = Canvas::new(version, EC_LEVEL);
                unmasked.draw_all_functional_patterns();
                unmasked.draw_data(&data, &ec);
                let mut bits = vec![0; layout.width * layout.words];
                layout.place(&[&data, &ec], &mut bits);
                for (mask, &pattern) in MASKS.iter().enumerate() {
                    let mut canvas = unmasked.clone();
                    canvas.apply_mask(pattern);
                    let ours: Vec<u64> = bits
                        .iter()
                        .zip(&layout.masked[mask])
                        .map(|(d, m)| d ^ m)
                        .collect();
                    assert!(
                        layout_colors(layout, &ours) == canvas.into_colors(),
                        "version {number}, mask {mask}, {data_len} + {ec_len} bytes"
                    );
                }
            }
        }
    }

    #[test]
    fn label_is_escaped() {
        let svg = svg("x", "a\"<b>").expect("encodes");
        assert!(svg.contains("aria-label=\"a&quot;&lt;b&gt;\""));
    }
}
