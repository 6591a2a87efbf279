//! Files besides HTML pages: the GeoJSON of places, the district boundaries, the sitemap,
//! robots.txt, the calendars, the Atom feed, the open data below `/daten/`, and the static
//! assets of the theme and the site.

mod feed;
mod geojson_out;
pub mod ics;
pub mod open_data;
mod sitemap;

use std::path::{Path, PathBuf};

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

/// Data files generated from the model.
pub fn data_files(site: &Site) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::text(PLACES_GEOJSON, places_geojson(site)),
        OutputFile::text("stadtbezirke.geojson", BOUNDARIES_GEOJSON.to_string()),
        OutputFile::text("sitemap.xml", sitemap(site)),
        OutputFile::text(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                site.config.base_url
            ),
        ),
        OutputFile::text(FEED, atom_feed(site)),
    ];
    files.extend(ics::calendars(site));
    files.extend(open_data::files(site));
    files
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
