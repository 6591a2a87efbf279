// Measures lernorte's search and Pagefind's on the same built site, in Debian's Chromium.
//
//   node messen.mjs --quelle SITE_DIR --ausgabe PUBLIC_DIR [--json FILE]
//
// PUBLIC_DIR is the output of `lernorte build` with a Pagefind index in PUBLIC_DIR/pagefind
// (run.sh makes both). SITE_DIR is the site's source, for the relevance oracle.
//
// For each system it reports:
// - bytes before the first result: a fresh browser opens the search with a query and the
//   script counts every search file fetched (our script, meta, shards, cards; Pagefind's JS,
//   WebAssembly, metadata, index chunks, fragments) until the first 20 results can be shown,
//   as gzip bytes (files Pagefind already stores compressed are counted as they are);
// - time per keystroke: queries typed letter by letter into a warm page, from the input
//   event until the results are in the DOM (ours) or until search() and the first 20
//   results' data() resolved (Pagefind, without drawing anything);
// - recall on a fixed list of German queries against an oracle: the documents whose source
//   file contains the concept (a regular expression over the raw text).

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { FLAGS, server } from "./werkzeug.mjs";

const args = process.argv.slice(2);
const details = args.includes("--details");
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quelle = arg("--quelle");
const ausgabe = arg("--ausgabe");
const jsonDatei = arg("--json");
if (!quelle || !ausgabe) {
  console.error("usage: node messen.mjs --quelle SITE_DIR --ausgabe PUBLIC_DIR [--json FILE]");
  process.exit(2);
}

// Queries for the cold payload and typing: common words, a compound, an umlaut.
const TIPPEN = ["Bienen", "Streuobstwiese", "wald", "Mühle", "Bauernhof", "Wasser"];
const ERSTE = "Bienen";
const SEITE = 20;

// The relevance oracle: query -> concept, as a regular expression over a source file.
const ORAKEL = [
  ["Streuobstwiese", /streuobstwiese/i],
  ["wiese", /wiese/i],
  ["obst", /obst/i],
  ["Wald", /w(a|ä|ae)ld/i],
  ["Wälder", /w(a|ä|ae)ld/i],
  ["Waldpädagogik", /waldp(ä|ae)dagogik/i],
  ["Tiere", /\btier|(haus|wild|nutz|klein|wald|wasser|zoo)tier/i],
  ["Mühle", /m(ü|ue)hle/i],
  ["Muehle", /m(ü|ue)hle/i],
  ["MÜHLE", /m(ü|ue)hle/i],
  ["Bienen", /biene/i],
  ["Bienenweide", /bienenweide/i],
  ["weide", /weide/i],
  ["Käfer", /k(ä|ae)fer/i],
  ["Kräuter", /kr(ä|ae|a)ut/i],
  ["Bäume", /b(ä|ae|a)um(e|\b)/i],
  ["Gärten", /g(ä|ae|a)rten/i],
  ["Vögel", /v(ö|oe|o)gel/i],
  ["Bauernhof", /bauernh(o|ö)f/i],
  ["Bauernhöfe", /bauernh(o|ö)f/i],
  ["Wasser", /wasser/i],
  ["Kreislauf", /kreislauf/i],
  ["Schutz", /schutz/i],
  ["Bach", /b(a|ä)ch(e|\b)/i],
  ["Imker", /imker/i],
];

// ---------------------------------------------------------------- oracle

function quellen(wurzel) {
  const dokumente = [];
  for (const [ordner, art, endung] of [
    ["places", "lernorte", ".yaml"],
    ["content/angebote", "angebote", ".md"],
  ]) {
    const voll = join(wurzel, ordner);
    for (const name of readdirSync(voll)) {
      if (!name.endsWith(endung) && !(endung === ".yaml" && name.endsWith(".yml"))) continue;
      // E-mail and web addresses are not text a visitor searches for ("waldpaedagogik@...").
      // Nor is the slug of an offer's place ("lernort: streuobstwiesen-hedelfingen").
      const text = readFileSync(join(voll, name), "utf8")
        .replace(/^lernort:.*$/m, " ")
        .replace(/\S+@\S+/g, " ")
        .replace(/https?:\/\/\S+/g, " ");
      dokumente.push({ pfad: `/${art}/${name.replace(/\.ya?ml$|\.md$/, "")}/`, text });
    }
  }
  return dokumente;
}

// ---------------------------------------------------------------- helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const quantil = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

function gzipGroesse(wurzel, url) {
  const pfad = new URL(url).pathname;
  const datei = join(wurzel, pfad.endsWith("/") ? pfad + "index.html" : pfad);
  const roh = readFileSync(datei);
  // Pagefind stores its index chunks gzipped already; count such files as they are.
  if (roh[0] === 0x1f && roh[1] === 0x8b) return roh.length;
  return Math.min(roh.length, gzipSync(roh).length);
}


// ---------------------------------------------------------------- main

const srv = await server(ausgabe);
const basis = `http://127.0.0.1:${srv.address().port}`;
const profil = mkdtempSync(join(tmpdir(), "lernorte-bench-"));
const browser = await chromium.launchPersistentContext(profil, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
});
const ergebnis = { site: ausgabe, dokumente: null };

