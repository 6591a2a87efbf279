// Coverage page /netzwerk/abdeckung/ (Standard-Theme): sortable table and a choropleth map of
// the 23 Stadtbezirke.
//
// Without this script the page is a plain, complete table. The script adds:
//   - a sort button in every `#abdeckung-tabelle thead th[data-kennzahl]`; the sorted header
//     gets `aria-sort`, and `#abdeckung-sortierung` (a polite live region) says how it is sorted;
//   - the map section `#abdeckung-kartenteil` (hidden in the HTML): the district shapes of
//     `stadtbezirke.geojson`, shaded by the measure chosen in `#abdeckung-kennzahl`, with a
//     legend `#abdeckung-legende`. The numbers come from `#abdeckung-daten` (the JSON of
//     `lernorte report --format json` plus `klassen`: the shading classes per measure).
//
// Hooks for tests and other scripts:
//   #abdeckung-karte[data-kennzahl]   the measure shown, set once the shapes are shaded
//   path.abdeckung-bezirk[data-bezirk][data-wert][data-klasse]   one per district
//   #abdeckung-legende li[data-klasse][data-farbe]   one per class, with its fill colour
//   ?kennzahl=<key> in the address chooses the measure (the script keeps it up to date)
//
// Privacy: the map has no background tiles at all, so nothing is requested from any server but
// the site itself. Every number is in the table and in the shapes' labels and tooltips, so no
// number has to be read from the colour.

const L = window.L;

/** Zero is the gap the page is for: a warm colour of its own, apart from the greens. */
const FARBE_NULL = "#f6e7b0";
/** Sequential greens, light to dark. Between the districts runs a dark line with a white halo,
 * so that each border stands out against every fill. */
const FARBEN = ["#c6e5b9", "#86c276", "#3f8f3f", "#1d5a2e"];
const LINIE = "#1b2a1e";
const BEZIRKS_QUELLE =
  'Bezirksgrenzen: Landeshauptstadt Stuttgart, <a href="https://creativecommons.org/licenses/by/4.0/deed.de" hreflang="de">CC BY 4.0</a>';
const LEAFLET_PREFIX = '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';

const ruhig = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function element(tag, klasse, text) {
  const e = document.createElement(tag);
  if (klasse) e.className = klasse;
  if (text !== undefined) e.textContent = text;
  return e;
}

function zahlText(n) {
  return Number(n).toLocaleString("de-DE");
}

/** The fill colour of each class: zero first, then the greens spread over the classes above. */
function klassenFarben(anzahl) {
  const oben = anzahl - 1;
  const farben = [FARBE_NULL];
  for (let i = 0; i < oben; i++) {
    const stufe = oben === 1 ? 2 : Math.round((i * (FARBEN.length - 1)) / (oben - 1));
    farben.push(FARBEN[stufe]);
  }
  return farben;
}

function klassenText(k) {
  return k.von === k.bis ? zahlText(k.von) : `${zahlText(k.von)}–${zahlText(k.bis)}`;
}

// ---------------------------------------------------------------- the table

function sortierbar(tabelle) {
  const koerper = tabelle.tBodies[0];
  if (!koerper || !tabelle.tHead) return;
  const reihenfolge = [...koerper.rows];
  const meldung = document.getElementById("abdeckung-sortierung");
  const hinweis = document.querySelector(".abdeckung-sortierhinweis");
  if (hinweis) hinweis.hidden = false;
  const wert = (zeile, kennzahl) => {
    if (kennzahl === "name") return zeile.cells[0].textContent.trim();
    const zelle = zeile.querySelector(`td[data-kennzahl="${kennzahl}"]`);
    return zelle ? Number(zelle.textContent) : 0;
  };
  for (const th of tabelle.tHead.querySelectorAll("th[data-kennzahl]")) {
    const kennzahl = th.dataset.kennzahl;
    const knopf = element("button", "sortieren");
    knopf.type = "button";
    knopf.append(...th.childNodes);
    const name = knopf.textContent.trim();
    knopf.append(element("span", "sortier-zeichen"));
    knopf.lastChild.setAttribute("aria-hidden", "true");
    th.append(knopf);
    knopf.addEventListener("click", () => {
      const richtung = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const anderes of tabelle.tHead.querySelectorAll("th[aria-sort]")) anderes.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", richtung);
      const vorzeichen = richtung === "ascending" ? 1 : -1;
      // Array.prototype.sort is stable: equal values keep the order of the district numbers.
      const zeilen = [...reihenfolge].sort((a, b) => {
        const x = wert(a, kennzahl);
        const y = wert(b, kennzahl);
        return vorzeichen * (typeof x === "string" ? x.localeCompare(y, "de") : x - y);
      });
      koerper.append(...zeilen);
      if (meldung) {
        meldung.textContent = `Die Tabelle ist nach „${name}“ sortiert, ${richtung === "ascending" ? "aufsteigend" : "absteigend"}.`;
      }
    });
  }
}

