//! Place and offer cards, rendered once and reused.
//!
//! A card appears on many pages (listings, term pages, the home page, its place's page), and
//! on large sites the cards are most of the rendering work. When the theme has the card
//! components `lernort_karte(karte, ebene)` and `angebot_karte(karte, ebene)`, each card is
//! rendered once per heading level and handed to templates as `karte.html[ebene]`. A [`CardCache`] keeps them
//! between rebuilds of the preview server, reused while the card's data are unchanged.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Serialize;
use tera::{Context, Tera};

use super::changes::Changes;
use super::views::{OfferCard, PlaceCard, Views};
use crate::model::{Site, Taxonomy};

/// The card components a theme may provide.
pub const PLACE_CARD_COMPONENT: &str = "lernort_karte";
pub const OFFER_CARD_COMPONENT: &str = "angebot_karte";

/// Heading levels cards are rendered for: 2 on the full listings, 3 everywhere else.
const LEVELS: [u8; 2] = [2, 3];

/// Cards of earlier builds, keyed by slug. Cleared when the theme changes.
pub struct CardCache {
    places: Mutex<HashMap<String, (PlaceCard, tera::Value)>>,
    offers: Mutex<HashMap<String, (OfferCard, tera::Value)>>,
    /// False for a build that is not followed by another: keeping a copy of every card for a
    /// next build that never comes costs memory on large sites.
    keeps: bool,
}

impl Default for CardCache {
    fn default() -> Self {
        CardCache {
            places: Mutex::default(),
            offers: Mutex::default(),
            keeps: true,
        }
    }
}

impl CardCache {
    /// A cache that keeps nothing, for one build.
    pub fn single_build() -> Self {
        CardCache {
            keeps: false,
            ..CardCache::default()
        }
    }

    /// Forgets cards whose slug is no longer on the site, so renames do not pile up.
    pub fn retain(&self, site: &Site) {
        let places: std::collections::HashSet<&str> =
            site.places.iter().map(|p| p.slug.as_str()).collect();
        let offers: std::collections::HashSet<&str> =
            site.offers.iter().map(|o| o.slug.as_str()).collect();
        lock(&self.places).retain(|slug, _| places.contains(slug.as_str()));
        lock(&self.offers).retain(|slug, _| offers.contains(slug.as_str()));
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves at worst a missing card, which is re-rendered.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A card's data with its rendered HTML per heading level.
#[derive(Serialize)]
struct WithHtml<'a, C> {
    #[serde(flatten)]
    card: &'a C,
    html: BTreeMap<u8, String>,
}

/// The cards of one build: computed on first use, shared by every page of the build.
pub(super) struct Cards<'a> {
    tera: &'a Tera,
    views: &'a Views<'a>,
    site: &'a Site,
    cache: &'a CardCache,
    changes: &'a Changes,
    with_components: bool,
    terms: SharedTerms,
    places: Vec<OnceLock<Result<tera::Value, Arc<tera::Error>>>>,
    offers: Vec<OnceLock<Result<tera::Value, Arc<tera::Error>>>>,
}

