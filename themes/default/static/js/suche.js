// Search page of lernorte (Standard-Theme).
//
// Loads the index that `lernorte build` writes to suche/index/ (format: src/search/output.rs)
// and matches queries by the same rules as the reference matcher src/search/query.rs. The
// corpus is never tokenized here: folding, stems and compound parts of the documents were made
// at build time. Only the query is folded, cut and stemmed, by the functions below, which
// mirror src/search/text.rs character for character.
//
// For other scripts on the page (the map): after every search the event `lernorte:treffer`
// is dispatched on `document`, and `window.lernorteSuche.letzte` holds the same detail:
//   { anzahl, ids (Uint32Array of document numbers, best first), orte (documents below this
//     number are places, the rest offers), anfrage, filter ({param: [values]}),
//     slugs(ids) -> Promise<[{slug, kind}]>,
//     ortIds() -> Promise<Uint32Array>: the distinct places of the results, offers mapped to
//     their place (the `dok` property of /lernorte.geojson) }
// and window.lernorteSuche.ortVon(dok) -> Promise<place document number>.

// ---------------------------------------------------------------- text (src/search/text.rs)

/** Lower case without diacritics; ß = ss; ae/oe/ue = a/o/u. */
export function falte(text) {
  return text
    .toLowerCase()
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replaceAll("ae", "a")
    .replaceAll("oe", "o")
    .replaceAll("ue", "u");
}

/** Runs of letters and digits of a folded text. */
export function woerter(gefaltet) {
  return gefaltet.match(/[\p{Alphabetic}\p{N}]+/gu) || [];
}

const zeichen = (s) => [...s].length;

/** CISTEM stem of a folded word (case-insensitive, without the ge- rule). */
export function stamm(wort) {
  if (/[0-9]/.test(wort)) return wort;
  const cs = [...wort.replaceAll("sch", "$").replaceAll("ei", "%").replaceAll("ie", "&")];
  const w = [];
  for (let i = 0; i < cs.length; ) {
    w.push(cs[i]);
    if (i + 1 < cs.length && cs[i + 1] === cs[i]) {
      w.push("*");
      i += 2;
    } else {
      i += 1;
    }
  }
  while (w.length > 3) {
    const n = w.length;
    if (n > 5 && w[n - 2] === "e" && (w[n - 1] === "m" || w[n - 1] === "r")) {
      w.length = n - 2;
      continue;
    }
    if (n > 5 && w[n - 2] === "n" && w[n - 1] === "d") {
      w.length = n - 2;
      continue;
    }
    if ("tesn".includes(w[n - 1])) {
      w.length = n - 1;
      continue;
    }
    break;
  }
  const d = [];
  for (const c of w) d.push(c === "*" && d.length ? d[d.length - 1] : c);
  return d.map((c) => (c === "$" ? "sch" : c === "%" ? "ei" : c === "&" ? "ie" : c)).join("");
}

/** At most one insertion, deletion, substitution or swap of neighbours apart. */
export function hoechstensEinFehler(a, b) {
  let s = [...a];
  let l = [...b];
  if (s.length > l.length) [s, l] = [l, s];
  if (l.length - s.length > 1) return false;
  let p = 0;
  while (p < s.length && s[p] === l[p]) p++;
  if (p === l.length) return true;
  const gleich = (x, i, y, j) => x.length - i === y.length - j && x.slice(i).every((c, k) => c === y[j + k]);
  if (s.length < l.length) return gleich(s, p, l, p + 1);
  if (gleich(s, p + 1, l, p + 1)) return true;
  return p + 1 < s.length && s[p] === l[p + 1] && s[p + 1] === l[p] && gleich(s, p + 2, l, p + 2);
}

/** The words of a query (src/search/query.rs, query_words). */
export function anfrageWoerter(anfrage, stoppwoerter) {
  const alle = [];
  for (const w of woerter(falte(anfrage))) {
    if (zeichen(w) >= 2 && !alle.includes(w)) alle.push(w);
  }
  const inhalt = alle.filter((w) => !stoppwoerter.has(w));
  return inhalt.length ? inhalt : alle;
}

// ---------------------------------------------------------------- index (src/search/query.rs)

const ART = { GENAU: 4, STAMM: 3, PRAEFIX: 2, TIPPFEHLER: 1 };

function popcount(x) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

class Suchindex {
  constructor(meta, adresse) {
    this.meta = meta;
    this.pfad = adresse + meta.pfad;
    this.stopp = new Set(meta.stoppwoerter);
    this.grenzen = meta.grenzen;
    this.scherben = new Map();
    this.dokumente = new Map();
    this.facettenLaden = null;
  }

