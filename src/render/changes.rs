//! Which pages a change touches: the preview server compares the last good site with the new
//! one and re-renders only the pages that show something that changed.
//!
//! The rules mirror what each page shows (see `Renderer::render`): a place page shows the place
//! and its offers' cards; an offer page shows the offer and its place's card; a term page shows
//! the cards of the places and offers with that term; listings, the home page, the taxonomy
//! overviews, search and map show counts or cards of everything. Anything global (site.yaml,
//! the footer's pages) re-renders everything.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Job, site_view};
use crate::model::{Site, Taxonomy};

/// What differs between two sites, by slug.
#[derive(Debug, Default)]
pub struct Changes {
    /// Something every page shows changed; render everything.
    pub everything: bool,
    /// Places added, removed or changed.
    pub places: HashSet<String>,
    /// Offers added, removed or changed (including a move to another place).
    pub offers: HashSet<String>,
    /// Free pages added, removed or changed.
    pub pages: HashSet<String>,
    /// Places that gained or lost a changed offer, or whose offer changed.
    places_with_changed_offers: HashSet<String>,
    /// Terms whose pages list a changed place or offer, before or after the change.
    terms: HashSet<(Taxonomy, usize)>,
    /// A changed place's name, district or category changed and it has offers, whose cards
    /// show them.
    offer_cards: bool,
}

impl Changes {
    /// Everything must be rendered (a first build, a theme change).
    pub fn all() -> Self {
        Changes {
            everything: true,
            ..Changes::default()
        }
    }

    /// True when no page needs rendering.
    pub fn is_empty(&self) -> bool {
        !self.everything
            && self.places.is_empty()
            && self.offers.is_empty()
            && self.pages.is_empty()
    }

    fn records(&self) -> bool {
        !self.places.is_empty() || !self.offers.is_empty()
    }

    /// Compares the site `old` (what is served) with `new`.
    pub fn between(old: &Site, new: &Site) -> Self {
        // A record the preview did not check again is the same `Arc` in both models.
        fn same<T: PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
            Arc::ptr_eq(a, b) || a == b
        }
        if old.config.base_path != new.config.base_path
            || old.today != new.today
            || site_view(old) != site_view(new)
        {
            return Changes::all();
        }
        let mut c = Changes::default();
        let old_places = by_slug(old.places.iter().map(|p| p.slug.as_str()));
        let new_places = by_slug(new.places.iter().map(|p| p.slug.as_str()));
        let (old_by_slug, new_by_slug) = (&old_places, &new_places);
        for (slug, &i) in &new_places {
            if old_places
                .get(slug)
                .is_none_or(|&j| !same(&old.places[j], &new.places[i]))
            {
                c.places.insert((*slug).to_string());
            }
        }
        c.places.extend(
            old_places
                .keys()
                .filter(|s| !new_places.contains_key(*s))
                .map(|s| (*s).to_string()),
        );

        // Offers point at places by index; when the places kept their order the indexes are
        // comparable as they are, otherwise compare with the index mapped.
        let same_order = old.places.len() == new.places.len()
            && old
                .places
                .iter()
                .zip(&new.places)
                .all(|(a, b)| a.slug == b.slug);
        let old_offers = by_slug(old.offers.iter().map(|o| o.slug.as_str()));
        let new_offers = by_slug(new.offers.iter().map(|o| o.slug.as_str()));
        for (slug, &i) in &new_offers {
            let b = &new.offers[i];
            let unchanged = old_offers.get(slug).is_some_and(|&j| {
                let a = &old.offers[j];
                if same_order {
                    same(a, b)
                } else if old.places[a.place].slug == new.places[b.place].slug {
                    let mut a = (**a).clone();
                    a.place = b.place;
                    a == **b
                } else {
                    false
                }
            });
            if !unchanged {
                c.offers.insert((*slug).to_string());
            }
        }
        c.offers.extend(
            old_offers
                .keys()
                .filter(|s| !new_offers.contains_key(*s))
                .map(|s| (*s).to_string()),
        );

        let old_pages: HashMap<&str, _> = old.pages.iter().map(|p| (p.slug.as_str(), p)).collect();
        for p in &new.pages {
            if old_pages.get(p.slug.as_str()) != Some(&p) {
                c.pages.insert(p.slug.clone());
            }
        }
        let new_pages: HashSet<&str> = new.pages.iter().map(|p| p.slug.as_str()).collect();
        c.pages.extend(
            old.pages
                .iter()
                .filter(|p| !new_pages.contains(p.slug.as_str()))
                .map(|p| p.slug.clone()),
        );