impl<'a> Cards<'a> {
    pub(super) fn new(
        tera: &'a Tera,
        views: &'a Views<'a>,
        site: &'a Site,
        cache: &'a CardCache,
        changes: &'a Changes,
    ) -> Self {
        Cards {
            tera,
            views,
            site,
            cache,
            changes,
            with_components: tera.contains_component(PLACE_CARD_COMPONENT)
                && tera.contains_component(OFFER_CARD_COMPONENT),
            terms: SharedTerms::new(site, views),
            places: (0..site.places.len()).map(|_| OnceLock::new()).collect(),
            offers: (0..site.offers.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    pub(super) fn place(&self, i: usize) -> Result<tera::Value, Arc<tera::Error>> {
        self.places[i]
            .get_or_init(|| {
                let place = &self.site.places[i];
                if !self.changes.place_card_changed(place)
                    && let Some((_, value)) = lock(&self.cache.places).get(&place.slug)
                {
                    return Ok(value.clone());
                }
                let card = self.views.place_card(place);
                self.value(&self.cache.places, card, PLACE_CARD_COMPONENT)
            })
            .clone()
    }

    pub(super) fn offer(&self, i: usize) -> Result<tera::Value, Arc<tera::Error>> {
        self.offers[i]
            .get_or_init(|| {
                let offer = &self.site.offers[i];
                if !self.changes.offer_card_changed(offer, self.site)
                    && let Some((_, value)) = lock(&self.cache.offers).get(&offer.slug)
                {
                    return Ok(value.clone());
                }
                let card = self.views.offer_card(offer);
                self.value(&self.cache.offers, card, OFFER_CARD_COMPONENT)
            })
            .clone()
    }

    pub(super) fn places(
        &self,
        indexes: impl Iterator<Item = usize>,
    ) -> Result<tera::Value, Arc<tera::Error>> {
        let cards: Result<Vec<tera::Value>, _> = indexes.map(|i| self.place(i)).collect();
        Ok(tera::Value::from(cards?))
    }

    pub(super) fn offers(
        &self,
        indexes: impl Iterator<Item = usize>,
    ) -> Result<tera::Value, Arc<tera::Error>> {
        let cards: Result<Vec<tera::Value>, _> = indexes.map(|i| self.offer(i)).collect();
        Ok(tera::Value::from(cards?))
    }

    fn value<C: Serialize + PartialEq + Slugged>(
        &self,
        cache: &Mutex<HashMap<String, (C, tera::Value)>>,
        card: C,
        component: &str,
    ) -> Result<tera::Value, Arc<tera::Error>> {
        if let Some((cached, value)) = lock(cache).get(card.slug())
            && *cached == card
        {
            return Ok(value.clone());
        }
        let mut html = BTreeMap::new();
        if self.with_components {
            for level in LEVELS {
                let mut ctx = Context::new();
                ctx.insert("karte", &card);
                ctx.insert("ebene", &level);
                html.insert(
                    level,
                    self.tera
                        .render_component(component, &ctx, None, true)
                        .map_err(Arc::new)?,
                );
            }
        }
        let value = self.terms.share(tera::Value::from_serializable(&WithHtml {
            card: &card,
            html,
        }));
        if self.cache.keeps {
            lock(cache).insert(card.slug().to_string(), (card, value.clone()));
        }
        Ok(value)
    }
}

/// The links of every term (district, topic, audience, category) as template values, made
/// once per build: thousands of cards show the same district or topic, and a copy of its link
/// in each took a tenth of a large site's memory.
struct SharedTerms {
    by_url: HashMap<String, tera::Value>,
}

impl SharedTerms {
    fn new(site: &Site, views: &Views) -> Self {
        let mut by_url = HashMap::new();
        for t in Taxonomy::ALL {
            for i in 0..site.vocabulary(t).len() {
                let link = views.term(t, i);
                by_url.insert(link.url.clone(), tera::Value::from_serializable(&link));
            }
        }
        SharedTerms { by_url }
    }

    /// `card` with each term link in it (a field, or an item of a list field) replaced by the
    /// shared value equal to it.
    fn share(&self, card: tera::Value) -> tera::Value {
        if !card.is_map() {
            return card;
        }
        let Some(mut fields) = card.into_map() else {
            return tera::Value::none();
        };
        for value in fields.values_mut() {
            if let Some(shared) = self.shared(value) {
                *value = shared;
            } else if let Some(items) = value.as_array()
                && items.iter().any(|item| self.shared(item).is_some())
            {
                let items: Vec<tera::Value> = items
                    .iter()
                    .map(|item| self.shared(item).unwrap_or_else(|| item.clone()))
                    .collect();
                *value = tera::Value::from(items);
            }
        }
        tera::Value::from(fields)
    }

    fn shared(&self, value: &tera::Value) -> Option<tera::Value> {
        let url = value
            .as_map()?
            .get(&tera::value::Key::from("url"))?
            .as_str()?;
        self.by_url.get(url).filter(|s| *s == value).cloned()
    }
}

trait Slugged {
    fn slug(&self) -> &str;
}

impl Slugged for PlaceCard {
    fn slug(&self) -> &str {
        &self.slug
    }
}

impl Slugged for OfferCard {
    fn slug(&self) -> &str {
        &self.slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::Link;

    fn link(slug: &str, name: &str) -> Link {
        Link {
            slug: slug.into(),
            name: name.into(),
            url: format!("/themen/{slug}/"),
        }
    }

    #[derive(Serialize)]
    struct Card {
        name: &'static str,
        kategorie: Link,
        themen: Vec<Link>,
    }

    #[test]
    fn shared_terms_leave_the_card_as_it_was() {
        let terms = SharedTerms {
            by_url: [link("wald", "Wald"), link("wasser", "Wasser")]
                .into_iter()
                .map(|l| (l.url.clone(), tera::Value::from_serializable(&l)))
                .collect(),
        };
        let card = Card {
            name: "Hof",
            kategorie: link("wald", "Wald"),
            // Same address, other name: not the shared link, kept as it is.
            themen: vec![link("wasser", "Wasser"), link("wald", "Forst")],
        };
        let value = tera::Value::from_serializable(&card);
        let shared = terms.share(value.clone());
        assert!(shared == value);
        let themen = shared
            .as_map()
            .and_then(|m| m.get(&tera::value::Key::from("themen")))
            .and_then(|t| t.as_array())
            .expect("themen");
        assert!(terms.shared(&themen[0]).is_some());
        assert!(terms.shared(&themen[1]).is_none());
    }
}
