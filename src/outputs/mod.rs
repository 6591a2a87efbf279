//! Files besides HTML pages: the GeoJSON of places, the district boundaries, the sitemap,
//! robots.txt, the calendars, the Atom feed, the open data below `/daten/`, and the static
//! assets of the theme and the site.

mod feed;
mod geojson_out;
pub mod ics;
pub mod open_data;
mod sitemap;

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::model::Site;
use crate::model::districts::BOUNDARIES_GEOJSON;
use crate::render::{Content, OutputFile};

pub use feed::{FEED, FEED_LIMIT, atom_feed};
pub use geojson_out::places_geojson;
pub use sitemap::sitemap;

/// The places as GeoJSON, which the map loads.
pub const PLACES_GEOJSON: &str = "lernorte.geojson";

/// The absolute URL of a path below the site (`path` without a leading `/`).
fn absolute(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url)
}

/// Data files generated from the model, sorted by path.
pub fn data_files(site: &Site) -> Vec<OutputFile> {
    let files = Mutex::new(Vec::new());
    let put = |f: OutputFile| {
        files.lock().unwrap_or_else(PoisonError::into_inner).push(f);
        Ok::<(), Infallible>(())
    };
    let Ok(_) = each_data_file(site, put);
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Makes the data files, several at once, and hands each to `each` as soon as it is made, so
/// that they are never all in memory together (on a large site they are hundreds of MB).
/// Returns how many there were, or the first error of `each`.
pub fn each_data_file<E: Send>(
    site: &Site,
    each: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<usize, E> {
    type Make<'a> = Box<dyn Fn() -> OutputFile + Send + Sync + 'a>;
    let files: Vec<Make> = vec![
        Box::new(|| OutputFile::text(PLACES_GEOJSON, places_geojson(site))),
        Box::new(|| OutputFile::text("stadtbezirke.geojson", BOUNDARIES_GEOJSON.to_string())),
        Box::new(|| OutputFile::text("sitemap.xml", sitemap(site))),
        Box::new(|| {
            OutputFile::text(
                "robots.txt",
                format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                    site.config.base_url
                ),
            )
        }),
        Box::new(|| OutputFile::text(FEED, atom_feed(site))),
        Box::new(|| ics::all_offers_calendar(site)),
        Box::new(|| OutputFile::bytes(open_data::PLACES_CSV, open_data::places_csv(site))),
        Box::new(|| OutputFile::text(open_data::PLACES_JSON, open_data::places_json(site))),
        Box::new(|| OutputFile::text(open_data::OFFERS_JSON, open_data::offers_json(site))),
        Box::new(|| {
            OutputFile::bytes(
                open_data::COVERAGE_CSV,
                crate::coverage::Coverage::of(site).csv(),
            )
        }),
    ];
    let count = files.len();
    files.par_iter().try_for_each(|make| each(make()))?;
    let dated: Vec<_> = site
        .offers
        .iter()
        .filter(|o| !o.termine.is_empty())
        .collect();
    dated
        .par_iter()
        .try_for_each(|o| each(ics::offer_calendar(site, o)))?;
    Ok(count + dated.len())
}

/// Every file below the static folders, later folders overriding earlier ones.
pub fn static_files(root: &Path, dirs: &[PathBuf]) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = Vec::new();
    for dir in dirs {
        let abs = root.join(dir);
        if !abs.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&abs)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::load::is_ignored_name(&name) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&abs) else {
                continue;
            };
            let path = rel.to_string_lossy().replace('\\', "/");
            files.retain(|f| f.path != path);
            files.push(OutputFile {
                path,
                content: Content::Copy(entry.path().to_path_buf()),
            });
        }
    }
    files
}