/** Marks the table's column of the measure on the map. */
function spalteMarkieren(tabelle, kennzahl) {
  for (const zelle of tabelle.querySelectorAll(".aktiv")) zelle.classList.remove("aktiv");
  for (const zelle of tabelle.querySelectorAll(`[data-kennzahl="${kennzahl}"]`)) zelle.classList.add("aktiv");
}

// ---------------------------------------------------------------- the map

async function karteZeichnen(daten, tabelle) {
  const teil = document.getElementById("abdeckung-kartenteil");
  const el = document.getElementById("abdeckung-karte");
  const auswahl = document.getElementById("abdeckung-kennzahl");
  const legende = document.getElementById("abdeckung-legende");
  if (!teil || !el || !auswahl || !legende || !L) return;
  let grenzen;
  try {
    const antwort = await fetch(el.dataset.bezirke);
    if (!antwort.ok) throw new Error(`${el.dataset.bezirke}: ${antwort.status}`);
    grenzen = await antwort.json();
  } catch (fehler) {
    // The table has every number; the map section just stays hidden.
    console.error("Bezirksgrenzen:", fehler);
    return;
  }
  teil.hidden = false;

  const kennzahlen = new Map(daten.kennzahlen.map((k) => [k.kuerzel, k]));
  const bezirke = new Map(daten.bezirke.map((b) => [b.kuerzel, b]));

  const karte = L.map(el, {
    zoomSnap: 0.25,
    zoomControl: false,
    attributionControl: false,
    scrollWheelZoom: false,
    zoomAnimation: !ruhig,
    fadeAnimation: !ruhig,
    inertia: !ruhig,
    dragging: !L.Browser.mobile,
    tap: false,
  });
  L.control
    .zoom({ zoomInTitle: "Karte vergrößern", zoomOutTitle: "Karte verkleinern", zoomInText: "+", zoomOutText: "−" })
    .addTo(karte);
  L.control.attribution({ prefix: LEAFLET_PREFIX }).addTo(karte);
  const quelle = el.dataset.bezirksgrenzenQuelle
    ? escapeHtml(el.dataset.bezirksgrenzenQuelle).replace(
        "CC BY 4.0",
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.de" hreflang="de">CC BY 4.0</a>',
      )
    : BEZIRKS_QUELLE;

  const flaechen = L.geoJSON(grenzen, {
    attribution: quelle,
    style: () => ({ color: "#ffffff", weight: 3, opacity: 1, fillColor: FARBE_NULL, fillOpacity: 1, className: "abdeckung-bezirk" }),
  }).addTo(karte);
  L.geoJSON(grenzen, { interactive: false, style: () => ({ color: LINIE, weight: 1, opacity: 1, fill: false }) }).addTo(karte);
  // Room at the bottom for the attribution, which wraps on narrow maps.
  const passend = () => {
    const zeile = el.querySelector(".leaflet-control-attribution");
    const unten = (zeile ? zeile.offsetHeight : 20) + 6;
    karte.fitBounds(flaechen.getBounds(), { paddingTopLeft: [6, 6], paddingBottomRight: [6, unten], animate: false });
  };
  passend();
  if ("ResizeObserver" in window) {
    let breite = el.clientWidth;
    new ResizeObserver(() => {
      if (el.clientWidth === breite) return;
      breite = el.clientWidth;
      karte.invalidateSize({ pan: false });
      passend();
    }).observe(el);
  }

  flaechen.eachLayer((flaeche) => {
    const p = flaeche.feature.properties;
    const pfad = flaeche.getElement();
    pfad.setAttribute("data-bezirk", p.slug);
    pfad.setAttribute("tabindex", "0");
    pfad.setAttribute("role", "img");
    flaeche.bindTooltip(element("div"), { sticky: true, direction: "top", offset: [0, -6], className: "abdeckung-tooltip" });
  });

  const zeigen = (schluessel) => {
    const kennzahl = kennzahlen.get(schluessel) || daten.kennzahlen[0];
    const klassen = daten.klassen[kennzahl.kuerzel];
    const farben = klassenFarben(klassen.length);
    flaechen.eachLayer((flaeche) => {
      const p = flaeche.feature.properties;
      const b = bezirke.get(p.slug);
      const wert = b ? b[kennzahl.kuerzel] : 0;
      const klasse = Math.max(0, klassen.findIndex((k) => wert >= k.von && wert <= k.bis));
      flaeche.setStyle({ fillColor: farben[klasse] });
      const pfad = flaeche.getElement();
      pfad.setAttribute("data-wert", String(wert));
      pfad.setAttribute("data-klasse", String(klasse));
      const name = b ? b.name : p.name;
      pfad.setAttribute("aria-label", `${name}: ${kennzahl.name} ${zahlText(wert)}`);
      const text = element("div");
      text.append(element("strong", null, name), element("br"), `${kennzahl.name}: ${zahlText(wert)}`);
      flaeche.setTooltipContent(text);
    });
    el.setAttribute("aria-label", `Karte der Stadtbezirke: ${kennzahl.name}`);
    el.dataset.kennzahl = kennzahl.kuerzel;

    document.getElementById("abdeckung-legende-titel").textContent = `${kennzahl.name} je Stadtbezirk`;
    const liste = legende.querySelector("ul");
    liste.replaceChildren(
      ...klassen.map((k, i) => {
        const li = element("li");
        li.dataset.klasse = String(i);
        li.dataset.farbe = farben[i];
        const feld = element("span", "abdeckung-farbfeld");
        feld.style.background = farben[i];
        feld.setAttribute("aria-hidden", "true");
        const bezirkeText = k.anzahl === 1 ? "1 Bezirk" : `${zahlText(k.anzahl)} Bezirke`;
        li.append(feld, element("span", "abdeckung-klasse", klassenText(k)), " ", element("span", "klein", `(${bezirkeText})`));
        return li;
      }),
    );
    const mobil = daten.mobil[kennzahl.kuerzel];
    document.getElementById("abdeckung-legende-mobil").textContent =
      mobil > 0
        ? `Davon in jedem Bezirk von mobilen Anbietern: ${zahlText(mobil)}.`
        : "Mobile Anbieter tragen hierzu nichts bei.";
    if (tabelle) spalteMarkieren(tabelle, kennzahl.kuerzel);
  };

  const adresse = new URL(window.location.href);
  const gewuenscht = adresse.searchParams.get("kennzahl");
  if (gewuenscht && kennzahlen.has(gewuenscht)) auswahl.value = gewuenscht;
  zeigen(auswahl.value);
  auswahl.addEventListener("change", () => {
    zeigen(auswahl.value);
    const neu = new URL(window.location.href);
    neu.searchParams.set("kennzahl", auswahl.value);
    window.history.replaceState(null, "", neu);
  });
}

function start() {
  const quelle = document.getElementById("abdeckung-daten");
  const tabelle = document.getElementById("abdeckung-tabelle");
  if (tabelle) sortierbar(tabelle);
  if (!quelle) return;
  let daten;
  try {
    daten = JSON.parse(quelle.textContent);
  } catch (fehler) {
    console.error("Abdeckung:", fehler);
    return;
  }
  karteZeichnen(daten, tabelle);
}

start();
