#!/usr/bin/env bash
# Load on the preview while it rebuilds: ten browsers (event streams) plus wrk on a page for
# 10 s, while a place file is edited every 0.5 s. Prints wrk's figures, the errors, and how many
# reload events each browser got.
#
#   cargo build --release
#   cargo run --release --example gen-site -- --places 1000 --seed 1 --out /tmp/site-1k --force
#   bash bench/serve/last.sh /tmp/site-1k        # needs wrk and curl (apt-get install wrk curl)
set -euo pipefail
site=${1:?usage: last.sh SITE}
bin=${LERNORTE:-target/release/lernorte}
port=${PORT:-18111}
work=$(mktemp -d)
"$bin" serve --root "$site" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; kill $(jobs -p) 2>/dev/null; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  grep -q "^Vorschau:" "$work/serve.log" && break
  sleep 0.1
done
for i in $(seq 1 10); do
  curl -sSN "http://127.0.0.1:$port/__lernorte/events" >"$work/sse-$i.txt" 2>"$work/curl-$i.txt" &
done
places=("$site"/places/*.yaml)
place=${places[0]}
cp "$place" "$work/original.yaml"
slug=$(basename "$place" .yaml)
(
  for n in $(seq 1 20); do
    sed "s/^name: \(.*\)$/name: \1 $n/" "$work/original.yaml" >"$place"
    sleep 0.5
  done
  cp "$work/original.yaml" "$place"
) &
editor=$!
wrk -t2 -c16 -d10s "http://127.0.0.1:$port/lernorte/$slug/" | tee "$work/wrk.txt"
wait $editor
sleep 2
echo "rebuilds: $(grep -c ' Gebaut in ' "$work/serve.log")"
for i in $(seq 1 10); do
  echo "browser $i: $(grep -c "^event: reload" "$work/sse-$i.txt") reload events $(cat "$work/curl-$i.txt")"
done
grep -E "Non-2xx|Socket errors" "$work/wrk.txt" || echo "wrk: no errors, no non-2xx answers"
