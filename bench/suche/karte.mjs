// Measures how fast /karte/ becomes interactive on a built site, in Debian's Chromium.
//
//   node karte.mjs --ausgabe PUBLIC_DIR [--laeufe 5]
//
// Each run opens /karte/ in a fresh page with an empty cache and records, on the page's clock
// (milliseconds since navigation start):
// - "Marker": when #karte gets data-marker-count (all places are in the cluster layer);
// - "interaktiv": when, after that, the main thread first has an idle period again
//   (requestIdleCallback), i.e. a click or a pan would be handled at once;
// - the longest main-thread task until then (PerformanceObserver "longtask").
// Prints the median over the runs. No tile server is contacted (no consent is given).

import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { FLAGS, server } from "./werkzeug.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const ausgabe = arg("--ausgabe");
const laeufe = Number(arg("--laeufe", "5"));
if (!ausgabe) {
  console.error("usage: node karte.mjs --ausgabe PUBLIC_DIR [--laeufe 5]");
  process.exit(2);
}

const srv = await server(ausgabe);
const basis = `http://127.0.0.1:${srv.address().port}`;

const profil = mkdtempSync(join(tmpdir(), "lernorte-karte-"));
const browser = await chromium.launchPersistentContext(profil, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: FLAGS,
});
await browser.addInitScript(() => {
  window.__karte = { laengste: 0 };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__karte.laengste = Math.max(window.__karte.laengste, e.duration);
  }).observe({ type: "longtask", buffered: true });
  const beobachten = () => {
    const k = document.getElementById("karte");
    if (!k) return void requestAnimationFrame(beobachten);
    const fertig = () => {
      window.__karte.marker = performance.now();
      window.__karte.anzahl = Number(k.dataset.markerCount);
      requestIdleCallback(() => (window.__karte.interaktiv = performance.now()));
    };
    if (k.dataset.markerCount) return fertig();
    new MutationObserver((_, mo) => {
      if (k.dataset.markerCount) {
        mo.disconnect();
        fertig();
      }
    }).observe(k, { attributes: true, attributeFilter: ["data-marker-count"] });
  };
  document.addEventListener("DOMContentLoaded", beobachten);
});

const ergebnisse = [];
try {
  for (let i = 0; i < laeufe; i++) {
    const seite = await browser.newPage();
    const cdp = await browser.newCDPSession(seite);
    await cdp.send("Network.clearBrowserCache");
    await seite.goto(`${basis}/karte/`);
    await seite.waitForFunction(() => window.__karte && window.__karte.interaktiv, null, { timeout: 60000 });
    ergebnisse.push(await seite.evaluate(() => window.__karte));
    await seite.close();
  }
} finally {
  await browser.close();
  srv.close();
  rmSync(profil, { recursive: true, force: true });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`/karte/ mit ${ergebnisse[0].anzahl} Lernorten, ${laeufe} Läufe (Median):`);
console.log(`  Marker gesetzt   ${median(ergebnisse.map((e) => e.marker)).toFixed(0)} ms`);
console.log(`  interaktiv       ${median(ergebnisse.map((e) => e.interaktiv)).toFixed(0)} ms`);
console.log(`  längste Aufgabe  ${median(ergebnisse.map((e) => e.laengste)).toFixed(0)} ms`);
