//! The in-memory site: validated places, offers and pages, and the indexes between them.
//!
//! Built once per build by `validate`; rendering only reads it.

pub mod districts;
pub mod offer;
pub mod page;
pub mod place;
pub mod vocab;

use chrono::NaiveDate;
use std::sync::Arc;

use crate::config::SiteConfig;
use districts::Districts;
use offer::Offer;
use page::Page;
use place::Place;

/// Everything a build renders.
pub struct Site {
    pub config: SiteConfig,
    pub districts: &'static Districts,
    /// Sorted by name. Shared with the preview's memo, so that a rebuild neither copies nor
    /// compares field by field the records that did not change.
    pub places: Vec<Arc<Place>>,
    /// Sorted by title. Shared like `places`.
    pub offers: Vec<Arc<Offer>>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// For each place (same index), its offers (indexes into `offers`).
    pub offers_by_place: Vec<Vec<usize>>,
    /// The day "upcoming" dates are counted from.
    pub today: NaiveDate,
}

/// The four taxonomies that get listing pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    Bezirke,
    Themen,
    Zielgruppen,
    Kategorien,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Bezirke,
        Taxonomy::Themen,
        Taxonomy::Zielgruppen,
        Taxonomy::Kategorien,
    ];

    /// The URL segment and `art` value.
    pub fn slug(self) -> &'static str {
        match self {
            Taxonomy::Bezirke => "bezirke",
            Taxonomy::Themen => "themen",
            Taxonomy::Zielgruppen => "zielgruppen",
            Taxonomy::Kategorien => "kategorien",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Taxonomy::Bezirke => "Stadtbezirke",
            Taxonomy::Themen => "Themen",
            Taxonomy::Zielgruppen => "Zielgruppen",
            Taxonomy::Kategorien => "Kategorien",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Taxonomy::Bezirke => "Stadtbezirk",
            Taxonomy::Themen => "Thema",
            Taxonomy::Zielgruppen => "Zielgruppe",
            Taxonomy::Kategorien => "Kategorie",
        }
    }
}

impl Site {
    pub fn vocabulary(&self, taxonomy: Taxonomy) -> &vocab::Vocabulary {
        match taxonomy {
            Taxonomy::Bezirke => &self.districts.vocabulary,
            Taxonomy::Themen => &self.config.themen,
            Taxonomy::Zielgruppen => &self.config.zielgruppen,
            Taxonomy::Kategorien => &self.config.kategorien,
        }
    }

    /// The terms of `taxonomy` that a place has.
    pub fn place_terms(&self, place: &Place, taxonomy: Taxonomy) -> Vec<usize> {
        match taxonomy {
            Taxonomy::Bezirke => place.bezirk.into_iter().collect(),
            Taxonomy::Themen => place.themen.clone(),
            Taxonomy::Zielgruppen => place.zielgruppen.clone(),
            Taxonomy::Kategorien => vec![place.kategorie],
        }
    }

    /// The terms of `taxonomy` that an offer has; district and category come from its place.
    pub fn offer_terms(&self, offer: &Offer, taxonomy: Taxonomy) -> Vec<usize> {
        let place = &self.places[offer.place];
        match taxonomy {
            Taxonomy::Bezirke => place.bezirk.into_iter().collect(),
            Taxonomy::Themen => offer.themen.clone(),
            Taxonomy::Zielgruppen => offer.zielgruppen.clone(),
            Taxonomy::Kategorien => vec![place.kategorie],
        }
    }
}
