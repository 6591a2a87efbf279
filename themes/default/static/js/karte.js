// Map of lernorte (Standard-Theme), one module for every page with a map.
//
// Uses the global `L` of the vendored Leaflet 1.9.4 and Leaflet.markercluster 1.5.3 (loaded
// before this module as plain deferred scripts). The page has one map container:
//
//   <div id="karte" data-art="uebersicht|suche|lernort|bezirk" data-orte data-bezirke
//        data-kacheln data-attribution data-zustimmung-noetig data-zentrum data-zoom data-basis
//        data-bezirksgrenzen-quelle [data-lat data-lon data-name] [data-bezirk]
//        [data-kategorie] [data-kategorien]>
//
// followed in its `.karte-rahmen` by the consent box `.karte-zustimmung` with the button
// `#karte-zustimmung`. Hooks for tests and other scripts:
//   #karte[data-marker-count]   places currently shown (markers, also those inside clusters)
//   #karte[data-kacheln-aktiv]  "ja" while the tile layer is on the map
//   #karte-widerruf             button under the map, after consent: withdraw it
//   lernorte:standort           event on `document` after "In meiner Nähe" ({lat, lon})
//
// Privacy: before consent (when `data-zustimmung-noetig="ja"`) no request goes to the tile
// server. The base layer is then the bundled outlines of the 23 Stadtbezirke. The choice is
// stored in localStorage (`lernorte-karte-zustimmung` = "ja") only after the click, and removed
// again by `#karte-widerruf`. The position for "In meiner Nähe" is asked for only on a click of
// `#in-meiner-naehe` and stays in the browser.
//
// On /suche/ the map follows the results of js/suche.js (event `lernorte:treffer`, or
// `window.lernorteSuche.letzte`): it shows exactly the located places among the results
// (offers are shown at their place, via `detail.ortIds()`), and outlines the districts of the
// filter. Selecting a marker highlights its result cards (`li.hervorgehoben`); hovering or
// focusing a card highlights its marker (or the cluster it is in), and a button "Auf der Karte
// zeigen" (`.karte-zeigen`) that this script adds to every card with a marker zooms to it.
//
// Categories get a colour and a shape each (the same symbol in the legend `.karten-legende`):
// by the vocabulary order in `data-kategorien` or the legend, else by the sample's vocabulary.
// Large sites: markers are created once per place and clustered with chunked loading; only the
// markers in view have elements, and a new result set changes only the markers that differ.

const L = window.L;

const ZUSTIMMUNG_SCHLUESSEL = "lernorte-karte-zustimmung";
const BEZIRKS_QUELLE =
  'Bezirksgrenzen: Landeshauptstadt Stuttgart, <a href="https://creativecommons.org/licenses/by/4.0/deed.de" hreflang="de">CC BY 4.0</a>';
const LEAFLET_PREFIX = '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';

const ruhig = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// ---------------------------------------------------------------- symbols per category

/** Shapes in a 24×24 box; each is drawn with a dark outline and a white halo. */
const FORMEN = {
  quadrat: '<rect x="4" y="4" width="16" height="16" rx="1.5"/>',
  fuenfeck: '<path d="M12 2.2l9.6 7-3.7 11.4H6.1L2.4 9.2z"/>',
  dreieck: '<path d="M12 2.6 21.8 20.2H2.2z"/>',
  kreis: '<circle cx="12" cy="12" r="8.6"/>',
  sechseck: '<path d="M12 2.2 20.6 7.1v9.8L12 21.8l-8.6-4.9V7.1z"/>',
  raute: '<path d="M12 1.8 22.2 12 12 22.2 1.8 12z"/>',
  stern: '<path d="M12 1.6l3 6.9 7.4.6-5.6 4.9 1.7 7.3L12 17.5l-6.5 3.8 1.7-7.3-5.6-4.9 7.4-.6z"/>',
  achteck: '<path d="M8.1 2.6h7.8l5.5 5.5v7.8l-5.5 5.5H8.1l-5.5-5.5V8.1z"/>',
  kreuz: '<path d="M8.6 2.6h6.8v6h6v6.8h-6v6h-6.8v-6h-6V8.6h6z"/>',
  "dreieck-unten": '<path d="M12 21.4 2.2 3.8h19.6z"/>',
};
const FORM_LISTE = Object.keys(FORMEN);

/** Fill colours, one per shape: each has at least 4.5:1 against white (the halo), and the dark
 * outline keeps every symbol at 3:1 or more against the light base layer and the tiles. */
const FARBEN = ["#6a3d9a", "#8c4a0f", "#1b6b33", "#1f5ca8", "#5a6e00", "#006c67", "#2e3a8c", "#b3360b", "#4b5563", "#9c1f8c"];