  static async laden(adresse) {
    const antwort = await fetch(adresse + "meta.json", { cache: "no-cache" });
    if (!antwort.ok) throw new Error(`meta.json: ${antwort.status}`);
    return new Suchindex(await antwort.json(), adresse);
  }

  async json(pfad) {
    const antwort = await fetch(this.pfad + pfad);
    if (!antwort.ok) throw new Error(`${pfad}: ${antwort.status}`);
    return antwort.json();
  }

  /** The shard whose key range holds `schluessel`. */
  scherbeVon(schluessel) {
    const erste = this.meta.schluessel;
    let lo = 0;
    let hi = erste.length - 1;
    let treffer = 0;
    while (lo <= hi) {
      const mitte = (lo + hi) >> 1;
      if (erste[mitte] <= schluessel) {
        treffer = mitte;
        lo = mitte + 1;
      } else {
        hi = mitte - 1;
      }
    }
    return treffer;
  }

  /** The shards that may hold keys starting with `praefix`. */
  scherbenFuer(praefix) {
    const erste = this.meta.schluessel;
    if (!erste.length) return [];
    const liste = [this.scherbeVon(praefix)];
    for (let i = liste[0] + 1; i < erste.length && erste[i].startsWith(praefix); i++) liste.push(i);
    return liste;
  }

  scherbe(i) {
    if (!this.scherben.has(i)) this.scherben.set(i, this.json(`t/${i}.json`));
    return this.scherben.get(i);
  }

  async scherbenLaden(nummern) {
    return Promise.all([...new Set(nummern)].map((i) => this.scherbe(i)));
  }

  /** Postings of one key, or undefined. */
  async eintraege(schluessel) {
    if (!this.meta.schluessel.length) return undefined;
    const s = await this.scherbe(this.scherbeVon(schluessel));
    let lo = 0;
    let hi = s.k.length - 1;
    while (lo <= hi) {
      const mitte = (lo + hi) >> 1;
      if (s.k[mitte] === schluessel) return s.p[mitte];
      if (s.k[mitte] < schluessel) lo = mitte + 1;
      else hi = mitte - 1;
    }
    return undefined;
  }

  /** Keys starting with `praefix`, from the loaded shards. */
  async schluesselMit(praefix) {
    const liste = [];
    for (const i of this.scherbenFuer(praefix)) {
      const s = await this.scherbe(i);
      for (let j = 0; j < s.k.length; j++) {
        if (s.k[j].startsWith(praefix)) liste.push([s.k[j], s.p[j]]);
      }
    }
    return liste;
  }

  /** Documents one query word matches: Map document -> best score. */
  async wortTreffer(wort) {
    const beste = new Map();
    const nimm = (eintraege, art) => {
      if (!eintraege) return;
      let dok = 0;
      for (let i = 0; i < eintraege.length; i += 2) {
        dok += eintraege[i];
        const wert = eintraege[i + 1] * art;
        const bisher = beste.get(dok);
        if (bisher === undefined || wert > bisher) beste.set(dok, wert);
      }
    };
    const s = stamm(wort);
    const n = zeichen(wort);
    const noetig = [this.scherbeVon(wort), this.scherbeVon(s)];
    if (n >= this.grenzen.praefix) noetig.push(...this.scherbenFuer(wort));
    if (this.meta.schluessel.length) await this.scherbenLaden(noetig);

    nimm(await this.eintraege(wort), ART.GENAU);
    if (s !== wort) nimm(await this.eintraege(s), ART.STAMM);
    if (n >= this.grenzen.praefix) {
      const laenger = (await this.schluesselMit(wort)).filter(([k]) => k !== wort);
      laenger.sort(([a], [b]) => zeichen(a) - zeichen(b) || (a < b ? -1 : a > b ? 1 : 0));
      for (const [, e] of laenger.slice(0, this.grenzen.praefix_schluessel)) nimm(e, ART.PRAEFIX);
    }
    if (beste.size === 0 && n >= this.grenzen.tippfehler) {
      const anfang = [...wort].slice(0, this.grenzen.tippfehler_gleicher_anfang).join("");
      for (const [k, e] of await this.schluesselMit(anfang)) {
        if (hoechstensEinFehler(k, wort)) nimm(e, ART.TIPPFEHLER);
      }
    }
    return beste;
  }