try {
  // ---- cold payload, ours
  {
    const seite = await browser.newPage();
    const cdp = await browser.newCDPSession(seite);
    await cdp.send("Network.clearBrowserCache");
    await seite.goto(`${basis}/suche/?q=${encodeURIComponent(ERSTE)}`);
    await seite.waitForFunction(() => performance.getEntriesByName("lernorte:treffer-angezeigt").length > 0);
    const dateien = await seite.evaluate(() => {
      const mark = performance.getEntriesByName("lernorte:treffer-angezeigt")[0].startTime;
      return performance
        .getEntriesByType("resource")
        .filter((e) => e.responseEnd <= mark + 0.5)
        .map((e) => e.name)
        .filter((n) => n.includes("/suche/index/") || n.endsWith("/js/suche.js"));
    });
    const bytes = dateien.reduce((s, u) => s + gzipGroesse(ausgabe, u), 0);
    const meta = JSON.parse(readFileSync(join(ausgabe, "suche/index/meta.json"), "utf8"));
    ergebnis.dokumente = meta.dokumente;
    ergebnis.lernorte = { erste_anfrage: ERSTE, bytes_gzip: bytes, dateien: dateien.length };
    await seite.close();
  }

  // ---- cold payload, Pagefind (request events: Pagefind also fetches from a worker)
  {
    const seite = await browser.newPage();
    const cdp = await browser.newCDPSession(seite);
    await cdp.send("Network.clearBrowserCache");
    await seite.goto(`${basis}/404.html`);
    const dateien = [];
    const mitschreiben = (r) => {
      if (r.url().includes("/pagefind/")) dateien.push(r.url());
    };
    browser.on("requestfinished", mitschreiben);
    await seite.evaluate(
      async ({ q, n }) => {
        const pf = await import("/pagefind/pagefind.js");
        await pf.options({ excerptLength: 20 });
        const r = await pf.search(q);
        await Promise.all(r.results.slice(0, n).map((x) => x.data()));
      },
      { q: ERSTE, n: SEITE },
    );
    browser.off("requestfinished", mitschreiben);
    const eindeutig = [...new Set(dateien)];
    const bytes = eindeutig.reduce((s, u) => s + gzipGroesse(ausgabe, u), 0);
    ergebnis.pagefind = { erste_anfrage: ERSTE, bytes_gzip: bytes, dateien: eindeutig.length };
    await seite.close();
  }

  // ---- time per keystroke, ours (warm page)
  {
    const seite = await browser.newPage();
    await seite.goto(`${basis}/suche/`);
    await seite.waitForFunction(() => document.getElementById("suchergebnisse").dataset.zustand === "fertig");
    // Small indexes are loaded whole in the background; large ones load shards while typing.
    const vorgeladen = await seite
      .waitForFunction(() => document.getElementById("suche").dataset.vorgeladen === "ja", null, { timeout: 20000 })
      .then(() => true, () => false);
    ergebnis.lernorte.vorgeladen = vorgeladen;
    const zeiten = await seite.evaluate(async (anfragen) => {
      const feld = document.getElementById("suchfeld");
      const erg = document.getElementById("suchergebnisse");
      const fertig = () =>
        new Promise((resolve) => {
          if (erg.dataset.zustand === "fertig") return resolve();
          const mo = new MutationObserver(() => {
            if (erg.dataset.zustand === "fertig") {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(erg, { attributes: true, attributeFilter: ["data-zustand"] });
        });
      const zeiten = [];
      for (const q of anfragen) {
        for (let i = 1; i <= q.length; i++) {
          feld.value = q.slice(0, i);
          const t0 = performance.now();
          feld.dispatchEvent(new Event("input", { bubbles: true }));
          await fertig();
          zeiten.push(performance.now() - t0);
        }
        feld.value = "";
        feld.dispatchEvent(new Event("input", { bubbles: true }));
        await fertig();
      }
      return zeiten;
    }, TIPPEN);
    ergebnis.lernorte.tastendruck_ms = { median: median(zeiten), p90: quantil(zeiten, 0.9), max: Math.max(...zeiten), n: zeiten.length };
    await seite.close();
  }

  // ---- time per keystroke, Pagefind (warm)
  {
    const seite = await browser.newPage();
    await seite.goto(`${basis}/404.html`);
    const zeiten = await seite.evaluate(
      async ({ anfragen, n }) => {
        const pf = await import("/pagefind/pagefind.js");
        await pf.options({ excerptLength: 20 });
        await pf.init();
        const zeiten = [];
        for (const q of anfragen) {
          for (let i = 1; i <= q.length; i++) {
            const t0 = performance.now();
            const r = await pf.search(q.slice(0, i));
            await Promise.all(r.results.slice(0, n).map((x) => x.data()));
            zeiten.push(performance.now() - t0);
          }
        }
        return zeiten;
      },
      { anfragen: TIPPEN, n: SEITE },
    );
    ergebnis.pagefind.tastendruck_ms = { median: median(zeiten), p90: quantil(zeiten, 0.9), max: Math.max(...zeiten), n: zeiten.length };
    await seite.close();
  }

  // ---- recall on the German query list
  {
    const dokumente = quellen(quelle);
    const seite = await browser.newPage();
    await seite.goto(`${basis}/suche/`);
    await seite.waitForFunction(() => window.lernorteSuche && document.getElementById("suchergebnisse").dataset.zustand === "fertig");
    const pf = await browser.newPage();
    await pf.goto(`${basis}/404.html`);
    await pf.evaluate(async () => {
      window.pf = await import("/pagefind/pagefind.js");
      await window.pf.init();
    });
    const zeilen = [];
    for (const [q, muster] of ORAKEL) {
      const relevant = new Set(dokumente.filter((d) => muster.test(d.text)).map((d) => d.pfad));
      const unsere = new Set(
        (await seite.evaluate((q) => window.lernorteSuche.suche(q), q)).map(
          ({ slug, kind }) => `/${kind === "offer" ? "angebote" : "lernorte"}/${slug}/`,
        ),
      );
      const ihre = new Set(
        await pf.evaluate(async (q) => {
          const r = await window.pf.search(q);
          const daten = await Promise.all(r.results.map((x) => x.data()));
          return daten.map((d) => new URL(d.url, location.href).pathname);
        }, q),
      );
      const rec = (gefunden) => (relevant.size ? [...relevant].filter((p) => gefunden.has(p)).length / relevant.size : 1);
      const prec = (gefunden) => (gefunden.size ? [...gefunden].filter((p) => relevant.has(p)).length / gefunden.size : 1);
      const nurOrteUndAngebote = (m) => new Set([...m].filter((p) => /^\/(lernorte|angebote)\/[^/]+\/$/.test(p)));
      zeilen.push({
        anfrage: q,
        relevant: relevant.size,
        praezision_lernorte: prec(unsere),
        praezision_pagefind: prec(nurOrteUndAngebote(ihre)),
        lernorte_verfehlt: [...relevant].filter((p) => !unsere.has(p)),
        pagefind_verfehlt: [...relevant].filter((p) => !ihre.has(p)),
        lernorte: rec(unsere),
        pagefind: rec(nurOrteUndAngebote(ihre)),
      });
    }
    const mittel = (k) => zeilen.reduce((s, z) => s + z[k], 0) / zeilen.length;
    ergebnis.recall = { je_anfrage: zeilen, lernorte: mittel("lernorte"), pagefind: mittel("pagefind") };
    ergebnis.praezision = { lernorte: mittel("praezision_lernorte"), pagefind: mittel("praezision_pagefind") };
  }
} finally {
  await browser.close();
  srv.close();
  rmSync(profil, { recursive: true, force: true });
}

const r = ergebnis;
const f = (x) => (typeof x === "number" ? x.toFixed(1) : x);
console.log(`Site: ${r.site} (${r.dokumente} Dokumente)`);
console.log(`                       lernorte        Pagefind`);
console.log(`Bytes bis 1. Treffer   ${(r.lernorte.bytes_gzip / 1024).toFixed(1).padStart(7)} KB   ${(r.pagefind.bytes_gzip / 1024).toFixed(1).padStart(7)} KB   (gzip; ${r.lernorte.dateien} / ${r.pagefind.dateien} Dateien; Anfrage "${ERSTE}")`);
console.log(`(lernorte: Index ${r.lernorte.vorgeladen ? "nach dem ersten Treffer ganz geladen" : "zu groß zum Vorladen, Teile werden beim Tippen geladen"})`);
console.log(`Tastendruck Median    ${f(r.lernorte.tastendruck_ms.median).padStart(7)} ms   ${f(r.pagefind.tastendruck_ms.median).padStart(7)} ms`);
console.log(`Tastendruck p90       ${f(r.lernorte.tastendruck_ms.p90).padStart(7)} ms   ${f(r.pagefind.tastendruck_ms.p90).padStart(7)} ms`);
console.log(`Recall (Mittel)        ${r.recall.lernorte.toFixed(3).padStart(7)}        ${r.recall.pagefind.toFixed(3).padStart(7)}`);
console.log(`Präzision (Mittel)     ${r.praezision.lernorte.toFixed(3).padStart(7)}        ${r.praezision.pagefind.toFixed(3).padStart(7)}   (gegen dasselbe Orakel)`);
for (const z of r.recall.je_anfrage) {
  console.log(`  ${z.anfrage.padEnd(16)} relevant ${String(z.relevant).padStart(5)}   Recall lernorte ${z.lernorte.toFixed(3)}  Pagefind ${z.pagefind.toFixed(3)}   Präzision lernorte ${z.praezision_lernorte.toFixed(3)}  Pagefind ${z.praezision_pagefind.toFixed(3)}`);
  if (details && z.lernorte_verfehlt.length) console.log(`      lernorte verfehlt: ${z.lernorte_verfehlt.slice(0, 6).join(" ")}`);
}
if (jsonDatei) writeFileSync(jsonDatei, JSON.stringify(ergebnis, null, 2));
