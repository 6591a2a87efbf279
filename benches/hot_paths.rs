//! Micro-benchmarks of the build's hot paths (issue 8), on sites written by
//! `examples/gen-site.rs` (included below as a module, so the data is the one `bench/run.sh`
//! measures end to end):
//!
//! - `yaml/place`: parse one place file into its record (with the source map for positions);
//! - `markdown/offer_body`: render one offer's Markdown body to sanitized HTML;
//! - `render/*`: pages through the public `render::render_pages`. There is no public call that
//!   renders exactly one page, so `one_page_1k` renders the pages one changed free page touches
//!   (one page), which includes the per-call set-up over the whole site that every preview
//!   rebuild pays; `place_edit_1k` is the preview's one-place edit; `all_pages_100` is a full
//!   render of a small site;
//! - `search/index_1k`: build the search index of a 1,000-place site and its files;
//! - `build_in_memory/100`: the whole pipeline without writing, on a 100-place site;
//! - `qr/svg`: the inline-SVG QR code of one page address, made for every place and offer page.
//!
//! ```sh
//! cargo bench --bench hot_paths              # full runs
//! cargo bench --bench hot_paths -- --quick   # a quick look
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lernorte::model::place::PlaceFile;
use lernorte::render::cards::CardCache;
use lernorte::render::changes::Changes;
use lernorte::{BuildOptions, Validated};

#[allow(dead_code)]
#[path = "../examples/gen-site.rs"]
mod gen_site;

/// A generated lernorte site in a temporary folder (removed when dropped).
struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    fn new(places: usize) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        gen_site::write_site(
            places,
            1,
            gen_site::Format::Lernorte,
            dir.path(),
            Some(&themes),
            false,
        )
        .expect("generating the test site");
        TestSite { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn validated(&self) -> Validated {
        let v = lernorte::load_and_validate(&BuildOptions::new(self.root()))
            .expect("generated site loads");
        assert!(!v.has_errors(), "the generated site has errors");
        v
    }

    /// The first file (by name) in a folder of the site, as (relative path, text).
    fn first_file(&self, dir: &str) -> (PathBuf, String) {
        let mut names: Vec<_> = std::fs::read_dir(self.root().join(dir))
            .expect("folder of the generated site")
            .map(|e| e.expect("folder entry").file_name())
            .collect();
        names.sort();
        let rel = Path::new(dir).join(&names[0]);
        let text = std::fs::read_to_string(self.root().join(&rel)).expect("readable file");
        (rel, text)
    }
}

fn parsing(c: &mut Criterion, site: &TestSite) {
    let (place_path, place_text) = site.first_file("places");
    c.bench_function("yaml/place", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            let parsed = lernorte::yaml::parse::<PlaceFile>(
                &place_path,
                black_box(&place_text),
                0,
                &mut diags,
            );
            assert!(parsed.is_some() && diags.is_empty());
            parsed
        })
    });

    let (_, offer_text) = site.first_file("content/angebote");
    // The body follows the closing `---` of the front matter.
    let body = offer_text
        .splitn(3, "---\n")
        .nth(2)
        .expect("offer file with front matter")
        .to_string();
    c.bench_function("markdown/offer_body", |b| {
        b.iter(|| lernorte::markdown::render(black_box(&body), "/"))
    });
}

fn rendering(c: &mut Criterion, small: &TestSite, site: &TestSite) {
    let mut group = c.benchmark_group("render");
    group.sample_size(10);

    let v = small.validated();
    let (s, theme) = (v.site.as_ref().unwrap(), v.theme.as_ref().unwrap());
    group.bench_function("all_pages_100", |b| {
        b.iter(|| {
            lernorte::render::render_pages(s, theme, &CardCache::default(), &Changes::all())
                .expect("renders")
        })
    });

    let v = site.validated();
    let (s, theme) = (v.site.as_ref().unwrap(), v.theme.as_ref().unwrap());
    // Cards of a first build, as the preview keeps them between rebuilds.
    let cards = CardCache::default();
    lernorte::render::render_pages(s, theme, &cards, &Changes::all()).expect("renders");

    let mut one_page = Changes::default();
    one_page.pages.insert(s.pages[0].slug.clone());
    let rendered = lernorte::render::render_pages(s, theme, &cards, &one_page).expect("renders");
    assert_eq!(rendered.len(), 1, "one changed free page renders one page");
    group.bench_function("one_page_1k", |b| {
        b.iter(|| lernorte::render::render_pages(s, theme, &cards, &one_page).expect("renders"))
    });

    let mut place_edit = Changes::default();
    place_edit.places.insert(s.places[0].slug.clone());
    group.bench_function("place_edit_1k", |b| {
        b.iter(|| lernorte::render::render_pages(s, theme, &cards, &place_edit).expect("renders"))
    });
    group.finish();
}

fn search(c: &mut Criterion, site: &TestSite) {
    let v = site.validated();
    let s = v.site.as_ref().unwrap();
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("index_1k", |b| {
        b.iter(|| {
            let index = lernorte::search::SearchIndex::build(black_box(s));
            lernorte::search::output::files(&index)
        })
    });
    group.finish();
}

fn whole_build(c: &mut Criterion, small: &TestSite) {
    let options = BuildOptions::new(small.root());
    let mut group = c.benchmark_group("build_in_memory");
    group.sample_size(10);
    group.bench_function("100", |b| {
        b.iter(|| lernorte::build_in_memory(&options).expect("builds"))
    });
    group.finish();
}

fn qr(c: &mut Criterion) {
    let url = "https://natur-erleben-stuttgart.de/angebote/abenteuer-boden-am-bopser/";
    c.bench_function("qr/svg", |b| {
        b.iter(|| lernorte::render::qr::svg(black_box(url), "QR-Code der Adresse dieser Seite"))
    });
}

fn hot_paths(c: &mut Criterion) {
    qr(c);
    let small = TestSite::new(100);
    let site = TestSite::new(1000);
    parsing(c, &site);
    rendering(c, &small, &site);
    search(c, &site);
    whole_build(c, &small);
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5));
    targets = hot_paths
}
criterion_main!(benches);