/** The categories of the sample site in vocabulary order (site.yaml): the shapes above are
 * listed so that each gets a fitting one (museum a square, wald a triangle, gewaesser a circle,
 * sternwarte a star ...). Used when the page does not give the vocabulary order. */
const BEISPIEL = [
  "museum",
  "bauernhof-jugendfarm",
  "wald",
  "gewaesser",
  "park-garten",
  "umweltzentrum",
  "sternwarte-planetarium",
  "zoo",
  "technik-versorgung",
  "mobiles-angebot",
];

function streuwert(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Shape and colour of a category: by its place in `reihenfolge` (the vocabulary order, when
 * the page gives it), else in the sample's vocabulary, else by its name. The first ten places
 * differ in shape and in colour; after that the pairs shift, so that they stay distinct. */
function symbolVon(kategorie, reihenfolge) {
  let i = reihenfolge.indexOf(kategorie);
  if (i < 0 && !reihenfolge.length) i = BEISPIEL.indexOf(kategorie);
  if (i < 0) i = streuwert(kategorie || "") % 97;
  const n = FORM_LISTE.length;
  const runde = Math.floor(i / n);
  return { form: FORM_LISTE[i % n], farbe: FARBEN[(i + 3 * runde) % FARBEN.length] };
}

/** The SVG of a symbol (only our own constants, no data). */
function symbolSvg({ form, farbe }) {
  const f = FORMEN[form];
  return (
    '<svg class="karte-symbol" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">' +
    `<g stroke-linejoin="round"><g fill="none" stroke="#1b2a1e" stroke-width="4.6">${f}</g>` +
    `<g fill="none" stroke="#ffffff" stroke-width="2.4">${f}</g>` +
    `<g fill="${farbe}" stroke="none">${f}</g></g></svg>`
  );
}

// ---------------------------------------------------------------- small helpers

function textVon(tag, klasse, text) {
  const e = document.createElement(tag);
  if (klasse) e.className = klasse;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function zahl(text, ersatz) {
  const n = Number.parseFloat(text);
  return Number.isFinite(n) ? n : ersatz;
}

/** Distance in metres (haversine). */
function entfernung(a, b) {
  const r = 6371000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

function entfernungText(meter) {
  if (meter < 1000) return `${Math.round(meter / 10) * 10} m`;
  return `${(meter / 1000).toLocaleString("de-DE", { maximumFractionDigits: 1 })} km`;
}

async function json(adresse) {
  const antwort = await fetch(adresse);
  if (!antwort.ok) throw new Error(`${adresse}: ${antwort.status}`);
  return antwort.json();
}

/** A div icon whose element gets an accessible name (and optionally a role). */
const BeschriftetesIcon = L
  ? L.DivIcon.extend({
      createIcon(alt) {
        const div = L.DivIcon.prototype.createIcon.call(this, alt);
        if (this.options.beschriftung) div.setAttribute("aria-label", this.options.beschriftung);
        if (this.options.rolle) div.setAttribute("role", this.options.rolle);
        return div;
      },
    })
  : null;

/** A polite live region after `nach` (created once). */
function meldungNach(nach, klasse) {
  let m = nach.nextElementSibling;
  if (m && m.classList.contains(klasse)) return m;
  m = textVon("p", `karte-meldung ${klasse}`);
  m.setAttribute("role", "status");
  m.setAttribute("aria-live", "polite");
  nach.insertAdjacentElement("afterend", m);
  return m;
}

// ---------------------------------------------------------------- the map

function start() {
  const el = document.getElementById("karte");
  if (!el) return;
  const rahmen = el.closest(".karte-rahmen") || el.parentElement;
  if (!L || !L.markerClusterGroup) {
    const m = meldungNach(el, "karte-fehler");
    m.textContent = "Die Karte konnte nicht geladen werden. Alle Lernorte finden Sie in der Liste.";
    return;
  }
  const d = el.dataset;
  const art = d.art || "uebersicht";
  const basis = d.basis || "/";
  const [zLat, zLon] = (d.zentrum || "48.7784,9.18").split(",").map((t) => zahl(t, NaN));
  const zentrum = Number.isFinite(zLat) && Number.isFinite(zLon) ? [zLat, zLon] : [48.7784, 9.18];
  const klein = art === "lernort" || art === "bezirk";
  const reihenfolge = (
    d.kategorien ||
    [...document.querySelectorAll(".karten-legende [data-kategorie]")].map((li) => li.dataset.kategorie).join(" ")
  )
    .split(/\s+/)
    .filter(Boolean);

  const karte = L.map(el, {
    center: zentrum,
    zoom: zahl(d.zoom, 12),
    minZoom: 9,
    maxZoom: 18,
    // Fractional zoom, so that "the whole city" fills the map at every size.
    zoomSnap: 0.25,
    zoomDelta: 1,
    zoomControl: false,
    attributionControl: false,
    scrollWheelZoom: false,
    zoomAnimation: !ruhig,
    fadeAnimation: !ruhig,
    markerZoomAnimation: !ruhig,
    inertia: !ruhig,
    // A small map must not catch one-finger scrolling of the page on phones.
    dragging: !(klein && L.Browser.mobile),
    tap: false,
  });
  L.control
    .zoom({ zoomInTitle: "Karte vergrößern", zoomOutTitle: "Karte verkleinern", zoomInText: "+", zoomOutText: "−" })
    .addTo(karte);
  L.control.attribution({ prefix: LEAFLET_PREFIX }).addTo(karte);
  // Tab order: the zoom buttons first, then the (possibly many) markers, the attribution last.
  const steuerung = el.querySelector(".leaflet-control-container");
  if (steuerung) {
    el.prepend(steuerung);
    const unten = document.createElement("div");
    unten.className = "leaflet-control-container";
    unten.append(...steuerung.querySelectorAll(".leaflet-bottom"));
    el.append(unten);
  }

  // Scroll wheel zoom only once the map has the focus (a click focuses it), so that the page
  // scrolls normally over the map. Never on the small maps.
  if (!klein) {
    el.addEventListener("focusin", () => karte.scrollWheelZoom.enable());
    el.addEventListener("focusout", (e) => {
      if (!el.contains(e.relatedTarget)) karte.scrollWheelZoom.disable();
    });
  }
  const bewegung = { animate: !ruhig };

  // Leaflet only watches the window; the page layout may change the map's size by itself (the
  // search page shows its filter column after loading).
  if ("ResizeObserver" in window) {
    let breite = el.clientWidth;
    let hoehe = el.clientHeight;
    new ResizeObserver(() => {
      if (el.clientWidth === breite && el.clientHeight === hoehe) return;
      breite = el.clientWidth;
      hoehe = el.clientHeight;
      karte.invalidateSize({ pan: false });
    }).observe(el);
  }

  // ------------------------------------------------------------ base layer and consent
  let kachelnAktiv = false;
  let bezirksEbene = null;
  let eigenerBezirk = null;

  const bezirksStil = () =>
    kachelnAktiv
      ? { color: "#3f5a44", weight: 1, opacity: 0.55, fillOpacity: 0 }
      : { color: "#7f9683", weight: 1, opacity: 1, fillColor: "#e4efdd", fillOpacity: 0.75 };
  const eigenerStil = () =>
    kachelnAktiv
      ? { color: "#143f20", weight: 4, opacity: 0.9, fillColor: "#1d5a2e", fillOpacity: 0.08 }
      : { color: "#143f20", weight: 4, opacity: 1, fillColor: "#cfe3c6", fillOpacity: 0.9 };

  // Outlines drawn thick: the district of a district page, the districts of the search filter.
  const hervorgehobeneBezirke = new Set(art === "bezirk" && d.bezirk ? [d.bezirk] : []);
  const bezirkeStilen = () => {
    bezirksEbene?.eachLayer((l) => {
      const slug = l.feature && l.feature.properties && l.feature.properties.slug;
      l.setStyle(hervorgehobeneBezirke.has(slug) ? eigenerStil() : bezirksStil());
      if (hervorgehobeneBezirke.has(slug)) l.bringToFront();
    });
  };

  let kachelEbene = null;
  const kachelnLaden = () => {
    if (kachelnAktiv) return;
    kachelnAktiv = true;
    let attribution = escapeHtml(d.attribution || "");
    if (/openstreetmap\.org/.test(d.kacheln || "")) {
      attribution = attribution.replace(
        "OpenStreetMap",
        '<a href="https://www.openstreetmap.org/copyright" hreflang="de">OpenStreetMap</a>',
      );
    }
    kachelEbene = L.tileLayer(d.kacheln, { attribution, maxZoom: 19, minZoom: 9 }).addTo(karte);
    bezirkeStilen();
    el.dataset.kachelnAktiv = "ja";
  };
  const kachelnEntfernen = () => {
    if (!kachelnAktiv) return;
    kachelnAktiv = false;
    kachelEbene?.remove();
    kachelEbene = null;
    bezirkeStilen();
    delete el.dataset.kachelnAktiv;
  };

  const box = rahmen.querySelector(".karte-zustimmung");
  const knopf = document.getElementById("karte-zustimmung");
  let gespeichert = null;
  try {
    gespeichert = window.localStorage.getItem(ZUSTIMMUNG_SCHLUESSEL);
  } catch {
    // Storage may be blocked; then consent is asked again on every page.
  }
  if (d.kacheln && d.zustimmungNoetig === "nein") {
    kachelnLaden();
  } else if (d.kacheln && box && knopf) {
    // Withdrawing is as easy as agreeing (Art. 7 Abs. 3 DSGVO): a line under the map.
    let host = "";
    try {
      host = new URL(d.kacheln.replace(/\{[^}]*\}/g, "0")).host;
    } catch {
      // An unusual address: the line names no server.
    }
    const widerruf = textVon("p", "karte-widerruf");
    widerruf.hidden = true;
    const zurueck = textVon("button", "knopf-zweitrangig", "Kartenhintergrund nicht mehr laden");
    zurueck.type = "button";
    zurueck.id = "karte-widerruf";
    widerruf.append(host ? `Der Kartenhintergrund kommt von ${host}. ` : "", zurueck);
    box.insertAdjacentElement("afterend", widerruf);

    const zugestimmt = () => {
      kachelnLaden();
      box.hidden = true;
      widerruf.hidden = false;
    };
    if (gespeichert === "ja") zugestimmt();
    else box.hidden = false;
    knopf.addEventListener("click", () => {
      try {
        window.localStorage.setItem(ZUSTIMMUNG_SCHLUESSEL, "ja");
      } catch {
        // Not remembered; the tiles load for this page all the same.
      }
      zugestimmt();
      // The button is gone; the focus goes to the map that now has its background.
      el.focus({ preventScroll: true });
    });
    zurueck.addEventListener("click", () => {
      try {
        window.localStorage.removeItem(ZUSTIMMUNG_SCHLUESSEL);
      } catch {
        // Nothing was stored.
      }
      kachelnEntfernen();
      widerruf.hidden = true;
      box.hidden = false;
      knopf.focus();
    });
  }

  const quelle = d.bezirksgrenzenQuelle
    ? escapeHtml(d.bezirksgrenzenQuelle).replace(
        "CC BY 4.0",
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.de" hreflang="de">CC BY 4.0</a>',
      )
    : BEZIRKS_QUELLE;
  const bezirkeLaden = json(d.bezirke || `${basis}stadtbezirke.geojson`)
    .then((daten) => {
      bezirksEbene = L.geoJSON(daten, { style: bezirksStil, interactive: false, attribution: quelle }).addTo(karte);
      bezirkeStilen();
      if (art === "bezirk" && d.bezirk) {
        bezirksEbene.eachLayer((l) => {
          if (l.feature.properties && l.feature.properties.slug === d.bezirk) {
            eigenerBezirk = l;
            // More room at the bottom, where the attribution covers the map.
            karte.fitBounds(l.getBounds(), { paddingTopLeft: [12, 12], paddingBottomRight: [12, 28], animate: false });
          }
        });
      } else if (art === "uebersicht" || art === "suche") {
        karte.fitBounds(bezirksEbene.getBounds(), { padding: [4, 4], animate: false });
      }
      return daten;
    })
    .catch((fehler) => {
      console.error("Bezirksgrenzen:", fehler);
      return null;
    });

  // ------------------------------------------------------------ one place (place pages)
  if (art === "lernort") {
    const lat = zahl(d.lat, NaN);
    const lon = zahl(d.lon, NaN);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
    karte.setView([lat, lon], 15, { animate: false });
    const icon = new BeschriftetesIcon({
      html: symbolSvg(symbolVon(d.kategorie || "", reihenfolge)),
      className: "karte-marker karte-marker-einzeln",
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      beschriftung: d.name ? `Lage von ${d.name}` : "Lage des Lernorts",
      rolle: "img",
    });
    L.marker([lat, lon], { icon, keyboard: false, interactive: false }).addTo(karte);
    el.dataset.markerCount = "1";
    return;
  }

  // ------------------------------------------------------------ many places
  const kategorieIcons = new Map();
  const iconVon = (kategorie) => {
    if (!kategorieIcons.has(kategorie)) {
      kategorieIcons.set(
        kategorie,
        L.divIcon({
          html: symbolSvg(symbolVon(kategorie, reihenfolge)),
          className: "karte-marker",
          iconSize: [28, 28],
          iconAnchor: [14, 14],
          popupAnchor: [0, -12],
        }),
      );
    }
    return kategorieIcons.get(kategorie);
  };

  for (const li of document.querySelectorAll(".karten-legende [data-kategorie]")) {
    const symbol = li.querySelector(".marker-symbol");
    if (symbol) symbol.innerHTML = symbolSvg(symbolVon(li.dataset.kategorie, reihenfolge));
  }

  let nachDemLaden = null; // called once markercluster has added a batch
  const gruppe = L.markerClusterGroup({
    chunkedLoading: true,
    chunkProgress: (fertig, gesamt) => {
      if (fertig === gesamt && nachDemLaden) {
        const f = nachDemLaden;
        nachDemLaden = null;
        // After markercluster has finished this batch.
        setTimeout(f, 0);
      }
    },
    maxClusterRadius: 60,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    animate: !ruhig,
    iconCreateFunction(cluster) {
      const n = cluster.getChildCount();
      const groesse = n < 10 ? "klein" : n < 100 ? "mittel" : "gross";
      const pixel = n < 10 ? 36 : n < 100 ? 42 : 50;
      return new BeschriftetesIcon({
        html: `<span>${n}</span>`,
        className: `karte-cluster karte-cluster-${groesse}`,
        iconSize: [pixel, pixel],
        beschriftung: `${n} Lernorte, zum Vergrößern auswählen`,
      });
    },
  });
  karte.addLayer(gruppe);

  const merkmale = new Map(); // document number (or slug) -> feature
  const marker = new Map(); // same key -> marker
  let angezeigt = new Set(); // keys of the markers in the group
  let hervorgehoben = null; // key of the marker highlighted from a card

  const markerVon = (schluessel) => {
    let m = marker.get(schluessel);
    if (m) return m;
    const f = merkmale.get(schluessel);
    if (!f) return null;
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    m = L.marker([lat, lon], { icon: iconVon(p.kategorie), keyboard: true, title: p.name, riseOnHover: true });
    m.ort = { schluessel, f };
    marker.set(schluessel, m);
    return m;
  };

  // Accessible names for markers as they enter the map (only the ones in view have elements).
  karte.on("layeradd", (e) => {
    const m = e.layer;
    if (!m.ort) return;
    const icon = m.getElement();
    if (!icon) return;
    const p = m.ort.f.properties;
    icon.setAttribute("aria-label", [p.name, p.kategorie_name, p.bezirk_name].filter(Boolean).join(", "));
    icon.dataset.slug = p.slug;
    icon.classList.toggle("karte-marker-hervorgehoben", m.ort.schluessel === hervorgehoben);
  });

  const popupInhalt = (p) => {
    const box = textVon("div", "karte-popup");
    const titel = textVon("p", "karte-popup-titel");
    const a = textVon("a", null, p.name);
    a.href = `${basis}lernorte/${encodeURIComponent(p.slug)}/`;
    titel.append(a);
    box.append(titel);
    const einordnung = [p.kategorie_name, p.bezirk_name].filter(Boolean).join(" · ");
    if (einordnung) box.append(textVon("p", "karte-popup-einordnung", einordnung));
    if (p.kurzbeschreibung) box.append(textVon("p", "karte-popup-text", p.kurzbeschreibung));
    return box;
  };

  // Pop-ups are bound when a marker is first selected (not for every one of 10,000 places).
  let oeffner = null; // element that gets the focus back when the pop-up closes
  let offenerMarker = null; // the marker whose pop-up is open
  // Whether the last input in the map was a pointer: a click also focuses a marker, but only a
  // keyboard user is taken into the pop-up (and back).
  let zeiger = false;
  el.addEventListener("pointerdown", () => (zeiger = true), true);
  el.addEventListener("keydown", () => (zeiger = false), true);
  const popupOeffnen = (m, von) => {
    oeffner = von || null;
    if (!m.getPopup()) m.bindPopup(() => popupInhalt(m.ort.f.properties), { maxWidth: 280, autoPanPadding: [16, 16] });
    m.openPopup();
  };
  gruppe.on("click", (e) => {
    const m = e.propagatedFrom || e.layer;
    if (!m || !m.ort || m.getPopup()) return;
    popupOeffnen(m, null);
  });
  gruppe.on("keypress", (e) => {
    const m = e.propagatedFrom || e.layer;
    if (!m || !m.ort || m.getPopup() || e.originalEvent.key !== "Enter") return;
    popupOeffnen(m, m.getElement());
  });
  gruppe.on("popupopen", (e) => {
    const m = e.propagatedFrom || e.layer;
    const huelle = e.popup.getElement();
    const schliessen = huelle && huelle.querySelector(".leaflet-popup-close-button");
    if (schliessen) {
      schliessen.setAttribute("aria-label", "Schließen");
      schliessen.title = "Schließen";
    }
    const icon = m && m.getElement();
    if (icon && document.activeElement === icon && !zeiger) oeffner = icon;
    offenerMarker = m && m.ort ? m : null;
    if (oeffner) {
      // Into the pop-up once Leaflet shows it (while it lays the pop-up out and pans the map to
      // it, the pop-up is hidden for a moment, and hidden elements take no focus).
      const link = huelle?.querySelector("a[href]:not(.leaflet-popup-close-button)");
      let versuche = 0;
      const fokus = () => {
        if (!link || !link.isConnected || offenerMarker !== m) return;
        if (getComputedStyle(link).visibility === "visible") link.focus({ preventScroll: true });
        else if (++versuche < 60) requestAnimationFrame(fokus);
      };
      fokus();
    }
    if (offenerMarker) kartenHervorheben(m.ort.schluessel);
  });
  // Escape closes the pop-up also when the focus is on a marker or in the pop-up (Leaflet's own
  // keyboard handler only listens while the map container itself has the focus).
  el.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !offenerMarker) return;
    offenerMarker.closePopup();
    e.stopPropagation();
  });
  gruppe.on("popupclose", (e) => {
    const huelle = e.popup.getElement();
    const aktiv = document.activeElement;
    const zurueck = oeffner;
    oeffner = null;
    offenerMarker = null;
    kartenHervorheben(null);
    if (zurueck && zurueck.isConnected && (!aktiv || aktiv === document.body || (huelle && huelle.contains(aktiv)))) {
      zurueck.focus({ preventScroll: true });
    }
  });

  // Shows exactly the markers of `schluessel` (an iterable of keys), one batch at a time.
  let laeuft = false;
  let wunsch = null;
  let nachAnzeigen = null;
  const zeigen = (schluessel, danach) => {
    wunsch = schluessel;
    nachAnzeigen = danach || null;
    if (!laeuft) anwenden();
  };
  const anwenden = () => {
    const ziel = new Set();
    for (const s of wunsch) if (merkmale.has(s)) ziel.add(s);
    const danach = nachAnzeigen;
    wunsch = null;
    nachAnzeigen = null;
    laeuft = true;
    const weg = [...angezeigt].filter((s) => !ziel.has(s));
    let dazu;
    if (weg.length > angezeigt.size / 2 && weg.length > 50) {
      gruppe.clearLayers();
      dazu = [...ziel];
    } else {
      if (weg.length) gruppe.removeLayers(weg.map((s) => marker.get(s)));
      dazu = [...ziel].filter((s) => !angezeigt.has(s));
    }
    angezeigt = ziel;
    const fertig = () => {
      laeuft = false;
      el.dataset.markerCount = String(angezeigt.size);
      if (wunsch) anwenden();
      else if (danach) danach(angezeigt);
    };
    if (dazu.length) {
      nachDemLaden = fertig;
      gruppe.addLayers(dazu.map(markerVon));
    } else {
      fertig();
    }
  };

  const ortsDaten = json(d.orte || `${basis}lernorte.geojson`).catch((fehler) => {
    console.error("Lernorte:", fehler);
    const m = meldungNach(el, "karte-fehler");
    m.textContent = "Die Orte konnten nicht geladen werden. Alle Lernorte finden Sie in der Liste.";
    return null;
  });

  // ------------------------------------------------------------ "In meiner Nähe"
  let standortMarker = null;
  let standortAktiv = false;
  const naeheKnopf = document.getElementById("in-meiner-naehe");
  if (naeheKnopf) {
    const meldung = document.getElementById("standort-meldung") || meldungNach(naeheKnopf, "naehe-meldung");
    naeheKnopf.addEventListener("click", () => {
      if (!("geolocation" in navigator)) {
        meldung.textContent = "Ihr Browser kann den Standort nicht bestimmen.";
        return;
      }
      meldung.textContent = "Ihr Standort wird bestimmt …";
      naeheKnopf.setAttribute("aria-busy", "true");
      navigator.geolocation.getCurrentPosition(
        async (pos) => {
          naeheKnopf.removeAttribute("aria-busy");
          const hier = { lat: pos.coords.latitude, lon: pos.coords.longitude };
          standortAktiv = true;
          karte.setView([hier.lat, hier.lon], 14, bewegung);
          const icon = new BeschriftetesIcon({
            html: '<span class="karte-standort-punkt"></span>',
            className: "karte-standort",
            iconSize: [22, 22],
            beschriftung: "Ihr Standort",
            rolle: "img",
          });
          if (standortMarker) standortMarker.setLatLng([hier.lat, hier.lon]);
          else standortMarker = L.marker([hier.lat, hier.lon], { icon, keyboard: false, interactive: false, title: "Ihr Standort", zIndexOffset: 1000 }).addTo(karte);
          if (art === "suche") {
            document.dispatchEvent(new CustomEvent("lernorte:standort", { detail: hier }));
            meldung.textContent = "Die Karte zeigt Ihre Umgebung. Die Treffer sind nach der Entfernung geordnet.";
          } else {
            await ortsDaten;
            naechsteZeigen(hier, meldung);
          }
        },
        (fehler) => {
          naeheKnopf.removeAttribute("aria-busy");
          meldung.textContent =
            fehler.code === 1
              ? "Der Zugriff auf Ihren Standort ist nicht erlaubt. Sie können ihn in den Einstellungen des Browsers freigeben oder in der Liste nach einem Stadtbezirk suchen."
              : fehler.code === 3
                ? "Die Bestimmung Ihres Standorts hat zu lange gedauert. Bitte versuchen Sie es noch einmal."
                : "Ihr Standort konnte nicht bestimmt werden. Bitte versuchen Sie es noch einmal.";
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 },
      );
    });
  }

  // On /karte/: the nearest places as a list after the button's message.
  const naechsteZeigen = (hier, meldung) => {
    const liste = [...angezeigt]
      .map((s) => merkmale.get(s))
      .map((f) => ({ f, m: entfernung(hier, { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) }))
      .sort((a, b) => a.m - b.m)
      .slice(0, 5);
    let ol = meldung.nextElementSibling;
    if (!ol || !ol.classList.contains("naechste-orte")) {
      ol = textVon("ol", "naechste-orte");
      meldung.insertAdjacentElement("afterend", ol);
    }
    ol.replaceChildren(
      ...liste.map(({ f, m }) => {
        const li = document.createElement("li");
        const a = textVon("a", null, f.properties.name);
        a.href = `${basis}lernorte/${encodeURIComponent(f.properties.slug)}/`;
        li.append(a, ` (${entfernungText(m)}${f.properties.bezirk_name ? `, ${f.properties.bezirk_name}` : ""})`);
        return li;
      }),
    );
    meldung.textContent = liste.length
      ? `Die Karte zeigt Ihre Umgebung. Die ${liste.length} nächsten Lernorte stehen unter dem Knopf.`
      : "Die Karte zeigt Ihre Umgebung.";
  };

  // ------------------------------------------------------------ results of the search page
  const liste = document.getElementById("trefferliste");
  const ortVonCache = new Map();
  const ortVon = async (li) => {
    const dok = Number(li.dataset.dok);
    if (!Number.isFinite(dok) || li.dataset.dok === undefined) return null;
    if (li.dataset.kind !== "offer") return dok;
    if (!ortVonCache.has(dok)) {
      const f = window.lernorteSuche && window.lernorteSuche.ortVon;
      ortVonCache.set(dok, f ? Promise.resolve(f(dok)).catch(() => null) : Promise.resolve(null));
    }
    return ortVonCache.get(dok);
  };

  // Marker selected -> its cards.
  let kartenLauf = 0;
  const kartenHervorheben = async (schluessel) => {
    if (!liste) return;
    const lauf = ++kartenLauf;
    for (const li of liste.querySelectorAll(":scope > li.hervorgehoben")) li.classList.remove("hervorgehoben");
    if (schluessel === null) return;
    const karten = [...liste.querySelectorAll(":scope > li[data-dok]")];
    const orte = await Promise.all(karten.map(ortVon));
    if (lauf !== kartenLauf) return;
    const treffer = karten.filter((_, i) => orte[i] === schluessel);
    for (const li of treffer) li.classList.add("hervorgehoben");
    treffer[0]?.scrollIntoView({ block: "nearest", behavior: ruhig ? "auto" : "smooth" });
  };

  // Card hovered or focused -> its marker (or the cluster it is in).
  let markiertesElement = null;
  const markerMarkieren = (schluessel) => {
    markiertesElement?.classList.remove("karte-marker-hervorgehoben");
    markiertesElement = null;
    hervorgehoben = schluessel;
    if (schluessel === null || !angezeigt.has(schluessel)) return;
    const m = marker.get(schluessel);
    const sichtbar = m && gruppe.getVisibleParent(m);
    const icon = sichtbar && sichtbar.getElement();
    if (icon) {
      icon.classList.add("karte-marker-hervorgehoben");
      markiertesElement = icon;
    }
  };

  const kartenKnoepfe = () => {
    if (!liste) return;
    for (const li of liste.querySelectorAll(":scope > li[data-dok]")) {
      if (li.querySelector(".karte-zeigen")) continue;
      ortVon(li).then((schluessel) => {
        if (schluessel === null || !angezeigt.has(schluessel) || li.querySelector(".karte-zeigen")) return;
        const knopf = textVon("button", "karte-zeigen knopf-zweitrangig", "Auf der Karte zeigen");
        knopf.type = "button";
        const name = li.querySelector(".karte-titel")?.textContent.trim();
        if (name) knopf.setAttribute("aria-label", `${name} auf der Karte zeigen`);
        knopf.dataset.ort = String(schluessel);
        (li.querySelector("article") || li).append(knopf);
      });
    }
  };

  if (art === "suche" && liste) {
    // The card under the pointer wins; without one, the card that has the focus.
    let zeigerLi = null;
    let fokusLi = null;
    let markierLauf = 0;
    const markieren = async () => {
      const lauf = ++markierLauf;
      const li = zeigerLi || fokusLi;
      const schluessel = li ? await ortVon(li) : null;
      if (lauf === markierLauf) markerMarkieren(schluessel);
    };
    const karteVon = (ziel) => (ziel && ziel.closest ? ziel.closest("#trefferliste > li[data-dok]") : null);
    liste.addEventListener("mouseover", (e) => {
      const li = karteVon(e.target);
      if (li === zeigerLi) return;
      zeigerLi = li;
      markieren();
    });
    liste.addEventListener("mouseleave", () => {
      zeigerLi = null;
      markieren();
    });
    liste.addEventListener("focusin", (e) => {
      fokusLi = karteVon(e.target);
      markieren();
    });
    liste.addEventListener("focusout", (e) => {
      if (liste.contains(e.relatedTarget)) return;
      fokusLi = null;
      markieren();
    });
    liste.addEventListener("click", (e) => {
      const knopf = e.target.closest && e.target.closest(".karte-zeigen");
      if (!knopf) return;
      const m = marker.get(Number(knopf.dataset.ort));
      if (!m || !angezeigt.has(m.ort.schluessel)) return;
      el.scrollIntoView({ block: "nearest", behavior: ruhig ? "auto" : "smooth" });
      gruppe.zoomToShowLayer(m, () => popupOeffnen(m, knopf));
    });
    new MutationObserver(kartenKnoepfe).observe(liste, { childList: true });
  }

  // ------------------------------------------------------------ load and show
  let letzte = (window.lernorteSuche && window.lernorteSuche.letzte) || null;
  let bereit = false;
  let trefferLauf = 0;
  const trefferZeigen = async (detail) => {
    const lauf = ++trefferLauf;
    let orte;
    if (typeof detail.ortIds === "function") {
      orte = await detail.ortIds();
    } else {
      orte = Array.from(detail.ids).filter((dok) => dok < detail.orte);
    }
    if (lauf !== trefferLauf) return;
    // The districts of the filter are outlined, and the map shows them with the results.
    hervorgehobeneBezirke.clear();
    for (const slug of (detail.filter && detail.filter.bezirk) || []) hervorgehobeneBezirke.add(slug);
    bezirkeStilen();
    const bezirke = [];
    bezirksEbene?.eachLayer((l) => {
      if (hervorgehobeneBezirke.has(l.feature.properties && l.feature.properties.slug)) bezirke.push(l);
    });
    zeigen(orte, (gezeigt) => {
      const rahmen = L.latLngBounds([]);
      if (gezeigt.size) rahmen.extend(gruppe.getBounds());
      for (const l of bezirke) rahmen.extend(l.getBounds());
      if (!standortAktiv && rahmen.isValid()) {
        karte.fitBounds(rahmen, { paddingTopLeft: [24, 24], paddingBottomRight: [24, 32], maxZoom: 14, animate: false });
      }
      kartenKnoepfe();
    });
  };
  if (art === "suche") {
    document.addEventListener("lernorte:treffer", (e) => {
      letzte = e.detail;
      if (bereit) trefferZeigen(letzte);
    });
  }

  Promise.all([ortsDaten, bezirkeLaden]).then(([daten]) => {
    if (!daten) return;
    for (const f of daten.features || []) {
      if (!f.geometry || f.geometry.type !== "Point" || !f.properties) continue;
      const p = f.properties;
      if (art === "bezirk" && p.bezirk !== d.bezirk) continue;
      // On the search page places are known by their document number, elsewhere by slug.
      const schluessel = art === "suche" ? p.dok : p.slug;
      if (schluessel === undefined || schluessel === null) continue;
      merkmale.set(schluessel, f);
    }
    bereit = true;
    if (art === "suche") {
      letzte = letzte || (window.lernorteSuche && window.lernorteSuche.letzte) || null;
      if (letzte) trefferZeigen(letzte);
    } else {
      zeigen(merkmale.keys(), (gezeigt) => {
        if (art === "bezirk" && !eigenerBezirk && gezeigt.size) {
          karte.fitBounds(gruppe.getBounds(), { padding: [24, 24], maxZoom: 15, animate: false });
        }
      });
    }
  });
}

start();
