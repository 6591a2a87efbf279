//! Stuttgart's 23 Stadtbezirke, built into the binary: names, slugs, boundaries, and which
//! district a point lies in.
//!
//! The boundaries are the city's generalised dataset (see `src/data/README.md` for source and
//! licence). They are projected once into a local plane in metres, where point-in-polygon and
//! distances are simple and exact enough for a city of 20 km.

use std::sync::OnceLock;

use geo::{Contains, Distance, Euclidean, MapCoords, MultiPolygon, Point};

use crate::model::vocab::{Term, Vocabulary};

/// The GeoJSON as shipped, also written to the site for maps.
pub const BOUNDARIES_GEOJSON: &str = include_str!("../data/stuttgart-stadtbezirke.geojson");

/// Points this far outside their declared district are accepted with a warning, because the
/// boundaries are generalised.
pub const TOLERANCE_M: f64 = 150.0;

const ORIGIN_LAT: f64 = 48.7758;
const ORIGIN_LON: f64 = 9.1829;
const M_PER_DEG_LAT: f64 = 111_132.0;

fn m_per_deg_lon() -> f64 {
    111_320.0 * ORIGIN_LAT.to_radians().cos()
}

fn project(lon: f64, lat: f64) -> (f64, f64) {
    (
        (lon - ORIGIN_LON) * m_per_deg_lon(),
        (lat - ORIGIN_LAT) * M_PER_DEG_LAT,
    )
}

pub struct District {
    pub nr: String,
    pub slug: String,
    pub name: String,
    pub display_name: String,
    shape: MultiPolygon<f64>,
}

pub struct Districts {
    pub list: Vec<District>,
    pub vocabulary: Vocabulary,
}

/// Where a point lies relative to a declared district.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    Inside,
    /// Outside the declared district but within the tolerance; `actual` is where it lies.
    NearBorder {
        actual: Option<usize>,
        distance_m: f64,
    },
    /// Inside another district, farther than the tolerance.
    OtherDistrict {
        actual: usize,
        distance_m: f64,
    },
    /// Not within the tolerance of any district.
    OutsideCity,
}

impl Districts {
    /// The built-in districts. Parsed once per process.
    pub fn builtin() -> &'static Districts {
        static DISTRICTS: OnceLock<Districts> = OnceLock::new();
        DISTRICTS.get_or_init(|| parse(BOUNDARIES_GEOJSON).expect("bundled district data is valid"))
    }

    /// The district that contains the point, if any.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<usize> {
        let (x, y) = project(lon, lat);
        let p = Point::new(x, y);
        self.list.iter().position(|d| d.shape.contains(&p))
    }

    /// Distance in metres from the point to a district (0 inside).
    pub fn distance_m(&self, district: usize, lat: f64, lon: f64) -> f64 {
        let (x, y) = project(lon, lat);
        let p = Point::new(x, y);
        let shape = &self.list[district].shape;
        if shape.contains(&p) {
            0.0
        } else {
            Euclidean.distance(&p, shape)
        }
    }

    pub fn place(&self, declared: usize, lat: f64, lon: f64) -> Placement {
        let actual = self.locate(lat, lon);
        if actual == Some(declared) {
            return Placement::Inside;
        }
        let distance_m = self.distance_m(declared, lat, lon);
        if distance_m <= TOLERANCE_M {
            return Placement::NearBorder { actual, distance_m };
        }
        match actual {
            Some(actual) => Placement::OtherDistrict { actual, distance_m },
            None => Placement::OutsideCity,
        }
    }

    /// Whether the point is inside the city or within the tolerance of its boundary.
    pub fn in_city(&self, lat: f64, lon: f64) -> bool {
        self.locate(lat, lon).is_some()
            || (0..self.list.len()).any(|i| self.distance_m(i, lat, lon) <= TOLERANCE_M)
    }
}

fn parse(text: &str) -> Result<Districts, String> {
    let collection: geojson::FeatureCollection = text.parse().map_err(|e| format!("{e}"))?;
    let mut list = Vec::new();
    for feature in collection.features {
        let prop = |k: &str| {
            feature
                .property(k)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .ok_or_else(|| format!("district without {k}"))
        };
        let (nr, slug, name) = (prop("nr")?, prop("slug")?, prop("name")?);
        let geometry = feature
            .geometry
            .clone()
            .ok_or("district without geometry")?;
        let shape: geo::Geometry<f64> = geometry.try_into().map_err(|e| format!("{e}"))?;
        let shape = match shape {
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(m) => m,
            _ => return Err(format!("district {slug} is not a polygon")),
        };
        let shape = shape.map_coords(|c| {
            let (x, y) = project(c.x, c.y);
            geo::coord! { x: x, y: y }
        });
        let display_name = match name.as_str() {
            "Mitte" | "Nord" | "Ost" | "Süd" | "West" => format!("Stuttgart-{name}"),
            _ => name.clone(),
        };
        list.push(District {
            nr,
            slug,
            name,
            display_name,
            shape,
        });
    }
    list.sort_by(|a, b| a.nr.cmp(&b.nr));
    let vocabulary = Vocabulary::new(
        list.iter()
            .map(|d| Term {
                slug: d.slug.clone(),
                name: d.name.clone(),
                aliases: vec![d.display_name.clone()],
            })
            .collect(),
    );
    Ok(Districts { list, vocabulary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_23_districts_and_locates_known_points() {
        let d = Districts::builtin();
        assert_eq!(d.list.len(), 23);
        let slug = |i: Option<usize>| i.map(|i| d.list[i].slug.as_str());
        // Wilhelma
        assert_eq!(slug(d.locate(48.80528, 9.20306)), Some("bad-cannstatt"));
        // Schlossplatz
        assert_eq!(slug(d.locate(48.7784, 9.1800)), Some("mitte"));
        // Ludwigsburg is not Stuttgart
        assert_eq!(d.locate(48.8975, 9.1922), None);
        assert!(!d.in_city(48.8975, 9.1922));
        assert_eq!(
            d.vocabulary
                .resolve("Stuttgart-Süd")
                .map(|i| d.list[i].slug.as_str()),
            Some("sued")
        );
    }

    #[test]
    fn placement_tolerates_points_near_the_border() {
        let d = Districts::builtin();
        let mitte = d.vocabulary.resolve("mitte").unwrap();
        let cannstatt = d.vocabulary.resolve("bad-cannstatt").unwrap();
        assert_eq!(d.place(cannstatt, 48.80528, 9.20306), Placement::Inside);
        assert!(matches!(
            d.place(mitte, 48.80528, 9.20306),
            Placement::OtherDistrict { .. }
        ));
        assert_eq!(d.place(mitte, 48.8975, 9.1922), Placement::OutsideCity);
    }
}
