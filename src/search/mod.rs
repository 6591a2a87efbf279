//! Full-text and faceted search over places and offers, built for German.
//!
//! The index is made here, at build time; the browser only loads the parts a query needs and
//! looks keys up. `text` folds, cuts and stems words, `compound` splits compounds, `index`
//! builds keys, weights and facets, `query` is the matcher (the reference the browser's
//! script follows), and `output` writes the index as small files.

pub mod compound;
pub mod index;
pub mod output;
pub mod query;
pub mod text;

pub use index::{DocKind, Facet, SearchIndex};
pub use query::{Hit, Selection, selection};