  /** Documents matching every word, best first; an empty query matches all. */
  async suche(anfrage) {
    const woerter = anfrageWoerter(anfrage, this.stopp);
    if (!woerter.length) {
      return Array.from({ length: this.meta.dokumente }, (_, dok) => ({ dok, wert: 0 }));
    }
    const je = await Promise.all(woerter.map((w) => this.wortTreffer(w)));
    let summe = je[0];
    for (const m of je.slice(1)) {
      const naechste = new Map();
      for (const [dok, wert] of summe) {
        const t = m.get(dok);
        if (t !== undefined) naechste.set(dok, wert + t);
      }
      summe = naechste;
    }
    return [...summe]
      .map(([dok, wert]) => ({ dok, wert }))
      .sort((a, b) => b.wert - a.wert || a.dok - b.dok);
  }

  facetten() {
    if (!this.facettenLaden) {
      this.facettenLaden = fetch(this.pfad + "facetten.bin")
        .then((r) => {
          if (!r.ok) throw new Error(`facetten.bin: ${r.status}`);
          return r.arrayBuffer();
        })
        .then((puffer) => {
          const w = this.meta.woerter_je_option;
          let versatz = 0;
          return this.meta.facetten.map((f) => ({
            param: f.param,
            werte: f.werte,
            bits: f.werte.map(() => {
              const b = new Uint32Array(puffer, versatz * 4, w);
              versatz += w;
              return b;
            }),
          }));
        });
    }
    return this.facettenLaden;
  }

  /** Narrows hits by the selection and counts per option (src/search/query.rs, filter). */
  async filtern(treffer, auswahl) {
    const facetten = await this.facetten();
    const w = this.meta.woerter_je_option;
    const menge = new Uint32Array(w);
    for (const t of treffer) menge[t.dok >>> 5] |= 1 << (t.dok & 31);
    const vereinigungen = facetten.map((f) => {
      const gewaehlt = auswahl.get(f.param);
      if (!gewaehlt || !gewaehlt.size) return null;
      const u = new Uint32Array(w);
      f.werte.forEach((wert, k) => {
        if (gewaehlt.has(wert)) for (let i = 0; i < w; i++) u[i] |= f.bits[k][i];
      });
      return u;
    });
    const basis = (ausser) => {
      const b = menge.slice();
      vereinigungen.forEach((u, g) => {
        if (u && g !== ausser) for (let i = 0; i < w; i++) b[i] &= u[i];
      });
      return b;
    };
    const alle = basis(-1);
    const behalten = treffer.filter((t) => (alle[t.dok >>> 5] & (1 << (t.dok & 31))) !== 0);
    const anzahlen = facetten.map((f, fi) => {
      const b = basis(fi);
      return f.bits.map((bits) => {
        let c = 0;
        for (let i = 0; i < w; i++) c += popcount(b[i] & bits[i]);
        return c;
      });
    });
    return { treffer: behalten, anzahlen };
  }

  /** For each offer, its place's document number (Uint32Array), loaded once. */
  angebotOrte() {
    if (!this.angebotOrteLaden) {
      this.angebotOrteLaden = fetch(this.pfad + "angebot-orte.bin")
        .then((r) => {
          if (!r.ok) throw new Error(`angebot-orte.bin: ${r.status}`);
          return r.arrayBuffer();
        })
        .then((puffer) => new Uint32Array(puffer));
    }
    return this.angebotOrteLaden;
  }

  /** The place of a document: itself for a place, its place for an offer. */
  async ortVon(dok) {
    if (dok < this.meta.orte) return dok;
    return (await this.angebotOrte())[dok - this.meta.orte];
  }

  /** The distinct places of a result set (offers stand for their place), in rank order. */
  async ortIds(ids) {
    const orte = this.meta.orte;
    const zuOrt = [...ids].some((d) => d >= orte) ? await this.angebotOrte() : null;
    const gesehen = new Set();
    for (const d of ids) gesehen.add(d < orte ? d : zuOrt[d - orte]);
    return Uint32Array.from(gesehen);
  }

  /** Loads every shard and card file, a few at a time, when the whole index is small. */
  async vorladen(grenze) {
    const b = this.meta.bytes;
    if (!b || b.schluessel + b.karten > grenze) return false;
    const auftraege = [
      ...this.meta.schluessel.map((_, i) => () => this.scherbe(i)),
      ...Array.from({ length: Math.ceil(this.meta.dokumente / this.meta.je_datei) }, (_, i) => () => this.kartenDatei(i)),
      () => this.facetten(),
    ];
    const arbeiter = Array.from({ length: 4 }, async () => {
      while (auftraege.length) await auftraege.shift()();
    });
    await Promise.all(arbeiter);
    return true;
  }