        // Terms and places touched, looked up in both versions so removals count too.
        for slug in &c.places {
            let before = old_by_slug.get(slug.as_str()).map(|&i| &old.places[i]);
            let after = new_by_slug.get(slug.as_str()).map(|&i| &new.places[i]);
            // Offers show their place's name and take its district and category; only when
            // those change do the offers' cards and term pages change with it.
            let offers_affected = match (before, after) {
                (Some(a), Some(b)) => {
                    a.name != b.name || a.bezirk != b.bezirk || a.kategorie != b.kategorie
                }
                _ => true,
            };
            for (site, place) in [(old, before), (new, after)] {
                let Some(place) = place else { continue };
                for t in Taxonomy::ALL {
                    c.terms
                        .extend(site.place_terms(place, t).into_iter().map(|term| (t, term)));
                }
                if !offers_affected {
                    continue;
                }
                let i = if std::ptr::eq(site, old) {
                    old_by_slug[slug.as_str()]
                } else {
                    new_by_slug[slug.as_str()]
                };
                for &o in &site.offers_by_place[i] {
                    c.offer_cards = true;
                    for t in Taxonomy::ALL {
                        for term in site.offer_terms(&site.offers[o], t) {
                            c.terms.insert((t, term));
                        }
                    }
                }
            }
        }
        for site in [old, new] {
            let offers = by_slug(site.offers.iter().map(|o| o.slug.as_str()));
            for slug in &c.offers {
                let Some(&o) = offers.get(slug.as_str()) else {
                    continue;
                };
                let offer = &site.offers[o];
                c.places_with_changed_offers
                    .insert(site.places[offer.place].slug.clone());
                for t in Taxonomy::ALL {
                    for term in site.offer_terms(offer, t) {
                        c.terms.insert((t, term));
                    }
                }
            }
        }
        c
    }

    /// Whether the card of `place` may differ from the one made for the previous site.
    pub(super) fn place_card_changed(&self, place: &crate::model::place::Place) -> bool {
        self.everything || self.places.contains(&place.slug)
    }

    /// Whether the card of `offer` may differ (it also shows its place).
    pub(super) fn offer_card_changed(
        &self,
        offer: &crate::model::offer::Offer,
        site: &Site,
    ) -> bool {
        self.everything
            || self.offers.contains(&offer.slug)
            || self.places.contains(&site.places[offer.place].slug)
    }

    /// Whether a page, place or offer was removed or added, so the set of pages differs.
    pub fn pages_added_or_removed(&self, old: &Site, new: &Site) -> bool {
        self.everything
            || old.places.len() != new.places.len()
            || old.offers.len() != new.offers.len()
            || old.pages.len() != new.pages.len()
            || self
                .places
                .iter()
                .any(|s| !new.places.iter().any(|p| &p.slug == s))
            || self
                .offers
                .iter()
                .any(|s| !new.offers.iter().any(|o| &o.slug == s))
            || self
                .pages
                .iter()
                .any(|s| !new.pages.iter().any(|p| &p.slug == s))
    }

    /// Whether `job` shows something that changed.
    pub(super) fn touches(&self, job: Job, site: &Site) -> bool {
        if self.everything {
            return true;
        }
        match job {
            // The data page shows counts and the newest check date.
            // The coverage page counts every place and offer.
            Job::Home | Job::Search | Job::TaxonomyIndex(_) | Job::Data | Job::Coverage => {
                self.records()
            }
            Job::Places | Job::Map => !self.places.is_empty(),
            Job::Offers => !self.offers.is_empty() || self.offer_cards,
            Job::Place(i) => {
                let slug = &site.places[i].slug;
                self.places.contains(slug) || self.places_with_changed_offers.contains(slug)
            }
            Job::Offer(i) => {
                let o = &site.offers[i];
                self.offers.contains(&o.slug) || self.places.contains(&site.places[o.place].slug)
            }
            Job::Term(t, i) => self.terms.contains(&(t, i)),
            Job::Free(i) => self.pages.contains(&site.pages[i].slug),
            Job::NotFound => false,
        }
    }
}

fn by_slug<'a>(slugs: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    slugs.enumerate().map(|(i, s)| (s, i)).collect()
}
