//! Writing the output folder: a rebuild leaves files whose bytes did not change untouched
//! (same inode, same modification time), so rsync and caches see only what changed, and it
//! still replaces the folder in one step.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

fn run_build(root: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lernorte"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run lernorte")
}

fn build(root: &Path, out: &Path) {
    let output = run_build(root, out);
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Hidden entries of `dir`: the staging and old folders a build makes beside its output.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (meta.ino(), meta.modified().expect("modification time"))
}

#[cfg(unix)]
#[test]
fn rebuild_keeps_unchanged_files_and_replaces_changed_ones() {
    let site = TestSite::mini();
    let out = site.tmp().join("out");
    build(site.root(), &out);
    let unchanged_page = out.join("lernorte/stadtgarten-mitte/index.html");
    let changed_page = out.join("lernorte/tierpark-neckar/index.html");
    let static_file = out.join("css/style.css");
    let before: Vec<_> = [&unchanged_page, &changed_page, &static_file]
        .into_iter()
        .map(|p| identity(p))
        .collect();
    let old_text = fs::read_to_string(&changed_page).expect("page");

    // Change one place's short text: its page and the pages listing it change, nothing else.
    let place = site.read("places/tierpark-neckar.yaml");
    site.write(
        "places/tierpark-neckar.yaml",
        &place.replace(
            "kurzbeschreibung: Ein kleiner Tierpark",
            "kurzbeschreibung: Ein neuer kleiner Tierpark",
        ),
    );
    // Coarse file-system clocks would hide a rewrite of the unchanged files.
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(site.root(), &out);

    assert_eq!(
        identity(&unchanged_page),
        before[0],
        "unchanged page rewritten"
    );
    assert_eq!(identity(&static_file), before[2], "static file rewritten");
    assert_ne!(
        identity(&changed_page).0,
        before[1].0,
        "changed page not replaced"
    );
    let new_text = fs::read_to_string(&changed_page).expect("page");
    assert_ne!(new_text, old_text);
    assert!(new_text.contains("Ein neuer kleiner Tierpark"));

    // The old folder and the staging folder are gone; only the output remains.
    let left = leftovers(site.tmp());
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn rebuild_into_a_fresh_folder_writes_everything() {
    let site = TestSite::mini();
    let first = site.tmp().join("eins");
    let second = site.tmp().join("zwei");
    build(site.root(), &first);
    build(site.root(), &second);
    // Two outputs of the same site are equal byte for byte, and hold what the build made.
    let tree = read_tree(&first);
    assert_eq!(tree, read_tree(&second));
    // The command line builds for today, like BuildOptions::new.
    let built = build_ok(&lernorte::BuildOptions::new(site.root()));
    assert!(built.files.len() > 20);
    for (path, bytes) in &built.files {
        assert!(tree.get(path) == Some(bytes), "{path} differs on disk");
    }
    // Nothing more either: the files on disk are the build's and the folder's marker.
    let extra: Vec<&String> = tree
        .keys()
        .filter(|p| !built.files.contains_key(*p) && *p != lernorte::write::MARKER)
        .collect();
    assert!(extra.is_empty(), "{extra:?}");
}

/// Pages are written as they are rendered; a page that fails to render must still leave the
/// previous output as it was, and no half-written folder behind.
#[cfg(unix)]
#[test]
fn a_page_that_fails_to_render_keeps_the_previous_output() {
    let site = TestSite::mini();
    let out = site.tmp().join("out");
    build(site.root(), &out);
    let home = out.join("index.html");
    let offer_pages = || -> Vec<_> {
        fs::read_dir(out.join("angebote"))
            .expect("offers folder")
            .filter_map(Result::ok)
            .map(|e| e.path().join("index.html"))
            .filter(|p| p.is_file())
            .map(|p| (identity(&p), fs::read(&p).expect("page")))
            .collect()
    };
    let home_before = (identity(&home), fs::read(&home).expect("home"));
    let offers_before = offer_pages();
    assert!(!offers_before.is_empty());

    // Every other page renders (and is written to the new folder) before or beside the ones
    // that fail.
    site.write("templates/angebot.html", "{{ gibt_es_nicht.feld }}\n");
    let output = run_build(site.root(), &out);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.status.success(), "{text}");
    assert!(text.contains("templates/angebot.html"), "{text}");
    assert!(text.contains("bleibt unverändert"), "{text}");

    assert_eq!(
        (identity(&home), fs::read(&home).expect("home")),
        home_before
    );
    assert_eq!(offer_pages(), offers_before);
    let left = leftovers(site.tmp());
    assert!(left.is_empty(), "{left:?}");
}