  kartenDatei(i) {
    if (!this.dokumente.has(i)) this.dokumente.set(i, this.json(`d/${i}.json`));
    return this.dokumente.get(i);
  }

  /** Result cards of documents: [kind, slug, name, meta, summary, flags]. */
  async karten(doks) {
    const je = this.meta.je_datei;
    const dateien = [...new Set(doks.map((d) => Math.floor(d / je)))];
    await Promise.all(dateien.map((i) => this.kartenDatei(i)));
    return Promise.all(doks.map(async (d) => (await this.dokumente.get(Math.floor(d / je)))[d % je]));
  }
}

// ---------------------------------------------------------------- page

const SEITE = 20;

function auswahlAus(params, facetten) {
  const auswahl = new Map();
  for (const f of facetten) {
    const werte = params.getAll(f.param).filter((v) => f.werte.includes(v));
    if (werte.length) auswahl.set(f.param, new Set(werte));
  }
  return auswahl;
}

async function start() {
  const wurzel = document.getElementById("suche");
  if (!wurzel) return;
  const el = {
    form: document.getElementById("suchformular"),
    feld: document.getElementById("suchfeld"),
    filter: document.getElementById("filter"),
    filterAktiv: document.getElementById("filter-aktiv"),
    ergebnisse: document.getElementById("suchergebnisse"),
    anzahl: document.getElementById("treffer-anzahl"),
    aktive: document.getElementById("aktive-filter"),
    keine: document.getElementById("keine-treffer"),
    keineFilter: document.getElementById("keine-treffer-filter"),
    liste: document.getElementById("trefferliste"),
    mehr: document.getElementById("mehr-treffer"),
  };
  const kaestchen = [...el.filter.querySelectorAll("input[type=checkbox]")];
  const basis = wurzel.dataset.basis;

  let index;
  try {
    index = await Suchindex.laden(wurzel.dataset.index);
  } catch (fehler) {
    el.ergebnisse.dataset.zustand = "fehler";
    el.anzahl.textContent = "Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.";
    console.error(fehler);
    return;
  }
  const facettenMeta = index.meta.facetten;
  const legenden = new Map(
    [...el.filter.querySelectorAll("fieldset")].map((fs) => [
      fs.querySelector("input")?.name,
      fs.querySelector("legend")?.textContent.trim(),
    ]),
  );
  el.filter.hidden = false;
  if (window.matchMedia("(min-width: 60em)").matches) el.filter.open = true;

  // "In meiner Nähe" (js/karte.js dispatches `lernorte:standort`): results sorted by distance.
  let standort = null;
  let lagen = null;
  const lagenLaden = async () => {
    const antwort = await fetch(basis + "lernorte.geojson");
    const daten = await antwort.json();
    return new Map(daten.features.map((f) => [f.properties.dok, f.geometry.coordinates]));
  };
  const nachEntfernung = async (treffer) => {
    const orte = index.meta.orte;
    const zuOrt = treffer.some((t) => t.dok >= orte) ? await index.angebotOrte() : null;
    const rad = Math.PI / 180;
    const entfernung = (t) => {
      const lage = lagen.get(t.dok < orte ? t.dok : zuOrt[t.dok - orte]);
      if (!lage) return Infinity;
      const [lon, lat] = lage;
      const x = (lon - standort.lon) * Math.cos(((lat + standort.lat) / 2) * rad);
      return Math.hypot(x, lat - standort.lat);
    };
    return treffer
      .map((t) => ({ t, e: entfernung(t) }))
      .sort((a, b) => a.e - b.e)
      .map((x) => x.t);
  };

  let lauf = 0;
  let angezeigt = SEITE;
  let tippt = false;
  let letzteTreffer = [];

  const zustandAusUrl = () => {
    const params = new URLSearchParams(location.search);
    return { q: params.get("q") || "", auswahl: auswahlAus(params, facettenMeta) };
  };
  const zustandAusFormular = () => {
    const params = new URLSearchParams();
    for (const k of kaestchen) if (k.checked) params.append(k.name, k.value);
    return { q: el.feld.value, auswahl: auswahlAus(params, facettenMeta) };
  };
  const insFormular = (z) => {
    el.feld.value = z.q;
    for (const k of kaestchen) k.checked = z.auswahl.get(k.name)?.has(k.value) ?? false;
  };
  const adresse = (z) => {
    const params = new URLSearchParams();
    if (z.q.trim()) params.set("q", z.q);
    for (const f of facettenMeta) {
      const gewaehlt = z.auswahl.get(f.param);
      if (gewaehlt) for (const v of f.werte) if (gewaehlt.has(v)) params.append(f.param, v);
    }
    const s = params.toString();
    return location.pathname + (s ? "?" + s : "");
  };
  const merken = (z, ersetzen) => {
    const ziel = adresse(z);
    if (ziel === location.pathname + location.search) return;
    if (ersetzen) history.replaceState(null, "", ziel);
    else history.pushState(null, "", ziel);
  };

  const karte = (dok, [art, slug, name, meta, text, merkmale]) => {
    const li = document.createElement("li");
    li.dataset.slug = slug;
    li.dataset.kind = art ? "offer" : "place";
    li.dataset.dok = dok;
    const a = document.createElement("article");
    a.className = "karte treffer " + (art ? "karte-angebot" : "karte-lernort");
    const was = document.createElement("p");
    was.className = "treffer-art";
    was.textContent = art ? "Angebot" : "Lernort";
    const h = document.createElement("h2");
    h.className = "karte-titel";
    const link = document.createElement("a");
    link.href = `${basis}${art ? "angebote" : "lernorte"}/${encodeURIComponent(slug)}/`;
    link.textContent = name;
    h.append(link);
    const einordnung = document.createElement("p");
    einordnung.className = "karte-einordnung";
    einordnung.textContent = meta;
    a.append(was, h, einordnung);
    if (text) {
      const p = document.createElement("p");
      p.className = "karte-text";
      p.textContent = text;
      a.append(p);
    }
    const abzeichen = [];
    if (merkmale & 1) abzeichen.push(["abzeichen abzeichen-kostenlos", "kostenlos"]);
    if (merkmale & 2) abzeichen.push(["abzeichen abzeichen-info", "rollstuhlgerecht"]);
    if (merkmale & 4) abzeichen.push(["abzeichen abzeichen-info", "teilweise rollstuhlgerecht"]);
    if (merkmale & 8) abzeichen.push(["abzeichen abzeichen-info", "mobil, kommt zu Ihnen"]);
    if (abzeichen.length) {
      const p = document.createElement("p");
      p.className = "karte-abzeichen";
      for (const [klasse, wort] of abzeichen) {
        const s = document.createElement("span");
        s.className = klasse;
        s.textContent = wort;
        p.append(s, " ");
      }
      a.append(p);
    }
    li.append(a);
    return li;
  };

  const aktiveFilterZeigen = (z) => {
    const ul = el.aktive.querySelector("ul");
    ul.replaceChildren();
    let n = 0;
    for (const k of kaestchen) {
      if (!k.checked) continue;
      n++;
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "filter-chip";
      const label = el.filter.querySelector(`label[for="${CSS.escape(k.id)}"]`);
      const name = label ? label.firstChild.textContent.trim() : k.value;
      b.textContent = name;
      b.setAttribute("aria-label", `Filter ${legenden.get(k.name) || k.name}: ${name} entfernen`);
      b.addEventListener("click", () => {
        k.checked = false;
        tippt = false;
        merken(zustandAusFormular(), false);
        ausfuehren();
      });
      li.append(b);
      ul.append(li);
    }
    el.aktive.hidden = n === 0;
    el.filterAktiv.textContent = n ? `(${n} aktiv)` : "";
    if (n) el.filter.open = el.filter.open || window.matchMedia("(min-width: 60em)").matches;
    return n;
  };

  const zaehlen = (anzahlen) => {
    facettenMeta.forEach((f, fi) => {
      f.werte.forEach((wert, k) => {
        const feld = el.filter.querySelector(`input[name="${f.param}"][value="${CSS.escape(wert)}"]`);
        if (!feld) return;
        const c = anzahlen[fi][k];
        feld.dataset.anzahl = c;
        feld.disabled = c === 0 && !feld.checked;
        const s = feld.parentElement.querySelector(".facette-anzahl");
        if (s) s.textContent = `(${c})`;
      });
    });
  };

  const zeigen = async (treffer, nummer) => {
    const doks = treffer.slice(0, angezeigt).map((t) => t.dok);
    const karten = await index.karten(doks);
    if (nummer !== lauf) return false;
    el.liste.replaceChildren(...karten.map((k, i) => karte(doks[i], k)));
    el.mehr.hidden = treffer.length <= angezeigt;
    return true;
  };

  const ausfuehren = async () => {
    const nummer = ++lauf;
    const z = zustandAusFormular();
    angezeigt = SEITE;
    el.ergebnisse.dataset.zustand = "laedt";
    el.ergebnisse.setAttribute("aria-busy", "true");
    try {
      const roh = await index.suche(z.q);
      if (nummer !== lauf) return;
      // Without a filter the results do not need the facets: show them first, count after.
      let treffer = roh;
      let anzahlen = null;
      if (z.auswahl.size) ({ treffer, anzahlen } = await index.filtern(roh, z.auswahl));
      if (standort && lagen) treffer = await nachEntfernung(treffer);
      if (nummer !== lauf) return;
      letzteTreffer = treffer;
      if (!(await zeigen(treffer, nummer))) return;
      performance.mark("lernorte:treffer-angezeigt");
      if (!anzahlen) ({ anzahlen } = await index.filtern(roh, z.auswahl));
      if (nummer !== lauf) return;
      zaehlen(anzahlen);
      const filter = aktiveFilterZeigen(z);
      const n = treffer.length;
      let text = `${n} Treffer`;
      if (z.q.trim()) text += ` für „${z.q.trim()}“`;
      if (filter) text += ` mit ${filter} Filter${filter > 1 ? "n" : ""}`;
      if (standort) text += ", die nächsten zuerst";
      el.anzahl.textContent = text;
      el.keine.hidden = n > 0;
      el.keineFilter.hidden = !(n === 0 && filter > 0);
      const detail = {
        anzahl: n,
        ids: Uint32Array.from(treffer, (t) => t.dok),
        orte: index.meta.orte,
        anfrage: z.q,
        filter: Object.fromEntries([...z.auswahl].map(([k, v]) => [k, [...v]])),
        slugs: async (ids) =>
          (await index.karten([...ids])).map(([art, slug]) => ({ slug, kind: art ? "offer" : "place" })),
      };
      detail.ortIds = () => index.ortIds(detail.ids);
      window.lernorteSuche.letzte = detail;
      document.dispatchEvent(new CustomEvent("lernorte:treffer", { detail }));
      el.ergebnisse.dataset.zustand = "fertig";
      el.ergebnisse.removeAttribute("aria-busy");
    } catch (fehler) {
      if (nummer !== lauf) return;
      el.ergebnisse.dataset.zustand = "fehler";
      el.anzahl.textContent = "Bei der Suche ist ein Fehler aufgetreten. Bitte laden Sie die Seite neu.";
      console.error(fehler);
    }
  };

  window.lernorteSuche = {
    falte,
    woerter,
    stamm,
    hoechstensEinFehler,
    anfrageWoerter: (q) => anfrageWoerter(q, index.stopp),
    ortVon: (dok) => index.ortVon(dok),
    /** The documents a query matches, best first, without filters: [{slug, kind}]. */
    suche: async (q) =>
      (await index.karten((await index.suche(q)).map((t) => t.dok))).map(([art, slug]) => ({
        slug,
        kind: art ? "offer" : "place",
      })),
    letzte: null,
  };

  el.feld.addEventListener("input", () => {
    merken(zustandAusFormular(), tippt);
    tippt = true;
    ausfuehren();
  });
  el.filter.addEventListener("change", (e) => {
    if (e.target.type !== "checkbox") return;
    tippt = false;
    merken(zustandAusFormular(), false);
    ausfuehren();
  });
  el.form.addEventListener("submit", (e) => {
    e.preventDefault();
    tippt = false;
    merken(zustandAusFormular(), false);
    ausfuehren();
  });
  el.mehr.addEventListener("click", async () => {
    const erster = angezeigt;
    angezeigt += SEITE;
    if (await zeigen(letzteTreffer, lauf)) {
      // Keyboard users continue at the first new result.
      el.liste.children[erster]?.querySelector("a")?.focus();
    }
  });
  document.addEventListener("lernorte:standort", async (e) => {
    standort = e.detail;
    if (!lagen) lagen = await lagenLaden();
    ausfuehren();
  });
  window.addEventListener("popstate", () => {
    tippt = false;
    insFormular(zustandAusUrl());
    ausfuehren();
  });

  insFormular(zustandAusUrl());
  await ausfuehren();
  // Small indexes (up to about 3 MB uncompressed, some 1,000 places) are fetched whole after
  // the first results, so that later keystrokes are answered without the network.
  if (await index.vorladen(3_000_000)) wurzel.dataset.vorgeladen = "ja";
}

start();
