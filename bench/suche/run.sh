#!/usr/bin/env bash
# Search benchmark: lernorte's index against Pagefind on the same generated sites.
#
#   bench/suche/run.sh            # sites of 1,000 and 10,000 places
#   bench/suche/run.sh 1000 50000 # other sizes
#
# For each size it generates a site (examples/gen-site.rs, seed 1), builds it three times with
# lernorte (median of the "Suchindex" step), indexes the built pages with Pagefind (timed), and
# runs messen.mjs in Debian's Chromium: bytes before the first result, time per keystroke and
# recall on a fixed list of German queries. Needs node >= 20, chromium; npm installs Pagefind and
# playwright-core into bench/suche/node_modules (used only here, never by the product).
set -euo pipefail
cd "$(dirname "$0")"
repo=$(cd ../.. && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ -d node_modules ] || npm ci --silent --no-audit --no-fund
(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example gen-site)
work=${WORK:-$(mktemp -d /tmp/lernorte-bench-suche.XXXXXX)}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  echo "== $n places: $site"
  "$repo/target/release/examples/gen-site" --places "$n" --seed 1 --out "$site" --force >/dev/null
  index_ms=$(for _ in 1 2 3; do
    "$repo/target/release/lernorte" build --root "$site" --out "$site/public" -v \
      | sed -n 's/.*Suchindex \([0-9.]*\) ms.*/\1/p'
  done | median)
  start=$(date +%s%N)
  npx --no-install pagefind --site "$site/public" --silent >/dev/null
  pagefind_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "Index bauen: lernorte ${index_ms} ms (Median aus 3, Schritt Suchindex), Pagefind ${pagefind_ms} ms (ein Lauf, liest die fertigen Seiten)"
  echo "Index auf der Platte: lernorte $(du -sh "$site/public/suche/index" | cut -f1) in $(find "$site/public/suche/index" -type f | wc -l) Dateien, Pagefind $(du -sh "$site/public/pagefind" | cut -f1) in $(find "$site/public/pagefind" -type f | wc -l) Dateien"
  node messen.mjs --quelle "$site" --ausgabe "$site/public" --json "$work/ergebnis-$n.json"
done
echo "Ergebnisse als JSON: $work/ergebnis-*.json"
