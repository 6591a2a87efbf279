//! Free pages (`content/<slug>.md`): about, imprint, privacy, accessibility statement, ...

use std::path::PathBuf;

use serde::Deserialize;

use crate::yaml::Text;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub titel: Option<Text>,
    pub beschreibung: Option<Text>,
    /// Position in the footer menu; pages without it are not listed there.
    pub menue: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub slug: String,
    pub file: PathBuf,
    pub titel: String,
    pub beschreibung: Option<String>,
    pub menue: Option<i32>,
    pub inhalt_html: String,
}
